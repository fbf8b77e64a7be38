//! The desktop application: owns the workspace (and through it the store),
//! lays out the panels of `crate::ui`, and carries out the [`Command`]s they
//! send, in one place. Split by job, as rerun's viewer splits its app:
//! `loading.rs` (reading the workspace on a worker), `commands.rs`
//! (`PanjApp::apply`), `shortcuts.rs`, `team.rs` (bundles, server, the
//! Team menu), `menus.rs` (the toolbar's smaller menus and bars), `lock.rs`
//! (encrypted databases), `undo.rs`, and `report.rs`.

mod command_handling;
mod frame;
mod loading;
mod lock;
mod menus;
mod report;
pub mod run;
mod shortcuts;
mod team;
mod undo;

use crate::tr;
use loading::Loading;
use team::TeamWork;

pub use undo::{Change, UndoStack};

use crate::filter::Filter;

// The workspace and its commands live in their own layer; they are named
// here too, as the app's public face.
pub use crate::workspace::{
    Command, LOCK_AFTER_MINUTES, LoadTimings, SavedView, Saving, View, Workspace,
    WorkspaceSettings, count_label,
};

use crate::store::Store;
use crate::ui::about::About;
use crate::ui::details::DetailsPanel;
use crate::ui::export_dialog::ExportDialog;
use crate::ui::filter_panel::{FilterChips, FilterPanel};
use crate::ui::import_dialog::ImportDialog;
use crate::ui::incident_form::IncidentForm;
use crate::ui::incident_list::IncidentList;
use crate::ui::map_panel::{MapPanel, MapSettings};
use crate::ui::statistics::Statistics;
use crate::ui::timeline::Timeline;
use anyhow::Result;
use std::path::{Path, PathBuf};
use uuid::Uuid;

const MAP_SETTINGS_KEY: &str = "map";
const WORKSPACE_SETTINGS_KEY: &str = "workspace";

/// The top-level eframe application.
pub struct PanjApp {
    state: Result<Workspace, String>,
    /// The workspace still being read on a worker thread; `state` is
    /// only set once it arrives.
    loading: Option<Loading>,
    /// How long after the start of the last load the map of the
    /// incidents the filter keeps came from the map block, before the
    /// records, and how many it showed.
    map_before_records: Option<(std::time::Duration, usize)>,
    /// From this many incidents on, a load reads the map block first and
    /// keeps it up to date.
    map_block_from: u64,
    /// From how many incidents a filter change is applied, and the
    /// panels' views made, on workers (given to each workspace loaded).
    on_a_worker_from: usize,
    /// The window's context, from its last frame: workers repaint it when
    /// they are done.
    repaint: Option<egui::Context>,
    /// The filter the last session ended with, applied once the
    /// workspace is loaded.
    remembered_filter: Filter,
    /// The database the remembered filter was set on.
    remembered_filter_of: Option<PathBuf>,
    /// From this many incidents on, reading the database again happens
    /// on a worker thread.
    reload_in_background_from: usize,
    view: View,
    filters: FilterPanel,
    list: IncidentList,
    pub map: MapPanel,
    timeline: Timeline,
    statistics: Statistics,
    details: DetailsPanel,
    form: IncidentForm,
    pub import: ImportDialog,
    pub export: ExportDialog,
    pub from_text: crate::ui::from_text::FromTextWindow,
    /// When the database was last asked whether another connection wrote
    /// to it, and what it said.
    outside_writes: Option<(std::time::Instant, i64)>,
    saved_views: Vec<SavedView>,
    new_view_name: String,
    /// "Saved 'name'.", after a view was saved, until the next name is typed.
    saved_view_notice: Option<String>,
    about: About,
    /// A record (or conflict) read on the reader worker for a window
    /// that opens when it comes.
    pending_read: Option<command_handling::PendingRead>,
    /// A map picture the Export window asked for (file, width), until
    /// the map has been shown once to draw it from.
    picture_asked: Option<(PathBuf, u32)>,
    /// A report the Export window asked for, written after the frame.
    report_asked: Option<(
        PathBuf,
        crate::report::ReportOptions,
        crate::report::ReportFormat,
    )>,
    chips: FilterChips,
    /// The last error a command met, shown until dismissed.
    error: Option<String>,
    undo: UndoStack,
    /// The window was asked to close while the form held unsaved work.
    confirm_close: bool,
    /// The analyst chose to close anyway.
    close_confirmed: bool,
    conflict_view: crate::ui::conflict_view::ConflictView,
    /// Team ▸ Server….
    server: crate::ui::server_window::ServerWindow,
    /// A bundle being written or read on a worker, and what it said.
    team: TeamWork,
    /// The name typed into the "Your name" bar.
    analyst_name: String,
    /// The analyst said "Not now" to the name bar, for this session.
    analyst_later: bool,
    /// "Moved 'title' to the trash.", shown over the map with Undo until
    /// the next command that writes.
    deleted_notice: Option<String>,
    /// The passphrase prompt of an encrypted database not yet open, or
    /// locked.
    lock: Option<lock::LockScreen>,
    /// Team ▸ Lock after N idle minutes (0: never).
    lock_after_minutes: u32,
    /// The analyst's choice of interface language (`None`: the system's).
    language: Option<crate::lang::Language>,
    /// The system locale's language, read once at start.
    system_language: crate::lang::Language,
    /// The last key press or pointer movement, for the idle lock.
    last_input: std::time::Instant,
    /// The Arabic-script font was given to the context.
    fonts_installed: bool,
}

impl PanjApp {
    /// The app over an opened database, or showing why it could not be opened.
    pub fn new(opened: Result<Store>) -> Self {
        PanjApp::with_settings(
            opened,
            MapSettings::default(),
            WorkspaceSettings::default(),
            None,
        )
    }

    /// The app shown in `language` while the analyst has not chosen one.
    pub fn following_the_system_language(mut self, language: crate::lang::Language) -> Self {
        self.system_language = language;
        self
    }

    /// The app with its workspace loaded before it returns (tests, benchmarks).
    pub fn with_settings(
        opened: Result<Store>,
        map: MapSettings,
        settings: WorkspaceSettings,
        tile_cache: Option<PathBuf>,
    ) -> Self {
        let mut app = PanjApp::empty(map, settings, tile_cache);
        if let Ok(store) = &opened {
            app.forget_the_filter_of_another(store.path());
        }
        let state = opened.and_then(Workspace::load);
        app.arrived(state);
        app
    }

    /// The app drawing at once while its workspace is read on a worker
    /// thread: a large database takes seconds to load, and the window
    /// shows what it is doing meanwhile instead of appearing frozen.
    pub fn loading_in_background(
        opened: Result<Store>,
        map: MapSettings,
        settings: WorkspaceSettings,
        tile_cache: Option<PathBuf>,
    ) -> Self {
        let mut app = PanjApp::empty(map, settings, tile_cache);
        match opened {
            Ok(store) => {
                app.forget_the_filter_of_another(store.path());
                app.loading = Some(Loading::start(
                    store,
                    app.remembered_filter.clone(),
                    app.map_block_from,
                ))
            }
            Err(e) => app.arrived(Err(e)),
        }
        app
    }

    /// The filter remembered from the last session belongs to the
    /// database it was set on: another database opens unfiltered.
    fn forget_the_filter_of_another(&mut self, opened: Option<&Path>) {
        if let Some(of) = &self.remembered_filter_of
            && Some(of.as_path()) != opened
        {
            self.remembered_filter = Filter::default();
        }
    }

    /// Takes the loaded workspace (or why it could not be loaded) and
    /// applies the remembered filter to it.
    fn arrived(&mut self, loaded: Result<Workspace>) {
        let (selection, kept_draft, preview) =
            self.loading.take().map_or((None, None, None), |l| {
                (l.selection, l.kept_draft, l.preview)
            });
        self.map_before_records = preview.map(|p| (p.after, p.shown));
        let loaded = match loaded {
            Err(e) => match lock::wants_passphrase(&e) {
                Some((path, message)) => {
                    self.state = Err("the database is locked".into());
                    self.lock = Some(lock::LockScreen::new(path, message));
                    return;
                }
                None => Err(e),
            },
            Ok(workspace) => Ok(workspace),
        };
        if let (Ok(workspace), Some(kept)) = (&loaded, kept_draft)
            && let Some(path) = workspace.database_path()
        {
            // An encrypted database keeps the form's draft itself; one
            // opened by its passphrase in the window gets its daily
            // backup now (`run` could not open it).
            if !workspace.is_read_only() {
                crate::workspace::daily_backup_in_background(path.to_path_buf());
            }
            let keeper = lock::DatabaseDraft::start(path.to_path_buf());
            self.form = IncidentForm::with_keeper(Box::new(keeper), kept.as_deref());
        }
        self.last_input = std::time::Instant::now();
        self.state = loaded
            .map(|mut w| {
                w.on_a_worker_from = self.on_a_worker_from;
                if w.filter != self.remembered_filter {
                    w.set_filter(self.remembered_filter.clone());
                }
                if let Some((selected, selection)) = selection {
                    let shown: std::collections::HashSet<Uuid> =
                        w.kept_rows().map(|i| i.id()).collect();
                    w.selected = selected.filter(|id| shown.contains(id));
                    w.selection = selection
                        .into_iter()
                        .filter(|id| shown.contains(id))
                        .collect();
                }
                w
            })
            .map_err(|e| format!("{e:#}"));
    }

    /// Reads the database again after another program wrote to it: at
    /// once for a small one, on a worker thread (the window saying so)
    /// for one large enough that it would freeze the window for seconds.
    fn reload(&mut self) -> Result<()> {
        let reading_again = Err("the database is being read again".to_string());
        match std::mem::replace(&mut self.state, reading_again) {
            Ok(workspace) if workspace.all_incidents().len() >= self.reload_in_background_from => {
                self.remembered_filter = workspace.filter.clone();
                self.loading = Some(Loading::reload(workspace, self.map_block_from));
                Ok(())
            }
            Ok(mut workspace) => {
                let reloaded = workspace.reload();
                self.state = Ok(workspace);
                reloaded
            }
            Err(e) => {
                self.state = Err(e);
                Ok(())
            }
        }
    }

    /// Reads the database again on a worker thread from `incidents` on
    /// (50 000 unless said).
    pub fn with_background_reload_from(mut self, incidents: usize) -> Self {
        self.reload_in_background_from = incidents;
        self
    }

    /// Whether the workspace is still being read.
    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    /// How long after the start of the last load the window had the map
    /// of the incidents the filter keeps from the database's map block,
    /// and how many it showed (`None`: it waited for the records).
    pub fn map_before_records(&self) -> Option<(std::time::Duration, usize)> {
        self.map_before_records
    }

    /// Whether the view shown (the map with the timeline beside it, the
    /// timeline, the statistics) shows the workspace's filter of now:
    /// after a change of filter over many incidents, the last filter's
    /// pictures stay until the new ones are made on workers.
    pub fn map_in_step(&self) -> bool {
        self.state.as_ref().is_ok_and(|w| {
            !w.is_filtering()
                && match self.view {
                    View::Map => self.map.is_in_step(w) && self.timeline.is_in_step(w),
                    View::Timeline => self.timeline.is_in_step(w),
                    View::Statistics => self.statistics.is_in_step(w),
                    View::Table => true,
                }
        })
    }

    /// What a worker calls when it is done: a repaint of the window,
    /// which then installs what the worker made.
    fn waker(&self) -> impl Fn() + Send + 'static {
        let repaint = self.repaint.clone();
        move || {
            if let Some(ctx) = &repaint {
                ctx.request_repaint();
            }
        }
    }

    /// Applies filter changes, and makes the map's layer and the
    /// timeline's chart, on workers from `incidents` on (as at a million
    /// incidents; about 50 000 unless said).
    pub fn with_workers_from(mut self, incidents: usize) -> Self {
        self.on_a_worker_from = incidents;
        if let Ok(workspace) = &mut self.state {
            workspace.on_a_worker_from = incidents;
        }
        self
    }

    /// Reads and keeps the map block from databases of `incidents` on
    /// (20 000 unless said) at the next load.
    pub fn with_map_block_from(mut self, incidents: u64) -> Self {
        self.map_block_from = incidents;
        self
    }

    fn empty(map: MapSettings, settings: WorkspaceSettings, tile_cache: Option<PathBuf>) -> Self {
        PanjApp {
            state: Err("the database is still being read".into()),
            loading: None,
            map_before_records: None,
            map_block_from: loading::MAP_BLOCK_FROM,
            repaint: None,
            on_a_worker_from: crate::background::ON_A_WORKER_FROM,
            remembered_filter: settings.filter,
            remembered_filter_of: settings.filter_of,
            reload_in_background_from: crate::background::ON_A_WORKER_FROM,
            view: settings.view,
            filters: FilterPanel::default(),
            list: IncidentList::default(),
            map: MapPanel::new(map, tile_cache),
            timeline: Timeline::default(),
            statistics: Statistics::default(),
            details: DetailsPanel::default(),
            form: IncidentForm::default(),
            import: ImportDialog::default(),
            export: ExportDialog::default(),
            from_text: Default::default(),
            outside_writes: None,
            saved_views: settings.saved_views,
            new_view_name: String::new(),
            saved_view_notice: None,
            about: About::default(),
            pending_read: None,
            picture_asked: None,
            report_asked: None,
            chips: FilterChips,
            error: None,
            undo: UndoStack::default(),
            confirm_close: false,
            close_confirmed: false,
            conflict_view: Default::default(),
            server: Default::default(),
            team: TeamWork::default(),
            analyst_name: String::new(),
            analyst_later: false,
            deleted_notice: None,
            lock: None,
            lock_after_minutes: settings.lock_after_minutes,
            language: settings.language,
            // English until the window is started for real: tests and
            // benchmarks read the same labels on every machine.
            system_language: crate::lang::Language::English,
            last_input: std::time::Instant::now(),
            fonts_installed: false,
        }
    }

    /// Autosaves the form's draft to `path`, and offers back a draft left
    /// there by a crash or a closed window.
    pub fn with_draft_file(mut self, path: PathBuf) -> Self {
        self.form = IncidentForm::with_autosave(path);
        self
    }

    pub fn form(&self) -> &IncidentForm {
        &self.form
    }

    pub fn undo_stack(&self) -> &UndoStack {
        &self.undo
    }

    pub fn workspace(&self) -> Option<&Workspace> {
        self.state.as_ref().ok()
    }

    /// Waits until the last load's records are freed (for `panj bench`,
    /// which measures the memory the window keeps).
    pub fn wait_until_records_freed(&mut self) {
        if let Ok(workspace) = &mut self.state {
            workspace.wait_until_records_freed();
        }
    }

    pub fn view(&self) -> View {
        self.view
    }

    pub fn timeline(&self) -> &Timeline {
        &self.timeline
    }

    /// What to remember when the window closes.
    pub fn settings_to_save(&self) -> WorkspaceSettings {
        WorkspaceSettings {
            view: self.view,
            filter: self
                .workspace()
                .map_or_else(|| self.remembered_filter.clone(), |w| w.filter.clone()),
            filter_of: self
                .workspace()
                .and_then(|w| w.database_path().map(Path::to_path_buf))
                .or_else(|| self.remembered_filter_of.clone()),
            saved_views: self.saved_views.clone(),
            lock_after_minutes: self.lock_after_minutes,
            language: self.language,
        }
    }

    /// The language the interface is shown in: the analyst's choice, else
    /// the system's.
    pub fn language(&self) -> crate::lang::Language {
        self.language.unwrap_or(self.system_language)
    }

    /// Starts drawing the map picture the Export window asked for, on a
    /// worker; the map must have been shown once, so it is, for a frame.
    fn take_picture(&mut self, ctx: &egui::Context) {
        let Ok(workspace) = &self.state else {
            return;
        };
        let Some((path, width)) = self.picture_asked.clone() else {
            return;
        };
        let caption = crate::ui::export_dialog::caption(workspace);
        let Some(picture) = self.map.picture(workspace, caption) else {
            self.view = View::Map;
            ctx.request_repaint();
            return;
        };
        self.picture_asked = None;
        let (send, receive) = std::sync::mpsc::channel();
        self.export.started(receive);
        let count = workspace.incidents.len();
        let filter = workspace.filter.clone();
        let db = workspace.database_path().map(PathBuf::from);
        let repaint = ctx.clone();
        // The picture's legend and the message, in the window's language.
        let language = crate::lang::current();
        std::thread::spawn(move || {
            crate::lang::set(language);
            let outcome = crate::ui::export_dialog::save_map_picture(
                picture,
                width,
                db.as_deref(),
                &path,
                count,
                &filter,
            );
            let _ = send.send(outcome);
            repaint.request_repaint();
        });
    }

    /// Export ▸ Report: the contents from the workspace and the map as it
    /// is now, then the pictures drawn and the file written on a worker.
    fn write_report(&mut self, ctx: &egui::Context) {
        let Ok(workspace) = &self.state else {
            return;
        };
        let Some((path, options, format)) = self.report_asked.take() else {
            return;
        };
        // The report is written in English (its text comes from the report
        // module), so its filter line and pictures are too.
        let language = crate::lang::current();
        crate::lang::set(crate::lang::Language::English);
        let words = crate::filter::words::describe(&workspace.filter, &workspace.actors);
        let map = self.map.picture(workspace, String::new());
        let prepared = report::prepare(workspace, &words, options, map);
        crate::lang::set(language);
        let prepared = match prepared {
            Ok(prepared) => prepared,
            Err(e) => {
                self.export.failed(format!("{e:#}"));
                return;
            }
        };
        let (send, receive) = std::sync::mpsc::channel();
        self.export.started(receive);
        let db = workspace.database_path().map(PathBuf::from);
        let repaint = ctx.clone();
        std::thread::spawn(move || {
            let outcome = prepared
                .write(db.as_deref(), &path, format)
                .map(|written| {
                    crate::lang::set(language);
                    tr!(
                        "app-wrote-report",
                        count = written.count,
                        path = written.path.display().to_string(),
                        manifest = written.manifest.display().to_string()
                    )
                })
                .map_err(|e| e.to_string());
            let _ = send.send(outcome);
            repaint.request_repaint();
        });
    }

    /// Every two seconds, asks the database whether another panj (a second
    /// window, `panj import`) wrote to it, and reloads if so.
    fn notice_outside_writes(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        const EVERY: std::time::Duration = std::time::Duration::from_secs(2);
        let Ok(workspace) = &self.state else {
            return;
        };
        let now = std::time::Instant::now();
        if let Some((asked, _)) = self.outside_writes
            && now.duration_since(asked) < EVERY
        {
            return;
        }
        ctx.request_repaint_after(EVERY);
        let Ok(version) = workspace.store().data_version() else {
            return;
        };
        if let Some((_, seen)) = self.outside_writes
            && seen != version
        {
            commands.push(Command::Reload);
        }
        self.outside_writes = Some((now, version));
    }
}

impl eframe::App for PanjApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        PanjApp::ui(self, ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, MAP_SETTINGS_KEY, &self.map.settings_to_save());
        eframe::set_value(storage, WORKSPACE_SETTINGS_KEY, &self.settings_to_save());
    }
}
