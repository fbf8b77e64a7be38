//! Every panel and window on its one contract (`ui::Panel`), each drawn
//! alone on a seeded workspace in the place the window would give it, at
//! 1280×800 and at 1024×700, in English and Russian: no widget may be
//! drawn outside that place (cut off at the edge, or under a neighbour).

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use panj::exchange::seed;
use panj::lang::Language;
use panj::store::Store;
use panj::ui::Panel;
use panj::ui::about::About;
use panj::ui::conflict_view::ConflictView;
use panj::ui::details::DetailsPanel;
use panj::ui::export_dialog::ExportDialog;
use panj::ui::filter_panel::{FilterChips, FilterPanel};
use panj::ui::from_text::FromTextWindow;
use panj::ui::import_dialog::ImportDialog;
use panj::ui::incident_form::IncidentForm;
use panj::ui::incident_list::IncidentList;
use panj::ui::map_panel::{MapPanel, MapSettings};
use panj::ui::server_window::ServerWindow;
use panj::ui::statistics::Statistics;
use panj::ui::timeline::Timeline;
use panj::workspace::{Command, Workspace};

/// Where the window puts a panel: the side panels are as wide as the
/// window makes them by default, the bottom strips as tall; a window
/// (dialog) has the whole screen. Each is as the analyst leaves it:
/// not resizable here, so that a panel cannot grow to fit what it holds.
#[derive(Debug, Clone, Copy)]
enum Place {
    Left(f32),
    Right(f32),
    Bottom(f32),
    Central,
    Window,
}

/// Every panel of the window, open, with the place it is drawn in.
fn every_panel() -> Vec<(&'static str, Place, Box<dyn Panel>)> {
    let mut form = IncidentForm::default();
    form.open_new(jiff::civil::date(2025, 11, 26));
    let mut import = ImportDialog::default();
    import.open_file(None);
    let mut from_text = FromTextWindow::default();
    from_text.show();
    let mut export = ExportDialog::default();
    export.open = true;
    let mut server = ServerWindow::default();
    server.open = true;
    vec![
        (
            "filters",
            Place::Left(270.0),
            Box::new(FilterPanel::default()),
        ),
        ("chips", Place::Central, Box::new(FilterChips)),
        ("form", Place::Right(430.0), Box::new(form)),
        (
            "details",
            Place::Right(340.0),
            Box::new(DetailsPanel::default()),
        ),
        (
            "table",
            Place::Bottom(260.0),
            Box::new(IncidentList::default()),
        ),
        (
            "timeline",
            Place::Bottom(120.0),
            Box::new(Timeline::default()),
        ),
        (
            "map",
            Place::Central,
            Box::new(MapPanel::new(MapSettings::default(), None)),
        ),
        (
            "statistics",
            Place::Central,
            Box::new(Statistics::default()),
        ),
        ("conflict", Place::Window, Box::new(ConflictView::default())),
        ("export", Place::Window, Box::new(export)),
        ("import", Place::Window, Box::new(import)),
        ("server", Place::Window, Box::new(server)),
        ("from text", Place::Window, Box::new(from_text)),
        ("about", Place::Window, Box::new(About { open: true })),
    ]
}

struct Drawn {
    panel: Box<dyn Panel>,
    place: Place,
    workspace: Workspace,
    commands: Vec<Command>,
    /// Where the panel was given room, in points.
    given: egui::Rect,
}

fn draw(ui: &mut egui::Ui, drawn: &mut Drawn) {
    let Drawn {
        panel,
        place,
        workspace,
        commands,
        given,
    } = drawn;
    let inside = |ui: &mut egui::Ui| panel.ui(ui, workspace, commands);
    *given = match *place {
        Place::Left(width) => {
            egui::Panel::left("left")
                .exact_size(width)
                .resizable(false)
                .show(ui, inside)
                .response
                .rect
        }
        Place::Right(width) => {
            egui::Panel::right("right")
                .exact_size(width)
                .resizable(false)
                .show(ui, inside)
                .response
                .rect
        }
        Place::Bottom(height) => {
            egui::Panel::bottom("bottom")
                .exact_size(height)
                .resizable(false)
                .show(ui, inside)
                .response
                .rect
        }
        Place::Central | Place::Window => {
            egui::CentralPanel::default().show(ui, inside).response.rect
        }
    };
}

fn seeded_workspace() -> Workspace {
    let mut store = Store::open_in_memory().unwrap();
    seed::seed(&mut store).unwrap();
    let mut workspace = Workspace::load(store).unwrap();
    // The details pane shows the selected incident.
    let first = workspace.kept_rows().next().map(|row| row.id());
    workspace.selected = first;
    workspace
}

#[test]
fn every_panel_keeps_its_widgets_inside_the_place_it_is_given() {
    let mut outside = Vec::new();
    for language in [Language::English, Language::Russian] {
        for (width, height) in [(1280.0, 800.0), (1024.0, 700.0)] {
            for (name, place, panel) in every_panel() {
                panj::lang::set(language);
                let drawn = Drawn {
                    panel,
                    place,
                    workspace: seeded_workspace(),
                    commands: Vec::new(),
                    given: egui::Rect::NOTHING,
                };
                let mut harness = Harness::builder()
                    .with_size(egui::vec2(width, height))
                    .with_max_steps(8)
                    .build_ui_state(draw, drawn);
                harness.run_ok();
                let given = match place {
                    Place::Window => {
                        egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(width, height))
                    }
                    _ => harness.state().given,
                };
                // Half a point either way: strokes and rounding. What lies
                // below the bottom is scrolled to; nothing may stick out
                // sideways or above.
                let room = given.expand(0.5);
                for node in harness.query_all_by(|n| n.bounding_box().is_some()) {
                    let rect = node.rect();
                    let sticks_out = rect.left() < room.left()
                        || rect.right() > room.right()
                        || rect.top() < room.top();
                    if rect.is_positive() && sticks_out {
                        let label = node.accesskit_node().label().unwrap_or_default();
                        outside.push(format!(
                            "{name} at {width}×{height} in {language:?}: {:?} {label:?} at {rect:?} outside {given:?}",
                            node.accesskit_node().role()
                        ));
                    }
                }
            }
        }
    }
    panj::lang::set(Language::English);
    assert!(outside.is_empty(), "{}", outside.join("\n"));
}

/// The timeline strip as narrow as it is beside the incident form at
/// 1024 points: its controls wrap instead of running under the form
/// (issue 43, item 21).
#[test]
fn the_timeline_controls_wrap_in_a_narrow_strip() {
    let drawn = Drawn {
        panel: Box::new(Timeline::default()),
        place: Place::Left(330.0),
        workspace: seeded_workspace(),
        commands: Vec::new(),
        given: egui::Rect::NOTHING,
    };
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1024.0, 700.0))
        .with_max_steps(8)
        .build_ui_state(draw, drawn);
    harness.run_ok();
    let given = harness.state().given.expand(0.5);
    for label in ["Incidents", "Killed", "Play"] {
        let rect = harness.get_by_label(label).rect();
        assert!(
            given.contains_rect(rect),
            "{label} at {rect:?} outside {given:?}"
        );
    }
}
