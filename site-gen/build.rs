//! Draws the icons into OUT_DIR once, at compile time (see src/icon.rs),
//! and writes `icons.rs`: each icon's path in the site with its bytes.

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
}
