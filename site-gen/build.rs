//! Draws the icons into OUT_DIR once, at compile time (see src/icon.rs),
//! and writes `icons.rs`: each icon's path in the site with its bytes.
//!
//! Also writes `app_files.rs`, the WASM modules carried inside the binary
//! (`src/app.rs`): with `BONTOT_EMBED_APP=<trunk's output folder>` (set by
//! `cargo xtask dist`), each module file of that folder as (name, bytes);
//! without it, nothing, and the build is what it always was.

include!("src/icon.rs");

fn main() {
    println!("cargo::rerun-if-changed=src/icon.rs");
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let mut table = String::from("[\n");
    for (name, size, maskable) in ICONS {
        std::fs::write(out.join(name), icon_png(size, maskable)).expect("writing an icon");
        table.push_str(&format!(
            "    (\"icons/{name}\", include_bytes!(concat!(env!(\"OUT_DIR\"), \"/{name}\")).as_slice()),\n"
        ));
    }
    table.push_str("]\n");
    std::fs::write(out.join("icons.rs"), table).expect("writing the icon table");
    std::fs::write(out.join("app_files.rs"), embedded_app()).expect("writing the app table");
}

/// The table of module files to embed, as Rust source.
fn embedded_app() -> String {
    println!("cargo::rerun-if-env-changed=BONTOT_EMBED_APP");
    let Some(dir) = std::env::var_os("BONTOT_EMBED_APP") else {
        return "&[]\n".into();
    };
    let dir = std::path::PathBuf::from(dir);
    let dir = std::fs::canonicalize(&dir)
        .unwrap_or_else(|e| panic!("BONTOT_EMBED_APP={}: {e}", dir.display()));
    println!("cargo::rerun-if-changed={}", dir.display());
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("BONTOT_EMBED_APP={}: {e}", dir.display()))
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        // The same test as `app::is_module_file`.
        .filter(|n| {
            n.starts_with("bontot-")
                && (n.ends_with(".js") || n.ends_with("_bg.wasm") || n.ends_with("_bg.wasm.gz"))
        })
        .collect();
    names.sort();
    for bin in ["bontot-app", "bontot-search", "bontot-desk"] {
        let has = |suffix: &str| {
            names
                .iter()
                .any(|n| n.starts_with(bin) && n.ends_with(suffix))
        };
        assert!(
            has(".js") && has("_bg.wasm"),
            "BONTOT_EMBED_APP={}: no build of {bin} there; run trunk (cargo xtask build) first",
            dir.display()
        );
    }
    let mut table = String::from("&[\n");
    for n in &names {
        let path = dir.join(n);
        println!("cargo::rerun-if-changed={}", path.display());
        table.push_str(&format!(
            "    ({n:?}, include_bytes!({:?}).as_slice()),\n",
            path.display().to_string()
        ));
    }
    table.push_str("]\n");
    table
}
