"""`extract()` runs with the cyclic garbage collector paused and leaves it as it was."""

from __future__ import annotations

import gc

import pytest

from extractor import extract
from extractor.core import collector_paused

TEXT = "关于加强稀土管理的通知\n工业和信息化部负责统筹协调。\n".encode()


@pytest.mark.parametrize("enabled", [True, False])
def test_extract_leaves_the_collector_as_it_was(enabled):
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        extract(TEXT, filename="n.txt")
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()


def test_the_collector_is_off_inside_and_back_on_after_an_error():
    assert gc.isenabled()
    with pytest.raises(RuntimeError):
        with collector_paused():
            assert not gc.isenabled()
            raise RuntimeError("boom")
    assert gc.isenabled()
