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

/// The passphrase of every test database when the suite runs with
/// `PANJ_TEST_ENCRYPTED=1` (`.ci/run` runs the command-line suite so once).
pub const TEST_PASSPHRASE: &str = "test suite passphrase";

/// Whether this run keeps every test database encrypted.
pub fn encrypted_run() -> bool {
    std::env::var_os("PANJ_TEST_ENCRYPTED").is_some_and(|v| v == "1")
}

/// A file holding [`TEST_PASSPHRASE`], for `PANJ_PASSPHRASE_FILE`.
pub fn test_passphrase_file() -> std::path::PathBuf {
    let path = std::env::temp_dir().join(format!("panj-test-passphrase-{}", std::process::id()));
    if !path.exists() {
        std::fs::write(&path, TEST_PASSPHRASE).unwrap();
    }
    path
}

/// A plain SQLite connection to a test database (given the test
/// passphrase when the file is encrypted), to look at its tables.
pub fn sql_connection(db: &Path) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(db).unwrap();
    if panj::store::secret::is_encrypted(db) {
        conn.pragma_update(None, "key", TEST_PASSPHRASE).unwrap();
    }
    conn
}

/// `panj --db DB ARGS…`, never on the analyst's `PANJ_DB`; in an
/// encrypted run, with the test passphrase.
fn panj_command(db: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_panj"));
    command.arg("--db").arg(db).args(args).env_remove("PANJ_DB");
    command.env_remove("PANJ_PASSPHRASE_FILE");
    if encrypted_run() {
        command.env("PANJ_PASSPHRASE_FILE", test_passphrase_file());
        panj::store::secret::remember(
            db,
            panj::store::secret::Passphrase::new(TEST_PASSPHRASE).unwrap(),
        );
    }
    command
}

/// Runs `panj --db DB ARGS…`, never on the analyst's `PANJ_DB`.
pub fn panj(db: &Path, args: &[&str]) -> Output {
    panj_command(db, args).output().expect("run panj")
}

/// Runs `panj --db DB ARGS…` with `env` set and `stdin` as its standard
/// input.
pub fn panj_with(db: &Path, args: &[&str], env: &[(&str, &Path)], stdin: &str) -> Output {
    use std::io::Write;
    let mut command = panj_command(db, args);
    for (name, value) in env {
        command.env(name, value);
    }
    let mut child = command
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start panj");
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.as_bytes()).unwrap();
    drop(input);
    child.wait_with_output().expect("run panj")
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
    panj_command(db, args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start panj")
}

/// A database file holding the seed, made through the library; the
/// store it was made with.
pub fn seeded_file(path: &Path) -> Store {
    if encrypted_run() {
        panj::store::secret::remember(
            path,
            panj::store::secret::Passphrase::new(TEST_PASSPHRASE).unwrap(),
        );
    }
    let mut store = Store::open(path).unwrap();
    seed::seed(&mut store).unwrap();
    store
}

/// How many incidents (live and deleted) the database at `path` holds.
pub fn incidents_in(path: &Path) -> i64 {
    let conn = rusqlite::Connection::open(path).unwrap();
    if panj::store::secret::is_encrypted(path) {
        conn.pragma_update(None, "key", TEST_PASSPHRASE).unwrap();
    }
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

/// How many frames `Harness::run` may draw before it calls the window
/// restless. A worker reading a record for the details pane needs real
/// time and the pane's spinner repaints meanwhile; kittest's default, 4
/// frames (and 100 more to diagnose), is a few milliseconds: less than
/// one read takes when CI runs every suite at once.
const FRAMES_TO_SETTLE: u64 = 5_000;

/// The window over `app`, 1280 points wide and `height` tall (taller
/// windows put scrolled-off controls in the accessibility tree).
pub fn window(app: PanjApp, height: f32) -> egui_kittest::Harness<'static, PanjApp> {
    egui_kittest::Harness::builder()
        .with_size(egui::vec2(1280.0, height))
        .with_max_steps(FRAMES_TO_SETTLE)
        .build_ui_state(|ui, app: &mut PanjApp| app.ui(ui), app)
}

/// Runs frames until a text field labelled `label` shows (a form that
/// opens once its record is read on the reader worker), or fails after a
/// few seconds.
pub fn wait_for_field(harness: &mut egui_kittest::Harness<'_, PanjApp>, label: &str) {
    use egui_kittest::kittest::Queryable;
    for _ in 0..1000 {
        harness.step();
        let role = egui::accesskit::Role::TextInput;
        if harness
            .query_all_by_role_and_label(role, label)
            .next()
            .is_some()
        {
            harness.run();
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("'{label}' never showed");
}

/// Runs frames until a label containing `text` shows (a worker thread
/// needs real time), or fails after a few seconds.
pub fn wait_for(harness: &mut egui_kittest::Harness<'_, PanjApp>, text: &str) {
    use egui_kittest::kittest::{NodeT, Queryable};
    for _ in 0..1000 {
        harness.step();
        if harness.query_all_by_label_contains(text).next().is_some() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let shown: Vec<String> = harness
        .query_all_by_label_contains("")
        .filter_map(|n| n.accesskit_node().label())
        .collect();
    panic!("'{text}' never showed; the window shows {shown:?}");
}
