"""Extraction: Document -> Mentions (gazetteer entities; persons and organisations found by pattern) ->
Facts (posts held, meetings and their participants, initiatives, programmes with priorities,
organisations' press services and seats), one module per fact family and one loop for all languages;
each language's words come from its lexicon (data/patterns/<lang>.yaml) and its grammar (lang/).
Every mention and fact keeps character offsets into the document and the index of its sentence."""
from __future__ import annotations

from ..document import Document, Sentence
from ..facts import Extraction, Mention
from ..gazetteer import Gazetteer, load_gazetteer
from ..language import tokenize
from .common import SentenceView
from .entities import find_organisations, nested_names, press_services, resolve_short_names, seats, surnames_named_before
from .initiatives import find_initiatives, speaker_proposals
from .keys import group_keys
from .lexicon import Lexicon, lexicon
from .heads import meeting_heads
from .meetings import find_meetings
from .officials import find_holdings
from .organisations import (bodies_in_posts, cities_naming_regions, compound_countries, home_country, national_bodies,
                            news_agencies, unlisted_places)
from .outcomes import outcome_documents
from .participants import find_groups
from .programmes import find_programmes


def extract(doc: Document, gazetteer: Gazetteer | None = None) -> Extraction:
    gaz = gazetteer or load_gazetteer()
    lex = lexicon(doc.language)
    views = [read_sentence(doc, s, gaz, lex) for s in doc.sentences]
    resolve_short_names(views, gaz, doc.language)
    national_bodies(doc, views, gaz, lex)
    news_agencies(doc, views, lex)
    holdings = find_holdings(doc, views, lex)
    surnames_named_before(doc, views)
    mentions = [m for v in views for m in v.mentions + v.nested]
    person_names = {m.entity: (m.name, doc.language) for m in mentions if m.name}
    initiatives = outcome_documents(doc, views, lex, [i for v in views for i in find_initiatives(doc, v, lex)])
    speaker_proposals(doc, views, initiatives, holdings)
    programmes = find_programmes(doc, views, lex)
    groups = group_keys(doc, [g for v in views for g in find_groups(doc, v, lex)])
    meetings = find_meetings(doc, views, lex, holdings, initiatives, groups)
    home = home_country(doc, views, gaz)
    press = [p for v in views for p in press_services(doc, v, lex, home)]
    seats_ = [s for v in views for s in seats(doc, v, lex)]
    return Extraction(doc, mentions, holdings, meetings, initiatives, programmes, groups, press, seats_, person_names)


def read_sentence(doc: Document, s: Sentence, gaz: Gazetteer, lex: Lexicon) -> SentenceView:
    """A sentence's tokens, gazetteer mentions, cue matches, meeting heads and topics; then the names
    nested in its names and the organisations the gazetteer does not hold."""
    tokens = tokenize(s.text, doc.language, offset=s.start)
    mentions = []
    for m in gaz.match(tokens, doc.language):
        e = gaz[m.payload]
        start, end = tokens[m.start].start, tokens[m.end - 1].end
        mentions.append(Mention(s.index, start, end, doc.text[start:end], e.type, e.id, m.start, m.end))
    cues = lex.cues.find_each(tokens)
    # nor has a lemma a tense the other way: "был" (past) shares "быть" with the future cue "будет"
    cues["future_cues"] = [c for c in cues["future_cues"] if not all(lex.grammar.is_past(tokens[t].text) for t in range(c.start, c.end))]
    # a lemma has no tense: "пройдет"/"состоится" (future) share it with "прошла"/"состоялась"
    future = [c for c in cues["held_cues"] if any(lex.grammar.is_future(tokens[t].text) for t in range(c.start, c.end))]
    if future:
        cues["held_cues"] = [c for c in cues["held_cues"] if c not in future]
        cues["future_cues"] = cues["future_cues"] + future
    view = SentenceView(s, tokens, mentions, cues, meeting_heads(doc, tokens, mentions, lex), lex.topics.find(tokens))
    view.nested = nested_names(doc, s, tokens, mentions, gaz)
    find_organisations(doc, view, lex)
    cities_naming_regions(doc, view, lex)
    bodies_in_posts(doc, view, lex)
    compound_countries(doc, view, gaz)
    unlisted_places(doc, view, lex)
    return view
