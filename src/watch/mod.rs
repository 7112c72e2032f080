//! `folio watch`: rebuild on every change of the site's input.
//!
//! Only the input is watched, never the output, so writing the site cannot
//! trigger another rebuild: the site folder itself, not recursively (it sees an
//! input folder made, removed, moved or swapped, and `site.yaml`), and each input
//! folder recursively, watched again whenever an event names the folder itself or
//! another folder now stands at its path. Events are debounced (an editor's
//! write-to-temp-and-rename save arrives as one batch) and classified by the pure
//! `classify`, with the loader's own rule of what is read; a batch with no input
//! in it causes no rebuild. `--poll` lists the input and compares every file's
//! size, time and identity at an interval instead.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use notify::event::{CreateKind, EventKind, ModifyKind, RemoveKind};
use notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use crate::error::{Error, Result};
use crate::load;
use crate::site::{RebuildReport, Session};

/// What kind of input a changed path is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ChangeKind {
    Config,
    Author,
    Paper,
    Page,
    News,
    Talk,
    Post,
    Course,
    Project,
    /// An item of a generic collection declared in `site.yaml`.
    Collection,
    Static,
    Theme,
}

/// The input folders of a site and what they hold: every folder a build reads.
const INPUT_DIRS: [(&str, ChangeKind); 12] = [
    ("authors", ChangeKind::Author),
    ("papers", ChangeKind::Paper),
    ("pages", ChangeKind::Page),
    ("news", ChangeKind::News),
    ("talks", ChangeKind::Talk),
    ("posts", ChangeKind::Post),
    ("teaching", ChangeKind::Course),
    ("projects", ChangeKind::Project),
    ("static", ChangeKind::Static),
    ("templates", ChangeKind::Theme),
    ("themes", ChangeKind::Theme),
    // `data/metrics.yaml`, which `folio update` writes: shared input, as
    // `site.yaml` is (badges, charts and paper pages read it).
    ("data", ChangeKind::Config),
];

/// Every input folder's name: the fixed ones, then the folders of the generic
/// collections `site.yaml` declares now (read again for each batch of changes,
/// so a collection declared while watching is watched from then on).
fn input_folders(collections: &[String]) -> impl Iterator<Item = &str> {
    INPUT_DIRS
        .iter()
        .map(|(dir, _)| *dir)
        .chain(collections.iter().map(String::as_str))
}

/// Classifies a changed path: `None` when it is not an input of the build (the
/// output folder, editor temp and backup files, anything outside the input
/// folders). `folder` tells that the path is (or may have been) a folder: a
/// folder made, moved or removed inside a content folder changes what is read.
/// The rule is the loader's: the same ignored names and the same file types.
pub fn classify(
    root: &Path,
    out: &Path,
    path: &Path,
    folder: bool,
    collections: &[String],
) -> Option<ChangeKind> {
    if path.starts_with(out) {
        return None;
    }
    let rel = path.strip_prefix(root).ok()?;
    let names: Vec<_> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect();
    let first = names.first()?;
    let kind = INPUT_DIRS
        .iter()
        .find(|(dir, _)| dir == first)
        .map(|(_, kind)| *kind)
        .or_else(|| {
            collections
                .iter()
                .any(|c| c == first)
                .then_some(ChangeKind::Collection)
        });
    if names.len() == 1 {
        // `site.yaml`, or an input folder itself: made, removed, moved or swapped.
        // The CV files at the root are shared input, as `site.yaml` is.
        return if first == "site.yaml" || load::CV_FILES.contains(&first.as_ref()) {
            Some(ChangeKind::Config)
        } else {
            kind
        };
    }
    let kind = kind?;
    let below = &names[1..];
    let exts = load::CONTENT_DIRS
        .iter()
        .find(|(dir, _)| dir == first)
        .map(|(_, exts)| *exts)
        .or((kind == ChangeKind::Collection).then_some(&load::ITEM_EXTENSIONS[..]));
    match exts {
        // Content folders: the loader skips every ignored name below the folder
        // and reads only its file types; an editor's probe file (vim's `4913`)
        // is not content.
        Some(exts) => (!below.iter().any(|n| load::is_ignored_name(n))
            && (folder || load::has_extension(rel, exts)))
        .then_some(kind),
        // Theme and data files: ignored names (the temporary file `folio
        // update` renames into place, editors' files) are not input.
        None if matches!(kind, ChangeKind::Theme | ChangeKind::Config) => {
            (!load::is_ignored_name(names.last()?)).then_some(kind)
        }
        // `static/` is copied as it is, whatever the names.
        None => Some(kind),
    }
}

/// Whether an event's path is, or may have been, a folder: what the event says,
/// else what is on disk now (a path that is gone may have been one).
fn may_be_folder(kind: &EventKind, path: &Path) -> bool {
    match kind {
        EventKind::Create(CreateKind::Folder) | EventKind::Remove(RemoveKind::Folder) => true,
        EventKind::Create(CreateKind::File) | EventKind::Remove(RemoveKind::File) => false,
        _ => std::fs::symlink_metadata(path).map_or(true, |m| m.is_dir()),
    }
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
    let out = session.output_dir().to_path_buf();
    // Watching starts before the first build, so that no change is missed.
    let mut source = if opts.poll {
        Source::Poll(Poller::new(root, &out))
    } else {
        Source::Events(Events::new(root, opts.debounce)?)
    };
    let first = session.rebuild();
    on_event(WatchEvent::Started(&first));
    while !stop.load(Ordering::Relaxed) {
        let changed = match &mut source {
            Source::Events(events) => match events.next(root, &out) {
                Some(changed) => changed,
                None => break,
            },
            Source::Poll(poller) => poller.next(root, &out),
        };
        if changed.is_empty() {
            continue;
        }
        let result = session.rebuild();
        on_event(WatchEvent::Rebuilt {
            changed: &changed,
            result: &result,
        });
    }
    Ok(())
}

enum Source {
    Events(Events),
    Poll(Poller),
}

/// Change events from the operating system (inotify, FSEvents...), debounced.
struct Events {
    debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    rx: mpsc::Receiver<DebounceEventResult>,
    watched: Watched,
}

impl Events {
    fn new(root: &Path, debounce: Duration) -> Result<Events> {
        let (tx, rx) = mpsc::channel::<DebounceEventResult>();
        let mut debouncer = new_debouncer(debounce, None, tx).map_err(|e| watch_error(root, e))?;
        // The site folder itself, not recursively: this sees input folders made,
        // removed, moved or swapped (and `site.yaml`) without watching the output.
        debouncer
            .watch(root, RecursiveMode::NonRecursive)
            .map_err(|e| watch_error(root, e))?;
        let mut watched = Watched::default();
        watched.sync(&mut debouncer, root, &load::declared_folders(root), |_| {
            true
        });
        Ok(Events {
            debouncer,
            rx,
            watched,
        })
    }

    /// The input paths changed in the next batch of events (empty when none came
    /// for a while); `None` when the watcher is gone.
    fn next(&mut self, root: &Path, out: &Path) -> Option<Vec<PathBuf>> {
        let batch = match self.rx.recv_timeout(Duration::from_millis(100)) {
            Ok(Ok(events)) => events,
            Ok(Err(_)) | Err(mpsc::RecvTimeoutError::Timeout) => return Some(Vec::new()),
            Err(mpsc::RecvTimeoutError::Disconnected) => return None,
        };
        // Events were lost (the kernel's queue overflowed): look at everything.
        let rescan = batch.iter().any(|e| e.need_rescan());
        let events: Vec<_> = batch
            .iter()
            .filter(|e| !e.kind.is_access() && !e.kind.is_other())
            .collect();
        // Watch again every input folder that an event names itself (a watch
        // follows the folder it was put on, which may now be elsewhere or gone).
        let named: Vec<&Path> = events
            .iter()
            .filter(|e| {
                !matches!(
                    e.kind,
                    EventKind::Modify(ModifyKind::Data(_) | ModifyKind::Metadata(_))
                )
            })
            .flat_map(|e| e.paths.iter())
            .filter_map(|p| p.strip_prefix(root).ok())
            .collect();
        let collections = load::declared_folders(root);
        self.watched
            .sync(&mut self.debouncer, root, &collections, |dir| {
                rescan || named.iter().any(|p| *p == Path::new(dir))
            });
        let mut changed: Vec<PathBuf> = events
            .iter()
            .flat_map(|e| e.paths.iter().map(move |p| (&e.kind, p)))
            .filter(|(kind, p)| {
                classify(root, out, p, may_be_folder(kind, p), &collections).is_some()
            })
            .map(|(_, p)| p.strip_prefix(root).unwrap_or(p).to_path_buf())
            .collect();
        changed.sort();
        changed.dedup();
        if rescan && changed.is_empty() {
            changed.push(PathBuf::from("(events lost: all input)"));
        }
        Some(changed)
    }
}

/// `--poll`: the input is listed and every file's size, modification time and
/// identity compared with the last listing, at a fixed interval. Nothing is
/// missed that changes any of those, whatever happened to the folders.
struct Poller {
    last: Listing,
}

/// Every input path (relative to the site) with its stamp, and whether it is a folder.
type Listing = std::collections::BTreeMap<PathBuf, (Option<load::Stamp>, u64, bool)>;

const POLL_INTERVAL: Duration = Duration::from_millis(300);

impl Poller {
    fn new(root: &Path, out: &Path) -> Poller {
        Poller {
            last: listing(root, out, &load::declared_folders(root)),
        }
    }

    /// Waits one interval and returns the input paths changed since the last call.
    fn next(&mut self, root: &Path, out: &Path) -> Vec<PathBuf> {
        std::thread::sleep(POLL_INTERVAL);
        let collections = load::declared_folders(root);
        let now = listing(root, out, &collections);
        let mut changed: Vec<PathBuf> = now
            .iter()
            .filter(|(p, v)| self.last.get(*p) != Some(v))
            .map(|(p, v)| (p, v.2))
            .chain(
                self.last
                    .iter()
                    .filter(|(p, _)| !now.contains_key(*p))
                    .map(|(p, v)| (p, v.2)),
            )
            .filter(|(p, folder)| {
                classify(root, out, &root.join(p), *folder, &collections).is_some()
            })
            .map(|(p, _)| p.clone())
            .collect();
        changed.sort();
        self.last = now;
        changed
    }
}

/// `site.yaml` and everything under the input folders, not following links and
/// never entering the output. A folder's own times are left out: a file made
/// and removed in it is no change.
fn listing(root: &Path, out: &Path, collections: &[String]) -> Listing {
    let mut all = Listing::new();
    let site = root.join("site.yaml");
    all.insert(
        PathBuf::from("site.yaml"),
        (load::Stamp::of(&site), inode(&site), false),
    );
    for name in load::CV_FILES {
        let cv = root.join(name);
        all.insert(
            PathBuf::from(name),
            (load::Stamp::of(&cv), inode(&cv), false),
        );
    }
    for dir in input_folders(collections) {
        let walker = walkdir::WalkDir::new(root.join(dir)).follow_links(false);
        for entry in walker
            .into_iter()
            .filter_entry(|e| !e.path().starts_with(out))
        {
            let Ok(entry) = entry else { continue };
            let rel = entry.path().strip_prefix(root).unwrap_or(entry.path());
            let folder = entry.file_type().is_dir();
            let stamp = (!folder).then(|| load::Stamp::of(entry.path())).flatten();
            all.insert(rel.to_path_buf(), (stamp, inode(entry.path()), folder));
        }
    }
    all
}

/// A file's inode (an editor's save by rename gives a new one), 0 where unknown.
fn inode(path: &Path) -> u64 {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::symlink_metadata(path).map_or(0, |m| m.ino())
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        0
    }
}

/// The input folders being watched, each with the identity (device, inode) of
/// the folder its watch is on.
#[derive(Default)]
struct Watched {
    dirs: Vec<(String, (u64, u64))>,
}

impl Watched {
    /// Watches every input folder that exists and is not watched, or whose
    /// watch may be stale (`renew`, or a different folder now at its path);
    /// drops the watches of folders that are gone. Call before each rebuild: a
    /// change made before a watch is put on is then still read by that rebuild.
    fn sync(
        &mut self,
        debouncer: &mut Debouncer<RecommendedWatcher, RecommendedCache>,
        root: &Path,
        collections: &[String],
        renew: impl Fn(&str) -> bool,
    ) {
        for dir in input_folders(collections) {
            let path = root.join(dir);
            let now = folder_identity(&path);
            let known = self.dirs.iter().position(|(d, _)| *d == dir);
            let same = known.is_some_and(|i| Some(self.dirs[i].1) == now);
            if same && !renew(dir) {
                continue;
            }
            if let Some(i) = known {
                self.dirs.remove(i);
                let _ = debouncer.unwatch(&path);
            }
            if let Some(id) = now
                && debouncer.watch(&path, RecursiveMode::Recursive).is_ok()
            {
                self.dirs.push((dir.to_string(), id));
            }
        }
    }
}

/// The device and inode of a folder (not following a link), `None` when there
/// is no folder at `path`.
fn folder_identity(path: &Path) -> Option<(u64, u64)> {
    let meta = std::fs::symlink_metadata(path)
        .ok()
        .filter(|m| m.is_dir())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some((meta.dev(), meta.ino()))
    }
    #[cfg(not(unix))]
    {
        // No inode: tell folders apart by creation time.
        let created = meta.created().ok()?;
        let nanos = created
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64);
        Some((0, nanos))
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
            false,
            &["software".to_string()],
        )
    }

    fn folder_kind(path: &str) -> Option<ChangeKind> {
        classify(
            Path::new("/site"),
            Path::new("/site/public"),
            Path::new(path),
            true,
            &["software".to_string()],
        )
    }

    #[test]
    fn inputs_are_classified_by_folder() {
        assert_eq!(kind("/site/site.yaml"), Some(ChangeKind::Config));
        assert_eq!(kind("/site/cv.yaml"), Some(ChangeKind::Config));
        assert_eq!(kind("/site/resume.json"), Some(ChangeKind::Config));
        assert_eq!(kind("/site/cv.yaml~"), None);
        assert_eq!(kind("/site/data/metrics.yaml"), Some(ChangeKind::Config));
        assert_eq!(kind("/site/data/.metrics.yaml.tmp"), None);
        assert_eq!(kind("/site/papers/a.yaml"), Some(ChangeKind::Paper));
        assert_eq!(kind("/site/authors/ada.yaml"), Some(ChangeKind::Author));
        assert_eq!(kind("/site/pages/cv.md"), Some(ChangeKind::Page));
        assert_eq!(kind("/site/static/img/me.jpg"), Some(ChangeKind::Static));
        assert_eq!(kind("/site/templates/404.html"), Some(ChangeKind::Theme));
        assert_eq!(
            kind("/site/themes/mine/static/x.css"),
            Some(ChangeKind::Theme)
        );
        assert_eq!(kind("/site/news/launch.md"), Some(ChangeKind::News));
        assert_eq!(kind("/site/talks/keynote.yaml"), Some(ChangeKind::Talk));
        assert_eq!(kind("/site/posts/hello.md"), Some(ChangeKind::Post));
        assert_eq!(kind("/site/posts/hello.yaml"), None);
        assert_eq!(kind("/site/talks/notes.md"), None);
        assert_eq!(kind("/site/teaching/cs101.yml"), Some(ChangeKind::Course));
        assert_eq!(kind("/site/teaching/notes.md"), None);
        assert_eq!(kind("/site/projects/atlas.md"), Some(ChangeKind::Project));
        assert_eq!(kind("/site/projects/atlas.yaml"), Some(ChangeKind::Project));
        // A generic collection's folder, as `site.yaml` declares it: its item
        // files, not its editor leftovers; an undeclared folder is not input.
        assert_eq!(kind("/site/software/tool.md"), Some(ChangeKind::Collection));
        assert_eq!(
            kind("/site/software/tool.yaml"),
            Some(ChangeKind::Collection)
        );
        assert_eq!(kind("/site/software/tool.md~"), None);
        assert_eq!(kind("/site/datasets/set.yaml"), None);
    }

    // The watcher reads the loader's rule: `x.YAML` is a paper for both.
    #[test]
    fn file_types_are_matched_in_any_case() {
        assert_eq!(kind("/site/papers/x.YAML"), Some(ChangeKind::Paper));
        assert_eq!(kind("/site/pages/cv.MD"), Some(ChangeKind::Page));
        assert_eq!(kind("/site/news/n.Yml"), Some(ChangeKind::News));
    }

    // An input folder itself (made, removed, moved), and folders inside content
    // folders, are changes of the input.
    #[test]
    fn folders_are_inputs() {
        assert_eq!(kind("/site/papers"), Some(ChangeKind::Paper));
        assert_eq!(kind("/site/news"), Some(ChangeKind::News));
        assert_eq!(folder_kind("/site/papers/2024"), Some(ChangeKind::Paper));
        assert_eq!(folder_kind("/site/papers/v1.2"), Some(ChangeKind::Paper));
        assert_eq!(folder_kind("/site/papers/.git"), None);
        assert_eq!(kind("/site/public"), None);
        assert_eq!(kind("/site/elsewhere"), None);
    }

    // `static/` is copied whole, hidden and backup names included.
    #[test]
    fn every_static_file_is_an_input() {
        assert_eq!(kind("/site/static/.well-known/x"), Some(ChangeKind::Static));
        assert_eq!(kind("/site/static/a.txt~"), Some(ChangeKind::Static));
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
