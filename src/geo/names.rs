//! Place names in the script the analyst reads the map in: Latin (GeoNames'
//! transliteration), Cyrillic (the Russian form), or the local script
//! (Tajik Cyrillic in Tajikistan, Dari in Afghanistan).
//!
//! Places carry GeoNames' alternate names; provinces Natural Earth's Russian
//! and Persian names; the countries and rivers of the border, which no
//! shipped file names in other scripts, are named here.

use serde::{Deserialize, Serialize};

/// The script map labels are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum LabelScript {
    /// "Kŭlob", "Fayzabad".
    #[default]
    Latin,
    /// "Куляб", "Файзабад".
    Cyrillic,
    /// "Кӯлоб" on the Tajik side, "فیض آباد" on the Afghan.
    Local,
}

impl LabelScript {
    pub const ALL: [LabelScript; 3] = [
        LabelScript::Latin,
        LabelScript::Cyrillic,
        LabelScript::Local,
    ];
}

/// Letters of Tajik's Cyrillic alphabet that Russian lacks.
const TAJIK_LETTERS: &str = "ӢӣӮӯҲҳҶҷҚқҒғ";
/// Letters of other Cyrillic alphabets (Kazakh, Kyrgyz, Uzbek, Ukrainian,
/// Belarusian): a name with one is not the Russian or the Tajik form.
const OTHER_CYRILLIC: &str = "ҰұҮүӘәІіҢңӨөҺһЎўЇїЄєҐґ";
/// Letters of Arabic or Urdu spelling that Dari writes otherwise (ك for ک,
/// ي and ى for ی, and Urdu's own letters).
const NOT_DARI: &str = "كيىٹڈڑںھےۓ";

fn is_cyrillic(name: &str) -> bool {
    let mut letters = name.chars().filter(|c| c.is_alphabetic()).peekable();
    letters.peek().is_some() && letters.all(|c| ('\u{0400}'..='\u{04FF}').contains(&c))
}

fn is_arabic_script(name: &str) -> bool {
    let mut letters = name.chars().filter(|c| c.is_alphabetic()).peekable();
    letters.peek().is_some()
        && letters.all(|c| {
            ('\u{0600}'..='\u{06FF}').contains(&c) || ('\u{FB50}'..='\u{FEFF}').contains(&c)
        })
}

fn has_any(name: &str, letters: &str) -> bool {
    name.chars().any(|c| letters.contains(c))
}

/// How a Cyrillic name reads in Latin letters, near enough to GeoNames'
/// transliterations to tell "Бохтар" (Bokhtar) from the old "Қӯрғонтеппа".
pub fn latin_reading(name: &str) -> String {
    name.to_lowercase()
        .chars()
        .map(|c| match c {
            'а' => "a",
            'б' => "b",
            'в' => "v",
            'г' => "g",
            'ғ' => "gh",
            'д' => "d",
            'е' | 'э' => "e",
            'ё' => "yo",
            'ж' => "zh",
            'з' => "z",
            'и' | 'ӣ' => "i",
            'й' | 'ы' => "y",
            'к' => "k",
            'қ' => "q",
            'л' => "l",
            'м' => "m",
            'н' => "n",
            'о' => "o",
            'п' => "p",
            'р' => "r",
            'с' => "s",
            'т' => "t",
            'у' | 'ӯ' => "u",
            'ф' => "f",
            'х' => "kh",
            'ҳ' => "h",
            'ц' => "ts",
            'ч' => "ch",
            'ҷ' => "j",
            'ш' | 'щ' => "sh",
            'ъ' | 'ь' => "",
            'ю' => "yu",
            'я' => "ya",
            ' ' | '-' => " ",
            _ => "",
        })
        .collect()
}

/// The Latin name folded to plain lowercase letters ("Kŭlob" → "kulob").
fn plain_latin(name: &str) -> String {
    name.chars()
        .filter_map(|c| match c {
            'ŭ' | 'ū' | 'ü' | 'Ŭ' | 'Ū' => Some('u'),
            'ā' | 'á' | 'Ā' => Some('a'),
            'í' | 'ī' | 'Ī' => Some('i'),
            'ş' | 'Ş' => Some('s'),
            'ḩ' | 'Ḩ' => Some('h'),
            c if c.is_ascii_alphabetic() || c == ' ' || c == '-' => Some(c.to_ascii_lowercase()),
            _ => None,
        })
        .collect()
}

/// Among the Cyrillic `names` of the Russian or Tajik alphabet, the one
/// that reads most like `latin` (GeoNames also keeps old names:
/// Kurgan-Tyube for Bokhtar); `prefer` wins ties and near-ties.
fn closest_cyrillic<'a>(
    latin: &str,
    names: &'a [String],
    prefer: impl Fn(&str) -> bool,
) -> Option<&'a str> {
    let target = plain_latin(latin);
    names
        .iter()
        .filter(|n| is_cyrillic(n) && !has_any(n, OTHER_CYRILLIC))
        .map(|n| {
            let likeness = strsim::normalized_levenshtein(&latin_reading(n), &target);
            // A preferred spelling a little less like the Latin still wins:
            // "Куляб" and "Кӯлоб" read almost alike.
            let bonus = if prefer(n) { 0.15 } else { 0.0 };
            (n.as_str(), likeness + bonus)
        })
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(n, _)| n)
}

/// The Russian form: the Russian exonym (Куляб, Хорог) where there is one,
/// that is a name without Tajik letters, the one most like the Latin name.
fn russian<'a>(latin: &str, names: &'a [String]) -> Option<&'a str> {
    let without_tajik: Vec<String> = names
        .iter()
        .filter(|n| !has_any(n, TAJIK_LETTERS))
        .cloned()
        .collect();
    match closest_cyrillic(latin, &without_tajik, |_| false) {
        Some(found) => names.iter().find(|n| *n == found).map(String::as_str),
        None => closest_cyrillic(latin, names, |_| false),
    }
}

/// The Tajik form: with Tajik letters where one reads like the name (many
/// names are written alike in both).
fn tajik<'a>(latin: &str, names: &'a [String]) -> Option<&'a str> {
    closest_cyrillic(latin, names, |n| has_any(n, TAJIK_LETTERS))
}

/// The Dari form: Arabic script with Persian letters only, else any
/// Arabic-script name.
fn dari(names: &[String]) -> Option<&str> {
    let arabic = || names.iter().filter(|n| is_arabic_script(n));
    arabic()
        .find(|n| !has_any(n, NOT_DARI))
        .or_else(|| arabic().next())
        .map(String::as_str)
}

/// A place's name in `script`, from its alternate names; the Latin label
/// where none is in that script. `country` is the ISO code of where it is.
pub fn place_name(
    latin: &str,
    alternates: &[String],
    country: &str,
    script: LabelScript,
) -> String {
    let found = match script {
        LabelScript::Latin => None,
        LabelScript::Cyrillic => russian(latin, alternates),
        LabelScript::Local => match country {
            "TJ" => tajik(latin, alternates),
            "KG" | "KZ" | "RU" => russian(latin, alternates),
            "AF" | "IR" | "PK" => dari(alternates),
            // Uzbek and Turkmen are written in Latin letters; the shipped
            // font has no Chinese, Devanagari or other scripts.
            _ => None,
        },
    };
    found.map_or_else(|| latin.to_string(), str::to_string)
}

/// A province's name in `script`: Natural Earth's Russian name (short
/// forms for Tajikistan's), its Persian name without "province" in
/// Afghanistan, the Tajik name in Tajikistan.
pub fn province_name(
    latin: &str,
    russian: Option<&str>,
    persian: Option<&str>,
    country: Option<&str>,
    script: LabelScript,
) -> String {
    let tajik_region = |tajik: bool| -> Option<&'static str> {
        Some(match (latin, tajik) {
            ("Khatlon", _) => "Хатлон",
            ("Gorno-Badakhshan", false) => "ГБАО",
            ("Gorno-Badakhshan", true) => "ВМКБ",
            ("Sughd", false) => "Согд",
            ("Sughd", true) => "Суғд",
            ("Districts of Republican Subordination", false) => "РРП",
            ("Districts of Republican Subordination", true) => "НТҶ",
            ("Dushanbe", _) => "Душанбе",
            _ => return None,
        })
    };
    let found = match (script, country) {
        (LabelScript::Latin, _) => None,
        (LabelScript::Cyrillic, Some("TJ")) => tajik_region(false).map(str::to_string),
        (LabelScript::Local, Some("TJ")) => tajik_region(true).map(str::to_string),
        (LabelScript::Cyrillic, _) => russian.map(str::to_string),
        (LabelScript::Local, Some("AF")) => {
            persian.map(|p| p.trim_start_matches("ولایت").trim().to_string())
        }
        (LabelScript::Local, _) => None,
    };
    found
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| latin.to_string())
}

/// The border's countries, in Russian and in their own script.
const COUNTRIES: &[(&str, &str, &str)] = &[
    ("Tajikistan", "Таджикистан", "Тоҷикистон"),
    ("Afghanistan", "Афганистан", "افغانستان"),
    ("Uzbekistan", "Узбекистан", "Oʻzbekiston"),
    ("Kyrgyzstan", "Киргизия", "Кыргызстан"),
    ("Turkmenistan", "Туркмения", "Türkmenistan"),
    ("Kazakhstan", "Казахстан", "Қазақстан"),
    ("Pakistan", "Пакистан", "پاکستان"),
    ("Iran", "Иран", "ایران"),
    ("China", "Китай", "China"),
    ("India", "Индия", "India"),
    ("Nepal", "Непал", "Nepal"),
];

/// A country's name in `script`, for the map.
pub fn country_name(latin: &str, script: LabelScript) -> String {
    COUNTRIES
        .iter()
        .find(|(name, _, _)| *name == latin)
        .map_or(latin, |(_, russian, local)| match script {
            LabelScript::Latin => latin,
            LabelScript::Cyrillic => russian,
            LabelScript::Local => local,
        })
        .to_string()
}

/// The border rivers: (Latin, Russian, Tajik) names; the map writes them on
/// the Tajik bank.
const RIVERS: &[(&str, &str, &str)] = &[
    ("Amu Darya", "Амударья", "Амударё"),
    ("Panj", "Пяндж", "Панҷ"),
    ("Pamir", "Памир", "Помир"),
];

/// A border river's name in `script`.
pub fn river_name(latin: &str, script: LabelScript) -> String {
    RIVERS
        .iter()
        .find(|(name, _, _)| *name == latin)
        .map_or(latin, |(_, russian, tajik)| match script {
            LabelScript::Latin => latin,
            LabelScript::Cyrillic => russian,
            LabelScript::Local => tajik,
        })
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &str) -> Vec<String> {
        list.split('|').map(str::to_string).collect()
    }

    #[test]
    fn a_tajik_town_reads_russian_in_cyrillic_and_tajik_locally() {
        let kulob = names("Kulab|Kuljab|Kulob|Kulyab|TJU|Куляб|Кӯлоб");
        assert_eq!(
            place_name("Kŭlob", &kulob, "TJ", LabelScript::Latin),
            "Kŭlob"
        );
        assert_eq!(
            place_name("Kŭlob", &kulob, "TJ", LabelScript::Cyrillic),
            "Куляб"
        );
        assert_eq!(
            place_name("Kŭlob", &kulob, "TJ", LabelScript::Local),
            "Кӯлоб"
        );
    }

    #[test]
    fn a_renamed_town_is_labelled_by_its_name_not_its_old_one() {
        let bokhtar = names("Bokhtar|Kurgan-Tyube|Бохтар|Курган Тюбе|Қӯрғонтеппа");
        assert_eq!(
            place_name("Bokhtar", &bokhtar, "TJ", LabelScript::Local),
            "Бохтар"
        );
        assert_eq!(
            place_name("Bokhtar", &bokhtar, "TJ", LabelScript::Cyrillic),
            "Бохтар"
        );
        let khorugh = names("Khorog|Хорог|Хоруғ");
        assert_eq!(
            place_name("Khorugh", &khorugh, "TJ", LabelScript::Local),
            "Хоруғ"
        );
        assert_eq!(
            place_name("Khorugh", &khorugh, "TJ", LabelScript::Cyrillic),
            "Хорог"
        );
    }

    #[test]
    fn an_afghan_town_reads_dari_locally_not_arabic_or_kazakh() {
        // GeoNames' own order for Kunduz: Kazakh before Russian, Arabic
        // spellings (ك) beside Dari ones.
        let kunduz = names("Qunduz|Құндұз|Кундуз|Қундуз|كندز|قندز|قندوز|کندوز");
        assert_eq!(
            place_name("Kunduz", &kunduz, "AF", LabelScript::Cyrillic),
            "Кундуз"
        );
        assert_eq!(
            place_name("Kunduz", &kunduz, "AF", LabelScript::Local),
            "قندز"
        );
    }

    #[test]
    fn a_name_missing_in_a_script_stays_latin() {
        let only_latin = names("Deh Khwahan|Dehkhwahan");
        assert_eq!(
            place_name("Deh Khwāhān", &only_latin, "AF", LabelScript::Local),
            "Deh Khwāhān"
        );
        assert_eq!(
            place_name("Termez", &names("Термез"), "UZ", LabelScript::Local),
            "Termez"
        );
    }

    #[test]
    fn provinces_countries_and_rivers_have_their_names() {
        let persian = Some("ولایت بدخشان");
        assert_eq!(
            province_name(
                "Badakhshan",
                Some("Бадахшан"),
                persian,
                Some("AF"),
                LabelScript::Local
            ),
            "بدخشان"
        );
        assert_eq!(
            province_name(
                "Khatlon",
                Some("Хатлонская область"),
                None,
                Some("TJ"),
                LabelScript::Cyrillic
            ),
            "Хатлон"
        );
        assert_eq!(country_name("Afghanistan", LabelScript::Local), "افغانستان");
        assert_eq!(
            country_name("Tajikistan", LabelScript::Cyrillic),
            "Таджикистан"
        );
        assert_eq!(river_name("Panj", LabelScript::Local), "Панҷ");
    }
}
