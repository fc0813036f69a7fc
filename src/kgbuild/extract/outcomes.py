"""Outcome documents: the words that tell an adopted or signed document from a mention of one
(data/patterns/<lang>.yaml, `outcome_documents`), lists of documents one per line after a colon, and
proposals named by their object ("X proposed a series of actions", "по инициативе X")."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..datafiles import patterns
from ..document import Document
from ..facts import Evidence, InitiativeFact
from ..language import normaliser, tokenize
from ..matcher import Match, PhraseMatchers
from .common import SentenceView
from .lexicon import Lexicon

# a list item: a paragraph opening with a dash or a bullet ("— о ...;", "• ...", "– Protocol on ...;")
ITEM = re.compile(r"^\s*(?:[—–\-•·*▪●]|\d{1,2}[.)])\s*")
ITEM_END = ";.,:"
OUTCOME_LISTS = ("anaphora", "reached", "adoption_cues", "proposer_preps", "title_cues", "aim_participles",
                 "proposal_verbs", "object_stops", "list_nouns", "founding_verbs", "not_documents", "decision_verbs",
                 "priority_fields")
# kinds that name a document only when the text adopts, signs or lists it ("the Protocol was signed"):
# alone they are everyday words ("a TV programme", "state protocol")
WEAK_KINDS = frozenset({"protocol", "programme", "plan", "statement"})


@dataclass(frozen=True)
class OutcomeWords:
    """One language's outcome-document words: cue matchers and closed word lists."""

    cues: PhraseMatchers
    name_prepositions: frozenset[str]
    non_modifiers: frozenset[str]
    kind_labels: dict[str, str]
    year_period: re.Pattern | None

    def find(self, tokens) -> dict[str, list[Match]]:
        return self.cues.find_each(tokens)


@lru_cache(maxsize=None)
def outcome_words(lang: str) -> OutcomeWords:
    data = patterns(lang).get("outcome_documents") or {}
    norm = normaliser(lang)
    cues = PhraseMatchers({name: [(p, name) for p in data.get(name) or []] for name in OUTCOME_LISTS}, lang)
    labels = {k: v["labels"][lang] for k, v in patterns("kinds")["initiative"].items()}
    return OutcomeWords(cues, frozenset(norm(w) for w in data.get("name_prepositions") or []),
                        frozenset(norm(w) for w in data.get("non_modifiers") or []), labels,
                        re.compile(data["year_period"]) if data.get("year_period") else None)


def covers(matches: list[Match], t: int) -> bool:
    return any(m.start <= t < m.end for m in matches)


def is_item(doc: Document, v: SentenceView) -> bool:
    """The sentence opens a paragraph that is a list item."""
    line_start = doc.text.rfind("\n", 0, v.sentence.start) + 1
    return doc.text[line_start : v.sentence.start].strip() == "" and ITEM.match(v.sentence.text) is not None


def _lead(doc: Document, views: list[SentenceView], index: int) -> SentenceView | None:
    """The sentence that announces a list: the last sentence before its items, ending with a colon."""
    j = index - 1
    while j >= 0 and is_item(doc, views[j]):
        j -= 1
    if j < 0 or not views[j].sentence.text.rstrip().endswith(":"):
        return None
    return views[j]


def document_lists(doc: Document, views: list[SentenceView], lex: Lexicon) -> list[InitiativeFact]:
    """"25 documents were signed, including: – Protocol on ...; – Cooperation Agreement on ...": each item
    naming a document (by its own kind word, or by the kind the line before the colon announces:
    "межправсоглашения: — о воздушном сообщении;") is one initiative named by the whole item."""
    out = []
    words = outcome_words(doc.language)
    for idx, v in enumerate(views):
        if v.sentence.kind != "body" or not is_item(doc, v):
            continue
        lead = _lead(doc, views, idx)
        if lead is None:
            continue
        body = ITEM.sub("", v.sentence.text, count=1)
        start = v.sentence.start + len(v.sentence.text) - len(body)
        text = body.rstrip().rstrip(ITEM_END).rstrip()
        if not text or lex.period.search(text):
            continue  # an empty line, or a programme with its period: programmes name it
        first = [t for t, tok in enumerate(v.tokens) if tok.start >= start]
        if not first:
            continue
        kinds = lex.initiative_kinds.find(v.tokens[first[0]:])
        own = [k for k in kinds if (k.end == len(v.tokens) - first[0] if lex.head_final else k.start <= 2)]
        if own:
            kind, name = own[0].payload, text
        else:
            # announced in the plural: "межправсоглашения:", "the following agreements:"
            announced = [k for k in lex.initiative_kinds.find(lead.tokens) if k.payload != "initiative"
                         and (k.end == len(lead.tokens) or
                              lex.grammar.is_plural(lead.tokens[k.end - 1].text, lead.tokens[k.end - 1].key))]
            if not announced:
                continue
            kind = announced[-1].payload
            label = words.kind_labels[kind]
            name = f"{text} {label}" if lex.head_final else f"{label} {text}"
        out.append(InitiativeFact(name=name, kind=kind, draft=False,
                                  evidence=Evidence(v.sentence.index, start, start + len(text))))
    return out


def initiative_proposers(doc: Document, v: SentenceView, lex: Lexicon, facts: list[InitiativeFact]) -> list[InitiativeFact]:
    """"on Turkmenistan's initiative", "at the initiative of X", "по инициативе Кыргызстана": the phrase
    names who proposed the sentence's document, and is no initiative itself. Returns the facts left."""
    words = outcome_words(doc.language)
    preps = words.find(v.tokens)["proposer_preps"]
    kept, authors = [], []
    documents = [f for f in facts if f.evidence.sentence == v.sentence.index and f.kind != "initiative"]
    if v.sentence.kind == "title" and not documents:
        # a title "... declared at Kyrgyzstan's initiative" names who proposed the body's document on it
        documents = [f for f in facts if f.kind != "initiative" and _shares_words(doc, lex, v, f)]
    for f in facts:
        if f.kind == "initiative" and f.evidence.sentence == v.sentence.index and documents:
            head = next((t for t, tok in enumerate(v.tokens) if tok.start >= f.evidence.start), None)
            if head is not None and _after_proposer_prep(v, lex, preps, head):
                if f.proposer:
                    authors.append((f.proposer, f.proposer_evidence))
                continue
        kept.append(f)
    if authors:
        for f in documents:
            f.proposer, f.proposer_evidence = authors[0]
    return kept


def _shares_words(doc: Document, lex: Lexicon, v: SentenceView, f: InitiativeFact) -> bool:
    """A document named in the body shares a content word of at least two with the title."""
    keys = {t.key for t in v.tokens if len(t.text) > 3 and t.text.isalpha()}
    own = [t for t in tokenize(doc.text[f.evidence.start : f.evidence.end], doc.language)
           if len(t.text) > 3 and t.text.isalpha() and t.key in keys]
    return len({t.key for t in own}) >= 2


def _after_proposer_prep(v: SentenceView, lex: Lexicon, preps: list[Match], t: int) -> bool:
    """The initiative's name opens right after "on"/"at (the)"/"по", perhaps through a possessive
    name ("on Turkmenistan's initiative")."""
    while t > 0 and v.tokens[t - 1].key in lex.articles:
        t -= 1
    return t > 0 and covers(preps, t - 1)


def outcome_documents(doc: Document, views: list[SentenceView], lex: Lexicon,
                      initiatives: list[InitiativeFact]) -> list[InitiativeFact]:
    """The initiatives found sentence by sentence, with the documents listed one per line (each item's
    name replaces what was found inside it) and the proposers named by "on X's initiative"."""
    listed = document_lists(doc, views, lex)
    items = {i.evidence.sentence for i in listed}
    kept = [i for i in initiatives if i.evidence.sentence not in items]
    kept += [p for v in views for p in proposals(doc, v, lex, kept)]
    for v in views:
        kept = initiative_proposers(doc, v, lex, kept)
    return one_per_document(doc, lex, kept + listed)


def one_per_document(doc: Document, lex: Lexicon, facts: list[InitiativeFact]) -> list[InitiativeFact]:
    """A document re-mentioned is one initiative: "the Resolution" after the resolution named in full, the
    title's "treaty between three states" summing up the treaty the body names. A bare mention (the kind
    and at most one plain word) goes when a named one of its kind is there; a title's when the body names
    one of its kind. A proposer only the dropped mention had passes to the one kept."""
    def bare(f: InitiativeFact) -> bool:
        words = [w for w in re.findall(r"\w+", f.name)]
        kind_words = set(re.findall(r"\w+", words_kind(doc.language, f.kind).casefold()))
        rest = [w for w in words if w.casefold() not in kind_words and w.casefold() not in lex.articles]
        return len(rest) <= 1 and not any(w[:1].isupper() or w.isdigit() for w in rest)

    titles = {s.index for s in doc.sentences if s.kind == "title"}
    named = [f for f in facts if not bare(f)]
    kept = []
    for f in facts:
        same = [g for g in named if g is not f and g.kind == f.kind]
        body = [g for g in same if g.evidence.sentence not in titles]
        if (bare(f) and same) or (f.evidence.sentence in titles and body):
            heir = (body or same)[0]
            if heir.proposer is None and f.proposer is not None:
                heir.proposer, heir.proposer_evidence = f.proposer, f.proposer_evidence
            continue
        if bare(f) and any(g.kind == f.kind and bare(g) for g in kept):
            continue
        kept.append(f)
    return kept


def words_kind(lang: str, kind: str) -> str:
    """The kind's label in a language ("resolution", "совместное заявление")."""
    return outcome_words(lang).kind_labels.get(kind, kind)


def proposals(doc: Document, v: SentenceView, lex: Lexicon, facts: list[InitiativeFact]) -> list[InitiativeFact]:
    """"Meredov proposed a series of actions", "Токаев призвал запустить процесс создания Международного
    агентства ...": a proposal named by the object of a proposal verb, proposed by the person (else the
    state or body) that is the verb's subject. A document already found in the object takes the proposer
    instead. Kazakh puts the object before the verb; its proposals are read by their head nouns."""
    if lex.head_final or v.sentence.kind != "body":
        return []
    words = outcome_words(doc.language)
    found = words.find(v.tokens)
    out = []
    for verb in found["proposal_verbs"] + found["decision_verbs"]:
        agents = [m for m in v.mentions if m.t1 <= verb.start and m.type in ("Person", "Country", "Organization")]
        if not agents:
            continue
        people = [m for m in agents if m.type == "Person"]
        agent = people[0] if people else agents[-1]
        span = _object(doc, v, lex, found, verb.end)
        if span is None:
            continue
        lo, hi, founding = span
        if verb in found["decision_verbs"] and not founding:
            continue  # "decided to hold ...": only a decision to create something is a proposal
        start, end = v.tokens[lo].start, v.tokens[hi - 1].end
        inside = [f for f in facts if f.evidence.sentence == v.sentence.index and start <= f.evidence.start < end]
        if inside:
            for f in inside:
                if f.proposer is None:
                    f.proposer, f.proposer_evidence = agent.entity, Evidence(v.sentence.index, agent.start, agent.end)
            continue
        for a, b in _conjuncts(v, lex, lo, hi) if founding else [(lo, hi)]:
            start, end = v.tokens[a].start, v.tokens[b - 1].end
            out.append(InitiativeFact(name=doc.text[start:end], kind="initiative", draft=False,
                                      evidence=Evidence(v.sentence.index, start, end), proposer=agent.entity,
                                      proposer_evidence=Evidence(v.sentence.index, agent.start, agent.end)))
    return out


def _conjuncts(v: SentenceView, lex: Lexicon, lo: int, hi: int) -> list[tuple[int, int]]:
    """"to create three centres and a platform": each thing created is one proposal."""
    cuts = [t for t in range(lo + 1, hi - 1) if lex.coordination is not None and lex.coordination.fullmatch(v.tokens[t].key)]
    if len(cuts) != 1:
        return [(lo, hi)]
    second = cuts[0] + 1
    while second < hi - 1 and v.tokens[second].key in lex.articles:
        second += 1
    return [(lo, cuts[0]), (second, hi)]


def _object(doc: Document, v: SentenceView, lex: Lexicon, found: dict[str, list[Match]], t: int) -> tuple[int, int, bool] | None:
    """The noun phrase a proposal verb takes, as a token span: after an article ("a series of actions"),
    after a founding verb ("to establish a fund", "создать агентство"), or (Russian) after an infinitive
    when it names something ("запустить процесс создания Международного агентства"); to the clause's end."""
    n = len(v.tokens)
    lo, founding, article = t, False, False
    if lo < n and v.tokens[lo].key == "to":
        lo += 1
    if lo < n and covers(found["founding_verbs"], lo):
        founding = True
        lo = max(c.end for c in found["founding_verbs"] if c.start <= lo < c.end)
    elif lo < n and not lex.modifiers_agree and v.tokens[lo].key not in lex.articles:
        return None  # "proposed holding ...", "called for strengthening ties": no named object
    infinitive = False
    while lo < n and (v.tokens[lo].key in lex.articles or _caseless_word(lex, v.tokens[lo].text)):
        article |= v.tokens[lo].key in lex.articles
        infinitive |= not v.tokens[lo].key in lex.articles
        lo += 1
    stops = {s for c in found["object_stops"] for s in range(c.start, c.end)}
    hi = lo
    while hi < n and hi - lo < 14 and hi not in stops:
        if hi > lo and re.search(r"[,;:.!?()]", v.gap(doc.text, hi - 1, hi)):
            break
        hi += 1
    if hi - lo < 2:
        return None
    named = any(v.tokens[i].text[:1].isupper() for i in range(lo, hi)) or any(
        covers(found["founding_verbs"], i) for i in range(lo, hi))
    if lex.modifiers_agree and not (named or founding) or (infinitive and not named):
        return None  # "предложил обсудить вопросы": no named object
    return lo, hi, founding


def _caseless_word(lex: Lexicon, word: str) -> bool:
    """A Russian infinitive or other word with no case ("запустить")."""
    tags = getattr(lex.grammar, "case_tags", None)
    return tags is not None and word.isalpha() and word.islower() and not tags(word)
