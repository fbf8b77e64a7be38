//! The server's tables and views, in the PostgreSQL schema `panj`.
//!
//! Versions are append-only (a trigger refuses updates and deletes); their
//! `seq` is the order they were committed in, because every push holds one
//! transaction-level advisory lock ([`PUSH_LOCK`]) until it commits, so a
//! client that has pulled up to `seq` N never misses a version below N.
//!
//! Two roles carry the rights: `panj_team` (read and add versions: the
//! analysts who sync) and `panj_reader` (read only: QGIS users). The views show the
//! current record of each incident for QGIS; they join and aggregate, so
//! PostgreSQL will not write through them (QGIS edits would bypass versions).

/// The server schema this panj writes and the newest it reads.
pub const SERVER_SCHEMA: i64 = 1;

/// The advisory lock every push holds until it commits.
pub const PUSH_LOCK: i64 = 7_046_027_731;
/// The advisory lock `panj server init` holds.
pub const INIT_LOCK: i64 = 7_046_027_730;

/// The roles, made when the user who runs init may make roles.
pub const ROLES: &str = r#"
DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'panj_team') THEN
        CREATE ROLE panj_team NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'panj_reader') THEN
        CREATE ROLE panj_reader NOLOGIN;
    END IF;
END $$;
"#;

/// The rights of the roles (after the views exist).
pub const GRANTS: &str = r#"
GRANT USAGE ON SCHEMA panj TO panj_team, panj_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA panj TO panj_team, panj_reader;
GRANT INSERT ON panj.versions, panj.actors, panj.sources TO panj_team;
GRANT USAGE ON SEQUENCE panj.versions_seq_seq TO panj_team;
"#;

/// Tables, made once (`IF NOT EXISTS`: `panj server init` may run again).
pub const TABLES: &str = r#"
CREATE SCHEMA IF NOT EXISTS panj;
CREATE TABLE IF NOT EXISTS panj.about (key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE IF NOT EXISTS panj.versions (
    seq bigserial PRIMARY KEY,
    id uuid NOT NULL UNIQUE,
    record_id uuid NOT NULL,
    parents uuid[] NOT NULL,
    author text NOT NULL,
    device text NOT NULL,
    at text NOT NULL,
    action text NOT NULL,
    record jsonb NOT NULL,
    pushed_at timestamptz NOT NULL DEFAULT now(),
    pushed_by text
);
-- Servers made before pushers were stamped.
ALTER TABLE panj.versions ADD COLUMN IF NOT EXISTS pushed_by text;
CREATE INDEX IF NOT EXISTS versions_record_id ON panj.versions (record_id);
-- Who pushed a version is the server's word, not the client's: the
-- login role, whatever the row says.
CREATE OR REPLACE FUNCTION panj.stamp_pusher() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.pushed_by := session_user;
    NEW.pushed_at := now();
    RETURN NEW;
END $$;
DROP TRIGGER IF EXISTS versions_stamp_pusher ON panj.versions;
CREATE TRIGGER versions_stamp_pusher BEFORE INSERT ON panj.versions
    FOR EACH ROW EXECUTE FUNCTION panj.stamp_pusher();
-- Versions the owner took back (`panj server retract`), kept for the record.
CREATE TABLE IF NOT EXISTS panj.retracted (
    LIKE panj.versions,
    retracted_by text NOT NULL,
    retracted_at timestamptz NOT NULL
);
CREATE TABLE IF NOT EXISTS panj.actors (id uuid PRIMARY KEY, actor jsonb NOT NULL);
CREATE TABLE IF NOT EXISTS panj.sources (id uuid PRIMARY KEY, source jsonb NOT NULL);
CREATE OR REPLACE FUNCTION panj.append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Only `panj server retract`, run by the owner (members may not
    -- delete), takes a version back.
    IF TG_OP = 'DELETE' AND current_setting('panj.retract', true) = 'on' THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'panj versions are append-only: change incidents in panj, not in the table';
END $$;
DROP TRIGGER IF EXISTS versions_append_only ON panj.versions;
CREATE TRIGGER versions_append_only BEFORE UPDATE OR DELETE ON panj.versions
    FOR EACH STATEMENT EXECUTE FUNCTION panj.append_only();

-- Heads: versions no other version of the same incident builds on.
CREATE OR REPLACE VIEW panj.heads AS
SELECT v.* FROM panj.versions v
WHERE NOT EXISTS (
    SELECT 1 FROM panj.versions c WHERE c.record_id = v.record_id AND v.id = ANY (c.parents)
);

-- One head per incident: the only one, or while heads conflict the
-- earliest live one (a deletion against an edit stays on the layer,
-- flagged, as the databases show it), as a database that has not seen
-- the record before shows it.
CREATE OR REPLACE VIEW panj.current AS
SELECT record_id, id AS version_id, seq, author, at, record, heads, pushed_by
FROM (
    SELECT h.*,
           count(*) OVER (PARTITION BY h.record_id) AS heads,
           row_number() OVER (
               PARTITION BY h.record_id
               ORDER BY h.record->>'deleted_at' IS NOT NULL, h.at::timestamptz, h.id
           ) AS n
    FROM panj.heads h
) x
WHERE n = 1;
"#;

/// The columns of the incidents layer, without geometry.
const LAYER_COLUMNS: &str = r#"
    c.seq AS fid,
    c.record_id AS id,
    c.record->>'title' AS title,
    c.record->>'event_type' AS event_type,
    (c.record->'date'->>'start')::date AS date_start,
    (c.record->'date'->>'end')::date AS date_end,
    c.record->'date'->>'precision' AS date_precision,
    c.record->'location'->>'place_name' AS place,
    c.record->'location'->>'precision' AS place_precision,
    c.record->'location'->>'country' AS country,
    c.record->'location'->>'admin1' AS province,
    c.record->'location'->>'side' AS side,
    (c.record->'location'->>'lon')::float8 AS lon,
    (c.record->'location'->>'lat')::float8 AS lat,
    k.killed,
    k.wounded,
    k.killed_at_least,
    p.perpetrator,
    p.confidence,
    c.heads > 1 AS conflict,
    c.author AS changed_by,
    c.at::timestamptz AS changed_at,
    c.version_id,
    c.pushed_by
"#;

/// Casualty totals and the leading claim (as `filter::leading_claim`
/// picks it: the most certain claim, not a denial, naming a known actor;
/// the first of equals).
const LAYER_JOINS: &str = r#"
FROM panj.current c
LEFT JOIN LATERAL (
    SELECT coalesce(sum((x->>'killed')::int), 0) AS killed,
           coalesce(sum((x->>'wounded')::int), 0) AS wounded,
           coalesce(bool_or(x->>'figure' = 'minimum'), false) AS killed_at_least
    FROM jsonb_array_elements(c.record->'casualties') x
) k ON true
LEFT JOIN LATERAL (
    SELECT a.actor->>'name' AS perpetrator, cl.x->>'confidence' AS confidence
    FROM jsonb_array_elements(c.record->'claims') WITH ORDINALITY AS cl(x, n)
    JOIN panj.actors a ON a.id = (cl.x->>'actor_id')::uuid
    WHERE cl.x->>'stance' <> 'denies' AND a.actor->>'kind' <> 'unidentified'
    ORDER BY CASE cl.x->>'confidence'
                 WHEN 'confirmed' THEN 3 WHEN 'likely' THEN 2 WHEN 'possible' THEN 1 ELSE 0
             END DESC, cl.n
    LIMIT 1
) p ON true
WHERE c.record->>'deleted_at' IS NULL
"#;

/// `panj.incidents_current`: with a PostGIS point when the server has
/// PostGIS, else with `lon` and `lat` only.
pub fn layer(postgis: bool) -> String {
    let geometry = if postgis {
        ",\n    ST_SetSRID(ST_MakePoint((c.record->'location'->>'lon')::float8, \
         (c.record->'location'->>'lat')::float8), 4326)::geometry(Point, 4326) AS geom"
    } else {
        ""
    };
    format!(
        "DROP VIEW IF EXISTS panj.incidents_current;\n\
         CREATE VIEW panj.incidents_current AS SELECT {LAYER_COLUMNS}{geometry}{LAYER_JOINS};\n\
         COMMENT ON VIEW panj.incidents_current IS \
         'The current record of each incident, read-only: edit in panj, which keeps every version.';"
    )
}
