// Nothing leaves the device: while a user fills the calculator, exports,
// shares a link, prints and searches, every request goes to the site's own
// origin, is a plain GET, and none carries an answer.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, phonePage, serveDist } from "./helpers.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const MARK = "987654321";
const NAME = "Chi bộ ZXQ";

test("no request leaves the site or carries an answer", async () => {
  const site = await serveDist();
  const origin = new URL(site.url()).origin;
  const { page, context } = await phonePage(browser, { site: site.url() });
  const requests = [];
  const record = (r) => requests.push({ url: r.url(), method: r.method(), body: r.postData() ?? "" });
  context.on("request", record);
  await context.addInitScript(() => { window.print = () => { window.__printed = true; }; });

  await page.goto(site.url("tu-danh-gia/binh-tan.html"));
  await page.waitForSelector("#calculator .app-ready", { timeout: 20000 });
  await page.fill("#calc-ten", NAME);
  for (const input of await page.$$("#calculator input[inputmode=numeric]")) {
    await input.fill(MARK);
  }
  await page.waitForTimeout(300);
  // Export a file, make a share link, print.
  const download = page.waitForEvent("download");
  await page.$eval(".calc-menu", (d) => { d.open = true; });
  await page.click('[data-action="export"]');
  await (await download).path();
  await page.click('[data-action="share"]');
  const link = await page.inputValue("#calc-share-link");
  assert.ok(link.includes("#a="), "the answers travel in the fragment");
  // The button draws everything, then prints in the next task.
  await page.click('[data-action="print"]');
  await page.waitForFunction(() => window.__printed === true, null, { timeout: 5000 });
  // Open the share link, then search from the header.
  await page.goto(link);
  await page.waitForSelector("#calculator .app-ready", { timeout: 20000 });
  await page.fill("#q", "ket nap dang vien");
  await Promise.all([page.waitForLoadState("load"), page.press("#q", "Enter")]);
  await page.waitForTimeout(1500);

  assert.ok(requests.length > 5, "requests were recorded");
  for (const r of requests) {
    const u = new URL(r.url);
    assert.ok(u.origin === origin || u.protocol === "blob:" || u.protocol === "data:", `off-site request: ${r.url}`);
    assert.equal(r.method, "GET", `${r.method} ${r.url}`);
    assert.ok(!r.url.includes("#"), `a fragment was sent: ${r.url}`);
    for (const secret of [MARK, encodeURIComponent(NAME), "ZXQ"]) {
      assert.ok(!r.url.includes(secret) && !r.body.includes(secret), `an answer left in ${r.url}`);
    }
  }
  await context.close();
  await site.close();
});
