/* Files that take a few seconds to make (a census export, a council's household cards) say
   so while they are made. A link marked data-download="Preparing the file…" is fetched
   here instead of followed: the words show beside it (announced to screen readers) until the
   file arrives and is saved under the name the server gives. Without JavaScript, or when the
   server answers with an error page, the link works as any link does. No library, no CDN. */
(function () {
  "use strict";

  function statusFor(link) {
    var holder = link.closest(".actions") || link.parentElement;
    var status = holder.nextElementSibling;
    if (!status || !status.classList.contains("download-status")) {
      status = document.createElement("p");
      status.className = "download-status";
      status.setAttribute("role", "status");
      status.setAttribute("data-testid", "download-status");
      holder.insertAdjacentElement("afterend", status);
    }
    return status;
  }

  function filenameOf(response) {
    var disposition = response.headers.get("Content-Disposition") || "";
    var match = /filename="?([^";]+)"?/.exec(disposition);
    return match ? match[1] : "";
  }

  function save(blob, filename) {
    var url = URL.createObjectURL(blob);
    var anchor = document.createElement("a");
    anchor.href = url;
    anchor.download = filename;
    anchor.hidden = true;
    document.body.appendChild(anchor);
    anchor.click();
    anchor.remove();
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-download]");
    if (!link || !window.fetch || event.ctrlKey || event.metaKey || event.shiftKey) {
      return;
    }
    event.preventDefault();
    if (link.getAttribute("aria-busy") === "true") {
      return;  // a second tap while the file is being made asks for nothing more
    }
    var status = statusFor(link);
    link.setAttribute("aria-busy", "true");
    status.textContent = link.getAttribute("data-download");
    fetch(link.href, { credentials: "same-origin" })
      .then(function (response) {
        var kind = response.headers.get("Content-Type") || "";
        if (!response.ok || kind.indexOf("text/html") === 0) {
          window.location.href = link.href;  // the page that explains it, as without us
          return null;
        }
        return response.blob().then(function (blob) { save(blob, filenameOf(response)); });
      })
      .catch(function () { window.location.href = link.href; })
      .then(function () {
        link.removeAttribute("aria-busy");
        status.textContent = "";
      });
  });
})();
