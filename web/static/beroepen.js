// Search box autocomplete: asks /zoek.json as you type; plain form search works without it.
(function () {
  var input = document.getElementById("zoekveld");
  var list = document.getElementById("suggesties");
  if (!input || !list || !window.fetch) return;
  var timer = null, active = -1;
  var lang = new URLSearchParams(location.search).get("lang");

  function close() { list.hidden = true; list.textContent = ""; active = -1; }

  function show(results) {
    list.textContent = "";
    results.forEach(function (r) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = (r.pad ? "/id/" + r.pad : r.iri) + (lang === "en" ? "?lang=en" : "");
      if (r.notatie) {
        var code = document.createElement("span");
        code.className = "notatie";
        code.textContent = r.notatie;
        a.appendChild(code);
        a.appendChild(document.createTextNode(" "));
      }
      a.appendChild(document.createTextNode(r.label));
      var kind = document.createElement("span");
      kind.className = "soort";
      kind.textContent = " " + r.soort;
      a.appendChild(kind);
      li.appendChild(a);
      list.appendChild(li);
    });
    list.hidden = results.length === 0;
    active = -1;
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    var q = input.value.trim();
    if (!q) { close(); return; }
    timer = setTimeout(function () {
      var url = input.dataset.suggest + "?limit=8&q=" + encodeURIComponent(q) + (lang === "en" ? "&lang=en" : "");
      fetch(url).then(function (r) { return r.json(); })
        .then(function (data) { if (input.value.trim() === q) show(data.resultaten || []); })
        .catch(close);
    }, 150);
  });

  input.addEventListener("keydown", function (e) {
    var links = list.querySelectorAll("a");
    if (!links.length) return;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      active = (active + (e.key === "ArrowDown" ? 1 : -1) + links.length) % links.length;
      links.forEach(function (l, i) { l.classList.toggle("actief", i === active); });
    } else if (e.key === "Enter" && active >= 0) {
      e.preventDefault();
      location.href = links[active].href;
    } else if (e.key === "Escape") { close(); }
  });
  document.addEventListener("click", function (e) { if (!list.contains(e.target) && e.target !== input) close(); });
})();
