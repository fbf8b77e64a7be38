//! The Export window (File ▸ Export…, Ctrl+E): the incidents the filter
//! keeps as CSV, GeoJSON or GeoPackage (written on a worker thread, with
//! a manifest beside the file), or the map view as a PNG of a chosen
//! width with its legend and a caption naming the filter (drawn off
//! screen: `ui::map_picture`).

use crate::exchange::export::{self, ExportFormat};
use crate::filter::Filter;
use crate::report::{Paper, ReportFormat, ReportOptions};
use crate::tr;
use crate::ui::Panel;
use crate::ui::map_picture::{self, MapPicture};
use crate::workspace::{Command, Workspace, count_label};
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

/// What the window writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportChoice {
    Data(ExportFormat),
    /// The map's area and groups as shown, with legend and caption.
    MapPng,
    /// A briefing of what the filter keeps (`report`), as one HTML file.
    Report,
}

impl ExportChoice {
    pub const ALL: [ExportChoice; 5] = [
        ExportChoice::Data(ExportFormat::Csv),
        ExportChoice::Data(ExportFormat::Geojson),
        ExportChoice::Data(ExportFormat::Gpkg),
        ExportChoice::MapPng,
        ExportChoice::Report,
    ];

    pub fn label(self) -> String {
        match self {
            ExportChoice::Data(ExportFormat::Csv) => tr!("export-choice-csv"),
            ExportChoice::Data(ExportFormat::Geojson) => tr!("export-choice-geojson"),
            ExportChoice::Data(ExportFormat::Gpkg) => tr!("export-choice-gpkg"),
            ExportChoice::MapPng => tr!("export-choice-png"),
            ExportChoice::Report => tr!("export-choice-report"),
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            ExportChoice::Data(format) => format.extension(),
            ExportChoice::MapPng => "png",
            // The dialog's report format decides: ExportDialog::extension.
            ExportChoice::Report => "html",
        }
    }
}

/// The Export window's state.
pub struct ExportDialog {
    pub open: bool,
    pub choice: ExportChoice,
    pub path: String,
    running: Option<Receiver<Result<String, String>>>,
    /// A map picture or a report was asked of the app, which has not
    /// started its worker yet.
    asked: bool,
    /// The map picture's width in pixels.
    pub png_width: u32,
    /// HTML or PDF.
    pub report_format: ReportFormat,
    /// The title block and paper of the next report.
    pub report_options: ReportOptions,
    /// The map picture or report being drawn: its outcome arrives here.
    picture: Option<Receiver<Result<String, String>>>,
    /// What the last export said.
    outcome: Option<Result<String, String>>,
    /// The chooser drawn in the window where no desktop dialog opens.
    chooser: Option<crate::ui::file_chooser::InWindowChooser>,
}

impl Default for ExportDialog {
    fn default() -> Self {
        ExportDialog {
            open: false,
            choice: ExportChoice::Data(ExportFormat::Csv),
            path: String::new(),
            running: None,
            asked: false,
            png_width: crate::ui::map_picture::DEFAULT_WIDTH,
            report_options: ReportOptions::default(),
            report_format: ReportFormat::Pdf,
            chooser: None,
            picture: None,
            outcome: None,
        }
    }
}

/// The caption a map picture carries: what, how many, which filter, when.
pub fn caption(workspace: &Workspace) -> String {
    let filter = crate::filter::words::describe(&workspace.filter, &workspace.actors);
    tr!(
        "export-caption",
        count = count_label(workspace),
        filter = if filter.is_empty() {
            tr!("export-caption-no-filter")
        } else {
            filter
        },
        when = jiff::Zoned::now().strftime("%Y-%m-%d %H:%M %Z").to_string()
    )
}

impl ExportDialog {
    /// The app started the worker drawing the picture or report asked
    /// for; what it says arrives through `outcome`.
    pub fn started(&mut self, outcome: Receiver<Result<String, String>>) {
        self.asked = false;
        self.picture = Some(outcome);
    }

    /// The app could not start what was asked, for `reason`.
    pub fn failed(&mut self, reason: String) {
        self.asked = false;
        self.outcome = Some(Err(reason));
    }

    /// What the last export said, if it is still shown.
    pub fn outcome(&self) -> Option<&Result<String, String>> {
        self.outcome.as_ref()
    }

    /// The extension of the file the window will write.
    fn extension(&self) -> &'static str {
        match self.choice {
            ExportChoice::Report => self.report_format.extension(),
            choice => choice.extension(),
        }
    }

    pub fn is_busy(&self) -> bool {
        self.running.is_some() || self.asked || self.picture.is_some()
    }

    fn poll(&mut self) {
        for worker in [&mut self.running, &mut self.picture] {
            let Some(receive) = worker else {
                continue;
            };
            match receive.try_recv() {
                Ok(outcome) => {
                    self.outcome = Some(outcome);
                    *worker = None;
                }
                Err(TryRecvError::Empty) => {}
                Err(TryRecvError::Disconnected) => {
                    self.outcome = Some(Err(tr!("export-stopped")));
                    *worker = None;
                }
            }
        }
    }

    fn contents(&mut self, ui: &mut egui::Ui, workspace: &Workspace, commands: &mut Vec<Command>) {
        ui.label(tr!("export-what", count = count_label(workspace)));
        if workspace.is_encrypted() {
            ui.colored_label(ui.visuals().warn_fg_color, tr!("export-encrypted-warning"));
        }
        ui.add_space(4.0);
        for choice in ExportChoice::ALL {
            if ui
                .radio_value(&mut self.choice, choice, choice.label())
                .changed()
            {
                // What the last export wrote is not what this one will.
                self.outcome = None;
                if !self.path.is_empty() {
                    self.path = PathBuf::from(&self.path)
                        .with_extension(self.extension())
                        .display()
                        .to_string();
                }
            }
        }
        let extension = self.extension();
        ui.horizontal(|ui| {
            let name = ui.label(tr!("export-save-as"));
            ui.add(
                egui::TextEdit::singleline(&mut self.path)
                    .hint_text(format!("incidents.{extension}"))
                    .desired_width(320.0),
            )
            .labelled_by(name.id);
            if ui.button(tr!("export-browse")).clicked() {
                use crate::ui::file_chooser::{FileRequest, Picked, pick};
                match pick(FileRequest::save(
                    self.choice.label(),
                    &[extension],
                    format!("incidents.{extension}"),
                )) {
                    Picked::Chosen(path) => self.path = path.display().to_string(),
                    Picked::InWindow(chooser) => self.chooser = Some(chooser),
                    Picked::Cancelled => {}
                }
            }
        });
        if self.choice == ExportChoice::MapPng {
            ui.horizontal(|ui| {
                let name = ui.label(tr!("export-width"));
                ui.add(
                    egui::DragValue::new(&mut self.png_width)
                        .range(crate::ui::map_picture::WIDTHS)
                        .speed(10.0)
                        .suffix(tr!("export-px")),
                )
                .labelled_by(name.id);
            });
            ui.label(egui::RichText::new(tr!("export-the-area-and-groups")).weak());
        } else if self.choice == ExportChoice::Report {
            let before = self.report_format;
            report_fields(ui, &mut self.report_options, &mut self.report_format);
            if before != self.report_format && !self.path.is_empty() {
                self.path = PathBuf::from(&self.path)
                    .with_extension(self.report_format.extension())
                    .display()
                    .to_string();
            }
        } else {
            ui.label(egui::RichText::new(tr!("export-a-manifest-panj-version")).weak());
        }
        ui.separator();
        ui.horizontal(|ui| {
            let ready = !self.path.trim().is_empty() && !self.is_busy();
            let action = match self.choice {
                ExportChoice::MapPng => tr!("export-save-picture"),
                ExportChoice::Report => {
                    tr!("export-write-report", count = workspace.incidents.len())
                }
                ExportChoice::Data(_) => tr!("export-incidents", count = workspace.incidents.len()),
            };
            if ui.add_enabled(ready, egui::Button::new(action)).clicked() {
                let path = PathBuf::from(self.path.trim());
                self.outcome = None;
                match self.choice {
                    ExportChoice::MapPng => {
                        self.asked = true;
                        commands.push(Command::SaveMapPicture {
                            path,
                            width: self.png_width,
                        });
                    }
                    ExportChoice::Report => {
                        self.asked = true;
                        commands.push(Command::WriteReport {
                            path,
                            options: Box::new(self.report_options.clone()),
                            format: self.report_format,
                        });
                    }
                    ExportChoice::Data(format) => {
                        self.running = Some(spawn_export(ui.ctx(), path, format, workspace));
                    }
                }
            }
            if self.is_busy() {
                ui.spinner();
                ui.label(tr!("export-writing"));
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

/// The report's title block: title, author, classification line, paper.
fn report_fields(ui: &mut egui::Ui, options: &mut ReportOptions, format: &mut ReportFormat) {
    egui::Grid::new("report_fields")
        .num_columns(2)
        .spacing([8.0, 4.0])
        .show(ui, |ui| {
            for (label, value, hint) in [
                (
                    tr!("export-report-title"),
                    &mut options.title,
                    tr!("export-report-title-hint"),
                ),
                (
                    tr!("export-report-author"),
                    &mut options.author,
                    tr!("export-report-author-hint"),
                ),
                (
                    tr!("export-report-classification"),
                    &mut options.classification,
                    tr!("export-report-classification-hint"),
                ),
            ] {
                let name = ui.label(label);
                ui.add(
                    egui::TextEdit::singleline(value)
                        .hint_text(hint)
                        .desired_width(320.0),
                )
                .labelled_by(name.id);
                ui.end_row();
            }
            ui.label(tr!("export-format"));
            ui.horizontal(|ui| {
                ui.radio_value(format, ReportFormat::Pdf, tr!("export-pdf"));
                ui.radio_value(format, ReportFormat::Html, tr!("export-html-one-file"));
            });
            ui.end_row();
            ui.label(tr!("export-paper"));
            ui.horizontal(|ui| {
                ui.radio_value(&mut options.paper, Paper::A4, tr!("export-a4"));
                ui.radio_value(&mut options.paper, Paper::Letter, tr!("export-us-letter"));
            });
            ui.end_row();
        });
    ui.label(egui::RichText::new(tr!("export-key-figures-at-least")).weak());
}

fn spawn_export(
    ctx: &egui::Context,
    path: PathBuf,
    format: ExportFormat,
    workspace: &Workspace,
) -> Receiver<Result<String, String>> {
    let db = workspace.database_path().map(PathBuf::from);
    // The window keeps no record whole: the worker reads each by id from
    // the database file. A database in memory (tests) has no second
    // connection: its few records are read whole here.
    let (send, receive) = channel();
    let records = match workspace.kept_records() {
        Ok(records) => records,
        Err(e) => {
            let _ = send.send(Err(e.to_string()));
            return receive;
        }
    };
    let actors = workspace.actors.clone();
    let sources: Vec<_> = workspace.sources.values().cloned().collect();
    let filter: Filter = workspace.filter.clone();
    let ctx = ctx.clone();
    let language = crate::lang::current();
    std::thread::spawn(move || {
        crate::lang::set(language);
        let outcome = export::export_listed(
            db.as_deref(),
            &path,
            format,
            records,
            &actors,
            &sources,
            &filter,
        )
        .map(|written| {
            tr!(
                "export-wrote",
                count = written.count,
                path = written.path.display().to_string(),
                manifest = written.manifest.display().to_string()
            )
        })
        .map_err(|e| e.to_string());
        let _ = send.send(outcome);
        ctx.request_repaint();
    });
    receive
}

/// Draws `picture` `width` pixels wide and saves it as `path` with its
/// manifest; what to tell the analyst.
pub fn save_map_picture(
    picture: MapPicture,
    width: u32,
    db: Option<&std::path::Path>,
    path: &std::path::Path,
    count: usize,
    filter: &Filter,
) -> Result<String, String> {
    let image = picture.render(width);
    let png = map_picture::png_bytes(&image)?;
    let written = export::write_with_manifest(db, path, "png", &png, count, filter)
        .map_err(|e| e.to_string())?;
    Ok(tr!(
        "export-saved-picture",
        width = image.size[0].to_string(),
        height = image.size[1].to_string(),
        path = written.path.display().to_string(),
        manifest = written.manifest.display().to_string()
    ))
}

impl Panel for ExportDialog {
    fn ui(&mut self, ui: &mut egui::Ui, workspace: &Workspace, commands: &mut Vec<Command>) {
        let ctx = &ui.ctx().clone();
        self.poll();
        if !self.open {
            return;
        }
        let mut open = self.open;
        egui::Window::new(tr!("export-export"))
            .order(egui::Order::Foreground)
            .open(&mut open)
            .default_width(520.0)
            .show(ctx, |ui| self.contents(ui, workspace, commands));
        if let Some(path) = crate::ui::file_chooser::chosen(&mut self.chooser, ctx) {
            self.path = path.display().to_string();
        }
        self.open = open;
    }
}
