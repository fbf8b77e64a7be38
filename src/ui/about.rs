//! The About box: what panj is, and credit for the data it ships.

use crate::tr;
use crate::ui::Panel;
use crate::ui::map_panel::offline_attribution;
use crate::workspace::{Command, Workspace};

/// The About window, shown while `open`.
#[derive(Default)]
pub struct About {
    pub open: bool,
}

impl Panel for About {
    fn ui(&mut self, ui: &mut egui::Ui, _: &Workspace, _: &mut Vec<Command>) {
        window(ui.ctx(), &mut self.open);
    }
}

fn window(ctx: &egui::Context, open: &mut bool) {
    egui::Window::new(tr!("about-about-panj"))
        .open(open)
        .collapsible(false)
        .resizable(false)
        .default_width(420.0)
        .show(ctx, |ui| {
            ui.heading(tr!("about-panj"));
            ui.label(tr!(
                "about-version",
                version = crate::build_info::VERSION_LINE
            ));
            ui.label(tr!("about-record-and-explore-violent"));
            ui.add_space(8.0);
            ui.strong(tr!("about-map-data"));
            ui.label(offline_attribution());
            ui.label(tr!("about-country-borders-and-first"));
            ui.label(tr!("about-online-layers-when-switched"));
            ui.add_space(8.0);
            // The rest of what panj ships or reads, not only the map.
            ui.strong(tr!("about-other-credits"));
            ui.label(tr!("about-fonts"));
            ui.label(tr!("about-data-sets"));
            ui.add_space(8.0);
            ui.strong(tr!("about-keyboard"));
            egui::Grid::new("about_keys").show(ui, |ui| {
                for (key, what) in [
                    ("+ / −".to_string(), tr!("about-key-zoom")),
                    ("F".to_string(), tr!("about-key-fit")),
                    ("0".to_string(), tr!("about-key-reset")),
                    (tr!("about-key-shift-drag"), tr!("about-key-pick")),
                    ("Esc".to_string(), tr!("about-key-clear")),
                ] {
                    ui.monospace(key);
                    ui.label(what);
                    ui.end_row();
                }
            });
        });
}
