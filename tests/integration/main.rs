//! The integration test binary: tiny sites built into temp folders.

mod common;
// The local HTTP server replaying recorded API answers (`folio update`).
mod replay;

mod appearance;
mod build;
mod check;
mod collections;
mod cv;
mod deploy;
mod eject;
mod errors;
mod example;
mod faults;
mod full_site;
mod home;
mod images;
mod import;
mod incremental;
mod init;
mod lab;
mod languages;
mod merging;
mod metadata;
mod metrics_file;
// Both measure the folio process with Linux calls (wait4, prctl, rlimits).
#[cfg(target_os = "linux")]
mod nesting;
mod pictures;
mod platform;
mod posts;
mod projects;
#[cfg(target_os = "linux")]
mod resources;
mod resume;
mod safety;
mod search;
mod serve;
mod social;
mod strings;
mod talks;
mod teaching;
mod themes;
mod update;
mod watch;
mod watch_random;
