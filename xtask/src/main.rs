//! `cargo xtask <command>`: build, serve and test Bốn Tốt from a fresh machine.

mod audit;
mod bench;
mod build;
mod cli;
mod dist;
mod fuzz;
mod phone;
mod search;
mod serve;
mod sizes;
mod test;
mod tools;

use std::path::PathBuf;
use std::process::{Command, ExitCode};

pub type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

fn main() -> ExitCode {
    let cli = cli::parse();
    let result = match cli.command {
        cli::Command::Build(args) => build::build(&build::Options::new(args.out)).map(|_| ()),
        cli::Command::Serve(args) => serve::command(&args),
        cli::Command::Dist(args) => dist::command(&args),
        cli::Command::Test => test::command(),
        cli::Command::E2e(args) => test::e2e_command(&args),
        cli::Command::Bench(args) => bench::command(&args),
        cli::Command::Audit(args) => audit::command(&args),
        cli::Command::Fuzz(args) => fuzz::command(&args),
        cli::Command::Search(args) => search::command(&args),
        cli::Command::Phone(args) => phone::command(&args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
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
