// The search box as an ARIA combobox (WAI-ARIA APG, combobox with listbox popup): suggestions
// from /zoek.json as you type; Down/Up move through them, Enter opens the active one (without
// one, Enter searches), Escape closes the list. Without script the form still searches.
(function () {
  var input = document.getElementById("zoekveld");
  var list = document.getElementById("suggesties");
  var status = document.getElementById("zoekstatus");
  if (!input || !list || !window.fetch) return;
  var timer = null, active = -1, asked = "";
  var english = document.documentElement.lang === "en";

  function options() { return list.querySelectorAll("[role=option]"); }

  function setActive(index) {
    var all = options();
    active = index;
    all.forEach(function (o, i) { o.setAttribute("aria-selected", i === index ? "true" : "false"); });
    if (index >= 0) {
      input.setAttribute("aria-activedescendant", all[index].id);
      all[index].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function close() {
    asked = "";
    list.hidden = true;
    list.textContent = "";
    input.setAttribute("aria-expanded", "false");
    setActive(-1);
  }

  function option(r, i) {
    var a = document.createElement("a");
    a.setAttribute("role", "option");
    a.id = "suggestie-" + i;
    a.tabIndex = -1;
    a.href = (r.pad ? input.dataset.resource + r.pad : r.iri) + (english ? "?lang=en" : "");
    if (r.notatie) {
      var code = document.createElement("span");
      code.className = "notatie";
      code.textContent = r.notatie;
      a.appendChild(code);
      a.appendChild(document.createTextNode(" "));
    }
    var label = document.createElement("span");
    label.textContent = r.label;
    // a name in another language than the page (a Dutch name without English) says so
    if (r.taal && r.taal !== document.documentElement.lang) label.lang = r.taal;
    a.appendChild(label);
    var kind = document.createElement("span");
    kind.className = "soort";
    kind.textContent = " " + r.soort;
    a.appendChild(kind);
    // mousedown, not click: the input keeps focus until the link is followed
    a.addEventListener("mousedown", function (e) { e.preventDefault(); });
    a.addEventListener("click", function () { close(); });
    return a;
  }

  function show(results) {
    list.textContent = "";
    results.forEach(function (r, i) { list.appendChild(option(r, i)); });
    list.hidden = results.length === 0;
    input.setAttribute("aria-expanded", results.length ? "true" : "false");
    setActive(-1);
    if (status) {
      status.textContent = results.length === 1 ? status.dataset.een
        : results.length + " " + status.dataset.meer;
    }
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    var q = input.value.trim();
    if (!q) { close(); return; }
    timer = setTimeout(function () {
      asked = q;
      var url = input.dataset.suggest + "?limit=8&q=" + encodeURIComponent(q) + (english ? "&lang=en" : "");
      // only the answer to the latest question, and none after Escape (close() forgets it)
      fetch(url).then(function (r) { return r.json(); })
        .then(function (data) { if (asked === q && input.value.trim() === q) show(data.resultaten || []); })
        .catch(close);
    }, 150);
  });

  input.addEventListener("keydown", function (e) {
    var all = options();
    if (e.key === "Escape") {
      if (!list.hidden) { e.preventDefault(); close(); }
      return;
    }
    if (!all.length) return;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      var step = e.key === "ArrowDown" ? 1 : -1;
      setActive(active < 0 && step < 0 ? all.length - 1 : (active + step + all.length) % all.length);
    } else if (e.key === "Enter" && active >= 0) {
      e.preventDefault();
      location.href = all[active].href;
    }
  });
  input.addEventListener("blur", function () { setTimeout(close, 150); });
})();

// Printing shows every folded part: <details> open while printing, as they were after.
(function () {
  var opened = [];
  window.addEventListener("beforeprint", function () {
    opened = Array.prototype.filter.call(document.querySelectorAll("details:not([open])"),
      function (d) { d.open = true; return true; });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });
})();
