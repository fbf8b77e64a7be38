//! The words report text uses for what panj records, in English and
//! Russian: numbers, casualties, nationalities, victims' roles, what
//! happened, who speaks and how sure they are.

use crate::model::{Confidence, CountryCode, EventType, VictimRole};
use regex::Regex;
use std::sync::LazyLock;

fn regex(pattern: &str) -> Regex {
    // The patterns are constants of this file, checked by its tests.
    Regex::new(pattern).unwrap_or_else(|e| panic!("pattern {pattern}: {e}"))
}

/// A number in digits or words, and whether it is a lower bound
/// ("several" is at least 2).
pub fn number(word: &str) -> Option<(u32, bool)> {
    // Persian and Arabic-Indic digits as Western ones.
    let word = crate::model::calendar::western_digits(&word.to_lowercase());
    if let Ok(n) = word.parse::<u32>() {
        return (n < 1000).then_some((n, false));
    }
    let exact = |n| Some((n, false));
    match word.as_str() {
        "one" | "a" | "an" | "another" | "third" | "fourth" | "один" | "одна" | "одного"
        | "одну" | "ещё" | "як" | "یک" | "یکی" => exact(1),
        "two" | "both" | "два" | "две" | "двое" | "двух" | "двоих" | "ду" | "دو" => {
            exact(2)
        }
        "three" | "три" | "трое" | "трёх" | "трех" | "троих" | "се" | "سه" => {
            exact(3)
        }
        "four" | "четыре" | "четверо" | "четырёх" | "четырех" | "чор" | "چهار" => {
            exact(4)
        }
        "five" | "пять" | "пятеро" | "пяти" | "пятерых" | "панҷ" | "پنج" => {
            exact(5)
        }
        "six" | "шесть" | "шестеро" | "шести" | "шаш" | "شش" => exact(6),
        "seven" | "семь" | "семеро" | "семи" | "ҳафт" | "هفت" => exact(7),
        "eight" | "восемь" | "восьмеро" | "восьми" => exact(8),
        "nine" | "девять" | "девятеро" | "девяти" => exact(9),
        "ten" | "десять" | "десятеро" | "десяти" => exact(10),
        "eleven" => exact(11),
        "twelve" | "dozen" => exact(12),
        "fifteen" => exact(15),
        "twenty" | "двадцать" => exact(20),
        "several" | "some" | "несколько" | "нескольких" => Some((2, true)),
        _ => None,
    }
}

/// Words before a number that make it a lower bound.
pub static AT_LEAST: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)(?:at least|no fewer than|more than|over|не менее|по меньшей мере|как минимум|более|свыше)\s*$",
    )
});

/// A word that says people died or were hurt: (killed?, range).
pub static CASUALTY_VERB: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)\b(kill(?:ed|ing|s)?|dead|died|deaths?|lost their lives|lost (?:his|her) life|eliminated|neutrali[sz]ed|wound(?:ed|ing|s)?|injur(?:ed|ing|ies)|hurt|погиб\w*|убит\w*|убив\w*|ранен\w*|ранени\w*|ранил\w*|скончал\w*|уничтож(?:ен|ил)\w*|шахид\w*|шаҳид\w*|martyr(?:ed|s)?|ликвидирован\w*|застрелен\w*|пострадал\w*|кушта|ҳалок|нобуд|қатл|захм\w*)\b|کشته|جان باخت\w*|زخمی|به قتل|شهید",
    )
});

pub fn is_killed_word(word: &str) -> bool {
    let w = word.to_lowercase();
    !(w.starts_with("wound")
        || w.starts_with("injur")
        || w == "hurt"
        || w.starts_with("ранен")
        || w.starts_with("ранил")
        || w.starts_with("пострадал")
        || w.starts_with("захм")
        || w.starts_with("زخمی"))
}

/// "among them the three intruders", "including two children": a part of
/// a total just given.
pub static AMONG: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)\b(?:among them|including|of them|of whom|среди них|в том числе|из них)\s+(?:the\s+|all\s+)?(\w+)",
    )
});

/// Casualties told for several events at once ("in the two attacks").
pub static ACROSS_EVENTS: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)\b(?:in|across)\s+(?:the\s+two|both|these|the)\s+(?:attacks|incidents|assaults)\b|в (?:ходе )?(?:обоих|двух|этих) (?:нападени\w*|атак\w*|инцидент\w*)",
    )
});

/// A nationality named in a few words.
pub fn nationality(words: &str) -> Option<CountryCode> {
    static NATIONALITIES: LazyLock<Vec<(Regex, &str)>> = LazyLock::new(|| {
        [
            (r"(?i)\bchinese\b|citizens? of (?:the )?(?:people's republic of )?china\b|китайск|граждан\w* (?:китая|кнр)|чинӣ|шаҳрванд\w*\s+(?:\S+\s+)?чин\b|چینی", "CN"),
            (
                r"(?i)\btajik(?:istani)?s?\b|таджикск(?:ий|ая|ое|ие|их|ого|ому|ой|им|ими|ую)\b|граждан\w*(?:\s+\S+){0,2}\s+таджикистан\w*|citizens? of tajikistan|шаҳрванд\w*(?:\s+\S+){0,2}\s+тоҷикистон|تاجیک",
                "TJ",
            ),
            (
                r"(?i)\bafghans?\b|\btaliban\b|islamic emirate|\bmujahideen\b|афганск(?:ий|ая|ое|ие|их|ого|ому|ой|им|ими|ую)\b|граждан\w*(?:\s+\S+){0,3}\s+афганистан\w*|citizens? of afghanistan|\bИРА\b|талиб\w*|моджахед\w*|толибон|шаҳрванд\w*(?:\s+\S+){0,3}\s+афғонистон|طالبان|امارت اسلامی|مجاهد|افغان",
                "AF",
            ),
            (r"(?i)\bpakistanis?\b|пакистанск", "PK"),
            (r"(?i)\brussians?\b|российск|граждан\w* россии", "RU"),
            (r"(?i)\buzbeks?\b|узбекск", "UZ"),
            (r"(?i)\bkyrgyz\b|киргизск|кыргызск", "KG"),
        ]
        .into_iter()
        .map(|(p, code)| (regex(p), code))
        .collect()
    });
    // "таджикско-афганская граница", "Afghan-Tajik border": the border's
    // adjective, nobody's nationality.
    static BORDER: LazyLock<Regex> = LazyLock::new(|| {
        regex(
            r"(?i)таджикско-афганск\w*|афгано-таджикск\w*|\b(?:afghan-tajik|tajik-afghan)\b|(?:таджикск|афганск)\w*\s+(?:берег|сторон|территори)\w*|\b(?:afghan|tajik)\s+(?:bank|side|soil|territory)\b|территори\w+\s+(?:\S+\s+){0,2}(?:таджикистана|афганистана)|қаламрави\s+(?:\S+\s+){0,2}(?:тоҷикистон|афғонистон)|(?:خاک|قلمرو)\s+(?:تاجیکستان|افغانستان)",
        )
    });
    let words = BORDER.replace_all(words, " ");
    NATIONALITIES
        .iter()
        .find(|(r, _)| r.is_match(&words))
        .and_then(|(_, code)| CountryCode::parse(code).ok())
}

/// What the victims were, named in a few words.
pub fn role(words: &str) -> Option<VictimRole> {
    role_words(words).map(|(role, _)| role)
}

/// What the victims were, and the words that say so.
pub fn role_words(words: &str) -> Option<(VictimRole, std::ops::Range<usize>)> {
    static ROLES: LazyLock<Vec<(Regex, VictimRole)>> = LazyLock::new(|| {
        [
            (r"(?i)\b(?:militants?|intruders?|attackers?|assailants?|gunmen|insurgents?|fighters?|terrorists?|infiltrators?|smugglers?|traffickers?|robbers?|violators?)\b|боевик|нарушител|террорист|нападавш|контрабандист|наркокурьер|преступник|вайронкунанда|қочоқчӣ|قاچاقبر|خوارج", VictimRole::Militant),
            (r"(?i)\b(?:border guards?|guards?|soldiers?|servicem[ae]n|troops|police\w*|officers?|security forces|(?:border )?posts?|checkpoints?|patrols?)\b|пограничник|военнослужащ|солдат|полицейск|милиционер|силовик|\bпост\w*|застав\w*|патрул\w*|марзбон\w*|сарбоз\w*|хизматчи\w* ҳарб\w*|مرزبان|سرباز|پولیس|نیروهای امنیتی|محافظ", VictimRole::SecurityForces),
            (r"(?i)\b(?:workers?|employees?|miners?|engineers?|staff)\b|рабоч|сотрудник|работник|инженер|горняк|коргар\w*|کارگر", VictimRole::Worker),
            (r"(?i)\b(?:civilians?|residents?|villagers?|children|women|farmers?|shepherds?|worshippers?|students?|passengers?)\b|прихожан|намозгузор|نمازگزار|мирн\w* жител|жител|дет(?:ей|и)|женщин|чабан|сокин\w*|кӯдак\w*|ронанда\w*|ғайринизом\w*|غیرنظامی|غیر نظامی|کشاورز|کودک|باشنده|چوپان", VictimRole::Civilian),
        ]
        .into_iter()
        .map(|(p, role)| (regex(p), role))
        .collect()
    });
    ROLES
        .iter()
        .find_map(|(r, role)| r.find(words).map(|m| (*role, m.range())))
}

/// A word that tells what happened, and whether it can start an event on
/// its own (a crossing or a seizure is usually part of a bigger story).
pub struct Trigger {
    pub event_type: EventType,
    pub strong: bool,
}

/// The kinds of event in the order a mixed story is typed: a drone attack
/// that led to a firefight is a drone attack.
pub static TRIGGERS: LazyLock<Vec<(Regex, Trigger)>> = LazyLock::new(|| {
    let strong = |event_type| Trigger {
        event_type,
        strong: true,
    };
    let weak = |event_type| Trigger {
        event_type,
        strong: false,
    };
    [
        (r"(?i)\b(?:drones?|air ?strikes?|unmanned aerial)\b|беспилотник\w*|\bдрон\w*|авиаудар\w*|бомбардир\w*|бесарнишин|پهپاد|بدون سرنشین", strong(EventType::DroneAirStrike)),
        (r"(?i)\b(?:shell(?:ing|ed|s)?|mortars?|rocket fire)\b|обстрел\w*|минометн\w*", strong(EventType::Shelling)),
        (r"(?i)\b(?:explosions?|explod(?:ed|es)|explosive devices?|IEDs?|bomb(?:ing)?s?|blast)\b|взрыв\w*|СВУ|инфиҷор\w*|таркиш\w*|انفجار|ماین", strong(EventType::IedExplosion)),
        (r"(?i)\b(?:abduct\w*|kidnap\w*|taken hostage)\b|похити\w*|похищ\w*|заложник\w*", strong(EventType::Abduction)),
        (r"(?i)\b(?:firefights?|gunfights?|clash(?:ed|es)?|fought|fighting|exchanged? (?:of )?fire|shoot-?outs?|opened fire|fired (?:on|at|upon|shots)|came under fire|gunfire|fired)\b|перестрелк\w*|столкновени\w*|\bбо[йюя]\b|открыли огонь|обстрелял\w*|боестолкновени\w*|вооруж[её]нное сопротивление|задухӯрд\w*|тирпаррон\w*|тирборон\w*|тир холӣ|муқовимат\w*|درگیری|تیراندازی|آتش گشود\w*|شلیک", strong(EventType::ArmedClash)),
        (r"(?i)\b(?:attack(?:ed|s|ing)?|assault(?:ed|s)?|ambush(?:ed)?|raid(?:ed)?)\b|нападени\w*|напал\w*|атак\w*|ҳамла\w*|камин|حمله|کمین|هدف قرار", strong(EventType::AttackOnCivilians)),
        (r"(?i)\b(?:crossed|crossing|infiltrat\w*|incursions?|intruders?)\b|пересек\w*|пересеч\w*|переправ\w*|проник\w*|нарушител\w*|ворид шуд\w*|убур\w*|عبور", weak(EventType::CrossBorderIncursion)),
        (r"(?i)\b(?:arrest\w*|detain\w*|seiz\w*|confiscat\w*)\b|задерж\w*|изъя\w*|арестова\w*|боздошт\w*|дастгир\w*|بازداشت|دستگیر", weak(EventType::ArrestSeizure)),
    ]
    .into_iter()
    .map(|(p, t)| (regex(p), t))
    .collect()
});

/// "No group claimed responsibility": a sentence that claims nothing.
pub static NO_CLAIM: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)\bno (?:group|one|organi[sz]ation)\b[^.]*\bclaim|никто не взял|ни одна (?:группировка|организация) не взяла",
    )
});

/// A claim of responsibility by the actor named before it.
pub static SELF_CLAIM: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)\bclaim(?:ed|s)? responsibility\b|взял\w* на себя ответственность|ответственность\s+(?:за\s+\S+\s+)?взял\w* на себя",
    )
});

/// Words that put an actor forward, and the stance they take.
pub static ACCUSES: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)\b(?:blam\w*|accus\w*|attribut\w*|held responsible)\b|обвин\w*|возлож\w* ответственность",
    )
});
pub static ASSESSES: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)\b(?:suggest\w*|believ\w*|think|thought|suspect\w*|assess\w*|say|said)\b|полага\w*|считают|подозрева\w*|предполага\w*|по мнению",
    )
});

/// How sure the words are.
pub fn confidence(words: &str, default: Confidence) -> Confidence {
    static CONFIRMED: LazyLock<Regex> =
        LazyLock::new(|| regex(r"(?i)\bconfirm\w*|подтверд\w*|установлено"));
    static LIKELY: LazyLock<Regex> = LazyLock::new(|| {
        regex(r"(?i)\b(?:likely|probably|almost certainly)\b|вероятно|скорее всего")
    });
    static POSSIBLE: LazyLock<Regex> = LazyLock::new(|| {
        regex(
            r"(?i)\b(?:may|might|could|possibly|suggest\w*|believ\w*|suspect\w*|thought)\b|возможно|могл\w*|может|предполож\w*|подозрева\w*",
        )
    });
    if CONFIRMED.is_match(words) {
        Confidence::Confirmed
    } else if LIKELY.is_match(words) {
        Confidence::Likely
    } else if POSSIBLE.is_match(words) {
        Confidence::Possible
    } else {
        default
    }
}

/// Who speaks in a few words: (claimant, the body's name).
pub fn claimant(words: &str) -> Option<(crate::model::Claimant, &'static str)> {
    use crate::model::Claimant;
    static SPEAKERS: LazyLock<Vec<(Regex, Claimant, &'static str)>> = LazyLock::new(|| {
        [
            (r"(?i)\banalysts?\b|\bexperts?\b|\bobservers\b|аналитик|эксперт", Claimant::Analysts, "Analysts cited in the text"),
            (r"(?i)\bGKNB\b|ГКНБ|State Committee for National Security", Claimant::GovernmentTj, "GKNB"),
            (r"(?i)\bTajik (?:authorities|officials|government|ministry|border (?:troops|service))\b|\bDushanbe\b|власти Таджикистана|таджикские власти|МВД Таджикистана|Пограничные войска", Claimant::GovernmentTj, "Tajik authorities"),
            (r"(?i)\bTaliban\b|Islamic Emirate|Mujahid|талиб|власти Афганистана|Исламск\w+ Эмират", Claimant::GovernmentAf, "Taliban"),
        ]
        .into_iter()
        .map(|(p, c, name)| (regex(p), c, name))
        .collect()
    });
    SPEAKERS
        .iter()
        .find(|(r, _, _)| r.is_match(words))
        .map(|(_, c, name)| (*c, *name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_words_and_digits() {
        assert_eq!(number("five"), Some((5, false)));
        assert_eq!(number("Пятеро"), Some((5, false)));
        assert_eq!(number("трое"), Some((3, false)));
        assert_eq!(number("двое"), Some((2, false)));
        assert_eq!(number("several"), Some((2, true)));
        assert_eq!(number("14"), Some((14, false)));
        assert_eq!(number("2025"), None, "a year is not a toll");
    }

    #[test]
    fn nationalities_and_roles() {
        assert_eq!(
            nationality("two Tajik border guards").map(|c| c.as_str().to_string()),
            Some("TJ".into())
        );
        assert_eq!(
            nationality("китайских рабочих").map(|c| c.as_str().to_string()),
            Some("CN".into())
        );
        assert_eq!(
            role("two Tajik border guards"),
            Some(VictimRole::SecurityForces)
        );
        assert_eq!(role("китайских рабочих"), Some(VictimRole::Worker));
        assert_eq!(role("the three intruders"), Some(VictimRole::Militant));
        assert_eq!(role("people"), None);
    }

    #[test]
    fn every_pattern_compiles() {
        for (r, _) in TRIGGERS.iter() {
            assert!(!r.as_str().is_empty());
        }
        for r in [
            &*AT_LEAST,
            &*CASUALTY_VERB,
            &*AMONG,
            &*ACROSS_EVENTS,
            &*NO_CLAIM,
            &*SELF_CLAIM,
            &*ACCUSES,
            &*ASSESSES,
        ] {
            assert!(!r.is_match(""));
        }
        assert_eq!(
            confidence("analysts suggest", Confidence::Unknown),
            Confidence::Possible
        );
        assert!(claimant("the Taliban blamed").is_some());
    }
}
