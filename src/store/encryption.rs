//! `panj encrypt`, `panj decrypt` and `panj rekey`: a database and its
//! backups converted from one key (or none) to another, each file written
//! anew beside itself (`sqlcipher_export`), checked, synced and renamed
//! over the old one. A kill at any moment leaves every file whole, either
//! as it was or converted: the old key or the new one opens it.
//!
//! The database is converted alone: leaving WAL mode needs every other
//! connection closed, and the exclusive lock taken then is held until the
//! new file is in place, so no other panj can write to the old file
//! meanwhile and lose its work.

use super::secret::{self, Looks, Passphrase};
use super::{Result, StoreError, backups, files, migrations};
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};

/// What a conversion did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Converted {
    /// The file as it was, kept when asked.
    pub kept: Option<PathBuf>,
    /// Backups converted too.
    pub backups: usize,
    /// Backups left as they were (they open with neither key), by name.
    pub backups_left: Vec<PathBuf>,
    /// Incidents in the converted file (the same as before).
    pub incidents: i64,
}

fn refused(db: &Path, reason: impl Into<String>) -> StoreError {
    StoreError::ConversionRefused {
        path: db.to_path_buf(),
        reason: reason.into(),
    }
}

/// Whether the file at `path` is in the state `key` describes (plain for
/// `None`), and opens with it.
fn opens_with(path: &Path, key: Option<&Passphrase>) -> bool {
    let looks = secret::looks(path);
    match key {
        None => looks == Looks::Plain,
        Some(_) => {
            looks == Looks::Encrypted
                && secret::connect_checked(
                    path,
                    key,
                    OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
                )
                .is_ok()
        }
    }
}

/// Converts the database at `db` from key `from` (`None`: plain) to key
/// `to`, and its backups with it. With `keep_old`, the file as it was is
/// kept beside it as `NAME-before-CHANGE-TIME.db`.
pub fn convert(
    db: &Path,
    from: Option<&Passphrase>,
    to: Option<&Passphrase>,
    keep_old: bool,
) -> Result<Converted> {
    match (secret::looks(db), from) {
        (Looks::New, _) => return Err(refused(db, "there is no database there")),
        (Looks::Plain, Some(_)) => {
            return Err(StoreError::NotEncrypted {
                path: db.to_path_buf(),
            });
        }
        (Looks::Encrypted, None) => {
            return Err(StoreError::Encrypted {
                path: db.to_path_buf(),
            });
        }
        (Looks::Other, _) => {
            return Err(StoreError::NotSqlite {
                path: db.to_path_buf(),
            });
        }
        _ => {}
    }
    // Brought up to this build's schema first (with its backup), so the
    // new file is checked against what this build knows.
    drop(super::Store::open_with(db, true, from.cloned())?);
    let conn = secret::connect_checked(
        db,
        from,
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(std::time::Duration::from_secs(2))?;
    let alone = conn
        .pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get::<_, String>(0))
        .is_ok_and(|mode| mode.eq_ignore_ascii_case("delete"));
    if !alone {
        return Err(refused(
            db,
            "another panj has it open (a window, a sync, an import); close it and try again",
        ));
    }
    conn.pragma_update(None, "locking_mode", "EXCLUSIVE")?;
    conn.execute_batch("BEGIN EXCLUSIVE; COMMIT;")?;
    let incidents = count(&conn, "incidents")?;
    let versions = count(&conn, "versions")?;

    let mut converted = Converted {
        incidents,
        ..Converted::default()
    };
    for backup in backups_of(db) {
        if opens_with(&backup, to) {
            continue;
        }
        if !opens_with(&backup, from) {
            converted.backups_left.push(backup);
            continue;
        }
        let source = secret::connect_checked(
            &backup,
            from,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        source.pragma_update(None, "journal_mode", "DELETE")?;
        let expected = (count(&source, "incidents")?, count(&source, "versions")?);
        swap_in(&source, &backup, to, expected, None)?;
        converted.backups += 1;
    }
    let kept = keep_old.then(|| kept_name(db, from, to));
    swap_in(&conn, db, to, (incidents, versions), kept.as_deref())?;
    converted.kept = kept;
    drop(conn);
    Ok(converted)
}

/// The backups folder's databases, damaged ones set aside included.
fn backups_of(db: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(backups::backup_dir(db)) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "db") && p.is_file())
        .collect();
    found.sort();
    found
}

fn kept_name(db: &Path, from: Option<&Passphrase>, to: Option<&Passphrase>) -> PathBuf {
    let change = match (from, to) {
        (None, _) => "encrypt",
        (Some(_), None) => "decrypt",
        (Some(_), Some(_)) => "rekey",
    };
    let stem = db
        .file_stem()
        .map_or_else(|| "panj".into(), |s| s.to_string_lossy().to_string());
    let stamp = jiff::Timestamp::now().strftime("%Y%m%dT%H%M%SZ");
    db.with_file_name(format!("{stem}-before-{change}-{stamp}.db"))
}

fn count(conn: &Connection, table: &str) -> Result<i64> {
    let exists: bool = conn.query_row(
        "SELECT count(*) > 0 FROM sqlite_schema WHERE type = 'table' AND name = ?1",
        [table],
        |r| r.get(0),
    )?;
    if !exists {
        return Ok(0);
    }
    Ok(
        conn.query_row(&format!("SELECT count(*) FROM \"{table}\""), [], |r| {
            r.get(0)
        })?,
    )
}

/// Writes what `source` (the file `path`) holds into a new file under key
/// `to`, checks it holds the `expected` incidents and versions and passes
/// SQLite's integrity check, syncs it, and renames it over `path` (after
/// linking the old file to `kept`, when given).
fn swap_in(
    source: &Connection,
    path: &Path,
    to: Option<&Passphrase>,
    expected: (i64, i64),
    kept: Option<&Path>,
) -> Result<()> {
    let temporary = files::temporary_beside(path);
    let result = (|| {
        let target = temporary
            .to_str()
            .ok_or_else(|| refused(path, "its folder's name is not valid UTF-8"))?;
        source.execute(
            "ATTACH DATABASE ?1 AS converted KEY ?2",
            [target, to.map_or("", Passphrase::text)],
        )?;
        let exported = (|| -> Result<()> {
            source.query_row("SELECT sqlcipher_export('converted')", [], |_| Ok(()))?;
            // sqlcipher_export copies tables, not the header's numbers.
            let version: i64 = source.pragma_query_value(None, "user_version", |r| r.get(0))?;
            let application: i32 =
                source.pragma_query_value(None, "application_id", |r| r.get(0))?;
            source.pragma_update(Some("converted"), "user_version", version)?;
            source.pragma_update(Some("converted"), "application_id", application)?;
            Ok(())
        })();
        source.execute("DETACH DATABASE converted", [])?;
        exported?;
        let check = secret::connect_checked(
            &temporary,
            to,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        let integrity: String = check.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        let found = (count(&check, "incidents")?, count(&check, "versions")?);
        let application: i32 = check.pragma_query_value(None, "application_id", |r| r.get(0))?;
        drop(check);
        if integrity != "ok" || found != expected || application != migrations::APPLICATION_ID {
            return Err(refused(
                path,
                format!(
                    "the converted copy did not check out (integrity {integrity}, {} of {} \
                     incidents, {} of {} versions)",
                    found.0, expected.0, found.1, expected.1
                ),
            ));
        }
        let io = |source| StoreError::Io {
            path: temporary.clone(),
            source,
        };
        std::fs::File::open(&temporary)
            .and_then(|f| f.sync_all())
            .map_err(io)?;
        if let Some(kept) = kept {
            std::fs::hard_link(path, kept).map_err(|source| StoreError::Io {
                path: kept.to_path_buf(),
                source,
            })?;
        }
        std::fs::rename(&temporary, path).map_err(|source| StoreError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            // The rename itself is made durable.
            let _ = std::fs::File::open(dir).and_then(|d| d.sync_all());
        }
        Ok(())
    })();
    if result.is_err() {
        files::remove_with_journals(&temporary);
    }
    result
}
