"""« À vérifier » in the window: the lines of the data-quality check, grouped by rule,
each a link that opens its record, with a box the chief ticks once a line is checked.

Shown on the home page (this year) and, from the Rapport page's short summary
(:class:`ChecksSummary`), in a dialog for the report's year (:class:`ChecksDialog`). The
lines are computed by ``store.checks.find_lines`` off the GUI thread (a background job,
``ui/operations.py``) and handed to :meth:`ChecksPanel.show_lines`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sps_desk.enums import CheckRule
from sps_desk.store.checks import CheckLine, find_lines, set_checked
from sps_desk.store.database import Database
from sps_desk.store.errors import describe, is_expected
from sps_desk.ui.formatting import format_date, format_hours_minutes
from sps_desk.ui.hub import Changes, DataHub
from sps_desk.ui.operations import Operation
from sps_desk.ui.operations import describe as describe_failure

logger = logging.getLogger(__name__)

_LINE = Qt.ItemDataRole.UserRole
"""Item data: the :class:`CheckLine` of a line item."""
EXPANDED_AT_MOST = 30
"""A rule with more lines is shown closed; its lines are made when it is opened."""
CHECKED_KINDS = frozenset({
    "staff_member", "young_person", "field_session", "individual_support",
    "intervention", "referral", "concern_report", "collective_action",
    "collective_action_session", "time_entry", "check_mark",
})
"""Record kinds whose changes can add or remove lines of « À vérifier »."""


def describe_line(line: CheckLine) -> str:
    """The French text of one line (the code, name, title or date it is about, and why
    it is listed)."""
    day = format_date(line.day) if line.day else ""
    hours = format_hours_minutes(line.hours) if line.hours is not None else ""
    name = line.label
    match line.rule:
        case CheckRule.IDLE_SUPPORT:
            text = QCoreApplication.translate("Checks", "{0}: last activity on {1}")
            return text.format(name, day)
        case CheckRule.UNKNOWN_SEX_OR_AGE if len(line.missing) == 2:
            text = QCoreApplication.translate("Checks", "{0}: neither sex nor birth year")
            return text.format(name)
        case CheckRule.UNKNOWN_SEX_OR_AGE if line.missing == ("sex",):
            return QCoreApplication.translate("Checks", "{0}: sex not stated").format(name)
        case CheckRule.UNKNOWN_SEX_OR_AGE:
            return QCoreApplication.translate("Checks", "{0}: birth year unknown").format(name)
        case CheckRule.EMPTY_OUTING:
            return QCoreApplication.translate("Checks", "Outing of {0}, {1}").format(day, name)
        case CheckRule.LONG_DAY:
            return QCoreApplication.translate("Checks", "{0}: {1} on {2}").format(name, hours, day)
        case CheckRule.LONG_WEEK:
            text = QCoreApplication.translate("Checks", "{0}: {1} in the week of {2}")
            return text.format(name, hours, day)
        case CheckRule.OUTSIDE_PERIODS:
            last = format_date(line.last) if line.last else day
            if line.count == 1:
                text = QCoreApplication.translate(
                    "Checks", "{0}: 1 entry ({1}) on {2}, outside the activity periods")
                return text.format(name, hours, day)
            text = QCoreApplication.translate(
                "Checks", "{0}: {1} entries ({2}) from {3} to {4}, outside the activity "
                "periods")
            return text.format(name, line.count, hours, day, last)
        case CheckRule.ACTION_WITHOUT_SESSION:
            return QCoreApplication.translate("Checks", "« {0} »: no session this year").format(
                name)
    raise ValueError(line.rule)


def summary(lines: Sequence[CheckLine]) -> list[tuple[CheckRule, int]]:
    """``(rule, lines not checked yet)`` of every rule with at least one such line."""
    counts: dict[CheckRule, int] = {}
    for line in lines:
        if not line.checked:
            counts[line.rule] = counts.get(line.rule, 0) + 1
    return [(rule, counts[rule]) for rule in CheckRule if rule in counts]


class LinkDelegate(QStyledItemDelegate):
    """Draws the lines as links: the palette's link colour, underlined — looked up when
    painting, so that they follow a change of palette (light ↔ dark)."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        """The item's style, in the link colour when it is a line."""
        super().initStyleOption(option, index)
        if index.data(_LINE) is not None:
            link = option.palette.color(QPalette.ColorRole.Link)
            option.palette.setColor(QPalette.ColorRole.Text, link)
            option.font.setUnderline(True)


class ChecksPanel(QWidget):
    """The lines grouped by rule. Clicking a line (or Enter on it) emits :attr:`opened`
    with its :class:`CheckLine`; the box of a line marks it as checked (chief only) and
    emits :attr:`marked`. Lines already checked are hidden unless asked for."""

    opened = Signal(object)
    marked = Signal()

    def __init__(self, database: Database, hub: DataHub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.hub = hub
        self._lines: list[CheckLine] = []
        self._unfilled: dict[int, list[CheckLine]] = {}
        self.state = QLabel(self.tr("Checking the data…"))
        self.state.setWordWrap(True)
        self.state.setAccessibleName(self.tr("State of the check"))
        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([self.tr("To check"), self.tr("Checked")])
        self.tree.setAccessibleName(self.tr("Lines to check"))
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setItemDelegateForColumn(0, LinkDelegate(self.tree))
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.itemClicked.connect(self._clicked)
        self.tree.itemExpanded.connect(self._expanded)
        self.tree.itemActivated.connect(self._activated)
        self.tree.itemChanged.connect(self._changed)
        self.show_checked = QCheckBox(self.tr("Show the lines already checked"))
        self.show_checked.toggled.connect(lambda _on: self._fill())
        hint = QLabel(
            self.tr("Click a line to open its record. Tick « Checked » once you have looked "
                    "at it: it is kept, and merged with the laptops.")
            if database.is_chief else
            self.tr("Click a line to open its record. Only the head of service marks lines "
                    "as checked."))
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.state)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.show_checked)
        layout.addWidget(hint)

    def show_pending(self) -> None:
        """Say that the lines are being computed (the tree keeps the previous ones)."""
        self.state.setText(self.tr("Checking the data…"))

    def show_lines(self, lines: Sequence[CheckLine]) -> None:
        """Show ``lines`` (from ``store.checks.find_lines``)."""
        self._lines = list(lines)
        self._fill()

    def show_failure(self, message: str) -> None:
        """Say why the check could not be made (one French sentence)."""
        self.state.setText(message)

    def lines(self) -> list[CheckLine]:
        """Every line last shown, checked or not."""
        return list(self._lines)

    def visible_lines(self) -> list[CheckLine]:
        """The lines in the tree, in order."""
        found = []
        for top in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(top)
            found += [group.child(i).data(0, _LINE) for i in range(group.childCount())]
        return found

    def item_of(self, line: CheckLine) -> QTreeWidgetItem | None:
        """The tree item of ``line`` (same rule and subject), if shown."""
        for top in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(top)
            for index in range(group.childCount()):
                shown = group.child(index).data(0, _LINE)
                if (shown.rule, shown.subject) == (line.rule, line.subject):
                    return group.child(index)
        return None

    def _fill(self) -> None:
        pending = sum(count for _rule, count in summary(self._lines))
        if not self._lines:
            self.state.setText(self.tr("Nothing to check: every rule is satisfied."))
        elif not pending:
            self.state.setText(self.tr("Every line has been checked."))
        else:
            self.state.setText(self._pending_text(pending))
        shown = [line for line in self._lines if self.show_checked.isChecked() or not line.checked]
        self.tree.blockSignals(True)
        self.tree.clear()
        self._unfilled.clear()
        bold = QFont(self.tree.font())
        bold.setBold(True)
        for rule in CheckRule:
            of_rule = [line for line in shown if line.rule is rule]
            if not of_rule:
                continue
            group = QTreeWidgetItem([f"{rule.label}\u00a0: {len(of_rule)}"])
            group.setFont(0, bold)
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(group)
            group.setFirstColumnSpanned(True)
            if len(of_rule) <= EXPANDED_AT_MOST:
                self._add_lines(group, of_rule)
                group.setExpanded(True)
            else:
                # Lines made when the group is opened: the window never builds
                # hundreds of them at once.
                group.setChildIndicatorPolicy(
                    QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator)
                self._unfilled[id(group)] = of_rule
        self.tree.blockSignals(False)

    def _expanded(self, group: QTreeWidgetItem) -> None:
        lines = self._unfilled.pop(id(group), None)
        if lines is not None:
            self.tree.blockSignals(True)
            self._add_lines(group, lines)
            self.tree.blockSignals(False)

    def _add_lines(self, group: QTreeWidgetItem, lines: Sequence[CheckLine]) -> None:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.database.is_chief:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        tip, yes, no = self.tr("Open the record"), self.tr("checked"), self.tr("not checked")
        items = []
        for line in lines:
            item = QTreeWidgetItem([describe_line(line), ""])
            item.setData(0, _LINE, line)
            item.setToolTip(0, tip)
            item.setFlags(flags)
            item.setCheckState(1, Qt.CheckState.Checked if line.checked
                               else Qt.CheckState.Unchecked)
            item.setData(1, Qt.ItemDataRole.AccessibleTextRole, yes if line.checked else no)
            items.append(item)
        group.addChildren(items)

    def _pending_text(self, pending: int) -> str:
        """« 0 ligne », « 1 ligne », « 2 lignes à vérifier. »: French takes the singular
        below 2 (two source strings, as ``tests/test_translations.py`` reads no Qt plural
        forms)."""
        if pending < 2:
            return self.tr("{0} line to check.").format(pending)
        return self.tr("{0} lines to check.").format(pending)

    def _clicked(self, item: QTreeWidgetItem, column: int) -> None:
        if column == 0:
            self._activated(item)

    def _activated(self, item: QTreeWidgetItem) -> None:
        line = item.data(0, _LINE)
        if line is not None:
            self.opened.emit(line)

    def _changed(self, item: QTreeWidgetItem, column: int) -> None:
        line: CheckLine | None = item.data(0, _LINE)
        if line is None or column != 1:
            return
        checked = item.checkState(1) == Qt.CheckState.Checked
        if checked == line.checked:
            return
        if self.hub.busy:
            self._undo(item, line)
            self.hub.show_message(self.tr("A merge or an import is writing to the base: "
                                          "tick the line again when it ends."))
            return
        try:
            set_checked(self.database, line.rule, line.subject, checked)
        except Exception as error:
            self._undo(item, line)
            if not is_expected(error):
                logger.error("marking a line failed: %s", type(error).__name__)
            self.hub.show_message(describe(error) if is_expected(error) else self.tr(
                "The line could not be marked because of an unexpected error."))
            return
        updated = replace(line, checked=checked)
        self._lines = [updated if (x.rule, x.subject) == (line.rule, line.subject) else x
                       for x in self._lines]
        self.tree.blockSignals(True)
        item.setData(0, _LINE, updated)
        item.setData(1, Qt.ItemDataRole.AccessibleTextRole,
                     self.tr("checked") if checked else self.tr("not checked"))
        self.tree.blockSignals(False)
        pending = sum(count for _rule, count in summary(self._lines))
        self.state.setText(self._pending_text(pending) if pending
                           else self.tr("Every line has been checked."))
        self.hub.show_message(self.tr("Line marked as checked.") if checked
                              else self.tr("Line marked as not checked."))
        self.marked.emit()
        self.hub.notify_changed("check_mark")

    def _undo(self, item: QTreeWidgetItem, line: CheckLine) -> None:
        self.tree.blockSignals(True)
        item.setCheckState(1, Qt.CheckState.Checked if line.checked else Qt.CheckState.Unchecked)
        self.tree.blockSignals(False)


class ChecksDialog(QDialog):
    """« À vérifier » of one year, opened from the Rapport page. ``load`` starts the
    computation (the caller's background job) and calls back with the lines; ``open_line``
    opens a line's record in the window (the dialog stays open beside it)."""

    def __init__(self, database: Database, hub: DataHub, year: int,
                 open_line: Callable[[CheckLine], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("To check before the report of {0}").format(year))
        self.panel = ChecksPanel(database, hub, self)
        self.panel.opened.connect(open_line)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel, 1)
        layout.addWidget(buttons)
        self.resize(640, 480)


class ChecksSummary(QWidget):
    """« À vérifier » on the Rapport page, beside « Générer le rapport »: how many lines
    of the report's year are still to check (by rule in its tooltip), and a button showing them
    (:class:`ChecksDialog`). Computed in the background when the year changes and when
    a save could change the lines (at once if shown, else when shown again)."""

    def __init__(self, database: Database, hub: DataHub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.hub = hub
        self.year: int | None = None
        self.lines: list[CheckLine] | None = None
        self._open_line: Callable[[CheckLine], None] | None = None
        self._loading = False
        self._again = False
        self._stale = False
        self.state = QLabel()
        self.state.setAccessibleName(self.tr("To check before the report"))
        self.show_button = QPushButton(self.tr("See the lines…"))
        self.show_button.setEnabled(False)
        self.show_button.clicked.connect(self.open_dialog)
        self.dialog: ChecksDialog | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.state, 1, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.show_button)
        hub.changed.connect(self._on_changed)

    @property
    def loading(self) -> bool:
        """Whether the lines are being computed."""
        return self._loading

    def set_open_line(self, open_line: Callable[[CheckLine], None]) -> None:
        """How a line opens its record (given by the window)."""
        self._open_line = open_line

    def set_year(self, year: int) -> None:
        """Check the data of ``year`` (supports idle as of today)."""
        self.year = year
        self.lines = None
        self.start()

    def start(self) -> None:
        """Compute the lines again in the background (one job at a time)."""
        if self.year is None:
            return
        self.state.setText(self.tr("Checking the data…"))
        self.show_button.setEnabled(False)
        if self._loading:
            self._again = True
            return
        self._loading = True
        year = self.year
        Operation(
            parent=self,
            op=lambda base, _job: find_lines(base, year, date.today()),
            success=lambda lines: self._show(year, lines),
            label=self.tr("the check of the data"),
        ).background().failure(
            lambda error: self.state.setText(describe_failure(error))
        ).finally_(self._ended).run(self.database)

    def _ended(self) -> None:
        self._loading = False
        if self._again:
            self._again = False
            # Hidden (another page, or the session locking): computed when shown again.
            if self.isVisible():
                self.start()
            else:
                self._stale = True

    def _show(self, year: int, lines: list[CheckLine]) -> None:
        if year != self.year or self._again:
            return  # another year asked, or a save made, meanwhile: a job follows
        self.lines = lines
        counts = summary(lines)
        pending = sum(count for _rule, count in counts)
        if not lines:
            text = self.tr("Nothing to check.")
        elif not pending:
            text = self.tr("Every line checked.")
        else:
            text = (self.tr("To check: {0} line.") if pending < 2  # French: « 0 ligne »
                    else self.tr("To check: {0} lines.")).format(pending)
        # The rules and their counts, for whoever hovers or reads the line aloud.
        details = "\n".join([self.tr("Before the report of {0}:").format(year),
                             *(f"{rule.label}\u00a0: {count}" for rule, count in counts)])
        self.state.setToolTip(details)
        self.state.setAccessibleDescription(details)
        self.state.setText(text)
        self.show_button.setEnabled(bool(lines))
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.panel.show_lines(lines)

    def open_dialog(self) -> ChecksDialog | None:
        """Show the lines of the year in a dialog beside the window."""
        if self.lines is None or self.year is None:
            return None
        if self.dialog is None:
            # Its own window, but a child of this widget: destroyed with the page when
            # the session locks, never left on screen with codes and names.
            self.dialog = ChecksDialog(self.database, self.hub, self.year,
                                       self._opened, self)
        self.dialog.setWindowTitle(
            self.tr("To check before the report of {0}").format(self.year))
        self.dialog.panel.show_lines(self.lines)
        self.dialog.show()
        self.dialog.raise_()
        return self.dialog

    def _opened(self, line: CheckLine) -> None:
        if self._open_line is not None:
            self._open_line(line)

    def showEvent(self, event: QShowEvent) -> None:
        """Catch up on the saves made while hidden."""
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.start()

    def _on_changed(self, changes: Changes) -> None:
        if not changes.touches(CHECKED_KINDS):
            return
        if self.isVisible():
            self.start()
        else:
            self._stale = True
