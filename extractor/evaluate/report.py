"""Printing scores: a fixed-width table, a Markdown table, per-document details,
and the JSON `extractor eval --json` writes."""

from __future__ import annotations

import json


def _fmt(v: float | None) -> str:
    return "   -  " if v is None else f"{100 * v:6.1f}"


def format_table(summary: dict) -> str:
    lines = [
        f"{'field':34} {'gold':>5} | {'strict P':>8} {'R':>6} {'F1':>6} | "
        f"{'soft P':>8} {'R':>6} {'F1':>6}",
        "-" * 88,
    ]
    for name, s in summary["fields"].items():
        st, so = s["strict"], s["soft"]
        indent = "  " if "." in name else ""
        lines.append(
            f"{indent + name:34} {s['support']:>5} | {_fmt(st['precision']):>8} "
            f"{_fmt(st['recall'])} {_fmt(st['f1'])} | {_fmt(so['precision']):>8} "
            f"{_fmt(so['recall'])} {_fmt(so['f1'])}"
        )
    h = summary["header_all_right"]
    lines.append("-" * 88)
    lines.append(
        f"header fields all right (title, doc number, agencies, written+published dates): "
        f"strict {_fmt(h['strict']).strip()}%, soft {_fmt(h['soft']).strip()}% "
        f"of {h['n_docs']} notices"
    )
    if summary.get("kind_accuracy") is not None:
        lines.append(f"document kind right: {_fmt(summary['kind_accuracy']).strip()}%")
    sets = ", ".join(f"{k} {v}" for k, v in sorted(summary.get("sets", {}).items()))
    lines.append(f"{summary['n_docs']} documents ({sets}); {summary.get('seconds', 0)} s")
    for doc_id, err in (summary.get("errors") or {}).items():
        lines.append(f"error: {doc_id}: {err}")
    return "\n".join(lines)


def format_details(summary: dict) -> str:
    """Per document and field: the strict keys missed and the extra ones."""
    lines = []
    for doc_id, rep in (summary.get("per_doc") or {}).items():
        for name, r in rep.items():
            if name == "header_all_right" or not (r["missed"] or r["extra"]):
                continue
            lines.append(f"{doc_id} {name}:")
            lines += [f"  - missed: {k}" for k in r["missed"]]
            lines += [f"  + extra:  {k}" for k in r["extra"]]
    return "\n".join(lines)


def format_markdown(summary: dict) -> str:
    """The scores as a Markdown table (for README files)."""

    def pct(v: float | None) -> str:
        return "–" if v is None else f"{100 * v:.1f}"

    lines = [
        "| field | gold items | strict P | strict R | strict F1 | soft P | soft R | soft F1 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, s in summary["fields"].items():
        st, so = s["strict"], s["soft"]
        label = f"&nbsp;&nbsp;{name}" if "." in name else f"**{name}**"
        lines.append(
            f"| {label} | {s['support']} | {pct(st['precision'])} | {pct(st['recall'])} | "
            f"{pct(st['f1'])} | {pct(so['precision'])} | {pct(so['recall'])} | {pct(so['f1'])} |"
        )
    h = summary["header_all_right"]
    lines.append("")
    lines.append(
        f"Header fields all right (title, own doc number, issuing agencies, written and "
        f"published dates): strict {pct(h['strict'])}%, soft {pct(h['soft'])}% of "
        f"{h['n_docs']} policy notices with all four annotated."
    )
    return "\n".join(lines) + "\n"


def scores_json(summary: dict) -> str:
    """The JSON `--json` writes: everything but per-document details and timing."""
    data = {k: v for k, v in summary.items() if k not in ("per_doc", "seconds")}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
