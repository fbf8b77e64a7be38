//! An imported record's row as its file held it (CSV), and its reading
//! column by column: the record's provenance.
//!
//! The store keeps the row's bytes once, with the import's header row and
//! column names once per import, and makes the column-by-column reading
//! (a JSON object of column to text, in the file's order) from them when
//! the record is read.

/// One CSV row's fields, unquoted: `text` holds them end to end and
/// `ends` where each ends.
#[derive(Debug, Default)]
pub struct Fields {
    text: Vec<u8>,
    ends: Vec<usize>,
}

impl Fields {
    /// Each field; a field that is not UTF-8 (which an import never
    /// stores) reads as empty.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(self.ends.iter().copied())
            .map(|(start, end)| std::str::from_utf8(&self.text[start..end]).unwrap_or(""))
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }
}

/// The fields of one CSV row (its bytes as the file held them), read the
/// way an import reads the file (the csv crate's defaults: commas, double
/// quotes, quotes doubled inside them); `None` for no row at all. This runs
/// for every imported record a load reads, so it parses with `csv-core`
/// into two buffers instead of building a reader per row.
pub fn fields(row: &[u8]) -> Option<Fields> {
    fields_between(row, b',')
}

/// As [`fields`], for a file whose fields are separated by `delimiter`
/// (`;` or a tab, as spreadsheets in other locales write).
pub fn fields_between(row: &[u8], delimiter: u8) -> Option<Fields> {
    if row.is_empty() {
        return None;
    }
    if delimiter != b',' {
        let mut reader = csv_core::ReaderBuilder::new().delimiter(delimiter).build();
        return read_fields(&mut reader, row);
    }
    thread_local! {
        // Building a reader (its state machine) costs far more than
        // reading a row with it.
        static READER: std::cell::RefCell<csv_core::Reader> =
            std::cell::RefCell::new(csv_core::Reader::new());
    }
    READER.with(|reader| {
        let mut reader = reader.borrow_mut();
        reader.reset();
        read_fields(&mut reader, row)
    })
}

fn read_fields(reader: &mut csv_core::Reader, row: &[u8]) -> Option<Fields> {
    // Unquoting never lengthens a field, so the row's length is enough.
    let mut fields = Fields {
        text: vec![0; row.len()],
        ends: vec![0; 32],
    };
    let (mut read, mut written, mut ended) = (0, 0, 0);
    loop {
        let (result, nin, nout, nend) = reader.read_record(
            &row[read..],
            &mut fields.text[written..],
            &mut fields.ends[ended..],
        );
        read += nin;
        written += nout;
        ended += nend;
        match result {
            csv_core::ReadRecordResult::OutputEndsFull => {
                fields.ends.resize(fields.ends.len() * 2, 0);
            }
            csv_core::ReadRecordResult::OutputFull => {
                fields.text.resize(fields.text.len() * 2 + 1, 0);
            }
            // The whole row is in: an empty input ends the record.
            csv_core::ReadRecordResult::InputEmpty => {}
            csv_core::ReadRecordResult::Record | csv_core::ReadRecordResult::End => break,
        }
    }
    fields.text.truncate(written);
    fields.ends.truncate(ended);
    (!fields.ends.is_empty()).then_some(fields)
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

/// The byte between the fields of an import's rows: the one that splits
/// its header row (as the file held it) into its `columns` (a comma when
/// no header was kept).
pub fn delimiter_of(header: Option<&[u8]>, columns: usize) -> u8 {
    let Some(header) = header else {
        return b',';
    };
    [b',', b';', b'\t', b'|']
        .into_iter()
        .find(|&d| fields_between(header, d).is_some_and(|f| f.len() == columns))
        .unwrap_or(b',')
}

/// The provenance of a row kept as bytes, under the import's `columns`.
pub fn provenance(columns: &[String], row: &[u8]) -> Option<String> {
    provenance_between(columns, row, b',')
}

/// As [`provenance`], for rows whose fields `delimiter` separates.
pub fn provenance_between(columns: &[String], row: &[u8], delimiter: u8) -> Option<String> {
    let fields = fields_between(row, delimiter)?;
    Some(to_json(
        columns.iter().map(String::as_str),
        fields.iter(),
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
        // Empty fields, and more fields than the first guess holds.
        let many: Vec<String> = (0..40).map(|n| format!("c{n}")).collect();
        let row = vec!["x"; 40].join(",");
        let read = fields(row.as_bytes()).unwrap();
        assert_eq!(read.len(), 40);
        assert!(read.iter().all(|f| f == "x"));
        assert!(
            provenance(&many, row.as_bytes())
                .unwrap()
                .ends_with(r#""c39":"x"}"#)
        );
        assert_eq!(
            fields(b",,").unwrap().iter().collect::<Vec<_>>(),
            ["", "", ""]
        );
    }

    /// The csv crate's reader, which an import reads files with, and this
    /// one agree on any row it reads as one record.
    #[test]
    fn rows_read_the_same_as_the_import_reads_them() {
        let rows = [
            "a,b,c",
            "\"quoted, with comma\",plain,\"doubled \"\"quote\"\"\"",
            "\"two\r\nlines\",,last",
            "   spaces   ,\t,Кӯлоб فیض آباد",
            "\"\",\"\"\"\"",
        ];
        for row in rows {
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(row.as_bytes());
            let mut record = csv::StringRecord::new();
            assert!(reader.read_record(&mut record).unwrap());
            let ours: Vec<String> = fields(row.as_bytes())
                .unwrap()
                .iter()
                .map(str::to_string)
                .collect();
            let theirs: Vec<String> = record.iter().map(str::to_string).collect();
            assert_eq!(ours, theirs, "{row}");
        }
    }
}
