//! Merging the heads of one record, field by field, against the version
//! they share (their base).
//!
//! A field only one side changed takes that side's value; tags and cited
//! sources merge as sets (an addition on either side is kept, a removal
//! on any side is kept); casualty rows and claims merge as rows keyed by
//! what they are about (nationality and role; actor and claimant), so two
//! different figures for the same people never both count. The same
//! field or row changed differently on two sides is a conflict, and so is
//! a deletion on one side against an edit on another.
//!
//! The result depends only on the base and the heads in the order given
//! (the store sorts them by version id), so every database that merges
//! the same heads makes the same record.

use super::{Casualty, Claim, CountryCode, Incident, VictimRole};
use uuid::Uuid;

/// A part of a record that merges (and conflicts) as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Title,
    Summary,
    EventType,
    Date,
    Location,
    Notes,
    Casualties,
    Claims,
    /// In the trash or not.
    Deleted,
    ExternalId,
    Provenance,
}

impl Field {
    pub const ALL: &'static [Field] = &[
        Field::Title,
        Field::Summary,
        Field::EventType,
        Field::Date,
        Field::Location,
        Field::Notes,
        Field::Casualties,
        Field::Claims,
        Field::Deleted,
        Field::ExternalId,
        Field::Provenance,
    ];

    /// The message key of the field's name in the window.
    fn key(self) -> &'static str {
        match self {
            Field::Title => "Field-title",
            Field::Summary => "Field-summary",
            Field::EventType => "Field-event_type",
            Field::Date => "Field-date",
            Field::Location => "Field-location",
            Field::Notes => "Field-notes",
            Field::Casualties => "Field-casualties",
            Field::Claims => "Field-claims",
            Field::Deleted => "Field-deleted",
            Field::ExternalId => "Field-external_id",
            Field::Provenance => "Field-provenance",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Field::Title => "Title",
            Field::Summary => "Summary",
            Field::EventType => "Event type",
            Field::Date => "Date",
            Field::Location => "Place",
            Field::Notes => "Notes",
            Field::Casualties => "Casualties",
            Field::Claims => "Attribution claims",
            Field::Deleted => "Deleted",
            Field::ExternalId => "Data set id",
            Field::Provenance => "Imported row",
        }
    }

    /// The field's value in `incident` as a person reads it.
    pub fn describe(self, incident: &Incident) -> String {
        match self {
            Field::Title => incident.title.clone(),
            Field::Summary => incident.summary.clone(),
            Field::EventType => incident.event_type.label().to_string(),
            Field::Date => incident.date.describe(),
            Field::Location => {
                let l = &incident.location;
                format!(
                    "{} ({:.4}, {:.4}, {})",
                    if l.place_name.is_empty() {
                        "unnamed place"
                    } else {
                        &l.place_name
                    },
                    l.lat,
                    l.lon,
                    l.precision.label().to_lowercase()
                )
            }
            Field::Notes => incident.notes.clone(),
            Field::Casualties => {
                let killed = incident.killed_label();
                format!(
                    "Killed: {killed}, wounded: {} ({} rows)",
                    incident.wounded(),
                    incident.casualties.len()
                )
            }
            Field::Claims => format!("{} claims", incident.claims.len()),
            Field::Deleted => match incident.deleted_at {
                Some(at) => format!("deleted {}", at.strftime("%Y-%m-%d %H:%M")),
                None => "not deleted".into(),
            },
            Field::ExternalId => incident.external_id.clone().unwrap_or_default(),
            Field::Provenance => incident.provenance.clone().unwrap_or_default(),
        }
    }

    /// Copies this field of `from` into `into`.
    pub fn take(self, from: &Incident, into: &mut Incident) {
        match self {
            Field::Title => into.title = from.title.clone(),
            Field::Summary => into.summary = from.summary.clone(),
            Field::EventType => into.event_type = from.event_type,
            Field::Date => into.date = from.date.clone(),
            Field::Location => into.location = from.location.clone(),
            Field::Notes => into.notes = from.notes.clone(),
            Field::Casualties => into.casualties = from.casualties.clone(),
            Field::Claims => into.claims = from.claims.clone(),
            Field::Deleted => into.deleted_at = from.deleted_at,
            Field::ExternalId => into.external_id = from.external_id.clone(),
            Field::Provenance => into.provenance = from.provenance.clone(),
        }
    }

    /// Whether the field holds text a person may type a third value for.
    pub fn is_text(self) -> bool {
        matches!(self, Field::Title | Field::Summary | Field::Notes)
    }

    /// Sets a text field (see [`Field::is_text`]); other fields are left.
    pub fn set_text(self, into: &mut Incident, text: &str) {
        match self {
            Field::Title => into.title = text.to_string(),
            Field::Summary => into.summary = text.to_string(),
            Field::Notes => into.notes = text.to_string(),
            _ => {}
        }
    }

    /// Whether two records hold the same value of this field.
    pub fn same(self, a: &Incident, b: &Incident) -> bool {
        match self {
            Field::Deleted => a.deleted_at.is_some() == b.deleted_at.is_some(),
            Field::Location => same_location(a, b),
            _ => {
                let mut copy = b.clone();
                self.take(a, &mut copy);
                copy == *b
            }
        }
    }
}

/// Who wrote `head`'s value of `field`: from the head back through every
/// version that holds the same value, to the one whose parents all held
/// another (an automatic merge is passed through to the side it took the
/// value from).
pub fn written_by<'a>(
    versions: &'a [super::Version],
    field: Field,
    head: &'a super::Version,
) -> &'a str {
    let by_id = |id: &Uuid| versions.iter().find(|v| v.id == *id);
    let mut at = head;
    let mut steps = 0;
    while steps < versions.len() {
        steps += 1;
        match at
            .parents
            .iter()
            .filter_map(by_id)
            .find(|p| field.same(&p.record, &at.record))
        {
            Some(parent) => at = parent,
            None => break,
        }
    }
    at.who()
}

/// What a version changed against its first parent (nothing for a first
/// version or a merge): the fields, and whether the tags or the cited
/// sources, which no [`Field`] covers alone.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Changes {
    pub fields: Vec<Field>,
    pub tags: bool,
    pub sources: bool,
}

impl Changes {
    pub fn between(before: &Incident, after: &Incident) -> Changes {
        Changes {
            fields: Field::ALL
                .iter()
                .copied()
                .filter(|f| !f.same(before, after))
                .collect(),
            tags: before.tags != after.tags,
            sources: before.source_ids != after.source_ids,
        }
    }

    /// Each version with what it changed, oldest first.
    pub fn of_history(versions: &[super::Version]) -> Vec<(&super::Version, Changes)> {
        versions
            .iter()
            .map(|v| {
                let parent = v
                    .parents
                    .first()
                    .and_then(|p| versions.iter().find(|o| o.id == *p));
                let changes = match parent {
                    Some(p) if v.action != super::HistoryAction::Merge => {
                        Changes::between(&p.record, &v.record)
                    }
                    _ => Changes::default(),
                };
                (v, changes)
            })
            .collect()
    }

    pub fn is_empty(&self) -> bool {
        self.fields.is_empty() && !self.tags && !self.sources
    }

    /// The changes as English labels ("Title", "Tags").
    pub fn labels(&self) -> Vec<&'static str> {
        let mut labels: Vec<&'static str> = self.fields.iter().map(|f| f.label()).collect();
        if self.tags {
            labels.push("Tags");
        }
        if self.sources {
            labels.push("Sources");
        }
        labels
    }
}

/// One line per version, oldest first: "2026-03-02 14:05 UTC · Edited by
/// Amina: Title, Notes".
pub fn history_lines(versions: &[super::Version]) -> Vec<String> {
    Changes::of_history(versions)
        .into_iter()
        .map(|(v, changes)| {
            let fields = changes.labels();
            let what = if fields.is_empty() {
                String::new()
            } else {
                format!(": {}", fields.join(", "))
            };
            format!(
                "{} · {} by {}{what}",
                v.at.strftime("%Y-%m-%d %H:%M UTC"),
                v.action.label(),
                v.who()
            )
        })
        .collect()
}

/// Locations compare without the border distance, which the store works
/// out afresh.
fn same_location(a: &Incident, b: &Incident) -> bool {
    let mut l = a.location.clone();
    l.border_km = b.location.border_km;
    l == b.location
}

/// What merging the heads gave: the record with every field that merged,
/// and the fields that conflict (there `merged` holds the first head's
/// value, for the view to show until a person chooses).
#[derive(Debug, Clone, PartialEq)]
pub struct Merge {
    pub merged: Incident,
    pub conflicts: Vec<Field>,
}

impl Merge {
    pub fn is_clean(&self) -> bool {
        self.conflicts.is_empty()
    }
}

/// The heads of one record, the version they share and what merging
/// them gives: what a conflict view shows.
#[derive(Debug, Clone, PartialEq)]
pub struct HeadsMerge {
    /// By version id.
    pub heads: Vec<super::Version>,
    pub base: Option<super::Version>,
    pub merge: Merge,
    /// Who wrote each head's value of each conflicting field: the analyst
    /// whose version set it, found through automatic merges (which only
    /// carry values on). A pair not listed is the head's own author's.
    pub written_by: Vec<(Field, Uuid, String)>,
}

impl HeadsMerge {
    /// A side of a conflicting field as a person reads it: the value, or
    /// for the side that kept a deleted record, what it edited instead.
    pub fn describe(&self, field: Field, head: &super::Version) -> String {
        if field == Field::Deleted
            && head.record.deleted_at.is_none()
            && let Some(base) = &self.base
        {
            let edited = Changes::between(&base.record, &head.record).labels();
            if !edited.is_empty() {
                return format!("kept and edited: {}", edited.join(", "));
            }
        }
        field.describe(&head.record)
    }

    /// Who wrote `head`'s value of `field`: "Amina", not the automatic
    /// merge that carried it into the head.
    pub fn author_of<'a>(&'a self, field: Field, head: &'a super::Version) -> &'a str {
        self.written_by
            .iter()
            .find(|(f, id, _)| *f == field && *id == head.id)
            .map_or_else(|| head.who(), |(_, _, who)| who.as_str())
    }

    /// The record with every conflicting field taken from `head`.
    pub fn keeping(&self, head: &super::Version) -> Incident {
        let mut resolved = self.merge.merged.clone();
        for field in &self.merge.conflicts {
            field.take(&head.record, &mut resolved);
        }
        resolved
    }
}

/// The one value the sides agree on, given what the base had: the base's
/// when no side changed it, the changed value when every side that
/// changed it changed it alike, else `None` (a conflict).
fn pick<T: PartialEq + Clone>(base: Option<&T>, sides: &[T]) -> Option<T> {
    let mut changed: Vec<&T> = Vec::new();
    for side in sides {
        if Some(side) != base && !changed.contains(&side) {
            changed.push(side);
        }
    }
    match changed.as_slice() {
        [] => base.cloned().or_else(|| sides.first().cloned()),
        [one] => Some((*one).clone()),
        _ => None,
    }
}

/// A set merge: an element stays when the base had it and no side
/// removed it, or the base lacked it and some side added it. Order: the
/// first side's, then additions as they come.
fn merge_set<T: PartialEq + Clone>(base: Option<&[T]>, sides: &[&[T]]) -> Vec<T> {
    let mut out: Vec<T> = Vec::new();
    for side in sides {
        for item in side.iter() {
            if out.contains(item) {
                continue;
            }
            let keep = match base {
                Some(base) if base.contains(item) => sides.iter().all(|s| s.contains(item)),
                _ => true,
            };
            if keep {
                out.push(item.clone());
            }
        }
    }
    out
}

/// Rows keyed by what they are about, with a counter for rows that share
/// a key (two rows of "Tajik, civilian" stay two rows).
fn keyed<T: Clone, K: PartialEq + Clone>(
    rows: &[T],
    key: impl Fn(&T) -> K,
) -> Vec<((K, usize), T)> {
    let mut out: Vec<((K, usize), T)> = Vec::new();
    for row in rows {
        let k = key(row);
        let n = out.iter().filter(|((other, _), _)| *other == k).count();
        out.push(((k, n), row.clone()));
    }
    out
}

/// Merges rows key by key as [`pick`] merges values (a row absent on a
/// side is `None` there); `None` when a key conflicts.
fn merge_rows<T: Clone + PartialEq, K: PartialEq + Clone>(
    base: Option<&[T]>,
    sides: &[&[T]],
    key: impl Fn(&T) -> K + Copy,
) -> Option<Vec<T>> {
    let base_rows = base.map(|b| keyed(b, key));
    let side_rows: Vec<_> = sides.iter().map(|s| keyed(s, key)).collect();
    let mut keys: Vec<(K, usize)> = Vec::new();
    for rows in side_rows.iter().chain(base_rows.iter()) {
        for (k, _) in rows {
            if !keys.contains(k) {
                keys.push(k.clone());
            }
        }
    }
    let find = |rows: &[((K, usize), T)], k: &(K, usize)| {
        rows.iter()
            .find(|(other, _)| other == k)
            .map(|(_, r)| r.clone())
    };
    let mut out = Vec::new();
    for k in &keys {
        let base_value = base_rows.as_ref().map(|rows| find(rows, k));
        let values: Vec<Option<T>> = side_rows.iter().map(|rows| find(rows, k)).collect();
        let chosen = match &base_value {
            Some(b) => pick(Some(b), &values)?,
            None => pick(None, &values)?,
        };
        out.extend(chosen);
    }
    Some(out)
}

fn casualty_key(c: &Casualty) -> (Option<CountryCode>, VictimRole) {
    (c.nationality, c.role)
}

fn claim_key(c: &Claim) -> (Uuid, super::Claimant, String) {
    (c.actor_id, c.claimant, c.claimant_name.clone())
}

/// Merges `heads` (at least one) against `base`, the version they share
/// (`None` when they share none: then every difference conflicts).
/// `None` only when `heads` is empty.
pub fn merge(base: Option<&Incident>, heads: &[&Incident]) -> Option<Merge> {
    let mut merged = heads.first().copied()?.clone();
    let mut conflicts = Vec::new();
    for &field in Field::ALL {
        if matches!(field, Field::Casualties | Field::Claims | Field::Deleted) {
            continue;
        }
        // Compare each side's field as a whole record differing only there.
        let values: Vec<Incident> = heads
            .iter()
            .map(|h| {
                let mut v = merged.clone();
                field.take(h, &mut v);
                v.location.border_km = None;
                v
            })
            .collect();
        let base_value = base.map(|b| {
            let mut v = merged.clone();
            field.take(b, &mut v);
            v.location.border_km = None;
            v
        });
        match pick(base_value.as_ref(), &values) {
            Some(v) => field.take(&v, &mut merged),
            None => conflicts.push(field),
        }
    }
    let casualties: Vec<&[Casualty]> = heads.iter().map(|h| h.casualties.as_slice()).collect();
    match merge_rows(
        base.map(|b| b.casualties.as_slice()),
        &casualties,
        casualty_key,
    ) {
        Some(rows) => merged.casualties = rows,
        None => conflicts.push(Field::Casualties),
    }
    let claims: Vec<&[Claim]> = heads.iter().map(|h| h.claims.as_slice()).collect();
    match merge_rows(base.map(|b| b.claims.as_slice()), &claims, claim_key) {
        Some(rows) => merged.claims = rows,
        None => conflicts.push(Field::Claims),
    }
    let tags: Vec<&[String]> = heads.iter().map(|h| h.tags.as_slice()).collect();
    merged.tags = merge_set(base.map(|b| b.tags.as_slice()), &tags);
    let sources: Vec<&[Uuid]> = heads.iter().map(|h| h.source_ids.as_slice()).collect();
    merged.source_ids = merge_set(base.map(|b| b.source_ids.as_slice()), &sources);

    // Deletion: a side that moved the record to (or out of) the trash
    // against a side that edited it is a conflict; all sides deleting
    // agree, at the earliest time.
    let was_deleted = base.map(|b| b.deleted_at.is_some());
    let deleted: Vec<bool> = heads.iter().map(|h| h.deleted_at.is_some()).collect();
    match pick(was_deleted.as_ref(), &deleted) {
        None => conflicts.push(Field::Deleted),
        Some(now_deleted) => {
            let changed_deletion = |h: &&Incident| Some(h.deleted_at.is_some()) != was_deleted;
            let edited_elsewhere = heads.iter().any(|h| {
                !changed_deletion(h)
                    && base.is_some_and(|b| {
                        Field::ALL
                            .iter()
                            .any(|f| *f != Field::Deleted && !f.same(h, b))
                            || h.tags != b.tags
                            || h.source_ids != b.source_ids
                    })
            });
            if was_deleted.is_some() && heads.iter().any(changed_deletion) && edited_elsewhere {
                conflicts.push(Field::Deleted);
            } else {
                merged.deleted_at = if now_deleted {
                    heads.iter().filter_map(|h| h.deleted_at).min()
                } else {
                    None
                };
            }
        }
    }
    merged.created_at = heads
        .iter()
        .map(|h| h.created_at)
        .min()
        .unwrap_or(merged.created_at);
    merged.updated_at = heads
        .iter()
        .map(|h| h.updated_at)
        .max()
        .unwrap_or(merged.updated_at);
    merged.version = heads.iter().map(|h| h.version).max().unwrap_or(0) + 1;
    conflicts.sort();
    Some(Merge { merged, conflicts })
}

impl crate::lang::Labelled for Field {
    fn label_key(self) -> &'static str {
        self.key()
    }

    fn all_label_keys() -> Vec<&'static str> {
        Field::ALL.iter().map(|f| f.key()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EventType, Figure, IncidentDate, Location, LocationPrecision, Side};

    fn base() -> Incident {
        let mut i = Incident::new(
            "Clash at Panj",
            EventType::ArmedClash,
            IncidentDate::day(jiff::civil::date(2024, 5, 1)),
            Location::point(69.1, 37.2, LocationPrecision::Near, Side::Tj),
        );
        i.casualties.push(Casualty {
            nationality: Some(CountryCode::TJ),
            role: VictimRole::SecurityForces,
            killed: 3,
            wounded: 0,
            figure: Figure::Exact,
        });
        i.tags = vec!["border".into()];
        i
    }

    #[test]
    fn fields_changed_on_one_side_each_merge() {
        let b = base();
        let mut a = b.clone();
        a.title = "Clash at Panj bridge".into();
        a.tags.push("bridge".into());
        let mut c = b.clone();
        c.notes = "Two sources agree.".into();
        c.tags.clear();
        let m = merge(Some(&b), &[&a, &c]).unwrap();
        assert!(m.is_clean(), "{:?}", m.conflicts);
        assert_eq!(m.merged.title, "Clash at Panj bridge");
        assert_eq!(m.merged.notes, "Two sources agree.");
        assert_eq!(
            m.merged.tags,
            vec!["bridge".to_string()],
            "removal and addition both kept"
        );
        assert_eq!(
            merge(Some(&b), &[&c, &a]).unwrap().merged.title,
            m.merged.title
        );
    }

    #[test]
    fn two_figures_for_the_same_people_conflict_instead_of_adding_up() {
        let b = base();
        let mut a = b.clone();
        a.casualties[0].killed = 5;
        let mut c = b.clone();
        c.casualties[0].killed = 7;
        let m = merge(Some(&b), &[&a, &c]).unwrap();
        assert_eq!(m.conflicts, vec![Field::Casualties]);
        let mut d = b.clone();
        d.casualties.push(Casualty {
            nationality: Some(CountryCode::AF),
            role: VictimRole::Civilian,
            killed: 1,
            wounded: 0,
            figure: Figure::Exact,
        });
        let m = merge(Some(&b), &[&a, &d]).unwrap();
        assert!(m.is_clean());
        assert_eq!(
            m.merged.killed(),
            6,
            "row edited on one side, row added on the other"
        );
    }

    #[test]
    fn a_deletion_against_an_edit_conflicts_but_two_deletions_agree() {
        let b = base();
        let mut deleted = b.clone();
        deleted.deleted_at = Some(jiff::Timestamp::now());
        let mut edited = b.clone();
        edited.title = "Renamed".into();
        assert_eq!(
            merge(Some(&b), &[&deleted, &edited]).unwrap().conflicts,
            vec![Field::Deleted]
        );
        let also_deleted = deleted.clone();
        let m = merge(Some(&b), &[&deleted, &also_deleted]).unwrap();
        assert!(m.is_clean());
        assert!(m.merged.deleted_at.is_some());
    }

    #[test]
    fn the_same_field_changed_differently_conflicts() {
        let b = base();
        let mut a = b.clone();
        a.title = "A".into();
        let mut c = b.clone();
        c.title = "C".into();
        assert_eq!(
            merge(Some(&b), &[&a, &c]).unwrap().conflicts,
            vec![Field::Title]
        );
        assert!(
            merge(None, &[&a, &a.clone()]).unwrap().is_clean(),
            "equal sides without a base agree"
        );
    }
}
