//! An import's preview and write, each on a worker thread with its own
//! connection to the database file, reporting back over a channel (and
//! asking the window to repaint), so the Import window never waits and
//! never touches the store itself. After the write commits, the same
//! worker indexes the new records for text search, reporting as it goes.

use crate::exchange::import::{self, ImportOptions, ImportPreview, ImportSummary};
use crate::store::Store;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, channel};
use uuid::Uuid;

/// How far a write has got, shared with its worker.
#[derive(Default)]
pub struct Progress {
    pub done: AtomicUsize,
    pub total: AtomicUsize,
    pub cancel: AtomicBool,
    /// Set while the committed records are being indexed for text search.
    pub indexing: AtomicBool,
    pub indexed: AtomicU64,
    pub to_index: AtomicU64,
}

impl Progress {
    /// How far indexing for text search has got, in per cent, while it runs.
    pub fn indexing_percent(&self) -> Option<u64> {
        self.indexing.load(Ordering::Relaxed).then(|| {
            let total = self.to_index.load(Ordering::Relaxed).max(1);
            (self.indexed.load(Ordering::Relaxed) * 100 / total).min(100)
        })
    }
}

/// Reads and previews `file` on a worker thread.
pub fn spawn_preview(
    ctx: &egui::Context,
    db: PathBuf,
    file: PathBuf,
    options: ImportOptions,
) -> Receiver<Result<ImportPreview, String>> {
    let (send, receive) = channel();
    let ctx = ctx.clone();
    std::thread::spawn(move || {
        let result = Store::open(&db)
            .map_err(|e| e.to_string())
            .and_then(|store| import::preview(&file, &store, options).map_err(|e| e.to_string()));
        let _ = send.send(result);
        ctx.request_repaint();
    });
    receive
}

/// Writes a previewed import on a worker thread.
pub fn spawn_commit(
    ctx: &egui::Context,
    db: PathBuf,
    preview: Arc<ImportPreview>,
    options: ImportOptions,
    mapped: BTreeMap<String, Uuid>,
    progress: Arc<Progress>,
) -> Receiver<Result<ImportSummary, String>> {
    let (send, receive) = channel();
    let ctx = ctx.clone();
    std::thread::spawn(move || {
        let mut store = match Store::open(&db) {
            Ok(store) => store,
            Err(e) => {
                let _ = send.send(Err(e.to_string()));
                ctx.request_repaint();
                return;
            }
        };
        let result = import::commit(&preview, &mut store, options, &mapped, |done, total| {
            progress.done.store(done, Ordering::Relaxed);
            progress.total.store(total, Ordering::Relaxed);
            ctx.request_repaint();
            !progress.cancel.load(Ordering::Relaxed)
        })
        .map_err(|e| e.to_string());
        let committed = result.is_ok();
        // The window reloads as soon as the records are stored: the map,
        // table and filters need no text index.
        progress.indexing.store(committed, Ordering::Relaxed);
        let _ = send.send(result);
        ctx.request_repaint();
        if committed {
            // Should this fail, the next write indexes them instead.
            let _ = store.complete_text_index(&mut |done, total| {
                progress.indexed.store(done, Ordering::Relaxed);
                progress.to_index.store(total, Ordering::Relaxed);
                ctx.request_repaint();
            });
            progress.indexing.store(false, Ordering::Relaxed);
            ctx.request_repaint();
            let _ = store.checkpoint();
        }
    });
    receive
}
