//! The timeline's chart: incidents (or people killed) of what the filter
//! keeps but for its dates, per day, week or month, stacked by leading
//! perpetrator, read off the packed index (no record is touched); an
//! incident dated only to an interval longer than a bin is a spread, never
//! a bar on an invented day. Made by `ui::timeline` through a
//! [`crate::background::Follower`].

use crate::map::style::UNATTRIBUTED;
use crate::tr;
use crate::workspace::Workspace;
use egui::Color32;
use jiff::civil::Date;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use uuid::Uuid;

/// The width of a bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bin {
    Auto,
    Day,
    Week,
    Month,
}

impl Bin {
    pub fn label(self) -> String {
        match self {
            Bin::Auto => tr!("timeline-bin-auto"),
            Bin::Day => tr!("timeline-bin-day"),
            Bin::Week => tr!("timeline-bin-week"),
            Bin::Month => tr!("timeline-bin-month"),
        }
    }

    /// The number of the bin a day falls in, counting bins from an
    /// arbitrary origin: consecutive bins have consecutive numbers.
    pub fn ordinal(self, day: i64) -> i64 {
        match self {
            Bin::Day | Bin::Auto => day,
            Bin::Week => (day + 3).div_euclid(7),
            Bin::Month => {
                let (year, month, _) = crate::model::civil_from_day_number(day);
                year * 12 + month - 1
            }
        }
    }

    /// The first day and length of the bin numbered `ordinal`.
    pub fn of_ordinal(self, ordinal: i64) -> (i64, i64) {
        match self {
            Bin::Day | Bin::Auto => (ordinal, 1),
            Bin::Week => (ordinal * 7 - 3, 7),
            Bin::Month => {
                let (year, month) = (ordinal.div_euclid(12), ordinal.rem_euclid(12) + 1);
                let first =
                    Date::new(year as i16, month as i8, 1).map_or(0, crate::model::day_number);
                (first, crate::model::days_in_month(year, month))
            }
        }
    }

    /// The bin a day (days since 1970-01-01) falls in: its first day and
    /// its length in days.
    pub fn of(self, day: i64) -> (i64, i64) {
        match self {
            Bin::Day | Bin::Auto => (day, 1),
            // 1970-01-01 was a Thursday; weeks start on Monday.
            Bin::Week => ((day + 3).div_euclid(7) * 7 - 3, 7),
            Bin::Month => {
                let (year, month, day_of_month) = crate::model::civil_from_day_number(day);
                let first = day - (day_of_month - 1);
                (first, crate::model::days_in_month(year, month))
            }
        }
    }
}

/// What the bars count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    Incidents,
    Killed,
}

/// One stacked series: a perpetrator and its bars (bin start, width, value).
pub struct Series {
    pub name: String,
    pub colour: Color32,
    pub bars: Vec<(i64, i64, f64)>,
}

/// An incident spanning several bins: its first and last day.
pub struct Spread {
    pub from: i64,
    pub to: i64,
    pub colour: Color32,
    /// Its title and date, given by the panel (from the records).
    pub title: String,
    /// Its index among the workspace's loaded incidents.
    pub incident: usize,
}

/// What the chart draws, worked out when the incidents or settings change.
#[derive(Default)]
pub struct Chart {
    pub series: Vec<Series>,
    pub spreads: Vec<Spread>,
    /// How many spreading incidents overlap each bin, when too many to draw one by one.
    pub spread_counts: Vec<(i64, i64, f64)>,
    pub bin: Option<Bin>,
    pub first_day: i64,
    pub last_day: i64,
    pub max_stack: f64,
}

/// The name of the bars that carry deaths dated only to an interval.
pub fn interval_deaths_name() -> String {
    tr!("timeline-interval-deaths")
}

/// Spreading incidents drawn one by one up to this many; beyond, as counts.
pub const MAX_SPREAD_LINES: usize = 60;

/// What a chart is made from, shared or owned, so that a large one can
/// be made on a worker while the last one stays drawn.
pub struct ChartSource {
    index: Arc<crate::filter::facets::FacetIndex>,
    /// The incidents every rule but the date keeps (indexes into the
    /// workspace's loaded incidents).
    members: Arc<Vec<usize>>,
    actors: crate::filter::ActorDirectory,
    palette: crate::map::style::ActorPalette,
    language: crate::lang::Language,
}

impl ChartSource {
    pub fn of(workspace: &Workspace) -> ChartSource {
        ChartSource {
            index: workspace.shared_index(),
            members: Arc::clone(&workspace.facets.without_date),
            actors: workspace.actors.clone(),
            palette: workspace.palette.clone(),
            language: crate::lang::current(),
        }
    }

    /// The chart, its few spreads not yet titled ([`Chart::name_spreads`]).
    pub fn chart(&self, bin: Bin, measure: Measure) -> Chart {
        crate::lang::set(self.language);
        chart_of(self, bin, measure)
    }
}

/// Works out the bars and spreads.
fn chart_of(source: &ChartSource, bin: Bin, measure: Measure) -> Chart {
    // Days and tolls from the packed index: a hundred thousand records
    // are not touched one by one.
    let index = &*source.index;
    let incidents: Vec<(usize, i64, i64, Option<Uuid>)> = source
        .members
        .iter()
        .filter_map(|&i| {
            let (start, end) = index.days(i)?;
            Some((i, start, end, index.leader(i)))
        })
        .collect();
    let Some(first_day) = incidents.iter().map(|(_, start, _, _)| *start).min() else {
        return Chart::default();
    };
    let last_day = incidents
        .iter()
        .map(|(_, _, end, _)| *end)
        .max()
        .unwrap_or(first_day);
    let bin = match bin {
        Bin::Auto => {
            let span = last_day - first_day;
            if span <= 180 {
                Bin::Day
            } else if span <= 4 * 365 {
                Bin::Week
            } else {
                Bin::Month
            }
        }
        b => b,
    };
    // Dense bars, one row of bins per perpetrator: a hundred thousand
    // incidents are binned within a frame.
    let first_ordinal = bin.ordinal(first_day);
    let bins = (bin.ordinal(last_day) - first_ordinal + 1).max(1) as usize;
    let mut actors: Vec<Option<Uuid>> = Vec::new();
    let mut rows: Vec<Vec<f64>> = Vec::new();
    let mut spreads = Vec::new();
    for &(n, start, end, actor) in &incidents {
        let ordinal = bin.ordinal(start);
        if bin.ordinal(end) != ordinal {
            spreads.push((start, end, actor, n));
            continue;
        }
        let value = match measure {
            Measure::Incidents => 1.0,
            Measure::Killed => index.killed(n) as f64,
        };
        let slot = match actors.iter().position(|a| *a == actor) {
            Some(slot) => slot,
            None => {
                actors.push(actor);
                rows.push(vec![0.0; bins]);
                actors.len() - 1
            }
        };
        rows[slot][(ordinal - first_ordinal) as usize] += value;
    }
    // (start, width, value) of each bar with something in it.
    let mut per_actor: HashMap<Option<Uuid>, Vec<(i64, i64, f64)>> = actors
        .into_iter()
        .zip(rows)
        .map(|(actor, row)| {
            let bars = row
                .into_iter()
                .enumerate()
                .filter(|(_, v)| *v > 0.0)
                .map(|(n, v)| {
                    let (start, width) = bin.of_ordinal(first_ordinal + n as i64);
                    (start, width, v)
                })
                .collect();
            (actor, bars)
        })
        .collect();
    // Biggest perpetrators at the bottom of the stack, unattributed on top.
    let mut totals: Vec<(Option<Uuid>, f64)> = per_actor
        .iter()
        .map(|(k, bars)| (*k, bars.iter().map(|(_, _, v)| v).sum()))
        .collect();
    totals.sort_by(|a, b| {
        a.0.is_none()
            .cmp(&b.0.is_none())
            .then(b.1.total_cmp(&a.1))
            .then(a.0.cmp(&b.0))
    });
    let mut stack: HashMap<i64, f64> = HashMap::new();
    let series: Vec<Series> = totals
        .into_iter()
        .filter_map(|(actor, _)| {
            let bars = per_actor.remove(&actor)?;
            let name = actor
                .and_then(|id| source.actors.get(id))
                .map_or_else(|| tr!("filter-unattributed"), |a| a.name.clone());
            for (start, _, v) in &bars {
                *stack.entry(*start).or_default() += v;
            }
            (!bars.is_empty()).then(|| Series {
                name,
                colour: source.palette.colour(actor),
                bars,
            })
        })
        .collect();
    // Deaths of incidents dated only to an interval longer than a bin,
    // spread evenly over its days: drawn as their own lighter bars on top,
    // so the bars of each bin add up to everyone known killed.
    let mut interval_deaths: BTreeMap<i64, (i64, f64)> = BTreeMap::new();
    if measure == Measure::Killed {
        for &(from, to, _, n) in &spreads {
            let killed = index.killed(n) as f64;
            if killed <= 0.0 {
                continue;
            }
            let per_day = killed / (to - from + 1) as f64;
            let mut day = from;
            while day <= to {
                let (start, width) = bin.of(day);
                let days_in = (start + width).min(to + 1) - day;
                interval_deaths.entry(start).or_insert((width, 0.0)).1 += per_day * days_in as f64;
                day = start + width;
            }
        }
    }
    let mut series = series;
    if !interval_deaths.is_empty() {
        let bars: Vec<(i64, i64, f64)> = interval_deaths
            .into_iter()
            .map(|(start, (width, value))| (start, width, value))
            .collect();
        for (start, _, v) in &bars {
            *stack.entry(*start).or_default() += v;
        }
        series.push(Series {
            name: interval_deaths_name(),
            colour: UNATTRIBUTED.gamma_multiply(0.45),
            bars,
        });
    }
    let max_stack = stack.values().copied().fold(1.0, f64::max);
    spreads.sort_by_key(|(from, to, _, _)| (*from, *to));
    let mut spread_counts = Vec::new();
    if spreads.len() > MAX_SPREAD_LINES {
        let mut counts: BTreeMap<i64, (i64, f64)> = BTreeMap::new();
        for &(from, to, _, _) in &spreads {
            let mut day = from;
            while day <= to {
                let (start, width) = bin.of(day);
                counts.entry(start).or_insert((width, 0.0)).1 += 1.0;
                day = start + width;
            }
        }
        spread_counts = counts.into_iter().map(|(s, (w, c))| (s, w, c)).collect();
        spreads.clear();
    }
    // Titled afterwards, from the records: only the few drawn one by one.
    let spreads = spreads
        .into_iter()
        .map(|(from, to, actor, n)| Spread {
            from,
            to,
            colour: source.palette.colour(actor),
            title: String::new(),
            incident: n,
        })
        .collect();
    Chart {
        series,
        spreads,
        spread_counts,
        bin: Some(bin),
        first_day,
        last_day,
        max_stack,
    }
}
