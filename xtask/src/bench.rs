//! `cargo xtask bench`: figures, not pass/fail. site-gen against its peers
//! on the same synthetic Markdown corpus, like for like (wall time, pages per
//! second, peak memory): site-gen with its search index against Hugo plus
//! Pagefind (a searchable site either way), site-gen without it against Hugo
//! alone;
//! the real site's build time, the calculator's download size, and the
//! engine's time per evaluation, and the search index: its cost in the
//! build, its size, and the bytes a phone downloads for typical queries;
//! last, the site on a cheap phone (`phone.rs`).

use crate::{Result, build, cli, root, tools};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// Wall time and peak resident memory of one run of a command.
#[derive(Clone, Copy)]
struct Measure {
    wall: Duration,
    peak_kb: i64,
}

/// Runs `cmd` to completion and reads its own rusage (wait4), so the peak
/// memory is this run's, not the largest of all children so far.
fn measure(cmd: &mut Command) -> Result<Measure> {
    cmd.stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped());
    // What earlier runs (or the corpus) left to write goes to disk before
    // the timer starts: the kernel's writeback of the last run's gigabytes
    // would otherwise compete with this one for the two cores.
    sync();
    let start = Instant::now();
    let mut child = cmd
        .spawn()
        .map_err(|e| format!("cannot start {:?}: {e}", cmd.get_program()))?;
    let mut stderr = child.stderr.take();
    let pid = child.id() as libc::pid_t;
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        if let Some(e) = stderr.as_mut() {
            let _ = std::io::Read::read_to_string(e, &mut s);
        }
        s
    });
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our child, not yet waited for; the pointers are valid.
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = start.elapsed();
    let err = reader.join().unwrap_or_default();
    if r != pid || !libc::WIFEXITED(status) || libc::WEXITSTATUS(status) != 0 {
        return Err(format!("{:?} failed:\n{err}", cmd.get_program()).into());
    }
    std::mem::forget(child);
    Ok(Measure {
        wall,
        peak_kb: usage.ru_maxrss,
    })
}

fn best(runs: usize, mut f: impl FnMut() -> Result<Measure>) -> Result<Measure> {
    let mut best: Option<Measure> = None;
    for _ in 0..runs {
        let m = f()?;
        best = Some(match best {
            Some(b) if b.wall <= m.wall => Measure {
                peak_kb: b.peak_kb.max(m.peak_kb),
                ..b
            },
            Some(b) => Measure {
                peak_kb: b.peak_kb.max(m.peak_kb),
                ..m
            },
            None => m,
        });
    }
    best.ok_or_else(|| "no runs".into())
}

fn count_html(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .map(|p| {
                    if p.is_dir() {
                        count_html(&p)
                    } else {
                        usize::from(p.extension().is_some_and(|e| e == "html"))
                    }
                })
                .sum()
        })
        .unwrap_or(0)
}

/// The real plans, as (file name, text), to be copied into the corpus.
fn seed_plans() -> Result<Vec<(String, String)>> {
    let mut plans = Vec::new();
    for e in std::fs::read_dir(root().join("content/plans"))? {
        let p = e?.path();
        if p.extension().is_some_and(|x| x == "md") {
            let name = p
                .file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            plans.push((name, std::fs::read_to_string(&p)?));
        }
    }
    plans.sort();
    Ok(plans)
}

/// Writes `n` plan-sized pages (copies of the real plans, each its own
/// slug) as a site-gen content folder and as a Hugo site over the same files.
fn corpus(n: usize, dir: &Path) -> Result<(PathBuf, PathBuf)> {
    let sg = dir.join("site-gen");
    let hugo = dir.join("hugo");
    if sg.join("plans").join(format!("p{:06}.md", n - 1)).exists() {
        return Ok((sg, hugo));
    }
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(sg.join("plans"))?;
    std::fs::create_dir_all(hugo.join("content/ke-hoach"))?;
    std::fs::create_dir_all(hugo.join("layouts/_default"))?;
    for f in ["site.toml", "glossary.toml"] {
        std::fs::copy(root().join("content").join(f), sg.join(f))?;
    }
    let seeds = seed_plans()?;
    for i in 0..n {
        let (_, text) = &seeds[i % seeds.len()];
        let path = sg.join("plans").join(format!("p{i:06}.md"));
        std::fs::write(&path, text)?;
        std::fs::hard_link(
            &path,
            hugo.join("content/ke-hoach").join(format!("p{i:06}.md")),
        )?;
    }
    std::fs::write(
        hugo.join("hugo.toml"),
        "baseURL = 'https://example.test/'\nlanguageCode = 'vi'\ntitle = 'Bốn Tốt'\n\
         disableKinds = ['taxonomy', 'term', 'RSS']\n[markup.tableOfContents]\nstartLevel = 1\nendLevel = 6\n",
    )?;
    let shell = |inner: &str| {
        format!(
            "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>{{{{ .Title }}}}</title>\
             <link rel=\"stylesheet\" href=\"{{{{ \"style.css\" | relURL }}}}\"></head><body>\
             <nav><a href=\"{{{{ \"\" | relURL }}}}\">Bốn Tốt</a></nav><main>{inner}</main></body></html>"
        )
    };
    std::fs::write(
        hugo.join("layouts/_default/single.html"),
        shell(
            "<h1>{{ .Title }}</h1><dl><dt>Số</dt><dd>{{ .Params.number }}</dd><dt>Ngày</dt><dd>{{ .Date.Format \"02/01/2006\" }}</dd></dl>{{ .TableOfContents }}<article>{{ .Content }}</article>",
        ),
    )?;
    std::fs::write(
        hugo.join("layouts/_default/list.html"),
        shell(
            "<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul>",
        ),
    )?;
    std::fs::write(
        hugo.join("layouts/index.html"),
        shell(
            "<ul>{{ range .Site.RegularPages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Params.locality }}: {{ .Title }}</a></li>{{ end }}</ul>",
        ),
    )?;
    Ok((sg, hugo))
}

/// Where earlier outputs go before a timed run, deleted only when the
/// bench ends. Deleting tens of thousands of files just before a run slows
/// the next run's file creation on this machine's ext4 (no journal: the
/// kernel skips inodes freed in the last minute or so, one by one), which
/// would charge each tool for the previous run's deletion, and the tool
/// writing more files the most. A rename frees nothing.
struct Trash {
    dir: PathBuf,
    n: usize,
    /// Every output folder cleared so far: the last runs' outputs are
    /// deleted too when the bench ends (at 100,000 pages a bench writes
    /// about 20 GB, and the next one must not start with it on disk).
    outputs: Vec<PathBuf>,
}

impl Trash {
    fn new(work: &Path) -> Result<Trash> {
        let dir = work.join("trash");
        if dir.exists() {
            eprintln!("deleting the trash of an interrupted bench...");
            std::fs::remove_dir_all(&dir)?;
        }
        std::fs::create_dir_all(&dir)?;
        Ok(Trash {
            dir,
            n: 0,
            outputs: Vec::new(),
        })
    }

    /// Moves `path` out of the way, if it exists.
    fn clear(&mut self, path: &Path) -> Result<()> {
        if !self.outputs.iter().any(|p| p == path) {
            self.outputs.push(path.to_path_buf());
        }
        if path.exists() {
            self.n += 1;
            std::fs::rename(path, self.dir.join(self.n.to_string()))?;
        }
        Ok(())
    }

    /// Deletes the trash and the last output of every kind.
    fn empty(mut self) -> Result<()> {
        for p in std::mem::take(&mut self.outputs) {
            self.clear(&p)?;
        }
        std::fs::remove_dir_all(&self.dir)?;
        Ok(())
    }
}

/// One timed site-gen build of `content` into a fresh `out`, with or
/// without the search index.
fn site_gen_run(
    site_gen: &Path,
    content: &Path,
    out: &Path,
    index: bool,
    trash: &mut Trash,
) -> Result<Measure> {
    trash.clear(out)?;
    let mut cmd = Command::new(site_gen);
    if !index {
        cmd.env("BONTOT_NO_SEARCH", "1");
    }
    measure(
        cmd.arg("build")
            .arg("--content")
            .arg(content)
            .arg("--out")
            .arg(out),
    )
}

/// Writes files of the same names and sizes as the finished output `from`
/// into a fresh `to`, from memory, one writer per core: what creating
/// those files and writing those bytes alone costs on this disk, whichever
/// program writes them (nothing is read or computed). Best of `runs`.
fn write_floor(from: &Path, to: &Path, runs: usize, trash: &mut Trash) -> Result<Duration> {
    write_floor_in(from, to, runs, trash)
        .map_err(|e| format!("writing the floor {}: {e}", to.display()).into())
}

fn write_floor_in(from: &Path, to: &Path, runs: usize, trash: &mut Trash) -> Result<Duration> {
    let (mut dirs, mut files) = (Vec::new(), Vec::new());
    list(from, Path::new(""), &mut dirs, &mut files)?;
    let data = vec![b'x'; files.iter().map(|f| f.1).max().unwrap_or(0)];
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut best = Duration::MAX;
    for _ in 0..runs {
        trash.clear(to)?;
        sync();
        let start = Instant::now();
        std::fs::create_dir_all(to)?;
        for d in &dirs {
            std::fs::create_dir(to.join(d))?;
        }
        std::thread::scope(|s| {
            let writers: Vec<_> = (0..threads)
                .map(|t| {
                    let (files, data) = (&files, &data);
                    s.spawn(move || {
                        files
                            .iter()
                            .skip(t)
                            .step_by(threads)
                            .try_for_each(|(f, n)| std::fs::write(to.join(f), &data[..*n]))
                    })
                })
                .collect();
            writers.into_iter().try_for_each(|w| {
                w.join()
                    .unwrap_or_else(|_| Err(std::io::Error::other("writer panicked")))
            })
        })?;
        best = best.min(start.elapsed());
    }
    Ok(best)
}

/// The folders (parents first) and files, with sizes, under `dir`, as
/// paths relative to it.
fn list(
    dir: &Path,
    rel: &Path,
    dirs: &mut Vec<PathBuf>,
    files: &mut Vec<(PathBuf, usize)>,
) -> Result<()> {
    for e in std::fs::read_dir(dir.join(rel))? {
        let e = e?;
        let r = rel.join(e.file_name());
        if e.file_type()?.is_dir() {
            dirs.push(r.clone());
            list(dir, &r, dirs, files)?;
        } else {
            files.push((r, e.metadata()?.len() as usize));
        }
    }
    Ok(())
}

/// Flushes what earlier runs left in the page cache to disk.
fn sync() {
    // SAFETY: sync(2) takes no arguments and cannot fail.
    unsafe { libc::sync() };
}

fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
}

/// `site-gen serve` on `content`: the plan `slug` edited `rounds` times,
/// each time from writing the file to its page fetched with the new text
/// (what a browser's reload then costs comes on top: tens of ms).
fn reload_times(
    site_gen: &Path,
    content: &Path,
    app: Option<&Path>,
    slug: &str,
    out: &Path,
    rounds: usize,
) -> Result<Vec<Duration>> {
    use crate::dist::{Events, get, start_server};
    let plan = content.join("plans").join(format!("{slug}.md"));
    let original = std::fs::read_to_string(&plan)?;
    let mut cmd = Command::new(site_gen);
    cmd.arg("serve").arg("--content").arg(content);
    if let Some(app) = app {
        cmd.arg("--app").arg(app);
    }
    let server = start_server(cmd, out)?;
    let mut events = Events::open(server.port)?;
    let (mut version, _) = events.next()?;
    let mut times = Vec::new();
    let mut rounds = || -> Result<()> {
        for i in 0..rounds {
            let marker = format!("Đoạn sửa thử số {i} của phép đo.");
            // What the last build wrote goes to disk first (as in `measure`).
            sync();
            std::thread::sleep(Duration::from_millis(300));
            let t = Instant::now();
            std::fs::write(&plan, format!("{original}\n{marker}\n"))?;
            version = events.built_after(version)?;
            let (_, page) = get(server.port, &format!("/ke-hoach/{slug}.html"))?;
            times.push(t.elapsed());
            if !page.contains(&marker) {
                return Err(format!("{slug}: the page served lacks the edit").into());
            }
        }
        Ok(())
    };
    let r = rounds();
    std::fs::write(&plan, &original)?;
    drop(server);
    r.map(|()| times)
}

/// The bench's line for [`reload_times`].
fn reload_line(what: &str, times: &mut [Duration], target_ms: f64) -> String {
    times.sort();
    let ms = |d: Duration| secs(d) * 1000.0;
    let median = ms(times[times.len() / 2]);
    format!(
        "reload: {what}, one plan edited under site-gen serve → its page served rebuilt: \
         median {median:.0} ms ({:.0}–{:.0} ms over {}); target ≤ {target_ms:.0} ms: {}",
        ms(times[0]),
        ms(times[times.len() - 1]),
        times.len(),
        if median <= target_ms {
            "met"
        } else {
            "NOT MET"
        }
    )
}

/// The reload rows: the real site (a copy of content/, with the
/// calculator's modules), and the corpus of `n` pages when given.
fn reload_rows(
    site_gen: &Path,
    app: &Path,
    work: &Path,
    corpus_n: Option<usize>,
    trash: &mut Trash,
) -> Result<Vec<String>> {
    let mut lines = Vec::new();
    let real = work.join("reload-real");
    let _ = std::fs::remove_dir_all(&real);
    crate::test::copy_tree(&root().join("content"), &real.join("content"))?;
    let out = real.join("out");
    let mut t = reload_times(
        site_gen,
        &real.join("content"),
        Some(app),
        "binh-tan",
        &out,
        7,
    )?;
    lines.push(reload_line("real site", &mut t, 300.0));
    let _ = std::fs::remove_dir_all(&real);
    if let Some(n) = corpus_n {
        let dir = work.join(format!("corpus-{n}"));
        let (sg, _) = corpus(n, &dir)?;
        let out = dir.join("out-serve");
        trash.clear(&out)?;
        let mut t = reload_times(site_gen, &sg, None, &format!("p{:06}", n / 2), &out, 3)?;
        lines.push(reload_line(&format!("{n} pages"), &mut t, 1000.0));
    }
    Ok(lines)
}

pub fn command(args: &cli::Bench) -> Result<()> {
    let (sizes, big) = (&args.sizes, args.big);
    let site_gen = build::build_site_gen()?;
    if args.reload_only {
        let app = root().join("target/trunk-dist");
        if !app.is_dir() {
            build::build_app(&app)?;
        }
        let work = root().join("target/bench");
        std::fs::create_dir_all(&work)?;
        let mut trash = Trash::new(&work)?;
        let lines = reload_rows(
            &site_gen,
            &app,
            &work,
            sizes.iter().copied().max(),
            &mut trash,
        )?;
        lines.iter().for_each(|l| println!("{l}"));
        trash.empty()?;
        return Ok(());
    }
    let hugo = tools::ensure_hugo()?;
    let pagefind = tools::ensure_pagefind()?;
    let hugo_version =
        String::from_utf8_lossy(&Command::new(&hugo).arg("version").output()?.stdout)
            .trim()
            .to_string();
    let work = root().join("target/bench");
    std::fs::create_dir_all(&work)?;
    let mut trash = Trash::new(&work)?;
    let mut report = Vec::new();
    let mut say = |line: String| {
        println!("{line}");
        report.push(line);
    };
    say(format!(
        "machine: {} cores; site-gen (profile native); {hugo_version}; Pagefind {}",
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1),
        tools::PAGEFIND_VERSION
    ));

    // The real site, with the calculator's files.
    let app = root().join("target/trunk-dist");
    if !app.is_dir() {
        build::build_app(&app)?;
    }
    let out = work.join("real-dist");
    let real = best(5, || {
        trash.clear(&out)?;
        measure(
            Command::new(&site_gen)
                .arg("build")
                .arg("--content")
                .arg(root().join("content"))
                .arg("--app")
                .arg(&app)
                .arg("--out")
                .arg(&out),
        )
    })?;
    say(format!(
        "real site: {} pages in {:.1} ms (best of 5), peak {:.1} MB; target under 100 ms",
        count_html(&out),
        secs(real.wall) * 1000.0,
        real.peak_kb as f64 / 1024.0
    ));
    // Search figures, printed after the table.
    let (mut search_lines, mut search_max) = crate::search::report(&out, "real site")?;
    // Live reload: the real site and the largest corpus, printed after
    // the table too.
    let reload = reload_rows(
        &site_gen,
        &app,
        &work,
        sizes.iter().copied().max(),
        &mut trash,
    )?;

    say("\n| pages | tool | wall s | pages/s | peak MB | site-gen / peer |".into());
    say("|---:|---|---:|---:|---:|---:|".into());
    for &n in sizes {
        let dir = work.join(format!("corpus-{n}"));
        eprintln!("generating a corpus of {n} pages...");
        let (sg, hg) = corpus(n, &dir)?;
        let sg_out = dir.join("out-site-gen");
        let hugo_out = dir.join("out-hugo");
        let runs = if n >= 10_000 { 2 } else { 3 };
        // Both tools write into a fresh folder each run, so neither pays
        // for deleting the last output (see `Trash`).
        let s = best(runs, || {
            site_gen_run(&site_gen, &sg, &sg_out, true, &mut trash)
        })?;
        let s_pages = count_html(&sg_out);
        let (lines, max) = crate::search::report(&sg_out, &format!("{n} pages"))?;
        search_lines.extend(lines);
        search_max = search_max.max(max);
        let plain_out = dir.join("out-site-gen-plain");
        let plain = best(runs, || {
            site_gen_run(&site_gen, &sg, &plain_out, false, &mut trash)
        })?;
        let h = best(runs.min(2), || {
            trash.clear(&hugo_out)?;
            measure(
                Command::new(&hugo)
                    .arg("--quiet")
                    .arg("--source")
                    .arg(&hg)
                    .arg("--destination")
                    .arg(&hugo_out),
            )
        })?;
        // Hugo's output made searchable: Pagefind indexes it in place, after
        // a Hugo build into a fresh folder (its time and peak counted apart
        // from Hugo's, then added).
        let hp = best(runs.min(2), || {
            trash.clear(&hugo_out)?;
            let h = measure(
                Command::new(&hugo)
                    .arg("--quiet")
                    .arg("--source")
                    .arg(&hg)
                    .arg("--destination")
                    .arg(&hugo_out),
            )?;
            sync();
            let p = measure(
                Command::new(&pagefind)
                    .arg("--site")
                    .arg(&hugo_out)
                    .arg("--silent"),
            )?;
            Ok(Measure {
                wall: h.wall + p.wall,
                peak_kb: h.peak_kb.max(p.peak_kb),
            })
        })?;
        let floor = write_floor(&sg_out, &dir.join("floor"), runs, &mut trash)?;
        let floor_plain = write_floor(&plain_out, &dir.join("floor-plain"), runs, &mut trash)?;
        let h_pages = count_html(&hugo_out);
        let ratio = secs(s.wall) / secs(h.wall);
        say(format!(
            "| {n} | site-gen with its search index | {:.2} | {:.0} | {:.0} | {:.2} of Hugo + Pagefind ({:.2} of Hugo; target ≤ 0.20) |",
            secs(s.wall),
            s_pages as f64 / secs(s.wall),
            s.peak_kb as f64 / 1024.0,
            secs(s.wall) / secs(hp.wall),
            ratio
        ));
        say(format!(
            "| {n} | site-gen without search index | {:.2} | {:.0} | {:.0} | {:.2} of Hugo |",
            secs(plain.wall),
            s_pages as f64 / secs(plain.wall),
            plain.peak_kb as f64 / 1024.0,
            secs(plain.wall) / secs(h.wall)
        ));
        say(format!(
            "| {n} | writing site-gen's files alone (floor) | {:.2} | | | {:.2} |",
            secs(floor),
            secs(floor) / secs(h.wall)
        ));
        say(format!(
            "| {n} | writing the files without search index alone | {:.2} | | | {:.2} |",
            secs(floor_plain),
            secs(floor_plain) / secs(h.wall)
        ));
        say(format!(
            "| {n} | Hugo + Pagefind (searchable) | {:.2} | {:.0} | {:.0} | |",
            secs(hp.wall),
            h_pages as f64 / secs(hp.wall),
            hp.peak_kb as f64 / 1024.0
        ));
        say(format!(
            "| {n} | Hugo alone | {:.2} | {:.0} | {:.0} | |",
            secs(h.wall),
            h_pages as f64 / secs(h.wall),
            h.peak_kb as f64 / 1024.0
        ));
        say(format!(
            "|  | (HTML files: site-gen {s_pages}, Hugo {h_pages}) | | | | |"
        ));
    }
    if let Some(n) = big {
        let dir = work.join(format!("corpus-{n}"));
        eprintln!("generating a corpus of {n} pages (site-gen only)...");
        let (sg, _) = corpus(n, &dir)?;
        let sg_out = dir.join("out-site-gen");
        let s = site_gen_run(&site_gen, &sg, &sg_out, true, &mut trash)?;
        say(format!(
            "| {n} | site-gen | {:.2} | {:.0} | {:.0} | target < 20 s, < 500 MB |",
            secs(s.wall),
            count_html(&sg_out) as f64 / secs(s.wall),
            s.peak_kb as f64 / 1024.0
        ));
        let floor = write_floor(&sg_out, &dir.join("floor"), 1, &mut trash)?;
        say(format!(
            "| {n} | writing site-gen's files alone (floor) | {:.2} | | | |",
            secs(floor)
        ));
        let plain_out = dir.join("out-site-gen-plain");
        let plain = site_gen_run(&site_gen, &sg, &plain_out, false, &mut trash)?;
        say(format!(
            "| {n} | site-gen without search index | {:.2} | {:.0} | {:.0} | |",
            secs(plain.wall),
            count_html(&plain_out) as f64 / secs(plain.wall),
            plain.peak_kb as f64 / 1024.0
        ));
        let floor_plain = write_floor(&plain_out, &dir.join("floor-plain"), 1, &mut trash)?;
        say(format!(
            "| {n} | writing the files without search index alone | {:.2} | | | |",
            secs(floor_plain)
        ));
        let (lines, max) = crate::search::report(&sg_out, &format!("{n} pages"))?;
        search_lines.extend(lines);
        search_max = search_max.max(max);
    }
    say(
        "\n\"alone (floor)\" rows: files of the same names and sizes as \
         site-gen's output, written from memory by one thread per core: the \
         cost of creating those files and writing those bytes on this disk, \
         whichever program makes them."
            .into(),
    );

    say(String::new());
    for l in reload {
        say(l);
    }

    // The search index: sizes and what one query downloads.
    say(String::new());
    for l in search_lines {
        say(l);
    }
    say(format!(
        "search: most bytes for one query {:.1} KB, target < {} KB raw: {}",
        search_max as f64 / 1024.0,
        crate::search::BUDGET / 1024,
        if search_max < crate::search::BUDGET {
            "ok"
        } else {
            "OVER"
        }
    ));

    // The engine: time per evaluation of each plan's rules (native).
    say(String::new());
    let eval = Command::new(env!("CARGO"))
        .current_dir(root())
        .args([
            "run",
            "--quiet",
            "--profile",
            "native",
            "-p",
            "bontot-core",
            "--example",
            "eval_bench",
        ])
        .output()?;
    if !eval.status.success() {
        return Err(format!(
            "eval_bench failed:\n{}",
            String::from_utf8_lossy(&eval.stderr)
        )
        .into());
    }
    for line in String::from_utf8_lossy(&eval.stdout).lines() {
        say(line.to_string());
    }

    // The two WASM modules' downloads (calculator, search).
    say(String::new());
    for line in crate::sizes::report(&root().join("dist/app"))? {
        say(line);
    }

    // The site on a cheap phone and a slow network (`cargo xtask phone`):
    // a failure there (no browser, say) is reported, not fatal to the
    // hour of figures above.
    say(String::new());
    match crate::phone::report(&root().join("dist"), 3, None) {
        Ok(lines) => lines.into_iter().for_each(&mut say),
        Err(e) => say(format!("phone profile: not measured: {e}")),
    }

    eprintln!("deleting earlier outputs...");
    trash.empty()?;
    let path = root().join("target/bench/report.md");
    let mut f = std::fs::File::create(&path)?;
    for l in &report {
        writeln!(f, "{l}")?;
    }
    eprintln!("\nwritten to {}", path.display());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floor_writes_the_same_tree_and_trash_deletes_every_output() {
        let work = std::env::temp_dir().join(format!("bontot-bench-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&work);
        let out = work.join("out");
        std::fs::create_dir_all(out.join("a/b")).unwrap();
        std::fs::write(out.join("x.html"), "hello").unwrap();
        std::fs::write(out.join("a/empty"), "").unwrap();
        std::fs::write(out.join("a/b/y.json"), vec![b'{'; 5000]).unwrap();
        let mut trash = Trash::new(&work).unwrap();
        let floor = work.join("floor");
        write_floor(&out, &floor, 2, &mut trash).unwrap();
        let tree = |d: &Path| {
            let (mut dirs, mut files) = (Vec::new(), Vec::new());
            list(d, Path::new(""), &mut dirs, &mut files).unwrap();
            dirs.sort();
            files.sort();
            (dirs, files)
        };
        assert_eq!(tree(&floor), tree(&out));
        assert_eq!(tree(&out).1.len(), 3);
        // The first run's floor went to the trash; the last is still there.
        assert_eq!(std::fs::read_dir(&trash.dir).unwrap().count(), 1);
        // A folder that cannot be made names the floor in the error.
        std::fs::write(work.join("file"), "").unwrap();
        let err = write_floor(&out, &work.join("file/floor"), 1, &mut trash).unwrap_err();
        assert!(err.to_string().contains("writing the floor"), "{err}");
        trash.empty().unwrap();
        assert!(!floor.exists() && !work.join("trash").exists());
        assert!(out.exists(), "only folders given to the trash are deleted");
        std::fs::remove_dir_all(&work).unwrap();
    }
}
