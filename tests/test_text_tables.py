"""Tables written as text one cell a line (grammars/text_tables.line_table) and their cells
as table statistics, not running-text numbers."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.grammars.text_tables import EXAMPLES, text_tables


def _read(text):
    tables = text_tables(text)
    if not tables:
        return None
    (t,) = tables
    rows = [(r[0][0], [c[0] for c in r[1:]]) for r in t.rows[1:]]
    # every cell is its own text at its offsets
    assert all(text[s:e] == cell for r in t.rows for cell, s, e in r)
    return t.caption, rows


@pytest.mark.parametrize("text,expect", EXAMPLES)
def test_line_table_examples(text, expect):
    assert _read(text) == expect


def test_header_names_the_columns():
    (t,) = text_tables(EXAMPLES[0][0])
    assert [c[0] for c in t.rows[0][1:]] == ["年供应量(万吨)", "合同年限(年)"]
    text = EXAMPLES[0][0]
    assert t.start <= text.index("120") < t.end <= text.index("下文")  # the prose after it is no row


_LABEL = st.text(alphabet="甲乙丙丁钢矿厂公司集团项目东西南北中", min_size=2, max_size=12)
_VALUE = st.one_of(st.integers(1, 99999).map(str), st.integers(10, 99999).map(lambda n: f"{n / 10:.1f}"))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(_LABEL, st.lists(_VALUE, max_size=2)), min_size=2, max_size=8))
def test_any_line_table_reads_back(rows):
    if sum(len(v) for _, v in rows) < 2 or not rows[-1][1]:
        return  # a table needs two values, and a trailing label without one is not its row
    body = "\n".join(f"{label}\n" + "".join(f"{v}\n" for v in values) for label, values in rows)
    text = "前文说明，数据如下。\n合约一览\n产量(万吨)价格(元/吨)\n" + body + "后文，继续讨论。"
    assert _read(text) == ("合约一览", [(label, values) for label, values in rows])


def test_line_table_cells_are_table_statistics():
    from conftest import run_components
    from extractor.pipelines.base import spans

    text = ("甲钢今年签下两份长协，合计供应200万吨。\n钢厂新签长协一览\n年供应量(万吨)合同年限(年)\n"
            "2010年5月甲钢与乙矿\n120\n2009年11月丙钢与丁矿\n80\n> 10\n下文继续讨论。")
    doc = run_components(text, "ex_statistics")
    got = [(s.text, s._.fields["value"], s._.fields["unit"], s._.fields.get("row"), s._.fields.get("column"))
           for s in spans(doc, "statistics")]
    assert got == [
        ("120", 120, "万吨", "2010年5月甲钢与乙矿", "年供应量(万吨)"),
        ("80", 80, "万吨", "2009年11月丙钢与丁矿", "年供应量(万吨)"),
        ("200万吨", 200, "万吨", None, None),  # the running text before the table
    ]
