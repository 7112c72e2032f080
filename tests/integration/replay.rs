//! A small HTTP server on 127.0.0.1 that replays recorded API answers (files
//! of tests/fixtures/api/<source>/, in each API's real format), so that
//! `folio update` is tested without the network. Each route answers from a
//! list of responses in order (the last one repeats); every request is
//! recorded (path, query, headers) for the tests to count and inspect.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// One recorded answer.
#[derive(Debug, Clone)]
pub struct Resp {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
    /// Wait this long before answering (a timeout).
    pub delay: Duration,
}

impl Resp {
    /// 200 with the file `tests/fixtures/api/<rel>`.
    pub fn file(rel: &str) -> Resp {
        let path = fixtures().join(rel);
        let body = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
        Resp::status(200, &body)
    }

    pub fn status(status: u16, body: &str) -> Resp {
        Resp {
            status,
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: body.to_string(),
            delay: Duration::ZERO,
        }
    }

    pub fn header(mut self, name: &str, value: &str) -> Resp {
        self.headers.push((name.into(), value.into()));
        self
    }

    pub fn delay(mut self, d: Duration) -> Resp {
        self.delay = d;
        self
    }
}

/// A request as the server saw it.
#[derive(Debug, Clone)]
pub struct Seen {
    /// Path and query, as sent (`/openalex/works/doi:10.1/x?api_key=...`).
    pub target: String,
    /// Header names lower-cased.
    pub headers: HashMap<String, String>,
    pub method: String,
    pub body: String,
}

impl Seen {
    pub fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or("")
    }
}

type Routes = Arc<Mutex<HashMap<String, Vec<Resp>>>>;

/// The running server; stops when dropped.
pub struct Replay {
    pub base: String,
    routes: Routes,
    pub seen: Arc<Mutex<Vec<Seen>>>,
    stop: Arc<AtomicBool>,
}

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/api")
}

impl Replay {
    pub fn start() -> Replay {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let routes: Routes = Arc::default();
        let seen: Arc<Mutex<Vec<Seen>>> = Arc::default();
        let stop = Arc::new(AtomicBool::new(false));
        let (r, s, st) = (Arc::clone(&routes), Arc::clone(&seen), Arc::clone(&stop));
        std::thread::spawn(move || {
            for conn in listener.incoming() {
                if st.load(Ordering::Relaxed) {
                    break;
                }
                let Ok(conn) = conn else { continue };
                let (r, s) = (Arc::clone(&r), Arc::clone(&s));
                std::thread::spawn(move || answer(conn, &r, &s));
            }
        });
        Replay {
            base,
            routes,
            seen,
            stop,
        }
    }

    /// Answers `path` (without query: any query matches; with one: exactly
    /// that) with `resps` in order, the last one repeating.
    pub fn route(&self, path: &str, resps: Vec<Resp>) -> &Replay {
        self.routes.lock().unwrap().insert(path.to_string(), resps);
        self
    }

    /// The environment that points folio at this server.
    pub fn env(&self) -> Vec<(String, String)> {
        let mut env: Vec<(String, String)> = [
            ("OPENALEX", "openalex"),
            ("SEMANTIC_SCHOLAR", "s2"),
            ("CROSSREF", "crossref"),
            ("ORCID", "orcid"),
        ]
        .iter()
        .map(|(var, dir)| {
            (
                format!("FOLIO_TEST_{var}_URL"),
                format!("{}/{dir}", self.base),
            )
        })
        .collect();
        env.push(("FOLIO_TEST_SLEEP_CAP_MS".into(), "5".into()));
        env.push(("FOLIO_TEST_HTTP_TIMEOUT_MS".into(), "3000".into()));
        env
    }

    pub fn requests(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

impl Drop for Replay {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        let _ = TcpStream::connect(self.base.trim_start_matches("http://"));
    }
}

fn answer(mut conn: TcpStream, routes: &Routes, seen: &Mutex<Vec<Seen>>) {
    let _ = conn.set_read_timeout(Some(Duration::from_secs(5)));
    let mut reader = BufReader::new(conn.try_clone().unwrap());
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() || line.is_empty() {
        return;
    }
    let method = line.split_whitespace().next().unwrap_or("").to_string();
    let target = line.split_whitespace().nth(1).unwrap_or("/").to_string();
    let mut headers = HashMap::new();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).is_err() || h.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.insert(k.trim().to_lowercase(), v.trim().to_string());
        }
    }
    let len: usize = headers
        .get("content-length")
        .and_then(|l| l.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; len];
    let _ = reader.read_exact(&mut body);
    seen.lock().unwrap().push(Seen {
        target: target.clone(),
        headers,
        method,
        body: String::from_utf8_lossy(&body).into_owned(),
    });
    let resp = {
        let mut routes = routes.lock().unwrap();
        let path = target.split('?').next().unwrap_or("");
        let decoded = decode(&target);
        let key = [target.as_str(), decoded.as_str(), path]
            .into_iter()
            .find(|k| routes.contains_key(*k))
            .map(str::to_string);
        match key.and_then(|k| routes.get_mut(&k)) {
            Some(list) if list.len() > 1 => list.remove(0),
            Some(list) => list[0].clone(),
            None => Resp::status(404, r#"{"error":"Not Found","message":"no such route"}"#),
        }
    };
    std::thread::sleep(resp.delay);
    let mut out = format!(
        "HTTP/1.1 {} X\r\nContent-Length: {}\r\nConnection: close\r\n",
        resp.status,
        resp.body.len()
    );
    for (k, v) in &resp.headers {
        out.push_str(&format!("{k}: {v}\r\n"));
    }
    out.push_str("\r\n");
    out.push_str(&resp.body);
    let _ = conn.write_all(out.as_bytes());
    let _ = conn.flush();
}

/// Percent-decoding, so that routes can be written readably.
fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16)
        {
            out.push(b);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}
