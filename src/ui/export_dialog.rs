//! The Export window (File ▸ Export…, Ctrl+E): the incidents the filter
//! keeps as CSV, GeoJSON or GeoPackage (written on a worker thread, with
//! a manifest beside the file), or the map view as a PNG with its legend
//! and a caption naming the filter.

use crate::app::{Workspace, count_label};
use crate::exchange::export::{self, ExportFormat};
use crate::filter::Filter;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

/// What the window writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportChoice {
    Data(ExportFormat),
    /// The map as it is on screen, with legend and caption.
    MapPng,
}

impl ExportChoice {
    pub const ALL: [ExportChoice; 4] = [
        ExportChoice::Data(ExportFormat::Csv),
        ExportChoice::Data(ExportFormat::Geojson),
        ExportChoice::Data(ExportFormat::Gpkg),
        ExportChoice::MapPng,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ExportChoice::Data(ExportFormat::Csv) => "CSV (spreadsheets)",
            ExportChoice::Data(ExportFormat::Geojson) => "GeoJSON (QGIS, web maps)",
            ExportChoice::Data(ExportFormat::Gpkg) => "GeoPackage (QGIS, ArcGIS)",
            ExportChoice::MapPng => "PNG image of the map view",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            ExportChoice::Data(format) => format.extension(),
            ExportChoice::MapPng => "png",
        }
    }
}

/// The Export window's state.
pub struct ExportDialog {
    pub open: bool,
    pub choice: ExportChoice,
    pub path: String,
    running: Option<Receiver<Result<String, String>>>,
    /// A map picture asked for: the app takes the next frame's screenshot.
    pub png_request: Option<PathBuf>,
    /// What the last export said.
    pub outcome: Option<Result<String, String>>,
    /// A picture of the map is being taken: the window stays out of it.
    pub capturing: bool,
}

impl Default for ExportDialog {
    fn default() -> Self {
        ExportDialog {
            open: false,
            choice: ExportChoice::Data(ExportFormat::Csv),
            path: String::new(),
            running: None,
            png_request: None,
            outcome: None,
            capturing: false,
        }
    }
}

/// The caption a map picture carries: what, how many, which filter, when.
pub fn caption(workspace: &Workspace) -> String {
    let filter = crate::ui::filter_panel::describe(&workspace.filter, &workspace.actors);
    format!(
        "panj · {} · filter: {} · {}",
        count_label(workspace),
        if filter.is_empty() {
            "none".to_string()
        } else {
            filter
        },
        jiff::Zoned::now().strftime("%Y-%m-%d %H:%M %Z")
    )
}

impl ExportDialog {
    pub fn is_busy(&self) -> bool {
        self.running.is_some() || self.png_request.is_some()
    }

    fn poll(&mut self) {
        if let Some(receive) = &self.running {
            match receive.try_recv() {
                Ok(outcome) => {
                    self.outcome = Some(outcome);
                    self.running = None;
                }
                Err(TryRecvError::Empty) => {}
                Err(TryRecvError::Disconnected) => {
                    self.outcome = Some(Err("the export stopped unexpectedly".into()));
                    self.running = None;
                }
            }
        }
    }

    pub fn ui(&mut self, ctx: &egui::Context, workspace: &Workspace) {
        self.poll();
        if !self.open || self.capturing {
            return;
        }
        let mut open = self.open;
        egui::Window::new("Export")
            .order(egui::Order::Foreground)
            .open(&mut open)
            .default_width(520.0)
            .show(ctx, |ui| self.contents(ui, workspace));
        self.open = open;
    }

    fn contents(&mut self, ui: &mut egui::Ui, workspace: &Workspace) {
        ui.label(format!(
            "Exports what the filter keeps: {}.",
            count_label(workspace)
        ));
        ui.add_space(4.0);
        for choice in ExportChoice::ALL {
            if ui
                .radio_value(&mut self.choice, choice, choice.label())
                .changed()
                && !self.path.is_empty()
            {
                self.path = PathBuf::from(&self.path)
                    .with_extension(choice.extension())
                    .display()
                    .to_string();
            }
        }
        ui.horizontal(|ui| {
            let name = ui.label("Save as");
            ui.add(
                egui::TextEdit::singleline(&mut self.path)
                    .hint_text(format!("incidents.{}", self.choice.extension()))
                    .desired_width(320.0),
            )
            .labelled_by(name.id);
            if ui.button("Browse…").clicked()
                && let Some(path) = rfd::FileDialog::new()
                    .set_file_name(format!("incidents.{}", self.choice.extension()))
                    .add_filter(self.choice.label(), &[self.choice.extension()])
                    .save_file()
            {
                self.path = path.display().to_string();
            }
        });
        if self.choice == ExportChoice::MapPng {
            ui.label(
                egui::RichText::new(
                    "The picture is the map as shown now (switch to the Map view first), with its legend and a caption naming the filter.",
                )
                .weak(),
            );
        } else {
            ui.label(
                egui::RichText::new(
                    "A manifest (panj version, filter, count, time, SHA-256) is written beside the file.",
                )
                .weak(),
            );
        }
        ui.separator();
        ui.horizontal(|ui| {
            let ready = !self.path.trim().is_empty() && !self.is_busy();
            let action = match self.choice {
                ExportChoice::MapPng => "Save the picture".to_string(),
                ExportChoice::Data(_) => format!("Export {} incidents", workspace.incidents.len()),
            };
            if ui.add_enabled(ready, egui::Button::new(action)).clicked() {
                let path = PathBuf::from(self.path.trim());
                self.outcome = None;
                match self.choice {
                    ExportChoice::MapPng => self.png_request = Some(path),
                    ExportChoice::Data(format) => {
                        self.running = Some(spawn_export(ui.ctx(), path, format, workspace));
                    }
                }
            }
            if self.is_busy() {
                ui.spinner();
                ui.label("Writing…");
            }
        });
        match &self.outcome {
            Some(Ok(message)) => {
                ui.label(message.as_str());
            }
            Some(Err(message)) => {
                ui.colored_label(ui.visuals().error_fg_color, message.as_str());
            }
            None => {}
        }
    }
}

fn spawn_export(
    ctx: &egui::Context,
    path: PathBuf,
    format: ExportFormat,
    workspace: &Workspace,
) -> Receiver<Result<String, String>> {
    let incidents: Vec<_> = workspace.incidents.iter().map(|i| (**i).clone()).collect();
    let actors = workspace.actors.clone();
    let sources: Vec<_> = workspace.sources.values().cloned().collect();
    let filter: Filter = workspace.filter.clone();
    let db = workspace.store.path().map(PathBuf::from);
    let (send, receive) = channel();
    let ctx = ctx.clone();
    std::thread::spawn(move || {
        let outcome = export::export(
            db.as_deref(),
            &path,
            format,
            &incidents,
            &actors,
            &sources,
            &filter,
        )
        .map(|written| {
            format!(
                "Wrote {} incidents to {} (manifest {}).",
                written.count,
                written.path.display(),
                written.manifest.display()
            )
        })
        .map_err(|e| e.to_string());
        let _ = send.send(outcome);
        ctx.request_repaint();
    });
    receive
}

/// The part of a screenshot inside `rect` (points; `pixels_per_point`
/// converts) as PNG bytes.
pub fn crop_to_png(
    image: &egui::ColorImage,
    rect: egui::Rect,
    pixels_per_point: f32,
) -> Result<Vec<u8>, String> {
    let [width, height] = image.size;
    let clamp_x = |x: f32| ((x * pixels_per_point).round().max(0.0) as usize).min(width);
    let clamp_y = |y: f32| ((y * pixels_per_point).round().max(0.0) as usize).min(height);
    let (x0, x1) = (clamp_x(rect.min.x), clamp_x(rect.max.x));
    let (y0, y1) = (clamp_y(rect.min.y), clamp_y(rect.max.y));
    if x1 <= x0 || y1 <= y0 {
        return Err("the map is not on screen; show the Map view and try again".into());
    }
    let mut rgba = Vec::with_capacity((x1 - x0) * (y1 - y0) * 4);
    for y in y0..y1 {
        for pixel in &image.pixels[y * width + x0..y * width + x1] {
            rgba.extend_from_slice(&pixel.to_srgba_unmultiplied());
        }
    }
    let mut png = Vec::new();
    image::ImageEncoder::write_image(
        image::codecs::png::PngEncoder::new(&mut png),
        &rgba,
        (x1 - x0) as u32,
        (y1 - y0) as u32,
        image::ExtendedColorType::Rgba8,
    )
    .map_err(|e| format!("cannot encode the PNG: {e}"))?;
    Ok(png)
}

/// Saves the map part of a screenshot as `path` with its manifest.
pub fn save_map_picture(
    image: &egui::ColorImage,
    rect: egui::Rect,
    pixels_per_point: f32,
    db: Option<&std::path::Path>,
    path: &std::path::Path,
    count: usize,
    filter: &Filter,
) -> Result<String, String> {
    let png = crop_to_png(image, rect, pixels_per_point)?;
    let written = export::write_with_manifest(db, path, "png", &png, count, filter)
        .map_err(|e| e.to_string())?;
    Ok(format!(
        "Saved the map view to {} (manifest {}).",
        written.path.display(),
        written.manifest.display()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_picture_is_the_map_rectangle_of_the_screenshot() {
        let mut image = egui::ColorImage::filled([40, 30], egui::Color32::WHITE);
        // A red block where the map is, at 2 pixels per point.
        for y in 10..30 {
            for x in 20..40 {
                image.pixels[y * 40 + x] = egui::Color32::RED;
            }
        }
        let rect = egui::Rect::from_min_max(egui::pos2(10.0, 5.0), egui::pos2(20.0, 15.0));
        let png = crop_to_png(&image, rect, 2.0).unwrap();
        let decoded = image::load_from_memory(&png).unwrap().to_rgba8();
        assert_eq!(decoded.dimensions(), (20, 20));
        assert!(decoded.pixels().all(|p| p.0 == [255, 0, 0, 255]));
        let off_screen = egui::Rect::from_min_max(egui::pos2(50.0, 50.0), egui::pos2(60.0, 60.0));
        assert!(crop_to_png(&image, off_screen, 2.0).is_err());
    }
}
