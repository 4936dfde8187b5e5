// 任务期限 page: filter the deadlines by unit. Progressive: the page lists every
// deadline without this script (and each unit's page lists its own); the script
// only reveals the filter, keeps it in the address (?unit=code) and hides
// months left empty, in the tables and in the jump-to-month list.
(function () {
  "use strict";

  function setup(form) {
    var select = form.querySelector("select");
    var count = form.querySelector(".gz-filter-count");
    var sections = Array.prototype.slice.call(document.querySelectorAll(".gz-month"));
    var total = document.querySelectorAll(".gz-month tbody tr").length;

    function apply() {
      var code = select.value, shown = 0;
      sections.forEach(function (section) {
        var visible = 0;
        Array.prototype.forEach.call(section.querySelectorAll("tbody tr"), function (row) {
          var on = !code || (" " + row.getAttribute("data-units") + " ").indexOf(" " + code + " ") >= 0;
          row.hidden = !on;
          if (on) visible += 1;
        });
        section.hidden = visible === 0;
        var link = document.querySelector('.gz-month-jump a[data-month="' + section.getAttribute("data-month") + '"]');
        if (link) link.hidden = visible === 0;
        shown += visible;
      });
      count.textContent = "显示 " + shown + " / " + total + " 项";
      var url = new URL(location.href);
      if (code) url.searchParams.set("unit", code); else url.searchParams.delete("unit");
      history.replaceState(null, "", url.href);
    }

    var wanted = new URLSearchParams(location.search).get("unit");
    if (wanted && select.querySelector('option[value="' + CSS.escape(wanted) + '"]')) select.value = wanted;
    select.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply();
  }

  function init() {
    var form = document.querySelector("form.gz-unit-filter");
    if (form && !form.getAttribute("data-ready")) {
      form.setAttribute("data-ready", "1");
      setup(form);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
