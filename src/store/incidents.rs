//! Reading and writing incidents with their casualties, claims and sources,
//! and the version every write adds (see `versions`).

use super::{Result, Store, StoreError, Writer, versions};
use crate::model::{Casualty, Claim, HistoryAction, Incident, IncidentDate, Location};
use jiff::Timestamp;
use rusqlite::{Connection, OptionalExtension, Row, params};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use uuid::Uuid;

const INCIDENT_COLUMNS: &str = "id, title, summary, event_type, date_start, date_end, \
    date_precision, time_of_day, lat, lon, location_precision, place_name, country, admin1, \
    admin2, side, notes, tags, created_at, updated_at, deleted_at, version, border_km, \
    external_id, provenance, import_id, source_row";

/// Reads a text column into any type that parses from text, naming the column
/// when the stored text is not valid.
pub(super) fn parsed<T>(row: &Row, column: &str) -> rusqlite::Result<T>
where
    T: std::str::FromStr,
    T::Err: std::error::Error + Send + Sync + 'static,
{
    let text: String = row.get(column)?;
    text.parse().map_err(|e| conversion_error(column, e))
}

/// Like [`parsed`] for a column that may be NULL.
pub(super) fn parsed_opt<T>(row: &Row, column: &str) -> rusqlite::Result<Option<T>>
where
    T: std::str::FromStr,
    T::Err: std::error::Error + Send + Sync + 'static,
{
    let text: Option<String> = row.get(column)?;
    text.map(|t| t.parse().map_err(|e| conversion_error(column, e)))
        .transpose()
}

fn conversion_error(
    column: &str,
    error: impl std::error::Error + Send + Sync + 'static,
) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        0,
        rusqlite::types::Type::Text,
        format!("column {column}: {error}").into(),
    )
}

/// Like [`parsed`], by position (`name` for the message): reading by name
/// looks the column up on every call, which loading many rows feels.
fn parsed_at<T>(row: &Row, index: usize, name: &str) -> rusqlite::Result<T>
where
    T: std::str::FromStr,
    T::Err: std::error::Error + Send + Sync + 'static,
{
    let text = row.get_ref(index)?.as_str()?;
    text.parse().map_err(|e| conversion_error(name, e))
}

fn parsed_opt_at<T>(row: &Row, index: usize, name: &str) -> rusqlite::Result<Option<T>>
where
    T: std::str::FromStr,
    T::Err: std::error::Error + Send + Sync + 'static,
{
    row.get_ref(index)?
        .as_str_or_null()?
        .map(|t| t.parse().map_err(|e| conversion_error(name, e)))
        .transpose()
}

/// The columns of the imports that stored rows came from, read from the
/// `imports` table as rows need them: an imported record's provenance is
/// made from its row's bytes under its import's columns.
pub(super) struct ImportColumns<'c> {
    conn: &'c Connection,
    known: std::cell::RefCell<std::collections::HashMap<i64, KnownColumns>>,
}

/// An import's columns, and the byte between its rows' fields.
type KnownColumns = (Arc<Vec<String>>, u8);

impl<'c> ImportColumns<'c> {
    pub(super) fn new(conn: &'c Connection) -> Self {
        ImportColumns {
            conn,
            known: Default::default(),
        }
    }

    /// An import's columns, and the byte between its rows' fields.
    fn columns(&self, import: i64) -> rusqlite::Result<KnownColumns> {
        if let Some(columns) = self.known.borrow().get(&import) {
            return Ok(columns.clone());
        }
        let (text, header): (String, Option<Vec<u8>>) = self
            .conn
            .prepare_cached("SELECT columns, header FROM imports WHERE id = ?1")?
            .query_row([import], |r| Ok((r.get(0)?, r.get(1)?)))?;
        let columns: Vec<String> =
            serde_json::from_str(&text).map_err(|e| conversion_error("imports.columns", e))?;
        let delimiter = crate::model::source_row::delimiter_of(header.as_deref(), columns.len());
        let known = (Arc::new(columns), delimiter);
        self.known.borrow_mut().insert(import, known.clone());
        Ok(known)
    }

    /// The provenance of a row: its own column, or else the one its kept
    /// bytes (`source_row`, at `index`) give under its import's columns.
    fn provenance(&self, row: &Row, index: usize) -> rusqlite::Result<Option<String>> {
        if let Some(own) = row.get::<_, Option<String>>(index)? {
            return Ok(Some(own));
        }
        let import: Option<i64> = row.get(index + 1)?;
        let bytes = row.get_ref(index + 2)?.as_blob_or_null()?;
        match (import, bytes) {
            (Some(import), Some(bytes)) => {
                let (columns, delimiter) = self.columns(import)?;
                Ok(crate::model::source_row::provenance_between(
                    &columns, bytes, delimiter,
                ))
            }
            _ => Ok(None),
        }
    }
}

/// An incident from a row selecting `INCIDENT_COLUMNS`, in that order.
fn incident_from_row(row: &Row, imports: &ImportColumns) -> rusqlite::Result<Incident> {
    let mut incident = incident_from_row_without_provenance(row)?;
    incident.provenance = imports.provenance(row, 24)?;
    Ok(incident)
}

/// As [`incident_from_row`], leaving the provenance out: the window does
/// not keep it, and making it from an imported row's bytes takes over a
/// microsecond a record.
fn incident_from_row_without_provenance(row: &Row) -> rusqlite::Result<Incident> {
    let mut incident = incident_from_row_listed(row)?;
    incident.summary = row.get(2)?;
    incident.notes = row.get(16)?;
    Ok(incident)
}

/// The row as [`Incident::listed`] keeps it; the summary and notes are
/// not even copied out of SQLite (copies made only to be dropped cost
/// a second and a half of reading at a million records).
fn incident_from_row_listed(row: &Row) -> rusqlite::Result<Incident> {
    let mut tags: Vec<String> = serde_json::from_str(row.get_ref(17)?.as_str()?)
        .map_err(|e| conversion_error("tags", e))?;
    // Parsed one by one, they come with room for four.
    tags.shrink_to_fit();
    Ok(Incident {
        id: parsed_at(row, 0, "id")?,
        title: row.get(1)?,
        summary: String::new(),
        event_type: parsed_at(row, 3, "event_type")?,
        date: IncidentDate {
            start: parsed_at(row, 4, "date_start")?,
            end: parsed_at(row, 5, "date_end")?,
            precision: parsed_at(row, 6, "date_precision")?,
            time_of_day: parsed_opt_at(row, 7, "time_of_day")?,
        },
        location: Location {
            lat: row.get(8)?,
            lon: row.get(9)?,
            precision: parsed_at(row, 10, "location_precision")?,
            place_name: row.get(11)?,
            country: parsed_opt_at(row, 12, "country")?,
            admin1: row.get(13)?,
            admin2: row.get(14)?,
            side: parsed_at(row, 15, "side")?,
            border_km: row.get(22)?,
        },
        notes: String::new(),
        tags,
        casualties: Vec::new(),
        claims: Vec::new(),
        source_ids: Vec::new(),
        created_at: parsed_at(row, 18, "created_at")?,
        updated_at: parsed_at(row, 19, "updated_at")?,
        deleted_at: parsed_opt_at(row, 20, "deleted_at")?,
        version: row.get(21)?,
        external_id: row.get(23)?,
        provenance: None,
    })
}

/// Loads complete incidents for rows of `sql`, which must select
/// `INCIDENT_COLUMNS` (optionally prefixed by a table alias).
pub(super) fn load_incidents(
    conn: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
) -> Result<Vec<Incident>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let imports = ImportColumns::new(conn);
    let mut incidents = stmt
        .query_map(params, |row| incident_from_row(row, &imports))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    // Three queries per record are fine for a few; for the many the window
    // loads at start, one pass over each child table is far faster.
    if incidents.len() > 256 {
        load_children_of_many(conn, &mut incidents)?;
    } else {
        for incident in &mut incidents {
            load_children(conn, incident)?;
        }
    }
    Ok(incidents)
}

/// Fills the casualty rows, claims and sources of many incidents with one
/// pass over each child table (rows of other incidents are skipped).
fn load_children_of_many(conn: &Connection, incidents: &mut [Incident]) -> Result<()> {
    let index: std::collections::HashMap<String, usize> = incidents
        .iter()
        .enumerate()
        .map(|(n, i)| (i.id.to_string(), n))
        .collect();
    // Calls `add` with the incident each row of `sql` (whose first column
    // is its incident's id) belongs to.
    let mut each_row = |sql: &str,
                        add: &mut dyn FnMut(&mut Incident, &Row) -> rusqlite::Result<()>|
     -> Result<()> {
        let mut stmt = conn.prepare_cached(sql)?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let id = r.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?;
            if let Some(&n) = index.get(id) {
                add(&mut incidents[n], r)?;
            }
        }
        Ok(())
    };
    each_row(
        "SELECT i.id, c.nationality, c.role, c.killed, c.wounded, c.figure
         FROM casualties c JOIN incidents i ON i.seq = c.incident_seq
         ORDER BY c.incident_seq, c.position",
        &mut |incident, r| {
            incident.casualties.push(casualty_from_row(r)?);
            Ok(())
        },
    )?;
    each_row(
        "SELECT i.id, c.actor_id, c.claimant, c.claimant_name, c.stance, c.confidence,
         c.source_id, c.note
         FROM claims c JOIN incidents i ON i.seq = c.incident_seq
         ORDER BY c.incident_seq, c.position",
        &mut |incident, r| {
            incident.claims.push(claim_from_row(r)?);
            Ok(())
        },
    )?;
    each_row(
        "SELECT i.id, s.source_id
         FROM incident_sources s JOIN incidents i ON i.seq = s.incident_seq
         ORDER BY s.incident_seq, s.source_id",
        &mut |incident, r| {
            incident.source_ids.push(parsed_at(r, 1, "source_id")?);
            Ok(())
        },
    )
}

/// Every incident, live ones then deleted ones, each by date as
/// [`Store::query`] orders them, complete with their child rows: what the
/// window loads at start.
///
/// Reading the table in storage order and sorting here is an order of
/// magnitude faster than walking the date index, which jumps about the
/// file once per record. For a file, the child tables are read on a second
/// connection at the same time; two connections see one state of the
/// database only if nobody committed meanwhile, so when someone did, it
/// is all read again in one transaction on one connection (slower, but a
/// record must never arrive without rows it has: saved back, they would
/// be lost).
pub(super) fn load_everything(
    conn: &Connection,
    path: Option<&std::path::Path>,
    key: Option<&super::secret::Passphrase>,
    read: &AtomicUsize,
    kept: Kept,
) -> Result<Loaded> {
    let data_version =
        || -> Result<i64> { Ok(conn.pragma_query_value(None, "data_version", |r| r.get(0))?) };
    let mut loaded = None;
    if let Some(path) = path {
        let before = data_version()?;
        let both = read_in_parallel(conn, path, key, read, kept)?;
        if data_version()? == before {
            loaded = Some(both);
        }
    }
    let (mut keyed, children) = match loaded {
        Some(both) => both,
        None => {
            read.store(0, Ordering::Relaxed);
            let snapshot = conn.unchecked_transaction()?;
            let both = (
                read_incidents(&snapshot, read, kept)?,
                read_children(&snapshot)?,
            );
            snapshot.commit()?;
            both
        }
    };
    keyed.sort_unstable_by(|(seq_a, a), (seq_b, b)| {
        (a.deleted_at.is_some(), a.date.start, a.date.end, seq_a).cmp(&(
            b.deleted_at.is_some(),
            b.date.start,
            b.date.end,
            seq_b,
        ))
    });
    let seqs: Vec<i64> = keyed.iter().map(|(seq, _)| *seq).collect();
    let mut incidents: Vec<Arc<Incident>> = keyed.into_iter().map(|(_, i)| i).collect();
    let position: std::collections::HashMap<i64, usize> =
        seqs.iter().enumerate().map(|(n, seq)| (*seq, n)).collect();
    fn record<'a>(
        incidents: &'a mut [Arc<Incident>],
        position: &std::collections::HashMap<i64, usize>,
        id: &i64,
    ) -> Option<&'a mut Incident> {
        position
            .get(id)
            .and_then(|&n| Arc::get_mut(&mut incidents[n]))
    }
    for_each_run(children.casualties, |id, run| {
        if let Some(incident) = record(&mut incidents, &position, &id) {
            incident.casualties = run;
        }
    });
    for_each_run(children.claims, |id, run| {
        if let Some(incident) = record(&mut incidents, &position, &id) {
            incident.claims = run;
        }
    });
    for_each_run(children.sources, |id, run| {
        if let Some(incident) = record(&mut incidents, &position, &id) {
            incident.source_ids = run;
        }
    });
    Ok(Loaded { incidents, seqs })
}

/// Hands `put` each run of rows with one key (the rows come ordered by
/// it) as a vector of exactly its length. Pushing them one by one onto
/// an empty vector reserves room for four, which the window kept and
/// never used: with the dropped copies of `incident_from_row_listed`,
/// 160 MB of the window's heap at a million records.
fn for_each_run<T>(rows: Vec<(i64, T)>, mut put: impl FnMut(i64, Vec<T>)) {
    let lengths: Vec<usize> = rows.chunk_by(|a, b| a.0 == b.0).map(<[_]>::len).collect();
    let mut rows = rows.into_iter();
    for length in lengths {
        let mut run = Vec::with_capacity(length);
        let mut key = 0;
        for (id, row) in rows.by_ref().take(length) {
            key = id;
            run.push(row);
        }
        put(key, run);
    }
}

/// How much of each record a load of every record keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kept {
    /// Every field.
    Whole,
    /// What the window keeps of every record (see [`Incident::listed`]):
    /// the summary, notes and provenance are left out (text search asks
    /// the full-text index, see `text_search`).
    Listed,
}

/// Every record, read by [`Store::load_listed`] or
/// [`Store::load_everything_keyed`].
pub struct Loaded {
    /// Live then deleted, each part by date.
    pub incidents: Vec<Arc<Incident>>,
    /// Each record's `seq` (its row's integer key), at the same position.
    pub seqs: Vec<i64>,
}

/// Incidents with their `seq` (the order they were stored in).
type Keyed = Vec<(i64, Arc<Incident>)>;

/// Every incident row with its `seq`, without child rows, in storage order.
/// Shared from the start: sorting moves pointers, not records, and the
/// window keeps them without a second copy.
fn read_incidents(conn: &Connection, read: &AtomicUsize, kept: Kept) -> Result<Keyed> {
    let sql = format!("SELECT {INCIDENT_COLUMNS}, seq FROM incidents");
    let mut stmt = conn.prepare(&sql)?;
    let imports = ImportColumns::new(conn);
    let keyed = stmt
        .query_map([], |row| {
            read.fetch_add(1, Ordering::Relaxed);
            let seq = row.get::<_, i64>(27)?;
            let incident = match kept {
                Kept::Whole => incident_from_row(row, &imports)?,
                Kept::Listed => incident_from_row_listed(row)?,
            };
            Ok((seq, Arc::new(incident)))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(keyed)
}

/// The incident rows on `conn` and the child rows on a second, read-only
/// connection to `path`, at the same time.
fn read_in_parallel(
    conn: &Connection,
    path: &std::path::Path,
    key: Option<&super::secret::Passphrase>,
    read: &AtomicUsize,
    kept: Kept,
) -> Result<(Keyed, Children)> {
    std::thread::scope(|scope| {
        let second = scope.spawn(move || -> Result<Children> {
            let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY
                | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX;
            let conn = super::secret::connect(path, flags, key)?;
            conn.busy_timeout(std::time::Duration::from_secs(5))?;
            read_children(&conn)
        });
        let keyed = read_incidents(conn, read, kept);
        let children = second
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e));
        Ok((keyed?, children?))
    })
}

/// The child rows of every incident, each with its incident's `seq`, in
/// their stored order.
#[derive(Default)]
struct Children {
    casualties: Vec<(i64, Casualty)>,
    claims: Vec<(i64, Claim)>,
    sources: Vec<(i64, Uuid)>,
}

fn read_children(conn: &Connection) -> Result<Children> {
    let mut children = Children::default();
    let mut stmt = conn.prepare(
        "SELECT incident_seq, nationality, role, killed, wounded, figure FROM casualties
         ORDER BY incident_seq, position",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        children.casualties.push((r.get(0)?, casualty_from_row(r)?));
    }
    let mut stmt = conn.prepare(
        "SELECT incident_seq, actor_id, claimant, claimant_name, stance, confidence, source_id,
         note FROM claims ORDER BY incident_seq, position",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        children.claims.push((r.get(0)?, claim_from_row(r)?));
    }
    let mut stmt = conn.prepare(
        "SELECT incident_seq, source_id FROM incident_sources ORDER BY incident_seq, source_id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        children
            .sources
            .push((r.get(0)?, parsed_at(r, 1, "source_id")?));
    }
    Ok(children)
}

/// A casualty from columns 1.. of `incident, nationality, role,
/// killed, wounded, figure`.
fn casualty_from_row(r: &Row) -> rusqlite::Result<Casualty> {
    Ok(Casualty {
        nationality: parsed_opt_at(r, 1, "nationality")?,
        role: parsed_at(r, 2, "role")?,
        killed: r.get(3)?,
        wounded: r.get(4)?,
        figure: parsed_at(r, 5, "figure")?,
    })
}

/// A claim from columns 1.. of `incident, actor_id, claimant,
/// claimant_name, stance, confidence, source_id, note`.
fn claim_from_row(r: &Row) -> rusqlite::Result<Claim> {
    Ok(Claim {
        actor_id: parsed_at(r, 1, "actor_id")?,
        claimant: parsed_at(r, 2, "claimant")?,
        claimant_name: r.get(3)?,
        stance: parsed_at(r, 4, "stance")?,
        confidence: parsed_at(r, 5, "confidence")?,
        source_id: parsed_opt_at(r, 6, "source_id")?,
        note: r.get(7)?,
    })
}

/// Whether every stored incident, casualty row and claim reads back. Each
/// row is decoded and dropped at once, so `panj check` does not hold a
/// million records in memory to find the one that cannot be read.
pub(super) fn every_record_reads(conn: &Connection) -> Result<bool> {
    fn each(
        conn: &Connection,
        sql: &str,
        decode: impl Fn(&Row) -> rusqlite::Result<()>,
    ) -> Result<bool> {
        let mut stmt = conn.prepare(sql)?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            if decode(row).is_err() {
                return Ok(false);
            }
        }
        Ok(true)
    }
    Ok(each(
        conn,
        &format!("SELECT {INCIDENT_COLUMNS} FROM incidents"),
        |r| incident_from_row(r, &ImportColumns::new(conn)).map(drop),
    )? && each(
        conn,
        "SELECT incident_seq, nationality, role, killed, wounded, figure FROM casualties",
        |r| casualty_from_row(r).map(drop),
    )? && each(
        conn,
        "SELECT incident_seq, actor_id, claimant, claimant_name, stance, confidence, source_id,
         note FROM claims",
        |r| claim_from_row(r).map(drop),
    )?)
}

pub(super) fn incident_columns(alias: &str) -> String {
    INCIDENT_COLUMNS
        .split(", ")
        .map(|c| format!("{alias}.{c}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn load_children(conn: &Connection, incident: &mut Incident) -> Result<()> {
    let id = incident.id.to_string();
    incident.casualties = conn
        .prepare_cached(
            "SELECT nationality, role, killed, wounded, figure FROM casualties
             WHERE incident_seq = (SELECT seq FROM incidents WHERE id = ?1) ORDER BY position",
        )?
        .query_map([&id], |r| {
            Ok(Casualty {
                nationality: parsed_opt(r, "nationality")?,
                role: parsed(r, "role")?,
                killed: r.get("killed")?,
                wounded: r.get("wounded")?,
                figure: parsed(r, "figure")?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    incident.claims = conn
        .prepare_cached(
            "SELECT actor_id, claimant, claimant_name, stance, confidence, source_id, note
             FROM claims WHERE incident_seq = (SELECT seq FROM incidents WHERE id = ?1)
             ORDER BY position",
        )?
        .query_map([&id], |r| {
            Ok(Claim {
                actor_id: parsed(r, "actor_id")?,
                claimant: parsed(r, "claimant")?,
                claimant_name: r.get("claimant_name")?,
                stance: parsed(r, "stance")?,
                confidence: parsed(r, "confidence")?,
                source_id: parsed_opt(r, "source_id")?,
                note: r.get("note")?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    incident.source_ids = conn
        .prepare_cached(
            "SELECT source_id FROM incident_sources
             WHERE incident_seq = (SELECT seq FROM incidents WHERE id = ?1) ORDER BY source_id",
        )?
        .query_map([&id], |r| parsed(r, "source_id"))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(())
}

fn get_incident(conn: &Connection, id: Uuid) -> Result<Option<Incident>> {
    let sql = format!("SELECT {INCIDENT_COLUMNS} FROM incidents WHERE id = ?1");
    Ok(load_incidents(conn, &sql, [id.to_string()])?.pop())
}

/// The row of one incident as it stands, live or deleted.
pub(super) fn row_of(conn: &Connection, id: Uuid) -> Result<Option<Incident>> {
    get_incident(conn, id)
}

/// Makes the row of `record.id` show the version `head` (whose record is
/// `record`): inserted when the database lacks it, else replaced, with
/// `version` as its counter (the length of its history).
pub(super) fn show_version(
    conn: &Connection,
    record: &Incident,
    before: Option<&Incident>,
    head: Uuid,
    version: i64,
) -> Result<Incident> {
    if before.is_none()
        && let Some(external_id) = &record.external_id
        && let Some(other) = by_external_id(conn, external_id)?
    {
        return Err(StoreError::Corrupt(format!(
            "incident {} of the bundle and incident {} here were both imported from the data-set \
             record {external_id} by panj versions that gave them different ids; nothing was read",
            record.id, other.id
        )));
    }
    let mut stored = record.clone();
    stored.version = version;
    stored.location.border_km = border_km(stored.location.lon, stored.location.lat);
    check_references(conn, &stored)?;
    write_row(conn, &stored, before.is_none(), head, None)?;
    Ok(stored)
}

/// The ids of the actors and sources a database holds, read once to write
/// many records (a first pull) without asking for each.
pub(super) struct References {
    actors: std::collections::HashSet<Uuid>,
    sources: std::collections::HashSet<Uuid>,
}

impl References {
    pub(super) fn read(conn: &Connection) -> Result<References> {
        let ids = |sql: &str| -> Result<std::collections::HashSet<Uuid>> {
            let mut stmt = conn.prepare(sql)?;
            let ids = stmt
                .query_map([], |r| parsed(r, "id"))?
                .collect::<rusqlite::Result<_>>()?;
            Ok(ids)
        };
        Ok(References {
            actors: ids("SELECT id FROM actors")?,
            sources: ids("SELECT id FROM sources")?,
        })
    }

    /// As [`check_references`] says it, for a record already validated.
    fn check(&self, incident: &Incident) -> Result<()> {
        for claim in &incident.claims {
            if !self.actors.contains(&claim.actor_id) {
                return Err(StoreError::ActorNotFound(claim.actor_id));
            }
            if let Some(source) = claim.source_id
                && !self.sources.contains(&source)
            {
                return Err(StoreError::SourceNotFound(source));
            }
        }
        match incident
            .source_ids
            .iter()
            .find(|s| !self.sources.contains(s))
        {
            Some(&source) => Err(StoreError::SourceNotFound(source)),
            None => Ok(()),
        }
    }
}

/// Writes the row of a record new here from its first version `head`
/// (checked and valid, citing only `references`), the row being that
/// version's copy; the caller knows no row has its id or data-set id.
pub(super) fn show_first_version(
    conn: &Connection,
    record: &Incident,
    head: Uuid,
    references: &References,
) -> Result<()> {
    let mut stored = record.clone();
    stored.version = 1;
    stored.location.border_km = border_km(stored.location.lon, stored.location.lat);
    references.check(&stored)?;
    write_row(conn, &stored, true, head, None)
}

/// Refuses records that are invalid or cite actors or sources this database
/// does not have, with a message that names what is missing.
fn check_references(conn: &Connection, incident: &Incident) -> Result<()> {
    let errors = incident.validate();
    if !errors.is_empty() {
        return Err(StoreError::Invalid(errors));
    }
    let exists = |table: &str, id: Uuid| -> Result<bool> {
        let sql = format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE id = ?1)");
        Ok(conn
            .prepare_cached(&sql)?
            .query_row([id.to_string()], |r| r.get(0))?)
    };
    for claim in &incident.claims {
        if !exists("actors", claim.actor_id)? {
            return Err(StoreError::ActorNotFound(claim.actor_id));
        }
        if let Some(source) = claim.source_id
            && !exists("sources", source)?
        {
            return Err(StoreError::SourceNotFound(source));
        }
    }
    for &source in &incident.source_ids {
        if !exists("sources", source)? {
            return Err(StoreError::SourceNotFound(source));
        }
    }
    Ok(())
}

/// The value of the derived `border_km` column for a point.
pub fn border_km(lon: f64, lat: f64) -> Option<f64> {
    crate::geo::shipped_border().map(|b| b.distance(lon, lat).signed_km())
}

/// Where an imported record came from: its import entry and its row's
/// bytes as the file held them.
#[derive(Debug, Clone, Copy)]
pub struct SourceRow<'a> {
    pub import: ImportId,
    /// The file's header row, which the row's bytes are read under.
    pub header: Option<&'a [u8]>,
    pub row: &'a [u8],
}

/// What an import entry records of the file before its rows are written.
#[derive(Debug, Clone, Copy)]
pub struct NewImport<'a> {
    pub file_name: &'a str,
    pub file_bytes: u64,
    pub sha256: &'a str,
    /// The format's label ("ACLED CSV").
    pub format: &'a str,
    /// The options chosen, in words.
    pub options: &'a str,
    /// The header row as the file holds it (CSV).
    pub header: Option<&'a [u8]>,
    /// The columns the rows are read under.
    pub columns: &'a [String],
}

/// An import entry (a row of `imports`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportId(pub(super) i64);

/// Writes the row of `incident`; `source` (only when inserting) is where
/// it was imported from, its provenance then kept as those bytes alone.
fn write_row(
    conn: &Connection,
    incident: &Incident,
    insert: bool,
    head: Uuid,
    source: Option<SourceRow>,
) -> Result<()> {
    let loc = &incident.location;
    let tags = serde_json::to_string(&incident.tags)
        .map_err(|e| StoreError::Corrupt(format!("cannot encode tags: {e}")))?;
    let values = params![
        incident.id.to_string(),
        incident.title,
        incident.summary,
        incident.event_type.code(),
        incident.date.start.to_string(),
        incident.date.end.to_string(),
        incident.date.precision.code(),
        incident.date.time_of_day.map(|t| t.to_string()),
        loc.lat,
        loc.lon,
        loc.precision.code(),
        loc.place_name,
        loc.country.map(|c| c.to_string()),
        loc.admin1,
        loc.admin2,
        loc.side.code(),
        incident.notes,
        tags,
        incident.created_at.to_string(),
        incident.updated_at.to_string(),
        incident.deleted_at.map(|t| t.to_string()),
        incident.version,
        loc.border_km,
        incident.external_id,
        if source.is_some() {
            None
        } else {
            incident.provenance.as_deref()
        },
        head.to_string(),
    ];
    if insert {
        let mut values = values.to_vec();
        let import = source.map(|s| s.import.0);
        let row = source.map(|s| s.row);
        values.push(&import);
        values.push(&row);
        conn.prepare_cached(&format!(
            "INSERT INTO incidents ({INCIDENT_COLUMNS}, head) VALUES \
             (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?27, ?28, ?26)"
        ))?
        .execute(values.as_slice())?;
        // (The full-text and map-block triggers' own inserts do not
        // change the connection's last rowid once they end.)
    } else {
        conn.prepare_cached(
            "UPDATE incidents SET title = ?2, summary = ?3, event_type = ?4, date_start = ?5,
             date_end = ?6, date_precision = ?7, time_of_day = ?8, lat = ?9, lon = ?10,
             location_precision = ?11, place_name = ?12, country = ?13, admin1 = ?14,
             admin2 = ?15, side = ?16, notes = ?17, tags = ?18, created_at = ?19,
             updated_at = ?20, deleted_at = ?21, version = ?22, border_km = ?23,
             external_id = ?24, provenance = ?25, head = ?26
             WHERE id = ?1",
        )?
        .execute(values)?;
    }
    let seq: i64 = if insert {
        conn.last_insert_rowid()
    } else {
        conn.prepare_cached("SELECT seq FROM incidents WHERE id = ?1")?
            .query_row([incident.id.to_string()], |r| r.get(0))?
    };
    if !insert {
        for delete in [
            "DELETE FROM casualties WHERE incident_seq = ?1",
            "DELETE FROM claims WHERE incident_seq = ?1",
            "DELETE FROM incident_sources WHERE incident_seq = ?1",
        ] {
            conn.prepare_cached(delete)?.execute([seq])?;
        }
    }
    let mut stmt = conn.prepare_cached(
        "INSERT INTO casualties (incident_seq, position, nationality, role, killed, wounded, figure)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for (position, c) in incident.casualties.iter().enumerate() {
        stmt.execute(params![
            seq,
            position as i64,
            c.nationality.map(|n| n.to_string()),
            c.role.code(),
            c.killed,
            c.wounded,
            c.figure.code()
        ])?;
    }
    let mut stmt = conn.prepare_cached(
        "INSERT INTO claims (incident_seq, position, actor_id, claimant, claimant_name, stance,
         confidence, source_id, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    for (position, c) in incident.claims.iter().enumerate() {
        stmt.execute(params![
            seq,
            position as i64,
            c.actor_id.to_string(),
            c.claimant.code(),
            c.claimant_name,
            c.stance.code(),
            c.confidence.code(),
            c.source_id.map(|s| s.to_string()),
            c.note
        ])?;
    }
    let mut stmt = conn.prepare_cached(
        "INSERT OR IGNORE INTO incident_sources (incident_seq, source_id) VALUES (?1, ?2)",
    )?;
    for source in &incident.source_ids {
        stmt.execute(params![seq, source.to_string()])?;
    }
    Ok(())
}

/// Loads the stored record and refuses the write if the caller's copy is stale.
fn current_for_write(conn: &Connection, id: Uuid, expected_version: i64) -> Result<Incident> {
    let current = get_incident(conn, id)?.ok_or(StoreError::IncidentNotFound(id))?;
    if current.version != expected_version {
        return Err(StoreError::Conflict {
            id,
            expected: expected_version,
            stored: current.version,
        });
    }
    Ok(current)
}

impl Writer<'_> {
    /// Stores a new incident as given (its id, timestamps and version
    /// kept; its border distance worked out afresh) as its first version.
    pub fn insert_incident(&self, incident: &Incident) -> Result<()> {
        self.insert_as(incident, HistoryAction::Insert, Uuid::now_v7(), None)
    }

    /// Stores a record of the seed data: its first version is the same
    /// in every database seeded alike (same id, author and time), so that
    /// databases made from one seed share it.
    pub fn insert_seeded(&self, incident: &Incident) -> Result<()> {
        let id = crate::model::hashed_id(&format!(
            "panj seed\n{}\n{}",
            incident.id,
            versions::content_json(incident)?
        ));
        let seed = versions::Stamp {
            author: "panj seed".into(),
            device: "seed".into(),
        };
        self.insert_as(incident, HistoryAction::Insert, id, Some(&seed))
    }

    fn insert_as(
        &self,
        incident: &Incident,
        action: HistoryAction,
        version: Uuid,
        stamp: Option<&versions::Stamp>,
    ) -> Result<()> {
        let mut stored = incident.clone();
        stored.location.border_km = border_km(stored.location.lon, stored.location.lat);
        check_references(&self.tx, &stored)?;
        let stamp = stamp.unwrap_or(&self.stamp);
        versions::insert(
            &self.tx,
            &versions::NewVersion {
                id: version,
                record_id: stored.id,
                parents: &[],
                author: &stamp.author,
                device: &stamp.device,
                at: stored.created_at,
                action,
            },
            None,
        )?;
        write_row(&self.tx, &stored, true, version, None)
    }

    /// Stores a new incident read from a data set, inside [`Writer::bulk`]:
    /// checked like any other (claims' actors and sources by the
    /// database's foreign keys). With its row as in the file (`source`),
    /// its first version is implied by the import's entry and the row (see
    /// `versions`): no version row is written for it until something
    /// builds on it. Without, its first version is a row that keeps no
    /// copy of the record: the row is that copy until the row first changes.
    pub fn insert_imported(&self, incident: &Incident, source: Option<SourceRow>) -> Result<()> {
        let errors = incident.validate();
        if !errors.is_empty() {
            return Err(StoreError::Invalid(errors));
        }
        // An import works the distance out with this same function while
        // mapping rows on all cores; any other caller leaves it None.
        let mut stored = incident.clone();
        if stored.location.border_km.is_none() {
            stored.location.border_km = border_km(stored.location.lon, stored.location.lat);
        }
        // The same row imported in any database is the same version.
        let version = versions::imported_version_id(
            &stored,
            source.and_then(|s| s.header),
            source.map(|s| s.row),
        )?;
        if source.is_none() {
            versions::insert(
                &self.tx,
                &versions::NewVersion {
                    id: version,
                    record_id: stored.id,
                    parents: &[],
                    author: &self.stamp.author,
                    device: &self.stamp.device,
                    at: stored.created_at,
                    action: HistoryAction::Import,
                },
                None,
            )?;
        }
        write_row(&self.tx, &stored, true, version, source)
    }

    /// Adds the entry of an import about to be written; its records
    /// point to it. The counts are filled in by [`Writer::count_import`].
    pub fn add_import(&self, import: &NewImport) -> Result<ImportId> {
        let columns = serde_json::to_string(import.columns)
            .map_err(|e| StoreError::Corrupt(format!("cannot encode columns: {e}")))?;
        self.tx.execute(
            "INSERT INTO imports (file_name, file_bytes, sha256, format, options, header, columns,
             author, device, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                import.file_name,
                import.file_bytes as i64,
                import.sha256,
                import.format,
                import.options,
                import.header,
                columns,
                self.stamp.author,
                self.stamp.device,
                Timestamp::now().to_string(),
            ],
        )?;
        let id = ImportId(self.tx.last_insert_rowid());
        versions::note_implied(&self.tx)?;
        Ok(id)
    }

    /// What an import wrote, on its entry.
    pub fn count_import(&self, import: ImportId, inserted: usize, updated: usize) -> Result<()> {
        self.tx.execute(
            "UPDATE imports SET inserted = ?2, updated = ?3 WHERE id = ?1",
            params![import.0, inserted as i64, updated as i64],
        )?;
        Ok(())
    }

    /// The id of the record imported from a data set with this id.
    pub fn id_by_external_id(&self, external_id: &str) -> Result<Option<Uuid>> {
        let id: Option<String> = self
            .tx
            .prepare_cached("SELECT id FROM incidents WHERE external_id = ?1")?
            .query_row([external_id], |r| r.get(0))
            .optional()?;
        id.map(|id| {
            id.parse()
                .map_err(|_| StoreError::Corrupt(format!("'{id}' is not an incident id")))
        })
        .transpose()
    }

    /// Replaces the stored incident with `edited`, which must carry the
    /// version it was loaded at; returns the record as stored (version + 1).
    pub fn update_incident(&self, edited: &Incident) -> Result<Incident> {
        let before = current_for_write(&self.tx, edited.id, edited.version)?;
        let after = Incident {
            created_at: before.created_at,
            deleted_at: before.deleted_at,
            ..edited.clone()
        };
        let parents: Vec<Uuid> = versions::row_head(&self.tx, edited.id)?
            .into_iter()
            .collect();
        self.store_version(&before, &parents, HistoryAction::Update, after)
    }

    /// A new version of `record_id` over `parents` holding `record`
    /// (its deletion state included), shown by the row.
    pub(super) fn write_version(
        &self,
        record_id: Uuid,
        parents: &[Uuid],
        action: HistoryAction,
        record: &Incident,
    ) -> Result<Incident> {
        let before =
            get_incident(&self.tx, record_id)?.ok_or(StoreError::IncidentNotFound(record_id))?;
        let after = Incident {
            id: record_id,
            created_at: before.created_at,
            ..record.clone()
        };
        self.store_version(&before, parents, action, after)
    }

    /// Keeps the record of the version the row shows, adds a version over
    /// `parents` and makes the row its copy (timestamp and counter moved on).
    fn store_version(
        &self,
        before: &Incident,
        parents: &[Uuid],
        action: HistoryAction,
        mut after: Incident,
    ) -> Result<Incident> {
        let now = Timestamp::now();
        after.updated_at = now;
        // The length of its history, as every database counts it.
        let known = match parents {
            [parent] => self.lengths.borrow().get(parent).copied(),
            _ => None,
        };
        after.version = match known {
            Some(length) => length + 1,
            None => versions::history_length(&self.tx, before.id, parents)? + 1,
        };
        after.location.border_km = border_km(after.location.lon, after.location.lat);
        check_references(&self.tx, &after)?;
        let shown = versions::row_head(&self.tx, before.id)?;
        versions::keep_row_version(&self.tx, shown, before)?;
        let id = Uuid::now_v7();
        versions::insert(
            &self.tx,
            &versions::NewVersion {
                id,
                record_id: before.id,
                parents,
                author: &self.stamp.author,
                device: &self.stamp.device,
                at: now,
                action,
            },
            None,
        )?;
        write_row(&self.tx, &after, false, id, None)?;
        self.lengths.borrow_mut().insert(id, after.version);
        Ok(after)
    }

    /// Moves an incident to the trash; returns it as stored.
    pub fn delete_incident(&self, id: Uuid, expected_version: i64) -> Result<Incident> {
        self.set_deleted(id, expected_version, true)
    }

    /// Takes an incident out of the trash; returns it as stored.
    pub fn restore_incident(&self, id: Uuid, expected_version: i64) -> Result<Incident> {
        self.set_deleted(id, expected_version, false)
    }

    fn set_deleted(&self, id: Uuid, expected_version: i64, deleted: bool) -> Result<Incident> {
        let before = current_for_write(&self.tx, id, expected_version)?;
        let after = Incident {
            deleted_at: deleted.then(Timestamp::now),
            ..before.clone()
        };
        let action = if deleted {
            HistoryAction::Delete
        } else {
            HistoryAction::Restore
        };
        let parents: Vec<Uuid> = versions::row_head(&self.tx, id)?.into_iter().collect();
        self.store_version(&before, &parents, action, after)
    }

    /// The live or deleted record imported from a data set with this id.
    pub fn incident_by_external_id(&self, external_id: &str) -> Result<Option<Incident>> {
        by_external_id(&self.tx, external_id)
    }

    /// Runs `work` (many inserts) without indexing the rows it adds for
    /// full-text search: FTS5 flushes its pending terms at every statement
    /// of a trigger, which made large imports several times slower, and
    /// even indexing them once at the end held the commit up. The rows are
    /// noted as not indexed, and [`Store::complete_text_index`] (or the
    /// next write) indexes them after the commit; see `text_index`. The
    /// insert trigger is dropped and put back as it was, all inside this
    /// transaction, so a failure or a kill leaves the schema untouched.
    pub fn bulk<T>(&self, work: impl FnOnce(&Self) -> Result<T>) -> Result<T> {
        let trigger: String = self.tx.query_row(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'incidents_fts_insert'",
            [],
            |r| r.get(0),
        )?;
        let last_seq: i64 =
            self.tx
                .query_row("SELECT coalesce(max(seq), 0) FROM incidents", [], |r| {
                    r.get(0)
                })?;
        let cache_pages: i64 = self.tx.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
        // A cache large enough that a big import does not spill pages
        // into the WAL half-way (a negative size is in KiB).
        self.tx.execute_batch("PRAGMA cache_size = -1048576")?;
        self.tx.execute_batch("DROP TRIGGER incidents_fts_insert")?;
        let value = work(self);
        self.tx
            .execute_batch(&format!("PRAGMA cache_size = {cache_pages}"))?;
        let value = value?;
        super::text_index::mark_pending(&self.tx, last_seq)?;
        self.tx.execute_batch(&trigger)?;
        Ok(value)
    }

    /// The live or deleted record with this id.
    pub fn incident(&self, id: Uuid) -> Result<Option<Incident>> {
        get_incident(&self.tx, id)
    }

    /// Every stored record's ids, as this transaction sees them.
    pub fn record_keys(&self) -> Result<RecordKeys> {
        RecordKeys::read(&self.tx)
    }

    pub fn incident_exists(&self, id: Uuid) -> Result<bool> {
        Ok(self
            .tx
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM incidents WHERE id = ?1)")?
            .query_row([id.to_string()], |r| r.get(0))?)
    }
}

/// The ids and data-set ids of every stored record (the trash included),
/// read in one query so that an import asks the database about a row only
/// when it is already there.
#[derive(Debug, Default)]
pub struct RecordKeys {
    ids: std::collections::HashSet<Uuid>,
    external_ids: std::collections::HashSet<String>,
}

impl RecordKeys {
    fn read(conn: &Connection) -> Result<RecordKeys> {
        let mut keys = RecordKeys::default();
        let mut stmt = conn.prepare("SELECT id, external_id FROM incidents")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let id: String = row.get(0)?;
            keys.ids.insert(
                id.parse()
                    .map_err(|_| StoreError::Corrupt(format!("'{id}' is not an incident id")))?,
            );
            if let Some(external_id) = row.get::<_, Option<String>>(1)? {
                keys.external_ids.insert(external_id);
            }
        }
        Ok(keys)
    }

    pub fn has_id(&self, id: Uuid) -> bool {
        self.ids.contains(&id)
    }

    pub fn has_external_id(&self, external_id: &str) -> bool {
        self.external_ids.contains(external_id)
    }
}

fn by_external_id(conn: &Connection, external_id: &str) -> Result<Option<Incident>> {
    let sql = format!("SELECT {INCIDENT_COLUMNS} FROM incidents WHERE external_id = ?1");
    Ok(load_incidents(conn, &sql, [external_id])?.pop())
}

/// An imported record's row as its file held it, with its import entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredSourceRow {
    pub file_name: String,
    pub sha256: String,
    pub format: String,
    /// When it was imported (RFC 3339) and by whom.
    pub at: String,
    pub author: String,
    /// The file's header row (CSV).
    pub header: Option<Vec<u8>>,
    /// The record's row, byte for byte.
    pub row: Vec<u8>,
}

impl Store {
    /// The row an imported record was read from, as its file held it;
    /// `None` for a record typed in, received from a colleague or read
    /// from a GeoJSON feature.
    pub fn source_row(&self, id: Uuid) -> Result<Option<StoredSourceRow>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT m.file_name, m.sha256, m.format, m.at, m.author, m.header, i.source_row
                 FROM incidents i JOIN imports m ON m.id = i.import_id
                 WHERE i.id = ?1 AND i.source_row IS NOT NULL",
            )?
            .query_row([id.to_string()], |r| {
                Ok(StoredSourceRow {
                    file_name: r.get(0)?,
                    sha256: r.get(1)?,
                    format: r.get(2)?,
                    at: r.get(3)?,
                    author: r.get(4)?,
                    header: r.get(5)?,
                    row: r.get(6)?,
                })
            })
            .optional()?)
    }

    /// Every stored record's ids.
    pub fn record_keys(&self) -> Result<RecordKeys> {
        RecordKeys::read(&self.conn)
    }

    /// The record imported from a data set with this id.
    pub fn incident_by_external_id(&self, external_id: &str) -> Result<Option<Incident>> {
        by_external_id(&self.conn, external_id)
    }

    pub fn incident(&self, id: Uuid) -> Result<Option<Incident>> {
        get_incident(&self.conn, id)
    }

    /// How many incidents are stored, the trash included (quick: it
    /// counts an index, not the records).
    pub fn incident_rows(&self) -> Result<u64> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM incidents", [], |r| r.get(0))?;
        Ok(n.max(0) as u64)
    }

    /// Every incident, live then deleted, each part by date: what the
    /// window loads (see [`load_everything`]).
    pub fn load_everything(&self) -> Result<Vec<Arc<Incident>>> {
        self.load_everything_counting(&AtomicUsize::new(0))
    }

    /// As [`Store::load_everything`], adding one to `read` for each
    /// record read, so that a window can show how far it has got.
    pub fn load_everything_counting(&self, read: &AtomicUsize) -> Result<Vec<Arc<Incident>>> {
        Ok(self.load_everything_keyed(read)?.0)
    }

    /// As [`Store::load_everything_counting`], with each record's `seq`
    /// (its row's integer key) at the same position.
    pub fn load_everything_keyed(
        &self,
        read: &AtomicUsize,
    ) -> Result<(Vec<Arc<Incident>>, Vec<i64>)> {
        let loaded = load_everything(
            &self.conn,
            self.path.as_deref(),
            self.key.as_ref(),
            read,
            Kept::Whole,
        )?;
        Ok((loaded.incidents, loaded.seqs))
    }

    /// What the window keeps of every record, in the order of
    /// [`Store::load_everything`]: the summary, notes and provenance are
    /// read by id when shown ([`Store::incident`]), and text search asks
    /// the full-text index ([`Store::seqs_matching_text`]).
    pub fn load_listed(&self, read: &AtomicUsize) -> Result<Loaded> {
        load_everything(
            &self.conn,
            self.path.as_deref(),
            self.key.as_ref(),
            read,
            Kept::Listed,
        )
    }

    /// The records `ids` whole, in that order; ids no longer stored are
    /// left out. For the records the window keeps only as listed
    /// ([`Incident::listed`]), when they are exported.
    pub fn incidents_whole(&self, ids: &[Uuid]) -> Result<Vec<Incident>> {
        // A query per record for a few; past this, one pass over every
        // record is quicker than a query each.
        self.incidents_whole_by(ids, 2_000)
    }

    /// As [`Store::incidents_whole`], reading every record in one pass
    /// for more than `one_by_one_up_to`.
    pub(super) fn incidents_whole_by(
        &self,
        ids: &[Uuid],
        one_by_one_up_to: usize,
    ) -> Result<Vec<Incident>> {
        if ids.len() <= one_by_one_up_to {
            let mut whole = Vec::with_capacity(ids.len());
            for id in ids {
                whole.extend(self.incident(*id)?);
            }
            return Ok(whole);
        }
        let mut every: std::collections::HashMap<Uuid, Arc<Incident>> = self
            .load_everything()?
            .into_iter()
            .map(|i| (i.id, i))
            .collect();
        Ok(ids
            .iter()
            .filter_map(|id| every.remove(id))
            .map(|i| Arc::try_unwrap(i).unwrap_or_else(|shared| (*shared).clone()))
            .collect())
    }

    /// Ids of incidents whose id starts or ends with `fragment`, so that the
    /// short ids lists show (the random last digits) can be typed back.
    pub fn incident_ids_matching(&self, fragment: &str) -> Result<Vec<Uuid>> {
        let fragment = fragment.trim().to_ascii_lowercase();
        if fragment.is_empty() {
            return Ok(Vec::new());
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT id FROM incidents
             WHERE substr(id, 1, length(?1)) = ?1 OR substr(id, -length(?1)) = ?1
             ORDER BY id LIMIT 20",
        )?;
        Ok(stmt
            .query_map([&fragment], |r| parsed(r, "id"))?
            .collect::<rusqlite::Result<_>>()?)
    }

    pub fn insert_incident(&mut self, incident: &Incident) -> Result<()> {
        self.write("the new incident", |w| w.insert_incident(incident))
    }

    pub fn update_incident(&mut self, edited: &Incident) -> Result<Incident> {
        self.write("the edit", |w| w.update_incident(edited))
    }

    pub fn delete_incident(&mut self, id: Uuid, expected_version: i64) -> Result<Incident> {
        self.write("the deletion", |w| w.delete_incident(id, expected_version))
    }

    pub fn restore_incident(&mut self, id: Uuid, expected_version: i64) -> Result<Incident> {
        self.write("the restore", |w| w.restore_incident(id, expected_version))
    }

    /// Whether the database holds no incidents at all, deleted ones included.
    pub fn has_no_incidents(&self) -> Result<bool> {
        Ok(!self
            .conn
            .query_row("SELECT EXISTS (SELECT 1 FROM incidents)", [], |r| {
                r.get::<_, bool>(0)
            })?)
    }
}
