"""Per-language normalisers: the same function reduces gazetteer entries and document tokens."""
