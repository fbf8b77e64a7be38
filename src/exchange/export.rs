//! Exports of the filtered incidents for colleagues' tools: CSV for
//! spreadsheets (cells that a spreadsheet would run as a formula are
//! defused), GeoJSON (RFC 7946) for QGIS and web maps, and GeoPackage
//! (see [`super::geopackage`]). Each export
//! writes a manifest beside it (panj version, filter, count, time, a
//! SHA-256 of the data) so a result can be reproduced and checked.

use crate::filter::{ActorDirectory, Filter, attribution_label};
use crate::model::{Incident, Source};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use uuid::Uuid;

/// The formats `panj export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    Csv,
    Geojson,
    /// OGC GeoPackage (a SQLite file QGIS and GDAL open directly).
    Gpkg,
}

impl ExportFormat {
    pub fn label(self) -> &'static str {
        match self {
            ExportFormat::Csv => "CSV",
            ExportFormat::Geojson => "GeoJSON",
            ExportFormat::Gpkg => "GeoPackage",
        }
    }

    /// The usual file name extension.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Geojson => "geojson",
            ExportFormat::Gpkg => "gpkg",
        }
    }
}

/// Why an export was not written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("cannot write {}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot encode the export: {0}")]
    Encode(String),
    #[error(transparent)]
    Refused(#[from] crate::store::StoreError),
}

/// The columns of panj's CSV. The derived ones (killed, wounded,
/// perpetrator, border_km) are for spreadsheets and are worked out again on
/// import; the rest carry the record whole, so an export imports back
/// identical.
pub const CSV_COLUMNS: [&str; 31] = [
    "id",
    "title",
    "event_type",
    "date_start",
    "date_end",
    "date_precision",
    "time_of_day",
    "latitude",
    "longitude",
    "location_precision",
    "place_name",
    "country",
    "admin1",
    "admin2",
    "side",
    "border_km",
    "killed",
    "killed_is_minimum",
    "wounded",
    "perpetrator",
    "casualties",
    "claims",
    "summary",
    "notes",
    "tags",
    "external_id",
    "source_ids",
    "sources",
    "created_at",
    "updated_at",
    "provenance",
];

/// A text cell a spreadsheet would read as a formula (=, +, -, @, tab,
/// CR) gets a leading apostrophe, which spreadsheets show as text. A cell
/// that starts with an apostrophe already gets one more, so that
/// [`undefuse`] gives back exactly what was written.
pub fn defuse(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r', '\'']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// The text [`defuse`] was given.
pub fn undefuse(cell: &str) -> &str {
    cell.strip_prefix('\'').unwrap_or(cell)
}

pub(super) fn casualties_json(incident: &Incident) -> Value {
    serde_json::to_value(&incident.casualties).unwrap_or(Value::Null)
}

/// Claims with the actor's name beside its id, readable without panj.
pub(super) fn claims_json(incident: &Incident, actors: &ActorDirectory) -> Value {
    Value::Array(
        incident
            .claims
            .iter()
            .map(|c| {
                let mut value = serde_json::to_value(c).unwrap_or(Value::Null);
                if let Some(object) = value.as_object_mut() {
                    let actor = actors.get(c.actor_id);
                    object.insert(
                        "actor".into(),
                        Value::String(
                            actor.map_or_else(|| c.actor_id.to_string(), |a| a.name.clone()),
                        ),
                    );
                    if let Some(actor) = actor {
                        object.insert("actor_kind".into(), Value::String(actor.kind.code().into()));
                    }
                }
                value
            })
            .collect(),
    )
}

/// Every source the incident cites, as a whole and in its claims, in the
/// order first cited, so a file carries what its records need.
fn sources_json(incident: &Incident, sources: &HashMap<Uuid, &Source>) -> Value {
    let mut cited: Vec<Uuid> = Vec::new();
    for id in incident
        .source_ids
        .iter()
        .chain(incident.claims.iter().filter_map(|c| c.source_id.as_ref()))
    {
        if !cited.contains(id) {
            cited.push(*id);
        }
    }
    Value::Array(
        cited
            .iter()
            .filter_map(|id| sources.get(id))
            .filter_map(|s| serde_json::to_value(s).ok())
            .collect(),
    )
}

fn source_index(sources: &[Source]) -> HashMap<Uuid, &Source> {
    sources.iter().map(|s| (s.id, s)).collect()
}

/// The CSV bytes of `incidents`.
pub fn csv_bytes(
    incidents: &[Incident],
    actors: &ActorDirectory,
    sources: &[Source],
) -> Result<Vec<u8>, ExportError> {
    let sources = source_index(sources);
    let mut writer = csv::Writer::from_writer(Vec::new());
    let encode = |e: csv::Error| ExportError::Encode(e.to_string());
    writer.write_record(CSV_COLUMNS).map_err(encode)?;
    for i in incidents {
        let loc = &i.location;
        let text = |s: &str| defuse(s);
        let record = [
            i.id.to_string(),
            text(&i.title),
            i.event_type.code().to_string(),
            i.date.start.to_string(),
            i.date.end.to_string(),
            i.date.precision.code().to_string(),
            i.date
                .time_of_day
                .map(|t| t.to_string())
                .unwrap_or_default(),
            loc.lat.to_string(),
            loc.lon.to_string(),
            loc.precision.code().to_string(),
            text(&loc.place_name),
            loc.country.map(|c| c.to_string()).unwrap_or_default(),
            text(loc.admin1.as_deref().unwrap_or_default()),
            text(loc.admin2.as_deref().unwrap_or_default()),
            loc.side.code().to_string(),
            loc.border_km.map(|k| format!("{k:.2}")).unwrap_or_default(),
            i.killed().to_string(),
            i.has_minimum_figures().to_string(),
            i.wounded().to_string(),
            text(&attribution_label(i, actors)),
            text(&casualties_json(i).to_string()),
            text(&claims_json(i, actors).to_string()),
            text(&i.summary),
            text(&i.notes),
            text(&serde_json::to_string(&i.tags).unwrap_or_default()),
            text(i.external_id.as_deref().unwrap_or_default()),
            serde_json::to_string(&i.source_ids).unwrap_or_default(),
            text(&sources_json(i, &sources).to_string()),
            i.created_at.to_string(),
            i.updated_at.to_string(),
            text(i.provenance.as_deref().unwrap_or_default()),
        ];
        writer.write_record(&record).map_err(encode)?;
    }
    writer
        .into_inner()
        .map_err(|e| ExportError::Encode(e.to_string()))
}

/// The GeoJSON (RFC 7946) bytes of `incidents`: one Point feature each.
pub fn geojson_bytes(
    incidents: &[Incident],
    actors: &ActorDirectory,
    sources: &[Source],
) -> Result<Vec<u8>, ExportError> {
    let sources = source_index(sources);
    let features: Vec<Value> = incidents
        .iter()
        .map(|i| {
            let loc = &i.location;
            json!({
                "type": "Feature",
                "id": i.id.to_string(),
                "geometry": {"type": "Point", "coordinates": [loc.lon, loc.lat]},
                "properties": {
                    "id": i.id.to_string(),
                    "title": i.title,
                    "event_type": i.event_type.code(),
                    "date_start": i.date.start.to_string(),
                    "date_end": i.date.end.to_string(),
                    "date_precision": i.date.precision.code(),
                    "time_of_day": i.date.time_of_day.map(|t| t.to_string()),
                    "latitude": loc.lat,
                    "longitude": loc.lon,
                    "location_precision": loc.precision.code(),
                    "uncertainty_km": loc.precision.uncertainty_km(),
                    "place_name": loc.place_name,
                    "country": loc.country.map(|c| c.to_string()),
                    "admin1": loc.admin1,
                    "admin2": loc.admin2,
                    "side": loc.side.code(),
                    "border_km": loc.border_km,
                    "killed": i.killed(),
                    "killed_is_minimum": i.has_minimum_figures(),
                    "wounded": i.wounded(),
                    "perpetrator": attribution_label(i, actors),
                    "casualties": casualties_json(i),
                    "claims": claims_json(i, actors),
                    "summary": i.summary,
                    "notes": i.notes,
                    "tags": i.tags,
                    "external_id": i.external_id,
                    "source_ids": i.source_ids,
                    "sources": sources_json(i, &sources),
                    "created_at": i.created_at.to_string(),
                    "updated_at": i.updated_at.to_string(),
                    "provenance": i.provenance,
                }
            })
        })
        .collect();
    let collection = json!({"type": "FeatureCollection", "features": features});
    serde_json::to_vec_pretty(&collection).map_err(|e| ExportError::Encode(e.to_string()))
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    pub path: PathBuf,
    pub manifest: PathBuf,
    pub count: usize,
    pub sha256: String,
}

/// Where the manifest of an export goes: `OUT.manifest.json`.
pub fn manifest_path(out: &Path) -> PathBuf {
    let mut name = out.file_name().unwrap_or_default().to_os_string();
    name.push(".manifest.json");
    out.with_file_name(name)
}

/// Writes `incidents` to `out` in `format`, then its manifest. The data is
/// written to a temporary file and renamed, so a failed export never
/// leaves half a file under the name asked for.
pub fn export(
    db: Option<&Path>,
    out: &Path,
    format: ExportFormat,
    incidents: &[Incident],
    actors: &ActorDirectory,
    sources: &[Source],
    filter: &Filter,
) -> Result<Exported, ExportError> {
    let bytes = match format {
        ExportFormat::Csv => csv_bytes(incidents, actors, sources)?,
        ExportFormat::Geojson => geojson_bytes(incidents, actors, sources)?,
        ExportFormat::Gpkg => super::geopackage::bytes(incidents, actors)?,
    };
    write_with_manifest(db, out, format.extension(), &bytes, incidents.len(), filter)
}

/// As [`export`], for records as the window keeps them
/// ([`Incident::listed`]): each is read whole from the database at `db`
/// first, so that its summary, notes and provenance are written too.
/// Without a file (`db` None: a database in memory, in tests) the records
/// are written as given, so they must be whole already.
pub fn export_listed(
    db: Option<&Path>,
    out: &Path,
    format: ExportFormat,
    records: Records,
    actors: &ActorDirectory,
    sources: &[Source],
    filter: &Filter,
) -> Result<Exported, ExportError> {
    let incidents = records.read(db)?;
    export(db, out, format, &incidents, actors, sources, filter)
}

/// The records an export or a report writes: the window keeps none whole.
#[derive(Debug, Clone)]
pub enum Records {
    /// To be read whole by id from the database file, on the worker that
    /// writes them.
    ById(Vec<Uuid>),
    /// Read whole already (a database in memory has no second connection).
    Whole(Vec<Incident>),
}

impl Records {
    /// The records whole, in order; by id from the database file `db`.
    pub fn read(self, db: Option<&Path>) -> Result<Vec<Incident>, ExportError> {
        match (self, db) {
            (Records::Whole(whole), _) => Ok(whole),
            (Records::ById(ids), Some(db)) => {
                Ok(crate::store::Store::open(db)?.incidents_whole(&ids)?)
            }
            (Records::ById(_), None) => Err(ExportError::Encode(
                "the records are in no database file to read them from".into(),
            )),
        }
    }

    pub fn len(&self) -> usize {
        match self {
            Records::ById(ids) => ids.len(),
            Records::Whole(whole) => whole.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Whether `out` is an export panj wrote and nobody changed since: its
/// manifest is beside it and names its SHA-256.
fn is_our_export(out: &Path) -> bool {
    let Ok(manifest) = std::fs::read(manifest_path(out)) else {
        return false;
    };
    let Ok(manifest) = serde_json::from_slice::<Value>(&manifest) else {
        return false;
    };
    let Ok(bytes) = std::fs::read(out) else {
        return false;
    };
    manifest.get("sha256").and_then(Value::as_str) == Some(&format!("{:x}", Sha256::digest(&bytes)))
}

/// Whether `path` is a manifest panj wrote.
fn is_our_manifest(path: &Path) -> bool {
    std::fs::read(path)
        .ok()
        .and_then(|bytes| serde_json::from_slice::<Value>(&bytes).ok())
        .is_some_and(|m| m.get("panj_version").is_some() && m.get("sha256").is_some())
}

/// Writes `bytes` to `out` whole, then its manifest naming `format`, the
/// number of incidents, the filter and the data's SHA-256.
pub fn write_with_manifest(
    db: Option<&Path>,
    out: &Path,
    format: &str,
    bytes: &[u8],
    count: usize,
    filter: &Filter,
) -> Result<Exported, ExportError> {
    let sha256 = format!("{:x}", Sha256::digest(bytes));
    let manifest = json!({
        "panj_version": env!("CARGO_PKG_VERSION"),
        "format": format,
        "file": out.file_name().map(|n| n.to_string_lossy().to_string()),
        "count": count,
        "written_at": jiff::Timestamp::now().to_string(),
        "sha256": sha256,
        "filter": filter,
    });
    let manifest_bytes =
        serde_json::to_vec_pretty(&manifest).map_err(|e| ExportError::Encode(e.to_string()))?;
    let manifest_path = manifest_path(out);
    // Never over the database, its backups, a device, or a file someone
    // else wrote: an export replaces only an earlier export.
    use crate::store::files::{Existing, check_output};
    check_output(out, db, Existing::ReplaceIfOurs, is_our_export)?;
    check_output(&manifest_path, db, Existing::ReplaceIfOurs, is_our_manifest)?;
    write_whole(out, bytes)?;
    write_whole(&manifest_path, &manifest_bytes)?;
    Ok(Exported {
        path: out.to_path_buf(),
        manifest: manifest_path,
        count,
        sha256,
    })
}

fn write_whole(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    crate::store::files::write_atomically(path, |file| file.write_all(bytes)).map_err(|source| {
        ExportError::Io {
            path: path.to_path_buf(),
            source,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_a_spreadsheet_would_run_are_defused() {
        assert_eq!(defuse("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(defuse("+1"), "'+1");
        assert_eq!(defuse("-2+3"), "'-2+3");
        assert_eq!(defuse("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(defuse("Khorugh"), "Khorugh");
        for cell in ["=1", "'=1", "''", "-", "Khorugh", "'quoted'"] {
            assert_eq!(undefuse(&defuse(cell)), cell);
        }
    }

    #[test]
    fn the_manifest_sits_beside_the_export() {
        assert_eq!(
            manifest_path(Path::new("/tmp/out.csv")),
            Path::new("/tmp/out.csv.manifest.json")
        );
    }
}
