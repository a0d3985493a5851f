// The dossier and meeting-frame pages printed in Chromium on A4, without
// JavaScript as a reader without it prints them: each plan's documents
// one to a page, headings as the party's documents have them, nothing
// wider than the page; the frame's sheet says whose frame it is.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launch, phonePage, url, assertClean } from "./helpers.mjs";

// What each plan's own text lists (content/dossier/<slug>.toml).
const DOSSIERS = {
  "son-la": ["TỜ TRÌNH", "BIÊN BẢN KIỂM PHIẾU", "BÁO CÁO", "PHIẾU TỰ ĐÁNH GIÁ"],
  "nguyen-nghiem": ["TỜ TRÌNH", "BÁO CÁO TÓM TẮT THÀNH TÍCH", "BIÊN BẢN"],
  "binh-tan": ["BÁO CÁO"],
};

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const dir = mkdtempSync(join(tmpdir(), "bontot-dossier-"));

function pdfText(pdf) {
  const file = join(dir, "x.pdf");
  writeFileSync(file, pdf);
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [file], { encoding: "utf8" }))[1]);
  const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
  return { pages, text };
}

for (const [slug, titles] of Object.entries(DOSSIERS)) {
  test(`dossier of ${slug} prints on A4, one document a page, in the party's layout`, async () => {
    const { page, problems, context } = await phonePage(browser, { width: 794, height: 1123, javaScriptEnabled: false });
    await page.goto(url(`ho-so/${slug}.html`));
    await page.emulateMedia({ media: "print" });
    const docs = await page.$$eval(".party-doc", (as) => as.map((a) => ({
      title: a.querySelector(".doc-title").childNodes[0].textContent.trim(),
      party: a.querySelector(".doc-party-name").textContent,
      sign: a.querySelector(".doc-sign").innerText,
      overflow: [...a.querySelectorAll("*")].some((e) => e.getBoundingClientRect().right > a.getBoundingClientRect().right + 1),
    })));
    assert.deepEqual(docs.map((d) => d.title), titles);
    for (const d of docs) {
      assert.equal(d.party, "ĐẢNG CỘNG SẢN VIỆT NAM");
      assert.equal(d.overflow, false, `${d.title} overflows`);
    }
    const wide = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
    assert.equal(wide, false, "horizontal overflow in print");
    const { pages, text } = pdfText(await page.pdf({ format: "A4", preferCSSPageSize: true }));
    assert.equal(pages, titles.length, "one A4 page per document");
    assert.match(text, /ĐẢNG CỘNG SẢN VIỆT NAM/);
    assert.match(text, /……………, ngày …………… tháng …………… năm ……………/);
    assert.match(text, /BÍ THƯ|THƯ KÝ/);
    assert.doesNotMatch(text, /Phần của Bốn Tốt/, "the page's own notes stay off paper");
    // Each document also downloads as an editable file.
    const links = await page.$$eval(".doc-download a", (as) => as.map((a) => a.getAttribute("href")));
    assert.equal(links.length, titles.length);
    assertClean(problems, slug);
    await context.close();
  });
}

test("the meeting frame says it is a local frame and prints a blank sheet on A4", async () => {
  const { page, problems, context } = await phonePage(browser, { width: 390, height: 844 });
  await page.goto(url("khung/an-phu.html"));
  const screen = await page.locator("main").innerText();
  assert.match(screen, /Khung của địa phương bạn được áp dụng trước/);
  assert.match(screen, /08-KH\/ĐU/);
  await page.emulateMedia({ media: "print" });
  const { pages, text } = pdfText(await page.pdf({ format: "A4", preferCSSPageSize: true }));
  assert.ok(pages >= 1 && pages <= 4, `${pages} pages`);
  assert.match(text, /PHIẾU ĐÁNH GIÁ CHẤT LƯỢNG SINH HOẠT CHI BỘ HẰNG THÁNG/);
  assert.match(text, /Khung của địa phương: Kế hoạch số 08-KH\/ĐU/);
  assert.match(text, /Tổng cộng\s+100/);
  assert.equal((text.match(/Tổng cộng/g) ?? []).length, 1, "the total row is printed once");
  assertClean(problems, "frame");
  await context.close();
});
