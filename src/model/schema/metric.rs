//! A metric declared by hand in an author file (`h_index: 38`, or with its
//! source, date and link): counts within bounds, links checked when read.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};

/// A metric value with where it comes from.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct DeclaredMetricMap {
    value: u64,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    as_of: Option<String>,
    #[serde(default)]
    url: Option<String>,
}

/// The largest count a paper or a profile may declare: far above any real one
/// (the most cited papers have about 300,000), and low enough that sums over
/// any number of papers stay exact.
pub const MAX_COUNT: u64 = 1_000_000_000;

/// Refuses a count that cannot be true.
fn count<E: de::Error>(value: u64) -> Result<u64, E> {
    if value > MAX_COUNT {
        return Err(E::custom(format!(
            "{value} is more than any real count (at most 1,000,000,000)"
        )));
    }
    Ok(value)
}

/// A declared metric value with where it comes from (`38` or `{ value: 38, source: ... }`).
#[derive(Debug, Clone, Default)]
pub struct DeclaredMetric {
    pub value: u64,
    pub source: Option<String>,
    pub as_of: Option<String>,
    pub url: Option<String>,
}

impl<'de> Deserialize<'de> for DeclaredMetric {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = DeclaredMetric;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a whole number, or a map with `value`, `source`, `as_of`, `url`")
            }
            fn visit_u64<E: de::Error>(self, value: u64) -> Result<DeclaredMetric, E> {
                Ok(DeclaredMetric {
                    value: count(value)?,
                    ..DeclaredMetric::default()
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<DeclaredMetric, A::Error> {
                let m = DeclaredMetricMap::deserialize(de::value::MapAccessDeserializer::new(map))?;
                if let Some(url) = m
                    .url
                    .as_deref()
                    .filter(|u| crate::text::safe_url(u).is_none())
                {
                    return Err(de::Error::custom(format!(
                        "`url`: `{url}` is not an http(s), mailto or site-relative link"
                    )));
                }
                Ok(DeclaredMetric {
                    value: count(m.value)?,
                    source: m.source,
                    as_of: m.as_of,
                    url: m.url,
                })
            }
        }
        d.deserialize_any(V)
    }
}
