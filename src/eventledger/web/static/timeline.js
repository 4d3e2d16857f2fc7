// The timeline: the events of a filter (or a story) on a time axis, one lane per kind of event,
// zoomable (scroll, drag, or the buttons) and every mark a link to its event's page. The axis
// comes from the server, which leaves outliers (a misread year) off it and lists them under the
// chart. Text from articles is set with textContent or as attribute values, never as markup.
(function () {
  "use strict";
  var el = document.getElementById("timeline");
  if (!el || typeof d3 === "undefined") { return; }
  var COLOURS = ["#d55e00", "#0072b2", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#999999", "#f0e442"];
  var LANE = 46, LEFT = 96, RIGHT = 16, TOP = 8, BOTTOM = 28;
  var DAY = 864e5;

  // ticks name their year whatever the zoom: "2021", "Mar 2021", "14 Mar"
  var YEAR = d3.utcFormat("%Y"), MONTH = d3.utcFormat("%b %Y"), DATE = d3.utcFormat("%-d %b");
  function tick(d) { return d.getUTCDate() !== 1 ? DATE(d) : d.getUTCMonth() !== 0 ? MONTH(d) : YEAR(d); }
  function day(iso) { var p = iso.split("-"); return new Date(Date.UTC(+p[0], +p[1] - 1, +p[2])); }

  function draw(data) {
    var items = data.items || [];
    el.setAttribute("data-loaded", String(items.length));
    if (!data.domain || !items.length) { return; }
    var counts = d3.rollup(items, function (v) { return v.length; }, function (d) { return d.kind; });
    var kinds = Array.from(counts.keys()).sort(function (a, b) { return counts.get(b) - counts.get(a) || (a < b ? -1 : 1); });
    var width = Math.max(480, el.clientWidth), height = TOP + BOTTOM + LANE * kinds.length;
    var start = day(data.domain.start), end = new Date(day(data.domain.end).getTime() + DAY);
    var pad = Math.max(DAY, (end - start) * 0.03);
    var x = d3.scaleUtc().domain([new Date(start - pad), new Date(end.getTime() + pad)]).range([LEFT, width - RIGHT]);
    var lane = d3.scaleBand().domain(kinds).range([TOP, height - BOTTOM]).paddingInner(0.12);
    var colour = d3.scaleOrdinal().domain(kinds).range(COLOURS);

    var svg = d3.select(el).append("svg").attr("class", "timeline-svg").attr("viewBox", "0 0 " + width + " " + height)
      .attr("width", width).attr("height", height).attr("role", "img").attr("aria-label", "timeline of events");
    var clipId = "timeline-clip";
    svg.append("clipPath").attr("id", clipId).append("rect").attr("x", LEFT).attr("y", 0).attr("width", width - LEFT - RIGHT).attr("height", height);
    svg.append("g").selectAll("rect").data(kinds).join("rect").attr("class", "lane")
      .attr("x", LEFT).attr("width", width - LEFT - RIGHT).attr("y", function (k) { return lane(k); }).attr("height", lane.bandwidth());
    svg.append("g").selectAll("text").data(kinds).join("text").attr("class", "lane-label")
      .attr("x", LEFT - 8).attr("y", function (k) { return lane(k) + lane.bandwidth() / 2 + 4; }).attr("text-anchor", "end")
      .text(function (k) { return k + " (" + counts.get(k) + ")"; });
    var axis = svg.append("g").attr("class", "axis").attr("transform", "translate(0," + (height - BOTTOM) + ")");
    var plot = svg.append("g").attr("clip-path", "url(#" + clipId + ")");
    // items of one lane sharing a day are spread over three rows so that none hides another
    var seen = {};
    items.forEach(function (d) {
      var key = d.kind + "|" + d.start;
      d.row = (seen[key] = (seen[key] || 0) + 1) - 1;
    });
    var marks = plot.selectAll("a").data(items).join("a")
      .attr("class", "tl-event").attr("href", function (d) { return "/events/" + encodeURIComponent(d.id); })
      .attr("data-id", function (d) { return d.id; });
    marks.append("title").text(function (d) {
      var parts = [d.date, d.label];
      if (d.place) { parts.push(d.place); }
      if (d.killed !== null && d.killed !== undefined) { parts.push(d.killed + " killed"); }
      return parts.join(" · ");
    });
    marks.filter(function (d) { return d.start !== d.end; }).append("rect").attr("class", "tl-span")
      .attr("height", 10).attr("fill", function (d) { return colour(d.kind); });
    marks.append("circle").attr("r", 6).attr("fill", function (d) { return colour(d.kind); });
    var yOf = function (d) { return lane(d.kind) + lane.bandwidth() / 2 + ((d.row % 3) - 1) * 11; };

    function place(scale) {
      axis.call(d3.axisBottom(scale).ticks(Math.max(2, Math.floor(width / 110))).tickFormat(tick).tickSizeOuter(0));
      marks.select("circle").attr("cx", function (d) { return scale((day(d.start).getTime() + day(d.end).getTime() + DAY) / 2); })
        .attr("cy", yOf);
      marks.select("rect.tl-span").attr("x", function (d) { return scale(day(d.start)); })
        .attr("width", function (d) { return Math.max(2, scale(new Date(day(d.end).getTime() + DAY)) - scale(day(d.start))); })
        .attr("y", function (d) { return yOf(d) - 5; });
    }
    var zoom = d3.zoom().scaleExtent([1, 2000])
      .extent([[LEFT, 0], [width - RIGHT, height]]).translateExtent([[LEFT, 0], [width - RIGHT, height]])
      .on("zoom", function (event) {
        place(event.transform.rescaleX(x));
        el.setAttribute("data-zoom", event.transform.k.toFixed(2));
      });
    svg.call(zoom);
    place(x);
    el.querySelectorAll("button[data-zoom]").forEach(function (button) {
      button.addEventListener("click", function () {
        var how = button.getAttribute("data-zoom");
        if (how === "reset") { svg.call(zoom.transform, d3.zoomIdentity); }
        else { svg.call(zoom.scaleBy, how === "in" ? 2 : 0.5); }
      });
    });
  }

  var embedded = el.getAttribute("data-timeline");
  var data = embedded ? Promise.resolve(JSON.parse(embedded)) : fetch(el.getAttribute("data-src"), { credentials: "same-origin" }).then(function (r) {
    if (!r.ok) { throw new Error("timeline: " + r.status); }
    return r.json();
  });
  data.then(draw).catch(function (err) { el.setAttribute("data-error", String(err)); });
}());
