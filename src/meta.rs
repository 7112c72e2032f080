//! Machine-readable page metadata: schema.org JSON-LD (`ScholarlyArticle`,
//! `Person`, `WebSite`). The JSON is made inert for a `<script>` element: `<`,
//! `>`, `&` and the line separators are escaped, so no title can close the script.

use serde_json::{Map, Value, json};

use crate::config::Config;
use crate::markdown::{plain_inline, plain_text};
use crate::model::{Author, Paper};

/// JSON text safe to place inside `<script type="application/ld+json">`.
pub fn script_json(value: &Value) -> String {
    let text = serde_json::to_string(value).unwrap_or_else(|_| "{}".into());
    // A byte scan: `<`, `>`, `&` and the first byte (0xE2) of U+2028/U+2029
    // are ASCII or a lead byte, so they cannot occur inside another character.
    let risky = |b: &u8| matches!(b, b'<' | b'>' | b'&' | 0xE2);
    if !text.as_bytes().iter().any(risky) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text.as_str();
    while let Some(i) = rest.as_bytes().iter().position(risky) {
        out.push_str(&rest[..i]);
        let c = rest[i..].chars().next().unwrap_or(' ');
        if matches!(c, '<' | '>' | '&' | '\u{2028}' | '\u{2029}') {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
        rest = &rest[i + c.len_utf8()..];
    }
    out.push_str(rest);
    out
}

fn person(name: &str, url: Option<String>) -> Value {
    let mut m = Map::new();
    m.insert("@type".into(), "Person".into());
    m.insert("name".into(), name.into());
    if let Some(url) = url {
        m.insert("url".into(), url.into());
    }
    Value::Object(m)
}

/// `ScholarlyArticle` for a paper page.
pub fn paper(p: &Paper, config: &Config) -> Value {
    let authors: Vec<Value> = p
        .authors
        .iter()
        .map(|a| {
            person(
                &a.name,
                a.id.as_ref()
                    .and_then(|id| config.absolute_url(&format!("authors/{id}/"))),
            )
        })
        .collect();
    let mut m = Map::new();
    m.insert("@context".into(), "https://schema.org".into());
    m.insert("@type".into(), "ScholarlyArticle".into());
    m.insert("headline".into(), plain_inline(&p.title).into());
    m.insert("name".into(), plain_inline(&p.title).into());
    m.insert("author".into(), authors.into());
    m.insert("datePublished".into(), p.date.iso().into());
    if !p.abstract_text.is_empty() {
        m.insert("abstract".into(), plain_text(&p.abstract_text).into());
    }
    if let Some(url) = config.absolute_url(&format!("papers/{}/", p.slug)) {
        m.insert("url".into(), url.into());
    }
    if let Some(v) = &p.venue {
        m.insert("isPartOf".into(), json!({"@type": "Periodical", "name": v}));
    }
    let topics: Vec<&str> = p
        .topics
        .iter()
        .filter_map(|t| config.topics.get(t))
        .map(|t| t.name.as_str())
        .collect();
    if !topics.is_empty() {
        m.insert("keywords".into(), topics.join(", ").into());
    }
    let same_as: Vec<&str> = ["doi", "arxiv"].iter().filter_map(|k| p.link(k)).collect();
    if !same_as.is_empty() {
        m.insert("sameAs".into(), same_as.into());
    }
    if let Some(doi) = p.link("doi") {
        m.insert("identifier".into(), json!({"@type": "PropertyValue", "propertyID": "DOI", "value": doi.trim_start_matches("https://doi.org/")}));
    }
    Value::Object(m)
}

/// `Person` for an author page, with `sameAs` for every profile link.
pub fn author(a: &Author, config: &Config) -> Value {
    let mut m = Map::new();
    m.insert("@context".into(), "https://schema.org".into());
    m.insert("@type".into(), "Person".into());
    m.insert("name".into(), a.name.clone().into());
    if let Some(url) = config.absolute_url(&format!("authors/{}/", a.id)) {
        m.insert("url".into(), url.into());
    }
    if let Some(p) = &a.position {
        m.insert("jobTitle".into(), p.clone().into());
    }
    if let Some((name, url)) = &a.affiliation {
        let mut org = json!({"@type": "Organization", "name": name});
        if let Some(url) = url {
            org["url"] = url.clone().into();
        }
        m.insert("affiliation".into(), org);
    }
    let same_as: Vec<&str> = a
        .links
        .iter()
        .filter(|l| l.kind != "email" && l.kind != "cv")
        .map(|l| l.url.as_str())
        .collect();
    if !same_as.is_empty() {
        m.insert("sameAs".into(), same_as.into());
    }
    if let Some(email) = a.links.iter().find(|l| l.kind == "email") {
        m.insert("email".into(), email.url.clone().into());
    }
    Value::Object(m)
}

/// `WebSite` for the home page.
pub fn website(config: &Config) -> Value {
    let mut m = Map::new();
    m.insert("@context".into(), "https://schema.org".into());
    m.insert("@type".into(), "WebSite".into());
    m.insert("name".into(), config.title.clone().into());
    if !config.description.is_empty() {
        m.insert("description".into(), config.description.clone().into());
    }
    if let Some(url) = config.absolute_url("") {
        m.insert("url".into(), url.into());
    }
    m.insert("inLanguage".into(), config.language.clone().into());
    Value::Object(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_cannot_close_the_script() {
        let v = json!({"title": "</script><script>alert(1)</script> & \u{2028}"});
        let s = script_json(&v);
        assert!(
            !s.contains('<') && !s.contains('>') && !s.contains('&'),
            "{s}"
        );
        assert!(!s.contains('\u{2028}'), "{s}");
        let back: Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back, v, "still the same JSON");
    }

    // Other characters whose UTF-8 starts with 0xE2, as U+2028 does, pass as they are.
    #[test]
    fn script_json_keeps_other_characters() {
        let v = json!({"title": "Graphs \u{2013} “quoted” \u{2029} ∑ é 量子"});
        let s = script_json(&v);
        assert!(
            s.contains("\u{2013} “quoted”") && s.contains("∑ é 量子"),
            "{s}"
        );
        assert!(s.contains("\\u2029") && !s.contains('\u{2029}'), "{s}");
        let back: Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back, v);
    }
}
