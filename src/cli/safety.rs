//! `panj check`, `backup`, `backups`, `restore`, `recover`, `encrypt`,
//! `decrypt` and `rekey`: keeping the database whole and private, and the
//! words for a damaged database or a full disk.

use super::Passphrases;
use super::print::printable;
use crate::store::Store;
use crate::workspace::opening::{WRITE_WAIT, say_waiting};
use anyhow::{Context, Result, bail};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
/// Which way `panj encrypt`, `decrypt` or `rekey` converts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Change {
    Encrypt,
    Decrypt,
    Rekey,
}

/// `panj encrypt`, `decrypt`, `rekey`: the database and its backups
/// converted, each written anew and swapped in (see
/// `store::encryption`).
pub(super) fn convert(
    out: &mut impl Write,
    db: &std::path::Path,
    passphrases: &Passphrases,
    change: Change,
    keep_old: bool,
) -> Result<ExitCode> {
    use crate::store::secret::{self, Looks};
    if secret::looks(db) == Looks::New {
        bail!(
            "there is no database at {}; nothing was changed",
            db.display()
        );
    }
    let encrypted = secret::looks(db) == Looks::Encrypted;
    if change == Change::Encrypt && encrypted {
        bail!(
            "{} is encrypted already; use panj rekey to change its passphrase. Nothing was changed",
            db.display()
        );
    }
    if change != Change::Encrypt && !encrypted {
        bail!("{} is not encrypted; nothing was changed", db.display());
    }
    let from = match change {
        Change::Encrypt => None,
        Change::Decrypt | Change::Rekey => Some(passphrases.current(db)?),
    };
    let to = match change {
        Change::Encrypt => Some(passphrases.new_one(false)?),
        Change::Rekey => Some(passphrases.new_one(true)?),
        Change::Decrypt => None,
    };
    let converted = crate::store::encryption::convert(db, from.as_ref(), to.as_ref(), keep_old)
        .with_context(|| format!("cannot convert {}", db.display()))?;
    // This process holds no key for the file any more but the new one.
    secret::forget(db);
    let done = match change {
        Change::Encrypt => "encrypted",
        Change::Decrypt => "decrypted",
        Change::Rekey => "given the new passphrase",
    };
    writeln!(
        out,
        "{} {done}: {} incidents, and {} backups with it",
        db.display(),
        converted.incidents,
        converted.backups
    )?;
    for left in &converted.backups_left {
        writeln!(
            out,
            "  left as it was (it opens with neither passphrase): {}",
            left.display()
        )?;
    }
    if let Some(kept) = &converted.kept {
        writeln!(out, "  the file as it was is kept as {}", kept.display())?;
    }
    if change == Change::Encrypt {
        if let Some(moved) = crate::workspace::draft::move_draft_into(db, to.as_ref())? {
            writeln!(
                out,
                "  the form's draft moved into it from {}",
                moved.display()
            )?;
        }
        writeln!(
            out,
            "  keep the passphrase somewhere safe: nothing can open the database without it"
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Whether an error is a write the disk or a file-size limit refused
/// (SQLite says "disk I/O error" or "SQL logic error" for it).
pub(super) fn is_write_failure(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        let sqlite = cause.downcast_ref::<rusqlite::Error>().or_else(|| {
            match cause.downcast_ref::<crate::store::StoreError>() {
                Some(crate::store::StoreError::Sqlite(e)) => Some(e),
                _ => None,
            }
        });
        let io = cause.downcast_ref::<std::io::Error>();
        sqlite
            .and_then(rusqlite::Error::sqlite_error_code)
            .is_some_and(|code| {
                matches!(
                    code,
                    rusqlite::ErrorCode::DiskFull | rusqlite::ErrorCode::SystemIoFailure
                )
            })
            || io
                .and_then(std::io::Error::raw_os_error)
                .is_some_and(|code| {
                    code == libc::EFBIG || code == libc::ENOSPC || code == libc::EDQUOT
                })
            || cause.to_string().contains("disk I/O error")
    })
}

/// Whether opening the database failed because its file is damaged (not
/// because of a passphrase, a lock or a newer schema).
pub(super) fn is_damage(error: &anyhow::Error) -> bool {
    use crate::store::StoreError;
    error.chain().any(|cause| {
        matches!(
            cause.downcast_ref::<StoreError>(),
            Some(StoreError::Corrupt(_))
        ) || cause
            .downcast_ref::<rusqlite::Error>()
            .and_then(rusqlite::Error::sqlite_error_code)
            .is_some_and(|code| {
                matches!(
                    code,
                    rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase
                )
            })
            || matches!(
                cause.downcast_ref::<StoreError>(),
                Some(StoreError::Sqlite(e)) if matches!(
                    e.sqlite_error_code(),
                    Some(rusqlite::ErrorCode::DatabaseCorrupt)
                )
            )
    })
}

/// `panj backups`: read from the folder alone, never from the database.
pub(super) fn backups(out: &mut impl Write, db: &std::path::Path) -> Result<ExitCode> {
    let found = crate::store::backups::list(db);
    if found.is_empty() {
        writeln!(
            out,
            "no backups yet in {}",
            crate::store::backups::backup_dir(db).display()
        )?;
    }
    for backup in found {
        let size = std::fs::metadata(&backup.path).map_or(0, |m| m.len());
        let note = if size == 0 {
            "  EMPTY (cannot be restored)"
        } else {
            ""
        };
        writeln!(
            out,
            "{}  {:<17} {:>12} bytes  {}{note}",
            backup.made.strftime("%Y-%m-%d %H:%M:%S UTC"),
            backup.reason.code(),
            size,
            backup.path.display()
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `panj restore`: checked backup in, the database as it was kept.
pub(super) fn restore(
    out: &mut impl Write,
    db: &std::path::Path,
    backup: &std::path::Path,
) -> Result<ExitCode> {
    let restored = crate::store::backups::restore(db, backup, Some((WRITE_WAIT, say_waiting)))?;
    writeln!(out, "restored the database from {}", backup.display())?;
    match (&restored.kept, restored.was_damaged) {
        (Some(kept), true) => writeln!(
            out,
            "the database was damaged; it is kept unread in {} (panj --db {} recover saves what can be read of it)",
            kept.display(),
            kept.display()
        )?,
        (Some(kept), false) => {
            writeln!(out, "the database as it was is kept in {}", kept.display())?
        }
        (None, _) => {}
    }
    Ok(ExitCode::SUCCESS)
}

/// `panj recover`: what can be read of a damaged database, into a new file.
pub(super) fn recover(
    out: &mut impl Write,
    db: &std::path::Path,
    target: Option<PathBuf>,
) -> Result<ExitCode> {
    let target = match target {
        Some(target) => target,
        None => {
            let stem = db
                .file_stem()
                .map_or_else(|| "panj".into(), |s| s.to_string_lossy().to_string());
            let stamp = jiff::Timestamp::now().strftime("%Y%m%dT%H%M%SZ");
            db.with_file_name(format!("{stem}-recovered-{stamp}.db"))
        }
    };
    let recovered = crate::store::recover::recover(db, &target)
        .with_context(|| format!("cannot recover {}", db.display()))?;
    writeln!(out, "{}", recovered.describe())?;
    writeln!(
        out,
        "check it with: panj --db {} list; bring it back with: panj --db {} restore {}",
        target.display(),
        db.display(),
        target.display()
    )?;
    Ok(ExitCode::SUCCESS)
}

/// `panj check`: the database's integrity, indexes and map block.
pub(super) fn check(out: &mut impl Write, store: &mut Store, json: bool) -> Result<ExitCode> {
    let report = store.check_and_repair()?;
    if json {
        serde_json::to_writer_pretty(&mut *out, &report)?;
        writeln!(out)?;
    } else {
        let path = store
            .path()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        writeln!(out, "database        {path}")?;
        writeln!(out, "integrity       {}", report.integrity.join("; "))?;
        writeln!(
            out,
            "foreign keys    {} violations",
            report.foreign_key_violations
        )?;
        let fts = match (report.full_text_index_ok, report.busy) {
            (Some(true), _) => "ok",
            (Some(false), _) => "DAMAGED",
            (None, true) => "not checked: BUSY (another panj held the write lock; try again)",
            (None, false) => "not checked (read-only)",
        };
        writeln!(out, "full-text index {fts}")?;
        for problem in &report.schema_problems {
            writeln!(out, "schema object   {}", printable(problem, false))?;
        }
        for problem in &report.unreadable_records {
            writeln!(out, "unreadable      {}", printable(problem, false))?;
        }
        writeln!(
            out,
            "schema          version {} (this panj: {})",
            report.schema_version, report.supported_version
        )?;
        writeln!(
            out,
            "records         {} incidents ({} deleted), {} casualty rows, {} claims, {} actors, {} sources, {} versions",
            report.incidents,
            report.deleted_incidents,
            report.casualty_rows,
            report.claims,
            report.actors,
            report.sources,
            report.versions
        )?;
        use crate::store::map_block::MapBlockCheck;
        let block = match report.map_block {
            None => None,
            Some(MapBlockCheck::Absent) => {
                Some("none kept (a window writes one for a large database)".to_string())
            }
            Some(MapBlockCheck::Current { rows }) => {
                Some(format!("ok ({rows} incidents, as the records say)"))
            }
            Some(MapBlockCheck::Repaired { differing }) => Some(format!(
                "was STALE ({differing} incidents differed from the records): written again from them"
            )),
            Some(MapBlockCheck::Stale { differing }) => Some(format!(
                "STALE ({differing} incidents differ from the records; not written again: read-only or busy)"
            )),
        };
        if let Some(block) = block {
            writeln!(out, "map block       {block}")?;
        }
        if report.conflicts > 0 {
            writeln!(
                out,
                "conflicts       {} incidents wait for a person to choose (`panj conflicts`)",
                report.conflicts
            )?;
        }
        writeln!(
            out,
            "{}",
            if !report.is_ok() {
                "PROBLEMS FOUND"
            } else if report.busy {
                "busy: no damage found in what could be checked"
            } else {
                "ok"
            }
        )?;
    }
    if !report.is_ok() {
        return Ok(ExitCode::FAILURE);
    }
    if report.busy {
        // Not damage, and not a clean bill of health either.
        return Ok(ExitCode::from(2));
    }
    Ok(ExitCode::SUCCESS)
}

/// `panj backup [TARGET]`
pub(super) fn backup(
    out: &mut impl Write,
    store: &Store,
    target: Option<PathBuf>,
) -> Result<ExitCode> {
    let written = match target {
        Some(target) => {
            store
                .backup_to(&target)
                .with_context(|| format!("cannot write the backup {}", target.display()))?;
            target
        }
        None => store
            .rotating_backup(crate::store::backups::BackupReason::Manual)?
            .context("a database in memory has no backups folder")?,
    };
    writeln!(out, "wrote {}", written.display())?;
    Ok(ExitCode::SUCCESS)
}
