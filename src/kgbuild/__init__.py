"""kgbuild: press releases about regional diplomacy (kk, ru, en) -> a validated RDF knowledge graph."""

__version__ = "0.1.0"
