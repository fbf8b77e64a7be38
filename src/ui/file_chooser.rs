//! Choosing a file: the desktop's own dialog first (rfd), and where none
//! can open (no desktop portal, no zenity: a bare window manager, a remote
//! session) a chooser drawn in the window, which says why it is there.
//!
//! rfd answers "nothing chosen" both when the person cancels and when no
//! dialog could open. A dialog that comes back empty sooner than anyone
//! could cancel one is taken as one that never opened.

use crate::tr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// Faster than a person can see a dialog and cancel it.
const NO_DIALOG: Duration = Duration::from_millis(400);

/// Set to `window` to use the in-window chooser even where a desktop
/// dialog could open.
pub const CHOOSER_VARIABLE: &str = "PANJ_FILE_DIALOG";

static ALWAYS_IN_WINDOW: AtomicBool = AtomicBool::new(false);

/// Uses the in-window chooser from now on, as where no desktop dialog can
/// open (the window's tests, which must never wait on a desktop dialog).
pub fn always_in_window() {
    ALWAYS_IN_WINDOW.store(true, Ordering::Relaxed);
}

/// What the caller wants chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRequest {
    /// The filter's name ("panj bundle").
    pub kind: String,
    /// Extensions without the dot; empty: any file.
    pub extensions: Vec<String>,
    /// The proposed name when saving; `None`: an existing file to open.
    pub save_as: Option<String>,
}

impl FileRequest {
    pub fn open(kind: String, extensions: &[&str]) -> FileRequest {
        FileRequest {
            kind,
            extensions: extensions.iter().map(|e| e.to_string()).collect(),
            save_as: None,
        }
    }

    pub fn save(kind: String, extensions: &[&str], name: String) -> FileRequest {
        FileRequest {
            save_as: Some(name),
            ..FileRequest::open(kind, extensions)
        }
    }

    fn fits(&self, name: &str) -> bool {
        self.extensions.is_empty()
            || self.extensions.iter().any(|e| {
                name.rsplit_once('.')
                    .is_some_and(|(_, ext)| ext.eq_ignore_ascii_case(e))
            })
    }
}

/// What asking for a file gave.
#[derive(Debug)]
pub enum Picked {
    Chosen(PathBuf),
    Cancelled,
    /// No desktop dialog could open: draw this until it answers.
    InWindow(InWindowChooser),
}

/// Asks the desktop's dialog for a file, falling back to the in-window
/// chooser when none can open.
pub fn pick(request: FileRequest) -> Picked {
    if ALWAYS_IN_WINDOW.load(Ordering::Relaxed)
        || std::env::var(CHOOSER_VARIABLE).is_ok_and(|v| v == "window")
    {
        return Picked::InWindow(InWindowChooser::new(request));
    }
    let started = Instant::now();
    let extensions: Vec<&str> = request.extensions.iter().map(String::as_str).collect();
    let mut dialog = rfd::FileDialog::new();
    if !extensions.is_empty() {
        dialog = dialog.add_filter(&request.kind, &extensions);
    }
    let chosen = match &request.save_as {
        Some(name) => dialog.set_file_name(name).save_file(),
        None => dialog.pick_file(),
    };
    match chosen {
        Some(path) => Picked::Chosen(path),
        None if started.elapsed() < NO_DIALOG => Picked::InWindow(InWindowChooser::new(request)),
        None => Picked::Cancelled,
    }
}

/// An entry of the folder shown.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    name: String,
    folder: bool,
}

/// The chooser drawn in the window.
#[derive(Debug)]
pub struct InWindowChooser {
    request: FileRequest,
    folder: PathBuf,
    /// The folder as typed, applied on Enter.
    folder_text: String,
    name: String,
    listing: Result<Vec<Entry>, String>,
}

impl InWindowChooser {
    pub fn new(request: FileRequest) -> InWindowChooser {
        let folder = directories::UserDirs::new()
            .map(|d| d.home_dir().to_path_buf())
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_else(|| PathBuf::from("/"));
        let mut chooser = InWindowChooser {
            name: request.save_as.clone().unwrap_or_default(),
            request,
            folder_text: String::new(),
            folder: PathBuf::new(),
            listing: Ok(Vec::new()),
        };
        chooser.enter(folder);
        chooser
    }

    /// Shows `folder`'s subfolders and the files the request takes.
    fn enter(&mut self, folder: PathBuf) {
        self.folder_text = folder.display().to_string();
        self.listing = list(&folder, &self.request);
        self.folder = folder;
    }

    /// The chooser's window: `Some(Some(path))` once a file is chosen,
    /// `Some(None)` when cancelled, `None` while it stays open.
    pub fn ui(&mut self, ctx: &egui::Context) -> Option<Option<PathBuf>> {
        let saving = self.request.save_as.is_some();
        let title = if saving {
            tr!("chooser-title-save")
        } else {
            tr!("chooser-title-open")
        };
        let mut answer = None;
        let mut open = true;
        egui::Window::new(title)
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .fixed_size([520.0, 380.0])
            .show(ctx, |ui| {
                ui.label(egui::RichText::new(tr!("chooser-no-desktop-dialog")).weak());
                ui.horizontal(|ui| {
                    let label = ui.label(tr!("chooser-folder"));
                    if ui.button(tr!("chooser-up")).clicked()
                        && let Some(parent) = self.folder.parent()
                    {
                        self.enter(parent.to_path_buf());
                    }
                    let field = ui
                        .add(
                            egui::TextEdit::singleline(&mut self.folder_text)
                                .desired_width(f32::INFINITY),
                        )
                        .labelled_by(label.id);
                    if field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                        self.enter(PathBuf::from(self.folder_text.trim()));
                    }
                });
                let mut entered = None;
                egui::ScrollArea::vertical()
                    .max_height(240.0)
                    .auto_shrink([false, false])
                    .show(ui, |ui| match &self.listing {
                        Err(e) => {
                            ui.colored_label(
                                ui.visuals().error_fg_color,
                                tr!("chooser-cannot-read-folder", error = e.as_str()),
                            );
                        }
                        Ok(entries) if entries.is_empty() => {
                            ui.label(egui::RichText::new(tr!("chooser-empty")).weak());
                        }
                        Ok(entries) => {
                            for entry in entries {
                                // A folder ends in "/", as `ls -F` shows
                                // it (the shipped fonts have no icon).
                                let text = if entry.folder {
                                    format!("{}/", entry.name)
                                } else {
                                    entry.name.clone()
                                };
                                let picked = !entry.folder && entry.name == self.name;
                                let clicked = ui.selectable_label(picked, text);
                                if clicked.clicked() {
                                    if entry.folder {
                                        entered = Some(self.folder.join(&entry.name));
                                    } else {
                                        self.name = entry.name.clone();
                                    }
                                }
                                if clicked.double_clicked() && !entry.folder {
                                    answer = Some(Some(self.folder.join(&entry.name)));
                                }
                            }
                        }
                    });
                if let Some(folder) = entered {
                    self.enter(folder);
                }
                ui.horizontal(|ui| {
                    let label = ui.label(tr!("chooser-name"));
                    let field = ui
                        .add(egui::TextEdit::singleline(&mut self.name).desired_width(300.0))
                        .labelled_by(label.id);
                    if field.lost_focus()
                        && ui.input(|i| i.key_pressed(egui::Key::Enter))
                        && !self.name.trim().is_empty()
                    {
                        answer = Some(Some(self.folder.join(self.name.trim())));
                    }
                });
                ui.horizontal(|ui| {
                    let confirm = if saving {
                        tr!("chooser-save")
                    } else {
                        tr!("chooser-open")
                    };
                    if ui
                        .add_enabled(!self.name.trim().is_empty(), egui::Button::new(confirm))
                        .clicked()
                    {
                        answer = Some(Some(self.folder.join(self.name.trim())));
                    }
                    if ui.button(tr!("chooser-cancel")).clicked()
                        || ui.input(|i| i.key_pressed(egui::Key::Escape))
                    {
                        answer = Some(None);
                    }
                });
            });
        if !open {
            answer = Some(None);
        }
        answer
    }
}

/// Draws the chooser in `slot`, if one is open: the file chosen once
/// the person chooses one, the slot then emptied (also on Cancel).
pub fn chosen(slot: &mut Option<InWindowChooser>, ctx: &egui::Context) -> Option<PathBuf> {
    let answer = slot.as_mut()?.ui(ctx)?;
    *slot = None;
    answer
}

/// A folder's subfolders, then the files `request` takes, by name;
/// hidden ones left out.
fn list(folder: &Path, request: &FileRequest) -> Result<Vec<Entry>, String> {
    let mut entries: Vec<Entry> = std::fs::read_dir(folder)
        .map_err(|e| e.to_string())?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().to_string();
            let folder = e.file_type().ok()?.is_dir()
                || (e.file_type().ok()?.is_symlink() && e.path().is_dir());
            (!name.starts_with('.') && (folder || request.fits(&name)))
                .then_some(Entry { name, folder })
        })
        .collect();
    entries.sort_by(|a, b| {
        b.folder
            .cmp(&a.folder)
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
    });
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_lists_its_subfolders_first_and_only_the_files_asked_for() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("zeta")).unwrap();
        std::fs::create_dir(dir.path().join(".hidden")).unwrap();
        for name in ["b.panjb", "A.PANJB", "notes.txt"] {
            std::fs::write(dir.path().join(name), "x").unwrap();
        }
        let request = FileRequest::open("bundle".into(), &["panjb"]);
        let names: Vec<String> = list(dir.path(), &request)
            .unwrap()
            .into_iter()
            .map(|e| e.name)
            .collect();
        assert_eq!(names, ["zeta", "A.PANJB", "b.panjb"]);
        assert!(list(&dir.path().join("missing"), &request).is_err());
    }
}
