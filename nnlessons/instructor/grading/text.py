"""Text that crosses a trust boundary: from a child, from a folder or file name, to
SQLite, to a CSV, to the instructor's terminal.

`clean` is applied once where a string enters the grader (no lone surrogates, which
SQLite and UTF-8 refuse; no control characters but newline and tab; at most `limit`
characters). `printable` is applied to everything the grader prints (no control
characters at all but newlines: no terminal escape sequence can reach the screen).
`csv_cell` is applied to every text cell of a CSV the grader writes (OWASP's rule
against formula injection).
"""
from __future__ import annotations

import re

__all__ = ["clean", "printable", "first_line", "csv_cell"]

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def clean(text, limit: int = 2000) -> str:
    """`text` as a safe string: lone surrogates become U+FFFD, control characters (but
    newline and tab) are dropped, and it is cut to `limit` characters, saying so."""
    s = text if type(text) is str else str(text)
    if len(s) > limit:
        cut = len(s) - limit
        s = s[:limit] + f"... ({cut} more characters not shown)"
    return _CONTROL.sub("", _SURROGATE.sub("\ufffd", s))


def printable(text) -> str:
    """`text` for a terminal: `clean` without a length cap, and no tabs or carriage returns."""
    s = clean(text, limit=10**9).replace("\t", " ")
    return s


def first_line(text, limit: int = 200) -> str:
    """The first non-empty line of `text`, cleaned and cut to `limit` (never raises)."""
    for line in clean(text, limit=max(limit * 4, 1000)).splitlines():
        if line.strip():
            return clean(line.strip(), limit)
    return ""


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value) -> str:
    """A text cell a spreadsheet will not run (a leading ``'`` when it starts like a
    formula) and a terminal will not interpret (no control characters but newline and tab)."""
    text = str(value)
    if text.startswith(_FORMULA_START):
        text = "'" + text
    return clean(text, limit=100_000)
