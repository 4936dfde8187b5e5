// Department pages: filter tasks by role, sort by deadline, subscribe to the calendar;
// the 部门 index: filter units by name. Progressive: every page is complete
// without this script; it only adds controls.
// Role ids and labels, and the compare key names are matched by, come from rules.json
// (window.gazetteRules, rules.js).
(function () {
  "use strict";

  function setup(controls, roleRules) {
    var ROLES = [["", "全部角色"]].concat(roleRules.map(function (r) { return [r.id, r.label]; }));
    var table = document.getElementById(controls.getAttribute("data-for"));
    if (!table) return;
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);

    var label = document.createElement("label");
    label.textContent = "角色：";
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
    count.setAttribute("role", "status");
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

    // The choice stays in the address (?role=lead&sort=deadline): a link or a reload keeps it.
    function remember() {
      var url = new URL(location.href);
      if (select.value) url.searchParams.set("role", select.value); else url.searchParams.delete("role");
      if (sort.getAttribute("aria-pressed") === "true") url.searchParams.set("sort", "deadline");
      else url.searchParams.delete("sort");
      history.replaceState(history.state, "", url.href);
    }

    function setSort(on) {
      sort.setAttribute("aria-pressed", on ? "true" : "false");
      sort.textContent = on ? "按原顺序" : "按期限排序";
      order();
    }

    select.addEventListener("change", function () { apply(); remember(); });
    sort.addEventListener("click", function () {
      setSort(sort.getAttribute("aria-pressed") !== "true");
      remember();
    });
    var params = new URLSearchParams(location.search);
    var wanted = params.get("role");
    if (wanted && Array.prototype.some.call(select.options, function (o) { return o.value === wanted; })) select.value = wanted;
    if (params.get("sort") === "deadline") setSort(true);

    controls.appendChild(label);
    controls.appendChild(sort);
    controls.appendChild(count);
    controls.hidden = false;
    apply();
  }

  // The calendar link becomes a webcal: subscription to the same file on the
  // host the reader is on (without scripts it stays a plain download).
  function webcal(link) {
    var url = new URL(link.getAttribute("href"), location.href);
    link.href = "webcal://" + url.host + url.pathname;
  }

  // 部门 index: narrow the list by any part of a unit's name or alias (compare keys, so
  // full-width letters, brackets of either style and spaces in the query do not matter).
  function filterList(form, compareKey) {
    var input = form.querySelector("input");
    var count = form.querySelector(".gz-filter-count");
    var items = Array.prototype.slice.call(document.querySelectorAll(".gz-dept-list li[data-names]"));
    var keys = items.map(function (li) { return li.getAttribute("data-names").split(" ").map(compareKey); });
    var groups = Array.prototype.slice.call(document.querySelectorAll(".gz-dept-group"));
    function apply() {
      var q = compareKey(input.value), shown = 0;
      items.forEach(function (li, i) {
        var on = !q || keys[i].some(function (key) { return key.indexOf(q) >= 0; });
        li.hidden = !on;
        if (on) shown += 1;
      });
      groups.forEach(function (g) { g.hidden = !g.querySelector("li[data-names]:not([hidden])"); });
      count.textContent = q ? "找到 " + shown + " 个" : "";
    }
    input.addEventListener("input", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply();
  }

  function once(element, fn) {
    if (!element.getAttribute("data-ready")) {
      element.setAttribute("data-ready", "1");
      fn(element);
    }
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("a[data-webcal]"), function (a) { once(a, webcal); });
    if (!window.gazetteRules) return; // without the rules the complete page stays as it is
    window.gazetteRules.ready.then(function (rules) {
      Array.prototype.forEach.call(document.querySelectorAll("form.gz-dept-filter"), function (f) {
        once(f, function (element) { filterList(element, rules.compareKey); });
      });
      Array.prototype.forEach.call(document.querySelectorAll(".gz-task-controls[data-for]"), function (c) {
        once(c, function (element) { setup(element, rules.roles); });
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
