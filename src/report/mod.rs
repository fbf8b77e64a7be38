//! Situation reports: the incidents of a filter as a briefing an analyst
//! can send — title block, key figures, the map, a timeline, the incident
//! list, the sources with their grades, caveats drawn from the data, and a
//! manifest to reproduce it.
//!
//! [`Report::build`] works out the contents from records (no drawing, no
//! I/O); `html` writes them as one self-contained HTML file. The map
//! pictures come from the caller (`ui::map_picture`), already encoded.
//! Figures never claim more than the sources do: a total that includes a
//! minimum reads "at least N", an imprecise date or place says so.

pub mod html;
pub mod pdf;
mod prepared;

pub use prepared::{PictureMaker, PreparedReport, ReportInputs};

use crate::filter::{ActorDirectory, Filter, leading_claim};
use crate::model::{
    Confidence, DatePrecision, Figure, Grade, Incident, LocationPrecision, Source, VictimRole,
};
use jiff::civil::Date;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};
use uuid::Uuid;

/// What the analyst chooses for the title block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportOptions {
    pub title: String,
    pub author: String,
    /// "For internal use", printed at the top and bottom of every page.
    pub classification: String,
    pub paper: Paper,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions {
            title: "Incidents along the Tajik–Afghan border".into(),
            author: String::new(),
            classification: "For internal use".into(),
            paper: Paper::A4,
        }
    }
}

/// The file a report is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ReportFormat {
    /// One self-contained HTML file (pictures embedded) that prints well
    #[default]
    Html,
    /// A PDF laid out for the paper chosen, fonts embedded, text selectable
    Pdf,
}

impl ReportFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ReportFormat::Html => "html",
            ReportFormat::Pdf => "pdf",
        }
    }
}

/// The page size a printed report is laid out for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Paper {
    #[default]
    A4,
    Letter,
}

impl Paper {
    pub fn css(self) -> &'static str {
        match self {
            Paper::A4 => "A4",
            Paper::Letter => "letter",
        }
    }
}

/// A count of people, honest about minimums: "5", or "at least 5".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Toll {
    pub people: u64,
    /// Some figure in the total is only a lower bound.
    pub at_least: bool,
}

impl Toll {
    fn add(&mut self, people: u32, figure: Figure) {
        self.people += u64::from(people);
        if figure == Figure::Minimum && people > 0 {
            self.at_least = true;
        }
    }
}

impl std::fmt::Display for Toll {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.at_least {
            write!(f, "at least {}", self.people)
        } else {
            write!(f, "{}", self.people)
        }
    }
}

/// Killed and wounded of one nationality (or "not stated").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NationalityRow {
    pub nationality: String,
    pub incidents: usize,
    pub killed: Toll,
    pub wounded: Toll,
}

/// Incidents whose leading claim names one actor at one confidence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PerpetratorRow {
    pub actor: String,
    /// "possible", "confirmed"…; empty for the unattributed.
    pub confidence: String,
    pub incidents: usize,
    pub killed: Toll,
}

/// One incident as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportIncident {
    pub id: Uuid,
    pub short_id: String,
    pub title: String,
    /// "2025-11-27 – 2025-12-03 (week)".
    pub date: String,
    /// "Tajikistan (site not given) — country / side only".
    pub place: String,
    pub event_type: String,
    /// "CN worker: 1 killed (at least)"; one entry a casualty row.
    pub casualties: Vec<String>,
    /// "Media (Asia-Plus) accuses: ISKP (possible) [a1b2c3d4]".
    pub claims: Vec<String>,
    /// Short ids of the sources cited, as the source list shows them.
    pub sources: Vec<String>,
}

/// A source cited by the incidents of the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportSource {
    pub short_id: String,
    pub title: String,
    pub publisher: String,
    pub published: Option<Date>,
    pub reference: String,
    /// "F", with its meaning beside it in the list.
    pub grade: Grade,
    pub cited_by: usize,
}

/// Incidents counted in one bar of the timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineBar {
    pub start: Date,
    /// Dated to the day or to a span inside the bar.
    pub within: usize,
    /// Known only to a span wider than the bar (drawn at the span's start,
    /// lighter).
    pub wider: usize,
}

/// What the footer says so that the report can be made again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Manifest {
    pub panj: String,
    pub generated: String,
    /// The filter as JSON.
    pub filter: String,
    /// SHA-256 of the reported records (sorted by id, as panj stores them).
    pub data_sha256: String,
    pub incidents: usize,
}

/// Everything a report shows, worked out from the records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub options: ReportOptions,
    /// The filter in words ("Victims: CN"), or "none".
    pub filter_words: String,
    /// "2025-11-01 – 2025-12-31", from the filter or the incidents.
    pub period: String,
    pub incidents: Vec<ReportIncident>,
    pub killed: Toll,
    pub wounded: Toll,
    pub by_nationality: Vec<NationalityRow>,
    pub by_perpetrator: Vec<PerpetratorRow>,
    pub sources: Vec<ReportSource>,
    pub timeline: Vec<TimelineBar>,
    /// "day", "week" or "month": what one timeline bar spans.
    pub timeline_step: &'static str,
    pub caveats: Vec<String>,
    pub manifest: Manifest,
}

fn short(id: Uuid) -> String {
    let text = id.simple().to_string();
    text[text.len() - 8..].to_string()
}

impl Report {
    /// The report of `incidents` (those the filter keeps, in the order to
    /// list them), with `filter_words` describing `filter`.
    pub fn build(
        incidents: &[&Incident],
        actors: &ActorDirectory,
        sources: &BTreeMap<Uuid, Source>,
        filter: &Filter,
        filter_words: &str,
        options: ReportOptions,
    ) -> Report {
        let mut killed = Toll::default();
        let mut wounded = Toll::default();
        let mut by_nationality: BTreeMap<String, NationalityRow> = BTreeMap::new();
        let mut by_perpetrator: BTreeMap<(String, String), PerpetratorRow> = BTreeMap::new();
        let mut cited: BTreeMap<Uuid, usize> = BTreeMap::new();
        let mut listed = Vec::with_capacity(incidents.len());
        for incident in incidents {
            let mut incident_killed = Toll::default();
            let mut seen_here = BTreeSet::new();
            for c in &incident.casualties {
                killed.add(c.killed, c.figure);
                wounded.add(c.wounded, c.figure);
                incident_killed.add(c.killed, c.figure);
                let name = c
                    .nationality
                    .map_or_else(|| "Not stated".to_string(), |n| n.name().to_string());
                let row = by_nationality
                    .entry(name.clone())
                    .or_insert_with(|| NationalityRow {
                        nationality: name.clone(),
                        incidents: 0,
                        killed: Toll::default(),
                        wounded: Toll::default(),
                    });
                if seen_here.insert(name) {
                    row.incidents += 1;
                }
                row.killed.add(c.killed, c.figure);
                row.wounded.add(c.wounded, c.figure);
            }
            let (actor, confidence) = match leading_claim(incident, actors) {
                Some((actor, confidence)) => {
                    (actor.name.clone(), confidence.label().to_lowercase())
                }
                None => ("Unattributed".to_string(), String::new()),
            };
            let row = by_perpetrator
                .entry((actor.clone(), confidence.clone()))
                .or_insert_with(|| PerpetratorRow {
                    actor,
                    confidence,
                    incidents: 0,
                    killed: Toll::default(),
                });
            row.incidents += 1;
            row.killed.people += incident_killed.people;
            row.killed.at_least |= incident_killed.at_least;
            let mut cites: BTreeSet<Uuid> = incident.source_ids.iter().copied().collect();
            cites.extend(incident.claims.iter().filter_map(|c| c.source_id));
            for id in &cites {
                *cited.entry(*id).or_default() += 1;
            }
            listed.push(list_entry(incident, actors, sources, &cites));
        }
        let mut by_nationality: Vec<NationalityRow> = by_nationality.into_values().collect();
        by_nationality.sort_by(|a, b| {
            (a.nationality == "Not stated")
                .cmp(&(b.nationality == "Not stated"))
                .then(b.killed.people.cmp(&a.killed.people))
                .then(b.incidents.cmp(&a.incidents))
        });
        let mut by_perpetrator: Vec<PerpetratorRow> = by_perpetrator.into_values().collect();
        by_perpetrator.sort_by(|a, b| {
            (a.actor == "Unattributed")
                .cmp(&(b.actor == "Unattributed"))
                .then(b.incidents.cmp(&a.incidents))
                .then(a.actor.cmp(&b.actor))
        });
        let mut report_sources: Vec<ReportSource> = cited
            .iter()
            .filter_map(|(id, n)| {
                sources.get(id).map(|s| ReportSource {
                    short_id: short(s.id),
                    title: s.title.clone(),
                    publisher: s.publisher.clone(),
                    published: s.published,
                    reference: s.reference.clone(),
                    grade: s.grade,
                    cited_by: *n,
                })
            })
            .collect();
        report_sources.sort_by(|a, b| a.grade.cmp(&b.grade).then(a.title.cmp(&b.title)));
        let (timeline, timeline_step) = timeline(incidents);
        Report {
            filter_words: if filter_words.is_empty() {
                "none".into()
            } else {
                filter_words.to_string()
            },
            period: period(filter, incidents),
            incidents: listed,
            killed,
            wounded,
            by_nationality,
            by_perpetrator,
            sources: report_sources,
            timeline,
            timeline_step,
            caveats: caveats(incidents),
            manifest: manifest(filter, incidents),
            options,
        }
    }
}

fn list_entry(
    incident: &Incident,
    actors: &ActorDirectory,
    sources: &BTreeMap<Uuid, Source>,
    cites: &BTreeSet<Uuid>,
) -> ReportIncident {
    let l = &incident.location;
    let casualties = incident
        .casualties
        .iter()
        .map(|c| {
            let nationality = c
                .nationality
                .as_ref()
                .map_or("Nationality not stated", |n| n.name());
            let who = if c.role == VictimRole::Unknown {
                nationality.to_string()
            } else {
                format!("{nationality}, {}", c.role.label().to_lowercase())
            };
            let mut parts = Vec::new();
            if c.killed > 0 || c.wounded == 0 {
                parts.push(format!("{} killed", c.killed));
            }
            if c.wounded > 0 {
                parts.push(format!("{} wounded", c.wounded));
            }
            let minimum = if c.figure == Figure::Minimum {
                " (at least)"
            } else {
                ""
            };
            format!("{who}: {}{minimum}", parts.join(", "))
        })
        .collect();
    let claims = incident
        .claims
        .iter()
        .map(|c| {
            let actor = actors
                .get(c.actor_id)
                .map_or("unknown actor", |a| a.name.as_str());
            let claimant = if c.claimant_name.is_empty() {
                c.claimant.label().to_string()
            } else {
                format!("{} ({})", c.claimant.label(), c.claimant_name)
            };
            let source = c
                .source_id
                .filter(|id| sources.contains_key(id))
                .map(|id| format!(" [{}]", short(id)))
                .unwrap_or_default();
            format!(
                "{claimant} {}: {actor} ({}){source}",
                c.stance.label().to_lowercase(),
                c.confidence.label().to_lowercase()
            )
        })
        .collect();
    ReportIncident {
        id: incident.id,
        short_id: short(incident.id),
        title: incident.title.clone(),
        date: incident.date.describe(),
        place: format!(
            "{} — {}",
            if l.place_name.is_empty() {
                format!("{:.3}, {:.3}", l.lat, l.lon)
            } else {
                l.place_name.clone()
            },
            l.precision.label().to_lowercase()
        ),
        event_type: incident.event_type.label().to_string(),
        casualties,
        claims,
        sources: cites
            .iter()
            .filter(|id| sources.contains_key(id))
            .map(|id| short(*id))
            .collect(),
    }
}

/// The filter's dates, or else the span of the incidents' intervals.
fn period(filter: &Filter, incidents: &[&Incident]) -> String {
    let first = incidents.iter().map(|i| i.date.start).min();
    let last = incidents.iter().map(|i| i.date.end).max();
    let from = filter.date_from.or(first);
    let to = filter.date_to.or(last);
    match (from, to) {
        (Some(a), Some(b)) if a == b => a.to_string(),
        (Some(a), Some(b)) => format!("{a} – {b}"),
        _ => "no incidents".into(),
    }
}

/// Bars of a day, a week or a month, whichever gives at most about 60
/// over the incidents' span; each incident counted once, at its start.
fn timeline(incidents: &[&Incident]) -> (Vec<TimelineBar>, &'static str) {
    let (Some(first), Some(last)) = (
        incidents.iter().map(|i| i.date.start).min(),
        incidents.iter().map(|i| i.date.start).max(),
    ) else {
        return (Vec::new(), "day");
    };
    let days = (last - first).get_days().max(0) + 1;
    let (step, precision) = if days <= 60 {
        ("day", DatePrecision::Day)
    } else if days <= 420 {
        ("week", DatePrecision::Week)
    } else {
        ("month", DatePrecision::Month)
    };
    let bar_of = |d: Date| -> Date {
        match step {
            "day" => d,
            "week" => d
                .checked_sub(jiff::Span::new().days(i64::from(d.weekday().to_monday_zero_offset())))
                .unwrap_or(d),
            _ => d.first_of_month(),
        }
    };
    let mut bars: BTreeMap<Date, TimelineBar> = BTreeMap::new();
    let mut cursor = bar_of(first);
    let end = bar_of(last);
    while cursor <= end {
        bars.insert(
            cursor,
            TimelineBar {
                start: cursor,
                within: 0,
                wider: 0,
            },
        );
        let next = match step {
            "day" => cursor.tomorrow(),
            "week" => cursor.checked_add(jiff::Span::new().days(7)),
            _ => cursor.checked_add(jiff::Span::new().months(1)),
        };
        match next {
            Ok(next) => cursor = next,
            Err(_) => break,
        }
    }
    for incident in incidents {
        let bar = bar_of(incident.date.start);
        if let Some(b) = bars.get_mut(&bar) {
            if bar_of(incident.date.end) == bar && incident.date.precision <= precision {
                b.within += 1;
            } else {
                b.wider += 1;
            }
        }
    }
    (bars.into_values().collect(), step)
}

/// What the reader must know before trusting the figures, from the data.
fn caveats(incidents: &[&Incident]) -> Vec<String> {
    let n = incidents.len();
    if n == 0 {
        return vec!["No incident matches the filter.".into()];
    }
    let count = |f: &dyn Fn(&Incident) -> bool| incidents.iter().filter(|i| f(i)).count();
    let week_or_month =
        count(&|i| matches!(i.date.precision, DatePrecision::Week | DatePrecision::Month));
    let year = count(&|i| i.date.precision == DatePrecision::Year);
    let province_or_country = count(&|i| {
        matches!(
            i.location.precision,
            LocationPrecision::Province | LocationPrecision::Country
        )
    });
    let no_claim = count(&|i| i.claims.is_empty());
    let minimums = count(&|i| i.has_minimum_figures());
    let no_nationality = count(&|i| i.casualties.iter().any(|c| c.nationality.is_none()));
    let unconfirmed = count(&|i| {
        !i.claims.is_empty() && i.claims.iter().all(|c| c.confidence < Confidence::Likely)
    });
    let of = |k: usize, what: &str| format!("{k} of {n} {what}");
    let mut lines = vec![format!(
        "Dates: {} known only to a week or a month{}; they are shown as intervals, never as a day.",
        of(week_or_month, "incidents are"),
        if year > 0 {
            format!(", {year} only to a year")
        } else {
            String::new()
        }
    )];
    lines.push(format!(
        "Places: {} placed only to a province or a country; their points stand for an area.",
        of(province_or_country, "incidents are")
    ));
    lines.push(format!(
        "Attribution: {} no claim of responsibility or attribution; {} only possible or unknown attributions.",
        of(no_claim, "incidents have"),
        of(unconfirmed, "have")
    ));
    if minimums > 0 || no_nationality > 0 {
        lines.push(format!(
            "Casualties: {} give only minimum figures (totals read \"at least\"); {} casualties of unstated nationality.",
            of(minimums, "incidents"),
            of(no_nationality, "incidents count")
        ));
    }
    lines
}

fn manifest(filter: &Filter, incidents: &[&Incident]) -> Manifest {
    let mut sorted: Vec<&&Incident> = incidents.iter().collect();
    sorted.sort_by_key(|i| i.id);
    let mut hash = Sha256::new();
    for incident in sorted {
        // The record as stored in versions: no row counter, no derived distance.
        let mut normal = (*incident).clone();
        normal.version = 1;
        normal.location.border_km = None;
        hash.update(serde_json::to_vec(&normal).unwrap_or_default());
        hash.update(b"\n");
    }
    Manifest {
        panj: crate::build_info::VERSION_LINE.to_string(),
        generated: jiff::Zoned::now().strftime("%Y-%m-%d %H:%M %Z").to_string(),
        filter: serde_json::to_string(filter).unwrap_or_default(),
        data_sha256: format!("{:x}", hash.finalize()),
        incidents: incidents.len(),
    }
}

#[cfg(test)]
mod tests;
