// The contact list's row selection. Ticking every row of the page offers "Select all N contacts
// matching this filter"; taking it makes the bulk form send everyone=yes and the list's filter
// instead of the ticked ids. Listeners sit on the document: htmx swaps the results in and out.
(function () {
  const rows = () => [...document.querySelectorAll("input[name=ids]")];
  const show = (id, visible) => { const el = document.getElementById(id); if (el) el.hidden = !visible; };

  function refresh(everyone) {
    const boxes = rows();
    const ticked = boxes.filter((box) => box.checked).length;
    const all = ticked > 0 && ticked === boxes.length;
    const field = document.getElementById("bulk-everyone");
    everyone = Boolean(everyone && all && field);
    const pageBox = document.querySelector("[data-select-page]");
    if (pageBox) pageBox.checked = all;
    if (field) field.value = everyone ? "yes" : "";
    show("offer-everyone", all && !everyone);
    show("chose-everyone", everyone);
    const count = document.getElementById("selected-count");
    if (count) count.textContent = ticked && !everyone ? `${ticked} selected` : "";
  }

  document.addEventListener("change", (event) => {
    const box = event.target;
    if (box.matches("[data-select-page]")) rows().forEach((row) => { row.checked = box.checked; });
    if (box.matches("[data-select-page], input[name=ids]")) refresh(false);
  });
  document.addEventListener("click", (event) => {
    if (event.target.matches("[data-select-everyone]")) refresh(true);
    if (event.target.matches("[data-clear-selection]")) {
      rows().forEach((row) => { row.checked = false; });
      refresh(false);
    }
  });
  document.addEventListener("htmx:afterSwap", () => refresh(false));

  // A box ticked before this script ran (a quick click while the page loads, or a form the browser
  // restored on "back") is honoured as if it had been ticked now.
  const pageBox = document.querySelector("[data-select-page]");
  if (pageBox && pageBox.checked) rows().forEach((row) => { row.checked = true; });
  refresh(false);
})();
