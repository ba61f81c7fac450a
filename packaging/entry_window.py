"""Entry point of the bundle's ``SPS Desk`` executable: the window only.

It has no console on Windows and macOS (no standard output to print to), so it never
parses a command line: a file manager may pass arguments, which are ignored.
"""

from sps_desk.ui.app import run

raise SystemExit(run())
