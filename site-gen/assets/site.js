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
