// Resumable uploads for every file input rendered by uploads/file_input.html (progressive
// enhancement: without JavaScript the file goes with the form as a normal multipart post).
//
// When a file is chosen: its size and kind (by its first bytes) are checked here, before a
// byte is sent; a photo is shrunk to 1600 px on its long side (JPEG) unless "kirim foto asli"
// is ticked; then it is sent to /unggah/ with the tus protocol (vendor/tus-js-client, loaded
// on first use) in chunks, with a progress bar and the time remaining. A dropped connection
// resumes where the server says it stopped (HEAD), automatically, once the link is back.
// The finished upload's id goes into the form as a ticked checkbox and the file input is
// emptied, so the form itself carries only ids. The form waits for unfinished uploads.
(function () {
  "use strict";
  if (window.spUploads) return; // the script tag comes with every upload input
  window.spUploads = true;
  if (!window.XMLHttpRequest || !window.Blob || !window.FileReader) return;

  var LONG_SIDE = 1600;
  var JPEG_QUALITY = 0.85;
  var RETRY_MS = 5000;
  var tusState = { lib: null, waiting: [], failed: false, loading: false };

  function loadTus(src, done) {
    if (tusState.lib || tusState.failed) return done(tusState.lib);
    tusState.waiting.push(done);
    if (tusState.loading) return;
    tusState.loading = true;
    var script = document.createElement("script");
    script.src = src;
    script.onload = function () {
      tusState.lib = window.tus && window.tus.isSupported ? window.tus : null;
      tusState.failed = !tusState.lib;
      flush();
    };
    script.onerror = function () {
      tusState.failed = true;
      flush();
    };
    document.head.appendChild(script);
    function flush() {
      var waiting = tusState.waiting;
      tusState.waiting = [];
      waiting.forEach(function (fn) { fn(tusState.lib); });
    }
  }

  function fill(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_m, key) {
      return values[key] !== undefined ? values[key] : "";
    });
  }

  function megabytes(bytes) {
    return (bytes / 1048576).toFixed(1).replace(".", ",");
  }

  function sniff(file, done) {
    var reader = new FileReader();
    reader.onload = function () {
      var b = new Uint8Array(reader.result);
      var text = String.fromCharCode.apply(null, b);
      if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return done("image/jpeg");
      if (text.indexOf("\x89PNG\r\n\x1a\n") === 0) return done("image/png");
      if (text.indexOf("%PDF-") === 0) return done("application/pdf");
      if (text.indexOf("RIFF") === 0 && text.slice(8, 12) === "WEBP") return done("image/webp");
      done("");
    };
    reader.onerror = function () { done(""); };
    reader.readAsArrayBuffer(file.slice(0, 16));
  }

  function decode(file, done) {
    if (window.createImageBitmap) {
      window.createImageBitmap(file, { imageOrientation: "from-image" }).then(done, function () {
        done(null);
      });
      return;
    }
    var url = URL.createObjectURL(file);
    var img = new Image();
    img.onload = function () { URL.revokeObjectURL(url); done(img); };
    img.onerror = function () { URL.revokeObjectURL(url); done(null); };
    img.src = url;
  }

  // A photo re-encoded as JPEG, at most LONG_SIDE px on its long side; the original when
  // that is not smaller or the browser cannot do it.
  function shrink(file, done) {
    decode(file, function (image) {
      if (!image) return done(file);
      var w = image.width, h = image.height;
      var scale = Math.min(1, LONG_SIDE / Math.max(w, h));
      if (scale === 1 && file.size < 1048576) return done(file);
      var canvas = document.createElement("canvas");
      canvas.width = Math.round(w * scale);
      canvas.height = Math.round(h * scale);
      canvas.getContext("2d").drawImage(image, 0, 0, canvas.width, canvas.height);
      if (image.close) image.close();
      canvas.toBlob(function (blob) {
        if (!blob || blob.size >= file.size) return done(file);
        var name = (file.name || "foto").replace(/\.[^.]*$/, "") + ".jpg";
        try {
          done(new File([blob], name, { type: "image/jpeg", lastModified: file.lastModified }));
        } catch (err) {
          blob.name = name;
          done(blob);
        }
      }, "image/jpeg", JPEG_QUALITY);
    });
  }

  function Field(box) {
    var d = box.dataset;
    this.box = box;
    this.data = d;
    this.input = document.getElementById(d.uploadInput);
    this.kept = document.getElementById(d.uploadInput + "-kept");
    this.status = document.getElementById(d.uploadInput + "-status");
    this.original = document.getElementById(d.uploadInput + "-original");
    this.types = d.uploadTypes.split(",");
    this.maxBytes = parseInt(d.uploadMaxBytes, 10);
    this.maxFiles = parseInt(d.uploadMaxFiles, 10);
    this.form = this.input.form;
    this.pending = 0;
    if (this.original && this.types.some(function (t) { return t.indexOf("image/") === 0; })) {
      this.original.closest(".upload-original").hidden = false;
    }
    this.input.addEventListener("change", this.chosen.bind(this));
    fields.push(this);
  }

  Field.prototype.say = function (text, isError) {
    var line = document.createElement("span");
    line.className = isError ? "upload-line upload-error" : "upload-line";
    if (isError) line.setAttribute("role", "alert");
    line.textContent = text;
    this.status.appendChild(line);
    return line;
  };

  Field.prototype.keptCount = function () {
    return this.kept.querySelectorAll("input[type=checkbox]:checked").length;
  };

  Field.prototype.chosen = function () {
    var files = Array.prototype.slice.call(this.input.files || []);
    if (!files.length) return;
    this.status.textContent = "";
    var single = this.maxFiles === 1;
    if (!single && this.keptCount() + files.length > this.maxFiles) {
      this.say(fill(this.data.tTooMany, { n: this.maxFiles }), true);
      this.input.value = "";
      return;
    }
    var self = this;
    loadTus(this.data.uploadTus, function (tus) {
      if (!tus) return; // no resumable uploads here: the file goes with the form
      self.input.value = ""; // the form carries ids from now on, not the files
      files.forEach(function (file) { self.pending++; self.queue(file, tus); });
    });
  };

  // One file at a time per field: on a slow link, sequential sends finish the first sooner.
  Field.prototype.queue = function (file, tus) {
    var self = this;
    var previous = this.chain || Promise.resolve();
    this.chain = previous.then(function () {
      return new Promise(function (resolve) { self.prepare(file, tus, resolve); });
    });
  };

  Field.prototype.finish = function (resolve) {
    this.pending--;
    resolve();
    if (!this.pending) whenIdle();
  };

  Field.prototype.prepare = function (file, tus, resolve) {
    var self = this;
    var name = file.name || "berkas";
    sniff(file, function (type) {
      if (!type || self.types.indexOf(type) < 0) {
        self.say(fill(self.data.tType, { name: name }), true);
        return self.finish(resolve);
      }
      var photo = type !== "application/pdf" && self.types.indexOf("image/jpeg") >= 0;
      if (!photo || (self.original && self.original.checked)) return checked(file);
      var note = self.say(fill(self.data.tShrinking, { name: name }));
      shrink(file, function (result) {
        note.remove();
        checked(result);
      });
    });
    function checked(blob) {
      if (blob.size > self.maxBytes) {
        self.say(
          fill(self.data.tTooBig, {
            name: name, size: megabytes(blob.size), max: Math.floor(self.maxBytes / 1048576),
          }),
          true
        );
        return self.finish(resolve);
      }
      self.send(blob, blob.name || name, tus, resolve);
    }
  };

  Field.prototype.send = function (blob, name, tus, resolve) {
    var self = this;
    var line = document.createElement("span");
    line.className = "upload-line upload-progress";
    var label = document.createElement("span");
    var bar = document.createElement("progress");
    var eta = document.createElement("span");
    label.textContent = name + " ";
    bar.max = 100;
    bar.value = 0;
    bar.setAttribute("aria-label", fill(this.data.tSending, { name: name }));
    eta.className = "upload-eta";
    eta.textContent = this.data.tStarting;
    line.appendChild(label);
    line.appendChild(bar);
    line.appendChild(eta);
    this.status.appendChild(line);
    var samples = [];
    var retryTimer = null;
    var upload = new tus.Upload(blob, {
      endpoint: this.data.uploadEndpoint,
      chunkSize: parseInt(this.data.uploadChunk, 10),
      retryDelays: [0, 1000, 3000, 5000],
      metadata: { filename: name, filetype: blob.type || "" },
      removeFingerprintOnSuccess: true,
      onProgress: function (sent, total) {
        var now = Date.now();
        samples.push([now, sent]);
        while (samples.length > 2 && now - samples[0][0] > 15000) samples.shift();
        var first = samples[0];
        var rate = now > first[0] ? (sent - first[1]) / ((now - first[0]) / 1000) : 0;
        bar.value = Math.floor((sent / total) * 100);
        var text = bar.value + "%";
        if (rate > 0 && sent < total) {
          text += " · " + fill(self.data.tRemaining, { time: duration((total - sent) / rate) });
        }
        eta.textContent = text;
      },
      onSuccess: function () {
        var id = upload.url.replace(/\/+$/, "").split("/").pop();
        line.remove();
        self.add(id, name, blob.size);
        self.finish(resolve);
      },
      onError: function (error) {
        var response = error && error.originalResponse;
        var status = response ? response.getStatus() : 0;
        if (status >= 400 && status < 500 && status !== 409 && status !== 423) {
          line.remove();
          var body = response.getBody() || "";
          self.say(body && body.length < 300 ? body : fill(self.data.tFailed, { name: name }), true);
          return self.finish(resolve);
        }
        // The link dropped (or the server was briefly away): wait, then resume from the
        // offset the server has (tus-js-client asks it with HEAD).
        eta.textContent = self.data.tOffline;
        function resume() {
          window.removeEventListener("online", resume);
          clearTimeout(retryTimer);
          eta.textContent = self.data.tResuming;
          upload.start();
        }
        window.addEventListener("online", resume);
        retryTimer = setTimeout(resume, RETRY_MS);
      },
    });
    upload.findPreviousUploads().then(function (previous) {
      if (previous.length) upload.resumeFromPreviousUpload(previous[0]);
      upload.start();
    }, function () { upload.start(); });
  };

  Field.prototype.add = function (id, name, size) {
    var single = this.maxFiles === 1;
    if (single) {
      // One file per input (a requirement): the new one replaces one uploaded before.
      var old = this.kept.querySelectorAll("label");
      for (var i = 0; i < old.length; i++) old[i].remove();
    }
    var label = document.createElement("label");
    label.className = "choice";
    var box = document.createElement("input");
    box.type = "checkbox";
    box.name = this.data.uploadName;
    box.value = id;
    box.checked = true;
    var note = document.createElement("span");
    note.className = "muted";
    note.textContent = " (" + megabytes(size) + " MB, " + this.data.tDone + ")";
    label.appendChild(box);
    label.appendChild(document.createTextNode(" " + name));
    label.appendChild(note);
    this.kept.appendChild(label);
    this.kept.hidden = false;
  };

  function duration(seconds) {
    var s = Math.max(1, Math.round(seconds));
    var data = document.querySelector(".upload").dataset;
    if (s < 60) return fill(data.tSeconds, { n: s });
    var m = Math.floor(s / 60);
    return fill(data.tMinutes, { m: m, n: s % 60 });
  }

  // Forms wait for their uploads; a second tap while the form is on its way sends nothing.
  var fields = [];
  var waitingSubmit = null;

  function busy(form) {
    return fields.some(function (f) { return f.form === form && f.pending > 0; });
  }

  function whenIdle() {
    if (!waitingSubmit || busy(waitingSubmit.form)) return;
    var pending = waitingSubmit;
    waitingSubmit = null;
    pending.note.remove();
    if (pending.form.requestSubmit) pending.form.requestSubmit(pending.submitter || undefined);
    else pending.form.submit();
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!fields.some(function (f) { return f.form === form; })) return;
    var submitter = event.submitter;
    if (submitter && submitter.name === "back") return;
    if (form.dataset.sending) {
      event.preventDefault();
      return;
    }
    if (busy(form)) {
      event.preventDefault();
      if (!waitingSubmit) {
        var field = fields.filter(function (f) { return f.form === form && f.pending; })[0];
        waitingSubmit = { form: form, submitter: submitter, note: field.say(field.data.tWait) };
      }
      return;
    }
    form.dataset.sending = "1";
  });
  window.addEventListener("pageshow", function () {
    fields.forEach(function (f) { if (f.form) delete f.form.dataset.sending; });
  });

  var boxes = document.querySelectorAll(".upload[data-upload-endpoint]");
  for (var i = 0; i < boxes.length; i++) {
    if (document.getElementById(boxes[i].dataset.uploadInput)) new Field(boxes[i]);
  }
})();
