//! Facet counts: beside each choice of a checklist in the filter panel, how
//! many incidents the filter would keep if that choice alone were ticked in
//! its facet, every other rule as it is. So a count never depends on what
//! else is ticked in the same facet, and it always equals what the store
//! returns for the same filter (tested in `tests/ui.rs`).
//!
//! One pass over the incidents does it: each incident is tested once per
//! facet; one that fails no facet is a match and counts everywhere, one that
//! fails exactly one checklist facet counts only in that facet.

use super::{ActorDirectory, Filter, Perpetrator, TextQuery};
use crate::model::{CountryCode, EventType, Incident, Side, VictimRole};
use std::borrow::Borrow;
use std::collections::{BTreeMap, BTreeSet};
use uuid::Uuid;

/// The incidents a filter keeps, and the counts of its checklists.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FacetCounts {
    /// Indexes of the matching incidents, in the order given.
    pub matched: Vec<usize>,
    /// Indexes of the incidents every rule but the date keeps: the
    /// timeline shows them, so the brushed range has its context.
    pub without_date: Vec<usize>,
    /// How many incidents the filter looks at (live ones, or the trash).
    pub total: usize,
    pub perpetrators: BTreeMap<Perpetrator, usize>,
    pub nationalities: BTreeMap<Option<CountryCode>, usize>,
    pub roles: BTreeMap<VictimRole, usize>,
    pub event_types: BTreeMap<EventType, usize>,
    pub sides: BTreeMap<Side, usize>,
    /// Keyed by the lower-case province name; the name as first seen.
    pub provinces: BTreeMap<String, (String, usize)>,
}

impl FacetCounts {
    /// `haystacks[i]` is `search_haystack(incidents[i])`, made once per load.
    pub fn compute<I: Borrow<Incident>>(
        filter: &Filter,
        incidents: &[I],
        haystacks: &[String],
        actors: &ActorDirectory,
    ) -> FacetCounts {
        let text = TextQuery::new(&filter.text);
        let mut counts = FacetCounts::default();
        for (index, incident) in incidents.iter().enumerate() {
            let incident: &Incident = incident.borrow();
            if incident.deleted_at.is_some() != filter.trash {
                continue;
            }
            counts.total += 1;
            if !filter.matches_ranges_but_date(incident)
                || !haystacks.get(index).is_none_or(|h| text.matches(h))
            {
                continue;
            }
            let in_dates = filter.matches_date(incident);
            let passes = [
                filter.matches_perpetrator(incident, actors),
                filter.matches_victims(incident),
                filter.matches_event_type(incident),
                filter.matches_side(incident),
                filter.matches_province(incident),
            ];
            let failed: Vec<usize> = (0..passes.len()).filter(|&k| !passes[k]).collect();
            if failed.is_empty() {
                counts.without_date.push(index);
            }
            if !in_dates {
                continue;
            }
            let counts_in = |facet: usize| failed.is_empty() || failed == [facet];
            if failed.is_empty() {
                counts.matched.push(index);
            }
            if counts_in(0) {
                counts.count_perpetrators(filter, incident, actors);
            }
            if counts_in(1) {
                counts.count_victims(filter, incident);
            }
            if counts_in(2) {
                *counts.event_types.entry(incident.event_type).or_default() += 1;
            }
            if counts_in(3) {
                *counts.sides.entry(incident.location.side).or_default() += 1;
            }
            if counts_in(4)
                && let Some(province) = incident.location.admin1.as_deref()
            {
                counts
                    .provinces
                    .entry(province.to_lowercase())
                    .or_insert_with(|| (province.to_string(), 0))
                    .1 += 1;
            }
        }
        counts
    }

    fn count_perpetrators(
        &mut self,
        filter: &Filter,
        incident: &Incident,
        actors: &ActorDirectory,
    ) {
        let named: BTreeSet<Uuid> = incident
            .claims
            .iter()
            .filter(|c| c.attributes() && c.confidence >= filter.min_confidence)
            .map(|c| c.actor_id)
            .collect();
        let unattributed = !named.iter().any(|id| actors.is_known(*id));
        for id in named {
            *self.perpetrators.entry(Perpetrator::Actor(id)).or_default() += 1;
        }
        if unattributed {
            *self
                .perpetrators
                .entry(Perpetrator::Unattributed)
                .or_default() += 1;
        }
    }

    fn count_victims(&mut self, filter: &Filter, incident: &Incident) {
        let victims = || {
            incident
                .casualties
                .iter()
                .filter(|c| filter.counts_as_victim(c))
        };
        let nationalities: BTreeSet<Option<CountryCode>> = victims()
            .filter(|c| filter.victim_roles.is_empty() || filter.victim_roles.contains(&c.role))
            .map(|c| c.nationality)
            .collect();
        for nationality in nationalities {
            *self.nationalities.entry(nationality).or_default() += 1;
        }
        let roles: BTreeSet<VictimRole> = victims()
            .filter(|c| {
                filter.nationalities.is_empty() || filter.nationalities.contains(&c.nationality)
            })
            .map(|c| c.role)
            .collect();
        for role in roles {
            *self.roles.entry(role).or_default() += 1;
        }
    }

    /// The count beside a perpetrator choice (0 when absent).
    pub fn perpetrator(&self, choice: Perpetrator) -> usize {
        self.perpetrators.get(&choice).copied().unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exchange::synthetic::{self, Lcg};
    use crate::filter::search_haystack;
    use crate::model::Confidence;

    /// Every count equals the number of incidents the plain predicate keeps
    /// with that one choice ticked, over random filters.
    #[test]
    fn counts_equal_the_predicate_with_one_choice_ticked() {
        let actors = synthetic::actors();
        let directory_for_data = ActorDirectory::new(actors.clone());
        let directory = ActorDirectory::new(actors.clone());
        let incidents = synthetic::incidents(600, 11, &directory_for_data);
        let haystacks: Vec<String> = incidents.iter().map(search_haystack).collect();
        let mut rng = Lcg(5);
        for round in 0..60 {
            let mut filter = Filter::default();
            if rng.below(2) == 0 {
                filter.min_confidence = *rng.pick(Confidence::ALL);
            }
            if rng.below(2) == 0 {
                filter
                    .perpetrators
                    .insert(Perpetrator::Actor(rng.pick(&actors).id));
            }
            if rng.below(3) == 0 {
                filter.nationalities.insert(Some(CountryCode::TJ));
            }
            if rng.below(3) == 0 {
                filter.victim_roles.insert(*rng.pick(VictimRole::ALL));
            }
            filter.killed_only = rng.below(3) == 0;
            if rng.below(3) == 0 {
                filter.event_types.insert(*rng.pick(EventType::ALL));
            }
            if rng.below(3) == 0 {
                filter.sides.insert(*rng.pick(Side::ALL));
            }
            if rng.below(4) == 0 {
                filter.min_fatalities = Some(rng.below(4));
            }
            if rng.below(2) == 0 {
                let from = jiff::civil::date(2015, 1, 1)
                    .saturating_add(jiff::Span::new().days(rng.below(3650) as i64));
                filter.date_from = Some(from);
                filter.date_to =
                    Some(from.saturating_add(jiff::Span::new().days(rng.below(900) as i64)));
                if rng.below(2) == 0 {
                    filter.date_mode = crate::filter::DateMode::Within;
                }
            }
            let counts = FacetCounts::compute(&filter, &incidents, &haystacks, &directory);
            let count = |f: &Filter| {
                incidents
                    .iter()
                    .filter(|i| f.matches(i, &directory))
                    .count()
            };
            assert_eq!(counts.matched.len(), count(&filter), "round {round}");
            let dateless = Filter {
                date_from: None,
                date_to: None,
                ..filter.clone()
            };
            assert_eq!(counts.without_date.len(), count(&dateless), "round {round}");

            let mut choices: Vec<Perpetrator> =
                actors.iter().map(|a| Perpetrator::Actor(a.id)).collect();
            choices.push(Perpetrator::Unattributed);
            for choice in choices {
                let one = Filter {
                    perpetrators: [choice].into(),
                    ..filter.clone()
                };
                assert_eq!(
                    counts.perpetrator(choice),
                    count(&one),
                    "round {round} {choice:?}"
                );
            }
            for nationality in [
                None,
                Some(CountryCode::TJ),
                Some(CountryCode::AF),
                Some(CountryCode::CN),
            ] {
                let one = Filter {
                    nationalities: [nationality].into(),
                    ..filter.clone()
                };
                let got = counts.nationalities.get(&nationality).copied().unwrap_or(0);
                assert_eq!(got, count(&one), "round {round} {nationality:?}");
            }
            for role in VictimRole::ALL {
                let one = Filter {
                    victim_roles: [*role].into(),
                    ..filter.clone()
                };
                let got = counts.roles.get(role).copied().unwrap_or(0);
                assert_eq!(got, count(&one), "round {round} {role:?}");
            }
            for event_type in EventType::ALL {
                let one = Filter {
                    event_types: [*event_type].into(),
                    ..filter.clone()
                };
                let got = counts.event_types.get(event_type).copied().unwrap_or(0);
                assert_eq!(got, count(&one), "round {round} {event_type:?}");
            }
            for side in Side::ALL {
                let one = Filter {
                    sides: [*side].into(),
                    ..filter.clone()
                };
                let got = counts.sides.get(side).copied().unwrap_or(0);
                assert_eq!(got, count(&one), "round {round} {side:?}");
            }
            for (key, (name, got)) in &counts.provinces {
                let one = Filter {
                    provinces: [name.to_uppercase()].into(),
                    ..filter.clone()
                };
                assert_eq!(*got, count(&one), "round {round} {key}");
            }
        }
    }
}
