"""Shared fixtures. The English model is loaded once per session, never at import time."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "seeds").is_dir() or not (SHARED / "eval" / "seeds.gold.jsonl").is_file():
        pytest.skip(f"../shared with seeds and eval gold is not beside the project ({SHARED})")
    return SHARED


@pytest.fixture(scope="session")
def gazetteer():
    from escalation_cli.gazetteer import load_gazetteer

    return load_gazetteer()


@pytest.fixture(scope="session")
def nlp():
    """The full pipeline (English model + project components)."""
    from escalation_cli.nlp import build_nlp

    return build_nlp()


@pytest.fixture(scope="session")
def blank_nlp():
    """A blank English tokenizer with only the gazetteer: fast, no model."""
    import spacy

    from escalation_cli.nlp import build_nlp

    return build_nlp(nlp=spacy.blank("en"))
