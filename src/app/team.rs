//! Team work from the window: bundles written and read, and syncs with the
//! team server, each on a worker with its own connection; and the Team
//! menu.

use super::lock;
use crate::store::Store;
use crate::tr;
use crate::ui::file_chooser::{self, FileRequest, InWindowChooser, Picked};
use crate::workspace::{Command, Workspace};
use anyhow::Result;
use std::path::PathBuf;

/// Bundles are written and read on a worker thread with its own
/// connection; the outcome is shown in a window until dismissed.
#[derive(Default)]
pub(super) struct TeamWork {
    pub(super) running: Option<(String, std::sync::mpsc::Receiver<Result<TeamDone, String>>)>,
    pub(super) outcome: Option<Result<String, String>>,
    /// The work changed the database: the workspace must be read again.
    pub(super) reload: bool,
    /// The in-window file chooser for a bundle to write (`true`) or read,
    /// where no desktop dialog could open.
    pub(super) choosing: Option<(InWindowChooser, bool)>,
}

/// What finished team work says, and whether it changed the database.
pub(super) struct TeamDone {
    pub(super) said: String,
    pub(super) changed: bool,
}

impl TeamWork {
    /// Runs `work` on a store of its own over `db`, signed by `analyst`.
    pub(super) fn start(
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
    pub(super) fn finished(&mut self) -> bool {
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
                self.outcome = Some(Err(tr!("team-stopped")));
                self.running = None;
                true
            }
        }
    }

    pub(super) fn ui(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        if let Some((chooser, write)) = &mut self.choosing
            && let Some(answer) = chooser.ui(ctx)
        {
            if let Some(path) = answer {
                commands.push(if *write {
                    Command::WriteBundle(path)
                } else {
                    Command::ReadBundle(path)
                });
            }
            self.choosing = None;
        }
        if let Some((what, _)) = &self.running {
            ctx.request_repaint_after(std::time::Duration::from_millis(200));
            egui::Window::new(tr!("team-team"))
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
            egui::Window::new(tr!("team-team"))
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

/// Writes or reads a bundle: on a worker with its own connection for a
/// database file, at once for one in memory (tests).
pub(super) fn bundle_work(
    workspace: &mut Workspace,
    team: &mut TeamWork,
    file: PathBuf,
    write: bool,
) {
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
        tr!("team-writing-bundle", file = file.display().to_string())
    } else {
        tr!("team-reading-bundle", file = file.display().to_string())
    };
    team_work(workspace, team, what, move |store| describe(store, &file));
}

/// Runs team work: on a worker with its own connection for a database
/// file, at once for one in memory (tests).
pub(super) fn team_work(
    workspace: &mut Workspace,
    team: &mut TeamWork,
    what: String,
    work: impl FnOnce(&mut Store) -> Result<TeamDone> + Send + 'static,
) {
    match workspace.database_path().map(PathBuf::from) {
        Some(db) => team.start(what, db, workspace.analyst.clone(), work),
        None => {
            let (send, receive) = std::sync::mpsc::channel();
            let _ = send.send(work(workspace.store_mut()).map_err(|e| format!("{e:#}")));
            team.running = Some((what, receive));
        }
    }
}

/// A bundle's file from the desktop's dialog, or the window's own where
/// none can open.
fn choose_bundle(
    request: FileRequest,
    write: bool,
    choosing: &mut Option<(InWindowChooser, bool)>,
    commands: &mut Vec<Command>,
) {
    match file_chooser::pick(request) {
        Picked::Chosen(path) => commands.push(if write {
            Command::WriteBundle(path)
        } else {
            Command::ReadBundle(path)
        }),
        Picked::InWindow(chooser) => *choosing = Some((chooser, write)),
        Picked::Cancelled => {}
    }
}

/// Team ▸ Write bundle… / Read bundle… / Conflicts.
/// The Team menu's title: "Team", or "Team (2 conflicts)".
pub(super) fn team_label(workspace: &Workspace) -> String {
    let conflicts = workspace.conflicts.len();
    if conflicts > 0 {
        tr!("team-menu-conflicts", count = conflicts)
    } else {
        tr!("team-menu")
    }
}

pub(super) fn team_menu(
    ui: &mut egui::Ui,
    workspace: &Workspace,
    lock_after_minutes: u32,
    choosing: &mut Option<(InWindowChooser, bool)>,
    commands: &mut Vec<Command>,
) {
    let conflicts = workspace.conflicts.len();
    ui.menu_button(team_label(workspace), |ui| {
        if ui
            .button(tr!("team-write-bundle"))
            .on_hover_text(tr!("team-every-version-of-this"))
            .clicked()
        {
            ui.close();
            choose_bundle(
                FileRequest::save(tr!("team-bundle-filter"), &["panjb"], "team.panjb".into()),
                true,
                choosing,
                commands,
            );
        }
        if ui
            .add_enabled(
                !workspace.is_read_only(),
                egui::Button::new(tr!("team-read-bundle")),
            )
            .on_hover_text(tr!("team-add-the-versions-a"))
            .clicked()
        {
            ui.close();
            choose_bundle(
                FileRequest::open(tr!("team-bundle-filter"), &["panjb"]),
                false,
                choosing,
                commands,
            );
        }
        if ui
            .button(tr!("team-server"))
            .on_hover_text(tr!("team-sync-with-your-team"))
            .clicked()
        {
            ui.close();
            commands.push(Command::ShowServer);
        }
        ui.separator();
        if ui
            .add_enabled(
                conflicts > 0,
                egui::Button::new(tr!("team-show-conflicts", count = conflicts)),
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
