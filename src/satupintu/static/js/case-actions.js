// The case page's actions (cases/detail.html): one small form per action inside <details>.
// Without JavaScript each opens on its own; with it, opening one closes the others (one form
// on a phone screen at a time) and puts the cursor in its first field.
(function () {
  "use strict";
  var forms = document.querySelectorAll("details.action-form");
  forms.forEach(function (details) {
    details.addEventListener("toggle", function () {
      if (!details.open) return;
      forms.forEach(function (other) {
        if (other !== details && other.open) other.open = false;
      });
      var first = details.querySelector("select, textarea, input:not([type='hidden'])");
      if (first && !details.querySelector("[data-error-summary]")) first.focus();
    });
  });
})();
