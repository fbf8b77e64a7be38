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

/// Runs `panj export --format FORMAT --nationality CN OUT`, which must succeed.
fn export_cn(db: &Path, format: &str, out: &Path) {
    let run = panj(
        db,
        &[
            "export",
            "--format",
            format,
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
    export_cn(&db, "geojson", &out);
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

/// The seed, an ACLED import (external ids, provenance) and a record with
/// everything awkward a file can carry.
fn rich_database(dir: &Path) -> PathBuf {
    use panj::model::{
        Casualty, Claim, Claimant, Confidence, CountryCode, DatePrecision, Figure, Stance,
        VictimRole,
    };
    let db = database(dir);
    let acled = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/acled/current.csv");
    let run = panj(&db, &["import", acled.to_str().unwrap(), "--create-actors"]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let mut store = Store::open(&db).unwrap();
    let actor = store.actors().unwrap()[0].clone();
    let source = store.sources().unwrap()[0].clone();
    let mut awkward = Incident::new(
        "'quoted' title, with \"quotes\" and a comma",
        EventType::ArmedClash,
        panj::model::IncidentDate {
            start: jiff::civil::date(2025, 3, 3),
            end: jiff::civil::date(2025, 3, 9),
            precision: DatePrecision::Week,
            time_of_day: Some(jiff::civil::time(23, 15, 0, 0)),
        },
        Location {
            place_name: "Хорог / Khorugh".into(),
            country: Some(CountryCode::TJ),
            admin1: Some("Gorno-Badakhshan".into()),
            admin2: None,
            ..Location::point(
                71.553_123_456_789,
                37.489_987_654_321,
                LocationPrecision::District,
                Side::Tj,
            )
        },
    );
    awkward.summary = "-1 line\r\nand a second line".into();
    awkward.notes = "@mention =SUM(A1) +".into();
    awkward.tags = vec!["a; b".into(), "ç".into()];
    awkward.source_ids = vec![source.id];
    awkward.casualties = vec![Casualty {
        nationality: None,
        role: VictimRole::Unknown,
        killed: 2,
        wounded: 1,
        figure: Figure::Minimum,
    }];
    awkward.claims = vec![Claim {
        actor_id: actor.id,
        claimant: Claimant::GovernmentTj,
        claimant_name: "GKNB".into(),
        stance: Stance::Accuses,
        confidence: Confidence::Possible,
        source_id: Some(source.id),
        note: "said on TV".into(),
    }];
    store.insert_incident(&awkward).unwrap();
    db
}

fn all_records(db: &Path) -> Vec<Incident> {
    let mut all = Store::open(db).unwrap().query(&Filter::default()).unwrap();
    all.sort_by_key(|i| i.id);
    all
}

use panj::filter::Filter;

#[test]
fn own_csv_and_geojson_exports_import_back_as_identical_records() {
    let dir = tempfile::tempdir().unwrap();
    let db = rich_database(dir.path());
    let originals = all_records(&db);
    assert_eq!(originals.len(), 9);
    for format in ["csv", "geojson"] {
        let out = dir.path().join(format!("all.{format}"));
        let run = panj(&db, &["export", "--format", format, out.to_str().unwrap()]);
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );

        // Into a new, empty database: actors and sources come along.
        let other = dir.path().join(format!("other-{format}.db"));
        drop(Store::open(&other).unwrap());
        let run = panj(
            &other,
            &["import", out.to_str().unwrap(), "--create-actors"],
        );
        let said = String::from_utf8_lossy(&run.stdout).to_string();
        assert!(
            run.status.success(),
            "{said}{}",
            String::from_utf8_lossy(&run.stderr)
        );
        assert!(said.contains("read as panj export: 9 to add"), "{said}");
        assert_eq!(all_records(&other), originals, "{format}");

        // Back into the database it came from: nothing to do.
        let run = panj(&db, &["import", out.to_str().unwrap()]);
        let said = String::from_utf8_lossy(&run.stdout).to_string();
        assert!(
            said.contains("0 to add, 0 to update (imported before), 9 unchanged"),
            "{said}"
        );
        assert_eq!(all_records(&db), originals);
    }
}

#[test]
fn geopackage_export_is_a_point_layer_that_gdal_reads() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    let out = dir.path().join("cn.gpkg");
    export_cn(&db, "gpkg", &out);
    let conn = rusqlite::Connection::open(&out).unwrap();
    let (count, geometry): (i64, String) = conn
        .query_row(
            "SELECT (SELECT count(*) FROM incidents), geometry_type_name FROM gpkg_geometry_columns",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((count, geometry.as_str()), (2, "POINT"));
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("cn.gpkg.manifest.json")).unwrap())
            .unwrap();
    assert_eq!(manifest["sha256"], sha256_of(&out));
    assert_eq!(manifest["format"], "gpkg");

    // GDAL reads it, where GDAL is installed (Debian: gdal-bin).
    if let Ok(info) = Command::new("ogrinfo")
        .args(["-al", "-so"])
        .arg(&out)
        .output()
    {
        let said = String::from_utf8_lossy(&info.stdout);
        assert!(
            info.status.success(),
            "{said}{}",
            String::from_utf8_lossy(&info.stderr)
        );
        assert!(said.contains("Geometry: Point"), "{said}");
        assert!(said.contains("Feature Count: 2"), "{said}");
        assert!(said.contains("ID[\"EPSG\",4326]"), "{said}");
    }
}

#[test]
fn the_report_of_the_cn_filter_is_one_self_contained_briefing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("panj.db");
    common::seeded_file(&db);
    let out = dir.path().join("cn.html");
    let run = panj(
        &db,
        &[
            "report",
            "--nationality",
            "CN",
            "--title",
            "Attacks on Chinese nationals",
            "--author",
            "Amina",
            "--paper",
            "letter",
            out.to_str().unwrap(),
        ],
    );
    assert!(run.status.success(), "{}", common::said(&run));
    assert!(common::said(&run).contains("the report of 2 incidents"));
    let page = std::fs::read_to_string(&out).unwrap();
    for expected in [
        "<h1>Attacks on Chinese nationals</h1>",
        "Amina",
        "Victims: CN",
        "Explosive drone attack on a Chinese mining operation",
        "Armed assaults on Chinese workers",
        "<b>at least 2</b>killed",
        "F — reliability cannot be judged",
        "Dates: 1 of 2 incidents are known only to a week or a month",
        "For internal use",
        "size: letter",
    ] {
        assert!(page.contains(expected), "the report lacks {expected:?}");
    }
    assert!(
        !page.contains("Armed intruders"),
        "an incident the filter leaves out"
    );
    // Self-contained: two pictures, both inside; nothing fetched.
    assert_eq!(page.matches("<img ").count(), 2);
    assert_eq!(
        page.matches("<img ").count(),
        page.matches("src=\"data:image/png;base64,").count()
    );
    for external in [
        "src=\"http",
        "href=\"http",
        "url(",
        "<link",
        "<script",
        "@import",
    ] {
        assert!(!page.contains(external), "the report fetches {external}");
    }
    // Its manifest names its hash, like every export.
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("cn.html.manifest.json")).unwrap())
            .unwrap();
    assert_eq!(manifest["sha256"].as_str().unwrap(), sha256_of(&out));
    assert_eq!(manifest["count"], 2);
}

#[test]
fn the_pdf_report_has_its_fonts_inside_and_text_that_pdftotext_reads() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("panj.db");
    common::seeded_file(&db);
    let out = dir.path().join("cn.pdf");
    let run = panj(
        &db,
        &[
            "report",
            "--nationality",
            "CN",
            "--paper",
            "letter",
            out.to_str().unwrap(),
        ],
    );
    assert!(run.status.success(), "{}", common::said(&run));
    let bytes = std::fs::read(&out).unwrap();
    assert!(
        bytes.starts_with(b"%PDF-"),
        "the format follows the extension"
    );
    let tool = |name: &str| Command::new(name).arg(&out).arg("-").output();
    let Ok(text) = tool("pdftotext") else {
        eprintln!("poppler-utils is not installed here: the PDF's text was not read back");
        return;
    };
    let text = String::from_utf8_lossy(&text.stdout).replace('\n', " ");
    for expected in [
        "Explosive drone attack on a Chinese mining operation",
        "Armed assaults on Chinese",
        "2 incidents, at least 2 killed and 0 wounded.",
        "F — reliability cannot be judged",
        "Dates: 1 of 2 incidents are known only to a week or a month",
        "FOR INTERNAL USE",
        "page 1 of",
    ] {
        assert!(
            text.contains(expected),
            "the PDF's text lacks {expected:?}: {text}"
        );
    }
    let info = Command::new("pdfinfo").arg(&out).output().unwrap();
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(info.contains("612 x 792 pts (letter)"), "{info}");
    let fonts = Command::new("pdffonts").arg(&out).output().unwrap();
    let fonts = String::from_utf8_lossy(&fonts.stdout);
    assert!(
        fonts
            .lines()
            .skip(2)
            .all(|line| line.contains(" yes yes yes ")),
        "every font embedded, subset, with Unicode: {fonts}"
    );
}
