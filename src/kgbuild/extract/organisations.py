"""Organisations and places a press release names by their place in it rather than by a name of their own:
a foreign ministry named without its state ("МИД", "Сыртқы істер министрлігі", "the ministry"), the news
agency of a dateline ("АСТАНА, 15 қараша – Sputnik.") or of an attribution ("деп хабарлайды Zakon.kz"), the
presidential office whose press service reports ("пресс-служба президента"), the body inside a post
("Deputy Chairman of the Cabinet of Ministers"), a city's name that names a region ("Osh region"), and the
states of a compound adjective ("таджикско-кыргызский")."""
from __future__ import annotations

import re
from functools import lru_cache

from ..datafiles import patterns
from ..document import Document
from ..facts import Mention
from ..gazetteer import Gazetteer
from ..lang.names import SURNAME
from ..language import normalize_phrase, tokenize
from ..matcher import Match, PhraseMatcher
from ..translit import person_key
from .common import SentenceView
from .lexicon import Lexicon


@lru_cache(maxsize=None)
def entity_words(lang: str) -> dict:
    """The language's lists in data/patterns/entities.yaml."""
    return patterns("entities").get(lang) or {}


# the national bodies named without their state, by the list of their generic names in entities.yaml and
# the gazetteer id of such a body ("org/mfa-kz", "org/gov-tm")
NATIONAL_BODIES = {"foreign_ministry": "org/mfa-", "cabinet": "org/gov-"}


@lru_cache(maxsize=None)
def _national_matcher(lang: str) -> PhraseMatcher:
    words = entity_words(lang)
    return PhraseMatcher([(p, (prefix, "name")) for kind, prefix in NATIONAL_BODIES.items() for p in words.get(kind) or []]
                         + [(p, ("org/mfa-", "description")) for p in words.get("foreign_ministry_descriptions") or []], lang)


def home_country(doc: Document, views: list[SentenceView], gaz: Gazetteer) -> str | None:
    """The state a press release reports for: that of the first entity of its body that has one (a country,
    or a city, person or national body of the gazetteer), "ASTANA – Kazakhstan's ...", "Садыр Жапаров ...".
    A title may lead with the other side ("Бішкектегі апат: ..."): the body decides."""
    for v in views:
        if v.sentence.kind != "body":
            continue
        for m in sorted(v.mentions, key=lambda x: x.t0):
            if m.type == "Country":
                return m.entity
            e = gaz.get(m.entity)
            if e is not None and m.type in ("City", "Person", "Organization") and e.extra.get("country"):
                return e.extra["country"]
    return None


def _national_body(gaz: Gazetteer, country: str | None, prefix: str, generic: tuple[str, ...] = (), lang: str = "en") -> str | None:
    """The gazetteer's body of a state whose id begins with `prefix` ("org/mfa-", "org/presidential-"); with
    `generic` (normalised words), only one whose own names hold them ("Cabinet of Ministers" is Turkmenistan's
    government, never Kazakhstan's)."""
    if country is None:
        return None
    return next((e.id for e in gaz.entities.values() if e.type == "Organization" and e.id.startswith(prefix)
                 and e.extra.get("country") == country and (not generic or any(
                     set(generic) <= set(normalize_phrase(f, lang)) for f in e.surface_forms()))), None)


def _states_beside(doc: Document, v: SentenceView, lex: Lexicon, t0: int, t1: int) -> list[Mention]:
    """The countries named right beside a phrase, coordinated ("of Uzbekistan and Belarus"), on the side the
    language puts a possessor: before it in Kazakh ("Қырғызстанның сыртқы саяси ведомствосы") and as an
    adjective in English ("Kazakh MFA"), after it in Russian and English ("МИД Узбекистана")."""
    def country_ending(t: int) -> Mention | None:
        return next((m for m in v.mentions if m.type == "Country" and m.t1 == t), None)

    def country_at(t: int) -> Mention | None:
        return next((m for m in v.mentions if m.type == "Country" and m.t0 == t), None)

    def link(a: int, b: int) -> bool:  # only a comma, "and" or articles between tokens a and b
        between = [tok.key for tok in v.tokens[a:b]]
        return (all(k in lex.articles | lex.connector_words or any(c.start <= a + i < c.end for c in v.cues["list_conjunctions"])
                    for i, k in enumerate(between)) and not re.search(r"[.;:]", doc.text[v.tokens[a - 1].end : v.tokens[b].start]))

    states: list[Mention] = []
    before = country_ending(t0)
    if before is not None and re.fullmatch(r"\s*", v.gap(doc.text, t0 - 1, t0)) and (lex.head_final or lex.lang == "en"):
        states.append(before)
        while lex.head_final:
            prev = next((m for m in v.mentions if m.type == "Country" and states[0].t0 - 3 <= m.t1 < states[0].t0
                         and link(m.t1, states[0].t0)), None)
            if prev is None:
                break
            states.insert(0, prev)
        return states
    if lex.head_final:
        return []
    t = t1
    while t < len(v.tokens) and v.tokens[t].key in lex.articles | lex.connector_words and t - t1 < 2:
        t += 1
    after = country_at(t)
    if after is None or re.search(r"[,.;:]", doc.text[v.tokens[t1 - 1].end : after.start]):
        return []
    return [after] + states_after(doc, v, lex, after.t1)


def states_after(doc: Document, v: SentenceView, lex: Lexicon, t: int) -> list[Mention]:
    """The countries coordinated after token t: ", Kyrgyzstan and the Republic of Belarus"."""
    states: list[Mention] = []
    while True:
        nxt = next((m for m in v.mentions if m.type == "Country" and t < m.t0 <= t + 3 and all(
            tok.key in lex.articles | lex.connector_words or any(c.start <= k < c.end for c in v.cues["list_conjunctions"])
            for k, tok in enumerate(v.tokens[t : m.t0], start=t))
            and not re.search(r"[.;:]", doc.text[v.tokens[t - 1].end : m.start])), None)
        if nxt is None:
            return states
        states.append(nxt)
        t = nxt.t1


def national_bodies(doc: Document, views: list[SentenceView], gaz: Gazetteer, lex: Lexicon) -> None:
    """A foreign ministry or a cabinet named without a name of its own is the body of the state beside it,
    or else of the state the press release reports for: "Сыртқы істер министрлігінің баспасөз қызметі",
    "пресс-служба МИДа", "the foreign ministry of Turkmenistan said", "на заседании кабинета министров";
    "the ministry" once a foreign-affairs post is named; "the Ministries of Foreign Affairs of Uzbekistan and
    Belarus" are two."""
    words = entity_words(doc.language)
    home = home_country(doc, views, gaz)
    anaphora = {lex.grammar.normalize(w) for w in words.get("ministry_anaphora") or []}
    foreign_post_seen = False
    for v in views:
        spans = [(m.start, m.end, *m.payload) for m in _national_matcher(doc.language).find(v.tokens)]
        if anaphora:
            # "the ministry's press service": lower case, with the article, after a foreign-affairs post
            posts = [m.t1 for m in v.mentions if m.type == "Role" and "foreign-affairs" in m.entity]
            spans += [(t, t + 1, "org/mfa-", "name") for t, tok in enumerate(v.tokens) if tok.key in anaphora and tok.text[:1].islower()
                      and t > 0 and v.tokens[t - 1].key in lex.articles
                      and (foreign_post_seen or any(end <= t for end in posts))]
        for t0, t1, prefix, kind in spans:
            generic = tuple(t.key for t in v.tokens[t0:t1])
            inside = [m for m in v.mentions if m.t0 < t1 and t0 < m.t1]
            known = [m for m in inside if not m.entity.startswith("org/x-") and m.type != "Role"]
            plural = any(lex.grammar.is_plural(tok.text, tok.key) and tok.key not in _own_plurals(lex)
                         for tok in v.tokens[t0:t1])
            if plural and len(known) == 1 and known[0].entity.startswith(prefix) and not lex.head_final:
                # "the Ministries of Foreign Affairs of Uzbekistan and Belarus": the gazetteer named the first
                near = known[0]
                states = [near] + states_after(doc, v, lex, near.t1)
                lo, hi, inside = near.t0, near.t1, []
                if len(states) < 2:
                    continue
            else:
                states = _states_beside(doc, v, lex, t0, t1)
                if plural and (len(states) < 2 or kind == "description"):
                    continue  # "the foreign ministries": several, not named one by one
                if not plural:
                    states = states[-1:] if lex.head_final else states[:1]
                near = (states[-1] if lex.head_final else states[0]) if states else None
                lo, hi = (min(t0, near.t0), max(t1, near.t1)) if near else (t0, t1)
                # part of a longer name or post ("МИД РК", "Ministry of Foreign Affairs and International Relations
                # of X", "Chairman of the Cabinet of Ministers"); the plural post inside a cabinet's name is its own
                if any(not (m.entity.startswith("org/x-") or m.type == "Role") or m.t0 < lo or m.t1 > hi for m in inside):
                    continue
            if not states:
                org = _national_body(gaz, home, prefix, generic, doc.language)
                if org is not None:
                    _replace(doc, v, inside, [], t0, t1, org)
                continue
            for state in states:
                if state is near and near.type == "Organization":
                    continue
                org = _national_body(gaz, state.entity, prefix, generic if len(states) == 1 else (), doc.language)
                name = None
                if org is None and prefix == "org/mfa-":
                    # a state the gazetteer holds no ministry of: named as the text names the state
                    org = "org/mfa-" + state.entity.rsplit("/", 1)[-1]
                    name = words["foreign_ministry_name"].format(lex.grammar.base_word(state.text) if lex.head_final else state.text)
                if org is None:
                    continue
                a, b = (lo, hi) if state is near else (state.t0, state.t1)
                _replace(doc, v, inside if state is near else [], [state], a, b, org, name)
        v.mentions.sort(key=lambda m: m.t0)
        foreign_post_seen = foreign_post_seen or any(
            m.type == "Role" and "foreign-affairs" in m.entity for m in v.mentions)


@lru_cache(maxsize=None)
def _own_plurals(lex: Lexicon) -> frozenset[str]:
    """The words a national body's own name has in the plural ("Affairs", "дел", "істер", "министров"): a
    plural among them says nothing of how many bodies there are."""
    words = entity_words(lex.lang)
    return frozenset(t.key for kind in (*NATIONAL_BODIES, "foreign_ministry_descriptions") for p in words.get(kind) or []
                     for t in tokenize(p, lex.lang) if lex.grammar.is_plural(t.text, t.key))


def _replace(doc: Document, v: SentenceView, inside: list[Mention], states: list[Mention], lo: int, hi: int,
             org: str, name: str | None = None) -> None:
    """An organisation mention over tokens [lo, hi) in place of the pattern names inside it; the states
    named in it stay named (as a name inside a name)."""
    for m in inside + states:
        if m in v.mentions:
            v.mentions.remove(m)
    v.nested.extend(states)
    start, end = v.tokens[lo].start, v.tokens[hi - 1].end
    v.mentions.append(Mention(v.sentence.index, start, end, doc.text[start:end], "Organization", org, lo, hi, name))


# a name as a news outlet writes it: a web domain, a quoted name, or capitalised words (Latin or Cyrillic)
_DOMAIN = re.compile(r"[\w-]+(?:\.[\w-]+)*\.(?:kz|kg|uz|tj|tm|ru|com|org|net|info|az|cn)\b", re.IGNORECASE)
_QUOTED = re.compile(r"[«\"“]([^«»\"“”]{2,40})[»\"”]")
_DASH = r"\s*[–—-]\s*"
# "АСТАНА, 15 қараша – Sputnik.", "Ташкент. 8 декабря. УзТАГ – ...": a city, a day and a month, an outlet
_DATELINE = re.compile(r"[^\W\d][\w-]*[.,]\s*\d{1,2}\s+[^\W\d]+[.,]?\s*(?:\d{4}\s*(?:г\.|ж\.|жыл\w*)?[.,]?\s*)?(?:[–—-]\s*)?"
                       + r"(?:ИП\s+)?(?P<name>[«\"“][^«»\"“”]{2,40}[»\"”]|[^\W\d][\w.-]*(?:\s+[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][\w.-]*){0,2})"
                       + r"\s*(?:[–—-]|\.(?:\s|$))")


def _outlet(doc: Document, v: SentenceView, start: int, end: int, lex: Lexicon) -> Mention | None:
    """An organisation mention over the tokens of characters [start, end): a news outlet's name."""
    toks = [t for t, tok in enumerate(v.tokens) if tok.start >= start and tok.end <= end]
    if not toks or any(v.mention_at(t) is not None for t in toks):
        return None
    lo, hi = toks[0], toks[-1] + 1
    text = doc.text[v.tokens[lo].start : v.tokens[hi - 1].end]
    if hi - lo >= 2 and not _DOMAIN.fullmatch(text) and SURNAME.search(v.tokens[hi - 1].text.lower()):
        return None  # a person's name ("деп хабарлады Айбек Смадияров")
    m = Mention(v.sentence.index, v.tokens[lo].start, v.tokens[hi - 1].end, text, "Organization",
                "org/x-" + person_key(" ".join(t.key for t in v.tokens[lo:hi])), lo, hi, text)
    v.mentions.append(m)
    v.mentions.sort(key=lambda x: x.t0)
    return m


def news_agencies(doc: Document, views: list[SentenceView], lex: Lexicon) -> None:
    """The outlet of a dateline and of an attribution after a reporting verb: "АСТАНА, 15 қараша – Sputnik.",
    "деп хабарлайды Almaty-akshamy.kz", "сообщает Zakon.kz", "передала информационная программа «Ватан»"."""
    body = [v for v in views if v.sentence.kind == "body"]
    if body:
        line_start = doc.text.rfind("\n", 0, body[0].sentence.start) + 1
        m = _DATELINE.match(doc.text, line_start, line_start + 160)
        if m is not None:
            for v in body[:3]:
                if v.sentence.start <= m.start("name") < v.sentence.end:
                    _outlet(doc, v, m.start("name"), m.end("name"), lex)
    after_outlet = {lex.grammar.normalize(w) for w in entity_words(doc.language).get("reporting_after_outlet") or []}
    for v in views:
        for cue in v.cues["reporter_cues"]:
            if cue.end < len(v.tokens):
                _attributed_outlet(doc, v, cue, lex)
            t = cue.start - 1
            # "..., Azernews reports, citing ...": one name between a comma (or the start) and the verb
            if (t >= 0 and v.tokens[cue.start].key in after_outlet and v.mention_at(t) is None
                    and (t == 0 or v.gap(doc.text, t - 1, t).strip() == ",") and v.tokens[t].text[:1].isupper()
                    and not SURNAME.search(v.tokens[t].text.lower())):  # "..., Nurov reported": a person
                _outlet(doc, v, v.tokens[t].start, v.tokens[t].end, lex)


_CAPS = re.compile(r"[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][\w-]*(?:\s+[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][\w-]*)?(?=\s*(?:[.,;]|$))")


def _attributed_outlet(doc: Document, v: SentenceView, cue: Match, lex: Lexicon) -> None:
    """The outlet right after a reporting verb, past up to three lower-case words ("передает агентство X"),
    never past a press service ("сообщила пресс-служба МИДа" is the ministry's)."""
    base = v.tokens[cue.end - 1].end
    rest = doc.text[base : v.sentence.end]
    pos = 0
    for _ in range(4):
        stripped = rest[pos:].lstrip()
        at = len(rest) - len(stripped)
        found = _DOMAIN.match(stripped) or _QUOTED.match(stripped) or _CAPS.match(stripped)
        if found is not None:
            group = found.lastindex or 0
            _outlet(doc, v, base + at + found.start(group), base + at + found.end(group), lex)
            return
        word = re.match(r"[^\W\d][\w-]*", stripped)
        if word is None or not word.group().islower() or lex.grammar.normalize(word.group()) in lex.articles:
            return  # an outlet's name takes no article ("according to the Resolution" is no outlet)
        if any(c.start >= cue.end and v.tokens[c.start].start <= base + at for c in v.cues["press_service"]):
            return
        pos = at + word.end()


def presidential_press_service(v: SentenceView, gaz: Gazetteer, lex: Lexicon, home: str | None, cue: Match) -> str | None:
    """"пресс-служба президента", "the press service of the President of Uzbekistan": the press service of
    that state's presidential office (the state beside the post, else the one the document reports for)."""
    roles = set(entity_words(lex.lang).get("head_of_state_roles") or [])
    if lex.head_final:
        near = [m for m in v.mentions if m.type == "Role" and m.t1 <= cue.start and cue.start - m.t1 <= 1]
    else:
        near = [m for m in v.mentions if m.type == "Role" and m.t0 >= cue.end and m.t0 - cue.end <= 2]
    role = near[-1] if lex.head_final and near else (near[0] if near else None)
    if role is None or role.entity not in roles:
        return None
    side = [m for m in v.mentions if m.type == "Country" and (
        (lex.head_final and m.t1 == role.t0) or (not lex.head_final and 0 <= m.t0 - role.t1 <= 2))]
    country = side[0].entity if side else home
    return _national_body(gaz, country, "org/presidential-") or _national_body(gaz, country, "org/white-house")


def bodies_in_posts(doc: Document, v: SentenceView, lex: Lexicon) -> None:
    """The body a post names inside it: "Deputy Chairman of the Cabinet of Ministers", "Сенат төрағасы",
    "Секретарь Совета Безопасности" name the Cabinet, the Senate, the Security Council (recorded as named;
    the post stays the post)."""
    for role in [m for m in v.mentions if m.type == "Role"]:
        heads = [k for k in range(role.t0, role.t1) if v.tokens[k].key in lex.organisation_heads
                 and v.tokens[k].text[:1].isupper() and k > role.t0 - (1 if lex.head_final else 0)
                 and not lex.grammar.is_plural(v.tokens[k].text, v.tokens[k].key)]  # "Security Councils": no one body
        if lex.head_final:
            heads = [k for k in heads if k < role.t1 - 1]
            if not heads:
                continue
            lo, hi = role.t0, heads[-1] + 1  # "Министрлер Кабинеті Төрағасының орынбасары"
        else:
            if not heads:
                continue
            lo, hi = heads[0], role.t1  # "Заместитель Председателя Кабинета министров"
            while lo - 1 > role.t0 and v.tokens[lo - 1].key not in lex.connector_words and (
                    lex.grammar.is_adjective(v.tokens[lo - 1].text) if lex.modifiers_agree else v.tokens[lo - 1].text[:1].isupper()):
                lo -= 1  # "Executive Committee", "Исполнительного комитета"
        toks = v.tokens[lo:hi]
        head = (heads[-1] if lex.head_final else heads[0]) - lo + 1
        label = lex.grammar.nominative(toks, head, doc.text)
        start, end = toks[0].start, toks[-1].end
        v.nested.append(Mention(v.sentence.index, start, end, doc.text[start:end], "Organization",
                                "org/x-" + person_key(" ".join(t.key for t in toks)), lo, hi, label[:1].upper() + label[1:]))


def cities_naming_regions(doc: Document, v: SentenceView, lex: Lexicon) -> None:
    """A city's name before a region word names the region around it, not the city: "Andijan region",
    "Andijan and Osh regions", "Jizzakh and Issyk-Kul regions", "Алматы облысы" (recorded as a region, so
    it is no place of a meeting)."""
    words = {lex.grammar.normalize(w) for w in entity_words(doc.language).get("region_words") or []}
    for r, tok in enumerate(v.tokens):
        if tok.key not in words or v.mention_at(r) is not None or r == 0:
            continue
        if not re.fullmatch(r"\s+", v.gap(doc.text, r - 1, r)):
            continue
        t = r
        while t > 0:
            m = v.mention_at(t - 1)
            if m is not None and m.type == "City":
                m.type, m.entity, m.name = "Region", "region/x-" + person_key(f"{m.text} {tok.key}"), f"{m.text} {tok.text}"
                first = m.t0
            elif m is None and t - 1 > 0 and v.tokens[t - 1].text[:1].isupper():
                first = t - 1  # a region's own name, coordinated with a city's
            else:
                break
            conj = next((c for c in v.cues["list_conjunctions"] if c.end == first), None)
            if conj is not None:
                t = conj.start
            elif first > 0 and v.gap(doc.text, first - 1, first).strip() == ",":
                t = first
            else:
                break


# the first part of a Russian compound adjective ("таджикско-", "турецко-") and its full form
_COMPOUND_FIRST = ((r"ско$", "ский"), (r"цко$", "цкий"))


def compound_countries(doc: Document, v: SentenceView, gaz: Gazetteer) -> None:
    """States named by the parts of a compound adjective: "таджикско-кыргызском приграничье",
    "казахстанско-узбекских", "қазақ-қырғыз шекарасы" (each part is matched alone, as a name)."""
    for t, tok in enumerate(v.tokens):
        if "-" not in tok.text or not tok.text[:1].islower() or v.mention_at(t) is not None:
            continue
        pos = tok.start
        for part in tok.text.split("-"):
            word = part
            for pattern, full in _COMPOUND_FIRST:
                if pos + len(part) < tok.end:  # not the last part
                    word = re.sub(pattern, full, word)
            probe = tokenize(word[:1].upper() + word[1:], doc.language, offset=pos)
            for m in gaz.match(probe, doc.language):
                e = gaz[m.payload]
                if e.type == "Country" and (m.start, m.end) == (0, len(probe)):
                    v.nested.append(Mention(v.sentence.index, pos, pos + len(part), part, "Country", e.id, t, t + 1))
            pos += len(part) + 1


def unlisted_places(doc: Document, v: SentenceView, lex: Lexicon) -> None:
    """A place the gazetteer lacks, named where a meeting is held: a capitalised word in the locative next
    to a meeting cue in Kazakh ("Жиддада өткен кездесу", "кездесу Жиддада өтті"), the word after "in" right
    after "held" in English ("was held in Jeddah on ..."). One word, never a body's or a meeting's name."""
    cues = v.cues["held_cues"] + v.cues["past_participle_cues"]
    near = {t for c in cues for t in range(c.start - 2, c.end + 2)} | {
        t for h in v.meeting_heads for t in range(h.start - 2, h.end + 2)}
    for t, tok in enumerate(v.tokens):
        if t == 0 or v.mention_at(t) is not None or not is_place_word(v, t, lex):
            continue
        if lex.place_by_case:
            if t not in near or not lex.grammar.has_case(tok.text, ("locative",)):
                continue
            name = lex.grammar.strip_case(tok.text)
            if name.isupper():
                continue  # an acronym with its ending ("ЖЭО-да"): a body or a plant, not a town
        elif lex.lang == "en":
            prep = v.tokens[t - 1]
            if prep.key not in lex.locative_preps or not any(c.end == t - 1 for c in cues):
                continue
            if t + 1 < len(v.tokens) and v.tokens[t + 1].text[:1].isupper() and not v.gap(doc.text, t, t + 1).strip():
                continue  # a longer name ("held in New Xyz City") is left to the gazetteer
            name = tok.text
        else:
            continue
        v.mentions.append(Mention(v.sentence.index, tok.start, tok.end, tok.text, "City",
                                  "city/x-" + person_key(name), t, t + 1, name))
    v.mentions.sort(key=lambda m: m.t0)


def is_place_word(v: SentenceView, t: int, lex: Lexicon) -> bool:
    """A capitalised word that can be a place's name: not an acronym, not the head of a body's or a
    meeting's name ("Саммитте", "Ассамблеяда"), not inside a run of capitalised words."""
    tok = v.tokens[t]
    if not tok.text[:1].isupper() or tok.text.isupper() or len(tok.text) < 4 or any(c.isdigit() for c in tok.text):
        return False
    if tok.key in lex.organisation_heads or any(h.start <= t < h.end for h in v.meeting_heads):
        return False
    if lex.meeting_kinds.find([tok]):
        return False
    return not (v.tokens[t - 1].text[:1].isupper() and v.mention_at(t - 1) is None and t - 1 > 0)
