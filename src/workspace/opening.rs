//! Opening the database the analyst chose, the same way for the window and
//! the command line: the default path, the passphrase of an encrypted file
//! (`super::passphrase`), seeding a new file, waiting for another panj's
//! write with a message, and the daily backup on a thread of its own.

use super::Passphrases;
use crate::exchange::seed;
use crate::store::Store;
use anyhow::{Context, Result};
use std::io::Write;
use std::path::PathBuf;

/// Where the database lives when neither --db nor PANJ_DB says.
pub fn default_db_path() -> Result<PathBuf> {
    let dirs = directories::ProjectDirs::from("org", "panj", "panj")
        .context("cannot find a home directory for panj's data (set --db or PANJ_DB)")?;
    Ok(dirs.data_dir().join("panj.db"))
}

/// How long a command waits for another panj's write (an import, a
/// restore) before it gives up, saying nothing was saved.
pub const WRITE_WAIT: std::time::Duration = std::time::Duration::from_secs(600);

pub fn say_waiting(path: &std::path::Path) {
    say(&format!(
        "panj: waiting for another panj to finish writing to {}…",
        path.display()
    ));
}

/// A line on standard error; a closed standard error is no reason to
/// stop (or to panic, as `eprintln!` does).
pub fn say(line: &str) {
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// The database path the user chose, or the default. A path the user
/// named must be a regular file or not there yet, in a folder that is:
/// panj makes the folders of its own default place only, never a typo's.
pub fn database_path(db: Option<PathBuf>) -> Result<PathBuf> {
    let Some(path) = db else {
        return default_db_path();
    };
    crate::reading::regular_or_absent(&path).map_err(anyhow::Error::msg)?;
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    if !path.exists() && !folder.is_dir() {
        anyhow::bail!(
            "the folder {} does not exist; panj creates a new database only in a folder that exists (check the path, or make the folder first)",
            folder.display()
        );
    }
    Ok(path)
}

/// Opens (and, if new, creates and seeds) the database the user chose,
/// asking for its passphrase when it is encrypted.
pub fn open_database(db: Option<PathBuf>, passphrases: &Passphrases) -> Result<Store> {
    let path = database_path(db)?;
    wait_for_replacement(&path);
    passphrases.unlock(&path)?;
    let mut store = Store::open(&path)
        .with_context(|| format!("cannot open the database {}", path.display()))?;
    store.wait_for_other_writers(WRITE_WAIT, say_waiting);
    if store.was_created() {
        let report =
            seed::seed(&mut store).context("cannot add the seed data to the new database")?;
        say(&format!(
            "panj: created {} with the seed data ({} incidents)",
            path.display(),
            report.incidents
        ));
    }
    if store.is_read_only() {
        say(&format!(
            "panj: {} is read-only; changes cannot be saved",
            path.display()
        ));
    }
    Ok(store)
}

/// Waits (as writers wait for each other, up to [`WRITE_WAIT`]) while
/// another panj encrypts, rekeys or restores the database: until its new
/// copy is swapped in, the file is about to change under any reader.
pub fn wait_for_replacement(path: &std::path::Path) {
    use crate::store::files::replacement_in_progress;
    if !replacement_in_progress(path) {
        return;
    }
    say(&format!(
        "panj: waiting for another panj to finish encrypting or restoring {}…",
        path.display()
    ));
    let started = std::time::Instant::now();
    while replacement_in_progress(path) && started.elapsed() < WRITE_WAIT {
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
}

/// Makes the day's backup of the database at `path` if it is due, on a
/// thread of its own with its own connection (a large database takes a
/// while to copy), so the window opens at once. A failure is said on
/// standard error and stops nothing.
pub fn daily_backup_in_background(path: PathBuf) {
    std::thread::spawn(move || {
        let result = Store::open(&path).and_then(|store| store.daily_backup_if_due());
        if let Err(e) = result {
            say(&format!("panj: the daily backup failed: {e}"));
        }
    });
}
