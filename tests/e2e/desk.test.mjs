// The calculator's year-end part (desk/) at phone size: fetched only when
// opened; the unit's level under QĐ 366 from points and conditions, filled
// into the plan's own classification question; a roster whose levels fill
// the plan's ratios and trip the 20% cap; kept on the device across a
// reload; and the year it needs.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, phonePage, url, assertClean } from "./helpers.mjs";
import { rulesOf, passingValues, fill } from "./form.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function open(slug) {
  const p = await phonePage(browser);
  p.desk = [];
  p.page.on("request", (r) => { if (/bontot-desk|so-theo-doi-/.test(r.url())) p.desk.push(r.url()); });
  await p.page.goto(url(`tu-danh-gia/${slug}.html`));
  await p.page.waitForSelector("#calculator .app-ready", { timeout: 20000 });
  return p;
}

/// Opens the year-end part, on its classification tab when there is a year.
async function openDesk(page) {
  await page.click("#desk-open");
  await page.waitForSelector("#desk-root > *", { timeout: 20000 });
  await yearEnd(page);
}

async function yearEnd(page) {
  const tab = await page.$("#desk-root button.desk-tab:text('Xếp loại cuối năm')");
  if (tab) await tab.click();
}

/// Answers every question of an entry: level conditions "Có" except
/// `no`, and the cases that lead to KHTNV or the competent level "Không".
async function answerAll(page, prefix, { no = [] } = {}) {
  const sets = await page.$$eval(`#desk-root fieldset:has(input[id^="${prefix}-q"])`, (fs) =>
    fs.map((f) => ({ id: f.querySelector("input").id.replace(/-(co|khong)$/, ""), text: f.querySelector("legend").textContent })));
  for (const s of sets) {
    // The level conditions are the ones a good unit answers "Có"; the
    // listed cases (violations, sick leave …) are "Không".
    const isCondition = /Hoàn thành 100%|đúng hạn|chất lượng|30%|tiến độ|khắc phục 100%|Không có (đơn vị|thành viên)/.test(s.text) && !/^Có trên|^Bị|tự giác|chủ động/.test(s.text);
    const yes = isCondition && !no.some((n) => s.text.includes(n));
    await page.check(`#${s.id}-${yes ? "co" : "khong"}`);
  }
  return sets.length;
}

test("the year-end part loads only when opened, and the unit's national level fills the plan's question", async () => {
  const { context, page, problems, desk } = await open("binh-tan");
  assert.equal(desk.length, 0, `nothing of the year-end part before it is opened: ${desk}`);
  await openDesk(page);
  assert.match(await page.textContent("#desk-root"), /Nhập năm đánh giá/);
  await page.fill("#calc-nam", "2025");
  await page.waitForSelector("#desk-root .desk-tabs");
  await yearEnd(page);
  await page.waitForSelector("#tt-diem");
  assert.ok(desk.some((u) => /so-theo-doi-/.test(u)) && desk.some((u) => /bontot-desk-.*wasm/.test(u)), desk.join());
  assert.match(await page.textContent("#desk-root"), /Năm 2025 xếp loại theo Quy định 366-QĐ\/TW/);

  await page.fill("#tt-diem", "92");
  const asked = await answerAll(page, "tt");
  assert.ok(asked >= 10, `the tập thể questions: ${asked}`);
  await page.waitForFunction(() => /Mức tính được: Hoàn thành xuất sắc nhiệm vụ \(HTXSNV\)/.test(document.querySelector("#desk-root").textContent));
  const reasons = await page.$$eval("#desk-root .desk-result li", (l) => l.map((x) => x.textContent));
  assert.ok(reasons.some((r) => /Theo điểm \(92 điểm\): HTXSNV/.test(r)), reasons.join("\n"));
  assert.ok(await page.$('#desk-root .desk-result a[href^="../van-ban/qd-366.html#"]'), "a reason links its passage");

  // Points and conditions that disagree: no level, said so.
  await page.check("#desk-root fieldset:has(legend:text-matches('30%')) input[id$=-khong]");
  await page.waitForFunction(() => /Chưa xếp được/.test(document.querySelector("#desk-root").textContent));
  assert.match(await page.textContent("#desk-root"), /quy định không nói mức nào áp dụng/);
  await page.check("#desk-root fieldset:has(legend:text-matches('30%')) input[id$=-co]");

  // The plan makes the year-end classification a condition: filled in.
  assert.match(await page.textContent("#desk-root"), /Mức xếp loại chất lượng chi bộ cuối năm: HTXSNV/);
  await page.click("#desk-root button:text('Điền vào phiếu')");
  await page.waitForFunction(() => document.querySelector("#f-xep-loai")?.value === "HTXSNV");
  assert.match(await page.textContent("#desk-root"), /Đã điền 1 ô/);
  assertClean(problems, "binh-tan year-end part");
  await context.close();
});

test("a roster's levels fill the plan's ratios, the cap warns with numbers, and it is kept on the device", async () => {
  const { context, page, problems } = await open("ben-tre");
  await page.fill("#calc-nam", "2025");
  await openDesk(page);
  // Five HTTNV and two HTXSNV, entered as they are.
  for (const level of ["HTTNV", "HTTNV", "HTTNV", "HTTNV", "HTTNV", "HTXSNV", "HTXSNV"]) {
    await page.click("#desk-root button:text('Thêm đảng viên')");
    const n = await page.$$eval("#desk-root .desk-person", (l) => l.length);
    await page.selectOption(`#dv-${n}-muc`, level);
  }
  const text = await page.textContent("#desk-root");
  assert.match(text, /Danh sách đảng viên \(7\)/);
  assert.match(text, /5 HTTNV, 2 HTXSNV|2 HTXSNV, 5 HTTNV/);
  // 2 of 5 is over 20% counting HTTNV alone (1 allowed) and counting
  // them with the HTXSNV (7 → 1); 25% is also exceeded.
  assert.match(await page.textContent(".desk-cap"), /Cả danh sách: 2 HTXSNV, 5 HTTNV\. Giới hạn 20%: vượt \(tối đa 1 khi chỉ tính số HTTNV, 1 khi tính cả số HTXSNV\)\..*không hạ mức của ai/);
  assert.match(text, /Đảng viên được đánh giá “Hoàn thành tốt nhiệm vụ” trở lên trong năm: 7, 7/);
  await page.click("#desk-root button:text('Điền vào phiếu')");
  await page.waitForFunction(() => document.querySelector("#f-dv-httnv_so")?.value === "7");
  assert.equal(await page.inputValue("#f-dv-httnv_tong"), "7");
  assert.equal(await page.inputValue("#f-dv-htxsnv_so"), "2");

  // A member computed from points and conditions: open until answered.
  await page.click("#desk-root button:text('Thêm đảng viên')");
  await page.check("#dv-8-mau-2b");
  await page.fill("#dv-8-diem", "75");
  assert.match(await page.textContent("#desk-root"), /còn 1 đảng viên chưa có mức/);
  await answerAll(page, "dv-8");
  await page.waitForFunction(() => /Mức tính được: Hoàn thành tốt nhiệm vụ \(HTTNV\)/.test(document.querySelector("#dv-8").textContent));
  await page.fill("#dv-8-ten", "Nguyễn Văn A");

  // Kept across a reload.
  await page.reload();
  await page.waitForSelector("#calculator .app-ready", { timeout: 20000 });
  await openDesk(page);
  const again = await page.textContent("#desk-root");
  assert.match(again, /Danh sách đảng viên \(8\)/);
  assert.match(again, /Nguyễn Văn A \(Đảng viên 8\)/);
  assert.match(again, /6 HTTNV, 2 HTXSNV|2 HTXSNV, 6 HTTNV/);
  assertClean(problems, "ben-tre roster");
  await context.close();
});

test("a year under the older rules is said, and levels can still be entered", async () => {
  const { context, page, problems } = await open("nguyen-nghiem");
  await page.fill("#calc-nam", "2024");
  await openDesk(page);
  await page.waitForFunction(() => /QĐ 124-QĐ\/TW/.test(document.querySelector("#desk-root").textContent));
  assert.match(await page.textContent("#desk-root"), /không tính mức thay/);
  assert.equal(await page.$("#tt-diem"), null, "no points asked without the year's rules");
  await page.click("#desk-root button:text('Thêm đảng viên')");
  await page.selectOption("#dv-1-muc", "HTTNV");
  assert.match(await page.textContent("#desk-root"), /HTTNV \(đã nhập\)/);
  assertClean(problems, "nguyen-nghiem 2024");
  await context.close();
});

test("the plan's suggestion stands beside the national level, and their disagreement is said", async () => {
  const { context, page, problems } = await open("nguyen-nghiem");
  await page.fill("#calc-nam", "2025");
  // Every criterion met: the plan calls it a basis for HTXSNV.
  await fill(page, passingValues(await rulesOf(page), "chi-bo"));
  await openDesk(page);
  await page.waitForSelector("#tt-diem");
  assert.match(await page.textContent("#desk-root"), /Theo kế hoạch: Theo kế hoạch, kết quả này là cơ sở quan trọng để xếp loại “Hoàn thành xuất sắc nhiệm vụ” \(HTXSNV\)/);
  assert.ok(await page.$('#desk-root a[href^="../ke-hoach/nguyen-nghiem.html#muc-iii-3"]'), "the plan's sentence is linked");
  // 75 points and every condition of HTTNV: the national level is HTTNV.
  await page.fill("#tt-diem", "75");
  await answerAll(page, "tt", { no: ["30%"] });
  await page.waitForFunction(() => /Mức tính được: Hoàn thành tốt nhiệm vụ \(HTTNV\)/.test(document.querySelector("#desk-root").textContent));
  assert.match(await page.textContent("#desk-root .card.warn"), /Hai kết quả khác nhau: kế hoạch gợi ý HTXSNV, quy định chung của năm 2025 cho HTTNV/);
  // Agreeing: 95 points and 30% exceeded.
  await page.fill("#tt-diem", "95");
  await page.check("#desk-root fieldset:has(legend:text-matches('30%')) input[id$=-co]");
  await page.waitForFunction(() => /Mức tính được: Hoàn thành xuất sắc nhiệm vụ/.test(document.querySelector("#desk-root").textContent));
  assert.doesNotMatch(await page.textContent("#desk-root"), /Hai kết quả khác nhau/);
  assertClean(problems, "nguyen-nghiem suggestion");
  await context.close();
});

test("the monthly record: a year kept month by month feeds Bình Tân's monthly ratings, survives export and import, and prints a month as the phiếu", async () => {
  const { context, page, problems } = await open("binh-tan");
  await page.fill("#calc-nam", "2025");
  await page.fill("#calc-ten", "Chi bộ Trường THCS Bình Tân");
  await page.click("#desk-open");
  await page.waitForSelector("#desk-root .desk-months");
  // Twelve months: July's meeting Khá, the rest Tốt; criterion 1 Đạt.
  for (let m = 1; m <= 12; m++) {
    await page.click(`#desk-root .desk-month:has(strong:text-is("Tháng ${m}"))`);
    await page.check(`#thang-muc-${m === 7 ? "kha" : "tot"}`);
    await page.check("#thang-tc-1-dat");
  }
  await page.fill("#thang-ghi-chu", "Họp chuyên đề cuối năm");
  const text = await page.textContent("#desk-root");
  assert.match(text, /Quý III: 3 tháng có ghi; sinh hoạt 2 Tốt, 1 Khá/);
  assert.match(text, /Mức đánh giá sinh hoạt chi bộ từng tháng: T1 Tốt, .*T7 Khá, .*T12 Tốt/);
  await page.click("#desk-root button:text('Điền vào phiếu')");
  await page.waitForFunction(() => document.querySelector("#f-sinh-hoat-thang_t07")?.value === "kha");
  // The monthly indicator now fails on July (the plan: every month Tốt).
  await page.waitForFunction(() => document.querySelector('[data-indicator="sinh-hoat-thang"]')?.classList.contains("fail"));

  // Export, clear, import: the same year back.
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#desk-root button:text('Tải sổ về máy')")]);
  const path = await download.path();
  const saved = JSON.parse(await (await import("node:fs/promises")).readFile(path, "utf8"));
  assert.equal(saved.months.length, 12);
  assert.equal(saved.months[6].rating, "kha");
  await page.evaluate(() => { for (const k of Object.keys(localStorage)) if (k.includes(":xep-loai:")) localStorage.removeItem(k); });
  await page.reload();
  await page.waitForSelector("#calculator .app-ready", { timeout: 20000 });
  await openDesk(page);
  await page.setInputFiles("#desk-root input[type=file]", path);
  await page.waitForFunction(() => /Đã nạp/.test(document.querySelector("#desk-root").textContent));
  await page.click("#desk-root button.desk-tab:text('Sổ theo dõi hằng tháng')");
  assert.match(await page.textContent("#desk-root"), /Quý III: 3 tháng có ghi; sinh hoạt 2 Tốt, 1 Khá/);

  // July printed alone on A4, as the monthly phiếu.
  await page.click(`#desk-root .desk-month:has(strong:text-is("Tháng 7"))`);
  await page.evaluate(() => document.documentElement.classList.add("desk-printing"));
  await page.emulateMedia({ media: "print" });
  const shown = await page.evaluate(() => [...document.querySelectorAll("main *")].filter((e) => e.checkVisibility() && e.children.length === 0).map((e) => e.textContent.trim()).filter(Boolean));
  assert.ok(shown.includes("ĐẢNG CỘNG SẢN VIỆT NAM"), shown.slice(0, 10).join(" | "));
  assert.match(await page.$eval(".desk-record .sheet-title", (e) => e.checkVisibility() && e.textContent), /PHIẾU TỰ ĐÁNH GIÁ CHI BỘ “BỐN TỐT”THÁNG 7 NĂM 2025/);
  assert.ok(shown.includes("CHI BỘ TRƯỜNG THCS BÌNH TÂN"), "the unit's name heads the sheet");
  assert.ok(!shown.some((t) => /Tháng trước|Điền vào phiếu|Tự đánh giá:/.test(t)), "nothing but the sheet prints");
  assert.ok(shown.includes("Khá"), "July's rating");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
  assert.equal(overflow, false);
  await page.pdf({ path: "/tmp/thang-7.pdf", format: "A4", printBackground: true });
  assertClean(problems, "binh-tan monthly record");
  await context.close();
});

test("a meeting scored with the example frame gives the month's rating, said to be a local frame", async () => {
  const { context, page, problems } = await open("binh-tan");
  await page.fill("#calc-nam", "2025");
  await page.click("#desk-open");
  await page.waitForSelector("#desk-root .desk-months");
  await page.click(`#desk-root .desk-month:has(strong:text-is("Tháng 3"))`);
  await page.click("#desk-root .desk-frame > summary");
  assert.match(await page.textContent("#desk-root .desk-frame"), /khung đánh giá của cấp ủy nơi chi bộ sinh hoạt được ưu tiên/);
  assert.ok(await page.$('#desk-root .desk-frame a[href^="../khung/"]'), "the frame's page and source are linked");
  // Every item at its highest mark: 100 points, Tốt.
  for (const fs of await page.$$("#desk-root .desk-frame fieldset")) await (await fs.$("input[type=radio]")).check();
  for (const input of await page.$$("#desk-root .desk-frame input[type=text]")) {
    const label = await page.textContent(`label[for="${await input.getAttribute("id")}"]`);
    await input.fill(label.match(/tối đa ([\d,]+) điểm/)[1]);
  }
  await page.waitForFunction(() => /Tổng 100 điểm: Tốt/.test(document.querySelector("#desk-root .desk-frame").textContent));
  await page.click("#desk-root .desk-frame button:text('Dùng mức “Tốt” cho tháng này')");
  assert.equal(await page.isChecked("#thang-muc-tot"), true);
  // Eleven points off an item of 30: 89, Khá (the band's edge).
  const big = await page.$$eval("#desk-root .desk-frame input[type=text]", (l) => l.map((x) => x.id));
  const thirty = [];
  for (const id of big) if (/tối đa 30 điểm/.test(await page.textContent(`label[for="${id}"]`))) thirty.push(id);
  if (thirty.length) {
    await page.fill(`#${thirty[0]}`, "19");
    await page.waitForFunction(() => /Tổng 89 điểm: Khá/.test(document.querySelector("#desk-root .desk-frame").textContent));
  }
  assertClean(problems, "frame scoring");
  await context.close();
});

test("the dossier: the plan's documents filled from the answers, one printed alone, each downloaded as .docx", async () => {
  const { context, page, problems } = await open("nguyen-nghiem");
  await page.fill("#calc-nam", "2025");
  await page.fill("#calc-ten", "Chi bộ Khu phố 3");
  await fill(page, passingValues(await rulesOf(page), "chi-bo"));
  await page.click("#desk-open");
  await page.waitForSelector("#desk-root .desk-tabs");
  await page.click("#desk-root button.desk-tab:text('Hồ sơ')");
  await page.fill("#hs-cap-tren", "Đảng bộ phường Nghĩa Lộ");
  await page.fill("#hs-ngay", "2025-12-20");
  await page.fill("#hs-so-dang-vien", "12");
  await page.fill("#hs-co-mat", "11");
  await page.fill("#hs-tan-thanh", "11");
  const names = await page.$$eval("#desk-root .desk-doc > p strong", (l) => l.map((x) => x.textContent));
  assert.equal(names.length, 3, names.join(" | "));
  const sheets = await page.textContent("#desk-root .desk-dossier .desk-sheet");
  assert.match(sheets, /CHI BỘ KHU PHỐ 3/);
  assert.match(sheets, /ĐẢNG BỘ PHƯỜNG NGHĨA LỘ/);
  assert.match(sheets, /ngày 20 tháng 12 năm 2025/);
  assert.match(sheets, /ĐẢNG CỘNG SẢN VIỆT NAM/);
  assert.match(sheets, /……/, "what is not known stays dotted");
  // One document printed alone, on A4.
  await page.evaluate(() => {
    document.documentElement.classList.add("desk-printing");
    document.getElementById("in-ho-so-3").classList.add("print-me");
  });
  await page.emulateMedia({ media: "print" });
  const visible = await page.$$eval("article.party-doc", (l) => l.filter((a) => a.checkVisibility()).map((a) => a.id));
  assert.deepEqual(visible, ["in-ho-so-3"]);
  assert.ok(await page.evaluate(() => !document.querySelector("#calculator").checkVisibility()), "the calculator is not printed");
  await page.pdf({ path: "/tmp/ho-so-3.pdf", format: "A4", printBackground: true });
  await page.emulateMedia({ media: "screen" });
  await page.evaluate(() => document.documentElement.classList.remove("desk-printing"));
  // The editable file: a zip with the document's XML, the unit named in it.
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#desk-root .desk-doc:nth-child(1) button:text('Tải tệp Word (.docx)')")]);
  assert.match(download.suggestedFilename(), /^ho-so-nguyen-nghiem-1-chi-bo\.docx$/);
  const bytes = await (await import("node:fs/promises")).readFile(await download.path());
  assert.equal(bytes.subarray(0, 2).toString(), "PK");
  const text = bytes.toString("utf8");
  for (const part of ["[Content_Types].xml", "word/document.xml"]) assert.ok(text.includes(part), part);
  assert.ok(text.includes("CHI BỘ KHU PHỐ 3") || text.includes("Chi bộ Khu phố 3"), "the unit in the file");
  assert.match(await page.textContent("#desk-root"), /Đã tải “ho-so-nguyen-nghiem-1-chi-bo\.docx”/);
  assertClean(problems, "dossier");
  await context.close();
});

test("the answers file carries the year's book, and an import never replaces a book kept on the device", async () => {
  const { context, page, problems } = await open("binh-tan");
  await page.fill("#calc-nam", "2025");
  await page.click("#desk-open");
  await page.waitForSelector("#desk-root .desk-months");
  await page.click(`#desk-root .desk-month:has(strong:text-is("Tháng 2"))`);
  await page.check("#thang-muc-kha");
  // The calculator's own export, from its folded tools.
  await page.$eval(".calc-menu", (d) => { d.open = true; });
  const [download] = await Promise.all([page.waitForEvent("download"), page.click('[data-action="export"]')]);
  const path = await download.path();
  const file = JSON.parse(await (await import("node:fs/promises")).readFile(path, "utf8"));
  assert.deepEqual(Object.keys(file.books), ["2025"]);
  assert.equal(JSON.parse(file.books["2025"]).months[1].rating, "kha");
  // On a device with nothing kept: the answers and the book come back.
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.waitForSelector("#calculator .app-ready", { timeout: 20000 });
  await page.$eval(".calc-menu", (d) => { d.open = true; });
  await page.setInputFiles('input[data-action="import"]', path);
  await page.waitForFunction(() => /Kèm sổ theo dõi và xếp loại năm 2025/.test(document.querySelector("#calculator").textContent));
  await page.click("#desk-open");
  await page.waitForSelector("#desk-root .desk-months");
  assert.match(await page.textContent(`#desk-root .desk-month:has(strong:text-is("Tháng 2"))`), /Khá/);
  // Imported again while that book is kept: the book stays as it is.
  await page.click(`#desk-root .desk-month:has(strong:text-is("Tháng 2"))`);
  await page.check("#thang-muc-tot");
  await page.setInputFiles('input[data-action="import"]', path);
  await page.waitForFunction(() => /Sổ năm 2025 trong tệp không được nạp vì máy này đã có sổ năm đó/.test(document.querySelector("#calculator").textContent));
  assert.match(await page.textContent(`#desk-root .desk-month:has(strong:text-is("Tháng 2"))`), /Tốt/);
  assertClean(problems, "answers file with its book");
  await context.close();
});

test("a đảng bộ computes a chi bộ's level from its points and conditions and hands it to the list", async () => {
  const { context, page, problems } = await open("nguyen-nghiem");
  await page.check("#calc-unit-dang-bo");
  await page.fill("#calc-nam", "2025");
  for (let n = 1; n <= 2; n++) {
    await page.click('[data-action="add-member"]');
    await page.fill(`#m-${n}-ten`, `Chi bộ ${n}`);
  }
  await page.selectOption("#m-2-xep-loai", "HTTNV");
  await openDesk(page);
  await page.waitForSelector("#desk-root .desk-person button:text('Tính mức')");
  await page.click("#desk-root .desk-person:has-text('Chi bộ 1') button:text('Tính mức')");
  await page.fill("#cb-1-diem", "92");
  await answerAll(page, "cb-1");
  await page.waitForFunction(() => /HTXSNV \(tính ở đây\)/.test(document.querySelector("#desk-root").textContent));
  assert.match(await page.textContent("#desk-root"), /1 HTXSNV, 1 HTTNV/);
  await page.click("#desk-root button:text('Điền mức đã tính của 1 chi bộ vào danh sách ở phiếu')");
  await page.waitForFunction(() => document.querySelector("#m-1-xep-loai")?.value === "HTXSNV");
  assert.equal(await page.inputValue("#m-2-xep-loai"), "HTTNV", "a level entered in the list is left alone");
  assertClean(problems, "đảng bộ chi bộ levels");
  await context.close();
});
