//! `panj bench`: how fast the window draws with many incidents.
//!
//! Fills a scratch database with synthetic incidents, then drives the real
//! app headless through a scripted session (drag-panning and wheel-zooming
//! across the border region) and times every frame: the UI code, layout
//! and tessellation, which is the CPU work a frame costs before the GPU
//! draws the triangles.

mod team;
pub use team::{TeamBenchReport, chain, team};

use crate::app::run::Headless;
use crate::exchange::synthetic;
use crate::filter::{Filter, Perpetrator};
use crate::model::{Confidence, CountryCode};
use crate::store::Store;
use anyhow::{Context as _, Result};
use egui::{Event, Modifiers, MouseWheelUnit, PointerButton, Pos2, RawInput, Rect, pos2, vec2};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Frame times of one run.
#[derive(Debug, Clone)]
pub struct MapBenchReport {
    pub incidents: usize,
    pub insert: Duration,
    pub first_frame: Duration,
    /// Every frame after the first, in order.
    pub frames: Vec<Duration>,
    /// Filter changes (facet counts, table, timeline, statistics, map
    /// layer) each timed with the frame that shows them.
    pub filter_changes: Vec<Duration>,
}

impl MapBenchReport {
    fn sorted(&self) -> Vec<Duration> {
        let mut s = self.frames.clone();
        s.sort();
        s
    }

    /// The frame time below which `q` (0..1) of the frames fall.
    pub fn quantile(&self, q: f64) -> Duration {
        let s = self.sorted();
        if s.is_empty() {
            return Duration::ZERO;
        }
        s[((s.len() - 1) as f64 * q).round() as usize]
    }

    pub fn mean(&self) -> Duration {
        let total: Duration = self.frames.iter().sum();
        total / self.frames.len().max(1) as u32
    }

    pub fn summary(&self) -> String {
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        format!(
            "incidents: {}\ninsert: {:.1} s ({:.0} incidents/s)\nfirst frame (loads layers): {:.1} ms\n\
             frames: {}\nframe time: mean {:.2} ms, median {:.2} ms, p95 {:.2} ms, p99 {:.2} ms, max {:.2} ms\n\
             60 fps budget (16.7 ms) met by {:.1}% of frames\n\
             filter changes: {}, each with its frame: mean {:.2} ms, max {:.2} ms",
            self.incidents,
            self.insert.as_secs_f64(),
            self.incidents as f64 / self.insert.as_secs_f64().max(1e-9),
            ms(self.first_frame),
            self.frames.len(),
            ms(self.mean()),
            ms(self.quantile(0.5)),
            ms(self.quantile(0.95)),
            ms(self.quantile(0.99)),
            ms(self.quantile(1.0)),
            100.0
                * self
                    .frames
                    .iter()
                    .filter(|d| d.as_secs_f64() < 1.0 / 60.0)
                    .count() as f64
                / self.frames.len().max(1) as f64,
            self.filter_changes.len(),
            ms(self.filter_changes.iter().sum::<Duration>()
                / self.filter_changes.len().max(1) as u32),
            ms(self
                .filter_changes
                .iter()
                .max()
                .copied()
                .unwrap_or_default()),
        )
    }
}

/// A scratch database file removed when dropped.
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", self.0.display()));
        }
    }
}

/// Runs the map benchmark: `incidents` synthetic incidents, `frames`
/// scripted frames at 1280×800.
pub fn map_frames(incidents: usize, frames: usize) -> Result<MapBenchReport> {
    let scratch =
        Scratch(std::env::temp_dir().join(format!("panj-bench-{}.db", std::process::id())));
    let mut store = Store::open(&scratch.0).context("cannot create the scratch database")?;
    crate::exchange::seed::seed(&mut store)?;
    let actors = store.actor_directory()?;
    let records = synthetic::incidents(incidents, 20251126, &actors);
    let started = Instant::now();
    store.write("insert synthetic incidents", |w| {
        for incident in &records {
            w.insert_incident(incident)?;
        }
        Ok(())
    })?;
    let insert = started.elapsed();
    drop(records);

    let mut app = Headless::loaded(store);
    let ctx = egui::Context::default();
    let screen = Rect::from_min_size(Pos2::ZERO, vec2(1280.0, 800.0));
    let mut time = 0.0;
    let mut frame = |events: Vec<Event>| -> Duration {
        time += 1.0 / 60.0;
        let input = RawInput {
            screen_rect: Some(screen),
            time: Some(time),
            predicted_dt: 1.0 / 60.0,
            events,
            ..RawInput::default()
        };
        let started = Instant::now();
        let mut output = ctx.run_ui(input, |ui| app.ui(ui));
        let shapes = std::mem::take(&mut output.shapes);
        let primitives = ctx.tessellate(shapes, output.pixels_per_point);
        let elapsed = started.elapsed();
        std::hint::black_box(primitives);
        output.textures_delta.clear();
        elapsed
    };
    let first_frame = frame(Vec::new());
    // Let the layout settle (panel sizes are known from the second frame).
    for _ in 0..3 {
        frame(Vec::new());
    }

    let map_centre = pos2(640.0, 300.0);
    let mut times = Vec::with_capacity(frames);
    let mut step = 0usize;
    while times.len() < frames {
        // 120-frame cycle: 60 frames dragging in a circle, 30 zooming in,
        // 30 zooming out.
        let phase = step % 120;
        let events = match phase {
            0 => vec![
                Event::PointerMoved(map_centre),
                Event::PointerButton {
                    pos: map_centre,
                    button: PointerButton::Primary,
                    pressed: true,
                    modifiers: Modifiers::NONE,
                },
            ],
            1..=58 => {
                let a = phase as f32 / 58.0 * std::f32::consts::TAU;
                vec![Event::PointerMoved(
                    map_centre + 180.0 * vec2(a.cos() - 1.0, a.sin()),
                )]
            }
            59 => vec![Event::PointerButton {
                pos: map_centre,
                button: PointerButton::Primary,
                pressed: false,
                modifiers: Modifiers::NONE,
            }],
            60..=89 => vec![
                Event::PointerMoved(map_centre),
                Event::MouseWheel {
                    unit: MouseWheelUnit::Point,
                    delta: vec2(0.0, 12.0),
                    phase: egui::TouchPhase::Move,
                    source: egui::MouseWheelSource::Unknown,
                    modifiers: Modifiers::NONE,
                },
            ],
            _ => vec![
                Event::PointerMoved(map_centre),
                Event::MouseWheel {
                    unit: MouseWheelUnit::Point,
                    delta: vec2(0.0, -12.0),
                    phase: egui::TouchPhase::Move,
                    source: egui::MouseWheelSource::Unknown,
                    modifiers: Modifiers::NONE,
                },
            ],
        };
        times.push(frame(events));
        step += 1;
    }

    // Filter changes as an analyst makes them, each timed from the change
    // to the end of the frame that shows it everywhere.
    let workspace = app
        .workspace()
        .context("the scratch database did not open")?;
    let some_actor = workspace
        .actors
        .iter()
        .find(|a| a.is_known())
        .map(|a| Perpetrator::Actor(a.id));
    let steps: Vec<Filter> = vec![
        Filter {
            nationalities: [Some(CountryCode::CN)].into(),
            ..Filter::default()
        },
        Filter {
            nationalities: [Some(CountryCode::CN)].into(),
            perpetrators: some_actor.into_iter().collect(),
            ..Filter::default()
        },
        Filter {
            nationalities: [Some(CountryCode::CN)].into(),
            perpetrators: some_actor.into_iter().collect(),
            min_confidence: Confidence::Likely,
            ..Filter::default()
        },
        Filter {
            text: "synthetic 12".into(),
            ..Filter::default()
        },
        Filter {
            date_from: Some(jiff::civil::date(2019, 1, 1)),
            date_to: Some(jiff::civil::date(2019, 12, 31)),
            ..Filter::default()
        },
        Filter::default(),
    ];
    let mut filter_changes = Vec::new();
    for filter in steps.iter().cycle().take(60) {
        let started = Instant::now();
        app.apply(crate::workspace::Command::SetFilter(Box::new(
            filter.clone(),
        )));
        let applied = started.elapsed();
        time += 1.0 / 60.0;
        let input = RawInput {
            screen_rect: Some(screen),
            time: Some(time),
            predicted_dt: 1.0 / 60.0,
            ..RawInput::default()
        };
        let mut output = ctx.run_ui(input, |ui| app.ui(ui));
        let shapes = std::mem::take(&mut output.shapes);
        std::hint::black_box(ctx.tessellate(shapes, output.pixels_per_point));
        output.textures_delta.clear();
        filter_changes.push(started.elapsed());
        if std::env::var_os("PANJ_BENCH_DEBUG").is_some() {
            eprintln!(
                "apply {:?} total {:?} matched {} without_date {}",
                applied,
                started.elapsed(),
                app.workspace().map_or(0, |w| w.incidents.len()),
                app.workspace().map_or(0, |w| w.facets.without_date.len())
            );
        }
    }
    Ok(MapBenchReport {
        incidents,
        insert,
        first_frame,
        frames: times,
        filter_changes,
    })
}

/// Times of one import benchmark.
#[derive(Debug, Clone)]
pub struct ImportBenchReport {
    pub rows: usize,
    pub file_bytes: usize,
    /// The sqlite3 shell's `.import` of the same file into a new table,
    /// when a `sqlite3` program is installed.
    pub sqlite_shell: Option<Duration>,
    /// Reading, mapping and previewing the file.
    pub preview: Duration,
    /// Writing it in one transaction, up to the commit: from then on the
    /// records are stored, on the map and filterable.
    pub commit: Duration,
    /// Indexing the records for full-text search, after the commit.
    pub text_index: Duration,
    /// Copying the write-ahead log into the database file, after that.
    pub checkpoint: Duration,
    /// GDAL's `ogr2ogr -f GPKG` of the same file with point geometry, when
    /// installed.
    pub ogr2ogr: Option<Duration>,
    /// SQLite alone writing the records panj imported into a new database
    /// of the same schema (`INSERT … SELECT`, up to the commit): the floor
    /// under any import's write into this schema.
    pub write_floor: Duration,
}

impl ImportBenchReport {
    pub fn panj(&self) -> Duration {
        self.preview + self.commit
    }

    pub fn summary(&self) -> String {
        let rate = |d: Duration| self.rows as f64 / d.as_secs_f64().max(1e-9);
        let mut text = format!(
            "ACLED CSV: {} rows, {:.1} MB\npanj import to a committed, filterable database: {:.2} s ({:.0} rows/s; read and preview {:.2} s, write {:.2} s)\nfull-text index complete {:.2} s after the commit; the log copied into the database file {:.2} s after that",
            self.rows,
            self.file_bytes as f64 / 1e6,
            self.panj().as_secs_f64(),
            rate(self.panj()),
            self.preview.as_secs_f64(),
            self.commit.as_secs_f64(),
            self.text_index.as_secs_f64(),
            self.checkpoint.as_secs_f64(),
        );
        for (tool, short, missing, time) in [
            (
                "sqlite3 shell .import",
                "sqlite3 .import",
                "sqlite3 shell: not installed",
                self.sqlite_shell,
            ),
            (
                "ogr2ogr -f GPKG (point geometry)",
                "ogr2ogr",
                "ogr2ogr: not installed (gdal-bin)",
                self.ogr2ogr,
            ),
        ] {
            match time {
                Some(time) => text.push_str(&format!(
                    "\n{tool}: {:.2} s ({:.0} rows/s)\npanj's speed relative to {short}: {:.2}×",
                    time.as_secs_f64(),
                    rate(time),
                    time.as_secs_f64() / self.panj().as_secs_f64().max(1e-9)
                )),
                None => text.push_str(&format!("\n{missing}, no comparison")),
            }
        }
        let floor = self.write_floor.as_secs_f64().max(1e-9);
        text.push_str(&format!(
            "\nSQLite alone writing the same records into panj's schema (INSERT … SELECT from the imported database; nothing read, mapped or checked): {floor:.2} s"
        ));
        let allowed: Vec<String> = [
            (self.sqlite_shell, "sqlite3 .import"),
            (self.ogr2ogr, "ogr2ogr"),
        ]
        .into_iter()
        .filter_map(|(time, tool)| {
            time.map(|time| format!("{:.2}× {tool}", time.as_secs_f64() / floor))
        })
        .collect();
        if !allowed.is_empty() {
            text.push_str(&format!(
                "\nthe most an import into this schema could reach: {}",
                allowed.join(", ")
            ));
        }
        text
    }
}

/// Runs the import benchmark: a synthetic ACLED export of `rows` rows
/// imported by panj (into a new database holding the seed) and by the
/// sqlite3 shell's `.import` (into a new, empty one), one after the other.
pub fn import(rows: usize) -> Result<ImportBenchReport> {
    use crate::exchange::import::{self, ImportOptions};
    let dir = std::env::temp_dir().join(format!("panj-bench-import-{}", std::process::id()));
    std::fs::create_dir_all(&dir).context("cannot make a scratch folder")?;
    let _cleanup = ScratchDir(dir.clone());
    let file = dir.join("acled.csv");
    let bytes = synthetic::acled_csv(rows, 20251126);
    std::fs::write(&file, &bytes).context("cannot write the benchmark's CSV")?;

    let sqlite_db = dir.join("shell.db");
    settle(&dir);
    let started = Instant::now();
    let shell = std::process::Command::new("sqlite3")
        .arg("-csv")
        .arg(&sqlite_db)
        .arg(format!(".import '{}' acled", file.display()))
        .output();
    let sqlite_shell = match shell {
        Ok(out) if out.status.success() => Some(started.elapsed()),
        _ => None,
    };
    // What a QGIS user would run: the CSV to a GeoPackage layer with
    // points from the coordinate columns.
    settle(&dir);
    let started = Instant::now();
    let ogr = std::process::Command::new("ogr2ogr")
        .args(["-f", "GPKG"])
        .arg(dir.join("ogr.gpkg"))
        .arg(&file)
        .args([
            "-oo",
            "X_POSSIBLE_NAMES=longitude",
            "-oo",
            "Y_POSSIBLE_NAMES=latitude",
            "-a_srs",
            "EPSG:4326",
        ])
        .output();
    let ogr2ogr = match ogr {
        Ok(out) if out.status.success() => Some(started.elapsed()),
        _ => None,
    };

    let mut store =
        Store::open(&dir.join("panj.db")).context("cannot create the scratch database")?;
    crate::exchange::seed::seed(&mut store)?;
    let options = ImportOptions {
        create_actors: true,
        ..ImportOptions::default()
    };
    settle(&dir);
    let started = Instant::now();
    let preview = import::preview(&file, &store, options.clone())?;
    let preview_time = started.elapsed();
    let started = Instant::now();
    let summary = import::commit(
        &preview,
        &mut store,
        options,
        &Default::default(),
        |_, _| true,
    )?;
    let commit = started.elapsed();
    let started = Instant::now();
    store.complete_text_index(&mut |_, _| {})?;
    let text_index = started.elapsed();
    let started = Instant::now();
    store.checkpoint()?;
    let checkpoint = started.elapsed();
    drop(store);
    settle(&dir);
    let write_floor = Store::open(&dir.join("floor.db"))
        .and_then(|mut floor| floor.time_bare_copy(&dir.join("panj.db")))
        .context("cannot copy the imported records for the floor")?;
    anyhow::ensure!(
        summary.inserted == rows,
        "the benchmark imported {} of {rows} rows",
        summary.inserted
    );
    Ok(ImportBenchReport {
        rows,
        file_bytes: bytes.len(),
        sqlite_shell,
        preview: preview_time,
        commit,
        text_index,
        checkpoint,
        ogr2ogr,
        write_floor,
    })
}

/// Gets every file in `dir` onto the disk, so that each timed step starts
/// with no earlier step's writes still to flush (which would slow its own).
fn settle(dir: &std::path::Path) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        if let Ok(file) = std::fs::File::open(entry.path()) {
            let _ = file.sync_all();
        }
    }
}

/// A scratch folder removed when dropped.
struct ScratchDir(PathBuf);

impl Drop for ScratchDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// One row of the scale benchmark's table.
#[derive(Debug, Clone)]
pub struct ScaleRow {
    pub what: String,
    pub result: String,
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// The resident memory of this process, from /proc (Linux only).
fn resident_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Opens `db` as the window does, loads it and draws the first frame;
/// says how long that took and the resident memory then, a line each
/// ("what<TAB>result"). Run in a process of its own by [`scale`].
pub fn startup_of(db: &std::path::Path) -> Result<String> {
    let started = Instant::now();
    let store = Store::open(db)?;
    let mut app = Headless::loading(store);
    let ctx = egui::Context::default();
    let input = || RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(1280.0, 800.0))),
        ..RawInput::default()
    };
    let frame = |app: &mut Headless| {
        let output = ctx.run_ui(input(), |ui| app.ui(ui));
        std::hint::black_box(ctx.tessellate(output.shapes, output.pixels_per_point));
    };
    frame(&mut app);
    let first_frame = started.elapsed();
    while app.is_loading() {
        std::thread::sleep(Duration::from_millis(5));
        frame(&mut app);
    }
    anyhow::ensure!(app.workspace().is_some(), "the database did not load");
    // A large map is made on a worker (the block's drawn meanwhile).
    while !app.map_in_step() && started.elapsed() < Duration::from_secs(600) {
        std::thread::sleep(Duration::from_millis(5));
        frame(&mut app);
    }
    let loaded = started.elapsed();
    let mut said = format!(
        "start-up: open, first frame (the window answers)\t{:.2} s\n\
         start-up: every incident on the map (from the map block)\t{}\n\
         start-up: every record loaded and drawn (table, search, details)\t{:.2} s\n",
        first_frame.as_secs_f64(),
        app.map_before_records()
            .map_or("no map block yet".to_string(), |(t, _)| format!(
                "{:.2} s",
                t.as_secs_f64()
            )),
        loaded.as_secs_f64()
    );
    if let Some(t) = app.workspace().map(|w| w.load_timings()) {
        said.push_str(&format!(
            "of which: read records / index, leading actors, map points / first filter\t{} / {} ({}) / {}\n",
            ms(t.read),
            ms(t.derived),
            if t.index_from_block {
                "from the map block"
            } else {
                "from the records"
            },
            ms(t.filtered)
        ));
    }
    let freeing = Instant::now();
    app.wait_until_records_freed();
    if let Some(mb) = resident_mb() {
        said.push_str(&format!(
            "resident memory after start-up, once the records read were freed (on a background thread, {} after)\t{mb:.0} MB\n",
            ms(freeing.elapsed())
        ));
    }
    // A filter change as the analyst meets it: the command, then the
    // frame that shows it (table order, map groups, timeline, legend);
    // then a frame at rest with that filter.
    let changes = [
        (
            "victims CN",
            Filter {
                nationalities: [Some(CountryCode::CN)].into(),
                ..Filter::default()
            },
        ),
        ("everything", Filter::default()),
    ];
    for (name, filter) in changes {
        let started = Instant::now();
        app.apply(crate::workspace::Command::SetFilter(Box::new(filter)));
        let command = started.elapsed();
        frame(&mut app);
        let changed = started.elapsed();
        // A large filter is applied, and its map and timeline made, on
        // workers, the last ones drawn meanwhile: frames go on until all
        // are there, the longest of them noted (no frame may wait).
        let mut frames = 0;
        let mut longest = changed - command;
        while !app.map_in_step() && frames < 10_000 {
            std::thread::sleep(Duration::from_millis(1));
            let began = Instant::now();
            let filtering = app.workspace().is_some_and(|w| w.is_filtering());
            frame(&mut app);
            longest = longest.max(began.elapsed());
            frames += 1;
            if std::env::var_os("PANJ_BENCH_DEBUG").is_some() {
                eprintln!(
                    "frame {frames}: {} (filtering before: {filtering}, in step after: {})",
                    ms(began.elapsed()),
                    app.map_in_step()
                );
            }
        }
        let in_step = started.elapsed();
        let started = Instant::now();
        frame(&mut app);
        said.push_str(&format!(
            "filter change to {name}: command + the frame after it; the longest frame until all is in step; all in step (facets, table, map, timeline) after; a frame at rest\t{} + {}; {}; {}; {}\n",
            ms(command),
            ms(changed - command),
            ms(longest),
            if frames == 0 {
                "at once".to_string()
            } else {
                format!("{} ({frames} frames later)", ms(in_step))
            },
            ms(started.elapsed())
        ));
    }
    Ok(said)
}

/// The scale benchmark: `count` synthetic incidents stored (bulk path),
/// then start-up to the first frame, memory, filter + facets against the
/// same filter in SQL, a full-text query both ways, and map grouping at
/// three zooms.
pub fn scale(count: usize) -> Result<Vec<ScaleRow>> {
    use crate::filter::facets::FacetCounts;
    let scratch =
        Scratch(std::env::temp_dir().join(format!("panj-bench-scale-{}.db", std::process::id())));
    let mut rows = Vec::new();
    {
        let mut store = Store::open(&scratch.0).context("cannot create the scratch database")?;
        crate::exchange::seed::seed(&mut store)?;
        let actors = store.actor_directory()?;
        let records = synthetic::incidents(count, 20251126, &actors);
        let started = Instant::now();
        store.write("insert synthetic incidents", |w| {
            w.bulk(|w| {
                for incident in &records {
                    w.insert_imported(incident, None)?;
                }
                Ok(())
            })
        })?;
        let insert = started.elapsed();
        // As an import does before it ends: otherwise the first save
        // below would index every record first.
        store.complete_text_index(&mut |_, _| {})?;
        store.checkpoint()?;
        rows.push(ScaleRow {
            what: format!("store {count} incidents (bulk path, one transaction)"),
            result: format!(
                "{:.1} s ({:.0} /s)",
                insert.as_secs_f64(),
                count as f64 / insert.as_secs_f64().max(1e-9)
            ),
        });
    }
    // Start-up in a fresh process, as an analyst meets it: its time to
    // the first frame and its resident memory then.
    // Twice: the first start finds no map block and writes one after
    // reading the records; the second draws the map from it.
    if let Ok(exe) = std::env::current_exe() {
        for start in ["first", "second"] {
            let out = std::process::Command::new(&exe)
                .arg("bench")
                .arg("--startup-of")
                .arg(&scratch.0)
                .output()
                .context("cannot run the start-up measurement")?;
            let said = String::from_utf8_lossy(&out.stdout).to_string();
            for line in said.lines() {
                if let Some((what, result)) = line.split_once('\t') {
                    let what = match start {
                        "first" if what.starts_with("start-up: every record") => {
                            format!("{what}, first start (no map block yet, written after)")
                        }
                        "first" => continue,
                        _ => what.to_string(),
                    };
                    rows.push(ScaleRow {
                        what,
                        result: result.into(),
                    });
                }
            }
        }
    }
    let store = Store::open(&scratch.0)?;
    let mut app = Headless::loaded(store);

    // A save: the record written, then the loaded workspace brought in
    // step (index row, search text, map point, filter and facets).
    let workspace = app
        .workspace()
        .context("the scratch database did not open")?;
    let middle = workspace
        .all_incidents()
        .get(count / 2)
        .context("the scratch database is empty")?;
    let mut edited = workspace
        .store()
        .incident(middle.id)?
        .context("the record is gone")?;
    edited.title.push_str(" (edited)");
    let started = Instant::now();
    app.apply(crate::workspace::Command::SaveIncident(Box::new(
        crate::workspace::Saving {
            is_new: false,
            incident: edited,
            new_actors: Vec::new(),
            new_sources: Vec::new(),
        },
    )));
    rows.push(ScaleRow {
        what: "save an edit, with the window brought in step".into(),
        result: ms(started.elapsed()),
    });
    let workspace = app
        .workspace()
        .context("the scratch database did not open")?;
    let some_actor = workspace
        .actors
        .iter()
        .find(|a| a.is_known())
        .map(|a| Perpetrator::Actor(a.id));
    let filters: Vec<(&str, Filter)> = vec![
        (
            "victims CN",
            Filter {
                nationalities: [Some(CountryCode::CN)].into(),
                ..Filter::default()
            },
        ),
        (
            "perpetrator + confidence ≥ likely",
            Filter {
                perpetrators: some_actor.into_iter().collect(),
                min_confidence: Confidence::Likely,
                ..Filter::default()
            },
        ),
        (
            "one year",
            Filter {
                date_from: Some(jiff::civil::date(2019, 1, 1)),
                date_to: Some(jiff::civil::date(2019, 12, 31)),
                ..Filter::default()
            },
        ),
        ("everything", Filter::default()),
    ];
    for (name, filter) in &filters {
        let started = Instant::now();
        let counts = FacetCounts::compute_indexed(filter, workspace.index(), None);
        let in_memory = started.elapsed();
        let started = Instant::now();
        let ids = workspace.store().query_ids(filter)?;
        let sql = started.elapsed();
        anyhow::ensure!(
            ids.len() == counts.matched.len(),
            "the index and SQL disagree on '{name}'"
        );
        rows.push(ScaleRow {
            what: format!("filter + facet counts, {name} ({} match)", ids.len()),
            result: format!(
                "in memory {}; plain SQL ids alone {}",
                ms(in_memory),
                ms(sql)
            ),
        });
    }
    // A paragraph pasted into the search field: a thousand words, every
    // one a separate rule. Searched as its distinct, unimplied words, at
    // most MAX_SEARCH_WORDS of them (issue 13: it grew with the square).
    let pasted: String = (0..1000)
        .map(|n| format!("synthetic incident {} ", n % 40))
        .collect();
    for (name, text) in [
        ("'synthetic 12'", "synthetic 12".to_string()),
        ("of a pasted 3000-word paragraph", pasted),
    ] {
        let filter = Filter {
            text,
            ..Filter::default()
        };
        // As the window does it: the rows from the full-text index, then
        // the packed index for the rest of the filter and the counts.
        let started = Instant::now();
        let text = workspace.text_matches(&filter.text)?;
        let counts = FacetCounts::compute_indexed(&filter, workspace.index(), Some(&text));
        let window = started.elapsed();
        let started = Instant::now();
        let found = workspace.store().count(&filter)?;
        let sql = started.elapsed();
        anyhow::ensure!(
            found == counts.matched.len() as u64,
            "the window and SQL disagree on the text search {name}"
        );
        rows.push(ScaleRow {
            what: format!("text search {name} ({found} match)"),
            result: format!(
                "the window (full-text index, then the packed index and counts) {}; SQLite FTS5 count alone {}",
                ms(window),
                ms(sql)
            ),
        });
    }

    // The form's warning while a record is typed in, at the place and
    // date of a stored one: looked for when the place or date changes.
    let third = workspace.all_incidents().len() / 3;
    if let Some(like) = workspace.kept_id(third) {
        let like = workspace
            .store()
            .incident(like)?
            .context("the record is gone")?;
        let started = Instant::now();
        let found = workspace.index().possible_duplicates(
            (like.location.lon, like.location.lat, None),
            crate::model::day_number(like.date.start),
            crate::model::day_number(like.date.end),
        );
        rows.push(ScaleRow {
            what: format!(
                "the form's possible duplicates of a record typed in ({} found)",
                found.len()
            ),
            result: format!(
                "{} (from the packed index, once per change of place or date)",
                ms(started.elapsed())
            ),
        });
    }
    let rows_of = || (0..workspace.all_incidents().len()).filter_map(|at| workspace.row(at));
    let worlds: Vec<_> = rows_of()
        .map(|i| {
            let (lon, lat) = i.point();
            crate::map::projection::world(lon, lat)
        })
        .collect();
    let radii: Vec<f32> = rows_of()
        .map(|i| crate::map::incidents::marker_radius(i.killed()))
        .collect();
    for zoom in [5.0, 7.0, 9.0] {
        let started = Instant::now();
        let groups = crate::map::incidents::group(&worlds, &radii, zoom);
        rows.push(ScaleRow {
            what: format!("map grouping of all incidents at zoom {zoom}"),
            result: format!(
                "{} ({} groups; done off the UI thread)",
                ms(started.elapsed()),
                groups.len()
            ),
        });
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_import_benchmark_reports_the_schemas_floor() {
        let report = import(300).unwrap();
        assert_eq!(report.rows, 300);
        assert!(report.write_floor > Duration::ZERO);
        let summary = report.summary();
        assert!(
            summary.contains("SQLite alone writing the same records into panj's schema"),
            "{summary}"
        );
    }

    /// Without a server: the bundle steps, each carrying what it should.
    #[test]
    fn the_team_benchmark_times_bundles_of_the_same_file() {
        let report = team(60, None).unwrap();
        let carried: Vec<u64> = report.steps.iter().map(|s| s.versions).collect();
        // A full bundle (the seed's 3 versions too), read as new, read as
        // known, a 7-version reply and its reading.
        assert_eq!(carried, [63, 60, 0, 7, 7], "{}", report.summary());
        assert!(report.steps[3].bytes.is_some_and(|b| b < 20_000));
    }
}
