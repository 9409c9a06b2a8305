"""Fake extraction functions for the API tests (dotted paths `apifakes:<name>`).

`fake_extract` reads a tiny line format so the index tables get known content,
whatever the real components produce today:

    标题 <title>
    发文 <agency>[=<canonical>]
    文号 <number>
    成文 <YYYY-MM-DD>
    矿产 <name>=<canonical>[><parent>]
    目标 <year> <metric> <value> <unit>      (the target's text is the whole line)
    任务 <task> 牵头 <a>[,<a>] 参与 <b>[,<b>]
    引用 <title>[|<number>]                  (a cited document)
    机构 <name>[=<canonical>]                (the publishing institution)
    事件 <YYYY-MM-DD> <agency> <action> <mineral>
    版本 <extractor version>                 (default "fake", or FAKE_VERSION below)
    FAIL <error code>                        (raise that ExtractorError)
    SLEEP <seconds>
    HANG <seconds>                           (sleep deaf to the time budget's signal, as
                                              one long call into C is)
    CRASH                                    (kill the process: process executor only)
"""

from __future__ import annotations

import hashlib
import os
import signal
import threading
import time

from extractor.errors import ALL_ERRORS
from extractor.models import (
    Agency,
    Institution,
    PolicyEvent,
    Reference,
    AgencyRef,
    DateMention,
    DocNumber,
    DocumentKind,
    Evidence,
    ExtractionResult,
    Mineral,
    Responsibility,
    Source,
    Target,
    Title,
)

ERRORS = {cls.code: cls for cls in ALL_ERRORS}
# the version fake_extract reports when the text does not say (tests of re-extraction set it)
FAKE_VERSION = {"value": "fake"}


def _name(spec: str) -> tuple[str, str | None]:
    name, _, canonical = spec.partition("=")
    return name, canonical or None


def fake_extract(src, *, filename=None, options=None, kind=None) -> ExtractionResult:
    data = src if isinstance(src, bytes) else open(src, "rb").read()
    text = data.decode("utf-8")
    r = ExtractionResult(
        source=Source(filename=filename, sha256=hashlib.sha256(data).hexdigest(),
                      media_type="text/plain"),
        kind=DocumentKind(kind or "policy_notice"), text=text,
        extractor_version=FAKE_VERSION["value"],
    )
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        ev = Evidence(start=start, end=end)
        head, _, rest = line.partition(" ")
        if head == "FAIL":
            raise ERRORS[rest.strip()]("fake failure", detail="apifakes")
        if head == "SLEEP":
            time.sleep(float(rest))
        elif head == "HANG":
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
            time.sleep(float(rest))
        elif head == "CRASH":
            os._exit(17)
        elif head == "标题":
            r.title = Title(text=rest, evidence=ev)
        elif head == "发文":
            name, canonical = _name(rest)
            r.issuing_agencies.append(Agency(name=name, canonical=canonical, source="header",
                                             evidence=ev))
        elif head == "文号":
            from extractor.grammars.doc_number import parse

            p = parse(rest)
            r.doc_numbers.append(DocNumber(
                text=rest, normalized=p.normalized if p else rest, role="self", evidence=ev,
                organ_code=p.organ_code if p else None, year=p.year if p else None,
                serial=p.serial if p else None))
        elif head == "成文":
            r.dates.append(DateMention(text=rest, value=rest, role="written", evidence=ev))
        elif head == "矿产":
            name, canonical = _name(rest)
            canonical, _, parent = (canonical or name).partition(">")
            m_start = start + len(head) + 1
            r.minerals.append(Mineral(name=name, canonical=canonical, parent=parent or None,
                                      evidence=Evidence(start=m_start, end=m_start + len(name))))
        elif head == "目标":
            year, metric, value, unit = rest.split(" ")
            r.targets.append(Target(text=line, metric=metric, value=float(value), unit=unit,
                                    year=int(year), evidence=ev))
        elif head == "引用":
            title, _, number = rest.partition("|")
            r.references.append(Reference(title=title, doc_number=number or None, evidence=ev))
        elif head == "机构":
            name, canonical = _name(rest)
            r.institution = Institution(name=name, canonical=canonical, evidence=ev)
            r.institutions.append(r.institution)
        elif head == "事件":
            day, agency, action, mineral = rest.split(" ")
            r.policy_events.append(PolicyEvent(agency=agency, date=day, action=action,
                                               minerals=[mineral], evidence=ev))
        elif head == "版本":
            r.extractor_version = rest
        elif head == "任务":
            parts = rest.split(" ")
            task = parts[0]
            roles = dict(zip(parts[1::2], parts[2::2], strict=False))

            def refs(key: str) -> list[AgencyRef]:
                out = []
                for spec in roles.get(key, "").split(",") if roles.get(key) else []:
                    n, c = _name(spec)
                    out.append(AgencyRef(name=n, canonical=c, evidence=ev))
                return out

            r.responsibilities.append(Responsibility(
                task=task, lead=refs("牵头"), participants=refs("参与"), shared=refs("共同"),
                evidence=ev))
    return r


def slow_extract(src, *, filename=None, options=None, kind=None) -> ExtractionResult:
    """Sleeps FAKE_DELAY_S seconds (default 0) and then extracts like fake_extract."""
    time.sleep(float(os.environ.get("FAKE_DELAY_S", "0")))
    return fake_extract(src, filename=filename, options=options, kind=kind)


# closed by a test to hold gated_extract calls until it has looked at the running job
GATE = threading.Event()
GATE.set()


def gated_extract(src, *, filename=None, options=None, kind=None) -> ExtractionResult:
    """Waits (at most 60 s) until GATE is open, then extracts like fake_extract: a job that
    stays running exactly as long as a test needs, whatever the machine's load."""
    GATE.wait(60)
    return fake_extract(src, filename=filename, options=options, kind=kind)


def broken_extract(src, *, filename=None, options=None, kind=None):
    raise RuntimeError("a bug in a component")


def wrong_type_extract(src, *, filename=None, options=None, kind=None):
    class NotAResult:
        def model_dump_json(self) -> str:
            return '{"kind": "nonsense"}'

    return NotAResult()


def ingest_extract(src, *, filename=None, options=None, kind=None) -> ExtractionResult:
    """The real ingestion (which reports its pages to `options.progress`), then a result
    holding the body text and the page count: a PDF job without the spaCy pipeline."""
    from extractor.ingest import ingest

    doc = ingest(src, filename=filename, options=options)
    text = "\n".join(line.text for line in doc.lines)
    return ExtractionResult(
        source=Source(filename=filename, sha256=doc.sha256, media_type=doc.media_type,
                      pages=len(doc.pages) or None),
        kind=DocumentKind(kind or "policy_notice"), text=text,
        extractor_version=FAKE_VERSION["value"],
    )
