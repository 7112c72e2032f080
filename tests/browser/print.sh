#!/usr/bin/env bash
# The print stylesheet: Chromium's print to PDF of a served page must hold its
# content and none of the page's chrome (navigation, skip link, theme toggle,
# footer). Usage: print.sh URL "ABSENT|ABSENT..." "PRESENT|PRESENT..."
# Needs chromium and pdftotext (poppler-utils).
set -euo pipefail
url=$1 absent=$2 present=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
  --user-data-dir="$tmp/profile" --print-to-pdf="$tmp/page.pdf" "$url" >/dev/null 2>&1
pdftotext "$tmp/page.pdf" "$tmp/page.txt"
status=0
IFS='|' read -ra words <<<"$absent"
for w in "${words[@]}"; do
  if grep -qF "$w" "$tmp/page.txt"; then echo "FAIL print $url: \"$w\" is printed"; status=1; fi
done
IFS='|' read -ra words <<<"$present"
for w in "${words[@]}"; do
  if ! grep -qF "$w" "$tmp/page.txt"; then echo "FAIL print $url: \"$w\" is missing"; status=1; fi
done
[ "$status" = 0 ] && echo "print $url: $(pdfinfo "$tmp/page.pdf" | grep -E '^Pages' | tr -s ' ')"
exit "$status"
