//! The panels of the main window, one file each. A panel is a struct with
//! its own UI state and a `ui` method that takes the shared state it shows.

pub mod about;
pub mod conflict_view;
pub mod details;
pub mod export_dialog;
pub mod filter_panel;
pub mod fonts;
pub mod from_text;
pub mod import_dialog;
pub mod incident_form;
pub mod incident_list;
pub mod map_panel;
pub mod map_picture;
pub mod raster;
pub mod server_window;
pub mod statistics;
pub mod text;
pub mod timeline;

/// A country's name in the interface's language ("Afghanistan",
/// "Афғонистон"), or its code where panj has no name for it.
pub fn country_name(code: &crate::model::CountryCode) -> String {
    crate::lang::try_tr(&format!("country-{}", code.as_str()))
        .unwrap_or_else(|| code.name().to_string())
}

/// An incident's date as the window shows it: "2025-11-26", or
/// "2025-11-27 – 2025-12-03 (week)" with the precision in the interface's
/// language (`IncidentDate::describe` is the English of exports and the CLI).
pub fn shown_date(date: &crate::model::IncidentDate) -> String {
    use crate::lang::Labelled;
    if date.start == date.end {
        date.start.to_string()
    } else {
        format!(
            "{} – {} ({})",
            date.start,
            date.end,
            date.precision.tr_label().to_lowercase()
        )
    }
}
