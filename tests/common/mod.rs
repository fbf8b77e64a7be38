//! Helpers the end-to-end tests share: running the `panj` binary on a
//! database, and an app over the seeded in-memory store.
// Each test file uses some of these; the others would warn as unused.
#![allow(dead_code)]

use panj::app::PanjApp;
use panj::exchange::seed;
use panj::store::Store;
use std::path::Path;
use std::process::{Command, Output};

/// Runs `panj --db DB ARGS…`, never on the analyst's `PANJ_DB`.
pub fn panj(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_panj"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("PANJ_DB")
        .output()
        .expect("run panj")
}

/// The window over an in-memory database holding the seed.
pub fn seeded_app() -> PanjApp {
    let mut store = Store::open_in_memory().unwrap();
    seed::seed(&mut store).unwrap();
    PanjApp::new(Ok(store))
}
