//! The offline gazetteer: find a town or village of the region by any of
//! its spellings (Khorog/Khorugh, Kulyab/Kŭlob, Faizabad/Fayzabad, or the
//! Cyrillic of Russian-language sources), and say what lies at a point:
//! the nearest place, the province, the country and the side of the border.

use super::basemap::{Basemap, Place};
use super::border::shipped_border;
use crate::model::{CountryCode, Side};

/// One place that answered a search, and the spelling that matched.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceMatch<'a> {
    pub place: &'a Place,
    /// The alternate name the query matched, when not the main name.
    pub matched: Option<&'a str>,
}

/// What lies at a point, as far as the shipped data says.
#[derive(Debug, Clone, PartialEq)]
pub struct ReverseLookup {
    /// The nearest place and its distance in km.
    pub nearest: Option<(Place, f64)>,
    /// Province (admin1) whose outline holds the point.
    pub province: Option<String>,
    pub country: Option<CountryCode>,
    /// Side of the Tajik–Afghan border (`Unknown` outside both countries).
    pub side: Side,
    /// Signed km to the border (+ Tajik side).
    pub border_km: Option<f64>,
}

/// Places farther than this from a point are not offered as its name.
pub const NEAREST_PLACE_KM: f64 = 15.0;

/// Lower case without accents, dots or macrons, so that "kulob" finds
/// "Kŭlob" and "faizabad" finds "Faīẕābād". Arabic script is folded as a
/// Dari or Pashto typist's keyboard and GeoNames' Arabic spellings differ:
/// Arabic kaf and yeh as the Persian letters, alef with hamza or madda as
/// alef, teh marbuta and heh with yeh as heh, short vowels, tatweel and
/// the zero-width non-joiner left out, so "کندز" finds "كندز" (Kunduz).
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars().flat_map(char::to_lowercase) {
        if ('\u{0300}'..='\u{036F}').contains(&c)
            || ('\u{064B}'..='\u{065F}').contains(&c)
            || matches!(c, '\u{0670}' | '\u{0640}' | '\u{200C}')
        {
            continue;
        }
        let plain = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'ǎ' => 'a',
            'ç' | 'ć' | 'č' | 'ĉ' | 'ċ' => 'c',
            'ď' | 'đ' | 'ḍ' | 'ḏ' => 'd',
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' | 'ə' => 'e',
            'ğ' | 'ĝ' | 'ġ' | 'ģ' | 'ǧ' => 'g',
            'ĥ' | 'ħ' | 'ḥ' | 'ḩ' | 'ẖ' | 'ḫ' => 'h',
            'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ĭ' | 'į' | 'ı' | 'ǐ' => 'i',
            'ĵ' => 'j',
            'ķ' | 'ḵ' => 'k',
            'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => 'l',
            'ñ' | 'ń' | 'ņ' | 'ň' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' | 'ǒ' => 'o',
            'ŕ' | 'ŗ' | 'ř' => 'r',
            'ś' | 'ŝ' | 'ş' | 'š' | 'ṣ' | 'ș' => 's',
            'ţ' | 'ť' | 'ŧ' | 'ṭ' | 'ṯ' | 'ț' => 't',
            'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' | 'ǔ' => 'u',
            'ý' | 'ÿ' | 'ŷ' => 'y',
            'ź' | 'ż' | 'ž' | 'ẓ' | 'ẕ' => 'z',
            '\'' | '‘' | '’' | 'ʼ' | 'ʻ' | '`' | '-' => continue,
            // Tajik Cyrillic's own letters as Russian spells them
            // (Қубодиён, Кубодиён), the soft and hard signs left out.
            'ӯ' => 'у',
            'ӣ' => 'и',
            'қ' => 'к',
            'ҳ' => 'х',
            'ҷ' => 'ч',
            'ғ' => 'г',
            'ё' => 'е',
            'ь' | 'ъ' => continue,
            'ك' => 'ک',
            'ي' | 'ى' | 'ې' | 'ۍ' => 'ی',
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            'ة' | 'ۀ' | 'ە' => 'ه',
            c => c,
        };
        out.push(plain);
    }
    out
}

/// Every name of every place, folded, for search.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    basemap: Basemap,
    /// (index into `basemap.places`, index of the alternate name or
    /// `None` for the main name, folded name).
    names: Vec<(usize, Option<usize>, String)>,
}

impl Gazetteer {
    pub fn new(basemap: Basemap) -> Gazetteer {
        let mut names = Vec::new();
        for (n, place) in basemap.places.iter().enumerate() {
            names.push((n, None, fold(&place.name)));
            for (k, alternate) in place.alternate_names.iter().enumerate() {
                names.push((n, Some(k), fold(alternate)));
            }
        }
        Gazetteer { basemap, names }
    }

    /// The basemap the gazetteer was made from (its places and provinces).
    pub fn basemap(&self) -> &Basemap {
        &self.basemap
    }

    /// The gazetteer of the shipped data, made once.
    pub fn shipped() -> Option<&'static Gazetteer> {
        static SHIPPED: std::sync::OnceLock<Option<Gazetteer>> = std::sync::OnceLock::new();
        SHIPPED
            .get_or_init(|| Basemap::shipped().ok().map(Gazetteer::new))
            .as_ref()
    }

    /// Places of Tajikistan and Afghanistan whose name or alternate name
    /// begins with the query (then those that contain it), key towns and
    /// larger places first; at most `limit`.
    pub fn search(&self, query: &str, limit: usize) -> Vec<PlaceMatch<'_>> {
        let query = fold(query);
        if query.is_empty() {
            return Vec::new();
        }
        // (rank, place index, alternate): rank 0 = starts with, 1 = contains.
        let mut found: Vec<(u8, usize, Option<usize>)> = Vec::new();
        for (n, alternate, name) in &self.names {
            let place = &self.basemap.places[*n];
            if place.country != "TJ" && place.country != "AF" {
                continue;
            }
            let rank = if name.starts_with(&query) {
                0
            } else if name.contains(&query) {
                1
            } else {
                continue;
            };
            match found.iter_mut().find(|(_, m, _)| m == n) {
                Some(existing)
                    if (rank, alternate.is_some()) < (existing.0, existing.2.is_some()) =>
                {
                    *existing = (rank, *n, *alternate);
                }
                Some(_) => {}
                None => found.push((rank, *n, *alternate)),
            }
        }
        // `places` is sorted key towns and population first already.
        found.sort_by_key(|(rank, n, _)| (*rank, *n));
        found
            .into_iter()
            .take(limit)
            .map(|(_, n, alternate)| {
                let place = &self.basemap.places[n];
                PlaceMatch {
                    place,
                    matched: alternate.map(|k| place.alternate_names[k].as_str()),
                }
            })
            .collect()
    }

    /// The nearest place (within [`NEAREST_PLACE_KM`]), the province,
    /// country and side of the border at a point.
    pub fn reverse(&self, lon: f64, lat: f64) -> ReverseLookup {
        let nearest = self
            .basemap
            .places
            .iter()
            .map(|p| (p, km_between(lon, lat, p.lon, p.lat)))
            .filter(|(_, km)| *km <= NEAREST_PLACE_KM)
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(p, km)| (p.clone(), km));
        let area = self.area_at(lon, lat);
        let distance = shipped_border().map(|b| b.distance(lon, lat));
        ReverseLookup {
            nearest,
            province: area.province.map(str::to_string),
            country: area.country,
            side: area.side,
            border_km: distance.map(|d| d.signed_km()),
        }
    }

    /// The province, country and side of the border at a point: the part
    /// of [`Gazetteer::reverse`] an import needs for every row.
    pub fn area_at(&self, lon: f64, lat: f64) -> AreaAt<'_> {
        let area = self.basemap.province_at(lon, lat);
        let country = area
            .and_then(|a| a.country.as_deref())
            .and_then(|c| CountryCode::parse(c).ok());
        let side = match country {
            Some(CountryCode::TJ) => Side::Tj,
            Some(CountryCode::AF) => Side::Af,
            _ => Side::Unknown,
        };
        AreaAt {
            province: area.map(|a| a.name.as_str()),
            country,
            side,
        }
    }
}

/// The province, country and side of the border at a point.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AreaAt<'a> {
    pub province: Option<&'a str>,
    pub country: Option<CountryCode>,
    pub side: Side,
}

/// Great-circle distance in km.
pub fn km_between(lon1: f64, lat1: f64, lon2: f64, lat2: f64) -> f64 {
    use ::geo::{Distance, Haversine, Point};
    Haversine.distance(Point::new(lon1, lat1), Point::new(lon2, lat2)) / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gazetteer() -> &'static Gazetteer {
        Gazetteer::shipped().expect("the shipped basemap loads")
    }

    fn first(query: &str) -> String {
        gazetteer()
            .search(query, 5)
            .first()
            .map(|m| m.place.name.clone())
            .unwrap_or_default()
    }

    #[test]
    fn dari_spellings_find_the_places_geonames_spells_in_arabic() {
        assert_eq!(fold("كندز"), fold("کندز"), "Arabic kaf as keheh");
        assert_eq!(fold("فيض آباد"), fold("فیض اباد"), "Arabic yeh, alef madda");
        assert_eq!(fold("بدخشان\u{0640}"), "بدخشان", "tatweel");
        let gazetteer = Gazetteer::shipped().unwrap();
        let found = gazetteer.search("کندز", 5);
        assert!(
            found.iter().any(|f| f.place.name == "Kunduz"),
            "{:?}",
            found.iter().map(|f| &f.place.name).collect::<Vec<_>>()
        );
        let found = gazetteer.search("خروغ", 5);
        assert!(found.iter().any(|f| f.place.name == "Khorugh"));
    }

    #[test]
    fn folding_drops_case_accents_and_apostrophes() {
        assert_eq!(fold("Kŭlob"), "kulob");
        assert_eq!(fold("Faīẕābād"), "faizabad");
        assert_eq!(fold(" Imām Şāḩib "), "imam sahib");
        assert_eq!(fold("Mazār-e Sharīf"), "mazare sharif");
    }

    #[test]
    fn alternate_spellings_find_the_same_town() {
        assert_eq!(first("Khorog"), "Khorugh");
        assert_eq!(first("khorugh"), "Khorugh");
        assert_eq!(first("Kulyab"), "Kŭlob");
        assert_eq!(first("Kulob"), "Kŭlob");
        assert_eq!(first("Хорог"), "Khorugh");
        // Several places are called Faizabad; the Badakhshan capital (a key
        // town, and the largest) comes first.
        let faizabad = gazetteer().search("Faizabad", 5);
        assert_eq!(faizabad[0].place.name, "Fayzabad");
        assert_eq!(faizabad[0].place.admin1, "Badakhshan");
        assert_eq!(faizabad[0].matched, Some("Faizabad"));
        assert_eq!(first("Fayzabad"), "Fayzabad");
    }

    #[test]
    fn search_keeps_to_tajikistan_and_afghanistan() {
        assert!(gazetteer().search("Lahore", 5).is_empty());
        assert!(gazetteer().search("", 5).is_empty());
        assert!(gazetteer().search("a", 7).len() <= 7);
    }

    #[test]
    fn reverse_lookup_names_the_place_province_country_and_side() {
        let khorugh = gazetteer().reverse(71.56, 37.49);
        assert_eq!(
            khorugh.nearest.as_ref().map(|(p, _)| p.name.as_str()),
            Some("Khorugh")
        );
        assert_eq!(khorugh.country, Some(CountryCode::TJ));
        assert_eq!(khorugh.side, Side::Tj);
        assert_eq!(khorugh.province.as_deref(), Some("Gorno-Badakhshan"));
        assert!(khorugh.border_km.is_some_and(|km| km > 0.0 && km < 10.0));

        let fayzabad = gazetteer().reverse(70.58, 37.12);
        assert_eq!(fayzabad.side, Side::Af);
        assert_eq!(fayzabad.country, Some(CountryCode::AF));
        assert_eq!(fayzabad.province.as_deref(), Some("Badakhshan"));
        assert!(fayzabad.border_km.is_some_and(|km| km < 0.0));

        // Open mountains far from any place: no name is invented.
        let nowhere = gazetteer().reverse(73.9, 38.0);
        assert!(nowhere.nearest.is_none(), "{:?}", nowhere.nearest);
    }
}
