"""The consolidated layer: one node per real thing over every document's summary, as triples.

For each canonical node (nodes.Canon): its types; every multi-valued fact the documents give, merged;
each single-valued fact's preferred value (cascade.choose) as a direct triple, and for meetings,
initiatives and programmes (for other nodes, where documents disagree) a kg:Claim per value with its
support, its source documents, its status and the cascade step that decided; how many documents report
the node and when first and last; a short display name per language, and the name to show in each
language, in its script (kg:displayName); and a kg:consolidatedAs link from each per-document IRI. The
documents' graphs are never rewritten. The result depends only on the summaries, so a rebuild from
cached summaries gives the same bytes as a full one.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Iterable, Iterator, NamedTuple

import pyoxigraph as ox

from ..gazetteer import load_gazetteer
from ..translit import LANGS, in_script_of, name_languages
from .cascade import TIE, Choice, Source, choose
from .nodes import (CONSOLIDATED_NS, INITIATIVE, KG, MEETING, PARTICIPATION, PROGRAMME, RDFS_LABEL, SDO,
                    VOCABULARY_CLASSES, Canon, Facts, local, short_hash)
from .summary import RDF_TYPE, TRUE, XSD, Fact, Summary, Term
from .turtle import Grouped, Terms, count, grouped, nt_term, subject_blocks, terms_of

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
ORG = "http://www.w3.org/ns/org#"
SKOS_PREF = "http://www.w3.org/2004/02/skos/core#prefLabel"
ORG_HOLDS = ORG + "holds"
SKOS_HIDDEN = "http://www.w3.org/2004/02/skos/core#hiddenLabel"
ORGANISATIONS = frozenset({SDO + "Organization", ORG + "Organization"})

# facts with one true value (per language for names): the cascade picks it
SINGLE_VALUED = frozenset({
    SDO + "startDate", SDO + "location", KG + "ordinal", KG + "meetingKind", KG + "series", KG + "hostCountry",
    KG + "period", KG + "owner", KG + "programmeKind", KG + "initiativeKind", KG + "proposedBy", KG + "isDraft",
    KG + "rank", ORG + "role", ORG + "postIn", SDO + "containedInPlace", ORG + "subOrganizationOf",
    ORG + "unitOf", KG + "participant"})
PER_LANGUAGE = frozenset({SDO + "name", RDFS_LABEL, SKOS_PREF, KG + "purpose"})
CLAIMED = frozenset({MEETING, INITIATIVE, PROGRAMME})  # reported things: a claim for every value
SOURCED = CLAIMED | {PARTICIPATION}  # nodes that list their documents
DISPLAY_FROM = (SDO + "name", RDFS_LABEL, SKOS_PREF)
# where kg:displayName comes from, in order: a reported thing's name, anything else's label
SHOWN_REPORTED, SHOWN = (SDO + "name",), (RDFS_LABEL, SKOS_PREF, SDO + "name")
START_DATE = SDO + "startDate"


def integer(n: int) -> Term:
    return (str(n), XSD + "integer", "")


def string(text: str) -> Term:
    return (text, XSD + "string", "")


def _nt(value: Term) -> str:
    return f"<{value}>" if isinstance(value, str) else f'"{value[0]}"^^<{value[1]}>@{value[2]}'


def consolidate(summaries: Iterable[Summary]) -> list[Fact]:
    """The consolidated layer's triples (plain values, unsorted) from the documents' summaries in graph
    order (read once, one at a time)."""
    facts = Facts.of(summaries)
    canon = Canon(facts)
    sources = _sources(facts)
    out: list[Fact] = []
    for canonical in sorted(canon.members):
        out.extend(_node(canonical, canon.members[canonical], facts, canon, sources))
    return out


class NodeOutput(NamedTuple):
    """What one canonical node contributes to the layer: its triples' Turtle blocks (one per subject: the
    node, its claims, its members' kg:consolidatedAs links) and its counts (a tuple: a build's state holds
    tens of thousands, pickled and read back)."""

    blocks: list[tuple[str, str]]  # (subject IRI, Turtle block): turtle.subject_blocks
    triples: int
    nodes: int  # 1 for a node with a kg:firstReported (a reported thing, not vocabulary)
    claims: int
    ties: int


CLAIM, FIRST_REPORTED, STATUS = KG + "Claim", KG + "firstReported", KG + "status"


def _sources(facts: Facts) -> list[Source | None]:
    return [Source(s.issued, s.official, s.file) if s is not None else None for s in facts.docs]


def node_outputs(facts: Facts, canon: Canon, only: Iterable[str] | None = None,
                 batch: int = 2000) -> Iterator[tuple[str, NodeOutput]]:
    """(canonical IRI, NodeOutput) for every canonical node (or those of `only`), in IRI order. The nodes'
    triples are made (_node) and rendered `batch` nodes at a time, so the layer's triples never exist all
    at once."""
    sources = _sources(facts)
    terms = Terms()
    pending: list[tuple[str, Grouped]] = []

    def flush() -> Iterator[tuple[str, NodeOutput]]:
        new: set[Term] = set()
        for _c, by_subject in pending:
            new |= terms_of(by_subject)
        terms.add(new)
        for canonical, by_subject in pending:
            reported = claims = ties = 0
            for predicates in by_subject.values():
                claims += CLAIM in predicates.get(RDF_TYPE, ())
                reported += len(predicates.get(FIRST_REPORTED, ()))
                ties += sum(1 for o in predicates.get(STATUS, ()) if o[0] == "tied")
            yield canonical, NodeOutput(subject_blocks(by_subject, terms), count(by_subject), reported, claims, ties)
        pending.clear()

    for canonical in sorted(canon.members if only is None else only):
        pending.append((canonical, grouped(_node(canonical, canon.members[canonical], facts, canon, sources))))
        if len(pending) >= batch:
            yield from flush()
    yield from flush()


def _node(canonical: str, members: list[str], facts: Facts, canon: Canon, sources: list[Source]) -> Iterator[Fact]:
    types: set[str] = set()
    values: dict[str, dict[Term, set[int]]] = defaultdict(lambda: defaultdict(set))
    inferred: dict[str, dict[Term, set[int]]] = defaultdict(lambda: defaultdict(set))  # the documents inferring each
    docs: set[int] = set()
    for m in members:
        docs |= facts.node_docs[m]
        types |= facts.types.get(m, set())
        for p, vals in facts.by_node[m].items():
            if p == RDF_TYPE:
                continue
            target = values[p]
            for o, ds in vals.items():
                target[canon(o)] |= ds
        for p, vals in facts.inferred.get(m, {}).items():
            for o, ds in vals.items():
                inferred[p][canon(o)] |= ds
    for t in sorted(types):
        yield canonical, RDF_TYPE, t
    vocabulary = bool(types & VOCABULARY_CLASSES) or canonical in members
    claimed = bool(types & CLAIMED)
    preferred_names: dict[str, dict[str, str]] = defaultdict(dict)  # language -> predicate -> text
    for p in sorted(values):
        vals = values[p]
        if p not in SINGLE_VALUED and p not in PER_LANGUAGE:
            for o in vals:
                yield canonical, p, o
            if p == ORG_HOLDS:
                yield from _holdings(canonical, vals, facts.docs)
            continue
        for group in _by_language(p, vals):
            choice = choose(group, sources, inferred.get(p))
            if choice.value is not None:
                yield canonical, p, choice.value
                if p in DISPLAY_FROM:
                    preferred_names[choice.value[2]][p] = choice.value[0]
                elif p == START_DATE:
                    yield from _date_facts(canonical, choice.value, group, inferred.get(p, {}))
            if claimed or len(group) > 1:
                yield from _claims(canonical, p, group, choice, facts.docs, inferred.get(p, {}))
    display = list(_display_names(canonical, members, preferred_names))
    display += _names_to_show(canonical, preferred_names, claimed)
    yield from display
    if types & ORGANISATIONS:
        yield from _search_keys(canonical, [o for p in DISPLAY_FROM for o in values.get(p, ())] + [f[2] for f in display])
    if vocabulary:
        return
    for m in members:
        yield m, KG + "consolidatedAs", canonical
    issued = sorted(facts.docs[i].issued for i in docs)
    yield canonical, KG + "support", integer(len(docs))
    yield canonical, KG + "firstReported", (issued[0], XSD + "date", "")
    yield canonical, KG + "lastReported", (issued[-1], XSD + "date", "")
    if types & SOURCED:
        for i in docs:
            yield canonical, KG + "source", facts.docs[i].doc


def _date_facts(subject: str, date: Term, group: dict[Term, set[int]], inferred: dict[Term, set[int]]) -> Iterator[Fact]:
    """Read off the preferred date, for questions that select or show them without reading claims: its
    year (kg:year, an xsd:integer, as a query's year parameter is bound), and kg:dateInferred true when no
    document states it (every document giving it dated the thing by its own date, as its claim says)."""
    yield subject, KG + "year", integer(int(date[0][:4]))
    if group[date] <= inferred.get(date, set()):
        yield subject, KG + "dateInferred", TRUE


def _search_keys(node: str, names: list[Term]) -> Iterator[Fact]:
    """skos:hiddenLabel: every name any document gives an organisation, and its short and display names, in
    lower case (as the documents' persons have theirs, mappers/search.py): a stored query finds the
    organisation from a name in any case, or by the name a question showed, by one look-up, without reading
    every claim."""
    for key in sorted({name[0].lower() for name in names if not isinstance(name, str)}):
        yield node, SKOS_HIDDEN, string(key)


def _holdings(person: str, posts: dict[Term, set[int]], docs: list[Summary]) -> Iterator[Fact]:
    """A kg:PostHolding per post the person holds: which documents report the person holding it, how many,
    and when first and last (org:holds, merged on the person, does not say)."""
    for post, ds in posts.items():
        holding = f"{CONSOLIDATED_NS}holding/{short_hash(person, post)}"
        issued = sorted(docs[i].issued for i in ds)
        yield holding, RDF_TYPE, KG + "PostHolding"
        yield holding, KG + "holder", person
        yield holding, KG + "post", post
        yield holding, KG + "support", integer(len(ds))
        yield holding, KG + "firstReported", (issued[0], XSD + "date", "")
        yield holding, KG + "lastReported", (issued[-1], XSD + "date", "")
        for i in ds:
            yield holding, KG + "source", docs[i].doc


def _by_language(p: str, vals: dict[Term, set[int]]) -> list[dict[Term, set[int]]]:
    if p not in PER_LANGUAGE:
        return [vals]
    groups: dict[str, dict[Term, set[int]]] = defaultdict(dict)
    for o, ds in vals.items():
        groups[o[2] if not isinstance(o, str) else ""][o] = ds
    return [groups[k] for k in sorted(groups)]


def _claims(subject: str, p: str, group: dict[Term, set[int]], choice: Choice, docs: list[Summary],
            inferred: dict[Term, set[int]]) -> Iterator[Fact]:
    """A kg:Claim per value; kg:inferred true on one that no document states (each inferred it)."""
    for value, ds in group.items():
        claim = f"{CONSOLIDATED_NS}claim/{short_hash(subject, p, _nt(value))}"
        status = "tied" if choice.resolution == TIE else "preferred" if value == choice.value else "alternative"
        yield claim, RDF_TYPE, KG + "Claim"
        yield claim, RDF + "subject", subject
        yield claim, RDF + "predicate", p
        yield claim, RDF + "object", value
        yield claim, KG + "support", integer(len(ds))
        yield claim, KG + "status", string(status)
        yield claim, KG + "resolution", string(choice.resolution)
        if ds <= inferred.get(value, set()):
            yield claim, KG + "inferred", TRUE
        for i in ds:
            yield claim, KG + "source", docs[i].doc


def _display_names(canonical: str, members: list[str], preferred: dict[str, dict[str, str]]) -> Iterator[Fact]:
    """kg:shortName per language: the gazetteer's acronym or short form where it has one, else the label
    the gazetteer gives, else the preferred name (schema:name, then rdfs:label, then skos:prefLabel)."""
    gaz = load_gazetteer()
    names: dict[str, str] = {}
    for m in sorted(members):
        entity = gaz.get(local(m)) if m.startswith("https://w3id.org/kgbuild/id/") else None
        if entity is not None:
            for lang, label in entity.labels.items():
                short = sorted((a for a in entity.aliases.get(lang, ()) if _is_short_form(a)), key=lambda a: (len(a), a))
                names.setdefault(lang, short[0] if short else label)
            break
    for lang in sorted(preferred):
        if lang not in names and lang:
            for p in DISPLAY_FROM:
                if p in preferred[lang]:
                    names[lang] = preferred[lang][p]
                    break
    for lang, text in sorted(names.items()):
        yield canonical, KG + "shortName", (text, RDF + "langString", lang)


def _names_to_show(canonical: str, preferred: dict[str, dict[str, str]], reported: bool) -> Iterator[Fact]:
    """kg:displayName in every language a name is wanted in (translit.LANGS), for a node with a name: its
    preferred name in that language, else in the first of the others that has one
    (translit.name_languages), written in the language's script (translit.in_script_of). The name of a
    reported thing (a meeting, an initiative, a programme) is its schema:name (its rdfs:label holds the
    words a document referred to it by: "the talks held today"); of anything else its rdfs:label, else its
    skos:prefLabel, else its schema:name (a priority's). A question, or a SPARQL client of the published
    graph, names the node in one language by one look-up, never in a mix of scripts."""
    for p in SHOWN_REPORTED if reported else SHOWN:
        texts = {lang: by_p[p] for lang, by_p in preferred.items() if lang in LANGS and p in by_p}
        if texts:
            break
    else:
        return
    for lang in LANGS:
        source = next(other for other in name_languages(lang) if other in texts)
        yield canonical, KG + "displayName", (in_script_of(texts[source], lang), RDF + "langString", lang)


def _is_short_form(alias: str) -> bool:
    """An acronym: one word in capitals (UNRCCA, РЦПДЦА, UN80)."""
    return 2 <= len(alias) <= 12 and " " not in alias and alias.isupper()


def layer_ntriples(facts: Iterable[Fact]) -> tuple[str, int]:
    """The layer's distinct facts as N-Triples text in a fixed order (subject; rdf:type first, then
    predicates; objects), and how many: much faster than making and sorting each term in Python, and
    Oxigraph can stream it into its serialiser without a Python object per triple."""
    rows = sorted((s, p != RDF_TYPE, p, nt_term(o)) for s, p, o in (facts if isinstance(facts, set) else set(facts)))
    return "".join(f"<{s}> <{p}> {o} .\n" for s, _t, p, o in rows), len(rows)


def layer_triples(facts: list[Fact]) -> list[ox.Triple]:
    """The layer's facts as pyoxigraph triples, in layer_ntriples' order."""
    return list(ox.parse(layer_ntriples(facts)[0], format=ox.RdfFormat.N_TRIPLES))

