//! The floor under an import's write, for `panj bench --import`: SQLite
//! alone copying another panj database's records into this one with
//! `INSERT … SELECT`, as one transaction under the settings an import
//! writes with (no checkpoint, a large cache, the full-text index left for
//! later). Nothing is read from a file, mapped, checked or converted, so
//! no import into this schema can write the same records faster.

use super::{Result, Store};
use std::path::Path;
use std::time::{Duration, Instant};

/// What is copied before the clock starts: the rows the records point to.
const REFERENCED: &[&str] = &["actors", "actor_aliases", "sources", "imports"];

/// What the clock measures: every record with its child rows.
const RECORDS: &[&str] = &["incidents", "claims", "casualties", "incident_sources"];

impl Store {
    /// Copies every record of the panj database at `from` (same schema
    /// version) into this one, which must hold none, and says how long the
    /// records and the commit took. For benchmarks only.
    pub fn time_bare_copy(&mut self, from: &Path) -> Result<Duration> {
        self.conn
            .execute("ATTACH DATABASE ?1 AS source", [from.to_string_lossy()])?;
        let mut started = None;
        // The bulk path an import writes by: its cache, no full-text
        // trigger until the end, and the copy marked for indexing later.
        let copied = self.write_bulk("a copy for the benchmark", |w| {
            w.bulk(|w| {
                let copy = |table: &str| {
                    w.tx.execute(
                        &format!("INSERT INTO {table} SELECT * FROM source.{table}"),
                        [],
                    )
                };
                for table in REFERENCED {
                    copy(table)?;
                }
                started = Some(Instant::now());
                for table in RECORDS {
                    copy(table)?;
                }
                Ok(())
            })
        });
        self.conn.execute("DETACH DATABASE source", [])?;
        copied?;
        Ok(started.map_or(Duration::ZERO, |started| started.elapsed()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_copy_holds_every_record_of_the_source() {
        let dir = tempfile::tempdir().unwrap();
        let from = dir.path().join("from.db");
        let mut source = Store::open(&from).unwrap();
        crate::exchange::seed::seed(&mut source).unwrap();
        let seeded = source.query(&crate::filter::Filter::default()).unwrap();
        drop(source);
        let mut copy = Store::open(&dir.path().join("copy.db")).unwrap();
        copy.time_bare_copy(&from).unwrap();
        let copied = copy.query(&crate::filter::Filter::default()).unwrap();
        assert!(!seeded.is_empty());
        // The copy indexes new records for text search as before.
        let triggers: i64 = copy
            .conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name = 'incidents_fts_insert'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(triggers, 1);
        assert_eq!(
            copied
                .iter()
                .map(|i| (i.id, i.claims.len(), i.casualties.len()))
                .collect::<Vec<_>>(),
            seeded
                .iter()
                .map(|i| (i.id, i.claims.len(), i.casualties.len()))
                .collect::<Vec<_>>()
        );
    }
}
