// Temporary: CPU profile of 20 answers on the 6× CPU, time by where it runs.
import { chromium } from "playwright-core";
const base = process.argv[2];
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless=new", "--no-sandbox", "--disable-gpu"] });
const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: "vi-VN" });
const page = await ctx.newPage();
await page.goto(`${base}/tu-danh-gia/binh-tan.html`);
await page.waitForSelector(".app-ready");
const cdp = await ctx.newCDPSession(page);
await cdp.send("Emulation.setCPUThrottlingRate", { rate: 6 });
await cdp.send("Profiler.enable");
await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
await cdp.send("Profiler.start");
const radios = await page.$$('.calc-form input[type="radio"]');
let n = 0;
for (const r of radios.slice(0, 20)) { await r.scrollIntoViewIfNeeded(); await r.click(); n++; await page.waitForTimeout(150); }
const { profile } = await cdp.send("Profiler.stop");
const byId = new Map(profile.nodes.map((x) => [x.id, x]));
const self = new Map();
const dt = profile.timeDeltas;
for (let i = 0; i < profile.samples.length; i++) {
  const node = byId.get(profile.samples[i]);
  const f = node.callFrame;
  let where = f.url.includes("bontot-app") && f.url.endsWith(".js") ? "glue+morphdom JS" : f.url.includes("wasm") ? "app WASM" : f.functionName || "(native)";
  if (f.url === "" && f.functionName) where = f.functionName;
  self.set(where, (self.get(where) || 0) + (dt[i] || 0));
}
const rows = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25);
for (const [k, v] of rows) console.log((v / 1000 / n).toFixed(2).padStart(8), "ms/answer", k);
await browser.close();
