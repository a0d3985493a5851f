//! A small static file server for `dist/`, optionally under a sub-path, the
//! way any static host would serve it (no rewrites, 404.html for misses).

use crate::{Result, build, cli};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tiny_http::{Header, Response, Server, StatusCode};

/// `cargo xtask serve [--port N] [--no-build]`.
pub fn command(args: &cli::Serve) -> Result<()> {
    let port = args.port;
    // Fail on a taken port before spending minutes on a build.
    let server = bind(port)?;
    let dist = if args.no_build {
        crate::root().join("dist")
    } else {
        build::build(&build::Options::new(args.build.out.clone()))?
    };
    let url = format!("http://127.0.0.1:{port}/");
    println!("Serving {} at {url} (Ctrl-C to stop)", dist.display());
    serve(server, dist, "/".into());
    Ok(())
}

fn bind(port: u16) -> Result<Server> {
    Server::http(("127.0.0.1", port)).map_err(|e| {
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
    let port = server
        .server_addr()
        .to_ip()
        .map(|a| a.port())
        .ok_or("server has no IP address")?;
    let prefix = prefix.to_string();
    std::thread::spawn(move || serve_with(server, dir, prefix, gzip));
    Ok(port)
}

fn serve(server: Server, dir: PathBuf, prefix: String) {
    serve_with(server, dir, prefix, true)
}

fn serve_with(server: Server, dir: PathBuf, prefix: String, compress: bool) {
    let server = Arc::new(server);
    let dir = Arc::new(dir);
    let prefix = Arc::new(prefix);
    let workers: Vec<_> = (0..4)
        .map(|_| {
            let (server, dir, prefix) = (server.clone(), dir.clone(), prefix.clone());
            std::thread::spawn(move || {
                for request in server.incoming_requests() {
                    let gzip = compress
                        && request.headers().iter().any(|h| {
                            h.field.equiv("Accept-Encoding") && h.value.as_str().contains("gzip")
                        });
                    let response = respond(&dir, &prefix, request.url(), gzip);
                    let _ = request.respond(response);
                }
            })
        })
        .collect();
    for w in workers {
        let _ = w.join();
    }
}

fn respond(dir: &Path, prefix: &str, url: &str, gzip: bool) -> Response<std::io::Cursor<Vec<u8>>> {
    match resolve(dir, prefix, url) {
        Lookup::File(path) => match std::fs::read(&path) {
            Ok(bytes) => compressed(
                with_type(Response::from_data(bytes.clone()), &path),
                bytes,
                &path,
                gzip,
            ),
            Err(_) => not_found(dir),
        },
        Lookup::Redirect(to) => Response::from_data(Vec::new())
            .with_status_code(StatusCode(301))
            .with_header(header("Location", &to)),
        Lookup::Missing => not_found(dir),
    }
}

/// Compresses text and WASM with gzip when the browser accepts it, as
/// common static hosts do (GitHub Pages, nginx with gzip on).
fn compressed(
    plain: Response<std::io::Cursor<Vec<u8>>>,
    bytes: Vec<u8>,
    path: &Path,
    gzip: bool,
) -> Response<std::io::Cursor<Vec<u8>>> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    let worth = matches!(
        ext,
        "html" | "css" | "js" | "json" | "wasm" | "svg" | "xml" | "txt" | "ics" | "webmanifest"
    );
    if !gzip || !worth || bytes.len() < 1024 {
        return plain;
    }
    use std::io::Write;
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    if e.write_all(&bytes).is_err() {
        return plain;
    }
    match e.finish() {
        Ok(z) => with_type(Response::from_data(z), path)
            .with_header(header("Content-Encoding", "gzip"))
            .with_header(header("Vary", "Accept-Encoding")),
        Err(_) => plain,
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

fn not_found(dir: &Path) -> Response<std::io::Cursor<Vec<u8>>> {
    let page = dir.join("404.html");
    let body = std::fs::read(&page).unwrap_or_else(|_| b"404 Not Found".to_vec());
    with_type(Response::from_data(body), &page).with_status_code(StatusCode(404))
}

fn with_type(
    r: Response<std::io::Cursor<Vec<u8>>>,
    path: &Path,
) -> Response<std::io::Cursor<Vec<u8>>> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    r.with_header(header("Content-Type", content_type(ext)))
        .with_header(header("Cache-Control", "no-cache"))
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

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("valid ASCII header")
}

#[cfg(test)]
mod tests {
    use super::*;

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
