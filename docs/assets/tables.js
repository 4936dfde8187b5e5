// Wide tables: say that they scroll. A table wider than its box gets a cue above
// it ("向左滑动查看更多列") and the box is marked so CSS can shade its edge; the cue
// goes once the reader reaches the last column. Without scripts the table still
// scrolls and its first column stays in view (CSS).
(function () {
  "use strict";

  var HINT = "表格较宽，向左滑动查看更多列 →";

  // What a table's box needs, read from its laid-out sizes; applied after every box is read.
  function measure(wrap) {
    var scrollable = wrap.scrollWidth > wrap.clientWidth + 1;
    var atEnd = wrap.scrollLeft + wrap.clientWidth >= wrap.scrollWidth - 1;
    return function write() {
      wrap.toggleAttribute("data-scrollable", scrollable);
      wrap.toggleAttribute("data-scrolled-end", scrollable && atEnd);
      var hint = wrap.previousElementSibling;
      if (!hint || !hint.classList.contains("gz-scroll-hint")) {
        if (!scrollable) return;
        hint = document.createElement("p");
        hint.className = "gz-scroll-hint";
        hint.setAttribute("aria-hidden", "true");
        hint.textContent = HINT;
        wrap.parentNode.insertBefore(hint, wrap);
      }
      hint.hidden = !scrollable;
    };
  }

  // Sizes arrive from the browser after it lays the page out (a ResizeObserver, before that frame
  // is painted), never by asking for them while the page loads: asking would lay out every table
  // at once, and tables out of view are not laid out until the reader nears them (gazette.css).
  // The box and its table are both watched: larger text widens the table, not its box.
  function init() {
    var wraps = document.querySelectorAll(".gz-table-wrap");
    if (!wraps.length || !window.ResizeObserver) return;
    var observer = new ResizeObserver(function (entries) {
      var changed = [];
      entries.forEach(function (entry) {
        var wrap = entry.target.closest(".gz-table-wrap");
        if (wrap && changed.indexOf(wrap) < 0) changed.push(wrap);
      });
      changed.map(measure).forEach(function (write) { write(); });
    });
    Array.prototype.forEach.call(wraps, function (wrap) {
      observer.observe(wrap);
      if (wrap.firstElementChild) observer.observe(wrap.firstElementChild);
    });
    // One listener for every table's sideways scroll (scroll events reach the document when captured).
    document.addEventListener("scroll", function (event) {
      var wrap = event.target;
      if (wrap.classList && wrap.classList.contains("gz-table-wrap")) measure(wrap)();
    }, { capture: true, passive: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
