//! The incident form: new, edit and duplicate-as-new records typed in by
//! hand. [`draft`] holds the record as typed and checks it field by field;
//! the panel that shows it is being built for the data-entry issue.

pub mod draft;
