// check.mjs opens pages of a built attache site in headless Chromium and
// checks what a reader would notice: console errors, failed or external
// requests, horizontal scrolling, axe-core accessibility violations (serious
// and critical fail), the CSS+JS weight of article pages, and the layout
// rules of layout.mjs (separators, room under the masthead and above the
// footer, stories before charts on phones, legible picture text, no box
// scrolling inside the page). Each page is checked in every colour scheme it
// lists (light, dark: prefers-color-scheme). It writes a screenshot of every
// page at every width and scheme for review: NAME-WIDTH.png in the light
// scheme, NAME-WIDTH-dark.png in the dark one.
//
// Usage: node check.mjs plan.json
//
// plan.json (written by generator/e2e's test):
//   { "chromium": "/usr/bin/chromium", "out": "/folder/for/screenshots",
//     "maxWeight": 40960,
//     "pages": [ { "name": "default-article",
//                  "url": "http://127.0.0.1:PORT/briefings/articles/…/",
//                  "widths": [360, 1280], "schemes": ["light", "dark"],
//                  "weight": true, "fullPage": true } ] }
//
// Exit status 0 when every check passes, 1 otherwise, 2 on bad usage.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { layoutProblems } from './layout.mjs';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

if (process.argv.length !== 3) {
  console.error('usage: node check.mjs plan.json');
  process.exit(2);
}
const plan = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
fs.mkdirSync(plan.out, { recursive: true });

// The flags keep Chromium from talking to anything but the test server,
// and from needing a GPU or a large /dev/shm, which CI machines lack.
const args = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'attache-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: plan.chromium, headless: true, args, viewport: { width: 1280, height: 900 },
});

const failures = [];
const fail = (where, msg) => { failures.push(`${where}: ${msg}`); console.log(`FAIL ${where}: ${msg}`); };

try {
  for (const p of plan.pages) {
    for (const scheme of p.schemes ?? ['light']) {
      for (const width of p.widths) {
        await checkPage(p, width, scheme);
      }
    }
  }
} finally {
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
}

if (failures.length) {
  console.log(`\n${failures.length} failure(s)`);
  process.exit(1);
}
console.log('\nall browser checks passed');

async function checkPage(p, width, scheme) {
  const dark = scheme === 'dark';
  const where = `${p.name} @${width}px${dark ? ' dark' : ''}`;
  const before = failures.length;
  const page = await context.newPage();
  await page.emulateMedia({ colorScheme: dark ? 'dark' : 'light' });
  await page.setViewportSize({ width, height: width < 600 ? 780 : 900 });
  let cssJS = 0;
  page.on('console', (m) => { if (m.type() === 'error') fail(where, `console error: ${m.text()}`); });
  page.on('pageerror', (e) => fail(where, `script error: ${e.message}`));
  page.on('requestfailed', (r) => fail(where, `request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.protocol !== 'data:' && u.host !== new URL(p.url).host) fail(where, `external request: ${r.url()}`);
  });
  page.on('response', async (r) => {
    if (r.status() >= 400) fail(where, `HTTP ${r.status()} for ${r.url()}`);
    const type = r.request().resourceType();
    if (type === 'stylesheet' || type === 'script') {
      try { cssJS += (await r.body()).length; } catch { /* counted as failed above */ }
    }
  });

  const resp = await page.goto(p.url, { waitUntil: 'load' });
  if (!resp) fail(where, 'no response');

  const facts = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    scripts: document.querySelectorAll('script:not([type="application/ld+json"])').length,
    inline: [...document.querySelectorAll('style,script:not([src]):not([type="application/ld+json"])')].reduce((n, e) => n + e.textContent.length, 0),
    wide: [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
      .slice(0, 3).map((e) => e.tagName.toLowerCase() + (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ')[0] : '')),
  }));
  if (facts.scrollWidth > facts.innerWidth) {
    fail(where, `scrolls horizontally: scrollWidth ${facts.scrollWidth} > innerWidth ${facts.innerWidth} (${facts.wide.join(', ')})`);
  }
  if (facts.scripts > (p.script ? 1 : 0)) fail(where, `${facts.scripts} script element(s): pages must read without JavaScript`);
  if (p.weight && !dark) {
    const total = cssJS + facts.inline;
    console.log(`page weight: ${where} CSS+JS ${total} bytes (${(total / 1024).toFixed(1)} KB, limit ${plan.maxWeight} bytes)`);
    if (total >= plan.maxWeight) fail(where, `CSS+JS weight ${total} bytes, limit ${plan.maxWeight}`);
  }

  const layout = await page.evaluate(layoutProblems);
  for (const problem of layout.problems) fail(where, problem);
  const f = layout.figures;
  const px = (v) => `${v.toFixed(1)} px`;
  console.log(`layout: ${where}:` + (f.masthead !== undefined ? ` masthead→text ${px(f.masthead)}` : '') +
    (f.footer !== undefined ? `, text→footer ${px(f.footer)}` : '') +
    (f.storyTop !== undefined ? `, first story y ${f.storyTop.toFixed(0)} < first chart y ${f.chartTop.toFixed(0)}` : '') +
    (f.pictureText !== undefined ? `, smallest picture text ${px(f.pictureText)}` : ''));

  const shot = path.join(plan.out, `${p.name}-${width}${dark ? '-dark' : ''}.png`);
  await screenshot(page, { path: shot, fullPage: p.fullPage !== false });

  await page.addScriptTag({ content: axeSource });
  const axe = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  for (const v of axe) {
    const line = `axe ${v.impact} ${v.id}: ${v.help} (${v.nodes.join(' | ')})`;
    if (v.impact === 'serious' || v.impact === 'critical') fail(where, line);
    else console.log(`note ${where}: ${line}`);
  }
  const status = failures.length === before ? 'ok  ' : 'bad ';
  console.log(`${status} ${where}: ${axe.length} axe finding(s), screenshot ${path.basename(shot)}`);
  await page.close();
}

// screenshot takes a screenshot, once more after the next frames when
// Chromium's compositor, starved on a loaded machine, produced no frame
// in time ("Unable to capture screenshot"). Other errors are the page's.
async function screenshot(page, opts) {
  try {
    return await page.screenshot(opts);
  } catch (e) {
    if (!String(e?.message).includes('Unable to capture screenshot')) throw e;
    console.log(`retry ${path.basename(opts.path)}: ${e.message.split('\n')[0]}`);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    return await page.screenshot(opts);
  }
}
