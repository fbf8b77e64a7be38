//! From report text to incident drafts: a news report or communiqué
//! (English or Russian) is read sentence by sentence for what happened,
//! when, where, who died and who is blamed by whom, and each event becomes
//! a draft incident with the words every field came from. Rules only,
//! offline and explainable: the gazetteer with every spelling, the actors'
//! aliases, and the precision the words carry, never more. Nothing is
//! stored: the analyst confirms each draft in the normal form.
//!
//! Layer: uses `model` and `geo` only.

mod dates;
pub mod evaluate;
mod lexicon;

pub use dates::date_line;

use crate::geo::Place;
use crate::geo::gazetteer::Gazetteer;
use crate::geo::gazetteer::fold;
use crate::model::{
    Actor, Casualty, Claim, Claimant, Confidence, CountryCode, DatePrecision, EventType, Figure,
    Incident, IncidentDate, Location, LocationPrecision, Side, Stance, VictimRole,
    date_of_day_number, day_number,
};
use dates::{Chain, DateWords};
use jiff::civil::Date;
use regex::Regex;
use serde::Serialize;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;
use uuid::Uuid;

/// The words a proposed field came from: `field` names the field as
/// `panj show --json` does; `span` is the byte range in the text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    pub field: &'static str,
    pub words: String,
    #[serde(skip)]
    pub span: Range<usize>,
    /// What panj made of the words, where it is not plain.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub reading: String,
}

/// One proposed incident and where each of its fields came from.
#[derive(Debug, Clone, Serialize)]
pub struct Draft {
    #[serde(flatten)]
    pub incident: Incident,
    pub evidence: Vec<Evidence>,
}

/// What the text is read against.
pub struct Known<'a> {
    pub actors: &'a [Actor],
    pub gazetteer: Option<&'a Gazetteer>,
    /// The text's own source, cited by every draft and claim.
    pub source: Option<Uuid>,
}

/// A stand-in point for an incident known only to a country's side.
fn country_point(country: &str) -> (f64, f64) {
    match country {
        "AF" => (69.8, 36.9),
        _ => (70.0, 38.0),
    }
}

/// Reads `text`, published on `published`, into one draft per event told.
pub fn extract(text: &str, published: Date, known: &Known<'_>) -> Vec<Draft> {
    // The shipped gazetteer's index is made once: the window proposes
    // again at every keystroke.
    static SHIPPED: std::sync::OnceLock<PlaceIndex<'static>> = std::sync::OnceLock::new();
    let owned;
    let index = match (known.gazetteer, Gazetteer::shipped()) {
        (Some(given), Some(shipped)) if std::ptr::eq(given, shipped) => {
            SHIPPED.get_or_init(|| PlaceIndex::new(Some(shipped)))
        }
        (given, _) => {
            owned = PlaceIndex::new(given);
            &owned
        }
    };
    let actors = ActorMatcher::new(known.actors);
    let mut events: Vec<Event> = Vec::new();
    // A date line ("KABUL, 14 March 2025 —") dates and places the report,
    // not an event.
    let dateline = date_line(text, published)
        .map(|(_, span)| {
            let line_start = text[..span.start].rfind('\n').map_or(0, |n| n + 1);
            let end = dateline_prefix(text)
                .filter(|p| p.start == line_start)
                .map_or(span.end, |p| p.end.max(span.end));
            line_start..end
        })
        .or_else(|| dateline_prefix(text));
    // The lead sentence may date and place the event before any word
    // says what happened ("18 октябри соли 2024 дар наздикии деҳаи …
    // марзбонон … пешгирӣ карданд"): the first event takes them.
    let mut lead: Option<Facts> = None;
    for sentence in sentences(text) {
        let facts = Facts::read(
            text,
            &sentence,
            published,
            index,
            &actors,
            dateline.as_ref(),
        );
        static SEPARATE: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?i)\bin (?:a )?(?:separate|another|an unrelated) (?:incident|attack)\b|\bв (?:другом|отдельном) (?:инциденте|случае)\b|\bв другом нападении\b")
                .unwrap_or_else(|e| panic!("{e}"))
        });
        let separate = SEPARATE.is_match(&text[sentence.range.clone()]);
        let current = events.last();
        let starts = separate && current.is_some()
            || match current {
                None => facts.trigger_count > 0 || !facts.casualties.is_empty(),
                // "The following day, a guard was wounded": a toll with its
                // own day is an event even without a word for what happened.
                Some(event) => {
                    (facts.trigger_count > 0 || !facts.casualties.is_empty())
                        && (facts.chain.is_some()
                            || matches!((&facts.date, &event.date), (Some(d), Some(e)) if d.0 != e.0 && event.strong))
                }
            };
        if events.is_empty()
            && !starts
            && lead.is_none()
            && (facts.date.is_some() || !facts.places.is_empty())
            && !in_headline(text, &facts.sentence)
        {
            lead = Some(facts);
            continue;
        }
        if starts {
            let mut event = Event::new(sentence.paragraph);
            if events.is_empty()
                && let Some(lead) = lead.take()
            {
                // Its date counts although no word there says what happened.
                event.date = lead.date.clone();
                event.absorb(lead);
            }
            if let Some((chain, span)) = &facts.chain
                && let Some(before) = events.last()
            {
                let date = chain.apply(&before.resolved_date(published));
                event.date = Some((date, span.clone(), false));
                event.chained_to = Some(events.len() - 1);
            }
            events.push(event);
        }
        let Some(n) = events.len().checked_sub(1) else {
            continue;
        };
        // Claims about "the attacks" go to every event of the paragraph.
        let targets: Vec<usize> = if facts.plural {
            let p = events[n].paragraph;
            (0..events.len())
                .filter(|&k| events[k].paragraph == p)
                .collect()
        } else {
            vec![n]
        };
        for &k in &targets {
            for claim in &facts.claims {
                events[k].add_claim(claim.clone());
            }
        }
        if facts.across_events && facts.casualties.len() == 1 {
            // "Several Chinese nationals were killed in the two attacks":
            // at least one each, the split not being told.
            let shared: Vec<usize> = (0..events.len())
                .filter(|&k| events[k].paragraph == events[n].paragraph)
                .rev()
                .take(2)
                .collect();
            for k in shared {
                let (mut casualty, span) = facts.casualties[0].clone();
                casualty.killed = casualty.killed.min(1);
                casualty.wounded = casualty.wounded.min(1);
                casualty.figure = Figure::Minimum;
                events[k].add_casualty(
                    casualty,
                    span,
                    "shared by the events told together: at least one each",
                );
            }
        } else {
            for (casualty, span) in &facts.casualties {
                events[n].add_casualty(casualty.clone(), span.clone(), "");
            }
        }
        events[n].absorb(facts);
    }
    let mut drafts = Vec::new();
    for n in 0..events.len() {
        let inherited = events[n]
            .chained_to
            .or_else(|| {
                n.checked_sub(1)
                    .filter(|&k| events[k].paragraph == events[n].paragraph)
            })
            .map(|k| events[k].best_place(text));
        let draft = events[n].draft(text, published, known, inherited.flatten());
        drafts.push(draft);
    }
    drafts
}

/// Whether a sentence is the text's headline: its first line, short,
/// without a full stop, a blank line after it.
fn in_headline(text: &str, sentence: &Range<usize>) -> bool {
    text.find("\n\n").is_some_and(|end| {
        let line = text[..end].trim();
        sentence.end <= end
            && !line.contains('\n')
            && line.chars().count() < 160
            && !line.ends_with('.')
    })
}

/// A date line's place part ("KABUL, Afghanistan (AP) —", "МОСКВА, 14 апр
/// — РИА Новости."): a line near the top that opens with a capitalised
/// city and a comma, up to its dash, colon or agency. It says where the
/// report was filed, never where the event was.
fn dateline_prefix(text: &str) -> Option<Range<usize>> {
    static PREFIX: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*\p{Lu}[\p{Lu}\-/]{2,}(?:\s+\p{Lu}[\p{Lu}\-/]+)?(?:,[^\n]{0,60}?(?:\s[—–-]{1,2}\s?|\)\s*:|:\s|\)\s*[—–-])|\s*\([^)\n]{2,30}\)\s*[:—–-])")
            .unwrap_or_else(|e| panic!("{e}"))
    });
    let mut offset = 0;
    for line in text.split_inclusive('\n').take(5) {
        if let Some(m) = PREFIX.find(line) {
            return Some(offset + m.start()..offset + m.end());
        }
        offset += line.len();
    }
    None
}

/// A sentence's byte range and its paragraph's number.
#[derive(Debug, Clone)]
struct Sentence {
    range: Range<usize>,
    paragraph: usize,
}

/// Sentences at ". ", "! ", "? " and line ends; a blank line starts a
/// new paragraph.
fn sentences(text: &str) -> Vec<Sentence> {
    let mut found = Vec::new();
    let mut paragraph = 0;
    let mut offset = 0;
    for (k, block) in text.split("\n\n").enumerate() {
        if k > 0 {
            offset += 2;
            if !block.trim().is_empty() {
                paragraph += 1;
            }
        }
        let mut start = 0;
        let bytes = block.as_bytes();
        let mut push = |from: usize, to: usize| {
            let piece = &block[from..to];
            let trimmed = piece.trim();
            if !trimmed.is_empty() {
                let lead = piece.len() - piece.trim_start().len();
                let s = offset + from + lead;
                found.push(Sentence {
                    range: s..s + trimmed.len(),
                    paragraph,
                });
            }
        };
        for (i, c) in block.char_indices() {
            let end = i + c.len_utf8();
            let boundary = match c {
                '\n' => true,
                '.' | '!' | '?' => {
                    let next = block[end..].chars().next();
                    let before = block[..i].chars().next_back();
                    // "said.Earlier": a sentence run on without its space.
                    let run_on = next.is_some_and(char::is_uppercase)
                        && before.is_some_and(|c| c.is_lowercase() || c == '"' || c == '”');
                    (bytes.get(end).is_none_or(|b| b.is_ascii_whitespace()) || run_on)
                        && !ends_with_abbreviation(&block[start..i])
                }
                _ => false,
            };
            if boundary {
                push(start, end);
                start = end;
            }
        }
        push(start, block.len());
        offset += block.len();
    }
    found
}

fn ends_with_abbreviation(text: &str) -> bool {
    let last = text
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("");
    matches!(
        last.to_lowercase().as_str(),
        "mr" | "mrs"
            | "dr"
            | "gen"
            | "col"
            | "lt"
            | "jan"
            | "feb"
            | "aug"
            | "sept"
            | "oct"
            | "nov"
            | "dec"
            | "st"
            | "г"
            | "гг"
            | "ул"
    ) || (last.chars().count() == 1 && last.chars().all(char::is_uppercase))
}

/// One place named in a sentence.
#[derive(Debug, Clone)]
enum PlaceName {
    /// A town or village; several when the name is on both banks.
    Town(Vec<Place>),
    /// A district, by its main town.
    District(Place),
    /// A province: (name, country) candidates.
    Province(Vec<(String, &'static str, (f64, f64))>),
    Country(&'static str),
}

#[derive(Debug, Clone)]
struct PlaceFact {
    name: PlaceName,
    near: bool,
    span: Range<usize>,
}

impl PlaceFact {
    /// Most precise first.
    fn rank(&self) -> u8 {
        match self.name {
            PlaceName::Town(_) => 0,
            PlaceName::District(_) => 1,
            PlaceName::Province(_) => 2,
            PlaceName::Country(_) => 3,
        }
    }

    fn countries(&self) -> Vec<&str> {
        match &self.name {
            PlaceName::Town(places) => places.iter().map(|p| p.country.as_str()).collect(),
            PlaceName::District(place) => vec![place.country.as_str()],
            PlaceName::Province(areas) => areas.iter().map(|a| a.1).collect(),
            PlaceName::Country(code) => vec![code],
        }
    }
}

/// The five border provinces as texts name them, with the country each
/// belongs to; "Badakhshan" alone may be either bank's.
const PROVINCES: [(&str, &[&str], &str); 5] = [
    (
        "Gorno-Badakhshan",
        &[
            r"(?i)\bGorno-Badakhshan\w*",
            r"\bGBAO\b",
            r"ГБАО",
            r"(?i)Горно-Бадахшан\w*",
            r"(?i)\bPamirs?\b",
            r"ВМКБ",
            r"(?i)Кӯҳистони Бадахшон",
        ],
        "TJ",
    ),
    (
        "Khatlon",
        &[r"(?i)\bKhatlon\b", r"(?i)Хатлон\w*", r"ختلان"],
        "TJ",
    ),
    (
        "Badakhshan",
        &[
            r"(?i)\bBadakhshan\b",
            r"(?i)\bБадахшан\w*",
            r"(?i)\bБадахшон\w*",
            r"بدخشان",
        ],
        "AF",
    ),
    (
        "Takhar",
        &[r"(?i)\bTakhar\b", r"(?i)Тахар\w*", r"(?i)Тахор\w*", r"تخار"],
        "AF",
    ),
    (
        "Kunduz",
        &[
            r"(?i)\bKunduz\s+province\b",
            r"(?i)провинци\w+ Кундуз",
            r"(?i)вилояти Кундуз",
            r"ولایت (?:کندز|کندوز)",
        ],
        "AF",
    ),
];

/// A border province: its name, how texts write it, its country and
/// where its label (and a stand-in point) is.
type ProvinceWords = (String, Vec<Regex>, &'static str, (f64, f64));

/// Every spelling of every town of Tajikistan and Afghanistan, folded.
struct PlaceIndex<'a> {
    by_name: HashMap<String, Vec<&'a Place>>,
    provinces: Vec<ProvinceWords>,
}

impl<'a> PlaceIndex<'a> {
    fn new(gazetteer: Option<&'a Gazetteer>) -> PlaceIndex<'a> {
        let mut by_name: HashMap<String, Vec<&Place>> = HashMap::new();
        let mut provinces = Vec::new();
        if let Some(gazetteer) = gazetteer {
            for place in &gazetteer.basemap().places {
                if place.country != "TJ" && place.country != "AF" {
                    continue;
                }
                let names = std::iter::once(&place.name).chain(&place.alternate_names);
                for name in names {
                    let folded = fold(name);
                    if folded.chars().count() < 4 {
                        continue;
                    }
                    let entry = by_name.entry(folded).or_default();
                    if !entry.iter().any(|p| std::ptr::eq(*p, place)) {
                        entry.push(place);
                    }
                }
            }
            for (name, patterns, country) in PROVINCES {
                let area = gazetteer
                    .basemap()
                    .provinces
                    .iter()
                    .find(|a| a.name == name && a.country.as_deref() == Some(country));
                let at = area
                    .and_then(|a| a.label_at)
                    .unwrap_or(country_point(country));
                let patterns = patterns.iter().filter_map(|p| Regex::new(p).ok()).collect();
                provinces.push((name.to_string(), patterns, country, at));
            }
        }
        PlaceIndex { by_name, provinces }
    }

    /// Places named by `words`, trying Russian case endings ("в Хороге").
    fn lookup(&self, words: &str) -> Option<&Vec<&'a Place>> {
        let folded = fold(words);
        // Villages named like months, days or common words are not read
        // as places; a text means the month.
        const NOT_PLACES: [&str; 22] = [
            "january",
            "february",
            "march",
            "april",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
            "border",
            "taliban",
            "state",
            "analysts",
        ];
        if NOT_PLACES.contains(&folded.as_str()) {
            return None;
        }
        if let Some(found) = self.by_name.get(&folded) {
            return Some(found);
        }
        if !words
            .chars()
            .any(|c| matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё'))
        {
            return None;
        }
        // Russian case endings, and the adjective a district is named by
        // ("в Шахритусском районе", "Ванчского района").
        let mut stems = vec![folded.clone()];
        for ending in [
            "ского",
            "скому",
            "ском",
            "ский",
            "ской",
            "ском",
            "ом",
            "ем",
            "ой",
            "ей",
            "ах",
            "ях",
            "е",
            "а",
            "у",
            "ы",
            "и",
            "я",
        ] {
            if let Some(stem) = folded.strip_suffix(ending) {
                stems.push(stem.to_string());
                stems.push(format!("{stem}а"));
            }
        }
        for stem in stems {
            // Tajik ҷ as Russian writes it (Джиликуль for Ҷиликӯл), and
            // the name in Latin letters (Рушан for Rushan).
            // GeoNames' Latin spellings of Afghan names write в as w and
            // к as q (Каравул: Qarawul).
            let latin_afghan = crate::geo::names::latin_reading(&stem)
                .replace('v', "w")
                .replacen('k', "q", 1);
            // Tajik ҷ where Russian writes ж (Ҷурм, Журм).
            let russian_zh = stem.replace('ч', "ж");
            for candidate in [
                stem.clone(),
                stem.replace("дж", "ч"),
                russian_zh,
                crate::geo::names::latin_reading(&stem),
                latin_afghan,
            ] {
                if let Some(found) = self.by_name.get(&candidate) {
                    return Some(found);
                }
            }
        }
        None
    }

    fn find(&self, text: &str, range: &Range<usize>) -> Vec<PlaceFact> {
        static CAPITALISED: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"\p{Lu}[\p{L}'’\-]+(?:\s+\p{Lu}[\p{L}'’\-]+){0,2}")
                .unwrap_or_else(|e| panic!("{e}"))
        });
        static COUNTRY: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?i)\b(Tajikistan|Afghanistan)\b|(Таджикистан|Афганистан|Тоҷикистон|Афғонистон)\w*|تاجیکستان|افغانستان")
                .unwrap_or_else(|e| panic!("{e}"))
        });
        let sentence = &text[range.clone()];
        let mut facts: Vec<PlaceFact> = Vec::new();
        let mut taken: Vec<Range<usize>> = Vec::new();
        let overlaps = |taken: &[Range<usize>], r: &Range<usize>| {
            taken.iter().any(|t| t.start < r.end && r.start < t.end)
        };
        for (name, patterns, country, at) in &self.provinces {
            for pattern in patterns {
                for m in pattern.find_iter(sentence) {
                    let r = m.range();
                    if overlaps(&taken, &r) {
                        continue;
                    }
                    taken.push(r.clone());
                    let mut candidates = vec![(name.clone(), *country, *at)];
                    let lead_in = &sentence[..r.start];
                    let lead_in =
                        &lead_in[lead_in.char_indices().rev().nth(30).map_or(0, |(i, _)| i)..];
                    static AFGHAN: LazyLock<Regex> = LazyLock::new(|| {
                        Regex::new(r"(?i)afghan|афганск|афғон|افغان")
                            .unwrap_or_else(|e| panic!("{e}"))
                    });
                    let follows = &sentence[r.end..];
                    let follows = &follows[..follows
                        .char_indices()
                        .nth(16)
                        .map_or(follows.len(), |(i, _)| i)];
                    // Dari texts call only the Afghan province so; the
                    // Tajik one is "بدخشان تاجیکستان" or "بدخشان کوهی".
                    let persian = m
                        .as_str()
                        .chars()
                        .any(|c| ('\u{0600}'..='\u{06FF}').contains(&c));
                    if name == "Badakhshan"
                        && !sentence[..r.start].ends_with("Gorno-")
                        && !AFGHAN.is_match(lead_in)
                        && !AFGHAN.is_match(follows)
                        && !persian
                    {
                        // Tajik texts call their own province Badakhshan too.
                        if let Some((n, _, c, at)) =
                            self.provinces.iter().find(|p| p.0 == "Gorno-Badakhshan")
                        {
                            candidates.push((n.clone(), c, *at));
                        }
                    }
                    facts.push(self.fact(
                        sentence,
                        range.start,
                        r,
                        PlaceName::Province(candidates),
                    ));
                }
            }
        }
        for m in COUNTRY.find_iter(sentence) {
            let r = m.range();
            if overlaps(&taken, &r) {
                continue;
            }
            taken.push(r.clone());
            let code = if m.as_str().to_lowercase().starts_with("taj")
                || m.as_str().starts_with("Тадж")
                || m.as_str().starts_with("Тоҷ")
                || m.as_str().starts_with("تاج")
            {
                "TJ"
            } else {
                "AF"
            };
            facts.push(self.fact(sentence, range.start, r, PlaceName::Country(code)));
        }
        // Persian script has no capitals: every run of up to three words
        // is looked up, the gazetteer's Persian names only.
        static PERSIAN: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(
                r"\p{Arabic}[\p{Arabic}\u{200C}]*(?:\s+\p{Arabic}[\p{Arabic}\u{200C}]*){0,2}",
            )
            .unwrap_or_else(|e| panic!("{e}"))
        });
        let runs: Vec<regex::Match<'_>> = CAPITALISED
            .find_iter(sentence)
            .chain(PERSIAN.find_iter(sentence))
            .collect();
        for m in runs {
            // The longest run of capitalised words that names a place.
            let words: Vec<(usize, &str)> = m
                .as_str()
                .split_whitespace()
                .scan(0usize, |at, w| {
                    let start = m.as_str()[*at..].find(w).map_or(*at, |k| *at + k);
                    *at = start + w.len();
                    Some((m.start() + start, w))
                })
                .collect();
            let mut k = 0;
            while k < words.len() {
                let mut matched = None;
                for len in (1..=words.len() - k).rev() {
                    let start = words[k].0;
                    let last = words[k + len - 1];
                    let end = last.0 + last.1.len();
                    let r = start..end;
                    if overlaps(&taken, &r) {
                        continue;
                    }
                    if let Some(places) = self.lookup(&sentence[r.clone()]) {
                        matched = Some((
                            len,
                            r,
                            places.iter().map(|p| (*p).clone()).collect::<Vec<_>>(),
                        ));
                        break;
                    }
                }
                match matched {
                    Some((len, r, mut places)) => {
                        let after = sentence[r.end..].trim_start().to_lowercase();
                        k += len;
                        // A river named after a town is not the town: "the
                        // Panj river", "реки Пяндж", "дарёи Панҷ".
                        static RIVER_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
                            Regex::new(r"(?i)(?:\bрек[аиеуой]\w*|\briver|\bдарё\w*|\bберег\w*|\bbanks? of(?: the)?|\bсоҳил\w*|\bчерез|\bacross(?: the)?|\bcrossed(?: the)?|دریای|دریا)\s+$")
                                .unwrap_or_else(|e| panic!("{e}"))
                        });
                        if after.starts_with("river")
                            || after.starts_with("рек")
                            || after.starts_with("дарё")
                            || RIVER_BEFORE.is_match(&sentence[..r.start])
                        {
                            continue;
                        }
                        // A capital named without a word of place
                        // ("relations between Dushanbe and the Taliban")
                        // stands for its government.
                        static AT: LazyLock<Regex> = LazyLock::new(|| {
                            Regex::new(r"(?i)(?:\bin|\bnear|\bat|\boutside|\bof|\bв|\bво|\bблиз|\bпод|\bоколо|\bу|\bдар|\bشهر|\bدر)\s+(?:the\s+)?(?:city\s+of\s+|capital\s+|столиц\w+\s+|городе\s+)?$")
                                .unwrap_or_else(|e| panic!("{e}"))
                        });
                        let capital = places
                            .iter()
                            .any(|p| matches!(p.name.as_str(), "Dushanbe" | "Kabul"));
                        if capital && !AT.is_match(&sentence[..r.start]) {
                            continue;
                        }
                        // "Khwaja Bahauddin district": a name the
                        // gazetteer lacks, of which only a word matched.
                        static LONGER_NAME: LazyLock<Regex> = LazyLock::new(|| {
                            Regex::new(r"^\s*\p{Lu}\p{L}+\s+(?:district|province)\b")
                                .unwrap_or_else(|e| panic!("{e}"))
                        });
                        if LONGER_NAME.is_match(&sentence[r.end..]) {
                            continue;
                        }
                        // "Ishkashim district of Afghanistan's
                        // Badakhshan": a name on one bank the text puts
                        // on the other is the other bank's place, which
                        // the gazetteer does not know by that name.
                        static COUNTRY_AFTER: LazyLock<Regex> = LazyLock::new(|| {
                            Regex::new(r"(?i)^[^.;]{0,30}?\b(?:of|in)\s+(afghanistan|tajikistan)\b|^[^.;]{0,30}?\b(afghan|tajik)(?:istan's)?\s+\w*\s*(?:province|region)|^\S*\s+(?:вилояти|провинции|ولایت)\s+\S+\s+(афғонистон|тоҷикистон|афганистана|таджикистана|افغانستان|تاجیکستان)")
                                .unwrap_or_else(|e| panic!("{e}"))
                        });
                        if let Some(named) = COUNTRY_AFTER.captures(&sentence[r.end..]) {
                            let word = named
                                .get(1)
                                .or(named.get(2))
                                .map_or("", |m| m.as_str())
                                .to_lowercase();
                            let code = if word.starts_with("taj")
                                || word.starts_with("тоҷ")
                                || word.starts_with("тадж")
                                || word.starts_with("تاج")
                            {
                                "TJ"
                            } else {
                                "AF"
                            };
                            if places.iter().all(|p| p.country != code) {
                                continue;
                            }
                            places.retain(|p| p.country == code);
                        }
                        // A border unit named after a town («Пяндж»
                        // detachment) is not a place of the event.
                        static UNIT: LazyLock<Regex> = LazyLock::new(|| {
                            Regex::new(r#"(?i)(?:отряд\w*|застав\w*|комендатур\w*|detachment|outpost|unit)\s+[«"„]?$"#)
                                .unwrap_or_else(|e| panic!("{e}"))
                        });
                        if UNIT.is_match(&sentence[..r.start]) {
                            continue;
                        }
                        // Of two places answering to one spelling, the one
                        // whose own name begins as the text's does
                        // ("Пяндж": Panj, not Dŭstí, once called so too).
                        let initial = crate::geo::names::latin_reading(&fold(&sentence[r.clone()]))
                            .chars()
                            .next()
                            .or_else(|| fold(&sentence[r.clone()]).chars().next());
                        places.sort_by_key(|p| fold(&p.name).chars().next() != initial);
                        taken.push(r.clone());
                        let name = if after.starts_with("district") || after.starts_with("район")
                        {
                            PlaceName::District(places[0].clone())
                        } else {
                            PlaceName::Town(places)
                        };
                        facts.push(self.fact(sentence, range.start, r, name));
                    }
                    None => k += 1,
                }
            }
        }
        facts.sort_by_key(|f| f.span.start);
        facts
    }

    fn fact(&self, sentence: &str, offset: usize, r: Range<usize>, name: PlaceName) -> PlaceFact {
        static NEAR: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?i)(?:\bnear(?: the (?:town|village|city) of)?|\boutside(?: the (?:town|village) of)?|\bclose to|\bon the outskirts of|близ|около|недалеко от|вблизи|в районе|под)\s+$").unwrap_or_else(|e| panic!("{e}"))
        });
        let before = &sentence[..r.start];
        PlaceFact {
            name,
            near: NEAR.is_match(before),
            span: offset + r.start..offset + r.end,
        }
    }
}

/// True when the words before a place make it where someone came from.
fn is_origin(text: &str, span: &Range<usize>) -> bool {
    static FROM: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?:\bfrom|\bиз|\bсо стороны|\b(?:hospital|clinic)s?\s+in|\btaken\s+to|\bbrought\s+to|\bevacuated\s+to|\btransferred\s+to|\bflown\s+to|\bburied\s+in|\bfuneral\s+in|доставлен\w*\s+в|госпитализирован\w*\s+в|эвакуирован\w*\s+в|больниц\w*\s+(?:в\s+)?(?:города\s+)?|госпитал\w*\s+(?:в\s+)?|похоронен\w*\s+в|родн\w+\s+кишлак\w*\s+в|\bopposite|\bacross\s+from|напротив|рӯ\s+ба\s+рӯи|روبروی|\bnamesake\s+of|ҳамном\w*|همنام|\bcitizens?\s+of|\bnationals?\s+of|граждан\w*(?:\s+республики)?|шаҳрванд\w*(?:\s+ҷумҳурии)?|شهروند\w*|اتباع)\s+(?:(?:the|a|neighbouring|neighboring|northern|regional|provincial|district|town\s+of|village\s+of|соседнего|соседней|районную|областную|городскую|города|кишлака|посёлка|шаҳраки|деҳаи|шаҳри|ноҳияи|вилояти|district\s+of)\s+)*(?:(?:hospital|clinic|больниц\w*|госпитал\w*)\s+(?:in\s+|of\s+|в\s+)?)?(?:\S+'s\s+)?$").unwrap_or_else(|e| panic!("{e}"))
    });
    // 40 characters, whatever their script (Cyrillic takes two bytes).
    let start = span.start.saturating_sub(100);
    let start = (start..span.start)
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(span.start);
    FROM.is_match(&text[start..span.start])
}

/// Known actors by every name and alias, lower-cased once: the window
/// reads the text again at every keystroke.
struct ActorMatcher<'a> {
    names: Vec<(String, &'a Actor)>,
}

impl<'a> ActorMatcher<'a> {
    fn new(actors: &'a [Actor]) -> ActorMatcher<'a> {
        let mut names: Vec<(String, &Actor)> = actors
            .iter()
            .flat_map(|actor| {
                std::iter::once(&actor.name)
                    .chain(&actor.aliases)
                    .filter(|n| n.chars().count() >= 3)
                    .map(move |n| (n.to_lowercase(), actor))
            })
            .collect();
        // "Islamic State Khorasan Province" before "Islamic State".
        names.sort_by_key(|(n, _)| std::cmp::Reverse(n.len()));
        ActorMatcher { names }
    }

    /// Actors named in `words` as whole words (any case), in reading order.
    fn find(&self, words: &str) -> Vec<&'a Actor> {
        let text = words.to_lowercase();
        let whole_word = |at: usize, len: usize| {
            let before = text[..at].chars().next_back();
            let after = text[at + len..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        };
        let mut found: Vec<(usize, &Actor)> = Vec::new();
        for (name, actor) in &self.names {
            if found.iter().any(|(_, a)| a.id == actor.id) {
                continue;
            }
            if let Some(at) = text
                .match_indices(name.as_str())
                .map(|(at, _)| at)
                .find(|&at| whole_word(at, name.len()))
            {
                found.push((at, *actor));
            }
        }
        found.sort_by_key(|(at, _)| *at);
        found.into_iter().map(|(_, actor)| actor).collect()
    }
}

/// What one sentence says.
struct Facts {
    sentence: Range<usize>,
    triggers: Vec<(EventType, bool, Range<usize>)>,
    trigger_count: usize,
    date: Option<(IncidentDate, Range<usize>, bool)>,
    /// A date the words tie to a statement ("said on Wednesday").
    said_date: Option<(IncidentDate, Range<usize>, bool)>,
    chain: Option<(Chain, Range<usize>)>,
    places: Vec<PlaceFact>,
    casualties: Vec<(Casualty, Range<usize>)>,
    claims: Vec<(Claim, Range<usize>, String)>,
    /// "the attacks": what it says goes for every event of the paragraph.
    plural: bool,
    /// "in the two attacks": casualties shared by the last two events.
    across_events: bool,
    speaker: Option<(Claimant, &'static str)>,
    /// Whom an attack was on ("attacked Chinese workers").
    victims: Option<VictimRole>,
    /// "The dead were citizens of Afghanistan".
    stated_nationality: Option<CountryCode>,
    /// "The violence erupted Sunday": a sentence that dates what happened
    /// without naming it again.
    happened: bool,
}

impl Facts {
    fn read(
        text: &str,
        sentence: &Sentence,
        published: Date,
        places: &PlaceIndex<'_>,
        actors: &ActorMatcher<'_>,
        dateline: Option<&Range<usize>>,
    ) -> Facts {
        static PLURAL: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?i)\b(?:the|these|both|all|two)\s+(?:two\s+)?(?:attacks|incidents|assaults)\b|\b(?:нападени[йя]|атак|инцидентов)\b").unwrap_or_else(|e| panic!("{e}"))
        });
        let range = sentence.range.clone();
        let words = &text[range.clone()];
        let at = |r: Range<usize>| range.start + r.start..range.start + r.end;
        // "the attacks" points back at events told already: not a new one.
        let references: Vec<Range<usize>> = PLURAL.find_iter(words).map(|m| m.range()).collect();
        let mut triggers = Vec::new();
        let mut victims = None;
        for (pattern, trigger) in lexicon::TRIGGERS.iter() {
            for m in pattern.find_iter(words) {
                let r = m.range();
                if references
                    .iter()
                    .any(|p| p.start <= r.start && r.end <= p.end)
                {
                    continue;
                }
                if trigger.event_type == EventType::AttackOnCivilians && victims.is_none() {
                    // Whom the attack was on: the words just after it.
                    let object: String = words[r.end..]
                        .split_whitespace()
                        .take(4)
                        .collect::<Vec<_>>()
                        .join(" ");
                    victims = lexicon::role(&object);
                }
                triggers.push((trigger.event_type, trigger.strong, at(r)));
            }
        }
        let mut date = None;
        let mut chain = None;
        let all_dates = dates::find(words, published);
        let in_dateline = |r: &Range<usize>| {
            dateline
                .is_some_and(|d| d.start <= range.start + r.start && range.start + r.end <= d.end)
        };
        static SAID: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?i)(?:\b(?:said|says|told|announced|reported|added|stated|confirmed|tweeted|wrote)\b(?:\s+[\p{L}\-]+){0,4}?\s+(?:on\s+)?|(?:сообщил\w*|заявил\w*|рассказал\w*|переда[её]т|сообщает|отметил\w*)(?:\s+[\p{L}\-]+){0,3}?\s+(?:в\s+|во\s+)?)$").unwrap_or_else(|e| panic!("{e}"))
        });
        let mut said_date = None;
        for (found, r) in all_dates.iter().cloned() {
            if in_dateline(&r) {
                continue;
            }
            // "officials said Wednesday": when it was said, the event's
            // date only if nothing else dates it.
            if let DateWords::Fixed { date: d, weekday } = &found
                && SAID.is_match(&words[..r.start])
            {
                if said_date.is_none() {
                    said_date = Some((d.clone(), at(r), *weekday));
                }
                continue;
            }
            match found {
                DateWords::Fixed { date: d, weekday } if date.is_none() => {
                    date = Some((d, at(r), weekday));
                }
                DateWords::After(c) if chain.is_none() => chain = Some((c, at(r))),
                _ => {}
            }
        }
        let date_spans: Vec<Range<usize>> = all_dates.into_iter().map(|(_, r)| r).collect();
        let casualties = casualties(words, &date_spans)
            .into_iter()
            .map(|(c, r)| (c, at(r)))
            .collect();
        // "fired on protesting residents", "бар сокинон", "بر باشندگان":
        // whom the shooting was at, whatever its word.
        if victims.is_none() && !triggers.is_empty() {
            static AT_PEOPLE: LazyLock<Regex> = LazyLock::new(|| {
                Regex::new(r"(?i)(?:\bon|\bat|\bupon|\bagainst|\bпо|\bба|\bбар|(?:^|\s)بر)\s+(?:\S+\s+){0,1}(\S+)")
                    .unwrap_or_else(|e| panic!("{e}"))
            });
            victims = AT_PEOPLE
                .captures_iter(words)
                .filter_map(|c| c.get(1).and_then(|w| lexicon::role(w.as_str())))
                .find(|role| matches!(role, VictimRole::Civilian | VictimRole::Worker));
        }
        let speaker = lexicon::claimant(words);
        Facts {
            sentence: range.clone(),
            trigger_count: triggers.len(),
            triggers,
            date,
            said_date,
            chain,
            places: places
                .find(text, &range)
                .into_iter()
                .filter(|p| {
                    !in_dateline(&(p.span.start - range.start..p.span.end - range.start))
                        && !date_spans.iter().any(|d| {
                            let d = at(d.clone());
                            d.start < p.span.end && p.span.start < d.end
                        })
                })
                .collect(),
            casualties,
            claims: claims(words, actors)
                .into_iter()
                .map(|(c, r, reading)| (c, at(r), reading))
                .collect(),
            plural: PLURAL.is_match(words),
            across_events: lexicon::ACROSS_EVENTS.is_match(words),
            speaker,
            victims,
            happened: {
                static HAPPENED: LazyLock<Regex> = LazyLock::new(|| {
                    Regex::new(r"(?i)\b(?:erupted|occurred|happened|took place|broke out|unfolded)\b|произош\w*|случил\w*|рух дод\w*|رخ داد|اتفاق افتاد")
                        .unwrap_or_else(|e| panic!("{e}"))
                });
                HAPPENED.is_match(words)
            },
            stated_nationality: {
                static STATED: LazyLock<Regex> = LazyLock::new(|| {
                    Regex::new(r"(?i)\b(?:citizens?|nationals?|residents?)\s+of\b|\b(?:afghan|tajik|chinese)\s+(?:nationals|citizens)\b|граждан\w*|подданн\w*|шаҳрванд\w*|شهروند|اتباع")
                        .unwrap_or_else(|e| panic!("{e}"))
                });
                STATED
                    .is_match(words)
                    .then(|| lexicon::nationality(words))
                    .flatten()
            },
        }
    }
}

/// Tolls in a sentence: each casualty word with the number and the
/// nationality and role words next to it.
fn casualties(sentence: &str, dates: &[Range<usize>]) -> Vec<(Casualty, Range<usize>)> {
    static WORD: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"[\p{L}\d]+").unwrap_or_else(|e| panic!("{e}")));
    static BOUNDARY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)[;:,،—(]|\band\b|\bи\b|\bва\b|(?:^|\s)و(?:\s|$)|\bwhile\b")
            .unwrap_or_else(|e| panic!("{e}"))
    });
    static MORE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:another|more|others?|ещё|еще)\b").unwrap_or_else(|e| panic!("{e}"))
    });
    let in_date = |r: &Range<usize>| dates.iter().any(|d| d.start <= r.start && r.end <= d.end);
    let mut found: Vec<(Casualty, Range<usize>)> = Vec::new();
    for verb in lexicon::CASUALTY_VERB.find_iter(sentence) {
        let killed = lexicon::is_killed_word(verb.as_str());
        let lead = &sentence[..verb.start()];
        let lead_words: Vec<&str> = lead.split_whitespace().rev().take(3).collect();
        // "the injured were taken to hospital": people told of already.
        if lead_words
            .first()
            .is_some_and(|w| matches!(w.to_lowercase().as_str(), "the" | "their" | "its"))
        {
            continue;
        }
        // "the bodies of the three dead", "тела троих погибших": the dead
        // counted already.
        static BODIES: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?i)(?:\bтел[аоу]?\w*|\bbod(?:y|ies) of(?: the)?)\s+(?:\S+\s+){0,1}$")
                .unwrap_or_else(|e| panic!("{e}"))
        });
        if BODIES.is_match(&sentence[..verb.start()]) {
            continue;
        }
        // "died of their wounds", "погибли от огнестрельных ранений": how
        // they died, not a count of wounded.
        if !killed
            && lead_words
                .iter()
                .any(|w| matches!(w.to_lowercase().as_str(), "of" | "от" | "from"))
        {
            continue;
        }
        // The clause before the verb, then just after it ("killing two");
        // past an aside between commas ("four others, including a
        // commander, were wounded").
        let boundaries: Vec<_> = BOUNDARY.find_iter(&sentence[..verb.start()]).collect();
        let mut clause_start = boundaries.last().map_or(0, |m| m.end());
        let mut aside = 0..0;
        let bare = sentence[clause_start..verb.start()]
            .split_whitespace()
            .all(|w| lexicon::number(w).is_none() && lexicon::role(w).is_none());
        // "… Region (GBAO) was wounded": back past the brackets.
        if bare && boundaries.last().is_some_and(|b| b.as_str() == "(") {
            let open = boundaries.len() - 1;
            aside = boundaries[open].start()..clause_start;
            clause_start = open.checked_sub(1).map_or(0, |k| boundaries[k].end());
        } else if bare
            && boundaries
                .last()
                .is_some_and(|b| matches!(b.as_str(), "," | "،"))
        {
            // The comma that opens the aside, past the "and"s inside it
            // ("three civilians, including a woman and a child, were").
            let last = boundaries.len() - 1;
            let open = (0..last).rev().find(|&k| {
                !matches!(
                    boundaries[k].as_str().trim().to_lowercase().as_str(),
                    "and" | "и" | "ва" | "و"
                )
            });
            if let Some(open) = open.filter(|&k| matches!(boundaries[k].as_str(), "," | "،")) {
                aside = boundaries[open].start()..boundaries[last].end();
                clause_start = open.checked_sub(1).map_or(0, |k| boundaries[k].end());
            }
        }
        // "none of its personnel were hurt", "no one was killed".
        static NONE: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?i)\b(?:none|no one|nobody|no|without)\b|\bни один\b|никто")
                .unwrap_or_else(|e| panic!("{e}"))
        });
        if NONE.is_match(&sentence[clause_start..verb.start()]) {
            continue;
        }
        // The aside's own words ("including a commander") count nobody.
        let before: Vec<_> = WORD
            .find_iter(&sentence[clause_start..verb.start()])
            .map(|m| (clause_start + m.start()..clause_start + m.end(), m.as_str()))
            .filter(|(r, _)| !(aside.start <= r.start && r.end <= aside.end))
            .collect();
        let after_end = BOUNDARY
            .find(&sentence[verb.end()..])
            .map_or(sentence.len(), |m| verb.end() + m.start());
        let after: Vec<_> = WORD
            .find_iter(&sentence[verb.end()..after_end])
            .map(|m| (verb.end() + m.start()..verb.end() + m.end(), m.as_str()))
            .collect();
        let number_at = |words: &[(Range<usize>, &str)], k: usize| -> Option<(u32, bool)> {
            let (r, w) = &words[k];
            if in_date(r) {
                return None;
            }
            let (n, minimum) = lexicon::number(w)?;
            // "Sergeant Firdavs S., 22, from Danghara": an age.
            if sentence[r.end..].starts_with(',') && sentence[..r.start].trim_end().ends_with(',') {
                return None;
            }
            // "a 34-year-old", "21-летний", "38 кг": not a count of people.
            if let Some((_, next)) = words.get(k + 1)
                && matches!(
                    next.to_lowercase().as_str(),
                    "year"
                        | "years"
                        | "летний"
                        | "летнего"
                        | "летняя"
                        | "лет"
                        | "года"
                        | "kg"
                        | "кг"
                        | "km"
                        | "км"
                        | "километров"
                        | "kilometres"
                        | "kilometers"
                        | "сола"
                        | "ساله"
                        | "килограмм"
                )
            {
                return None;
            }
            let rest: String = words[k + 1..]
                .iter()
                .take(4)
                .map(|(_, w)| *w)
                .collect::<Vec<_>>()
                .join(" ");
            // "a" or "one" count only before the people they count, or
            // before the verb ("one was wounded").
            let auxiliary = words.get(k + 1).is_some_and(|(_, next)| {
                matches!(
                    next.to_lowercase().as_str(),
                    "was" | "were" | "is" | "got" | "had" | "has" | "был" | "была" | "получил"
                )
            });
            if matches!(w.to_lowercase().as_str(), "a" | "an" | "one" | "some")
                && !auxiliary
                && lexicon::role(&rest).is_none()
                && lexicon::nationality(&rest).is_none()
            {
                return None;
            }
            let lead = &sentence[..r.start];
            Some((
                n + u32::from(lead.trim_end().to_lowercase().ends_with("more than")),
                minimum || lexicon::AT_LEAST.is_match(lead),
            ))
        };
        // "A Tajik border guard and two smugglers were killed": the group
        // before "and" died too.
        if let Some(and) = boundaries.last().filter(|b| {
            b.end() == clause_start
                && matches!(
                    b.as_str().trim().to_lowercase().as_str(),
                    "and" | "и" | "ва" | "و"
                )
        }) {
            let from = boundaries
                .len()
                .checked_sub(2)
                .map_or(0, |k| boundaries[k].end());
            let words: Vec<_> = WORD
                .find_iter(&sentence[from..and.start()])
                .map(|m| (from + m.start()..from + m.end(), m.as_str()))
                .collect();
            let group = &sentence[from..and.start()];
            let role = lexicon::role(group);
            // "The deputy police chief … and his brother": one person.
            let one = words
                .first()
                .is_some_and(|(_, w)| matches!(w.to_lowercase().as_str(), "the" | "a" | "an"))
                .then_some((1, true));
            let counted = (0..words.len())
                .rev()
                .find_map(|k| number_at(&words, k))
                .or(one);
            // Only a group with no verb of its own ("… killed and three
            // wounded" is two tolls, read each at its own verb).
            let own_verb = lexicon::CASUALTY_VERB.is_match(group)
                || lexicon::TRIGGERS.iter().any(|(t, _)| t.is_match(group));
            if let Some((n, minimum)) = counted.filter(|_| role.is_some() && !own_verb) {
                found.push((
                    Casualty {
                        nationality: lexicon::nationality(group),
                        role: role.unwrap_or(VictimRole::Unknown),
                        killed: if killed { n } else { 0 },
                        wounded: if killed { 0 } else { n },
                        figure: if minimum {
                            Figure::Minimum
                        } else {
                            Figure::Exact
                        },
                    },
                    from..and.start(),
                ));
            }
        }
        let mut pick = None;
        for k in (0..before.len()).rev() {
            if let Some(n) = number_at(&before, k) {
                pick = Some((n, before[k].0.start, verb.start()));
                break;
            }
        }
        if pick.is_none() {
            for k in 0..after.len().min(3) {
                if let Some(n) = number_at(&after, k) {
                    let end = after.get(k + 4).map_or(after_end, |(r, _)| r.start);
                    pick = Some((n, verb.start(), end));
                    break;
                }
            }
        }
        let (n, minimum, span) = match pick {
            Some(((n, minimum), from, to)) => {
                (n, minimum, from.min(verb.start())..to.max(verb.end()))
            }
            None => {
                // "Chinese workers were killed": people, but no number;
                // "Погиб сотрудник милиции": the verb first, one person.
                let words = &sentence[clause_start..verb.start()];
                static PERSON: LazyLock<Regex> = LazyLock::new(|| {
                    Regex::new(r"(?i)\b(?:a|an|one)\s+(?:\S+\s+){0,2}(?:man|woman|person|boy|girl|youth)\b|\b(?:мужчин[аы]|женщин[аы]|подрост\w+|парень|юноша)\b|\bҷавон\w*|\bмард\w*")
                        .unwrap_or_else(|e| panic!("{e}"))
                });
                if lexicon::role(words).is_some()
                    || lexicon::nationality(words).is_some()
                    || PERSON.is_match(words)
                {
                    (1, true, clause_start..verb.end())
                } else {
                    let following = &sentence[verb.end()..after_end];
                    // "shot dead by border guards": who did it, not who died.
                    let agent = following.trim_start().to_lowercase();
                    if agent.starts_with("by ") || agent.starts_with("от рук") {
                        continue;
                    }
                    let short: String = following
                        .split_whitespace()
                        .take(4)
                        .collect::<Vec<_>>()
                        .join(" ");
                    if lexicon::role(&short).is_none() && lexicon::nationality(&short).is_none() {
                        continue;
                    }
                    // A verb in the singular is one person.
                    let singular = !verb.as_str().to_lowercase().ends_with('и')
                        && !verb.as_str().to_lowercase().ends_with("ы");
                    let told = following.split_whitespace().take(4).last().map_or(0, |w| {
                        w.as_ptr() as usize - following.as_ptr() as usize + w.len()
                    });
                    (1, !singular, verb.start()..verb.end() + told)
                }
            }
        };
        let who = &sentence[span.clone()];
        // "هر سه کشته‌شده از نیروهای امنیتی اند", "трое погибших — пограничники":
        // what they were, told just after the verb (not who did it).
        let told_after = || {
            let following = sentence[verb.end()..after_end].trim_start().to_lowercase();
            let agent = [
                "by ",
                "от рук",
                "توسط",
                "از سوی",
                "аз ҷониби",
                "با شلیک",
                "из-за",
            ]
            .iter()
            .any(|a| following.starts_with(a));
            let short: String = following
                .split_whitespace()
                .take(4)
                .collect::<Vec<_>>()
                .join(" ");
            (!agent).then(|| lexicon::role(&short)).flatten()
        };
        let mut casualty = Casualty {
            nationality: lexicon::nationality(who),
            role: lexicon::role(who)
                .or_else(|| (span.end <= verb.end()).then(told_after).flatten())
                .unwrap_or(VictimRole::Unknown),
            killed: if killed { n } else { 0 },
            wounded: if killed { 0 } else { n },
            figure: if minimum {
                Figure::Minimum
            } else {
                Figure::Exact
            },
        };
        if MORE.is_match(who)
            && casualty.nationality.is_none()
            && casualty.role == VictimRole::Unknown
            && let Some((previous, _)) = found.last()
        {
            casualty.nationality = previous.nationality;
            casualty.role = previous.role;
        }
        // "five people were killed, among them the three intruders".
        if let Some(part) = lexicon::AMONG.captures(&sentence[verb.end()..])
            && let Some((k, _)) = part.get(1).and_then(|w| lexicon::number(w.as_str()))
            && k <= n
        {
            let whole = part.get(0).map_or(0..0, |m| m.range());
            let tail_end = (verb.end() + whole.end + 40).min(sentence.len());
            let tail_end = (tail_end..=sentence.len())
                .find(|&i| sentence.is_char_boundary(i))
                .unwrap_or(sentence.len());
            let tail = &sentence[verb.end() + whole.start..tail_end];
            let mut sub = casualty.clone();
            let named = lexicon::role_words(tail);
            sub.role = named
                .as_ref()
                .map_or(VictimRole::Unknown, |(role, _)| *role);
            sub.nationality = lexicon::nationality(tail).or(casualty.nationality);
            if killed {
                sub.killed = k;
                casualty.killed = n - k;
            } else {
                sub.wounded = k;
                casualty.wounded = n - k;
            }
            let sub_end = named.map_or(whole.end, |(_, r)| whole.start + r.end);
            let sub_span = verb.end() + whole.start..verb.end() + sub_end.max(whole.end);
            found.push((sub, sub_span));
            if n == k {
                continue;
            }
        }
        found.push((casualty, span));
    }
    found
}

/// Attributions in a sentence: who says who did it, and how sure.
fn claims(sentence: &str, actors: &ActorMatcher<'_>) -> Vec<(Claim, Range<usize>, String)> {
    static CLAUSE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i),?\s+while\s+|;\s*|,\s+but\s+|,\s+whereas\s+|,\s+но\s+|,\s+а\s+")
            .unwrap_or_else(|e| panic!("{e}"))
    });
    static PASSIVE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:is|are|was|were)\s+(?:widely\s+)?(?:believed|thought|suspected|blamed|said)\b").unwrap_or_else(|e| panic!("{e}"))
    });
    if lexicon::NO_CLAIM.is_match(sentence) {
        return Vec::new();
    }
    let mut found = Vec::new();
    let mut start = 0;
    let mut clauses = Vec::new();
    for m in CLAUSE.find_iter(sentence) {
        clauses.push(start..m.start());
        start = m.end();
    }
    clauses.push(start..sentence.len());
    for clause in clauses {
        let words = &sentence[clause.clone()];
        let claim = |actor: &Actor, claimant: Claimant, name: &str, stance, confidence| Claim {
            actor_id: actor.id,
            claimant,
            claimant_name: name.to_string(),
            stance,
            confidence,
            source_id: None,
            note: format!("\"{}\"", words.trim()),
        };
        if let Some(verb) = lexicon::SELF_CLAIM.find(words) {
            for actor in actors.find(&words[..verb.start()]) {
                let c = claim(
                    actor,
                    Claimant::SelfClaim,
                    &actor.name,
                    Stance::ClaimsResponsibility,
                    lexicon::confidence(words, Confidence::Likely),
                );
                found.push((
                    c,
                    clause.clone(),
                    "claims responsibility itself".to_string(),
                ));
            }
            continue;
        }
        if let Some(passive) = PASSIVE.find(words) {
            // The actors just before "is believed", not those a speaker
            // named earlier in the clause.
            let from = [&*lexicon::ACCUSES, &*lexicon::ASSESSES]
                .iter()
                .filter_map(|r| {
                    r.find_iter(&words[..passive.start()])
                        .last()
                        .map(|m| m.end())
                })
                .max()
                .unwrap_or(0);
            for actor in actors.find(&words[from..passive.start()]) {
                let c = claim(
                    actor,
                    Claimant::Media,
                    "The text",
                    Stance::Assesses,
                    lexicon::confidence(words, Confidence::Possible),
                );
                found.push((c, clause.clone(), "no one named says so".to_string()));
            }
            continue;
        }
        let verb = [&*lexicon::ACCUSES, &*lexicon::ASSESSES]
            .iter()
            .filter_map(|r| {
                r.find(words)
                    .map(|m| (std::ptr::eq(*r, &*lexicon::ACCUSES), m))
            })
            .min_by_key(|(_, m)| m.start());
        let Some((accuses, verb)) = verb else {
            continue;
        };
        let subject = &words[..verb.start()];
        let Some((claimant, name)) = lexicon::claimant(subject) else {
            continue;
        };
        let speakers: Vec<Uuid> = actors.find(subject).iter().map(|a| a.id).collect();
        let government = matches!(claimant, Claimant::GovernmentTj | Claimant::GovernmentAf);
        let (stance, default) = if accuses || government {
            (Stance::Accuses, Confidence::Unknown)
        } else {
            (Stance::Assesses, Confidence::Possible)
        };
        for actor in actors.find(&words[verb.end()..]) {
            if speakers.contains(&actor.id) {
                continue;
            }
            let c = claim(
                actor,
                claimant,
                name,
                stance,
                lexicon::confidence(words, default),
            );
            found.push((c, clause.clone(), String::new()));
        }
    }
    found
}

/// Sentences that tell one event, and what they say of it.
struct Event {
    paragraph: usize,
    sentences: Vec<Range<usize>>,
    strong: bool,
    triggers: Vec<(EventType, bool, Range<usize>)>,
    date: Option<(IncidentDate, Range<usize>, bool)>,
    /// When the event was told of, for an event nothing else dates.
    said_date: Option<(IncidentDate, Range<usize>, bool)>,
    /// A day one of its sentences names without saying what happened
    /// then ("the children found the shell on Saturday"): the event's date
    /// when no sentence that tells it gives one.
    quiet_date: Option<(IncidentDate, Range<usize>, bool)>,
    chained_to: Option<usize>,
    places: Vec<PlaceFact>,
    casualties: Vec<(Casualty, Range<usize>, &'static str)>,
    claims: Vec<(Claim, Range<usize>, String)>,
    speakers: Vec<(Claimant, &'static str)>,
    victims: Option<VictimRole>,
    /// The nationality a sentence gives the dead without counting them
    /// ("The dead were identified as citizens of Afghanistan").
    stated_nationality: Option<CountryCode>,
}

impl Event {
    fn new(paragraph: usize) -> Event {
        Event {
            paragraph,
            sentences: Vec::new(),
            strong: false,
            triggers: Vec::new(),
            date: None,
            said_date: None,
            quiet_date: None,
            chained_to: None,
            places: Vec::new(),
            casualties: Vec::new(),
            claims: Vec::new(),
            speakers: Vec::new(),
            victims: None,
            stated_nationality: None,
        }
    }

    fn add_claim(&mut self, claim: (Claim, Range<usize>, String)) {
        let same = |c: &Claim| c.actor_id == claim.0.actor_id && c.claimant == claim.0.claimant;
        if !self.claims.iter().any(|(c, _, _)| same(c)) {
            self.claims.push(claim);
        }
    }

    /// A toll told twice (a headline, then the story; "two border guards
    /// were killed … the two servicemen died") counts once: a group named
    /// again is the same group when nothing in the two tellings differs
    /// (an unknown role or nationality fits any), the larger count and
    /// the known details kept.
    fn add_casualty(&mut self, casualty: Casualty, span: Range<usize>, reading: &'static str) {
        let fits = |c: &Casualty| {
            (c.killed > 0) == (casualty.killed > 0)
                && (c.nationality == casualty.nationality
                    || c.nationality.is_none()
                    || casualty.nationality.is_none())
                && (c.role == casualty.role
                    || c.role == VictimRole::Unknown
                    || casualty.role == VictimRole::Unknown)
        };
        let exact = |c: &Casualty| {
            c.nationality == casualty.nationality
                && c.role == casualty.role
                && (c.killed > 0) == (casualty.killed > 0)
        };
        // Groups told in one sentence are different groups ("five were
        // killed, among them the three intruders"): the sentence being
        // read is not among the event's sentences yet.
        let sentence_of = |r: &Range<usize>| {
            self.sentences
                .iter()
                .position(|s| s.start <= r.start && r.end <= s.end)
        };
        let this_sentence = sentence_of(&span);
        let found = match self
            .casualties
            .iter()
            .position(|(c, r, _)| exact(c) && sentence_of(r) != this_sentence)
        {
            Some(k) => Some(k),
            None => {
                let fitting: Vec<usize> = (0..self.casualties.len())
                    .filter(|&k| fits(&self.casualties[k].0))
                    .filter(|&k| sentence_of(&self.casualties[k].1) != this_sentence)
                    .collect();
                // Only a group that fits one told before is that group.
                (fitting.len() == 1).then(|| fitting[0])
            }
        };
        match found {
            Some(k) => {
                let existing = &mut self.casualties[k].0;
                let nationality = existing.nationality.or(casualty.nationality);
                let role = if existing.role == VictimRole::Unknown {
                    casualty.role
                } else {
                    existing.role
                };
                if casualty.killed + casualty.wounded > existing.killed + existing.wounded {
                    *existing = casualty;
                }
                existing.nationality = nationality;
                existing.role = role;
            }
            None => self.casualties.push((casualty, span, reading)),
        }
    }

    fn absorb(&mut self, facts: Facts) {
        let strong = facts.triggers.iter().any(|t| t.1);
        let counts_date = facts.trigger_count > 0 || !facts.casualties.is_empty() || facts.happened;
        if self.said_date.is_none() {
            self.said_date = facts.said_date;
        }
        if self.quiet_date.is_none()
            && let Some(date) = &facts.date
            && date.0.precision <= DatePrecision::Week
        {
            self.quiet_date = Some(date.clone());
        }
        if counts_date && let Some(date) = facts.date {
            // The first date told of the event stands, unless all before
            // it was a crossing or an arrest and this is the violence.
            if self.date.is_none() || (!self.strong && strong && self.chained_to.is_none()) {
                self.date = Some(date);
            }
        }
        self.strong |= strong;
        self.sentences.push(facts.sentence);
        self.triggers.extend(facts.triggers);
        self.places.extend(facts.places);
        self.speakers.extend(facts.speaker);
        self.victims = self.victims.or(facts.victims);
        if facts.casualties.is_empty() && self.stated_nationality.is_none() {
            self.stated_nationality = facts.stated_nationality;
        }
    }

    fn resolved_date(&self, published: Date) -> IncidentDate {
        self.date
            .as_ref()
            .or(self.quiet_date.as_ref())
            .or(self.said_date.as_ref())
            .map_or_else(|| undated(published), |d| d.0.clone())
    }

    /// The most precise place told where it happened (not where someone
    /// came from).
    fn best_place(&self, text: &str) -> Option<PlaceFact> {
        self.lead_places(text).first().map(|p| (*p).clone())
    }

    /// The places where it happened, best first: those of the first
    /// sentence that names one (a headline only when nothing else does),
    /// then finer places of later sentences that lie inside them.
    fn lead_places(&self, text: &str) -> Vec<&PlaceFact> {
        let sentence_of = |p: &PlaceFact| {
            self.sentences
                .iter()
                .position(|r| r.start <= p.span.start && p.span.end <= r.end)
                .unwrap_or(usize::MAX)
        };
        let told: Vec<&PlaceFact> = self
            .places
            .iter()
            .filter(|p| !is_origin(text, &p.span))
            .collect();
        // A headline is the text's first line when a blank line follows,
        // short and without a full stop.
        let headline_end = text
            .find("\n\n")
            .filter(|&end| {
                let line = text[..end].trim();
                !line.contains('\n') && line.chars().count() < 160 && !line.ends_with('.')
            })
            .unwrap_or(0);
        let in_body: Vec<&PlaceFact> = told
            .iter()
            .copied()
            .filter(|p| p.span.start >= headline_end)
            .collect();
        let told = if in_body.is_empty() { told } else { in_body };
        let Some(lead) = told.iter().map(|p| sentence_of(p)).min() else {
            return Vec::new();
        };
        let mut first: Vec<&PlaceFact> = told
            .iter()
            .copied()
            .filter(|p| sentence_of(p) == lead)
            .collect();
        first.sort_by_key(|p| p.rank());
        let Some(best) = first.first().copied() else {
            return Vec::new();
        };
        let inside = |p: &PlaceFact| match &best.name {
            PlaceName::Country(code) => p.countries().contains(code),
            PlaceName::Province(areas) => match &p.name {
                PlaceName::Town(towns) => towns
                    .iter()
                    .any(|t| areas.iter().any(|a| a.0 == t.admin1 && a.1 == t.country)),
                PlaceName::District(town) => areas
                    .iter()
                    .any(|a| a.0 == town.admin1 && a.1 == town.country),
                _ => false,
            },
            _ => false,
        };
        let mut finer: Vec<&PlaceFact> = told
            .iter()
            .copied()
            .filter(|p| sentence_of(p) > lead && p.rank() < best.rank() && inside(p))
            .collect();
        finer.sort_by_key(|p| p.rank());
        finer.extend(first);
        finer
    }

    fn draft(
        &self,
        text: &str,
        published: Date,
        known: &Known<'_>,
        inherited: Option<PlaceFact>,
    ) -> Draft {
        let mut evidence = Vec::new();
        let mut note_lines = vec![
            "Proposed by panj from the text; every field shows the words it came from.".to_string(),
        ];
        let quote = |span: &Range<usize>| text[span.clone()].to_string();

        // What happened.
        let strong: Vec<_> = self.triggers.iter().filter(|t| t.1).collect();
        let chosen = lexicon::TRIGGERS
            .iter()
            .map(|(_, t)| t.event_type)
            .find(|kind| strong.iter().any(|t| t.0 == *kind))
            .or_else(|| self.triggers.first().map(|t| t.0));
        let all_words: String = self
            .sentences
            .iter()
            .map(|r| &text[r.clone()])
            .collect::<Vec<_>>()
            .join(" ");
        let event_type = match chosen {
            Some(EventType::AttackOnCivilians) => {
                // An attack on workers or civilians, or a fight with
                // security forces or militants: whom it was on says.
                let roles: Vec<VictimRole> = self
                    .victims
                    .into_iter()
                    .chain(self.casualties.iter().map(|c| c.0.role))
                    .collect();
                if roles
                    .iter()
                    .any(|r| matches!(r, VictimRole::Worker | VictimRole::Civilian))
                    || all_words.to_lowercase().contains("mining")
                {
                    EventType::AttackOnCivilians
                } else if roles
                    .iter()
                    .any(|r| matches!(r, VictimRole::SecurityForces | VictimRole::Militant))
                {
                    EventType::ArmedClash
                } else {
                    EventType::Other
                }
            }
            Some(kind) => kind,
            None => EventType::Other,
        };
        if let Some(t) = self
            .triggers
            .iter()
            .find(|t| t.0 == chosen.unwrap_or(EventType::Other))
        {
            evidence.push(Evidence {
                field: "event_type",
                words: quote(&t.2),
                span: t.2.clone(),
                reading: event_type.label().to_string(),
            });
        }

        // When.
        let date = match self
            .date
            .as_ref()
            .or(self.quiet_date.as_ref())
            .or(self.said_date.as_ref())
        {
            Some((date, span, _)) => {
                let reading = if self.chained_to.is_some() {
                    format!("counted from the event before: {}", date.describe())
                } else {
                    date.describe()
                };
                evidence.push(Evidence {
                    field: "date",
                    words: quote(span),
                    span: span.clone(),
                    reading,
                });
                date.clone()
            }
            None => {
                note_lines
                    .push("Date: the text gives none; up to a year before publication.".into());
                undated(published)
            }
        };

        // Where: the most precise place of the first sentence that names
        // one (the lead, not the headline), refined by a later, finer
        // place only inside it: a hospital town or a second village named
        // further down is not where it happened.
        let places = self.lead_places(text);
        let sides: Vec<&str> = places
            .iter()
            .filter(|p| matches!(p.name, PlaceName::Country(_)) || p.countries().len() == 1)
            .flat_map(|p| p.countries())
            .collect();
        let speaker_side = self.speakers.iter().find_map(|(c, _)| match c {
            Claimant::GovernmentTj => Some("TJ"),
            Claimant::GovernmentAf => Some("AF"),
            _ => None,
        });
        let prefer = |countries: Vec<&str>| -> (usize, String) {
            let pick = countries
                .iter()
                .position(|c| sides.contains(c))
                .or_else(|| speaker_side.and_then(|s| countries.iter().position(|c| *c == s)))
                .unwrap_or(0);
            let reading = if countries.len() > 1 {
                let other: Vec<&str> = countries
                    .iter()
                    .enumerate()
                    .filter(|(k, _)| *k != pick)
                    .map(|(_, c)| *c)
                    .collect();
                format!(
                    "also a place of that name in {}: chose {}",
                    other.join(", "),
                    countries[pick]
                )
            } else {
                String::new()
            };
            (pick, reading)
        };
        let inherited_used;
        let place = match places.first() {
            Some(p) => {
                inherited_used = false;
                Some((*p).clone())
            }
            None => {
                inherited_used = inherited.is_some();
                inherited
            }
        };
        let location = match &place {
            Some(fact) => {
                let (location, mut reading) = match &fact.name {
                    PlaceName::Town(candidates) => {
                        let countries = candidates.iter().map(|p| p.country.as_str()).collect();
                        let (k, reading) = prefer(countries);
                        let town = &candidates[k];
                        (town_location(town, LocationPrecision::Near), reading)
                    }
                    PlaceName::District(town) => (
                        town_location(town, LocationPrecision::District),
                        "district".into(),
                    ),
                    PlaceName::Province(areas) => {
                        let (k, reading) = prefer(areas.iter().map(|a| a.1).collect());
                        let (name, country, (lon, lat)) = &areas[k];
                        let mut location = Location::point(
                            *lon,
                            *lat,
                            LocationPrecision::Province,
                            side_of(country),
                        );
                        location.place_name = name.clone();
                        location.admin1 = Some(name.clone());
                        location.country = CountryCode::parse(country).ok();
                        (location, reading)
                    }
                    PlaceName::Country(code) => {
                        let (lon, lat) = country_point(code);
                        let mut location =
                            Location::point(lon, lat, LocationPrecision::Country, side_of(code));
                        location.country = CountryCode::parse(code).ok();
                        location.place_name = format!(
                            "{} (site not given)",
                            if *code == "TJ" {
                                "Tajikistan"
                            } else {
                                "Afghanistan"
                            }
                        );
                        (
                            location,
                            "only the country is given: a stand-in point on its side".into(),
                        )
                    }
                };
                if fact.near {
                    reading = format!(
                        "near: within about 5 km{}",
                        if reading.is_empty() {
                            String::new()
                        } else {
                            format!("; {reading}")
                        }
                    );
                }
                if inherited_used {
                    reading = format!("the place of the event told before; {reading}");
                }
                evidence.push(Evidence {
                    field: "location",
                    words: quote(&fact.span),
                    span: fact.span.clone(),
                    reading,
                });
                location
            }
            None => {
                note_lines.push(
                    "Place: the text gives none; a stand-in point in the border region.".into(),
                );
                let mut location =
                    Location::point(69.5, 37.5, LocationPrecision::Country, Side::Unknown);
                location.place_name = "Not given".into();
                location
            }
        };

        // Who died, who was hurt; a role the toll leaves out is the one
        // the attack was on ("attacked Chinese workers ... were killed").
        let mut implied = Vec::new();
        let casualties: Vec<Casualty> = self
            .casualties
            .iter()
            .map(|(c, _, _)| {
                let mut c = match (c.role, self.victims) {
                    (VictimRole::Unknown, Some(role)) if role != VictimRole::Militant => {
                        Casualty { role, ..c.clone() }
                    }
                    _ => c.clone(),
                };
                // Nationality the text implies: "the dead were citizens
                // of Afghanistan"; civilians, workers and police of the
                // place it happened, where the text names no other. Never
                // fighters or smugglers, who may come from either bank.
                let mut why = "";
                if c.nationality.is_none() {
                    if let Some(stated) = self.stated_nationality
                        && matches!(c.role, VictimRole::Militant | VictimRole::Unknown)
                    {
                        c.nationality = Some(stated);
                        why = "nationality as the text says of them";
                    } else if matches!(
                        c.role,
                        VictimRole::Civilian | VictimRole::Worker | VictimRole::SecurityForces
                    ) && location.precision != LocationPrecision::Country
                        || matches!(c.role, VictimRole::Civilian | VictimRole::Worker)
                    {
                        c.nationality = location
                            .country
                            .filter(|code| matches!(code.as_str(), "TJ" | "AF"));
                        if c.nationality.is_some() {
                            why = "nationality of the country where it happened: the text names no other";
                        }
                    }
                }
                implied.push(why);
                c
            })
            .collect();
        for (((_, span, reading), c), why) in self.casualties.iter().zip(&casualties).zip(&implied)
        {
            let reading = match (reading.is_empty(), why.is_empty()) {
                (true, true) => describe_casualty(c),
                (false, true) => format!("{}; {reading}", describe_casualty(c)),
                (true, false) => format!("{}; {why}", describe_casualty(c)),
                (false, false) => format!("{}; {reading}; {why}", describe_casualty(c)),
            };
            evidence.push(Evidence {
                field: "casualties",
                words: quote(span),
                span: span.clone(),
                reading,
            });
        }

        // Who is blamed, by whom.
        let mut claims = Vec::new();
        for (claim, span, reading) in &self.claims {
            let mut claim = claim.clone();
            claim.source_id = known.source;
            let actor = known
                .actors
                .iter()
                .find(|a| a.id == claim.actor_id)
                .map_or("?", |a| a.name.as_str());
            let said = format!(
                "{actor}: {} ({}, {})",
                claim.stance.label().to_lowercase(),
                claim.claimant_name,
                claim.confidence.label().to_lowercase()
            );
            evidence.push(Evidence {
                field: "claims",
                words: quote(span),
                span: span.clone(),
                reading: if reading.is_empty() {
                    said
                } else {
                    format!("{said}; {reading}")
                },
            });
            claims.push(claim);
        }

        let mut tags = Vec::new();
        if self
            .triggers
            .iter()
            .any(|t| t.0 == EventType::CrossBorderIncursion)
            || self.places.iter().any(|p| is_origin(text, &p.span))
        {
            tags.push("cross-border".to_string());
        }
        if casualties
            .iter()
            .any(|c| c.nationality.is_some_and(|n| n.as_str() == "CN"))
            || all_words.contains("Chinese")
            || all_words.contains("китайск")
        {
            tags.push("Chinese interests".to_string());
        }
        // Fire exchanged across the river is on the border itself.
        static ACROSS: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?i)\bexchanged? (?:of )?fire across\b|\bexchange of fire across\b|перестрел\w* через (?:реку )?\p{Lu}|обменялись огнём через|\bon an island in the\b|на острове|дар ҷазира\w*|در جزیره|(?:\bbetween|\bмежду|میان|\bбайни)\b.{0,80}?(?:(?:tajik|таджикск|تاجیکستان|тоҷик).{0,30}?(?:border|погран|مرز|сарҳад)|(?:border|погран|مرز|сарҳад)\S*\s+(?:\S+\s+)?(?:tajik|таджикск|تاجیکستان|тоҷик))")
                .unwrap_or_else(|e| panic!("{e}"))
        });
        let mut location = location;
        if ACROSS.is_match(&all_words) {
            location.side = Side::Border;
        }
        let short_place = match &place {
            Some(_) if location.precision == LocationPrecision::Country => match location.country {
                Some(c) if c.as_str() == "AF" => "Afghanistan".to_string(),
                _ => "Tajikistan".to_string(),
            },
            Some(_) => location.place_name.clone(),
            None => "place not given".to_string(),
        };
        let title = format!("{} in {}", event_type.label(), short_place);
        let mut incident = Incident::new(title, event_type, date, location);
        incident.summary = all_words;
        incident.notes = note_lines.join("\n");
        incident.tags = tags;
        incident.casualties = casualties;
        incident.claims = claims;
        incident.source_ids = known.source.into_iter().collect();
        evidence.sort_by_key(|e| e.span.start);
        Draft { incident, evidence }
    }
}

/// Where a report gives no date: up to a year before it was published.
fn undated(published: Date) -> IncidentDate {
    IncidentDate {
        start: date_of_day_number(day_number(published) - 365),
        end: published,
        precision: DatePrecision::Year,
        time_of_day: None,
    }
}

fn side_of(country: &str) -> Side {
    match country {
        "TJ" => Side::Tj,
        "AF" => Side::Af,
        _ => Side::Unknown,
    }
}

fn town_location(town: &Place, precision: LocationPrecision) -> Location {
    let mut location = Location::point(town.lon, town.lat, precision, side_of(&town.country));
    location.place_name = town.name.clone();
    location.country = CountryCode::parse(&town.country).ok();
    location.admin1 = (!town.admin1.is_empty()).then(|| town.admin1.clone());
    location.admin2 = (!town.admin2.is_empty()).then(|| town.admin2.clone());
    location
}

fn describe_casualty(c: &Casualty) -> String {
    let (n, what) = if c.killed > 0 {
        (c.killed, "killed")
    } else {
        (c.wounded, "wounded")
    };
    let at_least = if c.figure == Figure::Minimum {
        "at least "
    } else {
        ""
    };
    let nationality = c
        .nationality
        .map_or("nationality not given".to_string(), |n| {
            n.as_str().to_string()
        });
    format!(
        "{at_least}{n} {what}, {nationality}, {}",
        c.role.label().to_lowercase()
    )
}

#[cfg(test)]
mod tests;
