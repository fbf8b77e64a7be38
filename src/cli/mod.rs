//! The command line: `panj` opens the window; subcommands list, show and
//! check incidents without it.

pub use crate::workspace::opening::{WRITE_WAIT, say, say_waiting};
pub use crate::workspace::{
    Passphrases, daily_backup_in_background, database_path, default_db_path, open_database,
};

use crate::exchange::seed;
use crate::filter::{ActorDirectory, BBox, DateMode, Filter, Perpetrator, attribution_label};
use crate::model::{Confidence, CountryCode, EventType, Incident, Side, VictimRole};
use crate::store::Store;
use anyhow::{Context, Result, anyhow, bail};
use clap::{Args, Parser, Subcommand};
use jiff::civil::Date;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "panj",
    version = crate::build_info::VERSION_LINE,
    about = "Record and explore violent incidents along the Tajik-Afghan border"
)]
pub struct Cli {
    /// The database file [default: panj.db in the platform data directory]
    #[arg(long, env = "PANJ_DB", global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// The analyst name this command's changes are signed with [default:
    /// the name kept in the database]
    #[arg(long = "as", env = "PANJ_AS", global = true, value_name = "NAME")]
    pub as_name: Option<String>,

    /// Read the passphrase of an encrypted database from the first line of
    /// standard input (for `rekey`, the new one from the second line)
    /// instead of asking on the terminal; PANJ_PASSPHRASE_FILE names a
    /// file to read it from instead
    #[arg(long, global = true)]
    pub passphrase_stdin: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum BundleCommand {
    /// Write the versions into a new bundle file (an old bundle of that
    /// name is replaced; any other file is not)
    Write {
        out: PathBuf,
        /// Only the versions that this database or bundle lacks
        #[arg(long = "for", value_name = "DB_OR_BUNDLE")]
        for_other: Option<PathBuf>,
    },
    /// Read a bundle: add the versions this database lacks and merge them
    Read { bundle: PathBuf },
}

#[derive(Debug, Subcommand)]
pub enum ServerCommand {
    /// Make the panj schema (tables, and the QGIS layer
    /// panj.incidents_current) on a PostgreSQL database; safe to run again
    Init {
        /// postgresql://USER@HOST:PORT/DATABASE (add ?sslmode=require for TLS)
        url: String,
    },
    /// List the versions on the server that no database can take in
    /// (every sync sets them aside), with who pushed them and when
    Check {
        /// postgresql://USER@HOST:PORT/DATABASE
        url: String,
    },
    /// Take a version that cannot be taken in off the server (its owner
    /// only; it is kept in panj.retracted)
    Retract {
        /// postgresql://USER@HOST:PORT/DATABASE
        url: String,
        /// The version's id, as `panj server check` lists it
        id: uuid::Uuid,
    },
}

/// Whose values `panj resolve` keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Keep {
    /// The version this database shows
    Mine,
    /// The other version
    Theirs,
}

#[derive(Debug, Args)]
pub struct EditArgs {
    /// Its id, or the short id that `list` prints
    pub id: String,
    #[arg(long)]
    pub title: Option<String>,
    #[arg(long)]
    pub summary: Option<String>,
    #[arg(long)]
    pub notes: Option<String>,
    /// Add a tag (may be given more than once)
    #[arg(long = "add-tag", value_name = "TAG")]
    pub add_tags: Vec<String>,
    /// Remove a tag (may be given more than once)
    #[arg(long = "remove-tag", value_name = "TAG")]
    pub remove_tags: Vec<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the incidents that match a filter
    List(Box<ListArgs>),
    /// Show one incident in full (its id, or the short id that `list` prints)
    Show {
        id: String,
        /// Print the record as JSON
        #[arg(long)]
        json: bool,
        /// Print the header row and the record's row exactly as the
        /// imported file held them (CSV imports)
        #[arg(long, conflicts_with = "json")]
        original: bool,
    },
    /// Check the database: integrity, foreign keys, full-text index, schema, counts
    Check {
        /// Print the report as JSON
        #[arg(long)]
        json: bool,
        /// Instead, say whether the records imported from FILE (an ACLED or
        /// UCDP file) are all stored and add up to its fatality total
        #[arg(long, value_name = "FILE")]
        source: Option<PathBuf>,
        /// The file's format, when its columns do not show it (with --source)
        #[arg(long, value_enum, requires = "source")]
        format: Option<crate::exchange::import::Format>,
    },
    /// Add the built-in seed incidents, actors and sources that are missing
    Seed,
    /// Write a consistent copy of the database (safe while panj runs): to
    /// TARGET, or into the backups folder beside the database
    Backup {
        /// The copy to write; must not exist yet
        target: Option<PathBuf>,
    },
    /// List the automatic and manual backups beside the database
    Backups,
    /// Replace the database's contents with a backup (checked first; the
    /// database as it was is kept as one more backup). Works on a damaged
    /// database too, which is set aside in the backups folder unread
    Restore {
        /// The backup to bring back
        backup: PathBuf,
    },
    /// Copy what can still be read of a damaged database into a new file,
    /// with a count of what was saved; the damaged file is only read
    Recover {
        /// The new file [default: NAME-recovered-TIME.db beside the database]
        out: Option<PathBuf>,
    },
    /// Encrypt the database and its backups with a passphrase (asked
    /// twice on the terminal): a new file is written, checked and put in
    /// place; a lost passphrase cannot be recovered
    Encrypt {
        /// Keep the plain file as it was beside the database
        #[arg(long)]
        keep_old: bool,
    },
    /// Turn an encrypted database and its backups back into plain files
    Decrypt {
        /// Keep the encrypted file as it was beside the database
        #[arg(long)]
        keep_old: bool,
    },
    /// Change the passphrase of an encrypted database and its backups
    Rekey {
        /// Keep the file under the old passphrase beside the database
        #[arg(long)]
        keep_old: bool,
    },
    /// List the known actors and their aliases
    Actors,
    /// Change fields of one incident: a new version, as a save in the
    /// window makes
    Edit(EditArgs),
    /// Move one incident to the trash
    Delete {
        /// Its id, or the short id that `list` prints
        id: String,
    },
    /// Team work without a server: write this database's versions into a
    /// bundle file, or read one in
    #[command(subcommand)]
    Bundle(BundleCommand),
    /// Team server on PostgreSQL (+ PostGIS): set one up
    #[command(subcommand)]
    Server(ServerCommand),
    /// Sync with the team server: receive the versions this database
    /// lacks and merge them, then send the ones the server lacks. The
    /// password comes from the URL, PGPASSWORD or ~/.pgpass
    Sync {
        /// postgresql://USER@HOST:PORT/DATABASE [default: the server of the last sync]
        url: Option<String>,
        /// Print what was done as JSON
        #[arg(long)]
        json: bool,
    },
    /// Propose incident drafts from a news report or communiqué (English or
    /// Russian): what happened, when, where, who died, who is blamed by
    /// whom, each with the words it came from. Stores nothing
    Extract {
        /// The text file, or - for standard input (with --evaluate: a
        /// folder of annotated reports)
        file: PathBuf,
        /// Score the extractor on a folder of annotated reports (NAME.txt
        /// beside NAME.json) per field and language, and list the misses
        #[arg(long, conflicts_with = "published")]
        evaluate: bool,
        /// The report's publication date (YYYY-MM-DD), which relative
        /// dates count from [default: its date line, else today]
        #[arg(long, value_name = "DATE")]
        published: Option<Date>,
        /// Print the drafts as JSON: the shape of `show --json` with an
        /// `evidence` list of field, words and reading
        #[arg(long)]
        json: bool,
    },
    /// List the incidents whose versions conflict, field by field
    Conflicts {
        /// Print them as JSON
        #[arg(long)]
        json: bool,
    },
    /// Resolve a conflict by keeping this database's version or the other
    /// one for every conflicting field (a merge version joins them)
    Resolve {
        /// The incident's id, or the short id that `list` prints
        id: String,
        /// Whose values to keep for the conflicting fields
        #[arg(long, value_enum)]
        keep: Keep,
    },
    /// Import a data set (ACLED CSV, UCDP GED CSV or GeoJSON, or a panj
    /// export): shows what it will do, then writes it all in one
    /// transaction, or nothing
    Import(ImportArgs),
    /// Write the incidents that match a filter to a file (CSV for
    /// spreadsheets, GeoJSON or GeoPackage for QGIS), with a manifest
    /// beside it
    Export(Box<ExportArgs>),
    /// Write a briefing of the incidents that match a filter: key figures
    /// ("at least N killed" where sources give minimums), the map with an
    /// inset of the whole border, a timeline, the incidents with their
    /// claims, the sources with their grades, caveats from the data, and a
    /// manifest to make it again
    Report(Box<ReportArgs>),
    /// Fill a separate demo database with synthetic incidents (tagged
    /// "demo", titled "Synthetic incident N"); refuses any database that
    /// holds real records
    Demo {
        /// How many incidents to make
        #[arg(long, default_value_t = 10_000)]
        count: usize,
        /// Seed of the generator: the same seed gives the same incidents
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// (for packagers) Write the man pages and the bash, zsh and fish
    /// completions into a folder
    #[command(hide = true)]
    GenerateDocs {
        /// The folder to write into (made if missing)
        out: PathBuf,
    },
    /// Measure speed with synthetic data in a scratch database, never yours:
    /// map frames and filter changes, or an import (--import), or start-up,
    /// memory, filters against SQL and map grouping (--scale)
    Bench {
        /// How many incidents to load
        #[arg(long, default_value_t = 100_000)]
        incidents: usize,
        /// Time an import of this many synthetic ACLED rows instead,
        /// against the sqlite3 shell's .import of the same file
        #[arg(long, value_name = "ROWS")]
        import: Option<usize>,
        /// Measure start-up, memory, filters against SQL, text search and
        /// map grouping with this many incidents instead
        #[arg(long, value_name = "INCIDENTS")]
        scale: Option<usize>,
        /// (internal) the start-up measurement of --scale, in its own process
        #[arg(long, hide = true)]
        startup_of: Option<PathBuf>,
        /// Time team work instead: bundles and (with --server) syncs over
        /// this many imported records
        #[arg(long, value_name = "RECORDS")]
        team: Option<usize>,
        /// With --team: an empty PostgreSQL database to sync through
        /// (postgresql://USER@HOST:PORT/DATABASE)
        #[arg(long, value_name = "URL", requires = "team")]
        server: Option<String>,
        /// Time a bundle of one record edited this many times instead:
        /// written, then read into a database new to it
        #[arg(long, value_name = "VERSIONS")]
        chain: Option<usize>,
        /// How many frames of scripted panning and zooming to time
        #[arg(long, default_value_t = 600)]
        frames: usize,
    },
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    /// The file's format
    #[arg(long, value_enum)]
    pub format: crate::exchange::export::ExportFormat,
    /// The file to write (a manifest is written beside it as OUT.manifest.json)
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    /// The report's format [default: from OUT's extension, else html]
    #[arg(long, value_enum)]
    pub format: Option<crate::report::ReportFormat>,
    /// The title at the top
    #[arg(long, default_value = "Incidents along the Tajik–Afghan border")]
    pub title: String,
    /// Who wrote it
    #[arg(long, default_value = "")]
    pub author: String,
    /// The line at the top and bottom of every page ("" for none)
    #[arg(long, default_value = "For internal use")]
    pub classification: String,
    /// The paper it is laid out for when printed
    #[arg(long, value_enum, default_value = "a4")]
    pub paper: crate::report::Paper,
    /// The file to write (a manifest is written beside it as OUT.manifest.json)
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The file to import
    pub file: PathBuf,
    /// The file's format (found from its header row when not given)
    #[arg(long, value_enum)]
    pub format: Option<crate::exchange::import::Format>,
    /// Import the good rows and list the bad ones (else nothing is imported)
    #[arg(long)]
    pub skip_bad_rows: bool,
    /// Leave out rows outside the Tajik-Afghan border region
    #[arg(long)]
    pub region_only: bool,
    /// Create the actors the database does not know yet
    #[arg(long)]
    pub create_actors: bool,
    /// Leave out new rows within 10 km and 3 days of an incident stored
    /// from another source [default: import them, noted and tagged
    /// possible-duplicate]
    #[arg(long)]
    pub skip_duplicates: bool,
    /// Take a name in the file to be a known actor ("NAME=ACTOR", ACTOR a
    /// name or alias); the name becomes that actor's alias. Repeatable
    #[arg(long, value_name = "NAME=ACTOR")]
    pub map_actor: Vec<String>,
    /// What to do with the possible duplicate on one line of the file:
    /// link (noted and tagged, the default), skip, or import (as it is:
    /// another incident). Repeatable
    #[arg(long, value_name = "LINE=link|skip|import")]
    pub duplicate: Vec<String>,
    /// Show what the import would do and write nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Print the records as JSON
    #[arg(long)]
    pub json: bool,
}

/// A day on the command line: Gregorian (YYYY-MM-DD), or Solar Hijri when
/// marked ("1404-09-05 SH"). An unmarked year of the Solar Hijri era
/// (1300–1499) is refused with the Gregorian day it would be, not taken
/// as a day six centuries ago.
fn gregorian_day(text: &str) -> std::result::Result<Date, String> {
    use crate::model::calendar;
    if let Some(solar) = calendar::parse(text) {
        return solar
            .to_gregorian()
            .ok_or_else(|| format!("'{text}' is not a day of the Solar Hijri calendar"));
    }
    let date: Date = text
        .trim()
        .parse()
        .map_err(|e| format!("'{text}' is not a date (YYYY-MM-DD): {e}"))?;
    if (1300..1500).contains(&date.year()) {
        let solar = calendar::SolarHijri {
            year: i32::from(date.year()),
            month: date.month().unsigned_abs(),
            day: date.day().unsigned_abs(),
        };
        if let Some(gregorian) = solar.to_gregorian() {
            return Err(format!(
                "'{text}' looks like a Solar Hijri date (the year {}): it is {gregorian} in the Gregorian calendar panj uses. Give {gregorian}, or mark it as Solar Hijri: '{text} SH'",
                date.year()
            ));
        }
    }
    Ok(date)
}

/// The filter flags, shared by every command that selects incidents.
#[derive(Debug, Args, Default)]
#[command(group(clap::ArgGroup::new("dates").args(["from", "to"]).multiple(true)))]
pub struct FilterArgs {
    /// Incidents on or after this date (YYYY-MM-DD, or a Solar Hijri day
    /// marked SH: "1404-09-05 SH")
    #[arg(long, value_name = "DATE", value_parser = gregorian_day)]
    pub from: Option<Date>,
    /// Incidents on or before this date (YYYY-MM-DD, or "1404-09-05 SH")
    #[arg(long, value_name = "DATE", value_parser = gregorian_day)]
    pub to: Option<Date>,
    /// Match only incidents whose whole date interval lies inside --from/--to
    #[arg(long, requires = "dates")]
    pub within: bool,
    /// Actor name or alias, or "unattributed" (repeatable: any of them)
    #[arg(long, value_name = "ACTOR")]
    pub perpetrator: Vec<String>,
    /// Least confidence a claim needs: unknown, possible, likely, confirmed
    #[arg(
        long,
        value_name = "LEVEL",
        default_value = "unknown",
        requires = "perpetrator"
    )]
    pub min_confidence: Confidence,
    /// Victim nationality, ISO code like CN, or "unknown" (repeatable)
    #[arg(long, value_name = "CODE")]
    pub nationality: Vec<String>,
    /// Victim role: civilian, worker, security_forces, militant, other, unknown (repeatable)
    #[arg(long, value_name = "ROLE")]
    pub role: Vec<VictimRole>,
    /// Count victims only if killed, not only wounded
    #[arg(long)]
    pub killed_only: bool,
    /// Event type, e.g. armed_clash, drone_air_strike (repeatable)
    #[arg(long = "type", value_name = "TYPE")]
    pub event_type: Vec<EventType>,
    /// Side of the border: tj, af, border, unknown (repeatable)
    #[arg(long, value_name = "SIDE")]
    pub side: Vec<Side>,
    /// Province or region (admin1), e.g. Khatlon (repeatable)
    #[arg(long, value_name = "NAME")]
    pub province: Vec<String>,
    /// At least this many killed
    #[arg(long, value_name = "N")]
    pub min_fatalities: Option<u64>,
    /// Words that must appear in the title, summary, notes or place names
    #[arg(long, value_name = "WORDS")]
    pub text: Option<String>,
    /// Map rectangle: min_lon,min_lat,max_lon,max_lat
    #[arg(long, value_name = "W,S,E,N")]
    pub bbox: Option<String>,
    /// Within this many km of the Tajik-Afghan border, either side
    #[arg(long, value_name = "KM")]
    pub near_border: Option<f64>,
    /// Show deleted incidents (the trash) instead of live ones
    #[arg(long)]
    pub deleted: bool,
}

impl FilterArgs {
    /// The filter these flags ask for, with actor names resolved by `actors`.
    pub fn to_filter(&self, actors: &ActorDirectory) -> Result<Filter> {
        let mut filter = Filter {
            date_from: self.from,
            date_to: self.to,
            date_mode: if self.within {
                DateMode::Within
            } else {
                DateMode::Overlaps
            },
            min_confidence: self.min_confidence,
            killed_only: self.killed_only,
            victim_roles: self.role.iter().copied().collect(),
            event_types: self.event_type.iter().copied().collect(),
            sides: self.side.iter().copied().collect(),
            provinces: self.province.iter().cloned().collect(),
            min_fatalities: self.min_fatalities,
            text: self.text.clone().unwrap_or_default(),
            trash: self.deleted,
            ..Filter::default()
        };
        if let (Some(from), Some(to)) = (self.from, self.to)
            && to < from
        {
            bail!("--to {to} is before --from {from}");
        }
        for name in &self.perpetrator {
            let choice = if name.eq_ignore_ascii_case("unattributed") {
                Perpetrator::Unattributed
            } else {
                let actor = actors.resolve(name).ok_or_else(|| {
                    let mut known: Vec<_> = actors.iter().map(|a| a.name.as_str()).collect();
                    known.sort_unstable();
                    anyhow!(
                        "--perpetrator: no actor is named or aliased '{name}'; known actors: {}, or 'unattributed' \
                         (`panj actors` lists aliases)",
                        known.join(", ")
                    )
                })?;
                Perpetrator::Actor(actor.id)
            };
            filter.perpetrators.insert(choice);
        }
        for code in &self.nationality {
            let nationality = if code.eq_ignore_ascii_case("unknown") {
                None
            } else {
                let parsed =
                    CountryCode::parse(code).with_context(|| format!("--nationality {code}"))?;
                if !parsed.is_assigned() {
                    bail!(
                        "--nationality {code}: no country has the ISO 3166-1 code {parsed}; \
                         use a code like TJ, AF or CN, or 'unknown'"
                    );
                }
                Some(parsed)
            };
            filter.nationalities.insert(nationality);
        }
        if let Some(text) = &self.text {
            let mut words = crate::filter::search_words(text);
            words.sort_unstable();
            words.dedup();
            if words.is_empty() {
                bail!(
                    "--text '{}' has no word to search for (panj searches for words, not signs or patterns); give one or more words",
                    printable(text, false)
                );
            }
            if words.len() > crate::filter::MAX_SEARCH_WORDS {
                bail!(
                    "--text has {} different words; panj searches for at most {} (every word must appear)",
                    words.len(),
                    crate::filter::MAX_SEARCH_WORDS
                );
            }
        }
        if let Some(bbox) = &self.bbox {
            filter.bbox = Some(parse_bbox(bbox)?);
        }
        if let Some(km) = self.near_border {
            if !(km >= 0.0 && km.is_finite()) {
                bail!("--near-border {km}: expected a distance in km, 0 or more");
            }
            filter.max_border_km = Some(km);
        }
        Ok(filter)
    }
}

fn parse_bbox(text: &str) -> Result<BBox> {
    let numbers: Vec<f64> = text
        .split(',')
        .map(|n| n.trim().parse::<f64>())
        .collect::<Result<_, _>>()
        .with_context(|| {
            format!("--bbox '{text}': expected four numbers min_lon,min_lat,max_lon,max_lat")
        })?;
    let [min_lon, min_lat, max_lon, max_lat] = numbers[..] else {
        bail!("--bbox '{text}': expected four numbers min_lon,min_lat,max_lon,max_lat");
    };
    if !(min_lon <= max_lon && min_lat <= max_lat) {
        bail!("--bbox '{text}': the minimums must not exceed the maximums");
    }
    let in_world =
        |lon: f64, lat: f64| (-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat);
    if !(in_world(min_lon, min_lat) && in_world(max_lon, max_lat)) {
        bail!("--bbox '{text}': longitudes must lie within -180..180 and latitudes within -90..90");
    }
    Ok(BBox {
        min_lon,
        min_lat,
        max_lon,
        max_lat,
    })
}

/// Text from a record or a file made safe for a terminal: control
/// characters (escape sequences could clear the screen or retitle the
/// window) are written as `\u{1b}`; with `keep_newlines`, line breaks
/// and tabs stay.
pub fn printable(text: &str, keep_newlines: bool) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| {
        c.is_control() && !(keep_newlines && (c == '\n' || c == '\t'))
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    if !text.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    text.chars()
        .map(|c| {
            if unsafe_char(c) {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect::<String>()
        .into()
}

/// Said once before an export or report of an encrypted database is
/// written: those files are plain by nature.
fn say_exports_are_plain(store: &Store, out: &std::path::Path) {
    if store.is_encrypted() {
        say(&format!(
            "panj: the database is encrypted, but {} will not be: keep it as carefully as the data it holds",
            out.display()
        ));
    }
}

/// Which way `panj encrypt`, `decrypt` or `rekey` converts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Change {
    Encrypt,
    Decrypt,
    Rekey,
}

/// `panj encrypt`, `decrypt`, `rekey`: the database and its backups
/// converted, each written anew and swapped in (see
/// `store::encryption`).
fn convert(
    out: &mut impl Write,
    db: &std::path::Path,
    passphrases: &Passphrases,
    change: Change,
    keep_old: bool,
) -> Result<ExitCode> {
    use crate::store::secret::{self, Looks};
    if secret::looks(db) == Looks::New {
        bail!(
            "there is no database at {}; nothing was changed",
            db.display()
        );
    }
    let encrypted = secret::looks(db) == Looks::Encrypted;
    if change == Change::Encrypt && encrypted {
        bail!(
            "{} is encrypted already; use panj rekey to change its passphrase. Nothing was changed",
            db.display()
        );
    }
    if change != Change::Encrypt && !encrypted {
        bail!("{} is not encrypted; nothing was changed", db.display());
    }
    let from = match change {
        Change::Encrypt => None,
        Change::Decrypt | Change::Rekey => Some(passphrases.current(db)?),
    };
    let to = match change {
        Change::Encrypt => Some(passphrases.new_one(false)?),
        Change::Rekey => Some(passphrases.new_one(true)?),
        Change::Decrypt => None,
    };
    let converted = crate::store::encryption::convert(db, from.as_ref(), to.as_ref(), keep_old)
        .with_context(|| format!("cannot convert {}", db.display()))?;
    // This process holds no key for the file any more but the new one.
    secret::forget(db);
    let done = match change {
        Change::Encrypt => "encrypted",
        Change::Decrypt => "decrypted",
        Change::Rekey => "given the new passphrase",
    };
    writeln!(
        out,
        "{} {done}: {} incidents, and {} backups with it",
        db.display(),
        converted.incidents,
        converted.backups
    )?;
    for left in &converted.backups_left {
        writeln!(
            out,
            "  left as it was (it opens with neither passphrase): {}",
            left.display()
        )?;
    }
    if let Some(kept) = &converted.kept {
        writeln!(out, "  the file as it was is kept as {}", kept.display())?;
    }
    if change == Change::Encrypt {
        if let Some(moved) = crate::app::move_draft_into(db, to.as_ref())? {
            writeln!(
                out,
                "  the form's draft moved into it from {}",
                moved.display()
            )?;
        }
        writeln!(
            out,
            "  keep the passphrase somewhere safe: nothing can open the database without it"
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

fn bench(
    out: &mut impl Write,
    incidents: usize,
    frames: usize,
    import: Option<usize>,
    scale: Option<usize>,
) -> Result<ExitCode> {
    if let Some(count) = scale {
        writeln!(out, "measuring with {count} synthetic incidents...")?;
        let rows = crate::bench::scale(count)?;
        writeln!(out, "| what | result |\n|---|---|")?;
        for row in rows {
            writeln!(out, "| {} | {} |", row.what, row.result)?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(rows) = import {
        writeln!(out, "importing {rows} synthetic ACLED rows...")?;
        let report = crate::bench::import(rows)?;
        writeln!(out, "{}", report.summary())?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(
        out,
        "filling a scratch database with {incidents} synthetic incidents..."
    )?;
    let report = crate::bench::map_frames(incidents, frames)?;
    writeln!(out, "{}", report.summary())?;
    Ok(ExitCode::SUCCESS)
}

/// Whether an error is a write the disk or a file-size limit refused
/// (SQLite says "disk I/O error" or "SQL logic error" for it).
fn is_write_failure(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        let sqlite = cause.downcast_ref::<rusqlite::Error>().or_else(|| {
            match cause.downcast_ref::<crate::store::StoreError>() {
                Some(crate::store::StoreError::Sqlite(e)) => Some(e),
                _ => None,
            }
        });
        let io = cause.downcast_ref::<std::io::Error>();
        sqlite
            .and_then(rusqlite::Error::sqlite_error_code)
            .is_some_and(|code| {
                matches!(
                    code,
                    rusqlite::ErrorCode::DiskFull | rusqlite::ErrorCode::SystemIoFailure
                )
            })
            || io
                .and_then(std::io::Error::raw_os_error)
                .is_some_and(|code| {
                    code == libc::EFBIG || code == libc::ENOSPC || code == libc::EDQUOT
                })
            || cause.to_string().contains("disk I/O error")
    })
}

/// Whether opening the database failed because its file is damaged (not
/// because of a passphrase, a lock or a newer schema).
fn is_damage(error: &anyhow::Error) -> bool {
    use crate::store::StoreError;
    error.chain().any(|cause| {
        matches!(
            cause.downcast_ref::<StoreError>(),
            Some(StoreError::Corrupt(_))
        ) || cause
            .downcast_ref::<rusqlite::Error>()
            .and_then(rusqlite::Error::sqlite_error_code)
            .is_some_and(|code| {
                matches!(
                    code,
                    rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase
                )
            })
            || matches!(
                cause.downcast_ref::<StoreError>(),
                Some(StoreError::Sqlite(e)) if matches!(
                    e.sqlite_error_code(),
                    Some(rusqlite::ErrorCode::DatabaseCorrupt)
                )
            )
    })
}

/// The tag every demo incident carries.
pub const DEMO_TAG: &str = "demo";

/// `panj demo`: synthetic incidents into a new file, or one that holds
/// only demo incidents already; real data is never touched.
fn demo(
    out: &mut impl Write,
    db: Option<PathBuf>,
    passphrases: &Passphrases,
    count: usize,
    seed: u64,
) -> Result<ExitCode> {
    use crate::exchange::synthetic;
    let path = db.context(
        "panj demo writes a separate demo database: name it with --db FILE (a new file)",
    )?;
    passphrases.unlock(&path)?;
    if path.exists() {
        let store =
            Store::open(&path).with_context(|| format!("cannot open {}", path.display()))?;
        let mut all = store.query(&Filter::default())?;
        all.extend(store.query(&Filter {
            trash: true,
            ..Filter::default()
        })?);
        if all.is_empty() || all.iter().any(|i| !i.tags.iter().any(|t| t == DEMO_TAG)) {
            bail!(
                "{} is not a demo database (it holds records not made by panj demo, or none); panj demo only writes to a new file or an earlier demo file, and changed nothing",
                path.display()
            );
        }
    }
    let mut store =
        Store::open(&path).with_context(|| format!("cannot create {}", path.display()))?;
    let known = store.actor_directory()?;
    let actors: Vec<crate::model::Actor> = synthetic::actors()
        .into_iter()
        .map(|a| known.resolve(&a.name).cloned().unwrap_or(a))
        .collect();
    let directory = ActorDirectory::new(actors.clone());
    let mut records = synthetic::incidents(count, seed, &directory);
    for record in &mut records {
        record.tags.push(DEMO_TAG.to_string());
    }
    let started = std::time::Instant::now();
    store.write("the demo incidents", |w| {
        for actor in &actors {
            w.upsert_actor(actor)?;
        }
        let step = (count / 10).max(1);
        for (n, record) in records.iter().enumerate() {
            w.insert_incident(record)?;
            if count >= 10_000 && (n + 1) % step == 0 {
                say(&format!("panj demo: {} of {count} incidents", n + 1));
            }
        }
        Ok(())
    })?;
    writeln!(
        out,
        "wrote {count} synthetic incidents (tagged '{DEMO_TAG}') to {} in {:.1} s; open it with: panj --db {}",
        path.display(),
        started.elapsed().as_secs_f64(),
        path.display()
    )?;
    Ok(ExitCode::SUCCESS)
}

/// `panj import`: the preview, then the import in one transaction.
/// `--duplicate LINE=link|skip|import`, each once.
fn duplicate_choices(
    given: &[String],
) -> Result<std::collections::BTreeMap<u64, crate::exchange::import::DuplicateChoice>> {
    use crate::exchange::import::DuplicateChoice;
    given
        .iter()
        .map(|pair| {
            let wrong = || {
                anyhow::anyhow!(
                    "--duplicate '{pair}': write it as LINE=link, LINE=skip or LINE=import"
                )
            };
            let (line, choice) = pair.split_once('=').ok_or_else(wrong)?;
            let line: u64 = line.trim().parse().map_err(|_| wrong())?;
            let choice = match choice.trim() {
                "link" => DuplicateChoice::Link,
                "skip" => DuplicateChoice::Skip,
                "import" => DuplicateChoice::ImportAnyway,
                _ => return Err(wrong()),
            };
            Ok((line, choice))
        })
        .collect()
}

fn import(out: &mut impl Write, store: &mut Store, args: &ImportArgs) -> Result<ExitCode> {
    use crate::exchange::import::{self, ImportOptions};
    let options = ImportOptions {
        format: args.format,
        skip_bad_rows: args.skip_bad_rows,
        region_only: args.region_only,
        create_actors: args.create_actors,
        skip_duplicates: args.skip_duplicates,
        duplicate_choices: duplicate_choices(&args.duplicate)?,
    };
    let preview = import::preview(&args.file, store, options.clone())?;
    writeln!(
        out,
        "{}: {}",
        printable(&args.file.display().to_string(), false),
        preview.describe()
    )?;
    if let Some(totals) = preview.totals_line() {
        writeln!(out, "  totals: {totals}")?;
    }
    for note in &preview.notes {
        writeln!(out, "  note: {}", printable(&note.to_string(), false))?;
    }
    let flagged = preview.flagged();
    for flag in flagged.iter().take(20) {
        writeln!(out, "  {}", printable(flag, false))?;
    }
    if flagged.len() > 20 {
        writeln!(out, "  … and {} more kept as published", flagged.len() - 20)?;
    }
    for duplicate in preview.duplicates.iter().take(20) {
        writeln!(
            out,
            "  line {}: '{}' may be the stored '{}' ({})",
            duplicate.line,
            printable(&duplicate.title, false),
            printable(&duplicate.other_title, false),
            duplicate.other_id
        )?;
    }
    if preview.duplicates.len() > 20 {
        writeln!(
            out,
            "  … and {} more possible duplicates",
            preview.duplicates.len() - 20
        )?;
    }
    for error in preview.errors.iter().take(20) {
        writeln!(out, "  {}", printable(&error.to_string(), false))?;
    }
    if preview.errors.len() > 20 {
        writeln!(out, "  … and {} more", preview.errors.len() - 20)?;
    }
    if !preview.unknown_actors.is_empty() {
        writeln!(out, "actors not known yet:")?;
        for (name, kind) in &preview.unknown_actors {
            writeln!(out, "  {} ({})", printable(name, false), kind.label())?;
        }
    }
    // The names are checked before a dry run ends, as the real run checks them.
    let directory = store.actor_directory()?;
    let mut mapped = std::collections::BTreeMap::new();
    for pair in &args.map_actor {
        let (name, actor) = pair
            .split_once('=')
            .with_context(|| format!("--map-actor '{pair}': write it as NAME=ACTOR"))?;
        let known = directory.resolve(actor).with_context(|| {
            format!(
                "--map-actor '{pair}': no actor or alias is called '{}'",
                actor.trim()
            )
        })?;
        let name = preview
            .unknown_actors
            .keys()
            .find(|n| n.eq_ignore_ascii_case(name.trim()))
            .with_context(|| {
                format!(
                    "--map-actor '{pair}': '{}' is not among the actors this file names that are not known",
                    name.trim()
                )
            })?;
        if let Some(earlier) = mapped.get(name)
            && *earlier != known.id
        {
            bail!(
                "--map-actor names '{}' twice, as two different actors; give each name one actor. Nothing was imported",
                printable(name, false)
            );
        }
        mapped.insert(name.clone(), known.id);
    }
    if args.dry_run {
        writeln!(out, "dry run: nothing was written")?;
        return Ok(ExitCode::SUCCESS);
    }
    let started = std::time::Instant::now();
    let summary = import::commit(&preview, store, options, &mapped, |_, _| true)?;
    let seconds = started.elapsed().as_secs_f64();
    writeln!(
        out,
        "added {}, updated {}, created {} {}, added {} {} in {:.1} s ({:.0} rows/s)",
        summary.inserted,
        summary.updated,
        summary.actors_created,
        if summary.actors_created == 1 {
            "actor"
        } else {
            "actors"
        },
        summary.aliases_added,
        if summary.aliases_added == 1 {
            "alias"
        } else {
            "aliases"
        },
        seconds,
        (summary.inserted + summary.updated) as f64 / seconds.max(1e-9)
    )?;
    // The rows are stored and filterable; text search needs them indexed,
    // which the command finishes before it ends.
    let started = std::time::Instant::now();
    let to_index = store.rows_to_index()?;
    if to_index > 0 {
        store.complete_text_index(&mut |_, _| {})?;
        writeln!(
            out,
            "indexed {to_index} records for text search in {:.1} s",
            started.elapsed().as_secs_f64()
        )?;
        store.checkpoint()?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The man pages (`panj.1`, and `panj-SUBCOMMAND.1` for each command)
/// and shell completions (`panj.bash`, `_panj`, `panj.fish`), made from
/// the same definitions the command line parses, into `folder`.
pub fn generate_docs(folder: &std::path::Path) -> Result<Vec<PathBuf>> {
    use clap::CommandFactory;
    std::fs::create_dir_all(folder)
        .with_context(|| format!("cannot make the folder {}", folder.display()))?;
    let mut written = Vec::new();
    let mut write = |name: String, bytes: Vec<u8>| -> Result<()> {
        let path = folder.join(name);
        std::fs::write(&path, bytes).with_context(|| format!("cannot write {}", path.display()))?;
        written.push(path);
        Ok(())
    };
    let mut command = Cli::command();
    // Built, so that the global --db appears on every command's page.
    command.build();
    let mut page = Vec::new();
    clap_mangen::Man::new(command.clone()).render(&mut page)?;
    write("panj.1".into(), page)?;
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        let name = format!("panj-{}", sub.get_name());
        let sub = sub
            .clone()
            .bin_name(format!("panj {}", sub.get_name()))
            .name(name.clone());
        let mut page = Vec::new();
        clap_mangen::Man::new(sub).render(&mut page)?;
        write(format!("{name}.1"), page)?;
    }
    for (shell, name) in [
        (clap_complete::Shell::Bash, "panj.bash"),
        (clap_complete::Shell::Zsh, "_panj"),
        (clap_complete::Shell::Fish, "panj.fish"),
    ] {
        let mut script = Vec::new();
        clap_complete::generate(shell, &mut Cli::command(), "panj", &mut script);
        write(name.into(), script)?;
    }
    Ok(written)
}

/// `panj backups`: read from the folder alone, never from the database.
fn backups(out: &mut impl Write, db: &std::path::Path) -> Result<ExitCode> {
    let found = crate::store::backups::list(db);
    if found.is_empty() {
        writeln!(
            out,
            "no backups yet in {}",
            crate::store::backups::backup_dir(db).display()
        )?;
    }
    for backup in found {
        let size = std::fs::metadata(&backup.path).map_or(0, |m| m.len());
        let note = if size == 0 {
            "  EMPTY (cannot be restored)"
        } else {
            ""
        };
        writeln!(
            out,
            "{}  {:<17} {:>12} bytes  {}{note}",
            backup.made.strftime("%Y-%m-%d %H:%M:%S UTC"),
            backup.reason.code(),
            size,
            backup.path.display()
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `panj restore`: checked backup in, the database as it was kept.
fn restore(
    out: &mut impl Write,
    db: &std::path::Path,
    backup: &std::path::Path,
) -> Result<ExitCode> {
    let restored = crate::store::backups::restore(db, backup, Some((WRITE_WAIT, say_waiting)))?;
    writeln!(out, "restored the database from {}", backup.display())?;
    match (&restored.kept, restored.was_damaged) {
        (Some(kept), true) => writeln!(
            out,
            "the database was damaged; it is kept unread in {} (panj --db {} recover saves what can be read of it)",
            kept.display(),
            kept.display()
        )?,
        (Some(kept), false) => {
            writeln!(out, "the database as it was is kept in {}", kept.display())?
        }
        (None, _) => {}
    }
    Ok(ExitCode::SUCCESS)
}

/// `panj recover`: what can be read of a damaged database, into a new file.
fn recover(
    out: &mut impl Write,
    db: &std::path::Path,
    target: Option<PathBuf>,
) -> Result<ExitCode> {
    let target = match target {
        Some(target) => target,
        None => {
            let stem = db
                .file_stem()
                .map_or_else(|| "panj".into(), |s| s.to_string_lossy().to_string());
            let stamp = jiff::Timestamp::now().strftime("%Y%m%dT%H%M%SZ");
            db.with_file_name(format!("{stem}-recovered-{stamp}.db"))
        }
    };
    let recovered = crate::store::recover::recover(db, &target)
        .with_context(|| format!("cannot recover {}", db.display()))?;
    writeln!(out, "{}", recovered.describe())?;
    writeln!(
        out,
        "check it with: panj --db {} list; bring it back with: panj --db {} restore {}",
        target.display(),
        db.display(),
        target.display()
    )?;
    Ok(ExitCode::SUCCESS)
}

/// `panj extract`: drafts proposed from a text, printed, not stored.
/// `panj extract --evaluate DIR`: the per-field table, then every miss.
fn evaluate_extract(
    out: &mut impl Write,
    store: &Store,
    dir: &std::path::Path,
    json: bool,
) -> Result<ExitCode> {
    let actors = store.actors()?;
    let known = crate::extract::Known {
        actors: &actors,
        gazetteer: crate::geo::gazetteer::Gazetteer::shipped(),
        source: None,
    };
    let evaluation =
        crate::extract::evaluate::score_folder(dir, &known).map_err(|e| anyhow::anyhow!(e))?;
    if json {
        serde_json::to_writer_pretty(&mut *out, &evaluation.misses)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    write!(out, "{}", evaluation.table())?;
    if !evaluation.misses.is_empty() {
        writeln!(out, "\nmisses:")?;
        for m in &evaluation.misses {
            writeln!(
                out,
                "  {} {}: expected {}, got {}",
                m.report,
                m.field,
                printable(&m.expected, false),
                printable(&m.got, false)
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn extract(
    out: &mut impl Write,
    store: &Store,
    file: &std::path::Path,
    published: Option<Date>,
    json: bool,
) -> Result<ExitCode> {
    use crate::reading::{Kind, read, read_stdin};
    let text = {
        let bytes = if file == std::path::Path::new("-") {
            read_stdin(Kind::Report)?
        } else {
            read(file, Kind::Report)?
        };
        String::from_utf8(bytes).map_err(|e| {
            anyhow::anyhow!(
                "{}: not UTF-8 text (byte {}); save the report as UTF-8 and try again",
                file.display(),
                e.utf8_error().valid_up_to()
            )
        })?
    };
    let today = jiff::Zoned::now().date();
    let (published, from) = match published {
        Some(date) => (date, "given".to_string()),
        None => match crate::extract::date_line(&text, today) {
            Some((date, span)) => (date, format!("from the date line \"{}\"", &text[span])),
            None => (today, "not given and no date line: today".to_string()),
        },
    };
    let actors = store.actors()?;
    let known = crate::extract::Known {
        actors: &actors,
        gazetteer: crate::geo::gazetteer::Gazetteer::shipped(),
        source: None,
    };
    let drafts = crate::extract::extract(&text, published, &known);
    if json {
        serde_json::to_writer_pretty(&mut *out, &drafts)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(
        out,
        "published {published} ({from}); {} draft{}, nothing stored",
        drafts.len(),
        if drafts.len() == 1 { "" } else { "s" }
    )?;
    for (n, draft) in drafts.iter().enumerate() {
        let i = &draft.incident;
        writeln!(out, "\n{}. {}", n + 1, printable(&i.title, false))?;
        writeln!(out, "   date       {}", i.date.describe())?;
        writeln!(
            out,
            "   place      {}, {}, {}",
            printable(&i.location.place_name, false),
            i.location.precision.label(),
            i.location.side.label()
        )?;
        writeln!(
            out,
            "   killed     {}   wounded {}",
            i.killed_label(),
            i.wounded()
        )?;
        for evidence in &draft.evidence {
            writeln!(
                out,
                "   {:<11}\"{}\"{}",
                evidence.field,
                printable(&evidence.words, false),
                if evidence.reading.is_empty() {
                    String::new()
                } else {
                    format!(" -> {}", printable(&evidence.reading, false))
                }
            )?;
        }
        for line in i.notes.lines().skip(1) {
            writeln!(out, "   note       {}", printable(line, false))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs a subcommand.
pub fn run(
    db: Option<PathBuf>,
    as_name: Option<String>,
    passphrases: &Passphrases,
    command: Command,
) -> Result<ExitCode> {
    // Restore and recover read other files, and say their own damage.
    let about_the_database = !matches!(command, Command::Restore { .. } | Command::Recover { .. });
    let path = database_path(db.clone());
    run_command(db, as_name, passphrases, command).map_err(|e| match path {
        // Every write is whole or not at all: a failed one changed nothing.
        _ if is_write_failure(&e) => anyhow::anyhow!(
            "{:#}\nwriting failed: the disk may be full, or a limit on file size was reached (ulimit -f); nothing was changed",
            e
        ),
        Ok(path) if about_the_database && is_damage(&e) => anyhow::anyhow!(
            "{} is damaged ({}); nothing was changed. `panj backups` lists its backups and \
             `panj restore BACKUP` brings one back; `panj recover OUT` saves what can still be \
             read into a new file",
            path.display(),
            e.root_cause()
        ),
        _ => e,
    })
}

fn run_command(
    db: Option<PathBuf>,
    as_name: Option<String>,
    passphrases: &Passphrases,
    command: Command,
) -> Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    if let Command::Bench {
        incidents,
        frames,
        import,
        scale,
        startup_of,
        team,
        server,
        chain,
    } = command
    {
        if let Some(versions) = chain {
            writeln!(
                out,
                "timing a bundle of one record with {versions} versions..."
            )?;
            let report = crate::bench::chain(versions)?;
            writeln!(out, "{}", report.summary())?;
            return Ok(ExitCode::SUCCESS);
        }
        if let Some(records) = team {
            let server = server
                .as_deref()
                .map(crate::server::ServerAddress::parse)
                .transpose()?;
            writeln!(out, "timing team work over {records} imported records...")?;
            let report = crate::bench::team(records, server.as_ref())?;
            writeln!(out, "{}", report.summary())?;
            return Ok(ExitCode::SUCCESS);
        }
        if let Some(db) = startup_of {
            passphrases.unlock(&db)?;
            write!(out, "{}", crate::bench::startup_of(&db)?)?;
            return Ok(ExitCode::SUCCESS);
        }
        // Never the analyst's database: the benchmark writes its own.
        return bench(&mut out, incidents, frames, import, scale);
    }
    if let Command::GenerateDocs { out: folder } = &command {
        let written = generate_docs(folder)?;
        for path in written {
            writeln!(out, "wrote {}", path.display())?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    if let Command::Demo { count, seed } = command {
        // Never opened through open_database: a demo file is not seeded
        // with the real seed records.
        return demo(&mut out, db, passphrases, count, seed);
    }
    if let Command::Server(server) = &command {
        match server {
            ServerCommand::Init { url } => {
                let address = crate::server::ServerAddress::parse(url)?;
                writeln!(out, "{}", crate::server::init(&address)?)?;
            }
            ServerCommand::Check { url } => {
                let address = crate::server::ServerAddress::parse(url)?;
                let checked = crate::server::check(&address)?;
                writeln!(out, "{}", printable(&checked.to_string(), true))?;
            }
            ServerCommand::Retract { url, id } => {
                let address = crate::server::ServerAddress::parse(url)?;
                writeln!(out, "{}", crate::server::retract(&address, *id)?)?;
            }
        }
        return Ok(ExitCode::SUCCESS);
    }
    let conversion = match &command {
        Command::Encrypt { keep_old } => Some((Change::Encrypt, *keep_old)),
        Command::Decrypt { keep_old } => Some((Change::Decrypt, *keep_old)),
        Command::Rekey { keep_old } => Some((Change::Rekey, *keep_old)),
        _ => None,
    };
    if let Some((change, keep_old)) = conversion {
        return convert(&mut out, &database_path(db)?, passphrases, change, keep_old);
    }
    if matches!(
        command,
        Command::Backups | Command::Restore { .. } | Command::Recover { .. }
    ) {
        passphrases.unlock(&database_path(db.clone())?)?;
    }
    // These work on a damaged database, so they never open it as a store.
    match command {
        Command::Backups => return backups(&mut out, &database_path(db)?),
        Command::Restore { backup } => return restore(&mut out, &database_path(db)?, &backup),
        Command::Recover { out: target } => {
            return recover(&mut out, &database_path(db)?, target);
        }
        _ => {}
    }
    let checking = matches!(command, Command::Check { source: None, .. });
    let mut store = open_database(db, passphrases)?;
    if let Some(name) = &as_name {
        store.sign_as_checked(name)?;
    }
    // `check` looks at the file as it is: a backup of a damaged file
    // first would fail, or copy the damage over a good backup's turn.
    if !checking
        && !store.is_read_only()
        && let Err(e) = store.daily_backup_if_due()
    {
        // A failed backup must not stop the work; it is said plainly.
        say(&format!("panj: the daily backup failed: {e}"));
    }
    match command {
        Command::List(args) => {
            let actors = store.actor_directory()?;
            let filter = args.filter.to_filter(&actors)?;
            let incidents = store.query(&filter)?;
            if args.json {
                serde_json::to_writer_pretty(&mut out, &incidents)?;
                writeln!(out)?;
            } else {
                write_table(&mut out, &incidents, &actors)?;
            }
        }
        Command::Show { id, json, original } => {
            let id = one_incident(&store, &id)?;
            let incident = store
                .incident(id)?
                .context("the incident disappeared while reading it")?;
            if original {
                let Some(source) = store.source_row(id)? else {
                    anyhow::bail!(
                        "{id} was not imported from a CSV file in this database (typed in, received from a colleague, or read from GeoJSON); its provenance, if any, is in `panj show {id}`"
                    );
                };
                // Byte for byte, as the file held them: the line endings
                // are the only thing added. To a terminal, control
                // characters are written visibly instead: a row's bytes
                // are somebody else's, and an escape sequence in them
                // could retitle the window or clear the screen.
                let mut bytes = Vec::new();
                if let Some(header) = &source.header {
                    bytes.extend_from_slice(header);
                    bytes.push(b'\n');
                }
                bytes.extend_from_slice(&source.row);
                bytes.push(b'\n');
                if std::io::IsTerminal::is_terminal(&std::io::stdout()) {
                    out.write_all(printable(&String::from_utf8_lossy(&bytes), true).as_bytes())?;
                } else {
                    out.write_all(&bytes)?;
                }
            } else if json {
                serde_json::to_writer_pretty(&mut out, &incident)?;
                writeln!(out)?;
            } else {
                // Written whole first, then made safe for the terminal.
                let mut text = Vec::new();
                write_details(&mut text, &store, &incident)?;
                out.write_all(printable(&String::from_utf8_lossy(&text), true).as_bytes())?;
            }
        }
        Command::Check {
            json,
            source: Some(file),
            format,
        } => {
            let check = crate::exchange::import::check_source(&file, &store, format)?;
            if json {
                serde_json::to_writer_pretty(&mut out, &check)?;
                writeln!(out)?;
            } else {
                write!(out, "{check}")?;
            }
            if !check.adds_up() {
                out.flush()?;
                return Ok(ExitCode::FAILURE);
            }
        }
        Command::Check { json, .. } => {
            let report = store.check_and_repair()?;
            if json {
                serde_json::to_writer_pretty(&mut out, &report)?;
                writeln!(out)?;
            } else {
                let path = store
                    .path()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default();
                writeln!(out, "database        {path}")?;
                writeln!(out, "integrity       {}", report.integrity.join("; "))?;
                writeln!(
                    out,
                    "foreign keys    {} violations",
                    report.foreign_key_violations
                )?;
                let fts = match (report.full_text_index_ok, report.busy) {
                    (Some(true), _) => "ok",
                    (Some(false), _) => "DAMAGED",
                    (None, true) => {
                        "not checked: BUSY (another panj held the write lock; try again)"
                    }
                    (None, false) => "not checked (read-only)",
                };
                writeln!(out, "full-text index {fts}")?;
                for problem in &report.schema_problems {
                    writeln!(out, "schema object   {}", printable(problem, false))?;
                }
                for problem in &report.unreadable_records {
                    writeln!(out, "unreadable      {}", printable(problem, false))?;
                }
                writeln!(
                    out,
                    "schema          version {} (this panj: {})",
                    report.schema_version, report.supported_version
                )?;
                writeln!(
                    out,
                    "records         {} incidents ({} deleted), {} casualty rows, {} claims, {} actors, {} sources, {} versions",
                    report.incidents,
                    report.deleted_incidents,
                    report.casualty_rows,
                    report.claims,
                    report.actors,
                    report.sources,
                    report.versions
                )?;
                use crate::store::map_block::MapBlockCheck;
                let block = match report.map_block {
                    None => None,
                    Some(MapBlockCheck::Absent) => {
                        Some("none kept (a window writes one for a large database)".to_string())
                    }
                    Some(MapBlockCheck::Current { rows }) => {
                        Some(format!("ok ({rows} incidents, as the records say)"))
                    }
                    Some(MapBlockCheck::Repaired { differing }) => Some(format!(
                        "was STALE ({differing} incidents differed from the records): written again from them"
                    )),
                    Some(MapBlockCheck::Stale { differing }) => Some(format!(
                        "STALE ({differing} incidents differ from the records; not written again: read-only or busy)"
                    )),
                };
                if let Some(block) = block {
                    writeln!(out, "map block       {block}")?;
                }
                if report.conflicts > 0 {
                    writeln!(
                        out,
                        "conflicts       {} incidents wait for a person to choose (`panj conflicts`)",
                        report.conflicts
                    )?;
                }
                writeln!(
                    out,
                    "{}",
                    if !report.is_ok() {
                        "PROBLEMS FOUND"
                    } else if report.busy {
                        "busy: no damage found in what could be checked"
                    } else {
                        "ok"
                    }
                )?;
            }
            if !report.is_ok() {
                return Ok(ExitCode::FAILURE);
            }
            if report.busy {
                // Not damage, and not a clean bill of health either.
                return Ok(ExitCode::from(2));
            }
        }
        Command::Seed => {
            let report = seed::seed(&mut store)?;
            writeln!(
                out,
                "added {} incidents, {} actors, {} sources",
                report.incidents, report.actors, report.sources
            )?;
        }
        Command::Backup { target } => {
            let written = match target {
                Some(target) => {
                    store
                        .backup_to(&target)
                        .with_context(|| format!("cannot write the backup {}", target.display()))?;
                    target
                }
                None => store
                    .rotating_backup(crate::store::backups::BackupReason::Manual)?
                    .context("a database in memory has no backups folder")?,
            };
            writeln!(out, "wrote {}", written.display())?;
        }
        Command::Backups
        | Command::Encrypt { .. }
        | Command::Decrypt { .. }
        | Command::Rekey { .. }
        | Command::Restore { .. }
        | Command::Recover { .. }
        | Command::GenerateDocs { .. }
        | Command::Server(_) => {
            unreachable!("handled before the database is opened")
        }
        Command::Bench {
            incidents,
            frames,
            import,
            scale,
            ..
        } => return bench(&mut out, incidents, frames, import, scale),
        Command::Demo { count, seed } => return demo(&mut out, None, passphrases, count, seed),
        Command::Import(args) => return import(&mut out, &mut store, &args),
        Command::Export(args) => {
            say_exports_are_plain(&store, &args.out);
            let actors = store.actor_directory()?;
            let filter = args.filter.to_filter(&actors)?;
            let incidents = store.query(&filter)?;
            let written = crate::exchange::export::export(
                store.path(),
                &args.out,
                args.format,
                &incidents,
                &actors,
                &store.sources()?,
                &filter,
            )?;
            writeln!(
                out,
                "wrote {} incidents to {} (sha256 {}), manifest {}",
                written.count,
                written.path.display(),
                written.sha256,
                written.manifest.display()
            )?;
        }
        Command::Report(args) => {
            say_exports_are_plain(&store, &args.out);
            let actors = store.actor_directory()?;
            let filter = args.filter.to_filter(&actors)?;
            let db = store.path().map(PathBuf::from);
            let mut workspace = crate::app::Workspace::load(store)?;
            workspace.set_filter(filter);
            let words = crate::ui::filter_panel::describe(&workspace.filter, &workspace.actors);
            let options = crate::report::ReportOptions {
                title: args.title.clone(),
                author: args.author.clone(),
                classification: args.classification.clone(),
                paper: args.paper,
            };
            let prepared =
                crate::app::report::PreparedReport::new(&workspace, &words, options, None)?;
            let format = args.format.unwrap_or_else(|| {
                let pdf = args
                    .out
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
                if pdf {
                    crate::report::ReportFormat::Pdf
                } else {
                    crate::report::ReportFormat::Html
                }
            });
            let written = prepared.write(db.as_deref(), &args.out, format)?;
            writeln!(
                out,
                "wrote the report of {} incidents to {} (sha256 {}), manifest {}",
                written.count,
                written.path.display(),
                written.sha256,
                written.manifest.display()
            )?;
            return Ok(ExitCode::SUCCESS);
        }
        Command::Edit(args) => {
            let id = one_incident(&store, &args.id)?;
            let mut incident = store.incident(id)?.context("the incident disappeared")?;
            if args.title.is_none()
                && args.summary.is_none()
                && args.notes.is_none()
                && args.add_tags.is_empty()
                && args.remove_tags.is_empty()
            {
                bail!(
                    "nothing to change: give what to change (--title, --summary, --notes, \
                     --add-tag, --remove-tag); {} was left as it was",
                    short_id(id)
                );
            }
            if incident.deleted_at.is_some() {
                bail!(
                    "{} is in the trash: restore it first (Trash in the window), then edit it; \
                     nothing was written",
                    short_id(id)
                );
            }
            let before = incident.clone();
            if let Some(title) = &args.title {
                incident.title = title.clone();
            }
            if let Some(summary) = &args.summary {
                incident.summary = summary.clone();
            }
            if let Some(notes) = &args.notes {
                incident.notes = notes.clone();
            }
            for tag in &args.add_tags {
                if !incident.tags.contains(tag) {
                    incident.tags.push(tag.clone());
                }
            }
            incident.tags.retain(|t| !args.remove_tags.contains(t));
            if incident == before {
                writeln!(
                    out,
                    "{} already says so: nothing written (version {})",
                    short_id(id),
                    incident.version
                )?;
                return Ok(ExitCode::SUCCESS);
            }
            let stored = store.update_incident(&incident)?;
            writeln!(
                out,
                "saved {} (version {})",
                short_id(stored.id),
                stored.version
            )?;
        }
        Command::Delete { id } => {
            let id = one_incident(&store, &id)?;
            let incident = store.incident(id)?.context("the incident disappeared")?;
            if incident.deleted_at.is_some() {
                bail!("{} is in the trash already", short_id(id));
            }
            store.delete_incident(id, incident.version)?;
            writeln!(
                out,
                "moved {} '{}' to the trash",
                short_id(id),
                printable(&incident.title, false)
            )?;
        }
        Command::Bundle(BundleCommand::Write {
            out: target,
            for_other,
        }) => {
            let written = store.write_bundle(&target, for_other.as_deref())?;
            writeln!(out, "{written}")?;
        }
        Command::Bundle(BundleCommand::Read { bundle }) => {
            let read = store.read_bundle(&bundle)?;
            writeln!(out, "{}", printable(&read.to_string(), false))?;
        }
        Command::Sync { url, json } => {
            let url = match url {
                Some(url) => url,
                None => store
                    .setting(crate::server::LAST_SERVER_KEY)?
                    .ok_or_else(|| {
                        anyhow::anyhow!(
                            "this database has not synced with a server yet: give its address, \
                             panj sync postgresql://USER@HOST:PORT/DATABASE"
                        )
                    })?,
            };
            let address = crate::server::ServerAddress::parse(&url)?;
            let synced = crate::server::sync_saying(&mut store, &address, &mut |step| {
                say(&format!("panj: {step}"))
            })?;
            if json {
                serde_json::to_writer_pretty(&mut out, &synced)?;
                writeln!(out)?;
            } else {
                writeln!(out, "{}", printable(&synced.to_string(), false))?;
            }
        }
        Command::Extract {
            file,
            evaluate: true,
            json,
            ..
        } => return evaluate_extract(&mut out, &store, &file, json),
        Command::Extract {
            file,
            published,
            json,
            ..
        } => return extract(&mut out, &store, &file, published, json),
        Command::Conflicts { json } => {
            let conflicts = conflict_reports(&store)?;
            if json {
                serde_json::to_writer_pretty(&mut out, &conflicts)?;
                writeln!(out)?;
            } else if conflicts.is_empty() {
                writeln!(out, "no conflicts")?;
            } else {
                for c in &conflicts {
                    writeln!(out, "{} {}", short_id(c.id), printable(&c.title, false))?;
                    for f in &c.fields {
                        let sides: Vec<String> = f
                            .sides
                            .iter()
                            .map(|s| {
                                format!(
                                    "{} ({}, {}{})",
                                    s.value,
                                    s.author,
                                    s.at.strftime("%-d %b %Y"),
                                    if s.shown { ", shown here" } else { "" }
                                )
                            })
                            .collect();
                        writeln!(
                            out,
                            "  {}: {} → {}",
                            f.field,
                            printable(&f.base, false),
                            printable(&sides.join(" vs → "), false)
                        )?;
                    }
                }
            }
        }
        Command::Resolve { id, keep } => {
            let id = one_incident(&store, &id)?;
            let stored = resolve(&mut store, id, keep)?;
            writeln!(
                out,
                "resolved {} '{}': kept {} values",
                short_id(id),
                printable(&stored.title, false),
                match keep {
                    Keep::Mine => "this database's",
                    Keep::Theirs => "the other",
                }
            )?;
        }
        Command::Actors => {
            for actor in store.actors()? {
                let aliases = if actor.aliases.is_empty() {
                    String::new()
                } else {
                    format!(" (also: {})", actor.aliases.join(", "))
                };
                writeln!(
                    out,
                    "{:<32} {:<28}{}",
                    printable(&actor.name, false),
                    actor.kind.label(),
                    printable(&aliases, false)
                )?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The one incident an id or short id names.
fn one_incident(store: &Store, id: &str) -> Result<uuid::Uuid> {
    if id.trim().chars().count() < 4 {
        bail!(
            "'{}' is too short to name one incident: give at least 4 characters of its id (`panj list` prints them)",
            printable(id, false)
        );
    }
    let ids = store.incident_ids_matching(id)?;
    match ids.as_slice() {
        [one] => Ok(*one),
        [] => bail!(
            "no incident has an id starting or ending with '{}'",
            printable(id, false)
        ),
        _ => bail!(
            "'{}' matches {} incident ids; type more of it",
            printable(id, false),
            ids.len()
        ),
    }
}

/// One side of a conflicting field, for `panj conflicts`.
#[derive(Debug, serde::Serialize)]
pub struct ConflictSide {
    pub version: uuid::Uuid,
    pub value: String,
    pub author: String,
    pub at: jiff::Timestamp,
    /// Whether this database's row shows this side ("mine").
    pub shown: bool,
}

#[derive(Debug, serde::Serialize)]
pub struct ConflictField {
    pub field: String,
    /// The value both sides started from ("" when they share no version).
    pub base: String,
    pub sides: Vec<ConflictSide>,
}

#[derive(Debug, serde::Serialize)]
pub struct ConflictReport {
    pub id: uuid::Uuid,
    pub title: String,
    pub fields: Vec<ConflictField>,
}

fn conflict_reports(store: &Store) -> Result<Vec<ConflictReport>> {
    let mut reports = Vec::new();
    for id in store.conflicted()? {
        let Some(c) = store.conflict(id)? else {
            continue;
        };
        let shown = store.shown_version(id)?;
        reports.push(ConflictReport {
            id,
            title: c.merge.merged.title.clone(),
            fields: c
                .merge
                .conflicts
                .iter()
                .map(|field| ConflictField {
                    field: field.label().to_string(),
                    base: c
                        .base
                        .as_ref()
                        .map(|b| field.describe(&b.record))
                        .unwrap_or_default(),
                    sides: c
                        .heads
                        .iter()
                        .map(|v| ConflictSide {
                            version: v.id,
                            value: c.describe(*field, v),
                            author: c.author_of(*field, v).to_string(),
                            at: v.at,
                            shown: Some(v.id) == shown,
                        })
                        .collect(),
                })
                .collect(),
        });
    }
    Ok(reports)
}

/// Resolves the conflict of `id` keeping, for every conflicting field,
/// the value of the version this database shows or of the other one.
fn resolve(store: &mut Store, id: uuid::Uuid, keep: Keep) -> Result<Incident> {
    let conflict = store
        .conflict(id)?
        .with_context(|| format!("{} has no conflict", short_id(id)))?;
    let shown = store.shown_version(id)?;
    let chosen = match keep {
        Keep::Mine => conflict.heads.iter().find(|v| Some(v.id) == shown),
        Keep::Theirs => conflict.heads.iter().rev().find(|v| Some(v.id) != shown),
    }
    .context("no version to keep")?;
    let resolved = conflict.keeping(chosen);
    let heads: Vec<uuid::Uuid> = conflict.heads.iter().map(|v| v.id).collect();
    Ok(store.resolve(id, &heads, &resolved)?)
}

/// The last eight hex digits of an id: the random part of a UUID v7, so
/// records entered together still get distinct short ids.
pub fn short_id(id: uuid::Uuid) -> String {
    let simple = id.simple().to_string();
    simple[simple.len() - 8..].to_string()
}

fn truncate(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_string()
    } else {
        let cut: String = text.chars().take(width.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}

fn write_table(
    out: &mut impl Write,
    incidents: &[Incident],
    actors: &ActorDirectory,
) -> Result<()> {
    writeln!(
        out,
        "{:<8}  {:<34}  {:<22}  {:>6}  {:<22}  TITLE",
        "ID", "DATE", "TYPE", "KILLED", "PERPETRATOR"
    )?;
    for i in incidents {
        writeln!(
            out,
            "{:<8}  {:<34}  {:<22}  {:>6}  {:<22}  {}",
            short_id(i.id),
            truncate(&i.date.describe(), 34),
            truncate(i.event_type.label(), 22),
            i.killed_label(),
            printable(&truncate(&attribution_label(i, actors), 22), false),
            printable(&i.title, false)
        )?;
    }
    writeln!(out, "{} incidents", incidents.len())?;
    Ok(())
}

fn write_details(out: &mut impl Write, store: &Store, i: &Incident) -> Result<()> {
    let actors = store.actor_directory()?;
    let sources = store.sources()?;
    let source_title = |id: Option<uuid::Uuid>| {
        id.and_then(|id| sources.iter().find(|s| s.id == id))
            .map(|s| s.title.clone())
            .unwrap_or_else(|| "—".into())
    };
    let loc = &i.location;
    writeln!(out, "{}", i.title)?;
    writeln!(out, "id          {}", i.id)?;
    writeln!(out, "type        {}", i.event_type.label())?;
    writeln!(
        out,
        "date        {} (precision: {}){}",
        i.date.describe(),
        i.date.precision.label().to_lowercase(),
        i.date
            .time_of_day
            .map(|t| format!(", at {t}"))
            .unwrap_or_default()
    )?;
    writeln!(
        out,
        "place       {} — {:.4}, {:.4} (precision: {})",
        if loc.place_name.is_empty() {
            "unnamed"
        } else {
            &loc.place_name
        },
        loc.lat,
        loc.lon,
        loc.precision.label().to_lowercase()
    )?;
    let admin: Vec<&str> = [
        loc.admin2.as_deref(),
        loc.admin1.as_deref(),
        loc.country.as_ref().map(|c| c.name()),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !admin.is_empty() {
        writeln!(out, "            {}", admin.join(", "))?;
    }
    writeln!(out, "side        {}", loc.side.label())?;
    if !i.tags.is_empty() {
        writeln!(out, "tags        {}", i.tags.join(", "))?;
    }
    if i.deleted_at.is_some() {
        writeln!(
            out,
            "DELETED     {} (in the trash)",
            i.deleted_at.map(|t| t.to_string()).unwrap_or_default()
        )?;
    }
    writeln!(out, "\n{}", i.summary)?;
    writeln!(
        out,
        "\ncasualties  {} killed, {} wounded",
        i.killed_label(),
        i.wounded()
    )?;
    for c in &i.casualties {
        writeln!(
            out,
            "  {:<14} {:<32} killed {:>4}  wounded {:>4}  {}",
            c.nationality
                .map(|n| n.name().to_string())
                .unwrap_or_else(|| "unknown".into()),
            c.role.label(),
            c.killed,
            c.wounded,
            c.figure.label().to_lowercase()
        )?;
    }
    writeln!(out, "\nattribution claims")?;
    if i.claims.is_empty() {
        writeln!(out, "  none")?;
    }
    for c in &i.claims {
        let actor = actors
            .get(c.actor_id)
            .map(|a| a.name.as_str())
            .unwrap_or("?");
        let by = if c.claimant_name.is_empty() {
            c.claimant.label().to_string()
        } else {
            format!("{} ({})", c.claimant_name, c.claimant.label())
        };
        writeln!(
            out,
            "  {by}: {} {actor} — confidence {}; source: {}",
            c.stance.label().to_lowercase(),
            c.confidence.label().to_lowercase(),
            source_title(c.source_id)
        )?;
        if !c.note.is_empty() {
            writeln!(out, "    {}", c.note)?;
        }
    }
    writeln!(out, "\nsources")?;
    for id in &i.source_ids {
        if let Some(s) = sources.iter().find(|s| s.id == *id) {
            let publisher = if s.publisher.is_empty() {
                String::new()
            } else {
                format!(" — {}", s.publisher)
            };
            writeln!(out, "  [{}] {}{publisher}", s.grade.letter(), s.title)?;
        }
    }
    if !i.notes.is_empty() {
        writeln!(out, "\nnotes\n  {}", i.notes)?;
    }
    if let Some(source) = store.source_row(i.id)? {
        writeln!(
            out,
            "\nimported from\n  {} ({}, SHA-256 {}) at {} by {}\n  the row as the file held it: panj show {} --original",
            source.file_name,
            source.format,
            &source.sha256[..source.sha256.len().min(16)],
            source.at,
            if source.author.is_empty() {
                "someone"
            } else {
                &source.author
            },
            i.id
        )?;
    }
    let versions = store.versions(i.id)?;
    writeln!(out, "\nhistory")?;
    for line in crate::model::merge::history_lines(&versions) {
        writeln!(out, "  {}", printable(&line, false))?;
    }
    let heads = store.heads(i.id)?;
    if heads.len() > 1 {
        writeln!(
            out,
            "\nCONFLICT: {} versions disagree; see `panj conflicts`",
            heads.len()
        )?;
    }
    writeln!(
        out,
        "\nversion {}, created {}, updated {}",
        i.version, i.created_at, i.updated_at
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::printable;

    #[test]
    fn control_characters_are_escaped_for_the_terminal() {
        assert_eq!(printable("Panj", false), "Panj");
        assert_eq!(printable("a\x1b[2Jb", false), "a\\u{1b}[2Jb");
        assert_eq!(printable("one\ntwo\x07", true), "one\ntwo\\u{7}");
        assert_eq!(printable("one\ntwo", false), "one\\u{a}two");
        // Bidirectional overrides could make a line read backwards.
        assert_eq!(printable("x\u{202e}y", false), "x\\u{202e}y");
        assert_eq!(printable("Хорог خروغ", false), "Хорог خروغ");
    }
}
