//! `cargo xtask <command>`: build, serve and test Bốn Tốt from a fresh machine.

mod audit;
mod bench;
mod build;
mod fuzz;
mod search;
mod serve;
mod sizes;
mod test;
mod tools;

use std::path::PathBuf;
use std::process::Command;

pub type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

const USAGE: &str = "\
usage: cargo xtask <command> [options]

commands:
  build               build the calculator (trunk) and the site into dist/
  serve [--port N] [--no-build]
                      build, then serve dist/ on http://127.0.0.1:N/ (default 8080)
  test                formatting, lints, unit, integration and browser tests
  e2e [--no-build] [FILE...]
                      only the browser tests (all, or the named tests/e2e files)
  audit [--no-build] [--assert]
                      Lighthouse scores, bytes and LCP of every page type
  fuzz [--seconds N] [--target NAME]
                      run the cargo-fuzz targets (nightly) and report executions
  bench [--sizes 1000,10000] [--big 100000]
                      site-gen against Hugo, the real site's build time, the
                      calculator's size, the engine's speed and the search
                      index's size and bytes per query (figures only)
  search [--site DIR] [QUERY...]
                      run queries against a built site (default dist/) as the
                      browser would: files fetched, bytes, results
";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("build") => build::build(&build::Options::from_args(&args[1..])).map(|_| ()),
        Some("serve") => serve::command(&args[1..]),
        Some("test") => test::command(&args[1..]),
        Some("e2e") => test::e2e_command(&args[1..]),
        Some("bench") => bench::command(&args[1..]),
        Some("audit") => audit::command(&args[1..]),
        Some("fuzz") => fuzz::command(&args[1..]),
        Some("search") => search::command(&args[1..]),
        Some("-h" | "--help" | "help") => {
            print!("{USAGE}");
            Ok(())
        }
        _ => Err(USAGE.into()),
    };
    if let Err(e) = result {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

/// The repository's top folder.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives one level below the root")
        .to_path_buf()
}

/// Runs a command, inheriting the terminal; fails on a non-zero exit.
pub fn run(cmd: &mut Command) -> Result<()> {
    let status = cmd
        .status()
        .map_err(|e| format!("cannot start {:?}: {e}", cmd.get_program()))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{} failed ({status})", describe(cmd)).into())
    }
}

fn describe(cmd: &Command) -> String {
    let mut s = cmd.get_program().to_string_lossy().into_owned();
    for a in cmd.get_args() {
        s.push(' ');
        s.push_str(&a.to_string_lossy());
    }
    s
}

/// Value of `--name value` in `args`.
pub fn flag<'a>(args: &'a [String], name: &str) -> Option<&'a str> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .map(String::as_str)
}
