//! Grouping incidents that would overlap on screen at a zoom.
//!
//! Points are binned into a grid of cells one marker-radius wide, anchored
//! in world coordinates so that panning never changes the groups; each
//! cell then absorbs its neighbouring cells whose centres lie within that
//! radius, so two points a pixel apart across a cell edge still merge.

use super::projection::{WORLD_PIXELS_AT_ZOOM_0, World};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A group of points drawn as one marker.
#[derive(Debug, Clone, PartialEq)]
pub struct Cluster {
    /// Indexes into the input points, ascending.
    pub members: Vec<u32>,
    /// Where it is drawn: the mean position of the members, or, for a
    /// group that absorbed its neighbours in [`separate`], of its busiest
    /// part.
    pub world: World,
}

/// A hasher for cell keys: small integers that one multiply spreads well
/// enough, where the default SipHash would cost most of a pass over a
/// million points.
#[derive(Default, Clone, Copy)]
struct CellHasher(u64);

impl Hasher for CellHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.write_u64(u64::from(*b));
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn write_i64(&mut self, n: i64) {
        self.write_u64(n as u64);
    }
}

type CellKey = (i64, i64);

/// Groups `points` so that no two groups lie within `radius_px` screen
/// pixels of each other's cells at `zoom`.
///
/// One pass numbers the occupied cells and sums their points, a second
/// lays the members of every cell out in one array (each cell's in
/// ascending order), so a million points cost two passes and no
/// allocation per cell.
pub fn cluster(points: &[World], zoom: f64, radius_px: f64) -> Vec<Cluster> {
    let cell = radius_px / (WORLD_PIXELS_AT_ZOOM_0 * 2f64.powf(zoom));
    let key = |w: &World| ((w[0] / cell).floor() as i64, (w[1] / cell).floor() as i64);
    let mut slot_of: HashMap<CellKey, u32, BuildHasherDefault<CellHasher>> = HashMap::default();
    let mut keys: Vec<CellKey> = Vec::new();
    let mut sums: Vec<[f64; 2]> = Vec::new();
    let mut counts: Vec<u32> = Vec::new();
    let mut slots: Vec<u32> = Vec::with_capacity(points.len());
    let mut last: Option<(CellKey, u32)> = None;
    for point in points {
        let k = key(point);
        let slot = match last {
            Some((last_key, slot)) if last_key == k => slot,
            _ => *slot_of.entry(k).or_insert_with(|| {
                keys.push(k);
                sums.push([0.0, 0.0]);
                counts.push(0);
                (keys.len() - 1) as u32
            }),
        };
        last = Some((k, slot));
        let s = slot as usize;
        sums[s][0] += point[0];
        sums[s][1] += point[1];
        counts[s] += 1;
        slots.push(slot);
    }
    // Members of cell `s` are `members[starts[s]..starts[s + 1]]`.
    let mut starts: Vec<usize> = Vec::with_capacity(keys.len() + 1);
    let mut total = 0usize;
    for &count in &counts {
        starts.push(total);
        total += count as usize;
    }
    starts.push(total);
    let mut members = vec![0u32; total];
    let mut fill = starts.clone();
    for (index, &slot) in slots.iter().enumerate() {
        members[fill[slot as usize]] = index as u32;
        fill[slot as usize] += 1;
    }
    let of = |slot: usize| &members[starts[slot]..starts[slot + 1]];
    let centre_of = |slot: usize| -> World {
        let n = f64::from(counts[slot]);
        [sums[slot][0] / n, sums[slot][1] / n]
    };
    let centre = |members: &[u32]| -> World {
        let n = members.len() as f64;
        let (sx, sy) = members.iter().fold((0.0, 0.0), |(sx, sy), &i| {
            (sx + points[i as usize][0], sy + points[i as usize][1])
        });
        [sx / n, sy / n]
    };

    // Busiest cells first, so that crowds absorb their stragglers and not
    // the other way round; ties by key keep the result deterministic.
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_by(|&a, &b| counts[b].cmp(&counts[a]).then(keys[a].cmp(&keys[b])));

    let mut taken = vec![false; keys.len()];
    let mut clusters = Vec::with_capacity(keys.len());
    for slot in order {
        if taken[slot] {
            continue;
        }
        taken[slot] = true;
        let here = centre_of(slot);
        let mut grouped = of(slot).to_vec();
        let (kx, ky) = keys[slot];
        let mut merged = false;
        for dx in -1..=1 {
            for dy in -1..=1 {
                let Some(&other) = slot_of.get(&(kx + dx, ky + dy)) else {
                    continue;
                };
                let other = other as usize;
                if other == slot || taken[other] {
                    continue;
                }
                let there = centre_of(other);
                if (there[0] - here[0]).hypot(there[1] - here[1]) < cell {
                    taken[other] = true;
                    grouped.extend_from_slice(of(other));
                    merged = true;
                }
            }
        }
        if merged {
            grouped.sort_unstable();
        }
        let world = if merged { centre(&grouped) } else { here };
        clusters.push(Cluster {
            members: grouped,
            world,
        });
    }
    clusters
}

/// At most this many passes of [`separate`]: each pass merges, so the
/// markers grow and may touch new neighbours; in practice two or three
/// passes settle.
const SEPARATE_PASSES: usize = 8;

/// Merges groups whose markers would cover each other at `zoom`, so that
/// no two markers are drawn over one another: busiest first, each group
/// joins the nearest group already kept whose marker (of `radius_px`,
/// never more than `max_radius_px`) it would come within `gap_px` of.
/// Merging makes a marker larger, so the pass is repeated until nothing
/// merges.
pub fn separate(
    mut clusters: Vec<Cluster>,
    zoom: f64,
    radius_px: impl Fn(&Cluster) -> f64,
    max_radius_px: f64,
    gap_px: f64,
) -> Vec<Cluster> {
    let px_per_world = WORLD_PIXELS_AT_ZOOM_0 * 2f64.powf(zoom);
    // Two markers can only touch within one cell of each other.
    let cell = (2.0 * max_radius_px + gap_px) / px_per_world;
    let key = |w: &World| ((w[0] / cell).floor() as i64, (w[1] / cell).floor() as i64);
    for _ in 0..SEPARATE_PASSES {
        clusters.sort_by(|a, b| {
            b.members
                .len()
                .cmp(&a.members.len())
                .then(a.members.first().cmp(&b.members.first()))
        });
        let mut kept: Vec<Cluster> = Vec::with_capacity(clusters.len());
        let mut radii: Vec<f64> = Vec::with_capacity(clusters.len());
        let mut grid: HashMap<CellKey, Vec<u32>, BuildHasherDefault<CellHasher>> =
            HashMap::default();
        let mut merged = false;
        for group in clusters {
            let (kx, ky) = key(&group.world);
            let radius = radius_px(&group);
            let mut nearest: Option<(f64, usize)> = None;
            for dx in -1..=1 {
                for dy in -1..=1 {
                    for &k in grid.get(&(kx + dx, ky + dy)).into_iter().flatten() {
                        let other = &kept[k as usize];
                        let apart = (other.world[0] - group.world[0])
                            .hypot(other.world[1] - group.world[1])
                            * px_per_world;
                        let touching = apart < radius + radii[k as usize] + gap_px;
                        if touching && nearest.is_none_or(|(d, _)| apart < d) {
                            nearest = Some((apart, k as usize));
                        }
                    }
                }
            }
            match nearest {
                Some((_, k)) => {
                    kept[k].members.extend_from_slice(&group.members);
                    merged = true;
                }
                None => {
                    grid.entry((kx, ky)).or_default().push(kept.len() as u32);
                    radii.push(radius);
                    kept.push(group);
                }
            }
        }
        clusters = kept;
        for group in &mut clusters {
            group.members.sort_unstable();
        }
        if !merged {
            break;
        }
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

    /// Each group lists its members in ascending order and sits at their
    /// mean, whether or not it absorbed neighbouring cells.
    #[test]
    fn groups_sit_at_the_mean_of_their_ascending_members() {
        let mut rng = crate::exchange::synthetic::Lcg(7);
        let mut next = || rng.unit();
        let pts: Vec<World> = (0..3000)
            .map(|_| world(68.0 + next() * 4.0, 36.5 + next() * 2.0))
            .collect();
        for zoom in [5.0, 8.0, 11.0] {
            for group in cluster(&pts, zoom, 26.0) {
                assert!(group.members.windows(2).all(|w| w[0] < w[1]));
                let n = group.members.len() as f64;
                let mean = group.members.iter().fold([0.0, 0.0], |m, &i| {
                    [m[0] + pts[i as usize][0] / n, m[1] + pts[i as usize][1] / n]
                });
                assert!((mean[0] - group.world[0]).abs() < 1e-12, "zoom {zoom}");
                assert!((mean[1] - group.world[1]).abs() < 1e-12, "zoom {zoom}");
            }
        }
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

    /// Groups drawn with pies of up to 26 px never cover each other, at
    /// any zoom, for points packed along a line as synthetic data is.
    #[test]
    fn separated_markers_never_overlap_and_keep_every_point() {
        let pts: Vec<World> = (0..4000)
            .map(|i| {
                let t = f64::from(i) / 4000.0;
                world(68.0 + 6.0 * t, 37.0 + 0.8 * (t * 40.0).sin())
            })
            .collect();
        let radius = |c: &Cluster| (11.0 + 3.0 * (c.members.len() as f64).ln()).min(26.0);
        for zoom in [5.0, 6.5, 8.0, 10.0, 13.0] {
            let groups = separate(cluster(&pts, zoom, 26.0), zoom, radius, 26.0, 3.0);
            let scale = WORLD_PIXELS_AT_ZOOM_0 * 2f64.powf(zoom);
            for (i, a) in groups.iter().enumerate() {
                for b in &groups[i + 1..] {
                    let apart = (a.world[0] - b.world[0]).hypot(a.world[1] - b.world[1]) * scale;
                    assert!(
                        apart >= radius(a) + radius(b),
                        "zoom {zoom}: markers {apart:.1} px apart overlap"
                    );
                }
            }
            let mut seen: Vec<u32> = groups.iter().flat_map(|g| g.members.clone()).collect();
            seen.sort_unstable();
            assert_eq!(seen, (0..4000).collect::<Vec<u32>>(), "zoom {zoom}");
            assert!(groups.iter().all(|g| g.members.is_sorted()));
        }
    }
}
