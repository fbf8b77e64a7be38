//! Dari and Pashto text as it must be drawn: egui (0.37) lays text out left
//! to right, one code point after another, so Arabic-script letters would
//! stand unjoined and in reverse order. [`for_display`] joins them
//! (`ar-reshaper` picks each letter's presentation form, Persian and
//! Pashto letters included) and puts each line in visual order with the
//! Unicode bidirectional algorithm (`unicode-bidi`), so a Dari title with
//! a Latin name or a number in it reads right.
//!
//! Records keep the text in logical order, as typed; only what is drawn
//! goes through here. Text fields being edited are never shaped.

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

/// `text` as it is drawn: unchanged unless it holds right-to-left letters,
/// else shaped and in visual order, line by line.
pub fn for_display(text: &str) -> Cow<'_, str> {
    if !has_right_to_left(text) {
        return Cow::Borrowed(text);
    }
    let lines: Vec<String> = text.split('\n').map(visual_line).collect();
    Cow::Owned(lines.join("\n"))
}

fn visual_line(line: &str) -> String {
    let shaped = ar_reshaper::reshape_line(line);
    let bidi = BidiInfo::new(&shaped, None);
    bidi.paragraphs
        .iter()
        .map(|paragraph| bidi.reorder_line(paragraph, paragraph.range.clone()))
        .collect()
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
    fn dari_and_pashto_words_take_their_joined_forms_in_visual_order() {
        // Each expected string is read left to right as drawn: the last
        // letter first, each in the form it takes at its place in the word.
        let cases = [
            // کابل (Kabul): keheh initial, alef final, beh initial, lam final.
            ("کابل", "\u{FEDE}\u{FE91}\u{FE8E}\u{FB90}"),
            // بدخشان (Badakhshan): beh initial, dal final, khah initial,
            // sheen medial, alef final, noon alone.
            ("بدخشان", "\u{FEE5}\u{FE8E}\u{FEB8}\u{FEA7}\u{FEAA}\u{FE91}"),
            // قوس (Qaws, the month): qaf initial, waw final, seen alone.
            ("قوس", "\u{FEB1}\u{FEEE}\u{FED7}"),
            // پکتیا (Paktia): peh initial, keheh, teh and Farsi yeh medial,
            // alef final.
            ("پکتیا", "\u{FE8E}\u{FBFF}\u{FE98}\u{FB91}\u{FB58}"),
            // ننگرهار (Nangarhar, Pashto): noon initial, noon medial, gaf
            // medial, reh final, heh initial, alef final, reh alone.
            (
                "ننگرهار",
                "\u{FEAD}\u{FE8E}\u{FEEB}\u{FEAE}\u{FB95}\u{FEE8}\u{FEE7}",
            ),
        ];
        for (logical, visual) in cases {
            assert_eq!(for_display(logical), visual, "{logical}");
        }
    }

    #[test]
    fn a_latin_name_and_a_number_inside_dari_keep_their_own_order() {
        // "12 killed in Khorog": the Latin word and the number read left
        // to right where they stand, the Dari around them right to left.
        let shown = for_display("۱۲ کشته در Khorog");
        assert!(shown.contains("Khorog"), "{shown}");
        assert!(
            shown.starts_with("Khorog"),
            "the last word in reading order comes first: {shown}"
        );
        assert!(shown.ends_with("۱۲"), "{shown}");
    }
}
