// Progressive enhancement: "Pilih titik di peta" opens a map; a click or tap on it fills the
// latitude/longitude inputs. Leaflet (static/vendor/leaflet) and the tiles load only when the
// panel is first opened, so the form stays light; without JavaScript the panel stays hidden
// and the kelurahan select, RT, street and coordinate inputs work as before. Needs lazy-map.js.
(function () {
  "use strict";
  var root = document.getElementById("map-picker");
  if (!root || !window.SatuPintuMap) return;
  var data = root.dataset;
  var lat = document.getElementById(data.latitudeInput);
  var lon = document.getElementById(data.longitudeInput);
  var button = document.getElementById("map-open");
  var panel = document.getElementById("map-panel");
  var box = document.getElementById("map");
  var status = document.getElementById("map-status");
  var noTiles = document.getElementById("map-no-tiles");
  if (!lat || !lon || !button || !panel || !box) return;
  root.hidden = false;

  var map = null;
  var marker = null;

  function number(value) {
    var parsed = parseFloat(String(value).replace(",", "."));
    return isFinite(parsed) ? parsed : null;
  }

  function say(text) {
    if (status) status.textContent = text;
  }

  function inputPoint() {
    var y = number(lat.value);
    var x = number(lon.value);
    return y === null || x === null ? null : [y, x];
  }

  function placeMarker(point) {
    if (marker) {
      marker.setLatLng(point);
      return;
    }
    var icon = window.L.icon({
      iconUrl: data.markerIcon,
      iconRetinaUrl: data.markerIcon2x,
      shadowUrl: data.markerShadow,
      iconSize: [25, 41],
      iconAnchor: [12, 41],
      shadowSize: [41, 41],
    });
    marker = window.L.marker(point, { icon: icon, keyboard: false, alt: data.markerLabel });
    marker.addTo(map);
  }

  function pick(latlng) {
    lat.value = latlng.lat.toFixed(6);
    lon.value = latlng.lng.toFixed(6);
    placeMarker([latlng.lat, latlng.lng]);
    say(data.picked.replace("%(lat)s", lat.value).replace("%(lon)s", lon.value));
  }

  function clear() {
    lat.value = "";
    lon.value = "";
    if (marker) {
      map.removeLayer(marker);
      marker = null;
    }
    say("");
  }

  // Typed coordinates and "Pakai lokasi saya" move the marker too.
  function followInputs() {
    if (!map) return;
    var point = inputPoint();
    if (point) {
      placeMarker(point);
      map.panTo(point);
    } else if (marker) {
      map.removeLayer(marker);
      marker = null;
    }
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
    var centre = [number(data.centerLat) || 0, number(data.centerLon) || 0];
    var point = inputPoint();
    map = L.map(box, { zoomControl: false, maxZoom: parseInt(data.maxZoom, 10) || 19 });
    map.setView(point || centre, point ? Math.max(zoom, 16) : zoom);
    window.SatuPintuMap.decorate(L, map, data, noTiles);
    if (point) placeMarker(point);
    map.on("click", function (event) {
      pick(event.latlng);
    });
    var centreButton = document.getElementById("map-center");
    if (centreButton) {
      centreButton.addEventListener("click", function () {
        pick(map.getCenter());
      });
    }
    var clearButton = document.getElementById("map-clear");
    if (clearButton) clearButton.addEventListener("click", clear);
    lat.addEventListener("change", followInputs);
    lon.addEventListener("change", followInputs);
  }

  window.SatuPintuMap.panel(button, panel, data, start, failed, function () {
    return map;
  });
})();
