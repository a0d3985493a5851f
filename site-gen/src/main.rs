//! The site-gen command line.

use site_gen::build;
use std::path::PathBuf;
use std::time::Instant;

const USAGE: &str = "\
usage:
  site-gen build [--content DIR] [--app DIR] [--out DIR]
      check content/ and generate the site (default: content -> dist)
  site-gen check [--content DIR]
      check content/ only
";

fn flag(args: &[String], name: &str) -> Option<PathBuf> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .map(PathBuf::from)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let content = flag(&args, "--content").unwrap_or_else(|| "content".into());
    let code = match args.first().map(String::as_str) {
        Some("build") => {
            let t = Instant::now();
            let opts = build::Options {
                content,
                app: flag(&args, "--app"),
                out: flag(&args, "--out").unwrap_or_else(|| "dist".into()),
            };
            match build::build(&opts) {
                Ok(s) => {
                    eprintln!(
                        "site-gen: {} pages, {} files in {} ({:.0} ms)",
                        s.pages,
                        s.files,
                        opts.out.display(),
                        t.elapsed().as_secs_f64() * 1000.0
                    );
                    0
                }
                Err(e) => {
                    eprintln!("{e}");
                    1
                }
            }
        }
        Some("check") => match build::check(&content) {
            Ok(c) => {
                eprintln!("site-gen: content is valid ({} plans)", c.plans.len());
                0
            }
            Err(e) => {
                eprintln!("{e}");
                1
            }
        },
        _ => {
            eprint!("{USAGE}");
            2
        }
    };
    std::process::exit(code);
}
