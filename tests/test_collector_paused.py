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


def test_overlapping_extractions_keep_it_paused_until_the_last_one_ends():
    """Two threads: the collector stays off while either runs and is back on after both,
    in whichever order they start and finish."""
    import threading

    assert gc.isenabled()
    a_in, b_in, a_out = threading.Event(), threading.Event(), threading.Event()
    seen = {}

    def a():
        with collector_paused():
            a_in.set()
            b_in.wait(5)
        a_out.set()

    def b():
        a_in.wait(5)
        with collector_paused():
            b_in.set()
            a_out.wait(5)
            seen["after_a_left"] = gc.isenabled()

    ta, tb = threading.Thread(target=a), threading.Thread(target=b)
    ta.start()
    tb.start()
    ta.join(10)
    tb.join(10)
    assert seen == {"after_a_left": False}
    assert gc.isenabled()
