// The error summary (templates/includes/error_summary.html): focus it when the page opens, so
// screen readers read the problems first, and make its links focus the field itself (a plain
// "#id" link only scrolls), scrolled so its label shows above it.
(function () {
  "use strict";
  if (window.satuPintuErrorSummary) return; // included once per summary: run once
  window.satuPintuErrorSummary = true;
  function start() {
    var summary = document.querySelector("[data-error-summary]");
    if (!summary) return;
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      if (!link) return;
      var field = document.getElementById(link.getAttribute("href").slice(1));
      if (!field) return;
      event.preventDefault();
      var label = document.querySelector("label[for='" + field.id + "']") ||
        (field.closest("fieldset") && field.closest("fieldset").querySelector("legend"));
      (label || field).scrollIntoView();
      // No "#id" in the address: a redirect after the next POST would carry it along.
      field.focus({ preventScroll: true });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
