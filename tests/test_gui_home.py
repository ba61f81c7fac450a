"""The home page « Accueil », « À vérifier » and the staff dialog's FTE periods in the
real widgets (offscreen, French): the values a chief reads and clicks."""

from __future__ import annotations

from datetime import date, time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QStyleOptionViewItem

from sps_desk.enums import ActivityCategory, CheckRule, Role, Sex
from sps_desk.fte import FtePeriod
from sps_desk.records import FieldSession, StaffMember, TallyCell, TimeEntry, YoungPerson
from sps_desk.store.database import Database
from sps_desk.ui.dialogs.staff import StaffDialog
from sps_desk.ui.formatting import to_qdate
from sps_desk.ui.hub import DataHub
from sps_desk.ui.pages.home import HomePage, format_change
from tests.gui_support import LEFT

pytestmark = pytest.mark.usefixtures("french")


@pytest.fixture
def service(db: Database) -> Database:
    """Zoé (chef de service) throughout; Дмитрий (travailleur social) from 1 July 2024:
    1 educational ETP on 1 January – 31 March 2024, 2 on the same days of 2025."""
    repos = db.repos
    zoe = repos.staff.save(StaffMember(display_name="Zoé Ğüzel", role=Role.HEAD, fte=1.0))
    dmitri = repos.staff.save(StaffMember(
        display_name="Дмитрий", role=Role.SOCIAL_WORKER, fte=1.0,
        periods=[FtePeriod(start=date(2024, 7, 1), fte=1.0)]))
    kemi = repos.young_people.save(YoungPerson(code="J-KEMI22", sex=Sex.NOT_STATED))
    for day, staff, count in ((date(2024, 2, 5), zoe, 4), (date(2025, 2, 3), dmitri, 6),
                              (date(2025, 3, 3), zoe, 0)):
        repos.field_sessions.save(FieldSession(
            date=day, start_time=time(14), end_time=time(17), staff_ids=[staff.id],
            tallies=[TallyCell(sex=Sex.FEMALE, age_bracket="16-17", count=count)] if count
            else [], young_met_ids=[kemi.id] if count == 6 else []))
    repos.time_entries.save(TimeEntry(staff_id=zoe.id, date=date(2025, 3, 14),
                                      category=ActivityCategory.WRITING, hours=9))
    return db


@pytest.fixture
def page(qtbot, service: Database) -> HomePage:
    home = HomePage(service, DataHub())
    qtbot.addWidget(home)
    home.cutoff_edit.setDate(to_qdate(date(2025, 3, 31)))
    _wait(qtbot, home)
    return home


def _wait(qtbot, page: HomePage) -> None:
    """Until the background job has shown the figures of the cut-off date."""
    qtbot.waitUntil(lambda: not page.loading, timeout=20_000)


def _row(page: HomePage, label: str) -> list[str]:
    table = page.table
    for row in range(table.rowCount()):
        if table.item(row, 0).text().strip() == label:
            return [table.item(row, c).text() for c in range(1, table.columnCount())]
    raise AssertionError(label)


def test_the_figures_compare_the_same_days_per_etp(page: HomePage) -> None:
    headers = [page.table.horizontalHeaderItem(c).text().replace("\n", " ") for c in range(7)]
    assert headers[1:] == ["2025", "2024", "Évolution", "2025 par ETP", "2024 par ETP",
                           "Évolution par ETP"]
    # Outings: 2 against 1 (+100 %), but 1 per ETP against 1 (0 %): the team doubled.
    assert _row(page, "Sorties") == ["2", "1", "+100\u00a0%", "1", "1", "0\u00a0%"]
    assert _row(page, "Rencontres") == ["7", "4", "+75\u00a0%", "3,5", "4", "−13\u00a0%"]
    assert _row(page, "Heures, total") == ["15", "3", "+400\u00a0%", "7,5", "3", "+150\u00a0%"]
    assert _row(page, "ETP de l'équipe éducative") == ["2", "1", "+100\u00a0%", "", "", ""]
    assert "du 1er janvier 2025" in page.compared.text()
    assert "31/03/2024" in page.compared.text()
    assert "équipe éducative" in page.fte_note.text()


def test_the_chart_shows_the_month_by_month_figures(page: HomePage) -> None:
    current, previous = page.chart.values()
    assert current[:3] == [0, 1, 1] and current[3:] == [0] * 9  # April on: not yet
    assert previous[:3] == [0, 1, 0]
    page.chart_choice.setCurrentIndex(2)  # hours per ETP
    current, previous = page.chart.values()
    assert current[2] == pytest.approx((3 + 9) / 2)


def test_the_cut_off_moves_the_comparison(qtbot, page: HomePage) -> None:
    page.cutoff_edit.setDate(to_qdate(date(2025, 2, 28)))
    assert page.figures_state.text() == "Calcul en cours…"
    _wait(qtbot, page)
    assert page.figures_state.isHidden()
    assert _row(page, "Sorties")[:2] == ["1", "1"]


def test_to_check_lists_the_lines_and_marks_them(qtbot, page: HomePage,
                                                 service: Database) -> None:
    lines = page.checks.visible_lines()
    assert {line.rule for line in lines} == {CheckRule.UNKNOWN_SEX_OR_AGE,
                                             CheckRule.EMPTY_OUTING}
    empty = next(line for line in lines if line.rule is CheckRule.EMPTY_OUTING)
    item = page.checks.item_of(empty)
    assert item.text(0) == "Sortie du 03/03/2025, 14:00–17:00, Zoé Ğüzel"
    opened = []
    page.checks.opened.connect(opened.append)
    rect = page.checks.tree.visualItemRect(item)
    qtbot.mouseClick(page.checks.tree.viewport(), LEFT, pos=rect.center())
    assert opened == [empty]

    item.setCheckState(1, Qt.CheckState.Checked)
    assert service.repos.check_marks.count() == 1
    page.refresh()
    _wait(qtbot, page)
    assert [line.rule for line in page.checks.visible_lines()] == [CheckRule.UNKNOWN_SEX_OR_AGE]
    assert page.checks.state.text() == "1 ligne à vérifier."
    # French takes the singular for 0 and 1 (trial: « 0 lignes à vérifier »).
    assert [page.checks._pending_text(n) for n in (0, 1, 2)] == [
        "0 ligne à vérifier.", "1 ligne à vérifier.", "2 lignes à vérifier."]


@pytest.mark.parametrize("link", ["#0b57d0", "#8ab4f8"])  # light, dark
def test_the_lines_are_links_in_both_palettes(qtbot, page: HomePage, link: str) -> None:
    palette = QPalette(page.palette())
    palette.setColor(QPalette.ColorRole.Link, QColor(link))
    page.setPalette(palette)
    tree = page.checks.tree
    line_index = tree.model().index(0, 0, tree.model().index(0, 0))
    option = QStyleOptionViewItem()
    option.initFrom(tree)
    tree.itemDelegateForColumn(0).initStyleOption(option, line_index)
    assert option.font.underline()
    assert option.palette.color(QPalette.ColorRole.Text) == QColor(link)


def test_format_change() -> None:
    assert [format_change(v) for v in (12.4, -5.5, 0.2, None)] == [
        "+12\u00a0%", "−6\u00a0%", "0\u00a0%", "–"]


def test_a_new_fte_period_closes_the_ongoing_one(qtbot, db: Database) -> None:
    member = db.repos.staff.save(StaffMember(display_name="Łucja", role=Role.SOCIAL_WORKER,
                                             fte=1.0))
    dialog = StaffDialog(db, member=member)
    qtbot.addWidget(dialog)
    assert dialog.periods_table.item(0, 0).text() == "inconnu"
    assert dialog.periods_table.item(0, 1).text() == "en cours"
    qtbot.mouseClick(dialog.new_period_button, LEFT)
    dialog.start_edit.setDate(to_qdate(date(2025, 9, 1)))
    dialog.fte_spin.setValue(0.8)
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert dialog.errors.lines() == []
    saved = db.repos.staff.get(member.id)
    assert saved.periods == [FtePeriod(end=date(2025, 8, 31), fte=1.0),
                             FtePeriod(start=date(2025, 9, 1), fte=0.8)]
    assert (saved.fte, saved.active) == (0.8, True)


def test_a_departure_is_an_end_date_and_overlaps_are_refused(qtbot, db: Database) -> None:
    member = db.repos.staff.save(StaffMember(display_name="Łucja", role=Role.SOCIAL_WORKER,
                                             fte=1.0))
    dialog = StaffDialog(db, member=member)
    qtbot.addWidget(dialog)
    dialog.ongoing.setChecked(False)
    dialog.end_edit.setDate(to_qdate(date(2025, 6, 30)))
    qtbot.mouseClick(dialog.save_button, LEFT)
    left = db.repos.staff.get(member.id)
    assert left.periods == [FtePeriod(end=date(2025, 6, 30), fte=1.0)] and not left.active

    again = StaffDialog(db, member=left)
    qtbot.addWidget(again)
    qtbot.mouseClick(again.new_period_button, LEFT)
    again.start_edit.setDate(to_qdate(date(2025, 6, 1)))
    qtbot.mouseClick(again.save_button, LEFT)
    assert again.errors.lines() == [
        "Deux périodes d'activité se chevauchent : une journée ne compte que dans une période"]
    assert db.repos.staff.get(member.id).periods == left.periods


def test_the_window_opens_on_accueil_and_a_line_opens_its_outing(qtbot, service: Database
                                                                 ) -> None:
    from sps_desk.ui.main_window import MainWindow
    from sps_desk.ui.pages.field import FieldPage

    window = MainWindow(service)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    home = window.stack.currentWidget()
    assert isinstance(home, HomePage) and window.navigation.item(0).text() == "Accueil"
    assert [type(page) for page in window.pages] == [HomePage]  # the others wait
    home.cutoff_edit.setDate(to_qdate(date(2025, 3, 31)))
    _wait(qtbot, home)
    assert _row(home, "Sorties")[:2] == ["2", "1"]
    empty = next(line for line in home.checks.visible_lines()
                 if line.rule is CheckRule.EMPTY_OUTING)
    tree = home.checks.tree
    rect = tree.visualItemRect(home.checks.item_of(empty))
    qtbot.mouseClick(tree.viewport(), LEFT, pos=rect.center())
    field = window.page(FieldPage)
    assert window.stack.currentWidget() is field
    assert isinstance(field, FieldPage) and field.shown_year() == 2025
    assert str(field.selected_session().id) == empty.record_id
    assert field.date_edit.date() == to_qdate(date(2025, 3, 3))  # loaded to be corrected


def _checks_of_2025(qtbot, service: Database):
    """The window and its Rapport page, on 2025, once the « À vérifier » summary is read."""
    from sps_desk.ui.main_window import PAGE_TYPES, MainWindow
    from sps_desk.ui.pages.report import ReportPage

    window = MainWindow(service)
    qtbot.addWidget(window)
    window.show()
    window.show_page(PAGE_TYPES.index(ReportPage))
    report = window.page(ReportPage)
    assert isinstance(report, ReportPage)
    report.year_spin.setValue(2025)
    summary = report.checks_summary
    qtbot.waitUntil(lambda: not summary.loading and summary.lines is not None,
                    timeout=20_000)
    return window, report


def test_the_report_page_says_what_is_left_to_check(qtbot, service: Database) -> None:
    from sps_desk.ui.main_window import PAGE_TYPES
    from sps_desk.ui.pages.report import ReportPage
    from sps_desk.ui.pages.young_people import YoungPeoplePage

    window, report = _checks_of_2025(qtbot, service)
    summary = report.checks_summary
    assert summary.state.text() == "À vérifier\u00a0: 2 lignes."
    assert "Sorties sans rencontre comptée ni jeune noté\u00a0: 1" in summary.state.toolTip()
    qtbot.mouseClick(summary.show_button, LEFT)
    dialog = summary.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.windowTitle() == "À vérifier avant le rapport de 2025"
    assert len(dialog.panel.visible_lines()) == 2
    # A line opens its record in the window; the list stays open beside it.
    young = next(line for line in dialog.panel.visible_lines() if line.kind == "young_person")
    dialog.panel.opened.emit(young)
    shown = window.stack.currentWidget()
    assert isinstance(shown, YoungPeoplePage) and shown.shown_codes() == ["J-KEMI22"]
    assert dialog.isVisible()
    window.show_page(PAGE_TYPES.index(ReportPage))
    report.year_spin.setValue(2023)  # nothing recorded that year
    qtbot.waitUntil(lambda: not summary.loading and summary.lines is not None,
                    timeout=20_000)
    assert summary.state.text() == "Rien à vérifier."
    dialog.close()


def _contrast(first: QColor, second: QColor) -> float:
    """WCAG contrast ratio of two colours."""
    def luminance(colour: QColor) -> float:
        channels = [colour.redF(), colour.greenF(), colour.blueF()]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
                  for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize(("window", "text", "base", "highlight"), [
    ("#efefef", "#000000", "#ffffff", "#308cc6"),  # light
    ("#2d2d2d", "#ffffff", "#1e1e1e", "#2a82da"),  # dark
])
def test_the_chart_follows_the_palette(page: HomePage, window: str, text: str, base: str,
                                       highlight: str) -> None:
    palette = QPalette(page.palette())
    for role, colour in ((QPalette.ColorRole.Window, window),
                         (QPalette.ColorRole.WindowText, text),
                         (QPalette.ColorRole.Base, base),
                         (QPalette.ColorRole.Highlight, highlight)):
        palette.setColor(role, QColor(colour))
    page.setPalette(palette)
    chart = page.chart
    labels = chart.x_axis.labelsBrush().color()
    background = chart.chart().backgroundBrush().color()
    assert labels == QColor(text) and background == QColor(base)
    assert _contrast(labels, background) >= 4.5  # month names readable
    assert chart.now.color() == QColor(highlight)
    # Last year's bars differ from this year's in lightness, not only in hue.
    assert _contrast(chart.now.color(), chart.before.color()) >= 1.5


def test_a_new_base_says_how_to_get_figures_per_etp(qtbot, db: Database) -> None:
    home = HomePage(db, DataHub())
    qtbot.addWidget(home)
    _wait(qtbot, home)
    assert _row(home, "Sorties") == ["0", "–", "–", "–", "–", "–"]
    assert "Ajoutez l'équipe (Fichier › Ajouter un professionnel…)" in home.fte_note.text()
    # An empty year: the axis reads 0 and 1, not « 0 0 0 1 1 1 ».
    axis = home.chart.y_axis
    assert (axis.min(), axis.max(), axis.tickInterval()) == (0, 1, 1)
    assert home.checks.state.text() == "Rien à vérifier\u00a0: toutes les règles sont respectées."


def test_a_base_created_this_year_has_nothing_to_compare_with(qtbot, db: Database) -> None:
    """Trial: « 2,8 l'an dernier » and « Évolution 0 % » against an empty last year."""
    zoe = db.repos.staff.save(StaffMember(display_name="Zoé Ğüzel", role=Role.HEAD, fte=1.0))
    db.repos.field_sessions.save(FieldSession(
        date=date(2025, 3, 3), start_time=time(14), end_time=time(17), staff_ids=[zoe.id],
        tallies=[TallyCell(sex=Sex.FEMALE, age_bracket="16-17", count=2)]))
    home = HomePage(db, DataHub())
    qtbot.addWidget(home)
    home.cutoff_edit.setDate(to_qdate(date(2025, 3, 31)))
    _wait(qtbot, home)
    assert _row(home, "Sorties") == ["1", "–", "–", "1", "–", "–"]
    assert _row(home, "ETP de l'équipe éducative") == ["1", "–", "–", "", "", ""]
    assert "l'an dernier : il n'y a rien à comparer" in home.fte_note.text()
    assert "1 l'an dernier" not in home.fte_note.text()


def test_the_vertical_axis_counts_in_round_steps(page: HomePage) -> None:
    from sps_desk.ui.widgets.month_chart import nice_step

    assert [nice_step(x) for x in (0, 0.4, 1.2, 3, 7, 13.75, 671)] == [1, 1, 2, 5, 10, 20, 1000]
    axis = page.chart.y_axis
    page.chart.set_values("2025", [55.0] + [None] * 11, "2024", [12.0] * 12)
    assert (axis.max(), axis.tickInterval()) == (60, 20)


def test_locking_closes_the_list_to_check(qtbot, service: Database) -> None:
    from PySide6.QtWidgets import QApplication

    window, report = _checks_of_2025(qtbot, service)
    summary = report.checks_summary
    qtbot.mouseClick(summary.show_button, LEFT)
    assert summary.dialog is not None and summary.dialog.isVisible()
    assert window.session_lock.lock()
    qtbot.wait(10)
    QApplication.sendPostedEvents(None, 0)  # the pages' deletion
    shown = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    assert not any("J-KEMI22" in w.windowTitle() or "À vérifier" in w.windowTitle()
                   for w in shown)
