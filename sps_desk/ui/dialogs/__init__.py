"""Dialogs: creating or unlocking the base, adding a staff member or a sector."""
