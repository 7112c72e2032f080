//! Machine-readable page metadata: schema.org JSON-LD (`ScholarlyArticle`, `Event`, `BlogPosting`,
//! `Person`, `WebSite`, `ProfilePage` for the CV). The JSON is made inert for a `<script>` element: `<`,
//! `>`, `&` and the line separators are escaped, so no title can close the script.

use serde::Serialize;
use serde_json::{Map, Value, json};

use crate::markdown::{plain_inline, plain_text};
use crate::model::config::Config;
use crate::model::{Author, Paper};

/// JSON text safe to place inside `<script type="application/ld+json">`.
pub fn script_json(value: &impl Serialize) -> String {
    crate::escape::json_in_script(serde_json::to_string(value).unwrap_or_else(|_| "{}".into()))
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

/// `ScholarlyArticle` for a paper page. `title` is the title as plain text
/// and `abstract_plain` the abstract's (`plain_inline` and `plain_text`: the
/// page computes them once for its own title and description too).
///
/// Typed, borrowing the paper, rather than a `serde_json::Value` tree (which
/// cost about as much to build and drop as to write, once per paper page):
/// the fields are declared in the byte order of their names, the order a
/// `serde_json::Map` writes, so the JSON is the same.
pub fn paper<'a>(
    p: &'a Paper,
    config: &'a Config,
    title: &'a str,
    abstract_plain: &'a str,
) -> PaperLd<'a> {
    let b = &p.biblio;
    let thesis = p.kind == Some(crate::model::schema::PaperKind::Thesis);
    let is_part_of = p.venue.as_ref().map(|v| {
        let mut part = PartLd {
            kind: "Periodical",
            name: Some(plain_inline(v)),
            ..PartLd::default()
        };
        if let Some(vol) = &b.volume {
            part = PartLd {
                kind: "PublicationVolume",
                volume_number: Some(vol),
                is_part_of: Some(Box::new(part)),
                ..PartLd::default()
            };
        }
        if let Some(issue) = &b.issue {
            part = PartLd {
                kind: "PublicationIssue",
                issue_number: Some(issue),
                is_part_of: Some(Box::new(part)),
                ..PartLd::default()
            };
        }
        part
    });
    let (page_start, page_end) = match b.page_range() {
        Some((first, last)) => (Some(first), last),
        None => (None, None),
    };
    let topics: Vec<&str> = p
        .topics
        .iter()
        .filter_map(|t| config.topics.get(t))
        .map(|t| t.name.as_str())
        .collect();
    let same_as: Vec<&str> = ["doi", "arxiv"].iter().filter_map(|k| p.link(k)).collect();
    PaperLd {
        context: "https://schema.org",
        kind: if thesis { "Thesis" } else { "ScholarlyArticle" },
        abstract_text: (!p.abstract_text.is_empty()).then_some(abstract_plain),
        author: p
            .authors
            .iter()
            .map(|a| PersonLd {
                kind: "Person",
                name: &a.name,
                url: a
                    .id
                    .as_ref()
                    .and_then(|id| config.absolute_url(&format!("authors/{id}/"))),
            })
            .collect(),
        date_published: p.date.iso(),
        editor: b
            .editors
            .iter()
            .map(|e| PersonLd {
                kind: "Person",
                name: e,
                url: None,
            })
            .collect(),
        headline: title,
        identifier: p.link("doi").map(|doi| IdentifierLd {
            kind: "PropertyValue",
            property_id: "DOI",
            value: doi.trim_start_matches("https://doi.org/"),
        }),
        is_part_of,
        isbn: b.isbn.as_deref(),
        keywords: (!topics.is_empty()).then(|| topics.join(", ")),
        name: title,
        page_end,
        page_start,
        publisher: b.publisher.as_deref().map(|name| OrganizationLd {
            kind: "Organization",
            name,
        }),
        same_as,
        source_organization: b
            .institution
            .as_ref()
            .or(p.venue.as_ref())
            .filter(|_| thesis)
            .map(|name| OrganizationLd {
                kind: "Organization",
                name,
            }),
        url: config.absolute_url(&format!("papers/{}/", p.slug)),
    }
}

/// A paper's `ScholarlyArticle` (or `Thesis`). Fields in the byte order of
/// their JSON names (see [`paper`]).
#[derive(Serialize)]
pub struct PaperLd<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "abstract", skip_serializing_if = "Option::is_none")]
    abstract_text: Option<&'a str>,
    author: Vec<PersonLd<'a>>,
    #[serde(rename = "datePublished")]
    date_published: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    editor: Vec<PersonLd<'a>>,
    headline: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    identifier: Option<IdentifierLd<'a>>,
    #[serde(rename = "isPartOf", skip_serializing_if = "Option::is_none")]
    is_part_of: Option<PartLd<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    isbn: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    keywords: Option<String>,
    name: &'a str,
    #[serde(rename = "pageEnd", skip_serializing_if = "Option::is_none")]
    page_end: Option<&'a str>,
    #[serde(rename = "pageStart", skip_serializing_if = "Option::is_none")]
    page_start: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    publisher: Option<OrganizationLd<'a>>,
    #[serde(rename = "sameAs", skip_serializing_if = "Vec::is_empty")]
    same_as: Vec<&'a str>,
    #[serde(rename = "sourceOrganization", skip_serializing_if = "Option::is_none")]
    source_organization: Option<OrganizationLd<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

#[derive(Serialize)]
struct PersonLd<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

#[derive(Serialize)]
struct OrganizationLd<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
}

#[derive(Serialize)]
struct IdentifierLd<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "propertyID")]
    property_id: &'static str,
    value: &'a str,
}

/// A venue: a `Periodical`, inside a `PublicationVolume`, inside a
/// `PublicationIssue`, as the paper gives them.
#[derive(Serialize, Default)]
struct PartLd<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "isPartOf", skip_serializing_if = "Option::is_none")]
    is_part_of: Option<Box<PartLd<'a>>>,
    #[serde(rename = "issueNumber", skip_serializing_if = "Option::is_none")]
    issue_number: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(rename = "volumeNumber", skip_serializing_if = "Option::is_none")]
    volume_number: Option<&'a str>,
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

/// A generic collection's item: its declared schema.org type (`CreativeWork`
/// by default), name, date, keywords and description.
pub fn collection_item(
    c: &crate::model::collection::Collection,
    i: &crate::model::collection::Item,
    config: &Config,
) -> Value {
    let mut m = Map::new();
    m.insert("@context".into(), "https://schema.org".into());
    m.insert("@type".into(), c.schema_type.clone().into());
    m.insert("name".into(), plain_inline(&i.title).into());
    if let Some(d) = i.date {
        m.insert("datePublished".into(), d.iso().into());
    }
    if !i.tags.is_empty() {
        m.insert("keywords".into(), i.tags.join(", ").into());
    }
    if !i.body.is_empty() {
        m.insert("description".into(), plain_text(&i.body).into());
    }
    if let Some(url) = config.absolute_url(&format!("{}/{}/", c.name, i.slug)) {
        m.insert("url".into(), url.into());
    }
    Value::Object(m)
}

/// `Event` for a talk page: when, where (`Place` with its address and
/// coordinates), and who spoke (`performer`: the speakers, or the site's owner).
pub fn talk(t: &crate::model::Talk, site: &crate::model::Site) -> Value {
    let config = &site.config;
    let mut m = Map::new();
    m.insert("@context".into(), "https://schema.org".into());
    m.insert("@type".into(), "Event".into());
    m.insert("name".into(), plain_inline(&t.title).into());
    m.insert("startDate".into(), t.date.iso().into());
    if let Some(end) = t.end_date {
        m.insert("endDate".into(), end.iso().into());
    }
    if !t.abstract_text.is_empty() {
        m.insert("description".into(), plain_text(&t.abstract_text).into());
    }
    if let Some(url) = config.absolute_url(&format!("talks/{}/", t.slug)) {
        m.insert("url".into(), url.into());
    }
    if let Some(event) = &t.event {
        let mut sup = json!({"@type": "Event", "name": event});
        if let Some(url) = &t.event_url {
            sup["url"] = url.clone().into();
        }
        m.insert("superEvent".into(), sup);
    }
    if let Some(place) = &t.location {
        m.insert("location".into(), location(place));
    }
    let ids: Vec<&str> = match (t.authors.is_empty(), &config.owner) {
        (true, Some(owner)) => vec![owner.as_str()],
        _ => t.authors.iter().map(String::as_str).collect(),
    };
    let performers: Vec<Value> = ids
        .iter()
        .filter_map(|id| site.authors.get(*id))
        .map(|a| person(&a.name, config.absolute_url(&format!("authors/{}/", a.id))))
        .collect();
    if !performers.is_empty() {
        m.insert("performer".into(), performers.into());
    }
    Value::Object(m)
}

fn location(place: &crate::model::Place) -> Value {
    let mut address = json!({"@type": "PostalAddress"});
    if let Some(city) = &place.city {
        address["addressLocality"] = city.clone().into();
    }
    if let Some(country) = &place.country {
        address["addressCountry"] = country.clone().into();
    }
    let mut p = json!({"@type": "Place", "address": address});
    let name = place.display();
    if !name.is_empty() {
        p["name"] = name.into();
    }
    if let Some((lat, lon)) = place.geo {
        p["geo"] = json!({"@type": "GeoCoordinates", "latitude": lat, "longitude": lon});
    }
    p
}

/// `BlogPosting` for a post page: headline, dates, authors (the post's, or the
/// site's owner), keywords from its tags, and the papers it is about.
pub fn post(p: &crate::model::Post, site: &crate::model::Site) -> Value {
    let config = &site.config;
    let mut m = Map::new();
    m.insert("@context".into(), "https://schema.org".into());
    m.insert("@type".into(), "BlogPosting".into());
    m.insert("headline".into(), plain_inline(&p.title).into());
    m.insert("datePublished".into(), p.date.iso().into());
    if let Some(updated) = p.updated {
        m.insert("dateModified".into(), updated.iso().into());
    }
    if !p.summary.is_empty() {
        m.insert("description".into(), plain_inline(&p.summary).into());
    }
    if let Some(url) = config.absolute_url(&format!("posts/{}/", p.slug)) {
        m.insert("url".into(), url.clone().into());
        m.insert("mainEntityOfPage".into(), url.into());
    }
    if let Some(url) = picture_url(site, p.image.as_ref(), p.image_file.as_ref()) {
        m.insert("image".into(), url.into());
    }
    if !p.tags.is_empty() {
        m.insert("keywords".into(), p.tags.join(", ").into());
    }
    if !config.language.is_empty() {
        m.insert("inLanguage".into(), config.language.clone().into());
    }
    let ids: Vec<&str> = match (p.authors.is_empty(), &config.owner) {
        (true, Some(owner)) => vec![owner.as_str()],
        _ => p.authors.iter().map(String::as_str).collect(),
    };
    let authors: Vec<Value> = ids
        .iter()
        .filter_map(|id| site.authors.get(*id))
        .map(|a| person(&a.name, config.absolute_url(&format!("authors/{}/", a.id))))
        .collect();
    if !authors.is_empty() {
        m.insert("author".into(), authors.into());
    }
    let about: Vec<Value> = p
        .papers
        .iter()
        .filter_map(|slug| site.papers.iter().find(|x| &x.slug == slug))
        .map(|x| {
            let mut a = json!({"@type": "ScholarlyArticle", "name": plain_inline(&x.title)});
            if let Some(url) = config.absolute_url(&format!("papers/{}/", x.slug)) {
                a["url"] = url.into();
            }
            a
        })
        .collect();
    if !about.is_empty() {
        m.insert("about".into(), about.into());
    }
    Value::Object(m)
}

/// The absolute URL of a picture field (its site path as written, and its
/// file): the widest resized copy when the build made them (the original is
/// not published then), else the file itself.
fn picture_url(
    site: &crate::model::Site,
    image: Option<&(String, String)>,
    file: Option<&crate::model::ImageRef>,
) -> Option<String> {
    let resized = file
        .and_then(|f| site.images.get(&f.rel))
        .and_then(|pic| pic.variants.last())
        .map(|v| v.path.as_str());
    let (raw, _) = image?;
    site.config
        .absolute_url(resized.unwrap_or(raw.trim_start_matches('/')))
}

/// Persons for author ids, or the site's owner when there are none.
fn people_of(ids: &[String], site: &crate::model::Site) -> Vec<Value> {
    let config = &site.config;
    let ids: Vec<&str> = match (ids.is_empty(), &config.owner) {
        (true, Some(owner)) => vec![owner.as_str()],
        _ => ids.iter().map(String::as_str).collect(),
    };
    ids.iter()
        .filter_map(|id| site.authors.get(*id))
        .map(|a| person(&a.name, config.absolute_url(&format!("authors/{}/", a.id))))
        .collect()
}

/// `Course` for a course page: its code, the institution as `provider`, and
/// one `CourseInstance` per term with the teachers as `instructor`.
pub fn course(c: &crate::model::Course, site: &crate::model::Site) -> Value {
    let config = &site.config;
    let mut m = Map::new();
    m.insert("@context".into(), "https://schema.org".into());
    m.insert("@type".into(), "Course".into());
    m.insert("name".into(), plain_inline(&c.title).into());
    if let Some(code) = &c.code {
        m.insert("courseCode".into(), code.clone().into());
    }
    if !c.description_text.is_empty() {
        m.insert("description".into(), plain_text(&c.description_text).into());
    }
    if let Some(level) = &c.level {
        m.insert("educationalLevel".into(), level.clone().into());
    }
    if let Some(url) = config.absolute_url(&format!("teaching/{}/", c.slug)) {
        m.insert("url".into(), url.into());
    }
    if let Some((name, url)) = &c.institution {
        let mut org = json!({"@type": "Organization", "name": name});
        if let Some(url) = url {
            org["url"] = url.clone().into();
        }
        m.insert("provider".into(), org);
    }
    let instructors = people_of(&c.authors, site);
    let instances: Vec<Value> = c
        .terms
        .iter()
        .map(|t| {
            let mut i = json!({
                "@type": "CourseInstance",
                "name": t.display(&config.locale),
            });
            if let Some(iso) = t.iso() {
                i["startDate"] = iso.into();
            }
            if !instructors.is_empty() {
                i["instructor"] = instructors.clone().into();
            }
            i
        })
        .collect();
    m.insert("hasCourseInstance".into(), instances.into());
    Value::Object(m)
}

/// `ResearchProject` for a project page: its summary, picture, dates, the
/// people as `member`, and its papers and talks as `subjectOf`.
pub fn project(p: &crate::model::Project, site: &crate::model::Site) -> Value {
    let config = &site.config;
    let mut m = Map::new();
    m.insert("@context".into(), "https://schema.org".into());
    m.insert("@type".into(), "ResearchProject".into());
    m.insert("name".into(), plain_inline(&p.title).into());
    if !p.summary.is_empty() {
        m.insert("description".into(), plain_inline(&p.summary).into());
    }
    if let Some(url) = config.absolute_url(&format!("projects/{}/", p.slug)) {
        m.insert("url".into(), url.into());
    }
    if let Some(url) = picture_url(site, p.image.as_ref(), p.image_file.as_ref()) {
        m.insert("image".into(), url.into());
    }
    if let Some(start) = p.start {
        m.insert("foundingDate".into(), start.iso().into());
    }
    if let Some(end) = p.end {
        m.insert("dissolutionDate".into(), end.iso().into());
    }
    if !p.tags.is_empty() {
        m.insert("keywords".into(), p.tags.join(", ").into());
    }
    let members = people_of(&p.people, site);
    if !members.is_empty() {
        m.insert("member".into(), members.into());
    }
    let absolute = |path: String| config.absolute_url(&path);
    let papers = p
        .papers
        .iter()
        .filter_map(|slug| site.papers.iter().find(|x| &x.slug == slug))
        .map(|x| {
            (
                "ScholarlyArticle",
                plain_inline(&x.title),
                absolute(format!("papers/{}/", x.slug)),
            )
        });
    let talks = p
        .talks
        .iter()
        .filter_map(|slug| site.talks.iter().find(|x| &x.slug == slug))
        .map(|x| {
            (
                "Event",
                plain_inline(&x.title),
                absolute(format!("talks/{}/", x.slug)),
            )
        });
    let subjects: Vec<Value> = papers
        .chain(talks)
        .map(|(kind, name, url)| {
            let mut v = json!({"@type": kind, "name": name});
            if let Some(url) = url {
                v["url"] = url.into();
            }
            v
        })
        .collect();
    if !subjects.is_empty() {
        m.insert("subjectOf".into(), subjects.into());
    }
    Value::Object(m)
}

/// `ProfilePage` for the CV page, its `mainEntity` the CV's `Person`: job
/// title, current employers (`worksFor`), schools (`alumniOf`), awards,
/// languages, and the profiles elsewhere (`sameAs`).
pub fn cv(cv: &crate::model::Cv, site: &crate::model::Site) -> Value {
    use crate::model::cv::{SectionKind, Until};
    let config = &site.config;
    let entries = |kind: SectionKind| {
        cv.sections
            .iter()
            .filter(move |s| s.kind == kind)
            .flat_map(|s| &s.entries)
    };
    let org = |kind: &str, name: &str| json!({"@type": kind, "name": name});
    let mut p = Map::new();
    p.insert("@type".into(), "Person".into());
    p.insert("name".into(), cv.name.clone().into());
    if let Some(h) = &cv.headline {
        p.insert("jobTitle".into(), h.clone().into());
    }
    if let Some(e) = &cv.email {
        p.insert("email".into(), format!("mailto:{e}").into());
    }
    if let Some(w) = cv.website.as_ref().filter(|w| w.starts_with("http")) {
        p.insert("url".into(), w.clone().into());
    }
    let works_for: Vec<Value> = entries(SectionKind::Positions)
        .filter(|e| e.when.is_some_and(|w| w.end == Some(Until::Present)))
        .filter_map(|e| e.org.as_ref().map(|(n, _)| org("Organization", n)))
        .collect();
    let alumni_of: Vec<Value> = entries(SectionKind::Education)
        .filter_map(|e| {
            e.org
                .as_ref()
                .map(|(n, _)| org("EducationalOrganization", n))
        })
        .collect();
    let awards: Vec<Value> = entries(SectionKind::Awards)
        .map(|e| text_of(&e.title_html).into())
        .collect();
    let languages: Vec<Value> = entries(SectionKind::Languages)
        .map(|e| text_of(&e.title_html).into())
        .collect();
    let person_links = cv
        .person
        .as_ref()
        .and_then(|id| site.authors.get(id))
        .map(|a| a.links.as_slice())
        .unwrap_or_default();
    let same_as: Vec<Value> = person_links
        .iter()
        .map(|l| l.url.as_str())
        .chain(cv.profiles.iter().filter_map(|(_, u)| u.as_deref()))
        .filter(|u| u.starts_with("http"))
        .map(Value::from)
        .collect();
    for (key, list) in [
        ("worksFor", works_for),
        ("alumniOf", alumni_of),
        ("award", awards),
        ("knowsLanguage", languages),
        ("sameAs", same_as),
    ] {
        if !list.is_empty() {
            p.insert(key.into(), list.into());
        }
    }
    let mut m = Map::new();
    m.insert("@context".into(), "https://schema.org".into());
    m.insert("@type".into(), "ProfilePage".into());
    if let Some(url) = config.absolute_url("cv/") {
        m.insert("url".into(), url.into());
    }
    m.insert("mainEntity".into(), Value::Object(p));
    Value::Object(m)
}

/// The text of a title made by folio (escaped text, maths as MathML).
fn text_of(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}
