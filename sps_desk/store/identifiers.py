"""What identifies a young person, read in two narrow queries for the leak scan (issue #11).

The scan of outgoing texts needs only the four identity fields, the code, the nickname
and the birth date of each young person (tombstoned ones included: a deleted record's
name must not leave either). Two SQL queries read just these columns, instead of
validating every record (issue #12): the codes and nicknames of every young person, and
the identity fields (with the birth date) of those who have an identity — a few hundred
among 25 000 on a large base, so that neither the identities nor the birth dates are
looked up for everyone. They are handed over column by column: the scan folds each
distinct value of a column once, and needs no object per person.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sps_desk.store.database import Database


@dataclass(frozen=True)
class Identifiers:
    """The identifying values of the young people, by column (empty strings when not
    recorded): ``codes`` and ``nicknames`` of every young person, in one same order;
    ``first_names``, ``last_names``, ``phones`` and ``addresses`` of every identity, in
    another same order; ``births``: ``(first name, last name, birth date)`` of those with
    an identity whose month of birth is known (precision exact or month: a year alone
    identifies no one, and its month would be a placeholder)."""

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
    connection = database.connection
    people = connection.execute("SELECT code, nickname FROM young_person").fetchall()
    if not people:
        return Identifiers()
    codes, nicknames = zip(*people, strict=True)
    rows = connection.execute(
        "SELECT i.first_name, i.last_name, i.phone, i.address, "
        "CASE WHEN y.birth_date_precision IN ('exact', 'month') THEN y.birth_date END "
        "FROM identity AS i JOIN young_person AS y ON y.id = i.young_person_id"
    ).fetchall()
    if not rows:
        return Identifiers(codes, nicknames)
    first_names, last_names, phones, addresses, born = zip(*rows, strict=True)
    births = tuple((first, last, date.fromisoformat(birth))
                   for first, last, birth in zip(first_names, last_names, born, strict=True)
                   if birth)
    return Identifiers(codes, nicknames, first_names, last_names, phones, addresses, births)
