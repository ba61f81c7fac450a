"""Spreadsheet import without SQL: reading CSV/XLSX, mapping columns, checking rows.

The services keep years of hours, actions, young people and supports in spreadsheets
(issue 7, item 4). This package turns such a file into validated records and a list of
French errors, one per bad cell, numbered as the spreadsheet shows its rows; the store
(``sps_desk.store.imports``) writes them in one transaction.
"""
