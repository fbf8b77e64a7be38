//! Statistics of the filtered incidents: totals, killed and wounded by
//! victim nationality, by perpetrator (leading claim) and by month, each
//! with a small chart; all of it copyable as CSV.

use crate::background::{Followed, Follower};
use crate::tr;
use crate::ui::Panel;
use crate::workspace::derived::summary::{self, Row, Summary};
use crate::workspace::{Command, Workspace};
use egui::{RichText, Ui};
use egui_plot::{Bar, BarChart, Plot};

/// The statistics view's own state.
pub struct Statistics {
    /// The summary shown, and the workspace generation it is of.
    shown: Follower<u64, Summary>,
    copied: bool,
}

impl Default for Statistics {
    fn default() -> Self {
        Statistics {
            shown: Follower::new(Summary::default()),
            copied: false,
        }
    }
}

impl Statistics {
    /// Brings the summary in step with the workspace: at once for a few
    /// incidents; for many on a worker, the last summary shown until the
    /// new one comes.
    fn follow(&mut self, ctx: &egui::Context, workspace: &Workspace) {
        let large = workspace.facets.matched.len() >= workspace.on_a_worker_from;
        let ctx = ctx.clone();
        let followed = self.shown.follow(
            workspace.generation,
            large,
            || summary::summary_job(workspace),
            move || ctx.request_repaint(),
        );
        if followed == Followed::New {
            self.copied = false;
        }
    }

    /// Whether the view shows the workspace's filter of now.
    pub fn is_in_step(&self, workspace: &Workspace) -> bool {
        self.shown.is_for(&workspace.generation)
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
        .show_axes([true, true])
        .show_grid(false)
        .include_x(0.0)
        .include_y(0.0);
    // Every bar named on its axis, each name drawn alike (the month axis
    // alternated dim and bright names by egui_plot's mark strengths).
    let keys: Vec<String> = rows.iter().map(|r| r.key.clone()).collect();
    let count = keys.len();
    let name_of = move |value: f64| {
        let at = value.round();
        if (value - at).abs() < 1e-6 && at >= 0.0 {
            keys.get(at as usize).cloned().unwrap_or_default()
        } else {
            String::new()
        }
    };
    let category_marks = move |_: egui_plot::GridInput| category_marks(count, horizontal);
    if horizontal {
        plot = plot
            .include_y(0.5)
            .include_y(0.5 - categories)
            .x_axis_label(tr!("statistics-killed-axis"))
            .x_grid_spacer(|input| super::count_axis_marks(input.bounds.1, input.base_step_size))
            .x_axis_formatter(|mark, _| super::count_axis_label(mark.value))
            .y_axis_min_width(110.0)
            .y_grid_spacer(category_marks)
            .y_axis_formatter(move |mark, _| name_of(-mark.value));
    } else {
        plot = plot
            .include_x(-0.5)
            .include_x(categories - 0.5)
            .y_axis_label(tr!("statistics-killed-axis"))
            .y_grid_spacer(|input| super::count_axis_marks(input.bounds.1, input.base_step_size))
            .y_axis_formatter(|mark, _| super::count_axis_label(mark.value))
            .x_grid_spacer(category_marks)
            .x_axis_formatter(move |mark, _| name_of(mark.value));
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

/// One mark per category (every few when there are many, so that the
/// names do not overlap), all of one strength; a horizontal chart's
/// categories run down from 0.
fn category_marks(count: usize, horizontal: bool) -> Vec<egui_plot::GridMark> {
    let every = count.div_ceil(12).max(1);
    (0..count)
        .step_by(every)
        .map(|n| egui_plot::GridMark {
            value: if horizontal { -(n as f64) } else { n as f64 },
            step_size: every as f64,
        })
        .collect()
}

impl Panel for Statistics {
    fn ui(&mut self, ui: &mut egui::Ui, workspace: &Workspace, _commands: &mut Vec<Command>) {
        self.follow(ui.ctx(), workspace);
        let in_step = self.is_in_step(workspace);
        let summary = self.shown.value();
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

#[cfg(test)]
mod tests {
    use super::{Statistics, Summary};
    use crate::filter::Filter;
    use crate::ui::Panel;
    use crate::workspace::Workspace;

    /// Every category gets a mark of one strength (the month axis had
    /// alternately dim and bright names), at most a dozen or so named, and
    /// a horizontal chart's names run down its side (issue 43, item 13).
    #[test]
    fn each_category_is_marked_alike() {
        let marks = super::category_marks(5, false);
        let values: Vec<f64> = marks.iter().map(|m| m.value).collect();
        assert_eq!(values, [0.0, 1.0, 2.0, 3.0, 4.0]);
        assert!(marks.iter().all(|m| m.step_size == 1.0));
        let down: Vec<f64> = super::category_marks(3, true)
            .iter()
            .map(|m| m.value)
            .collect();
        assert_eq!(down, [0.0, -1.0, -2.0]);
        let many = super::category_marks(40, false);
        assert!(many.len() <= 14 && many.len() >= 10, "{}", many.len());
        assert!(many.iter().all(|m| m.step_size == many[0].step_size));
    }

    /// Draws the view until it shows the workspace's filter of now.
    fn until_in_step(ctx: &egui::Context, statistics: &mut Statistics, workspace: &Workspace) {
        for _ in 0..1000 {
            crate::ui::frame(ctx, |ui| statistics.ui(ui, workspace, &mut Vec::new()));
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
        workspace.on_a_worker_from = 0;
        let mut statistics = Statistics::default();
        let everything = Summary::of(&workspace);
        until_in_step(&ctx, &mut statistics, &workspace);
        assert_eq!(*statistics.shown.value(), everything);
        let last = workspace
            .kept(workspace.incidents.len() - 1)
            .unwrap()
            .title()
            .to_string();
        workspace.set_filter(Filter {
            text: last,
            ..Filter::default()
        });
        crate::ui::frame(&ctx, |ui| statistics.ui(ui, &workspace, &mut Vec::new()));
        assert!(!statistics.is_in_step(&workspace), "made on a worker");
        assert_eq!(
            *statistics.shown.value(),
            everything,
            "the last summary stays"
        );
        until_in_step(&ctx, &mut statistics, &workspace);
        let filtered = Summary::of(&workspace);
        assert_ne!(filtered, everything);
        assert_eq!(*statistics.shown.value(), filtered);
    }
}
