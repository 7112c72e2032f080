//! The `folio` binary: parse the command line, run it, report errors, set the exit code.

#![forbid(unsafe_code)]

use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = folio::cli::Cli::parse();
    let mut stderr = std::io::stderr();
    match folio::cli::run(cli, &mut stderr) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            std::process::ExitCode::FAILURE
        }
    }
}
