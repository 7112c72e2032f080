#!/usr/bin/env bash
# Lighthouse scores (performance, accessibility, best practices, SEO) of the home,
# publications and a paper page of the example site, served on 127.0.0.1.
# Needs chromium and npm; installs lighthouse 12 into a temp folder.
# Usage: tests/browser/lighthouse.sh [FOLIO_BINARY]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
folio=${1:-$root/target/release/folio}
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
"$folio" build "$root/example-site" --output "$work/site" 2>/dev/null
(cd "$work" && npm init -y >/dev/null && npm i lighthouse@12 --no-audit --no-fund --silent)
python3 -m http.server 18790 --bind 127.0.0.1 --directory "$work/site" >/dev/null 2>&1 &
server=$!
sleep 1
for page in "" publications/ papers/deepseek-r1/; do
  CHROME_PATH=${CHROMIUM:-/usr/bin/chromium} "$work/node_modules/.bin/lighthouse" "http://127.0.0.1:18790/$page" --quiet \
    --chrome-flags="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync" \
    --only-categories=performance,accessibility,best-practices,seo --output=json --output-path="$work/report.json" >/dev/null 2>&1
  node -e "const r=require('$work/report.json'); console.log('/$page', Object.values(r.categories).map(c => c.id + ' ' + Math.round(c.score * 100)).join(', '))"
done
