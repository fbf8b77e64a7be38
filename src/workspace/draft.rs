//! Where the incident form's draft is kept between sessions: a plain
//! `draft.json` in the data folder, or, for an encrypted database, a
//! setting inside it (moved there by `panj encrypt`, so that nothing of a
//! record is left in plain text beside it).

use crate::store::Store;
use crate::store::secret::{self, Passphrase};
use std::path::{Path, PathBuf};
use zeroize::Zeroizing;

/// The settings key the form's draft is kept under in an encrypted
/// database.
pub const DRAFT_SETTING: &str = "form.draft";

/// Where the incident form autosaves its draft.
pub fn draft_file() -> Option<PathBuf> {
    directories::ProjectDirs::from("org", "panj", "panj").map(|d| d.data_dir().join("draft.json"))
}

/// Moves the plain `draft.json` into the encrypted database `db` (whose
/// passphrase is `key`) and removes the file: after `panj encrypt`,
/// nothing of a record is left in plain text beside it. Returns the file
/// moved, if there was one.
pub fn move_draft_into(db: &Path, key: Option<&Passphrase>) -> anyhow::Result<Option<PathBuf>> {
    let (Some(file), Some(key)) = (draft_file(), key) else {
        return Ok(None);
    };
    let Ok(json) = std::fs::read_to_string(&file) else {
        return Ok(None);
    };
    let json = Zeroizing::new(json);
    secret::remember(db, key.clone());
    let kept = Store::open(db).and_then(|mut store| {
        store.keep_settings(&[(DRAFT_SETTING.to_string(), json.to_string())])
    });
    secret::forget(db);
    kept?;
    std::fs::remove_file(&file)?;
    Ok(Some(file))
}
