//! The desktop application: owns the store and the shared view state, lays
//! out the panels of `crate::ui`, and carries out the [`Command`]s they
//! send, in one place.

use crate::filter::{ActorDirectory, BBox, Filter};
use crate::map::style::ActorPalette;
use crate::model::Incident;
use crate::store::Store;
use crate::ui::incident_list::{self, IncidentList};
use crate::ui::map_panel::{MapPanel, MapSettings};
use anyhow::Result;
use std::path::PathBuf;
use uuid::Uuid;

const MAP_SETTINGS_KEY: &str = "map";

/// Opens the main window on the database the user chose.
pub fn run(db: Option<PathBuf>) -> Result<()> {
    let opened = crate::cli::open_database(db);
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("panj")
            .with_app_id("panj")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([640.0, 400.0]),
        ..Default::default()
    };
    eframe::run_native(
        "panj",
        options,
        Box::new(move |cc| {
            let settings = cc
                .storage
                .and_then(|s| eframe::get_value::<MapSettings>(s, MAP_SETTINGS_KEY))
                .unwrap_or_default();
            Ok(Box::new(PanjApp::with_settings(
                opened,
                settings,
                tile_cache_dir(),
            )))
        }),
    )
    .map_err(|e| anyhow::anyhow!("cannot open the window: {e}"))
}

/// Where downloaded map tiles are kept, when the analyst allows them.
fn tile_cache_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("org", "panj", "panj").map(|d| d.cache_dir().join("tiles"))
}

/// What the panels change: sent by panels, carried out by
/// [`PanjApp::apply`] after the frame is drawn.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Select one incident everywhere (map, table, details), or none.
    Select(Option<Uuid>),
    /// Keep only incidents inside this map rectangle, or drop that rule.
    SetArea(Option<BBox>),
    /// Keep only incidents within this many km of the border, or all.
    SetNearBorder(Option<f64>),
}

/// What the panels show, loaded from the store.
pub struct Workspace {
    pub store: Store,
    pub actors: ActorDirectory,
    pub palette: ActorPalette,
    pub filter: Filter,
    pub incidents: Vec<Incident>,
    pub selected: Option<Uuid>,
    /// Bumped whenever `incidents` is reloaded, so panels know to rebuild
    /// what they derive from it.
    pub generation: u64,
}

impl Workspace {
    pub fn load(store: Store) -> Result<Workspace> {
        let actors = store.actor_directory()?;
        let palette = ActorPalette::new(actors.iter().map(|a| a.id));
        let filter = Filter::default();
        let incidents = store.query(&filter)?;
        Ok(Workspace {
            store,
            actors,
            palette,
            filter,
            incidents,
            selected: None,
            generation: 0,
        })
    }

    /// Runs the filter again.
    pub fn reload(&mut self) -> Result<()> {
        self.incidents = self.store.query(&self.filter)?;
        self.generation += 1;
        if let Some(id) = self.selected
            && !self.incidents.iter().any(|i| i.id == id)
        {
            self.selected = None;
        }
        Ok(())
    }
}

/// The top-level eframe application.
pub struct PanjApp {
    state: Result<Workspace, String>,
    list: IncidentList,
    pub map: MapPanel,
    about_open: bool,
    /// The last error a command met, shown until dismissed.
    error: Option<String>,
}

impl PanjApp {
    /// The app over an opened database, or showing why it could not be opened.
    pub fn new(opened: Result<Store>) -> Self {
        PanjApp::with_settings(opened, MapSettings::default(), None)
    }

    pub fn with_settings(
        opened: Result<Store>,
        map: MapSettings,
        tile_cache: Option<PathBuf>,
    ) -> Self {
        let state = opened
            .and_then(Workspace::load)
            .map_err(|e| format!("{e:#}"));
        PanjApp {
            state,
            list: IncidentList::default(),
            map: MapPanel::new(map, tile_cache),
            about_open: false,
            error: None,
        }
    }

    pub fn workspace(&self) -> Option<&Workspace> {
        self.state.as_ref().ok()
    }

    /// Carries out one command.
    pub fn apply(&mut self, command: Command) {
        let Ok(workspace) = &mut self.state else {
            return;
        };
        let reload = match command {
            Command::Select(id) => {
                workspace.selected = id;
                false
            }
            Command::SetArea(area) => {
                workspace.filter.bbox = area;
                true
            }
            Command::SetNearBorder(km) => {
                workspace.filter.max_border_km = km;
                true
            }
        };
        if reload && let Err(e) = workspace.reload() {
            self.error = Some(format!("{e:#}"));
        }
    }

    /// Draws one frame; `eframe::App::ui` and UI tests both call this.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let workspace = match &mut self.state {
            Ok(workspace) => workspace,
            Err(message) => {
                egui::CentralPanel::default().show(ui, |ui| {
                    ui.vertical_centered(|ui| {
                        ui.add_space(ui.available_height() / 3.0);
                        ui.heading("panj could not open its database");
                        ui.add_space(8.0);
                        ui.label(message.as_str());
                        ui.add_space(8.0);
                        ui.label("Choose another file with --db PATH or the PANJ_DB variable.");
                    });
                });
                return;
            }
        };
        let mut commands = Vec::new();
        egui::Panel::top("toolbar").show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.strong("panj");
                ui.separator();
                filter_chips(ui, &workspace.filter, &mut commands);
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui.button("About").clicked() {
                        self.about_open = true;
                    }
                });
            });
        });
        egui::Panel::bottom("status").show(ui, |ui| {
            ui.horizontal(|ui| {
                let path = workspace
                    .store
                    .path()
                    .map(|p| p.display().to_string())
                    .unwrap_or_else(|| "in memory".into());
                ui.label(format!("{} incidents", workspace.incidents.len()));
                ui.separator();
                ui.label(path);
                if workspace.store.is_read_only() {
                    ui.separator();
                    ui.colored_label(
                        ui.visuals().warn_fg_color,
                        "read-only: changes cannot be saved",
                    );
                }
                if let Some(error) = &self.error {
                    ui.separator();
                    ui.colored_label(ui.visuals().error_fg_color, error);
                }
            });
        });
        if let Some(incident) = workspace
            .selected
            .and_then(|id| workspace.incidents.iter().find(|i| i.id == id))
        {
            egui::Panel::right("incident_details")
                .resizable(true)
                .default_size(340.0)
                .show(ui, |ui| {
                    ui.horizontal(|ui| {
                        ui.with_layout(egui::Layout::right_to_left(egui::Align::Min), |ui| {
                            if ui.small_button("×").on_hover_text("Close").clicked() {
                                commands.push(Command::Select(None));
                            }
                        });
                    });
                    incident_list::details(ui, incident, &workspace.actors)
                });
        }
        egui::Panel::bottom("incident_table")
            .resizable(true)
            .default_size(200.0)
            .min_size(80.0)
            .show(ui, |ui| {
                self.list.ui(ui, workspace, &mut commands);
            });
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| {
                self.map.ui(ui, workspace, &mut commands);
            });
        crate::ui::about::window(ui.ctx(), &mut self.about_open);
        for command in commands {
            self.apply(command);
        }
    }
}

/// The map-made filter rules, each with a button to drop it, and the
/// near-the-border switch.
fn filter_chips(ui: &mut egui::Ui, filter: &Filter, commands: &mut Vec<Command>) {
    let mut near = filter.max_border_km.is_some();
    let mut km = filter.max_border_km.unwrap_or(10.0);
    if ui
        .checkbox(&mut near, "Within")
        .on_hover_text("Only incidents this close to the Tajik–Afghan border, either side")
        .changed()
    {
        commands.push(Command::SetNearBorder(near.then_some(km)));
    }
    let drag = ui.add_enabled(
        near,
        egui::DragValue::new(&mut km)
            .range(0.0..=500.0)
            .speed(0.5)
            .suffix(" km"),
    );
    if drag.changed() {
        commands.push(Command::SetNearBorder(Some(km)));
    }
    ui.label("of the border");
    if let Some(area) = filter.bbox {
        ui.separator();
        ui.label(format!(
            "Area {:.2}–{:.2}° E, {:.2}–{:.2}° N",
            area.min_lon, area.max_lon, area.min_lat, area.max_lat
        ));
        if ui
            .small_button("×")
            .on_hover_text("Drop the area rule")
            .clicked()
        {
            commands.push(Command::SetArea(None));
        }
    }
}

impl eframe::App for PanjApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        PanjApp::ui(self, ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, MAP_SETTINGS_KEY, &self.map.settings_to_save());
    }
}
