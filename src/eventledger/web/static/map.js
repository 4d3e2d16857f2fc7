// The overview map: vendored country outlines, optional basemap tiles, and event circles whose
// area grows with the number killed. Popups are built with textContent, never innerHTML, so
// place names from articles cannot inject markup.
(function () {
  "use strict";
  var el = document.getElementById("map");
  if (!el || typeof L === "undefined") { return; }
  var map = L.map(el, { worldCopyJump: true, attributionControl: true }).fitBounds([[29.0, 38.8], [37.4, 48.6]]);  // Iraq
  var tiles = el.getAttribute("data-tiles");
  if (tiles) {
    L.tileLayer(tiles, { maxZoom: 18, attribution: "basemap tiles" }).addTo(map);
  }
  var outline = { color: "#5b6b7b", weight: 1, fillColor: "#e9eef3", fillOpacity: tiles ? 0 : 1 };
  var iraq = { color: "#17324d", weight: 2, fillColor: "#f6f1e3", fillOpacity: tiles ? 0 : 1 };
  function load(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) { throw new Error(url + ": " + r.status); }
      return r.json();
    });
  }
  function popup(p) {
    var box = document.createElement("div");
    var title = document.createElement("strong");
    title.textContent = p.place || p.admin1 || "unnamed place";
    box.appendChild(title);
    var line = document.createElement("div");
    line.textContent = p.events + " events, " + p.killed + " killed, " + p.wounded + " wounded";
    box.appendChild(line);
    var link = document.createElement("a");
    link.href = "/events/" + encodeURIComponent(p.example_id);
    link.textContent = "an event here";
    box.appendChild(link);
    return box;
  }
  load("/static/geo/world-110m.geojson").then(function (world) {
    L.geoJSON(world, {
      style: outline,
      filter: function (f) { return ["368", "364", "760", "792", "682", "400", "414"].indexOf(String(f.properties.id)) < 0; }
    }).addTo(map);
    return load("/static/geo/region-50m.geojson");
  }).then(function (region) {
    L.geoJSON(region, { style: function (f) { return String(f.properties.id) === "368" ? iraq : outline; } }).addTo(map);
    return load(el.getAttribute("data-points"));
  }).then(function (points) {
    var layer = L.geoJSON(points, {
      pointToLayer: function (feature, latlng) {
        var p = feature.properties;
        return L.circleMarker(latlng, {
          radius: 4 + 2.2 * Math.sqrt(p.killed || 0),
          color: "#8a1c1c", weight: 1, fillColor: "#d55e00", fillOpacity: 0.55
        }).bindPopup(popup(p));
      }
    }).addTo(map);
    el.setAttribute("data-loaded", String(points.features.length));
  }).catch(function (err) {
    el.setAttribute("data-error", String(err));
  });
}());
