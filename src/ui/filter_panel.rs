//! The filter panel (left): date, perpetrator, victims, event type, place,
//! fatalities and text, each checklist with its facet counts; and the
//! chips above the main area that show the active rules and drop them.
//!
//! The panel edits a copy of the filter and sends it whole as
//! [`Command::SetFilter`] when anything changed.
//!
//! Checklists keep their order while counts change (a row never moves or
//! vanishes under the mouse): the order is fixed (the region's countries
//! first, then by code; known actors by name; provinces by name), and a
//! choice once seen stays, greyed at 0.

use crate::filter::words::rules;
use crate::filter::{DateMode, Filter, Perpetrator};
use crate::lang::Labelled;
use crate::model::script::for_display;
use crate::model::{Confidence, CountryCode, EventType, Side, VictimRole, date_of_day_number};
use crate::tr;
use crate::ui::Panel;
use crate::workspace::{Command, Workspace, count_label};
use egui::{RichText, Ui};
use jiff::civil::Date;
use std::collections::{BTreeMap, BTreeSet};

const SEARCH_ID: &str = "filter_search";

/// The filter panel's own state.
#[derive(Default)]
pub struct FilterPanel {
    actor_search: String,
    focus_search: bool,
    /// Every nationality a count was ever shown for (this session).
    seen_nationalities: BTreeSet<Option<CountryCode>>,
    /// Every province a count was ever shown for, by lower-case name.
    seen_provinces: BTreeMap<String, String>,
}

impl FilterPanel {
    /// Puts the keyboard focus in the search box (Ctrl+F).
    pub fn focus_search(&mut self) {
        self.focus_search = true;
    }

    fn perpetrator_section(&mut self, ui: &mut Ui, filter: &mut Filter, workspace: &Workspace) {
        // Wrapped: the label is longer than the panel is wide in Russian.
        ui.horizontal_wrapped(|ui| {
            let any_ticked = !filter.perpetrators.is_empty();
            ui.add_enabled_ui(any_ticked, |ui| {
                egui::ComboBox::new("min_confidence", tr!("filter-minimum-confidence"))
                    .selected_text(threshold_label(filter.min_confidence))
                    .show_ui(ui, |ui| {
                        for confidence in Confidence::ALL {
                            ui.selectable_value(
                                &mut filter.min_confidence,
                                *confidence,
                                threshold_label(*confidence),
                            );
                        }
                    });
            })
            .response
            .on_disabled_hover_text(tr!("filter-tick-a-perpetrator-or"));
        });
        ui.add(
            egui::TextEdit::singleline(&mut self.actor_search)
                .hint_text(tr!("filter-find-an-actor-or"))
                .desired_width(f32::INFINITY),
        );
        let wanted = self.actor_search.trim().to_lowercase();
        let mut actors: Vec<_> = workspace
            .actors
            .iter()
            .filter(|a| {
                wanted.is_empty()
                    || a.name.to_lowercase().contains(&wanted)
                    || a.aliases.iter().any(|x| x.to_lowercase().contains(&wanted))
            })
            .map(|a| (a, workspace.facets.perpetrator(Perpetrator::Actor(a.id))))
            .collect();
        // Known actors first, then by name: an order counts do not change.
        actors.sort_by(|(a, _), (b, _)| {
            b.is_known()
                .cmp(&a.is_known())
                .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
        });
        for (actor, count) in actors {
            let choice = Perpetrator::Actor(actor.id);
            let row = checklist_row(
                ui,
                &mut filter.perpetrators,
                choice,
                &for_display(&actor.name),
                Some(&count),
            );
            let colour = workspace.palette.colour(Some(actor.id));
            ui.painter().circle_filled(
                egui::pos2(row.rect.right() + 8.0, row.rect.center().y),
                4.0,
                colour,
            );
            if !actor.aliases.is_empty() {
                row.on_hover_text(tr!(
                    "filter-also-known-as",
                    names = actor.aliases.join(", ")
                ));
            }
        }
        if wanted.is_empty() {
            let count = workspace.facets.perpetrator(Perpetrator::Unattributed);
            checklist_row(
                ui,
                &mut filter.perpetrators,
                Perpetrator::Unattributed,
                &tr!("filter-unattributed"),
                Some(&count),
            )
            .on_hover_text(tr!("filter-no-claim-at-or"));
        }
    }
}

/// The lowest threshold takes every claim, including those of unknown
/// confidence: "Any" says so better than "Unknown".
fn threshold_label(confidence: Confidence) -> String {
    match confidence {
        Confidence::Unknown => tr!("filter-any"),
        c => c.tr_label(),
    }
}

/// A checkbox "Label (count)" that adds or removes `value` from `set`.
fn checklist_row<T: Ord + Clone>(
    ui: &mut Ui,
    set: &mut BTreeSet<T>,
    value: T,
    label: &str,
    count: Option<&usize>,
) -> egui::Response {
    let mut ticked = set.contains(&value);
    let count = count.copied().unwrap_or(0);
    let text = format!("{label} ({})", crate::lang::number(count as i64));
    let text = if count == 0 && !ticked {
        RichText::new(text).weak()
    } else {
        RichText::new(text)
    };
    let response = ui.checkbox(&mut ticked, text);
    if response.changed() {
        if ticked {
            set.insert(value);
        } else {
            set.remove(&value);
        }
    }
    response
}

fn date_section(ui: &mut Ui, filter: &mut Filter, workspace: &Workspace) {
    let today = jiff::Zoned::now().date();
    let range = data_range(workspace);
    ui.horizontal_wrapped(|ui| {
        let mut preset = |ui: &mut Ui, label: &str, days: Option<i64>| {
            if ui.small_button(label).clicked() {
                let (from, to) = preset_range(today, range.map(|(_, last)| last), days);
                filter.date_from = from;
                filter.date_to = to;
            }
        };
        preset(ui, &tr!("filter-last-days", days = 7), Some(7));
        preset(ui, &tr!("filter-last-days", days = 30), Some(30));
        preset(ui, &tr!("filter-last-days", days = 90), Some(90));
        preset(ui, &tr!("filter-this-year"), Some(0));
        preset(ui, &tr!("filter-all"), None);
    });
    if let (Some(to), Some((_, last))) = (filter.date_to, range)
        && to == last
        && last < today
    {
        ui.label(
            RichText::new(tr!("filter-counted-back", last = last.to_string()))
                .small()
                .weak(),
        );
    }
    let (first, last) = data_range(workspace).unwrap_or((today, today));
    egui::Grid::new("date_range").num_columns(3).show(ui, |ui| {
        date_bound(
            ui,
            &tr!("filter-from"),
            &mut filter.date_from,
            first,
            "date_from",
        );
        ui.end_row();
        date_bound(ui, &tr!("filter-to"), &mut filter.date_to, last, "date_to");
        ui.end_row();
    });
    ui.radio_value(
        &mut filter.date_mode,
        DateMode::Overlaps,
        tr!("filter-overlaps-the-range"),
    )
    .on_hover_text(tr!("filter-an-incident-known-only"));
    ui.radio_value(
        &mut filter.date_mode,
        DateMode::Within,
        tr!("filter-wholly-inside-the-range"),
    )
    .on_hover_text(tr!("filter-only-incidents-whose-whole"));
}

/// The range a date preset chooses: the last `days` days (0: this year)
/// up to today, or, when no incident is that recent, up to the newest
/// incident, so a preset never shows an empty screen over old data.
fn preset_range(
    today: Date,
    newest: Option<Date>,
    days: Option<i64>,
) -> (Option<Date>, Option<Date>) {
    let Some(days) = days else {
        return (None, None);
    };
    let back = |end: Date| {
        if days == 0 {
            end.first_of_year()
        } else {
            end.checked_sub(jiff::Span::new().days(days - 1))
                .unwrap_or(end)
        }
    };
    let end = match newest {
        Some(newest) if newest < back(today) => newest,
        _ => today,
    };
    (Some(back(end)), Some(end))
}

/// The first start and last end date of every live incident.
fn data_range(workspace: &Workspace) -> Option<(Date, Date)> {
    let (first, last) = workspace.live_span()?;
    Some((date_of_day_number(first), date_of_day_number(last)))
}

fn date_bound(ui: &mut Ui, label: &str, bound: &mut Option<Date>, fallback: Date, id: &str) {
    ui.label(label);
    match bound {
        Some(date) => {
            ui.add(
                egui_extras::DatePickerButton::new(date)
                    .id_salt(id)
                    .show_icon(false),
            );
            if ui
                .small_button("×")
                .on_hover_text(tr!("filter-no-bound"))
                .clicked()
            {
                *bound = None;
            }
        }
        None => {
            // "any" opens the calendar (at the data's first or last day);
            // only a date picked there sets the bound.
            let mut chosen = fallback;
            let picked = ui
                .add(
                    egui_extras::DatePickerButton::new(&mut chosen)
                        .id_salt(id)
                        .format(tr!("filter-any-date"))
                        .show_icon(false),
                )
                .on_hover_text(tr!("filter-choose-a-date"))
                .changed();
            if picked || chosen != fallback {
                *bound = Some(chosen);
            }
        }
    }
}

/// Where a nationality stands in the checklist: the region's countries
/// first, then by code, unknown last; never by count, which changes.
fn nationality_rank(n: &Option<CountryCode>) -> (u8, String) {
    match n {
        Some(code) if *code == CountryCode::TJ => (0, String::new()),
        Some(code) if *code == CountryCode::AF => (1, String::new()),
        Some(code) if *code == CountryCode::CN => (2, String::new()),
        Some(code) => (3, code.to_string()),
        None => (4, String::new()),
    }
}

fn victims_section(
    ui: &mut Ui,
    filter: &mut Filter,
    workspace: &Workspace,
    seen: &mut BTreeSet<Option<CountryCode>>,
) {
    let counts = &workspace.facets.nationalities;
    seen.extend(counts.keys().copied());
    seen.extend(filter.nationalities.iter().copied());
    seen.extend([
        Some(CountryCode::TJ),
        Some(CountryCode::AF),
        Some(CountryCode::CN),
        None,
    ]);
    let mut ordered: Vec<_> = seen.iter().copied().collect();
    ordered.sort_by_key(nationality_rank);
    ui.label(RichText::new(tr!("filter-nationality")).small());
    for nationality in ordered {
        let label = match nationality {
            Some(code) if code.name() != code.as_str() => {
                format!("{code} {}", super::country_name(&code))
            }
            Some(code) => code.to_string(),
            None => tr!("filter-unknown-nationality"),
        };
        checklist_row(
            ui,
            &mut filter.nationalities,
            nationality,
            &label,
            counts.get(&nationality),
        );
    }
    ui.checkbox(
        &mut filter.killed_only,
        tr!("filter-killed-only-not-wounded"),
    );
    ui.label(RichText::new(tr!("filter-role")).small());
    for role in VictimRole::ALL {
        checklist_row(
            ui,
            &mut filter.victim_roles,
            *role,
            &role.tr_label(),
            workspace.facets.roles.get(role),
        );
    }
    ui.horizontal(|ui| {
        let mut on = filter.min_fatalities.is_some();
        let mut min = filter.min_fatalities.unwrap_or(1);
        if ui.checkbox(&mut on, tr!("filter-at-least")).changed() {
            filter.min_fatalities = on.then_some(min);
        }
        if ui
            .add_enabled(
                on,
                egui::DragValue::new(&mut min)
                    .range(0..=10_000)
                    .suffix(tr!("filter-killed")),
            )
            .changed()
        {
            filter.min_fatalities = Some(min);
        }
    });
}

fn place_section(
    ui: &mut Ui,
    filter: &mut Filter,
    workspace: &Workspace,
    seen: &mut BTreeMap<String, String>,
) {
    ui.label(RichText::new(tr!("filter-side-of-the-border")).small());
    for side in Side::ALL {
        checklist_row(
            ui,
            &mut filter.sides,
            *side,
            &side.tr_label(),
            workspace.facets.sides.get(side),
        );
    }
    ui.label(RichText::new(tr!("filter-province")).small());
    // By name, and every province once seen stays (greyed at 0), as do
    // ticked ones no incident has any more, so they can be unticked.
    for (key, (name, _)) in &workspace.facets.provinces {
        seen.entry(key.clone()).or_insert_with(|| name.clone());
    }
    for name in &filter.provinces {
        seen.entry(name.to_lowercase())
            .or_insert_with(|| name.clone());
    }
    let mut provinces: Vec<(String, String)> =
        seen.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    provinces.sort_by(|a, b| a.0.cmp(&b.0));
    for (key, name) in provinces {
        let count = workspace.facets.provinces.get(&key).map(|(_, n)| *n);
        // A ticked province is in the set under the name it was ticked by.
        let value = filter
            .provinces
            .iter()
            .find(|p| p.to_lowercase() == key)
            .cloned()
            .unwrap_or_else(|| name.clone());
        checklist_row(ui, &mut filter.provinces, value, &name, count.as_ref());
    }
    ui.label(RichText::new(tr!("filter-distance-to-the-border")).small());
    ui.horizontal(|ui| {
        let mut near = filter.max_border_km.is_some();
        let mut km = filter.max_border_km.unwrap_or(10.0);
        if ui
            .checkbox(&mut near, tr!("filter-within"))
            .on_hover_text(tr!("filter-only-incidents-this-close"))
            .changed()
        {
            filter.max_border_km = near.then_some(km);
        }
        if ui
            .add_enabled(
                near,
                egui::DragValue::new(&mut km)
                    .range(0.0..=500.0)
                    .speed(0.5)
                    .suffix(tr!("filter-km")),
            )
            .changed()
        {
            filter.max_border_km = Some(km);
        }
        ui.label(tr!("filter-of-it"));
    });
}

/// The row above the map: the active rules as small buttons that drop
/// them, and "Clear all".
#[derive(Default)]
pub struct FilterChips;

impl Panel for FilterChips {
    fn ui(&mut self, ui: &mut egui::Ui, workspace: &Workspace, commands: &mut Vec<Command>) {
        chips(ui, workspace, commands);
    }
}

fn chips(ui: &mut Ui, workspace: &Workspace, commands: &mut Vec<Command>) {
    let filter = &workspace.filter;
    let conflicts = workspace.conflicts.len();
    if workspace.only_conflicts {
        if ui
            .button(format!(
                "{}  ×",
                tr!("filter-only-conflicts", count = conflicts)
            ))
            .on_hover_text(tr!("filter-back-to-the-filter"))
            .clicked()
        {
            commands.push(Command::ShowConflicts(false));
        }
        return;
    }
    if conflicts > 0
        && ui
            .button(
                RichText::new(tr!("filter-conflicts", count = conflicts))
                    .color(ui.visuals().warn_fg_color),
            )
            .on_hover_text(tr!("filter-show-only-the-incidents"))
            .clicked()
    {
        commands.push(Command::ShowConflicts(true));
    }
    if filter.trash
        && ui
            .button(tr!("filter-trash"))
            .on_hover_text(tr!("filter-back-to-the-live"))
            .clicked()
    {
        commands.push(Command::SetFilter(Box::new(Filter {
            trash: false,
            ..filter.clone()
        })));
    }
    if filter.is_empty() {
        let text = if filter.trash {
            tr!("filter-no-filter-trash")
        } else {
            tr!("filter-no-filter")
        };
        ui.label(RichText::new(text).weak());
        return;
    }
    let mut next: Option<Filter> = None;
    ui.label(RichText::new(tr!("filter-filtered-by")).weak());
    for (label, drop) in rules(filter, &workspace.actors) {
        if ui
            .button(format!("{label}  ×"))
            .on_hover_text(tr!("filter-remove-this-rule"))
            .clicked()
        {
            let mut f = filter.clone();
            drop(&mut f);
            next = Some(f);
        }
    }
    if ui.small_button(tr!("filter-clear-all")).clicked() {
        next = Some(Filter {
            trash: filter.trash,
            ..Filter::default()
        });
    }
    if let Some(f) = next {
        commands.push(Command::SetFilter(Box::new(f)));
    }
}

impl Panel for FilterPanel {
    fn ui(&mut self, ui: &mut egui::Ui, workspace: &Workspace, commands: &mut Vec<Command>) {
        let mut filter = workspace.filter.clone();
        ui.horizontal(|ui| {
            ui.heading(tr!("filter-filters"));
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui
                    .add_enabled(
                        !filter.is_empty(),
                        egui::Button::new(tr!("filter-clear-all")),
                    )
                    .clicked()
                {
                    filter = Filter {
                        trash: filter.trash,
                        ..Filter::default()
                    };
                }
            });
        });
        ui.horizontal(|ui| {
            ui.label(RichText::new(count_label(workspace)).strong());
            if workspace.is_filtering() {
                // The counts are the last filter's until the new ones come.
                ui.add(egui::Spinner::new().size(12.0));
            }
        });
        let search = ui.add(
            egui::TextEdit::singleline(&mut filter.text)
                .id(egui::Id::unique(SEARCH_ID))
                .hint_text(tr!("filter-search-text-ctrl-f"))
                .desired_width(f32::INFINITY),
        );
        if std::mem::take(&mut self.focus_search) {
            search.request_focus();
        }
        if let Some(error) = &workspace.search_error {
            ui.colored_label(
                ui.visuals().error_fg_color,
                tr!("filter-search-failed", error = error.as_str()),
            );
        }
        if let Some(percent) = workspace.activity.text_indexing {
            // Search matches the rows not indexed yet by the index's own
            // rule meanwhile, so it finds them; the note says why the disk
            // is busy.
            ui.label(
                RichText::new(tr!("filter-indexing", percent = percent as i64))
                    .small()
                    .weak(),
            );
        }
        ui.add_space(4.0);
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                egui::CollapsingHeader::new(tr!("filter-date"))
                    .default_open(true)
                    .show(ui, |ui| date_section(ui, &mut filter, workspace));
                egui::CollapsingHeader::new(tr!("filter-perpetrator"))
                    .default_open(true)
                    .show(ui, |ui| {
                        self.perpetrator_section(ui, &mut filter, workspace);
                    });
                egui::CollapsingHeader::new(tr!("filter-victims"))
                    .default_open(true)
                    .show(ui, |ui| {
                        victims_section(ui, &mut filter, workspace, &mut self.seen_nationalities)
                    });
                egui::CollapsingHeader::new(tr!("filter-event-type")).show(ui, |ui| {
                    for event_type in EventType::ALL {
                        let count = workspace.facets.event_types.get(event_type);
                        checklist_row(
                            ui,
                            &mut filter.event_types,
                            *event_type,
                            &event_type.tr_label(),
                            count,
                        );
                    }
                });
                egui::CollapsingHeader::new(tr!("filter-place-and-border")).show(ui, |ui| {
                    place_section(ui, &mut filter, workspace, &mut self.seen_provinces)
                });
                ui.separator();
                // A long label (Russian) wraps rather than widen the panel.
                ui.scope(|ui| {
                    ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Wrap);
                    ui.checkbox(&mut filter.trash, tr!("filter-show-the-trash-deleted"));
                });
            });
        if filter != workspace.filter {
            commands.push(Command::SetFilter(Box::new(filter)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::preset_range;
    use jiff::civil::date;

    #[test]
    fn a_preset_counts_back_from_the_newest_incident_when_nothing_is_that_recent() {
        let today = date(2026, 11, 29);
        assert_eq!(
            preset_range(today, Some(date(2026, 11, 28)), Some(7)),
            (Some(date(2026, 11, 23)), Some(today))
        );
        assert_eq!(
            preset_range(today, Some(date(2025, 12, 31)), Some(30)),
            (Some(date(2025, 12, 2)), Some(date(2025, 12, 31)))
        );
        assert_eq!(
            preset_range(today, Some(date(2025, 12, 31)), Some(0)),
            (Some(date(2025, 1, 1)), Some(date(2025, 12, 31)))
        );
        assert_eq!(
            preset_range(today, None, Some(7)),
            (Some(date(2026, 11, 23)), Some(today))
        );
        assert_eq!(preset_range(today, Some(today), None), (None, None));
    }
}
