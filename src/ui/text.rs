//! User text that may be Dari or Pashto, drawn right: in visual order
//! (`model::script::for_display`; egui joins the letters), and wrapped by
//! panj rather than by egui. egui would wrap the visual string, putting the
//! end of a right-to-left sentence on the first line; here the logical
//! text is broken into lines that fit, and each line is ordered on its own.

use crate::model::script::{for_display, has_right_to_left};
use egui::{Label, RichText, TextWrapMode, Ui, WidgetText};

/// Draws `text` as `style` makes it, wrapped to the available width. Text
/// with no right-to-left letters is an ordinary label; a paragraph that
/// begins right to left is aligned to the right.
pub fn paragraph(ui: &mut Ui, text: &str, style: impl Fn(String) -> RichText) {
    if !has_right_to_left(text) {
        ui.label(style(text.to_string()));
        return;
    }
    let width = ui.available_width();
    let lines = wrap(text, |candidate| {
        WidgetText::from(style(for_display(candidate).into_owned()))
            .into_galley(
                ui,
                Some(TextWrapMode::Extend),
                f32::INFINITY,
                egui::TextStyle::Body,
            )
            .size()
            .x
            <= width
    });
    let starts_right_to_left = text
        .chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(|c| has_right_to_left(&c.to_string()));
    let align = if starts_right_to_left {
        egui::Align::Max
    } else {
        egui::Align::Min
    };
    ui.with_layout(egui::Layout::top_down(align), |ui| {
        for line in lines {
            ui.add(
                Label::new(style(for_display(&line).into_owned())).wrap_mode(TextWrapMode::Extend),
            );
        }
    });
}

/// `text` broken at spaces into lines that `fits` (a word longer than a
/// line has a line of its own); line breaks in the text are kept.
fn wrap(text: &str, fits: impl Fn(&str) -> bool) -> Vec<String> {
    let mut lines = Vec::new();
    for logical in text.split('\n') {
        let mut line = String::new();
        for word in logical.split(' ') {
            if line.is_empty() {
                line = word.to_string();
                continue;
            }
            let candidate = format!("{line} {word}");
            if fits(&candidate) {
                line = candidate;
            } else {
                lines.push(std::mem::replace(&mut line, word.to_string()));
            }
        }
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_words_of_a_sentence_stay_on_its_first_line() {
        let lines = wrap("یک دو سه چهار پنج", |line| {
            line.chars().count() <= 8
        });
        assert_eq!(lines, ["یک دو سه", "چهار پنج"]);
        let kept = wrap("اول\nدوم", |_| true);
        assert_eq!(kept, ["اول", "دوم"]);
    }
}
