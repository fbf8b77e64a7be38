//! Applying a filter to the loaded incidents: the facet counts, the
//! incidents kept, the conflict badges and what is left of the selection,
//! worked out from shared, read-only inputs. The same function runs on
//! the UI thread for a small workspace and on a worker for a large one,
//! so that no frame waits for a million incidents to be counted.

use crate::filter::Filter;
use crate::filter::facets::{FacetCounts, FacetIndex, TextMatches};
use crate::store::TextSearch;
use std::collections::BTreeSet;
use std::sync::Arc;
use uuid::Uuid;

/// What a filter is applied to: shared (no copy) with a worker.
#[derive(Clone)]
pub(super) struct FilterInputs {
    pub filter: Filter,
    pub only_conflicts: bool,
    pub conflicts: BTreeSet<Uuid>,
    pub index: Arc<FacetIndex>,
    pub text: TextInput,
    pub all: Arc<super::ListedRecords>,
    /// The selection when the work began (the selected incident among
    /// them): which of these the filter keeps is worked out with the rest.
    pub selection: BTreeSet<Uuid>,
}

/// A filter applied: what the workspace installs at once.
pub(super) struct Filtered {
    pub facets: FacetCounts,
    /// Still showing only conflicts (there are conflicts left to show).
    pub only_conflicts: bool,
    /// Positions in every loaded incident.
    pub incidents: Arc<Vec<usize>>,
    /// Positions in `incidents` by date, earliest first.
    pub by_date: RowOrder,
    pub conflict_points: Vec<(f64, f64)>,
    /// The selection it began with, and which of it the filter keeps.
    pub selection: BTreeSet<Uuid>,
    pub kept: BTreeSet<Uuid>,
    /// The rows the filter's text found, to keep for the next change
    /// (`None`: the filter has no text).
    pub text: Option<(String, Arc<TextMatches>)>,
    /// Why the text search failed (it then keeps nothing).
    pub search_error: Option<String>,
}

/// Where a filter's text search is answered.
#[derive(Clone)]
pub(super) enum TextInput {
    /// The rows it keeps, found already (`None`: the filter has no text).
    Found(Option<Arc<TextMatches>>, Option<String>),
    /// To be asked of the database's full-text index on the worker.
    Ask {
        search: TextSearch,
        rows: Arc<RowsBySeq>,
    },
}

/// Where each stored row (`seq`) is among the loaded incidents: the
/// full-text index answers in rows, the filter counts positions.
#[derive(Debug, Clone, Default)]
pub(super) struct RowsBySeq {
    /// The `seq` at each position.
    seqs: Vec<i64>,
    /// The positions in order of `seq`.
    by_seq: Vec<u32>,
}

impl RowsBySeq {
    pub fn new(seqs: Vec<i64>) -> RowsBySeq {
        let mut by_seq: Vec<u32> = (0..seqs.len() as u32).collect();
        by_seq.sort_unstable_by_key(|&n| seqs[n as usize]);
        RowsBySeq { seqs, by_seq }
    }

    /// The `seq` of each position.
    pub fn seqs(&self) -> &[i64] {
        &self.seqs
    }

    /// The positions in order of `seq`.
    pub fn by_seq(&self) -> impl ExactSizeIterator<Item = usize> + '_ {
        self.by_seq.iter().map(|&n| n as usize)
    }

    /// Puts `seq` at `position`: an incident written since the load, at
    /// the end (its row's `seq` never changes while it is stored).
    pub fn set(&mut self, position: usize, seq: i64) {
        if position < self.seqs.len() {
            return;
        }
        self.seqs.push(seq);
        let at = self
            .by_seq
            .partition_point(|&n| self.seqs[n as usize] < seq);
        self.by_seq.insert(at, position as u32);
    }

    /// The positions of the rows `found` (ascending `seq`s).
    pub fn positions(&self, found: &[i64]) -> TextMatches {
        TextMatches::of_rows(found.iter().filter_map(|seq| {
            let at = self
                .by_seq
                .partition_point(|&n| self.seqs[n as usize] < *seq);
            self.by_seq
                .get(at)
                .filter(|&&n| self.seqs[n as usize] == *seq)
                .map(|&n| n as usize)
        }))
    }
}

impl TextInput {
    /// The rows a search for `text` keeps, and why it failed if it did.
    fn found(self, text: &str) -> (Option<Arc<TextMatches>>, Option<String>) {
        match self {
            TextInput::Found(found, error) => (found, error),
            TextInput::Ask { search, rows } => match search.seqs_matching(text) {
                Ok(found) => (Some(Arc::new(rows.positions(&found))), None),
                Err(e) => (Some(Arc::default()), Some(e.to_string())),
            },
        }
    }
}

impl FilterInputs {
    /// Counts the facets and gathers what the filter keeps.
    pub fn apply(self) -> Filtered {
        let (text, search_error) = self.text.found(&self.filter.text);
        let mut facets = FacetCounts::compute_indexed(&self.filter, &self.index, text.as_deref());
        let only_conflicts = self.only_conflicts && !self.conflicts.is_empty();
        if only_conflicts {
            facets.matched = Arc::new(
                (0..self.all.len())
                    .filter(|&n| self.conflicts.contains(&self.all[n].id))
                    .collect(),
            );
        }
        let incidents = Arc::clone(&facets.matched);
        // From the packed index's day numbers, which sort as the dates
        // do: reading a million records scattered in memory for their
        // dates took 20 ms.
        let by_date = RowOrder::of_keys(
            facets
                .matched
                .iter()
                .map(|&n| self.index.days(n).unwrap_or_default())
                .collect(),
        );
        // Worked out here, once per change, so the map does not look
        // through every incident each frame for the few in conflict.
        let conflict_points = if self.conflicts.is_empty() {
            Vec::new()
        } else {
            incidents
                .iter()
                .filter(|&&n| self.conflicts.contains(&self.all[n].id))
                .filter_map(|&n| self.index.point(n))
                .map(|p| (p.lon, p.lat))
                .collect()
        };
        let kept = if self.selection.is_empty() {
            BTreeSet::new()
        } else {
            incidents
                .iter()
                .map(|&n| self.all[n].id)
                .filter(|id| self.selection.contains(id))
                .collect()
        };
        Filtered {
            facets,
            only_conflicts,
            incidents,
            by_date,
            conflict_points,
            selection: self.selection,
            kept,
            // A failed search is asked again at the next change.
            text: text
                .filter(|_| search_error.is_none())
                .map(|found| (self.filter.text, found)),
            search_error,
        }
    }
}

/// An order of rows: the position each row shows, in rows already in
/// order (as dates are, unless records were written since loading) or
/// sorted. Rows in order keep no list, which at a million is 8 MB.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowOrder {
    /// This many rows, each showing its own position.
    AsTheyAre(usize),
    /// The position each row shows.
    Sorted(Arc<Vec<usize>>),
}

impl Default for RowOrder {
    fn default() -> RowOrder {
        RowOrder::AsTheyAre(0)
    }
}

impl RowOrder {
    /// The positions of `keys` in ascending order of key, stable; no
    /// sort and no list when they already are in order.
    pub fn of_keys<K: Ord>(keys: Vec<K>) -> RowOrder {
        if keys.is_sorted() {
            return RowOrder::AsTheyAre(keys.len());
        }
        let mut order: Vec<usize> = (0..keys.len()).collect();
        order.sort_by(|&a, &b| keys[a].cmp(&keys[b]));
        RowOrder::Sorted(Arc::new(order))
    }

    pub fn len(&self) -> usize {
        match self {
            RowOrder::AsTheyAre(len) => *len,
            RowOrder::Sorted(order) => order.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The position the `row`th row shows (`None` past the last).
    pub fn get(&self, row: usize) -> Option<usize> {
        match self {
            RowOrder::AsTheyAre(len) => (row < *len).then_some(row),
            RowOrder::Sorted(order) => order.get(row).copied(),
        }
    }

    /// Every row's position, in order.
    pub fn to_vec(&self) -> Vec<usize> {
        match self {
            RowOrder::AsTheyAre(len) => (0..*len).collect(),
            RowOrder::Sorted(order) => order.to_vec(),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::filter::Filter;
    use crate::workspace::{Workspace, seeded_for_tests};
    use uuid::Uuid;

    /// A seeded workspace that applies every filter change on a worker.
    fn on_a_worker() -> Workspace {
        let mut workspace = seeded_for_tests();
        workspace.on_a_worker_from = 0;
        workspace
    }

    /// Polls as the window does each frame until the worker's answer is
    /// installed.
    fn wait(workspace: &mut Workspace) {
        for _ in 0..10_000 {
            if !workspace.is_filtering() {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(1));
            workspace.take_filtered(|| {});
        }
        panic!("the filter never came from its worker");
    }

    /// A search for the title of the last incident loaded: keeps it
    /// and drops the first.
    fn only_the_last(workspace: &Workspace) -> Filter {
        let last = workspace
            .kept(workspace.incidents.len() - 1)
            .expect("the seed has incidents");
        Filter {
            text: last.title().to_string(),
            ..Filter::default()
        }
    }

    fn ids(workspace: &Workspace) -> Vec<Uuid> {
        workspace.kept_rows().map(|i| i.id()).collect()
    }

    #[test]
    fn a_filter_on_a_worker_installs_what_the_same_filter_at_once_does() {
        let mut at_once = seeded_for_tests();
        let mut soon = on_a_worker();
        let filter = only_the_last(&at_once);
        let (before, generation) = (ids(&soon), soon.generation);
        soon.set_filter_soon(filter.clone(), || {});
        // The new filter is the workspace's at once; the panels keep the
        // last one's incidents and counts until the worker's come.
        assert_eq!(soon.filter, filter);
        assert!(soon.is_filtering());
        assert_eq!(ids(&soon), before);
        assert_eq!(soon.generation, generation);
        wait(&mut soon);
        at_once.set_filter(filter);
        assert!(ids(&at_once).len() < before.len());
        assert_eq!(ids(&soon), ids(&at_once));
        assert_eq!(soon.facets, at_once.facets);
        assert_eq!(soon.generation, generation + 1);
    }

    #[test]
    fn changes_made_while_a_worker_counts_end_in_the_newest_filter_installed_once() {
        let mut at_once = seeded_for_tests();
        let mut soon = on_a_worker();
        let generation = soon.generation;
        let first = only_the_last(&at_once);
        let newest = Filter {
            trash: true,
            ..Filter::default()
        };
        soon.set_filter_soon(first, || {});
        soon.set_filter_soon(newest.clone(), || {});
        wait(&mut soon);
        at_once.set_filter(newest);
        assert_eq!(ids(&soon), ids(&at_once));
        assert_eq!(soon.facets, at_once.facets);
        // The first filter's answer came stale and was never shown.
        assert_eq!(soon.generation, generation + 1);
    }

    #[test]
    fn the_selection_keeps_only_what_a_filter_on_a_worker_keeps() {
        let mut soon = on_a_worker();
        let filter = only_the_last(&soon);
        let (dropped, kept) = (
            soon.kept_id(0).unwrap(),
            soon.kept_id(soon.incidents.len() - 1).unwrap(),
        );
        soon.selected = Some(dropped);
        soon.selection = [dropped, kept].into();
        soon.set_filter_soon(filter, || {});
        wait(&mut soon);
        assert_eq!(soon.selection, [kept].into());
        assert_eq!(soon.selected, None);
    }

    #[test]
    fn a_save_while_a_worker_counts_applies_the_new_filter_at_once_and_drops_the_worker() {
        let mut at_once = seeded_for_tests();
        let mut soon = on_a_worker();
        let filter = only_the_last(&at_once);
        let saved = soon.kept_id(0).unwrap();
        soon.set_filter_soon(filter.clone(), || {});
        soon.refresh_incident(saved)
            .expect("the incident is read again");
        assert!(!soon.is_filtering());
        let generation = soon.generation;
        assert!(!soon.take_filtered(|| {}));
        assert_eq!(soon.generation, generation);
        at_once.set_filter(filter);
        assert_eq!(ids(&soon), ids(&at_once));
    }

    /// On a database file a text search on a worker asks the full-text
    /// index on a connection of its own. A record edited or added since
    /// the load is found at its place, by any word of it (the summary
    /// the window does not hold included), and an edit is searched again
    /// rather than answered from the last search.
    #[test]
    fn a_text_search_on_a_worker_finds_records_written_since_the_load() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("search.db");
        let mut store = crate::store::Store::open(&path).unwrap();
        crate::exchange::seed::seed(&mut store).unwrap();
        let mut soon = Workspace::load(store).unwrap();
        soon.on_a_worker_from = 0;
        let search = |text: &str| Filter {
            text: text.into(),
            ..Filter::default()
        };
        soon.set_filter_soon(search("quokka"), || {});
        wait(&mut soon);
        assert!(ids(&soon).is_empty());

        let edited = soon.all_incidents()[0].id;
        let mut whole = soon.store.incident(edited).unwrap().unwrap();
        whole.title = "Quokka raid".into();
        soon.store.update_incident(&whole).unwrap();
        soon.refresh_incident(edited).unwrap();
        assert_eq!(ids(&soon), [edited], "searched again after the edit");

        let mut added = whole.clone();
        added.id = Uuid::now_v7();
        added.title = "Night crossing".into();
        added.summary = "A quokka was seen.".into();
        added.external_id = None;
        soon.store.insert_incident(&added).unwrap();
        soon.refresh_incident(added.id).unwrap();
        let mut both = ids(&soon);
        both.sort();
        let mut expected = vec![edited, added.id];
        expected.sort();
        assert_eq!(both, expected);

        // On the worker, and as a fresh load of the same file finds it.
        soon.set_filter_soon(search("quokka seen"), || {});
        wait(&mut soon);
        assert_eq!(ids(&soon), [added.id]);
        assert_eq!(soon.search_error, None);
        let mut fresh = Workspace::load(crate::store::Store::open(&path).unwrap()).unwrap();
        fresh.set_filter(search("quokka seen"));
        assert_eq!(ids(&soon), ids(&fresh));
        // The same counts (positions differ: a load puts it by date).
        let counts = |w: &Workspace| crate::filter::facets::FacetCounts {
            matched: std::sync::Arc::default(),
            without_date: std::sync::Arc::default(),
            ..w.facets.clone()
        };
        assert_eq!(counts(&soon), counts(&fresh));
    }

    #[test]
    fn rows_found_by_seq_are_placed_where_they_are_loaded() {
        use super::RowsBySeq;
        use crate::filter::facets::TextMatches;
        let mut rows = RowsBySeq::new(vec![30, 10, 20]);
        assert_eq!(
            rows.positions(&[10, 20, 25, 30]),
            TextMatches::of_rows([0, 1, 2])
        );
        assert_eq!(rows.positions(&[20]), TextMatches::of_rows([2]));
        rows.set(3, 15);
        rows.set(1, 99);
        assert_eq!(rows.seqs(), [30, 10, 20, 15]);
        assert_eq!(rows.positions(&[15, 30, 99]), TextMatches::of_rows([3, 0]));
    }
}
