//! The SQLite store: opening and migrating a database, and a small typed API
//! for incidents, actors and sources. Nothing outside this module writes SQL.
//!
//! Every write runs in one transaction: either all of it is stored or none.
//! Opening refuses files that are not panj databases, or are newer than this
//! build, before anything is written to them.

pub mod backups;
pub mod bundle;
mod bundle_packs;
mod catalog;
pub mod encryption;
pub mod files;
mod incidents;
pub mod map_block;
mod pages;
pub mod recover;
pub use incidents::{ImportId, Kept, Loaded, NewImport, SourceRow, StoredSourceRow, border_km};
mod query;
mod reader;
pub use reader::Reader;
pub mod migrations;
pub mod secret;
mod settings;
mod text_index;
mod text_search;
mod write_floor;
pub use text_index::IndexProgress;
pub use text_search::TextSearch;
pub mod versions;

use crate::model::FieldError;
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
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
        "{} is damaged: its first bytes were overwritten (the rest of a SQLite header is there); \
         panj did not change it. `panj backups` lists its backups, `panj restore BACKUP` brings \
         one back",
        path.display()
    )]
    DamagedHeader { path: PathBuf },
    #[error(
        "{} is encrypted: give its passphrase to open it (the window asks; the command line \
         asks on the terminal, or reads PANJ_PASSPHRASE_FILE or --passphrase-stdin). \
         panj did not change it",
        path.display()
    )]
    Encrypted { path: PathBuf },
    #[error("that passphrase does not open {}; panj did not change it", path.display())]
    WrongPassphrase { path: PathBuf },
    #[error(
        "{} is not encrypted, but a passphrase was given: open it without one (or encrypt it \
         with panj encrypt). panj did not change it",
        path.display()
    )]
    NotEncrypted { path: PathBuf },
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
    #[error(
        "{} has schema version {found} but not the tables, indexes and triggers of panj's \
         version {found} ({detail}); it was made by another build or changed by hand. \
         panj did not change it",
        path.display()
    )]
    UnknownSchema {
        path: PathBuf,
        found: i64,
        detail: String,
    },
    #[error("panj will not write {}: {reason}. Nothing was written", path.display())]
    UnsafeOutput { path: PathBuf, reason: String },
    #[error(
        "another panj is writing to {} and has not finished after {seconds} s; nothing of {what} \
         was saved: try again when it is done",
        path.display()
    )]
    Busy {
        path: PathBuf,
        what: &'static str,
        seconds: u64,
    },
    #[error("cannot convert {}: {reason}. Nothing was changed", path.display())]
    ConversionRefused { path: PathBuf, reason: String },
    #[error("cannot restore {}: {reason}. Nothing was restored; the database is unchanged", path.display())]
    RestoreRefused { path: PathBuf, reason: String },
    #[error("cannot read {} as a bundle: {reason}. Nothing was read; the database is unchanged", path.display())]
    BundleRefused { path: PathBuf, reason: String },
    #[error(
        "cannot take in the versions of {from}: {reason}. Nothing was taken in; the database is unchanged"
    )]
    IncomingRefused { from: String, reason: String },
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
    #[error(
        "incident {0} received other versions while its conflict was open; nothing was saved: \
         look at the conflict again"
    )]
    HeadsChanged(Uuid),
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
    #[error("'{name}' cannot sign changes: {reason}; nothing was written")]
    BadAnalystName { name: String, reason: &'static str },
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
    /// How long a write waits for another process's write to finish.
    write_wait: std::time::Duration,
    /// Told once when a write has to wait (the command line says so).
    on_wait: Option<fn(&Path)>,
    /// The analyst this session signs versions as (`--as`), instead of
    /// the name kept in the database.
    author: Option<String>,
    /// The passphrase of an encrypted database, for the connections the
    /// store opens itself (backups, the loader's second reader, bundles).
    key: Option<secret::Passphrase>,
}

/// How long `panj check` waits for the lock its full-text check needs
/// before it says "busy" (which is not damage).
const CHECK_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

/// How long one attempt to take the write lock waits inside SQLite.
const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

/// What `panj check` reports.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CheckReport {
    pub integrity: Vec<String>,
    pub foreign_key_violations: u64,
    /// `Some(false)` only when the index was checked and found damaged;
    /// `None` when it could not be checked (read-only, or busy).
    pub full_text_index_ok: Option<bool>,
    /// Another process held the write lock all the time the check waited,
    /// so the full-text index was not checked (which is not damage).
    pub busy: bool,
    /// Tables, indexes or triggers missing, extra or different from what
    /// panj's schema of this version has.
    pub schema_problems: Vec<String>,
    /// Records panj cannot read back (an unknown code in a column, a
    /// malformed value): each makes every list that includes it fail.
    pub unreadable_records: Vec<String>,
    pub schema_version: i64,
    pub supported_version: i64,
    pub incidents: u64,
    pub deleted_incidents: u64,
    pub casualty_rows: u64,
    pub claims: u64,
    pub actors: u64,
    pub sources: u64,
    pub versions: u64,
    /// Incidents whose heads conflict (not damage: they wait for a person).
    pub conflicts: u64,
    /// The map block compared with the records (and written again when
    /// they differ) by [`Store::check_and_repair`]; `None` when not looked at.
    pub map_block: Option<map_block::MapBlockCheck>,
}

impl CheckReport {
    pub fn is_ok(&self) -> bool {
        self.integrity == ["ok"]
            && self.foreign_key_violations == 0
            && self.full_text_index_ok != Some(false)
            && self.schema_problems.is_empty()
            && self.unreadable_records.is_empty()
            && self.schema_version == self.supported_version
            && self.map_block.is_none_or(|b| b.is_ok())
    }
}

/// Whether SQLite said it could not create or write a file it needs.
fn cannot_write(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(
            rusqlite::ErrorCode::CannotOpen
                | rusqlite::ErrorCode::ReadOnly
                | rusqlite::ErrorCode::PermissionDenied
        )
    )
}

/// Whether SQLite said another connection holds the lock.
fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

/// A consistent copy of the database `conn` reads, written to `target`
/// (which must not exist).
fn vacuum_into(conn: &Connection, target: &Path) -> Result<()> {
    let target_text = target.to_str().ok_or_else(|| StoreError::Io {
        path: target.to_path_buf(),
        source: std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "the path is not valid UTF-8",
        ),
    })?;
    conn.execute("VACUUM INTO ?1", [target_text])?;
    Ok(())
}

/// The schema objects (type, name, SQL) of a database, FTS5's own shadow
/// tables left out (SQLite makes those itself).
fn schema_objects(conn: &Connection) -> rusqlite::Result<Vec<(String, String, String)>> {
    let mut stmt = conn.prepare(
        "SELECT type, name, coalesce(sql, '') FROM sqlite_schema
         WHERE name NOT LIKE 'sqlite!_%' ESCAPE '!'
           AND NOT (type = 'table' AND name LIKE 'incidents!_fts!_%' ESCAPE '!')
         ORDER BY type, name",
    )?;
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect()
}

/// Whether `conn`'s tables, indexes and triggers are exactly those that
/// panj's migrations make up to `version`; else what differs.
fn schema_matches(conn: &Connection, version: i64) -> std::result::Result<(), String> {
    let reference = Connection::open_in_memory().map_err(|e| e.to_string())?;
    for step in migrations::MIGRATIONS.iter().take(version.max(0) as usize) {
        reference
            .execute_batch(step.sql)
            .map_err(|e| e.to_string())?;
    }
    let expected = schema_objects(&reference).map_err(|e| e.to_string())?;
    let found = schema_objects(conn).map_err(|e| e.to_string())?;
    let mut problems = Vec::new();
    for (kind, name, sql) in &expected {
        match found.iter().find(|(k, n, _)| k == kind && n == name) {
            None => problems.push(format!("{kind} {name} is missing")),
            Some((_, _, other)) if other != sql => problems.push(format!("{kind} {name} differs")),
            Some(_) => {}
        }
    }
    for (kind, name, _) in &found {
        if !expected.iter().any(|(k, n, _)| k == kind && n == name) {
            problems.push(format!("{kind} {name} is not panj's"));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("; "))
    }
}

impl Store {
    /// Opens the database at `path`, creating it (and its folder) if missing,
    /// and upgrading its schema if older. A file without write permission is
    /// opened read-only.
    ///
    /// An encrypted database opens with the passphrase this process was
    /// given for it ([`secret::remember`]); a new file with one is created
    /// encrypted.
    pub fn open(path: &Path) -> Result<Store> {
        files::remove_leftover_partials(path);
        Store::open_with(path, true, secret::known(path))
    }

    /// Opens a scratch copy (of a backup to restore): upgraded like any
    /// database, but with no backup of its own before the upgrade.
    pub(crate) fn open_scratch(path: &Path, key: Option<secret::Passphrase>) -> Result<Store> {
        Store::open_with(path, false, key)
    }

    fn open_with(
        path: &Path,
        backup_before_migration: bool,
        key: Option<secret::Passphrase>,
    ) -> Result<Store> {
        match Store::open_writable(path, backup_before_migration, key.clone()) {
            Err(StoreError::Sqlite(e))
                if cannot_write(&e) && std::fs::metadata(path).is_ok_and(|m| m.len() > 0) =>
            {
                Store::open_immutable(path, key)
            }
            other => other,
        }
    }

    fn open_writable(
        path: &Path,
        backup_before_migration: bool,
        key: Option<secret::Passphrase>,
    ) -> Result<Store> {
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
                match (secret::looks(path), &key) {
                    (secret::Looks::Plain, Some(_)) => {
                        return Err(StoreError::NotEncrypted {
                            path: path.to_path_buf(),
                        });
                    }
                    (secret::Looks::Encrypted, None) => {
                        return Err(StoreError::Encrypted {
                            path: path.to_path_buf(),
                        });
                    }
                    (secret::Looks::Encrypted, Some(_)) => {}
                    _ => check_header(path)?,
                }
                probe(path, key.as_ref())?;
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
        let conn = secret::connect(path, flags, key.as_ref())?;
        Store::prepared(
            conn,
            Some(path),
            read_only,
            created,
            backup_before_migration,
            key,
        )
    }

    /// A store over an open connection, pragmas set and schema brought up
    /// to date (with a backup first when `backup_before_migration`).
    fn prepared(
        conn: Connection,
        path: Option<&Path>,
        read_only: bool,
        created: bool,
        backup_before_migration: bool,
        key: Option<secret::Passphrase>,
    ) -> Result<Store> {
        let mut store = Store {
            conn,
            path: path.map(Path::to_path_buf),
            read_only,
            created,
            write_wait: BUSY_TIMEOUT,
            on_wait: None,
            author: None,
            key,
        };
        store.prepare(backup_before_migration)?;
        Ok(store)
    }

    /// Opens a file panj may not write beside (a read-only folder, a
    /// read-only medium): SQLite cannot make its journal files there, so
    /// the file is read as immutable. Reading is all such a folder allows.
    fn open_immutable(path: &Path, key: Option<secret::Passphrase>) -> Result<Store> {
        let mut uri = String::from("file:");
        for c in path.to_string_lossy().chars() {
            match c {
                '?' | '#' | '%' => uri.push_str(&format!("%{:02X}", c as u32)),
                c => uri.push(c),
            }
        }
        uri.push_str("?immutable=1");
        let conn = secret::connect(
            Path::new(&uri),
            OpenFlags::SQLITE_OPEN_READ_ONLY
                | OpenFlags::SQLITE_OPEN_URI
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            key.as_ref(),
        )?;
        probe_connection(&conn, path, key.is_some())?;
        Store::prepared(conn, Some(path), true, false, false, key)
    }

    /// A private database in memory, for tests and scratch work.
    pub fn open_in_memory() -> Result<Store> {
        Store::prepared(
            Connection::open_in_memory()?,
            None,
            false,
            true,
            false,
            None,
        )
    }

    /// Lets writes wait up to `wait` for another process's write (an
    /// import, a restore) instead of failing after a few seconds, calling
    /// `notice` once when they start waiting.
    pub fn wait_for_other_writers(&mut self, wait: std::time::Duration, notice: fn(&Path)) {
        self.write_wait = wait;
        self.on_wait = Some(notice);
    }

    /// Begins a transaction that holds the write lock from its first
    /// statement, waiting for other writers as [`Store::wait_for_other_writers`]
    /// allows. Holding the lock from the start means nothing another
    /// process commits can slip in between what this one read and wrote.
    fn begin_write(&self, what: &'static str) -> Result<Transaction<'_>> {
        self.begin_write_within(what, self.write_wait)
    }

    fn begin_write_within(
        &self,
        what: &'static str,
        wait: std::time::Duration,
    ) -> Result<Transaction<'_>> {
        let started = std::time::Instant::now();
        let mut told = false;
        loop {
            match Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate) {
                Ok(tx) => return Ok(tx),
                Err(e) if is_busy(&e) => {
                    let waited = started.elapsed();
                    if waited + BUSY_TIMEOUT / 2 >= wait {
                        return Err(StoreError::Busy {
                            path: self.path.clone().unwrap_or_default(),
                            what,
                            seconds: waited.as_secs().max(1),
                        });
                    }
                    if !told && let (Some(notice), Some(path)) = (self.on_wait, &self.path) {
                        notice(path);
                        told = true;
                    }
                }
                Err(e) => return Err(e.into()),
            }
        }
    }

    fn prepare(&mut self, backup_before_migration: bool) -> Result<()> {
        self.conn.busy_timeout(BUSY_TIMEOUT)?;
        text_index::register_function(&self.conn)?;
        self.conn.pragma_update(None, "foreign_keys", true)?;
        // Statement journals and sorts in memory: a large import otherwise
        // writes a temporary file for every statement of its transaction.
        self.conn.pragma_update(None, "temp_store", "MEMORY")?;
        let version = self.schema_version()?;
        let latest = migrations::latest_version();
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
        // A file whose tables are not those of its version would fail
        // half-way through a migration (and leave a backup per try); it is
        // refused before anything, the journal mode included, is written.
        if !self.created
            && version < latest
            && let Err(detail) = schema_matches(&self.conn, version)
        {
            return Err(StoreError::UnknownSchema {
                path: self.path.clone().unwrap_or_default(),
                found: version,
                detail,
            });
        }
        self.conn.pragma_update(None, "journal_mode", "WAL")?;
        self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        if !self.created && version < latest {
            // The file as it was, before a migration changes it.
            if backup_before_migration {
                self.rotating_backup(backups::BackupReason::BeforeMigration)?;
            }
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

    /// The passphrase this database was opened with; `None` when it is
    /// not encrypted.
    pub fn passphrase(&self) -> Option<&secret::Passphrase> {
        self.key.as_ref()
    }

    pub fn is_encrypted(&self) -> bool {
        self.key.is_some()
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    /// [`Store::write`] for a bulk import: the commit leaves copying the
    /// new pages from the write-ahead log into the database file (a
    /// checkpoint, as long again as the commit itself for a large import)
    /// to the next write, which [`Store::complete_text_index`] is. The
    /// records are as durable either way: they are in the log.
    pub fn write_bulk<T>(
        &mut self,
        what: &'static str,
        work: impl FnOnce(&Writer) -> Result<T>,
    ) -> Result<T> {
        self.without_checkpoints(|store| store.write(what, work))
    }

    /// Runs `work` with no checkpoint at its commits (see
    /// [`Store::write_bulk`]).
    fn without_checkpoints<T>(&mut self, work: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        let pages: i64 = self
            .conn
            .pragma_query_value(None, "wal_autocheckpoint", |r| r.get(0))?;
        self.conn.pragma_update(None, "wal_autocheckpoint", 0)?;
        let done = work(self);
        self.conn.pragma_update(None, "wal_autocheckpoint", pages)?;
        done
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
        let tx = self.begin_write(what)?;
        // A bulk import's rows must be indexed before anything can change them.
        text_index::catch_up(&tx, |_, _| {})?;
        let stamp = versions::Stamp {
            author: match &self.author {
                Some(name) => name.clone(),
                None => settings::setting(&tx, "author")?.unwrap_or_default(),
            },
            device: settings::device_id(&tx)?,
        };
        let writer = Writer {
            tx,
            stamp,
            lengths: Default::default(),
        };
        let value = work(&writer)
            .and_then(|value| writer.tx.commit().map(|()| value).map_err(StoreError::from))
            .map_err(|e| e.when_writing(&path, what))?;
        Ok(value)
    }

    /// Writes a consistent copy of the whole database to `target`, which must
    /// not exist yet and must not be the database, its journals or its
    /// backups folder; safe while other connections write. The copy is
    /// made under a temporary name and renamed, so a kill half-way leaves
    /// nothing under `target`.
    pub fn backup_to(&self, target: &Path) -> Result<()> {
        files::check_output(
            target,
            self.path.as_deref(),
            files::Existing::Refuse,
            |_| false,
        )?;
        files::produce_atomically(target, |temporary| vacuum_into(&self.conn, temporary))
    }

    /// Integrity, foreign keys, full-text index, schema objects, records
    /// that cannot be read back, schema version and counts. Never reports
    /// damage it did not find: a full-text check that cannot get the lock
    /// is reported as busy.
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
        // The FTS5 integrity check is phrased as an INSERT, which needs the
        // write lock (and a read-only connection refuses it) although it
        // changes nothing: it runs in a transaction that is rolled back.
        let (full_text_index_ok, busy) = if self.read_only {
            (None, false)
        } else {
            match self.begin_write_within("the check", CHECK_WAIT.min(self.write_wait)) {
                Ok(tx) => {
                    // Rows a bulk import has not had indexed yet are not
                    // damage: index them in this transaction, which is
                    // rolled back, and check the whole.
                    text_index::catch_up(&tx, |_, _| {})?;
                    let checked = tx.execute(
                        "INSERT INTO incidents_fts(incidents_fts) VALUES ('integrity-check')",
                        [],
                    );
                    drop(tx);
                    match checked {
                        Ok(_) => (Some(true), false),
                        Err(e) if is_busy(&e) => (None, true),
                        Err(_) => (Some(false), false),
                    }
                }
                Err(StoreError::Busy { .. }) => (None, true),
                Err(e) => return Err(e),
            }
        };
        let schema_version = self.schema_version()?;
        let schema_problems = match schema_matches(&self.conn, schema_version) {
            Ok(()) => Vec::new(),
            Err(problems) => problems.split("; ").map(str::to_string).collect(),
        };
        let count = |sql: &str| -> Result<u64> {
            let n: i64 = self.conn.query_row(sql, [], |r| r.get(0))?;
            Ok(n.unsigned_abs())
        };
        Ok(CheckReport {
            integrity,
            foreign_key_violations,
            full_text_index_ok,
            busy,
            unreadable_records: if schema_problems.is_empty() {
                self.unreadable_records()?
            } else {
                Vec::new()
            },
            schema_problems,
            schema_version,
            supported_version: migrations::latest_version(),
            incidents: count("SELECT count(*) FROM incidents WHERE deleted_at IS NULL")?,
            deleted_incidents: count(
                "SELECT count(*) FROM incidents WHERE deleted_at IS NOT NULL",
            )?,
            casualty_rows: count("SELECT count(*) FROM casualties")?,
            claims: count("SELECT count(*) FROM claims")?,
            actors: count("SELECT count(*) FROM actors")?,
            sources: count("SELECT count(*) FROM sources")?,
            // Imported records' implied first versions count as versions.
            versions: count(
                "SELECT (SELECT count(*) FROM versions) + (SELECT count(*) FROM incidents i
                 WHERE i.head IS NOT NULL AND NOT EXISTS (SELECT 1 FROM versions v WHERE v.id = i.head))",
            )?,
            conflicts: count(
                "SELECT count(*) FROM (SELECT 1 FROM heads GROUP BY record_id HAVING count(*) > 1)",
            )?,
            map_block: None,
        })
    }

    /// [`Store::check`], then, when the records are sound, the map block
    /// against them: a block that differs is written again from the
    /// records (it holds nothing else), and the report says so.
    pub fn check_and_repair(&mut self) -> Result<CheckReport> {
        let mut report = self.check()?;
        if report.is_ok() && !report.busy {
            report.map_block = Some(self.check_map_block()?);
        }
        Ok(report)
    }

    /// The records (at most 20 named) that panj cannot read back. Every row
    /// is decoded once and dropped; only when one fails is each record read
    /// on its own to name the culprits.
    fn unreadable_records(&self) -> Result<Vec<String>> {
        let actors_ok = self.actors().is_ok() && self.sources().is_ok();
        if actors_ok && incidents::every_record_reads(&self.conn)? {
            return Ok(Vec::new());
        }
        let mut problems = Vec::new();
        if let Err(e) = self.actors() {
            problems.push(format!("actors: {e}"));
        }
        if let Err(e) = self.sources() {
            problems.push(format!("sources: {e}"));
        }
        let ids: Vec<String> = {
            let mut stmt = self.conn.prepare("SELECT id FROM incidents ORDER BY seq")?;
            stmt.query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?
        };
        let mut unreadable = 0usize;
        for id in ids {
            let failure = match id.parse::<Uuid>() {
                Err(e) => Some(format!("'{id}' is not an id ({e})")),
                Ok(uuid) => self.incident(uuid).err().map(|e| e.to_string()),
            };
            if let Some(failure) = failure {
                unreadable += 1;
                if problems.len() < 20 {
                    problems.push(format!("incident {id}: {failure}"));
                }
            }
        }
        if unreadable + problems.len() > 20 {
            problems.push(format!("{unreadable} incidents in all"));
        }
        if problems.is_empty() {
            // The whole read failed but no single record does: say so.
            problems.push("the records cannot be read together".into());
        }
        Ok(problems)
    }
}

/// Writes inside one transaction; see [`Store::write`].
pub struct Writer<'conn> {
    tx: Transaction<'conn>,
    /// Who the versions this write adds are signed by.
    stamp: versions::Stamp,
    /// The history length of each version this write added, so that the
    /// next edit of the same record counts on from it instead of walking
    /// the whole history again (a long run of edits in one write stays
    /// linear).
    lengths: std::cell::RefCell<std::collections::HashMap<uuid::Uuid, i64>>,
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
        if secret::looks_like_damaged_sqlite(path) {
            return Err(StoreError::DamagedHeader {
                path: path.to_path_buf(),
            });
        }
        return Err(StoreError::NotSqlite {
            path: path.to_path_buf(),
        });
    }
    Ok(())
}

/// Looks at an existing file through a read-only connection and refuses it if
/// it is not ours or is too new, so that a refused file is never written to.
fn probe(path: &Path, key: Option<&secret::Passphrase>) -> Result<()> {
    let conn = secret::connect(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        key,
    )
    .map_err(|e| not_sqlite(e, path, key.is_some()))?;
    probe_connection(&conn, path, key.is_some())
}

/// A file SQLite cannot read as a database: with a passphrase, the
/// passphrase is wrong (or the file is not an encrypted database).
fn not_sqlite(e: rusqlite::Error, path: &Path, keyed: bool) -> StoreError {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) if keyed => StoreError::WrongPassphrase {
            path: path.to_path_buf(),
        },
        Some(rusqlite::ErrorCode::NotADatabase) => StoreError::NotSqlite {
            path: path.to_path_buf(),
        },
        _ => StoreError::Sqlite(e),
    }
}

/// What [`probe`] asks, of a connection already open.
fn probe_connection(conn: &Connection, path: &Path, keyed: bool) -> Result<()> {
    let not_sqlite = |e: rusqlite::Error| not_sqlite(e, path, keyed);
    let application_id: i32 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(not_sqlite)?;
    let user_version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(not_sqlite)?;
    let objects: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
        .map_err(not_sqlite)?;
    if application_id != migrations::APPLICATION_ID && (application_id != 0 || objects > 0) {
        return Err(StoreError::ForeignDatabase {
            path: path.to_path_buf(),
            found: application_id,
        });
    }
    if user_version > migrations::latest_version() {
        return Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found: user_version,
            supported: migrations::latest_version(),
        });
    }
    Ok(())
}

/// Brings the schema up to date, one migration per transaction.
fn migrate(conn: &mut Connection) -> Result<()> {
    let current: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    for (index, step) in migrations::MIGRATIONS
        .iter()
        .enumerate()
        .skip(current.max(0) as usize)
    {
        let tx = conn.transaction()?;
        (step.up)(&tx)?;
        tx.pragma_update(None, "application_id", migrations::APPLICATION_ID)?;
        tx.pragma_update(None, "user_version", index as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests;
