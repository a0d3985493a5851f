//! Offline use and installing on a phone: the service worker (with the list
//! of every file and a version hash), the web app manifest, and its icons,
//! drawn at build time (no binary is checked in).

use crate::output::Output;
use bontot_core::model::Site;

const SW: &str = include_str!("../assets/sw.js");
pub const THEME: &str = "#9f1d1d";
const STAR: [u8; 3] = [0xff, 0xd5, 0x4a];
const RED: [u8; 3] = [0x9f, 0x1d, 0x1d];

/// Writes the icons and the manifest (call before `service_worker`, so
/// they are cached too).
pub fn write_manifest(site: &Site, out: &Output) -> std::io::Result<()> {
    for (name, bytes) in icons() {
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
        "theme_color": THEME,
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
    let files = out.files();
    let mut all = Vec::with_capacity(files.len() * 24);
    for (path, hash, _) in &files {
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
        .filter(|p| *p != "sw.js" && (precache_all || !lazy(p)))
        .collect();
    let js = SW.replace("__VERSION__", &version).replace(
        "__FILES__",
        &serde_json::to_string(&list).unwrap_or_else(|_| "[]".into()),
    );
    out.write("sw.js", js)
}

/// The icons, drawn once per process.
/// Draws the icons (once); `write_manifest` waits for them.
pub fn draw_icons() {
    icons();
}

fn icons() -> &'static [(&'static str, Vec<u8>)] {
    static ICONS: std::sync::OnceLock<Vec<(&str, Vec<u8>)>> = std::sync::OnceLock::new();
    ICONS.get_or_init(|| {
        [
            ("icons/icon-192.png", 192, false),
            ("icons/icon-512.png", 512, false),
            ("icons/maskable-512.png", 512, true),
            ("icons/apple-touch-icon.png", 180, true),
        ]
        .into_iter()
        .map(|(name, size, maskable)| (name, icon_png(size, maskable)))
        .collect()
    })
}

/// The star on red, drawn with 4×4 supersampling. A maskable icon fills
/// the square and keeps the star inside the central safe zone.
pub fn icon_png(size: u32, maskable: bool) -> Vec<u8> {
    let s = size as f64;
    let (cx, cy) = (s / 2.0, s / 2.0 + s * 0.02);
    let outer = if maskable { s * 0.30 } else { s * 0.40 };
    let inner = outer * 0.40;
    let star: Vec<(f64, f64)> = (0..10)
        .map(|i| {
            let r = if i % 2 == 0 { outer } else { inner };
            let a = -std::f64::consts::FRAC_PI_2 + i as f64 * std::f64::consts::PI / 5.0;
            (cx + r * a.cos(), cy + r * a.sin())
        })
        .collect();
    let radius = if maskable { 0.0 } else { s * 0.19 };
    // Coverage per pixel, exact across each of four sample rows: for each
    // row the star's edge crossings and the square's extent give intervals,
    // and a pixel is covered by its overlap with them.
    let overlap = |x: f64, (a, b): (f64, f64)| (b.min(x + 1.0) - a.max(x)).max(0.0);
    let mut pixels = Vec::with_capacity((size * size * 4) as usize);
    let mut crossings: Vec<f64> = Vec::with_capacity(10);
    let mut gold = vec![0.0f64; size as usize];
    let mut red = vec![0.0f64; size as usize];
    for y in 0..size {
        gold.iter_mut().for_each(|g| *g = 0.0);
        red.iter_mut().for_each(|r| *r = 0.0);
        for sy in 0..4 {
            let py = y as f64 + (sy as f64 + 0.5) / 4.0;
            crossings.clear();
            for i in 0..star.len() {
                let (xi, yi) = star[i];
                let (xj, yj) = star[(i + star.len() - 1) % star.len()];
                if (yi > py) != (yj > py) {
                    crossings.push((xj - xi) * (py - yi) / (yj - yi) + xi);
                }
            }
            crossings.sort_by(f64::total_cmp);
            let square = square_extent(py, s, radius);
            for x in 0..size as usize {
                let fx = x as f64;
                let star_cov: f64 = crossings
                    .chunks(2)
                    .filter(|c| c.len() == 2)
                    .map(|c| overlap(fx, (c[0], c[1])))
                    .sum();
                let square_cov = square.map_or(0.0, |iv| overlap(fx, iv));
                gold[x] += star_cov / 4.0;
                red[x] += (square_cov - star_cov).max(0.0) / 4.0;
            }
        }
        for x in 0..size as usize {
            let alpha = (gold[x] + red[x]).min(1.0);
            let mix = |c: usize| {
                if alpha <= 0.0 {
                    0
                } else {
                    ((RED[c] as f64 * red[x] + STAR[c] as f64 * gold[x]) / (gold[x] + red[x]))
                        .round() as u8
                }
            };
            pixels.extend_from_slice(&[mix(0), mix(1), mix(2), (alpha * 255.0).round() as u8]);
        }
    }
    let mut png_bytes = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut png_bytes, size, size);
        enc.set_color(png::ColorType::Rgba);
        enc.set_depth(png::BitDepth::Eight);
        enc.set_compression(png::Compression::Balanced);
        let mut w = enc.write_header().expect("PNG header into memory");
        w.write_image_data(&pixels).expect("PNG data into memory");
    }
    png_bytes
}

/// The horizontal extent of the rounded square at height `y`.
fn square_extent(y: f64, s: f64, r: f64) -> Option<(f64, f64)> {
    if !(0.0..=s).contains(&y) {
        return None;
    }
    let dy = (r - y).max(y - (s - r)).max(0.0);
    if dy > r {
        return None;
    }
    let dx = r - (r * r - dy * dy).max(0.0).sqrt();
    Some((dx, s - dx))
}

#[cfg(test)]
mod tests {
    use super::*;

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
