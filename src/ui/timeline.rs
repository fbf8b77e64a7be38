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

use crate::background::{Arrival, Arriving};
use crate::filter::Filter;
use crate::map::style::UNATTRIBUTED;
use crate::tr;
use crate::workspace::{Command, Workspace};
use egui::{Color32, RichText, Ui};
use egui_plot::{Bar, BarChart, Line, Plot, Span};
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
    fn label(self) -> String {
        match self {
            Bin::Auto => tr!("timeline-bin-auto"),
            Bin::Day => tr!("timeline-bin-day"),
            Bin::Week => tr!("timeline-bin-week"),
            Bin::Month => tr!("timeline-bin-month"),
        }
    }

    /// The number of the bin a day falls in, counting bins from an
    /// arbitrary origin: consecutive bins have consecutive numbers.
    fn ordinal(self, day: i64) -> i64 {
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
    fn of_ordinal(self, ordinal: i64) -> (i64, i64) {
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
    fn of(self, day: i64) -> (i64, i64) {
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

pub use crate::model::{date_of_day_number as from_day, day_number as to_day};

/// One stacked series: a perpetrator and its bars (bin start, width, value).
struct Series {
    name: String,
    colour: Color32,
    bars: Vec<(i64, i64, f64)>,
}

/// An incident spanning several bins: its first and last day.
struct Spread {
    from: i64,
    to: i64,
    colour: Color32,
    title: String,
    /// Its index among the workspace's loaded incidents.
    incident: usize,
}

/// From this many incidents charted, a new chart is made on a worker: at
/// a million it takes several frames.
const CHART_ON_A_WORKER_FROM: usize = 50_000;

/// What the chart draws, worked out when the incidents or settings change.
#[derive(Default)]
struct Chart {
    series: Vec<Series>,
    spreads: Vec<Spread>,
    /// How many spreading incidents overlap each bin, when too many to draw one by one.
    spread_counts: Vec<(i64, i64, f64)>,
    bin: Option<Bin>,
    first_day: i64,
    last_day: i64,
    max_stack: f64,
}

/// The name of the bars that carry deaths dated only to an interval.
fn interval_deaths_name() -> String {
    tr!("timeline-interval-deaths")
}

/// Spreading incidents drawn one by one up to this many; beyond, as counts.
const MAX_SPREAD_LINES: usize = 60;

/// The timeline panel's own state.
pub struct Timeline {
    bin: Bin,
    measure: Measure,
    chart: Chart,
    chart_for: Option<(u64, Bin, Measure)>,
    /// A chart of a newer filter or setting being made on a worker.
    pending: Option<Arriving<(u64, Bin, Measure), Chart>>,
    /// From this many incidents charted, the chart is made on a worker.
    pub(crate) chart_on_a_worker_from: usize,
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
            chart: Chart::default(),
            chart_for: None,
            pending: None,
            chart_on_a_worker_from: CHART_ON_A_WORKER_FROM,
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

    /// Brings the chart in step with the workspace: at once for a small
    /// one; for a large one on a worker, the last chart staying drawn
    /// until the new one comes, so that no frame waits for it.
    fn sync(&mut self, ctx: &egui::Context, workspace: &Workspace) {
        let key = (workspace.generation, self.bin, self.measure);
        if self.chart_for == Some(key) {
            self.pending = None;
            return;
        }
        if let Some(arriving) = &self.pending
            && arriving.key == key
        {
            match arriving.poll() {
                Arrival::Came(mut chart) => {
                    chart.name_spreads(workspace);
                    self.chart = chart;
                    self.chart_for = Some(key);
                    self.pending = None;
                }
                Arrival::Waiting => {}
                Arrival::Lost => self.pending = None,
            }
            return;
        }
        if workspace.facets.without_date.len() < self.chart_on_a_worker_from {
            self.chart = chart(workspace, self.bin, self.measure);
            self.chart_for = Some(key);
            return;
        }
        let source = ChartSource::of(workspace);
        let (bin, measure) = (self.bin, self.measure);
        let ctx = ctx.clone();
        self.pending = Some(Arriving::start(
            key,
            move || source.chart(bin, measure),
            move || ctx.request_repaint(),
        ));
    }

    /// Whether the chart shows the workspace's filter of now.
    pub fn is_in_step(&self, workspace: &Workspace) -> bool {
        self.chart_for
            .is_some_and(|(generation, _, _)| generation == workspace.generation)
    }

    pub fn ui(&mut self, ui: &mut Ui, workspace: &Workspace, commands: &mut Vec<Command>) {
        self.sync(ui.ctx(), workspace);
        self.controls(ui, workspace, commands);
        if self.chart.series.is_empty()
            && self.chart.spreads.is_empty()
            && self.chart.spread_counts.is_empty()
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
        let chart = &self.chart;
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

    fn controls(&mut self, ui: &mut Ui, workspace: &Workspace, commands: &mut Vec<Command>) {
        ui.horizontal(|ui| {
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
                        .filter(|d| *d < self.chart.last_day)
                        .unwrap_or(self.chart.first_day);
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
                .selected_text(match (self.bin, self.chart.bin) {
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
        if self.play_at > self.chart.last_day as f64 {
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

/// Works out the bars and spreads.
/// The chart of what `workspace`'s filter keeps (every rule but the date).
fn chart(workspace: &Workspace, bin: Bin, measure: Measure) -> Chart {
    let mut chart = ChartSource::of(workspace).chart(bin, measure);
    chart.name_spreads(workspace);
    chart
}

/// What a chart is made from, shared or owned, so that a large one can
/// be made on a worker while the last one stays drawn.
struct ChartSource {
    index: Arc<crate::filter::facets::FacetIndex>,
    /// The incidents every rule but the date keeps (indexes into the
    /// workspace's loaded incidents).
    members: Arc<Vec<usize>>,
    actors: crate::filter::ActorDirectory,
    palette: crate::map::style::ActorPalette,
    language: crate::lang::Language,
}

impl ChartSource {
    fn of(workspace: &Workspace) -> ChartSource {
        ChartSource {
            index: workspace.shared_index(),
            members: Arc::clone(&workspace.facets.without_date),
            actors: workspace.actors.clone(),
            palette: workspace.palette.clone(),
            language: crate::lang::current(),
        }
    }

    /// The chart, its few spreads not yet titled ([`Chart::name_spreads`]).
    fn chart(&self, bin: Bin, measure: Measure) -> Chart {
        crate::lang::set(self.language);
        chart_of(self, bin, measure)
    }
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

#[cfg(test)]
mod tests {
    use super::*;
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
        let mut timeline = Timeline {
            chart_on_a_worker_from: 0,
            ..Timeline::default()
        };
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
        let all = summary(&timeline.chart);
        assert_eq!(
            all,
            summary(&chart(&workspace, Bin::Auto, Measure::Incidents))
        );
        assert!(!timeline.chart.spreads.is_empty());
        assert!(timeline.chart.spreads.iter().all(|s| !s.title.is_empty()));

        workspace.set_filter(crate::filter::Filter {
            nationalities: [Some(CountryCode::AF)].into(),
            ..crate::filter::Filter::default()
        });
        crate::ui::frame(&ctx, |ui| timeline.ui(ui, &workspace, &mut Vec::new()));
        assert!(!timeline.is_in_step(&workspace), "made on the worker");
        assert_eq!(summary(&timeline.chart), all, "the last chart stays");
        until_in_step(&mut timeline, &workspace);
        let kept = summary(&chart(&workspace, Bin::Auto, Measure::Incidents));
        assert_ne!(kept, all);
        assert_eq!(summary(&timeline.chart), kept);
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
