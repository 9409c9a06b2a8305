"""The annotated corpus: loading `corpora/<set>/<doc_id>/` entries and validating them.

An entry is meta.json + gold.json + the source text, either `source.txt` beside
it or a file under `../shared`. Gold offsets index the source text as
`read_source_text` decodes it.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extractor import fields as fr
from extractor.evaluate.gold import Gold, Meta

ROOT = Path(__file__).resolve().parent.parent.parent


def shared_dir() -> Path:
    """The read-only folder beside the repo (override with EXTRACTOR_SHARED)."""
    env = os.environ.get("EXTRACTOR_SHARED")
    return Path(env) if env else ROOT.parent / "shared"


def read_source_text(data: bytes) -> str:
    """Gold offsets index this string: UTF-8 (or GB18030) decoded, BOM stripped,
    line ends kept exactly as in the file. (Self-contained on purpose: the
    validator must work even when the pipeline does not import.)"""
    boms = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
    for bom, enc in boms:
        if data.startswith(bom):
            return data.decode(enc)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030")


@dataclass
class CorpusDoc:
    dir: Path
    meta: Meta
    gold: Gold
    source_path: Path

    @property
    def input_path(self) -> Path:
        """What the extractor reads: the PDF when there is one, else the source text."""
        src = self.meta.source
        if src.input_file:
            return self.dir / src.input_file
        if src.input_shared:
            return shared_dir() / src.input_shared
        return self.source_path

    @property
    def doc_id(self) -> str:
        return self.meta.doc_id

    def source_bytes(self) -> bytes:
        return self.source_path.read_bytes()

    def source_text(self) -> str:
        return read_source_text(self.source_bytes())


def source_path(doc_dir: Path, meta: Meta) -> Path:
    if meta.source.file:
        return doc_dir / meta.source.file
    if meta.source.shared:
        return shared_dir() / meta.source.shared
    raise ValueError(f"{doc_dir}: meta.source has neither file nor shared")


# Sets kept apart from the development corpus: `unseen/` (annotated by reading and
# scored once before any fix for them; development data after that, with its own
# baseline), `blind/` (scored once, at the end of a piece of work, never tuned on; used
# since, so development data now) and `blind2/` (a second blind slice of commentary, fixed
# and annotated before the commentary fixes it measures), `holdout/` (the remaining
# commentary, read but never annotated before 2026-12-06: scored once at the end of that
# day's work). Evaluating `corpora` leaves them out; evaluate `corpora/<set>` to score one.
SEPARATE_SETS = ("unseen", "blind", "blind2", "holdout")


def load_corpus(root: str | Path) -> list[CorpusDoc]:
    """Every `<root>/**/gold.json` with its meta.json, sorted by path; folders named
    in SEPARATE_SETS below the root are skipped (name them as the root to score them)."""
    root = Path(root)
    docs = []
    for gpath in sorted(root.rglob("gold.json")):
        d = gpath.parent
        if any(part in SEPARATE_SETS for part in d.relative_to(root).parts):
            continue
        meta = Meta.model_validate_json((d / "meta.json").read_text(encoding="utf-8"))
        gold = Gold.model_validate_json(gpath.read_text(encoding="utf-8"))
        docs.append(CorpusDoc(d, meta, gold, source_path(d, meta)))
    return docs


def iter_evidence(obj: Any) -> Iterable[dict]:
    """Every evidence dict inside a gold JSON object."""
    if isinstance(obj, dict):
        if set(obj) >= {"start", "end", "text"} and isinstance(obj.get("start"), int):
            yield obj
        for v in obj.values():
            yield from iter_evidence(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from iter_evidence(v)


def validate_doc(doc: CorpusDoc) -> list[str]:
    """Problems with one corpus entry ([] when it is fine)."""
    problems = []
    if doc.meta.doc_id != doc.gold.doc_id or doc.dir.name != doc.doc_id:
        problems.append(f"{doc.dir}: doc_id differs between folder, meta and gold")
    if doc.meta.kind != doc.gold.kind:
        problems.append(f"{doc.doc_id}: kind differs between meta and gold")
    if not doc.source_path.is_file():
        return problems + [f"{doc.doc_id}: source {doc.source_path} is missing"]
    data = doc.source_bytes()
    sha = hashlib.sha256(data).hexdigest()
    if sha != doc.meta.source.sha256:
        problems.append(f"{doc.doc_id}: sha256 of {doc.source_path} is {sha}, meta says "
                        f"{doc.meta.source.sha256}")
    if doc.input_path != doc.source_path:
        ipath = doc.input_path
        isha = hashlib.sha256(ipath.read_bytes()).hexdigest() if ipath.is_file() else None
        if isha != doc.meta.source.input_sha256:
            problems.append(f"{doc.doc_id}: input {doc.input_path} sha256 is {isha}, meta says "
                            f"{doc.meta.source.input_sha256}")
    text = read_source_text(data)
    raw = json.loads((doc.dir / "gold.json").read_text(encoding="utf-8"))
    for ev in iter_evidence(raw):
        s, e = ev["start"], ev["end"]
        if not (0 <= s < e <= len(text)) or text[s:e] != ev["text"]:
            problems.append(
                f"{doc.doc_id}: [{s}:{e}] is {text[s:e]!r}, gold says {ev['text']!r}"
            )
    names = fr.scored_names()
    for f in doc.gold.fields:
        if f not in names:
            problems.append(f"{doc.doc_id}: unknown field {f!r} in fields")
    for f in names:
        if getattr(doc.gold, f, None) and f not in doc.gold.fields:
            problems.append(f"{doc.doc_id}: {f} has items but is not listed in fields")
    return problems
