//! A small static file server for `dist/`, optionally under a sub-path, the
//! way any static host would serve it (no rewrites, 404.html for misses).

use crate::{Result, build, cli};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

// A hand-written HTTP/1.1 server rather than tiny_http: tiny_http 0.12
// now and then never answered a request that came on a keep-alive
// connection while others were in flight (a calculator page with a
// `modulepreload` stalled 20 s in about one load in six; Python's
// threaded HTTP/1.1 server, the same pages, none in twelve). One thread
// per connection, GET and HEAD of files: all a static host does here.

/// `cargo xtask serve [--port N] [--no-build]`: the WASM modules, then
/// `site-gen serve` (live reload) on content/; with `--no-build`, dist/ as
/// it is, as a static host serves it.
pub fn command(args: &cli::Serve) -> Result<()> {
    let port = args.port;
    // Fail on a taken port before spending minutes on a build.
    let server = bind(port)?;
    if args.no_build {
        let dist = crate::root().join("dist");
        let url = format!("http://127.0.0.1:{port}/");
        println!("Serving {} at {url} (Ctrl-C to stop)", dist.display());
        serve(server, dist, "/".into(), true);
        return Ok(());
    }
    let opts = build::Options::new(args.build.out.clone());
    build::build_app(&opts.app_out)?;
    let site_gen = build::build_site_gen()?;
    drop(server);
    crate::run(
        std::process::Command::new(site_gen)
            .arg("serve")
            .arg("--content")
            .arg(crate::root().join("content"))
            .arg("--app")
            .arg(&opts.app_out)
            .arg("--out")
            .arg(&opts.out)
            .arg("--port")
            .arg(port.to_string()),
    )
}

fn bind(port: u16) -> Result<TcpListener> {
    TcpListener::bind(("127.0.0.1", port)).map_err(|e| {
        format!("cannot listen on 127.0.0.1:{port}: {e}. Is another server using it? Pick another port with --port N.").into()
    })
}

/// Serves `dir` under `prefix` (e.g. "/some/sub/path/") on a free port in
/// background threads, gzipping as common hosts do; returns the port.
pub fn spawn(dir: PathBuf, prefix: &str) -> Result<u16> {
    spawn_with(dir, prefix, true)
}

/// As [`spawn`]; without `gzip`, every file is sent as it is, as a host
/// that does not compress would (`cargo xtask phone` measures both).
pub fn spawn_with(dir: PathBuf, prefix: &str, gzip: bool) -> Result<u16> {
    let server = bind(0)?;
    let port = server.local_addr()?.port();
    let prefix = prefix.to_string();
    std::thread::spawn(move || serve(server, dir, prefix, gzip));
    Ok(port)
}

fn serve(server: TcpListener, dir: PathBuf, prefix: String, compress: bool) {
    let site = Arc::new((dir, prefix));
    for stream in server.incoming().flatten() {
        let site = site.clone();
        std::thread::spawn(move || {
            let _ = connection(stream, &site.0, &site.1, compress);
        });
    }
}

/// Answers the requests of one connection until the browser closes it or
/// leaves it idle for a minute.
fn connection(stream: TcpStream, dir: &Path, prefix: &str, compress: bool) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(60)))?;
    stream.set_nodelay(true)?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut out = stream;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 {
            return Ok(());
        }
        let mut parts = line.split_whitespace();
        let (method, url, version) = (
            parts.next().unwrap_or_default().to_string(),
            parts.next().unwrap_or_default().to_string(),
            parts.next().unwrap_or_default().to_string(),
        );
        let (mut gzip, mut close) = (false, version != "HTTP/1.1");
        loop {
            let mut h = String::new();
            if reader.read_line(&mut h)? == 0 {
                return Ok(());
            }
            let h = h.trim_end();
            if h.is_empty() {
                break;
            }
            let (name, value) = h.split_once(':').unwrap_or((h, ""));
            let value = value.trim().to_ascii_lowercase();
            if name.eq_ignore_ascii_case("accept-encoding") {
                gzip = value.contains("gzip");
            } else if name.eq_ignore_ascii_case("connection") {
                close = value == "close";
            }
        }
        let r = if method == "GET" || method == "HEAD" {
            respond(dir, prefix, &url, compress && gzip)
        } else {
            Response::new(405, Vec::new())
        };
        let mut head = format!(
            "HTTP/1.1 {}\r\nContent-Length: {}\r\n",
            r.status_line(),
            r.body.len()
        );
        for (name, value) in &r.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        if close {
            head.push_str("Connection: close\r\n");
        }
        head.push_str("\r\n");
        out.write_all(head.as_bytes())?;
        if method != "HEAD" {
            out.write_all(&r.body)?;
        }
        out.flush()?;
        if close {
            return Ok(());
        }
    }
}

struct Response {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
}

impl Response {
    fn new(status: u16, body: Vec<u8>) -> Response {
        Response {
            status,
            headers: Vec::new(),
            body,
        }
    }

    fn with_header(mut self, name: &'static str, value: &str) -> Response {
        self.headers.push((name, value.to_string()));
        self
    }

    fn status_line(&self) -> &'static str {
        match self.status {
            200 => "200 OK",
            301 => "301 Moved Permanently",
            404 => "404 Not Found",
            _ => "405 Method Not Allowed",
        }
    }
}

fn respond(dir: &Path, prefix: &str, url: &str, gzip: bool) -> Response {
    match resolve(dir, prefix, url) {
        Lookup::File(path) => match std::fs::read(&path) {
            Ok(bytes) => compressed(bytes, &path, gzip),
            Err(_) => not_found(dir),
        },
        Lookup::Redirect(to) => Response::new(301, Vec::new()).with_header("Location", &to),
        Lookup::Missing => not_found(dir),
    }
}

/// Compresses text and WASM with gzip when the browser accepts it, as
/// common static hosts do (GitHub Pages, nginx with gzip on).
fn compressed(bytes: Vec<u8>, path: &Path, gzip: bool) -> Response {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    let worth = matches!(
        ext,
        "html" | "css" | "js" | "json" | "wasm" | "svg" | "xml" | "txt" | "ics" | "webmanifest"
    );
    if !gzip || !worth || bytes.len() < 1024 {
        return with_type(Response::new(200, bytes), path);
    }
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    match e.write_all(&bytes).and_then(|_| e.finish()) {
        Ok(z) => with_type(Response::new(200, z), path)
            .with_header("Content-Encoding", "gzip")
            .with_header("Vary", "Accept-Encoding"),
        Err(_) => with_type(Response::new(200, bytes), path),
    }
}

enum Lookup {
    File(PathBuf),
    Redirect(String),
    Missing,
}

fn resolve(dir: &Path, prefix: &str, url: &str) -> Lookup {
    let raw = url.split(['?', '#']).next().unwrap_or_default();
    let path = percent_encoding::percent_decode_str(raw).decode_utf8_lossy();
    if path.as_ref() == prefix.trim_end_matches('/') {
        return Lookup::Redirect(prefix.to_string());
    }
    let Some(rest) = path.strip_prefix(prefix) else {
        return Lookup::Missing;
    };
    if rest.split('/').any(|seg| seg == ".." || seg.contains('\\')) {
        return Lookup::Missing;
    }
    let mut file = dir.join(rest);
    if file.is_dir() {
        if !rest.is_empty() && !rest.ends_with('/') {
            return Lookup::Redirect(format!("{raw}/"));
        }
        file = file.join("index.html");
    }
    if file.is_file() {
        Lookup::File(file)
    } else {
        Lookup::Missing
    }
}

fn not_found(dir: &Path) -> Response {
    let page = dir.join("404.html");
    let body = std::fs::read(&page).unwrap_or_else(|_| b"404 Not Found".to_vec());
    let mut r = with_type(Response::new(200, body), &page);
    r.status = 404;
    r
}

fn with_type(r: Response, path: &Path) -> Response {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    r.with_header("Content-Type", content_type(ext))
        .with_header("Cache-Control", "no-cache")
}

pub fn content_type(ext: &str) -> &'static str {
    match ext {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "wasm" => "application/wasm",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "ics" => "text/calendar; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads one response: status line, headers, and the body its
    /// Content-Length announces.
    fn read_response(
        r: &mut BufReader<TcpStream>,
        head_only: bool,
    ) -> (String, Vec<String>, Vec<u8>) {
        let mut status = String::new();
        r.read_line(&mut status).unwrap();
        let mut headers = Vec::new();
        loop {
            let mut h = String::new();
            r.read_line(&mut h).unwrap();
            if h.trim_end().is_empty() {
                break;
            }
            headers.push(h.trim_end().to_string());
        }
        let len: usize = headers
            .iter()
            .find_map(|h| h.strip_prefix("Content-Length: "))
            .unwrap()
            .parse()
            .unwrap();
        let mut body = vec![0; if head_only { 0 } else { len }];
        std::io::Read::read_exact(r, &mut body).unwrap();
        (status.trim_end().to_string(), headers, body)
    }

    #[test]
    fn answers_every_request_of_kept_alive_connections() {
        let dir = std::env::temp_dir().join(format!("bontot-serve-ka-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let big = "x".repeat(5000);
        std::fs::write(dir.join("a.js"), &big).unwrap();
        std::fs::write(dir.join("404.html"), "missing").unwrap();
        let port = spawn_with(dir.clone(), "/p/", true).unwrap();
        // Several connections at once, each with several requests in turn.
        let clients: Vec<_> = (0..8)
            .map(|_| {
                std::thread::spawn(move || {
                    let s = TcpStream::connect(("127.0.0.1", port)).unwrap();
                    let mut r = BufReader::new(s.try_clone().unwrap());
                    let mut w = s;
                    for _ in 0..5 {
                        w.write_all(
                            b"GET /p/a.js HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\n\r\n",
                        )
                        .unwrap();
                        let (status, headers, body) = read_response(&mut r, false);
                        assert_eq!(status, "HTTP/1.1 200 OK");
                        assert!(headers.contains(&"Content-Encoding: gzip".to_string()));
                        let mut plain = String::new();
                        std::io::Read::read_to_string(
                            &mut flate2::read::GzDecoder::new(&body[..]),
                            &mut plain,
                        )
                        .unwrap();
                        assert_eq!(plain.len(), 5000);
                        w.write_all(b"HEAD /p/nothing HTTP/1.1\r\nHost: x\r\n\r\n")
                            .unwrap();
                        let (status, _, _) = read_response(&mut r, true);
                        assert_eq!(status, "HTTP/1.1 404 Not Found");
                        w.write_all(b"GET /p HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
                        let (status, headers, _) = read_response(&mut r, false);
                        assert_eq!(status, "HTTP/1.1 301 Moved Permanently");
                        assert!(headers.contains(&"Location: /p/".to_string()));
                    }
                })
            })
            .collect();
        for c in clients {
            c.join().unwrap();
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn resolves_under_prefix_only() {
        let dir = std::env::temp_dir().join(format!("bontot-serve-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("ke-hoach")).unwrap();
        std::fs::write(dir.join("index.html"), "home").unwrap();
        std::fs::write(dir.join("ke-hoach/a b.html"), "plan").unwrap();
        let p = "/sub/path/";
        assert!(
            matches!(resolve(&dir, p, "/sub/path/"), Lookup::File(f) if f.ends_with("index.html"))
        );
        assert!(
            matches!(resolve(&dir, p, "/sub/path"), Lookup::Redirect(to) if to == "/sub/path/")
        );
        assert!(matches!(
            resolve(&dir, p, "/sub/path/ke-hoach/a%20b.html?x=1"),
            Lookup::File(_)
        ));
        assert!(matches!(
            resolve(&dir, p, "/sub/path/ke-hoach"),
            Lookup::Redirect(_)
        ));
        assert!(matches!(resolve(&dir, p, "/index.html"), Lookup::Missing));
        assert!(matches!(
            resolve(&dir, p, "/sub/path/../x"),
            Lookup::Missing
        ));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
