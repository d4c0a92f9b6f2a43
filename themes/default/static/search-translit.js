// Place names typed in Cyrillic or Arabic script, for search.js, which loads this file only
// when a query has such letters (so the search page stays within its first-load budget).
// The index has the Dutch spelling only, so a word in Cyrillic is spelled out in Latin
// letters the way Ukrainian and Russian write Dutch names (х is the Dutch ch, г the Dutch
// g: Дордрехт → dordrecht, Гронінген → groningen) and matched with the usual typo
// tolerance. Arabic script leaves most vowels out and has no p, v or Dutch g, so an Arabic
// word and a Dutch name are compared by their consonants, in classes that Arabic spellings
// of Dutch names share (أمستردام and Amsterdam are both MSTRDM, خرونينغن and Groningen
// XRNXN). search.js uses it for place names only: it gets a function from a word to the
// Latin word of a place's name.
window.onderdakTranslit = function (distance, allowed) {
  "use strict";
  var CYRILLIC = { "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "є": "je", "ж": "zj", "з": "z",
    "и": "i", "і": "i", "ї": "ji", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "ch", "ц": "ts", "ч": "tsj", "ш": "sj", "щ": "sjtsj", "ь": "",
    "ъ": "", "ю": "ju", "я": "ja", "ы": "i", "э": "e", "ё": "jo", "'": "" };
  var CONSONANT = {};
  [["بپ", "B"], ["تط", "T"], ["ثسصش", "S"], ["جخغقگ", "X"], ["ك", "K"], ["حه", "H"], ["دذض", "D"], ["ر", "R"],
    ["زظ", "Z"], ["فڤ", "F"], ["ل", "L"], ["م", "M"], ["ن", "N"],
    ["bp", "B"], ["t", "T"], ["d", "D"], ["s", "S"], ["z", "Z"], ["G", "X"], ["k", "K"], ["h", "H"], ["fvw", "F"],
    ["l", "L"], ["m", "M"], ["n", "N"], ["r", "R"]].forEach(function (c) {
    c[0].split("").forEach(function (ch) { CONSONANT[ch] = c[1]; });
  });
  function consonants(w) {
    var out = "";
    for (var i = 0; i < w.length; i++) out += CONSONANT[w[i]] || "";
    return out.replace(/(.)\1+/g, "$1"); // no doubled letters in Arabic script
  }
  var latinSkeletons = {};
  function latinSkeleton(w) {
    if (latinSkeletons[w] === undefined) {
      latinSkeletons[w] = consonants(w.replace(/x/g, "ks").replace(/ph/g, "f").replace(/th/g, "t").replace(/sch/g, "sG")
        .replace(/ch|gh|g/g, "G").replace(/ck|q/g, "k").replace(/c(?=[eiy])/g, "s").replace(/c/g, "k"));
    }
    return latinSkeletons[w];
  }
  function arabicSkeletons(w) {
    // Hamza and vowel marks out; a final ه is the Dutch final e (زفوله: Zwolle).
    w = w.replace(/[\u064b-\u065f\u0670]/g, "").replace(/ه$/, "");
    var out = [consonants(w)];
    if (w.indexOf("ال") === 0 && w.length > 4) out.push(consonants(w.slice(2))); // al- "the", or Almere
    return out.filter(function (sk) { return sk.length >= 2; });
  }
  function script(w) {
    if (/[\u0400-\u04ff]/.test(w)) {
      var lat = w.split("").map(function (c) { return CYRILLIC[c] !== undefined ? CYRILLIC[c] : c; }).join("");
      if (/^[a-z'-]+$/.test(lat) && lat.length >= 3) return { lat: lat };
    } else if (/[\u0600-\u06ff]/.test(w)) {
      var sk = arabicSkeletons(w);
      if (sk.length) return { sk: sk };
    }
    return null;
  }
  // How well a word typed in another script matches a Latin word of a place's name, as
  // `score` does: 3 the same, 2 its start, 1 within the typos allowed.
  function scriptScore(q, token) {
    if (/[^a-z0-9'-]/.test(token)) return 0;
    if (q.lat) {
      var l = q.lat;
      if (token === l) return 3;
      if (l.length >= 4 && token.indexOf(l) === 0) return 2;
      return allowed(l) && distance(l, token, allowed(l)) <= allowed(l) ? 1 : 0;
    }
    var t = latinSkeleton(token), s = 0;
    q.sk.forEach(function (sk) {
      if (sk === t) s = 3;
      else if (sk.length >= 3 && t.indexOf(sk) === 0) s = Math.max(s, 2);
      else if (sk.length >= 5 && distance(sk, t, 1) <= 1) s = Math.max(s, 1);
    });
    return s;
  }
  // The Latin word of a place's name that `w`, typed in Cyrillic or Arabic script, stands
  // for: the best match among the names in the main index, if any. Not for a word of the
  // site's own texts (`vocab`): "مبيت" (a place to sleep) or "нічліг" must stay a need.
  return function (w, index, vocab) {
    var q = script(w);
    if (!q || vocab[w]) return null;
    var top = 0, tok = null;
    index.forEach(function (it) {
      if (!it.r) return;
      it.tt.forEach(function (t) { var x = scriptScore(q, t); if (x > top) { top = x; tok = t; } });
    });
    return tok;
  };
};
