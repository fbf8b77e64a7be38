//! Just enough GeoJSON to read the shipped assets: features with
//! LineString, Polygon and MultiPolygon geometries and string properties.

use ::geo::{Coord, LineString, MultiPolygon, Polygon};
use serde_json::Value;

#[derive(Debug, thiserror::Error)]
#[error("{file}: {message}")]
pub struct GeoJsonError {
    pub file: String,
    pub message: String,
}

/// A feature's properties and geometry.
pub(crate) struct Feature {
    pub properties: serde_json::Map<String, Value>,
    pub geometry: Value,
}

impl Feature {
    pub fn property(&self, name: &str) -> Option<&str> {
        self.properties.get(name).and_then(Value::as_str)
    }
}

pub(crate) fn features(file: &str, text: &str) -> Result<Vec<Feature>, GeoJsonError> {
    let err = |message: String| GeoJsonError {
        file: file.to_string(),
        message,
    };
    let root: Value = serde_json::from_str(text).map_err(|e| err(e.to_string()))?;
    let list = root
        .get("features")
        .and_then(Value::as_array)
        .ok_or_else(|| err("not a FeatureCollection".into()))?;
    Ok(list
        .iter()
        .map(|f| Feature {
            properties: f
                .get("properties")
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default(),
            geometry: f.get("geometry").cloned().unwrap_or(Value::Null),
        })
        .collect())
}

fn coord(value: &Value) -> Option<Coord> {
    let pair = value.as_array()?;
    Some(Coord {
        x: pair.first()?.as_f64()?,
        y: pair.get(1)?.as_f64()?,
    })
}

fn line(value: &Value) -> Option<LineString> {
    value
        .as_array()?
        .iter()
        .map(coord)
        .collect::<Option<Vec<_>>>()
        .map(LineString::new)
}

fn polygon(value: &Value) -> Option<Polygon> {
    let mut rings = value.as_array()?.iter().map(line);
    let exterior = rings.next()??;
    Some(Polygon::new(exterior, rings.collect::<Option<Vec<_>>>()?))
}

/// The geometry as a line, if it is a LineString.
pub(crate) fn line_string(geometry: &Value) -> Option<LineString> {
    (geometry.get("type")?.as_str()? == "LineString").then(|| line(geometry.get("coordinates")?))?
}

/// The geometry as polygons, if it is a Polygon or MultiPolygon.
pub(crate) fn multi_polygon(geometry: &Value) -> Option<MultiPolygon> {
    let coordinates = geometry.get("coordinates")?;
    match geometry.get("type")?.as_str()? {
        "Polygon" => Some(MultiPolygon::new(vec![polygon(coordinates)?])),
        "MultiPolygon" => coordinates
            .as_array()?
            .iter()
            .map(polygon)
            .collect::<Option<Vec<_>>>()
            .map(MultiPolygon::new),
        _ => None,
    }
}
