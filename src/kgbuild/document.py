"""Read a press-release file: header, credit line, paragraphs and sentences with character offsets.

File format: first line ` date YYYY-MM-DD <title>`, an optional photo-credit line, then one paragraph a
line. Every span keeps offsets into the decoded file text, so a fact can point back at its sentence.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from .language import abbreviations, detect_language, foreign_script

MAX_BYTES = 5 * 1024 * 1024  # a press release is a few kB; 5 MB is certainly not one
HEADER = re.compile(r"^\s*date\s+(?P<date>\S+)(?:[ \t]+(?P<title>.*))?$")
CREDIT = re.compile(
    r"^\s*(?:Сурет|Фото|Фотосурет|Photo|Photos|Image|Images|Photo credit)\s*[:—–-]\s*\S.{0,100}$",
    re.IGNORECASE,
)
# A sentence ends at . ! ? … (optionally closed by quotes/brackets) followed by space and a capital,
# a digit or an opening quote; abbreviations and initials are checked separately.
SENTENCE_END = re.compile(r"[.!?…]+[\"»”’)\]]*(?=\s+[\"«“(\[]?[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ0-9])")


class DocumentError(ValueError):
    """A source file that cannot be read as a press release; names the file and the problem."""

    def __init__(self, path: Path | str, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{path}: {reason}")


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str
    kind: str = "body"  # "title" or "body"


@dataclass(frozen=True)
class Document:
    path: str
    name: str  # file name, e.g. 000_90a708093f919ed1.txt
    doc_id: str  # file stem, used in IRIs
    date: dt.date
    title: str
    credit: str | None
    text: str
    language: str
    sha256: str
    sentences: tuple[Sentence, ...] = field(default_factory=tuple)

    @property
    def body_sentences(self) -> tuple[Sentence, ...]:
        return tuple(s for s in self.sentences if s.kind == "body")


def _decode(path: Path, raw: bytes) -> str:
    if not raw.strip():
        raise DocumentError(path, "empty file")
    if b"\x00" in raw:
        raise DocumentError(path, "binary file (contains NUL bytes), not a text press release")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DocumentError(path, f"not valid UTF-8 (byte {exc.start}: {exc.reason})") from None
    return text.lstrip("\ufeff")


def read_bytes(path: Path) -> bytes:
    try:
        if not path.is_file():
            raise DocumentError(path, "not a regular file")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise DocumentError(path, f"too large ({size} bytes; a press release is at most {MAX_BYTES})")
        return path.read_bytes()
    except DocumentError:
        raise
    except OSError as exc:
        raise DocumentError(path, f"cannot read ({exc.strerror or exc})") from None


def read_document(path: str | Path, language: str | None = None) -> Document:
    """Read one file; raise DocumentError naming the file and the problem."""
    path = Path(path)
    raw = read_bytes(path)
    return parse_document(raw, path, language)


def parse_document(raw: bytes, path: Path, language: str | None = None) -> Document:
    text = _decode(path, raw)
    lines = text.split("\n")
    header = HEADER.match(lines[0].rstrip("\r"))
    if not header:
        raise DocumentError(path, "no header line ' date YYYY-MM-DD <title>' on line 1")
    try:
        date = dt.date.fromisoformat(header["date"])
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", header["date"]):
            raise ValueError
    except ValueError:
        raise DocumentError(path, f"malformed date {header['date']!r} in header (want YYYY-MM-DD)") from None
    title = (header["title"] or "").strip()

    offset = len(lines[0]) + 1
    sentences: list[Sentence] = []
    if title:
        t_start = text.index(title, header.start("title"))
        sentences.append(Sentence(0, t_start, t_start + len(title), title, "title"))
    credit = None
    paragraphs: list[tuple[int, str]] = []
    for i, line in enumerate(lines[1:]):
        stripped = line.rstrip("\r")
        if i == 0 and CREDIT.match(stripped):
            credit = stripped.strip()
        elif stripped.strip():
            paragraphs.append((offset, stripped))
        offset += len(line) + 1
    if not paragraphs:
        raise DocumentError(path, "no body paragraphs after the header")

    body = " ".join(p for _, p in paragraphs)
    if language is None:
        script = foreign_script(body)
        if script is not None:
            raise DocumentError(path, f"language not supported: the text is mostly in {script} letters "
                                      "(kgbuild reads Kazakh, Russian and English)")
    lang = language or detect_language(body or title)
    abbrevs = abbreviations(lang)
    for p_start, para in paragraphs:
        for s, e in split_sentences(para, abbrevs):
            sentences.append(Sentence(len(sentences), p_start + s, p_start + e, para[s:e]))
    return Document(
        path=str(path),
        name=path.name,
        doc_id=path.stem,
        date=date,
        title=title,
        credit=credit,
        text=text,
        language=lang,
        sha256=hashlib.sha256(raw).hexdigest(),
        sentences=tuple(sentences),
    )


def _is_dateline_piece(piece: str) -> bool:
    words = piece.split()
    return len(words) == 1 or (len(words) == 2 and (piece.isupper() or any(c.isdigit() for c in piece)))


def split_sentences(paragraph: str, abbrevs: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
    """Sentence spans (start, end) in a paragraph, trimmed of surrounding space."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in SENTENCE_END.finditer(paragraph):
        word = re.search(r"(\S+)$", paragraph[start : m.start() + 1])
        last = word.group(1).lower() if word else ""
        # "Mr." / "т.б." / an initial such as "Е." do not end a sentence
        if last in abbrevs or re.fullmatch(r"\W*[^\W\d_]\.", last):
            continue
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(paragraph)))
    # pieces of one or two words opening a paragraph ("ТАШКЕНТ.", "Алматы. 29 ноября.") are a
    # dateline, not sentences: they join the sentence that follows
    while len(spans) > 1 and _is_dateline_piece(paragraph[spans[0][0] : spans[0][1]]):
        spans[:2] = [(spans[0][0], spans[1][1])]
    out = []
    for s, e in spans:
        while s < e and paragraph[s].isspace():
            s += 1
        while e > s and paragraph[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out
