//! The `folio` binary: parse the command line, run it, report errors, set the exit code.

#![forbid(unsafe_code)]

use std::io::Write;

use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = folio::cli::Cli::parse();
    // Everything folio prints passes through `TerminalSafe`: messages quote input.
    let mut stderr = folio::error::TerminalSafe(std::io::stderr());
    match folio::cli::run(cli, &mut stderr) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(stderr, "{e}");
            std::process::ExitCode::from(e.exit_code())
        }
    }
}
