//! `panj bundle`, `sync`, `server`, `conflicts` and `resolve`: team work
//! from the command line.

use super::args::{BundleCommand, Keep, ServerCommand};
use super::print::{printable, short_id};
use super::records::one_incident;
use crate::model::Incident;
use crate::store::Store;
use crate::workspace::opening::say;
use anyhow::{Context, Result};
use std::io::Write;
use std::process::ExitCode;
/// `panj bundle write` and `panj bundle read`
pub(super) fn bundle(
    out: &mut impl Write,
    store: &mut Store,
    command: BundleCommand,
) -> Result<ExitCode> {
    match command {
        BundleCommand::Write {
            out: target,
            for_other,
        } => {
            let written = store.write_bundle(&target, for_other.as_deref())?;
            writeln!(out, "{written}")?;
        }
        BundleCommand::Read { bundle } => {
            let read = store.read_bundle(&bundle)?;
            writeln!(out, "{}", printable(&read.to_string(), false))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `panj sync`
pub(super) fn sync(
    out: &mut impl Write,
    store: &mut Store,
    url: Option<String>,
    json: bool,
) -> Result<ExitCode> {
    let url = match url {
        Some(url) => url,
        None => store
            .setting(crate::server::LAST_SERVER_KEY)?
            .ok_or_else(|| {
                anyhow::anyhow!(
                    "this database has not synced with a server yet: give its address, \
                     panj sync postgresql://USER@HOST:PORT/DATABASE"
                )
            })?,
    };
    let address = crate::server::ServerAddress::parse(&url)?;
    let synced =
        crate::server::sync_saying(store, &address, &mut |step| say(&format!("panj: {step}")))?;
    if json {
        serde_json::to_writer_pretty(&mut *out, &synced)?;
        writeln!(out)?;
    } else {
        writeln!(out, "{}", printable(&synced.to_string(), false))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `panj server init`, `check`, `retract`: the server alone, no database.
pub(super) fn server(out: &mut impl Write, command: &ServerCommand) -> Result<ExitCode> {
    match command {
        ServerCommand::Init { url } => {
            let address = crate::server::ServerAddress::parse(url)?;
            writeln!(out, "{}", crate::server::init(&address)?)?;
        }
        ServerCommand::Check { url } => {
            let address = crate::server::ServerAddress::parse(url)?;
            let checked = crate::server::check(&address)?;
            writeln!(out, "{}", printable(&checked.to_string(), true))?;
        }
        ServerCommand::Retract { url, id } => {
            let address = crate::server::ServerAddress::parse(url)?;
            writeln!(out, "{}", crate::server::retract(&address, *id)?)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `panj conflicts`
pub(super) fn conflicts(out: &mut impl Write, store: &Store, json: bool) -> Result<ExitCode> {
    let conflicts = conflict_reports(store)?;
    if json {
        serde_json::to_writer_pretty(&mut *out, &conflicts)?;
        writeln!(out)?;
    } else if conflicts.is_empty() {
        writeln!(out, "no conflicts")?;
    } else {
        for c in &conflicts {
            writeln!(out, "{} {}", short_id(c.id), printable(&c.title, false))?;
            for f in &c.fields {
                let sides: Vec<String> = f
                    .sides
                    .iter()
                    .map(|s| {
                        format!(
                            "{} ({}, {}{})",
                            s.value,
                            s.author,
                            s.at.strftime("%-d %b %Y"),
                            if s.shown { ", shown here" } else { "" }
                        )
                    })
                    .collect();
                writeln!(
                    out,
                    "  {}: {} → {}",
                    f.field,
                    printable(&f.base, false),
                    printable(&sides.join(" vs → "), false)
                )?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `panj resolve`
pub(super) fn resolve_saying(
    out: &mut impl Write,
    store: &mut Store,
    id: &str,
    keep: Keep,
) -> Result<ExitCode> {
    let id = one_incident(store, id)?;
    let stored = resolve(store, id, keep)?;
    writeln!(
        out,
        "resolved {} '{}': kept {} values",
        short_id(id),
        printable(&stored.title, false),
        match keep {
            Keep::Mine => "this database's",
            Keep::Theirs => "the other",
        }
    )?;
    Ok(ExitCode::SUCCESS)
}

/// One side of a conflicting field, for `panj conflicts`.
#[derive(Debug, serde::Serialize)]
pub struct ConflictSide {
    pub version: uuid::Uuid,
    pub value: String,
    pub author: String,
    pub at: jiff::Timestamp,
    /// Whether this database's row shows this side ("mine").
    pub shown: bool,
}

#[derive(Debug, serde::Serialize)]
pub struct ConflictField {
    pub field: String,
    /// The value both sides started from ("" when they share no version).
    pub base: String,
    pub sides: Vec<ConflictSide>,
}

#[derive(Debug, serde::Serialize)]
pub struct ConflictReport {
    pub id: uuid::Uuid,
    pub title: String,
    pub fields: Vec<ConflictField>,
}

pub(super) fn conflict_reports(store: &Store) -> Result<Vec<ConflictReport>> {
    let mut reports = Vec::new();
    for id in store.conflicted()? {
        let Some(c) = store.conflict(id)? else {
            continue;
        };
        let shown = store.shown_version(id)?;
        reports.push(ConflictReport {
            id,
            title: c.merge.merged.title.clone(),
            fields: c
                .merge
                .conflicts
                .iter()
                .map(|field| ConflictField {
                    field: field.label().to_string(),
                    base: c
                        .base
                        .as_ref()
                        .map(|b| field.describe(&b.record))
                        .unwrap_or_default(),
                    sides: c
                        .heads
                        .iter()
                        .map(|v| ConflictSide {
                            version: v.id,
                            value: c.describe(*field, v),
                            author: c.author_of(*field, v).to_string(),
                            at: v.at,
                            shown: Some(v.id) == shown,
                        })
                        .collect(),
                })
                .collect(),
        });
    }
    Ok(reports)
}

/// Resolves the conflict of `id` keeping, for every conflicting field,
/// the value of the version this database shows or of the other one.
pub(super) fn resolve(store: &mut Store, id: uuid::Uuid, keep: Keep) -> Result<Incident> {
    let conflict = store
        .conflict(id)?
        .with_context(|| format!("{} has no conflict", short_id(id)))?;
    let shown = store.shown_version(id)?;
    let chosen = match keep {
        Keep::Mine => conflict.heads.iter().find(|v| Some(v.id) == shown),
        Keep::Theirs => conflict.heads.iter().rev().find(|v| Some(v.id) != shown),
    }
    .context("no version to keep")?;
    let resolved = conflict.keeping(chosen);
    let heads: Vec<uuid::Uuid> = conflict.heads.iter().map(|v| v.id).collect();
    Ok(store.resolve(id, &heads, &resolved)?)
}
