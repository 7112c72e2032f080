//! `folio init --orcid`: a person's public record, fetched before anything is
//! written: name, current employment and role from ORCID (public API v3.0),
//! the OpenAlex author id and works when OpenAlex knows the ORCID iD.

use serde_json::Value;

use super::http::{Client, Fetched, Request};
use super::sources;
use crate::error::{Error, Result};

/// What a starter site is filled with.
#[derive(Debug, Clone, Default)]
pub struct Profile {
    pub orcid: String,
    pub name: Option<String>,
    pub affiliation: Option<String>,
    pub position: Option<String>,
    pub biography: Option<String>,
    /// `A123`, when OpenAlex knows the person.
    pub openalex: Option<String>,
    /// The person's works as OpenAlex lists them (an export for `folio import`).
    pub works: Vec<Value>,
    /// The ORCID record as fetched: its works are imported when OpenAlex has none.
    pub record: String,
}

/// Fetches the ORCID record, then the OpenAlex author and works.
pub fn fetch(client: &mut Client, orcid: &str, key: Option<&str>) -> Result<Profile> {
    let record = match get(client, "ORCID", sources::orcid_request(orcid), None)? {
        Fetched::Found(body) => body,
        Fetched::NotFound => {
            return Err(Error::Update(format!(
                "ORCID has no public record for {orcid}: check the iD"
            )));
        }
    };
    let mut profile = parse_record(&record)
        .map_err(|e| Error::SourceFailed(format!("ORCID sent a record folio cannot read: {e}")))?;
    profile.orcid = orcid.to_string();
    profile.record = record;
    let req = sources::author_request(&format!("orcid:{orcid}"));
    if let Fetched::Found(body) = get(client, "OpenAlex", req, key)? {
        let author = sources::parse_author(&body).map_err(|e| {
            Error::SourceFailed(format!("OpenAlex sent an author folio cannot read: {e}"))
        })?;
        profile.openalex = author.ids.get("openalex").cloned();
        if profile.name.is_none() && !author.name.is_empty() {
            profile.name = Some(author.name.clone());
        }
        profile.affiliation = profile.affiliation.or(author.affiliation);
    }
    if let Some(id) = profile.openalex.clone() {
        // Page by page (100 works each, at most 2,000 works).
        let mut cursor = "*".to_string();
        for _ in 0..20 {
            let req = sources::author_works_request(&id, &cursor);
            let Fetched::Found(body) = get(client, "OpenAlex", req, key)? else {
                break;
            };
            let (works, next) = sources::parse_openalex_list(&body).map_err(|e| {
                Error::SourceFailed(format!("OpenAlex sent works folio cannot read: {e}"))
            })?;
            let empty = works.is_empty();
            profile.works.extend(works.into_iter().map(|(_, raw)| raw));
            match next {
                Some(n) if !empty && n != cursor => cursor = n,
                _ => break,
            }
        }
    }
    Ok(profile)
}

fn get(client: &mut Client, name: &str, mut req: Request, key: Option<&str>) -> Result<Fetched> {
    if let Some(key) = key {
        req.secret_query = Some(("api_key".into(), key.to_string()));
    }
    client.get(&req).map_err(|f| {
        Error::SourceFailed(format!(
            "{name} did not answer ({}: {}); nothing was written; try again later",
            f.what, f.reason
        ))
    })
}

/// Name, biography, and the current employment (one without an end date).
fn parse_record(body: &str) -> Result<Profile, String> {
    let v: Value = serde_json::from_str(body).map_err(|e| format!("not JSON ({e})"))?;
    let person = v.get("person").ok_or("no `person`")?;
    let text = |p: &str| {
        person
            .pointer(p)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    let name = text("/name/credit-name/value").or_else(|| {
        let given = text("/name/given-names/value");
        let family = text("/name/family-name/value");
        match (given, family) {
            (Some(g), Some(f)) => Some(format!("{g} {f}")),
            (g, f) => g.or(f),
        }
    });
    let current = v
        .pointer("/activities-summary/employments/affiliation-group")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|g| g.pointer("/summaries/0/employment-summary"))
        .find(|s| s.get("end-date").is_none_or(Value::is_null));
    let field = |s: &Value, p: &str| {
        s.pointer(p)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_string)
    };
    Ok(Profile {
        name,
        biography: text("/biography/content"),
        affiliation: current.and_then(|s| field(s, "/organization/name")),
        position: current.and_then(|s| field(s, "/role-title")),
        ..Profile::default()
    })
}

/// The author file of the person: every value quoted (JSON strings are YAML).
pub fn author_yaml(p: &Profile) -> String {
    let q = |s: &str| serde_json::to_string(s).unwrap_or_default();
    let mut out = String::from(
        "# yaml-language-server: $schema=../.folio/schemas/author.schema.json\n\
         # You, from your public ORCID record: the file name (you.yaml) is your author id.\n",
    );
    out.push_str(&format!(
        "name: {}\n",
        q(p.name.as_deref().unwrap_or("Your Name"))
    ));
    if let Some(pos) = &p.position {
        out.push_str(&format!("position: {}\n", q(pos)));
    }
    if let Some(aff) = &p.affiliation {
        out.push_str(&format!("affiliation: {}\n", q(aff)));
    }
    if let Some(bio) = &p.biography {
        out.push_str(&format!("bio: {}\n", q(bio)));
    }
    out.push_str(&format!(
        "links:\n  orcid: {}\n",
        q(&format!("https://orcid.org/{}", p.orcid))
    ));
    if let Some(id) = &p.openalex {
        out.push_str(&format!("  openalex: {}\n", q(id)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_gives_name_and_current_employment() {
        let body = r#"{"person":{"name":{"given-names":{"value":"Ada"},"family-name":{"value":"Lovelace"},"credit-name":null}},
          "activities-summary":{"employments":{"affiliation-group":[
            {"summaries":[{"employment-summary":{"role-title":"Tutor","end-date":{"year":{"value":"1840"}},"organization":{"name":"Old Place"}}}]},
            {"summaries":[{"employment-summary":{"role-title":"Professor","end-date":null,"organization":{"name":"UCL"}}}]}]}}}"#;
        let p = parse_record(body).unwrap();
        assert_eq!(p.name.as_deref(), Some("Ada Lovelace"));
        assert_eq!(p.affiliation.as_deref(), Some("UCL"));
        assert_eq!(p.position.as_deref(), Some("Professor"));
        let yaml = author_yaml(&Profile {
            orcid: "0000-0002-1825-0097".into(),
            name: Some("Ada \"Countess\" Lovelace".into()),
            ..p
        });
        assert!(
            yaml.contains("name: \"Ada \\\"Countess\\\" Lovelace\"\n"),
            "{yaml}"
        );
    }
}
