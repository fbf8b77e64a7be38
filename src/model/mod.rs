//! The data model: plain types with serde and validation, no I/O.
//!
//! An [`Incident`] carries its date as an interval with a precision and its
//! place as a point with a precision, so that the store never holds more
//! certainty than the source gave. Who did it is a list of [`Claim`]s, each
//! made by someone with a stance and a confidence; who died is a list of
//! [`Casualty`] rows by nationality and role.

pub mod calendar;
mod codes;
pub mod merge;
pub mod script;
pub mod source_row;

pub use codes::{
    ActorKind, Claimant, Confidence, DatePrecision, EventType, Figure, Grade, HistoryAction,
    LocationPrecision, Side, Stance, UnknownCode, VictimRole,
};

use jiff::Timestamp;
use jiff::civil::{Date, Time};
use serde::{Deserialize, Serialize};
use std::fmt;
use uuid::Uuid;

/// An ISO 3166-1 alpha-2 country code, upper case ("TJ", "AF", "CN").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CountryCode([u8; 2]);

impl CountryCode {
    pub const TJ: CountryCode = CountryCode(*b"TJ");
    pub const AF: CountryCode = CountryCode(*b"AF");
    pub const CN: CountryCode = CountryCode(*b"CN");

    /// Parses two ASCII letters, in either case.
    pub fn parse(code: &str) -> Result<Self, UnknownCode> {
        let bytes = code.trim().as_bytes();
        match bytes {
            [a, b] if a.is_ascii_alphabetic() && b.is_ascii_alphabetic() => Ok(CountryCode([
                a.to_ascii_uppercase(),
                b.to_ascii_uppercase(),
            ])),
            _ => Err(UnknownCode {
                what: "country code",
                given: code.to_string(),
                expected: "two letters of ISO 3166-1 alpha-2, e.g. TJ, AF, CN".into(),
            }),
        }
    }

    /// Whether the code is one ISO 3166-1 assigns (or XK, Kosovo, which
    /// data sets use): `XX` or `QQ` parse as two letters but name nothing.
    pub fn is_assigned(&self) -> bool {
        ASSIGNED_COUNTRY_CODES
            .split(' ')
            .any(|code| code.as_bytes() == self.0)
    }

    pub fn as_str(&self) -> &str {
        // Only ASCII letters are ever stored, so this cannot fail.
        std::str::from_utf8(&self.0).unwrap_or("??")
    }

    /// The country's name in the interface's language ("Afghanistan",
    /// "Афғонистон"), or its English name where the language has none.
    pub fn tr_name(&self) -> String {
        crate::lang::try_tr(&format!("country-{}", self.as_str()))
            .unwrap_or_else(|| self.name().to_string())
    }

    /// The English short name for the countries analysts of this region meet
    /// most; other codes show as the code itself.
    pub fn name(&self) -> &str {
        match &self.0 {
            b"AF" => "Afghanistan",
            b"TJ" => "Tajikistan",
            b"CN" => "China",
            b"RU" => "Russia",
            b"UZ" => "Uzbekistan",
            b"KG" => "Kyrgyzstan",
            b"TM" => "Turkmenistan",
            b"PK" => "Pakistan",
            b"IR" => "Iran",
            b"IN" => "India",
            b"KZ" => "Kazakhstan",
            b"US" => "United States",
            b"GB" => "United Kingdom",
            b"DE" => "Germany",
            b"TR" => "Türkiye",
            _ => self.as_str(),
        }
    }
}

/// ISO 3166-1 alpha-2, as assigned, and XK.
const ASSIGNED_COUNTRY_CODES: &str = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW XK";

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for CountryCode {
    type Err = UnknownCode;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl Serialize for CountryCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for CountryCode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        CountryCode::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// When an incident happened: somewhere in `start..=end`, told at `precision`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IncidentDate {
    pub start: Date,
    pub end: Date,
    pub precision: DatePrecision,
    /// Local time of day, only when the source gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_of_day: Option<Time>,
}

impl IncidentDate {
    /// A single known day.
    pub fn day(date: Date) -> Self {
        IncidentDate {
            start: date,
            end: date,
            precision: DatePrecision::Day,
            time_of_day: None,
        }
    }

    /// How the date reads to a person: "2025-11-26", "2025-11-27 – 2025-12-03 (week)".
    pub fn describe(&self) -> String {
        self.describe_with(|p| p.label().to_lowercase())
    }

    /// [`describe`](Self::describe) with the precision named by `precision`
    /// (the window's in its language).
    pub fn describe_with(&self, precision: impl Fn(DatePrecision) -> String) -> String {
        if self.start == self.end {
            self.start.to_string()
        } else {
            format!(
                "{} – {} ({})",
                self.start,
                self.end,
                precision(self.precision)
            )
        }
    }
}

/// Where an incident happened: a WGS84 point and how far to trust it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Location {
    pub lat: f64,
    pub lon: f64,
    pub precision: LocationPrecision,
    #[serde(default)]
    pub place_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<CountryCode>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admin1: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admin2: Option<String>,
    pub side: Side,
    /// Signed km to the Tajik–Afghan border (+ Tajik side, − Afghan side,
    /// unsigned elsewhere), worked out by the store from `lon`/`lat` on
    /// every write and never typed in; `None` until the record is stored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub border_km: Option<f64>,
}

impl Location {
    /// A point with nothing but its precision and side known.
    pub fn point(lon: f64, lat: f64, precision: LocationPrecision, side: Side) -> Location {
        Location {
            lat,
            lon,
            precision,
            place_name: String::new(),
            country: None,
            admin1: None,
            admin2: None,
            side,
            border_km: None,
        }
    }
}

/// People killed and wounded of one nationality and role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Casualty {
    /// `None` when the source does not say.
    pub nationality: Option<CountryCode>,
    pub role: VictimRole,
    pub killed: u32,
    pub wounded: u32,
    pub figure: Figure,
}

/// Somebody's statement about who did it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claim {
    pub actor_id: Uuid,
    pub claimant: Claimant,
    /// The specific body speaking, e.g. "GKNB" for the Tajik government.
    #[serde(default)]
    pub claimant_name: String,
    pub stance: Stance,
    pub confidence: Confidence,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_id: Option<Uuid>,
    #[serde(default)]
    pub note: String,
}

impl Claim {
    /// Whether this claim puts the actor forward as a perpetrator (a denial
    /// does not).
    pub fn attributes(&self) -> bool {
        self.stance != Stance::Denies
    }
}

/// A perpetrator or party that claims can name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    pub id: Uuid,
    pub name: String,
    pub kind: ActorKind,
    /// Other names the same actor goes by ("ISIS-K" for ISKP).
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub notes: String,
}

impl Actor {
    /// The id a new actor of this name gets: the same in every database,
    /// so that two analysts who each create "ISKP" make one actor, which
    /// bundles then carry as one, not two silent duplicates.
    pub fn id_for_name(name: &str) -> Uuid {
        hashed_id(&format!("panj actor\n{}", name.trim().to_lowercase()))
    }

    /// An actor that claims can identify; unidentified placeholders are not.
    pub fn is_known(&self) -> bool {
        self.kind != ActorKind::Unidentified
    }

    /// Whether `name` is this actor's name or one of its aliases (ignoring case).
    pub fn answers_to(&self, name: &str) -> bool {
        let name = name.trim();
        self.name.eq_ignore_ascii_case(name)
            || self.aliases.iter().any(|a| a.eq_ignore_ascii_case(name))
    }
}

/// A report, communiqué or dataset that records cite.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub id: Uuid,
    pub title: String,
    #[serde(default)]
    pub publisher: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<Date>,
    /// A URL or a bibliographic reference.
    #[serde(default)]
    pub reference: String,
    pub grade: Grade,
    #[serde(default)]
    pub notes: String,
}

impl Source {
    /// The id a new source gets: made from what identifies it (title,
    /// publisher, date, reference), so that two analysts who each add the
    /// same communiqué make one source, which bundles carry as one.
    pub fn id_for(title: &str, publisher: &str, published: Option<Date>, reference: &str) -> Uuid {
        let key = [
            title,
            publisher,
            &published.map(|d| d.to_string()).unwrap_or_default(),
            reference,
        ]
        .map(|part| part.trim().to_lowercase())
        .join("\n");
        hashed_id(&format!("panj source\n{key}"))
    }
}

/// An id made from `text` (SHA-256, as a UUID v8): the same wherever the
/// same thing is made, so that databases agree on it without talking.
pub fn hashed_id(text: &str) -> Uuid {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(text);
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_custom_bytes(bytes).into_uuid()
}

/// One violent incident.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Incident {
    pub id: Uuid,
    pub title: String,
    #[serde(default)]
    pub summary: String,
    pub event_type: EventType,
    pub date: IncidentDate,
    pub location: Location,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub casualties: Vec<Casualty>,
    #[serde(default)]
    pub claims: Vec<Claim>,
    /// Sources the incident cites as a whole (claims cite their own too).
    #[serde(default)]
    pub source_ids: Vec<Uuid>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deleted_at: Option<Timestamp>,
    /// Bumped by every write; a save with a stale version is refused.
    pub version: i64,
    /// The record's id in the dataset it was imported from, prefixed by
    /// the dataset ("acled:TJK1234", "ucdp:301234"): a re-import updates
    /// the record instead of adding it again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    /// The imported row as it was in the file (a JSON object of column
    /// names to text), so nothing the mapping left out is lost.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provenance: Option<String>,
}

/// A problem with one field of a record, worded for the person who typed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

impl Incident {
    /// The record as the window keeps every record in memory: the free
    /// text only one record at a time shows (summary, notes) and the
    /// imported row (provenance) are left out, and read by id when a
    /// record is shown, edited or exported. Imported records carry
    /// kilobytes of them; the lists, map, filters and statistics read none.
    pub fn listed(mut self) -> Incident {
        self.summary = String::new();
        self.notes = String::new();
        self.provenance = None;
        self
    }

    /// A new, empty record with a fresh time-ordered id.
    pub fn new(
        title: impl Into<String>,
        event_type: EventType,
        date: IncidentDate,
        location: Location,
    ) -> Self {
        let now = Timestamp::now();
        Incident {
            id: Uuid::now_v7(),
            title: title.into(),
            summary: String::new(),
            event_type,
            date,
            location,
            notes: String::new(),
            tags: Vec::new(),
            casualties: Vec::new(),
            claims: Vec::new(),
            source_ids: Vec::new(),
            created_at: now,
            updated_at: now,
            deleted_at: None,
            version: 1,
            external_id: None,
            provenance: None,
        }
    }

    /// The id a record imported from a data set gets: the same in every
    /// database that imports that record, so that bundles see one record
    /// (its two imports merge) instead of two with one data-set id. The
    /// first six bytes are the data set's own running number ("TJK1234"
    /// gives 1234) and the rest a hash: ids then sort roughly as the data
    /// set numbers its events, so an import writes its rows and indexes
    /// in order instead of all over the file (twice as fast at 200 000).
    pub fn id_for_external(external_id: &str) -> Uuid {
        let digits: String = external_id
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .take(14)
            .collect();
        let number: u64 = digits.parse().unwrap_or(0);
        let mut bytes = *hashed_id(&format!("panj import\n{external_id}")).as_bytes();
        bytes[..6].copy_from_slice(&number.min(0xFFFF_FFFF_FFFF).to_be_bytes()[2..]);
        uuid::Builder::from_custom_bytes(bytes).into_uuid()
    }

    /// People killed, all rows together (minimum figures count as given).
    pub fn killed(&self) -> u64 {
        self.casualties.iter().map(|c| u64::from(c.killed)).sum()
    }

    /// People wounded, all rows together.
    pub fn wounded(&self) -> u64 {
        self.casualties.iter().map(|c| u64::from(c.wounded)).sum()
    }

    /// Killed as people read it: "5", or "1+" when a figure is only a minimum.
    pub fn killed_label(&self) -> String {
        let plus = if self.has_minimum_figures() { "+" } else { "" };
        format!("{}{plus}", self.killed())
    }

    /// Whether any casualty figure is only a lower bound.
    pub fn has_minimum_figures(&self) -> bool {
        self.casualties.iter().any(|c| c.figure == Figure::Minimum)
    }

    /// Everything wrong with the record; empty when it may be saved.
    pub fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        let mut err = |field: &str, message: String| {
            errors.push(FieldError {
                field: field.to_string(),
                message,
            })
        };
        if self.title.trim().is_empty() {
            err("title", "a title is required".into());
        }
        if self.date.end < self.date.start {
            err(
                "date_end",
                format!(
                    "ends ({}) before it starts ({})",
                    self.date.end, self.date.start
                ),
            );
        }
        let loc = &self.location;
        if !loc.lat.is_finite() || !(-90.0..=90.0).contains(&loc.lat) {
            err(
                "latitude",
                format!("{} is not a latitude between -90 and 90", loc.lat),
            );
        }
        if !loc.lon.is_finite() || !(-180.0..=180.0).contains(&loc.lon) {
            err(
                "longitude",
                format!("{} is not a longitude between -180 and 180", loc.lon),
            );
        }
        if self.version < 1 {
            err("version", "must be 1 or more".into());
        }
        errors
    }
}

/// One immutable version of an incident: what a change (an edit, a
/// deletion, an import, a merge) made of it, who made it, where and when.
/// A record's versions form a graph through their parents; a version no
/// other version names as parent is a head. Two heads are a conflict
/// until a merge version joins them.
#[derive(Debug, Clone, PartialEq)]
pub struct Version {
    pub id: Uuid,
    pub record_id: Uuid,
    /// Sorted; empty for the version that created the record.
    pub parents: Vec<Uuid>,
    /// The analyst's name ("" when not known, as for changes made before
    /// panj kept versions).
    pub author: String,
    /// The database the version was made in (a random id per database);
    /// "merge" for a merge every database makes alike.
    pub device: String,
    pub at: Timestamp,
    pub action: HistoryAction,
    /// The record as this version left it.
    pub record: Incident,
}

impl Version {
    /// "Amina", or "someone" for a change made before names were kept.
    pub fn who(&self) -> &str {
        if self.author.is_empty() {
            "someone"
        } else {
            &self.author
        }
    }
}

const EPOCH: Date = Date::constant(1970, 1, 1);

/// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`: filters and
/// the timeline convert every incident's dates, and jiff's span arithmetic
/// is far slower than this closed form).
pub fn day_number(date: Date) -> i64 {
    let (year, month, day) = (
        i64::from(date.year()),
        i64::from(date.month()),
        i64::from(date.day()),
    );
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let shifted_month = if month > 2 { month - 3 } else { month + 9 };
    let day_of_year = (153 * shifted_month + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// Year, month and day of the date `day` days after 1970-01-01 (Hinnant's
/// `civil_from_days`, the inverse of [`day_number`]).
pub fn civil_from_day_number(day: i64) -> (i64, i64, i64) {
    let z = day + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day_of_month = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day_of_month)
}

/// Days in a month of the proleptic Gregorian calendar.
pub fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        _ => 31,
    }
}

/// The date `day` days after 1970-01-01.
pub fn date_of_day_number(day: i64) -> Date {
    let (year, month, day_of_month) = civil_from_day_number(day.clamp(-3_000_000, 3_000_000));
    Date::new(year as i16, month as i8, day_of_month as i8)
        .unwrap_or_else(|_| EPOCH.saturating_add(jiff::Span::new().days(day)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn shared_ids_are_the_same_everywhere_and_sort_as_the_data_set_numbers() {
        assert_eq!(
            Incident::id_for_external("acled:TJK1234"),
            Incident::id_for_external("acled:TJK1234")
        );
        assert_ne!(
            Incident::id_for_external("acled:TJK1234"),
            Incident::id_for_external("acled:AFG1234")
        );
        assert!(
            Incident::id_for_external("acled:TJK999") < Incident::id_for_external("acled:TJK1000")
        );
        assert_eq!(Actor::id_for_name(" ISKP "), Actor::id_for_name("iskp"));
        assert_ne!(Actor::id_for_name("ISKP"), Actor::id_for_name("ISIS-K"));
    }

    fn sample() -> Incident {
        Incident::new(
            "Clash",
            EventType::ArmedClash,
            IncidentDate::day(date(2025, 11, 26)),
            Location {
                lat: 37.5,
                lon: 69.5,
                precision: LocationPrecision::Province,
                place_name: String::new(),
                country: Some(CountryCode::TJ),
                admin1: Some("Khatlon".into()),
                admin2: None,
                side: Side::Tj,
                border_km: None,
            },
        )
    }

    #[test]
    fn day_numbers_agree_with_jiff() {
        for d in [
            date(1900, 3, 1),
            date(1969, 12, 31),
            date(1970, 1, 1),
            date(2000, 2, 29),
            date(2024, 12, 31),
            date(2025, 3, 1),
        ] {
            let by_jiff = i64::from(EPOCH.until(d).unwrap().get_days());
            assert_eq!(day_number(d), by_jiff, "{d}");
            assert_eq!(date_of_day_number(day_number(d)), d);
            let (y, m, dd) = civil_from_day_number(day_number(d));
            assert_eq!(
                (y, m, dd),
                (
                    i64::from(d.year()),
                    i64::from(d.month()),
                    i64::from(d.day())
                )
            );
            assert_eq!(days_in_month(y, m), i64::from(d.days_in_month()));
        }
    }

    #[test]
    fn country_codes_normalize_and_reject_junk() {
        assert_eq!(CountryCode::parse("cn").unwrap(), CountryCode::CN);
        assert_eq!(CountryCode::CN.name(), "China");
        assert!(CountryCode::parse("CHN").is_err());
        assert!(CountryCode::parse("1A").is_err());
    }

    #[test]
    fn validation_names_the_field() {
        let mut i = sample();
        assert!(i.validate().is_empty());
        i.date.end = date(2025, 11, 1);
        i.location.lat = f64::NAN;
        i.title = "  ".into();
        let fields: Vec<_> = i.validate().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["title", "date_end", "latitude"]);
    }

    #[test]
    fn incident_round_trips_through_json() {
        let mut i = sample();
        i.casualties.push(Casualty {
            nationality: Some(CountryCode::CN),
            role: VictimRole::Worker,
            killed: 1,
            wounded: 0,
            figure: Figure::Minimum,
        });
        let json = serde_json::to_string(&i).unwrap();
        assert!(json.contains("\"CN\""));
        let back: Incident = serde_json::from_str(&json).unwrap();
        assert_eq!(back, i);
        assert_eq!(back.killed(), 1);
        assert!(back.has_minimum_figures());
    }

    #[test]
    fn actors_answer_to_aliases_ignoring_case() {
        let a = Actor {
            id: Uuid::now_v7(),
            name: "ISKP".into(),
            kind: ActorKind::ArmedGroup,
            aliases: vec!["ISIS-K".into(), "Islamic State Khorasan Province".into()],
            notes: String::new(),
        };
        assert!(a.answers_to("isis-k"));
        assert!(a.answers_to(" ISKP "));
        assert!(!a.answers_to("Taliban"));
    }
}
