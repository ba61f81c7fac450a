"""« Effacer un jeune » (chief): what the erasure removes, listed before it is done.

The dialog shows what :func:`sps_desk.store.rights.preview_erasure` finds — the records
removed, and each free text that names the young person (record kind, field and date,
never the text), each form draft and each merge conflict about them — then erases on
« Erase for good ». What was being typed in the window's forms is written to the drafts
first, so that it is searched too; the forms whose draft named the person are emptied
afterwards, so that nothing on screen writes the name back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from sps_desk.errors import SpsDeskError
from sps_desk.records import RECORD_KINDS, YoungPerson
from sps_desk.store import rights
from sps_desk.store.database import Database
from sps_desk.ui.drafting import set_widget_value
from sps_desk.ui.widgets.forms import ErrorBox

if TYPE_CHECKING:
    from sps_desk.ui.main_window import MainWindow


def write_open_drafts(window: MainWindow) -> None:
    """Write at once the drafts of what is being typed in every page of ``window``."""
    for page in window.pages:
        if page.drafts is not None:
            page.drafts.flush()


def forget_forms(window: MainWindow, forms: set[str]) -> None:
    """Empty the forms named ``forms`` (their drafts were removed by an erasure): back to
    their clean values, and no longer counted as typed, so no draft is written again."""
    for page in window.pages:
        keeper = page.drafts
        if keeper is None:
            continue
        for name, form in keeper.forms.items():
            if name not in forms:
                continue
            with keeper.paused():
                for key, widget in form.fields.items():
                    if key in form.clean:
                        set_widget_value(widget, form.clean[key])
            form.typed = form.pending = False
        keeper.offer()


class ErasureDialog(QDialog):
    """Lists what erasing ``person`` removes; « Erase for good » erases (chief only).

    After :meth:`erase`, :attr:`erased` holds what was removed (counts and places).
    """

    def __init__(self, window: MainWindow, person: YoungPerson,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent if parent is not None else window)
        self.window_ = window
        self.database: Database = window.database
        self.database.require_chief("effacer un jeune")
        self.person = person
        self.erased: rights.Erased | None = None
        self.setWindowTitle(self.tr("Erase a young person"))
        self.resize(640, 480)
        write_open_drafts(window)
        preview = rights.preview_erasure(self.database, person)
        self.heading = QLabel(self.tr(
            "Erasing the young person {0} removes for good:").format(person.code))
        self.heading.setWordWrap(True)
        self.details = QPlainTextEdit("\n".join(preview.lines()))
        self.details.setReadOnly(True)
        self.details.setAccessibleName(self.tr("What the erasure removes"))
        self.warning = QLabel(self.tr(
            "This cannot be undone. Free texts that name the young person keep the rest of "
            "their text, with « [effacé] » in place of the name. A backup taken before "
            "still holds the young person: restoring it erases them again."))
        self.warning.setWordWrap(True)
        self.errors = ErrorBox()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.erase_button = self.buttons.addButton(
            self.tr("Erase for good"), QDialogButtonBox.ButtonRole.DestructiveRole)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setDefault(True)
        self.erase_button.clicked.connect(self.erase)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.heading, self.details, self.warning, self.errors, self.buttons):
            layout.addWidget(widget)

    def erase(self) -> bool:
        """Erase the young person, empty the forms that named them, reload every page."""
        try:
            erased = rights.erase(self.database, self.person)
        except SpsDeskError as error:
            self.errors.show_lines([str(error)])
            return False
        self.erased = erased
        window = self.window_
        forget_forms(window, {draft.form for draft in erased.scrub.drafts})
        window.hub.notify_changed(*(model.kind for model in RECORD_KINDS))
        window.hub.show_message(self.tr(
            "Young person erased: {0} free text(s) redacted, {1} draft(s) removed.").format(
            len(erased.scrub.redactions), len(erased.scrub.drafts)))
        self.accept()
        return True
