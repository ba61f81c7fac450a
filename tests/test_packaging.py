"""The standalone application (issue 16): what the spec collects, and the bundle built
and used as a user would (``packaging/build.sh`` then ``packaging/smoke.sh``).

The build is marked ``slow``: the quick-start suite skips it, ``.ci/run`` runs it once.
The rules it applies (dependencies, package data, Qt trimming, the French check of the
pages) are tested here quickly, since a wrong rule would only show in a slow build.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

import sps_desk

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"


def _load(name: str) -> ModuleType:
    """A module of ``packaging/`` by path (the folder is no package: ``import packaging``
    is PyPA's library)."""
    spec = importlib.util.spec_from_file_location(f"bundle_{name}", PACKAGING / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


contents = _load("contents")
check_texts = _load("check_texts")


def test_every_runtime_dependency_is_listed() -> None:
    """A new dependency gets an entry saying what the bundle needs of it (data files,
    modules loaded by name); without one it is collected whole and this fails."""
    declared = contents.declared_dependencies()
    assert "pillow" in declared  # brought by qrcode[pil]
    assert sorted(set(declared) - set(contents.DEPENDENCIES)) == []


def test_the_bundle_carries_the_packages_version() -> None:
    assert contents.version() == sps_desk.__version__


def test_the_package_data_is_what_the_application_reads() -> None:
    collected = {path.relative_to(ROOT).as_posix(): folder
                 for path, folder in contents.package_data()}
    migrations = sorted(p.name for p in (ROOT / "sps_desk/store/migrations").glob("*.sql"))
    assert migrations and all(
        collected[f"sps_desk/store/migrations/{name}"] == "sps_desk/store/migrations"
        for name in migrations)
    for needed in (
        "sps_desk/resources/translations/sps_desk_fr.qm",
        "sps_desk/resources/fonts/DejaVuSans.ttf",
        "sps_desk/resources/fonts/DejaVuSans-Bold.ttf",
        "sps_desk/resources/passphrases/fr-mots-courants.txt",
        "sps_desk/resources/icons/sps_desk-256.png",
    ):
        assert collected[needed] == needed.rsplit("/", 1)[0]
    assert any(name.startswith("sps_desk/resources/schema/") for name in collected)
    assert not [name for name in collected if name.endswith(".ts")]


def test_the_passphrase_words_are_the_packages_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The diceware French list ships as package data: no ``diceware`` at run time, and a
    list of the same name in the user's data folder (which diceware preferred) changes
    nothing."""
    from sps_desk import passphrases

    words = (ROOT / "sps_desk/resources/passphrases/diceware-fr.txt").read_text(
        encoding="utf-8").split()
    assert len(words) == len(set(words)) == 7776
    assert all(word.isascii() and word.isalpha() for word in words)  # no accents
    planted = tmp_path / "diceware"
    planted.mkdir()
    (planted / "wordlist_fr.txt").write_text("zoé\n" * 7776, encoding="utf-8")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    drawn = passphrases.generate_passphrase().split()
    assert len(drawn) == passphrases.GENERATED_WORDS and set(drawn) <= set(words)
    assert importlib.util.find_spec("diceware") is None


@pytest.mark.parametrize(("destination", "kept"), [
    ("PySide6/Qt/translations/qtbase_fr.qm", True),
    ("PySide6/Qt/translations/qtbase_de.qm", False),
    ("PySide6/Qt/translations/qtdeclarative_fr.qm", False),
    ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
    ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
    ("PySide6\\plugins\\platforms\\qwindows.dll", True),
    ("PySide6/Qt/plugins/platforms/libqcocoa.dylib", True),
    ("PySide6/Qt/plugins/platforms/libqwayland-egl.so", False),
    ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
    ("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so", False),
    ("PySide6/Qt/plugins/platforminputcontexts/libcomposeplatforminputcontextplugin.so",
     True),
    ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
    ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),
    ("PySide6/Qt/plugins/imageformats/libqtiff.so", False),
    ("PySide6\\plugins\\styles\\qmodernwindowsstyle.dll", True),
    ("PySide6/Qt/lib/libQt6Pdf.so.6", True),
    ("sps_desk/resources/translations/sps_desk_fr.qm", True),
])
def test_qt_is_trimmed_to_what_the_application_uses(destination: str, kept: bool) -> None:
    assert contents.keep_qt_file(destination) is kept


def test_only_french_locales_of_babel_are_kept() -> None:
    assert contents.keep_babel_file("babel/locale-data/fr_FR.dat")
    assert contents.keep_babel_file("babel/locale-data/root.dat")
    assert contents.keep_babel_file("babel/global.dat")
    assert not contents.keep_babel_file("babel/locale-data/de_DE.dat")


def test_libraries_only_left_out_plugins_needed_go_with_them() -> None:
    """GTK came with the GTK theme plugin; Qt's QML with the virtual keyboard. What a kept
    module or plugin links to stays, and so do links to it; a link to a dropped library
    and the rest of a dropped macOS framework go."""
    binaries = [
        ("PySide6/QtWidgets.abi3.so", "/w/QtWidgets.abi3.so", "EXTENSION"),
        ("PySide6/Qt/lib/libQt6Widgets.so.6", "/w/libQt6Widgets.so.6", "BINARY"),
        ("PySide6/Qt/lib/libQt6Core.so.6", "/w/libQt6Core.so.6", "BINARY"),
        ("libicuuc.so.73", "/w/libicuuc.so.73", "BINARY"),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "/w/libqxcb.so", "BINARY"),
        ("libxcb-cursor.so.0", "/w/libxcb-cursor.so.0", "BINARY"),
        ("libgtk-3.so.0", "/w/libgtk-3.so.0", "BINARY"),
        ("libcairo.so.2", "/w/libcairo.so.2", "BINARY"),
        ("PySide6/Qt/lib/libQt6Qml.so.6", "/w/libQt6Qml.so.6", "BINARY"),
        ("PySide6/Qt/lib/QtQml.framework/Versions/A/QtQml", "/w/QtQml", "BINARY"),
        ("libpython3.11.so.1.0", "/w/libpython3.11.so.1.0", "BINARY"),
    ]
    links = {
        "/w/QtWidgets.abi3.so": ["libQt6Widgets.so.6", "libQt6Core.so.6"],
        "/w/libQt6Widgets.so.6": ["libQt6Core.so.6"],
        "/w/libQt6Core.so.6": ["libicuuc.so.73", "libc.so.6"],
        "/w/libqxcb.so": ["libxcb-cursor.so.0", "libQt6Core.so.6"],
        "/w/libgtk-3.so.0": ["libcairo.so.2"],
    }
    datas = [
        ("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK"),
        ("libQt6Qml.so.6", "PySide6/Qt/lib/libQt6Qml.so.6", "SYMLINK"),
        ("PySide6/Qt/lib/QtQml.framework/Resources/Info.plist", "/w/Info.plist", "DATA"),
        ("sps_desk/resources/fonts/DejaVuSans.ttf", "/w/DejaVuSans.ttf", "DATA"),
    ]
    dropped = contents.unreferenced(binaries, datas, lambda source: links.get(source, []))
    assert dropped == {
        "libgtk-3.so.0", "libcairo.so.2", "PySide6/Qt/lib/libQt6Qml.so.6",
        "PySide6/Qt/lib/QtQml.framework/Versions/A/QtQml", "libQt6Qml.so.6",
        "PySide6/Qt/lib/QtQml.framework/Resources/Info.plist",
    }


def test_a_page_in_english_or_without_its_translations_is_refused() -> None:
    english = check_texts.english_sources(check_texts.TS_FILE)
    assert "Add hours" in english and "Date" not in english  # « Date » is French too
    french = ["# traductions : qtbase_fr.qm, sps_desk_fr.qm", "Fichier", "Ajouter des heures"]
    assert check_texts.problems(french, ["Ajouter des heures"], english) == []
    lost = ["# traductions : aucune", "File", "Add hours"]
    assert check_texts.problems(lost, ["Ajouter des heures"], english) == [
        "traduction non chargée : sps_desk_fr.qm (# traductions : aucune)",
        "traduction non chargée : qtbase_fr.qm (# traductions : aucune)",
        "texte français attendu absent : « Ajouter des heures »",
        "texte en anglais : « File »",
        "texte en anglais : « Add hours »",
    ]


def test_the_smoke_test_runs_every_command_of_the_issue() -> None:
    smoke = (PACKAGING / "smoke.sh").read_text(encoding="utf-8")
    for command in ('init --db', '"$CLI" demo', '"$CLI" report', "pdffonts", '"$CLI" export',
                    '"$CLI" consolidate', "--qr service.png", "--join", '"$CLI" bundle',
                    '"$CLI" merge', "--trust", '"$CLI" screenshot', "check_texts.py",
                    '"$WINDOW"', "$LOG"):
        assert command in smoke, command


def test_the_windows_installer_is_per_user_and_keeps_the_data() -> None:
    """It can only be compiled on Windows (the workflow does): its promises are read here."""
    script = (PACKAGING / "windows" / "sps_desk.iss").read_text(encoding="utf-8")
    assert "PrivilegesRequired=lowest" in script
    assert f'#define WindowExe "{contents.APP_NAME}.exe"' in script
    assert f'"..\\..\\dist\\{contents.CLI_NAME}"' in script
    assert "{autoprograms}" in script  # the Start-menu shortcut
    assert "{localappdata}\\sps_desk" in script and "UninstallDelete" not in script
    workflow = (ROOT / ".github" / "workflows" / "installers.yml").read_text(encoding="utf-8")
    for job in ("windows:", "macos:", "linux:", "packaging/smoke.sh", "make_dmg.sh"):
        assert job in workflow


@pytest.mark.slow
@pytest.mark.timeout(2400)
def test_the_built_bundle_works_as_a_user_uses_it(tmp_path: Path) -> None:
    """``packaging/build.sh`` then ``packaging/smoke.sh``: every command of the README's
    journey run by the bundle from an empty HOME, the pages in French, no personal data
    in the support log. Prints the size and the time of each step."""
    if shutil.which("pdffonts") is None:
        pytest.fail("pdffonts (poppler-utils) is needed: .ci/run installs it")
    environment = {**os.environ, "DIST": str(tmp_path / "dist"),
                   "BUILD": str(tmp_path / "build"), "PYTHON": sys.executable}
    built = subprocess.run([str(PACKAGING / "build.sh")], env=environment, check=False,
                           capture_output=True, text=True)
    print(built.stdout[-2000:])
    assert built.returncode == 0, built.stderr[-4000:]
    smoke = subprocess.run([str(PACKAGING / "smoke.sh"), str(tmp_path / "dist" / "sps-desk")],
                           env={**environment, "PYTHON": sys.executable}, check=False,
                           capture_output=True, text=True)
    print(smoke.stdout)
    assert smoke.returncode == 0, smoke.stdout[-3000:] + smoke.stderr[-4000:]
    assert "Test de fumée réussi" in smoke.stdout
