//! The list of incidents: one row each, newest first, and the details
//! pane of the selected one.

use crate::app::{Command, Workspace};
use crate::filter::{ActorDirectory, attribution_label};
use crate::model::Incident;
use egui_extras::{Column, TableBuilder};

/// The incident list panel.
#[derive(Default)]
pub struct IncidentList {}

impl IncidentList {
    pub fn ui(&mut self, ui: &mut egui::Ui, workspace: &Workspace, commands: &mut Vec<Command>) {
        let incidents = workspace.incidents.as_slice();
        let actors = &workspace.actors;
        if incidents.is_empty() {
            ui.vertical_centered(|ui| {
                ui.add_space(ui.available_height() / 3.0);
                ui.heading("No incidents yet");
                ui.label("Incidents you record or import will be listed here.");
            });
            return;
        }
        let row_height = ui.text_style_height(&egui::TextStyle::Body) + 8.0;
        // One line per row: long cells are cut short, with the whole text on hover.
        ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
        // Never paint into the details pane beside the table.
        ui.shrink_clip_rect(ui.available_rect_before_wrap());
        // Column widths are worked out each frame from the space beside the
        // details pane (not remembered), so opening the pane never overflows.
        TableBuilder::new(ui)
            .striped(true)
            .sense(egui::Sense::click())
            .column(Column::initial(230.0).at_least(90.0))
            .column(Column::initial(170.0).at_least(80.0))
            .column(Column::auto().at_least(50.0))
            .column(Column::initial(150.0).at_least(80.0))
            .column(Column::remainder().at_least(200.0))
            .header(row_height, |mut header| {
                for title in ["Date", "Type", "Killed", "Perpetrator", "Title"] {
                    header.col(|ui| {
                        ui.strong(title);
                    });
                }
            })
            .body(|body| {
                body.rows(row_height, incidents.len(), |mut row| {
                    let incident = &incidents[incidents.len() - 1 - row.index()];
                    let is_selected = workspace.selected == Some(incident.id);
                    row.set_selected(is_selected);
                    row.col(|ui| {
                        // The whole interval: showing only its start would
                        // claim a precision the source did not give.
                        ui.label(incident.date.describe());
                    });
                    row.col(|ui| {
                        ui.label(incident.event_type.label())
                            .on_hover_text(incident.event_type.label());
                    });
                    row.col(|ui| {
                        ui.label(incident.killed_label());
                    });
                    row.col(|ui| {
                        ui.label(attribution_label(incident, actors));
                    });
                    let mut title_clicked = false;
                    row.col(|ui| {
                        // Selectable, not a plain label, so keyboard and screen
                        // reader users can select the row too.
                        title_clicked = ui.selectable_label(is_selected, &incident.title).clicked();
                    });
                    if title_clicked || row.response().clicked() {
                        commands.push(Command::Select(Some(incident.id)));
                    }
                });
            });
    }
}

/// The details pane of one incident.
pub fn details(ui: &mut egui::Ui, incident: &Incident, actors: &ActorDirectory) {
    egui::ScrollArea::vertical().show(ui, |ui| {
        ui.heading(&incident.title);
        ui.label(format!(
            "{} · {} (date precision: {})",
            incident.event_type.label(),
            incident.date.describe(),
            incident.date.precision.label().to_lowercase()
        ));
        let loc = &incident.location;
        ui.label(format!(
            "{} · {} (location precision: {})",
            loc.place_name,
            loc.side.label(),
            loc.precision.label().to_lowercase()
        ));
        ui.separator();
        ui.label(&incident.summary);
        ui.separator();
        ui.strong(format!(
            "Casualties: {} killed, {} wounded",
            incident.killed_label(),
            incident.wounded()
        ));
        for c in &incident.casualties {
            ui.label(format!(
                "{} · {} · killed {} · wounded {} ({})",
                c.nationality
                    .map(|n| n.name().to_string())
                    .unwrap_or_else(|| "nationality unknown".into()),
                c.role.label(),
                c.killed,
                c.wounded,
                c.figure.label().to_lowercase()
            ));
        }
        ui.separator();
        ui.strong("Attribution claims");
        for c in &incident.claims {
            let actor = actors
                .get(c.actor_id)
                .map(|a| a.name.as_str())
                .unwrap_or("?");
            ui.label(format!(
                "{}: {} {} ({})",
                if c.claimant_name.is_empty() {
                    c.claimant.label()
                } else {
                    &c.claimant_name
                },
                c.stance.label().to_lowercase(),
                actor,
                c.confidence.label().to_lowercase()
            ));
        }
        if !incident.notes.is_empty() {
            ui.separator();
            ui.strong("Notes");
            ui.label(&incident.notes);
        }
    });
}
