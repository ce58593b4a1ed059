// marquee: progressive enhancement only. Every control is a plain link or form that works
// without this script; with it, the review filters on a film page swap the reviews in
// place (fetching the same address the link names) instead of reloading the page.
(function () {
  "use strict";
  function swap(url, push) {
    var current = document.getElementById("reviews");
    if (!current) { window.location.href = url; return; }
    current.setAttribute("aria-busy", "true");
    fetch(url, { headers: { Accept: "text/html" } })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.text(); })
      .then(function (html) {
        var next = new DOMParser().parseFromString(html, "text/html").getElementById("reviews");
        if (!next) { throw new Error("no reviews"); }
        current.replaceWith(next);
        if (push) { history.pushState({ reviews: true }, "", url); }
        var chosen = next.querySelector(".review-filters a.active");
        if (chosen) { chosen.focus({ preventScroll: true }); }
      })
      .catch(function () { window.location.href = url; });
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".review-filters a, .review-pager a");
    if (!link || event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) { return; }
    event.preventDefault();
    swap(link.href, true);
  });
  window.addEventListener("popstate", function () {
    if (document.getElementById("reviews")) { swap(window.location.href, false); }
  });
  document.documentElement.classList.add("js");
})();
