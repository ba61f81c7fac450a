"""Names of the young people known to the base, to warn while a free text is typed and
to refuse saving it as it is.

Observation notes are about the territory and must never name anyone (DESIGN.md §2);
a free text that leaves the person's record (an observation, an action's title) would
also survive the erasure of that young person. The comparison is the erasure's
(:mod:`sps_desk.folding`: case, accents, invisible characters, spaced letters, phone
digits, street number and street) against every live identity (last and first names,
phone, address) and every live young person's code and nickname. The warning and the
refusal never show which value matched.

Folding 24 000 codes and nicknames takes seconds: :class:`KnownNames` builds them once
in the background (``ui.operations``), shared by the pages, and again after young
people or identities change.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from sps_desk.folding import Needles, contains
from sps_desk.store.database import Database
from sps_desk.store.listing import young_labels
from sps_desk.store.rights import needles_of
from sps_desk.ui.hub import Changes, DataHub
from sps_desk.ui.operations import Operation


def identity_names(database: Database) -> Needles:
    """Needles of every live identity and every live young person's code and nickname
    (codes and nicknames read as text, without building the records)."""
    return needles_of(
        [{"code": label.code, "nickname": label.nickname} for label in young_labels(database)],
        [i.model_dump() for i in database.repos.identities.all()])


class KnownNames(QObject):
    """The needles of :func:`identity_names`, built in the background and rebuilt after
    young people or identities change; ``ready`` is emitted each time they are."""

    ready = Signal()

    def __init__(self, database: Database, hub: DataHub) -> None:
        super().__init__(hub)
        self.database = database
        self._needles: Needles | None = None
        self._fresh = False
        self._building = False
        self._generation = 0
        hub.changed.connect(self._on_changed)

    def start(self) -> None:
        """Build the needles in the background unless they are fresh or being built."""
        if self._fresh or self._building:
            return
        self._building = True
        generation = self._generation
        Operation(
            parent=self,
            op=lambda base, _job: identity_names(base),
            success=lambda needles: self._built(needles, generation),
            label=QCoreApplication.translate("KnownNames", "the names to look for"),
        ).background().failure(lambda _error: None).finally_(
            lambda: self._ended(generation)).run(self.database)

    def needles(self) -> Needles | None:
        """The latest needles (possibly before the last change), ``None`` before the
        first build: enough for a warning while typing."""
        return self._needles

    def needles_now(self) -> Needles:
        """Up-to-date needles, built here if the background build is not done (before
        saving a free text)."""
        if not self._fresh:
            self._built(identity_names(self.database), self._generation)
        assert self._needles is not None
        return self._needles

    def _built(self, needles: Needles, generation: int) -> None:
        if generation != self._generation:
            return  # changed meanwhile: the next build follows
        self._needles, self._fresh = needles, True
        self.ready.emit()

    def _ended(self, generation: int) -> None:
        # A failed build is not retried here (``needles_now`` builds before a save).
        self._building = False
        if generation != self._generation:
            self.start()  # young people or identities changed during the build

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(("young_person", "identity")):
            self._generation += 1
            self._fresh = False
            self.start()


def known_names(hub: DataHub, database: Database) -> KnownNames:
    """The names shared by the pages of the window of ``hub`` over ``database`` (a new
    object after an unlock: the lock drops the old one with the pages)."""
    current = hub.shared.get("known_names")
    if not isinstance(current, KnownNames) or current.database is not database:
        current = KnownNames(database, hub)
        hub.shared["known_names"] = current
    return current


def contains_name(text: str, names: Needles | None) -> bool:
    """Whether ``text`` names a young person known to the base (see the module);
    ``False`` while the names are not built yet."""
    return names is not None and bool(text.strip()) and contains(text, names)


def confirm_not_a_person(parent: QWidget) -> bool:
    """Ask whether a free text that matched a young person's name, code or nickname
    names nobody after all; ``True`` only when the user says so. Says why: the text
    would survive that young person's erasure."""
    title = QCoreApplication.translate("IdentityNames", "Name in a free text")
    box = QMessageBox(QMessageBox.Icon.Warning, title, QCoreApplication.translate(
        "IdentityNames",
        "This text contains the name, code or nickname of a young person recorded in the "
        "base. It is not saved: a free text stays when that young person is erased, so "
        "the name would survive the erasure. Remove the name, or confirm that the word "
        "does not designate a young person (a place, a staff member, an ordinary word)."),
        QMessageBox.StandardButton.NoButton, parent)
    box.setAccessibleName(title)
    fix = box.addButton(QCoreApplication.translate("IdentityNames", "Correct the text"),
                        QMessageBox.ButtonRole.RejectRole)
    confirm = box.addButton(
        QCoreApplication.translate("IdentityNames", "It is not a young person: save"),
        QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(fix)
    box.exec()
    return box.clickedButton() is confirm


def names_allowed(parent: QWidget, text: str, names: KnownNames) -> bool:
    """Whether a free text may be saved: it names no young person known to the base, or
    the user confirmed it names nobody (:func:`confirm_not_a_person`). An empty text
    needs no names."""
    if not text.strip():
        return True
    return not contains_name(text, names.needles_now()) or confirm_not_a_person(parent)
