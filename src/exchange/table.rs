//! Reading the files other tools export as a table of named text fields:
//! CSV (UTF-8 with or without a byte order mark, CRLF or LF, quoted fields
//! with newlines, columns found by header name in any order, unknown ones
//! kept; commas, or the semicolons and tabs that spreadsheets in other
//! locales write) and GeoJSON (a feature's properties are its fields, its
//! point the latitude and longitude), with errors that name the file, the
//! line or feature, and the column.
//!
//! Dates are read as data sets and spreadsheets write them; a date such
//! as 05/09/2020, which reads both day first and month first, is settled
//! by the file's other rows ([`Table::settle_day_order`]) or refused with
//! both readings, never guessed.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// What is wrong with one row (or the file), where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub file: PathBuf,
    /// 1-based line where the record starts (or feature number in a
    /// GeoJSON file); 0 for the file as a whole.
    pub line: u64,
    /// Whether `line` counts GeoJSON features rather than lines.
    pub is_feature: bool,
    /// The column at fault, when one is.
    pub column: Option<String>,
    pub reason: String,
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if self.line > 0 {
            let unit = if self.is_feature { "feature" } else { "line" };
            write!(f, ", {unit} {}", self.line)?;
        }
        if let Some(column) = &self.column {
            write!(f, ", column {column}")?;
        }
        write!(f, ": {}", self.reason)
    }
}

impl std::error::Error for RowError {}

/// One data row: its line and its fields by column name.
#[derive(Debug, Clone)]
pub struct TableRow<'a> {
    pub file: &'a Path,
    pub line: u64,
    pub is_feature: bool,
    columns: &'a HashMap<String, usize>,
    pub record: &'a csv::StringRecord,
    /// The row's bytes as the file holds them, without its line ending
    /// (empty for a GeoJSON feature).
    pub raw: &'a [u8],
    /// How the file writes dates such as 05/09/2020, as its rows show.
    pub day_order: DayOrder,
}

impl TableRow<'_> {
    /// The trimmed field of a column, `None` when the column is absent or
    /// the field empty.
    pub fn get(&self, column: &str) -> Option<&str> {
        let index = *self.columns.get(column)?;
        self.record
            .get(index)
            .map(str::trim)
            .filter(|v| !v.is_empty())
    }

    /// The field exactly as the file holds it (untrimmed), `None` when the
    /// column is absent or the field empty.
    pub fn get_raw(&self, column: &str) -> Option<&str> {
        let index = *self.columns.get(column)?;
        self.record.get(index).filter(|v| !v.is_empty())
    }

    /// The field, or an error naming the column.
    pub fn require(&self, column: &str) -> Result<&str, RowError> {
        self.get(column)
            .ok_or_else(|| self.error(column, "is empty or missing"))
    }

    /// The date (and time of day, when given) of a column, read as the
    /// file's rows say its dates are written.
    pub fn date_time(
        &self,
        column: &str,
    ) -> Result<(jiff::civil::Date, Option<jiff::civil::Time>), RowError> {
        parse_date_time_in(self.require(column)?, self.day_order)
            .map_err(|reason| self.error(column, reason))
    }

    /// An id for a row of a file without ids (`row-` and 16 hex digits
    /// of a hash of its named fields): the same row imported again, from
    /// any copy or cut of the file, is the same record. Columns without a
    /// name (R's row numbers) change with every cut and are left out.
    pub fn id_from_fields(&self, headers: &[String]) -> String {
        use sha2::Digest;
        let mut hash = sha2::Sha256::new();
        for (header, field) in headers.iter().zip(self.record.iter()) {
            if !header.is_empty() {
                hash.update(header.as_bytes());
                hash.update([0x1f]);
                hash.update(field.trim().as_bytes());
                hash.update([0x1e]);
            }
        }
        let digest = hash.finalize();
        let hex: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
        format!("row-{hex}")
    }

    pub fn error(&self, column: &str, reason: impl Into<String>) -> RowError {
        RowError {
            file: self.file.to_path_buf(),
            line: self.line,
            is_feature: self.is_feature,
            column: Some(column.to_string()),
            reason: reason.into(),
        }
    }

    /// The whole row as a JSON object of column to text, for provenance,
    /// in the file's column order. Written directly rather than through a
    /// `serde_json::Map`: it is done for every row of an import.
    pub fn to_json(&self, headers: &[String]) -> String {
        crate::model::source_row::to_json(
            headers.iter().map(String::as_str),
            self.record.iter(),
            self.record.as_slice().len() + 24 * headers.len(),
        )
    }
}

/// A CSV file read whole: its headers and records.
pub struct Table {
    pub file: PathBuf,
    pub headers: Vec<String>,
    columns: HashMap<String, usize>,
    /// Each row: its line, its fields, and where its bytes lie in `source`.
    records: Vec<(u64, csv::StringRecord, std::ops::Range<usize>)>,
    /// The file's bytes (CSV; empty for GeoJSON).
    source: Vec<u8>,
    /// Where the header row lies in `source`.
    header_span: std::ops::Range<usize>,
    /// Rows the CSV reader itself could not read (bad quoting, bad UTF-8).
    pub unreadable: Vec<RowError>,
    /// Whether the rows are GeoJSON features.
    pub is_geojson: bool,
    /// The encoding the file was read from when it was not UTF-8
    /// ("UTF-16", "Windows-1252"): its rows are kept as UTF-8 text.
    pub read_from: Option<&'static str>,
    /// The row of HXL hashtags under the header (`#date+year`, as the
    /// Humanitarian Data Exchange tags its copies) was left out.
    pub hxl_tags: bool,
    /// The byte between fields: `,`, or `;` or a tab as spreadsheets in
    /// other locales (and Excel's "Unicode text") write them.
    pub delimiter: u8,
    /// How the file writes dates such as 05/09/2020, as its rows show.
    pub day_order: DayOrder,
}

/// How a file writes a date of three numbers (05/09/2020, 5.9.2020).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DayOrder {
    /// Nothing in the file says: a date that reads both ways is refused.
    #[default]
    Unsettled,
    /// Day, month, year (09/05/2020 is 9 May), as most of the world.
    DayFirst,
    /// Month, day, year (05/09/2020 is 9 May), as the United States.
    MonthFirst,
}

impl DayOrder {
    pub fn label(self) -> &'static str {
        match self {
            DayOrder::Unsettled => "unsettled",
            DayOrder::DayFirst => "day first",
            DayOrder::MonthFirst => "month first",
        }
    }
}

/// The byte that separates the fields of a CSV file, from its header
/// line: the one of `,` `;` tab `|` found most often outside quotes (a
/// comma when none is).
pub fn sniff_delimiter(bytes: &[u8]) -> u8 {
    let line = bytes
        .iter()
        .position(|&b| b == b'\n' || b == b'\r')
        .map_or(bytes, |end| &bytes[..end]);
    let mut counts = [0usize; 4];
    let candidates = [b',', b';', b'\t', b'|'];
    let mut quoted = false;
    for &b in line {
        if b == b'"' {
            quoted = !quoted;
        } else if !quoted && let Some(n) = candidates.iter().position(|&c| c == b) {
            counts[n] += 1;
        }
    }
    let (best, count) = counts
        .iter()
        .enumerate()
        .max_by_key(|&(n, &count)| (count, std::cmp::Reverse(n)))
        .unwrap_or((0, &0));
    if *count == 0 { b',' } else { candidates[best] }
}

/// A file's bytes as UTF-8, and the encoding they were read from when
/// they were not: UTF-16 with its byte order mark (Excel's "Unicode
/// text"), else Windows-1252 (Excel's "CSV" on Windows, and Latin-1,
/// which it contains) when the bytes are not UTF-8.
fn as_utf8(source: Vec<u8>) -> (Vec<u8>, Option<&'static str>) {
    let utf16 = if source.starts_with(b"\xFF\xFE") {
        Some(encoding_rs::UTF_16LE)
    } else if source.starts_with(b"\xFE\xFF") {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    };
    if let Some(encoding) = utf16 {
        let (text, _) = encoding.decode_without_bom_handling(&source[2..]);
        return (text.into_owned().into_bytes(), Some("UTF-16"));
    }
    if std::str::from_utf8(&source).is_ok() || source.contains(&0) {
        return (source, None);
    }
    let (text, _, _) = encoding_rs::WINDOWS_1252.decode(&source);
    (text.into_owned().into_bytes(), Some("Windows-1252"))
}

impl Table {
    /// Reads `bytes` (the content of `file`) as CSV with a header row.
    /// The table keeps them, for each row's bytes as the file holds them:
    /// given a `Vec`, without a copy.
    pub fn parse(file: &Path, bytes: impl Into<Vec<u8>>) -> Result<Table, RowError> {
        let whole = |reason: String| whole_file_error(file, reason);
        let (source, read_from) = as_utf8(bytes.into());
        // Spans into `source` start after a byte order mark.
        let bom = if source.starts_with(b"\xEF\xBB\xBF") {
            3
        } else {
            0
        };
        let bytes = &source[bom..];
        let start = &bytes[..bytes.len().min(512)];
        let lower = String::from_utf8_lossy(start).to_ascii_lowercase();
        if lower.trim_start().starts_with('<')
            && (lower.contains("<html") || lower.contains("<!doctype"))
        {
            return Err(whole(
                "is a web page (HTML), not CSV: the download probably failed or needed a login; export the data again".into(),
            ));
        }
        if bytes.contains(&0) {
            return Err(whole("is not a text file (it holds NUL bytes)".into()));
        }
        let delimiter = sniff_delimiter(bytes);
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(bytes);
        let headers: Vec<String> = reader
            .headers()
            .map_err(|e| whole(format!("cannot read the header row: {e}")))?
            .iter()
            .map(|h| h.trim().to_ascii_lowercase())
            .collect();
        if headers.iter().all(String::is_empty) {
            return Err(whole("is empty: no header row".into()));
        }
        for (n, header) in headers.iter().enumerate() {
            if header.is_empty() {
                continue;
            }
            if let Some(again) = headers[n + 1..].iter().position(|h| h == header) {
                return Err(whole(format!(
                    "column {header} appears twice in the header row (columns {} and {}); panj would not know which to take",
                    n + 1,
                    n + 2 + again
                )));
            }
        }
        let columns = headers
            .iter()
            .enumerate()
            .map(|(n, h)| (h.clone(), n))
            .collect();
        let mut records = Vec::new();
        let mut unreadable = Vec::new();
        let mut hxl_tags = false;
        // The reader's own line count skips newlines inside quotes; the
        // line an editor shows is worked out from the byte offset, which
        // points at the end of the record before (blank lines skipped).
        let mut counted_to = 0usize;
        let mut newlines = 0u64;
        let mut line_at = |byte: u64| -> u64 {
            let mut byte = (byte as usize).min(bytes.len());
            while byte < bytes.len() && matches!(bytes[byte], b'\r' | b'\n') {
                byte += 1;
            }
            if byte >= counted_to {
                // A line ends at LF, CRLF, or a lone CR (old Mac files).
                newlines += bytes[counted_to..byte]
                    .iter()
                    .enumerate()
                    .filter(|&(n, &b)| {
                        b == b'\n' || (b == b'\r' && bytes.get(counted_to + n + 1) != Some(&b'\n'))
                    })
                    .count() as u64;
                counted_to = byte;
            }
            newlines + 1
        };
        // The header row's bytes, its line ending left out.
        let header_end = without_line_ending(bytes, 0, reader.position().byte() as usize);
        loop {
            let mut record = csv::StringRecord::new();
            match reader.read_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {
                    let mut start = record.position().map_or(0, |p| p.byte()) as usize;
                    let line = line_at(start as u64);
                    // The reader's offset can point at the end of the line
                    // before (the LF of a CRLF, or blank lines).
                    while start < bytes.len() && matches!(bytes[start], b'\r' | b'\n') {
                        start += 1;
                    }
                    if record.iter().all(|f| f.trim().is_empty()) {
                        continue;
                    }
                    if records.is_empty()
                        && !hxl_tags
                        && record.iter().any(|f| f.trim().starts_with('#'))
                        && record
                            .iter()
                            .all(|f| f.trim().is_empty() || f.trim().starts_with('#'))
                    {
                        hxl_tags = true;
                        continue;
                    }
                    let end = without_line_ending(bytes, start, reader.position().byte() as usize);
                    records.push((line, record, bom + start..bom + end));
                }
                Err(e) => {
                    let line = e.position().map_or(0, |p| line_at(p.byte()));
                    let (column, reason) = match e.kind() {
                        csv::ErrorKind::Utf8 { err, .. } => (
                            headers.get(err.field()).cloned(),
                            "is not UTF-8 text (the file was probably saved as Latin-1 or Windows-1252); save it as UTF-8 (CSV UTF-8 in Excel) and import again".to_string(),
                        ),
                        _ => (None, format!("cannot be read as CSV: {e}")),
                    };
                    unreadable.push(RowError {
                        file: file.to_path_buf(),
                        line,
                        is_feature: false,
                        column,
                        reason,
                    });
                }
            }
        }
        Ok(Table {
            file: file.to_path_buf(),
            headers,
            columns,
            records,
            source,
            header_span: bom..bom + header_end,
            unreadable,
            is_geojson: false,
            read_from,
            hxl_tags,
            delimiter,
            day_order: DayOrder::Unsettled,
        })
    }

    /// Reads `bytes` (the content of `file`) as a GeoJSON FeatureCollection:
    /// each feature is a row, its properties the fields (numbers written
    /// as text, arrays and objects as JSON, lower-cased names), its id the
    /// `id` column unless a property names one, and a Point geometry the
    /// `longitude` and `latitude` columns.
    pub fn from_geojson(file: &Path, bytes: &[u8]) -> Result<Table, RowError> {
        use serde_json::Value;
        let whole = |reason: String| whole_file_error(file, reason);
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let root: Value =
            serde_json::from_slice(bytes).map_err(|e| whole(format!("is not GeoJSON: {e}")))?;
        // Records as data sets' web APIs give them, saved to disk: a bare
        // array of objects, ACLED's {"data": [...]} or UCDP's
        // {"Result": [...]}; each is read as a feature without geometry.
        let records = match &root {
            Value::Array(items) => Some(items),
            Value::Object(object) => ["data", "Result"]
                .iter()
                .find_map(|key| object.get(*key).and_then(Value::as_array)),
            _ => None,
        };
        let as_features: Vec<Value>;
        let features = match (
            root.get("type").and_then(Value::as_str),
            root.get("features"),
            records,
        ) {
            (Some("FeatureCollection"), Some(Value::Array(features)), _) => features,
            (_, _, Some(items)) if items.iter().all(Value::is_object) => {
                as_features = items
                    .iter()
                    .map(|item| {
                        serde_json::json!({"type": "Feature", "geometry": null, "properties": item})
                    })
                    .collect();
                &as_features
            }
            _ => {
                return Err(whole(
                    "is not a GeoJSON FeatureCollection (no \"features\" array) nor a data \
                     set's records (a JSON array of objects, or one under \"data\" or \"Result\")"
                        .into(),
                ));
            }
        };
        let text_of = |value: &Value| match value {
            Value::Null => String::new(),
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        let mut headers: Vec<String> = Vec::new();
        let mut columns: HashMap<String, usize> = HashMap::new();
        let mut rows: Vec<(u64, Vec<(usize, String)>)> = Vec::new();
        let mut unreadable = Vec::new();
        let mut column = |name: &str, headers: &mut Vec<String>| -> usize {
            let name = name.trim().to_ascii_lowercase();
            *columns.entry(name.clone()).or_insert_with(|| {
                headers.push(name);
                headers.len() - 1
            })
        };
        for (n, feature) in features.iter().enumerate() {
            let number = n as u64 + 1;
            let Some(properties) = feature
                .get("properties")
                .and_then(Value::as_object)
                .filter(|_| feature.get("type").and_then(Value::as_str) == Some("Feature"))
            else {
                unreadable.push(RowError {
                    file: file.to_path_buf(),
                    line: number,
                    is_feature: true,
                    column: None,
                    reason: "is not a Feature with properties".into(),
                });
                continue;
            };
            let mut fields = Vec::new();
            for (name, value) in properties {
                fields.push((column(name, &mut headers), text_of(value)));
            }
            let property_id = properties
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case("id"))
                .map(|(_, v)| v);
            let feature_id = feature.get("id").filter(|_| property_id.is_none());
            // An id is a text or a whole number; an object, or a number
            // past 2^63 (which JSON readers round), names no record.
            let usable = |id: &Value| match id {
                Value::String(_) | Value::Null => true,
                Value::Number(n) => n.is_i64() || n.is_u64(),
                _ => false,
            };
            if let Some(id) = property_id.or(feature_id)
                && !usable(id)
            {
                unreadable.push(RowError {
                    file: file.to_path_buf(),
                    line: number,
                    is_feature: true,
                    column: Some("id".into()),
                    reason: format!(
                        "{} is not an id (a text or a whole number below 2^63)",
                        crate::exchange::table::shorten(&id.to_string())
                    ),
                });
                continue;
            }
            if let Some(id) = feature_id {
                fields.push((column("id", &mut headers), text_of(id)));
            }
            match feature.get("geometry") {
                Some(Value::Object(geometry))
                    if geometry.get("type").and_then(Value::as_str) == Some("Point") =>
                {
                    if let Some(Value::Array(xy)) = geometry.get("coordinates")
                        && xy.len() >= 2
                    {
                        fields.push((column("longitude", &mut headers), text_of(&xy[0])));
                        fields.push((column("latitude", &mut headers), text_of(&xy[1])));
                    }
                }
                None | Some(Value::Null) => {}
                Some(_) => {
                    unreadable.push(RowError {
                        file: file.to_path_buf(),
                        line: number,
                        is_feature: true,
                        column: Some("geometry".into()),
                        reason: "is not a Point (panj records are points)".into(),
                    });
                    continue;
                }
            }
            rows.push((number, fields));
        }
        // Geometry wins over properties of the same name: it is what maps draw.
        let records = rows
            .into_iter()
            .map(|(number, fields)| {
                let mut values = vec![String::new(); headers.len()];
                for (index, text) in fields {
                    values[index] = text;
                }
                (number, csv::StringRecord::from(values), 0..0)
            })
            .collect();
        Ok(Table {
            file: file.to_path_buf(),
            columns: headers
                .iter()
                .enumerate()
                .map(|(n, h)| (h.clone(), n))
                .collect(),
            headers,
            records,
            source: Vec::new(),
            header_span: 0..0,
            unreadable,
            is_geojson: true,
            read_from: None,
            hxl_tags: false,
            delimiter: b',',
            day_order: DayOrder::Unsettled,
        })
    }

    /// Reads the columns under other names (the same number, in order):
    /// a shapefile's cut names written out in full.
    pub fn rename_columns(&mut self, headers: Vec<String>) {
        if headers.len() != self.headers.len() {
            return;
        }
        self.columns = headers
            .iter()
            .enumerate()
            .map(|(n, h)| (h.clone(), n))
            .collect();
        self.headers = headers;
    }

    pub fn has_column(&self, column: &str) -> bool {
        self.columns.contains_key(column)
    }

    pub fn rows(&self) -> impl Iterator<Item = TableRow<'_>> {
        self.records.iter().map(|(line, record, span)| TableRow {
            file: &self.file,
            line: *line,
            is_feature: self.is_geojson,
            columns: &self.columns,
            record,
            raw: self.source.get(span.clone()).unwrap_or_default(),
            day_order: self.day_order,
        })
    }

    /// Settles how the file writes dates of three numbers from the rows of
    /// the date `columns`: a row whose first number is above 12 shows day
    /// first, one whose second is shows month first. When the rows show
    /// one order and none the other, every row is read so; returns the
    /// order and how many rows showed it. Rows showing both orders leave
    /// it unsettled (each such date then reads only as itself).
    pub fn settle_day_order(&mut self, columns: &[&str]) -> (DayOrder, usize) {
        let indexes: Vec<usize> = columns
            .iter()
            .filter_map(|c| self.columns.get(*c).copied())
            .collect();
        let (mut day_first, mut month_first) = (0, 0);
        for (_, record, _) in &self.records {
            for &index in &indexes {
                match record.get(index).and_then(three_numbers) {
                    Some((a, b, _, _)) if a > 12 && b <= 12 => day_first += 1,
                    Some((a, b, _, _)) if b > 12 && a <= 12 => month_first += 1,
                    _ => {}
                }
            }
        }
        self.day_order = match (day_first, month_first) {
            (0, 0) => DayOrder::Unsettled,
            (n, 0) if n > 0 => DayOrder::DayFirst,
            (0, _) => DayOrder::MonthFirst,
            _ => DayOrder::Unsettled,
        };
        (self.day_order, day_first.max(month_first))
    }

    /// The header row's bytes as the file holds them (empty for GeoJSON).
    pub fn raw_header(&self) -> &[u8] {
        self.source
            .get(self.header_span.clone())
            .unwrap_or_default()
    }

    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }
}

/// The end of the row that starts at `start` and whose bytes, its line
/// ending included, run to `end`: the ending (LF, CRLF or CR) left out.
fn without_line_ending(bytes: &[u8], start: usize, end: usize) -> usize {
    let mut end = end.min(bytes.len()).max(start);
    while end > start && matches!(bytes[end - 1], b'\n' | b'\r') {
        end -= 1;
    }
    end
}

fn whole_file_error(file: &Path, reason: String) -> RowError {
    RowError {
        file: file.to_path_buf(),
        line: 0,
        is_feature: false,
        column: None,
        reason,
    }
}

/// At most 40 characters of `text`, for quoting it in a message.
pub fn shorten(text: &str) -> String {
    if text.chars().count() <= 40 {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(39).collect::<String>())
    }
}

/// A date as [`parse_date`] reads it, and the time of day when the text
/// gives one other than midnight (`2025-11-26T10:00:00Z`,
/// `2025-11-26 10:00`): a time the source gave is kept, not dropped.
pub fn parse_date_time(
    text: &str,
) -> Result<(jiff::civil::Date, Option<jiff::civil::Time>), String> {
    parse_date_time_in(text, DayOrder::Unsettled)
}

/// As [`parse_date_time`], a date of three numbers read in `order`.
pub fn parse_date_time_in(
    text: &str,
    order: DayOrder,
) -> Result<(jiff::civil::Date, Option<jiff::civil::Time>), String> {
    let date = parse_date_in(text, order)?;
    let time = text
        .trim()
        .split_once([' ', 'T'])
        .map(|(_, rest)| rest.trim().trim_end_matches('Z'))
        .and_then(|rest| {
            let rest = rest.split(['+']).next().unwrap_or(rest);
            jiff::civil::Time::strptime("%H:%M:%S", rest)
                .or_else(|_| jiff::civil::Time::strptime("%H:%M", rest))
                .or_else(|_| rest.parse::<jiff::civil::Time>())
                .ok()
        })
        .filter(|t| *t != jiff::civil::Time::midnight());
    Ok((date, time))
}

/// Reads a date as data sets write them: 2025-05-16, 16-05-2025,
/// 16/05/2025, 16 May 2025, 16-May-2025, May 16, 2025. A date of three
/// numbers that reads both day first and month first is refused.
pub fn parse_date(text: &str) -> Result<jiff::civil::Date, String> {
    parse_date_in(text, DayOrder::Unsettled)
}

/// The day, month-or-day, year and separator of a date written as three numbers
/// (`05/09/2020`, `5.9.2020`, `16-05-2025`, `9/5/20`), the year as
/// written (two digits stay two); a time of day after it is left aside.
fn three_numbers(text: &str) -> Option<(u32, u32, i16, char)> {
    let day = text.trim().split([' ', 'T']).next()?;
    let separator = day.chars().find(|c| matches!(c, '/' | '.' | '-'))?;
    let mut parts = day.split(separator);
    let (a, b, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some()
        || !(1..=2).contains(&a.len())
        || !(1..=2).contains(&b.len())
        || !(y.len() == 2 || y.len() == 4)
    {
        return None;
    }
    Some((a.parse().ok()?, b.parse().ok()?, y.parse().ok()?, separator))
}

/// The date an Excel serial day number stands for (days since
/// 1899-12-30, as Excel counts), for numbers of five digits: 1927 to 2173,
/// where no other reading of such a number is a date.
fn excel_serial(text: &str) -> Option<jiff::civil::Date> {
    let whole = text.trim().split('.').next()?;
    if whole.len() != 5 || !whole.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let days: i64 = whole.parse().ok()?;
    jiff::civil::date(1899, 12, 30)
        .checked_add(jiff::Span::new().days(days))
        .ok()
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn spelled(day: u32, month: u32, year: i16) -> String {
    let name = MONTHS.get(month as usize - 1).copied().unwrap_or("?");
    format!("{day} {name} {year}")
}

/// As [`parse_date`], a date of three numbers read in `order`.
pub fn parse_date_in(text: &str, order: DayOrder) -> Result<jiff::civil::Date, String> {
    let text = text.trim();
    if let Some((a, b, year, separator)) = three_numbers(text) {
        let as_date = |day: u32, month: u32| {
            jiff::civil::Date::new(year, month as i8, day as i8).map_err(|_| {
                format!(
                    "'{text}' is not a date (day {day}, month {month} of {year} does not exist)"
                )
            })
        };
        return match (a > 12, b > 12) {
            (true, true) => Err(format!(
                "'{text}' is not a date (neither {a} nor {b} is a month)"
            )),
            (true, false) => as_date(a, b),
            (false, true) => as_date(b, a),
            (false, false) if a == b => as_date(a, b),
            (false, false) => match order {
                DayOrder::DayFirst => as_date(a, b),
                DayOrder::MonthFirst => as_date(b, a),
                // Dots and hyphens between the numbers are written day
                // first (16.05.2025, 16-05-2025); only the slash is both
                // the British and the American way.
                DayOrder::Unsettled if separator != '/' => as_date(a, b),
                DayOrder::Unsettled => Err(format!(
                    "'{text}' reads as {} (day first) or {} (month first), and no row of the \
                     file writes a day above 12 to say which",
                    spelled(a, b, year),
                    spelled(b, a, year)
                )),
            },
        };
    }
    if let Some(date) = excel_serial(text) {
        return Ok(date);
    }
    const FORMATS: [&str; 7] = [
        "%Y-%m-%d",
        "%d %B %Y",
        "%d %b %Y",
        "%d-%b-%Y",
        "%d-%B-%Y",
        "%B %d, %Y",
        "%Y/%m/%d",
    ];
    for format in FORMATS {
        if let Ok(date) = jiff::civil::Date::strptime(format, text) {
            return Ok(date);
        }
    }
    // Some exports add a time of day to every date.
    if let Some((day, _)) = text.split_once([' ', 'T']) {
        if day.len() == 10
            && let Ok(date) = day.parse::<jiff::civil::Date>()
        {
            return Ok(date);
        }
        if let Ok(date) = parse_date_in(day, order) {
            return Ok(date);
        }
    }
    Err(format!(
        "'{text}' is not a date (expected e.g. 2025-05-16, 16-05-2025 or 16 May 2025)"
    ))
}

/// Reads a coordinate column: a finite number within `limit`.
pub fn parse_degrees(row: &TableRow<'_>, column: &str, limit: f64) -> Result<f64, RowError> {
    let text = row.require(column)?;
    // A decimal comma (37,4917), as spreadsheets in most of Europe write.
    let decimal_point;
    let number = if text.contains(',') && !text.contains('.') {
        decimal_point = text.replacen(',', ".", 1);
        decimal_point.as_str()
    } else {
        text
    };
    let value: f64 = number
        .parse()
        .map_err(|_| row.error(column, format!("'{text}' is not a number")))?;
    if !value.is_finite() || value.abs() > limit {
        return Err(row.error(column, format!("{text} is outside -{limit}..{limit}")));
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_the_usual_spellings() {
        let d = jiff::civil::date(2025, 5, 16);
        for text in [
            "2025-05-16",
            "16-05-2025",
            "16/05/2025",
            "16 May 2025",
            "16 May 2025",
            "16-May-2025",
            "May 16, 2025",
            "2025-05-16 00:00:00",
        ] {
            assert_eq!(parse_date(text), Ok(d), "{text}");
        }
        assert!(parse_date("31-02-2025").unwrap_err().contains("not a date"));
        assert!(parse_date("yesterday").is_err());
        // ACLED's older files spell the month out between hyphens.
        assert_eq!(
            parse_date("30-January-2015"),
            Ok(jiff::civil::date(2015, 1, 30))
        );
    }

    #[test]
    fn bom_crlf_quoted_newlines_and_unknown_columns_read() {
        let text =
            "\u{feff}Event_ID_Cnty,notes,extra\r\nTJK1,\"two\r\nlines\",x\r\n\r\nTJK2,,y\r\n";
        let table = Table::parse(Path::new("a.csv"), text.as_bytes()).unwrap();
        assert_eq!(table.headers, ["event_id_cnty", "notes", "extra"]);
        let rows: Vec<_> = table.rows().collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].get("event_id_cnty"), Some("TJK1"));
        assert_eq!(rows[0].get("notes"), Some("two\r\nlines"));
        assert_eq!(rows[1].get("notes"), None);
        assert_eq!(rows[1].line, 5);
        assert!(rows[1].to_json(&table.headers).contains("\"extra\":\"y\""));
    }

    #[test]
    fn geojson_features_read_as_rows_with_their_point() {
        let text = r#"{"type":"FeatureCollection","features":[
            {"type":"Feature","id":7,"geometry":{"type":"Point","coordinates":[69.5,37.2]},
             "properties":{"Side_A":"IS","best":3,"tags":["a"],"x":null}},
            {"type":"Feature","geometry":{"type":"LineString","coordinates":[]},"properties":{}},
            {"type":"Feature","geometry":null,"properties":{"best":1}}]}"#;
        let table = Table::from_geojson(Path::new("g.geojson"), text.as_bytes()).unwrap();
        let rows: Vec<_> = table.rows().collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].get("side_a"), Some("IS"));
        assert_eq!(rows[0].get("best"), Some("3"));
        assert_eq!(rows[0].get("tags"), Some("[\"a\"]"));
        assert_eq!(rows[0].get("id"), Some("7"));
        assert_eq!(rows[0].get("longitude"), Some("69.5"));
        assert_eq!(rows[0].get("latitude"), Some("37.2"));
        assert_eq!(rows[1].line, 3);
        assert_eq!(rows[1].get("latitude"), None);
        assert_eq!(
            table.unreadable[0].to_string(),
            "g.geojson, feature 2, column geometry: is not a Point (panj records are points)"
        );
        let broken = Table::from_geojson(Path::new("b.geojson"), b"{\"type\": ")
            .err()
            .unwrap();
        assert!(
            broken.to_string().starts_with("b.geojson: is not GeoJSON"),
            "{broken}"
        );
    }

    #[test]
    fn utf16_and_windows_1252_files_are_read_and_binary_ones_refused() {
        let utf16 = Table::parse(
            Path::new("w.csv"),
            b"\xFF\xFEi\0d\0,\0n\0\n\x001\0,\0\xE9\0\n\0".to_vec(),
        )
        .unwrap();
        assert_eq!(utf16.read_from, Some("UTF-16"));
        assert_eq!(utf16.headers, ["id", "n"]);
        assert_eq!(utf16.rows().next().unwrap().get("n"), Some("é"));
        let latin = Table::parse(
            Path::new("l.csv"),
            b"id,place\n1,Qal\xE2-i Khumb\n".to_vec(),
        )
        .unwrap();
        assert_eq!(latin.read_from, Some("Windows-1252"));
        assert_eq!(
            latin.rows().next().unwrap().get("place"),
            Some("Qalâ-i Khumb")
        );
        let hxl = Table::parse(
            Path::new("h.csv"),
            b"id,year,best\n,#date+year,#affected+killed\n7,2013,3\n".to_vec(),
        )
        .unwrap();
        assert!(hxl.hxl_tags);
        assert_eq!(hxl.rows().count(), 1);
        let binary = Table::parse(Path::new("b.csv"), b"PK\x03\x04\0\0")
            .err()
            .unwrap();
        assert!(binary.reason.contains("not a text file"));
    }

    #[test]
    fn a_time_of_day_the_source_gives_is_kept() {
        let day = jiff::civil::date(2025, 11, 26);
        let ten = jiff::civil::time(10, 0, 0, 0);
        assert_eq!(
            parse_date_time("2025-11-26T10:00:00Z"),
            Ok((day, Some(ten)))
        );
        assert_eq!(parse_date_time("2025-11-26 10:00"), Ok((day, Some(ten))));
        assert_eq!(parse_date_time("2025-11-26 00:00:00.000"), Ok((day, None)));
        assert_eq!(parse_date_time("26 November 2025"), Ok((day, None)));
    }

    #[test]
    fn lines_are_counted_in_cr_only_files_and_repeated_columns_refused() {
        let text = "event_id_cnty,notes\rA,x\rB,\"two\rlines\"\rC,y\r";
        let table = Table::parse(Path::new("mac.csv"), text.as_bytes()).unwrap();
        let lines: Vec<u64> = table.rows().map(|r| r.line).collect();
        assert_eq!(lines, [2, 3, 5]);
        let twice = Table::parse(Path::new("t.csv"), b"id,Notes,notes\n1,a,b\n")
            .err()
            .unwrap();
        assert!(
            twice.to_string().contains("column notes appears twice"),
            "{twice}"
        );
    }

    #[test]
    fn a_date_of_three_numbers_reads_as_the_file_writes_it_or_is_refused() {
        let may_9 = jiff::civil::date(2020, 5, 9);
        assert_eq!(parse_date_in("09/05/2020", DayOrder::DayFirst), Ok(may_9));
        assert_eq!(parse_date_in("5/9/2020", DayOrder::MonthFirst), Ok(may_9));
        assert_eq!(parse_date_in("09.05.2020", DayOrder::DayFirst), Ok(may_9));
        // A day above 12 says the order whatever the file's.
        assert_eq!(parse_date("5/23/2020"), Ok(jiff::civil::date(2020, 5, 23)));
        assert_eq!(parse_date("23.05.2020"), Ok(jiff::civil::date(2020, 5, 23)));
        let both = parse_date("05/09/2020").unwrap_err();
        assert!(
            both.contains("5 September 2020 (day first)")
                && both.contains("9 May 2020 (month first)"),
            "{both}"
        );
        // UCDP's GED Explorer: month first with a time of day.
        assert_eq!(
            parse_date_time_in("03/27/1990 00:00:00", DayOrder::Unsettled),
            Ok((jiff::civil::date(1990, 3, 27), None))
        );
        // Excel's serial day numbers.
        assert_eq!(parse_date("43960"), Ok(may_9));
        assert_eq!(parse_date("2020-05-09T00:00:00"), Ok(may_9));
    }

    #[test]
    fn a_file_settles_its_day_order_and_its_separator_from_its_rows() {
        let text = "id;event_date;latitude\r\n1;05/09/2020;37,5\r\n2;23/05/2020;37,6\r\n";
        let mut table = Table::parse(Path::new("eu.csv"), text.as_bytes()).unwrap();
        assert_eq!(table.delimiter, b';');
        assert_eq!(table.headers, ["id", "event_date", "latitude"]);
        assert_eq!(
            table.settle_day_order(&["event_date"]),
            (DayOrder::DayFirst, 1)
        );
        let rows: Vec<_> = table.rows().collect();
        assert_eq!(
            rows[0].date_time("event_date").unwrap().0,
            jiff::civil::date(2020, 9, 5)
        );
        assert_eq!(parse_degrees(&rows[0], "latitude", 90.0), Ok(37.5));
        // Rows that show both orders settle nothing.
        let mixed = "id,event_date\n1,13/05/2020\n2,05/13/2020\n";
        let mut table = Table::parse(Path::new("m.csv"), mixed.as_bytes()).unwrap();
        assert_eq!(
            table.settle_day_order(&["event_date"]).0,
            DayOrder::Unsettled
        );
        assert_eq!(sniff_delimiter(b"a\tb\tc\n"), b'\t');
        assert_eq!(sniff_delimiter(b"\"a;b\",c\n"), b',');
    }
}
