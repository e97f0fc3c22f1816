"""Scope: the theatre of the US-Iran escalation (extractors/incidents/scope.py)."""

from __future__ import annotations


def test_in_scope_rules(gazetteer):
    from escalation_cli.extractors.incidents.scope import in_scope, theatre

    assert {"Syria", "Iraq", "Jordan", "Iran"} <= theatre(gazetteer)
    assert in_scope(["Iraq"], None, [], gazetteer)
    assert in_scope(["Iraq|Syria"], None, [], gazetteer)
    assert not in_scope(["Israel"], None, [], gazetteer)
    # no country told: the perpetrator decides, then what the sentences name
    assert not in_scope([], "hamas", [], gazetteer)
    assert not in_scope([], "houthis", [], gazetteer)
    assert in_scope([], "kataib_hezbollah", [], gazetteer)
    assert not in_scope([], "united_states", [], gazetteer)
    assert in_scope([], "united_states", [("ACTOR", "kataib_hezbollah")], gazetteer)
    assert in_scope([], None, [], gazetteer, target_is_us=True)
    assert not in_scope([], None, [("ACTOR", "syria")], gazetteer)
    assert in_scope([], None, [("BASE", "al_tanf")], gazetteer)


def test_out_of_scope_incidents_are_marked_and_left_out(incidents_of):
    text = "Hamas fighters attacked Israeli towns on October 7, killing 1,200 people."
    assert incidents_of(text) == []
    marked = incidents_of(text, out_of_scope=True)
    assert len(marked) == 1 and marked[0].in_scope is False


def test_sea_and_passing_mentions_are_out(incidents_of):
    assert incidents_of("The Houthis fired a missile at a US warship in the Gulf of Aden.") == []
    assert incidents_of("The attack, which killed five, shocked the city.") == []


def test_theatre_events_are_in(incidents_of, one):
    inc = one(
        incidents_of(
            "A US drone strike killed a Kataib Hezbollah commander on Wednesday.", "2024-02-08"
        )
    )
    assert inc.in_scope and inc.perpetrator == "United States"
