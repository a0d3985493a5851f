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
