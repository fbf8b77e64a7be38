//! Dari and Pashto text as egui (0.37) must be given it to draw it right.
//!
//! egui shapes each run of text that one font draws with harfrust, which
//! joins Arabic letters (the font's own initial, medial and final forms)
//! and turns a right-to-left run round. What it lacks is the Unicode
//! bidirectional algorithm across runs: a space or a Latin word between
//! two Dari words is another font's run, so the words would stand in
//! typing order, left to right. [`for_display`] puts each line's runs in
//! visual order with `unicode-bidi`, leaving every stretch of Arabic
//! letters in typing order for harfrust to join and turn (and turning
//! Arabic-Indic numbers, which harfrust would turn too, the other way).
//!
//! Records keep the text in logical order, as typed; only what is drawn
//! goes through here. Text fields being edited are never reordered.

use std::borrow::Cow;
use unicode_bidi::BidiInfo;

/// Whether `c` is written right to left (Arabic script, Hebrew, Syriac,
/// Thaana, N'Ko, and the Arabic presentation forms).
fn is_right_to_left(c: char) -> bool {
    matches!(c,
        '\u{0590}'..='\u{08FF}'
        | '\u{FB1D}'..='\u{FDFF}'
        | '\u{FE70}'..='\u{FEFF}')
}

/// Whether `text` holds any right-to-left letter.
pub fn has_right_to_left(text: &str) -> bool {
    text.chars().any(is_right_to_left)
}

/// `text` as it is handed to egui: unchanged unless it holds right-to-left
/// letters, else each line's runs in visual order.
pub fn for_display(text: &str) -> Cow<'_, str> {
    if !has_right_to_left(text) {
        return Cow::Borrowed(text);
    }
    let lines: Vec<String> = text.split('\n').map(visual_line).collect();
    Cow::Owned(lines.join("\n"))
}

/// Letters egui draws with the Arabic font and shapes right to left: the
/// Arabic blocks, and the joiners that belong to the letter before them.
fn shaped_right_to_left(c: char) -> bool {
    matches!(c,
        '\u{0600}'..='\u{06FF}'
        | '\u{0750}'..='\u{077F}'
        | '\u{08A0}'..='\u{08FF}'
        | '\u{FB50}'..='\u{FDFF}'
        | '\u{FE70}'..='\u{FEFF}'
        | '\u{200C}'
        | '\u{200D}')
}

/// A bracket as drawn in right-to-left text.
fn mirrored(c: char) -> char {
    match c {
        '(' => ')',
        ')' => '(',
        '[' => ']',
        ']' => '[',
        '{' => '}',
        '}' => '{',
        '<' => '>',
        '>' => '<',
        '«' => '»',
        '»' => '«',
        other => other,
    }
}

/// `text` cut where egui's runs change: stretches of Arabic letters, and
/// stretches of anything else.
fn pieces(text: &str) -> Vec<(&str, bool)> {
    let mut out: Vec<(&str, bool)> = Vec::new();
    let mut start = 0;
    let mut arabic = None;
    for (at, c) in text.char_indices() {
        let this = shaped_right_to_left(c);
        match arabic {
            Some(was) if was != this => {
                out.push((&text[start..at], was));
                start = at;
            }
            _ => {}
        }
        arabic = Some(this);
    }
    if let Some(was) = arabic {
        out.push((&text[start..], was));
    }
    out
}

fn visual_line(line: &str) -> String {
    let bidi = BidiInfo::new(line, None);
    let mut out = String::with_capacity(line.len());
    for paragraph in &bidi.paragraphs {
        let (levels, runs) = bidi.visual_runs(paragraph, paragraph.range.clone());
        for run in runs {
            let text = &line[run.clone()];
            if levels[run.start].is_rtl() {
                // harfrust turns each Arabic stretch itself; the rest of
                // the run is turned here.
                for (piece, arabic) in pieces(text).into_iter().rev() {
                    if arabic {
                        out.push_str(piece);
                    } else {
                        out.extend(piece.chars().rev().map(mirrored));
                    }
                }
            } else {
                // Left to right, but harfrust would turn Arabic-Indic
                // digits (Arabic script) round: turn them first.
                for (piece, arabic) in pieces(text) {
                    if arabic {
                        out.extend(piece.chars().rev());
                    } else {
                        out.push_str(piece);
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_and_cyrillic_text_is_left_alone() {
        for text in ["Khorog market", "Хорог, 26 ноября", ""] {
            assert!(matches!(for_display(text), Cow::Borrowed(_)), "{text}");
        }
    }

    #[test]
    fn dari_words_keep_their_letters_in_typing_order_and_their_order_turns() {
        // حمله در بدخشان, "attack in Badakhshan": three words, drawn with
        // the last on the left.
        assert_eq!(for_display("حمله در بدخشان"), "بدخشان در حمله");
        // One word is harfrust's alone.
        assert_eq!(for_display("کابل"), "کابل");
    }

    #[test]
    fn a_latin_name_and_a_number_inside_dari_keep_their_own_order() {
        // "12 killed in Khorog": the Latin word reads left to right where
        // it stands, the Dari around it right to left, the number (in
        // Arabic-Indic digits, which harfrust would turn) left to right.
        assert_eq!(for_display("۱۲ کشته در Khorog"), "Khorog در کشته ۲۱");
        // Brackets face the right way in right-to-left text.
        assert_eq!(for_display("کابل (مرکز)"), "(مرکز) کابل");
    }
}
