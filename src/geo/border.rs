//! Distance from a point to the Tajik–Afghan border, signed by side.

use super::geojson::{self, GeoJsonError};
use crate::model::Side;
use ::geo::{
    BoundingRect, Closest, Contains, Distance, Haversine, HaversineClosestPoint, LineString,
    MultiPolygon, Point, Rect,
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
    /// The line cut into runs of a few vertices with their bounding boxes,
    /// so a distance looks only at the runs that could hold the nearest
    /// point (an import works out one per row).
    runs: Vec<(LineString, Rect)>,
    tajikistan: (MultiPolygon, Option<Rect>),
    afghanistan: (MultiPolygon, Option<Rect>),
    /// For each grid cell of the region asked about so far, the runs that
    /// can hold the nearest point of the line for any point in the cell;
    /// an import asks for hundreds of thousands of points in a few cells.
    cells: std::sync::RwLock<std::collections::HashMap<(i32, i32), CellRuns>>,
}

/// The indexes into `Border::runs` kept for one grid cell.
type CellRuns = std::sync::Arc<[usize]>;

/// Degrees a side of a grid cell.
const CELL_DEGREES: f64 = 0.1;
/// Where cells are used: around the border, with room to spare; farther
/// points search every run.
const CELL_AREA: [f64; 4] = [60.0, 30.0, 82.0, 46.0];

/// Vertices per run of the border line.
const RUN: usize = 8;

/// A distance in metres no larger than that from a point to anything in
/// `rect`, without trigonometry per run: the degrees apart in latitude
/// and in longitude (the latter shrunk by the cosine of the latitude
/// nearest a pole, `cos_poleward`), as on a plane, less 3 % for the
/// sphere's curvature; beyond ten degrees, by great circle less a fifth. The tests
/// check it never prunes the true nearest run.
fn lower_bound_m(point: Point, rect: &Rect, cos_poleward: f64) -> f64 {
    const EARTH_RADIUS_M: f64 = 6_371_008.8;
    let dx = (rect.min().x - point.x())
        .max(point.x() - rect.max().x)
        .max(0.0);
    let dy = (rect.min().y - point.y())
        .max(point.y() - rect.max().y)
        .max(0.0);
    let dx = dx.min(360.0 - dx) * cos_poleward;
    let degrees = dx.hypot(dy);
    if degrees < 10.0 {
        0.97 * EARTH_RADIUS_M * degrees.to_radians()
    } else {
        // Far away the plane misleads; the nearest point of the box by
        // great circle, less a fifth, still bounds it.
        let clamped = Point::new(
            point.x().clamp(rect.min().x, rect.max().x),
            point.y().clamp(rect.min().y, rect.max().y),
        );
        0.8 * Haversine.distance(point, clamped)
    }
}

/// The cosine of the latitude nearest a pole among a run's and a point's.
fn cos_poleward(rect: &Rect, lat: f64) -> f64 {
    let poleward = lat
        .abs()
        .max(rect.min().y.abs())
        .max(rect.max().y.abs())
        .min(90.0);
    poleward.to_radians().cos()
}

fn with_box(outline: MultiPolygon) -> (MultiPolygon, Option<Rect>) {
    let rect = outline.bounding_rect();
    (outline, rect)
}

fn inside(point: &Point, (outline, rect): &(MultiPolygon, Option<Rect>)) -> bool {
    let in_box = |r: &Rect| {
        (r.min().x..=r.max().x).contains(&point.x()) && (r.min().y..=r.max().y).contains(&point.y())
    };
    rect.as_ref().is_some_and(in_box) && outline.contains(point)
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
        let runs = line
            .0
            .windows(RUN + 1)
            .step_by(RUN)
            .chain(std::iter::once(
                &line.0[line.0.len().saturating_sub(RUN + 1).min(line.0.len())..],
            ))
            .filter(|run| !run.is_empty())
            .filter_map(|run| {
                let run = LineString::from(run.to_vec());
                run.bounding_rect().map(|rect| (run, rect))
            })
            .collect();
        Ok(Border {
            line,
            runs,
            tajikistan: with_box(country("Tajikistan")?),
            afghanistan: with_box(country("Afghanistan")?),
            cells: Default::default(),
        })
    }

    /// The line itself, west to east or as shipped.
    pub fn line(&self) -> &LineString {
        &self.line
    }

    /// Distance and side for a WGS84 point.
    pub fn distance(&self, lon: f64, lat: f64) -> BorderDistance {
        let point = Point::new(lon, lat);
        let metres = match self.cell_runs(lon, lat) {
            Some(runs) => self.nearest_m(point, runs.iter().map(|&n| &self.runs[n])),
            None => self.nearest_m(point, self.runs.iter()),
        };
        let km = metres / 1000.0;
        let side = if inside(&point, &self.tajikistan) {
            Side::Tj
        } else if inside(&point, &self.afghanistan) {
            Side::Af
        } else {
            Side::Unknown
        };
        BorderDistance { km, side }
    }

    /// The runs that can hold the nearest point for any point of the grid
    /// cell holding (lon, lat), worked out on the cell's first use; `None`
    /// outside [`CELL_AREA`].
    fn cell_runs(&self, lon: f64, lat: f64) -> Option<CellRuns> {
        let [west, south, east, north] = CELL_AREA;
        if !((west..east).contains(&lon) && (south..north).contains(&lat)) {
            return None;
        }
        let key = (
            (lon / CELL_DEGREES).floor() as i32,
            (lat / CELL_DEGREES).floor() as i32,
        );
        if let Some(runs) = self.cells.read().ok()?.get(&key) {
            return Some(runs.clone());
        }
        let cell = Rect::new(
            (key.0 as f64 * CELL_DEGREES, key.1 as f64 * CELL_DEGREES),
            (
                (key.0 + 1) as f64 * CELL_DEGREES,
                (key.1 + 1) as f64 * CELL_DEGREES,
            ),
        );
        let centre = cell.center();
        let centre = Point::new(centre.x, centre.y);
        // Any point of the cell is at most this far from the line: the
        // centre's distance plus the way to the farthest corner (a little
        // more, for the sphere).
        let to_corner = [
            cell.min(),
            cell.max(),
            (cell.min().x, cell.max().y).into(),
            (cell.max().x, cell.min().y).into(),
        ]
        .into_iter()
        .map(|corner| Haversine.distance(centre, Point::from(corner)))
        .fold(0.0, f64::max);
        let farthest = self.nearest_m(centre, self.runs.iter()) + 1.01 * to_corner;
        let runs: CellRuns = self
            .runs
            .iter()
            .enumerate()
            .filter(|(_, (_, rect))| cell_lower_bound_m(&cell, rect) <= farthest)
            .map(|(n, _)| n)
            .collect();
        self.cells.write().ok()?.insert(key, runs.clone());
        Some(runs)
    }

    /// Metres from `point` to the nearest of `runs`.
    fn nearest_m<'a>(
        &self,
        point: Point,
        runs: impl Iterator<Item = &'a (LineString, Rect)>,
    ) -> f64 {
        let mut candidates: Vec<(f64, &LineString)> = runs
            .map(|(run, rect)| {
                (
                    lower_bound_m(point, rect, cos_poleward(rect, point.y())),
                    run,
                )
            })
            .collect();
        candidates.sort_by(|a, b| a.0.total_cmp(&b.0));
        // Only an empty line has no closest point; the shipped one is not.
        let mut metres = f64::INFINITY;
        for (bound, run) in candidates {
            if bound >= metres {
                break;
            }
            match run.haversine_closest_point(&point) {
                Closest::Intersection(_) => {
                    metres = 0.0;
                    break;
                }
                Closest::SinglePoint(nearest) => {
                    metres = metres.min(Haversine.distance(point, nearest));
                }
                Closest::Indeterminate => {}
            }
        }
        metres
    }
}

/// A distance in metres no larger than that from any point of `cell` to
/// anything in `rect`, as [`lower_bound_m`] works it out for a point; 0
/// when they lie ten degrees or more apart, where the plane misleads.
fn cell_lower_bound_m(cell: &Rect, rect: &Rect) -> f64 {
    const EARTH_RADIUS_M: f64 = 6_371_008.8;
    let dx = (rect.min().x - cell.max().x)
        .max(cell.min().x - rect.max().x)
        .max(0.0);
    let dy = (rect.min().y - cell.max().y)
        .max(cell.min().y - rect.max().y)
        .max(0.0);
    let poleward = cell
        .min()
        .y
        .abs()
        .max(cell.max().y.abs())
        .max(rect.min().y.abs())
        .max(rect.max().y.abs())
        .min(90.0);
    let degrees = (dx * poleward.to_radians().cos()).hypot(dy);
    if degrees < 10.0 {
        0.97 * EARTH_RADIUS_M * degrees.to_radians()
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn border() -> Border {
        Border::shipped().expect("the shipped assets parse")
    }

    /// The nearest point by whole-line search, as before runs.
    fn whole_line_km(border: &Border, lon: f64, lat: f64) -> f64 {
        let point = Point::new(lon, lat);
        match border.line.haversine_closest_point(&point) {
            Closest::Intersection(_) => 0.0,
            Closest::SinglePoint(nearest) => Haversine.distance(point, nearest) / 1000.0,
            Closest::Indeterminate => f64::INFINITY,
        }
    }

    #[test]
    fn searching_runs_finds_the_same_distance_as_searching_the_whole_line() {
        let border = border();
        let mut rng = crate::exchange::synthetic::Lcg(7);
        for n in 0..20000 {
            // Mostly the region, some far away.
            let (lon, lat) = if n % 10 == 0 {
                (rng.unit() * 360.0 - 180.0, rng.unit() * 170.0 - 85.0)
            } else {
                (60.0 + rng.unit() * 20.0, 30.0 + rng.unit() * 15.0)
            };
            let fast = border.distance(lon, lat).km;
            let slow = whole_line_km(&border, lon, lat);
            assert!((fast - slow).abs() < 1e-9, "{lon},{lat}: {fast} vs {slow}");
        }
        for vertex in border.line.0.iter().step_by(7) {
            assert_eq!(border.distance(vertex.x, vertex.y).km, 0.0);
        }
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
