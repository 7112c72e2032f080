//! `folio watch`: rebuild on every change of the site's input.
//!
//! Only the input folders are watched, never the output, so writing the site
//! cannot trigger another rebuild. Events are debounced (an editor's
//! write-to-temp-and-rename save arrives as one batch) and classified by the pure
//! `classify`; a batch with no input file in it causes no rebuild.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use notify::{PollWatcher, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{
    DebounceEventResult, Debouncer, NoCache, RecommendedCache, new_debouncer, new_debouncer_opt,
};

use crate::error::{Error, Result};
use crate::load::is_ignored_name;
use crate::site::{RebuildReport, Session};

/// What kind of input a changed path is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ChangeKind {
    Config,
    Author,
    Paper,
    Page,
    Static,
    Theme,
}

/// The input folders of a site and what they hold.
const INPUT_DIRS: [(&str, ChangeKind); 6] = [
    ("authors", ChangeKind::Author),
    ("papers", ChangeKind::Paper),
    ("pages", ChangeKind::Page),
    ("static", ChangeKind::Static),
    ("templates", ChangeKind::Theme),
    ("themes", ChangeKind::Theme),
];

/// Classifies a changed path: `None` when it is not an input of the build (the
/// output folder, editor temp and backup files, anything outside the input folders).
pub fn classify(root: &Path, out: &Path, path: &Path) -> Option<ChangeKind> {
    if path.starts_with(out) {
        return None;
    }
    let rel = path.strip_prefix(root).ok()?;
    let mut parts = rel.components().map(|c| c.as_os_str().to_string_lossy());
    let first = parts.next()?;
    if rel
        .components()
        .any(|c| is_ignored_name(&c.as_os_str().to_string_lossy()))
    {
        return None;
    }
    if rel.components().count() == 1 {
        return (first == "site.yaml").then_some(ChangeKind::Config);
    }
    let kind = INPUT_DIRS
        .iter()
        .find(|(dir, _)| *dir == first)
        .map(|(_, kind)| *kind)?;
    // Content folders hold only YAML or Markdown; an editor's probe file (vim's
    // `4913`) is not content.
    let ext = rel.extension().and_then(|e| e.to_str()).unwrap_or("");
    let content_ok = match kind {
        ChangeKind::Author | ChangeKind::Paper => matches!(ext, "yaml" | "yml"),
        ChangeKind::Page => matches!(ext, "md" | "markdown"),
        _ => true,
    };
    content_ok.then_some(kind)
}

/// How to watch.
#[derive(Debug, Clone)]
pub struct WatchOptions {
    /// Poll the file system instead of waiting for its events (network drives,
    /// some containers).
    pub poll: bool,
    /// How long the file system must be quiet before a rebuild starts.
    pub debounce: Duration,
}

impl Default for WatchOptions {
    fn default() -> Self {
        WatchOptions {
            poll: false,
            debounce: Duration::from_millis(60),
        }
    }
}

/// What happened after a batch of changes.
#[derive(Debug)]
pub enum WatchEvent<'a> {
    /// The first build, before any change.
    Started(&'a Result<RebuildReport>),
    /// A rebuild after changes to these inputs.
    Rebuilt {
        changed: &'a [PathBuf],
        result: &'a Result<RebuildReport>,
    },
}

enum AnyDebouncer {
    Native(Debouncer<RecommendedWatcher, RecommendedCache>),
    Poll(Debouncer<PollWatcher, NoCache>),
}

impl AnyDebouncer {
    fn watch(&mut self, path: &Path, mode: RecursiveMode) -> notify::Result<()> {
        match self {
            AnyDebouncer::Native(d) => d.watch(path, mode),
            AnyDebouncer::Poll(d) => d.watch(path, mode),
        }
    }
}

fn watch_error(root: &Path, e: notify::Error) -> Error {
    Error::Io {
        path: root.to_path_buf(),
        source: std::io::Error::other(e.to_string()),
    }
}

/// Builds once, then rebuilds after every change until `stop` is set. Each build's
/// outcome goes to `on_event`; a failed build never stops the watch.
pub fn run(
    session: &mut Session,
    root: &Path,
    opts: &WatchOptions,
    stop: &AtomicBool,
    mut on_event: impl FnMut(WatchEvent),
) -> Result<()> {
    // Events carry absolute paths; compare them with an absolute root.
    let root = &root.canonicalize().map_err(crate::error::io_error(root))?;
    let (tx, rx) = mpsc::channel::<DebounceEventResult>();
    let mut debouncer = if opts.poll {
        let config = notify::Config::default().with_poll_interval(Duration::from_millis(300));
        AnyDebouncer::Poll(
            new_debouncer_opt(opts.debounce, None, tx, NoCache, config)
                .map_err(|e| watch_error(root, e))?,
        )
    } else {
        AnyDebouncer::Native(
            new_debouncer(opts.debounce, None, tx).map_err(|e| watch_error(root, e))?,
        )
    };
    debouncer
        .watch(root, RecursiveMode::NonRecursive)
        .map_err(|e| watch_error(root, e))?;
    let mut watched = Vec::new();
    add_input_dirs(&mut debouncer, root, &mut watched);

    let out = session.output_dir().to_path_buf();
    let first = session.rebuild();
    on_event(WatchEvent::Started(&first));
    while !stop.load(Ordering::Relaxed) {
        let batch = match rx.recv_timeout(Duration::from_millis(100)) {
            Ok(Ok(events)) => events,
            Ok(Err(_)) | Err(mpsc::RecvTimeoutError::Timeout) => continue,
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        };
        let mut changed: Vec<PathBuf> = batch
            .iter()
            .filter(|e| !e.kind.is_access() && !e.kind.is_other())
            .flat_map(|e| e.paths.iter())
            .filter(|p| classify(root, &out, p).is_some())
            .map(|p| p.strip_prefix(root).unwrap_or(p).to_path_buf())
            .collect();
        changed.sort();
        changed.dedup();
        if changed.is_empty() {
            continue;
        }
        // A new input folder (papers/ created after start) needs its own watch.
        add_input_dirs(&mut debouncer, root, &mut watched);
        let result = session.rebuild();
        on_event(WatchEvent::Rebuilt {
            changed: &changed,
            result: &result,
        });
    }
    Ok(())
}

fn add_input_dirs(debouncer: &mut AnyDebouncer, root: &Path, watched: &mut Vec<PathBuf>) {
    for (dir, _) in INPUT_DIRS {
        let path = root.join(dir);
        if path.is_dir()
            && !watched.contains(&path)
            && debouncer.watch(&path, RecursiveMode::Recursive).is_ok()
        {
            watched.push(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(path: &str) -> Option<ChangeKind> {
        classify(
            Path::new("/site"),
            Path::new("/site/public"),
            Path::new(path),
        )
    }

    #[test]
    fn inputs_are_classified_by_folder() {
        assert_eq!(kind("/site/site.yaml"), Some(ChangeKind::Config));
        assert_eq!(kind("/site/papers/a.yaml"), Some(ChangeKind::Paper));
        assert_eq!(kind("/site/authors/ada.yaml"), Some(ChangeKind::Author));
        assert_eq!(kind("/site/pages/cv.md"), Some(ChangeKind::Page));
        assert_eq!(kind("/site/static/img/me.jpg"), Some(ChangeKind::Static));
        assert_eq!(kind("/site/templates/404.html"), Some(ChangeKind::Theme));
        assert_eq!(
            kind("/site/themes/mine/static/x.css"),
            Some(ChangeKind::Theme)
        );
    }

    #[test]
    fn output_temp_files_and_strangers_are_not_inputs() {
        assert_eq!(kind("/site/public/index.html"), None);
        assert_eq!(kind("/site/papers/.a.yaml.swp"), None);
        assert_eq!(kind("/site/papers/a.yaml~"), None);
        assert_eq!(kind("/site/papers/#a.yaml#"), None);
        assert_eq!(kind("/site/papers/4913.tmp"), None);
        assert_eq!(kind("/site/.git/index"), None);
        assert_eq!(kind("/site/README.md"), None);
        assert_eq!(kind("/elsewhere/papers/a.yaml"), None);
        assert_eq!(kind("/site/.public.folio-staging/x"), None);
        assert_eq!(kind("/site/papers/4913"), None);
    }
}
