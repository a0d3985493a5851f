// Bốn Tốt: small progressive enhancements. Every page works without this file.
document.documentElement.classList.add("js");

// "§" next to a section: go there and copy its address.
document.addEventListener("click", (event) => {
  const link = event.target instanceof Element && event.target.closest("a.sec-link");
  if (!link || !navigator.clipboard) return;
  const url = new URL(link.getAttribute("href"), location.href).href;
  navigator.clipboard.writeText(url).then(() => {
    link.classList.add("copied");
    setTimeout(() => link.classList.remove("copied"), 2000);
  }, () => {});
});

// Abbreviations: a mouse shows the meaning (`title`, from our glossary) on
// hover; a tap, Enter or Space shows it in the text, right after the word,
// marked as ours. Tapping again or Escape closes it; one is open at a time.
const abbrs = document.querySelectorAll("main abbr[title]");
for (const abbr of abbrs) {
  abbr.tabIndex = 0;
  abbr.setAttribute("role", "button");
  abbr.setAttribute("aria-expanded", "false");
}
let openAbbr = null;
function toggleAbbr(abbr) {
  const was = openAbbr;
  if (openAbbr) {
    openAbbr.nextElementSibling?.remove();
    openAbbr.setAttribute("aria-expanded", "false");
    openAbbr = null;
  }
  if (!abbr || abbr === was) return;
  const tip = document.createElement("span");
  tip.className = "abbr-tip";
  tip.id = "abbr-tip";
  const label = document.createElement("span");
  label.className = "visually-hidden";
  label.textContent = "Bốn Tốt giải thích: ";
  tip.append(label, abbr.title);
  abbr.after(tip);
  abbr.setAttribute("aria-expanded", "true");
  abbr.setAttribute("aria-controls", tip.id);
  openAbbr = abbr;
}
if (abbrs.length) {
  document.addEventListener("click", (event) => {
    const abbr = event.target instanceof Element && event.target.closest("abbr[role=button]");
    if (abbr) toggleAbbr(abbr);
  });
  document.addEventListener("keydown", (event) => {
    const abbr = event.target instanceof Element && event.target.closest("abbr[role=button]");
    if (abbr && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      toggleAbbr(abbr);
    } else if (event.key === "Escape" && openAbbr) {
      const was = openAbbr;
      toggleAbbr(null);
      was.focus();
    }
  });
}

// Deadlines page: by the reader's own date, mark the deadlines that are
// past and the next one, say so at the top, and open the page at the next
// one (unless the address names a place). Without JavaScript it stays a
// dated list.
const deadlineTimes = document.querySelectorAll(".timeline time[datetime]");
if (deadlineTimes.length) markDeadlines(deadlineTimes);

function markDeadlines(times) {
  const now = new Date();
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  // The first day on which a deadline is past: "before" a day is past on
  // that day, "on" a day the day after, "within" a month the month after.
  const pastFrom = (when, bound, year) => {
    let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(when);
    if (m) return new Date(+m[1], m[2] - 1, +m[3] + (bound === "before" ? 0 : 1));
    m = /^(\d{4})-(\d{2})$/.exec(when);
    if (m) return new Date(+m[1], m[2] - (bound === "before" ? 1 : 0), 1);
    m = /^--(\d{2})-(\d{2})$/.exec(when);
    if (m) return new Date(year, m[1] - 1, +m[2] + (bound === "before" ? 0 : 1));
    return null;
  };
  const items = [];
  let next = null;
  for (const time of times) {
    const when = time.getAttribute("datetime");
    const bound = time.dataset.bound;
    let due = pastFrom(when, bound, today.getFullYear());
    if (!due) continue;
    // A day of every year is never past: its next time counts.
    if (when.startsWith("--") && due <= today) due = pastFrom(when, bound, today.getFullYear() + 1);
    const past = due <= today;
    items.push({ li: time.closest("li"), past, due, when, bound });
    if (!past && (!next || due < next)) next = due;
  }
  let first = null;
  let pastCount = 0;
  for (const { li, past, due, when, bound } of items) {
    const isNext = !past && +due === +next;
    if (!past && !isNext) continue;
    const badge = document.createElement("span");
    badge.className = "badge " + (past ? "due-past" : "due-next");
    badge.textContent = past ? "Đã qua" : "Tiếp theo";
    li.classList.add(past ? "past" : "next");
    // Read after the date; drawn on the item's edge (style.css), so
    // marking the list moves nothing already drawn.
    li.querySelector("time").after(" ", badge);
    if (past) pastCount++;
    if (isNext && !first) first = { li, due, when, bound };
  }
  const dmy = (d) => `${String(d.getDate()).padStart(2, "0")}/${String(d.getMonth() + 1).padStart(2, "0")}/${d.getFullYear()}`;
  // The page keeps its room (see pages/deadlines.rs); an older page has none.
  let status = document.querySelector(".deadline-status");
  if (!status) {
    status = document.createElement("p");
    status.className = "deadline-status";
    times[0].closest("section")?.before(status);
  }
  status.append(`Hôm nay, ${dmy(today)} (theo máy của bạn): ${pastCount} thời hạn đã qua. `);
  if (first) {
    first.li.id = "tiep-theo";
    const link = document.createElement("a");
    link.href = "#tiep-theo";
    let text = first.li.querySelector("time").textContent;
    // A day of every year: say which day that is this time.
    if (first.when.startsWith("--")) {
      const day = new Date(first.due);
      if (first.bound !== "before") day.setDate(day.getDate() - 1);
      text += ` (lần tới: ${dmy(day)})`;
    }
    link.textContent = "Thời hạn tiếp theo: " + text;
    status.append(link);
  } else {
    status.append("Không còn thời hạn nào sắp tới.");
  }
  if (first && !location.hash) first.li.scrollIntoView({ block: "center" });
}

// Offline: a service worker keeps the whole site after the first visit.
// It is registered once the page has loaded and done its own work (the
// calculator marks itself `data-drawn`), in an idle moment: fetching the
// whole site must not compete with the page on a slow phone or network.
// When a new build is ready, say so and let the reader reload.
if ("serviceWorker" in navigator) {
  const loaded = new Promise((done) => {
    if (document.readyState === "complete") done();
    else addEventListener("load", done, { once: true });
  });
  const drawn = new Promise((done) => {
    const calc = document.getElementById("calculator");
    if (!calc || calc.hasAttribute("data-drawn")) return done();
    new MutationObserver(done).observe(calc, { attributes: true, attributeFilter: ["data-drawn"] });
    setTimeout(done, 15000); // the calculator could not start
  });
  const idle = (f) => ("requestIdleCallback" in window ? requestIdleCallback(f, { timeout: 2000 }) : setTimeout(f, 200));
  Promise.all([loaded, drawn]).then(() => idle(registerWorker));
}

function registerWorker() {
  const root = new URL("./", import.meta.url);
  navigator.serviceWorker.register(new URL("sw.js", root), { scope: root.href }).then((reg) => {
    const offer = (worker) => {
      if (!worker || !navigator.serviceWorker.controller) return;
      const bar = document.createElement("div");
      bar.className = "update-bar";
      bar.setAttribute("role", "status");
      bar.textContent = "Đã có bản mới của trang. ";
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = "Tải lại";
      button.addEventListener("click", () => worker.postMessage("skip-waiting"));
      bar.append(button);
      document.body.append(bar);
    };
    const watch = (worker) => {
      worker?.addEventListener("statechange", () => {
        if (worker.state === "installed") offer(worker);
      });
    };
    // Some browsers resolve with nothing when workers are blocked.
    if (!reg) return;
    // The browser may have found a new build before this ran.
    if (reg.waiting) offer(reg.waiting);
    watch(reg.installing);
    reg.addEventListener("updatefound", () => watch(reg.installing));
  }, () => {});
  let reloading = false;
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (reloading || !document.querySelector(".update-bar")) return;
    reloading = true;
    location.reload();
  });
}

// The calculator page: say that the calculator is loading while its module
// downloads and starts, and if it cannot load, say so with a way to retry.
// Without JavaScript the page's <noscript> text says what is needed.
{
  const calc = document.getElementById("calculator");
  const loading = document.getElementById("calc-loading");
  const failed = document.getElementById("calc-failed");
  if (calc && loading && failed && !calc.hasAttribute("data-drawn")) {
    loading.hidden = false;
    // The first questions, answerable from the first paint; the app takes
    // them over: it reads them, removes them and draws its own with the
    // same ids, and the control the reader was in gets the focus back,
    // caret at the end.
    const first = calc.querySelector(".calc-pre");
    if (first) {
      let was = null;
      first.addEventListener("focusin", (e) => { was = e.target.id; });
      const back = new MutationObserver(() => {
        if (first.isConnected) return;
        const now = was && document.getElementById(was);
        if (!was || drawn()) back.disconnect();
        if (!now || document.activeElement !== document.body) return;
        back.disconnect();
        now.focus();
        if (now.type === "text") now.setSelectionRange(now.value.length, now.value.length);
      });
      back.observe(calc, { childList: true, subtree: true });
    }
    const drawn = () => calc.hasAttribute("data-drawn");
    new MutationObserver(() => { if (drawn()) loading.hidden = true; })
      .observe(calc, { attributes: true, attributeFilter: ["data-drawn"] });
    const fail = () => {
      if (drawn()) return;
      loading.hidden = true;
      failed.hidden = false;
      // Answers there would go nowhere: the paper checklist is the form.
      if (first) first.hidden = true;
    };
    // A module of the calculator that could not be fetched, or a start
    // (fetching or compiling the WASM) that failed.
    addEventListener("error", (e) => { if (e.target instanceof HTMLScriptElement) fail(); }, true);
    addEventListener("unhandledrejection", fail);
    document.getElementById("calc-retry")?.addEventListener("click", () => location.reload());
  }
}

// The calculator's year-end part (roster, national classification): its
// own module, fetched only when the reader opens it. A failed import is
// tried again under a new URL, since a browser may keep the failure.
{
  const desk = document.getElementById("desk");
  const open = document.getElementById("desk-open");
  const status = document.getElementById("desk-status");
  let tries = 0;
  open?.addEventListener("click", () => {
    open.disabled = true;
    status.textContent = "Đang tải sổ theo dõi và xếp loại…";
    const url = new URL(desk.dataset.desk, location.href);
    if (tries++) url.search = "?lan=" + tries;
    import(url.href).then((m) => m.default()).then(() => {
      open.hidden = true;
      status.textContent = "";
    }, () => {
      open.disabled = false;
      status.textContent = "Không tải được sổ theo dõi và xếp loại (mạng yếu hoặc bị ngắt). Bấm nút để thử lại.";
    });
  });
}
