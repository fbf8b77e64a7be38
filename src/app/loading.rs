//! Reading the workspace from the store on a worker thread, with a
//! progress bar meanwhile: at start, after an unlock, and on a large reload
//! after another process wrote.
//!
//! A large database keeps a map block (`store::map_block`): the worker
//! reads it first and sends the map of every incident the remembered filter
//! keeps, which the window draws while the records are read; after the
//! records, it writes the block again when it was missing or far behind.

use crate::filter::Filter;
use crate::filter::facets::FacetCounts;
use crate::map::incidents::IncidentLayer;
use crate::map::style::ActorPalette;
use crate::store::Store;
use crate::store::map_block::StoredMapBlock;
use crate::tr;
use crate::ui::map_panel::MapPanel;
use crate::workspace::{BlockAtLoad, View, Workspace};
use anyhow::Result;
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use uuid::Uuid;

/// A workspace being read from the store on a worker thread.
pub(super) struct Loading {
    /// First how many incidents there are (the trash included), then the
    /// workspace.
    pub(super) receiver: std::sync::mpsc::Receiver<LoadingNews>,
    pub(super) started: std::time::Instant,
    pub(super) path: Option<PathBuf>,
    pub(super) incidents: Option<u64>,
    /// Records read so far.
    pub(super) read: Arc<AtomicUsize>,
    /// What was selected before a reload, selected again if still there.
    pub(super) selection: Option<(Option<Uuid>, BTreeSet<Uuid>)>,
    /// The draft an encrypted database keeps for the form (`Some` only
    /// when the database was opened, not read again, and is encrypted).
    pub(super) kept_draft: Option<Option<String>>,
    /// The map of every incident the filter keeps, from the map block,
    /// while the records are read; and how long after the start it came.
    pub(super) preview: Option<Preview>,
}

/// The map drawn from the map block before the records are read.
pub(super) struct Preview {
    /// Handed to the map panel on the first frame that draws it.
    pub(super) layer: Option<IncidentLayer>,
    /// How many incidents it shows.
    pub(super) shown: usize,
    /// How long after the start it arrived.
    pub(super) after: std::time::Duration,
}

/// From this many incidents on, the map block is read at start and kept
/// up to date: below it, every record is read in well under a second.
pub const MAP_BLOCK_FROM: u64 = 20_000;

/// At most this many rows changed since the block was written are read
/// again to patch it; more, and the window waits for the records.
const MOST_PATCHED: usize = 20_000;

/// The block is written again after a load when more rows than this
/// changed since it was (fewer are patched in at each start).
const REWRITE_AFTER: usize = 2_000;

pub(super) enum LoadingNews {
    Count(u64),
    /// The map of every incident the filter keeps, from the map block.
    Preview(IncidentLayer, usize),
    /// The form's draft kept in an encrypted database.
    Draft(Option<String>),
    Done(Box<Result<Workspace>>),
}

impl Loading {
    /// Reads `store`; the map drawn before the records come shows what
    /// `filter` keeps.
    /// `block_from`: from how many incidents on the map block is used.
    pub(super) fn start(store: Store, filter: Filter, block_from: u64) -> Loading {
        let path = store.path().map(PathBuf::from);
        Loading::start_with(path, true, filter, block_from, move || Ok(store))
    }

    /// Opens the encrypted database at `path` (its passphrase just given)
    /// and reads it, on the worker: the key derivation takes a while.
    pub(super) fn unlock(path: PathBuf, filter: Filter, block_from: u64) -> Loading {
        let opening = path.clone();
        Loading::start_with(Some(path), true, filter, block_from, move || {
            Ok(Store::open(&opening)?)
        })
    }

    /// Reads `workspace`'s database again: the old records are let go
    /// on the worker thread too, which at a million takes a while.
    pub(super) fn reload(workspace: Workspace, block_from: u64) -> Loading {
        let selection = Some((workspace.selected, workspace.selection.clone()));
        let path = workspace.database_path().map(PathBuf::from);
        let filter = workspace.filter.clone();
        let mut loading = Loading::start_with(path, false, filter, block_from, move || {
            Ok(workspace.into_store())
        });
        loading.selection = selection;
        loading
    }

    pub(super) fn start_with(
        path: Option<PathBuf>,
        opening: bool,
        filter: Filter,
        block_from: u64,
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
                let kept = store
                    .setting(crate::workspace::draft::DRAFT_SETTING)
                    .ok()
                    .flatten();
                let _ = send.send(LoadingNews::Draft(kept));
            }
            let count = store.incident_rows().ok();
            if let Some(count) = count {
                let _ = send.send(LoadingNews::Count(count));
            }
            let large = count.is_some_and(|n| n >= block_from);
            let mut block_at_load = None;
            if large && let Some((layer, shown, block)) = map_of_block(&store, &filter) {
                let _ = send.send(LoadingNews::Preview(layer, shown));
                block_at_load = block;
            }
            let rewrite = large
                && !store.is_read_only()
                && store
                    .map_block_wants_writing(REWRITE_AFTER)
                    .unwrap_or(false);
            let loaded =
                Workspace::load_after_block(store, &counter, block_at_load).map(|mut workspace| {
                    if rewrite && let Some(block) = workspace.map_block() {
                        // A faster start next time, never a failed one now.
                        let _ = workspace.store_mut().write_map_block(&block);
                    }
                    // Here rather than in the window's frame: at a million
                    // incidents a filter takes tens of milliseconds.
                    if filter != Filter::default() {
                        workspace.set_filter(filter);
                    }
                    workspace
                });
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
            preview: None,
        }
    }

    /// The workspace, once it has arrived.
    pub(super) fn poll(&mut self) -> Option<Result<Workspace>> {
        loop {
            match self.receiver.try_recv() {
                Ok(LoadingNews::Count(n)) => self.incidents = Some(n),
                Ok(LoadingNews::Draft(kept)) => self.kept_draft = Some(kept),
                Ok(LoadingNews::Preview(layer, shown)) => {
                    self.preview = Some(Preview {
                        layer: Some(layer),
                        shown,
                        after: self.started.elapsed(),
                    });
                }
                Ok(LoadingNews::Done(loaded)) => return Some(*loaded),
                Err(std::sync::mpsc::TryRecvError::Empty) => return None,
                Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                    return Some(Err(anyhow::anyhow!(tr!("app-reading-stopped"))));
                }
            }
        }
    }

    /// A progress bar rather than a spinner: a spinner repaints every
    /// frame, and the frames would take a core from the loading. With a
    /// map from the block and the map view chosen, the bar sits above the
    /// map, which is where the window will have it.
    pub(super) fn ui(&mut self, ui: &mut egui::Ui, map: &mut MapPanel, view: View) {
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_millis(250));
        let read = self.read.load(Ordering::Relaxed) as u64;
        let what = match self.incidents {
            Some(n) if read >= n => tr!("app-preparing"),
            Some(n) => tr!("app-loading-incidents", count = n),
            None => tr!("app-opening"),
        };
        let fraction = self
            .incidents
            .filter(|n| *n > 0)
            .map_or(0.0, |n| read.min(n) as f32 / n as f32);
        let seconds = format!("{:.0} s", self.started.elapsed().as_secs_f64().floor());
        if let Some(preview) = &mut self.preview
            && view == View::Map
        {
            // The window's own panels, by their ids (so at the sizes egui
            // keeps for them): the map does not move when the records come.
            egui::Panel::top("toolbar").show(ui, |ui| {
                ui.add_space(4.0);
                ui.horizontal(|ui| {
                    ui.strong(what);
                    ui.add(
                        egui::ProgressBar::new(fraction)
                            .desired_width(240.0)
                            .show_percentage(),
                    );
                    ui.label(seconds);
                });
                ui.label(tr!("app-loading-map-first", shown = preview.shown));
                ui.add_space(4.0);
            });
            egui::Panel::bottom("status").show(ui, |ui| {
                if let Some(path) = &self.path {
                    ui.label(path.display().to_string());
                }
            });
            let waiting = |ui: &mut egui::Ui| {
                ui.set_min_size(ui.available_size());
                ui.add_space(8.0);
                ui.weak(tr!("app-waiting-for-records"));
            };
            egui::Panel::left("filters")
                .resizable(true)
                .default_size(270.0)
                .min_size(200.0)
                .show(ui, waiting);
            egui::Panel::bottom("incident_table")
                .resizable(true)
                .default_size(170.0)
                .min_size(80.0)
                .show(ui, waiting);
            egui::Panel::bottom("timeline_strip")
                .resizable(true)
                .default_size(120.0)
                .min_size(70.0)
                .show(ui, waiting);
            egui::CentralPanel::default()
                .frame(egui::Frame::NONE)
                .show(ui, |ui| map.preview_ui(ui, preview.layer.take()));
            return;
        }
        egui::CentralPanel::default().show(ui, |ui| {
            ui.vertical_centered(|ui| {
                ui.add_space(ui.available_height() / 3.0);
                ui.heading(what);
                ui.add_space(8.0);
                ui.add(
                    egui::ProgressBar::new(fraction)
                        .desired_width(320.0)
                        .show_percentage(),
                );
                ui.add_space(8.0);
                if let Some(path) = &self.path {
                    ui.label(path.display().to_string());
                }
                ui.label(seconds);
            });
        });
    }
}

/// The map of the incidents `filter` keeps, drawn from the map block
/// alone (a text search waits for the records), with how many it shows,
/// and the block for the load to take its index from; `None` when there
/// is no block worth reading.
fn map_of_block(
    store: &Store,
    filter: &Filter,
) -> Option<(IncidentLayer, usize, Option<BlockAtLoad>)> {
    let actors = store.actor_directory().ok()?;
    let data_version = store.data_version().ok();
    let StoredMapBlock::Ready { block, .. } = store.map_block(&actors, MOST_PATCHED).ok()? else {
        return None;
    };
    let without_text = Filter {
        text: String::new(),
        ..filter.clone()
    };
    let kept = FacetCounts::compute_indexed(&without_text, &block.index, None).matched;
    let palette = ActorPalette::new(actors.iter().map(|a| a.id));
    let layer = IncidentLayer::from_index(&block.index, &kept, &palette);
    let block = data_version.map(|data_version| BlockAtLoad {
        block,
        data_version,
    });
    Some((layer, kept.len(), block))
}
