// Behaviour every page shares, kept out of the HTML so that the Content-Security-Policy can refuse
// inline scripts and event handlers.
(function () {
  // A form with data-confirm asks its question before it is sent (htmx forms use hx-confirm).
  document.addEventListener("submit", (event) => {
    const question = event.target.dataset && event.target.dataset.confirm;
    if (question && !window.confirm(question)) event.preventDefault();
  });

  // Sign-up takes the business's time zone and country from the browser (the profile can change them).
  document.addEventListener("DOMContentLoaded", () => {
    const zone = document.querySelector("input[data-browser-timezone]");
    if (zone && !zone.value) zone.value = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
    const country = document.querySelector("input[data-browser-country]");
    const region = (navigator.language || "").split("-")[1];
    if (country && !country.value && region && region.length === 2) country.value = region.toUpperCase();
  });

  // A list of country codes (data-region-names) reads as the countries' names, in the browser's language,
  // in their order; the codes stay what is sent. (The server's list of names would cost 0.8 s to load.)
  document.addEventListener("DOMContentLoaded", () => {
    if (!Intl.DisplayNames) return;
    const names = new Intl.DisplayNames([navigator.language || "en"], { type: "region" });
    document.querySelectorAll("select[data-region-names]").forEach((select) => {
      const options = [...select.options];
      options.forEach((option) => {
        const name = names.of(option.value);
        if (name && name !== option.value) option.textContent = `${name} (${option.value})`;
      });
      options.sort((a, b) => a.textContent.localeCompare(b.textContent)).forEach((option) => select.append(option));
    });
  });

  // A time zone input offers the browser's own zone, one tap away, when another one is chosen.
  document.addEventListener("DOMContentLoaded", () => {
    const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    document.querySelectorAll("[data-browser-timezone-suggestion]").forEach((hint) => {
      const input = document.getElementById(hint.dataset.for);
      const button = hint.querySelector("button");
      if (!input || !button || !browserZone || input.value === browserZone) return;
      button.textContent = `Use ${browserZone}`;
      hint.hidden = false;
      button.addEventListener("click", () => {
        input.value = browserZone;
        hint.hidden = true;
        input.focus();
      });
    });
  });
})();
