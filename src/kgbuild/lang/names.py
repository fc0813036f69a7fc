"""Persons' names of the region, whatever the language of the text they stand in."""
from __future__ import annotations

import re

# Surnames of the region (Russian-style -ов/-ев/-ин, Kazakh -ұлы/-қызы, Georgian -дзе/-швили, ...),
# in Cyrillic and Latin, base form; an inflected form is reduced by its language's base_word first.
SURNAME = re.compile(
    r"(?:ов|ев|ёв|ова|ева|ёва|ин|ина|ын|ына|улы|ұлы|уулу|кызы|қызы|дзе|швили|ян|енко|ский|ская|зода|заде|"
    r"ov|ev|yev|iev|ova|eva|yeva|in|ina|uly|uulu|kyzy|dze|shvili|yan|enko|sky|skaya|zoda|zade)$"
)

# Lower-case words inside a name ("Abdullatif bin Rashid Al-Zayani", "Antonello de Riu", "Ludwig van Beek"),
# and prefixes joined to a surname by a hyphen ("al-Yahya")
NAME_PARTICLES = frozenset({"bin", "ibn", "bint", "al", "el", "de", "da", "di", "del", "della", "van", "von", "der",
                            "den", "ter", "le", "la", "dos", "du", "ben",
                            # the same in Cyrillic ("Антонелло Де Риу"; not "да", a conjunction)
                            "бин", "ибн", "бинт", "аль", "эль", "де", "ди", "дель", "делла", "ван", "фон", "дер",
                            "ле", "ла", "дос", "дю", "бен"})
PARTICLE_PREFIX = re.compile(r"^(?:al|el|ad|ash|as|at|ar|az|an|ibn|bin|de|di|da)-\w", re.IGNORECASE)
