"""Every namespace kgbuild writes, declared once: its own vocabulary (a misspelt term raises instead of
minting a new IRI), its data and shapes namespaces, and the prefixes every output binds."""
from __future__ import annotations

from rdflib import OWL, RDF, RDFS, XSD, Namespace, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, SDO, SKOS, TIME, DefinedNamespace

KG_NS = "https://w3id.org/kgbuild/ontology#"
DATA_NS = "https://w3id.org/kgbuild/id/"
GAF = Namespace("http://groundedannotationframework.org/gaf#")
WD = Namespace("http://www.wikidata.org/entity/")
ID = Namespace(DATA_NS)
KGSH = Namespace("https://w3id.org/kgbuild/shapes#")
# the consolidated layer's named graph: its IRI sorts after every document's (id/doc/...), so it comes last
CONSOLIDATED_GRAPH = DATA_NS + "graph/consolidated"
# the concepts, series and roles kgbuild names things with, once (mappers/vocabulary.py): after the layer
VOCABULARY_GRAPH = DATA_NS + "graph/vocabulary"


class KG(DefinedNamespace):
    _NS = Namespace(KG_NS)
    _fail = True

    Meeting: URIRef
    MeetingSeries: URIRef
    Participation: URIRef
    Group: URIRef
    Region: URIRef
    Format: URIRef
    Initiative: URIRef
    Programme: URIRef
    Priority: URIRef
    PressRelease: URIRef
    Sentence: URIRef
    Mention: URIRef

    ordinal: URIRef
    meetingKind: URIRef
    series: URIRef
    supportedBy: URIRef
    reportedBy: URIRef
    hostCountry: URIRef
    topic: URIRef
    participation: URIRef
    participant: URIRef
    heldPost: URIRef
    participantRole: URIRef
    proposedBy: URIRef
    proposedWith: URIRef
    initiativeKind: URIRef
    isDraft: URIRef
    purpose: URIRef
    owner: URIRef
    programmeKind: URIRef
    period: URIRef
    priority: URIRef
    rank: URIRef
    evidence: URIRef
    inferred: URIRef
    inDocument: URIRef
    inSentence: URIRef
    beginIndex: URIRef
    endIndex: URIRef
    anchorOf: URIRef
    fileName: URIRef
    sha256: URIRef
    plover: URIRef

    # the consolidated layer (one node per real thing over all documents)
    Claim: URIRef
    consolidatedAs: URIRef
    support: URIRef
    source: URIRef
    status: URIRef
    resolution: URIRef
    firstReported: URIRef
    lastReported: URIRef
    shortName: URIRef
    displayName: URIRef
    year: URIRef
    dateInferred: URIRef
    PostHolding: URIRef
    holder: URIRef
    post: URIRef


# The prefixes of every graph kgbuild writes, in the order they are bound (Turtle output depends on it).
PREFIXES = {
    "kg": KG._NS, "id": ID, "schema": SDO, "org": ORG, "prov": PROV, "time": TIME, "skos": SKOS,
    "dcterms": DCTERMS, "gaf": GAF, "rdf": RDF, "rdfs": RDFS, "xsd": XSD, "owl": OWL, "wd": WD,
}
