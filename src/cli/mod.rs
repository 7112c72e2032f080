//! The command line: clap parses the raw flags, `run` turns them into library calls.

pub mod check;
pub mod deploy;
pub(crate) mod files;
pub mod init;
pub mod jsonschema;
pub mod new;
pub mod theme;
pub mod update;

use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::import::{self, Format, ImportOptions};
use crate::resolve::Overrides;
use crate::site::{self, BuildOptions, Session};
use crate::{serve, watch};

/// folio: research portfolio sites from YAML.
#[derive(Debug, Parser)]
#[command(name = "folio", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write a starter site (and a GitHub Pages workflow) into DIR.
    Init {
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// A lab site: members with roles, a people page, news.
        #[arg(long)]
        lab: bool,
        /// Write a GitLab Pages pipeline (.gitlab-ci.yml) instead of the GitHub workflow.
        #[arg(long)]
        gitlab: bool,
        /// Fill the site from this public ORCID record (and OpenAlex): name,
        /// affiliation, works, metrics.
        #[arg(long, value_name = "ORCID_ID", conflicts_with = "lab")]
        orcid: Option<String>,
        /// Also write a GitHub workflow that runs `folio update` weekly, commits
        /// data/metrics.yaml and deploys; in an existing site, only that workflow.
        #[arg(long, conflicts_with = "gitlab")]
        scheduled_update: bool,
    },
    /// Build the site into SITE/public (or --output).
    Build {
        #[command(flatten)]
        site: SiteArgs,
    },
    /// Build, then rebuild SITE/public on every change.
    Watch {
        #[command(flatten)]
        site: SiteArgs,
        /// Poll for changes (for file systems that send no change events).
        #[arg(long)]
        poll: bool,
    },
    /// Build (draft posts included, marked) into SITE/.folio/serve (or --output), serve it over HTTP, and reload open pages on every change.
    Serve {
        #[command(flatten)]
        site: SiteArgs,
        /// The port to listen on (0 picks a free one).
        #[arg(long, default_value_t = 8000)]
        port: u16,
        /// The address to listen on. Anything but loopback exposes your preview.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
        /// Poll for changes (for file systems that send no change events).
        #[arg(long)]
        poll: bool,
        /// Also answer requests for this host name (besides localhost, loopback
        /// addresses and the bound address); repeatable.
        #[arg(long = "allow-host", value_name = "HOST")]
        allow_host: Vec<String>,
    },
    /// Check the site without writing anything: every error and warning, then a summary.
    Check {
        /// The site folder, holding site.yaml.
        #[arg(default_value = ".")]
        site: PathBuf,
    },
    /// Write a commented stub for a new paper or person.
    New {
        #[command(subcommand)]
        what: NewCommand,
    },
    /// Write JSON Schemas of the YAML files, for editors (into SITE/.folio/schemas/).
    Schema {
        /// The site folder.
        #[arg(default_value = ".")]
        site: PathBuf,
        /// Write the schemas here instead of SITE/.folio/schemas/.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Build the site and publish it to a branch (gh-pages) with your git: one
    /// commit holding only the build, pushed to the remote.
    Deploy {
        /// The site folder, inside a git repository.
        #[arg(default_value = ".")]
        site: PathBuf,
        /// The branch that receives the build.
        #[arg(long, default_value = "gh-pages")]
        branch: String,
        /// The remote to push the branch to.
        #[arg(long, default_value = "origin")]
        remote: String,
        /// Override site.yaml's base_url (e.g. https://user.github.io/repo/).
        #[arg(long)]
        base_url: Option<String>,
        /// Deploy although the site has uncommitted changes.
        #[arg(long)]
        allow_dirty: bool,
        /// Commit the branch but do not push it.
        #[arg(long)]
        no_push: bool,
    },
    /// Work with the built-in theme's templates.
    Theme {
        #[command(subcommand)]
        what: ThemeCommand,
    },
    /// Import papers from BibTeX or a citation export into SITE/papers/.
    Import {
        /// The file to import: a .bib file, or a JSON export.
        input: PathBuf,
        /// The format of INPUT; recognised from the file when not given.
        #[arg(long, value_enum)]
        from: Option<Format>,
        /// The site folder, holding site.yaml.
        #[arg(long, default_value = ".")]
        site: PathBuf,
        /// Show what would be created and updated; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// The date of imported citation counts (YYYY-MM-DD); default: INPUT's modification date.
        #[arg(long)]
        as_of: Option<String>,
    },
    /// Fetch citation counts and author metrics into SITE/data/metrics.yaml
    /// (OpenAlex, Semantic Scholar, Crossref); exit code 3 when a source fails.
    Update(update::UpdateArgs),
}

/// The site to build and how: shared by build, watch and serve.
#[derive(Debug, clap::Args)]
pub struct SiteArgs {
    /// The site folder, holding site.yaml.
    #[arg(default_value = ".")]
    pub site: PathBuf,
    /// Write the site here instead of SITE/public.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Override site.yaml's base_url (e.g. https://user.github.io/repo/).
    #[arg(long)]
    pub base_url: Option<String>,
}

impl SiteArgs {
    fn options(self) -> BuildOptions {
        BuildOptions {
            root: self.site,
            output: self.output,
            overrides: Overrides {
                base_url: self.base_url,
                today: None,
                drafts: false,
            },
        }
    }
}

/// Where `folio serve` writes its preview unless told otherwise, inside the
/// site's `.folio/` (kept out of git by a `.gitignore` written there).
pub const PREVIEW_DIR: &str = ".folio/serve";

/// `SITE/.folio/serve`, with `SITE/.folio/.gitignore` naming it (written once,
/// left alone if the site has its own).
fn preview_dir(root: &Path) -> crate::Result<PathBuf> {
    use std::io::Write;
    let folio = root.join(".folio");
    std::fs::create_dir_all(&folio).map_err(crate::error::io_error(&folio))?;
    // create_new writes only where nothing is, and never through a link
    // (a dangling one included) to a file outside the site.
    let ignore = folio.join(".gitignore");
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&ignore)
    {
        Ok(mut file) => file
            .write_all(b"# folio serve's preview (drafts included): never deploy it\nserve/\n")
            .map_err(crate::error::io_error(&ignore))?,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(crate::error::io_error(&ignore)(e)),
    }
    Ok(root.join(PREVIEW_DIR))
}

/// What `folio theme` does.
#[derive(Debug, Subcommand)]
pub enum ThemeCommand {
    /// Write the built-in templates (all, or those named) into SITE/templates/,
    /// where they override the built-in ones, for editing.
    Eject {
        /// Templates to write (`paper.html`, `partials/head.html`); all when none.
        templates: Vec<String>,
        /// The site folder, holding site.yaml.
        #[arg(long, default_value = ".")]
        site: PathBuf,
        /// Write into this folder instead (to compare with your templates).
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Replace templates that exist.
        #[arg(long)]
        force: bool,
    },
}

/// What `folio new` writes.
#[derive(Debug, Subcommand)]
pub enum NewCommand {
    /// Write papers/<slug>.yaml, the slug made from the title, dated today.
    Paper {
        /// The paper's title.
        title: String,
        /// The site folder, holding site.yaml.
        #[arg(long, default_value = ".")]
        site: PathBuf,
    },
    /// Write authors/<id>.yaml, the id made from the name.
    Author {
        /// The person's name.
        name: String,
        /// The author id (the file name), when the name does not make one.
        #[arg(long)]
        id: Option<String>,
        /// The site folder, holding site.yaml.
        #[arg(long, default_value = ".")]
        site: PathBuf,
    },
    /// Write talks/<slug>.yaml, the slug made from the title, dated today.
    Talk {
        /// The talk's title.
        title: String,
        /// The site folder, holding site.yaml.
        #[arg(long, default_value = ".")]
        site: PathBuf,
    },
    /// Write posts/<slug>.md, a draft, the slug made from the title, dated today.
    Post {
        /// The post's title.
        title: String,
        /// The site folder, holding site.yaml.
        #[arg(long, default_value = ".")]
        site: PathBuf,
    },
    /// Write teaching/<slug>.yaml for a course, the slug made from the title.
    Teaching {
        /// The course's title.
        title: String,
        /// The site folder, holding site.yaml.
        #[arg(long, default_value = ".")]
        site: PathBuf,
    },
    /// Write projects/<slug>.yaml, the slug made from the title, started today.
    Project {
        /// The project's title.
        title: String,
        /// The site folder, holding site.yaml.
        #[arg(long, default_value = ".")]
        site: PathBuf,
    },
}

/// Runs a parsed command; warnings and the summary go to `log` (stderr).
pub fn run(cli: Cli, log: &mut dyn std::io::Write) -> crate::Result<()> {
    match cli.command {
        Command::Build { site } => {
            let opts = site.options();
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
        Command::Watch { site, poll } => {
            let root = site.site.clone();
            watch_and_report(Session::new(site.options())?, &root, poll, None, log)
        }
        Command::Serve {
            site,
            port,
            bind,
            open,
            poll,
            allow_host,
        } => {
            let root = site.site.clone();
            let mut opts = site.options();
            // The preview shows draft posts (marked as drafts); builds never do.
            opts.overrides.drafts = true;
            // So the preview goes to its own folder, never to public/, which a
            // deploy could pick up with the drafts in it.
            if opts.output.is_none() {
                opts.output = Some(preview_dir(&root)?);
            }
            let session = Session::new(opts)?;
            let listener = serve::bind(std::net::SocketAddr::new(bind, port))?;
            let addr = listener.local_addr().map_err(|e| crate::Error::Io {
                path: PathBuf::from(format!("{bind}:{port}")),
                source: e,
            })?;
            let hub = Arc::new(serve::Hub::default());
            let served = session.output_dir().to_path_buf();
            let server_hub = Arc::clone(&hub);
            let hosts = serve::AllowedHosts::new(bind, allow_host);
            let served_dir = served.clone();
            std::thread::spawn(move || serve::serve(listener, served_dir, server_hub, hosts));
            let url = format!("http://{addr}/");
            let _ = writeln!(
                log,
                "folio: serving {} at {url} from {} (Ctrl-C to stop)",
                root.display(),
                served.display()
            );
            if open {
                let _ = open_browser(&url);
            }
            watch_and_report(session, &root, poll, Some(&hub), log)
        }
        Command::Init {
            dir,
            lab,
            gitlab,
            orcid,
            scheduled_update,
        } => {
            let opts = crate::cli::init::InitOptions {
                lab,
                gitlab,
                scheduled_update,
            };
            let done = match orcid {
                Some(id) => update::init_orcid(&dir, &id, &opts, log)?,
                None => crate::cli::init::init_with(&dir, &opts)?,
            };
            // In an existing site, only the metrics workflow was written.
            if done
                .workflow
                .ends_with(crate::cli::init::METRICS_WORKFLOW_PATH)
            {
                let _ = writeln!(log, "  created {}", done.workflow.display());
                let _ = writeln!(log, "{}", crate::cli::init::scheduled_update_steps());
                return Ok(());
            }
            for f in &done.files {
                let _ = writeln!(log, "  created {}", f.display());
            }
            let kind = if lab { "lab" } else { "personal" };
            let _ = writeln!(
                log,
                "folio: wrote a {kind} site into {}; next: `folio serve {}`",
                dir.display(),
                dir.display()
            );
            let _ = writeln!(log, "{}", crate::cli::init::next_steps(&done, gitlab));
            if scheduled_update {
                let _ = writeln!(log, "{}", crate::cli::init::scheduled_update_steps());
            }
            Ok(())
        }
        Command::Deploy {
            site,
            branch,
            remote,
            base_url,
            allow_dirty,
            no_push,
        } => {
            let opts = crate::cli::deploy::DeployOptions {
                site,
                branch,
                remote,
                base_url,
                allow_dirty,
                push: !no_push,
            };
            let report = crate::cli::deploy::deploy(&opts)?;
            for w in &report.warnings {
                let _ = writeln!(log, "{w}");
            }
            let short = &report.commit[..report.commit.len().min(12)];
            let what = if report.committed {
                format!(
                    "committed {short} ({} files) to {}",
                    report.files, opts.branch
                )
            } else {
                format!(
                    "nothing changed since {short} on {}: no commit",
                    opts.branch
                )
            };
            let pushed = match (&report.pushed, report.committed, opts.push) {
                (Some(remote), ..) => format!("; pushed to {remote}"),
                (None, true, true) => format!(
                    "; not pushed: no remote `{}` (push with `git push <remote> {}`)",
                    opts.remote, opts.branch
                ),
                _ => String::new(),
            };
            let _ = writeln!(log, "folio deploy: {what}{pushed}");
            Ok(())
        }
        Command::Check { site } => {
            let report = crate::cli::check::check(&site)?;
            for d in &report.diagnostics {
                let _ = writeln!(log, "{d}");
            }
            for line in &report.active {
                let _ = writeln!(log, "folio check: {line}");
            }
            if report.errors() == 0 {
                let _ = writeln!(log, "{}", report.summary());
            }
            report.into_result()
        }
        Command::New { what } => {
            let path = match what {
                NewCommand::Paper { title, site } => crate::cli::new::create_paper(&site, &title)?,
                NewCommand::Author { name, id, site } => {
                    crate::cli::new::create_author(&site, &name, id.as_deref())?
                }
                NewCommand::Talk { title, site } => crate::cli::new::create_talk(&site, &title)?,
                NewCommand::Post { title, site } => crate::cli::new::create_post(&site, &title)?,
                NewCommand::Teaching { title, site } => {
                    crate::cli::new::create_course(&site, &title)?
                }
                NewCommand::Project { title, site } => {
                    crate::cli::new::create_project(&site, &title)?
                }
            };
            let _ = writeln!(log, "folio: created {}", path.display());
            Ok(())
        }
        Command::Theme {
            what:
                ThemeCommand::Eject {
                    templates,
                    site,
                    output,
                    force,
                },
        } => {
            let opts = crate::cli::theme::EjectOptions {
                site,
                names: templates,
                output,
                force,
            };
            let written = crate::cli::theme::eject(&opts)?;
            for path in &written {
                let _ = writeln!(log, "  wrote {}", path.display());
            }
            let _ = writeln!(log, "folio: wrote {} templates", written.len());
            Ok(())
        }
        Command::Schema { site, output } => {
            let dir = output.unwrap_or_else(|| site.join(crate::cli::jsonschema::DEFAULT_DIR));
            for path in crate::cli::jsonschema::write_schemas(&dir)? {
                let _ = writeln!(log, "  wrote {}", path.display());
            }
            for path in crate::cli::jsonschema::write_collection_schemas(&site, &dir)? {
                let _ = writeln!(log, "  wrote {}", path.display());
            }
            let _ = writeln!(log, "folio: wrote JSON Schemas into {}", dir.display());
            Ok(())
        }
        Command::Import {
            input,
            from,
            site,
            dry_run,
            as_of,
        } => {
            let opts = ImportOptions {
                input,
                from,
                site,
                dry_run,
                as_of,
            };
            let report = import::import(&opts)?;
            for d in &report.diagnostics {
                let _ = writeln!(log, "{d}");
            }
            for line in &report.lines {
                let _ = writeln!(log, "{line}");
            }
            let _ = writeln!(log, "folio: {}", report.summary());
            report.into_result(&opts.input)
        }
        Command::Update(args) => update::run(args, log),
    }
}

/// Opens `url` in the default browser: `open` on macOS, `start` on Windows,
/// `xdg-open` elsewhere.
fn open_browser(url: &str) -> std::io::Result<std::process::Child> {
    let (program, args): (&str, &[&str]) = if cfg!(target_os = "macos") {
        ("open", &[])
    } else if cfg!(windows) {
        // `start`'s first quoted argument is a window title, hence the empty one.
        ("cmd", &["/C", "start", ""])
    } else {
        ("xdg-open", &[])
    };
    std::process::Command::new(program)
        .args(args)
        .arg(url)
        .spawn()
}

/// Runs the watch loop, printing one line per rebuild and telling the server's
/// pages to reload (or to show the error).
fn watch_and_report(
    mut session: Session,
    site: &std::path::Path,
    poll: bool,
    hub: Option<&serve::Hub>,
    log: &mut dyn std::io::Write,
) -> crate::Result<()> {
    let stop = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stop);
    let _ = ctrlc::set_handler(move || flag.store(true, Ordering::Relaxed));
    let watch_opts = watch::WatchOptions {
        poll,
        ..Default::default()
    };
    watch::run(&mut session, site, &watch_opts, &stop, |event| {
        let (what, result) = match &event {
            watch::WatchEvent::Started(r) => ("initial build".to_string(), *r),
            watch::WatchEvent::Rebuilt { changed, result } => {
                let names: Vec<String> = changed.iter().map(|p| p.display().to_string()).collect();
                (format!("change in {}", names.join(", ")), *result)
            }
        };
        match result {
            Ok(report) => {
                for w in &report.warnings {
                    let _ = writeln!(log, "{w}");
                }
                let _ = writeln!(
                    log,
                    "folio: rebuilt after {what}: {} pages rendered, {} files written, {} removed, in {} ms",
                    report.rendered,
                    report.stats.written,
                    report.stats.removed,
                    report.elapsed.as_millis()
                );
                if let Some(hub) = hub {
                    hub.set_base_path(&report.base_path);
                    hub.notify(serve::Notice::Reload);
                }
            }
            Err(e) => {
                let _ = writeln!(
                    log,
                    "{e}
folio: build failed after {what}; still watching, the last good output is kept"
                );
                if let Some(hub) = hub {
                    hub.notify(serve::Notice::Error(e.to_string()));
                }
            }
        }
        let _ = log.flush();
    })?;
    let _ = writeln!(log, "folio: stopped");
    Ok(())
}
