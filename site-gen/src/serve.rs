//! `site-gen serve`: builds the site, serves it on 127.0.0.1, watches the
//! content folder, rebuilds on a change and reloads the open pages.
//!
//! What is written to the output folder is exactly what `site-gen build`
//! writes: the live-reload script exists only in what this server sends.
//! Each HTML page it sends gets one `<script src="/__serve/reload.js">`
//! before `</body>`, a file from the same origin, which the pages' policy
//! (`script-src 'self'`, in a `<meta>`) already allows; it listens to
//! `/__serve/events` (Server-Sent Events, `connect-src 'self'`) and styles
//! its overlay with `/__serve/overlay.css` (`style-src 'self'`). The
//! site's service worker, which answers from its cache, is replaced in
//! what is sent by one that caches nothing (`assets/serve/sw.js`).
//!
//! A build that fails leaves the last good site in place (`output.rs`):
//! it stays served, and its problems, each with its file and line, are
//! shown over the page until a build succeeds.

use crate::build::{self, Options};
use crate::problem::Problems;
use std::io::{self, BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

const RELOAD_JS: &str = include_str!("../assets/serve/reload.js");
const OVERLAY_CSS: &str = include_str!("../assets/serve/overlay.css");
const NO_CACHE_SW: &str = include_str!("../assets/serve/sw.js");

/// After a change, the watcher waits until the folder has been quiet this
/// long (an editor's save is often several writes and a rename).
const QUIET: Duration = Duration::from_millis(25);

/// One problem as the page shows it.
#[derive(Clone, Debug, serde::Serialize, PartialEq, Eq)]
pub struct Shown {
    pub file: String,
    pub line: Option<usize>,
    pub message: String,
}

/// What the pages are told: the number of the last good build, and the
/// problems of the last build when it failed.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct Status {
    pub version: u64,
    pub problems: Vec<Shown>,
}

/// The status, shared between the builder and the connections, with a
/// count of its changes that the event streams wait on.
#[derive(Default)]
pub struct Live {
    state: Mutex<(u64, Status)>,
    changed: Condvar,
}

impl Live {
    fn update(&self, f: impl FnOnce(&mut Status)) {
        if let Ok(mut s) = self.state.lock() {
            s.0 += 1;
            f(&mut s.1);
        }
        self.changed.notify_all();
    }

    /// The status now.
    pub fn status(&self) -> Status {
        self.state.lock().map(|s| s.1.clone()).unwrap_or_default()
    }

    /// The status once it differs from change `seen` (at once when `seen`
    /// is `None`), or `None` after `timeout`.
    fn next(&self, seen: Option<u64>, timeout: Duration) -> Option<(u64, Status)> {
        let guard = self.state.lock().ok()?;
        let (guard, _) = self
            .changed
            .wait_timeout_while(guard, timeout, |s| Some(s.0) == seen)
            .ok()?;
        (Some(guard.0) != seen).then(|| (guard.0, guard.1.clone()))
    }
}

/// What the last good build knew, and what changed since: serve's
/// rebuilds are incremental when only plans or their rule files changed
/// (see `build::update`), full otherwise.
#[derive(Default)]
pub struct Rebuilder {
    kept: Option<build::Kept>,
    /// Plans (slugs) changed since the last good build.
    plans: std::collections::BTreeSet<String>,
    /// Something else changed: the next rebuild is a full one.
    full: bool,
    /// Whether the last good rebuild was an update, not a full build.
    updated: bool,
}

/// A change in the content folder, as a rebuild sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// A plan file or its rule file, by the plan's slug.
    Plan(String),
    /// Anything else (a plan added or removed, the site settings, the
    /// glossary, the national rules, an unknown change): a full build.
    Other,
}

impl Rebuilder {
    /// Notes changes of the paths `paths` (absolute, or relative to where
    /// `content` is); `None`: the watcher lost track.
    pub fn note(&mut self, content: &Path, paths: Option<&[PathBuf]>) {
        let Some(paths) = paths else {
            self.full = true;
            return;
        };
        for p in paths {
            match self.classify(content, p) {
                Some(Change::Plan(slug)) => {
                    self.plans.insert(slug);
                }
                Some(Change::Other) => self.full = true,
                None => {}
            }
        }
    }

    /// Whether the last good rebuild was an update (only the changed
    /// plans read), not a full build.
    pub fn updated(&self) -> bool {
        self.updated
    }

    /// What a change of `path` means; `None`: nothing the site reads.
    pub fn classify(&self, content: &Path, path: &Path) -> Option<Change> {
        let rel = path
            .strip_prefix(content)
            .ok()
            .or_else(|| path.strip_prefix(content.canonicalize().ok()?).ok())?;
        let parts: Vec<&str> = rel.iter().filter_map(|c| c.to_str()).collect();
        let Some(kept) = &self.kept else {
            return Some(Change::Other);
        };
        let plans = &kept.content().plans;
        match parts.as_slice() {
            ["rules", name] if !name.ends_with(".toml") => None,
            ["rules", name] => {
                let slug = name.strip_suffix(".toml")?;
                Some(match plans.iter().any(|p| p.slug == slug) {
                    true => Change::Plan(slug.to_string()),
                    false => Change::Other,
                })
            }
            ["plans", name] if name.ends_with(".md") => {
                let known = plans
                    .iter()
                    .find(|p| p.path.file_name().and_then(|n| n.to_str()) == Some(name));
                match known {
                    // Still there: an edit (else removed: a full build).
                    Some(p) if path.is_file() => Some(Change::Plan(p.slug.clone())),
                    _ => Some(Change::Other),
                }
            }
            _ => Some(Change::Other),
        }
    }

    /// Builds (the first time, after a change other than plans, or after
    /// an update failed for another reason than the content) or updates
    /// the site; on success the pages reload, on failure they show why.
    /// Returns whether it succeeded.
    pub fn rebuild(&mut self, opts: &Options, live: &Live, first: bool) -> bool {
        let t = Instant::now();
        if !self.full && self.plans.is_empty() && self.kept.is_some() {
            // Nothing the site reads (a README in rules/).
            return true;
        }
        if let (false, Some(kept)) = (self.full, &mut self.kept) {
            let plans = &kept.content().plans;
            let changed: Option<Vec<usize>> = self
                .plans
                .iter()
                .map(|slug| plans.iter().position(|p| &p.slug == slug))
                .collect();
            if let Some(changed) = changed {
                match build::update(opts, kept, &changed) {
                    Ok(stats) => {
                        self.plans.clear();
                        self.updated = true;
                        return built(live, &stats.warnings, false, stats.pages, t, "updated");
                    }
                    Err(build::Failed::Content(problems)) => {
                        return failed(live, &problems);
                    }
                    Err(build::Failed::Other(e)) => {
                        eprintln!("site-gen: {e}; building the whole site again");
                    }
                }
            }
        }
        // Dropped first: a new build sets its own deadlines file aside.
        self.kept = None;
        match build::build_kept(opts) {
            Ok((stats, kept)) => {
                self.kept = Some(kept);
                self.plans.clear();
                self.full = false;
                self.updated = false;
                built(live, &stats.warnings, first, stats.pages, t, "built")
            }
            Err(e) => {
                self.full = true;
                failed(live, e.as_ref())
            }
        }
    }
}

fn built(
    live: &Live,
    warnings: &[String],
    first: bool,
    pages: usize,
    t: Instant,
    what: &str,
) -> bool {
    live.update(|s| {
        s.version += 1;
        s.problems.clear();
    });
    if first {
        for w in warnings {
            eprintln!("{w}");
        }
    }
    eprintln!(
        "site-gen: {what} {pages} pages in {:.0} ms",
        t.elapsed().as_secs_f64() * 1000.0
    );
    true
}

fn failed(live: &Live, e: &(dyn std::error::Error + 'static)) -> bool {
    let shown = match e.downcast_ref::<Problems>() {
        Some(problems) => problems
            .0
            .iter()
            .map(|p| Shown {
                file: p.file.display().to_string(),
                line: p.line,
                message: p.message.clone(),
            })
            .collect(),
        None => vec![Shown {
            file: String::new(),
            line: None,
            message: e.to_string(),
        }],
    };
    eprintln!("{e}");
    eprintln!("site-gen: the last site that built is still served");
    live.update(|s| s.problems = shown);
    false
}

/// `site-gen serve`: binds the port, builds, serves, then rebuilds on
/// every change of the content folder until the process is stopped.
pub fn run(opts: Options, port: u16) -> Result<(), Box<dyn std::error::Error>> {
    let listener = TcpListener::bind(("127.0.0.1", port)).map_err(|e| {
        format!(
            "cannot listen on 127.0.0.1:{port}: {e}. Is another server using it? Pick another port with --port N."
        )
    })?;
    let port = listener.local_addr()?.port();
    let live = Arc::new(Live::default());
    // Watching starts before the first build, so that nothing saved during
    // it is missed.
    let changes = watch(&opts.content)?;
    let mut rebuilder = Rebuilder::default();
    rebuilder.rebuild(&opts, &live, true);
    let out = opts.out.clone();
    {
        let (live, content) = (live.clone(), opts.content.clone());
        std::thread::spawn(move || serve(listener, out, content, live));
    }
    // One write: whoever reads the first line may close the pipe.
    println!(
        "Serving {} at http://127.0.0.1:{port}/ and rebuilding when {} changes (Ctrl-C to stop)\n\
         Which sentences of each plan its rules cite: http://127.0.0.1:{port}/__serve/coverage/",
        opts.out.display(),
        opts.content.display()
    );
    loop {
        let paths = changes.wait()?;
        rebuilder.note(&opts.content, paths.as_deref());
        rebuilder.rebuild(&opts, &live, false);
    }
}

/// The content folder's changes, from the kernel (inotify, through the
/// notify crate).
pub struct Changes {
    _watcher: notify::RecommendedWatcher,
    rx: std::sync::mpsc::Receiver<notify::Result<notify::Event>>,
}

pub fn watch(dir: &Path) -> Result<Changes, String> {
    let (tx, rx) = std::sync::mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |e| {
        let _ = tx.send(e);
    })
    .map_err(|e| format!("cannot watch {}: {e}", dir.display()))?;
    notify::Watcher::watch(&mut watcher, dir, notify::RecursiveMode::Recursive)
        .map_err(|e| format!("cannot watch {}: {e}", dir.display()))?;
    Ok(Changes {
        _watcher: watcher,
        rx,
    })
}

impl Changes {
    /// Waits for a change that matters, then until the folder is quiet;
    /// returns the paths changed (`None` when the watcher lost track:
    /// an error, or events it dropped).
    pub fn wait(&self) -> Result<Option<Vec<PathBuf>>, String> {
        let closed = || "the content folder is no longer watched".to_string();
        let mut paths = Some(Vec::new());
        let mut add = |e: notify::Result<notify::Event>| {
            let Some(found) = &mut paths else { return };
            match &e {
                Ok(ev) if !ev.need_rescan() => {
                    found.extend(ev.paths.iter().filter(|p| !ignored(p)).cloned())
                }
                _ => paths = None,
            }
        };
        loop {
            let e = self.rx.recv().map_err(|_| closed())?;
            if matters(&e) {
                add(e);
                break;
            }
        }
        loop {
            match self.rx.recv_timeout(QUIET) {
                Ok(e) => {
                    if matters(&e) {
                        add(e);
                    }
                }
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => return Ok(paths),
                Err(_) => return Err(closed()),
            }
        }
    }
}

/// An editor's swap or backup file, or a hidden one.
fn ignored(p: &Path) -> bool {
    let name = p.file_name().unwrap_or_default().to_string_lossy();
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913"
}

/// Whether an event is a change to the content: not a read, and not an
/// editor's swap or backup file (which would reload the page while one
/// types).
fn matters(e: &notify::Result<notify::Event>) -> bool {
    use notify::EventKind;
    use notify::event::{AccessKind, AccessMode};
    let Ok(e) = e else { return true };
    match e.kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => {}
        EventKind::Access(_) => return false,
        _ => {}
    }
    e.paths.iter().any(|p| !ignored(p))
}

fn serve(listener: TcpListener, out: PathBuf, content: PathBuf, live: Arc<Live>) {
    let (out, content) = (Arc::new(out), Arc::new(content));
    for stream in listener.incoming().flatten() {
        let (out, content, live) = (out.clone(), content.clone(), live.clone());
        std::thread::spawn(move || {
            let _ = connection(stream, &out, &content, &live);
        });
    }
}

/// Answers the requests of one connection until the browser closes it,
/// leaves it idle for a minute, or it becomes an event stream.
fn connection(stream: TcpStream, dir: &Path, content: &Path, live: &Live) -> io::Result<()> {
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
        let method = parts.next().unwrap_or_default().to_string();
        let url = parts.next().unwrap_or_default().to_string();
        let mut close = parts.next() != Some("HTTP/1.1");
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
            if name.eq_ignore_ascii_case("connection") {
                close = value.trim().eq_ignore_ascii_case("close");
            }
        }
        let path = url.split(['?', '#']).next().unwrap_or_default();
        if path == "/__serve/events" && method == "GET" {
            return events(out, live);
        }
        let (status, kind, body) = if method == "GET" || method == "HEAD" {
            match path.strip_prefix("/__serve/coverage/") {
                Some(slug) => guide(content, slug, live.status().version),
                None => respond(dir, path, live),
            }
        } else {
            (405, "text/plain; charset=utf-8", b"405".to_vec())
        };
        let mut head = format!(
            "HTTP/1.1 {}\r\nContent-Length: {}\r\nContent-Type: {kind}\r\nCache-Control: no-cache\r\n",
            status_line(status),
            body.len()
        );
        if let Some(to) = (status == 301).then(|| format!("{path}/")) {
            head.push_str(&format!("Location: {to}\r\n"));
        }
        if close {
            head.push_str("Connection: close\r\n");
        }
        head.push_str("\r\n");
        out.write_all(head.as_bytes())?;
        if method != "HEAD" {
            out.write_all(&body)?;
        }
        out.flush()?;
        if close {
            return Ok(());
        }
    }
}

/// The event stream of one page: the status at once, then each change;
/// a comment every 15 s finds connections the browser has closed.
fn events(mut out: TcpStream, live: &Live) -> io::Result<()> {
    out.write_all(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\nretry: 500\n\n",
    )?;
    let mut seen = None;
    loop {
        match live.next(seen, Duration::from_secs(15)) {
            Some((seq, status)) => {
                seen = Some(seq);
                let json = serde_json::to_string(&status).map_err(io::Error::other)?;
                out.write_all(format!("data: {json}\n\n").as_bytes())?;
            }
            None => out.write_all(b": ping\n\n")?,
        }
        out.flush()?;
    }
}

fn status_line(status: u16) -> &'static str {
    match status {
        200 => "200 OK",
        301 => "301 Moved Permanently",
        404 => "404 Not Found",
        _ => "405 Method Not Allowed",
    }
}

/// Status, content type and body for a GET of `path`.
fn respond(dir: &Path, path: &str, live: &Live) -> (u16, &'static str, Vec<u8>) {
    match path {
        "/__serve/reload.js" => return (200, content_type("js"), RELOAD_JS.into()),
        "/__serve/overlay.css" => return (200, content_type("css"), OVERLAY_CSS.into()),
        "/sw.js" => return (200, content_type("js"), NO_CACHE_SW.into()),
        _ => {}
    }
    let version = live.status().version;
    let decoded = percent_decode(path);
    let rel = decoded.trim_start_matches('/');
    if rel.split('/').any(|seg| seg == ".." || seg.contains('\\')) {
        return not_found(dir, version);
    }
    let mut file = dir.join(rel);
    if file.is_dir() {
        if !rel.is_empty() && !rel.ends_with('/') {
            return (301, content_type("txt"), Vec::new());
        }
        file = file.join("index.html");
    }
    match std::fs::read(&file) {
        Ok(bytes) => {
            let ext = file.extension().and_then(|e| e.to_str()).unwrap_or("");
            let bytes = if ext == "html" {
                inject(bytes, version)
            } else {
                bytes
            };
            (200, content_type(ext), bytes)
        }
        Err(_) => not_found(dir, version),
    }
}

/// The guide to writing rules (`coverage.rs`): the content read afresh,
/// so it shows what is saved now; `slug` empty lists the plans.
fn guide(content: &Path, slug: &str, version: u64) -> (u16, &'static str, Vec<u8>) {
    let page = match crate::build::check(content) {
        Err(problems) => Err(format!(
            "The content does not build, so no guide can be drawn: {} problems (see the page's overlay).",
            problems.0.len()
        )),
        Ok(c) if slug.is_empty() => Ok(crate::coverage::index(&c.plans)),
        Ok(c) => match c.plans.iter().find(|p| p.slug == slug) {
            Some(p) => crate::coverage::page(p),
            None => Err(format!("No plan {slug:?}.")),
        },
    };
    match page {
        Ok(html) => (
            200,
            content_type("html"),
            inject(html.into_bytes(), version),
        ),
        Err(msg) => (404, content_type("txt"), msg.into_bytes()),
    }
}

fn not_found(dir: &Path, version: u64) -> (u16, &'static str, Vec<u8>) {
    let page = std::fs::read(dir.join("404.html")).unwrap_or_else(|_| {
        b"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>site-gen serve</title></head>\
          <body><p>Not found, or the site has not been built yet.</p></body></html>"
            .to_vec()
    });
    (404, content_type("html"), inject(page, version))
}

/// The page with the reload script before its `</body>`.
pub fn inject(mut page: Vec<u8>, version: u64) -> Vec<u8> {
    let tag = format!("<script src=\"/__serve/reload.js\" data-version=\"{version}\"></script>");
    let at = page
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(page.len());
    page.splice(at..at, tag.into_bytes());
    page
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
        if b[i] == b'%'
            && i + 2 < b.len()
            && let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2]))
        {
            out.push(h * 16 + l);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn content_type(ext: &str) -> &'static str {
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
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_goes_before_the_last_body_end() {
        let page = b"<html><body><p>x</p></body></html>".to_vec();
        assert_eq!(
            String::from_utf8(inject(page, 3)).unwrap(),
            "<html><body><p>x</p><script src=\"/__serve/reload.js\" data-version=\"3\"></script></body></html>"
        );
        assert!(
            String::from_utf8(inject(b"text".to_vec(), 1))
                .unwrap()
                .starts_with("text<script")
        );
    }

    #[test]
    fn paths_are_decoded_and_kept_inside() {
        assert_eq!(percent_decode("/ke-hoach/a%20b.html"), "/ke-hoach/a b.html");
        assert_eq!(percent_decode("/%zz%2"), "/%zz%2");
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("404.html"), "<body>missing</body>").unwrap();
        std::fs::write(dir.path().join("a.txt"), "a").unwrap();
        let live = Live::default();
        assert_eq!(respond(dir.path(), "/a.txt", &live).2, b"a");
        let (status, _, body) = respond(dir.path(), "/../etc/passwd", &live);
        assert_eq!(status, 404);
        assert!(String::from_utf8(body).unwrap().contains("missing<script"));
        // The site's worker is never sent: it would serve old pages.
        assert_eq!(
            respond(dir.path(), "/sw.js", &live).2,
            NO_CACHE_SW.as_bytes()
        );
    }

    #[test]
    fn an_event_stream_sees_each_change() {
        let live = Live::default();
        let (seq, s) = live.next(None, Duration::ZERO).unwrap();
        assert_eq!(s.version, 0);
        assert!(live.next(Some(seq), Duration::from_millis(10)).is_none());
        live.update(|s| s.version = 7);
        let (_, s) = live.next(Some(seq), Duration::from_secs(5)).unwrap();
        assert_eq!(s.version, 7);
    }

    #[test]
    fn the_guide_marks_what_rules_cite_and_lists_what_they_do_not() {
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid");
        let (status, kind, body) = guide(&fixture, "alpha", 7);
        assert_eq!((status, kind), (200, content_type("html")));
        let html = String::from_utf8(body).unwrap();
        assert!(html.contains("<mark class=\"cited\" title=\"criterion nhiem-vu-chinh-tri, indicator ket-nap-2\">Kết nạp ít nhất 02 đảng viên.</mark>"), "{html}");
        assert!(html.contains("data-version=\"7\""), "the reload script");
        let (status, _, body) = guide(&fixture, "", 7);
        assert_eq!(status, 200);
        assert!(
            String::from_utf8(body)
                .unwrap()
                .contains("href=\"/__serve/coverage/alpha\"")
        );
        assert_eq!(guide(&fixture, "khong-co", 7).0, 404);
    }
}
