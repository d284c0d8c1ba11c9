// Filters the registratie report table: verdict, failed requirement, text. No data leaves the page.
(function () {
  var oordeel = document.getElementById("filter-oordeel"),
      eis = document.getElementById("filter-eis"),
      tekst = document.getElementById("filter-tekst");
  function filter() {
    var rows = document.querySelectorAll("table.registratie-rapport tbody tr");
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i], show = true;
      if (oordeel.value && r.dataset.voldoet !== oordeel.value) show = false;
      if (eis.value && r.dataset.gefaald.indexOf(" " + eis.value + " ") < 0) show = false;
      if (tekst.value && r.dataset.tekst.indexOf(tekst.value.toLowerCase()) < 0) show = false;
      r.hidden = !show;
    }
  }
  oordeel.onchange = eis.onchange = filter;
  tekst.oninput = filter;
})();
