//! The integration test binary: tiny sites built into temp folders.

mod common;

mod build;
mod check;
mod errors;
mod example;
mod faults;
mod import;
mod incremental;
mod init;
mod lab;
mod metadata;
mod nesting;
mod resources;
mod safety;
mod strings;
mod themes;
mod watch;
