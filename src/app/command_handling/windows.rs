//! Forms and windows opened. A form or window that needs a record whole
//! (Edit, Duplicate, "Merge into it", a conflict) asks the reader worker
//! for it and opens when it comes ([`PanjApp::take_pending_read`], each
//! frame): the UI thread reads nothing from the database.

use crate::app::PanjApp;
use crate::background::{Arrival, Arriving};
use crate::model::Incident;
use crate::model::merge::HeadsMerge;
use crate::workspace::Command;
use anyhow::Result;
use uuid::Uuid;

/// What a record read whole is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::app) enum Purpose {
    Edit,
    Duplicate,
    MergeInto,
}

/// A conflict's heads as they merge, and the version its row shows.
type ConflictRead = (Option<HeadsMerge>, Option<Uuid>);

/// A read on the reader worker that a window waits for.
pub(in crate::app) enum PendingRead {
    Record(Purpose, Arriving<Uuid, Result<Option<Incident>, String>>),
    Conflict(Arriving<Uuid, Result<ConflictRead, String>>),
}

impl PanjApp {
    pub(super) fn apply_window(&mut self, command: Command) -> Result<()> {
        let (wake, wake_too) = (self.waker(), self.waker());
        let Ok(workspace) = &mut self.state else {
            return Ok(());
        };
        let read_whole = |purpose: Purpose, id: Uuid| {
            PendingRead::Record(
                purpose,
                workspace.read_soon(id, move |s| s.incident(id), wake),
            )
        };
        match command {
            Command::EditIncident(id) => self.pending_read = Some(read_whole(Purpose::Edit, id)),
            Command::Duplicate(id) => {
                self.pending_read = Some(read_whole(Purpose::Duplicate, id));
            }
            Command::MergeInto(id) => {
                self.pending_read = Some(read_whole(Purpose::MergeInto, id));
            }
            Command::OpenConflict(id) => {
                self.pending_read = Some(PendingRead::Conflict(workspace.read_soon(
                    id,
                    move |s| Ok((s.conflict(id)?, s.shown_version(id)?)),
                    wake_too,
                )));
            }
            Command::NewIncident => self.form.open_new(jiff::Zoned::now().date()),
            Command::NewFromText => self.from_text.show(),
            Command::OpenProposed(incident) => self.form.open_proposed(&incident, workspace),
            Command::PlacePin { lon, lat } => self.form.place_at(lon, lat),
            Command::OpenImport(path) => self.import.open_file(path.as_deref()),
            Command::OpenExport => self.export.open = true,
            Command::ShowServer => self.server.open = true,
            Command::SaveMapPicture { path, width } => self.picture_asked = Some((path, width)),
            Command::WriteReport {
                path,
                options,
                format,
            } => self.report_asked = Some((path, *options, format)),
            _ => unreachable!("not a window"),
        }
        Ok(())
    }

    /// Opens what a read on the reader worker was for, once it has come.
    pub(in crate::app) fn take_pending_read(&mut self) {
        let (Some(pending), Ok(workspace)) = (&self.pending_read, &self.state) else {
            return;
        };
        let gone = || anyhow::anyhow!(crate::tr!("form-duplicate-gone"));
        let outcome: Result<()> = match pending {
            PendingRead::Record(purpose, arriving) => match arriving.poll() {
                Arrival::Waiting => return,
                Arrival::Lost => Err(anyhow::anyhow!("reading the record stopped")),
                Arrival::Came(read) => (|| {
                    let incident = read.map_err(anyhow::Error::msg)?.ok_or_else(gone)?;
                    match purpose {
                        Purpose::Edit => self.form.open_edit(&incident, workspace),
                        Purpose::Duplicate => self.form.open_copy(&incident, workspace),
                        Purpose::MergeInto => self.form.merge_into(&incident, workspace),
                    }
                    Ok(())
                })(),
            },
            PendingRead::Conflict(arriving) => match arriving.poll() {
                Arrival::Waiting => return,
                Arrival::Lost => Err(anyhow::anyhow!("reading the conflict stopped")),
                Arrival::Came(read) => (|| {
                    let (conflict, shown) = read.map_err(anyhow::Error::msg)?;
                    let conflict = conflict
                        .ok_or_else(|| anyhow::anyhow!("that incident has no conflict any more"))?;
                    self.conflict_view.open(arriving.key, conflict, shown);
                    Ok(())
                })(),
            },
        };
        self.pending_read = None;
        if let Err(e) = outcome {
            self.error = Some(format!("{e:#}"));
        }
    }
}
