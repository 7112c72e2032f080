//! The JSON Schema of each generic collection `site.yaml` declares: an item's
//! own fields (title, date, tags, links, body) and the declared extra fields
//! with their types, strict as `resolve::collection` is (unknown keys and
//! wrong types refused, required fields required). Written by hand rather
//! than derived: the fields exist only in the site's declaration.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::{Map, Value, json};

use crate::error::Diagnostic;
use crate::load::{parse_yaml, read_text};
use crate::model::collection::{BASE_FIELDS, CollectionDef, FieldType, check_name};

/// The file a collection's schema is written to (`collection-software.schema.json`).
pub fn file_name(collection: &str) -> String {
    format!("collection-{collection}.schema.json")
}

/// The schema of every collection declared in `site/site.yaml`, as
/// `(file name, schema)` in name order: none when the site has no
/// `site.yaml`, an error when its `collections:` cannot be read (the rest of
/// the file is left to `folio build`). Collections with a name folio refuses
/// get no schema.
pub fn collection_schemas(site: &Path) -> Result<Vec<(String, Value)>, Diagnostic> {
    #[derive(serde::Deserialize)]
    struct Declared {
        #[serde(default)]
        collections: BTreeMap<String, CollectionDef>,
    }
    let rel = Path::new("site.yaml");
    if !site.join(rel).is_file() {
        return Ok(Vec::new());
    }
    let declared: Declared = parse_yaml(rel, &read_text(site, rel)?)?;
    Ok(declared
        .collections
        .iter()
        .filter(|(name, _)| check_name(name).is_ok())
        .map(|(name, def)| (file_name(name), schema_of(name, def)))
        .collect())
}

/// The schema of one collection's items.
pub fn schema_of(name: &str, def: &CollectionDef) -> Value {
    let mut properties = Map::new();
    properties.insert(
        "title".into(),
        json!({ "type": "string", "pattern": "\\S", "description": "The item's title (Markdown, with maths)." }),
    );
    properties.insert("date".into(), date());
    properties.insert(
        "tags".into(),
        json!({ "type": "array", "items": { "type": "string" }, "description": "Short tags." }),
    );
    properties.insert(
        "links".into(),
        json!({
            "type": "object",
            "additionalProperties": { "type": "string" },
            "description": "Labels (`code`, `docs`) to http(s), mailto or site-relative links."
        }),
    );
    properties.insert(
        "body".into(),
        json!({ "type": "string", "description": "The body in Markdown (in a .md item, the text after the front matter instead)." }),
    );
    let mut required = vec![Value::from("title")];
    for (field, spec) in &def.fields.0 {
        let key = field.value.as_str();
        if BASE_FIELDS.contains(&key) {
            continue;
        }
        let mut schema = field_schema(spec.kind());
        if let Some(label) = spec.label() {
            schema.insert("title".into(), label.into());
        }
        properties.insert(key.to_string(), Value::Object(schema));
        if spec.required() {
            required.push(key.into());
        }
    }
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": format!("folio collection item ({name}/)"),
        "description": format!("An item of the collection `{name}` declared in site.yaml ({}).", def.title),
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": false
    })
}

/// `YYYY-MM-DD`, `YYYY-MM`, `YYYY` or a bare year.
fn date() -> Value {
    json!({
        "type": ["string", "integer"],
        "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$",
        "minimum": 1000,
        "maximum": 9999,
        "description": "A date: YYYY-MM-DD, YYYY-MM or YYYY."
    })
}

/// The schema of a declared field's type.
fn field_schema(kind: FieldType) -> Map<String, Value> {
    let schema = match kind {
        FieldType::String | FieldType::Markdown => json!({ "type": "string" }),
        FieldType::Integer => json!({ "type": "integer" }),
        FieldType::Number => json!({ "type": "number" }),
        FieldType::Boolean => json!({ "type": "boolean" }),
        FieldType::Date => date(),
        FieldType::Url => json!({ "type": "string", }),
        FieldType::List => json!({ "type": "array", "items": { "type": "string" } }),
    };
    let mut map = match schema {
        Value::Object(map) => map,
        _ => Map::new(),
    };
    if kind != FieldType::Date {
        let words = kind.words();
        map.insert("description".into(), format!("Declared as {words}.").into());
    }
    map
}
