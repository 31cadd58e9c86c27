// Draws every [data-chart] element from the figure in its <script type="application/json">,
// on load and again in whatever htmx swaps in (a new period). See nudgeweb/charts.py.
(function () {
  var CONFIG = { displayModeBar: false, responsive: true, displaylogo: false };

  function draw(root) {
    root.querySelectorAll("[data-chart]").forEach(function (element) {
      var source = element.querySelector("script[type='application/json']");
      var target = element.querySelector(".chart-plot");
      if (!source || !target || !window.Plotly) return;
      var figure = JSON.parse(source.textContent);
      window.Plotly.newPlot(target, figure.data, figure.layout, CONFIG);
    });
  }

  function purge(root) {
    if (!window.Plotly) return;
    root.querySelectorAll(".chart-plot.js-plotly-plot").forEach(function (plot) { window.Plotly.purge(plot); });
  }

  document.addEventListener("htmx:beforeSwap", function (event) { purge(event.detail.target); });
  if (window.htmx) {
    window.htmx.onLoad(draw);  // the page, then each swapped-in fragment
  } else {
    document.addEventListener("DOMContentLoaded", function () { draw(document); });
  }
})();
