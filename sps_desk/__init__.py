"""sps_desk — application hors ligne des services de prévention spécialisée.

The top-level package is the domain layer (DESIGN.md §7): pydantic records, enums and
the age and duration rules. It imports neither Qt nor SQL.
"""

__version__ = "0.1.0"
