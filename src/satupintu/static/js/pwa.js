/* The installable app (docs/pwa.md): registers the service worker, shows the offline note on
 * a page read from the phone's copy, stops forms from being sent into the void without a
 * network (saying so, keeping what was typed), and forgets the kept pages on log-out.
 * Every word it shows comes from the page (data-* of #sp-offline), so it is translated there. */
(function () {
  "use strict";
  var note = document.getElementById("sp-offline");
  if (!note) return;
  var root = document.documentElement;
  var fromCache = root.hasAttribute("data-offline");

  function showNote() {
    note.hidden = false;
  }
  if (fromCache || !navigator.onLine) showNote();
  window.addEventListener("offline", showNote);
  window.addEventListener("online", function () {
    if (!fromCache) note.hidden = true;
  });

  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register(note.getAttribute("data-worker"), { scope: "/" })
      .catch(function () { /* the site works without it */ });
  }

  function forgetPages() {
    if (!("caches" in window)) return Promise.resolve();
    return caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return name.indexOf("sp-pages-") === 0;
      }).map(function (name) { return caches.delete(name); }));
    }).catch(function () {});
  }

  function say(form, text) {
    var box = form.querySelector(".form-offline");
    if (!box) {
      box = document.createElement("p");
      box.className = "form-offline msg msg-error";
      box.setAttribute("role", "alert");
      form.insertBefore(box, form.firstChild);
    }
    box.textContent = text;
    box.scrollIntoView({ block: "nearest" });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!navigator.onLine) {
      // Nothing leaves, nothing is lost: the page stays as typed.
      event.preventDefault();
      event.stopPropagation();
      say(form, note.getAttribute("data-form-offline"));
      return;
    }
    var logout = note.getAttribute("data-logout");
    if (new URL(form.action, location.href).pathname === logout && !form.hasAttribute("data-forgotten")) {
      event.preventDefault();
      forgetPages().then(function () {
        form.setAttribute("data-forgotten", "");
        form.submit();
      });
    }
  }, true);
})();
