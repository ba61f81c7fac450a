"""« Clé publique du service » : the fingerprint and QR code of the chief's key file, to
give every educator once (their laptop base joins the service with it)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from sps_desk.qr import qr_png
from sps_desk.reports.files import ReportWriteFailed, write_atomically
from sps_desk.store.database import Database
from sps_desk.store.sync.identity import key_file_text, own_keys
from sps_desk.ui.widgets.forms import ErrorBox


class QrLabel(QLabel):
    """A QR code drawn as large as the space allows, each module a whole number of
    pixels (blurred or uneven modules are what phones fail to read): on a 720-pixel-high
    screen the whole code shows, smaller, instead of being cut at the top and bottom."""

    def __init__(self, modules: QPixmap) -> None:
        super().__init__()
        self.modules = modules
        """One pixel per module, quiet zone included."""
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMinimumSize(modules.size() * 2)
        self.setPixmap(modules.scaled(modules.size() * 4))

    def sizeHint(self) -> QSize:
        return self.modules.size() * 4

    def resizeEvent(self, event: QResizeEvent) -> None:
        side = min(event.size().width(), event.size().height())
        factor = max(1, side // max(1, self.modules.width()))
        self.setPixmap(self.modules.scaled(self.modules.size() * factor,
                                           Qt.AspectRatioMode.KeepAspectRatio,
                                           Qt.TransformationMode.FastTransformation))
        super().resizeEvent(event)


class ServiceKeyDialog(QDialog):
    """Shows the service base's fingerprint and the QR code of :func:`key_file_text`,
    with buttons to save the key file (``.spskey``, UTF-8 JSON) and the QR code (PNG).

    The key holds no secret: only public keys and the service record. Files are written
    atomically; a failure is shown in French and replaces nothing.
    """

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Public key of the service"))
        self.text = key_file_text(database)
        self.fingerprint = own_keys(database).fingerprint
        self.png = qr_png(self.text)

        intro = QLabel(self.tr(
            "Give this key once to each educator: their laptop's base is created with it "
            "(the file, or a photo of the QR code). It holds no secret. Its bundles can "
            "then be opened by this base only."))
        intro.setWordWrap(True)
        self.fingerprint_label = QLabel(
            self.tr("Fingerprint: {0}").format(self.fingerprint))
        self.fingerprint_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)
        hint = QLabel(self.tr(
            "An educator's laptop shows this fingerprint when it sends a bundle to the head "
            "of service: compare them."))
        hint.setWordWrap(True)
        modules = QPixmap()
        # On screen, scaled to the room there is (QrLabel); the saved PNG keeps large
        # modules, for printing.
        modules.loadFromData(qr_png(self.text, box_size=1), "PNG")
        self.qr_label = QrLabel(modules)
        self.qr_label.setAccessibleName(self.tr("QR code of the public key"))
        self.errors = ErrorBox()

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save_key_button = buttons.addButton(self.tr("Save the key…"),
                                                 QDialogButtonBox.ButtonRole.ActionRole)
        self.save_qr_button = buttons.addButton(self.tr("Save the QR code…"),
                                                QDialogButtonBox.ButtonRole.ActionRole)
        self.save_key_button.clicked.connect(self.save_key)
        self.save_qr_button.clicked.connect(self.save_qr)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.fingerprint_label)
        layout.addWidget(hint)
        layout.addWidget(self.qr_label, 1)
        layout.addWidget(self.errors)
        layout.addWidget(buttons)

    def _write(self, title: str, name: str, file_filter: str, data: bytes) -> Path | None:
        chosen, _ = QFileDialog.getSaveFileName(self, title, str(Path.home() / name),
                                                file_filter)
        if not chosen:
            return None
        path = Path(chosen)
        try:
            write_atomically(path, lambda stream: stream.write(data))
        except ReportWriteFailed as error:
            self.errors.show_lines([str(error)])
            return None
        self.errors.clear_lines()
        return path

    def save_key(self) -> Path | None:
        """Ask where, then write the key file (``.spskey``); the path written or ``None``."""
        return self._write(self.tr("Save the public key"), "cle-service.spskey",
                           self.tr("Key of the service (*.spskey)"), self.text.encode("utf-8"))

    def save_qr(self) -> Path | None:
        """Ask where, then write the QR code as a PNG image; the path written or ``None``."""
        return self._write(self.tr("Save the QR code"), "cle-service.png",
                           self.tr("PNG image (*.png)"), self.png)
