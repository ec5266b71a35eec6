// The 58 mm ticket prints itself once it is shown (a kiosk browser in kiosk-printing mode sends
// it straight to the thermal printer); without JavaScript staff print it from the browser.
window.addEventListener("load", function () {
  "use strict";
  window.print();
});
