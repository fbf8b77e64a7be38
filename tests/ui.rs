//! The real window code, driven headless with egui_kittest.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use panj::app::PanjApp;
use panj::exchange::seed;
use panj::store::Store;

fn seeded_app() -> PanjApp {
    let mut store = Store::open_in_memory().unwrap();
    seed::seed(&mut store).unwrap();
    PanjApp::new(Ok(store))
}

#[test]
fn the_window_lists_the_seed_incidents_and_shows_details_on_click() {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(|ui, app: &mut PanjApp| app.ui(ui), seeded_app());
    harness.run();
    harness.get_by_label("3 incidents");
    harness.get_by_label("Armed assaults on Chinese workers");
    harness.get_by_label("Explosive drone attack on a Chinese mining operation");
    assert_eq!(harness.query_all_by_label("ISKP (possible)").count(), 2);
    assert!(
        harness.query_by_label("Attribution claims").is_none(),
        "no details before a selection"
    );

    harness
        .get_by_label("Armed assaults on Chinese workers")
        .click();
    harness.run();
    harness.get_by_label("Attribution claims");
    assert!(
        harness
            .query_by_label_contains("(location precision: country / side only)")
            .is_some()
    );
}

#[test]
fn an_empty_database_says_so() {
    let app = PanjApp::new(Ok(Store::open_in_memory().unwrap()));
    let mut harness = Harness::builder().build_ui_state(|ui, app: &mut PanjApp| app.ui(ui), app);
    harness.run();
    harness.get_by_label("No incidents yet");
}

#[test]
fn a_database_that_cannot_open_is_explained_in_the_window() {
    let app = PanjApp::new(Err(anyhow::anyhow!(
        "x.csv is not a SQLite database; panj did not change it"
    )));
    let mut harness = Harness::builder().build_ui_state(|ui, app: &mut PanjApp| app.ui(ui), app);
    harness.run();
    harness.get_by_label("panj could not open its database");
    harness.get_by_label("x.csv is not a SQLite database; panj did not change it");
}
