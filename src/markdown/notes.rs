//! Footnotes and citations as an accessible end of the text: numbered in the
//! order they are first referred to, each reference a link down to its note
//! (`doc-noteref`), each note with links back up (`doc-backlink`), and the
//! list of cited papers. Only notes that are referred to are shown.

use std::collections::HashMap;

use crate::escape::html as esc;

/// Words the end matter shows; empty ones are left out (`render` without a
/// site has none).
#[derive(Debug, Clone, Copy, Default)]
pub struct Words<'a> {
    /// The heading of the notes, for screen readers (`Footnotes`).
    pub footnotes: &'a str,
    /// The label of a link back up to the text, with `{n}` (`Back to reference {n}`).
    pub back_to_reference: &'a str,
    /// The heading of the list of cited papers (`References`).
    pub references: &'a str,
    /// The name of the scrollable region around a table (`Table`).
    pub table: &'a str,
    /// The name of the scrollable region around display maths (`Equation`).
    pub equation: &'a str,
}

/// Footnote labels in the order of their first reference, with how many
/// times each was referred to.
#[derive(Debug, Default)]
pub(super) struct Notes {
    /// Put before every id, so that texts shown together on one page (the
    /// abstracts of a list of papers) keep their notes apart.
    prefix: String,
    order: Vec<String>,
    counts: HashMap<String, usize>,
}

impl Notes {
    /// No notes yet; every id starts with `prefix`.
    pub(super) fn new(prefix: &str) -> Notes {
        Notes {
            prefix: prefix.to_string(),
            ..Notes::default()
        }
    }

    /// The HTML of a reference to the note `label` (which has a definition).
    pub(super) fn reference(&mut self, label: &str) -> String {
        let n = match self.order.iter().position(|l| l == label) {
            Some(i) => i + 1,
            None => {
                self.order.push(label.to_string());
                self.order.len()
            }
        };
        let count = self.counts.entry(label.to_string()).or_insert(0);
        *count += 1;
        let id = ref_id(&self.prefix, n, *count);
        let p = esc(&self.prefix);
        format!(
            "<sup class=\"footnote-ref\"><a href=\"#{p}fn-{n}\" id=\"{id}\" role=\"doc-noteref\">{n}</a></sup>"
        )
    }

    /// The label of the `i`-th note referred to (from 0).
    pub(super) fn label(&self, i: usize) -> Option<String> {
        self.order.get(i).cloned()
    }

    /// The notes section, each note's HTML given by `html_of(label)`; empty
    /// when no note was referred to.
    pub(super) fn section(&self, words: &Words, html_of: impl Fn(&str) -> String) -> String {
        if self.order.is_empty() {
            return String::new();
        }
        let mut out = String::from("<section class=\"footnotes\" role=\"doc-endnotes\"");
        let p = esc(&self.prefix);
        if words.footnotes.is_empty() {
            out.push_str(">\n");
        } else if !p.is_empty() {
            // A text among others (an abstract in a list): a named section,
            // not a heading in the middle of the page's outline.
            out.push_str(&format!(" aria-label=\"{}\">\n", esc(words.footnotes)));
        } else {
            out.push_str(&format!(
                " aria-labelledby=\"footnotes-heading\">\n<h2 id=\"footnotes-heading\" class=\"visually-hidden\">{}</h2>\n",
                esc(words.footnotes)
            ));
        }
        out.push_str("<ol>\n");
        for (i, label) in self.order.iter().enumerate() {
            let n = i + 1;
            let count = self.counts.get(label).copied().unwrap_or(1);
            let back: String = (1..=count)
                .map(|k| back_link(&self.prefix, n, k, words))
                .collect::<Vec<_>>()
                .join(" ");
            let html = html_of(label);
            let body = html.trim_end();
            let body = match body.strip_suffix("</p>") {
                Some(start) => format!("{start} {back}</p>"),
                None => format!("{body}\n<p>{back}</p>"),
            };
            out.push_str(&format!("<li id=\"{p}fn-{n}\">\n{body}\n</li>\n"));
        }
        out.push_str("</ol>\n</section>\n");
        out
    }
}

fn ref_id(prefix: &str, n: usize, k: usize) -> String {
    let p = esc(prefix);
    if k == 1 {
        format!("{p}fnref-{n}")
    } else {
        format!("{p}fnref-{n}-{k}")
    }
}

fn back_link(prefix: &str, n: usize, k: usize, words: &Words) -> String {
    let label = if words.back_to_reference.is_empty() {
        String::new()
    } else {
        let text = words.back_to_reference.replace("{n}", &n.to_string());
        format!(" aria-label=\"{}\"", esc(&text))
    };
    let mark = if k == 1 {
        "↩".to_string()
    } else {
        format!("↩<sup>{k}</sup>")
    };
    format!(
        "<a href=\"#{}\" class=\"footnote-back\" role=\"doc-backlink\"{label}>{mark}</a>",
        ref_id(prefix, n, k)
    )
}

/// A paper cited as `[@slug]`: its page, and its entry in the reference list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cited {
    pub url: String,
    /// The formatted reference (safe HTML).
    pub entry_html: String,
    /// In the author-year style: how the text cites it and where it sorts;
    /// `None` for numbered citations.
    pub author_year: Option<AuthorYear>,
}

/// A paper cited in the author-year style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthorYear {
    /// `Luo et al., 2024` (plain text, escaped where it lands).
    pub label: String,
    /// The reference list's order: authors' family names, then year.
    pub sort_key: String,
}

/// Cited papers by slug, numbered in the order of their first citation.
#[derive(Debug, Default)]
pub(super) struct Citations {
    /// Put before every id, as in [`Notes`].
    prefix: String,
    order: Vec<(String, Cited)>,
}

impl Citations {
    /// Nothing cited yet; every id starts with `prefix`.
    pub(super) fn new(prefix: &str) -> Citations {
        Citations {
            prefix: prefix.to_string(),
            ..Citations::default()
        }
    }

    /// `[1, 2]`: each number a link to the paper's page, described by its
    /// entry in the reference list.
    /// In the author-year style, `(Luo et al., 2024; Chen, 2023)` instead.
    pub(super) fn cite(&mut self, papers: Vec<(String, Cited)>) -> String {
        let author_year = papers.iter().all(|(_, c)| c.author_year.is_some());
        let links: Vec<String> = papers
            .into_iter()
            .map(|(slug, cited)| {
                let n = match self.order.iter().position(|(s, _)| *s == slug) {
                    Some(i) => i + 1,
                    None => {
                        self.order.push((slug, cited));
                        self.order.len()
                    }
                };
                let cited = &self.order[n - 1].1;
                let text = match &cited.author_year {
                    Some(ay) if author_year => esc(&ay.label),
                    _ => n.to_string(),
                };
                format!(
                    "<a href=\"{}\" aria-describedby=\"{}ref-{n}\">{text}</a>",
                    esc(&cited.url),
                    esc(&self.prefix)
                )
            })
            .collect();
        if author_year {
            format!(
                "<span class=\"citation author-year\">({})</span>",
                links.join("; ")
            )
        } else {
            format!("<span class=\"citation\">[{}]</span>", links.join(", "))
        }
    }

    /// The reference list; empty when nothing was cited.
    pub(super) fn section(&self, words: &Words) -> String {
        if self.order.is_empty() {
            return String::new();
        }
        let mut out = String::from("<section class=\"references\"");
        let p = esc(&self.prefix);
        if words.references.is_empty() {
            out.push_str(">\n");
        } else {
            out.push_str(&format!(
                " aria-labelledby=\"{p}references-heading\">\n<h2 id=\"{p}references-heading\">{}</h2>\n",
                esc(words.references)
            ));
        }
        let mut entries: Vec<(usize, &Cited)> =
            self.order.iter().map(|(_, c)| c).enumerate().collect();
        // Author-year lists are read by name: sorted by author, then year
        // (their ids keep the order of first citation, as the text links them).
        let sorted = entries.iter().all(|(_, c)| c.author_year.is_some());
        if sorted {
            entries.sort_by_cached_key(|(i, c)| {
                (c.author_year.as_ref().map(|a| a.sort_key.clone()), *i)
            });
        }
        let list = if sorted { "ul" } else { "ol" };
        out.push_str(&format!("<{list} class=\"reference-list\">\n"));
        for (i, cited) in entries {
            out.push_str(&format!(
                "<li id=\"{p}ref-{}\">{}</li>\n",
                i + 1,
                cited.entry_html
            ));
        }
        out.push_str(&format!("</{list}>\n</section>\n"));
        out
    }
}

/// The paper slugs of a citation label (`@a; @b`), or `None` when the label
/// is not one (`[see below]`, `[@]`, `[@a and more]`).
pub(super) fn citation_keys(label: &str) -> Option<Vec<&str>> {
    let keys: Option<Vec<&str>> = label
        .split(';')
        .map(|part| {
            let key = part.trim().strip_prefix('@')?;
            let ok = !key.is_empty()
                && key
                    .chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'));
            ok.then_some(key)
        })
        .collect();
    keys.filter(|k| !k.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citation_labels_are_at_signs_and_slugs_separated_by_semicolons() {
        assert_eq!(citation_keys("@a"), Some(vec!["a"]));
        assert_eq!(citation_keys("@a; @b-2"), Some(vec!["a", "b-2"]));
        assert_eq!(citation_keys("see @a"), None);
        assert_eq!(citation_keys("@"), None);
        assert_eq!(citation_keys("@a b"), None);
        assert_eq!(citation_keys("x"), None);
    }
}
