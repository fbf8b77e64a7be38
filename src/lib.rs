//! panj: record and explore violent incidents along the Tajik–Afghan border.
//!
//! The crate is laid out by job: [`model`] holds the plain data types,
//! [`store`] the SQLite database, [`filter`] what an analyst asks for,
//! [`exchange`] the file formats, [`cli`] the command line and [`app`] with
//! [`ui`] the desktop window.

pub mod app;
pub mod background;
pub mod bench;
pub mod build_info;
pub mod cli;
pub mod exchange;
pub mod extract;
pub mod filter;
pub mod geo;
pub mod lang;
pub mod map;
pub mod model;
pub mod reading;
pub mod report;
pub mod server;
pub mod store;
pub mod ui;
pub mod workspace;
