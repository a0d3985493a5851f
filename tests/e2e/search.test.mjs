// The search page at phone size: its own small WASM module finds words
// typed without marks, highlights them, searches as the reader types and
// keeps the query in the address, links to the exact section, says so
// when nothing matches or the index cannot be fetched, and works offline
// once the site is cached. Every test also checks for console errors,
// Content Security Policy violations and horizontal scrolling.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, phonePage, url as siteUrl, assertClean, serveDist, installOffline } from "./helpers.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/// A 390×844 page that also records CSP violations.
async function open(options = {}) {
  const p = await phonePage(browser, { width: 390, height: 844, ...options });
  await p.context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return p;
}

/// No CSP violation, no horizontal scroll, nothing in the console.
async function assertSound(page, problems, what) {
  assert.deepEqual(await page.evaluate(() => window.__csp), [], `${what}: CSP violations`);
  const m = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, w: innerWidth }));
  assert.ok(m.sw <= m.w, `${what}: ${m.sw}px wide at ${m.w}px`);
  assertClean(problems, what);
}

/// Waits until the results (or "no results") for `query` are shown
/// complete: typed queries show headings first, and `#search` is
/// `aria-busy` until their snippets are in.
async function shown(page, query) {
  const q = query.normalize("NFC").trim();
  try {
    await page.waitForFunction(
      (q) => [...document.querySelectorAll("#search .search-count")].some((p) => p.textContent.includes(`“${q}”`))
        && !document.querySelector("#search").hasAttribute("aria-busy"),
      q,
      { timeout: 20000 },
    );
  } catch (e) {
    // Say what was on screen, and whether a service worker was installing.
    const state = await page.evaluate(async () => ({
      search: document.querySelector("#search")?.textContent.slice(0, 300),
      worker: (await navigator.serviceWorker?.getRegistration())?.installing ? "installing" : "none installing",
    })).catch((x) => ({ error: String(x) }));
    e.message += `\n  “${q}” not shown: ${JSON.stringify(state)}`;
    throw e;
  }
}

/// The results on screen.
function hits(page) {
  return page.$$eval("#search .search-hit", (hits) => hits.map((h) => {
    const a = h.querySelector("a.search-link");
    const snippet = h.querySelector(".search-snippet");
    return {
      href: a.getAttribute("href"),
      heading: a.textContent,
      snippet: snippet?.textContent ?? "",
      snippetMarks: [...(snippet?.querySelectorAll("mark") ?? [])].map((m) => m.textContent),
      marks: [...h.querySelectorAll("mark")].map((m) => m.textContent),
    };
  }));
}

async function search(page, query, url = siteUrl) {
  await page.goto(url(`tim-kiem.html?q=${encodeURIComponent(query)}`));
  await shown(page, query);
  return hits(page);
}

const lower = (s) => s.toLocaleLowerCase("vi");

test("typed without marks, words are found with them and highlighted", async () => {
  const { page, problems, context } = await open();
  let r = await search(page, "chi bo bon tot");
  assert.ok(r.length > 0, "results for chi bo bon tot");
  assert.ok(
    r.some((h) => lower(h.snippet).includes("chi bộ bốn tốt") && h.snippetMarks.some((m) => lower(m).includes("chi bộ bốn tốt"))),
    `a snippet with “chi bộ bốn tốt” marked: ${JSON.stringify(r.slice(0, 3))}`,
  );
  // The page's box holds the query, the no-JavaScript list is hidden,
  // results are announced politely.
  assert.equal(await page.inputValue("main input[name=q]"), "chi bo bon tot");
  assert.equal(await page.$$eval("input[name=q]", (i) => i.length), 1, "one search box on the search page");
  assert.equal(await page.evaluate(() => document.querySelector("#search-fallback").hidden), true);
  assert.equal(await page.getAttribute("#search", "aria-live"), "polite");
  // Results are grouped by plan page, under its title.
  const groups = await page.$$eval("#search .search-page", (g) => g.map((x) => x.querySelector("h2").textContent));
  assert.ok(groups.length > 1 && new Set(groups).size === groups.length, `one group a page: ${groups}`);

  r = await search(page, "dang vien");
  assert.ok(r.some((h) => lower(h.heading + " " + h.snippet).includes("đảng viên")), "đảng viên");
  assert.ok(r.some((h) => h.marks.some((m) => lower(m).includes("đảng viên"))), "đảng viên is marked");

  r = await search(page, "ky luat");
  assert.ok(r.some((h) => lower(h.heading + " " + h.snippet).includes("kỷ luật")), "kỷ luật");

  r = await search(page, "Đảng");
  assert.ok(r.length > 0);
  assert.match(r[0].heading + " " + r[0].snippet, /Đảng|đảng/, "the first result holds “Đảng” as typed");
  assert.ok(r[0].marks.some((m) => /^(Đảng|đảng)/.test(m)), `marked: ${r[0].marks}`);
  await assertSound(page, problems, "search by words");
  await context.close();
});

test("a query typed decomposed (NFD) finds what it finds composed", async () => {
  const { page, problems, context } = await open();
  const nfc = "đảng viên kỷ luật";
  const nfd = nfc.normalize("NFD");
  assert.notEqual(nfd, nfc);
  const composed = await search(page, nfc);
  assert.ok(composed.length > 0);
  await page.goto(siteUrl("tim-kiem.html"));
  await page.fill("main input[name=q]", nfd);
  await shown(page, nfd);
  const decomposed = await hits(page);
  assert.deepEqual(decomposed.map((h) => h.href), composed.map((h) => h.href));
  assert.deepEqual(decomposed.map((h) => h.marks), composed.map((h) => h.marks));
  await assertSound(page, problems, "NFD query");
  await context.close();
});

test("nothing found: a message with tips", async () => {
  const { page, problems, context } = await open();
  const r = await search(page, "xqzwv");
  assert.equal(r.length, 0);
  const text = await page.textContent("#search");
  assert.match(text, /Không tìm thấy kết quả cho “xqzwv”/);
  assert.match(text, /gõ không dấu được/i);
  assert.match(text, /từ ngắn hơn/);
  await assertSound(page, problems, "no results");
  await context.close();
});

test("a result opens the plan page at its section", async () => {
  const { page, problems, context } = await open();
  const r = await search(page, "ky luat");
  const first = r[0];
  assert.match(first.href, /^ke-hoach\/[a-z0-9-]+\.html#.+|^[a-z0-9-]+\.html#.+/);
  const link = page.locator("#search a.search-link").first();
  const box = await link.boundingBox();
  assert.ok(box.height >= 44, `link ${box.height}px tall`);
  await Promise.all([page.waitForURL((u) => u.hash.length > 1), link.click()]);
  const id = decodeURIComponent(new URL(page.url()).hash.slice(1));
  assert.equal(new URL(page.url()).href, siteUrl(first.href));
  assert.equal(await page.evaluate((id) => document.getElementById(id) !== null, id), true, `#${id} exists`);
  assert.equal(await page.evaluate((id) => document.getElementById(id).matches(":target"), id), true, `#${id} is :target`);
  await assertSound(page, problems, "result link");
  await context.close();
});

test("the header's search form on a plan page leads to results", async () => {
  const { page, problems, context } = await open();
  await page.goto(siteUrl("ke-hoach/son-la.html"));
  await page.fill("#q", "dang vien");
  await Promise.all([page.waitForURL(/tim-kiem\.html\?q=dang\+vien/), page.press("#q", "Enter")]);
  await shown(page, "dang vien");
  assert.ok((await hits(page)).length > 0);
  await assertSound(page, problems, "header form");
  await context.close();
});

test("results follow typing, the address keeps the query, Enter does not reload", async () => {
  const { page, problems, context } = await open();
  await page.goto(siteUrl("tim-kiem.html"));
  assert.equal(await page.textContent("#search"), "");
  const input = page.locator("main input[name=q]");
  await input.click();
  await page.keyboard.type("ky lu", { delay: 30 });
  await shown(page, "ky lu");
  assert.ok((await hits(page)).some((h) => lower(h.heading + h.snippet).includes("kỷ luật")), "the last word is a prefix");
  assert.equal(new URL(page.url()).searchParams.get("q"), "ky lu");
  // A page that reloaded would lose this.
  await page.evaluate(() => { window.__stayed = true; });
  await page.keyboard.type("at dang vien", { delay: 30 });
  await page.keyboard.press("Enter");
  await shown(page, "ky luat dang vien");
  assert.equal(await page.evaluate(() => window.__stayed), true, "no reload on Enter");
  assert.equal(new URL(page.url()).searchParams.get("q"), "ky luat dang vien");
  // Shareable: the address alone gives the same results.
  const before = (await hits(page)).map((h) => h.href);
  await page.goto(page.url());
  await shown(page, "ky luat dang vien");
  assert.deepEqual((await hits(page)).map((h) => h.href), before);
  // Clearing the box clears the results and the address.
  await input.fill("");
  await page.waitForFunction(() => document.querySelector("#search").textContent === "" && !location.search);
  await assertSound(page, problems, "live search");
  await context.close();
});

test("typed: term files are requested at each key, results show their headings before the page files, and a failed page file keeps them with a message", async () => {
  // No service worker, so that the page files can be held and failed.
  const { page, problems, context } = await open({ serviceWorkers: "block" });
  // The site's headings come with the index, once per visit.
  const heads = page.waitForResponse((r) => r.url().endsWith("/search/heads.json"));
  await page.goto(siteUrl("tim-kiem.html"));
  assert.equal((await heads).status(), 200);
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route("**/search/p/**", async (route) => { await held; await route.continue(); });
  await page.evaluate(() => {
    window.__keys = [];
    document.querySelector("main input[name=q]").addEventListener("keydown", () => window.__keys.push(performance.now()));
  });
  await page.click("main input[name=q]");
  // Keys 30 ms apart: the search itself waits for a 200 ms pause.
  await page.keyboard.type("ky luat", { delay: 30 });
  await page.waitForFunction(() => document.querySelector("#search .search-count")?.textContent.includes("“ky luat”"));
  const early = await page.evaluate(() => performance.getEntriesByType("resource")
    .filter((e) => e.name.includes("/search/t/") && e.startTime < window.__keys.at(-1))
    .map((e) => e.name.split("/search/t/")[1]));
  assert.ok(early.includes("ky.json"), `“ky” requested while typing, before the last key: ${early}`);
  // Headings and titles, no snippets yet, and the region says it is busy.
  const first = await hits(page);
  assert.ok(first.length > 0);
  assert.ok(first.every((h) => h.heading.trim() && !h.snippet), JSON.stringify(first.slice(0, 3)));
  assert.ok(first.some((h) => h.marks.some((m) => /kỷ luật/i.test(m))), "matched words in headings are marked");
  assert.ok((await page.$$eval("#search .search-title", (t) => t.map((x) => x.textContent))).every((t) => t.trim()));
  assert.equal(await page.getAttribute("#search", "aria-busy"), "true");
  assert.equal(await page.$$eval("#search button[data-action=more]", (b) => b.length), 0, "no “Xem thêm” until the list is final");
  release();
  await shown(page, "ky luat");
  const full = await hits(page);
  assert.ok(full.some((h) => h.snippetMarks.some((m) => /kỷ luật/i.test(m))), "snippets once the page files are in");
  // The same pages; their text may bring other sections up.
  const pagesOf = (r) => new Set(r.map((h) => h.href.split("#")[0]));
  assert.deepEqual(pagesOf(full), pagesOf(first));

  // Offline for the page files: the headings stay, with a message.
  await page.unroute("**/search/p/**");
  await page.route("**/search/p/**", (route) => route.abort("internetdisconnected"));
  await page.fill("main input[name=q]", "dang vien");
  await page.waitForSelector("#search .search-snippets-error", { timeout: 20000 });
  assert.match(await page.textContent("#search .search-snippets-error"), /chưa có đoạn trích.*mất mạng/);
  assert.ok((await hits(page)).length > 0, "the results stay");
  assert.equal(await page.getAttribute("#search", "aria-busy"), null);
  assert.equal(await page.evaluate(() => document.querySelector("#search-fallback").hidden), true);
  await page.unroute("**/search/p/**");
  await page.click("#search .search-snippets-error button[data-action=retry]");
  await shown(page, "dang vien");
  assert.ok((await hits(page)).some((h) => h.snippet), "snippets after “Thử lại”");
  assert.equal(await page.$$eval("#search .search-snippets-error", (e) => e.length), 0);
  // Expected: the failed requests, and site.js finding no registration.
  const real = problems.filter((p) => !/search\/p\/|ERR_INTERNET_DISCONNECTED|reading 'waiting'/.test(p));
  await assertSound(page, real, "headings first");
  await context.close();
});

test("words typed before the module has loaded are searched when it starts", async () => {
  const { page, problems, context } = await open({ serviceWorkers: "block" });
  // The module's loader is held back until the words are in the box.
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route("**/app/search.js", async (route) => { await held; await route.continue(); });
  // A module script holds DOMContentLoaded back, so only the box is awaited.
  await page.goto(siteUrl("tim-kiem.html"), { waitUntil: "commit" });
  await page.fill("main input[name=q]", "ky luat");
  release();
  await shown(page, "ky luat");
  assert.ok((await hits(page)).length > 0);
  assert.equal(new URL(page.url()).searchParams.get("q"), "ky luat");
  await assertSound(page, problems, "typed early");
  await context.close();
});

test("“Xem thêm” lists the next pages", async () => {
  // No service worker, so that one request can be failed on purpose.
  const { page, problems, context } = await open({ serviceWorkers: "block" });
  await search(page, "dang");
  const count = await page.textContent("#search .search-count");
  const pages = Number(count.match(/trong (?:ít nhất )?(\d+) trang/)[1]);
  const first = await page.$$eval("#search .search-page", (g) => g.length);
  assert.ok(pages > first, `more pages (${pages}) than shown (${first})`);
  const more = page.locator("#search button[data-action=more]");
  assert.match(await more.textContent(), /Xem thêm/);
  // A failure keeps the results and the button, with a message.
  await page.route("**/search/p/**", (route) => route.abort("internetdisconnected"));
  await more.click();
  await page.waitForSelector("#search .search-more-error", { timeout: 20000 });
  assert.match(await page.textContent("#search .search-more-error"), /mất mạng/);
  assert.equal(await page.$$eval("#search .search-page", (g) => g.length), first);
  assert.equal(await more.isEnabled(), true);
  await page.unroute("**/search/p/**");
  await more.click();
  await page.waitForFunction((n) => document.querySelectorAll("#search .search-page").length > n, first);
  const titles = await page.$$eval("#search .search-page h2", (h) => h.map((x) => x.textContent));
  assert.equal(new Set(titles).size, titles.length, "no page twice");
  assert.equal(titles.length, pages);
  assert.equal(await more.count(), 0, "nothing more to show");
  assert.equal(await page.evaluate(() => document.activeElement?.classList.contains("search-link")), true, "focus on the first new result");
  assert.equal(await page.$$eval("#search .search-more-error", (e) => e.length), 0);
  // Expected: the failed requests, and site.js finding no registration.
  const real = problems.filter((p) => !/search\/p\/|ERR_INTERNET_DISCONNECTED|reading 'waiting'/.test(p));
  await assertSound(page, real, "more results");
  await context.close();
});

test("a file that cannot be fetched gives a message, and “Thử lại” recovers", async () => {
  // No service worker here, so that requests can be failed on purpose.
  const { page, problems, context } = await open({ serviceWorkers: "block" });
  await page.route("**/search/t/**", (route) => route.abort("internetdisconnected"));
  await page.goto(siteUrl("tim-kiem.html?q=ky+luat"));
  await page.waitForSelector("#search .search-error", { timeout: 20000 });
  assert.match(await page.textContent("#search"), /Không tải được dữ liệu tìm kiếm.*mất mạng/);
  // The plan list is of use meanwhile.
  assert.equal(await page.evaluate(() => document.querySelector("#search-fallback").hidden), false);
  await page.unroute("**/search/t/**");
  await page.click("#search button[data-action=retry]");
  await shown(page, "ky luat");
  assert.ok((await hits(page)).length > 0);
  assert.equal(await page.evaluate(() => document.querySelector("#search-fallback").hidden), true);
  // A term file missing (a 404 the vocabulary did not allow for).
  await page.route("**/search/t/**", (route) => route.fulfill({ status: 404, body: "" }));
  await page.fill("main input[name=q]", "dang vien ");
  await page.waitForSelector("#search .search-error", { timeout: 20000 });
  assert.match(await page.textContent("#search"), /lỗi 404/);
  // Expected: the failed requests, and site.js finding no registration
  // (Playwright's blocking makes register() resolve to nothing).
  const real = problems.filter((p) => !/search\/t\/|404|ERR_INTERNET_DISCONNECTED|reading 'waiting'/.test(p));
  assert.deepEqual(real, [], real.join("\n"));
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  await context.close();
});

test("with the network off after one visit, search still answers", async () => {
  const site = await serveDist();
  const { page, problems, context } = await open({ site: site.url() });
  try {
    const files = await installOffline(page, site.url);
    assert.ok(files.includes("app/search.js") && files.includes("search/vocab.json"), "the search module and index are cached");
    await site.close();
    await context.setOffline(true);
    const r = await search(page, "ky luat", site.url);
    assert.ok(r.some((h) => lower(h.heading + " " + h.snippet).includes("kỷ luật")), "kỷ luật offline");
    const real = problems.filter((p) => !p.includes("ERR_INTERNET_DISCONNECTED"));
    await assertSound(page, real, "offline search");
  } finally {
    await context.close();
    await site.close().catch(() => {});
  }
});

test("the search page loads the search module only, not the calculator", async () => {
  // Only the page's own requests matter here; the service worker (tested
  // above and in offline.test.mjs) would fetch the whole site meanwhile.
  const { page, problems, context } = await open({ serviceWorkers: "block" });
  const loaded = [];
  page.on("request", (r) => loaded.push(new URL(r.url()).pathname));
  await search(page, "chi bo bon tot");
  assert.ok(loaded.some((p) => /app\/bontot-search-[0-9a-f]+_bg\.wasm\.gz$/.test(p)), `search WASM: ${loaded}`);
  assert.ok(!loaded.some((p) => /bontot-app|start\.js/.test(p)), `no calculator: ${loaded.filter((p) => p.includes("app/"))}`);
  // Expected: site.js finding no registration (Playwright's blocking makes
  // register() resolve to nothing).
  await assertSound(page, problems.filter((p) => !/reading 'waiting'/.test(p)), "bundle");
  await context.close();
});
