//! One way to read a file a person names: only a regular file (a pipe, a
//! device or a folder is refused before it is opened, so nothing hangs on
//! a FIFO with no writer and nothing reads `/dev/zero` forever), and at
//! most a size set per kind of file, said in the message. Imports, report
//! texts, passphrase files, bundles and restore sources all come through
//! here; the database itself is checked with [`regular_or_absent`].
//!
//! This module imports nothing of panj: every layer may use it.

use std::io::Read;
use std::path::{Path, PathBuf};

/// What a file is read as, and so how large it may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A data set to import (ACLED, UCDP, panj's own).
    Import,
    /// A report's text to propose drafts from.
    Report,
    /// A file holding a passphrase on its first line.
    Passphrase,
    /// A bundle from a colleague.
    Bundle,
    /// A backup or other database copy to restore from.
    Backup,
}

impl Kind {
    /// The most panj reads of such a file: far above any real one, short
    /// of what would exhaust memory or hold the window for minutes.
    pub const fn limit(self) -> u64 {
        match self {
            Kind::Import => 2 << 30,
            // A long report is tens of kilobytes; a book is a few MiB.
            Kind::Report => 2 << 20,
            Kind::Passphrase => 64 << 10,
            Kind::Bundle => 8 << 30,
            // Read by SQLite page by page, never whole.
            Kind::Backup => 1 << 40,
        }
    }

    fn what(self) -> &'static str {
        match self {
            Kind::Import => "a file to import",
            Kind::Report => "a report's text",
            Kind::Passphrase => "a passphrase file",
            Kind::Bundle => "a bundle",
            Kind::Backup => "a backup",
        }
    }
}

/// Why a file was not read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{}: is not a regular file (a pipe, device, socket or folder); panj reads {} only from a file{}", .path.display(), .kind.what(), if *.kind == Kind::Passphrase { " (to pass it through a pipe, use --passphrase-stdin)" } else { "" })]
    NotRegular { path: PathBuf, kind: Kind },
    #[error("{}: is larger than {}, the most panj reads as {}", .path.display(), size(.kind.limit()), .kind.what())]
    TooLarge { path: PathBuf, kind: Kind },
    #[error("cannot read {}: {source}", .path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// A size in the unit that says it best: "2 MiB", "64 KiB".
fn size(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 30 => format!("{} GiB", b >> 30),
        b if b >= 1 << 20 => format!("{} MiB", b >> 20),
        b => format!("{} KiB", b >> 10),
    }
}

/// Refuses a path that is not a regular file, before anything opens it
/// (opening a FIFO for reading waits for a writer).
pub fn regular(path: &Path, kind: Kind) -> Result<std::fs::Metadata, ReadError> {
    let meta = std::fs::metadata(path).map_err(|source| ReadError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular {
            path: path.to_path_buf(),
            kind,
        });
    }
    Ok(meta)
}

/// Whether a path a database will be opened at is a regular file or not
/// there yet: a pipe, a device or a folder is refused with why.
pub fn regular_or_absent(path: &Path) -> Result<(), String> {
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_file() => Ok(()),
        Ok(meta) if meta.is_dir() => Err(format!(
            "{} is a folder; name the database file in it (e.g. {})",
            path.display(),
            path.join("panj.db").display()
        )),
        Ok(_) => Err(format!(
            "{} is not a regular file (a pipe, device or socket); a panj database is a file",
            path.display()
        )),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(format!("cannot open {}: {e}", path.display())),
    }
}

/// The file's bytes: a regular file only, and at most `kind`'s limit (a
/// file under `/proc` can claim any size, so the bound is on what is
/// read, not on what the file says).
pub fn read(path: &Path, kind: Kind) -> Result<Vec<u8>, ReadError> {
    let meta = regular(path, kind)?;
    let io = |source| ReadError::Io {
        path: path.to_path_buf(),
        source,
    };
    if meta.len() > kind.limit() {
        return Err(ReadError::TooLarge {
            path: path.to_path_buf(),
            kind,
        });
    }
    let mut bytes = Vec::with_capacity(meta.len().min(kind.limit()) as usize);
    std::fs::File::open(path)
        .map_err(io)?
        .take(kind.limit() + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > kind.limit() {
        return Err(ReadError::TooLarge {
            path: path.to_path_buf(),
            kind,
        });
    }
    Ok(bytes)
}

/// Standard input, at most `kind`'s limit (`name` says it in messages).
pub fn read_stdin(kind: Kind) -> Result<Vec<u8>, ReadError> {
    let path = PathBuf::from("standard input");
    let mut bytes = Vec::new();
    std::io::stdin()
        .take(kind.limit() + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| ReadError::Io {
            path: path.clone(),
            source,
        })?;
    if bytes.len() as u64 > kind.limit() {
        return Err(ReadError::TooLarge { path, kind });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_regular_files_are_read_and_only_up_to_their_kinds_limit() {
        let dir = tempfile::tempdir().unwrap();
        let small = dir.path().join("p.txt");
        std::fs::write(&small, "secret\n").unwrap();
        assert_eq!(read(&small, Kind::Passphrase).unwrap(), b"secret\n");
        let big = dir.path().join("big.txt");
        std::fs::write(&big, vec![b'a'; (Kind::Passphrase.limit() + 1) as usize]).unwrap();
        let refused = read(&big, Kind::Passphrase).unwrap_err().to_string();
        assert!(refused.contains("larger than 64 KiB"), "{refused}");
        let folder = read(dir.path(), Kind::Report).unwrap_err().to_string();
        assert!(folder.contains("is not a regular file"), "{folder}");
        // A device says it is empty and never ends.
        let zero = read(Path::new("/dev/zero"), Kind::Report).unwrap_err();
        assert!(matches!(zero, ReadError::NotRegular { .. }), "{zero}");
        assert!(regular_or_absent(&dir.path().join("new.db")).is_ok());
        assert!(regular_or_absent(Path::new("/dev/null")).is_err());
    }
}
