// The little behaviour Comuna's pages have, kept out of the pages themselves: the
// Content-Security-Policy (core/headers.py) runs no inline script or event handler.
(function () {
  "use strict";

  // A select marked data-autosubmit sends its form when it changes (filters of a list).
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target instanceof HTMLSelectElement && target.hasAttribute("data-autosubmit") && target.form) {
      target.form.submit();
    }
  });

  // A button marked data-submit-once is disabled once its form is sent: a second click does
  // not send it again. Disabled after the submission has taken the button's value.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement)) return;
    form.querySelectorAll("[data-submit-once]").forEach(function (button) {
      window.setTimeout(function () { button.disabled = true; }, 0);
    });
  });

  // A refusal answered to htmx (403, 404, 400…) is shown where the answer would have gone,
  // so that the person reads why instead of seeing nothing happen.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var status = event.detail.xhr.status;
    if (status >= 400 && status < 600) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
})();
