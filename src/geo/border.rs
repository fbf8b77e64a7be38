//! Distance from a point to the Tajik–Afghan border, signed by side.

use super::geojson::{self, GeoJsonError};
use crate::model::Side;
use ::geo::{
    Closest, Contains, Distance, Haversine, HaversineClosestPoint, LineString, MultiPolygon, Point,
};

const BORDER_FILE: &str = "assets/border_tj_af.geojson";
const COUNTRIES_FILE: &str = "assets/countries.geojson";
const BORDER_JSON: &str = include_str!("../../assets/border_tj_af.geojson");
const COUNTRIES_JSON: &str = include_str!("../../assets/countries.geojson");

/// How far a point lies from the border, and on which side.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BorderDistance {
    /// Great-circle distance to the nearest point of the border line.
    pub km: f64,
    /// Tajikistan or Afghanistan when the point lies in one of them;
    /// `Unknown` elsewhere (Uzbekistan, China, ...).
    pub side: Side,
}

impl BorderDistance {
    /// Kilometres, positive on the Tajik side and negative on the Afghan
    /// side (unsigned where the side is unknown).
    pub fn signed_km(&self) -> f64 {
        match self.side {
            Side::Af => -self.km,
            _ => self.km,
        }
    }
}

/// The shipped border, parsed on first use; `None` only if the assets
/// built into the binary are broken, which the tests rule out.
pub fn shipped_border() -> Option<&'static Border> {
    static BORDER: std::sync::OnceLock<Option<Border>> = std::sync::OnceLock::new();
    BORDER.get_or_init(|| Border::shipped().ok()).as_ref()
}

/// The border line and the two countries' outlines.
pub struct Border {
    line: LineString,
    tajikistan: MultiPolygon,
    afghanistan: MultiPolygon,
}

impl Border {
    /// The border as shipped in `assets/`.
    pub fn shipped() -> Result<Border, GeoJsonError> {
        let broken = |file: &str, message: &str| GeoJsonError {
            file: file.to_string(),
            message: message.to_string(),
        };
        let line = geojson::features(BORDER_FILE, BORDER_JSON)?
            .iter()
            .find_map(|f| geojson::line_string(&f.geometry))
            .ok_or_else(|| broken(BORDER_FILE, "no LineString feature"))?;
        let countries = geojson::features(COUNTRIES_FILE, COUNTRIES_JSON)?;
        let country = |name: &str| {
            countries
                .iter()
                .filter(|f| f.property("name") == Some(name))
                .find_map(|f| geojson::multi_polygon(&f.geometry))
                .ok_or_else(|| broken(COUNTRIES_FILE, &format!("no polygon named {name}")))
        };
        Ok(Border {
            line,
            tajikistan: country("Tajikistan")?,
            afghanistan: country("Afghanistan")?,
        })
    }

    /// The line itself, west to east or as shipped.
    pub fn line(&self) -> &LineString {
        &self.line
    }

    /// Distance and side for a WGS84 point.
    pub fn distance(&self, lon: f64, lat: f64) -> BorderDistance {
        let point = Point::new(lon, lat);
        let km = match self.line.haversine_closest_point(&point) {
            Closest::Intersection(_) => 0.0,
            Closest::SinglePoint(nearest) => Haversine.distance(point, nearest) / 1000.0,
            // Only an empty line has no closest point; the shipped one is not.
            Closest::Indeterminate => f64::INFINITY,
        };
        let side = if self.tajikistan.contains(&point) {
            Side::Tj
        } else if self.afghanistan.contains(&point) {
            Side::Af
        } else {
            Side::Unknown
        };
        BorderDistance { km, side }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn border() -> Border {
        Border::shipped().expect("the shipped assets parse")
    }

    #[test]
    fn dushanbe_is_far_from_the_border_on_the_tajik_side() {
        // The straight line to the Panj's northern loop near Farkhor
        // (69.51 E, 37.58 N) is about 124 km; the "200 km" often quoted is
        // by road.
        let d = border().distance(68.7791, 38.5358);
        assert_eq!(d.side, Side::Tj);
        assert!(d.km > 115.0 && d.km < 135.0, "{d:?}");
        assert!(d.signed_km() > 115.0);
    }

    #[test]
    fn faizabad_is_on_the_afghan_side() {
        let d = border().distance(70.5800, 37.1166);
        assert_eq!(d.side, Side::Af);
        assert!(d.signed_km() < 0.0, "{d:?}");
        assert!(d.km > 10.0 && d.km < 80.0, "{d:?}");
    }

    #[test]
    fn border_towns_are_close_and_far_cities_are_unknown_side() {
        let b = border();
        // Khorugh lies on the Panj, Ishkashim (Tajik side) on the river too.
        for (name, lon, lat) in [
            ("Khorugh", 71.5534, 37.4904),
            ("Ishqoshim", 71.6133, 36.7248),
            ("Panj", 69.0991, 37.2363),
        ] {
            let d = b.distance(lon, lat);
            assert_eq!(d.side, Side::Tj, "{name}");
            assert!(d.km < 10.0, "{name}: {d:?}");
        }
        let termez = b.distance(67.2783, 37.2242);
        assert_eq!(termez.side, Side::Unknown, "Termez is in Uzbekistan");
    }

    #[test]
    fn the_line_runs_from_the_uzbek_tripoint_to_china() {
        let b = border();
        let xs: Vec<f64> = b.line().coords().map(|c| c.x).collect();
        let (west, east) = xs
            .iter()
            .fold((f64::MAX, f64::MIN), |(lo, hi), &x| (lo.min(x), hi.max(x)));
        assert!(
            (67.5..68.0).contains(&west) && (74.5..75.2).contains(&east),
            "{west}..{east}"
        );
    }
}
