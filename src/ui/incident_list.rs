//! The incident table: the filtered incidents, one row each, sortable by
//! any column, virtualized (only visible rows are laid out), with
//! multi-selection shared with the map and keyboard navigation.

use crate::filter::facets::IndexedCasualty;
use crate::lang::Labelled;
use crate::model::script::for_display;
use crate::tr;
use crate::ui::Panel;
use crate::workspace::{Command, ListedRow, RowOrder, Workspace};
use egui_extras::{Column, TableBuilder};
use std::cmp::Ordering;
use uuid::Uuid;

/// What the table is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    Date,
    Title,
    Type,
    Place,
    Side,
    Perpetrator,
    Killed,
    Sources,
}

/// The key columns first, so that a narrow window still shows when, what,
/// who died and who is blamed; the rest scroll into view.
const COLUMNS: [SortKey; 8] = [
    SortKey::Date,
    SortKey::Title,
    SortKey::Killed,
    SortKey::Perpetrator,
    SortKey::Type,
    SortKey::Place,
    SortKey::Side,
    SortKey::Sources,
];

/// A column's heading in the interface's language.
/// Each column's width when there is room, and the least it shrinks to
/// (in the order of [`COLUMNS`]); the last takes what is left.
const COLUMN_WIDTHS: [(f32, f32); 8] = [
    (150.0, 80.0),
    (240.0, 110.0),
    (80.0, 50.0),
    (130.0, 70.0),
    (120.0, 60.0),
    (110.0, 60.0),
    (50.0, 40.0),
    (60.0, 50.0),
];

fn column_title(key: SortKey) -> String {
    match key {
        SortKey::Date => tr!("table-column-date"),
        SortKey::Title => tr!("table-column-title"),
        SortKey::Killed => tr!("table-column-killed"),
        SortKey::Perpetrator => tr!("table-column-perpetrator"),
        SortKey::Type => tr!("table-column-type"),
        SortKey::Place => tr!("table-column-place"),
        SortKey::Side => tr!("table-column-side"),
        SortKey::Sources => tr!("table-column-sources"),
    }
}

/// The incident table's own state.
pub struct IncidentList {
    sort: SortKey,
    descending: bool,
    /// Row order: indexes into `workspace.incidents`, for `order_for`;
    /// read from the end when `descending`. Shared with the workspace
    /// for the date order, made with the filter (no copy of a million).
    order: RowOrder,
    order_for: Option<(u64, SortKey, bool)>,
    /// Where a shift-click range starts.
    anchor: Option<Uuid>,
    scroll_to: Option<usize>,
}

impl Default for IncidentList {
    fn default() -> Self {
        IncidentList {
            sort: SortKey::Date,
            descending: true,
            order: RowOrder::default(),
            order_for: None,
            anchor: None,
            scroll_to: None,
        }
    }
}

/// The row order by `key`, stable (ties keep date order): each key made
/// once rather than twice per comparison, and no sort at all when the rows
/// already are in order, as they are by date unless records were written
/// since loading. A million rows sorted with keys made in the comparison
/// took over a second.
/// Rows of equal key go by date, then id, so that they keep their places
/// whatever order a refresh loads them in.
fn keyed_order<K: Ord>(workspace: &Workspace, key: impl Fn(&ListedRow) -> K) -> RowOrder {
    RowOrder::of_keys(
        workspace
            .kept_rows()
            .map(|i| (key(&i), i.date().start, i.date().end, i.id()))
            .collect(),
    )
}

/// Paints a small triangle after a column's title, pointing the way the
/// column sorts (the default fonts have no arrow glyph: "v" and "^" were
/// drawn instead).
fn sort_arrow(ui: &mut egui::Ui, descending: bool) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(9.0, 9.0), egui::Sense::hover());
    let c = rect.center();
    let (tip, base) = if descending {
        (c.y + 3.0, c.y - 3.0)
    } else {
        (c.y - 3.0, c.y + 3.0)
    };
    ui.painter().add(egui::Shape::convex_polygon(
        vec![
            egui::pos2(c.x - 4.0, base),
            egui::pos2(c.x + 4.0, base),
            egui::pos2(c.x, tip),
        ],
        ui.visuals().strong_text_color(),
        egui::Stroke::NONE,
    ));
}

/// The rows of `workspace.incidents` in ascending order of `sort`.
fn order_by(sort: SortKey, workspace: &Workspace) -> RowOrder {
    let actors = &workspace.actors;
    match sort {
        SortKey::Date => keyed_order(workspace, |i| (i.date().start, i.date().end)),
        SortKey::Title => keyed_order(workspace, |i| i.title().to_lowercase()),
        SortKey::Type => keyed_order(workspace, |i| i.event_type().label()),
        SortKey::Place => keyed_order(workspace, |i| i.place().to_lowercase()),
        SortKey::Side => keyed_order(workspace, |i| i.side()),
        SortKey::Perpetrator => keyed_order(workspace, |i| i.attribution_label(actors)),
        SortKey::Killed => keyed_order(workspace, |i| i.killed()),
        SortKey::Sources => keyed_order(workspace, |i| i.sources()),
    }
}

impl IncidentList {
    fn sync_order(&mut self, workspace: &Workspace) {
        let key = (workspace.generation, self.sort, self.descending);
        if self.order_for == Some(key) {
            return;
        }
        self.order = match self.sort {
            SortKey::Date => workspace.by_date.clone(),
            other => order_by(other, workspace),
        };
        self.order_for = Some(key);
    }

    /// The position in `workspace.incidents` of the table's `row`th row.
    fn at(&self, row: usize) -> Option<usize> {
        if self.descending {
            self.order.get(self.order.len().checked_sub(row + 1)?)
        } else {
            self.order.get(row)
        }
    }

    /// The ids in the order the table shows them.
    pub fn visible_order<'a>(
        &'a self,
        workspace: &'a Workspace,
    ) -> impl Iterator<Item = Uuid> + 'a {
        (0..self.order.len()).filter_map(|row| workspace.kept_id(self.at(row)?))
    }

    /// Up and down move the selection through the rows as sorted.
    fn keyboard(&mut self, ui: &egui::Ui, workspace: &Workspace, commands: &mut Vec<Command>) {
        if ui.ctx().memory(|m| m.focused().is_some()) {
            return;
        }
        let (up, down) = ui.input(|i| {
            (
                i.key_pressed(egui::Key::ArrowUp),
                i.key_pressed(egui::Key::ArrowDown),
            )
        });
        if !up && !down {
            return;
        }
        let current = workspace
            .selected
            .and_then(|id| self.visible_order(workspace).position(|x| x == id));
        let next = match (current, up) {
            (None, _) => 0,
            (Some(n), true) => n.saturating_sub(1),
            (Some(n), false) => (n + 1).min(self.order.len() - 1),
        };
        let Some(id) = self.at(next).and_then(|at| workspace.kept_id(at)) else {
            return;
        };
        self.anchor = Some(id);
        self.scroll_to = Some(next);
        commands.push(Command::Select(Some(id)));
    }
}

/// The leading claim as the table shows it: "ISKP (possible)" in the
/// interface's language (exports keep [`attribution_label`]'s English).
fn shown_attribution(incident: &ListedRow, actors: &crate::filter::ActorDirectory) -> String {
    match incident.leading_claim(actors) {
        Some((actor, confidence)) => format!(
            "{} ({})",
            for_display(&actor.name),
            confidence.tr_label().to_lowercase()
        ),
        None => tr!("filter-unattributed"),
    }
}

/// "CN 5, TJ 1": killed by nationality, largest first; "0" when none;
/// "at least" figures marked with "+".
pub fn killed_by_nationality(casualties: impl IntoIterator<Item = IndexedCasualty>) -> String {
    let mut by: Vec<(String, u64, bool)> = Vec::new();
    for c in casualties.into_iter().filter(|c| c.killed > 0) {
        let code = c.nationality.map_or("?".to_string(), |n| n.to_string());
        let minimum = c.minimum;
        match by.iter_mut().find(|(k, _, _)| *k == code) {
            Some(entry) => {
                entry.1 += u64::from(c.killed);
                entry.2 |= minimum;
            }
            None => by.push((code, u64::from(c.killed), minimum)),
        }
    }
    if by.is_empty() {
        return "0".into();
    }
    by.sort_by(|a, b| match b.1.cmp(&a.1) {
        Ordering::Equal => a.0.cmp(&b.0),
        o => o,
    });
    by.iter()
        .map(|(code, n, min)| format!("{code} {n}{}", if *min { "+" } else { "" }))
        .collect::<Vec<_>>()
        .join(", ")
}

impl Panel for IncidentList {
    fn ui(&mut self, ui: &mut egui::Ui, workspace: &Workspace, commands: &mut Vec<Command>) {
        self.sync_order(workspace);
        if workspace.incidents.is_empty() {
            ui.vertical_centered(|ui| {
                ui.add_space(ui.available_height() / 4.0);
                if workspace.facets.total == 0 && workspace.filter.trash {
                    ui.heading(tr!("table-the-trash-is-empty"));
                    ui.label(tr!("table-deleted-incidents-wait-here"));
                } else if workspace.facets.total == 0 {
                    ui.heading(tr!("table-no-incidents-yet"));
                    ui.label(tr!("table-incidents-you-record-or"));
                } else {
                    ui.heading(tr!("table-no-incident-passes-the"));
                    ui.label(tr!("table-loosen-or-clear-the"));
                }
            });
            return;
        }
        self.keyboard(ui, workspace, commands);
        let row_height = ui.text_style_height(&egui::TextStyle::Body) + 8.0;
        // One line per row: long cells are cut short, with the whole text on hover.
        ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
        // Never paint into the details pane beside the table.
        ui.shrink_clip_rect(ui.available_rect_before_wrap());
        let (ctrl, shift) = ui.input(|i| (i.modifiers.command, i.modifiers.shift));
        let mut clicked: Option<(usize, bool)> = None;
        // The columns share the width there is, never below their least:
        // beside the details pane at 1024 points only Date and Title
        // showed. A table of another width (the pane opened or closed, the
        // window resized) starts from widths made for it.
        let available = ui.available_width();
        let spacing = ui.spacing().item_spacing.x * COLUMNS.len() as f32;
        let natural: f32 = COLUMN_WIDTHS.iter().map(|(w, _)| w).sum::<f32>() + spacing;
        let scale = ((available - spacing) / natural).min(1.0);
        let mut table = TableBuilder::new(ui)
            .id_salt(("incident_table", (available / 80.0).round() as i32))
            .striped(true)
            .sense(egui::Sense::click());
        for (n, (width, least)) in COLUMN_WIDTHS.iter().enumerate() {
            table = table.column(if n + 1 == COLUMN_WIDTHS.len() {
                Column::remainder().at_least(*least)
            } else {
                Column::initial((width * scale).max(*least))
                    .at_least(*least)
                    .clip(true)
            });
        }
        if let Some(row) = self.scroll_to.take() {
            table = table.scroll_to_row(row, None);
        }
        table
            .header(row_height, |mut header| {
                for key in COLUMNS {
                    let title = column_title(key);
                    header.col(|ui| {
                        let clicked = ui
                            .horizontal(|ui| {
                                ui.spacing_mut().item_spacing.x = 2.0;
                                let clicked = ui
                                    .add(
                                        egui::Button::new(egui::RichText::new(&title).strong())
                                            .frame(false),
                                    )
                                    .on_hover_text(tr!("table-sort-by-this-column"))
                                    .clicked();
                                if self.sort == key {
                                    sort_arrow(ui, self.descending);
                                }
                                clicked
                            })
                            .inner;
                        if clicked {
                            if self.sort == key {
                                self.descending = !self.descending;
                            } else {
                                self.sort = key;
                                self.descending = matches!(key, SortKey::Date | SortKey::Killed);
                            }
                        }
                    });
                }
            })
            .body(|body| {
                body.rows(row_height, self.order.len(), |mut row| {
                    let position = row.index();
                    let Some(incident) = self.at(position).and_then(|at| workspace.kept(at)) else {
                        return;
                    };
                    let id = incident.id();
                    let is_selected = workspace.is_selected(id);
                    row.set_selected(is_selected);
                    row.col(|ui| {
                        // The whole interval: showing only its start would
                        // claim a precision the source did not give.
                        ui.label(crate::ui::shown_date(&incident.date()));
                    });
                    let mut title_clicked = false;
                    row.col(|ui| {
                        // Selectable, not a plain label, so keyboard and screen
                        // reader users can select the row too.
                        let shown = for_display(incident.title());
                        let title = if workspace.conflicts.contains(&id) {
                            egui::RichText::new(format!("! {shown}"))
                                .color(ui.visuals().warn_fg_color)
                        } else {
                            egui::RichText::new(shown)
                        };
                        let response = ui.selectable_label(is_selected, title);
                        let response = if workspace.conflicts.contains(&id) {
                            response.on_hover_text(tr!("table-its-versions-disagree-resolve"))
                        } else {
                            response
                        };
                        title_clicked = response.clicked();
                    });
                    row.col(|ui| {
                        let killed = killed_by_nationality(incident.casualties());
                        ui.label(&killed).on_hover_text(&killed);
                    });
                    row.col(|ui| {
                        ui.label(shown_attribution(&incident, &workspace.actors));
                    });
                    row.col(|ui| {
                        let what = incident.event_type().tr_label();
                        ui.label(&what).on_hover_text(&what);
                    });
                    row.col(|ui| {
                        let place = incident.place();
                        let place = for_display(&place);
                        ui.label(place.as_ref()).on_hover_text(place.as_ref());
                    });
                    row.col(|ui| {
                        ui.label(incident.side().code().to_uppercase())
                            .on_hover_text(incident.side().tr_label());
                    });
                    row.col(|ui| {
                        ui.label(incident.sources().to_string());
                    });
                    let response = row.response();
                    if title_clicked || response.clicked() {
                        clicked = Some((position, false));
                    }
                    if response.double_clicked() {
                        clicked = Some((position, true));
                    }
                });
            });
        if let Some((position, double)) = clicked
            && let Some(id) = self.at(position).and_then(|at| workspace.kept_id(at))
        {
            if double || (!ctrl && !shift) {
                self.anchor = Some(id);
                commands.push(Command::Select(Some(id)));
            } else if shift {
                let anchor = self
                    .anchor
                    .and_then(|a| self.visible_order(workspace).position(|x| x == a))
                    .unwrap_or(position);
                let (from, to) = (anchor.min(position), anchor.max(position));
                let mut ids: Vec<Uuid> = (from..=to)
                    .filter_map(|row| workspace.kept_id(self.at(row)?))
                    .collect();
                // The clicked row is the one the details show.
                ids.retain(|x| *x != id);
                ids.insert(0, id);
                commands.push(Command::SelectMany(ids));
            } else {
                let mut ids: Vec<Uuid> = workspace.selection.iter().copied().collect();
                if let Some(at) = ids.iter().position(|x| *x == id) {
                    ids.remove(at);
                } else {
                    ids.insert(0, id);
                    self.anchor = Some(id);
                }
                commands.push(Command::SelectMany(ids));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EventType, Incident, IncidentDate, Location, LocationPrecision, Side};

    /// Rows of equal killed keep their order whatever order they were
    /// loaded in (issue 43, item 22: they swapped between refreshes).
    #[test]
    fn rows_of_equal_key_keep_their_order_by_date() {
        let mut workspace = crate::workspace::seeded_for_tests();
        let order = |w: &Workspace| -> Vec<Uuid> {
            let order = order_by(SortKey::Killed, w);
            (0..order.len())
                .filter_map(|n| w.kept_id(order.get(n)?))
                .collect()
        };
        // A record written now comes after those loaded, whatever its
        // date; read again from the database, it comes by its date.
        let killed = workspace.kept_rows().map(|i| i.killed()).min().unwrap();
        let mut early = Incident::new(
            "Early",
            EventType::Other,
            IncidentDate::day(jiff::civil::date(2001, 1, 1)),
            Location::point(69.0, 37.0, LocationPrecision::Exact, Side::Tj),
        );
        early.casualties.push(crate::model::Casualty {
            nationality: None,
            role: crate::model::VictimRole::Unknown,
            killed: killed as u32,
            wounded: 0,
            figure: crate::model::Figure::Exact,
        });
        crate::workspace::add_for_tests(&mut workspace, &early);
        let written = order(&workspace);
        workspace.reload().unwrap();
        assert_eq!(order(&workspace), written, "the same order after a reload");
    }

    /// Ties keep their order, and rows already in order stay as they are.
    #[test]
    fn keyed_order_is_stable_and_leaves_ordered_rows_alone() {
        let order = |keys| RowOrder::of_keys(keys).to_vec();
        assert_eq!(order(vec![1, 3, 1, 0]), vec![3, 0, 2, 1]);
        assert_eq!(order(vec![1, 2, 2, 3]), vec![0, 1, 2, 3]);
        assert_eq!(RowOrder::of_keys(vec![1, 2, 2, 3]), RowOrder::AsTheyAre(4));
        assert_eq!(order(vec![1, 0, 0, 1]), vec![1, 2, 0, 3]);
        assert_eq!(RowOrder::of_keys(vec!["b", "a"]).get(2), None);
    }

    /// The date order the filter makes from the packed index (the
    /// table's) is the records' date order, also once a save has put a
    /// record out of date order, and under a filter.
    #[test]
    fn the_date_order_from_the_index_is_the_records_date_order() {
        let mut workspace = crate::workspace::seeded_for_tests();
        let earliest = Incident::new(
            "Earliest",
            EventType::Other,
            IncidentDate::day(jiff::civil::date(2020, 1, 1)),
            Location::point(69.0, 37.0, LocationPrecision::Exact, Side::Tj),
        );
        crate::workspace::add_for_tests(&mut workspace, &earliest);
        let by_records = |w: &Workspace| keyed_order(w, |i| (i.date().start, i.date().end));
        let everything = workspace.by_date.to_vec();
        assert_eq!(everything, by_records(&workspace).to_vec());
        assert_eq!(
            everything[0],
            workspace.incidents.len() - 1,
            "the new record first"
        );
        workspace.set_filter(crate::filter::Filter {
            sides: [Side::Tj].into(),
            ..crate::filter::Filter::default()
        });
        assert_eq!(workspace.by_date, by_records(&workspace));
    }
}
