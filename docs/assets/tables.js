// Wide tables: say that they scroll. A table wider than its box gets a cue above
// it ("向左滑动查看更多列") and the box is marked so CSS can shade its edge; the cue
// goes once the reader reaches the last column. Without scripts the table still
// scrolls and its first column stays in view (CSS).
(function () {
  "use strict";

  // Measure every table first, then mark them: reading sizes between writes would lay the page
  // out again for each table (a long document has dozens), blocking a slow phone's main thread.
  function mark(wrap) {
    var hint = wrap.previousElementSibling;
    if (!hint || !hint.classList.contains("gz-scroll-hint")) {
      hint = document.createElement("p");
      hint.className = "gz-scroll-hint";
      hint.setAttribute("aria-hidden", "true");
      hint.hidden = true;
      hint.textContent = "表格较宽，向左滑动查看更多列 →";
      wrap.parentNode.insertBefore(hint, wrap);
    }
    function measure() {
      var scrollable = wrap.scrollWidth > wrap.clientWidth + 1;
      var atEnd = wrap.scrollLeft + wrap.clientWidth >= wrap.scrollWidth - 1;
      return function write() {
        wrap.toggleAttribute("data-scrollable", scrollable);
        wrap.toggleAttribute("data-scrolled-end", scrollable && atEnd);
        hint.hidden = !scrollable;
      };
    }
    wrap.addEventListener("scroll", function () { measure()(); }, { passive: true });
    return measure;
  }

  function init() {
    var measures = Array.prototype.map.call(document.querySelectorAll(".gz-table-wrap"), mark);
    var pending = false;
    function all() {
      pending = false;
      measures.map(function (m) { return m(); }).forEach(function (write) { write(); });
    }
    all();
    window.addEventListener("resize", function () {
      if (!pending) { pending = true; requestAnimationFrame(all); }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
