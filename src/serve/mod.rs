//! `folio serve`: a preview server over the built output, with live reload.
//!
//! A small HTTP/1.1 server on std's `TcpListener` (a thread per connection):
//! the preview only ever serves local files to a local browser, so an async
//! runtime would add much code and compile time for nothing. It serves the site
//! the way GitHub Pages does (clean URLs, `index.html`, `404.html`, the base
//! path), injects a reload script into HTML, and pushes `reload` and error
//! events over server-sent events. Paths are decoded once and checked segment by
//! segment; nothing outside the output folder is ever read.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{IpAddr, Shutdown, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::error::{Result, io_error};

/// The path under which the server's own endpoints live.
const MAX_HEAD: usize = 16 * 1024;

/// What live-reload clients are told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// A rebuild succeeded: reload the page.
    Reload,
    /// A rebuild failed: show this text over the page.
    Error(String),
}

/// State shared between the watcher and the connections.
#[derive(Default)]
pub struct Hub {
    clients: Mutex<Vec<Sender<Notice>>>,
    /// The last failure, shown to pages opened while it lasts.
    error: Mutex<Option<String>>,
    /// The site's base path from the last good build (`/` until then).
    base_path: Mutex<Option<String>>,
}

impl Hub {
    /// Serves the site under this path from now on.
    pub fn set_base_path(&self, path: &str) {
        *self.base_path.lock().unwrap_or_else(|e| e.into_inner()) = Some(path.to_string());
    }

    fn base_path(&self) -> String {
        self.base_path
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
            .unwrap_or_else(|| "/".into())
    }

    /// Tells every connected page about a rebuild.
    pub fn notify(&self, notice: Notice) {
        *self.error.lock().unwrap_or_else(|e| e.into_inner()) = match &notice {
            Notice::Error(text) => Some(text.clone()),
            Notice::Reload => None,
        };
        let mut clients = self.clients.lock().unwrap_or_else(|e| e.into_inner());
        clients.retain(|c| c.send(notice.clone()).is_ok());
    }

    fn subscribe(&self) -> (Receiver<Notice>, Option<String>) {
        let (tx, rx) = mpsc::channel();
        self.clients
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(tx);
        (
            rx,
            self.error.lock().unwrap_or_else(|e| e.into_inner()).clone(),
        )
    }
}

/// How the server maps URLs to files.
#[derive(Debug, Clone)]
struct ServeConfig {
    /// The built site (absolute).
    root: PathBuf,
    /// The path of `base_url`, `/` or `/repo/`.
    base_path: String,
}

/// Binds the listener; the address is known before serving starts (port 0 picks one).
pub fn bind(addr: SocketAddr) -> Result<TcpListener> {
    TcpListener::bind(addr).map_err(|e| {
        let e = if e.kind() == std::io::ErrorKind::AddrInUse {
            std::io::Error::new(
                e.kind(),
                format!(
                    "{e}\n  hint: another program (perhaps another `folio serve`) uses port {}; choose another with `--port 8001`, or `--port 0` for any free one",
                    addr.port()
                ),
            )
        } else {
            e
        };
        io_error(Path::new(&addr.to_string()))(e)
    })
}

/// How many connections are held at once: requests being read or answered and
/// live-reload streams. Far below usual open-file limits (256 on macOS), so that
/// idle connections cannot use up the descriptors a real request needs.
const MAX_CONNECTIONS: usize = 32;

/// How many of them may be live-reload streams (one per open page).
const MAX_EVENT_STREAMS: usize = 16;

/// The names a request's `Host` (and a live-reload request's `Origin`) may
/// carry. A page on another domain that re-points its name at 127.0.0.1 (DNS
/// rebinding) still sends its own name, and is refused.
#[derive(Debug, Clone)]
pub struct AllowedHosts {
    bound: IpAddr,
    extra: Vec<String>,
}

impl AllowedHosts {
    /// `localhost`, 127.0.0.0/8, `[::1]`, the bound address, and `extra`
    /// (`--allow-host`). Bound to every interface (`0.0.0.0`, `::`), any IP
    /// address is accepted too: a literal address cannot be re-pointed.
    pub fn new(bound: IpAddr, extra: Vec<String>) -> AllowedHosts {
        let extra = extra.iter().map(|h| normalise_host(h)).collect();
        AllowedHosts { bound, extra }
    }

    /// Whether a `Host` header value (`name[:port]`) names this server.
    fn allows(&self, host: &str) -> bool {
        let Some(name) = host_name(host) else {
            return false;
        };
        if name == "localhost" || self.extra.contains(&name) {
            return true;
        }
        match name.parse::<IpAddr>() {
            Ok(ip) => ip.is_loopback() || ip == self.bound || self.bound.is_unspecified(),
            Err(_) => false,
        }
    }

    /// Whether an `Origin` header value is a page of this server.
    fn allows_origin(&self, origin: &str) -> bool {
        let lower = origin.to_ascii_lowercase();
        match lower.strip_prefix("http://") {
            Some(host) => !host.contains('/') && self.allows(host),
            None => false,
        }
    }
}

/// The host name of a `Host` value without its port and brackets, lowercase:
/// `[::1]:8000` is `::1`, `LocalHost.:80` is `localhost`. `None` when malformed.
fn host_name(value: &str) -> Option<String> {
    let value = value.trim();
    let (name, port) = match value.strip_prefix('[') {
        Some(rest) => {
            let (inside, after) = rest.split_once(']')?;
            if after.is_empty() {
                (inside, None)
            } else {
                (inside, Some(after.strip_prefix(':')?))
            }
        }
        None => match value.rsplit_once(':') {
            Some((name, port)) if !name.contains(':') => (name, Some(port)),
            Some(_) => return None,
            None => (value, None),
        },
    };
    let port_ok = port.is_none_or(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    (!name.is_empty() && port_ok).then(|| normalise_host(name))
}

fn normalise_host(name: &str) -> String {
    name.trim().trim_end_matches('.').to_ascii_lowercase()
}

/// The connections being served, so that their number stays bounded.
#[derive(Default)]
struct Connections {
    /// Connections whose request has not arrived yet, oldest first: the ones
    /// closed to make room.
    waiting: Mutex<VecDeque<(u64, Arc<TcpStream>)>>,
    open: AtomicUsize,
    streams: AtomicUsize,
    next_id: AtomicU64,
}

impl Connections {
    /// Closes the connection that has waited longest without sending a request.
    fn close_oldest_waiting(&self) -> bool {
        let oldest = self
            .waiting
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .pop_front();
        match oldest {
            Some((_, stream)) => {
                let _ = stream.shutdown(Shutdown::Both);
                true
            }
            None => false,
        }
    }

    fn wait(&self, stream: &Arc<TcpStream>) -> u64 {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        self.waiting
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push_back((id, Arc::clone(stream)));
        id
    }

    fn done_waiting(&self, id: u64) {
        self.waiting
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .retain(|(i, _)| *i != id);
    }
}

/// Counts one held connection (or stream) until dropped.
struct Held<'a>(&'a AtomicUsize);

impl Drop for Held<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
}

/// What every connection needs.
struct Server {
    root: PathBuf,
    hub: Arc<Hub>,
    hosts: AllowedHosts,
    conns: Connections,
}

/// Serves the folder `root` forever (until the process ends), to requests that
/// name an allowed host.
pub fn serve(listener: TcpListener, root: PathBuf, hub: Arc<Hub>, hosts: AllowedHosts) {
    let server = Arc::new(Server {
        root,
        hub,
        hosts,
        conns: Connections::default(),
    });
    let mut pause = Duration::ZERO;
    loop {
        match listener.accept() {
            Ok((stream, _)) => {
                pause = Duration::ZERO;
                admit(stream, &server);
            }
            Err(_) => {
                // Out of file descriptors, most likely: free one and wait a
                // little longer each time, rather than spin on the error.
                server.conns.close_oldest_waiting();
                pause = (pause * 2).clamp(Duration::from_millis(5), Duration::from_millis(500));
                std::thread::sleep(pause);
            }
        }
    }
}

/// Takes a new connection if there is room, making room by closing the
/// connection that has waited longest without sending a request.
fn admit(stream: TcpStream, server: &Arc<Server>) {
    let conns = &server.conns;
    let open = conns.open.load(Ordering::Relaxed);
    if open >= MAX_CONNECTIONS && (open >= 2 * MAX_CONNECTIONS || !conns.close_oldest_waiting()) {
        return;
    }
    conns.open.fetch_add(1, Ordering::Relaxed);
    let stream = Arc::new(stream);
    let id = conns.wait(&stream);
    let server = Arc::clone(server);
    let spawned = std::thread::Builder::new().spawn(move || {
        let _held = Held(&server.conns.open);
        let _ = handle(&stream, id, &server);
        server.conns.done_waiting(id);
    });
    if spawned.is_err() {
        conns.done_waiting(id);
        conns.open.fetch_sub(1, Ordering::Relaxed);
    }
}

/// A parsed request head.
#[derive(Debug, PartialEq, Eq)]
struct Request {
    method: String,
    target: String,
    origin: Option<String>,
    host: Option<String>,
}

fn read_head(stream: &TcpStream) -> Option<Request> {
    let mut reader = BufReader::new(stream.take(MAX_HEAD as u64));
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let (method, target, version) = (parts.next()?, parts.next()?, parts.next()?);
    if !version.starts_with("HTTP/1.") || parts.next().is_some() {
        return None;
    }
    let mut request = Request {
        method: method.into(),
        target: target.into(),
        origin: None,
        host: None,
    };
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).ok()? == 0 {
            return None;
        }
        let header = header.trim_end();
        if header.is_empty() {
            return Some(request);
        }
        let (name, value) = header.split_once(':')?;
        match name.trim().to_ascii_lowercase().as_str() {
            "origin" => request.origin = Some(value.trim().to_string()),
            "host" => request.host = Some(value.trim().to_string()),
            _ => {}
        }
    }
}

fn handle(stream: &TcpStream, id: u64, server: &Server) -> std::io::Result<()> {
    let mut stream = stream;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    stream.set_write_timeout(Some(Duration::from_secs(10)))?;
    let head = read_head(stream);
    server.conns.done_waiting(id);
    let Some(req) = head else {
        return respond(
            &mut stream,
            400,
            "text/plain; charset=utf-8",
            b"bad request\n",
            false,
        );
    };
    if !req.host.as_deref().is_some_and(|h| server.hosts.allows(h)) {
        return respond(
            &mut stream,
            421,
            "text/plain; charset=utf-8",
            b"this preview answers only to localhost, 127.0.0.1, [::1] and its own address; start folio serve with --allow-host NAME to use another name\n",
            false,
        );
    }
    let config = ServeConfig {
        root: server.root.clone(),
        base_path: server.hub.base_path(),
    };
    let config = &config;
    let head_only = req.method == "HEAD";
    if req.method != "GET" && !head_only {
        return respond(
            &mut stream,
            405,
            "text/plain; charset=utf-8",
            b"method not allowed\n",
            false,
        );
    }
    let path = req.target.split(['?', '#']).next().unwrap_or("");
    if path == "/__folio/events" {
        return events(stream, &req, server);
    }
    if path == "/__folio/reload.js" {
        return respond(
            &mut stream,
            200,
            "text/javascript; charset=utf-8",
            RELOAD_JS.as_bytes(),
            head_only,
        );
    }
    match resolve(config, path) {
        Resolved::File(file) => {
            let Ok(bytes) = std::fs::read(&file) else {
                return not_found(&mut stream, config, head_only);
            };
            let kind = content_type(&file);
            let body = if kind.starts_with("text/html") {
                inject(bytes)
            } else {
                bytes
            };
            respond(&mut stream, 200, kind, &body, head_only)
        }
        Resolved::Redirect(to) => {
            let head = format!(
                "HTTP/1.1 301 Moved Permanently\r\nLocation: {to}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
            stream.write_all(head.as_bytes())
        }
        Resolved::NotFound => not_found(&mut stream, config, head_only),
        Resolved::Forbidden => respond(
            &mut stream,
            403,
            "text/plain; charset=utf-8",
            b"forbidden\n",
            head_only,
        ),
    }
}

/// The file the preview server would send for `url_path`, if any (for fuzzing
/// and tests: whatever the path, the file lies inside `root`).
pub fn resolve_path(root: &Path, base_path: &str, url_path: &str) -> Option<PathBuf> {
    let config = ServeConfig {
        root: root.to_path_buf(),
        base_path: base_path.to_string(),
    };
    match resolve(&config, url_path) {
        Resolved::File(f) => Some(f),
        _ => None,
    }
}

#[derive(Debug, PartialEq, Eq)]
enum Resolved {
    File(PathBuf),
    Redirect(String),
    NotFound,
    Forbidden,
}

/// Decodes `%XX` escapes once. Invalid escapes make the path invalid.
fn percent_decode(s: &str) -> Option<Vec<u8>> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

/// Maps a URL path to a file inside the served folder, as GitHub Pages would.
fn resolve(config: &ServeConfig, raw: &str) -> Resolved {
    if !raw.starts_with('/') {
        return Resolved::Forbidden;
    }
    if raw == "/" && config.base_path != "/" {
        return Resolved::Redirect(config.base_path.clone());
    }
    let Some(rest) = raw
        .strip_prefix(config.base_path.as_str())
        .or_else(|| (raw.to_string() + "/" == config.base_path).then_some(""))
    else {
        return Resolved::NotFound;
    };
    let Some(decoded) = percent_decode(rest).and_then(|b| String::from_utf8(b).ok()) else {
        return Resolved::Forbidden;
    };
    if decoded.contains(['\0', '\\']) || decoded.starts_with('/') {
        return Resolved::Forbidden;
    }
    let segments: Vec<&str> = decoded.split('/').collect();
    if segments
        .iter()
        .any(|s| *s == ".." || *s == "." || s.contains(':'))
    {
        return Resolved::Forbidden;
    }
    let mut file = config.root.clone();
    for s in segments.iter().filter(|s| !s.is_empty()) {
        file.push(s);
    }
    if file.is_dir() {
        if !raw.ends_with('/') {
            return Resolved::Redirect(format!("{raw}/"));
        }
        file.push("index.html");
    } else if !file.is_file() && file.extension().is_none() {
        file.set_extension("html");
    }
    // The final check: after resolving symbolic links, still inside the root.
    match (file.canonicalize(), config.root.canonicalize()) {
        (Ok(real), Ok(root)) if real.starts_with(&root) && real.is_file() => Resolved::File(real),
        (Ok(_), Ok(_)) => Resolved::Forbidden,
        _ => Resolved::NotFound,
    }
}

fn not_found(
    stream: &mut &TcpStream,
    config: &ServeConfig,
    head_only: bool,
) -> std::io::Result<()> {
    let page = std::fs::read(config.root.join("404.html"))
        .map(inject)
        .unwrap_or_else(|_| b"not found\n".to_vec());
    respond(stream, 404, "text/html; charset=utf-8", &page, head_only)
}

fn respond(
    stream: &mut &TcpStream,
    status: u16,
    kind: &str,
    body: &[u8],
    head_only: bool,
) -> std::io::Result<()> {
    let reason = match status {
        200 => "OK",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        421 => "Misdirected Request",
        503 => "Service Unavailable",
        _ => "Error",
    };
    let head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes())?;
    if !head_only {
        stream.write_all(body)?;
    }
    stream.flush()
}

/// True when a request's `Origin` (if any) is a page of this server.
fn same_origin(req: &Request, hosts: &AllowedHosts) -> bool {
    req.origin.as_deref().is_none_or(|o| hosts.allows_origin(o))
}

/// The server-sent event stream that tells pages to reload.
fn events(mut stream: &TcpStream, req: &Request, server: &Server) -> std::io::Result<()> {
    if !same_origin(req, &server.hosts) {
        return respond(
            &mut stream,
            403,
            "text/plain; charset=utf-8",
            b"foreign origin\n",
            false,
        );
    }
    let _held = Held(&server.conns.streams);
    if server.conns.streams.fetch_add(1, Ordering::Relaxed) >= MAX_EVENT_STREAMS {
        return respond(
            &mut stream,
            503,
            "text/plain; charset=utf-8",
            b"too many open pages\n",
            false,
        );
    }
    let hub = &*server.hub;
    stream.set_write_timeout(Some(Duration::from_secs(5)))?;
    stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n")?;
    let (rx, error) = hub.subscribe();
    stream.write_all(b"retry: 500\n\n")?;
    if let Some(text) = error {
        stream.write_all(event_text(&Notice::Error(text)).as_bytes())?;
    }
    stream.flush()?;
    loop {
        let message = match rx.recv_timeout(Duration::from_secs(15)) {
            Ok(notice) => event_text(&notice),
            Err(mpsc::RecvTimeoutError::Timeout) => ": keep-alive\n\n".to_string(),
            Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(()),
        };
        stream.write_all(message.as_bytes())?;
        stream.flush()?;
    }
}

/// One server-sent event. Error text travels as a JSON string with `<`, `>` and `&`
/// escaped, so it stays inert whatever it contains.
pub fn event_text(notice: &Notice) -> String {
    match notice {
        Notice::Reload => "event: reload\ndata: ok\n\n".to_string(),
        Notice::Error(text) => {
            let json = serde_json::to_string(text)
                .unwrap_or_else(|_| "\"build failed\"".into())
                .replace('<', "\\u003c")
                .replace('>', "\\u003e")
                .replace('&', "\\u0026");
            format!("event: build-error\ndata: {json}\n\n")
        }
    }
}

/// Adds the reload script to an HTML page, just before `</body>`.
fn inject(mut html: Vec<u8>) -> Vec<u8> {
    let tag = b"<script src=\"/__folio/reload.js\"></script>";
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    html.splice(at..at, tag.iter().copied());
    html
}

/// The client side of live reload: reload on `reload`, show an overlay (built
/// with text nodes only, so error text is never parsed as HTML) on `build-error`.
const RELOAD_JS: &str = r#"(function () {
  "use strict";
  var overlay = null;
  function hide() { if (overlay) { overlay.remove(); overlay = null; } }
  function show(text) {
    hide();
    overlay = document.createElement("div");
    overlay.id = "folio-error-overlay";
    overlay.setAttribute("role", "alert");
    // Every colour is set here, on each element: the page's own styles
    // (a light `pre` background) must not reach into the overlay.
    overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;background:rgba(16,18,22,.96);color:#f6f8fa;color-scheme:dark;padding:2rem;overflow:auto;font:14px/1.5 ui-monospace,monospace;text-align:left";
    var title = document.createElement("strong");
    title.style.cssText = "display:block;color:#ffffff;font:inherit;font-weight:700";
    title.textContent = "folio: the last change does not build; showing the last good version.";
    var pre = document.createElement("pre");
    pre.style.cssText = "white-space:pre-wrap;margin:1rem 0;padding:1rem;background:#1b1f24;color:#f6f8fa;border:1px solid #57606a;border-radius:4px;font:inherit;box-shadow:none";
    pre.textContent = text;
    var close = document.createElement("button");
    close.style.cssText = "background:#f6f8fa;color:#1b1f24;border:0;border-radius:4px;padding:.4rem .9rem;font:inherit;cursor:pointer";
    close.type = "button";
    close.textContent = "Close";
    close.addEventListener("click", hide);
    overlay.append(title, pre, close);
    document.body.append(overlay);
  }
  var source = new EventSource("/__folio/events");
  source.addEventListener("reload", function () { location.reload(); });
  source.addEventListener("build-error", function (e) { show(JSON.parse(e.data)); });
})();
"#;

fn content_type(path: &Path) -> &'static str {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase()
        .as_str()
    {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "txt" | "bib" => "text/plain; charset=utf-8",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "otf" => "font/otf",
        "ttf" => "font/ttf",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> (tempfile::TempDir, ServeConfig) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("public");
        std::fs::create_dir_all(root.join("papers/a")).unwrap();
        std::fs::write(root.join("index.html"), "home").unwrap();
        std::fs::write(root.join("papers/a/index.html"), "a").unwrap();
        std::fs::write(root.join("about.html"), "about").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "secret").unwrap();
        let root = root.canonicalize().unwrap();
        (
            dir,
            ServeConfig {
                root,
                base_path: "/".into(),
            },
        )
    }

    #[test]
    fn clean_urls_index_and_trailing_slash() {
        let (_d, c) = site();
        assert_eq!(resolve(&c, "/"), Resolved::File(c.root.join("index.html")));
        assert_eq!(
            resolve(&c, "/papers/a/"),
            Resolved::File(c.root.join("papers/a/index.html"))
        );
        assert_eq!(
            resolve(&c, "/papers/a"),
            Resolved::Redirect("/papers/a/".into())
        );
        assert_eq!(
            resolve(&c, "/about"),
            Resolved::File(c.root.join("about.html"))
        );
        assert_eq!(resolve(&c, "/nope/"), Resolved::NotFound);
    }

    #[test]
    fn traversal_attempts_are_refused() {
        let (_d, c) = site();
        for bad in [
            "/../secret.txt",
            "/%2e%2e/secret.txt",
            "/%2E%2E%2Fsecret.txt",
            "/papers/..%5c..%5csecret.txt",
            "/..\\secret.txt",
            "/%00",
            "//etc/passwd",
            "/C:/Windows",
            "/%zz",
            "secret.txt",
        ] {
            let r = resolve(&c, bad);
            assert!(
                matches!(r, Resolved::Forbidden | Resolved::NotFound),
                "{bad}: {r:?}"
            );
        }
        // Decoded once: a double-encoded dot-dot is a literal, missing file name.
        assert_eq!(resolve(&c, "/%252e%252e/secret.txt"), Resolved::NotFound);
    }

    #[test]
    fn base_path_is_honoured() {
        let (_d, mut c) = site();
        c.base_path = "/repo/".into();
        assert_eq!(resolve(&c, "/"), Resolved::Redirect("/repo/".into()));
        assert_eq!(resolve(&c, "/repo"), Resolved::Redirect("/repo/".into()));
        assert_eq!(
            resolve(&c, "/repo/papers/a/"),
            Resolved::File(c.root.join("papers/a/index.html"))
        );
        assert_eq!(resolve(&c, "/papers/a/"), Resolved::NotFound);
    }

    #[test]
    fn error_events_are_inert_json() {
        let text = event_text(&Notice::Error(
            "a.yaml: <script>alert(1)</script>\nline 2".into(),
        ));
        assert_eq!(
            text,
            "event: build-error\ndata: \"a.yaml: \\u003cscript\\u003ealert(1)\\u003c/script\\u003e\\nline 2\"\n\n"
        );
    }

    #[test]
    fn reload_script_goes_before_the_body_end() {
        let html = inject(b"<html><body>x</body></html>".to_vec());
        assert_eq!(
            html,
            b"<html><body>x<script src=\"/__folio/reload.js\"></script></body></html>"
        );
    }

    fn loopback() -> AllowedHosts {
        AllowedHosts::new("127.0.0.1".parse().unwrap(), vec!["My.Box".into()])
    }

    #[test]
    fn foreign_origins_may_not_listen() {
        let req = |origin: Option<&str>| Request {
            method: "GET".into(),
            target: "/__folio/events".into(),
            origin: origin.map(String::from),
            host: Some("127.0.0.1:8000".into()),
        };
        let hosts = loopback();
        assert!(same_origin(&req(None), &hosts));
        assert!(same_origin(&req(Some("http://127.0.0.1:8000")), &hosts));
        assert!(same_origin(&req(Some("http://localhost:8000")), &hosts));
        assert!(!same_origin(&req(Some("https://evil.example")), &hosts));
        assert!(!same_origin(&req(Some("http://evil.example:8000")), &hosts));
        assert!(!same_origin(&req(Some("null")), &hosts));
    }

    // DNS rebinding: a hostile page re-points its own name at 127.0.0.1, and
    // its requests carry that name.
    #[test]
    fn only_local_names_and_allowed_hosts_are_served() {
        let hosts = loopback();
        for ok in [
            "localhost",
            "LOCALHOST:8000",
            "localhost.",
            "127.0.0.1:8000",
            "127.1.2.3",
            "[::1]:8000",
            "[::1]",
            "my.box:8000",
        ] {
            assert!(hosts.allows(ok), "{ok}");
        }
        for bad in [
            "evil.example",
            "evil.example:8000",
            "localhost.evil.example",
            "127.0.0.1.evil.example",
            "10.0.0.1",
            "[::2]:80",
            "",
            "localhost:80:80",
            "localhost:x",
            "[::1]x",
        ] {
            assert!(!hosts.allows(bad), "{bad}");
        }
        let everywhere = AllowedHosts::new("0.0.0.0".parse().unwrap(), vec![]);
        assert!(everywhere.allows("192.168.1.5:8000"));
        assert!(!everywhere.allows("evil.example"));
    }
}
