//! The window's settings and state: the language, the lock, reading the
//! database again. These may hand the workspace to a worker, or drop it.

use crate::app::PanjApp;
use crate::workspace::Command;
use anyhow::Result;

impl PanjApp {
    pub(super) fn apply_setting(&mut self, command: Command) -> Result<()> {
        match command {
            Command::Lock => self.lock_now(),
            Command::SetLockAfter(minutes) => self.lock_after_minutes = minutes,
            Command::SetLanguage(language) => self.language = language,
            Command::Reload => return self.reload(),
            _ => unreachable!("not a setting"),
        }
        Ok(())
    }
}
