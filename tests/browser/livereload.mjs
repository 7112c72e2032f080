// Live reload in a real browser: a page open in headless Chromium reloads after
// an edit, and a broken file shows the error overlay as text (never as HTML).
// Usage: node livereload.mjs FOLIO_BINARY SITE_DIR
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
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
  const page = await browser.newPage();
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
  // Readable in both schemes: the page's light styles once made its text white
  // on near-white.
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    const res = await new AxeBuilder({ page }).include('#folio-error-overlay').withRules(['color-contrast']).analyze();
    if (res.violations.length) fail(`overlay contrast in ${scheme}: ${res.violations.map((v) => v.nodes.map((n) => n.failureSummary).join('; ')).join('; ')}`);
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
