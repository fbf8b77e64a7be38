//! The command line's words: `Cli`, its subcommands and their arguments
//! (clap), and the filter flags every reading command shares.

use super::print::printable;
use crate::filter::{ActorDirectory, BBox, DateMode, Filter, Perpetrator};
use crate::model::{Confidence, CountryCode, EventType, Side, VictimRole};
use anyhow::{Context, Result, anyhow, bail};
use clap::{Args, Parser, Subcommand};
use jiff::civil::Date;
use std::path::PathBuf;

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
    Bench(BenchArgs),
}

#[derive(Debug, Args)]
pub struct BenchArgs {
    /// How many incidents to load
    #[arg(long, default_value_t = 100_000)]
    pub incidents: usize,
    /// Time an import of this many synthetic ACLED rows instead,
    /// against the sqlite3 shell's .import of the same file
    #[arg(long, value_name = "ROWS")]
    pub import: Option<usize>,
    /// Measure start-up, memory, filters against SQL, text search and
    /// map grouping with this many incidents instead
    #[arg(long, value_name = "INCIDENTS")]
    pub scale: Option<usize>,
    /// (internal) the start-up measurement of --scale, in its own process
    #[arg(long, hide = true)]
    pub startup_of: Option<PathBuf>,
    /// Time team work instead: bundles and (with --server) syncs over
    /// this many imported records
    #[arg(long, value_name = "RECORDS")]
    pub team: Option<usize>,
    /// With --team: an empty PostgreSQL database to sync through
    /// (postgresql://USER@HOST:PORT/DATABASE)
    #[arg(long, value_name = "URL", requires = "team")]
    pub server: Option<String>,
    /// Time a bundle of one record edited this many times instead:
    /// written, then read into a database new to it
    #[arg(long, value_name = "VERSIONS")]
    pub chain: Option<usize>,
    /// How many frames of scripted panning and zooming to time
    #[arg(long, default_value_t = 600)]
    pub frames: usize,
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
pub(super) fn gregorian_day(text: &str) -> std::result::Result<Date, String> {
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

pub(super) fn parse_bbox(text: &str) -> Result<BBox> {
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
