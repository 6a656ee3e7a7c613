// What every form page does in the browser (it works without it; this makes it better).
(function () {
  "use strict";
  // A form's one-time token survives the Back button: make it a value the person "typed"
  // (not the page's default), so that the browser, which reloads the form with a new token,
  // puts the first one back with the rest of what was typed; sent again, it saves nothing.
  document.querySelectorAll("input[data-once]").forEach(function (input) {
    var token = input.value;
    input.value = token;
    input.defaultValue = "";
  });
  // A form with errors: its summary is where the person lands.
  var summary = document.querySelector("[data-error-summary]");
  if (summary && document.activeElement !== summary) {
    summary.focus();
  }
})();
