"""The pattern engine: one loop for all languages, per-language cue words from data/patterns/*.yaml.

Document -> Mentions (gazetteer entities, persons found by "position + name") -> Facts (meetings,
participations, initiatives, programmes with priorities, organisations' press services and seats).
Every mention and fact keeps character offsets into the document and the index of its sentence.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from .datafiles import patterns
from .document import Document, Sentence
from .facts import Evidence, Extraction, Group, Holding, InitiativeFact, MeetingFact, Mention, Participation, ProgrammeFact
from .gazetteer import Gazetteer, load_gazetteer
from .matcher import Match, PhraseMatcher, PhraseMatchers, skippable_words
from .language import Token, normalize_phrase, normaliser, tokenize
from .lang import grammar
from .lang.names import SURNAME
from .translit import person_key

AGENT_TYPES = ("Person", "Country", "Organization")
# kinds named by common nouns ("a constructive dialogue"): a meeting only with an ordinal, series, date or capital
GENERIC_KINDS = {"dialogue", "forum", "conference", "session"}
REMOTE_KINDS = {"phone-call", "video-conference"}  # no place of their own
FORMAT_NAME_KINDS = {"dialogue"}  # after a format's name, part of it: the "Central Asia + Japan" Dialogue
ADOPTED_KINDS = {"resolution", "agreement", "treaty"}
ROMAN = re.compile(r"^(?=[IVXL])L?X{0,3}(IX|IV|V?I{0,3})$")


# ---------------------------------------------------------------- data --


def meeting_kinds() -> dict:
    return patterns("kinds")["meeting"]


def _plural_name(kind: str) -> bool:
    """Kinds whose single meeting is named in the plural ("talks", "консультации")."""
    return bool(meeting_kinds().get(kind, {}).get("plural_name"))


def topics() -> dict:
    return patterns("topics")


def series_table() -> list[dict]:
    return patterns("series")


class Lexicon:
    """Cue-word matchers of one language."""

    SIMPLE = (
        "held_cues past_participle_cues annual_cues reception_verbs supporter_cues reporter_cues press_service "
        "opening_cues speech_cues draft_words proposal_cues initiative_stops period_words priority_nouns "
        "list_conjunctions establishment_cues participation_cues honorifics anaphora_programme name_connectors determiners other_meeting_cues future_cues organisation_connectors next_year_cues "
        "chair_cues speaker_proposal_cues priority_list_verbs invitation_cues"
    ).split()

    def __init__(self, lang: str):
        self.lang = lang
        self.grammar = grammar(lang)
        data = patterns(lang)
        self.head_final = data["head_position"] == "final"
        for flag in ("title_case_names", "modifiers_agree", "place_by_case", "names_before_apposition",
                     "bare_head_refers"):
            setattr(self, flag, bool(data.get(flag)))
        norm = normaliser(lang)
        # the cue lists, all in one automaton: a sentence is scanned once for the 28 of them
        self.cues = PhraseMatchers({name: [(p, name) for p in data.get(name) or []] for name in self.SIMPLE}, lang)
        self.meeting_kinds = PhraseMatcher(
            [(p, kind) for kind, phrases in data["meeting_kinds"].items() for p in phrases], lang
        )
        self.group_nouns = PhraseMatcher([(p, k) for k, ps in data["group_nouns"].items() for p in ps], lang)
        self.initiative_kinds = PhraseMatcher(
            [(p, k) for k, ps in data["initiative_kinds"].items() for p in ps], lang
        )
        self.programme_kinds = PhraseMatcher(
            [(p, k) for k, ps in data["programme_kinds"].items() for p in ps], lang
        )
        topic_phrases = []
        for tid, t in topics().items():
            for form in list(t["labels"].values()) + [a for v in (t.get("aliases") or {}).values() for a in v]:
                topic_phrases.append((form, tid))
        self.topics = PhraseMatcher(topic_phrases, lang)
        self.organisation_heads = {norm(w) for w in data.get("organisation_heads") or []}
        self.ordinal_words = {norm(w): n for w, n in data["ordinal_words"].items()}
        self.tens_prefix = {norm(w): n for w, n in (data.get("tens_ordinal_prefix") or {}).items()}
        self.number_words = {norm(w): n for w, n in data["number_words"].items()}
        self.months = {norm(w): n for w, n in data["months"].items()}
        self.ordinal_re = re.compile(r"^(\d{1,3})" + data["ordinal_suffix"] + r"$")
        self.locative_preps = {norm(w) for w in data.get("locative_prepositions") or []}
        # "the initiative of President X to declare ...": the words that bring in its author and its aim
        self.agent_preps = {norm(w) for w in data.get("initiative_agent_prepositions") or []}
        self.aim_preps = {norm(w) for w in data.get("initiative_aim_prepositions") or []}

        def words(name: str) -> frozenset[str]:
            return frozenset(norm(w) for w in data.get(name) or [])

        # closed word lists (see the comments in data/patterns/<lang>.yaml)
        self.articles, self.prepositions, self.post_preps = words("articles"), words("prepositions"), words("post_prepositions")
        self.body_links, self.month_words = words("body_links"), words("month_words")
        self.possessor_words, self.chair_links, self.agent_links = (
            words("possessor_words"), words("chair_links"), words("agent_links"))
        # an organisation's name runs on through these; the matcher skips articles, so they count as keys too
        self.connector_words = frozenset(
            k for p in data.get("organisation_connectors") or [] for k in normalize_phrase(p, lang))
        self.coordination = _alternation(data.get("coordinators"))
        self.period = re.compile(r"\b((?:19|20)\d{2})\s*(?:[-–—‐]" + "".join(
            rf"|\b{re.escape(w)}\b" for w in data.get("period_links") or []) + r")\s*((?:19|20)?\d{2})\b")
        self.purpose = re.compile(r"\s*\S*(?:" + "|".join(map(re.escape, data.get("purpose_nouns") or [])) + r")\S*$") \
            if data.get("purpose_nouns") else None
        self.series = []
        for s in series_table():
            req = [[normalize_phrase(p, lang) for p in group] for group in s.get("requires", [])]
            exc = [normalize_phrase(p, lang) for p in s.get("excludes", [])]
            self.series.append((s["id"], req, exc, set(s.get("kinds") or []), bool(s.get("excludes_formats"))))


def _alternation(words: list[str] | None) -> re.Pattern | None:
    """Any of the words, as a whole word."""
    return re.compile("|".join(rf"\b{re.escape(w)}\b" for w in words)) if words else None


@lru_cache(maxsize=None)
def lexicon(lang: str) -> Lexicon:
    return Lexicon(lang)


# ------------------------------------------------------------- mentions --


@dataclass
class SentenceView:
    sentence: Sentence
    tokens: list[Token]
    mentions: list[Mention]
    cues: dict[str, list[Match]]
    meeting_heads: list[Match]
    topics: list[Match]
    nested: list[Mention] = field(default_factory=list)  # names inside longer names, for the record only

    def gap(self, doc_text: str, i: int, j: int) -> str:
        """Raw text between token i's end and token j's start."""
        return doc_text[self.tokens[i].end : self.tokens[j].start]

    def mention_at(self, t: int) -> Mention | None:
        for m in self.mentions:
            if m.t0 <= t < m.t1:
                return m
        return None

    def has(self, cue: str) -> bool:
        return bool(self.cues.get(cue))


# ---------------------------------------------------------------- engine --


def extract(doc: Document, gazetteer: Gazetteer | None = None) -> Extraction:
    gaz = gazetteer or load_gazetteer()
    lex = lexicon(doc.language)
    views = [_view(doc, s, gaz, lex) for s in doc.sentences]
    _resolve_short_names(views, gaz, doc.language)
    holdings = _find_holdings(doc, views, gaz, lex)
    mentions = [m for v in views for m in v.mentions + v.nested]
    person_names = {m.entity: (m.name, doc.language) for m in mentions if m.name}
    initiatives = [i for v in views for i in _initiatives(doc, v, lex)]
    for i in initiatives:
        if i.proposer is None and _quoted(doc, doc.sentences[i.evidence.sentence]) and any(
            w.has("speaker_proposal_cues") for w in _paragraph(doc, views, i.evidence.sentence)
            if i.evidence.sentence - 1 <= w.sentence.index <= i.evidence.sentence
        ):
            # "— ... we could consider a Framework Convention ...": the speaker proposes it
            speaker = _speaker(doc, views, i.evidence.sentence, holdings)
            if speaker is not None:
                i.proposer, i.proposer_evidence = speaker.entity, Evidence(speaker.sentence, speaker.start, speaker.end)
    programmes = _programmes(doc, views, lex)
    groups = [g for v in views for g in _groups(doc, v, lex)]
    meetings = _meetings(doc, views, gaz, lex, holdings, initiatives, groups)
    press = [p for v in views for p in _press_services(doc, v, lex)]
    seats = [s for v in views for s in _seats(doc, v, lex)]
    return Extraction(doc, mentions, holdings, meetings, initiatives, programmes, groups, press, seats, person_names)


def _view(doc: Document, s: Sentence, gaz: Gazetteer, lex: Lexicon) -> SentenceView:
    tokens = tokenize(s.text, doc.language, offset=s.start)
    mentions = []
    for m in gaz.match(tokens, doc.language):
        e = gaz[m.payload]
        start, end = tokens[m.start].start, tokens[m.end - 1].end
        mentions.append(Mention(s.index, start, end, doc.text[start:end], e.type, e.id, m.start, m.end))
    cues = lex.cues.find_each(tokens)
    # a lemma has no tense: "пройдет"/"состоится" (future) share it with "прошла"/"состоялась"
    future = [c for c in cues["held_cues"] if any(lex.grammar.is_future(tokens[t].text) for t in range(c.start, c.end))]
    if future:
        cues["held_cues"] = [c for c in cues["held_cues"] if c not in future]
        cues["future_cues"] = cues["future_cues"] + future
    heads = [h for h in lex.meeting_kinds.find(tokens) if h.payload not in FORMAT_NAME_KINDS or not any(
        m.type == "Format" and (m.t0 <= h.start < m.t1 or m.t1 == h.start and re.fullmatch(
            r"[\s\"'«»“”]*", doc.text[m.end : tokens[h.start].start]))
        for m in mentions)]  # the "Central Asia + Japan" Dialogue names a format, not a meeting
    view = SentenceView(s, tokens, mentions, cues, heads, lex.topics.find(tokens))
    view.nested = _nested(doc, s, tokens, mentions, gaz)
    _find_organisations(doc, view, lex)
    return view


def _find_organisations(doc: Document, v: SentenceView, lex: Lexicon) -> None:
    """Organisations not in the gazetteer, by their head noun and a name around it: "Council of National
    Coordinators", "Службы водных ресурсов", "правления Международного фонда спасения Арала"."""
    toks = v.tokens
    n = len(toks)
    connectors = {t for c in v.cues["organisation_connectors"] for t in range(c.start, c.end)}
    found = []
    for i, tok in enumerate(toks):
        if tok.key not in lex.organisation_heads or v.mention_at(i) is not None:
            continue
        inner: list[Mention] = []
        if lex.head_final:
            lo, hi = i, i + 1
            while lo > 0 and i - lo < 8 and re.fullmatch(r"\s+", v.gap(doc.text, lo - 1, lo)):
                m = v.mention_at(lo - 1)
                if m is not None:
                    if m.type not in ("Organization", "Country", "Region", "City"):
                        break
                    inner.append(m)
                    lo = m.t0
                elif toks[lo - 1].text[:1].isupper() or (lo - 1) in connectors:
                    lo -= 1
                else:
                    break
            while lo < i and lo in connectors:
                lo += 1
        else:
            lo, hi = i, i + 1
            j = i + 1
            while j < n and j - i <= 10 and re.fullmatch(r"\s+", v.gap(doc.text, j - 1, j)):
                m = v.mention_at(j)
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
                if toks[j].text[:1].isupper() or lex.grammar.is_genitive_attribute(toks[j].text):
                    j = hi = j + 1
                    continue
                break
            if re.search(r"['’]s$", tok.text):
                hi = i + 1  # "the Organization's Summit": the name ends at the possessive
            # capitalised words or agreeing adjectives before the head ("National Security Council",
            # "Исполнительного комитета")
            while lo > 0 and i - lo < 3 and v.mention_at(lo - 1) is None and re.fullmatch(r"\s+", v.gap(doc.text, lo - 1, lo)):
                prev = toks[lo - 1]
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
        if any(m.t0 <= t < m.t1 for m in v.mentions for t in range(lo, hi) if m not in inner):
            continue
        found.append((lo, hi, i, inner))
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


def _resolve_short_names(views: list[SentenceView], gaz: Gazetteer, lang: str) -> None:
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


def _nested(doc: Document, s: Sentence, tokens: list[Token], mentions: list[Mention], gaz: Gazetteer) -> list[Mention]:
    """Organisations and countries named inside a longer organisation's name ("ООН" in "Региональный
    центр ООН ...", "Afghanistan" in "... for Central Asia and Afghanistan"): they are named too."""
    out = []
    for outer in mentions:
        if outer.type != "Organization" or outer.t1 - outer.t0 < 2 or not any(c.islower() for c in outer.text):
            continue  # (a brand in capitals, "KAZAKHSTAN TODAY", names no state)
        for m in gaz.match(tokens[outer.t0 : outer.t1], doc.language, outer.t1 - outer.t0, outer.entity):
            e = gaz[m.payload]
            t0, t1 = outer.t0 + m.start, outer.t0 + m.end
            if e.type not in ("Organization", "Country") or (t0, t1) == (outer.t0, outer.t1):
                continue
            start, end = tokens[t0].start, tokens[t1 - 1].end
            out.append(Mention(s.index, start, end, doc.text[start:end], e.type, e.id, t0, t1))
    return out


def _ev(view: SentenceView, t0: int, t1: int) -> Evidence:
    return Evidence(view.sentence.index, view.tokens[t0].start, view.tokens[t1 - 1].end)


def _sentence_ev(view: SentenceView) -> Evidence:
    return Evidence(view.sentence.index, view.sentence.start, view.sentence.end)


# -------------------------------------------------- positions and names --

_GAP_OK = re.compile(r"^[\s,.()\[\]«»\"“”–—-]*$")


def _is_name_token(tok: Token) -> bool:
    t = tok.text
    return len(t) >= 2 and t[0].isupper() and not t.isupper() and not any(c.isdigit() for c in t)


def _find_holdings(doc: Document, views: list[SentenceView], gaz: Gazetteer, lex: Lexicon) -> list[Holding]:
    """Find "position + name" (and "Name, position") and add persons not in the gazetteer as mentions."""
    holdings: list[Holding] = []
    named = {m.entity for v in views for m in v.mentions + v.nested}
    for v in views:
        roles = [m for m in v.mentions if m.type == "Role"]
        dependent = set()
        for a, b in zip(roles, roles[1:]):
            gap = [t for t in range(a.t1, b.t0) if not any(c.start <= t < c.end for c in v.cues["name_connectors"])]
            coordinate = _coordinated(lex, doc.text[a.end : b.start], ",;")
            if not gap and not coordinate:
                # "советник президента", "Adviser to the President": the second names whose adviser
                dependent.add(id(a) if lex.head_final else id(b))
        coordinate_with: dict[int, Mention] = {}
        for a, b in zip(roles, roles[1:]):
            if b.t0 - a.t1 <= 1 and _coordinated(lex, doc.text[a.end : b.start], ","):
                coordinate_with[id(a)], coordinate_with[id(b)] = b, a
        for role in roles:
            if id(role) in dependent:
                continue
            affiliation = _affiliation(doc, v, role, lex)
            if affiliation is None and id(role) in coordinate_with:
                # "Kazakh Deputy Prime Minister and Foreign Minister": both posts are Kazakhstan's
                affiliation = _affiliation(doc, v, coordinate_with[id(role)], lex)
            if affiliation is None:
                affiliation = _delegation_country(doc, v, role, lex)
            person = _name_after(doc, v, role, lex)
            if person is None and lex.names_before_apposition:
                person = _name_before_apposition(doc, v, role)
            if person is None:
                continue
            role_text = doc.text[role.start : role.end]
            holdings.append(
                Holding(person.entity, role.entity, role_text, affiliation or _known_affiliation(person.entity, role.entity, named),
                        Evidence(v.sentence.index, min(role.start, person.start), max(role.end, person.end)))
            )
        # "Kaha Imnadze, the Special Representative ... and Head of UNRCCA": the coordinated post is his too
        held = {(h.role, h.evidence.sentence): h for h in holdings if h.evidence.sentence == v.sentence.index}
        for role in roles:
            other = coordinate_with.get(id(role))
            if other is None or (role.entity, v.sentence.index) in held or (other.entity, v.sentence.index) not in held:
                continue
            h = held[(other.entity, v.sentence.index)]
            affiliation = _affiliation(doc, v, role, lex) or _known_affiliation(h.person, role.entity, named)
            holdings.append(Holding(h.person, role.entity, doc.text[role.start : role.end], affiliation,
                                    Evidence(v.sentence.index, role.start, role.end)))
        _find_name_shapes(doc, v)
    return holdings


def _coordinated(lex: Lexicon, gap: str, marks: str) -> bool:
    """Two posts coordinated: a dash, one of `marks` or the language's "and" between them."""
    return bool(re.search(f"[-–—{marks}]", gap) or (lex.coordination and lex.coordination.search(gap)))


def _delegation_country(doc: Document, v: SentenceView, role: Mention, lex: Lexicon) -> str | None:
    """"Узбекскую делегацию возглавил первый заместитель министра ...", "the Kazakh delegation was headed by
    Deputy Foreign Minister ...": a post with no country of its own is that of the delegation it heads,
    when the delegation's country stands beside it earlier in the same clause."""
    for g in reversed(lex.group_nouns.find(v.tokens)):
        if g.payload != "delegations" or g.end > role.t0 or re.search(r"[,;:–—]", doc.text[v.tokens[g.end - 1].end : role.start]):
            continue
        beside = [m for m in v.mentions if m.type == "Country" and (m.t1 == g.start or m.t0 == g.end)]
        if beside:
            return beside[0].entity
    return None


def _known_affiliation(person: str, role: str | None, named: set[str]) -> str | None:
    """Whose post it is, from the gazetteer's record of an office-holder ("President" Tokayev: Kazakhstan),
    only where the document names that country or organisation (a fact stays traceable to the text)."""
    e = load_gazetteer().get(person)
    if e is None or role is None:
        return None
    of = next((r.get("of") for r in e.extra.get("roles", []) if r.get("role") == role), None)
    return of if of in named else None


def _find_name_shapes(doc: Document, v: SentenceView) -> None:
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
        given = _is_name_token(a) and re.fullmatch(r"\s+", doc.text[a.end : b.start] or "") is not None
        if (initial or given) and _is_name_token(b):
            base = grammar(doc.language).base_word(b.text)
            shaped = SURNAME.search(base.lower()) or SURNAME.search(b.text.lower())
            if shaped and len(base) >= 4 and _plausible_name(v, i, i + 2):
                if initial:
                    _initialled_person(doc, v, i)
                else:
                    _pattern_person(doc, v, i, i + 2)
                i += 2
                continue
        i += 1


def _initialled_person(doc: Document, v: SentenceView, t: int) -> Mention:
    """"Б. Реджепов": an initial and a surname; a gazetteer person with that surname and initial wins."""
    m = _pattern_person(doc, v, t, t + 2)
    if m.name:
        surname = m.name.split()[-1]
        m.name = f"{v.tokens[t].text}. {surname}"
        m.entity = "person/" + person_key(m.name)
    return m


def _affiliation(doc: Document, v: SentenceView, role: Mention, lex: Lexicon) -> str | None:
    """The country or organisation a position belongs to: next to the role, on the language's side."""
    before = [m for m in v.mentions if m.type in ("Country", "Organization") and m.t1 <= role.t0 and role.t0 - m.t1 <= 1]
    after = [m for m in v.mentions if m.type in ("Country", "Organization") and m.t0 >= role.t1 and m.t0 - role.t1 <= 2
             # "Посол в Казахстане", "Ambassador to Kazakhstan": where the post is, not whose it is
             and not any(v.tokens[t].key in lex.locative_preps | lex.post_preps for t in range(role.t1, m.t0))
             # "..., таджикскую – ...": past a comma or a dash another clause begins
             and not re.search(r"[,;:–—]", doc.text[role.end : m.start])]
    if lex.head_final:
        cands = before[-1:] or []
    else:
        # "Deputy Minister of Foreign Affairs of Kazakhstan" / "Kazakh Foreign Minister" /
        # "министр водного хозяйства и мелиорации Казахстана"
        if not after:
            j = role.t1
            while j < len(v.tokens) and j - role.t1 < 6 and v.tokens[j].text.islower() and v.mention_at(j) is None:
                j += 1
            m = v.mention_at(j) if j < len(v.tokens) else None
            if m is not None and m.type in ("Country", "Organization"):
                after = [m]
        cands = after[:1] or before[-1:]
    return cands[0].entity if cands else None


def _name_after(doc: Document, v: SentenceView, role: Mention, lex: Lexicon) -> Mention | None:
    t = role.t1
    n = len(v.tokens)
    skipped = 0
    while t < n and skipped < 6:
        m = v.mention_at(t)
        if m and m.type == "Person":
            return m if _GAP_OK.match(v.gap(doc.text, t - 1, t)) or t == role.t1 else None
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
    run = []
    tok = v.tokens[t]
    if (len(tok.text) == 1 and tok.text.isupper() and t + 1 < n and doc.text[tok.end : v.tokens[t + 1].start].strip() == "."
            and _is_name_token(v.tokens[t + 1]) and v.mention_at(t + 1) is None):
        return _initialled_person(doc, v, t)
    while t < n and len(run) < 3 and _is_name_token(v.tokens[t]) and v.mention_at(t) is None:
        if run and not re.fullmatch(r"\s+", v.gap(doc.text, t - 1, t)):
            break
        run.append(t)
        t += 1
    if len(run) < 2 or not _plausible_name(v, run[0], run[-1] + 1):
        return None
    return _pattern_person(doc, v, run[0], run[-1] + 1)


def _name_before_apposition(doc: Document, v: SentenceView, role: Mention) -> Mention | None:
    """English "Kaha Imnadze, Head of UNRCCA": a capitalised run, a comma, then the role."""
    first = role.t0
    # "Kaha Imnadze, the newly appointed Special Representative ...": articles and a few adjectives
    while first > 0 and role.t0 - first < 4 and (
        v.tokens[first - 1].key in ("the", "a", "an") or (v.tokens[first - 1].text.islower() and v.tokens[first - 1].text.isalpha())
    ) and v.mention_at(first - 1) is None:
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
    while t >= 0 and len(run) < 3 and _is_name_token(v.tokens[t]) and v.mention_at(t) is None:
        run.insert(0, t)
        t -= 1
    if len(run) < 2 or not _plausible_name(v, run[0], run[-1] + 1):
        return None
    return _pattern_person(doc, v, run[0], run[-1] + 1)


@lru_cache(maxsize=1)
def _word_classes() -> tuple[frozenset[str], frozenset[str]]:
    """(words of persons' names, words of every other gazetteer entry), lower-cased."""
    gaz = load_gazetteer()
    names, other = set(), set()
    for e in gaz.entities.values():
        words = {w.lower() for form in e.surface_forms() for w in re.findall(r"\w+", form)}
        (names if e.type == "Person" else other).update(words)
    return frozenset(names), frozenset(other - names)


def _plausible_name(v: SentenceView, t0: int, t1: int) -> bool:
    """Not a run of words the data knows as parts of other names ("Regional Centre", "Foreign Ministry")."""
    _names, other = _word_classes()
    return not any(v.tokens[t].text.lower() in other or v.tokens[t].key in other for t in range(t0, t1))


def _pattern_person(doc: Document, v: SentenceView, t0: int, t1: int) -> Mention:
    name = " ".join(grammar(doc.language).base_name([v.tokens[i].text for i in range(t0, t1)]))
    start, end = v.tokens[t0].start, v.tokens[t1 - 1].end
    known = load_gazetteer().person_by_key(name)
    if known:  # a gazetteer person in a spelling or inflection its aliases lack
        m = Mention(v.sentence.index, start, end, doc.text[start:end], "Person", known, t0, t1)
    else:
        m = Mention(v.sentence.index, start, end, doc.text[start:end], "Person", "person/" + person_key(name), t0, t1, name)
    v.mentions.append(m)
    v.mentions.sort(key=lambda x: x.t0)
    return m


# -------------------------------------------------------------- meetings --


def _ordinal(v: SentenceView, lex: Lexicon, head: Match) -> int | None:
    lo = max(0, head.start - 5)
    for t in range(head.start - 1, lo - 1, -1):
        tok = v.tokens[t]
        m = lex.ordinal_re.match(tok.text)
        if m:
            return int(m.group(1))
        key = tok.key
        if key not in lex.ordinal_words:
            key = next((k for k in lex.grammar.lemmas(tok.text) if k in lex.ordinal_words), key)
        if key in lex.ordinal_words:
            value = lex.ordinal_words[key]
            if t > 0 and v.tokens[t - 1].key in lex.tens_prefix:
                value += lex.tens_prefix[v.tokens[t - 1].key]
            return value
        if ROMAN.match(tok.text) and tok.text:
            return _roman(tok.text)
    return None


def _roman(s: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50}
    total = 0
    for a, b in zip(s, s[1:] + " "):
        va, vb = values[a], values.get(b, 0)
        total += -va if va < vb else va
    return total


def _window(v: SentenceView, lex: Lexicon, head: Match) -> tuple[int, int]:
    heads = [h.start for h in v.meeting_heads if h is not head]
    if lex.head_final:
        lo = max([0, head.start - 10] + [h + 1 for h in heads if h < head.start])
        return lo, head.end
    hi = min([len(v.tokens), head.end + 12] + [h for h in heads if h > head.start])
    return max(0, head.start - 4), hi


def _named_by_modifier(doc: Document, v: SentenceView, head: Match) -> bool:
    """A lower-case head named by what stands beside it: the body whose session it is ("заседание Совета
    министров", "session of the Council of Ministers"); Russian agreeing adjectives before it, the first
    capitalised and not the sentence's first word ("Астанинском международном форуме")."""
    lex = lexicon(doc.language)
    if lex.head_final:
        return False
    t = head.end
    while t < len(v.tokens) and v.tokens[t].key in lex.body_links and t - head.end < 2:
        t += 1
    if t < len(v.tokens) and re.fullmatch(r"\s+", v.gap(doc.text, t - 1, t)) and (
            (m := v.mention_at(t)) is not None and m.type == "Organization" or (m is None and v.tokens[t].text[:1].isupper())):
        return True
    if not lex.modifiers_agree:
        return False
    t = head.start - 1
    while t > 0 and head.start - t <= 3 and v.mention_at(t) is None and len(v.tokens[t].text) > 2 \
            and lex.grammar.can_be_adjective(v.tokens[t].text):
        if v.tokens[t].text[:1].isupper():
            return True  # a proper adjective may read as a surname first ("Астанинском")
        t -= 1
    return False


def _proper_name(doc: Document, v: SentenceView, lex: Lexicon, head: Match) -> str | None:
    """English: a capitalised head with capitalised words before it ("the Astana International Forum",
    "Regional Environmental Summit"), not a sentence's first word, a month or an ordinal."""
    if not v.tokens[head.end - 1].text[:1].isupper():
        return None
    lo = head.start
    while lo > 1 and v.tokens[lo - 1].text[:1].isupper() and v.tokens[lo - 1].text.replace("-", "").isalpha() \
            and v.tokens[lo - 1].key not in lex.months and v.tokens[lo - 1].key not in lex.ordinal_words \
            and re.fullmatch(r"\s+", v.gap(doc.text, lo - 1, lo)):
        lo -= 1
    if lo == head.start:
        return None
    return doc.text[v.tokens[lo].start : v.tokens[head.end - 1].end]


def _contains(keys: list[str], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return any(tuple(keys[i : i + n]) == phrase for i in range(len(keys) - n + 1)) if n else False


def _series(v: SentenceView, lex: Lexicon, head: Match) -> str | None:
    lo, hi = _window(v, lex, head)
    keys = [t.key for t in v.tokens[lo:hi]]
    formats = any(m.type == "Format" and lo <= m.t0 < hi for m in v.mentions)
    for sid, req, exc, kinds, excludes_formats in lex.series:
        if kinds and head.payload not in kinds:
            continue
        if any(_contains(keys, p) for p in exc) or (excludes_formats and formats):
            continue
        if req and all(any(_contains(keys, p) for p in group) for group in req):
            return sid
    return None


def _dates(doc: Document, v: SentenceView, lex: Lexicon) -> list[tuple[int, dt.date]]:
    """(token index, date) of every day-month date in the sentence; the year defaults to the document's."""
    out = []
    toks = v.tokens
    for i, tok in enumerate(toks):
        if tok.key not in lex.months:
            continue
        month = lex.months[tok.key]
        day = None
        # "27–28 ноября", "1 желтоқсанда", "27 November"
        prev = re.fullmatch(r"(\d{1,2})(?:[-–—]\d{1,2})?", toks[i - 1].text) if i > 0 else None
        if prev and int(prev.group(1)) <= 31:
            day = int(prev.group(1))
            if i > 1 and toks[i - 2].text.isdigit() and re.fullmatch(r"\s*[-–—]\s*", v.gap(doc.text, i - 2, i - 1)):
                day = int(toks[i - 2].text)
        elif i + 1 < len(toks) and toks[i + 1].text.isdigit() and int(toks[i + 1].text) <= 31:
            day = int(toks[i + 1].text)  # "November 27"
        month_only = day is None
        if month_only:
            # "in April 2026", "в апреле 2026 года", "сәуір айында": the first day of the month, when a
            # year stands by it or the month is plainly a time expression
            nearby_year = any(re.fullmatch(r"(19|20)\d{2}", toks[j].text) for j in range(max(0, i - 2), min(len(toks), i + 3)))
            timed = (i + 1 < len(toks) and toks[i + 1].key in lex.month_words) or (i > 0 and toks[i - 1].key in lex.locative_preps)
            if not (nearby_year or timed):
                continue
            day = 1
        year = doc.date.year
        for j in range(max(0, i - 4), min(len(toks), i + 4)):
            if re.fullmatch(r"(19|20)\d{2}", toks[j].text):
                year = int(toks[j].text)
                break
        else:
            if any(c.end <= i for c in v.cues.get("next_year_cues", [])):
                year += 1
        try:
            out.append((i, dt.date(year, month, day)))
        except ValueError:
            continue
    return out


def _is_lead(v: SentenceView, views: list[SentenceView]) -> bool:
    """The first body sentence (the lead of a press release)."""
    body = [w for w in views if w.sentence.kind == "body"]
    return bool(body) and v is body[0]


def _dateline(doc: Document, views: list[SentenceView], lex: Lexicon) -> tuple[dt.date, Evidence] | None:
    """A news dateline opening the body: a city, then a day and month, in its first few words."""
    body = [v for v in views if v.sentence.kind == "body"]
    if not body:
        return None
    first = body[0]
    if not first.mentions or first.mentions[0].type != "City" or first.mentions[0].t0 != 0:
        return None
    # "Алматы. 29 ноября. KAZAKHSTAN TODAY - ...": the splitter may cut the dateline into short pieces
    lead = [first]
    for v in body[1:3]:
        if len(lead[-1].sentence.text) > 30 or "\n" in doc.text[lead[-1].sentence.end : v.sentence.start]:
            break
        lead.append(v)
    for v in lead:
        for i, date in _dates(doc, v, lex):
            if i <= 5:
                return date, _ev(v, 0, i + 1)
    return None


def _in_dateline(v: SentenceView, t: int) -> bool:
    """"DUSHANBE, November 23, 2015, Asia-Plus – ...": a date right after the city opening the body."""
    return v.sentence.kind == "body" and bool(v.mentions) and v.mentions[0].type == "City" and v.mentions[0].t0 == 0 and t <= 4


def _dateline_city(views: list[SentenceView]) -> tuple[str, Evidence] | None:
    """"BISHKEK, Kyrgyzstan" / "АСТАНА. KAZINFORM": the city a body opens with, before any verb."""
    body = [v for v in views if v.sentence.kind == "body"]
    if not body or not body[0].mentions:
        return None
    v, m = body[0], body[0].mentions[0]
    if m.type != "City" or m.t0 != 0:
        return None
    rest = v.sentence.text[m.end - v.sentence.start : m.end - v.sentence.start + 2]
    if not (m.text.isupper() or rest[:1] in (",", ".", "—", "-")):
        return None
    return m.entity, _ev(v, m.t0, m.t1)


def _nearest(pos: int, head: int, others: list[int]) -> bool:
    """Whether token `pos` is at least as near the meeting head at `head` as any other head of its sentence."""
    return all(abs(pos - head) <= abs(pos - o) for o in others)


def _place(doc: Document, v: SentenceView, lex: Lexicon, near: int) -> Mention | None:
    cities = []
    for m in v.mentions:
        if m.type != "City":
            continue
        if lex.place_by_case:
            ok = lex.grammar.has_case(v.tokens[m.t1 - 1].text, ("locative",))
            # "Ташкентте өткен", "Алматыда ... өтті"; a dateline city ("АСТАНА.") also counts
        else:
            ok = m.t0 > 0 and v.tokens[m.t0 - 1].key in lex.locative_preps
            # "... to establish the Centre ... in Almaty": the body's seat, not the meeting's place
            if ok and any(city == m.entity for _org, city, _ev in _seats(doc, v, lex)):
                ok = False
        if ok:
            cities.append(m)
    if not cities:
        return None
    return min(cities, key=lambda m: abs(m.t0 - near))


def _meetings(doc, views, gaz, lex, holdings, initiatives, groups) -> list[MeetingFact]:
    meetings: list[MeetingFact] = []
    by_key: dict[str, MeetingFact] = {}
    main: MeetingFact | None = None
    sentence_meeting: dict[int, MeetingFact] = {}
    meeting_of_head: dict[tuple[int, int], MeetingFact] = {}

    def key_of(series, ordinal, kind, date, place, local):
        if series and ordinal:
            return f"{series}/{ordinal}"
        if series and date:
            return f"{series}/{date.isoformat()}"
        return local

    for v in views:
        held = v.has("held_cues")
        # the title's bare "held a meeting with" is the lead sentence's "met with": one event
        title_only = main if (main is not None and _is_lead(v, views) and not (main.series or main.ordinal or main.place)
                              and all(doc.sentences[e.sentence].kind == "title" for e in main.evidence)) else None
        reception = _receptions(doc, v, lex, meetings, by_key, sentence_meeting, holdings, title_only)
        if reception is not None and main is None and (v.sentence.kind == "title" or _is_lead(v, views)):
            main = reception
            main.main = True
        for head in v.meeting_heads:
            kind = head.payload
            ordinal = _ordinal(v, lex, head)
            series = _series(v, lex, head)
            # a date or place nearer another meeting named in the sentence is that meeting's ("during the
            # meeting ... the 16th meeting, to take place in Dushanbe"); where modifiers precede the head,
            # a participle chain can carry them past a nearer head, so there every head keeps its nearest
            others = [] if lex.head_final else [h.start for h in v.meeting_heads if h is not head]
            dates = [d for d in _dates(doc, v, lex) if not _in_dateline(v, d[0]) and _nearest(d[0], head.start, others)]
            date = min(dates, key=lambda d: abs(d[0] - head.start))[1] if dates else None
            place = _place(doc, v, lex, head.start)
            if place is not None and not _nearest(place.t0, head.start, others):
                place = None
            anaphoric = not (ordinal or series or date or place)
            other = any(0 <= head.start - c.end <= 3 for c in v.cues["other_meeting_cues"])
            if kind in GENERIC_KINDS and not (ordinal or series or v.tokens[head.start].text[:1].isupper()
                                              or _named_by_modifier(doc, v, head)):
                continue  # "a constructive dialogue" is no meeting
            if _is_plural(lex, v.tokens[head.end - 1]) and not ordinal and not _plural_name(kind):
                continue  # "regular consultative meetings": the series in general, not one meeting
            if anaphoric and main is not None and not other:
                sentence_meeting.setdefault(v.sentence.index, main)
                main.evidence.append(_ev(v, head.start, head.end))
                continue
            local = f"{doc.doc_id}/{v.sentence.start + (head.start and v.tokens[head.start].start - v.sentence.start)}"
            key = key_of(series, ordinal, kind, date, place, local)
            fact = by_key.get(key)
            if fact is None and series and not ordinal and not other:
                # "the consultative meeting" after "the 7th Consultative Meeting": the same one
                same = [m for m in meetings if m.series == series and (date is None or m.date in (None, date))]
                fact = same[0] if same else None
            if fact is None and series and ordinal:
                # the title's "annual meeting" is the body's "fourteenth annual meeting": number it
                same = [m for m in meetings if m.series == series and m.ordinal is None and m.main]
                if same:
                    fact = same[0]
                    fact.ordinal, fact.local = ordinal, key
                    by_key[key] = fact
            if fact is None and ordinal and not series:
                # "the 80th session of the UN General Assembly" named twice in one document
                fact = next((m for m in meetings if m.kind == kind and m.ordinal == ordinal), None)
                if fact is None:
                    # the title's "session of the Board" is the body's "second session of the Board"
                    fact = next((m for m in meetings if m.kind == kind and m.main and not m.series and m.ordinal is None
                                 and all(doc.sentences[e.sentence].kind == "title" for e in m.evidence)), None)
                    if fact is not None:
                        fact.ordinal = ordinal
            if fact is None and place and not (series or ordinal or date or other):
                # "the summit in Astana" after the consultative meeting to be held in Astana (a meeting
                # announced here is not one held there: "the conference to be held in Dushanbe")
                future = v.has("future_cues")
                fact = next((m for m in meetings if m.place == place.entity and not (future and m.held and not m.future)), None)
            main_date = None if main is None else main.date
            if fact is None and main is not None and not series and not ordinal and not other and main.kind == kind and (
                date is None or main_date is None or date == main_date
            ):
                fact = main  # the same event named again with its place or date
            if fact is None:
                fact = MeetingFact(local=key, kind=kind, series=series, ordinal=ordinal)
                by_key[key] = fact
                meetings.append(fact)
            lo, hi = _window(v, lex, head)
            fact.names.append((doc.text[v.tokens[lo].start : v.tokens[hi - 1].end], _ev(v, lo, hi)))
            if fact.proper is None and not fact.series and lex.title_case_names:
                fact.proper = _proper_name(doc, v, lex, head)
            fact.evidence.append(_ev(v, head.start, head.end))
            if date and not fact.date:
                fact.date, fact.date_evidence = date, _sentence_ev(v)
            if place and not fact.place:
                fact.place, fact.place_evidence = place.entity, _ev(v, place.t0, place.t1)
            past_participle = any(c.end <= head.start + 1 and head.start - c.end < 8 for c in v.cues["past_participle_cues"])
            if held and not past_participle:
                fact.held = True
            if v.has("future_cues") or (date is not None and date > doc.date):
                fact.future = True  # announced, not yet held: the document's date is not its date
            if main is None and not other and (fact.held or v.sentence.kind == "title" or _is_lead(v, views)):
                main = fact
                main.main = True
                # the event a press release opens with is reported as happening unless it is announced
                fact.held = fact.held or not v.has("future_cues")
            if not past_participle and not other:
                sentence_meeting.setdefault(v.sentence.index, fact)
            meeting_of_head[(v.sentence.index, head.start)] = fact
            for c in v.cues["supporter_cues"]:
                org = _adjacent(v, c, lex, ("Organization",))
                if org and org.entity not in {o for o, _ in fact.supporters}:
                    fact.supporters.append((org.entity, _ev(v, min(c.start, org.t0), max(c.end, org.t1))))
        if main is None and meetings:
            main = meetings[0]
            main.main = True

    if main is not None and main.held and main.date is None and not main.future:
        # reported as just held: the dateline's date ("Алматы. 29 ноября. ..."), else the document's
        dateline = _dateline(doc, views, lex)
        main.date, main.date_evidence = (dateline[0], dateline[1]) if dateline else (doc.date, None)
    if main is not None and main.held and main.place is None and main.kind not in REMOTE_KINDS:
        city = _dateline_city(views)
        if city is not None:
            main.place, main.place_evidence = city

    proposers = {i.proposer for i in initiatives if i.proposer}
    # a person's post in this document: the first one given with its organisation or country
    held_by: dict[str, Holding] = {}
    for h in sorted(holdings, key=lambda h: (h.affiliation is None, h.evidence.start)):
        held_by.setdefault(h.person, h)
    for v in views:
        target = sentence_meeting.get(v.sentence.index, main)
        if target is None:
            continue
        role_in_meeting = "opening-remarks" if v.has("opening_cues") else "speaker" if v.has("speech_cues") else None
        # a meeting only announced has the persons the text says will take part, not everyone named beside it
        announced = target is not main and target.future and not v.has("participation_cues")
        for m in v.mentions:
            if m.type != "Person" or announced:
                continue
            if m.entity in proposers and any(i.proposer_evidence and i.proposer_evidence.start == m.start for i in initiatives):
                continue
            if _possessor(doc, v, m):
                continue  # "Тоқаевтың бастамасы", "President Tokayev's initiative": named, not present
            if (target.future or not target.held) and any(0 <= c.start - m.t1 <= 2 for c in v.cues["invitation_cues"]):
                continue  # "X invited his counterpart to take part in the forum": the host asks, another comes
            holding = held_by.get(m.entity)
            target.participations.append(Participation(m.entity, role_in_meeting, holding, _ev(v, m.t0, m.t1)))
        for head in v.meeting_heads:
            # "Kaha Imnadze, who arrived to take part in the 6th Consultative Meeting": he takes part in it too
            cue = next((c for c in v.cues["participation_cues"] if 0 <= head.start - c.end <= 6), None)
            other_meeting = meeting_of_head.get((v.sentence.index, head.start))
            if cue is None or other_meeting is None or other_meeting is target:
                continue
            person = next((m for m in sorted(v.mentions, key=lambda m: -m.t0) if m.type == "Person" and m.t1 <= cue.start), None)
            if person is not None and any(person.t1 <= c.start and c.end <= cue.start for c in v.cues["invitation_cues"]):
                person = None  # "X invited his counterpart to take part in ...": X is not the one to come
            if person is not None:
                other_meeting.participations.append(
                    Participation(person.entity, None, held_by.get(person.entity), _ev(v, person.t0, person.t1)))
        for t in v.topics:
            if main is not None and t.payload not in {k for k, _ in main.topics}:
                main.topics.append((t.payload, _ev(v, t.start, t.end)))
        if v.has("reporter_cues"):
            for org, ev in _press_services(doc, v, lex):
                target.reporters.append((org + "/press-service", ev))
    for g in groups:
        target = sentence_meeting.get(g.evidence.sentence, main)
        if target is not None:
            target.participations.append(Participation(g.key, None, None, g.evidence, is_group=True))
    return meetings


def _possessor(doc: Document, v: SentenceView, m: Mention) -> bool:
    """A person named as the possessor or author of something, not as a participant."""
    lex = lexicon(doc.language)
    last = v.tokens[m.t1 - 1].text
    if doc.language == "kk":
        return lex.grammar.has_case(last, ("genitive",))
    if doc.language == "en":
        t0 = m.t0
        role = v.mention_at(t0 - 1) if t0 > 0 else None
        if role is not None and role.type == "Role":
            t0 = role.t0  # "initiated by President Kassym-Jomart Tokayev"
        while t0 > 0 and v.tokens[t0 - 1].key in lex.articles:
            t0 -= 1
        before = v.tokens[t0 - 1].key if t0 > 0 else ""
        # "by/of X": an author; "noted that X has stressed": reported speech, not presence
        if before in lex.chair_links and t0 > 1 and any(c.start <= t0 - 2 < c.end for c in v.cues["chair_cues"]):
            return False  # "under the chairmanship of President X": X chairs it
        if before in lex.agent_links and t0 > 1 and any(c.start <= t0 - 2 < c.end for name in (
                "held_cues", "opening_cues", "participation_cues") for c in v.cues[name]):
            return False  # "opened by X", "attended by X": X is there
        return lex.grammar.has_case(last, ("genitive",)) or before in lex.possessor_words
    # Russian: the person follows a proposal noun, perhaps through a position and a country
    # ("инициатива Президента Казахстана Касым-Жомарта Токаева"); case alone is unreliable for surnames
    t0 = m.t0
    while t0 > 0 and (v.mention_at(t0 - 1) is not None and v.mention_at(t0 - 1).type in ("Role", "Country")):
        t0 = v.mention_at(t0 - 1).t0
    return t0 > 0 and any(c.start <= t0 - 1 < c.end for c in v.cues["proposal_cues"])


def _receptions(doc, v, lex, meetings, by_key, sentence_meeting, holdings, same=None) -> MeetingFact | None:
    """ "X received Y", "X met with Y": a bilateral meeting of the persons named (unless the verb's
    object is itself a meeting noun: "held talks", "held a meeting"); `same`: a meeting it is known to be."""
    if not v.cues["reception_verbs"]:
        return None
    verbs = [c for c in v.cues["reception_verbs"]
             if not any(p.start <= c.end and c.start <= p.end for p in v.cues["participation_cues"])]
    if not verbs:
        return None  # "примут участие" (take part) is not "принял" (received)
    verb = verbs[0]
    if any(0 <= h.start - verb.end <= 2 for h in v.meeting_heads):
        return None
    persons = [m for m in v.mentions if m.type == "Person"]
    if len(persons) < 2 and not (persons and any(m.type == "Organization" for m in v.mentions)):
        return None
    dates = _dates(doc, v, lex)
    date = dates[0][1] if dates else doc.date
    key = f"{doc.doc_id}/{v.tokens[verb.start].start}"
    if same is not None:
        fact = same
        fact.kind, fact.held = "reception", True
        if dates or fact.date is None:
            fact.date = date
    else:
        fact = MeetingFact(local=key, kind="reception", date=date, held=True)
    fact.evidence.append(_ev(v, verb.start, verb.end))
    fact.names.append((doc.text[v.tokens[verb.start].start : v.tokens[verb.end - 1].end], _ev(v, verb.start, verb.end)))
    place = _place(doc, v, lex, verb.start)
    if place:
        fact.place, fact.place_evidence = place.entity, _ev(v, place.t0, place.t1)
    if same is None:
        meetings.append(fact)
        by_key[key] = fact
    sentence_meeting.setdefault(v.sentence.index, fact)
    return fact


def _adjacent(v: SentenceView, cue: Match, lex: Lexicon, types: tuple[str, ...]) -> Mention | None:
    """The entity next to a cue: before it in Kazakh ("<org>-ның қолдауымен"), after it otherwise."""
    if lex.head_final:
        cands = [m for m in v.mentions if m.type in types and m.t1 <= cue.start and cue.start - m.t1 <= 1]
        return cands[-1] if cands else None
    cands = [m for m in v.mentions if m.type in types and m.t0 >= cue.end and m.t0 - cue.end <= 2]
    return cands[0] if cands else None


# ---------------------------------------------------- groups, press, seats --


def _groups(doc: Document, v: SentenceView, lex: Lexicon) -> list[Group]:
    out = []
    for g in lex.group_nouns.find(v.tokens):
        if not _is_plural(lex, v.tokens[g.end - 1]):
            continue  # "Special Representative" is a post, "representatives" a group
        if lex.head_final:
            owners = [m for m in v.mentions if m.t1 <= g.start and g.start - m.t1 <= 2 and m.type in ("Organization", "Country", "Region")]
            lo = owners[-1].t0 if owners else max(0, g.start - 2)
            hi = g.end
        else:
            owners = [m for m in v.mentions if m.t0 >= g.end and m.t0 - g.end <= 2 and m.type in ("Organization", "Country", "Region")]
            lo = g.start
            hi = owners[0].t1 if owners else min(len(v.tokens), g.end + 3)
        owner = owners[-1 if lex.head_final else 0].entity if owners else None
        label = doc.text[v.tokens[lo].start : v.tokens[hi - 1].end]
        key = f"{g.payload}-{owner or doc.doc_id + '-' + str(v.tokens[g.start].start)}"
        out.append(Group(key.replace("/", "-"), g.payload, label, owner, _ev(v, lo, hi)))
    return out


def _press_services(doc: Document, v: SentenceView, lex: Lexicon) -> list[tuple[str, Evidence]]:
    out = []
    for c in v.cues["press_service"]:
        org = _adjacent(v, c, lex, ("Organization",))
        if org is None and not lex.head_final:
            # "the Kazakh MFA's press service"
            cands = [m for m in v.mentions if m.type == "Organization" and m.t1 <= c.start and c.start - m.t1 <= 1]
            org = cands[-1] if cands else None
        if org is not None:
            out.append((org.entity, _ev(v, min(c.start, org.t0), max(c.end, org.t1))))
    return out


def _seats(doc: Document, v: SentenceView, lex: Lexicon) -> list[tuple[str, str, Evidence]]:
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
                out.append((org.entity, city.entity, _ev(v, lo, hi)))
    return out


# ----------------------------------------------------------- initiatives --


def _initiatives(doc: Document, v: SentenceView, lex: Lexicon) -> list[InitiativeFact]:
    out = []
    kinds = lex.initiative_kinds.find(v.tokens)
    specific = [k for k in kinds if k.payload != "initiative"]
    for k in kinds:
        if k.payload == "initiative" and any(abs(s.start - k.start) <= 8 for s in specific):
            continue
        if _is_plural(lex, v.tokens[k.end - 1]) or (k.start > 0 and lex.grammar.is_plural_adjective(v.tokens[k.start - 1].text)):
            continue  # "national water strategies", "международные инициативы": a named initiative is singular
        # a programme kind word ("roadmap 2025-2027") with a period belongs to programmes
        if lex.period.search(v.sentence.text) and k.payload == "roadmap":
            continue
        stops = {t for c in v.cues["initiative_stops"] for t in range(c.start, c.end)}
        draft = any(abs(d.start - k.end) <= 1 or abs(k.start - d.end) <= 1 for d in v.cues["draft_words"])
        partners = []
        if lex.head_final:
            lo = k.start
            while lo > 0 and k.start - lo < 12:  # back to its author ("Тоқаевтың"), a stop word or 12 words
                t = lo - 1
                m = v.mention_at(t)
                if t in stops or not re.fullmatch(r"\s+", v.gap(doc.text, t, t + 1)):
                    break
                if lex.grammar.has_case(v.tokens[t].text, ("instrumental",)):
                    # "Орталық Азия елдерімен ... Декларация": the partners it is proposed with
                    with_ = m or v.mention_at(t - 1)
                    if with_ and with_.type in ("Region", "Country", "Organization"):
                        partners.append(with_.entity)
                        break
                if m and m.type in AGENT_TYPES:
                    break
                lo = m.t0 if m else t
            hi = k.end
            words = [v.tokens[i].text for i in range(lo, hi - 1)] + [lex.grammar.base_word(v.tokens[hi - 1].text)]
            name = " ".join(words)
        else:
            determiners = {t for c in v.cues["determiners"] for t in range(c.start, c.end)}
            lo = k.start
            while (
                lo > 0
                and k.start - lo < 3
                and lo - 1 not in stops
                and lo - 1 not in determiners
                and (v.tokens[lo - 1].text.replace("-", "").isalpha()  # "Counter-Terrorism Strategy"
                     or (v.tokens[lo - 1].text.isalnum() and v.tokens[lo - 1].text[:1].isupper()))
                or (lo > 0 and v.mention_at(lo - 1) is not None and k.start - lo < 3)
            ) and re.fullmatch(r"\s+", v.gap(doc.text, lo - 1, lo)):
                if lex.modifiers_agree:
                    if not lex.grammar.is_adjective(v.tokens[lo - 1].text):
                        break  # only agreeing adjectives precede the head: "Рамочной конвенции"
                elif not v.tokens[lo - 1].text[:1].isupper() and not _lower_modifier(v, lo - 1):
                    break
                if v.tokens[lo - 1].key in lex.prepositions:
                    break  # "support for the concept": a preposition begins another phrase
                lo -= 1
                if re.search(r"['’]s$", v.tokens[lo].text):
                    m = v.mention_at(lo)
                    lo = m.t0 if m is not None else lo
                    break  # "following Kazakhstan's proposal": the possessive opens the name
            hi = k.end
            while hi < len(v.tokens) and hi - k.end < 9 and hi not in stops and re.fullmatch(r"\s+", v.gap(doc.text, hi - 1, hi)):
                if any(c.start == hi for c in v.cues["proposal_cues"]) or v.tokens[hi].key in lex.months or v.tokens[hi].text.isdigit():
                    break
                if hi + 1 < len(v.tokens) and v.tokens[hi + 1].key in lex.months:
                    break  # "on March 4", "4 марта": a date, not part of the name
                hi += 1
            # a name does not end in a connector ("historic agreement for")
            while hi > k.end and (v.tokens[hi - 1].key in lex.organisation_heads | lex.connector_words
                                  or any(c.start <= hi - 1 < c.end for c in v.cues["organisation_connectors"])):
                hi -= 1
            name = lex.grammar.nominative(v.tokens[lo:hi], k.end - lo, doc.text)
        agent = None
        if not lex.head_final and k.payload == "initiative":
            agent, aim = _author_and_aim(doc, v, lex, k)
            if agent is not None and aim is not None:
                # "the initiative of President X to declare ...": named by its aim, proposed by its author
                head = lex.grammar.nominative(v.tokens[k.start : k.end], k.end - k.start, doc.text)
                lo, hi = k.start, aim[1]
                end = v.tokens[aim[1] - 1].end
                if end < len(doc.text) and doc.text[end] in "»”" and doc.text.count("«", v.tokens[aim[0]].start, end) + \
                        doc.text.count("“", v.tokens[aim[0]].start, end) > 0:
                    end += 1  # the closing quote of a quoted name
                name = f"{head} {doc.text[v.tokens[aim[0]].start : end]}"
        modifiers = [t for t in range(lo, hi) if not (k.start <= t < k.end)
                     and not any(d.start <= t < d.end for d in v.cues["draft_words"])]
        capitalised = any(v.tokens[t].text[:1].isupper() for t in modifiers + list(range(k.start, k.end)) if t > 0)
        if len(modifiers) < 2 and not capitalised:
            continue  # "our strategy", "the agreement": not a named initiative
        ev = _ev(v, lo, hi)
        fact = InitiativeFact(name=name, kind=k.payload, draft=draft, evidence=ev, partners=partners)
        if agent is not None and lo <= agent.t0 < hi:
            fact.proposer = agent.entity
            fact.proposer_evidence = Evidence(v.sentence.index, agent.start, agent.end)
        else:
            _proposer(doc, v, lex, fact, lo, hi)
        if fact.proposer is None and not lex.head_final and k.payload not in ADOPTED_KINDS:
            # "the UNRCCA Water Strategy": an organisation or country naming it is its author (a body
            # naming a resolution or a treaty adopted or signed it, which is not proposing it)
            first = v.mention_at(lo)
            if first is not None and first.type in ("Organization", "Country") and first.t1 <= k.start:
                fact.proposer = first.entity
                fact.proposer_evidence = Evidence(v.sentence.index, first.start, first.end)
        out.append(fact)
    return out


def _author_and_aim(doc: Document, v: SentenceView, lex: Lexicon, k: Match) -> tuple[Mention | None, tuple[int, int] | None]:
    """After a bare "initiative" head: its author ("of President Sadyr Japarov", "Президента Эмомали
    Рахмона": a Russian genitive needs no preposition) and the token span of its aim ("to declare ...",
    "по проведению ..."), which runs to the end of the clause; (None, None) when the text has not both."""
    t = k.end
    n = len(v.tokens)
    if lex.agent_preps:
        if t >= n or v.tokens[t].key not in lex.agent_preps:
            return None, None
        t += 1
    agent = None
    while t < n and (m := v.mention_at(t)) is not None and m.t0 == t:
        if m.type == "Role":
            t = m.t1  # a title before the name: "President", "Президента"
            continue
        if m.type in AGENT_TYPES:
            agent = m
        break
    if agent is None or agent.t0 - k.end > 4:
        return None, None
    a0 = agent.t1
    if a0 >= n or v.tokens[a0].key not in lex.aim_preps or not re.fullmatch(r"\s+", v.gap(doc.text, a0 - 1, a0)):
        return agent, None
    hi = a0 + 1
    stops = {t for c in v.cues["initiative_stops"] for t in range(c.start, c.end)} - {a0}
    quoted = False  # a quoted name is taken whole: «Вода для устойчивого развития»
    while hi < n and hi - a0 < 16:
        gap = v.gap(doc.text, hi - 1, hi)
        quoted ^= sum(gap.count(q) for q in "«»\"“”") % 2 == 1
        if not quoted and (hi in stops or re.search(r"[,;:.!?()]", gap)):
            break
        hi += 1
    if hi - a0 < 2:
        return agent, None
    return agent, (a0, hi)


def _lower_modifier(v: SentenceView, t: int) -> bool:
    """A lower-case English word that can modify an initiative's head ("border agreement")."""
    return v.tokens[t].text.isalpha() and v.tokens[t].text.islower() and len(v.tokens[t].text) > 2


def _is_plural(lex: Lexicon, tok: Token) -> bool:
    return lex.grammar.is_plural(tok.text, tok.key)


QUOTE_OPEN = "«“\"„"


def _quoted(doc: Document, s: Sentence) -> bool:
    """Inside direct speech: a paragraph opening with a dash or a quote mark, or an open quote."""
    line_start = doc.text.rfind("\n", 0, s.start) + 1
    para_head = doc.text[line_start : line_start + 3].lstrip()
    if para_head[:1] in "—–-" + QUOTE_OPEN:
        return True
    before = doc.text[line_start : s.start]
    return sum(before.count(c) for c in "«“„") > sum(before.count(c) for c in "»”")


def _paragraph(doc: Document, views: list[SentenceView], index: int) -> list[SentenceView]:
    """The sentences of the paragraph (line) a sentence belongs to."""
    s = doc.sentences[index]
    start = doc.text.rfind("\n", 0, s.start) + 1
    end = doc.text.find("\n", s.end)
    end = len(doc.text) if end < 0 else end
    return [v for v in views if start <= v.sentence.start and v.sentence.end <= end]


def _speaker(doc: Document, views: list[SentenceView], index: int, holdings: list[Holding]) -> Mention | None:
    """Who is speaking at a quoted sentence: the person named (or the position held by a person named
    earlier) in the nearest sentence before it that is not itself a quote."""
    by_role = {h.role: h.person for h in holdings}
    for v in reversed(views[:index]):
        if v.sentence.kind != "body" or _quoted(doc, v.sentence):
            continue
        for m in v.mentions:
            if m.type == "Person" and not _possessor(doc, v, m):
                return m
            if m.type == "Role" and m.entity in by_role and v.mention_at(m.t1) is None:
                return Mention(v.sentence.index, m.start, m.end, m.text, "Person", by_role[m.entity], m.t0, m.t1)
        break
    return None


def _proposer(doc: Document, v: SentenceView, lex: Lexicon, fact: InitiativeFact, lo: int, hi: int) -> None:
    # a proposal cue outside the name itself ("the UN80 initiative" names no proposer by its own head word),
    # except a Kazakh "бастама" with its author's genitive before it ("Тоқаевтың ... бастамасы")
    authored = lex.head_final and fact.kind == "initiative"
    if not authored and not any(c.end <= lo or c.start >= hi for c in v.cues["proposal_cues"]):
        return
    agents = [m for m in v.mentions if m.type in AGENT_TYPES and not (lo <= m.t0 < hi)]
    if not agents:
        return
    if lex.head_final:
        # "<Person>-ның ... бастамасы": a genitive agent before the name
        gen = [m for m in agents if m.t1 <= lo and lex.grammar.has_case(v.tokens[m.t1 - 1].text, ("genitive",))]
        people = [m for m in gen if m.type == "Person"]
        pick = (people or gen)
        chosen = pick[-1] if pick else None
    else:
        by = [m for m in agents if m.t0 > 0 and v.tokens[m.t0 - 1].key in lex.agent_preps]
        people = [m for m in agents if m.type == "Person"]
        chosen = (by or people or agents)[0]
    if chosen is not None:
        fact.proposer = chosen.entity
        fact.proposer_evidence = Evidence(v.sentence.index, chosen.start, chosen.end)
        if lex.purpose is not None and chosen.t1 < lo:
            between = doc.text[chosen.end : v.tokens[lo].start].strip()
            purpose = lex.purpose.sub("", between)
            if purpose != between and purpose:
                fact.purpose = purpose


# ------------------------------------------------------------ programmes --


def _programmes(doc: Document, views: list[SentenceView], lex: Lexicon) -> list[ProgrammeFact]:
    out: list[ProgrammeFact] = []
    for idx, v in enumerate(views):
        for pm in lex.period.finditer(v.sentence.text):
            start, end = int(pm.group(1)), int(pm.group(2))
            if end < 100:  # "2015-17"
                end += start - start % 100
            if end < start or end - start > 30:
                continue
            p_char = v.sentence.start + pm.start()
            p_tok = next((i for i, t in enumerate(v.tokens) if t.end > p_char), None)
            e_char = v.sentence.start + pm.end()
            p_end = next((i for i, t in enumerate(v.tokens) if t.end >= e_char), None)
            if p_tok is None or p_end is None:
                continue
            # "Program of Action of UNRCCA for the period 2009-2011"
            kinds = [k for k in lex.programme_kinds.find(v.tokens) if abs(k.start - p_tok) <= 8]
            if not kinds:
                continue
            k = min(kinds, key=lambda k: abs(k.start - p_tok))
            lo, hi = min(p_tok, k.start), max(k.end, p_end + 1)
            if lex.head_final:
                words = [v.tokens[i].text for i in range(lo, hi - 1)] + [lex.grammar.base_word(v.tokens[hi - 1].text)]
                name = doc.text[v.tokens[lo].start : v.tokens[hi - 2].end] + " " + words[-1] if hi - lo > 1 else words[-1]
            else:
                name = doc.text[v.tokens[lo].start : v.tokens[hi - 1].end]
            orgs = [m for m in v.mentions if m.type == "Organization"]
            owner = None
            if orgs:
                if lex.head_final:
                    prior = [m for m in orgs if m.t1 <= lo]
                    owner = (prior or orgs)[-1].entity
                else:
                    owner = min(orgs, key=lambda m: abs(m.t0 - k.start)).entity
            fact = ProgrammeFact(k.payload, start, end, name, _ev(v, lo, hi), owner)
            out.append(fact)
            # the priorities: "<N> priorities: a, b, ... and e" in this sentence or the next two
            for w in views[idx : idx + 3]:
                pr = _priorities(doc, w, lex)
                if pr:
                    fact.priorities = pr
                    break
    return out


def _priorities(doc: Document, v: SentenceView, lex: Lexicon) -> list[tuple[str, Evidence]]:
    if not v.cues["priority_nouns"]:
        return []
    noun = v.cues["priority_nouns"][0]
    colon = v.sentence.text.find(":")
    if colon < 0 or v.tokens[noun.start].start - v.sentence.start > colon:
        # no colon: "whose priorities include a, b and c", "приоритеты включают a, b и c"
        verb = next((c for c in v.cues["priority_list_verbs"] if 0 <= c.start - noun.end <= 1), None)
        if verb is None:
            return []
        colon = v.tokens[verb.end - 1].end - v.sentence.start
    expected = None
    for t in range(max(0, noun.start - 3), noun.start):
        tok = v.tokens[t]
        if tok.key in lex.number_words:
            expected = lex.number_words[tok.key]
        elif tok.text.isdigit() and int(tok.text) <= 20:  # "5 priorities", not the period's "2025"
            expected = int(tok.text)
    body_start = v.sentence.start + colon + 1
    body = doc.text[body_start : v.sentence.end]
    conj = sorted({doc.text[v.tokens[c.start].start : v.tokens[c.end - 1].end] for c in v.cues["list_conjunctions"]}, key=len, reverse=True)
    pattern = r"\s*[;,]\s*(?:(?:" + "|".join(re.escape(c) for c in conj) + r")\s+)?" if conj else r"\s*[;,]\s*"
    items = []
    pos = 0
    parts = re.split(f"({pattern})", body)
    for part in parts:
        if re.fullmatch(pattern, part or "") or not part:
            pos += len(part or "")
            continue
        text = part.strip().rstrip(".;")
        lead = len(part) - len(part.lstrip())
        if conj:
            for c in conj:
                if text.lower().startswith(c.lower() + " ") and len(items) > 0:
                    text = text[len(c) :].strip()
                    lead = part.find(text)
        if text:
            s = body_start + pos + lead
            items.append((text, Evidence(v.sentence.index, s, s + len(text))))
        pos += len(part)
    if conj and len(items) >= 2 and (len(items) == expected - 1 if expected else True):
        # "a, b and c": the last item holds the final conjunction
        text, ev = items[-1]
        m = re.search(r"\s(?:" + "|".join(re.escape(c) for c in conj) + r")\s", text)
        if m:
            first, second = text[: m.start()], text[m.end() :]
            items[-1:] = [(first, Evidence(ev.sentence, ev.start, ev.start + len(first))),
                          (second, Evidence(ev.sentence, ev.start + m.end(), ev.end))]
    if len(items) < 2 or (expected and len(items) != expected and len(items) < expected):
        return []
    return items
