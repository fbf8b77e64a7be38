//! Painting the offline basemap: land, countries, provinces, the border
//! with its river names, and labels that never overlap.
//!
//! Geometry is projected and triangulated once ([`PreparedBasemap`]); a
//! frame picks the level of detail for its zoom, skips what is off screen
//! and only scales and shifts vertices.

use super::projection::{Viewport, World, world};
use super::style::BasemapStyle;
use crate::geo::names::{self, LabelScript};
use crate::geo::{Area, Basemap, Place};
use crate::model::script::for_display;
use ::geo::{InteriorPoint, MultiPolygon, TriangulateEarcut};
use egui::{Align2, Color32, FontId, Painter, Pos2, Rect, Shape, Stroke, epaint::TextShape};

/// The river names written along the border, with the longitude each sits
/// at: the Amu Darya below the Vakhsh confluence, the Panj above it, the
/// Pamir river along the Wakhan.
const RIVER_LABELS: &[(&str, f64)] = &[
    ("Amu Darya", 67.95),
    ("Panj", 69.75),
    ("Panj", 71.05),
    ("Panj", 71.62),
    ("Pamir", 73.2),
];

/// Which detail level to draw at a zoom.
fn detail_for_zoom(zoom: f64) -> usize {
    if zoom < 5.5 {
        0
    } else if zoom < 8.0 {
        1
    } else {
        2
    }
}

struct PreparedArea {
    name: String,
    /// The label in each [`LabelScript`], shaped for drawing.
    labels: [String; 3],
    country: Option<String>,
    /// World-space bounds (min x, min y, max x, max y).
    bounds: [f64; 4],
    /// Rings per detail level.
    rings: Vec<Vec<Vec<World>>>,
    /// Fill triangles per detail level: vertices and indices.
    fills: Vec<(Vec<World>, Vec<u32>)>,
    label_at: World,
}

impl PreparedArea {
    fn new(area: &Area, triangulate: bool) -> PreparedArea {
        let a = world(area.bounds[0], area.bounds[3]);
        let b = world(area.bounds[2], area.bounds[1]);
        let rings = area.detail.iter().map(rings_of).collect();
        let fills = if triangulate {
            area.detail.iter().map(triangles_of).collect()
        } else {
            Vec::new()
        };
        let label_at = match area.label_at {
            Some((lon, lat)) => world(lon, lat),
            None => area
                .detail
                .last()
                .and_then(|m| m.interior_point())
                .map_or(a, |p| world(p.x(), p.y())),
        };
        let labels = LabelScript::ALL.map(|script| {
            let name = if triangulate {
                names::country_name(&area.name, script)
            } else {
                names::province_name(
                    &area.name,
                    area.name_ru.as_deref(),
                    area.name_fa.as_deref(),
                    area.country.as_deref(),
                    script,
                )
            };
            for_display(&name).into_owned()
        });
        PreparedArea {
            name: area.name.clone(),
            labels,
            country: area.country.clone(),
            bounds: [a[0], a[1], b[0], b[1]],
            rings,
            fills,
            label_at,
        }
    }

    fn visible(&self, view: &[f64; 4]) -> bool {
        self.bounds[0] <= view[2]
            && self.bounds[2] >= view[0]
            && self.bounds[1] <= view[3]
            && self.bounds[3] >= view[1]
    }
}

fn rings_of(shape: &MultiPolygon) -> Vec<Vec<World>> {
    shape
        .iter()
        .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
        .map(|ring| ring.coords().map(|c| world(c.x, c.y)).collect())
        .collect()
}

fn triangles_of(shape: &MultiPolygon) -> (Vec<World>, Vec<u32>) {
    let mut vertices = Vec::new();
    let mut indices = Vec::new();
    for polygon in shape {
        let raw = polygon.earcut_triangles_raw();
        let base = vertices.len() as u32;
        vertices.extend(raw.vertices.iter().map(|v| world(v[0], v[1])));
        indices.extend(raw.triangle_indices.iter().map(|&i| base + i as u32));
    }
    (vertices, indices)
}

struct PreparedPlace {
    /// The name in each [`LabelScript`], shaped for drawing.
    names: [String; 3],
    at: World,
    population: u64,
    key: bool,
    capital: bool,
}

/// The basemap projected into world coordinates, ready to paint.
pub struct PreparedBasemap {
    countries: Vec<PreparedArea>,
    provinces: Vec<PreparedArea>,
    border: Vec<Vec<World>>,
    places: Vec<PreparedPlace>,
}

impl PreparedBasemap {
    pub fn new(basemap: &Basemap) -> PreparedBasemap {
        let capitals = ["Dushanbe", "Kabul", "Tashkent", "Islamabad", "Bishkek"];
        PreparedBasemap {
            countries: basemap
                .countries
                .iter()
                .map(|a| PreparedArea::new(a, true))
                .collect(),
            provinces: basemap
                .provinces
                .iter()
                .map(|a| PreparedArea::new(a, false))
                .collect(),
            border: basemap
                .border
                .iter()
                .map(|l| l.coords().map(|c| world(c.x, c.y)).collect())
                .collect(),
            places: basemap
                .places
                .iter()
                .map(|p: &Place| PreparedPlace {
                    names: LabelScript::ALL.map(|script| {
                        let name =
                            names::place_name(&p.label, &p.alternate_names, &p.country, script);
                        for_display(&name).into_owned()
                    }),
                    at: world(p.lon, p.lat),
                    population: p.population,
                    key: p.key,
                    capital: capitals.contains(&p.name.as_str()),
                })
                .collect(),
        }
    }
}

/// Whether a place gets a label at this zoom, before collisions.
fn place_shown(place: &PreparedPlace, zoom: f64) -> bool {
    (place.capital && zoom >= 3.5)
        || (place.key && zoom >= 5.5)
        || (place.population >= 500_000 && zoom >= 5.0)
        || (place.population >= 100_000 && zoom >= 6.5)
        || (place.population >= 20_000 && zoom >= 7.5)
        || (place.population >= 5_000 && zoom >= 8.5)
        || zoom >= 9.5
}

/// Paints land, lines and labels. With `fills` false (an online or local
/// tile layer lies beneath) only the border and the labels are drawn.
/// Returns the screen rectangles the labels took, for later layers to
/// avoid.
pub fn paint(
    painter: &Painter,
    view: &Viewport,
    map: &PreparedBasemap,
    style: &BasemapStyle,
    fills: bool,
    script: LabelScript,
) -> Vec<Rect> {
    let slot = script as usize;
    let visible = view.visible_world(4.0);
    let level = detail_for_zoom(view.zoom);
    let zoom = view.zoom;
    let line =
        |points: &[World]| -> Vec<Pos2> { points.iter().map(|w| view.to_screen(*w)).collect() };

    if fills {
        painter.rect_filled(view.rect, 0.0, style.water);
        for country in map.countries.iter().filter(|c| c.visible(&visible)) {
            let focus = matches!(country.name.as_str(), "Tajikistan" | "Afghanistan");
            let colour = if focus { style.focus_land } else { style.land };
            if let Some((vertices, indices)) = country.fills.get(level) {
                let mesh = egui::Mesh {
                    vertices: vertices
                        .iter()
                        .map(|w| egui::epaint::Vertex {
                            pos: view.to_screen(*w),
                            uv: egui::epaint::WHITE_UV,
                            color: colour,
                        })
                        .collect(),
                    indices: indices.clone(),
                    ..Default::default()
                };
                painter.add(Shape::mesh(mesh));
            }
        }
    }

    if zoom >= 4.5 {
        let stroke = Stroke::new(if zoom >= 7.0 { 1.0 } else { 0.7 }, style.province_line);
        for province in map.provinces.iter().filter(|p| p.visible(&visible)) {
            for ring in &province.rings[level] {
                painter.add(Shape::line(line(ring), stroke));
            }
        }
    }
    let country_stroke = Stroke::new(1.2, style.country_line);
    for country in map.countries.iter().filter(|c| c.visible(&visible)) {
        for ring in &country.rings[level] {
            painter.add(Shape::line(line(ring), country_stroke));
        }
    }
    let border = line(&map.border[level]);
    painter.add(Shape::line(
        border.clone(),
        Stroke::new(7.0, style.border_casing),
    ));
    painter.add(Shape::line(border, Stroke::new(2.2, style.border_line)));

    let mut taken: Vec<Rect> = Vec::new();
    if zoom >= 4.5 {
        river_labels(painter, view, &map.border[level], style, script, &mut taken);
    }
    if zoom < 8.5 {
        let font = FontId::proportional(if zoom < 5.0 { 11.0 } else { 14.0 });
        for country in map.countries.iter().filter(|c| c.visible(&visible)) {
            if country.name == "Siachen Glacier" {
                continue;
            }
            let text = spaced_capitals(&country.labels[slot]);
            // The two countries are named where the border region shows
            // them, not at their centres far off screen.
            let at = match country.name.as_str() {
                "Tajikistan" => view.to_screen(world(71.0, 38.8)),
                "Afghanistan" => view.to_screen(world(70.0, 36.45)),
                _ => view.to_screen(country.label_at),
            };
            label(
                painter,
                &mut taken,
                at,
                Align2::CENTER_CENTER,
                &text,
                &font,
                style.country_line,
                style.halo,
            );
        }
    }
    if (5.5..11.0).contains(&zoom) {
        let font = FontId::proportional(11.0);
        for province in map.provinces.iter().filter(|p| p.visible(&visible)) {
            // Outside the two countries provinces are context only.
            // The city province of Dushanbe is the city itself, whose
            // label the places layer writes.
            if !matches!(province.country.as_deref(), Some("TJ" | "AF"))
                || province.name == "Dushanbe"
            {
                continue;
            }
            let at = view.to_screen(province.label_at);
            label(
                painter,
                &mut taken,
                at,
                Align2::CENTER_CENTER,
                &province.labels[slot].to_uppercase(),
                &font,
                style.province_label,
                style.halo,
            );
        }
    }
    let town_font = FontId::proportional(12.5);
    let city_font = FontId::proportional(14.0);
    for place in map.places.iter().filter(|p| place_shown(p, zoom)) {
        let at = view.to_screen(place.at);
        if !view.rect.expand(40.0).contains(at) {
            continue;
        }
        let big = place.capital || place.population >= 500_000;
        let font = if big { &city_font } else { &town_font };
        let dot = Rect::from_center_size(at, egui::vec2(5.0, 5.0));
        if taken.iter().any(|r| r.intersects(dot)) {
            continue;
        }
        let placed = label(
            painter,
            &mut taken,
            at + egui::vec2(5.0, -1.0),
            Align2::LEFT_BOTTOM,
            &place.names[slot],
            font,
            style.place_label,
            style.halo,
        ) || label(
            painter,
            &mut taken,
            at + egui::vec2(-5.0, -1.0),
            Align2::RIGHT_BOTTOM,
            &place.names[slot],
            font,
            style.place_label,
            style.halo,
        );
        if placed {
            taken.push(dot);
            if big {
                painter.circle(at, 3.5, style.halo, Stroke::new(1.5, style.place_dot));
            } else {
                painter.circle_filled(at, 2.5, style.place_dot);
            }
        }
    }
    taken
}

fn spaced_capitals(name: &str) -> String {
    // Arabic letters join; spacing them apart would break the word.
    if crate::model::script::has_right_to_left(name) {
        return name.to_string();
    }
    let mut out = String::new();
    for (i, c) in name.to_uppercase().chars().enumerate() {
        if i > 0 {
            out.push(if c == ' ' { ' ' } else { '\u{2009}' });
        }
        if c != ' ' {
            out.push(c);
        } else {
            out.push(' ');
        }
    }
    out
}

/// Draws a label with a halo unless it would overlap one already drawn.
#[allow(clippy::too_many_arguments)]
fn label(
    painter: &Painter,
    taken: &mut Vec<Rect>,
    at: Pos2,
    anchor: Align2,
    text: &str,
    font: &FontId,
    colour: Color32,
    halo: Color32,
) -> bool {
    let galley = painter.layout_no_wrap(text.to_string(), font.clone(), colour);
    let rect = anchor.anchor_size(at, galley.size());
    if !painter.clip_rect().intersects(rect) || taken.iter().any(|r| r.intersects(rect.expand(2.0)))
    {
        return false;
    }
    let halo_galley = painter.layout_no_wrap(text.to_string(), font.clone(), halo);
    for offset in [
        egui::vec2(-1.0, 0.0),
        egui::vec2(1.0, 0.0),
        egui::vec2(0.0, -1.0),
        egui::vec2(0.0, 1.0),
    ] {
        painter.galley(rect.min + offset, halo_galley.clone(), halo);
    }
    painter.galley(rect.min, galley, colour);
    taken.push(rect);
    true
}

/// Writes the river names along the border line, turned to follow it.
fn river_labels(
    painter: &Painter,
    view: &Viewport,
    border: &[World],
    style: &BasemapStyle,
    script: LabelScript,
    taken: &mut Vec<Rect>,
) {
    let font = FontId::new(12.0, egui::FontFamily::Proportional);
    let colour = style.border_line;
    for &(name, lon) in RIVER_LABELS {
        let target = world(lon, 0.0)[0];
        let Some(i) = border
            .windows(2)
            .position(|w| (w[0][0] - target) * (w[1][0] - target) <= 0.0)
        else {
            continue;
        };
        // Direction over a stretch of the line, not one wiggle of it.
        let a = view.to_screen(border[i.saturating_sub(3)]);
        let b = view.to_screen(border[(i + 4).min(border.len() - 1)]);
        let mid = view.to_screen(border[i]);
        if !view.rect.shrink(20.0).contains(mid) {
            continue;
        }
        let mut angle = (b.y - a.y).atan2(b.x - a.x);
        if angle > std::f32::consts::FRAC_PI_2 {
            angle -= std::f32::consts::PI;
        } else if angle < -std::f32::consts::FRAC_PI_2 {
            angle += std::f32::consts::PI;
        }
        let galley = painter.layout_no_wrap(names::river_name(name, script), font.clone(), colour);
        let size = galley.size();
        // Sit just north of the line (the Tajik bank), centred on it.
        let normal = egui::vec2(angle.sin(), -angle.cos());
        let centre = mid + normal * (size.y * 0.5 + 4.0);
        let bounds = Rect::from_center_size(
            centre,
            egui::vec2(size.x.max(size.y), size.x.max(size.y) * 0.6),
        );
        if taken.iter().any(|r| r.intersects(bounds)) {
            continue;
        }
        let rot = egui::emath::Rot2::from_angle(angle);
        let top_left = centre - rot * (size * 0.5);
        painter.add(TextShape::new(top_left, galley, colour).with_angle(angle));
        taken.push(bounds);
    }
}
