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

// measure loads url and waits for a result in list; it counts what the
// page fetched after its own HTML and CSS.
async function measure(url, list) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.addInitScript((sel) => {
    new MutationObserver((_, obs) => {
      const l = document.querySelector(sel);
      if (l && l.children.length > 0) {
        window.__shown = performance.now();
        obs.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  }, list);
  await page.goto(base + url);
  await page.waitForFunction(() => window.__shown !== undefined, null, { timeout: 60000 });
  await page.waitForTimeout(300);
  const r = await page.evaluate(() => {
    const shown = window.__shown;
    const es = performance.getEntriesByType("resource").filter((e) => e.responseEnd <= shown && !e.name.endsWith(".css") && !e.name.endsWith(".svg"));
    return {
      shown,
      lastByte: Math.max(...es.map((e) => e.responseEnd)),
      requests: es.length,
      bytes: es.reduce((n, e) => n + e.decodedBodySize, 0),
      results: document.querySelectorAll("#search-results > li, #r > li").length,
    };
  });
  await ctx.close();
  return { ...r, afterLastByte: r.shown - r.lastByte };
}

const rows = [];
for (const q of queries) {
  for (const [tool, url, list] of [["attache", `/search/?q=${encodeURIComponent(q)}`, "#search-results"],
    ["pagefind", `/pagefind-bench.html?q=${encodeURIComponent(q)}`, "#r"]]) {
    if (tool === "pagefind" && !fs.existsSync(path.join(site, "pagefind"))) continue;
    const m = await measure(url, list);
    rows.push({ tool, q, kb: (m.bytes / 1024).toFixed(1), requests: m.requests, ms: m.afterLastByte.toFixed(1), shown: m.results });
  }
}
console.log(JSON.stringify(rows));
fs.rmSync(path.join(site, "pagefind-bench.html"));
await browser.close();
server.close();
