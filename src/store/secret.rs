//! Passphrases of encrypted databases (SQLCipher, built into every panj).
//!
//! A passphrase lives only in memory: it is given once (the window's
//! prompt, the terminal, `PANJ_PASSPHRASE_FILE` or standard input), kept
//! here under the database's path so that every connection this process
//! opens to that file (the loader's second one, the daily backup, the
//! team worker, an import) can use it, and wiped from memory when the
//! database is locked or the process ends. It is never written to disk.
//!
//! Everything panj writes from an encrypted database is encrypted with the
//! same passphrase: its WAL (SQLCipher encrypts every page), its backups
//! (`VACUUM INTO` and `ATTACH` take the key of the database they come
//! from), its bundles, and the form's draft, which moves into the database
//! itself.

use super::{Result, StoreError};
use rusqlite::{Connection, OpenFlags};
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use zeroize::Zeroizing;

/// A passphrase, wiped from memory when the last copy is dropped and
/// never shown by `Debug`.
#[derive(Clone)]
pub struct Passphrase(Arc<Zeroizing<String>>);

impl std::fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Passphrase(hidden)")
    }
}

impl PartialEq for Passphrase {
    fn eq(&self, other: &Self) -> bool {
        self.0.as_str() == other.0.as_str()
    }
}

/// Why a passphrase was not taken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PassphraseError {
    #[error("the passphrase is empty")]
    Empty,
    #[error("the passphrase holds a NUL character")]
    Nul,
}

impl Passphrase {
    /// A passphrase as typed; one line break at the end (from a file or
    /// standard input) is not part of it.
    pub fn new(text: impl Into<String>) -> std::result::Result<Passphrase, PassphraseError> {
        let mut text = Zeroizing::new(text.into());
        while text.ends_with('\n') || text.ends_with('\r') {
            text.pop();
        }
        if text.is_empty() {
            return Err(PassphraseError::Empty);
        }
        if text.contains('\0') {
            return Err(PassphraseError::Nul);
        }
        Ok(Passphrase(Arc::new(text)))
    }

    /// Gives the key to a connection just opened, before anything reads it.
    pub(crate) fn apply(&self, conn: &Connection) -> rusqlite::Result<()> {
        conn.pragma_update(None, "key", self.0.as_str())
    }

    /// How many characters it has.
    pub fn chars(&self) -> usize {
        self.0.chars().count()
    }

    /// The passphrase as SQL text, for `ATTACH … KEY ?`.
    pub(crate) fn text(&self) -> &str {
        self.0.as_str()
    }
}

/// The passphrases this process has been given, by database path.
static KEYRING: Mutex<BTreeMap<PathBuf, Passphrase>> = Mutex::new(BTreeMap::new());

/// The name a database is kept under: its canonical path when it exists,
/// else the absolute path of what was asked.
fn ring_name(path: &Path) -> PathBuf {
    std::fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
}

fn keyring() -> std::sync::MutexGuard<'static, BTreeMap<PathBuf, Passphrase>> {
    // A panic elsewhere while the lock was held leaves the map whole.
    KEYRING
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Keeps `passphrase` for the database at `path`: every later open of that
/// file in this process uses it (a new file is created encrypted).
pub fn remember(path: &Path, passphrase: Passphrase) {
    keyring().insert(ring_name(path), passphrase);
}

/// Forgets the passphrase of `path` (a lock): the next open needs it again.
pub fn forget(path: &Path) {
    keyring().remove(&ring_name(path));
}

/// The passphrase given for `path`, if any.
pub fn known(path: &Path) -> Option<Passphrase> {
    keyring().get(&ring_name(path)).cloned()
}

/// What the first bytes of a file say about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Looks {
    /// Missing or empty: a new database.
    New,
    /// A plain SQLite file.
    Plain,
    /// Not a SQLite header, and the size of whole SQLCipher pages: an
    /// encrypted database (or random bytes; only a passphrase tells).
    Encrypted,
    /// Neither: a text file, a CSV, a file cut short.
    Other,
}

/// Looks at a file's first 16 bytes and its size, without opening it.
pub fn looks(path: &Path) -> Looks {
    let Ok(mut file) = std::fs::File::open(path) else {
        return Looks::New;
    };
    let len = file.metadata().map_or(0, |m| m.len());
    if len == 0 {
        return Looks::New;
    }
    let mut header = [0u8; 100];
    let read = file.read(&mut header).unwrap_or(0);
    if read < 16 {
        return Looks::Other;
    }
    if &header[..16] == super::SQLITE_HEADER {
        Looks::Plain
    } else if read == 100 && plain_header_fields(&header) {
        // The rest of a plain database's header, its first bytes
        // overwritten: damaged, not encrypted (SQLCipher's bytes are
        // random; these fixed fields match by chance once in 2^40).
        Looks::Other
    } else if len % 512 == 0 {
        Looks::Encrypted
    } else {
        Looks::Other
    }
}

/// Whether the fixed fields of a plain SQLite header are there: the file
/// format versions (1 or 2), the payload fractions 64, 32, 32, and a
/// page size that is a power of two from 512 to 65536.
fn plain_header_fields(header: &[u8; 100]) -> bool {
    let page = u16::from_be_bytes([header[16], header[17]]);
    matches!(header[18], 1 | 2)
        && matches!(header[19], 1 | 2)
        && header[21..24] == [64, 32, 32]
        && (page == 1 || (page >= 512 && page.is_power_of_two()))
}

/// Whether `path` holds a plain SQLite header whose first bytes were
/// overwritten (see [`plain_header_fields`]).
pub fn looks_like_damaged_sqlite(path: &Path) -> bool {
    let mut header = [0u8; 100];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut header))
        .is_ok()
        && &header[..16] != super::SQLITE_HEADER
        && plain_header_fields(&header)
}

/// Whether the file at `path` is an encrypted database (by its look).
pub fn is_encrypted(path: &Path) -> bool {
    looks(path) == Looks::Encrypted
}

/// Opens `path` with `flags` and gives it `key` first, when there is one.
pub(crate) fn connect(
    path: &Path,
    flags: OpenFlags,
    key: Option<&Passphrase>,
) -> rusqlite::Result<Connection> {
    let conn = Connection::open_with_flags(path, flags)?;
    // SQLCipher writes every failed decryption to standard error; a wrong
    // passphrase is said once, by panj.
    conn.pragma_update(None, "cipher_log_level", "NONE")?;
    if let Some(key) = key {
        key.apply(&conn)?;
    }
    Ok(conn)
}

/// Opens `path` read-only with `key`, and checks the key opens it: a wrong
/// passphrase is said as such, naming the file.
pub(crate) fn connect_checked(
    path: &Path,
    key: Option<&Passphrase>,
    flags: OpenFlags,
) -> Result<Connection> {
    let conn = connect(path, flags, key)?;
    match conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
        r.get::<_, i64>(0)
    }) {
        Ok(_) => Ok(conn),
        Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::NotADatabase) => {
            Err(match key {
                Some(_) => StoreError::WrongPassphrase {
                    path: path.to_path_buf(),
                },
                None => StoreError::NotSqlite {
                    path: path.to_path_buf(),
                },
            })
        }
        Err(e) => Err(e.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_passphrase_loses_its_line_break_and_hides_in_debug() {
        let p = Passphrase::new("correct horse\n").unwrap();
        assert_eq!(p.text(), "correct horse");
        assert_eq!(format!("{p:?}"), "Passphrase(hidden)");
        assert_eq!(Passphrase::new("\n").unwrap_err(), PassphraseError::Empty);
        assert_eq!(Passphrase::new("a\0b").unwrap_err(), PassphraseError::Nul);
    }

    #[test]
    fn the_keyring_finds_a_path_however_it_is_spelled() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("k.db");
        std::fs::write(&db, b"x").unwrap();
        remember(&db, Passphrase::new("p").unwrap());
        let other_spelling = dir.path().join(".").join("k.db");
        assert_eq!(
            known(&other_spelling).map(|p| p.text().to_string()),
            Some("p".into())
        );
        forget(&other_spelling);
        assert!(known(&db).is_none());
    }
}
