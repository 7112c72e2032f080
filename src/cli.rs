//! The command line: clap parses the raw flags, `run` turns them into library calls.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::resolve::Overrides;
use crate::site::{self, BuildOptions};

/// folio: research portfolio sites from YAML.
#[derive(Debug, Parser)]
#[command(name = "folio", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into SITE/public (or --output).
    Build {
        /// The site folder, holding site.yaml.
        #[arg(default_value = ".")]
        site: PathBuf,
        /// Write the site here instead of SITE/public.
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Override site.yaml's base_url (e.g. https://user.github.io/repo/).
        #[arg(long)]
        base_url: Option<String>,
    },
}

/// Runs a parsed command; warnings and the summary go to `log` (stderr).
pub fn run(cli: Cli, log: &mut dyn std::io::Write) -> crate::Result<()> {
    match cli.command {
        Command::Build {
            site,
            output,
            base_url,
        } => {
            let opts = BuildOptions {
                root: site,
                output,
                overrides: Overrides { base_url },
            };
            let report = site::build(&opts)?;
            for w in &report.warnings {
                let _ = writeln!(log, "{w}");
            }
            let _ = writeln!(
                log,
                "folio: built {} pages ({} files) into {} in {} ms",
                report.pages,
                report.files,
                report.output.display(),
                report.elapsed.as_millis()
            );
            Ok(())
        }
    }
}
