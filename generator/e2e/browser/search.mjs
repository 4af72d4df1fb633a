// search.mjs drives the search page of a built attache site in headless
// Chromium as a reader would: known queries, facets, a URL with a query
// and facets, prefix and phrase queries, Russian and Chinese, the empty
// state, the keyboard; with no console errors, no horizontal scrolling at
// 360 px and no serious or critical axe-core finding.
//
// Usage: node search.mjs plan.json
//   { "chromium": "/usr/bin/chromium", "sites": [ { "theme": "default",
//     "search": "http://127.0.0.1:PORT/briefings/search/" } ] }
//
// Exit status 0 when every check passes, 1 otherwise.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const plan = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'attache-search-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: plan.chromium, headless: true, viewport: { width: 1280, height: 900 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking'],
});

const failures = [];
let where = '';
const fail = (msg) => { failures.push(`${where}: ${msg}`); console.log(`FAIL ${where}: ${msg}`); };
const check = (ok, msg) => { if (!ok) fail(msg); };

async function open(url, width = 1280) {
  const page = await context.newPage();
  await page.setViewportSize({ width, height: 800 });
  page.on('console', (m) => { if (m.type() === 'error') fail(`console error: ${m.text()}`); });
  page.on('pageerror', (e) => fail(`script error: ${e.message}`));
  page.on('response', (r) => { if (r.status() >= 400) fail(`HTTP ${r.status()} for ${r.url()}`); });
  await page.goto(url, { waitUntil: 'load' });
  return page;
}

// settle waits until the status line no longer says it is searching.
async function settle(page) {
  const loading = await page.getAttribute('#search', 'data-t-loading');
  await page.waitForFunction((l) => {
    const s = document.getElementById('search-status').textContent;
    return s !== '' && s !== l;
  }, loading);
  await page.waitForTimeout(150);
}

const titles = (page) => page.$$eval('#search-results > li h2', (hs) => hs.map((h) => h.textContent));
const status = (page) => page.textContent('#search-status');

async function axe(page) {
  await page.addScriptTag({ content: axeSource });
  const vs = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations
    .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 2).map((n) => n.target.join(' ')) })));
  for (const v of vs) if (v.impact === 'serious' || v.impact === 'critical') fail(`axe ${v.impact} ${v.id} (${v.nodes.join(' | ')})`);
}

try {
  for (const s of plan.sites) {
    const q = (query) => s.search + '?q=' + encodeURIComponent(query);

    where = `${s.theme} known query`;
    let page = await open(q('mpox'));
    await settle(page);
    let t = await titles(page);
    check(t.length > 0 && /mpox/i.test(t[0]), `"mpox" first result: ${t[0]}`);
    check((await page.$$('#search-results mark')).length > 0, 'no highlighted word');
    await page.close();

    where = `${s.theme} facets`;
    page = await open(q('china'));
    await settle(page);
    const total = (await titles(page)).length;
    await page.waitForSelector('#search-facets a');
    // A country that narrows the results, so that the other countries'
    // links find more than they share with it.
    const facet = await page.$$eval('.search-facet', (secs, total) => {
      const sec = secs.find((x) => x.querySelector('h2').id === 'facet-country');
      const links = [...sec.querySelectorAll('a')];
      const a = links.find((l) => Number(l.querySelector('.search-count').textContent) < total) || links[0];
      return { href: a.getAttribute('href'), n: Number(a.querySelector('.search-count').textContent), label: a.firstChild.textContent };
    }, total);
    check(facet.n > 0 && facet.n <= total, `facet count ${facet.n} of ${total}`);
    await page.click(`#search-facets a[href="${facet.href}"]`);
    await page.waitForFunction(() => document.querySelector('#search-chips li'));
    await settle(page);
    t = await titles(page);
    check(t.length === facet.n, `facet ${facet.label} counted ${facet.n}, shows ${t.length}`);
    check(page.url().includes('country='), `URL not updated: ${page.url()}`);
    // The other facets count within the chosen country; the country
    // facet's own links replace it, so each counts what its link finds.
    const narrowed = await page.$$eval('.search-facet', (secs) => secs
      .filter((x) => x.querySelector('h2').id !== 'facet-country')
      .flatMap((x) => [...x.querySelectorAll('.search-count')].map((c) => Number(c.textContent))));
    check(narrowed.length > 0 && narrowed.every((n) => n <= facet.n), `other counts not narrowed: ${narrowed}`);
    const own = await page.$$eval('#search-facets .search-facet', (secs) => {
      const sec = secs.find((x) => x.querySelector('h2').id === 'facet-country');
      return [...sec.querySelectorAll('a')].map((a) => ({ href: a.getAttribute('href'), n: Number(a.querySelector('.search-count').textContent) }));
    });
    const other = own.find((o) => !o.href.includes(facet.href.split('country=')[1]));
    if (other) {
      const p2 = await open(new URL(other.href, page.url()).href);
      await settle(p2);
      check((await titles(p2)).length === Math.min(other.n, 20), `country facet counted ${other.n}, its link shows ${(await titles(p2)).length}`);
      await p2.close();
    }
    const url = page.url();
    await page.close();

    where = `${s.theme} URL restores state`;
    page = await open(url);
    await settle(page);
    check(await page.inputValue('#search-q') === 'china', 'query not restored');
    check((await page.$$('#search-chips li')).length === 1, 'facet chip not restored');
    check((await titles(page)).length === facet.n, 'results differ from the facet click');
    await page.close();

    where = `${s.theme} prefix while typing`;
    page = await open(s.search);
    await page.click('#search-q');
    await page.keyboard.type('mpo', { delay: 30 });
    await page.waitForFunction(() => document.querySelectorAll('#search-results > li').length > 0);
    await settle(page);
    t = await titles(page);
    check(t.length > 0 && /mpox/i.test(t[0]), `"mpo" typed, first result: ${t[0]}`);
    check(page.url().includes('q=mpo'), `URL not updated while typing: ${page.url()}`);

    where = `${s.theme} keyboard`;
    await page.focus('#search-q');
    await page.keyboard.press('ArrowDown');
    check(await page.evaluate(() => document.activeElement.closest('.search-result') !== null), 'ArrowDown did not reach the first result');
    await page.keyboard.press('ArrowUp');
    check(await page.evaluate(() => document.activeElement.id === 'search-q'), 'ArrowUp did not return to the field');
    await page.keyboard.press('Escape');
    check(await page.inputValue('#search-q') === '', 'Escape did not clear the field');
    await page.close();

    where = `${s.theme} phrase`;
    page = await open(q('"South China Sea"'));
    await settle(page);
    t = await titles(page);
    check(t.length > 0 && /South China Sea/.test(t[0]), `phrase first result: ${t[0]}`);
    await page.close();

    for (const [query, want] of [['переговорам', /Kremlin/], ['领土主权', /Second Thomas Shoal/]]) {
      where = `${s.theme} ${query}`;
      page = await open(q(query));
      await settle(page);
      t = await titles(page);
      check(t.length > 0 && want.test(t[0]), `first result: ${t[0]}`);
      await page.close();
    }

    where = `${s.theme} empty state`;
    page = await open(q('zzqxv'));
    await settle(page);
    check(await status(page) === await page.getAttribute('#search', 'data-t-none'), `status: ${await status(page)}`);
    check((await titles(page)).length === 0, 'results for nonsense');
    await page.close();

    for (const width of [360, 1280]) {
      where = `${s.theme} results @${width}px`;
      page = await open(q('china'), width);
      await settle(page);
      await page.waitForSelector('#search-facets a');
      const m = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      check(m[0] <= m[1], `scrolls horizontally: ${m[0]} > ${m[1]}`);
      await axe(page);
      await page.close();
    }
    console.log(`${s.theme}: search checks done`);
  }
} finally {
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
if (failures.length) {
  console.log(`\n${failures.length} failure(s)`);
  process.exit(1);
}
console.log('all search checks passed');
