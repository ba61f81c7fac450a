"""Build a record from a form and save it, turning every failure into French lines."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from pydantic import ValidationError
from PySide6.QtCore import QCoreApplication

from sps_desk.records import french_errors
from sps_desk.store.errors import describe, is_expected
from sps_desk.ui.widgets.forms import ErrorBox

T = TypeVar("T")

logger = logging.getLogger(__name__)


def unexpected_error_message() -> str:
    """The message shown when saving fails for a reason the user cannot act on."""
    return QCoreApplication.translate(
        "Saving",
        "The record could not be saved because of an unexpected error; nothing was "
        "written. Try again, and tell your head of service if it happens again.",
    )


def build_and_save(build: Callable[[], T], save: Callable[[T], T], errors: ErrorBox) -> T | None:
    """Run ``build`` (record validation) then ``save`` (the store), showing any error.

    Returns the saved record, or ``None`` after showing the French reasons in
    ``errors``. Input values never reach the log (they may be personal data).
    """
    try:
        record = build()
        saved = save(record)
    except ValidationError as error:
        errors.show_lines(french_errors(error))
        return None
    except Exception as error:
        if is_expected(error):  # a full disk, a busy or read-only base…: said in French
            errors.show_lines([describe(error)])
        else:
            logger.error("save failed: %s", type(error).__name__)
            errors.show_lines([unexpected_error_message()])
        return None
    errors.clear_lines()
    return saved
