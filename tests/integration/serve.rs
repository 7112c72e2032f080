//! The preview server under abuse: hostile `Host` and `Origin` headers (DNS
//! rebinding), floods of idle connections at a low open-file limit, a port
//! already in use. A real `folio serve` on a loopback port.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use crate::common::TestSite;

/// A running `folio serve` and its address; killed when dropped.
struct Server {
    child: Child,
    addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `folio serve SITE --port 0 ARGS` under `ulimit -n NOFILE` (a POSIX
/// shell sets the limit, then becomes folio) and waits for its address.
fn serve(site: &TestSite, nofile: u32, args: &[&str]) -> Server {
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -n {nofile} && exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_folio"))
        .args(["serve", site.root().to_str().unwrap(), "--port", "0"])
        .arg("--output")
        .arg(&site.out)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let mut addr = None;
    for line in lines.by_ref() {
        let line = line.unwrap();
        if let Some(rest) = line.split("http://").nth(1) {
            addr = Some(rest.split('/').next().unwrap().to_string());
        }
        if line.contains("rebuilt after initial build") {
            break;
        }
    }
    // Keep reading stderr so that the server never blocks on a full pipe.
    std::thread::spawn(move || lines.for_each(drop));
    Server {
        child,
        addr: addr.expect("folio serve printed its address"),
    }
}

/// Sends one request with the given `Host` and extra headers; returns the status.
fn status(addr: &str, target: &str, host: &str, headers: &str) -> u16 {
    let addr: std::net::SocketAddr = addr.parse().unwrap();
    let Ok(mut s) = TcpStream::connect_timeout(&addr, Duration::from_secs(5)) else {
        return 0;
    };
    s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    write!(
        s,
        "GET {target} HTTP/1.1\r\nHost: {host}\r\n{headers}Connection: close\r\n\r\n"
    )
    .unwrap();
    let mut head = [0u8; 12];
    let _ = s.read_exact(&mut head);
    String::from_utf8_lossy(&head[9..12]).parse().unwrap_or(0)
}

// DNS rebinding: a hostile page that re-points its name at 127.0.0.1 sends its
// own name as Host and Origin, and gets nothing; local names are served.
#[test]
fn serve_answers_only_local_host_names() {
    let site = TestSite::new();
    let server = serve(&site, 1024, &["--allow-host", "preview.test"]);
    let addr = &server.addr;
    let port = addr.rsplit(':').next().unwrap();
    for host in [
        addr.clone(),
        format!("localhost:{port}"),
        format!("[::1]:{port}"),
        format!("127.0.0.2:{port}"),
        format!("preview.test:{port}"),
    ] {
        assert_eq!(status(addr, "/", &host, ""), 200, "{host}");
    }
    for host in ["evil.example", "evil.example:80", "localhost.evil.example"] {
        assert_eq!(status(addr, "/", host, ""), 421, "{host}");
    }
    let rebinding = format!("Origin: http://evil.example:{port}\r\n");
    assert_eq!(
        status(
            addr,
            "/__folio/events",
            &format!("evil.example:{port}"),
            &rebinding
        ),
        421
    );
    assert_eq!(status(addr, "/__folio/events", addr, &rebinding), 403);
}

/// CPU time (user + system) a process has used so far, from /proc.
#[cfg(target_os = "linux")]
fn cpu_time(pid: u32) -> Duration {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    // Fields after the command name (which may hold spaces) start at `)`.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .unwrap()
        .1
        .split_whitespace()
        .collect();
    let ticks: u64 = fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap();
    // The kernel reports in USER_HZ, 100 per second on every Linux platform.
    Duration::from_millis(ticks * 10)
}

// At a low open-file limit (64), 200 idle connections neither starve a real
// request (it is answered within a second) nor make the server spin.
#[cfg(target_os = "linux")]
#[test]
fn idle_connections_cannot_starve_the_server() {
    let site = TestSite::new();
    let server = serve(&site, 64, &[]);
    let addr: std::net::SocketAddr = server.addr.parse().unwrap();
    let idle: Vec<TcpStream> = (0..200)
        .filter_map(|_| TcpStream::connect_timeout(&addr, Duration::from_secs(1)).ok())
        .collect();
    assert!(idle.len() > 100, "only {} connections opened", idle.len());
    let start = std::time::Instant::now();
    assert_eq!(status(&server.addr, "/", &server.addr, ""), 200);
    let took = start.elapsed();
    assert!(took < Duration::from_secs(1), "took {took:?}");

    // Held open for a second, the idle connections cost the server (almost) no CPU.
    let before = cpu_time(server.child.id());
    std::thread::sleep(Duration::from_secs(1));
    let used = cpu_time(server.child.id()) - before;
    assert!(used < Duration::from_millis(300), "{used:?} of CPU in 1 s");
    assert_eq!(status(&server.addr, "/", &server.addr, ""), 200);
    drop(idle);
}

// A port in use gets a hint to choose another.
#[test]
fn port_in_use_suggests_another() {
    let site = TestSite::new();
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let out = assert_cmd::Command::cargo_bin("folio")
        .unwrap()
        .args(["serve", site.root().to_str().unwrap(), "--port", &port])
        .arg("--output")
        .arg(&site.out)
        .timeout(Duration::from_secs(30))
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("127.0.0.1:{port}: Address already in use")),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("hint: another program (perhaps another `folio serve`) uses port {port}; choose another with `--port 8001`, or `--port 0` for any free one")),
        "{stderr}"
    );
}
