// The curriculum form: the valid codes of the chosen profile stay open beside the form.
// Without this script every profile's codes are there to open by hand.
(function () {
  "use strict";
  var keuze = document.getElementById("profiel");
  if (!keuze || !keuze.dataset.codes) return;
  keuze.addEventListener("change", function () {
    document.querySelectorAll("details[data-profiel]").forEach(function (d) {
      d.open = d.dataset.profiel === keuze.value;
    });
  });
})();
