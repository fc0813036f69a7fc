"""Persons named with a post: "<affiliation> <role> <name>", "Name, <role>"; the post's country or
organisation."""
from __future__ import annotations

import re

from ..document import Document
from ..facts import Evidence, Holding, Mention
from ..gazetteer import load_gazetteer
from ..lang import grammar
from .common import SentenceView
from .entities import (find_name_shapes, given_names_before_surnames, initialled_person, is_name_token, name_run,
                       pattern_person, plausible_name)
from .lexicon import Lexicon


_STATE_LEVELS = frozenset({"head-of-state", "head-of-government", "minister", "deputy-minister", "ambassador"})
_GAP_OK = re.compile(r"^[\s,.()\[\]«»\"“”–—-]*$")


def find_holdings(doc: Document, views: list[SentenceView], lex: Lexicon) -> list[Holding]:
    """Find "position + name" (and "Name, position") and add persons not in the gazetteer as mentions."""
    holdings: list[Holding] = []
    named = {m.entity for v in views for m in v.mentions + v.nested}
    unheld: list[tuple[SentenceView, Mention]] = []  # posts given without a name beside them
    for v in views:
        given_names_before_surnames(doc, v)
        roles = [m for m in v.mentions if m.type == "Role"]
        dependent = set()
        for a, b in zip(roles, roles[1:]):
            # "Special Representative of the UN Secretary-General": links and the body do not part them
            gap = [t for t in range(a.t1, b.t0) if not any(c.start <= t < c.end for c in v.cues["name_connectors"])
                   and v.tokens[t].key not in lex.body_links and not _is_body(v.mention_at(t))]
            coordinate = _coordinated(lex, doc.text[a.end : b.start], ",;")
            # "Премьер-Министрінің орынбасары": in Kazakh the first, in the genitive, names whose deputy the second is
            # ("Мемлекет басшысы Өзбекстан Президентімен": two posts, two persons)
            genitive = lex.grammar.has_case(v.tokens[a.t1 - 1].text, ("genitive",))
            if not gap and not coordinate and (genitive or not lex.head_final):
                # "советник президента", "Adviser to the President": the second names whose adviser;
                # "the president's adviser": the possessive names whose
                dependent.add(id(a) if lex.head_final or genitive else id(b))
        coordinate_with: dict[int, Mention] = {}
        for a, b in zip(roles, roles[1:]):
            if b.t0 - a.t1 <= 1 and _coordinated(lex, doc.text[a.end : b.start], ","):
                coordinate_with[id(a)], coordinate_with[id(b)] = b, a
        held: dict[int, Holding] = {}  # by the role mention that gives the post
        for role in roles:
            if id(role) in dependent:
                continue
            shared = _distributed(doc, v, role, lex)
            if shared:
                holdings.extend(Holding(p.entity, role.entity, doc.text[role.start : role.end], country,
                                        Evidence(v.sentence.index, role.start, p.end)) for p, country in shared)
                continue
            affiliation = _affiliation(doc, v, role, lex)
            if affiliation is None and id(role) in coordinate_with:
                # "Kazakh Deputy Prime Minister and Foreign Minister": both posts are Kazakhstan's
                affiliation = _affiliation(doc, v, coordinate_with[id(role)], lex)
            if affiliation is None:
                affiliation = _delegation_country(doc, v, role, lex)
            if affiliation is None:
                affiliation = _principals_state(doc, v, role, roles, lex)
            if affiliation is None:
                affiliation = _item_state(doc, v)
            person = _name_after(doc, v, role, lex, dependent)
            if person is None and lex.names_before_apposition:
                person = _name_before_apposition(doc, v, role)
            if person is None or contradicts_record(person.entity, role.entity, doc.date.year):
                continue
            role_text = doc.text[role.start : role.end]
            held[id(role)] = Holding(
                person.entity, role.entity, role_text, affiliation or _known_affiliation(person.entity, role.entity, named),
                Evidence(v.sentence.index, min(role.start, person.start), max(role.end, person.end)))
        # "Kaha Imnadze, the Special Representative ... and Head of UNRCCA": the coordinated post is his too
        for role in roles:
            other = coordinate_with.get(id(role))
            if other is None or id(role) in held or id(other) not in held:
                continue
            h = held[id(other)]
            affiliation = (_affiliation(doc, v, role, lex) or _affiliation(doc, v, other, lex)
                           or _known_affiliation(h.person, role.entity, named))
            if not contradicts_record(h.person, role.entity, doc.date.year):
                held[id(role)] = Holding(h.person, role.entity, doc.text[role.start : role.end], affiliation,
                                         Evidence(v.sentence.index, role.start, role.end))
        holdings.extend(sorted(held.values(), key=lambda h: (h.evidence.start, h.evidence.end)))
        unheld.extend((v, r) for r in roles if id(r) not in dependent and id(r) not in held
                      and not any(h.role == r.entity and h.evidence.start <= r.start < h.evidence.end for h in holdings))
        find_name_shapes(doc, v)
    holdings.extend(_bare_posts(doc, views, lex, unheld, holdings, named))
    return holdings


def _bare_posts(doc: Document, views: list[SentenceView], lex: Lexicon, unheld: list[tuple[SentenceView, Mention]],
                holdings: list[Holding], named: set[str]) -> list[Holding]:
    """A post named without its holder ("the Head of State said", "Мемлекет басшысы", "The President of
    Kazakhstan received ...") is held by the one person the document names whom the gazetteer records in
    that post that year (and of that country, when the text names one), unless the document gives that post
    to someone already."""
    gaz = load_gazetteer()
    persons = {m.entity for v in views for m in v.mentions if m.type == "Person"}
    out: list[Holding] = []
    for v, role in unheld:
        last = v.tokens[role.t1 - 1]
        if lex.grammar.is_plural(last.text, last.key):
            continue  # "the Heads of State": more than one
        of = _affiliation(doc, v, role, lex)
        if any(h.role == role.entity and of in (None, h.affiliation) and (h.evidence.start < role.start or h.affiliation is None
                                                                         or h.affiliation == of) for h in holdings):
            continue  # the post is someone's in this document already: it may refer back to them
        # "Мемлекет басшысы ... Өзбекстан Президентімен": those named later in the post of a country of their own
        # are the others, not the one the bare post names first
        others = {h.person for h in holdings if h.role == role.entity}
        fits = set()
        for pid in persons - others:
            e = gaz.get(pid)
            for r in (e.extra.get("roles", []) if e else []):
                if (r.get("role") == role.entity and int(r.get("from", 0)) <= doc.date.year <= int(r.get("to", 9999))
                        and of in (None, r.get("of"))):
                    fits.add((pid, r.get("of")))
        if len({pid for pid, _ in fits}) != 1:
            continue
        pid, record_of = next(iter(fits))
        affiliation = of or (record_of if record_of in named else None)
        out.append(Holding(pid, role.entity, doc.text[role.start : role.end], affiliation,
                           Evidence(v.sentence.index, role.start, role.end)))
    return out


def _distributed(doc: Document, v: SentenceView, role: Mention, lex: Lexicon) -> list[tuple[Mention, str]]:
    """A plural post shared out over a list: "the foreign ministers of Kazakhstan A, Kyrgyzstan – B and
    Tajikistan – C", "заместители министров Казахстана – А, Кыргызстана – Б" (each name holds the post of
    the country just before it), or "the Presidents of Russia and Tajikistan, A and B" (in order)."""
    # the head noun carries the plural, first in a head-initial language ("Ambassadors Extraordinary and
    # Plenipotentiary"), else last
    if lex.head_final or not any(lex.grammar.is_plural(v.tokens[i].text, v.tokens[i].key) for i in (role.t0, role.t1 - 1)):
        return []
    items: list[tuple[str, Mention | tuple[int, int]]] = []  # ("country", mention) or ("person", mention or span)
    t, n = role.t1, len(v.tokens)
    t = _generic_domain(doc, v, lex, t)
    while t < n and v.mention_at(t) is None and v.tokens[t].key in lex.body_links | lex.articles:
        t += 1
    while t < n:
        if items and not re.fullmatch(r"\s*[,–—:-]?\s*", v.gap(doc.text, t - 1, t)):
            break
        if v.mention_at(t) is None and v.tokens[t].key in lex.articles | _conjunctions(v, t):
            t += 1
            continue
        m = v.mention_at(t)
        if m is not None and m.type in ("Country", "Person"):
            items.append((m.type, m))
            t = m.t1
            continue
        span = name_run(doc, v, t) if m is None else None
        if span is None:
            break
        items.append(("Person", span))
        t = span[1]
    kinds = [k for k, _ in items]
    if kinds[: len(kinds) // 2 * 2] == ["Country", "Person"] * (len(kinds) // 2) and len(kinds) >= 4:
        pairs = [(items[i][1], items[i + 1][1]) for i in range(0, len(kinds) // 2 * 2, 2)]
    else:
        k = kinds.count("Country")
        if k < 2 or kinds[: 2 * k] != ["Country"] * k + ["Person"] * k:
            return []
        pairs = [(items[i][1], items[k + i][1]) for i in range(k)]
    out = []
    for country, person in pairs:
        if isinstance(person, tuple):
            person = pattern_person(doc, v, *person)
        out.append((person, country.entity))
    return out


def _generic_domain(doc: Document, v: SentenceView, lex: Lexicon, t: int) -> int:
    """Past a lower-case phrase naming the posts' states in general and a dash or colon that opens their list
    ("the Ambassadors of a number of foreign states - Ruritania A, ..."): where the list begins, else t."""
    if t >= len(v.tokens) or v.tokens[t].key not in lex.body_links:
        return t
    j = t
    while j + 1 < len(v.tokens) and j - t < 8 and v.tokens[j].text.islower() and v.mention_at(j) is None:
        if j > t and re.fullmatch(r"\s*[–—:-]\s*", v.gap(doc.text, j, j + 1)):
            return j + 1
        j += 1
    return t


def _conjunctions(v: SentenceView, t: int) -> set[str]:
    """The key of token t when a list conjunction ("and", "и") stands there."""
    return {v.tokens[t].key} if any(c.start <= t < c.end for c in v.cues["list_conjunctions"]) else set()


def _is_body(m: Mention | None) -> bool:
    return m is not None and m.type in ("Country", "Organization")


def _coordinated(lex: Lexicon, gap: str, marks: str) -> bool:
    """Two posts coordinated: a dash, one of `marks` or the language's "and" between them."""
    return bool(re.search(f"[-–—{marks}]", gap) or (lex.coordination and lex.coordination.search(gap)))


def _delegation_country(doc: Document, v: SentenceView, role: Mention, lex: Lexicon) -> str | None:
    """"Узбекскую делегацию возглавил первый заместитель министра ...", "the Kazakh delegation was headed by
    Deputy Foreign Minister ...": a post with no country of its own is that of the delegation it heads,
    when the delegation's country stands beside it earlier in the same clause; or of the state it
    represents ("Turkmenistan was represented by the Ambassador X")."""
    for c in v.cues["representation_cues"]:
        # "Turkmenistan was represented by the Ambassador to Kazakhstan X": the represented state's post
        if c.end <= role.t0 and not re.search(r"[,;:–—]", doc.text[v.tokens[c.end - 1].end : role.start]):
            beside = [m for m in v.mentions if m.type == "Country" and 0 <= c.start - m.t1 <= 1]
            if beside:
                return beside[-1].entity
    for g in reversed(lex.group_nouns.find(v.tokens)):
        if g.payload != "delegations" or g.end > role.t0 or re.search(r"[,;:–—]", doc.text[v.tokens[g.end - 1].end : role.start]):
            continue
        beside = [m for m in v.mentions if m.type == "Country" and (m.t1 == g.start or m.t0 == g.end)]
        if beside:
            return beside[0].entity
    return None


def contradicts_record(person: str, role: str | None, year: int) -> bool:
    """A post of another level than any the gazetteer records the person holding that year ("елшісі
    Трамппен": the ambassador met Trump, who is not the ambassador): a wrong post is worse than none."""
    gaz = load_gazetteer()
    e, r = gaz.get(person), gaz.get(role) if role else None
    if e is None or r is None or not e.extra.get("roles"):
        return False
    current = [gaz.get(x["role"]) for x in e.extra["roles"] if int(x.get("from", 0)) <= year <= int(x.get("to", 9999))]
    levels = {c.extra.get("level") for c in current if c is not None}
    # generic heads (Chairman, Head) are titles of heads of state too ("Председатель КНР")
    return (bool(levels) and r.extra.get("level") in _STATE_LEVELS and r.extra.get("level") not in levels
            and role not in {c.id for c in current if c is not None})


def _known_affiliation(person: str, role: str | None, named: set[str]) -> str | None:
    """Whose post it is, from the gazetteer's record of an office-holder ("President" Tokayev: Kazakhstan),
    only where the document names that country or organisation (a fact stays traceable to the text)."""
    gaz = load_gazetteer()
    e = gaz.get(person)
    if e is None or role is None:
        return None
    of = next((r.get("of") for r in e.extra.get("roles", []) if r.get("role") == role), None)
    if of in named:
        return of
    # "Сенат төрағасы" of the recorded Senate the text does not name: the state it belongs to, if the text names it
    body = gaz.get(of) if of else None
    state = body.extra.get("country") if body is not None and body.type == "Organization" else None
    return state if state in named else None


def _affiliation(doc: Document, v: SentenceView, role: Mention, lex: Lexicon) -> str | None:
    """The country or organisation a position belongs to: next to the role, on the language's side."""
    if lex.head_final:
        return _affiliation_before(doc, v, role, lex)
    where = lex.locative_preps | lex.post_preps
    before = [m for m in v.mentions if m.type in ("Country", "Organization") and m.t1 <= role.t0 and role.t0 - m.t1 <= 1]
    after = [m for m in v.mentions if m.type in ("Country", "Organization") and m.t0 >= role.t1 and m.t0 - role.t1 <= 2
             # "Посол в Казахстане", "Ambassador to Kazakhstan": where the post is, not whose it is
             and not any(v.tokens[t].key in where for t in range(role.t1, m.t0))
             # "..., таджикскую – ...": past a comma or a dash another clause begins
             and not re.search(r"[,;:–—]", doc.text[role.end : m.start])]
    # "Deputy Minister of Foreign Affairs of Kazakhstan" / "Kazakh Foreign Minister" /
    # "министр водного хозяйства и мелиорации Казахстана"
    if not after:
        j = role.t1
        # the portfolio going on after "and": "Minister of Foreign Affairs and Foreign Trade of Ruritania"
        if j + 1 < len(v.tokens) and (end := _portfolio_end(v, lex, j + 1)) is not None:
            j = end
        j = _past_known_portfolio(v, lex, j)
        while (j < len(v.tokens) and j - role.t1 < 8 and v.tokens[j].text.islower() and v.mention_at(j) is None
               and v.tokens[j].key not in where):
            j += 1
        m = v.mention_at(j) if j < len(v.tokens) else None
        if m is not None and m.type in ("Country", "Organization"):
            after = [m]
    cands = after[:1] or before[-1:]
    return cands[0].entity if cands else None


def _affiliation_before(doc: Document, v: SentenceView, role: Mention, lex: Lexicon) -> str | None:
    """Kazakh: the country or organisation right before the post ("Қазақстан Республикасының Президенті"),
    or in the genitive through a few lower-case words ("Қырғызстанның бесінші сайланған президенті"); one
    in the locative is where the post is, not whose ("Қазақстанның АҚШ-тағы елшісі")."""
    t, words, side = role.t0, 0, False
    while t > 0 and re.fullmatch(r"\s+", v.gap(doc.text, t - 1, t)):
        m = v.mention_at(t - 1)
        if m is None:
            tok = v.tokens[t - 1]
            if not words and tok.key in lex.affiliation_links:
                t, side = t - 1, True  # "Қазақстан тарапынан ... министрі": on the Kazakh side
                continue
            if not side and words < 3 and tok.text.isalpha() and tok.text.islower():
                t, words = t - 1, words + 1
                continue
            return None
        if m.type not in ("Country", "Organization"):
            return None
        last = v.tokens[m.t1 - 1].text
        if lex.grammar.has_case(last, ("locative",)):
            t = m.t0
            continue
        if (words or side) and not (side or lex.grammar.has_case(last, ("genitive",))):
            return None
        return m.entity
    return None


def _name_after(doc: Document, v: SentenceView, role: Mention, lex: Lexicon, dependent: set[int]) -> Mention | None:
    t = role.t1
    n = len(v.tokens)
    skipped = 0
    while t < n and skipped < 6:
        m = v.mention_at(t)
        if m and m.type == "Person":
            return m if _GAP_OK.match(v.gap(doc.text, t - 1, t)) or t == role.t1 else None
        if m and m.type == "Role" and id(m) not in dependent:
            return None  # "<post A> ... <post B> Name": the name is B's; A's holder is not named here
        if m and m.type in ("Country", "Organization", "Region", "Role"):
            t = m.t1
            skipped += 1
            continue
        if any(h.start <= t < h.end for h in v.cues["honorifics"] + v.cues["name_connectors"]):
            if any(c.start == t for c in v.cues["list_conjunctions"]) and "," in v.gap(doc.text, t - 1, t):
                break  # "Head of UNRCCA, and Rashid Meredov": ", and" begins another person
            t += 1
            skipped += 1
            continue
        if lex.head_final:
            break  # Kazakh names its domain before the post: the name follows the post directly
        portfolio = _portfolio_end(v, lex, t)
        if portfolio is not None:
            t = portfolio  # "Minister of Foreign Affairs and International Relations of Ruritania"
            skipped += 1
            continue
        if skipped < 3 and is_name_token(v.tokens[t]) and not grammar(doc.language).is_name_word(v.tokens[t].text):
            t += 1  # a place the gazetteer lacks ("посол Экваториальной Гвинеи <name>"): not the name
            skipped += 1
            continue
        if t > role.t1 and _past_known_portfolio(v, lex, t - 1) > t:
            t += 1  # the post's portfolio in words known from other names: "Minister of Energy and Trade <name>"
            skipped += 1
            continue
        # a lower-case domain phrase, if a country or organisation follows it
        j = t
        while j < n and j - t < 6 and v.tokens[j].text.islower() and v.mention_at(j) is None:
            j += 1
        nxt = v.mention_at(j) if j < n else None
        if j > t and nxt is not None and nxt.type in ("Country", "Organization"):
            t = j
            skipped += 1
            continue
        break
    if t >= n or not _GAP_OK.match(v.gap(doc.text, t - 1, t) if t > 0 else ""):
        return None
    # a run of capitalised words, possibly an initial ("Е.Ашықбаев", "Б. Реджепов" are two tokens)
    tok = v.tokens[t]
    if (len(tok.text) == 1 and tok.text.isupper() and t + 1 < n and doc.text[tok.end : v.tokens[t + 1].start].strip() == "."
            and is_name_token(v.tokens[t + 1]) and v.mention_at(t + 1) is None):
        return initialled_person(doc, v, t)
    span = name_run(doc, v, t)
    return pattern_person(doc, v, *span) if span else None


def _principals_state(doc: Document, v: SentenceView, role: Mention, roles: list[Mention], lex: Lexicon) -> str | None:
    """An aide's post belongs to the state of the post whose aide: "the Russian president's aide", "the aide
    to the Russian President" (head-initial languages)."""
    if lex.head_final:
        return None
    for other in roles:
        if other is role:
            continue
        if other.t1 <= role.t0:
            between = range(other.t1, role.t0)  # "the Russian president's aide"
            if not lex.grammar.has_case(v.tokens[other.t1 - 1].text, ("genitive",)):
                continue
        else:
            between = range(role.t1, other.t0)  # "the aide to the Russian President"
            if not between or v.tokens[role.t1].key not in lex.post_preps:
                continue
            between = range(role.t1 + 1, other.t0)
        if all(v.tokens[t].key in lex.articles or _is_body(v.mention_at(t)) for t in between):
            return _affiliation(doc, v, other, lex)
    return None


def _item_state(doc: Document, v: SentenceView) -> str | None:
    """A list item headed by a state and a dash ("- Qatar – the Prime Minister X, State Minister Y"): the
    state of every post in it that names none of its own."""
    first = v.mentions[0] if v.mentions else None
    if first is None or first.type != "Country" or first.t0 != 0 or first.t1 >= len(v.tokens):
        return None
    return first.entity if re.fullmatch(r"\s*[–—-]\s*", v.gap(doc.text, first.t1 - 1, first.t1)) else None


def _past_known_portfolio(v: SentenceView, lex: Lexicon, t: int) -> int:
    """Past a portfolio after a post in capitalised words the data knows from other names, each after a
    connector ("Minister of Energy and Trade of Georgia"): the token after it, else t."""
    j = t
    while j + 1 < len(v.tokens) and v.mention_at(j) is None and v.mention_at(j + 1) is None and any(
            c.start <= j < c.end for c in v.cues["name_connectors"]) and is_name_token(v.tokens[j + 1]) \
            and not plausible_name(v, j + 1, j + 2):
        j += 2
    return j


def _portfolio_end(v: SentenceView, lex: Lexicon, t: int) -> int | None:
    """A post's portfolio going on after "and" in capitalised words, up to the link to its state or body
    ("Minister of Foreign Affairs and Foreign Trade of Ruritania"): the link's token; else None."""
    if t == 0 or not lex.coordination or not lex.coordination.fullmatch(v.tokens[t - 1].text.lower()):
        return None
    j = t
    while j < len(v.tokens) and j - t < 3 and is_name_token(v.tokens[j]) and v.mention_at(j) is None:
        j += 1
    k = j
    while k < len(v.tokens) and v.mention_at(k) is None and v.tokens[k].key in lex.body_links | lex.articles:
        k += 1
    if j == t or k == j or k >= len(v.tokens) or not _is_body(v.mention_at(k)):
        return None
    return j


def _name_before_apposition(doc: Document, v: SentenceView, role: Mention) -> Mention | None:
    """English "Kaha Imnadze, Head of UNRCCA": a capitalised run, a comma, then the role."""
    first = role.t0
    # "Kaha Imnadze, the newly appointed Special Representative ...": articles and a few adjectives;
    # "Ivan Sokolov, the Russian president's adviser": a state and a possessive post, whose adviser
    while first > 0 and role.t0 - first < 6:
        m = v.mention_at(first - 1)
        if m is not None and (m.type == "Country" or m.type == "Role" and grammar(doc.language).has_case(
                v.tokens[m.t1 - 1].text, ("genitive",))):
            first = m.t0
            continue
        if m is not None or _conjunctions(v, first - 1) or not (
                v.tokens[first - 1].key in ("the", "a", "an")
                or (v.tokens[first - 1].text.islower() and v.tokens[first - 1].text.isalpha())):
            break  # (not "A, and the Deputy Prime Minister": "and" begins another person)
        first -= 1
    t = first - 1
    if t < 0:
        return None
    gap = v.gap(doc.text, t, first)
    if not re.fullmatch(r"\s*,\s*", gap):
        return None
    m = v.mention_at(t)
    if m and m.type == "Person":
        return m
    run = []
    while t >= 0 and len(run) < 3 and is_name_token(v.tokens[t]) and v.mention_at(t) is None:
        run.insert(0, t)
        t -= 1
    if len(run) < 2 or not plausible_name(v, run[0], run[-1] + 1):
        return None
    return pattern_person(doc, v, run[0], run[-1] + 1)
