"""Files people download (CSV exports, an import's failed rows): one CSV writer, one Content-Disposition.

Every cell goes through ``cell``, so a value a customer or an uploaded file put there (``=HYPERLINK(...)``)
opens in a spreadsheet as text, never as a formula; every file name goes through ``attachment``, so a
name someone typed (an upload's) can't add to or break the header.
"""
import csv
import io
import re
import unicodedata
from urllib.parse import quote

from flask import Response
from werkzeug.http import dump_options_header

_FORMULA = re.compile(r"^[=+\-@\t\r]")
_PHONE = re.compile(r"^\+\d{6,15}$")  # E.164: starts with + but is no formula, and stays dialable
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_ATTR_CHARS = "!#$&+-.^_`|~"  # RFC 5987 attr-char besides letters and digits


def cell(value):
    """Text for one cell; a cell a spreadsheet would run as a formula gets a leading apostrophe."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if hasattr(value, "isoformat"):
        return value.isoformat().replace("+00:00", "Z")
    text = str(value)
    return "'" + text if _FORMULA.match(text) and not _PHONE.match(text) else text


class CsvWriter:
    """CSV text a piece at a time (for streaming), every cell through ``cell``."""

    def __init__(self):
        self._buffer = io.StringIO()
        self._writer = csv.writer(self._buffer)

    def text(self, rows):
        """The CSV text of ``rows`` (lists of values)."""
        for row in rows:
            self._writer.writerow([cell(value) for value in row])
        text = self._buffer.getvalue()
        self._buffer.seek(0)
        self._buffer.truncate()
        return text


def attachment(filename):
    """Content-Disposition for a download (RFC 6266): an ASCII ``filename`` for old clients and the
    exact name, percent-encoded, as ``filename*``."""
    name = " ".join(_CONTROL.sub(" ", filename or "").split()) or "download.csv"
    simple = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").strip() or "download.csv"
    return dump_options_header("attachment", {"filename": simple, "filename*": f"UTF-8''{quote(name, safe=_ATTR_CHARS)}"})


def csv_response(pieces, filename):
    """A CSV download streamed from ``pieces`` (text; wrap them in stream_with_context when they read
    the database through the request's context)."""
    return Response(pieces, mimetype="text/csv", headers={"Content-Disposition": attachment(filename)})
