/* Full-text search over the bigram index written by gazette/publish/search.py.
 *
 * A query finds exactly the pages that print it (Ctrl+F semantics, on letters and
 * digits: punctuation and whitespace of the text and the query do not count; traditional
 * characters fold to simplified): each space-separated term is looked up as the
 * character bigrams and phrase keys that cover it (cover(), the rule of cover() in
 * search_format.py), whose positions must line up; every term must occur.
 * Terms the documents abbreviate, or that the reviewed everyday-words table knows, are
 * searched with their official words too (shown, and undone on request). When nothing
 * matches exactly, the documents holding most of the query's bigrams are offered, labelled.
 * 文号 typed in any printed form (grammar from assets/rules.json), or as people say it
 * (33号文, 衢政办33号; grammar in meta.bin), finds the candidate documents; a department
 * name or alias finds its page and every document naming it.
 *
 * The index format (file paths, part keys, SEP, normalisation, version) is read from
 * meta.bin (gazette/publish/search_format.py); nothing of it is restated here except what
 * finds and checks meta.bin itself: FORMAT (the version this reader understands, so it cannot
 * come from the files it checks), MAGIC and meta.bin's address (FOLDER/META). rules.json is
 * fetched beside meta.bin, not before it, so taking them from there would cost a round trip;
 * tests/test_search_index.py holds these constants to Python's. Every file is checked (gzip, magic,
 * JSON); a build directory that vanished (a newer deployment) makes the page reload
 * meta.bin once. Record text only ever reaches the page through textContent.
 */
(() => {
  "use strict";

  // The index format this script reads and the first bytes of every index file: FORMAT and MAGIC
  // of gazette/publish/search_format.py (tests/test_search_index.py compares them).
  const FORMAT = 8;
  const MAGIC = [0x47, 0x5a, 0x53, FORMAT]; // "GZS" + FORMAT
  // Fetched from assets/, or held by the search page, whose copy names the address it stands for
  // (data-src: gazette/publish/entry.py).
  const HERE = document.currentScript;
  const SITE_ROOT = new URL("../", HERE.src || new URL(HERE.dataset.src, location.href));
  const INDEX = new URL("search/", SITE_ROOT); // FOLDER of search_format.py; meta.bin (META) in it
  const HEADER_LIMIT = 6;
  const PAGE_SIZE = 10;
  // Results fetched before the rest of a page: what a phone's first screen shows. Their files
  // download alone, so on a slow link they appear before the others have arrived.
  const FIRST_SCREEN = 3;
  const MAX_PARTS = 3;
  const MAX_NEAR_GRAMS = 48; // bigrams looked up when nothing matches exactly (bounds downloads)
  const EXPAND_OFF = ["扩展", "否"]; // in the address: the query without its official words
  const expandIn = (params) => params.get(EXPAND_OFF[0]) !== EXPAND_OFF[1];

  /* ---- loading, every file checked ---------------------------------------- */

  // kind: "missing" (404 or gone), "damaged" (not an index file of this format), "version", "network"
  class IndexFault extends Error {
    constructor(kind, path, detail) { super(`search index: ${path}: ${detail}`); this.kind = kind; this.path = path; }
  }
  const startsWith = (bytes, prefix) => prefix.every((b, i) => bytes[i] === b);
  async function inflate(bytes, path) {
    // Stored gzip-compressed; a server may already have decoded it (Content-Encoding).
    if (!startsWith(bytes, [0x1f, 0x8b])) return bytes;
    try {
      const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
      return new Uint8Array(await new Response(stream).arrayBuffer());
    } catch (e) {
      throw new IndexFault("damaged", path, `gzip: ${e.message}`);
    }
  }
  async function fetchFile(url, path, options) {
    let response;
    try { response = await fetch(url, options); } catch (e) { throw new IndexFault("network", path, e.message); }
    if (response.status === 404 || response.status === 410) throw new IndexFault("missing", path, String(response.status));
    if (!response.ok) throw new IndexFault("network", path, `HTTP ${response.status}`);
    const bytes = await inflate(new Uint8Array(await response.arrayBuffer()), path);
    if (bytes.length >= 3 && startsWith(bytes, MAGIC.slice(0, 3)) && bytes[3] !== FORMAT) {
      throw new IndexFault("version", path, `format ${bytes[3]}, this page reads ${FORMAT}`);
    }
    if (!startsWith(bytes, MAGIC)) throw new IndexFault("damaged", path, "not a search index file");
    return bytes.subarray(MAGIC.length);
  }
  const utf8 = new TextDecoder("utf-8", { fatal: true });
  function parseJson(bytes, path) {
    try { return JSON.parse(typeof bytes === "string" ? bytes : utf8.decode(bytes)); } catch (e) { throw new IndexFault("damaged", path, `JSON: ${e.message}`); }
  }

  // Everything read from one build; replaced as a whole when the deployment changes.
  let index = null;
  function freshIndex() { return { ready: null, reread: null, files: new Map(), tables: new Map(), shards: new Map(), postings: new Map(), counts: new Map(), runs: new Map() }; }
  index = freshIndex();

  // A promise cached until it fails: a failure is never cached.
  function cached(map, key, make) {
    if (!map.has(key)) {
      const p = make();
      map.set(key, p);
      p.catch(() => { if (map.get(key) === p) map.delete(key); });
    }
    return map.get(key);
  }
  // A new task: a search's steps (decoding each list, ranking, excerpts) run as separate tasks,
  // so a slow phone paints and takes a tap in between instead of freezing for the whole search.
  const breathe = () => new Promise((resolve) => setTimeout(resolve, 0));
  function fill(template, values) { return template.replace(/\{(\w+)\}/g, (_, k) => String(values[k])); }
  // A file of the current build: paths are templates from meta.paths.
  // Every file asked for exists in the build (meta.have lists the 文号 years and numbers),
  // so a 404 always means a fault or a newer deployment, never "nothing there".
  function load(meta, name, values) {
    const path = `${meta.build}/${fill(meta.paths[name], values || {})}`;
    return cached(index.files, path, () => fetchFile(new URL(path, INDEX), path));
  }
  const loadJson = (meta, name, values) => load(meta, name, values).then((b) => parseJson(b, name));

  // The search page holds a copy of meta.bin (gazette/publish/entry.py): a search in its address
  // asks for its lists without a round trip for meta.bin. Once a newer deployment has replaced the
  // build the copy names, meta.bin is read instead.
  let pageCopy = true;
  async function loadMeta(reload) {
    const url = new URL("meta.bin", INDEX);
    const rules = window.gazetteRules;
    const held = !reload && pageCopy && rules && rules.held ? rules.held(url) : null;
    // Past every cache on the way (the browser's and a CDN's, which keys on the URL).
    if (reload) url.searchParams.set("fresh", String(Date.now()));
    const meta = parseJson(held || await fetchFile(url, "meta.bin", reload ? { cache: "reload" } : undefined), "meta.bin");
    if (meta.format !== FORMAT) throw new IndexFault("version", "meta.bin", `format ${meta.format}`);
    return meta;
  }
  // On the search page rules.js and this script load async (overrides/main.html), so this one may
  // run first: it waits for rules.js's "gazette:rules" event. The page's load event comes once every
  // script of the page has run or failed: rules.js is then missing, a download fault (never a hang).
  function rulesScript() {
    if (window.gazetteRules) return Promise.resolve(window.gazetteRules);
    // Only a new load of the page fetches the script again: its retry reloads the page.
    const missing = () => Object.assign(new IndexFault("network", "assets/rules.js", "not loaded"), { reload: true });
    if (document.readyState === "complete") return Promise.reject(missing());
    return new Promise((resolve, reject) => {
      document.addEventListener("gazette:rules", () => resolve(window.gazetteRules), { once: true });
      window.addEventListener("load", () => { if (!window.gazetteRules) reject(missing()); }, { once: true });
    });
  }
  // The index of the current build; ``fresh``: a meta.bin just read past the cache.
  function init(fresh) {
    if (!index.ready) {
      const mine = index;
      mine.ready = (async () => {
        // rules.json does not depend on meta.bin: both downloads run at once (a round trip less on a slow phone).
        const rules = rulesScript().then((r) => r.ready);
        rules.catch(() => {});
        let meta = fresh;
        if (!meta) try { meta = await loadMeta(false); } catch (e) {
          if (!(e instanceof IndexFault) || e.kind === "network") throw e;
          // A cached meta.bin of another deployment: its format is not ours.
          mine.files.clear();
          meta = await loadMeta(true);
        }
        prepare(meta, await rules);
        return meta;
      })();
      mine.ready.catch(() => { if (index === mine) mine.ready = null; });
    }
    return index.ready;
  }

  /* ---- normalisation (the rules of normalize() in search_format.py, read from meta) -- */

  function prepare(meta, rules) {
    meta.dropRe = new RegExp(meta.drop, "u");
    meta.punctRe = new RegExp(meta.punct, "u");
    meta.ownIndex = new Map(meta.own.map((term, k) => [term, k]));
    try { meta.t2sKeys = decodeT2sKeys(Uint8Array.from(atob(meta.t2s), (c) => c.charCodeAt(0))); } catch (e) {
      throw new IndexFault("damaged", "meta.bin", `t2s: ${e.message}`);
    }
    meta.t2sValues = null; // until a string to normalise holds a traditional character (withT2s)
    meta.charCache = new Map();
    meta.keyCache = new Map();
    meta.rules = rules;
    formatDate = rules.formatDate;
    meta.depts = meta.departments; // their names' normalised forms (keys) come with them
    meta.deptByCode = new Map(meta.depts.map((d) => [d.code, d]));
    // A unit as a reader types its name: registered names, then city units' names without the city part.
    meta.unitNames = new Map([...rules.rules.unit_names.short, ...rules.rules.unit_names.names]);
    meta.colloquial = new RegExp(meta.colloquial_wenhao, "u");
    // The clause labels the library prints, as printed and in digits (the "numeral" expansions).
    meta.labels = new Set(meta.expansions.filter((e) => e.kind === "numeral").flatMap((e) => [e.word, e.norm]));
    meta.titleKey = partKey(meta, meta.title_part, true);
    meta.numberKey = partKey(meta, meta.number_part, true);
  }
  // Traditional → simplified (encode_t2s of search_format.py): meta.bin holds the traditional code
  // points, the simplified ones are a file of their own (paths.t2s), fetched the first time a string
  // to normalise holds a traditional character, so a plain query never waits for the table. Typed
  // arrays looked up by bisection: no string or map entry per character (thousands of them).
  function decodeT2sKeys(bytes) {
    const r = new Reader(bytes);
    const from = new Uint32Array(r.next());
    for (let i = 0, prev = 0; i < from.length; i++) { prev += r.next(); from[i] = prev; }
    if (r.pos !== bytes.length) throw new Error("keys past their count");
    return from;
  }
  function decodeT2sValues(meta, bytes) {
    const from = meta.t2sKeys, to = new Uint32Array(from.length);
    try {
      const r = new Reader(bytes);
      if (r.next() !== from.length) throw new Error("not as many characters as meta.bin's keys");
      for (let i = 0; i < from.length; i++) { const z = r.next(); to[i] = from[i] + (z & 1 ? -((z + 1) / 2) : z / 2); }
      if (r.pos !== bytes.length) throw new Error("characters past their count");
    } catch (e) { throw new IndexFault("damaged", meta.paths.t2s, e.message); }
    return to;
  }
  function t2sIndex(meta, c) {
    const cp = c.codePointAt(0), from = meta.t2sKeys;
    for (let lo = 0, hi = from.length - 1; lo <= hi;) {
      const mid = (lo + hi) >> 1;
      if (from[mid] === cp) return mid;
      if (from[mid] < cp) lo = mid + 1; else hi = mid - 1;
    }
    return -1;
  }
  // Whether normalising ``ch`` needs the simplified characters.
  function needsT2s(meta, ch) {
    let needs = meta.keyCache.get(ch);
    if (needs === undefined) {
      needs = Array.from(meta.rules.fold(ch).toLowerCase()).some((c) => t2sIndex(meta, c) >= 0);
      meta.keyCache.set(ch, needs);
    }
    return needs;
  }
  // Every string about to be normalised passes here first: the table arrives before it is needed.
  async function withT2s(meta, strings) {
    if (meta.t2sValues || !strings.some((s) => Array.from(s).some((ch) => needsT2s(meta, ch)))) return;
    const bytes = await load(meta, "t2s");
    if (!meta.t2sValues) meta.t2sValues = decodeT2sValues(meta, bytes);
  }

  // The facets (paths.facets: values and each document's, 4 KB gzip at 5,040 documents) are read
  // for filters, for counts and when the panel opens: a plain query's first results never wait
  // for them. Their ids and labels are rules.json's (meta.rules.facets), known before.
  function facetTable(meta) {
    return cached(index.tables, "facets", () => loadJson(meta, "facets").then((list) => {
      const labels = new Map(meta.rules.facets.map((f) => [f.id, f.label]));
      const whole = Array.isArray(list) && list.length === labels.size && list.every((f) => labels.has(f.id)
        && Array.isArray(f.values) && Array.isArray(f.docs) && f.docs.length === meta.docs);
      if (!whole) throw new IndexFault("damaged", meta.paths.facets, "not the facets of this build");
      for (const f of list) f.label = labels.get(f.id);
      return { list, byId: Object.fromEntries(list.map((f) => [f.id, f])) };
    }));
  }
  const partKey = (meta, part, heading) => part * 2 ** meta.part_shift + (heading ? meta.heading_bit : 0);
  const partOf = (meta, key) => Math.floor(key / 2 ** meta.part_shift);
  const isHeading = (meta, key) => (key & meta.heading_bit) !== 0;

  // normalize() of search_format.py: rules.js's fold (gazette/vocab/normalize.py), lower case,
  // traditional → simplified, whitespace/invisible (meta.drop) and punctuation (meta.punct) dropped.
  function normChar(meta, ch) {
    let n = meta.charCache.get(ch);
    if (n === undefined) {
      n = [];
      for (let c of meta.rules.fold(ch).toLowerCase()) {
        const k = t2sIndex(meta, c);
        if (k >= 0) {
          if (!meta.t2sValues) throw new Error("search.js: normalised a traditional character before withT2s");
          c = String.fromCodePoint(meta.t2sValues[k]);
        }
        if (!meta.dropRe.test(c) && !meta.punctRe.test(c)) n.push(c);
      }
      meta.charCache.set(ch, n);
    }
    return n;
  }
  const normString = (meta, s) => Array.from(s).flatMap((ch) => normChar(meta, ch)).join("");
  // Traditional characters as their simplified forms, every other character as typed (a unit's
  // name is then compared by the unit-name matcher's own key); after withT2s.
  const simplified = (meta, s) => Array.from(s).map((ch) => {
    const k = meta.t2sValues ? t2sIndex(meta, ch) : -1;
    return k >= 0 ? String.fromCodePoint(meta.t2sValues[k]) : ch;
  }).join("");
  const isSeparator = (meta, ch) => ch === meta.sep || meta.dropRe.test(meta.rules.fold(ch) || " ");
  // Normalised code points of a part's strings joined by SEP, each mapped back to
  // its span in the displayed text (strings joined by a space).
  function norm(meta, strings) {
    const chars = [], from = [], to = [];
    let shown = "";
    strings.forEach((s, i) => {
      if (i) { chars.push(meta.sep); from.push(shown.length); to.push(shown.length + 1); shown += " "; }
      for (const ch of s) {
        for (const c of normChar(meta, ch)) { chars.push(c); from.push(shown.length); to.push(shown.length + ch.length); }
        shown += ch;
      }
    });
    return { chars, from, to, shown };
  }
  // Terms of a query (arrays of normalised characters): split at whitespace, punctuation ignored.
  function queryTerms(meta, raw) {
    const terms = [];
    let cur = [];
    for (const ch of Array.from(raw || "").slice(0, meta.max_query)) {
      if (isSeparator(meta, ch)) { if (cur.length) terms.push(cur); cur = []; } else cur.push(...normChar(meta, ch));
    }
    if (cur.length) terms.push(cur);
    const seen = new Set();
    return terms.filter((t) => { const k = t.join(""); return !seen.has(k) && seen.add(k); });
  }
  const tooLong = (meta, raw) => Array.from(raw || "").length > meta.max_query;

  /* ---- postings --------------------------------------------------------- */

  function fnv(term) {
    let h = 0x811c9dc5;
    for (const ch of term) h = Math.imul(h ^ ch.codePointAt(0), 0x01000193) >>> 0;
    return h;
  }
  class Reader {
    constructor(bytes, pos = 0, end = bytes.length) { this.bytes = bytes; this.pos = pos; this.end = end; }
    next() {
      let n = 0, shift = 0, b;
      do {
        if (this.pos >= this.end || shift > 49) throw new IndexFault("damaged", "postings", "varint past the end");
        b = this.bytes[this.pos++]; n += (b & 0x7f) * 2 ** shift; shift += 7;
      } while (b & 0x80);
      return n;
    }
  }
  // Shard header: term → [start, end] of its postings in the shard.
  function shard(meta, term) {
    const n = fnv(term) % meta.shards;
    return cached(index.shards, n, () => load(meta, "shard", { n }).then((bytes) => {
      const r = new Reader(bytes);
      const terms = new Map();
      let at = 0;
      try {
        const heads = [];
        for (let count = r.next(); count > 0; count--) {
          const len = r.next();
          if (r.pos + len > bytes.length) throw new Error("term past the end");
          const t = utf8.decode(bytes.subarray(r.pos, r.pos + len));
          r.pos += len;
          heads.push([t, r.next()]);
        }
        at = r.pos;
        for (const [t, size] of heads) { terms.set(t, [at, at + size]); at += size; }
      } catch (e) { throw new IndexFault("damaged", `shard ${n}`, e.message); }
      if (at !== bytes.length) throw new IndexFault("damaged", `shard ${n}`, "length does not match its header");
      return { bytes, terms };
    }));
  }
  // The bytes of a term's postings: [bytes, start, end, whether a bigram's entries hold positions],
  // or null when no document holds it. A long list is a file of its own, listed in meta.bin:
  // fetched at once, without its shard; a bigram's counts alone (``counted``) are a file of their own too.
  async function postingBytes(meta, term, counted) {
    const k = meta.ownIndex.get(term);
    if (k !== undefined) {
      const own = await load(meta, counted ? "counts" : "term", { k });
      return [own, 0, own.length, !counted];
    }
    const { bytes, terms } = await shard(meta, term);
    const span = terms.get(term);
    return span ? [bytes, span[0], span[1], true] : null;
  }

  // term → Map(doc → Map(partKey → positions[] (bigrams) | count (one character))); with
  // ``counted``, a bigram's counts only: a two-character query needs no positions, and a broad
  // one would allocate an array per part of thousands of documents.
  function postings(meta, term, counted = false) {
    const bigram = Array.from(term).length > 1;
    const positions = bigram && !counted;
    return cached(positions ? index.postings : index.counts, term, () => postingBytes(meta, term, bigram && counted).then(async (found) => {
      await breathe();
      const out = new Map();
      if (!found) return out;
      const [bytes, start, end, held] = found;
      const r = new Reader(bytes, start, end);
      let doc = 0, parts = null;
      while (r.pos < end) {
        const delta = r.next();
        if (delta || !parts) { doc += delta; parts = new Map(); out.set(doc, parts); }
        const key = r.next();
        const n = r.next();
        let value = n;
        if (positions) {
          value = new Array(n);
          for (let k = 0, p = 0; k < n; k++) { p += r.next(); value[k] = p; }
        } else if (bigram && held) {
          for (let k = 0; k < n; k++) r.next();
        }
        parts.set(key, value);
      }
      return out;
    }));
  }

  // The rule of cover() in gazette/publish/search_format.py, in its order (a browser test compares
  // the two): the keys covering a term of two characters or more, [offset, key], at the least cost
  // (own_cost for an own bigram, 1 for a phrase key or a bigram in a shard), then the fewest keys.
  function isPhraseKey(meta, key) {
    const half = meta.phrase / 2;
    return key.length === meta.phrase && meta.ownIndex.has(key.slice(0, half).join("")) && meta.ownIndex.has(key.slice(half).join(""));
  }
  function cover(meta, term) {
    const spans = [];
    for (let s = 0; s + 2 <= term.length; s++) spans.push([s, s + 2]);
    for (let s = 0; s + meta.phrase <= term.length; s++) if (isPhraseKey(meta, term.slice(s, s + meta.phrase))) spans.push([s, s + meta.phrase]);
    spans.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
    const best = new Map([[0, [0, 0, []]]]);
    const less = (a, b) => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
    for (const [s, t] of spans) {
      const key = term.slice(s, t).join("");
      const cost = t - s === 2 && meta.ownIndex.has(key) ? meta.own_cost : 1;
      let before = null;
      for (let e = s; e < t; e++) if (best.has(e) && (!before || less(best.get(e), before))) before = best.get(e);
      if (!before) continue;
      const candidate = [before[0] + cost, before[1] + 1, [...before[2], [s, key]]];
      if (!best.has(t) || less(candidate, best.get(t))) best.set(t, candidate);
    }
    return best.get(term.length)[2];
  }

  // Where a term occurs: Map(doc → Map(partKey → count)), exact runs only. A term one key covers
  // (a bigram, a phrase key) reads its counts; otherwise the keys' positions must line up.
  async function matchTerm(meta, term) {
    if (term.length < 2) return postings(meta, term.join(""), true);
    const keys = cover(meta, term);
    if (keys.length === 1) return postings(meta, keys[0][1], true);
    const offsets = keys.map(([o]) => o);
    const lists = await Promise.all(keys.map(([, key]) => postings(meta, key)));
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
        for (const p of sets[0]) if (rest.every((s, k) => s.has(p - offsets[0] + offsets[k + 1]))) count++;
        if (count) {
          if (!out.has(doc)) out.set(doc, new Map());
          out.get(doc).set(key, count);
        }
      }
    }
    return out;
  }
  // A term with its alternatives (expansions): the union of where each occurs.
  async function matchAny(meta, alternatives) {
    const maps = await Promise.all(alternatives.map((t) => matchTerm(meta, t)));
    if (maps.length === 1) return maps[0];
    const out = new Map();
    for (const m of maps) {
      for (const [doc, parts] of m) {
        if (!out.has(doc)) out.set(doc, new Map());
        const into = out.get(doc);
        for (const [key, count] of parts) into.set(key, (into.get(key) || 0) + count);
      }
    }
    return out;
  }

  /* ---- expansions: the documents' abbreviations, the everyday-words table ---- */

  // The rule of alternatives() in gazette/publish/search_vocab.py (ground truth reads it there).
  function expand(meta, terms, enabled) {
    const used = [];
    const alternatives = terms.map((term) => {
      const text = term.join("");
      const alts = [text];
      if (!enabled) return alts.map((a) => Array.from(a));
      for (const e of meta.expansions) {
        const applies = e.whole ? text === e.word : text.includes(e.word);
        if (!applies) continue;
        let added = false;
        for (const a of alts.slice()) {
          if (alts.length >= meta.max_alternatives || !a.includes(e.word)) continue;
          const b = e.whole ? e.norm : a.split(e.word).join(e.norm);
          if (!alts.includes(b)) { alts.push(b); added = true; }
        }
        if (added) used.push({ word: e.word, adds: e.adds, kind: e.kind, source: e.source });
      }
      return alts.map((a) => Array.from(a));
    });
    return { alternatives, used };
  }

  /* ---- the query ---------------------------------------------------------- */

  function parseWenhao(meta, raw) {
    const parsed = meta.rules.parseWenhao(raw || "");
    return parsed && { ...parsed, canonical: meta.rules.canonicalWenhao(parsed) };
  }
  function parseColloquial(meta, raw) {
    const m = meta.colloquial.exec(meta.rules.fold(String(raw || "")));
    if (!m) return null;
    return { prefix: m.groups.prefix || "", year: m.groups.year ? Number(m.groups.year) : null, seq: Number(m.groups.seq) };
  }
  const inOrder = (short, long) => { const it = long[Symbol.iterator](); return Array.from(short).every((c) => { for (const x of it) if (x === c) return true; return false; }); };

  // Tiers: 0 exact 文号 / department name / full title; 1 title (or department name)
  // contains the query; 2 the body does. Within a tier: score, then newer first.
  const HEADING = 3;

  async function run(meta, raw, expandOn) {
    await withT2s(meta, [raw]);
    const terms = queryTerms(meta, raw);
    const docs = new Map(); // doc → {tier, score, matches (where the terms occur), marks}
    const depts = [];
    // notices: what documents here declare about a number the library lacks: [kind, words, clause URL]
    const out = { terms, docs, depts, mode: "exact", expansions: [], alternatives: [], wenhao: null, notices: [] };
    if (!terms.length) return out;
    const hit = (n, tier, score) => {
      let d = docs.get(n);
      if (!d) { d = { tier, score: 0, matches: null, marks: [] }; docs.set(n, d); }
      d.tier = Math.min(d.tier, tier);
      d.score += score;
      return d;
    };
    const wenhao = parseWenhao(meta, raw);
    if (wenhao) {
      const table = meta.have.wenhao.includes(wenhao.year) ? await loadJson(meta, "wenhao", { year: wenhao.year }) : {};
      // Without a prefix, every family's number of that year and sequence.
      const keys = wenhao.prefix ? [wenhao.canonical] : Object.keys(table).filter((k) => table[k][3] === wenhao.seq);
      for (const key of keys) {
        const [own, citing, , , declared] = table[key] || [-1, []];
        if (declared) out.notices.push(...declared);
        if (own >= 0) hit(own, wenhao.prefix ? 0 : 1, wenhao.prefix ? 1000 : 500); // before who cites it
        for (const [n, part, start, end] of citing) hit(n, 1, 1).marks.push([part, [start, end]]);
      }
      // A number with its prefix names one document: done. A bare year and number
      // (2017—2) may as well be text: what prints it follows.
      if (docs.size && wenhao.prefix) return out;
    } else {
      const said = parseColloquial(meta, raw);
      if (said) {
        const rows = meta.have.seq.includes(said.seq) ? await loadJson(meta, "seq", { seq: said.seq }) : [];
        const candidates = rows.filter(([, prefix, year]) => (said.year === null || year === said.year) && inOrder(said.prefix, prefix));
        out.wenhao = { said: raw.trim(), candidates: candidates.map(([canonical]) => canonical) };
        for (const [, , , own] of candidates) if (own >= 0) hit(own, 1, 500);
        if (docs.size) return out;
      }
    }
    const { alternatives, used } = expand(meta, terms, expandOn);
    out.expansions = used;
    out.alternatives = alternatives;
    const whole = terms.map((t) => t.join("")).join("");
    // The unit a query names, by the one unit-name matcher's data (rules.json, UnitMatcher.named).
    const unit = terms.length === 1 ? meta.deptByCode.get(meta.unitNames.get(meta.rules.compareKey(simplified(meta, String(raw).trim())))) || null : null;
    for (const d of meta.depts) {
      if (d === unit) depts.push({ dept: d, tier: 0 });
      else if (terms.every((t) => d.keys.some((k) => k.includes(t.join(""))))) depts.push({ dept: d, tier: 1 });
    }
    if (unit && unit.aliases.length) out.expansions.push({ word: whole, adds: [unit.name, ...unit.aliases].join("、"), kind: "unit", source: unit.name });
    const [matches, named] = await Promise.all([
      Promise.all(alternatives.map((alts) => matchAny(meta, alts))),
      unit ? loadJson(meta, "unit", { code: unit.code }) : null,
    ]);
    await breathe(); // the lists were decoded in this task: the ranking runs in one of its own
    const first = matches.reduce((a, b) => (b.size < a.size ? b : a));
    for (const n of first.keys()) {
      if (!matches.every((m) => m.has(n))) continue;
      let score = 0, inTitle = true, exact = false;
      matches.forEach((m, i) => {
        const parts = m.get(n);
        inTitle = inTitle && parts.has(meta.titleKey);
        for (const [key, count] of parts) if (key !== meta.titleKey) score += count * (isHeading(meta, key) ? HEADING : 1);
        if (terms.length === 1 && parts.has(meta.titleKey) && meta.titles[n] === terms[i].length) exact = true;
        if (terms.length === 1 && parts.has(meta.numberKey) && meta.numbers[n] === terms[i].length) exact = true;
      });
      // Which parts hold which term is worked out for the results shown only (partHits): a broad
      // query matches thousands of documents.
      hit(n, exact ? 0 : inTitle ? 1 : 2, score).matches = matches;
    }
    for (const [n, part, printed] of named || []) {
      const d = hit(n, 2, docs.has(n) ? 0 : 1);
      if (!d.matches) d.marks.push([part, Array.from(printed)]);
    }
    if (!docs.size) {
      // A clause typed right after the words (电动自行车登记第十三条): no text runs the two together,
      // so the label is searched as a term of its own before the nearest matches are offered.
      const apart = labelsApart(meta, terms);
      if (apart) {
        const again = await run(meta, apart, expandOn);
        if (again.docs.size && again.mode === "exact") return again;
      }
      await nearest(meta, alternatives, hit, out);
    }
    return out;
  }
  // The query with each term that ends in a clause label the library prints (longest label first)
  // split before it; null when no term does.
  function labelsApart(meta, terms) {
    let split = false;
    const out = terms.map((term) => {
      for (let k = 2; k + 2 <= term.length; k++) {
        const tail = term.slice(k).join("");
        if (meta.labels.has(tail)) { split = true; return `${term.slice(0, k).join("")} ${tail}`; }
      }
      return term.join("");
    });
    return split ? out.join(" ") : null;
  }

  // Nothing matches exactly: documents by how much of the query they hold, in one part
  // (clause, row): its bigrams found, the longest run of them in order, its characters.
  async function nearest(meta, alternatives, hit, out) {
    const grams = new Map(); // bigram → [[term, alternative, index]]
    const chars = new Set();
    alternatives.forEach((alts, t) => alts.forEach((alt, a) => {
      for (let i = 0; i + 1 < alt.length; i++) {
        const g = alt[i] + alt[i + 1];
        if (!grams.has(g)) grams.set(g, []);
        grams.get(g).push([t, a, i]);
      }
      for (const c of alt) chars.add(c);
    }));
    const gramList = [...grams.keys()].slice(0, MAX_NEAR_GRAMS);
    if (!gramList.length) return;
    const charList = [...chars].slice(0, MAX_NEAR_GRAMS);
    const [gramPostings, charPostings] = await Promise.all([
      Promise.all(gramList.map((g) => postings(meta, g))),
      Promise.all(charList.map((c) => postings(meta, c))),
    ]);
    // (doc, key) → found bigrams
    const found = new Map();
    gramList.forEach((g, gi) => {
      for (const [doc, parts] of gramPostings[gi]) {
        for (const key of parts.keys()) {
          const id = `${doc} ${key}`;
          if (!found.has(id)) found.set(id, { doc, key, grams: new Set() });
          found.get(id).grams.add(g);
        }
      }
    });
    const best = new Map(), inText = new Map(); // doc → {score, key, grams}: any part, a part past the 文号
    for (const { doc, key, grams: got } of found.values()) {
      let score = 0;
      alternatives.forEach((alts, t) => {
        let termBest = 0;
        alts.forEach((alt, a) => {
          let n = 0, run = 0, longest = 0;
          for (let i = 0; i + 1 < alt.length; i++) {
            if (got.has(alt[i] + alt[i + 1])) { n++; run++; longest = Math.max(longest, run); } else run = 0;
          }
          const own = new Set(alt);
          let c = 0;
          charList.forEach((ch, ci) => { if (own.has(ch)) { const p = charPostings[ci].get(doc); if (p && p.has(key)) c++; } });
          termBest = Math.max(termBest, 2 * n + longest + c);
        });
        score += termBest;
      });
      // The title ranks the document but is shown anyway: the excerpt is the best part of the text,
      // a clause before a heading that holds as much (an attachment's title repeats the document's).
      const t = inText.get(doc), heading = isHeading(meta, key);
      if (partOf(meta, key) > meta.number_part && (!t || score > t.score || (score === t.score && t.heading && !heading))) {
        inText.set(doc, { score, key, grams: got, heading });
      }
      if (heading) score *= 1.5;
      const b = best.get(doc);
      if (!b || score > b.score) best.set(doc, { score, key, grams: got });
    }
    const totalGrams = gramList.length;
    for (const [doc, b] of best) {
      if (b.grams.size * 3 < Math.min(totalGrams, 3)) continue; // at least a third of a short query
      const d = hit(doc, 2, b.score);
      // A part of the text holding at least half of what the best part holds says why; else the title does.
      const t = inText.get(doc);
      const shown = t && t.grams.size * 2 >= b.grams.size ? t : b;
      d.marks.push([partOf(meta, shown.key), [...shown.grams].map((g) => Array.from(g))]);
    }
    if (out.docs.size) out.mode = "nearest";
  }

  // Facet values of a document (by number) or a department page (an object).
  const valuesOf = (item, f) => (typeof item === "number" ? f.docs[item].map((v) => f.values[v]) : item.facets[f.id] || []);
  function facetMatch(table, item, filters, skip) {
    for (const [id, values] of Object.entries(filters)) {
      if (id === skip) continue;
      const f = table.byId[id];
      if (f && !valuesOf(item, f).some((v) => values.includes(v))) return false;
    }
    return true;
  }

  // options.facets: also count each facet's values over the results (``facets`` of the answer,
  // else null); the facet table is fetched for that and for filters only.
  async function attempt(query, options) {
    const meta = await init();
    const { filters = {}, sort = null, limit = 10, offset = 0, expand: expandOn = true, facets: counting = false } = options;
    const ids = new Set(meta.rules.facets.map((f) => f.id));
    const active = Object.fromEntries(Object.entries(filters || {}).filter(([id, v]) => v && v.length && ids.has(id)));
    const filtering = Object.keys(active).length > 0;
    const key = `${expandOn ? 1 : 0}${query || ""}`;
    const [found, table] = await Promise.all([
      cached(index.runs, key, () => run(meta, query || "", expandOn)),
      filtering || counting ? facetTable(meta) : null,
    ]);
    if (index.runs.size > 20) index.runs.delete(index.runs.keys().next().value);
    let pool, deptPool;
    if (found.terms.length) { pool = [...found.docs.keys()]; deptPool = found.depts; }
    else if (filtering) { pool = Array.from({ length: meta.docs }, (_, i) => i); deptPool = meta.depts.map((dept) => ({ dept, tier: 1 })); }
    else { pool = []; deptPool = []; }
    // Counts of each facet over the results narrowed by the other facets only (documents counted
    // by value number: a broad query matches thousands).
    const facets = counting ? {} : null;
    for (const f of counting ? table.list : []) {
      const tally = new Array(f.values.length).fill(0);
      for (const n of pool) {
        if (filtering && !facetMatch(table, n, active, f.id)) continue;
        for (const v of f.docs[n]) tally[v]++;
      }
      const counts = {};
      f.values.forEach((value, v) => { if (tally[v]) counts[value] = tally[v]; });
      for (const { dept } of deptPool) {
        if (filtering && !facetMatch(table, dept, active, f.id)) continue;
        for (const v of valuesOf(dept, f)) counts[v] = (counts[v] || 0) + 1;
      }
      facets[f.id] = counts;
    }
    const info = (n) => found.docs.get(n) || { tier: 2, score: 0, matches: null, marks: [] };
    // The page's first screen and the rest of it ask for one order: it is worked out once per query,
    // filters and sort, in a task of its own (a broad query's ranking, then its sorting).
    // Kept as a promise: the searches a page asks for at once (its first result, the rest of its
    // first screen) wait for one ordering instead of each making its own.
    const orders = found.orders || (found.orders = new Map());
    const orderKey = JSON.stringify([sort, Object.entries(active).sort()]);
    if (!orders.has(orderKey)) {
      orders.set(orderKey, breathe().then(() => {
        const docs = filtering ? pool.filter((n) => facetMatch(table, n, active, null)) : pool;
        if (sort === "date:asc") docs.sort((a, b) => b - a);
        else if (sort === "date:desc") docs.sort((a, b) => a - b);
        else {
          // Each document's rank is read once, not at every comparison (thousands of documents).
          const tier = new Uint8Array(meta.docs), score = new Float64Array(meta.docs);
          for (const n of docs) { const d = info(n); tier[n] = d.tier; score[n] = d.score; }
          docs.sort((a, b) => tier[a] - tier[b] || score[b] - score[a] || a - b);
        }
        return docs;
      }));
    }
    const docs = await orders.get(orderKey);
    const depts = deptPool.filter((d) => !filtering || facetMatch(table, d.dept, active, null)).sort((a, b) => a.tier - b.tier);
    // Documents first; a department named exactly leads them; other units apart, counted apart.
    const lead = depts.filter((d) => d.tier === 0);
    const units = depts.filter((d) => d.tier !== 0);
    const ordered = [...lead.map((d) => ({ dept: d })), ...docs.map((doc) => ({ doc }))];
    const page = ordered.slice(offset, offset + limit);
    await breathe();
    const results = await Promise.all(page.map((item) => (item.dept ? deptResult(item.dept) : docResult(meta, item.doc, info(item.doc), found))));
    return {
      total: ordered.length, documents: docs.length, facets, results,
      units: { total: units.length, results: units.map(deptResult) },
      mode: found.mode, expansions: found.expansions, wenhao: found.wenhao, notices: offset === 0 ? found.notices : [],
      truncated: tooLong(meta, query), max_query: meta.max_query,
    };
  }

  // Work on the index (a search, the facet table); when a file of the build is gone (a newer
  // deployment replaced it), meta.bin is read again, bypassing the cache, and the work runs once more.
  async function recovering(work) {
    const used = index;
    try {
      return await work();
    } catch (e) {
      if (!(e instanceof IndexFault) || !["missing", "version", "damaged"].includes(e.kind)) throw e;
      if (index !== used) return work(); // a search beside this one has read the new meta.bin
      // Searches failing together (the page's and the one begun early) read meta.bin once.
      if (!used.reread) used.reread = reread(used).finally(() => { used.reread = null; });
      if (!(await used.reread.catch(() => null))) throw e;
      return work();
    }
  }
  // meta.bin past the cache: the new build's index, or null when it names the same build (then
  // the file itself is damaged).
  async function reread(used) {
    const old = used.ready ? await used.ready.catch(() => null) : null;
    const meta = await loadMeta(true);
    if (old && meta.build === old.build) return null;
    pageCopy = false; // the page's copy names a build that is gone
    if (index === used) { index = freshIndex(); init(meta); }
    return meta;
  }
  function search(query, options = {}) { return recovering(() => attempt(query, options)); }
  function currentFacets() { return recovering(async () => facetTable(await init())); }

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

  // An excerpt of a part around the marked spans (every occurrence of every needle;
  // a needle is an array of characters or a [start, end] span of the normalised text).
  const WINDOW = 120; // characters of an excerpt that may hold several query words
  function excerpt(meta, strings, needles) {
    const t = norm(meta, strings);
    const spans = []; // [from, to, needle]
    needles.forEach((needle, k) => {
      if (typeof needle[0] === "number") {
        if (needle[0] >= 0 && needle[1] <= t.chars.length && needle[1] > needle[0]) spans.push([t.from[needle[0]], t.to[needle[1] - 1], k]);
        return;
      }
      if (!needle.length) return;
      for (let i = find(t.chars, needle); i >= 0; i = find(t.chars, needle, i + needle.length)) {
        spans.push([t.from[i], t.to[i + needle.length - 1], needle.join("")]);
      }
    });
    spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
    // The window starts at the mark after which the most different query words follow closely.
    let first = spans.length ? spans[0] : [0, 0];
    let most = 0;
    for (const s of spans) {
      const words = new Set(spans.filter((o) => o[0] >= s[0] && o[1] <= s[0] + WINDOW).map((o) => o[2]));
      if (words.size > most) { most = words.size; first = s; }
    }
    const start = Math.max(0, first[0] - 24);
    let end = Math.min(t.shown.length, Math.max(first[1] + 48, start + 72));
    for (const s of spans) if (s[0] >= first[0] && s[1] <= first[0] + WINDOW) end = Math.min(t.shown.length, Math.max(end, s[1] + 12));
    // A query word too far away for one window gets a short piece of its own ("…A…B…").
    const pieces = [[start, end]];
    const inside = (s) => pieces.some(([a, b]) => s[0] >= a && s[1] <= b);
    const seen = new Set(spans.filter(inside).map((s) => s[2]));
    for (const s of spans) {
      if (seen.has(s[2]) || pieces.length >= 3) continue;
      seen.add(s[2]);
      pieces.push([Math.max(0, s[0] - 12), Math.min(t.shown.length, s[1] + 12)]);
    }
    pieces.sort((a, b) => a[0] - b[0]);
    const joined = [];
    for (const p of pieces) {
      const last = joined[joined.length - 1];
      if (last && p[0] <= last[1]) last[1] = Math.max(last[1], p[1]); else joined.push([...p]);
    }
    let text = "";
    const marks = [];
    for (const [a, b] of joined) {
      if (a > 0 && !text.endsWith("…")) text += "…";
      const offset = text.length - a;
      text += t.shown.slice(a, b);
      const here = spans.filter((s) => s[0] >= a && s[1] <= b).map((s) => [s[0] + offset, s[1] + offset]);
      for (const m of here) {
        const last = marks[marks.length - 1];
        if (last && m[0] <= last[1]) last[1] = Math.max(last[1], m[1]); else marks.push(m);
      }
      if (b < t.shown.length) text += "…";
    }
    return { text, marks };
  }

  // Parts of document n holding query terms: key → Set(term index), and key → occurrences.
  function partHits(info, n) {
    const hits = new Map(), counts = new Map();
    (info.matches || []).forEach((m, i) => {
      for (const [key, count] of m.get(n)) {
        if (!hits.has(key)) hits.set(key, new Set());
        hits.get(key).add(i);
        counts.set(key, (counts.get(key) || 0) + count);
      }
    });
    return { hits, counts };
  }

  async function docResult(meta, n, info, found) {
    const { hits, counts } = partHits(info, n);
    const allNeedles = found.alternatives.flat();
    const wanted = new Map(); // part index → needles
    for (const [part, needle] of info.marks) {
      const needles = Array.isArray(needle[0]) ? needle : [needle];
      wanted.set(part, [...(wanted.get(part) || []), ...needles]);
    }
    // Parts holding the most query words first; then those holding the words this document holds in
    // few parts (防汛 第十八条: the clause, not every heading naming 防汛); then headings, then more occurrences.
    const spread = new Map(); // term index → parts of this document holding it
    for (const terms of hits.values()) for (const t of terms) spread.set(t, (spread.get(t) || 0) + 1);
    const rarity = new Map([...hits].map(([key, terms]) => [key, [...terms].reduce((sum, t) => sum + 1 / spread.get(t), 0)]));
    const ranked = [...hits].filter(([key]) => partOf(meta, key) > meta.number_part)
      .sort((a, b) => b[1].size - a[1].size || rarity.get(b[0]) - rarity.get(a[0])
        || Number(isHeading(meta, b[0])) - Number(isHeading(meta, a[0]))
        || (counts.get(b[0]) || 0) - (counts.get(a[0]) || 0) || a[0] - b[0]);
    for (const [key] of ranked) if (!wanted.has(partOf(meta, key))) wanted.set(partOf(meta, key), allNeedles);
    // The title is shown anyway: an excerpt of it only when nothing else holds the query (nearest).
    // Best first: the first excerpt a phone shows is the one that says why the document was found.
    const chosen = [...wanted].filter(([i]) => i > meta.number_part || (i === meta.title_part && wanted.size === 1)).slice(0, MAX_PARTS);
    // The card files holding those parts (every one carries the card): one or two short files.
    const run = (i) => Math.floor(i / meta.card_parts);
    const runs = chosen.length ? [...new Set(chosen.map(([i]) => run(i)))] : [0];
    const files = await Promise.all(runs.map((c) => loadJson(meta, "doc", { n, c })));
    const card = files[0];
    const partAt = (i) => files[runs.indexOf(run(i))].parts[i % meta.card_parts];
    const quoted = chosen.filter(([i]) => partAt(i));
    await withT2s(meta, quoted.flatMap(([i]) => partAt(i)[2]));
    const parts = quoted.map(([i, needles]) => {
      const [anchor, cite, strings, label] = partAt(i);
      let ex = excerpt(meta, strings, needles);
      // The citation label shown with the excerpt names the printed label (第五条, (二)): the excerpt
      // starts after it, unless the query is found only in the label. (Offsets of a 文号 mark are
      // offsets in the whole part: such a part is quoted whole.)
      if (label && needles.every((needle) => typeof needle[0] !== "number")) {
        const rest = excerpt(meta, [strings[0].slice(label), ...strings.slice(1)], needles);
        if (rest.marks.length && rest.text) ex = rest;
      }
      return { anchor, cite, excerpt: ex.text, marks: ex.marks, match: ex.marks[0] || [0, 0] };
    });
    return {
      url: card.url, kind: "document", title: card.title, wenhao: card.wenhao, date: card.date, issuer: card.issuer,
      score: (3 - info.tier) * 1e6 + info.score, parts,
    };
  }

  window.gazetteSearch = {
    search: (query, options) => search(query, options || {}),
    // The normalisation and query terms as this page applies them (tests compare them with Python's).
    normalize: (text) => init().then(async (meta) => { await withT2s(meta, [text]); return normString(meta, text); }),
    terms: (query) => init().then(async (meta) => { await withT2s(meta, [query]); return queryTerms(meta, query).map((t) => t.join("")); }),
    // The keys a normalised term is read with; ``own``: terms to take for the index's own ones.
    cover: (term, own) => init().then((meta) => cover(own ? { ...meta, ownIndex: new Map(own.map((t, k) => [t, k])) } : meta, Array.from(term))),
  };

  /* ---- rendering ------------------------------------------------------------ */

  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined && v !== false) node.setAttribute(k, v);
    for (const c of children) if (c !== null && c !== undefined) node.append(typeof c === "string" ? document.createTextNode(c) : c);
    return node;
  }
  // ISO day → the day as pages write it: rules.js (gazette/derive/dates.py), set in prepare().
  let formatDate = () => "";
  function marked(text, marks) {
    const p = el("p", { class: "gz-result__excerpt" });
    let at = 0;
    for (const [a, b] of marks) {
      if (b <= a || a < at) continue;
      p.append(text.slice(at, a), el("mark", {}, text.slice(a, b)));
      at = b;
    }
    p.append(text.slice(at));
    return p;
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
        const link = el("a", { class: "gz-result__part", href: p.anchor ? `${href}#${p.anchor}` : href });
        // A part that is its label and nothing more (an attachment's title) is quoted once, in its link.
        if (p.excerpt === p.cite) { link.append(...marked(p.excerpt, p.marks).childNodes); parts.append(el("li", {}, link)); }
        else { link.append(p.cite); parts.append(el("li", {}, link, marked(p.excerpt, p.marks))); }
      }
      li.append(parts);
    }
    return li;
  }
  // A number the library lacks, as a document here declares it (repealed, replaced, amended), linked to the clause.
  function renderNotice([kind, words, url]) {
    const li = el("li", { class: "gz-result gz-result--declared", "data-kind": "declared", "data-relation": kind });
    li.append(el("a", { class: "gz-result__title", href: new URL(url, SITE_ROOT).href }, words));
    return li;
  }
  const NEAREST = "没有找到完全相同的文字；以下结果包含其中部分文字";
  function countText(out) {
    const docs = out.documents;
    const lead = out.total - docs; // a department named exactly
    const parts = [];
    if (lead) parts.push("部门页 1 个");
    parts.push(`共 ${docs} 篇文件`);
    if (out.units.total) parts.push(`单位 ${out.units.total} 个`);
    return parts.join("，");
  }
  function expansionNote(out, undo) {
    if (!out.expansions.length) return null;
    const p = el("p", { class: "gz-search-expanded" }, "也检索了：");
    out.expansions.forEach((e, i) => {
      if (i) p.append("；");
      if (e.kind === "abbr") p.append(`“${e.adds}”（“${e.word}”是它的简称，据${e.source}）`);
      else if (e.kind === "unit") p.append(`部门“${e.source}”的全称和简称：${e.adds}`);
      else if (e.kind === "numeral") p.append(`“${e.adds}”（${e.source}“${e.word}”的原文写法）`);
      else p.append(`“${e.adds}”（日常说法“${e.word}”，据检索用词表：${e.source}）`);
    });
    if (undo) { p.append(" "); p.append(undo); }
    return p;
  }
  function faultText(e) {
    if (e && e.kind === "version") return "检索索引已更新，与这个页面的版本不一致。请刷新页面后再检索。";
    if (e && e.kind === "network") return "检索索引下载失败（网络或服务器问题），请检查网络后重试。";
    return "检索索引文件缺失或已损坏，暂时无法检索。请稍后重试；如果一再出现，请告知网站管理员。";
  }

  /* ---- header box: a combobox (WAI-ARIA pattern: list autocomplete) ------------- */

  function initHeader(form) {
    const input = form.querySelector("input[name=q]");
    const panel = form.querySelector(".gz-search__panel");
    const list = panel.querySelector(".gz-results");
    const status = panel.querySelector(".gz-search__status");
    const more = panel.querySelector(".gz-search__more");
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "检索结果");
    status.setAttribute("role", "status");
    let seq = 0, timer = null, active = -1;
    const options = () => [...list.querySelectorAll(":scope > li")];
    const setActive = (i) => {
      const items = options();
      active = items.length ? (i + items.length) % items.length : -1;
      items.forEach((li, k) => li.setAttribute("aria-selected", String(k === active)));
      if (active >= 0) { input.setAttribute("aria-activedescendant", items[active].id); items[active].scrollIntoView({ block: "nearest" }); }
      else input.removeAttribute("aria-activedescendant");
    };
    const open = () => { panel.hidden = false; input.setAttribute("aria-expanded", "true"); };
    const close = () => { panel.hidden = true; input.setAttribute("aria-expanded", "false"); setActive(-1); };
    const go = async () => {
      const mine = ++seq;
      const value = input.value;
      if (!value.trim()) { close(); return; }
      let out;
      try { out = await search(value, { limit: HEADER_LIMIT }); } catch (e) {
        if (mine !== seq) return;
        list.replaceChildren();
        status.textContent = faultText(e);
        open();
        return;
      }
      if (mine !== seq) return;
      list.replaceChildren(...[...out.notices.map(renderNotice), ...out.results.map(renderResult)].map((li, i) => {
        li.id = `gz-search-option-${i}`;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        return li;
      }));
      active = -1;
      input.removeAttribute("aria-activedescendant");
      status.textContent = out.total || out.units.total
        ? (out.mode === "nearest" ? `${NEAREST}。` : "") + countText(out)
        : "没有找到包含检索词的文件或部门";
      const url = new URL(form.getAttribute("action"), location.href);
      url.searchParams.set("q", value);
      more.href = url.href;
      more.hidden = out.total <= out.results.length && !out.units.total;
      open();
    };
    input.addEventListener("focus", () => { init().catch(() => {}); if (list.children.length && input.value.trim()) open(); });
    input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(go, 100); });
    input.addEventListener("keydown", (e) => {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        if (panel.hidden) { if (input.value.trim()) { open(); if (!list.children.length) go(); } return; }
        setActive(active < 0 ? (e.key === "ArrowDown" ? 0 : -1) : active + (e.key === "ArrowDown" ? 1 : -1));
      } else if (e.key === "Enter" && !panel.hidden && active >= 0) {
        e.preventDefault();
        location.href = options()[active].querySelector("a").href;
      } else if (e.key === "Escape") {
        e.preventDefault();
        if (!panel.hidden) close(); else input.value = "";
      }
    });
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
    status.setAttribute("role", "status");
    // Notes (expansion, nearest, 文号 candidates, length) and the units block, before the list.
    const notes = el("div", { class: "gz-search-notes" });
    const units = el("details", { class: "gz-units", hidden: "" });
    list.before(notes, units);
    status.textContent = "正在检索…"; // replaces the no-script hint at once, before the index loads
    const params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    sortSelect.value = params.get("sort") || "";
    if (sortSelect.value !== (params.get("sort") || "")) sortSelect.value = "";
    let meta = null;
    const selected = {};
    let expandOn = expandIn(params);
    // counts: of each facet's values over the results shown, once the open panel asked for them;
    // firstScreen: a search's first results are on their way (it shows the panel after them)
    let seq = 0, shown = 0, total = 0, counts = null, focusAfter = null, firstScreen = false;

    const filters = () => Object.fromEntries(meta.rules.facets.map((f) => [f.id, [...selected[f.id]]]));
    function urlFor(options = {}) {
      const url = new URL(location.href);
      url.search = "";
      const q = options.q === undefined ? input.value.trim() : options.q;
      if (q) url.searchParams.set("q", q);
      if (sortSelect.value) url.searchParams.set("sort", sortSelect.value);
      for (const f of meta.rules.facets) for (const v of selected[f.id]) url.searchParams.append(f.label, v);
      if (!(options.expand === undefined ? expandOn : options.expand)) url.searchParams.set(...EXPAND_OFF);
      return url;
    }
    function syncUrl() { history.replaceState(null, "", urlFor()); }
    function renderFacets(table) {
      facetsBox.replaceChildren();
      for (const f of table.list) {
        const count = counts[f.id] || {};
        const box = el("fieldset", { class: "gz-facet", "data-facet": f.label }, el("legend", {}, f.label));
        const values = f.values.filter((v) => count[v] || selected[f.id].has(v));
        // ORDER_COUNT of search_format.py: the index ships these values by text, and their order by
        // the counts of the results shown is only known here (stable: ties keep the text order).
        // Other facets (ORDER_INDEX) are listed as shipped.
        if (f.order === "count") values.sort((a, b) => (count[b] || 0) - (count[a] || 0));
        for (const value of values) {
          // Read as "年份：2018，7 篇文件", not "2018 7": the count gets its unit.
          const box1 = el("input", { type: "checkbox", name: f.label, value, "aria-label": `${f.label}：${value}，${count[value] || 0} 篇文件` });
          box1.checked = selected[f.id].has(value);
          box1.addEventListener("change", () => {
            if (box1.checked) selected[f.id].add(value); else selected[f.id].delete(value);
            focusAfter = [f.label, value];
            go();
          });
          box.append(el("label", { class: "gz-facet__value" }, box1, ` ${value} `, el("span", { class: "gz-facet__count" }, String(count[value] || 0))));
        }
        if (values.length) facetsBox.append(box);
      }
      // The filter just toggled keeps the focus after the list is drawn again.
      if (focusAfter) {
        const [label, value] = focusAfter;
        focusAfter = null;
        const again = [...facetsBox.querySelectorAll("input[type=checkbox]")].find((b) => b.name === label && b.value === value);
        if (again) again.focus();
      }
    }
    function renderUnits(out) {
      units.replaceChildren();
      units.hidden = !out.units.total;
      if (!out.units.total) return;
      units.open = out.units.total <= HEADER_LIMIT;
      const items = el("ul", { class: "gz-units__list" });
      for (const u of out.units.results) items.append(el("li", {}, el("a", { href: new URL(u.url, SITE_ROOT).href }, u.title)));
      units.append(el("summary", {}, `单位 ${out.units.total} 个（名称含检索词的部门、单位）`), items);
    }
    // Nothing found: what to try next, and where to browse instead.
    function nothingFoundHelp() {
      const link = (path, text) => el("a", { href: new URL(path, SITE_ROOT).href }, text);
      const filtered = Object.values(selected).some((s) => s.size);
      return el("p", { class: "gz-search-note gz-search-none" },
        filtered ? "可以取消筛选条件，" : "",
        "可以减少检索词，改用文件中的正式说法，或检查有无错别字；也可以按",
        link("issues/", "各期政报"), "、", link("documents/", "文件目录"), "、", link("departments/", "部门"),
        "或", link("lookup/", "文号查找"), "浏览。");
    }
    function renderNotes(out) {
      notes.replaceChildren();
      if (out.truncated) notes.append(el("p", { class: "gz-search-note" }, `检索词过长：只按前 ${out.max_query} 个字检索。`));
      if (out.wenhao) {
        notes.append(el("p", { class: "gz-search-note" }, out.wenhao.candidates.length
          ? `“${out.wenhao.said}”可能指以下文号：${out.wenhao.candidates.join("、")}`
          : `没有找到与“${out.wenhao.said}”相符的文号。`));
      }
      if (out.mode === "nearest") notes.append(el("p", { class: "gz-search-note gz-search-note--nearest" }, NEAREST));
      const undo = el("a", { href: urlFor({ expand: false }).href, class: "gz-search-undo" }, "只检索原词");
      undo.addEventListener("click", (e) => { e.preventDefault(); expandOn = false; go(); });
      const note = expansionNote(out, undo);
      if (note) notes.append(note);
      else if (!expandOn) {
        const redo = el("a", { href: urlFor({ expand: true }).href, class: "gz-search-undo" }, "恢复");
        redo.addEventListener("click", (e) => { e.preventDefault(); expandOn = true; go(); });
        notes.append(el("p", { class: "gz-search-expanded" }, "只检索了原词，没有加上简称和日常说法对应的正式说法。", redo));
      }
    }
    // The facet panel, open: its counts are asked for with the results while it is open, else
    // when it opens. False when the index failed (the page says so).
    async function showFacets(mine) {
      let table;
      try {
        if (!counts) {
          const out = await search(input.value, { filters: filters(), limit: 0, expand: expandOn, facets: true });
          if (mine !== seq) return true;
          counts = out.facets;
        }
        table = await currentFacets();
      } catch (e) { fail(e, mine); return false; }
      if (mine === seq && facetsDetails.open) renderFacets(table);
      return true;
    }
    // ``limit`` results from ``offset`` (by default the next after those shown).
    function ask(limit, offset = shown, withFacets = false) {
      return search(input.value, { filters: filters(), sort: sortSelect.value || null, limit, offset, expand: expandOn, facets: withFacets });
    }
    // The answer's results drawn after those shown (``asked``: an answer asked for already, else the
    // next ``limit``); null when a newer search has begun. The caller shows 更多 once the page is complete.
    async function page(mine, limit, withFacets = false, asked = null) {
      const out = await (asked || ask(limit, shown, withFacets));
      if (mine !== seq) return null;
      const nodes = [...(shown === 0 ? out.notices.map(renderNotice) : []), ...out.results.map(renderResult)];
      if (shown === 0) list.replaceChildren(...nodes); else list.append(...nodes);
      shown += out.results.length;
      return out;
    }
    function fail(e, mine) {
      if (mine !== seq) return;
      themeLater();
      list.replaceChildren();
      notes.replaceChildren();
      units.hidden = true;
      more.hidden = true;
      const retry = el("button", { type: "button", class: "md-button gz-search-retry" }, "重试");
      retry.addEventListener("click", () => { if (e && (e.kind === "version" || e.reload)) location.reload(); else start(); });
      status.replaceChildren(faultText(e), " ", retry);
      list.dataset.state = "error";
      root.dataset.state = "error";
    }
    async function go() {
      const mine = ++seq;
      syncUrl();
      list.removeAttribute("data-state");
      delete root.dataset.state;
      status.textContent = "正在检索…";
      shown = 0;
      counts = null;
      more.hidden = true;
      firstScreen = true;
      // The first screen's results are asked for at once (their files download side by side) and
      // the first is drawn as soon as its own file is here: on a slow link it shows while the
      // others still arrive. Status, notes and units come with it, above the list, so nothing
      // drawn moves when the others follow below.
      const first = ask(1, 0, facetsDetails.open), others = ask(FIRST_SCREEN - 1, 1);
      others.catch(() => {}); // a failure is shown when its turn comes
      let out;
      try { out = await page(mine, 1, false, first); } catch (e) { fail(e, mine); return; }
      if (!out) return;
      total = out.total;
      if (out.facets) counts = out.facets;
      const asked = input.value.trim() || Object.values(selected).some((s) => s.size);
      status.textContent = total || out.units.total ? countText(out)
        : asked ? "没有找到包含检索词的文件或部门。" : "输入关键词、文号或部门名称开始检索。";
      renderNotes(out);
      if (asked && !total && !out.units.total) notes.append(nothingFoundHelp());
      renderUnits(out);
      try { if (!(await page(mine, FIRST_SCREEN - 1, false, others))) return; } catch (e) { fail(e, mine); return; }
      firstScreen = false;
      if (facetsDetails.open && !(await showFacets(mine))) return;
      if (shown < Math.min(PAGE_SIZE, total)) {  // the rest of the first page
        try { if (!(await page(mine, PAGE_SIZE - shown))) return; } catch (e) { fail(e, mine); return; }
      }
      more.hidden = shown >= total;
      list.dataset.state = "done";
      root.dataset.state = "done";
      themeLater();
      // The panel then opens without a wait on a slow link; a failure shows once it is opened.
      init().then(facetTable).catch(() => {});
    }
    async function start() {
      const mine = ++seq;
      status.textContent = "正在检索…";
      try { meta = await init(); } catch (e) { fail(e, mine); return; }
      // Facet choices travel in the URL under their labels (年份=2017); unknown values are dropped.
      for (const f of meta.rules.facets) if (!selected[f.id]) selected[f.id] = new Set(params.getAll(f.label));
      if (meta.rules.facets.some((f) => selected[f.id].size)) {
        let table;
        try { table = await currentFacets(); } catch (e) { fail(e, mine); return; }
        if (mine !== seq) return;
        for (const f of table.list) for (const v of selected[f.id]) if (!f.values.includes(v)) selected[f.id].delete(v);
        if (meta.rules.facets.some((f) => selected[f.id].size)) facetsDetails.open = true;
      }
      go();
    }
    let timer = null;
    form.addEventListener("submit", (e) => { e.preventDefault(); if (meta) go(); else start(); });
    input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(() => { expandOn = true; if (meta) go(); }, 150); });
    sortSelect.addEventListener("change", () => { if (meta) go(); });
    more.addEventListener("click", async () => {
      list.removeAttribute("data-state");
      const mine = seq;
      let out;
      try { out = await page(mine, PAGE_SIZE); } catch (e) { fail(e, mine); return; }
      if (!out) return;
      more.hidden = shown >= out.total;
      list.dataset.state = "done";
    });
    facetsDetails.addEventListener("toggle", () => { if (facetsDetails.open && meta && !firstScreen) showFacets(seq); });
    start();
  }

  // The theme's bundle, held back on the search page (overrides/main.html): loaded once the first
  // page of results is on screen (or the search failed), in the frame after it. It starts the theme
  // on DOMContentLoaded, which has passed by then on a slow phone: the event is dispatched again for
  // it (the page's other listeners of that event run once: search.js's own and the 字号 control's).
  let themeAsked = false;
  function themeLater() {
    if (themeAsked) return;
    themeAsked = true;
    requestAnimationFrame(() => setTimeout(() => {
      for (const held of document.querySelectorAll('script[type="text/x-gazette-later"]')) {
        const script = document.createElement("script");
        script.src = held.dataset.src;
        script.async = false;
        // The theme starts in a task after the one that ran its bundle: two shorter tasks, not one long one.
        script.addEventListener("load", () => setTimeout(() => {
          if (document.readyState !== "loading") document.dispatchEvent(new Event("DOMContentLoaded"));
        }, 0), { once: true });
        held.replaceWith(script);
      }
    }));
  }

  function start() {
    for (const form of document.querySelectorAll("form[data-gz-search=header]")) initHeader(form);
    const page = document.querySelector("[data-gz-search=page]");
    if (page) initPage(page);
  }
  // This script comes at the end of the body, before the theme's bundle (overrides/main.html):
  // the forms and the results list are parsed already, so a search in the address starts now
  // instead of after the theme's script has downloaded and run (seconds on a slow phone). The
  // search page holds it in its head, before the stylesheets: it runs as the page arrives (the
  // query's files download while the stylesheets do; results added before the stylesheets are
  // drawn with them).
  if (document.readyState !== "loading" || (HERE && document.body && document.body.contains(HERE))) start();
  else if (HERE && document.head.contains(HERE)) early();
  else document.addEventListener("DOMContentLoaded", start, { once: true });

  // In the head (the search page: overrides/main.html): the query in the address is searched
  // now, while the stylesheets download (the parser waits for them at the theme's first inline
  // script, and the page's markup with it), and its first screen of results fetched; the page is
  // set up once the parser has passed its markup (long before DOMContentLoaded, which waits for the
  // theme's bundle) and finds them ready.
  function early() {
    const params = new URLSearchParams(location.search);
    const query = params.get("q");
    if (query) {
      init().then((meta) => {
        // With filters in the address the first screen is another one: only the query is searched.
        const filtered = meta.rules.facets.some((f) => params.has(f.label));
        return search(query, { sort: params.get("sort") || null, limit: filtered ? 0 : FIRST_SCREEN, expand: expandIn(params) });
      }).catch(() => {}); // the page asks again and shows the fault
    }
    let started = false;
    const begin = () => { if (!started) { started = true; watch.disconnect(); start(); } };
    // The parser has finished an element once anything after it is in the document.
    const passed = (node) => { for (let e = node; e; e = e.parentElement) if (e.nextElementSibling) return true; return false; };
    const watch = new MutationObserver(() => {
      const root = document.querySelector("[data-gz-search=page]");
      if (root && passed(root)) begin();
    });
    watch.observe(document.documentElement, { childList: true, subtree: true });
    document.addEventListener("DOMContentLoaded", begin, { once: true });
  }
})();
