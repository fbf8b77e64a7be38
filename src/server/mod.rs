//! Team server: a shared PostgreSQL database that every analyst's panj
//! syncs with, instead of passing bundles around.
//!
//! The server keeps what a bundle carries — versions, actors, sources — in
//! tables of the schema `panj` (see `schema`), only ever added to. A sync
//! pulls the versions the server got since this database last pulled, in
//! one local transaction that also keeps how far it got, and settles them
//! as a bundle read does (`Store::take_in`); then it pushes the versions
//! the server lacks in one server transaction. A sync cut off anywhere
//! leaves both sides whole, and the next sync finishes the job: pushes are
//! `ON CONFLICT DO NOTHING`, pulls add only what is missing.
//!
//! The `postgres` crate is synchronous; the window runs a sync on a worker.

pub mod address;
pub mod audit;
pub mod schema;

pub use address::ServerAddress;
pub use audit::{Retracted, ServerChecked, SetAside, check, retract};

use crate::store::bundle::{BundleRead, Incoming, parents_first};
use crate::store::{Store, StoreError};
use jiff::Timestamp;
use postgres::error::SqlState;
use postgres::{Client, IsolationLevel, NoTls};
use std::collections::HashSet;
use uuid::Uuid;

/// Versions sent to the server in one statement.
const PUSH_CHUNK: usize = 2_000;

#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error(
        "'{address}' is not a server address panj understands ({detail}); write it as postgresql://USER@HOST:PORT/DATABASE"
    )]
    BadAddress { address: String, detail: String },
    #[error("cannot reach the server {server}: {detail}. Nothing was changed")]
    Unreachable { server: String, detail: String },
    #[error(
        "the server {server} refused user '{user}': wrong password or no access. Nothing was changed"
    )]
    Refused { server: String, user: String },
    #[error(
        "the server {server} has no panj data yet: run `panj server init {server}` once. Nothing was changed"
    )]
    NotInitialised { server: String },
    #[error(
        "the server {server} was set up by a newer panj (server schema {found}; this panj knows up to {supported}): use a newer panj. Nothing was changed"
    )]
    TooNew {
        server: String,
        found: i64,
        supported: i64,
    },
    #[error(
        "the server {server} said: {detail}. What the sync had finished is kept on both sides; sync again to finish"
    )]
    Failed { server: String, detail: String },
    #[error("the server {server} kept the version: {detail}. Nothing was changed")]
    NotRetracted { server: String, detail: String },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What `panj server init` did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Initialised {
    pub server: String,
    /// The server's id, which local databases key their sync progress by.
    pub server_id: String,
    pub postgis: bool,
    /// PostGIS is installed on the server but this user may not enable it.
    pub postgis_needs_admin: bool,
    /// Whether the roles panj_team and panj_reader exist with their rights
    /// (only a user who may make roles can make them).
    pub roles: bool,
    /// Whether the schema was there already (then only the views were renewed).
    pub existed: bool,
}

impl std::fmt::Display for Initialised {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.existed {
            write!(f, "{} already holds panj data; views renewed", self.server)?;
        } else {
            write!(f, "made the panj schema on {}", self.server)?;
        }
        if self.roles {
            write!(
                f,
                "; let analysts sync with GRANT panj_team TO name, and QGIS users read with \
                 GRANT panj_reader TO name"
            )?;
        } else {
            write!(
                f,
                "; this user may not make roles, so only it can sync: a superuser runs \
                 `panj server init` again to make the roles panj_team and panj_reader"
            )?;
        }
        if self.postgis {
            write!(
                f,
                "; QGIS layer: panj.incidents_current (PostGIS points, EPSG:4326)"
            )
        } else if self.postgis_needs_admin {
            write!(
                f,
                "; PostGIS is on the server but this user may not enable it, so panj.incidents_current \
                 has lon and lat columns but no geometry (a superuser runs CREATE EXTENSION postgis; \
                 then run `panj server init` again)"
            )
        } else {
            write!(
                f,
                "; PostGIS is not installed on the server, so panj.incidents_current has lon and lat \
                 columns but no geometry (install PostGIS and run `panj server init` again)"
            )
        }
    }
}

/// What a sync did, each way.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Synced {
    pub server: String,
    pub pulled: BundleRead,
    pub pushed_versions: u64,
    pub pushed_actors: u64,
    pub pushed_sources: u64,
    pub at: Timestamp,
    /// Versions on the server that cannot be taken in (a row written
    /// there by hand, or building on one): left out of this pull so that
    /// they block nobody, for the owner to retract.
    pub set_aside: Vec<SetAside>,
}

impl std::fmt::Display for Synced {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "synced with {}: received {}", self.server, self.pulled)?;
        let n = self.pushed_versions;
        write!(f, "; sent {n} version{}", if n == 1 { "" } else { "s" })?;
        if self.pushed_actors + self.pushed_sources > 0 {
            write!(
                f,
                " and {} actors, {} sources",
                self.pushed_actors, self.pushed_sources
            )?;
        }
        audit::say_set_aside(f, &self.set_aside)
    }
}

/// The settings a database keeps of its syncs with the server `id`.
fn pulled_key(server_id: &str) -> String {
    format!("server.{server_id}.pulled")
}
fn pushed_key(server_id: &str) -> String {
    format!("server.{server_id}.pushed")
}
/// The server this database last synced with (shown address) and when.
pub const LAST_SERVER_KEY: &str = "server.last";
pub const LAST_SYNC_KEY: &str = "server.last_sync";

/// Connects, with TLS when the address asks for it (`sslmode=require`:
/// encrypted, the certificate not checked, as `psql` does).
fn connect(address: &ServerAddress) -> Result<Client, ServerError> {
    let config = address.config();
    let result = if config.get_ssl_mode() == postgres::config::SslMode::Disable {
        config.connect(NoTls)
    } else {
        let tls = native_tls::TlsConnector::builder()
            .danger_accept_invalid_certs(true)
            .danger_accept_invalid_hostnames(true)
            .build()
            .map_err(|e| ServerError::Unreachable {
                server: address.to_string(),
                detail: format!("TLS cannot be set up ({e})"),
            })?;
        config.connect(postgres_native_tls::MakeTlsConnector::new(tls))
    };
    result.map_err(|e| connect_error(address, e))
}

fn connect_error(address: &ServerAddress, e: postgres::Error) -> ServerError {
    let server = address.to_string();
    match e.code() {
        Some(code)
            if *code == SqlState::INVALID_PASSWORD
                || *code == SqlState::INVALID_AUTHORIZATION_SPECIFICATION =>
        {
            ServerError::Refused {
                server,
                user: address.user().to_string(),
            }
        }
        Some(_) => ServerError::Unreachable {
            server,
            detail: e
                .as_db_error()
                .map_or(e.to_string(), |d| d.message().to_string()),
        },
        None => ServerError::Unreachable {
            server,
            detail: plain(&e),
        },
    }
}

/// The innermost cause of a driver error, which says what happened
/// ("Connection refused (os error 111)").
fn plain(e: &postgres::Error) -> String {
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        text = s.to_string();
        source = s.source();
    }
    text
}

fn failed(address: &ServerAddress) -> impl Fn(postgres::Error) -> ServerError + '_ {
    move |e| ServerError::Failed {
        server: address.to_string(),
        detail: e
            .as_db_error()
            .map_or_else(|| plain(&e), |d| d.message().to_string()),
    }
}

/// Makes (or renews) the panj schema on the server. Safe to run again and
/// from several places at once.
pub fn init(address: &ServerAddress) -> Result<Initialised, ServerError> {
    let mut client = connect(address)?;
    let fail = failed(address);
    let mut tx = client.transaction().map_err(&fail)?;
    // One init at a time: CREATE ... IF NOT EXISTS is not safe in parallel.
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&schema::INIT_LOCK])
        .map_err(&fail)?;
    let existed: bool = tx
        .query_one("SELECT to_regclass('panj.about') IS NOT NULL", &[])
        .map_err(&fail)?
        .get(0);
    if existed {
        check_schema(&mut tx, address)?;
    }
    tx.batch_execute(schema::TABLES).map_err(&fail)?;
    tx.execute(
        "INSERT INTO panj.about (key, value) VALUES ('schema', $1) ON CONFLICT (key) DO NOTHING",
        &[&schema::SERVER_SCHEMA.to_string()],
    )
    .map_err(&fail)?;
    tx.execute(
        "INSERT INTO panj.about (key, value) VALUES ('server_id', $1) ON CONFLICT (key) DO NOTHING",
        &[&Uuid::now_v7().to_string()],
    )
    .map_err(&fail)?;
    // PostGIS if the server has it: try in a savepoint, so that a missing
    // extension does not undo the rest.
    let postgis = {
        let mut savepoint = tx.savepoint("postgis").map_err(&fail)?;
        let created = savepoint
            .batch_execute("CREATE EXTENSION IF NOT EXISTS postgis")
            .is_ok();
        if created {
            savepoint.commit().map_err(&fail)?;
        }
        created
    };
    let postgis_needs_admin = !postgis
        && tx
            .query_one(
                "SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'postgis')",
                &[],
            )
            .map_err(&fail)?
            .get::<_, bool>(0);
    tx.batch_execute(&schema::layer(postgis)).map_err(&fail)?;
    let roles = {
        let mut savepoint = tx.savepoint("roles").map_err(&fail)?;
        let made = savepoint.batch_execute(schema::ROLES).is_ok()
            && savepoint.batch_execute(schema::GRANTS).is_ok();
        if made {
            savepoint.commit().map_err(&fail)?;
        }
        made
    };
    let server_id: String = tx
        .query_one("SELECT value FROM panj.about WHERE key = 'server_id'", &[])
        .map_err(&fail)?
        .get(0);
    tx.commit().map_err(&fail)?;
    Ok(Initialised {
        server: address.to_string(),
        server_id,
        postgis,
        postgis_needs_admin,
        roles,
        existed,
    })
}

/// The server's id, once its schema is known to be one this panj reads.
fn check_schema(
    client: &mut impl postgres::GenericClient,
    address: &ServerAddress,
) -> Result<String, ServerError> {
    let fail = failed(address);
    let exists: bool = client
        .query_one("SELECT to_regclass('panj.about') IS NOT NULL", &[])
        .map_err(&fail)?
        .get(0);
    if !exists {
        return Err(ServerError::NotInitialised {
            server: address.to_string(),
        });
    }
    let rows = client
        .query(
            "SELECT key, value FROM panj.about WHERE key IN ('schema', 'server_id')",
            &[],
        )
        .map_err(&fail)?;
    let value = |key: &str| {
        rows.iter()
            .find(|r| r.get::<_, &str>(0) == key)
            .map(|r| r.get::<_, String>(1))
    };
    let found: i64 = value("schema").and_then(|v| v.parse().ok()).unwrap_or(0);
    if found > schema::SERVER_SCHEMA {
        return Err(ServerError::TooNew {
            server: address.to_string(),
            found,
            supported: schema::SERVER_SCHEMA,
        });
    }
    value("server_id").ok_or_else(|| ServerError::NotInitialised {
        server: address.to_string(),
    })
}

/// Pulls what the server has that this database lacks, then pushes what
/// the server lacks. Each way is one transaction.
pub fn sync(store: &mut Store, address: &ServerAddress) -> Result<Synced, ServerError> {
    sync_saying(store, address, &mut |_| {})
}

/// [`sync`], saying each step through `step` ("sending 4000 versions…").
pub fn sync_saying(
    store: &mut Store,
    address: &ServerAddress,
    step: &mut dyn FnMut(&str),
) -> Result<Synced, ServerError> {
    step(&format!("connecting to {address}…"));
    let mut client = connect(address)?;
    let fail = failed(address);
    let server_id = match check_schema(&mut client, address) {
        Err(ServerError::NotInitialised { .. }) => {
            // The first sync with an empty database sets it up.
            let made = init(address)?;
            step(&made.to_string());
            made.server_id
        }
        other => other?,
    };
    let refuse = |reason: String| StoreError::IncomingRefused {
        from: address.to_string(),
        reason,
    };

    // Pull: everything after the last seq this database took in.
    let pulled_after = counter(store, &pulled_key(&server_id))?;
    let (rows, actors, sources, last_seq) = {
        let mut tx = client
            .build_transaction()
            .isolation_level(IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()
            .map_err(&fail)?;
        let columns = audit::pulled_columns(&mut tx).map_err(&fail)?;
        let found = tx
            .query(
                &format!("SELECT {columns} FROM panj.versions WHERE seq > $1 ORDER BY seq"),
                &[&pulled_after],
            )
            .map_err(&fail)?;
        let mut last_seq = pulled_after;
        let mut rows: Vec<audit::ServerRow> = Vec::with_capacity(found.len());
        for r in &found {
            last_seq = r.try_get(audit::SEQ_COLUMN).map_err(&fail)?;
            rows.push(audit::ServerRow::read(r).map_err(&fail)?);
        }
        let catalog =
            |tx: &mut postgres::Transaction, sql: &str| -> Result<Vec<String>, ServerError> {
                tx.query(sql, &[])
                    .map_err(&fail)?
                    .iter()
                    .map(|r| r.try_get(0).map_err(&fail))
                    .collect()
            };
        let actors = catalog(&mut tx, "SELECT actor::text FROM panj.actors ORDER BY id")?
            .iter()
            .map(|j| serde_json::from_str(j).map_err(|e| refuse(format!("an actor: {e}"))))
            .collect::<Result<Vec<_>, _>>()?;
        let sources = catalog(&mut tx, "SELECT source::text FROM panj.sources ORDER BY id")?
            .iter()
            .map(|j| serde_json::from_str(j).map_err(|e| refuse(format!("a source: {e}"))))
            .collect::<Result<Vec<_>, _>>()?;
        tx.commit().map_err(&fail)?;
        (rows, actors, sources, last_seq)
    };
    if !rows.is_empty() {
        step(&format!("receiving {}…", versions(rows.len())));
    }
    let known = store.version_ids()?;
    let (accepted, set_aside) = audit::sort_out(rows, &known);
    let incoming = Incoming {
        versions: parents_first(accepted, &refuse)?,
        actors,
        sources,
    };
    let pulled = store.take_in(
        "the server's versions",
        &incoming,
        &refuse,
        // The address is kept from the first step that wrote anything,
        // so a sync stopped before its push is taken up by a plain
        // `panj sync`.
        &[
            (pulled_key(&server_id), last_seq.to_string()),
            (LAST_SERVER_KEY.to_string(), address.to_string()),
        ],
        "(from the server)",
    )?;

    // Push: the versions stored here since the last push that the server
    // lacks (those just pulled, it has), with every actor and source.
    let pushed_after = counter(store, &pushed_key(&server_id))?;
    let outgoing = store.outgoing(pushed_after)?;
    let local_last = outgoing
        .versions
        .last()
        .map_or(pushed_after, |(seq, _)| *seq);
    let pulled_ids: HashSet<Uuid> = incoming.versions.iter().map(|v| v.id).collect();
    let candidates: Vec<Uuid> = outgoing
        .versions
        .iter()
        .map(|(_, v)| v.id)
        .filter(|id| !pulled_ids.contains(id))
        .collect();
    let mut on_server: HashSet<Uuid> = HashSet::new();
    for chunk in candidates.chunks(10_000) {
        for row in client
            .query(
                "SELECT id FROM panj.versions WHERE id = ANY ($1)",
                &[&chunk],
            )
            .map_err(&fail)?
        {
            on_server.insert(row.get(0));
        }
    }
    let to_push: Vec<_> = outgoing
        .versions
        .iter()
        .map(|(_, v)| v)
        .filter(|v| !pulled_ids.contains(&v.id) && !on_server.contains(&v.id))
        .collect();
    let mut synced = Synced {
        server: address.to_string(),
        pulled,
        pushed_versions: 0,
        pushed_actors: 0,
        pushed_sources: 0,
        at: Timestamp::now(),
        set_aside,
    };
    if !to_push.is_empty() {
        step(&format!("sending {}…", versions(to_push.len())));
    }
    let mut tx = client.transaction().map_err(&fail)?;
    // Pushes one at a time, so that seq is commit order (see `schema`).
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&schema::PUSH_LOCK])
        .map_err(&fail)?;
    let max_seq = |tx: &mut postgres::Transaction| -> Result<i64, ServerError> {
        Ok(tx
            .query_one("SELECT coalesce(max(seq), 0) FROM panj.versions", &[])
            .map_err(&fail)?
            .get(0))
    };
    let seq_before = max_seq(&mut tx)?;
    for actor in &outgoing.actors {
        synced.pushed_actors += tx
            .execute(
                "INSERT INTO panj.actors (id, actor) VALUES ($1, $2::text::jsonb) ON CONFLICT (id) DO NOTHING",
                &[&actor.id, &to_json(actor)?],
            )
            .map_err(&fail)?;
    }
    for source in &outgoing.sources {
        synced.pushed_sources += tx
            .execute(
                "INSERT INTO panj.sources (id, source) VALUES ($1, $2::text::jsonb) ON CONFLICT (id) DO NOTHING",
                &[&source.id, &to_json(source)?],
            )
            .map_err(&fail)?;
    }
    let insert = tx
        .prepare(
            "INSERT INTO panj.versions (id, record_id, parents, author, device, at, action, record)
             SELECT u.id, u.record_id, coalesce(string_to_array(nullif(u.parents, ''), ' ')::uuid[], '{}'),
                    u.author, u.device, u.at, u.action, u.record::jsonb
             FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
                  WITH ORDINALITY AS u(id, record_id, parents, author, device, at, action, record, n)
             ORDER BY u.n
             ON CONFLICT (id) DO NOTHING",
        )
        .map_err(&fail)?;
    for chunk in to_push.chunks(PUSH_CHUNK) {
        let ids: Vec<Uuid> = chunk.iter().map(|v| v.id).collect();
        let record_ids: Vec<Uuid> = chunk.iter().map(|v| v.record_id).collect();
        let parents: Vec<String> = chunk
            .iter()
            .map(|v| {
                v.parents
                    .iter()
                    .map(Uuid::to_string)
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        let authors: Vec<&str> = chunk.iter().map(|v| v.author.as_str()).collect();
        let devices: Vec<&str> = chunk.iter().map(|v| v.device.as_str()).collect();
        let ats: Vec<String> = chunk.iter().map(|v| v.at.to_string()).collect();
        let actions: Vec<&str> = chunk.iter().map(|v| v.action.code()).collect();
        let records: Vec<&str> = chunk.iter().map(|v| v.json.as_str()).collect();
        synced.pushed_versions += tx
            .execute(
                &insert,
                &[
                    &ids,
                    &record_ids,
                    &parents,
                    &authors,
                    &devices,
                    &ats,
                    &actions,
                    &records,
                ],
            )
            .map_err(&fail)?;
    }
    let seq_after = max_seq(&mut tx)?;
    tx.commit().map_err(&fail)?;

    let mut keep = vec![
        (pushed_key(&server_id), local_last.to_string()),
        (LAST_SERVER_KEY.to_string(), address.to_string()),
        (LAST_SYNC_KEY.to_string(), synced.at.to_string()),
    ];
    // Nobody pushed between this pull and this push: the next pull need
    // not fetch back what was just sent.
    if seq_before == last_seq {
        keep.push((pulled_key(&server_id), seq_after.to_string()));
    }
    store.keep_settings(&keep)?;
    Ok(synced)
}

/// "1 version", "4000 versions".
fn versions(n: usize) -> String {
    format!("{n} version{}", if n == 1 { "" } else { "s" })
}

/// A count this database keeps, 0 when it has none.
fn counter(store: &Store, key: &str) -> Result<i64, ServerError> {
    Ok(store
        .setting(key)?
        .and_then(|v| v.parse().ok())
        .unwrap_or(0))
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String, ServerError> {
    serde_json::to_string(value).map_err(|e| StoreError::Corrupt(e.to_string()).into())
}
