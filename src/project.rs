//! Where folio lives and which version this is: the one place that knows the
//! project's address. Both come from Cargo.toml (`repository`, `version`), so a
//! release, the workflows `folio init` writes and the messages that point at the
//! docs always agree with the crate they were built from.

/// This folio's version, as in Cargo.toml (`0.1.0`).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The project's repository (`https://github.com/...`), as in Cargo.toml.
pub const REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");

/// The crate's name on crates.io, for `cargo install --locked <name>@<version>`.
pub const CRATE: &str = env!("CARGO_PKG_NAME");

/// The address of the release of `version` whose assets the installers fetch.
pub fn release_url(version: &str) -> String {
    format!("{REPOSITORY}/releases/download/v{version}")
}

/// The address of a document of the project (`docs/deploy.md`), on the
/// default branch.
pub fn doc_url(path: &str) -> String {
    format!("{REPOSITORY}/blob/main/{path}")
}

/// Compares two `major.minor.patch` versions (pre-release tags ignored);
/// None when either is not such a version.
pub fn compare_versions(a: &str, b: &str) -> Option<std::cmp::Ordering> {
    Some(parse_version(a)?.cmp(&parse_version(b)?))
}

fn parse_version(v: &str) -> Option<(u64, u64, u64)> {
    let core = v.trim().trim_start_matches('v');
    let core = core.split(['-', '+']).next()?;
    let mut parts = core.split('.').map(|p| p.parse::<u64>().ok());
    let version = (parts.next()??, parts.next()??, parts.next()??);
    parts.next().is_none().then_some(version)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cmp::Ordering;

    #[test]
    fn the_address_and_version_come_from_the_manifest() {
        assert!(REPOSITORY.starts_with("https://"), "{REPOSITORY}");
        assert!(parse_version(VERSION).is_some(), "{VERSION}");
        assert_eq!(
            release_url("1.2.3"),
            format!("{REPOSITORY}/releases/download/v1.2.3")
        );
    }

    #[test]
    fn versions_compare_by_number_not_by_text() {
        assert_eq!(compare_versions("0.9.0", "0.10.0"), Some(Ordering::Less));
        assert_eq!(compare_versions("v1.2.3", "1.2.3"), Some(Ordering::Equal));
        assert_eq!(
            compare_versions("1.2.3-rc.1", "1.2.2"),
            Some(Ordering::Greater)
        );
        assert_eq!(compare_versions("1.2", "1.2.0"), None);
        assert_eq!(compare_versions("x", "1.2.0"), None);
    }
}
