"""The words supply statements are built from: verbs, nouns, quantity and modifier words.

Sets of lemmas or lower-case forms, grouped by the role they play in a statement, and small
token helpers shared by the relation rules.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

FORWARD = {
    "supply",
    "provide",
    "ship",
    "export",
    "sell",
    "deliver",
    "send",
    "transfer",
    "furnish",
    "give",
    "smuggle",
    "funnel",
    "channel",
    "re-export",
    "reexport",
    "resell",
    "offer",
    "pass",
    "transship",
    "divert",
    "route",
}
BACKWARD = {
    "receive",
    "import",
    "obtain",
    "procure",
    "acquire",
    "buy",
    "purchase",
    "source",
    "get",
    "order",
}
MEANS = {"help", "support", "back", "arm", "equip", "assist", "aid", "fuel", "boost"}
NOMINAL_FORWARD = {
    "export",
    "exports",
    "shipment",
    "shipments",
    "supply",
    "supplies",
    "delivery",
    "deliveries",
    "sale",
    "sales",
    "provision",
    "transfer",
    "transfers",
    "flow",
    "flows",
}
# Trade nouns that mean goods moving even when no goods are named ("imports from the PRC").
TRADE_NOUNS = {"imports", "exports", "shipments", "deliveries"}
NOMINAL_BACKWARD = {"import", "imports", "purchase", "purchases", "procurement", "acquisition"}
GENERIC_GOODS = {
    "good",
    "goods",
    "item",
    "product",
    "equipment",
    "component",
    "part",
    "material",
    "technology",
    "hardware",
    "tool",
    "device",
    "system",
    "supply",
    "machinery",
}
# Goods words that stand alone as what a supply verb moves ("exported goods to Russia").
BARE_GOODS = {
    "goods",
    "products",
    "items",
    "equipment",
    "components",
    "parts",
    "hardware",
    "materials",
    "machinery",
    "technology",
    "technologies",
}
AGREEMENTS = {"contract", "deal", "agreement"}
WAR_NOUNS = {"war", "invasion", "aggression", "offensive", "campaign"}
CONSIGNMENTS = {"shipment", "shipments", "consignment", "consignments", "delivery", "deliveries"}
USING = {"use", "employ", "incorporate", "install", "fit", "rely"}
SHARE_VERBS = {"account", "make", "represent", "comprise", "constitute", "form", "supply"}
ASPECTUAL = {"begin", "start", "continue", "keep", "resume"}
# Nouns that describe a firm by what it does ("a drone manufacturer", "weapons maker X").
DESCRIPTORS = {
    "manufacturer",
    "maker",
    "producer",
    "company",
    "firm",
    "plant",
    "factory",
    "enterprise",
    "contractor",
    "developer",
    "builder",
}
# Definite descriptions that refer back to a named party ("the company signed ...").
REFERRING_NOUNS = {"company", "firm", "manufacturer", "maker", "producer", "supplier", "plant"}
PRODUCERS = {"manufacturer", "maker", "producer", "supplier", "exporter", "vendor", "distributor"}
# Nouns naming a party by what it supplies: "suppliers of chips to Russia", "Chinese drone-parts vendors".
SUPPLIER_NOUNS = {
    "supplier",
    "exporter",
    "vendor",
    "distributor",
    "provider",
    "shipper",
    "reseller",
    "source",
    "conduit",
}
# Parts of a whole: "the components of the drone include ..."
PART_NOUNS = {"component", "part", "element", "module", "subsystem"}
CONTAINING = {"include", "comprise", "contain"}
# Verbs of finding goods inside weapons: "components found in Russian missiles".
FINDING = {"find", "discover", "identify", "recover", "uncover", "detect"}
# Heads that make a party the actor of a supply noun: "entities involved in the supply of X".
PARTICIPATING = {
    "involve",
    "engage",
    "participate",
    "specialise",
    "specialize",
    "implicate",
    "active",
    "complicit",
    "responsible",
    "role",
}
MAKING = {"make", "manufacture", "produce", "build", "design", "develop"}
QUANTIFIERS = {
    "amount",
    "amounts",
    "quantity",
    "quantities",
    "lot",
    "lots",
    "number",
    "numbers",
    "range",
    "kind",
    "kinds",
    "type",
    "types",
    "variety",
    "batch",
    "batches",
    "%",
    "percent",
    "share",
    "array",
    "volume",
    "volumes",
    "set",
    "sets",
    "bulk",
    "majority",
    "part",
    "portion",
    "worth",
    "value",
    "class",
    "category",
    "categories",
    "one",
    "some",
    "most",
    "much",
    "all",
    "per",
    "cent",
    "hundreds",
    "thousands",
    "millions",
    "dozens",
    "million",
    "billion",
    "thousand",
}
_DROP_MODIFIERS = {
    "large",
    "key",
    "critical",
    "vital",
    "other",
    "various",
    "significant",
    "huge",
    "substantial",
    "such",
    "more",
    "new",
    "additional",
    "important",
    "certain",
    "many",
    "several",
    "unspecified",
    "much",
    "needed",
    "crucial",
}
_PURPOSE_PREPS = {"for"}
_NOT_ARGUMENTS = {
    "prep",
    "advcl",
    "advmod",
    "ccomp",
    "mark",
    "punct",
    "aux",
    "auxpass",
    "neg",
    "parataxis",
    "npadvmod",
    "cc",
    "intj",
    "dep",
}


def _sentence_end(doc: Doc, start: int) -> int:
    """End of the sentence that starts at token ``start`` (``start`` itself past the end)."""
    return doc[start].sent.end if start < len(doc) else start


def _is_gloss(conj: Token) -> bool:
    """'machine tools, or numerical control items, to Ruritania': a restatement, not more goods."""
    doc = conj.doc
    ors = [
        c
        for c in conj.head.children
        if c.dep_ == "cc" and c.lower_ == "or" and conj.head.i < c.i < conj.i
    ]
    if not ors or doc[ors[-1].i - 1].text != ",":
        return False
    after = conj.right_edge.i + 1
    return after < len(doc) and doc[after].text in {",", "—", "–", ")"}


def _dash_between(a: Token, b: Token) -> bool:
    """'the Russian military – Reuters': a dash sets off an attribution, not an apposition."""
    lo, hi = sorted((a.i, b.i))
    return any(t.text in {"-", "–", "—"} for t in a.doc[lo:hi])
