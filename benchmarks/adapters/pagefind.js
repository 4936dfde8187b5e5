/* window.gazetteSearch (the API docs/assets/search.js exposes) over Pagefind's own JS API, as shipped:
 * pagefind.js from the bundle, default options, the page language from <html lang>.
 * The benchmark puts it in place of assets/search.js on a copy of the site indexed by
 * Pagefind (and the evaluation injects it), so Pagefind is measured through the same
 * API and on the same search page as the site's engine. Titles are set as text only.
 */
(() => {
  "use strict";
  const ROOT = new URL(window.GAZETTE_SITE_ROOT || new URL("../", document.currentScript.src).href, location.href);
  let ready = null;
  function pagefind() {
    if (!ready) {
      ready = import(new URL("pagefind/pagefind.js", ROOT).href).then(async (pf) => {
        await pf.options({ baseUrl: ROOT.pathname });
        await pf.init();
        return pf;
      });
    }
    return ready;
  }
  const relative = (url) => (url.startsWith(ROOT.pathname) ? url.slice(ROOT.pathname.length) : url.replace(/^\//, ""));

  async function search(query, { limit = 10, offset = 0 } = {}) {
    const pf = await pagefind();
    const res = await pf.search(query);
    const page = res.results.slice(offset, offset + limit);
    const datas = await Promise.all(page.map((r) => r.data()));
    return {
      total: res.results.length,
      facets: {},
      results: datas.map((d, i) => {
        const url = relative(d.url);
        return { url, kind: url.startsWith("departments/") ? "department" : "document",
                 title: (d.meta && d.meta.title) || "", score: page[i].score, parts: [] };
      }),
    };
  }
  window.gazetteSearch = { search };

  function initPage() {
    const list = document.querySelector("[data-gz-search=page] ol.gz-results");
    const q = new URLSearchParams(location.search).get("q");
    if (!list || !q) return;
    search(q).then((out) => {
      list.replaceChildren(...out.results.map((r) => {
        const li = document.createElement("li");
        const a = document.createElement("a");
        a.href = new URL(r.url, ROOT).href;
        a.textContent = r.title || r.url;
        li.append(a);
        return li;
      }));
      list.dataset.state = "done";
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", initPage);
  else initPage();
})();
