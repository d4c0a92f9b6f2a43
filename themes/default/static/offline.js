// Registers the service worker (if the phone supports it). On a municipality page it keeps
// the lean set for offline use at once (the page, tonight's places, the national lines: a
// few tens of kB) and the full set only when the reader asks; it says what was kept and
// how much room it takes on the phone.
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
  var manifest = box.getAttribute("data-list");
  var button = box.querySelector("button");
  var leanStatus = box.querySelector("[role=status].lean");
  var fullStatus = box.querySelector("[role=status].full");
  box.hidden = false;
  function size(r) {
    return box.getAttribute("data-size").replace("{n}", r.count).replace("{kb}", Math.max(1, Math.round(r.bytes / 1024)));
  }
  function show(part, r) {
    if (part === "lean") leanStatus.textContent = box.getAttribute("data-lean") + " (" + size(r) + ")";
    else fullStatus.textContent = button.getAttribute("data-done") + " (" + size(r) + ")";
  }
  function save(part) {
    navigator.serviceWorker.ready.then(function (reg) {
      if (part === "full") fullStatus.textContent = button.getAttribute("data-busy");
      reg.active.postMessage({ type: "save", list: manifest, part: part });
    });
  }
  navigator.serviceWorker.addEventListener("message", function (e) {
    var d = e.data || {};
    if (d.type === "saved" && d.ok && d.list === manifest) show(d.part, d);
  });
  button.addEventListener("click", function () { save("full"); });
  // What is kept already (this build): say so; otherwise keep the lean set now.
  savedLists().then(function (saved) {
    var lean = saved[manifest + "#lean"];
    if (lean) show("lean", lean);
    if (saved[manifest]) show("full", saved[manifest]);
    else if (!lean) save("lean"); // the full set holds the lean one
  });
})();

// The lists saved in the current cache: { "<list>[#lean]": { count, bytes, date } }.
function savedLists() {
  return caches.keys().then(function (names) {
    return Promise.all(names.filter(function (n) { return n.indexOf("onderdak-") === 0; }).map(function (n) {
      return caches.open(n).then(function (c) { return c.match("/__onderdak-saved.json"); }).then(function (r) { return r ? r.json() : {}; });
    }));
  }).then(function (all) {
    var out = {};
    all.forEach(function (o) { if (o && !Array.isArray(o)) Object.keys(o).forEach(function (k) { out[k] = o[k]; }); });
    return out;
  }).catch(function () { return {}; });
}

// On the offline page: links to the municipality pages that are saved.
function showSaved(list) {
  savedLists().then(function (saved) {
    var seen = {};
    Object.keys(saved).forEach(function (l) {
      var page = l.replace(/offline\.json(#lean)?$/, "");
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
