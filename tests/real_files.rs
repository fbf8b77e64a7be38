//! Data-set files as analysts get them (`tests/fixtures/real/`, origins in
//! its SOURCES.md): each imports whole with no flag but `--create-actors`,
//! and what is stored adds up to the file: as many records as data rows,
//! and the fatalities (ACLED `fatalities`, UCDP `best`, or the deaths by
//! side where a cut has no `best`) summed from the file itself, which
//! `panj check --source` then confirms.
//!
//! The only rows refused are those that cannot be read: a row Excel cut
//! short (no coordinates and no place name to put it by). Such a row is
//! found by the test in the file, and the import must name it.

mod common;

use common::{panj, said};
use panj::store::Store;
use std::path::{Path, PathBuf};

fn folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real")
}

/// A text file's content however it was saved: UTF-16 with its byte
/// order mark, UTF-8 (a mark dropped), else Windows-1252.
fn decoded(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap();
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return encoding_rs::UTF_16LE
            .decode_without_bom_handling(rest)
            .0
            .into_owned();
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return encoding_rs::UTF_16BE
            .decode_without_bom_handling(rest)
            .0
            .into_owned();
    }
    match String::from_utf8(bytes.clone()) {
        Ok(text) => text.trim_start_matches('\u{feff}').to_string(),
        Err(_) => encoding_rs::WINDOWS_1252.decode(&bytes).0.into_owned(),
    }
}

/// The rows of a CSV-like text file by column name (lower case), read
/// with the separator its header line uses most.
fn csv_rows(path: &Path) -> Vec<std::collections::HashMap<String, String>> {
    let text = decoded(path);
    let header = text.lines().next().unwrap_or_default();
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| header.bytes().filter(|b| b == d).count())
        .unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(|h| h.trim().to_lowercase())
        .collect();
    reader
        .records()
        .map(|r| r.unwrap())
        .filter(|r| r.iter().any(|f| !f.trim().is_empty()))
        // HDX's row of HXL hashtags (#affected+killed) is not data.
        .filter(|r| !r.iter().any(|f| f.starts_with('#')))
        .map(|r| {
            headers
                .iter()
                .cloned()
                .zip(r.iter().map(|f| f.trim().to_string()))
                .collect()
        })
        .collect()
}

/// What a file must give: its data rows, the rows that cannot be read
/// (by line, found as cut short), and the killed summed from its own
/// figures over the rows that can.
struct Expected {
    rows: usize,
    cut_short: Vec<usize>,
    killed: u64,
    tag: &'static str,
}

/// A row's toll as its data set gives it: ACLED's `fatalities`, UCDP's
/// `best` (GED Explorer's `best_est`), or a cut's deaths by side.
fn toll(row: &std::collections::HashMap<String, String>) -> u64 {
    let number = |c: &str| row.get(c).and_then(|v| v.parse::<u64>().ok());
    number("fatalities")
        .or_else(|| number("best"))
        .or_else(|| number("best_est"))
        .unwrap_or_else(|| {
            ["deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown"]
                .iter()
                .filter_map(|c| number(c))
                .sum()
        })
}

fn expected_of_rows(
    rows: &[std::collections::HashMap<String, String>],
    tag: &'static str,
) -> Expected {
    let empty = |row: &std::collections::HashMap<String, String>, c: &str| {
        row.get(c).is_none_or(|v| v.is_empty())
    };
    // Excel cut the row short: no point, and no place name to put it by.
    let cut_short: Vec<usize> = rows
        .iter()
        .enumerate()
        .filter(|(_, row)| {
            ["latitude", "location", "admin1", "admin2"]
                .iter()
                .all(|c| empty(row, c))
                && row.contains_key("event_date")
        })
        .map(|(n, _)| n + 2)
        .collect();
    let killed = rows
        .iter()
        .enumerate()
        .filter(|(n, _)| !cut_short.contains(&(n + 2)))
        .map(|(_, row)| toll(row))
        .sum();
    Expected {
        rows: rows.len(),
        cut_short,
        killed,
        tag,
    }
}

/// Features and their summed toll, of a GeoJSON file.
fn geojson_totals(path: &Path) -> Expected {
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    let rows: Vec<std::collections::HashMap<String, String>> = json["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            f["properties"]
                .as_object()
                .unwrap()
                .iter()
                .map(|(k, v)| {
                    let text = match v {
                        serde_json::Value::String(s) => s.clone(),
                        other => other.to_string(),
                    };
                    (k.to_lowercase(), text)
                })
                .collect()
        })
        .collect();
    Expected {
        rows: rows.len(),
        cut_short: Vec::new(),
        killed: rows.iter().map(toll).sum(),
        tag: "ucdp-ged",
    }
}

/// Features and their summed toll, of a GeoPackage's first layer.
fn geopackage_totals(path: &Path) -> Expected {
    let conn =
        rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    let table: String = conn
        .query_row(
            "SELECT table_name FROM gpkg_contents WHERE data_type = 'features'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let mut statement = conn.prepare(&format!("SELECT * FROM \"{table}\"")).unwrap();
    let names: Vec<String> = statement.column_names().map(|n| n.to_lowercase()).collect();
    let rows: Vec<std::collections::HashMap<String, String>> = statement
        .query_map([], |r| {
            Ok(names
                .iter()
                .enumerate()
                .map(|(n, name)| {
                    let text = match r.get_ref(n).unwrap() {
                        rusqlite::types::ValueRef::Text(t) => {
                            String::from_utf8_lossy(t).into_owned()
                        }
                        rusqlite::types::ValueRef::Integer(i) => i.to_string(),
                        _ => String::new(),
                    };
                    (name.clone(), text)
                })
                .collect())
        })
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    Expected {
        rows: rows.len(),
        cut_short: Vec::new(),
        killed: rows.iter().map(toll).sum(),
        tag: "ucdp-ged",
    }
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

/// The dates a file's rows give, read by the test itself where the file's
/// name says how they are written (`mdy`, `serial`, `eu`): the import
/// must read them the same way.
fn dates_written(
    name: &str,
    rows: &[std::collections::HashMap<String, String>],
) -> Option<Vec<jiff::civil::Date>> {
    let read = |text: &str| -> jiff::civil::Date {
        let text = text.split(' ').next().unwrap();
        if name.contains("serial") {
            let days: i64 = text.parse().unwrap();
            return jiff::civil::date(1899, 12, 30)
                .checked_add(jiff::Span::new().days(days))
                .unwrap();
        }
        let parts: Vec<i16> = text
            .split(['/', '.', '-'])
            .map(|p| p.parse().unwrap())
            .collect();
        let (day, month) = if name.contains("mdy") || name.contains("gedexplorer") {
            (parts[1], parts[0])
        } else {
            (parts[0], parts[1])
        };
        jiff::civil::date(parts[2], month as i8, day as i8)
    };
    let column = ["event_date", "date_start"]
        .into_iter()
        .find(|c| rows.first().is_some_and(|r| r.contains_key(*c)))?;
    ["mdy", "serial", "-eu-", "gedexplorer"]
        .iter()
        .any(|k| name.contains(k))
        .then(|| {
            let mut dates: Vec<_> = rows.iter().map(|r| read(&r[column])).collect();
            dates.sort();
            dates
        })
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
        let tag = if name.starts_with("ucdp") {
            "ucdp-ged"
        } else {
            "acled"
        };
        let mut dates = None;
        let expected = match file.extension().and_then(|e| e.to_str()) {
            Some("geojson") => geojson_totals(file),
            Some("gpkg") => geopackage_totals(file),
            Some("json") => {
                let (rows, killed, tag) = json_totals(file);
                Expected {
                    rows,
                    cut_short: Vec::new(),
                    killed,
                    tag,
                }
            }
            Some("xlsx" | "xls") => {
                let (rows, killed, tag) = xlsx_totals(file);
                Expected {
                    rows,
                    cut_short: Vec::new(),
                    killed,
                    tag,
                }
            }
            _ => {
                let rows = csv_rows(file);
                dates = dates_written(&name, &rows);
                expected_of_rows(&rows, tag)
            }
        };
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("panj.db");
        let path = file.to_str().unwrap();
        let mut out = panj(&db, &["import", path, "--create-actors"]);
        if let Some(first) = expected.cut_short.first() {
            // A row cut short is refused, by its line and field, and the
            // rest import once the analyst says to skip it.
            assert!(!out.status.success(), "{name}: {}", said(&out));
            assert!(
                said(&out).contains(&format!("line {first}, column latitude")),
                "{name}: {}",
                said(&out)
            );
            out = panj(&db, &["import", path, "--create-actors", "--skip-bad-rows"]);
        }
        assert!(out.status.success(), "{name}: {}", said(&out));
        if name.contains("cp1252") {
            assert!(
                said(&out).contains("read as Windows-1252"),
                "{name}: {}",
                said(&out)
            );
        }
        assert!(
            said(&out).contains(&format!("{} rows read as", expected.rows)),
            "{name}: {}",
            said(&out)
        );
        // The preview sets the file's own total beside the records'.
        assert!(
            said(&out).contains(&format!("records read hold {} killed", expected.killed)),
            "{name}: {}",
            said(&out)
        );
        let store = Store::open(&db).unwrap();
        let records: Vec<_> = store
            .load_everything()
            .unwrap()
            .into_iter()
            .filter(|i| i.tags.iter().any(|t| t == expected.tag))
            .collect();
        assert_eq!(
            records.len(),
            expected.rows - expected.cut_short.len(),
            "{name}: records"
        );
        assert_eq!(
            records.iter().map(|i| i.killed()).sum::<u64>(),
            expected.killed,
            "{name}: fatalities"
        );
        if let Some(dates) = dates {
            let mut stored: Vec<_> = records.iter().map(|i| i.date.start).collect();
            stored.sort();
            assert_eq!(stored, dates, "{name}: dates");
        }
        drop(store);
        // And panj itself says the database adds up to the file.
        let check = panj(&db, &["check", "--source", path]);
        assert_eq!(
            check.status.success(),
            expected.cut_short.is_empty(),
            "{name}: {}",
            said(&check)
        );
        if expected.cut_short.is_empty() {
            assert!(
                said(&check).contains("they add up to the file"),
                "{name}: {}",
                said(&check)
            );
        }
        imported += 1;
    }
    assert!(
        imported == files.len() && imported >= 19,
        "{imported} of {} files imported",
        files.len()
    );
}
