// The calculator's form as browser tests fill it: the rule set a page
// shows (as JSON from `cargo xtask`), the field ids the app draws, and a
// value for every question that passes every test reading it.
import { readFile } from "node:fs/promises";
import { settled } from "./helpers.mjs";

/// The rule set of the calculator page `page` shows.
export async function rulesOf(page) {
  const slug = new URL(page.url()).pathname.split("/").pop().replace(/\.html$/, "");
  return JSON.parse(await readFile(`${process.env.RULES_DIR}/${slug}.json`, "utf8"));
}
export const dom = (field) => `#f-${field.replaceAll(".", "_")}`;
export const applies = (units, unit) => !units || units.length === 0 || units.includes(unit);

/// A value for every input of `unit` that passes every test reading it.
export function passingValues(rules, unit) {
  const tests = [
    ...rules.indicators.filter((i) => applies(i.units, unit)).map((i) => i.test),
    ...(rules.rewards || []).filter((r) => applies(r.units, unit)).flatMap((r) => r.requires || []),
  ];
  const targets = new Set(tests.map((t) => t.target).filter(Boolean));
  const values = {};
  for (const input of rules.inputs.filter((i) => applies(i.units, unit))) {
    const mine = tests.filter((t) => t.input === input.id);
    // The smallest number that passes all of this input's tests.
    const floor = (max) => {
      let n = 0;
      for (const t of mine) {
        const v = Number(t.value ?? t.min ?? 0);
        if (t.target) n = Math.max(n, t.op === "above" ? 3 : 2);
        else if (t.op === "at-least" || t.op === "between") n = Math.max(n, Math.ceil(Number(t.min ?? v)));
        else if (t.op === "above") n = Math.max(n, Math.floor(v) + 1);
      }
      return Math.min(n, max);
    };
    switch (input.kind) {
      case "yes-no": {
        const t = mine.find((t) => t.expect);
        values[input.id] = { radio: t?.expect === "no" ? "khong" : "co" };
        break;
      }
      case "count":
        values[input.id] = { text: String(targets.has(input.id) ? 2 : floor(1e9)) };
        break;
      case "percent":
        values[input.id] = { text: String(floor(100)) };
        break;
      case "ratio":
        values[`${input.id}.so`] = { text: String(floor(100)) };
        values[`${input.id}.tong`] = { text: "100" };
        break;
      case "monthly":
        for (let m = 1; m <= 12; m++) values[`${input.id}.t${String(m).padStart(2, "0")}`] = { select: "tot" };
        break;
      case "classification":
        values[input.id] = { select: "HTXSNV" };
        break;
    }
  }
  return values;
}

export async function fill(page, values) {
  for (const [field, v] of Object.entries(values)) {
    if (v.radio) await page.check(`${dom(field)}-${v.radio}`);
    else if (v.select) await page.selectOption(dom(field), v.select);
    else await page.fill(dom(field), v.text);
  }
  await settled(page);
}
