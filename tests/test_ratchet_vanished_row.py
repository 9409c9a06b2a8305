"""The ratchet: a field row whose baseline F1 is 0 (no gold, false positives only) may
vanish when the false positives are gone; a row with a positive baseline may not."""

from extractor.evaluate.ratchet import check_ratchet


def _summary(fields: dict) -> dict:
    return {"fields": fields, "header_all_right": {}}


ROW = {"strict": {"f1": 0.0}, "soft": {"f1": 0.0}}


def test_a_vanished_row_of_false_positives_did_not_fall():
    base = _summary({"dates.other": ROW})
    assert check_ratchet(_summary({}), base) == []


def test_a_vanished_row_with_a_score_fell():
    base = _summary({"dates.event": {"strict": {"f1": 0.5}, "soft": {"f1": 0.5}}})
    assert check_ratchet(_summary({}), base)
