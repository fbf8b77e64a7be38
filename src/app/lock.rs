//! An encrypted database in the window: the passphrase prompt shown when
//! it opens or after a lock, the lock itself (Team ▸ Lock, Ctrl+L, or
//! after some idle minutes), and the form's draft kept inside the
//! database instead of a plain `draft.json`.
//!
//! Locking drops everything read from the database (the workspace, undo,
//! the form, the open windows) and forgets the passphrase; unlocking reads
//! it all again on the loader thread.

use crate::store::secret::{self, Passphrase};
use crate::store::{Store, StoreError};
use crate::tr;
use crate::ui::incident_form::DraftKeeper;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender};
use std::sync::{Arc, Mutex};
use zeroize::Zeroizing;

use crate::workspace::draft::DRAFT_SETTING;

/// The prompt for the passphrase of a locked (or not yet opened)
/// encrypted database.
pub struct LockScreen {
    pub path: PathBuf,
    typed: Zeroizing<String>,
    /// "That passphrase does not open this database.", after a wrong one.
    pub message: Option<String>,
    focus: bool,
}

/// What the prompt asks for.
pub enum LockAction {
    Unlock(Passphrase),
}

impl LockScreen {
    pub fn new(path: PathBuf, message: Option<String>) -> LockScreen {
        LockScreen {
            path,
            typed: Zeroizing::new(String::new()),
            message,
            focus: true,
        }
    }

    /// A masked field and Unlock; nothing about what the file holds.
    pub fn ui(&mut self, ui: &mut egui::Ui) -> Option<LockAction> {
        let mut action = None;
        egui::CentralPanel::default().show(ui, |ui| {
            ui.vertical_centered(|ui| {
                ui.add_space(ui.available_height() / 3.0);
                ui.heading(tr!("lock-this-database-is-encrypted"));
                ui.add_space(4.0);
                ui.label(self.path.display().to_string());
                ui.add_space(12.0);
                let name = ui.label(tr!("lock-passphrase"));
                let field = ui
                    .add(
                        egui::TextEdit::singleline(&mut *self.typed)
                            .password(true)
                            .desired_width(280.0),
                    )
                    .labelled_by(name.id);
                if std::mem::take(&mut self.focus) {
                    field.request_focus();
                }
                let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                ui.add_space(8.0);
                let clicked = ui
                    .add_enabled(
                        !self.typed.is_empty(),
                        egui::Button::new(tr!("lock-unlock")),
                    )
                    .clicked();
                if (entered || clicked)
                    && let Ok(passphrase) = Passphrase::new(self.typed.as_str())
                {
                    self.typed.clear();
                    action = Some(LockAction::Unlock(passphrase));
                }
                if let Some(message) = &self.message {
                    ui.add_space(8.0);
                    ui.colored_label(ui.visuals().error_fg_color, message);
                }
            });
        });
        action
    }
}

impl super::PanjApp {
    /// Team ▸ Lock: the draft is kept (in the database), then everything
    /// read from the database leaves memory with its passphrase.
    pub(super) fn lock_now(&mut self) {
        let Ok(workspace) = &self.state else {
            return;
        };
        let Some(path) = workspace
            .database_path()
            .filter(|_| workspace.is_encrypted())
            .map(Path::to_path_buf)
        else {
            return;
        };
        self.remembered_filter = workspace.filter.clone();
        self.form.lock();
        self.state = Err("the database is locked".into());
        self.undo = Default::default();
        self.list = Default::default();
        self.details = Default::default();
        self.statistics = Default::default();
        self.timeline = Default::default();
        self.conflict_view = Default::default();
        self.from_text = Default::default();
        self.import = Default::default();
        self.export = Default::default();
        self.map.forget_records();
        self.deleted_notice = None;
        self.error = None;
        secret::forget(&path);
        self.lock = Some(LockScreen::new(path, None));
    }

    /// Locks an encrypted database after the chosen idle minutes.
    pub(super) fn lock_when_idle(&mut self, ctx: &egui::Context) {
        let encrypted = matches!(&self.state, Ok(w) if w.is_encrypted());
        if !encrypted || self.lock_after_minutes == 0 {
            return;
        }
        let active =
            ctx.input(|i| !i.events.is_empty() || i.pointer.is_moving() || i.pointer.any_down());
        if active {
            self.last_input = std::time::Instant::now();
        }
        let after = std::time::Duration::from_secs(60 * u64::from(self.lock_after_minutes));
        let idle = self.last_input.elapsed();
        if idle >= after {
            self.lock_now();
        } else {
            ctx.request_repaint_after(after - idle);
        }
    }
}

/// Team ▸ Lock and the idle minutes, in the Team menu.
pub fn lock_menu_items(
    ui: &mut egui::Ui,
    workspace: &super::Workspace,
    lock_after_minutes: u32,
    commands: &mut Vec<super::Command>,
) {
    let encrypted = workspace.is_encrypted();
    let lock = ui
        .add_enabled(
            encrypted,
            egui::Button::new(tr!("lock-lock")).shortcut_text("Ctrl+L"),
        )
        .on_hover_text(tr!("lock-close-the-database-and"))
        .on_disabled_hover_text(tr!("lock-only-an-encrypted-database"));
    if lock.clicked() {
        ui.close();
        commands.push(super::Command::Lock);
    }
    ui.add_enabled_ui(encrypted, |ui| {
        ui.horizontal(|ui| {
            ui.label(tr!("lock-lock-after"));
            let mut minutes = lock_after_minutes;
            if ui
                .add(egui::DragValue::new(&mut minutes).range(0..=240))
                .on_hover_text(tr!("lock-0-never"))
                .changed()
            {
                commands.push(super::Command::SetLockAfter(minutes));
            }
            ui.label(tr!("lock-idle-minutes"));
        });
    });
}

/// Whether an error opening a database means it wants a passphrase (the
/// prompt is shown instead of the error), and what the prompt says.
pub fn wants_passphrase(error: &anyhow::Error) -> Option<(PathBuf, Option<String>)> {
    match error.chain().find_map(|e| e.downcast_ref::<StoreError>())? {
        StoreError::Encrypted { path } => Some((path.clone(), None)),
        StoreError::WrongPassphrase { path } => {
            secret::forget(path);
            Some((path.clone(), Some(tr!("lock-wrong-passphrase"))))
        }
        _ => None,
    }
}

/// Keeps the form's draft in the encrypted database it edits, written on a
/// thread with its own connection (the window never waits for the disk).
pub struct DatabaseDraft {
    send: Sender<Option<String>>,
    failed: Arc<Mutex<Option<String>>>,
}

impl DatabaseDraft {
    pub fn start(db: PathBuf) -> DatabaseDraft {
        let (send, receive): (Sender<Option<String>>, Receiver<Option<String>>) =
            std::sync::mpsc::channel();
        let failed = Arc::new(Mutex::new(None));
        let said = Arc::clone(&failed);
        std::thread::spawn(move || {
            let mut store = match Store::open(&db) {
                Ok(store) => store,
                Err(e) => {
                    *said.lock().unwrap_or_else(|p| p.into_inner()) =
                        Some(format!("the draft cannot be kept in the database: {e}"));
                    return;
                }
            };
            while let Ok(mut latest) = receive.recv() {
                // Only the newest draft matters.
                while let Ok(newer) = receive.try_recv() {
                    latest = newer;
                }
                let value = Zeroizing::new(latest.unwrap_or_default());
                let kept = store.keep_settings(&[(DRAFT_SETTING.to_string(), value.to_string())]);
                *said.lock().unwrap_or_else(|p| p.into_inner()) = kept
                    .err()
                    .map(|e| format!("the draft could not be kept in the database: {e}"));
            }
        });
        DatabaseDraft { send, failed }
    }
}

impl DraftKeeper for DatabaseDraft {
    fn keep(&mut self, json: Option<&str>) -> Result<(), String> {
        if let Some(error) = self
            .failed
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
        {
            return Err(error);
        }
        self.send
            .send(json.map(str::to_string))
            .map_err(|_| "the draft cannot be kept: its writer stopped".to_string())
    }
}
