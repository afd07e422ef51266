// The embed page (overrides/embed.html), inside a clinic's own page: it tells the page around it how
// tall it is, at load and at every change of size, so the clinic's frame can fit it (HOSTING.md has
// the lines the clinic adds), and every link to another page opens outside the frame.
(function () {
  if (window.parent === window) return;
  // The message's type, which the clinic's lines check with the sender's origin.
  var TYPE = "ketamine-self-check:height";
  // The page's own content, not the frame: the theme stretches its boxes to the frame's height, so
  // the article's bottom (with its margin) is what the frame must show.
  var article = document.querySelector(".md-content__inner") || document.body;
  var last = 0;
  function send() {
    var bottom = article.getBoundingClientRect().bottom + window.scrollY;
    var height = Math.ceil(bottom + parseFloat(getComputedStyle(article).marginBottom || "0"));
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: TYPE, height: height }, "*");
  }
  new ResizeObserver(send).observe(article);
  addEventListener("load", send);
  // A link to a part of this page stays in the frame; any other opens in the clinic's whole window.
  function outside(link) {
    var url = new URL(link.href, location.href);
    var here = url.origin === location.origin && url.pathname === location.pathname && url.search === location.search;
    if (!link.target && !(here && url.hash)) link.target = "_top";
  }
  document.querySelectorAll("a[href]").forEach(outside);
  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element && event.target.closest("a[href]");
    if (link) outside(link);
  }, true);
})();
