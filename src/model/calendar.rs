//! The Solar Hijri calendar that Afghan sources date events in ("5 Qaws
//! 1404", "۱۴۰۴/۹/۵"), converted to and from the Gregorian dates panj
//! stores with ICU4X's Persian calendar (`icu_calendar`), not home-made
//! arithmetic. Month names are read as Afghan Dari (Hamal … Hut, in Latin
//! letters or Arabic script), Pashto (Wray … Kab) and Iranian Persian
//! (Farvardin … Esfand).

use icu_calendar::{Date as IcuDate, Gregorian};
use jiff::civil::Date;

/// The Afghan (Dari) month names in Latin letters, as English-language
/// Afghan media write them.
pub const MONTHS: [&str; 12] = [
    "Hamal", "Sawr", "Jawza", "Saratan", "Asad", "Sunbula", "Mizan", "Aqrab", "Qaws", "Jadi",
    "Dalw", "Hut",
];

/// Every spelling of each month (1 to 12) that is understood: Latin,
/// Tajik Cyrillic, Dari, Pashto and the Iranian names.
const SPELLINGS: [&[&str]; 12] = [
    &[
        "hamal",
        "ҳамал",
        "حمل",
        "wray",
        "وری",
        "farvardin",
        "فروردین",
    ],
    &[
        "sawr",
        "савр",
        "saur",
        "sor",
        "ثور",
        "ghwayay",
        "غویی",
        "ordibehesht",
        "اردیبهشت",
    ],
    &[
        "jawza",
        "ҷавзо",
        "jauza",
        "جوزا",
        "ghbargolay",
        "غبرگولی",
        "khordad",
        "خرداد",
    ],
    &[
        "saratan",
        "саратон",
        "سرطان",
        "changakh",
        "چنگاښ",
        "tir",
        "تیر",
    ],
    &[
        "asad",
        "асад",
        "اسد",
        "zmaray",
        "زمری",
        "mordad",
        "amordad",
        "مرداد",
    ],
    &[
        "sunbula",
        "сунбула",
        "sonbola",
        "سنبله",
        "wagay",
        "وږی",
        "shahrivar",
        "شهریور",
    ],
    &["mizan", "мизон", "میزان", "tala", "تله", "mehr", "مهر"],
    &["aqrab", "ақраб", "عقرب", "laram", "لړم", "aban", "آبان"],
    &[
        "qaws",
        "qaus",
        "қавс",
        "قوس",
        "lindai",
        "لیندۍ",
        "azar",
        "آذر",
    ],
    &["jadi", "ҷадӣ", "جدی", "marghumay", "مرغومی", "dey", "دی"],
    &[
        "dalw",
        "далв",
        "dalv",
        "دلو",
        "salwagha",
        "سلواغه",
        "bahman",
        "بهمن",
    ],
    &["hut", "hoot", "ҳут", "حوت", "kab", "کب", "esfand", "اسفند"],
];

/// A day of the Solar Hijri calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SolarHijri {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl SolarHijri {
    /// The Gregorian day, when this day exists (1404-12-30 does not).
    pub fn to_gregorian(self) -> Option<Date> {
        let persian = IcuDate::try_new_persian(self.year, self.month, self.day).ok()?;
        // A Persian day that does not exist is not rounded into the next
        // month: it must read back the same.
        if persian.month().ordinal != self.month || persian.day_of_month().0 != self.day {
            return None;
        }
        let gregorian = persian.to_calendar(Gregorian);
        Date::new(
            i16::try_from(gregorian.year().extended_year()).ok()?,
            i8::try_from(gregorian.month().ordinal).ok()?,
            i8::try_from(gregorian.day_of_month().0).ok()?,
        )
        .ok()
    }

    /// How many days the month `month` of `year` has: 31 in the first six,
    /// 30 in the next five, 29 or (in a leap year) 30 in Hut.
    pub fn days_in_month(year: i32, month: u8) -> u8 {
        (29..=31)
            .rev()
            .find(|&day| SolarHijri { year, month, day }.to_gregorian().is_some())
            .unwrap_or(29)
    }

    /// The Solar Hijri day of a Gregorian day.
    pub fn from_gregorian(date: Date) -> Option<SolarHijri> {
        let iso = IcuDate::try_new_iso(
            i32::from(date.year()),
            u8::try_from(date.month()).ok()?,
            u8::try_from(date.day()).ok()?,
        )
        .ok()?;
        let persian = iso.to_calendar(icu_calendar::cal::Persian::new());
        Some(SolarHijri {
            year: persian.year().extended_year(),
            month: persian.month().ordinal,
            day: persian.day_of_month().0,
        })
    }

    /// "5 Qaws 1404".
    pub fn describe(self) -> String {
        format!("{} {} {}", self.day, month_name(self.month), self.year)
    }
}

/// A Gregorian interval in Solar Hijri words, with `month` naming the
/// months (1 = Hamal): "5 Qaws 1404", or "29 Aqrab – 5 Qaws 1404" (each
/// year given when they differ).
pub fn interval_words(start: Date, end: Date, month: impl Fn(u8) -> String) -> Option<String> {
    let from = SolarHijri::from_gregorian(start)?;
    let to = SolarHijri::from_gregorian(end)?;
    let day = |d: SolarHijri| format!("{} {}", d.day, month(d.month));
    Some(if from == to {
        format!("{} {}", day(from), from.year)
    } else if from.year == to.year {
        format!("{} – {} {}", day(from), day(to), to.year)
    } else {
        format!("{} {} – {} {}", day(from), from.year, day(to), to.year)
    })
}

/// A month's Afghan name in Latin letters (1 = Hamal).
pub fn month_name(month: u8) -> String {
    MONTHS[usize::from(month.clamp(1, 12) - 1)].to_string()
}

/// Eastern Arabic and Persian digits as ASCII ones.
pub fn western_digits(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
            '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
            c => c,
        })
        .collect()
}

fn month_named(word: &str) -> Option<u8> {
    let word = word
        .trim_matches(|c: char| c == ',' || c == '.')
        .to_lowercase();
    SPELLINGS
        .iter()
        .position(|names| names.contains(&word.as_str()))
        .and_then(|i| u8::try_from(i + 1).ok())
}

/// Reads a Solar Hijri day as typed in the form or found in a report:
/// "1404-09-05 SH", "1404/9/5 SH", "5 Qaws 1404", "۵ قوس ۱۴۰۴",
/// "Qaws 5, 1404". The marker (SH, "ه.ش", "هـ ش") is needed for the
/// numeric form, where the year 1404 already says which calendar it is
/// not; it is optional with a month name.
pub fn parse(text: &str) -> Option<SolarHijri> {
    let text = western_digits(text.trim());
    let lower = text.to_lowercase();
    let (body, marked) = ["sh", "s.h.", "ه.ش", "هـ ش", "ه ش", "hs", "h.s."]
        .iter()
        .find_map(|m| lower.strip_suffix(m).map(|b| (b.trim().to_string(), true)))
        .unwrap_or((lower.clone(), false));
    let words: Vec<&str> = body
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let number = |w: &str| w.parse::<i64>().ok();
    let day = match words.as_slice() {
        [numeric] if marked => {
            let parts: Vec<i64> = numeric
                .split(['-', '/', '.'])
                .map(number)
                .collect::<Option<_>>()?;
            match parts.as_slice() {
                [y, m, d] => (*y, *m, *d),
                _ => return None,
            }
        }
        [d, month, y] if month_named(month).is_some() => {
            (number(y)?, i64::from(month_named(month)?), number(d)?)
        }
        [month, d, y] if month_named(month).is_some() => {
            (number(y)?, i64::from(month_named(month)?), number(d)?)
        }
        _ => return None,
    };
    let (year, month, day) = day;
    let day = SolarHijri {
        year: i32::try_from(year)
            .ok()
            .filter(|y| (1..=9999).contains(y))?,
        month: u8::try_from(month).ok().filter(|m| (1..=12).contains(m))?,
        day: u8::try_from(day).ok().filter(|d| (1..=31).contains(d))?,
    };
    day.to_gregorian().map(|_| day)
}

#[cfg(test)]
mod tests {

    #[test]
    fn months_have_their_lengths_and_hut_is_longer_in_a_leap_year() {
        assert_eq!(SolarHijri::days_in_month(1404, 1), 31);
        assert_eq!(SolarHijri::days_in_month(1404, 9), 30);
        // 1403 is a leap year (Nowruz 1404 fell on 21 March 2025).
        assert_eq!(SolarHijri::days_in_month(1403, 12), 30);
        assert_eq!(SolarHijri::days_in_month(1404, 12), 29);
    }
    use super::*;
    use jiff::civil::date;

    #[test]
    fn nowruz_falls_on_the_march_equinox_of_each_year() {
        for (year, gregorian) in [
            (1399, date(2020, 3, 20)),
            (1400, date(2021, 3, 21)),
            (1401, date(2022, 3, 21)),
            (1402, date(2023, 3, 21)),
            (1403, date(2024, 3, 20)),
            (1404, date(2025, 3, 21)),
        ] {
            let nowruz = SolarHijri {
                year,
                month: 1,
                day: 1,
            };
            assert_eq!(nowruz.to_gregorian(), Some(gregorian), "Nowruz {year}");
            assert_eq!(SolarHijri::from_gregorian(gregorian), Some(nowruz));
        }
    }

    #[test]
    fn five_qaws_1404_is_26_november_2025_however_it_is_written() {
        let expected = SolarHijri {
            year: 1404,
            month: 9,
            day: 5,
        };
        for text in [
            "1404-09-05 SH",
            "1404/9/5 sh",
            "5 Qaws 1404",
            "Qaws 5, 1404",
            "۵ قوس ۱۴۰۴",
            "5 Azar 1404",
            "5 لیندۍ 1404",
            "۱۴۰۴/۰۹/۰۵ ه.ش",
        ] {
            assert_eq!(parse(text), Some(expected), "{text}");
        }
        assert_eq!(expected.to_gregorian(), Some(date(2025, 11, 26)));
        assert_eq!(expected.describe(), "5 Qaws 1404");
        assert_eq!(
            interval_words(date(2025, 11, 20), date(2025, 11, 26), month_name).as_deref(),
            Some("29 Aqrab – 5 Qaws 1404")
        );
    }

    #[test]
    fn what_is_not_a_solar_hijri_day_is_not_read_as_one() {
        for text in [
            "2025-11-26",
            "1404-09-05",
            "1404-13-01 SH",
            "1404-07-31 SH",
            "32 Qaws 1404",
            "5 Qawsx 1404",
            "",
        ] {
            assert_eq!(parse(text), None, "{text}");
        }
    }
}
