// Smoke test: the site served under a sub-path loads, and the WASM
// calculator starts, with nothing in the console.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, phonePage, url, assertClean } from "./helpers.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test("home page loads under a sub-path with its stylesheet", async () => {
  const { page, problems, context } = await phonePage(browser);
  const response = await page.goto(url(""));
  assert.equal(response.status(), 200);
  assert.match(await page.title(), /Bốn Tốt/);
  assert.equal(await page.getAttribute("html", "lang"), "vi");
  // The stylesheet applied: the header has the accent background.
  const bg = await page.$eval(".site-header", (el) => getComputedStyle(el).backgroundColor);
  assert.notEqual(bg, "rgba(0, 0, 0, 0)");
  assertClean(problems, "home page");
  await context.close();
});

test("calculator page starts the WASM app", async () => {
  const { page, problems, context } = await phonePage(browser);
  await page.goto(url("tu-danh-gia/nguyen-nghiem.html"));
  await page.waitForSelector("#calculator .app-ready", { timeout: 20000 }).catch((e) => {
    throw new Error(`the app did not start: ${e.message}\n${problems.join("\n")}`);
  });
  assertClean(problems, "calculator page");
  await context.close();
});
