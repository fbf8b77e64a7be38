//! Migration 3: where an imported record came from (dataset id, for re-import)
//! and the row as it was in the file.

use crate::store::Result;
use rusqlite::Connection;

pub(super) const SQL: &str = r#"
ALTER TABLE incidents ADD COLUMN external_id TEXT;
ALTER TABLE incidents ADD COLUMN provenance TEXT;
CREATE UNIQUE INDEX incidents_external_id ON incidents(external_id)
    WHERE external_id IS NOT NULL;
"#;

pub(super) fn up(conn: &Connection) -> Result<()> {
    conn.execute_batch(SQL)?;
    Ok(())
}
