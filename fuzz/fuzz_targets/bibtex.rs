//! Any BibTeX file is read without a panic, within bounded memory (`@string`
//! bombs, deep braces), and every paper and problem has a place in the file.
#![no_main]

use std::path::Path;

use folio::import::{Format, parse};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let (papers, diagnostics) = parse(Format::Bibtex, text, Path::new("refs.bib"));
    for p in &papers {
        assert!(p.line >= 1 && p.column >= 1, "{:?}", p.id);
        // A value is at most 64 KiB before LaTeX is turned into text, which
        // only shortens it or turns a letter and its accent into one.
        assert!(p.title.len() <= 2 * 64 * 1024, "a title of {} bytes", p.title.len());
    }
    for d in &diagnostics {
        assert!(d.line >= 1, "{d}");
    }
});
