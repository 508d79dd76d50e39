"""Who says a supply statement, whether it is denied or hedged, and whether it is a claim at all.

Attribution follows the dependency path from the supply word up to a reporting verb
("officials said", "told Reuters", "according to"); a pronoun speaker ("they said") is the
previous sentence's speaker. Denials are negations on that path or a denying head
("denied supplying", "unaware of any exports"). Hypotheticals, calls to stop and bans are
not claims.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from supplytrace.model import Polarity

REPORTING = {
    "say",
    "tell",
    "add",
    "claim",
    "state",
    "cite",
    "accuse",
    "report",
    "note",
    "warn",
    "allege",
    "believe",
    "assess",
    "conclude",
    "show",
    "reveal",
    "indicate",
    "estimate",
    "announce",
    "confirm",
    "stress",
    "write",
    "argue",
    "insist",
    "suggest",
    "find",
    "document",
    "testify",
    "explain",
    "outline",
    "sketch",
    "describe",
    "acknowledge",
    "admit",
    "deny",
    "point",
    "brief",
}
HEDGING_VERBS = {"claim", "allege", "accuse", "suspect", "suggest", "believe", "think", "assess"}
HEDGE_WORDS = {
    "likely",
    "allegedly",
    "reportedly",
    "possibly",
    "probably",
    "presumably",
    "apparently",
    "purportedly",
    "supposedly",
    "suspected",
    "alleged",
    "reported",
    "unlikely",
    "perhaps",
}
HEDGE_MODALS = {"may", "might", "could"}
NORMATIVE_MODALS = {"should", "must", "would", "shall"}
# "X's claim that China supplies ...": the statement is X's, not the speaker of the sentence's
# main verb (who may be answering it)
CLAIM_NOUNS = {"claim", "allegation", "accusation", "assertion", "charge", "suggestion"}
DENYING = {"deny", "reject", "refute", "dismiss", "rebut", "unaware"}
NEGATIONS = {"not", "n't", "never", "no"}
# Heads under which a supply statement is not a claim: bans, calls to stop, aims to disrupt.
BLOCKING = {
    "urge",
    "call",
    "ask",
    "stop",
    "halt",
    "ban",
    "prohibit",
    "prevent",
    "restrict",
    "refrain",
    "cease",
    "curb",
    "block",
    "disrupt",
    "limit",
    "constrain",
    "avoid",
    "cut",
    "crack",
    "threaten",
    "warn",
    "penalise",
    "penalize",
    "punish",
    "deter",
    "seek",
    "try",
    "want",
    "plan",
    "consider",
    "propose",
    "persuade",
    "convince",
    "press",
    "pressure",
    "impede",
    "choke",
    "counter",
    "combat",
    "tackle",
    "investigate",
    "control",
    "regulate",
    "license",
    "licence",
    "monitor",
    "oversee",
    "scrutinise",
    "scrutinize",
    "vet",
    "screen",
}
_OWN_CLAUSE = {"nsubj", "nsubjpass", "csubj", "relcl", "acl"}
SPEAKER_PRONOUNS = {"they", "he", "she", "it", "we", "i"}
_CLAUSE_LINKS = {
    "ccomp",
    "xcomp",
    "advcl",
    "conj",
    "pcomp",
    "prep",
    "pobj",
    "dobj",
    "acl",
    "parataxis",
    "acomp",
    "nsubj",
    "nsubjpass",
    "attr",
    "oprd",
    "relcl",
    "appos",
}


@dataclass(frozen=True)
class Stance:
    polarity: Polarity
    hedged: bool
    is_claim: bool
    asserted_by: str | None  # None: no speaker in this sentence
    speaker_head: int | None = None  # token index of the speaker's head word


def _path_up(token: Token) -> list[Token]:
    """The trigger and its ancestors up to the root of its sentence."""
    path = [token]
    while path[-1].head.i != path[-1].i:
        path.append(path[-1].head)
    return path


def speaker_phrase(token: Token) -> str:
    """A speaker's noun phrase without relative clauses or trailing punctuation."""
    keep = [
        t
        for t in token.subtree
        if t.dep_ not in {"relcl", "punct", "acl", "appos"}
        and not (t.dep_ == "case" and t.head.i == token.i)
        and not any(
            a.dep_ in {"relcl", "acl", "appos"} and a.i != token.i
            for a in t.ancestors
            if a.i in {x.i for x in token.subtree}
        )
    ]
    words = [t.text for t in keep if t.dep_ != "det" or t.i != keep[0].i]
    return " ".join(words).strip(" ,")


def _claim_owner(noun: Token) -> Token | None:
    for child in noun.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ in {"by", "from"}:
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs:
                return objs[0]
    return None


def _speaker_of(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass"}:
            return child
    if verb.dep_ in {"conj", "advcl", "xcomp"} and verb.head.i != verb.i:
        return _speaker_of(verb.head)
    return None


def analyse(trigger: Token, sent: Span) -> Stance:
    """The stance of the supply statement headed by ``trigger``."""
    path = _path_up(trigger)
    negated = denied_head = hedged = False
    reporting: Token | None = None
    denier: Token | None = None  # "the ministry rejected claims that ...": who denies
    claimed: Token | None = None  # "X's claim that ...": the claim noun the statement is inside
    for depth, tok in enumerate(path):
        children = list(tok.children)
        below_report = reporting is not None
        if not below_report:
            # a negation reaches the statement through its clause, not from a clause the
            # statement's noun phrase is only the subject of ("goods exported ... did not line up")
            scoped = depth == 0 or path[depth - 1].dep_ not in _OWN_CLAUSE
            if scoped and any(
                c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in NEGATIONS) for c in children
            ):
                negated = not negated
            if tok.lemma_.lower() in DENYING and depth > 0:
                denied_head = True
                denier = denier or tok
            if any(
                c.lower_ in HEDGE_WORDS and c.dep_ in {"advmod", "amod", "acomp", "npadvmod"}
                for c in children
            ):
                hedged = True
            if tok.lower_ in HEDGE_WORDS and depth > 0 and tok.pos_ in {"ADJ", "VERB"}:
                hedged = True
            aux = {c.lower_ for c in children if c.dep_ in {"aux", "auxpass"}}
            if aux & HEDGE_MODALS:
                hedged = True
            if aux & NORMATIVE_MODALS and depth <= 1:
                return Stance("asserted", False, False, None)
            if any(c.dep_ == "mark" and c.lower_ in {"if", "unless", "whether"} for c in children):
                return Stance("asserted", False, False, None)
            if (
                depth > 0
                and tok.lemma_.lower() in BLOCKING
                and path[depth - 1].dep_
                in {"xcomp", "ccomp", "dobj", "pcomp", "pobj", "prep", "acomp", "nsubj"}
            ):
                return Stance("asserted", False, False, None)
            if tok.lower_ == "without" and depth > 0:
                return Stance("asserted", False, False, None)
        if (
            depth > 0
            and claimed is None
            and reporting is None
            and tok.pos_ == "NOUN"
            and tok.lemma_.lower() in CLAIM_NOUNS
            and path[depth - 1].dep_ in {"acl", "ccomp"}
        ):
            claimed = tok
        if (
            depth > 0
            and reporting is None
            and tok.lemma_.lower() in REPORTING
            and tok.pos_ in {"VERB", "AUX"}
        ):
            reporting = tok
            if tok.lemma_.lower() in HEDGING_VERBS:
                hedged = True
            if tok.lemma_.lower() == "deny":
                denied_head = True
            if any(c.dep_ == "neg" for c in tok.children):
                negated = not negated if tok.lemma_.lower() == "deny" else negated
    speaker = None
    speaker_head = None
    owner = _claim_owner(claimed) if claimed is not None and not denied_head else None
    if owner is not None:
        # someone else's claim ("Zelenskyy's claim that ...", "claims by Kyiv that ..."): its
        # owner speaks, not the subject of the verb above, who may be rebutting it
        polarity: Polarity = "denied" if negated else "asserted"
        return Stance(polarity, True, True, speaker_phrase(owner), owner.i)
    if reporting is None and denier is not None and denier.pos_ == "VERB":
        reporting = denier
    if reporting is not None:
        subj = _speaker_of(reporting)
        if subj is not None:
            speaker_head = subj.i
            speaker = subj.lower_ if subj.lower_ in SPEAKER_PRONOUNS else speaker_phrase(subj)
    if speaker is None:
        for tok in sent:
            if (
                tok.lower_ in {"according", "as"}
                and tok.i + 1 < len(tok.doc)
                and tok.doc[tok.i + 1].lower_ == ("to" if tok.lower_ == "according" else "per")
            ):
                objs = [c for c in tok.doc[tok.i + 1].children if c.dep_ == "pobj"]
                if objs:
                    speaker_head = objs[0].i
                    speaker = speaker_phrase(objs[0])
                break
    polarity = "denied" if negated or denied_head else "asserted"
    if any(t.lower_ == "unaware" for t in path[1:]):
        hedged = True
    return Stance(polarity, hedged, True, speaker, speaker_head)
