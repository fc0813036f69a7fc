"""Document-local IRIs (a meeting with no series number or date, a group with no owner) name the fact by what
the text says of it, not by where: a sentence or a word added elsewhere leaves them as they were, and two
meetings (groups) of one kind in one document stay two. The documents are invented for the tests."""
from __future__ import annotations

import re
from pathlib import Path

from rdflib import RDF

from kgbuild.document import parse_document
from kgbuild.extract import extract
from kgbuild.extract.keys import group_keys, meeting_keys, numbered
from kgbuild.facts import Evidence, Group, MeetingFact, Participation
from kgbuild.mappers.meetings import meeting_iri
from kgbuild.pipeline import document_graph
from kgbuild.vocab import KG

LEAD = ("Minister of Foreign Affairs of Kazakhstan Daniyar Omarov held talks with Minister of Foreign Affairs of "
        "Estonia Kadri Tamm.")
LATER = ("Later Daniyar Omarov met with Minister of Foreign Affairs of Finland Mikko Laine and Minister of Economy "
         "of Finland Aino Virtanen.")
INSERTED = "The ministry published its weekly schedule of events."
ATTENDED = "Representatives of several ministries and experts of both sides also took part in the talks."


def text(*paragraphs: str) -> str:
    return " date 2025-06-02 Minister meets counterparts\n" + "\n".join(paragraphs) + "\n"


def meetings(body: str) -> dict[frozenset[str], str]:
    """Each meeting's IRI by the persons taking part."""
    ex = extract(parse_document(body.encode("utf-8"), Path("invented-en.txt"), "en"))
    return {frozenset(p.agent for p in m.participations): str(meeting_iri(m)) for m in ex.meetings}


def test_an_edit_elsewhere_leaves_the_meeting_iris_as_they_were():
    before = meetings(text(LEAD, LATER))
    assert len(before) == 3 and len(set(before.values())) == 3  # talks with Tamm, a meeting each with Laine and Virtanen
    assert meetings(text(LEAD, INSERTED, LATER)) == before  # a sentence added before two of them
    assert meetings(text(LEAD, LATER.replace("Later ", "Later that day "))) == before  # words added before one
    assert meetings(text(LEAD.replace("Minister", "On Monday, Minister", 1), LATER)) == before


def test_two_meetings_of_one_kind_named_alike_in_one_document_stay_two():
    iris = meetings(text(LEAD, LATER))
    laine = next(v for k, v in iris.items() if "person/mikko-laine" in k)
    virtanen = next(v for k, v in iris.items() if "person/aino-virtanen" in k)
    assert laine != virtanen and "/meeting-" in laine and "/meeting-" in virtanen


def test_the_graph_has_the_same_meeting_nodes_after_an_edit_elsewhere(tmp_path):
    def nodes(folder: str, body: str) -> set[str]:
        path = tmp_path / folder / "invented-en.txt"
        path.parent.mkdir()
        path.write_text(body, encoding="utf-8")
        return {str(s) for s in document_graph(path).subjects(RDF.type, KG.Meeting)}

    before = nodes("a", text(LEAD, LATER))
    assert len(before) == 3
    assert nodes("b", text(LEAD, INSERTED, LATER)) == before


def test_meetings_the_words_do_not_tell_apart_are_numbered_in_their_order_in_the_text():
    doc = parse_document(text(LEAD, LATER).encode("utf-8"), Path("invented-en.txt"), "en")
    at = doc.text.index("talks")
    cue = Evidence(1, at, at + len("talks"))

    def fact(local: str, sentence: int, offset: int) -> MeetingFact:
        # the same cue words ("talks"), no person named: nothing but the order tells them apart
        ev = Evidence(sentence, offset, offset + cue.end - cue.start)
        return MeetingFact(local=local, kind="talks", evidence=[ev], names=[("talks", ev)])

    first, second = fact(f"{doc.doc_id}/{at}", 1, at), fact(f"{doc.doc_id}/{at + 500}", 2, at)
    again = fact(second.local, 2, at)  # the same meeting named again: the same key
    series = MeetingFact(local="ca-foreign-ministers/3", kind="meeting")
    facts = [second, again, first, series]  # the extractor's order is not the text's
    meeting_keys(doc, facts)
    assert re.fullmatch(rf"{doc.doc_id}/talks-[0-9a-f]{{12}}", first.local)
    assert second.local == first.local + "-2" == again.local
    assert series.local == "ca-foreign-ministers/3"
    # a person named with the cue tells a third one apart without a number
    third = fact(f"{doc.doc_id}/{at + 900}", 1, at)
    third.participations.append(Participation("person/kadri-tamm", None, None, Evidence(1, 0, 5)))
    meeting_keys(doc, [third])
    assert re.fullmatch(rf"{doc.doc_id}/talks-[0-9a-f]{{12}}", third.local) and third.local != first.local


def test_numbered_counts_each_key_apart():
    assert numbered(["a", "b", "a", "a", "b"]) == ["a", "b", "a-2", "a-3", "b-2"]



def test_a_group_with_no_owner_keeps_its_iri_after_an_edit_elsewhere():
    def groups(body: str) -> dict[str, str]:
        ex = extract(parse_document(body.encode("utf-8"), Path("invented-en.txt"), "en"))
        return {g.label: g.key for g in ex.groups}

    before = groups(text(LEAD, ATTENDED))
    assert set(before) == {"Representatives of several ministries", "experts of both sides"}
    assert all(key.split("-")[1:3] == ["invented", "en"] for key in before.values())  # the document's own
    assert groups(text(LEAD, INSERTED, ATTENDED)) == before
    assert groups(text(INSERTED, LEAD, "Later that day. " + ATTENDED)) == before


def test_groups_with_no_owner_named_alike_are_numbered_in_text_order_and_owned_ones_keep_their_key():
    doc = parse_document(text(LEAD).encode("utf-8"), Path("invented-en.txt"), "en")
    second = Group("delegations-invented-en", "delegations", "the delegations", None, Evidence(2, 10, 25))
    first = Group("delegations-invented-en", "delegations", "The delegations", None, Evidence(1, 40, 55))
    owned = Group("delegations-country-ee", "delegations", "delegations of Estonia", "country/ee", Evidence(1, 0, 9))
    group_keys(doc, [second, owned, first])
    assert re.fullmatch(r"delegations-invented-en-[0-9a-f]{12}", first.key)
    assert second.key == first.key + "-2"
    assert owned.key == "delegations-country-ee"
