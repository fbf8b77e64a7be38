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
        let cache_pages: i64 = self.conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
        let timed = self.without_checkpoints(|store| {
            let tx = store.begin_write("a copy for the benchmark")?;
            let trigger: String = tx.query_row(
                "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'incidents_fts_insert'",
                [],
                |r| r.get(0),
            )?;
            tx.execute_batch("PRAGMA cache_size = -1048576; DROP TRIGGER incidents_fts_insert;")?;
            for table in REFERENCED {
                tx.execute(&format!("INSERT INTO {table} SELECT * FROM source.{table}"), [])?;
            }
            let started = Instant::now();
            for table in RECORDS {
                tx.execute(&format!("INSERT INTO {table} SELECT * FROM source.{table}"), [])?;
            }
            // As after an import: the copy is indexed for text search later.
            super::text_index::mark_pending(&tx, 0)?;
            tx.execute_batch(&trigger)?;
            tx.commit()?;
            Ok(started.elapsed())
        });
        self.conn.execute_batch(&format!(
            "PRAGMA cache_size = {cache_pages}; DETACH DATABASE source;"
        ))?;
        timed
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
