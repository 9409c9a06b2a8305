"""The output contract: pydantic models for an extraction result.

This module is the single source of truth for the JSON we publish. The files in
`schemas/` are generated from it (`extractor schema --write`) and a test fails
when they drift. It imports nothing from the rest of the package.

Conventions:
- Every extracted item carries `evidence`: `text[start:end]` (Python code-point
  offsets into `ExtractionResult.text`) is the surface the value came from.
- For PDF input `page` (1-based) and `bbox` come from the ingestion offset map;
  `boxes` has one box per visual line the evidence covers. For text input they
  are null / empty.
- Coordinates are PDF points with the origin at the top-left of the page
  (pdfplumber's `x0, top, x1, bottom`).
- Field names are a published contract: add fields, never rename them.
"""

from __future__ import annotations

from enum import Enum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0.0"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class BBox(_Model):
    """A rectangle on a page, in PDF points, origin top-left."""

    x0: float
    top: float
    x1: float
    bottom: float


class PageBox(_Model):
    """One box on one page: evidence that spans lines or pages has several."""

    page: int = Field(ge=1)
    bbox: BBox


class Evidence(_Model):
    """Where a value came from: `text[start:end]` of the returned text."""

    start: int = Field(ge=0, description="Start offset (inclusive, code points).")
    end: int = Field(ge=0, description="End offset (exclusive, code points).")
    page: int | None = Field(
        default=None, ge=1, description="1-based page of the first character (PDF)."
    )
    bbox: BBox | None = Field(
        default=None, description="Union box of the evidence on its first page (PDF)."
    )
    boxes: list[PageBox] = Field(
        default_factory=list, description="One box per visual line covered (PDF)."
    )
    css_path: str | None = Field(
        default=None,
        description="HTML: CSS selector of the element holding the first character.",
    )
    paragraph: int | None = Field(
        default=None, ge=0, description="DOCX: 0-based index of the body paragraph."
    )


class DocumentKind(str, Enum):
    policy_notice = "policy_notice"
    research_report = "research_report"
    other = "other"


class Source(_Model):
    filename: str | None = None
    sha256: str
    media_type: str
    pages: int | None = Field(default=None, description="Page count (PDF), null for text.")
    encoding: str | None = Field(default=None, description="Detected text encoding (text input).")
    ocr_pages: list[int] = Field(
        default_factory=list, description="1-based pages whose text came from OCR."
    )


class Furniture(_Model):
    """Running header, footer or page number kept out of the body text."""

    kind: Literal[
        "header", "footer", "page_number", "navigation", "script", "hidden", "duplicate",
        "page_title",
    ] = Field(
        description="header/footer/page_number (PDF, DOCX); for HTML: navigation (menus, "
        "breadcrumbs, share and QR blocks), script (scripts, styles), hidden (display:none), "
        "duplicate (a second copy of the content), page_title (<title>)."
    )
    text: str
    page: int = Field(ge=1)
    bbox: BBox | None = None


FactSource = Literal["body", "metadata"]


class Title(_Model):
    text: str
    source: FactSource = Field(
        default="body",
        description="metadata: read from the page's metadata table (标题/名称); body: the text.",
    )
    mentions: list[Evidence] = Field(
        default_factory=list,
        description="Every place the same title is stated (metadata table, body); "
        "`evidence` is the first.",
    )
    evidence: Evidence


class MetadataValue(_Model):
    """A value of a page's metadata table that has no richer model (索引号, 主题分类)."""

    text: str
    label: str = Field(description="The label as written (索引号, 主题分类 …).")
    evidence: Evidence


class DocNumber(_Model):
    text: str = Field(description="The number as written.")
    normalized: str = Field(description="GB/T 9704 form, e.g. 工信部联原〔2025〕62号.")
    organ_code: str | None = None
    year: int | None = None
    serial: int | None = None
    family: Literal["standard", "order", "announcement", "other"] = "standard"
    role: Literal["self", "cited"]
    source: FactSource = Field(
        default="body", description="metadata: read from the page's metadata table (发文字号)."
    )
    mentions: list[Evidence] = Field(
        default_factory=list,
        description="Every place the same fact is stated (metadata table, body); "
        "`evidence` is the first.",
    )
    evidence: Evidence


class Agency(_Model):
    name: str = Field(description="The name as written.")
    canonical: str | None = Field(description="Canonical full name from the gazetteer.")
    level: Literal["central", "provincial", "municipal", "county", "other"] | None = None
    source: Literal["header", "signature", "title", "body", "metadata"] = Field(
        default="body",
        description="metadata: the page's metadata table (发文机关/发布机构); header: a header "
        "field of the text; signature; title; body.",
    )
    mentions: list[Evidence] = Field(
        default_factory=list,
        description="Every place the same issuer is stated (metadata table, title, signature); "
        "`evidence` is the first.",
    )
    evidence: Evidence


class DateMention(_Model):
    text: str
    value: str = Field(description="ISO 8601: YYYY-MM-DD, YYYY-MM or YYYY by precision.")
    value_end: str | None = Field(default=None, description="End of a range (period).")
    precision: Literal["day", "month", "year"] = "day"
    role: Literal[
        "written", "published", "effective", "expiry", "deadline", "period", "event", "other"
    ]
    year_inferred: bool = Field(
        default=False, description="True when the year was taken from the context."
    )
    source: FactSource = Field(
        default="body",
        description="metadata: read from the page's metadata table (成文日期, 发布日期).",
    )
    mentions: list[Evidence] = Field(
        default_factory=list,
        description="Every place the same fact is stated (metadata table, body); "
        "`evidence` is the first.",
    )
    evidence: Evidence


class Mineral(_Model):
    name: str = Field(description="The surface form of the first mention.")
    canonical: str
    group: Literal["能源", "金属", "非金属", "水气"] | None = None
    strategic: bool = False
    parent: str | None = Field(
        default=None, description="Catalogue mineral a product term belongs to (氧化铝 -> 铝)."
    )
    mentions: list[Evidence] = Field(default_factory=list)
    evidence: Evidence


class Target(_Model):
    text: str
    metric: str | None = None
    value: float | None = None
    value_max: float | None = None
    unit: str | None = None
    comparator: str | None = None
    year: int | None = None
    normalized_value: float | None = None
    normalized_value_max: float | None = None
    normalized_unit: str | None = None
    evidence: Evidence


class AgencyRef(_Model):
    name: str
    canonical: str | None = None
    evidence: Evidence


class Responsibility(_Model):
    task: str = Field(description="Task number as in the hierarchy, e.g. '5' or '二.（三）.5'.")
    task_title: str | None = None
    lead: list[AgencyRef] = Field(default_factory=list)
    participants: list[AgencyRef] = Field(default_factory=list)
    shared: list[AgencyRef] = Field(default_factory=list)
    all_departments: bool = Field(
        default=False, description="各部门按职责分工负责 and similar: every department."
    )
    evidence: Evidence


class Reference(_Model):
    title: str
    doc_number: str | None = Field(default=None, description="Normalized number when given.")
    relation: Literal["cited", "attached"] = Field(
        default="cited",
        description="attached: the document this notice issues or forwards (关于印发《X》的通知).",
    )
    evidence: Evidence


class Section(_Model):
    """A heading in the document hierarchy (一、 /（一）/ 1. /（1）/ 专栏)."""

    label: str = Field(description="The numbering as written: 一、 （一） 1. 专栏1 …")
    number: str = Field(description="The number alone: 一, 1 …")
    level: int = Field(ge=0)
    title: str
    path: str = Field(description="Numbers from the root, '.'-joined.")
    role: Literal[
        "body", "task", "box", "disclaimer", "company_profile", "conclusion", "other"
    ] = "body"
    evidence: Evidence


# --- research reports (filled by the research-report pipeline) -------------


class Institution(_Model):
    name: str
    canonical: str | None = None
    source: Literal["body", "header", "footer", "disclaimer"] = "body"
    role: Literal["publisher", "quoted"] = Field(
        default="publisher",
        description="publisher: the institution that wrote or published the piece; quoted: "
        "one whose analysts, data or views the piece cites.",
    )
    evidence: Evidence


class Region(_Model):
    name: str
    canonical: str
    # county: a county-level city (县级市), added 2026-12-06 (values are added, never renamed)
    kind: Literal["province", "country", "city", "county", "other"]
    mentions: list[Evidence] = Field(default_factory=list)
    evidence: Evidence


class PolicyEvent(_Model):
    agency: str | None = None
    agency_canonical: str | None = None
    date: str | None = None
    action: str | None = None
    minerals: list[str] = Field(default_factory=list)
    evidence: Evidence


class Statistic(_Model):
    text: str
    subject: str | None = None
    metric: str | None = None
    region: str | None = None
    period: str | None = None
    period_inferred: bool = False
    value: float | None = None
    value_max: float | None = None
    unit: str | None = None
    comparator: str | None = None
    normalized_value: float | None = None
    normalized_unit: str | None = None
    projected: bool = Field(
        default=False,
        description="A number about the future (预计, 将达, 有望, 目标价 …), not an observation.",
    )
    horizon: str | None = Field(
        default=None, description="When a projected number is for, as written (2012年, 明年)."
    )
    table: str | None = Field(default=None, description="Table label when from a table row.")
    row: str | None = None
    column: str | None = None
    evidence: Evidence


class Forecast(_Model):
    text: str
    horizon: Literal["short", "medium", "long", "medium_long", "unspecified"]
    subject: str | None = None
    direction: Literal["up", "down", "flat", "unknown"] = "unknown"
    magnitude: float | None = None
    magnitude_max: float | None = None
    unit: str | None = None
    evidence: Evidence


class Figure(_Model):
    label: str
    kind: Literal["figure", "table"] = "figure"
    caption: str | None = None
    data_source: str | None = None
    rows: list[list[str]] = Field(default_factory=list)
    evidence: Evidence


class ExtractionResult(_Model):
    """Everything extracted from one document."""

    schema_version: Literal["1.0.0"] = SCHEMA_VERSION
    extractor_version: str | None = None
    source: Source
    kind: DocumentKind
    kind_confidence: float = Field(default=1.0, ge=0.0, le=1.0)
    text: str
    title: Title | None = None
    doc_numbers: list[DocNumber] = Field(default_factory=list)
    issuing_agencies: list[Agency] = Field(default_factory=list)
    dates: list[DateMention] = Field(default_factory=list)
    minerals: list[Mineral] = Field(default_factory=list)
    targets: list[Target] = Field(default_factory=list)
    responsibilities: list[Responsibility] = Field(default_factory=list)
    references: list[Reference] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list)
    furniture: list[Furniture] = Field(default_factory=list)
    index_number: MetadataValue | None = Field(
        default=None, description="索引号 of the page's metadata table (government pages)."
    )
    subject_category: MetadataValue | None = Field(
        default=None, description="主题分类 of the page's metadata table (government pages)."
    )
    # research reports
    institution: Institution | None = None
    institutions: list[Institution] = Field(
        default_factory=list,
        description="Every institution that wrote or is quoted; `institution` is the publisher.",
    )
    policy_events: list[PolicyEvent] = Field(default_factory=list)
    statistics: list[Statistic] = Field(default_factory=list)
    forecasts: list[Forecast] = Field(default_factory=list)
    regions: list[Region] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)


class ErrorInfo(_Model):
    """A typed failure, as the CLI prints it and the API returns it."""

    code: str
    message: str
    detail: str | None = None
