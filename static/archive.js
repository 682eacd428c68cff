/* What the archive's pages do in the browser; loaded on every page by templates/base.html. */

/* The text alternative of a chart or map that a plugin draws from the rows of a page (static/charts.js's chart,
   datasette-cluster-map's map): the rows' own table, which holds the same data as text.
   templates/_table.html and query.html give that table's region the id "rows". Each picture is named as a picture
   of those rows; one drawn outside that region (the map, above the table) is preceded by a link to it, so that
   the keyboard reaches the table without passing every marker of the map. */
(function () {
  "use strict";

  // The outermost element of each kind of picture the plugins draw, and what to call it.
  var PICTURES = [
    { selector: ".leaflet-container", kind: "Map" },
    { selector: ".archive-chart", kind: "Chart" },
  ];

  function describe(picture, kind, rows) {
    if (picture.hasAttribute("data-text-alternative")) {
      return;
    }
    picture.setAttribute("data-text-alternative", rows.id);
    picture.setAttribute("role", "figure");
    picture.setAttribute("aria-label", kind + " of the rows in the table that follows, which holds the same data as text");
    var frame = picture.parentElement;
    if (["auto", "scroll"].indexOf(getComputedStyle(frame).overflowX) !== -1) {
      // a chart wider than a phone scrolls in its frame: the keyboard can reach the frame, and so scroll it
      frame.setAttribute("tabindex", "0");
      frame.setAttribute("role", "region");
      frame.setAttribute("aria-label", kind);
    }
    if (!rows.contains(picture)) {
      var link = document.createElement("a");
      link.className = "text-alternative";
      link.href = "#" + rows.id;
      link.textContent = "Skip the " + kind.toLowerCase() + ": the same data as a table";
      picture.parentNode.insertBefore(link, picture);
    }
  }

  function describeAll() {
    var rows = document.getElementById("rows");
    if (!rows) {
      return;
    }
    PICTURES.forEach(function (picture) {
      document.querySelectorAll(picture.selector).forEach(function (element) {
        describe(element, picture.kind, rows);
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    describeAll();
    // the plugins draw after the page has loaded, and draw a chart again when its settings change
    new MutationObserver(describeAll).observe(document.querySelector("main") || document.body, { childList: true, subtree: true });
  });
})();
