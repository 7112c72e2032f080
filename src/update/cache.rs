//! The on-disk cache of API answers, in the site's `.folio/cache/http/`: one
//! JSON file per address (named by its hash), kept for a time-to-live (an hour
//! by default), so that a second `folio update` within the hour asks nothing.
//! Keys are addresses without secrets: no API key is ever written here.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

/// Where the cache lives in a site.
pub const DIR: &str = ".folio/cache/http";

/// The cache: a folder and how long an entry stays fresh.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
    ttl: Duration,
}

/// One cached answer.
#[derive(Debug, Serialize, Deserialize)]
struct Entry {
    url: String,
    /// Unix seconds when it was fetched.
    fetched: u64,
    /// 200 or 404.
    status: u16,
    #[serde(default)]
    body: String,
}

impl Cache {
    pub fn new(site: &Path, ttl: Duration) -> Cache {
        Cache {
            dir: site.join(DIR),
            ttl,
        }
    }

    fn path(&self, url: &str) -> PathBuf {
        self.dir.join(format!("{}.json", crate::import::hash(url)))
    }

    /// A fresh answer for `url` (`Some(body)` for a 200, `None` for a 404), if
    /// any. A file that cannot be read is a miss.
    pub fn get(&self, url: &str) -> Option<Option<String>> {
        let text = std::fs::read_to_string(self.path(url)).ok()?;
        let entry: Entry = serde_json::from_str(&text).ok()?;
        let age = now().checked_sub(entry.fetched)?;
        if entry.url != url || Duration::from_secs(age) >= self.ttl {
            return None;
        }
        match entry.status {
            200 => Some(Some(entry.body)),
            404 => Some(None),
            _ => None,
        }
    }

    /// Stores an answer (a body, or `None` for a 404); failing to is not an
    /// error (the next run asks again).
    pub fn put(&self, url: &str, body: Option<&str>) {
        let (status, body) = match body {
            Some(b) => (200, b.to_string()),
            None => (404, String::new()),
        };
        let entry = Entry {
            url: url.to_string(),
            fetched: now(),
            status,
            body,
        };
        let Ok(text) = serde_json::to_string(&entry) else {
            return;
        };
        if std::fs::create_dir_all(&self.dir).is_err() {
            return;
        }
        let path = self.path(url);
        let tmp = path.with_extension("json.tmp");
        if std::fs::write(&tmp, text).is_ok() && std::fs::rename(&tmp, &path).is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
    }
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_kept_for_the_ttl_only() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path(), Duration::from_secs(3600));
        assert_eq!(cache.get("http://x/a"), None);
        cache.put("http://x/a", Some("{\"a\":1}"));
        cache.put("http://x/b", None);
        assert_eq!(cache.get("http://x/a"), Some(Some("{\"a\":1}".into())));
        assert_eq!(cache.get("http://x/b"), Some(None));
        let stale = Cache::new(dir.path(), Duration::ZERO);
        assert_eq!(stale.get("http://x/a"), None);
    }
}
