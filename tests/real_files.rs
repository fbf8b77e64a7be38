//! Data-set files as analysts get them (`tests/fixtures/real/`, origins in
//! its SOURCES.md): each imports whole with no flag but `--create-actors`,
//! and what is stored adds up to the file: as many records as data rows,
//! and the fatalities (ACLED `fatalities`, UCDP `best`) summed from the
//! file itself.
//!
//! The files panj does not read yet are listed in [`NOT_YET`] with why;
//! the real-files issue empties that list.

mod common;

use common::{panj, said};
use panj::store::Store;
use std::path::{Path, PathBuf};

/// Files of the folder panj cannot import whole yet, and why.
const NOT_YET: &[(&str, &str)] = &[
    (
        "acled-2020-excel-dmy-crlf.csv",
        "its last row was cut off in Excel: no coordinates",
    ),
    (
        "acled-rwritecsv-subset-crlf.csv",
        "an R cut without ids or coordinates",
    ),
    (
        "ucdp-ged221-subset-nobest.geojson",
        "a GED cut without id or best",
    ),
    ("ucdp-ged221-subset-nobest.gpkg", "GeoPackage input"),
];

fn folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real")
}

/// Data rows and the summed fatality column of a CSV file, read byte by
/// byte (some are Windows-1252), the column found by name in any case.
fn csv_totals(path: &Path, column: &str) -> (usize, u64) {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(path)
        .unwrap();
    let headers = reader.byte_headers().unwrap().clone();
    let at = headers
        .iter()
        .position(|h| {
            String::from_utf8_lossy(h)
                .trim_start_matches('\u{feff}')
                .eq_ignore_ascii_case(column)
        })
        .unwrap_or_else(|| panic!("{}: no {column} column", path.display()));
    let mut rows = 0;
    let mut total = 0;
    for record in reader.byte_records() {
        let record = record.unwrap();
        // HDX's row of HXL hashtags (#affected+killed) is not data.
        if record.iter().any(|f| f.starts_with(b"#")) {
            continue;
        }
        rows += 1;
        total += String::from_utf8_lossy(&record[at])
            .trim()
            .parse::<u64>()
            .unwrap_or_else(|_| panic!("{}: row {rows} {column}", path.display()));
    }
    (rows, total)
}

/// Features and the summed `best` of a GeoJSON file.
fn geojson_totals(path: &Path) -> (usize, u64) {
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    let features = json["features"].as_array().unwrap();
    let best = |f: &serde_json::Value| match &f["properties"]["best"] {
        serde_json::Value::Number(n) => n.as_u64().unwrap(),
        other => other.as_str().unwrap().parse().unwrap(),
    };
    (features.len(), features.iter().map(best).sum())
}

/// Records and summed fatalities of a web API's JSON saved to disk
/// (ACLED's `data` of strings, UCDP's array or `Result`), with the tag
/// of the data set.
fn json_totals(path: &Path) -> (usize, u64, &'static str) {
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    let (records, column, tag) = match (json.get("data"), json.get("Result")) {
        (Some(data), _) => (data, "fatalities", "acled"),
        (_, Some(result)) => (result, "best", "ucdp-ged"),
        _ => (&json, "best", "ucdp-ged"),
    };
    let records = records.as_array().unwrap();
    let figure = |r: &serde_json::Value| match &r[column] {
        serde_json::Value::Number(n) => n.as_u64().unwrap(),
        other => other.as_str().unwrap().parse().unwrap(),
    };
    (records.len(), records.iter().map(figure).sum(), tag)
}

/// Rows and summed FATALITIES of a workbook's first sheet, read with
/// calamine as a person would count them in Excel.
fn xlsx_totals(path: &Path) -> (usize, u64, &'static str) {
    use calamine::{Data, Reader};
    let mut workbook = calamine::open_workbook_auto(path).unwrap();
    let sheet = workbook.sheet_names()[0].clone();
    let range = workbook.worksheet_range(&sheet).unwrap();
    let mut rows = range.rows();
    let header = rows.next().unwrap();
    let at = header
        .iter()
        .position(|h| h.to_string().eq_ignore_ascii_case("fatalities"))
        .unwrap();
    let mut count = 0;
    let mut total = 0;
    for row in rows {
        if row.iter().all(|c| *c == Data::Empty) {
            continue;
        }
        count += 1;
        total += match &row[at] {
            Data::Int(n) => *n as u64,
            Data::Float(f) => *f as u64,
            other => other.to_string().parse().unwrap(),
        };
    }
    (count, total, "acled")
}

#[test]
fn every_real_file_imports_whole_and_adds_up_to_itself() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().is_some_and(|n| n != "SOURCES.md"))
        .collect();
    files.sort();
    let mut imported = 0;
    for file in &files {
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        if let Some((_, why)) = NOT_YET.iter().find(|(n, _)| *n == name) {
            eprintln!("{name}: not imported yet ({why})");
            continue;
        }
        let (rows, fatalities, tag) = match file.extension().and_then(|e| e.to_str()) {
            Some("geojson") => {
                let (rows, best) = geojson_totals(file);
                (rows, best, "ucdp-ged")
            }
            Some("json") => json_totals(file),
            Some("xlsx") => xlsx_totals(file),
            _ if name.starts_with("ucdp") => {
                let (rows, best) = csv_totals(file, "best");
                (rows, best, "ucdp-ged")
            }
            _ => {
                let (rows, fatalities) = csv_totals(file, "fatalities");
                (rows, fatalities, "acled")
            }
        };
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("panj.db");
        let out = panj(&db, &["import", file.to_str().unwrap(), "--create-actors"]);
        assert!(out.status.success(), "{name}: {}", said(&out));
        if name.contains("cp1252") {
            assert!(
                said(&out).contains("read as Windows-1252"),
                "{name}: {}",
                said(&out)
            );
        }
        assert!(
            said(&out).contains(&format!("{rows} rows read as")),
            "{name}: {}",
            said(&out)
        );
        // The preview sets the file's own total beside the records'.
        assert!(
            said(&out).contains(&format!("the file says {fatalities} killed"))
                && said(&out).contains(&format!("records read hold {fatalities} killed")),
            "{name}: {}",
            said(&out)
        );
        let store = Store::open(&db).unwrap();
        let records: Vec<_> = store
            .load_everything()
            .unwrap()
            .into_iter()
            .filter(|i| i.tags.iter().any(|t| t == tag))
            .collect();
        assert_eq!(records.len(), rows, "{name}: records");
        assert_eq!(
            records.iter().map(|i| i.killed()).sum::<u64>(),
            fatalities,
            "{name}: fatalities"
        );
        imported += 1;
    }
    assert!(
        imported + NOT_YET.len() == files.len() && imported >= 9,
        "{imported} of {} files imported",
        files.len()
    );
}
