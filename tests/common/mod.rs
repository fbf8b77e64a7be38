//! Helpers the end-to-end tests share: running the `panj` binary on a
//! database, and an app over the seeded in-memory store.
// Each test file uses some of these; the others would warn as unused.
#![allow(dead_code)]

pub mod postgres;
pub mod team;

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

/// Standard output and standard error of a run, together.
pub fn said(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// Starts `panj --db DB ARGS…` without waiting for it, output captured.
pub fn spawn_panj(db: &Path, args: &[&str]) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_panj"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("PANJ_DB")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start panj")
}

/// A database file holding the seed, made through the library.
pub fn seeded_file(path: &Path) {
    let mut store = Store::open(path).unwrap();
    seed::seed(&mut store).unwrap();
}

/// How many incidents (live and deleted) the database at `path` holds.
pub fn incidents_in(path: &Path) -> i64 {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.query_row("SELECT count(*) FROM incidents", [], |r| r.get(0))
        .unwrap()
}

/// The window over an in-memory database holding the seed.
pub fn seeded_app() -> PanjApp {
    let mut store = Store::open_in_memory().unwrap();
    seed::seed(&mut store).unwrap();
    PanjApp::new(Ok(store))
}

/// The short id of the `n`th incident a `panj list` printed (0: the first).
pub fn listed_id(listing: &str, n: usize) -> String {
    listing
        .lines()
        .nth(n + 1)
        .and_then(|line| line.split_whitespace().next())
        .expect("a listed incident")
        .to_string()
}
