//! `folio init`: the starter sites build, deploy correctly, and never overwrite.

use std::path::Path;
#[cfg(target_os = "linux")]
use std::process::Command;

use serde_json::Value;

use crate::common::{TestSite, count};

fn init(site: &TestSite, lab: bool) -> std::process::Output {
    let mut cmd = assert_cmd::Command::cargo_bin("folio").unwrap();
    cmd.arg("init").arg(site.root());
    if lab {
        cmd.arg("--lab");
    }
    cmd.output().unwrap()
}

// The personal starter builds, with a project-site base URL, without warnings.
#[test]
fn init_writes_a_personal_site_that_builds() {
    let site = TestSite::empty();
    assert!(init(&site, false).status.success());
    let report = site
        .try_build_with(Some("https://you.github.io/repo/"))
        .unwrap();
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    assert!(
        site.output("index.html")
            .contains("<strong class=\"me\"><a href=\"/repo/authors/you/\">Your Name</a></strong>")
    );
    assert!(
        site.output("papers/first-paper/index.html")
            .contains("<math>")
    );
    assert!(site.exists(".nojekyll"));
    let home = site.output("index.html");
    assert!(
        home.contains("href=\"/repo/publications/\""),
        "links carry the project path"
    );
}

// The lab starter builds: a people page with an alumnus, news, member pages.
#[test]
fn init_lab_writes_a_lab_site_that_builds() {
    let site = TestSite::empty();
    assert!(init(&site, true).status.success());
    site.build();
    let people = site.output("people/index.html");
    assert!(people.contains("id=\"role-alumni\"") && people.contains("Alex Alumnus"));
    assert_eq!(
        count(
            &site.output("authors/pat-investigator/index.html"),
            "<li class=\"paper\""
        ),
        2
    );
    assert!(site.exists("news/index.html"));
}

// The workflow builds with folio and deploys with GitHub's official Pages
// actions, pinned by commit, without leaving the token in the checkout.
#[test]
fn init_writes_a_pages_workflow() {
    let site = TestSite::empty();
    init(&site, false);
    let workflow =
        std::fs::read_to_string(site.root().join(".github/workflows/pages.yml")).unwrap();
    for needle in [
        "actions/configure-pages@983d7736d9b0ae728b81ab479565c72886d7745b",
        "actions/upload-pages-artifact@7b1f4a764d45c48632c6b24a0339c27f5614fb0b",
        "actions/deploy-pages@d6db90164ac5ed86f2b6aed7e0febac5b3c0c03e",
        "persist-credentials: false",
        "pages: write",
        "id-token: write",
        "cargo install --locked",
        &format!("FOLIO_VERSION: \"{}\"", env!("CARGO_PKG_VERSION")),
        "folio build \"$SITE_DIR\" --base-url \"$BASE_URL/\"",
        "Settings > Pages",
    ] {
        assert!(workflow.contains(needle), "missing {needle}");
    }
    assert!(!workflow.contains("@v"), "every action is pinned by commit");
}

// The workflow deploys from the default branch whatever its name: no branch
// is named in its trigger, and the build job runs only on the default branch.
#[test]
fn the_workflow_deploys_from_the_default_branch_whatever_its_name() {
    let site = TestSite::empty();
    init(&site, false);
    let workflow = Workflow::github(&site.root().join(".github/workflows/pages.yml"));
    assert!(workflow.yaml["on"]["push"].get("branches").is_none());
    assert_eq!(
        workflow.yaml["jobs"]["build"]["if"],
        "github.ref == format('refs/heads/{0}', github.event.repository.default_branch)"
    );
}

// The workflow's install and build steps, run here as a shell script with a
// local folder standing in for the release download: the release binary is
// checked against its checksum and installed, and the site builds under the
// project-site address into the folder the upload step publishes.
// Linux only: the steps run on Linux runners (bash, sha256sum, the musl archive).
#[cfg(target_os = "linux")]
#[test]
fn the_workflow_installs_the_release_binary_and_builds_a_project_site() {
    let site = TestSite::empty();
    assert!(init(&site, false).status.success());
    let workflow = Workflow::github(&site.root().join(".github/workflows/pages.yml"));
    let runner = Runner::new(site.root(), Release::good());
    runner.run(&workflow.step("Install folio"), &[]);
    assert!(runner.home.path().join(".folio/bin/folio").is_file());
    runner.run(
        &workflow.step("Build"),
        &[("BASE_URL", "https://you.github.io/repo")],
    );
    let published = site.root().join(workflow.upload_path());
    let home = std::fs::read_to_string(published.join("index.html")).unwrap();
    assert!(home.contains("href=\"/repo/publications/\""), "{home}");
    // A second run finds the cached binary and downloads nothing.
    std::fs::remove_dir_all(runner.release.dir.path()).unwrap();
    let out = runner.run(&workflow.step("Install folio"), &[]);
    assert!(out.contains("cached"), "{out}");
}

// A download whose checksum does not match is refused: nothing is installed.
// Linux only: the steps run on Linux runners (bash, sha256sum, the musl archive).
#[cfg(target_os = "linux")]
#[test]
fn the_workflow_refuses_a_release_binary_with_a_wrong_checksum() {
    let site = TestSite::empty();
    init(&site, false);
    let workflow = Workflow::github(&site.root().join(".github/workflows/pages.yml"));
    let runner = Runner::new(site.root(), Release::tampered());
    let out = runner.run_failing(&workflow.step("Install folio"));
    assert!(out.contains("checksum mismatch"), "{out}");
    assert!(!runner.home.path().join(".folio/bin/folio").exists());
}

// A site in a sub-folder of a repository: the workflow goes to the repository
// root, builds the sub-folder and publishes its output.
// Linux only: the steps run on Linux runners (bash, sha256sum, the musl archive).
#[cfg(target_os = "linux")]
#[test]
fn a_site_in_a_sub_folder_gets_a_workflow_at_the_repository_root() {
    let repo = tempfile::tempdir().unwrap();
    git(repo.path(), &["init", "-q"]);
    let site_dir = repo.path().join("web/site");
    let out = folio(&["init", site_dir.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!site_dir.join(".github").exists());
    let workflow = Workflow::github(&repo.path().join(".github/workflows/pages.yml"));
    assert_eq!(workflow.yaml["env"]["SITE_DIR"], "web/site");
    assert_eq!(workflow.upload_path(), "web/site/public");
    let runner = Runner::new(repo.path(), Release::good());
    runner.run(&workflow.step("Install folio"), &[]);
    runner.run(
        &workflow.step("Build"),
        &[("BASE_URL", "https://you.github.io/repo")],
    );
    assert!(repo.path().join("web/site/public/index.html").is_file());
}

// The release's shell installer (as the release workflow fills it in) picks
// the archive for this machine, checks its checksum, and installs folio; a
// tampered archive is refused and nothing is installed.
// Linux only: the steps run on Linux runners (bash, sha256sum, the musl archive).
#[cfg(target_os = "linux")]
#[test]
fn the_shell_installer_checks_the_checksum_and_installs() {
    let template = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(".github/installers/folio-installer.sh"),
    )
    .unwrap();
    let script = template
        .replace("@VERSION@", env!("CARGO_PKG_VERSION"))
        .replace("@REPO@", "https://example.invalid/folio");
    let install = |release: &Release| {
        let dest = tempfile::tempdir().unwrap();
        let url = format!(
            "{}/releases/download/v{}",
            release.url(),
            env!("CARGO_PKG_VERSION")
        );
        let out = Command::new("sh")
            .args(["-c", &script])
            .env("FOLIO_INSTALLER_DOWNLOAD_URL", url)
            .env("FOLIO_INSTALL_DIR", dest.path())
            .output()
            .unwrap();
        (out, dest)
    };
    let (out, dest) = install(&Release::good());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let installed = dest.path().join("folio");
    let version = Command::new(&installed).arg("--version").output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&version.stdout).trim(),
        format!("folio {}", env!("CARGO_PKG_VERSION"))
    );
    let (out, dest) = install(&Release::tampered());
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("checksum mismatch"));
    assert!(!dest.path().join("folio").exists());
}

// `folio init --gitlab` writes .gitlab-ci.yml; its script, run here the same
// way, installs folio and publishes public/ under the project's Pages address.
// Linux only: the steps run on Linux runners (bash, sha256sum, the musl archive).
#[cfg(target_os = "linux")]
#[test]
fn init_gitlab_writes_a_pipeline_that_builds_into_public() {
    let site = TestSite::empty();
    let out = folio(&["init", "--gitlab", site.root().to_str().unwrap()]);
    assert!(out.status.success());
    assert!(!site.root().join(".github").exists());
    let job = run_gitlab_pipeline(site.root());
    assert_eq!(job["artifacts"]["paths"][0], "public");
    assert_eq!(
        job["rules"][0]["if"],
        "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"
    );
    let index = std::fs::read_to_string(site.root().join("public/index.html")).unwrap();
    assert!(index.contains("href=\"/project/publications/\""), "{index}");
}

// A site in a sub-folder of a GitLab repository: the pipeline at the root
// builds the sub-folder into the public/ that GitLab publishes.
#[cfg(target_os = "linux")]
#[test]
fn init_gitlab_in_a_sub_folder_builds_into_the_root_public() {
    let repo = tempfile::tempdir().unwrap();
    git(repo.path(), &["init", "-q"]);
    let site_dir = repo.path().join("web/site");
    assert!(
        folio(&["init", "--gitlab", site_dir.to_str().unwrap()])
            .status
            .success()
    );
    let job = run_gitlab_pipeline(repo.path());
    assert_eq!(job["variables"]["SITE_DIR"], "web/site");
    assert!(repo.path().join("public/index.html").is_file());
    assert!(!site_dir.join("public").exists());
}

/// Runs the pages job of `repo/.gitlab-ci.yml` (before_script, then script)
/// as the GitLab runner would, with its variables; returns the job.
#[cfg(target_os = "linux")]
fn run_gitlab_pipeline(repo: &Path) -> Value {
    let text = std::fs::read_to_string(repo.join(".gitlab-ci.yml")).unwrap();
    let yaml: Value = serde_saphyr::from_str(&text).unwrap();
    let job = yaml["pages"].clone();
    let lines = |key: &str| -> Vec<String> {
        job[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l.as_str().unwrap().to_string())
            .collect()
    };
    let script = [lines("before_script"), lines("script")]
        .concat()
        .join("\n");
    let runner = Runner::new(repo, Release::good());
    // FOLIO_HOME names $CI_PROJECT_DIR, which GitLab expands: set it expanded.
    let home = runner.home.path().join(".folio");
    let vars = job["variables"].as_object().unwrap();
    let mut env: Vec<(&str, String)> = vars
        .iter()
        .filter(|(k, _)| k.as_str() != "FOLIO_HOME")
        .map(|(k, v)| (k.as_str(), v.as_str().unwrap().to_string()))
        .collect();
    env.push(("FOLIO_HOME", home.display().to_string()));
    env.push(("CI_PAGES_URL", "https://group.gitlab.io/project".into()));
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    runner.run(&script, &env);
    job
}

// A dangling link where init would write a file is refused; nothing is written
// at the link's target (outside the site).
#[cfg(unix)]
#[test]
fn init_never_writes_through_a_dangling_link() {
    let site = TestSite::empty();
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("planted.yaml");
    std::os::unix::fs::symlink(&target, site.root().join("site.yaml")).unwrap();
    let out = init(&site, false);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("site.yaml"), "{stderr}");
    assert!(!target.exists(), "wrote through the link");
    assert!(!site.root().join("authors").exists(), "nothing written");
}

// Schemas already in the site are never overwritten by init.
#[test]
fn init_never_overwrites_existing_schemas() {
    let site = TestSite::empty().file(".folio/schemas/site.schema.json", "{}\n");
    let out = init(&site, false);
    assert!(!out.status.success());
    assert_eq!(
        std::fs::read_to_string(site.root().join(".folio/schemas/site.schema.json")).unwrap(),
        "{}\n"
    );
}

// `folio schema` replaces its own schema files but never writes through a link.
#[cfg(unix)]
#[test]
fn schema_never_writes_through_a_link() {
    let site = TestSite::empty();
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("victim.json");
    std::fs::write(&target, "keep").unwrap();
    std::fs::create_dir_all(site.root().join(".folio/schemas")).unwrap();
    std::os::unix::fs::symlink(
        &target,
        site.root().join(".folio/schemas/paper.schema.json"),
    )
    .unwrap();
    let out = folio(&["schema", site.root().to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("symbolic link"));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep");
}

// `folio check` warns when the workflow installs a folio older than itself,
// at the FOLIO_VERSION line, and says nothing when it is the same.
#[test]
fn check_warns_when_the_workflow_installs_an_older_folio() {
    let site = TestSite::empty();
    init(&site, false);
    let check = || {
        let out = folio(&["check", site.root().to_str().unwrap()]);
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    assert!(!check().contains("older than this folio"), "{}", check());
    let path = site.root().join(".github/workflows/pages.yml");
    let text = std::fs::read_to_string(&path).unwrap();
    let current = format!("FOLIO_VERSION: \"{}\"", env!("CARGO_PKG_VERSION"));
    std::fs::write(&path, text.replace(&current, "FOLIO_VERSION: \"0.0.1\"")).unwrap();
    let stderr = check();
    assert!(
        stderr.contains(
            "pages.yml:23:19: warning: the workflow installs folio 0.0.1, older than this folio"
        ),
        "{stderr}"
    );
}

// A repository created with a .gitignore (as GitHub and GitLab offer) can be
// initialised: its .gitignore is kept as it is, and init says what to add.
#[test]
fn init_keeps_an_existing_gitignore_and_says_what_to_add() {
    let site = TestSite::empty().file(".gitignore", "target/\n");
    let out = init(&site, false);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("add `public/` and `.public.folio-*` to it"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(site.root().join(".gitignore")).unwrap(),
        "target/\n"
    );
    assert!(site.root().join("site.yaml").is_file());
}

// init prints the one-time Pages step that no workflow can do.
#[test]
fn init_prints_the_one_time_pages_step() {
    let site = TestSite::empty();
    let stderr = String::from_utf8_lossy(&init(&site, false).stderr).into_owned();
    assert!(
        stderr.contains("Settings > Pages > Build and deployment > Source: GitHub Actions")
            && stderr.contains("gh api -X POST \"repos/OWNER/REPO/pages\" -f build_type=workflow"),
        "{stderr}"
    );
}

// One place knows where folio lives: Cargo.toml's `repository`, read by
// src/project.rs. No other source file writes the address out.
#[test]
fn only_the_manifest_names_the_repository_address() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let address = env!("CARGO_PKG_REPOSITORY");
    assert!(address.starts_with("https://"), "{address}");
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(manifest.join("src")) {
        let entry = entry.unwrap();
        let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
        if text.contains(address) {
            found.push(entry.path().display().to_string());
        }
    }
    assert_eq!(found, Vec::<String>::new());
}

// Running init twice changes nothing and says which files exist.
#[test]
fn init_never_overwrites() {
    let site = TestSite::empty().file("site.yaml", "title: Mine\n");
    let out = init(&site, false);
    assert!(!out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("folio init never overwrites a file, and these exist: ")
            && stderr.contains("site.yaml"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(site.root().join("site.yaml")).unwrap(),
        "title: Mine\n"
    );
    assert!(!site.root().join("authors").exists(), "nothing written");
}

fn folio(args: &[&str]) -> std::process::Output {
    assert_cmd::Command::cargo_bin("folio")
        .unwrap()
        .args(args)
        .output()
        .unwrap()
}

#[cfg(target_os = "linux")]
fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A workflow file `folio init` wrote, parsed.
struct Workflow {
    yaml: Value,
}

impl Workflow {
    fn github(path: &Path) -> Workflow {
        let text = std::fs::read_to_string(path).unwrap();
        Workflow {
            yaml: serde_saphyr::from_str(&text).unwrap(),
        }
    }

    #[cfg(target_os = "linux")]
    fn steps(&self) -> &Vec<Value> {
        self.yaml["jobs"]["build"]["steps"].as_array().unwrap()
    }

    /// The `run:` script of the build job's step with this name.
    #[cfg(target_os = "linux")]
    fn step(&self, name: &str) -> String {
        let step = self.steps().iter().find(|s| s["name"] == name);
        step.and_then(|s| s["run"].as_str())
            .unwrap_or_else(|| panic!("no step {name}"))
            .to_string()
    }

    /// The folder the upload step publishes.
    #[cfg(target_os = "linux")]
    fn upload_path(&self) -> String {
        let upload = self.steps().iter().find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("actions/upload-pages-artifact@"))
        });
        upload.unwrap()["with"]["path"]
            .as_str()
            .unwrap()
            .to_string()
    }
}

#[cfg(target_os = "linux")]
/// A local folder laid out as the release download: the archive of the folio
/// under test, named as the release workflow names it, and its checksum.
struct Release {
    dir: tempfile::TempDir,
}

#[cfg(target_os = "linux")]
impl Release {
    fn good() -> Release {
        Release::make(false)
    }

    fn tampered() -> Release {
        Release::make(true)
    }

    fn make(tamper: bool) -> Release {
        let dir = tempfile::tempdir().unwrap();
        let target = match std::env::consts::ARCH {
            "aarch64" => "aarch64-unknown-linux-musl",
            _ => "x86_64-unknown-linux-musl",
        };
        let name = format!("folio-{target}");
        let assets = dir
            .path()
            .join(format!("releases/download/v{}", env!("CARGO_PKG_VERSION")));
        std::fs::create_dir_all(assets.join(&name)).unwrap();
        std::fs::copy(
            assert_cmd::cargo::cargo_bin("folio"),
            assets.join(&name).join("folio"),
        )
        .unwrap();
        let archive = format!("{name}.tar.gz");
        let sh = |script: &str| {
            let out = Command::new("sh")
                .args(["-c", script])
                .current_dir(&assets)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
        };
        // gzip -1: the debug binary is large, and this is no test of compression.
        let pack = format!("tar -cf - {name} | gzip -1 > {archive}");
        sh(&format!("{pack} && sha256sum {archive} > {archive}.sha256"));
        if tamper {
            sh(&format!("echo tampered >> {name}/folio && {pack}"));
        }
        Release { dir }
    }

    /// What FOLIO_REPO stands for: curl reads file:// addresses as it reads https://.
    fn url(&self) -> String {
        format!("file://{}", self.dir.path().display())
    }
}

#[cfg(target_os = "linux")]
/// Runs workflow scripts as a runner would: bash -e, in the repository, with a
/// fresh home and GITHUB_PATH, and FOLIO_REPO pointing at the local release.
struct Runner<'a> {
    repo: &'a Path,
    home: tempfile::TempDir,
    release: Release,
}

#[cfg(target_os = "linux")]
impl<'a> Runner<'a> {
    fn new(repo: &'a Path, release: Release) -> Runner<'a> {
        Runner {
            repo,
            home: tempfile::tempdir().unwrap(),
            release,
        }
    }

    fn command(&self, script: &str, env: &[(&str, &str)]) -> Command {
        let github_path = self.home.path().join("github_path");
        let extra = std::fs::read_to_string(&github_path).unwrap_or_default();
        let mut path: Vec<String> = extra.lines().map(str::to_string).collect();
        path.push(std::env::var("PATH").unwrap());
        let workflow_env = std::fs::read_to_string(self.repo.join(".github/workflows/pages.yml"))
            .ok()
            .map(|t| serde_saphyr::from_str::<Value>(&t).unwrap());
        let mut cmd = Command::new("bash");
        cmd.args(["-e", "-c", script]).current_dir(self.repo);
        if let Some(Value::Object(vars)) = workflow_env.map(|w| w["env"].clone()) {
            for (k, v) in vars {
                cmd.env(k, v.as_str().unwrap());
            }
        }
        cmd.env("HOME", self.home.path())
            .env("GITHUB_PATH", &github_path)
            .env("PATH", path.join(":"))
            .env("FOLIO_REPO", self.release.url());
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.env("FOLIO_REPO", self.release.url());
        cmd
    }

    /// Runs a script that must succeed; returns its output.
    fn run(&self, script: &str, env: &[(&str, &str)]) -> String {
        let out = self.command(script, env).output().unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.status.success(), "{script}\n---\n{text}");
        text
    }

    /// Runs a script that must fail; returns its output.
    fn run_failing(&self, script: &str) -> String {
        let out = self.command(script, &[]).output().unwrap();
        assert!(!out.status.success());
        String::from_utf8_lossy(&out.stderr).into_owned()
    }
}

// `--scheduled-update` adds a workflow that runs `folio update` every week and
// on demand with the key from a repository secret, pinned and locked down like
// the Pages workflow, allowed only to commit and to start the Pages workflow
// (its own push starts no workflow), and says once what to set up.
#[test]
fn init_scheduled_update_writes_a_weekly_metrics_workflow() {
    let site = TestSite::empty();
    let out = folio(&["init", "--scheduled-update", site.root().to_str().unwrap()]);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("gh secret set OPENALEX_API_KEY"),
        "{stderr}"
    );
    let path = site.root().join(".github/workflows/metrics.yml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(!text.contains("@v"), "every action is pinned by commit");
    let workflow = Workflow::github(&path);
    let y = &workflow.yaml;
    assert!(y["on"]["schedule"][0]["cron"].is_string(), "{y}");
    assert!(y["on"].get("workflow_dispatch").is_some(), "{y}");
    assert_eq!(y["permissions"], serde_json::json!({}));
    let job = &y["jobs"]["update"];
    assert_eq!(
        job["permissions"],
        serde_json::json!({"contents": "write", "actions": "write"})
    );
    let steps = job["steps"].as_array().unwrap();
    let step = |name: &str| steps.iter().find(|s| s["name"] == name).unwrap().clone();
    assert_eq!(steps[0]["with"]["persist-credentials"], false);
    let fetch = step("Fetch metrics");
    assert_eq!(fetch["run"], "folio update \"$SITE_DIR\"");
    assert_eq!(
        fetch["env"]["OPENALEX_API_KEY"],
        "${{ secrets.OPENALEX_API_KEY }}"
    );
    let deploy = step("Deploy the site");
    assert_eq!(deploy["if"], "steps.commit.outputs.changed == 'true'");
    assert!(
        deploy["run"]
            .as_str()
            .unwrap()
            .starts_with("gh workflow run pages.yml "),
        "{deploy}"
    );
    // The Pages workflow it starts can be started by hand (workflow_dispatch).
    let pages = Workflow::github(&site.root().join(".github/workflows/pages.yml"));
    assert!(pages.yaml["on"].get("workflow_dispatch").is_some());
    // GitLab has no such workflow: the two options are refused together.
    let both = folio(&[
        "init",
        "--gitlab",
        "--scheduled-update",
        site.root().to_str().unwrap(),
    ]);
    assert!(!both.status.success());
}

// In a folder that already holds a site, `--scheduled-update` writes the
// metrics workflow alone, at the root of the repository; a second time it
// refuses, overwriting nothing.
#[cfg(target_os = "linux")]
#[test]
fn init_scheduled_update_adds_the_workflow_to_an_existing_site() {
    let repo = tempfile::tempdir().unwrap();
    git(repo.path(), &["init", "-q"]);
    let site = repo.path().join("web");
    assert!(folio(&["init", site.to_str().unwrap()]).status.success());
    let out = folio(&["init", "--scheduled-update", site.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(repo.path().join(".github/workflows/metrics.yml")).unwrap();
    assert!(text.contains("SITE_DIR: \"web\""), "{text}");
    let again = folio(&["init", "--scheduled-update", site.to_str().unwrap()]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("metrics.yml"));
}

// The commit step, run as a runner would against a local bare repository
// standing in for GitHub: nothing is committed when data/metrics.yaml did not
// change; when it did, that file alone is committed and pushed to the branch
// the workflow runs on, and the step says so for the deploy step.
#[cfg(target_os = "linux")]
#[test]
fn the_metrics_workflow_commits_only_a_changed_metrics_file() {
    let work = tempfile::tempdir().unwrap();
    let (origin, repo) = (work.path().join("origin.git"), work.path().join("repo"));
    git(
        work.path(),
        &["init", "-q", "--bare", "-b", "main", "origin.git"],
    );
    git(work.path(), &["init", "-q", "-b", "main", "repo"]);
    assert!(
        folio(&["init", "--scheduled-update", repo.to_str().unwrap()])
            .status
            .success()
    );
    std::fs::create_dir_all(repo.join("data")).unwrap();
    std::fs::write(repo.join("data/metrics.yaml"), "format: 1\n").unwrap();
    git(&repo, &["add", "-A"]);
    git(
        &repo,
        &[
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@e",
            "commit",
            "-qm",
            "site",
        ],
    );
    let workflow = Workflow::github(&repo.join(".github/workflows/metrics.yml"));
    let steps = workflow.yaml["jobs"]["update"]["steps"].as_array().unwrap();
    let script = steps
        .iter()
        .find(|s| s["name"] == "Commit data/metrics.yaml if it changed")
        .unwrap()["run"]
        .as_str()
        .unwrap()
        .to_string();
    let output = work.path().join("github_output");
    let run = || {
        std::fs::write(&output, "").unwrap();
        let out = Command::new("bash")
            .args(["-e", "-c", &script])
            .current_dir(&repo)
            .env("SITE_DIR", ".")
            .env("GITHUB_OUTPUT", &output)
            .env("GITHUB_TOKEN", "tok")
            .env("GITHUB_REPOSITORY", "you/site")
            .env("GITHUB_REF", "refs/heads/main")
            // The push address the step builds, sent to the bare repository.
            .env("GIT_CONFIG_COUNT", "1")
            .env(
                "GIT_CONFIG_KEY_0",
                format!("url.{}.insteadOf", origin.display()),
            )
            .env(
                "GIT_CONFIG_VALUE_0",
                "https://x-access-token:tok@github.com/you/site.git",
            )
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        std::fs::read_to_string(&output).unwrap()
    };
    assert_eq!(run(), "changed=false\n");
    let pushed = |rev: &str| {
        Command::new("git")
            .args([
                "--git-dir",
                origin.to_str().unwrap(),
                "log",
                "--format=%s",
                rev,
            ])
            .output()
            .unwrap()
    };
    assert!(!pushed("main").status.success(), "nothing pushed");
    std::fs::write(repo.join("data/metrics.yaml"), "format: 1\npapers: {}\n").unwrap();
    std::fs::write(repo.join("site.yaml"), "title: Changed by hand\n").unwrap();
    assert_eq!(run(), "changed=true\n");
    let log = String::from_utf8(pushed("main").stdout).unwrap();
    assert_eq!(
        log.lines().next(),
        Some("Update metrics (folio update)"),
        "{log}"
    );
    let files = Command::new("git")
        .args([
            "--git-dir",
            origin.to_str().unwrap(),
            "show",
            "--name-only",
            "--format=",
            "main",
        ])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&files.stdout).trim(),
        "data/metrics.yaml"
    );
}

/// The contrast ratio of two `#rrggbb` colours (WCAG 2).
fn contrast(a: &str, b: &str) -> f64 {
    let luminance = |hex: &str| {
        let channel = |i: usize| {
            let c = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
    };
    let (x, y) = (luminance(a), luminance(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

// The starter project's picture has no background of its own (a light box
// glared on the dark theme) and every colour in it stands out 3:1 from the
// page and card backgrounds of both themes, light and dark.
#[test]
fn starter_project_image_suits_light_and_dark_themes() {
    let site = TestSite::empty();
    assert!(init(&site, false).status.success());
    let svg = std::fs::read_to_string(site.root().join("static/images/first-project.svg")).unwrap();
    assert!(!svg.contains("<rect"), "{svg}");
    let colours: Vec<&str> = svg
        .match_indices('#')
        .map(|(i, _)| &svg[i..i + 7])
        .collect();
    assert!(!colours.is_empty());
    // --bg and --bg-soft of the default and classic themes, light and dark.
    let backgrounds = [
        "#ffffff", "#f6f8fa", "#0f1216", "#171b21", "#fffffe", "#f4f3ef", "#1a1917", "#24231f",
    ];
    for colour in &colours {
        for bg in backgrounds {
            let ratio = contrast(colour, bg);
            assert!(ratio >= 3.0, "{colour} on {bg}: {ratio:.2}");
        }
    }
}

// The starter's project picture is an SVG, which the build does not resize:
// it still carries its own width and height, so its box is reserved before it
// loads (the browser stage's layout-shift check failed on the starter site).
#[test]
fn starter_svg_project_picture_has_its_size() {
    let site = TestSite::empty();
    assert!(init(&site, false).status.success());
    site.build();
    for page in ["projects/index.html", "projects/first-project/index.html"] {
        let html = site.output(page);
        assert!(
            html.contains("src=\"/images/first-project.svg\" width=\"320\" height=\"180\""),
            "{page}: {html}"
        );
    }
}
