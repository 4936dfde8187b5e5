// A link into a page lands where it points. Out of view, a clause, a card or a list entry is laid
// out at an estimated height until the reader comes near it (content-visibility in gazette.css,
// on pages with .gz-document, table.gz-cards, .gz-dept-docs or .gz-issue-list). After a jump the
// blocks just above the target are laid out at their own height, and the browser does not keep
// the target in place: a month of the 任务期限 page or a section of a unit's page ended up one to
// three screens below where the reader was sent. So the jump is made again, frame after frame,
// until the target stays where it is put (the blocks around it then have their own heights), and
// never once the reader scrolls, touches, clicks or types.
(function () {
  "use strict";

  var STILL = 5;  // frames in a row in which the target did not move: the blocks near it are laid out
  var LIMIT = 120;  // frames at most (two seconds at 60 a second)
  var READER = ["wheel", "touchstart", "pointerdown", "keydown"];

  function target() {
    var id = location.hash.slice(1);
    if (!id) return null;
    try { id = decodeURIComponent(id); } catch (error) { /* the address's own spelling */ }
    return document.getElementById(id);
  }

  var running = null;

  function hold(element) {
    if (running) running();
    var frames = 0, still = 0, last = null, stopped = false;
    function stop() {
      stopped = true;
      running = null;
      READER.forEach(function (type) { removeEventListener(type, stop, true); });
    }
    running = stop;
    READER.forEach(function (type) { addEventListener(type, stop, { capture: true, passive: true }); });
    function frame() {
      if (stopped) return;
      var top = element.getBoundingClientRect().top;  // where the last frame's layout left it
      still = last !== null && Math.abs(top - last) < 1 ? still + 1 : 0;
      frames += 1;
      if (still >= STILL || frames >= LIMIT) { stop(); return; }
      element.scrollIntoView({ block: "start", behavior: "instant" });
      last = element.getBoundingClientRect().top;
      requestAnimationFrame(frame);
    }
    requestAnimationFrame(frame);
  }

  function jumped() {
    var element = target();
    if (element) hold(element);
  }

  // A page opened at an address with a fragment (a link, a citation); not a reload or a step back,
  // where the browser puts the reader back where they were.
  var entry = performance.getEntriesByType ? performance.getEntriesByType("navigation")[0] : null;
  if (!entry || entry.type === "navigate") jumped();
  addEventListener("hashchange", jumped);
})();
