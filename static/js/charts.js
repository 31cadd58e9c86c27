// Draw every Plotly figure the server built: <div class="chart" data-figure="{...plotly JSON...}">.
(function () {
  function draw(root) {
    root.querySelectorAll(".chart[data-figure]").forEach(function (element) {
      if (!window.Plotly || element.dataset.drawn) return;
      var figure = JSON.parse(element.dataset.figure);
      element.dataset.drawn = "1";
      window.Plotly.newPlot(element, figure.data, figure.layout, { responsive: true, displayModeBar: false });
    });
  }
  document.addEventListener("DOMContentLoaded", function () { draw(document); });
  document.addEventListener("htmx:afterSwap", function (event) { draw(event.target); });
})();
