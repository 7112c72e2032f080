//! Slugs made from any file name or title stay one safe path segment.
#![no_main]

use folio::text::{check_slug, slugify};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let slug = slugify(text);
    assert!(!slug.contains(['/', '\\', '\0', '.', ':']), "{slug:?}");
    assert!(!slug.starts_with('-') && !slug.ends_with('-'), "{slug:?}");
    if !slug.is_empty() && slug.len() <= 120 {
        assert!(
            check_slug(&slug).is_ok(),
            "slugify made {slug:?}, which check_slug refuses"
        );
    }
    // Whatever a user writes as `slug:` either passes and is one segment, or fails.
    if check_slug(text).is_ok() {
        assert!(!text.contains(['/', '\\', '.']) && text != ".." && !text.is_empty());
    }
});
