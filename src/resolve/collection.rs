//! Generic collections: each declaration checked (name, field names, schema
//! type), each item checked against it: an unknown field is a located error
//! with the closest known name, a value of the wrong type is located at the
//! value, a required field that is missing is named. Items come out typed and
//! sorted, newest first.

use std::path::Path;

use serde_saphyr::Spanned;

use super::located::{at, position, render_text, report_math};
use crate::error::Diagnostic;
use crate::load::RawItem;
use crate::markdown;
use crate::model::PartialDate;
use crate::model::collection::{
    BASE_FIELDS, Collection, CollectionDef, FieldDef, FieldType, FieldValue, Item, Value,
    check_name,
};
use crate::model::config::Config;
use crate::text::{check_slug, closest, safe_url, slugify};

/// Resolves every declared collection with the items read for it.
pub(super) fn resolve_collections(
    config: &Config,
    defs: &std::collections::BTreeMap<String, CollectionDef>,
    raw: Vec<(String, Vec<RawItem>)>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Collection> {
    let site_yaml = Path::new("site.yaml");
    let mut items_of: std::collections::HashMap<String, Vec<RawItem>> = raw.into_iter().collect();
    let mut out = Vec::new();
    for (name, def) in defs {
        if let Err(msg) = check_name(name) {
            diags.push(
                Diagnostic::error(site_yaml, 0, 0, format!("collections: {msg}"))
                    .with_hint("name the collection after its folder, such as `software`"),
            );
            continue;
        }
        if !check_def(name, def, diags) {
            continue;
        }
        let mut items: Vec<Item> = items_of
            .remove(name)
            .unwrap_or_default()
            .into_iter()
            .filter_map(|raw| resolve_item(config, name, def, raw, diags))
            .collect();
        items.sort_by(|a, b| {
            b.date
                .cmp(&a.date)
                .then_with(|| a.title.cmp(&b.title))
                .then_with(|| a.slug.cmp(&b.slug))
        });
        let mut problems = Vec::new();
        let description_html = def
            .description
            .as_deref()
            .map(|d| render_text(config, d, &format!("{name}-"), &mut problems))
            .unwrap_or_default();
        report_math(site_yaml, "description", (0, 0), problems, diags);
        out.push(Collection {
            name: name.clone(),
            title: def.title.clone(),
            description_html,
            item_pages: def.item_pages,
            schema_type: def
                .schema_type
                .clone()
                .unwrap_or_else(|| "CreativeWork".into()),
            items,
        });
    }
    out
}

/// Whether a declaration is usable: its field names are keys that do not
/// shadow an item's own fields, its schema type a plain word.
fn check_def(name: &str, def: &CollectionDef, diags: &mut Vec<Diagnostic>) -> bool {
    let site_yaml = Path::new("site.yaml");
    let before = diags.len();
    if let Some(t) = &def.schema_type
        && (t.is_empty() || t.len() > 64 || !t.bytes().all(|b| b.is_ascii_alphabetic()))
    {
        diags.push(
            Diagnostic::error(
                site_yaml,
                0,
                0,
                format!("collection `{name}`: schema_type `{t}` is not a schema.org type name"),
            )
            .with_hint("write a type such as SoftwareSourceCode, Dataset or CreativeWork"),
        );
    }
    for (field, _) in &def.fields.0 {
        let f = field.value.as_str();
        let is_key = !f.is_empty()
            && f.len() <= 64
            && f.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if BASE_FIELDS.contains(&f) {
            diags.push(
                at(
                    site_yaml,
                    field,
                    format!("collection `{name}`: field `{f}` is already an item field"),
                )
                .with_hint(format!(
                    "every item has {}; declare only the others",
                    BASE_FIELDS.join(", ")
                )),
            );
        } else if !is_key {
            diags.push(
                at(
                    site_yaml,
                    field,
                    format!("collection `{name}`: field name `{f}` is not allowed"),
                )
                .with_hint("use lowercase letters, digits and `_`, such as `release_date`"),
            );
        }
    }
    diags.len() == before
}

/// One item; `None` (with every problem reported) when it has errors.
fn resolve_item(
    config: &Config,
    name: &str,
    def: &CollectionDef,
    raw: RawItem,
    diags: &mut Vec<Diagnostic>,
) -> Option<Item> {
    let path = raw.path;
    let (_, _, body_line) = raw.value;
    let first = diags.len();
    let item = check_item(config, name, def, path, raw.value, diags);
    // Front matter starts on line 2 of a Markdown file.
    if body_line > 0 {
        for d in &mut diags[first..] {
            if d.line > 0 && d.line < body_line {
                d.line += 1;
            }
        }
    }
    item
}

fn check_item(
    config: &Config,
    name: &str,
    def: &CollectionDef,
    path: std::path::PathBuf,
    (file, md_body, body_line): (crate::model::collection::ItemFile, String, u64),
    diags: &mut Vec<Diagnostic>,
) -> Option<Item> {
    let before = diags.iter().filter(|d| d.is_error()).count();
    let slug = slugify(&path.file_stem().unwrap_or_default().to_string_lossy());
    if let Err(msg) = check_slug(&slug) {
        diags.push(Diagnostic::error(&path, 0, 0, msg).with_hint("rename the file"));
    }
    let mut item = Item {
        slug,
        title: String::new(),
        title_html: String::new(),
        date: None,
        tags: Vec::new(),
        links: Vec::new(),
        body: md_body,
        body_html: String::new(),
        fields: Vec::new(),
        source: path.clone(),
    };
    let mut body_at = (body_line, 1);
    let mut title_at = None;
    let mut given = Vec::new();
    for (key, value) in &file.0 {
        let k = key.value.as_str();
        given.push(k);
        match k {
            "title" => {
                title_at = Some(position(value));
                item.title = text(&path, k, value, diags).unwrap_or_default();
                if item.title.trim().is_empty() && matches!(value.value, Value::Text(_)) {
                    diags.push(at(&path, value, "the title is empty").with_hint("write a title"));
                }
            }
            "date" => item.date = date(&path, k, value, diags),
            "tags" => item.tags = list(&path, k, value, diags).unwrap_or_default(),
            "links" => item.links = links(config, &path, value, diags),
            "body" if body_line > 0 => diags.push(
                at(
                    &path,
                    value,
                    "field `body`: this file's body is the Markdown after the front matter",
                )
                .with_hint("remove `body:`, or write the file as YAML"),
            ),
            "body" => {
                item.body = text(&path, k, value, diags).unwrap_or_default();
                body_at = position(value);
            }
            _ => match def.fields.0.iter().find(|(f, _)| f.value == k) {
                Some((_, field)) => item
                    .fields
                    .extend(field_value(config, &path, k, field, value, diags)),
                None => diags.push(unknown_field(&path, name, def, key)),
            },
        }
    }
    let first_line = (1, 1);
    if title_at.is_none() {
        diags.push(
            Diagnostic::error(&path, first_line.0, first_line.1, "missing field `title`")
                .with_hint("every item needs a `title:`"),
        );
    }
    for (f, field) in &def.fields.0 {
        if field.required() && !given.contains(&f.value.as_str()) {
            diags.push(
                Diagnostic::error(
                    &path,
                    first_line.0,
                    first_line.1,
                    format!("missing field `{}`", f.value),
                )
                .with_hint(format!(
                    "collection `{name}` declares it as required in site.yaml"
                )),
            );
        }
    }
    // Declaration order, whatever the order in the file.
    item.fields
        .sort_by_key(|v| def.fields.0.iter().position(|(f, _)| f.value == v.name));
    let mut problems = Vec::new();
    item.title_html = markdown::render_inline(&item.title, &mut problems);
    report_math(&path, "title", title_at.unwrap_or((0, 0)), problems, diags);
    let mut problems = Vec::new();
    let prefix = format!("{name}-{}-", item.slug);
    item.body_html = render_text(config, &item.body, &prefix, &mut problems);
    report_math(&path, "body", body_at, problems, diags);
    if diags.iter().filter(|d| d.is_error()).count() > before {
        return None;
    }
    Some(item)
}

/// An unknown key: the closest item field or declared field as a hint, or
/// where to declare it.
fn unknown_field(
    path: &Path,
    name: &str,
    def: &CollectionDef,
    key: &Spanned<String>,
) -> Diagnostic {
    let known = BASE_FIELDS
        .iter()
        .copied()
        .chain(def.fields.0.iter().map(|(f, _)| f.value.as_str()));
    let hint = match closest(&key.value, known) {
        Some(best) => format!("did you mean `{best}`?"),
        None => format!("declare it under `collections: {name}: fields:` in site.yaml"),
    };
    at(path, key, format!("unknown field `{}`", key.value)).with_hint(hint)
}

/// A wrong value: located at the value, naming the field and what it takes.
fn wrong(path: &Path, field: &str, value: &Spanned<Value>, kind: FieldType) -> Diagnostic {
    let hint = match (kind, &value.value) {
        (
            FieldType::String | FieldType::Markdown,
            Value::Int(_) | Value::Float(_) | Value::Bool(_),
        ) => "put the value in quotes to keep it as text".to_string(),
        (_, Value::Null) => "write a value, or remove the line".to_string(),
        _ => format!("write {}", kind.words()),
    };
    at(
        path,
        value,
        format!("field `{field}`: expected {}", kind.words()),
    )
    .with_hint(hint)
}

fn text(
    path: &Path,
    field: &str,
    value: &Spanned<Value>,
    diags: &mut Vec<Diagnostic>,
) -> Option<String> {
    match &value.value {
        Value::Text(s) => Some(s.clone()),
        _ => {
            diags.push(wrong(path, field, value, FieldType::String));
            None
        }
    }
}

fn date(
    path: &Path,
    field: &str,
    value: &Spanned<Value>,
    diags: &mut Vec<Diagnostic>,
) -> Option<PartialDate> {
    let parsed = match &value.value {
        Value::Text(s) => PartialDate::parse(s),
        Value::Int(y) => PartialDate::parse(&y.to_string()),
        _ => {
            diags.push(wrong(path, field, value, FieldType::Date));
            return None;
        }
    };
    parsed.map_err(|msg| diags.push(at(path, value, msg))).ok()
}

fn list(
    path: &Path,
    field: &str,
    value: &Spanned<Value>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Vec<String>> {
    let Value::List(items) = &value.value else {
        diags.push(wrong(path, field, value, FieldType::List));
        return None;
    };
    let mut out = Vec::new();
    for v in items {
        match &v.value {
            Value::Text(s) => out.push(s.clone()),
            _ => diags.push(wrong(path, field, v, FieldType::String)),
        }
    }
    Some(out)
}

fn link(
    config: &Config,
    path: &Path,
    field: &str,
    value: &Spanned<Value>,
    diags: &mut Vec<Diagnostic>,
) -> Option<String> {
    let raw = text(path, field, value, diags)?;
    match safe_url(raw.trim()) {
        Some(url) => Some(config.link(url)),
        None => {
            diags.push(
                at(
                    path,
                    value,
                    format!("field `{field}`: link `{}` is not allowed", raw.trim()),
                )
                .with_hint("use an http(s) or mailto link, or a path such as /files/x.pdf"),
            );
            None
        }
    }
}

/// `links:` is a map from a label (`code`, `docs`) to a link.
fn links(
    config: &Config,
    path: &Path,
    value: &Spanned<Value>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(String, String)> {
    let Value::Map(entries) = &value.value else {
        diags.push(
            at(
                path,
                value,
                "field `links`: expected a map of labels to links",
            )
            .with_hint("write `links: { code: https://..., docs: https://... }`"),
        );
        return Vec::new();
    };
    entries
        .iter()
        .filter_map(|(label, v)| {
            let url = link(config, path, &format!("links.{}", label.value), v, diags)?;
            Some((label.value.clone(), url))
        })
        .collect()
}

/// A declared field's value, checked against its type.
fn field_value(
    config: &Config,
    path: &Path,
    name: &str,
    def: &FieldDef,
    value: &Spanned<Value>,
    diags: &mut Vec<Diagnostic>,
) -> Option<FieldValue> {
    let kind = def.kind();
    let locale = &config.locale;
    let mut out = FieldValue {
        name: name.to_string(),
        label: def.label().map_or_else(|| label_of(name), str::to_string),
        kind,
        text: String::new(),
        list: Vec::new(),
        iso: None,
    };
    match (kind, &value.value) {
        (FieldType::String, Value::Text(s)) => out.text = s.clone(),
        (FieldType::Markdown, Value::Text(s)) => {
            let mut problems = Vec::new();
            let prefix = format!("{}{name}-", id_prefix(path));
            out.text = render_text(config, s, &prefix, &mut problems);
            report_math(path, name, position(value), problems, diags);
        }
        (FieldType::Integer, Value::Int(n)) => out.text = n.to_string(),
        (FieldType::Number, Value::Int(n)) => out.text = n.to_string(),
        (FieldType::Number, Value::Float(x)) if x.is_finite() => out.text = x.to_string(),
        (FieldType::Boolean, Value::Bool(b)) => {
            out.text = locale.text(if *b { "yes" } else { "no" }).to_string();
        }
        (FieldType::Date, _) => {
            let d = date(path, name, value, diags)?;
            out.text = d.display(locale);
            out.iso = Some(d.iso());
        }
        (FieldType::Url, _) => out.text = link(config, path, name, value, diags)?,
        (FieldType::List, _) => {
            out.list = list(path, name, value, diags)?;
            out.text = locale.enumerate(&out.list);
        }
        _ => {
            diags.push(wrong(path, name, value, kind));
            return None;
        }
    }
    Some(out)
}

/// The start of the note ids of an item's Markdown fields
/// (`software-vardecomp-`), unique on the list page.
fn id_prefix(path: &Path) -> String {
    format!("{}-", slugify(&path.with_extension("").to_string_lossy()))
}

/// `release_date` -> `Release date`: the label when the declaration gives none.
fn label_of(name: &str) -> String {
    let words = name.replace(['_', '-'], " ");
    let mut chars = words.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_come_from_field_names() {
        assert_eq!(label_of("release_date"), "Release date");
        assert_eq!(label_of("stars"), "Stars");
    }
}
