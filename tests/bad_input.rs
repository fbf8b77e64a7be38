//! The bad-input suite: every file in `tests/fixtures/bad-input/` (made by
//! its `make.py`: binary, wrong encodings, web pages, truncated files,
//! huge fields, NaN and out-of-range coordinates, impossible dates, bad
//! counts, damaged panj exports …) is refused by `panj import` with an
//! error naming the file and saying what is wrong, and the database is
//! left byte for byte as it was. Then databases that are not what they
//! should be: not SQLite, another application's, a newer schema, cut
//! short, read-only. And bundles (`bundles/`, made by the same script)
//! that are damaged, from a newer panj, or not bundles at all.

mod common;

use common::{panj, said};
use std::path::{Path, PathBuf};

fn suite() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad-input")
}

/// Runs `args(file)` on a fresh database for every file `folder/EXPECTED`
/// names: each must fail, with a message naming the file and holding its
/// fragment, and leave the database byte for byte as it was.
fn every_file_is_refused(folder: &Path, at_least: usize, args: impl Fn(&str) -> Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("panj.db");
    assert!(panj(&db, &["check"]).status.success());
    let before = std::fs::read(&db).unwrap();
    let expected = std::fs::read_to_string(folder.join("EXPECTED")).unwrap();
    let cases: Vec<(&str, &str)> = expected
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .collect();
    assert!(cases.len() >= at_least, "only {} bad files", cases.len());
    let mut failures = Vec::new();
    for (name, fragment) in &cases {
        let file = folder.join(name);
        let args = args(file.to_str().unwrap());
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = panj(&db, &args);
        let text = said(&out);
        if out.status.success() {
            failures.push(format!("{name}: was accepted: {text}"));
        } else if !text.contains(name) || !text.contains(fragment) {
            failures.push(format!("{name}: expected '{fragment}', said: {text}"));
        }
        if std::fs::read(&db).unwrap() != before {
            failures.push(format!("{name}: the database changed"));
            break;
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_bad_file_is_refused_clearly_and_changes_nothing() {
    every_file_is_refused(&suite(), 60, |file| {
        vec!["import".into(), file.into(), "--create-actors".into()]
    });
}

#[test]
fn every_bad_bundle_is_refused_by_name_and_changes_nothing() {
    every_file_is_refused(&suite().join("bundles"), 15, |file| {
        ["--as", "Amina", "bundle", "read", file]
            .map(String::from)
            .to_vec()
    });
}

#[test]
fn databases_that_are_not_what_they_should_be_are_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let check = |path: &Path, fragment: &str| {
        let before = std::fs::read(path).unwrap();
        let out = panj(path, &["list"]);
        let text = said(&out);
        assert!(!out.status.success(), "{}: {text}", path.display());
        assert!(text.contains(fragment), "{}: {text}", path.display());
        assert_eq!(std::fs::read(path).unwrap(), before, "{}", path.display());
    };

    let text_file = dir.path().join("notes.db");
    std::fs::write(&text_file, "just some notes, not a database\n").unwrap();
    check(&text_file, "is not a SQLite database");

    let other = dir.path().join("other.db");
    {
        let conn = rusqlite::Connection::open(&other).unwrap();
        conn.execute_batch("PRAGMA application_id = 42; CREATE TABLE t(x);")
            .unwrap();
    }
    check(&other, "of another application");

    let good = dir.path().join("good.db");
    assert!(panj(&good, &["check"]).status.success());
    let newer = dir.path().join("newer.db");
    std::fs::copy(&good, &newer).unwrap();
    {
        let conn = rusqlite::Connection::open(&newer).unwrap();
        conn.execute_batch("PRAGMA user_version = 999").unwrap();
    }
    check(&newer, "newer than this panj understands");

    let cut = dir.path().join("cut.db");
    let bytes = std::fs::read(&good).unwrap();
    std::fs::write(&cut, &bytes[..bytes.len() / 3]).unwrap();
    let before = std::fs::read(&cut).unwrap();
    let out = panj(&cut, &["check"]);
    assert!(!out.status.success(), "{}", said(&out));
    assert_eq!(std::fs::read(&cut).unwrap(), before);

    // Read-only: reading works, writing is refused with the reason.
    use std::os::unix::fs::PermissionsExt;
    let read_only = dir.path().join("read-only.db");
    std::fs::copy(&good, &read_only).unwrap();
    std::fs::set_permissions(&read_only, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = std::fs::read(&read_only).unwrap();
    assert!(panj(&read_only, &["list"]).status.success());
    let acled = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/acled/current.csv");
    let out = panj(
        &read_only,
        &["import", acled.to_str().unwrap(), "--create-actors"],
    );
    assert!(!out.status.success());
    assert!(said(&out).contains("read-only"), "{}", said(&out));
    assert_eq!(std::fs::read(&read_only).unwrap(), before);
}

/// Runs `panj --db DB ARGS…` with files limited to `kib` KiB, as a full
/// disk would stop them (the shell ignores SIGXFSZ, so writes fail with
/// EFBIG instead of killing panj).
fn panj_on_a_small_disk(db: &Path, kib: u64, args: &[&str]) -> std::process::Output {
    std::process::Command::new("bash")
        .arg("-c")
        .arg(format!("trap '' XFSZ; ulimit -f {kib}; exec \"$@\""))
        .arg("panj")
        .arg(env!("CARGO_BIN_EXE_panj"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("PANJ_DB")
        .output()
        .expect("run panj under ulimit")
}

#[test]
fn a_full_disk_is_reported_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("panj.db");
    assert!(panj(&db, &["check"]).status.success());
    let file = dir.path().join("acled.csv");
    std::fs::write(&file, panj::exchange::synthetic::acled_csv(3000, 5)).unwrap();
    let count = |db: &Path| {
        panj::store::Store::open(db)
            .unwrap()
            .count(&panj::filter::Filter::default())
            .unwrap()
    };
    let db_kib = std::fs::metadata(&db).unwrap().len() / 1024;
    let import = ["import", file.to_str().unwrap(), "--create-actors"];

    // No room even for the backup made before the import.
    let out = panj_on_a_small_disk(&db, db_kib / 2, &import);
    assert!(!out.status.success());
    assert!(
        said(&out).contains("cannot write a backup in"),
        "{}",
        said(&out)
    );
    assert!(said(&out).contains("is the disk full? Nothing was changed"));
    assert_eq!(count(&db), 3);

    // Room for the backup, not for the import's writes.
    let out = panj_on_a_small_disk(&db, db_kib + 400, &import);
    assert!(!out.status.success());
    assert!(
        said(&out).contains("is the disk full? Nothing of the import was saved"),
        "{}",
        said(&out)
    );
    assert_eq!(count(&db), 3);
    assert!(panj(&db, &["check"]).status.success());
    // With room again, the same import goes through.
    assert!(panj(&db, &import).status.success());
    assert_eq!(count(&db), 3003);
}
