// "Exit this page": leave at once for a neutral site, with the button or Shift pressed
// three times (as GOV.UK's component). location.replace keeps this page out of Back.
// Inside the question flow, a step replaces the one before it in the history (the flow has
// its own Back link): the whole flow is one entry, so Back after exit does not land on
// "Ben je nu in gevaar?" or any other step.
(function () {
  "use strict";
  var target = "https://www.buienradar.nl/";
  function leave(e) {
    if (e) e.preventDefault();
    document.body.style.visibility = "hidden";
    document.title = "";
    window.location.replace(target);
  }
  var button = document.getElementById("exit");
  if (button) button.addEventListener("click", leave);
  var presses = 0, timer = null;
  document.addEventListener("keyup", function (e) {
    if (e.key !== "Shift") return;
    presses += 1;
    clearTimeout(timer);
    timer = setTimeout(function () { presses = 0; }, 1000);
    if (presses >= 3) leave();
  });
  var flow = /^\/[^/]+\/(?:[^/]+\/)?waar-kan-ik-terecht\//;
  if (!flow.test(location.pathname)) return;
  document.addEventListener("click", function (e) {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    var a = e.target.closest && e.target.closest("a[href]");
    if (!a || a.target || a.origin !== location.origin || !flow.test(a.pathname)) return;
    e.preventDefault();
    window.location.replace(a.href);
  });
})();
