//! Dates in report text, English and Russian: absolute ("3 February",
//! "November 26", "20 апреля", "2025-11-26"), relative to the publication
//! date ("on Thursday", "on a recent Tuesday", "this month", "last week",
//! "вчера") and chained to the event before ("days later", "the next
//! day"). Each comes with the precision the words carry, never more.

use crate::model::{DatePrecision, IncidentDate, date_of_day_number, day_number};
use jiff::civil::{Date, Weekday};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// A date found in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub enum DateWords {
    /// A date the words fix on their own or against the publication date.
    Fixed {
        date: IncidentDate,
        /// A weekday named ("on Tuesday"): a story may name several days
        /// of one event.
        weekday: bool,
    },
    /// A date counted from the event told before it.
    After(Chain),
}

/// How far after the previous event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chain {
    /// "days later", "a few days later": within the following week.
    SomeDays,
    /// "two days later", "the next day": exactly this many days.
    Days(i64),
    /// "a week later".
    Weeks(i64),
}

impl Chain {
    /// The date of an event told after one dated `before`.
    pub fn apply(self, before: &IncidentDate) -> IncidentDate {
        let shift = |date: Date, days: i64| date_of_day_number(day_number(date) + days);
        match self {
            Chain::SomeDays => IncidentDate {
                start: shift(before.end, 1),
                end: shift(before.end, 7),
                precision: DatePrecision::Week,
                time_of_day: None,
            },
            Chain::Days(n) => IncidentDate {
                start: shift(before.start, n),
                end: shift(before.end, n),
                precision: before.precision,
                time_of_day: None,
            },
            Chain::Weeks(n) => IncidentDate {
                start: shift(before.start, 7 * n),
                end: shift(before.end, 7 * n),
                precision: before.precision.max(DatePrecision::Week),
                time_of_day: None,
            },
        }
    }
}

const MONTHS: [(&str, i8); 36] = [
    // Dari and Pashto write the Gregorian months so.
    ("جنور", 1),
    ("فبرور", 2),
    ("مارچ", 3),
    ("اپریل", 4),
    ("می", 5),
    ("جون", 6),
    ("جولا", 7),
    ("اگست", 8),
    ("سپتمبر", 9),
    ("اکتوبر", 10),
    ("نومبر", 11),
    ("دسمبر", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("may", 5),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
    ("янв", 1),
    ("фев", 2),
    ("мар", 3),
    ("апр", 4),
    ("ма", 5),
    ("июн", 6),
    ("июл", 7),
    ("авг", 8),
    ("сен", 9),
    ("окт", 10),
    ("ноя", 11),
    ("дек", 12),
];

const MONTH_WORDS: &str = "january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec|январ[ьяи]|феврал[ьяи]?|март[аи]?|апрел[ьяи]|ма[йя]|майи|июн[ьяи]|июл[ьяи]|август[аи]?|сентябр[ьяи]|октябр[ьяи]|ноябр[ьяи]|декабр[ьяи]|جنوری|فبروری|مارچ|اپریل|می|جون|جولای|اگست|سپتمبر|اکتوبر|نومبر|دسمبر";

fn month_number(word: &str) -> Option<i8> {
    let word = word.to_lowercase();
    MONTHS
        .iter()
        .filter(|(stem, _)| word.starts_with(stem))
        .max_by_key(|(stem, _)| stem.chars().count())
        .map(|(_, n)| *n)
}

fn weekday_of(word: &str) -> Option<Weekday> {
    let word = word.to_lowercase();
    let days = [
        ("mon", Weekday::Monday),
        ("tue", Weekday::Tuesday),
        ("wed", Weekday::Wednesday),
        ("thu", Weekday::Thursday),
        ("fri", Weekday::Friday),
        ("sat", Weekday::Saturday),
        ("sun", Weekday::Sunday),
        ("понед", Weekday::Monday),
        ("вторн", Weekday::Tuesday),
        ("сред", Weekday::Wednesday),
        ("четв", Weekday::Thursday),
        ("пятн", Weekday::Friday),
        ("суббот", Weekday::Saturday),
        ("воскр", Weekday::Sunday),
        ("душанбе", Weekday::Monday),
        ("сешанбе", Weekday::Tuesday),
        ("чоршанбе", Weekday::Wednesday),
        ("панҷшанбе", Weekday::Thursday),
        ("ҷумъа", Weekday::Friday),
        ("шанбе", Weekday::Saturday),
        ("якшанбе", Weekday::Sunday),
        ("دوشنبه", Weekday::Monday),
        ("سه", Weekday::Tuesday),
        ("چهارشنبه", Weekday::Wednesday),
        ("پنجشنبه", Weekday::Thursday),
        ("جمعه", Weekday::Friday),
        ("شنبه", Weekday::Saturday),
        ("یکشنبه", Weekday::Sunday),
    ];
    days.iter()
        .find(|(stem, _)| word.starts_with(stem))
        .map(|(_, d)| *d)
}

fn regex(pattern: &str) -> Regex {
    // The patterns are constants of this file, checked by its tests.
    Regex::new(pattern).unwrap_or_else(|e| panic!("date pattern {pattern}: {e}"))
}

static ISO: LazyLock<Regex> = LazyLock::new(|| regex(r"\b(\d{4})-(\d{2})-(\d{2})\b"));
static DOTTED: LazyLock<Regex> = LazyLock::new(|| regex(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b"));
static DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"(?i)\b(\d{{1,2}})(?:st|nd|rd|th|-ум|-уми)?\s+(?:of\s+)?({MONTH_WORDS})(?:\b|$|\s)\.?(?:,?\s*(?:соли\s+)?(\d{{4}}))?"
    ))
});
static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"(?i)\b({MONTH_WORDS})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s*(\d{{4}}))?"
    ))
});
static MONTH_YEAR: LazyLock<Regex> =
    LazyLock::new(|| regex(&format!(r"(?i)\b({MONTH_WORDS})\s+(\d{{4}})\b")));
static WEEKDAY: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)\b(?:on\s+)?(?:(a|the|last)\s+)?(recent\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|(?:\bв|\bво)\s+(?:(минувш\w+|прошл\w+|недавн\w+)\s+)?(понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье)|рӯзи\s+(()(душанбе|сешанбе|чоршанбе|панҷшанбе|ҷумъа|шанбе|якшанбе))|(()(یکشنبه|دوشنبه|سه‌شنبه|سه شنبه|چهارشنبه|پنجشنبه|جمعه|شنبه))",
    )
});
static RELATIVE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)\b(yesterday|today|last night|overnight|last week|this week|earlier this month|this month|last month|earlier this year|this year)\b|(вчера|сегодня|накануне|прошлой ночью|минувшей ночью|на прошлой неделе|на этой неделе|в этом месяце|в начале месяца|в прошлом месяце|в этом году|дирӯз|шаби гузашта|دیروز|دیشب|شب گذشته|روز گذشته)",
    )
});
/// "the night of 5 May", "в ночь на 5 мая": the evening before to the day.
static NIGHT_OF: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)\bв ночь (?:с \d{1,2} )?на\s+$|\bthe night (?:of|to)\s+(?:\d{1,2}\s+(?:to|into)\s+)?$",
    )
});
/// A month named alone ("in March", "в марте"): that month, the last one
/// on or before publication.
static MONTH_ALONE: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"(?i)\b(?:in|during|в|во|моҳи)\s+((?:early|late|mid-?|начале|конце|середине)\s+)?({MONTH_WORDS}|марте|мае|июне|июле|августе|сентябре|октябре|ноябре|декабре|январе|феврале|апреле)\b"
    ))
});
static CHAIN: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)\b(?:(\d+|two|three|four|five|six|several|a few|a couple of)\s+)?days\s+later\b|\b(a day later|the next day|the following day|a week later|two weeks later)\b|(на следующий день|сутки спустя|через неделю|неделю спустя|спустя несколько дней|через несколько дней|несколько дней спустя|через (?:два|три|четыре|пять|\d+) дн(?:я|ей))",
    )
});

/// Every date the sentence gives, with its byte range in the sentence,
/// in reading order; `published` anchors the relative ones and gives the
/// year where the text leaves it out.
pub fn find(sentence: &str, published: Date) -> Vec<(DateWords, Range<usize>)> {
    let mut found: Vec<(DateWords, Range<usize>)> = Vec::new();
    let mut add = |words: DateWords, range: Range<usize>| {
        if !found
            .iter()
            .any(|(_, r)| r.start < range.end && range.start < r.end)
        {
            found.push((words, range));
        }
    };
    let day = |date: Date| DateWords::Fixed {
        date: IncidentDate::day(date),
        weekday: false,
    };
    for m in ISO.captures_iter(sentence) {
        let ymd = (num(&m[1]), num(&m[2]), num(&m[3]));
        if let Ok(date) = Date::new(ymd.0 as i16, ymd.1 as i8, ymd.2 as i8) {
            add(day(date), whole(&m));
        }
    }
    for m in DOTTED.captures_iter(sentence) {
        let (d, mo, y) = (num(&m[1]), num(&m[2]), num(&m[3]));
        if let Ok(date) = Date::new(y as i16, mo as i8, d as i8) {
            add(day(date), whole(&m));
        }
    }
    for (pattern, day_group, month_group) in [(&*DAY_MONTH, 1, 2), (&*MONTH_DAY, 2, 1)] {
        for m in pattern.captures_iter(sentence) {
            let Some(month) = month_number(&m[month_group]) else {
                continue;
            };
            let d = num(&m[day_group]) as i8;
            let year = m.get(3).map(|y| num(y.as_str()) as i16);
            if let Some(date) = day_in_year(d, month, year, published) {
                let span = whole(&m);
                if NIGHT_OF.is_match(&sentence[..span.start]) {
                    // The night runs from the evening before.
                    add(
                        DateWords::Fixed {
                            date: IncidentDate {
                                start: date_of_day_number(day_number(date) - 1),
                                end: date,
                                precision: DatePrecision::Day,
                                time_of_day: None,
                            },
                            weekday: false,
                        },
                        span,
                    );
                } else {
                    add(day(date), span);
                }
            }
        }
    }
    for m in SOLAR_HIJRI.captures_iter(sentence) {
        let year = num(&m[3]);
        if !(1300..1500).contains(&year) {
            continue;
        }
        let written = format!("{} {} {year}", num(&m[1]), &m[2]);
        if let Some(date) = crate::model::calendar::parse(&written).and_then(|d| d.to_gregorian()) {
            add(day(date), whole(&m));
        }
    }
    for m in MONTH_YEAR.captures_iter(sentence) {
        let (Some(month), year) = (month_number(&m[1]), num(&m[2]) as i16) else {
            continue;
        };
        if let Ok(first) = Date::new(year, month, 1) {
            add(
                DateWords::Fixed {
                    date: month_of(first),
                    weekday: false,
                },
                whole(&m),
            );
        }
    }
    // "в ночь на воскресенье", "the night to Sunday": from the evening
    // before to that day.
    static NIGHT_TO_WEEKDAY: LazyLock<Regex> = LazyLock::new(|| {
        regex(
            r"(?i)\b(?:в ночь на|ночью на|(?:on )?the night (?:of|to) \w+day into)\s+(понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье|monday|tuesday|wednesday|thursday|friday|saturday|sunday)",
        )
    });
    for m in NIGHT_TO_WEEKDAY.captures_iter(sentence) {
        let Some(weekday) = weekday_of(&m[1]) else {
            continue;
        };
        let morning = last_weekday(published, weekday);
        add(
            DateWords::Fixed {
                date: IncidentDate {
                    start: date_of_day_number(day_number(morning) - 1),
                    end: morning,
                    precision: DatePrecision::Day,
                    time_of_day: None,
                },
                weekday: true,
            },
            whole(&m),
        );
    }
    for m in WEEKDAY.captures_iter(sentence) {
        let word = m
            .get(3)
            .or(m.get(5))
            .or(m.get(8))
            .or(m.get(11))
            .map_or("", |w| w.as_str());
        let Some(weekday) = weekday_of(word) else {
            continue;
        };
        let recent =
            m.get(2).is_some() || m.get(4).is_some_and(|w| w.as_str().starts_with("недавн"));
        let last = last_weekday(published, weekday);
        let date = if recent {
            // One of the last five such days: the words do not say which.
            IncidentDate {
                start: date_of_day_number(day_number(last) - 28),
                end: last,
                precision: DatePrecision::Month,
                time_of_day: None,
            }
        } else {
            IncidentDate::day(last)
        };
        add(
            DateWords::Fixed {
                date,
                weekday: !recent,
            },
            whole(&m),
        );
    }
    for m in MONTH_ALONE.captures_iter(sentence) {
        let Some(month) = month_number(&m[2]) else {
            continue;
        };
        // A month with a day or a year after it is read above.
        let after = sentence[m.get(0).map_or(0, |w| w.end())..].trim_start();
        if after.starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        let year = if month > published.month() {
            published.year() - 1
        } else {
            published.year()
        };
        if let Ok(first) = Date::new(year, month, 1) {
            add(
                DateWords::Fixed {
                    date: month_of(first),
                    weekday: false,
                },
                whole(&m),
            );
        }
    }
    for m in RELATIVE.captures_iter(sentence) {
        let words = m[0].to_lowercase();
        let date = relative(&words, published);
        add(
            DateWords::Fixed {
                date,
                weekday: false,
            },
            whole(&m),
        );
    }
    for m in CHAIN.captures_iter(sentence) {
        let words = m[0].to_lowercase();
        let chain = match m.get(1).map(|n| n.as_str().to_lowercase()) {
            Some(n) => match n.as_str() {
                "several" | "a few" => Chain::SomeDays,
                "a couple of" | "two" => Chain::Days(2),
                "three" => Chain::Days(3),
                "four" => Chain::Days(4),
                "five" => Chain::Days(5),
                "six" => Chain::Days(6),
                digits => digits.parse().map_or(Chain::SomeDays, Chain::Days),
            },
            None if words.contains("two weeks") => Chain::Weeks(2),
            None if words.contains("week") || words.contains("недел") => Chain::Weeks(1),
            None if words.contains("day later")
                || words.contains("next day")
                || words.contains("following day")
                || words.contains("следующий день")
                || words.contains("сутки") =>
            {
                Chain::Days(1)
            }
            None => match words.split_whitespace().nth(1) {
                Some("два") => Chain::Days(2),
                Some("три") => Chain::Days(3),
                Some("четыре") => Chain::Days(4),
                Some("пять") => Chain::Days(5),
                Some(n) => n.parse().map_or(Chain::SomeDays, Chain::Days),
                None => Chain::SomeDays,
            },
        };
        add(DateWords::After(chain), whole(&m));
    }
    found.sort_by_key(|(_, range)| range.start);
    found
}

/// A date line at the top of a report ("DUSHANBE, December 5, 2025 —",
/// "FAIZABAD, May 3 (Pajhwok):", "05.12.2025" on a line of its own) or a
/// signature at its end ("Душанбе, 19 апреля 2026 года"): the
/// publication date and where it is. A date that opens a running sentence
/// ("14 марта 2025 года около 23:00 на участке …") is the event's, not a
/// date line.
pub fn date_line(text: &str, fallback: Date) -> Option<(Date, Range<usize>)> {
    static CITY: LazyLock<Regex> = LazyLock::new(|| {
        regex(
            r"^\s*(?:(?:\p{Lu}[\p{L}'’\-/]*\s*){1,3}[,.]\s*(?:\p{L}+,\s*)?|\p{Arabic}[\p{Arabic}\x{200C}]*(?:\s+\p{Arabic}[\p{Arabic}\x{200C}]*)?\s*(?:[،,]|\(\s*[\p{Arabic}\x{200C}\s]+[،,])\s*)$",
        )
    });
    static AFTER: LazyLock<Regex> = LazyLock::new(|| {
        regex(
            r"^\s*(?:года|г\.)?\s*(?:[(/—–\-:,)]|\(|$|[A-ZА-Я][\p{L}\-]*\s+(?:News|Новости)|/|\.?\s*\p{Lu}{3,})",
        )
    });
    let lines: Vec<(usize, &str)> = text
        .split_inclusive('\n')
        .scan(0usize, |at, line| {
            let start = *at;
            *at += line.len();
            Some((start, line))
        })
        .collect();
    let tail_from = lines.len().saturating_sub(3);
    let candidates = lines
        .iter()
        .enumerate()
        .filter(|(k, (_, line))| (*k < 4 || *k >= tail_from) && !line.trim().is_empty());
    for (k, (offset, line)) in candidates {
        for (words, range) in find(line, fallback) {
            let DateWords::Fixed { date, .. } = words else {
                continue;
            };
            if date.precision != DatePrecision::Day {
                continue;
            }
            let before = &line[..range.start];
            let after = &line[range.end..];
            let alone = before.trim().is_empty() && line.trim().len() <= range.len() + 12;
            let dateline = CITY.is_match(before) && AFTER.is_match(after);
            // A signature closes the text: a short line, a place and a date.
            let signature = k >= tail_from && CITY.is_match(before) && line.trim().len() < 60;
            if alone || dateline || signature {
                return Some((date.start, offset + range.start..offset + range.end));
            }
        }
    }
    None
}

/// A number in Western, Persian or Arabic-Indic digits.
fn num(text: &str) -> i64 {
    crate::model::calendar::western_digits(text)
        .parse()
        .unwrap_or(0)
}

/// A Solar Hijri day as Dari and Tajik reports write it ("۱۴ ثور ۱۴۰۴",
/// "14 Sawr 1404", "14-уми саври соли 1403"): the Gregorian day.
static SOLAR_HIJRI: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"(\d{1,2})(?:-ум|-уми)?\s+([\p{Arabic}\p{L}]+?)и?\s+(?:соли\s+)?(\d{4})")
});

fn whole(m: &regex::Captures<'_>) -> Range<usize> {
    m.get(0).map_or(0..0, |m| m.range())
}

/// Day `d` of `month` in `year`, or, with no year given, the last such
/// day on or before publication.
fn day_in_year(d: i8, month: i8, year: Option<i16>, published: Date) -> Option<Date> {
    match year {
        Some(year) => Date::new(year, month, d).ok(),
        None => {
            let this_year = Date::new(published.year(), month, d).ok()?;
            if this_year > published {
                Date::new(published.year() - 1, month, d).ok()
            } else {
                Some(this_year)
            }
        }
    }
}

fn month_of(first: Date) -> IncidentDate {
    IncidentDate {
        start: first,
        end: first.last_of_month(),
        precision: DatePrecision::Month,
        time_of_day: None,
    }
}

/// The last `weekday` on or before `published`.
fn last_weekday(published: Date, weekday: Weekday) -> Date {
    let back = (published.weekday().to_monday_zero_offset() - weekday.to_monday_zero_offset())
        .rem_euclid(7);
    date_of_day_number(day_number(published) - back as i64)
}

fn relative(words: &str, published: Date) -> IncidentDate {
    let days = |start: Date, end: Date, precision| IncidentDate {
        start,
        end,
        precision,
        time_of_day: None,
    };
    let back = |n: i64| date_of_day_number(day_number(published) - n);
    let monday = last_weekday(published, Weekday::Monday);
    let first = published.first_of_month();
    match words {
        "yesterday"
        | "вчера"
        | "накануне"
        | "last night"
        | "overnight"
        | "прошлой ночью"
        | "минувшей ночью"
        | "дирӯз"
        | "шаби гузашта"
        | "دیروز"
        | "دیشب"
        | "شب گذشته"
        | "روز گذشته" => IncidentDate::day(back(1)),
        "today" | "сегодня" => IncidentDate::day(published),
        "last week" | "на прошлой неделе" => {
            let start = date_of_day_number(day_number(monday) - 7);
            days(
                start,
                date_of_day_number(day_number(monday) - 1),
                DatePrecision::Week,
            )
        }
        "this week" | "на этой неделе" => days(monday, published, DatePrecision::Week),
        "last month" | "в прошлом месяце" => {
            month_of(date_of_day_number(day_number(first) - 1).first_of_month())
        }
        "earlier this year" | "this year" | "в этом году" => days(
            Date::new(published.year(), 1, 1).unwrap_or(first),
            published,
            DatePrecision::Year,
        ),
        // "this month", "earlier this month", "в этом месяце", "в начале месяца"
        _ => days(first, published, DatePrecision::Month),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn first(sentence: &str) -> DateWords {
        find(sentence, date(2025, 12, 5)).remove(0).0
    }

    fn fixed(sentence: &str) -> IncidentDate {
        match first(sentence) {
            DateWords::Fixed { date, .. } => date,
            other => panic!("{sentence}: {other:?}"),
        }
    }

    #[test]
    fn absolute_dates_take_the_year_of_publication_or_the_one_before() {
        // Published Friday 5 December 2025.
        assert_eq!(
            fixed("on November 26 a drone"),
            IncidentDate::day(date(2025, 11, 26))
        );
        assert_eq!(
            fixed("On 3 February, gunmen"),
            IncidentDate::day(date(2025, 2, 3))
        );
        assert_eq!(
            fixed("20 апреля боевики"),
            IncidentDate::day(date(2025, 4, 20))
        );
        assert_eq!(
            fixed("26 ноября 2024 года"),
            IncidentDate::day(date(2024, 11, 26))
        );
        // A day after publication is last year's.
        assert_eq!(
            fixed("on December 20"),
            IncidentDate::day(date(2024, 12, 20))
        );
        assert_eq!(
            fixed("as of 2025-11-30,"),
            IncidentDate::day(date(2025, 11, 30))
        );
        let month = fixed("in March 2024");
        assert_eq!(
            (month.start, month.end),
            (date(2024, 3, 1), date(2024, 3, 31))
        );
        assert_eq!(month.precision, DatePrecision::Month);
    }

    #[test]
    fn weekdays_are_the_last_one_on_or_before_publication() {
        assert_eq!(
            fixed("on Thursday the guards"),
            IncidentDate::day(date(2025, 12, 4))
        );
        assert_eq!(fixed("On Friday"), IncidentDate::day(date(2025, 12, 5)));
        assert_eq!(fixed("on a Tuesday"), IncidentDate::day(date(2025, 12, 2)));
        assert_eq!(
            fixed("в среду пограничники"),
            IncidentDate::day(date(2025, 12, 3))
        );
        let recent = fixed("on a recent Tuesday");
        assert_eq!(recent.end, date(2025, 12, 2));
        assert_eq!(recent.start, date(2025, 11, 4));
        assert_eq!(recent.precision, DatePrecision::Month);
    }

    #[test]
    fn relative_periods_keep_their_grain() {
        let month = fixed("earlier this month, two");
        assert_eq!(
            (month.start, month.end),
            (date(2025, 12, 1), date(2025, 12, 5))
        );
        assert_eq!(month.precision, DatePrecision::Month);
        let week = fixed("last week");
        assert_eq!(
            (week.start, week.end),
            (date(2025, 11, 24), date(2025, 11, 30))
        );
        assert_eq!(week.precision, DatePrecision::Week);
        assert_eq!(fixed("Вчера"), IncidentDate::day(date(2025, 12, 4)));
    }

    #[test]
    fn chains_count_from_the_event_before() {
        let before = IncidentDate::day(date(2025, 11, 26));
        let DateWords::After(chain) = first("Days later, armed men") else {
            panic!()
        };
        let after = chain.apply(&before);
        assert_eq!(
            (after.start, after.end),
            (date(2025, 11, 27), date(2025, 12, 3))
        );
        assert_eq!(after.precision, DatePrecision::Week);
        assert_eq!(first("two days later"), DateWords::After(Chain::Days(2)));
        assert_eq!(first("на следующий день"), DateWords::After(Chain::Days(1)));
        assert_eq!(
            first("спустя несколько дней"),
            DateWords::After(Chain::SomeDays)
        );
    }

    #[test]
    fn a_date_line_gives_the_publication_date() {
        let text = "Border report\nDUSHANBE, December 5, 2025 — Tajik border guards said";
        let (published, range) = date_line(text, date(2026, 1, 1)).unwrap();
        assert_eq!(published, date(2025, 12, 5));
        assert_eq!(&text[range], "December 5, 2025");
        assert!(date_line("On Thursday gunmen attacked", date(2026, 1, 1)).is_none());
    }
}
