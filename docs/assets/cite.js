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

  function setupCopy(announce) {
    document.querySelectorAll("button.gz-copy").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
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

    function shown(el) { return !el.hidden && el.getClientRects().length > 0; }
    function current(el) {
      all.forEach(function (c) { c.setAttribute("tabindex", c === el ? "0" : "-1"); });
    }
    var start = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    var first = (start && all.filter(function (c) { return start.contains(c) && shown(c); })[0]) || all.filter(shown)[0] || all[0];
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
        if (!parsed) { status.textContent = "无法识别的文号：" + query; return; }
        // Without a prefix the canonical form is "〔year〕seq号": match it at the end of every number.
        var canonical = rules.canonicalWenhao(parsed);
        return fetch(mapUrl).then(function (r) { return r.json(); }).then(function (map) {
          var hits = Object.keys(map).filter(function (number) {
            return parsed.prefix ? number === canonical : number.endsWith(canonical);
          });
          if (hits.length === 1) {
            location.assign(new URL(map[hits[0]].url, mapUrl).href);  // relative to the map file
          } else if (hits.length > 1) {
            status.textContent = "找到多个文件：" + hits.join("、");
          } else {
            status.textContent = "本库未收录 " + canonical;
          }
        });
      }).catch(function () { status.textContent = "查找暂不可用，请稍后再试"; });
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      go(input.value);
    });
    var q = new URLSearchParams(location.search).get("q");
    if (q) { input.value = q; go(q); }
  }

  function init() { setupCopy(announcer()); setupRoving(); setupLookup(); }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
