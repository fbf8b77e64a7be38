//! The incident layer's data: every filtered incident projected once, with
//! what its marker needs (colour, size, precision, border distance), and
//! the clusters for the current zoom, recomputed only when the zoom moves
//! to another step.

use super::cluster::{Cluster, cluster, separate};
use super::projection::{World, world};
use super::style::ActorPalette;
use crate::filter::{ActorDirectory, BBox, leading_claim};
use crate::model::{Incident, LocationPrecision};
use egui::Color32;
use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, channel};

/// Marker radius in screen pixels within which incidents are grouped.
pub const CLUSTER_RADIUS_PX: f64 = 26.0;

/// Clusters are kept for zoom steps this fine, so a smooth zoom gesture
/// regroups a few times rather than on every frame.
const ZOOM_STEP: f64 = 0.5;

/// One incident as the map draws it. The window keeps a million of these
/// twice (every incident, and the filter's layer): 40 bytes each, where
/// word-sized numbers made them 56.
#[derive(Debug, Clone)]
pub struct MapIncident {
    /// Index into the incident slice the layer was built from, which is
    /// also its index in [`IncidentLayer::incidents`].
    pub index: u32,
    pub lon: f64,
    pub lat: f64,
    /// Saturates at `u32::MAX`.
    pub killed: u32,
    /// Some figure is only a lower bound ("at least one killed").
    pub killed_is_minimum: bool,
    pub colour: Color32,
    pub precision: LocationPrecision,
    /// Signed km to the Tajik–Afghan border (+ Tajik side, − Afghan side),
    /// to the metre.
    pub border_km: Option<f32>,
}

/// A position as a layer keeps it (a layer has fewer than 4 billion points).
fn small(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn saturating(killed: u64) -> u32 {
    u32::try_from(killed).unwrap_or(u32::MAX)
}

impl MapIncident {
    /// Whether the marker must show its uncertainty circle.
    pub fn is_imprecise(&self) -> bool {
        self.precision != LocationPrecision::Exact
    }
}

/// Marker radius in pixels for a number of people killed: area grows with
/// the toll, so a massacre stands out without hiding its neighbours.
pub fn marker_radius(killed: u64) -> f32 {
    (4.5 + 2.6 * (killed as f32).sqrt()).min(20.0)
}

/// Radius in pixels of the pie of a group of `count` incidents.
pub fn group_radius(count: usize) -> f32 {
    (11.0 + 3.0 * (count as f32).ln()).min(GROUP_RADIUS_MAX)
}

/// The largest pie drawn (px).
pub const GROUP_RADIUS_MAX: f32 = 26.0;

/// Room kept between two markers (px), so that their outlines never touch.
const MARKER_GAP_PX: f64 = 3.0;

/// The groups of `worlds` at `zoom`, no two of which are drawn over each
/// other: grouped by distance, then separated by the radius each group's
/// marker is drawn with (`radii[i]` for a lone incident `i`).
pub fn group(worlds: &[World], radii: &[f32], zoom: f64) -> Vec<Cluster> {
    let radius = |c: &Cluster| -> f64 {
        match c.members.as_slice() {
            [one] => f64::from(
                radii
                    .get(*one as usize)
                    .copied()
                    .unwrap_or(GROUP_RADIUS_MAX),
            ),
            many => f64::from(group_radius(many.len())),
        }
    };
    separate(
        cluster(worlds, zoom, CLUSTER_RADIUS_PX),
        zoom,
        radius,
        f64::from(GROUP_RADIUS_MAX),
        MARKER_GAP_PX,
    )
}

/// What one group's marker shows, worked out once for each grouping
/// rather than on every frame: with a million incidents in view, walking
/// the members each frame cost tens of milliseconds.
#[derive(Debug, Clone)]
pub struct GroupSummary {
    /// Indexes into [`IncidentLayer::incidents`], ascending.
    pub members: Arc<Vec<usize>>,
    pub killed: u64,
    /// Some member's toll is only a lower bound.
    pub killed_is_minimum: bool,
    /// When every member is imprecise: the smallest uncertainty in km,
    /// with the first member's latitude and colour.
    pub uncertainty: Option<(f64, f64, Color32)>,
    /// The colour of the only member, and whether it is imprecise.
    pub only: Option<(Color32, bool)>,
    /// Members per colour (RGBA), in colour order.
    pub shares: Vec<([u8; 4], usize)>,
}

impl GroupSummary {
    fn of(cluster: &Cluster, incidents: &[MapIncident]) -> GroupSummary {
        let items: Vec<&MapIncident> = cluster
            .members
            .iter()
            .filter_map(|&m| incidents.get(m as usize))
            .collect();
        let mut shares: BTreeMap<[u8; 4], usize> = BTreeMap::new();
        for item in &items {
            *shares.entry(item.colour.to_array()).or_default() += 1;
        }
        let uncertainty =
            (!items.is_empty() && items.iter().all(|i| i.is_imprecise())).then(|| {
                let km = items
                    .iter()
                    .map(|i| i.precision.uncertainty_km())
                    .fold(f64::MAX, f64::min);
                (km, items[0].lat, items[0].colour)
            });
        GroupSummary {
            members: Arc::new(cluster.members.iter().map(|&m| m as usize).collect()),
            killed: items.iter().map(|i| u64::from(i.killed)).sum(),
            killed_is_minimum: items.iter().any(|i| i.killed_is_minimum),
            uncertainty,
            only: match items.as_slice() {
                [only] => Some((only.colour, only.is_imprecise())),
                _ => None,
            },
            shares: shares.into_iter().collect(),
        }
    }
}

/// A layer's points, shared between threads: what
/// [`IncidentLayer::subset`] gathers from.
#[derive(Clone, Default)]
pub struct LayerSource {
    incidents: Arc<Vec<MapIncident>>,
    worlds: Arc<Vec<World>>,
    radii: Arc<Vec<f32>>,
}

impl LayerSource {
    /// A layer of the points at `members`, in that order, with nothing
    /// grouped yet.
    pub fn subset(&self, members: &[usize]) -> IncidentLayer {
        // Every point in order (a filter that keeps everything): the
        // points are shared, not copied; at a million a copy is 60 MB
        // more for as long as the layer is drawn. A write then copies
        // them once, for the layer that follows it.
        let everything = members.len() == self.incidents.len()
            && members.iter().enumerate().all(|(at, &m)| at == m);
        if everything {
            return IncidentLayer {
                incidents: Arc::clone(&self.incidents),
                worlds: Arc::clone(&self.worlds),
                radii: Arc::clone(&self.radii),
                ..IncidentLayer::default()
            };
        }
        let incidents = members
            .iter()
            .enumerate()
            .filter_map(|(index, &m)| {
                let mut incident = self.incidents.get(m)?.clone();
                incident.index = small(index);
                Some(incident)
            })
            .collect();
        let worlds = members
            .iter()
            .filter_map(|&m| self.worlds.get(m).copied())
            .collect();
        let radii = members
            .iter()
            .filter_map(|&m| self.radii.get(m).copied())
            .collect();
        IncidentLayer {
            incidents: Arc::new(incidents),
            worlds: Arc::new(worlds),
            radii: Arc::new(radii),
            ..IncidentLayer::default()
        }
    }

    /// [`LayerSource::subset`] grouped for `zoom`, with its groups'
    /// summaries: everything the first frame that draws it would
    /// otherwise work out on the spot.
    pub fn prepared_subset(&self, members: &[usize], zoom: f64) -> IncidentLayer {
        let mut layer = self.subset(members);
        layer.prepare(zoom, || {});
        layer.summaries();
        layer
    }
}

/// Zoom steps whose clusters are kept at once.
const KEPT_STEPS: usize = 8;

/// Clusters of one zoom step.
type Clusters = Arc<Vec<Cluster>>;

/// The filtered incidents, ready to draw.
///
/// Grouping 100 000 points takes longer than a frame, so a zoom step not
/// yet grouped is computed on a worker thread (with its neighbours, where
/// the zoom is likely to go next) while the map keeps drawing the groups
/// it has; only the very first grouping is done on the spot.
#[derive(Default)]
pub struct IncidentLayer {
    /// Shared, so that a layer of some of them can be made on a worker
    /// ([`IncidentLayer::source`]) without copying a million points first.
    pub incidents: Arc<Vec<MapIncident>>,
    worlds: Arc<Vec<World>>,
    /// The radius of each incident's marker drawn alone (px).
    radii: Arc<Vec<f32>>,
    /// Computed steps, most recently used last.
    cache: Vec<(i64, Clusters)>,
    /// The step the map draws now (maybe a neighbour of the one wanted).
    shown: Option<(i64, Clusters)>,
    worker: Option<Receiver<(i64, Vec<Cluster>)>>,
    requested: Vec<i64>,
    /// The summaries of the groups in `shown`, and those groups.
    summaries: Option<(Clusters, Arc<Vec<GroupSummary>>)>,
}

impl std::fmt::Debug for IncidentLayer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IncidentLayer")
            .field("incidents", &self.incidents.len())
            .field(
                "cached_steps",
                &self.cache.iter().map(|(s, _)| *s).collect::<Vec<_>>(),
            )
            .finish()
    }
}

impl IncidentLayer {
    pub fn build<I: std::borrow::Borrow<Incident>>(
        incidents: &[I],
        actors: &ActorDirectory,
        palette: &ActorPalette,
    ) -> IncidentLayer {
        let leaders: Vec<Option<uuid::Uuid>> = incidents
            .iter()
            .map(|i| leading_claim(i.borrow(), actors).map(|(a, _)| a.id))
            .collect();
        IncidentLayer::build_with_leaders(incidents, &leaders, palette)
    }

    /// As [`IncidentLayer::build`], with each incident's leading actor
    /// (`leaders[i]` for `incidents[i]`) already worked out.
    pub fn build_with_leaders<I: std::borrow::Borrow<Incident>>(
        incidents: &[I],
        leaders: &[Option<uuid::Uuid>],
        palette: &ActorPalette,
    ) -> IncidentLayer {
        let incidents: Vec<MapIncident> = incidents
            .iter()
            .enumerate()
            .map(|(index, incident)| (index, incident.borrow()))
            .map(|(index, incident)| MapIncident {
                index: small(index),
                lon: incident.location.lon,
                lat: incident.location.lat,
                killed: saturating(incident.killed()),
                killed_is_minimum: incident.has_minimum_figures(),
                colour: palette.colour(leaders.get(index).copied().flatten()),
                precision: incident.location.precision,
                border_km: incident.location.border_km.map(|km| km as f32),
            })
            .collect();
        let worlds = Arc::new(incidents.iter().map(|i| world(i.lon, i.lat)).collect());
        let radii = Arc::new(
            incidents
                .iter()
                .map(|i| marker_radius(u64::from(i.killed)))
                .collect(),
        );
        IncidentLayer {
            incidents: Arc::new(incidents),
            worlds,
            radii,
            ..IncidentLayer::default()
        }
    }

    /// The layer of the indexed incidents at `members` (positions in
    /// `index`), coloured by each one's leading actor: drawn from the
    /// packed index alone, before any record is read.
    pub fn from_index(
        index: &crate::filter::facets::FacetIndex,
        members: &[usize],
        palette: &ActorPalette,
    ) -> IncidentLayer {
        let incidents: Vec<MapIncident> = members
            .iter()
            .filter_map(|&m| Some((m, index.point(m)?)))
            .enumerate()
            .map(|(at, (m, point))| MapIncident {
                index: small(at),
                lon: point.lon,
                lat: point.lat,
                killed: saturating(point.killed),
                killed_is_minimum: point.killed_is_minimum,
                colour: palette.colour(index.leader(m)),
                precision: point.precision,
                border_km: point.border_km.map(|km| km as f32),
            })
            .collect();
        let worlds = Arc::new(incidents.iter().map(|i| world(i.lon, i.lat)).collect());
        let radii = Arc::new(
            incidents
                .iter()
                .map(|i| marker_radius(u64::from(i.killed)))
                .collect(),
        );
        IncidentLayer {
            incidents: Arc::new(incidents),
            worlds,
            radii,
            ..IncidentLayer::default()
        }
    }

    /// Puts `incident` at position `n` (one past the end adds it), after a
    /// write to it; the groups are worked out again when next drawn.
    pub fn set(
        &mut self,
        n: usize,
        incident: &Incident,
        leader: Option<uuid::Uuid>,
        palette: &ActorPalette,
    ) {
        let point = MapIncident {
            index: small(n),
            lon: incident.location.lon,
            lat: incident.location.lat,
            killed: saturating(incident.killed()),
            killed_is_minimum: incident.has_minimum_figures(),
            colour: palette.colour(leader),
            precision: incident.location.precision,
            border_km: incident.location.border_km.map(|km| km as f32),
        };
        let at = world(point.lon, point.lat);
        let radius = marker_radius(u64::from(point.killed));
        let worlds = Arc::make_mut(&mut self.worlds);
        let radii = Arc::make_mut(&mut self.radii);
        let incidents = Arc::make_mut(&mut self.incidents);
        match incidents.get_mut(n) {
            Some(slot) => {
                *slot = point;
                worlds[n] = at;
                radii[n] = radius;
            }
            None => {
                incidents.push(point);
                worlds.push(at);
                radii.push(radius);
            }
        }
        self.cache.clear();
        self.shown = None;
        self.worker = None;
        self.requested.clear();
        self.summaries = None;
    }

    /// A layer of some of this one's incidents (`members` ascending or
    /// not, each an index into [`IncidentLayer::incidents`]), with nothing
    /// grouped yet: gathering is far cheaper than projecting again.
    pub fn subset(&self, members: &[usize]) -> IncidentLayer {
        self.source().subset(members)
    }

    /// This layer's points, shared (no copy), to make a subset of on
    /// another thread.
    pub fn source(&self) -> LayerSource {
        LayerSource {
            incidents: Arc::clone(&self.incidents),
            worlds: Arc::clone(&self.worlds),
            radii: Arc::clone(&self.radii),
        }
    }

    /// Makes the groups for `zoom` the ones drawn, or asks the worker for
    /// them and keeps the current ones meanwhile. `wake` is called from the
    /// worker when new groups are ready (to repaint).
    pub fn prepare(&mut self, zoom: f64, wake: impl Fn() + Send + 'static) {
        let step = (zoom / ZOOM_STEP).floor() as i64;
        self.collect_finished();
        if let Some(found) = self.take_cached(step) {
            self.shown = Some((step, found));
            return;
        }
        if self.shown.is_none() {
            // Nothing to show yet: group on the spot, once.
            let computed = Arc::new(group(&self.worlds, &self.radii, step as f64 * ZOOM_STEP));
            self.remember(step, computed.clone());
            self.shown = Some((step, computed));
            return;
        }
        if !self.requested.contains(&step) {
            self.request(step, wake);
        }
    }

    /// The zoom the groups drawn now were made for (to a step).
    pub fn grouped_for_zoom(&self) -> Option<f64> {
        self.shown
            .as_ref()
            .map(|(step, _)| *step as f64 * ZOOM_STEP)
    }

    /// The groups drawn now.
    pub fn clusters(&self) -> &[Cluster] {
        self.shown.as_ref().map_or(&[], |(_, c)| c.as_slice())
    }

    /// What each of [`IncidentLayer::clusters`] shows, in the same order;
    /// worked out when the groups change.
    pub fn summaries(&mut self) -> Arc<Vec<GroupSummary>> {
        let Some((_, shown)) = &self.shown else {
            return Arc::default();
        };
        if let Some((of, summaries)) = &self.summaries
            && Arc::ptr_eq(of, shown)
        {
            return Arc::clone(summaries);
        }
        let summaries: Arc<Vec<GroupSummary>> = Arc::new(
            shown
                .iter()
                .map(|c| GroupSummary::of(c, &self.incidents))
                .collect(),
        );
        self.summaries = Some((Arc::clone(shown), Arc::clone(&summaries)));
        summaries
    }

    fn take_cached(&mut self, step: i64) -> Option<Clusters> {
        let at = self.cache.iter().position(|(s, _)| *s == step)?;
        let entry = self.cache.remove(at);
        let found = entry.1.clone();
        self.cache.push(entry);
        Some(found)
    }

    fn remember(&mut self, step: i64, clusters: Clusters) {
        self.cache.retain(|(s, _)| *s != step);
        self.cache.push((step, clusters));
        if self.cache.len() > KEPT_STEPS {
            self.cache.remove(0);
        }
    }

    fn collect_finished(&mut self) {
        let mut finished = Vec::new();
        if let Some(worker) = &self.worker {
            while let Ok(done) = worker.try_recv() {
                finished.push(done);
            }
        }
        for (step, clusters) in finished {
            self.requested.retain(|s| *s != step);
            self.remember(step, Arc::new(clusters));
        }
    }

    fn request(&mut self, step: i64, wake: impl Fn() + Send + 'static) {
        let steps = [step, step + 1, step - 1];
        self.requested.extend(steps);
        let (send, receive) = channel();
        self.worker = Some(receive);
        let worlds = self.worlds.clone();
        let radii = self.radii.clone();
        crate::background::spawn(move || {
            for s in steps {
                let clusters = group(&worlds, &radii, s as f64 * ZOOM_STEP);
                if send.send((s, clusters)).is_err() {
                    return;
                }
                wake();
            }
        });
    }

    /// Indexes (into the slice the layer was built from) of the incidents
    /// whose point lies inside `area`, ascending.
    pub fn inside(&self, area: &BBox) -> Vec<usize> {
        self.incidents
            .iter()
            .filter(|i| area.contains(i.lon, i.lat))
            .map(|i| i.index as usize)
            .collect()
    }

    /// (min lon, min lat, max lon, max lat) of all incidents, if any.
    pub fn bounds(&self) -> Option<[f64; 4]> {
        bounds_with_uncertainty(
            self.incidents
                .iter()
                .map(|i| (i.lon, i.lat, i.precision.uncertainty_km())),
        )
    }
}

/// The box holding every point with the ring of where it may have been:
/// fitting a stand-in point ("somewhere in the province") shows the
/// province, not two kilometres of empty ground around the stand-in.
pub fn bounds_with_uncertainty(points: impl Iterator<Item = (f64, f64, f64)>) -> Option<[f64; 4]> {
    points.fold(None, |b, (lon, lat, km)| {
        let dlat = km / 111.32;
        let dlon = km / (111.32 * lat.to_radians().cos().max(0.05));
        let [a, b2, c, d] = b.unwrap_or([f64::MAX, f64::MAX, f64::MIN, f64::MIN]);
        Some([
            a.min(lon - dlon),
            b2.min(lat - dlat),
            c.max(lon + dlon),
            d.max(lat + dlat),
        ])
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EventType, Incident, IncidentDate, Location, Side};
    use jiff::civil::date;

    /// The window keeps two of these per incident: at a million, each
    /// byte more is 2 MB more resident.
    #[test]
    fn a_map_point_stays_40_bytes() {
        assert!(std::mem::size_of::<MapIncident>() <= 40);
    }

    fn incident_at(lon: f64, lat: f64) -> Incident {
        let day = date(2025, 11, 26);
        Incident::new(
            format!("at {lon},{lat}"),
            EventType::ArmedClash,
            IncidentDate::day(day),
            Location::point(lon, lat, LocationPrecision::Exact, Side::Tj),
        )
    }

    /// A filter that keeps everything draws the loaded points themselves
    /// (the window would otherwise keep every point twice); a write to
    /// one then changes the loaded points, not the layer drawn.
    #[test]
    fn a_layer_of_every_point_shares_them_until_a_write() {
        let incidents: Vec<Incident> = (0..5)
            .map(|n| incident_at(69.0 + f64::from(n) / 10.0, 37.3))
            .collect();
        let (actors, palette) = (ActorDirectory::default(), ActorPalette::default());
        let mut all = IncidentLayer::build(&incidents, &actors, &palette);
        let everything = all.subset(&[0, 1, 2, 3, 4]);
        assert!(Arc::ptr_eq(&everything.incidents, &all.incidents));
        for some in [vec![0, 1, 2, 4], vec![1, 0, 2, 3, 4]] {
            let layer = all.subset(&some);
            assert!(!Arc::ptr_eq(&layer.incidents, &all.incidents));
            let points: Vec<(f64, u32)> =
                layer.incidents.iter().map(|i| (i.lon, i.index)).collect();
            let expected: Vec<(f64, u32)> = some
                .iter()
                .enumerate()
                .map(|(at, &m)| (all.incidents[m].lon, at as u32))
                .collect();
            assert_eq!(points, expected);
        }
        let moved = incident_at(70.0, 37.0);
        all.set(2, &moved, None, &palette);
        assert_eq!(all.incidents[2].lon, 70.0);
        let before = &incidents[2].location;
        assert_eq!(
            everything.incidents[2].lon, before.lon,
            "the layer drawn is unchanged"
        );
        assert_eq!(everything.worlds[2], world(before.lon, before.lat));
    }

    #[test]
    fn rectangle_selection_returns_exactly_the_incidents_inside() {
        let incidents = vec![
            incident_at(69.10, 37.24),  // Panj: inside
            incident_at(69.40, 37.49),  // Farkhor: inside
            incident_at(69.50, 37.60),  // on the north-east corner: inside
            incident_at(69.5001, 37.3), // just east of the box
            incident_at(68.78, 38.54),  // Dushanbe: far north
            incident_at(69.2, 36.99),   // just south
        ];
        let layer = IncidentLayer::build(
            &incidents,
            &ActorDirectory::default(),
            &ActorPalette::default(),
        );
        let area = BBox {
            min_lon: 69.0,
            min_lat: 37.0,
            max_lon: 69.5,
            max_lat: 37.6,
        };
        assert_eq!(layer.inside(&area), vec![0, 1, 2]);
    }

    #[test]
    fn unattributed_incidents_are_grey_and_big_tolls_are_bigger() {
        let incidents = vec![incident_at(69.1, 37.2)];
        let layer = IncidentLayer::build(
            &incidents,
            &ActorDirectory::default(),
            &ActorPalette::default(),
        );
        assert_eq!(layer.incidents[0].colour, super::super::style::UNATTRIBUTED);
        assert!(marker_radius(0) < marker_radius(1));
        assert!(marker_radius(5) < marker_radius(50));
        assert!(marker_radius(10_000) <= 20.0);
    }

    #[test]
    fn fitting_a_stand_in_point_takes_in_its_ring() {
        let exact = bounds_with_uncertainty([(70.0, 38.0, 0.0)].into_iter()).unwrap();
        assert_eq!(exact, [70.0, 38.0, 70.0, 38.0]);
        // A province-level stand-in: 100 km every way, about 0.9° of latitude.
        let province = bounds_with_uncertainty([(70.0, 38.0, 100.0)].into_iter()).unwrap();
        assert!((province[3] - province[1] - 2.0 * 100.0 / 111.32).abs() < 1e-9);
        assert!(
            province[2] - province[0] > province[3] - province[1],
            "wider in longitude"
        );
    }
}
