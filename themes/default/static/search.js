// Search: fetched only when someone starts typing. Three kinds of files, all small:
// - the main index (index.json): municipalities, regions, explainers, national services;
// - the topic index (onderwerpen.json): each topic (a need: "a bed for tonight", "debt")
//   with the words people type for it in every language, and one file per topic with that
//   topic's services per region (onderwerp/<slug>.json), loaded only for a matched topic;
// - a region's shard (regio/<region>.json), loaded only for a place named in the search or
//   the region in the address (`?r=`, which the search link of a municipality's, region's
//   or service's page carries).
// So "nachtopvang" finds the night shelters of every region without loading every shard,
// and a phone never downloads the whole country. Words are folded (case, diacritics),
// allowed one typo from 5 letters and two from 9 (Damerau-Levenshtein), and a compound is
// found by a known word at its end or start ("daklozenopvang" → "opvang").
// Without this script the page lists the topics, every municipality and the national lines.
(function () {
  "use strict";
  var form = document.querySelector("form.search");
  if (!form || !window.fetch) return;
  form.hidden = false;
  var input = form.querySelector("#q");
  var status = document.getElementById("search-status");
  var results = document.getElementById("search-results");
  var browse = document.getElementById("browse");
  var index = null, topics = [], loading = null;
  var shards = {};      // region slug -> promise of its items
  var topicFiles = {};  // topic slug -> promise of its region groups
  var context = [];     // the region in the address, if the index knows it
  var vocab = {};       // every word of the loaded files (for compound splitting)
  var nameWords = {}, nameRegions = []; // distinctive words of service names -> regions
  var params = new URLSearchParams(location.search);
  var PER_REGION = 3;   // services shown per region before "all in this region"
  // What separates words (after folding): anything but digits and letters of the Latin,
  // Greek, Cyrillic and Arabic scripts (and the apostrophe inside Ukrainian words).
  var BETWEEN_WORDS = /[^0-9a-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff\u0600-\u06ff']+/;
  function fold(s) {
    return (s || "").toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[\u2019`]/g, "'");
  }
  function tokens(s) {
    return fold(s).split(BETWEEN_WORDS).map(function (w) { return w.replace(/^'+|'+$/g, ""); }).filter(Boolean);
  }
  function learn(list) { list.forEach(function (w) { vocab[w] = true; }); }
  function prepare(items) {
    return items.map(function (it) {
      it.tt = tokens(it.t);
      it.tok = tokens([it.t, it.s, it.k, it.p, it.w].join(" "));
      learn(it.tok);
      return it;
    });
  }
  function getJson(url) {
    return fetch(url).then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); });
  }
  function load() {
    if (!loading) {
      var topicUrl = form.getAttribute("data-topics");
      loading = Promise.all([
        getJson(form.getAttribute("data-index")),
        topicUrl ? getJson(topicUrl).catch(function () { return {}; }) : Promise.resolve({}),
      ]).then(function (got) {
        index = prepare(got[0]);
        var ti = got[1];
        nameRegions = ti.rs || [];
        Object.keys(ti.nw || {}).forEach(function (w) { nameWords[fold(w)] = ti.nw[w]; });
        topics = (ti.t || []).map(function (t, i) {
          t.i = i;
          t.phrases = t.w.map(tokens).filter(function (p) { return p.length; });
          t.phrases.forEach(learn);
          return t;
        });
        var r = params.get("r");
        if (r && index.some(function (it) { return it.r === r; })) context = [r];
      });
      loading.catch(function () { loading = null; });
    }
    return loading;
  }

  // Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions),
  // stopping early once it exceeds `max`.
  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var prev2 = null, prev = [], cur, i, j;
    for (j = 0; j <= b.length; j++) prev[j] = j;
    for (i = 1; i <= a.length; i++) {
      cur = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
        cur[j] = v;
        if (v < best) best = v;
      }
      if (best > max) return max + 1;
      prev2 = prev; prev = cur;
    }
    return prev[b.length];
  }
  function allowed(w) { return w.length >= 9 ? 2 : w.length >= 5 ? 1 : 0; }
  // A query word: its own form and, for a compound, the known word it ends or starts with.
  function queryWord(w) {
    var forms = [w];
    if (w.length >= 7 && !vocab[w]) {
      for (var i = 2; i <= w.length - 4; i++) if (vocab[w.slice(i)]) { forms.push(w.slice(i)); break; }
      for (var k = w.length - 2; k >= 4; k--) if (vocab[w.slice(0, k)]) { forms.push(w.slice(0, k)); break; }
    }
    return { w: w, forms: forms, memo: {} };
  }
  // How well a query word matches a word of the index: 3 the same, 2 its start (typing
  // goes on), 1 within the typos allowed, 0 not at all.
  function score(q, token) {
    if (q.memo[token] !== undefined) return q.memo[token];
    var s = 0;
    for (var i = 0; i < q.forms.length && s < 3; i++) {
      var f = q.forms[i], part = i > 0 ? 1 : 0; // a part of a compound counts a little less
      if (token === f) s = Math.max(s, 3 - part);
      else if (f.length >= 3 && token.indexOf(f) === 0) s = Math.max(s, 2 - part);
      else if (allowed(f) && distance(f, token, allowed(f)) <= allowed(f)) s = Math.max(s, 1);
    }
    q.memo[token] = s;
    return s;
  }
  function best(q, toks) {
    var s = 0;
    for (var i = 0; i < toks.length && s < 3; i++) s = Math.max(s, score(q, toks[i]));
    return s;
  }
  // Topics whose words were typed: every word of one of its phrases matches a query word.
  function topicsNamed(qs) {
    var found = [];
    topics.forEach(function (t) {
      var top = 0, used = null;
      t.phrases.forEach(function (p) {
        var sum = 0, u = [];
        for (var i = 0; i < p.length; i++) {
          var m = 0, by = -1;
          qs.forEach(function (q, k) { var s = score(q, p[i]); if (s > m) { m = s; by = k; } });
          if (!m) return;
          sum += m; u.push(by);
        }
        if (sum > top) { top = sum; used = u; }
      });
      if (top) found.push({ t: t, score: top, used: used });
    });
    found.sort(function (a, b) { return b.score - a.score; });
    return found.filter(function (f) { return f.score >= found[0].score * 0.75; }).slice(0, 3);
  }
  // Regions of the places named in the search (a word that is, starts or is a typo of a
  // word of a municipality's or region's name). At most three, exact names first.
  function placesNamed(qs) {
    var found = [], words = {}, names = [];
    [3, 2, 1].forEach(function (level) {
      index.forEach(function (it) {
        if (!it.r) return;
        qs.forEach(function (q, k) {
          if (q.w.length < 3 || best(q, it.tt) !== level) return;
          words[k] = true;
          if (found.indexOf(it.r) === -1) found.push(it.r);
          if ((level >= 2 || q.tr) && it.p) names.push(fold(it.t));
        });
      });
    });
    return { regions: found.slice(0, 3), words: words, municipalities: names };
  }
  function shard(region) {
    if (!shards[region]) {
      var url = form.getAttribute("data-shard").replace("{region}", encodeURIComponent(region));
      shards[region] = getJson(url).then(function (items) {
        items.forEach(function (it) { it.r = region; });
        return prepare(items);
      }, function () { delete shards[region]; return []; });
    }
    return shards[region];
  }
  function topicFile(t) {
    if (!topicFiles[t.s]) {
      topicFiles[t.s] = getJson(t.f).then(function (groups) {
        groups.forEach(function (g) { prepare(g.s); g.s.forEach(function (it) { it.r = g.r; it.n = [t.i]; }); });
        return groups;
      }, function () { delete topicFiles[t.s]; return []; });
    }
    return topicFiles[t.s];
  }

  var latest = 0;
  function search(q) {
    var words = tokens(q);
    var ticket = ++latest;
    if (!words.length) { results.innerHTML = ""; status.textContent = ""; browse.hidden = false; return; }
    var qs = words.map(function (w) {
      // A place in Cyrillic or Arabic script: as if its Dutch name was typed.
      var t = translit && translit(w, index, vocab);
      if (!t) return queryWord(w);
      t = queryWord(t); t.tr = true; return t;
    });
    var named = placesNamed(qs);
    var found = topicsNamed(qs);
    var regions = named.regions.concat(context.filter(function (r) { return named.regions.indexOf(r) === -1; }));
    // A service's name typed without a place: the shards that have it (at most three).
    if (!found.length) {
      var byName = [];
      qs.forEach(function (q, k) {
        if (named.words[k] || q.w.length < 4) return;
        Object.keys(nameWords).forEach(function (w) {
          var s = score(q, w);
          if (s >= 2 || (s && q.w.length >= 5)) nameWords[w].forEach(function (r) { byName.push([s, nameRegions[r]]); });
        });
      });
      byName.sort(function (a, b) { return b[0] - a[0]; }).forEach(function (x) {
        if (regions.length < 3 && regions.indexOf(x[1]) === -1) regions.push(x[1]);
      });
    }
    Promise.all([Promise.all(regions.map(shard)), Promise.all(found.map(function (f) { return topicFile(f.t); }))]).then(function (got) {
      if (ticket !== latest) return; // a newer search has started
      show(qs, named, regions, found, got[0], got[1]);
    });
  }

  function show(qs, named, regions, found, loaded, groupsPerTopic) {
    var topicScore = {};
    found.forEach(function (f) { topicScore[f.t.i] = f.score; });
    // With a topic, the place words only say where; without one, every word must match
    // (a word found nowhere, like "ik" or "een", is left out).
    var free = qs.filter(function (q, k) { return !(found.length && named.words[k]); });
    var pool = index.concat.apply(index, loaded);
    var seen = {};
    pool.forEach(function (it) { seen[it.u] = true; });
    var byRegion = {}, order = [];
    groupsPerTopic.forEach(function (groups, k) {
      groups.forEach(function (g) {
        if (regions.indexOf(g.r) !== -1 || !g.r) return; // in a loaded shard or the main index
        if (!byRegion[g.r]) { byRegion[g.r] = { name: g.n, r: g.r, items: [], total: 0, topic: found[k].t }; order.push(g.r); }
        byRegion[g.r].total += g.c || g.s.length;
        g.s.forEach(function (it) { if (!seen[it.u]) { seen[it.u] = true; byRegion[g.r].items.push(it); } });
      });
    });
    var known = free.filter(function (q) { return pool.some(function (it) { return best(q, it.tok); }) || order.some(function (r) { return byRegion[r].items.some(function (it) { return best(q, it.tok); }); }); });
    if (!known.length && !found.length) known = free;
    function rate(it) {
      var topic = 0;
      (it.n || []).forEach(function (i) { if (topicScore[i]) topic = Math.max(topic, topicScore[i]); });
      var text = 0, all = known.length > 0, title = known.length > 0;
      known.forEach(function (q) {
        var inTitle = best(q, it.tt), anywhere = inTitle || best(q, it.tok);
        if (!anywhere) all = false;
        if (!inTitle) title = false;
        text += inTitle * 2 + anywhere;
      });
      if (!topic && !all) return null;
      var near = regions.indexOf(it.r) !== -1 ? 1 : 0;
      if (it.p && named.municipalities.indexOf(fold(it.p)) !== -1) near = 2;
      // The whole query is the title (a place, a name): that one first.
      var exact = it.tt.join(" ") === whole ? 30 : 0;
      return { it: it, topic: topic, title: title && all, near: near, score: topic * 2 + text + (title && all ? 10 : 0) + near * 50 + exact };
    }
    var whole = qs.map(function (q) { return q.w; }).join(" ");
    function byScore(a, b) { return b.score - a.score || a.it.t.localeCompare(b.it.t); }
    // First: the best matches (all words in the title, or near the place named), then per
    // region the services of the topics found.
    var top = [], rest = {}, later = [];
    pool.forEach(function (it) {
      var h = rate(it);
      if (!h) return;
      if (h.title || h.near || !found.length || (!it.r && h.topic)) top.push(h);
      else if (!it.r || !h.topic) later.push(h);
      else (rest[it.r] = rest[it.r] || []).push(h);
    });
    order.forEach(function (r) {
      byRegion[r].items.forEach(function (it) {
        var h = rate(it);
        if (!h) return;
        if (h.title) top.push(h); else (rest[r] = rest[r] || []).push(h);
      });
    });
    top.sort(byScore);
    top = top.slice(0, found.length ? 10 : 30);
    results.innerHTML = "";
    var other = [], count = top.length;
    if (top.length) results.appendChild(cards(top, other));
    // Regions in the site's order; the regions of a loaded shard are in `top` already.
    var groupsShown = 0;
    var regionsWith = Object.keys(rest).length;
    var perRegion = Math.max(PER_REGION, Math.ceil(12 / Math.max(1, regionsWith)));
    order.concat(Object.keys(rest).filter(function (r) { return order.indexOf(r) === -1; })).forEach(function (r) {
      var hits = (rest[r] || []).sort(byScore);
      if (!hits.length) return;
      var name = byRegion[r] ? byRegion[r].name : r;
      index.forEach(function (it) { if (it.r === r && !it.p) name = it.t; });
      var h = document.createElement("h2"); h.textContent = name;
      results.appendChild(h);
      results.appendChild(cards(hits.slice(0, perRegion), other));
      var total = Math.max(hits.length, byRegion[r] ? byRegion[r].total : 0);
      count += total;
      groupsShown++;
      if (total > Math.min(hits.length, perRegion) && found.length) {
        var more = document.createElement("p");
        var a = document.createElement("a");
        // The topic's page for this region.
        var topic = byRegion[r] ? byRegion[r].topic : found[0].t;
        a.href = topic.u + encodeURIComponent(r) + "/";
        a.textContent = topic.n + " · " + name + " (" + total + ")";
        more.appendChild(a); results.appendChild(more);
      }
    });
    // Found by their words but outside the topics found (explainers, other services).
    if (later.length) {
      results.appendChild(cards(later.sort(byScore).slice(0, 10), other));
      count += Math.min(later.length, 10);
    }
    // The topic's own page: every service of the topic, a link to send.
    if (found.length) {
      var p = document.createElement("p"); p.className = "topic-links";
      found.forEach(function (f, i) {
        if (i) p.appendChild(document.createTextNode(" · "));
        var a = document.createElement("a"); a.href = f.t.u; a.textContent = f.t.n; p.appendChild(a);
      });
      results.appendChild(p);
    }
    var text = count ? form.getAttribute("data-count").replace("{count}", count) : form.getAttribute("data-none");
    // Two sentences: "13 gevonden. Typ ook je gemeente …".
    if (!regions.length) text = text.replace(/[.!?]?$/, ".") + " " + form.getAttribute(found.length ? "data-near" : "data-place");
    if (other.length && form.getAttribute("data-fallback")) text += " " + form.getAttribute("data-fallback").replace("{languages}", other.join(", "));
    status.textContent = text;
    // Nothing found: the topics, the municipalities and the national lines stay in view.
    browse.hidden = count > 0;
  }
  function cards(hits, other) {
    var ul = document.createElement("ul"); ul.className = "cards";
    hits.forEach(function (h) {
      var li = document.createElement("li"); li.className = "card";
      var a = document.createElement("a"); a.className = "card-title"; a.href = h.it.u; a.textContent = h.it.t;
      if (h.it.l) { a.lang = h.it.l; a.dir = h.it.ld; if (other.indexOf(h.it.ln) === -1) other.push(h.it.ln); }
      var p = document.createElement("p"); p.className = "note"; p.textContent = [h.it.k, h.it.p].filter(Boolean).join(" · ");
      li.appendChild(a); li.appendChild(p);
      if (h.it.s) { var s = document.createElement("p"); s.textContent = h.it.s; if (h.it.l) { s.lang = h.it.l; s.dir = h.it.ld; } li.appendChild(s); }
      ul.appendChild(li);
    });
    return ul;
  }
  // Cyrillic or Arabic letters: first the file that finds place names in them.
  var translit = null, translitLoading = null;
  function loadTranslit(q) {
    if (translit || !/[\u0400-\u06ff]/.test(q)) return;
    return translitLoading = translitLoading || new Promise(function (done) {
      var el = document.createElement("script");
      el.src = "/static/search-translit.js";
      el.onload = el.onerror = function () { translitLoading = null; translit = window.onderdakTranslit && window.onderdakTranslit(distance, allowed); done(); };
      document.head.appendChild(el);
    });
  }
  function run() { var q = input.value; load().then(function () { return loadTranslit(q); }).then(function () { search(input.value); }); }
  input.addEventListener("focus", load);
  input.addEventListener("input", run);
  form.addEventListener("submit", function (e) { e.preventDefault(); run(); });
  var q = params.get("q");
  if (q) { input.value = q; run(); }
})();
