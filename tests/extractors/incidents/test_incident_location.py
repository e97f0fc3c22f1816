"""Locations (extractors/incidents/location.py)."""

from __future__ import annotations

# ---- location ------------------------------------------------------------------------------------


def test_base_gives_province_country_and_coordinates(incidents_of, one):
    inc = one(incidents_of("Two rockets landed inside the Rmeilan base on Monday."))
    assert (inc.base, inc.province, inc.country, inc.geo_precision) == (
        "Kharab al-Jir",
        "Hasakah",
        "Syria",
        "base",
    )
    assert inc.latitude and inc.longitude


def test_city_near_base_gives_province(incidents_of, one):
    inc = one(
        incidents_of(
            "A one-way drone struck a maintenance facility on a Coalition base "
            "near Hasakah in northeast Syria on Thursday."
        )
    )
    assert (inc.province, inc.place, inc.country, inc.geo_precision) == (
        "Hasakah",
        "Hasakah",
        "Syria",
        "province",
    )


def test_governorate_phrase(incidents_of, one):
    inc = one(
        incidents_of(
            "Militants struck the American al-Omar oil field base east of Deir "
            "Ezzor governorate on Sunday.",
            "2024-02-05",
        )
    )
    assert (inc.base, inc.province) == ("al-Omar", "Deir ez-Zor")


def test_where_the_jets_came_from_is_not_where_they_struck(incidents_of, one):
    inc = one(
        incidents_of(
            "US F-15 jets that flew out of al-Udeid Air Base in Qatar targeted "
            "facilities in Deir Ezzor on Thursday."
        )
    )
    assert inc.base is None and inc.province == "Deir ez-Zor" and inc.weapon == "airstrike"


# ---- places that locate and places that do not -----------------------------------------------


def test_a_reference_point_locates_no_province(incidents_of, one):
    inc = one(incidents_of("Rockets hit a military airfield 30 km north of Kirkuk on Monday."))
    assert inc.province is None


def test_a_wave_over_two_provinces(incidents_of, one):
    inc = one(
        incidents_of("US jets struck militia sites in Jurf al-Sakhar and Al-Qaim on Tuesday.")
    )
    assert (inc.province, inc.country) == ("Babil|Anbar", "Iraq")


def test_a_region_gives_the_country_not_a_province(incidents_of, one):
    inc = one(incidents_of("A drone hit a base in the Kurdistan Region of Iraq on Friday."))
    assert (inc.province, inc.country) == (None, "Iraq")


def test_the_text_places_a_town_in_another_country(incidents_of, one):
    inc = one(incidents_of("US jets struck facilities in Al-Qaim, eastern Syria, late Thursday."))
    assert (inc.province, inc.country) == (None, "Syria")


def test_the_teller_is_not_the_place(incidents_of, one):
    inc = one(
        incidents_of(
            "The security service in the Kurdistan Region released details about the drone "
            "attack on the Harir base on Thursday."
        )
    )
    assert (inc.base, inc.province) == ("Harir", "Erbil")


def test_one_attack_near_two_bases_is_one_incident(incidents_of, one):
    inc = one(
        incidents_of(
            "A rocket attack was launched near Union III and the Baghdad embassy complex on "
            "Friday, an official said."
        )
    )
    assert inc.base == "Union III" and inc.province == "Baghdad"


def test_the_government_in_the_capital_does_not_place_the_strike(incidents_of, one):
    text = (
        "The government in Baghdad on Wednesday denounced the US air strikes on the Jurf "
        "al-Sakhar base of Kataib Hezbollah that killed eight militants."
    )
    inc = one(incidents_of(text, published="2023-11-22"))
    assert inc.province == "Babil"


def test_a_strike_told_again_in_two_provinces_is_one_strike(incidents_of, one):
    text = (
        "Kataib Hezbollah said five of its members were killed in US strikes on its stronghold "
        "of Jurf al-Sakhar. The strike by fighter aircraft destroyed an operations centre near "
        "Anbar and Jurf al-Sakhar, a US official said."
    )
    inc = one(incidents_of(text, published="2023-11-22"))
    assert set(inc.province.split("|")) == {"Babil", "Anbar"} and inc.killed == 5


def test_where_the_attackers_operate_is_not_where_it_happened(incidents_of, one):
    text = (
        "Three American troops were killed in a drone attack in Jordan on Sunday. Biden said "
        'the attack was carried out by "radical Iran-backed militant groups operating in Syria '
        'and Iraq".'
    )
    inc = one(incidents_of(text, published="2024-01-29"))
    # the second telling joins the first: it names no other country
    assert (inc.country, inc.perpetrator) == ("Jordan", "radical Iran-backed militant groups")
