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

// Two small helps for a phone, and nothing else: every page works without this file.
//
// 1. The site menu folds behind one button, so the header is one line until it is pressed
//    (without the script the menu simply stays open).
// 2. A table wider than the screen scrolls inside its own frame (.table-wrap), never the page.
//    Such a frame gets a visible hint, a name and a place in the tab order, so that keyboard and
//    screen reader users can reach and scroll it too.
(function () {
  "use strict";

  var header = document.querySelector("[data-menu]");
  var button = header && header.querySelector("[data-menu-toggle]");
  if (button) {
    var show = function (open) {
      header.classList.toggle("menu-open", open);
      button.setAttribute("aria-expanded", open ? "true" : "false");
    };
    header.classList.add("menu-folds");
    show(false);
    button.addEventListener("click", function () {
      show(!header.classList.contains("menu-open"));
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && header.classList.contains("menu-open")) {
        show(false);
        button.focus();
      }
    });
  }

  function nameOf(wrap) {
    var caption = wrap.querySelector("caption");
    if (caption) {
      return caption.textContent.trim();
    }
    for (var node = wrap.previousElementSibling; node; node = node.previousElementSibling) {
      if (/^H[1-6]$/.test(node.tagName)) {
        return node.textContent.trim();
      }
    }
    return "";
  }

  function frameTables(root) {
    var hintText = document.body.getAttribute("data-scroll-hint") || "";
    var wraps = root.querySelectorAll(".table-wrap");
    for (var i = 0; i < wraps.length; i++) {
      var wrap = wraps[i];
      var wide = wrap.scrollWidth > wrap.clientWidth + 1;
      var hint = wrap.previousElementSibling;
      var hasHint = hint && hint.classList.contains("scroll-hint");
      if (wide && !hasHint) {
        hint = document.createElement("p");
        hint.className = "scroll-hint";
        hint.id = "scroll-hint-" + i;
        hint.textContent = hintText;
        wrap.parentNode.insertBefore(hint, wrap);
        wrap.setAttribute("role", "region");
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("aria-label", nameOf(wrap) || hintText);
        wrap.setAttribute("aria-describedby", hint.id);
      } else if (!wide && hasHint) {
        hint.parentNode.removeChild(hint);
        wrap.removeAttribute("role");
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("aria-label");
        wrap.removeAttribute("aria-describedby");
      }
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    frameTables(document);
  });
  window.addEventListener("resize", function () {
    frameTables(document);
  });
  document.addEventListener("htmx:afterSettle", function () {
    frameTables(document);
  });
})();
