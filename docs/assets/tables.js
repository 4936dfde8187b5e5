// Wide tables: say that they scroll. A table wider than its box gets a cue above
// it ("向左滑动查看更多列") and the box is marked so CSS can shade its edge; the cue
// goes once the reader reaches the last column. Without scripts the table still
// scrolls and its first column stays in view (CSS).
(function () {
  "use strict";

  function mark(wrap) {
    var hint = wrap.previousElementSibling;
    if (!hint || !hint.classList.contains("gz-scroll-hint")) {
      hint = document.createElement("p");
      hint.className = "gz-scroll-hint";
      hint.setAttribute("aria-hidden", "true");
      hint.textContent = "表格较宽，向左滑动查看更多列 →";
      wrap.parentNode.insertBefore(hint, wrap);
    }
    function update() {
      var scrollable = wrap.scrollWidth > wrap.clientWidth + 1;
      var atEnd = wrap.scrollLeft + wrap.clientWidth >= wrap.scrollWidth - 1;
      wrap.toggleAttribute("data-scrollable", scrollable);
      wrap.toggleAttribute("data-scrolled-end", scrollable && atEnd);
      hint.hidden = !scrollable;
    }
    wrap.addEventListener("scroll", update, { passive: true });
    return update;
  }

  function init() {
    var updates = Array.prototype.map.call(document.querySelectorAll(".gz-table-wrap"), mark);
    function all() { updates.forEach(function (u) { u(); }); }
    all();
    window.addEventListener("resize", all);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
