"""Property-based tests of the reader, the tokenizer, the matchers and the per-document chain.

Arbitrary Unicode (mixed Cyrillic/Kazakh/Latin, very long lines, zero-width and combining characters):
the reader never crashes (a malformed file gives a DocumentError naming the file), and every offset points
at the text it claims: sentences, tokens, gazetteer and cue matches, extracted mentions and evidence, and
the kg:anchorOf / kg:beginIndex / kg:endIndex of every span in a document's named graph.

Hypothesis runs derandomized with no example database, so CI sees the same examples every run.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, event, example, given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import RDF

from kgbuild.document import DocumentError, parse_document, read_document, split_sentences
from kgbuild.datafiles import data_words
from kgbuild.gazetteer import load_gazetteer
from kgbuild.lang import LANGUAGES
from kgbuild.lang import kk as kk_rules
from kgbuild.language import abbreviations, normalize_phrase, tokenize
from kgbuild.matcher import PhraseMatcher, skippable_words
from kgbuild.vocab import KG

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib's own Dataset.contexts etc.

SETTINGS = dict(
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large],
)
FAST = settings(max_examples=300, **SETTINGS)
MEDIUM = settings(max_examples=150, **SETTINGS)
SLOW = settings(max_examples=100, **SETTINGS)

# ------------------------------------------------------------- strategies --

KAZAKH = "әғқңөұүһіӘҒҚҢӨҰҮҺІ"
ZERO_WIDTH = "\u200b\u200d\ufeff\u200c\u2060"
COMBINING = "\u0301\u0300\u0306\u0308\u0327\u0335\u0483\u20dd"
ODD_SPACE = "\t\u00a0\u2009\u3000\x0b\x0c\x85\u2028\r"
PUNCT = ".!?…,;:«»\"“”()[]-–—‐'’+/"

letters = st.sampled_from(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ" + KAZAKH + "0123456789"
)
odd_chars = st.sampled_from(ZERO_WIDTH + COMBINING + ODD_SPACE + PUNCT + "İıßﬁǅΣς")
any_char = st.characters(exclude_categories=("Cs",))  # lone surrogates cannot be written as UTF-8
mixed_char = st.one_of(letters, letters, letters, odd_chars, any_char)
# inside a well-formed document's paragraph: anything but NUL (a binary file) and a line break
line_char = st.one_of(letters, letters, letters, odd_chars,
                      st.characters(exclude_categories=("Cs",), exclude_characters="\x00\n"))


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def _surface_forms() -> list[str]:
    g = load_gazetteer()
    return sorted({f for e in g.entities.values() for f in e.surface_forms()})


SURFACE_FORMS = _surface_forms()
DATA_WORDS = sorted(data_words())
KK_SUFFIXES = sorted(kk_rules.RULES)
TANGUT_RU = "В Алматы прошла встреча \U00017000бен министров иностранных дел."  # U+17000 has no Unicode name
SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_90a708093f919ed1.txt"
# real sentences (the seed in Kazakh, press-release phrasing in English and Russian): runs of their words
# reach the pattern engine's meetings, positions, initiatives and programmes, not only its name matcher
REAL = [line.split() for line in SEED.read_text(encoding="utf-8").splitlines()[2:] if line.strip()] + [s.split() for s in (
    "The 12th annual meeting of deputy foreign ministers of Central Asian states was held in Bishkek on 3 April 2025.",
    "Kazakh Foreign Minister Murat Nurtleu met with the Ambassador of Japan.",
    "Dilshod Akhatov, Deputy Minister of Foreign Affairs of Uzbekistan, attended the meeting.",
    "President Shavkat Mirziyoyev proposed a Regional Strategy on Water Security for Central Asia.",
    "UNRCCA presented its Programme of Action for 2027-2031. The programme rests on three priorities: "
    "conflict prevention, water diplomacy and support for regional dialogue.",
    "The consultative meeting of the heads of state of Central Asia will be held in Astana.",
    "В Ашхабаде 2 октября 2025 года состоялась девятая консультативная встреча глав государств Центральной Азии.",
    "В переговорах участвовал заместитель министра иностранных дел Кыргызстана Алмаз Иманалиев.",
    "Касым-Жомарт Токаев предложил разработать Конвенцию о сотрудничестве в области транзита.",
    "РЦПДЦА утвердил Программу действий на 2027–2031 годы. Программа включает три приоритета: "
    "превентивная дипломатия, раннее предупреждение, а также региональное сотрудничество.",
)]


@st.composite
def words(draw) -> str:
    """A word: gibberish in any script, a word of the data, or a gazetteer name (maybe inflected)."""
    kind = draw(st.integers(0, 11))
    if kind >= 10:
        words_ = draw(st.sampled_from(REAL))
        i = draw(st.integers(0, len(words_) - 1))
        w = " ".join(words_[i : i + draw(st.integers(1, 12))])
    elif kind <= 2:
        w = draw(st.text(line_char, min_size=1, max_size=12))
    elif kind <= 5:
        w = draw(st.sampled_from(DATA_WORDS))
        if draw(st.booleans()):
            w = w[:1].upper() + w[1:]
    else:
        w = draw(st.sampled_from(SURFACE_FORMS))
    if draw(st.integers(0, 4)) == 0:
        w += draw(st.sampled_from(KK_SUFFIXES))  # Kazakh case/possessive endings on anything
    if draw(st.integers(0, 6)) == 0:  # a zero-width or combining character somewhere inside
        i = draw(st.integers(0, len(w)))
        w = w[:i] + draw(st.sampled_from(ZERO_WIDTH + COMBINING)) + w[i:]
    return w


@st.composite
def sentences(draw) -> str:
    ws = draw(st.lists(words(), min_size=1, max_size=12))
    seps = [draw(st.sampled_from([" ", " ", " ", ", ", " - ", " «", "» ", "\u200b ", " \u00a0"])) for _ in ws[1:]]
    body = ws[0] + "".join(s + w for s, w in zip(seps, ws[1:]))
    return body + draw(st.sampled_from([".", ".", "!", "?", "…", ".»", "", "..."]))


@st.composite
def paragraphs(draw, long_repeats: int) -> str:
    if draw(st.integers(0, 15)) == 0:  # a very long line (the same sentence many times over)
        s = draw(sentences())
        return " ".join([s] * draw(st.integers(long_repeats // 4, long_repeats)))
    return " ".join(draw(st.lists(sentences(), min_size=1, max_size=4)))


@st.composite
def documents(draw, long_repeats: int = 800) -> tuple[str, str]:
    """(file text, title) of a well-formed press release; its long lines hold up to `long_repeats` sentences."""
    date = draw(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2099, 12, 31))).isoformat()
    title = draw(st.one_of(st.just(""), sentences()))
    lead = draw(st.sampled_from(["", " ", "\ufeff", "\ufeff ", "\t"]))
    eol = draw(st.sampled_from(["\n", "\r\n"]))
    lines = [f"{lead}date {date}" + (f" {title}" if title else "")]
    if draw(st.booleans()):
        lines.append(draw(st.sampled_from(["Сурет: gov.kz", "Фото: МИД РК", "Photo: mfa.gov.kz", "Photo credit - x"])))
    for p in draw(st.lists(paragraphs(long_repeats), min_size=1, max_size=5)):
        lines.append(p)
        if draw(st.integers(0, 3)) == 0:
            lines.append(draw(st.sampled_from(["", "   ", "\u200b", "\t"])))
    return eol.join(lines) + draw(st.sampled_from(["", eol])), title


# --------------------------------------------------------------- helpers --


def check_sentences(doc) -> None:
    """Every sentence's offsets point at its text; sentences are trimmed, ordered, disjoint, one line each."""
    assert doc.sentences, "a read document has at least one sentence"
    prev_end = -1
    for i, s in enumerate(doc.sentences):
        assert s.index == i
        assert 0 <= s.start < s.end <= len(doc.text)
        assert doc.text[s.start : s.end] == s.text
        assert s.text == s.text.strip() or s.kind == "title"
        assert "\n" not in s.text
        assert s.start >= prev_end, "sentences overlap"
        prev_end = s.end


def read_or_error(path: Path):
    """The document, or None when the reader refused the file with a DocumentError naming it."""
    try:
        return read_document(path)
    except DocumentError as exc:
        assert exc.path == str(path)
        assert str(path) in str(exc) and exc.reason and exc.reason in str(exc)
        return None


# ----------------------------------------------------------------- reader --


@FAST
@given(raw=st.binary(max_size=400))
def test_arbitrary_bytes_read_or_fail_with_an_error_naming_the_file(tmp_path, raw):
    path = tmp_path / "any bytes.txt"
    path.write_bytes(raw)
    doc = read_or_error(path)
    if doc is not None:
        check_sentences(doc)


@FAST
@given(
    header=st.one_of(st.just(""), st.just(" date 2025-12-01 "), st.just("date 2025-02-30 x\n"), st.just(" date 2025-12-01\n"),
                     st.builds(lambda t: f" date 2025-12-01 {t}\n", st.text(mixed_char, max_size=40))),
    body=st.text(mixed_char, max_size=600),
)
def test_arbitrary_text_reads_or_fails_with_an_error_naming_the_file(tmp_path, header, body):
    path = tmp_path / "any text.txt"
    path.write_bytes((header + body).encode("utf-8"))
    doc = read_or_error(path)
    if doc is not None:
        check_sentences(doc)
        assert doc.language in LANGUAGES


@MEDIUM
@given(document=documents())
def test_well_formed_documents_read_with_sentence_offsets_on_their_text(tmp_path, document):
    text, title = document
    path = tmp_path / "doc.txt"
    path.write_bytes(text.encode("utf-8"))
    doc = read_document(path)  # well-formed: must not raise
    check_sentences(doc)
    assert doc.title == title.strip()
    if doc.title:
        assert doc.sentences[0].kind == "title" and doc.sentences[0].text == doc.title
    # every visible character of every body paragraph belongs to exactly one body sentence
    lines = doc.text.split("\n")
    offset = len(lines[0]) + 1
    covered = {i for s in doc.body_sentences for i in range(s.start, s.end)}
    for n, raw_line in enumerate(lines[1:]):
        line = raw_line.rstrip("\r")
        if not (n == 0 and doc.credit is not None and line.strip() == doc.credit):
            for j, c in enumerate(line):
                if not c.isspace():
                    assert offset + j in covered, (repr(line), j)
        offset += len(raw_line) + 1


@FAST
@given(paragraph=st.text(mixed_char, max_size=300), lang=st.sampled_from(LANGUAGES))
def test_split_sentences_spans_are_trimmed_ordered_and_cover_the_paragraph(paragraph, lang):
    spans = split_sentences(paragraph, abbreviations(lang))
    prev = 0
    for s, e in spans:
        assert prev <= s < e <= len(paragraph)
        piece = paragraph[s:e]
        assert piece == piece.strip()
        prev = e
    covered = {i for s, e in spans for i in range(s, e)}
    assert all(i in covered for i, c in enumerate(paragraph) if not c.isspace())


# ------------------------------------------------------ tokens and matchers --


@MEDIUM
@given(text=st.lists(sentences(), min_size=1, max_size=4).map(" ".join), lang=st.sampled_from(LANGUAGES),
       offset=st.integers(0, 10_000))
def test_tokens_point_at_their_text(text, lang, offset):
    padded = "\u200b" * offset + text
    tokens = tokenize(text, lang, offset=offset)
    prev = offset
    for t in tokens:
        assert padded[t.start : t.end] == t.text
        assert t.text and t.start >= prev
        assert " " not in t.key
        prev = t.end


def _entity_keys(gaz, lang: str) -> dict[str, set[tuple[str, ...]]]:
    skip = skippable_words(lang)
    keys: dict[str, set[tuple[str, ...]]] = {}
    for e in gaz.entities.values():
        for form in e.surface_forms():
            keys.setdefault(e.id, set()).add(tuple(k for k in normalize_phrase(form, lang) if k not in skip))
    return keys


_KEYS: dict[str, dict] = {}


def check_matches(text: str, tokens, matches, keys_of, skip) -> None:
    """Matches are ordered and disjoint, and the text they cover normalises to a phrase of their payload."""
    prev = 0
    for m in matches:
        assert prev <= m.start < m.end <= len(tokens)
        prev = m.end
        span = text[tokens[m.start].start : tokens[m.end - 1].end]
        assert span.startswith(tokens[m.start].text) and span.endswith(tokens[m.end - 1].text)
        got = tuple(t.key for t in tokens[m.start : m.end] if t.key not in skip)
        assert got in keys_of(m.payload), (span, m.payload, got)


@MEDIUM
@given(text=st.lists(sentences(), min_size=1, max_size=3).map(" ".join), lang=st.sampled_from(LANGUAGES))
@example(text=TANGUT_RU, lang="ru")  # pymorphy3 used to raise ValueError on a letter without a Unicode name
def test_gazetteer_matches_cover_the_text_of_a_name_of_their_entity(gaz, text, lang):
    if lang not in _KEYS:
        _KEYS[lang] = _entity_keys(gaz, lang)
    tokens = tokenize(text, lang)
    matches = gaz.match(tokens, lang)
    check_matches(text, tokens, matches, lambda eid: _KEYS[lang][eid], skippable_words(lang))
    for m in matches:  # a name is capitalised in the text, unless the gazetteer writes it in lower case
        e = gaz[m.payload]
        forms = [f for f in e.surface_forms() if tuple(
            k for k in normalize_phrase(f, lang) if k not in skippable_words(lang)) in _KEYS[lang][m.payload]]
        if e.type in ("Country", "City", "Region", "Organization", "Person", "Format") and all(
            any(c.isupper() for c in f) for f in forms
        ):
            first = tokens[m.start].text
            assert first[:1].isupper() or first[:1].isdigit(), (first, m.payload)


@MEDIUM
@given(
    phrases=st.lists(st.lists(words(), min_size=1, max_size=3).map(" ".join), min_size=1, max_size=6, unique=True),
    filler=st.lists(words(), max_size=10),
    lang=st.sampled_from(LANGUAGES),
    capitalised=st.booleans(),
    data=st.data(),
)
def test_phrase_matcher_on_arbitrary_phrases_matches_what_it_says(phrases, filler, lang, capitalised, data):
    skip = skippable_words(lang)
    matcher = PhraseMatcher([(p, i) for i, p in enumerate(phrases)], lang, capitalised=capitalised)
    key_of = {i: {tuple(k for k in normalize_phrase(p, lang) if k not in skip)} for i, p in enumerate(phrases)}
    # the text holds some of the phrases among the filler, so there is something to find
    parts = filler + data.draw(st.lists(st.sampled_from(phrases), min_size=1, max_size=4))
    text = " ".join(data.draw(st.permutations(parts)))
    tokens = tokenize(text, lang)
    matches = matcher.find(tokens)
    check_matches(text, tokens, matches, lambda i: key_of[i], skip)
    for m in matcher.find(tokens, max_tokens=2):
        assert m.end - m.start < 2 or sum(t.key not in skip for t in tokens[m.start : m.end]) < 2


@FAST
@given(
    inner=st.sampled_from(SURFACE_FORMS),
    left=st.lists(st.sampled_from(["zzq", "Qxw", "\u200b", "—", "ǅx", "кқх"]), max_size=3),
    right=st.lists(st.sampled_from(["zzq", "qxw", "ъъъ", "…", "ӘӘӘ"]), max_size=3),
    lang=st.sampled_from(LANGUAGES),
)
def test_a_gazetteer_name_among_unknown_words_is_found_at_its_offsets(gaz, inner, left, right, lang):
    """A name as the gazetteer writes it is found, and its span is exactly where it was put (or a
    longer name around it)."""
    skip = skippable_words(lang)
    key = tuple(k for k in normalize_phrase(inner, lang) if k not in skip)
    assume(key)
    prefix = " ".join(left + [""])
    text = prefix + inner + " ".join([""] + right)
    start, end = len(prefix), len(prefix) + len(inner)
    tokens = tokenize(text, lang)
    matches = gaz.match(tokens, lang)
    spans = [(tokens[m.start].start, tokens[m.end - 1].end) for m in matches]
    inside = [s for s in spans if start <= s[0] and s[1] <= end]
    assert inside, (text, spans)
    # the name's own tokens are all covered by one match, at the name's offsets
    first_tok = min(i for i, t in enumerate(tokens) if t.start >= start)
    assert any(s[0] == tokens[first_tok].start for s in inside) or any(
        s[0] <= start and s[1] >= end for s in spans
    )


# ------------------------------------------------------------- extraction --


def _sentence_of(doc, index: int, start: int, end: int) -> None:
    s = doc.sentences[index]
    assert s.start <= start < end <= s.end, (index, start, end, s)


@SLOW
@given(document=documents(long_repeats=100), lang=st.sampled_from((None,) + LANGUAGES))
@example(document=(f" date 2025-12-01 Встреча\n{TANGUT_RU}\n", "Встреча"), lang=None)
def test_extracted_mentions_and_evidence_point_into_their_sentence(gaz, document, lang):
    from kgbuild.extract import extract

    text, _ = document
    doc = parse_document(text.encode("utf-8"), Path("gen.txt"), lang)
    ex = extract(doc, gaz)
    for m in ex.mentions:
        assert doc.text[m.start : m.end] == m.text
        _sentence_of(doc, m.sentence, m.start, m.end)
        assert m.entity
    evidence = [h.evidence for h in ex.holdings] + [i.evidence for i in ex.initiatives]
    evidence += [i.proposer_evidence for i in ex.initiatives if i.proposer_evidence]
    evidence += [p.evidence for p in ex.programmes] + [e for p in ex.programmes for _, e in p.priorities]
    evidence += [g.evidence for g in ex.groups] + [e for _, e in ex.press_services] + [e for *_, e in ex.seats]
    for mt in ex.meetings:
        evidence += mt.evidence + [e for e in (mt.date_evidence, mt.place_evidence) if e]
        evidence += [e for _, e in mt.supporters + mt.reporters + mt.topics + mt.names]
        evidence += [p.evidence for p in mt.participations]
    for ev in evidence:
        _sentence_of(doc, ev.sentence, ev.start, ev.end)
    for what, found in (("mentions", ex.mentions), ("holdings", ex.holdings), ("meetings", ex.meetings),
                        ("initiatives", ex.initiatives), ("programmes", ex.programmes)):
        event(f"{what}: {'some' if found else 'none'}")


# ------------------------------------------------------- the whole chain --

ANCHOR_SPAN = re.compile(r"#char=(\d+),(\d+)$")


@SLOW
@given(document=documents(long_repeats=100))
@example(document=(f" date 2025-12-01 Встреча\n{TANGUT_RU}\n", "Встреча"))
def test_build_document_yields_a_graph_whose_spans_anchor_on_the_document_text(tmp_path, document):
    from kgbuild.pipeline import process_document as build_document

    text, _ = document
    path = tmp_path / "gen_0001.txt"
    path.write_bytes(text.encode("utf-8"))
    result = build_document(str(path))
    assert result.error is None, result.error
    assert result.nquads and result.triples > 0
    ds = Dataset()
    ds.parse(data=result.nquads, format="nquads")
    graphs = [g for g in ds.graphs() if len(g)]
    assert len(graphs) == 1 and str(graphs[0].identifier).endswith("/doc/gen_0001")
    g = graphs[0]
    assert len(g) == result.triples
    doc_text = read_document(path).text
    anchored = 0
    for node, anchor in g.subject_objects(KG.anchorOf):
        begin, end = g.value(node, KG.beginIndex), g.value(node, KG.endIndex)
        assert isinstance(anchor, Literal) and begin is not None and end is not None, node
        b, e = int(begin), int(end)
        assert doc_text[b:e] == str(anchor), (node, b, e)
        anchored += 1
    # every sentence and mention has its anchor; every #char= span's IRI agrees with its indices
    for cls in (KG.Sentence, KG.Mention):
        for node in g.subjects(RDF.type, cls):
            assert g.value(node, KG.anchorOf) is not None, node
    for node in set(g.subjects(KG.beginIndex, None)):
        assert isinstance(node, URIRef)
        m = ANCHOR_SPAN.search(str(node))
        assert m, node
        assert (int(m[1]), int(m[2])) == (int(g.value(node, KG.beginIndex)), int(g.value(node, KG.endIndex)))
        assert 0 <= int(m[1]) < int(m[2]) <= len(doc_text)
    event(f"anchored spans: {'none' if not anchored else 'some'}")
