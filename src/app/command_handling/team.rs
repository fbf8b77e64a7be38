//! Team work: bundles written and read, syncs with the server, each on a
//! worker with a connection of its own (`app/team.rs`).

use crate::app::PanjApp;
use crate::app::team::{TeamDone, bundle_work, team_work};
use crate::tr;
use crate::workspace::Command;
use anyhow::Result;

impl PanjApp {
    pub(super) fn apply_team(&mut self, command: Command) -> Result<()> {
        let Ok(workspace) = &mut self.state else {
            return Ok(());
        };
        match command {
            Command::WriteBundle(out) => bundle_work(workspace, &mut self.team, out, true),
            Command::ReadBundle(path) => bundle_work(workspace, &mut self.team, path, false),
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
            }
            _ => unreachable!("not team work"),
        }
        Ok(())
    }
}
