"""Desktop interface (PySide6): application start, dialogs, main window and its pages.

This is the only package that imports Qt (DESIGN.md §7). Widgets are thin: they read
and write records through ``sps_desk.store`` repositories and produce reports through
``sps_desk.reports``; they never run SQL and hold no domain rule of their own.
Source strings are English, wrapped for Qt translation; French is the default language.
"""
