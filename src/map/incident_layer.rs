//! Painting incidents: single markers coloured by perpetrator and sized by
//! the dead, dashed circles for imprecise locations, pie-chart clusters,
//! and a density view, chosen or (by default) drawn by itself when the
//! groups on screen stand for too many incidents each to be read as
//! markers, until the analyst zooms in. Returns what it drew so the panel
//! can tell what the pointer is over and what the legend must explain.

use super::incidents::{GroupSummary, IncidentLayer, group_radius, marker_radius};
use super::projection::Viewport;
use egui::{Align2, Color32, FontId, Painter, Pos2, Shape, Stroke, vec2};
use std::sync::Arc;

/// Most uncertainty rings drawn in one frame.
const MAX_UNCERTAINTY_RINGS: usize = 150;

/// Something drawn that the pointer can hit.
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    pub centre: Pos2,
    pub radius: f32,
    /// Indexes into the incident slice the layer was built from.
    pub members: Arc<Vec<usize>>,
}

/// How the incidents are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum IncidentsAs {
    /// Markers, or the density view while the groups on screen average
    /// more than [`AUTO_DENSITY_FROM`] incidents each.
    #[default]
    Auto,
    Markers,
    Density,
}

/// Groups this large on average are shaded rather than drawn as pies
/// (with [`IncidentsAs::Auto`]): a pie of thousands says little about
/// where they happened.
pub const AUTO_DENSITY_FROM: usize = 300;

/// Options of the incident layer.
#[derive(Debug, Clone, Copy, PartialEq, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct IncidentLayerOptions {
    pub incidents_as: IncidentsAs,
    /// Draw the uncertainty circles of imprecise locations.
    pub hide_precision: bool,
}

/// What [`paint`] drew.
#[derive(Debug, Clone, Default)]
pub struct Painted {
    /// What the pointer can hit, bottom first.
    pub markers: Vec<Marker>,
    /// The density view was drawn, and the most incidents at one spot.
    pub density: Option<usize>,
}

/// The colour of the density view at a spot of `n` incidents when the
/// busiest spot on screen has `most`, for the legend's scale.
pub fn density_colour(n: usize, most: usize) -> Color32 {
    let (_, strength) = density_spot(n, most, None);
    // A spot is six stacked discs; its centre shows about this much.
    Color32::from_rgb(0xD7, 0x30, 0x27).gamma_multiply((strength * 2.6).min(1.0))
}

/// Paints the incidents: markers (bottom first), or the density view.
pub fn paint(
    painter: &Painter,
    view: &Viewport,
    layer: &mut IncidentLayer,
    selected: &[usize],
    options: IncidentLayerOptions,
    dark: bool,
) -> Painted {
    let visible = view.visible_world(40.0);
    let outline = if dark {
        Color32::from_gray(20)
    } else {
        Color32::WHITE
    };
    let text = if dark {
        Color32::from_gray(235)
    } else {
        Color32::from_gray(25)
    };
    let ctx = painter.ctx().clone();
    layer.prepare(view.zoom, move || ctx.request_repaint());
    let summaries = layer.summaries();
    let layer: &IncidentLayer = layer;
    let is_chosen =
        |s: &GroupSummary| !selected.is_empty() && s.members.iter().any(|m| selected.contains(m));
    let mut markers = Vec::new();
    let mut drawn: Vec<&GroupSummary> = Vec::new();
    let mut uncertainty = Vec::new();
    for (c, summary) in layer.clusters().iter().zip(summaries.iter()) {
        if c.world[0] < visible[0]
            || c.world[0] > visible[2]
            || c.world[1] < visible[1]
            || c.world[1] > visible[3]
        {
            continue;
        }
        let centre = view.to_screen(c.world);
        // Only when every member is imprecise does the group as a whole
        // have a known uncertainty: the smallest of theirs.
        if !options.hide_precision
            && let Some((km, lat, colour)) = summary.uncertainty
        {
            let px = (km * 1000.0 / view.metres_per_pixel(lat)) as f32;
            uncertainty.push((centre, px, colour, is_chosen(summary)));
        }
        let count = summary.members.len();
        let radius = if count == 1 {
            marker_radius(summary.killed)
        } else {
            group_radius(count)
        };
        markers.push(Marker {
            centre,
            radius,
            members: Arc::clone(&summary.members),
        });
        drawn.push(summary);
    }
    // Past a few hundred rings the map is a tangle of dashes (and slow to
    // draw); the hollow markers still say "approximate", and the selected
    // incidents keep their rings.
    let crowded = uncertainty.len() > MAX_UNCERTAINTY_RINGS;
    for (centre, px, colour, chosen) in &uncertainty {
        if (!crowded || *chosen) && *px > 6.0 && *px < 4000.0 {
            painter.circle_filled(*centre, *px, colour.gamma_multiply(0.07));
            dashed_circle(
                painter,
                *centre,
                *px,
                Stroke::new(1.3, colour.gamma_multiply(0.85)),
            );
        }
    }
    let shown: usize = drawn.iter().map(|s| s.members.len()).sum();
    let density = match options.incidents_as {
        IncidentsAs::Density => true,
        IncidentsAs::Markers => false,
        IncidentsAs::Auto => !drawn.is_empty() && shown / drawn.len() > AUTO_DENSITY_FROM,
    };
    if density {
        let most = drawn.iter().map(|s| s.members.len()).max().unwrap_or(0);
        for (marker, summary) in markers.iter().zip(&drawn) {
            let ring = summary
                .uncertainty
                .map(|(km, lat, _)| (km * 1000.0 / view.metres_per_pixel(lat)) as f32);
            let (radius, strength) = density_spot(marker.members.len(), most, ring);
            for step in 0..6 {
                let f = 1.0 - step as f32 / 6.0;
                painter.circle_filled(
                    marker.centre,
                    radius * f,
                    Color32::from_rgb(0xD7, 0x30, 0x27)
                        .gamma_multiply(strength / 6.0 * (1.0 + step as f32 * 0.5)),
                );
            }
        }
        return Painted {
            markers,
            density: Some(most),
        };
    }
    let mut badges = Vec::new();
    for (marker, summary) in markers.iter().zip(&drawn) {
        if is_chosen(summary) {
            painter.circle_stroke(marker.centre, marker.radius + 4.0, Stroke::new(3.0, text));
        }
        if let Some((colour, imprecise)) = summary.only {
            if imprecise {
                painter.circle(
                    marker.centre,
                    marker.radius,
                    colour.gamma_multiply(0.35),
                    Stroke::new(2.5, colour),
                );
                painter.circle_stroke(
                    marker.centre,
                    marker.radius + 1.2,
                    Stroke::new(1.0, outline),
                );
            } else {
                painter.circle(
                    marker.centre,
                    marker.radius,
                    colour,
                    Stroke::new(1.5, outline),
                );
            }
            continue;
        }
        let count = summary.members.len();
        pie(
            painter,
            marker.centre,
            marker.radius,
            &summary.shares,
            count,
        );
        painter.circle_stroke(marker.centre, marker.radius, Stroke::new(1.5, outline));
        painter.circle_filled(
            marker.centre,
            marker.radius * 0.62,
            outline.gamma_multiply(0.92),
        );
        painter.text(
            marker.centre,
            Align2::CENTER_CENTER,
            count.to_string(),
            FontId::proportional(12.0),
            text,
        );
        if summary.killed > 0 {
            badges.push((summary.killed, summary.killed_is_minimum, marker));
        }
    }
    place_badges(painter, &markers, badges, text, outline);
    Painted {
        markers,
        density: None,
    }
}

/// The "N killed" badges, placed busiest first, each below its group or
/// else above it, and left out where it would cover another badge or
/// another group: a label that cannot be read is not drawn at all.
/// Returns where each drawn badge went, with its toll.
fn place_badges(
    painter: &Painter,
    markers: &[Marker],
    mut badges: Vec<(u64, bool, &Marker)>,
    text: Color32,
    outline: Color32,
) -> Vec<(u64, egui::Rect)> {
    badges.sort_by_key(|b| std::cmp::Reverse(b.0));
    let clip = painter.clip_rect();
    let mut taken: Vec<egui::Rect> = Vec::with_capacity(badges.len());
    let mut placed = Vec::new();
    for (killed, minimum, marker) in badges {
        let plus = if minimum { "+" } else { "" };
        let galley = painter.layout_no_wrap(
            crate::tr!(
                "map-badge-killed",
                killed = format!("{}{plus}", crate::lang::number(killed as i64))
            ),
            FontId::proportional(10.5),
            text,
        );
        let below = Align2::CENTER_TOP
            .anchor_size(
                marker.centre + vec2(0.0, marker.radius + 2.0),
                galley.size(),
            )
            .expand2(vec2(3.0, 1.0));
        let above = Align2::CENTER_BOTTOM
            .anchor_size(
                marker.centre - vec2(0.0, marker.radius + 2.0),
                galley.size(),
            )
            .expand2(vec2(3.0, 1.0));
        let free = |rect: &egui::Rect| {
            clip.contains_rect(*rect)
                && !taken.iter().any(|t| t.intersects(*rect))
                && !markers.iter().any(|m| {
                    !std::ptr::eq(m, marker)
                        && egui::Rect::from_center_size(m.centre, egui::Vec2::splat(2.0 * m.radius))
                            .intersects(*rect)
                })
        };
        let Some(rect) = [below, above].into_iter().find(|r| free(r)) else {
            continue;
        };
        taken.push(rect);
        placed.push((killed, rect));
        painter.rect_filled(rect, 3.0, outline.gamma_multiply(0.85));
        painter.galley(rect.min + vec2(3.0, 1.0), galley, text);
    }
    placed
}

/// The radius (px) and strength of the glow of `n` incidents at one
/// point. A stand-in point (a province, a country) is not a hot spot: its
/// glow covers its uncertainty ring (`ring` px), as faint as the ring is
/// wide, so about the same ink covers the whole area it may be in.
///
/// The strength is relative to the busiest spot on screen (`most`), on a
/// logarithmic scale: with a hundred thousand incidents every spot would
/// otherwise be as red as the next.
fn density_spot(n: usize, most: usize, ring: Option<f32>) -> (f32, f32) {
    let share = (n as f32).ln_1p() / (most.max(n).max(1) as f32).ln_1p();
    let n = n as f32;
    let radius = 18.0 + 9.0 * n.sqrt().min(4.0);
    let strength = 0.04 + 0.42 * share;
    match ring.map(|r| r.min(4000.0)) {
        Some(ring) if ring > radius => (ring, (strength * (radius / ring).powi(2)).max(0.03)),
        _ => (radius, strength),
    }
}

/// The marker the pointer is over: the smallest one containing it, so a
/// small incident on top of a big cluster can still be picked.
pub fn hit(markers: &[Marker], pointer: Pos2) -> Option<&Marker> {
    markers
        .iter()
        .filter(|m| m.centre.distance(pointer) <= m.radius + 3.0)
        .min_by(|a, b| a.radius.total_cmp(&b.radius))
}

fn pie(painter: &Painter, centre: Pos2, radius: f32, shares: &[([u8; 4], usize)], total: usize) {
    let mut start = -std::f32::consts::FRAC_PI_2;
    for (rgba, count) in shares {
        let sweep = std::f32::consts::TAU * *count as f32 / total as f32;
        let colour = Color32::from_rgba_premultiplied(rgba[0], rgba[1], rgba[2], rgba[3]);
        // Convex pieces of at most a quarter turn each.
        let pieces = (sweep / std::f32::consts::FRAC_PI_2).ceil().max(1.0) as usize;
        for piece in 0..pieces {
            let a0 = start + sweep * piece as f32 / pieces as f32;
            let a1 = start + sweep * (piece + 1) as f32 / pieces as f32;
            // Whole-circle points between the two angles, and the ends.
            let circle = unit_circle();
            let index = |a: f32| a.rem_euclid(std::f32::consts::TAU) / std::f32::consts::TAU * 96.0;
            let (first, last) = (
                index(a0).ceil() as usize,
                index(a0) + (a1 - a0) / std::f32::consts::TAU * 96.0,
            );
            let mut points = vec![centre, centre + radius * vec2(a0.cos(), a0.sin())];
            let mut i = first;
            while (i as f32) < last {
                points.push(centre + radius * circle[i % 96]);
                i += 1;
            }
            points.push(centre + radius * vec2(a1.cos(), a1.sin()));
            painter.add(Shape::convex_polygon(points, colour, Stroke::NONE));
        }
        start += sweep;
    }
}

/// Points around the unit circle, worked out once: circles are drawn by
/// the thousand and trigonometry showed at the top of frame profiles.
fn unit_circle() -> &'static [egui::Vec2] {
    static POINTS: std::sync::OnceLock<Vec<egui::Vec2>> = std::sync::OnceLock::new();
    POINTS.get_or_init(|| {
        (0..=96)
            .map(|i| {
                let a = std::f32::consts::TAU * i as f32 / 96.0;
                vec2(a.cos(), a.sin())
            })
            .collect()
    })
}

fn dashed_circle(painter: &Painter, centre: Pos2, radius: f32, stroke: Stroke) {
    let points: Vec<Pos2> = unit_circle().iter().map(|v| centre + radius * *v).collect();
    painter.extend(Shape::dashed_line(&points, stroke, 6.0, 5.0));
}

#[cfg(test)]
mod tests {

    #[test]
    fn badges_go_busiest_first_and_never_cover_each_other_or_a_group() {
        let ctx = egui::Context::default();
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            let painter = ui
                .painter()
                .with_clip_rect(egui::Rect::from_min_size(Pos2::ZERO, vec2(400.0, 400.0)));
            let marker = |x: f32, y: f32| Marker {
                centre: Pos2::new(x, y),
                radius: 14.0,
                members: Arc::new(vec![0, 1]),
            };
            // A 4×4 grid of groups 32 px apart (no room between them for
            // a badge) and one group alone.
            let mut markers: Vec<Marker> = (0..16)
                .map(|n| marker(60.0 + 32.0 * (n % 4) as f32, 60.0 + 32.0 * (n / 4) as f32))
                .collect();
            markers.push(marker(330.0, 330.0));
            let badges: Vec<(u64, bool, &Marker)> = markers
                .iter()
                .enumerate()
                .map(|(n, m)| (if n == 0 { 1234 } else { n as u64 + 1 }, n == 0, m))
                .collect();
            let placed = place_badges(&painter, &markers, badges, Color32::BLACK, Color32::WHITE);
            let tolls: Vec<u64> = placed.iter().map(|(k, _)| *k).collect();
            assert_eq!(tolls[0], 1234, "the busiest first");
            assert!(tolls.contains(&17), "a lone group keeps its badge");
            assert!(tolls.len() < 8, "crowded badges are left out: {tolls:?}");
            for (n, (_, a)) in placed.iter().enumerate() {
                for (_, b) in &placed[n + 1..] {
                    assert!(!a.intersects(*b), "badges overlap");
                }
                for m in &markers {
                    let disc =
                        egui::Rect::from_center_size(m.centre, egui::Vec2::splat(2.0 * m.radius));
                    assert!(!a.intersects(disc), "a badge covers a group");
                }
            }
        });
        output.textures_delta.clear();
    }

    use super::*;
    use egui::pos2;

    #[test]
    fn the_busiest_spot_on_screen_is_the_strongest_and_one_incident_the_faintest() {
        let (_, one) = density_spot(1, 20_000, None);
        let (_, hundred) = density_spot(100, 20_000, None);
        let (_, busiest) = density_spot(20_000, 20_000, None);
        assert!(
            one < hundred && hundred < busiest,
            "{one} {hundred} {busiest}"
        );
        assert!(busiest - one > 0.3, "a scale that can be read");
    }

    #[test]
    fn a_stand_in_point_glows_faintly_over_its_whole_ring() {
        let (point_radius, point_strength) = density_spot(1, 1, None);
        let (radius, strength) = density_spot(1, 1, Some(300.0));
        assert_eq!(radius, 300.0, "covers the ring");
        assert!(strength < point_strength / 4.0, "and is no hot spot");
        let (radius, strength) = density_spot(1, 1, Some(10.0));
        assert_eq!(
            (radius, strength),
            (point_radius, point_strength),
            "a ring smaller than the glow changes nothing"
        );
    }

    #[test]
    fn the_smallest_marker_under_the_pointer_wins() {
        let big = Marker {
            centre: pos2(100.0, 100.0),
            radius: 20.0,
            members: Arc::new(vec![1, 2, 3]),
        };
        let small = Marker {
            centre: pos2(110.0, 100.0),
            radius: 5.0,
            members: Arc::new(vec![7]),
        };
        let markers = vec![big.clone(), small.clone()];
        assert_eq!(hit(&markers, pos2(111.0, 101.0)), Some(&small));
        assert_eq!(hit(&markers, pos2(92.0, 100.0)), Some(&big));
        assert_eq!(hit(&markers, pos2(200.0, 200.0)), None);
    }
}
