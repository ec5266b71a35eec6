// What the map enhancements share (map-picker.js, pokir-line.js): Leaflet
// (static/vendor/leaflet) and the tiles load only when a map panel is first opened, so pages
// stay light on a slow link, and the city's self-hosted tile layer is set up one way.
// Load this file before the scripts that use it (deferred scripts run in document order).
(function () {
  "use strict";

  function loadLeaflet(data, ready, failed) {
    if (window.L) {
      ready();
      return;
    }
    var pending = 2;
    function done() {
      pending -= 1;
      if (pending === 0) ready();
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

  // `button` toggles the hidden `panel`; its first opening loads Leaflet and calls `start`,
  // later openings tell the map (from `currentMap`) that its box may have changed size.
  function panel(button, box, data, start, failed, currentMap) {
    var requested = false;
    button.addEventListener("click", function () {
      var opening = box.hidden;
      box.hidden = !opening;
      button.setAttribute("aria-expanded", opening ? "true" : "false");
      if (!opening) return;
      if (!requested) {
        requested = true;
        loadLeaflet(data, start, failed);
        return;
      }
      var map = currentMap();
      if (map) map.invalidateSize();
    });
  }

  // The zoom buttons with translated titles, no "Leaflet" prefix, and the tile layer the
  // page names (`data-tile-url`); `noTiles` is shown while no tile could be loaded.
  function decorate(L, map, data, noTiles) {
    L.control.zoom({ zoomInTitle: data.zoomIn, zoomOutTitle: data.zoomOut }).addTo(map);
    map.attributionControl.setPrefix(false);
    if (!data.tileUrl) {
      if (noTiles) noTiles.hidden = false;
      return;
    }
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
  }

  window.SatuPintuMap = { panel: panel, decorate: decorate };
})();
