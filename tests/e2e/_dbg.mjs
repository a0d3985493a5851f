import { launch, phonePage, url } from "/work/main/tests/e2e/helpers.mjs";
const browser = await launch();
const { page, problems } = await phonePage(browser);
await page.goto(url("tu-danh-gia/ben-tre.html"));
await page.waitForTimeout(4000);
console.log(problems, await page.$eval("#calculator", e => e.textContent.slice(-300) + " ready:" + !!document.querySelector(".app-ready")));
await browser.close();
