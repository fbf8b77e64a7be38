//! Rotating automatic backups beside the database: before a schema
//! migration, before an import, before a restore, and once a day, each a
//! consistent online copy (`VACUUM INTO`, safe while panj writes) in the
//! folder `<name>-backups/` next to `<name>.db`, named by time and reason;
//! the newest few of each reason are kept, and never the newest backup
//! that holds more incidents than the database does now. A restore accepts
//! only a checked panj database, takes the write lock for the whole swap
//! (other writers wait or are refused, none can commit rows the restore
//! then drops unseen), keeps the database as it was as one more backup,
//! and replaces the contents in one transaction. A damaged database is
//! not read at all: it is set aside in the backups folder and the backup
//! put in its place.

use super::files::remove_with_journals;
use super::secret::{self, Passphrase};
use super::{Result, Store, StoreError, files, migrations};
use jiff::Timestamp;
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};

/// Why a backup was made; each reason rotates on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BackupReason {
    BeforeMigration,
    BeforeImport,
    BeforeRestore,
    Daily,
    Manual,
    /// A damaged database set aside by a restore (for `panj recover`).
    Damaged,
}

impl BackupReason {
    pub const ALL: [BackupReason; 6] = [
        BackupReason::BeforeMigration,
        BackupReason::BeforeImport,
        BackupReason::BeforeRestore,
        BackupReason::Daily,
        BackupReason::Manual,
        BackupReason::Damaged,
    ];

    pub fn code(self) -> &'static str {
        match self {
            BackupReason::BeforeMigration => "before-migration",
            BackupReason::BeforeImport => "before-import",
            BackupReason::BeforeRestore => "before-restore",
            BackupReason::Daily => "daily",
            BackupReason::Manual => "manual",
            BackupReason::Damaged => "damaged",
        }
    }

    /// How many of this reason are kept.
    pub fn keep(self) -> usize {
        match self {
            BackupReason::Daily => 7,
            BackupReason::Manual => 10,
            _ => 5,
        }
    }
}

/// One backup in the folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupFile {
    pub path: PathBuf,
    pub reason: BackupReason,
    /// When it was made, from its name.
    pub made: Timestamp,
}

/// The folder of `db`'s backups: `panj-backups/` beside `panj.db`.
pub fn backup_dir(db: &Path) -> PathBuf {
    let stem = db
        .file_stem()
        .map_or_else(|| "panj".to_string(), |s| s.to_string_lossy().to_string());
    db.with_file_name(format!("{stem}-backups"))
}

/// The backups of `db`, oldest first.
pub fn list(db: &Path) -> Vec<BackupFile> {
    let Ok(entries) = std::fs::read_dir(backup_dir(db)) else {
        return Vec::new();
    };
    let mut found: Vec<BackupFile> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let path = e.path();
            let name = path.file_name()?.to_str()?.strip_suffix(".db")?.to_string();
            let rest = name.strip_prefix("panj-")?;
            let (stamp, reason) = rest.split_once('Z')?;
            let reason = BackupReason::ALL
                .into_iter()
                .find(|r| reason.strip_prefix('-') == Some(r.code()))?;
            let made = jiff::civil::DateTime::strptime("%Y%m%dT%H%M%S%.f", stamp)
                .ok()?
                .to_zoned(jiff::tz::TimeZone::UTC)
                .ok()?
                .timestamp();
            Some(BackupFile { path, reason, made })
        })
        .collect();
    found.sort_by_key(|b| (b.made, b.path.clone()));
    found
}

/// A partial backup untouched this long was left by a panj that was
/// killed or lost power while writing it; one being written is touched
/// continually.
const ABANDONED_AFTER: std::time::Duration = std::time::Duration::from_secs(15 * 60);

/// Removes the half-written backups (`*.partial` and SQLite's
/// `*.partial-journal`) that killed processes left in `dir`: each can be
/// as large as the database, and nothing ever completes them.
fn remove_abandoned_partials(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let is_partial = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e == "partial" || e == "partial-journal");
        let idle = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|m| m.elapsed().ok())
            .is_some_and(|idle| idle >= ABANDONED_AFTER);
        if is_partial && idle {
            let _ = std::fs::remove_file(&path);
        }
    }
}

/// The name of a new backup of `db` for `reason`, stamped now.
fn new_backup_path(db: &Path, reason: BackupReason) -> Result<PathBuf> {
    let dir = backup_dir(db);
    std::fs::create_dir_all(&dir).map_err(|source| StoreError::Io {
        path: dir.clone(),
        source,
    })?;
    let stamp = Timestamp::now().strftime("%Y%m%dT%H%M%S%.6f").to_string();
    Ok(dir.join(format!("panj-{stamp}Z-{}.db", reason.code())))
}

/// How many incidents (live and deleted) a database file holds, read
/// without changing it; `None` when it cannot be read.
fn incidents_in(path: &Path, key: Option<&Passphrase>) -> Option<i64> {
    let conn = secret::connect(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        key,
    )
    .ok()?;
    conn.query_row("SELECT count(*) FROM incidents", [], |r| r.get(0))
        .ok()
}

/// Makes a backup of the database `conn` reads (the file `db`) for
/// `reason`, then drops the oldest of that reason beyond its limit, but
/// never the newest backup that holds more incidents than the database
/// does now: six restores of an empty file must not rotate away the only
/// copy of the work. The backup of an encrypted database is encrypted
/// with its key (`VACUUM INTO` keeps the key of the database it copies).
fn rotating_backup_from(
    conn: &Connection,
    db: &Path,
    reason: BackupReason,
    key: Option<&Passphrase>,
) -> Result<PathBuf> {
    let target = new_backup_path(db, reason)?;
    let dir = backup_dir(db);
    remove_abandoned_partials(&dir);
    files::produce_atomically(&target, |temporary| super::vacuum_into(conn, temporary)).map_err(
        |e| StoreError::BackupFailed {
            dir: dir.clone(),
            detail: e.to_string(),
        },
    )?;
    let of_reason: Vec<BackupFile> = list(db)
        .into_iter()
        .filter(|b| b.reason == reason)
        .collect();
    let doomed = &of_reason[..of_reason.len().saturating_sub(reason.keep())];
    if doomed.is_empty() {
        return Ok(target);
    }
    let now: i64 = conn
        .query_row("SELECT count(*) FROM incidents", [], |r| r.get(0))
        .unwrap_or(0);
    let richer = list(db)
        .into_iter()
        .rev()
        .find(|b| incidents_in(&b.path, key).is_some_and(|n| n > now))
        .map(|b| b.path);
    for old in doomed {
        if Some(&old.path) != richer.as_ref() {
            let _ = std::fs::remove_file(&old.path);
        }
    }
    Ok(target)
}

/// Why a file offered for a restore is refused, said of that file.
fn refuse(backup: &Path, reason: impl Into<String>) -> StoreError {
    StoreError::RestoreRefused {
        path: backup.to_path_buf(),
        reason: reason.into(),
    }
}

/// Checks that `backup` is a panj database panj can read (a regular,
/// non-empty SQLite file with panj's application id and a schema version
/// this build knows), without writing to it.
fn check_candidate(backup: &Path, key: Option<&Passphrase>) -> Result<()> {
    let meta = std::fs::metadata(backup).map_err(|e| refuse(backup, e.to_string()))?;
    if !meta.is_file() {
        return Err(refuse(backup, "it is not a regular file"));
    }
    if meta.len() == 0 {
        return Err(refuse(
            backup,
            "it is empty (0 bytes): a backup cut short, perhaps by a full disk",
        ));
    }
    match (secret::looks(backup), key) {
        (secret::Looks::Encrypted, None) => {
            return Err(refuse(
                backup,
                "it is encrypted and this database is not: decrypt it with panj decrypt --db BACKUP first",
            ));
        }
        (secret::Looks::Plain, Some(_)) => {
            return Err(refuse(
                backup,
                "it is not encrypted and this database is: encrypt it with panj encrypt --db BACKUP first",
            ));
        }
        (secret::Looks::Encrypted, Some(_)) => {}
        _ => super::check_header(backup)
            .map_err(|_| refuse(backup, "it is not a SQLite database"))?,
    }
    let conn = secret::connect_checked(
        backup,
        key,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| match e {
        StoreError::WrongPassphrase { .. } => refuse(
            backup,
            "it is encrypted with another passphrase than this database",
        ),
        other => refuse(backup, other.to_string()),
    })?;
    let read = |pragma: &str| -> Result<i64> {
        conn.pragma_query_value(None, pragma, |r| r.get(0))
            .map_err(|e| refuse(backup, format!("it cannot be read ({e})")))
    };
    let application_id = read("application_id")?;
    let version = read("user_version")?;
    if application_id != i64::from(migrations::APPLICATION_ID) {
        return Err(refuse(
            backup,
            "it is not a panj database (no panj application id)",
        ));
    }
    if version < 1 || version > migrations::latest_version() {
        return Err(refuse(
            backup,
            format!(
                "it has schema version {version}; this panj reads versions 1 to {}",
                migrations::latest_version()
            ),
        ));
    }
    Ok(())
}

/// A checked copy of `backup` beside `db`, upgraded to this build's
/// schema (the backup itself is never written), open and passing `panj
/// check`. The caller removes it.
fn checked_copy(backup: &Path, db: &Path, key: Option<&Passphrase>) -> Result<(PathBuf, Store)> {
    check_candidate(backup, key)?;
    let scratch = files::temporary_beside(db);
    std::fs::copy(backup, &scratch).map_err(|e| refuse(backup, e.to_string()))?;
    let opened = Store::open_scratch(&scratch, key.cloned()).and_then(|checked| {
        let report = checked.check()?;
        if report.is_ok() {
            Ok(checked)
        } else {
            Err(StoreError::Corrupt(format!(
                "it does not pass panj check ({})",
                report.integrity.join("; ")
            )))
        }
    });
    match opened {
        Ok(store) => Ok((scratch, store)),
        Err(e) => {
            remove_with_journals(&scratch);
            let said = e.to_string().replace(
                &scratch.display().to_string(),
                &backup.display().to_string(),
            );
            Err(refuse(backup, said))
        }
    }
}

/// How long a restore waits for other writers, and what it says when it
/// starts waiting (see [`Store::wait_for_other_writers`]).
pub type WriterWait = (std::time::Duration, fn(&Path));

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    /// The backup of the database as it was (or the damaged file set aside).
    pub kept: Option<PathBuf>,
    /// Whether the database was damaged and replaced as a file.
    pub was_damaged: bool,
}

/// Restores the database at `db` from `backup`: in place, under the write
/// lock, when the database opens and passes SQLite's quick check; else
/// (a damaged file) by setting the damaged file aside in the backups
/// folder and putting the checked backup in its place, without reading
/// the damaged file.
pub fn restore(db: &Path, backup: &Path, wait: Option<WriterWait>) -> Result<Restored> {
    let refuse = |reason: String| StoreError::RestoreRefused {
        path: db.to_path_buf(),
        reason,
    };
    crate::reading::regular(backup, crate::reading::Kind::Backup).map_err(|e| match e {
        crate::reading::ReadError::Io { path, source } => StoreError::Io { path, source },
        other => refuse(other.to_string()),
    })?;
    if let (Ok(from), Ok(to)) = (std::fs::canonicalize(backup), std::fs::canonicalize(db))
        && from == to
    {
        return Err(refuse(format!(
            "{} is the database itself, not a backup of it (`panj backups` lists them)",
            backup.display()
        )));
    }
    let healthy = match Store::open(db) {
        Ok(store) => store.quick_check_ok().then_some(store),
        Err(
            StoreError::Sqlite(_)
            | StoreError::NotSqlite { .. }
            | StoreError::DamagedHeader { .. }
            | StoreError::Corrupt(_),
        ) => None,
        Err(other) => return Err(other),
    };
    let key = secret::known(db);
    if let Some(mut store) = healthy {
        if let Some((duration, notice)) = wait {
            store.wait_for_other_writers(duration, notice);
        }
        let kept = store.restore_from(backup)?;
        return Ok(Restored {
            kept,
            was_damaged: false,
        });
    }
    let (scratch, checked) = checked_copy(backup, db, key.as_ref())?;
    drop(checked);
    let result = (|| {
        let aside = new_backup_path(db, BackupReason::Damaged)?;
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |source| StoreError::Io { path, source }
        };
        std::fs::copy(db, &aside).map_err(io(&aside))?;
        let journal = |suffix: &str| {
            let mut name = db.as_os_str().to_os_string();
            name.push(suffix);
            PathBuf::from(name)
        };
        if journal("-wal").exists() {
            let mut name = aside.as_os_str().to_os_string();
            name.push("-wal");
            std::fs::copy(journal("-wal"), PathBuf::from(name)).map_err(io(&aside))?;
        }
        // A journal left beside the new file would be played into it.
        for suffix in ["-wal", "-shm", "-journal"] {
            match std::fs::remove_file(journal(suffix)) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    return Err(io(&journal(suffix))(e));
                }
                _ => {}
            }
        }
        std::fs::rename(&scratch, db).map_err(io(db))?;
        Ok(aside)
    })();
    if result.is_err() {
        remove_with_journals(&scratch);
    }
    Ok(Restored {
        kept: Some(result?),
        was_damaged: true,
    })
}

impl Store {
    /// Makes a backup for `reason` in the backups folder and drops the
    /// oldest of that reason beyond its limit. `None` for a database in
    /// memory.
    pub fn rotating_backup(&self, reason: BackupReason) -> Result<Option<PathBuf>> {
        match &self.path {
            Some(db) => rotating_backup_from(&self.conn, db, reason, self.key.as_ref()).map(Some),
            None => Ok(None),
        }
    }

    /// The day's backup, if the newest daily one is a day old or missing.
    pub fn daily_backup_if_due(&self) -> Result<Option<PathBuf>> {
        let Some(db) = &self.path else {
            return Ok(None);
        };
        if self.read_only {
            return Ok(None);
        }
        let newest = list(db)
            .into_iter()
            .filter(|b| b.reason == BackupReason::Daily)
            .map(|b| b.made)
            .max();
        let day = jiff::SignedDuration::from_hours(24);
        match newest {
            Some(made) if Timestamp::now().duration_since(made) < day => Ok(None),
            _ => self.rotating_backup(BackupReason::Daily),
        }
    }

    /// Whether SQLite's quick check finds the file sound.
    pub fn quick_check_ok(&self) -> bool {
        self.conn
            .query_row("PRAGMA quick_check", [], |r| r.get::<_, String>(0))
            .is_ok_and(|r| r == "ok")
    }

    /// Replaces everything in this database with the backup at `backup`,
    /// after checking the backup is a sound panj database (an older
    /// schema is upgraded in a scratch copy, never in the backup). The
    /// write lock is held from before the copy of the database as it was
    /// until the new contents are committed, so no other writer's rows
    /// are lost unseen: what was committed before is in that copy, what
    /// comes after waits. Returns that copy.
    pub fn restore_from(&mut self, backup: &Path) -> Result<Option<PathBuf>> {
        if self.read_only {
            return Err(StoreError::ReadOnly("the restore"));
        }
        let Some(db) = self.path.clone() else {
            return Err(StoreError::Corrupt(
                "a database in memory cannot be restored".into(),
            ));
        };
        let (scratch, checked) = checked_copy(backup, &db, self.key.as_ref())?;
        drop(checked);
        let result = self.replace_contents_with(&scratch, &db);
        remove_with_journals(&scratch);
        result.map(Some)
    }

    /// Copies every table of the panj database `scratch` over this one's in
    /// one transaction, after a backup of this one made under the same
    /// write lock.
    fn replace_contents_with(&mut self, scratch: &Path, db: &Path) -> Result<PathBuf> {
        let scratch_text = scratch.to_string_lossy().to_string();
        self.conn
            .execute("ATTACH DATABASE ?1 AS restored", [&scratch_text])?;
        // Tables are emptied and refilled one by one, so references are
        // broken in between; the checked copy is whole, and the result is
        // checked before it is committed.
        self.conn.pragma_update(None, "foreign_keys", false)?;
        let result = (|| {
            let tx = self.begin_write("the restore")?;
            // Another connection sees everything committed so far, and
            // nobody can commit more while this transaction holds the lock.
            let reader = secret::connect(
                db,
                OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
                self.key.as_ref(),
            )?;
            let kept =
                rotating_backup_from(&reader, db, BackupReason::BeforeRestore, self.key.as_ref())?;
            drop(reader);
            // The rows are about to be deleted, which the index must hold.
            super::text_index::catch_up(&tx, |_, _| {})?;
            let tables: Vec<String> = {
                let mut stmt = tx.prepare(
                    "SELECT name FROM main.sqlite_schema WHERE type = 'table'
                     AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'incidents_fts%'",
                )?;
                stmt.query_map([], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?
            };
            for table in &tables {
                tx.execute_batch(&format!(
                    "DELETE FROM main.\"{table}\"; INSERT INTO main.\"{table}\" SELECT * FROM restored.\"{table}\";"
                ))?;
            }
            let broken: i64 =
                tx.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                    r.get(0)
                })?;
            if broken > 0 {
                return Err(StoreError::Corrupt(format!(
                    "the restored records hold {broken} broken references; nothing was restored"
                )));
            }
            super::text_index::forget_pending(&tx)?;
            tx.commit()?;
            Ok(kept)
        })();
        let _ = self.conn.pragma_update(None, "foreign_keys", true);
        let _ = self.conn.execute("DETACH DATABASE restored", []);
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filter::Filter;

    fn seeded(dir: &Path) -> Store {
        let mut store = Store::open(&dir.join("panj.db")).unwrap();
        crate::exchange::seed::seed(&mut store).unwrap();
        store
    }

    #[test]
    fn backups_rotate_per_reason() {
        let dir = tempfile::tempdir().unwrap();
        let store = seeded(dir.path());
        for _ in 0..7 {
            store.rotating_backup(BackupReason::BeforeImport).unwrap();
        }
        store.rotating_backup(BackupReason::Manual).unwrap();
        let all = list(&dir.path().join("panj.db"));
        let imports = all
            .iter()
            .filter(|b| b.reason == BackupReason::BeforeImport);
        assert_eq!(imports.count(), 5, "the oldest two went");
        assert_eq!(all.len(), 6);
        assert!(all[0].path.starts_with(dir.path().join("panj-backups")));
    }

    #[test]
    fn a_migration_is_preceded_by_a_backup_of_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("old.db");
        {
            let conn = rusqlite::Connection::open(&db).unwrap();
            conn.execute_batch(crate::store::migrations::MIGRATIONS[0].sql)
                .unwrap();
            conn.pragma_update(
                None,
                "application_id",
                crate::store::migrations::APPLICATION_ID,
            )
            .unwrap();
            conn.pragma_update(None, "user_version", 1).unwrap();
        }
        let store = Store::open(&db).unwrap();
        assert_eq!(
            store.schema_version().unwrap(),
            crate::store::migrations::latest_version()
        );
        let backups = list(&db);
        assert_eq!(backups.len(), 1);
        assert_eq!(backups[0].reason, BackupReason::BeforeMigration);
        let old = rusqlite::Connection::open(&backups[0].path).unwrap();
        let version: i64 = old
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version, 1, "the backup is the file as it was");
    }

    /// A backup a killed panj left half-written is removed by the next
    /// backup; one another panj is writing right now is left alone.
    #[test]
    fn abandoned_partial_backups_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let store = seeded(dir.path());
        let backups = dir.path().join("panj-backups");
        std::fs::create_dir_all(&backups).unwrap();
        let abandoned = backups.join("panj-20250101T000000.000000Z-daily.partial");
        let journal = backups.join("panj-20250101T000000.000000Z-daily.partial-journal");
        let in_progress = backups.join("panj-20991231T000000.000000Z-manual.partial");
        let long_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        for path in [&abandoned, &journal] {
            std::fs::File::create(path)
                .unwrap()
                .set_modified(long_ago)
                .unwrap();
        }
        std::fs::write(&in_progress, b"being written").unwrap();
        store.rotating_backup(BackupReason::Manual).unwrap();
        assert!(!abandoned.exists() && !journal.exists());
        assert!(in_progress.exists());
        assert_eq!(list(&dir.path().join("panj.db")).len(), 1);
    }

    #[test]
    fn a_daily_backup_is_made_once_a_day() {
        let dir = tempfile::tempdir().unwrap();
        let store = seeded(dir.path());
        assert!(store.daily_backup_if_due().unwrap().is_some());
        assert!(store.daily_backup_if_due().unwrap().is_none());
        assert!(
            Store::open_in_memory()
                .unwrap()
                .daily_backup_if_due()
                .unwrap()
                .is_none()
        );
    }

    #[test]
    fn a_restore_brings_back_the_backup_and_keeps_what_was_there() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = seeded(dir.path());
        let backup = store
            .rotating_backup(BackupReason::Manual)
            .unwrap()
            .unwrap();
        let all = store.query(&Filter::default()).unwrap();
        store.delete_incident(all[0].id, all[0].version).unwrap();
        assert_eq!(store.count(&Filter::default()).unwrap(), 2);

        let kept = store.restore_from(&backup).unwrap().unwrap();
        assert!(store.quick_check_ok());
        assert_eq!(store.count(&Filter::default()).unwrap(), 3);
        assert!(store.check().unwrap().is_ok());
        let before_restore = Store::open(&kept).unwrap();
        assert_eq!(before_restore.count(&Filter::default()).unwrap(), 2);

        // A file that is not a sound database restores nothing.
        let junk = dir.path().join("junk.db");
        std::fs::write(&junk, "not a database").unwrap();
        assert!(store.restore_from(&junk).is_err());
        assert_eq!(store.count(&Filter::default()).unwrap(), 3);
    }

    /// Restores of a nearly empty file must not rotate away the only copy
    /// of the work: the newest backup holding more incidents than the
    /// database is kept past the count.
    #[test]
    fn rotation_keeps_the_newest_backup_that_holds_more_than_the_database() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = seeded(dir.path());
        let empty = dir.path().join("empty.db");
        drop(Store::open(&empty).unwrap());
        let kept = store.restore_from(&empty).unwrap().unwrap();
        assert_eq!(store.count(&Filter::default()).unwrap(), 0);
        for _ in 0..BackupReason::BeforeRestore.keep() + 2 {
            store.restore_from(&empty).unwrap();
        }
        assert!(
            kept.exists(),
            "the only backup with the three incidents went"
        );
        let before_restore: Vec<_> = list(&dir.path().join("panj.db"))
            .into_iter()
            .filter(|b| b.reason == BackupReason::BeforeRestore)
            .collect();
        assert_eq!(before_restore.len(), BackupReason::BeforeRestore.keep() + 1);
        assert_eq!(
            Store::open(&kept)
                .unwrap()
                .count(&Filter::default())
                .unwrap(),
            3
        );
    }

    /// A restore holds the write lock from its copy of the database as it
    /// was to its commit: another writer waits, and its rows are either in
    /// that copy or in the restored database, never lost between.
    #[test]
    fn a_restore_takes_the_write_lock_for_the_whole_swap() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = seeded(dir.path());
        let backup = store
            .rotating_backup(BackupReason::Manual)
            .unwrap()
            .unwrap();
        let holder = rusqlite::Connection::open(dir.path().join("panj.db")).unwrap();
        holder.execute_batch("BEGIN IMMEDIATE").unwrap();
        let refused = store.restore_from(&backup);
        assert!(
            matches!(refused, Err(StoreError::Busy { .. })),
            "{refused:?}"
        );
        holder.execute_batch("ROLLBACK").unwrap();
        assert!(store.restore_from(&backup).is_ok());
    }
}
