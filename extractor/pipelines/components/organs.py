"""`ex_organ_mentions`: generic and functional organs -> doc.spans["organ_mentions"].

The mention layer's second family of organs, beside the gazetteer agencies of
`ex_agency_mentions`: organs that laws name by level and function (国务院地质矿产主管部门,
县级以上地方人民政府, 登记管理机关, 国家电力监管机构). The grammar is
`extractor.grammars.organs` over the data `extractor/data/organs.tsv`; the record of each
span is its `OrganMention` (the name as written; such organs have no canonical name).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from extractor.grammars.organs import find_organs
from extractor.pipelines.base import add_mentions, families


@Language.factory("ex_organ_mentions", assigns=families("organ_mentions"))
def make_organ_mentions(nlp: Language, name: str):
    def organ_mentions(doc: Doc) -> Doc:
        found = find_organs(doc._.text)
        add_mentions(doc, "organ_mentions", ((o.start, o.end, "ORGAN", o) for o in found))
        return doc

    return organ_mentions
