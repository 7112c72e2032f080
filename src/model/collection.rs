//! Generic collections, the typed escape hatch: a folder of items declared in
//! `site.yaml` (`collections:`) with a title, date, tags, links, a body and the
//! extra fields the declaration names, each with its type. The declaration as
//! written (`CollectionDef`), an item as written (`ItemFile`, an ordered map
//! that keeps where each key and value was written), and the resolved
//! `Collection` and `Item` that render reads.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::model::PartialDate;

/// Names a collection may not take: the folders folio reads or writes itself.
pub const RESERVED_NAMES: [&str; 22] = [
    "authors",
    "papers",
    "pages",
    "news",
    "talks",
    "posts",
    "teaching",
    "projects",
    "cv",
    "static",
    "templates",
    "themes",
    "public",
    "topics",
    "publications",
    "people",
    "assets",
    "badges",
    "tags",
    "search",
    "feed",
    "404",
];

/// Whether `name` can be a collection: its folder and the address of its
/// list page, so 1-64 lowercase ASCII letters, digits and `-`.
pub fn check_name(name: &str) -> Result<(), String> {
    let ok = (1..=64).contains(&name.len())
        && !name.starts_with('-')
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !ok {
        return Err(format!(
            "collection name `{name}` must be 1-64 lowercase letters, digits and `-`"
        ));
    }
    if RESERVED_NAMES.contains(&name) {
        return Err(format!(
            "collection name `{name}` is taken by folio's own folders"
        ));
    }
    Ok(())
}

/// The fields every item has, whatever its collection declares.
pub const BASE_FIELDS: [&str; 5] = ["title", "date", "tags", "links", "body"];

/// One collection as declared under `collections:` in `site.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[derive(schemars::JsonSchema)]
pub struct CollectionDef {
    /// The heading of the list page (and a natural `nav` title).
    pub title: String,
    /// A lead paragraph on the list page (Markdown).
    #[serde(default)]
    pub description: Option<String>,
    /// Whether each item gets its own page (default true).
    #[serde(default = "yes")]
    pub item_pages: bool,
    /// The schema.org type of each item's JSON-LD (default `CreativeWork`).
    #[serde(default)]
    pub schema_type: Option<String>,
    /// The declared extra fields, in the order item pages show them.
    #[serde(default)]
    pub fields: Fields,
}

fn yes() -> bool {
    true
}

/// A declared field: its type (`stars: integer`), or
/// `{ type, required, label }`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[derive(schemars::JsonSchema)]
pub struct FieldSpec {
    #[serde(rename = "type")]
    pub kind: FieldType,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub label: Option<String>,
}

/// A declared field, written either way.
#[derive(Debug, Clone, schemars::JsonSchema)]
#[schemars(untagged)]
pub enum FieldDef {
    Type(FieldType),
    Full(FieldSpec),
}

impl<'de> Deserialize<'de> for FieldDef {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<FieldDef, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = FieldDef;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a field type such as `string`, or `{ type: string, required: true }`")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<FieldDef, E> {
                use serde::de::IntoDeserializer;
                FieldType::deserialize(v.into_deserializer()).map(FieldDef::Type)
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<FieldDef, A::Error> {
                FieldSpec::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(FieldDef::Full)
            }
        }
        d.deserialize_any(V)
    }
}

/// The declared fields in the order written.
#[derive(Debug, Clone, Default, schemars::JsonSchema)]
#[schemars(with = "BTreeMap<String, FieldDef>")]
pub struct Fields(pub Vec<(Spanned<String>, FieldDef)>);

impl<'de> Deserialize<'de> for Fields {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Fields, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Fields;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a map of field names to types")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Fields, A::Error> {
                let mut fields = Vec::new();
                while let Some(k) = map.next_key::<Spanned<String>>()? {
                    fields.push((k, map.next_value()?));
                }
                Ok(Fields(fields))
            }
        }
        d.deserialize_map(V)
    }
}

impl FieldDef {
    pub fn kind(&self) -> FieldType {
        match self {
            FieldDef::Type(k) => *k,
            FieldDef::Full(spec) => spec.kind,
        }
    }

    pub fn required(&self) -> bool {
        matches!(self, FieldDef::Full(spec) if spec.required)
    }

    pub fn label(&self) -> Option<&str> {
        match self {
            FieldDef::Full(spec) => spec.label.as_deref(),
            FieldDef::Type(_) => None,
        }
    }
}

/// The type of a declared field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
#[derive(schemars::JsonSchema)]
pub enum FieldType {
    /// One line of text.
    String,
    /// Markdown, with maths.
    Markdown,
    /// A whole number.
    Integer,
    /// Any number.
    Number,
    /// `true` or `false`.
    Boolean,
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    Date,
    /// An http(s), mailto or site-relative link.
    Url,
    /// A list of short texts.
    List,
}

impl FieldType {
    /// The type in words, for messages.
    pub fn words(self) -> &'static str {
        match self {
            FieldType::String => "a text",
            FieldType::Markdown => "a Markdown text",
            FieldType::Integer => "a whole number",
            FieldType::Number => "a number",
            FieldType::Boolean => "true or false",
            FieldType::Date => "a date (YYYY-MM-DD, YYYY-MM or YYYY)",
            FieldType::Url => "a link",
            FieldType::List => "a list of texts",
        }
    }
}

/// A YAML value of an item, with where it was written.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Text(String),
    List(Vec<Spanned<Value>>),
    Map(Vec<(Spanned<String>, Spanned<Value>)>),
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Value, D::Error> {
        d.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> serde::de::Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a YAML value")
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Int(v))
    }
    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Value, E> {
        i64::try_from(v)
            .map(Value::Int)
            .map_err(|_| E::custom("number too large"))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::Text(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::Text(v))
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(v) = seq.next_element()? {
            items.push(v);
        }
        Ok(Value::List(items))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries = Vec::new();
        while let Some(k) = map.next_key::<Spanned<String>>()? {
            entries.push((k, map.next_value()?));
        }
        Ok(Value::Map(entries))
    }
}

/// An item file as written: its keys in order, each with its place.
#[derive(Debug, Clone)]
pub struct ItemFile(pub Vec<(Spanned<String>, Spanned<Value>)>);

impl<'de> Deserialize<'de> for ItemFile {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<ItemFile, D::Error> {
        match Value::deserialize(d)? {
            Value::Map(entries) => Ok(ItemFile(entries)),
            _ => Err(serde::de::Error::custom(
                "an item is a map of fields, such as `title: ...`",
            )),
        }
    }
}

/// A resolved collection: its declaration and its items, newest first (then
/// by title; undated items last).
#[derive(Debug, Clone)]
pub struct Collection {
    /// The folder name, the list page's address (`software` -> `/software/`).
    pub name: String,
    pub title: String,
    pub description_html: String,
    pub item_pages: bool,
    pub schema_type: String,
    pub items: Vec<Item>,
}

/// One item of a collection.
#[derive(Debug, Clone)]
pub struct Item {
    pub slug: String,
    pub title: String,
    pub title_html: String,
    pub date: Option<PartialDate>,
    pub tags: Vec<String>,
    /// `(label, url)` in the order written, urls ready for the page.
    pub links: Vec<(String, String)>,
    /// The body as written (Markdown) and as HTML.
    pub body: String,
    pub body_html: String,
    /// The declared fields this item has, in declaration order.
    pub fields: Vec<FieldValue>,
    pub source: PathBuf,
}

/// A declared field's value, typed and ready to show.
#[derive(Debug, Clone, serde::Serialize)]
pub struct FieldValue {
    pub name: String,
    pub label: String,
    #[serde(rename = "type")]
    pub kind: FieldType,
    /// The value as text (dates in the site's words, lists joined by commas);
    /// for `markdown`, HTML; for `url`, the link.
    pub text: String,
    /// For `list`: the texts.
    pub list: Vec<String>,
    /// For `date`: `YYYY-MM-DD` (or shorter).
    pub iso: Option<String>,
}
