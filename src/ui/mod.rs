//! The panels and windows of the main window, one file each. Every one is
//! a struct with its own UI state that implements [`Panel`]: it reads the
//! workspace and asks for every change by pushing a [`Command`], which the
//! app carries out after the frame. A panel never writes the workspace and
//! never touches the store.

pub mod about;
pub mod conflict_view;
pub mod details;
pub mod export_dialog;
pub mod file_chooser;
pub mod filter_panel;
pub mod fonts;
pub mod from_text;
pub mod import_dialog;
pub mod incident_form;
pub mod incident_list;
pub mod map_panel;
pub mod map_picture;
pub mod raster;
pub mod server_window;
pub mod statistics;
pub mod text;
pub mod timeline;

use crate::workspace::{Command, Workspace};

/// The one shape of a panel (as in egui's demo, where every demo is a
/// struct with `fn ui`): drawn into `ui` from what `workspace` holds, its
/// requests pushed onto `commands`. A window draws itself over `ui.ctx()`
/// while it is open, and draws nothing while it is closed.
pub trait Panel {
    fn ui(&mut self, ui: &mut egui::Ui, workspace: &Workspace, commands: &mut Vec<Command>);
}

/// A country's name in the interface's language ("Afghanistan",
/// "Афғонистон"), or its code where panj has no name for it.
pub fn country_name(code: &crate::model::CountryCode) -> String {
    code.tr_name()
}

/// Marks on the count axis up to `top`: whole steps of 1, 2 or 5 times a
/// power of ten, at least `smallest` apart, never below zero.
pub fn count_axis_marks(top: f64, smallest: f64) -> Vec<egui_plot::GridMark> {
    let mut step = 1.0_f64;
    while step < smallest {
        step = match step / 10f64.powf(step.log10().floor()) {
            f if f < 1.5 => step * 2.0,
            f if f < 3.0 => step * 2.5,
            _ => step * 2.0,
        };
    }
    let mut marks = Vec::new();
    let mut value = 0.0;
    while value <= top.max(0.0) && marks.len() < 1000 {
        marks.push(egui_plot::GridMark {
            value,
            step_size: step,
        });
        value += step;
    }
    marks
}

/// A count axis label: a whole number as the language writes it, or
/// nothing for a mark that is not one (or lies under the axis).
pub fn count_axis_label(value: f64) -> String {
    if value < 0.0 || (value - value.round()).abs() > 1e-9 {
        return String::new();
    }
    let n = value.round() as i64;
    if n >= 10_000 {
        // "20k" fits the axis; "20,000" would be cut.
        format!("{}k", crate::lang::number(n / 1000))
    } else {
        crate::lang::number(n)
    }
}

/// A count of people as the window shows it: "5", or "at least 5" when
/// some of it is only a minimum (never "at least 0").
pub fn people(n: u64, minimum: bool) -> String {
    if minimum && n > 0 {
        crate::tr!("statistics-at-least", n = crate::lang::number(n as i64))
    } else {
        crate::lang::number(n as i64)
    }
}

/// An incident's date as the window shows it: "2025-11-26", or
/// "2025-11-27 – 2025-12-03 (week)" with the precision in the interface's
/// language.
pub fn shown_date(date: &crate::model::IncidentDate) -> String {
    use crate::lang::Labelled;
    date.describe_with(|p| p.tr_label().to_lowercase())
}

/// A day as people of the interface's language write it: "26 November
/// 2025", "26 ноября 2025 г.", "26 ноябри 2025".
pub fn long_date(date: jiff::civil::Date) -> String {
    crate::tr!(
        "date-long",
        day = date.day().to_string(),
        month = month_name(date.month()),
        year = date.year().to_string()
    )
}

/// An incident's interval in words: "27 November – 3 December 2025" (the
/// caller says how precise it is).
pub fn long_interval(date: &crate::model::IncidentDate) -> String {
    if date.start == date.end {
        return long_date(date.start);
    }
    if date.start.year() == date.end.year() {
        let start = crate::tr!(
            "date-day-month",
            day = date.start.day().to_string(),
            month = month_name(date.start.month())
        );
        format!("{start} – {}", long_date(date.end))
    } else {
        format!("{} – {}", long_date(date.start), long_date(date.end))
    }
}

/// A Gregorian interval in Solar Hijri words: "5 Qaws 1404 SH", or "29
/// Aqrab – 5 Qaws 1404 SH", with the month names of the interface's
/// language.
pub fn solar_hijri_interval(start: jiff::civil::Date, end: jiff::civil::Date) -> Option<String> {
    crate::model::calendar::interval_words(start, end, solar_month_name)
        .map(|date| crate::tr!("date-solar-hijri", date = date))
}

/// A Gregorian month's name as a date writes it (Russian's genitive).
fn month_name(month: i8) -> String {
    match month {
        1 => crate::tr!("month-1"),
        2 => crate::tr!("month-2"),
        3 => crate::tr!("month-3"),
        4 => crate::tr!("month-4"),
        5 => crate::tr!("month-5"),
        6 => crate::tr!("month-6"),
        7 => crate::tr!("month-7"),
        8 => crate::tr!("month-8"),
        9 => crate::tr!("month-9"),
        10 => crate::tr!("month-10"),
        11 => crate::tr!("month-11"),
        _ => crate::tr!("month-12"),
    }
}

/// A Solar Hijri month's name in the interface's language (the Afghan
/// names: Hamal … Hut).
pub(crate) fn solar_month_name(month: u8) -> String {
    match month {
        1 => crate::tr!("solar-month-1"),
        2 => crate::tr!("solar-month-2"),
        3 => crate::tr!("solar-month-3"),
        4 => crate::tr!("solar-month-4"),
        5 => crate::tr!("solar-month-5"),
        6 => crate::tr!("solar-month-6"),
        7 => crate::tr!("solar-month-7"),
        8 => crate::tr!("solar-month-8"),
        9 => crate::tr!("solar-month-9"),
        10 => crate::tr!("solar-month-10"),
        11 => crate::tr!("solar-month-11"),
        _ => crate::tr!("solar-month-12"),
    }
}

/// A claim as one line: "GKNB: accuses Unnamed terrorist organization
/// (confirmed)", its names in reading order.
pub fn claim_line(claim: &crate::model::Claim, actors: &crate::filter::ActorDirectory) -> String {
    use crate::lang::Labelled;
    use crate::model::script::for_display;
    let actor = actors.get(claim.actor_id).map_or("?", |a| a.name.as_str());
    let claimant = if claim.claimant_name.is_empty() {
        claim.claimant.tr_label()
    } else {
        claim.claimant_name.clone()
    };
    crate::tr!(
        "details-claim",
        claimant = for_display(&claimant),
        stance = claim.stance.tr_label().to_lowercase(),
        actor = for_display(actor),
        confidence = claim.confidence.tr_label().to_lowercase()
    )
}

/// Draws frames of `draw` at 1000×700 in `ctx` until `done` says so
/// (a worker needs real time), at most a few seconds; for panels' tests.
#[cfg(test)]
pub(crate) fn frames_until(
    ctx: &egui::Context,
    mut draw: impl FnMut(&mut egui::Ui),
    mut done: impl FnMut() -> bool,
) {
    for _ in 0..1000 {
        frame(ctx, &mut draw);
        if done() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    panic!("never done");
}

/// One frame of `draw` at 1000×700 in `ctx`; for panels' tests.
#[cfg(test)]
pub(crate) fn frame(ctx: &egui::Context, mut draw: impl FnMut(&mut egui::Ui)) {
    let input = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1000.0, 700.0),
        )),
        ..egui::RawInput::default()
    };
    let mut output = ctx.run_ui(input, |ui| {
        egui::CentralPanel::default().show(ui, |ui| draw(ui));
    });
    output.textures_delta.clear();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::{Language, set};
    use jiff::civil::date;

    #[test]
    fn dates_are_written_the_language_s_way() {
        let day = date(2025, 11, 26);
        let week = crate::model::IncidentDate {
            start: date(2025, 11, 27),
            end: date(2025, 12, 3),
            precision: crate::model::DatePrecision::Week,
            time_of_day: None,
        };
        set(Language::English);
        assert_eq!(long_date(day), "26 November 2025");
        assert_eq!(long_interval(&week), "27 November – 3 December 2025");
        assert_eq!(
            solar_hijri_interval(day, day).as_deref(),
            Some("5 Qaws 1404 SH")
        );
        set(Language::Russian);
        assert_eq!(long_date(day), "26 ноября 2025 г.");
        assert_eq!(
            solar_hijri_interval(week.start, week.end).as_deref(),
            Some("6 кауса – 12 кауса 1404 г. х.")
        );
        set(Language::Tajik);
        assert_eq!(long_date(day), "26 ноябри 2025");
        assert_eq!(
            solar_hijri_interval(day, day).as_deref(),
            Some("5 Қавс 1404 ҳ.ш.")
        );
        set(Language::English);
    }
}
