//! The record being typed in: every field as the analyst typed it (so a
//! half-typed number or date is kept, not lost), and the check that turns
//! it into an [`Incident`] or says, field by field, what stops it.
//!
//! A draft is plain data with serde, so it can be autosaved and offered
//! back after a crash.

use crate::filter::ActorDirectory;
use crate::geo::coords::{Axis, parse_coordinate};
use crate::model::{
    Actor, Casualty, Claim, Claimant, Confidence, CountryCode, DatePrecision, EventType,
    FieldError, Figure, Incident, IncidentDate, Location, LocationPrecision, Side, Source, Stance,
    VictimRole,
};
use crate::tr;
use jiff::civil::{Date, Time};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Coordinates outside this box are allowed with a warning.
pub use crate::geo::REGION;

/// One casualty row as typed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CasualtyDraft {
    /// ISO code, or `None` for "unknown".
    pub nationality: Option<CountryCode>,
    pub role: VictimRole,
    pub killed: String,
    pub wounded: String,
    pub figure: Figure,
}

impl Default for CasualtyDraft {
    fn default() -> Self {
        CasualtyDraft {
            nationality: None,
            role: VictimRole::Unknown,
            killed: "0".into(),
            wounded: "0".into(),
            figure: Figure::Exact,
        }
    }
}

/// One attribution claim as typed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimDraft {
    /// The actor's name or alias as typed.
    pub actor: String,
    pub claimant: Claimant,
    pub claimant_name: String,
    pub stance: Stance,
    pub confidence: Confidence,
    pub source_id: Option<Uuid>,
    #[serde(default)]
    pub note: String,
}

impl Default for ClaimDraft {
    fn default() -> Self {
        ClaimDraft {
            actor: String::new(),
            claimant: Claimant::Media,
            claimant_name: String::new(),
            stance: Stance::Accuses,
            confidence: Confidence::Possible,
            source_id: None,
            note: String::new(),
        }
    }
}

/// The whole record as typed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    /// The id the record will have (a fresh one for a new record).
    pub id: Uuid,
    /// The stored version this draft edits; `None` for a new record.
    pub editing_version: Option<i64>,
    pub title: String,
    pub summary: String,
    pub event_type: EventType,
    /// The day, or the first day when `between`.
    pub date: String,
    /// The last day, only when `between`.
    pub date_end: String,
    /// The source gives two dates ("between 3 and 9 May").
    pub between: bool,
    pub precision: DatePrecision,
    /// "HH:MM", only when the source gives a time.
    pub time_of_day: String,
    pub latitude: String,
    pub longitude: String,
    pub location_precision: LocationPrecision,
    pub place_name: String,
    pub country: Option<CountryCode>,
    pub admin1: String,
    pub admin2: String,
    pub side: Side,
    pub casualties: Vec<CasualtyDraft>,
    pub claims: Vec<ClaimDraft>,
    pub source_ids: Vec<Uuid>,
    pub notes: String,
    /// Comma-separated.
    pub tags: String,
    /// Actors created from this form, stored with the record.
    pub new_actors: Vec<Actor>,
    /// Sources added from this form, stored with the record.
    pub new_sources: Vec<Source>,
    /// Kept from an imported record being edited (see [`Incident`]).
    #[serde(default)]
    pub external_id: Option<String>,
    #[serde(default)]
    pub provenance: Option<String>,
}

/// What checking a draft found.
#[derive(Debug, Clone, Default)]
pub struct Checked {
    /// The record to store, when nothing stops it.
    pub incident: Option<Incident>,
    /// What stops the save, by field.
    pub errors: Vec<FieldError>,
    /// What the analyst should look at, but may save anyway.
    pub warnings: Vec<FieldError>,
}

impl Checked {
    /// The first message for a field, error before warning.
    pub fn message(&self, field: &str) -> Option<(&str, bool)> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| (e.message.as_str(), true))
            .or_else(|| {
                self.warnings
                    .iter()
                    .find(|e| e.field == field)
                    .map(|e| (e.message.as_str(), false))
            })
    }
}

fn field_error(field: &str, message: impl Into<String>) -> FieldError {
    FieldError {
        field: field.to_string(),
        message: message.into(),
    }
}

/// The interval a date at a precision stands for: the day, its Monday to
/// Sunday week, its month or its year.
pub fn interval(date: Date, precision: DatePrecision) -> (Date, Date) {
    match precision {
        DatePrecision::Day => (date, date),
        DatePrecision::Week => {
            let back = i64::from(date.weekday().to_monday_zero_offset());
            let monday = date.saturating_sub(jiff::Span::new().days(back));
            (monday, monday.saturating_add(jiff::Span::new().days(6)))
        }
        DatePrecision::Month => (date.first_of_month(), date.last_of_month()),
        DatePrecision::Year => (date.first_of_year(), date.last_of_year()),
    }
}

fn parse_date(text: &str) -> Result<Date, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err(tr!("form-error-date-required"));
    }
    if let Ok(date) = text.parse::<Date>() {
        // "1404-09-05" is an Afghan source's date written without its
        // calendar, not an event of the fifteenth century.
        let solar_hijri =
            crate::model::calendar::parse(&format!("{text} SH")).and_then(|day| day.to_gregorian());
        return match solar_hijri {
            Some(gregorian) if (1300..1500).contains(&date.year()) => Err(tr!(
                "form-error-solar-hijri-year",
                text = text,
                year = date.year().to_string(),
                gregorian = gregorian.to_string()
            )),
            _ => Ok(date),
        };
    }
    // Afghan sources date events in the Solar Hijri calendar.
    crate::model::calendar::parse(text)
        .and_then(|day| day.to_gregorian())
        .ok_or_else(|| tr!("form-error-not-a-date", text = text))
}

fn parse_count(text: &str) -> Result<u32, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(0);
    }
    text.parse::<u32>()
        .map_err(|_| tr!("form-error-not-a-count", text = text))
}

impl Draft {
    /// An empty record dated today, placed nowhere yet.
    pub fn new(today: Date) -> Draft {
        Draft {
            id: Uuid::now_v7(),
            editing_version: None,
            title: String::new(),
            summary: String::new(),
            event_type: EventType::ArmedClash,
            date: today.to_string(),
            date_end: today.to_string(),
            between: false,
            precision: DatePrecision::Day,
            time_of_day: String::new(),
            latitude: String::new(),
            longitude: String::new(),
            location_precision: LocationPrecision::Exact,
            place_name: String::new(),
            country: None,
            admin1: String::new(),
            admin2: String::new(),
            side: Side::Unknown,
            casualties: Vec::new(),
            claims: Vec::new(),
            source_ids: Vec::new(),
            notes: String::new(),
            tags: String::new(),
            new_actors: Vec::new(),
            new_sources: Vec::new(),
            external_id: None,
            provenance: None,
        }
    }

    /// A draft that edits a stored record.
    pub fn edit(incident: &Incident, actors: &ActorDirectory) -> Draft {
        let mut draft = Draft::copy_of(incident, actors);
        draft.id = incident.id;
        draft.editing_version = Some(incident.version);
        draft.external_id = incident.external_id.clone();
        draft.provenance = incident.provenance.clone();
        draft
    }

    /// A new record with every field of `incident` (duplicate as new).
    pub fn copy_of(incident: &Incident, actors: &ActorDirectory) -> Draft {
        let date = &incident.date;
        let between = interval(date.start, date.precision) != (date.start, date.end);
        Draft {
            id: Uuid::now_v7(),
            editing_version: None,
            title: incident.title.clone(),
            summary: incident.summary.clone(),
            event_type: incident.event_type,
            date: date.start.to_string(),
            date_end: date.end.to_string(),
            between,
            precision: date.precision,
            time_of_day: date
                .time_of_day
                .map(|t| t.strftime("%H:%M").to_string())
                .unwrap_or_default(),
            latitude: format!("{}", incident.location.lat),
            longitude: format!("{}", incident.location.lon),
            location_precision: incident.location.precision,
            place_name: incident.location.place_name.clone(),
            country: incident.location.country,
            admin1: incident.location.admin1.clone().unwrap_or_default(),
            admin2: incident.location.admin2.clone().unwrap_or_default(),
            side: incident.location.side,
            casualties: incident
                .casualties
                .iter()
                .map(|c| CasualtyDraft {
                    nationality: c.nationality,
                    role: c.role,
                    killed: c.killed.to_string(),
                    wounded: c.wounded.to_string(),
                    figure: c.figure,
                })
                .collect(),
            claims: incident
                .claims
                .iter()
                .map(|c| ClaimDraft {
                    actor: actors
                        .get(c.actor_id)
                        .map(|a| a.name.clone())
                        .unwrap_or_else(|| c.actor_id.to_string()),
                    claimant: c.claimant,
                    claimant_name: c.claimant_name.clone(),
                    stance: c.stance,
                    confidence: c.confidence,
                    source_id: c.source_id,
                    note: c.note.clone(),
                })
                .collect(),
            source_ids: incident.source_ids.clone(),
            notes: incident.notes.clone(),
            tags: incident.tags.join(", "),
            new_actors: Vec::new(),
            new_sources: Vec::new(),
            external_id: None,
            provenance: None,
        }
    }

    /// The actor a claim's typed name stands for: a known actor or alias,
    /// or one created in this form.
    pub fn resolve_actor<'a>(
        &'a self,
        name: &str,
        actors: &'a ActorDirectory,
    ) -> Option<&'a Actor> {
        let name = name.trim();
        if name.is_empty() {
            return None;
        }
        actors
            .resolve(name)
            .or_else(|| self.new_actors.iter().find(|a| a.answers_to(name)))
            .or_else(|| Uuid::parse_str(name).ok().and_then(|id| actors.get(id)))
    }

    /// The dates as they will be stored.
    pub fn dates(&self) -> Result<(Date, Date), Vec<FieldError>> {
        let start = parse_date(&self.date).map_err(|m| vec![field_error("date", m)])?;
        if !self.between {
            return Ok(interval(start, self.precision));
        }
        let end = parse_date(&self.date_end).map_err(|m| vec![field_error("date_end", m)])?;
        if end < start {
            return Err(vec![field_error(
                "date_end",
                tr!(
                    "form-error-ends-before-start",
                    end = end.to_string(),
                    start = start.to_string()
                ),
            )]);
        }
        Ok((start, end))
    }

    /// The point typed, if both coordinates read.
    pub fn point(&self) -> Option<(f64, f64)> {
        let lat = parse_coordinate(&self.latitude, Axis::Latitude).ok()?;
        let lon = parse_coordinate(&self.longitude, Axis::Longitude).ok()?;
        Some((lon, lat))
    }

    /// Checks every field; the record when nothing stops it.
    pub fn check(&self, actors: &ActorDirectory, now: jiff::Timestamp) -> Checked {
        let mut errors = Vec::new();
        let mut warnings = Vec::new();
        if self.title.trim().is_empty() {
            errors.push(field_error("title", tr!("form-error-title-required")));
        }
        let dates = match self.dates() {
            Ok(dates) => Some(dates),
            Err(mut e) => {
                errors.append(&mut e);
                None
            }
        };
        let time_of_day = match self.time_of_day.trim() {
            "" => None,
            text => match Time::strptime("%H:%M", text) {
                Ok(t) => Some(t),
                Err(_) => {
                    errors.push(field_error(
                        "time_of_day",
                        tr!("form-error-not-a-time", text = text),
                    ));
                    None
                }
            },
        };
        let lat = parse_coordinate(&self.latitude, Axis::Latitude)
            .map_err(|m| errors.push(field_error("latitude", m)))
            .ok();
        let lon = parse_coordinate(&self.longitude, Axis::Longitude)
            .map_err(|m| errors.push(field_error("longitude", m)))
            .ok();
        if let (Some(lat), Some(lon)) = (lat, lon)
            && (!(REGION[0]..=REGION[2]).contains(&lon) || !(REGION[1]..=REGION[3]).contains(&lat))
        {
            warnings.push(field_error(
                "latitude",
                tr!(
                    "form-warning-far-away",
                    lat = format!("{lat:.4}"),
                    lon = format!("{lon:.4}")
                ),
            ));
        }
        let mut casualties = Vec::new();
        for (n, row) in self.casualties.iter().enumerate() {
            let killed = parse_count(&row.killed)
                .map_err(|m| errors.push(field_error(&format!("casualty{n}.killed"), m)))
                .ok();
            let wounded = parse_count(&row.wounded)
                .map_err(|m| errors.push(field_error(&format!("casualty{n}.wounded"), m)))
                .ok();
            if let (Some(killed), Some(wounded)) = (killed, wounded) {
                if killed == 0 && wounded == 0 {
                    warnings.push(field_error(
                        &format!("casualty{n}.killed"),
                        tr!("form-warning-no-one"),
                    ));
                }
                casualties.push(Casualty {
                    nationality: row.nationality,
                    role: row.role,
                    killed,
                    wounded,
                    figure: row.figure,
                });
            }
        }
        let mut claims = Vec::new();
        for (n, row) in self.claims.iter().enumerate() {
            let field = format!("claim{n}.actor");
            if row.actor.trim().is_empty() {
                errors.push(field_error(&field, tr!("form-error-claim-needs-actor")));
                continue;
            }
            match self.resolve_actor(&row.actor, actors) {
                Some(actor) => claims.push(Claim {
                    actor_id: actor.id,
                    claimant: row.claimant,
                    claimant_name: row.claimant_name.trim().to_string(),
                    stance: row.stance,
                    confidence: row.confidence,
                    source_id: row.source_id,
                    note: row.note.trim().to_string(),
                }),
                None => errors.push(field_error(
                    &field,
                    tr!("form-error-no-such-actor", name = row.actor.trim()),
                )),
            }
        }
        let incident = match (errors.is_empty(), dates, lat, lon) {
            (true, Some((start, end)), Some(lat), Some(lon)) => {
                let location = Location {
                    lat,
                    lon,
                    precision: self.location_precision,
                    place_name: self.place_name.trim().to_string(),
                    country: self.country,
                    admin1: Some(self.admin1.trim().to_string()).filter(|s| !s.is_empty()),
                    admin2: Some(self.admin2.trim().to_string()).filter(|s| !s.is_empty()),
                    side: self.side,
                    border_km: None,
                };
                let mut incident = Incident::new(
                    self.title.trim(),
                    self.event_type,
                    IncidentDate {
                        start,
                        end,
                        precision: self.precision,
                        time_of_day,
                    },
                    location,
                );
                incident.id = self.id;
                incident.created_at = now;
                incident.updated_at = now;
                incident.version = self.editing_version.unwrap_or(1);
                incident.summary = self.summary.trim().to_string();
                incident.notes = self.notes.trim().to_string();
                incident.tags = self
                    .tags
                    .split(',')
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(str::to_string)
                    .collect();
                incident.casualties = casualties;
                incident.claims = claims;
                incident.source_ids = self.source_ids.clone();
                incident.external_id = self.external_id.clone();
                incident.provenance = self.provenance.clone();
                let mut model_errors = incident.validate();
                if model_errors.is_empty() {
                    Some(incident)
                } else {
                    errors.append(&mut model_errors);
                    None
                }
            }
            _ => None,
        };
        Checked {
            incident,
            errors,
            warnings,
        }
    }

    /// People killed and wounded over the rows that read.
    /// Killed and wounded added up, each with whether it is only a
    /// minimum (an "at least" row gave some of it).
    pub fn totals(&self) -> ((u64, bool), (u64, bool)) {
        let mut killed = (0u64, false);
        let mut wounded = (0u64, false);
        for row in &self.casualties {
            let minimum = row.figure == Figure::Minimum;
            for (total, count) in [(&mut killed, &row.killed), (&mut wounded, &row.wounded)] {
                let n = parse_count(count).unwrap_or(0);
                total.0 += u64::from(n);
                total.1 |= minimum && n > 0;
            }
        }
        (killed, wounded)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ActorKind;
    use jiff::civil::date;

    /// A row "at least 2 killed, 0 wounded" makes the killed a minimum and
    /// leaves the wounded a plain 0: the form said "at least 0 wounded"
    /// (issue 43, item 25).
    #[test]
    fn a_minimum_row_makes_a_minimum_only_of_what_it_counts() {
        let mut draft = Draft::new(date(2025, 11, 26));
        draft.casualties.push(CasualtyDraft {
            killed: "2".into(),
            wounded: "0".into(),
            figure: Figure::Minimum,
            ..CasualtyDraft::default()
        });
        draft.casualties.push(CasualtyDraft {
            killed: "1".into(),
            wounded: "3".into(),
            ..CasualtyDraft::default()
        });
        assert_eq!(draft.totals(), ((3, true), (3, false)));
    }

    fn actors() -> ActorDirectory {
        ActorDirectory::new([Actor {
            id: Uuid::now_v7(),
            name: "ISKP".into(),
            kind: ActorKind::ArmedGroup,
            aliases: vec!["ISIS-K".into()],
            notes: String::new(),
        }])
    }

    fn valid() -> Draft {
        let mut draft = Draft::new(date(2025, 11, 26));
        draft.title = "Drone attack".into();
        draft.latitude = "37.5".into();
        draft.longitude = "69.9".into();
        draft
    }

    #[test]
    fn precision_widens_a_date_to_what_it_stands_for() {
        let d = date(2025, 11, 26); // a Wednesday
        assert_eq!(interval(d, DatePrecision::Day), (d, d));
        assert_eq!(
            interval(d, DatePrecision::Week),
            (date(2025, 11, 24), date(2025, 11, 30))
        );
        assert_eq!(
            interval(d, DatePrecision::Month),
            (date(2025, 11, 1), date(2025, 11, 30))
        );
        assert_eq!(
            interval(d, DatePrecision::Year),
            (date(2025, 1, 1), date(2025, 12, 31))
        );
    }

    #[test]
    fn a_solar_hijri_day_is_stored_as_its_gregorian_day() {
        let mut draft = valid();
        for typed in ["5 Qaws 1404", "1404-09-05 SH", "۵ قوس ۱۴۰۴"] {
            draft.date = typed.into();
            assert_eq!(
                draft.dates().unwrap(),
                (date(2025, 11, 26), date(2025, 11, 26)),
                "{typed}"
            );
        }
        draft.date = "1404-09-05".into();
        let errors = draft.dates().unwrap_err();
        assert!(
            errors[0]
                .message
                .contains("write 1404-09-05 SH (2025-11-26)"),
            "{:?}",
            errors
        );
    }

    #[test]
    fn a_valid_draft_becomes_the_record_typed() {
        let actors = actors();
        let mut draft = valid();
        draft.casualties.push(CasualtyDraft {
            nationality: Some(CountryCode::CN),
            role: VictimRole::Worker,
            killed: "3".into(),
            wounded: " ".into(),
            figure: Figure::Minimum,
        });
        draft.claims.push(ClaimDraft {
            actor: "isis-k".into(),
            ..ClaimDraft::default()
        });
        draft.tags = "drone, mining ,".into();
        let checked = draft.check(&actors, jiff::Timestamp::now());
        assert!(checked.errors.is_empty(), "{:?}", checked.errors);
        let incident = checked.incident.unwrap();
        assert_eq!(incident.id, draft.id);
        assert_eq!(incident.casualties[0].killed, 3);
        assert_eq!(incident.casualties[0].wounded, 0);
        assert_eq!(
            incident.claims[0].actor_id,
            actors.resolve("ISKP").unwrap().id
        );
        assert_eq!(incident.tags, ["drone", "mining"]);
        assert_eq!(incident.version, 1);
    }

    #[test]
    fn each_invalid_field_is_named() {
        let actors = actors();
        let mut draft = valid();
        draft.title = " ".into();
        draft.between = true;
        draft.date_end = "2025-11-20".into();
        draft.latitude = "137".into();
        draft.casualties.push(CasualtyDraft {
            killed: "-1".into(),
            wounded: "two".into(),
            ..CasualtyDraft::default()
        });
        draft.claims.push(ClaimDraft::default());
        draft.claims.push(ClaimDraft {
            actor: "Nobody we know".into(),
            ..ClaimDraft::default()
        });
        let checked = draft.check(&actors, jiff::Timestamp::now());
        assert!(checked.incident.is_none());
        let fields: Vec<&str> = checked.errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "title",
                "date_end",
                "latitude",
                "casualty0.killed",
                "casualty0.wounded",
                "claim0.actor",
                "claim1.actor"
            ]
        );
        assert!(
            checked
                .message("date_end")
                .unwrap()
                .0
                .contains("before it starts")
        );
        assert!(
            checked
                .message("claim0.actor")
                .unwrap()
                .0
                .contains("needs an actor")
        );
    }

    #[test]
    fn far_from_the_region_warns_but_does_not_refuse() {
        let mut draft = valid();
        draft.latitude = "69.9".into();
        draft.longitude = "37.5".into();
        let checked = draft.check(&actors(), jiff::Timestamp::now());
        assert!(checked.incident.is_some());
        let (message, is_error) = checked.message("latitude").unwrap();
        assert!(!is_error);
        assert!(message.contains("swapped"));
    }

    #[test]
    fn editing_then_checking_gives_back_the_same_record() {
        let actors = actors();
        let mut draft = valid();
        draft.precision = DatePrecision::Week;
        draft.claims.push(ClaimDraft {
            actor: "ISKP".into(),
            note: "Analysts suggest ISKP.".into(),
            ..ClaimDraft::default()
        });
        draft.casualties.push(CasualtyDraft {
            killed: "2".into(),
            figure: Figure::Minimum,
            ..CasualtyDraft::default()
        });
        draft.time_of_day = "06:30".into();
        draft.summary = "Two killed".into();
        let now = jiff::Timestamp::now();
        let mut stored = draft.check(&actors, now).incident.unwrap();
        stored.external_id = Some("acled:TJK123".into());
        stored.provenance = Some(r#"{"event_id_cnty":"TJK123"}"#.into());
        let again = Draft::edit(&stored, &actors)
            .check(&actors, now)
            .incident
            .unwrap();
        assert_eq!(again, stored);
        assert!(!Draft::edit(&stored, &actors).between);
    }
}
