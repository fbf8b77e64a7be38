//! When two records may tell one incident: within [`DUPLICATE_KM`] of each
//! other and [`DUPLICATE_DAYS`] of each other's dates. The form warns with
//! it for one record; an import lists the rows it finds for.

use crate::geo::gazetteer::km_between;
use crate::model::{Incident, LocationPrecision, day_number};

/// Records this close in space may be one incident.
pub const DUPLICATE_KM: f64 = 10.0;
/// ... and this close in time (days between their date intervals).
pub const DUPLICATE_DAYS: i64 = 3;

/// Whether an incident at (`lon`, `lat`) dated `start..=end` (day numbers)
/// may be `other`.
pub fn may_be_same(lon: f64, lat: f64, start: i64, end: i64, other: &Incident) -> bool {
    may_be_same_at(
        (lon, lat, start, end),
        (
            other.location.lon,
            other.location.lat,
            day_number(other.date.start),
            day_number(other.date.end),
        ),
    )
}

/// Whether two stored records' places can say they are one incident: two
/// placed only to the country (or side of the border) share the stand-in
/// point of that country whatever happened where, so their points tell
/// nothing (editing a seed record listed the other seed records). A new
/// draft is still compared with them: it may be a stored event told again.
pub fn places_can_tell(one: LocationPrecision, other: LocationPrecision) -> bool {
    !(one == LocationPrecision::Country && other == LocationPrecision::Country)
}

/// As [`may_be_same`], for two places and intervals given as (`lon`,
/// `lat`, first day, last day), days as day numbers.
pub fn may_be_same_at(one: (f64, f64, i64, i64), other: (f64, f64, i64, i64)) -> bool {
    let (lon, lat, start, end) = one;
    let (other_lon, other_lat, s, e) = other;
    s <= end + DUPLICATE_DAYS
        && e >= start - DUPLICATE_DAYS
        && km_between(lon, lat, other_lon, other_lat) <= DUPLICATE_KM
}

/// The note and tag that say a record may be the same incident as `other`
/// (the form's Link; an import's default for the rows it finds).
pub fn link(incident: &mut Incident, other: &Incident) {
    let line = format!(
        "Possibly the same incident as {} ('{}').",
        other.id, other.title
    );
    if !incident.notes.contains(&line) {
        if !incident.notes.trim().is_empty() {
            incident.notes.push('\n');
        }
        incident.notes.push_str(&line);
    }
    if !incident.tags.iter().any(|t| t == "possible-duplicate") {
        incident.tags.push("possible-duplicate".to_string());
    }
}

/// Stored incidents bucketed by a grid of about 15 km, so that an import
/// of many rows asks only the few nearby for each.
pub struct NearbyIndex<'a> {
    cells: std::collections::HashMap<(i32, i32), Vec<&'a Incident>>,
}

/// Grid cell size in degrees: larger than [`DUPLICATE_KM`] anywhere in the
/// region, so the 3 × 3 cells around a point hold every candidate.
const CELL: f64 = 0.15;

fn cell(lon: f64, lat: f64) -> (i32, i32) {
    ((lon / CELL).floor() as i32, (lat / CELL).floor() as i32)
}

impl<'a> NearbyIndex<'a> {
    pub fn new(incidents: &'a [Incident]) -> NearbyIndex<'a> {
        let mut cells: std::collections::HashMap<(i32, i32), Vec<&Incident>> =
            std::collections::HashMap::new();
        for incident in incidents {
            let at = cell(incident.location.lon, incident.location.lat);
            cells.entry(at).or_default().push(incident);
        }
        NearbyIndex { cells }
    }

    /// The incidents `incident` may be, by place and date.
    pub fn candidates(&self, incident: &Incident) -> Vec<&'a Incident> {
        let (lon, lat) = (incident.location.lon, incident.location.lat);
        let (start, end) = (
            day_number(incident.date.start),
            day_number(incident.date.end),
        );
        let (x, y) = cell(lon, lat);
        let mut found = Vec::new();
        for dx in -1..=1 {
            for dy in -1..=1 {
                for other in self.cells.get(&(x + dx, y + dy)).into_iter().flatten() {
                    if other.id != incident.id && may_be_same(lon, lat, start, end, other) {
                        found.push(*other);
                    }
                }
            }
        }
        found
    }
}
