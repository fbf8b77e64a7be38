//! Export ▸ Report… and `panj report`: the workspace's filter of the
//! moment as a briefing. The contents are worked out at once from the
//! loaded records (`report::Report::build`); the map pictures are drawn
//! and the file written by [`PreparedReport::write`], which the window runs
//! on a worker.

use super::Workspace;
use crate::exchange::export::{ExportError, Exported, write_with_manifest};
use crate::filter::Filter;
use crate::model::Incident;
use crate::report::html::{self, Pictures};
use crate::report::{Report, ReportFormat, ReportOptions, pdf};
use crate::ui::map_panel::BORDER_REGION;
use crate::ui::map_picture::{self, MapPicture};
use std::path::Path;

/// The main map's size in points when no window gives one (`panj report`).
const MAP_SIZE: egui::Vec2 = egui::vec2(900.0, 560.0);
const INSET_SIZE: egui::Vec2 = egui::vec2(900.0, 330.0);
const MAP_PIXELS: u32 = 1800;
const INSET_PIXELS: u32 = 900;

/// A report whose contents are known, with its pictures still to draw.
pub struct PreparedReport {
    pub report: Report,
    filter: Filter,
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
    ) -> PreparedReport {
        let incidents: Vec<&Incident> = workspace.incidents.iter().map(|i| i.as_ref()).collect();
        let report = Report::build(
            &incidents,
            &workspace.actors,
            &workspace.sources,
            &workspace.filter,
            filter_words,
            options,
        );
        let count = incidents.len();
        let mut map = map.unwrap_or_else(|| {
            let bounds = workspace.map_layer().bounds().map_or(BORDER_REGION, |b| {
                let pad = 0.05;
                [b[0] - pad, b[1] - pad, b[2] + pad, b[3] + pad]
            });
            MapPicture::of_area(workspace, bounds, MAP_SIZE, String::new())
        });
        map.caption = format!(
            "{count} incident{} · filter: {}",
            if count == 1 { "" } else { "s" },
            report.filter_words
        );
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
        PreparedReport {
            report,
            filter: workspace.filter.clone(),
            map,
            inset,
        }
    }

    /// Draws the pictures and writes the report to `out` as HTML or PDF,
    /// with `OUT.manifest.json` beside it (never over the database `db`).
    pub fn write(
        self,
        db: Option<&Path>,
        out: &Path,
        format: ReportFormat,
    ) -> Result<Exported, ExportError> {
        let encode = |picture: MapPicture, width: u32| {
            map_picture::png_bytes(&picture.render(width)).map_err(ExportError::Encode)
        };
        let pictures = Pictures {
            map: Some(encode(self.map, MAP_PIXELS)?),
            inset: Some(encode(self.inset, INSET_PIXELS)?),
        };
        let bytes = match format {
            ReportFormat::Html => html::write(&self.report, &pictures).into_bytes(),
            ReportFormat::Pdf => pdf::write(&self.report, &pictures)
                .map_err(|e| ExportError::Encode(e.to_string()))?,
        };
        write_with_manifest(
            db,
            out,
            format.extension(),
            &bytes,
            self.report.incidents.len(),
            &self.filter,
        )
    }
}
