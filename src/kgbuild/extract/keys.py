"""Document-local keys: the name a fact gets in its document's IRIs when nothing names it across documents
(a meeting with no series number or date, a group with no owner). Made of what the text says of the fact, hashed short, never of
where the text says it: an edit elsewhere in the document (a sentence added before it) leaves it as it was.
Two facts the words do not tell apart are numbered in their order in the text, the first without a number."""
from __future__ import annotations

import hashlib
from collections import Counter

from ..document import Document
from ..facts import Evidence, Group, MeetingFact
from ..language import normalize_phrase


def short_hash(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:12]


def numbered(keys: list[str]) -> list[str]:
    """The keys, each repeat numbered from its second occurrence on ("k", "k-2", "k-3"), in the order given."""
    seen: Counter[str] = Counter()
    out = []
    for k in keys:
        seen[k] += 1
        out.append(k if seen[k] == 1 else f"{k}-{seen[k]}")
    return out


def meeting_keys(doc: Document, meetings: list[MeetingFact]) -> None:
    """Rename the meetings the extractor keyed by where they are named (`doc_id/<character offset>`, its key
    while it reads the document) to `doc_id/<kind>-<hash>`: the hash of the kind, the words of the cue that
    first names the meeting and the persons taking part who are named in that cue's sentence. Meetings that
    shared a key share the new one; a meeting of a series keeps its key (`series/ordinal`, `series/date`)."""
    prefix = f"{doc.doc_id}/"
    named: dict[str, MeetingFact] = {}
    for m in meetings:
        if m.local.startswith(prefix) and m.local[len(prefix):].isdigit():
            named.setdefault(m.local, m)
    ordered = sorted(named.values(), key=lambda m: _where(m))
    keys = numbered([f"{prefix}{m.kind}-{short_hash(m.kind, *_cue_words(doc, m), '', *_persons(m))}" for m in ordered])
    renamed = {m.local: key for m, key in zip(ordered, keys)}
    for m in meetings:
        m.local = renamed.get(m.local, m.local)


def group_keys(doc: Document, groups: list[Group]) -> list[Group]:
    """The document's groups, those with no owner (`<kind>-<doc_id>`: "representatives", "the delegations")
    keyed `<kind>-<doc_id>-<hash of the kind and the words of its label>`, numbered in text order where two
    have the same words; a group with an owner keeps `<kind>-<owner>`."""
    own = sorted((g for g in groups if g.of is None), key=lambda g: (g.evidence.sentence, g.evidence.start))
    keys = numbered([f"{g.key}-{short_hash(g.kind, *normalize_phrase(g.label, doc.language))}" for g in own])
    for g, key in zip(own, keys):
        g.key = key
    return groups


def _cue(m: MeetingFact) -> Evidence | None:
    """The shorter of the first evidence and the first name: the head noun ("talks"), the reception verb
    ("received"), the cue of a list of counterparts ("held meetings with"), a ceremony's credentials cue."""
    spans = m.evidence[:1] + [ev for _, ev in m.names[:1]]
    return min(spans, key=lambda e: e.end - e.start) if spans else None


def _where(m: MeetingFact) -> tuple[int, int]:
    cue = _cue(m)
    return (cue.sentence, cue.start) if cue is not None else (-1, -1)


def _cue_words(doc: Document, m: MeetingFact) -> tuple[str, ...]:
    cue = _cue(m)
    return normalize_phrase(doc.text[cue.start : cue.end], doc.language) if cue is not None else ()


def _persons(m: MeetingFact) -> list[str]:
    cue = _cue(m)
    return sorted({p.agent for p in m.participations if not p.is_group and cue is not None
                   and p.evidence.sentence == cue.sentence})
