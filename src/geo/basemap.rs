//! The offline basemap: countries, provinces, the border line and places of
//! the region, read from the files shipped in `assets/` (built into the
//! binary) and prepared once for drawing at any zoom.

use super::geojson::{self, GeoJsonError};
use ::geo::{LineString, MultiPolygon, Simplify};

const COUNTRIES_FILE: &str = "assets/countries.geojson";
const PROVINCES_FILE: &str = "assets/admin1.geojson";
const BORDER_FILE: &str = "assets/border_tj_af.geojson";
const PLACES_FILE: &str = "assets/places.csv";
const COUNTRIES_JSON: &str = include_str!("../../assets/countries.geojson");
const PROVINCES_JSON: &str = include_str!("../../assets/admin1.geojson");
const BORDER_JSON: &str = include_str!("../../assets/border_tj_af.geojson");
const PLACES_CSV: &str = include_str!("../../assets/places.csv");

/// Tolerances (degrees) of the simplified outlines, coarsest first; the last
/// level is the shipped geometry itself.
pub const DETAIL_TOLERANCES: [f64; 3] = [0.03, 0.008, 0.0];

/// Towns an analyst of this border expects to see labelled as soon as the
/// region is in view, although GeoNames gives them small or no populations:
/// the district centres along the Panj and the Afghan provincial capitals
/// facing them.
pub const KEY_TOWNS: &[&str] = &[
    "Dushanbe",
    "Kŭlob",
    "Bokhtar",
    "Khorugh",
    "Panj",
    "Ishqoshim",
    "Qalaikhumb",
    "Farkhor",
    "Shahritus",
    "Rŭshon",
    "Vanj",
    "Hulbuk",
    "Dŭstí",
    "Fayzabad",
    "Kunduz",
    "Taloqan",
    "Imām Şāḩib",
    "Rustāq",
    "Jurm",
    "Bahārak",
    "Deh Khwāhān",
    "Chāh Āb",
    "Mazār-e Sharīf",
    "Tirmiz",
];

/// A country or province: its outline at several levels of detail and where
/// its name goes.
#[derive(Debug, Clone)]
pub struct Area {
    pub name: String,
    /// Natural Earth's Russian name, for provinces.
    pub name_ru: Option<String>,
    /// Natural Earth's Persian name, for provinces.
    pub name_fa: Option<String>,
    /// ISO 3166-1 alpha-2 of the country a province belongs to.
    pub country: Option<String>,
    /// One outline per entry of [`DETAIL_TOLERANCES`].
    pub detail: Vec<MultiPolygon>,
    /// Label anchor (lon, lat).
    pub label_at: Option<(f64, f64)>,
    /// (min lon, min lat, max lon, max lat).
    pub bounds: [f64; 4],
}

/// A populated place from GeoNames.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    pub name: String,
    /// The name as map labels write it: [`label_text`].
    pub label: String,
    pub lon: f64,
    pub lat: f64,
    pub country: String,
    pub admin1: String,
    /// District, where GeoNames' reverse geocoder names one.
    pub admin2: String,
    pub population: u64,
    /// Other spellings and scripts (Khorog for Khorugh, Куляб for Kŭlob).
    pub alternate_names: Vec<String>,
    /// In [`KEY_TOWNS`].
    pub key: bool,
}

/// Everything the offline map draws beneath the incidents.
#[derive(Debug, Clone)]
pub struct Basemap {
    pub countries: Vec<Area>,
    pub provinces: Vec<Area>,
    /// The Tajik–Afghan border, one entry per level of detail.
    pub border: Vec<LineString>,
    /// Largest first, key towns before all others of the same size class.
    pub places: Vec<Place>,
}

impl Basemap {
    /// The basemap as shipped in `assets/`.
    pub fn shipped() -> Result<Basemap, GeoJsonError> {
        let countries = areas(COUNTRIES_FILE, COUNTRIES_JSON)?;
        let provinces = areas(PROVINCES_FILE, PROVINCES_JSON)?;
        let line = geojson::features(BORDER_FILE, BORDER_JSON)?
            .iter()
            .find_map(|f| geojson::line_string(&f.geometry))
            .ok_or_else(|| GeoJsonError {
                file: BORDER_FILE.into(),
                message: "no LineString feature".into(),
            })?;
        let border = DETAIL_TOLERANCES
            .iter()
            .map(|&tolerance| simplified_line(&line, tolerance))
            .collect();
        Ok(Basemap {
            countries,
            provinces,
            border,
            places: places()?,
        })
    }

    /// The province whose outline contains the point, if any.
    pub fn province_at(&self, lon: f64, lat: f64) -> Option<&Area> {
        use ::geo::Contains;
        let point = ::geo::Point::new(lon, lat);
        self.provinces.iter().find(|area| {
            inside_bounds(&area.bounds, lon, lat)
                && area.detail.last().is_some_and(|p| p.contains(&point))
        })
    }
}

fn inside_bounds(bounds: &[f64; 4], lon: f64, lat: f64) -> bool {
    (bounds[0]..=bounds[2]).contains(&lon) && (bounds[1]..=bounds[3]).contains(&lat)
}

fn simplified_line(line: &LineString, tolerance: f64) -> LineString {
    if tolerance > 0.0 {
        line.simplify(tolerance)
    } else {
        line.clone()
    }
}

fn areas(file: &str, json: &str) -> Result<Vec<Area>, GeoJsonError> {
    let mut areas = Vec::new();
    for feature in geojson::features(file, json)? {
        let Some(shape) = geojson::multi_polygon(&feature.geometry) else {
            continue;
        };
        let name = feature.property("name").unwrap_or_default().to_string();
        let number = |key: &str| feature.properties.get(key).and_then(|v| v.as_f64());
        let label_at = number("label_lon").zip(number("label_lat"));
        let mut bounds = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
        for polygon in &shape {
            for c in polygon.exterior().coords() {
                bounds = [
                    bounds[0].min(c.x),
                    bounds[1].min(c.y),
                    bounds[2].max(c.x),
                    bounds[3].max(c.y),
                ];
            }
        }
        let detail = DETAIL_TOLERANCES
            .iter()
            .map(|&tolerance| {
                if tolerance > 0.0 {
                    shape.simplify(tolerance)
                } else {
                    shape.clone()
                }
            })
            .collect();
        areas.push(Area {
            name,
            name_ru: feature.property("name_ru").map(str::to_string),
            name_fa: feature.property("name_fa").map(str::to_string),
            country: feature.property("country").map(str::to_string),
            detail,
            label_at,
            bounds,
        });
    }
    Ok(areas)
}

fn places() -> Result<Vec<Place>, GeoJsonError> {
    let broken = |line: u64, message: String| GeoJsonError {
        file: PLACES_FILE.into(),
        message: format!("line {line}: {message}"),
    };
    let mut reader = csv::Reader::from_reader(PLACES_CSV.as_bytes());
    let mut places = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| broken(0, e.to_string()))?;
        let line = record.position().map_or(0, |p| p.line());
        let field = |index: usize, name: &str| {
            record
                .get(index)
                .ok_or_else(|| broken(line, format!("missing field {name}")))
        };
        let number = |index: usize, name: &str| -> Result<f64, GeoJsonError> {
            field(index, name)?
                .parse::<f64>()
                .map_err(|e| broken(line, format!("field {name}: {e}")))
        };
        let name = field(1, "name")?.to_string();
        places.push(Place {
            key: KEY_TOWNS.contains(&name.as_str()),
            label: label_text(&name),
            name,
            lat: number(2, "lat")?,
            lon: number(3, "lon")?,
            country: field(4, "country")?.to_string(),
            admin1: field(5, "admin1")?.to_string(),
            admin2: field(6, "admin2")?.to_string(),
            population: field(7, "population")?.parse().unwrap_or(0),
            alternate_names: field(8, "alternate_names")?
                .split('|')
                .filter(|n| !n.is_empty())
                .map(str::to_string)
                .collect(),
        });
    }
    places.sort_by(|a, b| {
        b.key
            .cmp(&a.key)
            .then(b.population.cmp(&a.population))
            .then(a.name.cmp(&b.name))
    });
    Ok(places)
}

/// A name with the dots and lines under letters that GeoNames uses for
/// Arabic-script sounds (ḩ, ṯ, ẕ, ...) taken off, as Latin-script maps of
/// the region print them and as common fonts can draw them; the macrons
/// and cedillas of Latin-1 and Latin Extended-A stay.
pub fn label_text(name: &str) -> String {
    name.chars()
        .filter(|c| !('\u{0300}'..='\u{036F}').contains(c))
        .map(|c| match c {
            'ḩ' | 'ḥ' | 'ẖ' => 'h',
            'Ḩ' | 'Ḥ' => 'H',
            'ṯ' | 'ṭ' | 'ẗ' => 't',
            'Ṯ' | 'Ṭ' => 'T',
            'ḏ' | 'ḍ' | 'ḑ' => 'd',
            'Ḏ' | 'Ḍ' | 'Ḑ' => 'D',
            'ẕ' | 'ẓ' => 'z',
            'Ẕ' | 'Ẓ' => 'Z',
            'ṟ' | 'ṛ' => 'r',
            'ṉ' | 'ṇ' => 'n',
            'ḳ' | 'ḵ' => 'k',
            'ṣ' => 's',
            'Ṣ' => 'S',
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_basemap_has_the_border_provinces_and_key_towns() {
        let map = Basemap::shipped().expect("shipped assets parse");
        for province in [
            "Khatlon",
            "Gorno-Badakhshan",
            "Badakhshan",
            "Takhar",
            "Kunduz",
        ] {
            assert!(
                map.provinces.iter().any(|p| p.name == province),
                "{province}"
            );
        }
        for town in KEY_TOWNS {
            assert!(
                map.places.iter().any(|p| p.name == *town && p.key),
                "{town} is not among the shipped places"
            );
        }
        // Coarser levels really are smaller, so zoomed-out frames draw less.
        let points = |m: &MultiPolygon| -> usize { m.iter().map(|p| p.exterior().0.len()).sum() };
        let khatlon = map
            .provinces
            .iter()
            .find(|p| p.name == "Khatlon")
            .expect("Khatlon");
        assert!(points(&khatlon.detail[0]) < points(&khatlon.detail[2]) / 2);
    }

    #[test]
    fn labels_keep_only_letters_common_fonts_have() {
        assert_eq!(label_text("Imām Şāḩib"), "Imām Şāhib");
        assert_eq!(label_text("Mīr Bachah Kōṯ"), "Mīr Bachah Kōt");
        let map = Basemap::shipped().expect("shipped assets parse");
        for place in &map.places {
            assert!(
                place
                    .label
                    .chars()
                    .all(|c| (c as u32) < 0x180 || "‘’".contains(c)),
                "{}",
                place.label
            );
        }
    }

    #[test]
    fn points_fall_in_their_provinces() {
        let map = Basemap::shipped().expect("shipped assets parse");
        let name = |lon, lat| map.province_at(lon, lat).map(|a| a.name.as_str());
        assert_eq!(name(71.5534, 37.4904 + 0.03), Some("Gorno-Badakhshan"));
        assert_eq!(name(70.5800, 37.1166), Some("Badakhshan"));
        assert_eq!(name(68.857, 36.729), Some("Kunduz"));
        assert_eq!(name(69.78, 37.91), Some("Khatlon"));
    }
}
