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

/// `edit` writes a version only when something changes: with no field it
/// says what to give, with values the record already has it writes
/// nothing, and an incident in the trash is refused until it is restored
/// (issue 39, item 7).
#[test]
fn edit_writes_a_version_only_when_the_record_changes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("panj.db");
    let listed: serde_json::Value =
        serde_json::from_slice(&panj(&db, &["list", "--json"]).stdout).unwrap();
    let id: uuid::Uuid = listed[0]["id"].as_str().unwrap().parse().unwrap();
    let title = listed[0]["title"].as_str().unwrap().to_string();
    let full = id.to_string();
    let versions = || {
        panj::store::Store::open(&db)
            .unwrap()
            .versions(id)
            .unwrap()
            .len()
    };
    let before = versions();
    let out = panj(&db, &["edit", &full]);
    assert!(!out.status.success());
    assert!(
        common::said(&out).contains("nothing to change"),
        "{}",
        common::said(&out)
    );
    let out = panj(&db, &["edit", &full, "--title", &title]);
    assert!(out.status.success(), "{}", common::said(&out));
    assert!(
        common::said(&out).contains("nothing written"),
        "{}",
        common::said(&out)
    );
    assert_eq!(versions(), before, "no empty version");
    assert!(panj(&db, &["delete", &full]).status.success());
    let out = panj(&db, &["edit", &full, "--title", "Changed in the trash"]);
    assert!(!out.status.success());
    assert!(
        common::said(&out).contains("restore it first"),
        "{}",
        common::said(&out)
    );
}

/// A reader that stops early (`panj list --json | head -c 10`) is not an
/// error: panj ends quietly with success, as it does for plain text
/// (issue 39, item 8 in part).
#[test]
fn json_to_a_reader_that_stops_early_ends_quietly() {
    use std::io::Read;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let made = Command::new(env!("CARGO_BIN_EXE_panj"))
        .args(["demo", "--count", "3000", "--db"])
        .arg(&db)
        .env_remove("PANJ_DB")
        .output()
        .unwrap();
    assert!(made.status.success(), "{}", common::said(&made));
    let mut child = Command::new(env!("CARGO_BIN_EXE_panj"))
        .arg("--db")
        .arg(&db)
        .args(["list", "--json"])
        .env_remove("PANJ_DB")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 10];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // The pipe is closed here, long before 3 000 records are written.
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", common::said(&out));
    assert!(
        !common::said(&out).contains("Broken pipe"),
        "{}",
        common::said(&out)
    );
}

/// `show --original` gives the row byte for byte to a file or a pipe, but
/// to a terminal an escape sequence in the row (a window title, a screen
/// clear) is written visibly, never run (issue 39, item 8 in part).
#[test]
fn an_imported_rows_escape_sequences_never_reach_the_terminal() {
    let Ok(script) = which_script() else {
        eprintln!("no `script` here to give panj a terminal: skipped");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("panj.db");
    let file = dir.path().join("acled.csv");
    let csv = String::from_utf8(panj::exchange::synthetic::acled_csv(1, 3)).unwrap();
    let hostile = csv.replace("[size=no report]", "\u{1b}]0;pwned\u{7}\u{1b}[2J");
    assert_ne!(csv, hostile);
    std::fs::write(&file, &hostile).unwrap();
    let out = panj(&db, &["import", file.to_str().unwrap(), "--create-actors"]);
    assert!(out.status.success(), "{}", common::said(&out));
    let listed: serde_json::Value =
        serde_json::from_slice(&panj(&db, &["list", "--json", "--text", "pwned"]).stdout).unwrap();
    let id = listed[0]["id"].as_str().unwrap().to_string();
    let piped = panj(&db, &["show", &id, "--original"]);
    assert!(
        piped.stdout.windows(2).any(|w| w == b"\x1b]"),
        "byte for byte to a pipe"
    );
    let command = format!(
        "{} --db {} show {id} --original",
        env!("CARGO_BIN_EXE_panj"),
        db.display()
    );
    let mut on_terminal = Command::new(script);
    on_terminal
        .args(["-q", "-e", "-c", &command, "/dev/null"])
        .env_remove("PANJ_DB");
    if common::encrypted_run() {
        on_terminal.env("PANJ_PASSPHRASE_FILE", common::test_passphrase_file());
    }
    let on_terminal = on_terminal.output().unwrap();
    let text = String::from_utf8_lossy(&on_terminal.stdout);
    assert!(on_terminal.status.success(), "{text}");
    assert!(!text.contains('\u{1b}'), "{text:?}");
    assert!(text.contains("\\u{1b}]0;pwned"), "{text:?}");
}

fn which_script() -> Result<&'static str, ()> {
    let found = Command::new("script")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if found { Ok("script") } else { Err(()) }
}

/// A name that signs changes is a person's: the automatic merge's name,
/// an empty one and one of 100 KB are refused before anything is written
/// (issue 39, item 12 in part).
#[test]
fn a_name_that_is_no_persons_cannot_sign_changes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("panj.db");
    let listed: serde_json::Value =
        serde_json::from_slice(&panj(&db, &["list", "--json"]).stdout).unwrap();
    let id = listed[0]["id"].as_str().unwrap().to_string();
    let long = "x".repeat(100_000);
    for (name, says) in [
        ("panj (automatic merge)", "signs automatic merges"),
        ("  ", "a name is needed"),
        (long.as_str(), "longer than 100 characters"),
    ] {
        let out = panj(&db, &["--as", name, "edit", &id, "--notes", "signed"]);
        assert!(!out.status.success(), "{name:.40}");
        assert!(common::said(&out).contains(says), "{}", common::said(&out));
    }
    let out = panj(&db, &["--as", "Amina", "edit", &id, "--notes", "signed"]);
    assert!(out.status.success(), "{}", common::said(&out));
}

/// Filter flags that mean nothing alone are refused, not silently
/// ignored: --within without --from or --to, --min-confidence without
/// --perpetrator (issue 39, item 12 in part).
#[test]
fn filter_flags_that_mean_nothing_alone_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("panj.db");
    for args in [
        vec!["list", "--within"],
        vec!["list", "--min-confidence", "likely"],
    ] {
        let out = panj(&db, &args);
        assert!(!out.status.success(), "{args:?} was accepted");
        assert!(
            common::said(&out).contains("required arguments were not provided"),
            "{}",
            common::said(&out)
        );
    }
    for args in [
        vec!["list", "--within", "--from", "2025-01-01"],
        vec![
            "list",
            "--min-confidence",
            "likely",
            "--perpetrator",
            "ISKP",
        ],
        vec!["list"],
    ] {
        let out = panj(&db, &args);
        assert!(out.status.success(), "{args:?}: {}", common::said(&out));
    }
}
