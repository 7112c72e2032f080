//! The HTTP side of `folio update`: one request at a time through a
//! `Transport` (ureq with rustls behind the `network` feature), with retries on
//! 429 and 5xx (exponential backoff with jitter, `Retry-After` honoured up to a
//! cap), the on-disk cache, and a count of what went over the network.
//!
//! Secrets (an API key) are added by the transport at the moment of sending and
//! are never part of a cache key, a cached file, or a message.

use std::time::Duration;

use super::cache::Cache;

/// One request (a GET, or a POST of JSON): the address without secrets, plus
/// the secret query parameter and headers to add when sending.
#[derive(Debug, Clone)]
pub struct Request {
    /// The address as cached and shown (never holds a key).
    pub url: String,
    /// A query parameter added only when sending (`api_key`, the key).
    pub secret_query: Option<(String, String)>,
    /// Extra headers (`Accept`).
    pub headers: Vec<(String, String)>,
    /// A JSON body: the request is a POST.
    pub body: Option<String>,
}

impl Request {
    pub fn get(url: String) -> Request {
        Request {
            url,
            secret_query: None,
            headers: Vec::new(),
            body: None,
        }
    }

    pub fn post_json(url: String, body: String) -> Request {
        Request {
            body: Some(body),
            ..Request::get(url)
        }
    }

    /// What the cache knows the request by: the address, and the body of a POST.
    pub fn cache_key(&self) -> String {
        match &self.body {
            None => self.url.clone(),
            Some(b) => format!("POST {}\n{b}", self.url),
        }
    }

    /// The address actually requested: with the secret parameter appended.
    pub fn full_url(&self) -> String {
        match &self.secret_query {
            None => self.url.clone(),
            Some((name, value)) => {
                let sep = if self.url.contains('?') { '&' } else { '?' };
                format!("{}{sep}{name}={}", self.url, super::encode_query(value))
            }
        }
    }

    /// The address as shown in messages: no query (a query may be long, and
    /// the secret never appears anyway).
    pub fn shown(&self) -> &str {
        self.url.split('?').next().unwrap_or(&self.url)
    }
}

/// A response as far as folio needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct Reply {
    pub status: u16,
    /// `Retry-After` in seconds, when given as a number.
    pub retry_after: Option<u64>,
    pub body: String,
}

/// Why a request got no response at all.
#[derive(Debug, Clone, PartialEq)]
pub enum TransportError {
    Timeout,
    Other(String),
    /// Never worth retrying (no network support in this build).
    Permanent(String),
}

/// Sends one request; the real one is ureq, tests and builds without the
/// `network` feature use others.
pub trait Transport {
    fn send(&self, req: &Request) -> Result<Reply, TransportError>;
}

/// What finally happened to a request, after retries.
#[derive(Debug, Clone, PartialEq)]
pub enum Fetched {
    /// 200: the body.
    Found(String),
    /// 404: the source does not know this identifier.
    NotFound,
}

/// Why a source could not answer: the run stops, nothing is written.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceFailure {
    /// What was asked (the address without query).
    pub what: String,
    pub reason: String,
}

/// Retry policy: attempts and delays.
#[derive(Debug, Clone)]
pub struct Policy {
    /// Tries in all (the first included).
    pub attempts: u32,
    /// The first backoff delay; doubled at each retry.
    pub base: Duration,
    /// No single wait is longer; a `Retry-After` above it means "over budget".
    pub max_delay: Duration,
}

impl Default for Policy {
    fn default() -> Policy {
        Policy {
            attempts: 4,
            base: Duration::from_secs(1),
            max_delay: Duration::from_secs(60),
        }
    }
}

/// The client every source goes through.
pub struct Client {
    transport: Box<dyn Transport>,
    sleep: Box<dyn FnMut(Duration)>,
    cache: Option<Cache>,
    policy: Policy,
    /// Requests that went over the network (retries included).
    pub sent: usize,
    /// One line per wait, for the log ("retrying ... in 2 s").
    pub notes: Vec<String>,
    seed: u64,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client").field("sent", &self.sent).finish()
    }
}

impl Client {
    pub fn new(
        transport: Box<dyn Transport>,
        sleep: Box<dyn FnMut(Duration)>,
        cache: Option<Cache>,
        policy: Policy,
    ) -> Client {
        let seed = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0x9E37_79B9, |d| d.as_nanos() as u64)
            | 1;
        Client {
            transport,
            sleep,
            cache,
            policy,
            sent: 0,
            notes: Vec::new(),
            seed,
        }
    }

    /// GETs `req`: from the cache when fresh, else over the network with retries.
    pub fn get(&mut self, req: &Request) -> Result<Fetched, SourceFailure> {
        let key = req.cache_key();
        if let Some(hit) = self.cache.as_ref().and_then(|c| c.get(&key)) {
            return Ok(hit.map_or(Fetched::NotFound, Fetched::Found));
        }
        let fetched = self.fetch(req)?;
        if let Some(cache) = &self.cache {
            let body = match &fetched {
                Fetched::Found(b) => Some(b.as_str()),
                Fetched::NotFound => None,
            };
            cache.put(&key, body);
        }
        Ok(fetched)
    }

    fn fetch(&mut self, req: &Request) -> Result<Fetched, SourceFailure> {
        let fail = |reason: String| SourceFailure {
            what: req.shown().to_string(),
            reason,
        };
        let mut attempt = 0;
        loop {
            attempt += 1;
            self.sent += 1;
            let (reason, retry_after) = match self.transport.send(req) {
                Ok(r) if r.status == 200 => return Ok(Fetched::Found(r.body)),
                Ok(r) if r.status == 404 => return Ok(Fetched::NotFound),
                Ok(r) if r.status == 429 || r.status >= 500 => {
                    (status_reason(r.status, &r.body), r.retry_after)
                }
                Ok(r) => return Err(fail(status_reason(r.status, &r.body))),
                Err(TransportError::Permanent(e)) => return Err(fail(e)),
                Err(TransportError::Timeout) => ("no answer before the timeout".into(), None),
                Err(TransportError::Other(e)) => (e, None),
            };
            if attempt >= self.policy.attempts {
                let tries = if attempt == 1 { "try" } else { "tries" };
                return Err(fail(format!("{reason} ({attempt} {tries})")));
            }
            let wait = match retry_after {
                Some(secs) if Duration::from_secs(secs) > self.policy.max_delay => {
                    return Err(fail(format!(
                        "{reason}; it asks to wait {secs} s (over budget: try again later)"
                    )));
                }
                Some(secs) => Duration::from_secs(secs),
                None => self.backoff(attempt),
            };
            let why = if retry_after.is_some() {
                " (as its Retry-After asks)"
            } else {
                ""
            };
            self.notes.push(format!(
                "{}: {reason}; retrying in {} ms{why}",
                req.shown(),
                wait.as_millis()
            ));
            (self.sleep)(wait.min(self.policy.max_delay));
        }
    }

    /// `base * 2^(attempt-1)`, times a jitter in [0.5, 1.5), capped.
    fn backoff(&mut self, attempt: u32) -> Duration {
        // xorshift64: jitter needs no cryptographic randomness.
        self.seed ^= self.seed << 13;
        self.seed ^= self.seed >> 7;
        self.seed ^= self.seed << 17;
        let jitter = 0.5 + (self.seed % 1000) as f64 / 1000.0;
        let exp = self.policy.base.as_secs_f64() * f64::from(1u32 << (attempt - 1).min(16));
        Duration::from_secs_f64((exp * jitter).min(self.policy.max_delay.as_secs_f64()))
    }
}

/// `HTTP 500` with the start of the body's message, when it has one.
fn status_reason(status: u16, body: &str) -> String {
    let message = serde_json::from_str::<serde_json::Value>(body)
        .ok()
        .and_then(|v| {
            ["message", "error"]
                .iter()
                .find_map(|k| v.get(*k).and_then(|m| m.as_str()).map(str::to_string))
        });
    match message {
        Some(m) => format!("HTTP {status}: {}", m.chars().take(200).collect::<String>()),
        None => format!("HTTP {status}"),
    }
}

/// `Retry-After` as seconds (an HTTP date is not followed: backoff instead).
pub fn parse_retry_after(value: &str) -> Option<u64> {
    value.trim().parse().ok()
}

/// The `User-Agent` folio sends: its name, version and address.
pub fn user_agent() -> String {
    format!(
        "folio/{} (+{})",
        crate::project::VERSION,
        crate::project::REPOSITORY
    )
}

/// The transport of a folio built without the `network` feature: every
/// request fails with a message saying so.
#[derive(Debug)]
pub struct Offline;

impl Transport for Offline {
    fn send(&self, _: &Request) -> Result<Reply, TransportError> {
        Err(TransportError::Permanent(
            "this folio was built without network support (the `network` cargo feature)".into(),
        ))
    }
}

/// The real transport: ureq with rustls, a timeout per request, redirects
/// followed (OpenAlex answers a merged work's old id with a redirect).
#[cfg(feature = "network")]
#[derive(Debug)]
pub struct Ureq {
    agent: ureq::Agent,
}

#[cfg(feature = "network")]
impl Ureq {
    pub fn new(timeout: Duration) -> Ureq {
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .http_status_as_error(false)
            .user_agent(user_agent())
            .max_redirects(5)
            .build()
            .new_agent();
        Ureq { agent }
    }
}

#[cfg(feature = "network")]
impl Transport for Ureq {
    fn send(&self, req: &Request) -> Result<Reply, TransportError> {
        let result = match &req.body {
            None => {
                let mut call = self.agent.get(req.full_url());
                for (name, value) in &req.headers {
                    call = call.header(name.as_str(), value.as_str());
                }
                call.call()
            }
            Some(body) => {
                let mut call = self
                    .agent
                    .post(req.full_url())
                    .header("Content-Type", "application/json");
                for (name, value) in &req.headers {
                    call = call.header(name.as_str(), value.as_str());
                }
                call.send(body.as_str())
            }
        };
        match result {
            Ok(mut resp) => {
                let status = resp.status().as_u16();
                let retry_after = resp
                    .headers()
                    .get("retry-after")
                    .and_then(|v| v.to_str().ok())
                    .and_then(parse_retry_after);
                let body = resp
                    .body_mut()
                    .with_config()
                    .limit(32 * 1024 * 1024)
                    .read_to_string()
                    .map_err(|e| transport_error(&e))?;
                Ok(Reply {
                    status,
                    retry_after,
                    body,
                })
            }
            Err(e) => Err(transport_error(&e)),
        }
    }
}

/// A ureq error in words, without the address (it may hold the key).
#[cfg(feature = "network")]
fn transport_error(e: &ureq::Error) -> TransportError {
    match e {
        ureq::Error::Timeout(_) => TransportError::Timeout,
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => TransportError::Timeout,
        ureq::Error::Io(io) => TransportError::Other(format!("connection failed: {}", io.kind())),
        ureq::Error::HostNotFound => TransportError::Other("host not found".into()),
        ureq::Error::ConnectionFailed => TransportError::Other("connection failed".into()),
        ureq::Error::TooManyRedirects => TransportError::Other("too many redirects".into()),
        ureq::Error::BodyExceedsLimit(_) => TransportError::Other("response too large".into()),
        _ => TransportError::Other("the request failed".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;
    use std::rc::Rc;

    /// Answers from a list, in order; records what was asked.
    struct Script(RefCell<Vec<Result<Reply, TransportError>>>);

    impl Transport for Script {
        fn send(&self, _: &Request) -> Result<Reply, TransportError> {
            self.0.borrow_mut().remove(0)
        }
    }

    fn reply(status: u16, retry_after: Option<u64>) -> Result<Reply, TransportError> {
        Ok(Reply {
            status,
            retry_after,
            body: "{}".into(),
        })
    }

    fn client(script: Vec<Result<Reply, TransportError>>) -> (Client, Rc<RefCell<Vec<Duration>>>) {
        let waits = Rc::new(RefCell::new(Vec::new()));
        let w = Rc::clone(&waits);
        let c = Client::new(
            Box::new(Script(RefCell::new(script))),
            Box::new(move |d| w.borrow_mut().push(d)),
            None,
            Policy::default(),
        );
        (c, waits)
    }

    #[test]
    fn retry_after_is_honoured_then_success() {
        let (mut c, waits) = client(vec![reply(429, Some(7)), reply(200, None)]);
        let got = c.get(&Request::get("http://x/a".into())).unwrap();
        assert_eq!(got, Fetched::Found("{}".into()));
        assert_eq!(*waits.borrow(), vec![Duration::from_secs(7)]);
        assert_eq!(c.sent, 2);
    }

    #[test]
    fn backoff_doubles_with_jitter_and_gives_up_after_the_last_try() {
        let (mut c, waits) = client(vec![
            reply(500, None),
            reply(502, None),
            Err(TransportError::Timeout),
            reply(503, None),
        ]);
        let err = c.get(&Request::get("http://x/a?q=1".into())).unwrap_err();
        assert_eq!(err.what, "http://x/a");
        assert!(err.reason.contains("HTTP 503 (4 tries)"), "{}", err.reason);
        let w = waits.borrow();
        assert_eq!(w.len(), 3);
        for (i, d) in w.iter().enumerate() {
            let base = (1u64 << i) as f64;
            assert!(d.as_secs_f64() >= base * 0.5 && d.as_secs_f64() < base * 1.5);
        }
    }

    #[test]
    fn a_retry_after_beyond_the_cap_is_over_budget_without_waiting() {
        let (mut c, waits) = client(vec![reply(429, Some(86_400))]);
        let err = c.get(&Request::get("http://x/a".into())).unwrap_err();
        assert!(err.reason.contains("over budget"), "{}", err.reason);
        assert!(waits.borrow().is_empty());
    }

    #[test]
    fn client_errors_are_not_retried_and_404_is_an_answer() {
        let (mut c, _) = client(vec![reply(404, None), reply(400, None)]);
        assert_eq!(
            c.get(&Request::get("http://x/a".into())).unwrap(),
            Fetched::NotFound
        );
        assert!(c.get(&Request::get("http://x/b".into())).is_err());
        assert_eq!(c.sent, 2);
    }

    #[test]
    fn a_build_without_network_fails_at_once() {
        let mut c = Client::new(Box::new(Offline), Box::new(|_| {}), None, Policy::default());
        let err = c.get(&Request::get("http://x/a".into())).unwrap_err();
        assert!(
            err.reason.contains("without network support"),
            "{}",
            err.reason
        );
        assert_eq!(c.sent, 1);
    }

    #[test]
    fn the_secret_is_only_in_the_full_url() {
        let mut r = Request::get("http://x/works?filter=doi:a".into());
        r.secret_query = Some(("api_key".into(), "s3cret".into()));
        assert_eq!(r.full_url(), "http://x/works?filter=doi:a&api_key=s3cret");
        assert!(!r.shown().contains("s3cret") && !r.url.contains("s3cret"));
    }
}
