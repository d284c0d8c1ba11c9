// Filters the registratie report table: verdict, failed requirement, text. No data leaves the
// page. A static file (the app's CSP allows no inline script); without it the whole report shows.
(function () {
  "use strict";
  var oordeel = document.getElementById("filter-oordeel"),
      eis = document.getElementById("filter-eis"),
      tekst = document.getElementById("filter-tekst"),
      aantal = document.getElementById("filter-aantal");
  if (!oordeel || !eis || !tekst) return;

  function filter() {
    var rows = document.querySelectorAll("table.registratie-rapport tbody tr"),
        zoek = tekst.value.trim().toLowerCase(), getoond = 0;
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i], show = true;
      if (oordeel.value && r.dataset.voldoet !== oordeel.value) show = false;
      if (eis.value && r.dataset.gefaald.indexOf(" " + eis.value + " ") < 0) show = false;
      if (zoek && r.dataset.tekst.indexOf(zoek) < 0) show = false;
      r.hidden = !show;
      if (show) getoond++;
    }
    if (aantal) {
      aantal.textContent = (aantal.dataset.sjabloon || "{n} / {totaal}")
        .replace("{n}", getoond).replace("{totaal}", rows.length);
    }
  }

  oordeel.addEventListener("change", filter);
  eis.addEventListener("change", filter);
  tekst.addEventListener("input", filter);
  // Enter filters; it never submits a form (which would throw the report away).
  tekst.addEventListener("keydown", function (event) {
    if (event.key === "Enter") { event.preventDefault(); filter(); }
  });
  filter();   // values the browser restored (back button) apply at once
})();
