//! The toolbar's smaller pieces: the analyst's name bar, the theme menu,
//! saved views, and the "moved to the trash" notice with Undo.

use crate::filter::Filter;
use crate::lang::Language;
use crate::tr;
use crate::ui::map_panel::MapPanel;
use crate::workspace::{Command, SavedView};

/// Asks once for the name that signs the analyst's versions; whether the
/// analyst said "Not now".
pub(super) fn analyst_bar(
    ui: &mut egui::Ui,
    name: &mut String,
    commands: &mut Vec<Command>,
) -> bool {
    ui.horizontal(|ui| {
        let label = ui.label(tr!("menus-your-name-shown-to"));
        let field = ui
            .add(egui::TextEdit::singleline(name).desired_width(160.0))
            .labelled_by(label.id);
        let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let clicked = ui
            .add_enabled(
                !name.trim().is_empty(),
                egui::Button::new(tr!("menus-save-name")),
            )
            .clicked();
        if (entered || clicked) && !name.trim().is_empty() {
            commands.push(Command::SetAnalyst(name.trim().to_string()));
        }
        ui.small_button(tr!("menus-not-now"))
            .on_hover_text(tr!("menus-your-changes-are-signed"))
            .clicked()
    })
    .inner
}

/// Light, dark or the system's.
pub(super) fn theme_menu(ui: &mut egui::Ui) {
    let mut preference = ui.ctx().options(|o| o.theme_preference);
    // The menu's ticks say which; the toolbar has no room to at 1024 px.
    ui.menu_button(tr!("menus-theme"), |ui| {
        ui.radio_value(
            &mut preference,
            egui::ThemePreference::System,
            tr!("menus-follow-the-system"),
        );
        ui.radio_value(
            &mut preference,
            egui::ThemePreference::Dark,
            tr!("menus-dark"),
        );
        ui.radio_value(
            &mut preference,
            egui::ThemePreference::Light,
            tr!("menus-light"),
        );
    });
    if preference != ui.ctx().options(|o| o.theme_preference) {
        ui.ctx().set_theme(preference);
    }
}

/// The interface's language: each named in itself, or the system's.
pub(super) fn language_menu(
    ui: &mut egui::Ui,
    chosen: Option<Language>,
    commands: &mut Vec<Command>,
) {
    // The button names the language in itself too, so that someone who
    // cannot read the current one still finds it.
    let shown = crate::lang::current();
    ui.menu_button(shown.native_name(), |ui| {
        let mut choice = chosen;
        ui.radio_value(&mut choice, None, tr!("menus-language-system"));
        for language in Language::ALL {
            ui.radio_value(&mut choice, Some(language), language.native_name());
        }
        if choice != chosen {
            commands.push(Command::SetLanguage(choice));
            ui.close();
        }
    })
    .response
    .on_hover_text(tr!("menus-language"));
}

/// The saved-views menu: apply, save the current one, delete.
pub(super) fn saved_views_menu(
    ui: &mut egui::Ui,
    saved: &mut Vec<SavedView>,
    new_name: &mut String,
    notice: &mut Option<String>,
    filter: &Filter,
    map: &MapPanel,
    commands: &mut Vec<Command>,
) {
    // Closed by a click outside or on a view, not by a click into the name
    // field (the default would close the menu before a name is typed).
    let config = egui::containers::menu::MenuConfig::new()
        .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside);
    egui::containers::menu::MenuButton::new(tr!("menus-saved-views"))
        .config(config)
        .ui(ui, |ui| {
            if saved.is_empty() {
                ui.label(egui::RichText::new(tr!("menus-no-saved-views-yet")).italics());
            }
            let mut remove = None;
            for (n, view) in saved.iter().enumerate() {
                ui.horizontal(|ui| {
                    if ui
                        .button(&view.name)
                        .on_hover_text(tr!("menus-apply-this-filter-and"))
                        .clicked()
                    {
                        commands.push(Command::SetFilter(Box::new(view.filter.clone())));
                        if let Some(memory) = &view.map {
                            commands.push(Command::RestoreMapView(Box::new(memory.clone())));
                        }
                        ui.close();
                    }
                    if ui
                        .small_button("×")
                        .on_hover_text(tr!("menus-forget-this-view"))
                        .clicked()
                    {
                        remove = Some(n);
                    }
                });
            }
            if let Some(n) = remove {
                saved.remove(n);
            }
            ui.separator();
            let label = ui.label(tr!("menus-save-the-current-filter"));
            ui.horizontal(|ui| {
                let field = ui
                    .add(
                        egui::TextEdit::singleline(new_name)
                            .hint_text(tr!("menus-name"))
                            .desired_width(140.0),
                    )
                    .labelled_by(label.id);
                if field.changed() {
                    *notice = None;
                }
                let name = new_name.trim().to_string();
                // Enter in the name saves, as the button does.
                let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                let clicked = ui
                    .add_enabled(!name.is_empty(), egui::Button::new(tr!("form-save")))
                    .clicked();
                if (clicked || entered) && !name.is_empty() {
                    let replaced = saved.iter().any(|v| v.name == name);
                    saved.retain(|v| v.name != name);
                    *notice = Some(if replaced {
                        tr!("menus-saved-view-replacing", name = name.as_str())
                    } else {
                        tr!("menus-saved-view", name = name.as_str())
                    });
                    saved.push(SavedView {
                        name,
                        filter: filter.clone(),
                        map: Some(map.memory().clone()),
                    });
                    new_name.clear();
                }
            });
            if let Some(notice) = notice.as_deref() {
                ui.label(egui::RichText::new(notice).weak());
            }
        });
}

/// "Moved 'title' to the trash. Undo · Show the trash · ×", over the top
/// of the map where the eye is after Delete.
pub(super) fn deleted_notice(
    ctx: &egui::Context,
    notice: &str,
    shown: &mut Option<String>,
    commands: &mut Vec<Command>,
) {
    egui::Area::new(egui::Id::unique("deleted_notice"))
        .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 70.0))
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.label(crate::model::script::for_display(notice));
                    if ui
                        .button(tr!("menus-undo"))
                        .on_hover_text(tr!("menus-ctrl-z"))
                        .clicked()
                    {
                        commands.push(Command::Undo);
                        *shown = None;
                    }
                    if ui.button(tr!("menus-show-the-trash")).clicked() {
                        *shown = None;
                        commands.push(Command::SetFilter(Box::new(Filter {
                            trash: true,
                            ..Filter::default()
                        })));
                    }
                    if ui
                        .small_button("×")
                        .on_hover_text(tr!("menus-dismiss"))
                        .clicked()
                    {
                        *shown = None;
                    }
                });
            });
        });
}
