// TOTP set-up (mfa/totp/activate_form.html): a "Salin kunci" button that copies the secret.
// Without JavaScript the read-only box can still be selected and copied by hand.
(function () {
  "use strict";
  var button = document.getElementById("copy-secret");
  if (!button) return;
  var box = document.getElementById(button.getAttribute("data-copy-target"));
  var status = document.getElementById("copy-secret-status");
  if (!box) return;
  button.hidden = false;
  button.addEventListener("click", function () {
    var text = box.value.trim();
    var done = function () { if (status) status.textContent = button.getAttribute("data-copied"); };
    box.focus();
    box.select();
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(done, function () {
        document.execCommand("copy");
        done();
      });
    } else {
      document.execCommand("copy");
      done();
    }
  });
})();
