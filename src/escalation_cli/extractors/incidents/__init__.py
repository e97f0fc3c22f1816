"""Incidents: cues set by ``escalation_incidents`` in, :class:`Incident` records out.

Pure functions. Each cue becomes a :class:`Mention` whose fields are read from the cue's zone
by one module each (:mod:`.weapon`, :mod:`.location`, :mod:`.dates`, :mod:`.casualties`,
:mod:`.perpetrator`); mentions of one event are merged (:mod:`.merge`) and each cluster becomes
one validated record.
"""

from __future__ import annotations

import hashlib

from spacy.tokens import Doc

from escalation_cli.extractors.docinfo import doc_text, ents_in
from escalation_cli.extractors.incidents.casualties import (
    Casualties,
    Where,
    attach_figures,
    combine,
    doc_figures,
)
from escalation_cli.extractors.incidents.dates import date_from_relations, read_date
from escalation_cli.extractors.incidents.location import read_location
from escalation_cli.extractors.incidents.mention import Cluster, Mention
from escalation_cli.extractors.incidents.merge import (
    inherit_from_antecedent,
    merge_mentions,
    split_targets,
)
from escalation_cli.extractors.incidents.perpetrator import (
    ON_US,
    US_STRIKE,
    party_of,
    read_perpetrator,
    read_target,
    side_of,
)
from escalation_cli.extractors.incidents.scope import in_scope
from escalation_cli.extractors.incidents.weapon import (
    PROJECTILES,
    interceptions_told_after,
    read_intercepted,
    read_weapon,
)
from escalation_cli.extractors.sections import BODY, section_at
from escalation_cli.gazetteer import Gazetteer
from escalation_cli.models import Evidence, Incident


def read_mentions(doc: Doc, gazetteer: Gazetteer, published: str | None) -> list[Mention]:
    mentions = []
    cues = doc._.incident_cues or []
    for order, cue in enumerate(cues):
        mention = Mention(cue=cue, order=order)
        zone = [doc[i] for i in cue.zone]
        triggers = [doc[i] for i in cue.triggers]
        mention.perpetrator, mention.perpetrator_alignment, mention.attribution = read_perpetrator(
            doc, cue, gazetteer
        )
        mention.perpetrator_party = party_of(mention.perpetrator, gazetteer)
        mention.weapon, mention.weapon_count = read_weapon(
            zone, triggers, mention.perpetrator_alignment
        )
        mention.intercepted = read_intercepted(zone, triggers, mention.weapon)
        read_location(doc, cue, gazetteer, mention)
        mention.target = read_target(triggers)
        sent = doc[cue.sentence[0] : cue.sentence[1]]
        mention.evidence = (sent.start_char, sent.end_char)
        read_date(doc, cue, published, mention, mentions)
        mention.section = section_at(doc, sent.start_char)
        mention.side = side_of(mention, gazetteer)
        mentions.append(mention)
    for start in interceptions_told_after(doc):
        # "Most of the missiles were intercepted ..." after the attack: that attack's (or the
        # attack that sentence tells again: "... but some struck their targets")
        attacks = [
            m
            for m in mentions
            if m.cue.sentence[0] <= start
            and (m.weapon in PROJECTILES or m.weapon == "unknown")
            and m.side != US_STRIKE
        ]
        before = [m for m in attacks if m.cue.sentence[1] <= start]
        for m in [*before[-1:], *(m for m in attacks if m.cue.sentence[0] == start)]:
            m.intercepted = True
    strikers = [m.perpetrator_alignment == "us_led" or m.weapon == "airstrike" for m in mentions]
    places = [Where(frozenset(m.countries), tuple(m.provinces)) for m in mentions]
    attached = attach_figures(doc_figures(doc, gazetteer), cues, doc, strikers, places, gazetteer)
    for mention in mentions:
        mention.figures = attached.get(mention.order, [])
        set_casualties(mention, combine(mention.figures))
    return mentions


def set_casualties(target, casualties: Casualties) -> None:
    target.killed, target.killed_qualifier = casualties.killed, casualties.killed_qualifier
    target.wounded, target.wounded_qualifier = casualties.wounded, casualties.wounded_qualifier
    target.casualty_group, target.casualty_source = casualties.group, casualties.source


def incident_records(
    doc: Doc, article_id: str, gazetteer: Gazetteer, published: str | None
) -> list[Incident]:
    """The article's incidents, those outside the theatre (see :mod:`.scope`) marked
    ``in_scope: false``."""
    mentions = read_mentions(doc, gazetteer, published)
    clusters = merge_mentions(mentions, gazetteer)
    inherit_from_antecedent(clusters, doc)
    date_from_relations(clusters, published)
    records = []
    for cluster in clusters:
        parts = split_targets(cluster, gazetteer)
        for n, part in enumerate(parts):
            records.append(_record(doc, part, article_id, gazetteer, n if len(parts) > 1 else None))
    return records


def _record(
    doc: Doc, cluster: Cluster, article_id: str, gazetteer: Gazetteer, part: int | None = None
) -> Incident:
    first = cluster.mentions[0]
    # the mention with the most precise location speaks for the place and the casualties
    located = sorted(
        cluster.mentions, key=lambda m: (not m.base, not m.province, not m.place, m.order)
    )
    best = located[0]
    base_id = cluster.value("base")
    province_id = best.province if best.province else cluster.value("province")
    if base_id:
        province_id = gazetteer.bases[base_id].province or province_id
    place = best.place or cluster.value("place")
    country = best.country or cluster.value("country")
    # a strike wave told as hitting several provinces or countries names them all ("Babil|Anbar",
    # "Iraq|Syria"), as event coders do
    provinces = list(dict.fromkeys(p for m in cluster.mentions for p in m.provinces))
    if base_id is None and len(provinces) > 1:
        province_name = "|".join(gazetteer.provinces[p].name for p in provinces)
    else:
        province_name = gazetteer.provinces[province_id].name if province_id else None
    countries = {c for m in cluster.mentions if len(m.countries) > 1 for c in m.countries}
    if base_id is None and len(countries) > 1:
        country = "|".join(sorted(countries))
    lat = lon = None
    precision = None
    if base_id:
        base = gazetteer.bases[base_id]
        lat, lon, precision = base.lat, base.lon, "base"
    elif province_id:
        province = gazetteer.provinces[province_id]
        lat, lon, precision = province.lat, province.lon, "province"
    elif country:
        state = next(
            (a for a in gazetteer.actors.values() if a.type == "state" and a.country == country),
            None,
        )
        if state is not None and state.lat is not None:
            lat, lon, precision = state.lat, state.lon, "country"

    # the story's own figures first: a headline names the prominent dead ("kills top commander")
    # and a caption an earlier toll; they stand only where the story gives none
    figures = sorted(
        (f for m in cluster.mentions for f in m.figures),
        key=lambda f: (section_at(doc, doc[f.token].idx) != BODY, f.token),
    )
    casualties = combine(figures)
    date, date_precision, date_text = cluster.date() or (None, None, cluster.unplaced_day())
    perpetrator = next((m for m in cluster.mentions if m.perpetrator), None)
    evidence = []
    seen = set()
    for m in cluster.mentions:
        if m.evidence in seen:
            continue
        seen.add(m.evidence)
        start, end = m.evidence
        evidence.append(Evidence(text=doc_text(doc)[start:end], start=start, end=end))
    key = f"{article_id}:{first.evidence[0]}:{first.cue.triggers[0]}"
    ident = hashlib.sha256((key if part is None else f"{key}:{part}").encode())
    perpetrator_alias = (
        gazetteer.resolve(perpetrator.perpetrator, ("ACTOR",)) if perpetrator else None
    )
    named = {
        (ent.label_, ent.kb_id_)
        for m in cluster.mentions
        for ent in ents_in(doc, *m.cue.sentence)
        if ent.kb_id_
    }
    scope = in_scope(
        [country] if country else [],
        perpetrator_alias.id if perpetrator_alias else None,
        sorted(named),
        gazetteer,
        target_is_us=any(m.side == ON_US for m in cluster.mentions),
    )
    return Incident(
        incident_id=ident.hexdigest()[:16],
        article_id=article_id,
        date=date,
        date_precision=date_precision,
        date_text=date_text,
        weapon=cluster.value("weapon") or "unknown",
        base=gazetteer.bases[base_id].name if base_id else None,
        place=place,
        province=province_name,
        country=country,
        latitude=lat,
        longitude=lon,
        geo_precision=precision,
        perpetrator=perpetrator.perpetrator if perpetrator else None,
        perpetrator_attribution=perpetrator.attribution if perpetrator else None,
        target=_target(cluster.value("target"), casualties.victims),
        killed=casualties.killed,
        killed_qualifier=casualties.killed_qualifier,
        wounded=casualties.wounded,
        wounded_qualifier=casualties.wounded_qualifier,
        casualty_group=casualties.group,
        side=next((m.side for m in cluster.mentions if m.side), None),
        casualty_source=casualties.source,
        intercepted=cluster.value("intercepted"),
        evidence=evidence,
        mentions=len(cluster.mentions),
        in_scope=scope,
    )


__all__ = ["Mention", "incident_records", "merge_mentions", "read_mentions"]


def _target(told: str | None, victims: str | None) -> str | None:
    """What was hit, else who was killed ("a drone strike that killed its commander, X"); the
    victims' phrase also where it names the same people and more ("the assassination of X,
    killed alongside Y")."""
    if not victims:
        return told
    if not told:
        return victims
    told_words, victim_words = told.split(), victims.split()
    same = told_words[:3] == victim_words[:3] and len(victims) > len(told)
    return victims if same and " and " in victims[len(" ".join(victim_words[:3])) :] else told
