//! `panj recover`: what can still be read of a damaged database, copied
//! into a new file (SQLite's `.recover`, done with panj's knowledge of its
//! own tables). The damaged file is only read. Rows are read in stretches
//! by rowid; a stretch that cannot be read is skipped and the next
//! readable one found, so one bad page costs the rows on it, not the rest.
//! An incident whose casualties, claims or sources cannot all be read, or
//! that names an actor or source that was lost, is kept and tagged
//! `recovered-incomplete`: its figures may be short, and the tag says so.

use super::{Result, StoreError, files, migrations};
use rusqlite::types::Value;
use rusqlite::{Connection, OpenFlags};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The tag a recovered incident carries when part of it could not be read.
pub const INCOMPLETE_TAG: &str = "recovered-incomplete";

/// What a recovery saved.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Recovered {
    pub out: PathBuf,
    pub incidents: u64,
    /// How many incidents the damaged file's index says it held, when
    /// that can still be read.
    pub incidents_before: Option<u64>,
    pub incomplete: u64,
    pub actors: u64,
    pub sources: u64,
    pub history_rows: u64,
    /// Stretches of rows that could not be read.
    pub unreadable_stretches: u64,
}

impl Recovered {
    pub fn describe(&self) -> String {
        let of = self
            .incidents_before
            .map_or_else(String::new, |n| format!(" of {n}"));
        format!(
            "recovered {}{of} incidents ({} incomplete, tagged '{INCOMPLETE_TAG}'), {} actors, {} sources, {} versions into {}; {} unreadable stretches were skipped",
            self.incidents,
            self.incomplete,
            self.actors,
            self.sources,
            self.history_rows,
            self.out.display(),
            self.unreadable_stretches
        )
    }
}

/// Rows of a table, read in stretches of rowids past the damage.
struct TableCopy<'a> {
    from: &'a Connection,
    to: &'a Connection,
    table: &'static str,
    unreadable: u64,
}

impl TableCopy<'_> {
    /// Copies every readable row; returns how many, and calls `seen` with
    /// each copied row's values.
    fn run(&mut self, mut seen: impl FnMut(&[Value])) -> Result<u64> {
        let (columns, list, insert_sql) = copy_statements(self.to, self.table)?;
        let read_sql = format!(
            "SELECT rowid, {list} FROM \"{}\" WHERE rowid > ?1 ORDER BY rowid LIMIT 512",
            self.table
        );
        let mut insert = self.to.prepare(&insert_sql)?;
        let mut after = i64::MIN;
        let mut copied = 0u64;
        loop {
            let (rows, failed) = self.stretch(&read_sql, after, columns.len());
            for (rowid, values) in &rows {
                after = *rowid;
                let mut values = values.clone();
                // A row the damage left pointing at a lost row (an import
                // entry, an actor) breaks a constraint: kept without that
                // link where it can be, else left out.
                if insert
                    .execute(rusqlite::params_from_iter(values.iter()))
                    .is_err()
                {
                    match columns.iter().position(|c| c == "import_id") {
                        Some(link) => {
                            values[link] = Value::Null;
                            if let Some(row) = columns.iter().position(|c| c == "source_row") {
                                values[row] = Value::Null;
                            }
                            if insert
                                .execute(rusqlite::params_from_iter(values.iter()))
                                .is_err()
                            {
                                continue;
                            }
                        }
                        None => continue,
                    }
                }
                seen(&values);
                copied += 1;
            }
            if failed {
                self.unreadable += 1;
                match self.next_readable(&read_sql, after, columns.len()) {
                    Some(next) => after = next,
                    None => break,
                }
            } else if rows.is_empty() {
                break;
            }
        }
        Ok(copied)
    }

    /// Up to 512 rows after `after`, and whether reading stopped at damage.
    fn stretch(&self, sql: &str, after: i64, width: usize) -> (Vec<(i64, Vec<Value>)>, bool) {
        let mut rows = Vec::new();
        let Ok(mut stmt) = self.from.prepare(sql) else {
            return (rows, true);
        };
        let Ok(mut cursor) = stmt.query([after]) else {
            return (rows, true);
        };
        loop {
            match cursor.next() {
                Ok(Some(row)) => {
                    let values: rusqlite::Result<Vec<Value>> =
                        (1..=width).map(|n| row.get::<_, Value>(n)).collect();
                    match (row.get::<_, i64>(0), values) {
                        (Ok(rowid), Ok(values)) => rows.push((rowid, values)),
                        _ => return (rows, true),
                    }
                }
                Ok(None) => return (rows, false),
                Err(_) => return (rows, true),
            }
        }
    }

    /// A rowid after `after` from which rows can be read again: steps of
    /// growing size past the damage. `None` when none can be.
    fn next_readable(&self, sql: &str, after: i64, width: usize) -> Option<i64> {
        let mut step: i64 = 1;
        while let Some(start) = after.checked_add(step) {
            let (rows, failed) = self.stretch(sql, start, width);
            if !failed || !rows.is_empty() {
                return Some(start);
            }
            step = step.checked_mul(2)?;
        }
        None
    }
}

/// A table's columns, their quoted list, and the statement that copies a
/// row of them in (a row already there is left).
fn copy_statements(to: &Connection, table: &str) -> Result<(Vec<String>, String, String)> {
    let columns = column_names(to, table)?;
    let list = columns
        .iter()
        .map(|c| format!("\"{c}\""))
        .collect::<Vec<_>>()
        .join(", ");
    let marks = vec!["?"; columns.len()].join(", ");
    let insert = format!("INSERT OR IGNORE INTO \"{table}\" ({list}) VALUES ({marks})");
    Ok((columns, list, insert))
}

/// Copies every row of a WITHOUT ROWID table (it has no rowids to read
/// it in stretches by); 1 when it could not be read, else 0.
fn copy_without_rowid(from: &Connection, to: &Connection, table: &str) -> Result<u64> {
    let (columns, list, insert_sql) = copy_statements(to, table)?;
    let rows: rusqlite::Result<Vec<Vec<Value>>> = from
        .prepare(&format!("SELECT {list} FROM \"{table}\""))
        .and_then(|mut s| {
            s.query_map([], |r| {
                (0..columns.len()).map(|n| r.get::<_, Value>(n)).collect()
            })?
            .collect()
        });
    let Ok(rows) = rows else {
        return Ok(1);
    };
    let mut insert = to.prepare(&insert_sql)?;
    for values in rows {
        // A row breaking a constraint (pointing at a lost row) is left out.
        let _ = insert.execute(rusqlite::params_from_iter(values.iter()));
    }
    Ok(0)
}

fn column_names(conn: &Connection, table: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(&format!("PRAGMA table_info(\"{table}\")"))?;
    Ok(stmt
        .query_map([], |r| r.get::<_, String>(1))?
        .collect::<rusqlite::Result<_>>()?)
}

/// Copies what can be read of the damaged database at `damaged` into a
/// new file `out` (written under a temporary name, renamed when done).
///
/// An encrypted database is read with the passphrase given for it, and
/// the new file is encrypted with the same one.
pub fn recover(damaged: &Path, out: &Path) -> Result<Recovered> {
    files::check_output(out, Some(damaged), files::Existing::Refuse, |_| false)?;
    let key = super::secret::known(damaged);
    let from = super::secret::connect(
        damaged,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        key.as_ref(),
    )?;
    // As SQLite's own .recover does: a file shorter than its header says
    // is otherwise refused whole; with this, the pages present are read.
    from.pragma_update(None, "writable_schema", true)?;
    let version = from
        .pragma_query_value(None, "user_version", |r| r.get::<_, i64>(0))
        .ok()
        .filter(|v| (1..=migrations::latest_version()).contains(v))
        .unwrap_or_else(migrations::latest_version);
    let application_id = from
        .pragma_query_value(None, "application_id", |r| r.get::<_, i32>(0))
        .unwrap_or(migrations::APPLICATION_ID);
    if application_id != migrations::APPLICATION_ID {
        return Err(StoreError::ForeignDatabase {
            path: damaged.to_path_buf(),
            found: application_id,
        });
    }
    let mut recovered = Recovered {
        out: out.to_path_buf(),
        incidents_before: from
            .query_row("SELECT count(*) FROM incidents", [], |r| r.get::<_, i64>(0))
            .ok()
            .map(i64::unsigned_abs),
        ..Recovered::default()
    };
    // The rows every readable page holds, read page by page: what SQLite
    // reads through the damaged tree, and what lies past its damage.
    let salvaged = salvaged_rows(damaged, version, key.as_ref())?;
    files::produce_atomically(out, |temporary| {
        let mut to = super::secret::connect(
            temporary,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE,
            key.as_ref(),
        )?;
        for step in migrations::MIGRATIONS.iter().take(version as usize) {
            to.execute_batch(step.sql)?;
        }
        to.pragma_update(None, "application_id", migrations::APPLICATION_ID)?;
        to.pragma_update(None, "user_version", version)?;
        let tx = to.transaction()?;
        match &salvaged {
            Some(scratch) => copy_everything(scratch, &tx, &mut recovered)?,
            None => copy_everything(&from, &tx, &mut recovered)?,
        }
        tx.commit()?;
        super::migrate(&mut to)?;
        to.pragma_update(None, "journal_mode", "DELETE")?;
        Ok(())
    })?;
    Ok(recovered)
}

/// The rows of every readable page of the database at `damaged` (see
/// [`super::pages`]; decrypted page by page with `key`), put into a
/// scratch database in memory with the tables of schema `version` and no
/// triggers, where the copy below reads them as from a sound file. `None`
/// when no page opens with the key.
fn salvaged_rows(
    damaged: &Path,
    version: i64,
    key: Option<&super::secret::Passphrase>,
) -> Result<Option<Connection>> {
    let bytes = std::fs::read(damaged).map_err(|source| StoreError::Io {
        path: damaged.to_path_buf(),
        source,
    })?;
    let pages = match key {
        None => super::pages::PageFile::plain(&bytes),
        Some(key) => match super::pages::PageFile::encrypted(&bytes, key.text()) {
            Some(pages) => pages,
            None => return Ok(None),
        },
    };
    let scratch = Connection::open_in_memory()?;
    for step in migrations::MIGRATIONS.iter().take(version as usize) {
        scratch.execute_batch(step.sql)?;
    }
    // Rows arrive table by table, children before their incidents; the
    // copy below drops what points at nothing.
    scratch.pragma_update(None, "foreign_keys", false)?;
    let triggers: Vec<String> = scratch
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger'")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for trigger in triggers {
        scratch.execute_batch(&format!("DROP TRIGGER \"{trigger}\""))?;
    }
    let roots = pages.schema_roots();
    let names: Vec<String> = scratch
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND rootpage > 0 \
             AND name NOT LIKE 'sqlite_%'",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut shapes = Vec::new();
    for name in names {
        // (type, position in the primary key), in declaration order; a
        // WITHOUT ROWID table's records hold its key's columns first.
        let mut columns: Vec<(String, i64)> = scratch
            .prepare(&format!("PRAGMA table_info(\"{name}\")"))?
            .query_map([], |r| Ok((r.get::<_, String>(2)?, r.get::<_, i64>(5)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let sql: String = scratch.query_row(
            "SELECT sql FROM sqlite_schema WHERE name = ?1",
            [&name],
            |r| r.get(0),
        )?;
        let without_rowid = sql.to_uppercase().contains("WITHOUT ROWID");
        if without_rowid {
            columns.sort_by_key(|(_, pk)| if *pk > 0 { *pk } else { i64::MAX });
        }
        shapes.push(super::pages::TableShape {
            root: roots.get(&name).copied(),
            name,
            column_types: columns.into_iter().map(|(kind, _)| kind).collect(),
            without_rowid,
        });
    }
    let salvaged = pages.salvage(&shapes);
    let tx = scratch.unchecked_transaction()?;
    for (table, rows) in &salvaged {
        let Some(shape) = shapes.iter().find(|s| &s.name == table) else {
            continue;
        };
        // (name, is the rowid, position in the primary key)
        let mut columns: Vec<(String, bool, i64)> = tx
            .prepare(&format!("PRAGMA table_info(\"{table}\")"))?
            .query_map([], |r| {
                let kind: String = r.get(2)?;
                let pk: i64 = r.get(5)?;
                Ok((
                    r.get(1)?,
                    pk == 1 && kind.eq_ignore_ascii_case("INTEGER"),
                    pk,
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        if shape.without_rowid {
            columns.sort_by_key(|(_, _, pk)| if *pk > 0 { *pk } else { i64::MAX });
        }
        for (rowid, values) in rows {
            let width = values.len().min(columns.len());
            let list: Vec<String> = columns[..width]
                .iter()
                .map(|(c, _, _)| format!("\"{c}\""))
                .collect();
            let (rowid_column, mut row): (&str, Vec<Value>) = if shape.without_rowid {
                ("", Vec::new())
            } else {
                ("rowid, ", vec![Value::Integer(*rowid)])
            };
            let marks = vec!["?"; width + row.len()].join(", ");
            let sql = format!(
                "INSERT OR IGNORE INTO \"{table}\" ({rowid_column}{}) VALUES ({marks})",
                list.join(", ")
            );
            for (value, (_, is_rowid, _)) in values.iter().zip(&columns) {
                row.push(match (value, is_rowid) {
                    (Value::Null, true) if !shape.without_rowid => Value::Integer(*rowid),
                    _ => value.clone(),
                });
            }
            // A row that breaks a constraint of its table was not one of
            // its rows: left out.
            let _ = tx
                .prepare_cached(&sql)?
                .execute(rusqlite::params_from_iter(row.iter()));
        }
    }
    tx.commit()?;
    Ok(Some(scratch))
}

fn copy_everything(from: &Connection, to: &Connection, recovered: &mut Recovered) -> Result<()> {
    // Rows are copied as found; what they point at that was lost is
    // settled at the end, before the commit checks the links.
    to.pragma_update(None, "defer_foreign_keys", true)?;
    let mut unreadable = 0;
    let mut copy = |table: &'static str, seen: &mut dyn FnMut(&[Value])| -> Result<u64> {
        let mut copy = TableCopy {
            from,
            to,
            table,
            unreadable: 0,
        };
        let n = copy.run(seen)?;
        unreadable += copy.unreadable;
        Ok(n)
    };
    recovered.actors = copy("actors", &mut |_| {})?;
    copy("actor_aliases", &mut |_| {})?;
    recovered.sources = copy("sources", &mut |_| {})?;
    // Imported records point to their import's entry.
    if !column_names(to, "imports")?.is_empty() {
        copy("imports", &mut |_| {})?;
    }
    let incident_columns = column_names(to, "incidents")?;
    let column = |name: &str| incident_columns.iter().position(|c| c == name);
    let id_column = column("id").unwrap_or(1);
    // Child rows name their incident by its `seq` from schema 8 on, by
    // its id before.
    let by_seq = column_names(to, "casualties")?
        .iter()
        .any(|c| c == "incident_seq");
    let (child_key, key_column) = if by_seq {
        ("incident_seq", column("seq").unwrap_or(0))
    } else {
        ("incident_id", id_column)
    };
    // Each copied incident's key in its child rows, with its id.
    let mut ids: Vec<(Value, String)> = Vec::new();
    recovered.incidents = copy("incidents", &mut |row| {
        if let (Some(key), Some(Value::Text(id))) = (row.get(key_column), row.get(id_column)) {
            ids.push((key.clone(), id.clone()));
        }
    })?;
    // The history rows of an older file, or the versions of a newer one.
    for table in ["history", "versions"] {
        if !column_names(to, table)?.is_empty() {
            let n = copy(table, &mut |_| {})?;
            if matches!(table, "history" | "versions") {
                recovered.history_rows = n;
            }
        }
    }
    recovered.unreadable_stretches = unreadable;
    for table in ["heads", "settings"] {
        // WITHOUT ROWID tables: read whole, or not at all.
        if !column_names(to, table)?.is_empty() {
            recovered.unreadable_stretches += copy_without_rowid(from, to, table)?;
        }
    }
    // The copied rows went through the full-text trigger: a note that some
    // were not indexed yet no longer holds here.
    if !column_names(to, "settings")?.is_empty() {
        super::text_index::forget_pending(to)?;
    }

    // Child rows by incident: a key read touches only that incident's pages.
    let mut incomplete: BTreeSet<String> = BTreeSet::new();
    for table in ["casualties", "claims", "incident_sources"] {
        let (columns, list, insert_sql) = copy_statements(to, table)?;
        let mut insert = to.prepare(&insert_sql)?;
        let read = format!("SELECT {list} FROM {table} WHERE {child_key} = ?1");
        for (key, id) in &ids {
            let rows: rusqlite::Result<Vec<Vec<Value>>> = from.prepare(&read).and_then(|mut s| {
                s.query_map([key], |r| {
                    (0..columns.len()).map(|n| r.get::<_, Value>(n)).collect()
                })?
                .collect()
            });
            match rows {
                Ok(rows) => {
                    for values in rows {
                        // A child row pointing at a lost actor or source
                        // is dealt with below; one breaking another
                        // constraint is left out.
                        if insert
                            .execute(rusqlite::params_from_iter(values.iter()))
                            .is_err()
                        {
                            incomplete.insert(id.clone());
                        }
                    }
                }
                Err(_) => {
                    incomplete.insert(id.clone());
                }
            }
        }
    }
    // What points at an actor or source that was lost says so.
    let incident = if by_seq {
        "(SELECT i.id FROM incidents i WHERE i.seq = incident_seq)"
    } else {
        "incident_id"
    };
    let orphans = [
        "FROM claims WHERE actor_id NOT IN (SELECT id FROM actors)",
        "FROM claims WHERE source_id IS NOT NULL AND source_id NOT IN (SELECT id FROM sources)",
        "FROM incident_sources WHERE source_id NOT IN (SELECT id FROM sources)",
    ];
    for rows in orphans {
        let mut stmt = to.prepare(&format!("SELECT {incident} {rows}"))?;
        for id in stmt.query_map([], |r| r.get::<_, Option<String>>(0))? {
            incomplete.extend(id?);
        }
    }
    // A claim keeps who claimed what, how sure: the actor or source it
    // names, lost with a damaged page, stands in by its id under a name
    // that says so, for the analyst to merge into the one it was.
    to.execute(
        "INSERT OR IGNORE INTO actors (id, name, kind, notes)
         SELECT DISTINCT actor_id, 'Lost actor ' || substr(actor_id, 1, 8), 'unidentified',
                'Its row could not be read from the damaged database; the claims that name it \
                 were kept. Merge it into the actor it was.'
         FROM claims WHERE actor_id NOT IN (SELECT id FROM actors)",
        [],
    )?;
    let graded = column_names(to, "sources")?.iter().any(|c| c == "graded");
    to.execute(
        &format!(
            "INSERT OR IGNORE INTO sources (id, title, grade, notes{})
             SELECT DISTINCT source_id, 'Lost source ' || substr(source_id, 1, 8), 'f',
                    'Its row could not be read from the damaged database; what cites it was \
                     kept. Merge it into the source it was.'{}
             FROM (SELECT source_id FROM claims WHERE source_id IS NOT NULL
                   UNION SELECT source_id FROM incident_sources)
             WHERE source_id NOT IN (SELECT id FROM sources)",
            if graded { ", graded" } else { "" },
            if graded { ", 0" } else { "" },
        ),
        [],
    )?;
    to.execute(
        "DELETE FROM actor_aliases WHERE actor_id NOT IN (SELECT id FROM actors)",
        [],
    )?;
    // A record whose import entry was lost keeps its fields; the row as
    // the file held it went with the entry's header.
    if column_names(to, "incidents")?
        .iter()
        .any(|c| c == "import_id")
    {
        let mut lost_entry = to.prepare(
            "SELECT id FROM incidents WHERE import_id IS NOT NULL
             AND import_id NOT IN (SELECT id FROM imports)",
        )?;
        for id in lost_entry.query_map([], |r| r.get::<_, String>(0))? {
            incomplete.insert(id?);
        }
        to.execute(
            "UPDATE incidents SET import_id = NULL, source_row = NULL
             WHERE import_id IS NOT NULL AND import_id NOT IN (SELECT id FROM imports)",
            [],
        )?;
    }
    let mut tag = to.prepare(
        "UPDATE incidents SET tags = json_insert(CASE WHEN json_valid(tags) THEN tags ELSE '[]' END, '$[#]', ?2)
         WHERE id = ?1",
    )?;
    for id in &incomplete {
        tag.execute([id.as_str(), INCOMPLETE_TAG])?;
    }
    recovered.incomplete = incomplete.len() as u64;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    #[test]
    fn a_sound_database_is_recovered_whole() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("panj.db");
        {
            let mut store = Store::open(&db).unwrap();
            crate::exchange::seed::seed(&mut store).unwrap();
        }
        let out = dir.path().join("recovered.db");
        let recovered = recover(&db, &out).unwrap();
        assert_eq!(recovered.incidents, 3);
        assert_eq!(recovered.incidents_before, Some(3));
        assert_eq!(recovered.incomplete, 0);
        let count = |path: &Path, table: &str| -> i64 {
            Connection::open(path)
                .unwrap()
                .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
                .unwrap()
        };
        for table in [
            "casualties",
            "claims",
            "incident_sources",
            "versions",
            "heads",
        ] {
            assert_eq!(count(&out, table), count(&db, table), "{table}");
        }
        assert_eq!(recovered.unreadable_stretches, 0);
        let store = Store::open(&out).unwrap();
        assert!(store.check().unwrap().is_ok(), "{:?}", store.check());
        assert_eq!(store.count(&crate::filter::Filter::default()).unwrap(), 3);
        assert!(
            recover(&db, &out).is_err(),
            "an existing file is never replaced"
        );
    }

    #[test]
    fn an_encrypted_database_is_read_page_by_page_past_a_damaged_page() {
        use crate::store::secret::{Passphrase, remember};
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("panj.db");
        remember(&db, Passphrase::new("correct horse battery").unwrap());
        {
            let mut store = Store::open(&db).unwrap();
            crate::exchange::seed::seed(&mut store).unwrap();
            let actors = store.actor_directory().unwrap();
            let records = crate::exchange::synthetic::incidents(400, 3, &actors);
            store
                .write("test records", |w| {
                    for record in &records {
                        w.insert_incident(record)?;
                    }
                    Ok(())
                })
                .unwrap();
        }
        assert!(crate::store::secret::is_encrypted(&db));
        let root: i64 = Store::open(&db)
            .unwrap()
            .conn
            .query_row(
                "SELECT rootpage FROM sqlite_schema WHERE name = 'incidents'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        // The incidents table's root (an interior page) damaged: a tree
        // walk reaches none of its rows.
        let mut bytes = std::fs::read(&db).unwrap();
        let at = (root as usize - 1) * 4096 + 200;
        bytes[at..at + 64].fill(0);
        std::fs::write(&db, &bytes).unwrap();
        let out = dir.path().join("recovered.db");
        remember(&out, Passphrase::new("correct horse battery").unwrap());
        let recovered = recover(&db, &out).unwrap();
        assert_eq!(recovered.incidents, 403, "{}", recovered.describe());
        assert!(crate::store::secret::is_encrypted(&out));
        let store = Store::open(&out).unwrap();
        assert!(store.check().unwrap().is_ok(), "{:?}", store.check());
    }
}
