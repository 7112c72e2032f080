//! `folio init`: writes a starter site (personal or lab) that builds as it is,
//! with a workflow that deploys it: GitHub Pages (`.github/workflows/pages.yml`)
//! or GitLab Pages (`.gitlab-ci.yml`, with `--gitlab`). The workflow goes to
//! the root of the git repository holding the site (the site may be a
//! sub-folder of it) and installs the very folio version that wrote it.
//! Existing files are never overwritten, and nothing is written through a link.

use std::cmp::Ordering;
use std::path::{Path, PathBuf};

use super::files::{self, occupied};

use crate::error::{Diagnostic, Error, Result};
use crate::project;

/// The files of a starter site: path and content.
type Files = &'static [(&'static str, &'static str)];

const COMMON: Files = &[
    // `.folio/cache/`: `folio update`'s cached API answers, and resized pictures.
    (".gitignore", "public/\n.public.folio-*\n.folio/cache/\n"),
    ("static/files/.gitkeep", ""),
];

const PERSONAL: Files = &[
    ("site.yaml", include_str!("init/site.yaml")),
    ("authors/you.yaml", include_str!("init/you.yaml")),
    ("papers/first-paper.yaml", include_str!("init/paper1.yaml")),
    ("papers/second-paper.yaml", include_str!("init/paper2.yaml")),
    ("pages/about.md", include_str!("init/about.md")),
    ("talks/first-talk.yaml", include_str!("init/talk1.yaml")),
    ("posts/first-post.md", include_str!("init/post1.md")),
    (
        "teaching/first-course.yaml",
        include_str!("init/course1.yaml"),
    ),
    ("cv.yaml", include_str!("init/cv.yaml")),
    (
        "projects/first-project.yaml",
        include_str!("init/project1.yaml"),
    ),
    (
        "static/images/first-project.svg",
        include_str!("init/project1.svg"),
    ),
];

const LAB: Files = &[
    ("site.yaml", include_str!("init/lab-site.yaml")),
    (
        "authors/pat-investigator.yaml",
        include_str!("init/lab-pi.yaml"),
    ),
    (
        "authors/sam-student.yaml",
        include_str!("init/lab-student.yaml"),
    ),
    (
        "authors/alex-alumnus.yaml",
        include_str!("init/lab-alumnus.yaml"),
    ),
    (
        "papers/lab-paper.yaml",
        include_str!("init/lab-paper1.yaml"),
    ),
    (
        "papers/earlier-lab-paper.yaml",
        include_str!("init/lab-paper2.yaml"),
    ),
    (
        "news/2025-09-welcome.yaml",
        include_str!("init/lab-news.yaml"),
    ),
    ("pages/join.md", include_str!("init/lab-join.md")),
];

/// The GitHub Pages workflow, before `render` fills it in.
const GITHUB_WORKFLOW: &str = include_str!("init/pages.yml");
/// The GitLab Pages pipeline, before `render` fills it in.
const GITLAB_PIPELINE: &str = include_str!("init/gitlab-ci.yml");
/// The scheduled workflow that runs `folio update` (`--scheduled-update`).
const METRICS_WORKFLOW: &str = include_str!("init/metrics.yml");
/// The shell script both use to install folio.
const INSTALL_SCRIPT: &str = include_str!("init/install-folio.sh");

/// Where GitHub looks for workflows, relative to the repository.
pub const GITHUB_WORKFLOW_PATH: &str = ".github/workflows/pages.yml";
/// Where `--scheduled-update` writes its workflow, relative to the repository.
pub const METRICS_WORKFLOW_PATH: &str = ".github/workflows/metrics.yml";
/// Where GitLab looks for the pipeline, relative to the repository.
pub const GITLAB_PIPELINE_PATH: &str = ".gitlab-ci.yml";

/// What `folio init` writes.
#[derive(Debug, Clone, Default)]
pub struct InitOptions {
    /// A lab site: members with roles, a people page, news.
    pub lab: bool,
    /// A GitLab Pages pipeline instead of the GitHub Pages workflow.
    pub gitlab: bool,
    /// Also a GitHub workflow that runs `folio update` weekly and deploys
    /// (alone, into a folder that already holds a site).
    pub scheduled_update: bool,
}

/// What `folio init` wrote, and where the site sits in its repository.
#[derive(Debug, Clone)]
pub struct Initialized {
    /// Every file written.
    pub files: Vec<PathBuf>,
    /// The deployment workflow (or pipeline) among them.
    pub workflow: PathBuf,
    /// The site's folder relative to the repository root, `/`-separated (`.` at the root).
    pub site_dir: String,
    /// The site's own `.gitignore`, left as it was: it should ignore `public/`.
    pub kept_gitignore: Option<PathBuf>,
}

/// Writes a starter site into `dir` with a GitHub Pages workflow. Fails,
/// writing nothing, if any of its files already exists. Returns the files written.
pub fn init(dir: &Path, lab: bool) -> Result<Vec<PathBuf>> {
    let opts = InitOptions {
        lab,
        ..InitOptions::default()
    };
    Ok(init_with(dir, &opts)?.files)
}

/// Writes a starter site into `dir` as `opts` say. Fails, writing nothing, if
/// any of its files (or something at its place: a link, a folder) exists.
pub fn init_with(dir: &Path, opts: &InitOptions) -> Result<Initialized> {
    if opts.scheduled_update && occupied(&dir.join("site.yaml")) {
        return add_scheduled_update(dir);
    }
    // A repository made on GitHub or GitLab often starts with a .gitignore of
    // its own: it is kept as it is (the caller says what to add), not a reason
    // to refuse.
    let gitignore = dir.join(".gitignore");
    let kept_gitignore = gitignore
        .symlink_metadata()
        .is_ok_and(|m| m.file_type().is_file());
    let files: Vec<&(&str, &str)> = COMMON
        .iter()
        .filter(|(rel, _)| !(kept_gitignore && *rel == ".gitignore"))
        .chain(if opts.lab { LAB } else { PERSONAL })
        .collect();
    let (repo_root, site_dir) = repository_of(dir);
    let (workflow_rel, template) = if opts.gitlab {
        (GITLAB_PIPELINE_PATH, GITLAB_PIPELINE)
    } else {
        (GITHUB_WORKFLOW_PATH, GITHUB_WORKFLOW)
    };
    let workflow = repo_root.join(workflow_rel);
    let schema_dir = Path::new(crate::cli::jsonschema::DEFAULT_DIR);
    let schemas: Vec<(PathBuf, String)> = crate::cli::jsonschema::schema_texts()
        .into_iter()
        .map(|(file, text)| (schema_dir.join(file), text))
        .collect();

    let mut planned: Vec<PathBuf> = files.iter().map(|(rel, _)| dir.join(rel)).collect();
    planned.extend(schemas.iter().map(|(rel, _)| dir.join(rel)));
    planned.push(workflow.clone());
    if opts.scheduled_update {
        planned.push(repo_root.join(METRICS_WORKFLOW_PATH));
    }
    let existing: Vec<PathBuf> = planned.iter().filter(|p| occupied(p)).cloned().collect();
    if !existing.is_empty() {
        return Err(Error::WouldOverwrite(existing));
    }

    std::fs::create_dir_all(dir).map_err(crate::error::io_error(dir))?;
    let mut written = Vec::new();
    for (rel, content) in &files {
        written.push(files::write_new(dir, Path::new(rel), content.as_bytes())?);
    }
    // The starter files name these schemas, so editors check them from the start.
    for (rel, text) in &schemas {
        written.push(files::write_new(dir, rel, text.as_bytes())?);
    }
    let text = render(template, &site_dir);
    written.push(files::write_new(
        &repo_root,
        Path::new(workflow_rel),
        text.as_bytes(),
    )?);
    if opts.scheduled_update {
        let text = render(METRICS_WORKFLOW, &site_dir);
        let rel = Path::new(METRICS_WORKFLOW_PATH);
        written.push(files::write_new(&repo_root, rel, text.as_bytes())?);
    }
    Ok(Initialized {
        files: written,
        workflow,
        site_dir,
        kept_gitignore: kept_gitignore.then_some(gitignore),
    })
}

/// `folio init --scheduled-update` in a folder that already holds a site: the
/// metrics workflow alone, at the root of its repository. Fails, writing
/// nothing, if that workflow exists.
fn add_scheduled_update(dir: &Path) -> Result<Initialized> {
    let (repo_root, site_dir) = repository_of(dir);
    let workflow = repo_root.join(METRICS_WORKFLOW_PATH);
    if occupied(&workflow) {
        return Err(Error::WouldOverwrite(vec![workflow]));
    }
    let text = render(METRICS_WORKFLOW, &site_dir);
    let written = files::write_new(
        &repo_root,
        Path::new(METRICS_WORKFLOW_PATH),
        text.as_bytes(),
    )?;
    Ok(Initialized {
        files: vec![written],
        workflow,
        site_dir,
        kept_gitignore: None,
    })
}

/// What the scheduled metrics workflow needs once: the API key as a secret.
pub fn scheduled_update_steps() -> String {
    format!(
        "folio: the metrics workflow runs `folio update` every Monday and on demand; once, add a free \
         OpenAlex API key (https://openalex.org/settings/api) as the repository secret OPENALEX_API_KEY \
         (Settings > Secrets and variables > Actions, or: gh secret set OPENALEX_API_KEY); see {}",
        project::doc_url("docs/metrics.md")
    )
}

/// The one-time steps that publishing needs and no workflow can do for you.
pub fn next_steps(done: &Initialized, gitlab: bool) -> String {
    let kept = match &done.kept_gitignore {
        Some(path) => format!(
            "folio: kept your {}; add `public/` and `.public.folio-*` to it so that builds are not committed\n",
            path.display()
        ),
        None => String::new(),
    };
    kept + &publish_steps(done, gitlab)
}

fn publish_steps(done: &Initialized, gitlab: bool) -> String {
    if gitlab {
        return format!(
            "folio: to publish, push to the default branch: {} builds the site and GitLab Pages serves it \
             at the address under Deploy > Pages; see {}",
            done.workflow.display(),
            project::doc_url("docs/deploy.md")
        );
    }
    format!(
        "folio: to publish on GitHub Pages, once, before the first push: in the repository, \
         Settings > Pages > Build and deployment > Source: GitHub Actions\n  \
         (or: gh api -X POST \"repos/OWNER/REPO/pages\" -f build_type=workflow)\n  \
         then every push to the default branch runs {}; see {}",
        done.workflow.display(),
        project::doc_url("docs/deploy.md")
    )
}

/// The root of the git repository holding `dir` (the nearest folder above it
/// with a `.git`), and `dir` relative to it; `dir` itself and `.` when `dir` is
/// in no repository (it will be the repository's root).
pub fn repository_of(dir: &Path) -> (PathBuf, String) {
    let Ok(abs) = std::path::absolute(dir) else {
        return (dir.to_path_buf(), ".".into());
    };
    let abs = normalize(&abs);
    for root in abs.ancestors() {
        if occupied(&root.join(".git")) {
            let rel = abs.strip_prefix(root).unwrap_or(Path::new(""));
            let parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if parts.is_empty() {
                return (dir.to_path_buf(), ".".into());
            }
            return (root.to_path_buf(), parts.join("/"));
        }
    }
    (dir.to_path_buf(), ".".into())
}

/// Drops `.` and resolves `..` lexically (the folder may not exist yet).
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Fills a workflow template in: this folio's version and address, the site's
/// folder, the install script.
pub fn render(template: &str, site_dir: &str) -> String {
    let public = if site_dir == "." {
        "public".to_string()
    } else {
        format!("{site_dir}/public")
    };
    let by = install_indent(template);
    let install = indent(INSTALL_SCRIPT, &by);
    template
        .replace(&format!("{by}@INSTALL@\n"), &install)
        .replace("@FOLIO_VERSION@", project::VERSION)
        .replace("@FOLIO_REPO@", &yaml_quoted_inner(project::REPOSITORY))
        .replace("@DOC_URL@", &project::doc_url("docs/deploy.md"))
        .replace("@METRICS_DOC_URL@", &project::doc_url("docs/metrics.md"))
        .replace("@SITE_DIR@", &yaml_quoted_inner(site_dir))
        .replace("@PUBLIC_DIR@", &yaml_quoted_inner(&public))
}

/// The indentation of the `@INSTALL@` line of a template.
fn install_indent(template: &str) -> String {
    template
        .lines()
        .find(|l| l.trim() == "@INSTALL@")
        .map(|l| l[..l.len() - l.trim_start().len()].to_string())
        .unwrap_or_default()
}

fn indent(text: &str, by: &str) -> String {
    text.lines()
        .map(|l| {
            if l.is_empty() {
                "\n".to_string()
            } else {
                format!("{by}{l}\n")
            }
        })
        .collect()
}

/// Escapes text for the inside of a double-quoted YAML scalar.
fn yaml_quoted_inner(text: &str) -> String {
    let json = serde_json::to_string(text).unwrap_or_default();
    json[1..json.len() - 1].to_string()
}

/// The folio version a workflow or pipeline installs: its `FOLIO_VERSION:`
/// line, with the line number (1-based).
pub fn pinned_version(workflow: &str) -> Option<(usize, String)> {
    workflow.lines().enumerate().find_map(|(i, line)| {
        let value = line.trim().strip_prefix("FOLIO_VERSION:")?;
        let value = value.trim().trim_matches(['"', '\'']);
        Some((i + 1, value.to_string()))
    })
}

/// Warnings for the deployment workflows of the repository holding `site`
/// that install a folio older than this one: the site would be built online by
/// a folio that may refuse or render differently what this one checks.
pub fn outdated_workflows(site: &Path) -> Vec<Diagnostic> {
    let (repo, _) = repository_of(site);
    [
        GITHUB_WORKFLOW_PATH,
        GITLAB_PIPELINE_PATH,
        METRICS_WORKFLOW_PATH,
    ]
    .iter()
        .filter_map(|rel| {
            let path = repo.join(rel);
            let text = std::fs::read_to_string(&path).ok()?;
            let (line, version) = pinned_version(&text)?;
            if project::compare_versions(&version, project::VERSION)? != Ordering::Less {
                return None;
            }
            let column = text.lines().nth(line - 1)?.find(&version)? + 1;
            let message = format!(
                "the workflow installs folio {version}, older than this folio ({})",
                project::VERSION
            );
            let hint = format!(
                "set `FOLIO_VERSION: \"{}\"` so that the site is built online by the folio you check it with",
                project::VERSION
            );
            Some(Diagnostic::warning(&path, line as u64, column as u64, message).with_hint(hint))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_workflow_names_this_version_once_and_no_placeholder_is_left() {
        for template in [GITHUB_WORKFLOW, GITLAB_PIPELINE, METRICS_WORKFLOW] {
            let text = render(template, "docs/site");
            for placeholder in [
                "@FOLIO_",
                "@INSTALL@",
                "@SITE_DIR@",
                "@PUBLIC_DIR@",
                "@DOC_URL@",
                "@METRICS_DOC_URL@",
            ] {
                assert!(!text.contains(placeholder), "{placeholder} left in {text}");
            }
            assert_eq!(
                pinned_version(&text).map(|(_, v)| v),
                Some(project::VERSION.to_string())
            );
            assert!(text.contains("SITE_DIR: \"docs/site\""), "{text}");
        }
    }

    #[test]
    fn a_site_folder_with_quotes_stays_one_yaml_string() {
        assert_eq!(yaml_quoted_inner(r#"my "site"\x"#), r#"my \"site\"\\x"#);
    }

    #[test]
    fn a_sub_folder_of_a_repository_is_found_relative_to_its_root() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join(".git")).unwrap();
        let site = dir.path().join("web/site");
        let (root, rel) = repository_of(&site);
        assert_eq!(normalize(&root), normalize(dir.path()));
        assert_eq!(rel, "web/site");
        let (root, rel) = repository_of(dir.path());
        assert_eq!(root, dir.path());
        assert_eq!(rel, ".");
    }
}
