//! Where panj may write a file a person named, and how: never over the
//! database, its journal files or its backups, never onto a device, pipe,
//! folder or link, never over a file that panj did not write, and always
//! under a temporary name first, renamed into place only when whole.
//!
//! Every command that writes a file the user names (export, backup,
//! recover) goes through [`check_output`] and [`write_atomically`].

use super::{Result, StoreError, backups};
use std::io::Write;
use std::path::{Path, PathBuf};

fn refused(path: &Path, reason: impl Into<String>) -> StoreError {
    StoreError::UnsafeOutput {
        path: path.to_path_buf(),
        reason: reason.into(),
    }
}

/// The path with its folder resolved (links, `..`), so two spellings of
/// one file compare equal; the file itself need not exist.
fn resolved(path: &Path) -> PathBuf {
    if let Ok(full) = std::fs::canonicalize(path) {
        return full;
    }
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    match (std::fs::canonicalize(parent), path.file_name()) {
        (Ok(dir), Some(name)) => dir.join(name),
        _ => path.to_path_buf(),
    }
}

/// The files that belong to the database at `db` and must never be
/// written over by an export or a copy: the file, SQLite's journals, and
/// its backups folder.
fn is_part_of_database(out: &Path, db: &Path) -> Option<&'static str> {
    let out = resolved(out);
    let db = resolved(db);
    if out == db {
        return Some("it is the database itself");
    }
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut name = db.as_os_str().to_os_string();
        name.push(suffix);
        if out.as_os_str() == name {
            return Some("it is one of the database's journal files");
        }
    }
    if out.starts_with(resolved(&backups::backup_dir(&db))) {
        return Some("it is in the database's backups folder");
    }
    None
}

/// What may happen to an existing file at an output path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    /// The path must not exist yet (backups, recovered copies).
    Refuse,
    /// An existing file may be replaced when `may_replace` says panj
    /// wrote it (an export with its manifest).
    ReplaceIfOurs,
    /// An existing file may be replaced when `may_replace` says it is a
    /// panj bundle (which is a SQLite file, unlike exports).
    ReplaceIfBundle,
}

/// Refuses an output path that is the database at `db` (or its journals
/// or backups), anything but a regular file, or an existing file that
/// `may_replace` does not vouch for.
pub fn check_output(
    out: &Path,
    db: Option<&Path>,
    existing: Existing,
    may_replace: impl Fn(&Path) -> bool,
) -> Result<()> {
    if out.as_os_str().is_empty() {
        return Err(refused(out, "no file name was given"));
    }
    if let Some(reason) = db.and_then(|db| is_part_of_database(out, db)) {
        return Err(refused(out, reason));
    }
    let meta = match std::fs::symlink_metadata(out) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(source) => {
            return Err(StoreError::Io {
                path: out.to_path_buf(),
                source,
            });
        }
    };
    let kind = meta.file_type();
    if !kind.is_file() {
        let what = if kind.is_dir() {
            "a folder"
        } else if kind.is_symlink() {
            "a symbolic link"
        } else {
            "a device, pipe or socket, not a regular file"
        };
        return Err(refused(out, format!("it is {what}")));
    }
    // A bundle is itself a SQLite file: only a bundle may replace one.
    if existing == Existing::ReplaceIfBundle {
        return if may_replace(out) {
            Ok(())
        } else {
            Err(refused(
                out,
                "the file already exists and is not a panj bundle; choose a new name",
            ))
        };
    }
    if is_sqlite_file(out) {
        return Err(refused(
            out,
            "it is a SQLite database (perhaps a panj database or backup)",
        ));
    }
    match existing {
        Existing::Refuse => Err(refused(out, "the file already exists")),
        Existing::ReplaceIfOurs | Existing::ReplaceIfBundle if may_replace(out) => Ok(()),
        Existing::ReplaceIfOurs | Existing::ReplaceIfBundle => Err(refused(
            out,
            "the file already exists and panj did not write it (or it was changed since); \
             choose a new name or remove it yourself",
        )),
    }
}

pub(crate) fn is_sqlite_file(path: &Path) -> bool {
    let mut header = [0u8; 16];
    std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut header))
        .is_ok()
        && &header == super::SQLITE_HEADER
}

/// A name beside `path` that nothing else uses: `.NAME.PID-NANOS.partial`.
pub fn temporary_beside(path: &Path) -> PathBuf {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    path.with_file_name(format!(".{name}.{}-{nanos}.partial", std::process::id()))
}

/// The process that made a temporary name of [`temporary_beside`] for
/// `path`'s file (`.NAME.PID-NANOS.partial`, and SQLite's `-wal`, `-shm`,
/// `-journal` beside it), if `file_name` is one.
fn partial_owner(path: &Path, file_name: &str) -> Option<u32> {
    let name = path.file_name()?.to_str()?;
    let rest = file_name.strip_prefix(&format!(".{name}."))?;
    let (stamp, ending) = rest.split_once(".partial")?;
    if !["", "-wal", "-shm", "-journal"].contains(&ending) {
        return None;
    }
    let (pid, nanos) = stamp.split_once('-')?;
    nanos.parse::<u128>().ok()?;
    pid.parse().ok()
}

/// Whether a process with this id is running (Unix: signal 0 reaches it
/// or it belongs to another user; elsewhere every process is assumed to).
fn is_running(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            return false;
        };
        // SAFETY: signal 0 checks the process exists and sends nothing.
        let answer = unsafe { libc::kill(pid, 0) };
        answer == 0 || std::io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

/// Whether another running panj is writing a new copy of the database
/// `path` (an encryption, a rekey or a restore: its temporary copy is
/// beside it), to be swapped in when whole.
pub fn replacement_in_progress(path: &Path) -> bool {
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let Ok(entries) = std::fs::read_dir(folder) else {
        return false;
    };
    entries.flatten().any(|entry| {
        entry
            .file_name()
            .to_str()
            .and_then(|n| partial_owner(path, n))
            .is_some_and(|owner| owner != std::process::id() && is_running(owner))
    })
}

/// Removes the temporary copies a killed restore or encryption left beside
/// the database `path` (each as large as the database): those whose
/// process no longer runs. Called whenever a database is opened, so the
/// next command on it cleans up.
pub fn remove_leftover_partials(path: &Path) {
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(owner) = file_name.to_str().and_then(|n| partial_owner(path, n)) else {
            continue;
        };
        if owner != std::process::id() && !is_running(owner) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Writes `path` whole or not at all: `fill` writes into a new temporary
/// file beside it, which is synced and renamed over `path` only when
/// `fill` succeeded; on any failure the temporary file is removed and
/// `path` is as it was.
pub fn write_atomically(
    path: &Path,
    fill: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let temporary = temporary_beside(path);
    let result = (|| {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temporary)?;
        fill(&mut file)?;
        file.flush()?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&temporary, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    result
}

/// Writes a file produced by `produce` (given a temporary path, which it
/// must create) under `path` by rename, so a kill half-way leaves no file
/// under the name asked for. For writers that need a path, not a handle
/// (SQLite's `VACUUM INTO`).
pub fn produce_atomically(path: &Path, produce: impl FnOnce(&Path) -> Result<()>) -> Result<()> {
    let temporary = temporary_beside(path);
    let result = produce(&temporary).and_then(|()| {
        std::fs::rename(&temporary, path).map_err(|source| StoreError::Io {
            path: path.to_path_buf(),
            source,
        })
    });
    if result.is_err() {
        remove_with_journals(&temporary);
    }
    result
}

/// Removes a scratch database and whatever journal files SQLite left
/// beside it; what is not there is no error.
pub(crate) fn remove_with_journals(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut name = path.as_os_str().to_os_string();
        name.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(name));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_database_its_journals_backups_and_devices_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("w.db");
        std::fs::write(&db, b"SQLite format 3\0 and more").unwrap();
        let ok = |_: &Path| true;
        let check = |out: &Path| check_output(out, Some(&db), Existing::ReplaceIfOurs, ok);
        assert!(check(&db).is_err());
        assert!(check(&dir.path().join("./w.db")).is_err());
        assert!(check(&dir.path().join("w.db-wal")).is_err());
        assert!(check(&dir.path().join("w-backups/x.db")).is_err());
        assert!(check(Path::new("/dev/null")).is_err());
        assert!(check(dir.path()).is_err());
        let other_db = dir.path().join("other.db");
        std::fs::write(&other_db, b"SQLite format 3\0 and more").unwrap();
        assert!(
            check(&other_db).is_err(),
            "another database is never replaced"
        );
        let new = dir.path().join("new.csv");
        assert!(check(&new).is_ok());
        std::fs::write(&new, "x").unwrap();
        assert!(check(&new).is_ok(), "vouched for by may_replace");
        assert!(check_output(&new, Some(&db), Existing::ReplaceIfOurs, |_| false).is_err());
        assert!(check_output(&new, Some(&db), Existing::Refuse, ok).is_err());
    }

    #[test]
    fn a_failed_atomic_write_leaves_the_old_file_and_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        std::fs::write(&path, "old").unwrap();
        let failed = write_atomically(&path, |f| {
            f.write_all(b"half")?;
            Err(std::io::Error::other("cut short"))
        });
        assert!(failed.is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        write_atomically(&path, |f| f.write_all(b"new")).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
    }

    #[test]
    fn copies_left_by_a_killed_panj_are_removed_and_a_running_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("panj.db");
        std::fs::write(&db, b"").unwrap();
        // No process has id 2^22 + 1 (Linux's pid_max is at most 2^22).
        let dead = dir.path().join(".panj.db.4194305-17.partial");
        let dead_wal = dir.path().join(".panj.db.4194305-17.partial-wal");
        let alive = dir
            .path()
            .join(format!(".panj.db.{}-18.partial", std::process::id()));
        let other = dir.path().join(".other.db.4194305-17.partial");
        for file in [&dead, &dead_wal, &alive, &other] {
            std::fs::write(file, b"x").unwrap();
        }
        remove_leftover_partials(&db);
        assert!(!dead.exists() && !dead_wal.exists());
        assert!(alive.exists() && other.exists() && db.exists());
    }
}
