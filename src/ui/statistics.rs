//! Statistics of the filtered incidents: totals, killed and wounded by
//! victim nationality, by perpetrator (leading claim) and by month, each
//! with a small chart; all of it copyable as CSV.

use crate::background::{Arrival, Arriving};
use crate::filter::ActorDirectory;
use crate::filter::facets::FacetIndex;
use crate::model::script::for_display;
use crate::model::{CountryCode, date_of_day_number};
use crate::tr;
use crate::workspace::Workspace;
use egui::{RichText, Ui};
use egui_plot::{Bar, BarChart, Plot};
use std::collections::BTreeMap;
use std::sync::Arc;
use uuid::Uuid;

/// From this many incidents kept, the summary is made on a worker: it
/// reads every kept incident's casualty rows off the packed index and
/// dates every one by its month, more than a frame's work from tens of
/// thousands on.
pub const SUMMARY_ON_A_WORKER_FROM: usize = 50_000;

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
                |n| format!("{} ({n})", super::country_name(&n)),
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

/// The statistics view's own state.
pub struct Statistics {
    summary: Summary,
    /// The workspace generation `summary` is of.
    summary_for: Option<u64>,
    /// The summary of a newer generation being made on a worker.
    pending: Option<Arriving<u64, Summary>>,
    /// From this many incidents kept, the summary is made on a worker.
    pub(crate) on_a_worker_from: usize,
    copied: bool,
}

impl Default for Statistics {
    fn default() -> Self {
        Statistics {
            summary: Summary::default(),
            summary_for: None,
            pending: None,
            on_a_worker_from: SUMMARY_ON_A_WORKER_FROM,
            copied: false,
        }
    }
}

impl Statistics {
    /// Brings the summary in step with the workspace: at once for a few
    /// incidents; for many on a worker, the last summary shown until the
    /// new one comes.
    fn follow(&mut self, ctx: &egui::Context, workspace: &Workspace) {
        let generation = workspace.generation;
        if self.summary_for == Some(generation) {
            self.pending = None;
            return;
        }
        if let Some(arriving) = &self.pending
            && arriving.key == generation
        {
            match arriving.poll() {
                Arrival::Came(summary) => self.adopt(summary, generation),
                Arrival::Waiting => {}
                Arrival::Lost => self.adopt(Summary::of(workspace), generation),
            }
            return;
        }
        if workspace.facets.matched.len() < self.on_a_worker_from {
            self.adopt(Summary::of(workspace), generation);
            return;
        }
        let index = workspace.shared_index();
        let members = Arc::clone(&workspace.facets.matched);
        let actors = workspace.actors.clone();
        let language = crate::lang::current();
        let ctx = ctx.clone();
        self.pending = Some(Arriving::start(
            generation,
            move || {
                crate::lang::set(language);
                Summary::of_indexed(&index, &members, &actors)
            },
            move || ctx.request_repaint(),
        ));
    }

    fn adopt(&mut self, summary: Summary, generation: u64) {
        self.summary = summary;
        self.summary_for = Some(generation);
        self.pending = None;
        self.copied = false;
    }

    /// Whether the view shows the workspace's filter of now.
    pub fn is_in_step(&self, workspace: &Workspace) -> bool {
        self.summary_for == Some(workspace.generation)
    }

    pub fn ui(&mut self, ui: &mut Ui, workspace: &Workspace) {
        self.follow(ui.ctx(), workspace);
        let in_step = self.is_in_step(workspace);
        let summary = &self.summary;
        ui.horizontal(|ui| {
            ui.heading(tr!("statistics-statistics-of-the-filtered"));
            if !in_step {
                // The figures are the last filter's until the new ones come.
                ui.add(egui::Spinner::new().size(14.0));
            }
            if ui
                .button(tr!("statistics-copy-as-csv"))
                .on_hover_text(tr!("statistics-every-table-below-to"))
                .clicked()
            {
                ui.ctx().copy_text(summary.to_csv());
                self.copied = true;
            }
            if self.copied {
                ui.label(RichText::new(tr!("statistics-copied")).weak());
            }
        });
        let figure = |n: u64, minimum: bool| {
            if minimum {
                tr!("statistics-at-least", n = n)
            } else {
                crate::lang::number(n as i64)
            }
        };
        ui.label(
            RichText::new(tr!(
                "statistics-total",
                incidents = summary.total.incidents,
                killed = figure(summary.total.killed, summary.total.killed_is_minimum),
                wounded = figure(summary.total.wounded, summary.total.wounded_is_minimum)
            ))
            .size(18.0),
        );
        if summary.total.incidents == 0 {
            ui.label(tr!("statistics-no-incident-passes-the"));
            return;
        }
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                ui.columns(2, |columns| {
                    section(
                        &mut columns[0],
                        &tr!("statistics-by-nationality"),
                        &summary.by_nationality,
                        true,
                    );
                    section(
                        &mut columns[1],
                        &tr!("statistics-by-perpetrator"),
                        &summary.by_perpetrator,
                        true,
                    );
                });
                ui.separator();
                section(ui, &tr!("statistics-by-month"), &summary.by_month, false);
                if summary.spanning_months > 0 {
                    ui.label(
                        RichText::new(tr!(
                            "statistics-spanning-months",
                            count = summary.spanning_months
                        ))
                        .weak(),
                    );
                }
            });
    }
}

/// A table and a small bar chart of killed per row.
fn section(ui: &mut Ui, title: &str, rows: &[Row], horizontal: bool) {
    ui.strong(title);
    let bars: Vec<Bar> = rows
        .iter()
        .enumerate()
        .map(|(n, row)| {
            let at = if horizontal { -(n as f64) } else { n as f64 };
            Bar::new(at, row.killed as f64).name(&row.key).width(0.7)
        })
        .collect();
    let mut chart = BarChart::new(tr!("statistics-killed"), bars)
        .color(egui::Color32::from_rgb(0xC0, 0x39, 0x2B));
    if horizontal {
        chart = chart.horizontal();
    }
    // Room around the bars, so one bar does not fill the whole chart.
    let categories = rows.len().max(1) as f64;
    let mut plot = Plot::new(format!("chart {title}"))
        .height(110.0)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .show_axes([true, !horizontal])
        .show_grid(false)
        .include_x(0.0)
        .include_y(0.0);
    if horizontal {
        plot = plot
            .include_y(0.5)
            .include_y(0.5 - categories)
            .x_axis_label(tr!("statistics-killed-axis"));
    } else {
        let keys: Vec<String> = rows.iter().map(|r| r.key.clone()).collect();
        plot = plot
            .include_x(-0.5)
            .include_x(categories - 0.5)
            .y_axis_label(tr!("statistics-killed-axis"))
            .x_axis_formatter(move |mark, _| {
                let at = mark.value.round();
                if (mark.value - at).abs() < 1e-6 && at >= 0.0 {
                    keys.get(at as usize).cloned().unwrap_or_default()
                } else {
                    String::new()
                }
            });
    }
    plot.show(ui, |plot_ui| plot_ui.bar_chart(chart));
    egui::Grid::new(format!("table {title}"))
        .striped(true)
        .num_columns(4)
        .show(ui, |ui| {
            for header in [
                String::new(),
                tr!("statistics-incidents"),
                tr!("statistics-killed"),
                tr!("statistics-wounded"),
            ] {
                ui.label(RichText::new(header).small().strong());
            }
            ui.end_row();
            for row in rows {
                ui.label(&row.key);
                ui.label(crate::lang::number(row.incidents as i64));
                ui.label(row.killed_label());
                ui.label(row.wounded_label());
                ui.end_row();
            }
        });
}

#[cfg(test)]
mod tests {
    use super::{Row, Statistics, Summary};
    use crate::filter::facets::FacetIndex;
    use crate::filter::{ActorDirectory, Filter, leading_claim};
    use crate::model::{Figure, Incident};
    use crate::workspace::Workspace;
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
                    |n| format!("{} ({n})", crate::ui::country_name(&n)),
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

    /// Draws the view until it shows the workspace's filter of now.
    fn until_in_step(ctx: &egui::Context, statistics: &mut Statistics, workspace: &Workspace) {
        for _ in 0..1000 {
            crate::ui::frame(ctx, |ui| statistics.ui(ui, workspace));
            if statistics.is_in_step(workspace) {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        panic!("the summary never came");
    }

    #[test]
    fn a_summary_made_on_a_worker_equals_one_made_at_once_and_the_last_stays_until_it_comes() {
        let mut workspace = crate::workspace::seeded_for_tests();
        let ctx = egui::Context::default();
        let mut statistics = Statistics {
            on_a_worker_from: 0,
            ..Statistics::default()
        };
        let everything = Summary::of(&workspace);
        until_in_step(&ctx, &mut statistics, &workspace);
        assert_eq!(statistics.summary, everything);
        let last = workspace
            .kept(workspace.incidents.len() - 1)
            .unwrap()
            .title()
            .to_string();
        workspace.set_filter(Filter {
            text: last,
            ..Filter::default()
        });
        crate::ui::frame(&ctx, |ui| statistics.ui(ui, &workspace));
        assert!(!statistics.is_in_step(&workspace), "made on a worker");
        assert_eq!(statistics.summary, everything, "the last summary stays");
        until_in_step(&ctx, &mut statistics, &workspace);
        let filtered = Summary::of(&workspace);
        assert_ne!(filtered, everything);
        assert_eq!(statistics.summary, filtered);
    }
}
