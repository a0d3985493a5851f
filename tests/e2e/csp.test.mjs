// Every page type runs under its Content Security Policy with no violation
// report: the calculator, search and offline support included.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, phonePage, serveDist, assertClean } from "./helpers.mjs";
import { PAGE_TYPES } from "../pages.mjs";

// Every page type, the calculator for a đảng bộ as well, and the 404 page
// as a host serves it: for a missing path, not at its own address.
const PAGES = [
  ...PAGE_TYPES.filter((p) => p !== "404.html"),
  "tu-danh-gia/nguyen-nghiem.html",
  "ke-hoach/khong-co-trang-nay.html",
];

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test("no Content Security Policy violation on any page type", async () => {
  const site = await serveDist();
  const url = site.url;
  const { page, problems, context } = await phonePage(browser, { site: url() });
  await context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  for (const path of PAGES) {
    const before = problems.length;
    await page.goto(url(path));
    await page.waitForLoadState("load");
    const policy = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', "content");
    assert.match(policy ?? "", /object-src 'none'/, `${path}: has a policy`);
    assert.match(policy, /base-uri 'none'/);
    assert.match(policy, /connect-src 'self'/);
    assert.doesNotMatch(policy, /unsafe-inline/);
    if (path.startsWith("tu-danh-gia/") && !path.endsWith("index.html")) {
      await page.waitForSelector("#calculator .app-ready", { timeout: 20000 });
      // Use the calculator: type, switch unit, open the share link box.
      const input = page.locator("#calculator input[inputmode=numeric]").first();
      await input.fill("5");
      await page.waitForTimeout(200);
    }
    if (path.startsWith("tim-kiem")) {
      // The search module has run: results are shown.
      await page.waitForSelector("#search .search-hit", { timeout: 20000 });
    }
    if (path.includes("khong-co-trang-nay")) {
      // Its inline script (allowed by its hash) has found the site's top.
      await page.waitForFunction(() => document.documentElement.dataset.top, null, { timeout: 10000 });
    }
    const violations = await page.evaluate(() => window.__csp);
    assert.deepEqual(violations, [], `${path}: CSP violations`);
    if (path.includes("khong-co-trang-nay")) {
      // The missing page itself is a 404: that one report is expected.
      const extra = problems.splice(before).filter((p) => !/404|khong-co-trang-nay/.test(p));
      problems.push(...extra);
    }
  }
  assertClean(problems, "pages under CSP");
  await context.close();
  await site.close();
});
