//! A filter in words, in the interface's language: each rule as the chip
//! above the map shows it (with how to drop it), and the whole filter in
//! one line for a report, an export's caption or a map picture.

use super::{ActorDirectory, DateMode, Filter, Perpetrator};
use crate::lang::Labelled;
use crate::model::Confidence;
use crate::tr;
use jiff::civil::Date;

/// Takes one rule out of a filter.
pub type DropRule = Box<dyn Fn(&mut Filter)>;

/// The filter's rules as people read them, each with how to drop it: the
/// chips above the map, and the caption of a map picture.
pub fn rules(filter: &Filter, actors: &ActorDirectory) -> Vec<(String, DropRule)> {
    let mut rules: Vec<(String, DropRule)> = Vec::new();
    if filter.date_from.is_some() || filter.date_to.is_some() {
        let bound = |d: Option<Date>| d.map_or_else(|| "…".to_string(), |d| d.to_string());
        let mode = match filter.date_mode {
            DateMode::Overlaps => String::new(),
            DateMode::Within => tr!("filter-rule-wholly-inside"),
        };
        rules.push((
            tr!(
                "filter-rule-date",
                from = bound(filter.date_from),
                to = bound(filter.date_to),
                mode = mode
            ),
            Box::new(|f| {
                f.date_from = None;
                f.date_to = None;
            }),
        ));
    }
    for choice in &filter.perpetrators {
        let name = match choice {
            Perpetrator::Actor(id) => actors
                .get(*id)
                .map_or_else(|| tr!("filter-unknown-actor"), |a| a.name.clone()),
            Perpetrator::Unattributed => tr!("filter-unattributed"),
        };
        let choice = *choice;
        rules.push((
            tr!("filter-rule-perpetrator", name = name),
            Box::new(move |f| {
                f.perpetrators.remove(&choice);
            }),
        ));
    }
    // The threshold applies to the claims of the ticked perpetrators; with
    // none ticked it changes nothing, and a chip would say it does.
    if filter.min_confidence != Confidence::Unknown && !filter.perpetrators.is_empty() {
        rules.push((
            tr!(
                "filter-rule-confidence",
                confidence = filter.min_confidence.tr_label().to_lowercase()
            ),
            Box::new(|f| f.min_confidence = Confidence::Unknown),
        ));
    }
    for nationality in &filter.nationalities {
        let nationality = *nationality;
        let name = nationality.map_or_else(|| tr!("filter-unknown"), |c| c.to_string());
        rules.push((
            tr!("filter-rule-victims", name = name),
            Box::new(move |f| {
                f.nationalities.remove(&nationality);
            }),
        ));
    }
    for role in &filter.victim_roles {
        let role = *role;
        rules.push((
            tr!("filter-rule-role", role = role.tr_label()),
            Box::new(move |f| {
                f.victim_roles.remove(&role);
            }),
        ));
    }
    if filter.killed_only {
        rules.push((
            tr!("filter-rule-killed-only"),
            Box::new(|f| f.killed_only = false),
        ));
    }
    for event_type in &filter.event_types {
        let event_type = *event_type;
        rules.push((
            event_type.tr_label(),
            Box::new(move |f| {
                f.event_types.remove(&event_type);
            }),
        ));
    }
    for side in &filter.sides {
        let side = *side;
        rules.push((
            side.tr_label(),
            Box::new(move |f| {
                f.sides.remove(&side);
            }),
        ));
    }
    for province in &filter.provinces {
        let p = province.clone();
        rules.push((
            province.clone(),
            Box::new(move |f| {
                f.provinces.remove(&p);
            }),
        ));
    }
    if let Some(min) = filter.min_fatalities {
        rules.push((
            tr!("filter-rule-at-least-killed", min = min),
            Box::new(|f| f.min_fatalities = None),
        ));
    }
    if !filter.text.trim().is_empty() {
        rules.push((
            tr!("filter-rule-text", text = filter.text.trim()),
            Box::new(|f| f.text.clear()),
        ));
    }
    if let Some(area) = filter.bbox {
        rules.push((
            tr!(
                "filter-rule-area",
                west = format!("{:.2}", area.min_lon),
                east = format!("{:.2}", area.max_lon),
                south = format!("{:.2}", area.min_lat),
                north = format!("{:.2}", area.max_lat)
            ),
            Box::new(|f| f.bbox = None),
        ));
    }
    if let Some(km) = filter.max_border_km {
        rules.push((
            tr!("filter-rule-within-km", km = km.to_string()),
            Box::new(|f| f.max_border_km = None),
        ));
    }
    rules
}

/// The filter in one line: "Victims: CN; Date 2025-01-01 – …", or "".
pub fn describe(filter: &Filter, actors: &ActorDirectory) -> String {
    rules(filter, actors)
        .into_iter()
        .map(|(label, _)| label)
        .collect::<Vec<_>>()
        .join("; ")
}
