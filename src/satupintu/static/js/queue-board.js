// Display board: ask for the board's JSON every 2 s with the last ETag; a 304 costs the
// server a cache read. On a new call: flash the counter, chime, and (once sound is allowed)
// say the number in Indonesian with the browser's speech synthesis (the spoken words stay
// Indonesian whatever the page's language: the waiting room hears one language). Without JavaScript the
// page refreshes itself (meta refresh in <noscript>).
(function () {
  "use strict";
  var body = document.body;
  var url = body.getAttribute("data-url");
  var etag = null;
  var lastCall = null;
  var soundOn = false;
  var button = document.getElementById("sound");
  var DIGITS = ["nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan",
    "sepuluh", "sebelas"];

  function words(n) {
    if (n < 12) return DIGITS[n];
    if (n < 20) return DIGITS[n - 10] + " belas";
    if (n < 100) return DIGITS[Math.floor(n / 10)] + " puluh" + (n % 10 ? " " + DIGITS[n % 10] : "");
    if (n < 200) return "seratus" + (n % 100 ? " " + words(n % 100) : "");
    if (n < 1000) return DIGITS[Math.floor(n / 100)] + " ratus" + (n % 100 ? " " + words(n % 100) : "");
    return String(n);
  }

  function chime() {
    try {
      var ctx = new (window.AudioContext || window.webkitAudioContext)();
      [660, 880].forEach(function (f, i) {
        var o = ctx.createOscillator();
        var g = ctx.createGain();
        o.frequency.value = f;
        o.connect(g); g.connect(ctx.destination);
        g.gain.setValueAtTime(0.2, ctx.currentTime + i * 0.35);
        g.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + i * 0.35 + 0.3);
        o.start(ctx.currentTime + i * 0.35); o.stop(ctx.currentTime + i * 0.35 + 0.3);
      });
    } catch (e) { /* no audio */ }
  }

  function say(call) {
    if (!soundOn || !window.speechSynthesis) return;
    var parts = call.ticket.split("-");
    var text = body.getAttribute("data-number-word") + " " + parts[0] + " " +
      words(parseInt(parts[1], 10)) + ", " + body.getAttribute("data-go-word") + " " +
      body.getAttribute("data-counter-word") + " " + words(call.counter || 0);
    var u = new SpeechSynthesisUtterance(text);
    u.lang = body.getAttribute("data-lang") || "id-ID";
    window.speechSynthesis.speak(u);
  }

  function render(state) {
    var list = document.getElementById("counters");
    list.textContent = "";
    state.counters.forEach(function (c) {
      var li = document.createElement("li");
      if (c.paused) li.className = "paused";
      var name = document.createElement("span");
      name.className = "counter-name"; name.textContent = c.name;
      var num = document.createElement("strong");
      num.textContent = c.ticket || "\u2014";
      if (state.calls.length && state.calls[0].counter === c.number && state.calls[0].ticket === c.ticket) {
        num.className = "flash";
      }
      li.appendChild(name); li.appendChild(num); list.appendChild(li);
    });
    var calls = document.getElementById("calls");
    calls.textContent = "";
    state.calls.forEach(function (call) {
      var li = document.createElement("li");
      var b = document.createElement("strong");
      b.textContent = call.ticket;
      li.appendChild(b);
      li.appendChild(document.createTextNode(" \u2192 " + body.getAttribute("data-counter-label") + " " + call.counter));
      calls.appendChild(li);
    });
    document.getElementById("ticker").textContent = state.announcement || "";
    var key = state.calls.length ? state.calls[0].ticket + "@" + state.calls[0].at : null;
    if (lastCall !== null && key && key !== lastCall) { chime(); say(state.calls[0]); }
    lastCall = key;
  }

  function poll() {
    var headers = {};
    if (etag) headers["If-None-Match"] = etag;
    fetch(url, { headers: headers, cache: "no-store", credentials: "omit" })
      .then(function (r) {
        if (r.status === 200) {
          etag = r.headers.get("ETag");
          return r.json().then(render);
        }
      })
      .catch(function () { /* network down: try again */ })
      .then(function () { window.setTimeout(poll, 2000); });
  }

  function clock() {
    document.getElementById("clock").textContent = new Date().toLocaleTimeString("id-ID");
  }

  if (button) {
    button.hidden = false;
    button.addEventListener("click", function () { soundOn = true; button.hidden = true; chime(); });
  }
  window.setInterval(clock, 1000); clock();
  poll();
}());
