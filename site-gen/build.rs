//! Draws the icons into OUT_DIR once, at compile time (see src/icon.rs).

include!("src/icon.rs");

fn main() {
    println!("cargo::rerun-if-changed=src/icon.rs");
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    for (name, size, maskable) in ICONS {
        std::fs::write(out.join(name), icon_png(size, maskable)).expect("writing an icon");
    }
}
