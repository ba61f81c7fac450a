"""French for the few texts of Qt's own dialogs that Qt's French catalogue lacks.

``qtbase_fr.qm`` (installed by :func:`sps_desk.ui.i18n.install_translators`) still has
the Qt 5 form of two labels of the file dialog, so « Look in: » and « Files of type: »
stayed English in every « Choisir… » (issue 15). Listed here, they go through
``pyside6-lupdate`` into the application's own ``.ts`` under Qt's context, and the
application's translator, installed after Qt's, answers for them.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

QT_DIALOG_TEXTS = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
)
"""The texts, as Qt 6 asks for them (context ``QFileDialog``)."""
