import { launch, phonePage, url } from "./helpers.mjs";
const browser = await launch();
const { page } = await phonePage(browser);
await page.goto(url("tu-danh-gia/ben-tre.html"));
await page.waitForSelector("#calculator .app-ready", { timeout: 20000 });
await page.fill("#calc-nam", "2025");
await page.click("#desk-open");
await page.waitForSelector("#tt-diem", { timeout: 20000 });
await page.$eval("#desk", (e) => e.scrollIntoView());
await page.screenshot({ path: "/tmp/desk-1.png" });
await page.fill("#tt-diem", "85");
for (const level of ["HTTNV", "HTTNV", "HTTNV", "HTTNV", "HTTNV", "HTXSNV", "HTXSNV"]) {
  await page.click("#desk-root button:text('Thêm đảng viên')");
  const n = await page.$$eval("#desk-root .desk-person", (l) => l.length);
  await page.selectOption(`#dv-${n}-muc`, level);
}
await page.click("#desk-root button:text('Thêm đảng viên')");
await page.fill("#dv-8-diem", "92");
await page.$eval("#dv-8", (e) => e.scrollIntoView());
await page.screenshot({ path: "/tmp/desk-2.png" });
await page.$eval(".desk-sum", (e) => e.scrollIntoView());
await page.screenshot({ path: "/tmp/desk-3.png" });
await page.$eval("#desk-root h3:last-of-type", (e) => e.scrollIntoView());
await page.screenshot({ path: "/tmp/desk-4.png" });
await page.screenshot({ path: "/tmp/desk-full.png", fullPage: true });
await browser.close();
