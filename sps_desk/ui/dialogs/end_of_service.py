"""End-of-service wizard (chief): destroy the base, backups, key slots and settings,
and issue the destruction certificate (convention art. 9)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sps_desk.errors import SpsDeskError
from sps_desk.reports.privacy_documents import Destruction, write_destruction_certificate
from sps_desk.store.database import Database
from sps_desk.store.end_of_service import destroy_service, files_of
from sps_desk.ui.widgets.forms import ErrorBox, add_row, new_form


class EndOfServiceDialog(QDialog):
    """Lists what will be destroyed; the chief types the service's name and ticks the box,
    then « Destroy » closes the base, destroys every file and writes the certificate."""

    def __init__(self, database: Database, backup_dirs: list[Path], settings: list[Path],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        database.require_chief("fin de service")
        self.database = database
        self.backup_dirs = backup_dirs
        self.settings = settings
        self.certificate: Path | None = None
        self.setWindowTitle(self.tr("End of service: destroy all data"))
        self.service_name = database.service().name
        files = files_of(database.path, backup_dirs, settings)
        intro = QLabel(self.tr(
            "Every personal data of the service will be destroyed for good: the database, "
            "its {0} file(s) with backups, key slots and settings. A destruction "
            "certificate will be written into the folder you choose.").format(len(files)))
        intro.setWordWrap(True)
        self.name_edit = QLineEdit()
        self.folder_edit = QLineEdit()
        self.confirm_box = QCheckBox(self.tr("I understand that nothing can be recovered"))
        form = new_form()
        add_row(form, self.tr("Type the name of the service to confirm:"), self.name_edit)
        add_row(form, self.tr("Folder of the certificate:"), self.folder_edit)
        self.destroy_button = QPushButton(self.tr("Destroy all data"))
        self.destroy_button.clicked.connect(self.destroy_all)
        self.errors = ErrorBox()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        for widget in (self.confirm_box, self.destroy_button, self.errors, buttons):
            layout.addWidget(widget)

    def destroy_all(self) -> bool:
        """Check the confirmation, destroy, write the certificate; True when done."""
        problems = []
        if self.name_edit.text().strip() != self.service_name:
            problems.append(self.tr("Type the exact name of the service."))
        folder = Path(self.folder_edit.text().strip()) if self.folder_edit.text().strip() else None
        if folder is None or not folder.is_dir():
            problems.append(self.tr("Choose an existing folder for the certificate."))
        if not self.confirm_box.isChecked():
            problems.append(self.tr("Tick the box to confirm."))
        if problems or folder is None:
            self.errors.show_lines(problems)
            return False
        try:
            done = destroy_service(self.database, self.backup_dirs, self.settings)
            self.certificate = write_destruction_certificate(
                folder / f"certificat-fin-de-service-{done.at:%Y%m%d-%H%M%S}.pdf",
                Destruction(done.service_name, done.operator, done.at.astimezone(),
                            "fin de service : destruction de toutes les données",
                            done.counts, done.hashes))
        except (SpsDeskError, OSError) as error:
            self.errors.show_lines([str(error)])
            return False
        self.accept()
        return True
