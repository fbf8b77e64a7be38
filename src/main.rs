//! The `panj` binary: parses the command line and hands over to the library.

use clap::Parser;
use panj::cli::{self, Cli};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = Cli::parse();
    let result = match args.command {
        Some(command) => cli::run(args.db, command),
        None => panj::app::run(args.db).map(|()| ExitCode::SUCCESS),
    };
    result.unwrap_or_else(|error| {
        eprintln!("panj: {error:#}");
        ExitCode::FAILURE
    })
}
