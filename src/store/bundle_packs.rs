//! Bundle format 2: what a bundle carries, compressed with zstd in a few
//! blobs of a small SQLite file (so that a bundle of an encrypted database
//! is still encrypted by SQLCipher), and what its database had said in a
//! few bytes where the reader can work it out.
//!
//! A bundle says which versions its database had, so that a reply carries
//! only what that database lacks (`bundle write --for`). Listing every id
//! costs 16 bytes a version: 440 KB for 27 000 versions, far more than the
//! few versions of a reply. So a bundle also carries its writer's *mark*:
//! the device, the last `seq` of its versions and a digest of their ids.
//! A bundle written for another bundle that had a mark lists nothing: it
//! says "I have what your bundle said you had" (the base, by its mark),
//! less the few of those it lacks, plus the versions it carries. Only the
//! database that wrote the base can read that back (it finds its own
//! versions up to the mark, and checks them against the digest); any
//! other reader takes it as saying nothing, and a reply to it carries
//! everything (never too little).

use super::{Result, StoreError};
use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};
use std::collections::HashSet;
use std::io::Read;
use uuid::Uuid;

/// The tables of a format 2 bundle.
pub(super) const SCHEMA: &str = r#"
CREATE TABLE about (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
CREATE TABLE packs (
    kind TEXT NOT NULL,
    n INTEGER NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (kind, n)
) WITHOUT ROWID;
"#;

/// Versions a pack holds: small enough to decompress one at a time.
const VERSIONS_PER_PACK: usize = 2_000;
/// zstd's level: its default, fast and within a few per cent of its best
/// on JSON records.
const LEVEL: i32 = 3;
/// The most one pack may hold once decompressed (a bundle is read from
/// somebody else's file: a small pack must not unfold without bound).
const MAX_PACK_BYTES: u64 = 512 << 20;

/// The kinds of packs.
pub(super) const VERSIONS: &str = "versions";
pub(super) const ACTORS: &str = "actors";
pub(super) const SOURCES: &str = "sources";
/// Every version id the writer had, 16 bytes each.
pub(super) const HAS: &str = "has";
/// The ids of the base's versions the writer lacked.
pub(super) const HAS_MINUS: &str = "has minus";

/// A database's versions at one moment, as few bytes: its device, the
/// last `seq` of its versions then, and a digest of their ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    pub device: String,
    pub seq: i64,
    pub digest: String,
}

impl Mark {
    /// This database's mark: `None` while some first version is only
    /// implied (then its versions have no `seq` to stand for them).
    pub(super) fn of(conn: &Connection) -> Result<Option<Mark>> {
        if super::versions::any_implied(conn)? {
            return Ok(None);
        }
        let Some(device) = super::settings::setting(conn, "device")? else {
            return Ok(None);
        };
        let seq: i64 = conn.query_row("SELECT coalesce(max(seq), 0) FROM versions", [], |r| {
            r.get(0)
        })?;
        Ok(Some(Mark {
            device,
            seq,
            digest: digest_up_to(conn, seq)?,
        }))
    }

    fn keep(&self, tx: &Connection, prefix: &str) -> Result<()> {
        for (key, value) in [
            ("device", self.device.clone()),
            ("mark", self.seq.to_string()),
            ("digest", self.digest.clone()),
        ] {
            tx.execute(
                "INSERT INTO about (key, value) VALUES (?1, ?2)",
                params![format!("{prefix}{key}"), value],
            )?;
        }
        Ok(())
    }

    fn read(conn: &Connection, prefix: &str) -> Result<Option<Mark>> {
        let get = |key: &str| -> Result<Option<String>> {
            Ok(conn
                .query_row(
                    "SELECT value FROM about WHERE key = ?1",
                    [format!("{prefix}{key}")],
                    |r| r.get(0),
                )
                .optional()?)
        };
        let (Some(device), Some(seq), Some(digest)) =
            (get("device")?, get("mark")?, get("digest")?)
        else {
            return Ok(None);
        };
        Ok(seq.parse().ok().map(|seq| Mark {
            device,
            seq,
            digest,
        }))
    }
}

/// A digest of the ids of this database's versions up to `seq`.
fn digest_up_to(conn: &Connection, seq: i64) -> Result<String> {
    let mut ids: Vec<String> = conn
        .prepare("SELECT id FROM versions WHERE seq <= ?1")?
        .query_map([seq], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    ids.sort_unstable();
    let mut hash = Sha256::new();
    for id in &ids {
        hash.update(id.as_bytes());
        hash.update(b"\n");
    }
    Ok(format!("{:x}", hash.finalize()))
}

/// What a format 2 bundle says its writer had.
pub(super) enum Said {
    /// Every id.
    Listed(HashSet<Uuid>),
    /// The base's versions less some, plus the bundle's own.
    OnBase {
        base: Mark,
        minus: HashSet<Uuid>,
    },
    Nothing,
}

/// Writes a bundle's about rows and packs, in `tx` (its tables made).
pub(super) struct PackWriter<'a> {
    pub tx: &'a Connection,
}

impl PackWriter<'_> {
    pub fn about(&self, key: &str, value: &str) -> Result<()> {
        self.tx.execute(
            "INSERT INTO about (key, value) VALUES (?1, ?2)",
            [key, value],
        )?;
        Ok(())
    }

    pub fn mark(&self, mark: &Mark) -> Result<()> {
        mark.keep(self.tx, "")
    }

    fn pack(&self, kind: &str, n: usize, bytes: &[u8]) -> Result<()> {
        let data = zstd::bulk::compress(bytes, LEVEL)
            .map_err(|e| StoreError::Corrupt(format!("cannot compress the bundle: {e}")))?;
        self.tx.execute(
            "INSERT INTO packs (kind, n, data) VALUES (?1, ?2, ?3)",
            params![kind, n as i64, data],
        )?;
        Ok(())
    }

    /// Rows as JSON lines, `per_pack` to a pack.
    pub fn lines<T: serde::Serialize>(&self, kind: &str, rows: &[T]) -> Result<()> {
        let per_pack = if kind == VERSIONS {
            VERSIONS_PER_PACK
        } else {
            usize::MAX
        };
        for (n, chunk) in rows.chunks(per_pack.max(1)).enumerate() {
            let mut text = Vec::new();
            for row in chunk {
                serde_json::to_writer(&mut text, row)
                    .map_err(|e| StoreError::Corrupt(e.to_string()))?;
                text.push(b'\n');
            }
            self.pack(kind, n, &text)?;
        }
        Ok(())
    }

    /// Ids, 16 bytes each.
    pub fn ids(&self, kind: &str, ids: &HashSet<Uuid>) -> Result<()> {
        let mut sorted: Vec<&Uuid> = ids.iter().collect();
        sorted.sort_unstable();
        let bytes: Vec<u8> = sorted.iter().flat_map(|id| *id.as_bytes()).collect();
        self.pack(kind, 0, &bytes)
    }

    /// Says that the writer has the base's versions less `minus`.
    pub fn on_base(&self, base: &Mark, minus: &HashSet<Uuid>) -> Result<()> {
        base.keep(self.tx, "base ")?;
        self.ids(HAS_MINUS, minus)
    }
}

/// Reads the packs of a format 2 bundle; `damaged` words what is wrong.
pub(super) struct PackReader<'a> {
    pub conn: &'a Connection,
    pub damaged: &'a dyn Fn(String) -> StoreError,
}

impl PackReader<'_> {
    fn packs(&self, kind: &str) -> Result<Vec<Vec<u8>>> {
        let mut stmt = self
            .conn
            .prepare("SELECT data FROM packs WHERE kind = ?1 ORDER BY n")
            .map_err(|e| (self.damaged)(e.to_string()))?;
        let blobs: Vec<Vec<u8>> = stmt
            .query_map([kind], |r| r.get(0))
            .and_then(|rows| rows.collect())
            .map_err(|e| (self.damaged)(e.to_string()))?;
        blobs
            .iter()
            .map(|blob| {
                let mut out = Vec::new();
                zstd::stream::read::Decoder::new(blob.as_slice())
                    .and_then(|d| d.take(MAX_PACK_BYTES + 1).read_to_end(&mut out))
                    .map_err(|e| (self.damaged)(format!("a {kind} pack cannot be read ({e})")))?;
                if out.len() as u64 > MAX_PACK_BYTES {
                    return Err((self.damaged)(format!(
                        "a {kind} pack holds more than {} MiB",
                        MAX_PACK_BYTES >> 20
                    )));
                }
                Ok(out)
            })
            .collect()
    }

    /// The JSON lines of every pack of `kind`, each decoded.
    pub fn lines<T: serde::de::DeserializeOwned>(&self, kind: &str) -> Result<Vec<T>> {
        let mut rows = Vec::new();
        for pack in self.packs(kind)? {
            for (n, line) in pack.split(|b| *b == b'\n').enumerate() {
                if line.is_empty() {
                    continue;
                }
                rows.push(serde_json::from_slice(line).map_err(|e| {
                    (self.damaged)(format!("line {} of a {kind} pack: {e}", n + 1))
                })?);
            }
        }
        Ok(rows)
    }

    fn ids(&self, kind: &str) -> Result<Option<HashSet<Uuid>>> {
        let packs = self.packs(kind)?;
        if packs.is_empty() {
            return Ok(None);
        }
        let mut ids = HashSet::new();
        for pack in packs {
            if pack.len() % 16 != 0 {
                return Err((self.damaged)(format!("its {kind} pack is cut short")));
            }
            ids.extend(
                pack.chunks_exact(16)
                    .filter_map(|b| Uuid::from_slice(b).ok()),
            );
        }
        Ok(Some(ids))
    }

    /// The writer's mark, if it had one.
    pub fn mark(&self) -> Result<Option<Mark>> {
        Mark::read(self.conn, "")
    }

    /// What the bundle says its writer had.
    pub fn said(&self) -> Result<Said> {
        if let Some(ids) = self.ids(HAS)? {
            return Ok(Said::Listed(ids));
        }
        match Mark::read(self.conn, "base ")? {
            Some(base) => Ok(Said::OnBase {
                base,
                minus: self.ids(HAS_MINUS)?.unwrap_or_default(),
            }),
            None => Ok(Said::Nothing),
        }
    }
}

/// The versions this database had at `base` (its own mark), when the
/// mark is this database's and its versions up to it are still those it
/// had then.
pub(super) fn versions_at(conn: &Connection, base: &Mark) -> Result<Option<HashSet<Uuid>>> {
    let device = super::settings::setting(conn, "device")?;
    if device.as_deref() != Some(base.device.as_str())
        || digest_up_to(conn, base.seq)? != base.digest
    {
        return Ok(None);
    }
    let ids: HashSet<Uuid> = conn
        .prepare("SELECT id FROM versions WHERE seq <= ?1")?
        .query_map([base.seq], |r| r.get::<_, String>(0))?
        .filter_map(|id| id.ok()?.parse().ok())
        .collect();
    Ok(Some(ids))
}
