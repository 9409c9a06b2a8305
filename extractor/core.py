"""The library entry point: `extract(path_or_bytes)` -> `ExtractionResult`."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from extractor.assemble import assemble
from extractor.classify import classify_doc
from extractor.ingest import IngestOptions, ingest
from extractor.models import ExtractionResult
from extractor.normalize import normalize
from extractor.page_metadata import apply_page_structure, pipeline_text

__version__ = "0.1.0"


_PAUSE_LOCK = threading.Lock()
_pausers = 0  # extractions running with the collector paused
_restore = False  # whether the first of them found the collector on


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off while an extraction runs.

    An extraction allocates a few hundred thousand small objects (tuples, spans, match
    records); each allocation burst triggers collections, and every older-generation
    collection walks all the long-lived objects of the process (spaCy vocab, pipelines,
    gazetteers): ~20% of `extract()` on a 100k-character text (226 -> 171 ms CPU, median
    of 6). Garbage is still freed by reference counts as it goes; the few cycles made
    wait for the next collection after the call. Counted across threads: the first
    extraction to start pauses it, the last one to finish puts it back as the first found
    it (left off when the caller had it off), also after an error."""
    global _pausers, _restore
    with _PAUSE_LOCK:
        if _pausers == 0:
            _restore = gc.isenabled()
            gc.disable()
        _pausers += 1
    try:
        yield
    finally:
        with _PAUSE_LOCK:
            _pausers -= 1
            if _pausers == 0 and _restore:
                gc.enable()


def extract(
    src: str | Path | bytes,
    *,
    filename: str | None = None,
    kind: str | None = None,
    options: IngestOptions | None = None,
) -> ExtractionResult:
    """Extract one document (a path, or the bytes of a PDF or text file).

    Raises a subclass of `extractor.errors.ExtractorError` on bad input.
    """
    from extractor.pipelines import interpret, mentions
    from extractor.pipelines.base import Furniture, Layout

    ingested = ingest(src, filename=filename, options=options)
    # ingestion (pdfminer's layout objects, OCR) runs with the collector as it is
    with collector_paused():
        norm = normalize(ingested)
        text = pipeline_text(norm, ingested)  # a page's metadata table blanked: page_metadata reads it
        layout = Layout(
            media_type=ingested.media_type,
            furniture=tuple(Furniture(f.kind, f.text, f.page) for f in ingested.furniture),
            tables=tuple(ingested.tables),
            page_of=norm.page_of,
        )
        # mentions once, then the kind read from them (unless the caller gave it), then the
        # kind's interpretation components on the same Doc
        doc = mentions(text, layout)
        if kind is None:
            kind, confidence = classify_doc(doc)
        else:
            confidence = 1.0
        doc = interpret(doc, kind)
        result = assemble(
            doc,
            norm,
            ingested,
            kind=kind,
            kind_confidence=confidence,
            extractor_version=__version__,
        )
        return apply_page_structure(result, ingested, norm)
