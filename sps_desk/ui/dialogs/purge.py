"""Purge screen (chief): who is due under the retention rule, the free texts that name
them (redacted with them: kind, field and date, never the text), anonymise, certificate."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sps_desk.errors import SpsDeskError
from sps_desk.reports.privacy_documents import Destruction, write_destruction_certificate
from sps_desk.store import retention
from sps_desk.store.database import Database
from sps_desk.ui.widgets.forms import ErrorBox


class PurgeDialog(QDialog):
    """Lists the young people due for anonymisation; « Anonymise » purges them and
    writes the destruction certificate into the chosen folder."""

    def __init__(self, database: Database, today: date | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        database.require_chief("purger les données échues")
        self.database = database
        self.today = today or date.today()
        self.certificate: Path | None = None
        self.setWindowTitle(self.tr("Purge of expired data"))
        self.setMinimumWidth(520)
        years = retention.retention_years(database)
        intro = QLabel(self.tr(
            "Young people without any activity for more than {0} year(s) (retention "
            "period of the service). Anonymising them deletes their identity, code and "
            "nickname; past statistics stay identical.").format(years))
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Young people due"))
        self.count_label = QLabel()
        self.count_label.setWordWrap(True)
        self.redactions = QPlainTextEdit()
        self.redactions.setReadOnly(True)
        self.redactions.setAccessibleName(self.tr("Free texts redacted"))
        self.purge_button = QPushButton(self.tr("Anonymise them and issue the certificate…"))
        self.purge_button.clicked.connect(self._ask_folder)
        self.errors = ErrorBox()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (intro, self.list, self.count_label, self.redactions, self.purge_button,
                       self.errors, buttons):
            layout.addWidget(widget)
        self.reload()

    def reload(self) -> None:
        """List who is due today."""
        self.list.clear()
        due = retention.due(self.database, self.today)
        for item in due:
            self.list.addItem(self.tr("{0} — last activity on {1}").format(
                item.code, item.last_activity.strftime("%d/%m/%Y")))
        scrub = retention.purge(self.database, self.today, dry_run=True).scrub
        self.count_label.setText(self.tr(
            "{0} young person(s) due. {1} free text(s) that name them will be redacted "
            "(« [effacé] » in place of the name):").format(len(due), len(scrub.redactions)))
        self.redactions.setPlainText("\n".join(scrub.lines()))
        self.redactions.setVisible(bool(scrub.lines()))
        self.purge_button.setEnabled(bool(due))

    def _ask_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder of the certificate"))
        if folder:
            self.purge(Path(folder))

    def purge(self, folder: Path) -> bool:
        """Anonymise everyone due and write the certificate into ``folder``."""
        try:
            result = retention.purge(self.database, self.today)
            operator = (self.database.current_user.display_name
                        if self.database.current_user else "-")
            self.certificate = write_destruction_certificate(
                folder / f"certificat-destruction-{result.at:%Y%m%d-%H%M%S}.pdf",
                Destruction(self.database.service().name, operator, result.at.astimezone(),
                            "purge des données échues (anonymisation)",
                            {"jeunes anonymisés": result.anonymised,
                             "identités détruites": result.identities_deleted,
                             "textes libres caviardés": len(result.scrub.redactions)},
                            result.hashes_before))
        except (SpsDeskError, OSError) as error:
            self.errors.show_lines([str(error)])
            return False
        self.reload()
        return True
