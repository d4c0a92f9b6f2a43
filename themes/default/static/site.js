// Progressive enhancement for service pages: "open now" in Amsterdam time, share and
// print buttons. The page is complete without this script.
(function () {
  "use strict";
  var el = document.querySelector(".open-now[data-hours]");
  if (el) {
    try { openNow(el, JSON.parse(el.getAttribute("data-hours"))); } catch (e) { /* leave hidden */ }
  }
  var tools = document.querySelector(".tools");
  if (tools) {
    tools.hidden = false;
    var share = tools.querySelector(".share");
    var print = tools.querySelector(".print");
    if (print) print.addEventListener("click", function () { window.print(); });
    if (share) share.addEventListener("click", function () {
      var data = { title: document.title, url: location.href };
      if (navigator.share) { navigator.share(data).catch(function () {}); return; }
      if (navigator.clipboard) {
        navigator.clipboard.writeText(location.href).then(function () {
          share.textContent = share.getAttribute("data-done") || share.textContent;
        });
      }
    });
  }

 // "Copy as text": the plain text is on the page already; the button copies it.
  Array.prototype.forEach.call(document.querySelectorAll(".astext .copy"), function (b) {
    if (!navigator.clipboard) return;
    b.hidden = false;
    b.addEventListener("click", function () {
      var pre = b.parentNode.querySelector(".sms");
      navigator.clipboard.writeText(pre.textContent).then(function () { b.textContent = b.getAttribute("data-done"); });
    });
  });

  // Date parts of "now" in Europe/Amsterdam, whatever the phone's own time zone.
  function amsterdam(d) {
    var parts = {};
    new Intl.DateTimeFormat("en-GB", {
      timeZone: "Europe/Amsterdam", year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", hourCycle: "h23", weekday: "short"
    }).formatToParts(d).forEach(function (p) { parts[p.type] = p.value; });
    var days = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };
    return {
      date: parts.year + "-" + parts.month + "-" + parts.day,
      day: days[parts.weekday],
      min: parseInt(parts.hour, 10) * 60 + parseInt(parts.minute, 10)
    };
  }
  function spansOn(h, date, day) {
    return Object.prototype.hasOwnProperty.call(h.ex, date) ? h.ex[date] : h.week[day];
  }
  function first(spans) {
    return spans.map(function (s) { return s[0]; }).sort(function (a, b) { return a - b; })[0];
  }
  function hhmm(m) { m = m % 1440; return ("0" + Math.floor(m / 60)).slice(-2) + ":" + ("0" + (m % 60)).slice(-2); }
  function openNow(el, h) {
    var now = new Date();
    var t = amsterdam(now);
    var y = amsterdam(new Date(now.getTime() - 864e5));
    var text = el.getAttribute("data-closed");
    if (h.always) {
      text = el.getAttribute("data-open");
    } else {
      var today = spansOn(h, t.date, t.day) || [];
      var yesterday = spansOn(h, y.date, y.day) || [];
      var open = null;
      yesterday.forEach(function (s) { if (s[1] < s[0] && t.min < s[1]) open = s[1]; });
      today.forEach(function (s) {
        var overnight = s[1] < s[0];
        if (t.min >= s[0] && (overnight || t.min < s[1])) open = s[1];
      });
      if (open !== null) {
        text = el.getAttribute("data-until").replace("{time}", hhmm(open));
      } else {
        var next = first(today.filter(function (s) { return s[0] > t.min; }));
        if (next !== undefined) {
          text = el.getAttribute("data-opens").replace("{time}", hhmm(next));
        } else {
          // Closed for the rest of today: say when it opens next, within a week.
          for (var k = 1; k <= 7; k++) {
            var when = new Date(now.getTime() + k * 864e5);
            var d = amsterdam(when);
            var opens = first(spansOn(h, d.date, d.day) || []);
            if (opens === undefined) continue;
            var say = el.getAttribute(k === 1 ? "data-tomorrow" : "data-on");
            if (!say) break; // a theme without these texts: "closed now" only
            var day = new Intl.DateTimeFormat(document.documentElement.lang, { weekday: "long", timeZone: "Europe/Amsterdam" }).format(when);
            text = say.replace("{day}", day).replace("{time}", hhmm(opens));
            break;
          }
        }
      }
    }
    el.textContent = text;
    el.hidden = false;
  }
})();
