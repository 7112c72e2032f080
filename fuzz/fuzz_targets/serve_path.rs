//! The preview server never resolves a URL path to a file outside the site.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use folio::serve::resolve_path;
use libfuzzer_sys::fuzz_target;

/// A small served site beside a secret file, made once per process.
fn root() -> &'static PathBuf {
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    ROOT.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("folio-fuzz-serve-{}", std::process::id()));
        let site = dir.join("public");
        std::fs::create_dir_all(site.join("papers/a")).unwrap();
        std::fs::write(site.join("index.html"), "home").unwrap();
        std::fs::write(site.join("papers/a/index.html"), "a").unwrap();
        std::fs::write(dir.join("secret.txt"), "secret").unwrap();
        site.canonicalize().unwrap()
    })
}

fuzz_target!(|path: &str| {
    for base in ["/", "/repo/"] {
        if let Some(file) = resolve_path(root(), base, path) {
            assert!(file.starts_with(root()), "{path:?} -> {file:?}");
        }
    }
});
