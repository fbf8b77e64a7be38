//! Reading the workspace from the store on a worker thread, with a
//! progress bar meanwhile: at start, after an unlock, and on a large reload
//! after another process wrote.

use super::lock;
use crate::store::Store;
use crate::tr;
use crate::workspace::Workspace;
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
}

pub(super) enum LoadingNews {
    Count(u64),
    /// The form's draft kept in an encrypted database.
    Draft(Option<String>),
    Done(Box<Result<Workspace>>),
}

impl Loading {
    pub(super) fn start(store: Store) -> Loading {
        Loading::start_with(store.path().map(PathBuf::from), true, move || Ok(store))
    }

    /// Opens the encrypted database at `path` (its passphrase just given)
    /// and reads it, on the worker: the key derivation takes a while.
    pub(super) fn unlock(path: PathBuf) -> Loading {
        let opening = path.clone();
        Loading::start_with(Some(path), true, move || Ok(Store::open(&opening)?))
    }

    /// Reads `workspace`'s database again: the old records are let go
    /// on the worker thread too, which at a million takes a while.
    pub(super) fn reload(workspace: Workspace) -> Loading {
        let selection = Some((workspace.selected, workspace.selection.clone()));
        let path = workspace.store.path().map(PathBuf::from);
        let mut loading = Loading::start_with(path, false, move || {
            let Workspace { store, .. } = workspace;
            Ok(store)
        });
        loading.selection = selection;
        loading
    }

    pub(super) fn start_with(
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
    pub(super) fn poll(&mut self) -> Option<Result<Workspace>> {
        loop {
            match self.receiver.try_recv() {
                Ok(LoadingNews::Count(n)) => self.incidents = Some(n),
                Ok(LoadingNews::Draft(kept)) => self.kept_draft = Some(kept),
                Ok(LoadingNews::Done(loaded)) => return Some(*loaded),
                Err(std::sync::mpsc::TryRecvError::Empty) => return None,
                Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                    return Some(Err(anyhow::anyhow!(tr!("app-reading-stopped"))));
                }
            }
        }
    }

    /// A progress bar rather than a spinner: a spinner repaints every
    /// frame, and the frames would take a core from the loading.
    pub(super) fn ui(&self, ui: &mut egui::Ui) {
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_millis(250));
        egui::CentralPanel::default().show(ui, |ui| {
            ui.vertical_centered(|ui| {
                ui.add_space(ui.available_height() / 3.0);
                let read = self.read.load(Ordering::Relaxed) as u64;
                let what = match self.incidents {
                    Some(n) if read >= n => tr!("app-preparing"),
                    Some(n) => tr!("app-loading-incidents", count = n),
                    None => tr!("app-opening"),
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
