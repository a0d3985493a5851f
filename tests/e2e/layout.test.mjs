// Every page reads on a 360-pixel-wide phone: no horizontal scrolling,
// body text at least 16 px, the navigation reachable, nothing in the
// console, and the same without JavaScript.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { launch, phonePage, url, assertClean } from "./helpers.mjs";

const DIST = process.env.DIST_DIR;

function htmlFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return htmlFiles(p);
    return name.endsWith(".html") ? [relative(DIST, p)] : [];
  });
}

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function checkLayout(page, path) {
  const m = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    width: window.innerWidth,
    fontSize: parseFloat(getComputedStyle(document.body).fontSize),
    navLinks: [...document.querySelectorAll(".site-nav a")].filter((a) => a.getBoundingClientRect().width > 0).length,
    h1: document.querySelector("h1")?.textContent ?? "",
  }));
  assert.ok(m.scrollWidth <= m.width, `${path}: page is ${m.scrollWidth}px wide on a ${m.width}px screen`);
  assert.ok(m.fontSize >= 16, `${path}: body text is ${m.fontSize}px`);
  assert.equal(m.navLinks, 5, `${path}: all five navigation links are visible`);
  assert.ok(m.h1.trim().length > 0, `${path}: has a heading`);
}

for (const js of [true, false]) {
  test(`every page fits 360×640 ${js ? "with" : "without"} JavaScript`, async () => {
    const pages = htmlFiles(DIST).sort();
    assert.ok(pages.length >= 15, `only ${pages.length} pages found`);
    const { page, problems, context } = await phonePage(browser, { width: 360, height: 640, javaScriptEnabled: js });
    for (const path of pages) {
      const response = await page.goto(url(path));
      assert.equal(response.status(), path === "404.html" ? 200 : 200, path);
      await page.waitForLoadState("load");
      await checkLayout(page, path);
    }
    // With scripts off the browser refuses the calculator's glue, which
    // the page's head asks for early (`modulepreload`): nothing is
    // downloaded, and nothing else may fail.
    const refused = (p) => !js && /^request failed: .*\/app\/bontot-app-[0-9a-f]+\.js csp$/.test(p);
    assertClean(problems.filter((p) => !refused(p)), "pages");
    await context.close();
  });
}

test("a missing page gets the 404 page, styled, under a sub-path", async () => {
  const { page, context } = await phonePage(browser, { width: 360, height: 640 });
  const response = await page.goto(url("ke-hoach/khong-co.html"));
  assert.equal(response.status(), 404);
  assert.match(await page.textContent("h1"), /Không tìm thấy trang/);
  const bg = await page.$eval(".site-header", (el) => getComputedStyle(el).backgroundColor);
  assert.notEqual(bg, "rgba(0, 0, 0, 0)", "the inline stylesheet applies at any depth");
  await context.close();
});

test("the plan list filters by unit without JavaScript", async () => {
  const { page, context } = await phonePage(browser, { width: 360, height: 640, javaScriptEnabled: false });
  await page.goto(url("index.html"));
  const visible = () => page.$$eval(".plan-list > li", (lis) => lis.filter((li) => li.offsetParent !== null).length);
  const all = await visible();
  assert.ok(all >= 5);
  await page.click("label:has(#loc-dang-bo)");
  const dangBo = await visible();
  assert.ok(dangBo < all && dangBo > 0, `đảng bộ filter shows ${dangBo} of ${all}`);
  await page.click("label:has(#loc-all)");
  assert.equal(await visible(), all);
  await context.close();
});

test("a section link copies its address", async () => {
  const { page, context } = await phonePage(browser, { width: 360, height: 640 });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(url("")).origin });
  await page.goto(url("ke-hoach/nguyen-nghiem.html"));
  await page.click("#muc-ii-3 .sec-link");
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, url("ke-hoach/nguyen-nghiem.html#muc-ii-3"));
  assert.match(page.url(), /#muc-ii-3$/);
  await context.close();
});
