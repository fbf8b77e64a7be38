use super::html::{self, Pictures};
use super::*;
use crate::exchange::seed;
use crate::model::CountryCode;
use crate::store::Store;

/// The report of the seed's incidents with Chinese victims.
fn seed_cn_report() -> Report {
    let mut filter = Filter::default();
    filter.nationalities.insert(Some(CountryCode::CN));
    seed_report(&filter, "Victims: CN")
}

fn seed_report(filter: &Filter, words: &str) -> Report {
    let mut store = Store::open_in_memory().unwrap();
    seed::seed(&mut store).unwrap();
    let filter = filter.clone();
    let incidents = store.query(&filter).unwrap();
    let actors = store.actor_directory().unwrap();
    let sources = store
        .sources()
        .unwrap()
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let refs: Vec<&Incident> = incidents.iter().collect();
    Report::build(
        &refs,
        &actors,
        &sources,
        &filter,
        words,
        ReportOptions::default(),
    )
}

#[test]
fn the_seed_cn_report_says_at_least_two_killed_by_possible_iskp() {
    let r = seed_cn_report();
    assert_eq!(r.incidents.len(), 2);
    assert_eq!(r.killed.to_string(), "at least 2");
    let china = r
        .by_nationality
        .iter()
        .find(|n| n.nationality == "China")
        .unwrap();
    assert_eq!(
        (china.incidents, china.killed.to_string().as_str()),
        (2, "at least 2")
    );
    assert_eq!(r.by_perpetrator.len(), 1);
    let iskp = &r.by_perpetrator[0];
    assert_eq!(
        (
            iskp.actor.as_str(),
            iskp.confidence.as_str(),
            iskp.incidents
        ),
        ("ISKP", "possible", 2)
    );
    // Both cite the reconstructed report (grade F); the GKNB communiqué is
    // cited only by the intruders' incident, which has no Chinese victims.
    assert_eq!(r.sources.len(), 1, "{:?}", r.sources);
    assert_eq!((r.sources[0].grade, r.sources[0].cited_by), (Grade::F, 2));
    let all = seed_report(&Filter::default(), "");
    assert_eq!(all.filter_words, "none");
    assert_eq!(all.sources.len(), 2, "every seed source, once");
    assert!(all.sources.iter().all(|s| s.grade == Grade::F));
    assert_eq!(r.period, "2025-11-26 – 2025-12-03");
    let dates: Vec<&str> = r.incidents.iter().map(|i| i.date.as_str()).collect();
    assert!(
        dates.contains(&"2025-11-27 – 2025-12-03 (week)"),
        "{dates:?}"
    );
    assert!(
        r.caveats[0].starts_with("Dates: 1 of 2 incidents are known only to a week or a month"),
        "{:?}",
        r.caveats
    );
    assert_eq!(r.manifest.incidents, 2);
    assert_eq!(r.manifest.data_sha256.len(), 64);
}

#[test]
fn the_html_is_whole_escaped_and_fetches_nothing() {
    let mut r = seed_cn_report();
    r.options.title = "Attacks on <Chinese> nationals & workers".into();
    let page = html::write(
        &r,
        &Pictures {
            map: Some(vec![0x89, b'P', b'N', b'G']),
            inset: None,
            inset_outlined: false,
        },
    );
    assert!(page.contains("<title>Attacks on &lt;Chinese&gt; nationals &amp; workers</title>"));
    assert!(page.contains("at least 2"));
    assert!(page.contains("F — reliability cannot be judged"));
    assert!(page.contains("src=\"data:image/png;base64,iVBORw==\""));
    assert!(page.contains("For internal use"));
    for external in [
        "src=\"http",
        "href=\"http",
        "url(http",
        "src=\"//",
        "<script",
        "<link",
    ] {
        assert!(!page.contains(external), "the page fetches {external}");
    }
    assert!(page.ends_with("</html>\n"));
}

#[test]
fn tolls_read_at_least_only_when_a_figure_is_a_minimum() {
    let mut t = Toll::default();
    t.add(3, Figure::Exact);
    assert_eq!(t.to_string(), "3");
    t.add(0, Figure::Minimum);
    assert_eq!(t.to_string(), "3", "a minimum of nobody adds no doubt");
    t.add(2, Figure::Minimum);
    assert_eq!(t.to_string(), "at least 5");
}

/// The inset's caption says "outlined" only over an inset that outlines
/// the main map's area (issue 43, item 14).
#[test]
fn the_inset_is_said_to_outline_only_what_it_outlines() {
    let r = seed_cn_report();
    for outlined in [false, true] {
        let page = html::write(
            &r,
            &Pictures {
                map: Some(vec![0x89, b'P', b'N', b'G']),
                inset: Some(vec![0x89, b'P', b'N', b'G']),
                inset_outlined: outlined,
            },
        );
        assert_eq!(page.contains("outlined"), outlined, "{outlined}");
    }
}
