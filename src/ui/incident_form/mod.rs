//! The incident form (right): new (Ctrl+N), edit, duplicate as new. Every
//! field with its precision, casualty rows and attribution claims inline,
//! sources picked or added on the spot, a place found by any spelling or
//! picked on the map, messages beside the fields, and Save disabled with a
//! reason until the record is valid. The draft is autosaved so a crash or
//! a closed window loses nothing.

pub mod draft;
mod solar_picker;

use crate::geo::gazetteer::{Gazetteer, fold};
use crate::lang::Labelled;
use crate::model::calendar::SolarHijri;
use crate::model::{
    Actor, ActorKind, Claimant, Confidence, CountryCode, DatePrecision, EventType, Figure, Grade,
    Incident, LocationPrecision, Side, Source, Stance, VictimRole,
};
use crate::tr;
use crate::ui::Panel;
use crate::workspace::{Command, Saving, Workspace};
use draft::{CasualtyDraft, Checked, ClaimDraft, Draft};
use egui::{RichText, Ui};
use std::collections::BTreeSet;
use std::path::PathBuf;
use uuid::Uuid;

/// Another incident this close in space and time may be the same one.
pub use crate::filter::duplicates::{DUPLICATE_DAYS, DUPLICATE_KM};

/// Nationalities offered first; any other ISO code can be typed.
const NATIONALITIES: [&str; 15] = [
    "TJ", "AF", "CN", "RU", "UZ", "KG", "TM", "PK", "IR", "IN", "KZ", "US", "GB", "DE", "TR",
];

/// A source being added from the form.
#[derive(Debug, Clone, Default)]
struct SourceDraft {
    title: String,
    publisher: String,
    published: String,
    reference: String,
    grade: Option<Grade>,
}

/// Keeps the form's draft somewhere other than a plain file: the
/// database itself, when it is encrypted (the app's keeper writes it on a
/// thread of its own).
pub trait DraftKeeper: Send {
    /// Keeps `json`, or drops the kept draft (`None`). An error is what the
    /// keeper could not do last time, worded for the analyst.
    fn keep(&mut self, json: Option<&str>) -> Result<(), String>;
}

/// Where the draft is autosaved.
enum DraftPlace {
    File(PathBuf),
    Keeper(Box<dyn DraftKeeper>),
}

impl DraftPlace {
    fn keep(&mut self, json: Option<&str>) -> Result<(), String> {
        match self {
            DraftPlace::File(path) => {
                let Some(json) = json else {
                    return match std::fs::remove_file(&*path) {
                        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.to_string()),
                        _ => Ok(()),
                    };
                };
                (|| -> std::io::Result<()> {
                    if let Some(dir) = path.parent() {
                        std::fs::create_dir_all(dir)?;
                    }
                    let temporary = path.with_extension("tmp");
                    std::fs::write(&temporary, json)?;
                    std::fs::rename(&temporary, &*path)
                })()
                .map_err(|e| {
                    tr!(
                        "form-autosave-failed",
                        file = path.display().to_string(),
                        error = e.to_string()
                    )
                })
            }
            DraftPlace::Keeper(keeper) => keeper.keep(json),
        }
    }
}

/// Where the draft is autosaved, and what was written last.
struct Autosave {
    place: DraftPlace,
    written: Option<String>,
    error: Option<String>,
}

/// The form's state: the draft, and what the analyst is doing with it.
#[derive(Default)]
pub struct IncidentForm {
    draft: Option<Draft>,
    /// The draft as opened, to tell whether anything changed.
    opened_as: Option<Draft>,
    place_query: String,
    picking_on_map: bool,
    new_source: Option<SourceDraft>,
    dismissed_duplicates: BTreeSet<Uuid>,
    /// The possible duplicates last found, and for what.
    duplicates: Option<(Option<DuplicateQuery>, Vec<Duplicate>)>,
    /// Why the last save failed (a conflict, a read-only file).
    save_error: Option<String>,
    confirm_discard: bool,
    autosave: Option<Autosave>,
    /// A draft found on disk at start, offered back.
    recovered: Option<Draft>,
    /// The form was just opened: the keyboard goes to the title, so a
    /// report can be typed in at once (Ctrl+N, then type).
    focus_title: bool,
}

impl IncidentForm {
    /// A form that autosaves its draft to `path`, and offers back a draft
    /// found there (left by a crash or a closed window).
    pub fn with_autosave(path: PathBuf) -> IncidentForm {
        let recovered = std::fs::read_to_string(&path).ok();
        IncidentForm::keeping(DraftPlace::File(path), recovered.as_deref())
    }

    /// A form whose draft `keeper` keeps, offering back `kept` (the draft
    /// the keeper held at start).
    pub fn with_keeper(keeper: Box<dyn DraftKeeper>, kept: Option<&str>) -> IncidentForm {
        IncidentForm::keeping(DraftPlace::Keeper(keeper), kept)
    }

    fn keeping(place: DraftPlace, kept: Option<&str>) -> IncidentForm {
        let recovered = kept
            .filter(|text| !text.is_empty())
            .and_then(|text| serde_json::from_str::<Draft>(text).ok());
        IncidentForm {
            autosave: Some(Autosave {
                place,
                written: None,
                error: None,
            }),
            recovered,
            ..IncidentForm::default()
        }
    }

    pub fn is_open(&self) -> bool {
        self.draft.is_some()
    }

    /// Whether the draft holds anything not saved.
    pub fn is_dirty(&self) -> bool {
        self.draft.is_some() && self.draft != self.opened_as
    }

    pub fn draft(&self) -> Option<&Draft> {
        self.draft.as_ref()
    }

    /// The point the draft places the incident at, for the map's pin.
    pub fn pin(&self) -> Option<(f64, f64)> {
        self.draft.as_ref().and_then(Draft::point)
    }

    /// Whether a click on the map places the pin.
    pub fn picking_on_map(&self) -> bool {
        self.draft.is_some() && self.picking_on_map
    }

    pub fn has_recovered_draft(&self) -> bool {
        self.recovered.is_some()
    }

    /// "Merge into it", once the stored incident `whole` has been read:
    /// the form edits it, with what it held added.
    pub fn merge_into(&mut self, whole: &Incident, workspace: &Workspace) {
        if let Some(draft) = self.draft.take() {
            let merged = merge_into(&draft, whole, workspace);
            self.open(merged, true);
        }
    }

    fn open(&mut self, draft: Draft, dirty: bool) {
        self.opened_as = if dirty { None } else { Some(draft.clone()) };
        self.draft = Some(draft);
        self.place_query.clear();
        self.picking_on_map = false;
        self.new_source = None;
        self.dismissed_duplicates.clear();
        self.save_error = None;
        self.confirm_discard = false;
        self.focus_title = true;
    }

    pub fn open_new(&mut self, today: jiff::civil::Date) {
        self.open(Draft::new(today), false);
        self.picking_on_map = true;
    }

    pub fn open_edit(&mut self, incident: &Incident, workspace: &Workspace) {
        self.open(Draft::edit(incident, &workspace.actors), false);
    }

    /// A new record with every field of `incident`, titled as a copy.
    /// Untouched, it closes without asking: nothing typed would be lost.
    pub fn open_copy(&mut self, incident: &Incident, workspace: &Workspace) {
        let mut draft = Draft::copy_of(incident, &workspace.actors);
        draft.title = format!("{} (copy)", draft.title);
        self.open(draft, false);
    }

    /// A new record proposed from a report's text, every field as
    /// proposed, for the analyst to check and save.
    pub fn open_proposed(&mut self, incident: &Incident, workspace: &Workspace) {
        self.open(Draft::copy_of(incident, &workspace.actors), true);
    }

    /// Takes the recovered draft back into the form.
    pub fn restore_recovered(&mut self) {
        if let Some(draft) = self.recovered.take() {
            self.open(draft, true);
        }
    }

    pub fn discard_recovered(&mut self) {
        self.recovered = None;
        self.clear_autosave();
    }

    /// Closes the form, dropping the draft and its autosave.
    pub fn close(&mut self) {
        self.draft = None;
        self.opened_as = None;
        self.picking_on_map = false;
        self.confirm_discard = false;
        self.clear_autosave();
    }

    /// The database locks: an unsaved draft is kept where drafts are kept
    /// (offered back after the unlock), then the form leaves memory.
    pub fn lock(&mut self) {
        self.autosave();
        *self = IncidentForm::default();
    }

    /// The save went through.
    pub fn saved(&mut self) {
        self.close();
    }

    /// The save was refused; the draft stays as it is.
    pub fn save_failed(&mut self, message: String) {
        self.save_error = Some(message);
    }

    /// Places the incident at a point (map click or drag): coordinates, and
    /// place, province, country and side from the gazetteer.
    pub fn place_at(&mut self, lon: f64, lat: f64) {
        let Some(draft) = self.draft.as_mut() else {
            return;
        };
        draft.latitude = format!("{lat:.5}");
        draft.longitude = format!("{lon:.5}");
        fill_from_point(draft, lon, lat, None);
    }

    /// Ctrl+S and the Save button: the save command, if the draft is valid.
    fn save_command(&self, workspace: &Workspace) -> Option<Command> {
        let draft = self.draft.as_ref()?;
        let checked = draft.check(&workspace.actors, jiff::Timestamp::now());
        let incident = checked.incident?;
        Some(Command::SaveIncident(Box::new(Saving {
            is_new: draft.editing_version.is_none(),
            incident,
            new_actors: draft.new_actors.clone(),
            new_sources: draft.new_sources.clone(),
        })))
    }

    fn clear_autosave(&mut self) {
        if let Some(autosave) = &mut self.autosave {
            let _ = autosave.place.keep(None);
            autosave.written = None;
            autosave.error = None;
        }
    }

    /// Writes the draft to disk when it changed (write then rename, so a
    /// crash mid-write leaves the previous autosave whole).
    fn autosave(&mut self) {
        let (Some(autosave), Some(draft)) = (&mut self.autosave, &self.draft) else {
            return;
        };
        if !(self.opened_as.as_ref() != Some(draft)) {
            return;
        }
        let Ok(json) = serde_json::to_string(draft) else {
            return;
        };
        if autosave.written.as_deref() == Some(json.as_str()) {
            return;
        }
        autosave.error = autosave.place.keep(Some(&json)).err();
        autosave.written = Some(json);
    }

    /// The banner offering back a draft found at start.
    pub fn recovered_banner(&mut self, ui: &mut Ui) {
        let Some(draft) = &self.recovered else {
            return;
        };
        let title = if draft.title.trim().is_empty() {
            tr!("form-untitled")
        } else {
            format!("'{}'", draft.title.trim())
        };
        ui.horizontal(|ui| {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                tr!("form-recovered", title = title),
            );
            if ui.button(tr!("form-restore-draft")).clicked() {
                self.restore_recovered();
            }
            if ui.button(tr!("form-discard-draft")).clicked() {
                self.discard_recovered();
            }
        });
    }

    /// Cancel: closes at once when nothing changed, else asks first.
    pub fn cancel(&mut self) {
        if self.is_dirty() {
            self.confirm_discard = true;
        } else {
            self.close();
        }
    }

    fn duplicates_box(
        &mut self,
        ui: &mut Ui,
        duplicates: &[Duplicate],
        commands: &mut Vec<Command>,
    ) {
        if duplicates.is_empty() {
            return;
        }
        let frame = egui::Frame::group(ui.style())
            .stroke(egui::Stroke::new(1.0, ui.visuals().warn_fg_color));
        frame.show(ui, |ui| {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                tr!(
                    "form-possible-duplicate",
                    km = DUPLICATE_KM,
                    days = DUPLICATE_DAYS
                ),
            );
            for other in duplicates {
                ui.label(tr!(
                    "form-duplicate-line",
                    title = other.title.as_str(),
                    when = crate::ui::shown_date(&other.date),
                    killed = other.killed_label.as_str()
                ));
                ui.horizontal(|ui| {
                    if ui
                        .button(tr!("form-link"))
                        .on_hover_text(tr!("form-save-as-a-separate"))
                        .clicked()
                        && let Some(draft) = self.draft.as_mut()
                    {
                        link_duplicate(draft, other);
                        self.dismissed_duplicates.insert(other.id);
                    }
                    if ui
                        .button(tr!("form-merge-into-it"))
                        .on_hover_text(tr!("form-edit-that-incident-instead"))
                        .clicked()
                    {
                        // The window holds `other` as listed: the edit
                        // starts from the record whole, or its summary,
                        // notes and imported row would be saved away.
                        commands.push(Command::MergeInto(other.id));
                    }
                    if ui
                        .button(tr!("form-go-on"))
                        .on_hover_text(tr!("form-it-is-a-different"))
                        .clicked()
                    {
                        self.dismissed_duplicates.insert(other.id);
                    }
                });
            }
        });
    }

    fn fields(&mut self, ui: &mut Ui, checked: &Checked, workspace: &Workspace) {
        let Some(draft) = self.draft.as_mut() else {
            return;
        };
        section(ui, &tr!("form-what"));
        let title = text_field(
            ui,
            &tr!("form-title"),
            &mut draft.title,
            checked.message("title"),
        );
        if std::mem::take(&mut self.focus_title) {
            title.request_focus();
        }
        combo(
            ui,
            &tr!("filter-event-type"),
            &mut draft.event_type,
            EventType::ALL,
            |t| t.tr_label(),
        );
        let label = ui.label(tr!("form-summary"));
        ui.add(
            egui::TextEdit::multiline(&mut draft.summary)
                .id_salt("summary")
                .desired_rows(2)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
        shaped_preview(ui, &draft.summary);

        section(ui, &tr!("form-when"));
        date_field(
            ui,
            &if draft.between {
                tr!("form-from")
            } else {
                tr!("filter-date")
            },
            &mut draft.date,
            checked.message("date"),
        );
        ui.horizontal(|ui| {
            ui.checkbox(&mut draft.between, tr!("form-between-two-dates"))
                .on_hover_text(tr!("form-the-source-gives-a"));
        });
        if draft.between {
            date_field(
                ui,
                &tr!("form-to"),
                &mut draft.date_end,
                checked.message("date_end"),
            );
        }
        combo(
            ui,
            &tr!("form-date-precision"),
            &mut draft.precision,
            DatePrecision::ALL,
            |p| match p {
                DatePrecision::Day => tr!("form-precision-day"),
                DatePrecision::Week => tr!("form-precision-week"),
                DatePrecision::Month => tr!("form-precision-month"),
                DatePrecision::Year => tr!("form-precision-year"),
            },
        );
        text_field(
            ui,
            &tr!("form-time-hh-mm"),
            &mut draft.time_of_day,
            checked.message("time_of_day"),
        );
        if let Ok((start, end)) = draft.dates() {
            let stored = crate::model::IncidentDate {
                start,
                end,
                precision: draft.precision,
                time_of_day: None,
            };
            let solar_hijri = crate::ui::solar_hijri_interval(start, end)
                .map(|sh| format!(" ({sh})"))
                .unwrap_or_default();
            ui.label(
                RichText::new(tr!(
                    "form-stored-as",
                    date = crate::ui::shown_date(&stored),
                    solar_hijri = solar_hijri
                ))
                .weak(),
            );
        }

        section(ui, &tr!("form-where"));
        self.place_search(ui);
        let Some(draft) = self.draft.as_mut() else {
            return;
        };
        let before = (draft.latitude.clone(), draft.longitude.clone());
        text_field(
            ui,
            &tr!("form-latitude"),
            &mut draft.latitude,
            checked.message("latitude"),
        );
        text_field(
            ui,
            &tr!("form-longitude"),
            &mut draft.longitude,
            checked.message("longitude"),
        );
        if (draft.latitude.clone(), draft.longitude.clone()) != before
            && let Some((lon, lat)) = draft.point()
        {
            fill_from_point(draft, lon, lat, None);
        }
        ui.horizontal(|ui| {
            ui.toggle_value(&mut self.picking_on_map, tr!("form-pick-on-map"))
                .on_hover_text(tr!("form-click-the-map-to"));
            if self.picking_on_map {
                ui.label(RichText::new(tr!("form-click-or-drag-on")).weak());
            }
        });
        combo(
            ui,
            &tr!("form-location-precision"),
            &mut draft.location_precision,
            LocationPrecision::ALL,
            |p| p.tr_label(),
        );
        text_field(ui, &tr!("form-place-name"), &mut draft.place_name, None);
        nationality_combo(
            ui,
            &tr!("form-country"),
            "country",
            &mut draft.country,
            &tr!("form-not-known"),
        );
        text_field(ui, &tr!("filter-province"), &mut draft.admin1, None);
        text_field(ui, &tr!("form-district"), &mut draft.admin2, None);
        combo(
            ui,
            &tr!("filter-side-of-the-border"),
            &mut draft.side,
            Side::ALL,
            |s| s.tr_label(),
        );
        if let Some((lon, lat)) = draft.point()
            && let Some(km) = Gazetteer::shipped().and_then(|g| g.reverse(lon, lat).border_km)
        {
            ui.label(
                RichText::new(tr!(
                    "map-km-from-border",
                    km = format!("{:.1}", km.abs()),
                    side = if km >= 0.0 {
                        tr!("map-tajik-side")
                    } else {
                        tr!("map-afghan-side")
                    }
                ))
                .weak(),
            );
        }

        section(ui, &tr!("form-casualties"));
        casualty_rows(ui, draft, checked);

        section(ui, &tr!("details-attribution-claims"));
        claim_rows(ui, draft, checked, workspace);

        section(ui, &tr!("details-sources"));
        self.sources(ui, workspace);
        let Some(draft) = self.draft.as_mut() else {
            return;
        };

        let label = section(ui, &tr!("details-notes"));
        ui.add(
            egui::TextEdit::multiline(&mut draft.notes)
                .id_salt("notes")
                .desired_rows(3)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
        shaped_preview(ui, &draft.notes);
        text_field(ui, &tr!("form-tags-comma-separated"), &mut draft.tags, None);
    }

    fn place_search(&mut self, ui: &mut Ui) {
        let label = ui.label(tr!("form-find-a-place"));
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut self.place_query)
                    .id_salt("place_query")
                    .hint_text(tr!("form-town-or-village-any"))
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let Some(gazetteer) = Gazetteer::shipped() else {
            ui.label(tr!("form-the-gazetteer-could-not"));
            return;
        };
        if self.place_query.trim().is_empty() {
            return;
        }
        let found = gazetteer.search(&self.place_query, 6);
        if found.is_empty() {
            ui.label(RichText::new(tr!("form-no-town-or-village")).weak());
        }
        // Enter takes the first suggestion, the one drawn highlighted.
        let mut chosen = found.first().filter(|_| entered).map(|m| m.place.clone());
        for (n, m) in found.iter().enumerate() {
            let also = m
                .matched
                .map(|a| tr!("form-also", name = crate::model::script::for_display(a)))
                .unwrap_or_default();
            let text = format!(
                "{}{also} · {}, {}",
                m.place.name, m.place.admin1, m.place.country
            );
            let button = egui::Button::new(text).selected(n == 0);
            if ui.add(button).clicked() {
                chosen = Some(m.place.clone());
            }
        }
        if let Some(place) = chosen
            && let Some(draft) = self.draft.as_mut()
        {
            draft.latitude = format!("{:.5}", place.lat);
            draft.longitude = format!("{:.5}", place.lon);
            if draft.location_precision == LocationPrecision::Exact {
                draft.location_precision = LocationPrecision::Near;
            }
            fill_from_point(draft, place.lon, place.lat, Some(&place.name));
            self.place_query.clear();
            // Enter gives the keyboard up; keeping it here lets Tab go on
            // to the next fields instead of starting over at the toolbar.
            if entered {
                field.request_focus();
            }
        }
    }

    fn sources(&mut self, ui: &mut Ui, workspace: &Workspace) {
        let Some(draft) = self.draft.as_mut() else {
            return;
        };
        let title_of = |id: &Uuid| {
            workspace
                .sources
                .get(id)
                .or_else(|| draft.new_sources.iter().find(|s| s.id == *id))
                .map(|s| format!("[{}] {}", s.grade.letter(), s.title))
                .unwrap_or_else(|| id.to_string())
        };
        let mut remove = None;
        for (n, id) in draft.source_ids.iter().enumerate() {
            ui.horizontal(|ui| {
                ui.label(title_of(id));
                if ui
                    .small_button("×")
                    .on_hover_text(tr!("form-remove-this-source"))
                    .clicked()
                {
                    remove = Some(n);
                }
            });
        }
        if let Some(n) = remove {
            draft.source_ids.remove(n);
        }
        let mut add = None;
        ui.horizontal(|ui| {
            let label = field_label(ui, &tr!("form-cite-a-source"));
            egui::ComboBox::new("add_source", "")
                .selected_text(tr!("form-pick-one"))
                .width(230.0)
                .show_ui(ui, |ui| {
                    for source in workspace.sources.values().chain(draft.new_sources.iter()) {
                        if !draft.source_ids.contains(&source.id)
                            && ui.selectable_label(false, &source.title).clicked()
                        {
                            add = Some(source.id);
                        }
                    }
                })
                .response
                .labelled_by(label.id);
        });
        if let Some(id) = add {
            draft.source_ids.push(id);
        }
        match &mut self.new_source {
            None => {
                if ui.button(tr!("form-new-source")).clicked() {
                    self.new_source = Some(SourceDraft::default());
                }
            }
            Some(new) => {
                let frame = egui::Frame::group(ui.style());
                let mut done = false;
                let mut cancel = false;
                frame.show(ui, |ui| {
                    text_field(ui, &tr!("form-source-title"), &mut new.title, None);
                    text_field(ui, &tr!("form-publisher"), &mut new.publisher, None);
                    let published_error = (!new.published.trim().is_empty()
                        && new.published.trim().parse::<jiff::civil::Date>().is_err())
                    .then_some((tr!("form-published-format"), true));
                    text_field(
                        ui,
                        &tr!("form-published-yyyy-mm-dd"),
                        &mut new.published,
                        published_error.as_ref().map(|(m, w)| (m.as_str(), *w)),
                    );
                    text_field(ui, &tr!("form-url-or-reference"), &mut new.reference, None);
                    let mut grade = new.grade.unwrap_or(Grade::F);
                    combo(ui, &tr!("form-reliability"), &mut grade, Grade::ALL, |g| {
                        format!("{} — {}", g.code().to_uppercase(), g.tr_label())
                    });
                    new.grade = Some(grade);
                    ui.horizontal(|ui| {
                        let ok = !new.title.trim().is_empty() && published_error.is_none();
                        if ui
                            .add_enabled(ok, egui::Button::new(tr!("form-add-source")))
                            .on_disabled_hover_text(tr!("form-a-source-needs-a"))
                            .clicked()
                        {
                            done = true;
                        }
                        if ui.button(tr!("form-cancel-source")).clicked() {
                            cancel = true;
                        }
                    });
                });
                if done {
                    let published = new.published.trim().parse().ok();
                    let source = Source {
                        id: Source::id_for(&new.title, &new.publisher, published, &new.reference),
                        title: new.title.trim().to_string(),
                        publisher: new.publisher.trim().to_string(),
                        published,
                        reference: new.reference.trim().to_string(),
                        grade: new.grade.unwrap_or(Grade::F),
                        notes: String::new(),
                    };
                    // The same source typed in again is the stored one (its
                    // grade is not changed behind other records' backs).
                    if !draft.source_ids.contains(&source.id) {
                        draft.source_ids.push(source.id);
                    }
                    if !workspace.sources.contains_key(&source.id)
                        && !draft.new_sources.iter().any(|s| s.id == source.id)
                    {
                        draft.new_sources.push(source);
                    }
                    self.new_source = None;
                } else if cancel {
                    self.new_source = None;
                }
            }
        }
    }
}

/// A field's name, left-aligned in a column of fixed width.
fn field_label(ui: &mut Ui, text: &str) -> egui::Response {
    ui.allocate_ui_with_layout(
        egui::vec2(110.0, 18.0),
        egui::Layout::left_to_right(egui::Align::Center),
        |ui| {
            ui.set_min_width(110.0);
            ui.add(egui::Label::new(text).truncate())
        },
    )
    .inner
}

fn section(ui: &mut Ui, title: &str) -> egui::Response {
    ui.add_space(6.0);
    ui.strong(title)
}

/// A message under a field: red when it stops the save, amber otherwise.
fn field_message(ui: &mut Ui, message: Option<(&str, bool)>) {
    if let Some((text, is_error)) = message {
        let colour = if is_error {
            ui.visuals().error_fg_color
        } else {
            ui.visuals().warn_fg_color
        };
        ui.label(RichText::new(text).color(colour).small());
    }
}

/// "Label" then a one-line text field labelled by it, then its message.
fn text_field(
    ui: &mut Ui,
    label: &str,
    value: &mut String,
    message: Option<(&str, bool)>,
) -> egui::Response {
    // Ids from the label, not the position: messages that come and go
    // above a field must not move the keyboard focus to another one.
    let label_text = label;
    let response = ui
        .horizontal(|ui| {
            let label = field_label(ui, label);
            let mut edit = egui::TextEdit::singleline(value)
                .id_salt(label_text)
                .desired_width(f32::INFINITY);
            if message.is_some_and(|(_, e)| e) {
                edit = edit.text_color(ui.visuals().error_fg_color);
            }
            ui.add(edit).labelled_by(label.id)
        })
        .inner;
    // Tab into a field below the fold brings it into view.
    if response.gained_focus() {
        response.scroll_to_me(None);
    }
    shaped_preview(ui, value);
    field_message(ui, message);
    response
}

/// Dari or Pashto text is typed and kept in logical order, which egui
/// draws unjoined and left to right; below the field it is shown as it
/// reads.
fn shaped_preview(ui: &mut Ui, value: &str) {
    if crate::model::script::has_right_to_left(value) {
        ui.label(
            RichText::new(crate::model::script::for_display(value))
                .size(ui.text_style_height(&egui::TextStyle::Body) + 2.0),
        );
    }
}

/// A date typed as YYYY-MM-DD, with a calendar beside it.
fn date_field(ui: &mut Ui, label: &str, value: &mut String, message: Option<(&str, bool)>) {
    let label_text = label;
    ui.horizontal(|ui| {
        let label = field_label(ui, label);
        ui.add(
            egui::TextEdit::singleline(value)
                .id_salt(label_text)
                .desired_width(100.0),
        )
        .labelled_by(label.id);
        if let Ok(mut date) = value.trim().parse::<jiff::civil::Date>() {
            let before = date;
            ui.add(
                egui_extras::DatePickerButton::new(&mut date)
                    .id_salt(label.id.value().to_string().as_str())
                    .calendar_week(true)
                    .show_icon(false),
            );
            if date != before {
                *value = date.to_string();
            }
        }
        let shown = value
            .trim()
            .parse::<jiff::civil::Date>()
            .ok()
            .and_then(SolarHijri::from_gregorian)
            .or_else(|| crate::model::calendar::parse(value));
        if let Some(day) = solar_picker::button(ui, label.id, shown) {
            *value = format!("{:04}-{:02}-{:02} SH", day.year, day.month, day.day);
        }
    });
    field_message(ui, message);
}

fn combo<T: PartialEq + Copy>(
    ui: &mut Ui,
    label: &str,
    value: &mut T,
    all: &[T],
    text: impl Fn(T) -> String,
) {
    ui.horizontal(|ui| {
        let label_response = field_label(ui, label);
        egui::ComboBox::new(label, "")
            .selected_text(text(*value))
            .width(230.0)
            .show_ui(ui, |ui| {
                for item in all {
                    ui.selectable_value(value, *item, text(*item));
                }
            })
            .response
            .labelled_by(label_response.id);
    });
}

/// A nationality: the common ones, "unknown", or any code typed.
fn nationality_combo(
    ui: &mut Ui,
    label: &str,
    id: &str,
    value: &mut Option<CountryCode>,
    unknown: &str,
) {
    let name = |c: Option<CountryCode>| match c {
        Some(c) => format!("{} {}", c.as_str(), c.name()),
        None => unknown.to_string(),
    };
    ui.horizontal(|ui| {
        let label_response = (!label.is_empty()).then(|| field_label(ui, label));
        let response = egui::ComboBox::new(id, "")
            .selected_text(name(*value))
            .width(150.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(value, None, name(None));
                for code in NATIONALITIES {
                    if let Ok(code) = CountryCode::parse(code) {
                        ui.selectable_value(value, Some(code), name(Some(code)));
                    }
                }
            })
            .response;
        if let Some(label_response) = label_response {
            response.labelled_by(label_response.id);
        }
    });
}

/// Where the index of a casualty row just added waits for its first frame.
const NEW_CASUALTY_ROW: &str = "new casualty row";

fn casualty_rows(ui: &mut Ui, draft: &mut Draft, checked: &Checked) {
    let mut remove = None;
    for (n, row) in draft.casualties.iter_mut().enumerate() {
        ui.push_id(("casualty", n), |ui| {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                nationality_combo(
                    ui,
                    &tr!("filter-nationality"),
                    "nationality",
                    &mut row.nationality,
                    &tr!("details-unknown"),
                );
                combo(
                    ui,
                    &tr!("filter-role"),
                    &mut row.role,
                    VictimRole::ALL,
                    |r| r.tr_label(),
                );
                ui.horizontal(|ui| {
                    let killed = ui.label(tr!("timeline-killed"));
                    let field = ui
                        .add(
                            egui::TextEdit::singleline(&mut row.killed)
                                .id_salt("killed")
                                .desired_width(40.0),
                        )
                        .labelled_by(killed.id);
                    // A row just added takes the keyboard.
                    let focus_id = egui::Id::unique(NEW_CASUALTY_ROW);
                    if ui.data_mut(|d| d.get_temp::<usize>(focus_id)) == Some(n) {
                        ui.data_mut(|d| d.remove::<usize>(focus_id));
                        field.request_focus();
                        field.scroll_to_me(None);
                        // Its "0" selected, so what is typed replaces it.
                        let mut state =
                            egui::TextEdit::load_state(ui.ctx(), field.id).unwrap_or_default();
                        state
                            .cursor
                            .set_char_range(Some(egui::text::CCursorRange::two(
                                egui::text::CCursor::new(0),
                                egui::text::CCursor::new(row.killed.chars().count()),
                            )));
                        state.store(ui.ctx(), field.id);
                    }
                    let wounded = ui.label(tr!("form-wounded"));
                    ui.add(
                        egui::TextEdit::singleline(&mut row.wounded)
                            .id_salt("wounded")
                            .desired_width(40.0),
                    )
                    .labelled_by(wounded.id);
                    let figure = ui.label(tr!("form-figures"));
                    egui::ComboBox::new("figure", "")
                        .selected_text(row.figure.tr_label())
                        .show_ui(ui, |ui| {
                            for figure in Figure::ALL {
                                ui.selectable_value(&mut row.figure, *figure, figure.tr_label());
                            }
                        })
                        .response
                        .labelled_by(figure.id);
                    if ui
                        .small_button("×")
                        .on_hover_text(tr!("form-remove-this-row"))
                        .clicked()
                    {
                        remove = Some(n);
                    }
                });
                field_message(ui, checked.message(&format!("casualty{n}.killed")));
                field_message(ui, checked.message(&format!("casualty{n}.wounded")));
            });
        });
    }
    if let Some(n) = remove {
        draft.casualties.remove(n);
    }
    ui.horizontal(|ui| {
        if ui.button(tr!("form-casualty-row")).clicked() {
            draft.casualties.push(CasualtyDraft::default());
            let n = draft.casualties.len() - 1;
            ui.data_mut(|d| d.insert_temp(egui::Id::unique(NEW_CASUALTY_ROW), n));
        }
        let (killed, wounded) = draft.totals();
        if !draft.casualties.is_empty() {
            // "at least" only before a figure some row gives as a minimum:
            // never "at least 0 wounded".
            let figure = |(n, minimum): (u64, bool)| super::people(n, minimum);
            ui.label(tr!(
                "form-total",
                killed = figure(killed),
                wounded = figure(wounded)
            ));
        }
    });
}

fn claim_rows(ui: &mut Ui, draft: &mut Draft, checked: &Checked, workspace: &Workspace) {
    let mut remove = None;
    let mut create: Option<String> = None;
    let sources: Vec<(Uuid, String)> = workspace
        .sources
        .values()
        .chain(draft.new_sources.iter())
        .map(|s| (s.id, s.title.clone()))
        .collect();
    let new_actors = draft.new_actors.clone();
    for (n, row) in draft.claims.iter_mut().enumerate() {
        ui.push_id(("claim", n), |ui| {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.horizontal(|ui| {
                    let label = field_label(ui, &tr!("form-actor"));
                    ui.add(
                        egui::TextEdit::singleline(&mut row.actor)
                            .id_salt("actor")
                            .hint_text(tr!("form-name-or-alias"))
                            .desired_width(180.0),
                    )
                    .labelled_by(label.id);
                    if ui
                        .small_button("×")
                        .on_hover_text(tr!("form-remove-this-claim"))
                        .clicked()
                    {
                        remove = Some(n);
                    }
                });
                if let Some(name) = actor_suggestions(ui, &row.actor, workspace, &new_actors) {
                    match name {
                        Suggestion::Pick(name) => row.actor = name,
                        Suggestion::Create(name) => create = Some(name),
                    }
                }
                field_message(ui, checked.message(&format!("claim{n}.actor")));
                combo(
                    ui,
                    &tr!("form-claimant"),
                    &mut row.claimant,
                    Claimant::ALL,
                    |c| c.tr_label(),
                );
                ui.horizontal(|ui| {
                    let label = field_label(ui, &tr!("form-who-said-it"));
                    ui.add(
                        egui::TextEdit::singleline(&mut row.claimant_name)
                            .id_salt("claimant_name")
                            .hint_text(tr!("form-e-g-gknb"))
                            .desired_width(160.0),
                    )
                    .labelled_by(label.id);
                });
                combo(ui, &tr!("form-stance"), &mut row.stance, Stance::ALL, |s| {
                    s.tr_label()
                });
                combo(
                    ui,
                    &tr!("form-confidence"),
                    &mut row.confidence,
                    Confidence::ALL,
                    |c| c.tr_label(),
                );
                let source_name = row
                    .source_id
                    .and_then(|id| sources.iter().find(|(s, _)| *s == id))
                    .map(|(_, t)| t.clone())
                    .unwrap_or_else(|| tr!("form-no-source"));
                ui.horizontal(|ui| {
                    let label = field_label(ui, &tr!("fromtext-source"));
                    egui::ComboBox::new("claim_source", "")
                        .selected_text(source_name)
                        .width(230.0)
                        .show_ui(ui, |ui| {
                            ui.selectable_value(&mut row.source_id, None, tr!("form-no-source"));
                            for (id, title) in &sources {
                                ui.selectable_value(&mut row.source_id, Some(*id), title);
                            }
                        })
                        .response
                        .labelled_by(label.id);
                });
                text_field(ui, &tr!("form-claim-note"), &mut row.note, None);
            });
        });
    }
    if let Some(n) = remove {
        draft.claims.remove(n);
    }
    if let Some(name) = create {
        draft.new_actors.push(Actor {
            id: Actor::id_for_name(&name),
            name,
            kind: ActorKind::ArmedGroup,
            aliases: Vec::new(),
            notes: "Created from the incident form.".into(),
        });
    }
    if ui.button(tr!("form-claim")).clicked() {
        draft.claims.push(ClaimDraft::default());
    }
}

/// What the analyst chose under an actor field.
enum Suggestion {
    Pick(String),
    Create(String),
}

/// Under a typed actor name: the actor an alias stands for, or actors
/// whose name or alias contains what was typed, and "Create actor".
fn actor_suggestions(
    ui: &mut Ui,
    typed: &str,
    workspace: &Workspace,
    new_actors: &[Actor],
) -> Option<Suggestion> {
    let typed = typed.trim();
    if typed.is_empty() {
        return None;
    }
    let resolved = workspace
        .actors
        .resolve(typed)
        .or_else(|| new_actors.iter().find(|a| a.answers_to(typed)));
    if let Some(actor) = resolved {
        if !actor.name.eq_ignore_ascii_case(typed) {
            ui.label(RichText::new(format!("= {}", actor.name)).weak());
        }
        return None;
    }
    let folded = fold(typed);
    let mut suggestions: Vec<&Actor> = workspace
        .actors
        .iter()
        .chain(new_actors.iter())
        .filter(|a| {
            std::iter::once(&a.name)
                .chain(a.aliases.iter())
                .any(|name| fold(name).contains(&folded))
        })
        .collect();
    suggestions.sort_by(|a, b| a.name.cmp(&b.name));
    let mut chosen = None;
    ui.horizontal_wrapped(|ui| {
        for actor in suggestions.into_iter().take(5) {
            if ui.small_button(&actor.name).clicked() {
                chosen = Some(Suggestion::Pick(actor.name.clone()));
            }
        }
        if ui
            .small_button(tr!("form-create-actor", name = typed))
            .on_hover_text(tr!("form-add-a-new-armed"))
            .clicked()
        {
            chosen = Some(Suggestion::Create(typed.to_string()));
        }
    });
    chosen
}

/// Fills place, province, country and side from what lies at a point,
/// keeping what the analyst typed where the data knows nothing.
fn fill_from_point(draft: &mut Draft, lon: f64, lat: f64, place: Option<&str>) {
    let Some(gazetteer) = Gazetteer::shipped() else {
        return;
    };
    let found = gazetteer.reverse(lon, lat);
    if let Some(name) = place {
        draft.place_name = name.to_string();
    } else if let Some((nearest, km)) = &found.nearest {
        draft.place_name = if *km < 2.0 {
            nearest.name.clone()
        } else {
            format!("near {}", nearest.name)
        };
    }
    if let Some(province) = found.province {
        draft.admin1 = province;
    }
    if found.country.is_some() {
        draft.country = found.country;
    }
    draft.side = found.side;
    if let Some((nearest, _)) = &found.nearest
        && nearest.admin1 == draft.admin1
        && !nearest.admin2.is_empty()
    {
        draft.admin2 = nearest.admin2.clone();
    }
}

/// What the possible duplicates of a draft depend on: its id, place and
/// dates (day numbers), and the workspace's generation.
#[derive(Debug, Clone, Copy, PartialEq)]
struct DuplicateQuery {
    id: Uuid,
    lon: f64,
    lat: f64,
    /// The place's precision, for a stored record being edited.
    stored: Option<crate::model::LocationPrecision>,
    start: i64,
    end: i64,
    generation: u64,
}

impl DuplicateQuery {
    fn of(draft: Option<&Draft>, workspace: &Workspace) -> Option<DuplicateQuery> {
        let draft = draft?;
        let (Some((lon, lat)), Ok((start, end))) = (draft.point(), draft.dates()) else {
            return None;
        };
        Some(DuplicateQuery {
            id: draft.id,
            lon,
            lat,
            stored: draft.editing_version.map(|_| draft.location_precision),
            start: crate::model::day_number(start),
            end: crate::model::day_number(end),
            generation: workspace.generation,
        })
    }
}

/// Live incidents within [`DUPLICATE_KM`] and [`DUPLICATE_DAYS`] of the
/// draft, from the packed index.
pub fn possible_duplicates(draft: Option<&Draft>, workspace: &Workspace) -> Vec<Duplicate> {
    DuplicateQuery::of(draft, workspace).map_or_else(Vec::new, |q| duplicates_of(q, workspace))
}

/// A stored incident that may be the one the form holds, as the form
/// lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct Duplicate {
    pub id: Uuid,
    pub title: String,
    pub date: crate::model::IncidentDate,
    /// "3" or "1+" (at least one).
    pub killed_label: String,
}

fn duplicates_of(q: DuplicateQuery, workspace: &Workspace) -> Vec<Duplicate> {
    workspace
        .index()
        .possible_duplicates((q.lon, q.lat, q.stored), q.start, q.end)
        .into_iter()
        .filter_map(|n| workspace.row(n))
        .filter(|i| i.id() != q.id)
        .map(|i| Duplicate {
            id: i.id(),
            title: i.title().to_string(),
            date: i.date(),
            killed_label: format!(
                "{}{}",
                i.killed(),
                if i.has_minimum_figures() { "+" } else { "" }
            ),
        })
        .collect()
}

/// Notes in the draft that it may be the same incident as `other`.
fn link_duplicate(draft: &mut Draft, other: &Duplicate) {
    let line = format!(
        "Possibly the same incident as {} ('{}').",
        other.id, other.title
    );
    if !draft.notes.contains(&line) {
        if !draft.notes.trim().is_empty() {
            draft.notes.push('\n');
        }
        draft.notes.push_str(&line);
    }
    if !draft
        .tags
        .split(',')
        .any(|t| t.trim() == "possible-duplicate")
    {
        if !draft.tags.trim().is_empty() {
            draft.tags.push_str(", ");
        }
        draft.tags.push_str("possible-duplicate");
    }
}

/// An edit of `other` with the draft's casualties, claims, sources and
/// notes added to it.
fn merge_into(draft: &Draft, other: &Incident, workspace: &Workspace) -> Draft {
    let mut merged = Draft::edit(other, &workspace.actors);
    merged.casualties.extend(draft.casualties.iter().cloned());
    merged.claims.extend(draft.claims.iter().cloned());
    for id in &draft.source_ids {
        if !merged.source_ids.contains(id) {
            merged.source_ids.push(*id);
        }
    }
    merged.new_actors = draft.new_actors.clone();
    merged.new_sources = draft.new_sources.clone();
    if !draft.notes.trim().is_empty() {
        merged.notes = format!("{}\n{}", merged.notes, draft.notes)
            .trim()
            .to_string();
    }
    merged
}

impl Panel for IncidentForm {
    fn ui(&mut self, ui: &mut egui::Ui, workspace: &Workspace, commands: &mut Vec<Command>) {
        let Some(draft) = self.draft.as_ref() else {
            return;
        };
        let checked = draft.check(&workspace.actors, jiff::Timestamp::now());
        let writable = !workspace.is_read_only();
        let heading = if draft.editing_version.is_some() {
            tr!("form-edit-incident")
        } else {
            tr!("form-new-incident")
        };
        ui.horizontal(|ui| {
            ui.heading(heading);
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui
                    .button(tr!("import-cancel"))
                    .on_hover_text(tr!("form-esc"))
                    .clicked()
                {
                    self.cancel();
                }
                let reason = if !writable {
                    Some(tr!("form-read-only"))
                } else {
                    checked.errors.first().map(|e| e.message.clone())
                };
                let save = ui
                    .add_enabled(reason.is_none(), egui::Button::new(tr!("form-save")))
                    .on_hover_text(tr!("form-ctrl-s"));
                let save = match &reason {
                    Some(r) => save.on_disabled_hover_text(tr!("form-cannot-save", reason = r)),
                    None => save,
                };
                if save.clicked()
                    && let Some(command) = self.save_command(workspace)
                {
                    commands.push(command);
                }
            });
        });
        if let Some((first, more)) = checked.errors.split_first() {
            let more = if more.is_empty() {
                String::new()
            } else {
                tr!("form-and-more", count = more.len())
            };
            ui.colored_label(
                ui.visuals().warn_fg_color,
                tr!(
                    "form-save-disabled",
                    reason = first.message.as_str(),
                    more = more
                ),
            );
        }
        if let Some(error) = &self.save_error {
            ui.colored_label(
                ui.visuals().error_fg_color,
                tr!("form-not-saved", error = error),
            );
        }
        if let Some(error) = self.autosave.as_ref().and_then(|a| a.error.as_ref()) {
            ui.colored_label(ui.visuals().warn_fg_color, error);
        }
        if self.confirm_discard {
            ui.horizontal(|ui| {
                ui.colored_label(ui.visuals().warn_fg_color, tr!("form-discard-question"));
                if ui.button(tr!("form-discard-changes")).clicked() {
                    self.close();
                }
                if ui.button(tr!("form-keep-editing")).clicked() {
                    self.confirm_discard = false;
                }
            });
            if self.draft.is_none() {
                return;
            }
        }
        ui.separator();
        // Looked for again only when the draft's place or dates, or the
        // records, change: at a million incidents one look takes
        // milliseconds, too long for every frame.
        let query = DuplicateQuery::of(self.draft.as_ref(), workspace);
        if self.duplicates.as_ref().map(|(q, _)| *q) != Some(query) {
            let found = query.map_or_else(Vec::new, |q| duplicates_of(q, workspace));
            self.duplicates = Some((query, found));
        }
        let duplicates = self
            .duplicates
            .iter()
            .flat_map(|(_, found)| found)
            .filter(|i| !self.dismissed_duplicates.contains(&i.id))
            .cloned()
            .collect::<Vec<_>>();
        let mut area = egui::ScrollArea::vertical().auto_shrink([false, false]);
        if self.focus_title {
            // Just opened: from the top, wherever the last form was
            // scrolled to (Title was out of view).
            area = area.vertical_scroll_offset(0.0);
        }
        area.show(ui, |ui| {
            self.duplicates_box(ui, &duplicates, commands);
            self.fields(ui, &checked, workspace);
        });
        if ui.input_mut(|i| {
            i.consume_shortcut(&egui::KeyboardShortcut::new(
                egui::Modifiers::COMMAND,
                egui::Key::S,
            ))
        }) && writable
            && let Some(command) = self.save_command(workspace)
        {
            commands.push(command);
        }
        if ui.input(|i| i.key_pressed(egui::Key::Escape)) && !ui.ctx().any_popup_open() {
            self.cancel();
        }
        self.autosave();
    }
}
