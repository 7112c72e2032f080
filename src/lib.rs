//! folio: a static site generator for research portfolios.
//!
//! A site is a folder of YAML files (`site.yaml`, `authors/`, `papers/`) and
//! Markdown pages. Data flows one way: `load` reads files, `resolve` checks and
//! links them into a `Site`, `render` turns the site and a theme into outputs, and
//! `output` writes them. Only `load`, `theme` and `output` touch the disk.

#![forbid(unsafe_code)]

// The stages, in the order data flows through them (ARCHITECTURE.md).
pub mod cli;
pub mod images;
pub mod import;
pub mod load;
pub mod model;
pub mod output;
pub mod render;
pub mod resolve;
pub mod scholar;
pub mod serve;
pub mod site;
pub mod update;
pub mod watch;

// Leaves: they import nothing above them.
pub mod error;
pub mod escape;
pub mod i18n;
pub mod markdown;
pub mod project;
pub mod text;
pub mod timing;

pub use error::{Diagnostic, Error, Result, Severity};
pub use site::{BuildOptions, BuildReport, build};
