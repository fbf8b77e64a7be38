//! `panj bench`, `demo` and `generate-docs`: the commands that never
//! open the analyst's database.

use super::Passphrases;
use super::args::{BenchArgs, Cli};
use crate::filter::{ActorDirectory, Filter};
use crate::store::Store;
use crate::workspace::opening::say;
use anyhow::{Context, Result, bail};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
/// `panj bench`: each kind of benchmark on its own scratch database,
/// never the analyst's.
pub(super) fn bench(
    out: &mut impl Write,
    passphrases: &Passphrases,
    args: BenchArgs,
) -> Result<ExitCode> {
    let BenchArgs {
        incidents,
        import,
        scale,
        startup_of,
        team,
        server,
        chain,
        frames,
    } = args;
    if let Some(versions) = chain {
        writeln!(
            out,
            "timing a bundle of one record with {versions} versions..."
        )?;
        let report = crate::bench::chain(versions)?;
        writeln!(out, "{}", report.summary())?;
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(records) = team {
        let server = server
            .as_deref()
            .map(crate::server::ServerAddress::parse)
            .transpose()?;
        writeln!(out, "timing team work over {records} imported records...")?;
        let report = crate::bench::team(records, server.as_ref())?;
        writeln!(out, "{}", report.summary())?;
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(db) = startup_of {
        passphrases.unlock(&db)?;
        write!(out, "{}", crate::bench::startup_of(&db)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    // Never the analyst's database: the benchmark writes its own.
    if let Some(count) = scale {
        writeln!(out, "measuring with {count} synthetic incidents...")?;
        let rows = crate::bench::scale(count)?;
        writeln!(out, "| what | result |\n|---|---|")?;
        for row in rows {
            writeln!(out, "| {} | {} |", row.what, row.result)?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(rows) = import {
        writeln!(out, "importing {rows} synthetic ACLED rows...")?;
        let report = crate::bench::import(rows)?;
        writeln!(out, "{}", report.summary())?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(
        out,
        "filling a scratch database with {incidents} synthetic incidents..."
    )?;
    let report = crate::bench::map_frames(incidents, frames)?;
    writeln!(out, "{}", report.summary())?;
    Ok(ExitCode::SUCCESS)
}

/// `panj generate-docs FOLDER`
pub(super) fn write_docs(out: &mut impl Write, folder: &std::path::Path) -> Result<ExitCode> {
    let written = generate_docs(folder)?;
    for path in written {
        writeln!(out, "wrote {}", path.display())?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The tag every demo incident carries.
pub const DEMO_TAG: &str = "demo";

/// `panj demo`: synthetic incidents into a new file, or one that holds
/// only demo incidents already; real data is never touched.
pub(super) fn demo(
    out: &mut impl Write,
    db: Option<PathBuf>,
    passphrases: &Passphrases,
    count: usize,
    seed: u64,
) -> Result<ExitCode> {
    use crate::exchange::synthetic;
    let path = db.context(
        "panj demo writes a separate demo database: name it with --db FILE (a new file)",
    )?;
    passphrases.unlock(&path)?;
    if path.exists() {
        let store =
            Store::open(&path).with_context(|| format!("cannot open {}", path.display()))?;
        let mut all = store.query(&Filter::default())?;
        all.extend(store.query(&Filter {
            trash: true,
            ..Filter::default()
        })?);
        if all.is_empty() || all.iter().any(|i| !i.tags.iter().any(|t| t == DEMO_TAG)) {
            bail!(
                "{} is not a demo database (it holds records not made by panj demo, or none); panj demo only writes to a new file or an earlier demo file, and changed nothing",
                path.display()
            );
        }
    }
    let mut store =
        Store::open(&path).with_context(|| format!("cannot create {}", path.display()))?;
    let known = store.actor_directory()?;
    let actors: Vec<crate::model::Actor> = synthetic::actors()
        .into_iter()
        .map(|a| known.resolve(&a.name).cloned().unwrap_or(a))
        .collect();
    let directory = ActorDirectory::new(actors.clone());
    let mut records = synthetic::incidents(count, seed, &directory);
    for record in &mut records {
        record.tags.push(DEMO_TAG.to_string());
    }
    // Their versions are signed: the history said "Created by someone".
    if store.analyst()?.is_empty() {
        store.set_analyst("panj demo")?;
    }
    let started = std::time::Instant::now();
    store.write("the demo incidents", |w| {
        for actor in &actors {
            w.upsert_actor(actor)?;
        }
        let step = (count / 10).max(1);
        for (n, record) in records.iter().enumerate() {
            w.insert_incident(record)?;
            if count >= 10_000 && (n + 1) % step == 0 {
                say(&format!("panj demo: {} of {count} incidents", n + 1));
            }
        }
        Ok(())
    })?;
    writeln!(
        out,
        "wrote {count} synthetic incidents (tagged '{DEMO_TAG}') to {} in {:.1} s; open it with: panj --db {}",
        path.display(),
        started.elapsed().as_secs_f64(),
        path.display()
    )?;
    Ok(ExitCode::SUCCESS)
}

/// The man pages (`panj.1`, and `panj-SUBCOMMAND.1` for each command)
/// and shell completions (`panj.bash`, `_panj`, `panj.fish`), made from
/// the same definitions the command line parses, into `folder`.
pub fn generate_docs(folder: &std::path::Path) -> Result<Vec<PathBuf>> {
    use clap::CommandFactory;
    std::fs::create_dir_all(folder)
        .with_context(|| format!("cannot make the folder {}", folder.display()))?;
    let mut written = Vec::new();
    let mut write = |name: String, bytes: Vec<u8>| -> Result<()> {
        let path = folder.join(name);
        std::fs::write(&path, bytes).with_context(|| format!("cannot write {}", path.display()))?;
        written.push(path);
        Ok(())
    };
    let mut command = Cli::command();
    // Built, so that the global --db appears on every command's page.
    command.build();
    let mut page = Vec::new();
    clap_mangen::Man::new(command.clone()).render(&mut page)?;
    write("panj.1".into(), page)?;
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        let name = format!("panj-{}", sub.get_name());
        let sub = sub
            .clone()
            .bin_name(format!("panj {}", sub.get_name()))
            .name(name.clone());
        let mut page = Vec::new();
        clap_mangen::Man::new(sub).render(&mut page)?;
        write(format!("{name}.1"), page)?;
    }
    for (shell, name) in [
        (clap_complete::Shell::Bash, "panj.bash"),
        (clap_complete::Shell::Zsh, "_panj"),
        (clap_complete::Shell::Fish, "panj.fish"),
    ] {
        let mut script = Vec::new();
        clap_complete::generate(shell, &mut Cli::command(), "panj", &mut script);
        write(name.into(), script)?;
    }
    Ok(written)
}
