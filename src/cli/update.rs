//! `folio update [SITE]`: fetches citation counts and author records into
//! `data/metrics.yaml` (written atomically, never half), prints what changed;
//! `--discover` lists works the site lacks and `--add` imports the confirmed
//! ones. Exit code 3 when a source is down or over budget (see `update`).
//!
//! For tests only, these environment variables change how folio reaches the
//! network: `FOLIO_TEST_*_URL` (the sources' base addresses, see
//! `update::sources`), `FOLIO_TEST_HTTP_TIMEOUT_MS` (the timeout of one
//! request) and `FOLIO_TEST_SLEEP_CAP_MS` (waits between retries are cut to
//! this, so tests never sleep long).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::error::{Error, Result};
use crate::update::http::{Client, Policy, Transport};
use crate::update::{self, UpdateOptions, UpdateReport, cache::Cache, discover};

/// `folio update`'s flags.
#[derive(Debug, clap::Args)]
pub struct UpdateArgs {
    /// The site folder, holding site.yaml.
    #[arg(default_value = ".")]
    pub site: PathBuf,
    /// Show what would change; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// List works of the owner (or members) that the site does not have.
    #[arg(long)]
    pub discover: bool,
    /// With --discover: import the works listed, after a confirmation.
    #[arg(long, requires = "discover")]
    pub add: bool,
    /// With --add: do not ask for confirmation.
    #[arg(long)]
    pub yes: bool,
}

/// The HTTP client of a command-line run: the real transport (when built with
/// the `network` feature), the site's cache, real sleeps (capped for tests).
pub(crate) fn client(site: &Path) -> Client {
    client_with(Some(Cache::new(site, Duration::from_secs(3600))))
}

fn client_with(cache: Option<Cache>) -> Client {
    let ms = |var: &str| {
        std::env::var(var)
            .ok()
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map(Duration::from_millis)
    };
    let timeout = ms("FOLIO_TEST_HTTP_TIMEOUT_MS").unwrap_or(Duration::from_secs(30));
    let cap = ms("FOLIO_TEST_SLEEP_CAP_MS");
    let sleep = move |d: Duration| std::thread::sleep(cap.map_or(d, |c| d.min(c)));
    Client::new(
        transport(timeout),
        Box::new(sleep),
        cache,
        Policy::default(),
    )
}

#[cfg(feature = "network")]
fn transport(timeout: Duration) -> Box<dyn Transport> {
    Box::new(update::http::Ureq::new(timeout))
}

#[cfg(not(feature = "network"))]
fn transport(_: Duration) -> Box<dyn Transport> {
    Box::new(update::http::Offline)
}

/// The OpenAlex key from the environment (an empty value is no key).
pub(crate) fn api_key() -> Option<String> {
    std::env::var(update::KEY_VAR)
        .ok()
        .map(|k| k.trim().to_string())
        .filter(|k| !k.is_empty())
}

/// Runs `folio update`.
pub fn run(args: UpdateArgs, log: &mut dyn Write) -> Result<()> {
    let opts = UpdateOptions {
        site: args.site.clone(),
        api_key: api_key(),
        today: crate::resolve::today().iso(),
    };
    let mut client = client(&args.site);
    if args.discover {
        let result = run_discover(&args, &opts, &mut client, log);
        print_retries(&client, log);
        return result;
    }
    let terminal = std::io::stderr().is_terminal();
    let mut progress = |done: usize, total: usize| {
        if terminal {
            eprint!("\rfolio update: {done}/{total}");
        }
    };
    let report = update::update(&opts, &mut client, &mut progress);
    if terminal {
        eprint!("\r\x1b[K");
    }
    print_retries(&client, log);
    let report = report?;
    print_report(&report, log);
    let state = if !report.changed() {
        "data/metrics.yaml unchanged".to_string()
    } else if args.dry_run {
        "dry run, nothing written".to_string()
    } else {
        write_metrics(&args.site, &report.text)?;
        format!("wrote {}", update::METRICS_FILE)
    };
    let _ = writeln!(
        log,
        "folio update: {} of {} papers found, {} requests ({}); {state}",
        report.papers_found,
        report.papers_total,
        client.sent,
        if opts.api_key.is_some() {
            "with an OpenAlex key"
        } else {
            "no OpenAlex key"
        }
    );
    Ok(())
}

fn print_retries(client: &Client, log: &mut dyn Write) {
    for n in &client.notes {
        let _ = writeln!(log, "  {n}");
    }
}

/// The notes, then the table of changes (old -> new, source).
fn print_report(report: &UpdateReport, log: &mut dyn Write) {
    for n in &report.notes {
        let _ = writeln!(log, "  note: {n}");
    }
    if report.changes.is_empty() {
        let _ = writeln!(log, "  no number changed");
        return;
    }
    let width = report
        .changes
        .iter()
        .map(|c| c.what.chars().count())
        .max()
        .unwrap_or(0);
    for c in &report.changes {
        let old = c.old.map_or("-".to_string(), |o| o.to_string());
        let _ = writeln!(
            log,
            "  {:width$}  {:11}  {:>8} -> {:<8}  {}",
            c.what, c.field, old, c.new, c.source
        );
    }
}

/// `data/metrics.yaml`, replaced by a rename (never half-written, never
/// through a link).
fn write_metrics(site: &Path, text: &str) -> Result<()> {
    let rel = Path::new(update::METRICS_FILE);
    if let Some(parent) = rel.parent() {
        crate::cli::files::create_dirs(site, parent)?;
    }
    crate::cli::files::replace(&site.join(rel), text.as_bytes())
}

fn run_discover(
    args: &UpdateArgs,
    opts: &UpdateOptions,
    client: &mut Client,
    log: &mut dyn Write,
) -> Result<()> {
    let found = discover::discover(opts, client)?;
    for n in &found.notes {
        let _ = writeln!(log, "  note: {n}");
    }
    for w in &found.works {
        let year = w.year.map_or("----".to_string(), |y| y.to_string());
        let id = w.doi.as_deref().unwrap_or(&w.openalex);
        let _ = writeln!(log, "  {year}  {}  ({id}; {})", w.title, w.author);
    }
    let _ = writeln!(
        log,
        "folio update --discover: {} works not on the site{}",
        found.works.len(),
        if found.not_mine > 0 {
            format!(" ({} left out as not_mine)", found.not_mine)
        } else {
            String::new()
        }
    );
    if !args.add || found.works.is_empty() {
        if !found.works.is_empty() {
            let _ = writeln!(
                log,
                "  add them with `folio update --discover --add`; list wrong ones under \
                 `metrics: {{not_mine: [...]}}` in site.yaml"
            );
        }
        return Ok(());
    }
    if !args.yes && !confirm(found.works.len(), log)? {
        let _ = writeln!(log, "folio update: nothing added");
        return Ok(());
    }
    let chosen: Vec<&discover::Discovered> = found.works.iter().collect();
    import_works(
        &args.site,
        &discover::export(&chosen),
        &opts.today,
        args.dry_run,
        log,
    )
}

/// Asks on the terminal; without one, `--yes` is required.
fn confirm(n: usize, log: &mut dyn Write) -> Result<bool> {
    if !std::io::stdin().is_terminal() {
        return Err(Error::Update(
            "--add needs a confirmation: run it on a terminal, or add --yes".into(),
        ));
    }
    let _ = write!(log, "Add these {n} works to papers/? [y/N] ");
    let _ = log.flush();
    let mut answer = String::new();
    std::io::stdin()
        .read_line(&mut answer)
        .map_err(|e| Error::Update(format!("cannot read the answer: {e}")))?;
    Ok(matches!(answer.trim(), "y" | "Y" | "yes"))
}

/// Imports works through `folio import` (an OpenAlex export in the cache folder).
pub(crate) fn import_works(
    site: &Path,
    export: &str,
    today: &str,
    dry_run: bool,
    log: &mut dyn Write,
) -> Result<()> {
    let rel = Path::new(update::cache::DIR).join("discovered.json");
    crate::cli::files::create_dirs(site, rel.parent().unwrap_or(Path::new(".")))?;
    let input = site.join(&rel);
    crate::cli::files::replace(&input, export.as_bytes())?;
    let opts = crate::import::ImportOptions {
        input: input.clone(),
        from: Some(crate::import::Format::OpenAlex),
        site: site.to_path_buf(),
        dry_run,
        as_of: Some(today.to_string()),
    };
    let report = crate::import::import(&opts);
    let _ = std::fs::remove_file(&input);
    let report = report?;
    for d in &report.diagnostics {
        let _ = writeln!(log, "{d}");
    }
    for line in &report.lines {
        let _ = writeln!(log, "{line}");
    }
    let _ = writeln!(log, "folio: {}", report.summary());
    report.into_result(&input)
}

/// The starter files `--orcid` removes: the example papers and what cites them.
const STARTER_EXAMPLES: [&str; 6] = [
    "papers/first-paper.yaml",
    "papers/second-paper.yaml",
    "talks/first-talk.yaml",
    "posts/first-post.md",
    "projects/first-project.yaml",
    "static/images/first-project.svg",
];

/// `folio init --orcid ID`: the person's public record is fetched first
/// (nothing is written if that fails), then the starter site is written and
/// filled: the author file, the site's title, the works (from OpenAlex, else
/// from the ORCID record) instead of the example papers, and the metrics.
pub fn init_orcid(
    dir: &Path,
    orcid: &str,
    opts: &crate::cli::init::InitOptions,
    log: &mut dyn Write,
) -> Result<crate::cli::init::Initialized> {
    let id = crate::update::targets::orcid_of(orcid).ok_or_else(|| {
        Error::Update(format!(
            "`{orcid}` is not an ORCID iD; write it as 0000-0002-1825-0097"
        ))
    })?;
    let key = api_key();
    // No cache yet: the site folder is written only once the record is in.
    let mut fetch_client = client_with(None);
    let profile = crate::update::profile::fetch(&mut fetch_client, &id, key.as_deref())?;
    let done = crate::cli::init::init_with(dir, opts)?;
    crate::cli::files::replace(
        &dir.join("authors/you.yaml"),
        crate::update::profile::author_yaml(&profile).as_bytes(),
    )?;
    if let Some(name) = &profile.name {
        let site = dir.join("site.yaml");
        let text = std::fs::read_to_string(&site).map_err(crate::error::io_error(&site))?;
        let quoted = serde_json::to_string(name).unwrap_or_default();
        let text = text.replacen("title: Your Name\n", &format!("title: {quoted}\n"), 1);
        crate::cli::files::replace(&site, text.as_bytes())?;
    }
    // The example papers make way for the person's own, with the examples
    // that cite them.
    let mut done = done;
    for starter in STARTER_EXAMPLES {
        let path = dir.join(starter);
        std::fs::remove_file(&path).map_err(crate::error::io_error(&path))?;
        done.files.retain(|f| f != &path);
    }
    let today = crate::resolve::today().iso();
    if profile.works.is_empty() {
        import_orcid_works(dir, &profile.record, &today, log)?;
    } else {
        let export = serde_json::json!({ "results": profile.works }).to_string();
        import_works(dir, &export, &today, false, log)?;
    }
    let update_opts = UpdateOptions {
        site: dir.to_path_buf(),
        api_key: key,
        today,
    };
    let mut c = client(dir);
    let report = update::update(&update_opts, &mut c, &mut |_, _| {})?;
    write_metrics(dir, &report.text)?;
    let _ = writeln!(
        log,
        "folio: filled from ORCID {id}{}: {} papers, metrics in {}",
        profile
            .openalex
            .as_deref()
            .map_or(String::new(), |a| format!(" and OpenAlex {a}")),
        report.papers_total,
        update::METRICS_FILE
    );
    Ok(done)
}

/// Imports the works of an ORCID record (the owner becomes their author).
fn import_orcid_works(dir: &Path, record: &str, today: &str, log: &mut dyn Write) -> Result<()> {
    let rel = Path::new(update::cache::DIR).join("orcid-record.json");
    crate::cli::files::create_dirs(dir, rel.parent().unwrap_or(Path::new(".")))?;
    let input = dir.join(&rel);
    crate::cli::files::replace(&input, record.as_bytes())?;
    let opts = crate::import::ImportOptions {
        input: input.clone(),
        from: Some(crate::import::Format::Orcid),
        site: dir.to_path_buf(),
        dry_run: false,
        as_of: Some(today.to_string()),
    };
    let report = crate::import::import(&opts);
    let _ = std::fs::remove_file(&input);
    let report = report?;
    let _ = writeln!(log, "folio: {}", report.summary());
    report.into_result(&input)
}
