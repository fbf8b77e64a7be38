//! The New from text… window (Ctrl+Shift+N): the analyst pastes a news
//! report or communiqué, gives its publication date (taken from a date
//! line when the text has one) and its source, and panj proposes one draft
//! incident per event told (`extract`). The words each field came from are
//! highlighted in the text; a click on a highlight shows its field, a
//! click on a field shows its words. A draft opens in the normal form,
//! where nothing is stored until Save.

use crate::extract::{self, Draft, Known};
use crate::geo::gazetteer::Gazetteer;
use crate::lang::Labelled;
use crate::tr;
use crate::ui::Panel;
use crate::workspace::{Command, Workspace};
use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, RichText};
use jiff::civil::Date;
use std::collections::BTreeSet;
use std::ops::Range;
use uuid::Uuid;

/// The window's state.
#[derive(Default)]
pub struct FromTextWindow {
    pub open: bool,
    pub text: String,
    /// The publication date as typed (YYYY-MM-DD).
    pub published: String,
    /// The analyst typed the date: a date line no longer replaces it.
    published_typed: bool,
    pub source: Option<Uuid>,
    proposal: Option<Proposal>,
    dropped: BTreeSet<usize>,
    opened: BTreeSet<usize>,
    /// The field shown: (draft, evidence) indexes.
    pub focus: Option<(usize, usize)>,
    scroll_to_focus: bool,
    focus_text: bool,
    /// Where the text cursor was (in characters), to notice a click.
    last_cursor: Option<usize>,
    /// Why a dropped file was not taken.
    dropped_error: Option<String>,
}

/// Drafts for one text, date and source.
struct Proposal {
    made_for: (String, Date, Option<Uuid>),
    drafts: Vec<Draft>,
}

/// The colour a field's words are marked with in the text.
fn field_colour(field: &str, dark: bool) -> Color32 {
    let (r, g, b) = match field {
        "date" => (90, 140, 230),
        "location" => (60, 170, 90),
        "casualties" => (220, 80, 80),
        "claims" => (160, 100, 210),
        _ => (220, 150, 40),
    };
    Color32::from_rgba_unmultiplied(r, g, b, if dark { 90 } else { 70 })
}

fn field_label(field: &str) -> String {
    match field {
        "date" => tr!("fromtext-field-when"),
        "location" => tr!("fromtext-field-where"),
        "casualties" => tr!("fromtext-field-toll"),
        "claims" => tr!("fromtext-field-blamed"),
        _ => tr!("fromtext-field-what"),
    }
}

impl FromTextWindow {
    pub fn show(&mut self) {
        self.open = true;
        self.focus_text = self.text.is_empty();
    }

    /// The drafts proposed for the text as it is now.
    pub fn drafts(&self) -> &[Draft] {
        self.proposal.as_ref().map_or(&[], |p| &p.drafts)
    }

    /// The marked words of every draft not dropped: (byte range, field).
    pub fn highlighted(&self) -> Vec<(Range<usize>, &'static str)> {
        self.drafts()
            .iter()
            .enumerate()
            .filter(|(n, _)| !self.dropped.contains(n))
            .flat_map(|(_, d)| d.evidence.iter().map(|e| (e.span.clone(), e.field)))
            .collect()
    }

    /// Shows the field whose words are at byte `at` of the text, as a
    /// click there does.
    pub fn select_at(&mut self, at: usize) {
        let found = self.drafts().iter().enumerate().find_map(|(n, d)| {
            if self.dropped.contains(&n) {
                return None;
            }
            d.evidence
                .iter()
                .position(|e| e.span.start <= at && at < e.span.end)
                .map(|k| (n, k))
        });
        if found.is_some() {
            self.focus = found;
            self.scroll_to_focus = true;
        }
    }

    /// A text file dropped on the window becomes the text (a report saved
    /// from a browser or a mail); anything else is said, not read.
    fn take_dropped_file(&mut self, ctx: &egui::Context) {
        let dropped = ctx.input(|i| i.raw.dropped_files.first().map(|f| f.path().to_path_buf()));
        let Some(path) = dropped else {
            return;
        };
        match crate::reading::read(&path, crate::reading::Kind::Report).map(String::from_utf8) {
            Ok(Ok(text)) => {
                self.text = text;
                self.published_typed = false;
                self.dropped_error = None;
            }
            Ok(Err(_)) => {
                self.dropped_error =
                    Some(tr!("fromtext-not-utf8", file = path.display().to_string()));
            }
            Err(e) => self.dropped_error = Some(e.to_string()),
        }
    }

    fn published_date(&self) -> Option<Date> {
        self.published.trim().parse().ok()
    }

    /// Proposes again when the text, date or source changed.
    fn refresh(&mut self, workspace: &Workspace) {
        if !self.published_typed {
            let today = jiff::Zoned::now().date();
            if let Some((date, _)) = extract::date_line(&self.text, today) {
                self.published = date.to_string();
            } else if self.published.is_empty() {
                self.published = today.to_string();
            }
        }
        let Some(published) = self.published_date() else {
            self.proposal = None;
            return;
        };
        // Compared in place: the text is copied only when it changed.
        if self.proposal.as_ref().is_some_and(|p| {
            p.made_for.0 == self.text && p.made_for.1 == published && p.made_for.2 == self.source
        }) {
            return;
        }
        let key = (self.text.clone(), published, self.source);
        let actors: Vec<_> = workspace.actors.iter().cloned().collect();
        let known = Known {
            actors: &actors,
            gazetteer: Gazetteer::shipped(),
            source: self.source,
        };
        let drafts = extract::extract(&self.text, published, &known);
        self.proposal = Some(Proposal {
            made_for: key,
            drafts,
        });
        self.dropped.clear();
        self.opened.clear();
        self.focus = None;
    }

    fn contents(&mut self, ui: &mut egui::Ui, workspace: &Workspace, commands: &mut Vec<Command>) {
        ui.horizontal(|ui| {
            let name = ui.label(tr!("fromtext-published"));
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut self.published)
                        .desired_width(100.0)
                        .hint_text(tr!("fromtext-yyyy-mm-dd")),
                )
                .labelled_by(name.id);
            if field.changed() {
                self.published_typed = true;
            }
            if self.published_date().is_none() {
                ui.colored_label(ui.visuals().error_fg_color, tr!("fromtext-date-format"));
            } else if !self.published_typed {
                ui.label(RichText::new(tr!("fromtext-from-the-date-line")).weak());
            }
            ui.separator();
            let name = ui.label(tr!("fromtext-source"));
            let chosen = self
                .source
                .and_then(|id| workspace.sources.get(&id))
                .map_or_else(|| tr!("fromtext-none"), |s| s.title.clone());
            egui::ComboBox::from_id_salt("from_text_source")
                .selected_text(chosen)
                .width(320.0)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.source, None, tr!("fromtext-none"));
                    for source in workspace.sources.values() {
                        ui.selectable_value(&mut self.source, Some(source.id), &source.title);
                    }
                })
                .response
                .labelled_by(name.id);
        });
        if let Some(error) = &self.dropped_error {
            ui.colored_label(ui.visuals().error_fg_color, error);
        }
        ui.label(RichText::new(tr!("fromtext-paste-type-or-drop")).weak());
        ui.separator();
        let dark = ui.visuals().dark_mode;
        let marks = self.highlighted();
        let focused = self
            .focus
            .and_then(|(n, k)| self.drafts().get(n).and_then(|d| d.evidence.get(k)))
            .map(|e| e.span.clone());
        ui.columns(2, |columns| {
            let left = &mut columns[0];
            let name = left.label(RichText::new(tr!("fromtext-report-text")).strong());
            egui::ScrollArea::vertical()
                .id_salt("from_text_text")
                .auto_shrink([false, false])
                .show(left, |ui| {
                    let mut layouter =
                        |ui: &egui::Ui, text: &dyn egui::TextBuffer, wrap_width: f32| {
                            let job = marked_text(
                                ui,
                                text.as_str(),
                                &marks,
                                focused.as_ref(),
                                dark,
                                wrap_width,
                            );
                            ui.fonts_mut(|f| f.layout_job(job))
                        };
                    let output = egui::TextEdit::multiline(&mut self.text)
                        .desired_width(f32::INFINITY)
                        .desired_rows(18)
                        .min_size(egui::vec2(0.0, ui.available_height()))
                        .hint_text(tr!("fromtext-paste-a-news-report"))
                        .layouter(&mut layouter)
                        .show(ui);
                    let response = output.response.response.clone().labelled_by(name.id);
                    if std::mem::take(&mut self.focus_text) {
                        response.request_focus();
                    }
                    // The cursor moved without typing (a click, the arrow
                    // keys): show the field of the words it is in.
                    let cursor = output.cursor_range.map(|r| r.primary.index.0);
                    if cursor != self.last_cursor
                        && !response.changed()
                        && let Some(chars) = cursor
                    {
                        let at = self
                            .text
                            .char_indices()
                            .nth(chars)
                            .map_or(self.text.len(), |(b, _)| b);
                        self.select_at(at);
                    }
                    self.last_cursor = cursor;
                });
            let right = &mut columns[1];
            self.drafts_ui(right, workspace, commands);
        });
    }

    fn drafts_ui(&mut self, ui: &mut egui::Ui, workspace: &Workspace, commands: &mut Vec<Command>) {
        let live = (0..self.drafts().len())
            .filter(|n| !self.dropped.contains(n))
            .count();
        ui.label(
            RichText::new(match live {
                0 if self.text.trim().is_empty() => tr!("fromtext-drafts-appear-here"),
                0 => tr!("fromtext-no-event-found"),
                n => tr!("fromtext-drafts", count = n),
            })
            .strong(),
        );
        let dark = ui.visuals().dark_mode;
        let mut open_draft = None;
        let mut drop = None;
        let mut focus = None;
        egui::ScrollArea::vertical()
            .id_salt("from_text_drafts")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                for (n, draft) in self.drafts().iter().enumerate() {
                    if self.dropped.contains(&n) {
                        continue;
                    }
                    egui::Frame::group(ui.style()).show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        let i = &draft.incident;
                        ui.label(RichText::new(format!("{}. {}", n + 1, i.title)).strong());
                        ui.label(tr!(
                            "fromtext-draft-line",
                            when = crate::ui::shown_date(&i.date),
                            place = i.location.place_name.as_str(),
                            precision = i.location.precision.tr_label().to_lowercase(),
                            killed = i.killed_label(),
                            wounded = i.wounded()
                        ));
                        for (k, evidence) in draft.evidence.iter().enumerate() {
                            let selected = self.focus == Some((n, k));
                            let row = ui.horizontal(|ui| {
                                let (rect, _) = ui.allocate_exact_size(
                                    egui::vec2(10.0, 10.0),
                                    egui::Sense::hover(),
                                );
                                ui.painter().rect_filled(
                                    rect,
                                    2.0,
                                    field_colour(evidence.field, dark).gamma_multiply(2.5),
                                );
                                let text = if evidence.reading.is_empty() {
                                    format!(
                                        "{} \"{}\"",
                                        field_label(evidence.field),
                                        evidence.words
                                    )
                                } else {
                                    format!(
                                        "{} \"{}\": {}",
                                        field_label(evidence.field),
                                        evidence.words,
                                        evidence.reading
                                    )
                                };
                                ui.add(egui::Button::selectable(selected, text).wrap())
                            });
                            if row.inner.clicked() {
                                focus = Some((n, k));
                            }
                            if selected && self.scroll_to_focus {
                                row.response.scroll_to_me(Some(egui::Align::Center));
                            }
                        }
                        for line in i.notes.lines().skip(1) {
                            ui.label(RichText::new(line).weak());
                        }
                        ui.horizontal(|ui| {
                            let label = if self.opened.contains(&n) {
                                tr!("fromtext-open-again")
                            } else {
                                tr!("fromtext-open")
                            };
                            if ui
                                .add_enabled(!workspace.is_read_only(), egui::Button::new(label))
                                .on_hover_text(tr!("fromtext-edit-and-save-it"))
                                .clicked()
                            {
                                open_draft = Some(n);
                            }
                            if ui.button(tr!("fromtext-drop")).clicked() {
                                drop = Some(n);
                            }
                            if self.opened.contains(&n) {
                                ui.label(RichText::new(tr!("fromtext-opened")).weak());
                            }
                        });
                    });
                    ui.add_space(4.0);
                }
            });
        self.scroll_to_focus = false;
        if let Some(found) = focus {
            self.focus = Some(found);
        }
        if let Some(n) = drop {
            self.dropped.insert(n);
            self.focus = None;
        }
        if let Some(n) = open_draft
            && let Some(draft) = self.drafts().get(n)
        {
            commands.push(Command::OpenProposed(Box::new(draft.incident.clone())));
            self.opened.insert(n);
            // Out of the form's way; Ctrl+Shift+N brings it back, drafts
            // and all, for the next one.
            self.open = false;
        }
    }
}

/// The text with each field's words marked, the shown one more strongly.
fn marked_text(
    ui: &egui::Ui,
    text: &str,
    marks: &[(Range<usize>, &'static str)],
    focused: Option<&Range<usize>>,
    dark: bool,
    wrap_width: f32,
) -> LayoutJob {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let plain = TextFormat {
        font_id: font,
        color: ui.visuals().text_color(),
        ..Default::default()
    };
    // Marks of an earlier text may not fit this one while it is typed.
    let mut marks: Vec<&(Range<usize>, &str)> = marks
        .iter()
        .filter(|(r, _)| {
            r.end <= text.len() && text.is_char_boundary(r.start) && text.is_char_boundary(r.end)
        })
        .collect();
    marks.sort_by_key(|(r, _)| r.start);
    let mut job = LayoutJob::default();
    let mut at = 0;
    for (range, field) in marks {
        if range.start < at {
            continue;
        }
        job.append(&text[at..range.start], 0.0, plain.clone());
        let mut marked = plain.clone();
        marked.background = if focused == Some(range) {
            field_colour(field, dark).gamma_multiply(1.9)
        } else {
            field_colour(field, dark)
        };
        job.append(&text[range.clone()], 0.0, marked);
        at = range.end;
    }
    job.append(&text[at..], 0.0, plain);
    job.wrap.max_width = wrap_width;
    job
}

impl Panel for FromTextWindow {
    fn ui(&mut self, ui: &mut egui::Ui, workspace: &Workspace, commands: &mut Vec<Command>) {
        let ctx = &ui.ctx().clone();
        if !self.open {
            return;
        }
        self.take_dropped_file(ctx);
        self.refresh(workspace);
        let mut open = self.open;
        let screen = ctx.content_rect();
        egui::Window::new(tr!("fromtext-new-from-text"))
            .open(&mut open)
            .default_size([
                (screen.width() - 80.0).min(1100.0),
                (screen.height() - 120.0).min(640.0),
            ])
            .default_pos(
                screen.center_top() + egui::vec2(-(screen.width() - 80.0).min(1100.0) / 2.0, 60.0),
            )
            .show(ctx, |ui| self.contents(ui, workspace, commands));
        // Closed by its button, or by opening a draft in the form.
        self.open &= open;
    }
}
