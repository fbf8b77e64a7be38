//! The database schema as numbered migrations, one file a step.
//!
//! `MIGRATIONS[n]` takes a database from `user_version` n to n + 1
//! (`mNN.rs` holds step NN). A shipped step is never edited: a change to
//! the schema is a new file at the end. A step that needs code beyond its
//! SQL carries its own copy of that code, frozen as it shipped, so that
//! changing today's code never changes what an old migration does (as
//! gossip's `storage/migrations` does). The tests in `store` open a
//! database at every older version and check that it ends up identical to
//! a new one.

mod m01;
mod m02;
mod m03;
mod m04;
mod m05;
mod m06;
mod m07;
mod m08;

use crate::store::Result;
use rusqlite::Connection;

/// Identifies a panj database in the SQLite header ("PANJ" in ASCII).
pub const APPLICATION_ID: i32 = 0x50_41_4E_4A;

/// The version whose migration turns the history rows into versions: a
/// database older than this has no `versions` table.
pub const VERSIONS_VERSION: i64 = 4;

/// One step of the schema.
pub struct Migration {
    /// The step's SQL alone: what a database made by the panj of that
    /// version ran (the tests build older databases from it).
    pub sql: &'static str,
    /// The whole step, its SQL and any frozen code, in the caller's
    /// transaction.
    pub up: fn(&Connection) -> Result<()>,
}

pub const MIGRATIONS: &[Migration] = &[
    Migration {
        sql: m01::SQL,
        up: m01::up,
    },
    Migration {
        sql: m02::SQL,
        up: m02::up,
    },
    Migration {
        sql: m03::SQL,
        up: m03::up,
    },
    Migration {
        sql: m04::SQL,
        up: m04::up,
    },
    Migration {
        sql: m05::SQL,
        up: m05::up,
    },
    Migration {
        sql: m06::SQL,
        up: m06::up,
    },
    Migration {
        sql: m07::SQL,
        up: m07::up,
    },
    Migration {
        sql: m08::SQL,
        up: m08::up,
    },
];

/// The schema version this build writes.
pub fn latest_version() -> i64 {
    MIGRATIONS.len() as i64
}
