// Progressive enhancement: "Pilih titik di peta" opens a map; a click or tap on it fills the
// latitude/longitude inputs. Leaflet (static/vendor/leaflet) and the tiles load only when the
// panel is first opened, so the form stays light; without JavaScript the panel stays hidden
// and the kelurahan select, RT, street and coordinate inputs work as before.
(function () {
  "use strict";
  var root = document.getElementById("map-picker");
  if (!root) return;
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

  var requested = false;
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
    L.control.zoom({ zoomInTitle: data.zoomIn, zoomOutTitle: data.zoomOut }).addTo(map);
    map.attributionControl.setPrefix(false);
    if (data.tileUrl) {
      var attribution = document.createElement("span");
      attribution.textContent = data.attribution || "";
      var layer = L.tileLayer(data.tileUrl, {
        minZoom: 0,
        minNativeZoom: parseInt(data.minZoom, 10) || 0,
        maxNativeZoom: parseInt(data.maxNativeZoom, 10) || 19,
        maxZoom: parseInt(data.maxZoom, 10) || 19,
        attribution: attribution.innerHTML,
      });
      var loadedTiles = 0;
      layer.on("tileload", function () {
        loadedTiles += 1;
        if (noTiles) noTiles.hidden = true;
      });
      layer.on("tileerror", function () {
        if (!loadedTiles && noTiles) noTiles.hidden = false;
      });
      layer.addTo(map);
    } else if (noTiles) {
      noTiles.hidden = false;
    }
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

  function load() {
    requested = true;
    var pending = 2;
    function done() {
      pending -= 1;
      if (pending === 0) start();
    }
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = data.leafletCss;
    css.onload = done;
    css.onerror = done; // unstyled, but still usable
    document.head.appendChild(css);
    var script = document.createElement("script");
    script.src = data.leafletJs;
    script.onload = done;
    script.onerror = failed;
    document.head.appendChild(script);
  }

  button.addEventListener("click", function () {
    var opening = panel.hidden;
    panel.hidden = !opening;
    button.setAttribute("aria-expanded", opening ? "true" : "false");
    if (!opening) return;
    if (!requested) load();
    else if (map) map.invalidateSize();
  });
})();
