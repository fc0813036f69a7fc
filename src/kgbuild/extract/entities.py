"""Entities the gazetteer does not hold: organisations by their head noun, persons by the shape of their
name; short names resolved to the organisation named before; names nested in names; organisations' press
services and seats."""
from __future__ import annotations

import re
from functools import lru_cache

from ..document import Document, Sentence
from ..facts import Evidence, Mention
from ..gazetteer import Gazetteer, load_gazetteer
from ..lang import grammar
from ..lang.names import NAME_PARTICLES, PARTICLE_PREFIX, SURNAME
from ..language import Token, normalize_phrase
from ..matcher import skippable_words
from ..translit import name_key, person_key, slug
from .common import SentenceView, adjacent, evidence
from .lexicon import Lexicon, lexicon
from .organisations import presidential_press_service


# the Kazakh cases that set a place or body apart from a name after it (a genitive may be inside one:
# "Қазақстан Республикасының Сыртқы істер министрлігі")
OBLIQUE = ("locative", "dative", "ablative", "instrumental", "accusative")
OTHER_THAN_GENITIVE = ("nominative", "dative", "accusative", "instrumental", "locative")


def find_organisations(doc: Document, v: SentenceView, lex: Lexicon) -> None:
    """Organisations not in the gazetteer, by their head noun and a name around it: "Council of National
    Coordinators", "Службы водных ресурсов", "правления Международного фонда спасения Арала"."""
    toks = v.tokens
    n = len(toks)
    connectors = {t for c in v.cues["organisation_connectors"] for t in range(c.start, c.end)}
    found = []
    press = {t for c in v.cues["press_service"] for t in range(c.start, c.end)}
    for i, tok in enumerate(toks):
        if tok.key not in lex.organisation_heads or v.mention_at(i) is not None or i in press:
            continue  # (a press service is its body's: press_services)
        if any(lo <= i < hi for lo, hi, _, _ in found):
            continue  # inside a name found already ("Совета глав внешнеполитических ведомств ОТГ")
        inner: list[Mention] = []
        absorbed: list[Mention] = []
        if lex.head_final:
            lo, hi = i, i + 1
            while lo > 0 and i - lo < 8 and re.fullmatch(r"\s+", v.gap(doc.text, lo - 1, lo)):
                m = v.mention_at(lo - 1)
                if m is not None:
                    if m.type == "Role" and plural_role(v, m, lex):
                        absorbed.append(m)  # "Сыртқы істер министрлері кеңесі": the members name the council
                        lo = m.t0
                        continue
                    if m.type not in ("Organization", "Country", "Region", "City") or (
                            m.type in ("Country", "City") and lex.grammar.has_case(toks[m.t1 - 1].text, OBLIQUE)):
                        break  # "Астанадағы ... кеңесі", "Ауғанстанға ... миссия": where or whither, not its name
                    inner.append(m)
                    lo = m.t0
                elif inner and toks[lo - 1].text[:1].isupper():
                    break  # a place or body opens the name ("Орталық Азия халықаралық институты"): before it, a person
                elif toks[lo - 1].text[:1].isupper() or (lo - 1) in connectors:
                    lo -= 1
                elif lex.grammar.has_case(toks[lo - 1].text, ("genitive",)) or not _lower_run_opens_name(v, lo, lex):
                    break
                else:
                    lo -= 1  # a Kazakh name capitalises its first word only: "Орталық Азия халықаралық институты"
            while lo < i and lo in connectors:
                lo += 1
        else:
            lo, hi = i, i + 1
            j = i + 1
            while j < n and j - i <= 10 and re.fullmatch(r"\s+", v.gap(doc.text, j - 1, j)):
                m = v.mention_at(j)
                if m is not None and m.type == "Role" and plural_role(v, m, lex) and not _person_at(v, m.t1):
                    absorbed.append(m)  # "Council of Foreign Ministers", "Совета глав правительств"
                    j = hi = m.t1
                    continue
                if m is not None:
                    if m.type not in ("Organization", "Country", "Region", "City"):
                        break
                    inner.append(m)
                    j = hi = m.t1
                    if m.type in ("Country", "Organization"):
                        break  # "... of Kazakhstan", "... Международного фонда спасения Арала": the name ends
                    continue
                if toks[j].key in lex.organisation_heads or toks[j].key in lex.months:
                    break  # another body begins ("Службы ... Министерства ..."), or a date
                if j in connectors or toks[j].key in lex.connector_words:
                    j += 1
                    continue
                if toks[j].text[:1].isupper() and lex.grammar.has_case(toks[j].text, OTHER_THAN_GENITIVE) and not \
                        lex.grammar.has_case(toks[j].text, ("genitive",)):
                    break  # "... миссий Почетным караулом": a word in another case begins another phrase
                if toks[j].text[:1].isupper() or lex.grammar.is_genitive_attribute(toks[j].text):
                    j = hi = j + 1
                    continue
                break
            if re.search(r"['’]s$", tok.text):
                hi = i + 1  # "the Organization's Summit": the name ends at the possessive
            # capitalised words or agreeing adjectives before the head ("National Security Council",
            # "Исполнительного комитета")
            before = v.mention_at(i - 1) if i > 0 else None
            if (absorbed and before is not None and before.type == "Organization"
                    and re.fullmatch(r"\s+", v.gap(doc.text, i - 1, i))):
                inner.append(before)  # "CIS Council of Ministers": the body it belongs to, before it
                lo = before.t0
            while lo > 0 and i - lo < 3 and v.mention_at(lo - 1) is None and re.fullmatch(r"\s+", v.gap(doc.text, lo - 1, lo)):
                prev = toks[lo - 1]
                if any(c.start <= lo - 1 < c.end for c in v.cues["determiners"]):
                    break  # "Данной Ассамблеи", "this Council": a determiner is no part of a name
                if lex.modifiers_agree:
                    ok = lex.grammar.is_adjective(prev.text)  # "Исполнительного комитета", not "В департамент"
                else:
                    ok = prev.text[:1].isupper() and lo - 1 > 0 and prev.key not in lex.organisation_heads
                if ok:
                    lo -= 1
                else:
                    break
        capitalised = any(toks[t].text[:1].isupper() for t in range(lo, hi) if not (t == 0 and t == lo and lo < i))
        if hi - lo < 2 or not (capitalised or inner):
            continue
        if lex.title_case_names and not tok.text[:1].isupper():
            continue  # names of bodies written in title case
        if any(m.t0 <= t < m.t1 for m in v.mentions for t in range(lo, hi) if m not in inner and m not in absorbed):
            continue
        found.append((lo, hi, i, inner))
        for m in absorbed:
            v.mentions.remove(m)
    for lo, hi, head, inner in found:
        start, end = toks[lo].start, toks[hi - 1].end
        keys = " ".join(t.key for t in toks[lo:hi])
        label = lex.grammar.nominative(toks[lo:hi], head - lo + 1, doc.text)
        label = label[:1].upper() + label[1:]
        m = Mention(v.sentence.index, start, end, doc.text[start:end], "Organization",
                    "org/x-" + person_key(keys), lo, hi, label)
        m.parent = next((x.entity for x in inner if x.type == "Organization"), None)
        v.mentions.append(m)
    v.mentions.sort(key=lambda x: x.t0)


def plural_role(v: SentenceView, m: Mention, lex: Lexicon) -> bool:
    """A post named in the plural, by its head word: the members of a body, not one person's post
    ("министров иностранных дел", "Foreign Ministers", "Heads of State", "министрлері")."""
    toks = v.tokens[m.t0 : m.t1]
    if lex.head_final:
        head = toks[-1]
    else:
        of = next((k for k, t in enumerate(toks) if k > 0 and t.key in lex.connector_words), None)
        head = toks[of - 1] if of is not None else (toks[0] if lex.modifiers_agree else toks[-1])
    return lex.grammar.is_plural(head.text, head.key)


def _person_at(v: SentenceView, t: int) -> bool:
    m = v.mention_at(t) if t < len(v.tokens) else None
    return m is not None and m.type == "Person"


def _lower_run_opens_name(v: SentenceView, lo: int, lex: Lexicon) -> bool:
    """Whether the lower-case words before token `lo` (two at most) follow a capitalised word or a name
    that can begin a body's name: then they are inside it."""
    k = lo - 1
    while k >= 0 and lo - k <= 2 and v.tokens[k].text.islower() and v.mention_at(k) is None:
        k -= 1
    if k < 0:
        return False
    m = v.mention_at(k)
    if m is not None:  # a possessor in the genitive or a place in the locative is outside the name
        return m.type in ("Organization", "Region", "Country") and not lex.grammar.has_case(
            v.tokens[m.t1 - 1].text, OBLIQUE + ("genitive",))
    return v.tokens[k].text[:1].isupper() and k > 0


def resolve_short_names(views: list[SentenceView], gaz: Gazetteer, lang: str) -> None:
    """A body found by pattern whose words all belong to the name of an organisation the document
    already named is that organisation ("the Regional Centre" after "UN Regional Centre for Preventive
    Diplomacy ..."): resolve it rather than mint a new one."""
    seen: list[str] = []
    for v in views:
        for m in sorted(v.mentions, key=lambda x: x.t0):
            if m.type != "Organization":
                continue
            if not m.entity.startswith("org/x-"):
                if m.entity not in seen:
                    seen.append(m.entity)
                continue
            words = {t.key for t in v.tokens[m.t0 : m.t1]} - skippable_words(lang) - lexicon(lang).connector_words

            def contains(eid: str) -> bool:
                return any(words <= set(normalize_phrase(form, lang)) for form in gaz[eid].surface_forms())

            found = next((eid for eid in reversed(seen) if contains(eid)), None)
            if found is None and len(words) >= 4:
                # a variant of a full name ("Regional Centre on Preventive Diplomacy for Central Asia"):
                # the one organisation whose name holds all its words
                hits = [e.id for e in gaz.entities.values() if e.type == "Organization" and contains(e.id)]
                found = hits[0] if len(hits) == 1 else None
            if found is not None:
                m.entity, m.name, m.parent = found, None, None
        if lexicon(lang).bare_head_refers and seen:
            _head_word_references(v, gaz, lang, seen)


def _head_word_references(v: SentenceView, gaz: Gazetteer, lang: str, seen: list[str]) -> None:
    """A capitalised head word alone ("the Centre", "Руководитель Центра"), not a sentence's first word,
    refers to the organisation last named in the document whose name has that head word."""
    heads = lexicon(lang).organisation_heads
    for t, tok in enumerate(v.tokens):
        if t == 0 or tok.key not in heads or not tok.text[:1].isupper() or v.mention_at(t) is not None:
            continue
        nxt = v.mention_at(t + 1) if t + 1 < len(v.tokens) else None
        if t + 1 < len(v.tokens) and v.tokens[t + 1].text[:1].isupper() and not (nxt and nxt.type == "Person"):
            continue  # the start of another name ("Центр Азии", "Centre Pompidou"), not "Руководитель Центра Каха Имнадзе"
        found = next((eid for eid in reversed(seen)
                      if any(normalize_phrase(form, lang)[:1] == (tok.key,) or tok.key in normalize_phrase(form, lang)
                             for form in gaz[eid].surface_forms() if len(form.split()) > 1)), None)
        if found is not None:
            v.mentions.append(Mention(v.sentence.index, tok.start, tok.end, tok.text, "Organization", found, t, t + 1))
    v.mentions.sort(key=lambda m: m.t0)


def nested_names(doc: Document, s: Sentence, tokens: list[Token], mentions: list[Mention], gaz: Gazetteer) -> list[Mention]:
    """Organisations and countries named inside a longer organisation's name ("ООН" in "Региональный
    центр ООН ...", "Afghanistan" in "... for Central Asia and Afghanistan"), a post's ("госсекретаря США")
    or a dialogue format's ("Central Asia + Japan"): they are named too."""
    out = []
    for outer in mentions:
        if outer.type not in ("Organization", "Role", "Format") or outer.t1 - outer.t0 < 2 or not any(
                c.islower() for c in outer.text):
            continue  # (a brand in capitals, "KAZAKHSTAN TODAY", names no state)
        for m in gaz.match(tokens[outer.t0 : outer.t1], doc.language, outer.t1 - outer.t0, outer.entity):
            e = gaz[m.payload]
            t0, t1 = outer.t0 + m.start, outer.t0 + m.end
            if e.type not in ("Organization", "Country") or (t0, t1) == (outer.t0, outer.t1):
                continue
            start, end = tokens[t0].start, tokens[t1 - 1].end
            out.append(Mention(s.index, start, end, doc.text[start:end], e.type, e.id, t0, t1))
    return out


def is_name_token(tok: Token) -> bool:
    t = tok.text
    return len(t) >= 2 and t[0].isupper() and not t.isupper() and not any(c.isdigit() for c in t)


def _name_word(tok: Token, lang: str) -> bool:
    """A capitalised name word, or one with a particle joined by a hyphen ("al-Yahya", "Al-Zayani")."""
    return (is_name_token(tok) or (PARTICLE_PREFIX.match(tok.text) is not None and tok.text[-1].islower())) and \
        grammar(lang).is_name_word(tok.text)


def name_run(doc: Document, v: SentenceView, t: int) -> tuple[int, int] | None:
    """The tokens of a person's name from token t: two to four capitalised words, with lower-case particles
    between them ("Abdullatif bin Rashid Al-Zayani", "Luciano Nkogo Ndong Ayekaba"), none of them known as
    part of another kind of name."""
    end, words = t, 0
    while end < len(v.tokens) and words < 4 and v.mention_at(end) is None and (
            end == t or re.fullmatch(r"\s+", v.gap(doc.text, end - 1, end))):
        tok = v.tokens[end]
        if _name_word(tok, doc.language) and (end > t or is_name_token(tok)):
            words += 1
            end += 1
        elif end > t and tok.text.lower() in NAME_PARTICLES and end + 1 < len(v.tokens) and _name_word(v.tokens[end + 1], doc.language):
            end += 1
        else:
            break
    # (particles such as "Al" stand in other kinds of names too)
    known = all(plausible_name(v, i, i + 1) for i in range(t, end) if v.tokens[i].text.lower() not in NAME_PARTICLES)
    return (t, end) if words >= 2 and known else None


def find_name_shapes(doc: Document, v: SentenceView) -> None:
    """Persons not in the gazetteer and not introduced by a position, found by the shape of their name:
    "Нуржан Нуржигитов", "Б. Реджепов", "Abdybay Zhayloobayev" (a given name, or an initial, and a
    surname of the region)."""
    toks = v.tokens
    i = 0
    while i < len(toks) - 1:
        a, b = toks[i], toks[i + 1]
        if v.mention_at(i) or v.mention_at(i + 1):
            i += 1
            continue
        initial = len(a.text) == 1 and a.text.isupper() and doc.text[a.end : b.start].strip() == "."
        given = is_name_token(a) and re.fullmatch(r"\s+", doc.text[a.end : b.start] or "") is not None
        if (initial or given) and is_name_token(b):
            base = grammar(doc.language).base_word(b.text)
            shaped = SURNAME.search(base.lower()) or SURNAME.search(b.text.lower())
            if shaped and len(base) >= 4 and plausible_name(v, i, i + 2):
                if initial:
                    initialled_person(doc, v, i)
                else:
                    pattern_person(doc, v, i, i + 2)
                i += 2
                continue
        i += 1


def surnames_named_before(doc: Document, views: list[SentenceView]) -> None:
    """A surname alone ("Назарбаев пен Жиенбеков ... жолыққан") is the one person the document named before
    in full with that surname, in whatever spelling the gazetteer knows them by."""
    gram = grammar(doc.language)
    by_surname: dict[str, set[str]] = {}
    for v in views:
        for t, tok in enumerate(v.tokens):
            m = v.mention_at(t)
            if m is None and is_name_token(tok) and SURNAME.search(gram.base_word(tok.text).lower()):
                seen = by_surname.get(name_key(gram.base_word(tok.text)), set())
                if len(seen) == 1 and not (t + 1 < len(v.tokens) and is_name_token(v.tokens[t + 1])):
                    v.mentions.append(Mention(v.sentence.index, tok.start, tok.end, tok.text, "Person", next(iter(seen)), t, t + 1))
                    v.mentions.sort(key=lambda x: x.t0)
        for m in v.mentions:
            if m.type == "Person" and m.t1 - m.t0 >= 2:
                by_surname.setdefault(name_key(gram.base_word(v.tokens[m.t1 - 1].text)), set()).add(m.entity)


def initialled_person(doc: Document, v: SentenceView, t: int) -> Mention:
    """"Б. Реджепов": an initial and a surname; a gazetteer person with that surname and initial wins."""
    m = pattern_person(doc, v, t, t + 2)
    if m.name:
        surname = m.name.split()[-1]
        m.name = f"{v.tokens[t].text}. {surname}"
        m.entity = "person/" + slug(m.name)
    return m


@lru_cache(maxsize=1)
def _word_classes() -> tuple[frozenset[str], frozenset[str]]:
    """(words of persons' names, words of every other gazetteer entry), lower-cased."""
    gaz = load_gazetteer()
    names, other = set(), set()
    for e in gaz.entities.values():
        words = {w.lower() for form in e.surface_forms() for w in re.findall(r"\w+", form)}
        (names if e.type == "Person" else other).update(words)
    return frozenset(names), frozenset(other - names)


def plausible_name(v: SentenceView, t0: int, t1: int) -> bool:
    """Not a run of words the data knows as parts of other names ("Regional Centre", "Foreign Ministry")."""
    _names, other = _word_classes()
    return not any(v.tokens[t].text.lower() in other or v.tokens[t].key in other for t in range(t0, t1))


def pattern_person(doc: Document, v: SentenceView, t0: int, t1: int) -> Mention:
    name = " ".join(grammar(doc.language).base_name([v.tokens[i].text for i in range(t0, t1)]))
    start, end = v.tokens[t0].start, v.tokens[t1 - 1].end
    words = name.split()
    known = load_gazetteer().person_by_key(name) or (person_by_surname(words[0], words[-1]) if len(words) >= 2 else None)
    if known:  # a gazetteer person in a spelling or inflection its aliases lack
        m = Mention(v.sentence.index, start, end, doc.text[start:end], "Person", known, t0, t1)
    else:
        m = Mention(v.sentence.index, start, end, doc.text[start:end], "Person", "person/" + slug(name), t0, t1, name)
    v.mentions.append(m)
    v.mentions.sort(key=lambda x: x.t0)
    return m


def press_services(doc: Document, v: SentenceView, lex: Lexicon, home: str | None = None) -> list[tuple[str, Evidence]]:
    """The press service of the organisation beside the cue, or of the presidential office when the cue
    names the president ("пресс-служба президента": the state beside the post, else `home`)."""
    out = []
    for c in v.cues["press_service"]:
        org = adjacent(v, c, lex, ("Organization",))
        if org is None and not lex.head_final:
            # "the Kazakh MFA's press service"
            cands = [m for m in v.mentions if m.type == "Organization" and m.t1 <= c.start and c.start - m.t1 <= 1]
            org = cands[-1] if cands else None
        if org is not None:
            out.append((org.entity, evidence(v, min(c.start, org.t0), max(c.end, org.t1))))
            continue
        office = presidential_press_service(v, load_gazetteer(), lex, home, c)
        if office is not None:
            out.append((office, evidence(v, c.start, c.end)))
    return out


def seats(doc: Document, v: SentenceView, lex: Lexicon) -> list[tuple[str, str, Evidence]]:
    """An organisation set up or located in a city: "<org> ... Алматы қаласында құру"."""
    if not v.cues["establishment_cues"]:
        return []
    out = []
    orgs = [m for m in v.mentions if m.type == "Organization"]
    cities = [m for m in v.mentions if m.type == "City"]
    for c in v.cues["establishment_cues"]:
        for city in cities:
            if abs(city.t0 - c.start) > 5:
                continue
            near = [o for o in orgs if abs(o.t1 - city.t0) <= 4 or abs(o.t0 - city.t1) <= 4]
            if near:
                org = min(near, key=lambda o: min(abs(o.t1 - city.t0), abs(o.t0 - city.t1)))
                lo, hi = min(org.t0, city.t0, c.start), max(org.t1, city.t1, c.end)
                out.append((org.entity, city.entity, evidence(v, lo, hi)))
    return out


def _first_consonant(word: str) -> str:
    key = name_key(word)
    return next((c for c in key if c not in "aeiou"), key[:1])


@lru_cache(maxsize=1)
def _surname_index() -> dict[str, frozenset[tuple[str, str]]]:
    """A surname's key -> (person id, first consonant of a given name) over the gazetteer's full names."""
    index: dict[str, set[tuple[str, str]]] = {}
    for e in load_gazetteer().entities.values():
        if e.type != "Person":
            continue
        for form in e.surface_forms():
            words = form.replace(".", ". ").split()
            if len(words) >= 2:
                index.setdefault(name_key(words[-1]), set()).add((e.id, _first_consonant(words[0])))
    return {k: frozenset(v) for k, v in index.items()}


def person_by_surname(given: str, surname: str) -> str | None:
    """The one gazetteer person with this surname whose given name begins alike in any script and
    spelling ("Сауранбай Жиенбеков" is Sooronbay Jeenbekov, "Ержан" Yerzhan); "Davlat Saidov" is not
    Bakhtiyor Saidov."""
    hits = {pid for pid, c in _surname_index().get(name_key(surname), ()) if c == _first_consonant(given)}
    return next(iter(hits)) if len(hits) == 1 else None


def given_names_before_surnames(doc: Document, v: SentenceView) -> None:
    """A given name before a surname the gazetteer matched alone: the same person's full name when the
    given name fits ("Сауранбай Жиенбеков"), else another person of that surname ("Davlat Saidov")."""
    for m in [m for m in v.mentions if m.type == "Person" and m.t1 - m.t0 == 1 and m.t0 > 1 and m.name is None]:
        t = m.t0 - 1
        given = v.tokens[t]
        if (v.mention_at(t) is not None or not is_name_token(given) or not re.fullmatch(r"\s+", v.gap(doc.text, t, m.t0))
                or any(c.start <= t < c.end for c in v.cues["honorifics"]) or not plausible_name(v, t, t + 1)
                or not grammar(doc.language).name_words_agree(given.text, v.tokens[m.t0].text)):
            continue
        surname = grammar(doc.language).base_word(v.tokens[m.t0].text)
        same = person_by_surname(grammar(doc.language).base_word(given.text), surname)
        v.mentions.remove(m)
        if same == m.entity:
            v.mentions.append(Mention(m.sentence, given.start, m.end, doc.text[given.start : m.end], "Person", m.entity, t, m.t1))
            v.mentions.sort(key=lambda x: x.t0)
        else:
            pattern_person(doc, v, t, m.t1)
