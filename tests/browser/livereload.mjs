// Live reload in a real browser: a page open in headless Chromium reloads after
// an edit, and a broken file shows the error overlay as text (never as HTML).
// Usage: node livereload.mjs FOLIO_BINARY SITE_DIR
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [folio, site] = process.argv.slice(2);
const work = mkdtempSync(join(tmpdir(), 'folio-livereload-'));
cpSync(site, join(work, 'site'), { recursive: true, filter: (src) => !src.includes('/public') });
const root = join(work, 'site');

const server = spawn(folio, ['serve', root, '--port', '0', '--output', join(work, 'out')], { stdio: ['ignore', 'ignore', 'pipe'] });
let log = '';
const waitFor = (needle, timeout = 20000) => new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error(`timed out waiting for ${needle}; log:\n${log}`)), timeout);
  const check = () => { const m = log.match(needle); if (m) { clearTimeout(timer); resolve(m); return true; } return false; };
  if (check()) return;
  server.stderr.on('data', function listener() { if (check()) server.stderr.off('data', listener); });
});
server.stderr.on('data', (d) => { log += d; });

let browser;
let failed = false;
const fail = (msg) => { console.error('FAIL:', msg); failed = true; };
try {
  const url = (await waitFor(/serving .* at (http:\/\/127\.0\.0\.1:\d+\/)/))[1];
  await waitFor(/rebuilt after initial build/);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await (await browser.newContext()).newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url + 'publications/');
  await page.waitForFunction(() => document.querySelector('script[src="/__folio/reload.js"]'));
  await page.waitForTimeout(300); // let the event stream connect

  // 1. An edit reloads the open page with the new title.
  const paperFile = join(root, 'papers', 'deepseek-r1.yaml');
  const original = readFileSync(paperFile, 'utf8');
  const reloaded = page.waitForEvent('load', { timeout: 15000 });
  writeFileSync(paperFile, original.replace(/^title: .*$/m, 'title: "Reloaded Title From Test"'));
  await reloaded;
  const text = await page.textContent('main');
  if (!text.includes('Reloaded Title From Test')) fail('the page did not show the edit after reloading');
  else console.log('ok: the open page reloaded with the edit');

  // 2. A broken file shows the overlay; its text is shown as text, not HTML.
  writeFileSync(paperFile, original + '\n<img src=x onerror="window.__pwned=1">: 1\n');
  await page.waitForSelector('#folio-error-overlay', { timeout: 15000 });
  const overlay = await page.$eval('#folio-error-overlay', (el) => ({ text: el.textContent, imgs: el.querySelectorAll('img').length }));
  if (overlay.imgs !== 0 || (await page.evaluate(() => window.__pwned)) === 1) fail('the overlay rendered HTML from the error text');
  else if (!overlay.text.includes('papers/deepseek-r1.yaml') || !overlay.text.includes('<img src=x')) fail(`overlay text unexpected: ${overlay.text}`);
  else console.log('ok: the error overlay shows the escaped error text');
  // Readable in both schemes: the page's light `pre` background once showed
  // the overlay's white text on near-white. Each text element's colour against
  // the first background behind it (alpha ignored) must reach 4.5:1.
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    const low = await page.$$eval('#folio-error-overlay, #folio-error-overlay *', (els) => {
      const rgb = (c) => (c.match(/[\d.]+/g) || []).map(Number);
      const lum = ([r, g, b]) => [r, g, b].map((v) => { v /= 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }).reduce((a, v, i) => a + v * [0.2126, 0.7152, 0.0722][i], 0);
      const bg = (el) => { for (; el; el = el.parentElement) { const c = rgb(getComputedStyle(el).backgroundColor); if (c.length === 3 || c[3] > 0) return c; } return [255, 255, 255]; };
      return els.filter((el) => [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())).map((el) => {
        const [a, b] = [lum(rgb(getComputedStyle(el).color)), lum(bg(el))];
        return [el.tagName, (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)];
      }).filter(([, r]) => r < 4.5).map(([t, r]) => `${t} ${r.toFixed(2)}:1`);
    });
    if (low.length) fail(`overlay text too faint in ${scheme}: ${low.join(', ')}`);
    else console.log(`ok: the overlay text has enough contrast (${scheme})`);
  }
  await page.emulateMedia({ colorScheme: 'light' });

  // 3. The next good save recovers: the page reloads and the overlay is gone.
  const recovered = page.waitForEvent('load', { timeout: 15000 });
  writeFileSync(paperFile, original);
  await recovered;
  if (await page.$('#folio-error-overlay')) fail('overlay still shown after the fix');
  else console.log('ok: a fixed file reloads the page without the overlay');
  if (errors.length) fail(`page errors: ${errors.join('; ')}`);
} catch (e) {
  fail(e.stack || String(e));
} finally {
  if (browser) await browser.close();
  server.kill('SIGINT');
  rmSync(work, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
