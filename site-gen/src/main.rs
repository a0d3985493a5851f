//! The site-gen command line.

use bontot_core::model::Unit;
use site_gen::{batch, build};
use std::path::PathBuf;
use std::time::Instant;

// Building a site allocates many small strings; mimalloc is markedly faster
// at that than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const USAGE: &str = "\
usage:
  site-gen build [--content DIR] [--app DIR] [--out DIR]
      check content/ and generate the site (default: content -> dist)
  site-gen check [--content DIR]
      check content/ only
  site-gen rules --plan SLUG [--content DIR]
      list every answer the plan asks for: id, kind, units, allowed values, label
  site-gen template --plan SLUG [--unit chi-bo|dang-bo] [--content DIR]
      print a CSV header with one column per answer id
  site-gen assess --plan SLUG [--unit chi-bo|dang-bo] [--format table|json] [--content DIR] FILE
      assess every unit in FILE (a CSV from the template, one row per unit,
      or a JSON file exported by the calculator) and print the results
";

fn flag<'a>(args: &'a [String], name: &str) -> Option<&'a str> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .map(String::as_str)
}

/// The positional argument after the command: not a flag nor a flag's value.
fn positional(args: &[String]) -> Option<&str> {
    let mut i = 1;
    while i < args.len() {
        if args[i].starts_with("--") {
            i += 2;
        } else {
            return Some(&args[i]);
        }
    }
    None
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let code = match run(&args) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("{e}");
            if e.ends_with(USAGE) { 2 } else { 1 }
        }
    };
    std::process::exit(code);
}

fn run(args: &[String]) -> Result<(), String> {
    let content = PathBuf::from(flag(args, "--content").unwrap_or("content"));
    match args.first().map(String::as_str) {
        Some("build") => {
            let t = Instant::now();
            let opts = build::Options {
                content,
                app: flag(args, "--app").map(PathBuf::from),
                out: PathBuf::from(flag(args, "--out").unwrap_or("dist")),
            };
            let s = build::build(&opts).map_err(|e| e.to_string())?;
            eprintln!(
                "site-gen: {} pages, {} files in {} ({:.0} ms)",
                s.pages,
                s.files,
                opts.out.display(),
                t.elapsed().as_secs_f64() * 1000.0
            );
            Ok(())
        }
        Some("check") => {
            let c = build::check(&content).map_err(|e| e.to_string())?;
            eprintln!("site-gen: content is valid ({} plans)", c.plans.len());
            Ok(())
        }
        Some(cmd @ ("rules" | "template" | "assess")) => {
            let slug =
                flag(args, "--plan").ok_or_else(|| format!("{cmd} needs --plan SLUG\n{USAGE}"))?;
            let c = build::check(&content).map_err(|e| e.to_string())?;
            let plan = c.plans.iter().find(|p| p.slug == slug).ok_or_else(|| {
                let all: Vec<&str> = c.plans.iter().map(|p| p.slug.as_str()).collect();
                format!("no plan {slug:?}; the plans are: {}", all.join(", "))
            })?;
            let rules = plan.rules.as_ref().ok_or_else(|| {
                format!("plan {slug:?} has no rule set (content/rules/{slug}.toml)")
            })?;
            let unit = match flag(args, "--unit") {
                None => rules.units[0],
                Some(u) => Unit::from_id(u)
                    .ok_or_else(|| format!("--unit must be chi-bo or dang-bo, not {u:?}"))?,
            };
            if !rules.units.contains(&unit) {
                return Err(format!("plan {slug:?} does not cover {}", unit.id()));
            }
            match cmd {
                "rules" => print!("{}", batch::list(rules)),
                "template" => print!("{}", batch::template(rules, unit)),
                _ => {
                    let file =
                        positional(args).ok_or_else(|| format!("assess needs a FILE\n{USAGE}"))?;
                    let bytes = std::fs::read(file).map_err(|e| format!("{file}: {e}"))?;
                    let text = String::from_utf8(bytes).map_err(|e| {
                        format!(
                            "{file}: not UTF-8 text (byte {}): save it as UTF-8 CSV",
                            e.utf8_error().valid_up_to()
                        )
                    })?;
                    let results = batch::assess(&text, rules, unit).map_err(|problems| {
                        let lines: Vec<String> =
                            problems.iter().map(|p| format!("{file}: {p}")).collect();
                        format!(
                            "{}\n{} problem(s); nothing assessed",
                            lines.join("\n"),
                            problems.len()
                        )
                    })?;
                    match flag(args, "--format").unwrap_or("table") {
                        "json" => {
                            for (a, r) in &results {
                                let mut v = serde_json::to_value(r).map_err(|e| e.to_string())?;
                                if let Some(o) = v.as_object_mut() {
                                    o.insert("name".into(), a.name.clone().into());
                                    o.insert("year".into(), a.year.clone().into());
                                }
                                println!("{v}");
                            }
                        }
                        "table" => print!("{}", batch::report(rules, &results)),
                        other => {
                            return Err(format!("--format must be table or json, not {other:?}"));
                        }
                    }
                }
            }
            Ok(())
        }
        _ => Err(USAGE.to_string()),
    }
}
