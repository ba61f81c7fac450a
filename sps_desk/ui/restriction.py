"""Young people whose processing is restricted (GDPR art. 18) are read-only in the pages.

Their record, supports and follow-up cannot be edited or deleted, they are not offered
as young people met, participants or for a new support; the pages say why with
:func:`restriction_notice`. The restriction itself lives in :mod:`sps_desk.store.rights`.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QWidget

from sps_desk.ui.tones import Tone, apply_tone


def restriction_notice() -> str:
    """The translated explanation shown beside a restricted young person."""
    return QCoreApplication.translate(
        "Restriction",
        "This young person's processing is restricted: their record and follow-up are "
        "read-only, they cannot be added to a new entry and they are left out of the "
        "statistics (GDPR art. 18). To lift the restriction, ask the data controller.",
    )


class RestrictionLabel(QLabel):
    """The notice, shown only while a restricted young person is selected."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(restriction_notice(), parent)
        self.setWordWrap(True)
        apply_tone(self, Tone.WARNING, "font-weight: bold;")
        self.setAccessibleName(
            QCoreApplication.translate("Restriction", "Restriction of processing")
        )
        self.hide()
