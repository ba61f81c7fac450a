"""Numbers a statistics file can hold: non-negative, finite, and within a plausible bound.

A statistics file is JSON a service sends by email: its checksum proves nothing about
who wrote it, and a damaged or hand-edited file may hold ``-3`` young people, ``1e400``
hours (infinity once read) or an integer of 400 digits, which the consolidation would
then add up and print. Every number of a statistics file is a count of people, contacts,
actions or sessions, decimal hours, FTE, a percentage, a year or a threshold: none is
negative, and none comes near :data:`PLAUSIBLE_MAX`.
"""

from __future__ import annotations

import math
from typing import Any

from sps_desk.inputs import count_text

PLAUSIBLE_MAX = 1_000_000
"""Largest number accepted anywhere in a statistics file. The largest figure of the
Département's 2022 table is 13 164 hours (Boulogne, a year); a million is 75 times that,
and more than any count of people a service can meet."""


def implausible_number(data: Any) -> str | None:
    """The first implausible number of the JSON value ``data``, as French text naming
    its place in the file (« contacts › adults_met : nombre négatif »), or ``None`` when
    every number is a finite value from 0 to :data:`PLAUSIBLE_MAX`. Booleans are not
    numbers here. Walks the value without recursion (any depth)."""
    if _all_plausible(data):
        return None
    stack: list[tuple[str, Any]] = [("", data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            stack.extend((f"{path} › {key}" if path else str(key), item)
                         for key, item in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend((f"{path}[{index}]", item)
                         for index, item in reversed(list(enumerate(value))))
        elif isinstance(value, int | float) and not isinstance(value, bool):
            reason = _reason(value)
            if reason is not None:
                return f"{path or 'valeur'} : {reason}"
    return None


def _all_plausible(data: Any) -> bool:
    """Whether every number of ``data`` is plausible: the walk of
    :func:`implausible_number` without building the place of each value (a statistics
    file holds hundreds of numbers, and a consolidation reads hundreds of files)."""
    stack: list[Any] = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
        elif (isinstance(value, int | float) and not isinstance(value, bool)
              and not 0 <= value <= PLAUSIBLE_MAX):  # NaN fails both comparisons
            return False
    return True


def _reason(value: float) -> str | None:
    if isinstance(value, float) and not math.isfinite(value):
        return "nombre infini ou indéfini"
    if value < 0:
        return "nombre négatif"
    if value > PLAUSIBLE_MAX:
        return f"nombre invraisemblable (plus de {count_text(PLAUSIBLE_MAX)})"
    return None
