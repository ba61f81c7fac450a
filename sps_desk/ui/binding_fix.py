"""Work around the reference leak of PySide6/shiboken6 6.12.0 on CPython 3.11.

With that binding, every call from Python of a Qt function that returns nothing
(``QLabel.setText``, ``QWidget.setEnabled``, ``QCoreApplication.processEvents``…) drops
one reference to ``None`` it never took, and every ``SignalInstance.emit()`` drops one to
``True``. After some 18 000 such calls the interpreter aborts with « Fatal Python error:
none_dealloc » — an educator would lose the window after an hour of work. CPython 3.12
made these singletons immortal, which hides the bug; :func:`protect_singletons` does the
same by hand on older interpreters, once, at start-up.
"""

from __future__ import annotations

import ctypes
import sys

MARGIN = 1 << 40
"""References added to ``None``, ``True`` and ``False``: more calls than a session makes."""


def protect_singletons() -> bool:
    """Give ``None``, ``True`` and ``False`` a reference count no leak can exhaust.

    Only on CPython before 3.12 (later versions have immortal singletons), and only when
    the reference count is where this module expects it in the object's header (a
    release build); returns whether the counts were raised. Call it once, from the main
    thread, before other threads start. The singletons are never freed anyway, so the
    extra references change nothing else.
    """
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return False
    raised = False
    for singleton in (None, True, False):
        field = ctypes.c_ssize_t.from_address(id(singleton))
        # getrefcount() counts its own argument: the header must hold one less.
        if field.value != sys.getrefcount(singleton) - 1:
            return raised
        if field.value < MARGIN:
            field.value += MARGIN
            raised = True
    return raised
