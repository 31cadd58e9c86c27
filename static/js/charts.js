// Draws every server-built Plotly figure on the page: <div class="chart" data-figure="{json}">.
(function () {
  function draw(root) {
    if (!window.Plotly) return;
    root.querySelectorAll(".chart[data-figure]").forEach(function (el) {
      if (el.dataset.drawn) return;
      var figure = JSON.parse(el.dataset.figure);
      el.dataset.drawn = "1";
      window.Plotly.newPlot(el, figure.data, figure.layout, { responsive: true, displayModeBar: false });
    });
  }
  document.addEventListener("DOMContentLoaded", function () { draw(document); });
  document.addEventListener("htmx:afterSettle", function (event) { draw(event.target); });
})();
