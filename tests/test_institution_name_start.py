"""Where a made name begins (grammars/institutions.py `_made_name`): a government body, like a committee,
is named after its place or the state, so the clause before that word is no part of it; two bodies joined
by a conjunction are two names; a time word or a verb before a name is not in it; a one-character ending
that goes on as a word (报废, 报收) makes no name. Synthetic sentences of our own."""

from __future__ import annotations

import pytest

from extractor.grammars.institutions import find_institution_names


@pytest.mark.parametrize(
    "text,expected",
    [
        # the clause before the state or the place is no part of a government body's name
        ("这批储能项目上周已获国家发改委核准。", ["国家发改委"]),
        ("输配电价格现阶段由国家发改委审定。", ["国家发改委"]),
        ("这家检测站经国家认证认可监督管理委员会授权开展检验。", ["国家认证认可监督管理委员会"]),
        ("国务院日前转发国家能源局的方案。", ["国家能源局"]),  # after the time word
        ("这次央企座谈会由国务院国资委牵头召开。", ["国务院国资委"]),  # 国务院 anchors its bodies
        ("今年省发改委表示，电价平稳。", ["省发改委"]),  # a level word: the place is the document's
        ("四川省发改委表示，电价平稳。", ["四川省发改委"]),
        ("绵阳经济开发区管委会主任表示，用电紧张。", ["绵阳经济开发区管委会"]),
        # no place and no state word: no made name (the agency mentions read a bare 发改委)
        ("收费标准交由发改委聘请第三方核算。", []),
        # two bodies joined by a conjunction, the second anchored
        ("下个季度，国家能源局和国家发改委将联合督查。", ["国家能源局", "国家发改委"]),
        # a conjunction inside a name is no join (the second part is not anchored)
        ("中国石油和化学工业联合会表示，需求平稳。", ["中国石油和化学工业联合会"]),
        # a time word or a verb before a name
        ("过去30年来中央银行持续增持黄金。", ["中央银行"]),
        ("一位交易员接受导报记者电话采访说。", []),
        # a connective or a preposition before the name (通过, 以及, 由, 等): the name begins after it
        ("这笔股权拟通过北京产权交易所公开转让。", ["北京产权交易所"]),
        ("我国的电价长期由国家发改委核定。", ["国家发改委"]),
        ("企业更多接受票据等银行信用工具。", []),
        ("新规的出台以及各地行业协会的配合。", []),
        ("由于银行收紧信贷，企业承压。", []),
        ("青岛自由贸易试验区管委会表示，手续简化。", ["青岛自由贸易试验区管委会"]),  # 自由 is no preposition
        # words of those classes that also stand inside names
        ("稀土协同创新研究院表示，产能偏紧。", ["稀土协同创新研究院"]),
        ("国际标准化组织技术委员会表示，标准将修订。", ["国际标准化组织技术委员会"]),
        # a one-character ending that goes on as a word
        ("这批机组距报废还有十年。", []),
        ("周五这一运价指数报收980点。", []),
        ("他们一直把实业报国当作信条。", []),
        ("今年国内新增并网的光伏装机回升。", []),
        # a deictic opens no name: the country's goes (我国, 国内), of the province's the level word stays
        ("据我国钢铁工业协会统计，产量增长。", ["钢铁工业协会"]),
        ("国内有色金属工业协会表示，需求平稳。", ["有色金属工业协会"]),
        ("全省有色金属协会表示，产量增长。", ["省有色金属协会"]),
        ("本市钢铁协会表示，库存下降。", ["市钢铁协会"]),
        ("我区风电协会表示，装机增长。", ["风电协会"]),  # 区 is no level word of a place-less body
        ("我国统计局称，产量增长。", []),  # a government body needs its place or the state
        ("中国钢铁工业协会表示，产量增长。", ["中国钢铁工业协会"]),  # the name of the country is no deictic
    ],
)
def test_where_a_made_name_begins(text, expected):
    assert [n.surface for n in find_institution_names(text)] == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("这批储能项目上周已获国家发改委核准。", "国家发展和改革委员会"),
        ("四川省发改委表示，电价平稳。", "四川省发展和改革委员会"),
        ("绵阳经济开发区管委会主任表示，用电紧张。", "绵阳经济开发区管理委员会"),
        ("这次央企座谈会由国务院国资委牵头召开。", "国务院国有资产监督管理委员会"),
        ("自治区国资委表示，投资增长。", "自治区人民政府国有资产监督管理委员会"),  # the place is the document's
    ],
)
def test_the_canonical_is_read_from_the_name_alone(text, expected):
    (name,) = find_institution_names(text)
    assert name.canonical == expected


@pytest.mark.parametrize(
    "text,canonical,place",
    [
        ("据我国钢铁工业协会统计，产量增长。", "中国钢铁工业协会", None),  # the national body of the list
        ("国内有色金属工业协会表示，需求平稳。", "中国有色金属工业协会", None),
        ("全省有色金属协会表示，产量增长。", "省有色金属协会", "province"),  # the piece's province
        ("我省统计局数据显示，产值下降。", "省统计局", "province"),
    ],
)
def test_a_deictic_opening_reads_as_the_body_it_points_at(text, canonical, place):
    (n,) = find_institution_names(text)
    assert (n.canonical, n.place) == (canonical, place)
