//! GeoPackage export (OGC 12-128r18, version 1.3): a SQLite file with the
//! required metadata tables (`gpkg_spatial_ref_sys`, `gpkg_contents`,
//! `gpkg_geometry_columns`) and one point feature table, `incidents`, in
//! WGS 84 (EPSG:4326). QGIS and GDAL open it as a layer; the columns are
//! those of the CSV export, typed.
//!
//! Built in memory and handed back as bytes, so the caller writes the file
//! whole (temporary name, then rename) like every other export.
//!
//! Read, too: [`features_as_geojson`] turns a GeoPackage's first point
//! layer into a GeoJSON FeatureCollection, which an import then reads as
//! it reads any GeoJSON (researchers pass GED cuts around as .gpkg).

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

/// Whether bytes are a SQLite file (a GeoPackage is one).
pub fn is_sqlite(bytes: &[u8]) -> bool {
    bytes.starts_with(b"SQLite format 3\0")
}

/// A GeoPackage's first feature layer as a GeoJSON FeatureCollection: its
/// columns as properties (text as text, numbers as numbers), its point
/// geometry as the feature's; a feature whose geometry is not a point
/// keeps a null geometry, which the import names as such.
pub fn features_as_geojson(path: &std::path::Path) -> Result<Vec<u8>, String> {
    use rusqlite::OpenFlags;
    use rusqlite::types::ValueRef;
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| format!("cannot be opened as a GeoPackage: {e}"))?;
    let (table, geometry): (String, String) = conn
        .query_row(
            "SELECT c.table_name, g.column_name FROM gpkg_contents c \
             JOIN gpkg_geometry_columns g ON g.table_name = c.table_name \
             WHERE c.data_type = 'features' ORDER BY c.table_name LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .map_err(|e| format!("is a SQLite file but not a GeoPackage with a feature layer ({e})"))?;
    let quoted = format!("\"{}\"", table.replace('"', "\"\""));
    let mut statement = conn
        .prepare(&format!("SELECT * FROM {quoted}"))
        .map_err(|e| format!("cannot read its layer {table}: {e}"))?;
    let names: Vec<String> = statement.column_names().map(|n| n.to_string()).collect();
    let mut features = Vec::new();
    let mut rows = statement
        .query([])
        .map_err(|e| format!("cannot read its layer {table}: {e}"))?;
    while let Some(row) = rows
        .next()
        .map_err(|e| format!("cannot read its layer {table}: {e}"))?
    {
        let mut properties = serde_json::Map::new();
        let mut point = serde_json::Value::Null;
        for (n, name) in names.iter().enumerate() {
            let value = row.get_ref(n).map_err(|e| e.to_string())?;
            if name.eq_ignore_ascii_case(&geometry) {
                if let ValueRef::Blob(blob) = value
                    && let Some((lon, lat)) = point_of(blob)
                {
                    point = serde_json::json!({"type": "Point", "coordinates": [lon, lat]});
                }
                continue;
            }
            if name.eq_ignore_ascii_case("fid") {
                continue;
            }
            let value = match value {
                ValueRef::Null => serde_json::Value::Null,
                ValueRef::Integer(i) => i.into(),
                ValueRef::Real(f) => serde_json::Number::from_f64(f)
                    .map_or(serde_json::Value::Null, serde_json::Value::Number),
                ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned().into(),
                ValueRef::Blob(_) => serde_json::Value::Null,
            };
            properties.insert(name.clone(), value);
        }
        features.push(serde_json::json!({
            "type": "Feature",
            "properties": properties,
            "geometry": point,
        }));
    }
    serde_json::to_vec(&serde_json::json!({"type": "FeatureCollection", "features": features}))
        .map_err(|e| e.to_string())
}

/// The point of a GeoPackage geometry blob (its "GP" header, then WKB),
/// `None` for any other geometry.
fn point_of(blob: &[u8]) -> Option<(f64, f64)> {
    if blob.get(..2)? != b"GP" {
        return None;
    }
    let flags = *blob.get(3)?;
    let envelope = match (flags >> 1) & 0b111 {
        0 => 0,
        1 => 32,
        2 | 3 => 48,
        4 => 64,
        _ => return None,
    };
    let wkb = blob.get(8 + envelope..)?;
    let little = *wkb.first()? == 1;
    let read_u32 = |at: usize| -> Option<u32> {
        let bytes: [u8; 4] = wkb.get(at..at + 4)?.try_into().ok()?;
        Some(if little {
            u32::from_le_bytes(bytes)
        } else {
            u32::from_be_bytes(bytes)
        })
    };
    let read_f64 = |at: usize| -> Option<f64> {
        let bytes: [u8; 8] = wkb.get(at..at + 8)?.try_into().ok()?;
        Some(if little {
            f64::from_le_bytes(bytes)
        } else {
            f64::from_be_bytes(bytes)
        })
    };
    // 1 is a point; ISO's 1001/2001/3001 a point with Z, M or both.
    if read_u32(1)? % 1000 != 1 {
        return None;
    }
    let (lon, lat) = (read_f64(5)?, read_f64(13)?);
    (lon.is_finite() && lat.is_finite()).then_some((lon, lat))
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

    #[test]
    fn a_geopackage_reads_back_as_geojson_points_with_their_columns() {
        let mut store = crate::store::Store::open_in_memory().unwrap();
        crate::exchange::seed::seed(&mut store).unwrap();
        let incidents = store.query(&crate::filter::Filter::default()).unwrap();
        let bytes = bytes(&incidents, &store.actor_directory().unwrap()).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.gpkg");
        std::fs::write(&path, &bytes).unwrap();
        assert!(is_sqlite(&bytes));
        let json: serde_json::Value =
            serde_json::from_slice(&features_as_geojson(&path).unwrap()).unwrap();
        let features = json["features"].as_array().unwrap();
        assert_eq!(features.len(), incidents.len());
        let first = &features[0];
        let [lon, lat] = [0, 1].map(|n| first["geometry"]["coordinates"][n].as_f64().unwrap());
        assert!(
            incidents
                .iter()
                .any(|i| i.location.lon == lon && i.location.lat == lat)
        );
        assert!(first["properties"]["title"].is_string(), "{first}");
    }
}
