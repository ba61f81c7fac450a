"""Cell values as French spreadsheets hold them: decimal commas, dd/mm/yyyy dates, labels.

Every parser takes what a CSV gives (text) or what an XLSX cell gives (number, date,
datetime, text or ``None``) and returns a Python value, or raises :class:`CellError` with
a French reason that says what to write instead. Reasons may quote the cell when it is
a number, a date or a label, never when it could be a name.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import TypeVar

from sps_desk.enums import LabelledEnum

CellValue = str | int | float | date | datetime | time | timedelta | None
"""What a cell holds: text from a CSV, or a typed value from an XLSX cell."""

E = TypeVar("E", bound=LabelledEnum)


class CellError(ValueError):
    """A cell that cannot be read; ``str()`` is the French reason."""


_SPACES = re.compile(r"[\s\u00a0\u202f]+")


def normalise(text: str) -> str:
    """A header or label reduced for comparison: « Nb d'Heures » → ``"nb d heure"``.

    Accents and case are dropped, punctuation becomes a space, spaces are collapsed and a
    final « s » of words of four letters or more is dropped (« Catégories » matches
    « Catégorie », « Congés » matches « Congé »).
    """
    # An import compares the same few names, categories and dates on every row: short
    # texts are remembered (a 100 000-row file spent most of its preview here).
    if len(text) <= _CACHED_LENGTH:
        return _normalise_cached(text)
    return _normalise(text)


_CACHED_LENGTH = 120


@functools.lru_cache(maxsize=16_384)
def _normalise_cached(text: str) -> str:
    return _normalise(text)


def _normalise(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    # Letters of every script count (« Дмитрий » must not reduce to nothing).
    words = re.sub(r"[\W_]+", " ", bare).split()
    return " ".join(w[:-1] if len(w) >= 4 and w.endswith("s") else w for w in words)


def cell_text(value: CellValue) -> str:
    """The cell as stripped text (``""`` for an empty cell); numbers without ``.0``."""
    if value is None:
        return ""
    if type(value) is str and value.isprintable() and "  " not in value:
        # The common case, at the cost of two scans: the only printable white space is
        # the plain space, so there is nothing to collapse (no tab, no no-break space).
        return value.strip()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return f"{value:%d/%m/%Y}"
    return _SPACES.sub(" ", str(value)).strip()


def is_empty(value: CellValue) -> bool:
    """Whether the cell holds nothing but spaces."""
    return cell_text(value) == ""


_DECIMAL = re.compile(r"[+-]?\d+(?:[.,]\d+)?")


def parse_decimal(value: CellValue) -> float:
    """A decimal number: ``1,5``, ``1.5``, ``2`` or a numeric XLSX cell.

    A unit or any other text (« 2,75h », « 1h30 ») is refused: the spreadsheet itself
    does not add such a cell to its totals, so importing it would make the base's totals
    differ from the file's.

    Raises:
        CellError: empty, or not a plain number.
    """
    if isinstance(value, bool):
        raise CellError("doit être un nombre")
    if isinstance(value, int | float):
        return float(value)
    text = cell_text(value)
    # A column repeats the same few numbers: each text is read once.
    return _remembered_decimal(text) if len(text) <= 40 else _decimal_of(text)


def _decimal_of(text: str) -> float:
    compact = _SPACES.sub("", text)
    if not compact:
        raise CellError("valeur manquante : indiquez un nombre (par exemple 1,5)")
    if not _DECIMAL.fullmatch(compact):
        raise CellError(
            f"« {text} » n'est pas un nombre : écrivez le nombre seul, sans unité "
            "(par exemple 1,5 pour une heure et demie)"
        )
    # float() of a decimal text is correctly rounded: the same value as through Decimal.
    return float(compact.replace(",", "."))


_remembered_decimal = functools.lru_cache(maxsize=8_192)(_decimal_of)


def parse_hours(value: CellValue) -> float:
    """Decimal hours: a number as :func:`parse_decimal`, or an XLSX duration cell
    (« 1:30 » formatted as a time or as ``[h]:mm``) converted to 1.5.

    Raises:
        CellError: as :func:`parse_decimal`.
    """
    if isinstance(value, timedelta):
        return value.total_seconds() / 3600
    if isinstance(value, time):
        return value.hour + value.minute / 60 + value.second / 3600
    return parse_decimal(value)


NOT_RECORDED_WORDS = frozenset({"nr", "non renseigne", "n r", "inconnu", "nc"})
"""Normalised cell texts read as « non renseigné »."""


def parse_count(value: CellValue) -> int:
    """A count of people (whole number, 0 or more); an empty cell is 0.

    Raises:
        CellError: a fraction, a negative number or text.
    """
    if is_empty(value):
        return 0
    number = parse_decimal(value)
    if not number.is_integer() or number < 0:
        raise CellError(
            f"« {cell_text(value)} » n'est pas un nombre de personnes : écrivez un nombre "
            "entier, 0 ou plus"
        )
    return int(number)


def parse_count_or_nr(value: CellValue) -> int | str:
    """A count, or ``"NR"`` for an empty cell or « NR » / « non renseigné ».

    Raises:
        CellError: as :func:`parse_count`.
    """
    if is_empty(value) or normalise(cell_text(value)) in NOT_RECORDED_WORDS:
        return "NR"
    return parse_count(value)


_DMY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})")
_YMD = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?")


def parse_date(value: CellValue) -> date:
    """A local date: ``31/01/2026``, ``31-01-2026``, ``2026-01-31`` or an XLSX date cell.

    The time of a datetime cell is dropped (Excel stores dates as midnight).

    Raises:
        CellError: empty, a two-digit year, a day that does not exist (31/02/2026) or text.
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = cell_text(value)
    if not text:
        raise CellError("date manquante : écrivez-la jj/mm/aaaa")
    # A file repeats the same few thousand dates: each is read once (errors are not
    # remembered, and are raised again for every row that has them).
    return _remembered_date(text) if len(text) <= 40 else _date_of(text)


def _date_of(text: str) -> date:
    dmy = _DMY.fullmatch(text)
    ymd = _YMD.fullmatch(text)
    if dmy:
        day, month, year = (int(part) for part in dmy.groups())
        if len(dmy.group(3)) != 4:
            raise CellError(f"« {text} » : écrivez l'année sur quatre chiffres (jj/mm/aaaa)")
    elif ymd:
        year, month, day = (int(part) for part in ymd.groups())
    else:
        raise CellError(f"« {text} » n'est pas une date : écrivez-la jj/mm/aaaa")
    try:
        return date(year, month, day)
    except ValueError:
        raise CellError(
            f"le {day:02d}/{month:02d}/{year} n'existe pas dans le calendrier : "
            "corrigez le jour ou le mois"
        ) from None


_remembered_date = functools.lru_cache(maxsize=8_192)(_date_of)


def parse_year(value: CellValue) -> int:
    """A four-digit year (``2009``), numeric or text.

    Raises:
        CellError: not a whole number of four digits.
    """
    text = cell_text(value)
    if not re.fullmatch(r"\d{4}", text):
        raise CellError(f"« {text} » n'est pas une année : écrivez-la sur quatre chiffres")
    return int(text)


def _keys(member: LabelledEnum) -> set[str]:
    label = member.label
    keys = {normalise(label), normalise(member.value)}
    # « Scolarité, décrochage scolaire » is also written « Scolarité »; « Maison des
    # adolescents (MDA) » « Maison des adolescents » or « MDA ».
    keys.add(normalise(label.split(",")[0]))
    keys.add(normalise(label.split(" (")[0]))
    keys.update(normalise(inner) for inner in re.findall(r"\(([^)]*)\)", label))
    return {key for key in keys if key}


def choice_index(enum_type: type[E], synonyms: dict[str, E] | None = None) -> dict[str, E]:
    """Normalised label, code, short label and ``synonyms`` → member, for :func:`parse_choice`.

    A key shared by two members (« Autre ») keeps the first member that claims it, in
    enum order; explicit ``synonyms`` win.
    """
    index: dict[str, E] = {}
    for member in enum_type:
        for key in _keys(member):
            index.setdefault(key, member)
    index.update({normalise(word): member for word, member in (synonyms or {}).items()})
    return index


class UnknownChoice(CellError):
    """A cell that names no member of a fixed list.

    ``str()`` is the short French reason; ``what`` names the list (« catégorie d'heures »)
    and ``accepted`` its labels in French alphabetical order, for the preview to list
    once rather than on every bad row.
    """

    def __init__(self, reason: str, what: str, accepted: list[str]) -> None:
        super().__init__(reason)
        self.what = what
        self.accepted = accepted


def accepted_labels(index: dict[str, E]) -> list[str]:
    """The labels of ``index``'s members, sorted as a French reader expects (« Écrits »
    among the E, not after Z)."""
    return sorted({m.label for m in index.values()}, key=lambda label: (normalise(label), label))


def find_choice(text: str, index: dict[str, E]) -> E | None:
    """The member named by ``text``: a key of ``index``, else the one member whose label
    starts with ``text``'s whole words (« Temps de préparation » → « Temps de préparation
    des activités », as the README promises); ``None`` when none or several do."""
    wanted = normalise(text)
    if not wanted:
        return None
    member = index.get(wanted)
    if member is not None:
        return member
    words = wanted.split()
    starting = {m for m in index.values()
                if normalise(m.label).split()[:len(words)] == words}
    return starting.pop() if len(starting) == 1 else None


def parse_choice(value: CellValue, index: dict[str, E], what: str) -> E:
    """The member of a fixed list named by the cell, by label, short label, synonym or the
    start of its label (:func:`find_choice`).

    ``what`` names the list in the error (« catégorie »).

    Raises:
        CellError: empty.
        UnknownChoice: not in the list (its ``accepted`` labels are listed by the preview).
    """
    text = cell_text(value)
    if not text:
        raise CellError(f"valeur manquante ({what})")
    member = find_choice(text, index)
    if member is None:
        raise UnknownChoice(
            f"« {text} » ne figure pas dans la liste ({what}) : écrivez l'une des valeurs "
            "acceptées, listées sous les erreurs", what, accepted_labels(index))
    return member


def split_names(value: CellValue) -> list[str]:
    """Names separated by « ; », « , », « / » or « + » (``"Zoé ; Ayşe"`` → two names)."""
    return [part.strip() for part in re.split(r"[;,/+\n]", cell_text(value)) if part.strip()]


def parse_choices(value: CellValue, index: dict[str, E], what: str) -> list[E]:
    """Several members separated by « ; » or « , », each at most once, in cell order.

    Labels that contain a comma themselves (« Logement, hébergement ») are recognised:
    pieces are joined back while they form a label.

    Raises:
        CellError: a piece names no member (the reason cites the piece).
    """
    pieces = [p.strip() for p in re.split(r"[;,\n]", cell_text(value))]
    chosen: list[E] = []
    start = 0
    while start < len(pieces):
        if not pieces[start]:
            start += 1
            continue
        for end in range(len(pieces), start, -1):
            member = find_choice(",".join(pieces[start:end]), index)
            if member is not None:
                if member not in chosen:
                    chosen.append(member)
                start = end
                break
        else:
            parse_choice(pieces[start], index, what)  # raises UnknownChoice
    return chosen


def join_for_key(values: Iterable[object]) -> str:
    """A stable text key of several values (used for deterministic record ids)."""
    return "|".join(map(str, values))
