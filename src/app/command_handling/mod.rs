//! Carrying out the panels' [`Command`]s, in one place, split by family:
//! `selection.rs` (selection, filters, views), `writes.rs` (saves,
//! deletes, restores, undo, conflicts resolved, the analyst's name),
//! `windows.rs` (forms and windows opened, records they need read on the
//! reader worker first), `team.rs` (bundles and the server) and
//! `settings.rs` (language, lock, reading again). A write that succeeds
//! clears an earlier failure's message; a failure is shown in the status
//! bar.

mod selection;
mod settings;
mod team;
mod windows;
mod writes;

pub(super) use windows::PendingRead;

use super::PanjApp;
use crate::workspace::Command;
use anyhow::Result;

/// Which family a command belongs to.
enum Family {
    Selection,
    Write,
    Window,
    Team,
    Setting,
}

fn family(command: &Command) -> Family {
    match command {
        Command::Select(_)
        | Command::SelectMany(_)
        | Command::SetFilter(_)
        | Command::SetArea(_)
        | Command::SetNearBorder(_)
        | Command::ShowConflicts(_)
        | Command::ShowView(_)
        | Command::FitMap
        | Command::RestoreMapView(_) => Family::Selection,
        Command::Delete(_)
        | Command::Restore(_)
        | Command::SaveIncident(_)
        | Command::Undo
        | Command::Redo
        | Command::Resolve { .. }
        | Command::SetAnalyst(_) => Family::Write,
        Command::Duplicate(_)
        | Command::NewIncident
        | Command::NewFromText
        | Command::OpenProposed(_)
        | Command::EditIncident(_)
        | Command::MergeInto(_)
        | Command::PlacePin { .. }
        | Command::OpenImport(_)
        | Command::OpenExport
        | Command::OpenConflict(_)
        | Command::ShowServer
        | Command::SaveMapPicture { .. }
        | Command::WriteReport { .. } => Family::Window,
        Command::WriteBundle(_) | Command::ReadBundle(_) | Command::SyncServer { .. } => {
            Family::Team
        }
        Command::Lock | Command::SetLockAfter(_) | Command::SetLanguage(_) | Command::Reload => {
            Family::Setting
        }
    }
}

impl PanjApp {
    /// Carries out one command.
    pub fn apply(&mut self, command: Command) {
        let result: Result<()> = match family(&command) {
            Family::Setting => self.apply_setting(command),
            _ if self.state.is_err() => Ok(()),
            Family::Selection => self.apply_selection(command),
            Family::Write => {
                let deleting = matches!(command, Command::Delete(_));
                let result = self.apply_write(command);
                if !deleting {
                    self.deleted_notice = None;
                }
                if result.is_ok() {
                    // A write that succeeds makes an earlier failure's
                    // message stale.
                    self.error = None;
                }
                result
            }
            Family::Window => self.apply_window(command),
            Family::Team => self.apply_team(command),
        };
        if let Err(e) = result {
            self.error = Some(format!("{e:#}"));
        }
    }
}
