-- The floor of panj's schema for an ACLED import, with no Rust in the way:
-- run on a panj database holding the raw file as table raw (sqlite3 -csv DB ".import FILE raw"),
-- then: sqlite3 DB < bench/schema_floor.sql. Compare with sqlite3's .import of the same file.
.timer on
PRAGMA temp_store=MEMORY;
PRAGMA cache_size=-1048576;
BEGIN;
INSERT INTO incidents (id, title, summary, event_type, date_start, date_end, date_precision, lat, lon, location_precision, place_name, country, admin1, admin2, side, notes, tags, created_at, updated_at, version, border_km, external_id, provenance)
SELECT lower(hex(randomblob(16))), sub_event_type || ' in ' || location, notes, 'armed_clash', event_date, event_date, 'day', latitude, longitude, 'near', location, 'AF', admin1, admin2, 'af', 'Imported from ACLED', '["acled"]', '2026-11-25T00:00:00Z', '2026-11-25T00:00:00Z', 1, 1.0, 'acled:' || event_id_cnty,
 json_object('event_id_cnty', event_id_cnty, 'event_date', event_date, 'year', year, 'time_precision', time_precision, 'disorder_type', disorder_type, 'event_type', event_type, 'sub_event_type', sub_event_type, 'actor1', actor1, 'assoc_actor_1', assoc_actor_1, 'inter1', inter1, 'actor2', actor2, 'assoc_actor_2', assoc_actor_2, 'inter2', inter2, 'interaction', interaction, 'civilian_targeting', civilian_targeting, 'iso', iso, 'region', region, 'country', country, 'admin1', admin1, 'admin2', admin2, 'admin3', admin3, 'location', location, 'latitude', latitude, 'longitude', longitude, 'geo_precision', geo_precision, 'source', source, 'source_scale', source_scale, 'notes', notes, 'fatalities', fatalities, 'tags', tags, 'timestamp', timestamp)
FROM raw;
INSERT INTO casualties SELECT id, 0, NULL, 'unknown', 1, 0, 'minimum' FROM incidents WHERE external_id LIKE 'acled:%';
INSERT INTO claims SELECT id, 0, (SELECT id FROM actors LIMIT 1), 'dataset', 'ACLED', 'assesses', 'likely', NULL, '' FROM incidents WHERE external_id LIKE 'acled:%';
INSERT INTO history (incident_id, at, action) SELECT id, created_at, 'insert' FROM incidents WHERE external_id LIKE 'acled:%';
COMMIT;
