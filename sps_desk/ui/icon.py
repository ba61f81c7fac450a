"""The application's icon, drawn from ``packaging/icon/sps_desk.svg`` (issue 16)."""

from __future__ import annotations

from importlib.resources import as_file, files

from PySide6.QtGui import QIcon, QPixmap

ICON_SIZES = (16, 32, 48, 256)
"""Sizes of the icon's PNG files in ``resources/icons`` (pixels), made by
``packaging/icon/make_icons.py``."""


def application_icon() -> QIcon:
    """The icon of the windows and dialogs (the title bar, the task bar on Linux).

    Needs a ``QGuiApplication``: the images are loaded now, not when first drawn.
    """
    icon = QIcon()
    folder = files("sps_desk").joinpath("resources", "icons")
    for size in ICON_SIZES:
        with as_file(folder.joinpath(f"sps_desk-{size}.png")) as path:
            icon.addPixmap(QPixmap(str(path)))
    return icon
