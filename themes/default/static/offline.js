// Registers the service worker (if the phone supports it) and, on a municipality page,
// saves that municipality's essentials for offline use when the reader asks for it.
(function () {
  "use strict";
  if (!("serviceWorker" in navigator)) {
    // The box's space is kept for it (site.css); without a service worker it has no use.
    var unused = document.querySelector(".save-offline");
    if (unused) unused.parentNode.removeChild(unused);
    return;
  }
  navigator.serviceWorker.register("/sw.js").catch(function () {});
  var box = document.querySelector(".save-offline");
  if (!box) {
    var list = document.getElementById("saved-list");
    if (list && window.caches) showSaved(list);
    return;
  }
  var button = box.querySelector("button");
  var status = box.querySelector("[role=status]");
  box.hidden = false;
  function save() {
    navigator.serviceWorker.ready.then(function (reg) {
      status.textContent = button.getAttribute("data-busy");
      reg.active.postMessage({ type: "save", list: button.getAttribute("data-list") });
    });
  }
  navigator.serviceWorker.addEventListener("message", function (e) {
    if (e.data && e.data.type === "saved" && e.data.ok) status.textContent = button.getAttribute("data-done");
  });
  // Only when asked: a first visit must not spend a reader's data bundle on 70 pages.
  button.addEventListener("click", function () { save(); });
})();

// On the offline page: links to the municipality pages that are saved.
function showSaved(list) {
  caches.keys().then(function (names) {
    return Promise.all(names.filter(function (n) { return n.indexOf("onderdak-") === 0; }).map(function (n) {
      return caches.open(n).then(function (c) { return c.match("/__onderdak-saved.json"); }).then(function (r) { return r ? r.json() : []; });
    }));
  }).then(function (all) {
    var seen = {};
    [].concat.apply([], all).forEach(function (l) {
      var page = l.replace(/offline\.json$/, "");
      if (seen[page]) return;
      seen[page] = true;
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = page;
      a.textContent = decodeURIComponent(page.split("/")[2] || page);
      li.appendChild(a);
      list.appendChild(li);
    });
  });
}
