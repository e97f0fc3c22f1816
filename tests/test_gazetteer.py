import textwrap

import pytest
from typer.testing import CliRunner

from escalation_cli.cli import app
from escalation_cli.gazetteer import GazetteerError, load_gazetteer, normalise_alias

PROVINCES = """
label: PROVINCE
entries:
  - id: homs
    name: Homs
    country: Syria
    kind: governorate
    lat: 34.5
    lon: 38.0
    places: [Palmyra]
"""
BASES = """
label: BASE
entries:
  - id: al_tanf
    name: al-Tanf
    aliases: [At Tanf Garrison, Tanf]
    country: Syria
    province: homs
    lat: 33.5
    lon: 38.6
"""


def write(directory, **files):
    directory.mkdir(exist_ok=True)
    for name, text in files.items():
        (directory / f"{name}.yaml").write_text(textwrap.dedent(text))
    return directory


# ---- the shipped files -----------------------------------------------------------------------


def test_shipped_patterns_meet_the_minimum_counts(gazetteer):
    counts = gazetteer.counts()
    assert counts["BASE"] >= 30
    assert counts["ACTOR"] >= 60
    # all 14 Syrian governorates and 18 Iraqi provinces, plus Jordan's
    assert sum(p.country == "Syria" for p in gazetteer.provinces.values()) == 14
    assert sum(p.country == "Iraq" for p in gazetteer.provinces.values()) >= 18
    assert sum(p.country == "Jordan" for p in gazetteer.provinces.values()) == 12


@pytest.mark.parametrize(
    "spelling, label, name",
    [
        ("At Tanf Garrison", "BASE", "al-Tanf"),
        ("Tanf", "BASE", "al-Tanf"),
        ("Omar field", "BASE", "al-Omar"),
        ("Green Village", "BASE", "Green Village"),
        ("Koniko", "BASE", "Conoco"),
        ("Rumeilan Landing Zone", "BASE", "Kharab al-Jir"),
        ("RLZ", "BASE", "Kharab al-Jir"),
        ("Rmeilan", "BASE", "Kharab al-Jir"),
        ("Ain al-Asad", "BASE", "Ain al-Asad"),
        ("Tower 22", "BASE", "Tower 22"),
        ("Harir", "BASE", "Harir"),
        ("Udeid", "BASE", "al-Udeid"),
        ("Deir Ezzor", "PROVINCE", "Deir ez-Zor"),
        ("Dayr az Zawr", "PROVINCE", "Deir ez-Zor"),
        ("Deir al-Zor", "PROVINCE", "Deir ez-Zor"),
        ("Hasakeh", "PROVINCE", "Hasakah"),
        ("Arbil", "PROVINCE", "Erbil"),
        ("Pat Ryder", "ACTOR", "Patrick Ryder"),
        ("CENTCOM", "ACTOR", None),
        ("Kataib Hezbollah", "ACTOR", "Kataib Hezbollah"),
        ("Ansar Allah", "ACTOR", None),
    ],
)
def test_shipped_spellings_resolve(gazetteer, spelling, label, name):
    alias = gazetteer.resolve(spelling)
    assert alias is not None and alias.label == label, spelling
    if name:
        assert gazetteer.name_of(alias.label, alias.id) == name


def test_shipped_coordinates_lie_in_their_country(gazetteer):
    boxes = {
        "Syria": (32, 37.5, 35.5, 42.5),
        "Iraq": (29, 37.5, 38.7, 48.8),
        "Jordan": (29, 33.5, 34.9, 39.4),
    }
    for entry in [*gazetteer.bases.values(), *gazetteer.provinces.values()]:
        box = boxes.get(entry.country)
        if box:
            assert box[0] <= entry.lat <= box[1] and box[2] <= entry.lon <= box[3], entry.id


def test_capitals_are_not_provinces(gazetteer):
    for city in ("Damascus", "Baghdad", "Amman"):
        alias = gazetteer.resolve(city)
        assert alias is None or alias.label == "ACTOR", city


# ---- validation ------------------------------------------------------------------------------


def test_user_directory_adds_and_replaces_entries(tmp_path):
    base = write(tmp_path / "a", provinces=PROVINCES, bases=BASES)
    extra = write(
        tmp_path / "b",
        bases=BASES.replace("lat: 33.5", "lat: 33.49").replace(
            "aliases: [At Tanf Garrison, Tanf]", "aliases: [At Tanf Garrison, Tanf, Al Tanf base]"
        ),
    )
    gaz = load_gazetteer([base, extra], shipped=False)
    assert gaz.bases["al_tanf"].lat == 33.49
    assert gaz.resolve("al tanf base").id == "al_tanf"
    assert gaz.resolve("palmyra").label == "PLACE"


@pytest.mark.parametrize(
    "bases, message",
    [
        (
            BASES.replace("lat: 33.5", "lat: 33.5\n    latitude: 1"),
            "entry 'al_tanf': latitude: unknown key",
        ),
        (BASES + BASES.split("entries:")[1], "entry 'al_tanf': duplicate id 'al_tanf'"),
        (
            BASES.replace("lat: 33.5", "lat: 133.5"),
            "entry 'al_tanf': lat: Input should be less than or equal to 90",
        ),
        (BASES.replace("lon: 38.6", "lon: -238.6"), "entry 'al_tanf': lon:"),
        (BASES.replace("province: homs", "province: hims"), "unknown province 'hims'"),
        (BASES.replace("label: BASE", "label: BASES"), "label: Input should be"),
        (BASES.replace("id: al_tanf", "id: Al Tanf"), "entry 'Al Tanf': id: String should match"),
    ],
)
def test_bad_files_are_rejected_with_file_and_entry(tmp_path, bases, message):
    directory = write(tmp_path / "p", provinces=PROVINCES, bases=bases)
    with pytest.raises(GazetteerError) as info:
        load_gazetteer([directory], shipped=False)
    text = str(info.value)
    assert "bases.yaml" in text and message in text
    assert "\n" not in text


def test_alias_claimed_twice_is_an_error_unless_marked_ambiguous(tmp_path):
    clash = (
        BASES
        + """
  - id: tanf_two
    name: Second Tanf
    aliases: [tanf]
    country: Syria
    lat: 33.4
    lon: 38.5
"""
    )
    directory = write(tmp_path / "p", provinces=PROVINCES, bases=clash)
    with pytest.raises(GazetteerError, match="alias 'tanf' is already claimed by base 'al_tanf'"):
        load_gazetteer([directory], shipped=False)
    marked = clash.replace(
        "aliases: [At Tanf Garrison, Tanf]",
        "aliases: [At Tanf Garrison, Tanf]\n    ambiguous: [Tanf]",
    )
    marked = marked.replace("aliases: [tanf]", "aliases: [tanf]\n    ambiguous: [tanf]")
    directory = write(tmp_path / "q", provinces=PROVINCES, bases=marked)
    gaz = load_gazetteer([directory], shipped=False)
    assert gaz.resolve("Tanf").id == "al_tanf"  # first declared wins


def test_invalid_yaml_names_the_line(tmp_path):
    directory = write(tmp_path / "p", provinces=PROVINCES, bases="label: BASE\nentries: [\n")
    with pytest.raises(GazetteerError, match=r"bases.yaml: line \d+"):
        load_gazetteer([directory], shipped=False)


def test_normalise_alias_folds_case_dashes_and_apostrophes():
    assert normalise_alias("Deir ez-Zor") == normalise_alias("deir ez zor")
    assert normalise_alias("Kata\u2019ib") == "kata'ib"


# ---- the command -----------------------------------------------------------------------------


def test_patterns_check_prints_counts():
    result = CliRunner().invoke(app, ["patterns", "check"])
    assert result.exit_code == 0, result.output
    assert "BASE" in result.stdout and "ACTOR" in result.stdout


def test_patterns_check_rejects_a_bad_directory_in_one_line(tmp_path):
    directory = write(
        tmp_path / "p", bases=BASES.replace("lat: 33.5", "lat: 33.5\n    colour: red")
    )
    result = CliRunner().invoke(app, ["patterns", "check", str(directory)])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("Error: ") and "bases.yaml" in lines[0]
    assert "entry 'al_tanf': colour: unknown key" in lines[0]
