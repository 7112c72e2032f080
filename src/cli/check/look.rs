//! What `folio check` says about trusted HTML and other hosts: the active
//! integrations and snippets (listed, since a snippet is HTML that bypasses
//! escaping and an integration sends readers' visits to another host), and
//! raw HTML in Markdown of a site that does not trust it (shown as text:
//! warned where it is written).

use std::path::Path;

use serde_saphyr::Spanned;

use crate::error::Diagnostic;
use crate::load::RawSite;
use crate::markdown::raw_html_offsets;
use crate::model::appearance::SnippetPlace;
use crate::model::config::Config;

/// One line for each active integration and snippet.
pub(super) fn active(config: &Config) -> Vec<String> {
    let mut lines: Vec<String> = config
        .integrations
        .names()
        .into_iter()
        .map(|name| format!("integration `{name}` is active: pages load from or send to its host (see the Content-Security-Policy)"))
        .collect();
    for s in &config.appearance.snippets {
        let at = match s.at {
            SnippetPlace::Head => "the end of <head>",
            SnippetPlace::BodyEnd => "the end of <body>",
        };
        lines.push(format!(
            "snippet `{}` is active: trusted HTML inserted as written at {at} of every page",
            s.name
        ));
    }
    if config.raw_html {
        lines.push(
            "markdown.raw_html is on: raw HTML in Markdown is inserted as written (trusted)".into(),
        );
    }
    lines
}

/// A warning at each place raw HTML is written in Markdown, unless the site
/// trusts it (`markdown.raw_html: true`).
pub(super) fn raw_html(raw: &RawSite, config: &Config, diags: &mut Vec<Diagnostic>) {
    if config.raw_html {
        return;
    }
    let mut warn = |path: &Path, line: u64| {
        diags.push(
            Diagnostic::warning(path, line, 0, "raw HTML in Markdown is shown as text")
                .with_hint("write it in Markdown, or, for a site whose every author you trust, set `markdown: { raw_html: true }` in site.yaml"),
        );
    };
    let mut body = |path: &Path, text: &str, first_line: u64| {
        let mut last = 0;
        for offset in raw_html_offsets(text) {
            let line = first_line + text[..offset].matches('\n').count() as u64;
            if line != last {
                warn(path, line);
                last = line;
            }
        }
    };
    for p in &raw.pages {
        body(&p.path, &p.value.1, p.value.2);
    }
    for p in &raw.posts {
        body(&p.path, &p.value.1, p.value.2);
    }
    for p in &raw.projects {
        if let Some((text, line)) = &p.value.1 {
            body(&p.path, text, *line);
        }
    }
    for n in &raw.news {
        let text = n.value.0.body.as_deref().unwrap_or(&n.value.1);
        if !raw_html_offsets(text).is_empty() {
            warn(&n.path, 0);
        }
    }
    let mut field = |path: &Path, s: &Option<Spanned<String>>| {
        if let Some(s) = s
            && !raw_html_offsets(&s.value).is_empty()
        {
            warn(path, s.referenced.line());
        }
    };
    for (_, a) in &raw.authors {
        field(&a.path, &a.value.bio);
    }
    for (_, p) in &raw.papers {
        field(&p.path, &p.value.abstract_);
    }
}
