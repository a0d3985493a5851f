//! `cargo xtask dist`: one site-gen binary for a publisher, with the two
//! WASM modules inside (site-gen's build.rs embeds trunk's output named by
//! `BONTOT_EMBED_APP`), and its check: `init`, `build`, `check`, a batch
//! command and `serve` from that binary alone, in a fresh folder, with no
//! cargo, rustc, trunk, node or npm on PATH.

use crate::{Result, build, cli, root, run};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Where the binary is put.
pub fn binary_path() -> PathBuf {
    root().join("target/dist-bin/site-gen")
}

/// `cargo xtask dist [--app DIR] [--check]`.
pub fn command(args: &cli::Dist) -> Result<()> {
    let app = match &args.app {
        Some(dir) => dir.clone(),
        None => {
            let dir = root().join("target/trunk-dist");
            build::build_app(&dir)?;
            dir
        }
    };
    let bin = build_embedded(&app)?;
    if args.check {
        check(&bin)?;
    }
    Ok(())
}

/// Builds site-gen (profile `native`, this machine's target: Linux x86-64
/// here) with the modules of trunk's output `app` inside; returns the path
/// of a copy in `target/dist-bin/`.
pub fn build_embedded(app: &Path) -> Result<PathBuf> {
    let app = std::fs::canonicalize(app).map_err(|e| format!("{}: {e}", app.display()))?;
    eprintln!(
        "Building site-gen with the modules of {} inside...",
        app.display()
    );
    run(Command::new(env!("CARGO"))
        .current_dir(root())
        .args(["build", "--quiet", "--profile", "native", "-p", "site-gen"])
        .env("BONTOT_EMBED_APP", &app))?;
    let bin = binary_path();
    std::fs::create_dir_all(bin.parent().ok_or("no parent")?)?;
    std::fs::copy(root().join("target/native/site-gen"), &bin)?;
    let size = std::fs::metadata(&bin)?.len();
    eprintln!(
        "{}: {:.1} MB, needs nothing else (copy it anywhere on PATH)",
        bin.display(),
        size as f64 / 1e6
    );
    Ok(bin)
}

/// PATH without any folder that holds a developer tool.
fn bare_path() -> Result<std::ffi::OsString> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let tools = ["cargo", "rustc", "rustup", "trunk", "node", "npm", "npx"];
    let kept: Vec<PathBuf> = std::env::split_paths(&path)
        .filter(|d| !tools.iter().any(|t| d.join(t).exists()))
        .collect();
    Ok(std::env::join_paths(kept)?)
}

/// The publisher's path from the binary alone: init, check, build (with
/// the calculator), a batch command, then serve, edit a plan and see the
/// page rebuilt.
pub fn check(bin: &Path) -> Result<()> {
    let work = std::env::temp_dir().join(format!("bontot-dist-check-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work)?;
    // The binary is copied in, as a publisher would download it.
    let own = work.join("site-gen");
    std::fs::copy(bin, &own)?;
    let path = bare_path()?;
    let r = check_in(&own, &work, &path);
    let _ = std::fs::remove_dir_all(&work);
    r
}

fn check_in(bin: &Path, work: &Path, path: &std::ffi::OsStr) -> Result<()> {
    let cmd = |dir: &Path| {
        let mut c = Command::new(bin);
        c.current_dir(dir)
            .env_clear()
            .env("PATH", path)
            .env("HOME", work);
        c
    };
    let output = |c: &mut Command, what: &str| -> Result<(String, String)> {
        let o = c.output()?;
        let (out, err) = (
            String::from_utf8_lossy(&o.stdout).into_owned(),
            String::from_utf8_lossy(&o.stderr).into_owned(),
        );
        if !o.status.success() {
            return Err(format!("site-gen {what} failed ({}):\n{out}{err}", o.status).into());
        }
        Ok((out, err))
    };
    for tool in ["cargo", "node"] {
        if cmd(work).arg0_probe(tool) {
            return Err(format!("{tool} is still on the bare PATH").into());
        }
    }
    output(cmd(work).args(["init", "site"]), "init")?;
    let site = work.join("site");
    output(cmd(&site).arg("check"), "check")?;
    let (_, err) = output(cmd(&site).arg("build"), "build")?;
    if err.contains("no calculator modules") {
        return Err(format!("the binary carries no calculator modules:\n{err}").into());
    }
    let app: Vec<String> = std::fs::read_dir(site.join("dist/app"))?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    for want in ["start.js", "search.js", "desk.js"] {
        if !app.iter().any(|a| a == want) {
            return Err(format!("dist/app has no {want}: {app:?}").into());
        }
    }
    if app.iter().filter(|a| a.ends_with("_bg.wasm")).count() != 3 {
        return Err(format!("dist/app lacks one of the three WASM modules: {app:?}").into());
    }
    let (csv, _) = output(
        cmd(&site).args(["template", "--plan", "binh-tan"]),
        "template",
    )?;
    if csv.lines().next().is_none_or(|l| !l.contains(',')) {
        return Err(format!("template printed no CSV header: {csv}").into());
    }
    eprintln!("init, check, build (with the three modules), template: ok");
    serve_check(cmd(&site), &site)?;
    eprintln!("serve: ok (page served with the reload script, rebuilt after an edit)");
    Ok(())
}

trait Probe {
    /// Whether `tool` can be started with this command's environment.
    fn arg0_probe(&mut self, tool: &str) -> bool;
}

impl Probe for Command {
    fn arg0_probe(&mut self, tool: &str) -> bool {
        let path = self
            .get_envs()
            .find(|(k, _)| *k == "PATH")
            .and_then(|(_, v)| v.map(|v| v.to_os_string()))
            .unwrap_or_default();
        std::env::split_paths(&path).any(|d| d.join(tool).exists())
    }
}

/// A running `site-gen serve`, stopped (SIGTERM, so that it removes its
/// temporary files) when dropped.
pub struct Server {
    child: std::process::Child,
    pub port: u16,
    /// Kept open: a server that prints to a closed pipe would fail.
    _stdout: BufReader<std::process::ChildStdout>,
}

impl Drop for Server {
    fn drop(&mut self) {
        // SAFETY: kill(2) on our own child's pid.
        unsafe { libc::kill(self.child.id() as libc::pid_t, libc::SIGTERM) };
        let _ = self.child.wait();
    }
}

/// Starts `cmd` (`site-gen serve` and its other options) with `--port 0
/// --out OUT` and waits until its first build is served.
pub fn start_server(mut cmd: Command, out: &Path) -> Result<Server> {
    let mut child = cmd
        .args(["--port", "0", "--out"])
        .arg(out)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()?;
    let stdout = child.stdout.take().ok_or("no stdout")?;
    let mut stdout = BufReader::new(stdout);
    let mut line = String::new();
    stdout.read_line(&mut line)?;
    let mut server = Server {
        child,
        port: 0,
        _stdout: stdout,
    };
    server.port = line
        .split("http://127.0.0.1:")
        .nth(1)
        .and_then(|s| s.split('/').next())
        .and_then(|p| p.parse().ok())
        .ok_or_else(|| format!("site-gen serve said: {line:?}"))?;
    Ok(server)
}

/// GET `path`: status code and body.
pub fn get(port: u16, path: &str) -> Result<(u16, String)> {
    let mut s = TcpStream::connect(("127.0.0.1", port))?;
    s.write_all(format!("GET {path} HTTP/1.0\r\nHost: x\r\n\r\n").as_bytes())?;
    let mut text = String::new();
    s.read_to_string(&mut text)?;
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = text.split_once("\r\n\r\n").map_or("", |b| b.1).to_string();
    Ok((status, body))
}

/// The server's event stream: each status's version, as it comes.
pub struct Events {
    r: BufReader<TcpStream>,
}

impl Events {
    pub fn open(port: u16) -> Result<Events> {
        let mut s = TcpStream::connect(("127.0.0.1", port))?;
        s.set_read_timeout(Some(Duration::from_secs(60)))?;
        s.write_all(b"GET /__serve/events HTTP/1.1\r\nHost: x\r\n\r\n")?;
        Ok(Events {
            r: BufReader::new(s),
        })
    }

    /// The next status: (version, whether it has problems).
    pub fn next(&mut self) -> Result<(u64, bool)> {
        loop {
            let mut line = String::new();
            if self.r.read_line(&mut line)? == 0 {
                return Err("the event stream ended".into());
            }
            if let Some(json) = line.strip_prefix("data: ") {
                let v: serde_json::Value = serde_json::from_str(json)?;
                let version = v["version"].as_u64().ok_or("no version")?;
                let problems = v["problems"].as_array().is_some_and(|p| !p.is_empty());
                return Ok((version, problems));
            }
        }
    }

    /// Waits for a good build after `version`.
    pub fn built_after(&mut self, version: u64) -> Result<u64> {
        loop {
            let (v, problems) = self.next()?;
            if v > version && !problems {
                return Ok(v);
            }
        }
    }
}

/// Serves the site, checks a page, edits the plan, sees the new text.
fn serve_check(mut cmd: Command, site: &Path) -> Result<()> {
    cmd.arg("serve");
    let server = start_server(cmd, &site.join("preview"))?;
    let (status, home) = get(server.port, "/")?;
    if status != 200 || !home.contains("/__serve/reload.js") {
        return Err(format!("GET / gave {status}, reload script missing:\n{home}").into());
    }
    let (status, _) = get(server.port, "/app/start.js")?;
    if status != 200 {
        return Err(format!("GET /app/start.js gave {status}").into());
    }
    let mut events = Events::open(server.port)?;
    let (version, _) = events.next()?;
    let plan = site.join("content/plans/binh-tan.md");
    let mut text = std::fs::read_to_string(&plan)?;
    text.push_str("\nĐoạn thêm để thử xem trước.\n");
    let t = Instant::now();
    std::fs::write(&plan, text)?;
    events.built_after(version)?;
    let (_, page) = get(server.port, "/ke-hoach/binh-tan.html")?;
    if !page.contains("Đoạn thêm để thử xem trước.") {
        return Err("the edited plan's page does not show the new text".into());
    }
    eprintln!(
        "edit → page rebuilt in {:.0} ms",
        t.elapsed().as_secs_f64() * 1000.0
    );
    Ok(())
}
