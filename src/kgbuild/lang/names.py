"""Persons' names of the region, whatever the language of the text they stand in."""
from __future__ import annotations

import re

# Surnames of the region (Russian-style -ов/-ев/-ин, Kazakh -ұлы/-қызы, Georgian -дзе/-швили, ...),
# in Cyrillic and Latin, base form; an inflected form is reduced by its language's base_word first.
SURNAME = re.compile(
    r"(?:ов|ев|ёв|ова|ева|ёва|ин|ина|ын|ына|улы|ұлы|уулу|кызы|қызы|дзе|швили|ян|енко|ский|ская|зода|заде|"
    r"ov|ev|yev|iev|ova|eva|yeva|in|ina|uly|uulu|kyzy|dze|shvili|yan|enko|sky|skaya|zoda|zade)$"
)
