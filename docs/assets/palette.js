// Light and dark: the header toggle (overrides/partials/palette.html, from the palette in
// mkdocs.yml) without Material's palette component. That component restyled the whole page
// three or four times on every load (it inserts color-scheme and theme-color tags and marks
// the body while it re-applies the colors the body already has) — on a phone, long tasks
// before the reader can scroll. Here a load changes nothing unless the colors differ.
// The same stored choice as Material's ("__palette", which the theme's inline script applies
// before the first paint); until the reader chooses, the page follows the system.
(function () {
  "use strict";

  var form = document.querySelector("form[data-gz-palette]");
  if (!form || typeof __md_get !== "function" || typeof __gz_palette !== "object") return;
  var inputs = Array.prototype.slice.call(form.querySelectorAll("input"));
  var body = document.body;
  var STYLED = ["scheme", "primary", "accent"];  // what the theme's CSS reads (not media)

  // An input's colours, the stored choice and the palette the system asks for are defined once,
  // by the header's inline script (overrides/partials/javascripts/palette.html), which applied the
  // system's palette before the first paint when nothing is stored.
  function palette(index) {
    return { index: index, color: __gz_palette.colour(inputs[index]) };
  }

  function stored() {
    var value = __gz_palette.stored();
    return value && value.color && inputs[value.index] ? value.index : -1;
  }

  function system() {
    return __gz_palette.system(inputs);
  }

  // The header's color for the browser's own bar, read once the page has been drawn (reading
  // styles earlier would compute them all while the page loads).
  var themeColor = null;
  function paintThemeColor() {
    requestAnimationFrame(function () {
      setTimeout(function () {
        var header = document.querySelector(".md-header");
        if (!header) return;
        if (!themeColor) {
          themeColor = document.createElement("meta");
          themeColor.name = "theme-color";
          document.head.appendChild(themeColor);
        }
        themeColor.content = getComputedStyle(header).backgroundColor;
      });
    });
  }

  // Apply palette ``index``: the body's colors (only those that differ), the toggle that
  // leads to the next palette; transitions are off while the colors change.
  function apply(index) {
    var next = palette(index).color;
    var changed = STYLED.some(function (key) { return body.getAttribute("data-md-color-" + key) !== next[key]; });
    if (changed) {
      body.setAttribute("data-md-color-switching", "");
      Object.keys(next).forEach(function (key) { body.setAttribute("data-md-color-" + key, next[key]); });
      setTimeout(function () { body.removeAttribute("data-md-color-switching"); });
    }
    inputs[index].checked = true;
    inputs.forEach(function (input, i) {
      var label = input.nextElementSibling;
      if (label && label.tagName === "LABEL") label.hidden = i !== index;
    });
    if (changed || !themeColor) paintThemeColor();
  }

  var current = stored();
  apply(current >= 0 ? current : system());

  // The reader's choice is remembered on every page of the site.
  inputs.forEach(function (input, index) {
    input.addEventListener("change", function () {
      if (!input.checked) return;
      __md_set("__palette", palette(index));
      current = index;
      apply(index);
    });
  });
  // Enter on the focused toggle switches too (radio buttons otherwise take only Space and arrows).
  form.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") return;
    var index = inputs.indexOf(event.target);
    if (index < 0) return;
    event.preventDefault();
    var next = inputs[(index + 1) % inputs.length];
    next.click();
    next.focus();
  });
  // Until the reader chooses, a change of the system's scheme is followed at once.
  inputs.forEach(function (input) {
    var media = input.getAttribute("data-md-color-media");
    if (!media) return;
    window.matchMedia(media).addEventListener("change", function (event) {
      if (event.matches && stored() < 0) apply(inputs.indexOf(input));
    });
  });
})();
