// site-gen serve only, never in a built site: the server adds this script
// to each page it sends. It reloads the page when the site was rebuilt and
// shows the build's problems over the page until they are fixed.
(() => {
  const served = Number(document.currentScript?.dataset.version ?? 0);
  let box = null;
  const show = (problems) => {
    if (!box) {
      const css = document.createElement("link");
      css.rel = "stylesheet";
      css.href = "/__serve/overlay.css";
      document.head.append(css);
      box = document.createElement("section");
      box.id = "site-gen-problems";
      box.setAttribute("role", "alert");
    }
    const title = document.createElement("h2");
    const n = problems.length;
    title.textContent = `site-gen: ${n} problem${n == 1 ? "" : "s"}; the page shows the last site that built`;
    const list = document.createElement("ul");
    for (const p of problems) {
      const item = document.createElement("li");
      const where = document.createElement("code");
      where.textContent = p.line ? `${p.file}:${p.line}` : p.file;
      item.append(where, document.createElement("br"), p.message);
      list.append(item);
    }
    box.replaceChildren(title, list);
    if (!box.isConnected) document.body.append(box);
  };
  const events = new EventSource("/__serve/events");
  events.onmessage = (e) => {
    const status = JSON.parse(e.data);
    if (status.version != served) {
      events.close();
      location.reload();
    } else if (status.problems.length) {
      show(status.problems);
    } else {
      box?.remove();
    }
  };
})();
