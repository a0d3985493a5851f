// Hostile answers: share links and files that are truncated, oversized,
// from another plan, or full of numbers past 64 bits get a clear message,
// load nothing wrong, and never break or freeze the page.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, phonePage, url, assertClean } from "./helpers.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const b64url = (s) => Buffer.from(s).toString("base64url");
const answers = (extra = {}) => JSON.stringify({ format: "bontot-answers", plan: "binh-tan", version: 1, unit: "chi-bo", values: {}, ...extra });

/// The page still answers: typing updates the results within a second.
async function alive(page) {
  await page.fill("#f-ket-nap", "3");
  await page.waitForFunction(() => document.querySelector('[data-indicator] .calc-reason') !== null, null, { timeout: 5000 });
  assert.equal(await page.inputValue("#f-ket-nap"), "3");
}

async function openLink(fragment) {
  const p = await phonePage(browser);
  await p.page.goto(url("tu-danh-gia/binh-tan.html") + fragment);
  await p.page.waitForSelector("#calculator .app-ready", { timeout: 30000 });
  return p;
}

test("hostile share links: a message, nothing loaded, the page alive", async () => {
  const good = "#a=" + b64url(answers({ values: { "ket-nap": "7" } }));
  const cases = [
    ["cut short", good.slice(0, good.length - 9), /Liên kết/],
    ["over 1 MB", "#a=" + "A".repeat(1_400_000), /quá dài/],
    ["another plan", "#a=" + b64url(answers({ plan: "son-la" })), /son-la/],
    ["a newer rule set", "#a=" + b64url(answers({ version: 99 })), /phiên bản/],
    ["a number past 64 bits in the link", "#a=" + b64url(answers({ version: Number("1" + "0".repeat(30)) }).replace("1e+30", "1" + "0".repeat(30))), /Liên kết hỏng/],
    ["garbage", "#a=!!!%%%", /Liên kết chia sẻ bị hỏng/],
  ];
  for (const [what, fragment, message] of cases) {
    const { page, problems, context } = await openLink(fragment);
    await page.waitForSelector(".calc-alert", { timeout: 10000 });
    assert.match(await page.textContent(".calc-alert"), message, what);
    assert.equal(await page.inputValue("#f-ket-nap"), "", `${what}: nothing loaded`);
    await alive(page);
    assertClean(problems, what);
    await context.close();
  }
});

test("numbers past 64 bits in the answers are field errors, not crashes", async () => {
  const big = "9".repeat(40);
  const { page, problems, context } = await openLink("#a=" + b64url(answers({ values: { "ket-nap": big, "bo-hoc": big } })));
  assert.equal(await page.inputValue("#f-ket-nap"), big, "what was sent is kept");
  const described = await page.getAttribute("#f-ket-nap", "aria-describedby");
  assert.ok(described, "the field points at its message");
  assert.match(await page.textContent(`#${described}`), /quá lớn/);
  await alive(page);
  assertClean(problems, "huge numbers");
  await context.close();
});

test("hostile files: a message, nothing loaded", async () => {
  const p = await phonePage(browser);
  await p.page.goto(url("tu-danh-gia/binh-tan.html"));
  await p.page.waitForSelector("#calculator .app-ready", { timeout: 30000 });
  await p.page.fill("#f-ket-nap", "5");
  const input = p.page.locator('input[data-action="import"]');
  const files = [
    ["oversized", Buffer.alloc(1_200_000, 0x20), /quá lớn/],
    ["truncated", Buffer.from(answers().slice(0, 40)), /Tệp hỏng/],
    ["binary", Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00]), /Tệp/],
  ];
  for (const [what, buffer, message] of files) {
    // Each refusal names its file, so the alert for this one is awaited
    // (the page's own nodes are left alone: the app owns them).
    await input.setInputFiles({ name: `${what}.json`, mimeType: "application/json", buffer });
    await p.page.waitForFunction((n) => document.querySelector(".calc-alert")?.textContent.includes(n), `${what}.json`, { timeout: 10000 });
    assert.match(await p.page.textContent(".calc-alert"), message, what);
    assert.equal(await p.page.inputValue("#f-ket-nap"), "5", `${what}: nothing changed`);
  }
  await alive(p.page);
  assertClean(p.problems, "hostile files");
  await p.context.close();
});
