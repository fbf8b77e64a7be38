//! Export ▸ Report… and `panj report`: the workspace's filter of the
//! moment as a briefing. [`prepare`] takes what the report is made of
//! from the workspace (the kept incidents' ids; the map views, drawn later
//! by the ui's map painter); `report::PreparedReport::write`, which the
//! window runs on a worker, reads those records whole, works the contents
//! out (`report::Report::build`, a pass over every kept record: seconds
//! at a million), draws the map pictures and writes the file.

use super::Workspace;
use crate::report::html::Pictures;
use crate::report::{PreparedReport, ReportInputs, ReportOptions};
use crate::ui::map_panel::BORDER_REGION;
use crate::ui::map_picture::{self, MapPicture};

/// The main map's size in points when no window gives one (`panj report`).
const MAP_SIZE: egui::Vec2 = egui::vec2(900.0, 560.0);
const INSET_SIZE: egui::Vec2 = egui::vec2(900.0, 330.0);
const MAP_PIXELS: u32 = 1800;
const INSET_PIXELS: u32 = 900;

/// The report of what `workspace` shows. `map` is the window's map view;
/// without one (the command line), the map fits the incidents.
pub fn prepare(
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
    let inputs = ReportInputs {
        records: workspace.kept_records()?,
        actors: workspace.actors.clone(),
        sources: workspace.sources.clone(),
        filter: workspace.filter.clone(),
        filter_words: filter_words.to_string(),
        options,
    };
    let inset_outlined = inset.outline.is_some();
    let pictures = Box::new(move |caption: &str| {
        let mut map = map;
        map.caption = caption.to_string();
        let encode =
            |picture: MapPicture, width: u32| map_picture::png_bytes(&picture.render(width));
        Ok(Pictures {
            map: Some(encode(map, MAP_PIXELS)?),
            inset: Some(encode(inset, INSET_PIXELS)?),
            inset_outlined,
        })
    });
    Ok(PreparedReport::new(inputs, pictures))
}
