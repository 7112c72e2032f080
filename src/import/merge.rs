//! Re-import without destroying anything: a field is rewritten only while it
//! still holds the value an earlier import wrote (its hash in `imported.hashes`
//! matches), so every hand edit survives. Files are edited in place, one
//! top-level key at a time, so comments and the other keys stay as they were.

use std::collections::BTreeMap;
use std::path::Path;

use super::paper::{Citations, ImportedPaper, LINK_KINDS, Value, kind_name};
use super::yaml;
use crate::model::schema::{ImportRecord, PaperFile};

/// What merging an imported paper into a file came to.
#[derive(Debug, Default)]
pub struct Outcome {
    /// The new file text and what it parses to, when anything changed.
    pub text: Option<(String, PaperFile)>,
    /// Fields given a new value (or added).
    pub updated: Vec<String>,
    /// Fields left alone because they were edited by hand.
    pub kept: Vec<String>,
}

/// The importable fields of a paper file as it is now.
pub fn current_fields(p: &PaperFile) -> BTreeMap<String, Value> {
    let mut f = BTreeMap::new();
    let mut text = |name: &str, v: Option<&str>| {
        if let Some(v) = v {
            f.insert(name.to_string(), Value::Text(v.to_string()));
        }
    };
    text("title", Some(&p.title.value));
    text("date", Some(&p.date.value.0));
    text("venue", p.venue.as_deref());
    text("kind", p.kind.map(kind_name));
    text("abstract", p.abstract_.as_ref().map(|a| a.value.as_str()));
    text("bibtex", p.bibtex.as_deref());
    text("selected", p.selected.then_some("true"));
    text("award", p.award.as_deref());
    text("preview", p.preview.as_ref().map(|v| v.value.as_str()));
    for (key, value) in file_biblio(p) {
        text(key, Some(value));
    }
    for (kind, url) in file_links(p) {
        text(&format!("links.{kind}"), Some(&url));
    }
    for (name, id) in p.identifiers.named() {
        text(&format!("identifiers.{name}"), Some(id));
    }
    if !p.authors.is_empty() {
        let list = p.authors.iter().map(|a| a.value.clone()).collect();
        f.insert("authors".into(), Value::Authors(list, p.authors_truncated));
    }
    if !p.editors.is_empty() {
        f.insert("editors".into(), Value::List(p.editors.clone()));
    }
    if !p.identifiers.dois.is_empty() {
        f.insert(
            "identifiers.dois".into(),
            Value::List(p.identifiers.dois.clone()),
        );
    }
    if let Some(c) = &p.citations {
        f.insert(
            "citations".into(),
            Value::Citations(Citations {
                value: c.value,
                source: c.source.clone().unwrap_or_default(),
                as_of: c.as_of.clone(),
                url: c.url.clone(),
            }),
        );
    }
    f
}

/// The bibliographic fields of a paper file that are set, by name.
pub fn file_biblio(p: &PaperFile) -> Vec<(&'static str, &str)> {
    fn s(v: &Option<crate::model::schema::ScalarText>) -> Option<&str> {
        v.as_ref().map(|t| t.0.as_str())
    }
    let values = [
        s(&p.volume),
        s(&p.issue),
        s(&p.pages),
        p.publisher.as_deref(),
        s(&p.edition),
        p.institution.as_deref(),
        s(&p.number),
        s(&p.isbn),
        s(&p.issn),
        p.address.as_deref(),
        p.thesis_type.as_deref(),
        p.reference_note.as_deref(),
    ];
    super::paper::BIBLIO_KEYS
        .iter()
        .zip(values)
        .filter_map(|(k, v)| v.map(|v| (*k, v)))
        .collect()
}

/// The links of a paper file, by kind.
pub fn file_links(p: &PaperFile) -> BTreeMap<&'static str, String> {
    let l = &p.links;
    let values = [
        &l.pdf, &l.arxiv, &l.doi, &l.code, &l.project, &l.slides, &l.video, &l.poster, &l.data,
        &l.html,
    ];
    LINK_KINDS
        .iter()
        .zip(values)
        .filter_map(|(k, v)| v.as_ref().map(|v| (*k, v.value.clone())))
        .collect()
}

/// The text of a new file for an imported paper, and what it parses to.
pub fn new_file(paper: &ImportedPaper, rel: &Path) -> Result<(String, PaperFile), String> {
    let fields = paper.fields();
    let record = ImportRecord {
        from: paper.from.clone(),
        id: paper.id.clone(),
        hashes: fields.iter().map(|(k, v)| (k.clone(), v.hash())).collect(),
        fields: Some(super::paper::field_count(paper)),
    };
    let text = yaml::paper_file(paper, &record);
    let parsed = verify(&text, rel, &fields)?;
    Ok((text, parsed))
}

/// Merges an imported paper (already combined with the file's own record, see
/// `combine`) into an existing one-paper file. The provenance becomes the
/// combined record's, so that the file does not depend on the import order.
pub fn merge(
    existing: &PaperFile,
    text: &str,
    paper: &ImportedPaper,
    rel: &Path,
) -> Result<Outcome, String> {
    let current = current_fields(existing);
    let old = existing.imported.clone();
    let recorded = old.as_ref().map(|r| r.hashes.clone()).unwrap_or_default();
    let mut hashes = recorded.clone();
    let mut set = BTreeMap::new();
    let mut outcome = Outcome::default();
    for (key, new) in paper.fields() {
        if key == "authors" && paper.authors_are_placeholder && current.contains_key(&key) {
            continue;
        }
        let hash = new.hash();
        match (current.get(&key), recorded.get(&key)) {
            (None, None) => {
                hashes.insert(key.clone(), hash);
                outcome.updated.push(key.clone());
                set.insert(key, new);
            }
            (Some(cur), Some(h)) if cur.hash() == *h => {
                if cur.canonical() != new.canonical() {
                    outcome.updated.push(key.clone());
                    set.insert(key.clone(), new);
                }
                hashes.insert(key, hash);
            }
            // Already what the source says: from now on, the source may update it.
            (Some(cur), None) if cur.canonical() == new.canonical() => {
                hashes.insert(key, hash);
            }
            // Edited by hand, or deleted by hand after an import: left alone.
            _ => outcome.kept.push(key),
        }
    }
    let record = ImportRecord {
        from: paper.from.clone(),
        id: paper.id.clone(),
        hashes,
        fields: Some(super::paper::field_count(paper)),
    };
    let record_changed = old.as_ref().is_none_or(|o| {
        o.hashes != record.hashes
            || o.from != record.from
            || o.id != record.id
            || o.fields != record.fields
    });
    if set.is_empty() && !record_changed {
        return Ok(outcome);
    }
    let mut doc = Document::parse(text)
        .ok_or("its top level is not a plain `key: value` mapping, so it is not edited")?;
    apply(&mut doc, existing, &set);
    doc.set("imported", Some(yaml::imported(&record)));
    let new_text = doc.text();
    let parsed = verify(&new_text, rel, &set)?;
    outcome.text = Some((new_text, parsed));
    Ok(outcome)
}

/// Writes the changed fields into the document.
fn apply(doc: &mut Document, existing: &PaperFile, set: &BTreeMap<String, Value>) {
    let mut links = file_links(existing);
    let mut links_changed = false;
    let mut ids = yaml::file_identifiers(&existing.identifiers);
    let mut ids_changed = false;
    for (key, value) in set {
        if let Some(name) = key.strip_prefix("identifiers.") {
            ids.insert(name.to_string(), value.clone());
            ids_changed = true;
            continue;
        }
        if let Some(kind) = key.strip_prefix("links.") {
            if let (Some(kind), Value::Text(url)) = (LINK_KINDS.iter().find(|k| **k == kind), value)
            {
                links.insert(kind, url.clone());
                links_changed = true;
            }
            continue;
        }
        match value {
            Value::Authors(list, truncated) => {
                doc.set("authors", Some(yaml::author_list(list)));
                doc.set(
                    "authors_truncated",
                    truncated.then(|| yaml::TRUNCATED.to_string()),
                );
            }
            _ => doc.set(key, Some(yaml::field(key, value))),
        }
    }
    if links_changed {
        doc.set("links", Some(yaml::links(&links)));
    }
    if ids_changed {
        doc.set("identifiers", Some(yaml::identifiers(&ids)));
    }
}

/// Parses the written text back and checks that it says what was meant: a safety
/// net so that a file is never written in a form folio cannot read.
fn verify(text: &str, rel: &Path, fields: &BTreeMap<String, Value>) -> Result<PaperFile, String> {
    let parsed = crate::load::parse_yaml::<PaperFile>(rel, text).map_err(|d| d.to_string())?;
    let back = current_fields(&parsed);
    for (key, value) in fields {
        if back.get(key).map(Value::canonical) != Some(value.canonical()) {
            return Err(format!("field `{key}` would not read back as imported"));
        }
    }
    Ok(parsed)
}

/// A YAML document as a list of top-level blocks, each a key with everything
/// under it, or lines that belong to no key (comments, blank lines, `---`).
#[derive(Debug)]
struct Document {
    blocks: Vec<(Option<String>, String)>,
}

impl Document {
    /// Splits a block mapping into its keys; `None` when the top level is not
    /// one (a flow mapping, a list, complex keys).
    fn parse(text: &str) -> Option<Document> {
        let mut blocks: Vec<(Option<String>, String)> = Vec::new();
        for line in text.split_inclusive('\n') {
            let first = line.chars().next().unwrap_or('\n');
            let continues = first == ' '
                || first == '\t'
                || line.trim().is_empty()
                || line.starts_with("- ")
                || line.trim_end() == "-";
            if continues {
                match blocks.last_mut() {
                    Some((_, body)) => body.push_str(line),
                    None if line.trim().is_empty() => blocks.push((None, line.to_string())),
                    None => return None,
                }
            } else if first == '#' || line.trim_end() == "---" || line.trim_end() == "..." {
                Self::end_block(&mut blocks);
                blocks.push((None, line.to_string()));
            } else {
                let key = top_key(line)?;
                Self::end_block(&mut blocks);
                blocks.push((Some(key), line.to_string()));
            }
        }
        Self::end_block(&mut blocks);
        Some(Document { blocks })
    }

    /// Moves the blank lines at the end of a key's block out of it, so that a
    /// replaced block keeps the spacing around it.
    fn end_block(blocks: &mut Vec<(Option<String>, String)>) {
        let Some((Some(_), body)) = blocks.last_mut() else {
            return;
        };
        let trimmed = body.trim_end_matches(['\n', ' ', '\t', '\r']).len();
        let end = body[trimmed..]
            .find('\n')
            .map_or(body.len(), |i| trimmed + i + 1);
        let tail = body.split_off(end);
        if !tail.is_empty() {
            blocks.push((None, tail));
        }
    }

    /// Replaces, inserts (in schema order) or removes (`None`) a key's block.
    fn set(&mut self, key: &str, block: Option<String>) {
        let found = self
            .blocks
            .iter()
            .position(|(k, _)| k.as_deref() == Some(key));
        match (found, block) {
            (Some(i), Some(b)) => self.blocks[i].1 = b,
            (Some(i), None) => {
                self.blocks.remove(i);
            }
            (None, Some(b)) => {
                let rank = yaml::key_rank(key);
                let after = self
                    .blocks
                    .iter()
                    .rposition(|(k, _)| k.as_deref().is_some_and(|k| yaml::key_rank(k) < rank));
                let at = match after {
                    Some(i) => i + 1,
                    None => self
                        .blocks
                        .iter()
                        .position(|(k, _)| k.is_some())
                        .unwrap_or(self.blocks.len()),
                };
                if at > 0 && !self.blocks[at - 1].1.ends_with('\n') {
                    self.blocks[at - 1].1.push('\n');
                }
                self.blocks.insert(at, (Some(key.to_string()), b));
            }
            (None, None) => {}
        }
    }

    fn text(&self) -> String {
        self.blocks.iter().map(|(_, b)| b.as_str()).collect()
    }
}

/// The key of a top-level `key: value` line.
fn top_key(line: &str) -> Option<String> {
    let (key, rest) = line.split_once(':')?;
    let valid = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    (valid && (rest.is_empty() || rest.starts_with([' ', '\t', '\n', '\r'])))
        .then(|| key.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paper() -> ImportedPaper {
        let mut links = BTreeMap::new();
        links.insert("doi", "10.1/x".to_string());
        ImportedPaper {
            id: Some("k".into()),
            title: "Deep Nets".into(),
            date: "2020-05".into(),
            authors: vec!["Ann Lee".into(), "Bo Chen".into()],
            venue: Some("ICML".into()),
            abstract_: Some("We study nets.".into()),
            links,
            from: "bibtex".into(),
            ..ImportedPaper::default()
        }
    }

    fn parse(text: &str) -> PaperFile {
        crate::load::parse_yaml(Path::new("p.yaml"), text).unwrap()
    }

    fn merged(text: &str, p: &ImportedPaper) -> Outcome {
        merge(&parse(text), text, p, Path::new("p.yaml")).unwrap()
    }

    #[test]
    fn reimport_of_the_same_paper_changes_nothing() {
        let text = new_file(&paper(), Path::new("p.yaml")).unwrap().0;
        let out = merged(&text, &paper());
        assert!(out.text.is_none() && out.updated.is_empty() && out.kept.is_empty());
    }

    #[test]
    fn untouched_fields_update_and_hand_edits_stay() {
        let text = new_file(&paper(), Path::new("p.yaml")).unwrap().0;
        let edited = text.replace("title: Deep Nets", "# my title\ntitle: Deep Networks");
        let mut newer = paper();
        newer.title = "Deep Nets, Revised".into();
        newer.venue = Some("ICML 2020".into());
        newer.links.insert("pdf", "https://x.org/p.pdf".into());
        let out = merged(&edited, &newer);
        assert_eq!(out.updated, ["links.pdf", "venue"]);
        assert_eq!(out.kept, ["title"]);
        let new_text = out.text.unwrap().0;
        assert!(
            new_text.contains("# my title\ntitle: Deep Networks\n"),
            "{new_text}"
        );
        assert!(new_text.contains("venue: ICML 2020\n"));
        assert!(new_text.contains("links:\n  pdf: https://x.org/p.pdf\n  doi: 10.1/x\n"));
        // The edited title keeps its old hash, so it stays "edited" next time too.
        let again = merged(&new_text, &newer);
        assert!(again.text.is_none());
        assert_eq!(again.kept, ["title"]);
    }

    #[test]
    fn a_hand_written_file_gains_missing_fields_only() {
        let text =
            "title: Deep Nets\ndate: 2020\nauthors: [Ann Lee]\ntopics: [ML]\nselected: true\n";
        let out = merged(text, &paper());
        assert_eq!(out.updated, ["abstract", "links.doi", "venue"]);
        assert_eq!(out.kept, ["authors", "date"]);
        let h = |v: &str| Value::Text(v.into()).hash();
        assert_eq!(
            out.text.unwrap().0,
            format!(
                "title: Deep Nets\ndate: 2020\nauthors: [Ann Lee]\ntopics: [ML]\nvenue: ICML\nabstract: |\n  We study nets.\nlinks:\n  doi: 10.1/x\nselected: true\nimported:\n  from: bibtex\n  id: k\n  fields: 6\n  hashes:\n    abstract: {}\n    links.doi: {}\n    title: {}\n    venue: {}\n",
                h("We study nets."),
                h("10.1/x"),
                h("Deep Nets"),
                h("ICML")
            )
        );
    }

    #[test]
    fn deleted_fields_stay_deleted_and_truncation_follows_authors() {
        let mut p = paper();
        p.authors_truncated = true;
        let text = new_file(&p, Path::new("p.yaml")).unwrap().0;
        assert!(text.contains("  - Bo Chen\nauthors_truncated: true\n"));
        let without_abstract = text.replace("abstract: |\n  We study nets.\n", "");
        let mut newer = p.clone();
        newer.abstract_ = Some("New abstract.".into());
        newer.authors.push("Cy Dow".into());
        newer.authors_truncated = false;
        let out = merged(&without_abstract, &newer);
        assert_eq!(out.updated, ["authors"]);
        assert_eq!(out.kept, ["abstract"]);
        let t = out.text.unwrap().0;
        assert!(
            t.contains("authors:\n  - Ann Lee\n  - Bo Chen\n  - Cy Dow\nvenue"),
            "{t}"
        );
        assert!(!t.contains("abstract: |"));
    }

    #[test]
    fn placeholder_authors_never_replace_a_list() {
        let text = new_file(&paper(), Path::new("p.yaml")).unwrap().0;
        let orcid = ImportedPaper {
            authors: vec!["ada".into()],
            authors_truncated: true,
            authors_are_placeholder: true,
            ..paper()
        };
        let out = merged(&text, &orcid);
        assert!(out.text.is_none() && out.updated.is_empty() && out.kept.is_empty());
    }

    #[test]
    fn documents_split_into_top_level_blocks() {
        let text = "---\n# c\ntitle: T\n\nauthors:\n- A\n- B\nabstract: |\n  x\n\n  y\n\n";
        let doc = Document::parse(text).unwrap();
        let keys: Vec<_> = doc.blocks.iter().map(|(k, _)| k.clone()).collect();
        assert_eq!(
            keys,
            [
                None,
                None,
                Some("title".into()),
                None,
                Some("authors".into()),
                Some("abstract".into()),
                None
            ]
        );
        assert_eq!(doc.text(), text);
        assert!(Document::parse("{title: T}\n").is_none());
    }
}
