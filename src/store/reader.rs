//! The database again, on a read-only connection of its own, for a worker
//! thread that reads records by id while the window draws: the window's
//! thread makes no database calls, and the window keeps every record only
//! as listed (no summary, notes, imported row or history).

use super::{Result, Store, secret};
use rusqlite::OpenFlags;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

impl Store {
    /// A reader on a connection of its own; `None` for a database in
    /// memory, which has no second connection, and for a file opened
    /// read-only (as immutable: a second plain connection may not be able
    /// to read its log), which is then read on this connection.
    pub fn reader(&self) -> Option<Reader> {
        if self.read_only {
            return None;
        }
        Some(Reader {
            path: self.path.clone()?,
            key: self.key.clone(),
            store: Arc::default(),
        })
    }
}

/// See the module; clones share the connection, one read at a time.
#[derive(Clone)]
pub struct Reader {
    path: PathBuf,
    key: Option<secret::Passphrase>,
    store: Arc<Mutex<Option<Store>>>,
}

impl Reader {
    /// Runs `read` on the reader's store, opened at the first read.
    pub fn read<T>(&self, read: impl FnOnce(&Store) -> Result<T>) -> Result<T> {
        // A read that panicked leaves no state worth keeping: the
        // connection is opened again.
        let mut kept = self.store.lock().unwrap_or_else(|poisoned| {
            let mut kept = poisoned.into_inner();
            *kept = None;
            kept
        });
        let store = match kept.take() {
            Some(store) => kept.insert(store),
            None => kept.insert(self.open()?),
        };
        read(store)
    }

    fn open(&self) -> Result<Store> {
        let conn = secret::connect(
            &self.path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            self.key.as_ref(),
        )?;
        Store::prepared(conn, Some(&self.path), true, false, false, self.key.clone())
    }
}
