//! The seed data that fills a new database: `data/seed.json`, built into the
//! binary so that a fresh install needs no other file.
//!
//! The file is written for people: claims name actors by name or alias and
//! cite sources by a short key. Seeding adds only what is missing (matched by
//! id), in one transaction, so running it twice changes nothing and never
//! overwrites an analyst's edits.

use crate::filter::ActorDirectory;
use crate::model::{
    Actor, Casualty, Claim, Claimant, Confidence, EventType, Incident, IncidentDate, Location,
    Source, Stance,
};
use crate::store::{Store, StoreError};
use jiff::Timestamp;
use serde::Deserialize;
use std::collections::HashMap;
use uuid::Uuid;

/// The seed file as shipped.
pub const SEED_JSON: &str = include_str!("../../data/seed.json");
const SEED_NAME: &str = "data/seed.json";
/// When the seed records count as created.
const SEED_TIME: &str = "2026-01-01T00:00:00Z";

#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error("{file}, line {line}, column {column}: {message}")]
    Parse {
        file: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error(
        "{file}, incident '{incident}', field claims.actor: no actor is named or aliased '{actor}'"
    )]
    UnknownActor {
        file: String,
        incident: String,
        actor: String,
    },
    #[error("{file}, incident '{incident}', field {field}: no source has the key '{key}'")]
    UnknownSource {
        file: String,
        incident: String,
        field: &'static str,
        key: String,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SeedFile {
    #[allow(dead_code)]
    about: String,
    sources: Vec<SeedSource>,
    actors: Vec<Actor>,
    incidents: Vec<SeedIncident>,
}

#[derive(Debug, Deserialize)]
struct SeedSource {
    key: String,
    #[serde(flatten)]
    source: Source,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SeedIncident {
    id: Uuid,
    title: String,
    summary: String,
    event_type: EventType,
    date: IncidentDate,
    location: Location,
    notes: String,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    casualties: Vec<Casualty>,
    #[serde(default)]
    claims: Vec<SeedClaim>,
    #[serde(default)]
    sources: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SeedClaim {
    actor: String,
    claimant: Claimant,
    #[serde(default)]
    claimant_name: String,
    stance: Stance,
    confidence: Confidence,
    source: Option<String>,
    #[serde(default)]
    note: String,
}

/// What seeding added.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SeedReport {
    pub incidents: usize,
    pub actors: usize,
    pub sources: usize,
}

/// Adds the built-in seed data to `store`.
pub fn seed(store: &mut Store) -> Result<SeedReport, SeedError> {
    seed_from(store, SEED_NAME, SEED_JSON)
}

/// Adds seed data in the seed format from `json` (named `file` in errors).
pub fn seed_from(store: &mut Store, file: &str, json: &str) -> Result<SeedReport, SeedError> {
    let seed: SeedFile = serde_json::from_str(json).map_err(|e| SeedError::Parse {
        file: file.to_string(),
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })?;
    let directory = ActorDirectory::new(seed.actors.iter().cloned());
    let source_ids: HashMap<&str, Uuid> = seed
        .sources
        .iter()
        .map(|s| (s.key.as_str(), s.source.id))
        .collect();
    // The same in every database, so that databases seeded alike share
    // the seed's versions (see `Writer::insert_seeded`).
    let now: Timestamp = SEED_TIME
        .parse()
        .map_err(|e: jiff::Error| SeedError::Parse {
            file: file.to_string(),
            line: 0,
            column: 0,
            message: e.to_string(),
        })?;
    let mut incidents = Vec::with_capacity(seed.incidents.len());
    for item in &seed.incidents {
        let source = |field: &'static str, key: &str| {
            source_ids
                .get(key)
                .copied()
                .ok_or_else(|| SeedError::UnknownSource {
                    file: file.to_string(),
                    incident: item.title.clone(),
                    field,
                    key: key.to_string(),
                })
        };
        let mut claims = Vec::with_capacity(item.claims.len());
        for c in &item.claims {
            let actor = directory
                .resolve(&c.actor)
                .ok_or_else(|| SeedError::UnknownActor {
                    file: file.to_string(),
                    incident: item.title.clone(),
                    actor: c.actor.clone(),
                })?;
            claims.push(Claim {
                actor_id: actor.id,
                claimant: c.claimant,
                claimant_name: c.claimant_name.clone(),
                stance: c.stance,
                confidence: c.confidence,
                source_id: c
                    .source
                    .as_deref()
                    .map(|k| source("claims.source", k))
                    .transpose()?,
                note: c.note.clone(),
            });
        }
        incidents.push(Incident {
            external_id: None,
            provenance: None,
            id: item.id,
            title: item.title.clone(),
            summary: item.summary.clone(),
            event_type: item.event_type,
            date: item.date.clone(),
            location: item.location.clone(),
            notes: item.notes.clone(),
            tags: item.tags.clone(),
            casualties: item.casualties.clone(),
            claims,
            source_ids: item
                .sources
                .iter()
                .map(|k| source("sources", k))
                .collect::<Result<_, _>>()?,
            created_at: now,
            updated_at: now,
            deleted_at: None,
            version: 1,
        });
    }

    Ok(store.write("the seed data", |w| {
        let mut report = SeedReport::default();
        let known_sources: Vec<Uuid> = w.sources()?.iter().map(|s| s.id).collect();
        for s in &seed.sources {
            if !known_sources.contains(&s.source.id) {
                w.upsert_source(&s.source)?;
                report.sources += 1;
            }
        }
        let known_actors: Vec<Uuid> = w.actors()?.iter().map(|a| a.id).collect();
        for actor in &seed.actors {
            if !known_actors.contains(&actor.id) {
                w.upsert_actor(actor)?;
                report.actors += 1;
            }
        }
        for incident in &incidents {
            if !w.incident_exists(incident.id)? {
                w.insert_seeded(incident)?;
                report.incidents += 1;
            }
        }
        Ok(report)
    })?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filter::{Filter, Perpetrator};
    use crate::model::{CountryCode, DatePrecision, Figure, LocationPrecision};

    #[test]
    fn built_in_seed_loads_and_is_idempotent() {
        let mut store = Store::open_in_memory().unwrap();
        let first = seed(&mut store).unwrap();
        assert_eq!(
            first,
            SeedReport {
                incidents: 3,
                actors: 6,
                sources: 2
            }
        );
        assert_eq!(seed(&mut store).unwrap(), SeedReport::default());
        assert_eq!(store.count(&Filter::default()).unwrap(), 3);
    }

    #[test]
    fn seed_invents_no_precision() {
        let mut store = Store::open_in_memory().unwrap();
        seed(&mut store).unwrap();
        let all = store.query(&Filter::default()).unwrap();
        for incident in &all {
            assert_eq!(
                incident.location.precision,
                LocationPrecision::Country,
                "{}",
                incident.title
            );
            assert!(
                !incident.source_ids.is_empty(),
                "every incident cites a source"
            );
            assert!(
                incident.claims.iter().all(|c| c.source_id.is_some()),
                "every claim cites a source"
            );
            assert!(incident.notes.contains("inferred") || incident.notes.contains("inference"));
        }
        let chinese: Vec<_> = all
            .iter()
            .filter(|i| {
                i.casualties
                    .iter()
                    .any(|c| c.nationality == Some(CountryCode::CN))
            })
            .collect();
        assert_eq!(chinese.len(), 2);
        for i in chinese {
            assert!(
                i.casualties
                    .iter()
                    .all(|c| c.figure == Figure::Minimum && c.killed == 1)
            );
        }
        let clash = all
            .iter()
            .find(|i| i.killed() == 5)
            .expect("the firefight with five dead");
        assert_eq!(clash.date.precision, DatePrecision::Month);
        assert!(clash.casualties.iter().all(|c| c.nationality.is_none()));
        let drone = all
            .iter()
            .find(|i| i.event_type == EventType::DroneAirStrike)
            .unwrap();
        assert_eq!(
            drone.date,
            IncidentDate::day(jiff::civil::date(2025, 11, 26))
        );
    }

    #[test]
    fn seed_points_lie_on_the_side_the_seed_says() {
        let border = crate::geo::Border::shipped().unwrap();
        let mut store = Store::open_in_memory().unwrap();
        seed(&mut store).unwrap();
        for incident in store.query(&Filter::default()).unwrap() {
            let loc = &incident.location;
            assert_eq!(
                border.distance(loc.lon, loc.lat).side,
                loc.side,
                "{}",
                incident.title
            );
        }
    }

    #[test]
    fn the_clash_is_unattributed_and_the_attacks_on_chinese_are_not() {
        let mut store = Store::open_in_memory().unwrap();
        seed(&mut store).unwrap();
        let filter = Filter {
            perpetrators: [Perpetrator::Unattributed].into(),
            ..Filter::default()
        };
        let unattributed = store.query(&filter).unwrap();
        assert_eq!(unattributed.len(), 1);
        assert_eq!(unattributed[0].killed(), 5);
    }

    #[test]
    fn errors_name_the_file_and_the_field() {
        let mut store = Store::open_in_memory().unwrap();
        let broken = SEED_JSON.replacen("\"actor\": \"ISKP\"", "\"actor\": \"Nobody\"", 1);
        let err = seed_from(&mut store, "my-seed.json", &broken)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("my-seed.json") && err.contains("claims.actor") && err.contains("Nobody"),
            "{err}"
        );
        assert!(store.has_no_incidents().unwrap(), "nothing is half-written");

        let err = seed_from(&mut store, "x.json", "{\n  \"about\": 3\n}")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("x.json, line 2"), "{err}");
    }
}
