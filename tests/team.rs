//! Team work without a server: databases made from one seed edit apart,
//! exchange bundles in any order and end with the same versions and
//! heads; edits to different fields merge, a deletion against an edit is
//! one conflict, and no version is ever lost.

mod common;

use common::team::{analyst_db, edit, seed_ids, send, team_edits, versions_and_heads};
use common::{panj, said};
use panj::model::Incident;
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

/// A step of the random team work.
#[derive(Debug, Clone)]
enum Step {
    Title { db: usize, record: usize, value: u8 },
    Notes { db: usize, record: usize, value: u8 },
    Tag { db: usize, record: usize, value: u8 },
    Delete { db: usize, record: usize },
    Send { from: usize, to: usize },
    KeepMine { db: usize },
}

fn step() -> impl Strategy<Value = Step> {
    let db = 0..3usize;
    let record = 0..3usize;
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
        (db.clone(), record).prop_map(|(db, record)| Step::Delete { db, record }),
        (db.clone(), 0..3usize).prop_map(|(from, to)| Step::Send { from, to }),
        (db).prop_map(|db| Step::KeepMine { db }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, .. ProptestConfig::default() })]

    #[test]
    fn random_team_work_converges_and_loses_no_version(steps in prop::collection::vec(step(), 1..24)) {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let mut dbs: Vec<Store> = ["Amina", "Bahram", "Chorshanbe"]
            .iter()
            .enumerate()
            .map(|(n, who)| analyst_db(d, &format!("db{n}"), who).1)
            .collect();
        let ids = seed_ids(&dbs[0]);
        let mut ever: HashSet<Uuid> = HashSet::new();
        for (n, step) in steps.iter().enumerate() {
            match *step {
                Step::Title { db, record, value } => {
                    edit(&mut dbs[db], ids[record], |i| i.title = format!("title {value}"))
                }
                Step::Notes { db, record, value } => {
                    edit(&mut dbs[db], ids[record], |i| i.notes = format!("notes {value}"))
                }
                Step::Tag { db, record, value } => edit(&mut dbs[db], ids[record], |i| {
                    let tag = format!("tag {value}");
                    if i.tags.contains(&tag) { i.tags.retain(|t| *t != tag) } else { i.tags.push(tag) }
                }),
                Step::Delete { db, record } => {
                    let i = dbs[db].incident(ids[record]).unwrap().unwrap();
                    if i.deleted_at.is_none() {
                        dbs[db].delete_incident(i.id, i.version).unwrap();
                    }
                }
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
        // Everyone sends to everyone until nothing new arrives.
        let mut rounds = 0;
        loop {
            let mut added = 0;
            for from in 0..3 {
                for to in 0..3 {
                    if from != to {
                        let (left, right) = dbs.split_at_mut(from.max(to));
                        let (f, t) = if from < to { (&left[from], &mut right[0]) } else { (&right[0], &mut left[to]) };
                        added += send(d, f, t, &format!("r{rounds}-{from}{to}")).1;
                    }
                }
            }
            rounds += 1;
            prop_assert!(rounds < 8, "no fixpoint after 8 rounds");
            if added == 0 {
                break;
            }
        }
        let expected = versions_and_heads(&dbs[0]);
        for store in &dbs[1..] {
            prop_assert_eq!(&versions_and_heads(store), &expected);
        }
        for id in &ever {
            prop_assert!(expected.0.contains(id), "version {} was lost", id);
        }
        // Records without a conflict read the same everywhere.
        for &id in &ids {
            if expected.1[&id].len() == 1 {
                let mut rows: Vec<Incident> = dbs.iter().map(|s| s.incident(id).unwrap().unwrap()).collect();
                for r in &mut rows {
                    r.version = 0;
                    r.location.border_km = None;
                }
                prop_assert_eq!(&rows[0], &rows[1]);
                prop_assert_eq!(&rows[0], &rows[2]);
            }
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
    harness.run();
    harness.get_by_label_contains("Merged on their own: Notes (from Bahram)");
    harness.get_by_label("Keep theirs").click();
    harness.run();
    harness.get_by_label("Save the resolution").click();
    harness.run();

    let workspace = harness.state().workspace().unwrap();
    let store = &workspace.store;
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
    assert!(added > 0);
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
    assert_eq!(workspace.store.analyst().unwrap(), "Amina");
    assert!(
        harness
            .query_by_label("Your name, shown to your team beside your changes:")
            .is_none(),
        "asked once"
    );
}
