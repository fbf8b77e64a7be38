//! What the panels read and what they ask for: the [`Workspace`] (the
//! loaded incidents, the filter and its facets, the selection, the map's
//! groups) and the [`Command`] enum a panel sends instead of changing
//! anything itself. `app` carries the commands out in one place; panels
//! (`ui`) import this module, never `app` or `store`.
//!
//! Also here, because the window and the command line both need them:
//! opening a database (`opening.rs`: the default path, the passphrase
//! sources, seeding a new file, the daily backup) and running an import's
//! preview and write on a worker (`import_work.rs`).

pub mod derived;
pub mod draft;
mod filtering;
pub mod import_work;
mod listed;
pub mod opening;
pub mod passphrase;

pub use filtering::RowOrder;
pub use listed::{Listed, ListedRecords, ListedRow};
pub use opening::{daily_backup_in_background, database_path, default_db_path, open_database};
pub use passphrase::Passphrases;

use crate::background::{Arrival, Arriving};
use crate::filter::facets::{BlockKey, FacetCounts, FacetIndex};
use crate::filter::{ActorDirectory, BBox, Filter, leading_claim};
use crate::map::incidents::{IncidentLayer, LayerSource};
use crate::map::style::ActorPalette;
use crate::model::{Actor, Incident, Source};
use crate::store::Store;
use crate::store::map_block::MapBlock;
use crate::tr;
use anyhow::Result;
use filtering::{FilterInputs, Filtered, RowsBySeq, TextInput};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::AtomicUsize;
use uuid::Uuid;

/// What the panels change: sent by panels, carried out by
/// `PanjApp::apply` (in `app`) after the frame is drawn.
#[derive(Debug, Clone)]
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
    /// The form's "Merge into it": edit the stored incident instead, with
    /// what the form holds added to it.
    MergeInto(Uuid),
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
    /// Show the interface in this language from the next frame on; `None`
    /// follows the system's locale.
    SetLanguage(Option<crate::lang::Language>),
    /// Sync with the team server at `url` (on a worker), logging in with
    /// `password` when one is typed; reload if anything came in.
    SyncServer { url: String, password: String },
    /// Export ▸ Map picture: the map as shown, `width` pixels wide,
    /// saved as `path` on a worker.
    SaveMapPicture { path: PathBuf, width: u32 },
    /// Export ▸ Report: a situation report of what the filter keeps,
    /// with the map as shown, written to `path` on a worker.
    WriteReport {
        path: PathBuf,
        options: Box<crate::report::ReportOptions>,
        format: crate::report::ReportFormat,
    },
    /// A saved view's map position and zoom, put back.
    RestoreMapView(Box<walkers::MapMemory>),
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
}

impl crate::lang::Labelled for View {
    fn label_key(self) -> &'static str {
        match self {
            View::Map => "View-map",
            View::Table => "View-table",
            View::Timeline => "View-timeline",
            View::Statistics => "View-statistics",
        }
    }

    fn all_label_keys() -> Vec<&'static str> {
        View::ALL.iter().map(|v| v.label_key()).collect()
    }
}

/// What the window is doing that more than one panel shows: set by the
/// app between frames from its workers and the form, so that no panel
/// reads or writes another's fields.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Activity {
    /// The incident form's point (lon, lat), drawn on the map as a pin.
    pub pin: Option<(f64, f64)>,
    /// A click on the map places the form's point instead of selecting.
    pub picking_on_map: bool,
    /// Team work (a sync or a bundle) is running: Sync waits for it.
    pub team_busy: bool,
    /// While an import's records are indexed for text search, how far
    /// it has got (per cent).
    pub text_indexing: Option<u64>,
}

/// What the panels show, loaded from the store.
pub struct Workspace {
    /// Private: panels read what they show from the fields below, and
    /// the app writes through [`Workspace::store_mut`].
    store: Store,
    pub actors: ActorDirectory,
    pub sources: BTreeMap<Uuid, Source>,
    pub palette: ActorPalette,
    pub filter: Filter,
    /// Every incident of the database, live and deleted, by date (then
    /// those written since the load), as the lists show it: the rest of
    /// each is in `index`, and a record is read whole by id when one is
    /// shown ([`Workspace::read_whole`]); shared with a worker applying a
    /// filter.
    all: Arc<ListedRecords>,
    /// What the filter looks at of each of `all`, packed, made once per
    /// load; shared with workers that chart it.
    index: Arc<FacetIndex>,
    /// Each of `all` as the map draws it, projected once per load.
    all_on_map: IncidentLayer,
    /// The stored row (`seq`) of each of `all`: text search finds rows.
    rows: Arc<RowsBySeq>,
    /// Whether a record was written since the load (the map block then
    /// no longer says what is loaded).
    written_since_load: bool,
    /// Text search on a connection of its own, for the filter's worker
    /// (`None` for a database in memory: searched on this thread).
    text_search: Option<crate::store::TextSearch>,
    /// Reads records whole by id on a connection of its own, for workers
    /// (`None` for a database in memory: read on this thread).
    reader: Option<crate::store::Reader>,
    /// The rows the filter's text found last, until the text or a record
    /// changes: a click on a checklist does not search again.
    text_found: Option<(String, Arc<crate::filter::facets::TextMatches>)>,
    /// Why the last text search failed (it then kept nothing).
    pub search_error: Option<String>,
    /// The positions (in every loaded incident) of those the filter
    /// keeps, by date as loaded (records written since come after; the
    /// table sorts for itself); shared with workers that summarise them.
    /// [`Workspace::kept`] answers for each.
    pub incidents: Arc<Vec<usize>>,
    /// Counts beside the filter panel's checklists, and "N of M".
    pub facets: FacetCounts,
    /// Positions in `incidents` by date, earliest first (ties in loaded
    /// order): the table's date order, made with the filter.
    pub by_date: RowOrder,
    /// The incident the details pane shows.
    pub selected: Option<Uuid>,
    /// Every selected incident (the table's multi-selection), with `selected`.
    pub selection: BTreeSet<Uuid>,
    /// Bumped whenever `incidents` changes, so panels know to rebuild
    /// what they derive from it.
    pub generation: u64,
    load_timings: LoadTimings,
    /// The records the last load read, being freed on a background
    /// thread (see [`Workspace::wait_until_records_freed`]).
    records_freed: Option<std::thread::JoinHandle<()>>,
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
    /// What the window is doing that panels show (set by the app).
    pub activity: Activity,
    /// A filter being applied on a worker: until it comes, `facets`,
    /// `incidents` and `generation` stay those of the last filter (the
    /// panels keep drawing them) while `filter` is already the new one.
    filtering: Option<Arriving<u64, Filtered>>,
    /// Bumped by each change of filter, so that a worker's answer for an
    /// older filter or an older load is never installed.
    filter_epoch: u64,
    /// From how many incidents work that grows with them leaves the frame:
    /// [`Workspace::set_filter_soon`] applies a filter on a worker, and the
    /// panels make their derived views (`derived/`) on workers.
    /// [`crate::background::ON_A_WORKER_FROM`] but in tests.
    pub on_a_worker_from: usize,
}

/// Where the time of loading a workspace went, for `panj bench --scale`.
#[derive(Debug, Clone, Copy, Default)]
pub struct LoadTimings {
    /// Reading every record from SQLite.
    pub read: std::time::Duration,
    /// Packed index, leading actors and map points.
    pub derived: std::time::Duration,
    /// The first filter with its facet counts.
    pub filtered: std::time::Duration,
    /// Whether the packed index came from the map block read before the
    /// records (else it was built from the records).
    pub index_from_block: bool,
}

/// The map block as the loader read it before the records, with the
/// database's `data_version` then: the load takes its packed index,
/// leading actors and map points from it instead of working them out
/// from every record (a second at a million), when nobody else wrote in
/// between and it holds exactly the rows read, each at the version read.
pub struct BlockAtLoad {
    pub block: MapBlock,
    pub data_version: i64,
}

impl BlockAtLoad {
    /// The block's index in the order of `all` (whose rows are `rows`),
    /// or `None` when it does not hold exactly those records.
    fn index_of(
        self,
        store: &Store,
        all: &[Arc<Incident>],
        rows: &RowsBySeq,
    ) -> Option<FacetIndex> {
        let keys = &self.block.keys;
        if store.data_version().ok()? != self.data_version || keys.len() != all.len() {
            return None;
        }
        // Both in order of `seq`, walked side by side: a binary search
        // per record took 0.4 s at a million.
        let mut order = vec![0; all.len()];
        for (at, position) in rows.by_seq().enumerate() {
            let key = keys[at];
            if key.seq != rows.seqs()[position] || key.version != all[position].version {
                return None;
            }
            order[position] = at;
        }
        let mut index = self.block.index.select(&order);
        index.spell_provinces(all.iter().filter_map(|i| i.location.admin1.as_deref()));
        Some(index)
    }
}

impl Workspace {
    pub fn load(store: Store) -> Result<Workspace> {
        Workspace::load_counting(store, &AtomicUsize::new(0))
    }

    /// As [`Workspace::load`], adding one to `read` for each record read.
    pub fn load_counting(store: Store, read: &AtomicUsize) -> Result<Workspace> {
        Workspace::load_after_block(store, read, None)
    }

    /// As [`Workspace::load_counting`], the packed index taken from
    /// `block` when it holds what is read (see [`BlockAtLoad`]).
    pub fn load_after_block(
        store: Store,
        read: &AtomicUsize,
        block: Option<BlockAtLoad>,
    ) -> Result<Workspace> {
        let mut workspace = Workspace {
            store,
            actors: ActorDirectory::default(),
            sources: BTreeMap::new(),
            palette: ActorPalette::new(std::iter::empty()),
            filter: Filter::default(),
            all: Arc::default(),
            index: Arc::default(),
            all_on_map: IncidentLayer::default(),
            rows: Arc::default(),
            written_since_load: false,
            text_search: None,
            reader: None,
            text_found: None,
            search_error: None,
            incidents: Arc::default(),
            facets: FacetCounts::default(),
            by_date: RowOrder::default(),
            selected: None,
            selection: BTreeSet::new(),
            generation: 0,
            load_timings: LoadTimings::default(),
            records_freed: None,
            live_span: None,
            conflicts: BTreeSet::new(),
            only_conflicts: false,
            analyst: String::new(),
            last_sync: None,
            in_trash: 0,
            conflict_points: Vec::new(),
            activity: Activity::default(),
            filtering: None,
            filter_epoch: 0,
            on_a_worker_from: crate::background::ON_A_WORKER_FROM,
        };
        workspace.reload_counting(read, block)?;
        Ok(workspace)
    }

    /// The database, for the app's writes and workers and for tests;
    /// panels never call it (ARCHITECTURE.md's check).
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The database, the rest let go (to read it again from scratch).
    pub fn into_store(self) -> Store {
        self.store
    }

    /// The database, to write (the app only).
    pub fn store_mut(&mut self) -> &mut Store {
        &mut self.store
    }

    /// The database file (`None` in memory).
    pub fn database_path(&self) -> Option<&std::path::Path> {
        self.store.path()
    }

    /// Whether nothing can be written (a read-only file or medium).
    pub fn is_read_only(&self) -> bool {
        self.store.is_read_only()
    }

    /// Whether the database is encrypted (exports of it are not).
    pub fn is_encrypted(&self) -> bool {
        self.store.is_encrypted()
    }

    /// Reads everything from the store again (after a write), then filters.
    pub fn reload(&mut self) -> Result<()> {
        self.reload_counting(&AtomicUsize::new(0), None)
    }

    fn reload_counting(&mut self, read: &AtomicUsize, block: Option<BlockAtLoad>) -> Result<()> {
        let started = std::time::Instant::now();
        self.actors = self.store.actor_directory()?;
        self.palette = ActorPalette::new(self.actors.iter().map(|a| a.id));
        self.sources = self
            .store
            .sources()?
            .into_iter()
            .map(|s| (s.id, s))
            .collect();
        let loaded = self.store.load_listed(read)?;
        // Read whole, kept only until the index, the map points and the
        // listed parts are made from them.
        let records = loaded.incidents;
        self.rows = Arc::new(RowsBySeq::new(loaded.seqs));
        self.written_since_load = false;
        self.text_search = self.store.text_search();
        self.reader = self.store.reader();
        self.text_found = None;
        self.conflicts = self.store.conflicted()?.into_iter().collect();
        self.analyst = self.store.analyst()?;
        self.last_sync = match (
            self.store.setting(crate::server::LAST_SERVER_KEY)?,
            self.store.setting(crate::server::LAST_SYNC_KEY)?,
        ) {
            (Some(server), Some(at)) => Some((server, at)),
            _ => None,
        };
        self.in_trash = records.iter().filter(|i| i.deleted_at.is_some()).count();
        let reading = started.elapsed();
        let from_block = block.and_then(|b| b.index_of(&self.store, &records, &self.rows));
        let index_from_block = from_block.is_some();
        // The packed index on one core, leading actors and map points on
        // another: they read the records and nothing else.
        let (all, actors, palette) = (&records, &self.actors, &self.palette);
        let (index, on_map, listed) = if let Some(index) = from_block {
            std::thread::scope(|scope| {
                let listed = scope.spawn(|| ListedRecords::of(all));
                let everyone: Vec<usize> = (0..index.len()).collect();
                let on_map = IncidentLayer::from_index(&index, &everyone, palette);
                let listed = listed
                    .join()
                    .unwrap_or_else(|e| std::panic::resume_unwind(e));
                (index, on_map, listed)
            })
        } else {
            std::thread::scope(|scope| {
                let index = scope.spawn(|| FacetIndex::build(all, actors));
                let leaders: Vec<Option<Uuid>> = all
                    .iter()
                    .map(|i| leading_claim(i, actors).map(|(a, _)| a.id))
                    .collect();
                let on_map = IncidentLayer::build_with_leaders(all, &leaders, palette);
                let listed = ListedRecords::of(all);
                let index = index
                    .join()
                    .unwrap_or_else(|e| std::panic::resume_unwind(e));
                (index, on_map, listed)
            })
        };
        self.records_freed = Some(crate::background::give_back_later(records));
        self.all = Arc::new(listed);
        self.index = Arc::new(index);
        self.live_span = self.index.live_span();
        self.all_on_map = on_map;
        let derived = started.elapsed() - reading;
        self.refilter();
        self.load_timings = LoadTimings {
            read: reading,
            derived,
            filtered: started.elapsed() - reading - derived,
            index_from_block,
        };
        Ok(())
    }

    /// Reads the record `id` whole, with its history, for the details
    /// pane: on a worker over a connection of its own (`wake` is called
    /// when it is there), or at once on this thread for a database that
    /// has no second connection (in memory, or a read-only medium).
    /// `version` is the listed record's, which the answer is kept for.
    pub fn read_whole(
        &self,
        id: Uuid,
        version: i64,
        wake: impl FnOnce() + Send + 'static,
    ) -> Arriving<(Uuid, i64), WholeRecord> {
        let key = (id, version);
        match self.reader.clone() {
            Some(reader) => Arriving::start(
                key,
                move || {
                    let read = reader.read(|store| Ok(WholeRecord::read(store, id, version)));
                    read.unwrap_or_else(|e| WholeRecord::failed(id, version, e.to_string()))
                },
                wake,
            ),
            None => Arriving::ready(key, self.read_whole_here(id, version)),
        }
    }

    /// Reads something of the record `key` for the window (a record whole
    /// for the form, a conflict's heads): on the reader worker, `wake`
    /// called when it is there, or at once on this thread for a database
    /// that has no second connection (in memory, or a read-only medium).
    pub fn read_soon<T: Send + 'static>(
        &self,
        key: Uuid,
        read: impl FnOnce(&Store) -> crate::store::Result<T> + Send + 'static,
        wake: impl FnOnce() + Send + 'static,
    ) -> Arriving<Uuid, std::result::Result<T, String>> {
        match self.reader.clone() {
            Some(reader) => Arriving::start(
                key,
                move || reader.read(read).map_err(|e| e.to_string()),
                wake,
            ),
            None => Arriving::ready(key, read(&self.store).map_err(|e| e.to_string())),
        }
    }

    /// As [`Workspace::read_whole`], on this thread: when there is no
    /// second connection, or its worker died.
    pub fn read_whole_here(&self, id: Uuid, version: i64) -> WholeRecord {
        WholeRecord::read(&self.store, id, version)
    }

    /// The map block of the records as just loaded (what the database
    /// keeps so that the next start draws every incident at once);
    /// `None` once a write has changed what is loaded.
    pub fn map_block(&self) -> Option<MapBlock> {
        if self.written_since_load {
            return None;
        }
        let keys: Vec<BlockKey> = self
            .all
            .iter()
            .zip(self.rows.seqs())
            .map(|(listed, &seq)| BlockKey {
                seq,
                version: listed.version,
            })
            .collect();
        Some(MapBlock::of(&self.index, &keys))
    }

    /// Waits until the records the last load read are freed and their
    /// memory handed back to the system (a background thread does it,
    /// about 2 s at a million, so that the load does not wait for it).
    pub fn wait_until_records_freed(&mut self) {
        if let Some(freeing) = self.records_freed.take() {
            let _ = freeing.join();
        }
    }

    /// How long the last [`Workspace::reload`] spent on each part.
    pub fn load_timings(&self) -> LoadTimings {
        self.load_timings
    }

    /// Brings one incident's in-memory copy in step with the store after a
    /// write to it — the record as listed, its packed index row,
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
        let seq = self.store.seq_of(id)?.unwrap_or_default();
        let was_deleted = n < self.all.len() && self.index.is_deleted(n);
        Arc::make_mut(&mut self.index).set(n, &incident, &self.actors);
        self.live_span = self.index.live_span();
        self.all_on_map.set(n, &incident, leader, &self.palette);
        if self.store.heads(id)?.len() > 1 {
            self.conflicts.insert(id);
        } else {
            self.conflicts.remove(&id);
        }
        match (was_deleted, incident.deleted_at.is_some()) {
            (false, true) => self.in_trash += 1,
            (true, false) => self.in_trash = self.in_trash.saturating_sub(1),
            _ => {}
        }
        self.written_since_load = true;
        self.text_found = None;
        // A filter worker still running holds the lists: they are copied
        // then (a save in the tenth of a second a change takes at a
        // million), and its answer is dropped by the refilter below.
        if n >= self.all.len() {
            Arc::make_mut(&mut self.rows).set(n, seq);
        }
        Arc::make_mut(&mut self.all).set(n, &incident);
        self.refilter();
        Ok(())
    }

    /// Applies a new filter to what is loaded, at once: no database work.
    pub fn set_filter(&mut self, filter: Filter) {
        self.filter = filter;
        self.refilter();
    }

    /// Applies a new filter as the window does: at once for a small
    /// workspace; for one of [`Workspace::on_a_worker_from`]
    /// incidents or more on a worker, the last filter's facets and
    /// incidents staying until [`Workspace::take_filtered`] installs the
    /// new ones. `wake` is called when the worker is done. Changes made
    /// while a worker is busy wait for it, then the newest is applied.
    pub fn set_filter_soon(&mut self, filter: Filter, wake: impl Fn() + Send + 'static) {
        self.filter = filter;
        self.refilter_soon(wake);
    }

    /// As [`Workspace::set_filter_soon`] for the "Conflicts (N)" chip.
    pub fn show_only_conflicts_soon(&mut self, only: bool, wake: impl Fn() + Send + 'static) {
        self.only_conflicts = only;
        self.refilter_soon(wake);
    }

    fn refilter_soon(&mut self, wake: impl Fn() + Send + 'static) {
        if self.all.len() < self.on_a_worker_from {
            return self.refilter();
        }
        self.filter_epoch += 1;
        if self.filtering.is_none() {
            self.start_filtering(wake);
        }
    }

    fn start_filtering(&mut self, wake: impl Fn() + Send + 'static) {
        let inputs = self.filter_inputs(true);
        self.filtering = Some(Arriving::start(
            self.filter_epoch,
            move || inputs.apply(),
            wake,
        ));
    }

    /// Installs a filter applied on a worker once it is done; starts the
    /// newest filter if the one done is older. True when the panels'
    /// incidents changed.
    pub fn take_filtered(&mut self, wake: impl Fn() + Send + 'static) -> bool {
        let Some(filtering) = &self.filtering else {
            return false;
        };
        let epoch = filtering.key;
        match filtering.poll() {
            Arrival::Waiting => false,
            Arrival::Came(filtered) if epoch == self.filter_epoch => {
                self.filtering = None;
                self.install(filtered);
                true
            }
            Arrival::Came(_) => {
                self.start_filtering(wake);
                false
            }
            Arrival::Lost => {
                self.refilter();
                true
            }
        }
    }

    /// Whether a filter is being applied on a worker (the panels show the
    /// last one meanwhile).
    pub fn is_filtering(&self) -> bool {
        self.filtering.is_some()
    }

    /// What the filter is applied to; `on_a_worker`: a text search not
    /// made yet is left to the worker.
    fn filter_inputs(&self, on_a_worker: bool) -> FilterInputs {
        FilterInputs {
            filter: self.filter.clone(),
            only_conflicts: self.only_conflicts,
            conflicts: self.conflicts.clone(),
            index: Arc::clone(&self.index),
            text: self.text_input(on_a_worker),
            all: Arc::clone(&self.all),
            selection: self
                .selection
                .iter()
                .chain(&self.selected)
                .copied()
                .collect(),
        }
    }

    fn refilter(&mut self) {
        self.filter_epoch += 1;
        self.filtering = None;
        let filtered = self.filter_inputs(false).apply();
        self.install(filtered);
    }

    /// Where the filter's text is searched: nowhere without words; the
    /// rows found last for the same text; the worker's own connection;
    /// or here, now.
    fn text_input(&self, on_a_worker: bool) -> TextInput {
        let text = &self.filter.text;
        if crate::filter::search_terms(text).is_empty() {
            return TextInput::Found(None, None);
        }
        if let Some((found_for, found)) = &self.text_found
            && found_for == text
        {
            return TextInput::Found(Some(Arc::clone(found)), None);
        }
        if on_a_worker && let Some(search) = &self.text_search {
            return TextInput::Ask {
                search: search.clone(),
                rows: Arc::clone(&self.rows),
            };
        }
        match self.text_matches(text) {
            Ok(found) => TextInput::Found(Some(Arc::new(found)), None),
            Err(e) => TextInput::Found(Some(Arc::default()), Some(e.to_string())),
        }
    }

    /// The positions in [`Workspace::all_incidents`] of the incidents a
    /// text search for `text` finds, asked of the full-text index here.
    pub fn text_matches(&self, text: &str) -> Result<crate::filter::facets::TextMatches> {
        Ok(self.rows.positions(&self.store.seqs_matching_text(text)?))
    }

    fn install(&mut self, filtered: Filtered) {
        let facets = std::mem::replace(&mut self.facets, filtered.facets);
        self.only_conflicts = filtered.only_conflicts;
        let incidents = std::mem::replace(&mut self.incidents, filtered.incidents);
        if incidents.len() >= self.on_a_worker_from {
            // A million reference counts let go of: not in this frame.
            crate::background::drop_later((incidents, facets));
        }
        self.by_date = filtered.by_date;
        self.conflict_points = filtered.conflict_points;
        self.search_error = filtered.search_error;
        if filtered.text.is_some() {
            self.text_found = filtered.text;
        }
        self.generation += 1;
        let began_with: BTreeSet<Uuid> = self
            .selection
            .iter()
            .chain(&self.selected)
            .copied()
            .collect();
        if began_with == filtered.selection {
            self.selection.retain(|id| filtered.kept.contains(id));
            self.selected = self.selected.filter(|id| filtered.kept.contains(id));
        } else if self.selected.is_some() || !self.selection.is_empty() {
            // Changed while a worker counted: looked up here.
            let shown: std::collections::HashSet<Uuid> =
                self.incidents.iter().map(|&n| self.all[n].id).collect();
            self.selection.retain(|id| shown.contains(id));
            self.selected = self.selected.filter(|id| shown.contains(id));
        }
    }

    /// Shows only the conflicted incidents, or goes back to the filter.
    pub fn show_only_conflicts(&mut self, only: bool) {
        self.only_conflicts = only;
        self.refilter();
    }

    /// Every incident loaded, whatever the filter (the "M" of "N of M"),
    /// as listed.
    pub fn all_incidents(&self) -> &[Listed] {
        &self.all
    }

    /// The loaded incident at `at` (a position in
    /// [`Workspace::all_incidents`]), as the lists show it.
    pub fn row(&self, at: usize) -> Option<ListedRow<'_>> {
        (at < self.all.len()).then(|| ListedRow::new(at, &self.all, &self.index))
    }

    /// The `n`th incident the filter keeps (`n` indexes
    /// [`Workspace::incidents`], as the map's groups and the table's
    /// rows do).
    pub fn kept(&self, n: usize) -> Option<ListedRow<'_>> {
        self.row(*self.incidents.get(n)?)
    }

    /// Every incident the filter keeps, in the order of
    /// [`Workspace::incidents`].
    pub fn kept_rows(&self) -> impl ExactSizeIterator<Item = ListedRow<'_>> + '_ {
        self.incidents
            .iter()
            .map(|&at| ListedRow::new(at, &self.all, &self.index))
    }

    /// The records the filter keeps, to export or report on a worker: by
    /// id from the database file, or read whole here from a database in
    /// memory (which has no second connection).
    pub fn kept_records(&self) -> Result<crate::exchange::export::Records> {
        let ids: Vec<Uuid> = self.kept_rows().map(|i| i.id()).collect();
        Ok(match self.store.path() {
            Some(_) => crate::exchange::export::Records::ById(ids),
            None => crate::exchange::export::Records::Whole(self.store.incidents_whole(&ids)?),
        })
    }

    /// The id of the `n`th incident the filter keeps.
    pub fn kept_id(&self, n: usize) -> Option<Uuid> {
        Some(self.all.get(*self.incidents.get(n)?)?.id)
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

    /// Every loaded incident's map point, shared, for making
    /// [`Workspace::map_layer`] on another thread.
    pub fn map_points(&self) -> LayerSource {
        self.all_on_map.source()
    }

    /// The packed index of every loaded incident (with its leading
    /// actor), shared (no copy), for work on another thread.
    pub fn shared_index(&self) -> Arc<FacetIndex> {
        Arc::clone(&self.index)
    }

    /// A loaded incident as the lists show it (its record is read whole
    /// with [`Workspace::read_whole`]).
    pub fn incident(&self, id: Uuid) -> Option<ListedRow<'_>> {
        self.row(self.all.iter().position(|i| i.id == id)?)
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
    /// The database that filter was of: another database opens without
    /// it (`None`, from before this was kept: any).
    pub filter_of: Option<PathBuf>,
    pub saved_views: Vec<SavedView>,
    /// An encrypted database locks after this many minutes without a key
    /// or a click (0: never).
    pub lock_after_minutes: u32,
    /// The interface's language as the analyst chose it; `None` follows
    /// the system's locale.
    pub language: Option<crate::lang::Language>,
}

/// Idle minutes before an encrypted database locks, until the analyst
/// changes it.
pub const LOCK_AFTER_MINUTES: u32 = 15;

impl Default for WorkspaceSettings {
    fn default() -> Self {
        WorkspaceSettings {
            view: View::default(),
            filter: Filter::default(),
            filter_of: None,
            saved_views: Vec::new(),
            lock_after_minutes: LOCK_AFTER_MINUTES,
            language: None,
        }
    }
}

/// One record whole with its history, as the details pane shows it (the
/// window keeps every record only as listed).
pub struct WholeRecord {
    pub id: Uuid,
    /// The listed record's version it was read for.
    pub version: i64,
    /// `None` when the record is gone from the database (a reload follows).
    pub whole: Result<Option<Incident>, String>,
    pub history: Result<Vec<crate::model::Version>, String>,
}

impl WholeRecord {
    fn read(store: &Store, id: Uuid, version: i64) -> WholeRecord {
        WholeRecord {
            id,
            version,
            whole: store.incident(id).map_err(|e| e.to_string()),
            history: store.versions(id).map_err(|e| e.to_string()),
        }
    }

    fn failed(id: Uuid, version: i64, why: String) -> WholeRecord {
        WholeRecord {
            id,
            version,
            whole: Err(why.clone()),
            history: Err(why),
        }
    }
}

/// "3 of 3 incidents", or "Trash: 1 of 1 incident".
pub fn count_label(workspace: &Workspace) -> String {
    let (n, m) = (workspace.incidents.len(), workspace.facets.total);
    if workspace.filter.trash {
        tr!("workspace-count-trash", shown = n, total = m)
    } else {
        tr!("workspace-count", shown = n, total = m)
    }
}

/// A workspace over a private database in memory holding the seed, for
/// the panels' unit tests (which never open a store themselves).
/// Writes the seed and `count` synthetic incidents (made from `seed`,
/// with their actors) into `store` in one write, and returns the incidents.
#[cfg(test)]
pub(crate) fn seed_with_synthetic(store: &mut Store, count: usize, seed: u64) -> Vec<Incident> {
    crate::exchange::seed::seed(store).expect("the seed");
    let actors = crate::exchange::synthetic::actors();
    let incidents =
        crate::exchange::synthetic::incidents(count, seed, &ActorDirectory::new(actors.clone()));
    store
        .write("the sample", |w| {
            for actor in &actors {
                w.upsert_actor(actor)?;
            }
            incidents.iter().try_for_each(|i| w.insert_incident(i))
        })
        .expect("the sample is written");
    incidents
}

/// Stores `incident` and brings the workspace in step, as a save does
/// (the panels' unit tests).
#[cfg(test)]
pub(crate) fn add_for_tests(workspace: &mut Workspace, incident: &Incident) {
    workspace.store.insert_incident(incident).unwrap();
    workspace.refresh_incident(incident.id).unwrap();
}

#[cfg(test)]
pub(crate) fn seeded_for_tests() -> Workspace {
    let mut store = Store::open_in_memory().expect("a database in memory");
    crate::exchange::seed::seed(&mut store).expect("the seed");
    Workspace::load(store).expect("the seed loads")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::map_block::StoredMapBlock;

    /// A database of the seed and some synthetic records, with a map block.
    fn with_block(dir: &std::path::Path) -> std::path::PathBuf {
        let path = dir.join("panj.db");
        let mut store = Store::open(&path).unwrap();
        seed_with_synthetic(&mut store, 500, 11);
        let workspace = Workspace::load(store).unwrap();
        let block = workspace.map_block().unwrap();
        let Workspace { mut store, .. } = workspace;
        assert!(store.write_map_block(&block).unwrap());
        path
    }

    fn block_at_load(store: &Store) -> BlockAtLoad {
        let data_version = store.data_version().unwrap();
        let actors = store.actor_directory().unwrap();
        let StoredMapBlock::Ready { block, .. } = store.map_block(&actors, 100).unwrap() else {
            panic!("the block is ready");
        };
        BlockAtLoad {
            block,
            data_version,
        }
    }

    /// What a load derives from the records: the same whether it was
    /// built from them or taken from the block.
    fn derived(workspace: &Workspace) -> (Vec<u8>, Vec<Option<Uuid>>, String, Vec<String>) {
        let keys: Vec<BlockKey> = (0..workspace.index.len())
            .map(|n| BlockKey {
                seq: n as i64,
                version: 1,
            })
            .collect();
        (
            workspace.index.encode(&keys),
            (0..workspace.index.len())
                .map(|n| workspace.index.leader(n))
                .collect(),
            format!("{:?}", workspace.all_on_map.incidents),
            (0..workspace.all.len())
                .filter_map(|at| workspace.row(at))
                .map(|r| format!("{:?} {} {}", r.listed, r.title(), r.place_name()))
                .collect(),
        )
    }

    #[test]
    fn a_load_after_the_block_derives_from_it_what_the_records_give() {
        let dir = tempfile::tempdir().unwrap();
        let path = with_block(dir.path());
        let built = Workspace::load(Store::open(&path).unwrap()).unwrap();
        assert!(!built.load_timings().index_from_block);
        let store = Store::open(&path).unwrap();
        let block = block_at_load(&store);
        let read = AtomicUsize::new(0);
        let taken = Workspace::load_after_block(store, &read, Some(block)).unwrap();
        assert!(taken.load_timings().index_from_block);
        assert_eq!(derived(&taken), derived(&built));
        assert_eq!(taken.facets, built.facets);
    }

    #[test]
    fn a_write_between_the_block_and_the_records_makes_the_load_build_from_the_records() {
        let dir = tempfile::tempdir().unwrap();
        let path = with_block(dir.path());
        let store = Store::open(&path).unwrap();
        let block = block_at_load(&store);
        // Another program edits a record after the block was read.
        let mut other = Store::open(&path).unwrap();
        let mut edited = other.load_everything().unwrap()[0].as_ref().clone();
        edited.casualties.clear();
        other
            .write("another program", |w| w.update_incident(&edited))
            .unwrap();
        let read = AtomicUsize::new(0);
        let loaded = Workspace::load_after_block(store, &read, Some(block)).unwrap();
        assert!(!loaded.load_timings().index_from_block);
        let built = Workspace::load(Store::open(&path).unwrap()).unwrap();
        assert_eq!(derived(&loaded), derived(&built));
    }
}
