//! Encrypted databases: after `panj encrypt` nothing of the records can be
//! read from the file, its WAL, its backups, a bundle or the draft; a wrong
//! passphrase changes nothing; a kill during a conversion leaves a
//! database the old or the new key opens; the window asks, unlocks and
//! locks.

mod common;

use common::{panj_with, said, wait_for};
use egui_kittest::kittest::Queryable;
use panj::app::{Command, PanjApp};
use panj::store::Store;
use panj::store::secret::{self, Passphrase};
use std::path::{Path, PathBuf};
use std::process::Output;

const PASSPHRASE: &str = "saffron tractor lantern";

/// What no encrypted file may give away: a seed title, place and actors.
const SECRETS: [&str; 4] = [
    "Chinese mining operation",
    "site not given",
    "Jamaat Ansarullah",
    "Tajik Border Troops",
];

struct Setup {
    _dir: tempfile::TempDir,
    dir: PathBuf,
    db: PathBuf,
    passphrase_file: PathBuf,
    /// XDG_DATA_HOME of the runs: where the form's draft.json lives.
    data: PathBuf,
}

impl Setup {
    fn new() -> Setup {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().to_path_buf();
        let passphrase_file = dir.join("passphrase");
        std::fs::write(&passphrase_file, format!("{PASSPHRASE}\n")).unwrap();
        Setup {
            db: dir.join("field.db"),
            data: dir.join("data"),
            passphrase_file,
            dir,
            _dir: tmp,
        }
    }

    /// `panj ARGS` on the database with nothing on standard input.
    fn run(&self, args: &[&str], with_passphrase: bool) -> Output {
        self.run_in(&self.db, args, with_passphrase)
    }

    fn run_in(&self, db: &Path, args: &[&str], with_passphrase: bool) -> Output {
        let mut env = vec![("XDG_DATA_HOME", self.data.as_path())];
        if with_passphrase {
            env.push(("PANJ_PASSPHRASE_FILE", self.passphrase_file.as_path()));
        }
        panj_with(db, args, &env, "")
    }

    fn ok(&self, args: &[&str], with_passphrase: bool) -> String {
        let output = self.run(args, with_passphrase);
        assert!(output.status.success(), "panj {args:?}: {}", said(&output));
        said(&output)
    }

    fn draft_file(&self) -> PathBuf {
        self.data.join("panj").join("draft.json")
    }
}

fn holds(path: &Path, text: &str) -> bool {
    let bytes = std::fs::read(path).unwrap_or_default();
    bytes
        .windows(text.len())
        .any(|window| window == text.as_bytes())
}

fn backups(db: &Path) -> Vec<PathBuf> {
    let dir = panj::store::backups::backup_dir(db);
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    found.sort();
    found
}

#[test]
fn after_panj_encrypt_no_record_can_be_read_from_any_file_panj_writes() {
    let setup = Setup::new();
    setup.ok(&["list"], false);
    setup.ok(&["backup"], false);
    std::fs::create_dir_all(setup.draft_file().parent().unwrap()).unwrap();
    std::fs::write(
        setup.draft_file(),
        r#"{"title":"Draft about Jamaat Ansarullah"}"#,
    )
    .unwrap();
    // The plain files hold every secret: the search below can find them.
    for secret in SECRETS {
        assert!(
            holds(&setup.db, secret),
            "the plain database holds {secret}"
        );
        for backup in backups(&setup.db) {
            assert!(
                holds(&backup, secret),
                "{} holds {secret}",
                backup.display()
            );
        }
    }

    let encrypted = setup.ok(&["encrypt"], true);
    assert!(
        encrypted.contains("encrypted: 3 incidents, and 2 backups with it"),
        "{encrypted}"
    );
    assert!(encrypted.contains("draft moved into it"), "{encrypted}");
    assert!(!setup.draft_file().exists(), "the plain draft is gone");

    // A write through a connection kept open leaves its WAL on disk.
    secret::remember(&setup.db, Passphrase::new(PASSPHRASE).unwrap());
    let mut store = Store::open(&setup.db).unwrap();
    let mut first = store
        .query(&panj::filter::Filter::default())
        .unwrap()
        .remove(0);
    first.title = "Retitled near Ishkashim by Jamaat Ansarullah".into();
    store.update_incident(&first).unwrap();
    let wal = PathBuf::from(format!("{}-wal", setup.db.display()));
    assert!(
        std::fs::metadata(&wal).unwrap().len() > 0,
        "a WAL to search"
    );

    let bundle = setup.dir.join("team.panjb");
    setup.ok(&["bundle", "write", bundle.to_str().unwrap()], true);
    setup.ok(&["backup"], true);
    let mut files = vec![setup.db.clone(), wal.clone(), bundle.clone()];
    files.extend(backups(&setup.db));
    assert_eq!(files.len(), 6, "database, WAL, bundle and three backups");
    for file in &files {
        for secret in SECRETS.iter().chain(&["Ishkashim", PASSPHRASE]) {
            assert!(
                !holds(file, secret),
                "{} gives away '{secret}'",
                file.display()
            );
        }
    }
    drop(store);

    // The team reads the bundle into a database with the same passphrase;
    // a plain database is told why it cannot.
    let teammate = setup.dir.join("teammate.db");
    let output = setup.run_in(&teammate, &["list"], true);
    assert!(output.status.success(), "{}", said(&output));
    let read = setup.run_in(
        &teammate,
        &["bundle", "read", bundle.to_str().unwrap()],
        true,
    );
    assert!(read.status.success(), "{}", said(&read));
    let listing = said(&setup.run_in(&teammate, &["list"], true));
    assert!(listing.contains("Retitled near Ishkashim"), "{listing}");
    let plain = setup.dir.join("plain.db");
    let refused = setup.run_in(&plain, &["bundle", "read", bundle.to_str().unwrap()], false);
    assert!(!refused.status.success());
    assert!(
        said(&refused).contains("it is encrypted (or not a SQLite file)"),
        "{}",
        said(&refused)
    );

    // The draft moved into the database, where the window finds it.
    let kept: String = {
        let store = Store::open(&setup.db).unwrap();
        store.setting("form.draft").unwrap().unwrap()
    };
    assert!(kept.contains("Draft about Jamaat Ansarullah"));

    let check = setup.ok(&["check"], true);
    assert!(check.contains("integrity       ok"), "{check}");
    // Exports are plain by nature, and the command line says so first.
    let csv = setup.dir.join("out.csv");
    let export = setup.ok(&["export", "--format", "csv", csv.to_str().unwrap()], true);
    assert!(
        export.contains("will not be: keep it as carefully"),
        "{export}"
    );
    assert!(holds(&csv, "Chinese mining operation"));
}

#[test]
fn a_wrong_or_missing_passphrase_is_one_sentence_and_changes_nothing() {
    let setup = Setup::new();
    setup.ok(&["list"], false);
    setup.ok(&["encrypt"], true);
    let before = std::fs::read(&setup.db).unwrap();

    let wrong = panj_with(
        &setup.db,
        &["--passphrase-stdin", "list"],
        &[],
        "not the passphrase\n",
    );
    assert!(!wrong.status.success());
    let message = said(&wrong);
    assert!(
        message.contains("that passphrase does not open"),
        "{message}"
    );
    assert_eq!(message.trim().lines().count(), 1, "one sentence: {message}");
    assert!(
        !message.contains("hmac"),
        "SQLCipher's own log stays quiet: {message}"
    );

    // No terminal, no file, no standard input: the command says what it needs.
    let missing = setup.run(&["list"], false);
    assert!(!missing.status.success());
    assert!(
        said(&missing).contains("is encrypted: give its passphrase"),
        "{}",
        said(&missing)
    );
    assert_eq!(
        std::fs::read(&setup.db).unwrap(),
        before,
        "the file is unchanged"
    );
    assert!(!PathBuf::from(format!("{}-wal", setup.db.display())).exists());

    // A plain database given a passphrase is told so.
    let plain = setup.dir.join("plain.db");
    setup.run_in(&plain, &["list"], false);
    let plain_before = std::fs::read(&plain).unwrap();
    let given = panj_with(
        &plain,
        &["--passphrase-stdin", "list"],
        &[],
        "saffron tractor lantern\n",
    );
    assert!(!given.status.success());
    assert!(
        said(&given).contains("is not encrypted, but a passphrase was given"),
        "{}",
        said(&given)
    );
    assert_eq!(std::fs::read(&plain).unwrap(), plain_before);

    // Decrypt and rekey take the passphrase the same way.
    let rekey = panj_with(
        &setup.db,
        &["--passphrase-stdin", "rekey"],
        &[],
        "saffron tractor lantern\nsecond longer passphrase\n",
    );
    assert!(rekey.status.success(), "{}", said(&rekey));
    let old = setup.run(&["list"], true);
    assert!(
        said(&old).contains("that passphrase does not open"),
        "{}",
        said(&old)
    );
    let decrypt = panj_with(
        &setup.db,
        &["--passphrase-stdin", "decrypt"],
        &[],
        "second longer passphrase\n",
    );
    assert!(decrypt.status.success(), "{}", said(&decrypt));
    assert!(holds(&setup.db, "Chinese mining operation"), "plain again");
}

/// Kills `panj encrypt` (or `decrypt`, turn about) at a random moment of
/// its run, ten times: the database always opens, with the key of the
/// state it was left in, and passes `panj check`.
#[test]
fn a_kill_during_a_conversion_leaves_a_database_the_old_or_new_key_opens() {
    let setup = Setup::new();
    let output = setup.run(&["demo", "--count", "3000"], false);
    assert!(output.status.success(), "{}", said(&output));
    setup.ok(&["backup"], false);
    // How long an unhurried conversion takes, there and back.
    let started = std::time::Instant::now();
    setup.ok(&["encrypt"], true);
    setup.ok(&["decrypt"], true);
    let span = started.elapsed() / 2;
    let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
    let mut landed = 0;
    for round in 0..10 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let encrypted = secret::is_encrypted(&setup.db);
        let command = if encrypted { "decrypt" } else { "encrypt" };
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_panj"))
            .args(["--db", setup.db.to_str().unwrap(), command])
            .env("PANJ_PASSPHRASE_FILE", &setup.passphrase_file)
            .env("XDG_DATA_HOME", &setup.data)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let delay = span.mul_f64((seed % 1000) as f64 / 1000.0);
        std::thread::sleep(delay);
        let finished = child.try_wait().unwrap().is_some();
        let _ = child.kill();
        let _ = child.wait();
        if !finished {
            landed += 1;
        }
        let now_encrypted = secret::is_encrypted(&setup.db);
        let check = setup.run(&["check"], now_encrypted);
        assert!(
            check.status.success() && said(&check).contains("integrity       ok"),
            "round {round} ({command} killed after {delay:?}): {}",
            said(&check)
        );
        assert!(said(&check).contains("3000 incidents"), "{}", said(&check));
        for backup in backups(&setup.db) {
            let name = backup.file_name().unwrap().to_string_lossy().to_string();
            if name.starts_with('.') {
                continue; // a half-written copy the kill left, never used
            }
            assert!(
                backup_opens(&backup),
                "round {round}: the backup {name} opens with neither key"
            );
        }
    }
    eprintln!("{landed} of 10 kills landed mid-conversion (an unhurried one takes {span:?})");
    assert!(
        landed >= 5,
        "only {landed} of 10 kills landed mid-conversion"
    );
}

fn backup_opens(path: &Path) -> bool {
    let conn = rusqlite::Connection::open(path).unwrap();
    if secret::is_encrypted(path) {
        conn.pragma_update(None, "key", PASSPHRASE).unwrap();
    }
    conn.query_row("SELECT count(*) FROM incidents", [], |r| r.get::<_, i64>(0))
        .is_ok()
}

#[test]
fn the_window_asks_for_the_passphrase_unlocks_and_locks() {
    let setup = Setup::new();
    setup.ok(&["list"], false);
    setup.ok(&["encrypt"], true);
    let opened = Store::open(&setup.db).map_err(anyhow::Error::from);
    let app = PanjApp::loading_in_background(opened, Default::default(), Default::default(), None);
    let mut harness = common::window(app, 800.0);
    harness.run();
    harness.get_by_label("This database is encrypted");
    assert!(
        harness.query_by_label_contains("Chinese").is_none(),
        "nothing of the data before the passphrase"
    );
    let field = egui::accesskit::Role::PasswordInput;
    harness.get_by_role_and_label(field, "Passphrase").click();
    harness.run();
    harness
        .get_by_role_and_label(field, "Passphrase")
        .type_text("wrong passphrase");
    harness.run();
    harness.get_by_label("Unlock").click();
    wait_for(&mut harness, "That passphrase does not open this database.");
    harness.get_by_role_and_label(field, "Passphrase").click();
    harness.run();
    harness
        .get_by_role_and_label(field, "Passphrase")
        .type_text(PASSPHRASE);
    harness.run();
    harness.get_by_label("Unlock").click();
    wait_for(&mut harness, "Armed assaults on Chinese workers");
    assert!(harness.state().workspace().unwrap().is_encrypted());

    harness.state_mut().apply(Command::NewIncident);
    harness.run();
    harness.state_mut().apply(Command::Lock);
    harness.run();
    harness.get_by_label("This database is encrypted");
    assert!(
        harness.state().workspace().is_none(),
        "the records left memory"
    );
    assert!(
        secret::known(&setup.db).is_none(),
        "the passphrase was forgotten"
    );
    assert!(harness.query_by_label_contains("Chinese").is_none());
}
