//! Migration 6: one entry per import (the file, its header row, the options,
//! the counts, who and when); an imported record points to it and keeps its row
//! exactly as the file held it (`source_row`), its `provenance` NULL until the
//! record is edited: the column-by-column reading is made from the two when the
//! record is read.

use crate::store::Result;
use rusqlite::Connection;

pub(super) const SQL: &str = r#"
CREATE TABLE imports (
    id INTEGER PRIMARY KEY,
    file_name TEXT NOT NULL,
    file_bytes INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    format TEXT NOT NULL,
    options TEXT NOT NULL DEFAULT '',
    header BLOB,
    columns TEXT NOT NULL DEFAULT '[]',
    inserted INTEGER NOT NULL DEFAULT 0,
    updated INTEGER NOT NULL DEFAULT 0,
    author TEXT NOT NULL DEFAULT '',
    device TEXT NOT NULL DEFAULT '',
    at TEXT NOT NULL
);
ALTER TABLE incidents ADD COLUMN import_id INTEGER REFERENCES imports(id);
ALTER TABLE incidents ADD COLUMN source_row BLOB;
"#;

pub(super) fn up(conn: &Connection) -> Result<()> {
    conn.execute_batch(SQL)?;
    Ok(())
}
