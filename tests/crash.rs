//! Crash safety: a real `panj import` process is killed (SIGKILL) at
//! random points, 20 times; each time the database must pass
//! `PRAGMA integrity_check` and hold either none or all of that import's
//! rows — never a part.

use panj::exchange::synthetic::{Lcg, acled_csv};
use panj::store::Store;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

const ROWS: usize = 10_000;

fn import(db: &Path, file: &Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_panj"))
        .arg("--db")
        .arg(db)
        .args(["import", "--create-actors"])
        .arg(file)
        .env_remove("PANJ_DB")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start panj import")
}

/// (integrity_check's answer, rows of this import, all incidents).
fn inspect(db: &Path) -> (String, i64, i64) {
    let conn = rusqlite::Connection::open(db).unwrap();
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    let imported: i64 = conn
        .query_row(
            "SELECT count(*) FROM incidents WHERE external_id LIKE 'acled:SYN%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let all: i64 = conn
        .query_row("SELECT count(*) FROM incidents", [], |r| r.get(0))
        .unwrap();
    (integrity, imported, all)
}

#[test]
fn a_killed_import_leaves_all_or_none_of_its_rows_and_a_sound_database() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("acled.csv");
    std::fs::write(&file, acled_csv(ROWS, 11)).unwrap();
    let template = dir.path().join("template.db");
    {
        let mut store = Store::open(&template).unwrap();
        panj::exchange::seed::seed(&mut store).unwrap();
    }
    let (_, _, seeded) = inspect(&template);

    // How long a whole import takes here, so kills land all through it.
    let whole = dir.path().join("whole.db");
    std::fs::copy(&template, &whole).unwrap();
    let started = Instant::now();
    assert!(import(&whole, &file).wait().unwrap().success());
    let duration = started.elapsed();
    assert_eq!(
        inspect(&whole),
        ("ok".into(), ROWS as i64, seeded + ROWS as i64)
    );

    let mut rng = Lcg(20251126);
    let (mut none, mut all) = (0, 0);
    for round in 0..20 {
        let db = dir.path().join(format!("round{round}.db"));
        std::fs::copy(&template, &db).unwrap();
        let mut child = import(&db, &file);
        // Up to 20 % past the measured time: some kills come too late.
        let delay = duration.mul_f64(rng.unit() * 1.2);
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL on Unix
        let _ = child.wait();
        let (integrity, imported, total) = inspect(&db);
        assert_eq!(integrity, "ok", "round {round}, killed after {delay:?}");
        assert!(
            imported == 0 || imported == ROWS as i64,
            "round {round}, killed after {delay:?}: {imported} of {ROWS} rows"
        );
        assert_eq!(total, seeded + imported, "round {round}");
        if imported == 0 {
            none += 1
        } else {
            all += 1
        }
        // A killed import can simply be run again.
        if imported == 0 && round % 5 == 0 {
            assert!(import(&db, &file).wait().unwrap().success());
            assert_eq!(inspect(&db).1, ROWS as i64);
        }
    }
    eprintln!("20 kills over {duration:?}: {none} left none, {all} left all");
    assert!(none > 0, "no kill landed before the commit");
}
