//! The conflict view: a record whose versions disagree, each conflicting
//! field side by side with who changed it and when ("Casualties: Killed 3
//! → 5 (Amina, 2 Mar) vs → 7 (Bahram, 3 Mar)"), with Keep mine, Keep
//! theirs or (for text) Edit per field. Resolving sends one command; the
//! app writes it as a merge version joining every head.

use crate::lang::Labelled;
use crate::model::merge::{Field, HeadsMerge};
use crate::model::{Incident, Version};
use crate::tr;
use crate::ui::Panel;
use crate::workspace::{Command, Workspace};
use egui::{RichText, Ui};
use std::collections::BTreeMap;
use uuid::Uuid;

/// What the person chose for one field.
#[derive(Debug, Clone, PartialEq)]
enum Choice {
    /// The value of this head (its index in `heads`).
    Keep(usize),
    /// A value typed in (text fields only).
    Edit(String),
}

/// The conflict view's own state: the conflict it shows and the choices.
#[derive(Default)]
pub struct ConflictView {
    open: Option<OpenConflict>,
}

struct OpenConflict {
    record_id: Uuid,
    conflict: HeadsMerge,
    /// The head this database shows ("mine").
    shown: Option<Uuid>,
    choices: BTreeMap<Field, Choice>,
}

impl ConflictView {
    /// Shows the conflict of `record_id` (read by the app from the store).
    pub fn open(&mut self, record_id: Uuid, conflict: HeadsMerge, shown: Option<Uuid>) {
        self.open = Some(OpenConflict {
            record_id,
            conflict,
            shown,
            choices: BTreeMap::new(),
        });
    }

    pub fn close(&mut self) {
        self.open = None;
    }

    pub fn is_open(&self) -> bool {
        self.open.is_some()
    }

    /// The record the view shows, if open.
    pub fn record_id(&self) -> Option<Uuid> {
        self.open.as_ref().map(|o| o.record_id)
    }
}

/// "mine", "theirs", or "Bahram's" when more than two disagree.
fn side_name(open: &OpenConflict, head: &Version) -> String {
    if Some(head.id) == open.shown {
        tr!("conflict-mine")
    } else if open.conflict.heads.len() == 2 {
        tr!("conflict-theirs")
    } else {
        tr!("conflict-whose", who = head.who())
    }
}

/// The window's content; the resolved record when the person saves.
fn body(ui: &mut Ui, open: &mut OpenConflict) -> Option<Incident> {
    let conflict = &open.conflict;
    let mine = conflict
        .heads
        .iter()
        .find(|h| Some(h.id) == open.shown)
        .unwrap_or(&conflict.heads[0]);
    ui.heading(&mine.record.title);
    ui.label(tr!("conflict-two-versions-of-this"));
    let merged_fields = merged_from_one_side(conflict);
    if !merged_fields.is_empty() {
        ui.label(
            RichText::new(tr!(
                "conflict-merged-on-their-own",
                fields = merged_fields.join(", ")
            ))
            .weak(),
        );
    }
    ui.separator();
    let fields = conflict.merge.conflicts.clone();
    egui::ScrollArea::vertical()
        .max_height(420.0)
        .show(ui, |ui| {
            for field in &fields {
                field_row(ui, open, *field);
                ui.separator();
            }
        });
    let chosen = fields.iter().all(|f| open.choices.contains_key(f));
    ui.horizontal(|ui| {
        let save = ui
            .add_enabled(
                chosen,
                egui::Button::new(tr!("conflict-save-the-resolution")),
            )
            .on_hover_text(tr!("conflict-writes-a-merge-version"))
            .on_disabled_hover_text(tr!("conflict-choose-a-value-for"));
        if !chosen {
            ui.label(
                RichText::new(tr!(
                    "conflict-fields-chosen",
                    chosen = open.choices.len(),
                    total = fields.len()
                ))
                .weak(),
            );
        }
        save.clicked().then(|| resolved(open))
    })
    .inner
}

/// The fields the automatic merge took from one side, for the summary line.
fn merged_from_one_side(conflict: &HeadsMerge) -> Vec<String> {
    let Some(base) = &conflict.base else {
        return Vec::new();
    };
    Field::ALL
        .iter()
        .filter(|f| !conflict.merge.conflicts.contains(f))
        .filter(|f| !f.same(&base.record, &conflict.merge.merged))
        .map(|f| {
            let from = conflict
                .heads
                .iter()
                .find(|h| !f.same(&base.record, &h.record))
                .map_or_else(|| tr!("conflict-someone"), |h| h.who().to_string());
            tr!("conflict-field-from", field = f.tr_label(), from = from)
        })
        .collect()
}

fn field_row(ui: &mut Ui, open: &mut OpenConflict, field: Field) {
    ui.strong(field.tr_label());
    let base = open
        .conflict
        .base
        .as_ref()
        .map(|b| open.conflict.describe(field, b));
    if let Some(base) = &base {
        ui.label(RichText::new(tr!("conflict-was", value = base)).weak());
    }
    let heads = open.conflict.heads.clone();
    // Mine first, then the others by version.
    let mut order: Vec<usize> = (0..heads.len()).collect();
    order.sort_by_key(|&n| Some(heads[n].id) != open.shown);
    ui.columns(heads.len(), |columns| {
        for (column, &n) in columns.iter_mut().zip(&order) {
            // Left-aligned, not justified: a long value was drawn with
            // stretched spaces.
            column.with_layout(egui::Layout::top_down(egui::Align::LEFT), |column| {
                let head = &heads[n];
                let name = side_name(open, head);
                column.label(
                    RichText::new(format!(
                        "{} ({}, {})",
                        name,
                        open.conflict.author_of(field, head),
                        head.at.strftime("%Y-%m-%d %H:%M")
                    ))
                    .small(),
                );
                column.strong(open.conflict.describe(field, head));
                let chosen = open.choices.get(&field) == Some(&Choice::Keep(n));
                // A framed button, chosen or not: unchosen, it read as text.
                if column
                    .add(
                        egui::Button::new(tr!("conflict-keep", side = name.as_str()))
                            .selected(chosen),
                    )
                    .clicked()
                {
                    open.choices.insert(field, Choice::Keep(n));
                }
            });
        }
    });
    if field.is_text() {
        let editing = matches!(open.choices.get(&field), Some(Choice::Edit(_)));
        if !editing {
            if ui
                .small_button(tr!("conflict-edit-type-your-own"))
                .on_hover_text(tr!("conflict-neither-type-the-value"))
                .clicked()
            {
                let start = heads
                    .iter()
                    .find(|h| Some(h.id) == open.shown)
                    .unwrap_or(&heads[0]);
                open.choices
                    .insert(field, Choice::Edit(field.describe(&start.record)));
            }
        } else if let Some(Choice::Edit(text)) = open.choices.get_mut(&field) {
            ui.add(
                egui::TextEdit::multiline(text)
                    .desired_rows(2)
                    .desired_width(f32::INFINITY),
            );
        }
    }
}

/// The merged record with every conflicting field as chosen.
fn resolved(open: &OpenConflict) -> Incident {
    let mut record = open.conflict.merge.merged.clone();
    for (field, choice) in &open.choices {
        match choice {
            Choice::Keep(n) => {
                if let Some(head) = open.conflict.heads.get(*n) {
                    field.take(&head.record, &mut record);
                }
            }
            Choice::Edit(text) => field.set_text(&mut record, text),
        }
    }
    record
}

impl Panel for ConflictView {
    fn ui(&mut self, ui: &mut egui::Ui, _workspace: &Workspace, commands: &mut Vec<Command>) {
        let ctx = &ui.ctx().clone();
        let Some(open) = &mut self.open else {
            return;
        };
        let mut keep_open = true;
        let mut resolve = None;
        egui::Window::new(tr!("conflict-conflict"))
            .pivot(egui::Align2::CENTER_TOP)
            .default_pos(ctx.content_rect().center_top() + egui::vec2(0.0, 90.0))
            .open(&mut keep_open)
            .collapsible(false)
            .resizable(true)
            .default_width(640.0)
            .show(ctx, |ui| {
                resolve = body(ui, open);
            });
        if let Some(record) = resolve {
            let heads = open.conflict.heads.iter().map(|v| v.id).collect();
            commands.push(Command::Resolve {
                id: open.record_id,
                heads,
                record: Box::new(record),
            });
        }
        if !keep_open {
            self.open = None;
        }
    }
}
