//! The SQLite store: opening and migrating a database, and a small typed API
//! for incidents, actors and sources. Nothing outside this module writes SQL.
//!
//! Every write runs in one transaction: either all of it is stored or none.
//! Opening refuses files that are not panj databases, or are newer than this
//! build, before anything is written to them.

pub mod backups;
mod catalog;
mod incidents;
pub use incidents::border_km;
mod query;
pub mod schema;

use crate::model::FieldError;
use rusqlite::{Connection, OpenFlags, Transaction};
use std::io::Read;
use std::path::{Path, PathBuf};
use uuid::Uuid;

const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// Everything that can go wrong in the store, worded for the analyst.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{} is not a SQLite database; panj did not change it", path.display())]
    NotSqlite { path: PathBuf },
    #[error(
        "{} is a SQLite database of another application (application_id {found:#010x}); panj did not change it",
        path.display()
    )]
    ForeignDatabase { path: PathBuf, found: i32 },
    #[error(
        "{} has schema version {found}, newer than this panj understands (up to {supported}); \
         use a newer panj. The file was not changed",
        path.display()
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error(
        "{} is read-only and has the older schema version {found}; open it once with write \
         access so panj can upgrade it to version {supported}",
        path.display()
    )]
    ReadOnlyNeedsUpgrade {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error("the database is open read-only, so {0} was not saved")]
    ReadOnly(&'static str),
    #[error(
        "incident {id} was changed elsewhere since this edit began (stored version {stored}, \
         edit of version {expected}); nothing was saved: reload it and apply the edit again"
    )]
    Conflict {
        id: Uuid,
        expected: i64,
        stored: i64,
    },
    #[error("no incident {0}")]
    IncidentNotFound(Uuid),
    #[error("no actor {0} in this database")]
    ActorNotFound(Uuid),
    #[error("no source {0} in this database")]
    SourceNotFound(Uuid),
    #[error("the alias '{alias}' already belongs to another actor ({owner})")]
    AliasTaken { alias: String, owner: String },
    #[error("the record is not valid: {}", join_errors(.0))]
    Invalid(Vec<FieldError>),
    #[error("stored data is damaged: {0}")]
    Corrupt(String),
    #[error("cancelled; nothing was written")]
    Cancelled,
    #[error(
        "cannot write {} ({detail}): is the disk full? Nothing of {what} was saved",
        path.display()
    )]
    CannotWrite {
        path: PathBuf,
        what: &'static str,
        detail: String,
    },
    #[error(
        "cannot write a backup in {} ({detail}): is the disk full? Nothing was changed",
        dir.display()
    )]
    BackupFailed { dir: PathBuf, detail: String },
    #[error("cannot read {}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

impl StoreError {
    /// A full disk or failing device, said as such (SQLite calls both an
    /// I/O error); other errors as they are.
    fn when_writing(self, path: &Path, what: &'static str) -> StoreError {
        use rusqlite::ErrorCode::{DiskFull, SystemIoFailure};
        match &self {
            StoreError::Sqlite(e)
                if matches!(e.sqlite_error_code(), Some(DiskFull | SystemIoFailure)) =>
            {
                StoreError::CannotWrite {
                    path: path.to_path_buf(),
                    what,
                    detail: e.to_string(),
                }
            }
            _ => self,
        }
    }
}

fn join_errors(errors: &[FieldError]) -> String {
    errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// An open panj database.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    read_only: bool,
    created: bool,
}

/// What `panj check` reports.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CheckReport {
    pub integrity: Vec<String>,
    pub foreign_key_violations: u64,
    pub full_text_index_ok: Option<bool>,
    pub schema_version: i64,
    pub supported_version: i64,
    pub incidents: u64,
    pub deleted_incidents: u64,
    pub casualty_rows: u64,
    pub claims: u64,
    pub actors: u64,
    pub sources: u64,
    pub history_rows: u64,
}

impl CheckReport {
    pub fn is_ok(&self) -> bool {
        self.integrity == ["ok"]
            && self.foreign_key_violations == 0
            && self.full_text_index_ok != Some(false)
            && self.schema_version == self.supported_version
    }
}

impl Store {
    /// Opens the database at `path`, creating it (and its folder) if missing,
    /// and upgrading its schema if older. A file without write permission is
    /// opened read-only.
    pub fn open(path: &Path) -> Result<Store> {
        let io_err = |source| StoreError::Io {
            path: path.to_path_buf(),
            source,
        };
        let existing_len = match std::fs::metadata(path) {
            Ok(meta) => Some((meta.len(), meta.permissions().readonly())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(io_err(e)),
        };
        let (created, read_only) = match existing_len {
            None => {
                if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                    std::fs::create_dir_all(dir).map_err(io_err)?;
                }
                (true, false)
            }
            Some((0, read_only)) => (true, read_only),
            Some((_, read_only)) => {
                check_header(path)?;
                probe(path)?;
                (false, read_only)
            }
        };
        let flags = if read_only {
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX
        } else {
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX
        };
        let conn = Connection::open_with_flags(path, flags)?;
        let mut store = Store {
            conn,
            path: Some(path.to_path_buf()),
            read_only,
            created,
        };
        store.prepare()?;
        Ok(store)
    }

    /// A private database in memory, for tests and scratch work.
    pub fn open_in_memory() -> Result<Store> {
        let mut store = Store {
            conn: Connection::open_in_memory()?,
            path: None,
            read_only: false,
            created: true,
        };
        store.prepare()?;
        Ok(store)
    }

    fn prepare(&mut self) -> Result<()> {
        self.conn.busy_timeout(std::time::Duration::from_secs(5))?;
        self.conn.pragma_update(None, "foreign_keys", true)?;
        // Statement journals and sorts in memory: a large import otherwise
        // writes a temporary file for every statement of its transaction.
        self.conn.pragma_update(None, "temp_store", "MEMORY")?;
        let version = self.schema_version()?;
        let latest = schema::latest_version();
        if self.read_only {
            if version < latest {
                return Err(StoreError::ReadOnlyNeedsUpgrade {
                    path: self.path.clone().unwrap_or_default(),
                    found: version,
                    supported: latest,
                });
            }
            self.conn.pragma_update(None, "query_only", true)?;
            return Ok(());
        }
        self.conn.pragma_update(None, "journal_mode", "WAL")?;
        self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        if !self.created && version < latest {
            // The file as it was, before a migration changes it.
            self.rotating_backup(backups::BackupReason::BeforeMigration)?;
        }
        migrate(&mut self.conn)
    }

    /// A number that changes whenever another connection (another panj
    /// window, `panj import`) commits to this database.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "data_version", |r| r.get(0))?)
    }

    /// Whether this open created the database (so it wants seeding).
    pub fn was_created(&self) -> bool {
        self.created
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    /// Runs `work` in one transaction: all of its writes are stored, or, if it
    /// returns an error, none.
    pub fn write<T>(
        &mut self,
        what: &'static str,
        work: impl FnOnce(&Writer) -> Result<T>,
    ) -> Result<T> {
        if self.read_only {
            return Err(StoreError::ReadOnly(what));
        }
        let path = self.path.clone().unwrap_or_default();
        let tx = self.conn.transaction()?;
        let writer = Writer { tx };
        let value = work(&writer)
            .and_then(|value| writer.tx.commit().map(|()| value).map_err(StoreError::from))
            .map_err(|e| e.when_writing(&path, what))?;
        Ok(value)
    }

    /// Writes a consistent copy of the whole database to `target`, which must
    /// not exist yet; safe while other connections write.
    pub fn backup_to(&self, target: &Path) -> Result<()> {
        if target.exists() {
            return Err(StoreError::Io {
                path: target.to_path_buf(),
                source: std::io::Error::new(
                    std::io::ErrorKind::AlreadyExists,
                    "the file already exists",
                ),
            });
        }
        let target_text = target.to_str().ok_or_else(|| StoreError::Io {
            path: target.to_path_buf(),
            source: std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "the path is not valid UTF-8",
            ),
        })?;
        self.conn.execute("VACUUM INTO ?1", [target_text])?;
        Ok(())
    }

    /// Integrity, foreign keys, full-text index, schema version and counts.
    pub fn check(&self) -> Result<CheckReport> {
        let integrity = {
            let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
            stmt.query_map([], |r| r.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()?
        };
        let foreign_key_violations = {
            let mut stmt = self.conn.prepare("PRAGMA foreign_key_check")?;
            let mut rows = stmt.query([])?;
            let mut n = 0u64;
            while rows.next()?.is_some() {
                n += 1;
            }
            n
        };
        // The FTS5 integrity check is phrased as an INSERT, which a read-only
        // connection refuses even though it changes nothing.
        let full_text_index_ok = (!self.read_only).then(|| {
            self.conn
                .execute(
                    "INSERT INTO incidents_fts(incidents_fts) VALUES ('integrity-check')",
                    [],
                )
                .is_ok()
        });
        let count = |sql: &str| -> Result<u64> {
            let n: i64 = self.conn.query_row(sql, [], |r| r.get(0))?;
            Ok(n.unsigned_abs())
        };
        Ok(CheckReport {
            integrity,
            foreign_key_violations,
            full_text_index_ok,
            schema_version: self.schema_version()?,
            supported_version: schema::latest_version(),
            incidents: count("SELECT count(*) FROM incidents WHERE deleted_at IS NULL")?,
            deleted_incidents: count(
                "SELECT count(*) FROM incidents WHERE deleted_at IS NOT NULL",
            )?,
            casualty_rows: count("SELECT count(*) FROM casualties")?,
            claims: count("SELECT count(*) FROM claims")?,
            actors: count("SELECT count(*) FROM actors")?,
            sources: count("SELECT count(*) FROM sources")?,
            history_rows: count("SELECT count(*) FROM history")?,
        })
    }
}

/// Writes inside one transaction; see [`Store::write`].
pub struct Writer<'conn> {
    tx: Transaction<'conn>,
}

fn check_header(path: &Path) -> Result<()> {
    let mut header = [0u8; 16];
    let mut file = std::fs::File::open(path).map_err(|source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let mut read = 0;
    while read < header.len() {
        match file.read(&mut header[read..]) {
            Ok(0) => break,
            Ok(n) => read += n,
            Err(e) => {
                return Err(StoreError::Io {
                    path: path.to_path_buf(),
                    source: e,
                });
            }
        }
    }
    if read < header.len() || &header != SQLITE_HEADER {
        return Err(StoreError::NotSqlite {
            path: path.to_path_buf(),
        });
    }
    Ok(())
}

/// Looks at an existing file through a read-only connection and refuses it if
/// it is not ours or is too new, so that a refused file is never written to.
fn probe(path: &Path) -> Result<()> {
    let not_sqlite = |e: rusqlite::Error| match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => StoreError::NotSqlite {
            path: path.to_path_buf(),
        },
        _ => StoreError::Sqlite(e),
    };
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(not_sqlite)?;
    let application_id: i32 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(not_sqlite)?;
    let user_version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(not_sqlite)?;
    let objects: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
        .map_err(not_sqlite)?;
    if application_id != schema::APPLICATION_ID && (application_id != 0 || objects > 0) {
        return Err(StoreError::ForeignDatabase {
            path: path.to_path_buf(),
            found: application_id,
        });
    }
    if user_version > schema::latest_version() {
        return Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found: user_version,
            supported: schema::latest_version(),
        });
    }
    Ok(())
}

/// Brings the schema up to date, one migration per transaction.
fn migrate(conn: &mut Connection) -> Result<()> {
    let current: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    for (index, sql) in schema::MIGRATIONS
        .iter()
        .enumerate()
        .skip(current.max(0) as usize)
    {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        if index + 1 == schema::BORDER_DISTANCE_VERSION as usize {
            incidents::fill_border_km(&tx)?;
        }
        tx.pragma_update(None, "application_id", schema::APPLICATION_ID)?;
        tx.pragma_update(None, "user_version", index as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests;
