// Progressive enhancement: fill latitude/longitude from the phone's location. Without
// JavaScript (or without permission) the kelurahan select and the fields still work.
(function () {
  var button = document.getElementById("use-location");
  var lat = document.getElementById("id_latitude");
  var lon = document.getElementById("id_longitude");
  if (!button || !lat || !lon || !("geolocation" in navigator)) return;
  button.hidden = false;
  button.addEventListener("click", function () {
    navigator.geolocation.getCurrentPosition(function (pos) {
      lat.value = pos.coords.latitude.toFixed(6);
      lon.value = pos.coords.longitude.toFixed(6);
      // The map picker (map-picker.js), when open, moves its marker here.
      lat.dispatchEvent(new Event("change"));
      lon.dispatchEvent(new Event("change"));
    });
  });
})();
