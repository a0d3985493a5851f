// The app's icon, a star on red, drawn as PNG. This file is also
// `include!`d by `build.rs`, which draws the icons once at compile time
// (no binary is checked in, and a build does not spend time drawing), so
// it uses nothing from the crate.

pub const STAR: [u8; 3] = [0xff, 0xd5, 0x4a];
pub const RED: [u8; 3] = [0x9f, 0x1d, 0x1d];
/// [`RED`] for the browser: the pages' and the manifest's theme colour.
pub const THEME: &str = "#9f1d1d";

/// The icons a site has: file name (under `icons/`), size, maskable.
pub const ICONS: [(&str, u32, bool); 4] = [
    ("icon-192.png", 192, false),
    ("icon-512.png", 512, false),
    ("maskable-512.png", 512, true),
    ("apple-touch-icon.png", 180, true),
];

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
