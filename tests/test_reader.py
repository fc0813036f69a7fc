"""The reader: header, credit line, paragraphs, sentences with offsets; clear errors naming the file."""
from __future__ import annotations

import datetime as dt

import pytest

from kgbuild.document import DocumentError, read_document, split_sentences


def write(tmp_path, name, text, mode="w"):
    p = tmp_path / name
    if mode == "wb":
        p.write_bytes(text)
    else:
        p.write_text(text, encoding="utf-8")
    return p


def test_seed_header_credit_and_sentences():
    from conftest import SEED

    doc = read_document(SEED)
    assert doc.date == dt.date(2025, 12, 1)
    assert doc.title.startswith("Алматыда Орталық Азия")
    assert doc.credit == "Сурет: gov.kz"
    assert doc.language == "kk"
    assert doc.sentences[0].kind == "title"
    for s in doc.sentences:
        assert doc.text[s.start : s.end] == s.text
    # "Е.Ашықбаев" is an initial, not a sentence end
    assert not any(s.text.endswith("Е.") for s in doc.sentences)
    assert len(doc.body_sentences) == 17


@pytest.mark.parametrize(
    "content,reason",
    [
        ("", "empty file"),
        ("no header here\nbody\n", "no header line"),
        (" date 2025-13-01 Title\nBody.\n", "malformed date"),
        (" date 01.12.2025 Title\nBody.\n", "malformed date"),
        (" date 2025-12-01 Title\n", "no body paragraphs"),
    ],
)
def test_malformed_input_raises_a_clear_error(tmp_path, content, reason):
    p = write(tmp_path, "bad.txt", content)
    with pytest.raises(DocumentError) as e:
        read_document(p)
    assert reason in str(e.value) and str(p) in str(e.value)


def test_invalid_utf8_and_binary_are_rejected(tmp_path):
    bad = write(tmp_path, "latin1.txt", " date 2025-12-01 T\nCaf\xe9\n".encode("latin-1"), "wb")
    with pytest.raises(DocumentError, match="not valid UTF-8"):
        read_document(bad)
    binary = write(tmp_path, "bin.txt", b"\x00\x01\x02 date", "wb")
    with pytest.raises(DocumentError, match="binary"):
        read_document(binary)


def test_languages_are_detected(tmp_path):
    ru = write(tmp_path, "ru.txt", " date 2025-12-01 Встреча\nВ Алматы прошла ежегодная встреча заместителей министров иностранных дел.\n")
    en = write(tmp_path, "en.txt", " date 2025-12-01 Meeting\nThe annual meeting of deputy foreign ministers was held in Almaty.\n")
    assert read_document(ru).language == "ru"
    assert read_document(en).language == "en"


@pytest.mark.parametrize(
    "text,n",
    [
        ("Mr. Kaha Imnadze spoke. He left.", 2),
        ("The U.S. delegation arrived. Talks began.", 2),
        ("Е.Ашықбаев сөйледі. Кездесу аяқталды.", 2),
        ("В 2025 г. прошла встреча. Она завершилась.", 2),
        # a number ending a sentence is no initial
        ("The ministers spoke by phone on March 7. As agreed, the summit follows.", 2),
        ("Телефонный разговор состоялся 7 марта 2025. Стороны обсудили торговлю.", 2),
    ],
)
def test_sentence_split_respects_abbreviations_and_initials(text, n):
    from kgbuild.language import abbreviations

    lang = "en" if text[0].isascii() else ("kk" if "ө" in text or "ә" in text or "Е." in text else "ru")
    assert len(split_sentences(text, abbreviations(lang))) == n
