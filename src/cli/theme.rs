//! `folio theme eject`: writes the built-in templates into the site's
//! `templates/` (where they override the built-in ones), each with a header
//! comment naming the folio that wrote it; and, for `folio check`, finds the
//! ejected templates that an older folio wrote and this one ships changed.

use std::cmp::Ordering;
use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, Error, Result, io_error};
use crate::model::config::SiteFile;
use crate::project;
use crate::render::theme::built_in_templates;
use crate::text::closest;

/// What starts an ejected template: `{# folio 0.1.0: ...`.
const HEADER_START: &str = "{# folio ";
/// What ends its header; `-#}` trims the line break after it, so the header
/// adds nothing to the pages.
const HEADER_END: &str = " -#}\n";

/// What `folio theme eject` writes, and where.
#[derive(Debug, Clone)]
pub struct EjectOptions {
    /// The site folder, holding site.yaml.
    pub site: PathBuf,
    /// The templates to write (`paper.html`, `partials/head.html`); all when empty.
    pub names: Vec<String>,
    /// Write into this folder instead of SITE/templates/ (to compare).
    pub output: Option<PathBuf>,
    /// Replace templates that exist.
    pub force: bool,
}

/// Writes the templates; returns the files written. Nothing is written when
/// a name is unknown or (without `force`) a file exists.
pub fn eject(opts: &EjectOptions) -> Result<Vec<PathBuf>> {
    let theme = site_theme(&opts.site)?;
    let templates = templates_of(&theme);
    let mut unknown = Vec::new();
    for name in &opts.names {
        if !templates.iter().any(|(n, _)| n == name) {
            let hint = match closest(name, templates.iter().map(|(n, _)| *n)) {
                Some(best) => format!("did you mean `{best}`?"),
                None => "run `folio theme eject` without names to write every template".into(),
            };
            unknown.push(
                Diagnostic::error(Path::new(name), 0, 0, "no built-in template of this name")
                    .with_hint(hint),
            );
        }
    }
    if !unknown.is_empty() {
        return Err(Error::Input(unknown));
    }
    let dir = opts
        .output
        .clone()
        .unwrap_or_else(|| opts.site.join("templates"));
    let chosen: Vec<_> = templates
        .iter()
        .filter(|(n, _)| opts.names.is_empty() || opts.names.iter().any(|w| w == n))
        .map(|(n, src)| (dir.join(n), header(&theme, n) + src))
        .collect();
    let existing: Vec<PathBuf> = chosen
        .iter()
        .filter(|(p, _)| p.symlink_metadata().is_ok())
        .map(|(p, _)| p.clone())
        .collect();
    if !opts.force && !existing.is_empty() {
        return Err(Error::WouldOverwrite(existing));
    }
    for (path, text) in &chosen {
        if path
            .symlink_metadata()
            .is_ok_and(|m| m.file_type().is_symlink())
        {
            return Err(Error::Symlink(path.clone()));
        }
        write(path, text)?;
    }
    Ok(chosen.into_iter().map(|(p, _)| p).collect())
}

/// Warnings for ejected templates in SITE/templates/ that an older folio wrote
/// and that this folio ships with other content: the site keeps the old one,
/// and misses the fixes of the new.
pub fn outdated_templates(root: &Path, theme: &str) -> Vec<Diagnostic> {
    templates_of(theme)
        .into_iter()
        .filter_map(|(name, src)| {
            let rel = Path::new("templates").join(name);
            let text = std::fs::read_to_string(root.join(&rel)).ok()?;
            let (version, body) = parse_header(&text)?;
            if project::compare_versions(version, project::VERSION)? != Ordering::Less
                || body == src
            {
                return None;
            }
            let message = format!(
                "{name} was ejected from folio {version}; this folio ({}) ships a different {name}",
                project::VERSION
            );
            let hint = format!(
                "compare with `folio theme eject {name} --output /tmp/new-templates` and carry your edits over, or delete the file to use the built-in one"
            );
            Some(Diagnostic::warning(&rel, 1, 1, message).with_hint(hint))
        })
        .collect()
}

/// The built-in templates a site with `theme` builds with, by name (a theme of
/// the site's own falls back to the default theme's).
fn templates_of(theme: &str) -> Vec<(&'static str, &'static str)> {
    built_in_templates(theme)
        .or_else(|| built_in_templates("default"))
        .unwrap_or_default()
        .into_iter()
        .collect()
}

/// The header of an ejected template.
fn header(theme: &str, name: &str) -> String {
    format!(
        "{HEADER_START}{}: the built-in `{theme}` theme's {name}, written by `folio theme eject`. Edit freely; `folio check` warns when a newer folio ships a different {name}.{HEADER_END}",
        project::VERSION
    )
}

/// An ejected template's folio version and its text after the header.
fn parse_header(text: &str) -> Option<(&str, &str)> {
    let rest = text.strip_prefix(HEADER_START)?;
    let (version, _) = rest.split_once(':')?;
    let end = rest.find(HEADER_END)?;
    Some((version, &rest[end + HEADER_END.len()..]))
}

/// The theme `site.yaml` names (`default` when it names none).
fn site_theme(root: &Path) -> Result<String> {
    let path = root.join("site.yaml");
    let text = std::fs::read_to_string(&path).map_err(io_error(&path))?;
    let file: SiteFile = crate::load::parse_yaml(Path::new("site.yaml"), &text)
        .map_err(|d| Error::Input(vec![d]))?;
    Ok(file.theme.map_or_else(|| "default".into(), |t| t.value))
}

fn write(path: &Path, text: &str) -> Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(io_error(parent))?;
    }
    std::fs::write(path, text).map_err(io_error(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_names_the_version_and_is_read_back() {
        let text = header("default", "paper.html") + "<p>x</p>\n";
        assert!(text.starts_with(&format!("{{# folio {}:", project::VERSION)));
        assert_eq!(parse_header(&text), Some((project::VERSION, "<p>x</p>\n")));
        assert_eq!(parse_header("<p>no header</p>"), None);
    }
}
