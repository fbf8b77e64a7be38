//! An import's preview and write, each on a worker thread with its own
//! connection to the database file, reporting back over a channel (and
//! asking the window to repaint), so the Import window never waits and
//! never touches the store itself.

use crate::exchange::import::{self, ImportOptions, ImportPreview, ImportSummary};
use crate::store::Store;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, channel};
use uuid::Uuid;

/// How far a write has got, shared with its worker.
#[derive(Default)]
pub struct Progress {
    pub done: AtomicUsize,
    pub total: AtomicUsize,
    pub cancel: AtomicBool,
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
        let result = Store::open(&db)
            .map_err(|e| e.to_string())
            .and_then(|mut store| {
                import::commit(&preview, &mut store, options, &mapped, |done, total| {
                    progress.done.store(done, Ordering::Relaxed);
                    progress.total.store(total, Ordering::Relaxed);
                    ctx.request_repaint();
                    !progress.cancel.load(Ordering::Relaxed)
                })
                .map_err(|e| e.to_string())
            });
        let _ = send.send(result);
        ctx.request_repaint();
    });
    receive
}
