// The domain rules for the other scripts: text normalisation, 文号 grammar, issuer families,
// roles, anchor scheme, department kinds and facets, read from assets/rules.json, which the build writes
// from their one definition in Python (gazette/publish/rules.py). Nothing here restates a
// rule; this file only interprets rules.json.
//
//   window.gazetteRules.ready.then(function (rules) { rules.parseWenhao("衢政办发 2018 33"); });
(function () {
  "use strict";
  if (window.gazetteRules) return;
  var script = document.currentScript;
  // Fetched from assets/, or held by the search page, whose copy names its address (data-src).
  var here = script && (script.src || (script.dataset.src && new URL(script.dataset.src, location.href).href));
  var url = new URL("rules.json", here || location.href);
  // The page's own copy of a file the scripts would fetch from ``address`` (the search page holds
  // meta.bin and rules.json: gazette/publish/entry.py), found by the address it names; null when
  // the page holds none.
  function held(address) {
    var blocks = document.querySelectorAll('script[type="application/json"][data-src]');
    for (var i = 0; i < blocks.length; i++) {
      if (new URL(blocks[i].dataset.src, location.href).href === String(address) && blocks[i].textContent) {
        return blocks[i].textContent;
      }
    }
    return null;
  }
  function heldRules() {
    var text = held(url.href);
    try { return text && JSON.parse(text); } catch (e) { return null; } // then fetched
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return String(values[key]); });
  }

  // Text keys (gazette/vocab/normalize.py): the same tables, applied the same way.
  function normalizer(n) {
    var dropAll = new RegExp(n.drop, "gu");
    function fold(text) { return String(text).normalize(n.form); }
    return {
      fold: fold,
      compareKey: function (text) {
        return Array.from(fold(text).replace(dropAll, "")).map(function (c) {
          return Object.prototype.hasOwnProperty.call(n.brackets, c) ? n.brackets[c] : c;
        }).join("");
      },
    };
  }

  function make(rules) {
    var w = rules.wenhao;
    var text = normalizer(rules.normalize);
    var query = new RegExp(w.pattern, w.flags);
    var labels = {};
    rules.roles.forEach(function (role) { labels[role.id] = role.label; });
    function number(digits) { return Number(text.fold(digits)); }
    return {
      rules: rules,
      roles: rules.roles,
      facets: rules.facets,
      departmentKinds: rules.department_kinds,
      issuers: rules.issuers,
      fold: text.fold,
      compareKey: text.compareKey,
      // What a reader typed → {prefix ("" when none), year, seq}, or null.
      parseWenhao: function (input) {
        var m = query.exec(text.fold(input));
        if (!m) return null;
        return { prefix: m.groups.prefix, year: number(m.groups.year), seq: number(m.groups.seq) };
      },
      canonicalWenhao: function (parsed) { return fill(w.canonical, parsed); },
      // "2018-05-03" → the day as pages write it; "" for anything else.
      formatDate: function (iso) {
        var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
        return m ? fill(rules.dates.day, { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }) : "";
      },
      rowId: function (table, n) { return fill(rules.anchors.row, { table: table, n: n }); },
      roleLabel: function (id) { return labels[id]; },
    };
  }

  // Fetched on first use only: a page that never asks (most documents) makes no request for it.
  var loading = null;
  window.gazetteRules = {
    url: url.href,
    held: held,
    get ready() {
      if (!loading) {
        var copy = heldRules();
        var attempt = copy ? Promise.resolve(copy).then(make) : fetch(url).then(function (response) {
          if (!response.ok) throw new Error("rules.json: HTTP " + response.status);
          return response.json();
        }).then(make);
        loading = attempt;
        // A failure is not kept: the next use (a reader's retry) fetches again.
        attempt.catch(function () { if (loading === attempt) loading = null; });
      }
      return loading;
    },
  };
  // For a script that ran before this one (async on the search page: search.js).
  document.dispatchEvent(new Event("gazette:rules"));
})();
