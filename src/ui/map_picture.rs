//! A picture of the map for a report or a slide (Export ▸ PNG): the area,
//! groups and legend the window shows, at a width the analyst chooses
//! (2 000 px by default), without the window's buttons, cursor readout or
//! selection, and with the caption in a band above the map rather than
//! over its labels. It is drawn off screen, on a worker thread, by a
//! second egui context rendered on the CPU (`ui::raster`), so the window
//! and its size play no part.

use crate::geo::Basemap;
use crate::map::basemap_layer::{self, PreparedBasemap};
use crate::map::incident_layer;
use crate::map::incidents::IncidentLayer;
use crate::map::projection::{self, Viewport};
use crate::map::style::BasemapStyle;
use crate::ui::map_panel::{self, MapSettings};
use crate::ui::raster::Canvas;
use crate::workspace::Workspace;
use egui::{Align2, Color32, ColorImage, Pos2, Rect, RichText, vec2};
use std::sync::Arc;

/// Narrowest and widest picture the Export window offers, in pixels.
pub const WIDTHS: std::ops::RangeInclusive<u32> = 400..=8000;
/// The width a new picture gets.
pub const DEFAULT_WIDTH: u32 = 2000;

/// Everything the picture shows, owned so that a worker can draw it.
pub struct MapPicture {
    /// The map area as last shown in the window (its size in points sets
    /// the picture's proportions; the zoom, what is grouped and labelled).
    pub view: Viewport,
    pub basemap: Option<Arc<PreparedBasemap>>,
    pub layer: IncidentLayer,
    pub settings: MapSettings,
    pub legend_counts: Vec<(String, Color32, usize)>,
    /// What, how many, which filter, when: the line above the map.
    pub caption: String,
    pub attribution: String,
    /// An area (west, south, east, north) to outline: a report's inset
    /// marks where its main map is.
    pub outline: Option<[f64; 4]>,
}

impl MapPicture {
    /// A picture of `bounds` (west, south, east, north) with the incidents
    /// the workspace's filter keeps, for a map `size` points large (which
    /// sets its proportions and how much is grouped), drawn with the
    /// shipped basemap as the window draws it by default.
    pub fn of_area(
        workspace: &Workspace,
        bounds: [f64; 4],
        size: egui::Vec2,
        caption: String,
    ) -> MapPicture {
        let ((lon, lat), zoom) = projection::fit(bounds, size, 24.0, 12.0);
        let view = Viewport::new(Rect::from_min_size(Pos2::ZERO, size), lon, lat, zoom);
        MapPicture {
            view,
            basemap: Basemap::shipped()
                .ok()
                .map(|b| Arc::new(PreparedBasemap::new(&b))),
            layer: workspace.map_layer(),
            settings: MapSettings::default(),
            legend_counts: crate::workspace::derived::map_layer::legend_counts(workspace),
            caption,
            attribution: map_panel::offline_attribution(),
            outline: None,
        }
    }

    /// Draws the picture `width` pixels wide.
    pub fn render(mut self, width: u32) -> ColorImage {
        let map_size = self.view.rect.size().max(vec2(1.0, 1.0));
        let pixels_per_point = width as f32 / map_size.x;
        let ctx = egui::Context::default();
        super::fonts::install(&ctx);
        let visuals = egui::Visuals::light();
        let background = visuals.panel_fill;
        ctx.set_visuals(visuals);
        // Three passes: egui sizes a new area (the legend) in one pass,
        // places it by that size in the next and settles in the third;
        // only the last pass is drawn.
        // Room enough for any caption in the first pass, so that nothing
        // is pushed to fit; the second has the caption's own height.
        let mut band = 200.0;
        let mut outputs = Vec::with_capacity(2);
        for _ in 0..3 {
            let screen = Rect::from_min_size(Pos2::ZERO, vec2(map_size.x, map_size.y + band));
            let mut input = egui::RawInput {
                screen_rect: Some(screen),
                ..Default::default()
            };
            input
                .viewports
                .entry(egui::ViewportId::ROOT)
                .or_default()
                .native_pixels_per_point = Some(pixels_per_point);
            let output = ctx.run_ui(input, |ui| band = self.draw(ui, map_size));
            outputs.push(output);
        }
        let height = ((map_size.y + band) * pixels_per_point).round() as usize;
        let mut canvas = Canvas::new([width as usize, height], background);
        let mut last = Vec::new();
        for mut output in outputs {
            canvas.update_textures(&output.textures_delta);
            output.textures_delta.clear();
            last = output.shapes;
        }
        let primitives = ctx.tessellate(last, pixels_per_point);
        canvas.paint(&primitives, pixels_per_point);
        canvas.image
    }

    /// One pass: the caption band, then the map under it with its legend,
    /// scale bar and credit. Returns the band's height in points.
    fn draw(&mut self, ui: &mut egui::Ui, map_size: egui::Vec2) -> f32 {
        let painter = ui.painter().clone();
        let text = ui.visuals().text_color();
        let galley = painter.layout(
            crate::model::script::for_display(&self.caption).into_owned(),
            egui::FontId::proportional(13.0),
            text,
            map_size.x - 20.0,
        );
        let band = galley.size().y + 12.0;
        painter.galley(egui::pos2(10.0, 6.0), galley, text);

        let rect = Rect::from_min_size(egui::pos2(0.0, band), map_size);
        let view = Viewport { rect, ..self.view };
        let map_painter = painter.with_clip_rect(rect);
        let style = BasemapStyle::for_theme(false);
        match &self.basemap {
            Some(basemap) => {
                basemap_layer::paint(
                    &map_painter,
                    &view,
                    basemap,
                    &style,
                    true,
                    self.settings.label_script,
                );
            }
            None => {
                map_painter.rect_filled(rect, 0.0, style.water);
            }
        }
        let painted = incident_layer::paint(
            &map_painter,
            &view,
            &mut self.layer,
            &[],
            self.settings.layer,
            false,
        );
        painter.line_segment(
            [rect.left_top(), rect.right_top()],
            egui::Stroke::new(1.0, ui.visuals().weak_text_color()),
        );
        if let Some([w, s, e, n]) = self.outline {
            let corners = Rect::from_two_pos(
                view.to_screen(projection::world(w, n)),
                view.to_screen(projection::world(e, s)),
            );
            map_painter.rect_stroke(
                corners,
                0.0,
                egui::Stroke::new(2.0, Color32::from_rgb(0x1f, 0x4e, 0x9a)),
                egui::StrokeKind::Outside,
            );
        }

        let frame = egui::Frame::popup(ui.style())
            .inner_margin(6.0)
            .corner_radius(4.0);
        if self.settings.legend_open {
            egui::Area::new(egui::Id::unique("picture_legend"))
                .fade_in(false)
                .pivot(Align2::LEFT_BOTTOM)
                .fixed_pos(rect.left_bottom() + vec2(10.0, -40.0))
                .constrain_to(rect)
                .show(ui.ctx(), |ui| {
                    frame.show(ui, |ui| {
                        ui.label(
                            RichText::new(map_panel::legend_title(&self.settings, painted.density))
                                .strong(),
                        );
                        map_panel::legend_body(
                            ui,
                            &self.settings,
                            &self.legend_counts,
                            painted.density,
                        );
                    });
                });
        }
        map_panel::scale_bar(ui, &view);
        map_panel::corner_lines(ui, rect, std::slice::from_ref(&self.attribution));
        band
    }
}

/// The picture as PNG bytes.
pub fn png_bytes(image: &ColorImage) -> Result<Vec<u8>, String> {
    let rgba: Vec<u8> = image
        .pixels
        .iter()
        .flat_map(|p| p.to_srgba_unmultiplied())
        .collect();
    let mut png = Vec::new();
    image::ImageEncoder::write_image(
        image::codecs::png::PngEncoder::new(&mut png),
        &rgba,
        image.size[0] as u32,
        image.size[1] as u32,
        image::ExtendedColorType::Rgba8,
    )
    .map_err(|e| format!("cannot encode the PNG: {e}"))?;
    Ok(png)
}
