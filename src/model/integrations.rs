//! `integrations:` in `site.yaml`: opt-in analytics (Plausible, GoatCounter,
//! Umami, Google Analytics 4) and comments (giscus), each from a few lines,
//! and extra Content-Security-Policy sources for trusted embeds. With none
//! configured, pages ask no other host for anything.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::error::Diagnostic;

/// `integrations:` as written.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IntegrationsFile {
    /// Plausible Analytics: `{ domain: example.org }` (`host:` when self-hosted).
    #[serde(default)]
    #[schemars(with = "Option<PlausibleFile>")]
    pub plausible: Option<Spanned<PlausibleFile>>,
    /// GoatCounter: `{ code: mysite }` (counts at https://mysite.goatcounter.com).
    #[serde(default)]
    #[schemars(with = "Option<GoatCounterFile>")]
    pub goatcounter: Option<Spanned<GoatCounterFile>>,
    /// Umami: `{ website_id: ... }` (`host:` when self-hosted).
    #[serde(default)]
    #[schemars(with = "Option<UmamiFile>")]
    pub umami: Option<Spanned<UmamiFile>>,
    /// Google Analytics 4: `{ id: G-XXXXXXXXXX }`.
    #[serde(default)]
    #[schemars(with = "Option<GoogleAnalyticsFile>")]
    pub google_analytics: Option<Spanned<GoogleAnalyticsFile>>,
    /// giscus comments (GitHub Discussions), on posts unless `pages:` says.
    #[serde(default)]
    #[schemars(with = "Option<GiscusFile>")]
    pub giscus: Option<Spanned<GiscusFile>>,
    /// Sources added to every page's Content-Security-Policy, for embeds in
    /// trusted raw HTML: `{ frame-src: [https://www.youtube-nocookie.com] }`.
    #[serde(default)]
    pub csp: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlausibleFile {
    pub domain: String,
    #[serde(default)]
    pub host: Option<String>,
}

#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GoatCounterFile {
    pub code: String,
}

#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UmamiFile {
    pub website_id: String,
    #[serde(default)]
    pub host: Option<String>,
}

#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GoogleAnalyticsFile {
    pub id: String,
}

#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GiscusFile {
    /// `owner/name` of the GitHub repository holding the discussions.
    pub repo: String,
    pub repo_id: String,
    pub category: String,
    pub category_id: String,
    /// The page kinds that show comments (default: `[post]`).
    #[serde(default)]
    pub pages: Option<Vec<String>>,
}

/// The resolved integrations.
#[derive(Debug, Clone, Default)]
pub struct Integrations {
    /// The site's domain and the Plausible host.
    pub plausible: Option<(String, String)>,
    /// The GoatCounter code.
    pub goatcounter: Option<String>,
    /// The website id and the Umami host.
    pub umami: Option<(String, String)>,
    /// The Google Analytics measurement id.
    pub google_analytics: Option<String>,
    pub giscus: Option<Giscus>,
    /// Extra sources per directive.
    pub csp: BTreeMap<String, Vec<String>>,
}

/// giscus, resolved.
#[derive(Debug, Clone)]
pub struct Giscus {
    pub repo: String,
    pub repo_id: String,
    pub category: String,
    pub category_id: String,
    pub pages: Vec<String>,
}

impl Integrations {
    /// The names of the configured integrations, for `folio check`.
    pub fn names(&self) -> Vec<&'static str> {
        [
            (self.plausible.is_some(), "plausible"),
            (self.goatcounter.is_some(), "goatcounter"),
            (self.umami.is_some(), "umami"),
            (self.google_analytics.is_some(), "google_analytics"),
            (self.giscus.is_some(), "giscus"),
        ]
        .into_iter()
        .filter_map(|(on, name)| on.then_some(name))
        .collect()
    }
}

/// The page kinds giscus may be shown on.
pub const COMMENT_PAGES: [&str; 6] = ["post", "page", "paper", "talk", "project", "course"];

/// The directives `csp:` may add sources to.
pub const CSP_DIRECTIVES: [&str; 7] = [
    "script-src",
    "style-src",
    "img-src",
    "font-src",
    "connect-src",
    "frame-src",
    "media-src",
];

/// Resolves `integrations:`; every problem goes into `diags`.
pub fn resolve(raw: IntegrationsFile, path: &Path, diags: &mut Vec<Diagnostic>) -> Integrations {
    let mut out = Integrations::default();
    let mut bad = |s: &dyn Fn() -> (u64, u64), field: &str, value: &str, hint: &str| {
        let (line, column) = s();
        diags.push(
            Diagnostic::error(
                path,
                line,
                column,
                format!("integrations.{field}: `{value}` is not valid"),
            )
            .with_hint(hint.to_string()),
        );
    };
    if let Some(p) = &raw.plausible {
        let pos = || (p.referenced.line(), p.referenced.column());
        let host = origin(p.value.host.as_deref(), "https://plausible.io");
        match (is_domain(&p.value.domain), host) {
            (true, Some(host)) => out.plausible = Some((p.value.domain.clone(), host)),
            (false, _) => bad(
                &pos,
                "plausible.domain",
                &p.value.domain,
                "the site's domain as in Plausible, such as example.org",
            ),
            (_, None) => bad(
                &pos,
                "plausible.host",
                p.value.host.as_deref().unwrap_or(""),
                "an https origin such as https://plausible.example.org, without a path",
            ),
        }
    }
    if let Some(g) = &raw.goatcounter {
        let pos = || (g.referenced.line(), g.referenced.column());
        let code = &g.value.code;
        if !code.is_empty() && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            out.goatcounter = Some(code.to_ascii_lowercase());
        } else {
            bad(
                &pos,
                "goatcounter.code",
                code,
                "the code of your GoatCounter site: `mysite` for mysite.goatcounter.com",
            );
        }
    }
    if let Some(u) = &raw.umami {
        let pos = || (u.referenced.line(), u.referenced.column());
        let id = &u.value.website_id;
        let host = origin(u.value.host.as_deref(), "https://cloud.umami.is");
        let id_ok = !id.is_empty() && id.chars().all(|c| c.is_ascii_hexdigit() || c == '-');
        match (id_ok, host) {
            (true, Some(host)) => out.umami = Some((id.clone(), host)),
            (false, _) => bad(
                &pos,
                "umami.website_id",
                id,
                "the website id Umami shows, such as 94db1cb1-74f4-4a40-ad6c-962362670409",
            ),
            (_, None) => bad(
                &pos,
                "umami.host",
                u.value.host.as_deref().unwrap_or(""),
                "an https origin such as https://umami.example.org, without a path",
            ),
        }
    }
    if let Some(g) = &raw.google_analytics {
        let pos = || (g.referenced.line(), g.referenced.column());
        let id = &g.value.id;
        let ok = id
            .strip_prefix("G-")
            .is_some_and(|r| !r.is_empty() && r.chars().all(|c| c.is_ascii_alphanumeric()));
        if ok {
            out.google_analytics = Some(id.clone());
        } else {
            bad(
                &pos,
                "google_analytics.id",
                id,
                "a GA4 measurement id such as G-XXXXXXXXXX",
            );
        }
    }
    if let Some(g) = &raw.giscus {
        let pos = || (g.referenced.line(), g.referenced.column());
        let v = &g.value;
        let id_ok = |s: &str| {
            !s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '='))
        };
        let repo_ok = v.repo.split_once('/').is_some_and(|(o, n)| {
            let part = |s: &str| {
                !s.is_empty()
                    && s.chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
            };
            part(o) && part(n)
        });
        let pages = v.pages.clone().unwrap_or_else(|| vec!["post".into()]);
        let unknown = pages.iter().find(|p| !COMMENT_PAGES.contains(&p.as_str()));
        if !repo_ok {
            bad(&pos, "giscus.repo", &v.repo, "the repository as owner/name");
        } else if !id_ok(&v.repo_id) {
            bad(
                &pos,
                "giscus.repo_id",
                &v.repo_id,
                "the repo id giscus.app shows (R_...)",
            );
        } else if !id_ok(&v.category_id) {
            bad(
                &pos,
                "giscus.category_id",
                &v.category_id,
                "the category id giscus.app shows (DIC_...)",
            );
        } else if let Some(p) = unknown {
            let hint = format!("page kinds: {}", COMMENT_PAGES.join(", "));
            bad(&pos, "giscus.pages", p, &hint);
        } else {
            out.giscus = Some(Giscus {
                repo: v.repo.clone(),
                repo_id: v.repo_id.clone(),
                category: v.category.clone(),
                category_id: v.category_id.clone(),
                pages,
            });
        }
    }
    out.csp = check_csp_sources(&raw.csp, "integrations.csp", path, diags);
    out
}

/// The sources of a `csp:` map that are https origins (a leading `*.` allowed)
/// under a known directive; each other one is an error. Keywords such as
/// `'unsafe-inline'` are refused: they would undo the policy.
pub fn check_csp_sources(
    raw: &BTreeMap<String, Vec<String>>,
    field: &str,
    path: &Path,
    diags: &mut Vec<Diagnostic>,
) -> BTreeMap<String, Vec<String>> {
    let mut out = BTreeMap::new();
    for (directive, sources) in raw {
        if !CSP_DIRECTIVES.contains(&directive.as_str()) {
            let hint = match crate::text::closest(directive, CSP_DIRECTIVES) {
                Some(best) => format!("did you mean `{best}`?"),
                None => format!("directives: {}", CSP_DIRECTIVES.join(", ")),
            };
            diags.push(
                Diagnostic::error(
                    path,
                    0,
                    0,
                    format!("{field}: unknown directive `{directive}`"),
                )
                .with_hint(hint),
            );
            continue;
        }
        let mut ok = Vec::new();
        for s in sources {
            let host = s.strip_prefix("https://").unwrap_or("");
            let host = host.strip_prefix("*.").unwrap_or(host);
            if is_domain(host.split_once(':').map_or(host, |(h, _)| h)) {
                ok.push(s.clone());
            } else {
                diags.push(
                    Diagnostic::error(path, 0, 0, format!("{field}.{directive}: source `{s}` is not an https origin"))
                        .with_hint("write an origin such as https://www.youtube-nocookie.com; keywords such as 'unsafe-inline' would undo the policy"),
                );
            }
        }
        out.insert(directive.clone(), ok);
    }
    out
}

/// An https origin (no path, query or credentials), or `default` when none is given.
fn origin(written: Option<&str>, default: &str) -> Option<String> {
    let Some(w) = written else {
        return Some(default.to_string());
    };
    let w = w.trim().trim_end_matches('/');
    let host = w.strip_prefix("https://")?;
    let name = host.split_once(':').map_or(host, |(h, port)| {
        if port.chars().all(|c| c.is_ascii_digit()) && !port.is_empty() {
            h
        } else {
            ""
        }
    });
    is_domain(name).then(|| w.to_string())
}

/// A host name: letters, digits, `-` and `.`, with a dot.
fn is_domain(s: &str) -> bool {
    s.contains('.')
        && s.split('.').all(|label| {
            !label.is_empty()
                && !label.starts_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_https_hosts_without_paths() {
        assert_eq!(origin(None, "https://a.b").as_deref(), Some("https://a.b"));
        assert_eq!(
            origin(Some("https://stats.example.org/"), "").as_deref(),
            Some("https://stats.example.org")
        );
        assert_eq!(
            origin(Some("https://stats.example.org:8443"), "").as_deref(),
            Some("https://stats.example.org:8443")
        );
        for bad in [
            "http://x.org",
            "https://x.org/path",
            "https://u@x.org",
            "https://x.org\"",
            "x.org",
        ] {
            assert_eq!(origin(Some(bad), ""), None, "{bad}");
        }
    }
}
