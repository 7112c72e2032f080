// Layout shift of pages with pictures, in headless Chromium: a
// PerformanceObserver('layout-shift') is installed before the page loads, the
// page is scrolled to the bottom (so that lazy pictures load) and back, and
// the cumulative layout shift (shifts without recent input, as Lighthouse
// counts them) must be 0. Every <img> must also carry width and height.
// Usage: node cls.mjs NAME=BASE_URL [NAME=BASE_URL ...]; PAGES (comma-separated,
// default: the home page, projects, a post with a cover and a Markdown
// picture, the posts list, publications and a paper with a preview) are
// checked on every site, those a site lacks skipped.
import { chromium } from 'playwright-core';

const sites = process.argv.slice(2).map((a) => a.split('='));
const PAGES = (process.env.PAGES || '/,projects/,posts/page/2/,posts/negative-binomial-by-hand/,publications/,papers/variance-decomposition/').split(',');
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

let failures = 0;
let measured = 0;
for (const [name, base] of sites) {
  for (const width of [375, 1280]) {
    const context = await browser.newContext({ viewport: { width, height: 800 } });
    // Slow the pictures down, so that a box not reserved before they arrive
    // would move what follows it.
    await context.route('**/*.{jpg,png,webp}', async (route) => {
      await new Promise((r) => setTimeout(r, 300));
      await route.continue();
    });
    await context.addInitScript(() => {
      window.__cls = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    const page = await context.newPage();
    for (const p of PAGES) {
      const resp = await page.goto(base + p.replace(/^\//, ''), { waitUntil: 'load' });
      if (!resp || resp.status() === 404) continue;
      await page.evaluate(async () => {
        window.scrollTo(0, document.body.scrollHeight);
        await new Promise((r) => setTimeout(r, 600));
        // Every picture loaded (img.decode() on a lazy one closes the page
        // in headless Chromium here).
        const t0 = Date.now();
        while (![...document.images].every((i) => i.complete) && Date.now() - t0 < 5000) {
          await new Promise((r) => setTimeout(r, 50));
        }
        window.scrollTo(0, 0);
        await new Promise((r) => setTimeout(r, 200));
      });
      const { cls, bare, imgs } = await page.evaluate(() => ({
        cls: window.__cls,
        imgs: document.images.length,
        bare: [...document.images].filter((i) => !i.hasAttribute('width') || !i.hasAttribute('height')).map((i) => i.outerHTML.slice(0, 120)),
      }));
      measured++;
      console.log(`${name} ${p} @${width}: CLS ${cls.toFixed(4)}, ${imgs} pictures`);
      if (cls > 0) { failures++; console.log(`FAIL ${name} ${p} @${width}: layout shift ${cls}`); }
      for (const b of bare) { failures++; console.log(`FAIL ${name} ${p} @${width}: <img> without width and height: ${b}`); }
    }
    await context.close();
  }
}
await browser.close();
if (measured === 0) { console.log('FAIL no page measured'); process.exit(1); }
if (failures) { console.log(`${failures} layout-shift failures`); process.exit(1); }
console.log(`layout shift: 0 on ${measured} page loads`);
