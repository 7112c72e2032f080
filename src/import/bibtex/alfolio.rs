//! al-folio's own BibTeX fields (the Jekyll theme many academic sites use, and
//! a few others such as zbMATH's): mapped to folio's fields where folio has
//! one, otherwise reported once per file with the reason; and left out of the
//! verbatim BibTeX shown on pages, as al-folio itself does.

use super::{Entry, Parser};
use crate::import::paper::ImportedPaper;

/// al-folio's fields that are not BibTeX: it filters them out of the BibTeX it
/// shows (its `filtered_bibtex_keys`), and so does folio.
const INTERNAL: [&str; 23] = [
    "abbr",
    "additional_info",
    "altmetric",
    "annotation",
    "award",
    "award_name",
    "bibtex_show",
    "blog",
    "code",
    "dimensions",
    "google_scholar_id",
    "hal",
    "html",
    "inspirehep_id",
    "pdf",
    "poster",
    "preview",
    "selected",
    "slides",
    "supp",
    "video",
    "website",
    "location",
];

/// Fields folio has no place for, with the reason given once per file.
const DROPPED: [(&str, &str); 7] = [
    (
        "abbr",
        "folio shows the venue itself, not a short-name badge",
    ),
    ("bibtex_show", "folio shows the BibTeX on every paper page"),
    (
        "supp",
        "folio has no supplementary-material link; add it as `links.data` if it is data",
    ),
    (
        "blog",
        "folio has no blog link; add it as `links.project` if it is the project page",
    ),
    (
        "additional_info",
        "folio has no field for it; add it to `note` by hand",
    ),
    (
        "annotation",
        "folio has no field for it; add it to `note` by hand",
    ),
    (
        "hal",
        "folio keeps no HAL id; the HAL page can go in `links.html`",
    ),
];

/// Identifiers kept for the metrics work: the field and its name in `identifiers`.
const IDENTIFIERS: [(&str, &str); 7] = [
    ("altmetric", "altmetric"),
    ("dimensions", "dimensions"),
    ("google_scholar_id", "google_scholar"),
    ("inspirehep_id", "inspirehep"),
    ("pmid", "pmid"),
    ("pmcid", "pmcid"),
    ("zbl", "zbmath"),
];

/// A switch written `true`, `yes` or `1`.
fn is_true(value: &str) -> bool {
    let v: String = value.chars().filter(|c| c.is_alphanumeric()).collect();
    matches!(v.to_ascii_lowercase().as_str(), "true" | "yes" | "1")
}

impl Parser<'_> {
    /// Maps al-folio's `selected`, `award`/`award_name`, `preview` and
    /// identifiers; notes the fields it drops.
    pub(super) fn al_folio(&mut self, e: &Entry, p: &mut ImportedPaper) {
        p.selected = e.get("selected").is_some_and(is_true);
        p.award = e
            .get("award_name")
            .or_else(|| e.get("award"))
            .map(crate::import::latex::to_text)
            .filter(|a| !a.is_empty());
        // al-folio serves `preview = {x.png}` from its preview folder.
        p.preview = e
            .get("preview")
            .map(super::plain)
            .map(|v| v.trim().to_string())
            // A picture on another site is not the build's to resize.
            .filter(|v| !v.is_empty() && !v.contains(':'))
            .map(|v| match v.starts_with('/') {
                true => v,
                false => format!("/assets/img/publication_preview/{v}"),
            });
        for (field, name) in IDENTIFIERS {
            let value = e.get(field).map(super::plain).unwrap_or_default();
            // `altmetric = {true}` asks al-folio for a badge by DOI: no id.
            let switch =
                ["true", "false", "yes", "no"].contains(&value.to_ascii_lowercase().as_str());
            if !value.is_empty() && !switch {
                p.identifiers.insert(name, value);
            }
        }
        for (field, why) in DROPPED {
            if let Some(f) = e.field(field) {
                let seen = self.dropped.entry(field).or_insert((f.at, 0, why));
                seen.1 += 1;
            }
        }
    }

    /// One warning per dropped field name, where it first occurs.
    pub(super) fn report_dropped(&mut self) {
        let dropped = std::mem::take(&mut self.dropped);
        for (field, (at, count, why)) in dropped {
            let entries = if count == 1 { "entry" } else { "entries" };
            self.warn(
                at,
                format!("field `{field}` ({count} {entries}) is not imported: {why}"),
            );
        }
    }
}

/// The entry's text without al-folio's own fields, as shown on the paper page.
pub(super) fn verbatim(e: &Entry) -> String {
    let mut cuts: Vec<(usize, usize)> = e
        .fields
        .iter()
        .filter(|f| f.end > f.start && INTERNAL.contains(&f.name.as_str()))
        .map(|f| (f.start - e.start, f.end - e.start))
        .collect();
    if cuts.is_empty() {
        return e.text.clone();
    }
    cuts.sort_unstable();
    let text = &e.text;
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for (start, end) in cuts {
        // The whole line goes when the field is alone on it.
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let start = if text[line_start..start].trim().is_empty() {
            line_start
        } else {
            start
        };
        let end = end.min(text.len());
        let rest = &text[end..];
        let end = match rest.find('\n') {
            Some(i) if rest[..i].trim().is_empty() => end + i + 1,
            _ => end,
        };
        if start >= from {
            out.push_str(&text[from..start]);
            from = end;
        }
    }
    out.push_str(&text[from.min(text.len())..]);
    // A last field that lost its follower may leave `,\n}`: fine in BibTeX.
    out
}
