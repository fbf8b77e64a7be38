//! The database's own settings: a key-value table (`settings`) for what
//! belongs to this file rather than to the window: the device id that
//! names this copy's versions, the author, the team server's address, the
//! full-text index's progress, and what a colleague's bundle sets.

use super::{Result, Store};
use rusqlite::{Connection, OptionalExtension};
use uuid::Uuid;

/// This database's device id, made on first use.
pub(super) fn device_id(conn: &Connection) -> Result<String> {
    if let Some(id) = setting(conn, "device")? {
        return Ok(id);
    }
    let id = Uuid::now_v7().to_string();
    set_setting(conn, "device", &id)?;
    Ok(id)
}

pub(super) fn setting(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?)
}

pub(super) fn set_setting(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )?
    .execute([key, value])?;
    Ok(())
}

impl Store {
    /// A value this database keeps under `key` (see [`Store::keep_settings`]).
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        setting(&self.conn, key)
    }

    /// Keeps each value under its key in this database, in one transaction.
    pub fn keep_settings(&mut self, settings: &[(String, String)]) -> Result<()> {
        self.write("the settings", |w| {
            for (key, value) in settings {
                set_setting(&w.tx, key, value)?;
            }
            Ok(())
        })
    }
}
