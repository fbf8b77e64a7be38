//! Selection, filters and views: nothing is written.

use crate::app::PanjApp;
use crate::filter::Filter;
use crate::workspace::{Command, View};
use anyhow::Result;

impl PanjApp {
    pub(super) fn apply_selection(&mut self, command: Command) -> Result<()> {
        let wake = self.waker();
        let Ok(workspace) = &mut self.state else {
            return Ok(());
        };
        match command {
            Command::Select(id) => {
                workspace.selected = id;
                workspace.selection = id.into_iter().collect();
            }
            Command::SelectMany(ids) => {
                workspace.selected = ids.first().copied();
                workspace.selection = ids.into_iter().collect();
            }
            Command::SetFilter(filter) => workspace.set_filter_soon(*filter, wake),
            Command::SetArea(area) => {
                let filter = Filter {
                    bbox: area,
                    ..workspace.filter.clone()
                };
                workspace.set_filter_soon(filter, wake);
            }
            Command::SetNearBorder(km) => {
                let filter = Filter {
                    max_border_km: km,
                    ..workspace.filter.clone()
                };
                workspace.set_filter_soon(filter, wake);
            }
            Command::ShowConflicts(only) => workspace.show_only_conflicts_soon(only, wake),
            Command::ShowView(view) => self.view = view,
            Command::FitMap => {
                self.view = View::Map;
                self.map.fit_to_selection(workspace);
            }
            Command::RestoreMapView(memory) => self.map.restore_memory(*memory),
            _ => unreachable!("not a selection command"),
        }
        Ok(())
    }
}
