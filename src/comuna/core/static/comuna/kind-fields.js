// Parts of a form that only one choice needs: an element marked
// data-shown-when="NAME=VALUE" is shown only while the form's field NAME has VALUE.
// Without JavaScript every part shows, each under its own heading.
(function () {
  "use strict";
  function update(form) {
    form.ownerDocument.querySelectorAll("[data-shown-when]").forEach(function (part) {
      var rule = part.getAttribute("data-shown-when").split("=");
      var field = form.elements.namedItem(rule[0]);
      if (field) {
        part.hidden = field.value !== rule[1];
      }
    });
  }
  function start() {
    document.querySelectorAll("form").forEach(function (form) {
      if (!form.querySelector("[data-shown-when]")) {
        return;
      }
      form.addEventListener("change", function () { update(form); });
      update(form);
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
