//! Keeping one member's bad row from stopping the team: versions on the
//! server that cannot be taken in are set aside by every pull (and listed
//! by `panj sync` and `panj server check`, with who pushed them and when),
//! and the server's owner takes them back with `panj server retract`.
//!
//! Who pushed a version is the server's word: a trigger stamps the login
//! role (`pushed_by`, see `schema`). A version signed with another name
//! than its pusher's comes in as "Amina (pushed by bahram)".

use super::{ServerAddress, ServerError, connect, failed, schema};
use crate::store::bundle::{Carried, check_version};
use crate::store::versions::{MERGE_AUTHOR, StoredVersion};
use std::collections::HashSet;
use uuid::Uuid;

/// A version the server holds that no database can take in.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SetAside {
    pub seq: i64,
    pub id: String,
    /// The name the version is signed with.
    pub author: String,
    /// The database role that pushed it ("" on a server made before
    /// pushers were stamped).
    pub pushed_by: String,
    pub pushed_at: String,
    pub reason: String,
}

impl std::fmt::Display for SetAside {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "version {} signed '{}'", self.id, self.author)?;
        if !self.pushed_by.is_empty() {
            write!(f, ", pushed by role {}", self.pushed_by)?;
        }
        write!(f, " at {}: {}", self.pushed_at, self.reason)
    }
}

/// "; set aside 2 versions that cannot be read: …" after a sync's line.
pub(super) fn say_set_aside(
    f: &mut std::fmt::Formatter<'_>,
    set_aside: &[SetAside],
) -> std::fmt::Result {
    if set_aside.is_empty() {
        return Ok(());
    }
    let n = set_aside.len();
    write!(
        f,
        "; set aside {n} version{} on the server that cannot be taken in (the server's owner \
         can take them back with `panj server retract URL ID`): ",
        if n == 1 { "" } else { "s" }
    )?;
    for (k, v) in set_aside.iter().take(3).enumerate() {
        if k > 0 {
            write!(f, "; ")?;
        }
        write!(f, "{v}")?;
    }
    if n > 3 {
        write!(f, "; and {} more (panj server check URL lists them)", n - 3)?;
    }
    Ok(())
}

/// The position of `seq` in the columns [`pulled_columns`] names.
pub(super) const SEQ_COLUMN: usize = 10;

/// The columns a pull reads, in [`ServerRow::read`]'s order, `seq` last:
/// `pushed_by` as "" on a server made before pushers were stamped.
pub(super) fn pulled_columns(
    client: &mut impl postgres::GenericClient,
) -> Result<String, postgres::Error> {
    let stamped: bool = client
        .query_one(
            "SELECT EXISTS (SELECT 1 FROM information_schema.columns
             WHERE table_schema = 'panj' AND table_name = 'versions' AND column_name = 'pushed_by')",
            &[],
        )?
        .get(0);
    Ok(format!(
        "id::text, record_id::text, array_to_string(parents, ' '), author, device, at, action, \
         record::text, {}, pushed_at::text, seq",
        if stamped {
            "coalesce(pushed_by, '')"
        } else {
            "''"
        }
    ))
}

/// A version row as the server holds it, before it is checked.
pub(super) struct ServerRow {
    seq: i64,
    version: StoredVersion,
    pushed_by: String,
    pushed_at: String,
}

impl ServerRow {
    /// Reads a row of [`pulled_columns`].
    pub(super) fn read(r: &postgres::Row) -> Result<ServerRow, postgres::Error> {
        // try_get: a column changed by hand is an error, not a panic.
        let text = |n: usize| r.try_get::<_, String>(n);
        Ok(ServerRow {
            seq: r.try_get(SEQ_COLUMN)?,
            version: StoredVersion {
                id: text(0)?,
                record_id: text(1)?,
                parents: text(2)?,
                author: text(3)?,
                device: text(4)?,
                at: text(5)?,
                action: text(6)?,
                record: Some(text(7)?),
            },
            pushed_by: text(8)?,
            pushed_at: text(9)?,
        })
    }
}

/// Sorts pulled rows (in the server's order, parents first) into the
/// versions a database holding `known` can take in and those it sets
/// aside: a row that does not decode, or that builds on a version set
/// aside or found nowhere. A version whose signature is not its pusher's
/// name comes in signed "NAME (pushed by ROLE)".
pub(super) fn sort_out(
    rows: Vec<ServerRow>,
    known: &HashSet<Uuid>,
) -> (Vec<Carried>, Vec<SetAside>) {
    let mut accepted: Vec<Carried> = Vec::with_capacity(rows.len());
    let mut set_aside = Vec::new();
    let mut taken: HashSet<Uuid> = HashSet::new();
    for (n, row) in rows.into_iter().enumerate() {
        let ServerRow {
            seq,
            version,
            pushed_by,
            pushed_at,
        } = row;
        let (id, author) = (version.id.clone(), version.author.clone());
        let checked = check_version(n + 1, version).and_then(|v| {
            match v
                .parents
                .iter()
                .find(|p| !taken.contains(p) && !known.contains(p))
            {
                Some(p) => Err(format!(
                    "it builds on version {p}, which was set aside or is on no database"
                )),
                None => Ok(v),
            }
        });
        match checked {
            Ok(mut v) => {
                if !pushed_by.is_empty()
                    && v.author != MERGE_AUTHOR
                    && !v.author.eq_ignore_ascii_case(&pushed_by)
                {
                    v.author = format!("{} (pushed by {pushed_by})", v.author);
                }
                taken.insert(v.id);
                accepted.push(v);
            }
            Err(reason) => set_aside.push(SetAside {
                seq,
                id,
                author,
                pushed_by,
                pushed_at,
                reason,
            }),
        }
    }
    (accepted, set_aside)
}

/// What `panj server check` found.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ServerChecked {
    pub server: String,
    pub versions: u64,
    pub set_aside: Vec<SetAside>,
}

impl std::fmt::Display for ServerChecked {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} holds {} versions", self.server, self.versions)?;
        if self.set_aside.is_empty() {
            return write!(f, "; every one can be taken in");
        }
        write!(
            f,
            "; {} cannot be taken in and are set aside by every sync (take each back with \
             `panj server retract URL ID`):",
            self.set_aside.len()
        )?;
        for v in &self.set_aside {
            write!(f, "\n  {v}")?;
        }
        Ok(())
    }
}

/// Reads every version on the server and lists those a sync sets aside.
pub fn check(address: &ServerAddress) -> Result<ServerChecked, ServerError> {
    let mut client = connect(address)?;
    let fail = failed(address);
    super::check_schema(&mut client, address)?;
    let columns = pulled_columns(&mut client).map_err(&fail)?;
    let rows = client
        .query(
            &format!("SELECT {columns} FROM panj.versions ORDER BY seq"),
            &[],
        )
        .map_err(&fail)?
        .iter()
        .map(ServerRow::read)
        .collect::<Result<Vec<_>, _>>()
        .map_err(&fail)?;
    let versions = rows.len() as u64;
    let (_, set_aside) = sort_out(rows, &HashSet::new());
    Ok(ServerChecked {
        server: address.to_string(),
        versions,
        set_aside,
    })
}

/// What `panj server retract` did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Retracted {
    pub server: String,
    pub id: Uuid,
}

impl std::fmt::Display for Retracted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "took version {} back from {}; it is kept in panj.retracted",
            self.id, self.server
        )
    }
}

/// Takes version `id` off the server (into `panj.retracted`), for the
/// server's owner only: members may add versions, never remove one. A
/// version another builds on is refused.
pub fn retract(address: &ServerAddress, id: Uuid) -> Result<Retracted, ServerError> {
    let mut client = connect(address)?;
    let fail = failed(address);
    super::check_schema(&mut client, address)?;
    let mut tx = client.transaction().map_err(&fail)?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&schema::PUSH_LOCK])
        .map_err(&fail)?;
    let exists: bool = tx
        .query_one(
            "SELECT EXISTS (SELECT 1 FROM panj.versions WHERE id = $1)",
            &[&id],
        )
        .map_err(&fail)?
        .get(0);
    if !exists {
        return Err(ServerError::Failed {
            server: address.to_string(),
            detail: format!("it holds no version {id}"),
        });
    }
    let children: i64 = tx
        .query_one(
            "SELECT count(*) FROM panj.versions WHERE $1 = ANY (parents)",
            &[&id],
        )
        .map_err(&fail)?
        .get(0);
    if children > 0 {
        return Err(ServerError::NotRetracted {
            server: address.to_string(),
            detail: format!("{children} version(s) build on it: take those back first"),
        });
    }
    tx.batch_execute("SET LOCAL panj.retract = 'on'")
        .map_err(&fail)?;
    let moved = tx
        .execute(
            "INSERT INTO panj.retracted SELECT v.*, session_user, now() FROM panj.versions v WHERE id = $1",
            &[&id],
        )
        .and_then(|_| tx.execute("DELETE FROM panj.versions WHERE id = $1", &[&id]));
    match moved {
        Ok(_) => {
            tx.commit().map_err(&fail)?;
            Ok(Retracted {
                server: address.to_string(),
                id,
            })
        }
        Err(e) if e.code() == Some(&postgres::error::SqlState::INSUFFICIENT_PRIVILEGE) => {
            Err(ServerError::NotRetracted {
                server: address.to_string(),
                detail: "only the server's owner may take a version back (members may only \
                         add versions)"
                    .into(),
            })
        }
        Err(e) => Err(fail(e)),
    }
}
