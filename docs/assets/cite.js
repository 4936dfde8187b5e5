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

  // One polite live region per page: what a click did (复制引用) is read out, not only shown.
  function announcer() {
    var region = document.getElementById("gz-announce");
    if (!region) {
      region = document.createElement("div");
      region.id = "gz-announce";
      region.className = "gz-sr-only";
      region.setAttribute("role", "status");
      region.setAttribute("aria-live", "polite");
      document.body.appendChild(region);
    }
    return function (text) {
      region.textContent = "";
      // A new text node after the clear, so the same message twice is read twice.
      setTimeout(function () { region.textContent = text; }, 60);
    };
  }

  // One listener for every 复制引用 on the page (a long document has a hundred), not one each:
  // nothing is done per clause while the page loads. The buttons show from the first paint
  // (gazette.css, once the head script has run), so revealing them moves nothing.
  function setupCopy(announce) {
    document.addEventListener("click", function (event) {
      var button = event.target.closest ? event.target.closest("button.gz-copy") : null;
      if (!button) return;
      var text = button.dataset.citation + "\n" + pageUrl() + "#" + button.dataset.anchor;
      copyText(text).then(function () {
        button.textContent = "已复制";
        button.dataset.copied = "true";
        announce("已复制引用：" + button.dataset.citation);
        setTimeout(function () { button.textContent = "复制引用"; }, 2000);
      }, function () {
        button.textContent = "复制失败";
        announce("复制失败，请选中文字手动复制");
      });
    });
  }

  // Every clause has a ¶ and a 复制引用: as tab stops they would be two per clause (39 of 60 on a
  // long document). They form one tab stop instead (roving tabindex): Tab reaches the current one,
  // the arrow keys (and Home/End) move between all of them, Tab leaves for the next link.
  var CONTROLS = ".gz-document .gz-permalink, .gz-document button.gz-copy";

  function setupRoving() {
    var all = Array.prototype.slice.call(document.querySelectorAll(CONTROLS));
    if (!all.length) return;
    var hint = document.createElement("span");
    hint.id = "gz-cite-keys";
    hint.className = "gz-sr-only";
    hint.textContent = "各条的链接与复制引用：用方向键逐个移动";
    document.body.appendChild(hint);

    // Whether a control is on screen (复制引用 folds away on phones) is asked only when a key moves
    // focus, and from styles alone where the browser can: clauses out of view are not laid out
    // while the page loads (gazette.css), and asking for their boxes would lay them all out.
    function shown(el) {
      return !el.hidden && (el.checkVisibility ? el.checkVisibility() : el.getClientRects().length > 0);
    }
    function current(el) {
      all.forEach(function (c) { c.setAttribute("tabindex", c === el ? "0" : "-1"); });
    }
    // The tab stop starts at the clause the address names, else at the first clause. It is a ¶:
    // a ¶ shows on every screen (only 复制引用 folds away on phones), so Tab always reaches it.
    var start = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    var links = all.filter(function (c) { return c.tagName === "A"; });
    var first = (start && links.filter(function (c) { return start.contains(c); })[0]) || links[0] || all[0];
    current(first);
    all.forEach(function (c) { c.setAttribute("aria-describedby", "gz-cite-keys"); });

    document.addEventListener("focusin", function (event) {
      if (all.indexOf(event.target) >= 0) current(event.target);
    });
    document.addEventListener("keydown", function (event) {
      var at = all.indexOf(document.activeElement);
      if (at < 0 || event.altKey || event.ctrlKey || event.metaKey) return;
      var visible = all.filter(shown), i = visible.indexOf(all[at]), next = null;
      if (event.key === "ArrowDown" || event.key === "ArrowRight") next = visible[i + 1];
      else if (event.key === "ArrowUp" || event.key === "ArrowLeft") next = visible[i - 1];
      else if (event.key === "Home") next = visible[0];
      else if (event.key === "End") next = visible[visible.length - 1];
      else return;
      event.preventDefault();
      if (next) { current(next); next.focus(); }
    });
  }

  function setupLookup() {
    var form = document.querySelector("form.gz-lookup[data-map]");
    if (!form) return;
    var input = form.querySelector("input");
    var status = form.querySelector(".gz-lookup-status");
    var mapUrl = new URL(form.dataset.map, location.href);

    // Any printed form → canonical 文号 (the grammar is gazette/derive/wenhao.py, via rules.js).
    function go(query) {
      window.gazetteRules.ready.then(function (rules) {
        var parsed = rules.parseWenhao(query);
        if (!parsed) { status.textContent = "无法识别的文号：" + query; offerSearch(query); return; }
        // Without a prefix the canonical form is "〔year〕seq号": match it at the end of every number.
        var canonical = rules.canonicalWenhao(parsed);
        return fetch(mapUrl).then(function (r) { return r.json(); }).then(function (map) {
          var numbers = Object.keys(map).filter(function (number) {
            return parsed.prefix ? number === canonical : number.endsWith(canonical);
          });
          // Numbers the library does not hold are in the map (url null) when a document here acts on them.
          var hits = numbers.filter(function (number) { return map[number].url; });
          if (hits.length === 1) {
            location.assign(new URL(map[hits[0]].url, mapUrl).href);  // relative to the map file
          } else if (hits.length > 1) {
            status.textContent = "找到多个文件：" + hits.join("、");
          } else {
            status.textContent = "本库未收录 " + canonical;
            numbers.forEach(function (number) { showRelations(number, map[number].relations || []); });
            // A family the library holds answers plainly; another prefix may be one cut short (衢政办).
            var family = Object.keys(map).some(function (number) {
              var known = rules.parseWenhao(number);
              return known && known.prefix === parsed.prefix;
            });
            if (!numbers.length && !family) offerSearch(query);
          }
        });
      }).catch(function () { status.textContent = "查找暂不可用，请稍后再试"; });
    }

    // The lookup settles a full number only; the search also reads what people say instead (衢政办33号,
    // a prefix cut short, 18年33号) and lists the candidates: a query the lookup cannot settle goes there.
    function offerSearch(query) {
      var a = document.createElement("a");
      a.className = "gz-lookup-search";
      a.href = new URL("../search/?q=" + encodeURIComponent(query.trim()), mapUrl).href;
      a.textContent = "在全文检索中查找";
      status.append("；", a);
    }

    // What documents here say about a number the library does not hold, each linked to its clause.
    function showRelations(number, relations) {
      relations.forEach(function (rel) {
        var line = document.createElement("span");
        line.className = "gz-lookup-relation";
        line.dataset.relation = rel.kind;
        var a = document.createElement("a");
        a.href = new URL(rel.url, mapUrl).href;  // relative to the map file, as every URL in it
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

  // The printed head's address on a build without a public one (overrides/main.html): the address
  // 复制引用 cites, written in before the reader prints (printing runs no script).
  function fillPrintAddress() {
    Array.prototype.forEach.call(document.querySelectorAll(".gz-print-url[data-gz-here]"), function (span) {
      span.textContent = pageUrl();
    });
  }

  function init() { fillPrintAddress(); setupCopy(announcer()); setupRoving(); setupLookup(); }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
