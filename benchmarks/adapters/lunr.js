/* window.gazetteSearch over Material for MkDocs' own lunr search worker, for the
 * benchmark's quality figures: the worker the theme ships (named in the page's
 * __config), set up with search/search_index.json, queried with its own message
 * protocol (0 setup → 1 ready, 2 query → 3 result). One page per result group; only
 * document and department pages count (what the site's search covers).
 */
(() => {
  "use strict";
  const config = JSON.parse(document.getElementById("__config").textContent);
  const ROOT = new URL(config.base.replace(/\/?$/, "/"), location.href);
  let ready = null;
  let queue = Promise.resolve();

  function ask(worker, message, want) {
    return new Promise((resolve) => {
      const on = (e) => {
        if (e.data.type !== want) return;
        worker.removeEventListener("message", on);
        resolve(e.data);
      };
      worker.addEventListener("message", on);
      worker.postMessage(message);
    });
  }

  function lunr() {
    if (!ready) {
      ready = (async () => {
        const index = await (await fetch(new URL("search/search_index.json", ROOT))).json();
        const worker = new Worker(new URL(config.search, ROOT));
        // As the theme sets it up (search.suggest off).
        await ask(worker, { type: 0, data: { ...index, options: { suggest: false } } }, 1);
        return worker;
      })();
    }
    return ready;
  }

  async function search(query, { limit = 10, offset = 0 } = {}) {
    const worker = await lunr();
    const answer = queue.then(() => ask(worker, { type: 2, data: query.trim() }, 3));
    queue = answer.catch(() => null);
    const { data } = await answer;
    // The pages the site's search covers (document and department pages), as for Pagefind.
    const urls = [];
    for (const group of data.items || []) {
      const url = group[0].location.split("#")[0];
      if (/^(\d{4}|departments)\/[^/]+\/$/.test(url) && !urls.includes(url)) urls.push(url);
    }
    return {
      total: urls.length,
      facets: {},
      results: urls.slice(offset, offset + limit).map((url) => ({
        url, kind: url.startsWith("departments/") ? "department" : "document", title: "", parts: [],
      })),
    };
  }
  window.gazetteSearch = { search };
})();
