// Shared set-up for the browser tests: Debian's Chromium driven by
// playwright-core, against the site served by `cargo xtask test`.
import { chromium } from "playwright-core";
import assert from "node:assert/strict";

export const SITE_URL = process.env.SITE_URL;
if (!SITE_URL) throw new Error("SITE_URL is not set: run these tests through `cargo xtask test`");

const FLAGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: FLAGS,
  });
}

/// A page at a phone size that records console errors, uncaught errors and
/// failed or off-site requests.
export async function phonePage(browser, { width = 390, height = 844, ...options } = {}) {
  const context = await browser.newContext({
    viewport: { width, height },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: "vi-VN",
    ...options,
  });
  const page = await context.newPage();
  const problems = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(`console error: ${msg.text()}`);
  });
  page.on("pageerror", (err) => problems.push(`uncaught: ${err.message}`));
  page.on("requestfailed", (req) => {
    // Leaving a page aborts what it was still loading: not a fault.
    if (req.failure()?.errorText !== "net::ERR_ABORTED") problems.push(`request failed: ${req.url()} ${req.failure()?.errorText}`);
  });
  page.on("response", (res) => {
    if (res.status() >= 400 && !page.url().includes("khong-co")) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  page.on("request", (req) => {
    if (!req.url().startsWith(new URL(SITE_URL).origin) && !req.url().startsWith("data:") && !req.url().startsWith("blob:")) {
      problems.push(`off-site request: ${req.url()}`);
    }
  });
  return { context, page, problems };
}

export function url(path = "") {
  return new URL(path, SITE_URL).href;
}

export function assertClean(problems, what) {
  assert.deepEqual(problems, [], `${what}: ${problems.join("\n")}`);
}
