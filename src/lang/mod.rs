//! The interface's languages: English, Russian and Tajik.
//!
//! Every string the window shows comes from the Fluent files in
//! `assets/lang/<code>/panj.ftl`, built into the binary by
//! `fluent-templates`. [`tr!`](crate::tr) looks a key up in the language of
//! the calling thread, which the window sets at the start of every frame
//! from the analyst's choice (or the system's locale), so switching needs no
//! restart and tests on other threads are not disturbed.
//!
//! Numbers in messages are grouped the language's way by ICU4X
//! (`icu_decimal`): "12,345" in English, "12 345" in Russian and Tajik.
//! Stored data, exports and the command line stay in English.

pub use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, static_loader};
use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;

static_loader! {
    static LOCALES = {
        locales: "./assets/lang",
        fallback_language: "en",
        // egui draws Unicode's isolation marks as boxes, and the window
        // shapes right-to-left user text itself (model::script).
        customise: |bundle| {
            bundle.set_use_isolating(false);
            bundle.set_formatter(Some(format_number));
        },
    };
}

/// A language of the interface.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
pub enum Language {
    #[default]
    #[serde(rename = "en")]
    English,
    #[serde(rename = "ru")]
    Russian,
    #[serde(rename = "tg")]
    Tajik,
}

impl Language {
    /// Every language, in the order the menu lists them.
    pub const ALL: [Language; 3] = [Language::English, Language::Russian, Language::Tajik];

    /// The BCP 47 code, which names the folder of its Fluent file.
    pub fn code(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::Russian => "ru",
            Language::Tajik => "tg",
        }
    }

    /// The language's name in itself, as the menu shows it whatever the
    /// interface's language is.
    pub fn native_name(self) -> &'static str {
        match self {
            Language::English => "English",
            Language::Russian => "Русский",
            Language::Tajik => "Тоҷикӣ",
        }
    }

    /// The language of a locale tag ("ru-RU", "tg_TJ.UTF-8"), if panj has it.
    pub fn from_tag(tag: &str) -> Option<Language> {
        let primary = tag
            .split(['-', '_', '.', '@'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        Language::ALL.into_iter().find(|l| l.code() == primary)
    }

    /// `PANJ_LANGUAGE` if set to a language panj has, else the system's
    /// locale, else English.
    pub fn system() -> Language {
        std::env::var("PANJ_LANGUAGE")
            .ok()
            .and_then(|tag| Language::from_tag(&tag))
            .or_else(|| sys_locale::get_locales().find_map(|tag| Language::from_tag(&tag)))
            .unwrap_or_default()
    }

    /// Parsed once: every `tr!` looks a message up by it.
    fn identifier(self) -> &'static LanguageIdentifier {
        static IDENTIFIERS: std::sync::LazyLock<[LanguageIdentifier; 3]> =
            std::sync::LazyLock::new(|| {
                // The three codes are valid identifiers; English is the fallback.
                Language::ALL.map(|l| l.code().parse().unwrap_or_default())
            });
        &IDENTIFIERS[self as usize]
    }
}

thread_local! {
    static CURRENT: Cell<Language> = const { Cell::new(Language::English) };
    static NUMBERS: RefCell<HashMap<Language, icu_decimal::DecimalFormatter>> =
        RefCell::new(HashMap::new());
}

/// Makes `language` the one [`tr!`](crate::tr) uses on this thread.
pub fn set(language: Language) {
    CURRENT.with(|c| c.set(language));
}

/// The language [`tr!`](crate::tr) uses on this thread.
pub fn current() -> Language {
    CURRENT.with(Cell::get)
}

/// The message `key` in the current language (English where the language
/// lacks it; the key itself where no language has it, which a test forbids).
pub fn tr(key: &str) -> String {
    LOCALES.lookup(current().identifier(), key)
}

/// The message `key` with its variables.
pub fn tr_with(key: &str, args: &[(&'static str, FluentValue<'static>)]) -> String {
    let args: HashMap<Cow<'static, str>, FluentValue<'static>> = args
        .iter()
        .map(|(name, value)| (Cow::Borrowed(*name), value.clone()))
        .collect();
    LOCALES.lookup_with_args(current().identifier(), key, &args)
}

/// Prefixes of keys that are built at run time from a stored code
/// ("country-AF"), which the test of unused keys cannot find in the source.
pub const DYNAMIC_PREFIXES: &[&str] = &["country-"];

/// The message `key` in the current language, if any language has it: for
/// keys built from stored codes ([`DYNAMIC_PREFIXES`]).
pub fn try_tr(key: &str) -> Option<String> {
    LOCALES.try_lookup(current().identifier(), key)
}

/// The Fluent file of `language`, as built into the binary.
pub fn ftl_source(language: Language) -> &'static str {
    match language {
        Language::English => include_str!("../../assets/lang/en/panj.ftl"),
        Language::Russian => include_str!("../../assets/lang/ru/panj.ftl"),
        Language::Tajik => include_str!("../../assets/lang/tg/panj.ftl"),
    }
}

/// A whole number grouped the current language's way: "12,345", "12 345".
pub fn number(n: i64) -> String {
    let language = current();
    NUMBERS.with(|cache| {
        let mut cache = cache.borrow_mut();
        let formatter = match cache.entry(language) {
            std::collections::hash_map::Entry::Occupied(found) => found.into_mut(),
            std::collections::hash_map::Entry::Vacant(place) => {
                let Ok(locale) = language.code().parse::<icu_locale_core::Locale>() else {
                    return n.to_string();
                };
                // ICU4X's compiled data has all three; a failure would only
                // lose the grouping.
                match icu_decimal::DecimalFormatter::try_new(locale.into(), Default::default()) {
                    Ok(formatter) => place.insert(formatter),
                    Err(_) => return n.to_string(),
                }
            }
        };
        formatter
            .format(&icu_decimal::input::Decimal::from(n))
            .to_string()
    })
}

/// Fluent's formatter: whole numbers grouped as [`number`] does; others as
/// Fluent writes them.
fn format_number<M>(value: &FluentValue, _: &M) -> Option<String> {
    match value {
        FluentValue::Number(n) if n.value.fract() == 0.0 && n.value.abs() < 1e15 => {
            Some(number(n.value as i64))
        }
        _ => None,
    }
}

/// `tr!` with a key, and variables as `name = value`: the message in the
/// current language. Keys are string literals so that a test can find every
/// one in the source and check each language has it.
#[macro_export]
macro_rules! tr {
    ($key:literal) => {
        $crate::lang::tr($key)
    };
    ($key:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::lang::tr_with(
            $key,
            &[$((
                stringify!($name),
                $crate::lang::IntoArg::into_arg($value),
            )),+],
        )
    };
}

/// A value a message can take: a number (which plural rules select on and
/// [`number`] formats) or text.
pub trait IntoArg {
    fn into_arg(self) -> FluentValue<'static>;
}

impl IntoArg for &str {
    fn into_arg(self) -> FluentValue<'static> {
        FluentValue::String(Cow::Owned(self.to_string()))
    }
}

impl IntoArg for String {
    fn into_arg(self) -> FluentValue<'static> {
        FluentValue::String(Cow::Owned(self))
    }
}

impl IntoArg for Cow<'_, str> {
    fn into_arg(self) -> FluentValue<'static> {
        FluentValue::String(Cow::Owned(self.into_owned()))
    }
}

impl IntoArg for &String {
    fn into_arg(self) -> FluentValue<'static> {
        self.as_str().into_arg()
    }
}

macro_rules! number_arg {
    ($($t:ty)+) => {
        $(impl IntoArg for $t {
            fn into_arg(self) -> FluentValue<'static> {
                FluentValue::from(self)
            }
        })+
    };
}

number_arg!(u8 u16 u32 u64 usize i32 i64 f32 f64);

/// A closed set of values the window names in the interface's language.
pub trait Labelled: Copy {
    /// The message key of this value's name.
    fn label_key(self) -> &'static str;

    /// Every value's key, for the test that each language has them.
    fn all_label_keys() -> Vec<&'static str>;

    /// This value's name in the current language.
    fn tr_label(self) -> String {
        tr(self.label_key())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, BTreeSet};

    /// The message keys `language`'s file defines, in file order.
    fn ftl_keys(language: Language) -> Vec<String> {
        ftl_source(language)
            .lines()
            .filter(|line| line.starts_with(|c: char| c.is_ascii_alphabetic()))
            .filter_map(|line| line.split_once('='))
            .map(|(key, _)| key.trim().to_string())
            .collect()
    }

    /// Every key a `tr!("…")` in `src/` names.
    fn keys_in_source() -> BTreeSet<String> {
        let call = regex::Regex::new(r#"tr!\(\s*"([A-Za-z0-9_-]+)""#).expect("a valid pattern");
        let mut found = BTreeSet::new();
        let mut folders = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src"
        ))];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(&folder).expect("src/ is readable") {
                let path = entry.expect("a directory entry").path();
                if path.is_dir() {
                    folders.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).expect("a source file");
                    found.extend(call.captures_iter(&text).map(|c| c[1].to_string()));
                }
            }
        }
        found
    }

    /// Keys the window builds from values (an event type's name, a view's).
    fn keys_of_values() -> BTreeSet<String> {
        use crate::model::*;
        [
            EventType::all_label_keys(),
            DatePrecision::all_label_keys(),
            LocationPrecision::all_label_keys(),
            Side::all_label_keys(),
            VictimRole::all_label_keys(),
            Figure::all_label_keys(),
            ActorKind::all_label_keys(),
            Claimant::all_label_keys(),
            Stance::all_label_keys(),
            Confidence::all_label_keys(),
            Grade::all_label_keys(),
            HistoryAction::all_label_keys(),
            crate::model::merge::Field::all_label_keys(),
            crate::workspace::View::all_label_keys(),
        ]
        .concat()
        .into_iter()
        .map(str::to_string)
        .collect()
    }

    /// The `{ $name }`s a message uses.
    fn variables(language: Language) -> BTreeMap<String, BTreeSet<String>> {
        let variable = regex::Regex::new(r"\{\s*\$([a-z_]+)").expect("a valid pattern");
        let mut by_key: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        let mut key = String::new();
        for line in ftl_source(language).lines() {
            if line.starts_with(|c: char| c.is_ascii_alphabetic())
                && let Some((k, _)) = line.split_once('=')
            {
                key = k.trim().to_string();
            }
            let names = variable.captures_iter(line).map(|c| c[1].to_string());
            by_key.entry(key.clone()).or_default().extend(names);
        }
        by_key
    }

    #[test]
    fn every_key_is_in_every_language_and_every_key_is_used() {
        let used: BTreeSet<String> = keys_in_source().union(&keys_of_values()).cloned().collect();
        assert!(used.len() > 300, "only {} keys found in src/", used.len());
        for language in Language::ALL {
            let defined: BTreeSet<String> = ftl_keys(language).into_iter().collect();
            let missing: Vec<_> = used.difference(&defined).collect();
            assert!(
                missing.is_empty(),
                "{}: missing {missing:?}",
                language.code()
            );
            let unused: Vec<_> = defined
                .difference(&used)
                .filter(|k| !DYNAMIC_PREFIXES.iter().any(|p| k.starts_with(p)))
                .collect();
            assert!(unused.is_empty(), "{}: unused {unused:?}", language.code());
            let english: BTreeSet<String> = ftl_keys(Language::English).into_iter().collect();
            assert_eq!(
                defined,
                english,
                "{} and English define different keys",
                language.code()
            );
            assert_eq!(
                ftl_keys(language).len(),
                defined.len(),
                "{} defines a key twice",
                language.code()
            );
        }
    }

    #[test]
    fn every_file_parses_and_translations_use_only_the_variables_given() {
        for language in Language::ALL {
            let parsed = fluent_templates::fluent_bundle::FluentResource::try_new(
                ftl_source(language).to_string(),
            );
            assert!(
                parsed.is_ok(),
                "{} does not parse: {:?}",
                language.code(),
                parsed.err()
            );
            let english = variables(Language::English);
            for (key, names) in variables(language) {
                let given = english.get(&key).cloned().unwrap_or_default();
                assert!(
                    names.is_subset(&given),
                    "{}: {key} uses {names:?}, the code gives {given:?}",
                    language.code()
                );
            }
        }
    }

    #[test]
    fn numbers_and_plurals_follow_the_language() {
        set(Language::English);
        assert_eq!(number(12345), "12,345");
        assert_eq!(crate::tr!("fromtext-drafts", count = 1), "1 draft");
        assert_eq!(crate::tr!("fromtext-drafts", count = 1200), "1,200 drafts");
        // "1 actors created" read wrong (issue 43, 25).
        let finished = crate::tr!(
            "import-finished",
            added = 1,
            updated = 0,
            actors = 1,
            aliases = 2,
            seconds = "0.1"
        );
        assert!(
            finished.contains("1 actor created, 2 aliases added"),
            "{finished}"
        );
        set(Language::Russian);
        assert_eq!(number(12345), "12\u{a0}345");
        // Russian has three plural forms: 1, 2–4, 5–20 (and 21 again as 1).
        let drafts = |n: usize| crate::tr!("fromtext-drafts", count = n);
        assert_eq!(drafts(1), "1 черновик");
        assert_eq!(drafts(3), "3 черновика");
        assert_eq!(drafts(5), "5 черновиков");
        assert_eq!(drafts(21), "21 черновик");
        // A minimum says so, and only before a figure above 0.
        let casualty = |minimum: bool| {
            crate::tr!(
                "map-casualty",
                nationality = "CN",
                role = "работник",
                killed = crate::ui::people(1, minimum),
                wounded = crate::ui::people(0, minimum)
            )
        };
        assert_eq!(
            casualty(true),
            "CN (работник): погибших не менее 1, раненых 0"
        );
        assert_eq!(casualty(false), "CN (работник): погибших 1, раненых 0");
        // "Не менее 1 погибшего", "не менее 5 погибших" (issue 43, 25).
        let rule = |min: u32| crate::tr!("filter-rule-at-least-killed", min = min);
        assert_eq!(rule(1), "Не менее 1 погибшего");
        assert_eq!(rule(5), "Не менее 5 погибших");
        set(Language::Tajik);
        assert_eq!(number(12345), "12\u{a0}345");
        assert_eq!(drafts(5), "5 лоиҳа");
        set(Language::English);
    }

    #[test]
    fn locale_tags_pick_the_language() {
        assert_eq!(Language::from_tag("ru_RU.UTF-8"), Some(Language::Russian));
        assert_eq!(Language::from_tag("tg-Cyrl-TJ"), Some(Language::Tajik));
        assert_eq!(Language::from_tag("en-GB"), Some(Language::English));
        assert_eq!(Language::from_tag("fa-AF"), None);
        assert_eq!(Language::from_tag("C"), None);
    }
}
