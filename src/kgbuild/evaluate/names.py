"""Names matched across scripts and inflections: one normaliser on both sides, per-token transliteration
keys with a common-prefix rule (`name_score`), and the one-to-one pairing of items by score (`assign`)."""
from __future__ import annotations

import re
import unicodedata
from typing import Callable, Iterable, Sequence, TypeVar

from ..translit import name_key

# function words of the three languages: they carry no identity and would inflate token overlap
STOPWORDS = frozenset(
    "a an the of for and in on at to with by from as "
    "и в во на по для с со о об при к от до из "
    "мен бен пен және бойынша үшін туралы арналған жөніндегі".split()
)
ORDINAL_SUFFIX = re.compile(r"(\d+)-?(?:ші|шы|сы|сі|ы|і|ой|ый|ий|ая|я|е|го|му|м|th|st|nd|rd)\b", re.IGNORECASE)
TRAILING_QUALIFIER = re.compile(r"\s*\([^()]*\)\s*$")  # "summit (Astana)": a disambiguator, not the name
SHORT_TOKEN = 4  # shorter tokens (UN, ООН, СІМ) match only exactly: a prefix of them says nothing
PREFIX_RATIO = 0.75  # Алматыда/Алматы, Ашикбаева/Ашикбаев: inflection lives at the end of the word
MIN_DICE = 0.5  # descriptions sharing more than half their words are one ("Deputy Prime Minister and
# Foreign Minister" / "Deputy Prime Minister – Minister of Foreign Affairs")
LONE_TOKEN = 5  # a one-token name contained in a longer one matches only when it is this long (Тоқаев)


def normalise(text: str) -> str:
    """Casefold, drop quotes, punctuation and a trailing (qualifier); ordinals lose their suffixes."""
    s = unicodedata.normalize("NFKC", str(text))
    s = TRAILING_QUALIFIER.sub("", s)
    s = ORDINAL_SUFFIX.sub(r"\1", s.casefold().replace("ё", "е"))
    s = re.sub(r"[^\w\s]|_", " ", s)
    return " ".join(s.split())


def token_key(token: str) -> str:
    """One key per word across scripts: digits as they are, words by their transliteration key."""
    if any(c.isdigit() for c in token):
        return re.sub(r"\D", "", token)
    key = name_key(token).replace(" ", "")
    # name_key folds х (kh) to h while қ is k: Казахстан and Қазақстан must meet
    return re.sub(r"(?<![sc])h", "k", key)


def name_tokens(text: str) -> list[str]:
    words = normalise(text).split()
    content = [w for w in words if w not in STOPWORDS] or words
    return [k for k in (token_key(w) for w in content) if k]


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def tokens_match(a: str, b: str) -> bool:
    if a == b:
        return True
    if a.isdigit() or b.isdigit():
        return False
    shorter = min(len(a), len(b))
    return shorter >= SHORT_TOKEN and _common_prefix(a, b) >= PREFIX_RATIO * shorter


def _matched_tokens(a: Sequence[str], b: Sequence[str]) -> int:
    free = list(b)
    n = 0
    for t in a:
        for i, u in enumerate(free):
            if tokens_match(t, u):
                del free[i]
                n += 1
                break
    return n


def name_score(system: str, alias: str, overlap: bool = False) -> float:
    """How well a system name matches one gold alias: 1 equal, 0.95 same transliteration keys, else the
    token overlap (Dice, scaled below 0.9) when one name's words are all in the other (proper names:
    "Тоқаев" in "Kassym-Jomart Tokayev"), or, with `overlap` (descriptions: positions, meeting and
    initiative names, priorities), also when more than half of the words are shared; 0 otherwise."""
    a, b = normalise(system), normalise(alias)
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    ta, tb = name_tokens(system), name_tokens(alias)
    if not ta or not tb:
        return 0.0
    if ta == tb:
        return 0.95
    inner, outer = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    m = _matched_tokens(inner, outer)
    if not m:
        return 0.0
    dice = 2 * m / (len(ta) + len(tb))
    if overlap and dice > MIN_DICE:
        return 0.9 * dice
    # one name inside the other; a lone word only when it is a real word ("meeting", not "UN") and, for
    # a proper name, a large part of the other (Тоқаев in a full name, not Afghanistan in UNAMA's name)
    lone_ok = len(inner[0]) >= LONE_TOKEN and (overlap or dice >= MIN_DICE)
    contained = m == len(inner) and (len(inner) >= 2 or lone_ok)
    return 0.9 * dice if contained else 0.0


def names_score(system: Iterable[str], aliases: Iterable[str], overlap: bool = False) -> float:
    """The best match of any system name against any gold alias."""
    aliases = [x for x in aliases if x]
    return max((name_score(s, a, overlap) for s in system if s for a in aliases), default=0.0)


def names_match(system: Iterable[str], aliases: Iterable[str]) -> bool:
    """Proper names (persons, organisations, countries, places): one contains the other."""
    return names_score(system, aliases) > 0


def phrases_match(system: Iterable[str], aliases: Iterable[str]) -> bool:
    """Descriptions (positions, meeting and initiative names, priorities): most words shared."""
    return names_score(system, aliases, overlap=True) > 0


T = TypeVar("T")
U = TypeVar("U")


def assign(system: Sequence[T], gold: Sequence[U], score: Callable[[T, U], float]) -> list[tuple[int, int]]:
    """Pair system and gold items one-to-one so that the summed score is the largest (a maximum-weight
    bipartite matching: a greedy best-first pairing can take one item's second-best partner and orphan
    another); pairs with score 0 are never made. Returns (system index, gold index) sorted by gold index."""
    import networkx as nx

    graph = nx.Graph()
    for i, a in enumerate(system):
        for j, b in enumerate(gold):
            s = score(a, b)
            if s > 0:
                graph.add_edge(("s", i), ("g", j), weight=s)
    pairs = []
    for u, v in nx.max_weight_matching(graph):
        (_, gold_index), (_, system_index) = sorted((u, v))  # ("g", j) sorts before ("s", i)
        pairs.append((system_index, gold_index))
    return sorted(pairs, key=lambda p: p[1])
