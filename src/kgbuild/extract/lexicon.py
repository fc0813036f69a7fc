"""The cue words of one language, from data/patterns/<lang>.yaml, matched by normalised words."""
from __future__ import annotations

import re
from functools import lru_cache

from ..datafiles import patterns
from ..lang import grammar
from ..language import normalize_phrase, normaliser
from ..matcher import PhraseMatcher, PhraseMatchers


class Lexicon:
    """One language's cue-word matchers, closed word lists and flags, and its word grammar."""

    CUE_LISTS = (
        "held_cues past_participle_cues annual_cues reception_verbs supporter_cues reporter_cues press_service "
        "opening_cues speech_cues draft_words proposal_cues initiative_stops period_words priority_nouns "
        "list_conjunctions establishment_cues participation_cues honorifics anaphora_programme name_connectors "
        "determiners other_meeting_cues future_cues organisation_connectors next_year_cues chair_cues "
        "speaker_proposal_cues priority_list_verbs invitation_cues visit_cues arrival_verbs frame_cues credential_cues ceremony_cues signing_verbs occurrence_cues source_cues recall_cues arrived_cues leader_cues addressee_cues host_cues representation_cues"
    ).split()

    def __init__(self, lang: str):
        self.lang = lang
        self.grammar = grammar(lang)
        data = patterns(lang)
        self.head_final = data["head_position"] == "final"
        # how the language writes what extraction reads (see data/patterns/<lang>.yaml)
        self.title_case_names = bool(data.get("title_case_names"))
        self.modifiers_agree = bool(data.get("modifiers_agree"))
        self.place_by_case = bool(data.get("place_by_case"))
        self.names_before_apposition = bool(data.get("names_before_apposition"))
        self.bare_head_refers = bool(data.get("bare_head_refers"))
        self.destination_endings = tuple(data.get("destination_endings") or ())
        norm = normaliser(lang)
        # the cue lists, all in one automaton: a sentence is scanned once for all of them
        self.cues = PhraseMatchers({name: [(p, name) for p in data.get(name) or []] for name in self.CUE_LISTS}, lang)
        self.meeting_kinds = PhraseMatcher(
            [(p, kind) for kind, phrases in data["meeting_kinds"].items() for p in phrases], lang
        )
        # "X met with A and B": verbs whose object may list several counterparts (extract/counterparts.py)
        self.counterpart_verbs = PhraseMatcher(
            [(p, kind) for kind, phrases in (data.get("counterpart_verbs") or {}).items() for p in phrases], lang
        )
        self.group_nouns = PhraseMatcher([(p, k) for k, ps in data["group_nouns"].items() for p in ps], lang)
        self.initiative_kinds = PhraseMatcher(
            [(p, k) for k, ps in data["initiative_kinds"].items() for p in ps], lang
        )
        self.programme_kinds = PhraseMatcher(
            [(p, k) for k, ps in data["programme_kinds"].items() for p in ps], lang
        )
        topic_phrases = []
        for tid, t in patterns("topics").items():
            for form in list(t["labels"].values()) + [a for v in (t.get("aliases") or {}).values() for a in v]:
                topic_phrases.append((form, tid))
        self.topics = PhraseMatcher(topic_phrases, lang)
        self.organisation_heads = {norm(w) for w in data.get("organisation_heads") or []}
        self.ordinal_words = {norm(w): n for w, n in data["ordinal_words"].items()}
        self.round_words = {norm(w) for w in data.get("round_words") or []}
        self.city_words = {norm(w) for w in data.get("city_words") or []}
        self.tens_prefix = {norm(w): n for w, n in (data.get("tens_ordinal_prefix") or {}).items()}
        self.number_words = {norm(w): n for w, n in data["number_words"].items()}
        self.months = {norm(w): n for w, n in data["months"].items()}
        # "во вторник", "on Tuesday": written forms (Monday = 0) and the prepositions that make them a time
        self.weekdays = {w.lower(): n for w, n in (data.get("weekdays") or {}).items()}
        self.weekday_preps = frozenset(w.lower() for w in data.get("weekday_prepositions") or [])
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
        self.clause_breaks, self.counterpart_links = words("clause_breaks"), words("counterpart_links")
        self.credential_copies, self.city_abbreviations = words("credential_copies"), words("city_abbreviations")
        self.affiliation_links, self.purpose_words = words("affiliation_links"), words("purpose_words")
        self.state_nouns = words("state_nouns")
        self.capital_words = words("capital_words")
        self.addressee_links = words("addressee_links")
        self.partner_links = words("partner_links")
        self.reporting_posts = frozenset(data.get("reporting_posts") or ())
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
        for s in patterns("series"):
            req = [[normalize_phrase(p, lang) for p in group] for group in s.get("requires", [])]
            exc = [normalize_phrase(p, lang) for p in s.get("excludes", [])]
            self.series.append((s["id"], req, exc, set(s.get("kinds") or []), bool(s.get("excludes_formats"))))


def _alternation(words: list[str] | None) -> re.Pattern | None:
    """Any of the words, as a whole word."""
    return re.compile("|".join(rf"\b{re.escape(w)}\b" for w in words)) if words else None


@lru_cache(maxsize=None)
def lexicon(lang: str) -> Lexicon:
    return Lexicon(lang)
