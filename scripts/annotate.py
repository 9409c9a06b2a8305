#!/usr/bin/env python
"""Annotation helper: turn surfaces into exact character offsets in gold.json.

Write gold items with a shorthand instead of offsets, then run this script on
the document folder; it rewrites gold.json in place with
`"evidence": {"start", "end", "text"}` so that `source_text[start:end] == text`.

Shorthand (anywhere in gold.json where an item or a nested agency appears):
    "@": "surface"          the surface to find (first occurrence by default)
    "@n": 2                 take the 2nd occurrence
    "@after": "anchor"      search after the first occurrence of this anchor
    "@after_n": 2           ... after the 2nd occurrence of the anchor
The item's `text` / `name` / `title` default to the surface (titles of
references drop 《》; the document title drops line breaks).

Usage:
    python scripts/annotate.py corpora/synthetic/s01_xxx [more dirs]   # fill offsets
    python scripts/annotate.py --new DIR --set real --kind policy_notice \
        --shared corpus/raw/01_x.txt --origin "..." --licence "..."       # write meta.json
    python scripts/annotate.py --new DIR --set synthetic --kind ... --file source.txt ...
    python scripts/annotate.py --new DIR --set pdf --kind ... --shared samples/x_source.txt \
        --input-shared samples/x.pdf ...                                   # PDF input
    python scripts/annotate.py --check corpora                         # validate every gold

The source text is what `extractor.evaluate.read_source_text` returns: the file
decoded (UTF-8 or GB18030), BOM stripped, line ends kept.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Import extractor.evaluate without running extractor/__init__.py: the annotation
# tools must work even while the pipeline package (which it imports) is being
# edited. extractor.evaluate itself imports only models, fields and compare.
if "extractor" not in sys.modules:
    _pkg = types.ModuleType("extractor")
    _pkg.__path__ = [str(ROOT / "extractor")]
    sys.modules["extractor"] = _pkg
from extractor import evaluate as ev  # noqa: E402

# field -> the key that defaults to the surface
DEFAULT_KEY = {
    "doc_numbers": "text",
    "issuing_agencies": "name",
    "dates": "text",
    "minerals": "name",
    "targets": "text",
    "references": "title",
    "statistics": "text",
    "forecasts": "text",
    "title": "text",
}


def find(
    text: str, surface: str, n: int = 1, after: str | None = None, after_n: int = 1, pos: int = 0
) -> int:
    """Start of the n-th occurrence of `surface` (after the after_n-th `after`), from `pos`."""
    if after:
        for _ in range(after_n):
            i = text.find(after, pos)
            if i < 0:
                raise ValueError(f"anchor {after!r} not found (occurrence {after_n})")
            pos = i + 1
        pos = pos - 1 + len(after)
    for _ in range(n):
        i = text.find(surface, pos)
        if i < 0:
            raise ValueError(f"surface {surface!r} not found (occurrence {n}, after {after!r})")
        pos = i + 1
    return pos - 1


def resolve(obj, text: str, field: str | None = None, base: int = 0):
    """Replace shorthand by evidence, recursively. Nested items (the agencies of a
    responsibility clause) are searched from the start of their parent's evidence."""
    if isinstance(obj, list):
        return [resolve(x, text, field, base) for x in obj]
    if not isinstance(obj, dict):
        return obj
    start = None
    if "@" in obj:
        surface = obj["@"]
        start = find(
            text, surface, obj.get("@n", 1), obj.get("@after"), obj.get("@after_n", 1), base
        )
    out = {}
    for k, v in obj.items():
        if k.startswith("@"):
            continue
        sub_field = k if k in ev.FIELDS else field
        if k in ("lead", "participants", "shared"):
            sub_field = "agency_ref"
        out[k] = resolve(v, text, sub_field, base if start is None else start)
    if start is not None:
        out["evidence"] = {"start": start, "end": start + len(surface), "text": surface}
        key = DEFAULT_KEY.get(field or "", "name" if field == "agency_ref" else None)
        if key and key not in out:
            if field == "references":
                out[key] = ev.strip_title_marks(surface)
            elif field == "title":
                out[key] = "".join(line.strip() for line in surface.splitlines())
            else:
                out[key] = surface
    elif "evidence" in out:
        e = out["evidence"]
        if text[e["start"] : e["end"]] != e["text"]:
            raise ValueError(f"stale evidence {e}: source has {text[e['start']:e['end']]!r}")
    return out


def fill(doc_dir: Path) -> None:
    meta = ev.Meta.model_validate_json((doc_dir / "meta.json").read_text(encoding="utf-8"))
    text = ev.read_source_text(ev.source_path(doc_dir, meta).read_bytes())
    gpath = doc_dir / "gold.json"
    raw = json.loads(gpath.read_text(encoding="utf-8"))
    out = {}
    for k, v in raw.items():
        out[k] = resolve(v, text, k if k in ev.FIELDS else None)
    ev.Gold.model_validate(out)
    gpath.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def new(args) -> None:
    d = Path(args.new)
    d.mkdir(parents=True, exist_ok=True)
    src = {"file": args.file} if args.file else {"shared": args.shared}
    path = d / args.file if args.file else ev.shared_dir() / args.shared
    src["sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()
    if args.input_shared:
        src["input_shared"] = args.input_shared
        data = (ev.shared_dir() / args.input_shared).read_bytes()
        src["input_sha256"] = hashlib.sha256(data).hexdigest()
    meta = {
        "doc_id": d.name,
        "set": args.set,
        "kind": args.kind,
        "source": src,
        "origin": args.origin,
        "licence": args.licence,
    }
    if args.notes:
        meta["notes"] = args.notes
    ev.Meta.model_validate(meta)
    (d / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", "utf-8")


def check(root: Path) -> int:
    problems = []
    docs = ev.load_corpus(root)
    for doc in docs:
        problems += ev.validate_doc(doc)
    for p in problems:
        print(p)
    print(f"{len(docs)} documents, {len(problems)} problems")
    return 1 if problems else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dirs", nargs="*")
    ap.add_argument("--check", metavar="CORPUS")
    ap.add_argument("--new", metavar="DIR")
    ap.add_argument("--set")
    ap.add_argument("--kind")
    ap.add_argument("--shared")
    ap.add_argument("--file")
    ap.add_argument(
        "--input-shared", help="PDF under ../shared the extractor reads (text = --shared)"
    )
    ap.add_argument("--origin", default="")
    ap.add_argument("--licence", default="")
    ap.add_argument("--notes")
    args = ap.parse_args()
    if args.check:
        return check(Path(args.check))
    if args.new:
        new(args)
        return 0
    for d in args.dirs:
        fill(Path(d))
        print(f"filled {d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
