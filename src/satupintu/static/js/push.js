/* Web Push opt-in on the notification page (docs/pwa.md). The section stays hidden unless
 * the browser can do Web Push; every word comes from the page. */
(function () {
  "use strict";
  var box = document.getElementById("sp-push");
  if (!box || !("serviceWorker" in navigator) || !("PushManager" in window) ||
      !("Notification" in window)) return;
  var on = document.getElementById("sp-push-on");
  var off = document.getElementById("sp-push-off");
  var status = document.getElementById("sp-push-status");
  var token = box.querySelector("input[name=csrfmiddlewaretoken]").value;

  function key(base64) {
    var padded = (base64 + "===".slice((base64.length + 3) % 4)).replace(/-/g, "+").replace(/_/g, "/");
    var raw = atob(padded);
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    return bytes;
  }

  function show(subscribed) {
    on.hidden = subscribed;
    off.hidden = !subscribed;
  }

  function send(url, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": token },
      body: JSON.stringify(body),
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (!response.ok) throw new Error(data.detail || box.getAttribute("data-failed"));
        return data.detail || "";
      });
    });
  }

  function fail(error) {
    status.textContent = (error && error.message) || box.getAttribute("data-failed");
  }

  navigator.serviceWorker.ready.then(function (registration) {
    box.hidden = false;
    registration.pushManager.getSubscription().then(function (existing) {
      show(Boolean(existing));
    });

    on.addEventListener("click", function () {
      Notification.requestPermission().then(function (permission) {
        if (permission !== "granted") {
          status.textContent = box.getAttribute("data-denied");
          return null;
        }
        return registration.pushManager.subscribe({
          userVisibleOnly: true,
          applicationServerKey: key(box.getAttribute("data-key")),
        }).then(function (subscription) {
          return send(box.getAttribute("data-subscribe"), subscription.toJSON());
        }).then(function (text) {
          status.textContent = text;
          show(true);
        });
      }).catch(fail);
    });

    off.addEventListener("click", function () {
      registration.pushManager.getSubscription().then(function (subscription) {
        if (!subscription) return "";
        var endpoint = subscription.endpoint;
        return subscription.unsubscribe().then(function () {
          return send(box.getAttribute("data-unsubscribe"), { endpoint: endpoint });
        });
      }).then(function (text) {
        status.textContent = text;
        show(false);
      }).catch(fail);
    });
  });
})();
