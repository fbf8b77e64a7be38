//! Bundles: the versions of one database in a small SQLite file that can
//! travel by USB stick, e-mail or messenger, and reading one into another
//! database.
//!
//! A bundle holds versions (each with its whole record), the actors and
//! sources they cite, and the ids of every version its database had, so
//! that a reply can carry only what the other side lacks (`--for`).
//! Reading adds the versions this database lacks, in one transaction, and
//! settles each record they touch (see `versions::settle`): reading the
//! same bundle twice changes nothing, and databases that have read the
//! same versions, in any order, have the same versions and heads.

use super::secret::{self, Passphrase};
use super::versions::{self, NewVersion, Settled, StoredVersion, VERSION_COLUMNS, split_ids};
use super::{Result, Store, StoreError, bundle_packs, files, incidents, migrations, settings};
use crate::model::{Actor, HistoryAction, Incident, Source};
use jiff::Timestamp;
use rusqlite::{Connection, OpenFlags};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use uuid::Uuid;

/// Identifies a panj bundle in the SQLite header ("PANB" in ASCII).
pub const BUNDLE_APPLICATION_ID: i32 = 0x50_41_4E_42;
/// The bundle format this build writes and the newest it reads: 2 packs
/// what it carries with zstd (`bundle_packs`); 1 held it in tables.
pub const BUNDLE_FORMAT: i64 = 2;
/// From this many incoming versions, a take-in indexes text after its
/// commit (`Writer::bulk`).
const BULK_FROM: usize = 1_000;
/// The largest bundle panj reads.
const MAX_BUNDLE_BYTES: u64 = 2 << 30;

/// The tables of a format 1 bundle, which this panj still reads.
#[cfg(test)]
const BUNDLE_SCHEMA_1: &str = r#"
CREATE TABLE about (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
CREATE TABLE versions (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    record_id TEXT NOT NULL,
    parents TEXT NOT NULL,
    author TEXT NOT NULL,
    device TEXT NOT NULL,
    at TEXT NOT NULL,
    action TEXT NOT NULL,
    record TEXT NOT NULL
);
CREATE TABLE actors (id TEXT PRIMARY KEY NOT NULL, actor TEXT NOT NULL);
CREATE TABLE sources (id TEXT PRIMARY KEY NOT NULL, source TEXT NOT NULL);
CREATE TABLE has (version_id TEXT PRIMARY KEY NOT NULL) WITHOUT ROWID;
"#;

/// What writing a bundle did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct BundleWritten {
    pub out: PathBuf,
    pub versions: u64,
    pub records: u64,
}

impl std::fmt::Display for BundleWritten {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "wrote {} versions of {} incidents to {}",
            self.versions,
            self.records,
            self.out.display()
        )
    }
}

/// What reading a bundle did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct BundleRead {
    pub versions_added: u64,
    pub new: u64,
    pub changed: u64,
    pub deleted: u64,
    /// Incidents the bundle touched that now have conflicting heads.
    pub conflicts: u64,
    /// Versions people made that were added, by author (automatic
    /// merges, which every database makes alike, are not counted here).
    pub by: BTreeMap<String, u64>,
    pub actors_added: u64,
    pub sources_added: u64,
    /// Actors that came in under a name one of this database's actors
    /// has: added under "NAME (from bundle)" for a person to merge.
    pub actors_renamed: Vec<String>,
}

impl std::fmt::Display for BundleRead {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.versions_added == 0 {
            return write!(f, "nothing new: this database already had every version");
        }
        write!(
            f,
            "{} version{}: {} new, {} changed, {} deleted",
            self.versions_added,
            if self.versions_added == 1 { "" } else { "s" },
            self.new,
            // A change that met one made here changed the record too: it
            // read "0 changed … 1 conflict" though a title had changed.
            self.changed + self.conflicts,
            self.deleted
        )?;
        if !self.by.is_empty() {
            let by: Vec<String> = self
                .by
                .iter()
                .map(|(who, n)| {
                    let who = if who.is_empty() { "someone" } else { who };
                    format!("{who} ({n})")
                })
                .collect();
            write!(f, ", by {}", by.join(", "))?;
        }
        write!(
            f,
            "; {} conflict{}",
            self.conflicts,
            if self.conflicts == 1 { "" } else { "s" }
        )?;
        if self.conflicts > 0 {
            write!(
                f,
                " (changed here and in the bundle: choose in Resolve…, or `panj conflicts`)"
            )?;
        }
        if self.actors_added + self.sources_added > 0 {
            write!(
                f,
                "; {} actors and {} sources added",
                self.actors_added, self.sources_added
            )?;
        }
        for name in &self.actors_renamed {
            write!(
                f,
                "; actor '{name}' is also yours: added as '{name} (from bundle)', merge them by hand"
            )?;
        }
        Ok(())
    }
}

/// A version as it travels between databases, in a bundle or through a
/// team server: the whole record, normalised (see `versions::content_json`).
#[derive(Debug, Clone)]
pub struct Carried {
    pub id: Uuid,
    pub record_id: Uuid,
    pub parents: Vec<Uuid>,
    pub author: String,
    pub device: String,
    pub at: Timestamp,
    pub action: HistoryAction,
    pub json: String,
    /// The record, where it was read from `json` already (a version that
    /// came in): taking it in then needs no second reading.
    pub record: Option<std::sync::Arc<Incident>>,
    /// The database taking it in has it already (its record not read).
    pub known_here: bool,
}

/// Versions from another database, checked and parents first, with the
/// actors and sources they cite.
#[derive(Debug, Clone, Default)]
pub struct Incoming {
    pub versions: Vec<Carried>,
    pub actors: Vec<Actor>,
    pub sources: Vec<Source>,
}

/// This database's versions from one state, in the order they were stored
/// (each with its `seq` here), with every actor and source.
#[derive(Debug, Clone, Default)]
pub struct Outgoing {
    pub versions: Vec<(i64, Carried)>,
    pub actors: Vec<Actor>,
    pub sources: Vec<Source>,
    /// This database's device id.
    pub device: String,
    /// The versions left out as the other side has them.
    pub skipped: Vec<Uuid>,
}

fn refused(path: &Path, reason: impl Into<String>) -> StoreError {
    StoreError::BundleRefused {
        path: path.to_path_buf(),
        reason: reason.into(),
    }
}

/// What a database or bundle at `path` holds, as `--for` reads it.
struct Known {
    ids: HashSet<Uuid>,
    /// The ids are exactly what its database had, and its mark says so
    /// in a few bytes: a reply may say "what you had" by the mark.
    base: Option<bundle_packs::Mark>,
}

impl Store {
    /// The version ids a database or bundle at `path` holds (for `--for`):
    /// none, when a bundle says what its writer had in terms only another
    /// database can read (then everything is sent).
    fn known_by(&self, path: &Path, key: Option<&Passphrase>) -> Result<Known> {
        let conn = open_read_only(path, key)?;
        let app: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
        let listed = |sql: &str| -> Result<HashSet<Uuid>> {
            let mut stmt = conn.prepare(sql)?;
            let ids = stmt
                .query_map([], |r| r.get::<_, String>(0))?
                .map(|id| {
                    id.map_err(StoreError::from).and_then(|id| {
                        id.parse()
                            .map_err(|_| refused(path, format!("'{id}' is not a version id")))
                    })
                })
                .collect::<Result<_>>()?;
            Ok(ids)
        };
        match app {
            BUNDLE_APPLICATION_ID => {
                let format: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
                if format < 2 {
                    return Ok(Known {
                        ids: listed("SELECT version_id FROM has")?,
                        base: None,
                    });
                }
                let damaged = |reason: String| refused(path, format!("it is damaged ({reason})"));
                let packs = bundle_packs::PackReader {
                    conn: &conn,
                    damaged: &damaged,
                };
                let mark = packs.mark()?;
                let ids = match packs.said()? {
                    bundle_packs::Said::Listed(ids) => Some(ids),
                    bundle_packs::Said::OnBase { base, minus } => {
                        bundle_packs::versions_at(&self.conn, &base)?.map(|mut ids| {
                            ids.retain(|id| !minus.contains(id));
                            ids
                        })
                    }
                    bundle_packs::Said::Nothing => None,
                };
                Ok(match ids {
                    Some(mut ids) => {
                        // And the versions it carries.
                        let carried: Vec<StoredVersion> = packs.lines(bundle_packs::VERSIONS)?;
                        ids.extend(carried.iter().filter_map(|v| v.id.parse::<Uuid>().ok()));
                        Known { ids, base: mark }
                    }
                    None => Known {
                        ids: HashSet::new(),
                        base: None,
                    },
                })
            }
            migrations::APPLICATION_ID => {
                let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
                let ids = if version < migrations::VERSIONS_VERSION {
                    HashSet::new()
                } else {
                    listed(versions::ALL_VERSION_IDS)?
                };
                Ok(Known { ids, base: None })
            }
            _ => Err(refused(
                path,
                "it is neither a panj database nor a panj bundle",
            )),
        }
    }
}

/// Opens a bundle (or database) to read. An encrypted one opens with the
/// passphrase of the database reading it, as bundles written from an
/// encrypted database are encrypted with its passphrase.
fn open_read_only(path: &Path, key: Option<&Passphrase>) -> Result<Connection> {
    let meta = std::fs::metadata(path).map_err(|source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    if !meta.is_file() {
        return Err(refused(path, "it is not a regular file"));
    }
    if meta.len() > MAX_BUNDLE_BYTES {
        return Err(refused(path, "it is larger than 2 GiB"));
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    match (secret::looks(path), key) {
        (secret::Looks::Plain, _) => secret::connect(path, flags, None)
            .map_err(|e| refused(path, format!("it cannot be opened ({e})"))),
        (secret::Looks::Encrypted, Some(key)) => secret::connect_checked(path, Some(key), flags)
            .map_err(|e| match e {
                StoreError::WrongPassphrase { .. } => refused(
                    path,
                    "it is encrypted with a passphrase other than this database's",
                ),
                other => refused(path, format!("it cannot be opened ({other})")),
            }),
        (secret::Looks::Encrypted, None) => Err(refused(
            path,
            "it is encrypted (or not a SQLite file): read it into a database encrypted with \
             the same passphrase",
        )),
        _ => Err(refused(path, "it is not a panj bundle (not a SQLite file)")),
    }
}

impl Store {
    /// This database's versions stored after `after_seq` (0: all), whole,
    /// with every actor and source, read in one transaction.
    /// Imported records' implied first versions are written out as rows
    /// first, so that they go out once, in order, like any other; a
    /// database that cannot be written sends them ahead of the rest.
    pub fn outgoing(&self, after_seq: i64) -> Result<Outgoing> {
        self.outgoing_except(after_seq, &HashSet::new())
    }

    /// [`Store::outgoing`], but the versions in `skip` (which the other
    /// side has) are only named in [`Outgoing::skipped`], their records
    /// not read.
    pub fn outgoing_except(&self, after_seq: i64, skip: &HashSet<Uuid>) -> Result<Outgoing> {
        // Only then a write: writing a bundle otherwise never waits for
        // another writer's lock.
        if !self.read_only && versions::any_implied(&self.conn)? {
            let tx = self.begin_write("keep the imported versions")?;
            versions::keep_implied(&tx)?;
            tx.commit()?;
        }
        let snapshot = self.conn.unchecked_transaction()?;
        let device = settings::setting(&snapshot, "device")?.unwrap_or_default();
        let mut rows: Vec<(i64, StoredVersion)> = versions::implied_versions(&snapshot)?
            .into_iter()
            .map(|v| (after_seq, v))
            .collect();
        rows.extend(
            snapshot
                .prepare(&format!(
                    "SELECT {VERSION_COLUMNS}, seq FROM versions WHERE seq > ?1 ORDER BY seq"
                ))?
                .query_map([after_seq], |r| {
                    Ok((r.get(8)?, StoredVersion::from_row(r)?))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?,
        );
        let mut out = Outgoing {
            versions: Vec::with_capacity(rows.len()),
            actors: self.actors()?,
            sources: self.sources()?,
            device,
            skipped: Vec::new(),
        };
        for (seq, row) in rows {
            let corrupt =
                |field: &str| StoreError::Corrupt(format!("version {} has a bad {field}", row.id));
            let id: Uuid = row.id.parse().map_err(|_| corrupt("id"))?;
            if skip.contains(&id) {
                out.skipped.push(id);
                continue;
            }
            let json = match &row.record {
                Some(json) => json.clone(),
                None => {
                    versions::content_json(&versions::row_copy(&snapshot, id, &row.record_id)?)?
                }
            };
            out.versions.push((
                seq,
                Carried {
                    id,
                    record_id: row.record_id.parse().map_err(|_| corrupt("record id"))?,
                    parents: split_ids(&row.parents)?,
                    author: row.author,
                    device: row.device,
                    at: row.at.parse().map_err(|_| corrupt("time"))?,
                    action: row.action.parse().map_err(|_| corrupt("action"))?,
                    json,
                    record: None,
                    known_here: false,
                },
            ));
        }
        snapshot.commit()?;
        Ok(out)
    }

    /// Writes the versions this database has (only those the database or
    /// bundle `for_other` lacks, when given) into a new bundle at `out`,
    /// compressed (see `bundle_packs`). An existing bundle at `out` is
    /// replaced; any other file is not.
    pub fn write_bundle(&self, out: &Path, for_other: Option<&Path>) -> Result<BundleWritten> {
        let known = match for_other {
            Some(other) => {
                self.known_by(other, secret::known(other).as_ref().or(self.key.as_ref()))?
            }
            None => Known {
                ids: HashSet::new(),
                base: None,
            },
        };
        files::check_output(out, self.path(), files::Existing::ReplaceIfBundle, |p| {
            is_bundle(p, self.key.as_ref())
        })?;
        let outgoing = self.outgoing_except(0, &known.ids)?;
        let mark = bundle_packs::Mark::of(&self.conn)?;
        let mut written = BundleWritten {
            out: out.to_path_buf(),
            versions: 0,
            records: 0,
        };
        files::produce_atomically(out, |temporary| {
            // A bundle of an encrypted database is encrypted with its key.
            let mut bundle = secret::connect(
                temporary,
                OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE,
                self.key.as_ref(),
            )?;
            if self.key.is_none() {
                // Small pages: a bundle of a few versions is a few KB.
                bundle.pragma_update(None, "page_size", 1024)?;
            }
            bundle.execute_batch(bundle_packs::SCHEMA)?;
            bundle.pragma_update(None, "application_id", BUNDLE_APPLICATION_ID)?;
            bundle.pragma_update(None, "user_version", BUNDLE_FORMAT)?;
            let tx = bundle.transaction()?;
            let packs = bundle_packs::PackWriter { tx: &tx };
            for (key, value) in [
                ("device", outgoing.device.as_str()),
                ("written", &Timestamp::now().to_string()),
                ("panj", env!("CARGO_PKG_VERSION")),
            ] {
                packs.about(&format!("writer {key}"), value)?;
            }
            if let Some(mark) = &mark {
                packs.mark(mark)?;
            }
            let mine: HashSet<Uuid> = outgoing
                .versions
                .iter()
                .map(|(_, v)| v.id)
                .chain(outgoing.skipped.iter().copied())
                .collect();
            let mut records = HashSet::new();
            let lines: Vec<StoredVersion> = outgoing
                .versions
                .iter()
                .map(|(_, v)| v)
                .map(|v| {
                    records.insert(v.record_id);
                    StoredVersion {
                        id: v.id.to_string(),
                        record_id: v.record_id.to_string(),
                        parents: versions::join_ids(&v.parents),
                        author: v.author.clone(),
                        device: v.device.clone(),
                        at: v.at.to_string(),
                        action: v.action.code().to_string(),
                        record: Some(v.json.clone()),
                    }
                })
                .collect();
            written.versions = lines.len() as u64;
            packs.lines(bundle_packs::VERSIONS, &lines)?;
            packs.lines(bundle_packs::ACTORS, &outgoing.actors)?;
            packs.lines(bundle_packs::SOURCES, &outgoing.sources)?;
            // What this database has: said by the other side's own mark
            // when the other side can read that back, else every id.
            match &known.base {
                Some(base) => {
                    let minus: HashSet<Uuid> = known.ids.difference(&mine).copied().collect();
                    packs.on_base(base, &minus)?;
                }
                None => packs.ids(bundle_packs::HAS, &mine)?,
            }
            tx.commit()?;
            bundle.pragma_update(None, "journal_mode", "DELETE")?;
            written.records = records.len() as u64;
            Ok(())
        })?;
        Ok(written)
    }

    /// Reads the bundle at `path` into this database: every version it
    /// lacks is added and the records they touch settled, all in one
    /// transaction. A file that is not a whole bundle this panj can read
    /// is refused by name, with the database unchanged.
    pub fn read_bundle(&mut self, path: &Path) -> Result<BundleRead> {
        let known = self.version_ids()?;
        let bundle = read_whole(path, self.key.as_ref(), &known)?;
        self.take_in(
            "the bundle",
            &bundle,
            &|reason| refused(path, reason),
            &[],
            "(from bundle)",
        )
    }

    /// Adds the `incoming` versions this database lacks and settles the
    /// records they touch, and keeps `settings`, all in one transaction
    /// (`what` names it in errors). An actor that comes in under a name one
    /// of this database's actors has is added as "NAME `renamed`". Versions
    /// whose parents are neither incoming nor here are refused through
    /// `refuse`, with the database unchanged.
    pub fn take_in(
        &mut self,
        what: &'static str,
        incoming: &Incoming,
        refuse: &dyn Fn(String) -> StoreError,
        settings: &[(String, String)],
        renamed: &str,
    ) -> Result<BundleRead> {
        self.write(what, |w| {
            // Many records at once (a first pull): indexed for text search
            // after the commit in one pass, as an import's are, instead of
            // by a trigger row by row.
            if incoming.versions.len() >= BULK_FROM {
                w.bulk(|w| take(w, incoming, refuse, settings, renamed))
            } else {
                take(w, incoming, refuse, settings, renamed)
            }
        })
    }
}

/// Takes `incoming` in through `w` (see [`Store::take_in`]).
fn take(
    w: &super::Writer,
    incoming: &Incoming,
    refuse: &dyn Fn(String) -> StoreError,
    settings: &[(String, String)],
    renamed: &str,
) -> Result<BundleRead> {
    let tx = &w.tx;
    let mut read = BundleRead::default();
    // Parents must be incoming or here, else the versions were
    // chosen for a database that had more than this one.
    let in_bundle: HashSet<Uuid> = incoming.versions.iter().map(|v| v.id).collect();
    // (A parent here may be the implied first version of a record
    // imported here: then it is the record row's head.)
    let mut exists = tx.prepare_cached(
        "SELECT EXISTS (SELECT 1 FROM versions WHERE id = ?1)
             OR EXISTS (SELECT 1 FROM incidents WHERE id = ?2 AND head = ?1)",
    )?;
    for v in &incoming.versions {
        for p in &v.parents {
            if !in_bundle.contains(p)
                && !exists.query_row([p.to_string(), v.record_id.to_string()], |r| {
                    r.get::<_, bool>(0)
                })?
            {
                return Err(refuse(format!(
                    "version {} builds on version {p}, which neither it nor this database has: \
                         it was written for another database (ask for a bundle without --for)",
                    v.id
                )));
            }
        }
    }
    drop(exists);
    let actors = w.actors()?;
    for actor in &incoming.actors {
        if actors.iter().any(|a| a.id == actor.id) {
            continue;
        }
        let clash = actors
            .iter()
            .any(|a| a.answers_to(&actor.name) || actor.aliases.iter().any(|x| a.answers_to(x)));
        if clash {
            let renamed = Actor {
                name: format!("{} {renamed}", actor.name),
                aliases: Vec::new(),
                ..actor.clone()
            };
            w.upsert_actor(&renamed)?;
            read.actors_renamed.push(actor.name.clone());
        } else {
            w.upsert_actor(actor)?;
        }
        read.actors_added += 1;
    }
    let sources = w.sources()?;
    for source in &incoming.sources {
        if !sources.iter().any(|s| s.id == source.id) {
            w.upsert_source(source)?;
            read.sources_added += 1;
        }
    }
    let mut touched: Vec<Uuid> = Vec::new();
    let mut touched_set: HashSet<Uuid> = HashSet::new();
    let mut seen: HashSet<Uuid> = HashSet::new();
    let implied = versions::any_implied(tx)?;
    // Records new here that come with one version, its first: their
    // rows are written from it at once (a first pull or bundle is
    // mostly these), without settling.
    let mut per_record: HashMap<Uuid, usize> = HashMap::new();
    for v in &incoming.versions {
        *per_record.entry(v.record_id).or_default() += 1;
    }
    let here = w.record_keys()?;
    let references = incidents::References::read(tx)?;
    for v in &incoming.versions {
        if let Some(record) = &v.record
            && v.parents.is_empty()
            && per_record.get(&v.record_id) == Some(&1)
            && !here.has_id(v.record_id)
            && !record
                .external_id
                .as_deref()
                .is_some_and(|e| here.has_external_id(e))
        {
            let added = versions::insert(
                tx,
                &NewVersion {
                    id: v.id,
                    record_id: v.record_id,
                    parents: &[],
                    author: &v.author,
                    device: &v.device,
                    at: v.at,
                    action: v.action,
                },
                None,
            )?;
            if added {
                incidents::show_first_version(tx, record, v.id, &references)?;
                read.versions_added += 1;
                read.new += 1;
                if v.author != versions::MERGE_AUTHOR {
                    *read.by.entry(v.author.clone()).or_default() += 1;
                }
            }
            continue;
        }
        if v.parents.is_empty() && v.action == HistoryAction::Import && here.has_id(v.record_id) {
            versions::adopt_earlier_import(tx, v.id, v.record_id, &v.json)?;
        }
        if v.known_here {
            // Stored or implied here: nothing to write out or add.
            continue;
        }
        // A version building on a record imported here finds its
        // first version written out.
        if implied && seen.insert(v.record_id) {
            versions::keep_implied_of(tx, v.record_id, None)?;
        }
        let added = versions::insert(
            tx,
            &NewVersion {
                id: v.id,
                record_id: v.record_id,
                parents: &v.parents,
                author: &v.author,
                device: &v.device,
                at: v.at,
                action: v.action,
            },
            Some(&v.json),
        )?;
        if added {
            read.versions_added += 1;
            if v.author != versions::MERGE_AUTHOR {
                *read.by.entry(v.author.clone()).or_default() += 1;
            }
            if touched_set.insert(v.record_id) {
                touched.push(v.record_id);
            }
        }
    }
    for record_id in touched {
        match versions::settle(tx, record_id)? {
            Settled::New => read.new += 1,
            Settled::Changed => read.changed += 1,
            Settled::Deleted => read.deleted += 1,
            Settled::Conflict => read.conflicts += 1,
            Settled::Unchanged => {}
        }
    }
    for (key, value) in settings {
        settings::set_setting(tx, key, value)?;
    }
    Ok(read)
}

/// Whether `path` is a panj bundle (which a new bundle may replace).
fn is_bundle(path: &Path, key: Option<&Passphrase>) -> bool {
    open_read_only(path, key)
        .and_then(|c| Ok(c.pragma_query_value(None, "application_id", |r| r.get::<_, i32>(0))?))
        .is_ok_and(|id| id == BUNDLE_APPLICATION_ID)
}

/// A bundle read whole into memory and checked (the versions in `known`,
/// which this database has, only as far as taking them in needs).
fn read_whole(path: &Path, key: Option<&Passphrase>, known: &HashSet<Uuid>) -> Result<Incoming> {
    // A pipe or a device would hang SQLite's open or never end.
    crate::reading::regular(path, crate::reading::Kind::Bundle).map_err(|e| match e {
        crate::reading::ReadError::Io { path, source } => StoreError::Io { path, source },
        other => refused(path, other.to_string()),
    })?;
    let conn = open_read_only(path, key)?;
    let damaged = |e: rusqlite::Error| refused(path, format!("it is damaged ({e})"));
    let app: i32 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(damaged)?;
    if app == migrations::APPLICATION_ID {
        return Err(refused(
            path,
            "it is a panj database, not a bundle: write a bundle from it with `panj --db FILE bundle write OUT`",
        ));
    }
    if app != BUNDLE_APPLICATION_ID {
        return Err(refused(path, "it is not a panj bundle"));
    }
    let format: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(damaged)?;
    if format > BUNDLE_FORMAT {
        return Err(refused(
            path,
            format!(
                "it was written by a newer panj (bundle format {format}; this panj reads up to {BUNDLE_FORMAT}): use a newer panj"
            ),
        ));
    }
    let check: String = conn
        .query_row("PRAGMA quick_check", [], |r| r.get(0))
        .map_err(damaged)?;
    if check != "ok" {
        return Err(refused(path, format!("it is damaged ({check})")));
    }
    if format >= 2 {
        let damaged = |reason: String| refused(path, format!("it is damaged ({reason})"));
        let packs = bundle_packs::PackReader {
            conn: &conn,
            damaged: &damaged,
        };
        let rows: Vec<StoredVersion> = packs.lines(bundle_packs::VERSIONS)?;
        return Ok(Incoming {
            versions: check_new_versions(rows, known, &|reason| refused(path, reason))?,
            actors: packs.lines(bundle_packs::ACTORS)?,
            sources: packs.lines(bundle_packs::SOURCES)?,
        });
    }
    let mut stmt = conn
        .prepare(&format!(
            "SELECT {VERSION_COLUMNS} FROM versions ORDER BY seq"
        ))
        .map_err(damaged)?;
    let rows: Vec<StoredVersion> = stmt
        .query_map([], StoredVersion::from_row)
        .map_err(damaged)?
        .enumerate()
        .map(|(n, row)| row.map_err(|e| refused(path, format!("version row {}: {e}", n + 1))))
        .collect::<Result<_>>()?;
    let versions = check_versions(rows, &|reason| refused(path, reason))?;
    let catalog = |sql: &str| -> Result<Vec<String>> {
        let mut stmt = conn.prepare(sql).map_err(damaged)?;
        let rows = stmt
            .query_map([], |r| r.get::<_, String>(0))
            .map_err(damaged)?
            .collect::<rusqlite::Result<_>>()
            .map_err(damaged)?;
        Ok(rows)
    };
    let actors = catalog("SELECT actor FROM actors ORDER BY id")?
        .iter()
        .map(|j| serde_json::from_str(j).map_err(|e| refused(path, format!("an actor: {e}"))))
        .collect::<Result<_>>()?;
    let sources = catalog("SELECT source FROM sources ORDER BY id")?
        .iter()
        .map(|j| serde_json::from_str(j).map_err(|e| refused(path, format!("a source: {e}"))))
        .collect::<Result<_>>()?;
    Ok(Incoming {
        versions,
        actors,
        sources,
    })
}

/// Checks versions as a bundle or a server holds them (each with a whole,
/// valid record of the incident it names) and puts parents before
/// children. The first problem is refused through `refuse`, naming the
/// row and field.
pub fn check_versions(
    rows: Vec<StoredVersion>,
    refuse: &dyn Fn(String) -> StoreError,
) -> Result<Vec<Carried>> {
    check_new_versions(rows, &HashSet::new(), refuse)
}

/// [`check_versions`], reading the records of only the versions not in
/// `known`: the others are left out when taken in (but for the time of a
/// first import, see `versions::adopt_earlier_import`), so a bundle of
/// 100 000 versions this database has is not read whole again.
pub fn check_new_versions(
    rows: Vec<StoredVersion>,
    known: &HashSet<Uuid>,
    refuse: &dyn Fn(String) -> StoreError,
) -> Result<Vec<Carried>> {
    let versions = rows
        .into_iter()
        .enumerate()
        .map(|(n, row)| {
            match row.id.parse::<Uuid>() {
                Ok(id) if known.contains(&id) => known_version(n + 1, id, row),
                _ => check_version(n + 1, row),
            }
            .map_err(refuse)
        })
        .collect::<Result<Vec<_>>>()?;
    parents_first(versions, refuse)
}

/// A version this database has, as far as taking it in needs.
fn known_version(
    row_number: usize,
    id: Uuid,
    row: StoredVersion,
) -> std::result::Result<Carried, String> {
    let bad = |field: &str, detail: String| {
        format!("version row {row_number} ({id}), field {field}: {detail}")
    };
    Ok(Carried {
        id,
        record_id: row
            .record_id
            .parse()
            .map_err(|e| bad("record_id", format!("{e}")))?,
        parents: split_ids(&row.parents).map_err(|e| bad("parents", e.to_string()))?,
        at: row.at.parse().map_err(|e| bad("at", format!("{e}")))?,
        action: row
            .action
            .parse()
            .map_err(|e| bad("action", format!("{e}")))?,
        author: row.author,
        device: row.device,
        json: row.record.unwrap_or_default(),
        record: None,
        known_here: true,
    })
}

/// The longest text field a version may carry: an import's limit.
const MAX_FIELD_BYTES: usize = 256 * 1024;

/// Whether a version's author and time can be a person's change: a name
/// an analyst could sign with, the automatic merge's (which every database
/// writes) or none (a database with no name set signs with none), and a
/// time from 1990 to a day after now.
fn check_signature(author: &str, at: Timestamp) -> std::result::Result<(), (&'static str, String)> {
    if !author.is_empty() && author != versions::MERGE_AUTHOR {
        versions::analyst_name(author).map_err(|e| ("author", e.to_string()))?;
    }
    let earliest: Timestamp = "1990-01-01T00:00:00Z"
        .parse()
        .unwrap_or(Timestamp::UNIX_EPOCH);
    let latest = Timestamp::now()
        .checked_add(jiff::SignedDuration::from_hours(24))
        .unwrap_or(Timestamp::MAX);
    if at < earliest || at > latest {
        return Err((
            "at",
            format!("{at} is not a time a change was made (1990 to now)"),
        ));
    }
    Ok(())
}

/// Checks one version as a bundle or a server holds it; what is wrong,
/// naming row `row_number` and the field, when it cannot be taken in.
pub fn check_version(
    row_number: usize,
    row: StoredVersion,
) -> std::result::Result<Carried, String> {
    let id_text = &row.id;
    let bad = |field: &str, detail: String| {
        format!("version row {row_number} ({id_text}), field {field}: {detail}")
    };
    let id: Uuid = id_text.parse().map_err(|e| bad("id", format!("{e}")))?;
    let record_id: Uuid = row
        .record_id
        .parse()
        .map_err(|e| bad("record_id", format!("{e}")))?;
    let parents = split_ids(&row.parents).map_err(|e| bad("parents", e.to_string()))?;
    let at: Timestamp = row.at.parse().map_err(|e| bad("at", format!("{e}")))?;
    let action: HistoryAction = row
        .action
        .parse()
        .map_err(|e| bad("action", format!("{e}")))?;
    let json = row
        .record
        .as_deref()
        .ok_or_else(|| bad("record", "missing".into()))?;
    let record: Incident = serde_json::from_str(json).map_err(|e| bad("record", e.to_string()))?;
    if record.id != record_id {
        return Err(bad(
            "record",
            format!("holds incident {}, not {record_id}", record.id),
        ));
    }
    let errors = record.validate();
    if !errors.is_empty() {
        return Err(bad("record", StoreError::Invalid(errors).to_string()));
    }
    check_signature(&row.author, at).map_err(|(field, detail)| bad(field, detail))?;
    for (field, text) in [
        ("record.title", &record.title),
        ("record.summary", &record.summary),
        ("record.notes", &record.notes),
    ] {
        if text.len() > MAX_FIELD_BYTES {
            return Err(bad(
                field,
                format!(
                    "holds {} bytes; panj takes at most {} KiB in one field, as an import does",
                    text.len(),
                    MAX_FIELD_BYTES / 1024
                ),
            ));
        }
    }
    Ok(Carried {
        id,
        record_id,
        parents,
        author: row.author,
        device: row.device,
        at,
        action,
        json: versions::content_json(&record).map_err(|e| bad("record", e.to_string()))?,
        record: Some(std::sync::Arc::new(record)),
        known_here: false,
    })
}

/// Puts parents before children, whatever order the versions came in,
/// keeping the order they came in otherwise; in time linear in their
/// number (a chain of 100 000 versions of one record included).
pub fn parents_first(
    versions: Vec<Carried>,
    refuse: &dyn Fn(String) -> StoreError,
) -> Result<Vec<Carried>> {
    let index: HashMap<Uuid, usize> = versions
        .iter()
        .enumerate()
        .map(|(n, v)| (v.id, n))
        .collect();
    const NEW: u8 = 0;
    const OPEN: u8 = 1;
    const PLACED: u8 = 2;
    let mut state = vec![NEW; versions.len()];
    let mut order: Vec<usize> = Vec::with_capacity(versions.len());
    for start in 0..versions.len() {
        if state[start] != NEW {
            continue;
        }
        // Depth first through parents; a version is placed once all its
        // parents among these are.
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        state[start] = OPEN;
        while let Some(top) = stack.last_mut() {
            let (at, next) = *top;
            top.1 += 1;
            if let Some(parent) = versions[at].parents.get(next) {
                if let Some(&p) = index.get(parent) {
                    match state[p] {
                        NEW => {
                            state[p] = OPEN;
                            stack.push((p, 0));
                        }
                        OPEN => {
                            return Err(refuse(
                                "its versions name each other as parents in a loop".into(),
                            ));
                        }
                        _ => {}
                    }
                }
            } else {
                state[at] = PLACED;
                order.push(at);
                stack.pop();
            }
        }
    }
    let mut slots: Vec<Option<Carried>> = versions.into_iter().map(Some).collect();
    Ok(order.into_iter().filter_map(|n| slots[n].take()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::params;

    /// Bundles written before format 2 (in tables, not packs) still read.
    #[test]
    fn a_bundle_of_format_1_still_reads() {
        let dir = tempfile::tempdir().unwrap();
        let mut from = Store::open_in_memory().unwrap();
        crate::exchange::seed::seed(&mut from).unwrap();
        let path = dir.path().join("old.panjb");
        let bundle = Connection::open(&path).unwrap();
        bundle.execute_batch(BUNDLE_SCHEMA_1).unwrap();
        bundle
            .pragma_update(None, "application_id", BUNDLE_APPLICATION_ID)
            .unwrap();
        bundle.pragma_update(None, "user_version", 1).unwrap();
        let outgoing = from.outgoing(0).unwrap();
        for (_, v) in &outgoing.versions {
            bundle
                .execute(
                    "INSERT INTO versions (id, record_id, parents, author, device, at, action, record)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                    params![
                        v.id.to_string(),
                        v.record_id.to_string(),
                        versions::join_ids(&v.parents),
                        v.author,
                        v.device,
                        v.at.to_string(),
                        v.action.code(),
                        v.json
                    ],
                )
                .unwrap();
            bundle
                .execute(
                    "INSERT INTO has (version_id) VALUES (?1)",
                    [v.id.to_string()],
                )
                .unwrap();
        }
        for a in &outgoing.actors {
            bundle
                .execute(
                    "INSERT INTO actors (id, actor) VALUES (?1, ?2)",
                    params![a.id.to_string(), serde_json::to_string(a).unwrap()],
                )
                .unwrap();
        }
        for s in &outgoing.sources {
            bundle
                .execute(
                    "INSERT INTO sources (id, source) VALUES (?1, ?2)",
                    params![s.id.to_string(), serde_json::to_string(s).unwrap()],
                )
                .unwrap();
        }
        drop(bundle);
        let mut to = Store::open_in_memory().unwrap();
        let read = to.read_bundle(&path).unwrap();
        assert_eq!(read.new, 3, "{read}");
        assert_eq!(to.load_everything().unwrap().len(), 3);
        let known = to.known_by(&path, None).unwrap();
        assert_eq!(known.ids.len(), outgoing.versions.len());
    }
}
