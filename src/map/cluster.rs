//! Grouping incidents that would overlap on screen at a zoom.
//!
//! Points are binned into a grid of cells one marker-radius wide, anchored
//! in world coordinates so that panning never changes the groups; each
//! cell then absorbs its neighbouring cells whose centres lie within that
//! radius, so two points a pixel apart across a cell edge still merge.

use super::projection::{WORLD_PIXELS_AT_ZOOM_0, World};
use std::collections::HashMap;

/// A group of points drawn as one marker.
#[derive(Debug, Clone, PartialEq)]
pub struct Cluster {
    /// Indexes into the input points, ascending.
    pub members: Vec<u32>,
    /// Mean position of the members.
    pub world: World,
}

/// Groups `points` so that no two groups lie within `radius_px` screen
/// pixels of each other's cells at `zoom`.
pub fn cluster(points: &[World], zoom: f64, radius_px: f64) -> Vec<Cluster> {
    let cell = radius_px / (WORLD_PIXELS_AT_ZOOM_0 * 2f64.powf(zoom));
    let key = |w: &World| ((w[0] / cell).floor() as i64, (w[1] / cell).floor() as i64);
    let mut cells: HashMap<(i64, i64), Vec<u32>> = HashMap::new();
    for (index, point) in points.iter().enumerate() {
        cells.entry(key(point)).or_default().push(index as u32);
    }
    let centre = |members: &[u32]| -> World {
        let n = members.len() as f64;
        let (sx, sy) = members.iter().fold((0.0, 0.0), |(sx, sy), &i| {
            (sx + points[i as usize][0], sy + points[i as usize][1])
        });
        [sx / n, sy / n]
    };
    let centres: HashMap<(i64, i64), World> = cells.iter().map(|(k, m)| (*k, centre(m))).collect();

    // Busiest cells first, so that crowds absorb their stragglers and not
    // the other way round; ties by key keep the result deterministic.
    let mut order: Vec<(i64, i64)> = cells.keys().copied().collect();
    order.sort_by(|a, b| cells[b].len().cmp(&cells[a].len()).then(a.cmp(b)));

    let mut taken: HashMap<(i64, i64), bool> = HashMap::with_capacity(cells.len());
    let mut clusters = Vec::with_capacity(cells.len());
    for key in order {
        if taken.contains_key(&key) {
            continue;
        }
        taken.insert(key, true);
        let here = centres[&key];
        let mut members = cells[&key].clone();
        for dx in -1..=1 {
            for dy in -1..=1 {
                let neighbour = (key.0 + dx, key.1 + dy);
                if neighbour == key || taken.contains_key(&neighbour) {
                    continue;
                }
                let Some(there) = centres.get(&neighbour) else {
                    continue;
                };
                if (there[0] - here[0]).hypot(there[1] - here[1]) < cell {
                    taken.insert(neighbour, true);
                    members.extend_from_slice(&cells[&neighbour]);
                }
            }
        }
        members.sort_unstable();
        let world = centre(&members);
        clusters.push(Cluster { members, world });
    }
    clusters
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::map::projection::world;

    /// Two incidents 1.2 km apart near Khorugh, one 60 km away in Ishkashim.
    fn points() -> Vec<World> {
        vec![
            world(71.5534, 37.4904),
            world(71.5670, 37.4930),
            world(71.6133, 36.7248),
        ]
    }

    fn groups(clusters: &[Cluster]) -> Vec<Vec<u32>> {
        let mut g: Vec<Vec<u32>> = clusters.iter().map(|c| c.members.clone()).collect();
        g.sort();
        g
    }

    #[test]
    fn close_points_merge_when_zoomed_out() {
        assert_eq!(
            groups(&cluster(&points(), 8.0, 30.0)),
            vec![vec![0, 1], vec![2]]
        );
        // Zoomed out to the whole of Central Asia, everything is one group.
        assert_eq!(groups(&cluster(&points(), 4.0, 30.0)), vec![vec![0, 1, 2]]);
    }

    #[test]
    fn zooming_in_splits_them() {
        assert_eq!(
            groups(&cluster(&points(), 14.0, 30.0)),
            vec![vec![0], vec![1], vec![2]]
        );
    }

    #[test]
    fn points_across_a_cell_edge_still_merge() {
        // At zoom 10 a 30 px cell is ~0.000114 world units; put two points
        // a hair apart on either side of a cell boundary.
        let cell: f64 = 30.0 / (256.0 * 1024.0);
        let edge = (0.7 / cell).floor() * cell;
        let pts = vec![[edge - cell * 0.01, 0.4], [edge + cell * 0.01, 0.4]];
        assert_eq!(groups(&cluster(&pts, 10.0, 30.0)), vec![vec![0, 1]]);
    }

    #[test]
    fn every_point_is_in_exactly_one_cluster() {
        let mut rng = crate::exchange::synthetic::Lcg(12345);
        let mut next = || rng.unit();
        let pts: Vec<World> = (0..5000)
            .map(|_| world(67.0 + next() * 8.0, 36.0 + next() * 4.0))
            .collect();
        for zoom in [3.0, 6.0, 9.0, 12.0] {
            let clusters = cluster(&pts, zoom, 30.0);
            let mut all: Vec<u32> = clusters.iter().flat_map(|c| c.members.clone()).collect();
            all.sort_unstable();
            assert_eq!(all, (0..5000).collect::<Vec<u32>>(), "zoom {zoom}");
        }
    }
}
