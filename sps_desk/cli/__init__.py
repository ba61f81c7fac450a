"""``sps-desk`` on the command line: one module per group of commands, :mod:`.main` ties
them together (``sps_desk.cli:main`` is the console entry point)."""

from sps_desk.cli.common import CliError, read_passphrase
from sps_desk.cli.main import _run, build_parser, main

__all__ = ["CliError", "_run", "build_parser", "main", "read_passphrase"]
