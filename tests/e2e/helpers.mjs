// Shared set-up for the browser tests: Debian's Chromium driven by
// playwright-core, against the site served by `cargo xtask test`.
import { chromium } from "playwright-core";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";

export const SITE_URL = process.env.SITE_URL;
if (!SITE_URL) throw new Error("SITE_URL is not set: run these tests through `cargo xtask test`");

const FLAGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: FLAGS,
  });
}

/// A page at a phone size that records console errors, uncaught errors and
/// failed or off-site requests.
export async function phonePage(browser, { width = 390, height = 844, site = SITE_URL, ...options } = {}) {
  const context = await browser.newContext({
    viewport: { width, height },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: "vi-VN",
    ...options,
  });
  const page = await context.newPage();
  const problems = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(`console error: ${msg.text()}`);
  });
  page.on("pageerror", (err) => problems.push(`uncaught: ${err.message}`));
  page.on("requestfailed", (req) => {
    // Leaving a page aborts what it was still loading: not a fault.
    if (req.failure()?.errorText !== "net::ERR_ABORTED") problems.push(`request failed: ${req.url()} ${req.failure()?.errorText}`);
  });
  page.on("response", (res) => {
    if (res.status() >= 400 && !page.url().includes("khong-co")) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  page.on("request", (req) => {
    if (!req.url().startsWith(new URL(site).origin) && !req.url().startsWith("data:") && !req.url().startsWith("blob:")) {
      problems.push(`off-site request: ${req.url()}`);
    }
  });
  return { context, page, problems };
}

/// Waits until the calculator's results show the last answer: an answer
/// draws its question and the result bar at once and the results after
/// the next paint, marking them `aria-busy` meanwhile (app/src/run.rs).
export async function settled(page) {
  await page.waitForSelector("#ket-qua:not([aria-busy])", { state: "attached" });
}

export function url(path = "") {
  return new URL(path, SITE_URL).href;
}

export function assertClean(problems, what) {
  assert.deepEqual(problems, [], `${what}: ${problems.join("\n")}`);
}

/// A static server of DIST_DIR under /some/sub/path/ that a test can shut
/// down, to take the site truly offline (browser offline emulation does not
/// cover service worker fetches).
export async function serveDist() {
  const { createServer } = await import("node:http");
  const { readFile } = await import("node:fs/promises");
  const { join, extname, normalize } = await import("node:path");
  const types = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".wasm": "application/wasm", ".json": "application/json", ".webmanifest": "application/manifest+json", ".svg": "image/svg+xml", ".png": "image/png", ".ics": "text/calendar", ".xml": "application/xml", ".txt": "text/plain" };
  const prefix = "/some/sub/path/";
  const sockets = new Set();
  const server = createServer(async (req, res) => {
    let path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (!path.startsWith(prefix) || normalize(path).includes("..")) { res.writeHead(404); res.end(); return; }
    path = path.slice(prefix.length) || "index.html";
    if (path.endsWith("/")) path += "index.html";
    try {
      const body = await readFile(join(process.env.DIST_DIR, path));
      res.writeHead(200, { "Content-Type": types[extname(path)] ?? "application/octet-stream", "Cache-Control": "no-cache" });
      res.end(body);
    } catch {
      res.writeHead(404, { "Content-Type": types[".html"] });
      res.end(await readFile(join(process.env.DIST_DIR, "404.html")));
    }
  });
  // Unreferenced: a test that fails before closing it must not keep the
  // test process alive.
  server.on("connection", (s) => { s.unref(); sockets.add(s); s.on("close", () => sockets.delete(s)); });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  server.unref();
  const base = `http://127.0.0.1:${server.address().port}${prefix}`;
  return {
    url: (path = "") => new URL(path, base).href,
    close: () => new Promise((resolve) => { for (const s of sockets) s.destroy(); server.close(resolve); }),
  };
}

/// Visits the home page of `url` (a site from `serveDist`) and waits until
/// the service worker controls it and its cache holds every file `sw.js`
/// lists; returns that list.
export async function installOffline(page, url) {
  await page.goto(url("index.html"));
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20000 });
  const sw = readFileSync(join(process.env.DIST_DIR, "sw.js"), "utf8");
  const files = JSON.parse(sw.match(/const FILES = (\[.*\]);/)[1]);
  await page.waitForFunction(async (n) => {
    const keys = await caches.keys();
    const name = keys.find((k) => k.startsWith("bontot-"));
    return name && (await (await caches.open(name)).keys()).length === n;
  }, files.length, { timeout: 30000, polling: 200 });
  return files;
}
