"""Features of candidates, as strings: what the learned scorer weighs.

Three groups, one per decision: a pair's (is there a supply statement from this supplier to
this recipient, asserted or denied), a goods phrase's (is this what the pair's statement moves)
and a statement's hedge. They read the parse around the parties, the cue words, the stance
analysis and the rule finder's statements; none of them names a company, a country or a
document.
"""

from __future__ import annotations

import itertools

from spacy.tokens import Span, Token

from supplytrace.extract.learned.candidates import Goods, Sentence, Slot
from supplytrace.extract.stance import (
    DENYING,
    HEDGE_MODALS,
    HEDGE_WORDS,
    HEDGING_VERBS,
    NEGATIONS,
    Stance,
    analyse,
)

_MAX_PATH = 6
_GENERIC = {"good", "item", "product", "equipment", "supply", "material", "technology", "export"}


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def _ancestors(tok: Token) -> list[Token]:
    chain = [tok]
    while chain[-1].head.i != chain[-1].i and len(chain) < 40:
        chain.append(chain[-1].head)
    return chain


def dep_path(a: Token, b: Token) -> tuple[list[str], list[str], Token | None]:
    """The dependency path from ``a`` up to the lowest common ancestor and down to ``b``:
    the labels going up, the labels going down, and the ancestor."""
    up = _ancestors(a)
    down = _ancestors(b)
    down_ids = {t.i: n for n, t in enumerate(down)}
    for n, tok in enumerate(up):
        if tok.i in down_ids:
            m = down_ids[tok.i]
            return [t.dep_ for t in up[:n]], [t.dep_ for t in reversed(down[:m])], tok
    return [], [], None


def _path_string(a: Token, b: Token, lexical: bool) -> str | None:
    ups, downs, top = dep_path(a, b)
    if top is None or len(ups) + len(downs) > _MAX_PATH:
        return None
    middle = _lemma(top) if lexical else top.pos_
    return "^".join(ups) + f"|{middle}|" + "v".join(downs)


def _governor(tok: Token) -> str:
    """How a noun hangs in its clause: 'pobj:to', 'dobj', 'nsubj'."""
    if tok.dep_ == "pobj":
        return f"pobj:{tok.head.lower_}"
    if tok.dep_ in {"conj", "appos"} and tok.head.i != tok.i:
        return _governor(tok.head) + "+conj"
    return tok.dep_


_LIST_PREPS = {"as", "including", "like"}


def _anchor(tok: Token) -> Token:
    """Where a list member hangs: the list's first member, or the noun a "such as" or
    "including" list gives examples of ("firms such as A, B and C supply ...": B and C are
    suppliers through the same path as A, and A through "firms")."""
    for _ in range(6):
        if tok.dep_ in {"conj", "appos"} and tok.head.i != tok.i:
            tok = tok.head
        elif (
            tok.dep_ == "pobj"
            and tok.head.lower_ in _LIST_PREPS
            and tok.head.head.pos_ in {"NOUN", "PROPN"}
        ):
            tok = tok.head.head
        else:
            break
    return tok


def _bucket(n: int) -> str:
    for limit in (2, 4, 8, 16):
        if n <= limit:
            return str(limit)
    return "far"


def nearest_cue(sentence: Sentence, tok: Token) -> Token | None:
    """The sentence's cue word closest to ``tok`` in the parse (the first, on a tie)."""
    key = ("cue", tok.i)
    if key not in sentence.memo:
        best, best_len = None, 99
        for cue in sentence.cues:
            ups, downs, top = dep_path(tok, cue)
            if top is None:
                continue
            length = len(ups) + len(downs)
            if length < best_len or (length == best_len and best is not None and cue.i < best.i):
                best, best_len = cue, length
        sentence.memo[key] = best
    return sentence.memo[key]  # type: ignore[no-any-return]


def stance_of(sentence: Sentence, cue: Token) -> Stance:
    """The rules' stance analysis of the statement headed by ``cue``, once per sentence."""
    key = ("stance", cue.i)
    if key not in sentence.memo:
        sentence.memo[key] = analyse(cue, sentence.span)
    return sentence.memo[key]  # type: ignore[no-any-return]


def _rule_cues(sentence: Sentence, supplier: Slot, recipient: Slot | None) -> list[str]:
    cues = []
    for raw in sentence.rules:
        names = {p.name for p in raw.suppliers}
        if supplier.name in names:
            cues.append("rule:s")
            recipients = {p.name for p in raw.recipients}
            if recipient is not None and recipient.name in recipients:
                cues.append("rule:sr")
            elif recipient is None and not recipients:
                cues.append("rule:s-none")
        elif raw.supplier_pronoun is not None and supplier.source == "previous":
            cues.append("rule:pronoun")
        if recipient is not None and recipient.name in {p.name for p in raw.recipients}:
            cues.append("rule:r")
    return sorted(set(cues))


def _slot_features(prefix: str, slot: Slot, sent: Span) -> list[str]:
    doc = sent.doc
    head = slot.party.head(doc)
    gov = _governor(head)
    out = [
        f"{prefix}kind={slot.kind}",
        f"{prefix}src={slot.source}",
        f"{prefix}gov={gov}",
        f"{prefix}gov_head={gov}>{_lemma(head.head)}",
    ]
    if slot.party.metonym:
        out.append(f"{prefix}metonym")
    if slot.party.kind == "group":
        out.append(f"{prefix}group")
    if head.dep_ in {"amod", "compound", "poss"}:
        out.append(f"{prefix}mod_of={_lemma(head.head)}")
    left = doc[slot.party.start - 1] if slot.party.start > sent.start else None
    if left is not None:
        out.append(f"{prefix}left={left.lower_}")
    return out


def pair_features(sentence: Sentence, supplier: Slot, recipient: Slot | None) -> list[str]:
    sent = sentence.span
    doc = sent.doc
    s_head = _anchor(supplier.party.head(doc))
    feats = ["bias"]
    if s_head.i != supplier.party.head(doc).i:
        feats.append("s.listed")
    feats += _slot_features("s.", supplier, sent)
    rk = recipient.kind if recipient else "none"
    feats.append(f"kinds={supplier.kind}>{rk}")
    if recipient is not None:
        r_head = _anchor(recipient.party.head(doc))
        feats += _slot_features("r.", recipient, sent)
        feats.append("order=" + ("sr" if supplier.party.start < recipient.party.start else "rs"))
        feats.append("dist=" + _bucket(abs(supplier.party.start - recipient.party.start)))
        lexical = _path_string(s_head, r_head, True)
        if lexical:
            feats.append(f"path={lexical}")
            feats.append(f"upath={_path_string(s_head, r_head, False)}")
        else:
            feats.append("path=long")
        lo, hi = sorted((supplier.party.end, recipient.party.start))
        if supplier.party.start > recipient.party.start:
            lo, hi = recipient.party.end, supplier.party.start
        # the first ten words between them (lazily: the parties may be sentences apart)
        between = (t for t in doc[lo:hi] if t.is_alpha and not t.is_stop or t.lower_ in NEGATIONS)
        for tok in itertools.islice(between, 10):
            feats.append(f"btw={_lemma(tok)}")
        cue = nearest_cue(sentence, r_head)
        s_cue = nearest_cue(sentence, s_head)
        if cue is not None and s_cue is not None and cue.i == s_cue.i:
            # the whole pattern around one cue word: "nsubj > ship < prep pobj:to"
            left = _path_string(s_head, cue, False) or "long"
            right = _path_string(cue, r_head, False) or "long"
            feats.append(f"pattern={left}#{_lemma(cue)}#{right}")
            feats.append(f"upattern={left}#{cue.pos_}#{right}")
            feats.append(f"govs={_governor(s_head)}#{_lemma(cue)}#{_governor(r_head)}")
        if cue is not None:
            feats.append(f"r.cue={_lemma(cue)}")
            path = _path_string(cue, r_head, False)
            feats.append(f"cue>r={path or 'long'}")
            feats.append(f"cue>r.lex={_lemma(cue)}:{path or 'long'}")
            feats.append(f"r.gov.cue={_governor(r_head)}:{_lemma(cue)}")
    else:
        others = sum(1 for s in sentence.slots if s.name != supplier.name and s.kind == "country")
        feats.append(f"none.others={min(others, 3)}")
    cue = nearest_cue(sentence, s_head)
    if cue is not None:
        lemma = _lemma(cue)
        feats.append(f"s.cue={lemma}")
        feats.append(f"kinds.cue={supplier.kind}>{rk}:{lemma}")
        feats.append(f"s.gov.cue={_governor(s_head)}:{lemma}")
        path = _path_string(s_head, cue, False)
        feats.append(f"s>cue={path or 'long'}")
        if path:
            feats.append(f"s>cue.lex={lemma}:{path}")
        stance = stance_of(sentence, cue)
        feats.append(f"stance={stance.polarity}")
        if not stance.is_claim:
            feats.append("stance.not_claim")
        if stance.hedged:
            feats.append("stance.hedged")
        if stance.speaker_head is not None:
            speaker = {t.i for t in doc[stance.speaker_head].subtree}
            if s_head.i in speaker:
                feats.append("s.is_speaker")
            if recipient is not None and recipient.party.head(doc).i in speaker:
                feats.append("r.is_speaker")
    else:
        feats.append("s.cue=none")
    for cue_tok in sentence.cues:
        feats.append(f"cue={_lemma(cue_tok)}")
    feats += _polarity_words(sent)
    feats += _rule_cues(sentence, supplier, recipient)
    if sentence.index == 0:
        feats.append("headline")
    feats.append(f"n_slots={_bucket(len(sentence.slots))}")
    return feats


def _polarity_words(sent: Span) -> list[str]:
    out = []
    for tok in sent:
        lemma = _lemma(tok)
        if tok.dep_ == "neg" or tok.lower_ in NEGATIONS:
            out.append(f"neg={tok.lower_}")
        if lemma in DENYING:
            out.append(f"deny={lemma}")
        if lemma in {"evidence", "allegation", "accusation", "claim", "report", "baseless"}:
            out.append(f"pol={lemma}")
    return out


def goods_features(
    sentence: Sentence, goods: Goods, supplier: Slot, cue: Token | None
) -> list[str]:
    doc = sentence.span.doc
    root = doc[goods.root]
    lemma = _lemma(root)
    gov = _governor(root)
    feats = [
        "bias",
        f"g.lemma={lemma}",
        f"g.cat={goods.category or 'none'}",
        f"g.gov={gov}",
        f"g.gov_head={gov}>{_lemma(root.head)}",
        f"g.len={_bucket(goods.end - goods.start)}",
    ]
    if goods.category:
        feats.append("g.in_taxonomy")
    if lemma in _GENERIC:
        feats.append("g.generic")
    if root.pos_ == "PROPN":
        feats.append("g.propn")
    s_head = supplier.party.head(doc)
    feats.append("g.order=" + ("after" if goods.start > supplier.party.start else "before"))
    path = _path_string(s_head, root, False)
    feats.append(f"s>g={path or 'long'}")
    if cue is not None:
        cpath = _path_string(cue, root, False)
        feats.append(f"cue>g={cpath or 'long'}")
        feats.append(f"cue>g.lex={_lemma(cue)}:{cpath or 'long'}")
        feats.append("g.side=" + ("after_cue" if goods.start > cue.i else "before_cue"))
    if any(doc[i].i == supplier.party.start for i in range(goods.start, goods.end)):
        feats.append("g.has_supplier")
    return feats


def hedge_features(sentence: Sentence, cue: Token | None) -> list[str]:
    sent = sentence.span
    feats = ["bias"]
    for tok in sent:
        lemma = _lemma(tok)
        if tok.lower_ in HEDGE_WORDS or lemma in HEDGING_VERBS or tok.lower_ in HEDGE_MODALS:
            feats.append(f"h={lemma}")
        if lemma in {"accuse", "allege", "suspect", "report", "claim", "believe", "say"}:
            feats.append(f"hv={lemma}")
    if cue is not None:
        stance = stance_of(sentence, cue)
        if stance.hedged:
            feats.append("stance.hedged")
        for anc in _ancestors(cue)[1:4]:
            feats.append(f"h.anc={_lemma(anc)}")
        for child in cue.children:
            if child.dep_ in {"aux", "advmod", "neg"}:
                feats.append(f"h.child={child.lower_}")
    return feats
