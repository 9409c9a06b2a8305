"""Label Studio round trip: predictions out as tasks, corrected annotations back as gold.

- `export_tasks(...)`: one Label Studio task per document. `data.text` is the
  SOURCE text (as `extractor.evaluate.read_source_text` reads it), so corrected
  regions become gold offsets directly. Each predicted item becomes a region
  (`labels` result) plus a per-region `textarea` result holding the item's
  normalised fields as JSON (what the annotator corrects besides the span).
  Prediction evidence points into the extractor's normalised text, so each item
  is re-anchored in the source text by its surface (exact, else allowing
  whitespace between characters, nearest to its relative position).
- `import_annotations(...)`: a Label Studio JSON export -> `gold.json` dicts in
  the corpus format (see corpora/README.md).

Offsets: Label Studio counts UTF-16 code units (JavaScript strings), Python
counts code points. A character outside the BMP (𠮷 U+20BB7) is one code point
and two UTF-16 units; `to_utf16` / `from_utf16` convert both ways.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from pathlib import Path
from typing import Any

from extractor import fields as fr
from extractor.evaluate.gold import field_gold_model
from extractor.evaluate.gold import prune as prune_item

# result field -> Label Studio label, from the field registry (extractor/fields.py)
LABELS = {f.name: f.label for f in fr.labelled()}
FIELD_OF = {v: k for k, v in LABELS.items()}
# nested item lists (responsibilities' agencies) -> their label
ROLE_LABELS = {k: v for f in fr.labelled() for k, v in f.nested_labels.items()}
ROLE_OF = {v: k for k, v in ROLE_LABELS.items()}
# the key that holds an item's surface as written (None: the item has none)
SURFACE_KEY = {f.name: f.surface for f in fr.labelled()}
DROP_KEYS = {"evidence", "mentions", *ROLE_LABELS}


# --- offsets ------------------------------------------------------------------


class OffsetMap:
    """Code point <-> UTF-16 code unit offsets for one text."""

    def __init__(self, text: str) -> None:
        self.text = text
        # astral[i] = number of astral characters before code point i
        self._astral_pos = [i for i, c in enumerate(text) if ord(c) > 0xFFFF]

    def to_utf16(self, i: int) -> int:
        return i + bisect_left(self._astral_pos, i)

    def from_utf16(self, j: int) -> int:
        # smallest i with to_utf16(i) >= j; exact for offsets on character boundaries
        lo, hi = 0, len(self.text)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.to_utf16(mid) < j:
                lo = mid + 1
            else:
                hi = mid
        return lo


def to_utf16(text: str, i: int) -> int:
    """Code-point offset -> UTF-16 offset."""
    return len(text[:i].encode("utf-16-le")) // 2


def from_utf16(text: str, j: int) -> int:
    """UTF-16 offset -> code-point offset (j must fall on a character boundary)."""
    return OffsetMap(text).from_utf16(j)


# --- export -------------------------------------------------------------------


def label_config() -> str:
    """The Label Studio labelling config the tasks are made for."""
    labels = [*LABELS.values(), *ROLE_LABELS.values()]
    inner = "\n".join(f'    <Label value="{v}"/>' for v in labels)
    return (
        "<View>\n"
        '  <Labels name="label" toName="text">\n'
        f"{inner}\n"
        "  </Labels>\n"
        '  <Text name="text" value="$text"/>\n'
        '  <TextArea name="value" toName="text" perRegion="true" editable="true"'
        ' placeholder="normalised fields as JSON"/>\n'
        "</View>\n"
    )


def _fold(text: str) -> str:
    """Width-fold one character for one (full-width ASCII -> ASCII, U+3000 -> space),
    so that offsets in the folded text are offsets in the original."""
    out = []
    for c in text:
        o = ord(c)
        if 0xFF01 <= o <= 0xFF5E:
            c = chr(o - 0xFEE0)
        elif o == 0x3000:
            c = " "
        out.append(c)
    return "".join(out)


def anchor(source: str, surface: str, hint: float = 0.0) -> tuple[int, int] | None:
    """Find `surface` in `source`: exact first, else with whitespace allowed
    between characters, both after width folding (the extractor returns ２０２５ as
    2025); the occurrence nearest to `hint` (0..1 of the text)."""
    if not surface:
        return None
    source, surface = _fold(source), _fold(surface)
    target = hint * len(source)
    spans = [(m.start(), m.start() + len(surface)) for m in re.finditer(re.escape(surface), source)]
    if not spans:
        chars = [re.escape(c) for c in surface if not c.isspace()]
        if not chars:
            return None
        pat = r"\s*".join(chars)
        spans = [(m.start(), m.end()) for m in re.finditer(pat, source)]
    if not spans:
        return None
    return min(spans, key=lambda s: abs(s[0] - target))


def _value_fields(item: dict) -> dict:
    return {k: v for k, v in item.items() if k not in DROP_KEYS}


def _region(rid: str, om: OffsetMap, s: int, e: int, label: str, extra: dict | None) -> list[dict]:
    base = {"start": om.to_utf16(s), "end": om.to_utf16(e), "text": om.text[s:e]}
    out = [
        {
            "id": rid,
            "from_name": "label",
            "to_name": "text",
            "type": "labels",
            "value": {**base, "labels": [label]},
        }
    ]
    if extra is not None:
        out.append(
            {
                "id": rid,
                "from_name": "value",
                "to_name": "text",
                "type": "textarea",
                "value": {**base, "text": [json.dumps(extra, ensure_ascii=False)]},
            }
        )
    return out


def prediction_results(pred: dict, source: str) -> tuple[list[dict], list[str]]:
    """Label Studio results for one prediction (ExtractionResult dict) over `source`."""
    om = OffsetMap(source)
    ptext = pred.get("text") or ""
    n = max(len(ptext), 1)
    results: list[dict] = []
    lost: list[str] = []
    k = 0

    def place(item: dict, surface_key: str | None) -> tuple[int, int] | None:
        ev = item.get("evidence") or {}
        surface = ptext[ev.get("start", 0) : ev.get("end", 0)] if ptext else ""
        if not surface and surface_key:
            surface = item.get(surface_key) or ""
        return anchor(source, surface, ev.get("start", 0) / n)

    for field, label in LABELS.items():
        value = pred.get(field)
        items = [value] if isinstance(value, dict) else list(value or [])
        for item in items:
            span = place(item, SURFACE_KEY[field])
            if span is None:
                lost.append(f"{field}: {item.get('text') or item.get('name') or item.get('title')}")
                continue
            k += 1
            rid = f"r{k}"
            results += _region(rid, om, *span, label, _value_fields(item))
            if field == "responsibilities":
                for role, rlabel in ROLE_LABELS.items():
                    for a in item.get(role) or []:
                        aspan = place(a, "name")
                        if aspan is None:
                            lost.append(f"{field}.{role}: {a.get('name')}")
                            continue
                        k += 1
                        results += _region(f"r{k}", om, *aspan, rlabel, _value_fields(a))
    return results, lost


def make_task(doc_id: str, source: str, pred: dict | None, meta: dict | None = None) -> dict:
    task: dict[str, Any] = {"data": {"text": source, "doc_id": doc_id}}
    if meta is not None:
        task["data"]["meta"] = meta
    if pred is not None:
        results, lost = prediction_results(pred, source)
        task["predictions"] = [
            {"model_version": pred.get("extractor_version") or "extractor", "result": results}
        ]
        if lost:
            task["data"]["unplaced"] = lost
    return task


def export_tasks(corpus: str | Path, pred_dir: str | Path | None = None) -> list[dict]:
    """Tasks for every document of a corpus dir, with extractor predictions."""
    from extractor import evaluate as ev

    tasks = []
    for doc in ev.load_corpus(corpus):
        if pred_dir is not None:
            pred = ev.load_prediction(Path(pred_dir), doc)
        else:
            pred = ev.predict(doc)
        tasks.append(
            make_task(doc.doc_id, doc.source_text(), pred, doc.meta.model_dump(mode="json"))
        )
    return tasks


# --- import -------------------------------------------------------------------


def _latest_result(task: dict) -> list[dict]:
    anns = [a for a in task.get("annotations") or [] if not a.get("was_cancelled")]
    if anns:
        return anns[-1].get("result") or []
    preds = task.get("predictions") or []
    return preds[-1].get("result", []) if preds else []


def task_to_gold(task: dict, kind: str | None = None) -> dict:
    """One annotated task -> a gold dict (corpus format, code-point offsets)."""
    data = task["data"]
    text = data["text"]
    om = OffsetMap(text)
    regions: dict[str, dict] = {}
    for r in _latest_result(task):
        v = r.get("value") or {}
        reg = regions.setdefault(r["id"], {})
        if r.get("type") == "labels":
            s, e = om.from_utf16(v["start"]), om.from_utf16(v["end"])
            reg.update(label=(v.get("labels") or [None])[0], start=s, end=e)
        elif r.get("type") == "textarea":
            raw = (v.get("text") or [""])[0]
            try:
                reg["fields"] = json.loads(raw) if raw.strip() else {}
            except json.JSONDecodeError as exc:
                raise ValueError(f"region {r['id']}: value is not JSON: {raw!r}") from exc
    meta = data.get("meta") or {}
    gold: dict[str, Any] = {
        "doc_id": data.get("doc_id") or meta.get("doc_id"),
        "kind": kind or meta.get("kind") or "policy_notice",
        "fields": [],
    }
    roles: list[dict] = []
    resp: list[dict] = []
    for reg in sorted(regions.values(), key=lambda x: (x.get("start", 0), -x.get("end", 0))):
        if "label" not in reg:
            continue
        s, e = reg["start"], reg["end"]
        evidence = {"start": s, "end": e, "text": text[s:e]}
        # "as written" values come from the (corrected) span, line breaks removed;
        # the title keeps the annotator's value (a joined multi-line title)
        written = re.sub(r"[\r\n]+", "", text[s:e])
        fields = dict(reg.get("fields") or {})
        if reg["label"] in ROLE_OF:
            fields["name"] = written
            roles.append({"role": ROLE_OF[reg["label"]], "item": {**fields, "evidence": evidence}})
            continue
        field = FIELD_OF.get(reg["label"])
        if field is None:
            continue
        key = SURFACE_KEY[field]
        if field == "references":
            fields[key] = written.strip("《》")
        elif field == "title":
            fields.setdefault(key, written)
        elif key is not None:
            fields[key] = written
        item = {**fields, "evidence": evidence}
        if field == "title":
            gold["title"] = item
        else:
            gold.setdefault(field, []).append(item)
            if field == "responsibilities":
                for role in ROLE_LABELS:
                    item[role] = []
                resp.append(item)
    for r in roles:  # nested agencies go to the clause that contains them
        ev = r["item"]["evidence"]
        owner = next(
            (
                x
                for x in resp
                if x["evidence"]["start"] <= ev["start"] and ev["end"] <= x["evidence"]["end"]
            ),
            None,
        )
        if owner is not None:
            owner[r["role"]].append(r["item"])
    gold["fields"] = [f for f in LABELS if f in gold]
    return prune(gold)


def prune(gold: dict) -> dict:
    """Keep only the keys the gold schema knows (predictions carry more)."""
    for field in LABELS:
        model = field_gold_model(fr.REGISTRY[field])
        if isinstance(gold.get(field), dict):
            gold[field] = prune_item(gold[field], model)
        elif field in gold and gold[field] is not None:
            gold[field] = [prune_item(x, model) for x in gold[field]]
    return gold

def import_annotations(export: list[dict], out_dir: str | Path | None = None) -> list[dict]:
    """A Label Studio JSON export -> gold dicts; written to out_dir/<doc_id>/ when given."""
    golds = []
    for task in export:
        gold = task_to_gold(task)
        golds.append(gold)
        if out_dir is not None:
            d = Path(out_dir) / gold["doc_id"]
            d.mkdir(parents=True, exist_ok=True)
            (d / "gold.json").write_text(
                json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
            )
            meta = task["data"].get("meta")
            if meta and not (d / "meta.json").exists():
                (d / "meta.json").write_text(
                    json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
                )
    return golds


def main(args) -> int:
    """`extractor labelstudio export CORPUS [--pred DIR] -o TASKS.json [--config FILE]`
    and `extractor labelstudio import EXPORT.json -o CORPUS_SET_DIR`."""
    if args.ls_command == "export":
        tasks = export_tasks(args.corpus, getattr(args, "pred", None))
        Path(args.output).write_text(json.dumps(tasks, ensure_ascii=False, indent=1), "utf-8")
        if getattr(args, "config", None):
            Path(args.config).write_text(label_config(), encoding="utf-8")
        lost = sum(len(t["data"].get("unplaced", [])) for t in tasks)
        print(f"{len(tasks)} tasks -> {args.output} ({lost} predicted items not placed)")
        return 0
    export = json.loads(Path(args.export).read_text(encoding="utf-8"))
    golds = import_annotations(export, args.output)
    print(f"{len(golds)} gold files -> {args.output}")
    return 0
