import { launch, phonePage, url } from "./helpers.mjs";
const browser = await launch();
const { page } = await phonePage(browser);
await page.goto(url("tu-danh-gia/nguyen-nghiem.html"));
await page.waitForSelector("#calculator .app-ready", { timeout: 20000 });
await page.check("#calc-unit-dang-bo");
await page.fill("#calc-nam", "2025");
for (let n = 1; n <= 6; n++) {
  await page.click('[data-action="add-member"]');
  await page.selectOption(`#m-${n}-xep-loai`, n < 3 ? "HTXSNV" : "HTTNV");
}
await page.click("#desk-open");
await page.waitForSelector("#tt-diem", { timeout: 20000 });
await page.click("#desk-root button:text('Thêm đảng viên')");
console.log("button hidden:", await page.$eval("#desk-open", (b) => b.hidden));
await page.$eval("#desk", (e) => e.scrollIntoView());
await page.screenshot({ path: "/tmp/desk-5.png" });
await page.$eval("#dv-1", (e) => e.scrollIntoView());
await page.screenshot({ path: "/tmp/desk-6.png" });
await page.$eval("#desk-root h3:nth-of-type(2)", (e) => e.scrollIntoView());
await page.screenshot({ path: "/tmp/desk-7.png" });
await browser.close();
