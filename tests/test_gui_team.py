"""The « Équipe » menu in the real window (offscreen): a laptop sends its bundle, the
chief merges it through the dialog, resolves a conflict, is protected from an altered
bundle, and gives laptops the service's key as a file or a QR code.

File dialogs are the system's: their static calls are patched to return the paths a
user would choose."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtWidgets import QFileDialog, QMessageBox

from sps_desk.enums import PartnerType
from sps_desk.records import Partner, YoungPerson
from sps_desk.store import access
from sps_desk.store.database import Database
from sps_desk.store.sync.conflicts import open_conflicts
from sps_desk.store.sync.identity import chief_keys, key_file_text, own_keys
from sps_desk.store.sync.transfer import make_bundle, merge_bundles
from sps_desk.ui.dialogs.conflicts import ConflictsDialog
from sps_desk.ui.dialogs.device_bundle import DeviceBundleDialog
from sps_desk.ui.dialogs.merge import MergeDialog
from sps_desk.ui.dialogs.service_key import ServiceKeyDialog
from sps_desk.ui.main_window import MainWindow
from sps_desk.ui.pages.young_people import YoungPeoplePage
from tests.gui_support import C
from tests.sync_support import Team, make_team

pytestmark = pytest.mark.usefixtures("french")


@pytest.fixture
def team(tmp_path: Path) -> Iterator[Team]:
    made = make_team(tmp_path / "equipe", ("Zoé Lefèvre-Ñúñez", "Дмитрий"))
    try:
        yield made
    finally:
        made.close()


def _settled(qtbot, dialog: MergeDialog) -> None:
    """Wait for the dialog's check or merge, which run in the background."""
    qtbot.waitUntil(lambda: dialog.job is None, timeout=20_000)


def _file_bytes(database: Database) -> str:
    """SHA-256 of the base's file with the write-ahead log folded in."""
    database.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return hashlib.sha256(database.path.read_bytes()).hexdigest()


def _choose_save(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *args, **kwargs: (str(path), "")))


def _choose_open(monkeypatch: pytest.MonkeyPatch, paths: list[Path]) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        staticmethod(lambda *args, **kwargs: ([str(p) for p in paths], "")))


def test_a_laptop_sends_and_the_chief_merges_through_the_window(
        qtbot, team: Team, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    laptop = team.laptops[0]
    young = laptop.repos.young_people.save(YoungPerson(nickname="Ayşe Çelik"))
    laptop_window = MainWindow(laptop)
    qtbot.addWidget(laptop_window)
    menu = laptop_window.team_menu
    menu.update()
    assert menu.menu.title() == "&Équipe"
    assert menu.send_action.isVisible() and menu.send_action.text() == (
        "Transmettre au chef de service…")
    assert not menu.key_action.isVisible() and not menu.conflicts_action.isVisible()

    bundle = tmp_path / "clé USB" / "transfert.spsb"
    bundle.parent.mkdir()
    _choose_save(monkeypatch, bundle)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information",
                        staticmethod(lambda _parent, _title, text: shown.append(text)))
    assert menu.send() == bundle
    assert bundle.read_bytes().startswith(b"SPS-DESK-PAQUET")
    assert b"Ayse" not in bundle.read_bytes() and "Ayşe".encode() not in bundle.read_bytes()
    chief_fingerprint = chief_keys(laptop).fingerprint  # type: ignore[union-attr]
    assert "(1 enregistrement(s))" in shown[0]
    assert "chiffré" in shown[0] and chief_fingerprint in shown[0]
    assert own_keys(laptop).fingerprint in shown[0]

    chief_window = MainWindow(team.chief)
    qtbot.addWidget(chief_window)
    chief_menu = chief_window.team_menu
    chief_menu.update()
    assert not chief_menu.send_action.isVisible()
    assert chief_menu.merge_action.text() == "Intégrer des paquets…"
    _choose_open(monkeypatch, [bundle])
    dialog = chief_menu.merge()
    assert isinstance(dialog, MergeDialog)
    qtbot.addWidget(dialog)
    _settled(qtbot, dialog)
    preview = dialog.summary_view.toPlainText()
    assert "1 enregistrement(s) ajouté(s)" in preview and "transfert.spsb" in preview
    assert dialog.heading.text().startswith("Ce que l'intégration ferait")
    assert team.chief.repos.young_people.get(young.id) is None  # a dry run writes nothing

    dialog.merge_button.click()
    _settled(qtbot, dialog)
    merged = team.chief.repos.young_people.get(young.id)
    assert merged is not None and merged.nickname == "Ayşe Çelik"
    assert dialog.heading.text() == "Paquets intégrés\u00a0:"
    assert not dialog.merge_button.isVisible()
    page = chief_window.page(YoungPeoplePage)
    assert young.code in page.shown_codes()
    assert chief_window.statusBar().currentMessage() == "Paquets intégrés."


def test_a_conflict_between_two_laptops_is_resolved_in_the_window(
        qtbot, team: Team, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    files = []
    for number, (laptop, name) in enumerate(zip(
            team.laptops, ("Mission locale d'Œtrange", "Mission locale Дмитров"), strict=True)):
        partner = laptop.repos.partners.get(team.partner.id)
        assert partner is not None
        laptop.repos.partners.save(partner.model_copy(update={"name": name}))
        path = tmp_path / f"portable{number}.spsb"
        path.write_bytes(make_bundle(laptop).data)
        files.append(path)
    window = MainWindow(team.chief)
    qtbot.addWidget(window)
    _choose_open(monkeypatch, files)
    merge = window.team_menu.merge()
    assert merge is not None
    qtbot.addWidget(merge)
    _settled(qtbot, merge)
    assert "1 enregistrement(s) en conflit" in merge.summary_view.toPlainText()
    merge.merge_button.click()
    _settled(qtbot, merge)
    assert window.statusBar().currentMessage() == (
        f"Paquets intégrés. 1 conflit(s) à trancher{C} menu Équipe › Conflits.")
    window.team_menu.update()
    assert window.team_menu.conflicts_action.text() == "Conflits (1)…"

    dialog = window.team_menu.show_conflicts()
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 1
    assert dialog.list.item(0).text().startswith("Partenaire Mission locale")
    table = dialog.table
    assert [table.verticalHeaderItem(r).text() for r in range(table.rowCount())] == ["nom"]
    values = [table.item(0, c).text() for c in range(table.columnCount())]
    assert sorted(values) == ["Mission locale d'Œtrange", "Mission locale Дмитров"]
    headings = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert any("par Zoé Lefèvre-Ñúñez" in h for h in headings)
    assert any("par Дмитрий" in h for h in headings)
    shown_now = team.chief.repos.partners.get(team.partner.id).name  # type: ignore[union-attr]
    keep = next(c for c, value in enumerate(values) if value != shown_now)
    assert dialog.keep_buttons[keep].text() == f"Garder la version {keep + 1}"

    dialog.keep_buttons[keep].click()
    kept = team.chief.repos.partners.get(team.partner.id)
    assert kept is not None and kept.name == values[keep] != shown_now
    assert open_conflicts(team.chief) == []
    assert dialog.list.count() == 0 and dialog.heading.text() == "Aucun conflit à trancher."
    window.team_menu.update()
    assert window.team_menu.conflicts_action.text() == "Conflits…"


def test_an_altered_bundle_is_refused_and_the_base_is_left_unchanged(
        qtbot, team: Team, tmp_path: Path):
    laptop = team.laptops[1]
    laptop.repos.young_people.save(YoungPerson(nickname="Дмитрий-младший"))
    data = bytearray(make_bundle(laptop).data)
    data[len(data) // 2] ^= 0x10  # one bit flipped, as a bad USB stick would
    before = _file_bytes(team.chief)
    dialog = MergeDialog(team.chief, [("abîmé.spsb", bytes(data))])
    qtbot.addWidget(dialog)
    _settled(qtbot, dialog)
    assert dialog.plan is None and not dialog.merge_button.isEnabled()
    assert dialog.heading.text() == "Ces paquets ne peuvent pas être intégrés."
    [message] = dialog.errors.lines()
    assert message.startswith("Paquet abîmé.spsb refusé : il est abîmé, tronqué")
    assert message.endswith("Rien n'a été modifié dans la base.")
    dialog.run_merge()
    _settled(qtbot, dialog)
    assert _file_bytes(team.chief) == before


def test_the_public_key_dialog_shows_a_qr_code_of_the_key_file(
        qtbot, team: Team, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    dialog = ServiceKeyDialog(team.chief)
    qtbot.addWidget(dialog)
    fingerprint = own_keys(team.chief).fingerprint
    assert dialog.fingerprint_label.text() == f"Empreinte{C} {fingerprint}"

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert dialog.qr_label.pixmap().toImage().save(buffer, "PNG")
    image = Image.open(io.BytesIO(bytes(buffer.data())))
    [code] = zxingcpp.read_barcodes(image)
    assert code.text == key_file_text(team.chief)
    # On a 720-pixel-high screen the whole code shows, smaller, and still reads (the
    # new-chief trial saw its top and bottom cut).
    dialog.show()
    dialog.resize(880, 600)
    qtbot.waitUntil(lambda: dialog.qr_label.pixmap().height() <= dialog.qr_label.height())
    shown = dialog.qr_label.pixmap()
    assert shown.width() == shown.height() and shown.width() % dialog.qr_label.modules.width() == 0
    shot = QBuffer()
    shot.open(QIODevice.OpenModeFlag.WriteOnly)
    assert dialog.qr_label.grab().toImage().save(shot, "PNG")
    [seen] = zxingcpp.read_barcodes(Image.open(io.BytesIO(bytes(shot.data()))))
    assert seen.text == key_file_text(team.chief)

    key_path = tmp_path / "clé du service.spskey"
    _choose_save(monkeypatch, key_path)
    assert dialog.save_key() == key_path
    assert key_path.read_text(encoding="utf-8") == key_file_text(team.chief)
    qr_path = tmp_path / "clé.png"
    _choose_save(monkeypatch, qr_path)
    assert dialog.save_qr() == qr_path
    [from_file] = zxingcpp.read_barcodes(Image.open(qr_path))
    assert from_file.text == key_file_text(team.chief)


def test_an_educator_on_the_service_base_sees_conflicts_but_cannot_resolve(
        qtbot, team: Team, tmp_path: Path):
    for laptop, name in zip(team.laptops, ("Partenaire α", "Partenaire β"), strict=True):
        partner = laptop.repos.partners.get(team.partner.id)
        assert partner is not None
        laptop.repos.partners.save(partner.model_copy(update={"name": name}))
    merge_bundles(team.chief, [(f"p{n}.spsb", make_bundle(laptop).data)
                               for n, laptop in enumerate(team.laptops)])
    phrase = "Ørjan aime le thé vert à 7 h, Œnone préfère le café !"
    access.add_user(team.chief, "Ayşe Çelik", "educator", phrase)
    with Database.open(team.chief.path, phrase) as educator:
        dialog = ConflictsDialog(educator)
        qtbot.addWidget(dialog)
        assert dialog.list.count() == 1
        assert not any(button.isEnabled() for button in dialog.keep_buttons)
        assert dialog.chief_note.text() == (
            "Seul le chef de service peut choisir la version à garder.")


def test_the_chief_prepares_a_laptops_bundle_and_the_laptop_merges_it(
        qtbot, team: Team, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    partner = team.chief.repos.partners.save(
        Partner(name="Centre social Ünal", type=PartnerType.MISSION_LOCALE))
    dialog = DeviceBundleDialog(team.chief)
    qtbot.addWidget(dialog)
    laptops = [dialog.laptop_combo.itemText(i) for i in range(dialog.laptop_combo.count())]
    assert [text.split(" (")[0] for text in laptops] == ["Zoé Lefèvre-Ñúñez", "Дмитрий"]
    dialog.laptop_combo.setCurrentIndex(1)
    assert dialog.staff_combo.currentText() == "Дмитрий"  # the laptop's user, preselected
    out = tmp_path / "pour Дмитрий.spsb"
    _choose_save(monkeypatch, out)
    assert dialog.write() == out and dialog.written is not None
    assert dialog.written.recipient == "Дмитрий"

    laptop = team.laptops[1]
    assert laptop.repos.partners.get(partner.id) is None
    merge = MergeDialog(laptop, [(out.name, out.read_bytes())])
    qtbot.addWidget(merge)
    _settled(qtbot, merge)
    assert "1 enregistrement(s) ajouté(s)" in merge.summary_view.toPlainText()
    merge.run_merge()
    _settled(qtbot, merge)
    received = laptop.repos.partners.get(partner.id)
    assert received is not None and received.name == "Centre social Ünal"
    # Sealed to that laptop only: the other one refuses it.
    other = MergeDialog(team.laptops[0], [(out.name, out.read_bytes())])
    qtbot.addWidget(other)
    _settled(qtbot, other)
    assert "destiné à une autre base" in other.errors.lines()[0]
