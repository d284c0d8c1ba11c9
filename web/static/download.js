// Report downloads built in the browser from the page itself: nothing goes back to the server
// and nothing is written there (a report holds personal data). Any page may use it:
//
//   <script type="application/json" id="rapport-data">{the report's JSON}</script>
//   <button type="button" data-download="json|csv|html" data-bestand="naam">…</button>
//
// json: the report JSON (the id in the button's data-bron, default "rapport-data").
// csv:  the rows of <script type="application/json" id="rapport-csv"> ([header, row, …]), else
//       the first <table data-csv> of the report, else the JSON when it is an array of objects.
// html: a standalone copy of the report (the button's closest [data-rapport], else its
//       section) with the page's styles inlined, every row shown, without buttons, filters and
//       scripts ([data-download], [data-niet-in-download], script).
(function () {
  "use strict";

  var TYPES = {json: "application/json", csv: "text/csv", html: "text/html"};

  function leesJson(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }

  function rapportVan(knop) {
    return knop.closest("[data-rapport]") || knop.closest("section") || document.querySelector("main") || document.body;
  }

  function csvCel(waarde) {
    var tekst = waarde === null || waarde === undefined ? "" :
      typeof waarde === "object" ? JSON.stringify(waarde) : String(waarde);
    return /[",\r\n]/.test(tekst) ? '"' + tekst.replace(/"/g, '""') + '"' : tekst;
  }

  function csvRegels(rijen) {
    return rijen.map(function (rij) { return rij.map(csvCel).join(","); }).join("\n") + "\n";
  }

  function tabelRijen(tabel) {
    return Array.prototype.map.call(tabel.rows, function (tr) {
      return Array.prototype.map.call(tr.cells, function (cel) {
        return cel.textContent.replace(/\s+/g, " ").trim();
      });
    });
  }

  function jsonRijen(data) {
    if (!Array.isArray(data)) return null;
    var kolommen = [];
    data.forEach(function (rij) {
      Object.keys(rij || {}).forEach(function (k) { if (kolommen.indexOf(k) < 0) kolommen.push(k); });
    });
    return [kolommen].concat(data.map(function (rij) {
      return kolommen.map(function (k) { return rij ? rij[k] : null; });
    }));
  }

  function csv(knop) {
    var rijen = leesJson(knop.dataset.csvBron || "rapport-csv");
    if (!rijen) {
      var tabel = rapportVan(knop).querySelector("table[data-csv]") || document.querySelector("table[data-csv]");
      rijen = tabel ? tabelRijen(tabel) : jsonRijen(leesJson(knop.dataset.bron || "rapport-data"));
    }
    if (!rijen) throw new Error("download.js: geen rapport-csv, table[data-csv] of JSON-rijen op deze pagina");
    return csvRegels(rijen);
  }

  function stijlen() {
    var regels = [];
    Array.prototype.forEach.call(document.styleSheets, function (blad) {
      try {
        Array.prototype.forEach.call(blad.cssRules, function (r) { regels.push(r.cssText); });
      } catch (e) { /* a sheet of another origin: its rules cannot be read */ }
    });
    return regels.join("\n").replace(/<\/style/gi, "<\\/style");
  }

  function escape(tekst) {
    return tekst.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  function html(knop) {
    var kopie = rapportVan(knop).cloneNode(true);
    kopie.querySelectorAll("[data-download], [data-niet-in-download], script").forEach(function (el) { el.remove(); });
    kopie.querySelectorAll("tr[hidden]").forEach(function (tr) { tr.hidden = false; });
    var taal = document.documentElement.lang || "nl";
    return "<!doctype html>\n<html lang=\"" + escape(taal) + "\">\n<head>\n<meta charset=\"utf-8\">\n" +
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n" +
      "<title>" + escape(document.title) + "</title>\n<style>\n" + stijlen() + "\n</style>\n</head>\n" +
      "<body>\n<main>\n" + kopie.outerHTML + "\n</main>\n</body>\n</html>\n";
  }

  function json(knop) {
    var data = leesJson(knop.dataset.bron || "rapport-data");
    if (data === null) throw new Error("download.js: geen #" + (knop.dataset.bron || "rapport-data") + " op deze pagina");
    return JSON.stringify(data, null, 2) + "\n";
  }

  function bewaar(inhoud, soort, naam) {
    var url = URL.createObjectURL(new Blob([inhoud], {type: TYPES[soort] + ";charset=utf-8"}));
    var a = document.createElement("a");
    a.href = url;
    a.download = naam;
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }

  var MAKERS = {json: json, csv: csv, html: html};

  document.addEventListener("click", function (event) {
    var knop = event.target.closest && event.target.closest("button[data-download]");
    if (!knop || !MAKERS[knop.dataset.download]) return;
    event.preventDefault();
    var soort = knop.dataset.download;
    var naam = knop.dataset.bestand || "rapport";
    if (naam.slice(-(soort.length + 1)) !== "." + soort) naam += "." + soort;
    bewaar(MAKERS[soort](knop), soort, naam);
  });
})();
