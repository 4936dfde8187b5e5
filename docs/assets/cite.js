// Copy-citation buttons and the 文号 lookup box. Without JavaScript the
// buttons stay hidden and every part keeps its plain ¶ permalink.
(function () {
  "use strict";

  // The canonical address of a published build; a build without a public
  // address has no canonical link, so the page's own address (no query) is cited.
  function pageUrl() {
    var canonical = document.querySelector('link[rel="canonical"]');
    return canonical ? canonical.href.split("#")[0] : location.origin + location.pathname;
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = document.execCommand("copy");
      document.body.removeChild(area);
      ok ? resolve() : reject(new Error("copy failed"));
    });
  }

  function setupCopy() {
    document.querySelectorAll("button.gz-copy").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var text = button.dataset.citation + "\n" + pageUrl() + "#" + button.dataset.anchor;
        copyText(text).then(function () {
          button.textContent = "已复制";
          button.dataset.copied = "true";
          setTimeout(function () { button.textContent = "复制引用"; }, 2000);
        }, function () {
          button.textContent = "复制失败";
        });
      });
    });
  }

  function setupLookup() {
    var form = document.querySelector("form.gz-lookup[data-map]");
    if (!form) return;
    var input = form.querySelector("input");
    var status = form.querySelector(".gz-lookup-status");
    var mapUrl = new URL(form.dataset.map, location.href);
    var siteRoot = new URL("../", location.href);

    // Any printed form → canonical 文号 (the grammar is gazette/derive/wenhao.py, via rules.js).
    function go(query) {
      window.gazetteRules.ready.then(function (rules) {
        var parsed = rules.parseWenhao(query);
        if (!parsed) { status.textContent = "无法识别的文号：" + query; return; }
        // Without a prefix the canonical form is "〔year〕seq号": match it at the end of every number.
        var canonical = rules.canonicalWenhao(parsed);
        return fetch(mapUrl).then(function (r) { return r.json(); }).then(function (map) {
          var numbers = Object.keys(map).filter(function (number) {
            return parsed.prefix ? number === canonical : number.endsWith(canonical);
          });
          // Numbers the library does not hold are in the map (url null) when a document here acts on them.
          var hits = numbers.filter(function (number) { return map[number].url; });
          if (hits.length === 1) {
            location.assign(new URL(map[hits[0]].url, siteRoot).href);
          } else if (hits.length > 1) {
            status.textContent = "找到多个文件：" + hits.join("、");
          } else {
            status.textContent = "本库未收录 " + canonical;
            numbers.forEach(function (number) { showRelations(number, map[number].relations || []); });
          }
        });
      }).catch(function () { status.textContent = "查找暂不可用，请稍后再试"; });
    }

    // What documents here say about a number the library does not hold, each linked to its clause.
    function showRelations(number, relations) {
      relations.forEach(function (rel) {
        var line = document.createElement("span");
        line.className = "gz-lookup-relation";
        line.dataset.relation = rel.kind;
        var a = document.createElement("a");
        a.href = new URL(rel.url, siteRoot).href;
        a.textContent = rel.text;
        line.append("；", a);
        status.append(line);
      });
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      go(input.value);
    });
    var q = new URLSearchParams(location.search).get("q");
    if (q) { input.value = q; go(q); }
  }

  function init() { setupCopy(); setupLookup(); }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
