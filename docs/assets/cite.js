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

  // Mirrors gazette/derive/wenhao.py: any printed form → prefix〔year〕seq号.
  function normalizeWenhao(query) {
    var q = query.normalize("NFKC").replace(/\s+/g, "");
    var m = q.match(/^([\u4e00-\u9fff]*?)[^\d\u4e00-\u9fff]*(\d{4})\D*?(\d{1,4})号?$/);
    if (!m) return null;
    return { prefix: m[1], year: m[2], seq: String(Number(m[3])) };
  }

  function setupLookup() {
    var form = document.querySelector("form.gz-lookup[data-map]");
    if (!form) return;
    var input = form.querySelector("input");
    var status = form.querySelector(".gz-lookup-status");
    var mapUrl = new URL(form.dataset.map, location.href);
    var siteRoot = new URL("../", location.href);

    function go(query) {
      var parsed = normalizeWenhao(query);
      if (!parsed) { status.textContent = "无法识别的文号:" + query; return; }
      fetch(mapUrl).then(function (r) { return r.json(); }).then(function (map) {
        var hits = Object.keys(map).filter(function (number) {
          var canonical = (parsed.prefix || "") + "〔" + parsed.year + "〕" + parsed.seq + "号";
          return parsed.prefix ? number === canonical : number.endsWith("〔" + parsed.year + "〕" + parsed.seq + "号");
        });
        if (hits.length === 1) {
          location.assign(new URL(map[hits[0]].url, siteRoot).href);
        } else if (hits.length > 1) {
          status.textContent = "找到多个文件:" + hits.join("、");
        } else {
          status.textContent = "本库未收录 " + (parsed.prefix || "") + "〔" + parsed.year + "〕" + parsed.seq + "号";
        }
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
