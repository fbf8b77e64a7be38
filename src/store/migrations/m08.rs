//! Migration 8: casualty rows, claims and sources keyed by their incident's
//! integer `seq` rather than its 36-character id. An import appends them in
//! `seq` order at the end of each table instead of inserting them at random
//! places by UUID, which took half of the SQL time of a 200 000-row import; the
//! tables and their indexes are smaller too. A child row whose incident is gone
//! (none can be while foreign keys are on) is not carried over.

use crate::store::Result;
use rusqlite::Connection;

pub(super) const SQL: &str = r#"
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
"#;

pub(super) fn up(conn: &Connection) -> Result<()> {
    conn.execute_batch(SQL)?;
    Ok(())
}
