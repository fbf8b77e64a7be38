//! The details pane (right) of the selected incident: every field with its
//! precision, casualties, attribution claims, sources with their grades,
//! the edit history, and edit / duplicate / delete.

use crate::background::{Arrival, Arriving};
use crate::lang::Labelled;
use crate::model::script::for_display;
use crate::model::{Incident, Version};
use crate::tr;
use crate::ui::Panel;
use crate::workspace::{Command, WholeRecord, Workspace};
use egui::{RichText, Ui};
use uuid::Uuid;

/// One record read whole, with its history, by id on a worker
/// ([`Workspace::read_whole`]), once per record version: the window keeps
/// of every record only what the lists show. For the details pane and the
/// map's tooltip.
#[derive(Default)]
pub struct WholeShown {
    shown: Option<WholeRecord>,
    /// The read of the record asked for last, on a worker.
    reading: Option<Arriving<(Uuid, i64), WholeRecord>>,
}

impl WholeShown {
    /// The record `id` at `version`, whole: `None` until its read comes
    /// (the frame it comes is drawn again).
    pub fn get(
        &mut self,
        ctx: &egui::Context,
        workspace: &Workspace,
        id: Uuid,
        version: i64,
    ) -> Option<&WholeRecord> {
        let key = (id, version);
        let is_key = |shown: &&WholeRecord| (shown.id, shown.version) == key;
        if self.shown.as_ref().filter(is_key).is_none() {
            if self.reading.as_ref().is_none_or(|r| r.key != key) {
                let ctx = ctx.clone();
                self.reading =
                    Some(workspace.read_whole(id, version, move || ctx.request_repaint()));
            }
            match self.reading.as_ref().map(Arriving::poll) {
                Some(Arrival::Came(record)) => {
                    self.shown = Some(record);
                    self.reading = None;
                }
                Some(Arrival::Lost) => {
                    self.shown = Some(workspace.read_whole_here(id, version));
                    self.reading = None;
                }
                Some(Arrival::Waiting) | None => {}
            }
        }
        self.shown.as_ref().filter(is_key)
    }
}

/// The details pane's own state.
#[derive(Default)]
pub struct DetailsPanel {
    /// The incident shown, read whole with its history.
    shown: WholeShown,
}

impl DetailsPanel {}

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
        ui.colored_label(ui.visuals().warn_fg_color, tr!("details-in-the-trash"));
    }
    ui.label(tr!(
        "details-what-when",
        what = incident.event_type.tr_label(),
        when = crate::ui::long_interval(&incident.date),
        precision = incident.date.precision.tr_label().to_lowercase()
    ));
    if let Some(solar_hijri) =
        crate::ui::solar_hijri_interval(incident.date.start, incident.date.end)
    {
        ui.label(RichText::new(tr!("details-solar-hijri", date = solar_hijri)).weak());
    }
    if let Some(time) = incident.date.time_of_day {
        ui.label(tr!(
            "details-time-of-day",
            time = time.strftime("%H:%M").to_string()
        ));
    }
    let loc = &incident.location;
    ui.label(tr!(
        "details-where",
        place = for_display(&place_words(loc)),
        side = loc.side.tr_label(),
        precision = loc.precision.tr_label().to_lowercase()
    ));
    let border = match loc.border_km {
        Some(km) => tr!("details-from-the-border", km = format!("{:.1}", km.abs())),
        None => String::new(),
    };
    ui.label(RichText::new(format!("{:.4}° N, {:.4}° E{border}", loc.lat, loc.lon)).weak());
    if !incident.summary.is_empty() {
        ui.separator();
        super::text::paragraph(ui, &incident.summary, RichText::new);
    }
    ui.separator();
    ui.strong(tr!(
        "details-casualties",
        killed = incident.killed_label(),
        wounded = incident.wounded()
    ));
    if incident.casualties.is_empty() {
        ui.label(RichText::new(tr!("details-none-recorded")).italics());
    } else {
        // One wrapped line a row: a grid of five columns is wider than
        // the pane in Russian and would widen it.
        for c in &incident.casualties {
            let nationality = c
                .nationality
                .map(|n| format!("{} ({n})", super::country_name(&n)))
                .unwrap_or_else(|| tr!("details-unknown"));
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    RichText::new(format!(
                        "{} {} · {} {}",
                        tr!("details-killed"),
                        c.killed,
                        tr!("details-wounded"),
                        c.wounded
                    ))
                    .strong(),
                );
                ui.label(format!(
                    "{nationality} · {} · {}",
                    c.role.tr_label(),
                    c.figure.tr_label()
                ));
            });
        }
    }
    ui.separator();
    ui.strong(tr!("details-attribution-claims"));
    if incident.claims.is_empty() {
        ui.label(RichText::new(tr!("details-nobody-has-named-a")).italics());
    }
    for c in &incident.claims {
        ui.label(super::claim_line(c, &workspace.actors));
        if let Some(source) = c.source_id.and_then(|id| workspace.sources.get(&id)) {
            ui.label(
                RichText::new(tr!(
                    "details-claim-source",
                    title = for_display(&source.title)
                ))
                .small(),
            );
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
    ui.strong(tr!("details-sources"));
    if source_ids.is_empty() {
        ui.label(RichText::new(tr!("details-no-source-cited")).italics());
    }
    for id in source_ids {
        match workspace.sources.get(&id) {
            Some(source) => {
                let grade = source.grade.letter();
                ui.label(format!("[{grade}] {}", for_display(&source.title)))
                    .on_hover_text(source.grade.tr_label());
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
                ui.label(tr!("details-unknown-source", id = id.to_string()));
            }
        }
    }
    if !incident.tags.is_empty() {
        ui.separator();
        ui.label(tr!(
            "details-tags",
            tags = for_display(&incident.tags.join(", "))
        ));
    }
    if !incident.notes.is_empty() {
        ui.separator();
        ui.strong(tr!("details-notes"));
        super::text::paragraph(ui, &incident.notes, RichText::new);
    }
    if let Some(external_id) = &incident.external_id {
        ui.separator();
        ui.label(tr!("details-imported", id = external_id));
        if let Some(provenance) = &incident.provenance {
            egui::CollapsingHeader::new(tr!("details-the-row-as-imported"))
                .default_open(false)
                .show(ui, |ui| {
                    let fields: serde_json::Map<String, serde_json::Value> =
                        serde_json::from_str(provenance).unwrap_or_default();
                    // A line a column, wrapped in the pane: in a grid an
                    // ACLED row's notes widened the pane over the map.
                    for (column, value) in &fields {
                        ui.horizontal_wrapped(|ui| {
                            ui.label(RichText::new(column).small().weak());
                            ui.label(RichText::new(value.as_str().unwrap_or_default()).small());
                        });
                    }
                });
        }
    }
    ui.separator();
    egui::CollapsingHeader::new(tr!("details-history"))
        .default_open(false)
        .show(ui, |ui| match history {
            Some(Ok(versions)) => {
                for line in history_lines(versions).iter().rev() {
                    ui.label(line);
                }
            }
            Some(Err(e)) => {
                ui.colored_label(ui.visuals().error_fg_color, e);
            }
            None => {}
        });
    ui.label(
        RichText::new(tr!(
            "details-recorded",
            date = incident.created_at.strftime("%Y-%m-%d").to_string(),
            version = incident.version.to_string(),
            id = incident.id.to_string()
        ))
        .small()
        .weak(),
    );
}

/// "2025-11-30 06:41 UTC · Edited by Bahram: Title, Casualties", one line
/// per version, in the interface's language (`merge::history_lines` is the
/// command line's English).
fn history_lines(versions: &[Version]) -> Vec<String> {
    use crate::model::HistoryAction;
    use crate::model::merge::{Changes, Field};
    let by_id = |id: &uuid::Uuid| versions.iter().find(|v| v.id == *id);
    Changes::of_history(versions)
        .into_iter()
        .map(|(v, changes)| {
            // A delete or a restore says what it did: the trash is not
            // listed as a field changed ("Restored by …: Deleted").
            let trash_only = matches!(v.action, HistoryAction::Delete | HistoryAction::Restore);
            let mut fields: Vec<String> = changes
                .fields
                .iter()
                .filter(|f| !(trash_only && **f == Field::Deleted))
                .map(|f| f.tr_label())
                .collect();
            if changes.tags {
                fields.push(tr!("details-history-tags"));
            }
            if changes.sources {
                fields.push(tr!("details-sources"));
            }
            // An edit that gives back the record as it was before the
            // edit it follows is an undo, and says so.
            let grandparent = v
                .parents
                .first()
                .and_then(by_id)
                .and_then(|p| p.parents.first())
                .and_then(by_id);
            let undoes = v.action == HistoryAction::Update
                && !changes.is_empty()
                && grandparent.is_some_and(|g| Changes::between(&g.record, &v.record).is_empty());
            let action = if undoes {
                tr!("details-history-undone")
            } else {
                v.action.tr_label()
            };
            let line = tr!(
                "details-history-line",
                at = v.at.strftime("%Y-%m-%d %H:%M UTC").to_string(),
                action = action,
                who = v.who()
            );
            if fields.is_empty() {
                line
            } else {
                format!("{line}: {}", fields.join(", "))
            }
        })
        .collect()
}

/// Where an incident is, from the place to the country: "Pyanj,
/// Khatlon, Tajikistan". A place named after its district or province is
/// said once ("Khatlon, Tajikistan", not "Khatlon, Khatlon").
fn place_words(loc: &crate::model::Location) -> String {
    let mut place = vec![loc.place_name.clone()];
    place.extend(loc.admin2.clone());
    place.extend(loc.admin1.clone());
    place.extend(loc.country.map(|c| super::country_name(&c)));
    place.retain(|p| !p.trim().is_empty());
    place.dedup_by(|a, b| a.trim().eq_ignore_ascii_case(b.trim()));
    place.join(", ")
}

impl Panel for DetailsPanel {
    fn ui(&mut self, ui: &mut egui::Ui, workspace: &Workspace, commands: &mut Vec<Command>) {
        let Some(incident) = workspace.selected.and_then(|id| workspace.incident(id)) else {
            return;
        };
        // The pane keeps its width whatever a record holds: long text wraps.
        ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Wrap);
        let id = incident.id();
        ui.horizontal(|ui| {
            let writable = !workspace.is_read_only();
            if incident.is_deleted() {
                if ui
                    .add_enabled(writable, egui::Button::new(tr!("details-restore")))
                    .clicked()
                {
                    commands.push(Command::Restore(id));
                }
            } else {
                if ui
                    .add_enabled(writable, egui::Button::new(tr!("details-edit")))
                    .on_hover_text(tr!("details-open-this-incident-in"))
                    .clicked()
                {
                    commands.push(Command::EditIncident(id));
                }
                if ui
                    .add_enabled(writable, egui::Button::new(tr!("details-duplicate")))
                    .on_hover_text(tr!("details-open-a-copy-in"))
                    .clicked()
                {
                    commands.push(Command::Duplicate(id));
                }
                if ui
                    .add_enabled(writable, egui::Button::new(tr!("details-delete")))
                    .on_hover_text(tr!("details-move-to-the-trash"))
                    .clicked()
                {
                    commands.push(Command::Delete(id));
                }
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui
                    .small_button("×")
                    .on_hover_text(tr!("details-close-esc"))
                    .clicked()
                {
                    commands.push(Command::Select(None));
                }
            });
        });
        if workspace.selection.len() > 1 {
            ui.label(
                RichText::new(tr!(
                    "details-selected-showing-first",
                    count = workspace.selection.len()
                ))
                .weak(),
            );
        }
        if workspace.conflicts.contains(&id) {
            ui.horizontal_wrapped(|ui| {
                ui.colored_label(ui.visuals().warn_fg_color, tr!("details-conflict"));
                if ui
                    .add_enabled(
                        !workspace.is_read_only(),
                        egui::Button::new(tr!("details-resolve")),
                    )
                    .on_hover_text(tr!("details-choose-field-by-field"))
                    .clicked()
                {
                    commands.push(Command::OpenConflict(id));
                }
            });
        }
        ui.separator();
        let shown = self
            .shown
            .get(ui.ctx(), workspace, id, incident.listed.version);
        let whole = match shown.map(|s| &s.whole) {
            Some(Ok(Some(whole))) => whole,
            Some(Err(e)) => {
                ui.colored_label(ui.visuals().error_fg_color, e);
                return;
            }
            // Gone from the database: the reload that follows drops it.
            Some(Ok(None)) => return,
            None => {
                // The title at once, the rest when the read comes.
                super::text::paragraph(ui, incident.title(), |t| {
                    RichText::new(t).text_style(egui::TextStyle::Heading)
                });
                ui.spinner();
                return;
            }
        };
        let history = shown.map(|s| &s.history);
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| details(ui, whole, workspace, history));
    }
}

#[cfg(test)]
mod tests {
    use super::{history_lines, place_words};
    use crate::model::{EventType, Incident, IncidentDate};

    /// "Restored by NAME: Deleted" and an undo read as a plain edit
    /// (issue 43, item 7).
    #[test]
    fn the_history_says_restored_and_undone_in_words() {
        crate::lang::set(crate::lang::Language::English);
        let mut store = crate::store::Store::open_in_memory().unwrap();
        let incident = Incident::new(
            "Clash",
            EventType::ArmedClash,
            IncidentDate::day(jiff::civil::date(2025, 11, 26)),
            Location::point(69.0, 37.5, LocationPrecision::Exact, Side::Tj),
        );
        store.insert_incident(&incident).unwrap();
        let id = incident.id;
        let deleted = store.delete_incident(id, 1).unwrap();
        let restored = store.restore_incident(id, deleted.version).unwrap();
        let edited = store
            .update_incident(&Incident {
                title: "Clash at the bridge".into(),
                ..restored.clone()
            })
            .unwrap();
        store
            .update_incident(&Incident {
                title: "Clash".into(),
                ..edited
            })
            .unwrap();
        let lines = history_lines(&store.versions(id).unwrap());
        assert_eq!(lines.len(), 5, "{lines:?}");
        assert!(lines[2].contains("Restored by"), "{}", lines[2]);
        assert!(!lines[2].contains("Deleted"), "{}", lines[2]);
        assert!(lines[3].contains("Edited by"), "{}", lines[3]);
        assert!(
            lines[4].contains("Undone (back as before) by"),
            "{}",
            lines[4]
        );
        assert!(lines[4].ends_with(": Title"), "{}", lines[4]);
    }
    use crate::model::{CountryCode, Location, LocationPrecision, Side};

    /// Issue 43, item 25: "Khatlon, Khatlon".
    #[test]
    fn a_place_named_after_its_province_is_said_once() {
        crate::lang::set(crate::lang::Language::English);
        let mut loc = Location::point(69.0, 37.5, LocationPrecision::Province, Side::Tj);
        loc.place_name = "Khatlon".into();
        loc.admin1 = Some("Khatlon".into());
        loc.country = Some(CountryCode::TJ);
        assert_eq!(place_words(&loc), "Khatlon, Tajikistan");
        loc.place_name = "Pyanj".into();
        assert_eq!(place_words(&loc), "Pyanj, Khatlon, Tajikistan");
    }
}
