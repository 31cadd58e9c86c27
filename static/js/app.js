// Behaviour every page shares, kept out of the HTML so that the Content-Security-Policy can refuse
// inline scripts and event handlers.
(function () {
  // A form with data-confirm asks its question before it is sent (htmx forms use hx-confirm).
  document.addEventListener("submit", (event) => {
    const question = event.target.dataset && event.target.dataset.confirm;
    if (question && !window.confirm(question)) event.preventDefault();
  });
})();
