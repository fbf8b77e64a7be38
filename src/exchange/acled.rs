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
use super::placing::{RowNames, place_by_name};
use super::table::{DayOrder, RowError, TableRow, parse_date_time_in, parse_degrees};
use crate::model::{
    ActorKind, Casualty, Claim, Claimant, Confidence, CountryCode, DatePrecision, EventType,
    Figure, Grade, Incident, IncidentDate, Location, LocationPrecision, Side, Source, Stance,
    VictimRole,
};
use uuid::Uuid;

/// Whether a header row is ACLED's: its date and fatalities, with its
/// event id or, in a researcher's cut without ids, its event type.
pub fn is_acled(headers: &[String]) -> bool {
    let has = |c: &str| headers.iter().any(|h| h == c);
    has("event_date")
        && has("fatalities")
        && (has("event_id_cnty") || has("event_type") || has("sub_event_type"))
}

/// A row's own id, or for a cut without `event_id_cnty` one made from its
/// fields (`row-` and 16 hex digits of their hash): the same row imported
/// again, from any copy of the file, is the same record.
/// A file that has the column but not a row's id is refused for that row.
fn event_id(row: &TableRow<'_>, headers: &[String]) -> Result<String, RowError> {
    if headers.iter().any(|h| h == "event_id_cnty") {
        return row.require("event_id_cnty").map(str::to_string);
    }
    Ok(row.id_from_fields(headers))
}

/// The event's day and time: read as the file's rows write dates, and a
/// date that reads both day first and month first settled, where it can
/// be, by the row's `timestamp` (when ACLED last changed the row, which
/// cannot be before the event).
fn event_day(
    row: &TableRow<'_>,
) -> Result<(jiff::civil::Date, Option<jiff::civil::Time>), RowError> {
    let written = row.require("event_date")?;
    let full = |day: jiff::civil::Date| {
        if year_has_two_digits(written) {
            with_century(day, row.get("year"))
        } else {
            Ok(day)
        }
    };
    let read = match row.date_time("event_date") {
        Ok(read) => read,
        Err(ambiguous) if row.day_order == DayOrder::Unsettled => {
            let changed = row
                .get("timestamp")
                .and_then(|t| t.parse::<i64>().ok())
                .and_then(|t| jiff::Timestamp::from_second(t).ok())
                .map(|t| t.to_zoned(jiff::tz::TimeZone::UTC).date());
            let Some(changed) = changed else {
                return Err(ambiguous);
            };
            let possible: Vec<_> = [DayOrder::DayFirst, DayOrder::MonthFirst]
                .into_iter()
                .filter_map(|order| parse_date_time_in(written, order).ok())
                .filter(|(day, _)| full(*day).is_ok_and(|day| day <= changed))
                .collect();
            match possible.as_slice() {
                [only] => *only,
                _ => return Err(ambiguous),
            }
        }
        Err(error) => return Err(error),
    };
    let day = full(read.0).map_err(|reason| row.error("event_date", reason))?;
    Ok((day, read.1))
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
    let event_id = event_id(row, headers)?;
    let (day, time_of_day) = event_day(row)?;
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
    let country = country_code(row.get("country"))
        .or_else(|| country_code(row.get("iso")))
        .or_else(|| country_code(row.get("iso3")));
    // A cut without coordinate columns is placed by its names, never finer
    // than what matched; a row without either is refused, as is a row of a
    // file with coordinates that lacks its own (cut short, most often).
    let has_coordinates = headers.iter().any(|h| h == "latitude" || h == "longitude");
    let by_name = if !has_coordinates {
        let names = RowNames {
            country,
            admin1: row.get("admin1"),
            admin2: row.get("admin2"),
            location: row.get("location"),
        };
        Some(place_by_name(names).ok_or_else(|| {
            row.error(
                "latitude",
                if names.admin1.is_none() && names.admin2.is_none() && names.location.is_none() {
                    "is not in the file, and the row names no place to put it by".to_string()
                } else {
                    "is not in the file, and panj's gazetteer knows none of the row's place names"
                        .to_string()
                },
            )
        })?)
    } else {
        None
    };
    let (lat, lon) = match &by_name {
        Some(placed) => (placed.lat, placed.lon),
        None => (
            parse_degrees(row, "latitude", 90.0)?,
            parse_degrees(row, "longitude", 180.0)?,
        ),
    };
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
    // Placed by a name: no finer than the name, whatever the row says.
    let location_precision = match &by_name {
        Some(placed) => location_precision.max(placed.precision),
        None => location_precision,
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
    if row.get("event_id_cnty").is_none() {
        notes.push_str(" The file has no event_id_cnty: the id is made from the row's fields.");
    }
    if let Some(placed) = &by_name {
        notes.push_str(&format!(
            " The file gives no coordinates: placed at {} from panj's gazetteer.",
            placed.matched
        ));
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
            "acled.csv, line 2, column event_date: '31-02-2025' is not a date (day 31, month 2 of 2025 does not exist)"
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

    #[test]
    fn an_ambiguous_date_is_settled_by_the_rows_timestamp_or_refused_with_both_readings() {
        // 05/09/2020 is 5 September or 9 May; ACLED changed the row on
        // 12 May 2020 (1589241600), so it cannot be September.
        let got = records(
            "T1,05/09/2020,2020,1,,Battles,Armed clash,X,,1,,,,,,,,Tajikistan,,,,P,37.5,70,1,,,,0,,1589241600\n\
             T2,05/09/2020,2020,1,,Battles,Armed clash,X,,1,,,,,,,,Tajikistan,,,,P,37.5,70,1,,,,0,,1609459200",
        );
        let settled = got[0].as_ref().unwrap();
        assert_eq!(settled.incident.date.start, jiff::civil::date(2020, 5, 9));
        let refused = got[1].as_ref().unwrap_err().to_string();
        assert!(
            refused.contains("column event_date")
                && refused.contains("5 September 2020 (day first)")
                && refused.contains("9 May 2020 (month first)"),
            "{refused}"
        );
    }

    #[test]
    fn a_cut_without_ids_or_coordinates_is_placed_by_its_names_with_an_id_from_its_fields() {
        let header = "\"\",\"country\",\"year\",\"event_date\",\"admin1\",\"admin2\",\"location\",\"event_type\",\"fatalities\"";
        let text = format!(
            "{header}\n\"1\",\"Tajikistan\",2023,\"2023-09-23\",\"Khatlon\",\"Farkhor\",\"Farkhor\",\"Battles\",2\n\
             \"2\",\"Tajikistan\",2023,\"2023-09-23\",\"Khatlon\",\"Farkhor\",\"Farkhor\",\"Battles\",2\n\
             \"3\",\"Tajikistan\",2023,\"2023-09-24\",\"\",\"\",\"\",\"Battles\",1\n"
        );
        let table = Table::parse(Path::new("r.csv"), text.as_bytes()).unwrap();
        assert!(is_acled(&table.headers));
        let got: Vec<_> = table.rows().map(|r| record(&r, &table.headers)).collect();
        let first = &got[0].as_ref().unwrap().incident;
        assert_eq!(first.location.precision, LocationPrecision::Near);
        assert!(
            (first.location.lat - 37.49).abs() < 0.1,
            "{:?}",
            first.location
        );
        assert!(
            first.notes.contains("placed at the place Farkhor"),
            "{}",
            first.notes
        );
        // R's row numbers differ; the rows are the same, and so the ids.
        assert_eq!(
            first.external_id,
            got[1].as_ref().unwrap().incident.external_id
        );
        assert!(
            first
                .external_id
                .as_deref()
                .unwrap()
                .starts_with("acled:row-")
        );
        let nowhere = got[2].as_ref().unwrap_err().to_string();
        assert!(nowhere.contains("line 4, column latitude"), "{nowhere}");
    }
}
