//! Geography that ships with panj: the region's countries and the
//! Tajik–Afghan border from `assets/`, and measurements against them.
//!
//! The data is built into the binary, so nothing here reads files or the
//! network at run time.

mod border;
mod geojson;

pub use border::{Border, BorderDistance};
pub use geojson::GeoJsonError;
