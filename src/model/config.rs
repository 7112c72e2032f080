//! `site.yaml`: the raw file as typed by the user, and the resolved `Config` the
//! rest of the pipeline reads (normalised `base_url`, defaults filled in).

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::error::Diagnostic;
use crate::text::{check_key, is_site_path, safe_url};

/// `site.yaml` exactly as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[derive(schemars::JsonSchema)]
pub struct SiteFile {
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub base_url: Option<Spanned<String>>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub language: Option<Spanned<String>>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub theme: Option<Spanned<String>>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub owner: Option<Spanned<String>>,
    #[serde(default)]
    #[schemars(with = "Vec<NavItem>")]
    pub nav: Vec<Spanned<NavItem>>,
    #[serde(default)]
    pub author_limit: Option<usize>,
    /// How many posts each page of `/posts/` lists (10 when not given).
    #[serde(default)]
    #[schemars(range(min = 1, max = 1000))]
    pub posts_per_page: Option<usize>,
    #[serde(default)]
    pub topics: BTreeMap<String, TopicDef>,
    #[serde(default)]
    pub affiliations: BTreeMap<String, AffiliationDef>,
    #[serde(default)]
    pub footer: Option<String>,
    #[serde(default)]
    pub cname: Option<String>,
    /// The style of the formatted reference on paper pages: apa, ieee or acm.
    #[serde(default)]
    pub citation_style: Style,
    /// How `[@slug]` citations in Markdown bodies look (`style: numbered` or
    /// `author-year`).
    #[serde(default)]
    pub citations: CitationsDef,
    /// `personal` (one researcher, the default) or `lab` (a group of members).
    #[serde(default)]
    pub mode: Mode,
    /// Overrides of single strings of folio's string table (`abstract: Summary`).
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, crate::i18n::Override>")]
    pub strings: BTreeMap<String, Spanned<crate::i18n::Override>>,
    /// The sections of the home page, top to bottom (default: news, papers, topics).
    #[serde(default)]
    #[schemars(with = "Option<Vec<HomeSection>>")]
    pub home: Option<Vec<Spanned<HomeSection>>>,
    /// Generic collections: folder name -> declaration (title, extra fields).
    #[serde(default)]
    pub collections: BTreeMap<String, crate::model::collection::CollectionDef>,
    /// `folio update`: the sources of citation counts, and works wrongly
    /// attributed to the owner or members.
    #[serde(default)]
    pub metrics: Option<MetricsSettings>,
    /// Accent colour, fonts, layout, favicon, extra stylesheets and snippets.
    #[serde(default)]
    pub appearance: crate::model::appearance::AppearanceFile,
    /// Opt-in analytics and comments, and extra Content-Security-Policy sources.
    #[serde(default)]
    pub integrations: crate::model::integrations::IntegrationsFile,
    /// How Markdown is read.
    #[serde(default)]
    pub markdown: MarkdownFile,
    /// A lab's home page: an introduction and a group photo.
    #[serde(default)]
    pub lab: crate::model::appearance::LabFile,
    /// What a shared link shows: the site's card, generated paper cards.
    #[serde(default)]
    pub social: crate::model::social::SocialFile,
}

/// `metrics:` in `site.yaml`, read by `folio update` (never by a build).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[derive(schemars::JsonSchema)]
pub struct MetricsSettings {
    /// Where citation counts come from, in order of preference.
    #[serde(default = "MetricsSource::all")]
    pub sources: Vec<MetricsSource>,
    /// Works that `folio update --discover` must not propose: OpenAlex ids
    /// (`W123`), DOIs or arXiv ids of works that are not yours.
    #[serde(default)]
    pub not_mine: Vec<String>,
}

/// A source of citation counts for `folio update`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[derive(schemars::JsonSchema)]
pub enum MetricsSource {
    #[serde(rename = "openalex")]
    OpenAlex,
    SemanticScholar,
    Crossref,
}

impl MetricsSource {
    /// Every source, in the default order of preference.
    pub fn all() -> Vec<MetricsSource> {
        vec![
            MetricsSource::OpenAlex,
            MetricsSource::SemanticScholar,
            MetricsSource::Crossref,
        ]
    }

    /// The name written in `site.yaml` and `data/metrics.yaml`.
    pub fn key(self) -> &'static str {
        match self {
            MetricsSource::OpenAlex => "openalex",
            MetricsSource::SemanticScholar => "semantic_scholar",
            MetricsSource::Crossref => "crossref",
        }
    }

    /// The name shown to people.
    pub fn name(self) -> &'static str {
        match self {
            MetricsSource::OpenAlex => "OpenAlex",
            MetricsSource::SemanticScholar => "Semantic Scholar",
            MetricsSource::Crossref => "Crossref",
        }
    }
}

/// `markdown:` in `site.yaml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
#[derive(schemars::JsonSchema)]
pub struct MarkdownFile {
    /// Pass raw HTML in Markdown through as HTML (a trusted site only: it
    /// bypasses escaping). Without it, raw HTML is shown as text.
    #[serde(default)]
    pub raw_html: bool,
}

/// `citations:` in `site.yaml`.
#[derive(Debug, Clone, Copy, Default, Deserialize)]
#[serde(deny_unknown_fields)]
#[derive(schemars::JsonSchema)]
pub struct CitationsDef {
    /// `numbered` (`[1]`, the default) or `author-year` (`(Luo et al., 2024)`).
    #[serde(default)]
    pub style: CitationMode,
}

/// How a `[@slug]` citation reads in the text, and how the reference list is
/// ordered: numbered in the order of first citation, or author and year with
/// the list sorted by author, then year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
#[derive(schemars::JsonSchema)]
pub enum CitationMode {
    #[default]
    Numbered,
    AuthorYear,
}

/// A section of the home page, named in `home:` in `site.yaml`. A new kind adds
/// its variant here, its data in `render::home::section_data` and its block in
/// each theme's `index.html`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[derive(schemars::JsonSchema)]
pub enum HomeSection {
    /// The latest news items, linking to `/news/`.
    News,
    /// The selected papers, or the latest ones when none is selected.
    Papers,
    /// One block per topic with its newest papers.
    Topics,
    /// Talks whose last day is today or later, soonest first.
    UpcomingTalks,
    /// Talks whose last day has passed, newest first.
    RecentTalks,
    /// Projects still going (`status: active`, or no status and no end), as cards.
    CurrentProjects,
    /// The latest blog posts, newest first, linking to `/posts/`.
    Posts,
}

impl HomeSection {
    /// The home page when `site.yaml` does not say.
    pub const DEFAULT: [HomeSection; 3] =
        [HomeSection::News, HomeSection::Papers, HomeSection::Topics];
}

/// The themes built into folio (`render::theme` embeds them).
pub const BUILT_IN_THEMES: [&str; 2] = ["default", "classic"];

/// A citation style for the formatted reference on paper pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Style {
    #[default]
    Apa,
    Ieee,
    Acm,
}

impl schemars::JsonSchema for Style {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "CitationStyle".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "The style of the formatted reference on paper pages.",
            "type": "string",
            "enum": ["apa", "ieee", "acm"],
            "default": "apa"
        })
    }
}

/// What kind of site this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
#[derive(schemars::JsonSchema)]
pub enum Mode {
    #[default]
    Personal,
    Lab,
}

/// One entry of the navigation bar.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[derive(schemars::JsonSchema)]
pub struct NavItem {
    pub title: String,
    pub url: String,
}

/// A research topic or field (`CL: { name: Computation and Language }`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[derive(schemars::JsonSchema)]
pub struct TopicDef {
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
}

/// An institution that papers and people can refer to by key.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[derive(schemars::JsonSchema)]
pub struct AffiliationDef {
    pub name: String,
    #[serde(default)]
    pub url: Option<String>,
}

/// The resolved site configuration.
#[derive(Debug, Clone)]
pub struct Config {
    pub title: String,
    pub description: String,
    /// Absolute base URL with a trailing slash (`https://u.github.io/repo/`), or empty
    /// when the site is built for a relative root.
    pub base_url: String,
    /// The path part of the base URL, always starting and ending with `/`.
    pub base_path: String,
    pub language: String,
    pub theme: String,
    pub owner: Option<String>,
    pub nav: Vec<NavItem>,
    pub author_limit: usize,
    /// Posts on each page of `/posts/`, at least one.
    pub posts_per_page: usize,
    pub topics: BTreeMap<String, TopicDef>,
    pub affiliations: BTreeMap<String, AffiliationDef>,
    pub footer: Option<String>,
    pub cname: Option<String>,
    pub citation_style: Style,
    /// How `[@slug]` citations in Markdown bodies look.
    pub citations: CitationMode,
    pub mode: Mode,
    /// The words folio itself writes into pages, in `language`.
    pub locale: crate::i18n::Locale,
    /// The home page's sections, in order, each at most once.
    pub home: Vec<HomeSection>,
    /// Accent colour, fonts, layout, favicon, stylesheets and snippets.
    pub appearance: crate::model::appearance::Appearance,
    /// Opt-in analytics and comments.
    pub integrations: crate::model::integrations::Integrations,
    /// Raw HTML in Markdown passes through (`markdown.raw_html: true`).
    pub raw_html: bool,
    /// The site's card and whether papers get generated cards.
    pub social: crate::model::social::Social,
}

/// How many posts each page of `/posts/` lists when `site.yaml` does not say.
pub const DEFAULT_POSTS_PER_PAGE: usize = 10;

/// How many authors a list shows before "et al." when `site.yaml` does not say.
pub const DEFAULT_AUTHOR_LIMIT: usize = 3;

impl Config {
    /// Resolves the raw file, reporting every problem into `diags`.
    pub fn resolve(
        raw: SiteFile,
        base_url_override: Option<&str>,
        path: &Path,
        diags: &mut Vec<Diagnostic>,
    ) -> Config {
        let (base_url, base_path) = match base_url_override {
            Some(url) => split_base_url(url).unwrap_or_else(|msg| {
                diags.push(Diagnostic::error(Path::new("--base-url"), 0, 0, msg));
                (String::new(), "/".into())
            }),
            None => match &raw.base_url {
                Some(s) => split_base_url(&s.value).unwrap_or_else(|msg| {
                    let loc = &s.referenced;
                    diags.push(Diagnostic::error(path, loc.line(), loc.column(), msg));
                    (String::new(), "/".into())
                }),
                None => (String::new(), "/".into()),
            },
        };
        if let Some(n) = raw.posts_per_page.filter(|n| !(1..=1000).contains(n)) {
            diags.push(
                Diagnostic::error(path, 0, 0, format!("posts_per_page: {n} is out of range"))
                    .with_hint("write a number from 1 to 1000"),
            );
        }
        for (keys, what) in [
            (raw.topics.keys().collect::<Vec<_>>(), "topic"),
            (raw.affiliations.keys().collect(), "affiliation"),
        ] {
            for key in keys {
                if let Err(msg) = check_key(key) {
                    diags.push(Diagnostic::error(
                        path,
                        0,
                        0,
                        format!("{what} key `{key}`: {msg}"),
                    ));
                }
            }
        }
        for (key, aff) in &raw.affiliations {
            if let Some(url) = &aff.url
                && safe_url(url).is_none()
            {
                diags.push(Diagnostic::error(
                    path,
                    0,
                    0,
                    format!("affiliation `{key}`: url `{url}` is not an http(s) link"),
                ));
            }
        }
        let mut nav = Vec::new();
        for item in raw.nav {
            if safe_url(&item.value.url).is_none() {
                let loc = &item.referenced;
                diags.push(
                    Diagnostic::error(
                        path,
                        loc.line(),
                        loc.column(),
                        format!("nav: link `{}` is not allowed", item.value.url),
                    )
                    .with_hint("use an http(s) or mailto link, or a path such as /publications/"),
                );
            } else {
                nav.push(item.value);
            }
        }
        let locale = locale(raw.language.as_ref(), &raw.strings, path, diags);
        let language = locale.language.clone();
        let home = home_sections(raw.home, path, diags);
        let theme = match raw.theme {
            Some(t) => check_theme_name(t, path, diags),
            None => "default".into(),
        };
        let mut appearance = crate::model::appearance::resolve(raw.appearance, &theme, path, diags);
        let markdown = crate::markdown::SiteOptions {
            base_path: &base_path,
            raw_html: raw.markdown.raw_html,
        };
        crate::model::appearance::resolve_lab(raw.lab, markdown, &mut appearance, path, diags);
        let integrations = crate::model::integrations::resolve(raw.integrations, path, diags);
        let social = crate::model::social::resolve(raw.social, path, diags);
        Config {
            social,
            appearance,
            integrations,
            raw_html: raw.markdown.raw_html,
            title: raw.title,
            description: raw.description,
            base_url,
            base_path,
            language,
            theme,
            owner: raw.owner.map(|o| o.value),
            nav,
            author_limit: raw.author_limit.unwrap_or(DEFAULT_AUTHOR_LIMIT).max(1),
            posts_per_page: raw
                .posts_per_page
                .unwrap_or(DEFAULT_POSTS_PER_PAGE)
                .clamp(1, 1000),
            topics: raw.topics,
            affiliations: raw.affiliations,
            footer: raw.footer,
            cname: raw.cname,
            citation_style: raw.citation_style,
            citations: raw.citations.style,
            mode: raw.mode,
            locale,
            home,
        }
    }

    /// The site-internal URL of `path` (given without a leading slash), honouring the
    /// base path: `url_for("papers/x/")` is `/repo/papers/x/` under a project site.
    pub fn url_for(&self, path: &str) -> String {
        format!("{}{}", self.base_path, path.trim_start_matches('/'))
    }

    /// How the site's Markdown is rendered: its base path, and whether its raw
    /// HTML is trusted.
    pub fn markdown(&self) -> crate::markdown::SiteOptions<'_> {
        crate::markdown::SiteOptions {
            base_path: &self.base_path,
            raw_html: self.raw_html,
        }
    }

    /// The absolute URL of `path`, when the site has an absolute base URL.
    pub fn absolute_url(&self, path: &str) -> Option<String> {
        if self.base_url.is_empty() {
            None
        } else {
            Some(format!("{}{}", self.base_url, path.trim_start_matches('/')))
        }
    }

    /// Resolves a link written in YAML: site paths get the base path, full URLs pass.
    pub fn link(&self, url: &str) -> String {
        if is_site_path(url) {
            self.url_for(url)
        } else {
            url.to_string()
        }
    }
}

/// The home page's sections as listed (the default when absent); a section
/// listed twice is an error at its second place.
fn home_sections(
    raw: Option<Vec<Spanned<HomeSection>>>,
    path: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Vec<HomeSection> {
    let Some(raw) = raw else {
        return HomeSection::DEFAULT.to_vec();
    };
    let mut home = Vec::new();
    for s in raw {
        if home.contains(&s.value) {
            let loc = &s.referenced;
            diags.push(
                Diagnostic::error(path, loc.line(), loc.column(), "home: section listed twice")
                    .with_hint("list each section once, in the order the home page shows them"),
            );
        } else {
            home.push(s.value);
        }
    }
    home
}

/// A theme is named, never a path: `theme: /any/dir` or `../x` would read
/// templates and publish assets from outside the site.
fn check_theme_name(t: Spanned<String>, path: &Path, diags: &mut Vec<Diagnostic>) -> String {
    match check_key(&t.value) {
        Ok(()) => t.value,
        Err(msg) => {
            let loc = &t.referenced;
            diags.push(
                Diagnostic::error(
                    path,
                    loc.line(),
                    loc.column(),
                    format!("theme `{}`: {msg}", t.value),
                )
                .with_hint(format!(
                    "name a built-in theme ({}) or a folder in the site's themes/",
                    BUILT_IN_THEMES.join(", ")
                )),
            );
            "default".into()
        }
    }
}

/// The string table for `language` with the site's overrides; each problem with
/// an override is an error at its key.
fn locale(
    language: Option<&Spanned<String>>,
    strings: &BTreeMap<String, Spanned<crate::i18n::Override>>,
    path: &Path,
    diags: &mut Vec<Diagnostic>,
) -> crate::i18n::Locale {
    let overrides = strings
        .iter()
        .map(|(k, v)| (k.clone(), v.value.clone()))
        .collect();
    let tag = language.map_or("en", |l| l.value.as_str());
    let (locale, problems) = crate::i18n::Locale::new(tag, &overrides);
    for p in problems {
        let (line, column) = match &p.key {
            Some(k) => strings
                .get(k)
                .map_or((0, 0), |s| (s.referenced.line(), s.referenced.column())),
            None => language.map_or((0, 0), |l| (l.referenced.line(), l.referenced.column())),
        };
        if p.key.is_none() && p.fatal {
            diags.push(
                Diagnostic::error(path, line, column, p.message)
                    .with_hint(crate::i18n::LANGUAGE_HINT),
            );
            continue;
        }
        diags.push(if p.fatal {
            Diagnostic::error(path, line, column, p.message)
                .with_hint("the strings and their placeholders are listed in docs/schema.md")
        } else {
            Diagnostic::warning(path, line, column, p.message)
                .with_hint("override single strings under `strings:` in site.yaml")
        });
    }
    locale
}

/// Splits a `base_url` into its normalised absolute form and its path.
fn split_base_url(url: &str) -> Result<(String, String), String> {
    let url = url.trim();
    let bad = || {
        format!(
            "base_url `{url}` must be an http(s) URL such as https://user.github.io/repo/ or a path such as /repo/"
        )
    };
    if url.contains(['"', '<', '>', '\'', ' ', '\\', '?', '#']) || url.chars().any(char::is_control)
    {
        return Err(bad());
    }
    // `https://me.example//evil.example/` would make every `{base_path}assets/…`
    // a protocol-relative link to another host.
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    if after_scheme.contains("//") {
        return Err(format!(
            "base_url `{url}` has `//` in its path, which browsers read as the start of another host's address; write `{}`",
            collapse_slashes(url)
        ));
    }
    let with_slash = |s: &str| {
        if s.ends_with('/') {
            s.to_string()
        } else {
            format!("{s}/")
        }
    };
    if let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    {
        let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
        if host.is_empty() {
            return Err(bad());
        }
        let path = with_slash(if path.is_empty() { "/" } else { path });
        if path.split('/').any(|seg| seg == ".." || seg == ".") {
            return Err(bad());
        }
        let scheme = &url[..url.len() - rest.len()];
        Ok((format!("{scheme}{host}{path}"), path))
    } else if is_site_path(url) {
        if url.split('/').any(|seg| seg == ".." || seg == ".") {
            return Err(bad());
        }
        Ok((String::new(), with_slash(url)))
    } else {
        Err(bad())
    }
}

/// The URL with each run of `/` after the scheme folded into one.
fn collapse_slashes(url: &str) -> String {
    let (prefix, rest) = match url.find("://") {
        Some(i) => url.split_at(i + 3),
        None => ("", url),
    };
    let mut out = prefix.to_string();
    let mut last_slash = false;
    for c in rest.chars() {
        if !(c == '/' && last_slash) {
            out.push(c);
        }
        last_slash = c == '/';
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_with_sub_path_keeps_the_path() {
        assert_eq!(
            split_base_url("https://u.github.io/repo").unwrap(),
            ("https://u.github.io/repo/".into(), "/repo/".into())
        );
        assert_eq!(
            split_base_url("https://u.github.io").unwrap(),
            ("https://u.github.io/".into(), "/".into())
        );
        assert_eq!(split_base_url("/").unwrap(), (String::new(), "/".into()));
    }

    #[test]
    fn base_url_rejects_other_schemes_and_traversal() {
        assert!(split_base_url("javascript:alert(1)").is_err());
        assert!(split_base_url("https://x.org/../a").is_err());
        assert!(split_base_url("//evil.org/").is_err());
        assert!(split_base_url("https://x.org/\"><script>").is_err());
    }

    // `//` in the path would turn every asset link into one to another host.
    #[test]
    fn base_url_refuses_empty_path_segments() {
        for bad in [
            "https://me.example//evil.example/",
            "https://me.example/repo//evil.example/",
            "/repo//x/",
            "https://me.example/repo\t/",
        ] {
            assert!(split_base_url(bad).is_err(), "{bad}");
        }
        assert_eq!(
            collapse_slashes("https://me.example//evil.example//"),
            "https://me.example/evil.example/"
        );
        assert_eq!(collapse_slashes("/repo//x/"), "/repo/x/");
    }
}
