// The YASGUI editor on the query page, when its assets are installed (npm install --prefix web).
// Online features are off: no endpoint catalogue, no LOV/prefix.cc lookups, our own endpoint only.
(function () {
  var el = document.getElementById("yasgui");
  if (!el || !el.hasAttribute("data-enabled") || !window.Yasgui) return;
  var form = document.getElementById("sparql-form");
  var examples = JSON.parse(document.getElementById("voorbeelden-data").textContent);
  var start = document.getElementById("query").value;

  // YASGUI merges arrays index by index, so a shorter list in the config does not remove
  // the online completers: change the defaults, and switch them off on every tab as well.
  var ONLINE = ["prefixes", "property", "class"];
  if (Yasgui.Yasqe && Yasgui.Yasqe.defaults) {
    Yasgui.Yasqe.defaults.autocompleters = ["variables"];
    Yasgui.Yasqe.defaults.prefixCcApi = null;
  }
  var yasgui = new Yasgui(el, {
    requestConfig: { endpoint: el.dataset.endpoint, method: "POST" },
    copyEndpointOnNewTab: false,
    endpointCatalogueOptions: { getData: function () { return []; } },
    persistenceId: null,
    populateFromUrl: false,
    yasqe: { autocompleters: ["variables"], prefixCcApi: null, editorHeight: "320px" },
    yasr: { prefixes: {} }
  });
  function offline(tab) {
    var yasqe = tab && tab.getYasqe && tab.getYasqe();
    if (!yasqe) return;
    ONLINE.forEach(function (name) { yasqe.disableCompleter(name); });
    yasqe.config.autocompleters = ["variables"];
  }
  offline(yasgui.getTab());
  yasgui.on("tabSelect", function (instance, id) { offline(instance.getTab(id)); });
  yasgui.on("tabAdd", function (instance, id) { offline(instance.getTab(id)); });
  el.yasgui = yasgui;  // for the browser test, which checks the offline settings took effect
  var tab = yasgui.getTab();
  if (start) tab.setQuery(start);
  form.hidden = true;
  el.classList.add("actief");

  // The results scroll inside their own box (queries.css): reachable with the keyboard too.
  var results = el.querySelector(".yasr_results");
  if (results) {
    results.tabIndex = 0;
    results.setAttribute("role", "region");
    results.setAttribute("aria-label", el.dataset.resultatenLabel || "Resultaten");
  }

  // The address bar always holds the current query, so the URL can be shared.
  yasgui.on("query", function (instance, current) {
    history.replaceState(null, "", "?query=" + encodeURIComponent(current.getQuery()));
  });

  // Examples open in the editor; the link itself stays a shareable URL (/editor?query=…).
  document.querySelectorAll("a.voorbeeld").forEach(function (link) {
    link.addEventListener("click", function (event) {
      var found = examples.filter(function (e) { return e.naam === link.dataset.queryName; })[0];
      if (!found) return;
      event.preventDefault();
      yasgui.getTab().setQuery(found.tekst);
      history.replaceState(null, "", link.href);
    });
  });
})();
