// Bốn Tốt, 404 page. A static host serves this page for a missing path at
// any depth, so its links, written from the site's top folder, are right
// only when the missing path is in that folder. Find the top folder (the
// service worker's scope if it served this page, offline or not; else the
// nearest folder above this address whose manifest is the site's) and
// point every link there.
// Carried inline, allowed by its hash: a script file could not be found
// either. Without JavaScript the links stay as written.
(() => {
  if (location.protocol === "file:") return;
  const isSite = async (dir) => {
    try {
      const response = await fetch(new URL("manifest.webmanifest", dir));
      if (!response.ok) return false;
      const manifest = await response.json();
      return manifest.scope === "./" && manifest.start_url === "./index.html";
    } catch {
      return false;
    }
  };
  const findTop = async () => {
    // Served by the service worker (offline, or after a visit): its scope
    // is the top folder, and asking its cache costs nothing.
    const sw = navigator.serviceWorker;
    const reg = sw?.controller && (await sw.getRegistration().catch(() => undefined));
    if (reg && (await isSite(reg.scope))) return new URL(reg.scope);
    let dir = new URL("./", location.href);
    for (let i = 0; i < 16; i++) {
      if (await isSite(dir)) return dir;
      if (dir.pathname === "/") return null;
      dir = new URL("../", dir);
    }
    return null;
  };
  findTop().then((top) => {
    if (!top) return;
    for (const a of document.querySelectorAll("a[href]")) {
      const href = a.getAttribute("href");
      if (!href.startsWith("#")) a.href = new URL(href, top).href;
    }
    for (const form of document.querySelectorAll("form[action]")) {
      form.action = new URL(form.getAttribute("action"), top).href;
    }
    document.documentElement.dataset.top = top.href;
  });
})();
