//! Web Mercator, as walkers draws it, for our own layers.
//!
//! Incidents and basemap vertices are projected once into normalised
//! "world" coordinates (0..1 east and south); each frame then only scales and
//! shifts them, which is what keeps 100 000 incidents smooth.

use egui::{Pos2, Rect, pos2};
use std::f64::consts::PI;

/// Pixels across the whole world at zoom 0 (walkers' tile size).
pub const WORLD_PIXELS_AT_ZOOM_0: f64 = 256.0;

/// Normalised Web Mercator coordinates: x east from 180° W, y south from
/// the top of the projection, both in 0..1.
pub type World = [f64; 2];

/// Where a WGS84 point lies in the normalised world.
pub fn world(lon: f64, lat: f64) -> World {
    let x = (1.0 + lon.to_radians() / PI) / 2.0;
    let y = (1.0 - lat.to_radians().tan().asinh() / PI) / 2.0;
    [x, y]
}

/// The WGS84 (lon, lat) of a world point.
pub fn lon_lat(world: World) -> (f64, f64) {
    let lon = (world[0] * 2.0 - 1.0) * 180.0;
    let lat = ((1.0 - world[1] * 2.0) * PI).sinh().atan().to_degrees();
    (lon, lat)
}

/// What the map shows this frame: the screen rectangle, the world point at
/// its centre and the zoom.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Viewport {
    pub rect: Rect,
    pub center: World,
    pub zoom: f64,
}

impl Viewport {
    /// The viewport centred on (lon, lat).
    pub fn new(rect: Rect, lon: f64, lat: f64, zoom: f64) -> Viewport {
        Viewport {
            rect,
            center: world(lon, lat),
            zoom,
        }
    }

    /// The viewport walkers is drawing with.
    pub fn from_projector(projector: &walkers::Projector) -> Viewport {
        let rect = projector.clip_rect();
        let centre = projector.unproject(rect.center().to_vec2());
        Viewport::new(rect, centre.x(), centre.y(), projector.zoom())
    }

    /// Screen pixels per world unit.
    pub fn scale(&self) -> f64 {
        WORLD_PIXELS_AT_ZOOM_0 * 2f64.powf(self.zoom)
    }

    pub fn to_screen(&self, w: World) -> Pos2 {
        let scale = self.scale();
        let c = self.rect.center();
        pos2(
            (c.x as f64 + (w[0] - self.center[0]) * scale) as f32,
            (c.y as f64 + (w[1] - self.center[1]) * scale) as f32,
        )
    }

    pub fn to_world(&self, pos: Pos2) -> World {
        let scale = self.scale();
        let c = self.rect.center();
        [
            self.center[0] + (pos.x - c.x) as f64 / scale,
            self.center[1] + (pos.y - c.y) as f64 / scale,
        ]
    }

    pub fn lon_lat_at(&self, pos: Pos2) -> (f64, f64) {
        lon_lat(self.to_world(pos))
    }

    /// The world rectangle on screen, (min x, min y, max x, max y), grown
    /// by `margin` pixels on each side.
    pub fn visible_world(&self, margin: f32) -> [f64; 4] {
        let a = self.to_world(self.rect.min - egui::vec2(margin, margin));
        let b = self.to_world(self.rect.max + egui::vec2(margin, margin));
        [a[0], a[1], b[0], b[1]]
    }

    /// Ground metres one screen pixel spans at latitude `lat`.
    pub fn metres_per_pixel(&self, lat: f64) -> f64 {
        const EARTH_CIRCUMFERENCE_M: f64 = 40_075_016.686;
        EARTH_CIRCUMFERENCE_M * lat.to_radians().cos() / self.scale()
    }
}

/// The centre (lon, lat) and zoom that fit a lon/lat box, (min lon, min lat,
/// max lon, max lat), into a screen area of `size` pixels with `padding`
/// pixels to spare, no closer than `max_zoom`.
pub fn fit(bounds: [f64; 4], size: egui::Vec2, padding: f32, max_zoom: f64) -> ((f64, f64), f64) {
    let a = world(bounds[0], bounds[3]);
    let b = world(bounds[2], bounds[1]);
    let center = lon_lat([(a[0] + b[0]) / 2.0, (a[1] + b[1]) / 2.0]);
    let width = ((size.x - 2.0 * padding).max(16.0)) as f64;
    let height = ((size.y - 2.0 * padding).max(16.0)) as f64;
    let span_x = (b[0] - a[0]).max(1e-12);
    let span_y = (b[1] - a[1]).max(1e-12);
    let scale = (width / span_x).min(height / span_y);
    let zoom = (scale / WORLD_PIXELS_AT_ZOOM_0).log2().clamp(0.0, max_zoom);
    (center, zoom)
}

/// Degrees, minutes and seconds, e.g. `37°29'25"N 71°33'12"E` (ASCII
/// marks: the prime glyphs are missing from egui's default font).
pub fn dms(lon: f64, lat: f64) -> String {
    fn part(value: f64, positive: char, negative: char) -> String {
        let hemisphere = if value < 0.0 { negative } else { positive };
        let total_seconds = (value.abs() * 3600.0).round() as u64;
        let (d, m, s) = (
            total_seconds / 3600,
            total_seconds / 60 % 60,
            total_seconds % 60,
        );
        format!("{d}°{m:02}'{s:02}\"{hemisphere}")
    }
    format!("{} {}", part(lat, 'N', 'S'), part(lon, 'E', 'W'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::vec2;

    const DUSHANBE: (f64, f64) = (68.7791, 38.5358);
    const KHORUGH: (f64, f64) = (71.5534, 37.4904);

    fn screen() -> Rect {
        Rect::from_min_size(pos2(0.0, 0.0), vec2(1000.0, 800.0))
    }

    #[test]
    fn a_known_place_lands_where_walkers_draws_it() {
        // Centred on Khorugh at zoom 8, Dushanbe is west and a little north.
        let mut memory = walkers::MapMemory::default();
        memory.set_zoom(8.0).expect("valid zoom");
        memory.center_at(walkers::lon_lat(KHORUGH.0, KHORUGH.1));
        let projector = walkers::Projector::new(
            screen(),
            &walkers::MercatorProjection,
            &memory,
            walkers::lon_lat(0.0, 0.0),
        );
        let view = Viewport::from_projector(&projector);
        let ours = view.to_screen(world(DUSHANBE.0, DUSHANBE.1));
        let theirs = projector.project(walkers::lon_lat(DUSHANBE.0, DUSHANBE.1));
        assert!((ours.x - theirs.x).abs() < 0.5 && (ours.y - theirs.y).abs() < 0.5);
        // 2.774° of longitude at zoom 8 is 256 * 2^8 * 2.774 / 360 ≈ 505 px.
        assert!((ours.x - (500.0 - 505.0)).abs() < 1.5, "{ours:?}");
        assert!(ours.y < 400.0 - 150.0, "north of Khorugh by ~1°: {ours:?}");
        // The centre pixel is Khorugh itself.
        let centre = view.lon_lat_at(screen().center());
        assert!((centre.0 - KHORUGH.0).abs() < 1e-9 && (centre.1 - KHORUGH.1).abs() < 1e-9);
    }

    #[test]
    fn world_and_lon_lat_are_inverse() {
        for (lon, lat) in [DUSHANBE, KHORUGH, (-70.0, -33.0), (0.0, 0.0)] {
            let back = lon_lat(world(lon, lat));
            assert!((back.0 - lon).abs() < 1e-9 && (back.1 - lat).abs() < 1e-9);
        }
    }

    #[test]
    fn fitting_a_box_keeps_it_on_screen() {
        let bounds = [67.3, 36.0, 75.2, 39.5];
        let (centre, zoom) = fit(bounds, screen().size(), 20.0, 18.0);
        let view = Viewport::new(screen(), centre.0, centre.1, zoom);
        for (lon, lat) in [(bounds[0], bounds[1]), (bounds[2], bounds[3])] {
            let p = view.to_screen(world(lon, lat));
            assert!(screen().shrink(19.0).contains(p), "{p:?} at zoom {zoom}");
        }
        // ...and tightly: one zoom step in, it would not fit any more.
        let closer = Viewport::new(screen(), centre.0, centre.1, zoom + 1.0);
        let p = closer.to_screen(world(bounds[0], bounds[1]));
        assert!(!screen().contains(p));
    }

    #[test]
    fn dms_rounds_to_whole_seconds() {
        assert_eq!(dms(71.5534, 37.4904), r#"37°29'25"N 71°33'12"E"#);
        assert_eq!(dms(-0.5, -0.25), r#"0°15'00"S 0°30'00"W"#);
    }
}
