// 字号 大/中/小: the reader's choice is remembered (localStorage) and set on <html> before the
// first paint (this script is loaded in <head>), so a page never jumps when it loads.
// The attribute is always set ("" for 中), so CSS shows what needs scripts (this control, 复制引用)
// only when scripts run, from the first paint.
(function () {
  "use strict";
  var KEY = "gz-text-size";
  var SIZES = ["large", "", "small"];
  var root = document.documentElement;

  function stored() {
    try { var v = localStorage.getItem(KEY) || ""; return SIZES.indexOf(v) >= 0 ? v : ""; } catch (e) { return ""; }
  }

  function apply(size) {
    root.setAttribute("data-gz-size", size);
    document.querySelectorAll(".gz-textsize button").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.dataset.size === size));
    });
  }

  apply(stored());

  function init() {
    apply(stored());
    document.querySelectorAll(".gz-textsize button").forEach(function (b) {
      b.addEventListener("click", function () {
        try { localStorage.setItem(KEY, b.dataset.size); } catch (e) { /* private mode: this page only */ }
        apply(b.dataset.size);
        window.dispatchEvent(new Event("resize"));  // what is sized from the window re-measures
      });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
