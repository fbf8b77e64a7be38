//! Migration 5: a source may be not graded yet (one a data set names, until the
//! analyst grades it); its `grade` then holds 'f', which the column's check
//! allows, and `graded` says it is a placeholder.

use crate::store::Result;
use rusqlite::Connection;

pub(super) const SQL: &str = r#"
ALTER TABLE sources ADD COLUMN graded INTEGER NOT NULL DEFAULT 1 CHECK (graded IN (0, 1));
"#;

pub(super) fn up(conn: &Connection) -> Result<()> {
    conn.execute_batch(SQL)?;
    Ok(())
}
