//! Faults during a build: the last good site survives, byte for byte.

use crate::common::{TestSite, tree};

fn big_site(title_prefix: &str) -> TestSite {
    let mut site = TestSite::new();
    for i in 0..300 {
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
