// "Use my location": fills the latitude and longitude of the report with the browser's.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-locate]");
    if (!button) return;
    var status = document.querySelector("[data-locate-status]");
    var form = button.form;
    if (!navigator.geolocation || !form) {
      if (status) status.textContent = button.dataset.failed;
      return;
    }
    if (status) status.textContent = button.dataset.locating;
    navigator.geolocation.getCurrentPosition(
      function (position) {
        form.elements.latitude.value = position.coords.latitude.toFixed(6);
        form.elements.longitude.value = position.coords.longitude.toFixed(6);
        if (status) status.textContent = "✓";
      },
      function () {
        if (status) status.textContent = button.dataset.failed;
      },
      { timeout: 10000 }
    );
  });
})();
