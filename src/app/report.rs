//! Export ▸ Report… and `panj report`: the workspace's filter of the
//! moment as a briefing. [`PreparedReport::new`] takes what the report is
//! made of from the workspace (the kept incidents' ids; the map views);
//! [`PreparedReport::write`], which the window runs on a worker, reads
//! those records whole, works the contents out (`report::Report::build`,
//! a pass over every kept record: seconds at a million), draws the map
//! pictures and writes the file.

use super::Workspace;
use crate::exchange::export::{ExportError, Exported, Records, write_with_manifest};
use crate::filter::{ActorDirectory, Filter};
use crate::model::{Incident, Source};
use crate::report::html::{self, Pictures};
use crate::report::{Report, ReportFormat, ReportOptions, pdf};
use crate::ui::map_panel::BORDER_REGION;
use crate::ui::map_picture::{self, MapPicture};
use std::collections::BTreeMap;
use std::path::Path;
use uuid::Uuid;

/// The main map's size in points when no window gives one (`panj report`).
const MAP_SIZE: egui::Vec2 = egui::vec2(900.0, 560.0);
const INSET_SIZE: egui::Vec2 = egui::vec2(900.0, 330.0);
const MAP_PIXELS: u32 = 1800;
const INSET_PIXELS: u32 = 900;

/// A report whose contents and pictures are still to be made: what
/// they are made of, taken from the workspace at the moment of asking.
pub struct PreparedReport {
    /// The incidents the filter keeps, in the workspace's order.
    records: Records,
    actors: ActorDirectory,
    sources: BTreeMap<Uuid, Source>,
    filter: Filter,
    filter_words: String,
    options: ReportOptions,
    map: MapPicture,
    inset: MapPicture,
}

impl PreparedReport {
    /// The report of what `workspace` shows. `map` is the window's map
    /// view; without one (the command line), the map fits the incidents.
    pub fn new(
        workspace: &Workspace,
        filter_words: &str,
        options: ReportOptions,
        map: Option<MapPicture>,
    ) -> anyhow::Result<PreparedReport> {
        let map = map.unwrap_or_else(|| {
            let bounds = workspace.map_layer().bounds().map_or(BORDER_REGION, |b| {
                let pad = 0.05;
                [b[0] - pad, b[1] - pad, b[2] + pad, b[3] + pad]
            });
            MapPicture::of_area(workspace, bounds, MAP_SIZE, String::new())
        });
        let rect = map.view.rect;
        let (w, n) = map.view.lon_lat_at(rect.left_top());
        let (e, s) = map.view.lon_lat_at(rect.right_bottom());
        let mut inset = MapPicture::of_area(
            workspace,
            BORDER_REGION,
            INSET_SIZE,
            "The whole border".into(),
        );
        inset.settings.legend_open = false;
        // Outlined only when the map shows a part of the border region; a
        // map wider than the region needs no outline.
        let region = BORDER_REGION;
        if e - w < (region[2] - region[0]) * 0.8 && n - s < (region[3] - region[1]) * 0.8 {
            inset.outline = Some([w, s, e, n]);
        }
        Ok(PreparedReport {
            records: workspace.kept_records()?,
            actors: workspace.actors.clone(),
            sources: workspace.sources.clone(),
            filter: workspace.filter.clone(),
            filter_words: filter_words.to_string(),
            options,
            map,
            inset,
        })
    }

    /// The report's contents, of `records` read whole.
    fn contents(&self, records: &[Incident]) -> Report {
        let incidents: Vec<&Incident> = records.iter().collect();
        Report::build(
            &incidents,
            &self.actors,
            &self.sources,
            &self.filter,
            &self.filter_words,
            self.options.clone(),
        )
    }

    /// Draws the pictures and writes the report to `out` as HTML or PDF,
    /// with `OUT.manifest.json` beside it (never over the database `db`).
    pub fn write(
        mut self,
        db: Option<&Path>,
        out: &Path,
        format: ReportFormat,
    ) -> Result<Exported, ExportError> {
        let records = std::mem::replace(&mut self.records, Records::Whole(Vec::new())).read(db)?;
        let report = self.contents(&records);
        let count = report.incidents.len();
        let mut map = self.map;
        map.caption = format!(
            "{count} incident{} · filter: {}",
            if count == 1 { "" } else { "s" },
            report.filter_words
        );
        let encode = |picture: MapPicture, width: u32| {
            map_picture::png_bytes(&picture.render(width)).map_err(ExportError::Encode)
        };
        let pictures = Pictures {
            map: Some(encode(map, MAP_PIXELS)?),
            inset: Some(encode(self.inset, INSET_PIXELS)?),
        };
        let bytes = match format {
            ReportFormat::Html => html::write(&report, &pictures).into_bytes(),
            ReportFormat::Pdf => {
                pdf::write(&report, &pictures).map_err(|e| ExportError::Encode(e.to_string()))?
            }
        };
        write_with_manifest(db, out, format.extension(), &bytes, count, &self.filter)
    }
}
