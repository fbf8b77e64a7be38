//! The analyst workspace driven through the real UI (egui_kittest): the
//! filter panel's checklists, the timeline brush, facet counts, views and
//! statistics, each checked against what the store returns for the same
//! filter.

mod common;

use common::{seeded_app, window};

use egui::{Key, Modifiers, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use jiff::civil::date;
use panj::app::{PanjApp, View};
use panj::exchange::synthetic;
use panj::filter::{ActorDirectory, Filter, Perpetrator};
use panj::model::{CountryCode, EventType, Side, VictimRole};
use panj::store::Store;
use std::collections::BTreeSet;
use uuid::Uuid;

fn shown(harness: &Harness<'_, PanjApp>, count: &str) -> bool {
    harness.query_all_by_label(count).count() >= 1
}

/// The ids the window shows, and the ids the store returns for the
/// window's filter.
fn window_and_store(harness: &Harness<'_, PanjApp>) -> (BTreeSet<Uuid>, BTreeSet<Uuid>) {
    let workspace = harness.state().workspace().unwrap();
    let window = workspace.kept_rows().map(|i| i.id()).collect();
    let store = workspace
        .store()
        .query_ids(&workspace.filter)
        .unwrap()
        .into_iter()
        .collect();
    (window, store)
}

fn titles(harness: &Harness<'_, PanjApp>) -> BTreeSet<String> {
    let workspace = harness.state().workspace().unwrap();
    workspace
        .kept_rows()
        .map(|i| i.title().to_string())
        .collect()
}

const CLASH: &str = "Armed intruders from Afghanistan killed in firefight with Tajik border guards";
const DRONE: &str = "Explosive drone attack on a Chinese mining operation";
const ASSAULTS: &str = "Armed assaults on Chinese workers";

#[test]
fn choosing_nationality_cn_lists_exactly_the_attacks_on_chinese_nationals() {
    let mut harness = window(seeded_app(), 800.0);
    harness.run();
    harness.get_by_label("CN China (2)").click();
    harness.run();

    let workspace = harness.state().workspace().unwrap();
    assert_eq!(
        workspace.filter.nationalities,
        [Some(CountryCode::CN)].into()
    );
    assert!(shown(&harness, "2 of 3 incidents"));
    assert_eq!(
        titles(&harness),
        [DRONE.to_string(), ASSAULTS.to_string()].into()
    );
    let (window, store) = window_and_store(&harness);
    assert_eq!(window, store);
    // The table's rows are those two, and the clash is gone from it.
    harness.get_by_label(DRONE);
    harness.get_by_label(ASSAULTS);
    assert!(harness.query_by_label(CLASH).is_none());
    // The chip drops the rule again.
    harness.get_by_label("Victims: CN  ×").click();
    harness.run();
    assert!(shown(&harness, "3 of 3 incidents"));
}

#[test]
fn iskp_at_likely_confidence_or_above_matches_nothing() {
    let mut harness = window(seeded_app(), 800.0);
    harness.run();
    harness.get_by_label("ISKP (2)").click();
    harness.run();
    assert!(shown(&harness, "2 of 3 incidents"));
    harness.get_by_label("minimum confidence").click();
    harness.run();
    harness.get_by_label("Likely").click();
    harness.run();

    let workspace = harness.state().workspace().unwrap();
    assert_eq!(
        workspace.filter.min_confidence,
        panj::model::Confidence::Likely
    );
    assert!(workspace.incidents.is_empty());
    assert_eq!(workspace.store().count(&workspace.filter).unwrap(), 0);
    assert!(shown(&harness, "0 of 3 incidents"));
    harness.get_by_label("No incident passes the filter");
    // At that threshold ISKP names none of them, so its count is 0 too.
    harness.get_by_label("ISKP (0)");
}

/// Presses at `from`, moves in steps and releases at `to`.
fn drag(harness: &mut Harness<'_, PanjApp>, from: Pos2, to: Pos2) {
    harness.hover_at(from);
    harness.event(egui::Event::PointerButton {
        pos: from,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    harness.run();
    for step in 1..=6 {
        harness.event(egui::Event::PointerMoved(
            from + (to - from) * (step as f32 / 6.0),
        ));
        harness.run();
    }
    harness.event(egui::Event::PointerButton {
        pos: to,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    harness.run();
}

/// The middle of a day on the timeline.
fn midday(harness: &Harness<'_, PanjApp>, day: jiff::civil::Date) -> Pos2 {
    let timeline = harness.state().timeline();
    let start = timeline.screen_position(day).unwrap();
    let next = timeline.screen_position(day.tomorrow().unwrap()).unwrap();
    Pos2::new((start.x + next.x) / 2.0, start.y)
}

#[test]
fn brushing_the_timeline_sets_the_dates_and_the_counts_match_the_store() {
    let mut harness = window(seeded_app(), 800.0);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num3);
    harness.run();
    assert_eq!(harness.state().view(), View::Timeline);

    // 5–20 December: only the clash, known to "some day in Nov–Dec", overlaps.
    let (a, b) = (
        midday(&harness, date(2025, 12, 5)),
        midday(&harness, date(2025, 12, 20)),
    );
    drag(&mut harness, a, b);
    let workspace = harness.state().workspace().unwrap();
    assert_eq!(workspace.filter.date_from, Some(date(2025, 12, 5)));
    assert_eq!(workspace.filter.date_to, Some(date(2025, 12, 20)));
    let in_store = workspace.store().count(&workspace.filter).unwrap();
    assert_eq!(in_store, 1);
    assert!(shown(&harness, &format!("{in_store} of 3 incidents")));
    assert_eq!(titles(&harness), [CLASH.to_string()].into());
    let (window, store) = window_and_store(&harness);
    assert_eq!(window, store);

    // Brushing again, backwards, over 20–26 November: the drone strike and
    // the clash; the week-long assaults start on the 27th.
    let (a, b) = (
        midday(&harness, date(2025, 11, 26)),
        midday(&harness, date(2025, 11, 20)),
    );
    drag(&mut harness, a, b);
    let workspace = harness.state().workspace().unwrap();
    assert_eq!(
        (workspace.filter.date_from, workspace.filter.date_to),
        (Some(date(2025, 11, 20)), Some(date(2025, 11, 26)))
    );
    let in_store = workspace.store().count(&workspace.filter).unwrap();
    assert_eq!(in_store, 2);
    assert!(shown(&harness, &format!("{in_store} of 3 incidents")));
    let (window, store) = window_and_store(&harness);
    assert_eq!(window, store);

    // Play slides a window from the brushed range on; Stop gives the
    // analyst's range back, and Play → Pause keeps the controls in place.
    let stop_at = harness.get_by_label("Stop").rect();
    harness.get_by_label("Play").click();
    harness.run_steps(2);
    assert!(harness.state().timeline().is_playing());
    assert_eq!(
        harness.get_by_label("Stop").rect(),
        stop_at,
        "the controls moved"
    );
    harness.run_steps(5);
    harness.get_by_label("Stop").click();
    harness.run_steps(2);
    assert!(!harness.state().timeline().is_playing());
    let workspace = harness.state().workspace().unwrap();
    assert_eq!(
        (workspace.filter.date_from, workspace.filter.date_to),
        (Some(date(2025, 11, 20)), Some(date(2025, 11, 26))),
        "the brushed range is back"
    );

    harness.get_by_label("Clear dates").click();
    harness.run();
    assert!(shown(&harness, "3 of 3 incidents"));
}

/// Checks every count the filter panel shows against the store's count for
/// the window's filter with that one choice ticked.
fn assert_facet_counts_equal_the_store(harness: &mut Harness<'_, PanjApp>) {
    let workspace = harness.state().workspace().unwrap();
    let store = workspace.store();
    let base = workspace.filter.clone();
    let count = |f: Filter| store.count(&f).unwrap();
    let mut expected: Vec<String> = Vec::new();
    for actor in workspace.actors.iter() {
        let n = count(Filter {
            perpetrators: [Perpetrator::Actor(actor.id)].into(),
            ..base.clone()
        });
        expected.push(format!("{} ({n})", actor.name));
    }
    let n = count(Filter {
        perpetrators: [Perpetrator::Unattributed].into(),
        ..base.clone()
    });
    expected.push(format!("Unattributed ({n})"));
    for code in [CountryCode::TJ, CountryCode::AF, CountryCode::CN] {
        let n = count(Filter {
            nationalities: [Some(code)].into(),
            ..base.clone()
        });
        expected.push(format!("{code} {} ({n})", code.name()));
    }
    let n = count(Filter {
        nationalities: [None].into(),
        ..base.clone()
    });
    if n > 0 {
        expected.push(format!("Unknown nationality ({n})"));
    }
    for event_type in EventType::ALL {
        let n = count(Filter {
            event_types: [*event_type].into(),
            ..base.clone()
        });
        expected.push(format!("{} ({n})", event_type.label()));
    }
    for role in VictimRole::ALL {
        let n = count(Filter {
            victim_roles: [*role].into(),
            ..base.clone()
        });
        expected.push(format!("{} ({n})", role.label()));
    }
    for side in Side::ALL {
        let n = count(Filter {
            sides: [*side].into(),
            ..base.clone()
        });
        expected.push(format!("{} ({n})", side.label()));
    }
    for label in expected {
        // "Other" is both an event type and a victim role.
        assert!(
            harness.query_all_by_label(&label).count() >= 1,
            "the filter panel should show {label:?}"
        );
    }
}

fn open_folded_sections(harness: &mut Harness<'_, PanjApp>) {
    // One at a time: opening one moves the other.
    harness.get_by_label("Event type").click();
    harness.run();
    harness.get_by_label("Place and border").click();
    harness.run();
}

#[test]
fn facet_counts_equal_the_store_for_the_same_filter() {
    // The seed, unfiltered and with victims CN.
    let mut harness = window(seeded_app(), 1800.0);
    harness.run();
    open_folded_sections(&mut harness);
    assert_facet_counts_equal_the_store(&mut harness);
    harness.get_by_label("CN China (2)").click();
    harness.run();
    assert_facet_counts_equal_the_store(&mut harness);

    // 400 synthetic incidents, with rules in several facets at once.
    let mut store = Store::open_in_memory().unwrap();
    let actors = synthetic::actors();
    for actor in &actors {
        store.upsert_actor(actor).unwrap();
    }
    let records = synthetic::incidents(400, 3, &ActorDirectory::new(actors.clone()));
    store
        .write("synthetic", |w| {
            for incident in &records {
                w.insert_incident(incident)?;
            }
            Ok(())
        })
        .unwrap();
    let mut harness = window(PanjApp::new(Ok(store)), 1800.0);
    harness.run();
    open_folded_sections(&mut harness);
    assert_facet_counts_equal_the_store(&mut harness);
    harness.get_by_label_contains("TJ Tajikistan (").click();
    harness.run();
    harness
        .get_by_label_contains(&format!("{} (", actors[0].name))
        .click();
    harness.run();
    harness.get_by_label_contains("Afghanistan side (").click();
    harness.run();
    let filter = harness.state().workspace().unwrap().filter.clone();
    assert_eq!(filter.nationalities.len(), 1);
    assert_eq!(filter.perpetrators.len(), 1);
    assert_eq!(filter.sides, [Side::Af].into());
    assert_facet_counts_equal_the_store(&mut harness);
    let (window, store) = window_and_store(&harness);
    assert_eq!(window, store);
}

#[test]
fn shortcuts_switch_views_and_escape_clears_the_selection() {
    let mut harness = window(seeded_app(), 800.0);
    harness.run();
    for (key, view) in [
        (Key::Num2, View::Table),
        (Key::Num4, View::Statistics),
        (Key::Num3, View::Timeline),
        (Key::Num1, View::Map),
    ] {
        harness.key_press_modifiers(Modifiers::COMMAND, key);
        harness.run();
        assert_eq!(harness.state().view(), view);
    }
    harness.get_by_label(DRONE).click();
    harness.run();
    assert!(harness.state().workspace().unwrap().selected.is_some());
    harness.key_press(Key::Escape);
    harness.run();
    assert!(harness.state().workspace().unwrap().selected.is_none());
    // Ctrl+F puts the cursor in the search box: typing filters.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run();
    harness.event(egui::Event::Text("mining".into()));
    harness.run();
    assert_eq!(titles(&harness), [DRONE.to_string()].into());
}

#[test]
fn statistics_total_the_filtered_incidents_by_nationality() {
    let mut harness = window(seeded_app(), 800.0);
    harness.run();
    harness.get_by_label("CN China (2)").click();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num4);
    harness.run();
    // Both attacks killed one Chinese national at least.
    harness.get_by_label("2 incidents · at least 2 killed · 0 wounded");
    // Every figure built from a minimum says so: the tables show 2+,
    // never a bare 2 that reads as exact.
    assert!(
        harness.query_all_by_label("2+").count() >= 3,
        "China, ISKP and a month"
    );
    harness.get_by_label("Copy as CSV").click();
    harness.run();
    let workspace = harness.state().workspace().unwrap();
    let csv = panj::workspace::derived::summary::Summary::of(workspace).to_csv();
    assert!(
        csv.starts_with(
            "section,key,incidents,killed,killed_is_minimum,wounded,wounded_is_minimum\n"
        ) && csv.contains("victim nationality,China (CN),2,2,true,0,false"),
        "{csv}"
    );
}

#[test]
fn delete_moves_to_the_trash_and_undo_brings_it_back() {
    let mut harness = window(seeded_app(), 800.0);
    harness.run();
    harness.get_by_label(DRONE).click();
    harness.run();
    harness.get_by_label("Delete").click();
    harness.run();
    assert!(shown(&harness, "2 of 2 incidents"));
    let workspace = harness.state().workspace().unwrap();
    assert_eq!(workspace.store().count(&Filter::default()).unwrap(), 2);
    // Delete says what went, over the map, with Undo right there; the
    // trash is a view of its own in the toolbar.
    harness.get_by_label(&format!("Moved '{DRONE}' to the trash."));
    harness.get_by_label("Trash (1)").click();
    harness.run();
    assert!(shown(&harness, "Trash: 1 of 1 incident"));
    harness.get_by_label(DRONE);
    harness.get_by_label("Trash (1)").click();
    harness.run();
    assert!(shown(&harness, "2 of 2 incidents"));
    // Both Undo buttons (the notice's and the status bar's) undo it.
    harness
        .get_all_by_label("Undo")
        .next()
        .expect("an Undo button")
        .click();
    harness.run();
    assert!(shown(&harness, "3 of 3 incidents"));
    assert!(
        harness
            .query_by_label(&format!("Moved '{DRONE}' to the trash."))
            .is_none(),
        "the notice goes with the undo"
    );
    let workspace = harness.state().workspace().unwrap();
    assert_eq!(workspace.store().count(&Filter::default()).unwrap(), 3);

    harness.get_by_label("Duplicate").click();
    harness.run();
    harness
        .get_by_role_and_label(egui::accesskit::Role::Button, "Save")
        .click();
    harness.run();
    assert!(shown(&harness, "4 of 4 incidents"));
    assert!(
        harness
            .query_all_by_label(&format!("{DRONE} (copy)"))
            .count()
            >= 1
    );

    // Delete the copy, then undo the whole chain: every step is this
    // window's own, so none is refused as "changed elsewhere".
    harness.get_by_label("Delete").click();
    harness.run();
    assert!(shown(&harness, "3 of 3 incidents"));
    for _ in 0..4 {
        harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        harness.run();
    }
    assert_eq!(
        harness
            .query_all_by_label_contains("changed elsewhere")
            .count(),
        0,
        "an undo of this window's own chain was refused"
    );
    let workspace = harness.state().workspace().unwrap();
    // Undone: the delete of the copy, then its adding (the first delete
    // was undone already, and the copy's save began a new chain).
    assert_eq!(workspace.store().count(&Filter::default()).unwrap(), 3);
    assert!(
        !workspace
            .kept_rows()
            .any(|i| i.title() == format!("{DRONE} (copy)"))
    );
}

/// What a workspace shows under its filter: what the lists show of each
/// incident it keeps (id, version, title, place, date, sources, and what
/// the packed index answers), its facet counts and its map points.
fn summary(w: &panj::app::Workspace) -> (Vec<String>, String, Vec<String>) {
    let mut ids: Vec<String> = w
        .kept_rows()
        .map(|i| {
            format!(
                "{} {} {} {:?} {} {} {:?} {:?} {} {:?}",
                i.id(),
                i.listed.version,
                i.title(),
                i.date(),
                i.sources(),
                i.place(),
                i.event_type(),
                i.side(),
                i.attribution_label(&w.actors),
                i.casualties().collect::<Vec<_>>()
            )
        })
        .collect();
    ids.sort();
    let mut facets = w.facets.clone();
    facets.matched = Default::default();
    facets.without_date = Default::default();
    let mut points: Vec<String> = w
        .map_layer()
        .incidents
        .iter()
        .map(|p| format!("{:.6} {:.6} {:?} {}", p.lon, p.lat, p.colour, p.killed))
        .collect();
    points.sort();
    (ids, format!("{facets:?}"), points)
}

#[test]
fn writes_keep_the_loaded_workspace_in_step_with_the_store() {
    use panj::app::{Command, Saving};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("panj.db");
    {
        let mut store = Store::open(&db).unwrap();
        panj::exchange::seed::seed(&mut store).unwrap();
        let actors = store.actor_directory().unwrap();
        for incident in synthetic::incidents(200, 9, &actors) {
            store.insert_incident(&incident).unwrap();
        }
    }
    let mut app = PanjApp::new(Ok(Store::open(&db).unwrap()));
    let filters = [
        Filter::default(),
        Filter {
            nationalities: [Some(CountryCode::CN)].into(),
            ..Filter::default()
        },
        Filter {
            trash: true,
            ..Filter::default()
        },
        Filter {
            text: "khorugh".into(),
            ..Filter::default()
        },
    ];
    let check = |app: &mut PanjApp, step: &str| {
        let mut fresh = panj::app::Workspace::load(Store::open(&db).unwrap()).unwrap();
        for filter in &filters {
            app.apply(Command::SetFilter(Box::new(filter.clone())));
            fresh.set_filter(filter.clone());
            assert_eq!(
                summary(app.workspace().unwrap()),
                summary(&fresh),
                "{step}, filter {filter:?}"
            );
        }
        app.apply(Command::SetFilter(Box::default()));
    };
    check(&mut app, "loaded");

    let whole = |app: &PanjApp, at: usize| {
        let w = app.workspace().unwrap();
        w.store()
            .incident(w.all_incidents()[at].id)
            .unwrap()
            .unwrap()
    };
    let first = whole(&app, 5);
    app.apply(Command::Delete(first.id));
    check(&mut app, "deleted");
    app.apply(Command::Undo);
    check(&mut app, "delete undone");

    let mut edited = whole(&app, 7);
    edited.location.lon += 0.3;
    edited.location.place_name = "Khorugh".into();
    edited.casualties.push(panj::model::Casualty {
        nationality: Some(CountryCode::CN),
        role: VictimRole::Worker,
        killed: 2,
        wounded: 0,
        figure: panj::model::Figure::Exact,
    });
    app.apply(Command::SaveIncident(Box::new(Saving {
        is_new: false,
        incident: edited,
        new_actors: Vec::new(),
        new_sources: Vec::new(),
    })));
    check(&mut app, "edited");

    let mut new = whole(&app, 9);
    new.id = Uuid::now_v7();
    new.version = 1;
    new.title = "Typed in at Khorugh".into();
    new.location.side = Side::Af;
    app.apply(Command::SaveIncident(Box::new(Saving {
        is_new: true,
        incident: new,
        new_actors: Vec::new(),
        new_sources: Vec::new(),
    })));
    check(&mut app, "added");
    app.apply(Command::Undo);
    check(&mut app, "add undone");
    app.apply(Command::Redo);
    check(&mut app, "add redone");
}

/// Checklists keep their order while counts change, and a choice whose
/// count falls to 0 stays (greyed) instead of vanishing under the mouse.
#[test]
fn checklists_keep_their_order_and_their_rows_when_counts_change() {
    let mut harness = window(seeded_app(), 1800.0);
    harness.run();
    let order = |harness: &Harness<'_, PanjApp>| -> Vec<String> {
        let mut rows: Vec<(f32, String)> = [
            "TJ Tajikistan",
            "AF Afghanistan",
            "CN China",
            "Unknown nationality",
        ]
        .iter()
        .map(|label| {
            let node = harness.get_by_label_contains(label);
            (node.rect().top(), label.to_string())
        })
        .collect();
        rows.sort_by(|a, b| a.0.total_cmp(&b.0));
        rows.into_iter().map(|(_, label)| label).collect()
    };
    let before = order(&harness);
    assert_eq!(
        before,
        [
            "TJ Tajikistan",
            "AF Afghanistan",
            "CN China",
            "Unknown nationality"
        ]
    );
    harness.get_by_label("ISKP (2)").click();
    harness.run();
    // With ISKP ticked no incident has an unknown-nationality victim.
    harness.get_by_label("Unknown nationality (0)");
    assert_eq!(order(&harness), before);
}

/// A saved view's name is saved with Enter, and the menu says so.
#[test]
fn enter_saves_a_views_name_and_the_menu_confirms() {
    let mut harness = window(seeded_app(), 800.0);
    harness.run();
    harness.get_by_label("Saved views").click();
    harness.run();
    let name = "Save the current filter and map extent as:";
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, name)
        .click();
    harness.run();
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, name)
        .type_text("CN attacks");
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    harness.get_by_label("Saved 'CN attacks'.");
    assert!(
        harness.query_all_by_label("CN attacks").count() >= 1,
        "listed"
    );
}

/// The chip row is always there at one height: a filter change does not
/// move the map and the timeline.
#[test]
fn a_filter_change_does_not_move_the_panels() {
    let mut harness = window(seeded_app(), 800.0);
    harness.run();
    let play_at = harness.get_by_label("Play").rect();
    harness.get_by_label("CN China (2)").click();
    harness.run();
    harness.get_by_label("Filtered by");
    assert_eq!(harness.get_by_label("Play").rect(), play_at);
    harness
        .get_all_by_label("Clear all")
        .next()
        .unwrap()
        .click();
    harness.run();
    harness.get_by_label("No filter: every incident is shown");
    assert_eq!(harness.get_by_label("Play").rect(), play_at);
}

#[test]
fn stop_gives_back_the_range_the_analyst_had_before_play() {
    let mut harness = window(seeded_app(), 800.0);
    harness.run();
    let chosen = Filter {
        date_from: Some(jiff::civil::date(2025, 11, 20)),
        date_to: Some(jiff::civil::date(2025, 12, 5)),
        ..Filter::default()
    };
    harness
        .state_mut()
        .apply(panj::app::Command::SetFilter(Box::new(chosen.clone())));
    harness.run();
    harness.get_by_label("Play").click();
    harness.run_steps(5);
    let playing = harness.state().workspace().unwrap().filter.clone();
    assert_ne!(
        (playing.date_from, playing.date_to),
        (chosen.date_from, chosen.date_to),
        "Play slides its own window"
    );
    harness.get_by_label("Stop").click();
    harness.run_steps(3);
    let after = &harness.state().workspace().unwrap().filter;
    assert_eq!(
        (after.date_from, after.date_to),
        (chosen.date_from, chosen.date_to),
        "Stop gives the analyst's range back"
    );
    harness.get_by_label("Play");
}

/// A restore from the trash is a step of undo like a delete, the status
/// bar names it, and the empty trash says it is the trash (issue 43,
/// item 6).
#[test]
fn restoring_from_the_trash_can_be_undone_and_the_empty_trash_says_so() {
    let mut harness = window(seeded_app(), 800.0);
    harness.run();
    harness.get_by_label(DRONE).click();
    harness.run();
    harness.get_by_label("Delete").click();
    harness.run();
    harness.get_by_label("Trash (1)").click();
    harness.run();
    harness.get_by_label(DRONE).click();
    harness.run();
    harness.get_by_label("Restore").click();
    harness.run();
    assert!(shown(&harness, "The trash is empty"));
    assert!(!shown(&harness, "No incidents yet"));
    assert!(shown(
        &harness,
        &format!("Last: restoring '{DRONE}' from the trash")
    ));
    harness.state_mut().apply(panj::workspace::Command::Undo);
    harness.run();
    assert!(
        shown(&harness, "Trash: 1 of 1 incident"),
        "back in the trash"
    );
    let workspace = harness.state().workspace().unwrap();
    assert_eq!(workspace.store().count(&Filter::default()).unwrap(), 2);
}

/// The filter a session ended with comes back with its own database, and
/// not with another one (issue 43, item 18).
#[test]
fn a_remembered_filter_comes_back_only_with_its_own_database() {
    use panj::app::WorkspaceSettings;
    use panj::ui::map_panel::MapSettings;
    let dir = tempfile::tempdir().unwrap();
    let open = |name: &str| common::seeded_file(&dir.path().join(name));
    let cn = Filter {
        nationalities: [Some(CountryCode::CN)].into(),
        ..Filter::default()
    };
    let mut first = PanjApp::new(Ok(open("first.db")));
    first.apply(panj::workspace::Command::SetFilter(Box::new(cn.clone())));
    let settings = first.settings_to_save();
    assert_eq!(settings.filter, cn);
    let reopen = |store: Store, settings: WorkspaceSettings| {
        PanjApp::with_settings(Ok(store), MapSettings::default(), settings, None)
    };
    let other = reopen(open("other.db"), settings.clone());
    assert_eq!(other.workspace().unwrap().filter, Filter::default());
    drop(first);
    let again = reopen(Store::open(&dir.path().join("first.db")).unwrap(), settings);
    assert_eq!(again.workspace().unwrap().filter, cn);
}
