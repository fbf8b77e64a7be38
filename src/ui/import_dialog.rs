//! The Import window (File ▸ Import…, Ctrl+I): choose a file and options,
//! see a preview of what will be stored (first records, row errors with
//! their line and column, actors not known yet, counts to add / update /
//! leave), then write it in one transaction with progress, rows per second
//! and Cancel. Reading and writing run on a worker thread with their own
//! connection to the database file, so the window never freezes.

use crate::exchange::import::{
    DuplicateChoice, Format, ImportOptions, ImportPreview, ImportSummary,
};
use crate::exchange::table::DayOrder;
use crate::exchange::ucdp::ColumnNote;
use crate::filter::ActorDirectory;
use crate::lang::Labelled;
use crate::model::script::for_display;
use crate::tr;
use crate::ui::Panel;
use crate::workspace::import_work::{Progress, spawn_commit, spawn_preview};
use crate::workspace::{Command, Workspace};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::Instant;
use uuid::Uuid;

enum Stage {
    /// Nothing read yet.
    Choosing,
    Reading(Receiver<Result<ImportPreview, String>>),
    Previewed(Arc<ImportPreview>),
    Writing {
        result: Receiver<Result<ImportSummary, String>>,
        progress: Arc<Progress>,
        started: Instant,
    },
    Finished(ImportSummary, f64),
    Failed(String),
}

/// The Import window's state.
pub struct ImportDialog {
    pub open: bool,
    pub path: String,
    pub options: ImportOptions,
    stage: Stage,
    /// The file field takes the keyboard when the window opens.
    focus_path: bool,
    /// For actors the file names that the database does not know: the
    /// known actor the analyst says each is (its name becomes an alias).
    mapped: BTreeMap<String, Uuid>,
    /// Names in the file the analyst chose to become new actors.
    made_new: BTreeSet<String>,
    /// Browse… came back without a file: cancelled, or no file dialog
    /// could open on this desktop. The field is the way then.
    browse_found_nothing: bool,
    /// The chooser drawn in the window where no desktop dialog opens.
    chooser: Option<crate::ui::file_chooser::InWindowChooser>,
    /// A file came from the in-window chooser: read it on the next frame.
    reread_soon: bool,
    /// The last write's progress, kept after it finishes: its records
    /// are indexed for text search after the commit.
    last_write: Option<Arc<Progress>>,
}

impl Default for ImportDialog {
    fn default() -> Self {
        ImportDialog {
            open: false,
            path: String::new(),
            options: ImportOptions::default(),
            stage: Stage::Choosing,
            focus_path: false,
            mapped: BTreeMap::new(),
            made_new: BTreeSet::new(),
            browse_found_nothing: false,
            chooser: None,
            reread_soon: false,
            last_write: None,
        }
    }
}

impl ImportDialog {
    /// Opens the window on a file (or with none chosen yet).
    pub fn open_file(&mut self, path: Option<&Path>) {
        self.open = true;
        self.focus_path = true;
        if let Some(path) = path {
            self.path = path.display().to_string();
        }
        if !matches!(self.stage, Stage::Writing { .. }) {
            self.stage = Stage::Choosing;
        }
    }

    /// While the last import's records are being indexed for text
    /// search, how far it has got, in per cent.
    pub fn text_indexing(&self) -> Option<u64> {
        self.last_write.as_ref()?.indexing_percent()
    }

    /// Whether a write is under way.
    pub fn is_writing(&self) -> bool {
        matches!(self.stage, Stage::Writing { .. })
    }

    /// Picks up what the worker has sent; says when the database changed.
    fn poll(&mut self, commands: &mut Vec<Command>) {
        let next = match &self.stage {
            Stage::Reading(receive) => match receive.try_recv() {
                Ok(Ok(preview)) => Some(Stage::Previewed(Arc::new(preview))),
                Ok(Err(message)) => Some(Stage::Failed(message)),
                Err(TryRecvError::Empty) => None,
                Err(TryRecvError::Disconnected) => Some(Stage::Failed(tr!("import-stopped"))),
            },
            Stage::Writing {
                result, started, ..
            } => match result.try_recv() {
                Ok(Ok(summary)) => {
                    commands.push(Command::Reload);
                    Some(Stage::Finished(summary, started.elapsed().as_secs_f64()))
                }
                Ok(Err(message)) => Some(Stage::Failed(message)),
                Err(TryRecvError::Empty) => None,
                Err(TryRecvError::Disconnected) => {
                    Some(Stage::Failed(tr!("import-stopped-nothing-written")))
                }
            },
            _ => None,
        };
        if let Some(next) = next {
            self.stage = next;
        }
    }

    fn contents(&mut self, ui: &mut egui::Ui, db: Option<&Path>, actors: &ActorDirectory) {
        let Some(db) = db else {
            ui.label(tr!("import-imports-need-a-database"));
            return;
        };
        let busy = matches!(self.stage, Stage::Reading(_) | Stage::Writing { .. });
        let mut reread = false;
        ui.add_enabled_ui(!busy, |ui| {
            ui.horizontal(|ui| {
                let name = ui.label(tr!("import-file"));
                let field = ui
                    .add(
                        egui::TextEdit::singleline(&mut self.path)
                            .hint_text(tr!("import-acled-or-ucdp-ged"))
                            .desired_width(380.0),
                    )
                    .labelled_by(name.id);
                if std::mem::take(&mut self.focus_path) {
                    field.request_focus();
                }
                if field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                    reread = true;
                }
                if std::mem::take(&mut self.reread_soon) {
                    reread = true;
                }
                if ui.button(tr!("export-browse")).clicked() {
                    use crate::ui::file_chooser::{FileRequest, Picked, pick};
                    match pick(FileRequest::open(
                        tr!("import-data-sets"),
                        &["csv", "geojson", "json", "xlsx", "xls", "ods"],
                    )) {
                        Picked::Chosen(path) => {
                            self.path = path.display().to_string();
                            self.browse_found_nothing = false;
                            reread = true;
                        }
                        Picked::InWindow(chooser) => self.chooser = Some(chooser),
                        Picked::Cancelled => {
                            self.browse_found_nothing = true;
                            self.focus_path = true;
                        }
                    }
                }
            });
            if self.browse_found_nothing {
                ui.label(egui::RichText::new(tr!("import-no-file-was-chosen")).weak());
            }
            ui.horizontal(|ui| {
                let name = ui.label(tr!("export-format"));
                let label = self
                    .options
                    .format
                    .map_or_else(|| tr!("import-detect-from-the-columns"), format_label);
                egui::ComboBox::from_id_salt("import_format")
                    .selected_text(label)
                    .show_ui(ui, |ui| {
                        let mut format = self.options.format;
                        ui.selectable_value(
                            &mut format,
                            None,
                            tr!("import-detect-from-the-columns"),
                        );
                        for f in [Format::Acled, Format::Ucdp, Format::Panj] {
                            ui.selectable_value(&mut format, Some(f), format_label(f));
                        }
                        if format != self.options.format {
                            self.options.format = format;
                            reread = true;
                        }
                    })
                    .response
                    .labelled_by(name.id);
            });
            ui.horizontal_wrapped(|ui| {
                reread |= ui
                    .checkbox(
                        &mut self.options.region_only,
                        tr!("import-only-rows-inside-the"),
                    )
                    .changed();
                ui.checkbox(
                    &mut self.options.skip_bad_rows,
                    tr!("import-skip-rows-with-errors"),
                );
                ui.checkbox(
                    &mut self.options.create_actors,
                    tr!("import-create-actors-not-known"),
                );
                reread |= ui
                    .checkbox(
                        &mut self.options.skip_duplicates,
                        tr!("import-leave-out-possible-duplicates"),
                    )
                    .on_hover_text(tr!("import-new-rows-within-10"))
                    .changed();
            });
            if ui
                .add_enabled(
                    !self.path.trim().is_empty(),
                    egui::Button::new(tr!("import-preview")),
                )
                .clicked()
            {
                reread = true;
            }
        });
        if reread && !self.path.trim().is_empty() {
            self.mapped.clear();
            self.made_new.clear();
            // A new file or new options: earlier choices were of its rows.
            self.options.duplicate_choices.clear();
            self.stage = Stage::Reading(spawn_preview(
                ui.ctx(),
                db.to_path_buf(),
                PathBuf::from(self.path.trim()),
                self.options.clone(),
            ));
        }
        ui.separator();
        let mut start: Option<Arc<ImportPreview>> = None;
        match &self.stage {
            Stage::Choosing => {
                ui.label(tr!("import-choose-a-file-panj"));
            }
            Stage::Reading(_) => {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(tr!("import-reading-the-file"));
                });
            }
            Stage::Previewed(preview) => {
                let mut rechosen = false;
                if preview_ui(
                    ui,
                    preview,
                    &mut self.options,
                    actors,
                    &mut self.mapped,
                    &mut self.made_new,
                    &mut rechosen,
                ) {
                    start = Some(preview.clone());
                }
                if rechosen {
                    // Read again with the choice, keeping the actors mapped.
                    self.stage = Stage::Reading(spawn_preview(
                        ui.ctx(),
                        db.to_path_buf(),
                        PathBuf::from(self.path.trim()),
                        self.options.clone(),
                    ));
                }
            }
            Stage::Writing {
                progress, started, ..
            } => {
                let done = progress.done.load(Ordering::Relaxed);
                let total = progress.total.load(Ordering::Relaxed).max(1);
                let seconds = started.elapsed().as_secs_f64();
                ui.add(
                    egui::ProgressBar::new(done as f32 / total as f32)
                        .text(tr!(
                            "import-progress",
                            done = done,
                            total = total,
                            rate = (done as f64 / seconds.max(1e-3)).round()
                        ))
                        .animate(true),
                );
                if progress.cancel.load(Ordering::Relaxed) {
                    ui.label(tr!("import-cancelling-nothing-will-be"));
                } else if ui.button(tr!("import-cancel")).clicked() {
                    progress.cancel.store(true, Ordering::Relaxed);
                }
            }
            Stage::Finished(summary, seconds) => {
                ui.label(tr!(
                    "import-finished",
                    added = summary.inserted,
                    updated = summary.updated,
                    actors = summary.actors_created,
                    aliases = summary.aliases_added,
                    seconds = format!("{seconds:.1}")
                ));
            }
            Stage::Failed(message) => {
                ui.colored_label(ui.visuals().error_fg_color, message);
            }
        }
        if let Some(preview) = start {
            let progress = Arc::new(Progress::default());
            self.last_write = Some(progress.clone());
            self.stage = Stage::Writing {
                result: spawn_commit(
                    ui.ctx(),
                    db.to_path_buf(),
                    preview,
                    self.options.clone(),
                    self.mapped.clone(),
                    progress.clone(),
                ),
                progress,
                started: Instant::now(),
            };
        }
    }
}

/// How the preview names the actor a name in the file will be stored as:
/// the known actor it answers to, the one it is mapped to, or a new one.
fn attributed_as(name: &str, actors: &ActorDirectory, mapped: &BTreeMap<String, Uuid>) -> String {
    if let Some(actor) = mapped.get(name).and_then(|id| actors.get(*id)) {
        return tr!("import-actor-as", actor = actor.name.as_str(), name = name);
    }
    match actors.resolve(name) {
        Some(actor) if actor.name.eq_ignore_ascii_case(name) => actor.name.clone(),
        Some(actor) => tr!("import-actor-as", actor = actor.name.as_str(), name = name),
        None => tr!("import-actor-new", name = name),
    }
}

/// What the import would do, in one sentence of the interface's language
/// (`ImportPreview::describe` is the command line's English).
fn summary(preview: &ImportPreview) -> String {
    let mut more = match preview.new_sources.len() {
        0 => String::new(),
        n => tr!("import-summary-sources", count = n),
    };
    if !preview.duplicates.is_empty() {
        let total = preview.duplicates.len();
        let ways: Vec<String> = [
            (DuplicateChoice::Link, tr!("import-way-link")),
            (DuplicateChoice::Skip, tr!("import-way-skip")),
            (DuplicateChoice::ImportAnyway, tr!("import-way-anyway")),
        ]
        .into_iter()
        .filter_map(|(choice, what)| {
            let count = preview
                .duplicates
                .iter()
                .filter(|d| d.choice == choice)
                .count();
            match count {
                0 => None,
                n if n == total => Some(what),
                n => Some(format!("{} {what}", crate::lang::number(n as i64))),
            }
        })
        .collect();
        more.push_str(&tr!(
            "import-summary-duplicates",
            count = total,
            ways = ways.join(", ")
        ));
    }
    tr!(
        "import-summary",
        rows = preview.rows,
        format = preview.format.map_or_else(|| "?".to_string(), format_label),
        add = preview.inserts,
        update = preview.updates,
        unchanged = preview.unchanged,
        outside = preview.outside_region,
        errors = preview.errors.len(),
        more = more
    )
}

/// A note on how the file's columns were read, in the interface's language.
fn column_note(note: &ColumnNote) -> String {
    match note {
        ColumnNote::Renamed(pairs) => {
            let pairs: Vec<String> = pairs
                .iter()
                .map(|(cut, full)| tr!("import-note-read-as", cut = cut, full = full))
                .collect();
            tr!("import-note-renamed", pairs = pairs.join(", "))
        }
        ColumnNote::Found { found, of } => tr!("import-note-found", found = *found, of = *of),
        ColumnNote::Missing(column) => {
            let instead = match *column {
                "where_prec" => tr!("import-instead-where-prec"),
                "date_prec" => tr!("import-instead-date-prec"),
                "country" => tr!("import-instead-country"),
                "adm_1" => tr!("import-instead-adm-1"),
                "type_of_violence" => tr!("import-instead-type-of-violence"),
                "where_description" => tr!("import-instead-where-description"),
                other => ColumnNote::instead(other).to_string(),
            };
            tr!("import-note-missing", column = *column, instead = instead)
        }
        ColumnNote::ReadFrom(encoding) => tr!("import-note-read-from", encoding = *encoding),
        ColumnNote::Sheet(name) => tr!("import-note-sheet", name = name.as_str()),
        ColumnNote::HxlTags => tr!("import-note-hxl"),
        ColumnNote::DayOrder { order, rows } => tr!(
            "import-note-day-order",
            order = match order {
                DayOrder::MonthFirst => tr!("import-day-order-month-first"),
                _ => tr!("import-day-order-day-first"),
            },
            rows = *rows
        ),
        ColumnNote::Delimiter(byte) => tr!(
            "import-note-delimiter",
            separator = match byte {
                b';' => tr!("import-separator-semicolon"),
                b'\t' => tr!("import-separator-tab"),
                other => format!("'{}'", *other as char),
            }
        ),
    }
}

/// A format's name in the menu; the data sets' own names stay as they are.
fn format_label(format: Format) -> String {
    match format {
        Format::Panj => tr!("import-format-panj"),
        other => other.label().to_string(),
    }
}

/// The preview; whether Import was clicked. A possible duplicate's choice
/// goes into `options` and sets `rechosen` (the preview is read again).
/// What would happen, and the button that makes it happen (true: clicked).
fn preview_ui(
    ui: &mut egui::Ui,
    preview: &ImportPreview,
    options: &mut ImportOptions,
    actors: &ActorDirectory,
    mapped: &mut BTreeMap<String, Uuid>,
    made_new: &mut BTreeSet<String>,
    rechosen: &mut bool,
) -> bool {
    ui.label(summary(preview));
    if let Some(totals) = &preview.totals {
        let range = match (totals.low, totals.high) {
            (Some(low), Some(high)) => {
                tr!("import-totals-range", low = low as i64, high = high as i64)
            }
            _ => String::new(),
        };
        ui.label(tr!(
            "import-totals",
            sum = totals.sum as i64,
            column = totals.column,
            range = range,
            records = preview.records.len(),
            killed = preview.killed_in_records() as i64
        ));
    }
    for note in &preview.notes {
        ui.label(egui::RichText::new(column_note(note)).weak());
    }
    // Rows whose figures disagree, kept as the data set published them.
    let flagged = preview.flagged();
    for flag in flagged.iter().take(5) {
        ui.label(egui::RichText::new(flag.as_str()).weak());
    }
    if flagged.len() > 5 {
        ui.label(
            egui::RichText::new(tr!(
                "import-more-kept-as-published",
                count = flagged.len() - 5
            ))
            .weak(),
        );
    }
    let room = ui.ctx().content_rect().height() * 0.4;
    // Solid scroll bars, beside what they scroll: a floating one lay over
    // the "Actors not known yet" choices and took their clicks.
    ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
    egui::ScrollArea::both()
        .max_height(room.clamp(150.0, 300.0))
        .auto_shrink([false, true])
        .show(ui, |ui| {
            if !preview.records.is_empty() {
                ui.strong(tr!("import-first-records-as-they"));
                egui::Grid::new("import_preview_rows")
                    .striped(true)
                    .show(ui, |ui| {
                        for header in [
                            tr!("import-column-line"),
                            tr!("import-column-date"),
                            tr!("import-column-title"),
                            tr!("import-column-place"),
                            tr!("import-column-killed"),
                            tr!("import-column-attributed-to"),
                        ] {
                            ui.strong(header);
                        }
                        ui.end_row();
                        for record in preview.records.iter().take(12) {
                            let i = &record.incident;
                            ui.label(record.line.to_string());
                            ui.label(crate::ui::shown_date(&i.date));
                            ui.label(&i.title);
                            ui.label(format!(
                                "{} ({})",
                                i.location.place_name,
                                i.location.precision.tr_label().to_lowercase()
                            ));
                            ui.label(i.killed_label());
                            // The actor each name will be stored as: a known
                            // one it answers to, the one it is mapped to, or
                            // a new one.
                            let names: Vec<String> = record
                                .claim_actors
                                .iter()
                                .map(|(name, _)| attributed_as(name, actors, mapped))
                                .collect();
                            ui.label(names.join("; "));
                            ui.end_row();
                        }
                    });
            }
            if !preview.duplicates.is_empty() {
                ui.add_space(6.0);
                ui.strong(tr!("import-duplicates", count = preview.duplicates.len()));
                for duplicate in preview.duplicates.iter().take(50) {
                    ui.label(tr!(
                        "import-duplicate",
                        line = duplicate.line.to_string(),
                        title = for_display(&duplicate.title),
                        other = for_display(&duplicate.other_title)
                    ));
                    ui.horizontal(|ui| {
                        let mut choice = duplicate.choice;
                        ui.add_space(16.0);
                        ui.selectable_value(&mut choice, DuplicateChoice::Link, tr!("import-link"))
                            .on_hover_text(tr!("import-link-hint"));
                        ui.selectable_value(&mut choice, DuplicateChoice::Skip, tr!("import-skip"))
                            .on_hover_text(tr!("import-skip-hint"));
                        ui.selectable_value(
                            &mut choice,
                            DuplicateChoice::ImportAnyway,
                            tr!("import-anyway"),
                        )
                        .on_hover_text(tr!("import-anyway-hint"));
                        if choice != duplicate.choice {
                            options.duplicate_choices.insert(duplicate.line, choice);
                            *rechosen = true;
                        }
                    });
                }
                if preview.duplicates.len() > 50 {
                    ui.label(tr!(
                        "import-and-more",
                        count = preview.duplicates.len() - 50
                    ));
                }
            }
            if !preview.errors.is_empty() {
                ui.add_space(6.0);
                // Once the analyst chose to skip them, they block nothing:
                // said plainly, not in red.
                if options.skip_bad_rows {
                    ui.label(tr!("import-rows-skipped", count = preview.errors.len()));
                } else {
                    ui.colored_label(
                        ui.visuals().error_fg_color,
                        tr!("import-bad-rows", count = preview.errors.len()),
                    );
                }
                for error in preview.errors.iter().take(50) {
                    ui.label(error.to_string());
                }
                if preview.errors.len() > 50 {
                    ui.label(tr!("import-and-more", count = preview.errors.len() - 50));
                }
            }
            if !preview.unknown_actors.is_empty() {
                ui.add_space(6.0);
                ui.strong(tr!("import-actors-not-known-yet"));
                ui.label(egui::RichText::new(tr!("import-say-which-known-actor")).weak());
                egui::Grid::new("import_unknown_actors").show(ui, |ui| {
                    for (name, kind) in &preview.unknown_actors {
                        let label = ui.label(format!("{name} ({})", kind.tr_label()));
                        let chosen = mapped.get(name).and_then(|id| actors.get(*id));
                        let new =
                            chosen.is_none() && (options.create_actors || made_new.contains(name));
                        // Until the analyst chooses, the box says so: it read
                        // "a new actor" while Import waited for a choice.
                        let text = match chosen {
                            Some(actor) => actor.name.clone(),
                            None if new => tr!("import-a-new-actor"),
                            None => tr!("import-choose-an-actor"),
                        };
                        egui::ComboBox::from_id_salt(("map_actor", name))
                            .selected_text(text)
                            .width(220.0)
                            .show_ui(ui, |ui| {
                                if ui
                                    .selectable_label(new, tr!("import-a-new-actor"))
                                    .clicked()
                                {
                                    mapped.remove(name);
                                    made_new.insert(name.clone());
                                }
                                for actor in actors.iter() {
                                    if ui
                                        .selectable_label(
                                            chosen.is_some_and(|c| c.id == actor.id),
                                            &actor.name,
                                        )
                                        .clicked()
                                    {
                                        mapped.insert(name.clone(), actor.id);
                                        made_new.remove(name);
                                    }
                                }
                            })
                            .response
                            .labelled_by(label.id);
                        ui.end_row();
                    }
                });
            }
        });
    let undecided = preview
        .unknown_actors
        .keys()
        .any(|name| !mapped.contains_key(name) && !made_new.contains(name));
    let blocked = if !preview.errors.is_empty() && !options.skip_bad_rows {
        Some(tr!("import-blocked-errors"))
    } else if undecided && !options.create_actors {
        Some(tr!("import-blocked-actors"))
    } else if preview.records.is_empty() {
        Some(tr!("import-blocked-nothing"))
    } else {
        None
    };
    ui.separator();
    let mut clicked = false;
    ui.horizontal(|ui| {
        let count = preview.records.len();
        clicked = ui
            .add_enabled(
                blocked.is_none(),
                egui::Button::new(tr!("import-records", count = count)),
            )
            .on_hover_text(tr!("import-one-transaction-all-of"))
            .clicked();
        if clicked && !made_new.is_empty() {
            // Every name is decided: those not mapped are the ones chosen
            // to be new, which is what creating actors not known does.
            options.create_actors = true;
        }
        if let Some(reason) = blocked {
            ui.colored_label(ui.visuals().warn_fg_color, reason);
        }
    });
    clicked
}

impl Panel for ImportDialog {
    /// The window; `db` is the open database's file (`None` in memory).
    fn ui(&mut self, ui: &mut egui::Ui, workspace: &Workspace, commands: &mut Vec<Command>) {
        let ctx = &ui.ctx().clone();
        let db = workspace.database_path();
        let actors = &workspace.actors;
        self.poll(commands);
        if !self.open {
            return;
        }
        let mut open = self.open;
        // Above the map's floating legend and controls.
        // The window opens at the width it keeps and grows only downwards
        // (a preview scrolls inside it), so Preview and Import stay where
        // the pointer is; a wide window would be pushed left to fit.
        let screen = ctx.content_rect();
        egui::Window::new(tr!("import-import"))
            .order(egui::Order::Foreground)
            .open(&mut open)
            .pivot(egui::Align2::CENTER_TOP)
            .default_pos(screen.center_top() + egui::vec2(0.0, 70.0))
            .default_width((screen.width() - 60.0).clamp(320.0, 900.0))
            .show(ctx, |ui| self.contents(ui, db, actors));
        if let Some(path) = crate::ui::file_chooser::chosen(&mut self.chooser, ctx) {
            self.path = path.display().to_string();
            self.browse_found_nothing = false;
            self.reread_soon = true;
        }
        // Closing the window does not stop a write; it goes on and
        // reports in the status bar.
        self.open = open;
    }
}
