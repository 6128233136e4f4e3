/* Briefing: the Search page's interface (Pagefind, from the site's own
   pagefind/ folder written by `briefing build`; nothing fetched elsewhere).
   Loaded on every page by mkdocs.yml but does nothing unless the page has the
   search box (search.md): then it loads Pagefind's UI script and stylesheet
   from the folder the box names, and runs a query given as ?q=. */
(function () {
  "use strict";
  function start() {
    var box = document.getElementById("search-ui");
    if (!box) return;
    var bundle = new URL(box.getAttribute("data-bundle") || "pagefind/", window.location.href);
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = new URL("pagefind-ui.css", bundle).href;
    document.head.appendChild(css);
    var js = document.createElement("script");
    js.src = new URL("pagefind-ui.js", bundle).href;
    js.onload = function () {
      // results are site paths ("/actors/x.html"): put them under where the site is served
      var ui = new window.PagefindUI({
        element: "#search-ui", showSubResults: true, showImages: false, excerptLength: 30,
        autofocus: true, baseUrl: new URL("..", bundle).pathname
      });
      var q = new URLSearchParams(window.location.search).get("q");
      if (q) ui.triggerSearch(q);
    };
    js.onerror = function () {
      box.textContent = "The search index is missing: build the site with `briefing build` "
        + "and open it through a web server (`briefing serve`).";
    };
    document.head.appendChild(js);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
