"""Entry point of the bundle's ``sps-desk`` executable: the command line, or the window
when it is run without an argument (as ``sps-desk`` from ``pip``)."""

from sps_desk.cli import main

raise SystemExit(main())
