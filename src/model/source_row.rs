//! An imported record's row as its file held it (CSV), and its reading
//! column by column: the record's provenance.
//!
//! The store keeps the row's bytes once, with the import's header row and
//! column names once per import, and makes the column-by-column reading
//! (a JSON object of column to text, in the file's order) from them when
//! the record is read.

/// The fields of one CSV row (its bytes as the file held them), read the
/// way an import reads the file; `None` if they are not one readable row.
pub fn fields(row: &[u8]) -> Option<csv::StringRecord> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(row);
    let mut record = csv::StringRecord::new();
    match reader.read_record(&mut record) {
        Ok(true) => Some(record),
        _ => None,
    }
}

/// The row as a JSON object of column to text, in the file's order.
/// Written directly rather than through a `serde_json::Map`: an import
/// and a load do it for every row.
pub fn to_json<'a>(
    columns: impl IntoIterator<Item = &'a str>,
    fields: impl IntoIterator<Item = &'a str>,
    size_hint: usize,
) -> String {
    let mut json = Vec::with_capacity(size_hint);
    json.push(b'{');
    for (n, (column, value)) in columns.into_iter().zip(fields).enumerate() {
        if n > 0 {
            json.push(b',');
        }
        // Writing a string into a Vec cannot fail.
        let _ = serde_json::to_writer(&mut json, column);
        json.push(b':');
        let _ = serde_json::to_writer(&mut json, value);
    }
    json.push(b'}');
    String::from_utf8(json).unwrap_or_default()
}

/// The provenance of a row kept as bytes, under the import's `columns`.
pub fn provenance(columns: &[String], row: &[u8]) -> Option<String> {
    let record = fields(row)?;
    Some(to_json(
        columns.iter().map(String::as_str),
        record.iter(),
        row.len() + 24 * columns.len(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_reads_back_as_the_import_read_it() {
        let columns = ["id".to_string(), "notes".to_string(), "deaths".to_string()];
        let row = "7,\"Clash, \"\"heavy\"\"\nnear Panj\",3".as_bytes();
        assert_eq!(
            provenance(&columns, row).unwrap(),
            r#"{"id":"7","notes":"Clash, \"heavy\"\nnear Panj","deaths":"3"}"#
        );
        // A short row gives what it has; an empty one is no row.
        assert_eq!(provenance(&columns, b"8").unwrap(), r#"{"id":"8"}"#);
        assert_eq!(provenance(&columns, b""), None);
    }
}
