//! The map's layer of what the filter keeps: its points gathered and
//! grouped for the zoom, and the legend's rows (each leading perpetrator
//! with its colour and count). Made by `ui::map_panel` through a
//! [`crate::background::Follower`].

use crate::map::incidents::IncidentLayer;
use crate::tr;
use crate::workspace::Workspace;
use egui::Color32;

/// A layer and the count of incidents each actor leads in it.
pub type MapLayer = (IncidentLayer, LeaderCounts);

/// How to make the layer of what `workspace`'s filter keeps at `zoom`,
/// over shared data only, so that it can run on a worker.
pub fn layer_job(workspace: &Workspace, zoom: f64) -> impl FnOnce() -> MapLayer + Send + 'static {
    let points = workspace.map_points();
    let index = workspace.shared_index();
    let members = std::sync::Arc::clone(&workspace.facets.matched);
    move || {
        // The legend's counts too: at a million, 20 ms of a frame.
        let counts = leader_counts(&members, &index);
        (points.prepared_subset(&members, zoom), counts)
    }
}

/// The legend's rows: each leading perpetrator with its colour and how
/// many incidents it leads, most first, "Unattributed" last.
pub fn legend_counts(workspace: &Workspace) -> Vec<(String, Color32, usize)> {
    legend_of(
        &leader_counts(&workspace.facets.matched, &workspace.shared_index()),
        workspace,
    )
}

/// How many of `members` each actor leads (`None`: unattributed).
pub type LeaderCounts = std::collections::HashMap<Option<uuid::Uuid>, usize>;

/// Counts the leading actors of `members` (positions in `index`).
pub fn leader_counts(members: &[usize], index: &crate::filter::facets::FacetIndex) -> LeaderCounts {
    let mut by_actor = LeaderCounts::default();
    for &n in members {
        *by_actor.entry(index.leader(n)).or_default() += 1;
    }
    by_actor
}

/// The legend's rows: each actor's name, colour and count, the most
/// first, the unattributed last.
pub fn legend_of(by_actor: &LeaderCounts, workspace: &Workspace) -> Vec<(String, Color32, usize)> {
    let mut counts: Vec<(bool, String, Color32, usize)> = by_actor
        .iter()
        .map(|(&id, &count)| {
            let name = id
                .and_then(|id| workspace.actors.get(id))
                .map_or_else(|| tr!("filter-unattributed"), |a| a.name.clone());
            (id.is_none(), name, workspace.palette.colour(id), count)
        })
        .collect();
    counts.sort_by(|a, b| a.0.cmp(&b.0).then(b.3.cmp(&a.3)).then(a.1.cmp(&b.1)));
    counts
        .into_iter()
        .map(|(_, name, colour, count)| (name, colour, count))
        .collect()
}
