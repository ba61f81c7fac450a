"""Detail of one young person: what is known, and the timeline of everything recorded.

The timeline lists, newest first, the field sessions where they were met, the supports
opened and closed, interventions, referrals, concern reports (date and addressee only)
and the collective actions they took part in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from sps_desk.records import YoungPerson
from sps_desk.store.database import Database
from sps_desk.store.listing import (
    actions_with,
    concern_report_ids,
    first_session_dates,
    referral_ids,
    sessions_meeting,
)
from sps_desk.store.rights import is_restricted
from sps_desk.ui.formatting import format_date, format_hours_minutes
from sps_desk.ui.operations import Job, Operation, describe
from sps_desk.ui.restriction import RestrictionLabel
from sps_desk.ui.widgets.forms import buddy_label
from sps_desk.ui.widgets.table_model import Column, RecordTableModel, make_table_view


@dataclass(frozen=True)
class TimelineEvent:
    """One line of the timeline: local date, what happened, details (no free text)."""

    day: date
    what: str
    detail: str


def timeline(database: Database, young_id: UUID) -> list[TimelineEvent]:
    """Everything recorded about one young person, newest first (read by targeted
    queries: never every outing of the base)."""
    repos = database.repos
    staff = {m.id: m.display_name for m in repos.staff.all()}
    events: list[TimelineEvent] = []
    for session in repos.field_sessions.with_ids(sessions_meeting(database, young_id)):
        events.append(
            TimelineEvent(
                session.date,
                QCoreApplication.translate("Timeline", "Met during a field session"),
                session.session_kind.label,
            )
        )
    supports = repos.supports.for_young_person(young_id)
    for support in supports:
        events.append(
            TimelineEvent(
                support.start_date,
                QCoreApplication.translate("Timeline", "Support opened"),
                "; ".join([support.origin.label, *[p.label for p in support.problems]]),
            )
        )
        if support.end_date is not None and support.end_reason is not None:
            events.append(
                TimelineEvent(
                    support.end_date,
                    QCoreApplication.translate("Timeline", "Support closed"),
                    support.end_reason.label,
                )
            )
        for intervention in repos.interventions.for_support(support.id):
            names = ", ".join(staff.get(i, "?") for i in intervention.staff_ids)
            events.append(
                TimelineEvent(
                    intervention.date,
                    intervention.type.label,
                    f"{format_hours_minutes(intervention.duration_hours)} — {names}",
                )
            )
    for referral in repos.referrals.with_ids(referral_ids(database, [s.id for s in supports])):
        events.append(
            TimelineEvent(
                referral.date,
                QCoreApplication.translate("Timeline", "Referral"),
                referral.partner_type.label,
            )
        )
    for report in repos.concern_reports.with_ids(concern_report_ids(database, young_id)):
        events.append(
            TimelineEvent(
                report.date,
                QCoreApplication.translate("Timeline", "Concern report transmitted"),
                report.addressee.label,
            )
        )
    actions = repos.collective_actions.with_ids(actions_with(database, young_id))
    first_dates = first_session_dates(database, [a.id for a in actions])
    for action in actions:
        day = first_dates.get(str(action.id), action.created_at.date())
        events.append(
            TimelineEvent(
                day,
                QCoreApplication.translate("Timeline", "Collective action"),
                f"{action.title} ({action.type.label})",
            )
        )
    events.sort(key=lambda e: e.day, reverse=True)
    return events


class YoungPersonDialog(QDialog):
    """Read-only sheet of one young person with their timeline."""

    def __init__(
        self, database: Database, person: YoungPerson, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Young person {0}").format(person.code))
        lines = [self.tr("Code: {0}").format(person.code)]
        if person.nickname:
            lines.append(self.tr("Nickname: {0}").format(person.nickname))
        lines.append(self.tr("Sex: {0}").format(person.sex.label))
        if person.birth_date is not None:
            lines.append(
                self.tr("Birth date: {0} ({1})").format(
                    format_date(person.birth_date), person.birth_date_precision.label
                )
            )
        lines.append(self.tr("Situation: {0}").format(person.situation.label))
        summary = QLabel("\n".join(lines))
        summary.setAccessibleName(self.tr("Summary"))
        self.events: list[TimelineEvent] = []
        self.model = RecordTableModel(
            [
                Column(self.tr("Date"), lambda e: format_date(e.day), key=lambda e: e.day),
                Column(self.tr("Event"), lambda e: e.what),
                Column(self.tr("Details"), lambda e: e.detail),
            ],
            self,
        )
        self.table = make_table_view(self.model, self.tr("Timeline"))
        self.empty = QLabel(self.tr("Reading the timeline…"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.restricted_label = RestrictionLabel()
        self.restricted_label.setVisible(is_restricted(database, person.id))
        layout = QVBoxLayout(self)
        layout.addWidget(self.restricted_label)
        layout.addWidget(summary)
        layout.addWidget(buddy_label(self.tr("Timeline:"), self.table))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        self.resize(720, 520)
        # Looked for across the whole history (the outings where they were met): in the
        # background, the dialog shows at once.
        young_id = person.id
        self.job: Job | None = (
            Operation(parent=self, op=lambda base, _job: timeline(base, young_id),
                      success=self._show_events, label=self.tr("the timeline"))
            .background()
            .failure(lambda error: self.empty.setText(describe(error)))
            .finally_(self._job_done)
            .run(database)
        )

    def _show_events(self, events: list[TimelineEvent]) -> None:
        self.events = events
        self.model.set_rows(events)
        self.empty.setText(self.tr("Nothing recorded about this young person yet."))
        self.empty.setVisible(not events)

    def _job_done(self) -> None:
        self.job = None
