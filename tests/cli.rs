//! End-to-end tests of the `panj` command line against temporary databases.

mod common;

use common::panj;

use std::process::{Command, Output};

fn stdout(output: &Output) -> String {
    assert!(
        output.status.success(),
        "panj failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).unwrap()
}

const CHINESE_ATTACKS: [&str; 2] = [
    "Explosive drone attack on a Chinese mining operation",
    "Armed assaults on Chinese workers",
];
const CLASH: &str = "Armed intruders from Afghanistan killed in firefight with Tajik border guards";

#[test]
fn list_on_a_new_file_seeds_it_and_prints_the_seed_incidents() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let output = panj(&db, &["list"]);
    let out = stdout(&output);
    assert_eq!(
        panj::store::secret::is_encrypted(&db),
        common::encrypted_run(),
        "with PANJ_TEST_ENCRYPTED=1 every database of this suite is encrypted"
    );
    for title in CHINESE_ATTACKS.iter().chain([&CLASH]) {
        assert!(out.contains(title), "missing {title} in:\n{out}");
    }
    assert!(out.contains("3 incidents"));
    assert!(String::from_utf8_lossy(&output.stderr).contains("created"));
    // A second run does not seed again.
    let again = panj(&db, &["list"]);
    assert!(stdout(&again).contains("3 incidents"));
    assert!(!String::from_utf8_lossy(&again.stderr).contains("created"));
}

#[test]
fn the_three_filters_of_the_issue() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let by_nationality = stdout(&panj(&db, &["list", "--nationality", "CN"]));
    let possible = stdout(&panj(
        &db,
        &[
            "list",
            "--perpetrator",
            "ISKP",
            "--min-confidence",
            "possible",
        ],
    ));
    let likely = stdout(&panj(
        &db,
        &[
            "list",
            "--perpetrator",
            "ISKP",
            "--min-confidence",
            "likely",
        ],
    ));
    for out in [&by_nationality, &possible] {
        assert!(CHINESE_ATTACKS.iter().all(|t| out.contains(t)), "{out}");
        assert!(!out.contains(CLASH));
        assert!(out.contains("2 incidents"));
    }
    assert!(
        likely.contains("0 incidents") && !likely.contains("Chinese"),
        "{likely}"
    );
    // An alias finds the same actor.
    let alias = stdout(&panj(&db, &["list", "--perpetrator", "isis-k"]));
    assert!(alias.contains("2 incidents"));
    let unattributed = stdout(&panj(&db, &["list", "--perpetrator", "unattributed"]));
    assert!(unattributed.contains(CLASH) && unattributed.contains("1 incidents"));
}

#[test]
fn json_output_is_the_full_record() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let out = stdout(&panj(
        &db,
        &["list", "--json", "--type", "drone_air_strike"],
    ));
    let records: serde_json::Value = serde_json::from_str(&out).unwrap();
    let records = records.as_array().unwrap();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["date"]["start"], "2025-11-26");
    assert_eq!(records[0]["casualties"][0]["nationality"], "CN");
    assert_eq!(records[0]["casualties"][0]["figure"], "minimum");
}

#[test]
fn show_accepts_the_short_id_that_list_prints() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let list = stdout(&panj(&db, &["list", "--type", "attack_on_civilians"]));
    let short = common::listed_id(&list, 0);
    let out = stdout(&panj(&db, &["show", &short]));
    assert!(out.contains("Armed assaults on Chinese workers"));
    assert!(out.contains("precision: week"));
    assert!(out.contains("at least"));
    assert!(out.contains("Created"), "history is shown");
    let missing = panj(&db, &["show", "ffffffff"]);
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no incident"));
}

#[test]
fn check_reports_ok_on_the_seeded_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let out = stdout(&panj(&db, &["check"]));
    assert!(out.lines().last() == Some("ok"), "{out}");
    assert!(out.contains("3 incidents"));
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&panj(&db, &["check", "--json"]))).unwrap();
    assert_eq!(json["integrity"][0], "ok");
    assert_eq!(json["foreign_key_violations"], 0);
}

#[test]
fn bad_input_gets_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let unknown = panj(&db, &["list", "--perpetrator", "Nobody"]);
    assert!(!unknown.status.success());
    let err = String::from_utf8_lossy(&unknown.stderr);
    assert!(
        err.contains("--perpetrator") && err.contains("Nobody") && err.contains("ISKP"),
        "{err}"
    );

    let bad_date = panj(&db, &["list", "--from", "2025-02-31"]);
    assert!(!bad_date.status.success());
    assert!(String::from_utf8_lossy(&bad_date.stderr).contains("--from"));

    let csv = dir.path().join("acled.csv");
    std::fs::write(&csv, "event_id_cnty,event_date\nTJK1,2025-01-01\n").unwrap();
    let not_db = panj(&csv, &["list"]);
    assert!(!not_db.status.success());
    let err = String::from_utf8_lossy(&not_db.stderr);
    assert!(
        err.contains("acled.csv") && err.contains("not a SQLite database"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(&csv).unwrap(),
        "event_id_cnty,event_date\nTJK1,2025-01-01\n"
    );
}

#[test]
fn the_database_can_be_chosen_by_environment_variable() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("from-env.db");
    let output = Command::new(env!("CARGO_BIN_EXE_panj"))
        .args(["list", "--nationality", "unknown", "--killed-only"])
        .env("PANJ_DB", &db)
        .output()
        .unwrap();
    let out = stdout(&output);
    assert!(out.contains(CLASH) && out.contains("1 incidents"), "{out}");
    assert!(db.exists());
}

#[test]
fn backup_writes_a_copy_that_checks_ok() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let copy = dir.path().join("backup.db");
    stdout(&panj(&db, &["backup", copy.to_str().unwrap()]));
    assert!(stdout(&panj(&copy, &["check"])).ends_with("ok\n"));
    assert!(stdout(&panj(&copy, &["list"])).contains("3 incidents"));
    let again = panj(&db, &["backup", copy.to_str().unwrap()]);
    assert!(
        !again.status.success(),
        "an existing file is never overwritten"
    );
}

#[test]
fn demo_fills_only_a_separate_demo_database() {
    let dir = tempfile::tempdir().unwrap();
    let demo = dir.path().join("demo.db");
    let out = panj(&demo, &["demo", "--count", "300"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let store = panj::store::Store::open(&demo).unwrap();
    let all = store.query(&panj::filter::Filter::default()).unwrap();
    assert_eq!(all.len(), 300, "no seed records in a demo file");
    assert!(all.iter().all(|i| i.tags.iter().any(|t| t == "demo")));
    assert!(
        all.iter()
            .all(|i| i.title.starts_with("Synthetic incident"))
    );
    // Signed, so that the history does not say "Created by someone"
    // (issue 43, item 25).
    let versions = store.versions(all[0].id).unwrap();
    assert_eq!(versions[0].author, "panj demo");
    drop(store);
    // More demo data may go into a demo file.
    assert!(panj(&demo, &["demo", "--count", "10"]).status.success());

    // A real database is refused and left as it was.
    let real = dir.path().join("real.db");
    assert!(panj(&real, &["check"]).status.success());
    let before = std::fs::read(&real).unwrap();
    let out = panj(&real, &["demo", "--count", "10"]);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("is not a demo database"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(std::fs::read(&real).unwrap(), before);
}

#[test]
fn an_import_is_preceded_by_a_backup_that_restore_brings_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("panj.db");
    assert!(panj(&db, &["check"]).status.success());
    let acled =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/acled/current.csv");
    let run = panj(&db, &["import", acled.to_str().unwrap(), "--create-actors"]);
    assert!(run.status.success());
    let count = |db: &std::path::Path| {
        panj::store::Store::open(db)
            .unwrap()
            .count(&panj::filter::Filter::default())
            .unwrap()
    };
    assert_eq!(count(&db), 7);

    let listed = String::from_utf8(panj(&db, &["backups"]).stdout).unwrap();
    assert!(listed.contains("daily"), "{listed}");
    let before_import = listed
        .lines()
        .find(|l| l.contains("before-import"))
        .and_then(|l| l.split_whitespace().last())
        .expect("a before-import backup")
        .to_string();
    let run = panj(&db, &["restore", &before_import]);
    let said = String::from_utf8_lossy(&run.stdout).to_string();
    assert!(
        run.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(said.contains("the database as it was is kept in"), "{said}");
    assert_eq!(count(&db), 3, "back to the seed");
    assert!(panj(&db, &["check"]).status.success());
    let listed = String::from_utf8(panj(&db, &["backups"]).stdout).unwrap();
    assert!(listed.contains("before-restore"), "{listed}");

    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, "no").unwrap();
    let run = panj(&db, &["restore", junk.to_str().unwrap()]);
    assert!(!run.status.success());
    assert!(String::from_utf8_lossy(&run.stderr).contains("cannot restore"));
    assert_eq!(count(&db), 3);
}

#[test]
fn a_second_instance_works_on_the_same_database() {
    // The window holds a connection open while the command line writes:
    // with WAL both work, and the first sees the second's writes.
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("panj.db");
    assert!(panj(&db, &["check"]).status.success());
    let window = panj::store::Store::open(&db).unwrap();
    assert_eq!(window.count(&panj::filter::Filter::default()).unwrap(), 3);
    let acled =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/acled/current.csv");
    let run = panj(&db, &["import", acled.to_str().unwrap(), "--create-actors"]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(window.count(&panj::filter::Filter::default()).unwrap(), 7);
}

/// What a package installs besides the binary comes from the same
/// definitions the command line parses: a man page per command and
/// completions for three shells; `--version` names the commit and day.
#[test]
fn man_pages_completions_and_version_come_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    let out = Command::new(env!("CARGO_BIN_EXE_panj"))
        .arg("generate-docs")
        .arg(&docs)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = std::fs::read_to_string(docs.join("panj.1")).unwrap();
    assert!(
        page.starts_with(".ie") || page.contains(".TH panj 1"),
        "{page}"
    );
    let restore = std::fs::read_to_string(docs.join("panj-restore.1")).unwrap();
    assert!(
        restore.contains("panj restore") && restore.contains("\\-\\-db"),
        "{restore}"
    );
    let import = std::fs::read_to_string(docs.join("panj-import.1")).unwrap();
    assert!(import.contains("skip\\-bad\\-rows"), "{import}");
    for file in [
        "panj.1",
        "panj-recover.1",
        "panj.bash",
        "_panj",
        "panj.fish",
    ] {
        let text = std::fs::read_to_string(docs.join(file)).unwrap();
        assert!(text.contains("recover"), "{file} does not know `recover`");
    }
    let version = stdout(
        &Command::new(env!("CARGO_BIN_EXE_panj"))
            .arg("--version")
            .output()
            .unwrap(),
    );
    assert!(
        version.starts_with(&format!("panj {} (commit ", env!("CARGO_PKG_VERSION")))
            && version.contains(", built 20"),
        "{version}"
    );
}

#[test]
fn extract_proposes_the_seed_reports_three_events_and_stores_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("panj.db");
    common::seeded_file(&db);
    let report = concat!(env!("CARGO_MANIFEST_DIR"), "/data/seed-report.txt");
    let output = common::panj(
        &db,
        &["extract", report, "--published", "2025-12-05", "--json"],
    );
    assert!(output.status.success(), "{}", common::said(&output));
    let drafts: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(drafts.len(), 3);
    // The shape of `show --json`, plus the words each field came from.
    let drone = &drafts[1];
    assert_eq!(drone["event_type"], "drone_air_strike");
    assert_eq!(drone["date"]["start"], "2025-11-26");
    assert_eq!(drone["location"]["side"], "tj");
    assert_eq!(drone["casualties"][0]["nationality"], "CN");
    assert_eq!(drone["casualties"][0]["figure"], "minimum");
    assert_eq!(drone["claims"].as_array().unwrap().len(), 2);
    let evidence = drone["evidence"].as_array().unwrap();
    assert!(
        evidence
            .iter()
            .any(|e| e["field"] == "date" && e["words"] == "November 26")
    );
    assert!(
        evidence
            .iter()
            .any(|e| e["field"] == "claims" && e["words"].as_str().unwrap().contains("ISKP"))
    );
    assert_eq!(drafts[0]["casualties"].as_array().unwrap().len(), 2);
    assert_eq!(common::incidents_in(&db), 3, "extract stores nothing");

    // Without --published, the date line of the text dates it.
    let dated = dir.path().join("dated.txt");
    std::fs::write(&dated, "KHOROG, 5 December 2025 — Gunmen attacked a border post near Khorog on Thursday, killing two border guards.").unwrap();
    let output = common::panj(&db, &["extract", dated.to_str().unwrap()]);
    let text = common::said(&output);
    assert!(output.status.success(), "{text}");
    assert!(
        text.contains("published 2025-12-05 (from the date line \"5 December 2025\")"),
        "{text}"
    );
    assert!(text.contains("date       2025-12-04"), "{text}");
    assert!(text.contains("Khorugh"), "{text}");

    // A file that is not text is refused with its name.
    let binary = dir.path().join("report.bin");
    std::fs::write(&binary, [0xff, 0xfe, 0x00, 0x41]).unwrap();
    let output = common::panj(&db, &["extract", binary.to_str().unwrap()]);
    assert!(!output.status.success());
    assert!(common::said(&output).contains("report.bin: not UTF-8 text"));
}
