//! Writes: saves, deletes, restores, undo and redo, conflicts resolved,
//! the analyst's name. Each is one transaction (`Store::write`); the
//! workspace is then brought in step for the one record. Whatever a write
//! needs to read is read in its own transaction, not before it.

use crate::app::{Change, PanjApp, UndoStack};
use crate::model::Incident;
use crate::tr;
use crate::workspace::{Command, Saving, Workspace};
use anyhow::Result;
use uuid::Uuid;

impl PanjApp {
    pub(super) fn apply_write(&mut self, command: Command) -> Result<()> {
        let Ok(workspace) = &mut self.state else {
            return Ok(());
        };
        match command {
            Command::Delete(id) => {
                let stored = delete(workspace, id)?;
                self.deleted_notice =
                    Some(tr!("app-moved-to-trash", title = stored.title.as_str()));
                self.undo.record(Change::Deleted { stored });
            }
            Command::Restore(id) => {
                let stored = restore(workspace, id)?;
                self.undo.record(Change::Restored { stored });
            }
            Command::SaveIncident(saving) => match save(workspace, *saving) {
                Ok(change) => {
                    let id = change.id();
                    self.undo.record(change);
                    self.form.saved();
                    select(workspace, id);
                }
                // Said in the form, which stays open with the record.
                Err(e) => self.form.save_failed(format!("{e:#}")),
            },
            Command::Undo => undo_or_redo(workspace, &mut self.undo, true)?,
            Command::Redo => undo_or_redo(workspace, &mut self.undo, false)?,
            Command::Resolve { id, heads, record } => {
                workspace.store_mut().resolve(id, &heads, &record)?;
                self.conflict_view.close();
                workspace.refresh_incident(id)?;
                select(workspace, id);
            }
            Command::SetAnalyst(name) => {
                workspace.store_mut().set_analyst(&name)?;
                // As the store keeps it (trimmed).
                workspace.analyst = crate::store::versions::analyst_name(&name)?;
            }
            _ => unreachable!("not a write"),
        }
        Ok(())
    }
}

fn select(workspace: &mut Workspace, id: Uuid) {
    workspace.selected = Some(id);
    workspace.selection = [id].into();
}

/// The listed version of `id`, which a write starts from.
fn listed_version(workspace: &Workspace, id: Uuid) -> Result<i64> {
    workspace
        .incident(id)
        .map(|i| i.listed.version)
        .ok_or_else(|| anyhow::anyhow!("the incident is no longer loaded"))
}

pub(in crate::app) fn delete(workspace: &mut Workspace, id: Uuid) -> Result<Incident> {
    let version = listed_version(workspace, id)?;
    let stored = workspace.store_mut().delete_incident(id, version)?;
    workspace.refresh_incident(id)?;
    Ok(stored)
}

pub(in crate::app) fn restore(workspace: &mut Workspace, id: Uuid) -> Result<Incident> {
    let version = listed_version(workspace, id)?;
    let stored = workspace.store_mut().restore_incident(id, version)?;
    workspace.refresh_incident(id)?;
    select(workspace, id);
    Ok(stored)
}

/// Stores the form's record with the actors and sources made in it, in
/// one transaction that also reads the record as it was (for undo) and
/// as stored; the change, for undo.
pub(in crate::app) fn save(workspace: &mut Workspace, saving: Saving) -> Result<Change> {
    let Saving {
        is_new,
        incident,
        new_actors,
        new_sources,
    } = saving;
    let (before, stored) = workspace.store_mut().write("the incident", |w| {
        let before = if is_new {
            None
        } else {
            Some(
                w.incident(incident.id)?
                    .ok_or(crate::store::StoreError::IncidentNotFound(incident.id))?,
            )
        };
        for actor in &new_actors {
            w.upsert_actor(actor)?;
        }
        for source in &new_sources {
            w.upsert_source(source)?;
        }
        let written = if is_new {
            w.insert_incident(&incident)?;
            incident.clone()
        } else {
            w.update_incident(&incident)?
        };
        let stored = w.incident(written.id)?.unwrap_or(written);
        Ok((before, stored))
    })?;
    workspace.refresh_incident(stored.id)?;
    Ok(match before {
        None => Change::Inserted { stored },
        Some(other) => Change::Updated {
            stored,
            other: Box::new(other),
        },
    })
}

/// Undoes (or redoes) the last change; an empty stack does nothing.
pub(in crate::app) fn undo_or_redo(
    workspace: &mut Workspace,
    stack: &mut UndoStack,
    undo: bool,
) -> Result<()> {
    let touched = if undo {
        stack.undo(workspace.store_mut())
    } else {
        stack.redo(workspace.store_mut())
    };
    let id = match touched {
        Ok(Some(id)) => id,
        Ok(None) => return Ok(()),
        Err(e) => {
            // A refused step may have met a change made elsewhere: the
            // window reads the database again to show it.
            workspace.reload()?;
            return Err(e.into());
        }
    };
    workspace.refresh_incident(id)?;
    if workspace.kept_rows().any(|i| i.id() == id) {
        select(workspace, id);
    }
    Ok(())
}
