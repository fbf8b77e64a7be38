//! What the window keeps of each loaded record beside the packed index:
//! its id and version, title, place name, date and how many sources it
//! cites ([`Listed`], 48 bytes, and its text in one buffer shared by every
//! record, [`ListedRecords`]), and a view that answers a panel's questions
//! about one incident from both ([`ListedRow`]). Everything else of a
//! record (claims in full, summary, notes, provenance) is read by id from
//! the store when one record is shown; a million whole records did not fit
//! the memory the window is allowed.

use crate::filter::ActorDirectory;
use crate::filter::facets::{FacetIndex, IndexedCasualty};
use crate::model::{
    Actor, Confidence, DatePrecision, EventType, Incident, IncidentDate, LocationPrecision, Side,
    date_of_day_number,
};
use jiff::civil::Time;
use std::borrow::Borrow;
use uuid::Uuid;

/// One loaded record as the lists show it, beside its packed index row;
/// its title and place name are in [`ListedRecords`]'s text, its days in
/// the packed index.
#[derive(Debug, Clone, PartialEq)]
pub struct Listed {
    pub id: Uuid,
    /// The stored version it was read at (a save with another is refused).
    pub version: i64,
    /// Its date's local time of day, packed ([`NO_TIME`]: none given).
    time_of_day: u64,
    /// How many distinct sources the record and its claims cite
    /// (saturates at `u16::MAX`).
    pub sources: u16,
    /// Its date's precision.
    precision: DatePrecision,
    /// Where its title begins in the text, where the title ends and its
    /// place name ("" when only the province is known) begins, and where
    /// that ends.
    text: [u32; 3],
}

impl Listed {
    /// `incident` as listed, its title and place name appended to `text`.
    fn of(incident: &Incident, text: &mut String) -> Listed {
        // Counted in place: a record cites a handful at most, and a
        // vector each to sort took a quarter of a second at a million.
        let every = || {
            incident
                .source_ids
                .iter()
                .copied()
                .chain(incident.claims.iter().filter_map(|c| c.source_id))
        };
        let distinct = every()
            .enumerate()
            .filter(|&(n, id)| !every().take(n).any(|earlier| earlier == id))
            .count();
        let at = text.len();
        let title_end = at + incident.title.len();
        let place_end = title_end + incident.location.place_name.len();
        // Past 4 GiB of titles (4 KiB each for a million records) the
        // list shows no text rather than the wrong one; the records are
        // whole in the store.
        let offsets = [at, title_end, place_end].map(|o| u32::try_from(o).ok());
        let text_at = match offsets {
            [Some(a), Some(t), Some(p)] => {
                text.push_str(&incident.title);
                text.push_str(&incident.location.place_name);
                [a, t, p]
            }
            _ => [0; 3],
        };
        Listed {
            id: incident.id,
            version: incident.version,
            time_of_day: incident.date.time_of_day.map_or(NO_TIME, packed_time),
            sources: u16::try_from(distinct).unwrap_or(u16::MAX),
            precision: incident.date.precision,
            text: text_at,
        }
    }
}

/// A listed record's packed time of day when its date gives none.
const NO_TIME: u64 = u64::MAX;

/// A time of day as nanoseconds since midnight.
fn packed_time(time: Time) -> u64 {
    u64::try_from(time.duration_since(Time::midnight()).as_nanos()).unwrap_or(0)
}

fn unpacked_time(packed: u64) -> Option<Time> {
    let since_midnight = jiff::SignedDuration::from_nanos(i64::try_from(packed).ok()?);
    Time::midnight().checked_add(since_midnight).ok()
}

/// Every loaded record as listed, in load order, the titles and place
/// names of all in one buffer: two small allocations a record cost about
/// 60 MB more at a million, and a copy of the list (a save while a worker
/// holds it) a million allocations. A record written since the load
/// appends its new text; the old stays unused until the next load.
#[derive(Debug, Clone, Default)]
pub struct ListedRecords {
    rows: Vec<Listed>,
    text: String,
}

impl ListedRecords {
    /// The records as listed, in their order, with no spare room.
    pub fn of<I: Borrow<Incident>>(incidents: &[I]) -> ListedRecords {
        let bytes = incidents
            .iter()
            .map(|i| i.borrow().title.len() + i.borrow().location.place_name.len())
            .sum();
        let mut text = String::with_capacity(bytes);
        let rows = incidents
            .iter()
            .map(|i| Listed::of(i.borrow(), &mut text))
            .collect();
        ListedRecords { rows, text }
    }

    /// Puts `incident` at position `n` (one past the end adds it).
    pub fn set(&mut self, n: usize, incident: &Incident) {
        let listed = Listed::of(incident, &mut self.text);
        match self.rows.get_mut(n) {
            Some(slot) => *slot = listed,
            None => self.rows.push(listed),
        }
    }

    /// The title and the place name of `listed`, one of these records.
    fn text_of(&self, listed: &Listed) -> (&str, &str) {
        let [at, title_end, place_end] = listed.text.map(|o| o as usize);
        (
            self.text.get(at..title_end).unwrap_or_default(),
            self.text.get(title_end..place_end).unwrap_or_default(),
        )
    }
}

impl std::ops::Deref for ListedRecords {
    type Target = [Listed];

    fn deref(&self) -> &[Listed] {
        &self.rows
    }
}

/// One loaded incident: its [`Listed`] part and its packed index row.
#[derive(Clone, Copy)]
pub struct ListedRow<'a> {
    /// Its position among every loaded incident.
    pub at: usize,
    pub listed: &'a Listed,
    title: &'a str,
    place_name: &'a str,
    index: &'a FacetIndex,
}

impl<'a> ListedRow<'a> {
    /// The `at`th of `records` (a position they hold).
    pub(super) fn new(
        at: usize,
        records: &'a ListedRecords,
        index: &'a FacetIndex,
    ) -> ListedRow<'a> {
        let listed = &records[at];
        let (title, place_name) = records.text_of(listed);
        ListedRow {
            at,
            listed,
            title,
            place_name,
            index,
        }
    }

    pub fn id(&self) -> Uuid {
        self.listed.id
    }

    pub fn title(&self) -> &'a str {
        self.title
    }

    /// Its date: the days from the packed index, with the precision and
    /// time of day listed.
    pub fn date(&self) -> IncidentDate {
        let (start, end) = self.index.days(self.at).unwrap_or_default();
        IncidentDate {
            start: date_of_day_number(start),
            end: date_of_day_number(end),
            precision: self.listed.precision,
            time_of_day: unpacked_time(self.listed.time_of_day),
        }
    }

    pub fn place_name(&self) -> &'a str {
        self.place_name
    }

    /// The province (admin1), as the records spell it.
    pub fn province(&self) -> Option<&'a str> {
        self.index.province(self.at)
    }

    /// "Ishqoshim, Gorno-Badakhshan": the place and its province.
    pub fn place(&self) -> String {
        match (self.place_name(), self.province()) {
            (name, Some(province)) if !name.is_empty() => format!("{name}, {province}"),
            (name, _) if !name.is_empty() => name.to_string(),
            (_, Some(province)) => province.to_string(),
            _ => String::new(),
        }
    }

    /// The place name, or the province when the record names no place.
    pub fn place_or_province(&self) -> &'a str {
        match self.place_name() {
            "" => self.province().unwrap_or_default(),
            name => name,
        }
    }

    pub fn event_type(&self) -> EventType {
        self.index.event_type(self.at)
    }

    pub fn side(&self) -> Side {
        self.index.side(self.at)
    }

    /// How precisely the place is known.
    pub fn precision(&self) -> LocationPrecision {
        self.index
            .point(self.at)
            .map_or(LocationPrecision::Exact, |p| p.precision)
    }

    /// Longitude and latitude.
    pub fn point(&self) -> (f64, f64) {
        self.index
            .point(self.at)
            .map_or((0.0, 0.0), |p| (p.lon, p.lat))
    }

    /// Signed km from the border (positive: Tajik side), when worked out.
    pub fn border_km(&self) -> Option<f64> {
        self.index.point(self.at).and_then(|p| p.border_km)
    }

    pub fn killed(&self) -> u64 {
        self.index.killed(self.at)
    }

    /// Some figure is only a lower bound ("at least one killed").
    pub fn has_minimum_figures(&self) -> bool {
        self.index
            .point(self.at)
            .is_some_and(|p| p.killed_is_minimum)
    }

    pub fn casualties(&self) -> impl Iterator<Item = IndexedCasualty> + 'a {
        self.index.casualties(self.at)
    }

    /// The leading claim's actor and confidence, as
    /// [`crate::filter::leading_claim`] finds it from the record.
    pub fn leading_claim<'d>(&self, actors: &'d ActorDirectory) -> Option<(&'d Actor, Confidence)> {
        let (actor, confidence) = self.index.leading(self.at)?;
        actors.get(actor).map(|a| (a, confidence))
    }

    /// "ISKP (possible)" for the leading claim, or "Unattributed", as
    /// [`crate::filter::attribution_label`] writes it.
    pub fn attribution_label(&self, actors: &ActorDirectory) -> String {
        match self.leading_claim(actors) {
            Some((actor, confidence)) => {
                format!("{} ({})", actor.name, confidence.label().to_lowercase())
            }
            None => "Unattributed".into(),
        }
    }

    pub fn sources(&self) -> u16 {
        self.listed.sources
    }

    pub fn is_deleted(&self) -> bool {
        self.index.is_deleted(self.at)
    }
}

#[cfg(test)]
mod tests {
    use super::{Listed, ListedRecords};
    use crate::exchange::synthetic;
    use crate::filter::{ActorDirectory, attribution_label};
    use crate::store::Store;
    use crate::workspace::Workspace;

    /// A listed time of day is the record's to the nanosecond.
    #[test]
    fn a_time_of_day_packs_and_comes_back_whole() {
        use super::{NO_TIME, packed_time, unpacked_time};
        for (h, m, s, ns) in [(0, 0, 0, 0), (6, 30, 0, 0), (23, 59, 59, 999_999_999)] {
            let time = jiff::civil::Time::new(h, m, s, ns).unwrap();
            assert_eq!(unpacked_time(packed_time(time)), Some(time));
        }
        assert_eq!(unpacked_time(NO_TIME), None);
    }

    /// Every record's title and place come back from the one buffer,
    /// which has no spare room after a load; an edit and a new record
    /// append theirs and change no other record's.
    #[test]
    fn records_share_one_text_and_a_write_appends_its_own() {
        assert!(std::mem::size_of::<Listed>() <= 48, "a listed record grew");
        let actors = ActorDirectory::new(synthetic::actors());
        let mut incidents = synthetic::incidents(60, 4, &actors);
        let mut records = ListedRecords::of(&incidents);
        let bytes: usize = incidents
            .iter()
            .map(|i| i.title.len() + i.location.place_name.len())
            .sum();
        assert_eq!(records.text.capacity(), bytes);
        incidents[7].title = "Ҷангал: crossing near the post".into();
        incidents[7].location.place_name = String::new();
        incidents[9].location.place_name = "Khumrogi".into();
        let mut added = incidents[0].clone();
        added.title = "Added since the load".into();
        incidents.push(added);
        for n in [7, 9, 60] {
            records.set(n, &incidents[n]);
        }
        assert_eq!(records.len(), incidents.len());
        for (listed, incident) in records.iter().zip(&incidents) {
            assert_eq!(
                records.text_of(listed),
                (
                    incident.title.as_str(),
                    incident.location.place_name.as_str()
                )
            );
            assert_eq!(listed.id, incident.id);
        }
    }

    /// Each row answers what its record says, for the seed and synthetic
    /// records with several claims, minimum figures, sources and some in
    /// the trash: the table, tooltips and timeline read only rows.
    #[test]
    fn a_listed_row_answers_what_its_record_says() {
        let mut store = Store::open_in_memory().unwrap();
        let incidents = crate::workspace::seed_with_synthetic(&mut store, 400, 5);
        for incident in incidents.iter().step_by(7) {
            store
                .delete_incident(incident.id, incident.version)
                .unwrap();
        }
        let workspace = Workspace::load(store).unwrap();
        let (mut several_claims, mut minimum, mut deleted) = (false, false, false);
        for at in 0..workspace.all_incidents().len() {
            let row = workspace.row(at).unwrap();
            let record = workspace.store.incident(row.id()).unwrap().unwrap();
            several_claims |= record.claims.len() > 1;
            minimum |= record.has_minimum_figures();
            deleted |= record.deleted_at.is_some();
            let loc = &record.location;
            assert_eq!(row.title(), record.title);
            assert_eq!(row.date(), record.date);
            assert_eq!(row.listed.version, record.version);
            assert_eq!(row.place_name(), loc.place_name);
            assert_eq!(row.province(), loc.admin1.as_deref());
            assert_eq!(row.event_type(), record.event_type);
            assert_eq!(row.side(), loc.side);
            assert_eq!(row.precision(), loc.precision);
            assert_eq!(row.point(), (loc.lon, loc.lat));
            assert_eq!(row.border_km(), loc.border_km);
            assert_eq!(row.killed(), record.killed());
            assert_eq!(row.has_minimum_figures(), record.has_minimum_figures());
            assert_eq!(row.is_deleted(), record.deleted_at.is_some());
            assert_eq!(
                row.attribution_label(&workspace.actors),
                attribution_label(&record, &workspace.actors)
            );
            let killed: u64 = row.casualties().map(|c| u64::from(c.killed)).sum();
            assert_eq!(killed, record.killed());
            let mut cited = record.source_ids.clone();
            cited.extend(record.claims.iter().filter_map(|c| c.source_id));
            cited.sort();
            cited.dedup();
            assert_eq!(usize::from(row.sources()), cited.len());
        }
        assert!(
            several_claims && minimum && deleted,
            "the sample covers them"
        );
    }
}
