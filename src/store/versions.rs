//! Versions: every change to an incident is stored as an immutable version
//! with its parents, author, device and time. The incident row is the
//! current state, a copy of one head version; its `head` column says
//! which.
//!
//! A version's `record` column holds the record as JSON, except while the
//! row is that version's copy: then it is NULL, and it is filled in from
//! the row just before the row changes. So an import of a million records
//! writes each one once, and every version can still be read whole.
//!
//! An imported record's first version is not even a row of its own: the
//! import's entry (who, which device) and the record's row (its `head`
//! id, its creation time, its content) stand for it, an *implied*
//! version. It is written out as a row the moment anything builds on it:
//! the record's first change, a version coming in for it, or the versions
//! going out to a bundle or a server (see [`keep_implied`]).
//!
//! Stored JSON is normalised (no row version counter, no derived border
//! distance), so the same version reads the same in every database.
//! Versions are only ever added; histories, undo, bundles and conflicts
//! are all read from them.

use super::incidents::{self, parsed};
use super::settings::{set_setting, setting};
use super::{Result, Store, StoreError};
use crate::model::merge::{self, HeadsMerge};
use crate::model::{HistoryAction, Incident, Version};
use jiff::Timestamp;
use rusqlite::{Connection, OptionalExtension, params};
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// Who writes: the analyst's name and this database's device id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stamp {
    pub author: String,
    pub device: String,
}

/// The author of automatic merges; every database makes those alike.
pub const MERGE_AUTHOR: &str = "panj (automatic merge)";
const MERGE_DEVICE: &str = "merge";

/// The record as stored in a version: without the row's version counter
/// and the derived border distance, which differ between databases.
pub(super) fn content_json(incident: &Incident) -> Result<String> {
    let mut normal = incident.clone();
    normal.version = 1;
    normal.location.border_km = None;
    serde_json::to_string(&normal)
        .map_err(|e| StoreError::Corrupt(format!("cannot encode incident as JSON: {e}")))
}

/// A record's content as two versions are compared for being the same:
/// without timestamps (two imports of one row at different times hold
/// the same content), the counter or the derived distance; a deletion
/// as yes or no; cited sources in order.
pub(crate) fn content_key(incident: &Incident) -> Result<String> {
    let mut normal = incident.clone();
    normal.version = 1;
    normal.location.border_km = None;
    normal.created_at = Timestamp::UNIX_EPOCH;
    normal.updated_at = Timestamp::UNIX_EPOCH;
    normal.deleted_at = normal.deleted_at.map(|_| Timestamp::UNIX_EPOCH);
    normal.source_ids.sort();
    serde_json::to_string(&normal)
        .map_err(|e| StoreError::Corrupt(format!("cannot encode incident as JSON: {e}")))
}

/// Bumped when the same row of a file would be read into another record
/// than before, so that such versions get other ids.
const IMPORT_READING: &str = "1";

/// The id of the first version of a record imported from a data set:
/// named by the record's content and what it was read from (the row's
/// bytes under the file's header, which its provenance is read from), so
/// that every database importing the same row into the same record holds
/// the same version, however long apart, and their edits share it as
/// their base. (A row read differently, say linked to a possible duplicate
/// in one database only, is another version.)
pub(super) fn imported_version_id(
    record: &Incident,
    header: Option<&[u8]>,
    row: Option<&[u8]>,
) -> Result<Uuid> {
    use sha2::{Digest, Sha256};
    let mut hash = Sha256::new();
    hash.update(IMPORT_READING.as_bytes());
    hash.update(record.id.as_bytes());
    for part in [header.unwrap_or_default(), row.unwrap_or_default()] {
        hash.update((part.len() as u64).to_le_bytes());
        hash.update(part);
    }
    hash.update(content_key(record)?.as_bytes());
    let digest = hash.finalize();
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    Ok(uuid::Builder::from_custom_bytes(bytes).into_uuid())
}

fn from_json(id: &str, json: &str) -> Result<Incident> {
    serde_json::from_str(json)
        .map_err(|e| StoreError::Corrupt(format!("version {id} cannot be read: {e}")))
}

pub(super) fn join_ids(ids: &[Uuid]) -> String {
    let mut sorted: Vec<String> = ids.iter().map(Uuid::to_string).collect();
    sorted.sort();
    sorted.dedup();
    sorted.join(" ")
}

pub(super) fn split_ids(text: &str) -> Result<Vec<Uuid>> {
    text.split_whitespace()
        .map(|t| {
            t.parse()
                .map_err(|_| StoreError::Corrupt(format!("'{t}' is not a version id")))
        })
        .collect()
}

/// What a new version is, apart from its record.
pub(super) struct NewVersion<'a> {
    pub id: Uuid,
    pub record_id: Uuid,
    pub parents: &'a [Uuid],
    pub author: &'a str,
    pub device: &'a str,
    pub at: Timestamp,
    pub action: HistoryAction,
}

/// Set while some imported record's first version is implied, so that
/// sending versions out looks for them only then.
const IMPLIED_KEY: &str = "implied versions";

/// Notes that the import being written leaves its records' first
/// versions implied.
pub(super) fn note_implied(conn: &Connection) -> Result<()> {
    set_setting(conn, IMPLIED_KEY, "1")
}

/// Whether an import may have left first versions implied.
pub(super) fn any_implied(conn: &Connection) -> Result<bool> {
    Ok(setting(conn, IMPLIED_KEY)?.is_some())
}

/// The implied first version of every imported record no change has
/// touched, as rows of `versions` (record NULL: the row is its copy).
const IMPLIED_VERSIONS: &str = "SELECT i.head AS id, i.id AS record_id, '', m.author, m.device,
     i.created_at, 'import', NULL
     FROM incidents i JOIN imports m ON m.id = i.import_id
     WHERE i.head IS NOT NULL AND NOT EXISTS (SELECT 1 FROM versions v WHERE v.id = i.head)";

/// Writes every implied version out as a row with its head, in the order
/// the records were imported; returns how many.
pub(super) fn keep_implied(conn: &Connection) -> Result<usize> {
    if !any_implied(conn)? {
        return Ok(0);
    }
    conn.execute(
        &format!(
            "INSERT OR IGNORE INTO heads (record_id, version_id)
             SELECT record_id, id FROM ({IMPLIED_VERSIONS})"
        ),
        [],
    )?;
    let kept = conn.execute(
        &format!(
            "INSERT INTO versions (id, record_id, parents, author, device, at, action, record)
             {IMPLIED_VERSIONS} ORDER BY i.seq"
        ),
        [],
    )?;
    conn.execute("DELETE FROM settings WHERE key = ?1", [IMPLIED_KEY])?;
    Ok(kept)
}

/// The implied versions as [`keep_implied`] would write them, for a
/// database that cannot be written.
pub(super) fn implied_versions(conn: &Connection) -> Result<Vec<StoredVersion>> {
    if !any_implied(conn)? {
        return Ok(Vec::new());
    }
    let mut stmt = conn.prepare(&format!("{IMPLIED_VERSIONS} ORDER BY i.seq"))?;
    Ok(stmt
        .query_map([], StoredVersion::from_row)?
        .collect::<rusqlite::Result<_>>()?)
}

/// The implied first version of one record, if it has one.
fn implied_of(conn: &Connection, record_id: Uuid) -> Result<Option<StoredVersion>> {
    Ok(conn
        .prepare_cached(&format!("{IMPLIED_VERSIONS} AND i.id = ?1"))?
        .query_row([record_id.to_string()], StoredVersion::from_row)
        .optional()?)
}

/// Writes the implied first version of `record_id` out as a row (holding
/// `record`, or NULL while the row is its copy), so that a new version
/// can build on it; nothing when it has none.
pub(super) fn keep_implied_of(
    conn: &Connection,
    record_id: Uuid,
    record: Option<&str>,
) -> Result<()> {
    let Some(v) = implied_of(conn, record_id)? else {
        return Ok(());
    };
    conn.prepare_cached(
        "INSERT INTO versions (id, record_id, parents, author, device, at, action, record)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        v.id,
        v.record_id,
        v.parents,
        v.author,
        v.device,
        v.at,
        v.action,
        record
    ])?;
    conn.prepare_cached("INSERT OR IGNORE INTO heads (record_id, version_id) VALUES (?1, ?2)")?
        .execute([&v.record_id, &v.id])?;
    Ok(())
}

/// Stores a version (unless one with its id is stored already: then
/// `false`) and makes it a head in place of its parents. `record` is
/// `None` when the row is about to become its copy.
///
/// A version of a record whose first version may be implied must have
/// that written out first ([`keep_implied_of`]; [`keep_row_version`] does
/// it for a change of the row).
pub(super) fn insert(conn: &Connection, v: &NewVersion, record: Option<&str>) -> Result<bool> {
    let added = conn
        .prepare_cached(
            "INSERT OR IGNORE INTO versions (id, record_id, parents, author, device, at, action, record)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?
        .execute(params![
            v.id.to_string(),
            v.record_id.to_string(),
            join_ids(v.parents),
            v.author,
            v.device,
            v.at.to_string(),
            v.action.code(),
            record,
        ])?
        > 0;
    if added {
        let record_id = v.record_id.to_string();
        let mut drop_head =
            conn.prepare_cached("DELETE FROM heads WHERE record_id = ?1 AND version_id = ?2")?;
        for parent in v.parents {
            drop_head.execute([&record_id, &parent.to_string()])?;
        }
        conn.prepare_cached("INSERT OR IGNORE INTO heads (record_id, version_id) VALUES (?1, ?2)")?
            .execute([&record_id, &v.id.to_string()])?;
    }
    Ok(added)
}

/// Databases that imported the same row hold its first version under one
/// id, each stamped with the time it imported it. When the version comes
/// in from another database with an earlier time, that time stands here
/// too (on the row while it shows the version, and on the version), so
/// that converged databases read alike: the record is as old as its first
/// import anywhere.
pub(super) fn adopt_earlier_import(
    conn: &Connection,
    id: Uuid,
    record_id: Uuid,
    json: &str,
) -> Result<()> {
    let id_text = id.to_string();
    let stored: Option<(String, Option<String>)> = conn
        .prepare_cached("SELECT at, record FROM versions WHERE id = ?1")?
        .query_row([&id_text], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let shown: bool = conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM incidents WHERE id = ?1 AND head = ?2)")?
        .query_row([record_id.to_string(), id_text.clone()], |r| r.get(0))?;
    if stored.is_none() && !shown {
        // New here: nothing to adopt.
        return Ok(());
    }
    // Only its times are read.
    #[derive(serde::Deserialize)]
    struct Times {
        id: Uuid,
        created_at: Timestamp,
        updated_at: Timestamp,
    }
    let incoming: Times = serde_json::from_str(json)
        .map_err(|e| StoreError::Corrupt(format!("version {id} cannot be read: {e}")))?;
    let earlier = |at: &str| {
        at.parse::<Timestamp>()
            .is_ok_and(|t| incoming.created_at < t)
    };
    match &stored {
        Some((at, record)) if earlier(at) => {
            let record = match record {
                Some(json) => {
                    let mut kept = from_json(&id_text, json)?;
                    kept.created_at = incoming.created_at;
                    kept.updated_at = incoming.updated_at;
                    Some(content_json(&kept)?)
                }
                None => None,
            };
            conn.prepare_cached(
                "UPDATE versions SET at = ?2, record = coalesce(?3, record) WHERE id = ?1",
            )?
            .execute(params![id_text, incoming.created_at.to_string(), record])?;
        }
        Some(_) => return Ok(()),
        None => {}
    }
    // The row, while it is this version's copy (or stands for it).
    let row: Option<String> = conn
        .prepare_cached("SELECT created_at FROM incidents WHERE id = ?1 AND head = ?2")?
        .query_row([incoming.id.to_string(), id_text.clone()], |r| r.get(0))
        .optional()?;
    let is_copy = stored.as_ref().is_none_or(|(_, record)| record.is_none());
    if is_copy && row.as_deref().is_some_and(earlier) {
        conn.prepare_cached("UPDATE incidents SET created_at = ?2, updated_at = ?3 WHERE id = ?1")?
            .execute(params![
                incoming.id.to_string(),
                incoming.created_at.to_string(),
                incoming.updated_at.to_string()
            ])?;
    }
    Ok(())
}

/// The longest name that signs changes, in characters.
const MAX_ANALYST_NAME: usize = 100;

/// `name` trimmed, when it can sign changes: not empty, not too long, no
/// control characters, and not the automatic merge's, which every
/// database makes alike (a person signing as it would hide their edits
/// among merges).
pub fn analyst_name(name: &str) -> Result<String> {
    let trimmed = name.trim();
    let bad = |reason| StoreError::BadAnalystName {
        name: trimmed.chars().take(40).collect(),
        reason,
    };
    if trimmed.is_empty() {
        return Err(bad("a name is needed"));
    }
    if trimmed.chars().count() > MAX_ANALYST_NAME {
        return Err(bad("it is longer than 100 characters"));
    }
    if trimmed.chars().any(char::is_control) {
        return Err(bad("it holds control characters"));
    }
    if trimmed.eq_ignore_ascii_case(MERGE_AUTHOR) {
        return Err(bad("it is the name panj signs automatic merges with"));
    }
    Ok(trimmed.to_string())
}

/// The version the row of `record_id` shows.
pub(super) fn row_head(conn: &Connection, record_id: Uuid) -> Result<Option<Uuid>> {
    let head: Option<Option<String>> = conn
        .prepare_cached("SELECT head FROM incidents WHERE id = ?1")?
        .query_row([record_id.to_string()], |r| r.get(0))
        .optional()?;
    head.flatten()
        .map(|h| {
            h.parse()
                .map_err(|_| StoreError::Corrupt(format!("'{h}' is not a version id")))
        })
        .transpose()
}

/// Keeps the record of the version the row shows before the row changes:
/// `row` is the row as it is now.
pub(super) fn keep_row_version(
    conn: &Connection,
    head: Option<Uuid>,
    row: &Incident,
) -> Result<()> {
    if let Some(head) = head {
        let json = content_json(row)?;
        let filled = conn
            .prepare_cached("UPDATE versions SET record = ?2 WHERE id = ?1 AND record IS NULL")?
            .execute(params![head.to_string(), json])?;
        if filled == 0 {
            keep_implied_of(conn, row.id, Some(&json))?;
        }
    }
    Ok(())
}

/// The heads of a record, by version id.
pub(super) fn heads(conn: &Connection, record_id: Uuid) -> Result<Vec<Uuid>> {
    let mut stmt = conn
        .prepare_cached("SELECT version_id FROM heads WHERE record_id = ?1 ORDER BY version_id")?;
    let heads: Vec<Uuid> = stmt
        .query_map([record_id.to_string()], |r| parsed(r, "version_id"))?
        .collect::<rusqlite::Result<_>>()?;
    if !heads.is_empty() {
        return Ok(heads);
    }
    implied_of(conn, record_id)?
        .map(|v| {
            v.id.parse()
                .map_err(|_| StoreError::Corrupt(format!("'{}' is not a version id", v.id)))
        })
        .into_iter()
        .collect()
}

/// Every version id a database holds: its rows' heads are the implied
/// versions' ids (and otherwise stored versions).
pub(super) const ALL_VERSION_IDS: &str =
    "SELECT id FROM versions UNION SELECT head FROM incidents WHERE head IS NOT NULL";

/// A version row as stored (and as a bundle or a team server carries it),
/// before its texts are parsed; a line of a bundle's pack as JSON.
#[derive(serde::Serialize, serde::Deserialize)]
pub struct StoredVersion {
    pub id: String,
    pub record_id: String,
    pub parents: String,
    pub author: String,
    pub device: String,
    pub at: String,
    pub action: String,
    pub record: Option<String>,
}

/// The columns [`StoredVersion::from_row`] reads, in order.
pub(super) const VERSION_COLUMNS: &str =
    "id, record_id, parents, author, device, at, action, record";

impl StoredVersion {
    pub fn from_row(r: &rusqlite::Row) -> rusqlite::Result<StoredVersion> {
        Ok(StoredVersion {
            id: r.get(0)?,
            record_id: r.get(1)?,
            parents: r.get(2)?,
            author: r.get(3)?,
            device: r.get(4)?,
            at: r.get(5)?,
            action: r.get(6)?,
            record: r.get(7)?,
        })
    }
}

/// Every version of a record, oldest first (each after its parents), with
/// its record read whole.
pub(super) fn versions_of(conn: &Connection, record_id: Uuid) -> Result<Vec<Version>> {
    let mut rows: Vec<StoredVersion> = conn
        .prepare_cached(&format!(
            "SELECT {VERSION_COLUMNS} FROM versions WHERE record_id = ?1 ORDER BY seq"
        ))?
        .query_map([record_id.to_string()], StoredVersion::from_row)?
        .collect::<rusqlite::Result<_>>()?;
    if rows.is_empty() {
        rows.extend(implied_of(conn, record_id)?);
    }
    let mut row: Option<Incident> = None;
    rows.into_iter()
        .map(
            |StoredVersion {
                 id,
                 parents,
                 author,
                 device,
                 at,
                 action,
                 record,
                 ..
             }| {
                let record = match record {
                    Some(json) => from_json(&id, &json)?,
                    None => match &row {
                        Some(r) => r.clone(),
                        None => {
                            let r = incidents::row_of(conn, record_id)?.ok_or_else(|| {
                                StoreError::Corrupt(format!(
                                    "version {id} has no record and incident {record_id} no row"
                                ))
                            })?;
                            row = Some(r.clone());
                            r
                        }
                    },
                };
                Ok(Version {
                    id: id
                        .parse()
                        .map_err(|_| StoreError::Corrupt(format!("'{id}' is not a version id")))?,
                    record_id,
                    parents: split_ids(&parents)?,
                    author,
                    device,
                    at: at.parse().map_err(|_| {
                        StoreError::Corrupt(format!("version {id}: bad time '{at}'"))
                    })?,
                    action: action
                        .parse()
                        .map_err(|_| StoreError::Corrupt(format!("version {id}: bad action")))?,
                    record,
                })
            },
        )
        .collect()
}

/// The version every head descends from that is nearest to them (of
/// several such, the latest by time and id), so that all databases pick
/// the same one. Heads that share no version but descend from versions
/// of the same content (two databases that imported one row before its
/// first version was named by its content) take the nearest such as
/// their base, so that what each side changed merges instead of
/// conflicting against nothing.
pub(crate) fn base_of<'a>(versions: &'a [Version], heads: &[Uuid]) -> Option<&'a Version> {
    base_by_id(versions, heads).or_else(|| base_by_content(versions, heads))
}

/// Every version `start` descends from, itself included.
fn ancestors_in(by_id: &HashMap<Uuid, &Version>, start: Uuid) -> HashSet<Uuid> {
    let mut seen = HashSet::new();
    let mut todo = vec![start];
    while let Some(id) = todo.pop() {
        if seen.insert(id)
            && let Some(v) = by_id.get(&id)
        {
            todo.extend(v.parents.iter().copied());
        }
    }
    seen
}

/// Of `candidates`, the one nearest the heads: not an ancestor of
/// another candidate; of several, the latest by time and id.
fn nearest<'a>(
    by_id: &HashMap<Uuid, &'a Version>,
    candidates: &HashSet<Uuid>,
) -> Option<&'a Version> {
    let below: HashSet<Uuid> = candidates
        .iter()
        .flat_map(|&c| {
            let mut a = ancestors_in(by_id, c);
            a.remove(&c);
            a
        })
        .collect();
    candidates
        .iter()
        .filter(|c| !below.contains(c))
        .filter_map(|c| by_id.get(c).copied())
        .max_by_key(|v| (v.at, v.id))
}

fn base_by_content<'a>(versions: &'a [Version], heads: &[Uuid]) -> Option<&'a Version> {
    if heads.len() < 2 {
        return None;
    }
    let by_id: HashMap<Uuid, &Version> = versions.iter().map(|v| (v.id, v)).collect();
    let keys: HashMap<Uuid, String> = versions
        .iter()
        .filter_map(|v| Some((v.id, content_key(&v.record).ok()?)))
        .collect();
    let lines: Vec<HashSet<Uuid>> = heads.iter().map(|&h| ancestors_in(&by_id, h)).collect();
    let contents = |line: &HashSet<Uuid>| -> HashSet<&String> {
        line.iter().filter_map(|id| keys.get(id)).collect()
    };
    let mut common = contents(&lines[0]);
    for line in &lines[1..] {
        let other = contents(line);
        common.retain(|k| other.contains(k));
    }
    let candidates: HashSet<Uuid> = lines
        .iter()
        .flatten()
        .filter(|id| keys.get(id).is_some_and(|k| common.contains(k)))
        .copied()
        .collect();
    nearest(&by_id, &candidates)
}

fn base_by_id<'a>(versions: &'a [Version], heads: &[Uuid]) -> Option<&'a Version> {
    let by_id: HashMap<Uuid, &Version> = versions.iter().map(|v| (v.id, v)).collect();
    let mut common: Option<HashSet<Uuid>> = None;
    for &head in heads {
        let a = ancestors_in(&by_id, head);
        common = Some(match common {
            None => a,
            Some(c) => c.intersection(&a).copied().collect(),
        });
    }
    nearest(&by_id, &common.unwrap_or_default())
}

pub(super) fn merge_heads(conn: &Connection, record_id: Uuid) -> Result<Option<HeadsMerge>> {
    let head_ids = heads(conn, record_id)?;
    if head_ids.len() < 2 {
        return Ok(None);
    }
    let versions = versions_of(conn, record_id)?;
    let base = base_of(&versions, &head_ids).cloned();
    let heads: Vec<Version> = head_ids
        .iter()
        .filter_map(|id| versions.iter().find(|v| v.id == *id).cloned())
        .collect();
    let records: Vec<&Incident> = heads.iter().map(|v| &v.record).collect();
    let merge = merge::merge(base.as_ref().map(|b| &b.record), &records)
        .ok_or_else(|| StoreError::Corrupt(format!("incident {record_id} has no head")))?;
    let written_by = merge
        .conflicts
        .iter()
        .flat_map(|&field| heads.iter().map(move |h| (field, h)))
        .map(|(field, h)| {
            (
                field,
                h.id,
                merge::written_by(&versions, field, h).to_string(),
            )
        })
        .collect();
    Ok(Some(HeadsMerge {
        heads,
        base,
        merge,
        written_by,
    }))
}

/// The id of the automatic merge of these heads: the same in every
/// database, so that two databases merging alike make one version.
fn merge_id(heads: &[Uuid]) -> Uuid {
    crate::model::hashed_id(&format!("panj merge\n{}", join_ids(heads)))
}

/// How one record stands after versions came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Settled {
    Unchanged,
    New,
    Changed,
    Deleted,
    Conflict,
}

/// Brings the row of `record_id` in step with its heads: one head is
/// shown; heads that merge cleanly get their automatic merge version.
/// Heads that conflict leave the row at the head it showed (or, for a
/// record new here, the earliest head), with every field that merged
/// cleanly from the other heads shown too, and the record live while a
/// deletion conflicts with an edit: nothing anyone wrote is hidden while
/// the conflict waits for a person. The row is then no copy of its head,
/// whose record is kept in its version.
pub(super) fn settle(conn: &Connection, record_id: Uuid) -> Result<Settled> {
    let shown = row_head(conn, record_id)?;
    let before = incidents::row_of(conn, record_id)?;
    let mut preview: Option<Incident> = None;
    let target = match merge_heads(conn, record_id)? {
        None => heads(conn, record_id)?.into_iter().next(),
        Some(m) if m.merge.is_clean() => {
            let ids: Vec<Uuid> = m.heads.iter().map(|v| v.id).collect();
            let id = merge_id(&ids);
            let at = m
                .heads
                .iter()
                .map(|v| v.at)
                .max()
                .unwrap_or_else(Timestamp::now);
            insert(
                conn,
                &NewVersion {
                    id,
                    record_id,
                    parents: &ids,
                    author: MERGE_AUTHOR,
                    device: MERGE_DEVICE,
                    at,
                    action: HistoryAction::Merge,
                },
                Some(&content_json(&m.merge.merged)?),
            )?;
            Some(id)
        }
        Some(m) => {
            let kept = match shown.filter(|s| m.heads.iter().any(|v| v.id == *s)) {
                Some(s) => m.heads.iter().find(|v| v.id == s),
                None => m.heads.iter().min_by_key(|v| (v.at, v.id)),
            };
            kept.map(|head| {
                let mut record = m.keeping(head);
                if m.merge.conflicts.contains(&merge::Field::Deleted) {
                    record.deleted_at = None;
                }
                preview = Some(record);
                head.id
            })
        }
    };
    let Some(target) = target else {
        return Ok(Settled::Unchanged);
    };
    let conflict = preview.is_some();
    let unchanged = match (&preview, &before) {
        (None, _) => shown == Some(target),
        (Some(p), Some(b)) => shown == Some(target) && content_key(p)? == content_key(b)?,
        (Some(_), None) => false,
    };
    if unchanged {
        return Ok(if conflict {
            Settled::Conflict
        } else {
            Settled::Unchanged
        });
    }
    let record = match preview {
        Some(p) => p,
        None => version_record(conn, target)?,
    };
    if let Some(row) = &before {
        keep_row_version(conn, shown, row)?;
    }
    if conflict {
        // The head's record must outlive the row, which shows more.
        let head_record = version_record_stored(conn, target)?;
        if head_record.is_none() {
            return Err(StoreError::Corrupt(format!(
                "version {target} of incident {record_id} keeps no record"
            )));
        }
    }
    let length = history_length(conn, record_id, &[target])?;
    let stored = incidents::show_version(conn, &record, before.as_ref(), target, length)?;
    if !conflict {
        // The row is now this version's copy.
        conn.prepare_cached("UPDATE versions SET record = NULL WHERE id = ?1")?
            .execute([target.to_string()])?;
    }
    Ok(match (&before, conflict) {
        (_, true) => Settled::Conflict,
        (None, _) => Settled::New,
        (Some(b), _) if b.deleted_at.is_none() && stored.deleted_at.is_some() => Settled::Deleted,
        _ => Settled::Changed,
    })
}

/// The record version `id` keeps, if it keeps one (`None` while the row
/// is its copy).
fn version_record_stored(conn: &Connection, id: Uuid) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT record FROM versions WHERE id = ?1")?
        .query_row([id.to_string()], |r| r.get(0))
        .optional()?
        .flatten())
}

/// How many versions make up the history of a record up to `tips` (they
/// and every version they descend from): the record's `version` as
/// shown, the same in every database holding those versions. A tip that
/// is an implied first version counts one.
pub(super) fn history_length(conn: &Connection, record_id: Uuid, tips: &[Uuid]) -> Result<i64> {
    let parents: HashMap<String, String> = conn
        .prepare_cached("SELECT id, parents FROM versions WHERE record_id = ?1")?
        .query_map([record_id.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut seen: HashSet<String> = HashSet::new();
    let mut todo: Vec<String> = tips.iter().map(Uuid::to_string).collect();
    while let Some(id) = todo.pop() {
        if seen.contains(&id) {
            continue;
        }
        if let Some(p) = parents.get(&id) {
            todo.extend(p.split_whitespace().map(str::to_string));
        }
        seen.insert(id);
    }
    Ok(seen.len() as i64)
}

/// The record a version holds (from the row, when it is the row's copy).
pub(super) fn version_record(conn: &Connection, id: Uuid) -> Result<Incident> {
    let (record_id, record): (String, Option<String>) = conn
        .prepare_cached("SELECT record_id, record FROM versions WHERE id = ?1")?
        .query_row([id.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(|| StoreError::Corrupt(format!("no version {id}")))?;
    match record {
        Some(json) => from_json(&id.to_string(), &json),
        None => row_copy(conn, id, &record_id),
    }
}

/// The record of version `id`, which keeps none: the row of `record_id`
/// is its copy.
pub(super) fn row_copy(conn: &Connection, id: Uuid, record_id: &str) -> Result<Incident> {
    let record_id: Uuid = record_id
        .parse()
        .map_err(|_| StoreError::Corrupt(format!("'{record_id}' is not an id")))?;
    incidents::row_of(conn, record_id)?.ok_or_else(|| {
        StoreError::Corrupt(format!(
            "version {id} has no record and its incident no row"
        ))
    })
}

/// Records with more than one head.
pub(super) fn conflicted(conn: &Connection) -> Result<Vec<Uuid>> {
    let mut stmt = conn.prepare_cached(
        "SELECT record_id FROM heads GROUP BY record_id HAVING count(*) > 1 ORDER BY record_id",
    )?;
    Ok(stmt
        .query_map([], |r| parsed(r, "record_id"))?
        .collect::<rusqlite::Result<_>>()?)
}

impl Store {
    /// Every version of one incident, oldest first.
    pub fn versions(&self, record_id: Uuid) -> Result<Vec<Version>> {
        versions_of(&self.conn, record_id)
    }

    /// The heads of one incident (more than one: a conflict).
    pub fn heads(&self, record_id: Uuid) -> Result<Vec<Uuid>> {
        heads(&self.conn, record_id)
    }

    /// The version the incident's row shows.
    pub fn shown_version(&self, record_id: Uuid) -> Result<Option<Uuid>> {
        row_head(&self.conn, record_id)
    }

    /// Incidents whose heads conflict.
    pub fn conflicted(&self) -> Result<Vec<Uuid>> {
        conflicted(&self.conn)
    }

    /// The heads of a conflicted incident and how far they merge; `None`
    /// when it has one head.
    pub fn conflict(&self, record_id: Uuid) -> Result<Option<HeadsMerge>> {
        merge_heads(&self.conn, record_id)
    }

    /// Every version id this database holds (implied ones included).
    pub fn version_ids(&self) -> Result<HashSet<Uuid>> {
        let mut stmt = self.conn.prepare(ALL_VERSION_IDS)?;
        Ok(stmt
            .query_map([], |r| parsed(r, "id"))?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// The analyst's name versions are signed with: the one given for
    /// this session (`--as`), else the one kept in the database.
    pub fn analyst(&self) -> Result<String> {
        match &self.author {
            Some(name) => Ok(name.clone()),
            None => Ok(setting(&self.conn, "author")?.unwrap_or_default()),
        }
    }

    /// Signs this session's versions with `name`, without keeping it.
    pub fn sign_as(&mut self, name: &str) {
        self.author = Some(name.trim().to_string());
    }

    /// Signs this session's versions with `name` once it is one a person
    /// can have (see [`analyst_name`]).
    pub fn sign_as_checked(&mut self, name: &str) -> Result<()> {
        self.author = Some(analyst_name(name)?);
        Ok(())
    }

    /// Keeps `name` as the analyst who writes to this database.
    pub fn set_analyst(&mut self, name: &str) -> Result<()> {
        let name = analyst_name(name)?;
        self.write("the analyst's name", |w| {
            set_setting(&w.tx, "author", &name)
        })
    }

    /// Writes a merge version joining every head of `record_id` with the
    /// record `resolved` (the person's choice per conflicting field), and
    /// shows it. `chosen_over` are the heads the choice was made over: if more
    /// came in meanwhile, nothing is written.
    pub fn resolve(
        &mut self,
        record_id: Uuid,
        chosen_over: &[Uuid],
        resolved: &Incident,
    ) -> Result<Incident> {
        self.write("the resolution", |w| {
            let now_heads = heads(&w.tx, record_id)?;
            let mut expected = chosen_over.to_vec();
            expected.sort();
            if now_heads != expected {
                return Err(StoreError::HeadsChanged(record_id));
            }
            w.write_version(record_id, &now_heads, HistoryAction::Merge, resolved)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merge_ids_do_not_depend_on_the_order_of_heads() {
        let a = Uuid::now_v7();
        let b = Uuid::now_v7();
        assert_eq!(merge_id(&[a, b]), merge_id(&[b, a]));
        assert_ne!(merge_id(&[a, b]), merge_id(&[a]));
    }
}
