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
// When a new build is ready, say so and let the reader reload.
if ("serviceWorker" in navigator) {
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
    // Some browsers resolve with nothing when workers are blocked.
    if (!reg) return;
    if (reg.waiting) offer(reg.waiting);
    reg.addEventListener("updatefound", () => {
      const worker = reg.installing;
      worker?.addEventListener("statechange", () => {
        if (worker.state === "installed") offer(worker);
      });
    });
  }, () => {});
  let reloading = false;
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (reloading || !document.querySelector(".update-bar")) return;
    reloading = true;
    location.reload();
  });
}
