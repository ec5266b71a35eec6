// Progressive enhancement for application uploads: send the form with XMLHttpRequest to show
// upload progress. Without JavaScript the form posts normally and works the same. The server
// answers an XHR post with {"redirect": url}; anything else (a page with errors) replaces the
// current page.
(function () {
  var form = document.getElementById("app-upload-form");
  if (!form || !window.FormData || !window.XMLHttpRequest) return;
  var box = form.querySelector(".app-progress");
  var bar = document.getElementById("app-upload-progress");
  form.addEventListener("submit", function (event) {
    var inputs = form.querySelectorAll("input[type=file]");
    var hasFile = false;
    for (var i = 0; i < inputs.length; i++) {
      if (inputs[i].files && inputs[i].files.length) hasFile = true;
    }
    var submitter = event.submitter;
    if (!hasFile || (submitter && submitter.name === "back")) return;
    event.preventDefault();
    var data = new FormData(form);
    if (submitter && submitter.name) data.append(submitter.name, submitter.value);
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.getAttribute("action") || window.location.href);
    xhr.setRequestHeader("X-Requested-With", "XMLHttpRequest");
    if (box) box.hidden = false;
    var buttons = form.querySelectorAll("button");
    for (var b = 0; b < buttons.length; b++) buttons[b].disabled = true;
    xhr.upload.addEventListener("progress", function (e) {
      if (bar && e.lengthComputable) bar.value = Math.round((e.loaded / e.total) * 100);
    });
    xhr.addEventListener("load", function () {
      var type = xhr.getResponseHeader("Content-Type") || "";
      if (type.indexOf("application/json") === 0) {
        try {
          window.location.assign(JSON.parse(xhr.responseText).redirect);
          return;
        } catch (err) { /* fall through to a normal submit */ }
      }
      document.open();
      document.write(xhr.responseText);
      document.close();
    });
    xhr.addEventListener("error", function () {
      // Connection dropped: post the normal way so the browser shows what happened.
      for (var b = 0; b < buttons.length; b++) buttons[b].disabled = false;
      if (box) box.hidden = true;
      form.submit();
    });
    xhr.send(data);
  });
})();
