//! The window's keyboard shortcuts, read once per frame.

use super::PanjApp;
use crate::workspace::{Command, View};

impl PanjApp {
    pub(super) fn shortcuts(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        if ctx.input_mut(|i| i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::I)))
        {
            commands.push(Command::OpenImport(None));
        }
        if ctx.input_mut(|i| i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::E)))
        {
            commands.push(Command::OpenExport);
        }
        use egui::{Key, KeyboardShortcut, Modifiers};
        let views = [Key::Num1, Key::Num2, Key::Num3, Key::Num4];
        for (key, view) in views.into_iter().zip(View::ALL) {
            if ctx
                .input_mut(|i| i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, key)))
            {
                commands.push(Command::ShowView(view));
            }
        }
        if ctx.input_mut(|i| i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::F)))
        {
            self.filters.focus_search();
        }
        if ctx.input_mut(|i| i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::L)))
        {
            commands.push(Command::Lock);
        }
        let from_text = KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, Key::N);
        if ctx.input_mut(|i| i.consume_shortcut(&from_text)) {
            commands.push(Command::NewFromText);
        }
        if ctx.input_mut(|i| i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::N)))
        {
            commands.push(Command::NewIncident);
        }
        // In a text field Ctrl+Z undoes typing, as everywhere.
        let typing = ctx.memory(|m| m.focused().is_some());
        let redo = KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
        if !typing
            && ctx.input_mut(|i| {
                i.consume_shortcut(&redo)
                    || i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::Y))
            })
        {
            commands.push(Command::Redo);
        }
        if !typing
            && ctx.input_mut(|i| {
                i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::Z))
            })
        {
            commands.push(Command::Undo);
        }
        if !typing
            && !self.form.is_open()
            && !ctx.any_popup_open()
            && ctx.input(|i| i.key_pressed(Key::Escape))
            && self.workspace().is_some_and(|w| w.selected.is_some())
        {
            commands.push(Command::Select(None));
        }
        if !typing
            && self.view != View::Map
            && ctx.input(|i| i.key_pressed(Key::F) && i.modifiers.is_none())
        {
            commands.push(Command::FitMap);
        }
    }
}
