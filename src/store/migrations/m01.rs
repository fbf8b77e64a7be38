//! Migration 1: incidents with casualties, claims and sources; actors; history;
//! FTS.

use crate::store::Result;
use rusqlite::Connection;

pub(super) const SQL: &str = r#"
CREATE TABLE actors (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    kind TEXT NOT NULL,
    notes TEXT NOT NULL DEFAULT ''
);

CREATE TABLE actor_aliases (
    alias TEXT PRIMARY KEY NOT NULL COLLATE NOCASE,
    actor_id TEXT NOT NULL REFERENCES actors(id) ON DELETE CASCADE
);
CREATE INDEX actor_aliases_actor ON actor_aliases(actor_id);

CREATE TABLE sources (
    id TEXT PRIMARY KEY NOT NULL,
    title TEXT NOT NULL,
    publisher TEXT NOT NULL DEFAULT '',
    published TEXT,
    reference TEXT NOT NULL DEFAULT '',
    grade TEXT NOT NULL CHECK (grade IN ('a', 'b', 'c', 'd', 'e', 'f')),
    notes TEXT NOT NULL DEFAULT ''
);

-- `seq` is the stable integer key the full-text index points at; `id` is the
-- UUID everything else uses.
CREATE TABLE incidents (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    event_type TEXT NOT NULL,
    date_start TEXT NOT NULL,
    date_end TEXT NOT NULL,
    date_precision TEXT NOT NULL,
    time_of_day TEXT,
    lat REAL NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lon REAL NOT NULL CHECK (lon BETWEEN -180 AND 180),
    location_precision TEXT NOT NULL,
    place_name TEXT NOT NULL DEFAULT '',
    country TEXT,
    admin1 TEXT,
    admin2 TEXT,
    side TEXT NOT NULL,
    notes TEXT NOT NULL DEFAULT '',
    tags TEXT NOT NULL DEFAULT '[]',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT,
    version INTEGER NOT NULL CHECK (version >= 1),
    CHECK (date_start <= date_end)
);
CREATE INDEX incidents_date ON incidents(date_start, date_end);

CREATE TABLE casualties (
    incident_id TEXT NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    nationality TEXT,
    role TEXT NOT NULL,
    killed INTEGER NOT NULL CHECK (killed >= 0),
    wounded INTEGER NOT NULL CHECK (wounded >= 0),
    figure TEXT NOT NULL,
    PRIMARY KEY (incident_id, position)
) WITHOUT ROWID;
CREATE INDEX casualties_nationality ON casualties(nationality);

CREATE TABLE claims (
    incident_id TEXT NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    actor_id TEXT NOT NULL REFERENCES actors(id),
    claimant TEXT NOT NULL,
    claimant_name TEXT NOT NULL DEFAULT '',
    stance TEXT NOT NULL,
    confidence TEXT NOT NULL,
    source_id TEXT REFERENCES sources(id),
    note TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (incident_id, position)
) WITHOUT ROWID;
CREATE INDEX claims_actor ON claims(actor_id);
CREATE INDEX claims_source ON claims(source_id);

CREATE TABLE incident_sources (
    incident_id TEXT NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
    source_id TEXT NOT NULL REFERENCES sources(id),
    PRIMARY KEY (incident_id, source_id)
) WITHOUT ROWID;
CREATE INDEX incident_sources_source ON incident_sources(source_id);

CREATE TABLE history (
    id INTEGER PRIMARY KEY,
    incident_id TEXT NOT NULL,
    at TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete', 'restore')),
    before TEXT,
    after TEXT
);
CREATE INDEX history_incident ON history(incident_id, id);

CREATE VIRTUAL TABLE incidents_fts USING fts5(
    title, summary, notes, place_name, admin1, admin2,
    content = 'incidents', content_rowid = 'seq'
);
CREATE TRIGGER incidents_fts_insert AFTER INSERT ON incidents BEGIN
    INSERT INTO incidents_fts(rowid, title, summary, notes, place_name, admin1, admin2)
    VALUES (new.seq, new.title, new.summary, new.notes, new.place_name, new.admin1, new.admin2);
END;
CREATE TRIGGER incidents_fts_delete AFTER DELETE ON incidents BEGIN
    INSERT INTO incidents_fts(incidents_fts, rowid, title, summary, notes, place_name, admin1, admin2)
    VALUES ('delete', old.seq, old.title, old.summary, old.notes, old.place_name, old.admin1, old.admin2);
END;
CREATE TRIGGER incidents_fts_update AFTER UPDATE OF title, summary, notes, place_name, admin1, admin2 ON incidents BEGIN
    INSERT INTO incidents_fts(incidents_fts, rowid, title, summary, notes, place_name, admin1, admin2)
    VALUES ('delete', old.seq, old.title, old.summary, old.notes, old.place_name, old.admin1, old.admin2);
    INSERT INTO incidents_fts(rowid, title, summary, notes, place_name, admin1, admin2)
    VALUES (new.seq, new.title, new.summary, new.notes, new.place_name, new.admin1, new.admin2);
END;
"#;

pub(super) fn up(conn: &Connection) -> Result<()> {
    conn.execute_batch(SQL)?;
    Ok(())
}
