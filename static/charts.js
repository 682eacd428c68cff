/* The chart a canned query declares in metadata.yml (`chart:`), drawn with Observable Plot from the query's own JSON,
   above its table. plugins/charts.py loads this file, and Plot and D3 before it, on those pages only. */
"use strict";

function archiveChartMarks(spec, rows) {
  const horizontal = spec.mark === "barX";
  const options = { x: spec.x, y: spec.y, tip: true };
  if (spec.fill) options.fill = spec.fill;
  if (horizontal) options.sort = { y: "-x" };  // the longest bar first, as the query orders its rows
  return [Plot[spec.mark](rows, options), horizontal ? Plot.ruleX([0]) : Plot.ruleY([0])];
}

function archiveChartTicks(rows, key, value) {
  // whole counts: no more ticks than the tallest (stacked) bar has units, so none falls between two
  const totals = new Map();
  rows.forEach((row) => totals.set(row[key], (totals.get(row[key]) || 0) + Number(row[value])));
  return Math.max(1, Math.min(10, Math.ceil(Math.max(0, ...totals.values()))));
}

function archiveChartPlot(spec, rows) {
  const horizontal = spec.mark === "barX";
  const [key, value] = horizontal ? [spec.y, spec.x] : [spec.x, spec.y];
  const labels = [...new Set(rows.map((row) => String(row[key] ?? "")))];
  const longest = Math.max(0, ...labels.map((label) => label.length));
  const band = { tickFormat: (v) => String(v), label: horizontal ? null : spec.x };
  const measure = { grid: true, label: value, ticks: archiveChartTicks(rows, key, value) };
  return Plot.plot({
    marks: archiveChartMarks(spec, rows),
    width: 760,
    height: horizontal ? Math.max(160, 26 * labels.length + 40) : 380,
    marginLeft: horizontal ? Math.min(360, 12 + 5.5 * longest) : 50,
    x: horizontal ? measure : band,
    y: horizontal ? band : measure,
    color: spec.fill ? { legend: true } : undefined,
    ariaLabel: spec.title,
  });
}

function archiveChartData() {
  const params = new URLSearchParams(location.search);
  params.set("_shape", "array");
  return fetch(location.pathname + ".json?" + params.toString()).then((response) => {
    if (!response.ok) throw new Error("the chart's data: HTTP " + response.status);
    return response.json();
  });
}

function drawChart(spec) {
  const figure = document.createElement("figure");
  figure.className = "archive-chart";
  const table = document.querySelector(".table-wrapper");
  table ? table.before(figure) : document.querySelector("section.content").append(figure);
  return archiveChartData().then((rows) => {
    if (rows.length === 0) {
      figure.textContent = "Nothing to draw: the query found no rows.";
      return;
    }
    const plot = archiveChartPlot(spec, rows);
    // Plot names each mark's group (aria-label="bar") on an element with no role, which ARIA does not allow: the
    // figure is named as a whole (static/archive.js), and the table below holds the same data as text. The mark's
    // kind stays, as data-mark.
    plot.querySelectorAll("g[aria-label]").forEach((group) => {
      group.dataset.mark = group.getAttribute("aria-label");
      group.removeAttribute("aria-label");
    });
    figure.append(plot);
    const caption = document.createElement("figcaption");
    caption.textContent = "Drawn from the rows of the table below.";
    figure.append(caption);
  });
}
