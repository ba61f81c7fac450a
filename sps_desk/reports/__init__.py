"""Reports layer: statistics from the store, the annual PDF report, exports.

Imports ``sps_desk.store`` and the domain, never Qt (DESIGN.md §7).
"""
