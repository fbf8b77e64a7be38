//! Importing a data set: read the file, map each row (or say why it
//! cannot be), preview what will happen (inserts, updates of records
//! imported before, rows skipped, actors not known yet), then write it all
//! in one transaction — a failure or a kill leaves the database as it was.

use super::table::{RowError, Table};
use super::{acled, own, ucdp};
use crate::filter::ActorDirectory;
use crate::model::{Actor, ActorKind, Claim, Incident, Source};
use crate::store::{Store, StoreError};
use std::collections::BTreeMap;
use std::path::Path;
use uuid::Uuid;

/// The formats `panj import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// ACLED export CSV (current or older layout).
    Acled,
    /// UCDP Georeferenced Event Dataset, CSV or GeoJSON.
    Ucdp,
    /// panj's own CSV or GeoJSON export.
    Panj,
}

impl Format {
    /// The column that holds a row's id in the data set.
    pub fn id_column(self) -> &'static str {
        match self {
            Format::Acled => "event_id_cnty",
            Format::Ucdp | Format::Panj => "id",
        }
    }

    /// The columns that carry a row's date and its death count.
    fn date_column(self) -> &'static str {
        match self {
            Format::Acled => "event_date",
            Format::Ucdp | Format::Panj => "date_start",
        }
    }

    fn deaths_column(self) -> &'static str {
        match self {
            Format::Acled => "fatalities",
            Format::Ucdp => "best",
            Format::Panj => "casualties",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Format::Acled => "ACLED CSV",
            Format::Ucdp => "UCDP GED",
            Format::Panj => "panj export",
        }
    }

    /// The format a table's header row shows.
    pub fn detect(table: &Table) -> Option<Format> {
        if own::is_own(&table.headers) {
            Some(Format::Panj)
        } else if acled::is_acled(&table.headers) {
            Some(Format::Acled)
        } else if ucdp::is_ucdp(&table.headers) {
            Some(Format::Ucdp)
        } else {
            None
        }
    }
}

/// One row mapped onto the model. Its claims name their actors by
/// `claim_actors` (the name in the file and the kind it suggests); their
/// `actor_id`s are filled in when the import is written (a claim that
/// already carries an id the database knows keeps it).
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedRecord {
    pub line: u64,
    pub incident: Incident,
    pub claim_actors: Vec<(String, ActorKind)>,
    /// Sources the record cites, created when the database lacks them.
    pub sources: Vec<Source>,
    /// Whether the record's id is panj's own (a panj export): it is kept,
    /// and a stored record with that id is the one to update.
    pub keeps_id: bool,
    /// The CSV row as the file holds it, kept byte for byte as the
    /// record's provenance (with the import's header row and columns).
    pub source_row: Option<Vec<u8>>,
    /// What in the row disagrees with itself but is the data set's word,
    /// kept as published and said in the record's notes ("UCDP's best 3
    /// lies outside its low 0 .. high 0: kept as published").
    pub flags: Vec<String>,
}

impl ImportedRecord {
    /// The record's provenance column by column, as the store will read
    /// it back.
    pub fn provenance(&self, source: &ImportSource) -> Option<String> {
        match &self.source_row {
            Some(row) => crate::model::source_row::provenance_between(
                &source.columns,
                row,
                source.delimiter(),
            ),
            None => self.incident.provenance.clone(),
        }
    }
}

/// The file an import reads, as its import entry records it.
#[derive(Debug, Clone, Default)]
pub struct ImportSource {
    pub file_name: String,
    pub file_bytes: u64,
    pub sha256: String,
    /// The header row as the file holds it (CSV).
    pub header: Option<Vec<u8>>,
    /// The columns the rows are read under (a shapefile's cut names
    /// written out in full).
    pub columns: Vec<String>,
}

impl ImportSource {
    /// The byte between the fields of the file's rows, as the store will
    /// work it out from the header row when it reads them back.
    pub fn delimiter(&self) -> u8 {
        crate::model::source_row::delimiter_of(self.header.as_deref(), self.columns.len())
    }
}

/// The actor a claim names: the one with its id when the database has it,
/// else the one answering to its name.
fn claim_actor(actors: &ActorDirectory, claim: &Claim, name: &str) -> Option<Uuid> {
    actors
        .get(claim.actor_id)
        .or_else(|| actors.resolve(name))
        .map(|a| a.id)
}

/// What to do with a new row that may tell an incident already stored
/// from another source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DuplicateChoice {
    /// Import it with a note and the tag possible-duplicate naming the
    /// stored one.
    Link,
    /// Leave it out.
    Skip,
    /// Import it as it is: the analyst says it is another incident.
    ImportAnyway,
}

/// What the analyst chose for an import.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    pub format: Option<Format>,
    /// Import the good rows and report the bad ones (else refuse the file).
    pub skip_bad_rows: bool,
    /// Leave out rows outside the Tajik–Afghan border region.
    pub region_only: bool,
    /// Create actors the database does not know yet (else refuse).
    pub create_actors: bool,
    /// Leave out new rows that may be an incident stored from another
    /// source (else they are imported with a note and a tag linking them).
    pub skip_duplicates: bool,
    /// The analyst's choice for single possible duplicates, by line; the
    /// others follow `skip_duplicates`.
    pub duplicate_choices: BTreeMap<u64, DuplicateChoice>,
}

impl ImportOptions {
    /// The options in words, for the import entry: "format ACLED CSV,
    /// skip bad rows, line 12: skip".
    pub fn describe(&self) -> String {
        let mut said: Vec<String> = Vec::new();
        if let Some(format) = self.format {
            said.push(format!("format {}", format.label()));
        }
        for (on, what) in [
            (self.skip_bad_rows, "skip bad rows"),
            (self.region_only, "border region only"),
            (self.create_actors, "create actors"),
            (self.skip_duplicates, "skip possible duplicates"),
        ] {
            if on {
                said.push(what.into());
            }
        }
        for (line, choice) in &self.duplicate_choices {
            let choice = match choice {
                DuplicateChoice::Link => "link",
                DuplicateChoice::Skip => "skip",
                DuplicateChoice::ImportAnyway => "import",
            };
            said.push(format!("line {line}: {choice}"));
        }
        said.join(", ")
    }

    /// What happens to the possible duplicate on `line`.
    pub fn duplicate_choice(&self, line: u64) -> DuplicateChoice {
        self.duplicate_choices
            .get(&line)
            .copied()
            .unwrap_or(if self.skip_duplicates {
                DuplicateChoice::Skip
            } else {
                DuplicateChoice::Link
            })
    }
}

/// A new row that may tell an incident already stored from another source
/// (another data set, or typed in): within 10 km and 3 days of it.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportDuplicate {
    pub line: u64,
    pub title: String,
    pub other_id: Uuid,
    pub other_title: String,
    /// What the import does with it.
    pub choice: DuplicateChoice,
}

use crate::geo::REGION;

/// What an import would do, before anything is written.
#[derive(Debug, Clone, Default)]
pub struct ImportPreview {
    pub format: Option<Format>,
    pub rows: usize,
    pub records: Vec<ImportedRecord>,
    pub errors: Vec<RowError>,
    pub inserts: usize,
    pub updates: usize,
    /// Imported before and the same now: left as they are.
    pub unchanged: usize,
    pub outside_region: usize,
    /// Actor names in the file that no actor or alias answers to, with the
    /// kind the file suggests.
    pub unknown_actors: BTreeMap<String, ActorKind>,
    /// Ids a panj export gives those actors (by lower-case name), kept
    /// when they are created.
    pub unknown_actor_ids: BTreeMap<String, Uuid>,
    /// Sources the records cite that the database lacks.
    pub new_sources: BTreeMap<Uuid, Source>,
    /// What the analyst should know of how the file was read: columns
    /// found and missing, names read in full, what panj did instead.
    pub notes: Vec<super::ucdp::ColumnNote>,
    /// The file's own fatality figures.
    pub totals: Option<FileTotals>,
    /// New rows that may be incidents stored from another source: linked
    /// (noted and tagged) or, with `skip_duplicates`, left out.
    pub duplicates: Vec<ImportDuplicate>,
    pub skipped_duplicates: usize,
    /// The file, for the import entry.
    pub source: ImportSource,
    /// The data-set id and line of every row read, whatever the import
    /// will do with it: what [`check_source`] looks for in the database.
    pub read_ids: Vec<(u64, String)>,
}

/// A file's own fatality figures, summed from its column as it holds
/// them (ACLED `fatalities`; UCDP `best`, with `low` and `high`): what the
/// records read from it must add up to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileTotals {
    pub column: &'static str,
    pub sum: u64,
    pub low: Option<u64>,
    pub high: Option<u64>,
}

impl FileTotals {
    /// The totals of `table` read as `format`, where it has such a column.
    fn of(table: &Table, format: Format) -> Option<FileTotals> {
        let sum = |column: &str| -> Option<u64> {
            table.headers.iter().any(|h| h == column).then(|| {
                table
                    .rows()
                    .filter_map(|row| row.get(column)?.trim().parse::<u64>().ok())
                    .sum()
            })
        };
        match format {
            Format::Acled => Some(FileTotals {
                column: "fatalities",
                sum: sum("fatalities")?,
                low: None,
                high: None,
            }),
            // A cut without `best` has the deaths by side, which add up to it.
            Format::Ucdp if !table.has_column("best") => Some(FileTotals {
                column: "deaths_a + deaths_b + deaths_civilians + deaths_unknown",
                sum: ["deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown"]
                    .iter()
                    .filter_map(|c| sum(c))
                    .sum(),
                low: None,
                high: None,
            }),
            Format::Ucdp => Some(FileTotals {
                column: "best",
                sum: sum("best")?,
                low: sum("low"),
                high: sum("high"),
            }),
            _ => None,
        }
    }
}

impl std::fmt::Display for FileTotals {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} killed ({}", self.sum, self.column)?;
        if let (Some(low), Some(high)) = (self.low, self.high) {
            write!(f, "; low {low}, high {high}")?;
        }
        write!(f, ")")
    }
}

impl ImportPreview {
    /// People killed in the records read from the file, all together.
    pub fn killed_in_records(&self) -> u64 {
        self.records.iter().map(|r| r.incident.killed()).sum()
    }

    /// The file's totals beside the records': "the file says 1455 killed
    /// (best; low 1200, high 1800); its records read hold 1455".
    pub fn totals_line(&self) -> Option<String> {
        self.totals.as_ref().map(|t| {
            format!(
                "the file says {t}; the {} records read hold {} killed{}",
                self.records.len(),
                self.killed_in_records(),
                if self.killed_in_records() == t.sum {
                    ""
                } else {
                    " (rows with errors or left out make the difference)"
                }
            )
        })
    }

    /// Every row kept as published although its figures disagree, with
    /// its line: "line 71: UCDP's best 3 lies outside …".
    pub fn flagged(&self) -> Vec<String> {
        self.records
            .iter()
            .flat_map(|r| r.flags.iter().map(move |f| format!("line {}: {f}", r.line)))
            .collect()
    }

    /// What the import would do, in one sentence: "4 rows read as ACLED
    /// CSV: 4 to add, 0 to update (imported before), …".
    pub fn describe(&self) -> String {
        let mut sources = match self.new_sources.len() {
            0 => String::new(),
            1 => ", 1 new source (not graded yet)".to_string(),
            n => format!(", {n} new sources (not graded yet)"),
        };
        if !self.duplicates.is_empty() {
            let count = |choice| {
                self.duplicates
                    .iter()
                    .filter(|d| d.choice == choice)
                    .count()
            };
            let ways: Vec<String> = [
                (
                    DuplicateChoice::Link,
                    "linked: noted and tagged possible-duplicate",
                ),
                (DuplicateChoice::Skip, "left out"),
                (DuplicateChoice::ImportAnyway, "imported as they are"),
            ]
            .into_iter()
            .filter(|(choice, _)| count(*choice) > 0)
            .map(|(choice, what)| {
                if count(choice) == self.duplicates.len() {
                    what.to_string()
                } else {
                    format!("{} {what}", count(choice))
                }
            })
            .collect();
            sources.push_str(&format!(
                ", {} possibly stored already from another source ({})",
                self.duplicates.len(),
                ways.join(", ")
            ));
        }
        format!(
            "{} rows read as {}: {} to add, {} to update (imported before), {} unchanged, {} outside the region left out, {} with errors{sources}{}",
            self.rows,
            self.format.map_or("?", |f| f.label()),
            self.inserts,
            self.updates,
            self.unchanged,
            self.outside_region,
            self.errors.len(),
            match self.records.iter().filter(|r| !r.flags.is_empty()).count() {
                0 => String::new(),
                n => format!(", {n} whose figures disagree, kept as published"),
            }
        )
    }
}

/// Whether a file is named as a workbook (.xlsx, .xls, .xlsb, .ods).
fn is_workbook_name(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        ["xlsx", "xls", "xlsb", "ods"]
            .iter()
            .any(|w| e.eq_ignore_ascii_case(w))
    })
}

/// Whether a file is GeoJSON rather than CSV: by its name, else by its
/// first character.
fn looks_like_json(path: &Path, bytes: &[u8]) -> bool {
    let by_name = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("geojson") || e.eq_ignore_ascii_case("json"));
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    by_name || body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
}

/// The stored record an imported one is the same as: by panj id for a
/// panj export, else by the data set's id.
fn stored_for(
    record: &ImportedRecord,
    by_id: impl Fn(Uuid) -> Result<Option<Incident>, StoreError>,
    by_external_id: impl Fn(&str) -> Result<Option<Incident>, StoreError>,
) -> Result<Option<Incident>, StoreError> {
    if record.keeps_id
        && let Some(stored) = by_id(record.incident.id)?
    {
        return Ok(Some(stored));
    }
    match &record.incident.external_id {
        Some(id) => by_external_id(id),
        None => Ok(None),
    }
}

/// Why an import was not written.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{0}")]
    File(RowError),
    #[error(
        "{}: its columns match no format panj imports (ACLED CSV, UCDP GED CSV or GeoJSON, panj CSV or GeoJSON); choose one with --format",
        .0.display()
    )]
    UnknownFormat(std::path::PathBuf),
    #[error("cannot read {}: {source}", path.display())]
    Io {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    #[error(
        "{count} {} be imported; the first: {first} (skip {} with --skip-bad-rows)",
        if *.count == 1 { "row cannot" } else { "rows cannot" },
        if *.count == 1 { "it" } else { "them" }
    )]
    BadRows { count: usize, first: RowError },
    #[error(
        "{} {} in the file {} not known: {} (create them with --create-actors, or add them as aliases of known actors first)",
        .0.len(),
        if .0.len() == 1 { "actor" } else { "actors" },
        if .0.len() == 1 { "is" } else { "are" },
        .0.join(", ")
    )]
    UnknownActors(Vec<String>),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The longest field an import takes: far beyond any real note, short of
/// what would make the database and the window slow for one row.
const MAX_FIELD_BYTES: usize = 256 * 1024;

/// The longest row (a CSV record or a GeoJSON feature) an import takes.
const MAX_ROW_BYTES: usize = 1024 * 1024;

/// The largest file an import reads: ACLED's whole world for a decade is
/// well under it; `/dev/zero` is not.
pub const MAX_FILE_BYTES: u64 = crate::reading::Kind::Import.limit();

/// More deaths than this in one row is a typing or export error (the
/// deadliest single events in the data sets are far below it).
const MAX_DEATHS_IN_ROW: u64 = 100_000;

/// Reads a file to import: only a regular file, and at most
/// [`MAX_FILE_BYTES`] of it (see [`crate::reading`]).
pub fn read_bounded(path: &Path) -> Result<Vec<u8>, ImportError> {
    use crate::reading::{Kind, ReadError, read};
    read(path, Kind::Import).map_err(|e| match e {
        ReadError::Io { path, source } => ImportError::Io { path, source },
        refused => ImportError::File(RowError {
            file: path.to_path_buf(),
            line: 0,
            is_feature: false,
            column: None,
            reason: refused
                .to_string()
                .trim_start_matches(&format!("{}: ", path.display()))
                .to_string(),
        }),
    })
}

/// Refuses what no source means: a year before 1900 or after next year,
/// more than [`MAX_DEATHS_IN_ROW`] deaths, and a point in another part of
/// the world for a row that says Tajikistan or Afghanistan (latitude and
/// longitude swapped, most often).
fn plausible(
    record: &ImportedRecord,
    row: &super::table::TableRow<'_>,
    format: Format,
) -> Result<(), RowError> {
    let incident = &record.incident;
    let next_year = jiff::Zoned::now().year() + 1;
    for date in [incident.date.start, incident.date.end] {
        if !(1900..=next_year).contains(&date.year()) {
            return Err(row.error(
                format.date_column(),
                format!(
                    "the year {} is not plausible for an incident (panj takes 1900 to {next_year})",
                    date.year()
                ),
            ));
        }
    }
    let killed: u64 = incident
        .casualties
        .iter()
        .map(|c| u64::from(c.killed))
        .sum();
    let wounded: u64 = incident
        .casualties
        .iter()
        .map(|c| u64::from(c.wounded))
        .sum();
    if killed.max(wounded) > MAX_DEATHS_IN_ROW {
        return Err(row.error(
            format.deaths_column(),
            format!(
                "{} people in one row is not plausible (panj takes at most {MAX_DEATHS_IN_ROW}); check the figure",
                killed.max(wounded)
            ),
        ));
    }
    let location = &incident.location;
    let says = match location.country {
        Some(crate::model::CountryCode::TJ) => Some("Tajikistan"),
        Some(crate::model::CountryCode::AF) => Some("Afghanistan"),
        _ => None,
    };
    // Both countries lie within 60-75 E, 29-41 N; a margin for border areas.
    let near = (55.0..=80.0).contains(&location.lon) && (25.0..=45.0).contains(&location.lat);
    if let Some(country) = says
        && !near
    {
        let swapped =
            (55.0..=80.0).contains(&location.lat) && (25.0..=45.0).contains(&location.lon);
        return Err(row.error(
            "latitude",
            format!(
                "latitude {}, longitude {} is far from {country}, which the row names{}",
                location.lat,
                location.lon,
                if swapped {
                    ": latitude and longitude look swapped"
                } else {
                    ""
                }
            ),
        ));
    }
    Ok(())
}

/// Maps every row of `table`, in order, on all cores: mapping and the
/// border distance are most of an import's work outside SQLite.
fn map_rows(table: &Table, format: Format) -> Vec<Result<ImportedRecord, RowError>> {
    let rows: Vec<_> = table.rows().collect();
    let map = |row: &super::table::TableRow<'_>| {
        let row_bytes = row.record.as_slice().len();
        if row_bytes > MAX_ROW_BYTES {
            return Err(RowError {
                file: row.file.to_path_buf(),
                line: row.line,
                is_feature: row.is_feature,
                column: None,
                reason: format!(
                    "is {row_bytes} bytes long; panj takes at most {} KiB in one row",
                    MAX_ROW_BYTES / 1024
                ),
            });
        }
        if let Some((column, bytes)) = table
            .headers
            .iter()
            .zip(row.record.iter())
            .find(|(_, field)| field.len() > MAX_FIELD_BYTES)
        {
            return Err(row.error(
                column,
                format!(
                    "holds {} bytes; panj takes at most {} KiB in one field",
                    bytes.len(),
                    MAX_FIELD_BYTES / 1024
                ),
            ));
        }
        let mut mapped = match format {
            Format::Acled => acled::record(row, &table.headers),
            Format::Ucdp => ucdp::record(row, &table.headers),
            Format::Panj => own::record(row),
        };
        if let Ok(record) = &mut mapped {
            // panj's own exports were checked when they were typed in (the
            // form warns and lets a far-off point be saved): a round trip
            // must give them back whole.
            if format != Format::Panj {
                plausible(record, row, format)?;
            }
            let location = &mut record.incident.location;
            location.border_km = crate::store::border_km(location.lon, location.lat);
            if format != Format::Panj {
                fill_from_point(&mut record.incident);
                // panj's own files carry their records' provenance.
                if !row.is_feature {
                    record.source_row = Some(row.raw.to_vec());
                }
            }
        }
        mapped
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = rows.len().div_ceil(threads).max(1024);
    std::thread::scope(|scope| {
        let workers: Vec<_> = rows
            .chunks(chunk)
            .map(|rows| scope.spawn(move || rows.iter().map(map).collect::<Vec<_>>()))
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| {
                worker
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

/// Country, province and side from the point, with the shipped geography,
/// where the file gives none (as the form does), said in the notes.
fn fill_from_point(incident: &mut Incident) {
    let location = &mut incident.location;
    let missing_country = location.country.is_none();
    let missing_province = location.admin1.is_none();
    // Outside Tajikistan and Afghanistan "unknown" is the right side.
    let missing_side = location.side == crate::model::Side::Unknown
        && location
            .country
            .is_none_or(|c| matches!(c.as_str(), "TJ" | "AF"));
    if !(missing_country || missing_province || missing_side) {
        return;
    }
    let Some(gazetteer) = crate::geo::gazetteer::Gazetteer::shipped() else {
        return;
    };
    // Only the province's outline is needed, not the nearest place or the
    // border distance a full reverse lookup works out: this runs per row.
    let found = gazetteer.area_at(location.lon, location.lat);
    let mut filled = Vec::new();
    if missing_country && let Some(country) = found.country {
        location.country = Some(country);
        filled.push("country");
    }
    if missing_province && let Some(province) = found.province {
        location.admin1 = Some(province.to_string());
        filled.push("province");
    }
    if missing_side && found.side != crate::model::Side::Unknown {
        location.side = found.side;
        filled.push("side of the border");
    }
    if !filled.is_empty() {
        let said = format!(
            "{} taken from the point (panj's shipped geography); the file gives none.",
            filled.join(", ")
        );
        let said = said[..1].to_uppercase() + &said[1..];
        incident.notes = if incident.notes.is_empty() {
            said
        } else {
            format!("{} {said}", incident.notes)
        };
    }
}

/// Reads and maps a file, and works out what importing it would do.
pub fn preview(
    path: &Path,
    store: &Store,
    options: ImportOptions,
) -> Result<ImportPreview, ImportError> {
    let bytes = read_bounded(path)?;
    let file_bytes = bytes.len() as u64;
    let sha256 = {
        use sha2::Digest;
        format!("{:x}", sha2::Sha256::digest(&bytes))
    };
    // A workbook is read as the CSV of its sheet of events; a file that
    // only looks like one (a .csv that is a ZIP) is refused as CSV is.
    let mut sheet = None;
    let bytes = if super::spreadsheet::is_spreadsheet(&bytes) {
        match super::spreadsheet::to_csv(&bytes) {
            Ok((name, csv)) => {
                sheet = Some(name);
                csv
            }
            Err(reason) if is_workbook_name(path) => {
                return Err(ImportError::File(RowError {
                    file: path.to_path_buf(),
                    line: 0,
                    is_feature: false,
                    column: None,
                    reason,
                }));
            }
            Err(_) => bytes,
        }
    } else {
        bytes
    };
    // A GeoPackage (a SQLite file) is read as the GeoJSON of its layer.
    let bytes = if super::geopackage::is_sqlite(&bytes) {
        super::geopackage::features_as_geojson(path).map_err(|reason| {
            ImportError::File(RowError {
                file: path.to_path_buf(),
                line: 0,
                is_feature: false,
                column: None,
                reason,
            })
        })?
    } else {
        bytes
    };
    let mut table = if looks_like_json(path, &bytes) {
        Table::from_geojson(path, &bytes)
    } else {
        Table::parse(path, bytes)
    }
    .map_err(ImportError::File)?;
    if table.is_empty() && table.unreadable.is_empty() {
        return Err(ImportError::File(RowError {
            file: path.to_path_buf(),
            line: 0,
            is_feature: table.is_geojson,
            column: None,
            reason: if table.is_geojson {
                "is an empty GeoJSON FeatureCollection: it holds no features to import".into()
            } else {
                "has a header row but no rows to import".into()
            },
        }));
    }
    let format = match options.format.or_else(|| Format::detect(&table)) {
        Some(format) => format,
        // Nothing readable at all: the reason is the first unreadable row.
        None if table.headers.is_empty() && !table.unreadable.is_empty() => {
            return Err(ImportError::File(table.unreadable[0].clone()));
        }
        None => return Err(ImportError::UnknownFormat(path.to_path_buf())),
    };
    let mut notes = Vec::new();
    if let Some(name) = sheet {
        notes.push(ucdp::ColumnNote::Sheet(name));
    }
    if let Some(encoding) = table.read_from {
        notes.push(ucdp::ColumnNote::ReadFrom(encoding));
    }
    if table.hxl_tags {
        notes.push(ucdp::ColumnNote::HxlTags);
    }
    if table.delimiter != b',' {
        notes.push(ucdp::ColumnNote::Delimiter(table.delimiter));
    }
    if format == Format::Ucdp {
        let (headers, renamed) = ucdp::expand_names(&table.headers);
        notes.extend(ucdp::column_notes(&headers, &renamed));
        table.rename_columns(headers);
    }
    let date_columns: &[&str] = match format {
        Format::Acled => &["event_date"],
        Format::Ucdp => &["date_start", "date_end"],
        Format::Panj => &[],
    };
    let (day_order, shown_by) = table.settle_day_order(date_columns);
    if day_order != super::table::DayOrder::Unsettled {
        notes.push(ucdp::ColumnNote::DayOrder {
            order: day_order,
            rows: shown_by,
        });
    }
    let csv_rows = !table.is_geojson && format != Format::Panj;
    let mut preview = ImportPreview {
        format: Some(format),
        rows: table.len() + table.unreadable.len(),
        errors: table.unreadable.clone(),
        notes,
        totals: FileTotals::of(&table, format),
        source: ImportSource {
            file_name: path.display().to_string(),
            file_bytes,
            sha256,
            header: csv_rows.then(|| table.raw_header().to_vec()),
            columns: table.headers.clone(),
        },
        ..ImportPreview::default()
    };
    let actors = store.actor_directory()?;
    let stored_sources = store.sources()?;
    let known_sources: std::collections::HashSet<Uuid> =
        stored_sources.iter().map(|s| s.id).collect();
    // A data set names its sources ("Amu TV"): one the ledger has by that
    // title is that source.
    let source_by_title: std::collections::HashMap<String, Uuid> = stored_sources
        .iter()
        .map(|s| (s.title.trim().to_lowercase(), s.id))
        .collect();
    let mut first_line_of: std::collections::HashMap<String, u64> =
        std::collections::HashMap::new();
    for mapped in map_rows(&table, format) {
        // Two rows with one id would be one record written twice.
        let mapped = mapped.and_then(|record| {
            let key = match &record.incident.external_id {
                Some(id) if !record.keeps_id => id.clone(),
                _ => record.incident.id.to_string(),
            };
            // A panj export keeps its records' ids, and may carry their
            // data-set ids too: both must be unique in the file.
            let second_key = record
                .incident
                .external_id
                .as_ref()
                .filter(|_| record.keeps_id)
                .map(|id| format!("external:{id}"));
            let clash = first_line_of
                .get(&key)
                .or_else(|| second_key.as_ref().and_then(|k| first_line_of.get(k)));
            match clash {
                Some(first) => Err(RowError {
                    file: path.to_path_buf(),
                    line: record.line,
                    is_feature: table.is_geojson,
                    column: Some(format.id_column().into()),
                    reason: format!(
                        "has the same id as {} {first}; each record may appear once",
                        if table.is_geojson { "feature" } else { "line" }
                    ),
                }),
                None => {
                    first_line_of.insert(key, record.line);
                    if let Some(second_key) = second_key {
                        first_line_of.insert(second_key, record.line);
                    }
                    Ok(record)
                }
            }
        });
        match mapped {
            Ok(mut record) => {
                for source in &mut record.sources {
                    if source.grade == crate::model::Grade::NotGraded
                        && let Some(&stored) =
                            source_by_title.get(&source.title.trim().to_lowercase())
                        && stored != source.id
                    {
                        for id in &mut record.incident.source_ids {
                            if *id == source.id {
                                *id = stored;
                            }
                        }
                        source.id = stored;
                    }
                }
                let (lon, lat) = (record.incident.location.lon, record.incident.location.lat);
                if options.region_only
                    && !((REGION[0]..=REGION[2]).contains(&lon)
                        && (REGION[1]..=REGION[3]).contains(&lat))
                {
                    preview.outside_region += 1;
                    continue;
                }
                for (claim, (name, kind)) in record.incident.claims.iter().zip(&record.claim_actors)
                {
                    if claim_actor(&actors, claim, name).is_none() {
                        preview.unknown_actors.entry(name.clone()).or_insert(*kind);
                        if !claim.actor_id.is_nil() {
                            preview
                                .unknown_actor_ids
                                .entry(name.to_lowercase())
                                .or_insert(claim.actor_id);
                        }
                    }
                }
                for source in &record.sources {
                    if !known_sources.contains(&source.id) {
                        preview
                            .new_sources
                            .entry(source.id)
                            .or_insert_with(|| source.clone());
                    }
                }
                if let Some(id) = &record.incident.external_id {
                    preview.read_ids.push((record.line, id.clone()));
                }
                preview.records.push(record);
            }
            Err(error) => preview.errors.push(error),
        }
    }
    preview.errors.sort_by_key(|e| e.line);
    let mut unchanged = Vec::new();
    let mut updated = std::collections::HashSet::new();
    let mut clashing = Vec::new();
    let keys = store.record_keys()?;
    for (n, record) in preview.records.iter().enumerate() {
        let stored = stored_for(
            record,
            |id| match keys.has_id(id) {
                true => store.incident(id),
                false => Ok(None),
            },
            |id| match keys.has_external_id(id) {
                true => store.incident_by_external_id(id),
                false => Ok(None),
            },
        )?;
        // A panj export's record keeps its id; if its data-set id belongs
        // to another stored record, writing it would break the rule that
        // each data-set record is stored once.
        if let (Some(stored), Some(external_id)) = (&stored, &record.incident.external_id)
            && let Some(holder) = store.incident_by_external_id(external_id)?
            && holder.id != stored.id
        {
            clashing.push(RowError {
                file: path.to_path_buf(),
                line: record.line,
                is_feature: table.is_geojson,
                column: Some("external_id".into()),
                reason: format!(
                    "'{external_id}' is already the data-set id of another stored incident ({}); each data-set record is stored once",
                    holder.id
                ),
            });
            continue;
        }
        match stored {
            Some(stored) if same_as_imported(&stored, record, &actors, &preview.source) => {
                unchanged.push(n)
            }
            Some(_) => {
                preview.updates += 1;
                updated.insert(n);
            }
            None => preview.inserts += 1,
        }
    }
    preview.unchanged = unchanged.len();
    let new_rows: Vec<usize> = (0..preview.records.len())
        .filter(|n| !unchanged.contains(n) && !updated.contains(n))
        .collect();
    let skipped = possible_duplicates(store, &mut preview, &new_rows, &options)?;
    let unchanged: std::collections::HashSet<usize> =
        unchanged.into_iter().chain(skipped).collect();
    let clashing_lines: std::collections::HashSet<u64> = clashing.iter().map(|e| e.line).collect();
    let mut n = 0;
    preview.records.retain(|record| {
        let keep = !unchanged.contains(&n) && !clashing_lines.contains(&record.line);
        n += 1;
        keep
    });
    preview.errors.extend(clashing);
    preview.errors.sort_by_key(|e| e.line);
    Ok(preview)
}

/// Whether the records stored from a file add up to it: its rows and its
/// own fatality total beside the records the database holds for them.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SourceCheck {
    pub file: String,
    pub format: &'static str,
    /// Data rows in the file, and those that cannot be read.
    pub rows: usize,
    pub unreadable: usize,
    /// The file's fatality column and its sum.
    pub column: Option<&'static str>,
    pub file_killed: Option<u64>,
    /// Rows read whose record the database holds, and those it lacks
    /// (line, data-set id), in file order.
    pub stored: usize,
    pub missing: Vec<(u64, String)>,
    /// People killed in the records the database holds for the file.
    pub stored_killed: u64,
}

impl SourceCheck {
    /// Whether every row is stored and the killed add up to the file's.
    pub fn adds_up(&self) -> bool {
        self.unreadable == 0
            && self.missing.is_empty()
            && self.file_killed.is_none_or(|k| k == self.stored_killed)
    }
}

impl std::fmt::Display for SourceCheck {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {} rows read as {}",
            self.file, self.rows, self.format
        )?;
        if let (Some(column), Some(killed)) = (self.column, self.file_killed) {
            write!(f, ", {killed} killed ({column})")?;
        }
        writeln!(f, ".")?;
        write!(
            f,
            "The database holds {} of the {} rows that can be read, with {} killed",
            self.stored,
            self.rows - self.unreadable,
            self.stored_killed
        )?;
        if self.adds_up() {
            return writeln!(f, ": they add up to the file.");
        }
        writeln!(f, ": they do not add up to the file.")?;
        if self.unreadable > 0 {
            writeln!(
                f,
                "{} rows cannot be read (panj import --dry-run names them).",
                self.unreadable
            )?;
        }
        for (line, id) in self.missing.iter().take(10) {
            writeln!(f, "Not stored: line {line} ({id}).")?;
        }
        if self.missing.len() > 10 {
            writeln!(f, "… and {} more not stored.", self.missing.len() - 10)?;
        }
        if let Some(killed) = self.file_killed
            && killed != self.stored_killed
            && self.missing.is_empty()
        {
            writeln!(
                f,
                "The stored records hold {} killed where the file says {killed}: some were edited since the import, or were read differently.",
                self.stored_killed
            )?;
        }
        Ok(())
    }
}

/// Reads a file as an import would and says whether the database holds
/// its records, and whether their killed add up to the file's figure.
pub fn check_source(
    path: &Path,
    store: &Store,
    format: Option<Format>,
) -> Result<SourceCheck, ImportError> {
    let preview = preview(
        path,
        store,
        ImportOptions {
            format,
            ..ImportOptions::default()
        },
    )?;
    let mut check = SourceCheck {
        file: path.display().to_string(),
        format: preview.format.map_or("?", Format::label),
        rows: preview.rows,
        unreadable: preview.errors.len(),
        column: preview.totals.as_ref().map(|t| t.column),
        file_killed: preview.totals.as_ref().map(|t| t.sum),
        stored: 0,
        missing: Vec::new(),
        stored_killed: 0,
    };
    let keys = store.record_keys()?;
    for (line, id) in &preview.read_ids {
        let stored = match keys.has_external_id(id) {
            true => store.incident_by_external_id(id)?,
            false => None,
        };
        match stored.filter(|i| i.deleted_at.is_none()) {
            Some(incident) => {
                check.stored += 1;
                check.stored_killed += incident.killed();
            }
            None => check.missing.push((*line, id.clone())),
        }
    }
    Ok(check)
}

/// The data set a record came from ("acled", "ucdp"), or none when an
/// analyst typed it.
fn data_set(incident: &Incident) -> Option<&str> {
    incident
        .external_id
        .as_deref()
        .and_then(|id| id.split(':').next())
}

/// Finds the new rows (`new_rows`, indexes into the records) within 10 km
/// and 3 days of a stored incident from another source, and links them
/// (a note and a tag), imports them as they are, or returns them to be
/// left out, as the options say for each.
fn possible_duplicates(
    store: &Store,
    preview: &mut ImportPreview,
    new_rows: &[usize],
    options: &ImportOptions,
) -> Result<Vec<usize>, ImportError> {
    if new_rows.is_empty() {
        return Ok(Vec::new());
    }
    let stored = store.query(&crate::filter::Filter::default())?;
    let nearby = crate::filter::duplicates::NearbyIndex::new(&stored);
    let mut skipped = Vec::new();
    for &n in new_rows {
        let record = &preview.records[n];
        let other = nearby
            .candidates(&record.incident)
            .into_iter()
            .find(|other| data_set(other) != data_set(&record.incident));
        let Some(other) = other else {
            continue;
        };
        let choice = options.duplicate_choice(record.line);
        preview.duplicates.push(ImportDuplicate {
            line: record.line,
            title: record.incident.title.clone(),
            other_id: other.id,
            other_title: other.title.clone(),
            choice,
        });
        match choice {
            DuplicateChoice::Skip => skipped.push(n),
            DuplicateChoice::Link => {
                crate::filter::duplicates::link(&mut preview.records[n].incident, other);
            }
            DuplicateChoice::ImportAnyway => {}
        }
    }
    preview.skipped_duplicates = skipped.len();
    preview.inserts -= skipped.len();
    Ok(skipped)
}

/// Whether a stored record already says what the file says (so a
/// re-import leaves it, and its history, alone).
fn same_as_imported(
    stored: &Incident,
    record: &ImportedRecord,
    actors: &ActorDirectory,
    source: &ImportSource,
) -> bool {
    let mut imported = record.incident.clone();
    imported.provenance = record.provenance(source);
    for (claim, (name, _)) in imported.claims.iter_mut().zip(&record.claim_actors) {
        match claim_actor(actors, claim, name) {
            Some(id) => claim.actor_id = id,
            None => return false,
        }
    }
    same_content(stored, &imported)
}

/// Whether a stored record and one about to be written say the same,
/// leaving aside what the store sets itself (ids, version, times, the
/// border distance it works out).
fn same_content(stored: &Incident, imported: &Incident) -> bool {
    // The store reads cited sources back sorted by id.
    let sorted = |ids: &[Uuid]| {
        let mut ids = ids.to_vec();
        ids.sort();
        ids
    };
    let comparable = |i: &Incident| Incident {
        id: Uuid::nil(),
        version: 0,
        source_ids: sorted(&i.source_ids),
        created_at: jiff::Timestamp::UNIX_EPOCH,
        updated_at: jiff::Timestamp::UNIX_EPOCH,
        deleted_at: None,
        location: crate::model::Location {
            border_km: None,
            ..i.location.clone()
        },
        ..i.clone()
    };
    comparable(stored) == comparable(imported)
}

/// What an import wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportSummary {
    pub inserted: usize,
    pub updated: usize,
    /// Planned as updates, but already stored as the file says (another
    /// import of the same file wrote them meanwhile): left alone.
    pub unchanged: usize,
    pub actors_created: usize,
    /// Unknown names added as aliases of the known actors they were mapped to.
    pub aliases_added: usize,
}

/// Writes a previewed import in one transaction. `mapped` names, for some
/// of the actors the database did not know, the known actor each is: the
/// name becomes that actor's alias (so the next import finds it) and its
/// claims go to that actor; the other unknown actors are created if the
/// options allow. `progress(done, total)` is called as records are
/// written; when it returns false the import is cancelled and nothing is
/// written.
pub fn commit(
    preview: &ImportPreview,
    store: &mut Store,
    options: ImportOptions,
    mapped: &BTreeMap<String, Uuid>,
    mut progress: impl FnMut(usize, usize) -> bool,
) -> Result<ImportSummary, ImportError> {
    if let Some(first) = preview.errors.first()
        && !options.skip_bad_rows
    {
        return Err(ImportError::BadRows {
            count: preview.errors.len(),
            first: first.clone(),
        });
    }
    let unmapped: Vec<String> = preview
        .unknown_actors
        .keys()
        .filter(|name| !mapped.contains_key(*name))
        .cloned()
        .collect();
    if !unmapped.is_empty() && !options.create_actors {
        return Err(ImportError::UnknownActors(unmapped));
    }
    let total = preview.records.len();
    // The database as it was, should the import turn out to be a mistake.
    if !store.is_read_only() {
        store.rotating_backup(crate::store::backups::BackupReason::BeforeImport)?;
    }
    let summary = store.write_bulk("the import", |w| {
        let mut summary = ImportSummary::default();
        let mut by_name: BTreeMap<String, Uuid> = BTreeMap::new();
        let known = ActorDirectory::new(w.actors()?);
        for source in preview.new_sources.values() {
            w.upsert_source(source)?;
        }
        for (name, known_id) in mapped {
            let mut actor = known
                .get(*known_id)
                .cloned()
                .ok_or(StoreError::ActorNotFound(*known_id))?;
            if !actor.answers_to(name) {
                actor.aliases.push(name.clone());
                w.upsert_actor(&actor)?;
                summary.aliases_added += 1;
            }
            by_name.insert(name.to_lowercase(), actor.id);
        }
        for (name, kind) in &preview.unknown_actors {
            if mapped.contains_key(name) {
                continue;
            }
            // Another import may have created it since the preview.
            if let Some(existing) = known.resolve(name) {
                by_name.insert(name.to_lowercase(), existing.id);
                continue;
            }
            let id = preview
                .unknown_actor_ids
                .get(&name.to_lowercase())
                .copied()
                .filter(|id| known.get(*id).is_none())
                .or_else(|| Some(Actor::id_for_name(name)).filter(|id| known.get(*id).is_none()))
                .unwrap_or_else(Uuid::now_v7);
            let actor = Actor {
                id,
                name: name.clone(),
                kind: *kind,
                aliases: Vec::new(),
                notes: "Created by an import.".into(),
            };
            w.upsert_actor(&actor)?;
            by_name.insert(name.to_lowercase(), actor.id);
            summary.actors_created += 1;
        }
        let import = w.add_import(&crate::store::NewImport {
            file_name: &preview.source.file_name,
            file_bytes: preview.source.file_bytes,
            sha256: &preview.source.sha256,
            format: preview.format.map_or("", Format::label),
            options: &options.describe(),
            header: preview.source.header.as_deref(),
            columns: &preview.source.columns,
        })?;
        w.bulk(|w| {
            let keys = w.record_keys()?;
            for (done, record) in preview.records.iter().enumerate() {
                let mut incident = record.incident.clone();
                for (claim, (name, _)) in incident.claims.iter_mut().zip(&record.claim_actors) {
                    claim.actor_id = match claim_actor(&known, claim, name) {
                        Some(id) => id,
                        None => *by_name.get(&name.to_lowercase()).ok_or_else(|| {
                            StoreError::Corrupt(format!("actor '{name}' vanished"))
                        })?,
                    };
                }
                // Most rows of a large import are new: ask by index
                // first, and load the stored record only for an update.
                let existing = if record.keeps_id && keys.has_id(incident.id) {
                    Some(incident.id)
                } else {
                    match &incident.external_id {
                        Some(external_id) if keys.has_external_id(external_id) => {
                            w.id_by_external_id(external_id)?
                        }
                        _ => None,
                    }
                };
                let stored = match existing {
                    Some(id) => w.incident(id)?,
                    None => None,
                };
                match stored {
                    Some(stored) => {
                        incident.id = stored.id;
                        incident.version = stored.version;
                        // The update is a version like an edit: its
                        // provenance is kept column by column.
                        incident.provenance = record.provenance(&preview.source);
                        // Another import of the same file may have written
                        // it since the preview: a version is written only
                        // when the content changes.
                        if same_content(&stored, &incident) {
                            summary.unchanged += 1;
                        } else {
                            w.update_incident(&incident)?;
                            summary.updated += 1;
                        }
                    }
                    None => {
                        if !record.keeps_id
                            && let Some(external_id) = &incident.external_id
                        {
                            incident.id = Incident::id_for_external(external_id);
                        }
                        let source =
                            record
                                .source_row
                                .as_deref()
                                .map(|row| crate::store::SourceRow {
                                    import,
                                    header: preview.source.header.as_deref(),
                                    row,
                                });
                        w.insert_imported(&incident, source)?;
                        summary.inserted += 1;
                    }
                }
                if (done % 1000 == 0 || done + 1 == total) && !progress(done + 1, total) {
                    return Err(StoreError::Cancelled);
                }
            }
            Ok(())
        })?;
        w.count_import(import, summary.inserted, summary.updated)?;
        Ok(summary)
    })?;
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filter::Filter;
    use proptest::prelude::*;

    const HEADER: &str = "event_id_cnty,event_date,time_precision,event_type,sub_event_type,actor1,inter1,country,admin1,location,latitude,longitude,geo_precision,notes,fatalities";

    /// A field as files hold them: good values, near misses and junk.
    fn field() -> impl Strategy<Value = String> {
        prop_oneof![
            Just(String::new()),
            Just("2025-11-26".to_string()),
            Just("31-02-2025".to_string()),
            Just("1".to_string()),
            Just("3".to_string()),
            Just("-4".to_string()),
            Just("NaN".to_string()),
            Just("37.5".to_string()),
            Just("1e400".to_string()),
            Just("Tajikistan".to_string()),
            Just("ISKP".to_string()),
            "[ -~]{0,12}",
            "\\PC{0,8}",
        ]
    }

    fn quoted(value: &str) -> String {
        format!("\"{}\"", value.replace('"', "\"\""))
    }

    #[test]
    fn a_cancelled_import_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("acled.csv");
        std::fs::write(&path, crate::exchange::synthetic::acled_csv(2500, 1)).unwrap();
        let mut store = Store::open_in_memory().unwrap();
        let options = ImportOptions {
            create_actors: true,
            ..ImportOptions::default()
        };
        let preview = preview(&path, &store, options.clone()).unwrap();
        let mut calls = 0;
        let cancelled = commit(
            &preview,
            &mut store,
            options,
            &BTreeMap::new(),
            |done, total| {
                calls += 1;
                assert_eq!(total, 2500);
                done < 2000
            },
        );
        assert!(matches!(
            cancelled,
            Err(ImportError::Store(StoreError::Cancelled))
        ));
        assert_eq!(calls, 3, "told at 1, 1001 and 2001 of 2500");
        assert_eq!(store.count(&Filter::default()).unwrap(), 0);
        assert!(
            store.actors().unwrap().is_empty(),
            "the actors it made are gone too"
        );
        assert!(store.check().unwrap().is_ok());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Any row either imports as a valid record or is a row error that
        /// names its line; an import with a bad row writes nothing.
        #[test]
        fn every_row_imports_or_is_named_and_imports_are_all_or_nothing(
            rows in prop::collection::vec(prop::collection::vec(field(), 15), 1..6)
        ) {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("rows.csv");
            let mut text = format!("{HEADER}\n");
            for (n, row) in rows.iter().enumerate() {
                let mut row = row.clone();
                row[0] = format!("P{n}");
                text.push_str(&row.iter().map(|f| quoted(f)).collect::<Vec<_>>().join(","));
                text.push('\n');
            }
            std::fs::write(&path, &text).unwrap();
            let mut store = Store::open_in_memory().unwrap();
            let options = ImportOptions { create_actors: true, ..ImportOptions::default() };
            let preview = preview(&path, &store, options.clone()).unwrap();
            prop_assert_eq!(preview.records.len() + preview.errors.len(), rows.len());
            for record in &preview.records {
                prop_assert!(record.incident.validate().is_empty());
            }
            for error in &preview.errors {
                prop_assert!(error.line >= 2 && error.column.is_some(), "{}", error);
            }
            let before = store.count(&Filter::default()).unwrap();
            match commit(&preview, &mut store, options, &BTreeMap::new(), |_, _| true) {
                Ok(summary) => {
                    prop_assert!(preview.errors.is_empty());
                    prop_assert_eq!(summary.inserted, rows.len());
                    prop_assert_eq!(store.count(&Filter::default()).unwrap(), before + rows.len() as u64);
                }
                Err(_) => {
                    prop_assert!(!preview.errors.is_empty());
                    prop_assert_eq!(store.count(&Filter::default()).unwrap(), before);
                }
            }
        }
    }

    /// A row past the row cap is named by its line; the file is still read.
    #[test]
    fn a_row_too_long_is_named_by_its_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("long.csv");
        let field = "x".repeat(200 * 1024);
        let mut text = format!("{HEADER}\n");
        text.push_str(
            "A1,2025-11-26,1,Battles,Armed clash,ISKP,2,Tajikistan,Khatlon,Panj,37.2,69.1,1,ok,1\n",
        );
        text.push_str(&format!(
            "A2,2025-11-26,1,Battles,{field},{field},{field},{field},{field},{field},37.2,69.1,1,ok,1\n"
        ));
        std::fs::write(&path, text).unwrap();
        let store = Store::open_in_memory().unwrap();
        let preview = preview(&path, &store, ImportOptions::default()).unwrap();
        assert_eq!(preview.records.len(), 1);
        let error = preview.errors[0].to_string();
        assert!(
            error.contains("line 3") && error.contains("in one row"),
            "{error}"
        );
    }

    /// The form lets a far-off point be saved (it only warns); a panj
    /// export of it imports back, although the same row in ACLED would be
    /// refused as swapped coordinates.
    #[test]
    fn a_panj_export_round_trips_whole_even_far_from_the_region() {
        use crate::model::{
            CountryCode, EventType, IncidentDate, Location, LocationPrecision, Side,
        };
        let mut far = Incident::new(
            "Typed in with latitude and longitude as the source gave them",
            EventType::Other,
            IncidentDate::day(jiff::civil::date(2025, 11, 26)),
            Location::point(37.2, 69.1, LocationPrecision::Exact, Side::Tj),
        );
        far.location.country = Some(CountryCode::TJ);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("panj.csv");
        let bytes = crate::exchange::export::csv_bytes(
            &[far.clone()],
            &ActorDirectory::new(Vec::new()),
            &[],
        )
        .unwrap();
        std::fs::write(&path, bytes).unwrap();
        let store = Store::open_in_memory().unwrap();
        let preview = preview(&path, &store, ImportOptions::default()).unwrap();
        assert!(preview.errors.is_empty(), "{:?}", preview.errors);
        assert_eq!(preview.records.len(), 1);
        assert_eq!(preview.records[0].incident.location.lat, far.location.lat);
    }
}
