//! Migration 7: the map block: the packed index of every incident (what the
//! filter and the map read), so that a window opening a large database draws
//! every incident before reading the records. `max_seq` is the highest row the
//! block holds; a row changed or removed since is noted by the triggers in the
//! write's own transaction, so a block is never silently out of date (rows
//! added later have a higher `seq`).

use crate::store::Result;
use rusqlite::Connection;

pub(super) const SQL: &str = r#"
CREATE TABLE map_block (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    max_seq INTEGER NOT NULL,
    rows INTEGER NOT NULL,
    data BLOB NOT NULL
);
CREATE TABLE map_block_changes (seq INTEGER PRIMARY KEY);
CREATE TRIGGER incidents_map_block_update AFTER UPDATE ON incidents BEGIN
    INSERT OR IGNORE INTO map_block_changes(seq) VALUES (new.seq);
    INSERT OR IGNORE INTO map_block_changes(seq) SELECT old.seq WHERE old.seq <> new.seq;
END;
CREATE TRIGGER incidents_map_block_delete AFTER DELETE ON incidents BEGIN
    INSERT OR IGNORE INTO map_block_changes(seq) VALUES (old.seq);
END;
"#;

pub(super) fn up(conn: &Connection) -> Result<()> {
    conn.execute_batch(SQL)?;
    Ok(())
}
