// The dyad timeline: one line per direction (A->B, B->A) over periods, drawn as SVG.
// Plain JS, no libraries; data comes from <script type="application/json" id="chart-data">.
// Text is set with textContent only, so nothing in the data is ever parsed as HTML.
(function () {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";

  function el(name, attrs, parent) {
    var node = document.createElementNS(NS, name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (parent) { parent.appendChild(node); }
    return node;
  }
  function text(parent, x, y, s, attrs) {
    var t = el("text", Object.assign({x: x, y: y}, attrs || {}), parent);
    t.textContent = s;
    return t;
  }
  function signed(v) { return (v > 0 ? "+" : "") + v.toFixed(1); }

  function draw(box, data, metric) {
    while (box.firstChild) { box.removeChild(box.firstChild); }
    var periods = [];
    var byDir = {};
    data.series.forEach(function (c) {
      if (periods.indexOf(c.period) < 0) { periods.push(c.period); }
      (byDir[c.source + "->" + c.target] = byDir[c.source + "->" + c.target] || {})[c.period] = c;
    });
    if (!periods.length) {
      var p = document.createElement("p");
      p.className = "none";
      p.textContent = "No events to chart for this filter.";
      box.appendChild(p);
      return;
    }
    var value = metric === "count"
      ? function (c) { return c.n_events; }
      : function (c) { return c.intensity_sum; };
    var W = 900, H = 300, L = 56, R = 20, T = 28, B = 46;
    var vals = data.series.map(value);
    var lo = Math.min(0, Math.min.apply(null, vals)), hi = Math.max(0, Math.max.apply(null, vals));
    if (hi === lo) { hi = lo + 1; }
    var pad = (hi - lo) * 0.08; hi += pad; if (lo < 0) { lo -= pad; }
    var step = periods.length > 1 ? (W - L - R) / (periods.length - 1) : 0;
    function x(i) { return periods.length > 1 ? L + i * step : (L + W - R) / 2; }
    function y(v) { return T + (hi - v) / (hi - lo) * (H - T - B); }

    var svg = el("svg", {viewBox: "0 0 " + W + " " + H, role: "img", "class": "timeline"}, box);
    el("title", {}, svg).textContent = data.a + " and " + data.b + ": " +
      (metric === "count" ? "events" : "net intensity") + " per period";
    var axis = el("g", {"class": "axis"}, svg);
    el("line", {x1: L, x2: L, y1: T, y2: H - B}, axis);
    el("line", {x1: L, x2: W - R, y1: H - B, y2: H - B}, axis);
    var ticks = 5;
    for (var k = 0; k <= ticks; k++) {
      var v = lo + (hi - lo) * k / ticks;
      el("line", {x1: L - 4, x2: L, y1: y(v), y2: y(v)}, axis);
      text(axis, L - 7, y(v) + 4, metric === "count" ? v.toFixed(v % 1 ? 1 : 0) : signed(v), {"text-anchor": "end"});
    }
    var every = Math.max(1, Math.ceil(periods.length / 12));
    periods.forEach(function (per, i) {
      if (i % every === 0 || i === periods.length - 1) {
        var anchor = periods.length > 1 && i === 0 ? "start" : periods.length > 1 && i === periods.length - 1 ? "end" : "middle";
        text(axis, x(i), H - B + 16, per, {"text-anchor": anchor});
      }
    });
    text(axis, 12, T - 10, metric === "count" ? "events" : "net intensity (cooperation − conflict)", {});
    if (lo < 0 && hi > 0) { el("line", {x1: L, x2: W - R, y1: y(0), y2: y(0), "class": "zero"}, svg); }

    [[data.a, data.b, "a"], [data.b, data.a, "b"]].forEach(function (d) {
      var key = d[0] + "->" + d[1], cells = byDir[key] || {};
      var pts = periods.map(function (per, i) { return [x(i), y(value(cells[per] || {n_events: 0, intensity_sum: 0}))]; });
      el("polyline", {points: pts.map(function (p) { return p.join(","); }).join(" "),
                      "class": "line-" + d[2], "data-direction": key}, svg);
      var g = el("g", {"class": "points", "data-direction": key}, svg);
      periods.forEach(function (per, i) {
        var c = cells[per] || {n_events: 0, intensity_sum: 0, n_quad1: 0, n_quad2: 0, n_quad3: 0, n_quad4: 0, n_reports: 0};
        var dot = el("circle", {cx: pts[i][0], cy: pts[i][1], r: c.n_events ? 5 : 2.5,
                                "class": "pt pt-" + d[2], "data-period": per, "data-events": c.n_events}, g);
        el("title", {}, dot).textContent = per + "  " + d[0] + " → " + d[1] + ": " + c.n_events +
          " events (" + (c.n_quad1 + c.n_quad2) + " cooperative, " + (c.n_quad3 + c.n_quad4) +
          " conflictual) from " + c.n_reports + " reports; net intensity " + signed(c.intensity_sum || 0);
      });
    });
    var legend = el("g", {"class": "legend"}, svg);
    [[data.a + " → " + data.b, "a"], [data.b + " → " + data.a, "b"]].forEach(function (item, i) {
      var lx = W - R - 250 + i * 125;
      el("line", {x1: lx, x2: lx + 22, y1: 12, y2: 12, "class": "line-" + item[1]}, legend);
      text(legend, lx + 28, 16, item[0], {});
    });
  }

  function init() {
    var box = document.getElementById("chart");
    var src = document.getElementById("chart-data");
    if (!box || !src) { return; }
    var data = JSON.parse(src.textContent);
    var metric = "net";
    draw(box, data, metric);
    document.querySelectorAll('input[name="metric"]').forEach(function (r) {
      r.addEventListener("change", function () { if (r.checked) { draw(box, data, r.value); } });
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
