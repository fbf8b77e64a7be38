//! UCDP Georeferenced Event Dataset (GED) CSV, mapped onto panj's model
//! without inventing precision:
//!
//! - `date_start`..`date_end` is the interval, `date_prec` its precision
//!   (1 day; 2–3 week; 4 month; 5 longer, stored as year);
//! - `where_prec` 1 exact, 2 within 25 km and 3 district → district,
//!   4–5 province, 6–7 country;
//! - one-sided violence (`type_of_violence` 3): `side_a` is the
//!   perpetrator, a claim UCDP makes (*assesses*, *likely*); in fighting
//!   between two sides both are named as *possible*, since either may have
//!   begun it;
//! - deaths by side, civilians and unknown become casualty rows of unknown
//!   nationality; `low`/`high` go into the notes;
//! - `id` → external id, the row → provenance;
//! - a subset of the columns is enough (`side_a`, `date_start`, `best`,
//!   and `id`), with their names as a shapefile cuts them (10 characters:
//!   `type_of_vi`, `where_coor`); a missing `where_prec` gives the widest
//!   precision the row supports (province with `adm_1`, else country), a
//!   missing `date_prec` keeps the interval as given; never the finest.

use super::acled::country_code;
use super::import::ImportedRecord;
use super::table::{RowError, TableRow, parse_degrees};
use crate::model::{
    ActorKind, Casualty, Claim, Claimant, Confidence, CountryCode, DatePrecision, EventType,
    Figure, Incident, IncidentDate, Location, LocationPrecision, Side, Stance, VictimRole,
};
use uuid::Uuid;

/// Every column of UCDP GED, in its order.
pub const COLUMNS: [&str; 49] = [
    "id",
    "relid",
    "year",
    "active_year",
    "code_status",
    "type_of_violence",
    "conflict_dset_id",
    "conflict_new_id",
    "conflict_name",
    "dyad_dset_id",
    "dyad_new_id",
    "dyad_name",
    "side_a_dset_id",
    "side_a_new_id",
    "side_a",
    "side_b_dset_id",
    "side_b_new_id",
    "side_b",
    "number_of_sources",
    "source_article",
    "source_office",
    "source_date",
    "source_headline",
    "source_original",
    "where_prec",
    "where_coordinates",
    "where_description",
    "adm_1",
    "adm_2",
    "latitude",
    "longitude",
    "geom_wkt",
    "priogrid_gid",
    "country",
    "country_id",
    "region",
    "event_clarity",
    "date_prec",
    "date_start",
    "date_end",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "best",
    "high",
    "low",
    "gwnoa",
    "gwnob",
];

/// The columns that identify GED: `date_start`, a toll (`best`, or the
/// deaths by side) and what the events are (`side_a` or
/// `type_of_violence`). A file with these is GED, whatever else it lacks.
fn identifying(has: impl Fn(&str) -> bool) -> bool {
    let toll = has("best") || DEATHS.iter().filter(|c| has(c)).count() >= 2;
    has("date_start") && toll && (has("side_a") || has("type_of_violence"))
}

/// The deaths by side, which add up to `best`.
const DEATHS: [&str; 4] = ["deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown"];

/// GED's columns as UCDP's GED Explorer web page names them in its
/// downloads: (Explorer's name, GED's).
const EXPLORER_NAMES: [(&str, &str); 3] = [
    ("best_est", "best"),
    ("high_est", "high"),
    ("low_est", "low"),
];

/// The columns panj reads when they are there, and what it does without.
const READ: [(&str, &str); 6] = [
    (
        "where_prec",
        "locations at the widest precision each row supports (province with adm_1, else country)",
    ),
    ("date_prec", "dates kept as the intervals given"),
    ("country", "country and side taken from the point"),
    ("adm_1", "province taken from the point"),
    (
        "type_of_violence",
        "every event read as fighting between two sides",
    ),
    ("where_description", "titles without a place name"),
];

/// The full GED name of a header a shapefile cut to 10 characters
/// ("type_of_vi" → "type_of_violence"), when exactly one column begins so,
/// or of a GED Explorer download's ("best_est" → "best").
fn full_name(header: &str) -> Option<&'static str> {
    if let Some((_, ged)) = EXPLORER_NAMES
        .iter()
        .find(|(explorer, _)| *explorer == header)
    {
        return Some(ged);
    }
    if header.len() != 10 || COLUMNS.contains(&header) {
        return None;
    }
    let mut matches = COLUMNS.iter().filter(|c| c.starts_with(header));
    match (matches.next(), matches.next()) {
        (Some(only), None) => Some(only),
        _ => None,
    }
}

/// The header row with shapefile-cut names written out in full, and the
/// names changed: (as in the file, as read).
pub fn expand_names(headers: &[String]) -> (Vec<String>, Vec<(String, String)>) {
    let mut renamed = Vec::new();
    let expanded = headers
        .iter()
        .map(|h| match full_name(h) {
            Some(full) if !headers.iter().any(|other| other == full) => {
                renamed.push((h.clone(), full.to_string()));
                full.to_string()
            }
            _ => h.clone(),
        })
        .collect();
    (expanded, renamed)
}

/// Whether a header row is UCDP GED's, whole or a subset, with full or
/// shapefile-cut names.
pub fn is_ucdp(headers: &[String]) -> bool {
    let (headers, _) = expand_names(headers);
    identifying(|c| headers.iter().any(|h| h == c))
}

/// One thing the preview says of how a file's columns were read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ColumnNote {
    /// Names a shapefile cut to 10 characters, read in full: (cut, full).
    Renamed(Vec<(String, String)>),
    /// How many of UCDP GED's columns the file has.
    Found { found: usize, of: usize },
    /// A column panj reads that the file lacks; [`ColumnNote::instead`]
    /// says what panj does without it.
    Missing(&'static str),
    /// The file was not UTF-8: read from this encoding.
    ReadFrom(&'static str),
    /// The file is a workbook: this sheet was read.
    Sheet(String),
    /// A row of HXL hashtags under the header was left out.
    HxlTags,
    /// Dates of three numbers (05/09/2020) read in this order, as `rows`
    /// rows show with a day above 12.
    DayOrder {
        order: super::table::DayOrder,
        rows: usize,
    },
    /// The file separates its fields with this byte, not a comma.
    Delimiter(u8),
}

impl ColumnNote {
    /// What panj does without the missing `column`.
    pub fn instead(column: &str) -> &'static str {
        READ.iter()
            .find(|(c, _)| *c == column)
            .map_or("", |(_, instead)| instead)
    }
}

impl std::fmt::Display for ColumnNote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ColumnNote::Renamed(pairs) => {
                let pairs: Vec<String> = pairs
                    .iter()
                    .map(|(from, to)| format!("{from} as {to}"))
                    .collect();
                write!(
                    f,
                    "column names read as GED's (cut to 10 characters by a shapefile, or GED Explorer's): {}",
                    pairs.join(", ")
                )
            }
            ColumnNote::Found { found, of } => {
                write!(f, "{found} of the {of} UCDP GED columns found")
            }
            ColumnNote::Missing(column) => {
                write!(f, "no {column} column: {}", ColumnNote::instead(column))
            }
            ColumnNote::Sheet(name) => write!(f, "a workbook: its sheet '{name}' was read"),
            ColumnNote::HxlTags => write!(
                f,
                "the row of HXL hashtags under the header (#date+year, …) is not data: left out"
            ),
            ColumnNote::DayOrder { order, rows } => write!(
                f,
                "dates such as 05/09/2020 read {}, as {rows} rows with a day above 12 show and none \
                 the other way",
                order.label()
            ),
            ColumnNote::Delimiter(byte) => write!(
                f,
                "fields are separated by {}, not commas (as spreadsheets in many locales save CSV)",
                match byte {
                    b';' => "semicolons".to_string(),
                    b'\t' => "tabs".to_string(),
                    b'|' => "vertical bars".to_string(),
                    other => format!("'{}'", *other as char),
                }
            ),
            ColumnNote::ReadFrom(encoding) => write!(
                f,
                "the file is {encoding}, not UTF-8: read as {encoding} and kept as UTF-8 text"
            ),
        }
    }
}

/// What the preview says of a GED file's columns: the names written out,
/// and each column panj reads that is missing, with what it does instead.
pub fn column_notes(headers: &[String], renamed: &[(String, String)]) -> Vec<ColumnNote> {
    let mut notes = Vec::new();
    if !renamed.is_empty() {
        notes.push(ColumnNote::Renamed(renamed.to_vec()));
    }
    let found = COLUMNS
        .iter()
        .filter(|c| headers.iter().any(|h| h == *c))
        .count();
    notes.push(ColumnNote::Found {
        found,
        of: COLUMNS.len(),
    });
    for (column, _) in READ {
        if !headers.iter().any(|h| h == column) {
            notes.push(ColumnNote::Missing(column));
        }
    }
    notes
}

fn count(row: &TableRow<'_>, column: &str) -> Result<u32, RowError> {
    match row.get(column) {
        None => Ok(0),
        Some(text) => text
            .parse::<u32>()
            .map_err(|_| row.error(column, format!("'{text}' is not a whole number of people"))),
    }
}

fn kind_of(name: &str) -> ActorKind {
    if name.starts_with("Government of") {
        ActorKind::StateForces
    } else {
        ActorKind::ArmedGroup
    }
}

fn role_of(name: &str) -> VictimRole {
    // UCDP's one-sided violence names the victims' side "Civilians".
    if name.trim().eq_ignore_ascii_case("civilians") {
        VictimRole::Civilian
    } else if name.starts_with("Government of") {
        VictimRole::SecurityForces
    } else {
        VictimRole::Militant
    }
}

/// One UCDP GED row as a record to import.
pub fn record(row: &TableRow<'_>, headers: &[String]) -> Result<ImportedRecord, RowError> {
    let id = match headers.iter().any(|h| h == "id") {
        true => row.require("id")?.to_string(),
        false => row.id_from_fields(headers),
    };
    let (start, start_time) = row.date_time("date_start")?;
    let end = match row.get("date_end") {
        Some(_) => row.date_time("date_end")?.0,
        None => start,
    };
    if end < start {
        return Err(row.error(
            "date_end",
            format!("ends ({end}) before it starts ({start})"),
        ));
    }
    // Without date_prec the interval as given is the reading (a single
    // day when start and end agree); with it, UCDP's word, widened below.
    let precision = match row.get("date_prec").unwrap_or("1") {
        "1" => DatePrecision::Day,
        "2" | "3" => DatePrecision::Week,
        "4" => DatePrecision::Month,
        "5" => DatePrecision::Year,
        other => {
            return Err(row.error(
                "date_prec",
                format!("'{other}' is not a UCDP date precision (1 to 5)"),
            ));
        }
    };
    // The interval is what UCDP knows; a precision finer than the
    // interval is widened to one that covers it, never the other way.
    let days = (end - start).get_days() + 1;
    let precision = [
        (DatePrecision::Day, 1),
        (DatePrecision::Week, 7),
        (DatePrecision::Month, 31),
        (DatePrecision::Year, 366),
    ]
    .into_iter()
    .find(|&(p, span)| p >= precision && days <= span)
    .map_or(DatePrecision::Year, |(p, _)| p);
    let stated = headers.iter().any(|h| h == "where_prec");
    let widest = if row.get("adm_1").is_some() { "4" } else { "6" };
    let location_precision =
        match row
            .get("where_prec")
            .unwrap_or(if stated { "1" } else { widest })
        {
            "1" => LocationPrecision::Exact,
            "2" | "3" => LocationPrecision::District,
            "4" | "5" => LocationPrecision::Province,
            "6" | "7" => LocationPrecision::Country,
            other => {
                return Err(row.error(
                    "where_prec",
                    format!("'{other}' is not a UCDP location precision (1 to 7)"),
                ));
            }
        };
    let lat = parse_degrees(row, "latitude", 90.0)?;
    let lon = parse_degrees(row, "longitude", 180.0)?;
    let side_a = row.get("side_a").unwrap_or_default().to_string();
    let side_b = row.get("side_b").unwrap_or_default().to_string();
    let one_sided = match row.get("type_of_violence") {
        None | Some("1" | "2") => false,
        Some("3") => true,
        Some(other) => {
            return Err(row.error(
                "type_of_violence",
                format!(
                    "'{}' is not a UCDP type of violence (1 state-based, 2 non-state, 3 one-sided)",
                    super::table::shorten(other)
                ),
            ));
        }
    };
    let country = country_code(row.get("country")).or_else(|| {
        // "Tajikistan (Tadzhikistan)" and the like.
        row.get("country")
            .and_then(|c| c.split(" (").next())
            .and_then(|c| country_code(Some(c)))
    });
    let side = match country {
        Some(CountryCode::TJ) => Side::Tj,
        Some(CountryCode::AF) => Side::Af,
        _ => Side::Unknown,
    };
    let place = row
        .get("where_coordinates")
        .or_else(|| row.get("where_description"))
        .unwrap_or_default()
        .to_string();
    let event_type = if one_sided {
        EventType::AttackOnCivilians
    } else {
        EventType::ArmedClash
    };
    // Who fought whom, and where: "Government of Afghanistan – Taleban,
    // Karukh district".
    let who = match (side_a.as_str(), side_b.as_str()) {
        ("", "") => event_type.label().to_string(),
        (a, "") | ("", a) => a.to_string(),
        (a, b) => format!("{a} – {b}"),
    };
    let title = if place.is_empty() {
        who
    } else {
        format!("{who}, {place}")
    };
    let mut incident = Incident::new(
        title,
        event_type,
        IncidentDate {
            start,
            end,
            precision,
            time_of_day: start_time.filter(|_| precision == DatePrecision::Day && start == end),
        },
        Location {
            lat,
            lon,
            precision: location_precision,
            place_name: place,
            country,
            admin1: row.get("adm_1").map(str::to_string),
            admin2: row.get("adm_2").map(str::to_string),
            side,
            border_km: None,
        },
    );
    for (column, role) in [
        ("deaths_a", role_of(&side_a)),
        ("deaths_b", role_of(&side_b)),
        ("deaths_civilians", VictimRole::Civilian),
        ("deaths_unknown", VictimRole::Unknown),
    ] {
        let killed = count(row, column)?;
        if killed > 0 {
            incident.casualties.push(Casualty {
                nationality: None,
                role,
                killed,
                wounded: 0,
                figure: Figure::Exact,
            });
        }
    }
    let by_side: u32 = incident.casualties.iter().map(|c| c.killed).sum();
    // A cut without `best` has the deaths by side, which add up to it.
    let has_best = row.get("best").is_some();
    let best = if has_best {
        count(row, "best")?
    } else {
        by_side
    };
    let (low, high) = match (row.get("low"), row.get("high")) {
        (None, None) => (best, best),
        _ => (count(row, "low")?, count(row, "high")?),
    };
    // UCDP's own releases hold rows whose figures disagree: they are its
    // word, kept as published and said (never refused: that would drop
    // real events).
    let mut flags = Vec::new();
    let ranged = row.get("low").is_some() && row.get("high").is_some();
    if ranged && low > high {
        flags.push(format!(
            "UCDP's low {low} is above its high {high}: kept as published"
        ));
    } else if ranged && !(low..=high).contains(&best) {
        flags.push(format!(
            "UCDP's best {best} lies outside its low {low} .. high {high}: kept as published"
        ));
    }
    let has_sides = DEATHS.iter().any(|c| row.get(c).is_some());
    if !has_sides && best > 0 {
        // A cut of GED without the deaths by side: its best estimate is
        // the toll, of people the row does not say more about.
        incident.casualties.push(Casualty {
            nationality: None,
            role: VictimRole::Unknown,
            killed: best,
            wounded: 0,
            figure: Figure::Exact,
        });
    }
    let by_side = if has_sides { by_side } else { best };
    if row.get("best").is_some() && by_side != best {
        flags.push(format!(
            "the deaths by side add up to {by_side} and UCDP's best is {best}: the casualty rows \
             hold the deaths by side as published"
        ));
    }
    let mut notes = match (headers.iter().any(|h| h == "id"), has_best) {
        (true, true) => format!("Imported from UCDP GED, event {id}. Deaths: best estimate {best}"),
        (true, false) => {
            format!("Imported from UCDP GED, event {id}. Deaths by side add up to {best}")
        }
        (false, true) => format!(
            "Imported from UCDP GED; the file has no id column, so the id ({id}) is made from the row's fields. Deaths: best estimate {best}"
        ),
        (false, false) => format!(
            "Imported from UCDP GED; the file has no id column, so the id ({id}) is made from the row's fields. Deaths by side add up to {best}"
        ),
    };

    if low != best || high != best {
        notes.push_str(&format!(", low {low}, high {high}"));
    }
    notes.push('.');
    for flag in &flags {
        notes.push_str(&format!(" Note: {flag}."));
    }
    if !stated {
        notes.push_str(&format!(
            " Location precision: the file has no where_prec column; {} is the widest this row supports.",
            location_precision.label().to_lowercase()
        ));
    }
    if let Some(article) = row.get("source_article") {
        notes.push_str(&format!(" Sources: {article}"));
    }
    incident.notes = notes;
    incident.tags = vec!["ucdp-ged".to_string()];
    let mut claim_actors = Vec::new();
    let mut claim = |name: &str, confidence: Confidence| {
        incident.claims.push(Claim {
            actor_id: Uuid::nil(),
            claimant: Claimant::Dataset,
            claimant_name: "UCDP GED".into(),
            stance: Stance::Assesses,
            confidence,
            source_id: None,
            note: String::new(),
        });
        claim_actors.push((name.to_string(), kind_of(name)));
    };
    if one_sided {
        if !side_a.is_empty() {
            claim(&side_a, Confidence::Likely);
        }
    } else {
        for name in [&side_a, &side_b] {
            if !name.is_empty() {
                claim(name, Confidence::Possible);
            }
        }
    }
    incident.external_id = Some(format!("ucdp:{id}"));
    // A CSV row is kept as its bytes (`ImportedRecord::source_row`); a
    // GeoJSON feature as its properties.
    incident.provenance = row.is_feature.then(|| row.to_json(headers));
    Ok(ImportedRecord {
        line: row.line,
        incident,
        claim_actors,
        sources: Vec::new(),
        keeps_id: false,
        source_row: None,
        flags,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exchange::table::Table;
    use std::path::Path;

    const HEADER: &str = "id,relid,year,active_year,code_status,type_of_violence,conflict_new_id,conflict_name,dyad_new_id,dyad_name,side_a_new_id,side_a,side_b_new_id,side_b,number_of_sources,source_article,source_office,source_date,source_headline,source_original,where_prec,where_coordinates,where_description,adm_1,adm_2,latitude,longitude,geom_wkt,priogrid_gid,country,country_id,region,event_clarity,date_prec,date_start,date_end,deaths_a,deaths_b,deaths_civilians,deaths_unknown,best,high,low,gwnoa,gwnob";

    #[test]
    fn shapefile_names_are_read_in_full_unless_two_columns_share_them() {
        let cut: Vec<String> = [
            "id",
            "type_of_vi",
            "where_coor",
            "deaths_civ",
            "conflict_n",
            "side_a",
            "date_start",
            "best",
        ]
        .map(String::from)
        .to_vec();
        let (full, renamed) = expand_names(&cut);
        assert_eq!(full[1], "type_of_violence");
        assert_eq!(full[2], "where_coordinates");
        assert_eq!(full[3], "deaths_civilians");
        // conflict_new_id or conflict_name: not guessed.
        assert_eq!(full[4], "conflict_n");
        assert_eq!(renamed.len(), 3);
        assert!(is_ucdp(&cut));
        let notes: Vec<String> = column_notes(&full, &renamed)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert!(
            notes[0].contains("type_of_vi as type_of_violence"),
            "{notes:?}"
        );
        assert!(
            notes.iter().any(|n| n.starts_with("no where_prec column")),
            "{notes:?}"
        );
    }

    fn records(rows: &str) -> Vec<Result<ImportedRecord, RowError>> {
        let text = format!("{HEADER}\n{rows}");
        let table = Table::parse(Path::new("ged.csv"), text.as_bytes()).unwrap();
        assert!(is_ucdp(&table.headers));
        table.rows().map(|r| record(&r, &table.headers)).collect()
    }

    #[test]
    fn one_sided_violence_names_its_perpetrator_and_keeps_the_interval() {
        let got = records(
            "301234,TJK-2025-1-1-1,2025,1,Clear,3,999,IS - Civilians,999,IS - Civilians,234,IS,1,Civilians,2,\"Asia-Plus,2025-11-27\",,,,,2,Kavo village,,Khatlon province,Shamsiddin Shohin district,37.55,70.05,POINT (70.05 37.55),1,Tajikistan,702,Europe,1,2,2025-11-26,2025-11-28,0,0,3,1,4,6,4,,",
        );
        let i = &got[0].as_ref().unwrap().incident;
        assert_eq!(i.external_id.as_deref(), Some("ucdp:301234"));
        assert_eq!(i.event_type, EventType::AttackOnCivilians);
        assert_eq!(
            (i.date.start, i.date.end),
            (
                jiff::civil::date(2025, 11, 26),
                jiff::civil::date(2025, 11, 28)
            )
        );
        assert_eq!(i.date.precision, DatePrecision::Week);
        assert_eq!(i.location.precision, LocationPrecision::District);
        assert_eq!(i.location.side, Side::Tj);
        assert_eq!(i.killed(), 4);
        assert!(
            i.casualties
                .iter()
                .any(|c| c.role == VictimRole::Civilian && c.killed == 3)
        );
        assert_eq!(i.claims.len(), 1);
        assert_eq!(i.claims[0].confidence, Confidence::Likely);
        assert_eq!(got[0].as_ref().unwrap().claim_actors[0].0, "IS");
        assert!(i.notes.contains("best estimate 4, low 4, high 6"));
    }

    #[test]
    fn fighting_names_both_sides_as_possible_and_bad_fields_are_named() {
        let got = records(
            "5,r,2021,1,Clear,1,1,c,1,d,1,Government of Afghanistan,2,Taleban,1,s,,,,,4,Badakhshan,,Badakhshan province,,37.1,70.6,,1,Afghanistan,700,Asia,1,4,2021-06-01,2021-06-30,2,3,0,0,5,5,5,,\n\
             6,r,2021,1,Clear,1,1,c,1,d,1,Government of Afghanistan,2,Taleban,1,s,,,,,9,X,,,,37.1,70.6,,1,Afghanistan,700,Asia,1,1,2021-06-01,2021-06-01,0,0,0,0,0,0,0,,\n\
             7,r,2021,1,Clear,1,1,c,1,d,1,Government of Afghanistan,2,Taleban,1,s,,,,,1,X,,,,37.1,70.6,,1,Afghanistan,700,Asia,1,1,2021-06-05,2021-06-01,0,0,0,0,0,0,0,,",
        );
        let i = &got[0].as_ref().unwrap().incident;
        assert_eq!(i.event_type, EventType::ArmedClash);
        assert_eq!(i.claims.len(), 2);
        assert!(
            i.claims
                .iter()
                .all(|c| c.confidence == Confidence::Possible)
        );
        assert_eq!(i.date.precision, DatePrecision::Month);
        assert_eq!(i.location.precision, LocationPrecision::Province);
        assert!(
            i.casualties
                .iter()
                .any(|c| c.role == VictimRole::SecurityForces && c.killed == 2)
        );
        assert!(
            i.casualties
                .iter()
                .any(|c| c.role == VictimRole::Militant && c.killed == 3)
        );
        let bad = got[1].as_ref().unwrap_err().to_string();
        assert!(bad.contains("line 3, column where_prec"), "{bad}");
        let backwards = got[2].as_ref().unwrap_err().to_string();
        assert!(backwards.contains("column date_end: ends"), "{backwards}");
    }
}
