"""The gold side: gold annotation files (tests/gold/*.yaml, GUIDELINES.md of the corpus) as Facts."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml

from .facts import (ENTITY_TYPES, LANGUAGES, EvalError, Facts, Initiative, Meeting, Participant, Programme,
                    int_or_none)
from .names import normalise


def _aliases(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v).strip() for v in value if v is not None and str(v).strip()]
    return [str(value).strip()] if str(value).strip() else []




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
            ordinal=int_or_none(m.get("ordinal")),
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
            start=int_or_none(p.get("start")),
            end=int_or_none(p.get("end")),
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
