/* Full-text search over the Pagefind index (built by gazette/publish/search.py).
 *
 * Two surfaces share this code: the box in the site header (top results as
 * you type) and the 全文检索 page (/search/: facets, sort, more results).
 * Pagefind's JS API is used directly rather than its stock UI so results can
 * show 文号, date and issuer, link to the clause that matched, and so a 文号
 * typed in any printed form is normalized first. Everything is built with DOM
 * APIs and textContent: record text is never inserted as markup.
 */
(() => {
  "use strict";

  // assets/search.js sits one level below the site root, whatever the base path.
  const SITE_ROOT = new URL("../", document.currentScript.src);
  const FACETS = ["类型", "年份", "期号", "发文机关", "文件类型", "涉及部门"];
  const HEADER_LIMIT = 6;
  const PAGE_SIZE = 10;

  let pagefindReady = null;
  function pagefind() {
    if (!pagefindReady) {
      pagefindReady = import(new URL("pagefind/pagefind.js", SITE_ROOT).href).then(async (pf) => {
        await pf.options({ baseUrl: SITE_ROOT.pathname, excerptLength: 36 });
        // Pagefind takes its query language from <html lang> when it starts and,
        // for "zh", re-splits every query with Intl.Segmenter. ICU's splits
        // disagree with the jieba words in the index (畜禽养殖场 → 畜|禽|养殖|场
        // while the index holds 畜禽, 养殖场), so most words would never match.
        // Starting it under a tag that is not a well-formed locale ("zh-x")
        // still selects the "zh" index but leaves our own split (segment()
        // below) untouched. init() reads the attribute synchronously.
        const html = document.documentElement;
        const lang = html.getAttribute("lang");
        html.setAttribute("lang", "zh-x");
        try { pf.init(); } finally { html.setAttribute("lang", lang); }
        return pf;
      });
    }
    return pagefindReady;
  }

  /* ---- query normalization ------------------------------------------- */

  // 文号 in any printed form → canonical prefix〔year〕seq号 (see gazette/derive/wenhao.py).
  // NFKC turns full-width digits and ［］（） into ASCII; 〔〕【】 are handled here.
  const WENHAO = /^([\u4e00-\u9fff]{1,12}?)\s*[〔\[【(]?\s*(\d{4})\s*[〕\]】)]?\s*年?\s*第?\s*(\d{1,4})\s*号?$/u;

  function normalizeQuery(raw) {
    const text = (raw || "").normalize("NFKC").replace(/\s+/g, " ").trim();
    const m = WENHAO.exec(text);
    if (m) {
      const wenhao = `${m[1]}〔${m[2]}〕${Number(m[3])}号`;
      return { text: wenhao, wenhao, key: text.replace(/\s/g, "") };
    }
    return { text, wenhao: null, key: text.replace(/\s/g, "") };
  }

  // An exact identifier beats any amount of running text: the document whose
  // 文号 was typed, the department whose name or alias was typed, the document
  // whose full title was typed.
  function exactRank(data, query) {
    const meta = data.meta || {};
    if (query.wenhao && meta.wenhao === query.wenhao) return 0;
    if (meta.kind === "department") {
      const names = [meta.title, ...(meta.aliases ? meta.aliases.split("、") : [])];
      if (names.includes(query.key)) return 0;
    }
    if (meta.title && meta.title === query.key) return 0;
    return 1;
  }

  /* ---- query segmentation --------------------------------------------- */

  // The index holds jieba's words (畜禽, 养殖场); Pagefind matches each query
  // word as a prefix of an index word. So a run of Chinese characters is split
  // greedily into the longest pieces that begin some index word, asking the
  // index itself (one cached lookup per candidate; the index chunks a query
  // needs are fetched once). See gazette/publish/search.py for why Pagefind's
  // own Intl.Segmenter split is not used.
  const prefixCache = new Map();
  function beginsAWord(pf, piece) {
    if (!prefixCache.has(piece)) prefixCache.set(piece, pf.search(piece).then((r) => r.unfilteredResultCount > 0));
    return prefixCache.get(piece);
  }

  async function segment(pf, text) {
    const words = [];
    for (const token of text.split(/[\s\p{P}\p{S}]+/u)) {
      for (const run of token.match(/\p{Script=Han}+|[^\p{Script=Han}]+/gu) || []) {
        if (!/\p{Script=Han}/u.test(run)) { words.push(run.toLowerCase()); continue; }
        let i = 0;
        while (i < run.length) {
          // Ask about every candidate at once (longest first) rather than one
          // round trip after another; the longest that begins a word wins.
          const ends = [];
          for (let j = run.length; j > i + 1; j--) ends.push(j);
          const begins = await Promise.all(ends.map((j) => beginsAWord(pf, run.slice(i, j))));
          const k = begins.indexOf(true);
          const j = k >= 0 ? ends[k] : i + 1;
          words.push(run.slice(i, j));
          i = j;
        }
      }
    }
    return words;
  }

  /* ---- result data ---------------------------------------------------- */

  function parseList(json) {
    try { return JSON.parse(json || "[]"); } catch (e) { return []; }
  }

  // The clause a match is in: the last element with an id that starts at or
  // before the first match in the visible text (parts, attachments, table rows).
  function matchedPart(data) {
    const anchors = (data.anchors || []).slice().sort((a, b) => a.location - b.location);
    const start = anchors.find((a) => a.id === "gz-text-start");
    if (!start) return null;
    const hits = (data.weighted_locations || []).map((w) => w.location).filter((l) => l >= start.location).sort((a, b) => a - b);
    if (!hits.length) return null;
    let best = null;
    for (const a of anchors) {
      if (a.location > hits[0]) break;
      if (a.id !== "gz-text-start" && a.location >= start.location) best = a;
    }
    if (!best) return null;
    return { id: best.id, cite: citeFor(data, best.id), location: hits[0] };
  }

  function citeFor(data, id) {
    const ids = parseList(data.meta.part_ids);
    const cites = parseList(data.meta.part_cites);
    let row = "";
    const rowMatch = /__row_(\d+)$/.exec(id);
    if (rowMatch) row = ` 第${rowMatch[1]}行`;
    // p_3, …__row_2: name the nearest numbered container.
    for (let key = id; key; key = key.includes("__") ? key.slice(0, key.lastIndexOf("__")) : "") {
      const i = ids.indexOf(key);
      if (i >= 0 && cites[i]) return cites[i] + row;
    }
    return "正文";
  }

  // Excerpt around the matched clause (not the hidden title/文号 line), from
  // Pagefind's plain text; match words are marked.
  function excerptWords(data, around) {
    const words = (data.raw_content || data.content || "").split(/[\s\u200b]+/);
    const marked = new Set(data.locations || []);
    const from = Math.max(0, around - 8);
    return words.slice(from, from + 40).map((w, i) => ({ text: w, mark: marked.has(from + i) }));
  }

  function excerptFromPagefind(html) {
    // Pagefind's excerpt is text with <mark> around matches; read it as text.
    const parts = (html || "").split(/<\/?mark>/);
    const decoder = document.createElement("textarea");
    return parts.map((p, i) => {
      decoder.innerHTML = p;
      return { text: decoder.value, mark: i % 2 === 1 };
    });
  }

  async function search(raw, { filters = {}, sort = null } = {}) {
    const pf = await pagefind();
    const query = normalizeQuery(raw);
    const options = { filters };
    if (sort) options.sort = sort;
    const hasFilters = Object.values(filters).some((v) => v.any && v.any.length);
    if (!query.text && !hasFilters) return { query, total: 0, results: [], filters: {} };
    const words = query.text ? await segment(pf, query.text) : [];
    const term = words.length ? words.join(" ") : null;
    // jieba splits the same string differently by context (市统计局 is one
    // word in one text, 市|统计局 in another; 养殖场 or 养殖|场), so also search
    // with every long piece split after its first or before its last character,
    // and add what those find after the first results. The lookups run side by
    // side: on a cold page each one may wait on index chunks over the network.
    const han2 = /\p{Script=Han}{2}/u;
    const splits = Promise.all(words.map(async (w) => {
      if (!han2.test(w)) return [[w], [w]];
      const [tail, head] = await Promise.all([segment(pf, w.slice(1)), segment(pf, w.slice(0, -1))]);
      return [[w[0], ...tail], [...head, w.slice(-1)]];
    }));
    // Departments are few and their pages short; a name or alias typed in full
    // should open that department first, however often documents repeat it.
    const deptSearch = term && !hasFilters ? pf.search(term, { filters: { 类型: "部门" } }) : null;
    const [res, pieces] = await Promise.all([pf.search(term, options), splits]);
    let results = res.results.slice();
    const alternatives = [pieces.flatMap((p) => p[0]), pieces.flatMap((p) => p[1])]
      .map((alt) => alt.join(" "))
      .filter((alt) => term && alt !== term);
    const seen = new Set(results.map((r) => r.id));
    for (const more of await Promise.all(alternatives.map((alt) => pf.search(alt, options)))) {
      for (const r of more.results) if (!seen.has(r.id)) { seen.add(r.id); results.push(r); }
    }
    if (deptSearch) {
      const depts = await deptSearch;
      const datas = await Promise.all(depts.results.slice(0, 5).map((r) => r.data()));
      const exact = depts.results.filter((r, i) => i < 5 && exactRank(datas[i], query) === 0);
      if (exact.length) results = [...exact, ...results.filter((r) => !exact.some((e) => e.id === r.id))];
    }
    return { query, total: results.length, results, filters: res.filters || {} };
  }

  async function loadResults(results, query, from, count) {
    const datas = await Promise.all(results.slice(from, from + count).map((r) => r.data()));
    if (from === 0) {
      // Stable: Pagefind's order within each rank.
      return datas.map((d, i) => [exactRank(d, query), i, d]).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map((x) => x[2]);
    }
    return datas;
  }

  /* ---- rendering ------------------------------------------------------ */

  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") node.className = v;
      else node.setAttribute(k, v);
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  function formatDate(iso) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : "";
  }

  function renderResult(data, query) {
    const meta = data.meta || {};
    // A document found by its own 文号 or title opens at the top, not at a clause.
    const part = meta.kind === "document" && exactRank(data, query) !== 0 ? matchedPart(data) : null;
    const href = part ? `${data.url}#${part.id}` : data.url;
    const li = el("li", { class: "gz-result", "data-kind": meta.kind || "page" });
    li.append(el("a", { class: "gz-result__title", href }, meta.title || data.url));
    const info = el("div", { class: "gz-result__meta" });
    if (meta.kind === "document") {
      info.append(
        el("span", { class: "gz-result__wenhao" }, meta.wenhao || ""),
        el("time", { datetime: meta.date || "" }, formatDate(meta.date)),
        el("span", { class: "gz-result__issuer" }, meta.issuer || ""),
      );
      if (part) info.append(el("a", { class: "gz-result__part", href }, `→ ${part.cite}`));
    } else if (meta.kind === "department") {
      info.append(el("span", {}, meta.dept_kind || "部门"));
      if (meta.aliases) info.append(el("span", {}, `又称 ${meta.aliases}`));
    }
    li.append(info);
    const words = part ? excerptWords(data, part.location) : excerptFromPagefind(data.excerpt);
    if (meta.kind !== "department") {
      const p = el("p", { class: "gz-result__excerpt" });
      for (const w of words) p.append(w.mark ? el("mark", {}, w.text) : document.createTextNode(w.text));
      li.append(p);
    }
    return li;
  }

  /* ---- header box ----------------------------------------------------- */

  function initHeader(form) {
    const input = form.querySelector("input[name=q]");
    const panel = form.querySelector(".gz-search__panel");
    const list = panel.querySelector(".gz-results");
    const status = panel.querySelector(".gz-search__status");
    const more = panel.querySelector(".gz-search__more");
    let seq = 0;
    let timer = null;

    const close = () => { panel.hidden = true; input.setAttribute("aria-expanded", "false"); };
    const run = async () => {
      const mine = ++seq;
      const value = input.value;
      if (!value.trim()) { close(); return; }
      const out = await search(value);
      if (mine !== seq) return;
      const datas = await loadResults(out.results, out.query, 0, HEADER_LIMIT);
      if (mine !== seq) return;
      list.replaceChildren(...datas.map((d) => renderResult(d, out.query)));
      status.textContent = out.total ? `共 ${out.total} 条结果` : "没有找到匹配的文件或部门";
      const url = new URL(form.getAttribute("action"), location.href);
      url.searchParams.set("q", value);
      more.href = url.href;
      more.hidden = out.total <= datas.length;
      panel.hidden = false;
      input.setAttribute("aria-expanded", "true");
    };
    input.addEventListener("focus", () => { pagefind(); if (list.children.length && input.value.trim()) { panel.hidden = false; } });
    input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(run, 120); });
    input.addEventListener("keydown", (e) => { if (e.key === "Escape") { close(); input.blur(); } });
    document.addEventListener("click", (e) => { if (!form.contains(e.target)) close(); });
  }

  /* ---- search page ---------------------------------------------------- */

  function initPage(root) {
    const form = root.querySelector("form");
    const input = form.querySelector("input[name=q]");
    const sortSelect = form.querySelector("select[name=sort]");
    const facetsBox = root.querySelector(".gz-facets");
    // Facets are loaded when opened: results come first (on a phone, before a
    // long list of checkboxes) and nobody pays for filter indexes unused.
    const facetsDetails = root.querySelector(".gz-facets-box");
    let facetCounts = null;
    const status = root.querySelector(".gz-search-status");
    const list = root.querySelector(".gz-results");
    const more = root.querySelector(".gz-more");
    const params = new URLSearchParams(location.search);
    const selected = {};
    for (const name of FACETS) selected[name] = new Set(params.getAll(name));
    input.value = params.get("q") || "";
    sortSelect.value = params.get("sort") || "";
    let current = null;
    let shown = 0;
    let seq = 0;

    function state() {
      const filters = {};
      for (const name of FACETS) if (selected[name].size) filters[name] = { any: [...selected[name]] };
      const [key, dir] = (sortSelect.value || "").split(":");
      return { filters, sort: key ? { [key]: dir } : null };
    }

    function syncUrl() {
      const url = new URL(location.href);
      url.search = "";
      if (input.value.trim()) url.searchParams.set("q", input.value.trim());
      if (sortSelect.value) url.searchParams.set("sort", sortSelect.value);
      for (const name of FACETS) for (const v of selected[name]) url.searchParams.append(name, v);
      history.replaceState(null, "", url);
    }

    async function renderFacets(counts) {
      const pf = await pagefind();
      const all = await pf.filters();
      facetsBox.replaceChildren();
      for (const name of FACETS) {
        const values = Object.keys(all[name] || {});
        if (!values.length) continue;
        values.sort((a, b) => (name === "年份" || name === "期号" ? b.localeCompare(a, "zh") : (all[name][b] - all[name][a]) || a.localeCompare(b, "zh")));
        const box = el("fieldset", { class: "gz-facet", "data-facet": name }, el("legend", {}, name));
        for (const value of values) {
          const n = counts && counts[name] ? counts[name][value] || 0 : all[name][value];
          const input = el("input", { type: "checkbox", name, value });
          input.checked = selected[name].has(value);
          input.addEventListener("change", () => {
            if (input.checked) selected[name].add(value); else selected[name].delete(value);
            run();
          });
          box.append(el("label", { class: "gz-facet__value" }, input, ` ${value} `, el("span", { class: "gz-facet__count" }, String(n))));
        }
        facetsBox.append(box);
      }
    }

    async function showMore() {
      const mine = seq;
      const datas = await loadResults(current.results, current.query, shown, PAGE_SIZE);
      if (mine !== seq) return;
      const nodes = datas.map((d) => renderResult(d, current.query));
      if (shown === 0) list.replaceChildren(...nodes); else list.append(...nodes);
      shown += datas.length;
      more.hidden = shown >= current.total;
    }

    async function run() {
      const mine = ++seq;
      syncUrl();
      status.textContent = "正在检索…";
      const { filters, sort } = state();
      const out = await search(input.value, { filters, sort });
      if (mine !== seq) return;
      current = out;
      shown = 0;
      if (!out.total) {
        list.replaceChildren();
        more.hidden = true;
        status.textContent = input.value.trim() || Object.keys(filters).length ? "没有找到匹配的文件或部门。" : "输入关键词、文号或部门名称开始检索。";
      } else {
        status.textContent = `共 ${out.total} 条结果`;
        await showMore();
      }
      facetCounts = Object.keys(out.filters).length ? out.filters : null;
      if (mine === seq && facetsDetails.open) await renderFacets(facetCounts);
      root.dataset.state = "done";
    }

    let timer = null;
    form.addEventListener("submit", (e) => { e.preventDefault(); run(); });
    input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(run, 200); });
    sortSelect.addEventListener("change", run);
    more.addEventListener("click", showMore);
    facetsDetails.addEventListener("toggle", () => { if (facetsDetails.open && current) renderFacets(facetCounts); });
    if (FACETS.some((name) => selected[name].size)) facetsDetails.open = true;
    run();
  }

  function init() {
    for (const form of document.querySelectorAll("form[data-gz-search=header]")) initHeader(form);
    const page = document.querySelector("[data-gz-search=page]");
    if (page) initPage(page);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
