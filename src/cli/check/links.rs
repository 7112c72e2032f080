//! Links in the site's files, looked up in exactly the files a build writes:
//! site links that lead nowhere, files missing from `static/`.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag};
use serde_saphyr::Spanned;

use crate::error::{Diagnostic, Result};
use crate::load::RawSite;
use crate::model::config::Config;
use crate::model::schema::{AuthorFile, PaperFile};
use crate::text::{closest, percent_decode, safe_url};

use super::sources::{Origin, Sources, position};

pub(super) struct Targets<'a> {
    pub(super) config: &'a Config,
    pub(super) files: HashSet<String>,
}

/// Why a site link leads nowhere.
pub(super) enum Broken {
    /// A page address (`/papers/nope/`) that no page has.
    Page { hint: Option<String> },
    /// A file (`/files/x.pdf`) that is not in `static/` (nor written by the build).
    File { rel: String, hint: Option<String> },
    /// A file the build writes only under a condition this site does not meet.
    Conditional { when: &'static str },
}

impl<'a> Targets<'a> {
    pub(super) fn new<'p>(config: &'a Config, paths: impl Iterator<Item = &'p str>) -> Targets<'a> {
        Targets {
            config,
            files: paths.map(str::to_string).collect(),
        }
    }

    /// The path inside the output that a link points at (`files/x.pdf`), when it
    /// points into this site; `None` for other sites, mail and in-page anchors.
    pub(super) fn site_path(&self, url: &str) -> Option<String> {
        let url = url.trim();
        let rest = if url.starts_with('/') && !url.starts_with("//") {
            &url[1..]
        } else {
            let base = &self.config.base_url;
            url.strip_prefix(base.as_str())
                .filter(|_| !base.is_empty())?
        };
        let end = rest.find(['#', '?']).unwrap_or(rest.len());
        Some(percent_decode(&rest[..end]))
    }

    /// Checks a link that points into this site.
    pub(super) fn find(&self, path: &str) -> Result<(), Broken> {
        let page = if path.is_empty() || path.ends_with('/') {
            format!("{path}index.html")
        } else {
            format!("{path}/index.html")
        };
        if self.files.contains(path) || self.files.contains(&page) {
            return Ok(());
        }
        if let Some((_, when)) = CONDITIONAL.iter().find(|(file, _)| *file == path) {
            return Err(Broken::Conditional { when });
        }
        let trimmed = path.trim_end_matches('/');
        let (dir, name) = match trimmed.rsplit_once('/') {
            Some((dir, name)) => (format!("{dir}/"), name),
            None => (String::new(), trimmed),
        };
        let is_file = name.contains('.') && !path.ends_with('/') && !name.ends_with(".html");
        // Siblings in the same folder: pages (`x/index.html`) or files.
        let siblings = self.files.iter().filter_map(|f| {
            let rest = f.strip_prefix(dir.as_str())?;
            match rest.strip_suffix("/index.html") {
                Some(p) if !is_file && !p.contains('/') => Some((p, "/")),
                None if is_file && !rest.contains('/') => Some((rest, "")),
                _ => None,
            }
        });
        let siblings: Vec<(&str, &str)> = siblings.collect();
        let hint = closest(name, siblings.iter().map(|(n, _)| *n)).map(|best| {
            let slash = siblings
                .iter()
                .find(|(n, _)| *n == best)
                .map_or("", |s| s.1);
            format!("did you mean `/{dir}{best}{slash}`?")
        });
        Err(if is_file {
            Broken::File {
                rel: path.to_string(),
                hint,
            }
        } else {
            Broken::Page { hint }
        })
    }
}

/// Files the build writes only under a condition, and the condition.
pub(super) const CONDITIONAL: [(&str, &str); 4] = [
    ("feed.xml", "when `base_url` is an absolute URL"),
    ("sitemap.xml", "when `base_url` is an absolute URL"),
    (
        "news.xml",
        "when `base_url` is an absolute URL and there is news",
    ),
    ("CNAME", "when `cname` is set"),
];

/// One link found in a file: what field holds it, where, and the address.
pub(super) struct FoundLink {
    pub(super) path: PathBuf,
    pub(super) line: u64,
    pub(super) column: u64,
    pub(super) field: String,
    pub(super) url: String,
    /// Written in YAML (a `links:` entry, a photo), where a link without a
    /// leading `/` is relative to each page that shows it.
    pub(super) yaml: bool,
}

pub(super) fn check_links(
    raw: &RawSite,
    targets: &Targets,
    sources: &mut Sources,
    diags: &mut Vec<Diagnostic>,
) {
    for link in collect_links(raw, sources) {
        if let Some(d) = check_link(&link, targets) {
            diags.push(d);
        }
    }
}

/// A link of a YAML field (`links.pdf`, `nav`) to a picture the build
/// resizes: its original is not published, so the link would lead nowhere.
/// (Markdown links to one lead to its widest copy; the build rewrites them.)
pub(super) fn check_originals(
    raw: &RawSite,
    targets: &Targets,
    resized: &std::collections::BTreeSet<String>,
    sources: &mut Sources,
    diags: &mut Vec<Diagnostic>,
) {
    if resized.is_empty() {
        return;
    }
    let links = collect_links(raw, sources);
    for link in links
        .iter()
        .filter(|l| l.yaml && l.field != "photo" && l.field != "preview")
    {
        let Some(rel) = targets.site_path(&link.url).filter(|r| resized.contains(r)) else {
            continue;
        };
        diags.push(
            Diagnostic::error(
                &link.path,
                link.line,
                link.column,
                format!(
                    "{}: `{}` is a picture the build resizes; its original static/{rel} is not published",
                    link.field, link.url
                ),
            )
            .with_hint(
                "link it from Markdown instead ([full size](/path) leads to its widest copy), or publish a copy under a name no picture field uses",
            ),
        );
    }
}

pub(super) fn check_link(link: &FoundLink, targets: &Targets) -> Option<Diagnostic> {
    let FoundLink {
        path,
        line,
        column,
        field,
        url,
        ..
    } = link;
    let Some(site_path) = targets.site_path(url) else {
        return relative_link_warning(link);
    };
    let (message, hint) = match targets.find(&site_path).err()? {
        Broken::Page { hint } => (
            format!("{field}: link `{url}` matches no page of the site"),
            hint,
        ),
        Broken::File { rel, hint } => (
            format!("{field}: `{url}` is not in static/"),
            hint.or_else(|| Some(format!("add the file as static/{rel}"))),
        ),
        Broken::Conditional { when } => (format!("{field}: `{url}` is written only {when}"), None),
    };
    let d = Diagnostic::error(path, *line, *column, message);
    Some(match hint {
        Some(h) => d.with_hint(h),
        None => d,
    })
}

/// `photo: images/me.jpg` works on one page and breaks on every other.
pub(super) fn relative_link_warning(link: &FoundLink) -> Option<Diagnostic> {
    let url = link.url.trim();
    let lower = url.to_ascii_lowercase();
    let absolute = ["http://", "https://", "mailto:", "#", "/"]
        .iter()
        .any(|p| lower.starts_with(p));
    if !link.yaml || absolute || safe_url(url).is_none() {
        return None;
    }
    Some(
        Diagnostic::warning(
            &link.path,
            link.line,
            link.column,
            format!(
                "{}: `{url}` is relative to each page that shows it",
                link.field
            ),
        )
        .with_hint(if crate::import::scheme_less_host(url) {
            format!("`{url}` looks like an address without its scheme: write `https://{url}`")
        } else {
            format!(
                "start it with `/` (`/{}`) to point into the site",
                url.trim_start_matches("./")
            )
        }),
    )
}

impl FoundLink {
    /// A link written as a YAML value at `(line, column)`.
    pub(super) fn in_yaml(
        path: &Path,
        (line, column): (u64, u64),
        field: &str,
        url: &str,
    ) -> FoundLink {
        FoundLink {
            path: path.to_path_buf(),
            line,
            column,
            field: field.to_string(),
            url: url.to_string(),
            yaml: true,
        }
    }
}

/// Every link of the site's files, with its position.
pub(super) fn collect_links(raw: &RawSite, sources: &mut Sources) -> Vec<FoundLink> {
    let mut links = Vec::new();
    if let Some(site) = &raw.site {
        for item in &site.value.nav {
            links.push(FoundLink::in_yaml(
                &site.path,
                position(item),
                "nav",
                &item.value.url,
            ));
        }
    }
    for (_, author) in &raw.authors {
        author_links(&author.path, &author.value, sources, &mut links);
    }
    for (_, paper) in &raw.papers {
        paper_links(&paper.path, &paper.value, sources, &mut links);
    }
    for page in &raw.pages {
        let (path, (_, body, _)) = (&page.path, &page.value);
        let origin = sources.body_start(path, body);
        markdown_links(path, "page", body, origin, sources, &mut links);
    }
    for post in &raw.posts {
        let (path, (_, body, _)) = (&post.path, &post.value);
        let origin = sources.body_start(path, body);
        markdown_links(path, "post", body, origin, sources, &mut links);
    }
    for news in &raw.news {
        let (path, (item, body)) = (&news.path, &news.value);
        if let Some(url) = &item.link {
            let at = sources.find_value(path, 1, "link", url);
            links.push(FoundLink::in_yaml(path, at, "link", url));
        }
        let (text, origin) = match &item.body {
            Some(text) => {
                let (line, column) = sources.find_value(path, 1, "body", "");
                (text, Origin::Yaml(line, column))
            }
            None => (body, sources.body_start(path, body)),
        };
        markdown_links(path, "body", text, origin, sources, &mut links);
    }
    links
}

pub(super) fn author_links(
    path: &Path,
    a: &AuthorFile,
    sources: &mut Sources,
    out: &mut Vec<FoundLink>,
) {
    if let Some(photo) = &a.photo {
        out.push(FoundLink::in_yaml(
            path,
            position(photo),
            "photo",
            &photo.value,
        ));
    }
    for (key, value) in [("cv", &a.links.cv), ("homepage", &a.links.homepage)] {
        if let Some(url) = value {
            let at = sources.find_value(path, 1, key, url);
            out.push(FoundLink::in_yaml(path, at, &format!("links.{key}"), url));
        }
    }
    if let Some(bio) = &a.bio {
        markdown_links(path, "bio", &bio.value, yaml_origin(bio), sources, out);
    }
}

pub(super) fn paper_links(
    path: &Path,
    p: &PaperFile,
    sources: &mut Sources,
    out: &mut Vec<FoundLink>,
) {
    let l = &p.links;
    // `arxiv` and `doi` are identifiers, made into links to their resolvers.
    let fields = [
        ("pdf", &l.pdf),
        ("code", &l.code),
        ("project", &l.project),
        ("slides", &l.slides),
        ("video", &l.video),
        ("poster", &l.poster),
        ("data", &l.data),
        ("html", &l.html),
    ];
    for (key, value) in fields {
        if let Some(v) = value {
            out.push(FoundLink::in_yaml(
                path,
                position(v),
                &format!("links.{key}"),
                &v.value,
            ));
        }
    }
    if let Some(preview) = &p.preview {
        out.push(FoundLink::in_yaml(
            path,
            position(preview),
            "preview",
            &preview.value,
        ));
    }
    if let Some(text) = &p.abstract_ {
        markdown_links(
            path,
            "abstract",
            &text.value,
            yaml_origin(text),
            sources,
            out,
        );
    }
}

pub(super) fn yaml_origin<T>(s: &Spanned<T>) -> Origin {
    Origin::Yaml(s.referenced.line(), s.referenced.column())
}

/// The links and images of a Markdown text found at `origin` in its file.
pub(super) fn markdown_links(
    path: &Path,
    field: &str,
    text: &str,
    origin: Origin,
    sources: &mut Sources,
    out: &mut Vec<FoundLink>,
) {
    let options = Options::ENABLE_MATH
        | Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES;
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        let url = match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) if link_type != LinkType::Email => dest_url,
            Event::Start(Tag::Image { dest_url, .. }) => dest_url,
            _ => continue,
        };
        let (line, column) = sources.in_text(path, origin, text, range);
        out.push(FoundLink {
            path: path.to_path_buf(),
            line,
            column,
            field: field.to_string(),
            url: url.to_string(),
            yaml: false,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_escapes_are_decoded() {
        assert_eq!(percent_decode("files/my%20cv.pdf"), "files/my cv.pdf");
        assert_eq!(percent_decode("a%zzb"), "a%zzb");
    }
}
