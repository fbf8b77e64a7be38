//! `panj bench --team`: what team work costs on one machine. Two analysts
//! import the same synthetic ACLED export; one writes a full bundle (read
//! by a database new to the rows and by the other analyst), the other
//! answers with a 7-version reply; and, given an empty team server, the
//! first push, a new database's first pull and a 7-version sync.
//! `panj bench --chain N` times one record's N versions through a bundle.

use super::{ScratchDir, ms, settle};
use crate::exchange::import::{self, ImportOptions};
use crate::exchange::synthetic;
use crate::server::{self, ServerAddress};
use crate::store::Store;
use anyhow::{Context as _, Result};
use std::path::Path;
use std::time::{Duration, Instant};

/// One measured step.
pub struct TeamStep {
    pub what: String,
    pub took: Duration,
    /// Versions it carried, and the file's size where it wrote one.
    pub versions: u64,
    pub bytes: Option<u64>,
}

pub struct TeamBenchReport {
    pub records: usize,
    pub steps: Vec<TeamStep>,
}

impl TeamBenchReport {
    pub fn summary(&self) -> String {
        let mut text = format!(
            "team work over {} imported records (synthetic ACLED, the same file in both databases)\n\
             | step | time | versions | file | bytes a version |\n|---|---|---|---|---|\n",
            self.records
        );
        for s in &self.steps {
            let (file, each) = match s.bytes {
                Some(b) => (
                    format!("{:.1} KB", b as f64 / 1000.0),
                    b.checked_div(s.versions)
                        .map_or_else(|| "-".into(), |each| each.to_string()),
                ),
                None => ("-".into(), "-".into()),
            };
            text.push_str(&format!(
                "| {} | {} | {} | {file} | {each} |\n",
                s.what,
                ms(s.took),
                s.versions
            ));
        }
        text
    }
}

/// A new database at `path` with the seed, signed by `analyst`.
fn analyst(path: &Path, analyst: &str) -> Result<Store> {
    let mut store = Store::open(path).context("cannot create a scratch database")?;
    crate::exchange::seed::seed(&mut store)?;
    store.sign_as(analyst);
    Ok(store)
}

fn import_into(store: &mut Store, file: &Path) -> Result<()> {
    let options = ImportOptions {
        create_actors: true,
        ..ImportOptions::default()
    };
    let preview = import::preview(file, store, options.clone())?;
    import::commit(&preview, store, options, &Default::default(), |_, _| true)?;
    store.complete_text_index(&mut |_, _| {})?;
    Ok(())
}

/// Seven records of `store` get a note each.
fn seven_edits(store: &mut Store, note: &str) -> Result<()> {
    let ids: Vec<uuid::Uuid> = store
        .load_everything()?
        .iter()
        .rev()
        .take(7)
        .map(|i| i.id)
        .collect();
    for (n, id) in ids.into_iter().enumerate() {
        let mut record = store.incident(id)?.context("a record vanished")?;
        record.notes = format!("{note} {n}");
        store.update_incident(&record)?;
    }
    Ok(())
}

fn timed<T>(work: impl FnOnce() -> Result<T>) -> Result<(T, Duration)> {
    let started = Instant::now();
    let value = work()?;
    Ok((value, started.elapsed()))
}

/// Runs the benchmark over `records` imported rows; the server steps only
/// with `server`, which must hold no panj data yet.
pub fn team(records: usize, server: Option<&ServerAddress>) -> Result<TeamBenchReport> {
    let dir = std::env::temp_dir().join(format!("panj-bench-team-{}", std::process::id()));
    std::fs::create_dir_all(&dir).context("cannot make a scratch folder")?;
    let _cleanup = ScratchDir(dir.clone());
    let file = dir.join("acled.csv");
    std::fs::write(&file, synthetic::acled_csv(records, 20251207))
        .context("cannot write the benchmark's CSV")?;
    let mut a = analyst(&dir.join("a.db"), "Amina")?;
    let mut b = analyst(&dir.join("b.db"), "Bahram")?;
    import_into(&mut a, &file)?;
    import_into(&mut b, &file)?;
    let mut steps = Vec::new();
    let size = |p: &Path| std::fs::metadata(p).map(|m| m.len()).ok();

    let full = dir.join("full.panjb");
    settle(&dir);
    let (written, took) = timed(|| Ok(a.write_bundle(&full, None)?))?;
    steps.push(TeamStep {
        what: "write a full bundle".into(),
        took,
        versions: written.versions,
        bytes: size(&full),
    });
    let mut fresh = analyst(&dir.join("fresh.db"), "Chorshanbe")?;
    settle(&dir);
    let (read, took) = timed(|| Ok(fresh.read_bundle(&full)?))?;
    steps.push(TeamStep {
        what: "read it into a database new to the rows".into(),
        took,
        versions: read.versions_added,
        bytes: None,
    });
    drop(fresh);
    let (read, took) = timed(|| Ok(b.read_bundle(&full)?))?;
    steps.push(TeamStep {
        what: "read it into a database that imported the same file".into(),
        took,
        versions: read.versions_added,
        bytes: None,
    });

    seven_edits(&mut b, "checked by Bahram")?;
    let reply = dir.join("reply.panjb");
    let (written, took) = timed(|| Ok(b.write_bundle(&reply, Some(&full))?))?;
    steps.push(TeamStep {
        what: "write a 7-version reply (--for the full bundle)".into(),
        took,
        versions: written.versions,
        bytes: size(&reply),
    });
    let (read, took) = timed(|| Ok(a.read_bundle(&reply)?))?;
    steps.push(TeamStep {
        what: "read the reply".into(),
        took,
        versions: read.versions_added,
        bytes: None,
    });

    if let Some(server) = server {
        let checked = server::check(server);
        if let Ok(checked) = &checked {
            anyhow::ensure!(
                checked.versions == 0,
                "{server} already holds {} panj versions: give the benchmark an empty database",
                checked.versions
            );
        }
        let (synced, took) = timed(|| Ok(server::sync(&mut a, server)?))?;
        steps.push(TeamStep {
            what: "first push to the server".into(),
            took,
            versions: synced.pushed_versions,
            bytes: None,
        });
        let mut new = analyst(&dir.join("new.db"), "Dilnoza")?;
        settle(&dir);
        let (synced, took) = timed(|| Ok(server::sync(&mut new, server)?))?;
        steps.push(TeamStep {
            what: "a new database's first pull".into(),
            took,
            versions: synced.pulled.versions_added,
            bytes: None,
        });
        drop(new);
        server::sync(&mut b, server)?;
        seven_edits(&mut b, "checked again by Bahram")?;
        let (synced, took) = timed(|| Ok(server::sync(&mut b, server)?))?;
        steps.push(TeamStep {
            what: "sync 7 versions up".into(),
            took,
            versions: synced.pushed_versions,
            bytes: None,
        });
        let (synced, took) = timed(|| Ok(server::sync(&mut a, server)?))?;
        steps.push(TeamStep {
            what: "sync 7 versions down".into(),
            took,
            versions: synced.pulled.versions_added,
            bytes: None,
        });
    }
    Ok(TeamBenchReport { records, steps })
}

/// One record edited `versions` times (in one transaction), written to a
/// bundle and read into a database new to it: taking in a long chain must
/// cost in proportion to its length.
pub fn chain(versions: usize) -> Result<TeamBenchReport> {
    let dir = std::env::temp_dir().join(format!("panj-bench-chain-{}", std::process::id()));
    std::fs::create_dir_all(&dir).context("cannot make a scratch folder")?;
    let _cleanup = ScratchDir(dir.clone());
    let mut a = analyst(&dir.join("a.db"), "Amina")?;
    let id = a
        .load_everything()?
        .first()
        .map(|i| i.id)
        .context("the seed has no record")?;
    let mut steps = Vec::new();
    let (_, took) = timed(|| {
        Ok(a.write("the chain's edits", |w| {
            for n in 0..versions {
                let mut record = w
                    .incident(id)?
                    .ok_or(crate::store::StoreError::IncidentNotFound(id))?;
                record.notes = format!("edit {n}");
                w.update_incident(&record)?;
            }
            Ok(())
        })?)
    })?;
    steps.push(TeamStep {
        what: format!("edit one record {versions} times"),
        took,
        versions: versions as u64,
        bytes: None,
    });
    let bundle = dir.join("chain.panjb");
    settle(&dir);
    let (written, took) = timed(|| Ok(a.write_bundle(&bundle, None)?))?;
    steps.push(TeamStep {
        what: "write the bundle".into(),
        took,
        versions: written.versions,
        bytes: std::fs::metadata(&bundle).map(|m| m.len()).ok(),
    });
    let mut fresh = analyst(&dir.join("fresh.db"), "Bahram")?;
    settle(&dir);
    let (read, took) = timed(|| Ok(fresh.read_bundle(&bundle)?))?;
    steps.push(TeamStep {
        what: "read it into a database new to the chain".into(),
        took,
        versions: read.versions_added,
        bytes: None,
    });
    Ok(TeamBenchReport { records: 1, steps })
}
