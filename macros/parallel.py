"""Run one function over many items on two CPU cores: a forked worker takes every other item.

MkDocs builds in one Python thread, so while the hook renders thousands of generated pages the
machine's other core is idle. A worker forked from the build shares everything the parent has
already computed (the validated dataset, the compiled templates) without pickling it; only the
results travel back. Where forking is not safe or not worth it (not Linux, one core, few items)
everything runs in this process, with the same result in the same order.
"""
from __future__ import annotations

import multiprocessing
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Sequence, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

FEWEST_ITEMS = 200  # below this, starting a worker costs more than it saves

_work: tuple[Callable, Sequence] | None = None  # what the forked worker inherits


def _every_other(start: int) -> list:
    function, items = _work
    return [function(item) for item in items[start::2]]


def map_on_two_cores(function: Callable[[Item], Result], items: Sequence[Item], work: int | None = None) -> list[Result]:
    """[function(item) for item in items], the odd-numbered ones in a forked worker process.
    `work`: how many items' worth of work they hold together, when some hold far more than one."""
    global _work
    if (len(items) if work is None else work) < FEWEST_ITEMS or len(items) < 2 or (os.cpu_count() or 1) < 2 or sys.platform != "linux":
        return [function(item) for item in items]
    _work = (function, items)
    try:
        with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork")) as worker:
            odd = worker.submit(_every_other, 1)
            even = _every_other(0)
            odd_results = odd.result()
    finally:
        _work = None
    results = [None] * len(items)
    results[0::2], results[1::2] = even, odd_results
    return results
