//! What differs between operating systems and can be checked here: files
//! written on Windows (CRLF line ends) build exactly as on Linux.

use std::path::Path;

use crate::common::{TestSite, tree};

fn example() -> TestSite {
    TestSite::copy_of(&Path::new(env!("CARGO_MANIFEST_DIR")).join("example-site"))
}

/// Rewrites every YAML and Markdown file of the site with CRLF line ends.
fn to_crlf(site: &TestSite) -> usize {
    let mut converted = 0;
    for entry in walkdir::WalkDir::new(site.root()) {
        let entry = entry.unwrap();
        let path = entry.path();
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if entry.file_type().is_file() && matches!(ext, "yaml" | "yml" | "md") {
            let text = std::fs::read_to_string(path).unwrap();
            assert!(!text.contains('\r'));
            std::fs::write(path, text.replace('\n', "\r\n")).unwrap();
            converted += 1;
        }
    }
    converted
}

// The example site with every YAML and Markdown file in CRLF (as a Windows
// editor or git's autocrlf writes them) builds byte for byte the same site,
// with the same warnings.
#[test]
fn crlf_input_builds_the_same_output_as_lf() {
    let lf = example();
    let crlf = example();
    assert!(to_crlf(&crlf) > 10);
    let lf_report = lf.build();
    let crlf_report = crlf.build();
    assert_eq!(tree(&lf.out), tree(&crlf.out));
    let messages = |r: &folio::BuildReport| -> Vec<String> {
        r.warnings
            .iter()
            .map(|w| w.to_string().replace('\r', ""))
            .collect()
    };
    assert_eq!(messages(&lf_report), messages(&crlf_report));
}

// A CRLF file with an error is located as its LF twin is: same line and column.
#[test]
fn crlf_input_errors_point_at_the_same_line_and_column() {
    let yaml = "title: Ada\nowner: ada\nunknown_key: 1\n";
    let lf = TestSite::new().file("site.yaml", yaml);
    let crlf = TestSite::new().file("site.yaml", &yaml.replace('\n', "\r\n"));
    assert_eq!(lf.build_err(), crlf.build_err().replace('\r', ""));
}
