/* Print: give every link in the page's content its full address (data-url),
   which docs/assets/print.css prints after the link text. The links
   themselves stay relative, so the site works at any address. */
(function () {
  "use strict";
  document.querySelectorAll(".md-content a[href]").forEach(function (a) {
    a.setAttribute("data-url", a.href);
  });
})();
