"""Errors that carry a French message a user can act on.

Every error a user may see derives from :class:`SpsDeskError`; its ``str()`` is a single
French sentence that says what happened and what to do. Messages never contain personal
data (names, codes, nicknames): only file names, field names and numbers.
"""


class SpsDeskError(Exception):
    """Base of every user-facing error; ``str(error)`` is the French message."""


class ValidationFailed(SpsDeskError):
    """A record or an input value breaks a domain rule (French message)."""
