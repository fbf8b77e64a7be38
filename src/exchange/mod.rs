//! Moving records in and out of panj: the built-in seed data today; the
//! import and export formats (ACLED, UCDP, CSV, GeoJSON) sit beside it.

pub mod seed;
pub mod synthetic;
