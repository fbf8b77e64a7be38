//! The ways to run the app, and the only part of `app` the layers above
//! it (`cli`, `bench`) use: in its window ([`window`]); headless, frame
//! by frame, for the benchmarks ([`Headless`]); and its situation report
//! without a window, with the same map pictures ([`report`]).

use super::report::prepare;
use super::{MAP_SETTINGS_KEY, PanjApp, WORKSPACE_SETTINGS_KEY};
use crate::exchange::export::Exported;
use crate::filter::Filter;
use crate::report::{ReportFormat, ReportOptions};
use crate::store::Store;
use crate::ui::map_panel::MapSettings;
use crate::workspace::{Command, Workspace, WorkspaceSettings};
use anyhow::Result;
use std::path::{Path, PathBuf};

/// The window's icon: the same picture the desktop entry shows.
fn window_icon() -> egui::IconData {
    eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icons/panj-64.png"))
        .unwrap_or_default()
}

/// Opens the main window on the database the user chose.
///
/// An encrypted database opens with a passphrase given on standard input
/// or in `PANJ_PASSPHRASE_FILE`; otherwise the window asks for it.
pub fn window(db: Option<PathBuf>, passphrases: &crate::workspace::Passphrases) -> Result<()> {
    let window_asks = crate::workspace::Passphrases::default();
    let sources = if passphrases.given() {
        passphrases
    } else {
        &window_asks
    };
    let opened = crate::workspace::open_database(db, sources);
    // An encrypted database's daily backup starts once it is read.
    if let Ok(store) = &opened
        && !store.is_read_only()
        && !store.is_encrypted()
        && let Some(path) = store.path()
    {
        crate::workspace::daily_backup_in_background(path.to_path_buf());
    }
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("panj")
            .with_app_id("panj")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([640.0, 400.0])
            .with_icon(window_icon()),
        ..Default::default()
    };
    eframe::run_native(
        "panj",
        options,
        Box::new(move |cc| {
            let map = cc
                .storage
                .and_then(|s| eframe::get_value::<MapSettings>(s, MAP_SETTINGS_KEY))
                .unwrap_or_default();
            let workspace = cc
                .storage
                .and_then(|s| eframe::get_value::<WorkspaceSettings>(s, WORKSPACE_SETTINGS_KEY))
                .unwrap_or_default();
            let app = PanjApp::loading_in_background(opened, map, workspace, tile_cache_dir())
                .following_the_system_language(crate::lang::Language::system());
            Ok(Box::new(match crate::workspace::draft::draft_file() {
                Some(path) => app.with_draft_file(path),
                None => app,
            }))
        }),
    )
    .map_err(|e| anyhow::anyhow!("cannot open the window: {e}"))
}

/// Where downloaded map tiles are kept, when the analyst allows them.
pub(super) fn tile_cache_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("org", "panj", "panj").map(|d| d.cache_dir().join("tiles"))
}

/// The app without a window: each frame is run by the caller's egui
/// context, as eframe would (`panj bench` times them).
pub struct Headless {
    app: PanjApp,
}

impl Headless {
    /// The app over `store`, its workspace loaded before this returns.
    pub fn loaded(store: Store) -> Headless {
        Headless {
            app: PanjApp::new(Ok(store)),
        }
    }

    /// The app over `store` as the window opens it: drawing at once while
    /// the workspace is read on a worker.
    pub fn loading(store: Store) -> Headless {
        Headless {
            app: PanjApp::loading_in_background(
                Ok(store),
                MapSettings::default(),
                WorkspaceSettings::default(),
                None,
            ),
        }
    }

    /// One frame's UI, in the caller's `ctx.run_ui`.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        self.app.ui(ui);
    }

    /// Carries out `command` as a panel's would be.
    pub fn apply(&mut self, command: Command) {
        self.app.apply(command);
    }

    pub fn workspace(&self) -> Option<&Workspace> {
        self.app.workspace()
    }

    pub fn is_loading(&self) -> bool {
        self.app.is_loading()
    }

    /// Whether the map shows the current filter (see [`PanjApp::map_in_step`]).
    pub fn map_in_step(&self) -> bool {
        self.app.map_in_step()
    }

    /// How long after the load began the map block was drawn, and how
    /// many incidents it held.
    pub fn map_before_records(&self) -> Option<(std::time::Duration, usize)> {
        self.app.map_before_records()
    }

    pub fn wait_until_records_freed(&mut self) {
        self.app.wait_until_records_freed();
    }
}

/// `panj report`: the situation report of what `filter` keeps in `store`,
/// its map fitted to the incidents, written to `out` (never over the
/// database `db`).
pub fn report(
    store: Store,
    filter: Filter,
    options: ReportOptions,
    db: Option<&Path>,
    out: &Path,
    format: ReportFormat,
) -> Result<Exported> {
    let mut workspace = Workspace::load(store)?;
    workspace.set_filter(filter);
    let words = crate::filter::words::describe(&workspace.filter, &workspace.actors);
    let prepared = prepare(&workspace, &words, options, None)?;
    Ok(prepared.write(db, out, format)?)
}
