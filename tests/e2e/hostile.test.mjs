// Hostile content published by a careless or malicious author: no script
// in it can run in a reader's browser.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, phonePage } from "./helpers.mjs";

const HOSTILE_URL = process.env.HOSTILE_URL;
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test("no script from plan content runs", { skip: !HOSTILE_URL && "HOSTILE_URL not set" }, async () => {
  const { page, context } = await phonePage(browser, { site: HOSTILE_URL });
  const dialogs = [];
  page.on("dialog", async (d) => { dialogs.push(d.message()); await d.dismiss(); });
  for (const slug of ["markup", "bom-crlf", "nfd"]) {
    await page.goto(new URL(`ke-hoach/${slug}.html`, HOSTILE_URL).href);
    await page.waitForLoadState("load");
    // Hover and click everything the hostile text tried to wire up.
    for (const el of await page.$$("article span, article b, article a")) {
      await el.hover().catch(() => {});
    }
    const pwned = await page.evaluate(() => window.__pwned);
    assert.equal(pwned, undefined, `${slug}: a script from the content ran (${pwned})`);
    const live = await page.evaluate(() => document.querySelectorAll("article script, article iframe, article img, article svg, article form, article [onerror], article [onclick], article [onload], article [onmouseover]").length);
    assert.equal(live, 0, `${slug}: live hostile elements`);
  }
  assert.deepEqual(dialogs, []);
  await context.close();
});
