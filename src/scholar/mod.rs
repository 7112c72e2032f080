//! Scholarly formats: pure functions from the resolved model to the text that
//! machines and readers of citations expect. Formatted references (`reference`),
//! BibTeX (`cite`), Google Scholar's `citation_*` tags (`cite`), schema.org JSON-LD
//! (`meta`), the sitemap, robots.txt, the Atom feed and `papers.bib` (`feeds`),
//! `papers.json` as CSL-JSON (`csl`),
//! and the metrics as SVG badges and a bar chart (`badges`). No I/O, no
//! templates: `render` calls them and decides where their output goes.

pub mod badges;
pub mod cite;
pub mod csl;
pub mod feeds;
pub mod meta;
pub mod reference;
