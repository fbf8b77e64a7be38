//! Carrying out the panels' commands, in one place: selection, filters,
//! saves, deletes, undo, windows, team work, lock.

use super::team::{TeamDone, bundle_work, team_work};
use super::{Change, PanjApp, UndoStack};
use crate::filter::Filter;
use crate::model::Incident;
use crate::tr;
use crate::workspace::{Command, Saving, View, Workspace};
use anyhow::Result;
use uuid::Uuid;

impl PanjApp {
    /// Carries out one command.
    pub fn apply(&mut self, command: Command) {
        match command {
            Command::Lock => return self.lock_now(),
            Command::SetLockAfter(minutes) => {
                self.lock_after_minutes = minutes;
                return;
            }
            Command::SetLanguage(language) => {
                self.language = language;
                return;
            }
            _ => {}
        }
        if matches!(command, Command::Reload) {
            if let Err(e) = self.reload() {
                self.error = Some(format!("{e:#}"));
            }
            return;
        }
        let wake = self.waker();
        let Ok(workspace) = &mut self.state else {
            return;
        };
        // A write that succeeds makes an earlier failure's message stale.
        let is_write = matches!(
            command,
            Command::Delete(_)
                | Command::Restore(_)
                | Command::Duplicate(_)
                | Command::SaveIncident(_)
                | Command::Undo
                | Command::Redo
                | Command::Resolve { .. }
        );
        let deleting = matches!(command, Command::Delete(_));
        let result: Result<()> = match command {
            Command::Select(id) => {
                workspace.selected = id;
                workspace.selection = id.into_iter().collect();
                Ok(())
            }
            Command::SelectMany(ids) => {
                workspace.selected = ids.first().copied();
                workspace.selection = ids.into_iter().collect();
                Ok(())
            }
            Command::SetFilter(filter) => {
                workspace.set_filter_soon(*filter, wake);
                Ok(())
            }
            Command::SetArea(area) => {
                let filter = Filter {
                    bbox: area,
                    ..workspace.filter.clone()
                };
                workspace.set_filter_soon(filter, wake);
                Ok(())
            }
            Command::SetNearBorder(km) => {
                let filter = Filter {
                    max_border_km: km,
                    ..workspace.filter.clone()
                };
                workspace.set_filter_soon(filter, wake);
                Ok(())
            }
            Command::Delete(id) => delete(workspace, id).map(|stored| {
                self.deleted_notice =
                    Some(tr!("app-moved-to-trash", title = stored.title.as_str()));
                self.undo.record(Change::Deleted { stored });
            }),
            Command::Restore(id) => restore(workspace, id),
            Command::Duplicate(id) => whole(workspace, id).map(|incident| {
                self.form.open_copy(&incident, workspace);
            }),
            Command::NewIncident => {
                self.form.open_new(jiff::Zoned::now().date());
                Ok(())
            }
            Command::NewFromText => {
                self.from_text.show();
                Ok(())
            }
            Command::OpenProposed(incident) => {
                self.form.open_proposed(&incident, workspace);
                Ok(())
            }
            Command::EditIncident(id) => whole(workspace, id).map(|incident| {
                self.form.open_edit(&incident, workspace);
            }),
            Command::SaveIncident(saving) => {
                match save(workspace, *saving) {
                    Ok(change) => {
                        let id = change.id();
                        self.undo.record(change);
                        self.form.saved();
                        workspace.selected = Some(id);
                        workspace.selection = [id].into();
                    }
                    Err(e) => self.form.save_failed(format!("{e:#}")),
                }
                Ok(())
            }
            Command::PlacePin { lon, lat } => {
                self.form.place_at(lon, lat);
                Ok(())
            }
            Command::Undo => undo_or_redo(workspace, &mut self.undo, true),
            Command::Redo => undo_or_redo(workspace, &mut self.undo, false),
            Command::ShowView(view) => {
                self.view = view;
                Ok(())
            }
            Command::FitMap => {
                self.view = View::Map;
                self.map.fit_to_selection(workspace);
                Ok(())
            }
            // Handled above: they may hand the workspace to a worker
            // thread, or drop it.
            Command::Reload
            | Command::Lock
            | Command::SetLockAfter(_)
            | Command::SetLanguage(_) => Ok(()),
            Command::OpenImport(path) => {
                self.import.open_file(path.as_deref());
                Ok(())
            }
            Command::OpenExport => {
                self.export.open = true;
                Ok(())
            }
            Command::ShowConflicts(only) => {
                workspace.show_only_conflicts_soon(only, wake);
                Ok(())
            }
            Command::OpenConflict(id) => (|| {
                let conflict = workspace
                    .store
                    .conflict(id)?
                    .ok_or_else(|| anyhow::anyhow!("that incident has no conflict any more"))?;
                let shown = workspace.store.shown_version(id)?;
                self.conflict_view.open(id, conflict, shown);
                Ok(())
            })(),
            Command::Resolve { id, heads, record } => workspace
                .store
                .resolve(id, &heads, &record)
                .map_err(anyhow::Error::from)
                .and_then(|_| {
                    self.conflict_view.close();
                    workspace.refresh_incident(id)?;
                    workspace.selected = Some(id);
                    workspace.selection = [id].into();
                    Ok(())
                }),
            Command::SetAnalyst(name) => workspace
                .store
                .set_analyst(&name)
                .map_err(anyhow::Error::from)
                .and_then(|()| {
                    workspace.analyst = workspace.store.analyst()?;
                    Ok(())
                }),
            Command::WriteBundle(out) => {
                bundle_work(workspace, &mut self.team, out, true);
                Ok(())
            }
            Command::ReadBundle(path) => {
                bundle_work(workspace, &mut self.team, path, false);
                Ok(())
            }
            Command::ShowServer => {
                self.server.open = true;
                Ok(())
            }
            Command::SaveMapPicture { path, width } => {
                self.picture_asked = Some((path, width));
                Ok(())
            }
            Command::WriteReport {
                path,
                options,
                format,
            } => {
                self.report_asked = Some((path, *options, format));
                Ok(())
            }
            Command::RestoreMapView(memory) => {
                self.map.restore_memory(*memory);
                Ok(())
            }
            Command::SyncServer { url, password } => {
                let what = tr!("app-syncing", server = url.trim());
                team_work(workspace, &mut self.team, what, move |store| {
                    let address =
                        crate::server::ServerAddress::parse(&url)?.with_password(&password);
                    let synced = crate::server::sync(store, &address)?;
                    Ok(TeamDone {
                        said: synced.to_string(),
                        // The last sync's time is shown, so read it back too.
                        changed: true,
                    })
                });
                Ok(())
            }
        };
        if is_write && !deleting {
            self.deleted_notice = None;
        }
        match result {
            Ok(()) if is_write => self.error = None,
            Ok(()) => {}
            Err(e) => self.error = Some(format!("{e:#}")),
        }
    }
}

/// The record `id` whole, as stored: the workspace keeps records only as
/// listed, and a form opened on one would save its summary, notes and
/// provenance away.
fn whole(workspace: &Workspace, id: Uuid) -> Result<Incident> {
    workspace
        .store
        .incident(id)?
        .ok_or_else(|| anyhow::anyhow!("the incident is gone from the database"))
}

pub(super) fn delete(workspace: &mut Workspace, id: Uuid) -> Result<Incident> {
    let version = workspace
        .incident(id)
        .map(|i| i.listed.version)
        .ok_or_else(|| anyhow::anyhow!("the incident is no longer loaded"))?;
    let stored = workspace.store.delete_incident(id, version)?;
    workspace.refresh_incident(id)?;
    Ok(stored)
}

pub(super) fn restore(workspace: &mut Workspace, id: Uuid) -> Result<()> {
    let incident = whole(workspace, id)?;
    workspace.store.restore_incident(id, incident.version)?;
    workspace.refresh_incident(id)?;
    workspace.selected = Some(id);
    workspace.selection = [id].into();
    Ok(())
}

/// Stores the form's record with the actors and sources made in it, in
/// one transaction; the change, for undo.
pub(super) fn save(workspace: &mut Workspace, saving: Saving) -> Result<Change> {
    let Saving {
        is_new,
        incident,
        new_actors,
        new_sources,
    } = saving;
    let before = if is_new {
        None
    } else {
        Some(
            workspace
                .store
                .incident(incident.id)?
                .ok_or_else(|| anyhow::anyhow!("the incident is gone from the database"))?,
        )
    };
    let stored = workspace.store.write("the incident", |w| {
        for actor in &new_actors {
            w.upsert_actor(actor)?;
        }
        for source in &new_sources {
            w.upsert_source(source)?;
        }
        if is_new {
            w.insert_incident(&incident)?;
            Ok(incident.clone())
        } else {
            w.update_incident(&incident)
        }
    })?;
    let stored = workspace.store.incident(stored.id)?.unwrap_or(stored);
    workspace.refresh_incident(stored.id)?;
    Ok(match before {
        None => Change::Inserted { stored },
        Some(other) => Change::Updated {
            stored,
            other: Box::new(other),
        },
    })
}

pub(super) fn undo_or_redo(
    workspace: &mut Workspace,
    stack: &mut UndoStack,
    undo: bool,
) -> Result<()> {
    let touched = if undo {
        stack.undo(&mut workspace.store)
    } else {
        stack.redo(&mut workspace.store)
    };
    let reloaded = match &touched {
        Ok(Some(id)) => workspace.refresh_incident(*id),
        _ => workspace.reload(),
    };
    let id = touched?;
    reloaded?;
    if let Some(id) = id
        && workspace.kept_rows().any(|i| i.id() == id)
    {
        workspace.selected = Some(id);
        workspace.selection = [id].into();
    }
    Ok(())
}
