"""The pages of the main window, one module each, in navigation order."""
