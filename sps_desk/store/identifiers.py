"""What identifies a young person, read in one narrow query for the leak scan (issue #11).

The scan of outgoing texts needs only the four identity fields, the code, the nickname
and the birth date of each young person (tombstoned ones included: a deleted record's
name must not leave either). One SQL query over the young people and their identities
reads just these columns, instead of validating every record (issue #12), and hands
them over column by column: the scan folds each distinct value of a column once, and
needs no object per person (25 000 of them on a large base).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sps_desk.store.database import Database


@dataclass(frozen=True)
class Identifiers:
    """The identifying values of every young person, by column, in one same order
    (empty strings when not recorded); ``births``: ``(first name, last name, birth
    date)`` of those whose month of birth is known (precision exact or month: a year
    alone identifies no one, and its month would be a placeholder)."""

    codes: tuple[str, ...] = ()
    nicknames: tuple[str, ...] = ()
    first_names: tuple[str, ...] = ()
    last_names: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    addresses: tuple[str, ...] = ()
    births: tuple[tuple[str, str, date], ...] = ()


def identifiers(database: Database) -> Identifiers:
    """Every young person's identifying values, tombstones included, in no set order
    (the scan's needles do not depend on it; sorting by code read the young people
    through the code index, three times slower than in table order)."""
    rows = database.connection.execute(
        "SELECT y.code, y.nickname, COALESCE(i.first_name, ''), COALESCE(i.last_name, ''), "
        "COALESCE(i.phone, ''), COALESCE(i.address, ''), "
        "CASE WHEN y.birth_date_precision IN ('exact', 'month') THEN y.birth_date END "
        "FROM young_person AS y LEFT JOIN identity AS i ON i.young_person_id = y.id"
    ).fetchall()
    if not rows:
        return Identifiers()
    codes, nicknames, first_names, last_names, phones, addresses, born = zip(*rows, strict=True)
    births = tuple((first, last, date.fromisoformat(birth))
                   for first, last, birth in zip(first_names, last_names, born, strict=True)
                   if birth)
    return Identifiers(codes, nicknames, first_names, last_names, phones, addresses, births)
