//! Text search for the window: which stored rows (by `seq`) hold every
//! word of a search, answered by the full-text index, and for rows a bulk
//! import has not indexed yet by the rule the index follows
//! (`panj_text_matches`). The window keeps no search text of its own.
//!
//! A search over a large database takes longer than a frame, so the
//! window asks on a worker: [`TextSearch`] is a read-only connection of
//! its own, opened on first use and kept.

use super::{Result, Store, text_index};
use crate::filter::search_terms;
use rusqlite::Connection;

/// Each word as a quoted prefix term, so FTS5 syntax in the input is inert.
pub(super) fn fts_query(words: &[String]) -> String {
    words
        .iter()
        .map(|word| format!("\"{}\"*", word.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The `seq` of every row, the trash included, holding every word of
/// `text` as the start of a word, ascending. Every row when `text` has
/// no words.
fn seqs_matching(conn: &Connection, text: &str) -> Result<Vec<i64>> {
    let words = search_terms(text);
    let mut seqs: Vec<i64> = if words.is_empty() {
        conn.prepare_cached("SELECT seq FROM incidents")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?
    } else {
        let indexed = conn
            .prepare_cached("SELECT rowid FROM incidents_fts WHERE incidents_fts MATCH ?1")?
            .query_map([fts_query(&words)], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<i64>>>()?;
        match text_index::pending_after(conn)? {
            None => indexed,
            Some(after) => {
                let mut both = indexed;
                both.extend(
                    conn.prepare_cached(
                        "SELECT seq FROM incidents WHERE seq > ?1 AND panj_text_matches(?2, \
                         title, summary, notes, place_name, admin1, admin2)",
                    )?
                    .query_map(rusqlite::params![after, text], |r| r.get::<_, i64>(0))?
                    .collect::<rusqlite::Result<Vec<i64>>>()?,
                );
                both
            }
        }
    };
    seqs.sort_unstable();
    seqs.dedup();
    Ok(seqs)
}

impl Store {
    /// The `seq` of every stored row (the trash included) that a text
    /// search for `text` finds, ascending; on this connection.
    pub fn seqs_matching_text(&self, text: &str) -> Result<Vec<i64>> {
        seqs_matching(&self.conn, text)
    }

    /// A search on a connection of its own, for a worker thread; `None`
    /// where [`Store::reader`] is.
    pub fn text_search(&self) -> Option<TextSearch> {
        Some(TextSearch {
            reader: self.reader()?,
        })
    }

    /// The `seq` (the row's integer key) of the record `id`.
    pub fn seq_of(&self, id: uuid::Uuid) -> Result<Option<i64>> {
        use rusqlite::OptionalExtension;
        Ok(self
            .conn
            .prepare_cached("SELECT seq FROM incidents WHERE id = ?1")?
            .query_row([id.to_string()], |r| r.get(0))
            .optional()?)
    }
}

/// Text search on a read-only connection of its own (see the module);
/// clones share the connection, one search at a time.
#[derive(Clone)]
pub struct TextSearch {
    reader: super::Reader,
}

impl TextSearch {
    /// As [`Store::seqs_matching_text`].
    pub fn seqs_matching(&self, text: &str) -> Result<Vec<i64>> {
        self.reader.read(|store| store.seqs_matching_text(text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::secret;

    /// The worker's own connection finds what the store's finds, on an
    /// encrypted database too (it opens with the store's passphrase), and
    /// sees a write committed after it was opened.
    #[test]
    fn a_search_on_its_own_connection_finds_what_the_store_finds() {
        let dir = tempfile::tempdir().unwrap();
        for (name, key) in [
            ("plain.db", None),
            ("locked.db", Some("correct horse battery")),
        ] {
            let path = dir.path().join(name);
            if let Some(key) = key {
                secret::remember(&path, secret::Passphrase::new(key).unwrap());
            }
            let mut store = Store::open(&path).unwrap();
            assert_eq!(store.is_encrypted(), key.is_some());
            crate::exchange::seed::seed(&mut store).unwrap();
            let search = store.text_search().expect("a file has a second connection");
            assert_eq!(search.seqs_matching("").unwrap().len(), 3);
            let mining = store.seqs_matching_text("mining").unwrap();
            assert!(!mining.is_empty());
            assert_eq!(search.seqs_matching("mining").unwrap(), mining);

            let mut edited = store.load_everything().unwrap()[0].as_ref().clone();
            edited.notes = "Wombat tracks by the river.".into();
            store.update_incident(&edited).unwrap();
            let seq = store.seq_of(edited.id).unwrap().unwrap();
            assert_eq!(search.seqs_matching("wombat river").unwrap(), [seq]);
            assert!(search.seqs_matching("wombat desert").unwrap().is_empty());
        }
    }
}
