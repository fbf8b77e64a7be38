//! The Import and Export windows, driven headless with egui_kittest over a
//! database file (imports run on a worker with their own connection).

mod common;

use common::{wait_for, wait_for_field, window};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use panj::app::{Command, PanjApp};
use panj::exchange::seed;
use panj::store::Store;
use std::path::{Path, PathBuf};

fn app_on_file(dir: &Path) -> PanjApp {
    let path = dir.join("panj.db");
    let mut store = Store::open(&path).unwrap();
    seed::seed(&mut store).unwrap();
    PanjApp::new(Ok(store))
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

#[test]
fn an_acled_file_is_previewed_then_imported_off_the_ui_thread() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = window(app_on_file(dir.path()), 800.0);
    harness.run();
    harness.get_by_label("Import…").click();
    harness.run();
    harness.get_by_label_contains("Choose a file: panj shows what it would store");
    harness
        .state_mut()
        .apply(Command::OpenImport(Some(fixture("acled/current.csv"))));
    harness.run();
    harness.get_by_label("Preview").click();
    wait_for(&mut harness, "4 rows read as ACLED CSV: 4 to add");
    // The file's own total beside the records', as the command line says.
    let file = fixture("acled/current.csv");
    let fatalities: u64 = csv::Reader::from_path(&file)
        .unwrap()
        .deserialize::<std::collections::HashMap<String, String>>()
        .map(|row| row.unwrap()["fatalities"].parse::<u64>().unwrap())
        .sum();
    harness.get_by_label(&format!(
        "The file says {fatalities} killed (fatalities); the 4 records read hold {fatalities} killed."
    ));
    // The first records as they will be stored, with their line.
    harness.get_by_label("Air/drone strike in Kavo");
    harness.get_by_label_contains("Unidentified Armed Group (Afghanistan) (Non-state armed group)");
    harness.get_by_label(
        "Some actors are not known: say which known actor each is, or choose to create them.",
    );
    assert_eq!(
        harness.state().workspace().unwrap().all_incidents().len(),
        3,
        "nothing written yet"
    );

    // One of them is an actor the database knows under another name.
    harness
        .get_by_label("Military Forces of Afghanistan (2021-) Taliban (State forces)")
        .click_accesskit();
    harness.run();
    harness.get_by_label("Taliban").click_accesskit();
    harness.run();
    // The preview says which actor the name will be stored as.
    assert!(
        harness
            .query_all_by_label_contains(
                "Taliban (as Military Forces of Afghanistan (2021-) Taliban)"
            )
            .count()
            >= 1,
        "the mapped actor is not shown in the preview"
    );
    harness
        .get_by_label("Create actors not known yet")
        .click_accesskit();
    harness.run();
    assert!(
        harness
            .query_by_label(
                "Some actors are not known: say which known actor each is, or choose to create them."
            )
            .is_none()
    );
    harness.get_by_label("Import 4 records").click_accesskit();
    wait_for(
        &mut harness,
        "Imported: 4 added, 0 updated, 3 actors created, 1 alias added",
    );
    harness.run();
    assert_eq!(
        harness.state().workspace().unwrap().all_incidents().len(),
        7
    );
    assert!(
        harness
            .query_all_by_label_contains("7 of 7 incidents")
            .count()
            >= 1
    );
}

#[test]
fn a_spreadsheet_saved_file_shows_how_it_was_read_and_what_was_kept_as_published() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = window(app_on_file(dir.path()), 800.0);
    // A European Excel's save: Windows-1252, semicolons, dates day first.
    harness.state_mut().apply(Command::OpenImport(Some(fixture(
        "real/acled-excel-eu-semicolon.csv",
    ))));
    harness.run();
    harness.get_by_label("Preview").click();
    wait_for(&mut harness, "12 rows read as ACLED CSV: 12 to add");
    harness.get_by_label_contains("Fields are separated by semicolons");
    harness.get_by_label_contains("read as Windows-1252");
    harness.get_by_label_contains("Dates such as 05/09/2020 read day first, as 7 rows");
    harness
        .get_by_label("The file says 48 killed (fatalities); the 12 records read hold 48 killed.");
    // UCDP's GED Explorer download: names read as GED's, figures that
    // disagree kept as published, with their lines.
    harness.state_mut().apply(Command::OpenImport(Some(fixture(
        "real/ucdp-gedexplorer-brazil-crlf.csv",
    ))));
    harness.run();
    harness.get_by_label("Preview").click();
    wait_for(&mut harness, "12 rows read as UCDP GED");
    harness.get_by_label_contains("best_est as best");
    harness.get_by_label_contains(
        "line 15: UCDP's best 0 lies outside its low 1 .. high 1: kept as published",
    );
}

/// Each name not known yet reads "choose…" until the analyst chooses, and
/// choosing "a new actor" for each is enough to import: the box read "a
/// new actor" while Import stayed refused (issue 43, item 4).
#[test]
fn choosing_a_new_actor_for_each_unknown_name_lets_the_import_go() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = window(app_on_file(dir.path()), 800.0);
    harness
        .state_mut()
        .apply(Command::OpenImport(Some(fixture("acled/current.csv"))));
    harness.run();
    harness.get_by_label("Preview").click();
    wait_for(&mut harness, "4 rows read as ACLED CSV: 4 to add");
    let blocked =
        "Some actors are not known: say which known actor each is, or choose to create them.";
    harness.get_by_label(blocked);
    assert!(harness.query_all_by_value("a new actor").next().is_none());
    let mut chosen = 0;
    while harness.query_all_by_value("choose…").next().is_some() {
        harness
            .query_all_by_value("choose…")
            .next()
            .unwrap()
            .click_accesskit();
        harness.run();
        harness
            .get_all_by_label("a new actor")
            .last()
            .expect("the choice in the open list")
            .click_accesskit();
        harness.run();
        chosen += 1;
        assert!(chosen < 10, "the choice did not stick");
    }
    assert_eq!(chosen, 4);
    assert!(harness.query_by_label(blocked).is_none());
    harness.get_by_label("Import 4 records").click_accesskit();
    wait_for(
        &mut harness,
        "Imported: 4 added, 0 updated, 4 actors created",
    );
}

#[test]
fn a_file_with_bad_rows_is_refused_until_they_are_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = window(app_on_file(dir.path()), 800.0);
    harness
        .state_mut()
        .apply(Command::OpenImport(Some(fixture("acled/bad.csv"))));
    harness.run();
    harness.get_by_label("Create actors not known yet").click();
    harness.get_by_label("Preview").click();
    wait_for(&mut harness, "rows cannot be imported:");
    // Each error names the file, the line and the column.
    assert!(harness.query_all_by_label_contains("bad.csv, line").count() >= 2);
    harness.get_by_label("Some rows have errors: fix the file, or choose to skip them.");
    harness.get_by_label("Skip rows with errors").click();
    harness.run();
    assert!(
        harness
            .query_by_label("Some rows have errors: fix the file, or choose to skip them.")
            .is_none()
    );
    // Skipped rows are no longer said in red as refused (issue 43, 25).
    assert!(
        harness
            .query_by_label_contains("cannot be imported")
            .is_none()
    );
    harness.get_by_label_contains("rows have errors and will be skipped:");
}

#[test]
fn the_filtered_incidents_export_as_geopackage_from_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = window(app_on_file(dir.path()), 800.0);
    harness.run();
    harness.get_by_label("Export…").click();
    harness.run();
    harness.get_by_label("GeoPackage (QGIS, ArcGIS)").click();
    let out = dir.path().join("out.gpkg");
    harness.state_mut().export.path = out.display().to_string();
    harness.run();
    harness.get_by_label("Export 3 incidents").click();
    wait_for(&mut harness, "Wrote 3 incidents to");
    assert!(out.exists());
    assert!(dir.path().join("out.gpkg.manifest.json").exists());
    // Another kind of export chosen: what the last one wrote is not said
    // as if it were this one's (issue 43, 25).
    harness
        .get_by_label("Report: a briefing to send (PDF or HTML)")
        .click();
    harness.run();
    assert!(
        harness
            .query_by_label_contains("Wrote 3 incidents to")
            .is_none()
    );
}

#[test]
fn the_map_picture_has_the_chosen_width_whatever_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = window(app_on_file(dir.path()), 800.0);
    harness.run();
    harness.get_by_label("Export…").click();
    harness.run();
    harness.get_by_label("PNG image of the map view").click();
    harness.run();
    // The default is what a slide or a report needs, not the window's size.
    assert_eq!(
        harness.state().export.png_width,
        panj::ui::map_picture::DEFAULT_WIDTH
    );
    let out = dir.path().join("map.png");
    harness.state_mut().export.path = out.display().to_string();
    harness.state_mut().export.png_width = 1500;
    harness.run();
    harness.get_by_label("Save the picture").click();
    wait_for(&mut harness, "Saved a 1500×");
    let picture = image::open(&out).unwrap();
    let map = harness.state().map.map_rect().unwrap();
    let map_height = 1500.0 * map.height() / map.width();
    // The map's proportions, plus the caption's band above it.
    let height = picture.height() as f32;
    assert_eq!(picture.width(), 1500);
    assert!(
        height > map_height + 10.0 && height < map_height * 1.2,
        "{height} px high for a map {map_height} px high"
    );
    assert!(dir.path().join("map.png.manifest.json").exists());
    // The picture was taken from the window without drawing into it: the
    // map keeps its controls and no caption shows over it.
    harness.get_by_label_contains("Saved a 1500×");
    assert!(
        harness
            .query_by_label_contains("panj · 3 incidents")
            .is_none()
    );
}

#[test]
fn export_report_writes_the_filter_of_the_moment_with_the_map_view() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = window(app_on_file(dir.path()), 800.0);
    harness.run();
    // Only the incidents with Chinese victims.
    let mut filter = panj::filter::Filter::default();
    filter
        .nationalities
        .insert(Some(panj::model::CountryCode::CN));
    harness
        .state_mut()
        .apply(panj::app::Command::SetFilter(Box::new(filter)));
    harness.run();
    harness.get_by_label("Export…").click();
    harness.run();
    harness.get_by_label_contains("Report: a briefing").click();
    harness.run();
    // PDF unless told otherwise.
    assert_eq!(
        harness.state().export.report_format,
        panj::report::ReportFormat::Pdf
    );
    harness.get_by_label("HTML (one file)").click();
    harness.run();
    let title = egui::accesskit::Role::TextInput;
    harness.get_by_role_and_label(title, "Author").click();
    harness.run();
    harness
        .get_by_role_and_label(title, "Author")
        .type_text("Bahram");
    harness.run();
    let out = dir.path().join("briefing.html");
    harness.state_mut().export.path = out.display().to_string();
    harness.run();
    harness
        .get_by_label("Write the report of 2 incidents")
        .click();
    wait_for(&mut harness, "Wrote the report of 2 incidents");
    let page = std::fs::read_to_string(&out).unwrap();
    assert!(page.contains("Bahram"));
    assert!(page.contains("<b>at least 2</b>killed"));
    assert_eq!(page.matches("src=\"data:image/png;base64,").count(), 2);
}

#[test]
fn the_window_notices_what_another_panj_wrote() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = window(app_on_file(dir.path()), 800.0);
    harness.run();
    assert_eq!(
        harness.state().workspace().unwrap().all_incidents().len(),
        3
    );
    let mut other = Store::open(&dir.path().join("panj.db")).unwrap();
    let incident = panj::model::Incident::new(
        "Written by a second panj",
        panj::model::EventType::Other,
        panj::model::IncidentDate::day(jiff::civil::date(2025, 2, 3)),
        panj::model::Location::point(
            69.5,
            37.5,
            panj::model::LocationPrecision::Exact,
            panj::model::Side::Tj,
        ),
    );
    other.insert_incident(&incident).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(2100));
    wait_for(&mut harness, "Written by a second panj");
    assert_eq!(
        harness.state().workspace().unwrap().all_incidents().len(),
        4
    );
}

/// The UCDP row of the drone attack ACLED already gave is offered as a
/// possible duplicate, and the analyst's choice for that row holds.
#[test]
fn a_possible_duplicate_is_linked_skipped_or_imported_as_the_analyst_chooses() {
    let dir = tempfile::tempdir().unwrap();
    let app = app_on_file(dir.path());
    let db = dir.path().join("panj.db");
    let acled = fixture("acled/current.csv");
    let out = common::panj(&db, &["import", acled.to_str().unwrap(), "--create-actors"]);
    assert!(out.status.success(), "{}", common::said(&out));
    let mut harness = window(app, 800.0);
    harness.run();
    harness
        .state_mut()
        .apply(Command::OpenImport(Some(fixture("ucdp/ged.csv"))));
    harness.run();
    harness.get_by_label("Preview").click();
    wait_for(
        &mut harness,
        "possibly stored already from another source: choose",
    );
    wait_for(
        &mut harness,
        "(linked: noted and tagged possible-duplicate)",
    );
    harness.get_by_label("Import anyway").click();
    wait_for(&mut harness, "(imported as they are)");
    harness
        .get_by_label("Create actors not known yet")
        .click_accesskit();
    harness.run();
    harness.get_by_label("Import 2 records").click_accesskit();
    wait_for(&mut harness, "Imported: 2 added");
    let store = Store::open(&db).unwrap();
    let kavo = store
        .incident_by_external_id("ucdp:401001")
        .unwrap()
        .expect("imported");
    assert!(
        !kavo.tags.contains(&"possible-duplicate".to_string()),
        "imported as it is, not linked: {:?}",
        kavo.tags
    );
}

/// The window keeps every record as listed (no summary, notes or imported
/// row): whatever shows, searches, edits or exports one must still see
/// all of it, read whole from the database.
#[test]
fn an_imported_records_long_text_is_shown_searched_kept_by_an_edit_and_exported() {
    use panj::filter::Filter;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("panj.db");
    drop(common::seeded_file(&db));
    let imported = common::panj(
        &db,
        &[
            "import",
            &fixture("acled/current.csv").display().to_string(),
            "--create-actors",
        ],
    );
    assert!(imported.status.success(), "{}", common::said(&imported));
    let whole_before = Store::open(&db)
        .unwrap()
        .load_everything()
        .unwrap()
        .into_iter()
        .find(|i| i.external_id.as_deref() == Some("acled:TJK1001"))
        .expect("the imported record");
    assert!(whole_before.summary.contains("Chinese mining company"));
    assert!(whole_before.provenance.is_some());

    let mut harness = window(PanjApp::new(Ok(Store::open(&db).unwrap())), 800.0);
    harness.run();
    assert!(
        harness
            .state()
            .workspace()
            .unwrap()
            .incident(whole_before.id)
            .is_some(),
        "loaded"
    );

    // Found by a word of its summary alone, and shown whole.
    harness
        .state_mut()
        .apply(Command::SetFilter(Box::new(Filter {
            text: "camp".into(),
            ..Filter::default()
        })));
    harness.run();
    assert_eq!(
        kept_ids(&harness),
        [whole_before.id],
        "found by a word of its summary"
    );
    harness
        .state_mut()
        .apply(Command::Select(Some(whole_before.id)));
    harness.run();
    harness.get_by_label_contains("Explosive drone attack on the camp of a Chinese mining company");
    harness.get_by_label("The row as imported").click();
    harness.run();
    harness.get_by_label("event_id_cnty");

    // Exported whole from the window.
    harness.get_by_label("Export…").click();
    harness.run();
    let out = dir.path().join("out.csv");
    harness.state_mut().export.path = out.display().to_string();
    harness.run();
    harness.get_by_label("Export 1 incident").click();
    wait_for(&mut harness, "Wrote 1 incident to");
    let exported = std::fs::read_to_string(&out).unwrap();
    assert!(exported.contains("Chinese mining company"), "{exported}");
    assert!(exported.contains("event_id_cnty"), "{exported}");

    // An edit saved from the form keeps what the window never held.
    harness
        .state_mut()
        .apply(Command::EditIncident(whole_before.id));
    wait_for_field(&mut harness, "Title");
    harness.get_by_label("Save").click();
    // Not `run`: the details pane then reads the saved version on the
    // record reader and repaints until it arrives.
    let whole_after = (0..1000)
        .find_map(|_| {
            harness.step();
            std::thread::sleep(std::time::Duration::from_millis(10));
            Store::open(&db)
                .unwrap()
                .incident(whole_before.id)
                .unwrap()
                .filter(|i| i.version > whole_before.version)
        })
        .expect("the edit was saved");
    assert_eq!(whole_after.version, whole_before.version + 1, "saved");
    assert_eq!(whole_after.summary, whole_before.summary);
    assert_eq!(whole_after.notes, whole_before.notes);
    assert_eq!(whole_after.provenance, whole_before.provenance);
    assert_eq!(
        kept_ids(&harness),
        [whole_before.id],
        "still found by its summary once saved"
    );
}

/// The ids of the incidents the filter keeps.
fn kept_ids(harness: &Harness<'_, PanjApp>) -> Vec<uuid::Uuid> {
    harness
        .state()
        .workspace()
        .unwrap()
        .kept_rows()
        .map(|i| i.id())
        .collect()
}
