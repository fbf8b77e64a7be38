//! The fonts the window draws with: egui's own, then Noto Sans Arabic as a
//! fallback for Dari and Pashto (egui's fonts have no Arabic letters).
//! Shaped text (`model::script::for_display`) is drawn with the font's
//! presentation forms.

use std::sync::Arc;

static ARABIC: &[u8] = include_bytes!("../../assets/fonts/NotoSansArabic-Regular.ttf");

/// egui's default fonts with the Arabic-script fallback added to every
/// family.
pub fn definitions() -> egui::FontDefinitions {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(
        "noto-sans-arabic".to_owned(),
        Arc::new(egui::FontData::from_static(ARABIC)),
    );
    for family in fonts.families.values_mut() {
        family.push("noto-sans-arabic".to_owned());
    }
    fonts
}

/// Gives `ctx` those fonts (they take effect from its next frame).
pub fn install(ctx: &egui::Context) {
    ctx.set_fonts(definitions());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::{Language, ftl_source};
    use skrifa::MetadataProvider;

    /// The glyphs egui draws for `text` (as `for_display` hands it over),
    /// left to right: each one's letter and where in the atlas its picture
    /// is.
    fn drawn(ctx: &egui::Context, text: &str) -> Vec<(char, [u16; 4])> {
        let shown = crate::model::script::for_display(text).into_owned();
        let galley = ctx.fonts_mut(|f| {
            f.layout_no_wrap(
                shown,
                egui::FontId::proportional(24.0),
                egui::Color32::WHITE,
            )
        });
        let mut glyphs: Vec<_> = galley.rows.iter().flat_map(|r| r.glyphs.iter()).collect();
        glyphs.sort_by(|a, b| a.pos.x.total_cmp(&b.pos.x));
        glyphs
            .into_iter()
            // egui keeps an empty entry for each further letter of a
            // cluster; only the pictures are drawn.
            .filter(|g| !g.chr.is_whitespace() && g.uv_rect.max != [0, 0])
            .map(|g| {
                let uv = g.uv_rect;
                (g.chr, [uv.min[0], uv.min[1], uv.max[0], uv.max[1]])
            })
            .collect()
    }

    fn context_with_the_fonts() -> egui::Context {
        let ctx = egui::Context::default();
        ctx.set_fonts(definitions());
        // Fonts take effect from the next frame.
        let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
        output.textures_delta.clear();
        ctx
    }

    /// The glyphs harfrust (egui's shaper) picks from the Arabic font for
    /// `text`, left to right, as egui calls it: direction from the script.
    fn shaped(text: &str) -> Vec<u32> {
        let font = harfrust::FontRef::new(ARABIC).expect("the shipped font reads");
        let data = harfrust::ShaperData::new(&font);
        let shaper = data.shaper(&font).build();
        let mut buffer = harfrust::UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        let glyphs = shaper.shape(buffer, harfrust::ShapeOptions::new());
        glyphs.glyph_infos().iter().map(|g| g.glyph_id).collect()
    }

    #[test]
    fn dari_and_pashto_words_are_drawn_in_their_joined_forms_right_to_left() {
        // Each expected string is read left to right as drawn: the last
        // letter first, each in the form it takes at its place in the word
        // (Unicode's presentation forms, whose pictures the font also has;
        // a letter standing alone is written as itself, its own form).
        let cases = [
            // کابل (Kabul): keheh initial, alef final, beh initial, lam final.
            ("کابل", "\u{FEDE}\u{FE91}\u{FE8E}\u{FB90}"),
            // بدخشان (Badakhshan): beh initial, dal final, khah initial,
            // sheen medial, alef final, noon alone.
            ("بدخشان", "\u{0646}\u{FE8E}\u{FEB8}\u{FEA7}\u{FEAA}\u{FE91}"),
            // قوس (Qaws, the month): qaf initial, waw final, seen alone.
            ("قوس", "\u{0633}\u{FEEE}\u{FED7}"),
            // پکتیا (Paktia): peh initial, keheh, teh and Farsi yeh medial,
            // alef final.
            ("پکتیا", "\u{FE8E}\u{FBFF}\u{FE98}\u{FB91}\u{FB58}"),
            // ننگرهار (Nangarhar, Pashto): noon initial, noon medial, gaf
            // medial, reh final, heh initial, alef final, reh alone.
            (
                "ننگرهار",
                "\u{0631}\u{FE8E}\u{FEEB}\u{FEAE}\u{FB95}\u{FEE8}\u{FEE7}",
            ),
        ];
        for (word, forms) in cases {
            let expected: Vec<u32> = forms.chars().map(|f| shaped(&f.to_string())[0]).collect();
            let given = crate::model::script::for_display(word);
            assert_eq!(shaped(&given), expected, "{word}");
        }
    }

    #[test]
    fn a_dari_phrase_reads_right_to_left_with_a_latin_name_left_to_right() {
        let ctx = context_with_the_fonts();
        // "فیض آباد" (Fayzabad): فیض is the first word, so it is drawn on
        // the right, its ف rightmost.
        let letters: String = drawn(&ctx, "فیض آباد").iter().map(|(c, _)| *c).collect();
        assert_eq!(letters, "دابآضیف");
        // "attack in Khorog": Khorog stands left of the Dari, in its own order.
        let letters: String = drawn(&ctx, "حمله در Khorog")
            .iter()
            .map(|(c, _)| *c)
            .collect();
        assert_eq!(letters, "Khorogردهلمح");
    }

    /// A missing glyph stops egui (kittest panics on it, a user sees a
    /// box), so every letter of every translation must be in a font the
    /// window has.
    #[test]
    fn every_letter_of_every_translation_has_a_glyph() {
        let fonts = definitions();
        // The family every label is drawn in.
        let charmaps: Vec<skrifa::charmap::Charmap> = fonts.families
            [&egui::FontFamily::Proportional]
            .iter()
            .filter_map(|name| fonts.font_data.get(name))
            .filter_map(|data| skrifa::FontRef::new((*data.font).as_ref()).ok())
            .map(|font| font.charmap())
            .collect();
        for language in Language::ALL {
            let missing: std::collections::BTreeSet<char> = ftl_source(language)
                .lines()
                .filter(|line| !line.starts_with('#'))
                .flat_map(str::chars)
                .filter(|c| !c.is_control())
                .filter(|c| charmaps.iter().all(|map| map.map(*c).is_none()))
                .collect();
            assert!(
                missing.is_empty(),
                "{}: no glyph for {missing:?}",
                language.code()
            );
        }
    }
}
