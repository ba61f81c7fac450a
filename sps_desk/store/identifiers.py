"""What identifies a young person, read in one narrow query for the leak scan (issue #11).

The scan of outgoing texts needs only the four identity fields, the code, the nickname
and the birth date of each young person (tombstoned ones included: a deleted record's
name must not leave either). One SQL query over the young people and their identities
reads just these columns, instead of validating every record (issue #12).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sps_desk.store.database import Database


@dataclass(frozen=True)
class Identifiers:
    """One young person's identifying values (empty strings when not recorded).

    ``birth_date`` is ``None`` unless its month is known (precision exact or month):
    a year alone identifies no one, and its month would be a placeholder.
    """

    code: str
    nickname: str
    first_name: str
    last_name: str
    phone: str
    address: str
    birth_date: date | None


def identifiers(database: Database) -> list[Identifiers]:
    """Every young person's identifying values, tombstones included, in code order."""
    rows = database.connection.execute(
        "SELECT y.code, y.nickname, COALESCE(i.first_name, ''), COALESCE(i.last_name, ''), "
        "COALESCE(i.phone, ''), COALESCE(i.address, ''), "
        "CASE WHEN y.birth_date_precision IN ('exact', 'month') THEN y.birth_date END "
        "FROM young_person AS y LEFT JOIN identity AS i ON i.young_person_id = y.id "
        "ORDER BY y.code"
    ).fetchall()
    return [
        Identifiers(code, nickname, first, last, phone, address,
                    date.fromisoformat(birth) if birth else None)
        for code, nickname, first, last, phone, address, birth in rows
    ]
