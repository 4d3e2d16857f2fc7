// Completion of actor names: as the user types in an input with data-complete, its datalist is
// refilled with the actors whose name or alias contains the words (most events first). The
// filter takes the name; the server resolves it to the actor's id. Options are set through
// their properties, never as markup.
(function () {
  "use strict";
  document.querySelectorAll("input[data-complete]").forEach(function (input) {
    var list = document.getElementById(input.getAttribute("list"));
    var url = input.getAttribute("data-complete");
    if (!list || !url) { return; }
    var timer = null, asked = "";
    function fill(items) {
      while (list.firstChild) { list.removeChild(list.firstChild); }
      items.forEach(function (item) {
        var option = document.createElement("option");
        option.value = item.name;
        option.label = (item.kind ? item.kind.replace("_", " ") + " · " : "") + item.events + " event" + (item.events === 1 ? "" : "s");
        option.setAttribute("data-id", item.id);
        list.appendChild(option);
      });
      input.setAttribute("data-suggested", String(items.length));
    }
    input.addEventListener("input", function () {
      var words = input.value.trim();
      clearTimeout(timer);
      if (words.length < 2 || words === asked) { return; }
      timer = setTimeout(function () {
        asked = words;
        fetch(url + "?limit=12&q=" + encodeURIComponent(words), { credentials: "same-origin" })
          .then(function (r) { return r.ok ? r.json() : { items: [] }; })
          .then(function (data) { if (asked === words) { fill(data.items || []); } })
          .catch(function () { /* completion is a convenience: the typed name still filters */ });
      }, 150);
    });
  });
}());
