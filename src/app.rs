//! The desktop application: owns the store and the shared view state, and
//! lays out the panels of `crate::ui`.

use crate::filter::{ActorDirectory, Filter};
use crate::model::Incident;
use crate::store::Store;
use crate::ui::incident_list::IncidentList;
use anyhow::Result;
use std::path::PathBuf;

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
        Box::new(move |_cc| Ok(Box::new(PanjApp::new(opened)))),
    )
    .map_err(|e| anyhow::anyhow!("cannot open the window: {e}"))
}

/// What the panels show, loaded from the store.
pub struct Workspace {
    pub store: Store,
    pub actors: ActorDirectory,
    pub filter: Filter,
    pub incidents: Vec<Incident>,
}

impl Workspace {
    pub fn load(store: Store) -> Result<Workspace> {
        let actors = store.actor_directory()?;
        let filter = Filter::default();
        let incidents = store.query(&filter)?;
        Ok(Workspace {
            store,
            actors,
            filter,
            incidents,
        })
    }
}

/// The top-level eframe application.
pub struct PanjApp {
    state: Result<Workspace, String>,
    list: IncidentList,
}

impl PanjApp {
    /// The app over an opened database, or showing why it could not be opened.
    pub fn new(opened: Result<Store>) -> Self {
        let state = opened
            .and_then(Workspace::load)
            .map_err(|e| format!("{e:#}"));
        PanjApp {
            state,
            list: IncidentList::default(),
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
            });
        });
        egui::CentralPanel::default().show(ui, |ui| {
            self.list.ui(ui, &workspace.incidents, &workspace.actors);
        });
    }
}

impl eframe::App for PanjApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        PanjApp::ui(self, ui);
    }
}
