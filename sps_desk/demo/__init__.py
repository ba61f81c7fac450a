"""Demo data: a realistic year of a service calibrated on the Arras row of the 2022
departmental table. A client of the store (it writes through the repositories); nothing
in the store or the reports imports it."""

from sps_desk.demo.generator import (
    DEMO_ACTIONS,
    DEMO_HOURS,
    DEMO_HOURS_TOTAL,
    DEMO_YOUNG_CONCERNED,
    DemoRefused,
    DemoSummary,
    build_demo_year,
)

__all__ = [
    "DEMO_ACTIONS",
    "DEMO_HOURS",
    "DEMO_HOURS_TOTAL",
    "DEMO_YOUNG_CONCERNED",
    "DemoRefused",
    "DemoSummary",
    "build_demo_year",
]
