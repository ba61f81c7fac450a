"""Version vectors and the merge rule of one record between devices (issue 7).

A version of a record is its row (``model_dump(mode="json")``) with its clock, a
version vector ``{device id: number of writes of this record by that device}``. Two
versions are ordered when one clock dominates the other (the later one was written
knowing the earlier); otherwise they are concurrent: two devices edited the record
since they last exchanged it, which is a conflict for the chief to resolve.

The rule is a pure function of the set of versions seen, so merging bundles in any
order, or twice, gives the same result: the kept versions are the maximal ones (no
other version dominates them); the row shown is the newest of them by ``updated_at``,
a deletion before an edit of the same instant, then by device id — "the newer update
wins, a deletion wins over an older edit" — and the record's clock is the pointwise
maximum of every clock seen.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Any

Clock = Mapping[str, int]
"""A version vector: device id (text UUID) → writes of the record by that device."""


class Order(Enum):
    """How two clocks relate."""

    EQUAL = "equal"
    BEFORE = "before"
    AFTER = "after"
    CONCURRENT = "concurrent"


def compare(left: Clock, right: Clock) -> Order:
    """Whether ``left`` is equal to, before, after or concurrent with ``right``."""
    devices = set(left) | set(right)
    less = any(left.get(d, 0) < right.get(d, 0) for d in devices)
    more = any(left.get(d, 0) > right.get(d, 0) for d in devices)
    if less and more:
        return Order.CONCURRENT
    if less:
        return Order.BEFORE
    if more:
        return Order.AFTER
    return Order.EQUAL


def clock_max(*clocks: Clock) -> dict[str, int]:
    """Pointwise maximum of ``clocks``, keys sorted (a clock that knows all of them)."""
    devices = sorted({d for clock in clocks for d in clock})
    return {d: max(clock.get(d, 0) for clock in clocks) for d in devices}


def bumped(clock: Clock, device_id: str) -> dict[str, int]:
    """``clock`` after one more write by ``device_id``."""
    result = dict(sorted(clock.items()))
    result[device_id] = result.get(device_id, 0) + 1
    return dict(sorted(result.items()))


_STAMPS = ("updated_at", "device_id")


@dataclass(frozen=True)
class Version:
    """One version of a record: its row as JSON-ready values, and its clock."""

    row: dict[str, Any]
    clock: dict[str, int]

    def content(self) -> str:
        """The row without who-wrote-it-when, as canonical JSON (to spot equal edits)."""
        kept = {k: v for k, v in self.row.items() if k not in _STAMPS}
        return json.dumps(kept, sort_keys=True, ensure_ascii=False)

    def to_json(self) -> dict[str, Any]:
        """``{"clock": …, "row": …}`` as stored in a conflict or sent in a bundle."""
        return {"clock": self.clock, "row": self.row}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Version:
        """The inverse of :meth:`to_json`."""
        return cls(row=dict(data["row"]), clock={str(k): int(v) for k, v in data["clock"].items()})


def _newest_first_key(version: Version) -> tuple[datetime, bool, str, str]:
    row = version.row
    return (
        datetime.fromisoformat(row["updated_at"]),
        row.get("deleted_at") is not None,
        str(row.get("device_id") or ""),
        version.content(),
    )


def winner(versions: Iterable[Version]) -> Version:
    """The version shown among concurrent ones: newest ``updated_at``; at the same
    instant a deletion; then the greater device id (any fixed rule, so every base agrees).

    Raises:
        ValueError: ``versions`` is empty.
    """
    return max(versions, key=_newest_first_key)


def maximal(versions: Iterable[Version]) -> list[Version]:
    """The versions no other one dominates, one per clock, in a fixed order."""
    unique: dict[str, Version] = {}
    for version in versions:
        unique.setdefault(json.dumps(version.clock, sort_keys=True), version)
    kept = [
        v for v in unique.values()
        if not any(compare(v.clock, other.clock) is Order.BEFORE for other in unique.values())
    ]
    return sorted(kept, key=lambda v: json.dumps(v.clock, sort_keys=True))


def is_real_conflict(versions: Iterable[Version]) -> bool:
    """Whether concurrent ``versions`` differ in content (equal edits are no conflict)."""
    return len({v.content() for v in versions}) > 1
