//! `folio deploy`: builds the site and publishes it to a branch (`gh-pages`)
//! with the user's own git, as `mkdocs gh-deploy` and `ghp-import` do. The
//! branch gets one commit on top of it whose tree is exactly the build
//! (`.nojekyll` and `CNAME` included); the checked-out branch, the index and
//! the working tree are never touched (a temporary index in the git folder is
//! used), nothing is committed when the build did not change, and the push is
//! git's own, with the user's credentials: folio handles no token.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::error::{Diagnostic, Error, Result, io_error};
use crate::resolve::Overrides;
use crate::site::{self, BuildOptions};

/// What to deploy, and where.
#[derive(Debug, Clone)]
pub struct DeployOptions {
    /// The site folder, inside a git repository.
    pub site: PathBuf,
    /// The branch that receives the build.
    pub branch: String,
    /// The remote to push to.
    pub remote: String,
    /// Overrides site.yaml's `base_url`.
    pub base_url: Option<String>,
    /// Deploy although the site's sources have uncommitted changes.
    pub allow_dirty: bool,
    /// Push the branch (false: commit it locally only).
    pub push: bool,
}

/// What `folio deploy` did.
#[derive(Debug, Clone)]
pub struct DeployReport {
    /// The branch's commit after the deploy.
    pub commit: String,
    /// False when the build equals the branch's last commit: nothing committed.
    pub committed: bool,
    /// How many files the build has.
    pub files: usize,
    /// The remote pushed to, if the branch was pushed.
    pub pushed: Option<String>,
    /// The build's warnings.
    pub warnings: Vec<Diagnostic>,
}

/// Builds the site and commits the build to `opts.branch`, then pushes it.
pub fn deploy(opts: &DeployOptions) -> Result<DeployReport> {
    check_name("branch", &opts.branch)?;
    check_name("remote", &opts.remote)?;
    let git = Git::find(&opts.site)?;
    if !opts.allow_dirty {
        refuse_uncommitted_changes(&git, &opts.site)?;
    }
    let work = git.git_dir.join("folio-deploy");
    remove_dir_if_present(&work)?;
    std::fs::create_dir(&work).map_err(io_error(&work))?;
    let result = build_and_commit(&git, opts, &work);
    // The build and the temporary index are scratch, whatever happened.
    let _ = std::fs::remove_dir_all(&work);
    let mut report = result?;
    if opts.push && report.committed && git.has_remote(&opts.remote) {
        let refspec = format!("refs/heads/{0}:refs/heads/{0}", opts.branch);
        git.run(&["push", "--quiet", &opts.remote, &refspec], &[])?;
        report.pushed = Some(opts.remote.clone());
    }
    Ok(report)
}

/// Refuses to deploy a build of sources that no commit holds: the published
/// site would match nothing in the history.
fn refuse_uncommitted_changes(git: &Git, site: &Path) -> Result<()> {
    let status = git.run_in(site, &["status", "--porcelain", "--", "."], &[])?;
    if status.trim().is_empty() {
        return Ok(());
    }
    let files: Vec<&str> = status.lines().map(|l| l.get(3..).unwrap_or(l)).collect();
    Err(Error::Deploy(format!(
        "the site has uncommitted changes ({}); hint: commit them first, or pass --allow-dirty",
        files.join(", ")
    )))
}

fn build_and_commit(git: &Git, opts: &DeployOptions, work: &Path) -> Result<DeployReport> {
    let out = work.join("site");
    let report = site::build(&BuildOptions {
        root: opts.site.clone(),
        output: Some(out.clone()),
        overrides: Overrides {
            base_url: opts.base_url.clone(),
            today: None,
            drafts: false,
        },
    })?;
    // GitHub Pages runs Jekyll on a branch without it; folio writes it, and
    // a deploy must never publish without it.
    let nojekyll = out.join(".nojekyll");
    if !nojekyll.exists() {
        std::fs::write(&nojekyll, "").map_err(io_error(&nojekyll))?;
    }
    let tree = git.tree_of(&out, &work.join("index"))?;
    let branch_ref = format!("refs/heads/{}", opts.branch);
    let (local, parent) = git.branch_tips(&opts.remote, &opts.branch);
    let update = |commit: &str| {
        let mut args = vec!["update-ref", branch_ref.as_str(), commit];
        if let Some(old) = &local {
            args.push(old.as_str());
        }
        git.run(&args, &[])
    };
    if let Some(parent) = &parent
        && git.resolve(&format!("{parent}^{{tree}}")).as_deref() == Some(tree.as_str())
    {
        // The local branch follows the remote one, if that was newer.
        update(parent)?;
        return Ok(DeployReport {
            commit: parent.clone(),
            committed: false,
            files: report.files,
            pushed: None,
            warnings: report.warnings,
        });
    }
    let message = commit_message(git);
    let mut args = vec!["commit-tree", tree.as_str(), "-m", message.as_str()];
    if let Some(parent) = &parent {
        args.extend(["-p", parent.as_str()]);
    }
    let commit = git.run(&args, &[]).map_err(identity_hint)?;
    update(&commit)?;
    Ok(DeployReport {
        commit,
        committed: true,
        files: report.files,
        pushed: None,
        warnings: report.warnings,
    })
}

/// Adds what to run to git's complaint that it knows no name or email.
fn identity_hint(e: Error) -> Error {
    match e {
        Error::Deploy(m) if m.contains("tell me who you are") || m.contains("email address") => {
            Error::Deploy(format!(
                "{m}; hint: set your name and email once with `git config --global user.name \"Your Name\"` \
                 and `git config --global user.email you@example.org`"
            ))
        }
        other => other,
    }
}

/// Refuses a branch or remote name that git would read as an option or that
/// no ref can have.
fn check_name(what: &str, name: &str) -> Result<()> {
    let bad = name.is_empty()
        || name.starts_with('-')
        || name
            .chars()
            .any(|c| c.is_control() || c.is_whitespace() || c == ':');
    if bad {
        return Err(Error::Deploy(format!(
            "`{}` is not a {what} name; hint: pass --{what} with a name such as `gh-pages` or `origin`",
            name.escape_debug()
        )));
    }
    Ok(())
}

/// `Deploy <source commit> with folio <version>`: the build's provenance.
fn commit_message(git: &Git) -> String {
    let source = git
        .resolve("HEAD")
        .map(|sha| format!(" {}", &sha[..sha.len().min(12)]))
        .unwrap_or_default();
    format!(
        "Deploy{source} with folio {}\n\nBuilt by `folio deploy`: this branch holds only the built site.",
        crate::project::VERSION
    )
}

fn remove_dir_if_present(dir: &Path) -> Result<()> {
    if dir.symlink_metadata().is_ok() {
        std::fs::remove_dir_all(dir).map_err(io_error(dir))?;
    }
    Ok(())
}

/// The user's git, run in the repository that holds the site.
struct Git {
    /// The repository's top folder.
    top: PathBuf,
    /// Its git folder (`.git`), absolute.
    git_dir: PathBuf,
}

impl Git {
    /// The repository holding `site`, or an error saying there is none.
    fn find(site: &Path) -> Result<Git> {
        let probe = Git {
            top: site.to_path_buf(),
            git_dir: PathBuf::new(),
        };
        let out = probe
            .run(&["rev-parse", "--show-toplevel", "--absolute-git-dir"], &[])
            .map_err(|e| match e {
                Error::Deploy(m) if m.contains("not a git repository") => Error::Deploy(format!(
                    "{} is in no git repository; hint: `git init` and commit the site, \
                     then add the remote to publish to (`git remote add origin URL`)",
                    site.display()
                )),
                other => other,
            })?;
        let mut lines = out.lines();
        let top = PathBuf::from(lines.next().unwrap_or_default());
        let git_dir = PathBuf::from(lines.next().unwrap_or_default());
        Ok(Git { top, git_dir })
    }

    fn has_remote(&self, remote: &str) -> bool {
        self.run(&["remote"], &[])
            .is_ok_and(|r| r.lines().any(|l| l == remote))
    }

    /// Updates the remote-tracking branch, if the remote and its branch exist
    /// (a first deploy has none; offline, the local branch is used).
    fn fetch_branch(&self, remote: &str, branch: &str) {
        if self.has_remote(remote) {
            let refspec = format!("+refs/heads/{branch}:refs/remotes/{remote}/{branch}");
            let _ = self.run(&["fetch", "--quiet", remote, &refspec], &[]);
        }
    }

    /// The local branch's commit, and the commit to build on (after fetching
    /// the remote's branch, when there is a remote).
    fn branch_tips(&self, remote: &str, branch: &str) -> (Option<String>, Option<String>) {
        self.fetch_branch(remote, branch);
        let local = self.resolve(&format!("refs/heads/{branch}^{{commit}}"));
        let tracking = self.resolve(&format!("refs/remotes/{remote}/{branch}^{{commit}}"));
        let parent = self.newest(local.clone(), tracking);
        (local, parent)
    }

    /// The commit to build on: the remote branch unless the local one is
    /// ahead of it (deployed without pushing), so that the push is a fast-forward.
    fn newest(&self, local: Option<String>, remote: Option<String>) -> Option<String> {
        match (local, remote) {
            (Some(local), Some(remote)) => {
                let ahead = self
                    .run(&["merge-base", "--is-ancestor", &remote, &local], &[])
                    .is_ok();
                Some(if ahead { local } else { remote })
            }
            (local, remote) => local.or(remote),
        }
    }

    /// The object name `rev` stands for, if any.
    fn resolve(&self, rev: &str) -> Option<String> {
        self.run(&["rev-parse", "--verify", "--quiet", rev], &[])
            .ok()
    }

    /// The tree object of every file under `dir`, made with a scratch index so
    /// that the user's index is untouched. `--force`: the build is published
    /// whole, whatever the repository's .gitignore says.
    fn tree_of(&self, dir: &Path, index: &Path) -> Result<String> {
        let index = index.as_os_str();
        let env = [("GIT_INDEX_FILE", index)];
        let git_dir = format!("--git-dir={}", self.git_dir.display());
        let work_tree = format!("--work-tree={}", dir.display());
        let args = [git_dir.as_str(), work_tree.as_str()];
        self.run_in(
            dir,
            &[&args[..], &["add", "--all", "--force", "."]].concat(),
            &env,
        )?;
        self.run_in(dir, &[&args[..], &["write-tree"]].concat(), &env)
    }

    fn run(&self, args: &[&str], env: &[(&str, &std::ffi::OsStr)]) -> Result<String> {
        self.run_in(&self.top, args, env)
    }

    /// Runs git in `dir`; its trimmed standard output, or its message as the error.
    fn run_in(
        &self,
        dir: &Path,
        args: &[&str],
        env: &[(&str, &std::ffi::OsStr)],
    ) -> Result<String> {
        let mut cmd = Command::new("git");
        cmd.args(args).current_dir(dir);
        for (k, v) in env {
            cmd.env(k, v);
        }
        let out = cmd.output().map_err(|e| {
            Error::Deploy(format!(
                "cannot run git ({e}); hint: install git (https://git-scm.com) and make sure it is on PATH"
            ))
        })?;
        if out.status.success() {
            return Ok(String::from_utf8_lossy(&out.stdout).trim_end().to_string());
        }
        let stderr = String::from_utf8_lossy(&out.stderr);
        Err(Error::Deploy(format!(
            "`git {}` failed: {}",
            args.join(" "),
            stderr.trim()
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_git_would_read_as_options_are_refused() {
        for name in ["", "-f", "--upload-pack=x", "a b", "a:b", "a\nb"] {
            assert!(check_name("branch", name).is_err(), "{name:?}");
        }
        for name in ["gh-pages", "origin", "pages/site", "upstream2"] {
            assert!(check_name("remote", name).is_ok(), "{name:?}");
        }
    }
}
