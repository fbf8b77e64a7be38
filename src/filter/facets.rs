//! Facet counts: beside each choice of a checklist in the filter panel, how
//! many incidents the filter would keep if that choice alone were ticked in
//! its facet, every other rule as it is. So a count never depends on what
//! else is ticked in the same facet, and it always equals what the store
//! returns for the same filter (tested here against [`Filter::matches`] and
//! in `tests/workspace.rs` against the store).
//!
//! One pass over the incidents does it: each incident is tested once per
//! facet; one that fails no facet is a match and counts everywhere, one that
//! fails exactly one checklist facet counts only in that facet.
//!
//! The pass runs over a [`FacetIndex`]: the fields the filter looks at,
//! packed (days as numbers, actors, nationalities and provinces as small
//! indexes), so that a hundred thousand incidents take milliseconds.

use super::{ActorDirectory, DateMode, Filter, Perpetrator, TextQuery};
use crate::model::{
    Confidence, CountryCode, EventType, Incident, LocationPrecision, Side, VictimRole, day_number,
};
use std::borrow::Borrow;
use std::collections::BTreeMap;
use std::sync::Arc;
use uuid::Uuid;

/// The incidents a filter keeps, and the counts of its checklists.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FacetCounts {
    /// Indexes of the matching incidents, in the order given; shared
    /// (no copy) with the workers that map and chart them.
    pub matched: Arc<Vec<usize>>,
    /// Indexes of the incidents every rule but the date keeps: the
    /// timeline shows them, so the brushed range has its context.
    pub without_date: Arc<Vec<usize>>,
    /// How many incidents the filter looks at (live ones, or the trash).
    pub total: usize,
    pub perpetrators: BTreeMap<Perpetrator, usize>,
    pub nationalities: BTreeMap<Option<CountryCode>, usize>,
    pub roles: BTreeMap<VictimRole, usize>,
    pub event_types: BTreeMap<EventType, usize>,
    pub sides: BTreeMap<Side, usize>,
    /// Keyed by the province name in ASCII lower case (the filter ignores
    /// ASCII case); the name as first seen.
    pub provinces: BTreeMap<String, (String, usize)>,
}

const NONE: u16 = u16::MAX;

mod block;
pub use block::{BlockError, BlockKey};

/// One incident, packed: 64 bytes, so a million fit in the cache-friendly
/// tens of megabytes that one pass reads.
#[derive(Debug, Clone)]
struct Row {
    lon: f64,
    lat: f64,
    /// NaN when unknown, so that no distance rule keeps it.
    border_km: f64,
    claims: (u32, u32),
    casualties: (u32, u32),
    /// Day numbers.
    start: i32,
    end: i32,
    /// Saturates at `u32::MAX`.
    killed: u32,
    province: u16,
    /// The leading claim's actor (its slot in `actors`; [`NONE`]:
    /// unattributed), worked out when packed: charts and the map's legend
    /// ask it of every incident. It fits the row's padding.
    leader: u16,
    event_type: u8,
    side: u8,
    /// Index into [`LocationPrecision::ALL`].
    precision: u8,
    deleted: bool,
    /// Some figure is only a lower bound ("at least one killed").
    minimum: bool,
}

#[derive(Debug, Clone, Copy)]
struct PackedClaim {
    actor: u16,
    confidence: Confidence,
    attributes: bool,
}

#[derive(Debug, Clone, Copy)]
struct PackedCasualty {
    nationality: u16,
    role: u8,
    killed: u32,
    wounded: u32,
    /// The figures are only lower bounds ("at least").
    minimum: bool,
}

/// What the filter looks at of each incident, packed; built once per load
/// and kept in step with each write ([`FacetIndex::set`]).
#[derive(Debug, Clone, Default)]
pub struct FacetIndex {
    rows: Vec<Row>,
    claims: Vec<PackedClaim>,
    casualties: Vec<PackedCasualty>,
    actors: Vec<Uuid>,
    actor_known: Vec<bool>,
    nationalities: Vec<Option<CountryCode>>,
    provinces: Vec<String>,
}

fn position<T: PartialEq>(list: &[T], value: &T) -> Option<usize> {
    list.iter().position(|x| x == value)
}

/// Whether a signed border distance (NaN: unknown) is at most `max` km
/// from the border.
fn within_km(border_km: f64, max: f64) -> bool {
    border_km.abs() <= max
}

/// A day number as the index keeps it (civil dates span ±3.6 million days).
fn day(date: jiff::civil::Date) -> i32 {
    i32::try_from(day_number(date)).unwrap_or(i32::MAX)
}

fn small(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(NONE - 1)
}

impl FacetIndex {
    pub fn build<I: Borrow<Incident>>(incidents: &[I], actors: &ActorDirectory) -> FacetIndex {
        let mut index = FacetIndex::default();
        let mut actor_slots: std::collections::HashMap<Uuid, u16> = Default::default();
        for incident in incidents {
            let row = index.pack(incident.borrow(), actors, &mut actor_slots);
            index.rows.push(row);
        }
        index
    }

    /// Puts `incident` at position `n` (one past the end adds it), after a
    /// write to it: the window keeps the index in step without building it
    /// again. Its old claim and casualty entries stay behind unused until
    /// the next build.
    pub fn set(&mut self, n: usize, incident: &Incident, actors: &ActorDirectory) {
        let mut actor_slots = self
            .actors
            .iter()
            .enumerate()
            .map(|(slot, id)| (*id, small(slot)))
            .collect();
        let row = self.pack(incident, actors, &mut actor_slots);
        match self.rows.get_mut(n) {
            Some(slot) => *slot = row,
            None => self.rows.push(row),
        }
    }

    /// Packs one incident: its claims and casualties are appended, and
    /// the row that points at them is returned.
    fn pack(
        &mut self,
        incident: &Incident,
        actors: &ActorDirectory,
        actor_slots: &mut std::collections::HashMap<Uuid, u16>,
    ) -> Row {
        let claims_from = self.claims.len() as u32;
        for claim in &incident.claims {
            let next = small(actor_slots.len());
            let actor = *actor_slots.entry(claim.actor_id).or_insert_with(|| {
                self.actors.push(claim.actor_id);
                self.actor_known.push(actors.is_known(claim.actor_id));
                next
            });
            self.claims.push(PackedClaim {
                actor,
                confidence: claim.confidence,
                attributes: claim.attributes(),
            });
        }
        let casualties_from = self.casualties.len() as u32;
        for casualty in &incident.casualties {
            let nationality = match position(&self.nationalities, &casualty.nationality) {
                Some(n) => small(n),
                None => {
                    self.nationalities.push(casualty.nationality);
                    small(self.nationalities.len() - 1)
                }
            };
            self.casualties.push(PackedCasualty {
                nationality,
                role: small(position(VictimRole::ALL, &casualty.role).unwrap_or(0)) as u8,
                killed: casualty.killed,
                wounded: casualty.wounded,
                minimum: casualty.figure == crate::model::Figure::Minimum,
            });
        }
        let province = match incident.location.admin1.as_deref() {
            None => NONE,
            Some(name) => match self
                .provinces
                .iter()
                .position(|p| p.eq_ignore_ascii_case(name))
            {
                Some(n) => small(n),
                None => {
                    self.provinces.push(name.to_string());
                    small(self.provinces.len() - 1)
                }
            },
        };
        let leader = self.leader_slot(&self.claims[claims_from as usize..]);
        Row {
            start: day(incident.date.start),
            end: day(incident.date.end),
            deleted: incident.deleted_at.is_some(),
            event_type: small(position(EventType::ALL, &incident.event_type).unwrap_or(0)) as u8,
            side: small(position(Side::ALL, &incident.location.side).unwrap_or(0)) as u8,
            killed: u32::try_from(incident.killed()).unwrap_or(u32::MAX),
            precision: small(
                position(LocationPrecision::ALL, &incident.location.precision).unwrap_or(0),
            ) as u8,
            minimum: incident.has_minimum_figures(),
            lon: incident.location.lon,
            lat: incident.location.lat,
            border_km: incident.location.border_km.unwrap_or(f64::NAN),
            province,
            leader,
            claims: (claims_from, self.claims.len() as u32),
            casualties: (casualties_from, self.casualties.len() as u32),
        }
    }

    /// The leading one of an incident's `claims`: the most confident that
    /// attributes the incident to a known actor (the first of equals).
    fn leading_claim<'c>(&self, claims: &'c [PackedClaim]) -> Option<&'c PackedClaim> {
        claims
            .iter()
            .filter(|c| c.attributes)
            .filter(|c| {
                self.actor_known
                    .get(usize::from(c.actor))
                    .copied()
                    .unwrap_or(false)
            })
            .fold(None, |best: Option<&PackedClaim>, c| match best {
                Some(b) if b.confidence >= c.confidence => Some(b),
                _ => Some(c),
            })
    }

    /// The slot of the leading claim's actor among `claims` ([`NONE`]: none).
    fn leader_slot(&self, claims: &[PackedClaim]) -> u16 {
        self.leading_claim(claims).map_or(NONE, |c| c.actor)
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Spells each province as the first of `names` that names it does
    /// (each incident's province in index order, as a build from the
    /// records meets them): a block keeps them in lower case, and the
    /// filter panel shows them as the records write them.
    pub fn spell_provinces<'a>(&mut self, names: impl IntoIterator<Item = &'a str>) {
        let mut spelled = vec![false; self.provinces.len()];
        let mut left = self.provinces.len();
        for name in names {
            if left == 0 {
                break;
            }
            if let Some(n) = self
                .provinces
                .iter()
                .position(|p| p.eq_ignore_ascii_case(name))
                && !spelled[n]
            {
                self.provinces[n] = name.to_string();
                spelled[n] = true;
                left -= 1;
            }
        }
    }

    /// First and last day (day numbers) of the `n`th incident indexed.
    pub fn days(&self, n: usize) -> Option<(i64, i64)> {
        self.rows
            .get(n)
            .map(|r| (i64::from(r.start), i64::from(r.end)))
    }

    /// The first start and the last end (day numbers) of the live
    /// incidents indexed: one pass over the packed rows.
    pub fn live_span(&self) -> Option<(i64, i64)> {
        self.rows
            .iter()
            .filter(|r| !r.deleted)
            .fold(None, |span, r| {
                let (start, end) = (i64::from(r.start), i64::from(r.end));
                Some(span.map_or((start, end), |(a, b): (i64, i64)| {
                    (a.min(start), b.max(end))
                }))
            })
    }

    /// The live incidents indexed that may be one incident with one at
    /// (`lon`, `lat`) dated `start..=end` (day numbers), by
    /// [`super::duplicates::may_be_same_at`]: one pass over the packed rows
    /// rather than over the records.
    /// `stored`: the place's precision when it is a stored record's (being
    /// edited), whose stand-in point tells nothing beside another's
    /// ([`super::duplicates::places_can_tell`]); `None` for a new draft.
    pub fn possible_duplicates(
        &self,
        (lon, lat, stored): (f64, f64, Option<LocationPrecision>),
        start: i64,
        end: i64,
    ) -> Vec<usize> {
        self.rows
            .iter()
            .enumerate()
            .filter(|(_, r)| {
                !r.deleted
                    && stored.is_none_or(|precision| {
                        super::duplicates::places_can_tell(
                            precision,
                            LocationPrecision::ALL[usize::from(r.precision)],
                        )
                    })
                    && super::duplicates::may_be_same_at(
                        (lon, lat, start, end),
                        (r.lon, r.lat, i64::from(r.start), i64::from(r.end)),
                    )
            })
            .map(|(n, _)| n)
            .collect()
    }

    /// People killed in the `n`th incident indexed.
    pub fn killed(&self, n: usize) -> u64 {
        self.rows.get(n).map_or(0, |r| u64::from(r.killed))
    }

    /// The casualty rows of the `n`th incident indexed, as the statistics
    /// add them up (no record read).
    pub fn casualties(&self, n: usize) -> impl Iterator<Item = IndexedCasualty> + '_ {
        let packed = self.rows.get(n).map_or(&[][..], |r| self.casualties_of(r));
        packed.iter().map(|c| IndexedCasualty {
            nationality: self
                .nationalities
                .get(usize::from(c.nationality))
                .copied()
                .flatten(),
            killed: c.killed,
            wounded: c.wounded,
            minimum: c.minimum,
        })
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The claims of an indexed row.
    fn claims_of(&self, row: &Row) -> &[PackedClaim] {
        self.claims
            .get(row.claims.0 as usize..row.claims.1 as usize)
            .unwrap_or(&[])
    }

    /// The casualty rows of an indexed row.
    fn casualties_of(&self, row: &Row) -> &[PackedCasualty] {
        self.casualties
            .get(row.casualties.0 as usize..row.casualties.1 as usize)
            .unwrap_or(&[])
    }

    /// Where and how the `n`th incident indexed is drawn on the map.
    pub fn point(&self, n: usize) -> Option<IndexedPoint> {
        self.rows.get(n).map(|r| IndexedPoint {
            lon: r.lon,
            lat: r.lat,
            killed: u64::from(r.killed),
            killed_is_minimum: r.minimum,
            precision: LocationPrecision::ALL
                .get(usize::from(r.precision))
                .copied()
                .unwrap_or(LocationPrecision::Exact),
            border_km: (!r.border_km.is_nan()).then_some(r.border_km),
            deleted: r.deleted,
        })
    }

    /// The actor of the `n`th incident's leading claim, as
    /// [`super::leading_claim`] finds it from the record: the attributing
    /// claim naming a known actor with the highest confidence, the first
    /// of equals.
    pub fn leader(&self, n: usize) -> Option<Uuid> {
        let slot = self.rows.get(n)?.leader;
        self.actors.get(usize::from(slot)).copied()
    }

    /// The actor and confidence of the `n`th incident's leading claim
    /// (see [`FacetIndex::leader`]).
    pub fn leading(&self, n: usize) -> Option<(Uuid, Confidence)> {
        let row = self.rows.get(n)?;
        self.leading_claim(self.claims_of(row))
            .and_then(|c| Some((*self.actors.get(usize::from(c.actor))?, c.confidence)))
    }

    /// The `n`th incident's event type.
    pub fn event_type(&self, n: usize) -> EventType {
        self.rows
            .get(n)
            .and_then(|r| EventType::ALL.get(usize::from(r.event_type)))
            .copied()
            .unwrap_or(EventType::Other)
    }

    /// The side of the border the `n`th incident is on.
    pub fn side(&self, n: usize) -> Side {
        self.rows
            .get(n)
            .and_then(|r| Side::ALL.get(usize::from(r.side)))
            .copied()
            .unwrap_or(Side::Unknown)
    }

    /// The `n`th incident's province (admin1) as the records spell it.
    pub fn province(&self, n: usize) -> Option<&str> {
        let row = self.rows.get(n)?;
        self.provinces
            .get(usize::from(row.province))
            .map(String::as_str)
    }

    /// Whether the `n`th incident is in the trash.
    pub fn is_deleted(&self, n: usize) -> bool {
        self.rows.get(n).is_some_and(|r| r.deleted)
    }

    /// An index of the incidents at `order` (each a position in this
    /// one), in that order, with their claims and casualties copied
    /// compactly: what [`FacetIndex::set`] left behind is gone.
    pub fn select(&self, order: &[usize]) -> FacetIndex {
        let mut selected = FacetIndex {
            rows: Vec::with_capacity(order.len()),
            claims: Vec::new(),
            casualties: Vec::new(),
            actors: self.actors.clone(),
            actor_known: self.actor_known.clone(),
            nationalities: self.nationalities.clone(),
            provinces: self.provinces.clone(),
        };
        for &n in order {
            let Some(row) = self.rows.get(n) else {
                continue;
            };
            let (claims, casualties) = (self.claims_of(row), self.casualties_of(row));
            let claims_from = selected.claims.len() as u32;
            selected.claims.extend_from_slice(claims);
            let casualties_from = selected.casualties.len() as u32;
            selected.casualties.extend_from_slice(casualties);
            selected.rows.push(Row {
                claims: (claims_from, selected.claims.len() as u32),
                casualties: (casualties_from, selected.casualties.len() as u32),
                ..row.clone()
            });
        }
        selected
    }
}

/// One casualty row of an indexed incident.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndexedCasualty {
    pub nationality: Option<CountryCode>,
    pub killed: u32,
    pub wounded: u32,
    /// The figures are only lower bounds ("at least").
    pub minimum: bool,
}

/// One indexed incident as the map draws it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct IndexedPoint {
    pub lon: f64,
    pub lat: f64,
    /// Saturates at `u32::MAX`.
    pub killed: u64,
    pub killed_is_minimum: bool,
    pub precision: LocationPrecision,
    pub border_km: Option<f64>,
    pub deleted: bool,
}

/// A filter turned into masks over the index's small numbers.
struct Compiled {
    from: Option<i32>,
    to: Option<i32>,
    within: bool,
    /// Per index actor: chosen; `None` when the facet is empty.
    perpetrators: Option<Vec<bool>>,
    unattributed: bool,
    min_confidence: Confidence,
    nationalities: Option<Vec<bool>>,
    roles: Option<Vec<bool>>,
    killed_only: bool,
    event_types: Option<Vec<bool>>,
    sides: Option<Vec<bool>>,
    provinces: Option<Vec<bool>>,
}

fn mask<T: PartialEq>(all: &[T], chosen: impl Fn(&T) -> bool, empty: bool) -> Option<Vec<bool>> {
    (!empty).then(|| all.iter().map(chosen).collect())
}

impl Compiled {
    fn new(filter: &Filter, index: &FacetIndex) -> Compiled {
        Compiled {
            from: filter.date_from.map(day),
            to: filter.date_to.map(day),
            within: filter.date_mode == DateMode::Within,
            perpetrators: mask(
                &index.actors,
                |id| filter.perpetrators.contains(&Perpetrator::Actor(*id)),
                filter.perpetrators.is_empty(),
            ),
            unattributed: filter.perpetrators.contains(&Perpetrator::Unattributed),
            min_confidence: filter.min_confidence,
            nationalities: mask(
                &index.nationalities,
                |n| filter.nationalities.contains(n),
                filter.nationalities.is_empty(),
            ),
            roles: mask(
                VictimRole::ALL,
                |r| filter.victim_roles.contains(r),
                filter.victim_roles.is_empty(),
            ),
            killed_only: filter.killed_only,
            event_types: mask(
                EventType::ALL,
                |t| filter.event_types.contains(t),
                filter.event_types.is_empty(),
            ),
            sides: mask(
                Side::ALL,
                |s| filter.sides.contains(s),
                filter.sides.is_empty(),
            ),
            provinces: mask(
                &index.provinces,
                |p| filter.provinces.iter().any(|q| q.eq_ignore_ascii_case(p)),
                filter.provinces.is_empty(),
            ),
        }
    }

    fn date(&self, row: &Row) -> bool {
        if self.within {
            self.from.is_none_or(|f| row.start >= f) && self.to.is_none_or(|t| row.end <= t)
        } else {
            self.to.is_none_or(|t| row.start <= t) && self.from.is_none_or(|f| row.end >= f)
        }
    }

    fn victim(&self, c: &PackedCasualty) -> bool {
        c.killed > 0 || (!self.killed_only && c.wounded > 0)
    }
}

fn chosen(mask: &Option<Vec<bool>>, at: usize) -> bool {
    mask.as_ref()
        .is_none_or(|m| m.get(at).copied().unwrap_or(false))
}

/// Below this many incidents per run, starting a thread costs more than
/// it saves.
const PARALLEL_RUN_MIN: usize = crate::background::ON_A_WORKER_FROM;

/// The counts of one run of the index, by the index's small numbers.
struct Partial {
    matched: Vec<usize>,
    without_date: Vec<usize>,
    total: usize,
    by_actor: Vec<usize>,
    unattributed: usize,
    by_nationality: Vec<usize>,
    by_role: Vec<usize>,
    by_event: Vec<usize>,
    by_side: Vec<usize>,
    by_province: Vec<usize>,
}

impl Partial {
    fn new(index: &FacetIndex) -> Partial {
        Partial {
            matched: Vec::new(),
            without_date: Vec::new(),
            total: 0,
            by_actor: vec![0; index.actors.len()],
            unattributed: 0,
            by_nationality: vec![0; index.nationalities.len()],
            by_role: vec![0; VictimRole::ALL.len()],
            by_event: vec![0; EventType::ALL.len()],
            by_side: vec![0; Side::ALL.len()],
            by_province: vec![0; index.provinces.len()],
        }
    }

    /// `self` followed by `later`, the run after it.
    fn add(mut self, later: Partial) -> Partial {
        fn sum(into: &mut [usize], from: &[usize]) {
            for (a, b) in into.iter_mut().zip(from) {
                *a += b;
            }
        }
        self.matched.extend(later.matched);
        self.without_date.extend(later.without_date);
        self.total += later.total;
        sum(&mut self.by_actor, &later.by_actor);
        self.unattributed += later.unattributed;
        sum(&mut self.by_nationality, &later.by_nationality);
        sum(&mut self.by_role, &later.by_role);
        sum(&mut self.by_event, &later.by_event);
        sum(&mut self.by_side, &later.by_side);
        sum(&mut self.by_province, &later.by_province);
        self
    }

    /// One pass over the rows in `range`.
    fn count(
        filter: &Filter,
        f: &Compiled,
        index: &FacetIndex,
        text: Option<&TextMatches>,
        range: std::ops::Range<usize>,
    ) -> Partial {
        let has_text = !filter.text.trim().is_empty();
        let mut p = Partial::new(index);
        let mut seen_actor = vec![u32::MAX; index.actors.len()];
        let mut seen_nationality = vec![u32::MAX; index.nationalities.len()];
        let mut seen_role = vec![u32::MAX; VictimRole::ALL.len()];
        let victims_unconstrained =
            f.nationalities.is_none() && f.roles.is_none() && !f.killed_only;
        let first = range.start;
        for (n, row) in index.rows[range].iter().enumerate() {
            let n = n + first;
            if row.deleted != filter.trash {
                continue;
            }
            p.total += 1;
            if filter
                .min_fatalities
                .is_some_and(|min| u64::from(row.killed) < min)
                || filter.bbox.is_some_and(|b| !b.contains(row.lon, row.lat))
                || filter
                    .max_border_km
                    .is_some_and(|max| !within_km(row.border_km, max))
                || (has_text && text.is_some_and(|t| !t.keeps(n)))
            {
                continue;
            }
            let (claims, casualties) = (index.claims_of(row), index.casualties_of(row));
            let credible = |c: &&PackedClaim| c.attributes && c.confidence >= f.min_confidence;
            let perpetrator = match &f.perpetrators {
                None => true,
                Some(m) => {
                    claims.iter().filter(credible).any(|c| m[c.actor as usize])
                        || (f.unattributed
                            && !claims
                                .iter()
                                .filter(credible)
                                .any(|c| index.actor_known[c.actor as usize]))
                }
            };
            let victims = victims_unconstrained
                || casualties.iter().any(|c| {
                    chosen(&f.nationalities, c.nationality as usize)
                        && chosen(&f.roles, c.role as usize)
                        && f.victim(c)
                });
            let passes = [
                perpetrator,
                victims,
                chosen(&f.event_types, row.event_type as usize),
                chosen(&f.sides, row.side as usize),
                f.provinces.is_none()
                    || (row.province != NONE && chosen(&f.provinces, row.province as usize)),
            ];
            let failed = passes.iter().filter(|ok| !**ok).count();
            if failed == 0 {
                p.without_date.push(n);
            }
            if failed > 1 || !f.date(row) {
                continue;
            }
            if failed == 0 {
                p.matched.push(n);
            }
            let counts_in = |facet: usize| failed == 0 || !passes[facet];
            let stamp = n as u32;
            if counts_in(0) {
                let mut known = false;
                for c in claims.iter().filter(credible) {
                    let a = c.actor as usize;
                    known |= index.actor_known[a];
                    if seen_actor[a] != stamp {
                        seen_actor[a] = stamp;
                        p.by_actor[a] += 1;
                    }
                }
                if !known {
                    p.unattributed += 1;
                }
            }
            if counts_in(1) {
                for c in casualties.iter().filter(|c| f.victim(c)) {
                    if chosen(&f.roles, c.role as usize) {
                        let k = c.nationality as usize;
                        if seen_nationality[k] != stamp {
                            seen_nationality[k] = stamp;
                            p.by_nationality[k] += 1;
                        }
                    }
                    if chosen(&f.nationalities, c.nationality as usize) {
                        let k = c.role as usize;
                        if seen_role[k] != stamp {
                            seen_role[k] = stamp;
                            p.by_role[k] += 1;
                        }
                    }
                }
            }
            if counts_in(2) {
                p.by_event[row.event_type as usize] += 1;
            }
            if counts_in(3) {
                p.by_side[row.side as usize] += 1;
            }
            if counts_in(4) && row.province != NONE {
                p.by_province[row.province as usize] += 1;
            }
        }
        p
    }

    fn into_counts(self, index: &FacetIndex) -> FacetCounts {
        let matched = Arc::new(self.matched);
        // Every incident that passes the other rules passes the date's
        // too (no date rule, most often): one list, not the same twice
        // (8 MB at a million).
        let without_date = if self.without_date.len() == matched.len() {
            Arc::clone(&matched)
        } else {
            Arc::new(self.without_date)
        };
        let mut counts = FacetCounts {
            matched,
            without_date,
            total: self.total,
            ..FacetCounts::default()
        };
        let (by_actor, unattributed) = (self.by_actor, self.unattributed);
        let (by_nationality, by_role) = (self.by_nationality, self.by_role);
        let (by_event, by_side, by_province) = (self.by_event, self.by_side, self.by_province);
        let nonzero = |v: &[usize]| {
            v.iter()
                .copied()
                .enumerate()
                .filter(|(_, c)| *c > 0)
                .collect::<Vec<_>>()
        };
        for (a, c) in nonzero(&by_actor) {
            counts
                .perpetrators
                .insert(Perpetrator::Actor(index.actors[a]), c);
        }
        if unattributed > 0 {
            counts
                .perpetrators
                .insert(Perpetrator::Unattributed, unattributed);
        }
        for (k, c) in nonzero(&by_nationality) {
            counts.nationalities.insert(index.nationalities[k], c);
        }
        for (k, c) in nonzero(&by_role) {
            counts.roles.insert(VictimRole::ALL[k], c);
        }
        for (k, c) in nonzero(&by_event) {
            counts.event_types.insert(EventType::ALL[k], c);
        }
        for (k, c) in nonzero(&by_side) {
            counts.sides.insert(Side::ALL[k], c);
        }
        for (k, c) in nonzero(&by_province) {
            let name = &index.provinces[k];
            counts
                .provinces
                .insert(name.to_ascii_lowercase(), (name.clone(), c));
        }
        counts
    }
}

impl FacetCounts {
    /// Counts over incidents given as records: builds the index first.
    pub fn compute<I: Borrow<Incident>>(
        filter: &Filter,
        incidents: &[I],
        text: Option<&TextMatches>,
        actors: &ActorDirectory,
    ) -> FacetCounts {
        FacetCounts::compute_indexed(filter, &FacetIndex::build(incidents, actors), text)
    }

    /// `text`: the rows a text search for `filter.text` keeps (`None`:
    /// the filter's text is not applied).
    ///
    /// Large indexes are split into contiguous runs counted on every core
    /// at once; the partial counts add up and the runs' matches join in
    /// order, so the result is the same as one pass.
    pub fn compute_indexed(
        filter: &Filter,
        index: &FacetIndex,
        text: Option<&TextMatches>,
    ) -> FacetCounts {
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(index.rows.len() / PARALLEL_RUN_MIN)
            .max(1);
        FacetCounts::compute_in_runs(filter, index, text, threads)
    }

    /// As [`FacetCounts::compute_indexed`], in `threads` runs at once.
    fn compute_in_runs(
        filter: &Filter,
        index: &FacetIndex,
        text: Option<&TextMatches>,
        threads: usize,
    ) -> FacetCounts {
        let f = Compiled::new(filter, index);
        let rows = index.rows.len();
        let partial = if threads == 1 {
            Partial::count(filter, &f, index, text, 0..rows)
        } else {
            let run = rows.div_ceil(threads);
            std::thread::scope(|scope| {
                let f = &f;
                let handles: Vec<_> = (0..threads)
                    .map(|t| {
                        let range = (t * run).min(rows)..((t + 1) * run).min(rows);
                        scope.spawn(move || Partial::count(filter, f, index, text, range))
                    })
                    .collect();
                handles
                    .into_iter()
                    .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                    .reduce(Partial::add)
                    .unwrap_or_else(|| Partial::new(index))
            })
        };
        partial.into_counts(index)
    }

    /// The count beside a perpetrator choice (0 when absent).
    pub fn perpetrator(&self, choice: Perpetrator) -> usize {
        self.perpetrators.get(&choice).copied().unwrap_or(0)
    }
}

/// The rows of an index a text search keeps, found before counting: the
/// window asks the database's full-text index, so that it keeps no
/// search text of its own ([`TextMatches::of_rows`]); the rule in memory
/// gives the same ([`TextMatches::of_haystacks`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextMatches {
    /// One bit a row.
    bits: Vec<u64>,
}

impl TextMatches {
    /// The rows numbered `rows`.
    pub fn of_rows(rows: impl IntoIterator<Item = usize>) -> TextMatches {
        let mut bits = Vec::new();
        for row in rows {
            let word = row / 64;
            if word >= bits.len() {
                bits.resize(word + 1, 0);
            }
            bits[word] |= 1 << (row % 64);
        }
        TextMatches { bits }
    }

    /// The rows whose `search_haystack` (`haystacks[row]`) holds every
    /// word of `text`.
    pub fn of_haystacks(text: &str, haystacks: &[String]) -> TextMatches {
        let query = TextQuery::new(text);
        TextMatches::of_rows(
            haystacks
                .iter()
                .enumerate()
                .filter(|(_, h)| query.matches(h))
                .map(|(row, _)| row),
        )
    }

    pub fn keeps(&self, row: usize) -> bool {
        self.bits
            .get(row / 64)
            .is_some_and(|word| word & (1 << (row % 64)) != 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exchange::synthetic::{self, Lcg};
    use crate::filter::search_haystack;
    use crate::model::Confidence;

    /// Counting in runs on several threads gives what one pass gives, the
    /// matches in the same order.
    #[test]
    fn runs_on_several_threads_add_up_to_one_pass() {
        let actors = synthetic::actors();
        let directory = ActorDirectory::new(actors.clone());
        let incidents = synthetic::incidents(500, 3, &directory);
        let haystacks: Vec<String> = incidents.iter().map(search_haystack).collect();
        let index = FacetIndex::build(&incidents, &directory);
        let filters = [
            Filter::default(),
            Filter {
                nationalities: [Some(CountryCode::TJ)].into(),
                min_confidence: Confidence::Likely,
                perpetrators: [Perpetrator::Actor(actors[0].id), Perpetrator::Unattributed].into(),
                ..Filter::default()
            },
            Filter {
                text: "incident 1".into(),
                bbox: Some(crate::filter::BBox {
                    min_lon: 68.0,
                    min_lat: 36.0,
                    max_lon: 71.0,
                    max_lat: 38.0,
                }),
                ..Filter::default()
            },
        ];
        for filter in &filters {
            let text = TextMatches::of_haystacks(&filter.text, &haystacks);
            let one = FacetCounts::compute_in_runs(filter, &index, Some(&text), 1);
            assert!(!one.matched.is_empty(), "{filter:?} keeps something");
            for threads in [2, 3, 7] {
                let runs = FacetCounts::compute_in_runs(filter, &index, Some(&text), threads);
                assert_eq!(runs, one, "{threads} runs of {filter:?}");
            }
        }
    }

    /// The packed index finds the possible duplicates the records say,
    /// the trash left out, wherever the draft is.
    #[test]
    fn possible_duplicates_from_the_index_are_those_of_the_records() {
        let directory = ActorDirectory::new(synthetic::actors());
        let mut incidents = synthetic::incidents(2000, 17, &directory);
        for incident in incidents.iter_mut().step_by(9) {
            incident.deleted_at = Some(jiff::Timestamp::now());
        }
        let index = FacetIndex::build(&incidents, &directory);
        let mut found_some = false;
        for like in incidents.iter().step_by(97) {
            let (lon, lat) = (like.location.lon + 0.01, like.location.lat);
            let (start, end) = (
                day_number(like.date.start) + 2,
                day_number(like.date.end) + 2,
            );
            let expected: Vec<usize> = (0..incidents.len())
                .filter(|&n| {
                    incidents[n].deleted_at.is_none()
                        && crate::filter::duplicates::may_be_same(
                            lon,
                            lat,
                            start,
                            end,
                            &incidents[n],
                        )
                })
                .collect();
            found_some |= !expected.is_empty();
            assert_eq!(
                index.possible_duplicates((lon, lat, None), start, end),
                expected
            );
        }
        assert!(found_some);
    }

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
            if rng.below(5) == 0 {
                filter
                    .provinces
                    .insert(rng.pick(&["KHATLON", "badakhshan", "Kunduz"]).to_string());
            }
            if rng.below(5) == 0 {
                filter.text = format!("incident {}", rng.below(10));
            }
            if rng.below(5) == 0 {
                filter.bbox = Some(crate::filter::BBox {
                    min_lon: 68.5,
                    min_lat: 36.5,
                    max_lon: 70.0 + rng.unit(),
                    max_lat: 38.0,
                });
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
            let text = TextMatches::of_haystacks(&filter.text, &haystacks);
            let counts = FacetCounts::compute(&filter, &incidents, Some(&text), &directory);
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
            let mut within = counts.without_date.iter();
            assert!(
                counts.matched.iter().all(|n| within.any(|m| m == n)),
                "the matches are among those without the date rule, in order"
            );

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
