//! Loading YAML never panics, whatever the bytes: every input is a value or a
//! located diagnostic.
#![no_main]

use std::path::Path;

use folio::load::parse_yaml;
use folio::model::schema::{AuthorFile, NewsFile, PaperFile};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let path = Path::new("fuzz.yaml");
    if let Err(d) = parse_yaml::<PaperFile>(path, text) {
        assert!(!d.message.is_empty());
    }
    let _ = parse_yaml::<Vec<PaperFile>>(path, text);
    let _ = parse_yaml::<AuthorFile>(path, text);
    let _ = parse_yaml::<NewsFile>(path, text);
    let _ = parse_yaml::<folio::model::config::SiteFile>(path, text);
});
