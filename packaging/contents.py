"""What the standalone bundle carries, and what it leaves out (issue 16).

Read by ``sps_desk.spec`` (the PyInstaller build) and by ``tests/test_packaging.py``.
PyInstaller follows ``import`` statements; what it cannot see is listed here, once:

* the package's own data comes from what ``pyproject.toml`` declares
  (``[tool.setuptools.package-data]``), so the bundle and a ``pip install`` carry the same
  files (SQL migrations, fonts, ``.qm``, JSON Schema, word lists, icons);
* every runtime dependency of ``pyproject.toml`` has an entry in :data:`DEPENDENCIES`
  saying which of its files are data loaded at run time and which modules are imported by
  name. A dependency without an entry is still collected whole (``collect_all``) so that
  the bundle works, the build prints a warning, and the quick test
  ``test_every_dependency_is_listed`` fails until someone decides what it needs;
* Qt's plugins and translations are trimmed to what the application uses
  (:data:`QT_PLUGINS`, :data:`QT_TRANSLATIONS`).

``packaging/smoke.sh`` runs every command a user runs, so whatever is still missing
fails there rather than on an educator's laptop. This file is plain Python (no import
of PyInstaller) so that the quick tests can read it.
"""

from __future__ import annotations

import fnmatch
import posixpath
import re
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
"""The repository (``pyproject.toml``, ``sps_desk/``)."""

APP_NAME = "SPS Desk"
"""Name shown to users: the window's executable, the Start-menu entry, the macOS app."""
CLI_NAME = "sps-desk"
"""The command-line executable, as in the README."""
DESCRIPTION = "SPS Desk — application des équipes de prévention spécialisée"
"""French description (Windows file properties, Start menu comment, macOS Info.plist)."""
BUNDLE_IDENTIFIER = "fr.prevention-specialisee.sps-desk"
"""macOS bundle identifier (reverse DNS, stable across versions: the data folder and
the permissions macOS grants are tied to it)."""


@dataclass(frozen=True)
class Dependency:
    """How to collect one runtime distribution of ``pyproject.toml``.

    ``data``: packages whose non-Python files are read at run time (``importlib.resources``
    or ``__file__``), collected with ``collect_data_files``. ``hidden``: modules imported
    by name (``importlib.import_module``, plugins), which the import analysis cannot see.
    ``why`` says what breaks without them, so that an entry is never kept by habit.
    """

    data: tuple[str, ...] = ()
    hidden: tuple[str, ...] = ()
    why: str = ""


DEPENDENCIES: dict[str, Dependency] = {
    # PyInstaller's own hooks collect Qt's libraries and plugins for each Qt module
    # imported (QtCore, QtGui, QtWidgets, QtDBus, QtPdf, QtPdfWidgets); trimmed below.
    "pyside6-essentials": Dependency(why="Qt: collected by PyInstaller's PySide6 hooks"),
    "pyside6-addons": Dependency(why="QtPdf for the Rapport page: PyInstaller's hooks"),
    "sqlcipher3": Dependency(why="compiled extension with SQLCipher inside: found by import"),
    "pydantic": Dependency(why="the contributed hook collects its submodules"),
    "reportlab": Dependency(why="the contributed hooks collect the standard-font metrics"),
    "rl-accel": Dependency(why="reportlab's C accelerators: a compiled extension, found by import"),
    "openpyxl": Dependency(why="pure Python, found by import"),
    "lxml": Dependency(why="openpyxl's XML writer: compiled, imported by openpyxl"),
    "platformdirs": Dependency(why="the platform's module is imported under an if"),
    "babel": Dependency(
        data=("babel",),
        why="locale data (locale-data/*.dat, global.dat) read from files; trimmed to the "
            "locales the reports format with, see BABEL_LOCALES",
    ),
    "python-dateutil": Dependency(why="relativedelta and easter only: pure Python"),
    "tzdata": Dependency(
        data=("tzdata",),
        why="zoneinfo reads Europe/Paris from it where the system has no time-zone database "
            "(Windows)",
    ),
    "argon2-cffi": Dependency(
        hidden=("_cffi_backend",),
        why="the Argon2 bindings are a cffi module: its backend is loaded by name",
    ),
    "cryptography": Dependency(why="the contributed hook collects the Rust bindings"),
    "zxcvbn": Dependency(why="frequency lists are Python modules: found by import"),
    "highspy": Dependency(why="HiGHS (suppression), a compiled extension: found by import"),
    "numpy": Dependency(why="the hooks collect numpy's compiled parts"),
    "anyascii": Dependency(
        data=("anyascii",),
        why="transliteration tables (anyascii/_data) read with importlib.resources",
    ),
    "pynacl": Dependency(
        hidden=("_cffi_backend",),
        why="libsodium bindings are a cffi module: its backend is loaded by name",
    ),
    "qrcode": Dependency(
        hidden=("qrcode.image.pil",),
        why="make_image() imports its Pillow image factory inside a function",
    ),
    "pillow": Dependency(why="PIL's hook collects the image plugins (PNG, JPEG… photos of a QR)"),
    "zxing-cpp": Dependency(why="compiled extension: found by import"),
    "rapidfuzz": Dependency(why="compiled extensions, imported normally"),
    "orjson": Dependency(why="team merge bundles' JSON: compiled extension, found by import"),
    "isal": Dependency(
        hidden=("isal.igzip_lib",),
        why="team merge bundles' compression: isal_zlib imports igzip_lib from its C code"),
    "python-calamine": Dependency(why="compiled extension, imported normally"),
    "python-bidi": Dependency(why="right-to-left order for the PDF: compiled, found by import"),
    "arabic-reshaper": Dependency(why="Arabic letter forms for the PDF: pure Python tables"),
    "olefile": Dependency(why="reads an .xls's records before calamine: pure Python"),
}
"""Every runtime distribution of ``pyproject.toml`` (PEP 503 names), and transitive ones
with something to collect. Entries for distributions not declared are ignored."""

EXCLUDED_MODULES: tuple[str, ...] = (
    "hypothesis",  # pydantic.v1's optional plugin; a test library
    "pydantic.v1",  # pydantic 2's copy of version 1, which nothing here imports
    "tkinter",
    "_tkinter",
    "PIL.ImageTk",
    "PIL.ImageQt",  # would pull a second Qt binding
    # Pillow's optional codecs that nothing here uses; Pillow runs without them (its
    # plugins catch the ImportError), and the libraries only they need go with them:
    # AVIF (libavif, 5 MB: sps_desk.qr.IMAGE_SUFFIXES lists no .avif), FreeType text
    # (FreeType, HarfBuzz, Brotli: QR codes have no caption), colour profiles (LittleCMS:
    # a QR photo is read in grey, sps_desk.qr.read_qr).
    "PIL._avif",
    "PIL._imagingft",
    "PIL._imagingcms",
    "IPython",
    "matplotlib",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtNetwork",
    "PySide6.QtOpenGL",
    "PySide6.QtWebEngineCore",
    "PySide6.QtVirtualKeyboard",
)
"""Modules never bundled, even if an optional import mentions them."""

PACKAGE_DATA_LEFT_OUT: tuple[str, ...] = ("*.ts", "README.md")
"""Package files declared for ``pip`` but not read at run time: the translation sources
(the ``.qm`` is compiled from them) and their maintainers' notes."""

BABEL_LOCALES: tuple[str, ...] = ("root", "fr", "fr_FR")
"""Babel locales kept: the reports and files format numbers and dates in ``fr_FR`` only
(the window formats with Qt); Babel reads a locale with its parents ``fr`` and ``root``."""

QT_PLUGINS: tuple[str, ...] = (
    # Windowing: offscreen (screenshots, tests, servers), X11, Windows, macOS.
    "platforms/*qoffscreen*",
    "platforms/*qxcb*",
    "platforms/qwindows*",
    "platforms/*qcocoa*",
    "xcbglintegrations/*",
    # Native look and dialogs: Windows 11 style, the desktop's file dialogs (portal).
    "styles/*",
    "platformthemes/*qxdgdesktopportal*",
    # Typing French on Linux: dead keys and compose (ç, é, œ), and input methods (IBus).
    "platforminputcontexts/*compose*",
    "platforminputcontexts/*ibus*",
    # SVG icons of the desktop's icon theme (message boxes, file dialogs).
    "imageformats/*qsvg*",
    "iconengines/*qsvgicon*",
    # The Windows executable's icon format, for the window's icon.
    "imageformats/*qico*",
)
"""Qt plugins kept, as paths under Qt's plugin folder (``fnmatch`` patterns). Everything
else — Wayland, EGL/KMS, VNC, other image formats, TLS, network information, QML,
virtual keyboard, multimedia — is left out. The Rapport page's PDF preview needs no
plugin (QtPdf is a library)."""

QT_TRANSLATIONS: tuple[str, ...] = ("qtbase_fr.qm",)
"""Qt's own translations kept: French standard buttons and dialogs (``ui/i18n.py`` loads
``qtbase``); the application's ``sps_desk_fr.qm`` is package data."""



def project() -> dict:
    """``[project]`` and ``[tool]`` of ``pyproject.toml``."""
    with (ROOT / "pyproject.toml").open("rb") as stream:
        return tomllib.load(stream)


def normalized(name: str) -> str:
    """PEP 503 name: ``PyNaCl`` → ``pynacl``, ``zxing_cpp`` → ``zxing-cpp``."""
    return re.sub(r"[-_.]+", "-", name).lower()


def declared_dependencies() -> list[str]:
    """Normalized names of ``[project].dependencies`` (extras and markers dropped), plus
    the distributions their extras bring (``qrcode[pil]`` → ``pillow``)."""
    names: list[str] = []
    for requirement in project()["project"]["dependencies"]:
        match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[([^\]]*)\])?", requirement)
        if match is None:
            raise ValueError(f"unreadable requirement in pyproject.toml: {requirement!r}")
        names.append(normalized(match.group(1)))
        if match.group(1).lower() == "qrcode" and match.group(2) == "pil":
            names.append("pillow")
    return names


def version() -> str:
    """The application's version, from ``pyproject.toml``."""
    return project()["project"]["version"]


def package_data() -> list[tuple[Path, str]]:
    """``(file, folder in the bundle)`` for every package file ``pyproject.toml``
    declares as package data, except :data:`PACKAGE_DATA_LEFT_OUT`."""
    declared = project()["tool"]["setuptools"]["package-data"]
    found: list[tuple[Path, str]] = []
    for package, patterns in declared.items():
        base = ROOT / package.replace(".", "/")
        for pattern in patterns:
            for path in sorted(base.glob(pattern)):
                if not path.is_file() or "__pycache__" in path.parts:
                    continue
                if any(fnmatch.fnmatch(path.name, p) for p in PACKAGE_DATA_LEFT_OUT):
                    continue
                found.append((path, str(path.parent.relative_to(ROOT))))
    return found


def keep_qt_file(destination: str) -> bool:
    """Whether a bundled file (path inside the bundle, ``/`` separators) is kept.

    Applies :data:`QT_PLUGINS` and :data:`QT_TRANSLATIONS` to PySide6's files; anything
    else is kept (the libraries only left-out plugins needed go with
    :func:`unreferenced`).
    """
    path = destination.replace("\\", "/")
    if not path.startswith("PySide6/"):
        return True
    name = path.rsplit("/", 1)[-1]
    if "/translations/" in path:
        return name in QT_TRANSLATIONS
    if "/plugins/" in path:
        plugin = path.split("/plugins/", 1)[1]
        return any(fnmatch.fnmatch(plugin, pattern) for pattern in QT_PLUGINS)
    return True


def keep_babel_file(destination: str) -> bool:
    """Whether a Babel data file is kept (:data:`BABEL_LOCALES`; anything else passes)."""
    path = destination.replace("\\", "/")
    if "babel/locale-data/" not in path:
        return True
    return path.rsplit("/", 1)[-1].removesuffix(".dat") in BABEL_LOCALES


Entry = tuple[str, str, str]
"""A PyInstaller table-of-contents entry: (path in the bundle, source, type code)."""


def unreferenced(
    binaries: list[Entry], datas: list[Entry], imports: Callable[[str], Iterable[str]]
) -> set[str]:
    """Bundle paths of the shared libraries nothing kept needs any more, with the links
    to them and, on macOS, the rest of their ``.framework`` folder.

    PyInstaller adds each collected binary's libraries before the spec trims Qt's plugins,
    so the libraries of a left-out plugin (the GTK theme's GTK, Cairo and Pango; QML and
    the virtual keyboard for the Wayland and keyboard plugins) would stay. The roots are
    what is loaded by name — Python extension modules, Qt plugins, the Python library —
    and a library is kept when a kept binary links to it (``imports(source)`` gives the
    names a binary links to: PyInstaller's ``bindepend.get_imports``).
    """
    by_name: dict[str, list[Entry]] = {}
    for entry in binaries:
        by_name.setdefault(_base_name(entry[0]), []).append(entry)
    roots = [
        entry for entry in binaries
        if entry[2] == "EXTENSION"
        or "/plugins/" in _posix(entry[0])
        or _base_name(entry[0]).startswith(("libpython", "python"))
    ]
    kept = {entry[0] for entry in roots}
    pending = list(roots)
    while pending:
        _, source, _ = pending.pop()
        for name in imports(source):
            for entry in by_name.get(_base_name(name), ()):
                if entry[0] not in kept:
                    kept.add(entry[0])
                    pending.append(entry)
    dropped = {_posix(entry[0]) for entry in binaries if entry[0] not in kept}
    frameworks = {
        framework for path in dropped
        if (framework := _framework(path)) is not None
    }
    result = {entry[0] for entry in binaries if _posix(entry[0]) in dropped}
    for destination, source, typecode in datas:
        path = _posix(destination)
        if _framework(path) in frameworks and _framework(path) is not None:
            result.add(destination)
        elif typecode == "SYMLINK":
            target = posixpath.normpath(posixpath.join(posixpath.dirname(path), _posix(source)))
            if target in dropped:
                result.add(destination)
    return result


def _posix(path: str) -> str:
    return path.replace("\\", "/")


def _base_name(path: str) -> str:
    """File name, lower-cased: Windows matches DLL names without case."""
    return _posix(path).rsplit("/", 1)[-1].lower()


def _framework(path: str) -> str | None:
    """The ``….framework`` folder holding ``path`` (macOS), else ``None``."""
    parts = path.split("/")
    for index, part in enumerate(parts):
        if part.endswith(".framework"):
            return "/".join(parts[: index + 1])
    return None
