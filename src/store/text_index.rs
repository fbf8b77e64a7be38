//! The full-text index of rows a bulk write added, brought up to date after
//! that write commits, in a transaction of its own.
//!
//! A large import commits its rows without indexing them and leaves a note
//! in `settings` (the highest `seq` indexed). Until the index is complete:
//! - every write transaction completes it first ([`catch_up`]), because
//!   FTS5's external-content triggers must never remove a row that was
//!   never added (that corrupts the index);
//! - text search matches the rows not yet indexed with the same rule as
//!   the window's in-memory search (`panj_text_matches`), so no query ever
//!   misses a record;
//! - a window closed or killed while indexing leaves the note and a sound
//!   database: searches still find everything, and the next write
//!   completes the index. Rows are added only by writes, after that
//!   catch-up, so no row is ever indexed twice.

use super::{Result, Store, settings};
use rusqlite::Connection;
use rusqlite::functions::FunctionFlags;

/// The `settings` key holding the highest `seq` the index holds, while rows
/// after it are not indexed yet.
const PENDING_KEY: &str = "text_index_pending_after";

/// Rows indexed per step, between two reports of progress.
const STEP: i64 = 20_000;

/// The `seq` after which rows are not indexed yet, if any are not.
pub(super) fn pending_after(conn: &Connection) -> Result<Option<i64>> {
    Ok(settings::setting(conn, PENDING_KEY)?.and_then(|v| v.parse().ok()))
}

/// Notes, inside a bulk write's transaction, that the rows after `seq` are
/// not indexed (keeping an earlier note's lower mark).
pub(super) fn mark_pending(conn: &Connection, seq: i64) -> Result<()> {
    let after = pending_after(conn)?.map_or(seq, |earlier| earlier.min(seq));
    settings::set_setting(conn, PENDING_KEY, &after.to_string())
}

/// Indexes the rows the note says are not, in the caller's transaction,
/// reporting `progress(done, total)` after each step; does nothing when
/// the index is complete.
pub(super) fn catch_up(conn: &Connection, mut progress: impl FnMut(u64, u64)) -> Result<()> {
    let Some(after) = pending_after(conn)? else {
        return Ok(());
    };
    let last: i64 = conn.query_row("SELECT coalesce(max(seq), 0) FROM incidents", [], |r| {
        r.get(0)
    })?;
    let total = (last - after).max(0) as u64;
    let mut from = after;
    while from < last {
        let to = (from + STEP).min(last);
        conn.prepare_cached(
            "INSERT INTO incidents_fts(rowid, title, summary, notes, place_name, admin1, admin2)
             SELECT seq, title, summary, notes, place_name, admin1, admin2
             FROM incidents WHERE seq > ?1 AND seq <= ?2",
        )?
        .execute([from, to])?;
        from = to;
        progress((from - after) as u64, total);
    }
    conn.execute("DELETE FROM settings WHERE key = ?1", [PENDING_KEY])?;
    Ok(())
}

/// Forgets the note without indexing: for a restore, whose refilled rows
/// were indexed by the insert trigger as they came.
pub(super) fn forget_pending(conn: &Connection) -> Result<()> {
    conn.execute("DELETE FROM settings WHERE key = ?1", [PENDING_KEY])?;
    Ok(())
}

/// `panj_text_matches(text, title, summary, notes, place_name, admin1,
/// admin2)`: whether the record's text holds every word of `text` as the
/// start of a word, as `Filter::matches` decides it in memory.
pub(super) fn register_function(conn: &Connection) -> Result<()> {
    conn.create_scalar_function(
        "panj_text_matches",
        7,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            let text: String = ctx.get(0)?;
            let mut haystack = String::new();
            for n in 1..7 {
                let field: Option<String> = ctx.get(n)?;
                for word in crate::filter::search_words(field.as_deref().unwrap_or("")) {
                    haystack.push(' ');
                    haystack.push_str(&word);
                }
            }
            Ok(crate::filter::TextQuery::new(&text).matches(&haystack))
        },
    )?;
    Ok(())
}

/// How far indexing has got: rows indexed of rows to index.
pub type IndexProgress<'a> = &'a mut dyn FnMut(u64, u64);

impl Store {
    /// How many rows the full-text index does not hold yet (0: complete).
    pub fn rows_to_index(&self) -> Result<u64> {
        let Some(after) = pending_after(&self.conn)? else {
            return Ok(0);
        };
        let n: i64 = self.conn.query_row(
            "SELECT count(*) FROM incidents WHERE seq > ?1",
            [after],
            |r| r.get(0),
        )?;
        Ok(n.unsigned_abs())
    }

    /// Completes the full-text index in a transaction of its own,
    /// reporting progress; the way a bulk import is finished. Copying the
    /// write-ahead log into the database file is left to
    /// [`Store::checkpoint`].
    pub fn complete_text_index(&mut self, progress: IndexProgress<'_>) -> Result<()> {
        if self.read_only || pending_after(&self.conn)?.is_none() {
            return Ok(());
        }
        self.without_checkpoints(|store| {
            let tx = store.begin_write("the full-text index")?;
            catch_up(&tx, progress)?;
            tx.commit()?;
            Ok(())
        })
    }

    /// Copies what the write-ahead log holds into the database file as far
    /// as readers allow, without holding up writers: after a bulk import
    /// and its index, which leave it to this.
    pub fn checkpoint(&self) -> Result<()> {
        if !self.read_only {
            self.conn
                .query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))?;
        }
        Ok(())
    }
}
