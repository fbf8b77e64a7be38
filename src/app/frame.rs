//! One frame of the window, laid out: the toolbar, the status bar, the
//! panels around the main view, and the windows over it. Every panel
//! reads the workspace and pushes commands, carried out after the frame
//! (`command_handling/`).

use super::menus::{analyst_bar, deleted_notice, language_menu, saved_views_menu, theme_menu};
use super::team::{team_label, team_menu};
use super::{Loading, PanjApp, lock};
use crate::filter::Filter;
use crate::lang::Labelled;
use crate::model::script::for_display;
use crate::tr;
use crate::ui::Panel;
use crate::workspace::{Command, View, count_label};

impl PanjApp {
    /// Draws one frame; `eframe::App::ui` and UI tests both call this.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        // Every tr!() this frame, on this thread, speaks this language.
        crate::lang::set(self.language());
        if !self.fonts_installed {
            // Dari and Pashto letters, from the next frame on.
            crate::ui::fonts::install(ui.ctx());
            self.fonts_installed = true;
        }
        if let Some(loading) = &mut self.loading {
            match loading.poll() {
                Some(loaded) => self.arrived(loaded),
                None => {
                    loading.ui(ui, &mut self.map, self.view);
                    return;
                }
            }
        }
        if let Some(screen) = &mut self.lock {
            if let Some(lock::LockAction::Unlock(passphrase)) = screen.ui(ui) {
                crate::store::secret::remember(&screen.path, passphrase);
                self.loading = Some(Loading::unlock(
                    screen.path.clone(),
                    self.remembered_filter.clone(),
                    self.map_block_from,
                ));
                self.lock = None;
                ui.ctx().request_repaint();
            }
            return;
        }
        self.lock_when_idle(ui.ctx());
        self.repaint = Some(ui.ctx().clone());
        let wake = self.waker();
        if let Ok(workspace) = &mut self.state {
            workspace.take_filtered(wake);
            workspace.activity = crate::workspace::Activity {
                pin: self.form.pin(),
                picking_on_map: self.form.picking_on_map(),
                team_busy: self.team.running.is_some(),
                text_indexing: self.import.text_indexing(),
            };
        }
        if let Err(message) = &self.state {
            egui::CentralPanel::default().show(ui, |ui| {
                ui.vertical_centered(|ui| {
                    ui.add_space(ui.available_height() / 3.0);
                    ui.heading(tr!("app-panj-could-not-open"));
                    ui.add_space(8.0);
                    ui.label(message.as_str());
                    ui.add_space(8.0);
                    ui.label(tr!("app-choose-another-file-with"));
                });
            });
            return;
        }
        let mut commands = Vec::new();
        if ui.ctx().input(|i| i.viewport().close_requested())
            && self.form.is_dirty()
            && !self.close_confirmed
        {
            ui.ctx()
                .send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.confirm_close = true;
        }
        self.toolbar(ui, &mut commands);
        self.status_bar(ui, &mut commands);
        self.panels(ui, &mut commands);
        self.windows(ui, &mut commands);
        self.take_pending_read();
        self.take_picture(ui.ctx());
        self.write_report(ui.ctx());
        self.notice_outside_writes(ui.ctx(), &mut commands);
        self.shortcuts(ui.ctx(), &mut commands);
        for command in commands {
            self.apply(command);
        }
    }

    /// The toolbar: views, the trash, new, import, export, team, saved
    /// views, language, theme, About; the banners under it; the chips.
    fn toolbar(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        let Ok(workspace) = &self.state else {
            return;
        };
        egui::Panel::top("toolbar").show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.strong(tr!("about-panj"));
                ui.separator();
                for (n, view) in View::ALL.into_iter().enumerate() {
                    if ui
                        .selectable_label(self.view == view, view.tr_label())
                        .on_hover_text(format!("Ctrl+{}", n + 1))
                        .clicked()
                    {
                        commands.push(Command::ShowView(view));
                    }
                }
                let trash = workspace.filter.trash;
                if ui
                    .selectable_label(trash, tr!("app-trash", count = workspace.in_trash))
                    .on_hover_text(if trash {
                        tr!("filter-back-to-the-live")
                    } else {
                        tr!("app-trash-hint")
                    })
                    .clicked()
                {
                    commands.push(Command::SetFilter(Box::new(Filter {
                        trash: !trash,
                        ..workspace.filter.clone()
                    })));
                }
                ui.separator();
                // What writes is off on a read-only database.
                for (label, hint, command) in [
                    (
                        tr!("app-new-incident"),
                        tr!("app-ctrl-n"),
                        Command::NewIncident,
                    ),
                    (
                        tr!("app-from-text"),
                        tr!("app-paste-a-report-or"),
                        Command::NewFromText,
                    ),
                    (
                        tr!("app-import"),
                        tr!("app-import-acled-ucdp-ged"),
                        Command::OpenImport(None),
                    ),
                ] {
                    if ui
                        .add_enabled(!workspace.is_read_only(), egui::Button::new(label))
                        .on_hover_text(hint)
                        .clicked()
                    {
                        commands.push(command);
                    }
                }
                if ui
                    .button(tr!("app-export"))
                    .on_hover_text(tr!("app-csv-geojson-geopackage-or"))
                    .clicked()
                {
                    commands.push(Command::OpenExport);
                }
                // What follows Export goes into "More…" when the row has no
                // room for it (Russian at 1024 points put Export, Team and
                // Saved views under the language and About buttons).
                let language = self.language.unwrap_or(self.system_language);
                let rest = [
                    team_label(workspace),
                    tr!("menus-saved-views"),
                    language.native_name().to_string(),
                    tr!("menus-theme"),
                    tr!("app-about"),
                ];
                // The buttons, and the separator between Team and Saved views.
                let needed: f32 = rest
                    .iter()
                    .map(|label| button_width(ui, label))
                    .sum::<f32>()
                    + ui.spacing().item_spacing.x
                    + 2.0;
                let mut team_and_views =
                    |ui: &mut egui::Ui, commands: &mut Vec<Command>, on_the_row: bool| {
                        team_menu(
                            ui,
                            workspace,
                            self.lock_after_minutes,
                            &mut self.team.choosing,
                            commands,
                        );
                        if on_the_row {
                            ui.separator();
                        }
                        saved_views_menu(
                            ui,
                            &mut self.saved_views,
                            &mut self.new_view_name,
                            &mut self.saved_view_notice,
                            &workspace.filter,
                            &self.map,
                            commands,
                        );
                    };
                if needed <= ui.available_width() {
                    team_and_views(ui, commands, true);
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        if ui.button(tr!("app-about")).clicked() {
                            self.about.open = true;
                        }
                        theme_menu(ui);
                        language_menu(ui, self.language, commands);
                    });
                } else {
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        ui.menu_button(tr!("app-more"), |ui| {
                            team_and_views(ui, commands, false);
                            language_menu(ui, self.language, commands);
                            theme_menu(ui);
                            if ui.button(tr!("app-about")).clicked() {
                                self.about.open = true;
                            }
                        })
                        .response
                        .on_hover_text(tr!("app-more-hint"));
                    });
                }
            });
            self.form.recovered_banner(ui);
            if workspace.analyst.is_empty() && !workspace.is_read_only() && !self.analyst_later {
                self.analyst_later = analyst_bar(ui, &mut self.analyst_name, commands);
            }
            if self.confirm_close {
                ui.horizontal(|ui| {
                    ui.colored_label(ui.visuals().warn_fg_color, tr!("app-unsaved-changes"));
                    if ui.button(tr!("form-keep-editing")).clicked() {
                        self.confirm_close = false;
                    }
                    if ui
                        .button(tr!("app-close-keep-the-draft"))
                        .on_hover_text(tr!("app-the-draft-is-offered"))
                        .clicked()
                    {
                        self.close_confirmed = true;
                        ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                    }
                    if ui.button(tr!("app-discard-the-draft-and")).clicked() {
                        self.form.close();
                        self.close_confirmed = true;
                        ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                    }
                });
            }
            // One row of fixed height, always there, scrolling sideways when
            // long: a filter change, Play or an import never moves the map
            // and the timeline below it.
            egui::ScrollArea::horizontal()
                .id_salt("chips")
                .max_height(ui.spacing().interact_size.y + 4.0)
                .show(ui, |ui| {
                    ui.horizontal(|ui| {
                        ui.set_min_height(ui.spacing().interact_size.y + 2.0);
                        self.chips.ui(ui, workspace, commands);
                    });
                });
        });
    }

    /// The status bar: the count, undo and redo, the file, the last error.
    fn status_bar(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        let Ok(workspace) = &self.state else {
            return;
        };
        egui::Panel::bottom("status").show(ui, |ui| {
            ui.horizontal(|ui| {
                let path = workspace
                    .database_path()
                    .map(|p| p.display().to_string())
                    .unwrap_or_else(|| tr!("app-in-memory"));
                ui.label(count_label(workspace));
                ui.separator();
                if let Some(change) = self.undo.next_undo() {
                    if ui
                        .small_button(tr!("menus-undo"))
                        .on_hover_text(
                            for_display(&tr!("app-undo-hint", change = change.describe()))
                                .into_owned(),
                        )
                        .clicked()
                    {
                        commands.push(Command::Undo);
                    }
                    ui.label(
                        egui::RichText::new(
                            for_display(&tr!("app-last-change", change = change.describe()))
                                .into_owned(),
                        )
                        .weak(),
                    );
                    ui.separator();
                }
                if let Some(change) = self.undo.next_redo()
                    && ui
                        .small_button(tr!("app-redo"))
                        .on_hover_text(
                            for_display(&tr!("app-redo-hint", change = change.describe()))
                                .into_owned(),
                        )
                        .clicked()
                {
                    commands.push(Command::Redo);
                }
                ui.label(path);
                if workspace.is_read_only() {
                    ui.separator();
                    ui.colored_label(ui.visuals().warn_fg_color, tr!("app-read-only"));
                }
                if let Some(error) = self.error.clone() {
                    ui.separator();
                    if ui
                        .small_button("×")
                        .on_hover_text(tr!("menus-dismiss"))
                        .clicked()
                    {
                        self.error = None;
                    }
                    // Cut to the bar's width; the whole message on hover.
                    ui.add(
                        egui::Label::new(
                            egui::RichText::new(error.as_str()).color(ui.visuals().error_fg_color),
                        )
                        .truncate(),
                    )
                    .on_hover_text(error);
                }
            });
        });
    }

    /// The filter panel, the form or details, the table and timeline
    /// strips, and the main view.
    fn panels(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        let Ok(workspace) = &self.state else {
            return;
        };
        egui::Panel::left("filters")
            .resizable(true)
            .default_size(270.0)
            .min_size(200.0)
            .show(ui, |ui| {
                self.filters.ui(ui, workspace, commands);
            });
        if self.form.is_open() {
            egui::Panel::right("incident_form")
                .resizable(true)
                .default_size(430.0)
                .min_size(360.0)
                .show(ui, |ui| {
                    self.form.ui(ui, workspace, commands);
                });
        } else if workspace
            .selected
            .and_then(|id| workspace.incident(id))
            .is_some()
        {
            egui::Panel::right("incident_details")
                .resizable(true)
                .default_size(340.0)
                .show(ui, |ui| {
                    self.details.ui(ui, workspace, commands);
                });
        }
        match self.view {
            View::Map | View::Timeline => {
                egui::Panel::bottom("incident_table")
                    .resizable(true)
                    .default_size(if self.view == View::Map { 170.0 } else { 260.0 })
                    .min_size(80.0)
                    .show(ui, |ui| {
                        // Filling the panel: fewer rows must not shrink it
                        // and move the timeline and map above.
                        ui.set_min_height(ui.available_height());
                        self.list.ui(ui, workspace, commands);
                    });
            }
            View::Table | View::Statistics => {}
        }
        if self.view == View::Map {
            egui::Panel::bottom("timeline_strip")
                .resizable(true)
                .default_size(120.0)
                .min_size(70.0)
                .show(ui, |ui| {
                    ui.set_min_height(ui.available_height());
                    self.timeline.ui(ui, workspace, commands);
                });
        }
        let frame = if self.view == View::Map {
            egui::Frame::NONE
        } else {
            egui::Frame::central_panel(ui.style())
        };
        egui::CentralPanel::default()
            .frame(frame)
            .show(ui, |ui| match self.view {
                View::Map => self.map.ui(ui, workspace, commands),
                View::Table => self.list.ui(ui, workspace, commands),
                View::Timeline => self.timeline.ui(ui, workspace, commands),
                View::Statistics => self.statistics.ui(ui, workspace, commands),
            });
    }

    /// The windows over the main view, and the notice of a deletion.
    fn windows(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        let Ok(workspace) = &self.state else {
            return;
        };
        if let Some(notice) = self.deleted_notice.clone() {
            deleted_notice(ui.ctx(), &notice, &mut self.deleted_notice, commands);
        }
        self.about.ui(ui, workspace, commands);
        self.conflict_view.ui(ui, workspace, commands);
        if self.team.finished() && std::mem::take(&mut self.team.reload) {
            commands.push(Command::Reload);
        }
        self.team.ui(ui.ctx(), commands);
        self.server.ui(ui, workspace, commands);
        self.import.ui(ui, workspace, commands);
        self.export.ui(ui, workspace, commands);
        self.from_text.ui(ui, workspace, commands);
    }
}

/// How wide a button or menu button with `label` is drawn.
fn button_width(ui: &egui::Ui, label: &str) -> f32 {
    let font = egui::TextStyle::Button.resolve(ui.style());
    let text = ui
        .painter()
        .layout_no_wrap(label.to_string(), font, egui::Color32::WHITE);
    text.size().x + 2.0 * ui.spacing().button_padding.x + ui.spacing().item_spacing.x
}
