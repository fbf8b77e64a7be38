//! The panels of the main window, one file each. A panel is a struct with
//! its own UI state and a `ui` method that takes the shared state it shows.

pub mod about;
pub mod conflict_view;
pub mod details;
pub mod export_dialog;
pub mod filter_panel;
pub mod fonts;
pub mod from_text;
pub mod import_dialog;
pub mod incident_form;
pub mod incident_list;
pub mod map_panel;
pub mod map_picture;
pub mod raster;
pub mod server_window;
pub mod statistics;
pub mod text;
pub mod timeline;
