//! Migration 2: signed distance to the Tajik-Afghan border, derived from
//! lon/lat on every write (and filled in for older rows by the migrator).

use crate::store::Result;
use rusqlite::{Connection, params};

pub(super) const SQL: &str = r#"
ALTER TABLE incidents ADD COLUMN border_km REAL;
"#;

/// Adds the column and works out `border_km` for every row, with the code
/// as it was when this step shipped: the signed distance in kilometres to
/// the shipped border (the border itself is data, not code).
pub(super) fn up(conn: &Connection) -> Result<()> {
    conn.execute_batch(SQL)?;
    let border = crate::geo::shipped_border();
    let points: Vec<(i64, f64, f64)> = conn
        .prepare("SELECT seq, lon, lat FROM incidents WHERE border_km IS NULL")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut update = conn.prepare("UPDATE incidents SET border_km = ?2 WHERE seq = ?1")?;
    for (seq, lon, lat) in points {
        let km = border.map(|b| b.distance(lon, lat).signed_km());
        update.execute(params![seq, km])?;
    }
    Ok(())
}
