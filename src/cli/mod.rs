//! The command line: `panj` opens the window; subcommands list, show and
//! check incidents without it. Split by family, as ripgrep keeps `main`
//! thin: `args.rs` (what clap parses), `records.rs` (list, show, edit,
//! delete, actors), `exchange.rs` (import, export, report, extract, seed,
//! check --source), `safety.rs` (check, backups, restore, recover,
//! encryption), `team.rs` (bundles, sync, server, conflicts), `tools.rs`
//! (bench, demo, generate-docs) and `print.rs` (tables and details, text
//! made safe for a terminal). `run` below only picks the family.

mod args;
mod exchange;
mod print;
mod records;
mod safety;
mod team;
mod tools;

pub use crate::workspace::opening::{WRITE_WAIT, say, say_waiting};
pub use crate::workspace::{
    Passphrases, daily_backup_in_background, database_path, default_db_path, open_database,
};
pub use args::{
    BenchArgs, BundleCommand, Cli, Command, EditArgs, ExportArgs, FilterArgs, ImportArgs, Keep,
    ListArgs, ReportArgs, ServerCommand,
};
pub use print::{printable, short_id};
pub use team::{ConflictField, ConflictReport, ConflictSide};
pub use tools::{DEMO_TAG, generate_docs};

use anyhow::Result;
use safety::{Change, is_damage, is_write_failure};
use std::path::PathBuf;
use std::process::ExitCode;

/// Runs a subcommand.
pub fn run(
    db: Option<PathBuf>,
    as_name: Option<String>,
    passphrases: &Passphrases,
    command: Command,
) -> Result<ExitCode> {
    // Restore and recover read other files, and say their own damage.
    let about_the_database = !matches!(command, Command::Restore { .. } | Command::Recover { .. });
    let path = database_path(db.clone());
    run_command(db, as_name, passphrases, command).map_err(|e| match path {
        // Every write is whole or not at all: a failed one changed nothing.
        _ if is_write_failure(&e) => anyhow::anyhow!(
            "{:#}\nwriting failed: the disk may be full, or a limit on file size was reached (ulimit -f); nothing was changed",
            e
        ),
        Ok(path) if about_the_database && is_damage(&e) => anyhow::anyhow!(
            "{} is damaged ({}); nothing was changed. `panj backups` lists its backups and \
             `panj restore BACKUP` brings one back; `panj recover OUT` saves what can still be \
             read into a new file",
            path.display(),
            e.root_cause()
        ),
        _ => e,
    })
}

fn run_command(
    db: Option<PathBuf>,
    as_name: Option<String>,
    passphrases: &Passphrases,
    command: Command,
) -> Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    let out = &mut out;
    // Commands that never open the analyst's database as a store: the
    // benchmarks and demos write their own, the server needs none, and
    // the rest work on a damaged or still encrypted file.
    let command = match command {
        Command::Bench(args) => return tools::bench(out, passphrases, args),
        Command::GenerateDocs { out: folder } => return tools::write_docs(out, &folder),
        // Never opened through open_database: a demo file is not seeded
        // with the real seed records.
        Command::Demo { count, seed } => return tools::demo(out, db, passphrases, count, seed),
        Command::Server(server) => return team::server(out, &server),
        Command::Encrypt { keep_old } => {
            return safety::convert(
                out,
                &database_path(db)?,
                passphrases,
                Change::Encrypt,
                keep_old,
            );
        }
        Command::Decrypt { keep_old } => {
            return safety::convert(
                out,
                &database_path(db)?,
                passphrases,
                Change::Decrypt,
                keep_old,
            );
        }
        Command::Rekey { keep_old } => {
            return safety::convert(
                out,
                &database_path(db)?,
                passphrases,
                Change::Rekey,
                keep_old,
            );
        }
        Command::Backups => {
            let path = database_path(db)?;
            passphrases.unlock(&path)?;
            return safety::backups(out, &path);
        }
        Command::Restore { backup } => {
            let path = database_path(db)?;
            passphrases.unlock(&path)?;
            return safety::restore(out, &path, &backup);
        }
        Command::Recover { out: target } => {
            let path = database_path(db)?;
            passphrases.unlock(&path)?;
            return safety::recover(out, &path, target);
        }
        command => command,
    };
    let checking = matches!(command, Command::Check { source: None, .. });
    let mut store = open_database(db, passphrases)?;
    if let Some(name) = &as_name {
        store.sign_as_checked(name)?;
    }
    // `check` looks at the file as it is: a backup of a damaged file
    // first would fail, or copy the damage over a good backup's turn.
    if !checking
        && !store.is_read_only()
        && let Err(e) = store.daily_backup_if_due()
    {
        // A failed backup must not stop the work; it is said plainly.
        say(&format!("panj: the daily backup failed: {e}"));
    }
    match command {
        Command::List(args) => records::list(out, &store, &args),
        Command::Show { id, json, original } => records::show(out, &store, &id, json, original),
        Command::Edit(args) => records::edit(out, &mut store, &args),
        Command::Delete { id } => records::delete(out, &mut store, &id),
        Command::Actors => records::actors(out, &store),
        Command::Check {
            json,
            source: Some(file),
            format,
        } => exchange::check_source(out, &store, &file, format, json),
        Command::Check { json, .. } => safety::check(out, &mut store, json),
        Command::Backup { target } => safety::backup(out, &store, target),
        Command::Seed => exchange::seed(out, &mut store),
        Command::Import(args) => exchange::import(out, &mut store, &args),
        Command::Export(args) => exchange::export(out, &store, &args),
        Command::Report(args) => exchange::report(out, store, &args),
        Command::Extract {
            file,
            evaluate: true,
            json,
            ..
        } => exchange::evaluate_extract(out, &store, &file, json),
        Command::Extract {
            file,
            published,
            json,
            ..
        } => exchange::extract(out, &store, &file, published, json),
        Command::Bundle(bundle) => team::bundle(out, &mut store, bundle),
        Command::Sync { url, json } => team::sync(out, &mut store, url, json),
        Command::Conflicts { json } => team::conflicts(out, &store, json),
        Command::Resolve { id, keep } => team::resolve_saying(out, &mut store, &id, keep),
        Command::Bench(_)
        | Command::GenerateDocs { .. }
        | Command::Demo { .. }
        | Command::Server(_)
        | Command::Encrypt { .. }
        | Command::Decrypt { .. }
        | Command::Rekey { .. }
        | Command::Backups
        | Command::Restore { .. }
        | Command::Recover { .. } => unreachable!("handled before the database is opened"),
    }
}
