"""Pipeline components, one module per entity family (the mention layer in `mentions`).

A module is imported when a pipeline needs one of its factories (`ensure(name)`), so
a policy notice does not load the research-report components. `FACTORY_MODULES`
names the module of every factory; a test checks it against the modules.
"""

from __future__ import annotations

import importlib

FACTORY_MODULES: dict[str, str] = {
    "ex_text_units": "mentions",
    "ex_quantities": "mentions",
    "ex_doc_number_mentions": "mentions",
    "ex_date_mentions": "mentions",
    "ex_agency_mentions": "mentions",
    "ex_organ_mentions": "mentions",
    "ex_region_mentions": "mentions",
    "ex_periods": "mentions",
    "ex_text_tables": "mentions",
    "ex_institution_mentions": "mentions",
    "ex_sections": "sections",
    "ex_minerals": "minerals",
    "ex_market_mentions": "market_mentions",
    "ex_title": "title",
    "ex_doc_numbers": "doc_numbers",
    "ex_agencies": "agencies",
    "ex_dates": "dates",
    "ex_targets": "targets",
    "ex_responsibilities": "responsibilities",
    "ex_references": "references",
    "ex_report_sections": "report_sections",
    "ex_regions": "regions",
    "ex_institution": "institution",
    "ex_figures": "figures",
    "ex_statistics": "statistics",
    "ex_forecasts": "forecasts",
    "ex_policy_events": "policy_events",
}


def ensure(name: str) -> None:
    """Import the module that registers the factory `name` (a KeyError names a typo)."""
    importlib.import_module(f"{__name__}.{FACTORY_MODULES[name]}")


def import_all() -> None:
    for module in sorted(set(FACTORY_MODULES.values())):
        importlib.import_module(f"{__name__}.{module}")
