//! Themes: the built-in ones are embedded in the binary; a site can override any
//! single template or asset. Lookup order, first match wins:
//! `SITE/templates/`, `SITE/themes/<name>/templates/`, built-in `<name>`, built-in
//! `default`. Assets follow the same order with `static/`.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use crate::error::{Diagnostic, Error, Result, io_error};

/// A built-in theme: its templates and static assets, embedded at compile time.
struct BuiltIn {
    name: &'static str,
    templates: &'static [(&'static str, &'static str)],
    assets: &'static [(&'static str, &'static [u8])],
}

macro_rules! templates {
    ($theme:literal: $($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../themes/", $theme, "/templates/", $name)))),*]
    };
}

/// `assets/style.css` (see `style!`), then the theme's other static files.
macro_rules! assets {
    ($theme:literal: $($name:literal),* $(,)?) => {
        &[style!($theme), $(($name, include_bytes!(concat!("../../themes/", $theme, "/static/", $name)))),*]
    };
}

/// A built-in theme's `assets/style.css`: the shared `themes/base.css`, then the
/// theme's own file (its palette and the rules that differ), served as one file.
macro_rules! style {
    ($theme:literal) => {
        (
            "assets/style.css",
            concat!(
                include_str!("../../themes/base.css"),
                include_str!(concat!("../../themes/", $theme, "/static/assets/style.css"))
            )
            .as_bytes(),
        )
    };
}

const DEFAULT: BuiltIn = BuiltIn {
    name: "default",
    templates: templates!("default":
        "base.html", "index.html", "publications.html", "paper.html", "author.html",
        "topic.html", "topics.html", "page.html", "404.html", "people.html", "news.html",
        "talks.html", "talk.html", "posts.html", "post.html", "post_tag.html", "partials/post_item.html", "partials/paper_item.html", "partials/authors.html", "partials/metrics.html",
        "teaching.html", "course.html", "cv.html",
        "teaching.html", "course.html", "projects.html", "project.html", "partials/project_card.html",
        "partials/profile_links.html", "partials/paper_links.html", "partials/profile.html", "partials/head.html",
        "partials/talk_compact.html", "collection.html", "collection_item.html",
        "partials/collection_fields.html", "partials/search.html",
        "partials/img.html", "partials/paper_preview.html",
    ),
    assets: assets!("default": "assets/folio.js", "assets/favicon.svg"),
};

const CLASSIC: BuiltIn = BuiltIn {
    name: "classic",
    templates: templates!("classic": "base.html", "index.html", "partials/paper_item.html"),
    assets: assets!("classic":),
};

const BUILT_IN: [BuiltIn; 2] = [DEFAULT, CLASSIC];

/// The names of the themes built into this binary (`config::BUILT_IN_THEMES`).
pub fn built_in_names() -> Vec<&'static str> {
    let names: Vec<_> = BUILT_IN.iter().map(|t| t.name).collect();
    debug_assert_eq!(names, crate::model::config::BUILT_IN_THEMES);
    names
}

/// The templates and assets a build uses, after overrides.
pub struct Theme {
    pub tera: tera::Tera,
    /// Output path (`assets/style.css`) to bytes.
    pub assets: BTreeMap<String, Vec<u8>>,
    /// A hash of every template and asset: when it changes, every page may change.
    pub fingerprint: u64,
    /// For each template, the identifiers it mentions and the templates it names.
    refs: BTreeMap<String, TemplateRefs>,
}

#[derive(Default)]
struct TemplateRefs {
    words: HashSet<String>,
    names: Vec<String>,
}

impl Theme {
    /// Whether `template`, or any template it names (`extends`, `include`,
    /// `import`), mentions the variable `word`. An over-approximation: the build
    /// skips computing what a page's templates never mention (the BibTeX entry,
    /// JSON-LD, Scholar meta tags, unused fields of list entries), and must never
    /// skip what one does use.
    pub fn mentions(&self, template: &str, word: &str) -> bool {
        let mut seen = vec![template];
        let mut i = 0;
        while let Some(name) = seen.get(i).copied() {
            i += 1;
            let Some(refs) = self.refs.get(name) else {
                continue;
            };
            if refs.words.contains(word) {
                return true;
            }
            for other in &refs.names {
                if !seen.contains(&other.as_str()) {
                    seen.push(other);
                }
            }
        }
        false
    }
}

/// The identifiers in a template's source, and the other templates it names in
/// quotes.
fn template_refs(src: &str, all: &BTreeMap<String, String>) -> TemplateRefs {
    let words = src
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    let names = all
        .keys()
        .filter(|other| {
            src.contains(&format!("\"{other}\"")) || src.contains(&format!("'{other}'"))
        })
        .cloned()
        .collect();
    TemplateRefs { words, names }
}

/// Assembles the theme `name` for the site at `root`.
pub fn load(root: &Path, name: &str) -> Result<Theme> {
    load_reusing(root, name, None)
}

/// `load`, except that when the templates and assets are the same as those of
/// `previous` (same fingerprint), it is returned as it is instead of compiling
/// the templates again (`folio watch`).
#[inline(never)]
pub fn load_reusing(root: &Path, name: &str, previous: Option<Theme>) -> Result<Theme> {
    // `Config` refuses such names with their position; this guards other callers.
    if let Err(msg) = crate::text::check_key(name) {
        return Err(Error::Input(vec![Diagnostic::error(
            Path::new("site.yaml"),
            0,
            0,
            format!("theme `{name}`: {msg}"),
        )]));
    }
    let site_theme = root.join("themes").join(name);
    let built_in = BUILT_IN.iter().find(|t| t.name == name);
    if built_in.is_none() && !site_theme.is_dir() {
        return Err(Error::Input(vec![
            Diagnostic::error(
                Path::new("site.yaml"),
                0,
                0,
                format!("unknown theme `{name}`"),
            )
            .with_hint(format!(
                "built-in themes: {}; or create themes/{name}/ in the site",
                built_in_names().join(", ")
            )),
        ]));
    }
    let mut templates: BTreeMap<String, String> = BTreeMap::new();
    let mut assets: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    for theme in std::iter::once(&DEFAULT).chain(built_in.filter(|t| t.name != "default")) {
        for (n, t) in theme.templates {
            templates.insert((*n).to_string(), (*t).to_string());
        }
        for (n, b) in theme.assets {
            assets.insert((*n).to_string(), b.to_vec());
        }
    }
    for (dir, into_templates) in [
        (site_theme.join("templates"), true),
        (site_theme.join("static"), false),
        (root.join("templates"), true),
    ] {
        for (rel, bytes) in read_tree(root, &dir)? {
            if into_templates {
                let text = String::from_utf8(bytes).map_err(|_| Error::Template {
                    name: rel.clone(),
                    message: "template is not valid UTF-8".into(),
                })?;
                templates.insert(rel, text);
            } else {
                assets.insert(rel, bytes);
            }
        }
    }
    let fingerprint = {
        use std::hash::{Hash, Hasher};
        let mut h = std::hash::DefaultHasher::new();
        templates.hash(&mut h);
        assets.hash(&mut h);
        h.finish()
    };
    if let Some(previous) = previous.filter(|p| p.fingerprint == fingerprint) {
        return Ok(previous);
    }
    let mut tera = tera::Tera::new();
    tera.set_escape_fn(crate::escape::html_for_templates);
    crate::i18n::register_filters(&mut tera);
    tera.add_raw_templates(templates.iter().map(|(n, t)| (n.as_str(), t.as_str())))
        .map_err(|e| Error::Template {
            name: "(theme)".into(),
            message: e.to_string(),
        })?;
    Ok(Theme {
        tera,
        assets,
        fingerprint,
        refs: templates
            .iter()
            .map(|(name, src)| (name.clone(), template_refs(src, &templates)))
            .collect(),
    })
}

/// Every file under `dir`, keyed by its `/`-separated path relative to `dir`.
/// Like every input folder, read only inside the site (`load::input_files`).
fn read_tree(root: &Path, dir: &Path) -> Result<Vec<(String, Vec<u8>)>> {
    let not_ignored = |e: &walkdir::DirEntry, _: &mut Vec<Diagnostic>| {
        !crate::load::is_ignored_name(&e.file_name().to_string_lossy())
    };
    let mut diags = Vec::new();
    let entries = crate::load::input_files(root, dir, &not_ignored, &mut diags)?;
    if !diags.is_empty() {
        return Err(Error::Input(diags));
    }
    let mut out = Vec::new();
    for entry in entries {
        let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        let rel = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        let bytes = std::fs::read(entry.path()).map_err(io_error(entry.path()))?;
        out.push((rel, bytes));
    }
    Ok(out)
}

/// The templates of the built-in theme `name` as a build uses them: the
/// default theme's, replaced by `name`'s own. `None` for a theme not built in.
pub fn built_in_templates(name: &str) -> Option<BTreeMap<&'static str, &'static str>> {
    let theme = BUILT_IN.iter().find(|t| t.name == name)?;
    let mut out = BTreeMap::new();
    for t in std::iter::once(&DEFAULT).chain((theme.name != "default").then_some(theme)) {
        for (n, src) in t.templates {
            out.insert(*n, *src);
        }
    }
    Some(out)
}

/// Writes the built-in templates and assets of `name` into `dir`, for editing.
pub fn export(name: &str, dir: &Path) -> Result<()> {
    let theme = BUILT_IN.iter().find(|t| t.name == name).ok_or_else(|| {
        Error::Input(vec![Diagnostic::error(
            Path::new(name),
            0,
            0,
            "no built-in theme of this name",
        )])
    })?;
    for (n, t) in theme.templates {
        write_new(&dir.join("templates").join(n), t.as_bytes())?;
    }
    for (n, b) in theme.assets {
        write_new(&dir.join("static").join(n), b)?;
    }
    Ok(())
}

fn write_new(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(io_error(parent))?;
    }
    std::fs::write(path, bytes).map_err(io_error(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mentions_follows_extends_and_includes() {
        let tmp = tempfile::tempdir().unwrap();
        let theme = load(tmp.path(), "default").unwrap();
        // paper.html prints the BibTeX itself; JSON-LD is printed by the head
        // partial, which paper.html reaches through base.html.
        assert!(theme.mentions("paper.html", "bibtex"));
        assert!(theme.mentions("paper.html", "jsonld"));
        assert!(!theme.mentions("topics.html", "bibtex"));
        assert!(!theme.mentions("paper.html", "bibte"), "whole words only");

        let templates = tmp.path().join("templates");
        std::fs::create_dir_all(&templates).unwrap();
        std::fs::write(
            templates.join("paper.html"),
            "{% extends \"mine.html\" %}{% block c %}{{ paper.title_html }}{% endblock c %}",
        )
        .unwrap();
        std::fs::write(
            templates.join("mine.html"),
            "<title>{{ page.title }}</title>{% block c %}{% endblock c %}",
        )
        .unwrap();
        let theme = load(tmp.path(), "default").unwrap();
        assert!(!theme.mentions("paper.html", "bibtex"));
        assert!(!theme.mentions("paper.html", "jsonld"));
        assert!(theme.mentions("paper.html", "title"), "through extends");
        assert!(!theme.mentions("paper.html", "missing"));
    }

    #[test]
    fn built_in_stylesheet_is_the_base_then_the_theme_and_a_site_file_replaces_it() {
        let base = include_str!("../../themes/base.css");
        let tmp = tempfile::tempdir().unwrap();
        for name in ["default", "classic"] {
            let own = std::fs::read_to_string(format!(
                "{}/themes/{name}/static/assets/style.css",
                env!("CARGO_MANIFEST_DIR")
            ))
            .unwrap();
            let css = &load(tmp.path(), name).unwrap().assets["assets/style.css"];
            assert_eq!(
                String::from_utf8_lossy(css),
                format!("{base}{own}"),
                "{name}"
            );
        }
        let dir = tmp.path().join("themes/classic/static/assets");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("style.css"), "body { color: red }\n").unwrap();
        let theme = load(tmp.path(), "classic").unwrap();
        assert_eq!(theme.assets["assets/style.css"], b"body { color: red }\n");
    }
}
