//! The map block (schema 7): the packed index of every incident (what the
//! filter and the map read: days, point, toll, claims, casualties, side,
//! type, province, border distance), kept in the database as one block so
//! that a window opening a large database draws every incident from it
//! before it has read a single record.
//!
//! The block says which rows it holds (`seq` and version of each, the
//! highest `seq` as `max_seq`). Triggers note in `map_block_changes`, in
//! the same transaction as the write, every row updated or removed since;
//! rows added since have a `seq` above `max_seq`. Reading the block
//! therefore reads those few records again and patches them in: what comes
//! back always equals an index built from the records, whichever program
//! wrote to the database (an import, a bundle, a sync, an older window).
//! [`Store::check_map_block`] compares the two, for `panj check`, and
//! writes the block again when they differ.

use super::{Result, Store, StoreError};
use crate::filter::ActorDirectory;
use crate::filter::facets::{BlockKey, FacetIndex};
use crate::model::Incident;
use rusqlite::{OptionalExtension, params};
use std::borrow::Borrow;
use std::collections::HashMap;

/// How long writing the block waits for another program's write: it is
/// worth a faster start next time, never a wait now.
const WRITE_WAIT: std::time::Duration = std::time::Duration::from_millis(300);

/// The packed index of incidents with the stored row of each, by `seq`.
#[derive(Debug, Clone, Default)]
pub struct MapBlock {
    pub index: FacetIndex,
    /// `keys[n]` is the stored row of `index`'s `n`th incident; ascending.
    pub keys: Vec<BlockKey>,
}

impl MapBlock {
    /// The block of an index whose `n`th incident is the row `keys[n]`,
    /// in any order: put in `seq` order and compacted.
    pub fn of(index: &FacetIndex, keys: &[BlockKey]) -> MapBlock {
        let mut order: Vec<usize> = (0..keys.len().min(index.len())).collect();
        order.sort_by_key(|&n| keys[n].seq);
        MapBlock {
            index: index.select(&order),
            keys: order.iter().map(|&n| keys[n]).collect(),
        }
    }

    /// The block of `records`, `seqs[n]` being the row of `records[n]`.
    pub fn from_records<I: Borrow<Incident>>(
        records: &[I],
        seqs: &[i64],
        actors: &ActorDirectory,
    ) -> MapBlock {
        let keys: Vec<BlockKey> = records
            .iter()
            .zip(seqs)
            .map(|(r, &seq)| BlockKey {
                seq,
                version: r.borrow().version,
            })
            .collect();
        MapBlock::of(&FacetIndex::build(records, actors), &keys)
    }

    /// The bytes kept in the database.
    pub fn encode(&self) -> Vec<u8> {
        self.index.encode(&self.keys)
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

/// What [`Store::map_block`] found.
#[derive(Debug)]
pub enum StoredMapBlock {
    /// None written yet (a new database, or one from before schema 7).
    Absent,
    /// More rows changed since it was written than are worth patching.
    TooManyChanges { changed: usize },
    /// It cannot be read back (written by another build, or damaged).
    Unreadable(String),
    /// The block, with the changed rows read again and patched in.
    Ready { block: MapBlock, patched: usize },
}

/// What `panj check` found of the map block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MapBlockCheck {
    /// None kept: the window writes one when it next opens a large database.
    Absent,
    /// Read back and patched, it equals the index built from the records.
    Current { rows: usize },
    /// It differed from the records in this many incidents (or could not
    /// be read: `differing` is then every row) and was written again.
    Repaired { differing: usize },
    /// It differs and could not be written again (read-only, or busy).
    Stale { differing: usize },
}

impl MapBlockCheck {
    pub fn is_ok(self) -> bool {
        !matches!(self, MapBlockCheck::Stale { .. })
    }
}

fn changed_rows(conn: &rusqlite::Connection, max_seq: i64) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare(
        "SELECT seq FROM map_block_changes
         UNION SELECT seq FROM incidents WHERE seq > ?1
         ORDER BY 1",
    )?;
    Ok(stmt
        .query_map([max_seq], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

impl Store {
    /// The kept block, brought up to date: every row changed since it was
    /// written is read again and patched in, when there are at most
    /// `most_changes` of them. One snapshot throughout.
    pub fn map_block(
        &self,
        actors: &ActorDirectory,
        most_changes: usize,
    ) -> Result<StoredMapBlock> {
        let snapshot = self.conn.unchecked_transaction()?;
        let stored: Option<(i64, Vec<u8>)> = snapshot
            .query_row(
                "SELECT max_seq, data FROM map_block WHERE id = 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((max_seq, data)) = stored else {
            return Ok(StoredMapBlock::Absent);
        };
        let changed = changed_rows(&snapshot, max_seq)?;
        if changed.len() > most_changes {
            return Ok(StoredMapBlock::TooManyChanges {
                changed: changed.len(),
            });
        }
        let (mut index, mut keys) = match FacetIndex::decode(&data, actors) {
            Ok(read) => read,
            Err(e) => return Ok(StoredMapBlock::Unreadable(e.to_string())),
        };
        drop(data);
        let at: HashMap<i64, usize> = keys.iter().enumerate().map(|(n, k)| (k.seq, n)).collect();
        let mut gone = vec![false; keys.len()];
        let mut id_of = snapshot.prepare("SELECT id FROM incidents WHERE seq = ?1")?;
        for &seq in &changed {
            let id: Option<String> = id_of.query_row([seq], |r| r.get(0)).optional()?;
            let record = match id.map(|id| id.parse::<uuid::Uuid>()) {
                Some(Ok(id)) => self.incident(id)?,
                Some(Err(e)) => {
                    return Err(StoreError::Corrupt(format!(
                        "incident row {seq} has no readable id: {e}"
                    )));
                }
                None => None,
            };
            match (at.get(&seq), record) {
                (Some(&n), Some(record)) => {
                    index.set(n, &record, actors);
                    keys[n].version = record.version;
                }
                (Some(&n), None) => gone[n] = true,
                (None, Some(record)) => {
                    index.set(index.len(), &record, actors);
                    keys.push(BlockKey {
                        seq,
                        version: record.version,
                    });
                    gone.push(false);
                }
                (None, None) => {}
            }
        }
        drop(id_of);
        snapshot.commit()?;
        let mut order: Vec<usize> = (0..keys.len()).filter(|&n| !gone[n]).collect();
        order.sort_by_key(|&n| keys[n].seq);
        let block = if changed.is_empty() {
            MapBlock { index, keys }
        } else {
            MapBlock {
                index: index.select(&order),
                keys: order.iter().map(|&n| keys[n]).collect(),
            }
        };
        Ok(StoredMapBlock::Ready {
            block,
            patched: changed.len(),
        })
    }

    /// Whether the kept block is missing or more than `most_changes` rows
    /// behind the records: a cheap question, asked before a load.
    pub fn map_block_wants_writing(&self, most_changes: usize) -> Result<bool> {
        let max_seq: Option<i64> = self
            .conn
            .query_row("SELECT max_seq FROM map_block WHERE id = 1", [], |r| {
                r.get(0)
            })
            .optional()?;
        let Some(max_seq) = max_seq else {
            return Ok(true);
        };
        let behind: i64 = self.conn.query_row(
            "SELECT (SELECT count(*) FROM map_block_changes)
                  + (SELECT count(*) FROM incidents WHERE seq > ?1)",
            [max_seq],
            |r| r.get(0),
        )?;
        Ok(usize::try_from(behind).unwrap_or(usize::MAX) > most_changes)
    }

    /// Keeps `block` (made from records as they were read, maybe a while
    /// ago) as the database's map block. Notes of changed rows are
    /// dropped only for rows the block holds as they are now: a row
    /// written since the records were read stays noted. Waits at most a
    /// moment for another program's write, and gives up (returning
    /// `Ok(false)`) rather than hold anything up.
    pub fn write_map_block(&mut self, block: &MapBlock) -> Result<bool> {
        if self.read_only {
            return Ok(false);
        }
        let bytes = block.encode();
        let tx = match self.begin_write_within("the map block", WRITE_WAIT) {
            Ok(tx) => tx,
            Err(StoreError::Busy { .. }) => return Ok(false),
            Err(e) => return Err(e),
        };
        let max_seq = block.keys.last().map_or(0, |k| k.seq);
        tx.execute(
            "INSERT OR REPLACE INTO map_block (id, max_seq, rows, data) VALUES (1, ?1, ?2, ?3)",
            params![max_seq, block.len() as i64, bytes],
        )?;
        let noted: Vec<(i64, Option<i64>)> = tx
            .prepare(
                "SELECT c.seq, i.version FROM map_block_changes c
                 LEFT JOIN incidents i ON i.seq = c.seq",
            )?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        {
            let mut forget = tx.prepare("DELETE FROM map_block_changes WHERE seq = ?1")?;
            for (seq, now) in noted {
                let held = block
                    .keys
                    .binary_search_by_key(&seq, |k| k.seq)
                    .ok()
                    .map(|n| block.keys[n].version);
                if held == now {
                    forget.execute([seq])?;
                }
            }
        }
        tx.commit()?;
        Ok(true)
    }

    /// The block made from every record as stored now.
    pub fn map_block_from_records(&self) -> Result<MapBlock> {
        let actors = self.actor_directory()?;
        let (records, seqs) = self.load_everything_keyed(&Default::default())?;
        Ok(MapBlock::from_records(&records, &seqs, &actors))
    }

    /// Compares the kept block, read back and patched, with one made
    /// from the records, and writes it again when they differ (it is
    /// made from the records alone, so nothing an analyst typed is at
    /// stake).
    pub fn check_map_block(&mut self) -> Result<MapBlockCheck> {
        let actors = self.actor_directory()?;
        let differing = match self.map_block(&actors, usize::MAX)? {
            StoredMapBlock::Absent => return Ok(MapBlockCheck::Absent),
            StoredMapBlock::TooManyChanges { .. } | StoredMapBlock::Unreadable(_) => None,
            StoredMapBlock::Ready { block, .. } => Some(block),
        };
        let fresh = self.map_block_from_records()?;
        let differing = match differing {
            None => fresh.len().max(1),
            Some(kept) => rows_differing(&kept, &fresh),
        };
        if differing == 0 {
            return Ok(MapBlockCheck::Current { rows: fresh.len() });
        }
        Ok(if self.write_map_block(&fresh)? {
            MapBlockCheck::Repaired { differing }
        } else {
            MapBlockCheck::Stale { differing }
        })
    }
}

/// How many incidents two blocks hold differently (each row compared as
/// its own one-row block, so slot numbers do not matter).
fn rows_differing(a: &MapBlock, b: &MapBlock) -> usize {
    if a.encode() == b.encode() {
        return 0;
    }
    let by_seq = |block: &MapBlock| -> HashMap<i64, Vec<u8>> {
        block
            .keys
            .iter()
            .enumerate()
            .map(|(n, k)| (k.seq, block.index.select(&[n]).encode(&[*k])))
            .collect()
    };
    let (a, b) = (by_seq(a), by_seq(b));
    let mut differing = a
        .iter()
        .filter(|(seq, row)| b.get(seq) != Some(row))
        .count();
    differing += b.keys().filter(|seq| !a.contains_key(seq)).count();
    differing.max(1)
}
