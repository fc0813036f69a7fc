"""consolidate/turtle.py writes the layer's Turtle itself: the same bytes as output.triples_body over the
sorted N-Triples (what the layer was written with before), for every kind of term."""
import pyoxigraph as ox
import pytest

from kgbuild.consolidate.layer import layer_ntriples
from kgbuild.consolidate.turtle import Terms, join_blocks, subject_blocks
from kgbuild.output import triples_body

XSD = "http://www.w3.org/2001/XMLSchema#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
ID = "https://w3id.org/kgbuild/id/"
KG = "https://w3id.org/kgbuild/ontology#"
SDO = "https://schema.org/"

FACTS = [
    (ID + "consolidated/meeting/m1", RDF + "type", KG + "Meeting"),
    (ID + "consolidated/meeting/m1", RDF + "type", "http://www.w3.org/2004/02/skos/core#Concept"),
    (ID + "consolidated/meeting/m1", SDO + "name", ("встреча «A – B»", RDF + "langString", "ru")),
    (ID + "consolidated/meeting/m1", SDO + "name", ("meeting \"A\"\\B\nC\rD\tE\u2028F\u0085G\x01", RDF + "langString", "en")),
    (ID + "consolidated/meeting/m1", SDO + "name", ("Ab", RDF + "langString", "kk")),
    (ID + "consolidated/meeting/m1", SDO + "startDate", ("2026-04-15", XSD + "date", "")),
    (ID + "consolidated/meeting/m1", KG + "support", ("12", XSD + "integer", "")),
    (ID + "consolidated/meeting/m1", KG + "ordinal", ("012", XSD + "integer", "")),
    (ID + "consolidated/meeting/m1", KG + "isDraft", ("true", XSD + "boolean", "")),
    (ID + "consolidated/meeting/m1", KG + "isDraft", ("1", XSD + "boolean", "")),
    (ID + "consolidated/meeting/m1", KG + "status", ("tied", XSD + "string", "")),
    (ID + "consolidated/meeting/m1", KG + "odd", ("x", "urn:example:type", "")),
    (ID + "consolidated/meeting/m1", KG + "value", ("1.5", XSD + "decimal", "")),
    (ID + "consolidated/meeting/m1", SDO + "location", "http://www.wikidata.org/entity/Q1"),
    (ID + "consolidated/meeting/m1", SDO + "location", SDO + "a/b"),
    (ID + "consolidated/meeting/m1", SDO + "location", SDO + "a.b."),
    (ID + "consolidated/meeting/m1", SDO + "location", ID + "consolidated/city/astana"),
    (ID + "meeting/doc1-m", KG + "consolidatedAs", ID + "consolidated/meeting/m1"),
    (SDO + "Thing", RDF + "type", "http://www.w3.org/2002/07/owl#Class"),
    (ID + "consolidated/claim/00ff", RDF + "subject", ID + "consolidated/meeting/m1"),
    (ID + "consolidated/claim/00ff", RDF + "object", ("2026-04", XSD + "gYearMonth", "")),
]


def test_blocks_are_oxigraphs_turtle():
    terms = Terms()
    terms.add(x for f in FACTS for x in f)
    expected = triples_body(ox.parse(layer_ntriples(FACTS)[0], format=ox.RdfFormat.N_TRIPLES), presorted=True)
    assert join_blocks(subject_blocks(FACTS, terms)) == expected
    # blocks made in several groups (one per canonical node) join to the same body
    halves = subject_blocks(FACTS[:17], terms) + subject_blocks(FACTS[17:], terms)
    assert join_blocks(halves) == expected


def test_terms_are_rendered_once():
    terms = Terms()
    terms.add([SDO + "name", ("12", XSD + "integer", "")])
    assert terms.turtle == {SDO + "name": "schema:name", ("12", XSD + "integer", ""): "12"}
    terms.add([SDO + "name", ("x", RDF + "langString", "en")])
    assert terms.turtle[("x", RDF + "langString", "en")] == '"x"@en'


def test_a_subject_in_two_blocks_is_refused():
    terms = Terms()
    facts = [(ID + "a", KG + "p", ID + "b"), (ID + "a", KG + "q", ID + "c")]
    terms.add(x for f in facts for x in f)
    with pytest.raises(RuntimeError, match="two blocks"):
        join_blocks(subject_blocks(facts[:1], terms) + subject_blocks(facts[1:], terms))


def test_the_layer_written_a_block_at_a_time_is_the_layers_text():
    """What the build writes block by block (graph.trig, graph.ttl, consolidated.ttl) is what trig_block
    and the whole body give."""
    from conftest import CORPUS
    from kgbuild.consolidate.step import build_layer
    from kgbuild.consolidate.summary import summarise_terms
    from kgbuild.output import trig_block
    from kgbuild.pipeline import document_triples
    from kgbuild.vocab import CONSOLIDATED_GRAPH

    summaries = [summarise_terms(g.identifier, g).pack()
                 for g in (document_triples(p) for p in sorted(CORPUS.glob("*.txt"))[:6])]
    layer = build_layer(summaries)
    assert len(layer.parts) > 10 and layer.body
    assert "".join(layer.trig_pieces(CONSOLIDATED_GRAPH)) == trig_block(CONSOLIDATED_GRAPH, layer.body)
    assert "".join(layer.turtle_pieces()) == "\n" + layer.body + "\n"
    empty = build_layer([])
    assert empty.body == "" and not list(empty.trig_pieces(CONSOLIDATED_GRAPH)) and not list(empty.turtle_pieces())


@pytest.mark.parametrize("batch", [1, 7, 40, 1 << 20])
def test_the_layer_written_in_batches_is_the_same_text_line_for_line(monkeypatch, batch):
    """Blocks joined into batches of any size and indented a batch at a time give the line-by-line rule's
    text: each line indented by four spaces, a blank line (or one of white space only) left empty."""
    from kgbuild.consolidate import step
    from kgbuild.output import trig_block
    from kgbuild.vocab import CONSOLIDATED_GRAPH

    parts = ["<a> <p> 1 .\n\n", "<b> <p> 2 ;\n    <q> 3 .\n\n", "\n", "<c> <p> \"x\" .\n  \n\t\n\n",
             "<d> <p> \"\u00a0\" .\n\u2003\n\n", "<e> <p> 5 .\n"]
    monkeypatch.setattr(step, "BATCH_CHARS", batch)
    monkeypatch.setattr(step._batches, "__defaults__", (batch,))
    layer = step.Layer(parts=parts)
    assert "".join(layer.trig_pieces(CONSOLIDATED_GRAPH)) == trig_block(CONSOLIDATED_GRAPH, layer.body)
    assert "".join(layer.turtle_pieces()) == "\n" + layer.body + "\n"
    plain = step.Layer(parts=[p for p in parts if not p.strip(" \n") or p.isascii()])
    assert "".join(plain.trig_pieces(CONSOLIDATED_GRAPH)) == trig_block(CONSOLIDATED_GRAPH, plain.body)


def test_indenting_a_batch_is_the_line_by_line_rule_on_any_text():
    """_indented's fast path (str.replace) and its test for lines of white space give the line-by-line
    rule's text on texts made of line feeds, blanks (ASCII and not), carriage returns and letters."""
    import random

    from kgbuild.consolidate.step import _indented

    def by_lines(text: str) -> str:
        text = text[: text.rfind("\n") + 1]
        return "".join(("    " + line if line.strip() else "") + "\n" for line in text.split("\n")[:-1])

    rng = random.Random(5)
    alphabet = ["a", "<b>", "\n", "\n", " ", "\t", "\r", "\u00a0", "\u2003", "\n\n"]
    texts = ["", "\n", "\n\n\n", "a", "a\n", "a\n\n\nb\n", " \na\n", "a\n \n", "a\n\n", "\t\n\n"]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14))) for _ in range(5000)]
    for text in texts:
        assert _indented(text) == by_lines(text), repr(text)


def test_the_layer_written_into_two_files_gives_both_the_same_bytes():
    from kgbuild.consolidate.step import Layer

    class Sink:
        def __init__(self):
            self.data = b""

        def write(self, data):
            self.data += data

    layer = Layer(parts=["<a> <p> \"é\" .\n\n", "<b> <p> 2 .\n"])
    a, b = Sink(), Sink()
    layer.write((a, b))
    assert a.data == b.data == ("\n" + layer.body + "\n").encode("utf-8")
