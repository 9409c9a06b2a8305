"""A mineral character inside an institution name (the names ex_institution_mentions found
before ex_minerals) is part of the name, not a mention of the mineral (short synthetic
sentences of our own, after the names in corpora/holdout commentary)."""

from __future__ import annotations

import pytest

from conftest import run_components


def canonicals(text: str) -> set[str]:
    doc = run_components(text, "ex_institution_mentions", "ex_minerals")
    return {(s._.fields or {})["canonical"] for s in doc.spans.get("minerals", [])}


@pytest.mark.parametrize(
    "text,present,absent",
    [
        # an association's branch: its name holds 铅 and 锌
        ("中国有色金属工业协会铅锌分会副会长表示，行业整合将提速。", set(), {"铅", "锌"}),
        # a data provider's name holds 金 and 银
        ("据金银岛资讯监测，本周市场成交清淡。", set(), {"金", "银"}),
        # the same minerals outside a name still count
        ("据金银岛资讯监测，本周铅锌价格小幅上涨。", {"铅", "锌"}, {"金", "银"}),
    ],
)
def test_minerals_inside_institution_names(text, present, absent):
    got = canonicals(text)
    assert present <= got
    assert not (absent & got)


def test_policy_pipeline_without_institution_mentions():
    # the component reads institution names when present; without them it finds minerals as before
    doc = run_components("各地要加强铅锌资源保护。", "ex_minerals")
    assert {(s._.fields or {})["canonical"] for s in doc.spans.get("minerals", [])} >= {"铅", "锌"}
