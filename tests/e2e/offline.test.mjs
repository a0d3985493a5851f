// Offline: after one visit the service worker holds every page, the
// calculator and the search index; with the network off a second visit
// works in full. A new build is offered as an update.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { launch, phonePage, serveDist, installOffline, assertClean, url as siteUrl } from "./helpers.mjs";

const DIST = process.env.DIST_DIR;
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test("a second visit works with the network off", async () => {
  const site = await serveDist();
  const url = site.url;
  const { context, page, problems } = await phonePage(browser, { site: url() });
  const files = await installOffline(page, url);
  assert.ok(files.includes("index.html") && files.some((f) => f.endsWith("_bg.wasm.gz")) && !files.some((f) => f.endsWith(".wasm")), "pages and the app are cached, the WASM in its compressed copy only");
  // Really offline: the server is gone, every request would fail.
  await site.close();
  await context.setOffline(true);
  for (const path of ["ke-hoach/son-la.html", "so-sanh.html", "thoi-han.html", "thuat-ngu.html", "tim-kiem.html?q=dang+vien", "index.html"]) {
    const response = await page.goto(url(path));
    assert.ok(response.ok(), `${path} offline: ${response.status()}`);
    assert.ok((await page.textContent("h1")).trim().length > 0, path);
  }
  // The calculator's WASM starts from the cache.
  await page.goto(url("tu-danh-gia/binh-tan.html"));
  await page.waitForSelector("#calculator *", { timeout: 20000 });
  // An unknown page gets the cached 404 page.
  await page.goto(url("ke-hoach/khong-co-trang-nay.html"));
  assert.match(await page.textContent("h1"), /Không tìm thấy trang/);
  const real = problems.filter((p) => !p.includes("khong-co-trang-nay") && !p.includes("ERR_INTERNET_DISCONNECTED"));
  assert.deepEqual(real, [], real.join("\n"));
  await context.close();
});

test("a new build is offered as an update and replaces the old cache", async () => {
  const swPath = join(DIST, "sw.js");
  const original = readFileSync(swPath, "utf8");
  const site = await serveDist();
  const url = site.url;
  const { context, page } = await phonePage(browser, { site: url() });
  try {
    await installOffline(page, url);
    const before = await page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith("bontot-")));
    assert.equal(before.length, 1);
    // A new build: same files, a new version.
    writeFileSync(swPath, original.replace(/const VERSION = "([0-9a-f]+)"/, 'const VERSION = "$1ff"'));
    await page.goto(url("thuat-ngu.html"));
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    await page.waitForSelector(".update-bar button", { timeout: 30000 });
    assert.match(await page.textContent(".update-bar"), /bản mới/);
    await Promise.all([page.waitForEvent("load"), page.click(".update-bar button")]);
    await page.waitForFunction(async () => (await caches.keys()).filter((k) => k.startsWith("bontot-")).length === 1);
    const after = await page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith("bontot-")));
    assert.notDeepEqual(after, before, "the old cache is gone, the new one in place");
  } finally {
    writeFileSync(swPath, original);
    await context.close();
    await site.close();
  }
});

test("the page comes first: the calculator's module after the first paint, the offline copy after load and drawing", async () => {
  const { context, page, problems } = await phonePage(browser);
  await context.addInitScript(() => {
    window.__times = {};
    const container = navigator.serviceWorker;
    const register = container.register.bind(container);
    container.register = (...args) => {
      window.__times.register = performance.now();
      return register(...args);
    };
    new MutationObserver(() => { window.__times.drawn ??= performance.now(); })
      .observe(document, { subtree: true, attributes: true, attributeFilter: ["data-drawn"] });
    addEventListener("load", () => { window.__times.load = performance.now(); });
  });
  await page.goto(siteUrl("tu-danh-gia/binh-tan.html"));
  await page.waitForSelector("#calculator .app-ready", { timeout: 20000 });
  await page.waitForFunction(() => window.__times.register !== undefined, null, { timeout: 20000 });
  const t = await page.evaluate(() => ({
    ...window.__times,
    paint: performance.getEntriesByType("paint").find((e) => e.name === "first-paint")?.startTime,
    wasm: performance.getEntriesByType("resource").find((e) => e.name.endsWith("_bg.wasm.gz"))?.startTime,
  }));
  assert.ok(t.paint !== undefined && t.wasm !== undefined, JSON.stringify(t));
  assert.ok(t.wasm >= t.paint, `WASM requested at ${t.wasm} ms, before the first paint at ${t.paint} ms`);
  assert.ok(t.drawn !== undefined && t.load !== undefined, JSON.stringify(t));
  assert.ok(t.register >= t.drawn && t.register >= t.load, `service worker registered too early: ${JSON.stringify(t)}`);
  // It still installs: a worker becomes active.
  await page.evaluate(() => navigator.serviceWorker.ready);
  assertClean(problems, "calculator page load order");
  await context.close();
});
