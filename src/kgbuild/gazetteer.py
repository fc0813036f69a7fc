"""Gazetteers as data rows (data/gazetteer/*.jsonl), matched with one phrase matcher per language.

Each row has an id, a type, labels and aliases in kk/ru/en (and a Wikidata QID only where certain).
Its surface forms are matched by their normalised words (matcher.py).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from .datafiles import gazetteer_dir, read_rows
from .lang import LANGUAGES
from .language import Token
from .matcher import Match, PhraseMatcher
from .translit import name_key

NAME_TYPES = {"Country", "City", "Region", "Organization", "Person", "Format"}


@dataclass(frozen=True)
class Entity:
    id: str
    type: str
    labels: dict[str, str]
    aliases: dict[str, tuple[str, ...]]
    wikidata: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    def label(self, lang: str = "en") -> str:
        return self.labels.get(lang) or self.labels.get("en") or next(iter(self.labels.values()))

    def surface_forms(self) -> Iterable[str]:
        yield from self.labels.values()
        for forms in self.aliases.values():
            yield from forms


class Gazetteer:
    def __init__(self, entities: Iterable[Entity]):
        self.entities: dict[str, Entity] = {}
        for e in entities:
            if e.id in self.entities:
                raise ValueError(f"gazetteer id {e.id} defined twice")
            self.entities[e.id] = e
        self._matchers: dict[str, PhraseMatcher] = {}

    def __getitem__(self, entity_id: str) -> Entity:
        return self.entities[entity_id]

    def get(self, entity_id: str | None) -> Entity | None:
        return self.entities.get(entity_id) if entity_id else None

    def person_by_key(self, name: str) -> str | None:
        """The gazetteer person whose full name has this transliteration key (any script, any spelling)."""
        if not hasattr(self, "_person_keys"):
            keys: dict[str, set[str]] = {}
            for e in self.entities.values():
                if e.type == "Person":
                    for form in e.surface_forms():
                        if len(form.split()) >= 2:
                            keys.setdefault(name_key(form), set()).add(e.id)
            self._person_keys = {k: next(iter(v)) for k, v in keys.items() if len(v) == 1}
        return self._person_keys.get(name_key(name))

    def matcher(self, lang: str) -> PhraseMatcher:
        if lang not in self._matchers:
            phrases = []
            for e in self.entities.values():
                for form in sorted(set(e.surface_forms())):
                    phrases.append((form, e.id, e.type in NAME_TYPES))
            self._matchers[lang] = PhraseMatcher(phrases, lang, capitalised=True)
        return self._matchers[lang]

    def match(self, tokens: list[Token], lang: str, max_tokens: int | None = None, skip: str | None = None) -> list[Match]:
        """Mentions of gazetteer entities; the payload of each match is an entity id."""
        return self.matcher(lang).find(tokens, max_tokens, skip)


@lru_cache(maxsize=1)
def load_gazetteer(directory: str | None = None) -> Gazetteer:
    base = Path(directory) if directory else gazetteer_dir()
    entities = []
    for path in sorted(base.glob("*.jsonl")):
        for row in read_rows(path):
            labels = row.get("labels") or {}
            missing = [lang for lang in LANGUAGES if not labels.get(lang)]
            if missing:
                raise ValueError(f"{path}: {row.get('id')} has no label in {', '.join(missing)}")
            extra = {k: v for k, v in row.items() if k not in {"id", "type", "labels", "aliases", "wikidata"}}
            entities.append(
                Entity(
                    id=row["id"],
                    type=row["type"],
                    labels=labels,
                    aliases={k: tuple(v) for k, v in (row.get("aliases") or {}).items()},
                    wikidata=row.get("wikidata"),
                    extra=extra,
                )
            )
    return Gazetteer(entities)
