//! Offline use and installing on a phone: the service worker (with the list
//! of every file and a version hash), the web app manifest, and its icons,
//! drawn when site-gen is compiled (no binary is checked in).

use crate::icon;
use crate::output::Output;
use bontot_core::model::Site;

const SW: &str = include_str!("../assets/sw.js");

/// Writes the icons and the manifest (call before `service_worker`, so
/// they are cached too).
pub fn write_manifest(site: &Site, out: &Output) -> std::io::Result<()> {
    for (name, bytes) in ICONS {
        out.write(name, bytes)?;
    }
    let manifest = serde_json::json!({
        "name": site.title,
        "short_name": site.title,
        "description": site.description,
        "lang": site.language,
        "start_url": "./index.html",
        "scope": "./",
        "display": "standalone",
        "background_color": "#fffdf8",
        "theme_color": icon::THEME,
        "icons": [
            { "src": "icons/icon-192.png", "sizes": "192x192", "type": "image/png" },
            { "src": "icons/icon-512.png", "sizes": "512x512", "type": "image/png" },
            { "src": "icons/maskable-512.png", "sizes": "512x512", "type": "image/png", "purpose": "maskable" }
        ]
    });
    out.write(
        "manifest.webmanifest",
        serde_json::to_string_pretty(&manifest).unwrap_or_default(),
    )
}

/// Search index files are precached while they weigh less than this in
/// all; above it (thousands of pages) they are cached as they are used.
pub const PRECACHE_SEARCH_BYTES: usize = 5 * 1024 * 1024;

/// Writes `sw.js` listing every file written so far; its version is a
/// hash of all of them, so any change to the site gives a new cache.
pub fn write_service_worker(out: &Output) -> std::io::Result<()> {
    out.write("sw.js", service_worker(&out.files()))
}

/// `sw.js` for a site of `files` (sorted by path, with hash and size;
/// `sw.js` itself is left out).
pub fn service_worker(files: &[(String, u64, usize)]) -> String {
    let files: Vec<&(String, u64, usize)> = files.iter().filter(|f| f.0 != "sw.js").collect();
    let mut all = Vec::with_capacity(files.len() * 24);
    for (path, hash, _) in files.iter().copied() {
        all.extend_from_slice(path.as_bytes());
        all.extend_from_slice(&hash.to_le_bytes());
    }
    let version = format!("{:016x}", xxhash_rust::xxh3::xxh3_64(&all));
    let lazy = |p: &str| p.starts_with("search/t/") || p.starts_with("search/p/");
    let search_bytes: usize = files
        .iter()
        .filter(|(p, _, _)| lazy(p))
        .map(|(_, _, n)| n)
        .sum();
    let precache_all = search_bytes <= PRECACHE_SEARCH_BYTES;
    let list: Vec<&str> = files
        .iter()
        .map(|(p, _, _)| p.as_str())
        // The loaders fetch each WASM's `.gz` copy; the plain file is for
        // browsers without `DecompressionStream`, which have no service
        // worker worth the 500 KB either.
        .filter(|p| *p != "sw.js" && (precache_all || !lazy(p)) && !is_plain_wasm(p))
        .collect();
    SW.replace("__VERSION__", &version).replace(
        "__FILES__",
        &serde_json::to_string(&list).unwrap_or_else(|_| "[]".into()),
    )
}

fn is_plain_wasm(path: &str) -> bool {
    path.starts_with("app/") && path.ends_with(".wasm")
}

/// The icons as (path in the site, PNG), drawn by `build.rs` with
/// [`icon::icon_png`] in the order of [`icon::ICONS`].
const ICONS: [(&str, &[u8]); icon::ICONS.len()] = include!(concat!(env!("OUT_DIR"), "/icons.rs"));

#[cfg(test)]
mod tests {
    use super::*;
    use crate::icon::{RED, icon_png};

    #[test]
    fn built_icons_are_the_drawn_ones() {
        for ((path, bytes), (name, size, maskable)) in ICONS.iter().zip(icon::ICONS) {
            assert_eq!(*path, format!("icons/{name}"));
            assert_eq!(*bytes, icon_png(size, maskable).as_slice(), "{name}");
        }
    }

    #[test]
    fn icons_are_valid_pngs_of_the_right_size_and_deterministic() {
        for (size, maskable) in [(192, false), (512, true)] {
            let bytes = icon_png(size, maskable);
            assert_eq!(bytes, icon_png(size, maskable));
            let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
            let reader = decoder.read_info().unwrap();
            assert_eq!((reader.info().width, reader.info().height), (size, size));
        }
    }

    #[test]
    fn maskable_icon_fills_the_square() {
        let bytes = icon_png(64, true);
        let mut reader = png::Decoder::new(std::io::Cursor::new(bytes))
            .read_info()
            .unwrap();
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        reader.next_frame(&mut buf).unwrap();
        assert_eq!(
            &buf[0..4],
            &[RED[0], RED[1], RED[2], 255],
            "corner is opaque red"
        );
    }
}
