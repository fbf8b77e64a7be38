//! The extractor on the seed report and on short reports written for the
//! purpose: English and Russian, both banks of the river, relative and
//! absolute dates; every field checked.

use super::*;
use jiff::civil::date;

/// The seed's actors (ISKP, the Taliban, "Unidentified armed groups"…).
fn actors() -> Vec<Actor> {
    let seed: serde_json::Value =
        serde_json::from_str(include_str!("../../data/seed.json")).unwrap();
    serde_json::from_value(seed["actors"].clone()).unwrap()
}

fn read(text: &str, published: Date) -> Vec<Draft> {
    let actors = actors();
    let known = Known {
        actors: &actors,
        gazetteer: Gazetteer::shipped(),
        source: None,
    };
    extract(text, published, &known)
}

fn actor_named(name: &str) -> Uuid {
    actors()
        .into_iter()
        .find(|a| a.name == name)
        .map(|a| a.id)
        .unwrap_or_else(|| panic!("no seed actor {name}"))
}

fn killed(draft: &Draft) -> Vec<(Option<&str>, VictimRole, u32, Figure)> {
    draft
        .incident
        .casualties
        .iter()
        .filter(|c| c.killed > 0)
        .map(|c| {
            (
                c.nationality.as_ref().map(|n| n.as_str()),
                c.role,
                c.killed,
                c.figure,
            )
        })
        .collect()
}

#[test]
fn the_seed_report_gives_its_three_events() {
    let text = include_str!("../../data/seed-report.txt");
    let drafts = read(text, date(2025, 12, 5));
    assert_eq!(
        drafts.len(),
        3,
        "{:#?}",
        drafts.iter().map(|d| &d.incident.title).collect::<Vec<_>>()
    );

    let firefight = &drafts[0].incident;
    assert_eq!(firefight.event_type, EventType::ArmedClash);
    assert_eq!(firefight.killed(), 5);
    assert_eq!(
        killed(&drafts[0]),
        vec![
            (None, VictimRole::Militant, 3, Figure::Exact),
            (None, VictimRole::Unknown, 2, Figure::Exact)
        ]
    );
    assert_eq!(firefight.location.side, Side::Tj);
    assert_eq!(firefight.location.precision, LocationPrecision::Country);
    // "On the Wednesday": the last Wednesday on or before publication.
    assert_eq!(firefight.date, IncidentDate::day(date(2025, 12, 3)));
    assert!(firefight.tags.contains(&"cross-border".to_string()));

    let drone = &drafts[1].incident;
    assert_eq!(drone.event_type, EventType::DroneAirStrike);
    assert_eq!(drone.date, IncidentDate::day(date(2025, 11, 26)));
    assert_eq!(drone.location.side, Side::Tj);
    assert_eq!(
        killed(&drafts[1]),
        vec![(Some("CN"), VictimRole::Unknown, 1, Figure::Minimum)]
    );

    let assaults = &drafts[2].incident;
    assert_eq!(assaults.event_type, EventType::AttackOnCivilians);
    assert_eq!(
        (assaults.date.start, assaults.date.end),
        (date(2025, 11, 27), date(2025, 12, 3))
    );
    assert_eq!(assaults.date.precision, DatePrecision::Week);
    assert_eq!(
        killed(&drafts[2]),
        vec![(Some("CN"), VictimRole::Worker, 1, Figure::Minimum)]
    );
    assert_eq!(assaults.location.side, Side::Tj);

    let iskp = actor_named("ISKP");
    let unidentified = actor_named("Unidentified armed groups");
    for draft in &drafts[1..] {
        let claims = &draft.incident.claims;
        assert_eq!(claims.len(), 2, "{claims:#?}");
        assert!(claims.iter().any(|c| c.actor_id == iskp
            && c.claimant == Claimant::Analysts
            && c.stance == Stance::Assesses
            && c.confidence == Confidence::Possible));
        assert!(claims.iter().any(|c| c.actor_id == unidentified
            && c.claimant == Claimant::GovernmentAf
            && c.claimant_name == "Taliban"
            && c.stance == Stance::Accuses));
        assert!(draft.incident.validate().is_empty());
    }
    assert!(
        drafts[0].incident.claims.is_empty(),
        "no one named blamed the firefight"
    );

    // Every field shows the words it came from.
    let fields: Vec<&str> = drafts[1].evidence.iter().map(|e| e.field).collect();
    for field in ["event_type", "date", "location", "casualties", "claims"] {
        assert!(fields.contains(&field), "{field} missing from {fields:?}");
    }
    for e in drafts.iter().flat_map(|d| &d.evidence) {
        assert_eq!(&text[e.span.clone()], e.words);
    }
}

/// One event of a report, every field checked against what it should be.
struct Expected {
    event_type: EventType,
    date: (Date, Date, DatePrecision),
    place: &'static str,
    precision: LocationPrecision,
    side: Side,
    killed: Vec<(Option<&'static str>, VictimRole, u32, Figure)>,
    wounded: u32,
    claims: Vec<(&'static str, Claimant, Stance, Confidence)>,
}

fn check(report: &str, published: Date, expected: &[Expected]) {
    let drafts = read(report, published);
    assert_eq!(
        drafts.len(),
        expected.len(),
        "{report}\n{:#?}",
        drafts.iter().map(|d| &d.incident.title).collect::<Vec<_>>()
    );
    for (draft, want) in drafts.iter().zip(expected) {
        let i = &draft.incident;
        let context = format!("{report}\n{i:#?}\n{:#?}", draft.evidence);
        assert_eq!(i.event_type, want.event_type, "{context}");
        assert_eq!(
            (i.date.start, i.date.end, i.date.precision),
            want.date,
            "{context}"
        );
        assert_eq!(i.location.place_name, want.place, "{context}");
        assert_eq!(i.location.precision, want.precision, "{context}");
        assert_eq!(i.location.side, want.side, "{context}");
        assert_eq!(killed(draft), want.killed, "{context}");
        assert_eq!(i.wounded(), u64::from(want.wounded), "{context}");
        let claims: Vec<_> = i
            .claims
            .iter()
            .map(|c| {
                let actor = actors()
                    .into_iter()
                    .find(|a| a.id == c.actor_id)
                    .map(|a| a.name);
                (
                    actor.unwrap_or_default(),
                    c.claimant,
                    c.stance,
                    c.confidence,
                )
            })
            .collect();
        let want_claims: Vec<_> = want
            .claims
            .iter()
            .map(|(a, c, s, k)| (a.to_string(), *c, *s, *k))
            .collect();
        assert_eq!(claims, want_claims, "{context}");
        assert!(i.validate().is_empty(), "{context}");
    }
}

fn day(d: Date) -> (Date, Date, DatePrecision) {
    (d, d, DatePrecision::Day)
}

#[test]
fn an_attack_on_the_afghan_bank_with_a_date_line() {
    check(
        "KABUL, 14 March 2025 — Taliban officials said two border guards were killed and three wounded when gunmen attacked a checkpoint near Rustaq in Takhar province on 12 March. The Taliban blamed Jamaat Ansarullah.",
        date_line("KABUL, 14 March 2025", date(2026, 1, 1))
            .unwrap()
            .0,
        &[Expected {
            event_type: EventType::ArmedClash,
            date: day(date(2025, 3, 12)),
            place: "Rustāq",
            precision: LocationPrecision::Near,
            side: Side::Af,
            killed: vec![(Some("AF"), VictimRole::SecurityForces, 2, Figure::Exact)],
            wounded: 3,
            claims: vec![(
                "Jamaat Ansarullah",
                Claimant::GovernmentAf,
                Stance::Accuses,
                Confidence::Unknown,
            )],
        }],
    );
}

#[test]
fn a_russian_communique_of_a_firefight_near_khorog_on_thursday() {
    check(
        "ГКНБ Таджикистана сообщил, что в четверг близ Хорога произошла перестрелка с нарушителями границы. Погибли двое пограничников, ещё трое ранены.",
        date(2025, 12, 5),
        &[Expected {
            event_type: EventType::ArmedClash,
            date: day(date(2025, 12, 4)),
            place: "Khorugh",
            precision: LocationPrecision::Near,
            side: Side::Tj,
            killed: vec![(Some("TJ"), VictimRole::SecurityForces, 2, Figure::Exact)],
            wounded: 3,
            claims: vec![],
        }],
    );
}

#[test]
fn two_days_later_is_counted_from_the_event_before() {
    check(
        "Chinese workers were attacked at a gold mine in Vanj district on 3 August. Two Chinese engineers were killed. Two days later, a drone struck a road-building camp near Qalaikhumb, wounding four workers.",
        date(2025, 8, 20),
        &[
            Expected {
                event_type: EventType::AttackOnCivilians,
                date: day(date(2025, 8, 3)),
                place: "Vanj",
                precision: LocationPrecision::District,
                side: Side::Tj,
                killed: vec![(Some("CN"), VictimRole::Worker, 2, Figure::Exact)],
                wounded: 0,
                claims: vec![],
            },
            Expected {
                event_type: EventType::DroneAirStrike,
                date: day(date(2025, 8, 5)),
                place: "Qalaikhumb",
                precision: LocationPrecision::Near,
                side: Side::Tj,
                killed: vec![],
                wounded: 4,
                claims: vec![],
            },
        ],
    );
}

#[test]
fn a_russian_date_and_a_province_of_the_afghan_bank() {
    check(
        "20 апреля в провинции Тахар боевики напали на пост талибов. Погибли пятеро боевиков.",
        date(2025, 4, 22),
        &[Expected {
            event_type: EventType::ArmedClash,
            date: day(date(2025, 4, 20)),
            place: "Takhar",
            precision: LocationPrecision::Province,
            side: Side::Af,
            killed: vec![(None, VictimRole::Militant, 5, Figure::Exact)],
            wounded: 0,
            claims: vec![],
        }],
    );
}

#[test]
fn a_claim_of_responsibility_and_an_at_least_toll() {
    check(
        "ISKP claimed responsibility for a bombing in Kunduz on Friday that killed at least 12 civilians.",
        date(2025, 10, 13),
        &[Expected {
            event_type: EventType::IedExplosion,
            date: day(date(2025, 10, 10)),
            place: "Kunduz",
            precision: LocationPrecision::Near,
            side: Side::Af,
            killed: vec![(Some("AF"), VictimRole::Civilian, 12, Figure::Minimum)],
            wounded: 0,
            claims: vec![(
                "ISKP",
                Claimant::SelfClaim,
                Stance::ClaimsResponsibility,
                Confidence::Likely,
            )],
        }],
    );
}

#[test]
fn a_name_on_both_banks_is_placed_by_the_country_the_text_names() {
    check(
        "Gunmen ambushed a Taliban patrol near Fayzabad in Afghanistan's Badakhshan province on 2 May, killing three Taliban fighters.",
        date(2025, 5, 6),
        &[Expected {
            event_type: EventType::ArmedClash,
            date: day(date(2025, 5, 2)),
            place: "Fayzabad",
            precision: LocationPrecision::Near,
            side: Side::Af,
            killed: vec![(Some("AF"), VictimRole::Militant, 3, Figure::Exact)],
            wounded: 0,
            claims: vec![],
        }],
    );
}

#[test]
fn a_name_on_both_banks_is_placed_by_the_government_that_speaks() {
    check(
        "The GKNB said a grenade exploded in a market in Fayzabad on Saturday, wounding two residents.",
        date(2025, 5, 6),
        &[Expected {
            event_type: EventType::IedExplosion,
            date: day(date(2025, 5, 3)),
            place: "Fayzobod",
            precision: LocationPrecision::Near,
            side: Side::Tj,
            killed: vec![],
            wounded: 2,
            claims: vec![],
        }],
    );
}

#[test]
fn this_month_in_a_russian_report_on_chinese_workers() {
    check(
        "В этом месяце в Хатлонской области неизвестные атаковали автомобиль китайской компании. Трое китайских рабочих получили ранения.",
        date(2025, 11, 20),
        &[Expected {
            event_type: EventType::AttackOnCivilians,
            date: (date(2025, 11, 1), date(2025, 11, 20), DatePrecision::Month),
            place: "Khatlon",
            precision: LocationPrecision::Province,
            side: Side::Tj,
            killed: vec![],
            wounded: 3,
            claims: vec![],
        }],
    );
}

#[test]
fn last_week_across_the_river_with_one_tajik_guard_killed() {
    check(
        "Last week, Taliban forces and Tajik border guards exchanged fire across the Panj river near Shurobod. One Tajik border guard was killed.",
        date(2025, 9, 10),
        &[Expected {
            event_type: EventType::ArmedClash,
            date: (date(2025, 9, 1), date(2025, 9, 7), DatePrecision::Week),
            place: "Shŭrobod",
            precision: LocationPrecision::Near,
            side: Side::Border,
            killed: vec![(Some("TJ"), VictimRole::SecurityForces, 1, Figure::Exact)],
            wounded: 0,
            claims: vec![],
        }],
    );
}

#[test]
fn a_month_and_a_year_give_a_month() {
    check(
        "In March 2024, militants abducted two Afghan traders in Ishkashim.",
        date(2024, 4, 2),
        &[Expected {
            event_type: EventType::Abduction,
            date: (date(2024, 3, 1), date(2024, 3, 31), DatePrecision::Month),
            place: "Ishqoshim",
            precision: LocationPrecision::Near,
            side: Side::Tj,
            killed: vec![],
            wounded: 0,
            claims: vec![],
        }],
    );
}

#[test]
fn no_date_and_no_place_are_said_not_invented() {
    let drafts = read(
        "Border guards detained three men carrying weapons.",
        date(2025, 6, 1),
    );
    assert_eq!(drafts.len(), 1);
    let i = &drafts[0].incident;
    assert_eq!(i.event_type, EventType::ArrestSeizure);
    assert_eq!(i.date.precision, DatePrecision::Year);
    assert_eq!(i.date.end, date(2025, 6, 1));
    assert_eq!(i.location.precision, LocationPrecision::Country);
    assert_eq!(i.location.side, Side::Unknown);
    assert!(i.casualties.is_empty(), "detained is not a toll");
    assert!(i.notes.contains("the text gives none"));
}

#[test]
fn yesterday_in_kulob_in_russian() {
    check(
        "Вчера в Кулябе в результате взрыва погибли два человека.",
        date(2025, 6, 15),
        &[Expected {
            event_type: EventType::IedExplosion,
            date: day(date(2025, 6, 14)),
            place: "Kŭlob",
            precision: LocationPrecision::Near,
            side: Side::Tj,
            killed: vec![(None, VictimRole::Unknown, 2, Figure::Exact)],
            wounded: 0,
            claims: vec![],
        }],
    );
}

#[test]
fn two_dated_events_share_the_analysts_view_of_both() {
    let ansarullah = || {
        (
            "Jamaat Ansarullah",
            Claimant::Analysts,
            Stance::Assesses,
            Confidence::Likely,
        )
    };
    check(
        "On 1 June a drone attack hit a border post in Khovaling. On 9 June, gunmen shelled a village near Vanj, killing a shepherd. Analysts believe Jamaat Ansarullah is likely behind both attacks.",
        date(2025, 6, 20),
        &[
            Expected {
                event_type: EventType::DroneAirStrike,
                date: day(date(2025, 6, 1)),
                place: "Khovaling",
                precision: LocationPrecision::Near,
                side: Side::Tj,
                killed: vec![],
                wounded: 0,
                claims: vec![ansarullah()],
            },
            Expected {
                event_type: EventType::Shelling,
                date: day(date(2025, 6, 9)),
                place: "Vanj",
                precision: LocationPrecision::Near,
                side: Side::Tj,
                killed: vec![(Some("TJ"), VictimRole::Civilian, 1, Figure::Exact)],
                wounded: 0,
                claims: vec![ansarullah()],
            },
        ],
    );
}

#[test]
fn sentences_run_together_without_their_space_are_still_sentences() {
    // Text pasted from a web page often loses the line breaks.
    let text = include_str!("../../data/seed-report.txt").replace('\n', "");
    let drafts = read(&text, date(2025, 12, 5));
    let titles: Vec<&str> = drafts.iter().map(|d| d.incident.title.as_str()).collect();
    assert_eq!(titles.len(), 3, "{titles:?}");
    assert_eq!(
        drafts[1].incident.date,
        IncidentDate::day(date(2025, 11, 26))
    );
    let taliban = actor_named("Taliban");
    for draft in &drafts {
        assert!(
            draft.incident.claims.iter().all(|c| c.actor_id != taliban),
            "the Taliban speak; they are not blamed: {:#?}",
            draft.incident.claims
        );
    }
}

/// The annotated corpus (`tests/fixtures/extract/`, 123 reports in four
/// languages, 40 of them written apart and scored before any rule saw
/// them) scores at least 90 % in every field of every language, and never
/// less than it does today where that is more.
#[test]
fn the_annotated_corpus_scores_at_least_90_percent_in_every_field_and_language() {
    const FLOORS: [(&str, [u32; 6]); 4] = [
        // date, place, side, killed, wounded, nationality (%)
        ("en", [100, 90, 95, 90, 90, 90]),
        ("ru", [100, 95, 100, 90, 95, 90]),
        ("tg", [100, 90, 100, 90, 100, 90]),
        ("fa", [90, 90, 100, 90, 90, 90]),
    ];
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/extract");
    let known = Known {
        actors: &actors(),
        gazetteer: crate::geo::gazetteer::Gazetteer::shipped(),
        source: None,
    };
    let evaluation = crate::extract::evaluate::score_folder(&dir, &known).unwrap();
    assert!(evaluation.reports >= 120, "{} reports", evaluation.reports);
    let mut below = Vec::new();
    for (language, floors) in FLOORS {
        for (field, floor) in crate::extract::evaluate::FIELDS.iter().zip(floors) {
            let (right, scored) = evaluation
                .scores
                .get(&(language.to_string(), field.to_string()))
                .copied()
                .unwrap_or_default();
            let share = 100 * right as u32 / scored.max(1) as u32;
            if share < floor {
                below.push(format!("{language} {field}: {share} % < {floor} %"));
            }
        }
    }
    assert!(
        below.is_empty(),
        "{}\n{}",
        below.join("\n"),
        evaluation.table()
    );
}
