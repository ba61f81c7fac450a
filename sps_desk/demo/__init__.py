"""Demo data: realistic years of a service calibrated on the Arras row of the 2022
departmental table, from the one-year demo to a large service's ten years of history.
A client of the store (it writes through the repositories); nothing in the store or the
reports imports it.

Split by what it generates: :mod:`~sps_desk.demo.team` (staff, sectors, partners),
:mod:`~sps_desk.demo.young` (young people, identities), :mod:`~sps_desk.demo.field_work`
(field sessions), :mod:`~sps_desk.demo.supports` (supports, interventions, referrals,
concern reports), :mod:`~sps_desk.demo.collective` (collective actions),
:mod:`~sps_desk.demo.hours` (hours typed by hand); :mod:`~sps_desk.demo.planner` holds
what they share and :mod:`~sps_desk.demo.build` writes the plan.
"""

from sps_desk.demo.build import DemoRefused, DemoSummary, build_demo, build_demo_year
from sps_desk.demo.calibration import (
    DEMO_ACTIONS,
    DEMO_HOURS,
    DEMO_HOURS_TOTAL,
    DEMO_YOUNG_CONCERNED,
)

__all__ = [
    "DEMO_ACTIONS",
    "DEMO_HOURS",
    "DEMO_HOURS_TOTAL",
    "DEMO_YOUNG_CONCERNED",
    "DemoRefused",
    "DemoSummary",
    "build_demo",
    "build_demo_year",
]
