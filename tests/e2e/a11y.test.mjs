// Accessibility: axe-core finds nothing on every page type; on phones every
// tap target is at least 44 px and body text at least 16 px; every control
// is reachable with Tab and shows a focus ring.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { launch, phonePage, url, assertClean } from "./helpers.mjs";
import { PAGE_TYPES } from "../pages.mjs";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");


let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/// Runs axe in the page (through the DevTools protocol, so a Content
/// Security Policy does not block it) and returns its violations.
async function axe(page) {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
  });
}

/// Waits for what JavaScript adds to a page (calculator, search results).
async function settle(page, path) {
  await page.waitForLoadState("load");
  if (path.startsWith("tu-danh-gia/") && !path.endsWith("index.html")) {
    await page.waitForSelector("#calculator *", { timeout: 20000 });
  }
  if (path.startsWith("tim-kiem.html?q=")) {
    // Checked with the results shown (marks, links, "Xem thêm").
    await page.waitForSelector("#search .search-hit mark", { timeout: 20000 });
  }
  await page.waitForTimeout(300);
}

for (const theme of ["light", "dark"]) {
  test(`axe finds no violation on any page type (${theme})`, async () => {
    const { page, problems, context } = await phonePage(browser, { colorScheme: theme });
    for (const path of PAGE_TYPES) {
      await page.goto(url(path));
      await settle(page, path);
      assert.deepEqual(await axe(page), [], `${path}`);
    }
    assertClean(problems, "a11y pages");
    await context.close();
  });
}

/// Interactive elements smaller than 44×44 px, except links inside a line
/// of text (the WCAG 2.5.8 inline exception) and controls hidden on screen.
function smallTargets() {
  const inline = (el) => {
    if (el.tagName !== "A") return false;
    const parent = el.parentElement;
    const text = [...parent.childNodes].filter((n) => n !== el).map((n) => n.textContent).join("").trim();
    return getComputedStyle(el).display === "inline" && text.length > 0;
  };
  const targets = [...document.querySelectorAll("a[href], button, input:not([type=hidden]), select, textarea, summary")];
  return targets
    .filter((el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden")
    .filter((el) => !inline(el))
    .map((el) => {
      // A radio or checkbox is tapped through its label.
      const box = (el.type === "radio" || el.type === "checkbox") && el.closest("label") ? el.closest("label") : el;
      const r = box.getBoundingClientRect();
      return { what: `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""} "${(el.textContent || el.value || el.name || "").trim().slice(0, 30)}"`, w: r.width, h: r.height };
    })
    .filter((t) => t.w < 44 - 0.5 || t.h < 44 - 0.5)
    .map((t) => `${t.what}: ${Math.round(t.w)}×${Math.round(t.h)}`);
}

function smallText() {
  const blocks = [...document.querySelectorAll("main p, main li, main dd, main dt, main td, main th, main label, main summary, main a")];
  return blocks
    .filter((el) => el.getClientRects().length > 0 && el.textContent.trim().length > 0)
    .map((el) => ({ el, size: parseFloat(getComputedStyle(el).fontSize) }))
    .filter((x) => x.size < 16)
    .map((x) => `${x.el.tagName.toLowerCase()}.${x.el.className} "${x.el.textContent.trim().slice(0, 30)}": ${x.size}px`);
}

for (const [width, height] of [[360, 640], [390, 844]]) {
  test(`tap targets ≥ 44 px and text ≥ 16 px at ${width}×${height}`, async () => {
    const { page, context } = await phonePage(browser, { width, height });
    for (const path of PAGE_TYPES) {
      await page.goto(url(path));
      await settle(page, path);
      const m = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, w: innerWidth }));
      assert.ok(m.sw <= m.w, `${path}: ${m.sw}px wide at ${m.w}px`);
      assert.deepEqual(await page.evaluate(smallTargets), [], `${path}: small tap targets`);
      assert.deepEqual(await page.evaluate(smallText), [], `${path}: small text`);
    }
    await context.close();
  });
}

test("every control is reachable with Tab and shows a focus ring", async () => {
  const { page, context } = await phonePage(browser, { isMobile: false, hasTouch: false });
  for (const path of ["index.html", "ke-hoach/son-la.html", "tu-danh-gia/binh-tan.html", "tim-kiem.html?q=chi+bo+bon+tot"]) {
    await page.goto(url(path));
    await settle(page, path);
    const focusable = await page.evaluate(() =>
      [...document.querySelectorAll("a[href], button, input:not([type=hidden]), select, textarea, summary")]
        // Inside a closed <details> only its summary can take focus.
        .filter((el) => el.getClientRects().length > 0 && !el.disabled && el.tabIndex >= 0)
        .filter((el) => el.tagName === "SUMMARY" || !el.closest("details:not([open])")).length);
    const seen = new Set();
    for (let i = 0; i < focusable + 5 && seen.size < focusable; i++) {
      await page.keyboard.press("Tab");
      const f = await page.evaluate(() => {
        const el = document.activeElement;
        if (!el || el === document.body) return null;
        const s = getComputedStyle(el);
        const ring = (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== "none";
        const all = [...document.querySelectorAll("a[href], button, input:not([type=hidden]), select, textarea, summary")];
        return { index: all.indexOf(el), ring, what: el.outerHTML.slice(0, 80) };
      });
      if (!f) continue;
      assert.ok(f.ring, `${path}: no visible focus ring on ${f.what}`);
      seen.add(f.index);
    }
    // Radio groups take one Tab stop for the group: allow for them.
    const radios = await page.evaluate(() => {
      const shown = [...document.querySelectorAll("input[type=radio]")].filter((r) => r.getClientRects().length && !r.closest("details:not([open])"));
      return shown.length - new Set(shown.map((r) => r.name)).size;
    });
    assert.ok(seen.size + radios >= focusable, `${path}: reached ${seen.size} of ${focusable} controls with Tab`);
  }
  await context.close();
});
