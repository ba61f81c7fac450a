"""Run-time hook of the bundle, in place of PyInstaller's ``pyi_rth_pyside6`` (issue 16).

It sets the same environment for Qt — where the plugins are, and on Windows the bundle's
folder in ``PATH`` — without importing ``PySide6.QtCore``: PyInstaller's hook imports it
at every start to register a ``qt.conf`` that the PyPI wheels of PySide6 already embed,
which loads Qt and its 30 MB ICU data even for ``sps-desk --version`` (measured: the
bundle's ``--version`` took 3.8 times the virtualenv's with it). No QML paths: the
application uses no QML.
"""

import os
import sys


def _qt_environment() -> None:
    bundle = sys._MEIPASS  # type: ignore[attr-defined]  # set by PyInstaller's bootloader
    if sys.platform.startswith("win"):
        qt_folder = os.path.join(bundle, "PySide6")
        os.environ["PATH"] = bundle + os.pathsep + os.environ.get("PATH", "")
    else:
        qt_folder = os.path.join(bundle, "PySide6", "Qt")
    os.environ["QT_PLUGIN_PATH"] = os.path.join(qt_folder, "plugins")


_qt_environment()
del _qt_environment
