// Progressive enhancement for an E-Pokir proposal's line (a road, a drain). On the form
// ("draw"), taps on the map add "lat,lon" rows to the line textarea, which stays the source of
// truth (typing there redraws the line); on the proposal's page ("show"), the stored line is
// drawn. Leaflet (static/vendor/leaflet) and the tiles load only when the map is opened;
// without JavaScript the panel stays hidden and the textarea / the facts list work as before.
// Needs lazy-map.js.
(function () {
  "use strict";
  var root = document.getElementById("line-map");
  if (!root || !window.SatuPintuMap) return;
  var data = root.dataset;
  var drawing = data.mode === "draw";
  var input = drawing ? document.getElementById(data.input) : null;
  var button = document.getElementById("line-map-open");
  var panel = document.getElementById("line-map-panel");
  var box = document.getElementById("line-map-box");
  var status = document.getElementById("line-map-status");
  var noTiles = document.getElementById("line-map-no-tiles");
  if (!button || !panel || !box || (drawing && !input)) return;
  if (!drawing && !data.line) return;
  root.hidden = false;

  var map = null;
  var polyline = null;

  function say(text) {
    if (status) status.textContent = text;
  }

  function pointsFromInput() {
    var points = [];
    input.value.split(/\r?\n/).forEach(function (row) {
      var match = /^\s*(-?\d{1,3}(?:\.\d+)?)\s*[,;]\s*(-?\d{1,3}(?:\.\d+)?)\s*$/.exec(row);
      if (match) points.push([parseFloat(match[1]), parseFloat(match[2])]);
    });
    return points;
  }

  function pointsFromData() {
    try {
      var geometry = JSON.parse(data.line);
      return geometry.coordinates.map(function (pair) {
        return [pair[1], pair[0]];
      });
    } catch (error) {
      return [];
    }
  }

  function points() {
    return drawing ? pointsFromInput() : pointsFromData();
  }

  function redraw() {
    if (!map) return;
    var current = points();
    polyline.setLatLngs(current);
    say(current.length ? data.points.replace("%(n)s", String(current.length)) : "");
  }

  function write(current) {
    input.value = current
      .map(function (p) {
        return p[0].toFixed(6) + "," + p[1].toFixed(6);
      })
      .join("\n");
    redraw();
  }

  function add(latlng) {
    var current = pointsFromInput();
    current.push([latlng.lat, latlng.lng]);
    write(current);
  }

  function failed() {
    say(data.loadFailed);
    box.hidden = true;
  }

  function start() {
    var L = window.L;
    if (!L) {
      failed();
      return;
    }
    var zoom = parseInt(data.zoom, 10) || 13;
    var centre = [parseFloat(data.centerLat) || 0, parseFloat(data.centerLon) || 0];
    map = L.map(box, { zoomControl: false, maxZoom: parseInt(data.maxZoom, 10) || 19 });
    window.SatuPintuMap.decorate(L, map, data, noTiles);
    polyline = L.polyline([], { weight: 5 }).addTo(map);
    var current = points();
    if (current.length > 1) map.fitBounds(L.latLngBounds(current), { maxZoom: 18 });
    else map.setView(current[0] || centre, current.length ? 17 : zoom);
    redraw();
    if (!drawing) return;
    map.on("click", function (event) {
      add(event.latlng);
    });
    document.getElementById("line-map-add").addEventListener("click", function () {
      add(map.getCenter());
    });
    document.getElementById("line-map-undo").addEventListener("click", function () {
      var remaining = pointsFromInput();
      remaining.pop();
      write(remaining);
    });
    document.getElementById("line-map-clear").addEventListener("click", function () {
      write([]);
    });
    input.addEventListener("input", redraw);
  }

  window.SatuPintuMap.panel(button, panel, data, start, failed, function () {
    return map;
  });
})();
