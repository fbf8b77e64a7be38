//! The map panel: the walkers widget with the offline basemap and the
//! incident layer, its controls (zoom, fit, reset, layers), the legend,
//! scale bar and cursor position, hover tooltips, click to select and
//! shift-drag to pick an area; while the incident form is open, the pin
//! of its incident, which a click or a drag places.

use crate::background::{Followed, Follower};
use crate::filter::BBox;
use crate::geo::Basemap;
use crate::geo::names::LabelScript;
use crate::lang::Labelled;
use crate::map::basemap_layer::{self, PreparedBasemap};
use crate::map::incident_layer::{
    self, AUTO_DENSITY_FROM, IncidentLayerOptions, IncidentsAs, Marker,
};
use crate::map::incidents::IncidentLayer;
use crate::map::projection::{self, Viewport};
use crate::map::style::{BasemapStyle, UNATTRIBUTED};
use crate::map::tiles::{self, BasemapChoice};
use crate::model::Figure;
use crate::model::script::for_display;
use crate::tr;
use crate::ui::Panel;
use crate::ui::details::WholeShown;
use crate::ui::map_picture::MapPicture;
use crate::workspace::derived::map_layer::{self, MapLayer};
use crate::workspace::{Command, ListedRow, Workspace};
use egui::{Align2, Color32, Pos2, Rect, RichText, Stroke, UiBuilder, vec2};
use std::path::PathBuf;
use std::sync::Arc;

/// The Tajik–Afghan border region that "reset view" shows: the whole
/// border with Dushanbe, Kunduz and Faizabad.
pub const BORDER_REGION: [f64; 4] = [67.3, 36.4, 75.2, 39.0];

/// Deepest zoom "fit" goes to, so one incident does not fill the screen.
const FIT_MAX_ZOOM: f64 = 12.0;

/// How far a wheel notch zooms, as walkers counts it: its default (2.0)
/// zoomed about 2.5× a notch, past the scale an analyst was reading; this
/// is about 1.4×.
const WHEEL_ZOOM_SPEED: f64 = 0.8;

/// Credit for the offline basemap, as the About box gives it.
pub fn offline_attribution() -> String {
    tr!("map-offline-attribution")
}

/// What the map remembers between sessions.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct MapSettings {
    pub memory: Option<walkers::MapMemory>,
    pub basemap: BasemapChoice,
    pub layer: IncidentLayerOptions,
    pub online_warning_accepted: bool,
    pub legend_open: bool,
    /// The script of place, province, country and river names.
    #[serde(default)]
    pub label_script: LabelScript,
}

impl Default for MapSettings {
    fn default() -> Self {
        MapSettings {
            memory: None,
            basemap: BasemapChoice::Offline,
            layer: IncidentLayerOptions::default(),
            online_warning_accepted: false,
            legend_open: true,
            label_script: LabelScript::Latin,
        }
    }
}

/// An area picked with shift-drag, waiting for the analyst's decision.
struct PickedArea {
    area: BBox,
    members: Vec<usize>,
}

/// The map panel's state.
pub struct MapPanel {
    memory: walkers::MapMemory,
    needs_reset: bool,
    basemap: Option<Arc<PreparedBasemap>>,
    basemap_error: Option<String>,
    /// The layer drawn, with the legend's counts, and the workspace
    /// generation it is of.
    shown: Follower<u64, MapLayer>,
    /// The layer of a newer filter being made on a worker, with the
    /// workspace generation it is for.
    /// From this many incidents kept, the layer is made on a worker.
    pub settings: MapSettings,
    tiles: Option<Box<dyn walkers::Tiles + Send>>,
    tiles_for: Option<BasemapChoice>,
    tiles_error: Option<String>,
    /// An online layer asked for before the privacy warning was accepted.
    pending_online: Option<BasemapChoice>,
    /// The chooser of a tile file drawn in the window, where no desktop
    /// dialog opens.
    tile_chooser: Option<crate::ui::file_chooser::InWindowChooser>,
    tile_cache: Option<PathBuf>,
    drag_from: Option<Pos2>,
    picked: Option<PickedArea>,
    colocated_menu: Option<(Pos2, Vec<usize>)>,
    /// The incident under the pointer, read whole for its tooltip.
    hovered_record: WholeShown,
    markers: Vec<Marker>,
    /// The density view was drawn last frame, and its busiest spot.
    density: Option<usize>,
    /// Perpetrators in the legend with their colours and incident counts,
    /// worked out when the incidents change, not every frame.
    legend_counts: Vec<(String, Color32, usize)>,
    /// The language `legend_counts` was named in: a switch names them
    /// again ("Unattributed" is the interface's word).
    legend_language: Option<crate::lang::Language>,
    cursor: Option<(f64, f64)>,
    view: Option<Viewport>,
    pending_view: Option<([f64; 4], f64)>,
    /// The incident form's point (lon, lat), drawn as a pin (from the
    /// workspace, each frame).
    pin: Option<(f64, f64)>,
    /// A primary click or drag places the pin instead of selecting.
    picking: bool,
}

impl MapPanel {
    pub fn new(settings: MapSettings, tile_cache: Option<PathBuf>) -> MapPanel {
        let (basemap, basemap_error) = match Basemap::shipped() {
            Ok(b) => (Some(Arc::new(PreparedBasemap::new(&b))), None),
            Err(e) => (None, Some(e.to_string())),
        };
        let needs_reset = settings.memory.is_none();
        MapPanel {
            memory: settings.memory.clone().unwrap_or_default(),
            needs_reset,
            basemap,
            basemap_error,
            shown: Follower::new(MapLayer::default()),
            settings,
            tiles: None,
            tiles_for: None,
            tiles_error: None,
            pending_online: None,
            tile_chooser: None,
            tile_cache,
            drag_from: None,
            picked: None,
            colocated_menu: None,
            hovered_record: WholeShown::default(),
            markers: Vec::new(),
            density: None,
            legend_counts: Vec::new(),
            legend_language: None,
            cursor: None,
            view: None,
            pending_view: None,
            pin: None,
            picking: false,
        }
    }

    /// Settings to store when the app closes, with the current view.
    pub fn settings_to_save(&self) -> MapSettings {
        MapSettings {
            memory: Some(self.memory.clone()),
            ..self.settings.clone()
        }
    }

    /// Where a WGS84 point was drawn in the last frame.
    pub fn screen_position(&self, lon: f64, lat: f64) -> Option<Pos2> {
        self.view.map(|v| v.to_screen(projection::world(lon, lat)))
    }

    /// The zoom the map shows, for tests and the status bar.
    pub fn zoom(&self) -> f64 {
        self.memory.zoom()
    }

    /// Shows the whole border region.
    pub fn reset_view(&mut self) {
        self.pending_view = Some((BORDER_REGION, 9.0));
    }

    /// The view as walkers keeps it, for saved views.
    pub fn memory(&self) -> &walkers::MapMemory {
        &self.memory
    }

    /// Goes back to a saved view.
    pub fn restore_memory(&mut self, memory: walkers::MapMemory) {
        self.memory = memory;
        self.needs_reset = false;
        self.pending_view = None;
    }

    /// Shows the selected incidents, or every one the filter keeps when
    /// none is selected.
    /// Drops what the map drew from the records (groups, markers, legend)
    /// when the database locks; the view and the settings stay.
    pub fn forget_records(&mut self) {
        self.shown = Follower::new(MapLayer::default());
        self.markers.clear();
        self.density = None;
        self.legend_counts.clear();
        self.legend_language = None;
        self.colocated_menu = None;
        self.picked = None;
        self.pin = None;
    }

    pub fn fit_to_selection(&mut self, workspace: &Workspace) {
        let bounds = crate::map::incidents::bounds_with_uncertainty(
            workspace
                .kept_rows()
                .filter(|i| workspace.is_selected(i.id()))
                .map(|i| {
                    let (lon, lat) = i.point();
                    (lon, lat, i.precision().uncertainty_km())
                }),
        );
        match bounds {
            Some(b) => self.fit_to(b),
            None => self.fit_to_incidents(),
        }
    }

    fn fit_to(&mut self, bounds: [f64; 4]) {
        // A single point or several at one place: a useful area around.
        let pad = 0.05;
        let b = [
            bounds[0] - pad,
            bounds[1] - pad,
            bounds[2] + pad,
            bounds[3] + pad,
        ];
        self.pending_view = Some((b, FIT_MAX_ZOOM));
    }

    /// Shows every incident that passes the filter.
    pub fn fit_to_incidents(&mut self) {
        if let Some(bounds) = self.layer().bounds() {
            self.fit_to(bounds);
        }
    }

    fn apply_pending_view(&mut self, size: egui::Vec2) {
        let pending = if self.needs_reset {
            Some((BORDER_REGION, 9.0))
        } else {
            self.pending_view
        };
        if let Some((bounds, max_zoom)) = pending {
            let ((lon, lat), zoom) = projection::fit(bounds, size, 24.0, max_zoom);
            self.memory.center_at(walkers::lon_lat(lon, lat));
            // `fit` clamps to walkers' valid range, so this cannot fail.
            let _ = self.memory.set_zoom(zoom);
            self.needs_reset = false;
            self.pending_view = None;
        }
    }

    fn sync_tiles(&mut self, ctx: &egui::Context) {
        if self.tiles_for.as_ref() == Some(&self.settings.basemap) {
            return;
        }
        self.tiles_for = Some(self.settings.basemap.clone());
        self.tiles = None;
        self.tiles_error = None;
        if self.settings.basemap.is_online() && !self.settings.online_warning_accepted {
            self.pending_online = Some(self.settings.basemap.clone());
            self.settings.basemap = BasemapChoice::Offline;
            self.tiles_for = Some(BasemapChoice::Offline);
            return;
        }
        match tiles::open(&self.settings.basemap, ctx, self.tile_cache.clone()) {
            Ok(t) => self.tiles = t,
            Err(e) => {
                self.tiles_error = Some(e.to_string());
                self.settings.basemap = BasemapChoice::Offline;
                self.tiles_for = Some(BasemapChoice::Offline);
            }
        }
    }

    /// Where the map was drawn in the last frame, in points.
    pub fn map_rect(&self) -> Option<Rect> {
        self.view.as_ref().map(|v| v.rect)
    }

    /// What a picture of the map as last shown needs, to be drawn on a
    /// worker: the same area, groups and legend, none of the controls.
    /// `None` until the map has been shown once.
    pub fn picture(&self, workspace: &Workspace, caption: String) -> Option<MapPicture> {
        let view = self.view?;
        Some(MapPicture {
            view,
            basemap: self.basemap.clone(),
            layer: workspace.map_layer(),
            settings: self.settings.clone(),
            legend_counts: self.legend_counts.clone(),
            caption,
            attribution: offline_attribution(),
            outline: None,
        })
    }

    /// The layer drawn now.
    fn layer(&self) -> &IncidentLayer {
        &self.shown.value().0
    }

    /// Brings the layer in step with the workspace's filter: at once for
    /// a small one; for a large one on a worker, the layer drawn so far
    /// staying on screen (with nothing pickable) until the new one comes
    /// grouped for the current zoom, so that no frame waits for it.
    fn follow(&mut self, ctx: &egui::Context, workspace: &Workspace) {
        let large = workspace.facets.matched.len() >= workspace.on_a_worker_from;
        let zoom = self.memory.zoom();
        let ctx = ctx.clone();
        let followed = self.shown.follow(
            workspace.generation,
            large,
            || map_layer::layer_job(workspace, zoom),
            move || ctx.request_repaint(),
        );
        match followed {
            Followed::Same => {}
            Followed::New => {
                self.legend_language = None;
                self.picked = None;
                self.colocated_menu = None;
            }
            Followed::Waiting => {
                self.picked = None;
                self.colocated_menu = None;
            }
        }
    }

    /// Names the legend's rows in the interface's language of now, when
    /// the layer or the language changed.
    fn name_legend(&mut self, workspace: &Workspace) {
        let language = crate::lang::current();
        if self.legend_language != Some(language) {
            self.legend_counts = map_layer::legend_of(&self.shown.value().1, workspace);
            self.legend_language = Some(language);
        }
    }

    /// Whether the map shows the workspace's filter of now (and not,
    /// for a moment after a change, the last one's).
    pub fn is_in_step(&self, workspace: &Workspace) -> bool {
        self.shown.is_for(&workspace.generation)
    }

    /// The map while the records are still read: `layer` (every incident
    /// the filter keeps, from the database's map block) when it first
    /// comes, then the same until the workspace replaces it. Panning and
    /// zooming work; nothing can be picked yet.
    pub fn preview_ui(&mut self, ui: &mut egui::Ui, layer: Option<IncidentLayer>) {
        if let Some(layer) = layer {
            // As large as the database: freed on a worker when replaced.
            self.shown.show_meanwhile((layer, Default::default()), true);
        }
        self.sync_tiles(ui.ctx());
        self.apply_pending_view(ui.available_size());
        let (_, view) = self.draw(ui, &[], &[]);
        scale_bar(ui, &view);
    }

    /// Draws the basemap, the incidents of `self.layer` (`selected`
    /// among them highlighted) and the conflict badges and pin.
    fn draw(
        &mut self,
        ui: &mut egui::Ui,
        selected: &[usize],
        conflicted: &[(f64, f64)],
    ) -> (egui::Response, Viewport) {
        let dark = ui.visuals().dark_mode;
        let style = BasemapStyle::for_theme(dark);
        let shift = ui.input(|i| i.modifiers.shift);
        let pan_buttons = if shift || self.drag_from.is_some() || self.picking {
            egui::DragPanButtons::MIDDLE | egui::DragPanButtons::SECONDARY
        } else {
            egui::DragPanButtons::PRIMARY
                | egui::DragPanButtons::MIDDLE
                | egui::DragPanButtons::SECONDARY
        };
        let home = walkers::lon_lat(69.5, 37.5);
        let pin = self.pin;
        let MapPanel {
            memory,
            tiles,
            basemap,
            shown,
            settings,
            ..
        } = self;
        let layer = &mut shown.value_mut().0;
        let tile_layer: Option<&mut dyn walkers::Tiles> = match tiles {
            Some(t) => Some(t.as_mut()),
            None => None,
        };
        let has_tiles = tile_layer.is_some();
        let map = walkers::Map::new(tile_layer, memory, home)
            .zoom_with_ctrl(false)
            .zoom_speed(WHEEL_ZOOM_SPEED)
            .drag_pan_buttons(pan_buttons)
            .double_click_to_zoom(true);
        let shown = map.show(ui, |ui, _response, projector, _memory| {
            let view = Viewport::from_projector(projector);
            let painter = ui.painter().with_clip_rect(view.rect);
            if let Some(basemap) = basemap.as_ref() {
                basemap_layer::paint(
                    &painter,
                    &view,
                    basemap,
                    &style,
                    !has_tiles,
                    settings.label_script,
                );
            } else {
                painter.rect_filled(view.rect, 0.0, style.water);
            }
            let markers =
                incident_layer::paint(&painter, &view, layer, selected, settings.layer, dark);
            for &(lon, lat) in conflicted {
                paint_conflict_badge(&painter, view.to_screen(projection::world(lon, lat)));
            }
            if let Some((lon, lat)) = pin {
                paint_pin(&painter, view.to_screen(projection::world(lon, lat)));
            }
            (view, markers)
        });
        let response = shown.response;
        let (view, markers) = shown.inner;
        self.view = Some(view);
        self.markers = markers.markers;
        self.density = markers.density;
        (response, view)
    }

    /// Indexes of the selected incidents among the filtered ones.
    fn selected_members(&self, workspace: &Workspace) -> Vec<usize> {
        if workspace.selection.is_empty() && workspace.selected.is_none() {
            return Vec::new();
        }
        workspace
            .kept_rows()
            .enumerate()
            .filter(|(_, i)| workspace.is_selected(i.id()))
            .map(|(n, _)| n)
            .collect()
    }

    fn keyboard(&mut self, ui: &egui::Ui, workspace: &Workspace) {
        if ui.ctx().memory(|m| m.focused().is_some()) {
            return;
        }
        let (zoom_in, zoom_out, reset, fit, escape) = ui.input(|i| {
            (
                i.key_pressed(egui::Key::Plus) || i.key_pressed(egui::Key::Equals),
                i.key_pressed(egui::Key::Minus),
                i.key_pressed(egui::Key::Num0),
                i.key_pressed(egui::Key::F) && i.modifiers.is_none(),
                i.key_pressed(egui::Key::Escape),
            )
        });
        if zoom_in {
            let _ = self.memory.zoom_in();
        }
        if zoom_out {
            let _ = self.memory.zoom_out();
        }
        if reset {
            self.reset_view();
        }
        if fit {
            self.fit_to_selection(workspace);
        }
        if escape {
            self.picked = None;
            self.colocated_menu = None;
            self.drag_from = None;
        }
    }

    fn pointer(
        &mut self,
        ui: &mut egui::Ui,
        response: &egui::Response,
        view: &Viewport,
        workspace: &Workspace,
        commands: &mut Vec<Command>,
    ) {
        let shift = ui.input(|i| i.modifiers.shift);
        if self.picking {
            ui.ctx().set_cursor_icon(egui::CursorIcon::Crosshair);
            let placing = response.clicked_by(egui::PointerButton::Primary)
                || response.dragged_by(egui::PointerButton::Primary);
            if placing && let Some(pos) = response.interact_pointer_pos() {
                let (lon, lat) = view.lon_lat_at(pos);
                commands.push(Command::PlacePin { lon, lat });
            }
            if let Some(pos) = response.hover_pos() {
                self.cursor = Some(view.lon_lat_at(pos));
            }
            return;
        }
        if response.drag_started_by(egui::PointerButton::Primary) && shift {
            // Where the button went down, not where the drag was recognised.
            self.drag_from = ui
                .input(|i| i.pointer.press_origin())
                .or(response.interact_pointer_pos());
        }
        // The area waiting for a decision, and the area that is the
        // filter, stay drawn after the button is released.
        let mut shown_areas: Vec<BBox> = self.picked.iter().map(|p| p.area).collect();
        shown_areas.extend(workspace.filter.bbox);
        for area in shown_areas {
            let rect = screen_rect_of(view, &area).intersect(view.rect);
            if rect.is_positive() {
                ui.painter().rect(
                    rect,
                    0.0,
                    Color32::from_rgba_unmultiplied(0x2B, 0x6C, 0xB0, 18),
                    Stroke::new(1.5, Color32::from_rgb(0x2B, 0x6C, 0xB0)),
                    egui::StrokeKind::Inside,
                );
            }
        }
        if let Some(from) = self.drag_from {
            let to = ui.input(|i| i.pointer.latest_pos()).unwrap_or(from);
            let rect = Rect::from_two_pos(from, to).intersect(view.rect);
            ui.painter().rect(
                rect,
                0.0,
                Color32::from_rgba_unmultiplied(0x2B, 0x6C, 0xB0, 30),
                Stroke::new(1.5, Color32::from_rgb(0x2B, 0x6C, 0xB0)),
                egui::StrokeKind::Inside,
            );
            if response.drag_stopped() || !ui.input(|i| i.pointer.primary_down()) {
                self.drag_from = None;
                if rect.width() > 4.0 && rect.height() > 4.0 {
                    let area = area_of(view, rect);
                    let members = self.layer().inside(&area);
                    self.picked = Some(PickedArea { area, members });
                }
            }
            return;
        }

        let hovered = response
            .hover_pos()
            .and_then(|p| incident_layer::hit(&self.markers, p).cloned());
        if let Some(marker) = &hovered {
            ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
            if self.colocated_menu.is_none() {
                let lists = lists_on_click(self.layer(), &marker.members, view.zoom);
                let hovered_record = &mut self.hovered_record;
                response.clone().on_hover_ui_at_pointer(|ui| {
                    tooltip(ui, workspace, hovered_record, &marker.members, lists)
                });
            }
        }
        if response.clicked_by(egui::PointerButton::Primary) {
            self.colocated_menu = None;
            match hovered {
                Some(marker) if marker.members.len() == 1 => {
                    commands.push(Command::Select(workspace.kept_id(marker.members[0])));
                }
                Some(marker) => {
                    if lists_on_click(self.layer(), &marker.members, view.zoom) {
                        self.colocated_menu = Some((marker.centre, marker.members.to_vec()));
                    } else {
                        let bounds = members_bounds(self.layer(), &marker.members);
                        self.pending_view = Some((bounds, view.zoom.max(FIT_MAX_ZOOM) + 2.0));
                        ui.ctx().request_repaint();
                    }
                }
                None => commands.push(Command::Select(None)),
            }
        }
        if let Some(pos) = response.hover_pos() {
            let (lon, lat) = view.lon_lat_at(pos);
            self.cursor = Some((lon, lat));
        } else {
            self.cursor = None;
        }
    }
}

impl MapPanel {
    fn overlays(
        &mut self,
        ui: &mut egui::Ui,
        view: &Viewport,
        workspace: &Workspace,
        commands: &mut Vec<Command>,
    ) {
        let rect = view.rect;
        let frame = egui::Frame::popup(ui.style())
            .inner_margin(6.0)
            .corner_radius(4.0);

        // Controls, top right.
        let controls = Rect::from_min_size(rect.right_top() + vec2(-44.0, 10.0), vec2(34.0, 200.0));
        ui.scope_builder(UiBuilder::new().max_rect(controls), |ui| {
            frame.inner_margin(2.0).show(ui, |ui| {
                ui.spacing_mut().item_spacing.y = 2.0;
                let button = |ui: &mut egui::Ui, icon: Icon, hint: &str| {
                    icon_button(ui, icon).on_hover_text(hint)
                };
                if button(ui, Icon::ZoomIn, &tr!("map-zoom-in")).clicked() {
                    let _ = self.memory.zoom_in();
                }
                if button(ui, Icon::ZoomOut, &tr!("map-zoom-out")).clicked() {
                    let _ = self.memory.zoom_out();
                }
                ui.separator();
                if button(ui, Icon::Fit, &tr!("map-fit")).clicked() {
                    self.fit_to_selection(workspace);
                }
                if button(ui, Icon::Home, &tr!("map-reset")).clicked() {
                    self.reset_view();
                }
                ui.separator();
                let layers = button(ui, Icon::Layers, &tr!("map-layers"));
                egui::Popup::menu(&layers).show(|ui| self.layers_menu(ui));
            });
        });

        // Legend, bottom left above the scale bar: the top left is where
        // Dushanbe and the Tajik side are.
        egui::Area::new(egui::Id::unique("map_legend"))
            .pivot(Align2::LEFT_BOTTOM)
            .fixed_pos(rect.left_bottom() + vec2(10.0, -40.0))
            .constrain_to(rect)
            .show(ui.ctx(), |ui| {
                frame.show(ui, |ui| self.legend(ui));
            });

        // Scale bar, bottom left.
        scale_bar(ui, view);

        // Cursor position and attribution, bottom right.
        let attribution = match (&self.tiles, &self.settings.basemap) {
            (Some(t), _) => t.attribution().text.to_string(),
            (None, _) => offline_attribution(),
        };
        let mut lines = vec![attribution];
        if let Some((lon, lat)) = self.cursor {
            lines.insert(
                0,
                format!("{lat:.5}, {lon:.5}   {}", projection::dms(lon, lat)),
            );
        }
        corner_lines(ui, rect, &lines);

        // The picked area, bottom centre.
        if let Some(picked) = &self.picked {
            let area = picked.area;
            let count = picked.members.len();
            let bar = Rect::from_center_size(
                egui::pos2(rect.center().x, rect.bottom() - 60.0),
                vec2(420.0, 34.0),
            );
            let mut close = false;
            ui.scope_builder(UiBuilder::new().max_rect(bar), |ui| {
                frame.show(ui, |ui| {
                    ui.horizontal(|ui| {
                        ui.label(tr!("map-in-the-area", count = count));
                        if ui.button(tr!("map-filter-to-this-area")).clicked() {
                            commands.push(Command::SetArea(Some(area)));
                            close = true;
                        }
                        if count == 1 && ui.button(tr!("map-select-it")).clicked() {
                            commands.push(Command::Select(workspace.kept_id(picked.members[0])));
                            close = true;
                        }
                        if ui.button("×").on_hover_text(tr!("map-clear-esc")).clicked() {
                            close = true;
                        }
                    });
                });
            });
            if close {
                self.picked = None;
            }
        }

        // Incidents at one point, listed to pick from.
        if let Some((at, members)) = self.colocated_menu.clone() {
            let mut close = false;
            egui::Area::new(egui::Id::unique("colocated_incidents"))
                .fixed_pos(at + vec2(14.0, -10.0))
                .order(egui::Order::Foreground)
                .show(ui.ctx(), |ui| {
                    frame.show(ui, |ui| {
                        ui.label(
                            RichText::new(tr!("map-at-this-location", count = members.len()))
                                .strong(),
                        );
                        ui.label(RichText::new(tr!("map-their-places-are-known")).small());
                        ui.separator();
                        for &m in members.iter().take(30) {
                            let Some(incident) = workspace.kept(m) else {
                                continue;
                            };
                            let text = format!(
                                "{} · {}",
                                crate::ui::shown_date(&incident.date()),
                                for_display(incident.title())
                            );
                            if ui
                                .selectable_label(workspace.selected == Some(incident.id()), text)
                                .clicked()
                            {
                                commands.push(Command::Select(Some(incident.id())));
                                close = true;
                            }
                        }
                        if members.len() > 30 {
                            ui.label(tr!("import-and-more", count = members.len() - 30));
                        }
                    });
                });
            if close {
                self.colocated_menu = None;
            }
        }

        if let Some(error) = self
            .basemap_error
            .clone()
            .or_else(|| self.tiles_error.clone())
        {
            let bar = Rect::from_center_size(
                egui::pos2(rect.center().x, rect.top() + 30.0),
                vec2(520.0, 40.0),
            );
            ui.scope_builder(UiBuilder::new().max_rect(bar), |ui| {
                frame.show(ui, |ui| {
                    ui.horizontal_wrapped(|ui| {
                        ui.colored_label(ui.visuals().error_fg_color, error);
                        if ui.small_button(tr!("map-ok")).clicked() {
                            self.tiles_error = None;
                        }
                    });
                });
            });
        }
    }

    fn layers_menu(&mut self, ui: &mut egui::Ui) {
        ui.label(RichText::new(tr!("map-basemap")).strong());
        let mut choice = self.settings.basemap.clone();
        ui.radio_value(
            &mut choice,
            BasemapChoice::Offline,
            BasemapChoice::Offline.label(),
        );
        ui.radio_value(
            &mut choice,
            BasemapChoice::OpenStreetMap,
            BasemapChoice::OpenStreetMap.label(),
        )
        .on_hover_text(tr!("map-downloads-tiles-from-tile"));
        ui.radio_value(
            &mut choice,
            BasemapChoice::OpenTopoMap,
            BasemapChoice::OpenTopoMap.label(),
        )
        .on_hover_text(tr!("map-downloads-tiles-from-opentopomap"));
        if let BasemapChoice::LocalFile(_) = &self.settings.basemap {
            ui.radio_value(
                &mut choice,
                self.settings.basemap.clone(),
                self.settings.basemap.label(),
            );
        }
        if ui.button(tr!("map-open-tile-file-mbtiles")).clicked() {
            ui.close();
            use crate::ui::file_chooser::{FileRequest, Picked, pick};
            match pick(FileRequest::open(
                tr!("map-raster-tiles"),
                &["mbtiles", "pmtiles"],
            )) {
                Picked::Chosen(path) => choice = BasemapChoice::LocalFile(path),
                Picked::InWindow(chooser) => self.tile_chooser = Some(chooser),
                Picked::Cancelled => {}
            }
        }
        if choice != self.settings.basemap {
            if choice.is_online() && !self.settings.online_warning_accepted {
                self.pending_online = Some(choice);
            } else {
                self.settings.basemap = choice;
            }
        }
        ui.separator();
        ui.label(RichText::new(tr!("map-place-names")).strong());
        for (script, name) in [
            (LabelScript::Latin, tr!("map-names-latin")),
            (LabelScript::Cyrillic, tr!("map-names-cyrillic")),
            (LabelScript::Local, tr!("map-names-local")),
        ] {
            ui.radio_value(&mut self.settings.label_script, script, name);
        }
        ui.separator();
        ui.label(RichText::new(tr!("map-incidents")).strong());
        ui.label(tr!("map-incidents-as"));
        let choice = &mut self.settings.layer.incidents_as;
        ui.radio_value(
            choice,
            IncidentsAs::Auto,
            tr!("map-markers-shaded-when-zoomed"),
        )
        .on_hover_text(tr!("map-auto-density", count = AUTO_DENSITY_FROM));
        ui.radio_value(choice, IncidentsAs::Markers, tr!("map-markers-always"));
        ui.radio_value(choice, IncidentsAs::Density, tr!("map-density-view-always"));
        let mut show_precision = !self.settings.layer.hide_precision;
        if ui
            .checkbox(&mut show_precision, tr!("map-show-location-uncertainty"))
            .changed()
        {
            self.settings.layer.hide_precision = !show_precision;
        }
        ui.checkbox(&mut self.settings.legend_open, tr!("map-show-legend"));
    }

    fn legend(&mut self, ui: &mut egui::Ui) {
        let header = ui
            .add(
                egui::Label::new(
                    RichText::new(legend_title(&self.settings, self.density)).strong(),
                )
                .sense(egui::Sense::click()),
            )
            .on_hover_text(tr!("map-click-to-fold-or"));
        if header.clicked() {
            self.settings.legend_open = !self.settings.legend_open;
        }
        if self.settings.legend_open {
            legend_body(ui, &self.settings, &self.legend_counts, self.density);
        }
    }

    fn dialogs(&mut self, ui: &mut egui::Ui) {
        if let Some(path) = crate::ui::file_chooser::chosen(&mut self.tile_chooser, ui.ctx()) {
            self.settings.basemap = BasemapChoice::LocalFile(path);
        }
        let Some(choice) = self.pending_online.clone() else {
            return;
        };
        let mut decided = None;
        egui::Modal::new(egui::Id::unique("online_tiles_warning")).show(ui.ctx(), |ui| {
            ui.set_max_width(420.0);
            ui.heading(tr!("map-load-map-tiles-from"));
            ui.add_space(6.0);
            ui.label(tr!("map-online-warning", layer = choice.label()));
            ui.add_space(4.0);
            ui.label(tr!("map-tiles-you-have-seen"));
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button(tr!("map-use-online-tiles")).clicked() {
                    decided = Some(true);
                }
                if ui.button(tr!("map-stay-offline")).clicked() {
                    decided = Some(false);
                }
            });
        });
        if let Some(accepted) = decided {
            self.pending_online = None;
            if accepted {
                self.settings.online_warning_accepted = true;
                self.settings.basemap = choice;
            }
        }
    }
}

/// The density view's scale: the glow of one incident at a spot, of a
/// few, and of the busiest spot on screen, with their counts.
fn density_scale(ui: &mut egui::Ui, most: usize) {
    let mut steps: Vec<usize> = vec![1, 10, 100, 1000, 10_000, 100_000];
    steps.retain(|n| *n < most);
    steps.push(most.max(1));
    ui.horizontal(|ui| {
        for n in steps {
            ui.vertical(|ui| {
                let (r, _) = ui.allocate_exact_size(vec2(34.0, 12.0), egui::Sense::hover());
                ui.painter()
                    .rect_filled(r, 2.0, incident_layer::density_colour(n, most));
                ui.label(RichText::new(crate::lang::number(n as i64)).small());
            });
        }
    });
    ui.label(RichText::new(tr!("map-incidents-at-one-spot")).small());
}

/// The legend's heading: what the colours mean in the view shown.
pub(super) fn legend_title(settings: &MapSettings, density: Option<usize>) -> String {
    if !settings.legend_open {
        tr!("map-legend")
    } else if density.is_some() {
        tr!("map-density-view")
    } else {
        tr!("map-perpetrator-leading-claim")
    }
}

/// The legend under its heading: it explains what is drawn, and only that.
/// The window and the map picture draw the same one.
pub(super) fn legend_body(
    ui: &mut egui::Ui,
    settings: &MapSettings,
    counts: &[(String, Color32, usize)],
    density: Option<usize>,
) {
    if let Some(most) = density {
        density_scale(ui, most);
        ui.label(RichText::new(tr!("map-the-red-glow-is")).small());
        if settings.layer.incidents_as == IncidentsAs::Auto {
            ui.label(RichText::new(tr!("map-zoom-in-to-see")).small().strong());
        }
        return;
    }
    if counts.is_empty() {
        ui.label(RichText::new(tr!("map-no-incidents-pass-the")).italics());
    }
    for (name, colour, count) in counts.iter().take(12) {
        ui.horizontal(|ui| {
            let (r, _) = ui.allocate_exact_size(vec2(12.0, 12.0), egui::Sense::hover());
            ui.painter().circle(
                r.center(),
                5.5,
                *colour,
                Stroke::new(1.0, ui.visuals().extreme_bg_color),
            );
            ui.label(format!("{name}  ({})", crate::lang::number(*count as i64)));
        });
    }
    if counts.len() > 12 {
        ui.label(tr!("map-more", count = counts.len() - 12));
    }
    ui.separator();
    let grey = UNATTRIBUTED;
    ui.horizontal(|ui| {
        let (r, _) = ui.allocate_exact_size(vec2(12.0, 12.0), egui::Sense::hover());
        ui.painter().circle(
            r.center(),
            5.0,
            grey,
            Stroke::new(1.0, ui.visuals().extreme_bg_color),
        );
        ui.label(tr!("map-exact-place"));
    });
    ui.horizontal(|ui| {
        let (r, _) = ui.allocate_exact_size(vec2(12.0, 12.0), egui::Sense::hover());
        ui.painter().circle(
            r.center(),
            5.0,
            grey.gamma_multiply(0.35),
            Stroke::new(2.0, grey),
        );
        ui.label(tr!("map-approximate-place"))
            .on_hover_text(tr!("map-the-dashed-ring-is"));
    });
    if !settings.layer.hide_precision {
        ui.label(RichText::new(tr!("map-dashed-ring-where-it")).small());
    }
    ui.label(RichText::new(tr!("map-size-people-killed-number")).small());
}

/// Lines of small text stacked in the bottom right corner of `rect`, each
/// on a light backing (the cursor position, the basemap's credit).
pub(super) fn corner_lines(ui: &egui::Ui, rect: Rect, lines: &[String]) {
    let font = egui::FontId::proportional(11.0);
    let mut y = rect.bottom() - 4.0;
    for line in lines.iter().rev() {
        let galley =
            ui.painter()
                .layout_no_wrap(line.clone(), font.clone(), ui.visuals().text_color());
        let r = Align2::RIGHT_BOTTOM
            .anchor_size(egui::pos2(rect.right() - 6.0, y), galley.size())
            .expand2(vec2(4.0, 1.0));
        ui.painter()
            .rect_filled(r, 2.0, ui.visuals().extreme_bg_color.gamma_multiply(0.85));
        ui.painter()
            .galley(r.min + vec2(4.0, 1.0), galley, ui.visuals().text_color());
        y = r.top() - 2.0;
    }
}

/// The map's control icons, drawn as shapes: the default fonts have no
/// glyphs for them.
#[derive(Clone, Copy)]
enum Icon {
    ZoomIn,
    ZoomOut,
    Fit,
    Home,
    Layers,
}

/// A small "!" in an amber disc above and right of a conflicted incident.
fn paint_conflict_badge(painter: &egui::Painter, at: Pos2) {
    let centre = at + egui::vec2(9.0, -9.0);
    let amber = egui::Color32::from_rgb(0xf5, 0x9e, 0x0b);
    painter.circle(
        centre,
        6.5,
        amber,
        egui::Stroke::new(1.0, egui::Color32::BLACK),
    );
    painter.text(
        centre,
        egui::Align2::CENTER_CENTER,
        "!",
        egui::FontId::proportional(10.0),
        egui::Color32::BLACK,
    );
}

/// The form's pin: a drop with its point at `tip`.
fn paint_pin(painter: &egui::Painter, tip: Pos2) {
    let head = tip - vec2(0.0, 22.0);
    let outline = Stroke::new(2.0, Color32::WHITE);
    let colour = Color32::from_rgb(0x2B, 0x6C, 0xB0);
    painter.add(egui::Shape::convex_polygon(
        vec![tip, head + vec2(-8.0, 4.0), head + vec2(8.0, 4.0)],
        colour,
        outline,
    ));
    painter.circle(head, 9.0, colour, outline);
    painter.circle_filled(head, 3.5, Color32::WHITE);
    painter.circle_filled(tip, 2.0, Color32::BLACK);
}

fn icon_button(ui: &mut egui::Ui, icon: Icon) -> egui::Response {
    let (rect, response) = ui.allocate_exact_size(vec2(28.0, 26.0), egui::Sense::click());
    let visuals = ui.style().interact(&response);
    if response.hovered() {
        ui.painter().rect_filled(rect, 3.0, visuals.weak_bg_fill);
    }
    let stroke = Stroke::new(1.6, visuals.fg_stroke.color);
    let c = rect.center();
    let p = ui.painter();
    match icon {
        Icon::ZoomIn => {
            p.line_segment([c - vec2(6.0, 0.0), c + vec2(6.0, 0.0)], stroke);
            p.line_segment([c - vec2(0.0, 6.0), c + vec2(0.0, 6.0)], stroke);
        }
        Icon::ZoomOut => {
            p.line_segment([c - vec2(6.0, 0.0), c + vec2(6.0, 0.0)], stroke);
        }
        Icon::Fit => {
            for (sx, sy) in [(-1.0, -1.0), (1.0, -1.0), (-1.0, 1.0), (1.0, 1.0)] {
                let corner = c + vec2(6.5 * sx, 6.0 * sy);
                p.line_segment([corner, corner - vec2(3.5 * sx, 0.0)], stroke);
                p.line_segment([corner, corner - vec2(0.0, 3.5 * sy)], stroke);
            }
        }
        Icon::Home => {
            let roof = [
                c + vec2(-7.0, -0.5),
                c + vec2(0.0, -7.0),
                c + vec2(7.0, -0.5),
            ];
            p.line_segment([roof[0], roof[1]], stroke);
            p.line_segment([roof[1], roof[2]], stroke);
            p.rect_stroke(
                Rect::from_min_max(c + vec2(-4.5, -1.5), c + vec2(4.5, 6.5)),
                0.0,
                stroke,
                egui::StrokeKind::Middle,
            );
        }
        Icon::Layers => {
            for dy in [-5.0, 0.0, 5.0] {
                p.line_segment([c + vec2(-6.5, dy), c + vec2(6.5, dy)], stroke);
            }
        }
    }
    response
}

/// The lon/lat box of a screen rectangle.
/// Where an area lies on the screen (the inverse of [`area_of`]).
fn screen_rect_of(view: &Viewport, area: &BBox) -> Rect {
    let a = view.to_screen(crate::map::projection::world(area.min_lon, area.max_lat));
    let b = view.to_screen(crate::map::projection::world(area.max_lon, area.min_lat));
    Rect::from_two_pos(a, b)
}

fn area_of(view: &Viewport, rect: Rect) -> BBox {
    let (min_lon, max_lat) = view.lon_lat_at(rect.left_top());
    let (max_lon, min_lat) = view.lon_lat_at(rect.right_bottom());
    BBox {
        min_lon,
        min_lat,
        max_lon,
        max_lat,
    }
}

fn members_bounds(layer: &IncidentLayer, members: &[usize]) -> [f64; 4] {
    members
        .iter()
        .fold([f64::MAX, f64::MAX, f64::MIN, f64::MIN], |b, &m| {
            let i = &layer.incidents[m];
            [
                b[0].min(i.lon),
                b[1].min(i.lat),
                b[2].max(i.lon),
                b[3].max(i.lat),
            ]
        })
}

/// Whether a click on a group lists its incidents rather than zooming in:
/// when they all sit at one point (often a province- or country-level
/// stand-in), zooming cannot part them.
fn lists_on_click(layer: &IncidentLayer, members: &[usize], zoom: f64) -> bool {
    let bounds = members_bounds(layer, members);
    let span = (bounds[2] - bounds[0]).max(bounds[3] - bounds[1]);
    span < 1e-4 || zoom >= 16.0
}

fn tooltip(
    ui: &mut egui::Ui,
    workspace: &Workspace,
    hovered_record: &mut WholeShown,
    members: &[usize],
    lists_on_click: bool,
) {
    ui.set_max_width(360.0);
    if let [only] = members
        && let Some(incident) = workspace.kept(*only)
    {
        incident_tooltip(ui, workspace, hovered_record, incident);
        return;
    }
    let rows = || members.iter().filter_map(|&m| workspace.kept(m));
    let killed: u64 = rows().map(|i| i.killed()).sum();
    // A total built from an "at least" figure is one too, as on the marker.
    let plus = if rows().any(|i| i.has_minimum_figures()) {
        "+"
    } else {
        ""
    };
    ui.label(
        RichText::new(tr!(
            "map-group-tooltip",
            count = members.len(),
            killed = format!("{}{plus}", crate::lang::number(killed as i64))
        ))
        .strong(),
    );
    for incident in rows().take(6) {
        if crate::model::script::has_right_to_left(incident.title()) {
            ui.label(crate::ui::shown_date(&incident.date()));
            super::text::paragraph(ui, incident.title(), RichText::new);
        } else {
            ui.label(format!(
                "{} · {}",
                crate::ui::shown_date(&incident.date()),
                incident.title()
            ));
        }
    }
    if members.len() > 6 {
        ui.label(tr!("import-and-more", count = members.len() - 6));
    }
    let click = if lists_on_click {
        tr!("map-share-one-point")
    } else {
        tr!("map-click-to-zoom-in")
    };
    ui.label(RichText::new(click).small().italics());
}

/// One incident: what the lists know at once, its claims and casualty
/// rows when its record has been read.
fn incident_tooltip(
    ui: &mut egui::Ui,
    workspace: &Workspace,
    hovered_record: &mut WholeShown,
    incident: ListedRow,
) {
    super::text::paragraph(ui, incident.title(), |t| RichText::new(t).strong());
    let date = incident.date();
    ui.label(tr!(
        "map-tooltip-what-when",
        what = incident.event_type().tr_label(),
        when = crate::ui::long_interval(&date),
        precision = date.precision.tr_label().to_lowercase()
    ));
    let place = for_display(incident.place_or_province());
    ui.label(tr!(
        "map-tooltip-where",
        place = place,
        precision = incident.precision().tr_label().to_lowercase()
    ));
    if let Some(km) = incident.border_km() {
        let side = if km > 0.0 {
            tr!("map-tajik-side")
        } else if km < 0.0 {
            tr!("map-afghan-side")
        } else {
            tr!("map-on-the-line")
        };
        ui.label(tr!(
            "map-km-from-border",
            km = format!("{:.1}", km.abs()),
            side = side
        ));
    }
    let read = hovered_record.get(ui.ctx(), workspace, incident.id(), incident.listed.version);
    let Some(Ok(Some(whole))) = read.map(|r| &r.whole) else {
        if read.is_none() {
            ui.spinner();
        }
        return;
    };
    if !whole.claims.is_empty() {
        ui.separator();
        for c in &whole.claims {
            ui.label(super::claim_line(c, &workspace.actors));
        }
    }
    if !whole.casualties.is_empty() {
        ui.separator();
        for c in &whole.casualties {
            let nationality = c.nationality.map_or_else(
                || tr!("map-nationality-unknown"),
                |n| super::country_name(&n),
            );
            ui.label(tr!(
                "map-casualty",
                nationality = nationality,
                role = c.role.tr_label().to_lowercase(),
                killed = super::people(u64::from(c.killed), c.figure == Figure::Minimum),
                wounded = super::people(u64::from(c.wounded), c.figure == Figure::Minimum)
            ));
        }
    }
}

/// A bar of a round length (1, 2 or 5 × 10ⁿ km or m) at most 120 px long.
pub fn scale_length(metres_per_pixel: f64) -> (f64, String) {
    let max_metres = 120.0 * metres_per_pixel;
    let magnitude = 10f64.powf(max_metres.log10().floor());
    let metres = [5.0, 2.0, 1.0]
        .iter()
        .map(|f| f * magnitude)
        .find(|m| *m <= max_metres)
        .unwrap_or(magnitude);
    let label = if metres >= 1000.0 {
        tr!("map-scale-km", km = (metres / 1000.0).to_string())
    } else {
        tr!("map-scale-m", m = metres.to_string())
    };
    (metres / metres_per_pixel, label)
}

pub(super) fn scale_bar(ui: &egui::Ui, view: &Viewport) {
    let (_, lat) = view.lon_lat_at(view.rect.center());
    let (px, label) = scale_length(view.metres_per_pixel(lat));
    let origin = view.rect.left_bottom() + vec2(12.0, -12.0);
    let colour = ui.visuals().text_color();
    let back = ui.visuals().extreme_bg_color.gamma_multiply(0.85);
    let px = px as f32;
    ui.painter().rect_filled(
        Rect::from_min_max(origin + vec2(-4.0, -20.0), origin + vec2(px + 4.0, 4.0)),
        2.0,
        back,
    );
    let stroke = Stroke::new(1.5, colour);
    ui.painter()
        .line_segment([origin, origin + vec2(px, 0.0)], stroke);
    ui.painter()
        .line_segment([origin, origin + vec2(0.0, -5.0)], stroke);
    ui.painter()
        .line_segment([origin + vec2(px, 0.0), origin + vec2(px, -5.0)], stroke);
    ui.painter().text(
        origin + vec2(px / 2.0, -6.0),
        Align2::CENTER_BOTTOM,
        label,
        egui::FontId::proportional(11.0),
        colour,
    );
}

impl Panel for MapPanel {
    fn ui(&mut self, ui: &mut egui::Ui, workspace: &Workspace, commands: &mut Vec<Command>) {
        self.pin = workspace.activity.pin;
        self.picking = workspace.activity.picking_on_map;
        self.sync_tiles(ui.ctx());
        // The view first: a layer made on a worker is grouped for its zoom.
        self.apply_pending_view(ui.available_size());
        self.follow(ui.ctx(), workspace);
        self.name_legend(workspace);
        let current = self.is_in_step(workspace);
        self.keyboard(ui, workspace);
        let selected: Vec<usize> = if current {
            self.selected_members(workspace)
                .into_iter()
                .chain(self.picked.iter().flat_map(|p| p.members.iter().copied()))
                .collect()
        } else {
            Vec::new()
        };
        let (response, view) = self.draw(ui, &selected, &workspace.conflict_points);
        if !current {
            // The markers drawn are the last filter's: their numbers are
            // not the workspace's any more, so nothing can be picked.
            self.markers.clear();
        }
        self.pointer(ui, &response, &view, workspace, commands);
        self.overlays(ui, &view, workspace, commands);
        self.dialogs(ui);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scale_bars_have_round_lengths() {
        // ~1.5 km a pixel (zoom ~6.5 at 37° N): 120 px is 180 km -> 100 km.
        let (px, label) = scale_length(1500.0);
        assert_eq!(label, "100 km");
        assert!((px - 66.67).abs() < 0.1);
        let (_, label) = scale_length(4.0);
        assert_eq!(label, "200 m");
        let (_, label) = scale_length(420.0);
        assert_eq!(label, "50 km");
    }

    /// A layer made on a worker: until it comes, the map keeps drawing
    /// the last filter's incidents and offers none of them to the
    /// pointer (their numbers are not the workspace's any more); then it
    /// draws the new filter's.
    #[test]
    fn a_layer_made_on_a_worker_replaces_the_last_one_when_it_comes() {
        use crate::filter::Filter;
        use crate::model::CountryCode;
        let mut workspace = crate::workspace::seeded_for_tests();
        let mut panel = MapPanel::new(MapSettings::default(), None);
        workspace.on_a_worker_from = 0;
        let ctx = egui::Context::default();
        let until_in_step = |panel: &mut MapPanel, workspace: &Workspace| {
            let in_step = std::cell::Cell::new(false);
            super::super::frames_until(
                &ctx,
                |ui| {
                    panel.ui(ui, workspace, &mut Vec::new());
                    in_step.set(panel.is_in_step(workspace));
                },
                || in_step.get(),
            );
        };
        until_in_step(&mut panel, &workspace);
        assert_eq!(panel.layer().incidents.len(), 3);
        // Grouped for the zoom the map shows, not the one it had before
        // its first view was set (at a million, grouping for the wrong
        // zoom took the worker 20 s).
        let grouped_for_its_zoom = |panel: &MapPanel| {
            let grouped = panel.layer().grouped_for_zoom().expect("grouped");
            assert!(
                (panel.zoom() - grouped).abs() < 0.5,
                "{grouped} for {}",
                panel.zoom()
            );
        };
        grouped_for_its_zoom(&panel);

        workspace.set_filter(Filter {
            nationalities: [Some(CountryCode::AF)].into(),
            ..Filter::default()
        });
        let kept = workspace.incidents.len();
        assert!(kept < 3);
        super::super::frame(&ctx, |ui| panel.ui(ui, &workspace, &mut Vec::new()));
        assert!(!panel.is_in_step(&workspace), "made on the worker");
        assert_eq!(panel.layer().incidents.len(), 3, "the last picture stays");
        assert!(panel.markers.is_empty(), "and offers nothing to pick");
        until_in_step(&mut panel, &workspace);
        assert_eq!(panel.layer().incidents.len(), kept);
        grouped_for_its_zoom(&panel);
    }
}
