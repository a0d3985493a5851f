// Temporary: what an answer changes in the DOM.
import { chromium } from "playwright-core";
const base = process.argv[2];
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless=new", "--no-sandbox", "--disable-gpu"] });
const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: "vi-VN" });
const page = await ctx.newPage();
await page.goto(`${base}/tu-danh-gia/binh-tan.html`);
await page.waitForSelector(".app-ready");
await page.evaluate(() => {
  window.__m = [];
  new MutationObserver((list) => {
    for (const r of list) {
      const t = r.target;
      const name = t.nodeType === 1 ? `${t.tagName.toLowerCase()}${t.id ? "#" + t.id : ""}${t.className ? "." + String(t.className).split(" ")[0] : ""}` : "#text";
      window.__m.push(`${r.type}${r.attributeName ? ":" + r.attributeName : ""} ${name} +${r.addedNodes.length} -${r.removedNodes.length}`);
    }
  }).observe(document.querySelector(".calc"), { subtree: true, childList: true, attributes: true, characterData: true });
});
const radios = await page.$$('.calc-form input[type="radio"]');
for (const r of radios.slice(0, 3)) {
  await r.click();
  await page.waitForTimeout(100);
  const m = await page.evaluate(() => { const x = window.__m; window.__m = []; return x; });
  const counts = {};
  for (const x of m) counts[x] = (counts[x] || 0) + 1;
  console.log("--- answer:", m.length, "records");
  for (const [k, v] of Object.entries(counts)) console.log(String(v).padStart(4), k);
}
await browser.close();
