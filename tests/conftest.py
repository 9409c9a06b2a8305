"""Shared fixtures (one conftest for the whole suite, as spaCy does)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SAMPLES = SHARED / "samples"
SEEDS = SAMPLES / "seeds"
CORPUS_RAW = SHARED / "corpus" / "raw"


def need_shared(path: Path) -> Path:
    """Fail (not skip) when ../shared is missing: CI always has it."""
    if not path.exists():
        pytest.fail(f"this test needs {path} (the read-only ../shared folder beside the repo)")
    return path


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return need_shared(SAMPLES)


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return need_shared(SEEDS)


@pytest.fixture(scope="session")
def corpus_raw_dir() -> Path:
    return need_shared(CORPUS_RAW)


def run_components(text: str, *names: str):
    """Run the named components (in order) on `text` and return the Doc."""
    import spacy

    from extractor.pipelines import base  # noqa: F401
    from extractor.pipelines import components  # noqa: F401

    nlp = spacy.blank(
        "zh", config={"nlp": {"tokenizer": {"@tokenizers": "extractor.char_tokenizer.v1"}}}
    )
    for n in names:
        nlp.add_pipe(n)
    return nlp(text)


@pytest.fixture(scope="session")
def components():
    """`components(text, "ex_dates", ...)` -> Doc with those components run."""
    return run_components
