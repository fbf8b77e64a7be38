//! The `panj` binary: parses the command line and hands over to the library.

use clap::Parser;
use panj::cli::{self, Cli};
use std::process::ExitCode;

fn main() -> ExitCode {
    ignore_file_size_signal();
    let args = Cli::parse();
    let result =
        cli::Passphrases::new(args.passphrase_stdin).and_then(|passphrases| match args.command {
            Some(command) => cli::run(args.db, args.as_name, &passphrases, command),
            None => panj::app::run::window(args.db, &passphrases).map(|()| ExitCode::SUCCESS),
        });
    result.unwrap_or_else(|error| {
        // A reader that stopped early (`panj list | head`) is not an error,
        // as in ripgrep: end quietly.
        if is_broken_pipe(&error) {
            return ExitCode::SUCCESS;
        }
        cli::say(&format!(
            "panj: {}",
            cli::printable(&format!("{error:#}"), true)
        ));
        ExitCode::FAILURE
    })
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        // JSON written to a closed pipe fails inside serde_json, which
        // keeps the I/O error's kind but not the error itself.
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            || cause
                .downcast_ref::<serde_json::Error>()
                .is_some_and(|e| e.io_error_kind() == Some(std::io::ErrorKind::BrokenPipe))
    })
}

/// Past a file-size limit (`ulimit -f`) the kernel kills a process with
/// SIGXFSZ unless it is ignored; ignored, the write fails with EFBIG and
/// panj says which file could not be written and that nothing was saved.
fn ignore_file_size_signal() {
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to SIG_IGN before any thread
    // starts has no preconditions.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
}
