//! The timeline: incidents (or people killed) per day, week or month,
//! stacked by perpetrator (leading claim), as an egui_plot bar chart.
//!
//! It shows every incident the filter keeps *except for its dates*, so the
//! chosen date range (drawn as a band) keeps its context; bars outside it
//! are faded. An incident whose date interval fits in one bin is a bar; one
//! that spans several (known only to the week or month) is drawn under the
//! axis across its whole interval, never as a point on an invented day.
//! Dragging across the chart sets the date filter; Play slides a window
//! of days through time and the map and table follow.

use crate::background::{Followed, Follower};
use crate::filter::Filter;
use crate::map::style::UNATTRIBUTED;
pub use crate::model::{date_of_day_number as from_day, day_number as to_day};
use crate::tr;
use crate::ui::Panel;
use crate::workspace::derived::chart::{Bin, Chart, ChartSource, Measure};
use crate::workspace::{Command, Workspace};
use egui::{Color32, RichText, Ui};
use egui_plot::{Bar, BarChart, Line, Plot, Span};
use jiff::civil::Date;
use std::collections::HashMap;

/// The timeline panel's own state.
pub struct Timeline {
    bin: Bin,
    measure: Measure,
    /// The chart drawn, and the workspace generation and settings it is of.
    shown: Follower<(u64, Bin, Measure), Chart>,
    brush_from: Option<f64>,
    playing: bool,
    /// Days the playing window covers.
    window_days: i64,
    /// Days the window moves per second.
    speed: f64,
    play_at: f64,
    /// The date range the analyst had when Play began, given back when the
    /// run ends (at the last day, or with Stop).
    before_play: Option<(Option<Date>, Option<Date>)>,
    /// Where the chart was drawn last frame, for tests and brushing.
    transform: Option<egui_plot::PlotTransform>,
}

impl Default for Timeline {
    fn default() -> Self {
        Timeline {
            bin: Bin::Auto,
            measure: Measure::Incidents,
            shown: Follower::new(Chart::default()),
            brush_from: None,
            playing: false,
            window_days: 30,
            speed: 30.0,
            play_at: 0.0,
            before_play: None,
            transform: None,
        }
    }
}

impl Timeline {
    pub fn is_playing(&self) -> bool {
        self.playing
    }

    /// Where the start of `date` was drawn in the last frame, at the
    /// chart's vertical middle.
    pub fn screen_position(&self, date: Date) -> Option<egui::Pos2> {
        let t = self.transform.as_ref()?;
        let x = t.position_from_point_x(to_day(date) as f64);
        Some(egui::pos2(x, t.frame().center().y))
    }

    /// The chart drawn now.
    fn chart(&self) -> &Chart {
        self.shown.value()
    }

    /// Brings the chart in step with the workspace: at once for a small
    /// one; for a large one on a worker, the last chart staying drawn
    /// until the new one comes, so that no frame waits for it.
    fn sync(&mut self, ctx: &egui::Context, workspace: &Workspace) {
        let key = (workspace.generation, self.bin, self.measure);
        let large = workspace.facets.without_date.len() >= workspace.on_a_worker_from;
        let (bin, measure) = (self.bin, self.measure);
        let ctx = ctx.clone();
        let followed = self.shown.follow(
            key,
            large,
            || {
                let source = ChartSource::of(workspace);
                move || source.chart(bin, measure)
            },
            move || ctx.request_repaint(),
        );
        if followed == Followed::New {
            self.shown.value_mut().name_spreads(workspace);
        }
    }

    /// Whether the chart shows the workspace's filter of now.
    pub fn is_in_step(&self, workspace: &Workspace) -> bool {
        self.shown
            .key()
            .is_some_and(|(generation, _, _)| *generation == workspace.generation)
    }

    fn controls(&mut self, ui: &mut Ui, workspace: &Workspace, commands: &mut Vec<Command>) {
        // Wrapped: beside the incident form the row is narrower than the
        // controls, and Incidents / Killed lay under the form.
        ui.horizontal_wrapped(|ui| {
            // Fixed widths: Play turning into Pause must not move the controls.
            let size = egui::vec2(56.0, ui.spacing().interact_size.y);
            let play_label = if self.playing {
                tr!("timeline-pause")
            } else {
                tr!("timeline-play")
            };
            if ui
                .add_sized(size, egui::Button::new(play_label))
                .on_hover_text(tr!("timeline-slide-a-window-of"))
                .clicked()
            {
                self.playing = !self.playing;
                if self.playing && self.before_play.is_none() {
                    // A new run: remember the analyst's own range, to give
                    // it back when the run ends.
                    let filter = &workspace.filter;
                    self.before_play = Some((filter.date_from, filter.date_to));
                    let start = filter
                        .date_from
                        .map(to_day)
                        .filter(|d| *d < self.chart().last_day)
                        .unwrap_or(self.chart().first_day);
                    self.play_at = start as f64;
                }
            }
            if ui
                .add_enabled(
                    self.before_play.is_some(),
                    egui::Button::new(tr!("timeline-stop")).min_size(size),
                )
                .on_hover_text(tr!("timeline-end-the-run-and"))
                .clicked()
            {
                self.stop(workspace, commands);
            }
            ui.add(
                egui::DragValue::new(&mut self.window_days)
                    .range(1..=3650)
                    .suffix(tr!("timeline-days")),
            )
            .on_hover_text(tr!("timeline-width-of-the-playing"));
            egui::ComboBox::new("play_speed", tr!("timeline-speed-label"))
                .selected_text(speed_label(self.speed))
                .show_ui(ui, |ui| {
                    for speed in [7.0, 30.0, 90.0, 365.0] {
                        ui.selectable_value(&mut self.speed, speed, speed_label(speed));
                    }
                });
            ui.separator();
            egui::ComboBox::new("timeline_bin", tr!("timeline-per-bar"))
                .selected_text(match (self.bin, self.chart().bin) {
                    (Bin::Auto, Some(b)) => {
                        tr!("timeline-bin-auto-as", bin = b.label().to_lowercase())
                    }
                    (b, _) => b.label(),
                })
                .show_ui(ui, |ui| {
                    for bin in [Bin::Auto, Bin::Day, Bin::Week, Bin::Month] {
                        ui.selectable_value(&mut self.bin, bin, bin.label());
                    }
                });
            ui.selectable_value(&mut self.measure, Measure::Incidents, tr!("map-incidents"));
            ui.selectable_value(&mut self.measure, Measure::Killed, tr!("timeline-killed"))
                .on_hover_text(tr!("timeline-people-killed-per-bar"));
            let filter = &workspace.filter;
            if (filter.date_from.is_some() || filter.date_to.is_some())
                && ui
                    .small_button(tr!("timeline-clear-dates"))
                    .on_hover_text(tr!("timeline-drag-across-the-chart"))
                    .clicked()
            {
                self.playing = false;
                self.before_play = None;
                commands.push(Command::SetFilter(Box::new(Filter {
                    date_from: None,
                    date_to: None,
                    ..filter.clone()
                })));
            }
        });
    }

    /// Ends a run of Play and gives back the range the analyst had.
    fn stop(&mut self, workspace: &Workspace, commands: &mut Vec<Command>) {
        self.playing = false;
        if let Some((date_from, date_to)) = self.before_play.take() {
            commands.push(Command::SetFilter(Box::new(Filter {
                date_from,
                date_to,
                ..workspace.filter.clone()
            })));
        }
    }

    fn play(&mut self, ui: &Ui, workspace: &Workspace, commands: &mut Vec<Command>) {
        if !self.playing {
            return;
        }
        let dt = ui.input(|i| i.stable_dt).min(0.1) as f64;
        self.play_at += self.speed * dt;
        if self.play_at > self.chart().last_day as f64 {
            self.stop(workspace, commands);
            return;
        }
        let from = from_day(self.play_at.floor() as i64);
        let to = from_day(self.play_at.floor() as i64 + self.window_days - 1);
        if workspace.filter.date_from != Some(from) || workspace.filter.date_to != Some(to) {
            commands.push(Command::SetFilter(Box::new(Filter {
                date_from: Some(from),
                date_to: Some(to),
                ..workspace.filter.clone()
            })));
        }
        ui.ctx().request_repaint();
    }
}

/// A bar's value as people read it: whole numbers as they are, a share
/// of an interval's deaths to one decimal.
fn round_for_people(value: f64) -> String {
    if (value - value.round()).abs() < 1e-9 {
        format!("{}", value.round())
    } else {
        format!("{value:.1}")
    }
}

fn ui_accent() -> Color32 {
    Color32::from_rgb(0x2B, 0x6C, 0xB0)
}

fn speed_label(days_per_second: f64) -> String {
    tr!("timeline-speed", days = days_per_second.round())
}

/// The chart of what `workspace`'s filter keeps (every rule but the date).
#[cfg(test)]
fn chart(workspace: &Workspace, bin: Bin, measure: Measure) -> Chart {
    let mut chart = ChartSource::of(workspace).chart(bin, measure);
    chart.name_spreads(workspace);
    chart
}

impl Chart {
    /// Titles the spreads drawn one by one (at most [`MAX_SPREAD_LINES`])
    /// from the records.
    fn name_spreads(&mut self, workspace: &Workspace) {
        for spread in &mut self.spreads {
            if let Some(incident) = workspace.row(spread.incident) {
                spread.title = format!(
                    "{} ({})",
                    incident.title(),
                    crate::ui::shown_date(&incident.date())
                );
            }
        }
    }
}

impl Panel for Timeline {
    fn ui(&mut self, ui: &mut egui::Ui, workspace: &Workspace, commands: &mut Vec<Command>) {
        self.sync(ui.ctx(), workspace);
        self.controls(ui, workspace, commands);
        if self.chart().series.is_empty()
            && self.chart().spreads.is_empty()
            && self.chart().spread_counts.is_empty()
        {
            ui.centered_and_justified(|ui| {
                ui.label(RichText::new(tr!("timeline-no-incidents-to-chart")).weak());
            });
            return;
        }
        self.play(ui, workspace, commands);
        let filter = &workspace.filter;
        let (from, to) = (filter.date_from.map(to_day), filter.date_to.map(to_day));
        let outside = |start: i64, width: i64| {
            from.is_some_and(|f| start + width <= f) || to.is_some_and(|t| start > t)
        };
        let chart = self.chart();
        let lane = (chart.max_stack * 0.08).max(0.2);
        let plot = Plot::new("timeline")
            .allow_drag(false)
            .allow_zoom(false)
            .allow_scroll(false)
            .allow_boxed_zoom(false)
            .allow_double_click_reset(false)
            .show_grid(false)
            .y_axis_min_width(24.0)
            .include_y(0.0)
            // Counts: whole steps from 0 up (the lanes under the axis are
            // intervals, not values), labelled as people write numbers.
            .y_grid_spacer(|input| super::count_axis_marks(input.bounds.1, input.base_step_size))
            .y_axis_formatter(|mark, _| super::count_axis_label(mark.value))
            .include_x(chart.first_day as f64)
            .include_x(chart.last_day as f64 + 1.0)
            // Marks between whole days (a range of a day or two) would
            // all read the same date: only whole days are labelled.
            .x_axis_formatter(|mark, _| {
                if (mark.value - mark.value.round()).abs() > 1e-6 {
                    String::new()
                } else {
                    from_day(mark.value.round() as i64).to_string()
                }
            })
            .label_formatter(|hover| {
                Some(match hover {
                    egui_plot::HoverPosition::NearDataPoint {
                        plot_name,
                        position,
                        ..
                    } if position.y < 0.0 => {
                        // A lane under the axis: an incident's interval, not a value.
                        format!("{plot_name}\n{}", from_day(position.x.floor() as i64))
                    }
                    egui_plot::HoverPosition::NearDataPoint {
                        plot_name,
                        position,
                        ..
                    } => format!(
                        "{plot_name}\n{}: {}",
                        from_day(position.x.floor() as i64),
                        round_for_people(position.y)
                    ),
                    egui_plot::HoverPosition::Elsewhere { position } => {
                        from_day(position.x.floor() as i64).to_string()
                    }
                })
            });
        let shown = plot.show(ui, |plot_ui| {
            let mut base: HashMap<i64, f64> = HashMap::new();
            for series in &chart.series {
                let bars: Vec<Bar> = series
                    .bars
                    .iter()
                    .map(|&(start, width, value)| {
                        let below = base.entry(start).or_default();
                        let colour = if outside(start, width) {
                            series.colour.gamma_multiply(0.25)
                        } else {
                            series.colour
                        };
                        let bar = Bar::new(start as f64 + width as f64 / 2.0, value)
                            .width(width as f64 * 0.9)
                            .base_offset(*below)
                            .fill(colour)
                            .stroke(egui::Stroke::NONE);
                        *below += value;
                        bar
                    })
                    .collect();
                plot_ui.bar_chart(BarChart::new(series.name.clone(), bars).color(series.colour));
            }
            if chart.spread_counts.is_empty() {
                // Greedy lanes under the axis so spreads do not overlap.
                let mut lane_ends: Vec<i64> = Vec::new();
                for spread in &chart.spreads {
                    let n = lane_ends
                        .iter()
                        .position(|end| *end < spread.from)
                        .unwrap_or_else(|| {
                            lane_ends.push(i64::MIN);
                            lane_ends.len() - 1
                        });
                    lane_ends[n] = spread.to;
                    let y = -lane * (n as f64 + 1.0);
                    plot_ui.line(
                        Line::new(
                            spread.title.clone(),
                            vec![[spread.from as f64, y], [spread.to as f64 + 1.0, y]],
                        )
                        .color(spread.colour)
                        .width(3.0),
                    );
                }
            } else {
                let bars = chart
                    .spread_counts
                    .iter()
                    .map(|&(start, width, count)| {
                        Bar::new(start as f64 + width as f64 / 2.0, -count)
                            .width(width as f64 * 0.9)
                            .fill(UNATTRIBUTED.gamma_multiply(0.6))
                    })
                    .collect();
                plot_ui.bar_chart(BarChart::new(tr!("timeline-dated-to-interval"), bars));
            }
            if from.is_some() || to.is_some() {
                let f = from.map_or(chart.first_day as f64, |d| d as f64);
                let t = to.map_or(chart.last_day as f64 + 1.0, |d| d as f64 + 1.0);
                plot_ui.add(
                    Span::new(tr!("timeline-date-filter"), f..=t)
                        .fill(ui_accent().gamma_multiply(0.12))
                        .border_color(ui_accent()),
                );
            }
            if let Some(start) = self.brush_from
                && let Some(now) = plot_ui.pointer_coordinate()
            {
                let (a, b) = (start.min(now.x), start.max(now.x));
                plot_ui.add(
                    Span::new(tr!("timeline-brush"), a..=b)
                        .fill(ui_accent().gamma_multiply(0.25))
                        .border_color(ui_accent()),
                );
            }
        });
        self.transform = Some(shown.transform);
        let response = &shown.response;
        // Where the press began, not where the drag was recognised.
        if response.drag_started_by(egui::PointerButton::Primary)
            && let Some(pos) = ui
                .input(|i| i.pointer.press_origin())
                .or(response.interact_pointer_pos())
        {
            self.brush_from = Some(shown.transform.value_from_position(pos).x);
            // The analyst chooses a range by hand: the run is over, and its
            // remembered range no longer theirs.
            self.playing = false;
            self.before_play = None;
        }
        if response.drag_stopped()
            && let Some(start) = self.brush_from.take()
            && let Some(pos) = response.interact_pointer_pos().or(response.hover_pos())
        {
            let end = shown.transform.value_from_position(pos).x;
            let (a, b) = (start.min(end), start.max(end));
            let (first, last) = (a.floor() as i64, (b.floor() as i64).max(a.floor() as i64));
            commands.push(Command::SetFilter(Box::new(Filter {
                date_from: Some(from_day(first)),
                date_to: Some(from_day(last)),
                ..workspace.filter.clone()
            })));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::derived::chart::interval_deaths_name;

    /// Counts are whole and never negative: the axis of a chart of one or
    /// two incidents had ticks at 0.1, 0, -0.1, -0.2 (issue 43, item 10),
    /// and a chart of 100 000 showed only "0".
    #[test]
    fn the_count_axis_has_whole_non_negative_marks_with_labels_that_fit() {
        crate::lang::set(crate::lang::Language::English);
        for (top, smallest) in [(1.0, 0.05), (2.0, 0.1), (37.0, 3.0), (100_000.0, 9_000.0)] {
            let marks = crate::ui::count_axis_marks(top, smallest);
            assert!(!marks.is_empty());
            for mark in &marks {
                assert!(
                    mark.value >= 0.0 && mark.value.fract() == 0.0,
                    "{}",
                    mark.value
                );
                assert!(mark.step_size >= smallest && mark.step_size >= 1.0);
            }
            assert!(marks.len() >= 2 || top < 1.0, "{top}: {marks:?}");
        }
        assert_eq!(crate::ui::count_axis_label(0.5), "");
        assert_eq!(crate::ui::count_axis_label(-1.0), "");
        assert_eq!(crate::ui::count_axis_label(3.0), "3");
        assert_eq!(crate::ui::count_axis_label(20_000.0), "20k");
        let steps: Vec<f64> = crate::ui::count_axis_marks(100_000.0, 9_000.0)
            .iter()
            .map(|m| m.value)
            .collect();
        assert_eq!(steps[1], 10_000.0, "{steps:?}");
    }
    use jiff::civil::date;

    #[test]
    fn bin_numbers_are_consecutive_and_give_back_the_bin() {
        for bin in [Bin::Day, Bin::Week, Bin::Month] {
            let mut previous: Option<(i64, (i64, i64))> = None;
            for day in to_day(date(2023, 12, 20))..to_day(date(2025, 3, 10)) {
                let ordinal = bin.ordinal(day);
                assert_eq!(bin.of_ordinal(ordinal), bin.of(day), "{bin:?} {day}");
                if let Some((before, (start, width))) = previous {
                    let next_bin = day == start + width;
                    assert_eq!(ordinal, before + i64::from(next_bin), "{bin:?} {day}");
                }
                previous = Some((ordinal, bin.of(day)));
            }
        }
    }

    #[test]
    fn days_and_bins() {
        assert_eq!(to_day(date(1970, 1, 2)), 1);
        assert_eq!(from_day(to_day(date(2025, 11, 26))), date(2025, 11, 26));
        // 2025-11-26 is a Wednesday: its week starts Monday the 24th.
        let (start, width) = Bin::Week.of(to_day(date(2025, 11, 26)));
        assert_eq!((from_day(start), width), (date(2025, 11, 24), 7));
        let (start, width) = Bin::Month.of(to_day(date(2024, 2, 29)));
        assert_eq!((from_day(start), width), (date(2024, 2, 1), 29));
    }

    /// A chart made on a worker: the last one stays drawn until it
    /// comes, and it equals the chart made on the spot, spreads titled.
    #[test]
    fn a_chart_made_on_a_worker_equals_one_made_on_the_spot() {
        use crate::model::CountryCode;
        let mut workspace = crate::workspace::seeded_for_tests();
        workspace.on_a_worker_from = 0;
        let mut timeline = Timeline::default();
        let ctx = egui::Context::default();
        type Bars = Vec<(i64, i64, f64)>;
        let summary = |chart: &Chart| -> Vec<(String, Bars)> {
            chart
                .series
                .iter()
                .map(|s| (s.name.clone(), s.bars.clone()))
                .chain(
                    chart
                        .spreads
                        .iter()
                        .map(|s| (s.title.clone(), vec![(s.from, s.to, 0.0)])),
                )
                .collect()
        };
        let until_in_step = |timeline: &mut Timeline, workspace: &Workspace| {
            let in_step = std::cell::Cell::new(false);
            crate::ui::frames_until(
                &ctx,
                |ui| {
                    timeline.ui(ui, workspace, &mut Vec::new());
                    in_step.set(timeline.is_in_step(workspace));
                },
                || in_step.get(),
            );
        };
        until_in_step(&mut timeline, &workspace);
        let all = summary(timeline.chart());
        assert_eq!(
            all,
            summary(&chart(&workspace, Bin::Auto, Measure::Incidents))
        );
        assert!(!timeline.chart().spreads.is_empty());
        assert!(timeline.chart().spreads.iter().all(|s| !s.title.is_empty()));

        workspace.set_filter(crate::filter::Filter {
            nationalities: [Some(CountryCode::AF)].into(),
            ..crate::filter::Filter::default()
        });
        crate::ui::frame(&ctx, |ui| timeline.ui(ui, &workspace, &mut Vec::new()));
        assert!(!timeline.is_in_step(&workspace), "made on the worker");
        assert_eq!(summary(timeline.chart()), all, "the last chart stays");
        until_in_step(&mut timeline, &workspace);
        let kept = summary(&chart(&workspace, Bin::Auto, Measure::Incidents));
        assert_ne!(kept, all);
        assert_eq!(summary(timeline.chart()), kept);
    }

    /// Deaths of incidents dated only to an interval are spread over its
    /// bins, so every bin width's bars add up to everyone known killed
    /// (the seed's November bar used to read 1 when at least 7 died).
    #[test]
    fn killed_bars_add_up_to_the_total_whatever_the_bin() {
        let workspace = crate::workspace::seeded_for_tests();
        let total: u64 = workspace.kept_rows().map(|i| i.killed()).sum();
        assert!(total >= 7);
        for bin in [Bin::Day, Bin::Week, Bin::Month] {
            let chart = chart(&workspace, bin, Measure::Killed);
            let drawn: f64 = chart
                .series
                .iter()
                .flat_map(|s| s.bars.iter().map(|(_, _, v)| v))
                .sum();
            assert!(
                (drawn - total as f64).abs() < 1e-6,
                "{bin:?}: {drawn} of {total}"
            );
            assert!(
                chart
                    .series
                    .iter()
                    .any(|s| s.name == interval_deaths_name()),
                "{bin:?}"
            );
        }
        // Counting incidents, an interval is one incident, not shares of one.
        let chart = chart(&workspace, Bin::Day, Measure::Incidents);
        assert!(
            chart
                .series
                .iter()
                .all(|s| s.name != interval_deaths_name())
        );
    }
}
