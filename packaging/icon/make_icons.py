"""Draw every icon file from ``sps_desk.svg``; run it again after changing the drawing.

    .venv/bin/python packaging/icon/make_icons.py

Writes ``sps_desk/resources/icons/sps_desk-{16,32,48,256}.png`` (the window's icon,
package data), and beside this script ``sps_desk.png`` (512 px), ``sps_desk.ico``
(Windows executables and installer) and ``sps_desk.icns`` (the macOS app). Qt draws the
SVG (QtSvg, part of PySide6); Pillow writes the ICO and ICNS containers.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

from PIL import Image

HERE = Path(__file__).resolve().parent
PACKAGE_ICONS = HERE.parent.parent / "sps_desk" / "resources" / "icons"
WINDOW_SIZES = (16, 32, 48, 256)
ICO_SIZES = ((16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256))


def render(size: int) -> Image.Image:
    """The SVG drawn at ``size`` × ``size`` pixels, as an RGBA Pillow image."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(HERE / "sps_desk.svg"))
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(data))).convert("RGBA")


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    PACKAGE_ICONS.mkdir(parents=True, exist_ok=True)
    for size in WINDOW_SIZES:
        render(size).save(PACKAGE_ICONS / f"sps_desk-{size}.png", optimize=True)
    large = render(1024)
    large.resize((512, 512), Image.Resampling.LANCZOS).save(HERE / "sps_desk.png", optimize=True)
    large.save(HERE / "sps_desk.ico", sizes=ICO_SIZES)
    large.save(HERE / "sps_desk.icns")
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
