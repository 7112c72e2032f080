//! JSON Schemas of the YAML files (`folio schema`), generated with schemars from
//! the very types that parse them, so an editor flags what a build would refuse.
//!
//! The derives live on the types in `schema.rs` and `config.rs`; this module holds
//! the hand-written schemas of the types that deserialize by hand (a string or a
//! map, a number or a map, a number or a text) and the post-processing that makes
//! the schemas describe YAML rather than JSON: a YAML text field also takes `2024`
//! or `true`, which the parser reads as text.

mod collection;

pub use collection::{collection_schemas, file_name as collection_schema_file};

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use schemars::generate::SchemaSettings;
use schemars::transform::{Transform, transform_subschemas};
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde_json::Value;

use crate::error::{Result, io_error};
use crate::model::config::SiteFile;
use crate::model::schema::{
    AuthorEntry, AuthorFile, CourseFile, CvFile, DeclaredMetric, MAX_COUNT, NewsFile, PaperFile,
    PostFront, ProjectFile, ScalarText, TalkFile,
};

/// Where `folio schema` writes, relative to the site, and where editors look.
pub const DEFAULT_DIR: &str = ".folio/schemas";

/// One schema file: its name, its title, and how to make the schema.
struct SchemaFile {
    file: &'static str,
    title: &'static str,
    make: fn() -> Schema,
}

const SCHEMAS: [SchemaFile; 9] = [
    SchemaFile {
        file: "site.schema.json",
        title: "folio site.yaml",
        make: root_for::<SiteFile>,
    },
    SchemaFile {
        file: "author.schema.json",
        title: "folio author file",
        make: root_for::<AuthorFile>,
    },
    SchemaFile {
        file: "paper.schema.json",
        title: "folio paper file",
        make: root_for::<PaperDocument>,
    },
    SchemaFile {
        file: "news.schema.json",
        title: "folio news item",
        make: root_for::<NewsFile>,
    },
    SchemaFile {
        file: "talk.schema.json",
        title: "folio talk file",
        make: root_for::<TalkFile>,
    },
    SchemaFile {
        file: "post.schema.json",
        title: "folio post front matter",
        make: root_for::<PostFront>,
    },
    SchemaFile {
        file: "course.schema.json",
        title: "folio course file (teaching/)",
        make: root_for::<CourseFile>,
    },
    SchemaFile {
        file: "cv.schema.json",
        title: "folio cv.yaml",
        make: root_for::<CvFile>,
    },
    SchemaFile {
        file: "project.schema.json",
        title: "folio project file (projects/)",
        make: root_for::<ProjectFile>,
    },
];

/// Every schema as `(file name, JSON value)`, in a fixed order.
pub fn schemas() -> Vec<(&'static str, Value)> {
    SCHEMAS
        .iter()
        .map(|s| {
            let mut schema = (s.make)();
            schema.insert("title".into(), s.title.into());
            (s.file, schema.to_value())
        })
        .collect()
}

/// The schema with the given file name (`paper.schema.json`).
pub fn schema(file: &str) -> Option<Value> {
    schemas()
        .into_iter()
        .find(|(name, _)| *name == file)
        .map(|(_, v)| v)
}

/// Every schema as `(file name, pretty JSON text)`, as written to disk.
pub fn schema_texts() -> Vec<(&'static str, String)> {
    schemas()
        .into_iter()
        .map(|(file, schema)| {
            let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
            text.push('\n');
            (file, text)
        })
        .collect()
}

/// Writes every schema into `dir` (created when missing), replacing older
/// versions. A schema file that is a symbolic link is refused, never written
/// through. Returns the paths written.
pub fn write_schemas(dir: &Path) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir).map_err(io_error(dir))?;
    let mut written = Vec::new();
    for (file, text) in schema_texts() {
        let path = dir.join(file);
        crate::cli::files::replace(&path, text.as_bytes())?;
        written.push(path);
    }
    Ok(written)
}

/// Writes into `dir` the schema of each collection `site/site.yaml` declares
/// (`collection-NAME.schema.json`); an error when its `collections:` cannot
/// be read. Returns the paths written.
pub fn write_collection_schemas(site: &Path, dir: &Path) -> Result<Vec<PathBuf>> {
    let schemas = collection_schemas(site).map_err(|d| crate::error::Error::Input(vec![d]))?;
    std::fs::create_dir_all(dir).map_err(io_error(dir))?;
    let mut written = Vec::new();
    for (file, schema) in schemas {
        let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
        text.push('\n');
        let path = dir.join(file);
        crate::cli::files::replace(&path, text.as_bytes())?;
        written.push(path);
    }
    Ok(written)
}

/// A root schema in draft 7, the newest draft every YAML language server reads.
fn root_for<T: JsonSchema>() -> Schema {
    SchemaSettings::draft07()
        .with_transform(YamlText)
        .into_generator()
        .into_root_schema_for::<T>()
}

/// Widens plain text fields to every YAML scalar that the parser reads as text:
/// `venue: 2024` and `arxiv: 2408.08152` are text to folio, numbers to JSON.
/// Fields with an `enum` or `pattern` are left strict.
#[derive(Debug, Clone)]
struct YamlText;

impl Transform for YamlText {
    fn transform(&mut self, schema: &mut Schema) {
        let strict = ["enum", "const", "pattern", "format"]
            .iter()
            .any(|k| schema.get(*k).is_some());
        if !strict && let Some(ty) = schema.get_mut("type") {
            let widened = match ty {
                Value::String(s) if s == "string" => Some(vec!["string", "number", "boolean"]),
                Value::Array(a)
                    if a.len() == 2
                        && a.contains(&"string".into())
                        && a.contains(&"null".into()) =>
                {
                    Some(vec!["string", "number", "boolean", "null"])
                }
                _ => None,
            };
            if let Some(types) = widened {
                *ty = types.into();
            }
        }
        transform_subschemas(self, schema);
    }
}

/// `papers/*.yaml`: one paper, or a list of papers.
struct PaperDocument;

impl JsonSchema for PaperDocument {
    fn schema_name() -> Cow<'static, str> {
        "PaperDocument".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let paper = generator.subschema_for::<PaperFile>();
        json_schema!({
            "description": "One paper, or a list of papers (their slugs then come from their titles).",
            "oneOf": [
                paper,
                { "type": "array", "items": paper, "minItems": 1 }
            ]
        })
    }
}

impl JsonSchema for ScalarText {
    fn schema_name() -> Cow<'static, str> {
        "ScalarText".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A number or a short text.",
            "type": ["string", "number"]
        })
    }
}

impl JsonSchema for DeclaredMetric {
    fn schema_name() -> Cow<'static, str> {
        "DeclaredMetric".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let text = generator.subschema_for::<Option<String>>();
        json_schema!({
            "description": "A whole number, or a map with `value`, `source`, `as_of`, `url`.",
            "oneOf": [
                { "type": "integer", "minimum": 0, "maximum": MAX_COUNT },
                {
                    "type": "object",
                    "properties": {
                        "value": { "type": "integer", "minimum": 0, "maximum": MAX_COUNT },
                        "source": text,
                        "as_of": text,
                        "url": text
                    },
                    "required": ["value"],
                    "additionalProperties": false
                }
            ]
        })
    }
}

impl JsonSchema for AuthorEntry {
    fn schema_name() -> Cow<'static, str> {
        "AuthorEntry".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let text = generator.subschema_for::<Option<String>>();
        json_schema!({
            "description": "An author name as printed, an author id, or a map with `name`, `id`, the name in parts (`family`, `given`, `particle`, `dropping_particle`, `suffix`) or a corporate author (`literal`).",
            "oneOf": [
                { "type": "string", "pattern": "\\S" },
                {
                    "type": "object",
                    "properties": {
                        "name": text,
                        "id": text,
                        "equal": { "type": "boolean", "description": "Equal contribution (marked *)." },
                        "corresponding": { "type": "boolean", "description": "Corresponding author (marked †)." },
                        "family": { "type": "string", "pattern": "\\S", "description": "Family name without its particle (`Robalo Rei`, `Guglielmo`)." },
                        "given": text,
                        "particle": { "type": "string", "description": "`van der`, `de`: printed before the family name, kept there in inverted form (`van der Auwera, G. A.`)." },
                        "dropping_particle": { "type": "string", "description": "`von` of `Ludwig von Mises`: after the initials in inverted form (`Mises, L. von`)." },
                        "suffix": { "type": "string", "description": "`Jr.`, `III`." },
                        "literal": { "type": "string", "pattern": "\\S", "description": "A corporate author, never split or abbreviated." }
                    },
                    "anyOf": [{ "required": ["name"] }, { "required": ["id"] }, { "required": ["family"] }, { "required": ["literal"] }],
                    "not": { "required": ["family", "literal"] },
                    "additionalProperties": false
                }
            ]
        })
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use serde::de::DeserializeOwned;

    use super::*;
    use crate::load::parse_yaml;

    fn parses<T: DeserializeOwned>(yaml: &str) -> bool {
        parse_yaml::<T>(Path::new("x.yaml"), yaml).is_ok()
    }

    /// Whether the schema `file` accepts `yaml`, read as folio reads YAML.
    fn valid(file: &str, yaml: &str) -> bool {
        let schema = schema(file).unwrap();
        let validator = ::jsonschema::draft7::new(&schema).unwrap();
        let value: Value = parse_yaml(Path::new("x.yaml"), yaml).unwrap();
        validator.is_valid(&value)
    }

    /// The schema and the parser agree on every sample, valid or not.
    fn agree(file: &str, parse: fn(&str) -> bool, base: &str, samples: &[(&str, bool)]) {
        for (extra, ok) in samples {
            let yaml = format!("{base}{extra}\n");
            assert_eq!(parse(&yaml), *ok, "folio on {file}:\n{yaml}");
            assert_eq!(valid(file, &yaml), *ok, "schema {file}:\n{yaml}");
        }
    }

    fn paper(yaml: &str) -> bool {
        if yaml.starts_with("- ") {
            parses::<Vec<PaperFile>>(yaml)
        } else {
            parses::<PaperFile>(yaml)
        }
    }

    #[test]
    fn paper_schema_accepts_what_folio_accepts() {
        let base = "title: A\ndate: 2024\nauthors: [A]\n";
        agree(
            "paper.schema.json",
            paper,
            base,
            &[
                ("", true),
                ("venu: X", false),
                ("citations: 12", true),
                (
                    "citations: { value: 12, source: X, as_of: 2026-01-01 }",
                    true,
                ),
                ("citations: { source: X }", false),
                ("citations: { value: 12, extra: 1 }", false),
                ("citations: -1", false),
                ("citations: 1000000000", true),
                ("citations: 1000000001", false),
                ("citations: { value: 9223372036854775808 }", false),
                ("citations: 1.5", false),
                ("citations: lots", false),
                ("kind: conference", true),
                ("kind: poster", false),
                ("venue: 2024", true),
                ("note: true", true),
                ("has_code: yes", false),
                ("topics: CL", false),
                (
                    "links: { pdf: /x.pdf, arxiv: 2408.08152, doi: 10.1/x }",
                    true,
                ),
                ("links: { pdf: [a] }", false),
                ("links: { pfd: /x.pdf }", false),
                ("imported: { from: bibtex, hashes: { title: abc } }", true),
            ],
        );
        agree(
            "paper.schema.json",
            paper,
            "title: A\n",
            &[
                ("date: 2024-08-15\nauthors: [A]", true),
                ("date: true\nauthors: [A]", false),
                ("authors: [A]", false),
                ("date: 2024", false),
                ("date: 2024\nauthors: [{ id: ada, equal: true }]", true),
                (
                    "date: 2024\nauthors: [{ name: A, corresponding: true }]",
                    true,
                ),
                ("date: 2024\nauthors: [{ equal: true }]", false),
                ("date: 2024\nauthors: [{ nam: X }]", false),
                ("date: 2024\nauthors: [2024]", false),
                ("date: 2024\nauthors: { name: A }", false),
            ],
        );
        agree(
            "paper.schema.json",
            paper,
            "",
            &[
                ("- { title: A, date: 2024, authors: [A] }", true),
                ("- { title: A, date: 2024, authors: [A], venu: X }", false),
            ],
        );
    }

    #[test]
    fn author_schema_accepts_what_folio_accepts() {
        agree(
            "author.schema.json",
            parses::<AuthorFile>,
            "name: A\n",
            &[
                ("", true),
                ("nam: A", false),
                ("badges: [{ label: X, value: 58, unit: '%' }]", true),
                ("badges: [{ label: X, value: A+ }]", true),
                ("badges: [{ label: X, value: true }]", false),
                ("badges: [{ label: X }]", false),
                ("citations_by_year: { 2023: 410, 2024: 980 }", true),
                ("citations_by_year: { x: 1 }", false),
                ("citations_by_year: { 2023: -1 }", false),
                ("role: phd\nstart: 2021-09\nend: 2026", true),
                ("role: boss", false),
                (
                    "metrics: { h_index: 38, citations: { value: 9, url: 'https://x.org' } }",
                    true,
                ),
                ("metrics: { h_index: { value: 38, sorce: X } }", false),
                ("metrics: { g_index: 3 }", false),
                (
                    "links: { orcid: 0000-0002-1825-0097, semantic_scholar: 2156789 }",
                    true,
                ),
                ("links: { myspace: x }", false),
            ],
        );
        assert!(!parses::<AuthorFile>("name: ~\n") && !valid("author.schema.json", "name: ~\n"));
    }

    #[test]
    fn site_and_news_schemas_accept_what_folio_accepts() {
        agree(
            "site.schema.json",
            parses::<SiteFile>,
            "title: T\n",
            &[
                ("", true),
                ("citation_style: ieee", true),
                ("citation_style: mla", false),
                ("mode: lab", true),
                ("mode: group", false),
                ("author_limit: 3", true),
                ("author_limit: -1", false),
                ("nav: [{ title: A, url: /a/ }]", true),
                ("nav: [{ title: A }]", false),
                ("topics: { CL: { name: X, description: Y } }", true),
                ("topics: { CL: { nam: X } }", false),
                (
                    "affiliations: { pku: { name: P, url: 'https://p.cn/' } }",
                    true,
                ),
                ("owner: ada\ntheme: classic\nbase_url: /x/", true),
            ],
        );
        agree(
            "news.schema.json",
            parses::<NewsFile>,
            "date: 2026-01-01\n",
            &[
                ("title: T", true),
                ("title: T\nbody: '*Hi*'\nlink: /x/", true),
                ("titl: T", false),
                ("body: x", false),
            ],
        );
    }

    #[test]
    fn every_schema_names_its_draft_and_title() {
        for (file, schema) in schemas() {
            assert_eq!(
                schema["$schema"], "http://json-schema.org/draft-07/schema#",
                "{file}"
            );
            assert!(
                schema["title"].as_str().unwrap().starts_with("folio "),
                "{file}"
            );
        }
    }
}
