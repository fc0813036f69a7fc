"""The adjective questions of a language whose adjectives are invariable (Kazakh, English): an adjective
neither agrees with its head nor shows a number, so no word form tells one."""
from __future__ import annotations


def is_adjective(word: str) -> bool:
    return False


def can_be_adjective(word: str) -> bool:
    return False


def is_plural_adjective(word: str) -> bool:
    return False
