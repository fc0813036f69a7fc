"""Measure the graph against gold annotations: precision, recall and F1 per language and per family.

Gold files (tests/gold/*.yaml, see GUIDELINES.md of the corpus) say what a careful reader finds in one
document; the system's side is what the contract's stored queries return for that document. Both become
`Facts`, and `score_document` compares them:

- names match across scripts and inflections (`name_score`): a system name against ANY gold alias,
  after one normaliser on both sides and per-token transliteration keys with a common-prefix rule;
- items are paired one-to-one per document by the largest total score (`assign`), so nothing counts
  twice; meetings pair on ordinal, date and name, then place and shared participants (`meeting_score`);
- a relation is a tuple (anchor, value): it is correct only when its anchor (meeting, participant,
  initiative, programme) was paired and the value matches.

`evaluate` is the front door (build, query, score); it returns data and prints nothing.
"""
from __future__ import annotations

import datetime as dt
import operator
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence, TypeVar

import yaml

from .translit import name_key

LANGUAGES = ("kk", "ru", "en")
ENTITY_TYPES = ("Person", "Organization", "Country", "Place")
RELATIONS = (
    "meeting", "meeting date", "meeting place", "meeting ordinal", "participant", "position", "affiliation",
    "initiative", "proposer", "programme", "programme owner", "programme period", "priority",
)
FAMILIES = ENTITY_TYPES + RELATIONS
# table rows: each group's micro-average first, then its members
ROWS = ("entities", *ENTITY_TYPES, "relations", *RELATIONS)
GROUPS = {"entities": ENTITY_TYPES, "relations": RELATIONS}
CONTRACT_QUERIES = ("entities", "meetings", "participants", "initiatives", "programme-priorities")
# the system's entity types that are scored, and as which gold type (Region, Format, Meeting, ... are not)
SYSTEM_TYPES = {"Person": "Person", "Organization": "Organization", "Country": "Country", "City": "Place",
                "Place": "Place"}


class EvalError(ValueError):
    """A gold file or folder that cannot be used; names the path and the problem."""

    def __init__(self, path: Path | str, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{path}: {reason}")


# ------------------------------------------------------------ name matching --

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


# -------------------------------------------------------------------- facts --


@dataclass
class Participant:
    person: list[str]
    position: list[str] = field(default_factory=list)
    affiliation: list[str] = field(default_factory=list)


@dataclass
class Meeting:
    names: list[str]
    date: str | None = None  # YYYY-MM-DD
    place: list[str] = field(default_factory=list)
    ordinal: int | None = None
    participants: list[Participant] = field(default_factory=list)


@dataclass
class Initiative:
    names: list[str]
    proposer: list[str] = field(default_factory=list)


@dataclass
class Programme:
    names: list[str]
    owner: list[str] = field(default_factory=list)
    start: int | None = None
    end: int | None = None
    priorities: list[tuple[int, list[str]]] = field(default_factory=list)  # (rank, names)

    @property
    def period(self) -> tuple[int | None, int | None] | None:
        return (self.start, self.end) if self.start is not None or self.end is not None else None


@dataclass
class Facts:
    """What one document says, in the terms of the contract queries; on the gold side every name is a list
    of aliases, on the system side a list of the names the queries give."""

    document: str
    language: str = ""
    entities: dict[str, list[list[str]]] = field(default_factory=dict)  # type -> items -> names
    meetings: list[Meeting] = field(default_factory=list)
    initiatives: list[Initiative] = field(default_factory=list)
    programmes: list[Programme] = field(default_factory=list)


# --------------------------------------------------------------- gold side --


def _aliases(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v).strip() for v in value if v is not None and str(v).strip()]
    return [str(value).strip()] if str(value).strip() else []


def _int(value) -> int | None:
    if value is None or value == "":
        return None
    try:
        return int(str(value).strip())
    except ValueError:
        return None


def _date(value) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    return str(value).strip()[:10]


class GoldAliases:
    """The gold file's own equivalences: its entity lists say UNRCCA = United Nations Regional Centre ...,
    so a relation's value "UNRCCA" also accepts the long forms, and "Executive Committee of IFAS" also
    reads "Executive Committee of International Fund for Saving the Aral Sea"."""

    def __init__(self, entities: dict[str, list[list[str]]]):
        self.items = [item for items in entities.values() for item in items]
        self.by_alias = {}
        self.acronyms: dict[str, list[str]] = {}
        for item in self.items:
            for alias in item:
                self.by_alias.setdefault(normalise(alias), item)
            long_forms = [a for a in item if len(a.split()) > 1]
            for alias in item:
                if re.fullmatch(r"[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]{2,8}", alias) and long_forms:
                    self.acronyms.setdefault(alias, long_forms)

    def expand(self, aliases: list[str], same_entity: bool = True) -> list[str]:
        """The aliases, plus (same_entity) those of the gold entity they name, plus acronyms spelt out."""
        out = list(aliases)
        for alias in aliases:
            item = self.by_alias.get(normalise(alias)) if same_entity else None
            if item:
                out.extend(item)
            for acronym, long_forms in self.acronyms.items():
                if alias != acronym and re.search(rf"(?<!\w){acronym}(?!\w)", alias):
                    out.extend(re.sub(rf"(?<!\w){acronym}(?!\w)", form, alias) for form in long_forms)
        return list(dict.fromkeys(out))


def gold_facts(data: dict, path: Path | str = "<gold>") -> Facts:
    """A parsed gold YAML file (GUIDELINES.md) as Facts."""
    if not isinstance(data, dict) or not isinstance(data.get("document"), str):
        raise EvalError(path, "not a gold file (a mapping with `document: FILE.txt` expected)")
    language = str(data.get("language", ""))
    if language not in LANGUAGES:
        raise EvalError(path, f"language {language!r} is not one of {', '.join(LANGUAGES)}")
    entities = {}
    for etype, items in (data.get("entities") or {}).items():
        if etype not in ENTITY_TYPES:
            raise EvalError(path, f"unknown entity type {etype!r} (want {', '.join(ENTITY_TYPES)})")
        entities[etype] = [a for a in (_aliases(x) for x in items or []) if a]
    named = GoldAliases(entities)
    entities = {etype: [named.expand(item, same_entity=False) for item in items] for etype, items in entities.items()}

    def aliases(value) -> list[str]:
        return named.expand(_aliases(value))

    meetings = [
        Meeting(
            names=aliases(m.get("name")),
            date=_date(m.get("date")),
            place=aliases(m.get("place")),
            ordinal=_int(m.get("ordinal")),
            participants=[
                Participant(aliases(p.get("person")), aliases(p.get("position")), aliases(p.get("affiliation")))
                for p in m.get("participants") or []
            ],
        )
        for m in data.get("meetings") or []
    ]
    initiatives = [Initiative(aliases(i.get("name")), aliases(i.get("proposer")))
                   for i in data.get("initiatives") or []]
    programmes = [
        Programme(
            names=aliases(p.get("name")),
            owner=aliases(p.get("owner")),
            start=_int(p.get("start")),
            end=_int(p.get("end")),
            priorities=[(rank, aliases(x)) for rank, x in enumerate(p.get("priorities") or [], 1)],
        )
        for p in data.get("programmes") or []
    ]
    return Facts(data["document"], language, entities, meetings, initiatives, programmes)


def load_gold(gold_dir: Path | str) -> list[Facts]:
    """Every *.yaml / *.yml gold file of a folder, sorted by document name."""
    folder = Path(gold_dir)
    if not folder.is_dir():
        raise EvalError(folder, "no such gold folder")
    golds = []
    for path in sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")]):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            raise EvalError(path, f"cannot read gold file ({type(exc).__name__}: {str(exc)[:200]})") from None
        try:
            golds.append(gold_facts(data, path))
        except (AttributeError, TypeError) as exc:  # a list where a mapping belongs, or the reverse
            raise EvalError(path, f"not in the GUIDELINES.md format ({exc})") from None
    if not golds:
        raise EvalError(folder, "no gold files (*.yaml) in this folder")
    seen = set()
    for g in golds:
        if g.document in seen:
            raise EvalError(folder, f"two gold files for {g.document}")
        seen.add(g.document)
    return sorted(golds, key=lambda g: g.document)


# ------------------------------------------------------------- system side --


def _names(*values: str) -> list[str]:
    return [v for v in values if v]


def system_facts(rows: dict[str, list[dict[str, str]]]) -> dict[str, Facts]:
    """The rows of the contract queries (query name -> rows with a `file` column) as Facts per file."""
    docs: dict[str, Facts] = {}

    def doc(file: str) -> Facts:
        return docs.setdefault(file, Facts(file))

    for r in rows.get("entities", []):
        etype = SYSTEM_TYPES.get(r.get("type", ""))
        if etype:
            doc(r["file"]).entities.setdefault(etype, []).append(_names(r.get("name", "")))
    meetings: dict[tuple[str, str], Meeting] = {}
    for r in rows.get("meetings", []):
        key = (r["file"], r["meeting"])
        if key in meetings:  # one row per meeting is the contract; keep the first should it be broken
            continue
        m = Meeting(_names(r.get("name", ""), r.get("series", "")), r.get("date") or None,
                    _names(r.get("place", "")), _int(r.get("ordinal")))
        meetings[key] = m
        doc(r["file"]).meetings.append(m)
    for r in rows.get("participants", []):
        m = meetings.get((r["file"], r["meeting"]))
        if m is None:  # a meeting the meetings query did not list: keep its participants anyway
            m = meetings[(r["file"], r["meeting"])] = Meeting([])
            doc(r["file"]).meetings.append(m)
        # texts name a post with its body ("Head of UNRCCA"): the system's position and affiliation
        # together are an alias of its position
        position = _names(r.get("position", ""))
        if r.get("position") and r.get("affiliation"):
            position.append(f"{r['position']} of {r['affiliation']}")
        m.participants.append(Participant(_names(r.get("name", "")), position, _names(r.get("affiliation", ""))))
    for r in rows.get("initiatives", []):
        doc(r["file"]).initiatives.append(Initiative(_names(r.get("name", "")), _names(r.get("proposer", ""))))
    programmes: dict[tuple[str, str], Programme] = {}
    for r in rows.get("programme-priorities", []):
        key = (r["file"], r["programme"])
        p = programmes.get(key)
        if p is None:
            p = programmes[key] = Programme(_names(r.get("name", "")), _names(r.get("owner", "")),
                                            _int(r.get("start")), _int(r.get("end")))
            doc(r["file"]).programmes.append(p)
        rank = _int(r.get("rank"))
        if rank is not None and r.get("priority"):
            p.priorities.append((rank, [r["priority"]]))
    for p in programmes.values():
        p.priorities.sort(key=lambda x: x[0])
    return docs


# ----------------------------------------------------------------- scoring --


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: "Score") -> "Score":
        return Score(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        total = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / total if total else None

    def to_dict(self) -> dict:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn,
                "precision": _round(self.precision), "recall": _round(self.recall), "f1": _round(self.f1)}


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


@dataclass(frozen=True)
class Finding:
    family: str
    item: str


@dataclass
class DocumentEval:
    document: str
    language: str
    scores: dict[str, Score] = field(default_factory=lambda: {f: Score() for f in FAMILIES})
    misses: list[Finding] = field(default_factory=list)  # in gold, not found
    false_positives: list[Finding] = field(default_factory=list)  # found, not in gold
    error: str | None = None  # the document could not be built: everything is a miss

    def hit(self, family: str) -> None:
        self.scores[family].tp += 1

    def miss(self, family: str, item: str) -> None:
        self.scores[family].fn += 1
        self.misses.append(Finding(family, item))

    def false_positive(self, family: str, item: str) -> None:
        self.scores[family].fp += 1
        self.false_positives.append(Finding(family, item))

    def to_dict(self) -> dict:
        return {
            "document": self.document, "language": self.language, "error": self.error,
            "scores": {f: s.to_dict() for f, s in self.scores.items()},
            "misses": [{"family": x.family, "item": x.item} for x in self.misses],
            "false_positives": [{"family": x.family, "item": x.item} for x in self.false_positives],
        }


def _label(names: Sequence[str], limit: int = 70) -> str:
    text = names[0] if names else "?"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _compare(ev: DocumentEval, family: str, anchor: str, system, gold, same: Callable[[object, object], bool],
             show: Callable[[object], str] = str) -> None:
    """One attribute of an anchor (meeting, participant, ...), as a tuple (anchor, value): right when both
    sides have it and `same` says so; `system` or `gold` is None where that side has no value or no
    paired anchor (then nothing can be right)."""
    if system is not None and gold is not None and same(system, gold):
        ev.hit(family)
        return
    if system is not None:
        ev.false_positive(family, f"{anchor}: {show(system)}")
    if gold is not None:
        ev.miss(family, f"{anchor}: {show(gold)}")


def _never(_system, _gold) -> bool:
    return False


def _value(item, attribute: str):
    """An item's attribute, None for a missing item or an empty value (so that it is not compared)."""
    if item is None:
        return None
    value = getattr(item, attribute)
    return None if value in (None, [], ()) else value


def _paired(system: Sequence[T], gold: Sequence[U], score: Callable[[T, U], float]):
    """(system item or None, gold item or None) for every item: the pairs, then the leftovers of each side."""
    pairs = assign(system, gold, score)
    for i, j in pairs:
        yield system[i], gold[j]
    paired_system, paired_gold = {i for i, _ in pairs}, {j for _, j in pairs}
    for i, s in enumerate(system):
        if i not in paired_system:
            yield s, None
    for j, g in enumerate(gold):
        if j not in paired_gold:
            yield None, g


def _existence(ev: DocumentEval, family: str, s, g, label: str) -> None:
    if s is not None and g is not None:
        ev.hit(family)
    elif s is not None:
        ev.false_positive(family, label)
    else:
        ev.miss(family, label)


def _score_entities(ev: DocumentEval, etype: str, system: list[list[str]], gold: list[list[str]]) -> None:
    for s, g in _paired(system, gold, names_score):
        _existence(ev, etype, s, g, _label(g if g is not None else s))


def _person_score(s: Participant, g: Participant) -> float:
    return names_score(s.person, g.person)


def meeting_score(s: Meeting, g: Meeting) -> float:
    """Evidence that a system meeting is a gold one: ordinal (with a matching name), date or name, then
    place and shared participants to tell apart the meetings of one document."""
    if s.ordinal is not None and g.ordinal is not None and s.ordinal != g.ordinal:
        return 0.0  # numbered differently: two meetings of a series
    name = names_score(s.names, g.names, overlap=True)
    same_date = s.date is not None and s.date == g.date
    if not (name or same_date):
        return 0.0
    score = name + 2.0 * same_date
    if s.ordinal is not None and s.ordinal == g.ordinal:
        score += 2.0
    if s.date and g.date and s.date != g.date:
        score -= 1.0
    if s.place and g.place and names_match(s.place, g.place):
        score += 1.0
    score += 0.5 * len(assign(s.participants, g.participants, _person_score))
    return max(score, 0.01)


def _score_participants(ev: DocumentEval, meeting: str, system: list[Participant], gold: list[Participant]) -> None:
    for s, g in _paired(system, gold, _person_score):
        anchor = f"{meeting} / {_label((s or g).person, 40)}"
        _existence(ev, "participant", s, g, f"{meeting}: {_label((g or s).person)}")
        _compare(ev, "position", anchor, _value(s, "position"), _value(g, "position"), phrases_match, _label)
        _compare(ev, "affiliation", anchor, _value(s, "affiliation"), _value(g, "affiliation"), names_match, _label)


def _score_meetings(ev: DocumentEval, system: list[Meeting], gold: list[Meeting]) -> None:
    for s, g in _paired(system, gold, meeting_score):
        label = _label((g or s).names or ["meeting"], 60)
        _existence(ev, "meeting", s, g, label)
        # the facts of an unpaired meeting are all false positives (or all misses)
        paired = s is not None and g is not None
        _compare(ev, "meeting date", label, _value(s, "date"), _value(g, "date"), operator.eq if paired else _never)
        _compare(ev, "meeting place", label, _value(s, "place"), _value(g, "place"),
                 names_match if paired else _never, _label)
        _compare(ev, "meeting ordinal", label, _value(s, "ordinal"), _value(g, "ordinal"),
                 operator.eq if paired else _never)
        _score_participants(ev, label, s.participants if s else [], g.participants if g else [])


def _score_initiatives(ev: DocumentEval, system: list[Initiative], gold: list[Initiative]) -> None:
    for s, g in _paired(system, gold, lambda a, b: names_score(a.names, b.names, overlap=True)):
        label = _label((g or s).names, 60)
        _existence(ev, "initiative", s, g, label)
        _compare(ev, "proposer", label, _value(s, "proposer"), _value(g, "proposer"),
                 names_match if s is not None and g is not None else _never, _label)


def programme_score(s: Programme, g: Programme) -> float:
    name = names_score(s.names, g.names, overlap=True)
    same_period = s.period is not None and s.period == g.period
    return name + 1.0 * same_period if name or same_period else 0.0


def _score_programmes(ev: DocumentEval, system: list[Programme], gold: list[Programme]) -> None:
    for s, g in _paired(system, gold, programme_score):
        label = _label((g or s).names, 60)
        _existence(ev, "programme", s, g, label)
        paired = s is not None and g is not None
        _compare(ev, "programme owner", label, _value(s, "owner"), _value(g, "owner"),
                 names_match if paired else _never, _label)
        _compare(ev, "programme period", label, _value(s, "period"), _value(g, "period"),
                 operator.eq if paired else _never, lambda p: f"{p[0]}-{p[1]}")
        # a priority is right at its rank only: the order is part of what the text says
        system_ranks = dict(s.priorities) if s else {}
        gold_ranks = dict(g.priorities) if g else {}
        for rank in sorted(set(system_ranks) | set(gold_ranks)):
            _compare(ev, "priority", f"{label} #{rank}", system_ranks.get(rank), gold_ranks.get(rank),
                     phrases_match if paired else _never, _label)


def score_document(gold: Facts, system: Facts | None = None) -> DocumentEval:
    """Compare one document's system facts with its gold facts."""
    system = system or Facts(gold.document)
    ev = DocumentEval(gold.document, gold.language)
    for etype in ENTITY_TYPES:
        _score_entities(ev, etype, system.entities.get(etype, []), gold.entities.get(etype, []))
    _score_meetings(ev, system.meetings, gold.meetings)
    _score_initiatives(ev, system.initiatives, gold.initiatives)
    _score_programmes(ev, system.programmes, gold.programmes)
    return ev


# -------------------------------------------------------------- front door --


@dataclass
class Evaluation:
    documents: list[DocumentEval] = field(default_factory=list)
    unlocated: list[str] = field(default_factory=list)  # gold files whose document is in no DOCS folder

    def score(self, row: str, language: str = "all") -> Score:
        """The micro-averaged score of a family (or group: entities, relations) in a language (or all)."""
        families = GROUPS.get(row, (row,))
        total = Score()
        for d in self.documents:
            if language in ("all", d.language):
                for f in families:
                    total = total + d.scores[f]
        return total

    def table(self) -> dict[str, dict[str, Score]]:
        return {row: {lang: self.score(row, lang) for lang in (*LANGUAGES, "all")} for row in ROWS}

    def document_counts(self) -> dict[str, int]:
        counts = {lang: sum(d.language == lang for d in self.documents) for lang in LANGUAGES}
        counts["all"] = len(self.documents)
        return counts

    def to_dict(self) -> dict:
        return {
            "documents": self.document_counts(),
            "scores": {row: {lang: s.to_dict() for lang, s in by_lang.items()}
                       for row, by_lang in self.table().items()},
            "per_document": [d.to_dict() for d in self.documents],
            "unlocated_gold": self.unlocated,
        }


def locate(document: str, docs: Sequence[Path | str]) -> Path | None:
    """The document's file in the first of the DOCS folders (or files) that has it."""
    for d in docs:
        p = Path(d)
        if p.is_dir() and (p / document).is_file():
            return p / document
        if p.is_file() and p.name == document:
            return p
    return None


def query_system(trig: str, files: Iterable[str] | None = None) -> dict[str, Facts]:
    """Run the contract queries on a build's graphs (graph.trig's text, loaded in memory) and read their
    rows."""
    import pyoxigraph as ox

    from .queries import get_query, run_local

    store = ox.Store()
    store.bulk_load(input=trig, format=ox.RdfFormat.TRIG)
    wanted = set(files) if files is not None else None
    rows = {}
    for name in CONTRACT_QUERIES:
        rows[name] = [r for r in run_local(store, get_query(name)) if wanted is None or r.get("file") in wanted]
    return system_facts(rows)


def evaluate(gold_dir: Path | str, docs: Sequence[Path | str], workers: int = 1) -> Evaluation:
    """Build the documents that have a gold file, run the contract queries, and score them."""
    from .pipeline import build_documents

    golds = load_gold(gold_dir)
    located = {g.document: locate(g.document, docs) for g in golds}
    result = build_documents([p for p in located.values() if p is not None], workers=workers)
    errors = {d.name: d.error for d in result.rejected}
    system = query_system(result.trig(), {d.name for d in result.built})
    evaluation = Evaluation(unlocated=[g.document for g in golds if located[g.document] is None])
    for g in golds:
        if located[g.document] is None:
            continue
        ev = score_document(g, system.get(g.document))
        ev.error = errors.get(g.document)
        evaluation.documents.append(ev)
    return evaluation
