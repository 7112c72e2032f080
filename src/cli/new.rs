//! `folio new paper|author|talk|post|teaching|project`: writes a commented stub in the right place, so a new
//! entry starts from a file that builds and shows every other field, commented
//! out, with an example. Existing files are never overwritten.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::cli::jsonschema;
use crate::error::{Error, Result, io_error};
use crate::load;
use crate::markdown::plain_inline;
use crate::model::schema::{AuthorFile, CourseFile, PaperFile, PostFront, ProjectFile, TalkFile};
use crate::text::{check_key, check_slug, slugify};

/// What the stubs borrow from `site.yaml`: the owner as an author, and real keys
/// in the examples.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SiteHints {
    pub owner: Option<String>,
    pub topic: Option<String>,
    pub affiliation: Option<String>,
}

impl SiteHints {
    /// Reads `site.yaml` leniently: a site.yaml with problems still gives what
    /// it can (the build reports the problems).
    pub fn read(root: &Path) -> Result<SiteHints> {
        let rel = Path::new("site.yaml");
        if !root.join(rel).is_file() {
            return Err(Error::New(format!(
                "no site.yaml in {}: run it in a site folder, or pass --site",
                root.display()
            )));
        }
        let yaml = load::read_text(root, rel)
            .and_then(|text| load::parse_yaml::<Value>(rel, &text))
            .unwrap_or_default();
        let first_key = |field: &str| {
            yaml.get(field)
                .and_then(Value::as_object)
                .and_then(|m| m.keys().next().cloned())
        };
        // Only keys the build would accept go into the stub, where they must parse.
        let valid = |key: Option<String>| key.filter(|k| check_key(k).is_ok());
        Ok(SiteHints {
            owner: valid(yaml.get("owner").and_then(scalar)),
            topic: valid(first_key("topics")),
            affiliation: valid(first_key("affiliations")),
        })
    }
}

fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Writes `papers/<slug>.yaml` for a paper titled `title`, dated today. Returns
/// the path written.
pub fn create_paper(root: &Path, title: &str) -> Result<PathBuf> {
    let hints = SiteHints::read(root)?;
    let slug = paper_slug(title)?;
    let date = crate::resolve::today().iso();
    let text = paper_stub(title, &slug, &date, &hints);
    write_stub::<PaperFile>(root, "papers", &slug, "paper", &text)
}

/// Writes `talks/<slug>.yaml` for a talk titled `title`, dated today. Returns
/// the path written.
pub fn create_talk(root: &Path, title: &str) -> Result<PathBuf> {
    let hints = SiteHints::read(root)?;
    let slug = paper_slug(title)?;
    let date = crate::resolve::today().iso();
    let text = talk_stub(title, &slug, &date, &hints);
    write_stub::<TalkFile>(root, "talks", &slug, "talk", &text)
}

/// Writes `posts/<slug>.md` for a post titled `title`, dated today, as a
/// draft (`folio serve` shows it; `folio build` leaves it out until
/// `draft: true` goes). Returns the path written.
pub fn create_post(root: &Path, title: &str) -> Result<PathBuf> {
    let hints = SiteHints::read(root)?;
    let slug = paper_slug(title)?;
    let date = crate::resolve::today().iso();
    let front = post_stub(title, &slug, &date, &hints);
    let rel = PathBuf::from("posts").join(format!("{slug}.md"));
    if let Err(d) = load::parse_yaml::<PostFront>(&rel, &front) {
        return Err(Error::New(format!("the stub does not parse (a bug): {d}")));
    }
    for ext in ["md", "markdown"] {
        let existing = Path::new("posts").join(format!("{slug}.{ext}"));
        if root.join(&existing).exists() {
            return Err(Error::New(format!(
                "{} exists, and folio new never overwrites a file; edit it, or choose another title",
                existing.display()
            )));
        }
    }
    let text = format!(
        "---\n{front}---\nWrite the post here in Markdown, with $maths$, code blocks and tables.\n"
    );
    write_new(root, "posts", &rel, &text)
}

/// The front matter of a new post: title, date and `draft: true`; every other
/// field commented out with an example.
pub fn post_stub(title: &str, slug: &str, date: &str, hints: &SiteHints) -> String {
    let writer = hints.owner.as_deref().unwrap_or("your-id");
    format!(
        r#"# A blog post, published at /posts/{slug}/ (the file name). Uncomment what you need;
# every field is described in docs/schema.md of folio.
title: {title}
date: {date}   # YYYY-MM-DD, YYYY-MM or YYYY
draft: true    # shown by `folio serve` only; remove this line to publish
# updated: {date}            # the day of the last change
# tags: [research, teaching]  # each tag has a page listing its posts
# authors: [{writer}]          # who wrote it, by author id
# summary: One or two sentences for lists, feeds and search engines.
# papers: [a-paper-slug]      # papers of this site the post is about
# image: /images/cover.jpg    # a cover picture in static/, resized by the build
# image_alt: What the picture shows
"#,
        title = quoted(title),
    )
}

/// Writes `teaching/<slug>.yaml` for a course titled `title`, taught this
/// term. Returns the path written.
pub fn create_course(root: &Path, title: &str) -> Result<PathBuf> {
    let hints = SiteHints::read(root)?;
    let slug = paper_slug(title)?;
    let today = crate::resolve::today();
    let season = match today.month.unwrap_or(1) {
        1..=5 => "Spring",
        6..=8 => "Summer",
        _ => "Fall",
    };
    let term = format!("{} {season}", today.year);
    let text = course_stub(title, &slug, &term, &hints);
    write_stub::<CourseFile>(root, "teaching", &slug, "course", &text)
}

/// Writes `projects/<slug>.yaml` for a project titled `title`, started this
/// month. Returns the path written.
pub fn create_project(root: &Path, title: &str) -> Result<PathBuf> {
    let hints = SiteHints::read(root)?;
    let slug = paper_slug(title)?;
    let today = crate::resolve::today();
    let month = format!("{:04}-{:02}", today.year, today.month.unwrap_or(1));
    let text = project_stub(title, &slug, &month, &hints);
    write_stub::<ProjectFile>(root, "projects", &slug, "project", &text)
}

/// Writes `authors/<id>.yaml` for a person, the id made from the name unless
/// given. Returns the path written.
pub fn create_author(root: &Path, name: &str, id: Option<&str>) -> Result<PathBuf> {
    let hints = SiteHints::read(root)?;
    let id = match id {
        Some(id) => {
            check_key(id).map_err(|msg| Error::New(format!("author id `{id}`: {msg}")))?;
            id.to_string()
        }
        None => author_id(name)?,
    };
    let text = author_stub(name, &id, &hints);
    write_stub::<AuthorFile>(root, "authors", &id, "author", &text)
}

/// The file name of a paper: its title as a slug, at most 80 bytes, cut at a dash.
pub fn paper_slug(title: &str) -> Result<String> {
    let mut slug = slugify(&plain_inline(title));
    const MAX: usize = 80;
    if slug.len() > MAX {
        let mut cut = MAX;
        while !slug.is_char_boundary(cut) {
            cut -= 1;
        }
        let end = slug[..cut].rfind('-').filter(|&i| i > 0).unwrap_or(cut);
        slug.truncate(end);
    }
    check_slug(&slug)
        .map(|()| slug)
        .map_err(|_| Error::New(format!("cannot make a file name from the title `{title}`")))
}

/// An author id from a name: `Zoë Müller` is `zoe-muller`. Ids are ASCII (they
/// are file names and URLs), so a name in another script needs `--id`.
pub fn author_id(name: &str) -> Result<String> {
    let id = slugify(&crate::import::fold_ascii(name));
    match check_key(&id) {
        Ok(()) if id.is_ascii() => Ok(id),
        _ => Err(Error::New(format!(
            "cannot make an author id from `{name}`: pass one with --id, such as --id fuli-luo"
        ))),
    }
}

/// A YAML single-quoted scalar: nothing is special inside but the quote itself,
/// so any title survives (`:`, `#`, `$maths$`, backslashes).
fn quoted(text: &str) -> String {
    let one_line: String = text
        .trim()
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    format!("'{}'", one_line.replace('\'', "''"))
}

/// The `# yaml-language-server` line that ties a file in a site folder to its
/// schema, relative to the file.
fn schema_line(kind: &str) -> String {
    format!(
        "# yaml-language-server: $schema=../{}/{kind}.schema.json\n",
        jsonschema::DEFAULT_DIR
    )
}

/// The stub of a paper: title, date, the owner as author; every other field
/// commented out with an example.
pub fn paper_stub(title: &str, slug: &str, date: &str, hints: &SiteHints) -> String {
    let author = match &hints.owner {
        Some(owner) => format!("  - {owner}   # you, by author id; the others follow in order"),
        None => "  - Your Name   # the authors in order: names as printed, or author ids".into(),
    };
    let topic = hints.topic.as_deref().unwrap_or("ML");
    let affiliation = hints.affiliation.as_deref().unwrap_or("uni");
    format!(
        r#"# A paper, published at /papers/{slug}/ (the file name). Uncomment what you need;
# every field is described in docs/schema.md of folio.
title: {title}
date: {date}   # YYYY-MM-DD, YYYY-MM or YYYY
authors:
{author}
  # - Ada Lovelace               # a name as printed, or an author id
  # - {{ name: Alan Turing, equal: true, corresponding: true }}
# authors_truncated: true        # the source list ends with "et al."
# affiliations: [{affiliation}]   # affiliation keys from site.yaml
# topics: [{topic}]   # topic keys from site.yaml; the first is the main field
# venue: Proceedings of a Good Conference 2026
# kind: conference               # article, conference, preprint, book, chapter, thesis, report, misc
# volume: 3                      # where in the venue
# issue: 4
# pages: 301–310
# publisher: Nature Publishing Group
# editors: [Jill Burstein, Christy Doran]
# edition: 2nd
# institution: University of Lagos   # a thesis's university, a report's institution
# number: TR-2018-07             # a report's number
# isbn: 978-3-16-148410-0
# issn: 2522-5839
# address: London
# thesis_type: PhD thesis
# reference_note: To appear      # ends the formatted reference (BibTeX's note)
# abstract: |                    # Markdown with $inline$ and $$display$$ maths
#   We show that the problem can be solved in $O(n \log n)$ time.
# links:                         # each optional
#   pdf: /files/{slug}.pdf   # a file in static/files/, or a URL
#   arxiv: 2506.00001            # an id or a URL
#   doi: 10.48550/arXiv.2506.00001   # an id or a URL
#   code: https://github.com/you/{slug}
#   project: https://example.org/{slug}/
#   slides: /files/{slug}-slides.pdf
#   video: https://example.org/talk
#   poster: /files/{slug}-poster.pdf
#   data: https://example.org/data
#   html: https://example.org/{slug}.html
# identifiers:                   # kept by `folio import`: other DOIs, database ids
#   dois: [10.1000/preprint.1]
#   openalex: W4401234567
# has_code: true                 # code released, address not known
# citations: 12                  # or {{ value: 12, source: OpenAlex, as_of: {date} }}
# selected: true                 # listed under "Selected papers" on the home page
# award: Best Paper Award
# note: "* Equal contribution"   # a note under the author list
# preview: /images/{slug}.png    # a picture in static/, shown small beside the paper
# preview_alt: What the picture shows
# slug: {slug}   # the page address, instead of the file name
# bibtex: |                      # shown instead of the generated entry
#   @inproceedings{{{slug}, title = {{...}}}}
# imported: {{ from: bibtex, id: key2026 }}   # written by folio import; leave it to folio
"#,
        title = quoted(title),
    )
}

/// The stub of an author: the name; every other field commented out with an
/// example.
pub fn author_stub(name: &str, id: &str, hints: &SiteHints) -> String {
    let topic = hints.topic.as_deref().unwrap_or("ML");
    let affiliation = hints.affiliation.as_deref().unwrap_or("uni");
    let variants = name_variants(name.trim());
    format!(
        r#"# A person: the file name ({id}.yaml) is the author id, used in author lists
# and at /authors/{id}/. Uncomment what you need; every field is described in
# docs/schema.md of folio.
name: {name}
# name_variants: {variants}   # other spellings found in author lists
# position: PhD Student
# affiliation: {affiliation}   # an affiliation key from site.yaml, or free text
# field: {topic}   # the primary field: a topic key from site.yaml
# photo: /images/{id}.jpg   # a file in static/, or an http(s) URL
# bio: |                         # Markdown, with $maths$
#   I work on **interesting problems**.
# links:                         # each optional; bare ids become full URLs
#   email: {id}@example.org
#   homepage: https://example.org/
#   cv: /files/{id}-cv.pdf
#   scholar: AbCdEfGAAAAJ        # Google Scholar user id, or the full URL
#   orcid: 0000-0002-1825-0097
#   github: {id}
#   semantic_scholar: "2156789"
#   dblp: 123/4567
#   openreview: ~Your_Name1
#   x: {id}
#   linkedin: {id}
# metrics:                       # declared values: a number, or a map with the source
#   h_index: {{ value: 12, source: Google Scholar, as_of: 2026-11-01 }}
#   citations: {{ value: 640, source: Google Scholar, as_of: 2026-11-01 }}
#   i10_index: 14
# citations_by_year: {{ 2025: 210, 2026: 430 }}   # shown as a bar chart
# badges:
#   - {{ label: Novelty, value: 58, unit: "%", definition: "Share of papers introducing a new method.", source: Some index, as_of: 2026-10 }}
# role: phd                      # lab sites: pi, faculty, postdoc, phd, masters, undergrad, engineer, visitor, alumni
# start: 2026-09                 # lab sites: when they joined
# end: 2031-08                   # lab sites: when they left (or will leave)
# next_position: Research Scientist, Example Labs   # lab sites: where an alumnus went
"#,
        name = quoted(name),
    )
}

/// The stub of a talk: title and date; every other field commented out with
/// an example.
pub fn talk_stub(title: &str, slug: &str, date: &str, hints: &SiteHints) -> String {
    let speaker = hints.owner.as_deref().unwrap_or("your-id");
    format!(
        r#"# A talk, published at /talks/{slug}/ (the file name). Uncomment what you need;
# every field is described in docs/schema.md of folio.
title: {title}
date: {date}   # YYYY-MM-DD, YYYY-MM or YYYY
# end_date: {date}              # the last day, for a talk over several days
# event: Workshop on Good Ideas 2026
# event_url: https://example.org/workshop/
# kind: invited                  # invited, contributed, keynote, poster, tutorial, panel, seminar, defense
# location: {{ city: Lisbon, country: Portugal, latitude: 38.72, longitude: -9.14 }}
# links:                         # each optional: a file in static/, or a URL
#   slides: /files/{slug}-slides.pdf
#   video: https://example.org/video
#   recording: https://example.org/recording
#   event: https://example.org/workshop/programme
#   poster: /files/{slug}-poster.pdf
#   code: https://github.com/you/{slug}
# papers: [a-paper-slug]         # papers of this site the talk presents; their pages list it
# authors: [{speaker}]           # who spoke, by author id
# abstract: |                    # Markdown with $inline$ and $$display$$ maths
#   We show that the problem can be solved in $O(n \log n)$ time.
"#,
        title = quoted(title),
    )
}

/// The stub of a course: title and this term; every other field commented
/// out with an example.
pub fn course_stub(title: &str, slug: &str, term: &str, hints: &SiteHints) -> String {
    let teacher = hints.owner.as_deref().unwrap_or("your-id");
    let institution = hints.affiliation.as_deref().unwrap_or("Your University");
    format!(
        r#"# A course, published at /teaching/{slug}/ (the file name). Uncomment what you need;
# every field is described in docs/schema.md of folio.
title: {title}
terms: [{term}]   # every term you taught it: 2024 Fall, 2025 Spring, or dates (2025-01)
# code: CS 101
# institution: {institution}   # an affiliation key from site.yaml, or free text
# role: instructor               # instructor, co-instructor, teaching-assistant, guest-lecturer
# level: Graduate                # as you want it shown
# links:                         # each optional: a file in static/, or a URL
#   syllabus: /files/{slug}-syllabus.pdf
#   materials: https://github.com/you/{slug}
#   page: https://example.edu/courses/{slug}
# authors: [{teacher}]           # who taught it, by author id
# description: |                 # Markdown with $inline$ and $$display$$ maths
#   Vectors, matrices and the $\mathbb{{R}}^n$ they live in.
"#,
        title = quoted(title),
    )
}

/// The stub of a project: title, status and start; every other field
/// commented out with an example.
pub fn project_stub(title: &str, slug: &str, month: &str, hints: &SiteHints) -> String {
    let person = hints.owner.as_deref().unwrap_or("your-id");
    format!(
        r#"# A project, published at /projects/{slug}/ (the file name). Uncomment what you need;
# every field is described in docs/schema.md of folio. (A projects/{slug}.md file
# works too: these fields as front matter, the body after it.)
title: {title}
status: active   # active or completed
start: {month}   # YYYY-MM-DD, YYYY-MM or YYYY
# end: {month}
# summary: One or two sentences for the card on /projects/.
# image: /images/{slug}.png      # a picture in static/, by its site path
# image_alt: What the picture shows
# people: [{person}]             # who works on it, by author id; their pages list it
# papers: [a-paper-slug]         # papers of this site; their pages link back
# talks: [a-talk-slug]           # talks of this site; their pages link back
# links:                         # each optional: a file in static/, or a URL
#   code: https://github.com/you/{slug}
#   website: https://example.org/{slug}
#   demo: https://example.org/{slug}/demo
#   data: https://doi.org/10.5281/zenodo.0000000
# tags: [a topic, another]
# body: |                        # Markdown with $inline$ and $$display$$ maths
#   What the project is about, in as many paragraphs as you like.
"#,
        title = quoted(title),
    )
}

/// `Ada King Lovelace` -> `["A. K. Lovelace", "Lovelace, Ada King"]`.
fn name_variants(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    match words.split_last() {
        Some((last, given)) if !given.is_empty() => {
            let initials: Vec<String> = given
                .iter()
                .filter_map(|w| w.chars().next())
                .map(|c| format!("{c}."))
                .collect();
            format!(
                "[{}, {}]",
                quoted(&format!("{} {last}", initials.join(" "))),
                quoted(&format!("{last}, {}", given.join(" ")))
            )
        }
        _ => format!("[{}]", quoted(name)),
    }
}

/// Writes a stub that must parse as `T`, refusing to replace any file of the
/// same name (`.yaml` or `.yml`).
fn write_stub<T: DeserializeOwned>(
    root: &Path,
    dir: &str,
    stem: &str,
    kind: &str,
    text: &str,
) -> Result<PathBuf> {
    let rel = PathBuf::from(dir).join(format!("{stem}.yaml"));
    if let Err(d) = load::parse_yaml::<T>(&rel, text) {
        return Err(Error::New(format!("the stub does not parse (a bug): {d}")));
    }
    for ext in ["yaml", "yml"] {
        let existing = Path::new(dir).join(format!("{stem}.{ext}"));
        if root.join(&existing).exists() {
            return Err(Error::New(format!(
                "{} exists, and folio new never overwrites a file; edit it, or choose another {}",
                existing.display(),
                if kind == "author" {
                    "name or --id"
                } else {
                    "title"
                }
            )));
        }
    }
    let mut text = text.to_string();
    if root
        .join(jsonschema::DEFAULT_DIR)
        .join(format!("{kind}.schema.json"))
        .is_file()
    {
        text.insert_str(0, &schema_line(kind));
    }
    write_new(root, dir, &rel, &text)
}

/// Writes a new file `rel` (in the folder `dir`), never replacing one.
fn write_new(root: &Path, dir: &str, rel: &Path, text: &str) -> Result<PathBuf> {
    let path = root.join(rel);
    let parent = root.join(dir);
    std::fs::create_dir_all(&parent).map_err(io_error(&parent))?;
    // `create_new`: a file that appeared since the check above is still not replaced.
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(io_error(&path))?;
    file.write_all(text.as_bytes()).map_err(io_error(&path))?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hints() -> SiteHints {
        SiteHints {
            owner: Some("ada".into()),
            topic: Some("CL".into()),
            affiliation: Some("ucl".into()),
        }
    }

    /// The stub with every commented-out field restored: a comment line that
    /// holds `key:` or continues a block, and commented list items.
    fn uncommented(stub: &str) -> String {
        let field = |rest: &str| {
            rest.starts_with("  ")
                || rest.split_once(':').is_some_and(|(k, _)| {
                    !k.is_empty() && k.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                })
        };
        stub.lines()
            .filter_map(|l| match l.strip_prefix("# ") {
                Some(rest) if field(rest) => Some(rest.to_string()),
                Some(_) => None,
                None => Some(l.replacen("  # - ", "  - ", 1)),
            })
            .map(|l| l + "\n")
            .collect()
    }

    /// Every property the schema of `file` allows at the top level.
    fn schema_fields(file: &str, definition: &str) -> Vec<String> {
        let schema = jsonschema::schema(file).unwrap();
        let props = schema
            .pointer(&format!("/definitions/{definition}/properties"))
            .or_else(|| schema.get("properties"))
            .and_then(Value::as_object)
            .unwrap();
        props.keys().cloned().collect()
    }

    fn top_level_keys(yaml: &str) -> Vec<String> {
        let value: Value = load::parse_yaml(Path::new("x.yaml"), yaml).unwrap();
        value.as_object().unwrap().keys().cloned().collect()
    }

    #[test]
    fn paper_stub_parses_and_shows_every_field() {
        let stub = paper_stub(
            "A: 'Quoted' $O(n)$ # not a comment",
            "a-quoted",
            "2026-11-25",
            &hints(),
        );
        let p: PaperFile = load::parse_yaml(Path::new("p.yaml"), &stub).unwrap();
        assert_eq!(p.title.value, "A: 'Quoted' $O(n)$ # not a comment");
        assert_eq!(p.date.value.0, "2026-11-25");
        assert_eq!(p.authors.len(), 1);
        assert_eq!(p.authors[0].value.name, "ada");
        let full = uncommented(&stub);
        let all: PaperFile =
            load::parse_yaml(Path::new("p.yaml"), &full).unwrap_or_else(|d| panic!("{d}\n{full}"));
        assert_eq!(all.authors.len(), 3, "{full}");
        let mut keys = top_level_keys(&full);
        let mut fields = schema_fields("paper.schema.json", "PaperFile");
        keys.sort();
        fields.sort();
        assert_eq!(keys, fields);
    }

    #[test]
    fn author_stub_parses_and_shows_every_field() {
        let stub = author_stub("Zoë O'Brien", "zoe-obrien", &hints());
        let a: AuthorFile = load::parse_yaml(Path::new("a.yaml"), &stub).unwrap();
        assert_eq!(a.name, "Zoë O'Brien");
        let full = uncommented(&stub);
        let all: AuthorFile =
            load::parse_yaml(Path::new("a.yaml"), &full).unwrap_or_else(|d| panic!("{d}\n{full}"));
        assert_eq!(all.name_variants, ["Z. O'Brien", "O'Brien, Zoë"]);
        let mut keys = top_level_keys(&full);
        let mut fields = schema_fields("author.schema.json", "AuthorFile");
        keys.sort();
        fields.sort();
        assert_eq!(keys, fields);
    }

    #[test]
    fn talk_stub_parses_and_shows_every_field() {
        let stub = talk_stub(
            "Keynote: $P$ vs $NP$",
            "keynote-p-vs-np",
            "2026-11-25",
            &hints(),
        );
        let t: TalkFile = load::parse_yaml(Path::new("t.yaml"), &stub).unwrap();
        assert_eq!(t.title.value, "Keynote: $P$ vs $NP$");
        assert_eq!(t.date.value.0, "2026-11-25");
        let full = uncommented(&stub);
        let all: TalkFile =
            load::parse_yaml(Path::new("t.yaml"), &full).unwrap_or_else(|d| panic!("{d}\n{full}"));
        assert_eq!(all.authors[0].value, "ada");
        assert!(all.links.recording.is_some() && all.location.is_some());
        let mut keys = top_level_keys(&full);
        let mut fields = schema_fields("talk.schema.json", "TalkFile");
        keys.sort();
        fields.sort();
        assert_eq!(keys, fields);
    }

    #[test]
    fn post_stub_parses_and_shows_every_field() {
        let stub = post_stub(
            "Notes: $P$ vs $NP$",
            "notes-p-vs-np",
            "2026-11-25",
            &hints(),
        );
        let p: PostFront = load::parse_yaml(Path::new("p.yaml"), &stub).unwrap();
        assert_eq!(p.title.value, "Notes: $P$ vs $NP$");
        assert!(p.draft, "a new post starts as a draft");
        let full = uncommented(&stub);
        let all: PostFront =
            load::parse_yaml(Path::new("p.yaml"), &full).unwrap_or_else(|d| panic!("{d}\n{full}"));
        assert_eq!(all.authors[0].value, "ada");
        let mut keys = top_level_keys(&full);
        let mut fields = schema_fields("post.schema.json", "PostFront");
        keys.sort();
        fields.sort();
        assert_eq!(keys, fields);
    }

    #[test]
    fn project_stub_parses_and_shows_every_field() {
        let stub = project_stub("Atlas: $k$-mers", "atlas", "2026-11", &hints());
        let p: ProjectFile = load::parse_yaml(Path::new("p.yaml"), &stub).unwrap();
        assert_eq!(p.title.value, "Atlas: $k$-mers");
        let full = uncommented(&stub);
        let all: ProjectFile =
            load::parse_yaml(Path::new("p.yaml"), &full).unwrap_or_else(|d| panic!("{d}\n{full}"));
        assert_eq!(all.people[0].value, "ada");
        assert!(all.links.data.is_some() && all.body.is_some());
        let mut keys = top_level_keys(&full);
        let mut fields = schema_fields("project.schema.json", "ProjectFile");
        keys.sort();
        fields.sort();
        assert_eq!(keys, fields);
    }

    #[test]
    fn course_stub_parses_and_shows_every_field() {
        let stub = course_stub(
            "Linear Algebra: $n$ Dimensions",
            "linear",
            "2026 Fall",
            &hints(),
        );
        let c: CourseFile = load::parse_yaml(Path::new("c.yaml"), &stub).unwrap();
        assert_eq!(c.title.value, "Linear Algebra: $n$ Dimensions");
        assert_eq!(c.terms.value.0[0].0, "2026 Fall");
        let full = uncommented(&stub);
        let all: CourseFile =
            load::parse_yaml(Path::new("c.yaml"), &full).unwrap_or_else(|d| panic!("{d}\n{full}"));
        assert_eq!(all.authors[0].value, "ada");
        assert!(all.links.page.is_some() && all.role.is_some());
        let mut keys = top_level_keys(&full);
        let mut fields = schema_fields("course.schema.json", "CourseFile");
        keys.sort();
        fields.sort();
        assert_eq!(keys, fields);
    }

    #[test]
    fn author_ids_are_ascii_slugs_of_the_name() {
        assert_eq!(author_id("Ada Lovelace").unwrap(), "ada-lovelace");
        assert_eq!(author_id("Zoë Müller-Łukasz").unwrap(), "zoe-muller-lukasz");
        assert_eq!(author_id("José Ñúñez").unwrap(), "jose-nunez");
        let err = author_id("罗福莉").unwrap_err().to_string();
        assert!(err.contains("pass one with --id"), "{err}");
    }

    #[test]
    fn long_titles_make_slugs_cut_at_a_dash() {
        let title = "DeepSeek-R1: Incentivizing Reasoning Capability in LLMs via Reinforcement Learning and More";
        let slug = paper_slug(title).unwrap();
        assert!(slug.len() <= 80, "{slug}");
        assert!(!slug.ends_with('-'));
        assert!(slug.starts_with("deepseek-r1-incentivizing"));
        assert_eq!(paper_slug("$O(n)$ sorting").unwrap(), "o-n-sorting");
        assert!(paper_slug("!!!").is_err());
    }
}
