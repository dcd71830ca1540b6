/*
 * The statistics page's charts (served from /console/assets beside Chart.js; the
 * Content-Security-Policy forbids inline script). Each chart is drawn from the table under it: a
 * <figure data-chart data-table="<table id>"> names its table, whose header cells marked data-series
 * are the chart's series and whose rows are its labels, each cell's number in data-value (empty: a
 * gap). So the chart is the table drawn, and the table stays its text alternative. Without this file
 * (or Chart.js) the tables are the page; the canvas stays hidden until its chart is drawn.
 */
(function () {
  "use strict";

  if (typeof window.Chart === "undefined") {
    return;
  }

  /* Okabe and Ito's palette: told apart by readers with the common colour-vision deficiencies. */
  var PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000", "#999999"];

  function seriesOf(table) {
    var headers = table.tHead.rows[0].cells;
    var series = [];
    for (var i = 1; i < headers.length; i++) {
      if (headers[i].hasAttribute("data-series")) {
        series.push({ index: i, label: headers[i].textContent.trim(), data: [] });
      }
    }
    return series;
  }

  function draw(figure) {
    var table = document.getElementById(figure.getAttribute("data-table"));
    var canvas = figure.querySelector("canvas");
    if (!table || !canvas || !table.tBodies.length) {
      return;
    }
    var series = seriesOf(table);
    var labels = [];
    var rows = table.tBodies[0].rows;
    for (var r = 0; r < rows.length; r++) {
      labels.push(rows[r].cells[0].textContent.trim());
      for (var s = 0; s < series.length; s++) {
        var value = rows[r].cells[series[s].index].getAttribute("data-value");
        series[s].data.push(value === null || value === "" ? null : Number(value));
      }
    }
    var stacked = figure.getAttribute("data-stacked") === "true";
    var max = figure.getAttribute("data-max");
    var axis = { stacked: stacked, beginAtZero: true, title: { display: true, text: figure.getAttribute("data-unit") } };
    if (max) {
      axis.max = Number(max);
    }
    // counts are whole: no tick at 0.5 request
    var whole = series.every(function (one) {
      return one.data.every(function (value) { return value === null || Math.floor(value) === value; });
    });
    if (whole) {
      axis.ticks = { precision: 0 };
    }
    // shown before drawing: Chart.js sizes the canvas from its box
    figure.classList.add("chart--drawn");
    try {
      new window.Chart(canvas, {
        type: "bar",
        data: {
          labels: labels,
          datasets: series.map(function (one, k) {
            return { label: one.label, data: one.data, backgroundColor: PALETTE[k % PALETTE.length] };
          })
        },
        options: {
          animation: false,
          responsive: true,
          maintainAspectRatio: false,
          locale: document.documentElement.lang,
          scales: { x: { stacked: stacked }, y: axis },
          plugins: { legend: { position: "bottom" } }
        }
      });
      figure.setAttribute("data-chart-drawn", "true");
    } catch (e) {
      figure.classList.remove("chart--drawn");
    }
  }

  var figures = document.querySelectorAll("figure[data-chart]");
  for (var i = 0; i < figures.length; i++) {
    draw(figures[i]);
  }
})();
