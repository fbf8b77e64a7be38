//! The map: projection, the offline basemap, the incident layer with its
//! clusters, and the tile sources an analyst may switch on.
//!
//! Drawing here is pure painting onto an `egui::Painter` given a
//! [`projection::Viewport`]; the panel in `crate::ui::map_panel` owns the
//! walkers widget and turns clicks into commands.

pub mod basemap_layer;
pub mod cluster;
pub mod incident_layer;
pub mod incidents;
pub mod projection;
pub mod style;
pub mod tiles;
