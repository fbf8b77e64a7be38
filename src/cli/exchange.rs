//! `panj import`, `export`, `report`, `extract`, `seed` and `check
//! --source`: data sets and reports in and out.

use super::args::{ExportArgs, ImportArgs, ReportArgs};
use super::print::printable;
use crate::exchange::seed;
use crate::store::Store;
use crate::workspace::opening::say;
use anyhow::{Context, Result, bail};
use jiff::civil::Date;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
/// Said once before an export or report of an encrypted database is
/// written: those files are plain by nature.
pub(super) fn say_exports_are_plain(store: &Store, out: &std::path::Path) {
    if store.is_encrypted() {
        say(&format!(
            "panj: the database is encrypted, but {} will not be: keep it as carefully as the data it holds",
            out.display()
        ));
    }
}

/// `panj import`: the preview, then the import in one transaction.
/// `--duplicate LINE=link|skip|import`, each once.
pub(super) fn duplicate_choices(
    given: &[String],
) -> Result<std::collections::BTreeMap<u64, crate::exchange::import::DuplicateChoice>> {
    use crate::exchange::import::DuplicateChoice;
    given
        .iter()
        .map(|pair| {
            let wrong = || {
                anyhow::anyhow!(
                    "--duplicate '{pair}': write it as LINE=link, LINE=skip or LINE=import"
                )
            };
            let (line, choice) = pair.split_once('=').ok_or_else(wrong)?;
            let line: u64 = line.trim().parse().map_err(|_| wrong())?;
            let choice = match choice.trim() {
                "link" => DuplicateChoice::Link,
                "skip" => DuplicateChoice::Skip,
                "import" => DuplicateChoice::ImportAnyway,
                _ => return Err(wrong()),
            };
            Ok((line, choice))
        })
        .collect()
}

pub(super) fn import(
    out: &mut impl Write,
    store: &mut Store,
    args: &ImportArgs,
) -> Result<ExitCode> {
    use crate::exchange::import::{self, ImportOptions};
    let options = ImportOptions {
        format: args.format,
        skip_bad_rows: args.skip_bad_rows,
        region_only: args.region_only,
        create_actors: args.create_actors,
        skip_duplicates: args.skip_duplicates,
        duplicate_choices: duplicate_choices(&args.duplicate)?,
    };
    let preview = import::preview(&args.file, store, options.clone())?;
    writeln!(
        out,
        "{}: {}",
        printable(&args.file.display().to_string(), false),
        preview.describe()
    )?;
    if let Some(totals) = preview.totals_line() {
        writeln!(out, "  totals: {totals}")?;
    }
    for note in &preview.notes {
        writeln!(out, "  note: {}", printable(&note.to_string(), false))?;
    }
    let flagged = preview.flagged();
    for flag in flagged.iter().take(20) {
        writeln!(out, "  {}", printable(flag, false))?;
    }
    if flagged.len() > 20 {
        writeln!(out, "  … and {} more kept as published", flagged.len() - 20)?;
    }
    for duplicate in preview.duplicates.iter().take(20) {
        writeln!(
            out,
            "  line {}: '{}' may be the stored '{}' ({})",
            duplicate.line,
            printable(&duplicate.title, false),
            printable(&duplicate.other_title, false),
            duplicate.other_id
        )?;
    }
    if preview.duplicates.len() > 20 {
        writeln!(
            out,
            "  … and {} more possible duplicates",
            preview.duplicates.len() - 20
        )?;
    }
    for error in preview.errors.iter().take(20) {
        writeln!(out, "  {}", printable(&error.to_string(), false))?;
    }
    if preview.errors.len() > 20 {
        writeln!(out, "  … and {} more", preview.errors.len() - 20)?;
    }
    if !preview.unknown_actors.is_empty() {
        writeln!(out, "actors not known yet:")?;
        for (name, kind) in &preview.unknown_actors {
            writeln!(out, "  {} ({})", printable(name, false), kind.label())?;
        }
    }
    // The names are checked before a dry run ends, as the real run checks them.
    let directory = store.actor_directory()?;
    let mut mapped = std::collections::BTreeMap::new();
    for pair in &args.map_actor {
        let (name, actor) = pair
            .split_once('=')
            .with_context(|| format!("--map-actor '{pair}': write it as NAME=ACTOR"))?;
        let known = directory.resolve(actor).with_context(|| {
            format!(
                "--map-actor '{pair}': no actor or alias is called '{}'",
                actor.trim()
            )
        })?;
        let name = preview
            .unknown_actors
            .keys()
            .find(|n| n.eq_ignore_ascii_case(name.trim()))
            .with_context(|| {
                format!(
                    "--map-actor '{pair}': '{}' is not among the actors this file names that are not known",
                    name.trim()
                )
            })?;
        if let Some(earlier) = mapped.get(name)
            && *earlier != known.id
        {
            bail!(
                "--map-actor names '{}' twice, as two different actors; give each name one actor. Nothing was imported",
                printable(name, false)
            );
        }
        mapped.insert(name.clone(), known.id);
    }
    if args.dry_run {
        writeln!(out, "dry run: nothing was written")?;
        return Ok(ExitCode::SUCCESS);
    }
    let started = std::time::Instant::now();
    let summary = import::commit(&preview, store, options, &mapped, |_, _| true)?;
    let seconds = started.elapsed().as_secs_f64();
    writeln!(
        out,
        "added {}, updated {}, created {} {}, added {} {} in {:.1} s ({:.0} rows/s)",
        summary.inserted,
        summary.updated,
        summary.actors_created,
        if summary.actors_created == 1 {
            "actor"
        } else {
            "actors"
        },
        summary.aliases_added,
        if summary.aliases_added == 1 {
            "alias"
        } else {
            "aliases"
        },
        seconds,
        (summary.inserted + summary.updated) as f64 / seconds.max(1e-9)
    )?;
    // The rows are stored and filterable; text search needs them indexed,
    // which the command finishes before it ends.
    let started = std::time::Instant::now();
    let to_index = store.rows_to_index()?;
    if to_index > 0 {
        store.complete_text_index(&mut |_, _| {})?;
        writeln!(
            out,
            "indexed {to_index} records for text search in {:.1} s",
            started.elapsed().as_secs_f64()
        )?;
        store.checkpoint()?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `panj check --source FILE`: whether the stored records add up to
/// the file.
pub(super) fn check_source(
    out: &mut impl Write,
    store: &Store,
    file: &Path,
    format: Option<crate::exchange::import::Format>,
    json: bool,
) -> Result<ExitCode> {
    let check = crate::exchange::import::check_source(file, store, format)?;
    if json {
        serde_json::to_writer_pretty(&mut *out, &check)?;
        writeln!(out)?;
    } else {
        write!(out, "{check}")?;
    }
    if !check.adds_up() {
        out.flush()?;
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

/// `panj seed`
pub(super) fn seed(out: &mut impl Write, store: &mut Store) -> Result<ExitCode> {
    let report = seed::seed(store)?;
    writeln!(
        out,
        "added {} incidents, {} actors, {} sources",
        report.incidents, report.actors, report.sources
    )?;
    Ok(ExitCode::SUCCESS)
}

/// `panj export`
pub(super) fn export(out: &mut impl Write, store: &Store, args: &ExportArgs) -> Result<ExitCode> {
    say_exports_are_plain(store, &args.out);
    let actors = store.actor_directory()?;
    let filter = args.filter.to_filter(&actors)?;
    let incidents = store.query(&filter)?;
    let written = crate::exchange::export::export(
        store.path(),
        &args.out,
        args.format,
        &incidents,
        &actors,
        &store.sources()?,
        &filter,
    )?;
    say_written(out, &format!("{} incidents", written.count), &written)
}

/// `panj report`
pub(super) fn report(out: &mut impl Write, store: Store, args: &ReportArgs) -> Result<ExitCode> {
    say_exports_are_plain(&store, &args.out);
    let actors = store.actor_directory()?;
    let filter = args.filter.to_filter(&actors)?;
    let db = store.path().map(PathBuf::from);
    let options = crate::report::ReportOptions {
        title: args.title.clone(),
        author: args.author.clone(),
        classification: args.classification.clone(),
        paper: args.paper,
    };
    let format = args.format.unwrap_or_else(|| {
        let pdf = args
            .out
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
        if pdf {
            crate::report::ReportFormat::Pdf
        } else {
            crate::report::ReportFormat::Html
        }
    });
    let written =
        crate::app::run::report(store, filter, options, db.as_deref(), &args.out, format)?;
    let what = format!("the report of {} incidents", written.count);
    say_written(out, &what, &written)
}

/// "wrote WHAT to FILE (sha256 …), manifest FILE.manifest.json".
fn say_written(
    out: &mut impl Write,
    what: &str,
    written: &crate::exchange::export::Exported,
) -> Result<ExitCode> {
    writeln!(
        out,
        "wrote {what} to {} (sha256 {}), manifest {}",
        written.path.display(),
        written.sha256,
        written.manifest.display()
    )?;
    Ok(ExitCode::SUCCESS)
}

/// `panj extract`: drafts proposed from a text, printed, not stored.
/// `panj extract --evaluate DIR`: the per-field table, then every miss.
pub(super) fn evaluate_extract(
    out: &mut impl Write,
    store: &Store,
    dir: &std::path::Path,
    json: bool,
) -> Result<ExitCode> {
    let actors = store.actors()?;
    let known = crate::extract::Known {
        actors: &actors,
        gazetteer: crate::geo::gazetteer::Gazetteer::shipped(),
        source: None,
    };
    let evaluation =
        crate::extract::evaluate::score_folder(dir, &known).map_err(|e| anyhow::anyhow!(e))?;
    if json {
        serde_json::to_writer_pretty(&mut *out, &evaluation.misses)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    write!(out, "{}", evaluation.table())?;
    if !evaluation.misses.is_empty() {
        writeln!(out, "\nmisses:")?;
        for m in &evaluation.misses {
            writeln!(
                out,
                "  {} {}: expected {}, got {}",
                m.report,
                m.field,
                printable(&m.expected, false),
                printable(&m.got, false)
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub(super) fn extract(
    out: &mut impl Write,
    store: &Store,
    file: &std::path::Path,
    published: Option<Date>,
    json: bool,
) -> Result<ExitCode> {
    use crate::reading::{Kind, read, read_stdin};
    let text = {
        let bytes = if file == std::path::Path::new("-") {
            read_stdin(Kind::Report)?
        } else {
            read(file, Kind::Report)?
        };
        String::from_utf8(bytes).map_err(|e| {
            anyhow::anyhow!(
                "{}: not UTF-8 text (byte {}); save the report as UTF-8 and try again",
                file.display(),
                e.utf8_error().valid_up_to()
            )
        })?
    };
    let today = jiff::Zoned::now().date();
    let (published, from) = match published {
        Some(date) => (date, "given".to_string()),
        None => match crate::extract::date_line(&text, today) {
            Some((date, span)) => (date, format!("from the date line \"{}\"", &text[span])),
            None => (today, "not given and no date line: today".to_string()),
        },
    };
    let actors = store.actors()?;
    let known = crate::extract::Known {
        actors: &actors,
        gazetteer: crate::geo::gazetteer::Gazetteer::shipped(),
        source: None,
    };
    let drafts = crate::extract::extract(&text, published, &known);
    if json {
        serde_json::to_writer_pretty(&mut *out, &drafts)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(
        out,
        "published {published} ({from}); {} draft{}, nothing stored",
        drafts.len(),
        if drafts.len() == 1 { "" } else { "s" }
    )?;
    for (n, draft) in drafts.iter().enumerate() {
        let i = &draft.incident;
        writeln!(out, "\n{}. {}", n + 1, printable(&i.title, false))?;
        writeln!(out, "   date       {}", i.date.describe())?;
        writeln!(
            out,
            "   place      {}, {}, {}",
            printable(&i.location.place_name, false),
            i.location.precision.label(),
            i.location.side.label()
        )?;
        writeln!(
            out,
            "   killed     {}   wounded {}",
            i.killed_label(),
            i.wounded()
        )?;
        for evidence in &draft.evidence {
            writeln!(
                out,
                "   {:<11}\"{}\"{}",
                evidence.field,
                printable(&evidence.words, false),
                if evidence.reading.is_empty() {
                    String::new()
                } else {
                    format!(" -> {}", printable(&evidence.reading, false))
                }
            )?;
        }
        for line in i.notes.lines().skip(1) {
            writeln!(out, "   note       {}", printable(line, false))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
