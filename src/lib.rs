//! folio: a static site generator for research portfolios.
//!
//! A site is a folder of YAML files (`site.yaml`, `authors/`, `papers/`) and
//! Markdown pages. Data flows one way: `load` reads files, `resolve` checks and
//! links them into a `Site`, `render` turns the site and a theme into outputs, and
//! `output` writes them. Only `load`, `theme` and `output` touch the disk.

#![forbid(unsafe_code)]

pub mod badges;
pub mod check;
pub mod cite;
pub mod cli;
pub mod config;
pub mod deploy;
pub mod error;
pub mod feeds;
pub mod i18n;
pub mod import;
pub mod init;
pub mod jsonschema;
pub mod load;
pub mod markdown;
pub mod meta;
pub mod metrics;
pub mod model;
pub mod new;
pub mod output;
pub mod project;
pub mod render;
pub mod resolve;
pub mod schema;
pub mod serve;
pub mod site;
pub mod text;
pub mod theme;
pub mod timing;
pub mod watch;

pub use error::{Diagnostic, Error, Result, Severity};
pub use site::{BuildOptions, BuildReport, build};
