"""Entry point for ``python -m sps_desk``."""

from sps_desk.cli import main

raise SystemExit(main())
