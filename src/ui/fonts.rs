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
