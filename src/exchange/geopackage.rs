//! GeoPackage export (OGC 12-128r18, version 1.3): a SQLite file with the
//! required metadata tables (`gpkg_spatial_ref_sys`, `gpkg_contents`,
//! `gpkg_geometry_columns`) and one point feature table, `incidents`, in
//! WGS 84 (EPSG:4326). QGIS and GDAL open it as a layer; the columns are
//! those of the CSV export, typed.
//!
//! Built in memory and handed back as bytes, so the caller writes the file
//! whole (temporary name, then rename) like every other export.

use super::export::{ExportError, casualties_json, claims_json};
use crate::filter::{ActorDirectory, attribution_label};
use crate::model::Incident;
use rusqlite::{Connection, params};

/// "GPKG" in the SQLite header, as the standard requires.
const GEOPACKAGE_APPLICATION_ID: i32 = 0x4750_4B47;
/// GeoPackage 1.3.0.
const GEOPACKAGE_VERSION: i32 = 10300;
const WGS84: i32 = 4326;

const SCHEMA: &str = r#"
CREATE TABLE gpkg_spatial_ref_sys (
    srs_name TEXT NOT NULL,
    srs_id INTEGER PRIMARY KEY,
    organization TEXT NOT NULL,
    organization_coordsys_id INTEGER NOT NULL,
    definition TEXT NOT NULL,
    description TEXT
);
INSERT INTO gpkg_spatial_ref_sys VALUES
    ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system'),
    ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system'),
    ('WGS 84 geodetic', 4326, 'EPSG', 4326,
     'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]',
     'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid');
CREATE TABLE gpkg_contents (
    table_name TEXT NOT NULL PRIMARY KEY,
    data_type TEXT NOT NULL,
    identifier TEXT UNIQUE,
    description TEXT DEFAULT '',
    last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE,
    srs_id INTEGER,
    CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id)
);
CREATE TABLE gpkg_geometry_columns (
    table_name TEXT NOT NULL,
    column_name TEXT NOT NULL,
    geometry_type_name TEXT NOT NULL,
    srs_id INTEGER NOT NULL,
    z TINYINT NOT NULL,
    m TINYINT NOT NULL,
    CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
    CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
    CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id)
);
CREATE TABLE incidents (
    fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    geom POINT,
    id TEXT NOT NULL,
    title TEXT,
    event_type TEXT,
    date_start DATE,
    date_end DATE,
    date_precision TEXT,
    time_of_day TEXT,
    location_precision TEXT,
    uncertainty_km REAL,
    place_name TEXT,
    country TEXT,
    admin1 TEXT,
    admin2 TEXT,
    side TEXT,
    border_km REAL,
    killed INTEGER,
    killed_is_minimum BOOLEAN,
    wounded INTEGER,
    perpetrator TEXT,
    casualties TEXT,
    claims TEXT,
    summary TEXT,
    notes TEXT,
    tags TEXT,
    external_id TEXT
);
"#;

/// A point as GeoPackage stores it: the "GP" header (version 0, little
/// endian, no envelope, SRS id) followed by little-endian WKB.
pub fn point_blob(lon: f64, lat: f64) -> Vec<u8> {
    let mut blob = Vec::with_capacity(29);
    blob.extend_from_slice(b"GP");
    blob.push(0); // version 1 of the binary format
    blob.push(0b0000_0001); // little endian, no envelope, not empty
    blob.extend_from_slice(&WGS84.to_le_bytes());
    blob.push(1); // WKB little endian
    blob.extend_from_slice(&1u32.to_le_bytes()); // wkbPoint
    blob.extend_from_slice(&lon.to_le_bytes());
    blob.extend_from_slice(&lat.to_le_bytes());
    blob
}

/// The bytes of a GeoPackage holding `incidents`.
pub fn bytes(incidents: &[Incident], actors: &ActorDirectory) -> Result<Vec<u8>, ExportError> {
    let sql = |e: rusqlite::Error| ExportError::Encode(format!("GeoPackage: {e}"));
    let mut conn = Connection::open_in_memory().map_err(sql)?;
    conn.pragma_update(None, "application_id", GEOPACKAGE_APPLICATION_ID)
        .map_err(sql)?;
    conn.pragma_update(None, "user_version", GEOPACKAGE_VERSION)
        .map_err(sql)?;
    let tx = conn.transaction().map_err(sql)?;
    tx.execute_batch(SCHEMA).map_err(sql)?;
    let mut bounds = [
        f64::INFINITY,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NEG_INFINITY,
    ];
    {
        let mut insert = tx
            .prepare(
                "INSERT INTO incidents (geom, id, title, event_type, date_start, date_end,
                 date_precision, time_of_day, location_precision, uncertainty_km, place_name,
                 country, admin1, admin2, side, border_km, killed, killed_is_minimum, wounded,
                 perpetrator, casualties, claims, summary, notes, tags, external_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
                 ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26)",
            )
            .map_err(sql)?;
        for i in incidents {
            let loc = &i.location;
            bounds = [
                bounds[0].min(loc.lon),
                bounds[1].min(loc.lat),
                bounds[2].max(loc.lon),
                bounds[3].max(loc.lat),
            ];
            insert
                .execute(params![
                    point_blob(loc.lon, loc.lat),
                    i.id.to_string(),
                    i.title,
                    i.event_type.code(),
                    i.date.start.to_string(),
                    i.date.end.to_string(),
                    i.date.precision.code(),
                    i.date.time_of_day.map(|t| t.to_string()),
                    loc.precision.code(),
                    loc.precision.uncertainty_km(),
                    loc.place_name,
                    loc.country.map(|c| c.to_string()),
                    loc.admin1,
                    loc.admin2,
                    loc.side.code(),
                    loc.border_km,
                    i.killed() as i64,
                    i.has_minimum_figures(),
                    i.wounded() as i64,
                    attribution_label(i, actors),
                    casualties_json(i).to_string(),
                    claims_json(i, actors).to_string(),
                    i.summary,
                    i.notes,
                    serde_json::to_string(&i.tags).unwrap_or_default(),
                    i.external_id,
                ])
                .map_err(sql)?;
        }
    }
    let extent = bounds.map(|b| b.is_finite().then_some(b));
    tx.execute(
        "INSERT INTO gpkg_contents (table_name, data_type, identifier, description,
         min_x, min_y, max_x, max_y, srs_id)
         VALUES ('incidents', 'features', 'incidents', 'Incidents exported from panj',
         ?1, ?2, ?3, ?4, 4326)",
        params![extent[0], extent[1], extent[2], extent[3]],
    )
    .map_err(sql)?;
    tx.execute(
        "INSERT INTO gpkg_geometry_columns VALUES ('incidents', 'geom', 'POINT', 4326, 0, 0)",
        [],
    )
    .map_err(sql)?;
    tx.commit().map_err(sql)?;
    let data = conn.serialize(rusqlite::MAIN_DB).map_err(sql)?;
    Ok(data.to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_point_blob_is_the_geopackage_header_then_wkb() {
        let blob = point_blob(70.5, 37.25);
        assert_eq!(&blob[..4], b"GP\x00\x01");
        assert_eq!(i32::from_le_bytes(blob[4..8].try_into().unwrap()), 4326);
        assert_eq!(blob[8], 1);
        assert_eq!(u32::from_le_bytes(blob[9..13].try_into().unwrap()), 1);
        assert_eq!(f64::from_le_bytes(blob[13..21].try_into().unwrap()), 70.5);
        assert_eq!(f64::from_le_bytes(blob[21..29].try_into().unwrap()), 37.25);
    }

    #[test]
    fn the_file_is_a_geopackage_with_one_feature_per_incident() {
        let mut store = crate::store::Store::open_in_memory().unwrap();
        crate::exchange::seed::seed(&mut store).unwrap();
        let incidents = store.query(&crate::filter::Filter::default()).unwrap();
        let bytes = bytes(&incidents, &store.actor_directory().unwrap()).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.gpkg");
        std::fs::write(&path, bytes).unwrap();
        let conn = Connection::open(&path).unwrap();
        let id: i32 = conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .unwrap();
        assert_eq!(id, GEOPACKAGE_APPLICATION_ID);
        let count: i64 = conn
            .query_row("SELECT count(*) FROM incidents", [], |r| r.get(0))
            .unwrap();
        assert_eq!(count as usize, incidents.len());
        let ok: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(ok, "ok");
    }
}
