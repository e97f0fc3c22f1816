"""The relevance gate: articles with no sign of the conflict skip the model."""

import pytest

from escalation_cli.relevance import RelevanceGate


@pytest.fixture(scope="module")
def gate(blank_nlp):
    return RelevanceGate(blank_nlp)


@pytest.mark.parametrize(
    "text, relevant",
    [
        ("Rockets hit the al-Omar base overnight.", True),
        ("Talks were held in Deir ez-Zor on the oil fields.", True),  # a province is enough
        ("Kataib Hezbollah said its fighters attacked US forces with drones.", True),
        ("Shares in the carmaker rose after the US Federal Reserve left rates unchanged.", False),
        ("The Tories launched an attack on Labour's tax plans on Monday.", False),
        ("Iran's football team beat Qatar in a friendly.", False),  # actors, no attack words
        ("Petra Mandula won the match in three sets.", False),
    ],
)
def test_gate(gate, text, relevant):
    assert gate.check(text)[0] is relevant


def test_gate_keeps_the_gazetteer_entities(gate):
    _, doc = gate.check("Officials in Erbil spoke about the economy.")
    assert [(e.text, e.label_) for e in doc.ents] == [("Erbil", "PROVINCE")]


def test_irrelevant_article_record(nlp, tmp_path):
    from typer.testing import CliRunner

    from escalation_cli.cli import app

    (tmp_path / "a.txt").write_text("Markets calm\n\nShares rose on Monday as markets calmed.\n")
    result = CliRunner().invoke(app, ["extract", str(tmp_path / "a.txt"), "--out", "-"])
    assert '"relevant":false' in result.stdout and '"type":"incident"' not in result.stdout
