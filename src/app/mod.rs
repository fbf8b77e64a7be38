//! The desktop application: owns the store and the shared view state, lays
//! out the panels of `crate::ui`, and carries out the [`Command`]s they
//! send, in one place.

use crate::filter::facets::{FacetCounts, FacetIndex};
use crate::filter::{ActorDirectory, BBox, Filter, leading_claim, search_haystack};
mod lock;
pub mod report;
mod undo;

pub use lock::move_draft_into;

pub use undo::{Change, UndoStack};

use crate::map::incidents::IncidentLayer;
use crate::map::style::ActorPalette;
use crate::model::{Actor, Incident, Source};
use crate::store::Store;
use crate::ui::details::DetailsPanel;
use crate::ui::export_dialog::ExportDialog;
use crate::ui::filter_panel::FilterPanel;
use crate::ui::import_dialog::ImportDialog;
use crate::ui::incident_form::IncidentForm;
use crate::ui::incident_list::IncidentList;
use crate::ui::map_panel::{MapPanel, MapSettings};
use crate::ui::statistics::Statistics;
use crate::ui::timeline::Timeline;
use anyhow::Result;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use uuid::Uuid;

const MAP_SETTINGS_KEY: &str = "map";
const WORKSPACE_SETTINGS_KEY: &str = "workspace";

/// The window's icon: the same picture the desktop entry shows.
fn window_icon() -> egui::IconData {
    eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icons/panj-64.png"))
        .unwrap_or_default()
}

/// Opens the main window on the database the user chose.
///
/// An encrypted database opens with a passphrase given on standard input
/// or in `PANJ_PASSPHRASE_FILE`; otherwise the window asks for it.
pub fn run(db: Option<PathBuf>, passphrases: &crate::cli::Passphrases) -> Result<()> {
    let window_asks = crate::cli::Passphrases::default();
    let sources = if passphrases.given() {
        passphrases
    } else {
        &window_asks
    };
    let opened = crate::cli::open_database(db, sources);
    // An encrypted database's daily backup starts once it is read.
    if let Ok(store) = &opened
        && !store.is_read_only()
        && !store.is_encrypted()
        && let Some(path) = store.path()
    {
        crate::cli::daily_backup_in_background(path.to_path_buf());
    }
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("panj")
            .with_app_id("panj")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([640.0, 400.0])
            .with_icon(window_icon()),
        ..Default::default()
    };
    eframe::run_native(
        "panj",
        options,
        Box::new(move |cc| {
            let map = cc
                .storage
                .and_then(|s| eframe::get_value::<MapSettings>(s, MAP_SETTINGS_KEY))
                .unwrap_or_default();
            let workspace = cc
                .storage
                .and_then(|s| eframe::get_value::<WorkspaceSettings>(s, WORKSPACE_SETTINGS_KEY))
                .unwrap_or_default();
            let app = PanjApp::loading_in_background(opened, map, workspace, tile_cache_dir());
            Ok(Box::new(match draft_file() {
                Some(path) => app.with_draft_file(path),
                None => app,
            }))
        }),
    )
    .map_err(|e| anyhow::anyhow!("cannot open the window: {e}"))
}

/// Where the incident form autosaves its draft.
fn draft_file() -> Option<PathBuf> {
    directories::ProjectDirs::from("org", "panj", "panj").map(|d| d.data_dir().join("draft.json"))
}

/// Where downloaded map tiles are kept, when the analyst allows them.
fn tile_cache_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("org", "panj", "panj").map(|d| d.cache_dir().join("tiles"))
}

/// What the panels change: sent by panels, carried out by
/// [`PanjApp::apply`] after the frame is drawn.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Select one incident everywhere (map, table, details), or none.
    Select(Option<Uuid>),
    /// Select several incidents; the first is the one the details show.
    SelectMany(Vec<Uuid>),
    /// Replace the whole filter (filter panel, chips, timeline brush,
    /// saved views).
    SetFilter(Box<Filter>),
    /// Keep only incidents inside this map rectangle, or drop that rule.
    SetArea(Option<BBox>),
    /// Keep only incidents within this many km of the border, or all.
    SetNearBorder(Option<f64>),
    /// Move an incident to the trash (undoable).
    Delete(Uuid),
    /// Take an incident back out of the trash.
    Restore(Uuid),
    /// Open the form on a copy of an incident, to be saved as a new record.
    Duplicate(Uuid),
    /// Open the form on a new, empty incident.
    NewIncident,
    /// Open the New from text window.
    NewFromText,
    /// Open the form on a draft proposed from a text, to be saved as a
    /// new record.
    OpenProposed(Box<Incident>),
    /// Open the form on a stored incident.
    EditIncident(Uuid),
    /// Store what the form holds, with the actors and sources made in it,
    /// in one transaction (undoable).
    SaveIncident(Box<Saving>),
    /// Place the form's incident at a point (map click or pin drag).
    PlacePin { lon: f64, lat: f64 },
    /// Undo the last save or delete of this session.
    Undo,
    /// Redo what was undone last.
    Redo,
    /// Switch the main area to another view.
    ShowView(View),
    /// Fit the map to the selected incidents (or all filtered ones).
    FitMap,
    /// Read everything from the store again (after an import wrote to it
    /// from another thread).
    Reload,
    /// Open the Import window, on a file if one is given.
    OpenImport(Option<PathBuf>),
    /// Open the Export window.
    OpenExport,
    /// Show only the conflicted incidents, or the filter's again.
    ShowConflicts(bool),
    /// Open the conflict view on an incident whose versions disagree.
    OpenConflict(Uuid),
    /// Resolve a conflict: a merge version joining `heads` (the heads the
    /// choice was made over) holding `record`.
    Resolve {
        id: Uuid,
        heads: Vec<Uuid>,
        record: Box<Incident>,
    },
    /// Keep the analyst's name, which signs every version from now on.
    SetAnalyst(String),
    /// Write this database's versions into a bundle file (on a worker).
    WriteBundle(PathBuf),
    /// Read a bundle file into this database (on a worker), then reload.
    ReadBundle(PathBuf),
    /// Open Team ▸ Server….
    ShowServer,
    /// Close an encrypted database and drop every record from memory
    /// until its passphrase is given again.
    Lock,
    /// Lock an encrypted database after this many idle minutes (0: never).
    SetLockAfter(u32),
    /// Sync with the team server at `url` (on a worker), logging in with
    /// `password` when one is typed; reload if anything came in.
    SyncServer { url: String, password: String },
}

/// A record from the form, ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct Saving {
    /// A new record (else an edit of the stored one at `incident.version`).
    pub is_new: bool,
    pub incident: Incident,
    /// Actors the record's claims name that were created in the form.
    pub new_actors: Vec<Actor>,
    /// Sources the record cites that were added in the form.
    pub new_sources: Vec<Source>,
}

/// The main area's views, switched with Ctrl+1..4.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum View {
    #[default]
    Map,
    Table,
    Timeline,
    Statistics,
}

impl View {
    pub const ALL: [View; 4] = [View::Map, View::Table, View::Timeline, View::Statistics];

    pub fn label(self) -> &'static str {
        match self {
            View::Map => "Map",
            View::Table => "Table",
            View::Timeline => "Timeline",
            View::Statistics => "Statistics",
        }
    }
}

/// What the panels show, loaded from the store.
pub struct Workspace {
    pub store: Store,
    pub actors: ActorDirectory,
    pub sources: BTreeMap<Uuid, Source>,
    pub palette: ActorPalette,
    pub filter: Filter,
    /// Every incident of the database, live and deleted, by date.
    all: Vec<Arc<Incident>>,
    /// `search_haystack` of each of `all`, made once per load.
    haystacks: Vec<String>,
    /// What the filter looks at of each of `all`, packed, made once per load.
    index: FacetIndex,
    /// The leading claim's actor of each of `all` (`None`: unattributed).
    all_leaders: Vec<Option<Uuid>>,
    /// Each of `all` as the map draws it, projected once per load.
    all_on_map: IncidentLayer,
    /// The incidents the filter keeps, by date as loaded (records written
    /// since come after; the table sorts for itself).
    pub incidents: Vec<Arc<Incident>>,
    /// Counts beside the filter panel's checklists, and "N of M".
    pub facets: FacetCounts,
    /// The incident the details pane shows.
    pub selected: Option<Uuid>,
    /// Every selected incident (the table's multi-selection), with `selected`.
    pub selection: BTreeSet<Uuid>,
    /// Bumped whenever `incidents` changes, so panels know to rebuild
    /// what they derive from it.
    pub generation: u64,
    load_timings: LoadTimings,
    live_span: Option<(i64, i64)>,
    /// Incidents whose versions conflict (more than one head).
    pub conflicts: BTreeSet<Uuid>,
    /// Show only the conflicted incidents (live or deleted), whatever
    /// the filter says: the "Conflicts (N)" chip.
    pub only_conflicts: bool,
    /// The analyst's name versions are signed with ("" until given).
    pub analyst: String,
    /// The team server this database last synced with (its address
    /// without password) and when: read at each load.
    pub last_sync: Option<(String, String)>,
    /// How many incidents are in the trash (counted at each load and write).
    pub in_trash: usize,
    /// The points of the conflicted incidents the filter keeps, for the
    /// map's badges.
    pub conflict_points: Vec<(f64, f64)>,
}

/// Where the time of loading a workspace went, for `panj bench --scale`.
#[derive(Debug, Clone, Copy, Default)]
pub struct LoadTimings {
    /// Reading every record from SQLite.
    pub read: std::time::Duration,
    /// Search text, packed index, leading actors and map points.
    pub derived: std::time::Duration,
    /// The first filter with its facet counts.
    pub filtered: std::time::Duration,
}

impl Workspace {
    pub fn load(store: Store) -> Result<Workspace> {
        Workspace::load_counting(store, &AtomicUsize::new(0))
    }

    /// As [`Workspace::load`], adding one to `read` for each record read.
    pub fn load_counting(store: Store, read: &AtomicUsize) -> Result<Workspace> {
        let mut workspace = Workspace {
            store,
            actors: ActorDirectory::default(),
            sources: BTreeMap::new(),
            palette: ActorPalette::new(std::iter::empty()),
            filter: Filter::default(),
            all: Vec::new(),
            haystacks: Vec::new(),
            index: FacetIndex::default(),
            all_leaders: Vec::new(),
            all_on_map: IncidentLayer::default(),
            incidents: Vec::new(),
            facets: FacetCounts::default(),
            selected: None,
            selection: BTreeSet::new(),
            generation: 0,
            load_timings: LoadTimings::default(),
            live_span: None,
            conflicts: BTreeSet::new(),
            only_conflicts: false,
            analyst: String::new(),
            last_sync: None,
            in_trash: 0,
            conflict_points: Vec::new(),
        };
        workspace.reload_counting(read)?;
        Ok(workspace)
    }

    /// Reads everything from the store again (after a write), then filters.
    pub fn reload(&mut self) -> Result<()> {
        self.reload_counting(&AtomicUsize::new(0))
    }

    fn reload_counting(&mut self, read: &AtomicUsize) -> Result<()> {
        let started = std::time::Instant::now();
        self.actors = self.store.actor_directory()?;
        self.palette = ActorPalette::new(self.actors.iter().map(|a| a.id));
        self.sources = self
            .store
            .sources()?
            .into_iter()
            .map(|s| (s.id, s))
            .collect();
        self.all = self.store.load_everything_counting(read)?;
        self.conflicts = self.store.conflicted()?.into_iter().collect();
        self.analyst = self.store.analyst()?;
        self.last_sync = match (
            self.store.setting(crate::server::LAST_SERVER_KEY)?,
            self.store.setting(crate::server::LAST_SYNC_KEY)?,
        ) {
            (Some(server), Some(at)) => Some((server, at)),
            _ => None,
        };
        self.in_trash = self.all.iter().filter(|i| i.deleted_at.is_some()).count();
        let reading = started.elapsed();
        // The search text on one core, the packed index, leading actors
        // and map points on another: they read the records and nothing else.
        let (all, actors, palette) = (&self.all, &self.actors, &self.palette);
        let (haystacks, (index, leaders, on_map)) = std::thread::scope(|scope| {
            let haystacks = scope.spawn(|| all.iter().map(|i| search_haystack(i)).collect());
            let index = FacetIndex::build(all, actors);
            let leaders: Vec<Option<Uuid>> = all
                .iter()
                .map(|i| leading_claim(i, actors).map(|(a, _)| a.id))
                .collect();
            let on_map = IncidentLayer::build_with_leaders(all, &leaders, palette);
            let haystacks: Vec<String> = haystacks
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e));
            (haystacks, (index, leaders, on_map))
        });
        self.haystacks = haystacks;
        self.index = index;
        self.live_span = self.index.live_span();
        self.all_leaders = leaders;
        self.all_on_map = on_map;
        let derived = started.elapsed() - reading;
        self.refilter();
        self.load_timings = LoadTimings {
            read: reading,
            derived,
            filtered: started.elapsed() - reading - derived,
        };
        Ok(())
    }

    /// How long the last [`Workspace::reload`] spent on each part.
    pub fn load_timings(&self) -> LoadTimings {
        self.load_timings
    }

    /// Brings one incident's in-memory copy in step with the store after a
    /// write to it — the record, its search text, its packed index row,
    /// its leading actor and its map point — without reading everything
    /// again (which takes seconds at a million incidents). Reads all when
    /// the actors changed (their colours and kinds are part of the index)
    /// or the record is gone.
    pub fn refresh_incident(&mut self, id: Uuid) -> Result<()> {
        let actors = self.store.actor_directory()?;
        let same_actors = actors.iter().count() == self.actors.iter().count()
            && actors.iter().all(|a| self.actors.get(a.id) == Some(a));
        if !same_actors {
            return self.reload();
        }
        let Some(incident) = self.store.incident(id)? else {
            return self.reload();
        };
        self.sources = self
            .store
            .sources()?
            .into_iter()
            .map(|s| (s.id, s))
            .collect();
        let n = self
            .all
            .iter()
            .position(|i| i.id == id)
            .unwrap_or(self.all.len());
        let leader = leading_claim(&incident, &self.actors).map(|(a, _)| a.id);
        let haystack = search_haystack(&incident);
        self.index.set(n, &incident, &self.actors);
        self.live_span = self.index.live_span();
        self.all_on_map.set(n, &incident, leader, &self.palette);
        if self.store.heads(id)?.len() > 1 {
            self.conflicts.insert(id);
        } else {
            self.conflicts.remove(&id);
        }
        let was_deleted = self.all.get(n).is_some_and(|i| i.deleted_at.is_some());
        match (was_deleted, incident.deleted_at.is_some()) {
            (false, true) => self.in_trash += 1,
            (true, false) => self.in_trash = self.in_trash.saturating_sub(1),
            _ => {}
        }
        let incident = Arc::new(incident);
        if n < self.all.len() {
            self.all[n] = incident;
            self.haystacks[n] = haystack;
            self.all_leaders[n] = leader;
        } else {
            self.all.push(incident);
            self.haystacks.push(haystack);
            self.all_leaders.push(leader);
        }
        self.refilter();
        Ok(())
    }

    /// Applies a new filter to what is loaded: no database work.
    pub fn set_filter(&mut self, filter: Filter) {
        self.filter = filter;
        self.refilter();
    }

    fn refilter(&mut self) {
        self.facets = FacetCounts::compute_indexed(&self.filter, &self.index, &self.haystacks);
        if self.only_conflicts {
            self.only_conflicts = !self.conflicts.is_empty();
        }
        if self.only_conflicts {
            self.facets.matched = (0..self.all.len())
                .filter(|&n| self.conflicts.contains(&self.all[n].id))
                .collect();
        }
        self.incidents = self
            .facets
            .matched
            .iter()
            .map(|&i| Arc::clone(&self.all[i]))
            .collect();
        // Worked out here, once per change, so the map does not look
        // through every incident each frame for the few in conflict.
        self.conflict_points = if self.conflicts.is_empty() {
            Vec::new()
        } else {
            self.incidents
                .iter()
                .filter(|i| self.conflicts.contains(&i.id))
                .map(|i| (i.location.lon, i.location.lat))
                .collect()
        };
        self.generation += 1;
        if self.selected.is_some() || !self.selection.is_empty() {
            let shown: std::collections::HashSet<Uuid> =
                self.incidents.iter().map(|i| i.id).collect();
            self.selection.retain(|id| shown.contains(id));
            if self.selected.is_some_and(|id| !shown.contains(&id)) {
                self.selected = None;
            }
        }
    }

    /// Shows only the conflicted incidents, or goes back to the filter.
    pub fn show_only_conflicts(&mut self, only: bool) {
        self.only_conflicts = only;
        self.refilter();
    }

    /// Every incident loaded, whatever the filter (the "M" of "N of M").
    pub fn all_incidents(&self) -> &[Arc<Incident>] {
        &self.all
    }

    /// What the filter looks at of every loaded incident, packed.
    pub fn index(&self) -> &FacetIndex {
        &self.index
    }

    /// The first start and last end (day numbers) of the live incidents,
    /// worked out once per change, not once per frame.
    pub fn live_span(&self) -> Option<(i64, i64)> {
        self.live_span
    }

    /// The map layer of the incidents the filter keeps.
    pub fn map_layer(&self) -> IncidentLayer {
        self.all_on_map.subset(&self.facets.matched)
    }

    /// The leading actor of `all_incidents()[index]`.
    pub fn leader_in_all(&self, index: usize) -> Option<Uuid> {
        self.all_leaders.get(index).copied().flatten()
    }

    pub fn incident(&self, id: Uuid) -> Option<&Arc<Incident>> {
        self.all.iter().find(|i| i.id == id)
    }

    pub fn is_selected(&self, id: Uuid) -> bool {
        self.selected == Some(id) || self.selection.contains(&id)
    }
}

/// A filter and a map extent the analyst named, to come back to.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct SavedView {
    pub name: String,
    pub filter: Filter,
    pub map: Option<walkers::MapMemory>,
}

/// What the window remembers between sessions besides the map.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct WorkspaceSettings {
    pub view: View,
    /// The filter in force when the window closed.
    pub filter: Filter,
    pub saved_views: Vec<SavedView>,
    /// An encrypted database locks after this many minutes without a key
    /// or a click (0: never).
    pub lock_after_minutes: u32,
}

/// Idle minutes before an encrypted database locks, until the analyst
/// changes it.
pub const LOCK_AFTER_MINUTES: u32 = 15;

impl Default for WorkspaceSettings {
    fn default() -> Self {
        WorkspaceSettings {
            view: View::default(),
            filter: Filter::default(),
            saved_views: Vec::new(),
            lock_after_minutes: LOCK_AFTER_MINUTES,
        }
    }
}

/// A workspace being read from the store on a worker thread.
struct Loading {
    /// First how many incidents there are (the trash included), then the
    /// workspace.
    receiver: std::sync::mpsc::Receiver<LoadingNews>,
    started: std::time::Instant,
    path: Option<PathBuf>,
    incidents: Option<u64>,
    /// Records read so far.
    read: Arc<AtomicUsize>,
    /// What was selected before a reload, selected again if still there.
    selection: Option<(Option<Uuid>, BTreeSet<Uuid>)>,
    /// The draft an encrypted database keeps for the form (`Some` only
    /// when the database was opened, not read again, and is encrypted).
    kept_draft: Option<Option<String>>,
}

enum LoadingNews {
    Count(u64),
    /// The form's draft kept in an encrypted database.
    Draft(Option<String>),
    Done(Box<Result<Workspace>>),
}

impl Loading {
    fn start(store: Store) -> Loading {
        Loading::start_with(store.path().map(PathBuf::from), true, move || Ok(store))
    }

    /// Opens the encrypted database at `path` (its passphrase just given)
    /// and reads it, on the worker: the key derivation takes a while.
    fn unlock(path: PathBuf) -> Loading {
        let opening = path.clone();
        Loading::start_with(Some(path), true, move || Ok(Store::open(&opening)?))
    }

    /// Reads `workspace`'s database again: the old records are let go
    /// on the worker thread too, which at a million takes a while.
    fn reload(workspace: Workspace) -> Loading {
        let selection = Some((workspace.selected, workspace.selection.clone()));
        let path = workspace.store.path().map(PathBuf::from);
        let mut loading = Loading::start_with(path, false, move || {
            let Workspace { store, .. } = workspace;
            Ok(store)
        });
        loading.selection = selection;
        loading
    }

    fn start_with(
        path: Option<PathBuf>,
        opening: bool,
        store: impl FnOnce() -> Result<Store> + Send + 'static,
    ) -> Loading {
        let (send, receiver) = std::sync::mpsc::channel();
        let read = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&read);
        std::thread::spawn(move || {
            let store = match store() {
                Ok(store) => store,
                Err(e) => {
                    let _ = send.send(LoadingNews::Done(Box::new(Err(e))));
                    return;
                }
            };
            if opening && store.is_encrypted() {
                let kept = store.setting(lock::DRAFT_SETTING).ok().flatten();
                let _ = send.send(LoadingNews::Draft(kept));
            }
            if let Ok(count) = store.incident_rows() {
                let _ = send.send(LoadingNews::Count(count));
            }
            let loaded = Workspace::load_counting(store, &counter);
            let _ = send.send(LoadingNews::Done(Box::new(loaded)));
        });
        Loading {
            receiver,
            started: std::time::Instant::now(),
            path,
            incidents: None,
            read,
            selection: None,
            kept_draft: None,
        }
    }

    /// The workspace, once it has arrived.
    fn poll(&mut self) -> Option<Result<Workspace>> {
        loop {
            match self.receiver.try_recv() {
                Ok(LoadingNews::Count(n)) => self.incidents = Some(n),
                Ok(LoadingNews::Draft(kept)) => self.kept_draft = Some(kept),
                Ok(LoadingNews::Done(loaded)) => return Some(*loaded),
                Err(std::sync::mpsc::TryRecvError::Empty) => return None,
                Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                    return Some(Err(anyhow::anyhow!(
                        "reading the database stopped unexpectedly; nothing was changed"
                    )));
                }
            }
        }
    }

    /// A progress bar rather than a spinner: a spinner repaints every
    /// frame, and the frames would take a core from the loading.
    fn ui(&self, ui: &mut egui::Ui) {
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_millis(250));
        egui::CentralPanel::default().show(ui, |ui| {
            ui.vertical_centered(|ui| {
                ui.add_space(ui.available_height() / 3.0);
                let read = self.read.load(Ordering::Relaxed) as u64;
                let what = match self.incidents {
                    Some(n) if read >= n => "Preparing the map and the filters…".to_string(),
                    Some(n) => format!("Loading {n} incidents…"),
                    None => "Opening the database…".to_string(),
                };
                ui.heading(what);
                ui.add_space(8.0);
                let fraction = self
                    .incidents
                    .filter(|n| *n > 0)
                    .map_or(0.0, |n| read.min(n) as f32 / n as f32);
                ui.add(
                    egui::ProgressBar::new(fraction)
                        .desired_width(320.0)
                        .show_percentage(),
                );
                ui.add_space(8.0);
                if let Some(path) = &self.path {
                    ui.label(path.display().to_string());
                }
                ui.label(format!(
                    "{:.0} s",
                    self.started.elapsed().as_secs_f64().floor()
                ));
            });
        });
    }
}

/// The top-level eframe application.
pub struct PanjApp {
    state: Result<Workspace, String>,
    /// The workspace still being read on a worker thread; `state` is
    /// only set once it arrives.
    loading: Option<Loading>,
    /// The filter the last session ended with, applied once the
    /// workspace is loaded.
    remembered_filter: Filter,
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
    about_open: bool,
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
    /// The last key press or pointer movement, for the idle lock.
    last_input: std::time::Instant,
    /// The Arabic-script font was given to the context.
    fonts_installed: bool,
}

/// Bundles are written and read on a worker thread with its own
/// connection; the outcome is shown in a window until dismissed.
#[derive(Default)]
struct TeamWork {
    running: Option<(String, std::sync::mpsc::Receiver<Result<TeamDone, String>>)>,
    outcome: Option<Result<String, String>>,
    /// The work changed the database: the workspace must be read again.
    reload: bool,
}

/// What finished team work says, and whether it changed the database.
struct TeamDone {
    said: String,
    changed: bool,
}

impl TeamWork {
    /// Runs `work` on a store of its own over `db`, signed by `analyst`.
    fn start(
        &mut self,
        what: String,
        db: PathBuf,
        analyst: String,
        work: impl FnOnce(&mut Store) -> Result<TeamDone> + Send + 'static,
    ) {
        let (send, receive) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let outcome = Store::open(&db)
                .map_err(anyhow::Error::from)
                .and_then(|mut store| {
                    store.sign_as(&analyst);
                    work(&mut store)
                })
                .map_err(|e| format!("{e:#}"));
            let _ = send.send(outcome);
        });
        self.running = Some((what, receive));
        self.outcome = None;
    }

    /// Whether the work has just finished (then the outcome is kept).
    fn finished(&mut self) -> bool {
        let Some((_, receive)) = &self.running else {
            return false;
        };
        match receive.try_recv() {
            Ok(outcome) => {
                self.reload = outcome.as_ref().is_ok_and(|done| done.changed);
                self.outcome = Some(outcome.map(|done| done.said));
                self.running = None;
                true
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => false,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                self.outcome = Some(Err("the bundle work stopped unexpectedly".into()));
                self.running = None;
                true
            }
        }
    }

    fn ui(&mut self, ctx: &egui::Context) {
        if let Some((what, _)) = &self.running {
            ctx.request_repaint_after(std::time::Duration::from_millis(200));
            egui::Window::new("Team")
                .collapsible(false)
                .show(ctx, |ui| {
                    ui.horizontal(|ui| {
                        ui.spinner();
                        ui.label(what.as_str());
                    });
                });
            return;
        }
        let mut open = self.outcome.is_some();
        if let Some(outcome) = &self.outcome {
            egui::Window::new("Team")
                .collapsible(false)
                .open(&mut open)
                .show(ctx, |ui| match outcome {
                    Ok(text) => {
                        ui.label(text.as_str());
                    }
                    Err(e) => {
                        ui.colored_label(ui.visuals().error_fg_color, e.as_str());
                    }
                });
        }
        if !open {
            self.outcome = None;
        }
    }
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

    /// The app with its workspace loaded before it returns (tests, benchmarks).
    pub fn with_settings(
        opened: Result<Store>,
        map: MapSettings,
        settings: WorkspaceSettings,
        tile_cache: Option<PathBuf>,
    ) -> Self {
        let state = opened.and_then(Workspace::load);
        let mut app = PanjApp::empty(map, settings, tile_cache);
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
            Ok(store) => app.loading = Some(Loading::start(store)),
            Err(e) => app.arrived(Err(e)),
        }
        app
    }

    /// Takes the loaded workspace (or why it could not be loaded) and
    /// applies the remembered filter to it.
    fn arrived(&mut self, loaded: Result<Workspace>) {
        let (selection, kept_draft) = self
            .loading
            .take()
            .map_or((None, None), |l| (l.selection, l.kept_draft));
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
            && let Some(path) = workspace.store.path()
        {
            // An encrypted database keeps the form's draft itself; one
            // opened by its passphrase in the window gets its daily
            // backup now (`run` could not open it).
            if !workspace.store.is_read_only() {
                crate::cli::daily_backup_in_background(path.to_path_buf());
            }
            let keeper = lock::DatabaseDraft::start(path.to_path_buf());
            self.form = IncidentForm::with_keeper(Box::new(keeper), kept.as_deref());
        }
        self.last_input = std::time::Instant::now();
        self.state = loaded
            .map(|mut w| {
                if self.remembered_filter != Filter::default() {
                    w.set_filter(self.remembered_filter.clone());
                }
                if let Some((selected, selection)) = selection {
                    let shown: std::collections::HashSet<Uuid> =
                        w.incidents.iter().map(|i| i.id).collect();
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
                self.loading = Some(Loading::reload(workspace));
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

    fn empty(map: MapSettings, settings: WorkspaceSettings, tile_cache: Option<PathBuf>) -> Self {
        PanjApp {
            state: Err("the database is still being read".into()),
            loading: None,
            remembered_filter: settings.filter,
            reload_in_background_from: 50_000,
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
            about_open: false,
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
            saved_views: self.saved_views.clone(),
            lock_after_minutes: self.lock_after_minutes,
        }
    }

    /// Carries out one command.
    pub fn apply(&mut self, command: Command) {
        match command {
            Command::Lock => return self.lock_now(),
            Command::SetLockAfter(minutes) => {
                self.lock_after_minutes = minutes;
                return;
            }
            _ => {}
        }
        if matches!(command, Command::Reload) {
            if let Err(e) = self.reload() {
                self.error = Some(format!("{e:#}"));
            }
            return;
        }
        let Ok(workspace) = &mut self.state else {
            return;
        };
        // A write that succeeds makes an earlier failure's message stale.
        let is_write = matches!(
            command,
            Command::Delete(_)
                | Command::Restore(_)
                | Command::Duplicate(_)
                | Command::SaveIncident(_)
                | Command::Undo
                | Command::Redo
                | Command::Resolve { .. }
        );
        let deleting = matches!(command, Command::Delete(_));
        let result: Result<()> = match command {
            Command::Select(id) => {
                workspace.selected = id;
                workspace.selection = id.into_iter().collect();
                Ok(())
            }
            Command::SelectMany(ids) => {
                workspace.selected = ids.first().copied();
                workspace.selection = ids.into_iter().collect();
                Ok(())
            }
            Command::SetFilter(filter) => {
                workspace.set_filter(*filter);
                Ok(())
            }
            Command::SetArea(area) => {
                let filter = Filter {
                    bbox: area,
                    ..workspace.filter.clone()
                };
                workspace.set_filter(filter);
                Ok(())
            }
            Command::SetNearBorder(km) => {
                let filter = Filter {
                    max_border_km: km,
                    ..workspace.filter.clone()
                };
                workspace.set_filter(filter);
                Ok(())
            }
            Command::Delete(id) => delete(workspace, id).map(|stored| {
                self.deleted_notice = Some(format!("Moved '{}' to the trash.", stored.title));
                self.undo.record(Change::Deleted { stored });
            }),
            Command::Restore(id) => restore(workspace, id),
            Command::Duplicate(id) => {
                if let Some(incident) = workspace.incident(id).cloned() {
                    self.form.open_copy(&incident, workspace);
                }
                Ok(())
            }
            Command::NewIncident => {
                self.form.open_new(jiff::Zoned::now().date());
                Ok(())
            }
            Command::NewFromText => {
                self.from_text.show();
                Ok(())
            }
            Command::OpenProposed(incident) => {
                self.form.open_proposed(&incident, workspace);
                Ok(())
            }
            Command::EditIncident(id) => {
                if let Some(incident) = workspace.incident(id).cloned() {
                    self.form.open_edit(&incident, workspace);
                }
                Ok(())
            }
            Command::SaveIncident(saving) => {
                match save(workspace, *saving) {
                    Ok(change) => {
                        let id = change.id();
                        self.undo.record(change);
                        self.form.saved();
                        workspace.selected = Some(id);
                        workspace.selection = [id].into();
                    }
                    Err(e) => self.form.save_failed(format!("{e:#}")),
                }
                Ok(())
            }
            Command::PlacePin { lon, lat } => {
                self.form.place_at(lon, lat);
                Ok(())
            }
            Command::Undo => undo_or_redo(workspace, &mut self.undo, true),
            Command::Redo => undo_or_redo(workspace, &mut self.undo, false),
            Command::ShowView(view) => {
                self.view = view;
                Ok(())
            }
            Command::FitMap => {
                self.view = View::Map;
                self.map.fit_to_selection(workspace);
                Ok(())
            }
            // Handled above: they may hand the workspace to a worker
            // thread, or drop it.
            Command::Reload | Command::Lock | Command::SetLockAfter(_) => Ok(()),
            Command::OpenImport(path) => {
                self.import.open_file(path.as_deref());
                Ok(())
            }
            Command::OpenExport => {
                self.export.open = true;
                Ok(())
            }
            Command::ShowConflicts(only) => {
                workspace.show_only_conflicts(only);
                Ok(())
            }
            Command::OpenConflict(id) => (|| {
                let conflict = workspace
                    .store
                    .conflict(id)?
                    .ok_or_else(|| anyhow::anyhow!("that incident has no conflict any more"))?;
                let shown = workspace.store.shown_version(id)?;
                self.conflict_view.open(id, conflict, shown);
                Ok(())
            })(),
            Command::Resolve { id, heads, record } => workspace
                .store
                .resolve(id, &heads, &record)
                .map_err(anyhow::Error::from)
                .and_then(|_| {
                    self.conflict_view.close();
                    workspace.refresh_incident(id)?;
                    workspace.selected = Some(id);
                    workspace.selection = [id].into();
                    Ok(())
                }),
            Command::SetAnalyst(name) => workspace
                .store
                .set_analyst(&name)
                .map_err(anyhow::Error::from)
                .and_then(|()| {
                    workspace.analyst = workspace.store.analyst()?;
                    Ok(())
                }),
            Command::WriteBundle(out) => {
                bundle_work(workspace, &mut self.team, out, true);
                Ok(())
            }
            Command::ReadBundle(path) => {
                bundle_work(workspace, &mut self.team, path, false);
                Ok(())
            }
            Command::ShowServer => {
                self.server.open = true;
                Ok(())
            }
            Command::SyncServer { url, password } => {
                let what = format!("Syncing with {}…", url.trim());
                team_work(workspace, &mut self.team, what, move |store| {
                    let address =
                        crate::server::ServerAddress::parse(&url)?.with_password(&password);
                    let synced = crate::server::sync(store, &address)?;
                    Ok(TeamDone {
                        said: synced.to_string(),
                        // The last sync's time is shown, so read it back too.
                        changed: true,
                    })
                });
                Ok(())
            }
        };
        if is_write && !deleting {
            self.deleted_notice = None;
        }
        match result {
            Ok(()) if is_write => self.error = None,
            Ok(()) => {}
            Err(e) => self.error = Some(format!("{e:#}")),
        }
    }

    /// Shortcuts that work wherever the focus is, except in text fields for
    /// the unmodified ones.
    /// Starts drawing the map picture the Export window asked for, on a
    /// worker; the map must have been shown once, so it is, for a frame.
    fn take_picture(&mut self, ctx: &egui::Context) {
        let Ok(workspace) = &self.state else {
            return;
        };
        let Some((path, width)) = self.export.png_request.clone() else {
            return;
        };
        let caption = crate::ui::export_dialog::caption(workspace);
        let Some(picture) = self.map.picture(workspace, caption) else {
            self.view = View::Map;
            ctx.request_repaint();
            return;
        };
        self.export.png_request = None;
        let (send, receive) = std::sync::mpsc::channel();
        self.export.picture = Some(receive);
        let count = workspace.incidents.len();
        let filter = workspace.filter.clone();
        let db = workspace.store.path().map(PathBuf::from);
        let repaint = ctx.clone();
        std::thread::spawn(move || {
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
        let Some((path, options, format)) = self.export.report_request.take() else {
            return;
        };
        let words = crate::ui::filter_panel::describe(&workspace.filter, &workspace.actors);
        let map = self.map.picture(workspace, String::new());
        let prepared = report::PreparedReport::new(workspace, &words, options, map);
        let (send, receive) = std::sync::mpsc::channel();
        self.export.picture = Some(receive);
        let db = workspace.store.path().map(PathBuf::from);
        let repaint = ctx.clone();
        std::thread::spawn(move || {
            let outcome = prepared
                .write(db.as_deref(), &path, format)
                .map(|written| {
                    format!(
                        "Wrote the report of {} incidents to {} (manifest {}).",
                        written.count,
                        written.path.display(),
                        written.manifest.display()
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
        let Ok(version) = workspace.store.data_version() else {
            return;
        };
        if let Some((_, seen)) = self.outside_writes
            && seen != version
        {
            commands.push(Command::Reload);
        }
        self.outside_writes = Some((now, version));
    }

    fn shortcuts(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        if ctx.input_mut(|i| i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::I)))
        {
            commands.push(Command::OpenImport(None));
        }
        if ctx.input_mut(|i| i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::E)))
        {
            commands.push(Command::OpenExport);
        }
        use egui::{Key, KeyboardShortcut, Modifiers};
        let views = [Key::Num1, Key::Num2, Key::Num3, Key::Num4];
        for (key, view) in views.into_iter().zip(View::ALL) {
            if ctx
                .input_mut(|i| i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, key)))
            {
                commands.push(Command::ShowView(view));
            }
        }
        if ctx.input_mut(|i| i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::F)))
        {
            self.filters.focus_search();
        }
        if ctx.input_mut(|i| i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::L)))
        {
            commands.push(Command::Lock);
        }
        let from_text = KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, Key::N);
        if ctx.input_mut(|i| i.consume_shortcut(&from_text)) {
            commands.push(Command::NewFromText);
        }
        if ctx.input_mut(|i| i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::N)))
        {
            commands.push(Command::NewIncident);
        }
        // In a text field Ctrl+Z undoes typing, as everywhere.
        let typing = ctx.memory(|m| m.focused().is_some());
        let redo = KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
        if !typing
            && ctx.input_mut(|i| {
                i.consume_shortcut(&redo)
                    || i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::Y))
            })
        {
            commands.push(Command::Redo);
        }
        if !typing
            && ctx.input_mut(|i| {
                i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::Z))
            })
        {
            commands.push(Command::Undo);
        }
        if !typing
            && !self.form.is_open()
            && !ctx.any_popup_open()
            && ctx.input(|i| i.key_pressed(Key::Escape))
            && self.workspace().is_some_and(|w| w.selected.is_some())
        {
            commands.push(Command::Select(None));
        }
        if !typing
            && self.view != View::Map
            && ctx.input(|i| i.key_pressed(Key::F) && i.modifiers.is_none())
        {
            commands.push(Command::FitMap);
        }
    }

    /// Draws one frame; `eframe::App::ui` and UI tests both call this.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        if !self.fonts_installed {
            // Dari and Pashto letters, from the next frame on.
            crate::ui::fonts::install(ui.ctx());
            self.fonts_installed = true;
        }
        if let Some(loading) = &mut self.loading {
            match loading.poll() {
                Some(loaded) => self.arrived(loaded),
                None => {
                    loading.ui(ui);
                    return;
                }
            }
        }
        if let Some(screen) = &mut self.lock {
            if let Some(lock::LockAction::Unlock(passphrase)) = screen.ui(ui) {
                crate::store::secret::remember(&screen.path, passphrase);
                self.loading = Some(Loading::unlock(screen.path.clone()));
                self.lock = None;
                ui.ctx().request_repaint();
            }
            return;
        }
        self.lock_when_idle(ui.ctx());
        let workspace = match &mut self.state {
            Ok(workspace) => workspace,
            Err(message) => {
                egui::CentralPanel::default().show(ui, |ui| {
                    ui.vertical_centered(|ui| {
                        ui.add_space(ui.available_height() / 3.0);
                        ui.heading("panj could not open its database");
                        ui.add_space(8.0);
                        ui.label(message.as_str());
                        ui.add_space(8.0);
                        ui.label("Choose another file with --db PATH or the PANJ_DB variable.");
                    });
                });
                return;
            }
        };
        let mut commands = Vec::new();
        if ui.ctx().input(|i| i.viewport().close_requested())
            && self.form.is_dirty()
            && !self.close_confirmed
        {
            ui.ctx()
                .send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.confirm_close = true;
        }
        egui::Panel::top("toolbar").show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.strong("panj");
                ui.separator();
                for (n, view) in View::ALL.into_iter().enumerate() {
                    if ui
                        .selectable_label(self.view == view, view.label())
                        .on_hover_text(format!("Ctrl+{}", n + 1))
                        .clicked()
                    {
                        commands.push(Command::ShowView(view));
                    }
                }
                let trash = workspace.filter.trash;
                if ui
                    .selectable_label(trash, format!("Trash ({})", workspace.in_trash))
                    .on_hover_text(if trash {
                        "Back to the live incidents"
                    } else {
                        "The deleted incidents: select one and Restore it"
                    })
                    .clicked()
                {
                    commands.push(Command::SetFilter(Box::new(Filter {
                        trash: !trash,
                        ..workspace.filter.clone()
                    })));
                }
                ui.separator();
                if ui
                    .add_enabled(
                        !workspace.store.is_read_only(),
                        egui::Button::new("New incident"),
                    )
                    .on_hover_text("Ctrl+N")
                    .clicked()
                {
                    commands.push(Command::NewIncident);
                }
                if ui
                    .add_enabled(
                        !workspace.store.is_read_only(),
                        egui::Button::new("From text…"),
                    )
                    .on_hover_text(
                        "Paste a report or communiqué; panj proposes the incidents it tells (Ctrl+Shift+N)",
                    )
                    .clicked()
                {
                    commands.push(Command::NewFromText);
                }
                if ui
                    .add_enabled(
                        !workspace.store.is_read_only(),
                        egui::Button::new("Import…"),
                    )
                    .on_hover_text("Import ACLED, UCDP GED or panj files (Ctrl+I)")
                    .clicked()
                {
                    commands.push(Command::OpenImport(None));
                }
                if ui
                    .button("Export…")
                    .on_hover_text("CSV, GeoJSON, GeoPackage or a picture of the map (Ctrl+E)")
                    .clicked()
                {
                    commands.push(Command::OpenExport);
                }
                team_menu(ui, workspace, self.lock_after_minutes, &mut commands);
                ui.separator();
                saved_views_menu(
                    ui,
                    &mut self.saved_views,
                    &mut self.new_view_name,
                    &mut self.saved_view_notice,
                    &workspace.filter,
                    &mut self.map,
                    &mut commands,
                );
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui.button("About").clicked() {
                        self.about_open = true;
                    }
                    theme_menu(ui);
                });
            });
            self.form.recovered_banner(ui);
            if workspace.analyst.is_empty()
                && !workspace.store.is_read_only()
                && !self.analyst_later
            {
                self.analyst_later = analyst_bar(ui, &mut self.analyst_name, &mut commands);
            }
            if self.confirm_close {
                ui.horizontal(|ui| {
                    ui.colored_label(
                        ui.visuals().warn_fg_color,
                        "The incident form has unsaved changes.",
                    );
                    if ui.button("Keep editing").clicked() {
                        self.confirm_close = false;
                    }
                    if ui
                        .button("Close, keep the draft")
                        .on_hover_text("The draft is offered back the next time panj starts")
                        .clicked()
                    {
                        self.close_confirmed = true;
                        ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                    }
                    if ui.button("Discard the draft and close").clicked() {
                        self.form.close();
                        self.close_confirmed = true;
                        ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                    }
                });
            }
            // One row of fixed height, always there, scrolling sideways when
            // long: a filter change, Play or an import never moves the map
            // and the timeline below it.
            egui::ScrollArea::horizontal()
                .id_salt("chips")
                .max_height(ui.spacing().interact_size.y + 4.0)
                .show(ui, |ui| {
                    ui.horizontal(|ui| {
                        ui.set_min_height(ui.spacing().interact_size.y + 2.0);
                        crate::ui::filter_panel::chips(ui, workspace, &mut commands);
                    });
                });
        });
        egui::Panel::bottom("status").show(ui, |ui| {
            ui.horizontal(|ui| {
                let path = workspace
                    .store
                    .path()
                    .map(|p| p.display().to_string())
                    .unwrap_or_else(|| "in memory".into());
                ui.label(count_label(workspace));
                ui.separator();
                if let Some(change) = self.undo.next_undo() {
                    if ui
                        .small_button("Undo")
                        .on_hover_text(format!("Undo {} (Ctrl+Z)", change.describe()))
                        .clicked()
                    {
                        commands.push(Command::Undo);
                    }
                    ui.label(egui::RichText::new(format!("Last: {}", change.describe())).weak());
                    ui.separator();
                }
                if let Some(change) = self.undo.next_redo()
                    && ui
                        .small_button("Redo")
                        .on_hover_text(format!("Redo {} (Ctrl+Shift+Z)", change.describe()))
                        .clicked()
                {
                    commands.push(Command::Redo);
                }
                ui.label(path);
                if workspace.store.is_read_only() {
                    ui.separator();
                    ui.colored_label(
                        ui.visuals().warn_fg_color,
                        "read-only: changes cannot be saved",
                    );
                }
                if let Some(error) = self.error.clone() {
                    ui.separator();
                    if ui.small_button("×").on_hover_text("Dismiss").clicked() {
                        self.error = None;
                    }
                    // Cut to the bar's width; the whole message on hover.
                    ui.add(
                        egui::Label::new(
                            egui::RichText::new(error.as_str()).color(ui.visuals().error_fg_color),
                        )
                        .truncate(),
                    )
                    .on_hover_text(error);
                }
            });
        });
        egui::Panel::left("filters")
            .resizable(true)
            .default_size(270.0)
            .min_size(200.0)
            .show(ui, |ui| {
                self.filters.ui(ui, workspace, &mut commands);
            });
        if self.form.is_open() {
            egui::Panel::right("incident_form")
                .resizable(true)
                .default_size(430.0)
                .min_size(360.0)
                .show(ui, |ui| {
                    self.form.ui(ui, workspace, &mut commands);
                });
        } else if let Some(incident) = workspace
            .selected
            .and_then(|id| workspace.incident(id))
            .cloned()
        {
            egui::Panel::right("incident_details")
                .resizable(true)
                .default_size(340.0)
                .show(ui, |ui| {
                    self.details.ui(ui, &incident, workspace, &mut commands);
                });
        }
        match self.view {
            View::Map | View::Timeline => {
                egui::Panel::bottom("incident_table")
                    .resizable(true)
                    .default_size(if self.view == View::Map { 170.0 } else { 260.0 })
                    .min_size(80.0)
                    .show(ui, |ui| {
                        // Filling the panel: fewer rows must not shrink it
                        // and move the timeline and map above.
                        ui.set_min_height(ui.available_height());
                        self.list.ui(ui, workspace, &mut commands);
                    });
            }
            View::Table | View::Statistics => {}
        }
        if self.view == View::Map {
            egui::Panel::bottom("timeline_strip")
                .resizable(true)
                .default_size(120.0)
                .min_size(70.0)
                .show(ui, |ui| {
                    ui.set_min_height(ui.available_height());
                    self.timeline.ui(ui, workspace, &mut commands);
                });
        }
        let frame = if self.view == View::Map {
            egui::Frame::NONE
        } else {
            egui::Frame::central_panel(ui.style())
        };
        egui::CentralPanel::default()
            .frame(frame)
            .show(ui, |ui| match self.view {
                View::Map => {
                    self.map.pin = self.form.pin();
                    self.map.picking = self.form.picking_on_map();
                    self.map.ui(ui, workspace, &mut commands)
                }
                View::Table => self.list.ui(ui, workspace, &mut commands),
                View::Timeline => self.timeline.ui(ui, workspace, &mut commands),
                View::Statistics => self.statistics.ui(ui, workspace),
            });
        if let Some(notice) = self.deleted_notice.clone() {
            deleted_notice(ui.ctx(), &notice, &mut self.deleted_notice, &mut commands);
        }
        crate::ui::about::window(ui.ctx(), &mut self.about_open);
        self.conflict_view.ui(ui.ctx(), &mut commands);
        if self.team.finished() && std::mem::take(&mut self.team.reload) {
            commands.push(Command::Reload);
        }
        self.team.ui(ui.ctx());
        self.server.ui(
            ui.ctx(),
            workspace,
            self.team.running.is_some(),
            &mut commands,
        );
        self.import.ui(
            ui.ctx(),
            workspace.store.path(),
            &workspace.actors,
            &mut commands,
        );
        self.export.ui(ui.ctx(), workspace);
        self.from_text.ui(ui.ctx(), workspace, &mut commands);
        self.take_picture(ui.ctx());
        self.write_report(ui.ctx());
        self.notice_outside_writes(ui.ctx(), &mut commands);
        self.shortcuts(ui.ctx(), &mut commands);
        for command in commands {
            self.apply(command);
        }
    }
}

/// Writes or reads a bundle: on a worker with its own connection for a
/// database file, at once for one in memory (tests).
fn bundle_work(workspace: &mut Workspace, team: &mut TeamWork, file: PathBuf, write: bool) {
    let describe = move |store: &mut Store, file: &std::path::Path| -> Result<TeamDone> {
        Ok(if write {
            TeamDone {
                said: store.write_bundle(file, None)?.to_string(),
                changed: false,
            }
        } else {
            TeamDone {
                said: format!("Read {}: {}", file.display(), store.read_bundle(file)?),
                changed: true,
            }
        })
    };
    let what = if write {
        format!("Writing the bundle {}…", file.display())
    } else {
        format!("Reading the bundle {}…", file.display())
    };
    team_work(workspace, team, what, move |store| describe(store, &file));
}

/// Runs team work: on a worker with its own connection for a database
/// file, at once for one in memory (tests).
fn team_work(
    workspace: &mut Workspace,
    team: &mut TeamWork,
    what: String,
    work: impl FnOnce(&mut Store) -> Result<TeamDone> + Send + 'static,
) {
    match workspace.store.path().map(PathBuf::from) {
        Some(db) => team.start(what, db, workspace.analyst.clone(), work),
        None => {
            let (send, receive) = std::sync::mpsc::channel();
            let _ = send.send(work(&mut workspace.store).map_err(|e| format!("{e:#}")));
            team.running = Some((what, receive));
        }
    }
}

/// "3 of 3 incidents", or "Trash: 1 of 1 incident".
pub fn count_label(workspace: &Workspace) -> String {
    let (n, m) = (workspace.incidents.len(), workspace.facets.total);
    let noun = if m == 1 { "incident" } else { "incidents" };
    let trash = if workspace.filter.trash {
        "Trash: "
    } else {
        ""
    };
    format!("{trash}{n} of {m} {noun}")
}

fn delete(workspace: &mut Workspace, id: Uuid) -> Result<Incident> {
    let incident = workspace
        .incident(id)
        .cloned()
        .ok_or_else(|| anyhow::anyhow!("the incident is no longer loaded"))?;
    let stored = workspace.store.delete_incident(id, incident.version)?;
    workspace.refresh_incident(id)?;
    Ok(stored)
}

fn restore(workspace: &mut Workspace, id: Uuid) -> Result<()> {
    let incident = workspace
        .store
        .incident(id)?
        .ok_or_else(|| anyhow::anyhow!("the incident is gone from the database"))?;
    workspace.store.restore_incident(id, incident.version)?;
    workspace.refresh_incident(id)?;
    workspace.selected = Some(id);
    workspace.selection = [id].into();
    Ok(())
}

/// Stores the form's record with the actors and sources made in it, in
/// one transaction; the change, for undo.
fn save(workspace: &mut Workspace, saving: Saving) -> Result<Change> {
    let Saving {
        is_new,
        incident,
        new_actors,
        new_sources,
    } = saving;
    let before = if is_new {
        None
    } else {
        Some(
            workspace
                .store
                .incident(incident.id)?
                .ok_or_else(|| anyhow::anyhow!("the incident is gone from the database"))?,
        )
    };
    let stored = workspace.store.write("the incident", |w| {
        for actor in &new_actors {
            w.upsert_actor(actor)?;
        }
        for source in &new_sources {
            w.upsert_source(source)?;
        }
        if is_new {
            w.insert_incident(&incident)?;
            Ok(incident.clone())
        } else {
            w.update_incident(&incident)
        }
    })?;
    let stored = workspace.store.incident(stored.id)?.unwrap_or(stored);
    workspace.refresh_incident(stored.id)?;
    Ok(match before {
        None => Change::Inserted { stored },
        Some(other) => Change::Updated {
            stored,
            other: Box::new(other),
        },
    })
}

fn undo_or_redo(workspace: &mut Workspace, stack: &mut UndoStack, undo: bool) -> Result<()> {
    let touched = if undo {
        stack.undo(&mut workspace.store)
    } else {
        stack.redo(&mut workspace.store)
    };
    let reloaded = match &touched {
        Ok(Some(id)) => workspace.refresh_incident(*id),
        _ => workspace.reload(),
    };
    let id = touched?;
    reloaded?;
    if let Some(id) = id
        && workspace.incidents.iter().any(|i| i.id == id)
    {
        workspace.selected = Some(id);
        workspace.selection = [id].into();
    }
    Ok(())
}

/// "Moved 'title' to the trash. Undo · Show the trash · ×", over the top
/// of the map where the eye is after Delete.
fn deleted_notice(
    ctx: &egui::Context,
    notice: &str,
    shown: &mut Option<String>,
    commands: &mut Vec<Command>,
) {
    egui::Area::new(egui::Id::unique("deleted_notice"))
        .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 70.0))
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.label(notice);
                    if ui.button("Undo").on_hover_text("Ctrl+Z").clicked() {
                        commands.push(Command::Undo);
                        *shown = None;
                    }
                    if ui.button("Show the trash").clicked() {
                        *shown = None;
                        commands.push(Command::SetFilter(Box::new(Filter {
                            trash: true,
                            ..Filter::default()
                        })));
                    }
                    if ui.small_button("×").on_hover_text("Dismiss").clicked() {
                        *shown = None;
                    }
                });
            });
        });
}

/// Team ▸ Write bundle… / Read bundle… / Conflicts.
fn team_menu(
    ui: &mut egui::Ui,
    workspace: &Workspace,
    lock_after_minutes: u32,
    commands: &mut Vec<Command>,
) {
    let conflicts = workspace.conflicts.len();
    let label = if conflicts > 0 {
        format!(
            "Team ({conflicts} conflict{})",
            if conflicts == 1 { "" } else { "s" }
        )
    } else {
        "Team".to_string()
    };
    ui.menu_button(label, |ui| {
        if ui
            .button("Write bundle…")
            .on_hover_text("Every version of this database in one file, to pass to your team")
            .clicked()
        {
            ui.close();
            if let Some(path) = rfd::FileDialog::new()
                .add_filter("panj bundle", &["panjb"])
                .set_file_name("team.panjb")
                .save_file()
            {
                commands.push(Command::WriteBundle(path));
            }
        }
        if ui
            .add_enabled(
                !workspace.store.is_read_only(),
                egui::Button::new("Read bundle…"),
            )
            .on_hover_text("Add the versions a team member's bundle holds and merge them")
            .clicked()
        {
            ui.close();
            if let Some(path) = rfd::FileDialog::new()
                .add_filter("panj bundle", &["panjb"])
                .pick_file()
            {
                commands.push(Command::ReadBundle(path));
            }
        }
        if ui
            .button("Server…")
            .on_hover_text("Sync with your team's PostgreSQL server instead of passing bundles")
            .clicked()
        {
            ui.close();
            commands.push(Command::ShowServer);
        }
        ui.separator();
        if ui
            .add_enabled(
                conflicts > 0,
                egui::Button::new(format!("Show the conflicts ({conflicts})")),
            )
            .clicked()
        {
            ui.close();
            commands.push(Command::ShowConflicts(true));
        }
        ui.separator();
        lock::lock_menu_items(ui, workspace, lock_after_minutes, commands);
    });
}

/// Asks once for the name that signs the analyst's versions; whether the
/// analyst said "Not now".
fn analyst_bar(ui: &mut egui::Ui, name: &mut String, commands: &mut Vec<Command>) -> bool {
    ui.horizontal(|ui| {
        let label = ui.label("Your name, shown to your team beside your changes:");
        let field = ui
            .add(egui::TextEdit::singleline(name).desired_width(160.0))
            .labelled_by(label.id);
        let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let clicked = ui
            .add_enabled(!name.trim().is_empty(), egui::Button::new("Save name"))
            .clicked();
        if (entered || clicked) && !name.trim().is_empty() {
            commands.push(Command::SetAnalyst(name.trim().to_string()));
        }
        ui.small_button("Not now")
            .on_hover_text("Your changes are signed without a name until you give one")
            .clicked()
    })
    .inner
}

/// Light, dark or the system's.
fn theme_menu(ui: &mut egui::Ui) {
    let mut preference = ui.ctx().options(|o| o.theme_preference);
    // The menu's ticks say which; the toolbar has no room to at 1024 px.
    ui.menu_button("Theme", |ui| {
        ui.radio_value(
            &mut preference,
            egui::ThemePreference::System,
            "Follow the system",
        );
        ui.radio_value(&mut preference, egui::ThemePreference::Dark, "Dark");
        ui.radio_value(&mut preference, egui::ThemePreference::Light, "Light");
    });
    if preference != ui.ctx().options(|o| o.theme_preference) {
        ui.ctx().set_theme(preference);
    }
}

/// The saved-views menu: apply, save the current one, delete.
fn saved_views_menu(
    ui: &mut egui::Ui,
    saved: &mut Vec<SavedView>,
    new_name: &mut String,
    notice: &mut Option<String>,
    filter: &Filter,
    map: &mut MapPanel,
    commands: &mut Vec<Command>,
) {
    // Closed by a click outside or on a view, not by a click into the name
    // field (the default would close the menu before a name is typed).
    let config = egui::containers::menu::MenuConfig::new()
        .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside);
    egui::containers::menu::MenuButton::new("Saved views")
        .config(config)
        .ui(ui, |ui| {
            if saved.is_empty() {
                ui.label(egui::RichText::new("No saved views yet.").italics());
            }
            let mut remove = None;
            for (n, view) in saved.iter().enumerate() {
                ui.horizontal(|ui| {
                    if ui
                        .button(&view.name)
                        .on_hover_text("Apply this filter and map extent")
                        .clicked()
                    {
                        commands.push(Command::SetFilter(Box::new(view.filter.clone())));
                        if let Some(memory) = &view.map {
                            map.restore_memory(memory.clone());
                        }
                        ui.close();
                    }
                    if ui
                        .small_button("×")
                        .on_hover_text("Forget this view")
                        .clicked()
                    {
                        remove = Some(n);
                    }
                });
            }
            if let Some(n) = remove {
                saved.remove(n);
            }
            ui.separator();
            let label = ui.label("Save the current filter and map extent as:");
            ui.horizontal(|ui| {
                let field = ui
                    .add(
                        egui::TextEdit::singleline(new_name)
                            .hint_text("name")
                            .desired_width(140.0),
                    )
                    .labelled_by(label.id);
                if field.changed() {
                    *notice = None;
                }
                let name = new_name.trim().to_string();
                // Enter in the name saves, as the button does.
                let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                let clicked = ui
                    .add_enabled(!name.is_empty(), egui::Button::new("Save"))
                    .clicked();
                if (clicked || entered) && !name.is_empty() {
                    let replaced = saved.iter().any(|v| v.name == name);
                    saved.retain(|v| v.name != name);
                    *notice = Some(if replaced {
                        format!("Saved '{name}' (replacing the view of that name).")
                    } else {
                        format!("Saved '{name}'.")
                    });
                    saved.push(SavedView {
                        name,
                        filter: filter.clone(),
                        map: Some(map.memory().clone()),
                    });
                    new_name.clear();
                }
            });
            if let Some(notice) = notice.as_deref() {
                ui.label(egui::RichText::new(notice).weak());
            }
        });
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
