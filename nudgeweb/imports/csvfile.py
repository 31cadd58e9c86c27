"""Reading the CSV files people really have: Excel's, Google Sheets', Numbers', other CRMs'.

UTF-8 with or without a byte-order mark (and UTF-16 or Windows-1252 when that is what Excel
saved), comma, semicolon, tab or pipe as the separator, Excel quoting (doubled quotes, quoted
separators and newlines), blank lines anywhere. Each record comes with the line of the file it
starts on, so that an error report points at the line the user sees in their editor.
"""
import codecs
import csv
import io
from dataclasses import dataclass

DELIMITERS = (",", ";", "\t", "|")
SNIFF_BYTES = 64 * 1024
MAX_COLUMNS = 200  # the mapping step shows a choice for each
MAX_HEADER_LENGTH = 200  # characters of one column name


class CsvFileError(ValueError):
    """The file can't be read as a CSV table at all (as opposed to one bad row)."""


@dataclass(frozen=True)
class CsvLayout:
    encoding: str
    delimiter: str
    headers: list


def decode(data: bytes) -> tuple[str, str]:
    """The file's text and the encoding it was read with."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ("utf-16",)
    else:
        candidates = ("utf-8-sig", "cp1252", "latin-1")
    for encoding in candidates:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise CsvFileError("The file isn't text. Save it from your spreadsheet as CSV and try again.")


def _first_line(text: str) -> str:
    """The header record's text: the first non-blank line (a header never holds a newline in practice)."""
    for line in io.StringIO(text[:SNIFF_BYTES]):
        if line.strip():
            return line
    return ""


def sniff_delimiter(text: str) -> str:
    """The separator that splits the header into the most columns (comma when in doubt)."""
    header = _first_line(text)
    best, best_count = ",", 1
    for delimiter in DELIMITERS:
        row = next(csv.reader([header], delimiter=delimiter), [])
        if len(row) > best_count:
            best, best_count = delimiter, len(row)
    return best


def _reader(text: str, delimiter: str):
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)


def read_layout(data: bytes) -> tuple[CsvLayout, str]:
    """Encoding, separator and header names of a file, and its decoded text."""
    if not data.strip():
        raise CsvFileError("The file is empty.")
    text, encoding = decode(data)
    if "\x00" in text[:SNIFF_BYTES]:
        raise CsvFileError("The file isn't text. Save it from your spreadsheet as CSV and try again.")
    delimiter = sniff_delimiter(text)
    try:
        headers = next((row for row in _reader(text, delimiter) if _has_values(row)), None)
    except csv.Error as error:  # a cell past csv.field_size_limit() (128 KB)
        raise CsvFileError(f"The first line can't be read as column names ({error}). "
                           f"A column name is at most {MAX_HEADER_LENGTH} characters.") from error
    if headers is None:
        raise CsvFileError("The file is empty.")
    headers = [name.strip() for name in headers]
    _check_headers(headers)
    return CsvLayout(encoding, delimiter, headers), text


def _check_headers(headers):
    if len(headers) > MAX_COLUMNS:
        raise CsvFileError(f"The file has {len(headers):,} columns; an import takes at most {MAX_COLUMNS}. "
                           "Remove the columns you don't need and try again.")
    too_long = next((index for index, name in enumerate(headers) if len(name) > MAX_HEADER_LENGTH), None)
    if too_long is not None:
        raise CsvFileError(f"The name of column {too_long + 1} is longer than {MAX_HEADER_LENGTH} characters: "
                           "shorten it and try again.")


def _has_values(row) -> bool:
    return bool("".join(row).strip())  # some value is more than blanks


def records(text: str, delimiter: str, header: bool = True, lines_before: int = 0):
    """(line number, values) of every data record after the header; blank lines are skipped.

    The line number is where the record starts in the file (the header being on its line),
    so a record with a quoted newline is reported at its first line. For a piece of the file
    (a chunk, see plan_chunks) give ``header=False`` and the number of lines before the piece.
    """
    reader = _reader(text, delimiter)
    header_seen = not header
    last_line = 0
    try:
        for row in reader:
            start, last_line = last_line + 1, reader.line_num
            if not _has_values(row):
                continue
            if not header_seen:
                header_seen = True
                continue
            yield lines_before + start, row
    except csv.Error as error:  # only a NUL byte or similar breaks the csv module
        raise CsvFileError(f"Line {lines_before + last_line + 1} can't be read: {error}.") from error


def plan_chunks(text: str, delimiter: str, size: int) -> list:
    """The file cut into pieces of ``size`` data records: [[first character, lines before, records], ...].

    A piece is ``text[first character:next piece's first character]``, read with
    ``records(piece, delimiter, header=False, lines_before=...)``; so a worker reads its own
    rows without parsing the file up to them.
    """
    source = io.StringIO(text, newline="")  # its position is an index in ``text``
    reader = csv.reader(source, delimiter=delimiter, strict=False)
    chunks, boundary, header_seen, current, read_to = [], None, False, None, 0
    try:
        for row in reader:
            read_to = reader.line_num
            if not _has_values(row):
                continue
            if not header_seen:
                header_seen = True
            else:
                if current is None:
                    current = [*boundary, 0]
                    chunks.append(current)
                current[2] += 1
                if current[2] < size:
                    continue
                current = None
            boundary = (source.tell(), reader.line_num)
    except csv.Error as error:
        raise CsvFileError(f"Line {read_to + 1} can't be read: {error}.") from error  # where that record starts
    return chunks


def chunk_text(text: str, chunks: list, index: int) -> str:
    """The text of piece ``index`` of plan_chunks."""
    end = chunks[index + 1][0] if index + 1 < len(chunks) else len(text)
    return text[chunks[index][0]:end]


def count_records(text: str, delimiter: str) -> int:
    return sum(1 for _ in records(text, delimiter))


def preview(text: str, delimiter: str, limit: int = 5) -> list:
    rows = []
    for _line, row in records(text, delimiter):
        rows.append(row)
        if len(rows) == limit:
            break
    return rows
