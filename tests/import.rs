//! `panj import` end to end on small, real-shaped ACLED files in
//! `tests/fixtures/acled/`: a BOM, CRLF line ends, a note over two lines,
//! an unknown column, the older layout, bad rows; a re-import updates and
//! never duplicates; a refused import changes nothing.

mod common;

use common::panj;

use panj::filter::Filter;
use panj::model::{Claimant, CountryCode, DatePrecision, EventType, LocationPrecision, Side};
use panj::store::Store;
use std::path::{Path, PathBuf};
use std::process::Output;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/acled")
        .join(name)
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn fresh_db(dir: &Path) -> PathBuf {
    let db = dir.join("panj.db");
    assert!(panj(&db, &["check"]).status.success());
    db
}

fn file_bytes(db: &Path) -> Vec<u8> {
    // The WAL is checkpointed when the last connection closes.
    std::fs::read(db).unwrap()
}

#[test]
fn an_acled_export_imports_with_its_precision_and_a_reimport_updates_nothing_twice() {
    let dir = tempfile::tempdir().unwrap();
    let db = fresh_db(dir.path());
    let file = fixture("current.csv");
    let out = panj(&db, &["import", file.to_str().unwrap(), "--create-actors"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains("4 rows read as ACLED CSV: 4 to add"),
        "{}",
        text(&out)
    );
    assert!(text(&out).contains("added 4, updated 0, created 4 actors"));

    let store = Store::open(&db).unwrap();
    let drone = store
        .incident_by_external_id("acled:TJK1001")
        .unwrap()
        .unwrap();
    assert_eq!(drone.date.precision, DatePrecision::Day);
    assert_eq!(drone.location.precision, LocationPrecision::Near);
    assert_eq!(drone.location.country, Some(CountryCode::TJ));
    assert!(
        drone.summary.contains("Two lines of notes"),
        "quoted newline kept"
    );
    assert_eq!(drone.claims[0].claimant, Claimant::Dataset);
    // ACLED's source column becomes sources of the ledger, not graded yet,
    // one per name however many records cite it.
    let sources = store.sources().unwrap();
    let named = |title: &str| sources.iter().find(|s| s.title == title).unwrap();
    assert_eq!(named("Asia-Plus").grade, panj::model::Grade::NotGraded);
    let mut cited = drone.source_ids.clone();
    cited.sort();
    let mut expected = vec![named("Asia-Plus").id, named("Reuters").id];
    expected.sort();
    assert_eq!(cited, expected);
    assert_eq!(sources.iter().filter(|s| s.title == "Asia-Plus").count(), 1);
    let provenance = drone.provenance.as_deref().unwrap();
    assert!(
        provenance.contains("\"analyst_comment\":\"first\""),
        "unknown column kept"
    );
    let clash = store
        .incident_by_external_id("acled:AFG2002")
        .unwrap()
        .unwrap();
    assert_eq!(clash.date.precision, DatePrecision::Week);
    assert_eq!(
        (clash.date.start, clash.date.end),
        (
            jiff::civil::date(2025, 11, 30),
            jiff::civil::date(2025, 12, 6)
        )
    );
    let month = store
        .incident_by_external_id("acled:TJK1003")
        .unwrap()
        .unwrap();
    assert_eq!(month.date.precision, DatePrecision::Month);
    assert_eq!(month.location.precision, LocationPrecision::Province);
    let count = store.count(&Filter::default()).unwrap();
    drop(store);

    // The same file again: nothing new, nothing rewritten.
    let out = panj(&db, &["import", file.to_str().unwrap(), "--create-actors"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("0 to add, 0 to update (imported before), 4 unchanged"));
    let store = Store::open(&db).unwrap();
    assert_eq!(store.count(&Filter::default()).unwrap(), count);
    assert_eq!(store.versions(drone.id).unwrap().len(), 1);
    assert!(store.check().unwrap().is_ok());
}

#[test]
fn the_older_acled_layout_imports() {
    let dir = tempfile::tempdir().unwrap();
    let db = fresh_db(dir.path());
    let file = fixture("older.csv");
    let out = panj(&db, &["import", file.to_str().unwrap(), "--create-actors"]);
    assert!(out.status.success(), "{}", text(&out));
    let store = Store::open(&db).unwrap();
    let old = store
        .incident_by_external_id("acled:TJK501")
        .unwrap()
        .unwrap();
    assert_eq!(old.date.start, jiff::civil::date(2019, 10, 14));
    assert_eq!(old.location.country, Some(CountryCode::TJ));
}

#[test]
fn bad_rows_are_named_and_refuse_the_whole_file_unless_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let db = fresh_db(dir.path());
    let file = fixture("bad.csv");
    let before = file_bytes(&db);
    let out = panj(&db, &["import", file.to_str().unwrap(), "--create-actors"]);
    assert!(!out.status.success());
    let said = text(&out);
    assert!(
        said.contains("bad.csv, line 2, column event_date: '31-02-2025' is not a date"),
        "{said}"
    );
    assert!(
        said.contains("bad.csv, line 3, column latitude: is empty"),
        "{said}"
    );
    assert!(said.contains("2 rows cannot be imported"), "{said}");
    assert_eq!(file_bytes(&db), before, "nothing written");

    let out = panj(
        &db,
        &[
            "import",
            file.to_str().unwrap(),
            "--create-actors",
            "--skip-bad-rows",
        ],
    );
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("added 1,"));
}

#[test]
fn unknown_actors_are_listed_and_nothing_is_written_until_the_analyst_decides() {
    let dir = tempfile::tempdir().unwrap();
    let db = fresh_db(dir.path());
    let before = file_bytes(&db);
    let file = fixture("current.csv");
    let out = panj(&db, &["import", file.to_str().unwrap()]);
    assert!(!out.status.success());
    let said = text(&out);
    assert!(said.contains("actors not known yet:"), "{said}");
    assert!(said.contains("Unidentified Armed Group (Afghanistan) (Non-state armed group)"));
    assert!(said.contains("--create-actors"));
    assert_eq!(file_bytes(&db), before);

    let out = panj(&db, &["import", file.to_str().unwrap(), "--dry-run"]);
    assert!(out.status.success());
    assert!(text(&out).contains("dry run: nothing was written"));
    assert_eq!(file_bytes(&db), before);
}

#[test]
fn files_that_are_not_acled_are_refused_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let db = fresh_db(dir.path());
    let html = dir.path().join("export.csv");
    std::fs::write(&html, "<!DOCTYPE html><html><body>Sign in</body></html>").unwrap();
    let out = panj(&db, &["import", html.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(
        text(&out).contains("export.csv: is a web page (HTML), not CSV"),
        "{}",
        text(&out)
    );
    let other = dir.path().join("other.csv");
    std::fs::write(&other, "name,value\nx,1\n").unwrap();
    let out = panj(&db, &["import", other.to_str().unwrap()]);
    assert!(
        text(&out).contains("other.csv: its columns match no format panj imports"),
        "{}",
        text(&out)
    );
    let missing = dir.path().join("missing.csv");
    let out = panj(&db, &["import", missing.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(text(&out).contains("cannot read"), "{}", text(&out));
}

#[test]
fn a_ucdp_ged_file_imports_with_its_intervals_and_both_sides_of_a_fight() {
    for name in ["ged.csv", "ged.geojson"] {
        ucdp_ged_imports(name);
    }
}

fn ucdp_ged_imports(name: &str) {
    let dir = tempfile::tempdir().unwrap();
    let db = fresh_db(dir.path());
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/ucdp")
        .join(name);
    let out = panj(&db, &["import", file.to_str().unwrap(), "--create-actors"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains("2 rows read as UCDP GED: 2 to add"),
        "{name}: {}",
        text(&out)
    );
    let store = Store::open(&db).unwrap();
    let attack = store
        .incident_by_external_id("ucdp:401001")
        .unwrap()
        .unwrap();
    assert_eq!(attack.date.precision, DatePrecision::Week);
    assert_eq!(
        (attack.date.start, attack.date.end),
        (
            jiff::civil::date(2025, 11, 26),
            jiff::civil::date(2025, 11, 28)
        )
    );
    assert_eq!(attack.killed(), 3);
    assert_eq!(attack.claims.len(), 1, "one-sided: the perpetrator only");
    assert!(attack.notes.contains("Drone attack on Chinese workers"));
    let fight = store
        .incident_by_external_id("ucdp:401002")
        .unwrap()
        .unwrap();
    assert_eq!(fight.claims.len(), 2, "a fight names both sides");
    assert_eq!(fight.location.precision, LocationPrecision::Province);
    assert_eq!(fight.date.precision, DatePrecision::Month);
}

#[test]
fn an_unknown_actor_can_be_mapped_to_a_known_one_which_learns_the_alias() {
    let dir = tempfile::tempdir().unwrap();
    let db = fresh_db(dir.path());
    let file = fixture("current.csv");
    let taliban = "Military Forces of Afghanistan (2021-) Taliban=Taliban";
    let out = panj(
        &db,
        &[
            "import",
            file.to_str().unwrap(),
            "--map-actor",
            taliban,
            "--create-actors",
        ],
    );
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains("created 3 actors, added 1 alias"),
        "{}",
        text(&out)
    );
    let store = Store::open(&db).unwrap();
    let actors = store.actor_directory().unwrap();
    let known = actors.resolve("Taliban").unwrap();
    assert!(known.answers_to("Military Forces of Afghanistan (2021-) Taliban"));
    let nusay = store
        .incident_by_external_id("acled:AFG2002")
        .unwrap()
        .unwrap();
    assert_eq!(nusay.claims[0].actor_id, known.id);

    // A mapping to an actor nobody knows is refused before anything is written.
    let before = file_bytes(&db);
    let out = panj(
        &db,
        &["import", file.to_str().unwrap(), "--map-actor", "X=Nobody"],
    );
    assert!(!out.status.success());
    assert!(
        text(&out).contains("no actor or alias is called 'Nobody'"),
        "{}",
        text(&out)
    );
    assert_eq!(file_bytes(&db), before);
}

/// A panj export whose record claims the data-set id of another stored
/// record is refused by file, line and column, not by SQLite's raw
/// "UNIQUE constraint failed".
#[test]
fn a_panj_row_taking_another_records_data_set_id_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let db = fresh_db(dir.path());
    let acled = fixture("current.csv");
    assert!(
        panj(&db, &["import", acled.to_str().unwrap(), "--create-actors"])
            .status
            .success()
    );
    let export = dir.path().join("all.csv");
    assert!(
        panj(
            &db,
            &["export", "--format", "csv", export.to_str().unwrap()]
        )
        .status
        .success()
    );
    let mut reader = csv::Reader::from_path(&export).unwrap();
    let headers = reader.headers().unwrap().clone();
    let column = headers.iter().position(|h| h == "external_id").unwrap();
    let mut rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let imported: Vec<usize> = (0..rows.len())
        .filter(|&n| rows[n].get(column).is_some_and(|v| v.starts_with("acled:")))
        .collect();
    assert!(imported.len() >= 2);
    let taken = rows[imported[1]].get(column).unwrap().to_string();
    let mut fields: Vec<String> = rows[imported[0]].iter().map(str::to_string).collect();
    fields[column] = taken.clone();
    rows[imported[0]] = csv::StringRecord::from(fields);
    let edited = dir.path().join("edited.csv");
    let mut writer = csv::Writer::from_path(&edited).unwrap();
    writer.write_record(&headers).unwrap();
    for row in &rows {
        writer.write_record(row).unwrap();
    }
    drop(writer);
    let before = file_bytes(&db);
    let out = panj(&db, &["import", edited.to_str().unwrap()]);
    let said = text(&out);
    assert!(!out.status.success(), "{said}");
    assert!(
        said.contains(&format!("line {}, column external_id", imported[0] + 2))
            && said.contains(&taken)
            && !said.contains("UNIQUE"),
        "{said}"
    );
    assert_eq!(file_bytes(&db), before);
}

#[test]
fn a_source_the_ledger_has_by_name_is_the_one_an_import_cites() {
    let dir = tempfile::tempdir().unwrap();
    let db = fresh_db(dir.path());
    let graded = panj::model::Source {
        id: uuid::Uuid::now_v7(),
        title: "Asia-Plus".into(),
        publisher: "Asia-Plus Media Group".into(),
        published: None,
        reference: "https://asiaplustj.info".into(),
        grade: panj::model::Grade::B,
        notes: String::new(),
    };
    Store::open(&db).unwrap().upsert_source(&graded).unwrap();
    let file = fixture("current.csv");
    let out = panj(&db, &["import", file.to_str().unwrap(), "--create-actors"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains("3 new sources (not graded yet)"),
        "{}",
        text(&out)
    );
    let store = Store::open(&db).unwrap();
    let month = store
        .incident_by_external_id("acled:TJK1003")
        .unwrap()
        .unwrap();
    assert_eq!(
        month.source_ids,
        vec![graded.id],
        "the analyst's graded source"
    );
    let sources = store.sources().unwrap();
    let asia_plus: Vec<_> = sources.iter().filter(|s| s.title == "Asia-Plus").collect();
    assert_eq!(asia_plus.len(), 1);
    assert_eq!(
        asia_plus[0].grade,
        panj::model::Grade::B,
        "its grade untouched"
    );
}

/// A GED subset made from a shapefile: a dozen columns, names cut to 10
/// characters, no precision columns, no country.
#[test]
fn a_ged_subset_with_cut_names_is_recognised_and_no_precision_is_invented() {
    let dir = tempfile::tempdir().unwrap();
    let db = fresh_db(dir.path());
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/ucdp/ged-subset-shapefile.geojson");
    let out = panj(&db, &["import", file.to_str().unwrap(), "--create-actors"]);
    let said = text(&out);
    assert!(out.status.success(), "{said}");
    assert!(said.contains("2 rows read as UCDP GED: 2 to add"), "{said}");
    assert!(said.contains("type_of_vi as type_of_violence"), "{said}");
    assert!(
        said.contains("no where_prec column: locations at the widest precision"),
        "{said}"
    );
    assert!(
        said.contains("no date_prec column: dates kept as the intervals given"),
        "{said}"
    );
    assert!(said.contains("no country column"), "{said}");

    let store = Store::open(&db).unwrap();
    let fight = store
        .incident_by_external_id("ucdp:501001")
        .unwrap()
        .unwrap();
    // No where_prec and no adm_1: the country, not an exact point.
    assert_eq!(fight.location.precision, LocationPrecision::Country);
    assert!(
        fight.notes.contains("no where_prec column"),
        "{}",
        fight.notes
    );
    // Country, province and side from the point, said so.
    assert_eq!(
        fight.location.country.map(|c| c.as_str().to_string()),
        Some("AF".into())
    );
    assert_eq!(fight.location.admin1.as_deref(), Some("Badakhshan"));
    assert_eq!(fight.location.side, Side::Af);
    assert!(
        fight.notes.contains("taken from the point"),
        "{}",
        fight.notes
    );
    // UCDP's "Taleban" is the seed's Taliban; the title says who and where.
    let taliban = store
        .actors()
        .unwrap()
        .into_iter()
        .find(|a| a.name == "Taliban")
        .unwrap();
    assert!(fight.claims.iter().any(|c| c.actor_id == taliban.id));
    assert_eq!(
        fight.title,
        "Government of Afghanistan – Taleban, Fayzabad town"
    );
    assert_eq!(
        fight.event_type,
        EventType::ArmedClash,
        "type_of_vi 1 read in full"
    );

    let attack = store
        .incident_by_external_id("ucdp:501002")
        .unwrap()
        .unwrap();
    assert_eq!(
        attack.event_type,
        EventType::AttackOnCivilians,
        "one-sided: type_of_vi 3"
    );
    // No date_prec: the interval as given, at the grain that covers it.
    assert_eq!(
        (attack.date.start, attack.date.end, attack.date.precision),
        (
            jiff::civil::date(2021, 7, 1),
            jiff::civil::date(2021, 7, 14),
            DatePrecision::Month
        )
    );
    assert_eq!(attack.location.side, Side::Tj);
    assert_eq!(attack.killed(), 2);
}

/// ACLED and UCDP both record the drone attack at Kavo on 26 November:
/// the second import says so, and links the row, leaves it out, or (the
/// analyst's choice for that line) imports it as it is.
#[test]
fn an_event_stored_from_another_data_set_is_offered_as_a_duplicate() {
    let ucdp = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ucdp/ged.csv");
    for choice in ["link", "skip", "import"] {
        let dir = tempfile::tempdir().unwrap();
        let db = fresh_db(dir.path());
        let acled = fixture("current.csv");
        let out = panj(&db, &["import", acled.to_str().unwrap(), "--create-actors"]);
        assert!(out.status.success(), "{}", text(&out));
        let mut args = vec!["import", ucdp.to_str().unwrap(), "--create-actors"];
        match choice {
            "skip" => args.push("--skip-duplicates"),
            // Kavo is the file's first row, on line 2.
            "import" => args.extend(["--duplicate", "2=import"]),
            _ => {}
        }
        let skip = choice == "skip";
        let out = panj(&db, &args);
        let said = text(&out);
        assert!(out.status.success(), "{said}");
        assert!(
            said.contains("1 possibly stored already from another source"),
            "{said}"
        );
        assert!(
            said.contains("may be the stored 'Air/drone strike in Kavo'"),
            "{said}"
        );
        let store = Store::open(&db).unwrap();
        let kavo = store.incident_by_external_id("ucdp:401001").unwrap();
        if skip {
            assert!(said.contains("1 to add"), "{said}");
            assert!(kavo.is_none(), "left out");
        } else if choice == "import" {
            assert!(said.contains("(imported as they are)"), "{said}");
            let kavo = kavo.unwrap();
            assert!(!kavo.tags.contains(&"possible-duplicate".to_string()));
            assert!(!kavo.notes.contains("Possibly the same incident as"));
        } else {
            let kavo = kavo.unwrap();
            assert!(kavo.tags.contains(&"possible-duplicate".to_string()));
            assert!(
                kavo.notes.contains("Possibly the same incident as"),
                "{}",
                kavo.notes
            );
        }
        // The other UCDP row, far from anything stored, is imported either way.
        assert!(
            store
                .incident_by_external_id("ucdp:401002")
                .unwrap()
                .is_some()
        );
    }
}

/// An imported CSV row is kept exactly as the file held it: quotes,
/// doubled quotes, a note over two lines, stray spaces, Cyrillic and
/// Dari, CRLF and LF endings and a blank line between rows. `panj show
/// --original` gives back the header row and the record's row byte for
/// byte; the column-by-column reading is made from them; an edit keeps
/// them; the file is named once, in the import's entry.
#[test]
fn an_imported_row_is_kept_byte_for_byte_and_read_column_by_column() {
    let dir = tempfile::tempdir().unwrap();
    let db = fresh_db(dir.path());
    let header = "event_id_cnty,event_date,time_precision,event_type,sub_event_type,actor1,inter1,country,admin1,location,latitude,longitude,geo_precision,notes,fatalities";
    let rows = [
        "TJK9001,2025-11-26,1,Battles,Armed clash,Military Forces of Tajikistan (1994-) Border Troops,1,Tajikistan,Khatlon,Panj ,37.24,69.10,1,\"Clash, \"\"heavy\"\"\r\nnear the river\",2",
        "AFG9002,2025-11-27,1,Battles,Armed clash,Taliban,1,Afghanistan,Badakhshan,فیض آباد,37.12,70.58,2,  Столкновение у границы  ,0",
        "TJK9003,2025-11-28,2,Battles,Armed clash,Taliban,1,Tajikistan,Khatlon,Кӯлоб,37.91,69.78,1,\"\",1",
    ];
    let mut file = Vec::new();
    file.extend_from_slice(b"\xEF\xBB\xBF");
    file.extend_from_slice(header.as_bytes());
    file.extend_from_slice(b"\r\n");
    file.extend_from_slice(rows[0].as_bytes());
    file.extend_from_slice(b"\r\n\r\n");
    file.extend_from_slice(rows[1].as_bytes());
    file.extend_from_slice(b"\n");
    file.extend_from_slice(rows[2].as_bytes());
    let path = dir.path().join("rows.csv");
    std::fs::write(&path, &file).unwrap();
    let out = panj(&db, &["import", path.to_str().unwrap(), "--create-actors"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("added 3"), "{}", text(&out));

    let store = Store::open(&db).unwrap();
    let mut ids = Vec::new();
    for (n, row) in rows.iter().enumerate() {
        let external_id = format!("acled:{}", &row[..7]);
        let incident = store
            .incident_by_external_id(&external_id)
            .unwrap()
            .unwrap();
        let kept = store.source_row(incident.id).unwrap().unwrap();
        assert_eq!(kept.row, row.as_bytes(), "row {n}");
        assert_eq!(kept.header.as_deref(), Some(header.as_bytes()));
        assert_eq!(kept.file_name, path.display().to_string());
        let shown = panj(&db, &["show", &incident.id.to_string(), "--original"]);
        assert!(shown.status.success(), "{}", text(&shown));
        assert_eq!(shown.stdout, format!("{header}\n{row}\n").into_bytes());
        ids.push(incident.id);
    }
    let first = store.incident(ids[0]).unwrap().unwrap();
    let columns: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(first.provenance.as_deref().unwrap()).unwrap();
    assert_eq!(columns.len(), 15);
    assert_eq!(columns["notes"], "Clash, \"heavy\"\r\nnear the river");
    assert_eq!(columns["location"], "Panj ");
    let second = store.incident(ids[1]).unwrap().unwrap();
    assert!(
        second
            .provenance
            .as_deref()
            .unwrap()
            .contains("\"location\":\"فیض آباد\"")
    );
    assert!(
        second
            .provenance
            .as_deref()
            .unwrap()
            .contains("\"notes\":\"  Столкновение у границы  \"")
    );
    drop(store);

    // An edit changes the record, not where it came from.
    let mut store = Store::open(&db).unwrap();
    let mut edited = store.incident(ids[0]).unwrap().unwrap();
    edited.title = "Clash at Panj, checked".into();
    store.update_incident(&edited).unwrap();
    let after = store.incident(ids[0]).unwrap().unwrap();
    assert_eq!(after.provenance, first.provenance);
    assert_eq!(
        store.source_row(ids[0]).unwrap().unwrap().row,
        rows[0].as_bytes()
    );
    assert!(store.check().unwrap().is_ok());
    // A typed-in record has no original row to show.
    let typed = new_typed_in(&mut store);
    drop(store);
    let shown = panj(&db, &["show", &typed.to_string(), "--original"]);
    assert!(!shown.status.success());
    assert!(text(&shown).contains("was not imported from a CSV file"));
}

fn new_typed_in(store: &mut Store) -> uuid::Uuid {
    let incident = panj::model::Incident::new(
        "Typed in",
        EventType::ArmedClash,
        panj::model::IncidentDate::day(jiff::civil::date(2025, 11, 29)),
        panj::model::Location::point(69.1, 37.2, LocationPrecision::Exact, Side::Tj),
    );
    store.insert_incident(&incident).unwrap();
    incident.id
}

/// UCDP's own GED 19.1 release holds rows whose best estimate lies
/// outside its low..high range (and one whose low is above its high): the
/// file imports whole with no flag but --create-actors, each such row kept
/// as published and said, the deaths on a side named "Civilians" stored as
/// civilians, and the stored deaths add up to the file's (issue 41; issue
/// 39, item 9).
#[test]
fn a_real_ged_release_imports_whole_with_its_disagreeing_rows_kept_and_said() {
    let dir = tempfile::tempdir().unwrap();
    let db = fresh_db(dir.path());
    let file =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real/ucdp-ged191-mmr-bgd.csv");
    let mut rows = 0;
    let mut best = 0u64;
    let mut disagreeing = 0;
    for row in csv::Reader::from_path(&file).unwrap().deserialize() {
        let row: std::collections::HashMap<String, String> = row.unwrap();
        let n = |c: &str| row[c].parse::<u64>().unwrap();
        rows += 1;
        best += n("best");
        if n("low") > n("high") || !(n("low")..=n("high")).contains(&n("best")) {
            disagreeing += 1;
        }
    }
    assert!(disagreeing > 0, "the release's own disagreeing rows");
    let out = panj(&db, &["import", file.to_str().unwrap(), "--create-actors"]);
    assert!(out.status.success(), "{}", text(&out));
    let said = text(&out);
    assert!(
        said.contains(&format!("{rows} rows read as UCDP GED: {rows} to add"))
            && said.contains(&format!(
                "{disagreeing} whose figures disagree, kept as published"
            ))
            && said.contains("lies outside its low"),
        "{said}"
    );
    let store = Store::open(&db).unwrap();
    let imported: Vec<_> = store
        .load_everything()
        .unwrap()
        .into_iter()
        .filter(|i| i.tags.contains(&"ucdp-ged".to_string()))
        .collect();
    assert_eq!(imported.len(), rows);
    assert_eq!(imported.iter().map(|i| i.killed()).sum::<u64>(), best);
    assert!(
        imported
            .iter()
            .any(|i| i.notes.contains("kept as published")),
        "the record says so too"
    );
    assert!(imported.iter().any(|i| {
        i.casualties
            .iter()
            .any(|c| c.role == panj::model::VictimRole::Civilian && c.killed > 0)
    }));
}
