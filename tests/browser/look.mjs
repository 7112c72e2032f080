// Appearance and integrations in Chromium. (1) A site with a custom accent
// colour, fonts (a self-hosted file when the system has one), wide layout,
// profile on top, publication cards and a long title, in both themes: axe-clean
// light and dark at 375 and 1280 px, screenshots, the header on one row at
// 1280 px, no request to another host and no Content-Security-Policy
// violation. (2) Each integration configured on a scratch copy of a site:
// exactly its documented hosts are requested (intercepted, never contacted)
// and the policy reports no violation.
// Usage: node look.mjs FOLIO_BINARY REPO_ROOT SHOTS_DIR
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { spawnSync, execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync, mkdirSync, rmSync, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, extname } from 'node:path';

const [folio, root, shots] = process.argv.slice(2);
const work = mkdtempSync(join(tmpdir(), 'folio-look-'));
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
let failures = 0;
const fail = (msg) => { failures++; console.log('FAIL', msg); };
const ok = (cond, msg) => { if (!cond) fail(msg); };

// A copy of a site with `extra` appended to its site.yaml, built into out/.
function site(name, src, edit) {
  const dir = join(work, name);
  cpSync(src, dir, { recursive: true, filter: (p) => !p.includes('/public') });
  const yaml = join(dir, 'site.yaml');
  writeFileSync(yaml, edit(readFileSync(yaml, 'utf8'), dir));
  const out = join(work, `${name}-out`);
  const r = spawnSync(folio, ['build', dir, '--output', out], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${name}: build failed\n${r.stderr}`);
  return out;
}

// A static server for a built site (index.html for folders).
const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json', '.woff2': 'font/woff2', '.ttf': 'font/ttf', '.otf': 'font/otf', '.jpg': 'image/jpeg', '.webp': 'image/webp', '.pdf': 'application/pdf' };
async function serve(dir) {
  const server = createServer((req, res) => {
    let p = join(dir, decodeURIComponent(new URL(req.url, 'http://x').pathname));
    if (existsSync(p) && statSync(p).isDirectory()) p = join(p, 'index.html');
    if (!existsSync(p)) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { 'content-type': TYPES[extname(p)] || 'application/octet-stream' });
    res.end(readFileSync(p));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => server.close() };
}

// Requests to other hosts are recorded and answered here, never sent; CSP
// violations are collected from the page's own event.
async function watched(ctx, label) {
  const hosts = new Set();
  await ctx.route((u) => !['127.0.0.1', 'localhost'].includes(u.hostname), (route) => {
    hosts.add(new URL(route.request().url()).origin);
    route.fulfill({ status: 200, contentType: 'text/javascript', body: '' });
  });
  await ctx.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const page = await ctx.newPage();
  page.on('console', (m) => { if (m.type() === 'error') fail(`${label}: console error: ${m.text()}`); });
  page.on('pageerror', (e) => fail(`${label}: page error: ${e.message}`));
  return { page, hosts };
}

async function violations(page, label, path) {
  const v = await page.evaluate(() => window.__csp);
  ok(v.length === 0, `${label} ${path}: Content-Security-Policy violations: ${v.join(', ')}`);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  // ---- (1) a site of its own look, both themes ----
  let font = '';
  try { font = execFileSync('fc-match', ['-f', '%{file}', 'DejaVu Serif'], { encoding: 'utf8' }).trim(); } catch { font = ''; }
  const APPEARANCE = (theme) => (yaml, dir) => {
    const files = [];
    if (font && /\.(ttf|otf|woff2?)$/.test(font)) {
      mkdirSync(join(dir, 'static/fonts'), { recursive: true });
      const name = `own${extname(font)}`;
      cpSync(font, join(dir, 'static/fonts', name));
      files.push(`      - { family: Own Serif, path: /fonts/${name} }`);
    }
    return yaml.replace(/^theme: .*$/m, `theme: ${theme}`).replace(/^title: .*$/m, 'title: The Laboratory for Statistical Models of Gene Regulation, Chromatin Accessibility and Single-Cell Data at Northfield')
      + `appearance:\n  accent: "#9c2f5e"\n  fonts:\n    body: '"Own Serif", Georgia, serif'\n    heading: sans-serif\n${files.length ? '    files:\n' + files.join('\n') + '\n' : ''}  width: wide\n  profile: top\n  publications: cards\n  snippets:\n    verify:\n      at: head\n      html: '<link rel="me" href="https://scholar.social/@ines">'\n`;
  };
  for (const theme of ['default', 'classic']) {
    const out = site(`look-${theme}`, join(root, 'examples/full'), APPEARANCE(theme));
    const srv = await serve(out);
    for (const scheme of ['light', 'dark']) {
      for (const width of [375, 1280]) {
        const label = `look-${theme} ${scheme} ${width}`;
        const ctx = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
        const { page, hosts } = await watched(ctx, label);
        for (const p of ['', 'publications/', 'papers/variance-decomposition/', 'posts/three-papers-one-question/', 'projects/']) {
          const resp = await page.goto(srv.url + p);
          if (!resp || resp.status() !== 200) { fail(`${label} ${p}: status ${resp && resp.status()}`); continue; }
          await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
          const res = await new AxeBuilder({ page }).withTags(TAGS).analyze();
          for (const v of res.violations) fail(`${label} ${p}: [${v.id}] ${v.help} (${v.nodes.length} nodes: ${v.nodes.slice(0, 2).map((n) => n.target.join(' ')).join(', ')})`);
          await violations(page, label, p);
          if (['', 'publications/'].includes(p)) {
            await page.screenshot({ path: `${shots}/look-${theme}-${p.replace(/\/$/, '') || 'home'}-${width}-${scheme}.png` });
          }
          // The header holds the title and both toggles on one row at 1280 px.
          if (theme === 'default' && width === 1280) {
            const rows = await page.evaluate(() => {
              const box = (s) => document.querySelector(s)?.getBoundingClientRect();
              const brand = box('.site-nav .brand'), toggle = box('.theme-toggle');
              return brand && toggle ? [brand.top, brand.bottom, toggle.top] : null;
            });
            ok(rows && rows[2] < rows[1], `${label} ${p}: the dark-mode toggle wrapped below the title (${rows})`);
          }
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          ok(overflow <= 0, `${label} ${p}: page scrolls sideways by ${overflow}px`);
        }
        ok(hosts.size === 0, `${label}: requests to other hosts: ${[...hosts].join(', ')}`);
        await ctx.close();
      }
    }
    srv.close();
  }
  console.log('ok: custom appearance, both themes, light and dark, 375 and 1280');

  // ---- (2) each integration: exactly its hosts ----
  const INTEGRATIONS = [
    ['none', '', []],
    ['plausible', 'plausible: { domain: ines-varga.example.org }', ['https://plausible.io']],
    ['goatcounter', 'goatcounter: { code: ines }', ['https://gc.zgo.at']],
    ['umami', 'umami: { website_id: 94db1cb1-74f4-4a40-ad6c-962362670409 }', ['https://cloud.umami.is']],
    ['google_analytics', 'google_analytics: { id: G-ABC123XYZ }', ['https://www.googletagmanager.com']],
    ['giscus', 'giscus: { repo: ines/site, repo_id: R_kgDOabc, category: Comments, category_id: DIC_kwDOabc }', ['https://giscus.app']],
  ];
  for (const [name, yaml, expected] of INTEGRATIONS) {
    const out = site(`int-${name}`, join(root, 'examples/full'), (y) => y + (yaml ? `integrations:\n  ${yaml}\n` : ''));
    const srv = await serve(out);
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, hosts } = await watched(ctx, `integration ${name}`);
    for (const p of ['', 'publications/', 'papers/variance-decomposition/', 'posts/three-papers-one-question/', 'talks/', 'cv/', 'about/', '404.html']) {
      await page.goto(srv.url + p);
      await page.waitForLoadState('networkidle').catch(() => {});
      await violations(page, `integration ${name}`, p);
    }
    const got = [...hosts].sort();
    ok(JSON.stringify(got) === JSON.stringify(expected), `integration ${name}: requested ${got.join(', ') || 'no other host'}, expected ${expected.join(', ') || 'none'}`);
    await ctx.close();
    srv.close();
  }
  console.log('ok: each integration requests exactly its documented host, no CSP violation');
} finally {
  await browser.close();
  rmSync(work, { recursive: true, force: true });
}
console.log(failures ? `${failures} failed` : 'look: all checks passed');
process.exit(failures ? 1 : 0);
