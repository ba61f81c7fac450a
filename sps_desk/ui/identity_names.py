"""Names of the young people known to the base, to warn while a free text is typed and
to refuse saving it as it is.

Observation notes are about the territory and must never name anyone (DESIGN.md §2);
a free text that leaves the person's record (an observation, an action's title) would
also survive the erasure of that young person. The comparison is the erasure's
(:mod:`sps_desk.folding`: case, accents, invisible characters, spaced letters, phone
digits, street number and street) against every live identity (last and first names,
phone, address) and every live young person's code and nickname. The warning and the
refusal never show which value matched.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from sps_desk.folding import Needles, contains
from sps_desk.store.database import Database
from sps_desk.store.rights import needles_of


def identity_names(database: Database) -> Needles:
    """Needles of every live identity and every live young person's code and nickname."""
    return needles_of(
        [{"code": p.code, "nickname": p.nickname} for p in database.repos.young_people.all()],
        [i.model_dump() for i in database.repos.identities.all()])


def contains_name(text: str, names: Needles) -> bool:
    """Whether ``text`` names a young person known to the base (see the module)."""
    return bool(text.strip()) and contains(text, names)


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


def names_allowed(parent: QWidget, text: str, names: Needles) -> bool:
    """Whether a free text may be saved: it names no young person known to the base, or
    the user confirmed it names nobody (:func:`confirm_not_a_person`)."""
    return not contains_name(text, names) or confirm_not_a_person(parent)
