"""One claim per content, and a claim inside another speaker's claim: which one is kept."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from escalation_cli import lexicon as lx
from escalation_cli.pipeline.claims.cue import ClaimCue


def _cut_at_trailing(cue: ClaimCue, trailing: list[ClaimCue]) -> ClaimCue:
    """A content stops before a trailing ", the report said" of its sentence."""
    for t in trailing:
        if t is cue:
            continue
        comma = t.content[1]
        if cue.content[0] < comma < cue.content[1] and t.cue[0] < cue.content[1] + 2:
            return replace(cue, content=(cue.content[0], comma))
    return cue


def dedupe(cues: list[ClaimCue]) -> list[ClaimCue]:
    """One claim per content ("repeated its statement that ..." is found by verb and noun)."""
    seen: dict[tuple[int, int], ClaimCue] = {}
    for cue in cues:
        kept = seen.get(cue.content)
        if kept is None or (kept.claimant is None and cue.claimant is not None):
            seen[cue.content] = cue
    return sorted(seen.values(), key=lambda c: (c.content[0], c.cue[0]))


# inner claims that do not make their outer claim a mere relay: the outer claimant vouches
# for them ("officials said the attack was believed to ...", "X said, according to Y")
_NOT_RELAYED = frozenset({"according", "trailing", "belief", "hearsay"})


def drop_nested(cues: list[ClaimCue], doc: Doc | None = None) -> list[ClaimCue]:
    """When a claim's content is itself, for the most part, another attributed claim, keep the
    inner one and record the outer claimant as its relay ("X explained that ..., the report
    said"). Some claims inside another are only part of it (see ``_part_of_another``)."""
    trailing = [c for c in cues if c.kind == "trailing"]
    cues = [_cut_at_trailing(c, trailing) for c in cues]
    cues = [c for c in cues if not _part_of_another(c, cues, doc)]
    kept = [
        outer
        for outer in cues
        if outer.kind not in ("verb", "passive", "trailing")
        or not any(
            c is not outer
            and _nested(c, outer)
            and c.kind not in _NOT_RELAYED
            and _covers(c, outer)
            for c in cues
        )
    ]
    result = []
    kept_ids = {id(c) for c in kept}  # identity, not equality: a long text has many cues
    dropped = [c for c in cues if id(c) not in kept_ids]
    for cue in kept:
        outer = next((c for c in dropped if c.content[0] <= cue.cue[0] < c.content[1]), None)
        if outer is not None and cue.via is None and outer.claimant is not None:
            cue = replace(cue, via=outer.claimant)
        result.append(cue)
    return result


def _part_of_another(cue: ClaimCue, cues: list[ClaimCue], doc: Doc | None) -> bool:
    """A claim inside another that is only part of it: the author's qualifier ("X said it
    struck back at an alleged attack"), the speaker's own words ("... and we will announce a
    timetable, he stressed"), more of the same speaker's claim, or evidence that "suggests"
    something ("the official said the preliminary accounts suggest ...")."""
    outers = [o for o in cues if o is not cue and _nested(cue, o)]
    if not outers:
        return False
    if cue.kind in ("hearsay", "belief"):
        return True
    if cue.claimant is not None and any(o.claimant == cue.claimant for o in outers):
        return True
    if doc is None:
        return False
    first_person = cue.claimant is not None and doc[cue.claimant].lower_ in ("we", "i")
    return first_person or _evidential(doc, cue)


def _nested(inner: ClaimCue, outer: ClaimCue) -> bool:
    return (
        outer.content[0] <= inner.cue[0] < outer.content[1]
        and inner.content[0] >= outer.content[0]
        and inner.content[1] <= outer.content[1] + 1
    )


def _covers(inner: ClaimCue, outer: ClaimCue) -> bool:
    """The inner claim, with its cue, is most of the outer one's content (not a relative
    clause at its end: "..., which it claimed had ...")."""
    claimant = inner.claimant if inner.claimant is not None else inner.cue[0]
    start = min(inner.cue[0], inner.content[0], claimant)
    return inner.content[1] - start >= 0.6 * (outer.content[1] - outer.content[0])


def _evidential(doc: Doc, cue: ClaimCue) -> bool:
    """ "the preliminary accounts suggest ...": evidence, not a speaker."""
    verb = doc[cue.cue[0]]
    if verb.lemma_.lower() not in lx.EVIDENTIAL_VERBS or cue.claimant is None:
        return False
    claimant = doc[cue.claimant]
    return (
        not claimant.ent_type_
        and claimant.lemma_.lower() not in lx.PERSON_NOUNS
        and claimant.pos_ != "PRON"
    )
