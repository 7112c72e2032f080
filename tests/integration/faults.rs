//! Faults during a build: the last good site survives, byte for byte.

use crate::common::{TestSite, tree};

fn big_site(title_prefix: &str) -> TestSite {
    site_of(300, title_prefix)
}

/// A site of `n` papers whose titles start with `title_prefix`.
fn site_of(n: usize, title_prefix: &str) -> TestSite {
    let mut site = TestSite::new();
    for i in 0..n {
        site = site.paper(
            &format!("p{i:03}"),
            &format!("{title_prefix} {i}"),
            "2021-03",
            "topics: [ML]\nabstract: Some words about $x^2$ and more words.\n",
        );
    }
    site
}

// `kill -9` at twenty moments of a build: the output is always the whole old
// site or the whole new one, never a mix and never missing.
#[test]
fn killed_builds_leave_the_previous_output_intact() {
    let build = |site: &TestSite, out: &std::path::Path| {
        std::process::Command::new(env!("CARGO_BIN_EXE_folio"))
            .args([
                "build",
                site.root().to_str().unwrap(),
                "--output",
                out.to_str().unwrap(),
            ])
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap()
    };
    let site = big_site("Old");
    site.build();
    let old = tree(&site.out);
    let new_site = big_site("New");
    let start = std::time::Instant::now();
    assert!(build(&new_site, &new_site.out).wait().unwrap().success());
    let full = start.elapsed();
    let new = tree(&new_site.out);
    let old_site = big_site("Old");
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut outcomes = (0, 0);
    let mut current_is_new = false;
    for _ in 0..20 {
        // Ask for the other site than the one in the output now.
        let (target, target_tree) = if current_is_new {
            (&old_site, &old)
        } else {
            (&new_site, &new)
        };
        for i in 0..300 {
            let name = format!("papers/p{i:03}.yaml");
            std::fs::copy(target.root().join(&name), site.root().join(&name)).unwrap();
        }
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let delay = full.mul_f64((seed % 1000) as f64 / 1000.0 * 1.2);
        let mut child = build(&site, &site.out);
        std::thread::sleep(delay);
        let _ = child.kill();
        let _ = child.wait();
        let now = tree(&site.out);
        let previous = if current_is_new { &new } else { &old };
        if &now == previous {
            outcomes.0 += 1;
        } else if &now == target_tree {
            outcomes.1 += 1;
            current_is_new = !current_is_new;
        } else {
            panic!(
                "after a kill at {delay:?} the output is neither the previous nor the requested site"
            );
        }
    }
    assert!(
        outcomes.0 > 0,
        "no kill landed during a build: {outcomes:?}"
    );
    for i in 0..300 {
        let name = format!("papers/p{i:03}.yaml");
        std::fs::copy(new_site.root().join(&name), site.root().join(&name)).unwrap();
    }
    // The next build cleans up whatever a killed build left beside the output.
    site.build();
    assert_eq!(tree(&site.out), new);
    let beside: Vec<String> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("folio-"))
        .collect();
    assert!(beside.is_empty(), "{beside:?}");
    eprintln!(
        "kills that kept the previous site: {}, that came after the swap: {}",
        outcomes.0, outcomes.1
    );
}

// A template that fails to render leaves the previous output untouched.
#[test]
fn render_error_keeps_the_previous_output() {
    let site = TestSite::new().paper("a", "A", "2020", "");
    site.build();
    let before = tree(&site.out);
    let site = site.file("templates/paper.html", "{{ paper.no_such_field.deeper }}");
    let err = site.build_err();
    assert!(
        err.starts_with("template paper.html (for papers/a/index.html):"),
        "{err}"
    );
    assert_eq!(tree(&site.out), before);
}

// The same input gives the same bytes whatever the time zone, locale or the order
// in which the file system lists files, and no page mentions a local path.
#[test]
fn output_ignores_environment_and_has_no_local_paths() {
    let site = big_site("Same");
    let run = |tz: &str, lang: &str, out: &std::path::Path| {
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_folio"))
            .args([
                "build",
                site.root().to_str().unwrap(),
                "--output",
                out.to_str().unwrap(),
            ])
            .env("TZ", tz)
            .env("LC_ALL", lang)
            .env("LANG", lang)
            .status()
            .unwrap();
        assert!(status.success());
        tree(out)
    };
    let a = run("UTC", "C", &site.out);
    let other = site.root().join("elsewhere");
    let b = run("Asia/Kolkata", "de_DE.UTF-8", &other);
    assert_eq!(a, b);
    let root = site.root().display().to_string();
    for (path, bytes) in &a {
        assert!(
            !String::from_utf8_lossy(bytes).contains(&root),
            "{path} mentions {root}"
        );
        assert!(
            !String::from_utf8_lossy(bytes).contains("/tmp/"),
            "{path} mentions /tmp/"
        );
    }
}

/// Writes the papers of `from` into `site` as a new `papers/` swapped in at
/// once, so that a watcher sees the whole change in one batch.
fn swap_papers(from: &TestSite, site: &TestSite) {
    let next = site.root().join("papers.next");
    crate::common::copy_dir(&from.root().join("papers"), &next);
    let prev = site.root().join("papers.prev");
    std::fs::rename(site.root().join("papers"), &prev).unwrap();
    std::fs::rename(&next, site.root().join("papers")).unwrap();
    std::fs::remove_dir_all(prev).unwrap();
}

/// The folders folio left beside the output, by name.
fn beside(site: &TestSite) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("folio-"))
        .collect();
    names.sort();
    names
}

// `kill -9` of `folio watch` at twenty moments of incremental rebuilds (every
// paper changed at once): the output is always the whole old site or the whole
// new one, never a mix and with no temporary file in it; the next start removes
// whatever the killed watcher left beside the output.
#[test]
fn killed_incremental_rebuilds_leave_old_or_new_output() {
    use crate::watch::Running;
    let site = site_of(120, "Old");
    let (old_site, new_site) = (site_of(120, "Old"), site_of(120, "New"));
    old_site.build();
    new_site.build();
    let (old, new) = (tree(&old_site.out), tree(&new_site.out));
    let watch = || {
        let run = Running::start(&[
            "watch",
            site.root().to_str().unwrap(),
            "--output",
            site.out.to_str().unwrap(),
        ]);
        run.wait_for_count("rebuilt after initial build", 1);
        run
    };
    // How long a change takes to show up, debounce included.
    let mut run = watch();
    assert_eq!(tree(&site.out), old, "the watched output is a full build");
    let start = std::time::Instant::now();
    swap_papers(&new_site, &site);
    run.wait_for_count("rebuilt after change", 1);
    let full = start.elapsed();
    assert_eq!(tree(&site.out), new);
    let mut current_is_new = true;
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut outcomes = (0, 0);
    for _ in 0..20 {
        let (target, target_tree, previous) = if current_is_new {
            (&old_site, &old, &new)
        } else {
            (&new_site, &new, &old)
        };
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let delay = full.mul_f64((seed % 1000) as f64 / 1000.0 * 1.2);
        swap_papers(target, &site);
        std::thread::sleep(delay);
        let _ = run.child.kill();
        let _ = run.child.wait();
        let now = tree(&site.out);
        if &now == previous {
            outcomes.0 += 1;
        } else if &now == target_tree {
            outcomes.1 += 1;
        } else {
            let odd: Vec<&String> = now
                .iter()
                .filter(|f| !previous.contains(f) && !target_tree.contains(f))
                .map(|(p, _)| p)
                .take(5)
                .collect();
            panic!(
                "after a kill at {delay:?} of a rebuild the output is neither the previous nor the requested site: {odd:?}"
            );
        }
        // The next start cleans up and builds what the input now is.
        run = watch();
        current_is_new = !current_is_new;
        assert_eq!(&tree(&site.out), target_tree);
    }
    drop(run);
    assert!(
        outcomes.0 > 0,
        "no kill landed during a rebuild: {outcomes:?}"
    );
    // A build after the last watcher removes what it left beside the output.
    site.build();
    assert_eq!(beside(&site), Vec::<String>::new());
    eprintln!(
        "kills that kept the previous site: {}, that came after the swap: {} (a change shows after {full:?})",
        outcomes.0, outcomes.1
    );
}

/// Sets the immutable flag (`chattr +i`) on a file for as long as it lives; it
/// holds the file open, so it clears the flag wherever the file has moved.
#[cfg(target_os = "linux")] // chattr +i is a Linux ioctl
struct Immutable(std::fs::File);

#[cfg(target_os = "linux")]
impl Immutable {
    /// `None` where the file system or the user cannot set the flag.
    fn set(path: &std::path::Path) -> Option<Immutable> {
        use rustix::fs::{IFlags, ioctl_getflags, ioctl_setflags};
        let file = std::fs::File::open(path).ok()?;
        let flags = ioctl_getflags(&file).ok()?;
        ioctl_setflags(&file, flags | IFlags::IMMUTABLE).ok()?;
        std::fs::remove_file(path)
            .is_err()
            .then_some(Immutable(file))
    }
}

#[cfg(target_os = "linux")]
impl Drop for Immutable {
    fn drop(&mut self) {
        use rustix::fs::{IFlags, ioctl_getflags, ioctl_setflags};
        if let Ok(flags) = ioctl_getflags(&self.0) {
            let _ = ioctl_setflags(&self.0, flags - IFlags::IMMUTABLE);
        }
    }
}

// Regression: a file that cannot be deleted in the old output let the swap
// happen, then failed the build, and every later build failed on the staging
// folder left behind. Now the build succeeds and says where the old copy was
// left, later builds work, and the copy goes as soon as it can.
#[cfg(target_os = "linux")]
#[test]
fn an_undeletable_file_in_the_old_output_never_stops_later_builds() {
    let site = TestSite::new().paper("a", "First", "2020", "");
    site.build();
    let Some(stuck) = Immutable::set(&site.out.join("papers/a/index.html")) else {
        eprintln!("skipped: this file system or user cannot make a file immutable");
        return;
    };
    let site = site.paper("a", "Second", "2020", "");
    let report = site.build();
    assert!(site.output("papers/a/index.html").contains("Second"));
    let warning = report
        .warnings
        .iter()
        .map(|w| w.to_string())
        .find(|w| w.contains("could not remove this copy of an earlier output"))
        .expect("a warning names the copy left behind");
    assert!(warning.contains(".out.folio-trash-1"), "{warning}");
    let site = site.paper("a", "Third", "2020", "");
    site.build();
    assert!(site.output("papers/a/index.html").contains("Third"));
    // A watcher's rebuilds work too.
    let mut session = folio::site::Session::new(folio::BuildOptions {
        root: site.root().to_path_buf(),
        output: Some(site.out.clone()),
        overrides: Default::default(),
    })
    .unwrap();
    session.rebuild().unwrap();
    let site = site.paper("a", "Fourth", "2020", "");
    session.rebuild().unwrap();
    assert!(site.output("papers/a/index.html").contains("Fourth"));
    assert!(
        site.root().join(".out.folio-staging").is_dir(),
        "a copy for the next update"
    );
    drop(session);
    assert!(
        !site.root().join(".out.folio-staging").exists(),
        "a stopped watcher leaves none"
    );
    drop(stuck);
    site.build();
    assert_eq!(beside(&site), Vec::<String>::new());
}
