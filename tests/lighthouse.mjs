// Lighthouse over several pages in one Debian Chromium, mobile profile (Lighthouse's default).
//   CHROME_PATH=/usr/bin/chromium node tests/lighthouse.mjs CATEGORIES URL...
// CATEGORIES is a comma list (performance,accessibility,best-practices,seo). Prints
// {url: {category: score, "failed": [{id, title, category}]}} as JSON on stdout.
// The pinned lighthouse (package-lock.json) launches the browser through its own
// chrome-launcher dependency; nothing is downloaded and no page leaves the machine.
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { pageFunctions } from "lighthouse/core/lib/page-functions.js";

const [categories, ...urls] = process.argv.slice(2);
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH || "/usr/bin/chromium",
  chromeFlags: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage"],
});
// Without the performance category nothing is timed: the quiet windows Lighthouse waits out after
// the first paint and the load (a second each, for timing what comes late) are shortened to half
// a second of network quiet, which still records every request the page makes once loaded.
const timed = categories.split(",").includes("performance");
const quiet = timed ? {} : { pauseAfterFcpMs: 0, pauseAfterLoadMs: 0, networkQuietThresholdMs: 500, cpuQuietThresholdMs: 0 };
// Before every page Lighthouse runs a second of busy JavaScript in it to rate the machine's speed;
// only the timed categories read that rating (to scale their simulation), so untimed runs skip it.
// (The function is sent to the page as text, so its replacement is what runs there.)
if (!timed) pageFunctions.computeBenchmarkIndex = function computeBenchmarkIndex() { return -1; };
const results = {};
try {
  for (const url of urls) {
    const run = await lighthouse(url, {
      port: chrome.port, output: "json", logLevel: "error",
      onlyCategories: categories.split(","), disableFullPageScreenshot: true,
      // network-requests is a diagnostic outside every category; run it as well.
      onlyAudits: ["network-requests"], ...quiet,
    });
    const lhr = run.lhr;
    const scores = {};
    const failed = [];
    for (const [id, category] of Object.entries(lhr.categories)) {
      scores[id] = category.score;
      for (const ref of category.auditRefs) {
        const audit = lhr.audits[ref.id];
        if (ref.weight > 0 && audit.score !== null && audit.score < 1) {
          failed.push({ id: ref.id, title: audit.title, category: id });
        }
      }
    }
    scores.failed = failed;
    // Every request the page made, to show that nothing left the machine.
    const requests = lhr.audits["network-requests"];
    scores.requests = requests && requests.details ? requests.details.items.map((item) => item.url) : [];
    scores.runtimeError = lhr.runtimeError ? lhr.runtimeError.message : null;
    // The reading metrics (simulated mobile throttling): ms, except CLS (unitless).
    const metric = (id) => (lhr.audits[id] && typeof lhr.audits[id].numericValue === "number" ? lhr.audits[id].numericValue : null);
    scores.metrics = {
      fcp: metric("first-contentful-paint"), lcp: metric("largest-contentful-paint"),
      cls: metric("cumulative-layout-shift"), tbt: metric("total-blocking-time"),
    };
    results[url] = scores;
  }
} finally {
  await chrome.kill();
}
// Lighthouse leaves handles open that keep node alive for seconds after the report is written
// (4.5 s a run, measured): once stdout has taken the report, the process ends.
process.stdout.write(JSON.stringify(results) + "\n", () => process.exit(0));
