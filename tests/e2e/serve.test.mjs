// site-gen serve: a plan edited while its page is open reloads the page
// with the new text; a broken rule file shows its problems, with file and
// line, over the page (the last good site still served); fixing it takes
// them away. The files written are those of a normal build.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launch } from "./helpers.mjs";

const SITE_GEN = process.env.SITE_GEN;
const CONTENT = process.env.CONTENT_DIR;

/// Starts `site-gen serve` on a copy of the content; resolves to its address.
function serve(dir) {
  const server = spawn(
    SITE_GEN,
    ["serve", "--content", join(dir, "content"), "--out", join(dir, "out"), "--port", "0"],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const ready = new Promise((resolve, reject) => {
    let said = "";
    server.stdout.on("data", (d) => {
      said += d;
      const m = said.match(/http:\/\/127\.0\.0\.1:\d+\//);
      if (m) resolve(m[0]);
    });
    server.on("exit", (code) => reject(new Error(`site-gen serve exited (${code})`)));
  });
  return { server, ready };
}

test("an edit reloads the page; a broken rule file is shown over it until fixed", { skip: !SITE_GEN && "SITE_GEN is not set (run through cargo xtask e2e)" }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "bontot-serve-"));
  cpSync(CONTENT, join(dir, "content"), { recursive: true });
  const { server, ready } = serve(dir);
  const browser = await launch();
  try {
    const base = await ready;
    const page = await (await browser.newContext()).newPage();
    const violations = [];
    page.on("console", (msg) => {
      if (/Content.Security.Policy|Refused to/i.test(msg.text())) violations.push(msg.text());
    });
    await page.goto(`${base}ke-hoach/binh-tan.html`);
    await page.evaluate(() => (window.beforeEdit = true));

    // 1. The plan edited: the page reloads and shows the new paragraph.
    const plan = join(dir, "content/plans/binh-tan.md");
    const added = "Đoạn thêm vào khi đang xem trước.";
    writeFileSync(plan, `${readFileSync(plan, "utf8")}\n${added}\n`);
    await page.waitForFunction((t) => document.body.innerText.includes(t), added, { timeout: 20000 });
    assert.equal(await page.evaluate(() => window.beforeEdit), undefined, "the page was reloaded");

    // 2. A rule file broken: its problems over the page, with file:line.
    const rules = join(dir, "content/rules/binh-tan.toml");
    const good = readFileSync(rules, "utf8");
    const lines = good.split("\n");
    const at = lines.findIndex((l) => l.startsWith("id = "));
    assert.ok(at >= 0, "the rule file has an id line");
    lines[at] = lines[at].replace(/^id = /, "idd = ");
    writeFileSync(rules, lines.join("\n"));
    const overlay = page.locator("#site-gen-problems");
    await overlay.waitFor({ timeout: 20000 });
    const text = await overlay.innerText();
    assert.match(text, new RegExp(`rules/binh-tan\\.toml:${at + 1}\\b`), text);
    assert.match(text, /unknown field `idd`/, text);
    // The last good site is still the one served.
    assert.ok((await page.locator("main").innerText()).includes(added));

    // 3. Fixed: the page reloads without the overlay.
    writeFileSync(rules, good);
    await overlay.waitFor({ state: "detached", timeout: 20000 });
    await page.waitForLoadState("load");
    assert.equal(await page.locator("#site-gen-problems").count(), 0);

    // The reload script is in what is sent, never in the files.
    const built = readFileSync(join(dir, "out/ke-hoach/binh-tan.html"), "utf8");
    assert.ok(built.includes(added));
    assert.ok(!built.includes("__serve"), "the built page carries no serve script");
    assert.deepEqual(violations, []);
  } finally {
    await browser.close();
    server.kill("SIGTERM");
    await new Promise((r) => (server.exitCode === null ? server.on("exit", r) : r()));
    rmSync(dir, { recursive: true, force: true });
  }
});
