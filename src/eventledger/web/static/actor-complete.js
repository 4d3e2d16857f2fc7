// Completion of actor names: as the user types in an input with data-complete, a list of the
// actors whose name or alias contains the words (most events first) opens under it; a click,
// or the arrow keys and Enter, puts the name in the field. The filter takes the name; the server
// resolves it to the actor's id. Without this script the field's datalist (the busiest actors)
// still completes. Names are set with textContent, never as markup.
(function () {
  "use strict";
  document.querySelectorAll("input[data-complete]").forEach(function (input) {
    var url = input.getAttribute("data-complete");
    var box = document.createElement("ul");
    box.className = "suggest";
    box.id = (input.id || input.name) + "-suggestions";
    box.setAttribute("role", "listbox");
    box.hidden = true;
    input.parentNode.appendChild(box);
    input.removeAttribute("list");  // the list below replaces the browser's datalist popup
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-controls", box.id);
    input.setAttribute("aria-expanded", "false");
    var timer = null, asked = "", active = -1;

    function close() { box.hidden = true; active = -1; input.setAttribute("aria-expanded", "false"); }
    function choose(li) { input.value = li.getAttribute("data-name"); close(); input.focus(); }
    function highlight(index) {
      var items = box.querySelectorAll("li");
      if (!items.length) { return; }
      active = (index + items.length) % items.length;
      items.forEach(function (li, i) { li.setAttribute("aria-selected", i === active ? "true" : "false"); });
    }
    function fill(items) {
      while (box.firstChild) { box.removeChild(box.firstChild); }
      items.forEach(function (item) {
        var li = document.createElement("li");
        li.setAttribute("role", "option");
        li.setAttribute("data-id", item.id);
        li.setAttribute("data-name", item.name);
        var name = document.createElement("span");
        name.textContent = item.name;
        var meta = document.createElement("small");
        meta.textContent = (item.kind ? item.kind.replace("_", " ") + " · " : "") + item.events + " event" + (item.events === 1 ? "" : "s");
        li.appendChild(name);
        li.appendChild(meta);
        li.addEventListener("mousedown", function (e) { e.preventDefault(); choose(li); });
        box.appendChild(li);
      });
      input.setAttribute("data-suggested", String(items.length));
      box.hidden = !items.length;
      input.setAttribute("aria-expanded", items.length ? "true" : "false");
      active = -1;
    }
    input.addEventListener("input", function () {
      var words = input.value.trim();
      clearTimeout(timer);
      if (words.length < 2) { close(); return; }
      timer = setTimeout(function () {
        asked = words;
        fetch(url + "?limit=12&q=" + encodeURIComponent(words), { credentials: "same-origin" })
          .then(function (r) { return r.ok ? r.json() : { items: [] }; })
          .then(function (data) { if (asked === words) { fill(data.items || []); } })
          .catch(function () { /* completion is a convenience: the typed name still filters */ });
      }, 150);
    });
    input.addEventListener("keydown", function (e) {
      if (box.hidden) { return; }
      if (e.key === "ArrowDown" || e.key === "ArrowUp") { e.preventDefault(); highlight(active + (e.key === "ArrowDown" ? 1 : -1)); }
      else if (e.key === "Enter" && active >= 0) { e.preventDefault(); choose(box.querySelectorAll("li")[active]); }
      else if (e.key === "Escape") { close(); }
    });
    input.addEventListener("blur", close);
  });
}());
