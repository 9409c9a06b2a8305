"""Shared fixtures (one conftest for the whole suite, as spaCy does)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SAMPLES = SHARED / "samples"
SEEDS = SAMPLES / "seeds"
CORPUS_RAW = SHARED / "corpus" / "raw"

# The ten issuers of the seed notice 工信部联原（2025）62号: name as written -> canonical.
NOTICE_003_AGENCIES = {
    "工业和信息化部": "工业和信息化部",
    "国家发展改革委": "国家发展和改革委员会",
    "自然资源部": "自然资源部",
    "生态环境部": "生态环境部",
    "商务部": "商务部",
    "应急管理部": "应急管理部",
    "国务院国资委": "国务院国有资产监督管理委员会",
    "海关总署": "海关总署",
    "市场监管总局": "国家市场监督管理总局",
    "国家矿山安监局": "国家矿山安全监察局",
}


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


@lru_cache(maxsize=None)
def pipeline(*names: str):
    """The production pipeline builder with the named components (and what they require).

    Cached per component list: modules import it (`from conftest import pipeline`) so
    one pipeline serves the whole session. Do not add pipes to the returned object."""
    from extractor.pipelines import build_pipeline

    return build_pipeline(names)


def normalized_text(path) -> str:
    """The text a component receives for a file (ingest + normalise), cached per file."""
    return _normalized_text(str(path))


@lru_cache(maxsize=None)
def _normalized_text(path: str) -> str:
    from extractor.ingest import ingest
    from extractor.normalize import normalize

    return normalize(ingest(path)).text


def run_components(text: str, *names: str, layout=None):
    """Run the named components (in order, after what they require) on `text`, with
    `layout` (a `base.Layout`) made the way `extract()` makes it; return the Doc."""
    from extractor.pipelines.base import prepare_doc

    nlp = pipeline(*names)
    return nlp(prepare_doc(nlp, text, layout))


@pytest.fixture(scope="session")
def components():
    """`components(text, "ex_dates", ...)` -> Doc with those components run."""
    return run_components


def extracted(path):
    """`extract(path)`, once per file per test session."""
    return _extracted(str(path))


@lru_cache(maxsize=None)
def _extracted(path: str):
    from extractor import extract

    return extract(path)
