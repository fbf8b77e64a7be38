//! The details pane (right) of the selected incident: every field with its
//! precision, casualties, attribution claims, sources with their grades,
//! the edit history, and edit / duplicate / delete.

use crate::model::script::for_display;
use crate::model::{Incident, Version};
use crate::workspace::{Command, Workspace};
use egui::{RichText, Ui};
use uuid::Uuid;

/// The details pane's own state.
#[derive(Default)]
pub struct DetailsPanel {
    /// The history of the incident shown, read once per record version.
    history: Option<(Uuid, i64, Result<Vec<Version>, String>)>,
}

impl DetailsPanel {
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        incident: &Incident,
        workspace: &Workspace,
        commands: &mut Vec<Command>,
    ) {
        ui.horizontal(|ui| {
            let writable = !workspace.store.is_read_only();
            if incident.deleted_at.is_some() {
                if ui
                    .add_enabled(writable, egui::Button::new("Restore"))
                    .clicked()
                {
                    commands.push(Command::Restore(incident.id));
                }
            } else {
                if ui
                    .add_enabled(writable, egui::Button::new("Edit"))
                    .on_hover_text("Open this incident in the form")
                    .clicked()
                {
                    commands.push(Command::EditIncident(incident.id));
                }
                if ui
                    .add_enabled(writable, egui::Button::new("Duplicate"))
                    .on_hover_text("Open a copy in the form, to record a similar incident")
                    .clicked()
                {
                    commands.push(Command::Duplicate(incident.id));
                }
                if ui
                    .add_enabled(writable, egui::Button::new("Delete"))
                    .on_hover_text("Move to the trash; Ctrl+Z or the trash view bring it back")
                    .clicked()
                {
                    commands.push(Command::Delete(incident.id));
                }
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.small_button("×").on_hover_text("Close (Esc)").clicked() {
                    commands.push(Command::Select(None));
                }
            });
        });
        if workspace.selection.len() > 1 {
            ui.label(
                RichText::new(format!(
                    "{} incidents selected; showing the first.",
                    workspace.selection.len()
                ))
                .weak(),
            );
        }
        if workspace.conflicts.contains(&incident.id) {
            ui.horizontal_wrapped(|ui| {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    "Conflict: two versions of this incident disagree.",
                );
                if ui
                    .add_enabled(
                        !workspace.store.is_read_only(),
                        egui::Button::new("Resolve…"),
                    )
                    .on_hover_text("Choose, field by field, which version to keep")
                    .clicked()
                {
                    commands.push(Command::OpenConflict(incident.id));
                }
            });
        }
        ui.separator();
        let stale = self
            .history
            .as_ref()
            .is_none_or(|(id, version, _)| *id != incident.id || *version != incident.version);
        if stale {
            let history = workspace
                .store
                .versions(incident.id)
                .map_err(|e| e.to_string());
            self.history = Some((incident.id, incident.version, history));
        }
        let history = self.history.as_ref().map(|(_, _, h)| h);
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| details(ui, incident, workspace, history));
    }
}

/// Every field of one incident.
fn details(
    ui: &mut Ui,
    incident: &Incident,
    workspace: &Workspace,
    history: Option<&Result<Vec<Version>, String>>,
) {
    super::text::paragraph(ui, &incident.title, |t| {
        RichText::new(t).text_style(egui::TextStyle::Heading)
    });
    if incident.deleted_at.is_some() {
        ui.colored_label(ui.visuals().warn_fg_color, "In the trash");
    }
    ui.label(format!(
        "{} · {} (date precision: {})",
        incident.event_type.label(),
        incident.date.describe(),
        incident.date.precision.label().to_lowercase()
    ));
    if let Some(solar_hijri) =
        crate::model::calendar::describe_interval(incident.date.start, incident.date.end)
    {
        ui.label(RichText::new(format!("Solar Hijri: {solar_hijri}")).weak());
    }
    if let Some(time) = incident.date.time_of_day {
        ui.label(format!("Time of day: {}", time.strftime("%H:%M")));
    }
    let loc = &incident.location;
    let mut place = vec![loc.place_name.clone()];
    place.extend(loc.admin2.clone());
    place.extend(loc.admin1.clone());
    place.extend(loc.country.map(|c| c.name().to_string()));
    place.retain(|p| !p.is_empty());
    ui.label(format!(
        "{} · {} (location precision: {})",
        for_display(&place.join(", ")),
        loc.side.label(),
        loc.precision.label().to_lowercase()
    ));
    let border = match loc.border_km {
        Some(km) => format!(", {:.1} km from the border", km.abs()),
        None => String::new(),
    };
    ui.label(RichText::new(format!("{:.4}° N, {:.4}° E{border}", loc.lat, loc.lon)).weak());
    if !incident.summary.is_empty() {
        ui.separator();
        super::text::paragraph(ui, &incident.summary, RichText::new);
    }
    ui.separator();
    ui.strong(format!(
        "Casualties: {} killed, {} wounded",
        incident.killed_label(),
        incident.wounded()
    ));
    if incident.casualties.is_empty() {
        ui.label(RichText::new("None recorded.").italics());
    } else {
        egui::Grid::new("casualties").striped(true).show(ui, |ui| {
            for title in ["Nationality", "Role", "Killed", "Wounded", "Figure"] {
                ui.label(RichText::new(title).small().strong());
            }
            ui.end_row();
            for c in &incident.casualties {
                ui.label(
                    c.nationality
                        .map(|n| format!("{} ({n})", n.name()))
                        .unwrap_or_else(|| "unknown".into()),
                );
                ui.label(c.role.label());
                ui.label(c.killed.to_string());
                ui.label(c.wounded.to_string());
                ui.label(c.figure.label());
                ui.end_row();
            }
        });
    }
    ui.separator();
    ui.strong("Attribution claims");
    if incident.claims.is_empty() {
        ui.label(RichText::new("Nobody has named a perpetrator.").italics());
    }
    for c in &incident.claims {
        let actor = workspace
            .actors
            .get(c.actor_id)
            .map(|a| a.name.as_str())
            .unwrap_or("?");
        let claimant = if c.claimant_name.is_empty() {
            c.claimant.label()
        } else {
            &c.claimant_name
        };
        let (claimant, actor) = (for_display(claimant), for_display(actor));
        ui.label(format!(
            "{claimant}: {} {actor} ({})",
            c.stance.label().to_lowercase(),
            c.confidence.label().to_lowercase()
        ));
        if let Some(source) = c.source_id.and_then(|id| workspace.sources.get(&id)) {
            ui.label(RichText::new(format!("    source: {}", for_display(&source.title))).small());
        }
        if !c.note.is_empty() {
            ui.label(RichText::new(format!("    {}", for_display(&c.note))).small());
        }
    }
    let mut source_ids: Vec<Uuid> = incident.source_ids.clone();
    for id in incident.claims.iter().filter_map(|c| c.source_id) {
        if !source_ids.contains(&id) {
            source_ids.push(id);
        }
    }
    ui.separator();
    ui.strong("Sources");
    if source_ids.is_empty() {
        ui.label(RichText::new("No source cited.").italics());
    }
    for id in source_ids {
        match workspace.sources.get(&id) {
            Some(source) => {
                let grade = source.grade.letter();
                ui.label(format!("[{grade}] {}", for_display(&source.title)))
                    .on_hover_text(source.grade.label());
                let mut line = source.publisher.clone();
                if let Some(date) = source.published {
                    line = format!("{line}, {date}");
                }
                if !source.reference.is_empty() {
                    line = format!("{line} · {}", source.reference);
                }
                if !line.is_empty() {
                    ui.label(RichText::new(for_display(&line)).small());
                }
            }
            None => {
                ui.label(format!("unknown source {id}"));
            }
        }
    }
    if !incident.tags.is_empty() {
        ui.separator();
        ui.label(format!("Tags: {}", for_display(&incident.tags.join(", "))));
    }
    if !incident.notes.is_empty() {
        ui.separator();
        ui.strong("Notes");
        super::text::paragraph(ui, &incident.notes, RichText::new);
    }
    if let Some(external_id) = &incident.external_id {
        ui.separator();
        ui.label(format!("Imported: {external_id}"));
        if let Some(provenance) = &incident.provenance {
            egui::CollapsingHeader::new("The row as imported")
                .default_open(false)
                .show(ui, |ui| {
                    let fields: serde_json::Map<String, serde_json::Value> =
                        serde_json::from_str(provenance).unwrap_or_default();
                    egui::Grid::new("provenance").striped(true).show(ui, |ui| {
                        for (column, value) in &fields {
                            ui.label(RichText::new(column).small().weak());
                            ui.label(RichText::new(value.as_str().unwrap_or_default()).small());
                            ui.end_row();
                        }
                    });
                });
        }
    }
    ui.separator();
    egui::CollapsingHeader::new("History")
        .default_open(false)
        .show(ui, |ui| match history {
            Some(Ok(versions)) => {
                for line in crate::model::merge::history_lines(versions).iter().rev() {
                    ui.label(line);
                }
            }
            Some(Err(e)) => {
                ui.colored_label(ui.visuals().error_fg_color, e);
            }
            None => {}
        });
    ui.label(
        RichText::new(format!(
            "Recorded {} · version {} · id {}",
            incident.created_at.strftime("%Y-%m-%d"),
            incident.version,
            incident.id
        ))
        .small()
        .weak(),
    );
}
