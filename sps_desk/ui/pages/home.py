"""« Accueil »: the first page — this year so far against the same date last year,
per ETP, month by month, and what to check (issue 15).

Nothing is read from the base on the GUI thread: the figures and the lines of « À
vérifier » are SQL aggregates computed by a background job (:func:`load_home`, on the
jobs' own connection, ``ui/operations.py``), which a save, a merge or a new cut-off date
starts again; the page says « Calcul en cours… » meanwhile and stays usable. Requests
made while a job runs are folded into one more job at its end.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sps_desk.enums import REPORT_COLUMN_OF, ActivityCategory, ReportColumn
from sps_desk.reports.home import HomeFigures, Period, change, home_figures, same_day_last_year
from sps_desk.store.checks import CheckLine, find_lines
from sps_desk.store.database import Database
from sps_desk.ui.checks_view import CHECKED_KINDS, ChecksPanel
from sps_desk.ui.formatting import format_date, format_number, from_qdate
from sps_desk.ui.hub import DataHub
from sps_desk.ui.operations import Operation, describe
from sps_desk.ui.pages.base import Page
from sps_desk.ui.widgets.date_edit import FrenchDateEdit
from sps_desk.ui.widgets.forms import buddy_label
from sps_desk.ui.widgets.month_chart import MonthChart

WATCHED = CHECKED_KINDS | {"service"}
"""Record kinds whose changes the home page's figures or checks follow."""

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


@dataclass(frozen=True)
class HomeData:
    """What the background job hands to the page: the figures and the check's lines."""

    figures: HomeFigures
    lines: list[CheckLine]
    counted_in: dict[ActivityCategory, ActivityCategory]
    """The service's « compté dans » choices (which column each category's hours go in)."""


def load_home(database: Database, cutoff: date) -> HomeData:
    """The home page's data at ``cutoff`` (background job: SQL aggregates only)."""
    return HomeData(home_figures(database, cutoff),
                    find_lines(database, cutoff.year, cutoff),
                    dict(database.service().counted_in))


def format_change(percent: float | None) -> str:
    """« +12 % », « −5 % », « 0 % »; « – » when there is nothing to compare with."""
    if percent is None:
        return "–"
    rounded = int(abs(percent) + 0.5)  # half away from zero, as one rounds by hand
    sign = "" if rounded == 0 else "+" if percent > 0 else "−"
    return f"{sign}{rounded}\u00a0%"


def format_count(value: float) -> str:
    """A count or a decimal with a thin no-break space between thousands (1 234,5)."""
    whole = format_number(value, 1)
    integer, _, decimals = whole.partition(",") if "," in whole else whole.partition(".")
    groups = f"{int(integer):,}".replace(",", "\u202f")
    return groups + ("," + decimals if decimals else "")


class HomePage(Page):
    """The figures table, the chart and « À vérifier » side by side."""

    watched_kinds = WATCHED

    def __init__(self, database: Database, hub: DataHub, parent: QWidget | None = None) -> None:
        super().__init__(database, hub, parent)
        self.data: HomeData | None = None
        self._open_line: Callable[[CheckLine], None] | None = None
        self._loading = False
        self._again = False
        self._closed = False

        self.cutoff_edit = FrenchDateEdit()
        self.cutoff_edit.dateChanged.connect(lambda _d: self.refresh())
        self.compared = QLabel()
        self.compared.setWordWrap(True)
        cutoff_row = QHBoxLayout()
        cutoff_row.addWidget(buddy_label(self.tr("Figures as at:"), self.cutoff_edit))
        cutoff_row.addWidget(self.cutoff_edit)
        cutoff_row.addWidget(self.compared, 1)

        self.table = QTableWidget(0, 7)
        self.table.setAccessibleName(self.tr("This year against last year"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.table.setSizeAdjustPolicy(QTableWidget.SizeAdjustPolicy.AdjustToContents)
        self.table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        # Widths set once the table is filled: a column sized to its contents would be
        # measured again after every cell.
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.figures_state = QLabel()
        self.figures_state.setWordWrap(True)  # an error is one long French sentence
        self.figures_state.setAccessibleName(self.tr("State of the figures"))
        self.compared.setBuddy(self.table)  # the label says what the table compares
        self.fte_note = QLabel()
        self.fte_note.setWordWrap(True)
        self.fte_note.setAccessibleName(self.tr("How the figures per ETP are computed"))
        figures_box = QGroupBox(self.tr("This year so far"))
        figures_layout = QVBoxLayout(figures_box)
        figures_layout.addLayout(cutoff_row)
        figures_layout.addWidget(self.figures_state)
        figures_layout.addWidget(self.table)
        figures_layout.addWidget(self.fte_note)

        self.chart_choice = QComboBox()
        for label, key in ((self.tr("Outings"), "outings"), (self.tr("Contacts"), "contacts"),
                           (self.tr("Hours per ETP"), "hours_per_fte")):
            self.chart_choice.addItem(label, key)
        self.chart_choice.currentIndexChanged.connect(lambda _i: self._draw_chart())
        self.chart = MonthChart()
        chart_box = QGroupBox(self.tr("Month by month"))
        chart_layout = QVBoxLayout(chart_box)
        choice_row = QHBoxLayout()
        choice_row.addWidget(buddy_label(self.tr("Show:"), self.chart_choice))
        choice_row.addWidget(self.chart_choice)
        choice_row.addStretch(1)
        chart_layout.addLayout(choice_row)
        chart_layout.addWidget(self.chart, 1)

        self.checks = ChecksPanel(database, hub, self)
        self.checks.opened.connect(self._line_opened)
        checks_box = QGroupBox(self.tr("To check"))
        checks_layout = QVBoxLayout(checks_box)
        checks_layout.addWidget(self.checks)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(figures_box)
        left_layout.addWidget(chart_box, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(checks_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([690, 460])
        splitter.setChildrenCollapsible(False)
        self.set_body(splitter)
        self.refresh()

    @classmethod
    def title_text(cls) -> str:
        """« Accueil »."""
        return QCoreApplication.translate("HomePage", "Home")

    def title(self) -> str:
        """« Accueil »."""
        return self.title_text()

    def cutoff(self) -> date:
        """The last day counted (today by default)."""
        return from_qdate(self.cutoff_edit.date())

    def set_open_line(self, open_line: Callable[[CheckLine], None]) -> None:
        """How a line of « À vérifier » opens its record (given by the window)."""
        self._open_line = open_line

    @property
    def loading(self) -> bool:
        """Whether a background job is computing the figures and the check."""
        return self._loading

    def refresh(self) -> None:
        """Compute the figures and the check again for the cut-off shown, in the
        background (one job at a time: a request made meanwhile runs at its end)."""
        cutoff = self.cutoff()
        self.compared.setText(self.tr("from 1 January {0}, compared with the same days of "
                                      "{1} (to {2})").format(
            cutoff.year, cutoff.year - 1, format_date(same_day_last_year(cutoff))))
        self.figures_state.setText(self.tr("Computing…"))
        self.figures_state.show()
        self.checks.show_pending()
        if self._closed:
            return
        if self._loading:
            self._again = True
            return
        self._loading = True
        Operation(
            parent=self,
            op=lambda base, _job: load_home(base, cutoff),
            success=self.show_data,
            label=self.tr("the home page's figures"),
        ).background().failure(self._failed).finally_(self._ended).run(self.database)

    def before_lock(self) -> None:
        """The base closes: a job still to come is not started, a result not shown."""
        self._closed = True
        super().before_lock()

    def _ended(self) -> None:
        self._loading = False
        if self._again and not self._closed:
            self._again = False
            self.refresh()

    def _failed(self, error: BaseException) -> None:
        message = describe(error)
        self.figures_state.setText(message)
        self.checks.show_failure(message)

    def show_data(self, data: HomeData) -> None:
        """Fill the table, the chart and the check from ``data``."""
        if data.figures.cutoff != self.cutoff() or self._again or self._closed:
            return  # another date was asked, or a save made, meanwhile: a job follows
        self.data = data
        self.figures_state.hide()
        self._fill_table(data.figures, data.counted_in)
        self._draw_chart()
        self.checks.show_lines(data.lines)

    def _fill_table(self, home: HomeFigures,
                    counted_in: dict[ActivityCategory, ActivityCategory]) -> None:
        now, then = home.current, home.previous
        year, before = home.year, home.year - 1
        self.table.setHorizontalHeaderLabels([
            "", str(year), str(before), self.tr("Change"),
            self.tr("{0}\nper ETP").format(year), self.tr("{0}\nper ETP").format(before),
            self.tr("Change\nper ETP")])
        columns_now = now.hours_by_column(counted_in)
        columns_then = then.hours_by_column(counted_in)
        rows: list[tuple[str, float, float, bool]] = [
            (self.tr("Outings"), now.figures.outings, then.figures.outings, True),
            (self.tr("Contacts (encounters)"), now.figures.contacts, then.figures.contacts, True),
            (self.tr("Young people known"), now.figures.young_known, then.figures.young_known,
             True),
            (self.tr("Young people supported"), now.figures.young_supported,
             then.figures.young_supported, True),
            (self.tr("Hours, total"), now.figures.total_hours, then.figures.total_hours, True),
        ]
        for column in ReportColumn:
            if all(c in counted_in for c, col in REPORT_COLUMN_OF.items() if col is column):
                continue  # the service counts these hours in another column
            rows.append(("    " + column.label, columns_now.get(column, 0.0),
                         columns_then.get(column, 0.0), True))
        rows.append((self.tr("ETP of the educational team"), now.fte, then.fte, False))
        self.table.setRowCount(len(rows))
        # Nothing recorded last year (a base created this year): no comparison, rather
        # than zeros and an ETP that would read as last year's team.
        no_past = then.figures.is_empty
        for row, (label, value_now, value_then, per_fte) in enumerate(rows):
            shown = format_count if per_fte else format_number  # ETP: to the hundredth
            cells = [label, shown(value_now), "–" if no_past else shown(value_then),
                     format_change(None if no_past else change(value_now, value_then))]
            if per_fte:
                cells += [_per(now, value_now), "–" if no_past else _per(then, value_then),
                          format_change(None if no_past else change(
                              now.per_fte(value_now), then.per_fte(value_then)))]
            else:
                cells += ["", "", ""]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(RIGHT)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        if now.fte <= 0 and then.fte <= 0:
            self.fte_note.setText(self.tr(
                "Per ETP: nobody of the educational team (direction and social workers) is "
                "recorded on these days. Add the team (File › Add a staff member…) to "
                "compare the figures per ETP."))
            return
        if no_past:
            self.fte_note.setText(self.tr(
                "Per ETP: divided by the average ETP of the educational team (direction and "
                "social workers) over these days — {0} this year. Nothing is recorded on the "
                "same days last year: there is nothing to compare with.").format(
                format_number(now.fte)))
            return
        self.fte_note.setText(self.tr(
            "Per ETP: divided by the average ETP of the educational team (direction and "
            "social workers) over the same days — {0} this year, {1} last year — so that a "
            "team that grew or shrank is compared fairly.").format(
            format_number(now.fte), format_number(then.fte)))

    def _draw_chart(self) -> None:
        if self.data is None:
            return
        home = self.data.figures
        key = self.chart_choice.currentData()

        def value(figures: Any, fte: float) -> float:
            if key == "hours_per_fte":
                return figures.hours / fte if fte > 0 else 0.0
            return float(getattr(figures, key))

        current = [None if m.current is None else value(m.current, m.current_fte)
                   for m in home.months]
        previous = [value(m.previous, m.previous_fte) for m in home.months]
        self.chart.set_values(str(home.year), current, str(home.year - 1), previous)

    def _line_opened(self, line: CheckLine) -> None:
        if self._open_line is not None:
            self._open_line(line)


def _per(period: Period, value: float) -> str:
    per = period.per_fte(value)
    return "–" if per is None else format_count(per)
