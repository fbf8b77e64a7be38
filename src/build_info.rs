//! What this binary is: version, the commit it was built from and the day
//! it was built (set by `build.rs`), for `panj --version` and About.

/// "0.1.0 (commit 1a2b3c4d5e, built 2026-11-29)".
pub const VERSION_LINE: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (commit ",
    env!("PANJ_COMMIT"),
    ", built ",
    env!("PANJ_BUILD_DATE"),
    ")"
);
