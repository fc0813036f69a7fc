"""Generate N realistic press releases (kk, ru, en) for the benchmark, deterministically for a seed.

Each generated document takes the paragraph structure and sentence patterns of one real corpus document
(read from ../shared/corpus at run time, never copied into the repository) in its language, keeps a
random subset of its paragraphs (always the first, which carries the event), mixes in sentences of other
corpus documents of the same language, and recombines the entities: every gazetteer name written in its
canonical label form is replaced by another entity of the same type (persons by persons, cities by
cities, ...), consistently within the document; years, ordinals and day numbers are varied too. The
header date is drawn from 2015-2026. The output is the reader's format (` date YYYY-MM-DD <title>`, one
paragraph a line) in a folder outside the repository.

    python bench/generate.py --docs 1000 --seed 7 --out /tmp/gen
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import re
import sys
from pathlib import Path

from kgbuild.gazetteer import load_gazetteer

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
LANGS = ("kk", "ru", "en")
# entity types swapped for one another; roles, formats and regions keep their wording
SWAP_TYPES = ("Person", "City", "Country", "Organization")
HEADER = re.compile(r"^\s*date\s+(\S+)(?:[ \t]+(.*))?$")


def read_corpus(corpus: Path) -> dict[str, list[tuple[str, list[str]]]]:
    """language -> [(title, paragraphs)], in file-name order (languages from SOURCES.tsv)."""
    langs: dict[str, str] = {}
    sources = corpus / "SOURCES.tsv"
    for line in sources.read_text(encoding="utf-8").splitlines()[1:]:
        cols = line.split("\t")
        if len(cols) > 1:
            langs[cols[0]] = cols[1]
    out: dict[str, list[tuple[str, list[str]]]] = {lang: [] for lang in LANGS}
    for p in sorted(corpus.glob("*.txt")):
        lang = langs.get(p.name)
        if lang not in out:
            continue
        lines = p.read_text(encoding="utf-8").lstrip("\ufeff").split("\n")
        m = HEADER.match(lines[0].rstrip("\r"))
        if not m:
            continue
        paras = [ln.strip() for ln in lines[1:] if ln.strip()]
        # a photo-credit line is kept only as the reader knows it; drop it from the recombined body
        paras = [x for x in paras if not re.match(r"^(Сурет|Фото|Photo)\b", x)]
        if paras:
            out[lang].append(((m.group(2) or "").strip(), paras))
    return out


class Recombiner:
    """Finds canonical gazetteer labels in a text and swaps them for other entities of the same type."""

    def __init__(self):
        gaz = load_gazetteer()
        self.pools: dict[tuple[str, str], list[str]] = {}
        self.regex: dict[str, re.Pattern] = {}
        self.type_of: dict[tuple[str, str], str] = {}
        for lang in LANGS:
            labels = []
            for e in sorted(gaz.entities.values(), key=lambda e: e.id):
                if e.type not in SWAP_TYPES:
                    continue
                text = e.labels.get(lang)
                if not text or len(text) < 4:
                    continue
                self.pools.setdefault((lang, e.type), []).append(text)
                self.type_of[(lang, text)] = e.type
                labels.append(text)
            labels = sorted(set(labels), key=lambda s: (-len(s), s))
            self.regex[lang] = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, labels)) + r")(?!\w)")

    def swap(self, text: str, lang: str, rng: random.Random, mapping: dict[str, str]) -> str:
        def repl(m: re.Match) -> str:
            old = m.group(1)
            if old not in mapping:
                pool = self.pools[(lang, self.type_of[(lang, old)])]
                mapping[old] = pool[rng.randrange(len(pool))]
            return mapping[old]

        return self.regex[lang].sub(repl, text)


def vary_numbers(text: str, rng: random.Random, year: int) -> str:
    """Years near the document's year, other small numbers (ordinals, days) varied in place."""
    def repl(m: re.Match) -> str:
        n = int(m.group())
        if 1990 <= n <= 2040:
            return str(max(1991, min(2035, year + (n - 2025))))
        if 1 <= n <= 31 and len(m.group()) <= 2:
            return str(rng.randint(1, 28))
        return m.group()

    return re.sub(r"(?<![\w.,])\d{1,4}(?![\w.,]?\d)", repl, text)


def generate(n: int, out: Path, seed: int = 1, corpus: Path = DEFAULT_CORPUS) -> list[Path]:
    """Write n documents into `out` (created); returns their paths. Same n and seed, same bytes."""
    docs = read_corpus(corpus)
    rec = Recombiner()
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    langs = [lang for lang in LANGS if docs[lang]]
    paths = []
    start = dt.date(2015, 1, 1).toordinal()
    span = dt.date(2026, 12, 31).toordinal() - start
    for i in range(n):
        lang = langs[rng.randrange(len(langs))]
        title, paras = docs[lang][rng.randrange(len(docs[lang]))]
        keep = [paras[0]] + [p for p in paras[1:] if rng.random() < 0.7]
        if rng.random() < 0.5:  # a paragraph of another document of the same language
            _t, other = docs[lang][rng.randrange(len(docs[lang]))]
            keep.append(other[rng.randrange(len(other))])
        date = dt.date.fromordinal(start + rng.randrange(span))
        mapping: dict[str, str] = {}
        title = title or keep[0][:120]
        lines = [rec.swap(vary_numbers(x, rng, date.year), lang, rng, mapping) for x in [title, *keep]]
        text = f" date {date.isoformat()} {lines[0]}\n" + "\n".join(lines[1:]) + "\n"
        digest = hashlib.sha1(f"{seed}:{i}:{text}".encode("utf-8")).hexdigest()[:16]
        path = out / f"g{i:06d}_{digest}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    a = ap.parse_args(argv)
    paths = generate(a.docs, a.out, a.seed, a.corpus)
    print(f"{len(paths)} documents in {a.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
