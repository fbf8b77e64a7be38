//! Team work without a server: databases made from one seed edit apart,
//! exchange bundles in any order and end with the same versions and
//! heads; edits to different fields merge, a deletion against an edit is
//! one conflict, and no version is ever lost.

mod common;

use common::team::{
    acled_fixture, analyst_db, edit, exchange, importing_analyst, seed_ids, send, team_edits,
    versions_and_heads,
};
use common::{panj, said};
use panj::model::merge::Field;
use panj::store::Store;
use proptest::prelude::*;
use std::collections::HashSet;
use std::path::Path;
use uuid::Uuid;

#[test]
fn three_databases_converge_in_any_order_with_one_conflict() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (_, mut a) = analyst_db(d, "a", "Amina");
    let (_, mut b) = analyst_db(d, "b", "Bahram");
    let (_, mut c) = analyst_db(d, "c", "Chorshanbe");
    let ids = seed_ids(&a);
    assert_eq!(ids, seed_ids(&b), "one seed, one set of records");
    let (first, second) = (ids[0], ids[1]);
    assert_eq!(
        versions_and_heads(&a),
        versions_and_heads(&c),
        "seeded alike, versioned alike"
    );

    team_edits(&mut a, &mut b, &mut c);

    // A→B→C→A, then C→A, B→C, A→B, C→B: every version reaches everyone.
    let bundles = vec![
        send(d, &a, &mut b, "a1").0,
        send(d, &b, &mut c, "b1").0,
        send(d, &c, &mut a, "c1").0,
        send(d, &c, &mut a, "c2").0,
        send(d, &b, &mut c, "b2").0,
        send(d, &a, &mut b, "a2").0,
        send(d, &c, &mut b, "c3").0,
    ];

    let expected = versions_and_heads(&a);
    assert_eq!(
        versions_and_heads(&b),
        expected,
        "B has A's versions and heads"
    );
    assert_eq!(
        versions_and_heads(&c),
        expected,
        "C has A's versions and heads"
    );
    for store in [&a, &b, &c] {
        let merged = store.incident(first).unwrap().unwrap();
        assert_eq!(merged.title, "Title from Amina");
        assert_eq!(merged.notes, "Notes from Bahram");
        assert_eq!(
            store.heads(first).unwrap().len(),
            1,
            "no conflict on the first"
        );
        assert_eq!(
            store.conflicted().unwrap(),
            vec![second],
            "one conflict: delete vs edit"
        );
        let conflict = store.conflict(second).unwrap().unwrap();
        assert_eq!(
            conflict.merge.conflicts,
            vec![panj::model::merge::Field::Deleted]
        );
    }
    // Every bundle again, into every database: nothing changes.
    for bundle in &bundles {
        for store in [&mut a, &mut b, &mut c] {
            let read = store.read_bundle(bundle).unwrap();
            assert_eq!(read.versions_added, 0, "{}", read);
        }
    }
    assert_eq!(versions_and_heads(&c), expected);
}

#[test]
fn the_readme_scenario_works_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.db");
    let b = dir.path().join("b.db");
    let run = |db: &Path, args: &[&str]| {
        let out = panj(db, args);
        assert!(out.status.success(), "panj {args:?}: {}", said(&out));
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    run(&a, &["list"]);
    run(&b, &["list"]);
    let listed = run(&a, &["list"]);
    let id = common::listed_id(&listed, 0);
    run(
        &a,
        &["--as", "Amina", "edit", &id, "--title", "Title from A"],
    );
    run(
        &b,
        &["--as", "Bahram", "edit", &id, "--notes", "Notes from B"],
    );
    let bundle = dir.path().join("a.panjb");
    run(&a, &["bundle", "write", bundle.to_str().unwrap()]);
    let read = run(&b, &["bundle", "read", bundle.to_str().unwrap()]);
    assert!(
        read.contains("1 changed") && read.contains("by Amina") && read.contains("0 conflicts"),
        "{read}"
    );
    let shown = run(&b, &["show", &id]);
    assert!(shown.contains("Title from A"), "{shown}");
    assert!(
        shown.contains("Notes from B"),
        "B's notes were kept: {shown}"
    );
    assert!(shown.contains("Edited by Amina: Title"), "{shown}");
    assert!(run(&b, &["conflicts"]).contains("no conflicts"));
    let again = run(&b, &["bundle", "read", bundle.to_str().unwrap()]);
    assert!(again.contains("nothing new"), "{again}");

    // The same title edited both ways is a conflict, resolved from here.
    run(
        &a,
        &["--as", "Amina", "edit", &id, "--title", "Amina's title"],
    );
    run(
        &b,
        &["--as", "Bahram", "edit", &id, "--title", "Bahram's title"],
    );
    let reply = dir.path().join("b.panjb");
    run(&a, &["bundle", "write", bundle.to_str().unwrap()]);
    run(&b, &["bundle", "read", bundle.to_str().unwrap()]);
    run(
        &b,
        &[
            "bundle",
            "write",
            reply.to_str().unwrap(),
            "--for",
            bundle.to_str().unwrap(),
        ],
    );
    let read = run(&a, &["bundle", "read", reply.to_str().unwrap()]);
    assert!(read.contains("1 conflict"), "{read}");
    // The colleague's change is counted as one (issue 43, item 17).
    assert!(read.contains("1 changed"), "{read}");
    let conflicts = run(&a, &["conflicts"]);
    assert!(
        conflicts.contains("Title: Title from A → Amina's title (Amina")
            && conflicts.contains("Bahram's title (Bahram"),
        "{conflicts}"
    );
    let json: serde_json::Value = serde_json::from_str(&run(&a, &["conflicts", "--json"])).unwrap();
    assert_eq!(json[0]["fields"][0]["field"], "Title");
    run(&a, &["--as", "Amina", "resolve", &id, "--keep", "theirs"]);
    assert!(run(&a, &["conflicts"]).contains("no conflicts"));
    let shown = run(&a, &["show", &id]);
    assert!(
        shown.contains("Bahram's title") && shown.contains("Merged by Amina"),
        "{shown}"
    );
}

#[test]
fn a_bundle_for_another_database_is_refused_with_the_database_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (_, mut a) = analyst_db(d, "a", "Amina");
    let (_, b) = analyst_db(d, "b", "Bahram");
    let (c_path, mut c) = analyst_db(d, "c", "Chorshanbe");
    let id = seed_ids(&a)[0];
    edit(&mut a, id, |i| i.title = "one".into());
    let full = d.join("full.panjb");
    a.write_bundle(&full, None).unwrap();
    edit(&mut a, id, |i| i.title = "two".into());
    // Only what the first bundle lacked: C, which never read it, cannot use it.
    let partial = d.join("partial.panjb");
    let written = a.write_bundle(&partial, Some(&full)).unwrap();
    assert_eq!(written.versions, 1);
    let before = versions_and_heads(&c);
    let err = c.read_bundle(&partial).unwrap_err().to_string();
    assert!(
        err.contains("partial.panjb") && err.contains("another database"),
        "{err}"
    );
    assert_eq!(versions_and_heads(&c), before);
    drop(b);
    assert!(c_path.exists());
}

/// An import writes no version row per record: its entry and each row
/// stand for the records' first versions, which read back whole, keep their
/// ids once written out (by an edit, or a bundle going out) and travel to
/// other databases like any other version.
#[test]
fn an_imported_records_first_version_is_its_import_and_travels_in_bundles() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (a_path, a) = analyst_db(d, "a", "Amina");
    drop(a);
    let acled = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/acled/current.csv");
    let out = panj(
        &a_path,
        &[
            "--as",
            "Amina",
            "import",
            acled.to_str().unwrap(),
            "--create-actors",
        ],
    );
    assert!(out.status.success(), "{}", said(&out));
    let version_rows_of_imported = || -> i64 {
        common::sql_connection(&a_path)
            .query_row(
                "SELECT count(*) FROM versions v JOIN incidents i ON i.id = v.record_id
                 WHERE i.import_id IS NOT NULL",
                [],
                |r| r.get(0),
            )
            .unwrap()
    };
    assert_eq!(
        version_rows_of_imported(),
        0,
        "no version row per imported record"
    );

    // Chorshanbe starts from a copy of the database as imported.
    let c_path = d.join("c.db");
    std::fs::copy(&a_path, &c_path).unwrap();
    if common::encrypted_run() {
        panj::store::secret::remember(
            &c_path,
            panj::store::secret::Passphrase::new(common::TEST_PASSPHRASE).unwrap(),
        );
    }
    let mut a = Store::open(&a_path).unwrap();
    a.sign_as("Amina");
    let drone = a.incident_by_external_id("acled:TJK1001").unwrap().unwrap();
    let first = a.versions(drone.id).unwrap();
    assert_eq!(first.len(), 1);
    let imported = &first[0];
    assert_eq!(imported.action, panj::model::HistoryAction::Import);
    assert_eq!(imported.author, "Amina");
    assert!(imported.parents.is_empty());
    assert_eq!(imported.at, drone.created_at);
    assert_eq!(imported.record.title, drone.title);
    assert_eq!(a.heads(drone.id).unwrap(), vec![imported.id]);
    assert_eq!(a.shown_version(drone.id).unwrap(), Some(imported.id));
    assert!(a.version_ids().unwrap().contains(&imported.id));
    let ids_before = a.version_ids().unwrap();

    // The first edit keeps the imported record as its "before".
    edit(&mut a, drone.id, |i| {
        i.title = "Drone strike, retitled".into()
    });
    let history = a.versions(drone.id).unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(
        history[0].id, imported.id,
        "the implied version kept its id"
    );
    assert_eq!(history[0].record.title, drone.title);
    assert_eq!(history[1].parents, vec![imported.id]);
    assert_eq!(history[1].record.title, "Drone strike, retitled");
    assert_eq!(a.heads(drone.id).unwrap(), vec![history[1].id]);

    // An edit made on the copy builds on a version A has only implied: a
    // bundle for A leaves that version out, and A takes the edit in.
    let mut c = Store::open(&c_path).unwrap();
    c.sign_as("Chorshanbe");
    let third = a.incident_by_external_id("acled:AFG2002").unwrap().unwrap();
    edit(&mut c, third.id, |i| {
        i.summary = "Chorshanbe's summary".into()
    });
    let for_a = d.join("c-for-a.panjb");
    assert_eq!(c.write_bundle(&for_a, Some(&a_path)).unwrap().versions, 1);
    a.read_bundle(&for_a).unwrap();
    assert_eq!(
        a.incident(third.id).unwrap().unwrap().summary,
        "Chorshanbe's summary"
    );
    assert_eq!(
        a.versions(third.id).unwrap()[0].action,
        panj::model::HistoryAction::Import
    );

    // A bundle carries every imported record's first version, with the ids
    // this database already showed.
    let (b_path, mut b) = analyst_db(d, "b", "Bahram");
    let (_, added) = send(d, &a, &mut b, "a1");
    assert!(added >= 6, "4 imported records and two edits: {added}");
    assert_eq!(version_rows_of_imported(), 6, "written out as they went");
    assert!(a.version_ids().unwrap().is_superset(&ids_before));
    assert_eq!(versions_and_heads(&b), versions_and_heads(&a));
    let other = a.incident_by_external_id("acled:TJK1003").unwrap().unwrap();
    edit(&mut b, other.id, |i| i.notes = "Notes from Bahram".into());
    send(d, &b, &mut a, "b1");
    assert_eq!(versions_and_heads(&a), versions_and_heads(&b));
    assert_eq!(
        a.incident(other.id).unwrap().unwrap().notes,
        "Notes from Bahram"
    );
    assert_eq!(
        a.versions(other.id).unwrap()[0].action,
        panj::model::HistoryAction::Import
    );
    assert!(a.conflicted().unwrap().is_empty());
    assert!(a.check().unwrap().is_ok());
    send(d, &a, &mut c, "a2");
    assert_eq!(versions_and_heads(&c), versions_and_heads(&a));
    drop(b);
    assert!(b_path.exists());
}

/// Two analysts import the same public file: each row is one version in
/// both databases, so a tag one removes stays removed, and edits made by
/// one alone merge without a conflict against an empty base (issue 38,
/// items 1 and 2).
#[test]
fn a_row_imported_in_two_databases_is_one_version_and_edits_on_it_merge() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut a = importing_analyst(d, "a", "Amina", &acled_fixture());
    let mut b = importing_analyst(d, "b", "Bahram", &acled_fixture());
    let id = a
        .incident_by_external_id("acled:TJK1001")
        .unwrap()
        .unwrap()
        .id;
    assert_eq!(
        a.versions(id).unwrap()[0].id,
        b.versions(id).unwrap()[0].id,
        "the same row is the same first version"
    );
    let removed = b.incident(id).unwrap().unwrap().tags[0].clone();
    edit(&mut b, id, |i| {
        i.tags.retain(|t| *t != removed);
        i.tags.push("verified".into());
        i.title = "Bahram's title".into();
        i.notes = "Bahram's notes".into();
    });
    exchange(d, &mut a, &mut b, "1");
    for store in [&a, &b] {
        let record = store.incident(id).unwrap().unwrap();
        assert!(!record.tags.contains(&removed), "{:?}", record.tags);
        assert!(record.tags.contains(&"verified".to_string()));
        assert_eq!(record.title, "Bahram's title");
        assert_eq!(record.notes, "Bahram's notes");
        assert!(store.conflicted().unwrap().is_empty(), "no false conflict");
    }
    assert_eq!(versions_and_heads(&a), versions_and_heads(&b));
}

/// Databases that imported one row before first versions were named by
/// their content hold two first versions of it: their edits still merge
/// against the content both started from.
#[test]
fn two_first_versions_of_the_same_content_merge_against_that_content() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let a = importing_analyst(d, "a", "Amina", &acled_fixture());
    let b_path = d.join("b.db");
    let id = a
        .incident_by_external_id("acled:TJK1003")
        .unwrap()
        .unwrap()
        .id;
    drop(a);
    std::fs::copy(d.join("a.db"), &b_path).unwrap();
    if common::encrypted_run() {
        panj::store::secret::remember(
            &b_path,
            panj::store::secret::Passphrase::new(common::TEST_PASSPHRASE).unwrap(),
        );
    }
    // As an older panj left it: B's first version under an id of its own.
    common::sql_connection(&b_path)
        .execute(
            "UPDATE incidents SET head = '00000000-0000-7000-8000-000000000001' WHERE id = ?1",
            [id.to_string()],
        )
        .unwrap();
    let mut a = Store::open(&d.join("a.db")).unwrap();
    a.sign_as("Amina");
    let mut b = Store::open(&b_path).unwrap();
    b.sign_as("Bahram");
    let removed = b.incident(id).unwrap().unwrap().tags[0].clone();
    edit(&mut b, id, |i| i.tags.retain(|t| *t != removed));
    edit(&mut a, id, |i| i.summary = "Amina's summary".into());
    exchange(d, &mut a, &mut b, "1");
    for store in [&a, &b] {
        assert!(store.conflicted().unwrap().is_empty());
        let record = store.incident(id).unwrap().unwrap();
        assert!(!record.tags.contains(&removed), "{:?}", record.tags);
        assert_eq!(record.summary, "Amina's summary");
    }
}

/// `version` counts the versions of a record's history, so converged
/// databases show the same number however many writes each made
/// (issue 38, item 5).
#[test]
fn converged_databases_show_the_same_version_of_every_record() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (_, mut a) = analyst_db(d, "a", "Amina");
    let (_, mut b) = analyst_db(d, "b", "Bahram");
    let id = seed_ids(&a)[0];
    edit(&mut a, id, |i| i.title = "one".into());
    edit(&mut a, id, |i| i.title = "two".into());
    edit(&mut b, id, |i| i.notes = "notes".into());
    exchange(d, &mut a, &mut b, "1");
    let (in_a, in_b) = (
        a.incident(id).unwrap().unwrap(),
        b.incident(id).unwrap().unwrap(),
    );
    assert_eq!(in_a.version, in_b.version);
    assert_eq!(in_a.version, 5, "seed, two edits, one edit, their merge");
    assert_eq!(in_a.version as usize, a.versions(id).unwrap().len());
}

/// While a conflict waits, the record shows what merged cleanly from the
/// other side, and a deletion against an edit leaves the record live in
/// every database; each conflicting value names the analyst who wrote it,
/// not the automatic merge that carried it (issue 38, items 6 and 7).
#[test]
fn an_open_conflict_shows_the_other_sides_clean_changes_and_names_their_authors() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (_, mut a) = analyst_db(d, "a", "Amina");
    let (_, mut b) = analyst_db(d, "b", "Bahram");
    let (_, mut c) = analyst_db(d, "c", "Chorshanbe");
    let ids = seed_ids(&a);
    let (first, second) = (ids[0], ids[1]);
    edit(&mut a, first, |i| i.title = "Amina's title".into());
    edit(&mut b, first, |i| {
        i.title = "Bahram's title".into();
        i.notes = "Bahram's notes".into();
    });
    // Chorshanbe takes Bahram's title into a merge of her own before
    // the conflict reaches Amina.
    edit(&mut c, first, |i| i.summary = "Chorshanbe's summary".into());
    send(d, &b, &mut c, "bc");
    send(d, &c, &mut a, "ca");
    assert_eq!(a.conflicted().unwrap(), vec![first]);
    let shown = a.incident(first).unwrap().unwrap();
    assert_eq!(
        shown.title, "Amina's title",
        "the conflicting field stays mine"
    );
    assert_eq!(shown.notes, "Bahram's notes", "what merged cleanly shows");
    assert_eq!(shown.summary, "Chorshanbe's summary");
    let conflict = a.conflict(first).unwrap().unwrap();
    let authors: Vec<&str> = conflict
        .heads
        .iter()
        .map(|h| conflict.author_of(panj::model::merge::Field::Title, h))
        .collect();
    assert!(
        authors.contains(&"Amina") && authors.contains(&"Bahram"),
        "{authors:?}"
    );

    // A deletion against an edit: live and in conflict everywhere.
    let version = c.incident(second).unwrap().unwrap().version;
    c.delete_incident(second, version).unwrap();
    edit(&mut a, second, |i| {
        i.summary = "Amina's second summary".into()
    });
    for _ in 0..2 {
        exchange(d, &mut a, &mut b, "d1");
        exchange(d, &mut b, &mut c, "d2");
        exchange(d, &mut c, &mut a, "d3");
    }
    for store in [&a, &b, &c] {
        let record = store.incident(second).unwrap().unwrap();
        assert!(
            record.deleted_at.is_none(),
            "live while the deletion conflicts"
        );
        assert_eq!(record.summary, "Amina's second summary");
        assert!(store.conflicted().unwrap().contains(&second));
        assert!(store.check().unwrap().is_ok());
    }
}

/// A step of the random team work. Records 0–2 are the seed's; 3–8 are
/// rows of the two overlapping data-set files (edited only where the
/// database has imported them).
#[derive(Debug, Clone)]
enum Step {
    Title { db: usize, record: usize, value: u8 },
    Notes { db: usize, record: usize, value: u8 },
    Tag { db: usize, record: usize, value: u8 },
    Killed { db: usize, record: usize, value: u8 },
    Delete { db: usize, record: usize },
    Import { db: usize, file: usize },
    Send { from: usize, to: usize },
    KeepMine { db: usize },
}

fn step() -> impl Strategy<Value = Step> {
    let db = 0..3usize;
    let record = 0..9usize;
    prop_oneof![
        (db.clone(), record.clone(), 0..3u8).prop_map(|(db, record, value)| Step::Title {
            db,
            record,
            value
        }),
        (db.clone(), record.clone(), 0..3u8).prop_map(|(db, record, value)| Step::Notes {
            db,
            record,
            value
        }),
        (db.clone(), record.clone(), 0..3u8).prop_map(|(db, record, value)| Step::Tag {
            db,
            record,
            value
        }),
        (db.clone(), record.clone(), 0..3u8).prop_map(|(db, record, value)| Step::Killed {
            db,
            record,
            value
        }),
        (db.clone(), record).prop_map(|(db, record)| Step::Delete { db, record }),
        (db.clone(), 0..2usize).prop_map(|(db, file)| Step::Import { db, file }),
        (db.clone(), 0..3usize).prop_map(|(from, to)| Step::Send { from, to }),
        (db).prop_map(|db| Step::KeepMine { db }),
    ]
}

/// Two data-set files that share rows 4–6 of nine.
fn overlapping_files(dir: &Path) -> [std::path::PathBuf; 2] {
    let all = String::from_utf8(panj::exchange::synthetic::acled_csv(9, 38)).unwrap();
    let mut lines = all.lines();
    let header = lines.next().unwrap();
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 9, "one line a row");
    [(0, 6), (3, 9)].map(|(from, to)| {
        let path = dir.join(format!("rows-{from}-{to}.csv"));
        let body: Vec<&str> = std::iter::once(header)
            .chain(rows[from..to].iter().copied())
            .collect();
        std::fs::write(&path, body.join("\n") + "\n").unwrap();
        path
    })
}

fn import(store: &mut Store, file: &Path) {
    use panj::exchange::import::{ImportOptions, commit, preview};
    let options = ImportOptions {
        create_actors: true,
        ..ImportOptions::default()
    };
    let preview = preview(file, store, options.clone()).unwrap();
    commit(&preview, store, options, &Default::default(), |_, _| true).unwrap();
}

/// Sends every database's versions to every other until nothing new
/// arrives; false when that takes more than eight rounds.
fn converge(d: &Path, dbs: &mut [Store], name: &str) -> bool {
    for round in 0..8 {
        let mut added = 0;
        for from in 0..dbs.len() {
            for to in 0..dbs.len() {
                if from != to {
                    let (left, right) = dbs.split_at_mut(from.max(to));
                    let (f, t) = if from < to {
                        (&left[from], &mut right[0])
                    } else {
                        (&right[0], &mut left[to])
                    };
                    added += send(d, f, t, &format!("{name}{round}-{from}{to}")).1;
                }
            }
        }
        if added == 0 {
            return true;
        }
    }
    false
}

/// Whether a person's version built on `version` changed `field` again
/// (an automatic merge only carries values on).
fn changed_again_after(history: &[panj::model::Version], version: Uuid, field: Field) -> bool {
    let by_id = |id: &Uuid| history.iter().find(|v| v.id == *id);
    let descends = |from: &panj::model::Version| {
        let mut todo: Vec<Uuid> = from.parents.clone();
        let mut seen: HashSet<Uuid> = HashSet::new();
        while let Some(id) = todo.pop() {
            if id == version {
                return true;
            }
            if seen.insert(id) {
                todo.extend(by_id(&id).map(|v| v.parents.clone()).unwrap_or_default());
            }
        }
        false
    };
    history.iter().any(|v| {
        v.author != panj::store::versions::MERGE_AUTHOR
            && descends(v)
            && v.parents
                .iter()
                .filter_map(by_id)
                .any(|p| !field.same(&p.record, &v.record))
    })
}

/// Every record as `list --json` writes it, by id.
fn records_json(store: &Store) -> String {
    serde_json::to_string_pretty(&common::team::records_by_id(store)).unwrap()
}

proptest! {
    // Encrypted, every bundle costs two key derivations: fewer cases, the
    // same rules (the plain run covers the steps).
    #![proptest_config(ProptestConfig {
        cases: if common::encrypted_run() { 6 } else { 24 },
        .. ProptestConfig::default()
    })]

    #[test]
    fn random_team_work_converges_and_loses_no_version(steps in prop::collection::vec(step(), 1..24)) {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let files = overlapping_files(d);
        let mut dbs: Vec<Store> = ["Amina", "Bahram", "Chorshanbe"]
            .iter()
            .enumerate()
            .map(|(n, who)| analyst_db(d, &format!("db{n}"), who).1)
            .collect();
        let ids = seed_ids(&dbs[0]);
        // The record a step names, where this database has it.
        let record = |store: &Store, n: usize| -> Option<Uuid> {
            if n < 3 {
                return Some(ids[n]);
            }
            store.incident_by_external_id(&format!("acled:SYN{}", n + 1)).unwrap().map(|i| i.id)
        };
        let mut ever: HashSet<Uuid> = HashSet::new();
        // Each title and notes edit: the version it made, and the field.
        let mut edits: Vec<(Uuid, Uuid, Field)> = Vec::new();
        for (n, step) in steps.iter().enumerate() {
            match *step {
                Step::Title { db, record: r, value } => if let Some(id) = record(&dbs[db], r) {
                    edit(&mut dbs[db], id, |i| i.title = format!("title {value}"));
                    edits.push((id, dbs[db].shown_version(id).unwrap().unwrap(), Field::Title));
                }
                Step::Notes { db, record: r, value } => if let Some(id) = record(&dbs[db], r) {
                    edit(&mut dbs[db], id, |i| i.notes = format!("notes {value}"));
                    edits.push((id, dbs[db].shown_version(id).unwrap().unwrap(), Field::Notes));
                }
                Step::Tag { db, record: r, value } => if let Some(id) = record(&dbs[db], r) {
                    edit(&mut dbs[db], id, |i| {
                        let tag = format!("tag {value}");
                        if i.tags.contains(&tag) { i.tags.retain(|t| *t != tag) } else { i.tags.push(tag) }
                    })
                }
                Step::Killed { db, record: r, value } => if let Some(id) = record(&dbs[db], r) {
                    edit(&mut dbs[db], id, |i| match i.casualties.first_mut() {
                        Some(row) => row.killed = u32::from(value),
                        None => i.casualties.push(panj::model::Casualty {
                            nationality: None,
                            role: panj::model::VictimRole::Unknown,
                            killed: u32::from(value),
                            wounded: 0,
                            figure: panj::model::Figure::Exact,
                        }),
                    })
                }
                Step::Delete { db, record: r } => if let Some(id) = record(&dbs[db], r) {
                    let i = dbs[db].incident(id).unwrap().unwrap();
                    if i.deleted_at.is_none() {
                        dbs[db].delete_incident(i.id, i.version).unwrap();
                    }
                }
                Step::Import { db, file } => import(&mut dbs[db], &files[file]),
                Step::Send { from, to } if from != to => {
                    let (left, right) = dbs.split_at_mut(from.max(to));
                    let (f, t) = if from < to { (&left[from], &mut right[0]) } else { (&right[0], &mut left[to]) };
                    send(d, f, t, &format!("s{n}"));
                }
                Step::Send { .. } => {}
                Step::KeepMine { db } => {
                    for id in dbs[db].conflicted().unwrap() {
                        let c = dbs[db].conflict(id).unwrap().unwrap();
                        let shown = dbs[db].shown_version(id).unwrap();
                        let mine = c.heads.iter().find(|v| Some(v.id) == shown).unwrap();
                        let resolved = c.keeping(mine);
                        let heads: Vec<Uuid> = c.heads.iter().map(|v| v.id).collect();
                        dbs[db].resolve(id, &heads, &resolved).unwrap();
                    }
                }
            }
            for store in &dbs {
                ever.extend(store.version_ids().unwrap());
            }
        }
        prop_assert!(converge(d, &mut dbs, "r"), "no fixpoint after 8 rounds");
        let expected = versions_and_heads(&dbs[0]);
        for store in &dbs[1..] {
            prop_assert_eq!(&versions_and_heads(store), &expected);
            prop_assert_eq!(store.conflicted().unwrap(), dbs[0].conflicted().unwrap());
        }
        for id in &ever {
            prop_assert!(expected.0.contains(id), "version {} was lost", id);
        }
        // Every edit shows, or waits in a listed conflict, or a person
        // changed the field again knowing it.
        let conflicted = dbs[0].conflicted().unwrap();
        for (record, version, field) in &edits {
            if conflicted.contains(record) {
                continue;
            }
            let shown = dbs[0].incident(*record).unwrap().unwrap();
            let history = dbs[0].versions(*record).unwrap();
            let made = history.iter().find(|v| v.id == *version).unwrap();
            if field.same(&shown, &made.record) {
                continue;
            }
            prop_assert!(
                changed_again_after(&history, *version, *field),
                "the {:?} of version {} was lost without a conflict", field, version
            );
        }
        // One analyst resolves what conflicts; then every database reads
        // the same, byte for byte.
        for id in dbs[0].conflicted().unwrap() {
            let c = dbs[0].conflict(id).unwrap().unwrap();
            let heads: Vec<Uuid> = c.heads.iter().map(|v| v.id).collect();
            let resolved = c.keeping(&c.heads[0]);
            dbs[0].resolve(id, &heads, &resolved).unwrap();
        }
        prop_assert!(converge(d, &mut dbs, "t"), "no fixpoint after resolving");
        let listed = records_json(&dbs[0]);
        for store in &dbs[1..] {
            prop_assert!(store.conflicted().unwrap().is_empty());
            prop_assert_eq!(&records_json(store), &listed);
        }
        for store in &dbs {
            prop_assert!(store.check().unwrap().is_ok());
        }
    }
}

#[test]
fn keep_theirs_in_the_conflict_view_writes_a_merge_version() {
    use egui_kittest::kittest::Queryable;
    use panj::app::PanjApp;

    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (_, mut a) = analyst_db(d, "a", "Amina");
    let (_, mut b) = analyst_db(d, "b", "Bahram");
    let id = seed_ids(&a)[0];
    edit(&mut a, id, |i| i.title = "Amina's title".into());
    edit(&mut b, id, |i| {
        i.title = "Bahram's title".into();
        i.notes = "Bahram's notes".into();
    });
    send(d, &a, &mut b, "a");
    assert_eq!(b.conflicted().unwrap(), vec![id]);
    let heads = b.heads(id).unwrap();
    b.set_analyst("Bahram").unwrap();

    let app = PanjApp::new(Ok(b));
    let mut harness = common::window(app, 800.0);
    harness.run();
    harness.get_by_label("Conflicts (1)").click();
    harness.run();
    harness.get_by_label_contains("Bahram's title").click();
    harness.run();
    harness.get_by_label("Resolve…").click();
    // The conflict's heads are read on the reader worker, then it opens.
    common::wait_for(&mut harness, "Merged on their own: Notes (from Bahram)");
    harness.get_by_label("Keep theirs").click();
    harness.run();
    harness.get_by_label("Save the resolution").click();
    harness.run();

    let workspace = harness.state().workspace().unwrap();
    let store = workspace.store();
    let now = store.heads(id).unwrap();
    assert_eq!(now.len(), 1, "one head again");
    let versions = store.versions(id).unwrap();
    let merge = versions.iter().find(|v| v.id == now[0]).unwrap();
    assert_eq!(merge.action, panj::model::HistoryAction::Merge);
    assert_eq!(merge.author, "Bahram");
    assert_eq!(merge.parents, heads, "joins both heads");
    let record = store.incident(id).unwrap().unwrap();
    assert_eq!(record.title, "Amina's title", "theirs, as chosen");
    assert_eq!(record.notes, "Bahram's notes", "what merged stays");
    assert!(workspace.conflicts.is_empty());
    assert!(harness.query_by_label("Conflicts (1)").is_none());
}

#[test]
fn two_analysts_importing_one_file_share_its_records_and_actors() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/acled/current.csv");
    let mut stores = Vec::new();
    for name in ["a", "b"] {
        let (path, store) = analyst_db(d, name, name);
        drop(store);
        let out = panj(
            &path,
            &["import", file.to_str().unwrap(), "--create-actors"],
        );
        assert!(out.status.success(), "{}", said(&out));
        stores.push(Store::open(&path).unwrap());
    }
    let (left, right) = stores.split_at_mut(1);
    let (a, b) = (&mut left[0], &mut right[0]);
    let actors_before = a.actors().unwrap().len();
    let (_, added) = send(d, a, b, "a");
    assert_eq!(added, 0, "the same rows are the same versions everywhere");
    let read = {
        let bundle = d.join("b.panjb");
        b.write_bundle(&bundle, None).unwrap();
        a.read_bundle(&bundle).unwrap()
    };
    assert!(read.actors_renamed.is_empty(), "{read}");
    assert_eq!(read.conflicts, 0, "{read}");
    assert_eq!(
        a.actors().unwrap().len(),
        actors_before,
        "no duplicate actors"
    );
    assert_eq!(versions_and_heads(a), versions_and_heads(b));
    assert_eq!(
        a.load_everything().unwrap().len(),
        b.load_everything().unwrap().len(),
        "one record per data-set row, not two"
    );
    assert!(a.conflicted().unwrap().is_empty());
}

#[test]
fn the_window_asks_once_for_the_name_that_signs_changes() {
    use egui_kittest::kittest::Queryable;

    let mut harness = common::window(common::seeded_app(), 800.0);
    harness.run();
    let name = "Your name, shown to your team beside your changes:";
    let role = egui::accesskit::Role::TextInput;
    harness.get_by_role_and_label(role, name).click();
    harness.run();
    harness.get_by_role_and_label(role, name).type_text("Amina");
    harness.run();
    harness.get_by_label("Save name").click();
    harness.run();
    let workspace = harness.state().workspace().unwrap();
    assert_eq!(workspace.store().analyst().unwrap(), "Amina");
    assert!(
        harness
            .query_by_label("Your name, shown to your team beside your changes:")
            .is_none(),
        "asked once"
    );
}

/// Where no desktop file dialog can open, Team ▸ Read bundle… opens a
/// chooser in the window that says why, and the bundle chosen there is
/// read (issue 38, item 9).
#[test]
fn without_a_desktop_dialog_the_window_chooses_the_bundle_itself() {
    use egui_kittest::kittest::Queryable;
    use panj::app::PanjApp;

    panj::ui::file_chooser::always_in_window();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (_, mut a) = analyst_db(d, "a", "Amina");
    let (_, b) = analyst_db(d, "b", "Bahram");
    let id = seed_ids(&a)[0];
    edit(&mut a, id, |i| i.title = "Title from Amina".into());
    let bundle = d.join("from-amina.panjb");
    a.write_bundle(&bundle, None).unwrap();

    let mut harness = common::window(PanjApp::new(Ok(b)), 800.0);
    harness.run();
    harness.get_by_label("Team").click();
    harness.run();
    harness.get_by_label("Read bundle…").click();
    harness.run();
    harness.get_by_label_contains("No desktop file dialog could open");
    let name = harness.get_by_role_and_label(egui::accesskit::Role::TextInput, "File name");
    name.click();
    harness.run();
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "File name")
        .type_text(bundle.to_str().unwrap());
    harness.run();
    harness.get_by_label("Open").click();
    common::wait_for(&mut harness, "Title from Amina");
    assert!(
        harness
            .query_by_label_contains("No desktop file dialog")
            .is_none()
    );
}

/// Bundles are compressed, and a reply says what its database has by the
/// other side's own mark instead of listing every id: a reply of seven
/// versions to a database of two thousand records is a few kilobytes,
/// carries only what the other side lacks, and a reply to the reply
/// again (issue 38, item 8).
#[test]
fn a_reply_of_seven_versions_is_a_few_kilobytes_and_carries_only_what_is_lacking() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let file = d.join("acled-2000.csv");
    std::fs::write(&file, panj::exchange::synthetic::acled_csv(2000, 7)).unwrap();
    let (_, mut a) = analyst_db(d, "a", "Amina");
    let (_, mut b) = analyst_db(d, "b", "Bahram");
    import(&mut a, &file);
    import(&mut b, &file);
    let full = d.join("a-full.panjb");
    let written = a.write_bundle(&full, None).unwrap();
    let bytes = std::fs::metadata(&full).unwrap().len();
    assert!(
        bytes <= 300 * written.versions,
        "{bytes} bytes for {} versions",
        written.versions
    );
    assert_eq!(
        b.read_bundle(&full).unwrap().versions_added,
        0,
        "the same rows"
    );

    let ids: Vec<Uuid> = b
        .load_everything()
        .unwrap()
        .iter()
        .take(7)
        .map(|i| i.id)
        .collect();
    for (n, id) in ids.iter().enumerate() {
        edit(&mut b, *id, |i| i.notes = format!("checked {n}"));
    }
    let reply = d.join("b-reply.panjb");
    let written = b.write_bundle(&reply, Some(&full)).unwrap();
    assert_eq!(written.versions, 7);
    let bytes = std::fs::metadata(&reply).unwrap().len();
    assert!(bytes <= 20 * 1024, "a 7-version reply of {bytes} bytes");
    assert_eq!(a.read_bundle(&reply).unwrap().versions_added, 7);

    // A's reply to the reply carries A's new version alone.
    edit(&mut a, ids[0], |i| i.title = "Amina's title".into());
    let again = d.join("a-again.panjb");
    assert_eq!(a.write_bundle(&again, Some(&reply)).unwrap().versions, 1);
    assert!(std::fs::metadata(&again).unwrap().len() <= 20 * 1024);
    b.read_bundle(&again).unwrap();
    assert_eq!(versions_and_heads(&a), versions_and_heads(&b));
    // B reads back what A's reply said by B's own mark: nothing lacks.
    let none = d.join("b-none.panjb");
    assert_eq!(b.write_bundle(&none, Some(&again)).unwrap().versions, 0);
    // A third database cannot, so a bundle from it for that reply
    // carries everything it has rather than too little.
    let (_, c) = analyst_db(d, "c", "Chorshanbe");
    let all = c.write_bundle(&d.join("c.panjb"), None).unwrap().versions;
    let for_again = d.join("c-for-again.panjb");
    assert_eq!(
        c.write_bundle(&for_again, Some(&again)).unwrap().versions,
        all
    );
}
