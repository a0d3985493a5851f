// site-gen serve only: stands in for the site's service worker, which
// would answer from its cache and hide each rebuild. It caches nothing,
// deletes what the site's worker cached on this address, and leaves every
// request to the network.
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (e) => {
  e.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("bontot-")).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});
