//! Team work the team tests share: seeded analysts' databases, the edits
//! of the team-work test, and what converged databases agree on.

use panj::model::Incident;
use panj::store::Store;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use uuid::Uuid;

/// A seeded database file at `dir/NAME.db`, signed by `analyst`.
pub fn analyst_db(dir: &Path, name: &str, analyst: &str) -> (PathBuf, Store) {
    let path = dir.join(format!("{name}.db"));
    super::seeded_file(&path);
    let mut store = Store::open(&path).unwrap();
    store.sign_as(analyst);
    (path, store)
}

/// Every record of a database, live or deleted, by id.
pub fn records_by_id(store: &Store) -> Vec<Incident> {
    let mut all: Vec<Incident> = store
        .load_everything()
        .unwrap()
        .iter()
        .map(|i| (**i).clone())
        .collect();
    all.sort_by_key(|i| i.id);
    all
}

/// The seed incidents, by id (the same in every database).
pub fn seed_ids(store: &Store) -> Vec<Uuid> {
    records_by_id(store).iter().map(|i| i.id).collect()
}

/// What two databases must agree on: every version and every record's heads.
pub fn versions_and_heads(store: &Store) -> (BTreeSet<Uuid>, BTreeMap<Uuid, Vec<Uuid>>) {
    let versions: BTreeSet<Uuid> = store.version_ids().unwrap().into_iter().collect();
    let heads = store
        .load_everything()
        .unwrap()
        .iter()
        .map(|i| (i.id, store.heads(i.id).unwrap()))
        .collect();
    (versions, heads)
}

/// Passes the versions of `from` to `to` through a bundle file; what
/// reading it added.
pub fn send(dir: &Path, from: &Store, to: &mut Store, name: &str) -> (PathBuf, u64) {
    let bundle = dir.join(format!("{name}.panjb"));
    from.write_bundle(&bundle, None).unwrap();
    let read = to.read_bundle(&bundle).unwrap();
    (bundle, read.versions_added)
}

pub fn edit(store: &mut Store, id: Uuid, change: impl FnOnce(&mut Incident)) {
    let mut incident = store.incident(id).unwrap().unwrap();
    change(&mut incident);
    store.update_incident(&incident).unwrap();
}

/// The team-work test's edits: Amina retitles the first seed incident and
/// Bahram adds notes to it (they merge); Chorshanbe deletes the second while
/// Amina edits its summary (one conflict).
pub fn team_edits(a: &mut Store, b: &mut Store, c: &mut Store) {
    let ids = seed_ids(a);
    let (first, second) = (ids[0], ids[1]);
    edit(a, first, |i| i.title = "Title from Amina".into());
    edit(b, first, |i| i.notes = "Notes from Bahram".into());
    let version = c.incident(second).unwrap().unwrap().version;
    c.delete_incident(second, version).unwrap();
    edit(a, second, |i| i.summary = "Amina's summary".into());
}

/// A seeded database at `dir/NAME.db` that has imported `file` (with
/// `--create-actors`) as `analyst`, reopened signed by that analyst.
pub fn importing_analyst(dir: &Path, name: &str, analyst: &str, file: &Path) -> Store {
    let (path, store) = analyst_db(dir, name, analyst);
    drop(store);
    let out = super::panj(
        &path,
        &[
            "--as",
            analyst,
            "import",
            file.to_str().unwrap(),
            "--create-actors",
        ],
    );
    assert!(out.status.success(), "{}", super::said(&out));
    let mut store = Store::open(&path).unwrap();
    store.sign_as(analyst);
    store
}

/// The ACLED file of the tests, in the current layout.
pub fn acled_fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/acled/current.csv")
}

/// Sends `from`'s versions to `to` and back, through bundles.
pub fn exchange(dir: &Path, a: &mut Store, b: &mut Store, name: &str) {
    send(dir, a, b, &format!("{name}-ab"));
    send(dir, b, a, &format!("{name}-ba"));
}
