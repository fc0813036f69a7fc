"""Measure the graph against gold annotations: precision, recall and F1 per language and per family.

Gold files (tests/gold/*.yaml, see GUIDELINES.md of the corpus) say what a careful reader finds in one
document; the system's side is what the contract's stored queries return for that document. Both become
`Facts`, and `score_document` compares them:

- names match across scripts and inflections (`name_score`): a system name against ANY gold alias,
  after one normaliser on both sides and per-token transliteration keys with a common-prefix rule;
- items are paired one-to-one per document by the largest total score (`assign`), so nothing counts
  twice; meetings pair on ordinal, date and name, then place and shared participants (`meeting_score`);
  a date the system gives as a month (YYYY-MM) is the gold's first day of it, the gold's way to write
  a month (`same_date`);
- a relation is a tuple (anchor, value): it is correct only when its anchor (meeting, participant,
  initiative, programme) was paired and the value matches.

`evaluate` is the front door (build, query, score); it returns data and prints nothing. names.py matches
names, gold.py reads gold files, system.py the query rows, score.py compares them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from .facts import GROUPS, LANGUAGES, ROWS
from .gold import load_gold
from .score import DocumentEval, Score, score_document
from .system import query_system


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




def evaluate(gold_dir: Path | str, docs: Sequence[Path | str], workers: int = 1) -> Evaluation:
    """Build the documents that have a gold file, run the contract queries, and score them."""
    from ..pipeline import build_documents

    golds = load_gold(gold_dir)
    located = {g.document: locate(g.document, docs) for g in golds}
    result = build_documents([p for p in located.values() if p is not None], workers=workers, consolidate=False)
    errors = {d.name: d.error for d in result.rejected}
    system = query_system(result.trig, {d.name for d in result.built})
    evaluation = Evaluation(unlocated=[g.document for g in golds if located[g.document] is None])
    for g in golds:
        if located[g.document] is None:
            continue
        ev = score_document(g, system.get(g.document))
        ev.error = errors.get(g.document)
        evaluation.documents.append(ev)
    return evaluation
