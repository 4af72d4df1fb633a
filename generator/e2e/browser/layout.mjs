// layout.mjs holds the layout rules check.mjs measures on every page, at
// every width and colour scheme, with getBoundingClientRect: the faults a
// reader found in use.
//
// layoutProblems runs inside the page (page.evaluate serialises it), so it
// must use nothing from this module's scope. It returns the problems found
// and the figures measured, which check.mjs prints.
export function layoutProblems() {
  const problems = [];
  const narrow = window.innerWidth < 600;
  const visible = (e) => e.getClientRects().length > 0 && e.getBoundingClientRect().width > 1;
  const name = (e) => e.tagName.toLowerCase() + (e.getAttribute('class') ? '.' + e.getAttribute('class').split(' ')[0] : '');
  const main = document.querySelector('main');
  const mast = document.querySelector('.masthead');
  const footer = document.querySelector('.site-footer');
  const figures = {};

  // A story's date, source and dateline, and an article's byline: the
  // separators the stylesheet draws (::before) and any text between the
  // parts must leave no doubled, leading or trailing separator, whichever
  // parts the story lacks.
  const sep = '[·/|•]';
  const stray = new RegExp(`^${sep}(\\s|$)|(^|\\s)${sep}$|(^|\\s)${sep}\\s+${sep}(\\s|$)`);
  for (const line of document.querySelectorAll('.meta, .byline')) {
    if (!visible(line)) continue;
    let text = '';
    for (const c of line.childNodes) {
      if (c.nodeType === Node.TEXT_NODE) text += c.textContent;
      if (c.nodeType !== Node.ELEMENT_NODE) continue;
      const before = getComputedStyle(c, '::before').content;
      if (before && before !== 'none' && before !== 'normal') text += ' ' + before.replace(/^"|"$/g, '') + ' ';
      text += c.textContent;
    }
    text = text.replace(/\s+/g, ' ').trim();
    if (stray.test(text)) problems.push(`stray separator in ${name(line)}: "${text}"`);
  }

  // Room between the masthead's rule and the first words of the page, and
  // between the last words and the footer's rule.
  if (main && mast) {
    // The topmost as shown, which on phones need not be the first in the
    // document.
    const first = [...main.querySelectorAll('p, h1, h2, h3, li, figure, svg, nav')]
      .filter((e) => visible(e) && !e.closest('.visually-hidden'))
      .reduce((a, e) => (!a || e.getBoundingClientRect().top < a.getBoundingClientRect().top ? e : a), null);
    if (first) {
      const gap = first.getBoundingClientRect().top - mast.getBoundingClientRect().bottom;
      figures.masthead = gap;
      if (gap < 16) problems.push(`${name(first)} sits ${gap.toFixed(1)} px under the masthead's rule, want at least 16`);
    }
  }
  if (main && footer) {
    const bottom = Math.max(...[...main.querySelectorAll('*')].filter(visible).map((e) => e.getBoundingClientRect().bottom));
    const gap = footer.getBoundingClientRect().top - bottom;
    figures.footer = gap;
    if (gap < 24) problems.push(`the page's last line sits ${gap.toFixed(1)} px over the footer's rule, want at least 24`);
  }

  if (narrow && main) {
    // Phones show the news before the pictures.
    const top = (sel) => Math.min(...[...main.querySelectorAll(sel)].filter(visible).map((e) => e.getBoundingClientRect().top));
    const story = top('.summary, .feed-item, .lead-story, .digest-item');
    const chart = top('svg.chart, svg.worldmap');
    if (Number.isFinite(story) && Number.isFinite(chart)) {
      figures.storyTop = story;
      figures.chartTop = chart;
      if (chart < story) problems.push(`the first chart (y ${chart.toFixed(0)}) comes before the first story (y ${story.toFixed(0)})`);
    }

    // Text in pictures as rendered: its font size scaled with the SVG.
    const small = [];
    let least = Infinity;
    for (const t of document.querySelectorAll('svg text')) {
      if (!t.getClientRects().length) continue;
      const svg = t.ownerSVGElement;
      const vb = svg.viewBox.baseVal;
      const scale = vb && vb.width ? svg.getBoundingClientRect().width / vb.width : 1;
      const px = parseFloat(getComputedStyle(t).fontSize) * scale;
      least = Math.min(least, px);
      if (px < 12) small.push(`"${t.textContent.trim()}" ${px.toFixed(1)} px`);
    }
    for (const k of document.querySelectorAll('.map-key')) {
      if (!visible(k)) continue;
      const px = parseFloat(getComputedStyle(k).fontSize);
      least = Math.min(least, px);
      if (px < 12) small.push(`map key ${px.toFixed(1)} px`);
    }
    if (Number.isFinite(least)) figures.pictureText = least;
    if (small.length) problems.push(`picture text under 12 px: ${small.slice(0, 3).join(', ')}${small.length > 3 ? ` and ${small.length - 3} more` : ''}`);
  }

  // No box scrolls inside the page: a list in a scrolling box hides most
  // of itself.
  for (const e of main ? main.querySelectorAll('*') : []) {
    const oy = getComputedStyle(e).overflowY;
    if ((oy === 'auto' || oy === 'scroll') && e.scrollHeight > e.clientHeight + 1) {
      problems.push(`${name(e)} scrolls inside the page, showing ${e.clientHeight} of ${e.scrollHeight} px`);
    }
  }
  return { problems, figures };
}
