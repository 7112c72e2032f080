//! `folio deploy`: the build goes to a branch of its own, pushed with git to
//! a local bare repository standing in for GitHub.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::common::tree;

/// A repository with a committed starter site, and a bare remote `origin`.
struct Repo {
    _dir: tempfile::TempDir,
    work: PathBuf,
    remote: PathBuf,
}

impl Repo {
    fn new() -> Repo {
        let dir = tempfile::tempdir().unwrap();
        let work = dir.path().join("work");
        let remote = dir.path().join("remote.git");
        git(
            dir.path(),
            &["init", "-q", "--bare", remote.to_str().unwrap()],
        );
        git(
            dir.path(),
            &["init", "-q", "-b", "main", work.to_str().unwrap()],
        );
        let init = folio(&work, &["init", "."]);
        assert!(init.status.success(), "{}", stderr(&init));
        let site_yaml = work.join("site.yaml");
        let text = std::fs::read_to_string(&site_yaml).unwrap();
        std::fs::write(&site_yaml, format!("{text}cname: www.example.org\n")).unwrap();
        git(&work, &["add", "."]);
        git(&work, &["commit", "-q", "-m", "site"]);
        git(
            &work,
            &["remote", "add", "origin", remote.to_str().unwrap()],
        );
        Repo {
            _dir: dir,
            work,
            remote,
        }
    }

    fn deploy(&self, args: &[&str]) -> Output {
        folio(&self.work, &[&["deploy", "."], args].concat())
    }

    /// `git rev-parse` in the remote; None when the ref does not exist.
    fn remote_rev(&self, rev: &str) -> Option<String> {
        let out = git_output(&self.remote, &["rev-parse", "--verify", "--quiet", rev]);
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
    }

    /// The remote gh-pages branch, checked out into a folder.
    fn published(&self) -> (tempfile::TempDir, Vec<(String, Vec<u8>)>) {
        let dir = tempfile::tempdir().unwrap();
        let clone = dir.path().join("clone");
        let remote = self.remote.to_str().unwrap();
        git(
            dir.path(),
            &[
                "clone",
                "-q",
                "-b",
                "gh-pages",
                remote,
                clone.to_str().unwrap(),
            ],
        );
        std::fs::remove_dir_all(clone.join(".git")).unwrap();
        let files = tree(&clone);
        (dir, files)
    }

    /// The site built by hand, as a deploy should publish it.
    fn expected(&self) -> Vec<(String, Vec<u8>)> {
        let out = tempfile::tempdir().unwrap();
        let dest = out.path().join("site");
        let build = folio(
            &self.work,
            &["build", ".", "--output", dest.to_str().unwrap()],
        );
        assert!(build.status.success(), "{}", stderr(&build));
        tree(&dest)
    }
}

fn folio(dir: &Path, args: &[&str]) -> Output {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("folio"));
    cmd.current_dir(dir).args(args);
    identity(&mut cmd).output().unwrap()
}

/// A git identity, so that commits work on a machine with no git config.
fn identity(cmd: &mut Command) -> &mut Command {
    for (k, v) in [
        ("GIT_AUTHOR_NAME", "Test"),
        ("GIT_AUTHOR_EMAIL", "test@example.org"),
        ("GIT_COMMITTER_NAME", "Test"),
        ("GIT_COMMITTER_EMAIL", "test@example.org"),
    ] {
        cmd.env(k, v);
    }
    cmd
}

fn git_output(dir: &Path, args: &[&str]) -> Output {
    let mut cmd = Command::new("git");
    cmd.current_dir(dir).args(args);
    identity(&mut cmd).output().unwrap()
}

fn git(dir: &Path, args: &[&str]) -> String {
    let out = git_output(dir, args);
    assert!(out.status.success(), "git {args:?}: {}", stderr(&out));
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

// The first deploy pushes a gh-pages branch of one commit holding exactly the
// build (with .nojekyll and CNAME); the source branch, the index and the
// working tree are untouched; a second deploy with nothing changed makes no commit.
#[test]
fn deploy_publishes_exactly_the_build_and_a_second_deploy_commits_nothing() {
    let repo = Repo::new();
    let head = git(&repo.work, &["rev-parse", "HEAD"]);
    let out = repo.deploy(&[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("pushed to origin"),
        "{}",
        stderr(&out)
    );

    let (_clone, published) = repo.published();
    assert_eq!(published, repo.expected());
    let names: Vec<&str> = published.iter().map(|(n, _)| n.as_str()).collect();
    assert!(
        names.contains(&".nojekyll") && names.contains(&"CNAME"),
        "{names:?}"
    );
    let deployed = repo.remote_rev("refs/heads/gh-pages").unwrap();
    assert_eq!(git(&repo.remote, &["rev-list", "--count", "gh-pages"]), "1");
    assert_eq!(
        repo.remote_rev("refs/heads/main"),
        None,
        "the source was not pushed"
    );

    assert_eq!(git(&repo.work, &["rev-parse", "HEAD"]), head);
    assert_eq!(
        git(&repo.work, &["symbolic-ref", "HEAD"]),
        "refs/heads/main"
    );
    assert_eq!(git(&repo.work, &["status", "--porcelain"]), "");

    let again = repo.deploy(&[]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert!(stderr(&again).contains("no commit"), "{}", stderr(&again));
    assert_eq!(repo.remote_rev("refs/heads/gh-pages").unwrap(), deployed);
}

// Uncommitted changes to the site are refused (nothing built, nothing pushed);
// with --allow-dirty the change is deployed as one commit on top of the last.
#[test]
fn deploy_refuses_uncommitted_changes_unless_allowed() {
    let repo = Repo::new();
    assert!(repo.deploy(&[]).status.success());
    let first = repo.remote_rev("refs/heads/gh-pages").unwrap();
    let paper = repo.work.join("papers/first-paper.yaml");
    let text = std::fs::read_to_string(&paper).unwrap();
    let revised: Vec<&str> = text
        .lines()
        .map(|l| {
            if l.starts_with("title:") {
                "title: A revised title"
            } else {
                l
            }
        })
        .collect();
    std::fs::write(&paper, revised.join("\n") + "\n").unwrap();

    let refused = repo.deploy(&[]);
    assert!(!refused.status.success());
    assert!(
        stderr(&refused)
            .contains("folio deploy: the site has uncommitted changes (papers/first-paper.yaml)")
            && stderr(&refused).contains("--allow-dirty"),
        "{}",
        stderr(&refused)
    );
    assert_eq!(repo.remote_rev("refs/heads/gh-pages").unwrap(), first);

    let allowed = repo.deploy(&["--allow-dirty"]);
    assert!(allowed.status.success(), "{}", stderr(&allowed));
    let second = repo.remote_rev("refs/heads/gh-pages").unwrap();
    assert_ne!(second, first);
    assert_eq!(repo.remote_rev("refs/heads/gh-pages^").unwrap(), first);
    let (_clone, published) = repo.published();
    assert_eq!(published, repo.expected());
}

// A folder outside any git repository gets a message that says what to do.
#[test]
fn deploy_outside_a_repository_says_how_to_make_one() {
    let dir = tempfile::tempdir().unwrap();
    let out = folio(dir.path(), &["deploy", "."]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("is in no git repository; hint: `git init`"),
        "{}",
        stderr(&out)
    );
}

// A site in a sub-folder of a repository: changes outside the site do not
// block the deploy, and --no-push commits the branch locally only.
#[test]
fn deploy_of_a_sub_folder_ignores_changes_elsewhere_and_can_skip_the_push() {
    let dir = tempfile::tempdir().unwrap();
    let work = dir.path().join("work");
    let remote = dir.path().join("remote.git");
    git(
        dir.path(),
        &["init", "-q", "--bare", remote.to_str().unwrap()],
    );
    git(
        dir.path(),
        &["init", "-q", "-b", "trunk", work.to_str().unwrap()],
    );
    assert!(folio(&work, &["init", "web"]).status.success());
    git(&work, &["add", "."]);
    git(&work, &["commit", "-q", "-m", "site"]);
    git(
        &work,
        &["remote", "add", "origin", remote.to_str().unwrap()],
    );
    std::fs::write(work.join("notes.txt"), "not part of the site").unwrap();

    let out = folio(&work, &["deploy", "web", "--no-push"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let files = git(&work, &["ls-tree", "-r", "--name-only", "gh-pages"]);
    assert!(files.lines().any(|f| f == "index.html"), "{files}");
    assert!(
        !files.contains("notes.txt") && !files.contains("web/"),
        "{files}"
    );
    let remote_branch = git_output(&remote, &["rev-parse", "--verify", "--quiet", "gh-pages"]);
    assert!(!remote_branch.status.success(), "--no-push pushed");
}
