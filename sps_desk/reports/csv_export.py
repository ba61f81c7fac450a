"""The report's tables as CSV files that a French Excel opens right.

One file per table (``statistiques-YYYY-<table>.csv``): UTF-8 with a byte-order mark
(so Excel reads accents), ``;`` as separator (the French list separator, so no ``sep=``
line is needed, which would also break the BOM), CRLF line ends, decimal comma without
thousands grouping (Excel parses « 12968 » and « 3,83 » as numbers; a grouped « 12 968 »
would be text), dates as ``dd/mm/yyyy`` (read as dates by a French Excel). Text that
starts with ``=``, ``+``, ``-`` or ``@`` (or a tab / carriage return) is prefixed with an
apostrophe so that Excel never evaluates it as a formula (OWASP « CSV injection »).
"""

from __future__ import annotations

import csv
import io
from datetime import date

from babel.numbers import format_decimal

from sps_desk.reports.figures import Variant
from sps_desk.reports.tables import ReportTable, Value

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_filename(year: int, table: ReportTable, variant: Variant = "diffusion") -> str:
    """``statistiques-YYYY-<table key>.csv``, or ``statistiques-YYYY-<table key>-interne.csv``."""
    suffix = "-interne" if variant == "internal" else ""
    return f"statistiques-{year}-{table.key}{suffix}.csv"


def neutralise(text: str) -> str:
    """``text`` made inert for a spreadsheet: a leading formula character gets ``'``."""
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def csv_value(value: Value) -> str:
    """One cell as written in a French CSV: « 3,83 », « 12968 », « 31/12/2026 », text."""
    if value is None:
        return ""
    if isinstance(value, str):
        return neutralise(value)
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, int):
        return str(value)
    return format_decimal(value, format="0.##", locale="fr_FR")


def csv_bytes(table: ReportTable) -> bytes:
    """The CSV file of one table: title line, header, rows; UTF-8 with BOM."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([neutralise(table.header[0]), *map(neutralise, table.header[1:])])
    for row in table.rows:
        writer.writerow([csv_value(value) for value in row])
    return buffer.getvalue().encode("utf-8-sig")
