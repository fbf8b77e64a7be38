//! Migration 4: every change is an immutable version with its parents, author
//! and device; a record may have several heads (a conflict) and its row shows
//! one of them (`head`). A version's `record` is NULL while the row is its copy
//! (its head, until the row changes), so nothing is stored twice. The history
//! rows become versions, by the code below as it was when this step shipped.

use crate::store::Result;
use jiff::Timestamp;
use rusqlite::{Connection, params};
use uuid::Uuid;

pub(super) const SQL: &str = r#"
CREATE TABLE versions (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    record_id TEXT NOT NULL,
    parents TEXT NOT NULL DEFAULT '',
    author TEXT NOT NULL DEFAULT '',
    device TEXT NOT NULL DEFAULT '',
    at TEXT NOT NULL,
    action TEXT NOT NULL
        CHECK (action IN ('insert', 'update', 'delete', 'restore', 'import', 'merge')),
    record TEXT
);
CREATE INDEX versions_record ON versions(record_id, seq);

CREATE TABLE heads (
    record_id TEXT NOT NULL,
    version_id TEXT NOT NULL,
    PRIMARY KEY (record_id, version_id)
) WITHOUT ROWID;

CREATE TABLE settings (
    key TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) WITHOUT ROWID;

ALTER TABLE incidents ADD COLUMN head TEXT;
DROP TABLE history;
"#;

/// A history row, read before the step's SQL drops the table.
struct HistoryRow {
    incident_id: String,
    at: String,
    action: String,
    before: Option<String>,
    after: Option<String>,
}

pub(super) fn up(conn: &Connection) -> Result<()> {
    let history = read_history(conn)?;
    conn.execute_batch(SQL)?;
    from_history(conn, history)
}

fn read_history(conn: &Connection) -> Result<Vec<HistoryRow>> {
    let mut stmt = conn.prepare(
        "SELECT incident_id, at, action, before, after FROM history ORDER BY incident_id, id",
    )?;
    Ok(stmt
        .query_map([], |r| {
            Ok(HistoryRow {
                incident_id: r.get(0)?,
                at: r.get(1)?,
                action: r.get(2)?,
                before: r.get(3)?,
                after: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

/// A version id for a change made at `at` (UUID v7 carries the time).
fn id_at(at: Timestamp) -> Uuid {
    let ts = uuid::Timestamp::from_unix(
        uuid::NoContext,
        at.as_second().max(0) as u64,
        at.subsec_nanosecond().max(0) as u32,
    );
    Uuid::new_v7(ts)
}

/// A history record as a version keeps it: its counter 1 and no derived
/// distance (what `content_json` did when this step shipped). A record
/// that is not JSON is kept as it was rather than lose the version.
fn normal(json: Option<String>) -> Option<String> {
    let json = json?;
    let Ok(mut value) = serde_json::from_str::<serde_json::Value>(&json) else {
        return Some(json);
    };
    if let Some(object) = value.as_object_mut() {
        object.insert("version".into(), 1.into());
        if let Some(location) = object.get_mut("location").and_then(|l| l.as_object_mut()) {
            location.insert("border_km".into(), serde_json::Value::Null);
        }
    }
    Some(value.to_string())
}

/// This database's device id, made on first use (in `settings`, which
/// this step creates).
fn device_id(conn: &Connection) -> Result<String> {
    let found: Option<String> = conn
        .query_row("SELECT value FROM settings WHERE key = 'device'", [], |r| {
            r.get(0)
        })
        .ok();
    if let Some(id) = found {
        return Ok(id);
    }
    let id = Uuid::now_v7().to_string();
    conn.execute(
        "INSERT INTO settings (key, value) VALUES ('device', ?1)",
        [&id],
    )?;
    Ok(id)
}

/// Turns the history rows into one chain of versions per incident: each
/// row's `after` is its version's record (an import's, which kept none,
/// is the next row's `before`); the last is the row's head. An incident
/// without history gets one version for the row as it is.
fn from_history(conn: &Connection, history: Vec<HistoryRow>) -> Result<()> {
    let device = device_id(conn)?;
    let mut by_incident: Vec<(String, Vec<HistoryRow>)> = Vec::new();
    for row in history {
        match by_incident.last_mut() {
            Some((id, rows)) if *id == row.incident_id => rows.push(row),
            _ => by_incident.push((row.incident_id.clone(), vec![row])),
        }
    }
    let mut insert = conn.prepare(
        "INSERT OR IGNORE INTO versions (id, record_id, parents, author, device, at, action, record)
         VALUES (?1, ?2, ?3, '', ?4, ?5, ?6, ?7)",
    )?;
    let mut set_head = conn.prepare("UPDATE incidents SET head = ?2 WHERE id = ?1")?;
    let mut add_head =
        conn.prepare("INSERT OR IGNORE INTO heads (record_id, version_id) VALUES (?1, ?2)")?;
    for (incident_id, rows) in by_incident {
        let Ok(record_id) = incident_id.parse::<Uuid>() else {
            continue;
        };
        let record_id = record_id.to_string();
        let mut parent: Option<String> = None;
        let count = rows.len();
        let mut rows = rows.into_iter().peekable();
        let mut n = 0;
        while let Some(row) = rows.next() {
            n += 1;
            let at: Timestamp = row.at.parse().unwrap_or_else(|_| Timestamp::now());
            let action = match (row.action.as_str(), &row.after) {
                ("insert", None) => "import",
                (known @ ("insert" | "update" | "delete" | "restore"), _) => known,
                _ => "update",
            };
            let is_head = n == count;
            let record = if is_head {
                None
            } else {
                match row.after {
                    Some(after) => normal(Some(after)),
                    None => normal(rows.peek().and_then(|next| next.before.clone())),
                }
            };
            let id = id_at(at).to_string();
            insert.execute(params![
                id,
                record_id,
                parent.clone().unwrap_or_default(),
                device,
                at.to_string(),
                action,
                record,
            ])?;
            if let Some(parent) = &parent {
                conn.execute(
                    "DELETE FROM heads WHERE record_id = ?1 AND version_id = ?2",
                    [&record_id, parent],
                )?;
            }
            add_head.execute([&record_id, &id])?;
            if is_head {
                set_head.execute([&incident_id, &id])?;
            }
            parent = Some(id);
        }
    }
    let without: Vec<(String, String)> = conn
        .prepare("SELECT id, created_at FROM incidents WHERE head IS NULL")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (incident_id, created) in without {
        let Ok(record_id) = incident_id.parse::<Uuid>() else {
            continue;
        };
        let record_id = record_id.to_string();
        let at: Timestamp = created.parse().unwrap_or_else(|_| Timestamp::now());
        let id = id_at(at).to_string();
        insert.execute(params![
            id,
            record_id,
            "",
            device,
            at.to_string(),
            "insert",
            None::<String>
        ])?;
        add_head.execute([&record_id, &id])?;
        set_head.execute([&incident_id, &id])?;
    }
    Ok(())
}
