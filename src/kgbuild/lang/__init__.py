"""Per-language word grammar: the same function reduces gazetteer entries and document tokens.

kk.py, ru.py and en.py each answer the same questions about a word of their language, under the same
names, so extraction asks `grammar(lang).is_plural(word, key)` and never branches on a language code:

  normalize(word)             the key a word is matched by (Kazakh stem, Russian lemma, English casefold)
  lemmas(word)                every key the word may have
  is_plural(word, key)        whether the word form is plural
  is_future(word)             a finite verb in the future tense; is_past(word): in the past tense
  has_case(word, cases)       whether the word form is in one of the named cases ("genitive", ...)
  is_genitive_attribute(word) a common word in the genitive, continuing a name ("Службы водных ресурсов")
  is_adjective(word)          the word reads first as an adjective; can_be_adjective(word): it may read so
  is_plural_adjective(word)   an adjective that can only be plural ("международные")
  base_word(word)             a name word in its base form; base_name(words): a person's name so
  name_words_agree(given, surname)  a capitalised word and a surname can be one person's name
  is_name_word(word)          a capitalised word may be part of a person's name (not a place, not an adjective)
  nominative(tokens, head_end, text)  a name phrase in its base form
"""
from __future__ import annotations

from types import ModuleType

from . import en, kk, ru

LANGUAGES = ("kk", "ru", "en")
GRAMMARS: dict[str, ModuleType] = {"kk": kk, "ru": ru, "en": en}


def grammar(lang: str) -> ModuleType:
    """The word grammar of a language; English's for a language kgbuild has none for."""
    return GRAMMARS.get(lang, en)
