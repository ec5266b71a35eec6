"""CSV exports that a spreadsheet opens safely.

A cell starting with `=`, `+`, `-` or `@` (or a tab or carriage return, which some
spreadsheets skip before reading a formula) is read as a formula by Excel and LibreOffice:
text typed by a citizen or another office could then run `=HYPERLINK(...)` or `=cmd|...` on
the machine of whoever opens the export. Every CSV the platform writes goes through
`csv_writer()`, which shows such cells as text (a leading `'`). Numbers, dates and other
non-text values are written as they are.
"""

import csv

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value):
    """`value` safe for a spreadsheet cell: text that could be read as a formula gets `'`."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return f"'{value}"
    return value


class _Echo:
    """A file-like object whose write returns the line, for streaming responses."""

    def write(self, value):
        return value


class SafeWriter:
    """`csv.writer` whose rows are escaped cell by cell (see `csv_cell`)."""

    def __init__(self, target=None, **kwargs):
        self._writer = csv.writer(target if target is not None else _Echo(), **kwargs)

    def writerow(self, row):
        return self._writer.writerow([csv_cell(value) for value in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def csv_writer(target=None, **kwargs) -> SafeWriter:
    """A CSV writer over `target` (a file), or, without one, one whose `writerow` returns
    the formatted line for a `StreamingHttpResponse`."""
    return SafeWriter(target, **kwargs)
