use super::*;
use crate::exchange::seed;
use crate::exchange::synthetic::Lcg;
use crate::filter::{ActorDirectory, BBox, DateMode, Filter, Perpetrator};
use crate::model::*;
use jiff::civil::date;
use rusqlite::params;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::os::unix::fs::PermissionsExt;

fn file_hash(path: &Path) -> u64 {
    let mut h = DefaultHasher::new();
    std::fs::read(path).unwrap().hash(&mut h);
    h.finish()
}

fn schema_of(conn: &Connection) -> Vec<String> {
    let mut stmt = conn
        .prepare("SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_schema ORDER BY type, name")
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect()
}

/// A new database file at schema `version` (1 or later), as a panj of
/// that version made it, for migration tests to fill and open.
fn database_at_version(path: &Path, version: usize) -> Connection {
    let conn = Connection::open(path).unwrap();
    for step in &migrations::MIGRATIONS[..version] {
        conn.execute_batch(step.sql).unwrap();
    }
    conn.pragma_update(None, "application_id", migrations::APPLICATION_ID)
        .unwrap();
    conn.pragma_update(None, "user_version", version as i64)
        .unwrap();
    conn
}

fn seeded() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    seed::seed(&mut store).unwrap();
    store
}

/// Every incident, the trash included.
fn everything(store: &Store) -> Vec<Incident> {
    [false, true]
        .into_iter()
        .flat_map(|trash| {
            store
                .query(&Filter {
                    trash,
                    ..Filter::default()
                })
                .unwrap()
        })
        .collect()
}

fn first_actor(store: &Store) -> Uuid {
    store.actors().unwrap()[0].id
}

fn new_incident(title: &str) -> Incident {
    Incident::new(
        title,
        EventType::ArmedClash,
        IncidentDate::day(date(2024, 5, 1)),
        Location {
            lat: 37.2,
            lon: 69.1,
            precision: LocationPrecision::Near,
            place_name: "Panj".into(),
            country: Some(CountryCode::TJ),
            admin1: Some("Khatlon".into()),
            admin2: None,
            side: Side::Tj,
            border_km: None,
        },
    )
}

#[test]
fn a_zero_byte_file_is_created_at_the_latest_schema() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.db");
    std::fs::write(&path, b"").unwrap();
    let store = Store::open(&path).unwrap();
    assert!(store.was_created());
    assert_eq!(
        store.schema_version().unwrap(),
        migrations::latest_version()
    );
    let app_id: i32 = store
        .conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .unwrap();
    assert_eq!(app_id, migrations::APPLICATION_ID);
    let mode: String = store
        .conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    drop(store);
    let reopened = Store::open(&path).unwrap();
    assert!(!reopened.was_created(), "a second open is not a creation");
}

#[test]
fn missing_folders_are_created() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a/b/panj.db");
    assert!(Store::open(&path).unwrap().was_created());
}

#[test]
fn every_older_schema_migrates_to_the_same_schema_as_a_new_database() {
    let dir = tempfile::tempdir().unwrap();
    let fresh = Store::open(&dir.path().join("fresh.db")).unwrap();
    let expected = schema_of(&fresh.conn);
    for version in 0..migrations::latest_version() {
        let path = dir.path().join(format!("v{version}.db"));
        {
            let conn = Connection::open(&path).unwrap();
            for step in &migrations::MIGRATIONS[..version as usize] {
                conn.execute_batch(step.sql).unwrap();
            }
            if version > 0 {
                conn.pragma_update(None, "application_id", migrations::APPLICATION_ID)
                    .unwrap();
                // A table so that the file is not empty even at version 0.
            }
            conn.pragma_update(None, "user_version", version).unwrap();
        }
        let migrated = Store::open(&path).unwrap();
        assert_eq!(
            migrated.schema_version().unwrap(),
            migrations::latest_version(),
            "from v{version}"
        );
        assert_eq!(schema_of(&migrated.conn), expected, "from v{version}");
        assert!(migrated.check().unwrap().is_ok(), "from v{version}");
    }
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_and_left_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    for (name, content) in [
        ("incidents.csv", b"id,title\n1,clash\n".as_slice()),
        ("short.db", b"SQLite".as_slice()),
        (
            "fake.db",
            b"SQLite format 3\0but then garbage that is no b-tree at all....".as_slice(),
        ),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, content).unwrap();
        let before = file_hash(&path);
        let err = Store::open(&path).err().expect("refused");
        assert!(matches!(err, StoreError::NotSqlite { .. }), "{name}: {err}");
        assert!(
            err.to_string().contains(name),
            "the message names the file: {err}"
        );
        assert_eq!(file_hash(&path), before, "{name} unchanged");
        assert!(!dir.path().join(format!("{name}-wal")).exists());
    }
}

#[test]
fn a_database_of_a_newer_schema_is_refused_and_left_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.db");
    {
        let store = Store::open(&path).unwrap();
        store
            .conn
            .pragma_update(None, "user_version", migrations::latest_version() + 1)
            .unwrap();
        store
            .conn
            .pragma_update(None, "journal_mode", "DELETE")
            .unwrap();
    }
    let before = file_hash(&path);
    let err = Store::open(&path).err().expect("refused");
    assert!(
        matches!(err, StoreError::TooNew { found, .. } if found == migrations::latest_version() + 1),
        "{err}"
    );
    assert!(err.to_string().contains("newer"), "{err}");
    assert_eq!(file_hash(&path), before);
}

#[test]
fn another_applications_database_is_refused_and_left_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.sqlite");
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('x');")
            .unwrap();
    }
    let before = file_hash(&path);
    let err = Store::open(&path).err().expect("refused");
    assert!(matches!(err, StoreError::ForeignDatabase { .. }), "{err}");
    assert_eq!(file_hash(&path), before);
}

#[test]
fn a_read_only_file_opens_read_only_and_refuses_writes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("archive.db");
    {
        let mut store = Store::open(&path).unwrap();
        seed::seed(&mut store).unwrap();
    }
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = file_hash(&path);
    let mut store = Store::open(&path).unwrap();
    assert!(store.is_read_only());
    assert_eq!(store.count(&Filter::default()).unwrap(), 3, "reads work");
    let err = store.insert_incident(&new_incident("x")).unwrap_err();
    assert!(matches!(err, StoreError::ReadOnly(_)), "{err}");
    assert!(err.to_string().contains("read-only"));
    assert!(store.check().unwrap().is_ok());
    drop(store);
    assert_eq!(file_hash(&path), before);
}

#[test]
fn every_write_adds_a_version_with_its_parent_and_record() {
    let mut store = seeded();
    let incident = new_incident("Shooting at the Panj crossing");
    store.insert_incident(&incident).unwrap();

    let mut edited = incident.clone();
    edited.title = "Shooting at the Panj-i Poyon crossing".into();
    let stored = store.update_incident(&edited).unwrap();
    assert_eq!(stored.version, 2);
    let deleted = store.delete_incident(incident.id, 2).unwrap();
    assert!(deleted.deleted_at.is_some());
    assert_eq!(
        store.count(&Filter::default()).unwrap(),
        3,
        "deleted never matches"
    );
    assert_eq!(
        store
            .query_ids(&Filter {
                trash: true,
                ..Filter::default()
            })
            .unwrap(),
        [incident.id]
    );
    let restored = store.restore_incident(incident.id, 3).unwrap();
    assert_eq!(restored.deleted_at, None);
    assert_eq!(restored.version, 4);

    let versions = store.versions(incident.id).unwrap();
    let actions: Vec<_> = versions.iter().map(|v| v.action).collect();
    assert_eq!(
        actions,
        [
            HistoryAction::Insert,
            HistoryAction::Update,
            HistoryAction::Delete,
            HistoryAction::Restore
        ]
    );
    assert!(versions[0].parents.is_empty());
    for pair in versions.windows(2) {
        assert_eq!(pair[1].parents, vec![pair[0].id], "one chain");
    }
    assert_eq!(versions[0].record.title, "Shooting at the Panj crossing");
    assert_eq!(
        versions[1].record.title,
        "Shooting at the Panj-i Poyon crossing"
    );
    assert!(versions[2].record.deleted_at.is_some());
    assert!(versions[3].record.deleted_at.is_none());
    assert_eq!(store.heads(incident.id).unwrap(), vec![versions[3].id]);
    // Only the versions the row no longer shows keep a copy.
    let stored_copies: i64 = store
        .conn
        .query_row(
            "SELECT count(record) FROM versions WHERE record_id = ?1",
            [incident.id.to_string()],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(stored_copies, 3);
    assert_eq!(store.incident(incident.id).unwrap().unwrap(), restored);
}

#[test]
fn a_stale_version_is_refused_and_nothing_changes() {
    let mut store = seeded();
    let incident = new_incident("Original");
    store.insert_incident(&incident).unwrap();
    let mut first = incident.clone();
    first.title = "First editor".into();
    store.update_incident(&first).unwrap();

    let mut second = incident.clone();
    second.title = "Second editor, from version 1".into();
    let err = store.update_incident(&second).unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::Conflict {
                expected: 1,
                stored: 2,
                ..
            }
        ),
        "{err}"
    );
    assert_eq!(
        store.incident(incident.id).unwrap().unwrap().title,
        "First editor"
    );
    assert!(store.delete_incident(incident.id, 1).is_err());
    assert_eq!(store.versions(incident.id).unwrap().len(), 2);
}

#[test]
fn incidents_round_trip_with_all_their_parts() {
    let mut store = seeded();
    let actor = first_actor(&store);
    let source = store.sources().unwrap()[0].id;
    let mut incident = new_incident("Full record");
    incident.summary = "Summary".into();
    incident.notes = "Notes".into();
    incident.tags = vec!["a".into(), "b".into()];
    incident.date.end = date(2024, 5, 7);
    incident.date.precision = DatePrecision::Week;
    incident.date.time_of_day = Some(jiff::civil::time(23, 15, 0, 0));
    incident.location.admin2 = Some("Panj district".into());
    incident.casualties = vec![
        Casualty {
            nationality: Some(CountryCode::TJ),
            role: VictimRole::SecurityForces,
            killed: 2,
            wounded: 1,
            figure: Figure::Exact,
        },
        Casualty {
            nationality: None,
            role: VictimRole::Militant,
            killed: 3,
            wounded: 0,
            figure: Figure::Minimum,
        },
    ];
    incident.claims = vec![Claim {
        actor_id: actor,
        claimant: Claimant::Media,
        claimant_name: "Asia-Plus".into(),
        stance: Stance::Accuses,
        confidence: Confidence::Likely,
        source_id: Some(source),
        note: "n".into(),
    }];
    incident.source_ids = vec![source];
    store.insert_incident(&incident).unwrap();
    let loaded = store.incident(incident.id).unwrap().unwrap();
    // The one field the store derives: this point is a few hundred metres
    // south of the Panj's line in the shipped data.
    let km = loaded.location.border_km.expect("derived on insert");
    assert!(km.abs() < 2.0, "{km}");
    incident.location.border_km = Some(km);
    assert_eq!(loaded, incident);
}

#[test]
fn invalid_records_and_unknown_references_are_refused_whole() {
    let mut store = seeded();
    let mut bad = new_incident("  ");
    bad.location.lon = 400.0;
    let err = store.insert_incident(&bad).unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("title") && text.contains("longitude"),
        "{text}"
    );

    let mut orphan = new_incident("Cites a missing actor");
    let missing = Uuid::now_v7();
    orphan.claims.push(Claim {
        actor_id: missing,
        claimant: Claimant::Other,
        claimant_name: String::new(),
        stance: Stance::Accuses,
        confidence: Confidence::Possible,
        source_id: None,
        note: String::new(),
    });
    assert!(
        matches!(store.insert_incident(&orphan), Err(StoreError::ActorNotFound(id)) if id == missing)
    );

    // A failing step rolls back the steps before it.
    let good = new_incident("Would be stored");
    let result = store.write("the batch", |w| {
        w.insert_incident(&good)?;
        w.insert_incident(&orphan)
    });
    assert!(result.is_err());
    assert!(
        store.incident(good.id).unwrap().is_none(),
        "the whole batch rolled back"
    );
    assert!(store.check().unwrap().is_ok());
}

#[test]
fn an_alias_cannot_belong_to_two_actors() {
    let mut store = seeded();
    let impostor = Actor {
        id: Uuid::now_v7(),
        name: "Khorasan branch".into(),
        kind: ActorKind::ArmedGroup,
        aliases: vec!["isis-k".into()],
        notes: String::new(),
    };
    let err = store.upsert_actor(&impostor).unwrap_err();
    assert!(
        matches!(&err, StoreError::AliasTaken { owner, .. } if owner == "ISKP"),
        "{err}"
    );
}

#[test]
fn full_text_search_finds_words_and_follows_edits() {
    let mut store = seeded();
    let text = |store: &Store, t: &str| {
        store
            .count(&Filter {
                text: t.into(),
                ..Filter::default()
            })
            .unwrap()
    };
    assert_eq!(text(&store, "explosive"), 1);
    assert_eq!(
        text(&store, "drone"),
        2,
        "the assaults summary mentions the drone attack"
    );
    assert_eq!(text(&store, "Chinese"), 2, "title words");
    assert_eq!(text(&store, "min expl"), 1, "prefixes, all words");
    assert_eq!(text(&store, "Badakhshan"), 1, "notes");
    assert_eq!(text(&store, "stand-in"), 3);
    // FTS5 syntax in the input is taken literally, never as an error.
    for odd in ["\"", "AND", "NEAR(", "*", "col:drone", "drone OR"] {
        store
            .count(&Filter {
                text: odd.into(),
                ..Filter::default()
            })
            .unwrap();
    }

    let mut incident = new_incident("Clash at Ishkashim");
    incident.location.place_name = "Ishkashim".into();
    incident.location.admin1 = Some("Gorno-Badakhshan".into());
    store.insert_incident(&incident).unwrap();
    assert_eq!(text(&store, "ishkashim"), 1, "place names");
    assert_eq!(text(&store, "gorno"), 1, "province names");
    let mut edited = incident.clone();
    edited.title = "Clash at Khorugh".into();
    edited.location.place_name = "Khorugh".into();
    store.update_incident(&edited).unwrap();
    assert_eq!(text(&store, "ishkashim"), 0, "old words leave the index");
    assert_eq!(text(&store, "khorugh"), 1);
    store.delete_incident(incident.id, 2).unwrap();
    assert_eq!(text(&store, "khorugh"), 0, "deleted incidents do not match");
    assert!(store.check().unwrap().is_ok());
}

#[test]
fn a_bulk_insert_indexes_its_rows_for_search_and_puts_the_schema_back() {
    let mut store = seeded();
    let schema = schema_of(&store.conn);
    let text = |store: &Store, t: &str| {
        store
            .count(&Filter {
                text: t.into(),
                ..Filter::default()
            })
            .unwrap()
    };
    let incidents: Vec<Incident> = (0..50)
        .map(|n| new_incident(&format!("Imported clash number{n}")))
        .collect();
    store
        .write("bulk", |w| {
            w.bulk(|w| {
                for incident in &incidents {
                    w.insert_imported(incident, None)?;
                }
                Ok(())
            })
        })
        .unwrap();
    assert_eq!(
        store.rows_to_index().unwrap(),
        50,
        "indexed after the commit"
    );
    // Until then text search still finds them, by the in-memory rule.
    assert_eq!(text(&store, "imported"), 50);
    assert_eq!(text(&store, "number7"), 1);
    assert_eq!(text(&store, "numb clash"), 50);
    assert_eq!(schema_of(&store.conn), schema, "the insert trigger is back");
    assert!(
        store.check().unwrap().is_ok(),
        "not indexed yet is not damage"
    );
    let mut reported = Vec::new();
    store
        .complete_text_index(&mut |done, total| reported.push((done, total)))
        .unwrap();
    assert_eq!(reported.last(), Some(&(50, 50)));
    assert_eq!(store.rows_to_index().unwrap(), 0);
    assert_eq!(text(&store, "imported"), 50, "now from the index");
    assert_eq!(text(&store, "number7"), 1);
    assert!(store.check().unwrap().is_ok());
    let after_bulk = new_incident("Typed in later");
    store.insert_incident(&after_bulk).unwrap();
    assert_eq!(text(&store, "typed"), 1, "the trigger indexes again");

    // A bulk write that fails leaves nothing, the trigger included.
    let failing = store.write("bulk", |w| {
        w.bulk(|w| {
            w.insert_imported(&new_incident("Never stored"), None)?;
            Err::<(), _>(StoreError::Cancelled)
        })
    });
    assert!(matches!(failing, Err(StoreError::Cancelled)));
    assert_eq!(text(&store, "never"), 0);
    assert_eq!(schema_of(&store.conn), schema);
    assert_eq!(store.rows_to_index().unwrap(), 0);
}

/// Rows a bulk import has not had indexed yet are indexed by the next
/// write before it can change them: FTS5 must never be told to remove a
/// row it does not hold.
#[test]
fn a_write_after_a_bulk_import_indexes_its_rows_before_editing_them() {
    let mut store = seeded();
    let imported = new_incident("Imported clash at Shurobod");
    store
        .write("bulk", |w| w.bulk(|w| w.insert_imported(&imported, None)))
        .unwrap();
    assert_eq!(store.rows_to_index().unwrap(), 1);
    let mut edited = store.incident(imported.id).unwrap().unwrap();
    edited.title = "Edited clash at Kevron".into();
    store.update_incident(&edited).unwrap();
    assert_eq!(store.rows_to_index().unwrap(), 0);
    assert!(store.check().unwrap().is_ok());
    let count = |t: &str| {
        store
            .count(&Filter {
                text: t.into(),
                ..Filter::default()
            })
            .unwrap()
    };
    assert_eq!(count("kevron"), 1);
    assert_eq!(count("shurobod"), 0);
}

fn varied_incidents(store: &mut Store, rng: &mut Lcg, count: usize) {
    let actors: Vec<Uuid> = store.actors().unwrap().iter().map(|a| a.id).collect();
    let nationalities = [
        None,
        Some(CountryCode::TJ),
        Some(CountryCode::AF),
        Some(CountryCode::CN),
    ];
    let words = [
        "clash", "drone", "Panj", "Khorugh", "border", "mine", "patrol",
    ];
    let provinces = [None, Some("Khatlon"), Some("Badakhshan"), Some("Takhar")];
    store
        .write("test data", |w| {
            for n in 0..count {
                let start = date(2024, 1, 1)
                    .checked_add(jiff::Span::new().days(rng.below(700) as i64))
                    .unwrap();
                let mut incident =
                    new_incident(&format!("{} {} {n}", rng.pick(&words), rng.pick(&words)));
                incident.event_type = *rng.pick(EventType::ALL);
                incident.date.start = start;
                incident.date.end = start
                    .checked_add(jiff::Span::new().days(rng.below(3) as i64 * 7))
                    .unwrap();
                incident.location.lat = 36.0 + rng.below(300) as f64 / 100.0;
                incident.location.lon = 67.0 + rng.below(800) as f64 / 100.0;
                incident.location.side = *rng.pick(Side::ALL);
                incident.location.admin1 = rng.pick(&provinces).map(String::from);
                incident.notes = rng.pick(&words).to_string();
                for _ in 0..rng.below(3) {
                    incident.casualties.push(Casualty {
                        nationality: *rng.pick(&nationalities),
                        role: *rng.pick(VictimRole::ALL),
                        killed: rng.below(3) as u32,
                        wounded: rng.below(3) as u32,
                        figure: *rng.pick(Figure::ALL),
                    });
                }
                for _ in 0..rng.below(3) {
                    incident.claims.push(Claim {
                        actor_id: *rng.pick(&actors),
                        claimant: *rng.pick(Claimant::ALL),
                        claimant_name: String::new(),
                        stance: *rng.pick(Stance::ALL),
                        confidence: *rng.pick(Confidence::ALL),
                        source_id: None,
                        note: String::new(),
                    });
                }
                if rng.below(10) == 0 {
                    incident.deleted_at = Some(jiff::Timestamp::now());
                }
                w.insert_incident(&incident)?;
            }
            Ok(())
        })
        .unwrap();
}

fn random_filter(rng: &mut Lcg, actors: &ActorDirectory) -> Filter {
    let mut f = Filter::default();
    let actor_ids: Vec<Uuid> = actors.iter().map(|a| a.id).collect();
    if rng.below(2) == 0 {
        f.date_from = Some(
            date(2024, 1, 1)
                .checked_add(jiff::Span::new().days(rng.below(700) as i64))
                .unwrap(),
        );
    }
    if rng.below(2) == 0 {
        f.date_to = Some(
            date(2024, 3, 1)
                .checked_add(jiff::Span::new().days(rng.below(700) as i64))
                .unwrap(),
        );
    }
    if rng.below(2) == 0 {
        f.date_mode = DateMode::Within;
    }
    for _ in 0..rng.below(3) {
        f.perpetrators.insert(if rng.below(3) == 0 {
            Perpetrator::Unattributed
        } else {
            Perpetrator::Actor(*rng.pick(&actor_ids))
        });
    }
    f.min_confidence = *rng.pick(Confidence::ALL);
    for _ in 0..rng.below(3) {
        f.nationalities
            .insert(*rng.pick(&[None, Some(CountryCode::TJ), Some(CountryCode::CN)]));
    }
    if rng.below(4) == 0 {
        f.victim_roles.insert(*rng.pick(VictimRole::ALL));
    }
    f.killed_only = rng.below(3) == 0;
    if rng.below(3) == 0 {
        f.event_types.insert(*rng.pick(EventType::ALL));
        f.event_types.insert(*rng.pick(EventType::ALL));
    }
    if rng.below(4) == 0 {
        f.sides.insert(*rng.pick(Side::ALL));
    }
    if rng.below(4) == 0 {
        f.provinces
            .insert(rng.pick(&["khatlon", "Badakhshan", "nowhere"]).to_string());
    }
    if rng.below(4) == 0 {
        f.min_fatalities = Some(rng.below(5));
    }
    if rng.below(4) == 0 {
        f.text = rng
            .pick(&["clash", "pan", "drone border", "khor", "zzz"])
            .to_string();
    }
    if rng.below(4) == 0 {
        let (lon, lat) = (67.0 + rng.below(6) as f64, 36.0 + rng.below(2) as f64);
        f.bbox = Some(BBox {
            min_lon: lon,
            min_lat: lat,
            max_lon: lon + 2.0,
            max_lat: lat + 1.5,
        });
    }
    if rng.below(4) == 0 {
        f.max_border_km = Some(rng.pick(&[0.5, 5.0, 20.0, 80.0, 300.0]).to_owned());
    }
    f.trash = rng.below(8) == 0;
    f
}

#[test]
fn sql_and_the_predicate_agree_on_random_filters() {
    let mut store = seeded();
    let mut rng = Lcg(20251126);
    varied_incidents(&mut store, &mut rng, 400);
    let actors = store.actor_directory().unwrap();
    let everything = everything(&store);
    assert_eq!(everything.len(), 403);
    let mut non_trivial = 0;
    for round in 0..400 {
        let filter = random_filter(&mut rng, &actors);
        let mut expected: Vec<Uuid> = everything
            .iter()
            .filter(|i| filter.matches(i, &actors))
            .map(|i| i.id)
            .collect();
        let mut got = store.query_ids(&filter).unwrap();
        expected.sort();
        got.sort();
        assert_eq!(got, expected, "round {round}: {filter:?}");
        assert_eq!(store.count(&filter).unwrap() as usize, expected.len());
        if !expected.is_empty() && expected.len() < everything.len() {
            non_trivial += 1;
        }
    }
    assert!(
        non_trivial > 100,
        "the filters must discriminate ({non_trivial} did)"
    );
}

#[test]
fn the_issue_examples_hold_on_the_seed() {
    let store = seeded();
    let actors = store.actor_directory().unwrap();
    let iskp = actors.resolve("ISIS-K").unwrap().id;
    let titles = |f: &Filter| -> Vec<String> {
        store
            .query(f)
            .unwrap()
            .into_iter()
            .map(|i| i.title)
            .collect()
    };
    let cn = Filter {
        nationalities: [Some(CountryCode::CN)].into(),
        ..Filter::default()
    };
    assert_eq!(
        titles(&cn),
        [
            "Explosive drone attack on a Chinese mining operation",
            "Armed assaults on Chinese workers"
        ]
    );
    let possible = Filter {
        perpetrators: [Perpetrator::Actor(iskp)].into(),
        min_confidence: Confidence::Possible,
        ..Filter::default()
    };
    assert_eq!(titles(&possible), titles(&cn));
    let likely = Filter {
        min_confidence: Confidence::Likely,
        ..possible
    };
    assert!(titles(&likely).is_empty());
    // The clash's wide interval overlaps December but is not inside it.
    let december = Filter {
        date_from: Some(date(2025, 12, 1)),
        date_to: Some(date(2025, 12, 31)),
        ..Filter::default()
    };
    assert_eq!(store.count(&december).unwrap(), 2);
    assert_eq!(
        store
            .count(&Filter {
                date_mode: DateMode::Within,
                ..december
            })
            .unwrap(),
        0
    );
}

#[test]
fn a_backup_is_a_complete_database_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let store = {
        let mut s = Store::open(&dir.path().join("live.db")).unwrap();
        seed::seed(&mut s).unwrap();
        s
    };
    let copy = dir.path().join("copy.db");
    store.backup_to(&copy).unwrap();
    let restored = Store::open(&copy).unwrap();
    assert_eq!(
        restored.query(&Filter::default()).unwrap(),
        store.query(&Filter::default()).unwrap()
    );
    assert!(restored.check().unwrap().is_ok());
    let before = file_hash(&copy);
    assert!(store.backup_to(&copy).is_err());
    assert_eq!(file_hash(&copy), before);
}

#[test]
fn migrating_to_v2_works_out_the_border_distance_of_existing_incidents() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.db");
    {
        let conn = database_at_version(&path, 1);
        for (id, lon, lat) in [
            ("0190a000-0000-7000-8000-000000000001", 69.0991, 37.2363), // Panj
            ("0190a000-0000-7000-8000-000000000002", 70.5800, 37.1166), // Faizabad
        ] {
            conn.execute(
                "INSERT INTO incidents (id, title, event_type, date_start, date_end,
                 date_precision, lat, lon, location_precision, side, created_at,
                 updated_at, version)
                 VALUES (?1, 'old', 'armed_clash', '2024-01-01', '2024-01-01', 'day', ?3, ?2,
                 'exact', 'unknown', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z', 1)",
                params![id, lon, lat],
            )
            .unwrap();
        }
    }
    let store = Store::open(&path).unwrap();
    let all = store.query(&Filter::default()).unwrap();
    let km: Vec<f64> = all.iter().map(|i| i.location.border_km.unwrap()).collect();
    assert!(km[0] > 0.0 && km[0] < 10.0, "Panj: {km:?}");
    assert!(km[1] < -10.0 && km[1] > -80.0, "Faizabad: {km:?}");
    let near = Filter {
        max_border_km: Some(10.0),
        ..Filter::default()
    };
    assert_eq!(store.query(&near).unwrap().len(), 1);
}

/// Schema 8 keys the child tables by `seq`: a database of schema 7 (the
/// seed's records and a few more, their child rows keyed by id as then)
/// reads back the same records, every casualty, claim and source in
/// order, and then takes writes.
#[test]
fn migrating_to_v8_keeps_every_casualty_claim_and_source_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let now = dir.path().join("now.db");
    let expected = {
        let mut store = Store::open(&now).unwrap();
        seed::seed(&mut store).unwrap();
        let actors = ActorDirectory::new(store.actors().unwrap());
        let extra = crate::exchange::synthetic::incidents(40, 3, &actors);
        store
            .write("the sample", |w| {
                for actor in crate::exchange::synthetic::actors() {
                    w.upsert_actor(&actor)?;
                }
                extra.iter().try_for_each(|i| w.insert_incident(i))
            })
            .unwrap();
        everything(&store)
    };
    assert!(
        expected
            .iter()
            .any(|i| i.casualties.len() > 1 && i.claims.len() > 1)
    );
    assert!(expected.iter().any(|i| !i.source_ids.is_empty()));
    let old = dir.path().join("v7.db");
    {
        let conn = database_at_version(&old, 7);
        conn.execute("ATTACH ?1 AS now", [now.to_str().unwrap()])
            .unwrap();
        conn.execute_batch(
            "INSERT INTO actors SELECT * FROM now.actors;
             INSERT INTO actor_aliases SELECT * FROM now.actor_aliases;
             INSERT INTO sources SELECT * FROM now.sources;
             INSERT INTO incidents SELECT * FROM now.incidents;
             INSERT INTO versions SELECT * FROM now.versions;
             INSERT INTO heads SELECT * FROM now.heads;
             INSERT INTO casualties SELECT i.id, c.position, c.nationality, c.role, c.killed,
                 c.wounded, c.figure
                 FROM now.casualties c JOIN now.incidents i ON i.seq = c.incident_seq;
             INSERT INTO claims SELECT i.id, c.position, c.actor_id, c.claimant,
                 c.claimant_name, c.stance, c.confidence, c.source_id, c.note
                 FROM now.claims c JOIN now.incidents i ON i.seq = c.incident_seq;
             INSERT INTO incident_sources SELECT i.id, s.source_id
                 FROM now.incident_sources s JOIN now.incidents i ON i.seq = s.incident_seq;",
        )
        .unwrap();
    }
    let mut store = Store::open(&old).unwrap();
    assert_eq!(
        store.schema_version().unwrap(),
        migrations::latest_version()
    );
    assert!(store.check().unwrap().is_ok(), "{:?}", store.check());
    assert_eq!(everything(&store), expected);
    let mut loaded: Vec<Incident> = store
        .load_everything()
        .unwrap()
        .iter()
        .map(|i| (**i).clone())
        .collect();
    loaded.sort_by_key(|i| i.id);
    let mut sorted = expected.clone();
    sorted.sort_by_key(|i| i.id);
    assert_eq!(loaded, sorted, "the window's load reads the same");
    // An edit replaces the child rows of its own record only.
    let at = expected
        .iter()
        .position(|i| i.casualties.len() > 1)
        .unwrap();
    let mut edited = expected[at].clone();
    edited.casualties.truncate(1);
    store
        .write("the edit", |w| w.update_incident(&edited))
        .unwrap();
    let mut after = everything(&store);
    assert_eq!(after.remove(at).casualties, edited.casualties);
    let mut others = expected.clone();
    others.remove(at);
    assert_eq!(after, others);
}

mod index_equals_sql {
    use super::*;
    use crate::filter::facets::{FacetCounts, TextMatches};
    use crate::filter::search_haystack;
    use proptest::prelude::*;
    use std::sync::OnceLock;

    /// 300 varied incidents (some in the trash), loaded once for all cases.
    fn fixture() -> &'static (std::sync::Mutex<Store>, Vec<Incident>, ActorDirectory) {
        static FIXTURE: OnceLock<(std::sync::Mutex<Store>, Vec<Incident>, ActorDirectory)> =
            OnceLock::new();
        FIXTURE.get_or_init(|| {
            let mut store = seeded();
            varied_incidents(&mut store, &mut Lcg(7), 300);
            let all = everything(&store);
            let actors = store.actor_directory().unwrap();
            (std::sync::Mutex::new(store), all, actors)
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// The in-memory index the window filters with and the store's SQL
        /// keep the same incidents, for any filter.
        #[test]
        fn the_in_memory_index_and_sql_keep_the_same_incidents(seed in any::<u64>()) {
            let (store, all, actors) = fixture();
            let filter = random_filter(&mut Lcg(seed), actors);
            let store = store.lock().unwrap();
            let mut from_sql = store.query_ids(&filter).unwrap();
            from_sql.sort();
            // The text as the window finds it (the full-text index's rows),
            // and by the rule in memory.
            let found = store.seqs_matching_text(&filter.text).unwrap();
            let by_index = TextMatches::of_rows((0..all.len()).filter(|&n| {
                found.binary_search(&store.seq_of(all[n].id).unwrap().unwrap()).is_ok()
            }));
            let haystacks: Vec<String> = all.iter().map(search_haystack).collect();
            let by_rule = TextMatches::of_haystacks(&filter.text, &haystacks);
            for text in [by_index, by_rule] {
                let counts = FacetCounts::compute(&filter, all, Some(&text), actors);
                let mut from_index: Vec<Uuid> =
                    counts.matched.iter().map(|&n| all[n].id).collect();
                from_index.sort();
                prop_assert_eq!(&from_index, &from_sql, "{:?}", filter);
            }
        }
    }
}

/// The window's loader gives what the two queries give (live, then the
/// trash, each by date), child rows included, from a file (the child
/// tables read on a second connection) and from memory.
#[test]
fn loading_everything_equals_the_live_then_the_deleted_by_date() {
    let dir = tempfile::tempdir().unwrap();
    let mut file = Store::open(&dir.path().join("all.db")).unwrap();
    crate::exchange::seed::seed(&mut file).unwrap();
    for store in [&mut file, &mut seeded()] {
        varied_incidents(store, &mut Lcg(9), 300);
        let some: Vec<Incident> = store.query(&Filter::default()).unwrap();
        for incident in some.iter().step_by(7) {
            store
                .write("delete", |w| {
                    w.delete_incident(incident.id, incident.version)
                })
                .unwrap();
        }
        let live = store.query(&Filter::default()).unwrap();
        let trash = store
            .query(&Filter {
                trash: true,
                ..Filter::default()
            })
            .unwrap();
        assert!(trash.len() > 10 && live.len() > 200);
        let expected: Vec<Incident> = live.into_iter().chain(trash).collect();
        let loaded: Vec<Incident> = store
            .load_everything()
            .unwrap()
            .iter()
            .map(|i| (**i).clone())
            .collect();
        assert_eq!(loaded, expected);
    }
}

/// What the window loads is every record as listed, in the same order;
/// text search still finds words of the summary it leaves out, and the
/// records read whole again by id are as stored.
#[test]
fn the_listed_load_leaves_out_only_the_long_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("listed.db")).unwrap();
    crate::exchange::seed::seed(&mut store).unwrap();
    varied_incidents(&mut store, &mut Lcg(5), 300);
    let some: Vec<Incident> = store.query(&Filter::default()).unwrap();
    store
        .write("long text", |w| {
            for (n, incident) in some.iter().enumerate().step_by(5) {
                let mut long = incident.clone();
                long.summary = format!("Summary word{n}x");
                long.provenance = Some(format!(r#"{{"row":"{n}"}}"#));
                w.update_incident(&long)?;
            }
            Ok(())
        })
        .unwrap();
    let whole = store.load_everything().unwrap();
    assert!(whole.iter().any(|i| !i.notes.is_empty()));
    let loaded = store.load_listed(&Default::default()).unwrap();
    let (_, seqs) = store.load_everything_keyed(&Default::default()).unwrap();
    assert_eq!(loaded.seqs, seqs);
    let listed: Vec<Incident> = whole.iter().map(|i| (**i).clone().listed()).collect();
    let loaded_incidents: Vec<Incident> = loaded.incidents.iter().map(|i| (**i).clone()).collect();
    assert_eq!(loaded_incidents, listed);
    // The window keeps these a million times: no room beyond the rows.
    assert!(loaded.incidents.iter().any(|i| i.claims.len() > 1));
    assert!(loaded.incidents.iter().all(|i| {
        i.claims.capacity() == i.claims.len()
            && i.casualties.capacity() == i.casualties.len()
            && i.source_ids.capacity() == i.source_ids.len()
    }));
    let found = store.seqs_matching_text("word5x").unwrap();
    assert_eq!(found, [store.seq_of(some[5].id).unwrap().unwrap()]);

    // Whole again by id, in the order asked, one by one or in one pass.
    let mut ids: Vec<Uuid> = whole.iter().rev().step_by(3).map(|i| i.id).collect();
    ids.insert(1, Uuid::now_v7());
    let expected: Vec<Incident> = ids
        .iter()
        .filter_map(|id| whole.iter().find(|i| i.id == *id))
        .map(|i| (**i).clone())
        .collect();
    assert_eq!(store.incidents_whole_by(&ids, 0).unwrap(), expected);
    assert_eq!(store.incidents_whole_by(&ids, ids.len()).unwrap(), expected);
}

#[test]
fn loading_many_incidents_at_once_gives_the_same_records_as_one_by_one() {
    let mut store = seeded();
    varied_incidents(&mut store, &mut Lcg(3), 300);
    let many = everything(&store);
    assert!(many.len() > 256, "the one-pass loader is used");
    assert!(
        many.iter()
            .any(|i| !i.claims.is_empty() && !i.casualties.is_empty())
    );
    for incident in &many {
        assert_eq!(
            Some(incident),
            store.incident(incident.id).unwrap().as_ref()
        );
    }
}

/// A casualty row or claim no panj can read makes every list that holds
/// its incident fail: check names that incident (without loading every
/// record to find it), and a sound database reports none.
#[test]
fn check_names_an_incident_whose_child_rows_cannot_be_read() {
    let store = seeded();
    assert!(store.check().unwrap().unreadable_records.is_empty());
    let id: String = store
        .conn
        .query_row(
            "SELECT i.id FROM casualties c JOIN incidents i ON i.seq = c.incident_seq LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    store
        .conn
        .execute(
            "UPDATE casualties SET role = 'bystander'
             WHERE incident_seq = (SELECT seq FROM incidents WHERE id = ?1)",
            [&id],
        )
        .unwrap();
    let report = store.check().unwrap();
    assert!(!report.is_ok());
    assert!(
        report
            .unreadable_records
            .iter()
            .any(|p| p.contains(&id) && p.contains("bystander")),
        "{:?}",
        report.unreadable_records
    );
}

#[test]
fn history_rows_of_an_older_database_become_one_chain_of_versions() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v3.db");
    let original = new_incident("Clash at Panj");
    let mut edited = original.clone();
    edited.title = "Clash at Panj bridge".into();
    edited.version = 2;
    let imported = new_incident("Imported from ACLED");
    {
        let conn = database_at_version(&path, 3);
        let row = |i: &Incident| {
            conn.execute(
                "INSERT INTO incidents (id, title, event_type, date_start, date_end, date_precision,
                 lat, lon, location_precision, side, created_at, updated_at, version)
                 VALUES (?1, ?2, 'armed_clash', '2024-05-01', '2024-05-01', 'day', 37.2, 69.1,
                 'near', 'tj', ?3, ?3, ?4)",
                params![i.id.to_string(), i.title, i.created_at.to_string(), i.version],
            )
            .unwrap();
        };
        row(&edited);
        row(&imported);
        let json = |i: &Incident| serde_json::to_string(i).unwrap();
        let history = "INSERT INTO history (incident_id, at, action, before, after) VALUES (?1, ?2, ?3, ?4, ?5)";
        let at = original.created_at.to_string();
        conn.execute(
            history,
            params![
                original.id.to_string(),
                at,
                "insert",
                None::<String>,
                json(&original)
            ],
        )
        .unwrap();
        conn.execute(
            history,
            params![
                original.id.to_string(),
                at,
                "update",
                json(&original),
                json(&edited)
            ],
        )
        .unwrap();
        conn.execute(
            history,
            params![
                imported.id.to_string(),
                at,
                "insert",
                None::<String>,
                None::<String>
            ],
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert!(store.check().unwrap().is_ok(), "{:?}", store.check());
    let versions = store.versions(original.id).unwrap();
    let actions: Vec<_> = versions.iter().map(|v| v.action).collect();
    assert_eq!(actions, [HistoryAction::Insert, HistoryAction::Update]);
    assert_eq!(versions[0].record.title, "Clash at Panj");
    assert_eq!(
        versions[1].record.title, "Clash at Panj bridge",
        "the head is the row"
    );
    assert_eq!(versions[1].parents, vec![versions[0].id]);
    assert_eq!(store.heads(original.id).unwrap(), vec![versions[1].id]);
    assert_eq!(
        store.shown_version(original.id).unwrap(),
        Some(versions[1].id)
    );
    let import = store.versions(imported.id).unwrap();
    assert_eq!(import.len(), 1);
    assert_eq!(import[0].action, HistoryAction::Import);
    assert_eq!(import[0].record.title, "Imported from ACLED");
    assert!(store.conflicted().unwrap().is_empty());
    assert!(
        !backups::list(&path).is_empty(),
        "a backup of the file as it was comes first"
    );
}

/// Imports `incident` as the one row of a two-column CSV file.
fn import_one(store: &mut Store, incident: &Incident) {
    let columns = ["id".to_string(), "notes".to_string()];
    store
        .write("import", |w| {
            let import = w.add_import(&NewImport {
                file_name: "rows.csv",
                file_bytes: 40,
                sha256: "00",
                format: "ACLED CSV",
                options: "",
                header: Some(b"id,notes"),
                columns: &columns,
            })?;
            w.bulk(|w| {
                w.insert_imported(
                    incident,
                    Some(SourceRow {
                        import,
                        header: Some(b"id,notes"),
                        row: b"7,\"a note, quoted\"",
                    }),
                )
            })?;
            w.count_import(import, 1, 0)
        })
        .unwrap();
}

/// An imported record's first version is implied by its import entry and
/// its row: no version row until its versions go out, when a database that
/// can be written writes it (once), and one that cannot sends it all the
/// same, with the same id, leaving its file untouched.
#[test]
fn versions_going_out_carry_the_implied_first_versions_of_imports() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("imported.db");
    let incident = new_incident("Imported clash at Shurobod");
    {
        let mut store = Store::open(&path).unwrap();
        seed::seed(&mut store).unwrap();
        import_one(&mut store, &incident);
    }
    let version_rows = |path: &Path| -> i64 {
        Connection::open(path)
            .unwrap()
            .query_row(
                "SELECT count(*) FROM versions WHERE record_id = ?1",
                [incident.id.to_string()],
                |r| r.get(0),
            )
            .unwrap()
    };
    assert_eq!(version_rows(&path), 0);
    let copy = dir.path().join("archive.db");
    std::fs::copy(&path, &copy).unwrap();
    std::fs::set_permissions(&copy, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = file_hash(&copy);

    let carried = |store: &Store, after_seq: i64| -> Vec<(Uuid, HistoryAction, String)> {
        store
            .outgoing(after_seq)
            .unwrap()
            .versions
            .into_iter()
            .filter(|(_, v)| v.record_id == incident.id)
            .map(|(_, v)| (v.id, v.action, v.json))
            .collect()
    };
    let store = Store::open(&path).unwrap();
    let implied = store.versions(incident.id).unwrap();
    assert_eq!(implied.len(), 1);
    assert_eq!(
        store.check().unwrap().versions,
        4,
        "three seeded, one implied"
    );
    let sent = carried(&store, 0);
    assert_eq!(sent.len(), 1);
    assert_eq!(
        (sent[0].0, sent[0].1),
        (implied[0].id, HistoryAction::Import)
    );
    let json: Incident = serde_json::from_str(&sent[0].2).unwrap();
    assert_eq!(json.title, incident.title);
    assert_eq!(version_rows(&path), 1, "written out as it went");
    let last_seq = store.outgoing(0).unwrap().versions.last().unwrap().0;
    assert!(carried(&store, last_seq).is_empty(), "and sent once");
    assert_eq!(store.versions(incident.id).unwrap(), implied);
    assert_eq!(store.check().unwrap().versions, 4);

    let archive = Store::open(&copy).unwrap();
    assert!(archive.is_read_only());
    assert_eq!(carried(&archive, 0), sent);
    drop(archive);
    assert_eq!(file_hash(&copy), before);
}

/// A database holding imported records (an import entry, rows kept as
/// bytes) whose index is not complete yet survives `recover` whole: the
/// entry is copied, the provenance reads back, and the copied rows (indexed
/// as they are copied) are not indexed twice.
#[test]
fn recovering_a_database_keeps_its_imports_and_a_sound_index() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("imported.db");
    let mut store = Store::open(&path).unwrap();
    seed::seed(&mut store).unwrap();
    let incident = new_incident("Imported clash at Shurobod");
    import_one(&mut store, &incident);
    assert_eq!(store.rows_to_index().unwrap(), 1);
    let provenance = store.incident(incident.id).unwrap().unwrap().provenance;
    assert_eq!(
        provenance.as_deref(),
        Some(r#"{"id":"7","notes":"a note, quoted"}"#)
    );
    drop(store);

    let out = dir.path().join("recovered.db");
    recover::recover(&path, &out).unwrap();
    let recovered = Store::open(&out).unwrap();
    assert!(recovered.check().unwrap().is_ok());
    assert_eq!(recovered.rows_to_index().unwrap(), 0);
    let copy = recovered.incident(incident.id).unwrap().unwrap();
    assert_eq!(copy.provenance, provenance);
    assert_eq!(
        recovered.source_row(incident.id).unwrap().unwrap().row,
        b"7,\"a note, quoted\""
    );
    let found = recovered
        .count(&Filter {
            text: "shurobod".into(),
            ..Filter::default()
        })
        .unwrap();
    assert_eq!(found, 1);
}

/// The map block, read back with the rows changed since patched in,
/// equals a block built from the records, after any mix of writes: edits
/// of claims, casualties, places and dates, trash and restore, new rows,
/// a row removed outright, and a block written from records read before
/// some of those writes (as the window writes it after a long load).
#[test]
fn the_map_block_always_reads_back_as_the_records_say() {
    use super::map_block::{MapBlockCheck, StoredMapBlock};
    let mut store = seeded();
    varied_incidents(&mut store, &mut Lcg(21), 400);
    let actors = store.actor_directory().unwrap();
    assert!(matches!(
        store.map_block(&actors, usize::MAX).unwrap(),
        StoredMapBlock::Absent
    ));
    assert!(store.map_block_wants_writing(0).unwrap());
    let mut older = store.map_block_from_records().unwrap();
    assert!(store.write_map_block(&older).unwrap());
    assert!(!store.map_block_wants_writing(0).unwrap());
    let mut rng = Lcg(5);
    let mut patched_some = false;
    for round in 0..12 {
        for _ in 0..=rng.below(25) {
            let all = everything(&store);
            let mut pick = all[rng.below(all.len() as u64) as usize].clone();
            match rng.below(6) {
                0 => {
                    pick.claims.reverse();
                    pick.casualties.truncate(1);
                    pick.casualties.iter_mut().for_each(|c| c.killed += 2);
                    pick.location.lon += 0.25;
                    pick.location.admin1 = Some("KHATLON".into());
                    pick.date.end = pick.date.end.tomorrow().unwrap();
                    store.update_incident(&pick).unwrap();
                }
                1 if pick.deleted_at.is_none() => {
                    store.delete_incident(pick.id, pick.version).unwrap();
                }
                1 => {
                    store.restore_incident(pick.id, pick.version).unwrap();
                }
                2 => varied_incidents(&mut store, &mut rng, 3),
                3 => {
                    // As a recover or a hand-made repair might.
                    store
                        .conn
                        .execute_batch(&format!(
                            "PRAGMA foreign_keys = OFF;
                             DELETE FROM incidents WHERE id = '{}';
                             PRAGMA foreign_keys = ON;",
                            pick.id
                        ))
                        .unwrap();
                }
                _ => {
                    pick.title.push_str(" (edited)");
                    store.update_incident(&pick).unwrap();
                }
            }
        }
        let fresh = store.map_block_from_records().unwrap();
        match store.map_block(&actors, usize::MAX).unwrap() {
            StoredMapBlock::Ready { block, patched } => {
                patched_some |= patched > 0;
                assert_eq!(block.keys, fresh.keys, "round {round}");
                assert_eq!(block.encode(), fresh.encode(), "round {round}");
            }
            other => panic!("round {round}: {other:?}"),
        }
        if round % 3 == 0 {
            // Made from the records as they were a round ago.
            assert!(store.write_map_block(&older).unwrap());
            older = fresh;
        }
    }
    assert!(patched_some);
    // (The rows removed outright left child rows behind, which the full
    // check reports; the block is checked on its own.)
    let rows = everything(&store).len();
    assert_eq!(
        store.check_map_block().unwrap(),
        MapBlockCheck::Current { rows }
    );
}

/// A block whose notes of changed rows were lost (as an older build or a
/// hand edit might leave it) or whose bytes are damaged is found by the
/// check and written again from the records.
#[test]
fn check_finds_a_stale_map_block_and_writes_it_again() {
    use super::map_block::MapBlockCheck;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("block.db");
    let mut store = Store::open(&path).unwrap();
    seed::seed(&mut store).unwrap();
    varied_incidents(&mut store, &mut Lcg(8), 200);
    let block = store.map_block_from_records().unwrap();
    store.write_map_block(&block).unwrap();
    let some: Vec<Incident> = everything(&store).into_iter().step_by(40).collect();
    for incident in &some {
        let mut moved = incident.clone();
        moved.location.lat += 0.5;
        store.update_incident(&moved).unwrap();
    }
    store
        .conn
        .execute("DELETE FROM map_block_changes", [])
        .unwrap();

    assert_eq!(
        store.check_and_repair().unwrap().map_block,
        Some(MapBlockCheck::Repaired {
            differing: some.len()
        })
    );
    let report = store.check_and_repair().unwrap();
    assert!(report.is_ok());
    assert!(matches!(
        report.map_block,
        Some(MapBlockCheck::Current { .. })
    ));

    store
        .conn
        .execute("UPDATE map_block SET data = substr(data, 1, 100)", [])
        .unwrap();
    let rows = everything(&store).len();
    assert_eq!(
        store.check_and_repair().unwrap().map_block,
        Some(MapBlockCheck::Repaired { differing: rows })
    );
    assert!(matches!(
        store.check_and_repair().unwrap().map_block,
        Some(MapBlockCheck::Current { .. })
    ));
}

/// Edits of one record in one write count its version on from the one
/// before (without walking the history again), to the same number the
/// history's length gives.
#[test]
fn a_run_of_edits_in_one_write_counts_the_history_as_a_walk_does() {
    let mut store = seeded();
    let id = everything(&store)[0].id;
    store
        .write("test edits", |w| {
            for n in 0..5 {
                let mut record = w.incident(id)?.ok_or(StoreError::IncidentNotFound(id))?;
                record.notes = format!("edit {n}");
                w.update_incident(&record)?;
            }
            Ok(())
        })
        .unwrap();
    let stored = store.incident(id).unwrap().unwrap();
    let history = store.versions(id).unwrap().len() as i64;
    assert_eq!(stored.version, history);
    assert_eq!(stored.version, 6);
}
