// The actor network: actors as circles (area ~ events), relations as lines (width ~ events,
// colour by relation, arrows for directed ones). The layout is computed before drawing (a fixed
// number of force-layout steps), so the same data always looks the same. Names are set with
// textContent; every actor links to its page. Drag to pan, scroll to zoom.
(function () {
  "use strict";
  var el = document.getElementById("network");
  if (!el || typeof d3 === "undefined") { return; }
  var KNOWN = ["attacked", "claimed", "denied", "met"];
  function relationClass(relation) { return "rel-" + (KNOWN.indexOf(relation) >= 0 ? relation : "other"); }
  function short(text, n) { return text.length > n ? text.slice(0, n - 1) + "…" : text; }

  function draw(data) {
    var nodes = data.nodes || [], edges = (data.edges || []).map(function (e) { return Object.assign({}, e); });
    el.setAttribute("data-loaded", String(nodes.length));
    el.setAttribute("data-edges", String(edges.length));
    if (!nodes.length) { return; }
    var width = Math.max(480, el.clientWidth), height = Math.max(420, Math.min(760, 140 + 34 * nodes.length));
    var radius = function (d) { return 7 + 4 * Math.sqrt(d.events); };
    var simulation = d3.forceSimulation(nodes)
      .force("link", d3.forceLink(edges).id(function (d) { return d.id; }).distance(150))
      .force("charge", d3.forceManyBody().strength(-500))
      .force("collide", d3.forceCollide(function (d) { return radius(d) + 24; }))
      .force("x", d3.forceX(width / 2).strength(0.06))
      .force("y", d3.forceY(height / 2).strength(0.1))
      .stop();
    for (var i = 0; i < 400; i += 1) { simulation.tick(); }
    var svg = d3.select(el).append("svg").attr("class", "network-svg").attr("viewBox", "0 0 " + width + " " + height)
      .attr("width", width).attr("height", height).attr("role", "img").attr("aria-label", "actor network");
    var defs = svg.append("defs");
    ["attacked", "claimed", "denied", "met", "other"].forEach(function (rel) {
      defs.append("marker").attr("id", "arrow-" + rel).attr("class", "rel-" + rel).attr("viewBox", "0 0 10 10")
        .attr("refX", 10).attr("refY", 5).attr("markerUnits", "userSpaceOnUse").attr("markerWidth", 12).attr("markerHeight", 12)
        .attr("orient", "auto-start-reverse")
        .append("path").attr("d", "M 0 0 L 10 5 L 0 10 z");
    });
    var world = svg.append("g");
    svg.call(d3.zoom().scaleExtent([0.3, 6]).on("zoom", function (event) { world.attr("transform", event.transform); }));
    var lines = world.append("g").selectAll("line").data(edges).join("line")
      .attr("class", function (d) { return "net-edge " + relationClass(d.relation); })
      .attr("stroke-width", function (d) { return 1.5 + 2 * Math.sqrt(d.events); })
      .attr("marker-end", function (d) { return d.directed ? "url(#arrow-" + relationClass(d.relation).slice(4) + ")" : null; });
    lines.append("title").text(function (d) {
      var parts = Object.keys(d.relations).map(function (r) { return r + " (" + d.relations[r] + ")"; });
      return d.source.name + " → " + d.target.name + ": " + parts.join(", ") + "; " + d.events + " event" + (d.events === 1 ? "" : "s");
    });
    // end each line at the edge of its target's circle, so that arrows stay visible
    lines.each(function (d) {
      var dx = d.target.x - d.source.x, dy = d.target.y - d.source.y, len = Math.sqrt(dx * dx + dy * dy) || 1;
      var cut = d.directed ? radius(d.target) + 3 : 0;
      d3.select(this).attr("x1", d.source.x).attr("y1", d.source.y)
        .attr("x2", d.target.x - dx / len * cut).attr("y2", d.target.y - dy / len * cut);
    });
    var node = world.append("g").selectAll("a").data(nodes).join("a")
      .attr("class", function (d) { return "net-node kind-" + (d.kind || "unknown"); })
      .attr("href", function (d) { return "/actors/" + encodeURIComponent(d.id); })
      .attr("transform", function (d) { return "translate(" + d.x + "," + d.y + ")"; });
    node.append("title").text(function (d) { return d.name + " · " + d.events + " event" + (d.events === 1 ? "" : "s"); });
    node.append("circle").attr("r", radius);
    node.append("text").attr("class", "net-label").attr("y", function (d) { return radius(d) + 14; }).attr("text-anchor", "middle")
      .text(function (d) { return short(d.name, 40); });
  }

  fetch(el.getAttribute("data-src"), { credentials: "same-origin" }).then(function (r) {
    if (!r.ok) { throw new Error("network: " + r.status); }
    return r.json();
  }).then(draw).catch(function (err) { el.setAttribute("data-error", String(err)); });
}());
