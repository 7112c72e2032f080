//! Resources and the machine: a full disk, permissions, the memory and time that
//! hostile YAML may take, and output that does not depend on the file system.
//!
//! These tests run the real `folio` binary, some with limits set in the child
//! (`pre_exec`) and measured for exactly that child (`wait4`): that is the only
//! unsafe code of the crate, and it stays here.
#![allow(unsafe_code)]

use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{TestSite, copy_dir, tree};

const FOLIO: &str = env!("CARGO_BIN_EXE_folio");

/// A wall-clock guard: a child still running after this is a hang, and fails the test.
const HANG: Duration = Duration::from_secs(30);

/// `folio build SITE --output OUT`, stdout discarded.
fn folio_build(folio: &Path, site: &Path, out: &Path) -> Command {
    let mut cmd = Command::new(folio);
    cmd.args(["build", path_str(site), "--output", path_str(out)])
        .stdout(Stdio::null());
    cmd
}

pub(crate) fn path_str(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// How a child ended, with its own peak memory and CPU time.
#[derive(Debug)]
pub(crate) struct Finished {
    /// The exit code, or `None` when a signal ended it.
    pub(crate) code: Option<i32>,
    pub(crate) signal: Option<i32>,
    pub(crate) stderr: String,
    /// Peak resident set size in bytes.
    pub(crate) max_rss: u64,
    /// User plus system CPU time.
    pub(crate) cpu: Duration,
}

/// Reaps child `pid` with `wait4`, which reports the resource usage of exactly
/// that process (not of other tests' children). Kills it and fails after `HANG`.
fn reap(pid: libc::pid_t, stderr: &tempfile::NamedTempFile) -> Finished {
    let start = Instant::now();
    let mut status: libc::c_int = 0;
    // SAFETY: rusage is plain data, valid when zeroed.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: pid is our own unreaped child; status and usage are valid pointers.
        let r = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        if r == pid {
            break;
        }
        assert!(r == 0, "wait4: {}", std::io::Error::last_os_error());
        if start.elapsed() > HANG {
            // SAFETY: plain syscalls on our own child.
            unsafe {
                libc::kill(pid, libc::SIGKILL);
                libc::wait4(pid, &mut status, 0, &mut usage);
            }
            panic!(
                "folio still ran after {HANG:?}: a hang; stderr: {}",
                std::fs::read_to_string(stderr.path()).unwrap_or_default()
            );
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    Finished {
        code: libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status)),
        signal: libc::WIFSIGNALED(status).then(|| libc::WTERMSIG(status)),
        stderr: std::fs::read_to_string(stderr.path()).unwrap(),
        // Linux reports kilobytes.
        max_rss: usage.ru_maxrss as u64 * 1024,
        cpu: tv(usage.ru_utime) + tv(usage.ru_stime),
    }
}

/// Runs `cmd` (stderr captured) with the hang guard.
fn run(mut cmd: Command) -> Finished {
    let stderr = tempfile::NamedTempFile::new().unwrap();
    cmd.stderr(stderr.reopen().unwrap());
    // Reaped by `reap`, with wait4 instead of `wait`.
    #[allow(clippy::zombie_processes)]
    let child = cmd.spawn().unwrap();
    reap(child.id() as libc::pid_t, &stderr)
}

/// Runs `folio ARGS` and measures its own peak memory and CPU time.
///
/// A process forked from this test process would report this process's peak
/// memory as its own (Linux keeps the peak across fork and exec, and the tests
/// here hold files of 50 MB). So a small shell starts folio in the background
/// and exits; this process, a child subreaper, adopts folio and reaps it.
pub(crate) fn run_measured(args: &[&str]) -> Finished {
    static SUBREAPER: std::sync::Once = std::sync::Once::new();
    SUBREAPER.call_once(|| {
        // SAFETY: prctl with integer arguments only.
        let r = unsafe { libc::prctl(libc::PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) };
        assert_eq!(r, 0, "prctl: {}", std::io::Error::last_os_error());
    });
    let stderr = tempfile::NamedTempFile::new().unwrap();
    let launcher = Command::new("sh")
        .args(["-c", "\"$@\" >/dev/null </dev/null & echo $!", "sh", FOLIO])
        .args(args)
        .stderr(stderr.reopen().unwrap())
        .output()
        .unwrap();
    assert!(launcher.status.success());
    // The shell has exited and been reaped, so folio is our child now.
    let pid = String::from_utf8(launcher.stdout)
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    reap(pid, &stderr)
}

/// Makes writes in the child fail with EFBIG ("File too large") once a file would
/// grow past `bytes`: a full disk without needing to mount one.
fn limit_file_size(cmd: &mut Command, bytes: u64) {
    // SAFETY: only async-signal-safe calls (setrlimit, signal) between fork and exec.
    unsafe {
        cmd.pre_exec(move || {
            let limit = libc::rlimit {
                rlim_cur: bytes as libc::rlim_t,
                rlim_max: bytes as libc::rlim_t,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            // Without this the kernel kills the process with SIGXFSZ instead of
            // failing the write; an ignored signal stays ignored across exec.
            if libc::signal(libc::SIGXFSZ, libc::SIG_IGN) == libc::SIG_ERR {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
}

/// The unprivileged user the permission tests run folio as when the tests run as
/// root (CI does), since root ignores permission bits.
const NOBODY: libc::uid_t = 65534;

fn is_root() -> bool {
    // SAFETY: geteuid cannot fail.
    unsafe { libc::geteuid() == 0 }
}

/// Runs the child as `nobody` when we are root.
fn as_unprivileged(cmd: &mut Command) {
    if !is_root() {
        return;
    }
    // SAFETY: only async-signal-safe calls (setgroups, setgid, setuid) between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            if libc::setgroups(0, std::ptr::null()) != 0
                || libc::setgid(NOBODY as libc::gid_t) != 0
                || libc::setuid(NOBODY) != 0
            {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
}

fn chmod(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
        .unwrap_or_else(|e| panic!("chmod {}: {e}", path.display()));
}

/// Gives a folder to the unprivileged user (when we are root) so it may write there.
fn give_to_nobody(path: &Path) {
    if is_root() {
        std::os::unix::fs::chown(path, Some(NOBODY), Some(NOBODY as libc::gid_t)).unwrap();
    }
    chmod(path, 0o755);
}

/// A copy of the folio binary where the unprivileged user can run it (the
/// checkout may sit in a folder only root can enter).
fn reachable_folio(dir: &Path) -> PathBuf {
    let copy = dir.join("folio-bin");
    if std::fs::hard_link(FOLIO, &copy).is_err() {
        std::fs::copy(FOLIO, &copy).unwrap();
    }
    chmod(&copy, 0o755);
    copy
}

/// The names in a folder, sorted: what a build left beside its output.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// A site of `n` papers whose titles start with `prefix`, so that two sites with
/// different prefixes differ in every paper page.
fn papers_site(prefix: &str, n: usize) -> TestSite {
    let mut site = TestSite::new();
    for i in 0..n {
        site = site.paper(
            &format!("p{i:03}"),
            &format!("{prefix} result number {i}"),
            "2021-03",
            "topics: [ML]\nabstract: Some words about $x^2$ and more words.\n",
        );
    }
    site
}

/// Rewrites every paper of `site` with the papers of `from`.
fn replace_papers(site: &TestSite, from: &TestSite) {
    let papers = site.root().join("papers");
    std::fs::remove_dir_all(&papers).unwrap();
    copy_dir(&from.root().join("papers"), &papers);
}

// ---------------------------------------------------------------------------
// A full disk

/// The outcome of a build that ran out of room while the previous output existed.
struct FailedWrite {
    run: Finished,
    /// The folder holding the output: what is in it before and after.
    parent: PathBuf,
    names_before: Vec<String>,
    names_after: Vec<String>,
    before: Vec<(String, Vec<u8>)>,
    after: Vec<(String, Vec<u8>)>,
}

/// Builds a 300-paper site, then a different one with files limited to a size
/// that most pages fit in and the largest do not: the failure comes mid-build.
fn build_with_file_size_limit() -> FailedWrite {
    let site = papers_site("Old", 300);
    let status = folio_build(Path::new(FOLIO), site.root(), &site.out)
        .status()
        .unwrap();
    assert!(status.success());
    let new = papers_site("New", 300);
    new.build();
    let sizes: Vec<u64> = tree(&new.out).iter().map(|(_, b)| b.len() as u64).collect();
    let limit = 16 * 1024;
    let fit = sizes.iter().filter(|&&s| s <= limit).count();
    assert!(
        fit < sizes.len() && fit * 10 > sizes.len() * 9,
        "the limit should stop the build part way: {fit} of {} files fit",
        sizes.len()
    );
    replace_papers(&site, &new);
    let parent = site.out.parent().unwrap().to_path_buf();
    let names_before = names(&parent);
    let before = tree(&site.out);
    let mut cmd = folio_build(Path::new(FOLIO), site.root(), &site.out);
    limit_file_size(&mut cmd, limit);
    let run = run(cmd);
    FailedWrite {
        run,
        names_after: names(&parent),
        after: tree(&site.out),
        parent,
        names_before,
        before,
    }
}

// A write that fails part way (here: "File too large", as a full disk would)
// ends the build with the file's path and the system's reason, exit code 1, the
// previous output byte for byte, and nothing left beside it (no staging folder).
#[test]
fn write_failure_mid_build_names_the_file_and_keeps_the_previous_output() {
    let f = build_with_file_size_limit();
    assert_eq!(
        (f.run.code, f.run.signal),
        (Some(1), None),
        "{}",
        f.run.stderr
    );
    let line = f.run.stderr.trim_end();
    assert!(
        line.ends_with(": File too large (os error 27)"),
        "no OS reason: {line}"
    );
    assert!(
        line.starts_with(&format!("{}/", f.parent.display())),
        "no path beside the output: {line}"
    );
    assert!(f.after == f.before, "the previous output changed");
    assert_eq!(f.names_after, f.names_before);
}

/// The disk space a folder's files take on tmpfs: whole pages.
fn pages_used(dir: &Path) -> u64 {
    tree(dir)
        .iter()
        .map(|(_, b)| (b.len() as u64).div_ceil(4096) * 4096)
        .sum()
}

/// How to run a shell script in a mount namespace where it may mount a tmpfs, or
/// why that is impossible here.
fn tmpfs_runner(probe_dir: &Path) -> Result<Vec<&'static str>, String> {
    let mut why = Vec::new();
    let candidates: &[&[&str]] = if is_root() {
        &[
            &["unshare", "--mount"],
            &["unshare", "--user", "--map-root-user", "--mount"],
        ]
    } else {
        &[&["unshare", "--user", "--map-root-user", "--mount"]]
    };
    for prefix in candidates {
        let out = Command::new(prefix[0])
            .args(&prefix[1..])
            .args([
                "sh",
                "-c",
                "mount -t tmpfs -o size=64k folio-probe \"$1\"",
                "sh",
            ])
            .arg(probe_dir)
            .output();
        match out {
            Ok(o) if o.status.success() => return Ok(prefix.to_vec()),
            Ok(o) => why.push(format!(
                "{}: {}",
                prefix.join(" "),
                String::from_utf8_lossy(&o.stderr).trim()
            )),
            Err(e) => why.push(format!("{}: {e}", prefix.join(" "))),
        }
    }
    Err(why.join("; "))
}

// A real full disk (a small tmpfs, mounted in a private mount namespace): the
// build fails with the path and "No space left on device", exit code 1, the
// previous output is intact and nothing is left beside it. Skipped, saying why, where no tmpfs can be mounted.
#[test]
fn full_disk_names_the_file_and_keeps_the_previous_output() {
    let tmp = tempfile::tempdir().unwrap();
    let mnt = tmp.path().join("disk");
    std::fs::create_dir(&mnt).unwrap();
    let runner = match tmpfs_runner(&mnt) {
        Ok(r) => r,
        Err(why) => {
            eprintln!("skipped: cannot mount a tmpfs here ({why})");
            return;
        }
    };
    let old = papers_site("Old", 300);
    old.build();
    let new = papers_site("New", 300);
    new.build();
    // Room for the old output and half of the new one.
    let size = pages_used(&old.out) + pages_used(&new.out) / 2;
    let (before, after, err, rc) = (
        tmp.path().join("before"),
        tmp.path().join("after"),
        tmp.path().join("stderr"),
        tmp.path().join("rc"),
    );
    for d in [&before, &after] {
        std::fs::create_dir(d).unwrap();
    }
    // Everything that needs the tmpfs happens in the namespace; copies come out.
    let script = r#"set -e
mount -t tmpfs -o size="$SIZE" folio-full-disk "$MNT"
"$FOLIO" build "$OLD" --output "$MNT/out" >/dev/null
cp -a "$MNT/." "$BEFORE/"
set +e
"$FOLIO" build "$NEW" --output "$MNT/out" >/dev/null 2>"$ERR"
echo $? >"$RC"
cp -a "$MNT/." "$AFTER/"
"#;
    let status = Command::new(runner[0])
        .args(&runner[1..])
        .args(["sh", "-c", script])
        .env("SIZE", size.to_string())
        .env("MNT", &mnt)
        .env("FOLIO", FOLIO)
        .env("OLD", old.root())
        .env("NEW", new.root())
        .env("BEFORE", &before)
        .env("AFTER", &after)
        .env("ERR", &err)
        .env("RC", &rc)
        .status()
        .unwrap();
    assert!(status.success(), "the namespace script failed");
    let stderr = std::fs::read_to_string(&err).unwrap();
    assert_eq!(
        std::fs::read_to_string(&rc).unwrap().trim(),
        "1",
        "{stderr}"
    );
    let line = stderr.trim_end();
    assert!(
        line.ends_with(": No space left on device (os error 28)"),
        "no OS reason: {line}"
    );
    assert!(
        line.starts_with(&format!("{}/", mnt.display())),
        "no path on the full disk: {line}"
    );
    assert!(
        tree(&after.join("out")) == tree(&before.join("out")),
        "the previous output changed"
    );
    assert_eq!(names(&before), ["out"]);
    assert_eq!(names(&after), ["out"], "left beside the output");
}

// ---------------------------------------------------------------------------
// Hostile YAML: each fails within 2 s of CPU and 256 MiB with an input error
// naming the file, never a crash or a hang.

/// Builds a site whose only paper is `file` with `yaml`, and checks that folio
/// fails with exactly `error` (after `papers/FILE:`), exit code 1, within 2 s of
/// CPU and 256 MiB.
fn hostile(file: &str, yaml: &str, error: &str) {
    let site = TestSite::new().file(&format!("papers/{file}"), yaml);
    let run = run_measured(&[
        "build",
        path_str(site.root()),
        "--output",
        path_str(&site.out),
    ]);
    eprintln!(
        "{file}: exit {:?}, {:?} CPU, {} MiB peak",
        run.code,
        run.cpu,
        run.max_rss / 1024 / 1024
    );
    assert_eq!(run.signal, None, "killed by a signal: {}", run.stderr);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let (first, rest) = run.stderr.split_once('\n').unwrap_or_default();
    let (place, message) = first.split_once(": error: ").unwrap_or_default();
    assert!(
        place.starts_with(&format!("papers/{file}")),
        "the file is not named: {}",
        run.stderr
    );
    assert_eq!(message, error, "{}", run.stderr);
    let rest = rest.lines().filter(|l| !l.starts_with("  hint: "));
    assert_eq!(
        rest.collect::<Vec<_>>(),
        ["build failed: 1 error in the site's input"]
    );
    assert!(run.cpu < Duration::from_secs(2), "{:?} of CPU", run.cpu);
    assert!(
        run.max_rss < 256 * 1024 * 1024,
        "{} MiB of memory",
        run.max_rss / 1024 / 1024
    );
    assert!(!site.out.exists());
}

/// Eleven levels of ten aliases each: 10^11 values if expanded.
fn alias_levels(first: &str, wrap: impl Fn(&str) -> String) -> String {
    let mut levels = vec![format!("&l0 {first}")];
    for i in 1..12 {
        let refs = vec![format!("*l{}", i - 1); 10].join(", ");
        levels.push(format!("&l{i} {}", wrap(&refs)));
    }
    levels.join(", ")
}

// The classic billion laughs (nested lists), as the author list. A file with
// aliases is walked for its expanded size before it is read as a paper, so the
// parser's replay limit stops it before the type of the authors is looked at.
#[test]
fn alias_bomb_fails_within_bounds() {
    let levels = alias_levels("[x, x, x, x, x, x, x, x, x, x]", |r| format!("[{r}]"));
    hostile(
        "bomb.yaml",
        &format!("title: T\ndate: 2020\nauthors: [{levels}]\n"),
        "aliases (`*name`) or merges (`<<:`) expand to too much (a limit against alias bombs)",
    );
}

// Mappings merged into mappings: every level is valid paper content (a `note`),
// so no type error stops the expansion and only the parser's limits can.
#[test]
fn merge_key_bomb_fails_within_bounds() {
    let levels = alias_levels("{note: x}", |r| format!("{{<<: [{r}]}}"));
    hostile(
        "merge.yaml",
        &format!("title: T\ndate: 2020\nauthors: [A]\n<<: [{levels}]\n"),
        "aliases (`*name`) or merges (`<<:`) expand to too much (a limit against alias bombs)",
    );
}

// Nesting 200,000 levels deep, in flow lists, flow maps and block lists.
#[test]
fn nesting_200_000_levels_fails_within_bounds() {
    let n = 200_000;
    hostile(
        "flow.yaml",
        &format!(
            "title: T\ndate: 2020\nauthors: {}A{}\n",
            "[".repeat(n),
            "]".repeat(n)
        ),
        "the YAML is nested too deeply",
    );
    hostile(
        "maps.yaml",
        &format!(
            "title: T\ndate: 2020\nauthors: [A]\nlinks: {}x{}\n",
            "{a: ".repeat(n),
            "}".repeat(n)
        ),
        "unknown field `a`",
    );
    hostile(
        "block.yaml",
        &format!("title: T\ndate: 2020\nauthors:\n  {}A\n", "- ".repeat(n)),
        "invalid type: sequence, expected an author name, an author id, or a map with `name` or `id`",
    );
}

// A 50 MB value is refused by its size; one just under the 4 MiB file limit is
// parsed, and the error after it is still found.
#[test]
fn a_50_megabyte_value_fails_within_bounds() {
    let mut yaml = String::from("title: \"");
    yaml.push_str(&"x".repeat(50 * 1024 * 1024));
    yaml.push_str("\"\ndate: 2020\nauthors: [A]\n");
    hostile("huge.yaml", &yaml, "file is larger than 4 MiB");
    let mut yaml = String::from("title: T\ndate: 2020\nauthors: [A]\nnote: \"");
    yaml.push_str(&"x".repeat(4 * 1024 * 1024 - 100));
    yaml.push_str("\"\nvenu: x\n");
    hostile("big.yaml", &yaml, "unknown field `venu`");
}

// Just under 4 MiB of tiny values (1.3 million authors): stopped at 100,000
// values, the per-file limit, instead of taking seconds.
#[test]
fn a_million_values_fail_within_bounds() {
    let yaml = format!(
        "title: T\ndate: 2020\nauthors: [{}A]\n",
        "A, ".repeat(1_300_000)
    );
    assert!(yaml.len() < 4 * 1024 * 1024);
    hostile(
        "many.yaml",
        &yaml,
        "the file holds more than 100000 values, the limit for one file",
    );
}

// ---------------------------------------------------------------------------
// Permissions: folio runs as an unprivileged user (root ignores permission bits).

/// A site of three papers, built once by the unprivileged user into `w/out`.
struct Unprivileged {
    _base: tempfile::TempDir,
    folio: PathBuf,
    site: TestSite,
    parent: PathBuf,
    out: PathBuf,
}

impl Unprivileged {
    fn new() -> Unprivileged {
        let base = tempfile::tempdir().unwrap();
        chmod(base.path(), 0o755);
        let folio = reachable_folio(base.path());
        let site = papers_site("Old", 3);
        chmod(site.root(), 0o755);
        let parent = base.path().join("w");
        std::fs::create_dir(&parent).unwrap();
        give_to_nobody(&parent);
        let out = parent.join("out");
        let u = Unprivileged {
            _base: base,
            folio,
            site,
            parent,
            out,
        };
        let first = u.build();
        assert_eq!(first.code, Some(0), "{}", first.stderr);
        // The next build would change every paper page.
        replace_papers(&u.site, &papers_site("New", 3));
        u
    }

    fn build(&self) -> Finished {
        let mut cmd = folio_build(&self.folio, self.site.root(), &self.out);
        as_unprivileged(&mut cmd);
        run(cmd)
    }

    /// Builds, expecting failure with exactly `stderr`, and checks that the
    /// output and the folder holding it did not change.
    fn fails_keeping_the_output(&self, stderr: &str) {
        let before = tree(&self.out);
        let names_before = names(&self.parent);
        let run = self.build();
        assert_eq!((run.code, run.signal), (Some(1), None), "{}", run.stderr);
        assert_eq!(run.stderr, stderr);
        assert!(tree(&self.out) == before, "the previous output changed");
        assert_eq!(names(&self.parent), names_before);
    }
}

/// chmod -R: `dirs` for folders, `files` for files.
fn chmod_tree(dir: &Path, dirs: u32, files: u32) {
    for entry in walkdir::WalkDir::new(dir).contents_first(true) {
        let entry = entry.unwrap();
        let mode = if entry.file_type().is_dir() {
            dirs
        } else {
            files
        };
        chmod(entry.path(), mode);
    }
}

// The output's folder is read-only: no staging folder can be made there.
#[test]
fn output_in_a_read_only_folder_names_it_and_keeps_the_output() {
    let u = Unprivileged::new();
    chmod(&u.parent, 0o555);
    u.fails_keeping_the_output(&format!(
        "{}/.out.folio-staging: Permission denied (os error 13)\n",
        u.parent.display()
    ));
    chmod(&u.parent, 0o755);
}

// The output and its folder are both read-only.
#[test]
fn read_only_output_in_a_read_only_folder_names_it_and_keeps_the_output() {
    let u = Unprivileged::new();
    chmod_tree(&u.out, 0o555, 0o444);
    chmod(&u.parent, 0o555);
    u.fails_keeping_the_output(&format!(
        "{}/.out.folio-staging: Permission denied (os error 13)\n",
        u.parent.display()
    ));
    chmod(&u.parent, 0o755);
    chmod_tree(&u.out, 0o755, 0o644);
}

// A read-only output in a writable folder: folio cannot remove the old site, so
// it must fail before replacing it, not after.
#[test]
fn read_only_output_is_refused_before_it_is_replaced() {
    let u = Unprivileged::new();
    chmod_tree(&u.out, 0o555, 0o444);
    let before = tree(&u.out);
    let names_before = names(&u.parent);
    let run = u.build();
    chmod_tree(&u.parent, 0o755, 0o644);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr.contains("Permission denied (os error 13)"),
        "{}",
        run.stderr
    );
    assert!(tree(&u.out) == before, "the previous output changed");
    assert_eq!(names(&u.parent), names_before);
}

// A paper file nobody may read.
#[test]
fn unreadable_paper_names_it_and_keeps_the_output() {
    let u = Unprivileged::new();
    let paper = u.site.root().join("papers/p001.yaml");
    chmod(&paper, 0o000);
    u.fails_keeping_the_output(
        "papers/p001.yaml: error: cannot read: Permission denied (os error 13)\n\
         build failed: 1 error in the site's input\n",
    );
    chmod(&paper, 0o644);
}

// A papers/ folder nobody may list.
#[test]
fn unlistable_papers_folder_names_it_and_keeps_the_output() {
    let u = Unprivileged::new();
    let papers = u.site.root().join("papers");
    chmod(&papers, 0o000);
    u.fails_keeping_the_output(&format!(
        "{}: Permission denied (os error 13)\n",
        papers.display()
    ));
    chmod(&papers, 0o755);
}

// ---------------------------------------------------------------------------
// The output does not depend on the file system: not on the order in which
// files were created, nor on the order in which a folder lists them.

/// The files of a site with many ties: papers with the same date, the same
/// title, in sub-folders; several authors, pages, news and static files.
fn tie_site_files() -> Vec<(String, String)> {
    let mut files = vec![
        (
            "site.yaml".to_string(),
            crate::common::SITE_YAML.to_string(),
        ),
        ("authors/ada.yaml".into(), crate::common::AUTHOR_YAML.into()),
        ("authors/bob.yaml".into(), "name: Bob Moore\n".into()),
        ("authors/cy.yaml".into(), "name: Cy Young\n".into()),
        (
            "pages/about.md".into(),
            "---\ntitle: About\n---\nHello.\n".into(),
        ),
        (
            "pages/zeta.md".into(),
            "---\ntitle: Zeta\n---\nMore.\n".into(),
        ),
        ("static/img/a.txt".into(), "a\n".into()),
        ("static/img/b.txt".into(), "b\n".into()),
        ("static/z.txt".into(), "z\n".into()),
    ];
    for i in 0..6 {
        files.push((
            format!("news/n{i}.yaml"),
            format!("date: 2024-05-0{}\ntitle: News {i}\n", 1 + i % 2),
        ));
    }
    let authors = [
        "Ada Lovelace, Bob Moore",
        "Cy Young, Ada Lovelace",
        "Bob Moore, Cy Young, Ada Lovelace",
    ];
    for i in 0..60 {
        let dir = if i % 3 == 0 {
            format!("papers/{}/", 2019 + i % 4)
        } else {
            "papers/".to_string()
        };
        files.push((
            format!("{dir}q{i:02}.yaml"),
            format!(
                "title: \"Same title {}\"\ndate: 2022-0{}\nauthors: [{}]\ntopics: [{}]\n",
                i % 5,
                1 + i % 3,
                authors[i % 3],
                if i % 2 == 0 { "ML, CL" } else { "CL" }
            ),
        ));
    }
    files
}

/// Writes `files` under `root` in the given order; with `churn`, extra files are
/// created and deleted between them, so the folders' entry lists differ too.
fn write_in_order(root: &Path, files: &[(String, String)], churn: bool) {
    for (i, (rel, content)) in files.iter().enumerate() {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        if churn {
            let junk = path.with_file_name(format!("junk{i}.yaml"));
            std::fs::write(&junk, "x").unwrap();
            std::fs::write(&path, content).unwrap();
            std::fs::remove_file(&junk).unwrap();
        } else {
            std::fs::write(&path, content).unwrap();
        }
    }
}

/// A temp folder, on a tmpfs when one is at hand: tmpfs lists a folder in
/// creation order (ext4 in hash order, the same for both copies).
fn scratch_dir() -> (tempfile::TempDir, bool) {
    let shm = Path::new("/dev/shm");
    if let Ok(dir) = tempfile::tempdir_in(shm) {
        return (dir, true);
    }
    (tempfile::tempdir().unwrap(), false)
}

fn listing(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

// The same site written in two orders (the second backwards, with files created
// and deleted in between) builds to the same bytes, file for file.
#[test]
fn output_is_independent_of_file_system_order() {
    let files = tie_site_files();
    let (a, a_tmpfs) = scratch_dir();
    let (b, b_tmpfs) = scratch_dir();
    write_in_order(&a.path().join("site"), &files, false);
    let mut reversed = files.clone();
    reversed.reverse();
    write_in_order(&b.path().join("site"), &reversed, true);
    let (la, lb) = (
        listing(&a.path().join("site/papers")),
        listing(&b.path().join("site/papers")),
    );
    if a_tmpfs && b_tmpfs {
        assert_ne!(
            la, lb,
            "the two copies should list their papers differently"
        );
    } else {
        eprintln!("no tmpfs: the two copies may list their folders alike");
    }
    for dir in [&a, &b] {
        let status = folio_build(
            Path::new(FOLIO),
            &dir.path().join("site"),
            &dir.path().join("out"),
        )
        .stderr(Stdio::null())
        .status()
        .unwrap();
        assert!(status.success());
    }
    let (ta, tb) = (tree(&a.path().join("out")), tree(&b.path().join("out")));
    assert!(ta.len() > 60, "{} files", ta.len());
    assert_eq!(
        ta.iter().map(|(p, _)| p).collect::<Vec<_>>(),
        tb.iter().map(|(p, _)| p).collect::<Vec<_>>()
    );
    for ((path, x), (_, y)) in ta.iter().zip(&tb) {
        assert!(x == y, "{path} differs between the two copies");
        for root in [a.path(), b.path()] {
            let text = String::from_utf8_lossy(x);
            assert!(
                !text.contains(&root.display().to_string()),
                "{path} mentions {}",
                root.display()
            );
        }
    }
}

// Two builds of the example site into different output folders are identical.
#[test]
fn example_site_builds_are_identical_anywhere() {
    let site = TestSite::copy_of(&Path::new(env!("CARGO_MANIFEST_DIR")).join("example-site"));
    let build = |out: &Path| {
        folio::build(&folio::BuildOptions {
            root: site.root().to_path_buf(),
            output: Some(out.to_path_buf()),
            overrides: folio::resolve::Overrides {
                base_url: None,
                today: Some(folio::model::PartialDate::parse(crate::common::TODAY).unwrap()),
                drafts: false,
            },
        })
        .unwrap_or_else(|e| panic!("{e}"));
        tree(out)
    };
    let elsewhere = tempfile::tempdir().unwrap();
    let one = build(&site.root().join("public"));
    let two = build(&elsewhere.path().join("deeper/site-output"));
    assert!(one.len() > 50, "{} files", one.len());
    assert!(one == two, "the two builds differ");
}
