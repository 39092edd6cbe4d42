// netvaerk: the field on the list of groups (site/index.html) that narrows the list as you type. Without
// this script the field stays hidden and the whole list shows.
(function () {
  "use strict";
  var find = document.getElementById("nv-find");
  var field = document.getElementById("nv-soeg");
  var count = document.getElementById("nv-antal");
  if (!find || !field || !count) return;
  // Case, accents and the Danish letters written out (å as aa, æ as ae, ø as oe) do not matter.
  function fold(text) {
    return text.toLowerCase().replace(/å/g, "aa").replace(/æ/g, "ae").replace(/ø/g, "oe")
      .normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }
  var rows = Array.prototype.map.call(document.querySelectorAll("#nv-grupper > li"), function (li) {
    var town = li.querySelector(".nv-by");
    return { li: li, text: fold(li.querySelector(".nv-name").textContent + " " + (town ? town.textContent : "")) };
  });
  function narrow() {
    // Every word typed must be found in the group's name or town.
    var words = fold(field.value).split(/\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (row) {
      var match = words.every(function (word) { return row.text.indexOf(word) !== -1; });
      row.li.hidden = !match;
      if (match) shown += 1;
    });
    count.textContent = !words.length ? "" : shown === 0 ? "Ingen grupper passer." : shown === 1 ? "1 gruppe passer." : shown + " grupper passer.";
  }
  field.addEventListener("input", narrow);
  find.hidden = false;
  if (field.value) narrow();
})();
