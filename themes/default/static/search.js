// Search: fetched only when someone starts typing. The main index (one small JSON file per
// language) has the municipalities, regions, explainers and national services; the services
// of a region are in that region's shard, loaded only for a place named in the search or
// the region in the address (`?r=`, which the search link of a municipality's, region's or
// service's page carries), so a phone fetches tens of kilobytes, not the whole country.
// Without this script the page lists every municipality and region instead.
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
  var shards = {};    // region slug -> promise of its items
  var context = [];   // the region in the address, if the index knows it
  var params = new URLSearchParams(location.search);
  // What separates words (after folding): anything but digits and letters of the Latin,
  // Greek, Cyrillic and Arabic scripts.
  var BETWEEN_WORDS = /[^0-9a-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff\u0600-\u06ff]+/;
  function fold(s) {
    return (s || "").toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }
  function prepare(items) {
    return items.map(function (it) { it.f = fold([it.t, it.s, it.k, it.p, it.w].join(" ")); it.ft = fold(it.t); return it; });
  }
  function getJson(url) {
    return fetch(url).then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); });
  }
  function load() {
    if (!loading) {
      loading = getJson(form.getAttribute("data-index")).then(function (items) {
        index = prepare(items);
        var r = params.get("r");
        if (r && index.some(function (it) { return it.r === r; })) context = [r];
      });
    }
    return loading;
  }
  // Regions of the places named in the search: a word (3 letters or more) that starts a
  // word of a municipality's or region's name. At most three, exact names first.
  function placesNamed(words) {
    var exact = [], partial = [];
    index.forEach(function (it) {
      if (!it.r) return;
      var parts = it.ft.split(BETWEEN_WORDS);
      words.forEach(function (w) {
        if (w.length < 3) return;
        if (parts.indexOf(w) !== -1 || it.ft === w) exact.push(it.r);
        else if (parts.some(function (p) { return p.indexOf(w) === 0; })) partial.push(it.r);
      });
    });
    var found = [];
    exact.concat(partial).forEach(function (r) { if (found.indexOf(r) === -1) found.push(r); });
    return found.slice(0, 3);
  }
  function shard(region) {
    if (!shards[region]) {
      var url = form.getAttribute("data-shard").replace("{region}", encodeURIComponent(region));
      shards[region] = getJson(url).then(prepare, function () { delete shards[region]; return []; });
    }
    return shards[region];
  }
  function wordsOf(q) {
    return fold(q).split(BETWEEN_WORDS).filter(Boolean);
  }
  var latest = 0;
  function search(q) {
    var words = wordsOf(q);
    var ticket = ++latest;
    if (!words.length) { list.innerHTML = ""; status.textContent = ""; browse.hidden = false; return; }
    var named = placesNamed(words);
    var regions = named.concat(context.filter(function (r) { return named.indexOf(r) === -1; }));
    Promise.all(regions.map(shard)).then(function (loaded) {
      if (ticket !== latest) return; // a newer search has started
      show(words, index.concat.apply(index, loaded), regions.length > 0);
    });
  }
  function show(words, items, local) {
    var hits = items.filter(function (it) {
      return words.every(function (w) { return it.f.indexOf(w) !== -1; });
    }).map(function (it) {
      var score = words.reduce(function (s, w) { return s + (it.ft.indexOf(w) !== -1 ? 2 : 0); }, 0);
      return { it: it, score: score };
    }).sort(function (a, b) { return b.score - a.score || a.it.t.localeCompare(b.it.t); }).slice(0, 30);
    list.innerHTML = "";
    var other = []; // languages of results shown in a fallback language, said once
    hits.forEach(function (h) {
      var li = document.createElement("li"); li.className = "card";
      var a = document.createElement("a"); a.className = "card-title"; a.href = h.it.u; a.textContent = h.it.t;
      if (h.it.l) { a.lang = h.it.l; a.dir = h.it.ld; if (other.indexOf(h.it.ln) === -1) other.push(h.it.ln); }
      var p = document.createElement("p"); p.className = "note"; p.textContent = [h.it.k, h.it.p].filter(Boolean).join(" · ");
      li.appendChild(a); li.appendChild(p);
      if (h.it.s) { var s = document.createElement("p"); s.textContent = h.it.s; if (h.it.l) { s.lang = h.it.l; s.dir = h.it.ld; } li.appendChild(s); }
      list.appendChild(li);
    });
    var text = hits.length ? form.getAttribute("data-count").replace("{count}", hits.length) : form.getAttribute("data-none");
    // Nothing local was searched: say how to find help nearby.
    if (!local) text += " " + form.getAttribute("data-place");
    if (other.length && form.getAttribute("data-fallback")) text += " " + form.getAttribute("data-fallback").replace("{languages}", other.join(", "));
    status.textContent = text;
    browse.hidden = true;
  }
  function run() { load().then(function () { search(input.value); }); }
  input.addEventListener("focus", load);
  input.addEventListener("input", run);
  form.addEventListener("submit", function (e) { e.preventDefault(); run(); });
  var q = params.get("q");
  if (q) { input.value = q; run(); }
})();
