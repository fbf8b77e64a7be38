//! Rotating automatic backups beside the database: before a schema
//! migration, before an import, before a restore, and once a day, each a
//! consistent online copy (`VACUUM INTO`, safe while panj writes) in the
//! folder `<name>-backups/` next to `<name>.db`, named by time and reason;
//! the newest few of each reason are kept. A restore checks the copy
//! first, keeps the database as it was as one more backup, then copies the
//! backup in with SQLite's backup API in one step.

use super::{Result, Store, StoreError};
use jiff::Timestamp;
use std::path::{Path, PathBuf};

/// Why a backup was made; each reason rotates on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BackupReason {
    BeforeMigration,
    BeforeImport,
    BeforeRestore,
    Daily,
    Manual,
}

impl BackupReason {
    pub const ALL: [BackupReason; 5] = [
        BackupReason::BeforeMigration,
        BackupReason::BeforeImport,
        BackupReason::BeforeRestore,
        BackupReason::Daily,
        BackupReason::Manual,
    ];

    pub fn code(self) -> &'static str {
        match self {
            BackupReason::BeforeMigration => "before-migration",
            BackupReason::BeforeImport => "before-import",
            BackupReason::BeforeRestore => "before-restore",
            BackupReason::Daily => "daily",
            BackupReason::Manual => "manual",
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

impl Store {
    /// Makes a backup for `reason` in the backups folder and drops the
    /// oldest of that reason beyond its limit. `None` for a database in
    /// memory.
    pub fn rotating_backup(&self, reason: BackupReason) -> Result<Option<PathBuf>> {
        let Some(db) = self.path.clone() else {
            return Ok(None);
        };
        let dir = backup_dir(&db);
        std::fs::create_dir_all(&dir).map_err(|source| StoreError::Io {
            path: dir.clone(),
            source,
        })?;
        let now = Timestamp::now();
        let stamp = now.strftime("%Y%m%dT%H%M%S%.6f").to_string();
        let target = dir.join(format!("panj-{stamp}Z-{}.db", reason.code()));
        // Written under another name first: a kill half-way must not leave
        // something that looks like a backup.
        let partial = target.with_extension("partial");
        let _ = std::fs::remove_file(&partial);
        remove_abandoned_partials(&dir);
        if let Err(e) = self.backup_to(&partial) {
            let _ = std::fs::remove_file(&partial);
            return Err(StoreError::BackupFailed {
                dir,
                detail: e.to_string(),
            });
        }
        std::fs::rename(&partial, &target).map_err(|source| StoreError::Io {
            path: target.clone(),
            source,
        })?;
        let of_reason: Vec<BackupFile> = list(&db)
            .into_iter()
            .filter(|b| b.reason == reason)
            .collect();
        for old in of_reason
            .iter()
            .take(of_reason.len().saturating_sub(reason.keep()))
        {
            let _ = std::fs::remove_file(&old.path);
        }
        Ok(Some(target))
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

    /// Replaces everything in this database with the backup at `backup`,
    /// after checking the backup opens as a sound panj database (an older
    /// schema is upgraded in a scratch copy, never in the backup). Returns
    /// the backup made of the database as it was.
    pub fn restore_from(&mut self, backup: &Path) -> Result<Option<PathBuf>> {
        if self.read_only {
            return Err(StoreError::ReadOnly("the restore"));
        }
        let scratch = std::env::temp_dir().join(format!(
            "panj-restore-{}-{}.db",
            std::process::id(),
            Timestamp::now().as_nanosecond()
        ));
        std::fs::copy(backup, &scratch).map_err(|source| StoreError::Io {
            path: backup.to_path_buf(),
            source,
        })?;
        let result = (|| {
            let checked = Store::open(&scratch)?;
            let report = checked.check()?;
            if !report.is_ok() {
                return Err(StoreError::Corrupt(format!(
                    "{} does not pass panj check ({}); nothing was restored",
                    backup.display(),
                    report.integrity.join("; ")
                )));
            }
            let kept = self.rotating_backup(BackupReason::BeforeRestore)?;
            let copy = rusqlite::backup::Backup::new(&checked.conn, &mut self.conn)?;
            copy.run_to_completion(1024, std::time::Duration::ZERO, None)?;
            Ok(kept)
        })();
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", scratch.display()));
        }
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
            conn.execute_batch(crate::store::schema::MIGRATIONS[0])
                .unwrap();
            conn.pragma_update(None, "application_id", crate::store::schema::APPLICATION_ID)
                .unwrap();
            conn.pragma_update(None, "user_version", 1).unwrap();
        }
        let store = Store::open(&db).unwrap();
        assert_eq!(
            store.schema_version().unwrap(),
            crate::store::schema::latest_version()
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
}
