//! Moving records in and out of panj: the built-in seed data, synthetic
//! data for benchmarks, and imports of the data sets analysts hold (ACLED and
//! UCDP GED as CSV or GeoJSON, panj's own CSV and GeoJSON), with their exports.

pub mod acled;
pub mod export;
pub mod geopackage;
pub mod import;
pub mod own;
pub mod placing;
pub mod seed;
pub mod spreadsheet;
pub mod synthetic;
pub mod table;
pub mod ucdp;
