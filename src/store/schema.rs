//! The database schema as numbered migrations.
//!
//! `MIGRATIONS[n]` takes a database from `user_version` n to n + 1. A shipped
//! migration is never edited; a change to the schema is a new entry at the end,
//! and the tests in `store` open a database at every older version and check
//! that it ends up identical to a new one.

/// Identifies a panj database in the SQLite header ("PANJ" in ASCII).
pub const APPLICATION_ID: i32 = 0x50_41_4E_4A;

/// The version whose migration adds `incidents.border_km`; the migrator
/// fills it in for existing rows, which SQL alone cannot.
pub const BORDER_DISTANCE_VERSION: i64 = 2;

/// The version whose migration turns the history rows into versions; the
/// migrator reads them before its SQL drops the history table and writes
/// them back as versions after (see `versions::from_history`).
pub const VERSIONS_VERSION: i64 = 4;

pub const MIGRATIONS: &[&str] = &[
    // 1: incidents with casualties, claims and sources; actors; history; FTS.
    r#"
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
"#,
    // 2: signed distance to the Tajik-Afghan border, derived from lon/lat
    // on every write (and filled in for older rows by the migrator).
    r#"
ALTER TABLE incidents ADD COLUMN border_km REAL;
"#,
    // 3: where an imported record came from (dataset id, for re-import) and
    // the row as it was in the file.
    r#"
ALTER TABLE incidents ADD COLUMN external_id TEXT;
ALTER TABLE incidents ADD COLUMN provenance TEXT;
CREATE UNIQUE INDEX incidents_external_id ON incidents(external_id)
    WHERE external_id IS NOT NULL;
"#,
    // 4: every change is an immutable version with its parents, author and
    // device; a record may have several heads (a conflict) and its row shows
    // one of them (`head`). A version's `record` is NULL while the row is
    // its copy (its head, until the row changes), so nothing is stored
    // twice. The history rows become versions (filled in by the migrator).
    r#"
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
"#,
    // 5: a source may be not graded yet (one a data set names, until the
    // analyst grades it); its `grade` then holds 'f', which the column's
    // check allows, and `graded` says it is a placeholder.
    r#"
ALTER TABLE sources ADD COLUMN graded INTEGER NOT NULL DEFAULT 1 CHECK (graded IN (0, 1));
"#,
    // 6: one entry per import (the file, its header row, the options, the
    // counts, who and when); an imported record points to it and keeps its
    // row exactly as the file held it (`source_row`), its `provenance`
    // NULL until the record is edited: the column-by-column reading is
    // made from the two when the record is read.
    r#"
CREATE TABLE imports (
    id INTEGER PRIMARY KEY,
    file_name TEXT NOT NULL,
    file_bytes INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    format TEXT NOT NULL,
    options TEXT NOT NULL DEFAULT '',
    header BLOB,
    columns TEXT NOT NULL DEFAULT '[]',
    inserted INTEGER NOT NULL DEFAULT 0,
    updated INTEGER NOT NULL DEFAULT 0,
    author TEXT NOT NULL DEFAULT '',
    device TEXT NOT NULL DEFAULT '',
    at TEXT NOT NULL
);
ALTER TABLE incidents ADD COLUMN import_id INTEGER REFERENCES imports(id);
ALTER TABLE incidents ADD COLUMN source_row BLOB;
"#,
    // 7: the map block: the packed index of every incident (what the
    // filter and the map read), so that a window opening a large database
    // draws every incident before reading the records. `max_seq` is the
    // highest row the block holds; a row changed or removed since is noted
    // by the triggers in the write's own transaction, so a block is never
    // silently out of date (rows added later have a higher `seq`).
    r#"
CREATE TABLE map_block (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    max_seq INTEGER NOT NULL,
    rows INTEGER NOT NULL,
    data BLOB NOT NULL
);
CREATE TABLE map_block_changes (seq INTEGER PRIMARY KEY);
CREATE TRIGGER incidents_map_block_update AFTER UPDATE ON incidents BEGIN
    INSERT OR IGNORE INTO map_block_changes(seq) VALUES (new.seq);
    INSERT OR IGNORE INTO map_block_changes(seq) SELECT old.seq WHERE old.seq <> new.seq;
END;
CREATE TRIGGER incidents_map_block_delete AFTER DELETE ON incidents BEGIN
    INSERT OR IGNORE INTO map_block_changes(seq) VALUES (old.seq);
END;
"#,
    // 8: casualty rows, claims and sources keyed by their incident's
    // integer `seq` rather than its 36-character id. An import appends
    // them in `seq` order at the end of each table instead of inserting
    // them at random places by UUID, which took half of the SQL time of
    // a 200 000-row import; the tables and their indexes are smaller too.
    // A child row whose incident is gone (none can be while foreign keys
    // are on) is not carried over.
    r#"
CREATE TABLE casualties_by_seq (
    incident_seq INTEGER NOT NULL
        REFERENCES incidents(seq) ON DELETE CASCADE ON UPDATE CASCADE,
    position INTEGER NOT NULL,
    nationality TEXT,
    role TEXT NOT NULL,
    killed INTEGER NOT NULL CHECK (killed >= 0),
    wounded INTEGER NOT NULL CHECK (wounded >= 0),
    figure TEXT NOT NULL,
    PRIMARY KEY (incident_seq, position)
) WITHOUT ROWID;
INSERT INTO casualties_by_seq
    SELECT i.seq, c.position, c.nationality, c.role, c.killed, c.wounded, c.figure
    FROM casualties c JOIN incidents i ON i.id = c.incident_id;
DROP TABLE casualties;
ALTER TABLE casualties_by_seq RENAME TO casualties;
CREATE INDEX casualties_nationality ON casualties(nationality);

CREATE TABLE claims_by_seq (
    incident_seq INTEGER NOT NULL
        REFERENCES incidents(seq) ON DELETE CASCADE ON UPDATE CASCADE,
    position INTEGER NOT NULL,
    actor_id TEXT NOT NULL REFERENCES actors(id),
    claimant TEXT NOT NULL,
    claimant_name TEXT NOT NULL DEFAULT '',
    stance TEXT NOT NULL,
    confidence TEXT NOT NULL,
    source_id TEXT REFERENCES sources(id),
    note TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (incident_seq, position)
) WITHOUT ROWID;
INSERT INTO claims_by_seq
    SELECT i.seq, c.position, c.actor_id, c.claimant, c.claimant_name, c.stance,
           c.confidence, c.source_id, c.note
    FROM claims c JOIN incidents i ON i.id = c.incident_id;
DROP TABLE claims;
ALTER TABLE claims_by_seq RENAME TO claims;
CREATE INDEX claims_actor ON claims(actor_id);
CREATE INDEX claims_source ON claims(source_id);

CREATE TABLE incident_sources_by_seq (
    incident_seq INTEGER NOT NULL
        REFERENCES incidents(seq) ON DELETE CASCADE ON UPDATE CASCADE,
    source_id TEXT NOT NULL REFERENCES sources(id),
    PRIMARY KEY (incident_seq, source_id)
) WITHOUT ROWID;
INSERT INTO incident_sources_by_seq
    SELECT i.seq, s.source_id
    FROM incident_sources s JOIN incidents i ON i.id = s.incident_id;
DROP TABLE incident_sources;
ALTER TABLE incident_sources_by_seq RENAME TO incident_sources;
CREATE INDEX incident_sources_source ON incident_sources(source_id);
"#,
];

/// The schema version this build writes.
pub fn latest_version() -> i64 {
    MIGRATIONS.len() as i64
}
