//! ACLED export CSV, current (event_id_cnty … timestamp, 31 columns) and
//! older (data_id, event_id_no_cnty, iso3) layouts, mapped onto panj's
//! model without inventing precision:
//!
//! - `time_precision` 1/2/3 → the day, the week around it, the month;
//! - `geo_precision` 1/2/3 → near a town (≤ 5 km), district, province;
//! - `actor1` → a claim whose claimant is the data set (ACLED assesses
//!   it, confidence *likely*); `actor2` is usually the target and is kept
//!   only in the provenance;
//! - `fatalities` → one casualty row of unknown nationality, *at least*
//!   (ACLED's figures are conservative estimates), civilians when
//!   `civilian_targeting` says so;
//! - the row as it was → `provenance`; `event_id_cnty` → `external_id`.

use super::import::ImportedRecord;
use super::table::{RowError, TableRow, parse_date_time, parse_degrees};
use crate::model::{
    ActorKind, Casualty, Claim, Claimant, Confidence, CountryCode, DatePrecision, EventType,
    Figure, Grade, Incident, IncidentDate, Location, LocationPrecision, Side, Source, Stance,
    VictimRole,
};
use uuid::Uuid;

/// Whether a header row is ACLED's.
pub fn is_acled(headers: &[String]) -> bool {
    let has = |c: &str| headers.iter().any(|h| h == c);
    has("event_id_cnty") && has("event_date") && has("fatalities")
}

fn event_type(event: &str, sub_event: &str) -> EventType {
    let sub = sub_event.to_ascii_lowercase();
    match event.to_ascii_lowercase().as_str() {
        "battles" => EventType::ArmedClash,
        "explosions/remote violence" => {
            if sub.contains("air") || sub.contains("drone") {
                EventType::DroneAirStrike
            } else if sub.contains("shelling") || sub.contains("artillery") {
                EventType::Shelling
            } else {
                EventType::IedExplosion
            }
        }
        "violence against civilians" => {
            if sub.contains("abduction") || sub.contains("disappearance") {
                EventType::Abduction
            } else {
                EventType::AttackOnCivilians
            }
        }
        "strategic developments" if sub.contains("arrest") || sub.contains("seizure") => {
            EventType::ArrestSeizure
        }
        _ => EventType::Other,
    }
}

/// ACLED's actor type codes (`inter1`) as panj's actor kinds.
pub fn actor_kind(inter: Option<&str>) -> ActorKind {
    match inter.map(str::trim) {
        Some("1") | Some("State forces") => ActorKind::StateForces,
        Some("2" | "3" | "4") | Some("Rebel group" | "Political militia" | "Identity militia") => {
            ActorKind::ArmedGroup
        }
        _ => ActorKind::Other,
    }
}

/// A country as ACLED names it (name, ISO numeric or ISO alpha-3).
pub fn country_code(name: Option<&str>) -> Option<CountryCode> {
    let code = match name?.trim().to_ascii_lowercase().as_str() {
        "tajikistan" | "762" | "tjk" => "TJ",
        "afghanistan" | "4" | "004" | "afg" => "AF",
        "uzbekistan" | "860" | "uzb" => "UZ",
        "kyrgyzstan" | "417" | "kgz" => "KG",
        "turkmenistan" | "795" | "tkm" => "TM",
        "pakistan" | "586" | "pak" => "PK",
        "china" | "156" | "chn" => "CN",
        "iran" | "364" | "irn" => "IR",
        _ => return None,
    };
    CountryCode::parse(code).ok()
}

/// A date whose year was written with two digits (`9-May-20`, as Excel
/// saves ACLED's dates) in its century: the row's own `year` column's
/// when it ends in those digits, else the only one ACLED's data (from
/// 1997) can be in. A year column that disagrees is said.
fn with_century(
    day: jiff::civil::Date,
    year_column: Option<&str>,
) -> Result<jiff::civil::Date, String> {
    let two_digits = day.year();
    if !(0..100).contains(&two_digits) {
        return Ok(day);
    }
    let year = match year_column.and_then(|y| y.trim().parse::<i16>().ok()) {
        Some(y) if y % 100 == two_digits => y,
        Some(y) => {
            return Err(format!(
                "the year is written '{two_digits:02}' but the row's year column says {y}"
            ));
        }
        None if two_digits >= 90 => 1900 + two_digits,
        None => 2000 + two_digits,
    };
    jiff::civil::Date::new(year, day.month(), day.day())
        .map_err(|e| format!("{day} in {year}: {e}"))
}

/// Whether a date is written with a two-digit year (`9-May-20`,
/// `09/05/20`): no run of four digits in it.
fn year_has_two_digits(written: &str) -> bool {
    let day = written.split([' ', 'T']).next().unwrap_or(written);
    !day.split(|c: char| !c.is_ascii_digit())
        .any(|run| run.len() >= 4)
}

/// One ACLED row as a record to import.
pub fn record(row: &TableRow<'_>, headers: &[String]) -> Result<ImportedRecord, RowError> {
    let event_id = row.require("event_id_cnty")?;
    let written = row.require("event_date")?;
    let (day, time_of_day) =
        parse_date_time(written).map_err(|reason| row.error("event_date", reason))?;
    let day = if year_has_two_digits(written) {
        with_century(day, row.get("year")).map_err(|reason| row.error("event_date", reason))?
    } else {
        day
    };
    let (start, end, precision) = match row.get("time_precision").unwrap_or("1") {
        "1" => (day, day, DatePrecision::Day),
        "2" => (
            day.saturating_sub(jiff::Span::new().days(3)),
            day.saturating_add(jiff::Span::new().days(3)),
            DatePrecision::Week,
        ),
        "3" => (
            day.first_of_month(),
            day.last_of_month(),
            DatePrecision::Month,
        ),
        other => {
            return Err(row.error(
                "time_precision",
                format!("'{other}' is not an ACLED time precision (1, 2 or 3)"),
            ));
        }
    };
    let lat = parse_degrees(row, "latitude", 90.0)?;
    let lon = parse_degrees(row, "longitude", 180.0)?;
    let location_precision = match row.get("geo_precision").unwrap_or("1") {
        "1" => LocationPrecision::Near,
        "2" => LocationPrecision::District,
        "3" => LocationPrecision::Province,
        other => {
            return Err(row.error(
                "geo_precision",
                format!("'{other}' is not an ACLED geo precision (1, 2 or 3)"),
            ));
        }
    };
    let killed = match row.get("fatalities") {
        None => 0,
        Some(text) => text.parse::<u32>().map_err(|_| {
            row.error(
                "fatalities",
                format!("'{text}' is not a whole number of people"),
            )
        })?,
    };
    let country = country_code(row.get("country"))
        .or_else(|| country_code(row.get("iso")))
        .or_else(|| country_code(row.get("iso3")));
    let side = match country {
        Some(CountryCode::TJ) => Side::Tj,
        Some(CountryCode::AF) => Side::Af,
        _ => Side::Unknown,
    };
    let place = row.get("location").unwrap_or_default().to_string();
    let sub_event = row.get("sub_event_type").unwrap_or_default();
    let kind = event_type(row.get("event_type").unwrap_or_default(), sub_event);
    let title = match (sub_event.is_empty(), place.is_empty()) {
        (false, false) => format!("{sub_event} in {place}"),
        (false, true) => sub_event.to_string(),
        (true, false) => format!("{} in {place}", kind.label()),
        (true, true) => kind.label().to_string(),
    };
    let mut incident = Incident::new(
        title,
        kind,
        IncidentDate {
            start,
            end,
            precision,
            time_of_day: time_of_day.filter(|_| precision == DatePrecision::Day),
        },
        Location {
            lat,
            lon,
            precision: location_precision,
            place_name: place,
            country,
            admin1: row.get("admin1").map(str::to_string),
            admin2: row.get("admin2").map(str::to_string),
            side,
            border_km: None,
        },
    );
    incident.summary = row.get("notes").unwrap_or_default().to_string();
    let mut notes = format!("Imported from ACLED, event {event_id}.");
    // ACLED's `source` names the outlets ("Amu TV; Asia-Plus"): each is a
    // source of the ledger, not graded until the analyst grades it.
    let mut sources: Vec<Source> = row
        .get("source")
        .unwrap_or_default()
        .split(';')
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .map(|name| Source {
            id: Source::id_for(name, "", None, ""),
            title: name.to_string(),
            publisher: String::new(),
            published: None,
            reference: String::new(),
            grade: Grade::NotGraded,
            notes: "Named in ACLED's source column.".into(),
        })
        .collect();
    let mut seen = std::collections::HashSet::new();
    sources.retain(|s| seen.insert(s.id));
    if let Some(scale) = row.get("source_scale") {
        notes.push_str(&format!(" Source scale: {scale}."));
    }
    incident.notes = notes;
    incident.tags = std::iter::once("acled".to_string())
        .chain(
            row.get("tags")
                .unwrap_or_default()
                .split(';')
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_string),
        )
        .collect();
    if killed > 0 {
        incident.casualties.push(Casualty {
            nationality: None,
            role: if row.get("civilian_targeting").is_some() {
                VictimRole::Civilian
            } else {
                VictimRole::Unknown
            },
            killed,
            wounded: 0,
            figure: Figure::Minimum,
        });
    }
    let mut claim_actors = Vec::new();
    if let Some(actor) = row.get("actor1") {
        incident.claims.push(Claim {
            actor_id: Uuid::nil(),
            claimant: Claimant::Dataset,
            claimant_name: "ACLED".into(),
            stance: Stance::Assesses,
            confidence: Confidence::Likely,
            source_id: None,
            note: row
                .get("assoc_actor_1")
                .map(|a| format!("Associated: {a}"))
                .unwrap_or_default(),
        });
        claim_actors.push((actor.to_string(), actor_kind(row.get("inter1"))));
    }
    incident.external_id = Some(format!("acled:{event_id}"));
    // A CSV row is kept as its bytes (`ImportedRecord::source_row`); a
    // GeoJSON feature as its properties.
    incident.provenance = row.is_feature.then(|| row.to_json(headers));
    incident.source_ids = sources.iter().map(|s| s.id).collect();
    Ok(ImportedRecord {
        line: row.line,
        incident,
        claim_actors,
        sources,
        keeps_id: false,
        source_row: None,
        flags: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exchange::table::Table;
    use std::path::Path;

    const HEADER: &str = "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp";

    fn records(rows: &str) -> Vec<Result<ImportedRecord, RowError>> {
        let text = format!("{HEADER}\n{rows}");
        let table = Table::parse(Path::new("acled.csv"), text.as_bytes()).unwrap();
        table.rows().map(|r| record(&r, &table.headers)).collect()
    }

    #[test]
    fn a_year_excel_cut_to_two_digits_takes_the_rows_year_column() {
        let day = |y| jiff::civil::date(y, 5, 9);
        assert_eq!(with_century(day(20), Some("2020")), Ok(day(2020)));
        assert_eq!(with_century(day(98), None), Ok(day(1998)));
        assert_eq!(with_century(day(24), None), Ok(day(2024)));
        assert_eq!(with_century(day(2020), Some("1999")), Ok(day(2020)));
        assert!(year_has_two_digits("9-May-20") && year_has_two_digits("09/05/20"));
        assert!(!year_has_two_digits("0000-11-26") && !year_has_two_digits("9-May-2020"));
        assert!(
            with_century(day(20), Some("2021"))
                .unwrap_err()
                .contains("year column says 2021")
        );
    }

    #[test]
    fn a_row_maps_with_the_precision_it_carries() {
        let got = records(
            "TJK123,16 May 2025,2025,2,Political violence,Explosions/Remote violence,Air/drone strike,Unidentified Armed Group (Afghanistan),,3,Civilians (China),,7,37,Civilian targeting,762,Caucasus and Central Asia,Tajikistan,Khatlon,Shamsiddin Shohin,,Kavo,37.55,70.05,2,Asia-Plus,National,A drone hit a camp.,3,\"local administrators; women\",1700000000",
        );
        let record = got[0].as_ref().unwrap();
        let i = &record.incident;
        assert_eq!(i.external_id.as_deref(), Some("acled:TJK123"));
        assert_eq!(i.event_type, EventType::DroneAirStrike);
        assert_eq!(i.title, "Air/drone strike in Kavo");
        assert_eq!(i.date.precision, DatePrecision::Week);
        assert_eq!(i.date.start, jiff::civil::date(2025, 5, 13));
        assert_eq!(i.date.end, jiff::civil::date(2025, 5, 19));
        assert_eq!(i.location.precision, LocationPrecision::District);
        assert_eq!(i.location.country, Some(CountryCode::TJ));
        assert_eq!(i.location.side, Side::Tj);
        assert_eq!(i.location.admin2.as_deref(), Some("Shamsiddin Shohin"));
        assert_eq!(i.casualties[0].killed, 3);
        assert_eq!(i.casualties[0].figure, Figure::Minimum);
        assert_eq!(i.casualties[0].role, VictimRole::Civilian);
        assert_eq!(i.casualties[0].nationality, None);
        assert_eq!(i.claims[0].claimant, Claimant::Dataset);
        assert_eq!(
            record.claim_actors,
            [(
                "Unidentified Armed Group (Afghanistan)".to_string(),
                ActorKind::ArmedGroup
            )]
        );
        assert_eq!(i.tags, ["acled", "local administrators", "women"]);
        // A CSV row's provenance is its bytes, kept by the import (see
        // `ImportedRecord::source_row`), not a copy made here.
        assert_eq!(i.provenance, None);
    }

    #[test]
    fn bad_fields_are_named() {
        let got = records(
            "A1,31-02-2025,2025,1,,Battles,Armed clash,X,,1,,,,,,,,Tajikistan,,,,P,37.5,70,1,,,,0,,\n\
             A2,2025-02-03,2025,1,,Battles,Armed clash,X,,1,,,,,,,,Tajikistan,,,,P,,70,1,,,,0,,\n\
             A3,2025-02-03,2025,1,,Battles,Armed clash,X,,1,,,,,,,,Tajikistan,,,,P,37.5,270,1,,,,0,,\n\
             A4,2025-02-03,2025,1,,Battles,Armed clash,X,,1,,,,,,,,Tajikistan,,,,P,37.5,70,1,,,,many,,\n\
             A5,2025-02-03,2025,7,,Battles,Armed clash,X,,1,,,,,,,,Tajikistan,,,,P,37.5,70,1,,,,0,,",
        );
        let errors: Vec<String> = got
            .into_iter()
            .map(|r| r.err().unwrap().to_string())
            .collect();
        assert_eq!(
            errors[0],
            "acled.csv, line 2, column event_date: '31-02-2025' is not a date (expected e.g. 2025-05-16, 16-05-2025 or 16 May 2025)"
        );
        assert!(
            errors[1].contains("line 3, column latitude: is empty"),
            "{}",
            errors[1]
        );
        assert!(
            errors[2].contains("column longitude: 270 is outside"),
            "{}",
            errors[2]
        );
        assert!(
            errors[3].contains("column fatalities: 'many'"),
            "{}",
            errors[3]
        );
        assert!(errors[4].contains("column time_precision"), "{}", errors[4]);
    }
}
