// The domain rules for the other scripts: 文号 grammar, issuer families, roles, anchor
// scheme, department kinds and facets, read from assets/rules.json, which the build writes
// from their one definition in Python (gazette/publish/rules.py). Nothing here restates a
// rule; this file only interprets rules.json.
//
//   window.gazetteRules.ready.then(function (rules) { rules.parseWenhao("衢政办发 2018 33"); });
(function () {
  "use strict";
  if (window.gazetteRules) return;
  var script = document.currentScript;
  var url = new URL("rules.json", script && script.src ? script.src : location.href);

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return String(values[key]); });
  }

  function make(rules) {
    var w = rules.wenhao;
    var query = new RegExp(w.pattern, w.flags);
    var labels = {};
    rules.roles.forEach(function (role) { labels[role.id] = role.label; });
    function number(digits) { return Number(digits.normalize("NFKC")); }
    return {
      rules: rules,
      roles: rules.roles,
      facets: rules.facets,
      departmentKinds: rules.department_kinds,
      issuers: rules.issuers,
      // What a reader typed → {prefix ("" when none), year, seq}, or null.
      parseWenhao: function (text) {
        var m = query.exec(String(text).normalize(w.normalize));
        if (!m) return null;
        return { prefix: m.groups.prefix, year: number(m.groups.year), seq: number(m.groups.seq) };
      },
      canonicalWenhao: function (parsed) { return fill(w.canonical, parsed); },
      rowId: function (table, n) { return fill(rules.anchors.row, { table: table, n: n }); },
      roleLabel: function (id) { return labels[id]; },
    };
  }

  window.gazetteRules = {
    url: url.href,
    ready: fetch(url).then(function (response) {
      if (!response.ok) throw new Error("rules.json: HTTP " + response.status);
      return response.json();
    }).then(make),
  };
})();
