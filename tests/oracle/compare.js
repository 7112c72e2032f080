// The citation oracle: folio's formatted references against citeproc-js (the
// reference CSL processor) with the official APA, IEEE and ACM styles, on the
// papers of tests/fixtures/oracle.
//
// For each style the fixture site is built with `citation_style` set to it; the
// reference on each paper page is taken as a reader sees it (tags removed,
// entities decoded, whitespace collapsed). citeproc-js formats the same paper
// from the site's own papers.json, so folio's CSL mapping is exercised too.
// The agreement (exact, after that normalisation) per style must reach the
// minimum in thresholds.json, or the run fails: agreement never drops unseen.
//
//   node compare.js FOLIO_BINARY [--show] [--json OUT] [--other NAME=FILE]
//
// --show prints every disagreement; --json writes citeproc-js's texts
// ({style: {id: text}}); --other compares another processor's texts of the
// same shape (hayagriva's, say) with citeproc-js's and prints its figures.
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { execFileSync } = require("child_process");
const CSL = require("citeproc");

const here = __dirname;
const fixture = path.join(here, "..", "fixtures", "oracle");
const styles = {
  apa: "apa.csl",
  ieee: "ieee.csl",
  acm: "association-for-computing-machinery.csl",
};
const locale = fs.readFileSync(path.join(here, "styles", "locales-en-US.xml"), "utf8");

/// Text as a reader sees it: no tags, entities decoded, one space between words.
function normalise(html) {
  const entities = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", "#x27": "'", nbsp: " " };
  return html
    .replace(/<math[\s\S]*?<annotation[^>]*>([\s\S]*?)<\/annotation>[\s\S]*?<\/math>/g, "$1")
    .replace(/<[^>]*>/g, "")
    .replace(/&(#?\w+);/g, (m, e) => entities[e] ?? m)
    .replace(/\s+/g, " ")
    .trim();
}

/// Builds the fixture site in `style` and returns {slug: reference text} and papers.json.
function buildFolio(folio, style) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "folio-oracle-"));
  const site = path.join(work, "site");
  fs.cpSync(fixture, site, { recursive: true });
  const yaml = path.join(site, "site.yaml");
  fs.writeFileSync(yaml, fs.readFileSync(yaml, "utf8").replace(/^citation_style: .*$/m, `citation_style: ${style}`));
  const out = path.join(work, "public");
  try {
    execFileSync(folio, ["build", site, "--output", out], { stdio: "pipe" });
  } catch (e) {
    console.error(`folio build failed (${style}):\n${e.stderr}`);
    process.exit(1);
  }
  const refs = {};
  for (const slug of fs.readdirSync(path.join(out, "papers"))) {
    const page = fs.readFileSync(path.join(out, "papers", slug, "index.html"), "utf8");
    const m = page.match(/<p class="reference"><span class="reference-style">[^<]*<\/span>([\s\S]*?)<\/p>/);
    if (m) refs[slug] = normalise(m[1]);
  }
  const items = JSON.parse(fs.readFileSync(path.join(out, "papers.json"), "utf8"));
  fs.rmSync(work, { recursive: true, force: true });
  return { refs, items };
}

/// citeproc-js's reference for each item, one item at a time (as folio cites).
function citeproc(style, items) {
  const xml = fs.readFileSync(path.join(here, "styles", styles[style]), "utf8");
  const byId = Object.fromEntries(items.map((i) => [i.id, i]));
  const sys = { retrieveLocale: () => locale, retrieveItem: (id) => byId[id] };
  const engine = new CSL.Engine(sys, xml, "en-US");
  engine.setOutputFormat("text");
  const out = {};
  for (const item of items) {
    engine.updateItems([item.id]);
    const [, entries] = engine.makeBibliography();
    // IEEE's "[1]" label is the list's, not the reference's.
    out[item.id] = normalise(entries.join(" ")).replace(/^\[\d+\]\s*/, "");
  }
  return out;
}

/// The slug of a papers.json item: the last segment of its URL.
function slugOf(item) {
  return item.URL.replace(/\/$/, "").split("/").pop();
}

function main() {
  const args = process.argv.slice(2);
  const folio = path.resolve(args[0] ?? "");
  if (!args[0] || !fs.existsSync(folio)) {
    console.error("usage: node compare.js FOLIO_BINARY [--show] [--json OUT] [--other NAME=FILE]");
    process.exit(2);
  }
  const show = args.includes("--show");
  const flag = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  const others = args
    .map((a, i) => (a === "--other" ? args[i + 1] : null))
    .filter(Boolean)
    .map((spec) => spec.split("="))
    .map(([name, file]) => [name, JSON.parse(fs.readFileSync(file, "utf8"))]);
  const thresholds = JSON.parse(fs.readFileSync(path.join(here, "thresholds.json"), "utf8"));
  const oracle = {};
  let failed = false;
  for (const style of Object.keys(styles)) {
    const { refs, items } = buildFolio(folio, style);
    // The URL is the paper's own page: folio does not cite a page on itself.
    const cslItems = items.map(({ URL, ...rest }) => rest);
    const expected = citeproc(style, cslItems);
    oracle[style] = expected;
    let agree = 0;
    for (const item of items) {
      const mine = refs[slugOf(item)];
      if (mine === expected[item.id]) agree += 1;
      else if (show) console.log(`${style} ${item.id}\n  folio:     ${mine}\n  citeproc:  ${expected[item.id]}`);
    }
    const min = thresholds[style];
    const ok = agree >= min;
    failed ||= !ok;
    console.log(`folio ${style}: ${agree} of ${items.length} agree with citeproc-js (minimum ${min})${ok ? "" : ": FAILED"}`);
    for (const [name, texts] of others) {
      const theirs = texts[style] ?? {};
      let same = 0;
      for (const item of items) {
        const t = theirs[item.id] === undefined ? undefined : normalise(theirs[item.id]);
        if (t === expected[item.id]) same += 1;
        else if (show) console.log(`${name} ${style} ${item.id}\n  ${name}: ${t}\n  citeproc:  ${expected[item.id]}`);
      }
      console.log(`${name} ${style}: ${same} of ${items.length} agree with citeproc-js`);
    }
  }
  if (flag("--json")) fs.writeFileSync(flag("--json"), JSON.stringify(oracle, null, 2) + "\n");
  if (failed) {
    console.error("citation oracle: agreement dropped below thresholds.json (run with --show to see the differences)");
    process.exit(1);
  }
}

main();
