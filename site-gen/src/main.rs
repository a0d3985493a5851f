//! The site-gen command line.

use bontot_core::check::Checked;
use bontot_core::model::Unit;
use clap::{Args, Parser, Subcommand, ValueEnum};
use site_gen::batch::read::{self, Item, Stop};
use site_gen::batch::report::{Format, Report};
use site_gen::{batch, build};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

// Building a site allocates many small strings; mimalloc is markedly faster
// at that than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const EXIT_CODES: &str = "\
Exit codes:
  0  done
  1  nothing or not all was done: the content has problems, the output
     folder was refused, a file could not be read or written
  2  wrong usage: an unknown command or option, a missing argument
  3  assess: some rows have problems and were not assessed (the others
     were; see the messages)

rules, template and assess speak Vietnamese, to a đảng ủy: their messages
about files, plans and rows are in Vietnamese; build, serve, init, check,
anchors and test speak English, to the site's maintainers.";

/// The Bốn Tốt static site generator and batch assessment.
#[derive(Parser)]
#[command(name = "site-gen", version, after_help = EXIT_CODES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Args)]
struct Content {
    /// The content folder: site.toml, plans/, rules/
    #[arg(long, value_name = "DIR", default_value = "content")]
    content: PathBuf,
}

/// What `build` and `serve` read and write.
#[derive(Args)]
struct SiteArgs {
    #[command(flatten)]
    content: Content,
    /// trunk's output folder with the calculator and search modules
    /// [default: the modules built into site-gen, if any]
    #[arg(long, value_name = "DIR")]
    app: Option<PathBuf>,
    /// Where the site goes
    #[arg(long, value_name = "DIR", default_value = "dist")]
    out: PathBuf,
}

#[derive(Args)]
struct PlanArgs {
    /// The plan's slug (its file name in content/plans/ without .md)
    #[arg(long, value_name = "SLUG")]
    plan: String,
    #[command(flatten)]
    content: Content,
}

#[derive(Clone, Copy, ValueEnum)]
enum UnitArg {
    ChiBo,
    DangBo,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Table,
    Json,
    Csv,
    /// An Excel workbook; needs --output
    Xlsx,
}

#[derive(Subcommand)]
enum Command {
    /// Check the content and generate the site
    #[command(after_help = "\
The output folder must be new, empty, or one that site-gen wrote before
(it holds a .site-gen file). The site is written beside it and swapped
in only when complete; the current folder, a folder holding the content,
your home folder and any folder of your own files are refused.")]
    Build {
        #[command(flatten)]
        site: SiteArgs,
    },
    /// Build the site, serve it on 127.0.0.1, rebuild it when the content
    /// changes and reload the open pages
    #[command(after_help = "\
The output folder is written as `build` writes it, and guarded the same
way. Each page sent gets a small script (in what is sent only, never in
the files) that reloads it after each rebuild and shows the build's
problems, with their file and line, over the page until they are fixed;
meanwhile the last site that built stays served.")]
    Serve {
        #[command(flatten)]
        site: SiteArgs,
        /// Port to listen on (0: any free port)
        #[arg(long, default_value_t = 8080)]
        port: u16,
    },
    /// Write a starter site into FOLDER (new or empty): content/ with
    /// site.toml, glossary.toml, one plan with its rule file, the national
    /// rules and the guides
    Init {
        #[arg(value_name = "FOLDER")]
        folder: PathBuf,
    },
    /// Check the content only
    Check {
        #[command(flatten)]
        content: Content,
    },
    /// List every id a citation can name in a plan, with the start of its text
    Anchors {
        #[command(flatten)]
        plan: PlanArgs,
    },
    /// Run the rule-set tests on a content folder: answers at, just below and
    /// just above every threshold, and improving an answer never scoring worse
    #[command(after_help = "\
For each plan with a rule set and each unit it covers: answers that pass
every test exist and reach the verdict; every threshold gives what its
comparator as written says (\"below\" excludes the value, \"at-least\"
includes it …); and improving any one answer never lowers a result, over
256 answers drawn the same way on every run. Prints each check; exit
code 1 if any failed, each failure naming its line in the rule file.")]
    Test {
        #[command(flatten)]
        content: Content,
    },
    /// List every answer a plan asks for: id, kind, units, values, label
    Rules {
        #[command(flatten)]
        plan: PlanArgs,
        /// Instead: which sentences of the plan its rules and deadlines
        /// cite, and which that read like a rule (a percentage, a number
        /// with a comparator, a dated deadline) nothing cites yet
        #[arg(long)]
        coverage: bool,
    },
    /// Print a starting rule file for a plan: the four criteria, the plan's
    /// sections as comments, a commented question for each sentence that
    /// reads like a rule
    NewRules {
        #[command(flatten)]
        plan: PlanArgs,
        /// Write it to content/rules/<plan>.toml (refused if that exists)
        #[arg(long)]
        write: bool,
    },
    /// Print a CSV header with one column per answer id (of a plan, or of
    /// the national classification with --classify --year Y)
    Template {
        /// The plan's slug (its file name in content/plans/ without .md)
        #[arg(long, value_name = "SLUG", required_unless_present = "classify")]
        plan: Option<String>,
        #[command(flatten)]
        content: Content,
        /// The kind of unit (default: the plan's first)
        #[arg(long, value_enum, conflicts_with = "classify")]
        unit: Option<UnitArg>,
        /// The header of a `classify` file instead: one row per member or unit
        #[arg(long, requires = "year", conflicts_with = "plan")]
        classify: bool,
        /// The assessment year, which picks the national rules
        #[arg(long)]
        year: Option<u16>,
    },
    /// Classify every member or unit in FILE under the national rules of YEAR
    #[command(after_help = "\
FILE is a CSV from `template --classify --year Y` (cells separated by , or
;) or a spreadsheet with the same header row on its first sheet, one row
per tập thể or party member: `doi-tuong` is tap-the, 2A, 2B or 2C; `diem`
the total points from the local points frame; each condition co, khong or
blank. Each row's level is printed with its reasons and the passages they
rest on; where the points and the conditions give different levels, both
are said and none is picked. Then the cap on HTXSNV, per `nhom` (or per
doi-tuong), is checked as a warning. Rows with problems are reported on the
error stream and the others still classified (exit code 3).")]
    Classify {
        #[command(flatten)]
        content: Content,
        /// The assessment year, which picks the national rules
        #[arg(long)]
        year: u16,
        #[arg(long, value_enum, default_value = "table")]
        format: FormatArg,
        /// Write the results to FILE instead of the standard output
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Replace the --output file if it already exists
        #[arg(long, requires = "output")]
        force: bool,
        file: PathBuf,
    },
    /// Assess every unit in FILE and print the results
    #[command(after_help = "\
FILE is a CSV from `template` (cells separated by , or ;), one row per
unit, a spreadsheet with the same header row on its first sheet (.xlsx,
.xlsm, .xls, .ods), or a JSON file exported by the calculator. Units are
read, assessed and printed one at a time. A row with problems is reported
on the error stream and the others are still assessed (exit code 3),
unless --strict. --format csv and xlsx write one row per unit, for the
records; xlsx needs --output.")]
    Assess {
        #[command(flatten)]
        plan: PlanArgs,
        #[arg(long, value_enum)]
        unit: Option<UnitArg>,
        #[arg(long, value_enum, default_value = "table")]
        format: FormatArg,
        /// Write the results to FILE instead of the standard output
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
        /// All or nothing: print no result if any row has a problem
        #[arg(long)]
        strict: bool,
        /// Replace the --output file if it already exists
        #[arg(long, requires = "output")]
        force: bool,
        file: PathBuf,
    },
}

/// How a command failed.
enum Failure {
    /// Nothing, or not all, was done (exit 1).
    Error(String),
    /// Some rows were not assessed (exit 3).
    Rows,
    /// Wrong usage that clap cannot see (exit 2).
    Usage(String),
}

impl<E: ToString> From<E> for Failure {
    fn from(e: E) -> Failure {
        Failure::Error(e.to_string())
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Error(e)) => {
            eprintln!("{e}");
            ExitCode::from(1)
        }
        Err(Failure::Rows) => ExitCode::from(3),
        Err(Failure::Usage(e)) => {
            eprintln!("site-gen: {e}");
            ExitCode::from(2)
        }
    }
}

fn run(command: Command) -> Result<(), Failure> {
    match command {
        Command::Build { site } => {
            site_gen::cleanup::on_signal_and_panic();
            let t = Instant::now();
            let opts = build_options(site);
            let s = build::build(&opts)?;
            for w in &s.warnings {
                eprintln!("{w}");
            }
            eprintln!(
                "site-gen: {} pages, {} files in {} ({:.0} ms)",
                s.pages,
                s.files,
                opts.out.display(),
                t.elapsed().as_secs_f64() * 1000.0
            );
            Ok(())
        }
        Command::Serve { site, port } => {
            site_gen::cleanup::on_signal_and_panic();
            site_gen::serve::run(build_options(site), port)?;
            Ok(())
        }
        Command::Init { folder } => {
            let files = site_gen::starter::write(&folder)?;
            let shown = folder.display();
            let mut text = format!("Wrote a starter site into {shown}:\n");
            for f in &files {
                text.push_str(&format!("  {f}\n"));
            }
            text.push_str(&format!(
                "Next:\n  cd {shown}\n  site-gen serve        # the site on http://127.0.0.1:8080/, rebuilt as you save\n  \
                 Edit content/site.toml (title, base_url), then replace the example plan\n  \
                 content/plans/binh-tan.md and its rules content/rules/binh-tan.toml with yours\n  \
                 (content/README.md and content/rules/README.md explain every field).\n  \
                 site-gen check        # every problem, with its file and line\n  \
                 site-gen build        # the site into dist/, to copy to any static host\n"
            ));
            emit(&text)
        }
        Command::Check { content } => {
            let c = build::check(&content.content)?;
            for w in &c.warnings {
                eprintln!("{w}");
            }
            eprintln!("site-gen: content is valid ({} plans)", c.plans.len());
            Ok(())
        }
        Command::Anchors { plan } => {
            emit(&site_gen::anchors::list(&plan.content.content, &plan.plan)?)
        }
        Command::Test { content } => test(&content.content),
        Command::Rules {
            plan,
            coverage: true,
        } => {
            let (c, i) = find_plan(&plan)?;
            emit(&site_gen::coverage::report(&c.plans[i])?)
        }
        Command::Rules { plan, .. } => {
            let (rules, _) = plan_rules(&plan, None)?;
            emit(&batch::list(&rules))
        }
        Command::NewRules { plan, write } => {
            let (c, i) = find_plan(&plan)?;
            let p = &c.plans[i];
            let text = site_gen::coverage::new_rules(p)?;
            if !write {
                return emit(&text);
            }
            let path = c.dir.join("rules").join(format!("{}.toml", p.slug));
            // Never over a file of the user's: create_new fails if it exists.
            let f = std::fs::create_dir_all(c.dir.join("rules")).and_then(|()| {
                std::fs::OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .open(&path)
            });
            match f {
                Ok(mut f) => f
                    .write_all(text.as_bytes())
                    .map_err(|e| write_error(Some(&path), e))
                    .map(|()| eprintln!("wrote {}", path.display())),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(Failure::Error(format!(
                    "{} already exists; nothing was written (without --write the file is printed)",
                    path.display()
                ))),
                Err(e) => Err(write_error(Some(&path), e)),
            }
        }
        Command::Template {
            plan,
            content,
            unit,
            classify,
            year,
        } => match (plan, year) {
            (Some(plan), _) if !classify => {
                let (rules, unit) = plan_rules(&PlanArgs { plan, content }, unit)?;
                emit(&batch::template(&rules, unit))
            }
            (_, Some(year)) => {
                let c = build::check(&content.content)?;
                emit(&batch::classify::template(regime(&c, year)?))
            }
            _ => Err(Failure::Usage("--plan SLUG, or --classify --year Y".into())),
        },
        Command::Classify {
            content,
            year,
            format,
            output,
            force,
            file,
        } => {
            let c = build::check(&content.content)?;
            let r = regime(&c, year)?;
            let format = report_format(format, output.as_deref(), &file, force)?;
            classify(r, format, output.as_deref(), &file)
        }
        Command::Assess {
            plan,
            unit,
            format,
            output,
            strict,
            force,
            file,
        } => {
            let (rules, unit) = plan_rules(&plan, unit)?;
            let format = report_format(format, output.as_deref(), &file, force)?;
            assess(&rules, unit, format, output.as_deref(), strict, &file)
        }
    }
}

/// What to build: the command line's folders, the modules built into the
/// binary unless `--app` names others, and the switches for measuring and
/// for reproducible builds, read here only so that the library never looks
/// at the environment.
fn build_options(site: SiteArgs) -> build::Options {
    build::Options {
        content: site.content.content,
        app: site.app,
        embedded_app: true,
        out: site.out,
        no_search: std::env::var_os("BONTOT_NO_SEARCH").is_some(),
        timing: std::env::var_os("BONTOT_TIMING").is_some(),
        source_date_epoch: std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|s| s.trim().parse().ok()),
    }
}

/// `site-gen test`: the rule-set checks of every plan, printed; fails if
/// any failed.
fn test(dir: &Path) -> Result<(), Failure> {
    let c = build::check(dir)?;
    for w in &c.warnings {
        eprintln!("{w}");
    }
    let (mut passed, mut failed) = (0, 0);
    let mut out = String::new();
    for plan in &c.plans {
        let Some(rules) = &plan.rules else {
            out.push_str(&format!("{}: no rule set, nothing to test\n", plan.slug));
            continue;
        };
        let path = dir.join("rules").join(format!("{}.toml", plan.slug));
        let src = std::fs::read_to_string(&path)?;
        for o in batch::probe::run(rules, &src) {
            if o.failures.is_empty() {
                passed += 1;
                out.push_str(&format!(
                    "ok      {} ({}): {}\n",
                    plan.slug,
                    o.unit.id(),
                    o.what
                ));
            } else {
                failed += 1;
                out.push_str(&format!(
                    "FAILED  {} ({}): {}\n",
                    plan.slug,
                    o.unit.id(),
                    o.what
                ));
                for (line, msg) in &o.failures {
                    let at = line.map_or(String::new(), |l| format!(":{l}"));
                    out.push_str(&format!("    {}{at}: {msg}\n", path.display()));
                }
            }
        }
    }
    out.push_str(&format!("{passed} checks passed, {failed} failed\n"));
    emit(&out)?;
    if failed > 0 {
        return Err(Failure::Error(format!(
            "site-gen test: {failed} check{} failed",
            if failed == 1 { "" } else { "s" }
        )));
    }
    Ok(())
}

/// Prints `text`; a closed pipe ends quietly.
fn emit(text: &str) -> Result<(), Failure> {
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(write_error(None, e)),
        _ => Ok(()),
    }
}

/// The content and one of its plans, or which plans there are.
fn find_plan(plan: &PlanArgs) -> Result<(site_gen::model::Content, usize), Failure> {
    let c = build::check(&plan.content.content)?;
    let p = c
        .plans
        .iter()
        .position(|p| p.slug == plan.plan)
        .ok_or_else(|| {
            let all: Vec<&str> = c.plans.iter().map(|p| p.slug.as_str()).collect();
            Failure::Error(format!(
                "no plan “{}”; the plans are: {}",
                site_gen::escape::clean(&plan.plan),
                all.join(", ")
            ))
        })?;
    Ok((c, p))
}

fn plan_rules(plan: &PlanArgs, unit: Option<UnitArg>) -> Result<(Checked, Unit), Failure> {
    let c = build::check(&plan.content.content)?;
    let slug = &*site_gen::escape::clean(&plan.plan);
    let all: Vec<String> = c.plans.iter().map(|p| p.slug.clone()).collect();
    let found = c.plans.into_iter().find(|p| p.slug == plan.plan);
    let p = found.ok_or_else(|| {
        format!(
            "không có kế hoạch “{slug}”; các kế hoạch: {}",
            all.join(", ")
        )
    })?;
    let rules = p.rules.ok_or_else(|| {
        format!("kế hoạch “{slug}” chưa có bộ quy tắc (content/rules/{slug}.toml)")
    })?;
    let unit = match unit {
        None => rules.units[0],
        Some(UnitArg::ChiBo) => Unit::ChiBo,
        Some(UnitArg::DangBo) => Unit::DangBo,
    };
    if !rules.units.contains(&unit) {
        return Err(format!(
            "kế hoạch “{slug}” không áp dụng cho {} (--unit {})",
            unit.label(),
            unit.id()
        )
        .into());
    }
    Ok((rules, unit))
}

/// Where results are written: a file, or the standard output.
/// Refuses an `--output` that holds something: the input, a folder, an
/// existing file unless `--force`. A device or a pipe (`/dev/stdout`, a FIFO)
/// is written to as it is.
fn check_output(out: &Path, input: &Path, force: bool) -> Result<(), Failure> {
    let shown = || site_gen::escape::clean(&out.display().to_string()).into_owned();
    // Even with --force: writing there would lose the data being read.
    if let (Ok(a), Ok(b)) = (std::fs::canonicalize(out), std::fs::canonicalize(input))
        && a == b
    {
        return Err(Failure::Usage(format!(
            "--output {} là chính tệp đầu vào: ghi vào đó sẽ xóa dữ liệu; hãy chọn tệp khác",
            shown()
        )));
    }
    match std::fs::metadata(out) {
        Ok(m) if m.is_dir() => Err(Failure::Usage(format!(
            "--output {} là một thư mục: hãy chọn tên tệp, ví dụ {}/ket-qua.csv",
            shown(),
            shown()
        ))),
        Ok(m) if m.is_file() && !force => Err(Failure::Usage(format!(
            "--output {} đã có: site-gen không ghi đè tệp có sẵn. Hãy chọn tên khác, \
             hoặc thêm --force để thay tệp đó",
            shown()
        ))),
        _ => Ok(()),
    }
}

/// Where the results go. A file is written beside its place under a
/// temporary name and put in place only when the whole report is written,
/// so a failed or interrupted run leaves the old file (or none), never
/// half a report.
struct Pending {
    /// (temporary file, final path) for a regular file.
    commit: Option<(PathBuf, PathBuf)>,
}

fn sink(output: Option<&Path>) -> Result<(Box<dyn Write>, Pending), Failure> {
    let Some(path) = output else {
        let out = io::BufWriter::with_capacity(64 * 1024, io::stdout().lock());
        return Ok((Box::new(out), Pending { commit: None }));
    };
    let special = std::fs::metadata(path).is_ok_and(|m| !m.is_file());
    let target = if special {
        path.to_path_buf()
    } else {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        path.with_file_name(format!(".{name}.site-gen-{}.tmp", std::process::id()))
    };
    let f = std::fs::File::create(&target).map_err(|e| write_error(Some(path), e))?;
    if !special {
        site_gen::cleanup::register(&target);
    }
    Ok((
        Box::new(io::BufWriter::with_capacity(64 * 1024, f)),
        Pending {
            commit: (!special).then(|| (target, path.to_path_buf())),
        },
    ))
}

impl Pending {
    /// Puts a finished file in place.
    fn commit(&self) -> io::Result<()> {
        if let Some((tmp, path)) = &self.commit {
            std::fs::rename(tmp, path)?;
            site_gen::cleanup::unregister(tmp);
        }
        Ok(())
    }

    /// Removes an unfinished file.
    fn abandon(&self) {
        if let Some((tmp, _)) = &self.commit {
            let _ = std::fs::remove_file(tmp);
            site_gen::cleanup::unregister(tmp);
        }
    }
}

/// A write error that names the file: `output`, or what the standard
/// output was redirected to.
fn write_error(output: Option<&Path>, e: io::Error) -> Failure {
    let name = match output {
        Some(p) => p.display().to_string(),
        None => std::fs::read_link("/proc/self/fd/1")
            .ok()
            .filter(|p| p.is_absolute())
            .map(|p| format!("{} (đầu ra chuẩn)", p.display()))
            .unwrap_or_else(|| "đầu ra chuẩn".into()),
    };
    Failure::Error(format!("không ghi được kết quả vào {name}: {e}"))
}

fn assess(
    rules: &Checked,
    unit: Unit,
    format: Format,
    output: Option<&Path>,
    strict: bool,
    file: &Path,
) -> Result<(), Failure> {
    let show = |stop: Stop| -> Failure {
        match stop {
            Stop::Output(e) => write_error(output, e),
            Stop::File(problems) => {
                let lines: Vec<String> = problems
                    .iter()
                    .map(|p| format!("{}: {p}", file.display()))
                    .collect();
                Failure::Error(format!(
                    "{}\n{} lỗi; không đánh giá đơn vị nào",
                    lines.join("\n"),
                    problems.len()
                ))
            }
        }
    };
    let report_problems = |item: &Item| {
        if let Item::Rejected { problems, .. } = item {
            let mut err = io::stderr().lock();
            for p in problems {
                let _ = writeln!(err, "{}: {p}", file.display());
            }
        }
    };
    if strict {
        let counts = read::each_unit(file, rules, unit, |item| {
            report_problems(&item);
            Ok(())
        })
        .map_err(show)?;
        if counts.rejected > 0 {
            return Err(Failure::Error(format!(
                "{} hàng lỗi; --strict: không in kết quả nào",
                number(counts.rejected)
            )));
        }
    }
    let (writer, pending) = sink(output)?;
    let mut report = Report::new(rules, format, writer);
    let result = read::each_unit(file, rules, unit, |item| {
        if !strict {
            report_problems(&item);
        }
        report.item(&item)
    });
    let counts = match result {
        Err(Stop::Output(e)) if e.kind() == io::ErrorKind::BrokenPipe => return Ok(()),
        Err(stop) => {
            pending.abandon();
            return Err(show(stop));
        }
        Ok(c) => c,
    };
    match report.finish().and_then(|()| pending.commit()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Ok(()),
        Err(e) => {
            pending.abandon();
            return Err(write_error(output, e));
        }
        Ok(()) => {}
    }
    if counts.rejected > 0 {
        eprintln!(
            "{} hàng lỗi, {} hàng đã đánh giá",
            number(counts.rejected),
            number(counts.assessed)
        );
        return Err(Failure::Rows);
    }
    Ok(())
}

/// The report's format, once `--output` is known to be usable for it (an
/// xlsx needs a file; the file is refused if it holds something).
fn report_format(
    format: FormatArg,
    output: Option<&Path>,
    input: &Path,
    force: bool,
) -> Result<Format, Failure> {
    let format = match format {
        FormatArg::Table => Format::Table,
        FormatArg::Json => Format::Json,
        FormatArg::Csv => Format::Csv,
        FormatArg::Xlsx => Format::Xlsx,
    };
    if format == Format::Xlsx && output.is_none() {
        return Err(Failure::Usage(
            "--format xlsx ghi một tệp Excel: hãy chọn tệp bằng --output TỆP.xlsx \
             (không ghi ra màn hình)"
                .into(),
        ));
    }
    if let Some(out) = output {
        check_output(out, input, force)?;
        // Ctrl-C mid-report removes the temporary file.
        site_gen::cleanup::on_signal_and_panic();
    }
    Ok(format)
}

/// The national rules of `year`, or why there are none.
fn regime(
    c: &site_gen::model::Content,
    year: u16,
) -> Result<&bontot_core::national::Regime, Failure> {
    if let Some(n) = site_gen::national::for_year(&c.national, year) {
        return Ok(&n.regime);
    }
    let known: Vec<String> = c
        .national
        .iter()
        .map(|n| format!("{} ({})", n.regime.short, n.regime.years()))
        .collect();
    let mut msg = format!("không có quy định xếp loại nào cho năm {year} trong content/national/");
    if (2023..=2024).contains(&year) {
        msg.push_str(
            "; năm 2023 và 2024 theo Quy định 124-QĐ/TW và Hướng dẫn 25-HD/BTCTW, mà Bốn Tốt chưa có lời văn tiếng Việt đã đối chiếu được của các mức xếp loại, nên không xếp loại thay",
        );
    }
    if !known.is_empty() {
        msg.push_str(&format!("; có: {}", known.join(", ")));
    }
    Err(Failure::Error(msg))
}

fn classify(
    r: &bontot_core::national::Regime,
    format: Format,
    output: Option<&Path>,
    file: &Path,
) -> Result<(), Failure> {
    use batch::classify::{Report as ClassReport, Row, each_row};
    let (writer, pending) = sink(output)?;
    let mut report = ClassReport::new(r, format, writer);
    let result = each_row(file, r, |row| {
        if let Row::Rejected { problems, .. } = &row {
            let mut err = io::stderr().lock();
            for p in problems {
                let _ = writeln!(err, "{}: {p}", file.display());
            }
        }
        report.row(&row)
    });
    let done = match result {
        Err(Stop::Output(e)) if e.kind() == io::ErrorKind::BrokenPipe => return Ok(()),
        Err(Stop::Output(e)) => {
            pending.abandon();
            return Err(write_error(output, e));
        }
        Err(Stop::File(problems)) => {
            pending.abandon();
            let lines: Vec<String> = problems
                .iter()
                .map(|p| format!("{}: {p}", file.display()))
                .collect();
            return Err(Failure::Error(format!(
                "{}\n{} lỗi; không xếp loại hàng nào",
                lines.join("\n"),
                problems.len()
            )));
        }
        Ok(d) => d,
    };
    match report.finish(&done).and_then(|()| pending.commit()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Ok(()),
        Err(e) => {
            pending.abandon();
            return Err(write_error(output, e));
        }
        Ok(()) => {}
    }
    if done.rejected > 0 {
        eprintln!("{} hàng lỗi", number(done.rejected));
        return Err(Failure::Rows);
    }
    Ok(())
}

/// A count written the Vietnamese way: 9.998, 1.000.000.
fn number(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(d);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn counts_read_the_vietnamese_way() {
        assert_eq!(number(7), "7");
        assert_eq!(number(9998), "9.998");
        assert_eq!(number(1_000_000), "1.000.000");
    }
}
