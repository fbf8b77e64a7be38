//! Tile layers an analyst may put under the incidents instead of the
//! offline basemap: OpenStreetMap or OpenTopoMap over the network (off by
//! default, cached on disk), or a local MBTiles or PMTiles file.

use egui::Context;
use rusqlite::{Connection, OpenFlags, OptionalExtension};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use walkers::sources::Attribution;
use walkers::{HttpOptions, HttpTiles, Tile, TileId, TilePiece, Tiles};

/// What lies under the incidents.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub enum BasemapChoice {
    /// The shipped offline map; nothing leaves the machine.
    #[default]
    Offline,
    OpenStreetMap,
    OpenTopoMap,
    /// An MBTiles or PMTiles file of raster tiles.
    LocalFile(PathBuf),
}

impl BasemapChoice {
    pub fn label(&self) -> String {
        match self {
            BasemapChoice::Offline => crate::tr!("tiles-offline"),
            BasemapChoice::OpenStreetMap => crate::tr!("tiles-openstreetmap"),
            BasemapChoice::OpenTopoMap => crate::tr!("tiles-opentopomap"),
            BasemapChoice::LocalFile(path) => crate::tr!(
                "tiles-file",
                name = path.file_name().map_or_else(
                    || path.display().to_string(),
                    |n| n.to_string_lossy().into_owned()
                )
            ),
        }
    }

    /// Whether showing it sends requests over the network.
    pub fn is_online(&self) -> bool {
        matches!(
            self,
            BasemapChoice::OpenStreetMap | BasemapChoice::OpenTopoMap
        )
    }
}

/// Why a tile layer could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum TileError {
    #[error("{path}: cannot open as MBTiles: {source}")]
    MbTiles {
        path: String,
        source: rusqlite::Error,
    },
    #[error("{path}: holds {format} tiles; panj draws raster tiles (png, jpg, webp) only")]
    VectorTiles { path: String, format: String },
    #[error("{path}: not a tile file panj knows (use .mbtiles or .pmtiles)")]
    UnknownKind { path: String },
    #[error("{path}: {message}")]
    Missing { path: String, message: String },
}

/// Opens the tiles for a choice; `None` for the offline map, which is not
/// a tile layer. `cache` is the directory online tiles are kept in.
pub fn open(
    choice: &BasemapChoice,
    ctx: &Context,
    cache: Option<PathBuf>,
) -> Result<Option<Box<dyn Tiles + Send>>, TileError> {
    let http = || HttpOptions {
        cache: cache.clone(),
        user_agent: Some(walkers::HeaderValue::from_static(concat!(
            "panj/",
            env!("CARGO_PKG_VERSION")
        ))),
        ..HttpOptions::default()
    };
    Ok(match choice {
        BasemapChoice::Offline => None,
        BasemapChoice::OpenStreetMap => Some(Box::new(HttpTiles::with_options(
            walkers::sources::OpenStreetMap,
            http(),
            ctx.clone(),
        ))),
        BasemapChoice::OpenTopoMap => Some(Box::new(HttpTiles::with_options(
            walkers::sources::OpenTopoMap(walkers::sources::OpenTopoServer::A),
            http(),
            ctx.clone(),
        ))),
        BasemapChoice::LocalFile(path) => Some(open_file(path, ctx)?),
    })
}

fn open_file(path: &Path, ctx: &Context) -> Result<Box<dyn Tiles + Send>, TileError> {
    let shown = path.display().to_string();
    if !path.is_file() {
        return Err(TileError::Missing {
            path: shown,
            message: "no such file".into(),
        });
    }
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("mbtiles") => Ok(Box::new(MbTiles::open(path, ctx.clone())?)),
        Some("pmtiles") => Ok(Box::new(walkers::PmTiles::with_style_and_tile_size(
            path,
            walkers::Style,
            256,
            ctx.clone(),
        ))),
        _ => Err(TileError::UnknownKind { path: shown }),
    }
}

/// Raster tiles from an MBTiles file (SQLite, TMS row order), read on
/// demand and kept once decoded.
pub struct MbTiles {
    conn: Connection,
    ctx: Context,
    max_zoom: u8,
    decoded: HashMap<TileId, Option<Tile>>,
}

impl MbTiles {
    pub fn open(path: &Path, ctx: Context) -> Result<MbTiles, TileError> {
        let shown = path.display().to_string();
        let wrap = |source| TileError::MbTiles {
            path: shown.clone(),
            source,
        };
        let conn =
            Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(wrap)?;
        let metadata = |name: &str| -> Result<Option<String>, TileError> {
            conn.query_row("SELECT value FROM metadata WHERE name = ?1", [name], |r| {
                r.get(0)
            })
            .optional()
            .map_err(wrap)
        };
        if let Some(format) = metadata("format")?
            && matches!(format.as_str(), "pbf" | "mvt")
        {
            return Err(TileError::VectorTiles {
                path: shown,
                format,
            });
        }
        let max_zoom: Option<i64> = conn
            .query_row("SELECT max(zoom_level) FROM tiles", [], |r| r.get(0))
            .map_err(wrap)?;
        Ok(MbTiles {
            conn,
            ctx,
            max_zoom: max_zoom.unwrap_or(0).clamp(0, 22) as u8,
            decoded: HashMap::new(),
        })
    }

    fn load(&mut self, id: TileId) -> Option<Tile> {
        if let Some(tile) = self.decoded.get(&id) {
            return tile.clone();
        }
        let tms_row = (1u32 << id.zoom) - 1 - id.y;
        let bytes: Option<Vec<u8>> = self
            .conn
            .query_row(
                "SELECT tile_data FROM tiles WHERE zoom_level = ?1 AND tile_column = ?2 AND tile_row = ?3",
                rusqlite::params![id.zoom, id.x, tms_row],
                |r| r.get(0),
            )
            .optional()
            .ok()
            .flatten();
        let tile = bytes.and_then(|b| Tile::new(&b, &walkers::Style, id.zoom, 256, &self.ctx).ok());
        self.decoded.insert(id, tile.clone());
        tile
    }
}

impl Tiles for MbTiles {
    fn at(&mut self, id: TileId) -> Option<TilePiece> {
        // Beyond the file's deepest level, stretch the covering tile.
        let available = id.zoom.min(self.max_zoom);
        let shift = id.zoom - available;
        let parent = TileId {
            x: id.x >> shift,
            y: id.y >> shift,
            zoom: available,
        };
        let tile = self.load(parent)?;
        let parts = (1u32 << shift) as f32;
        let (cx, cy) = (
            (id.x - (parent.x << shift)) as f32,
            (id.y - (parent.y << shift)) as f32,
        );
        let uv = egui::Rect::from_min_size(
            egui::pos2(cx / parts, cy / parts),
            egui::vec2(1.0 / parts, 1.0 / parts),
        );
        Some(TilePiece::new(tile, uv))
    }

    fn attribution(&self) -> Attribution {
        Attribution {
            text: "Local tiles",
            url: "",
            logo_light: None,
            logo_dark: None,
        }
    }

    fn tile_size(&self) -> u32 {
        256
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png() -> Vec<u8> {
        // A 1x1 red PNG.
        let mut bytes = Vec::new();
        let image = image::RgbaImage::from_pixel(1, 1, image::Rgba([255, 0, 0, 255]));
        image
            .write_to(
                &mut std::io::Cursor::new(&mut bytes),
                image::ImageFormat::Png,
            )
            .unwrap();
        bytes
    }

    fn mbtiles(dir: &Path, format: &str) -> PathBuf {
        let path = dir.join(format!("t-{format}.mbtiles"));
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "CREATE TABLE metadata (name TEXT, value TEXT);
             CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);",
        )
        .unwrap();
        conn.execute("INSERT INTO metadata VALUES ('format', ?1)", [format])
            .unwrap();
        // Tile z=1 x=1 y=0 (north-east) is TMS row 1.
        conn.execute("INSERT INTO tiles VALUES (1, 1, 1, ?1)", [png()])
            .unwrap();
        path
    }

    #[test]
    fn mbtiles_rows_are_flipped_and_deeper_zooms_reuse_the_last_level() {
        let dir = tempfile::tempdir().unwrap();
        let ctx = Context::default();
        let mut tiles = MbTiles::open(&mbtiles(dir.path(), "png"), ctx).unwrap();
        assert!(
            tiles
                .at(TileId {
                    x: 1,
                    y: 0,
                    zoom: 1
                })
                .is_some()
        );
        assert!(
            tiles
                .at(TileId {
                    x: 1,
                    y: 1,
                    zoom: 1
                })
                .is_none()
        );
        // z=3 (7, 1) lies in the north-east quarter: the bottom-right
        // quarter's... exactly uv cell (3, 1) of 4.
        let piece = tiles
            .at(TileId {
                x: 7,
                y: 1,
                zoom: 3,
            })
            .expect("stretched");
        assert_eq!(piece.uv.min, egui::pos2(0.75, 0.25));
        assert_eq!(piece.uv.size(), egui::vec2(0.25, 0.25));
    }

    #[test]
    fn vector_and_unknown_files_are_refused_with_their_name() {
        let dir = tempfile::tempdir().unwrap();
        let ctx = Context::default();
        let err = MbTiles::open(&mbtiles(dir.path(), "pbf"), ctx.clone())
            .err()
            .unwrap();
        assert!(
            err.to_string().contains("t-pbf.mbtiles") && err.to_string().contains("raster"),
            "{err}"
        );
        let other = dir.path().join("tiles.zip");
        std::fs::write(&other, b"zip").unwrap();
        let err = open(&BasemapChoice::LocalFile(other), &ctx, None)
            .err()
            .unwrap();
        assert!(err.to_string().contains("tiles.zip"), "{err}");
    }

    #[test]
    fn only_the_tile_servers_are_online() {
        assert!(!BasemapChoice::Offline.is_online());
        assert!(!BasemapChoice::LocalFile("x.mbtiles".into()).is_online());
        assert!(BasemapChoice::OpenStreetMap.is_online());
        assert!(BasemapChoice::OpenTopoMap.is_online());
    }
}
