//! Where a passphrase comes from, for the command line and for the window
//! when it is given one: `--passphrase-stdin` (one line; a second line is
//! the new passphrase of `panj rekey`), else the
//! file named by `PANJ_PASSPHRASE_FILE` (and `PANJ_NEW_PASSPHRASE_FILE`
//! for the new one of `panj rekey`), else the terminal, without echo.
//! Nothing here writes a passphrase anywhere.

use crate::store::secret::{self, Looks, Passphrase};
use anyhow::{Context, Result, anyhow, bail};
use std::path::Path;
use zeroize::Zeroizing;

/// The environment variable naming a file that holds the passphrase.
pub const PASSPHRASE_FILE: &str = "PANJ_PASSPHRASE_FILE";
/// The environment variable naming a file that holds the new passphrase
/// of `panj rekey`.
pub const NEW_PASSPHRASE_FILE: &str = "PANJ_NEW_PASSPHRASE_FILE";

/// A new passphrase shorter than this is refused: it could be guessed.
pub const SHORTEST: usize = 8;

/// The passphrase sources the user gave this command.
#[derive(Default)]
pub struct Passphrases {
    /// The lines read from standard input, when `--passphrase-stdin`.
    lines: Option<Vec<Zeroizing<String>>>,
    /// Whether the terminal may be asked (not for the window, which asks
    /// itself).
    terminal: bool,
}

impl Passphrases {
    /// Reads standard input now when `from_stdin` (it can be read once).
    pub fn new(from_stdin: bool) -> Result<Passphrases> {
        if !from_stdin {
            return Ok(Passphrases {
                lines: None,
                terminal: true,
            });
        }
        let bytes = Zeroizing::new(
            crate::reading::read_stdin(crate::reading::Kind::Passphrase)
                .context("cannot read the passphrase from standard input")?,
        );
        let text = Zeroizing::new(
            String::from_utf8(bytes.to_vec())
                .map_err(|_| anyhow!("the passphrase on standard input is not UTF-8 text"))?,
        );
        let lines = text
            .lines()
            .map(|l| Zeroizing::new(l.to_string()))
            .collect();
        Ok(Passphrases {
            lines: Some(lines),
            terminal: true,
        })
    }

    /// Whether a passphrase was given without the terminal (standard
    /// input or a file): then a new database is created encrypted.
    pub fn given(&self) -> bool {
        self.lines.is_some() || std::env::var_os(PASSPHRASE_FILE).is_some()
    }

    /// The passphrase of the existing encrypted database `db`.
    pub fn current(&self, db: &Path) -> Result<Passphrase> {
        if let Some(line) = self.line(0) {
            return checked(line);
        }
        if let Some(file) = std::env::var_os(PASSPHRASE_FILE) {
            return from_file(Path::new(&file), PASSPHRASE_FILE);
        }
        if !self.terminal {
            bail!(crate::store::StoreError::Encrypted {
                path: db.to_path_buf()
            });
        }
        let prompt = format!("Passphrase for {}: ", db.display());
        let typed = Zeroizing::new(rpassword::prompt_password(prompt).map_err(|_| {
            anyhow!(crate::store::StoreError::Encrypted {
                path: db.to_path_buf()
            })
        })?);
        checked(&typed)
    }

    /// A new passphrase (for `panj encrypt`, `second` false, or the new
    /// one of `panj rekey`, `second` true): asked twice on a terminal.
    pub fn new_one(&self, second: bool) -> Result<Passphrase> {
        let (index, variable) = if second {
            (1, NEW_PASSPHRASE_FILE)
        } else {
            (0, PASSPHRASE_FILE)
        };
        let chosen = if let Some(lines) = &self.lines {
            let line = lines.get(index).with_context(|| {
                format!(
                    "standard input has no line {} for the new passphrase",
                    index + 1
                )
            })?;
            checked(line)?
        } else if let Some(file) = std::env::var_os(variable) {
            from_file(Path::new(&file), variable)?
        } else {
            let first = Zeroizing::new(
                rpassword::prompt_password("New passphrase: ")
                    .context("no terminal to ask for the new passphrase on: give it with --passphrase-stdin or PANJ_PASSPHRASE_FILE")?,
            );
            let again = Zeroizing::new(
                rpassword::prompt_password("The new passphrase again: ")
                    .context("cannot read the passphrase from the terminal")?,
            );
            if first != again {
                bail!("the two passphrases differ; nothing was changed");
            }
            checked(&first)?
        };
        if chosen.chars() < SHORTEST {
            bail!(
                "the new passphrase has fewer than {SHORTEST} characters; choose a longer one \
                 (several unrelated words are easy to remember and hard to guess). Nothing was changed"
            );
        }
        Ok(chosen)
    }

    fn line(&self, index: usize) -> Option<&str> {
        self.lines
            .as_ref()
            .and_then(|l| l.get(index))
            .map(|l| l.as_str())
    }

    /// Makes `db` openable in this process: an encrypted file's passphrase
    /// is asked for (or read) and kept in memory; a new file is created
    /// encrypted when a passphrase was given without the terminal.
    pub fn unlock(&self, db: &Path) -> Result<()> {
        if secret::known(db).is_some() {
            return Ok(());
        }
        match secret::looks(db) {
            Looks::Encrypted => secret::remember(db, self.current(db)?),
            Looks::New if self.given() => secret::remember(db, self.new_one(false)?),
            Looks::Plain if self.lines.is_some() => {
                bail!(crate::store::StoreError::NotEncrypted {
                    path: db.to_path_buf()
                })
            }
            Looks::Plain if std::env::var_os(PASSPHRASE_FILE).is_some() => {
                // Said, not refused: a shell may export it for every panj.
                super::opening::say(&format!(
                    "panj: {PASSPHRASE_FILE} is set, but {} is not encrypted: it was opened without a passphrase (panj encrypt would encrypt it)",
                    db.display()
                ));
            }
            Looks::New | Looks::Plain | Looks::Other => {}
        }
        Ok(())
    }
}

fn checked(text: &str) -> Result<Passphrase> {
    Passphrase::new(text).map_err(|e| anyhow!("{e}; nothing was changed"))
}

fn from_file(path: &Path, variable: &str) -> Result<Passphrase> {
    let bytes = Zeroizing::new(
        crate::reading::read(path, crate::reading::Kind::Passphrase)
            .with_context(|| format!("the passphrase file named by {variable}"))?,
    );
    let text = Zeroizing::new(String::from_utf8(bytes.to_vec()).map_err(|_| {
        anyhow!(
            "the passphrase file {} (named by {variable}) is not UTF-8 text",
            path.display()
        )
    })?);
    checked(text.lines().next().unwrap_or(""))
}
