//! A report whose contents and pictures are still to be made: what it is
//! made of, taken from the window (or the command line) at the moment of
//! asking, so that a worker reads the records, works out the contents,
//! draws the pictures and writes the file.

use super::html::{self, Pictures};
use super::{Report, ReportFormat, ReportOptions, pdf};
use crate::exchange::export::{ExportError, Exported, Records, write_with_manifest};
use crate::filter::{ActorDirectory, Filter};
use crate::model::{Incident, Source};
use std::collections::BTreeMap;
use std::path::Path;
use uuid::Uuid;

/// Draws the report's map and inset as PNG, the main map captioned with
/// the line it is given ("12 incidents · filter: …"). The window's map
/// painter makes them (`app/report.rs`); this layer only asks for them.
pub type PictureMaker = Box<dyn FnOnce(&str) -> Result<Pictures, String> + Send>;

pub struct PreparedReport {
    inputs: ReportInputs,
    pictures: PictureMaker,
}

/// What a report is made of.
pub struct ReportInputs {
    /// The incidents the filter keeps, in the window's order.
    pub records: Records,
    pub actors: ActorDirectory,
    pub sources: BTreeMap<Uuid, Source>,
    pub filter: Filter,
    /// The filter in words, in the report's language.
    pub filter_words: String,
    pub options: ReportOptions,
}

impl PreparedReport {
    pub fn new(inputs: ReportInputs, pictures: PictureMaker) -> PreparedReport {
        PreparedReport { inputs, pictures }
    }

    /// The report's contents, of `records` read whole.
    fn contents(&self, records: &[Incident]) -> Report {
        let incidents: Vec<&Incident> = records.iter().collect();
        let inputs = &self.inputs;
        Report::build(
            &incidents,
            &inputs.actors,
            &inputs.sources,
            &inputs.filter,
            &inputs.filter_words,
            inputs.options.clone(),
        )
    }

    /// Reads the records, draws the pictures and writes the report to
    /// `out` as HTML or PDF, with `OUT.manifest.json` beside it (never over
    /// the database `db`).
    pub fn write(
        mut self,
        db: Option<&Path>,
        out: &Path,
        format: ReportFormat,
    ) -> Result<Exported, ExportError> {
        let records =
            std::mem::replace(&mut self.inputs.records, Records::Whole(Vec::new())).read(db)?;
        let report = self.contents(&records);
        let count = report.incidents.len();
        let caption = format!(
            "{count} incident{} · filter: {}",
            if count == 1 { "" } else { "s" },
            report.filter_words
        );
        let pictures = (self.pictures)(&caption).map_err(ExportError::Encode)?;
        let bytes = match format {
            ReportFormat::Html => html::write(&report, &pictures).into_bytes(),
            ReportFormat::Pdf => {
                pdf::write(&report, &pictures).map_err(|e| ExportError::Encode(e.to_string()))?
            }
        };
        write_with_manifest(
            db,
            out,
            format.extension(),
            &bytes,
            count,
            &self.inputs.filter,
        )
    }
}
