//! The command line of `cargo xtask`, parsed by clap.

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand};
use std::path::PathBuf;

/// Shown under every command's `--help`: CI and scripts branch on these.
pub const EXIT_CODES: &str = "\
Exit codes:
  0  success (and --help)
  1  the command failed: a build step, a test, a check or a crash
  2  usage error: unknown command or option, or a bad value";

/// Build, serve and test Bốn Tốt from a fresh machine.
#[derive(Parser, Debug, PartialEq)]
#[command(
    name = "cargo xtask",
    bin_name = "cargo xtask",
    arg_required_else_help = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug, PartialEq)]
pub enum Command {
    /// Build the calculator and the search module (trunk) and the site into dist/
    Build(Build),
    /// Build, then serve the site on http://127.0.0.1:PORT/, rebuilding and
    /// reloading the page when content/ changes (site-gen serve)
    Serve(Serve),
    /// One site-gen binary with the calculator and search modules inside,
    /// for publishers: target/dist-bin/site-gen
    Dist(Dist),
    /// Every check: formatting, lints, unit, integration and browser tests,
    /// WASM budgets, reproducibility and Lighthouse (CI runs this)
    Test,
    /// Only the browser tests: all, or the named tests/e2e files
    E2e(E2e),
    /// Lighthouse scores, bytes and LCP of every page type
    Audit(Audit),
    /// Run the cargo-fuzz targets (nightly toolchain) and report executions
    Fuzz(Fuzz),
    /// site-gen against Hugo, the real site's build time, the WASM modules'
    /// sizes, the engine's speed and the search index's figures
    Bench(Bench),
    /// Run queries against a built site as the browser would: files
    /// fetched, bytes, results
    Search(Search),
    /// The site on a cheap phone (CPU 6× slower, 500 kbps, 400 ms RTT),
    /// from a host that gzips and from one that does not: calculator load,
    /// answer → next paint, search, a plan page, the request chain
    Phone(Phone),
}

#[derive(Args, Debug, PartialEq, Default)]
pub struct Build {
    /// Where the site goes [default: dist/]
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

#[derive(Args, Debug, PartialEq)]
pub struct Serve {
    /// Port to listen on
    #[arg(long, default_value_t = 8080, value_parser = clap::value_parser!(u16).range(1..))]
    pub port: u16,
    /// Serve dist/ as it is, without building first (a plain static
    /// server: gzip, the real service worker, no reloading)
    #[arg(long, conflicts_with = "out")]
    pub no_build: bool,
    #[command(flatten)]
    pub build: Build,
}

#[derive(Args, Debug, PartialEq)]
pub struct Dist {
    /// Use this trunk output instead of building the modules
    #[arg(long, value_name = "DIR")]
    pub app: Option<PathBuf>,
    /// Then run init, check, build, template and serve from the binary in
    /// a fresh folder with no cargo or node on PATH
    #[arg(long)]
    pub check: bool,
}

#[derive(Args, Debug, PartialEq)]
pub struct E2e {
    /// Test the dist/ already built
    #[arg(long)]
    pub no_build: bool,
    /// Test files, relative to tests/ (e.g. e2e/search.test.mjs) [default: all of e2e/]
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

#[derive(Args, Debug, PartialEq)]
pub struct Audit {
    /// Audit the dist/ already built
    #[arg(long)]
    pub no_build: bool,
    /// Fail when a score or size misses its target
    #[arg(long)]
    pub assert: bool,
}

#[derive(Args, Debug, PartialEq)]
pub struct Fuzz {
    /// How long each target runs
    #[arg(long, value_name = "N", default_value_t = 60)]
    pub seconds: u64,
    /// Only this target [default: all]
    #[arg(long, value_name = "NAME", value_parser = crate::fuzz::TARGETS)]
    pub target: Option<String>,
}

#[derive(Args, Debug, PartialEq)]
pub struct Bench {
    /// Page counts measured against Hugo
    #[arg(
        long,
        value_name = "N,N...",
        value_delimiter = ',',
        default_value = "1000,10000"
    )]
    pub sizes: Vec<usize>,
    /// One more page count, site-gen alone (Hugo would take too long)
    #[arg(long, value_name = "N")]
    pub big: Option<usize>,
    /// Only the live-reload rows: a plan edited under `site-gen serve`, on
    /// the real site and on the largest of --sizes
    #[arg(long)]
    pub reload_only: bool,
}

#[derive(Args, Debug, PartialEq)]
pub struct Phone {
    /// Measure the dist/ already built
    #[arg(long)]
    pub no_build: bool,
    /// Measure this built site instead (no build)
    #[arg(long, value_name = "DIR", conflicts_with = "no_build")]
    pub site: Option<PathBuf>,
    /// Runs per host; the table shows their median
    #[arg(long, value_name = "N", default_value_t = 3, value_parser = clap::value_parser!(u32).range(1..=50))]
    pub runs: u32,
    /// Measure search only (a few minutes less, for work on search)
    #[arg(long, conflicts_with = "answers_only")]
    pub search_only: bool,
    /// Measure the calculator's answers only (for work on drawing them)
    #[arg(long)]
    pub answers_only: bool,
}

#[derive(Args, Debug, PartialEq)]
pub struct Search {
    /// The built site [default: dist/]
    #[arg(long, value_name = "DIR")]
    pub site: Option<PathBuf>,
    /// Queries to run [default: the ones bench measures, as a report]
    #[arg(value_name = "QUERY")]
    pub queries: Vec<String>,
}

/// The full command, exit codes included under each subcommand's help too.
pub fn command() -> clap::Command {
    Cli::command()
        .after_help(EXIT_CODES)
        .mut_subcommands(|s| s.after_help(EXIT_CODES))
}

/// Parses `args` (program name first).
pub fn try_parse_from<I, T>(args: I) -> Result<Cli, clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let mut cmd = command();
    let matches = cmd.try_get_matches_from_mut(args)?;
    Cli::from_arg_matches(&matches).map_err(|e| e.format(&mut cmd))
}

/// Parses the process's arguments; on `--help` or a usage error, prints
/// and exits with clap's code (0 or 2).
pub fn parse() -> Cli {
    try_parse_from(std::env::args_os()).unwrap_or_else(|e| e.exit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::error::ErrorKind;

    fn parse(line: &str) -> Result<Command, clap::Error> {
        try_parse_from(std::iter::once("cargo xtask").chain(line.split_whitespace()))
            .map(|c| c.command)
    }

    fn error(line: &str) -> (ErrorKind, i32, String) {
        let e = parse(line).expect_err(line);
        (e.kind(), e.exit_code(), e.render().to_string())
    }

    #[test]
    fn definition_is_consistent() {
        Cli::command().debug_assert();
        command().debug_assert();
    }

    #[test]
    fn unknown_flag_is_an_error_naming_it() {
        let (kind, code, text) = error("bench --sizez 1");
        assert_eq!(kind, ErrorKind::UnknownArgument);
        assert_eq!(code, 2);
        assert!(text.contains("--sizez"), "{text}");
        assert!(text.contains("--sizes"), "no suggestion: {text}");
    }

    #[test]
    fn misspelt_command_suggests_the_right_one() {
        let (kind, code, text) = error("tets");
        assert_eq!(kind, ErrorKind::InvalidSubcommand);
        assert_eq!(code, 2);
        assert!(text.contains("similar subcommand"), "{text}");
        assert!(text.contains("'test'"), "{text}");
    }

    #[test]
    fn every_command_has_help_with_exit_codes() {
        let names: Vec<String> = command()
            .get_subcommands()
            .map(|s| s.get_name().to_string())
            .collect();
        assert_eq!(names.len(), 10, "{names:?}");
        for name in std::iter::once("").chain(names.iter().map(String::as_str)) {
            let e = parse(&format!("{name} --help")).expect_err(name);
            assert_eq!(e.kind(), ErrorKind::DisplayHelp, "{name}");
            assert_eq!(e.exit_code(), 0, "{name}");
            let text = e.render().to_string();
            assert!(text.contains("Exit codes:"), "{name}: {text}");
            assert!(text.contains(&format!("cargo xtask {name}")), "{text}");
        }
    }

    #[test]
    fn no_command_shows_help_as_an_error() {
        let (kind, code, _) = error("");
        assert_eq!(kind, ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand);
        assert_eq!(code, 2);
    }

    #[test]
    fn bad_values_are_usage_errors_naming_the_option() {
        for line in [
            "serve --port 70000",
            "serve --port 0",
            "serve --port x",
            "fuzz --seconds 1.5",
            "fuzz --target nope",
            "bench --sizes 1000,x",
            "bench --big 1e5",
            "serve --no-build --out x",
            "phone --runs 0",
            "phone --runs x",
            "phone --runs 51",
            "phone --site x --no-build",
        ] {
            let (_, code, text) = error(line);
            assert_eq!(code, 2, "{line}");
            let option = line.split_whitespace().nth(1).unwrap_or_default();
            assert!(text.contains(option), "{line}: {text}");
        }
    }

    /// Every invocation written in README.md, BENCHMARKS.md, ARCHITECTURE.md,
    /// content/README.md, fuzz/Cargo.toml and .ci/run.
    #[test]
    fn documented_invocations_parse() {
        let ok = |line: &str| parse(line).unwrap_or_else(|e| panic!("{line}: {e}"));
        let dist = |out: Option<&str>| Build {
            out: out.map(PathBuf::from),
        };
        assert_eq!(ok("test"), Command::Test);
        assert_eq!(ok("build"), Command::Build(dist(None)));
        assert_eq!(
            ok("build --out /tmp/site"),
            Command::Build(dist(Some("/tmp/site")))
        );
        let serve = |port, no_build| {
            Command::Serve(Serve {
                port,
                no_build,
                build: dist(None),
            })
        };
        assert_eq!(ok("serve"), serve(8080, false));
        assert_eq!(ok("serve --port 9000 --no-build"), serve(9000, true));
        assert_eq!(
            ok("e2e --no-build e2e/search.test.mjs"),
            Command::E2e(E2e {
                no_build: true,
                files: vec!["e2e/search.test.mjs".into()],
            })
        );
        assert_eq!(
            ok("e2e"),
            Command::E2e(E2e {
                no_build: false,
                files: vec![],
            })
        );
        let audit = |no_build, assert| Command::Audit(Audit { no_build, assert });
        assert_eq!(ok("audit"), audit(false, false));
        assert_eq!(ok("audit --no-build --assert"), audit(true, true));
        let bench = |sizes: &[usize], big| {
            Command::Bench(Bench {
                sizes: sizes.to_vec(),
                big,
                reload_only: false,
            })
        };
        assert_eq!(ok("bench"), bench(&[1000, 10000], None));
        assert_eq!(
            ok("bench --big 100000"),
            bench(&[1000, 10000], Some(100000))
        );
        assert_eq!(
            ok("bench --sizes 1000,10000 --big 100000"),
            bench(&[1000, 10000], Some(100000))
        );
        assert_eq!(ok("bench --sizes 1"), bench(&[1], None));
        let fuzz = |seconds, target: Option<&str>| {
            Command::Fuzz(Fuzz {
                seconds,
                target: target.map(String::from),
            })
        };
        let phone = |no_build, site: Option<&str>, runs| {
            Command::Phone(Phone {
                no_build,
                site: site.map(PathBuf::from),
                runs,
                search_only: false,
                answers_only: false,
            })
        };
        assert_eq!(ok("phone"), phone(false, None, 3));
        assert_eq!(ok("phone --no-build"), phone(true, None, 3));
        assert_eq!(ok("phone --no-build --runs 5"), phone(true, None, 5));
        assert_eq!(
            ok("phone --site /tmp/dist --runs 1"),
            phone(false, Some("/tmp/dist"), 1)
        );
        assert_eq!(
            ok("phone --no-build --search-only"),
            Command::Phone(Phone {
                no_build: true,
                site: None,
                runs: 3,
                search_only: true,
                answers_only: false,
            })
        );
        assert_eq!(
            ok("phone --no-build --answers-only --runs 2"),
            Command::Phone(Phone {
                no_build: true,
                site: None,
                runs: 2,
                search_only: false,
                answers_only: true,
            })
        );
        assert!(
            try_parse_from(["cargo xtask", "phone", "--search-only", "--answers-only"]).is_err()
        );
        assert_eq!(ok("fuzz"), fuzz(60, None));
        assert_eq!(ok("fuzz --seconds 30 --target csv"), fuzz(30, Some("csv")));
        assert_eq!(
            try_parse_from(["cargo xtask", "search", "dang vien"])
                .map(|c| c.command)
                .ok(),
            Some(Command::Search(Search {
                site: None,
                queries: vec!["dang vien".into()],
            }))
        );
        assert_eq!(
            ok("search --site target/site ky luat"),
            Command::Search(Search {
                site: Some("target/site".into()),
                queries: vec!["ky".into(), "luat".into()],
            })
        );
    }
}
