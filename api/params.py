"""Request parameters and error maps shared by the routes: safe strings (no control
characters), ids, paging, the optional text filters, and the problem responses each kind
of route declares in OpenAPI."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from fastapi import Path, Query
from pydantic import AfterValidator

from api.problems import MEDIA_TYPE, ProblemModel

DOC_ID = re.compile(r"^[0-9a-f]{32}$")
KINDS = ("policy_notice", "research_report", "other")


def _no_ctrl(value: str | None) -> str | None:
    if value is not None and any(ord(c) < 32 for c in value):
        raise ValueError("control characters are not allowed")
    return value


SafeStr = Annotated[str, AfterValidator(_no_ctrl)]

DocId = Annotated[str, Path(description="Document id (32 hex digits).", max_length=64)]
Limit = Annotated[int, Query(ge=1, le=100, description="Page size.")]
Offset = Annotated[int, Query(ge=0, le=1_000_000)]
Name = Annotated[SafeStr, Path(min_length=1, max_length=255)]
Role = Literal["issuer", "lead", "participant", "shared"]


def opt(desc: str):
    """An optional text filter: 1-255 characters."""
    return Query(min_length=1, max_length=255, description=desc)


# the document filters the list and knowledge-base routes share
Agency = Annotated[SafeStr | None, opt("Issuing agency: canonical, full or short name "
                                       "(工信部 = 工业和信息化部).")]
Mineral = Annotated[SafeStr | None, opt("Mineral (canonical, as written or parent).")]


PROBLEM = {"model": ProblemModel, "content": {MEDIA_TYPE: {}}}
ERRORS = {401: PROBLEM, 404: PROBLEM, 422: PROBLEM, 429: PROBLEM}
READ_ERRORS = {401: PROBLEM, 422: PROBLEM, 429: PROBLEM}
WRITE_ERRORS = {401: PROBLEM, 404: PROBLEM, 413: PROBLEM, 415: PROBLEM, 422: PROBLEM,
                429: PROBLEM, 503: PROBLEM}
