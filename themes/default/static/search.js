// Search: the index (one small JSON file per language) is fetched only when someone starts
// typing. Without this script the page lists every municipality and service instead.
(function () {
  "use strict";
  var form = document.querySelector("form.search");
  if (!form || !window.fetch) return;
  form.hidden = false;
  var input = form.querySelector("#q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var browse = document.getElementById("browse");
  var index = null, loading = null;
  function fold(s) {
    return (s || "").toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }
  function load() {
    if (!loading) {
      loading = fetch(form.getAttribute("data-index")).then(function (r) { return r.json(); }).then(function (items) {
        index = items.map(function (it) { it.f = fold([it.t, it.s, it.k, it.p, it.w].join(" ")); it.ft = fold(it.t); return it; });
      });
    }
    return loading;
  }
  function search(q) {
    var words = fold(q).split(/[^0-9a-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff\u0600-\u06ff]+/).filter(Boolean);
    if (!words.length) { list.innerHTML = ""; status.textContent = ""; browse.hidden = false; return; }
    var hits = index.filter(function (it) {
      return words.every(function (w) { return it.f.indexOf(w) !== -1; });
    }).map(function (it) {
      var score = words.reduce(function (s, w) { return s + (it.ft.indexOf(w) !== -1 ? 2 : 0); }, 0);
      return { it: it, score: score };
    }).sort(function (a, b) { return b.score - a.score || a.it.t.localeCompare(b.it.t); }).slice(0, 30);
    list.innerHTML = "";
    hits.forEach(function (h) {
      var li = document.createElement("li"); li.className = "card";
      var a = document.createElement("a"); a.className = "card-title"; a.href = h.it.u; a.textContent = h.it.t;
      var p = document.createElement("p"); p.className = "note"; p.textContent = [h.it.k, h.it.p].filter(Boolean).join(" · ");
      li.appendChild(a); li.appendChild(p);
      if (h.it.s) { var s = document.createElement("p"); s.textContent = h.it.s; li.appendChild(s); }
      list.appendChild(li);
    });
    status.textContent = hits.length ? form.getAttribute("data-count").replace("{count}", hits.length) : form.getAttribute("data-none");
    browse.hidden = true;
  }
  function run() { load().then(function () { search(input.value); }); }
  input.addEventListener("focus", load);
  input.addEventListener("input", run);
  form.addEventListener("submit", function (e) { e.preventDefault(); run(); });
  var q = new URLSearchParams(location.search).get("q");
  if (q) { input.value = q; run(); }
})();
