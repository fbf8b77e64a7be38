//! The statistics view's summary of what the filter keeps: totals, killed
//! and wounded by victim nationality, by perpetrator (leading claim) and
//! by month, read off the packed index (no record is touched); a figure
//! built from an "at least" row stays a minimum. Made by `ui::statistics`
//! through a [`crate::background::Follower`].

use crate::filter::ActorDirectory;
use crate::filter::facets::FacetIndex;
use crate::model::script::for_display;
use crate::model::{CountryCode, date_of_day_number};
use crate::tr;
use crate::workspace::Workspace;
use std::collections::BTreeMap;
use uuid::Uuid;

/// One row of a breakdown. A figure built from any "at least" casualty
/// row is itself only a minimum, and says so ("7+").
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Row {
    pub key: String,
    pub incidents: usize,
    pub killed: u64,
    pub wounded: u64,
    pub killed_is_minimum: bool,
    pub wounded_is_minimum: bool,
}

impl Row {
    /// "7", or "7+" when a minimum went into it.
    pub fn killed_label(&self) -> String {
        with_plus(self.killed, self.killed_is_minimum)
    }

    pub fn wounded_label(&self) -> String {
        with_plus(self.wounded, self.wounded_is_minimum)
    }

    fn add(&mut self, killed: u64, wounded: u64, minimum: (bool, bool)) {
        self.killed += killed;
        self.wounded += wounded;
        self.killed_is_minimum |= minimum.0;
        self.wounded_is_minimum |= minimum.1;
    }
}

/// Grouped as the interface's language writes numbers, as the heading
/// above the tables is ("138,214+", not "138214+").
fn with_plus(n: u64, minimum: bool) -> String {
    let n = crate::lang::number(i64::try_from(n).unwrap_or(i64::MAX));
    if minimum { format!("{n}+") } else { n }
}

/// Everything the view shows, for one filter.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    pub total: Row,
    pub by_nationality: Vec<Row>,
    pub by_perpetrator: Vec<Row>,
    pub by_month: Vec<Row>,
    /// Incidents whose date interval runs over more than one month; they
    /// count in the month it starts.
    pub spanning_months: usize,
}

impl Summary {
    /// The summary of what the workspace's filter keeps.
    pub fn of(workspace: &Workspace) -> Summary {
        Summary::of_indexed(
            &workspace.shared_index(),
            &workspace.facets.matched,
            &workspace.actors,
        )
    }

    /// The summary of the incidents at `members` of `index` (leading
    /// actors named from `actors`): read off the packed index alone, so no
    /// record is touched.
    pub fn of_indexed(index: &FacetIndex, members: &[usize], actors: &ActorDirectory) -> Summary {
        let mut summary = Summary {
            total: Row {
                key: tr!("statistics-all"),
                ..Row::default()
            },
            ..Summary::default()
        };
        let mut nationality: BTreeMap<Option<CountryCode>, Row> = BTreeMap::new();
        let mut perpetrator: BTreeMap<Option<Uuid>, Row> = BTreeMap::new();
        let mut month: BTreeMap<(i16, i8), Row> = BTreeMap::new();
        let mut seen: Vec<Option<CountryCode>> = Vec::new();
        for &n in members {
            let Some((start, end)) = index.days(n) else {
                continue;
            };
            let (mut killed, mut wounded, mut minimum) = (0u64, 0u64, (false, false));
            seen.clear();
            for c in index.casualties(n) {
                let (k, w) = (u64::from(c.killed), u64::from(c.wounded));
                let row_minimum = (c.minimum && k > 0, c.minimum && w > 0);
                killed += k;
                wounded += w;
                minimum = (minimum.0 || row_minimum.0, minimum.1 || row_minimum.1);
                let row = nationality.entry(c.nationality).or_default();
                row.add(k, w, row_minimum);
                if !seen.contains(&c.nationality) {
                    row.incidents += 1;
                    seen.push(c.nationality);
                }
            }
            summary.total.incidents += 1;
            summary.total.add(killed, wounded, minimum);
            let leader = index.leader(n);
            add(
                perpetrator.entry(leader).or_default(),
                killed,
                wounded,
                minimum,
            );
            let (first, last) = (date_of_day_number(start), date_of_day_number(end));
            if (first.year(), first.month()) != (last.year(), last.month()) {
                summary.spanning_months += 1;
            }
            add(
                month.entry((first.year(), first.month())).or_default(),
                killed,
                wounded,
                minimum,
            );
        }
        let nationality = nationality.into_iter().map(|(code, row)| {
            let key = code.map_or_else(
                || tr!("statistics-unknown"),
                |n| format!("{} ({n})", n.tr_name()),
            );
            Row { key, ..row }
        });
        // Keyed by the name shown, as an analyst reads the table: two
        // actors of one name are one row.
        let mut by_name: BTreeMap<String, Row> = BTreeMap::new();
        for (leader, row) in perpetrator {
            let key = leader.and_then(|id| actors.get(id)).map_or_else(
                || tr!("filter-unattributed"),
                |a| for_display(&a.name).into_owned(),
            );
            let named = by_name.entry(key.clone()).or_insert_with(|| Row {
                key,
                ..Row::default()
            });
            named.incidents += row.incidents;
            named.add(
                row.killed,
                row.wounded,
                (row.killed_is_minimum, row.wounded_is_minimum),
            );
        }
        let by_killed = |rows: Vec<Row>| {
            let mut rows = rows;
            rows.sort_by(|a, b| {
                b.killed
                    .cmp(&a.killed)
                    .then(b.incidents.cmp(&a.incidents))
                    .then(a.key.cmp(&b.key))
            });
            rows
        };
        summary.by_nationality = by_killed(nationality.collect());
        summary.by_perpetrator = by_killed(by_name.into_values().collect());
        summary.by_month = month
            .into_iter()
            .map(|((year, month), row)| Row {
                key: format!("{year:04}-{month:02}"),
                ..row
            })
            .collect();
        summary
    }

    /// Every table as one CSV: section, key, incidents, killed, wounded,
    /// and whether each figure is only a minimum (a spreadsheet must not
    /// add "at least 2" up as 2).
    pub fn to_csv(&self) -> String {
        let mut out = String::from(
            "section,key,incidents,killed,killed_is_minimum,wounded,wounded_is_minimum\n",
        );
        let mut write = |section: &str, row: &Row| {
            let key = if row.key.contains([',', '"', '\n']) {
                format!("\"{}\"", row.key.replace('"', "\"\""))
            } else {
                row.key.clone()
            };
            out.push_str(&format!(
                "{section},{key},{},{},{},{},{}\n",
                row.incidents,
                row.killed,
                row.killed_is_minimum,
                row.wounded,
                row.wounded_is_minimum
            ));
        };
        write("total", &self.total);
        for row in &self.by_nationality {
            write("victim nationality", row);
        }
        for row in &self.by_perpetrator {
            write("perpetrator", row);
        }
        for row in &self.by_month {
            write("month", row);
        }
        out
    }
}

/// Counts one incident in `row`.
fn add(row: &mut Row, killed: u64, wounded: u64, minimum: (bool, bool)) {
    row.incidents += 1;
    row.add(killed, wounded, minimum);
}

/// How to make the summary of what `workspace`'s filter keeps, over
/// shared data only, so that it can run on a worker (in the window's
/// language: its rows' names are the interface's).
pub fn summary_job(workspace: &Workspace) -> impl FnOnce() -> Summary + Send + 'static {
    let index = workspace.shared_index();
    let members = std::sync::Arc::clone(&workspace.facets.matched);
    let actors = workspace.actors.clone();
    let language = crate::lang::current();
    move || {
        crate::lang::set(language);
        Summary::of_indexed(&index, &members, &actors)
    }
}

#[cfg(test)]
mod tests {
    use super::{Row, Summary};
    use crate::filter::facets::FacetIndex;
    use crate::filter::{ActorDirectory, leading_claim};
    use crate::model::{Figure, Incident};
    use std::collections::BTreeMap;

    /// The summary added up from whole records, the plain way: what the
    /// packed index's summary must equal.
    fn from_records(incidents: &[&Incident], actors: &ActorDirectory) -> Summary {
        let mut summary = Summary::default();
        let mut rows: [BTreeMap<String, Row>; 3] = Default::default();
        for incident in incidents {
            let minimum = |f: fn(&crate::model::Casualty) -> u32| {
                incident
                    .casualties
                    .iter()
                    .any(|c| c.figure == Figure::Minimum && f(c) > 0)
            };
            let minimum = (minimum(|c| c.killed), minimum(|c| c.wounded));
            let (killed, wounded) = (incident.killed(), incident.wounded());
            summary.total.incidents += 1;
            summary.total.add(killed, wounded, minimum);
            let mut seen = Vec::new();
            for c in &incident.casualties {
                let key = c.nationality.map_or_else(
                    || crate::tr!("statistics-unknown"),
                    |n| format!("{} ({n})", n.tr_name()),
                );
                let row = rows[0].entry(key.clone()).or_default();
                let at_least = c.figure == Figure::Minimum;
                row.add(
                    u64::from(c.killed),
                    u64::from(c.wounded),
                    (at_least && c.killed > 0, at_least && c.wounded > 0),
                );
                row.key = key.clone();
                if !seen.contains(&key) {
                    row.incidents += 1;
                    seen.push(key);
                }
            }
            let by = leading_claim(incident, actors).map_or_else(
                || crate::tr!("filter-unattributed"),
                |(a, _)| crate::model::script::for_display(&a.name).into_owned(),
            );
            let (start, end) = (incident.date.start, incident.date.end);
            if (start.year(), start.month()) != (end.year(), end.month()) {
                summary.spanning_months += 1;
            }
            let month = format!("{:04}-{:02}", start.year(), start.month());
            for (table, key) in [(1, by), (2, month)] {
                let row = rows[table].entry(key.clone()).or_default();
                row.key = key;
                row.incidents += 1;
                row.add(killed, wounded, minimum);
            }
        }
        let [nationality, perpetrator, month] = rows;
        let by_killed = |rows: BTreeMap<String, Row>| {
            let mut rows: Vec<Row> = rows.into_values().collect();
            rows.sort_by(|a, b| {
                (b.killed, b.incidents, &a.key).cmp(&(a.killed, a.incidents, &b.key))
            });
            rows
        };
        summary.total.key = crate::tr!("statistics-all");
        summary.by_nationality = by_killed(nationality);
        summary.by_perpetrator = by_killed(perpetrator);
        summary.by_month = month.into_values().collect();
        summary
    }

    #[test]
    fn figures_are_grouped_as_the_language_writes_numbers() {
        crate::lang::set(crate::lang::Language::English);
        let row = Row {
            killed: 138_214,
            killed_is_minimum: true,
            wounded: 5,
            ..Row::default()
        };
        assert_eq!(row.killed_label(), "138,214+");
        assert_eq!(row.wounded_label(), "5");
    }

    #[test]
    fn the_summary_from_the_packed_index_equals_one_added_up_from_the_records() {
        let actors = ActorDirectory::new(crate::exchange::synthetic::actors());
        let incidents = crate::exchange::synthetic::incidents(3000, 7, &actors);
        assert!(
            incidents
                .iter()
                .flat_map(|i| &i.casualties)
                .any(|c| c.figure == Figure::Minimum),
            "the sample has minimum figures"
        );
        let index = FacetIndex::build(&incidents, &actors);
        // Every third incident: a filter's subset, not the whole index.
        let members: Vec<usize> = (0..incidents.len()).step_by(3).collect();
        let kept: Vec<&Incident> = members.iter().map(|&n| &incidents[n]).collect();
        let summary = Summary::of_indexed(&index, &members, &actors);
        assert_eq!(summary, from_records(&kept, &actors));
        assert!(summary.total.killed_is_minimum && summary.by_month.len() > 1);
        // Read back from the block the database keeps: the "at least"
        // flags survive the encoding.
        let keys: Vec<_> = (0..index.len())
            .map(|n| crate::filter::facets::BlockKey {
                seq: n as i64 + 1,
                version: 1,
            })
            .collect();
        let (decoded, _) = FacetIndex::decode(&index.encode(&keys), &actors).expect("decodes");
        assert_eq!(Summary::of_indexed(&decoded, &members, &actors), summary);
    }
}
