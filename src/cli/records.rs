//! `panj list`, `show`, `edit`, `delete` and `actors`: reading and
//! changing single records from the command line.

use super::args::{EditArgs, ListArgs};
use super::print::{printable, short_id, write_details, write_table};
use crate::store::Store;
use anyhow::{Context, Result, bail};
use std::io::Write;
use std::process::ExitCode;
/// `panj list`
pub(super) fn list(out: &mut impl Write, store: &Store, args: &ListArgs) -> Result<ExitCode> {
    let actors = store.actor_directory()?;
    let filter = args.filter.to_filter(&actors)?;
    let incidents = store.query(&filter)?;
    if args.json {
        serde_json::to_writer_pretty(&mut *out, &incidents)?;
        writeln!(out)?;
    } else {
        write_table(out, &incidents, &actors)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `panj show`, `--json`, `--original`
pub(super) fn show(
    out: &mut impl Write,
    store: &Store,
    id: &str,
    json: bool,
    original: bool,
) -> Result<ExitCode> {
    let id = one_incident(store, id)?;
    let incident = store
        .incident(id)?
        .context("the incident disappeared while reading it")?;
    if original {
        let Some(source) = store.source_row(id)? else {
            anyhow::bail!(
                "{id} was not imported from a CSV file in this database (typed in, received from a colleague, or read from GeoJSON); its provenance, if any, is in `panj show {id}`"
            );
        };
        // Byte for byte, as the file held them: the line endings
        // are the only thing added. To a terminal, control
        // characters are written visibly instead: a row's bytes
        // are somebody else's, and an escape sequence in them
        // could retitle the window or clear the screen.
        let mut bytes = Vec::new();
        if let Some(header) = &source.header {
            bytes.extend_from_slice(header);
            bytes.push(b'\n');
        }
        bytes.extend_from_slice(&source.row);
        bytes.push(b'\n');
        if std::io::IsTerminal::is_terminal(&std::io::stdout()) {
            out.write_all(printable(&String::from_utf8_lossy(&bytes), true).as_bytes())?;
        } else {
            out.write_all(&bytes)?;
        }
    } else if json {
        serde_json::to_writer_pretty(&mut *out, &incident)?;
        writeln!(out)?;
    } else {
        // Written whole first, then made safe for the terminal.
        let mut text = Vec::new();
        write_details(&mut text, store, &incident)?;
        out.write_all(printable(&String::from_utf8_lossy(&text), true).as_bytes())?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `panj edit`
pub(super) fn edit(out: &mut impl Write, store: &mut Store, args: &EditArgs) -> Result<ExitCode> {
    let id = one_incident(store, &args.id)?;
    let mut incident = store.incident(id)?.context("the incident disappeared")?;
    if args.title.is_none()
        && args.summary.is_none()
        && args.notes.is_none()
        && args.add_tags.is_empty()
        && args.remove_tags.is_empty()
    {
        bail!(
            "nothing to change: give what to change (--title, --summary, --notes, \
             --add-tag, --remove-tag); {} was left as it was",
            short_id(id)
        );
    }
    if incident.deleted_at.is_some() {
        bail!(
            "{} is in the trash: restore it first (Trash in the window), then edit it; \
             nothing was written",
            short_id(id)
        );
    }
    let before = incident.clone();
    if let Some(title) = &args.title {
        incident.title = title.clone();
    }
    if let Some(summary) = &args.summary {
        incident.summary = summary.clone();
    }
    if let Some(notes) = &args.notes {
        incident.notes = notes.clone();
    }
    for tag in &args.add_tags {
        if !incident.tags.contains(tag) {
            incident.tags.push(tag.clone());
        }
    }
    incident.tags.retain(|t| !args.remove_tags.contains(t));
    if incident == before {
        writeln!(
            out,
            "{} already says so: nothing written (version {})",
            short_id(id),
            incident.version
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    let stored = store.update_incident(&incident)?;
    writeln!(
        out,
        "saved {} (version {})",
        short_id(stored.id),
        stored.version
    )?;
    Ok(ExitCode::SUCCESS)
}

/// `panj delete`
pub(super) fn delete(out: &mut impl Write, store: &mut Store, id: &str) -> Result<ExitCode> {
    let id = one_incident(store, id)?;
    let incident = store.incident(id)?.context("the incident disappeared")?;
    if incident.deleted_at.is_some() {
        bail!("{} is in the trash already", short_id(id));
    }
    store.delete_incident(id, incident.version)?;
    writeln!(
        out,
        "moved {} '{}' to the trash",
        short_id(id),
        printable(&incident.title, false)
    )?;
    Ok(ExitCode::SUCCESS)
}

/// `panj actors`
pub(super) fn actors(out: &mut impl Write, store: &Store) -> Result<ExitCode> {
    for actor in store.actors()? {
        let aliases = if actor.aliases.is_empty() {
            String::new()
        } else {
            format!(" (also: {})", actor.aliases.join(", "))
        };
        writeln!(
            out,
            "{:<32} {:<28}{}",
            printable(&actor.name, false),
            actor.kind.label(),
            printable(&aliases, false)
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The one incident an id or short id names.
pub(super) fn one_incident(store: &Store, id: &str) -> Result<uuid::Uuid> {
    if id.trim().chars().count() < 4 {
        bail!(
            "'{}' is too short to name one incident: give at least 4 characters of its id (`panj list` prints them)",
            printable(id, false)
        );
    }
    let ids = store.incident_ids_matching(id)?;
    match ids.as_slice() {
        [one] => Ok(*one),
        [] => bail!(
            "no incident has an id starting or ending with '{}'",
            printable(id, false)
        ),
        _ => bail!(
            "'{}' matches {} incident ids; type more of it",
            printable(id, false),
            ids.len()
        ),
    }
}
