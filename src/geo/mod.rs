//! Geography that ships with panj: the region's countries, provinces,
//! places and the Tajik–Afghan border from `assets/`, and measurements
//! against them.
//!
//! The data is built into the binary, so nothing here reads files or the
//! network at run time.

mod basemap;
mod border;
pub mod coords;
pub mod gazetteer;
mod geojson;
pub mod names;

/// The region panj is made for, with a wide margin: (min lon, min lat,
/// max lon, max lat). The form warns outside it; imports may keep to it.
pub const REGION: [f64; 4] = [60.0, 30.0, 80.0, 45.0];

pub use basemap::{Area, Basemap, DETAIL_TOLERANCES, KEY_TOWNS, Place};
pub use border::{Border, BorderDistance, shipped_border};
pub use geojson::GeoJsonError;
