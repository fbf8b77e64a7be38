//! Moving records in and out of panj: the built-in seed data, synthetic
//! data for benchmarks, and imports of the data sets analysts hold (ACLED and
//! UCDP GED CSV today; panj's own CSV and GeoJSON to come), with their exports.

pub mod acled;
pub mod export;
pub mod import;
pub mod seed;
pub mod synthetic;
pub mod table;
pub mod ucdp;
