// Checks built sites in headless Chromium: axe (WCAG 2.2 A and AA rules) on every
// page type, light and dark, 375 and 1280 wide; no sideways scrolling; no console
// errors (a Content-Security-Policy violation is one) and no request leaving 127.0.0.1; and, for the sites named in JS_SITES
// (built from example-site), the behaviour of folio.js: filters and search give
// the right counts, the theme toggle persists, copy works, tooltips, site-wide
// search (index fetched on opening, keyboard only), and every paper is listed
// and search hidden without JavaScript. Screenshots go to SHOTS (when set).
// Usage: node check.mjs NAME=BASE_URL [NAME=BASE_URL ...]
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

const sites = process.argv.slice(2).map((a) => a.split('='));
const jsSites = (process.env.JS_SITES || '').split(',');
const shots = process.env.SHOTS;
const PAGES = (process.env.PAGES || '/,publications/,papers/deepseek-r1/,papers/mathy/,authors/fuli-luo/,authors/qihao-zhu/,topics/,topics/cl/,about/,news/,people/,404.html').split(',');
const SHOT_PAGES = (process.env.SHOT_PAGES || '/,publications/,papers/deepseek-r1/,people/,cv/').split(',');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

let failures = 0;
const fail = (msg) => { failures++; console.log('FAIL', msg); };
const ok = (cond, msg) => { if (!cond) fail(msg); };

function watch(page, label) {
  page.on('console', (m) => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) fail(`${label}: console error: ${m.text()}`); });
  page.on('response', (r) => { if (r.status() >= 400 && r.request().resourceType() !== 'document') fail(`${label}: ${r.status()} for ${r.url()}`); });
  page.on('pageerror', (e) => fail(`${label}: page error: ${e.message}`));
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (!['127.0.0.1', 'localhost'].includes(u.hostname) && u.protocol !== 'data:') fail(`${label}: request to another host: ${r.url()}`);
  });
}

// ---- axe on every page, scheme and width ----
for (const [name, base] of sites) {
  for (const scheme of ['light', 'dark']) {
    for (const width of [375, 1280]) {
      const ctx = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
      const page = await ctx.newPage();
      const label = `${name} ${scheme} ${width}`;
      watch(page, label);
      for (const p of PAGES) {
        const resp = await page.goto(base + p);
        if (!resp || (resp.status() !== 200 && !p.endsWith('404.html'))) { console.log(`skip ${label} ${p} (${resp && resp.status()})`); continue; }
        // Open every abstract so axe sees their content too.
        await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
        const res = await new AxeBuilder({ page }).withTags(TAGS).analyze();
        for (const v of res.violations) {
          fail(`${label} ${p}: [${v.id}] ${v.help} (${v.nodes.length} nodes)`);
          for (const n of v.nodes.slice(0, 3)) console.log('    ', n.target.join(' '), '|', (n.failureSummary || '').split('\n').slice(1, 2).join(' '));
        }
        if (shots && SHOT_PAGES.includes(p)) {
          const file = `${shots}/${name}-${(p.replace(/\/$/, '').replace(/\//g, '_')) || 'home'}-${width}-${scheme}.png`;
          await page.screenshot({ path: file, fullPage: false });
        }
        // Items of a list laid out as a wrapping row sit on one line when they
        // fit: a margin meant for stacked items pushes them out of line.
        const ragged = await page.evaluate(() => [...document.querySelectorAll('ul, ol')]
          .filter((u) => getComputedStyle(u).display.includes('flex') && getComputedStyle(u).flexDirection === 'row' && u.children.length > 1)
          .filter((u) => [...u.children].some((li) => getComputedStyle(li).marginTop !== '0px' && li.getBoundingClientRect().top !== u.children[0].getBoundingClientRect().top && Math.abs(li.getBoundingClientRect().top - u.children[0].getBoundingClientRect().top) < li.getBoundingClientRect().height))
          .map((u) => u.className || u.tagName));
        ok(ragged.length === 0, `${label} ${p}: row items out of line in ${ragged.join(', ')}`);
        // Home sections are spaced alike: the space from the last line of one
        // section to the next section's heading differs by at most 12px (counted after
        // a home section, not after the profile).
        if (p === '/') {
          const gaps = await page.evaluate(() => [...document.querySelectorAll('main > section')].filter((s) => /\bhome-/.test(s.previousElementSibling?.className || '')).map((s) => {
            let last = s.previousElementSibling;
            while (last && last.lastElementChild) last = last.lastElementChild;
            const h = s.querySelector('h2');
            return last && h ? [s.className, Math.round(h.getBoundingClientRect().top - last.getBoundingClientRect().bottom)] : null;
          }).filter(Boolean));
          const sizes = gaps.map(([, g]) => g);
          ok(!sizes.length || Math.max(...sizes) - Math.min(...sizes) <= 12, `${label} ${p}: home sections spaced unevenly: ${gaps.map((g) => g.join(' ')).join(', ')}`);
        }
        // The main menu stays compact on a phone: at most two rows at 375px
        // (the classic theme's took three with nine items).
        if (width === 375) {
          const rows = await page.evaluate(() => {
            const ul = document.querySelector('header nav ul');
            return ul ? new Set([...ul.children].filter((li) => li.getClientRects().length).map((li) => Math.round(li.getBoundingClientRect().top / 8))).size : 0;
          });
          ok(rows <= 2, `${label} ${p}: the menu takes ${rows} rows`);
        }
        // The CV's contact line is plain text and links (it prints): no
        // glyph drawn before a link (the code links' "</>" showed there).
        const glyphs = await page.evaluate(() => [...document.querySelectorAll('.cv-contact a')]
          .filter((a) => !['none', 'normal'].includes(getComputedStyle(a, '::before').content))
          .map((a) => `${a.className} ${getComputedStyle(a, '::before').content}`));
        ok(glyphs.length === 0, `${label} ${p}: glyphs before contact links: ${glyphs.join(', ')}`);
        // Horizontal overflow (responsive down to the width).
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        ok(overflow <= 0, `${label} ${p}: page scrolls sideways by ${overflow}px`);
      }
      await ctx.close();
    }
  }
}

// ---- behaviour of folio.js ----
for (const [name, base] of sites.filter(([n]) => jsSites.includes(n))) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' });
  await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(base).origin });
  const page = await ctx.newPage();
  watch(page, `${name} js`);

  // Filters.
  await page.goto(base + 'publications/');
  const total = await page.locator('li.paper').count();
  ok(await page.locator('#filters').isVisible(), `${name}: filters shown`);
  ok((await page.textContent('#filter-status')).trim() === `Showing all ${total} papers`, `${name}: initial status`);
  await page.selectOption('#filter-topic', 'cl');
  const clCount = await page.evaluate(() => [...document.querySelectorAll('li.paper')].filter((li) => li.dataset.topics.split(' ').includes('cl')).length);
  const visible = await page.locator('li.paper:not([hidden])').count();
  ok(visible === clCount, `${name}: topic cl shows ${visible}, expected ${clCount}`);
  ok((await page.textContent('#filter-status')).trim() === `Showing ${clCount} of ${total} papers`, `${name}: status after topic = "${await page.textContent('#filter-status')}"`);
  ok(page.url().includes('topic=cl'), `${name}: url synced (${page.url()})`);
  const emptyGroups = await page.evaluate(() => [...document.querySelectorAll('section.year-group')].filter((g) => !g.hidden && !g.querySelector('li.paper:not([hidden])')).length);
  ok(emptyGroups === 0, `${name}: visible empty year groups: ${emptyGroups}`);
  await page.check('#filter-code');
  const codeVisible = await page.evaluate(() => [...document.querySelectorAll('li.paper:not([hidden])')].every((li) => li.dataset.code === '1'));
  ok(codeVisible, `${name}: code filter`);
  await page.fill('#filter-q', 'zzzz-no-such-word');
  ok(await page.locator('#no-results').isVisible(), `${name}: no-results shown`);
  ok((await page.textContent('#filter-status')).trim() === `Showing 0 of ${total} papers`, `${name}: zero status`);
  await page.fill('#filter-q', 'deepseek technical');
  await page.uncheck('#filter-code');
  await page.selectOption('#filter-topic', '');
  const words = await page.evaluate(() => [...document.querySelectorAll('li.paper:not([hidden])')].every((li) => /deepseek/i.test(li.textContent) && /technical/i.test(li.textContent)));
  ok(words, `${name}: all words must match`);
  ok(!(await page.locator('#no-results').isVisible()), `${name}: no-results hidden again`);
  // Enter must not submit (reload) the form.
  await page.press('#filter-q', 'Enter');
  ok((await page.inputValue('#filter-q')) === 'deepseek technical', `${name}: submit prevented`);
  // Initial state from the URL.
  await page.goto(base + 'publications/?topic=cl&year=2024&code=1');
  ok((await page.inputValue('#filter-topic')) === 'cl' && (await page.inputValue('#filter-year')) === '2024' && (await page.isChecked('#filter-code')), `${name}: filters read from URL`);
  const fromUrl = await page.evaluate(() => [...document.querySelectorAll('li.paper:not([hidden])')].every((li) => li.dataset.year === '2024' && li.dataset.code === '1' && li.dataset.topics.split(' ').includes('cl')));
  ok(fromUrl, `${name}: URL filters applied`);
  const visibleGroups = await page.evaluate(() => [...document.querySelectorAll('section.year-group:not([hidden])')].map((g) => g.dataset.year));
  ok(visibleGroups.join() === '2024', `${name}: only 2024 group visible (${visibleGroups})`);

  // Theme toggle.
  await page.goto(base);
  const toggle = page.locator('button.theme-toggle');
  ok(await toggle.isVisible(), `${name}: toggle shown`);
  ok((await toggle.getAttribute('aria-pressed')) === 'false', `${name}: toggle not pressed in light`);
  const bgLight = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await toggle.click();
  ok((await toggle.getAttribute('aria-pressed')) === 'true', `${name}: toggle pressed after click`);
  ok((await page.evaluate(() => document.documentElement.dataset.theme)) === 'dark', `${name}: data-theme dark`);
  const bgDark = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  ok(bgLight !== bgDark, `${name}: background changes (${bgLight} -> ${bgDark})`);
  await page.goto(base + 'topics/');
  ok((await page.evaluate(() => document.documentElement.dataset.theme)) === 'dark', `${name}: theme persisted`);
  ok((await page.locator('button.theme-toggle').getAttribute('aria-pressed')) === 'true', `${name}: pressed persisted`);
  // axe in the forced dark theme while the system is light.
  {
    const res = await new AxeBuilder({ page }).withTags(TAGS).analyze();
    for (const v of res.violations) fail(`${name} forced-dark topics/: [${v.id}] ${v.help}`);
  }
  await page.locator('button.theme-toggle').click();
  ok((await page.evaluate(() => localStorage.getItem('folio-theme'))) === 'light', `${name}: stored light`);

  // Copy button.
  await page.goto(base + 'papers/deepseek-r1/');
  const copy = page.locator('button.copy-button');
  ok(await copy.isVisible(), `${name}: copy button shown`);
  await copy.click();
  await page.waitForTimeout(150);
  ok((await copy.textContent()).trim() === 'Copied', `${name}: copy label "${await copy.textContent()}"`);
  const clip = await page.evaluate(() => navigator.clipboard.readText());
  const bib = await page.textContent('#bibtex');
  ok(clip === bib, `${name}: clipboard holds the BibTeX`);
  const announced = await page.evaluate(() => [...document.querySelectorAll('[aria-live]')].map((e) => e.textContent).join('|'));
  ok(/copied/i.test(announced), `${name}: copy announced (${announced})`);
  await page.waitForTimeout(2200);
  ok((await copy.textContent()).trim() === 'Copy BibTeX', `${name}: copy label restored`);

  // Metric tooltips (the default profile partial; on the author page for both themes).
  await page.goto(base + 'authors/fuli-luo/');
  const metric = page.locator('li.metric').first();
  if (await metric.count()) {
    const noteBox = async () => page.locator('li.metric').first().locator('.metric-note').boundingBox();
    let b = await noteBox();
    ok(b && b.width <= 1, `${name}: note hidden at rest`);
    await metric.focus();
    b = await noteBox();
    ok(b && b.width > 50, `${name}: note shown on focus`);
    await page.keyboard.press('Escape');
    b = await noteBox();
    ok(!b || b.width <= 1, `${name}: Escape hides the note`);
    await page.locator('h1').first().click();
    await metric.focus();
    b = await noteBox();
    ok(b && b.width > 50, `${name}: note shows again after blur`);
    await page.locator('h1').first().click();
    // Hover the badge, then move onto the note: it must stay.
    await metric.hover();
    b = await noteBox();
    ok(b && b.width > 50, `${name}: note shown on hover`);
    await page.mouse.move(b.x + 10, b.y + b.height / 2, { steps: 8 });
    b = await noteBox();
    ok(b && b.width > 50, `${name}: note stays while hovering it`);
    const name2 = await page.evaluate(() => document.querySelector('li.metric .metric-note').textContent);
    ok(name2.length > 5, `${name}: note has text`);
  }
  // Site-wide search: the index is fetched only when the panel opens; the
  // keyboard alone opens it, finds, follows a result and closes it.
  {
    const fetched = [];
    page.on('request', (r) => { if (r.url().endsWith('/search.json')) fetched.push(r.url()); });
    await page.goto(base + 'about/');
    const sbtn = page.locator('button.search-toggle');
    ok(await sbtn.isVisible(), `${name}: search button shown`);
    ok(fetched.length === 0, `${name}: search index fetched before opening`);
    await sbtn.focus();
    await page.keyboard.press('Enter');
    ok(await page.evaluate(() => document.activeElement && document.activeElement.id === 'search-q'), `${name}: focus moves to the search field`);
    ok((await sbtn.getAttribute('aria-expanded')) === 'true', `${name}: search button expanded`);
    await page.keyboard.type('prover');
    await page.waitForSelector('#search-results a', { timeout: 5000 }).catch(() => {});
    ok(fetched.length === 1, `${name}: search index fetched once (${fetched.length})`);
    const hrefs = await page.$$eval('#search-results a', (as) => as.map((a) => a.getAttribute('href')));
    ok(hrefs.some((h) => h.endsWith('papers/deepseek-prover-v1-5/')), `${name}: search finds the prover paper (${hrefs})`);
    ok(/result/.test(await page.textContent('#search-status')), `${name}: search status "${await page.textContent('#search-status')}"`);
    {
      const res = await new AxeBuilder({ page }).withTags(TAGS).analyze();
      for (const v of res.violations) fail(`${name} search open: [${v.id}] ${v.help}`);
    }
    await page.fill('#search-q', 'zzzz-no-such-word');
    ok((await page.locator('#search-results li').count()) === 0 && /No results/.test(await page.textContent('#search-status')), `${name}: search with no hit`);
    await page.keyboard.press('Escape');
    ok(await page.locator('#search-panel').isHidden(), `${name}: Escape closes search`);
    ok(await page.evaluate(() => document.activeElement && document.activeElement.classList.contains('search-toggle')), `${name}: focus back on the search button`);
    await page.keyboard.press('/');
    ok(await page.locator('#search-panel').isVisible(), `${name}: "/" opens search`);
    await page.keyboard.type('prover');
    await page.waitForSelector('#search-results a', { timeout: 5000 }).catch(() => {});
    await Promise.all([page.waitForNavigation({ timeout: 5000 }).catch(() => {}), page.keyboard.press('Enter')]);
    ok(page.url().includes('papers/deepseek-prover-v1-5/'), `${name}: Enter follows the first result (${page.url()})`);
    ok(fetched.length === 1, `${name}: reopening keeps the index, no second fetch (${fetched.length})`);
  }
  // Pages without any feature element must not throw (checked by watch()).
  for (const p of ['404.html', 'about/', 'topics/']) await page.goto(base + p);
  await ctx.close();

  // localStorage blocked: still no error.
  const ctx2 = await browser.newContext();
  const page2 = await ctx2.newPage();
  watch(page2, `${name} no-storage`);
  await page2.addInitScript(() => { Object.defineProperty(window, 'localStorage', { get() { throw new Error('blocked'); } }); });
  await page2.goto(base);
  await page2.locator('button.theme-toggle').click();
  ok((await page2.evaluate(() => document.documentElement.dataset.theme)) === 'dark', `${name}: toggle works without storage`);
  await ctx2.close();

  // Without JavaScript the page stays usable: filters and buttons stay hidden.
  const ctx3 = await browser.newContext({ javaScriptEnabled: false });
  const page3 = await ctx3.newPage();
  await page3.goto(base + 'publications/');
  ok(!(await page3.locator('#filters').isVisible()), `${name}: no-JS filters hidden`);
  const allPapers = await page3.locator('li.paper').count();
  ok(allPapers > 0 && (await page3.locator('li.paper:visible').count()) === allPapers, `${name}: no-JS every paper listed`);
  ok(!(await page3.locator('button.theme-toggle').isVisible()), `${name}: no-JS toggle hidden`);
  ok(!(await page3.locator('button.search-toggle').isVisible()) && !(await page3.locator('#search-panel').isVisible()), `${name}: no-JS search hidden`);
  await ctx3.close();
}

await browser.close();
console.log(failures ? `${failures} failed` : 'all checks passed');
process.exit(failures ? 1 : 0);
