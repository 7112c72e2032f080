#!/usr/bin/env python3
"""Write a gen.py data set as a folio site.

Usage: python3 make_site.py DATA_DIR OUT_SITE [--theme bench|default]

DATA_DIR is a folder written by the shared gen.py (it holds papers.json).
OUT_SITE receives:
  site.yaml            title, base_url, nav, and the topics as a catalogue with
                       short keys (Machine Learning -> ML, ...)
  papers/<id>.yaml     one file per paper: title, date, authors, venue, topics,
                       abstract, links (pdf, code, doi), exactly as in papers.json
  themes/bench/        only with --theme bench: the minimal templates from
                       bench/theme-bench/templates/, equivalent to the Hugo ones

The same papers as the Hugo site gen.py writes beside papers.json, so the two
engines build the same content. Deterministic: same input, same bytes.
"""
import argparse
import json
import os
import re
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
BENCH_THEME = os.path.join(HERE, "theme-bench", "templates")

SITE_TITLE = "Research Portfolio"  # as in gen.py
BASE_URL = "https://example.org/"  # as in gen.py's hugo.toml


def q(s):
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(s, ensure_ascii=False)


# gen.py's eight topics; any other name gets a key made from its words.
KNOWN_KEYS = {
    "Machine Learning": "ML", "Computer Vision": "CV", "Natural Language Processing": "NLP",
    "Systems": "SYS", "Databases": "DB", "Security": "SEC",
    "Human-Computer Interaction": "HCI", "Theory": "TH",
}


def topic_keys(names):
    """Short catalogue keys: gen.py's known topics as above, else the initials of a
    multi-word name or the first three letters, upper case; made unique with a
    number. Keys are [A-Za-z0-9_-]."""
    keys = {}
    used = set()
    for name in sorted(names):
        if name in KNOWN_KEYS and KNOWN_KEYS[name] not in used:
            keys[name] = KNOWN_KEYS[name]
            used.add(keys[name])
            continue
        words = [w for w in re.split(r"[^A-Za-z0-9]+", name) if w]
        if len(words) > 1:
            key = "".join(w[0] for w in words).upper()
        elif words:
            key = words[0][:3].upper()
        else:
            key = "T"
        base, k = key, 2
        while key in used:
            key, k = f"{base}{k}", k + 1
        used.add(key)
        keys[name] = key
    return keys


def paper_yaml(p, keys):
    lines = [
        f"title: {q(p['title'])}",
        f"date: {p['date']}",
        "authors:",
        *(f"  - {q(a)}" for a in p["authors"]),
        f"venue: {q(p['venue'])}",
        f"topics: [{', '.join(keys[t] for t in p['topics'])}]",
        f"abstract: {q(p['abstract'])}",
        "links:",
        *(f"  {k}: {q(p['links'][k])}" for k in ("pdf", "code", "doi") if p["links"].get(k)),
    ]
    return "\n".join(lines) + "\n"


def site_yaml(keys, theme):
    lines = [
        f"title: {q(SITE_TITLE)}",
        f"description: {q('Synthetic publication list for benchmarks.')}",
        f"base_url: {BASE_URL}",
        "language: en",
        f"theme: {theme}",
        "nav:",
        "  - { title: Publications, url: /publications/ }",
        "  - { title: Topics, url: /topics/ }",
        "topics:",
        *(f"  {key}: {{ name: {q(name)} }}" for name, key in sorted(keys.items(), key=lambda kv: kv[1])),
    ]
    return "\n".join(lines) + "\n"


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", help="folder written by gen.py (holds papers.json)")
    ap.add_argument("out", help="the folio site to write (replaced if it exists)")
    ap.add_argument("--theme", choices=["bench", "default"], default="bench")
    a = ap.parse_args()

    with open(os.path.join(a.data, "papers.json"), encoding="utf-8") as f:
        papers = json.load(f)
    keys = topic_keys({t for p in papers for t in p["topics"]})

    if os.path.exists(a.out):
        if not os.path.isfile(os.path.join(a.out, "site.yaml")):
            sys.exit(f"make_site.py: {a.out} exists and is not a folio site; refusing to replace it")
        shutil.rmtree(a.out)
    os.makedirs(os.path.join(a.out, "papers"))
    write(os.path.join(a.out, "site.yaml"), site_yaml(keys, a.theme))
    for p in papers:
        write(os.path.join(a.out, "papers", f"{p['id']}.yaml"), paper_yaml(p, keys))
    if a.theme == "bench":
        shutil.copytree(BENCH_THEME, os.path.join(a.out, "themes", "bench", "templates"))
    print(f"make_site.py: {len(papers)} papers, {len(keys)} topics, theme {a.theme} -> {a.out}")


if __name__ == "__main__":
    main()
