// One page of each type, from the site's top: the pages the browser
// tests and the Lighthouse audit look at. No side effects, so the audit
// (outside tests/e2e) can import it too.
export const PAGE_TYPES = [
  "index.html",
  "ke-hoach/nguyen-nghiem.html",
  "so-sanh.html",
  "thoi-han.html",
  "thuat-ngu.html",
  "tim-kiem.html?q=chi+bo+bon+tot",
  "tu-danh-gia/index.html",
  "tu-danh-gia/binh-tan.html",
  "van-ban/qd-366.html",
  "khung/an-phu.html",
  "ho-so/son-la.html",
  "404.html",
];
