// Department task tables: filter by role, sort by deadline. Progressive: the
// table in the HTML is complete without this script; it only adds controls.
// Role ids and labels come from rules.json (window.gazetteRules, rules.js).
(function () {
  "use strict";

  function setup(controls, roleRules) {
    var ROLES = [["", "全部角色"]].concat(roleRules.map(function (r) { return [r.id, r.label]; }));
    var table = document.getElementById(controls.getAttribute("data-for"));
    if (!table) return;
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);

    var label = document.createElement("label");
    label.textContent = "角色:";
    var select = document.createElement("select");
    select.className = "gz-role-filter";
    ROLES.forEach(function (r) {
      var present = !r[0] || rows.some(function (row) { return row.getAttribute("data-role") === r[0]; });
      if (!present) return;
      var opt = document.createElement("option");
      opt.value = r[0];
      opt.textContent = r[1];
      select.appendChild(opt);
    });
    label.appendChild(select);

    var sort = document.createElement("button");
    sort.type = "button";
    sort.className = "gz-sort-deadline md-button";
    sort.setAttribute("aria-pressed", "false");
    sort.textContent = "按期限排序";

    var count = document.createElement("span");
    count.className = "gz-filter-count";
    count.setAttribute("aria-live", "polite");

    function apply() {
      var role = select.value, shown = 0;
      rows.forEach(function (row) {
        var visible = !role || row.getAttribute("data-role") === role;
        row.hidden = !visible;
        if (visible) shown += 1;
      });
      count.textContent = "显示 " + shown + " / " + rows.length + " 项";
    }

    function order() {
      var byDeadline = sort.getAttribute("aria-pressed") === "true";
      var sorted = rows.slice().sort(function (a, b) {
        if (byDeadline) {
          var da = a.getAttribute("data-deadline"), db = b.getAttribute("data-deadline");
          if (da !== db) {
            if (!da) return 1; // undated last
            if (!db) return -1;
            return da < db ? -1 : 1;
          }
        }
        return Number(a.getAttribute("data-order")) - Number(b.getAttribute("data-order"));
      });
      sorted.forEach(function (row) { body.appendChild(row); });
    }

    select.addEventListener("change", apply);
    sort.addEventListener("click", function () {
      var on = sort.getAttribute("aria-pressed") !== "true";
      sort.setAttribute("aria-pressed", on ? "true" : "false");
      sort.textContent = on ? "按原顺序" : "按期限排序";
      order();
    });

    controls.appendChild(label);
    controls.appendChild(sort);
    controls.appendChild(count);
    controls.hidden = false;
    apply();
  }

  function init() {
    if (!window.gazetteRules) return; // without the rules the complete table stays as it is
    window.gazetteRules.ready.then(function (rules) {
      Array.prototype.forEach.call(document.querySelectorAll(".gz-task-controls[data-for]"), function (c) {
        if (!c.getAttribute("data-ready")) {
          c.setAttribute("data-ready", "1");
          setup(c, rules.roles);
        }
      });
    });
  }

  // Material's instant navigation swaps pages without a reload.
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
