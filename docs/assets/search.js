/* Full-text search over the bigram index written by gazette/publish/search.py.
 *
 * A query finds exactly the pages that print it (Ctrl+F semantics): each
 * space-separated term is looked up as overlapping character bigrams whose
 * positions must line up; every term must occur. 文号 typed in any printed form
 * (grammar from assets/rules.json) finds that document and the documents citing
 * it; a department name or alias finds its page and every document naming it.
 * The same code serves window.gazetteSearch (see CONTRACT), the header box and
 * the 全文检索 page. Record text only ever reaches the page through textContent.
 */
(() => {
  "use strict";

  const SITE_ROOT = new URL("../", document.currentScript.src);
  const INDEX = new URL("search/", SITE_ROOT);
  const SEP = "\u0000";
  const HEADER_LIMIT = 6;
  const PAGE_SIZE = 10;
  const MAX_PARTS = 3;

  /* ---- loading ---------------------------------------------------------- */

  const files = new Map();
  async function inflate(buf) {
    const bytes = new Uint8Array(buf);
    // Stored gzip-compressed; a server may already have decoded it (Content-Encoding).
    if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  }
  function load(path, missingOk = false) {
    if (!files.has(path)) {
      files.set(path, fetch(new URL(path, INDEX)).then((r) => {
        if (r.ok) return r.arrayBuffer().then(inflate);
        if (missingOk && r.status === 404) return null;
        throw new Error(`search index: ${path} ${r.status}`);
      }));
    }
    return files.get(path);
  }
  const utf8 = new TextDecoder();
  const loadJson = (path, missingOk) => load(path, missingOk).then((b) => (b ? JSON.parse(utf8.decode(b)) : null));

  let ready = null;
  function init() {
    if (!ready) {
      // 文号 grammar and facets come from assets/rules.json through rules.js.
      ready = Promise.all([loadJson("meta.bin"), window.gazetteRules.ready]).then(([meta, rules]) => {
        dropRe = new RegExp(meta.drop, "u");
        meta.facetById = Object.fromEntries(meta.facets.map((f) => [f.id, f]));
        meta.depts = meta.departments.map((d) => ({ ...d, keys: [d.name, ...d.aliases].map((n) => norm([n]).chars.join("")) }));
        meta.rules = rules;
        return meta;
      });
    }
    return ready;
  }

  /* ---- normalisation (the same rules as normalize() in gazette/publish/search.py) -- */

  let dropRe = /\s/u;
  const charCache = new Map();
  function normChar(ch) {
    let n = charCache.get(ch);
    if (n === undefined) {
      n = Array.from(ch.normalize("NFKC").toLowerCase()).filter((c) => !dropRe.test(c));
      charCache.set(ch, n);
    }
    return n;
  }
  // Normalised code points of a part's strings joined by SEP, each mapped back to
  // its span in the displayed text (strings joined by a space).
  function norm(strings) {
    const chars = [], from = [], to = [];
    let shown = "";
    strings.forEach((s, i) => {
      if (i) { chars.push(SEP); from.push(shown.length); to.push(shown.length + 1); shown += " "; }
      for (const ch of s) {
        for (const c of normChar(ch)) { chars.push(c); from.push(shown.length); to.push(shown.length + ch.length); }
        shown += ch;
      }
    });
    return { chars, from, to, shown };
  }
  function queryTerms(raw) {
    const terms = [];
    let cur = [];
    for (const ch of raw || "") {
      const n = ch === SEP ? [] : normChar(ch);
      if (!n.length) { if (cur.length) terms.push(cur); cur = []; } else cur.push(...n);
    }
    if (cur.length) terms.push(cur);
    const seen = new Set();
    return terms.filter((t) => { const k = t.join(""); return !seen.has(k) && seen.add(k); });
  }

  /* ---- postings --------------------------------------------------------- */

  function fnv(term) {
    let h = 0x811c9dc5;
    for (const ch of term) h = Math.imul(h ^ ch.codePointAt(0), 0x01000193) >>> 0;
    return h;
  }
  class Reader {
    constructor(bytes, pos = 0) { this.bytes = bytes; this.pos = pos; }
    next() {
      let n = 0, shift = 0, b;
      do { b = this.bytes[this.pos++]; n += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80);
      return n;
    }
  }
  // Shard header: term → [start, end] of its postings.
  const shards = new Map();
  function shard(meta, term) {
    const n = fnv(term) % meta.shards;
    if (!shards.has(n)) {
      shards.set(n, load(`p/${n}.bin`).then((bytes) => {
        const r = new Reader(bytes);
        const heads = [];
        for (let count = r.next(); count > 0; count--) {
          const len = r.next();
          const t = utf8.decode(bytes.subarray(r.pos, r.pos + len));
          r.pos += len;
          heads.push([t, r.next()]);
        }
        const terms = new Map();
        let at = r.pos;
        for (const [t, size] of heads) { terms.set(t, [at, at + size]); at += size; }
        return { bytes, terms };
      }));
    }
    return shards.get(n);
  }

  // term → Map(doc → Map(partKey → positions[] (bigrams) | count (one character)))
  const postingCache = new Map();
  function postings(meta, term) {
    if (!postingCache.has(term)) {
      postingCache.set(term, shard(meta, term).then(({ bytes, terms }) => {
        const out = new Map();
        const span = terms.get(term);
        if (!span) return out;
        const r = new Reader(bytes, span[0]);
        const bigram = Array.from(term).length > 1;
        let doc = 0;
        while (r.pos < span[1]) {
          doc += r.next();
          const key = r.next();
          const n = r.next();
          let value = n;
          if (bigram) {
            value = new Array(n);
            for (let k = 0, p = 0; k < n; k++) { p += r.next(); value[k] = p; }
          }
          if (!out.has(doc)) out.set(doc, new Map());
          out.get(doc).set(key, value);
        }
        return out;
      }));
    }
    return postingCache.get(term);
  }

  // Where a term occurs: Map(doc → Map(partKey → count)), exact runs only.
  async function matchTerm(meta, term) {
    if (term.length === 1) return postings(meta, term[0]);
    const offsets = [];
    for (let o = 0; o + 2 <= term.length; o += 2) offsets.push(o);
    if (offsets[offsets.length - 1] !== term.length - 2) offsets.push(term.length - 2);
    const lists = await Promise.all(offsets.map((o) => postings(meta, term[o] + term[o + 1])));
    const out = new Map();
    if (lists.some((l) => !l.size)) return out;
    const order = lists.map((l, i) => i).sort((a, b) => lists[a].size - lists[b].size);
    for (const [doc, parts] of lists[order[0]]) {
      if (!order.every((i) => lists[i].has(doc))) continue;
      for (const key of parts.keys()) {
        const sets = lists.map((l) => l.get(doc).get(key));
        if (sets.some((s) => !s)) continue;
        const rest = sets.slice(1).map((s) => new Set(s));
        let count = 0;
        for (const p of sets[0]) if (rest.every((s, k) => s.has(p + offsets[k + 1]))) count++;
        if (count) {
          if (!out.has(doc)) out.set(doc, new Map());
          out.get(doc).set(key, count);
        }
      }
    }
    return out;
  }

  /* ---- the query ---------------------------------------------------------- */

  function parseWenhao(meta, raw) {
    const parsed = meta.rules.parseWenhao(raw || "");
    return parsed && { ...parsed, canonical: meta.rules.canonicalWenhao(parsed) };
  }

  // Tiers: 0 exact 文号 / department name / full title; 1 title (or department name)
  // contains the query; 2 the body does. Within a tier: score, then newer first.
  const HEADING = 3;
  const TITLE_KEY = 1; // part 0 (the title) is a heading: key 0 * 2 + 1
  const NUMBER_KEY = 3; // part 1: the 文号 as printed

  async function run(meta, raw) {
    const terms = queryTerms(raw);
    const docs = new Map(); // doc → {tier, score, hits: Map(key → count), marks: [[partIndex, needle]]}
    const depts = [];
    const notices = []; // what documents here declare about a number the library lacks: [kind, words, clause URL]
    if (!terms.length) return { terms, docs, depts, notices };
    const hit = (n, tier, score) => {
      let d = docs.get(n);
      if (!d) { d = { tier, score: 0, hits: new Map(), marks: [] }; docs.set(n, d); }
      d.tier = Math.min(d.tier, tier);
      d.score += score;
      return d;
    };
    const wenhao = parseWenhao(meta, raw);
    if (wenhao) {
      const table = (await loadJson(`w/${wenhao.year}.bin`, true)) || {};
      // Without a prefix, every family's number of that year and sequence.
      const keys = wenhao.prefix ? [wenhao.canonical]
        : Object.keys(table).filter((k) => meta.rules.parseWenhao(k).seq === wenhao.seq);
      for (const key of keys) {
        const [own, citing, declared] = table[key] || [-1, []];
        if (declared) notices.push(...declared);
        if (own >= 0) hit(own, wenhao.prefix ? 0 : 1, wenhao.prefix ? 1000 : 0);
        for (const [n, part, start, end] of citing) hit(n, 1, 1).marks.push([part, [start, end]]);
      }
      // A number with its prefix names one document: done. A bare year and number
      // (2017—2) may as well be text: what prints it follows.
      if (docs.size && wenhao.prefix) return { terms, docs, depts, notices };
    }
    const whole = terms.map((t) => t.join("")).join("");
    const unit = terms.length === 1 ? meta.depts.find((d) => d.keys.includes(whole)) : null;
    for (const d of meta.depts) {
      if (d === unit) depts.push({ dept: d, tier: 0 });
      else if (terms.every((t) => d.keys.some((k) => k.includes(t.join(""))))) depts.push({ dept: d, tier: 1 });
    }
    const [matches, named] = await Promise.all([
      Promise.all(terms.map((t) => matchTerm(meta, t))),
      unit ? loadJson(`u/${unit.code}.bin`, true) : null,
    ]);
    const first = matches.reduce((a, b) => (b.size < a.size ? b : a));
    for (const n of first.keys()) {
      if (!matches.every((m) => m.has(n))) continue;
      let score = 0, inTitle = true, exact = false;
      const hits = new Map();
      matches.forEach((m, i) => {
        const parts = m.get(n);
        inTitle = inTitle && parts.has(TITLE_KEY);
        for (const [key, count] of parts) {
          hits.set(key, (hits.get(key) || 0) + count);
          if (key !== TITLE_KEY) score += count * (key & 1 ? HEADING : 1);
        }
        if (terms.length === 1 && parts.has(TITLE_KEY) && meta.titles[n] === terms[i].length) exact = true;
        if (terms.length === 1 && parts.has(NUMBER_KEY) && meta.numbers[n] === terms[i].length) exact = true;
      });
      const d = hit(n, exact ? 0 : inTitle ? 1 : 2, score);
      d.hits = hits;
    }
    for (const [n, part, printed] of named || []) {
      const d = hit(n, 2, docs.has(n) ? 0 : 1);
      if (!d.hits.size) d.marks.push([part, Array.from(printed)]);
    }
    return { terms, docs, depts, notices };
  }

  // Facet values of a document (by number) or a department page (an object).
  const valuesOf = (meta, item, f) => (typeof item === "number" ? f.docs[item].map((v) => f.values[v]) : item.facets[f.id] || []);
  function facetMatch(meta, item, filters, skip) {
    for (const [id, values] of Object.entries(filters)) {
      if (id === skip) continue;
      const f = meta.facetById[id];
      if (f && !valuesOf(meta, item, f).some((v) => values.includes(v))) return false;
    }
    return true;
  }

  const runs = new Map();
  async function search(query, { filters = {}, sort = null, limit = 10, offset = 0 } = {}) {
    const meta = await init();
    const key = query || "";
    if (!runs.has(key)) { runs.set(key, run(meta, key)); if (runs.size > 20) runs.delete(runs.keys().next().value); }
    const found = await runs.get(key);
    const active = Object.fromEntries(Object.entries(filters || {}).filter(([, v]) => v && v.length));
    const filtering = Object.keys(active).length > 0;
    let pool, deptPool;
    if (found.terms.length) { pool = [...found.docs.keys()]; deptPool = found.depts; }
    else if (filtering) { pool = Array.from({ length: meta.docs }, (_, i) => i); deptPool = meta.depts.map((dept) => ({ dept, tier: 1 })); }
    else { pool = []; deptPool = []; }
    // Counts of each facet over the results narrowed by the other facets only.
    const facets = {};
    for (const f of meta.facets) {
      const counts = {};
      for (const item of [...pool, ...deptPool.map((d) => d.dept)]) {
        if (!facetMatch(meta, item, active, f.id)) continue;
        for (const v of valuesOf(meta, item, f)) counts[v] = (counts[v] || 0) + 1;
      }
      facets[f.id] = counts;
    }
    const docs = pool.filter((n) => facetMatch(meta, n, active, null));
    const info = (n) => found.docs.get(n) || { tier: 2, score: 0, hits: new Map(), marks: [] };
    if (sort === "date:asc") docs.sort((a, b) => b - a);
    else if (sort === "date:desc") docs.sort((a, b) => a - b);
    else docs.sort((a, b) => info(a).tier - info(b).tier || info(b).score - info(a).score || a - b);
    const depts = deptPool.filter((d) => facetMatch(meta, d.dept, active, null)).sort((a, b) => a.tier - b.tier);
    // Departments named exactly come first; others among the title matches.
    const ordered = [];
    const lead = sort ? depts : depts.filter((d) => d.tier === 0);
    const later = sort ? [] : depts.filter((d) => d.tier !== 0);
    ordered.push(...lead.map((d) => ({ dept: d })));
    let i = 0;
    for (; i < docs.length && info(docs[i]).tier === 0 && !sort; i++) ordered.push({ doc: docs[i] });
    ordered.push(...later.map((d) => ({ dept: d })));
    for (; i < docs.length; i++) ordered.push({ doc: docs[i] });
    const page = ordered.slice(offset, offset + limit);
    const results = await Promise.all(page.map((item) => (item.dept ? deptResult(item.dept) : docResult(meta, item.doc, info(item.doc), found.terms))));
    return { total: ordered.length, facets, results, notices: offset === 0 ? found.notices : [] };
  }

  function deptResult({ dept, tier }) {
    return { url: dept.url, kind: "department", title: dept.name, aliases: dept.aliases, dept_kind: dept.kind, score: tier === 0 ? 3e6 : 2e6, parts: [] };
  }

  function find(chars, needle, from = 0) {
    outer: for (let i = from; i + needle.length <= chars.length; i++) {
      for (let k = 0; k < needle.length; k++) if (chars[i + k] !== needle[k]) continue outer;
      return i;
    }
    return -1;
  }

  function excerpt(strings, at) {
    const t = norm(strings);
    let span = null;
    for (const needle of at.needles) {
      const i = Array.isArray(needle) && typeof needle[0] === "number" ? needle[0] : find(t.chars, needle);
      const len = typeof needle[0] === "number" ? needle[1] - needle[0] : needle.length;
      if (i >= 0 && i + len <= t.chars.length) { span = [t.from[i], t.to[i + len - 1]]; break; }
    }
    if (!span) span = [0, 0];
    const start = Math.max(0, span[0] - 24);
    const end = Math.min(t.shown.length, Math.max(span[1] + 48, start + 72));
    const lead = start > 0 ? "…" : "";
    const text = lead + t.shown.slice(start, end) + (end < t.shown.length ? "…" : "");
    return { text, match: [span[0] - start + lead.length, span[1] - start + lead.length] };
  }

  async function docResult(meta, n, info, terms) {
    const card = await loadJson(`d/${n}.bin`);
    const wanted = new Map(); // part index → needles
    for (const [part, needle] of info.marks) wanted.set(part, [needle]);
    const ranked = [...info.hits].filter(([key]) => key > NUMBER_KEY)
      .sort((a, b) => (b[0] & 1) - (a[0] & 1) || b[1] - a[1] || a[0] - b[0]);
    for (const [key] of ranked) wanted.set(key >> 1, terms);
    const parts = [...wanted].filter(([i]) => i > 1).slice(0, MAX_PARTS).sort((a, b) => a[0] - b[0]).map(([i, needles]) => {
      const [anchor, cite, strings] = card.parts[i];
      const ex = excerpt(strings, { needles });
      return { anchor, cite, excerpt: ex.text, match: ex.match };
    });
    return {
      url: card.url, kind: "document", title: card.title, wenhao: card.wenhao, date: card.date, issuer: card.issuer,
      score: (3 - info.tier) * 1e6 + info.score, parts,
    };
  }

  window.gazetteSearch = { search: (query, options) => search(query, options || {}) };

  /* ---- rendering ------------------------------------------------------------ */

  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined && v !== false) node.setAttribute(k === "class" ? "class" : k, v);
    for (const c of children) if (c !== null && c !== undefined) node.append(typeof c === "string" ? document.createTextNode(c) : c);
    return node;
  }
  function formatDate(iso) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : "";
  }
  function marked(text, [a, b]) {
    const p = el("p", { class: "gz-result__excerpt" });
    if (b > a) p.append(text.slice(0, a), el("mark", {}, text.slice(a, b)), text.slice(b));
    else p.append(text);
    return p;
  }
  // A number the library lacks, as a document here declares it (repealed, replaced, amended), linked to the clause.
  function renderNotice([kind, words, url]) {
    const li = el("li", { class: "gz-result gz-result--declared", "data-kind": "declared", "data-relation": kind });
    li.append(el("a", { class: "gz-result__title", href: new URL(url, SITE_ROOT).href }, words));
    return li;
  }

  function renderResult(r) {
    const href = new URL(r.url, SITE_ROOT).href;
    const li = el("li", { class: "gz-result", "data-kind": r.kind });
    li.append(el("a", { class: "gz-result__title", href }, r.title));
    const info = el("div", { class: "gz-result__meta" });
    if (r.kind === "document") {
      info.append(el("span", { class: "gz-result__wenhao" }, r.wenhao), el("time", { datetime: r.date }, formatDate(r.date)), el("span", { class: "gz-result__issuer" }, r.issuer));
    } else {
      info.append(el("span", {}, r.dept_kind || "部门"));
      if (r.aliases && r.aliases.length) info.append(el("span", {}, `又称 ${r.aliases.join("、")}`));
    }
    li.append(info);
    if (r.parts.length) {
      const parts = el("ul", { class: "gz-result__parts" });
      for (const p of r.parts) {
        const link = el("a", { class: "gz-result__part", href: p.anchor ? `${href}#${p.anchor}` : href }, p.cite);
        parts.append(el("li", {}, link, marked(p.excerpt, p.match)));
      }
      li.append(parts);
    }
    return li;
  }

  /* ---- header box ----------------------------------------------------------- */

  function initHeader(form) {
    const input = form.querySelector("input[name=q]");
    const panel = form.querySelector(".gz-search__panel");
    const list = panel.querySelector(".gz-results");
    const status = panel.querySelector(".gz-search__status");
    const more = panel.querySelector(".gz-search__more");
    let seq = 0, timer = null;
    const close = () => { panel.hidden = true; input.setAttribute("aria-expanded", "false"); };
    const go = async () => {
      const mine = ++seq;
      const value = input.value;
      if (!value.trim()) { close(); return; }
      const out = await search(value, { limit: HEADER_LIMIT });
      if (mine !== seq) return;
      list.replaceChildren(...out.notices.map(renderNotice), ...out.results.map(renderResult));
      status.textContent = out.total ? `共 ${out.total} 条结果` : "没有找到包含检索词的文件或部门";
      const url = new URL(form.getAttribute("action"), location.href);
      url.searchParams.set("q", value);
      more.href = url.href;
      more.hidden = out.total <= out.results.length;
      panel.hidden = false;
      input.setAttribute("aria-expanded", "true");
    };
    input.addEventListener("focus", () => { init(); if (list.children.length && input.value.trim()) panel.hidden = false; });
    input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(go, 100); });
    input.addEventListener("keydown", (e) => { if (e.key === "Escape") { close(); input.blur(); } });
    document.addEventListener("click", (e) => { if (!form.contains(e.target)) close(); });
  }

  /* ---- search page ---------------------------------------------------------- */

  async function initPage(root) {
    const form = root.querySelector("form");
    const input = form.querySelector("input[name=q]");
    const sortSelect = form.querySelector("select[name=sort]");
    const facetsDetails = root.querySelector(".gz-facets-box");
    const facetsBox = root.querySelector(".gz-facets");
    const status = root.querySelector(".gz-search-status");
    const list = root.querySelector(".gz-results");
    const more = root.querySelector(".gz-more");
    status.textContent = "正在检索…"; // replaces the no-script hint at once, before the index loads
    const meta = await init();
    const params = new URLSearchParams(location.search);
    const selected = {};
    // Facet choices travel in the URL under their labels (年份=2017).
    for (const f of meta.facets) selected[f.id] = new Set(params.getAll(f.label));
    input.value = params.get("q") || "";
    sortSelect.value = params.get("sort") || "";
    let seq = 0, shown = 0, total = 0, counts = {};

    const filters = () => Object.fromEntries(meta.facets.map((f) => [f.id, [...selected[f.id]]]));
    function syncUrl() {
      const url = new URL(location.href);
      url.search = "";
      if (input.value.trim()) url.searchParams.set("q", input.value.trim());
      if (sortSelect.value) url.searchParams.set("sort", sortSelect.value);
      for (const f of meta.facets) for (const v of selected[f.id]) url.searchParams.append(f.label, v);
      history.replaceState(null, "", url);
    }
    function renderFacets() {
      facetsBox.replaceChildren();
      for (const f of meta.facets) {
        const box = el("fieldset", { class: "gz-facet", "data-facet": f.label }, el("legend", {}, f.label));
        const values = f.values.filter((v) => counts[f.id][v] || selected[f.id].has(v));
        if (f.id !== "year" && f.id !== "issue") values.sort((a, b) => (counts[f.id][b] || 0) - (counts[f.id][a] || 0));
        for (const value of values) {
          const box1 = el("input", { type: "checkbox", name: f.label, value });
          box1.checked = selected[f.id].has(value);
          box1.addEventListener("change", () => {
            if (box1.checked) selected[f.id].add(value); else selected[f.id].delete(value);
            go();
          });
          box.append(el("label", { class: "gz-facet__value" }, box1, ` ${value} `, el("span", { class: "gz-facet__count" }, String(counts[f.id][value] || 0))));
        }
        if (values.length) facetsBox.append(box);
      }
    }
    async function page(mine) {
      const out = await search(input.value, { filters: filters(), sort: sortSelect.value || null, limit: PAGE_SIZE, offset: shown });
      if (mine !== seq) return null;
      const nodes = [...out.notices.map(renderNotice), ...out.results.map(renderResult)];
      if (shown === 0) list.replaceChildren(...nodes); else list.append(...nodes);
      shown += out.results.length;
      more.hidden = shown >= out.total;
      return out;
    }
    async function go() {
      const mine = ++seq;
      syncUrl();
      list.removeAttribute("data-state");
      delete root.dataset.state;
      status.textContent = "正在检索…";
      shown = 0;
      const out = await page(mine);
      if (!out) return;
      total = out.total;
      counts = out.facets;
      const asked = input.value.trim() || Object.values(selected).some((s) => s.size);
      status.textContent = total ? `共 ${total} 条结果` : asked ? "没有找到包含检索词的文件或部门。" : "输入关键词、文号或部门名称开始检索。";
      if (facetsDetails.open) renderFacets();
      list.dataset.state = "done";
      root.dataset.state = "done";
    }
    let timer = null;
    form.addEventListener("submit", (e) => { e.preventDefault(); go(); });
    input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(go, 150); });
    sortSelect.addEventListener("change", go);
    more.addEventListener("click", async () => {
      list.removeAttribute("data-state");
      await page(seq);
      list.dataset.state = "done";
    });
    facetsDetails.addEventListener("toggle", () => { if (facetsDetails.open) renderFacets(); });
    if (meta.facets.some((f) => selected[f.id].size)) facetsDetails.open = true;
    go();
  }

  function start() {
    for (const form of document.querySelectorAll("form[data-gz-search=header]")) initHeader(form);
    const page = document.querySelector("[data-gz-search=page]");
    if (page) initPage(page);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
