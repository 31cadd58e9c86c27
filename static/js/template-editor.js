// The template editor: a formatting toolbar for the simple editor and a picker that inserts a variable
// where the cursor is. Both change the textarea and fire "input", so the live preview follows.
(function () {
  "use strict";
  var lastField = null;
  var FIELDS = "#simple_content, #html_content, #text_content, #body, #subject";

  function insert(field, before, after, placeholder) {
    var start = field.selectionStart, end = field.selectionEnd;
    var chosen = field.value.slice(start, end) || placeholder || "";
    field.value = field.value.slice(0, start) + before + chosen + after + field.value.slice(end);
    field.focus();
    field.setSelectionRange(start + before.length, start + before.length + chosen.length);
    field.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function onOwnLine(field) {
    var start = field.selectionStart;
    var atLineStart = start === 0 || field.value.charAt(start - 1) === "\n";
    return atLineStart ? "\n" : "\n\n";
  }

  var FORMATS = {
    bold: function (field) { insert(field, "**", "**", "bold text"); },
    italic: function (field) { insert(field, "*", "*", "italic text"); },
    link: function (field) { insert(field, "[", "](https://)", "link text"); },
    button: function (field) { insert(field, onOwnLine(field) + "[", "]({{ review_link }})\n\n", "Leave a review"); },
    paragraph: function (field) { insert(field, "\n\n", "", ""); }
  };

  // The preview has just checked the template: the error the last save showed under a field the owner has
  // changed since follows it (a field left as it was keeps its error, which may not be the template's).
  function followPreview(preview) {
    var checked = preview.querySelector("#preview-body");
    document.querySelectorAll(FIELDS).forEach(function (field) {
      var error = document.getElementById(field.id + "-error");
      if (!checked || !error || field.value === field.defaultValue) { return; }
      var message = checked.dataset.errorField === field.id ? checked.dataset.error : "";
      error.textContent = message;
      error.hidden = !message;
      error.closest(".field").classList.toggle("has-error", Boolean(message));
    });
  }

  // Switched to the simple editor after changing the HTML: the box is made again from the HTML as it is now (by
  // the server, as when the page opened), unless its own text was changed since.
  function followHtml() {
    var html = document.getElementById("html_content"), simple = document.getElementById("simple_content");
    var version = document.getElementById("simple-version");
    if (!html || !simple || !version || html.value === html.defaultValue || simple.value !== simple.defaultValue) { return; }
    htmx.ajax("POST", version.dataset.url, { source: "#template-form", target: "#simple-version", swap: "outerHTML" })
      .then(function () {  // the preview follows the new text
        var made = document.getElementById("simple_content");
        if (made) { made.dispatchEvent(new Event("input", { bubbles: true })); }
      });
  }

  document.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail.target.id === "preview") { followPreview(event.detail.target); }
  });
  document.addEventListener("focusin", function (event) {
    if (event.target.matches && event.target.matches(FIELDS)) { lastField = event.target; }
  });
  document.addEventListener("change", function (event) {
    if (event.target.name === "editor" && event.target.value === "simple") { followHtml(); }
  });

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".format-toolbar, .variable-picker").forEach(function (el) { el.hidden = false; });
    document.querySelectorAll("[data-format]").forEach(function (button) {
      button.addEventListener("click", function () {
        var field = document.getElementById("simple_content");
        if (field) { FORMATS[button.dataset.format](field); }
      });
    });
    var picker = document.querySelector("[data-insert-variable]");
    if (picker) {
      picker.addEventListener("change", function () {
        var field = (lastField && lastField.isConnected && lastField) || document.querySelector(FIELDS.split(", ").filter(function (selector) {
          var el = document.querySelector(selector);
          return el && el.offsetParent !== null;
        })[0] || "#body");
        if (picker.value && field) { insert(field, "{{ " + picker.value + " }}", "", ""); }
        picker.value = "";
      });
    }
  });
})();
