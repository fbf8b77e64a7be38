//! Scoring the extractor on annotated reports it was not written against
//! (`panj extract --evaluate DIR`): for each report its first proposed
//! incident is compared with what a reader takes from the text, field by
//! field (date, place, side, killed, wounded, the victims' nationalities),
//! and every miss is listed with what was expected and what came out.
//!
//! A report is two files, `NAME.txt` and `NAME.json` (see
//! `tests/fixtures/extract/README.md` for the annotation's keys).

use super::{Known, extract};
use jiff::civil::Date;
use std::collections::BTreeMap;
use std::path::Path;

/// The fields scored, in the order they are printed.
pub const FIELDS: [&str; 6] = ["date", "place", "side", "killed", "wounded", "nationality"];

/// What a report's annotation says.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct Annotation {
    pub language: String,
    pub published: Date,
    pub expected: Expected,
}

#[derive(Debug, Clone, serde::Deserialize)]
pub struct Expected {
    pub date: ExpectedDate,
    pub place: ExpectedPlace,
    pub side: String,
    pub killed: u64,
    pub wounded: u64,
    pub victim_nationality: Vec<String>,
}

#[derive(Debug, Clone, serde::Deserialize)]
pub struct ExpectedDate {
    pub start: Date,
    pub end: Date,
}

#[derive(Debug, Clone, serde::Deserialize)]
pub struct ExpectedPlace {
    pub name: String,
    pub country: String,
    #[serde(default)]
    pub admin1: String,
    pub precision: String,
}

/// One field the extractor got wrong.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Miss {
    pub report: String,
    pub field: &'static str,
    pub expected: String,
    pub got: String,
}

/// Scores by field and language.
#[derive(Debug, Clone, Default)]
pub struct Evaluation {
    pub reports: usize,
    /// (language, field) → (right, scored).
    pub scores: BTreeMap<(String, String), (usize, usize)>,
    pub misses: Vec<Miss>,
}

impl Evaluation {
    /// Right and scored for `field` over every language.
    pub fn field(&self, field: &str) -> (usize, usize) {
        self.scores
            .iter()
            .filter(|((_, f), _)| f == field)
            .fold((0, 0), |(r, n), (_, (right, scored))| {
                (r + right, n + scored)
            })
    }

    /// The per-field table by language, as the README shows it.
    pub fn table(&self) -> String {
        let languages: Vec<&String> = {
            let mut l: Vec<&String> = self.scores.keys().map(|(lang, _)| lang).collect();
            l.dedup();
            l
        };
        let mut text = format!("| field | all ({} reports) |", self.reports);
        for lang in &languages {
            text.push_str(&format!(" {lang} |"));
        }
        text.push_str("\n|---|---|");
        text.push_str(&"---|".repeat(languages.len()));
        text.push('\n');
        let cell = |(right, scored): (usize, usize)| {
            if scored == 0 {
                "-".to_string()
            } else {
                format!(
                    "{right}/{scored} ({:.0} %)",
                    100.0 * right as f64 / scored as f64
                )
            }
        };
        for field in FIELDS {
            text.push_str(&format!("| {field} | {} |", cell(self.field(field))));
            for lang in &languages {
                let score = self
                    .scores
                    .get(&((*lang).clone(), field.to_string()))
                    .copied()
                    .unwrap_or_default();
                text.push_str(&format!(" {} |", cell(score)));
            }
            text.push('\n');
        }
        text
    }
}

/// Scores one report: its text, its annotation and its name.
pub fn score_report(
    name: &str,
    text: &str,
    annotation: &Annotation,
    known: &Known<'_>,
    into: &mut Evaluation,
) {
    let drafts = extract(text, annotation.published, known);
    let first = drafts.first().map(|d| &d.incident);
    let expected = &annotation.expected;
    let mut verdict = |field: &'static str, right: bool, want: String, got: String| {
        let score = into
            .scores
            .entry((annotation.language.clone(), field.to_string()))
            .or_default();
        score.1 += 1;
        if right {
            score.0 += 1;
        } else {
            into.misses.push(Miss {
                report: name.to_string(),
                field,
                expected: want,
                got,
            });
        }
    };
    let none = || "no incident proposed".to_string();
    let date = first.map(|i| (i.date.start, i.date.end));
    verdict(
        "date",
        date == Some((expected.date.start, expected.date.end)),
        format!("{} .. {}", expected.date.start, expected.date.end),
        date.map_or_else(none, |(s, e)| format!("{s} .. {e}")),
    );
    let place = &expected.place;
    let got_place = first.map(|i| &i.location);
    let place_right = got_place.is_some_and(|l| {
        let country = l.country.map(|c| c.to_string()).unwrap_or_default();
        country.eq_ignore_ascii_case(&place.country)
            && match place.precision.as_str() {
                "country" => l.precision.code() == "country",
                "province" => {
                    l.precision.code() == "province"
                        && l.admin1
                            .as_deref()
                            .is_some_and(|a| same_name(a, &place.admin1))
                }
                _ => same_name(&l.place_name, &place.name),
            }
    });
    verdict(
        "place",
        place_right,
        format!("{} ({}, {})", place.name, place.country, place.precision),
        got_place.map_or_else(none, |l| {
            format!(
                "{} ({}, {})",
                l.place_name,
                l.country.map(|c| c.to_string()).unwrap_or_default(),
                l.precision.code()
            )
        }),
    );
    let side = first.map(|i| i.location.side.code().to_string());
    verdict(
        "side",
        side.as_deref() == Some(expected.side.as_str()),
        expected.side.clone(),
        side.unwrap_or_else(none),
    );
    let killed = first.map(|i| i.killed());
    verdict(
        "killed",
        killed == Some(expected.killed),
        expected.killed.to_string(),
        killed.map_or_else(none, |k| k.to_string()),
    );
    let wounded = first.map(|i| i.wounded());
    verdict(
        "wounded",
        wounded == Some(expected.wounded),
        expected.wounded.to_string(),
        wounded.map_or_else(none, |w| w.to_string()),
    );
    let nationalities = first.map(|i| {
        let mut n: Vec<String> = i
            .casualties
            .iter()
            .filter(|c| c.killed + c.wounded > 0)
            .filter_map(|c| c.nationality.map(|n| n.to_string()))
            .collect();
        n.sort();
        n.dedup();
        n
    });
    let mut want = expected.victim_nationality.clone();
    want.sort();
    want.dedup();
    verdict(
        "nationality",
        nationalities.as_ref() == Some(&want),
        format!("{want:?}"),
        nationalities.map_or_else(none, |n| format!("{n:?}")),
    );
}

/// Place names compared as people write them: case and spaces aside.
fn same_name(a: &str, b: &str) -> bool {
    let fold = |s: &str| s.trim().to_lowercase();
    fold(a) == fold(b)
}

/// Scores every annotated report in `dir`; what is wrong with a file,
/// naming it, when one cannot be read.
pub fn score_folder(dir: &Path, known: &Known<'_>) -> Result<Evaluation, String> {
    let mut names: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    names.sort();
    let mut evaluation = Evaluation::default();
    for json in names {
        let text_path = json.with_extension("txt");
        let read =
            |p: &Path| std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()));
        let annotation: Annotation =
            serde_json::from_str(&read(&json)?).map_err(|e| format!("{}: {e}", json.display()))?;
        let text = read(&text_path)?;
        let name = json
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_default();
        score_report(&name, &text, &annotation, known, &mut evaluation);
        evaluation.reports += 1;
    }
    if evaluation.reports == 0 {
        return Err(format!(
            "{}: no annotated reports (NAME.json beside NAME.txt)",
            dir.display()
        ));
    }
    Ok(evaluation)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::gazetteer::Gazetteer;

    /// An annotation that agrees with what the extractor proposes for
    /// `text`, but for a wrong toll: five fields right, one miss.
    #[test]
    fn a_report_scores_each_field_and_lists_the_miss() {
        let text = "DUSHANBE, June 5 (Asia-Plus) - Two Tajik border guards were killed and \
                    one was wounded on Wednesday in a clash with smugglers near Khorugh, \
                    the border troops said.";
        let published = jiff::civil::date(2025, 6, 5);
        let known = Known {
            actors: &[],
            gazetteer: Gazetteer::shipped(),
            source: None,
        };
        let drafts = extract(text, published, &known);
        let got = &drafts.first().expect("a draft").incident;
        let mut nationality: Vec<String> = got
            .casualties
            .iter()
            .filter_map(|c| c.nationality.map(|n| n.to_string()))
            .collect();
        nationality.sort();
        nationality.dedup();
        let annotation = Annotation {
            language: "en".into(),
            published,
            expected: Expected {
                date: ExpectedDate {
                    start: got.date.start,
                    end: got.date.end,
                },
                place: ExpectedPlace {
                    name: got.location.place_name.to_uppercase(),
                    country: got
                        .location
                        .country
                        .map(|c| c.to_string())
                        .unwrap_or_default(),
                    admin1: got.location.admin1.clone().unwrap_or_default(),
                    precision: "exact".into(),
                },
                side: got.location.side.code().to_string(),
                killed: got.killed() + 1,
                wounded: got.wounded(),
                victim_nationality: nationality,
            },
        };
        let mut evaluation = Evaluation::default();
        score_report("one", text, &annotation, &known, &mut evaluation);
        evaluation.reports = 1;
        for field in FIELDS {
            let want = if field == "killed" { (0, 1) } else { (1, 1) };
            assert_eq!(evaluation.field(field), want, "{field}");
        }
        assert_eq!(evaluation.misses.len(), 1);
        assert_eq!(evaluation.misses[0].field, "killed");
        assert!(
            evaluation
                .table()
                .contains("| killed | 0/1 (0 %) | 0/1 (0 %) |")
        );
    }
}
