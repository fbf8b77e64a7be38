//! Nothing lost, whatever the analyst types: the file commands cannot
//! destroy the database (exports and backups never land on it, restores
//! take only checked panj databases under the write lock, a damaged
//! database can still be restored and recovered), no input is read
//! without a bound, `check` never reports damage it did not find and finds
//! the damage that matters, and the terminal is never handed raw escapes.
//! Real processes throughout, for files, kills and concurrency.

mod common;

use common::{incidents_in, panj, said, seeded_file, spawn_panj};
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, Instant};

fn succeeded(output: &Output) -> String {
    assert!(output.status.success(), "panj failed: {}", said(output));
    said(output)
}

fn refused(output: &Output, fragment: &str) -> String {
    let text = said(output);
    assert!(!output.status.success(), "accepted: {text}");
    assert!(text.contains(fragment), "expected '{fragment}' in: {text}");
    text
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

/// Whether any temporary file (`*.partial`) is left in `dir`.
fn partials_in(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().contains(".partial"))
        .collect()
}

fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(status.success());
}

/// A demo database of `count` synthetic incidents (made by `panj demo`).
fn demo_file(path: &Path, count: usize) {
    succeeded(&panj(path, &["demo", "--count", &count.to_string()]));
}

#[test]
fn no_output_lands_on_the_database_its_journals_its_backups_or_a_device() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.db");
    seeded_file(&db);
    succeeded(&panj(&db, &["backup"]));
    let backup = common_backup(&db);
    let fifo = dir.path().join("pipe");
    mkfifo(&fifo);
    let folder = dir.path().join("folder");
    std::fs::create_dir(&folder).unwrap();
    let theirs = dir.path().join("theirs.csv");
    std::fs::write(&theirs, "an analyst's own spreadsheet\n").unwrap();
    let targets = [
        db.clone(),
        with_suffix(&db, "-wal"),
        with_suffix(&db, "-shm"),
        backup.clone(),
        dir.path().join("w-backups/new.csv"),
        PathBuf::from("/dev/null"),
        fifo.clone(),
        folder.clone(),
        theirs.clone(),
    ];
    let before = std::fs::read(&backup).unwrap();
    for target in &targets {
        let out = panj(
            &db,
            &["export", "--format", "csv", target.to_str().unwrap()],
        );
        refused(&out, "panj will not write");
        assert_eq!(incidents_in(&db), 3, "export onto {}", target.display());
    }
    succeeded(&panj(&db, &["check"]));
    assert_eq!(std::fs::read(&backup).unwrap(), before);
    assert_eq!(
        std::fs::read_to_string(&theirs).unwrap(),
        "an analyst's own spreadsheet\n"
    );
    use std::os::unix::fs::FileTypeExt;
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
    assert!(
        std::fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );

    // An export replaces its own earlier export, and nothing else.
    let out = dir.path().join("out.csv");
    let export = ["export", "--format", "csv", out.to_str().unwrap()];
    succeeded(&panj(&db, &export));
    succeeded(&panj(&db, &export));
    std::fs::write(&out, "edited by hand\n").unwrap();
    refused(&panj(&db, &export), "panj did not write it");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "edited by hand\n");

    // A backup never lands on the database or on anything that exists.
    for target in [&db, &theirs, &backup] {
        refused(
            &panj(&db, &["backup", target.to_str().unwrap()]),
            "panj will not write",
        );
    }
    assert!(partials_in(dir.path()).is_empty());
    succeeded(&panj(&db, &["check"]));
}

/// The newest backup in the database's backups folder.
fn common_backup(db: &Path) -> PathBuf {
    panj::store::backups::list(db).pop().expect("a backup").path
}

#[test]
fn a_restore_during_an_import_loses_no_row_that_either_reported() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.db");
    seeded_file(&db);
    let good = dir.path().join("good.db");
    succeeded(&panj(&db, &["backup", good.to_str().unwrap()]));
    let file = dir.path().join("acled.csv");
    const ROWS: i64 = 20_000;
    std::fs::write(
        &file,
        panj::exchange::synthetic::acled_csv(ROWS as usize, 3),
    )
    .unwrap();

    let import = spawn_panj(&db, &["import", file.to_str().unwrap(), "--create-actors"]);
    // The restore starts once the import is under way (its backup is made).
    let started = Instant::now();
    while !panj::store::backups::list(&db)
        .iter()
        .any(|b| b.reason == panj::store::backups::BackupReason::BeforeImport)
    {
        assert!(started.elapsed() < Duration::from_secs(120), "no import");
        std::thread::sleep(Duration::from_millis(20));
    }
    let restore = panj(&db, &["restore", good.to_str().unwrap()]);
    let import = import.wait_with_output().unwrap();
    let restore_said = succeeded(&restore);
    let kept = restore_said
        .lines()
        .find_map(|l| l.strip_prefix("the database as it was is kept in "))
        .map(PathBuf::from)
        .expect("the restore names the copy it kept");

    succeeded(&panj(&db, &["check"]));
    let now = incidents_in(&db);
    let before_restore = incidents_in(&kept);
    if import.status.success() {
        assert!(
            said(&import).contains(&format!("added {ROWS}")),
            "{}",
            said(&import)
        );
        // Committed before the restore: in the copy it kept. After: here.
        assert!(
            before_restore == 3 + ROWS || now == 3 + ROWS,
            "the import's rows are gone: now {now}, kept copy {before_restore}"
        );
    } else {
        assert!(said(&import).contains("nothing"), "{}", said(&import));
        assert_eq!(now, 3);
    }
}

#[test]
fn an_empty_cut_short_or_foreign_file_is_never_restored() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.db");
    seeded_file(&db);
    let zero = dir.path().join("zero.db");
    std::fs::write(&zero, b"").unwrap();
    for _ in 0..6 {
        refused(
            &panj(&db, &["restore", zero.to_str().unwrap()]),
            "zero.db: it is empty (0 bytes)",
        );
    }
    assert_eq!(incidents_in(&db), 3);
    assert!(
        panj::store::backups::list(&db)
            .iter()
            .all(|b| b.reason != panj::store::backups::BackupReason::BeforeRestore),
        "a refused restore makes no backup"
    );

    // A backup a full disk cut short.
    let full = dir.path().join("full.db");
    succeeded(&panj(&db, &["backup", full.to_str().unwrap()]));
    let bytes = std::fs::read(&full).unwrap();
    let cut = dir.path().join("cut.db");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let text = refused(&panj(&db, &["restore", cut.to_str().unwrap()]), "cut.db");
    assert!(!text.contains(".partial"), "names a scratch copy: {text}");

    let foreign = dir.path().join("foreign.db");
    {
        let conn = rusqlite::Connection::open(&foreign).unwrap();
        conn.execute_batch("CREATE TABLE incidents(x)").unwrap();
    }
    refused(
        &panj(&db, &["restore", foreign.to_str().unwrap()]),
        "not a panj database",
    );
    refused(&panj(&db, &["restore", "/dev/null"]), "not a regular file");
    assert_eq!(incidents_in(&db), 3);
    succeeded(&panj(&db, &["check"]));
    // The whole backup restores.
    succeeded(&panj(&db, &["restore", full.to_str().unwrap()]));
}

#[test]
fn a_damaged_database_is_restored_and_recovered_without_being_read() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    demo_file(&db, 2000);
    let good = dir.path().join("good.db");
    succeeded(&panj(&db, &["backup", good.to_str().unwrap()]));
    let bytes = std::fs::read(&db).unwrap();
    let half = bytes.len() / 2;
    std::fs::write(&db, &bytes[..half]).unwrap();
    assert!(!panj(&db, &["list"]).status.success(), "it is damaged");

    let listed = succeeded(&panj(&db, &["backups"]));
    assert!(listed.contains("daily"), "{listed}");

    let recovered_file = dir.path().join("recovered.db");
    let recovered = succeeded(&panj(&db, &["recover", recovered_file.to_str().unwrap()]));
    let count: u64 = recovered
        .split_whitespace()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no count in: {recovered}"));
    assert!(count > 0 && count < 2000, "{recovered}");
    succeeded(&panj(&recovered_file, &["check"]));
    assert_eq!(incidents_in(&recovered_file) as u64, count);

    let restored = succeeded(&panj(&db, &["restore", good.to_str().unwrap()]));
    assert!(restored.contains("the database was damaged"), "{restored}");
    let aside = panj::store::backups::list(&db)
        .into_iter()
        .find(|b| b.reason == panj::store::backups::BackupReason::Damaged)
        .expect("the damaged file is kept");
    assert!(
        std::fs::read(&aside.path).unwrap() == bytes[..half],
        "not the damaged file"
    );
    succeeded(&panj(&db, &["check"]));
    assert_eq!(incidents_in(&db), 2000);
}

#[test]
fn a_killed_backup_leaves_nothing_under_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("big.db");
    demo_file(&db, 20_000);
    succeeded(&panj(&db, &["check"]));
    for (n, delay) in [5u64, 20, 40, 80, 160].into_iter().enumerate() {
        let target = dir.path().join(format!("copy{n}.db"));
        let mut child = spawn_panj(&db, &["backup", target.to_str().unwrap()]);
        std::thread::sleep(Duration::from_millis(delay));
        let _ = child.kill();
        let _ = child.wait();
        if target.exists() {
            // The rename happened before the kill: then the copy is whole.
            succeeded(&panj(&target, &["check"]));
            assert_eq!(incidents_in(&target), 20_000);
        }
    }
    // What a kill left half-written is a temporary file, cleared later.
    for partial in partials_in(dir.path()) {
        assert!(
            partial
                .file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with('.'),
            "{}",
            partial.display()
        );
    }
}

#[test]
fn imports_read_only_regular_files_and_never_hang() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.db");
    seeded_file(&db);
    let fifo = dir.path().join("fifo.csv");
    mkfifo(&fifo);
    for source in [
        Path::new("/dev/zero"),
        Path::new("/dev/urandom"),
        &fifo,
        dir.path(),
    ] {
        let mut child = spawn_panj(&db, &["import", source.to_str().unwrap()]);
        let started = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            if started.elapsed() > Duration::from_secs(60) {
                let _ = child.kill();
                panic!("import of {} hangs", source.display());
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        let out = child.wait_with_output().unwrap();
        assert!(!status.success());
        assert!(
            said(&out).contains("is not a regular file"),
            "{}: {}",
            source.display(),
            said(&out)
        );
    }
    assert_eq!(incidents_in(&db), 3);
}

#[test]
fn check_says_busy_while_another_writes_and_finds_real_damage() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.db");
    seeded_file(&db);
    {
        let holder = rusqlite::Connection::open(&db).unwrap();
        holder.execute_batch("BEGIN IMMEDIATE").unwrap();
        let out = panj(&db, &["check"]);
        let text = said(&out);
        assert_eq!(out.status.code(), Some(2), "{text}");
        assert!(text.contains("BUSY") && !text.contains("DAMAGED"), "{text}");
        holder.execute_batch("ROLLBACK").unwrap();
    }
    succeeded(&panj(&db, &["check"]));

    // An event type no panj knows makes every list fail: check names it.
    let conn = rusqlite::Connection::open(&db).unwrap();
    let id: String = conn
        .query_row("SELECT id FROM incidents ORDER BY seq LIMIT 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    conn.execute(
        "UPDATE incidents SET event_type = 'drone' WHERE id = ?1",
        [&id],
    )
    .unwrap();
    assert!(!panj(&db, &["list"]).status.success());
    let text = refused(&panj(&db, &["check"]), "PROBLEMS FOUND");
    assert!(text.contains(&id) && text.contains("drone"), "{text}");
    conn.execute(
        "UPDATE incidents SET event_type = 'armed_clash' WHERE id = ?1",
        [&id],
    )
    .unwrap();
    succeeded(&panj(&db, &["check"]));

    // A missing trigger leaves the full-text index behind every edit.
    conn.execute_batch("DROP TRIGGER incidents_fts_update")
        .unwrap();
    refused(
        &panj(&db, &["check"]),
        "trigger incidents_fts_update is missing",
    );
}

#[test]
fn a_closed_pipe_ends_list_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    demo_file(&db, 5000);
    for _ in 0..5 {
        let mut child = spawn_panj(&db, &["list"]);
        let mut stdout = child.stdout.take().unwrap();
        let mut first = [0u8; 64];
        std::io::Read::read_exact(&mut stdout, &mut first).unwrap();
        drop(stdout);
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", said(&out));
        assert!(out.stderr.is_empty(), "{}", said(&out));
    }
}

#[test]
fn a_file_size_limit_is_said_not_a_silent_death() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.db");
    seeded_file(&db);
    let file = dir.path().join("acled.csv");
    std::fs::write(&file, panj::exchange::synthetic::acled_csv(3000, 5)).unwrap();
    let kib = std::fs::metadata(&db).unwrap().len() / 1024 + 400;
    // No `trap '' XFSZ` here: panj itself must not die of the signal.
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(format!("ulimit -f {kib}; exec \"$@\""))
        .arg("panj")
        .arg(env!("CARGO_BIN_EXE_panj"))
        .arg("--db")
        .arg(&db)
        .args(["import", file.to_str().unwrap(), "--create-actors"])
        .env_remove("PANJ_DB")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "killed? {}", said(&out));
    assert!(said(&out).contains("is the disk full?"), "{}", said(&out));
    assert_eq!(incidents_in(&db), 3);
}

#[test]
fn escape_sequences_in_imported_cells_reach_the_terminal_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.db");
    seeded_file(&db);
    let file = dir.path().join("acled.csv");
    std::fs::write(
        &file,
        "event_id_cnty,event_date,event_type,sub_event_type,actor1,country,location,latitude,longitude,fatalities,notes\n\
         TJK77,2025-11-26,Battles,Armed clash,\x1b[2JEvil Group,Tajikistan,Panj\x1b]0;pwned\x07,37.23,69.10,1,\x1b[31mred\n",
    )
    .unwrap();
    let preview = succeeded(&panj(&db, &["import", file.to_str().unwrap(), "--dry-run"]));
    let import = succeeded(&panj(
        &db,
        &["import", file.to_str().unwrap(), "--create-actors"],
    ));
    let list = succeeded(&panj(&db, &["list"]));
    let actors = succeeded(&panj(&db, &["actors"]));
    let id = list
        .lines()
        .find(|l| l.contains("Panj"))
        .and_then(|l| l.split_whitespace().next())
        .expect("the imported record is listed")
        .to_string();
    let show = succeeded(&panj(&db, &["show", &id]));
    for (what, text) in [
        ("preview", &preview),
        ("import", &import),
        ("list", &list),
        ("show", &show),
        ("actors", &actors),
    ] {
        assert!(
            !text.contains('\x1b') && !text.contains('\x07'),
            "{what}: {text:?}"
        );
    }
    assert!(show.contains("\\u{1b}]0;pwned"), "{show}");
    assert!(actors.contains("\\u{1b}[2JEvil Group"), "{actors}");
}

#[test]
fn options_that_mean_nothing_are_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.db");
    seeded_file(&db);
    refused(
        &panj(&db, &["list", "--nationality", "XX"]),
        "--nationality XX",
    );
    refused(&panj(&db, &["list", "--bbox", "60,30,200,40"]), "--bbox");
    refused(&panj(&db, &["list", "--bbox", "60,-95,70,40"]), "--bbox");
    refused(&panj(&db, &["show", "6"]), "at least 4 characters");
    let many: Vec<String> = (0..40).map(|n| format!("word{n}")).collect();
    refused(
        &panj(&db, &["list", "--text", &many.join(" ")]),
        "at most 32",
    );
    let acled = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/acled/current.csv");
    let preview = succeeded(&panj(
        &db,
        &["import", acled.to_str().unwrap(), "--dry-run"],
    ));
    let unknown = preview
        .lines()
        .skip_while(|l| !l.starts_with("actors not known yet"))
        .nth(1)
        .and_then(|l| l.trim().rsplit_once(" (").map(|(name, _)| name.to_string()))
        .expect("the file names an unknown actor");
    let out = panj(
        &db,
        &[
            "import",
            acled.to_str().unwrap(),
            "--create-actors",
            "--map-actor",
            &format!("{unknown}=ISKP"),
            "--map-actor",
            &format!("{unknown}=Taliban"),
        ],
    );
    refused(&out, "twice");
    assert_eq!(incidents_in(&db), 3);
}

#[test]
fn a_second_writer_waits_for_the_first_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.db");
    seeded_file(&db);
    let acled = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/acled/current.csv");
    let holder = rusqlite::Connection::open(&db).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let import = spawn_panj(&db, &["import", acled.to_str().unwrap(), "--create-actors"]);
    // Longer than one attempt at the lock (5 s): the import must wait on.
    std::thread::sleep(Duration::from_secs(7));
    holder.execute_batch("COMMIT").unwrap();
    let out = import.wait_with_output().unwrap();
    let text = succeeded(&out);
    assert!(text.contains("waiting for another panj"), "{text}");
    assert!(incidents_in(&db) > 3);
}

#[test]
fn a_database_of_an_unknown_older_schema_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("odd.db");
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch(panj::store::migrations::MIGRATIONS[0].sql)
            .unwrap();
        // Version 1 by its number, with a column of version 2 already.
        conn.execute_batch("ALTER TABLE incidents ADD COLUMN border_km REAL")
            .unwrap();
        conn.pragma_update(
            None,
            "application_id",
            panj::store::migrations::APPLICATION_ID,
        )
        .unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
    }
    let before = std::fs::read(&db).unwrap();
    for _ in 0..2 {
        refused(
            &panj(&db, &["list"]),
            "has schema version 1 but not the tables",
        );
    }
    assert!(std::fs::read(&db).unwrap() == before, "the file changed");
    assert!(
        !dir.path().join("odd-backups").exists(),
        "no backup per try"
    );
}

#[test]
fn a_read_only_folder_still_lists_and_checks() {
    // As root every folder is writable; run panj as nobody instead.
    let is_root = std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    let setpriv = Path::new("/usr/bin/setpriv");
    if !is_root || !setpriv.exists() {
        eprintln!("skipped: needs root and setpriv to run panj as another user");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("shared");
    std::fs::create_dir(&folder).unwrap();
    let db = folder.join("w.db");
    seeded_file(&db);
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();
    // The file is nobody's to write; the folder is not.
    std::os::unix::fs::chown(&db, Some(65534), Some(65534)).unwrap();
    let run = |args: &[&str]| {
        std::process::Command::new(setpriv)
            .args(["--reuid", "65534", "--regid", "65534", "--clear-groups"])
            .arg(env!("CARGO_BIN_EXE_panj"))
            .arg("--db")
            .arg(&db)
            .args(args)
            .env_remove("PANJ_DB")
            .env("HOME", dir.path())
            .output()
            .unwrap()
    };
    // The binary must be reachable by nobody for this to mean anything.
    let probe = run(&["--version"]);
    if !probe.status.success() {
        eprintln!(
            "skipped: nobody cannot run the test binary here: {}",
            said(&probe)
        );
        return;
    }
    let list = succeeded(&run(&["list"]));
    assert!(list.contains("3 incidents"), "{list}");
    let check = run(&["check"]);
    assert!(check.status.success(), "{}", said(&check));
}
