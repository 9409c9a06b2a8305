#!/usr/bin/env python
"""Re-baseline deliberately: score the corpus with the current extractor, write
corpora/baseline.json and the scores table in corpora/README.md.

    .venv/bin/python scripts/annotate_scores.py

Same numbers as `extractor eval corpora --json corpora/baseline.json`; this
script also refreshes the scores table between its markers in corpora/README.md
and README.md. Commit the three files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor import evaluate as ev  # noqa: E402

START, END = "<!-- scores:start -->", "<!-- scores:end -->"


def main() -> int:
    # no options: the arguments only give --help (which changes nothing)
    argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter).parse_args()
    summary = ev.evaluate(ROOT / "corpora")
    (ROOT / "corpora" / "baseline.json").write_text(ev.scores_json(summary), encoding="utf-8")
    print(ev.format_table(summary))
    sets = ", ".join(f"{v} {k}" for k, v in sorted(summary["sets"].items()))
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    body = (
        f"{START}\n"
        f"Produced by `extractor eval corpora --markdown` ({summary['n_docs']} documents: "
        f"{sets}; extractor at the commit that changed corpora/baseline.json, {stamp}).\n\n"
        f"{ev.format_markdown(summary)}{END}"
    )
    # the same table in corpora/README.md and in the top-level README.md
    for readme in (ROOT / "corpora" / "README.md", ROOT / "README.md"):
        text = readme.read_text(encoding="utf-8")
        if START in text and END in text:
            head, rest = text.split(START, 1)
            readme.write_text(head + body + rest.split(END, 1)[1], encoding="utf-8")
            print(f"updated {readme}")
    errors = summary.get("errors") or {}
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
