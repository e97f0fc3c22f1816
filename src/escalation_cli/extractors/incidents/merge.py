"""Merging the mentions of one article into incidents: one cluster per event."""

from __future__ import annotations

from escalation_cli.extractors.incidents.mention import Cluster, Mention
from escalation_cli.gazetteer import Gazetteer


def _close(a: int | None, b: int | None) -> bool:
    """Two figures for one event: equal, or within the rounding of "at least"/"more than"."""
    if a is None or b is None:
        return True
    return abs(a - b) <= max(1, 0.1 * max(a, b))


def compatible(cluster: Cluster, m: Mention, gazetteer: Gazetteer) -> bool:
    weapon = cluster.value("weapon")
    if weapon and m.weapon != "unknown" and weapon != m.weapon:
        return False
    base, province, country = (
        cluster.value("base"),
        cluster.value("province"),
        cluster.value("country"),
    )
    if base and m.base and base != m.base:
        return False
    if province and m.province and province != m.province:
        return False
    countries = frozenset().union(*(x.countries for x in cluster.mentions))
    if (
        country
        and m.country
        and country != m.country
        and not ((m.countries & countries) and (len(m.countries) > 1 or len(countries) > 1))
    ):
        return False  # an operation "in Iraq and Syria" takes in both
    date = cluster.value("date")
    if date and m.date and not (date.startswith(m.date) or m.date.startswith(date)):
        return False
    if not _close(cluster.value("killed"), m.killed) or not _close(
        cluster.value("wounded"), m.wounded
    ):
        return False
    if not _close(cluster.value("weapon_count"), m.weapon_count):
        return False
    alignment = cluster.value("perpetrator_alignment")
    if alignment and m.perpetrator_alignment and alignment != m.perpetrator_alignment:
        return False
    return True


def strong_match(cluster: Cluster, m: Mention) -> bool:
    weapon = cluster.value("weapon")
    same_weapon = weapon is not None and m.weapon != "unknown" and weapon == m.weapon
    if m.base and cluster.value("base") == m.base:
        return True
    if m.province and cluster.value("province") == m.province and same_weapon:
        return True
    if (
        m.date
        and m.date_precision == "day"
        and cluster.value("date") == m.date
        and (same_weapon or m.weapon == "unknown" or weapon is None)
    ):
        return True
    if m.killed and cluster.value("killed") == m.killed:
        return True
    if (
        m.perpetrator
        and cluster.value("perpetrator") == m.perpetrator
        and (same_weapon or m.weapon == "unknown" or weapon is None)
    ):
        return True
    if (
        m.province
        and cluster.value("province") == m.province
        and (m.weapon == "unknown" or weapon is None)
    ):
        return True
    cluster_located = any(cluster.value(k) for k in ("base", "province", "place"))
    counted = m.killed is not None or m.wounded is not None
    cluster_counted = cluster.value("killed") is not None or cluster.value("wounded") is not None
    if (
        same_weapon
        and not (cluster_located and (m.base or m.province or m.place))
        and not (counted and not cluster_counted)
    ):
        # one side says where, the other only what: one event (but figures are too telling
        # to hang on a mention that only shares the weapon)
        return True
    return False


def merge_mentions(mentions: list[Mention], gazetteer: Gazetteer) -> list[Cluster]:
    clusters: list[Cluster] = []
    by_trigger = {t: other for other in mentions for t in other.cue.triggers}
    for m in mentions:
        fits = [c for c in clusters if compatible(c, m, gazetteer)]
        # "The strikes came in response to a drone attack ...": an event is not the one it
        # answers, so it does not join a cluster that the answered event matches
        governed = [by_trigger[t] for t in m.cue.governs if t in by_trigger]
        fits = [c for c in fits if not any(strong_match(c, g) for g in governed)]
        target = None
        if m.cue.novel:
            target = None
        elif m.cue.anaphoric or m.cue.relation == "during":
            strong = [c for c in fits if strong_match(c, m)]
            pool = strong or fits
            target = max(pool, key=lambda c: c.last_order) if pool else None
        else:
            strong = [c for c in fits if strong_match(c, m)]
            target = max(strong, key=lambda c: c.last_order) if strong else None
        if target is not None:
            target.mentions.append(m)
            continue
        if _can_start_incident(m):
            clusters.append(Cluster([m]))
    return clusters


def _can_start_incident(m: Mention) -> bool:
    if m.cue.anaphoric:
        return bool(m.located or m.date or m.killed is not None or m.wounded is not None)
    return m.informative and (
        m.located
        or m.date
        or m.killed is not None
        or m.wounded is not None
        or m.weapon != "unknown"
    )
