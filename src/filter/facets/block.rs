//! The packed index as bytes: the block the database keeps so that a
//! window opening a large database can draw every incident before it has
//! read a single record (see `store::map_block`).
//!
//! The encoding is canonical: rows in the order given, their claims and
//! casualties inline, and the actors, nationalities and provinces numbered
//! in the order the rows first name them (provinces in ASCII lower case,
//! as the filter compares them). Two indexes of the same incidents in the
//! same order therefore encode to the same bytes, whatever writes and
//! patches each went through, which is how `panj check` compares the
//! stored block with one built from the records.
//!
//! Whether an actor is known (not a placeholder) is not stored: it is the
//! directory's say when the block is read, so renaming or re-kinding an
//! actor never makes the block stale.

use super::{FacetIndex, NONE, PackedCasualty, PackedClaim, Row, small};
use crate::filter::ActorDirectory;
use crate::model::{Confidence, CountryCode, VictimRole};
use std::collections::HashMap;
use uuid::Uuid;

/// The second layout: a casualty's role byte carries its "at least" flag
/// (0x80). A block of the first layout reads as unreadable, and the
/// window builds one from the records and writes it again.
const MAGIC: &[u8; 8] = b"PANJMAP2";

/// The bit of a casualty's role byte that marks its figures as minimums.
const MINIMUM: u8 = 0x80;

/// The stored row an indexed incident came from: its `seq` (the row's
/// integer key) and the record's `version` then.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct BlockKey {
    pub seq: i64,
    pub version: i64,
}

/// A block that cannot be read back: written by another build, or
/// damaged. Never fatal: the window reads the records instead.
#[derive(Debug, thiserror::Error)]
#[error("the map block cannot be read: {0}")]
pub struct BlockError(&'static str);

impl FacetIndex {
    /// The index as a block, `keys[n]` naming the stored row of its `n`th
    /// incident.
    pub fn encode(&self, keys: &[BlockKey]) -> Vec<u8> {
        // Numbered in the order of first use, so the bytes do not depend
        // on what the index met before.
        let mut actors: Vec<Uuid> = Vec::new();
        let mut actor_slot: HashMap<u16, u16> = HashMap::new();
        let mut nationalities: Vec<Option<CountryCode>> = Vec::new();
        let mut nationality_slot: HashMap<u16, u16> = HashMap::new();
        let mut provinces: Vec<String> = Vec::new();
        let mut province_slot: HashMap<u16, u16> = HashMap::new();
        let mut body = Vec::with_capacity(self.rows.len() * 80);
        for (row, key) in self.rows.iter().zip(keys) {
            let (claims, casualties) = (self.claims_of(row), self.casualties_of(row));
            let province = if row.province == NONE {
                NONE
            } else {
                let name = self
                    .provinces
                    .get(usize::from(row.province))
                    .map(|p| p.to_ascii_lowercase())
                    .unwrap_or_default();
                *province_slot.entry(row.province).or_insert_with(|| {
                    // Two slots may name one province in different case.
                    match provinces.iter().position(|p| *p == name) {
                        Some(n) => small(n),
                        None => {
                            provinces.push(name);
                            small(provinces.len() - 1)
                        }
                    }
                })
            };
            body.extend_from_slice(&key.seq.to_le_bytes());
            body.extend_from_slice(&key.version.to_le_bytes());
            body.extend_from_slice(&row.lon.to_le_bytes());
            body.extend_from_slice(&row.lat.to_le_bytes());
            body.extend_from_slice(&row.border_km.to_le_bytes());
            body.extend_from_slice(&row.start.to_le_bytes());
            body.extend_from_slice(&row.end.to_le_bytes());
            body.extend_from_slice(&row.killed.to_le_bytes());
            body.extend_from_slice(&province.to_le_bytes());
            body.push(row.event_type);
            body.push(row.side);
            body.push(row.precision);
            body.push(u8::from(row.deleted) | (u8::from(row.minimum) << 1));
            body.extend_from_slice(&small(claims.len()).to_le_bytes());
            body.extend_from_slice(&small(casualties.len()).to_le_bytes());
            for claim in claims {
                let actor = *actor_slot.entry(claim.actor).or_insert_with(|| {
                    actors.push(
                        self.actors
                            .get(usize::from(claim.actor))
                            .copied()
                            .unwrap_or_default(),
                    );
                    small(actors.len() - 1)
                });
                body.extend_from_slice(&actor.to_le_bytes());
                body.push(
                    Confidence::ALL
                        .iter()
                        .position(|c| *c == claim.confidence)
                        .unwrap_or(0) as u8,
                );
                body.push(u8::from(claim.attributes));
            }
            for casualty in casualties {
                let nationality =
                    *nationality_slot
                        .entry(casualty.nationality)
                        .or_insert_with(|| {
                            let value = self
                                .nationalities
                                .get(usize::from(casualty.nationality))
                                .copied()
                                .flatten();
                            match nationalities.iter().position(|n| *n == value) {
                                Some(n) => small(n),
                                None => {
                                    nationalities.push(value);
                                    small(nationalities.len() - 1)
                                }
                            }
                        });
                body.extend_from_slice(&nationality.to_le_bytes());
                body.push(casualty.role | if casualty.minimum { MINIMUM } else { 0 });
                body.extend_from_slice(&casualty.killed.to_le_bytes());
                body.extend_from_slice(&casualty.wounded.to_le_bytes());
            }
        }
        let mut out = Vec::with_capacity(body.len() + 1024);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(actors.len() as u32).to_le_bytes());
        for actor in &actors {
            out.extend_from_slice(actor.as_bytes());
        }
        out.extend_from_slice(&(nationalities.len() as u32).to_le_bytes());
        for nationality in &nationalities {
            match nationality {
                Some(code) => {
                    out.push(1);
                    let text = code.to_string();
                    let bytes = text.as_bytes();
                    out.extend_from_slice(&[
                        bytes.first().copied().unwrap_or(b'?'),
                        bytes.get(1).copied().unwrap_or(b'?'),
                    ]);
                }
                None => out.extend_from_slice(&[0, 0, 0]),
            }
        }
        out.extend_from_slice(&(provinces.len() as u32).to_le_bytes());
        for province in &provinces {
            out.extend_from_slice(&(province.len() as u32).to_le_bytes());
            out.extend_from_slice(province.as_bytes());
        }
        out.extend_from_slice(&(self.rows.len().min(keys.len()) as u64).to_le_bytes());
        out.extend_from_slice(&body);
        out
    }

    /// Reads a block back, with the key of each row; `actors` says which
    /// actors are known.
    pub fn decode(
        bytes: &[u8],
        actors: &ActorDirectory,
    ) -> Result<(FacetIndex, Vec<BlockKey>), BlockError> {
        let mut r = Reader { bytes, at: 0 };
        if r.take(MAGIC.len())? != MAGIC {
            return Err(BlockError("not a panj map block"));
        }
        let mut index = FacetIndex::default();
        for _ in 0..r.u32()? {
            let id = Uuid::from_slice(r.take(16)?).map_err(|_| BlockError("an actor id"))?;
            index.actors.push(id);
            index.actor_known.push(actors.is_known(id));
        }
        for _ in 0..r.u32()? {
            let tag = r.u8()?;
            let code = r.take(2)?;
            index.nationalities.push(match tag {
                0 => None,
                _ => Some(
                    std::str::from_utf8(code)
                        .ok()
                        .and_then(|c| c.parse().ok())
                        .ok_or(BlockError("a nationality"))?,
                ),
            });
        }
        for _ in 0..r.u32()? {
            let len = r.u32()? as usize;
            let name = std::str::from_utf8(r.take(len)?).map_err(|_| BlockError("a province"))?;
            index.provinces.push(name.to_string());
        }
        let rows = usize::try_from(r.u64()?).map_err(|_| BlockError("the row count"))?;
        let mut keys = Vec::with_capacity(rows.min(bytes.len() / 64));
        index.rows.reserve(rows.min(bytes.len() / 64));
        for _ in 0..rows {
            keys.push(BlockKey {
                seq: r.i64()?,
                version: r.i64()?,
            });
            let lon = r.f64()?;
            let lat = r.f64()?;
            let border_km = r.f64()?;
            let start = r.i32()?;
            let end = r.i32()?;
            let killed = r.u32()?;
            let province = r.u16()?;
            let event_type = r.u8()?;
            let side = r.u8()?;
            let precision = r.u8()?;
            let flags = r.u8()?;
            let claims = r.u16()?;
            let casualties = r.u16()?;
            let claims_from = index.claims.len() as u32;
            for _ in 0..claims {
                let actor = r.u16()?;
                if usize::from(actor) >= index.actors.len() {
                    return Err(BlockError("a claim's actor"));
                }
                let confidence = *Confidence::ALL
                    .get(usize::from(r.u8()?))
                    .ok_or(BlockError("a confidence"))?;
                index.claims.push(PackedClaim {
                    actor,
                    confidence,
                    attributes: r.u8()? != 0,
                });
            }
            let casualties_from = index.casualties.len() as u32;
            for _ in 0..casualties {
                let nationality = r.u16()?;
                if usize::from(nationality) >= index.nationalities.len() {
                    return Err(BlockError("a casualty's nationality"));
                }
                let role_byte = r.u8()?;
                let role = role_byte & !MINIMUM;
                if usize::from(role) >= VictimRole::ALL.len() {
                    return Err(BlockError("a casualty's role"));
                }
                index.casualties.push(PackedCasualty {
                    nationality,
                    role,
                    killed: r.u32()?,
                    wounded: r.u32()?,
                    minimum: role_byte & MINIMUM != 0,
                });
            }
            if province != NONE && usize::from(province) >= index.provinces.len() {
                return Err(BlockError("a province"));
            }
            let leader = index.leader_slot(&index.claims[claims_from as usize..]);
            index.rows.push(Row {
                lon,
                lat,
                border_km,
                leader,
                claims: (claims_from, index.claims.len() as u32),
                casualties: (casualties_from, index.casualties.len() as u32),
                start,
                end,
                killed,
                province,
                event_type,
                side,
                precision,
                deleted: flags & 1 != 0,
                minimum: flags & 2 != 0,
            });
        }
        if r.at != bytes.len() {
            return Err(BlockError("bytes after the last row"));
        }
        Ok((index, keys))
    }
}

/// Reads little-endian numbers off the front of a block.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

macro_rules! number {
    ($name:ident, $t:ty) => {
        fn $name(&mut self) -> Result<$t, BlockError> {
            let bytes = self.take(std::mem::size_of::<$t>())?;
            Ok(<$t>::from_le_bytes(
                bytes.try_into().map_err(|_| BlockError("cut short"))?,
            ))
        }
    };
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], BlockError> {
        let end = self.at.checked_add(n).ok_or(BlockError("cut short"))?;
        let taken = self
            .bytes
            .get(self.at..end)
            .ok_or(BlockError("cut short"))?;
        self.at = end;
        Ok(taken)
    }

    fn u8(&mut self) -> Result<u8, BlockError> {
        Ok(self.take(1)?[0])
    }

    number!(u16, u16);
    number!(u32, u32);
    number!(u64, u64);
    number!(i32, i32);
    number!(i64, i64);
    number!(f64, f64);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exchange::synthetic;
    use crate::filter::facets::FacetCounts;
    use crate::filter::{Filter, leading_claim};
    use crate::model::{CountryCode, Incident};

    fn keys(n: usize) -> Vec<BlockKey> {
        (0..n)
            .map(|i| BlockKey {
                seq: i as i64 + 1,
                version: 1,
            })
            .collect()
    }

    /// A block read back filters, counts, places and colours every
    /// incident as the index built from the records does; and one index
    /// patched by `set` encodes as one built afresh.
    #[test]
    fn a_block_reads_back_as_the_index_it_was_made_from() {
        let actors = ActorDirectory::new(synthetic::actors());
        let records: Vec<Incident> = synthetic::incidents(3000, 7, &actors);
        let built = FacetIndex::build(&records, &actors);
        let bytes = built.encode(&keys(records.len()));
        let (read, read_keys) = FacetIndex::decode(&bytes, &actors).unwrap();
        assert_eq!(read_keys, keys(records.len()));
        assert_eq!(read.encode(&read_keys), bytes);
        for filter in [
            Filter::default(),
            Filter {
                nationalities: [Some(CountryCode::CN)].into(),
                ..Filter::default()
            },
            Filter {
                provinces: ["BADAKHSHAN".to_string()].into(),
                ..Filter::default()
            },
        ] {
            let (from_block, from_records) = (
                FacetCounts::compute_indexed(&filter, &read, None),
                FacetCounts::compute_indexed(&filter, &built, None),
            );
            assert!(from_block.matched == from_records.matched, "{filter:?}");
            assert_eq!(from_block.perpetrators, from_records.perpetrators);
            assert_eq!(from_block.nationalities, from_records.nationalities);
            assert_eq!(from_block.event_types, from_records.event_types);
            // The block keeps province names in lower case, as the filter
            // compares them.
            let counts = |c: &FacetCounts| -> Vec<(String, usize)> {
                c.provinces
                    .iter()
                    .map(|(k, (_, n))| (k.clone(), *n))
                    .collect()
            };
            assert_eq!(counts(&from_block), counts(&from_records));
        }
        for (n, record) in records.iter().enumerate() {
            assert_eq!(
                read.leader(n),
                leading_claim(record, &actors).map(|(a, _)| a.id),
                "leader of {n}"
            );
            let point = read.point(n).unwrap();
            assert_eq!(
                (point.lon, point.lat),
                (record.location.lon, record.location.lat)
            );
            assert_eq!(point.killed, record.killed());
            assert_eq!(point.killed_is_minimum, record.has_minimum_figures());
            assert_eq!(point.precision, record.location.precision);
            assert_eq!(point.border_km, record.location.border_km);
        }

        // Patched in place (the old claims left behind), then compacted:
        // the same bytes as a fresh build of the changed records.
        let mut changed = records.clone();
        let mut patched = read;
        for n in (0..changed.len()).step_by(7) {
            changed[n].claims.reverse();
            changed[n].casualties.truncate(1);
            changed[n].location.admin1 = Some("KUNDUZ".into());
            patched.set(n, &changed[n], &actors);
        }
        let everything: Vec<usize> = (0..changed.len()).collect();
        let compacted = patched.select(&everything);
        assert_eq!(
            compacted.encode(&keys(changed.len())),
            FacetIndex::build(&changed, &actors).encode(&keys(changed.len()))
        );
        // The leader is kept in the row, not encoded: a patch works it out
        // again (reversed claims change which of equals leads).
        for (n, record) in changed.iter().enumerate() {
            let leader = leading_claim(record, &actors).map(|(a, _)| a.id);
            assert_eq!(patched.leader(n), leader, "patched leader of {n}");
            assert_eq!(compacted.leader(n), leader, "compacted leader of {n}");
        }
    }

    #[test]
    fn a_damaged_block_is_refused_not_misread() {
        let actors = ActorDirectory::new(synthetic::actors());
        let records: Vec<Incident> = synthetic::incidents(50, 3, &actors);
        let bytes = FacetIndex::build(&records, &actors).encode(&keys(records.len()));
        for cut in [0, 7, 20, bytes.len() / 2, bytes.len() - 1] {
            assert!(
                FacetIndex::decode(&bytes[..cut], &actors).is_err(),
                "cut at {cut}"
            );
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(FacetIndex::decode(&longer, &actors).is_err());
    }
}
