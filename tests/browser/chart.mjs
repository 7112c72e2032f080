// Checks the citations chart of the full example site in headless Chromium,
// light and dark, 375 and 1280 wide: it is there with one bar per year of the
// history in data/metrics.yaml, no bar is taller than 120px, the years are
// written in full, the chart stays within the page, the bio starts above the
// fold at 1280x800, its title says what it counts, and axe finds nothing in it.
// The fallback (no history) says it counts papers by publication year.
// Screenshots of the chart go to SHOTS (when set).
// Usage: node chart.mjs FULL_URL FULL_CLASSIC_URL
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

const [full, fullClassic] = process.argv.slice(2);
const shots = process.env.SHOTS;
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});

let failures = 0;
const ok = (cond, msg) => { if (!cond) { failures++; console.log('FAIL', msg); } };

// [site, page, theme name, bars expected, title starts with, is the home page]
const CASES = [
  [full, '', 'default', 10, 'Citations received per year, 2017', true],
  [full, 'authors/hana-sato/', 'default', 5, 'Citations received per year, 2022', false],
  [fullClassic, 'authors/hana-sato/', 'classic', 5, 'Citations received per year, 2022', false],
  [full, 'authors/tomas-reyes/', 'default', null, 'Citations of papers published each year', false],
];

for (const scheme of ['light', 'dark']) {
  for (const width of [375, 1280]) {
    const ctx = await browser.newContext({ viewport: { width, height: 800 }, colorScheme: scheme });
    const page = await ctx.newPage();
    for (const [base, path, theme, bars, title, home] of CASES) {
      const label = `${theme} ${path || 'home'} ${scheme} ${width}`;
      await page.goto(base + path);
      const info = await page.evaluate(() => {
        const fig = document.querySelector('.citations-chart');
        if (!fig) return null;
        const heights = [...fig.querySelectorAll('rect.bar')].map((r) => r.getBoundingClientRect().height);
        const years = [...fig.querySelectorAll('.chart-years span')]
          .filter((s) => getComputedStyle(s).visibility !== 'hidden')
          .map((s) => s.textContent);
        const bio = document.querySelector('.profile .bio');
        const r = fig.getBoundingClientRect();
        return {
          bars: heights.length,
          maxBar: Math.max(0, ...heights),
          years,
          title: fig.querySelector('.chart-title').textContent,
          tableRows: fig.querySelectorAll('table tbody tr').length,
          right: r.right,
          bioTop: bio ? bio.getBoundingClientRect().top : null,
          pageWidth: document.documentElement.clientWidth,
        };
      });
      ok(info, `${label}: chart shown`);
      if (!info) continue;
      if (bars !== null) ok(info.bars === bars, `${label}: ${info.bars} bars, expected ${bars}`);
      ok(info.tableRows === info.bars, `${label}: the table has ${info.tableRows} rows for ${info.bars} bars`);
      ok(info.maxBar > 0 && info.maxBar <= 120, `${label}: tallest bar ${info.maxBar}px (at most 120)`);
      ok(info.years.length > 0 && info.years.every((y) => /^\d{4}$/.test(y)), `${label}: years written in full (${info.years})`);
      ok(info.title.replace(/\u2060/g, '').startsWith(title), `${label}: title "${info.title}"`);
      ok(info.right <= info.pageWidth, `${label}: chart ends at ${info.right}px, past the page (${info.pageWidth})`);
      if (home && width === 1280) ok(info.bioTop !== null && info.bioTop < 800, `${label}: bio starts at ${info.bioTop}px, below the fold`);
      const res = await new AxeBuilder({ page }).include('.citations-chart').withTags(TAGS).analyze();
      for (const v of res.violations) ok(false, `${label}: [${v.id}] ${v.help}`);
      if (shots) await page.locator('.citations-chart').screenshot({ path: `${shots}/chart-${theme}-${(path.replace(/\/$/, '').replace(/\//g, '_')) || 'home'}-${width}-${scheme}.png` });
    }
    await ctx.close();
  }
}

await browser.close();
console.log(failures ? `${failures} failed` : 'chart checks passed');
process.exit(failures ? 1 : 0);
