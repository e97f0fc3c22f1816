"""Merging the mentions of one article into incidents: one cluster per event.

1. Body mentions are read in text order. A mention joins the latest cluster it is compatible
   with when it refers back to it ("the attack", "the strikes", "this aggression") or shares
   specific evidence with it (the base; the province or the day with the weapon; the
   perpetrator; the death toll). A mention marked as new ("another attack", "a separate
   strike") starts its own cluster, and an event never joins the event it answers ("the
   strikes came in response to a drone attack"). Otherwise a mention that says enough
   (where, when, how many, which weapon) starts a cluster.
2. Head and caption mentions, and body mentions that point at an event not told yet ("the
   attack" in the opening sentence), are read after the body: each joins the compatible
   cluster it shares most with; failing that, it starts its own when it says enough.

Compatible means: the weapons agree (``unknown`` fits all; rockets and missiles are one family,
as reports call the same projectiles both), no two different bases or provinces, dates that
agree at their precision, the same side (a strike by the US and its allies, or an attack on
them), and killed figures that are not far apart.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from escalation_cli.extractors.incidents.dates import hints_conflict
from escalation_cli.extractors.incidents.mention import Cluster, Mention
from escalation_cli.extractors.incidents.perpetrator import US_STRIKE
from escalation_cli.extractors.sections import BODY
from escalation_cli.gazetteer import Gazetteer

_FAMILIES = {"missile": "rocket"}  # weapons that reports use for the same projectiles


def _family(weapon: str | None, air: bool = False) -> str | None:
    """The weapon's family; with ``air``, for strikes by the US side, a drone strike is one of
    its air strikes ("US strikes in Iraq killed a commander" over a story of a drone strike)."""
    if weapon in (None, "unknown"):
        return None
    if air and weapon == "drone":
        return "airstrike"
    return _FAMILIES.get(weapon, weapon)


def _close(a: int | None, b: int | None) -> bool:
    """Two figures for one event: either unknown or nil (a denial is often contradicted), or
    within the rounding of "at least"/"more than" and of a toll that rose."""
    if not a or not b:
        return True
    return abs(a - b) <= max(2, 0.25 * max(a, b))


def _same_count(a: int, b: int) -> bool:
    """Two counts of projectiles for one salvo: equal but for rounding."""
    return abs(a - b) <= max(1, 0.1 * max(a, b))


def compatible(cluster: Cluster, m: Mention, gazetteer: Gazetteer) -> bool:
    air = m.side == US_STRIKE and any(x.side == US_STRIKE for x in cluster.mentions)
    weapons = {_family(x.weapon, air) for x in cluster.mentions} - {None}
    if _family(m.weapon, air) and weapons and _family(m.weapon, air) not in weapons:
        return False
    bases = {b for x in cluster.mentions for b in x.bases}
    if m.bases and bases and not set(m.bases) & bases:
        return False
    provinces = {p for x in cluster.mentions for p in x.provinces}
    if m.provinces and provinces and not set(m.provinces) & provinces:
        return False
    if m.base and provinces:
        base_province = gazetteer.bases[m.base].province
        if base_province and base_province not in provinces:
            return False
    countries = frozenset().union(*(x.countries for x in cluster.mentions))
    country = cluster.value("country")
    if (
        country
        and m.country
        and country != m.country
        and not ((m.countries & countries) and (len(m.countries) > 1 or len(countries) > 1))
    ):
        return False  # an operation "in Iraq and Syria" takes in both
    for x in cluster.mentions:
        if x.date_told or m.date_told:
            continue  # the day something was said does not date the event against another
        if x.date and m.date and not _dates_fit(x, m, cluster):
            return False
        if not (x.date and m.date) and hints_conflict(x.date_hint, m.date_hint):
            return False  # "on Monday" and "on June 20" with no article date to resolve them
    killed = cluster.value("killed")
    if not _close(killed, m.killed) and not (
        m.section != BODY and killed and m.killed and m.killed < killed
    ):
        # (a headline names the prominent dead: "strike kills top commander" over a story of
        # seven officers killed)
        return False
    counts = {x.weapon_count for x in cluster.mentions} - {None}
    if (
        m.weapon_count
        and counts
        and not m.cue.anaphoric
        and not any(_same_count(c, m.weapon_count) for c in counts)
    ):
        # "over 15 rockets" overnight and "about a dozen" in the day (but "10 rockets had hit
        # the base" is the other side's count of the salvo told)
        return False
    sides = {x.side for x in cluster.mentions} - {None}
    if m.side and sides and m.side not in sides:
        return False
    alignment = cluster.value("perpetrator_alignment")
    if alignment and m.perpetrator_alignment and alignment != m.perpetrator_alignment:
        return False
    return True


def _dates_fit(x: Mention, m: Mention, cluster: Cluster) -> bool:
    """Dates of one event agree at their precision; two days a day apart still fit when the
    mentions share the place or the weapon (local and US time, the night of one attack)."""
    if x.date.startswith(m.date) or m.date.startswith(x.date):
        return True
    if len(x.date) != 10 or len(m.date) != 10:
        return False
    if abs((dt.date.fromisoformat(x.date) - dt.date.fromisoformat(m.date)).days) != 1:
        return False
    shared_place = bool(set(m.provinces) & {p for y in cluster.mentions for p in y.provinces})
    same_weapon = _family(m.weapon) is not None and _family(m.weapon) == _family(x.weapon)
    return shared_place or (same_weapon and not (m.located and x.located))


def shares_evidence(cluster: Cluster, m: Mention) -> bool:
    """Specific evidence that a mention tells the cluster's event again."""
    weapon = _family(cluster.value("weapon"))
    same_weapon = weapon is not None and _family(m.weapon) == weapon
    any_weapon = same_weapon or m.weapon == "unknown" or weapon is None
    if set(m.bases) & {b for x in cluster.mentions for b in x.bases}:
        return True
    if set(m.provinces) & {p for x in cluster.mentions for p in x.provinces} and any_weapon:
        return True
    if (
        m.date
        and m.date_precision == "day"
        and any(x.date == m.date for x in cluster.mentions)
        and any_weapon
    ):
        return True
    if m.killed and m.killed > 1 and cluster.value("killed") == m.killed:
        return True  # a toll of one is too common to tell an event by
    if (
        m.perpetrator_party
        and any(x.perpetrator_party == m.perpetrator_party for x in cluster.mentions)
        and any_weapon
        and not (m.cue.indefinite and _brings_new_setting(cluster, m))
    ):
        return True  # (but "a US drone strike" told later is another strike by the same side)
    if (
        m.cue.definite
        and (m.base or m.provinces)
        and not any(x.base or x.provinces for x in cluster.mentions)
        and cluster.value("country") in (None, m.country)
        and any_weapon
    ):
        # "an attack on an air base in central Iraq" ... "the rocket and missile attack on
        # al-Asad air base", "strikes on two facilities in eastern Syria" ... "the strikes
        # near Albu Kamal": the definite mention names the place the first one described
        return True
    cluster_located = any(cluster.value(k) for k in ("base", "province", "place"))
    counted = m.killed is not None or m.wounded is not None
    cluster_counted = cluster.value("killed") is not None or cluster.value("wounded") is not None
    if (
        same_weapon
        and not (m.cue.indefinite and _brings_new_setting(cluster, m))
        and not (cluster_located and (m.base or m.province or m.place))
        and not (counted and not cluster_counted)
    ):
        # one says where, the other only what: one event (but figures are too telling to
        # hang on a mention that only shares the weapon)
        return True
    return False


def _brings_new_setting(cluster: Cluster, m: Mention) -> bool:
    """ "a US drone strike ... near Baghdad airport in January 2020" told after an undated,
    unplaced one: a mention introduced as new that adds a time or a place the cluster has none
    of is another event by the same side, not the same one told again."""
    new_time = bool(m.date) and not any(x.date for x in cluster.mentions)
    new_place = bool(m.provinces or m.bases) and not any(
        x.provinces or x.bases for x in cluster.mentions
    )
    return new_time or new_place


def merge_mentions(mentions: list[Mention], gazetteer: Gazetteer) -> list[Cluster]:
    clusters: list[Cluster] = []
    by_trigger = {t: other for other in mentions for t in other.cue.triggers}
    later: list[Mention] = []
    for m in mentions:
        if m.section != BODY:
            later.append(m)
            continue
        fits = _fits(clusters, m, by_trigger, gazetteer)
        target = None
        if m.cue.novel:
            target = None
        elif m.cue.counted:
            # "a third barrage bombing the Shaddadi base": new among the others, but the same
            # as an earlier mention of that very base
            same_base = [c for c in fits if m.base and any(x.base == m.base for x in c.mentions)]
            target = max(same_base, key=lambda c: c.last_order) if same_base else None
        elif m.cue.anaphoric or m.cue.relation == "during":
            strong = [c for c in fits if shares_evidence(c, m)]
            # "the drone that attacked the base, killing three soldiers": figures of its own are
            # worth a look at the whole article before joining the latest event
            pool = strong or ([] if (m.killed or m.wounded) else fits)
            target = max(pool, key=lambda c: c.last_order) if pool else None
            if target is None:
                later.append(m)  # "the attack" before the attack is told: read it again later
                continue
        else:
            strong = [c for c in fits if shares_evidence(c, m)]
            target = max(strong, key=lambda c: c.last_order) if strong else None
        if target is not None:
            target.mentions.append(m)
        elif _can_start_incident(m):
            clusters.append(Cluster([m]))
    for m in later:
        fits = [] if m.cue.novel else _fits(clusters, m, by_trigger, gazetteer)
        if fits:
            max(fits, key=lambda c: _preference(clusters, c, m)).mentions.append(m)
        elif _can_start_incident(m):
            clusters.append(Cluster([m]))
        elif m.cue.anaphoric and (m.date or m.date_hint) and not m.cue.plural:
            # "The base ... was hit by a rocket on June 20": the place told before, at another
            # time; a new event there
            place = _place_referred(clusters, m, gazetteer)
            if place is not None:
                clusters.append(Cluster([replace(m, **place)]))
    return clusters


def _place_referred(clusters: list[Cluster], m: Mention, gazetteer: Gazetteer) -> dict | None:
    """The location of the latest event told before a mention that refers back to its place,
    when the two differ only in time."""
    before = [c for c in clusters if any(x.order < m.order for x in c.mentions)]
    for cluster in sorted(
        before, key=lambda c: -max(x.order for x in c.mentions if x.order < m.order)
    ):
        base = cluster.value("base")
        if base is None:
            continue
        timeless = replace(m, date=None, date_hint=None)
        if compatible(cluster, timeless, gazetteer):
            province = gazetteer.bases[base].province
            return {
                "base": base,
                "bases": (base,),
                "province": province,
                "provinces": (province,) if province else (),
                "country": gazetteer.bases[base].country,
            }
        return None
    return None


def _fits(clusters, m, by_trigger, gazetteer) -> list[Cluster]:
    fits = [c for c in clusters if compatible(c, m, gazetteer)]
    # "The strikes came in response to a drone attack ...": an event is not the one it answers,
    # so it does not join a cluster that the answered event matches
    governed = [by_trigger[t] for t in m.cue.governs if t in by_trigger]
    return [c for c in fits if not any(shares_evidence(c, g) for g in governed)]


def _preference(clusters: list[Cluster], cluster: Cluster, m: Mention) -> tuple:
    """Which cluster a mention read after the body joins, among those it fits: the one it
    shares most with; on a tie, for a body mention that refers back ("In the attack, one
    serviceman was killed"), the event told last before it; else the article's first event
    (a headline tells the main event)."""
    before = [x.order for x in cluster.mentions if x.order < m.order]
    if m.section == BODY and m.cue.anaphoric:
        return (_shared(cluster, m), max(before, default=-1), -clusters.index(cluster))
    return (_shared(cluster, m), -clusters.index(cluster))


def _shared(cluster: Cluster, m: Mention) -> int:
    """How much a mention has in common with a cluster (for head and caption mentions)."""
    score = 0
    for name in ("base", "province", "place", "date", "perpetrator", "killed", "wounded"):
        value = getattr(m, name)
        if value not in (None, "unknown") and any(
            getattr(x, name) == value for x in cluster.mentions
        ):
            score += 2 if name in ("base", "date", "killed") else 1
    if _family(m.weapon) and _family(m.weapon) == _family(cluster.value("weapon")):
        score += 1
    return score


def _can_start_incident(m: Mention) -> bool:
    if m.state_target and not (m.date or m.killed or m.wounded):
        return False  # "the attack on Iraq made the situation worse": no event to code
    if m.cue.plural and not m.located and m.weapon == "unknown" and m.killed is None:
        return False  # "today's attacks", "these attacks": several events told together
    if m.cue.anaphoric:
        # "the attack was not on their soil but in Syria": a country alone does not make an
        # event told as already known into a new one
        placed = m.base or m.province or m.place or (m.country and m.weapon != "unknown")
        return bool(placed or m.date or m.killed is not None or m.wounded is not None)
    return m.informative and (
        m.located
        or m.date
        or m.killed is not None
        or m.wounded is not None
        or m.weapon != "unknown"
    )


def split_targets(cluster: Cluster, gazetteer: Gazetteer) -> list[Cluster]:
    """Attacks told together on several places are one incident per place, as coders count
    them: "drone strikes on bases in al-Tanf and al-Shaddadi" are two, "attacks were launched
    twice against Ain al-Asad and three bases in Syria" one in Iraq and one in Syria. A strike
    wave of the US side stays one incident ("Iraq|Syria"), and one attack "in the vicinity of
    Union III and the embassy" stays one."""
    if any(m.side == US_STRIKE for m in cluster.mentions):
        return [cluster]
    told = [
        m for m in cluster.mentions if m.cue.plural and (len(m.bases) > 1 or _extra(m, gazetteer))
    ]
    if not told:
        return [cluster]
    m = told[0]
    places: list[tuple[str | None, str]] = [(b, gazetteer.bases[b].country) for b in m.bases]
    places += [(None, c) for c in sorted(_extra(m, gazetteer))]
    if len(places) < 2:
        return [cluster]
    parts = []
    for base_id, country in places:
        province = gazetteer.bases[base_id].province if base_id else None
        parts.append(
            Cluster(
                [
                    replace(
                        x,
                        base=base_id,
                        bases=(base_id,) if base_id else (),
                        province=province,
                        provinces=(province,) if province else (),
                        place=None if base_id is None else x.place,
                        country=country,
                        countries=frozenset({country}),
                    )
                    for x in cluster.mentions
                ],
                related_date=cluster.related_date,
            )
        )
    return parts


def _extra(m: Mention, gazetteer: Gazetteer) -> set[str]:
    """Countries where a mention counts places besides its bases ("three bases in Syria"; but
    not "other US bases in Iraq and Syria", which counts nothing)."""
    return set(m.counted_countries) - {gazetteer.bases[b].country for b in m.bases}


def inherit_from_antecedent(clusters: list[Cluster], doc) -> None:
    """ "The Islamic Resistance claimed drone strikes on al-Tanf and al-Shaddadi. The strikes
    targeted the al-Harir Air Base.": an event first told by a definite mention of an earlier
    one ("the strikes") shares that one's perpetrator and weapon where it names none."""
    owner = {id(m): c for c in clusters for m in c.mentions}
    mentions = sorted((m for c in clusters for m in c.mentions), key=lambda m: m.order)
    for cluster in clusters:
        first = min(cluster.mentions, key=lambda m: m.order)
        if not first.cue.definite or (cluster.value("perpetrator") and cluster.value("weapon")):
            continue
        lemmas = {doc[i].lemma_.lower() for i in first.cue.triggers}
        antecedent = next(
            (
                m
                for m in reversed(mentions)
                if m.order < first.order
                and owner[id(m)] is not cluster
                and lemmas & {doc[i].lemma_.lower() for i in m.cue.triggers}
            ),
            None,
        )
        if (
            antecedent is None
            or antecedent.side != first.side
            and None not in (antecedent.side, first.side)
        ):
            continue
        for m in cluster.mentions:
            if cluster.value("perpetrator") is None and antecedent.perpetrator:
                m.perpetrator, m.perpetrator_party = (
                    antecedent.perpetrator,
                    antecedent.perpetrator_party,
                )
                m.perpetrator_alignment = antecedent.perpetrator_alignment
                m.attribution = antecedent.attribution
            if m.weapon == "unknown" and antecedent.weapon != "unknown":
                m.weapon = antecedent.weapon
            break
