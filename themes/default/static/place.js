// Type-ahead for the place picker: typing part of a name hides the other municipalities.
// Without a script the letter links and the A-Z list do the same job.
(function () {
  "use strict";
  var picker = document.querySelector("[data-picker]");
  if (!picker) return;
  var box = picker.querySelector(".filter"), input = picker.querySelector("input");
  var none = picker.querySelector(".none"), letters = picker.querySelector(".letters");
  var sections = picker.querySelectorAll("section.letter");
  function fold(s) {
    return s.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[^a-z0-9]/g, "");
  }
  box.hidden = false;
  input.addEventListener("input", function () {
    var q = fold(input.value), shown = 0;
    sections.forEach(function (s) {
      var any = false;
      s.querySelectorAll("li").forEach(function (li) {
        var hit = fold(li.textContent).indexOf(q) !== -1;
        li.hidden = !hit;
        if (hit) any = true;
      });
      s.hidden = !any;
      if (any) shown += 1;
    });
    letters.hidden = q !== "";
    none.hidden = shown > 0;
  });
})();
