//! Spreadsheets (.xlsx, .xls, .xlsb, .ods) as data sets ship them (ACLED's
//! regional files) or as analysts save them: the sheet that holds the
//! events, read through calamine into the CSV every other importer reads,
//! with dates Excel keeps as numbers written as dates.

use std::io::Cursor;

/// Whether `bytes` are a spreadsheet's: a ZIP (xlsx, xlsb, ods) or an OLE
/// compound file (xls).
pub fn is_spreadsheet(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"\xD0\xCF\x11\xE0")
}

/// A cell as CSV text: a date Excel keeps as a number written as a date
/// (with its time of day when it has one), a whole number without ".0".
fn text_of(cell: &calamine::Data) -> String {
    use calamine::Data;
    match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(n) => n.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(when) => {
            let (y, m, d, hh, mm, ss, _) = when.to_ymd_hms_milli();
            if (hh, mm, ss) == (0, 0, 0) {
                format!("{y:04}-{m:02}-{d:02}")
            } else {
                format!("{y:04}-{m:02}-{d:02} {hh:02}:{mm:02}:{ss:02}")
            }
        }
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// The workbook's sheet that holds the events (the first whose header row
/// names an event's date and place), as CSV bytes, with its name.
pub fn to_csv(bytes: &[u8]) -> Result<(String, Vec<u8>), String> {
    use calamine::Reader;
    let mut workbook = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| format!("is not a spreadsheet panj can read ({e})"))?;
    let names = workbook.sheet_names();
    let mut first = None;
    for name in &names {
        let Ok(range) = workbook.worksheet_range(name) else {
            continue;
        };
        let rows: Vec<Vec<String>> = range
            .rows()
            .map(|row| row.iter().map(text_of).collect())
            .collect();
        let header: Vec<String> = rows
            .first()
            .map(|h| h.iter().map(|c| c.trim().to_ascii_lowercase()).collect())
            .unwrap_or_default();
        let has = |column: &str| header.iter().any(|h| h == column);
        let events = (has("event_date") || has("date_start"))
            && (has("latitude") || has("longitude") || has("location") || has("where_coordinates"));
        if events || first.is_none() {
            let mut writer = csv::Writer::from_writer(Vec::new());
            for row in &rows {
                writer
                    .write_record(row)
                    .map_err(|e| format!("sheet '{name}' cannot be written as CSV: {e}"))?;
            }
            let csv = writer
                .into_inner()
                .map_err(|e| format!("sheet '{name}' cannot be written as CSV: {e}"))?;
            if events {
                return Ok((name.clone(), csv));
            }
            first = Some((name.clone(), csv));
        }
    }
    first.ok_or_else(|| "holds no sheet with rows".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dates_number_is_written_as_a_date_and_whole_numbers_without_a_point() {
        use calamine::{Data, ExcelDateTime, ExcelDateTimeType};
        let day = Data::DateTime(ExcelDateTime::new(
            45583.0,
            ExcelDateTimeType::DateTime,
            false,
        ));
        assert_eq!(text_of(&day), "2024-10-18");
        assert_eq!(text_of(&Data::Float(3.0)), "3");
        assert_eq!(text_of(&Data::Float(37.25)), "37.25");
        assert!(!is_spreadsheet(b"event_id_cnty,event_date"));
        assert!(is_spreadsheet(b"PK\x03\x04rest"));
    }
}
