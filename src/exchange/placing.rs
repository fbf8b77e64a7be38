//! Placing a data-set row that has no coordinates by the names it gives
//! (a researcher's cut of ACLED without `latitude`/`longitude`): the
//! location's town or village in the shipped gazetteer, else the district,
//! else the province, at the precision of what matched and never finer,
//! said in the record's notes. A row whose names panj does not know is
//! refused by the caller, not placed at a guess.

use crate::geo::gazetteer::{Gazetteer, fold};
use crate::model::{CountryCode, LocationPrecision};

/// Where a row's names put it.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedByName {
    pub lon: f64,
    pub lat: f64,
    pub precision: LocationPrecision,
    /// What matched, for the notes: "the village Shuroobod".
    pub matched: String,
}

/// The names a row gives, widest last.
#[derive(Debug, Clone, Copy, Default)]
pub struct RowNames<'a> {
    pub country: Option<CountryCode>,
    pub admin1: Option<&'a str>,
    pub admin2: Option<&'a str>,
    pub location: Option<&'a str>,
}

/// The row's place by its names, from the shipped gazetteer.
pub fn place_by_name(names: RowNames<'_>) -> Option<PlacedByName> {
    place_in(Gazetteer::shipped()?, names)
}

fn place_in(gazetteer: &Gazetteer, names: RowNames<'_>) -> Option<PlacedByName> {
    let country = names.country.map(|c| c.to_string());
    let admin1 = names.admin1.map(fold);
    let places: Vec<_> = gazetteer
        .basemap()
        .places
        .iter()
        .filter(|p| country.as_deref().is_none_or(|c| p.country == c))
        .filter(|p| {
            admin1
                .as_deref()
                .is_none_or(|a| same_area(&fold(&p.admin1), a))
        })
        .collect();
    if let Some(location) = names.location.map(fold).filter(|l| !l.is_empty()) {
        let found = places.iter().find(|p| {
            fold(&p.name) == location || p.alternate_names.iter().any(|a| fold(a) == location)
        });
        if let Some(place) = found {
            return Some(PlacedByName {
                lon: place.lon,
                lat: place.lat,
                precision: LocationPrecision::Near,
                matched: format!("the place {}", place.name),
            });
        }
    }
    // A district is placed at its seat, the town it is named after (most
    // districts of the region are), at the district's precision.
    if let Some(district) = names.admin2.map(fold).filter(|d| !d.is_empty()) {
        let seat = places.iter().find(|p| {
            same_area(&fold(&p.admin2), &district)
                || same_area(&fold(&p.name), &district)
                || p.alternate_names
                    .iter()
                    .any(|a| same_area(&fold(a), &district))
        });
        if let Some(seat) = seat {
            return Some(PlacedByName {
                lon: seat.lon,
                lat: seat.lat,
                precision: LocationPrecision::District,
                matched: format!("the district {}", names.admin2.unwrap_or_default()),
            });
        }
    }
    let admin1 = admin1?;
    let province = gazetteer.basemap().provinces.iter().find(|area| {
        country
            .as_deref()
            .is_none_or(|c| area.country.as_deref() == Some(c))
            && (same_area(&fold(&area.name), &admin1)
                || area
                    .name_ru
                    .as_deref()
                    .is_some_and(|n| same_area(&fold(n), &admin1)))
    })?;
    let (lon, lat) = province.label_at.unwrap_or((
        (province.bounds[0] + province.bounds[2]) / 2.0,
        (province.bounds[1] + province.bounds[3]) / 2.0,
    ));
    Some(PlacedByName {
        lon,
        lat,
        precision: LocationPrecision::Province,
        matched: format!("the province {}", province.name),
    })
}

/// Whether two folded area names are one area: "khatlon" and "khatlon
/// region", "farkhor" and "farkhor district".
fn same_area(a: &str, b: &str) -> bool {
    let core = |s: &str| {
        s.split_whitespace()
            .filter(|w| {
                !matches!(
                    *w,
                    "region" | "province" | "district" | "oblast" | "viloyati" | "nohiyai"
                )
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    !a.is_empty() && core(a) == core(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_is_placed_by_its_finest_known_name_and_never_finer() {
        let Some(gazetteer) = Gazetteer::shipped() else {
            panic!("the shipped gazetteer must load");
        };
        let town = place_in(
            gazetteer,
            RowNames {
                country: Some(CountryCode::TJ),
                admin1: Some("Khatlon"),
                admin2: Some("Farkhor"),
                location: Some("Farkhor"),
            },
        )
        .unwrap();
        assert_eq!(town.precision, LocationPrecision::Near);
        assert!(
            (town.lat - 37.49).abs() < 0.2 && (town.lon - 69.40).abs() < 0.2,
            "{town:?}"
        );
        let province = place_in(
            gazetteer,
            RowNames {
                country: Some(CountryCode::AF),
                admin1: Some("Badakhshan"),
                admin2: None,
                location: Some("a hamlet no map names"),
            },
        )
        .unwrap();
        assert_eq!(province.precision, LocationPrecision::Province);
        assert!(province.lon > 69.0 && province.lat > 35.5, "{province:?}");
        assert_eq!(
            place_in(
                gazetteer,
                RowNames {
                    country: Some(CountryCode::TJ),
                    location: Some("Atlantis"),
                    ..RowNames::default()
                }
            ),
            None
        );
    }
}
