//! panj's own CSV and GeoJSON (what `panj export` writes) read back:
//! every field of the record, its casualty rows and claims from their JSON
//! columns, the actors claims name (by id, else by name, else created
//! with the id and kind the file gives) and the sources it cites, so an
//! export imports back as identical records. The derived columns
//! (killed, wounded, perpetrator, border_km) are ignored: the store
//! works them out again.

use super::export::undefuse;
use super::import::ImportedRecord;
use super::table::{RowError, TableRow, parse_degrees};
use crate::model::{
    ActorKind, Casualty, Claim, CountryCode, Incident, IncidentDate, Location, Source,
};
use serde::de::DeserializeOwned;
use uuid::Uuid;

/// Whether a header row is one panj wrote.
pub fn is_own(headers: &[String]) -> bool {
    let has = |c: &str| headers.iter().any(|h| h == c);
    has("id") && has("date_precision") && has("location_precision") && has("claims")
}

/// A text field as it was before the export defused it (only CSV cells
/// are defused; GeoJSON strings are as they were).
fn text(row: &TableRow<'_>, column: &str) -> String {
    let raw = row.get_raw(column).unwrap_or_default();
    if row.is_feature { raw } else { undefuse(raw) }.to_string()
}

fn optional(row: &TableRow<'_>, column: &str) -> Option<String> {
    Some(text(row, column)).filter(|t| !t.is_empty())
}

fn parsed<T: std::str::FromStr>(row: &TableRow<'_>, column: &str) -> Result<T, RowError>
where
    T::Err: std::fmt::Display,
{
    let value = row.require(column)?;
    value
        .parse()
        .map_err(|e| row.error(column, format!("'{value}': {e}")))
}

fn json<T: DeserializeOwned + Default>(row: &TableRow<'_>, column: &str) -> Result<T, RowError> {
    match optional(row, column) {
        None => Ok(T::default()),
        Some(value) => serde_json::from_str(&value)
            .map_err(|e| row.error(column, format!("is not the JSON panj writes here: {e}"))),
    }
}

/// A claim as the export writes it: the claim with its actor's name and
/// kind beside the id.
#[derive(serde::Deserialize)]
struct ExportedClaim {
    #[serde(flatten)]
    claim: Claim,
    #[serde(default)]
    actor: String,
    #[serde(default)]
    actor_kind: Option<ActorKind>,
}

/// One row of a panj CSV or GeoJSON export as a record to import.
pub fn record(row: &TableRow<'_>) -> Result<ImportedRecord, RowError> {
    let id: Uuid = parsed(row, "id")?;
    let date = IncidentDate {
        start: parsed(row, "date_start")?,
        end: parsed(row, "date_end")?,
        precision: parsed(row, "date_precision")?,
        time_of_day: match row.get("time_of_day") {
            Some(_) => Some(parsed(row, "time_of_day")?),
            None => None,
        },
    };
    let location = Location {
        lat: parse_degrees(row, "latitude", 90.0)?,
        lon: parse_degrees(row, "longitude", 180.0)?,
        precision: parsed(row, "location_precision")?,
        place_name: text(row, "place_name"),
        country: match row.get("country") {
            Some(code) => {
                Some(CountryCode::parse(code).map_err(|e| row.error("country", e.to_string()))?)
            }
            None => None,
        },
        admin1: optional(row, "admin1"),
        admin2: optional(row, "admin2"),
        side: parsed(row, "side")?,
        border_km: None,
    };
    let now = jiff::Timestamp::now();
    let timestamp = |column: &str| match row.get(column) {
        Some(_) => parsed::<jiff::Timestamp>(row, column),
        None => Ok(now),
    };
    let claims: Vec<ExportedClaim> = json(row, "claims")?;
    let mut claim_actors = Vec::new();
    for c in &claims {
        let name = if c.actor.trim().is_empty() {
            c.claim.actor_id.to_string()
        } else {
            c.actor.clone()
        };
        claim_actors.push((name, c.actor_kind.unwrap_or(ActorKind::ArmedGroup)));
    }
    let incident = Incident {
        id,
        title: text(row, "title"),
        summary: text(row, "summary"),
        event_type: parsed(row, "event_type")?,
        date,
        location,
        notes: text(row, "notes"),
        tags: json(row, "tags")?,
        casualties: json::<Vec<Casualty>>(row, "casualties")?,
        claims: claims.into_iter().map(|c| c.claim).collect(),
        source_ids: json(row, "source_ids")?,
        created_at: timestamp("created_at")?,
        updated_at: timestamp("updated_at")?,
        deleted_at: None,
        version: 1,
        external_id: optional(row, "external_id"),
        provenance: optional(row, "provenance"),
    };
    if let Some(problem) = incident.validate().into_iter().next() {
        return Err(row.error(&problem.field, problem.message));
    }
    let sources: Vec<Source> = json(row, "sources")?;
    Ok(ImportedRecord {
        line: row.line,
        incident,
        claim_actors,
        sources,
        keeps_id: true,
        source_row: None,
        flags: Vec::new(),
    })
}
