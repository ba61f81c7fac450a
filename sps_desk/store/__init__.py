"""Storage layer: the SQLCipher file, its schema and one repository per record kind.

All SQL of the application lives in this package. It imports the domain, never
``sps_desk.reports`` nor ``sps_desk.ui`` (DESIGN.md §7).
"""
