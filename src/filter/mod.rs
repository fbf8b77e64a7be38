//! What an analyst asks for, and which incidents answer.
//!
//! A [`Filter`] is a set of facets. Facets combine with AND; the choices
//! inside one facet combine with OR; an empty facet does not constrain. The
//! rules, which [`Filter::matches`] states in code and the store's SQL must
//! reproduce exactly:
//!
//! - **Date**: an incident's date is an interval. By default it matches when
//!   the interval overlaps `[from, to]`; with [`DateMode::Within`] only when it
//!   lies wholly inside. An open bound is unbounded.
//! - **Perpetrator**: matches when any claim names a chosen actor with
//!   confidence at or above `min_confidence`. Denials do not name a
//!   perpetrator. [`Perpetrator::Unattributed`] matches incidents where no such
//!   claim names a *known* actor (placeholders like "unidentified armed
//!   groups" are not known actors), so that at any threshold every incident is
//!   either attributed to someone or unattributed. Aliases are resolved to
//!   actors before filtering (see [`ActorDirectory::resolve`]).
//! - **Victims**: matches when any casualty row of a chosen nationality
//!   (`None` = unknown) and a chosen role has killed > 0 or wounded > 0, or
//!   killed > 0 with `killed_only`.
//! - Event type, side of the border, province (admin1, ignoring case),
//!   minimum fatalities (sum of killed), text (every word is a prefix of a
//!   word of the title, summary, notes or place names) and a map rectangle.
//! - Deleted incidents never match, except in the trash view, which shows
//!   deleted incidents only.

use crate::model::{Actor, Confidence, CountryCode, EventType, Incident, Side, VictimRole};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap};
use uuid::Uuid;

pub mod duplicates;
pub mod facets;
pub mod words;

/// How the date range is applied.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum DateMode {
    /// The incident's interval overlaps the range.
    #[default]
    Overlaps,
    /// The incident's interval lies wholly inside the range.
    Within,
}

/// A choice in the perpetrator facet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Perpetrator {
    Actor(Uuid),
    /// No claim names a known actor.
    Unattributed,
}

/// A WGS84 rectangle (inclusive).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct BBox {
    pub min_lon: f64,
    pub min_lat: f64,
    pub max_lon: f64,
    pub max_lat: f64,
}

impl BBox {
    pub fn contains(&self, lon: f64, lat: f64) -> bool {
        (self.min_lon..=self.max_lon).contains(&lon) && (self.min_lat..=self.max_lat).contains(&lat)
    }
}

/// Which incidents an analyst wants to see.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Filter {
    pub date_from: Option<Date>,
    pub date_to: Option<Date>,
    pub date_mode: DateMode,
    pub perpetrators: BTreeSet<Perpetrator>,
    pub min_confidence: Confidence,
    /// `None` stands for "nationality unknown".
    pub nationalities: BTreeSet<Option<CountryCode>>,
    pub victim_roles: BTreeSet<VictimRole>,
    pub killed_only: bool,
    pub event_types: BTreeSet<EventType>,
    pub sides: BTreeSet<Side>,
    /// First-level divisions, compared ignoring case.
    pub provinces: BTreeSet<String>,
    pub min_fatalities: Option<u64>,
    pub text: String,
    pub bbox: Option<BBox>,
    /// Only incidents at most this many km from the Tajik–Afghan border,
    /// on either side.
    pub max_border_km: Option<f64>,
    /// Show deleted incidents only (the trash), instead of live ones only.
    pub trash: bool,
}

/// The actors known to a database, for resolving names and aliases and for
/// telling known actors from placeholders.
#[derive(Debug, Clone, Default)]
pub struct ActorDirectory {
    by_id: HashMap<Uuid, Actor>,
}

impl ActorDirectory {
    pub fn new(actors: impl IntoIterator<Item = Actor>) -> Self {
        ActorDirectory {
            by_id: actors.into_iter().map(|a| (a.id, a)).collect(),
        }
    }

    pub fn get(&self, id: Uuid) -> Option<&Actor> {
        self.by_id.get(&id)
    }

    /// The actor whose name or alias is `name`, ignoring case.
    pub fn resolve(&self, name: &str) -> Option<&Actor> {
        self.by_id.values().find(|a| a.answers_to(name))
    }

    /// Whether claims naming `id` attribute the incident to someone.
    pub fn is_known(&self, id: Uuid) -> bool {
        self.get(id).is_some_and(Actor::is_known)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Actor> {
        self.by_id.values()
    }
}

impl Filter {
    /// The rule the module documentation states, for one incident.
    pub fn matches(&self, incident: &Incident, actors: &ActorDirectory) -> bool {
        if incident.deleted_at.is_some() != self.trash {
            return false;
        }
        self.matches_ranges(incident)
            && self.matches_perpetrator(incident, actors)
            && self.matches_victims(incident)
            && self.matches_event_type(incident)
            && self.matches_side(incident)
            && self.matches_province(incident)
            && self.matches_text(incident)
    }

    pub(crate) fn matches_date(&self, incident: &Incident) -> bool {
        let (start, end) = (incident.date.start, incident.date.end);
        match self.date_mode {
            DateMode::Overlaps => {
                self.date_to.is_none_or(|to| start <= to)
                    && self.date_from.is_none_or(|from| end >= from)
            }
            DateMode::Within => {
                self.date_from.is_none_or(|from| start >= from)
                    && self.date_to.is_none_or(|to| end <= to)
            }
        }
    }

    pub(crate) fn matches_perpetrator(&self, incident: &Incident, actors: &ActorDirectory) -> bool {
        if self.perpetrators.is_empty() {
            return true;
        }
        let credible = || {
            incident
                .claims
                .iter()
                .filter(|c| c.attributes() && c.confidence >= self.min_confidence)
        };
        self.perpetrators.iter().any(|choice| match choice {
            Perpetrator::Actor(id) => credible().any(|c| c.actor_id == *id),
            Perpetrator::Unattributed => !credible().any(|c| actors.is_known(c.actor_id)),
        })
    }

    pub(crate) fn matches_victims(&self, incident: &Incident) -> bool {
        if self.nationalities.is_empty() && self.victim_roles.is_empty() && !self.killed_only {
            return true;
        }
        incident.casualties.iter().any(|c| {
            (self.nationalities.is_empty() || self.nationalities.contains(&c.nationality))
                && (self.victim_roles.is_empty() || self.victim_roles.contains(&c.role))
                && self.counts_as_victim(c)
        })
    }

    pub(crate) fn matches_province(&self, incident: &Incident) -> bool {
        self.provinces.is_empty()
            || incident
                .location
                .admin1
                .as_deref()
                .is_some_and(|p| self.provinces.iter().any(|q| q.eq_ignore_ascii_case(p)))
    }

    fn matches_text(&self, incident: &Incident) -> bool {
        TextQuery::new(&self.text).matches(&search_haystack(incident))
    }

    pub(crate) fn matches_event_type(&self, incident: &Incident) -> bool {
        self.event_types.is_empty() || self.event_types.contains(&incident.event_type)
    }

    pub(crate) fn matches_side(&self, incident: &Incident) -> bool {
        self.sides.is_empty() || self.sides.contains(&incident.location.side)
    }

    /// The rules that have no checklist in the filter panel (date, minimum
    /// fatalities, map area, border distance), text aside.
    pub(crate) fn matches_ranges(&self, incident: &Incident) -> bool {
        self.matches_date(incident) && self.matches_ranges_but_date(incident)
    }

    pub(crate) fn matches_ranges_but_date(&self, incident: &Incident) -> bool {
        self.min_fatalities
            .is_none_or(|min| incident.killed() >= min)
            && self
                .bbox
                .is_none_or(|b| b.contains(incident.location.lon, incident.location.lat))
            && self.max_border_km.is_none_or(|max| {
                incident
                    .location
                    .border_km
                    .is_some_and(|km| km.abs() <= max)
            })
    }

    /// Whether the given casualty row makes the incident a victim match
    /// for this filter's roles and `killed_only`, ignoring nationality.
    pub(crate) fn counts_as_victim(&self, casualty: &crate::model::Casualty) -> bool {
        casualty.killed > 0 || (!self.killed_only && casualty.wounded > 0)
    }

    /// Whether any rule is set (the trash switch aside).
    pub fn is_empty(&self) -> bool {
        *self
            == Filter {
                trash: self.trash,
                ..Filter::default()
            }
    }
}

/// The words of an incident that text search looks in, lower case, each
/// preceded by a space: " attack near panj khatlon".
pub fn search_haystack(incident: &Incident) -> String {
    let loc = &incident.location;
    let fields = [
        incident.title.as_str(),
        &incident.summary,
        &incident.notes,
        &loc.place_name,
        loc.admin1.as_deref().unwrap_or(""),
        loc.admin2.as_deref().unwrap_or(""),
    ];
    let mut haystack = String::new();
    for word in fields.iter().flat_map(|f| search_words(f)) {
        haystack.push(' ');
        haystack.push_str(&word);
    }
    haystack
}

/// A text rule ready to test against many haystacks: every word must be
/// the prefix of some word.
pub struct TextQuery {
    needles: Vec<String>,
}

impl TextQuery {
    pub fn new(text: &str) -> TextQuery {
        TextQuery {
            needles: search_terms(text)
                .into_iter()
                .map(|w| format!(" {w}"))
                .collect(),
        }
    }

    /// `haystack` as [`search_haystack`] makes it.
    pub fn matches(&self, haystack: &str) -> bool {
        self.needles.iter().all(|n| haystack.contains(n.as_str()))
    }
}

/// The most credible claim that names a known actor as perpetrator (the
/// first of equals wins), which colours an incident on the map; `None` when
/// the incident is unattributed.
pub fn leading_claim<'a>(
    incident: &Incident,
    actors: &'a ActorDirectory,
) -> Option<(&'a Actor, Confidence)> {
    incident
        .claims
        .iter()
        .filter(|c| c.attributes())
        .filter_map(|c| {
            actors
                .get(c.actor_id)
                .filter(|a| a.is_known())
                .map(|a| (a, c.confidence))
        })
        .fold(None, |best, (actor, confidence)| match best {
            Some((_, best_confidence)) if best_confidence >= confidence => best,
            _ => Some((actor, confidence)),
        })
}

/// "ISKP (possible)" for the leading claim, or "Unattributed".
pub fn attribution_label(incident: &Incident, actors: &ActorDirectory) -> String {
    match leading_claim(incident, actors) {
        Some((actor, confidence)) => {
            format!("{} ({})", actor.name, confidence.label().to_lowercase())
        }
        None => "Unattributed".into(),
    }
}

/// The most words a text search looks for: a pasted paragraph is not a
/// query, and each word costs a pass over every record.
pub const MAX_SEARCH_WORDS: usize = 32;

/// The words a text search looks for: each once, none that another word
/// already implies (every word must be the prefix of some word, so `pan`
/// adds nothing to `panj`), longest first (the rarest, to fail fast), at
/// most [`MAX_SEARCH_WORDS`]. The same search either way, in time linear
/// in the text.
pub fn search_terms(text: &str) -> Vec<String> {
    let mut words = search_words(text);
    words.sort_unstable_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    words.dedup();
    let mut kept: Vec<String> = Vec::new();
    for word in words {
        if !kept.iter().any(|k| k.starts_with(word.as_str())) {
            kept.push(word);
        }
        if kept.len() == MAX_SEARCH_WORDS {
            break;
        }
    }
    kept
}

/// Splits free text into lower-case words the way full-text search does:
/// runs of letters and digits.
pub fn search_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;
    use jiff::civil::date;

    struct World {
        actors: ActorDirectory,
        iskp: Uuid,
        taliban: Uuid,
        unidentified: Uuid,
    }

    fn world() -> World {
        let actor = |name: &str, kind, aliases: &[&str]| Actor {
            id: Uuid::now_v7(),
            name: name.into(),
            kind,
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            notes: String::new(),
        };
        let iskp = actor("ISKP", ActorKind::ArmedGroup, &["ISIS-K"]);
        let taliban = actor("Taliban", ActorKind::Government, &[]);
        let unidentified = actor("Unidentified armed groups", ActorKind::Unidentified, &[]);
        World {
            iskp: iskp.id,
            taliban: taliban.id,
            unidentified: unidentified.id,
            actors: ActorDirectory::new([iskp, taliban, unidentified]),
        }
    }

    fn incident(start: Date, end: Date) -> Incident {
        let mut date = IncidentDate::day(start);
        date.end = end;
        Incident::new(
            "Attack near Panj",
            EventType::ArmedClash,
            date,
            Location {
                lat: 37.2,
                lon: 69.1,
                precision: LocationPrecision::District,
                place_name: "Panj".into(),
                country: Some(CountryCode::TJ),
                admin1: Some("Khatlon".into()),
                admin2: None,
                side: Side::Tj,
                border_km: None,
            },
        )
    }

    fn claim(actor_id: Uuid, stance: Stance, confidence: Confidence) -> Claim {
        Claim {
            actor_id,
            claimant: Claimant::Analysts,
            claimant_name: String::new(),
            stance,
            confidence,
            source_id: None,
            note: String::new(),
        }
    }

    fn casualty(nationality: Option<CountryCode>, killed: u32, wounded: u32) -> Casualty {
        Casualty {
            nationality,
            role: VictimRole::Worker,
            killed,
            wounded,
            figure: Figure::Exact,
        }
    }

    #[test]
    fn date_ranges_match_overlapping_intervals() {
        let w = world();
        // A week-precision incident spanning 27 Nov – 3 Dec.
        let i = incident(date(2025, 11, 27), date(2025, 12, 3));
        let mut f = Filter {
            date_from: Some(date(2025, 12, 1)),
            date_to: Some(date(2025, 12, 31)),
            ..Filter::default()
        };
        assert!(f.matches(&i, &w.actors), "overlaps December");
        f.date_mode = DateMode::Within;
        assert!(!f.matches(&i, &w.actors), "not wholly inside December");
        f.date_from = Some(date(2025, 11, 27));
        assert!(f.matches(&i, &w.actors), "inclusive bounds");
        f.date_mode = DateMode::Overlaps;
        f.date_from = Some(date(2025, 12, 4));
        assert!(!f.matches(&i, &w.actors), "after the interval");
        f.date_from = None;
        f.date_to = Some(date(2025, 11, 27));
        assert!(f.matches(&i, &w.actors), "touching the start counts");
        f.date_to = Some(date(2025, 11, 26));
        assert!(!f.matches(&i, &w.actors), "before the interval");
    }

    #[test]
    fn perpetrator_respects_confidence_threshold_and_denials() {
        let w = world();
        let mut i = incident(date(2025, 11, 26), date(2025, 11, 26));
        i.claims
            .push(claim(w.iskp, Stance::Assesses, Confidence::Possible));
        i.claims
            .push(claim(w.taliban, Stance::Denies, Confidence::Confirmed));
        let mut f = Filter::default();
        f.perpetrators.insert(Perpetrator::Actor(w.iskp));
        f.min_confidence = Confidence::Possible;
        assert!(f.matches(&i, &w.actors));
        f.min_confidence = Confidence::Likely;
        assert!(!f.matches(&i, &w.actors), "possible is below likely");
        f.min_confidence = Confidence::Unknown;
        f.perpetrators = [Perpetrator::Actor(w.taliban)].into();
        assert!(!f.matches(&i, &w.actors), "a denial names no perpetrator");
    }

    #[test]
    fn unattributed_means_no_credible_claim_names_a_known_actor() {
        let w = world();
        let mut placeholder_only = incident(date(2025, 1, 1), date(2025, 1, 1));
        placeholder_only.claims.push(claim(
            w.unidentified,
            Stance::Accuses,
            Confidence::Confirmed,
        ));
        let no_claims = incident(date(2025, 1, 1), date(2025, 1, 1));
        let mut weakly_iskp = incident(date(2025, 1, 1), date(2025, 1, 1));
        weakly_iskp
            .claims
            .push(claim(w.iskp, Stance::Assesses, Confidence::Possible));

        let mut f = Filter::default();
        f.perpetrators.insert(Perpetrator::Unattributed);
        assert!(f.matches(&placeholder_only, &w.actors));
        assert!(f.matches(&no_claims, &w.actors));
        assert!(!f.matches(&weakly_iskp, &w.actors));
        f.min_confidence = Confidence::Likely;
        assert!(
            f.matches(&weakly_iskp, &w.actors),
            "a claim below the threshold leaves it unattributed"
        );
        // OR inside the facet: ISKP or unattributed.
        f.min_confidence = Confidence::Unknown;
        f.perpetrators.insert(Perpetrator::Actor(w.iskp));
        assert!(f.matches(&weakly_iskp, &w.actors) && f.matches(&no_claims, &w.actors));
    }

    #[test]
    fn aliases_resolve_to_the_same_actor() {
        let w = world();
        assert_eq!(w.actors.resolve("isis-k").map(|a| a.id), Some(w.iskp));
        assert_eq!(w.actors.resolve("ISKP").map(|a| a.id), Some(w.iskp));
        assert!(w.actors.resolve("IMU").is_none());
    }

    #[test]
    fn nationality_needs_casualties_and_killed_only_ignores_wounded() {
        let w = world();
        let mut wounded_only = incident(date(2025, 1, 1), date(2025, 1, 1));
        wounded_only
            .casualties
            .push(casualty(Some(CountryCode::CN), 0, 2));
        let mut zero_row = incident(date(2025, 1, 1), date(2025, 1, 1));
        zero_row
            .casualties
            .push(casualty(Some(CountryCode::CN), 0, 0));
        let mut unknown_dead = incident(date(2025, 1, 1), date(2025, 1, 1));
        unknown_dead.casualties.push(casualty(None, 3, 0));
        unknown_dead
            .casualties
            .push(casualty(Some(CountryCode::TJ), 0, 1));

        let mut f = Filter::default();
        f.nationalities.insert(Some(CountryCode::CN));
        assert!(f.matches(&wounded_only, &w.actors));
        assert!(!f.matches(&zero_row, &w.actors), "a zero row is no victim");
        assert!(!f.matches(&unknown_dead, &w.actors));
        f.killed_only = true;
        assert!(!f.matches(&wounded_only, &w.actors));

        let mut f = Filter::default();
        f.nationalities.insert(None);
        f.killed_only = true;
        assert!(f.matches(&unknown_dead, &w.actors), "unknown is a choice");
        f.nationalities = [Some(CountryCode::TJ)].into();
        assert!(
            !f.matches(&unknown_dead, &w.actors),
            "the TJ row has wounded only"
        );
    }

    #[test]
    fn facets_combine_with_and() {
        let w = world();
        let mut i = incident(date(2025, 11, 26), date(2025, 11, 26));
        i.casualties.push(casualty(Some(CountryCode::CN), 1, 0));
        let mut f = Filter::default();
        f.nationalities.insert(Some(CountryCode::CN));
        f.event_types.insert(EventType::ArmedClash);
        assert!(f.matches(&i, &w.actors));
        f.event_types = [EventType::DroneAirStrike].into();
        assert!(!f.matches(&i, &w.actors));
        f.event_types = [EventType::DroneAirStrike, EventType::ArmedClash].into();
        f.sides.insert(Side::Af);
        assert!(!f.matches(&i, &w.actors));
    }

    #[test]
    fn other_facets() {
        let w = world();
        let mut i = incident(date(2025, 11, 26), date(2025, 11, 26));
        i.casualties.push(casualty(None, 2, 0));
        i.casualties.push(casualty(None, 3, 0));
        let check = |f: Filter| f.matches(&i, &w.actors);
        assert!(check(Filter {
            min_fatalities: Some(5),
            ..Filter::default()
        }));
        assert!(!check(Filter {
            min_fatalities: Some(6),
            ..Filter::default()
        }));
        assert!(check(Filter {
            provinces: ["KHATLON".to_string()].into(),
            ..Filter::default()
        }));
        assert!(!check(Filter {
            provinces: ["Badakhshan".to_string()].into(),
            ..Filter::default()
        }));
        assert!(check(Filter {
            text: "panj att".into(),
            ..Filter::default()
        }));
        assert!(!check(Filter {
            text: "panj drone".into(),
            ..Filter::default()
        }));
        let bbox = BBox {
            min_lon: 69.0,
            min_lat: 37.0,
            max_lon: 69.2,
            max_lat: 37.3,
        };
        assert!(check(Filter {
            bbox: Some(bbox),
            ..Filter::default()
        }));
        let elsewhere = BBox {
            min_lon: 70.0,
            ..bbox
        };
        assert!(!check(Filter {
            bbox: Some(elsewhere),
            ..Filter::default()
        }));
    }

    #[test]
    fn deleted_incidents_show_only_in_the_trash() {
        let w = world();
        let mut i = incident(date(2025, 1, 1), date(2025, 1, 1));
        assert!(Filter::default().matches(&i, &w.actors));
        i.deleted_at = Some(jiff::Timestamp::now());
        assert!(!Filter::default().matches(&i, &w.actors));
        assert!(
            Filter {
                trash: true,
                ..Filter::default()
            }
            .matches(&i, &w.actors)
        );
    }

    /// A pasted paragraph is searched as its distinct words, each once,
    /// none implied by another, at most MAX_SEARCH_WORDS: the same answer
    /// as every word, without a pass per repeated word.
    #[test]
    fn search_terms_are_distinct_unimplied_and_bounded() {
        assert_eq!(search_terms("Panj pan PANJ panjsher"), ["panjsher"]);
        assert_eq!(search_terms("attack near Panj"), ["attack", "near", "panj"]);
        let long: String = (0..1000).map(|n| format!("word{n} ")).collect();
        assert_eq!(search_terms(&long).len(), MAX_SEARCH_WORDS);
        let repeated = "drone ".repeat(1000);
        assert_eq!(search_terms(&repeated), ["drone"]);
        let haystack = " drone strike near panjsher";
        for text in ["pan panj panjsher", "drone drone str", "near"] {
            let every_word = search_words(text)
                .iter()
                .all(|w| haystack.contains(&format!(" {w}")));
            assert_eq!(TextQuery::new(text).matches(haystack), every_word, "{text}");
        }
    }
}
