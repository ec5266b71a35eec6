// Progressive enhancement of the city map (/peta/): without JavaScript the page is a legend, a
// GET form and a paged list; with it, Leaflet (static/vendor/leaflet, loaded from our own
// host) draws the chosen layers, asking the server for each layer's GeoJSON in the current
// view (bbox) and zoom: clusters come back already counted, so the browser never holds more
// than a few hundred features. "Daftar di area peta ini" submits the form with the view's bbox
// (the list below then shows what is in view).
(function () {
  "use strict";
  var root = document.getElementById("city-map");
  if (!root) return;
  var data = root.dataset;
  var canvas = document.getElementById("city-map-canvas");
  var status = document.getElementById("city-map-status");
  var noTiles = document.getElementById("city-map-no-tiles");
  var bboxInput = document.getElementById("f-bbox");
  var form = document.getElementById("map-filters");
  var keys = (data.layers || "").split(",").filter(Boolean);
  root.hidden = false;

  var map = null;
  var groups = {};
  var requestId = 0;

  function number(value) {
    var parsed = parseFloat(value);
    return isFinite(parsed) ? parsed : null;
  }

  function say(text) {
    if (status) status.textContent = text;
  }

  function viewBox() {
    var b = map.getBounds();
    return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]
      .map(function (v) { return v.toFixed(5); })
      .join(",");
  }

  function clusterIcon(L, key, count) {
    var size = count < 10 ? 28 : count < 100 ? 34 : 42;
    return L.divIcon({
      className: "map-cluster map-cluster-" + key,
      html: "<span>" + String(count) + "</span>",
      iconSize: [size, size],
    });
  }

  function pointIcon(L, key) {
    return L.divIcon({ className: "map-point map-point-" + key, iconSize: [14, 14] });
  }

  function popup(props) {
    var box = document.createElement("div");
    var title = document.createElement(props.url ? "a" : "strong");
    title.textContent = props.title || "";
    if (props.url) title.href = props.url;
    box.appendChild(title);
    if (props.detail) {
      var detail = document.createElement("p");
      detail.textContent = props.detail;
      box.appendChild(detail);
    }
    return box;
  }

  function draw(L, key, collection) {
    var group = groups[key];
    group.clearLayers();
    L.geoJSON(collection, {
      pointToLayer: function (feature, latlng) {
        var props = feature.properties || {};
        if (props.cluster) {
          var marker = L.marker(latlng, {
            icon: clusterIcon(L, key, props.count),
            title: data.clusterLabel.replace("%(n)s", props.count),
            alt: data.clusterLabel.replace("%(n)s", props.count),
          });
          marker.on("click", function () {
            map.setView(latlng, Math.min(map.getZoom() + 2, map.getMaxZoom()));
          });
          return marker;
        }
        return L.marker(latlng, { icon: pointIcon(L, key), title: props.title || "" });
      },
      style: function () {
        return { className: "map-shape map-shape-" + key };
      },
      onEachFeature: function (feature, layer) {
        if (!(feature.properties || {}).cluster) layer.bindPopup(popup(feature.properties));
      },
    }).addTo(group);
  }

  function refresh() {
    var L = window.L;
    var bbox = viewBox();
    var mine = ++requestId;
    var pending = keys.length;
    var total = 0;
    keys.forEach(function (key) {
      var url = data.layerUrl.replace("KEY", encodeURIComponent(key)) +
        "?bbox=" + encodeURIComponent(bbox) + "&zoom=" + map.getZoom() +
        (data.region ? "&wilayah=" + encodeURIComponent(data.region) : "");
      fetch(url, { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (collection) {
          if (mine !== requestId || !collection) return;
          draw(L, key, collection);
          collection.features.forEach(function (f) { total += (f.properties || {}).count || 1; });
        })
        .catch(function () { /* the list below still works */ })
        .then(function () {
          pending -= 1;
          if (pending === 0 && mine === requestId) say(String(total));
        });
    });
  }

  function start() {
    var L = window.L;
    if (!L) {
      root.hidden = true;
      return;
    }
    map = L.map(canvas, { zoomControl: false, maxZoom: number(data.maxZoom) || 19 });
    L.control.zoom({ zoomInTitle: data.zoomIn, zoomOutTitle: data.zoomOut }).addTo(map);
    map.attributionControl.setPrefix(false);
    if (data.tileUrl) {
      var attribution = document.createElement("span");
      attribution.textContent = data.attribution || "";
      L.tileLayer(data.tileUrl, {
        minNativeZoom: number(data.minZoom) || 0,
        maxNativeZoom: number(data.maxNativeZoom) || 19,
        maxZoom: number(data.maxZoom) || 19,
        attribution: attribution.innerHTML,
      }).on("tileload", function () {
        if (noTiles) noTiles.hidden = true;
      }).addTo(map);
    }
    keys.forEach(function (key) { groups[key] = L.layerGroup().addTo(map); });
    var box = (data.bbox || "").split(",").map(number);
    if (box.length === 4 && box.every(function (v) { return v !== null; })) {
      map.fitBounds([[box[1], box[0]], [box[3], box[2]]], { maxZoom: 17, padding: [24, 24] });
    } else {
      map.setView([number(data.centerLat) || 0, number(data.centerLon) || 0],
        number(data.zoom) || 13);
    }
    map.on("moveend", refresh);
    refresh();
    // Another kecamatan or kelurahan: the map opens around it, not in the old view.
    var regionSelect = document.getElementById("f-wilayah");
    if (regionSelect && bboxInput) {
      regionSelect.addEventListener("change", function () { bboxInput.value = ""; });
    }
    var listButton = document.getElementById("city-map-list");
    if (listButton && form) {
      listButton.addEventListener("click", function () {
        if (bboxInput) bboxInput.value = viewBox();
        form.submit();
      });
    }
  }

  var css = document.createElement("link");
  css.rel = "stylesheet";
  css.href = data.leafletCss;
  document.head.appendChild(css);
  var script = document.createElement("script");
  script.src = data.leafletJs;
  script.onload = start;
  script.onerror = function () { root.hidden = true; };
  document.head.appendChild(script);
})();
