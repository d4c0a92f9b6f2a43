// "Exit this page": leave at once for a neutral site, with the button or Shift pressed
// three times (as GOV.UK's component). location.replace keeps this page out of Back.
(function () {
  var target = "https://www.buienradar.nl/";
  function leave(e) {
    if (e) e.preventDefault();
    document.body.style.visibility = "hidden";
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
})();
