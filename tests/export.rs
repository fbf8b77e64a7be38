//! `panj export` end to end: CSV safe for spreadsheets, GeoJSON that GIS
//! tools read, a manifest whose hash matches the file, and the filter
//! honoured.

mod common;

use common::panj;

use panj::model::{EventType, Incident, IncidentDate, Location, LocationPrecision, Side};
use panj::store::Store;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The seed plus an incident whose title a spreadsheet would run.
fn database(dir: &Path) -> PathBuf {
    let db = dir.join("panj.db");
    assert!(panj(&db, &["check"]).status.success());
    let mut store = Store::open(&db).unwrap();
    let incident = Incident::new(
        "=HYPERLINK(\"http://example.invalid\",\"click\")",
        EventType::Other,
        IncidentDate::day(jiff::civil::date(2025, 1, 2)),
        Location::point(69.5, 37.5, LocationPrecision::Exact, Side::Tj),
    );
    store.insert_incident(&incident).unwrap();
    db
}

fn sha256_of(path: &Path) -> String {
    use sha2::Digest;
    format!("{:x}", sha2::Sha256::digest(std::fs::read(path).unwrap()))
}

#[test]
fn csv_export_defuses_formulas_and_its_manifest_matches_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    let out = dir.path().join("all.csv");
    let run = panj(&db, &["export", "--format", "csv", out.to_str().unwrap()]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let mut reader = csv::Reader::from_path(&out).unwrap();
    let titles: Vec<String> = reader
        .records()
        .map(|r| r.unwrap().get(1).unwrap().to_string())
        .collect();
    assert_eq!(titles.len(), 4);
    assert!(titles.contains(&"'=HYPERLINK(\"http://example.invalid\",\"click\")".to_string()));
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("all.csv.manifest.json")).unwrap())
            .unwrap();
    assert_eq!(manifest["count"], 4);
    assert_eq!(manifest["format"], "csv");
    assert_eq!(manifest["sha256"], sha256_of(&out));
}

#[test]
fn geojson_export_holds_the_filtered_incidents_as_points() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    let out = dir.path().join("cn.geojson");
    let run = panj(
        &db,
        &[
            "export",
            "--format",
            "geojson",
            "--nationality",
            "CN",
            out.to_str().unwrap(),
        ],
    );
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let collection: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(collection["type"], "FeatureCollection");
    let features = collection["features"].as_array().unwrap();
    assert_eq!(features.len(), 2, "the two attacks on Chinese nationals");
    for feature in features {
        assert_eq!(feature["geometry"]["type"], "Point");
        assert_eq!(
            feature["geometry"]["coordinates"],
            serde_json::json!([70.0, 38.0])
        );
        assert_eq!(feature["properties"]["perpetrator"], "ISKP (possible)");
        assert_eq!(feature["properties"]["location_precision"], "country");
    }
    let manifest: serde_json::Value = serde_json::from_slice(
        &std::fs::read(dir.path().join("cn.geojson.manifest.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(
        manifest["filter"]["nationalities"],
        serde_json::json!(["CN"])
    );

    // GDAL reads it, where GDAL is installed (Debian: gdal-bin).
    if let Ok(info) = Command::new("ogrinfo")
        .args(["-al", "-so"])
        .arg(&out)
        .output()
    {
        let said = String::from_utf8_lossy(&info.stdout);
        assert!(said.contains("Feature Count: 2"), "{said}");
    }
}
