//! How the command line prints records: tables, details, short ids, and
//! text made safe for a terminal.

use crate::filter::{ActorDirectory, attribution_label};
use crate::model::Incident;
use crate::store::Store;
use anyhow::Result;
use std::io::Write;
/// Text from a record or a file made safe for a terminal: control
/// characters (escape sequences could clear the screen or retitle the
/// window) are written as `\u{1b}`; with `keep_newlines`, line breaks
/// and tabs stay.
pub fn printable(text: &str, keep_newlines: bool) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| {
        c.is_control() && !(keep_newlines && (c == '\n' || c == '\t'))
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    if !text.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    text.chars()
        .map(|c| {
            if unsafe_char(c) {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect::<String>()
        .into()
}

/// The last eight hex digits of an id: the random part of a UUID v7, so
/// records entered together still get distinct short ids.
pub fn short_id(id: uuid::Uuid) -> String {
    let simple = id.simple().to_string();
    simple[simple.len() - 8..].to_string()
}

pub(super) fn truncate(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_string()
    } else {
        let cut: String = text.chars().take(width.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}

pub(super) fn write_table(
    out: &mut impl Write,
    incidents: &[Incident],
    actors: &ActorDirectory,
) -> Result<()> {
    writeln!(
        out,
        "{:<8}  {:<34}  {:<22}  {:>6}  {:<22}  TITLE",
        "ID", "DATE", "TYPE", "KILLED", "PERPETRATOR"
    )?;
    for i in incidents {
        writeln!(
            out,
            "{:<8}  {:<34}  {:<22}  {:>6}  {:<22}  {}",
            short_id(i.id),
            truncate(&i.date.describe(), 34),
            truncate(i.event_type.label(), 22),
            i.killed_label(),
            printable(&truncate(&attribution_label(i, actors), 22), false),
            printable(&i.title, false)
        )?;
    }
    writeln!(out, "{} incidents", incidents.len())?;
    Ok(())
}

pub(super) fn write_details(out: &mut impl Write, store: &Store, i: &Incident) -> Result<()> {
    let actors = store.actor_directory()?;
    let sources = store.sources()?;
    let source_title = |id: Option<uuid::Uuid>| {
        id.and_then(|id| sources.iter().find(|s| s.id == id))
            .map(|s| s.title.clone())
            .unwrap_or_else(|| "—".into())
    };
    let loc = &i.location;
    writeln!(out, "{}", i.title)?;
    writeln!(out, "id          {}", i.id)?;
    writeln!(out, "type        {}", i.event_type.label())?;
    writeln!(
        out,
        "date        {} (precision: {}){}",
        i.date.describe(),
        i.date.precision.label().to_lowercase(),
        i.date
            .time_of_day
            .map(|t| format!(", at {t}"))
            .unwrap_or_default()
    )?;
    writeln!(
        out,
        "place       {} — {:.4}, {:.4} (precision: {})",
        if loc.place_name.is_empty() {
            "unnamed"
        } else {
            &loc.place_name
        },
        loc.lat,
        loc.lon,
        loc.precision.label().to_lowercase()
    )?;
    let admin: Vec<&str> = [
        loc.admin2.as_deref(),
        loc.admin1.as_deref(),
        loc.country.as_ref().map(|c| c.name()),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !admin.is_empty() {
        writeln!(out, "            {}", admin.join(", "))?;
    }
    writeln!(out, "side        {}", loc.side.label())?;
    if !i.tags.is_empty() {
        writeln!(out, "tags        {}", i.tags.join(", "))?;
    }
    if i.deleted_at.is_some() {
        writeln!(
            out,
            "DELETED     {} (in the trash)",
            i.deleted_at.map(|t| t.to_string()).unwrap_or_default()
        )?;
    }
    writeln!(out, "\n{}", i.summary)?;
    writeln!(
        out,
        "\ncasualties  {} killed, {} wounded",
        i.killed_label(),
        i.wounded()
    )?;
    for c in &i.casualties {
        writeln!(
            out,
            "  {:<14} {:<32} killed {:>4}  wounded {:>4}  {}",
            c.nationality
                .map(|n| n.name().to_string())
                .unwrap_or_else(|| "unknown".into()),
            c.role.label(),
            c.killed,
            c.wounded,
            c.figure.label().to_lowercase()
        )?;
    }
    writeln!(out, "\nattribution claims")?;
    if i.claims.is_empty() {
        writeln!(out, "  none")?;
    }
    for c in &i.claims {
        let actor = actors
            .get(c.actor_id)
            .map(|a| a.name.as_str())
            .unwrap_or("?");
        let by = if c.claimant_name.is_empty() {
            c.claimant.label().to_string()
        } else {
            format!("{} ({})", c.claimant_name, c.claimant.label())
        };
        writeln!(
            out,
            "  {by}: {} {actor} — confidence {}; source: {}",
            c.stance.label().to_lowercase(),
            c.confidence.label().to_lowercase(),
            source_title(c.source_id)
        )?;
        if !c.note.is_empty() {
            writeln!(out, "    {}", c.note)?;
        }
    }
    writeln!(out, "\nsources")?;
    for id in &i.source_ids {
        if let Some(s) = sources.iter().find(|s| s.id == *id) {
            let publisher = if s.publisher.is_empty() {
                String::new()
            } else {
                format!(" — {}", s.publisher)
            };
            writeln!(out, "  [{}] {}{publisher}", s.grade.letter(), s.title)?;
        }
    }
    if !i.notes.is_empty() {
        writeln!(out, "\nnotes\n  {}", i.notes)?;
    }
    if let Some(source) = store.source_row(i.id)? {
        writeln!(
            out,
            "\nimported from\n  {} ({}, SHA-256 {}) at {} by {}\n  the row as the file held it: panj show {} --original",
            source.file_name,
            source.format,
            &source.sha256[..source.sha256.len().min(16)],
            source.at,
            if source.author.is_empty() {
                "someone"
            } else {
                &source.author
            },
            i.id
        )?;
    }
    let versions = store.versions(i.id)?;
    writeln!(out, "\nhistory")?;
    for line in crate::model::merge::history_lines(&versions) {
        writeln!(out, "  {}", printable(&line, false))?;
    }
    let heads = store.heads(i.id)?;
    if heads.len() > 1 {
        writeln!(
            out,
            "\nCONFLICT: {} versions disagree; see `panj conflicts`",
            heads.len()
        )?;
    }
    writeln!(
        out,
        "\nversion {}, created {}, updated {}",
        i.version, i.created_at, i.updated_at
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::printable;

    #[test]
    fn control_characters_are_escaped_for_the_terminal() {
        assert_eq!(printable("Panj", false), "Panj");
        assert_eq!(printable("a\x1b[2Jb", false), "a\\u{1b}[2Jb");
        assert_eq!(printable("one\ntwo\x07", true), "one\ntwo\\u{7}");
        assert_eq!(printable("one\ntwo", false), "one\\u{a}two");
        // Bidirectional overrides could make a line read backwards.
        assert_eq!(printable("x\u{202e}y", false), "x\\u{202e}y");
        assert_eq!(printable("Хорог خروغ", false), "Хорог خروغ");
    }
}
