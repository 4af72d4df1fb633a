// Measures a first query in headless Chromium against attache's search
// page and against Pagefind on the same built site: bytes transferred
// (uncompressed: the server does not compress), requests, and the time
// from the last byte of the last response to the results on screen.
// Run by bench/search.sh; needs playwright-core (generator/e2e/browser).
//
//	node bench/search/measure.mjs SITE_DIR QUERY...
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(new URL("../../generator/e2e/browser/", import.meta.url));
const { chromium } = require("playwright-core");

const [site, ...queries] = process.argv.slice(2);
const types = { ".html": "text/html", ".js": "text/javascript", ".json": "application/json", ".css": "text/css",
  ".wasm": "application/wasm", ".svg": "image/svg+xml" };

const server = http.createServer((req, res) => {
  let p = decodeURIComponent(new URL(req.url, "http://x").pathname);
  if (p.endsWith("/")) p += "index.html";
  const f = path.join(site, path.normalize(p));
  if (!f.startsWith(site) || !fs.existsSync(f) || fs.statSync(f).isDirectory()) {
    res.writeHead(404).end();
    return;
  }
  const data = fs.readFileSync(f);
  res.writeHead(200, { "content-type": types[path.extname(f)] || "application/octet-stream", "content-length": data.length });
  res.end(data);
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const base = `http://127.0.0.1:${server.address().port}`;

// The Pagefind page: the API, 20 results' data, their titles shown.
fs.writeFileSync(path.join(site, "pagefind-bench.html"), `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>pf</title></head>
<body><ol id="r"></ol><script type="module">
const pagefind = await import("/pagefind/pagefind.js");
const q = new URLSearchParams(location.search).get("q");
const s = await pagefind.search(q);
const data = await Promise.all(s.results.slice(0, 20).map((r) => r.data()));
const ol = document.getElementById("r");
for (const d of data) { const li = document.createElement("li"); li.textContent = d.meta.title; ol.appendChild(li); }
window.__count = s.results.length;
</script></body></html>`);

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: ["--no-sandbox"] });

// measure loads url and waits for a result in list. It counts, from
// Playwright's network events (which include a worker's fetches, as
// Pagefind's are), every response after the page's own HTML but for
// stylesheets and images, and the time from the last of them to the
// first result on screen, both on Node's clock.
async function measure(url, list) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  let shownAt = 0;
  await page.exposeFunction("__shown", () => { shownAt = Date.now(); });
  await page.addInitScript((sel) => {
    new MutationObserver((_, obs) => {
      const l = document.querySelector(sel);
      if (l && l.children.length > 0) {
        window.__shownPerf = performance.now();
        window.__shown();
        obs.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  }, list);
  const got = [];
  const onFinished = async (req) => {
    const at = Date.now();
    const type = req.resourceType();
    if (type === "document" || type === "stylesheet" || type === "image") return;
    const res = await req.response();
    let size = 0;
    try { size = (await res.body()).length; } catch { /* a redirect */ }
    got.push({ at, size, url: req.url() });
  };
  ctx.on("requestfinished", onFinished);
  await page.goto(base + url);
  const t0 = Date.now();
  while (!shownAt && Date.now() - t0 < 60000) await page.waitForTimeout(20);
  await page.waitForTimeout(500);
  const before = got.filter((g) => g.at <= shownAt);
  const results = await page.evaluate(() => document.querySelectorAll("#search-results > li, #r > li").length);
  // The page's own resource timing: exact, but blind to a worker's
  // fetches (Pagefind's), so it is used for attache only: its script and
  // what the script fetched (not the stylesheets or the favicon) before
  // the results were on screen.
  const inPage = await page.evaluate(() => {
    const es = performance.getEntriesByType("resource").filter((e) => e.responseEnd <= window.__shownPerf &&
      ["script", "fetch", "xmlhttprequest"].includes(e.initiatorType));
    return { after: window.__shownPerf - Math.max(...es.map((e) => e.responseEnd)), n: es.length,
      bytes: es.reduce((n, e) => n + e.decodedBodySize, 0) };
  });
  await ctx.close();
  const own = list === "#search-results";
  return {
    bytes: own ? inPage.bytes : before.reduce((n, g) => n + g.size, 0),
    requests: own ? inPage.n : before.length,
    afterLastByte: inPage.after,
    results,
  };
}

// RUNS loads of each query; the time is their median.
const RUNS = Number(process.env.RUNS_PER_QUERY || 5);
const rows = [];
const median = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
for (const q of queries) {
  for (const [tool, url, list] of [["attache", `/search/?q=${encodeURIComponent(q)}`, "#search-results"],
    ["pagefind", `/pagefind-bench.html?q=${encodeURIComponent(q)}`, "#r"]]) {
    if (tool === "pagefind" && !fs.existsSync(path.join(site, "pagefind"))) continue;
    const ms = [];
    let m;
    for (let i = 0; i < RUNS; i++) {
      m = await measure(url, list);
      ms.push(m.afterLastByte);
    }
    rows.push({ tool, q, kb: (m.bytes / 1024).toFixed(1), requests: m.requests,
      ms: tool === "attache" ? median(ms).toFixed(1) : "n/a", shown: m.results });
  }
}
console.log(JSON.stringify(rows));
fs.rmSync(path.join(site, "pagefind-bench.html"));
await browser.close();
server.close();
