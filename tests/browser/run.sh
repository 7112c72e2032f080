#!/usr/bin/env bash
# The browser stage: builds the example site (both themes), the lab fixture,
# the full example site (examples/full/, every content kind) and the starter
# site of `folio init` (talks, posts and the CV included),
# serves them on 127.0.0.1, and requires: no Nu Html Checker errors (HTML and
# CSS), no axe violations, no broken internal links or anchors (lychee, offline,
# under a root and a sub-path base_url), working live reload and folio.js
# behaviour, no console errors, no request to another host, no layout shift on
# pages with pictures (cls.mjs), and a print to PDF
# of the CV without the page's chrome (print.sh). Screenshots land in
# target/screenshots/. Needs: chromium, node, java, lychee, pdftotext (installed
# by .ci/run).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
folio=${FOLIO:-$root/target/release/folio}
work=$root/target/browser
shots=$root/target/screenshots
rm -rf "$work" "$shots"
mkdir -p "$work" "$shots"

cd "$here"
[ -d node_modules ] || npm install --no-audit --no-fund --silent

echo "[${SECONDS}s] == build the sites"
"$folio" build "$root/example-site" --output "$work/default"
cp -r "$root/example-site" "$work/classic-src" && rm -rf "$work/classic-src/public"
sed -i 's/^theme: .*/theme: classic/' "$work/classic-src/site.yaml"
"$folio" build "$work/classic-src" --output "$work/classic"
"$folio" build "$root/tests/fixtures/lab" --output "$work/lab"
# The full example site: every content kind with realistic data.
"$folio" build "$root/examples/full" --output "$work/full"
# The full example site and the starter site again in the classic theme.
cp -r "$root/examples/full" "$work/full-classic-src" && rm -rf "$work/full-classic-src/public"
sed -i 's/^theme: .*/theme: classic/' "$work/full-classic-src/site.yaml"
"$folio" build "$work/full-classic-src" --output "$work/full-classic"
# The full example site in German, Japanese and Arabic (right to left), both
# themes: only `language:` changes (docs/languages.md).
lang_sites=()
for lang in de ja ar; do
  for theme in default classic; do
    name=full-$lang-$theme
    cp -r "$root/examples/full" "$work/$name-src" && rm -rf "$work/$name-src/public"
    sed -i "s/^language: .*/language: $lang/; s/^theme: .*/theme: $theme/" "$work/$name-src/site.yaml"
    "$folio" build "$work/$name-src" --output "$work/$name"
    lang_sites+=("$name")
  done
done
# The starter site of `folio init`: one of each content kind (talks included).
# Made outside this repository: inside a git repository, init writes the Pages
# workflow at the repository's root.
starter_src=$(mktemp -d)/starter
"$folio" init "$starter_src" >/dev/null
"$folio" build "$starter_src" --output "$work/starter"
sed -i 's/^theme: .*/theme: classic/' "$starter_src/site.yaml"
"$folio" build "$starter_src" --output "$work/starter-classic"
rm -rf "$(dirname "$starter_src")"
# The same example site for a GitHub project site, placed under its sub-path.
mkdir -p "$work/subpath-root"
"$folio" build "$root/example-site" --output "$work/subpath-root/homepage" --base-url https://someone.github.io/homepage/
"$folio" build "$root/examples/full" --output "$work/subpath-root/full" --base-url https://someone.github.io/full/

echo "[${SECONDS}s] == HTML and CSS validity (Nu Html Checker)"
vnu="$here/node_modules/vnu-jar/build/dist/vnu.jar"
java -jar "$vnu" --errors-only --skip-non-html --also-check-css "$work/default" "$work/classic" "$work/lab" "$work/starter" "$work/full" "$work/starter-classic" "$work/full-classic"
java -jar "$vnu" --errors-only --skip-non-html "${lang_sites[@]/#/$work/}"
java -jar "$vnu" --errors-only --css "$work/default/assets/style.css" "$work/classic/assets/style.css" "$work/full/assets/style.css" "$work/full-classic/assets/style.css"

echo "[${SECONDS}s] == internal links and anchors (lychee, offline)"
for site in default classic lab starter full starter-classic full-classic; do
  lychee --offline --no-progress --include-fragments --index-files index.html --root-dir "$work/$site" "$work/$site/**/*.html"
done
for sub in homepage full; do
  lychee --offline --no-progress --include-fragments --index-files index.html --root-dir "$work/subpath-root" "$work/subpath-root/$sub/**/*.html"
done

echo "[${SECONDS}s] == serve and check in Chromium"
pids=()
# A free block of ports (another checkout may run this stage at the same time).
port=$(python3 -c 'import random, socket
while True:
    p = random.randrange(20000, 60000, 10)
    try:
        for i in range(16): socket.socket().bind(("127.0.0.1", p + i))
        print(p); break
    except OSError: pass')
base_port=$port
args=()
for site in default classic lab starter full starter-classic full-classic; do
  python3 -m http.server "$port" --bind 127.0.0.1 --directory "$work/$site" >/dev/null 2>&1 &
  pids+=($!)
  args+=("$site=http://127.0.0.1:$port/")
  port=$((port + 1))
done
lang_args=()
for site in "${lang_sites[@]}"; do
  python3 -m http.server "$port" --bind 127.0.0.1 --directory "$work/$site" >/dev/null 2>&1 &
  pids+=($!)
  lang_args+=("$site=http://127.0.0.1:$port/")
  port=$((port + 1))
done
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
sleep 1
PAGES='/,publications/,papers/deepseek-r1/,authors/fuli-luo/,topics/,topics/cl/,about/,404.html,people/,news/,authors/mei-chen/,authors/david-kim/,papers/paper-00/,join/,talks/,talks/first-talk/,papers/first-paper/,papers/variance-decomposition/,talks/variance-keynote/,authors/ines-varga/,papers/thesis/,posts/,posts/first-post/,posts/tags/algorithms/,posts/three-papers-one-question/,posts/benchmark-numbers-in-one-table/,posts/fitting-dispersion-in-python/,teaching/,teaching/first-course/,cv/,projects/,projects/first-project/,teaching/statistical-genomics/,projects/integration-limits/,projects/regulatory-variance/,posts/negative-binomial-by-hand/,posts/tags/code/,software/,software/vardecomp/,posts/page/2/' JS_SITES=default,classic SHOTS="$shots" node check.mjs "${args[@]}"

echo "[${SECONDS}s] == German, Japanese and Arabic sites in Chromium (axe, light and dark, 375 and 1280; screenshots)"
PAGES='/,publications/,papers/variance-decomposition/,authors/ines-varga/,topics/,news/,talks/,talks/variance-keynote/,teaching/,teaching/statistical-genomics/,posts/,posts/negative-binomial-by-hand/,projects/,projects/regulatory-variance/,software/,cv/,about/,404.html' \
  SHOT_PAGES='/,publications/,papers/variance-decomposition/,cv/' SHOTS="$shots" node check.mjs "${lang_args[@]}"

echo "[${SECONDS}s] == layout shift (Chromium): pages with resized pictures"
# The example site with a phone photo as the owner's (tests/fixtures/images/),
# served on the next free port of the block.
cp -r "$root/example-site" "$work/photo-src" && rm -rf "$work/photo-src/public"
mkdir -p "$work/photo-src/static/images"
cp "$root/tests/fixtures/images/photo-exif6-gps.jpg" "$work/photo-src/static/images/me.jpg"
sed -i '1a photo: /images/me.jpg' "$work/photo-src/authors/fuli-luo.yaml"
"$folio" build "$work/photo-src" --output "$work/photo"
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$work/photo" >/dev/null 2>&1 &
pids+=($!)
sleep 1
node cls.mjs "photo=http://127.0.0.1:$port/" "starter=http://127.0.0.1:$((base_port + 3))/" "full=http://127.0.0.1:$((base_port + 4))/"

echo "[${SECONDS}s] == print to PDF (Chromium): the CV without the page's chrome"
# Ports as served above: starter is the fourth site, full the fifth.
bash "$here/print.sh" "http://127.0.0.1:$((base_port + 3))/cv/" "Skip to content|Dark mode|Topics|About|Built with folio" "Your Name|Education|Courses taught|Invited talks"
bash "$here/print.sh" "http://127.0.0.1:$((base_port + 4))/cv/" "Skip to content|Dark mode|News|About|Fictional data" "Ines Varga|Education|Grants and funding|Mentoring|Journal articles"

echo "[${SECONDS}s] == the citations chart (Chromium): bars, their height, full years, the bio above the fold"
# Ports as served above: full is the fifth site, full-classic the seventh.
SHOTS="$shots" node chart.mjs "http://127.0.0.1:$((base_port + 4))/" "http://127.0.0.1:$((base_port + 6))/"

echo "[${SECONDS}s] == appearance and integrations in Chromium (look.mjs)"
# A site with its own accent, fonts and layout (both themes, screenshots), and
# each integration on a scratch copy: exactly its hosts, no CSP violation.
node look.mjs "$folio" "$root" "$shots"

echo "[${SECONDS}s] == live reload in Chromium"
node livereload.mjs "$folio" "$root/example-site"
echo "browser stage passed; screenshots in $shots"
