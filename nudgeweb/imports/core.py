"""What every CSV import shares, whatever it imports (contacts, employees): the upload read and cut
into chunks with its limits, a chunk's rows, where a resumed import carries on, the first rows as
the mapping step shows them, whether it stalled, and the failed rows as a CSV.

An import's row has the columns of models.imports.ImportedFile; its failures those of
models.imports.ImportFailureColumns.
"""
import itertools
from datetime import timedelta

from sqlalchemy import select

from nudgeweb.downloads import CsvWriter
from nudgeweb.imports import csvfile
from nudgeweb.models import db, utcnow
from nudgeweb.unit_of_work import unit_of_work

STALE_AFTER = timedelta(minutes=2)  # a running import renews its claim after every chunk


class UploadError(ValueError):
    """A file that can't be imported at all; the message says why, in the user's words."""


def read_upload(file_bytes, chunk_size, max_bytes, max_rows=None, rows_of="rows"):
    """(layout, chunks, total rows) of an uploaded file, within the import's limits; raises UploadError."""
    if file_bytes is None:
        raise UploadError("Choose a CSV file to import.")
    if len(file_bytes) > max_bytes:
        size = f"{max_bytes // (1024 * 1024)} MB" if max_bytes >= 1024 * 1024 else f"{max_bytes // 1024} KB"
        raise UploadError(f"The file is larger than {size}: split it in two.")
    try:
        layout, text = csvfile.read_layout(file_bytes)
        chunks = csvfile.plan_chunks(text, layout.delimiter, chunk_size)
    except csvfile.CsvFileError as error:
        raise UploadError(str(error)) from error
    total = sum(rows for *_, rows in chunks)
    if total == 0:
        raise UploadError(f"The file has a header line but no rows of {rows_of}.")
    if max_rows is not None and total > max_rows:
        raise UploadError(f"The file has {total:,} rows; an import takes at most {max_rows:,}. Split it in two.")
    return layout, chunks, total


def pending_chunks(processed, chunks):
    """[(chunk index, first row to import)] of the chunks not done when ``processed`` rows are."""
    first_row, pending = 0, []
    for index, (_start, _lines, rows) in enumerate(chunks):
        if first_row + rows > processed:
            pending.append((index, max(first_row, processed)))
        first_row += rows
    return pending


def chunk_rows(record, index, from_row):
    """[(line, values)] of chunk ``index`` of an import, from its row ``from_row`` on."""
    chunks = record.chunks
    content, _ = csvfile.decode(record.file_data)
    piece = csvfile.chunk_text(content, chunks, index)
    records = csvfile.records(piece, record.delimiter, header=False, lines_before=chunks[index][1])
    first_row = sum(rows for *_, rows in chunks[:index])
    return list(itertools.islice(records, from_row - first_row, None))


def is_stalled(record):
    """Failed part-way, or processing with nobody working on it for a while."""
    if record.status == "failed":
        return record.processed < record.total
    if record.status != "processing":
        return False
    last_sign = record.claimed_at or record.started_at or record.created_at
    return last_sign < utcnow() - STALE_AFTER


def preview_rows(record, limit=5):
    """The first rows of the file, as the mapping step shows them."""
    text, _ = csvfile.decode(record.file_data)
    return csvfile.preview(text, record.delimiter, limit)


def column_samples(rows, per_column=3):
    """For each column, its first few non-blank values in ``rows`` (shortened)."""
    width = max((len(row) for row in rows), default=0)
    samples = []
    for index in range(width):
        values = [row[index].strip() for row in rows if index < len(row) and row[index].strip()]
        samples.append([value if len(value) <= 40 else value[:39] + "…" for value in values[:per_column]])
    return samples


def failed_rows_csv(record, failure_model, batch=1000):
    """The rows that could not be imported, as CSV text in pieces: line, reason, then the file's columns,
    after a byte order mark (as the contacts export: Excel reads a CSV without one as Windows-1252).

    Fix the rows in this file and import it again: the line and reason columns are not mapped
    then, and rows already imported are not duplicated. Each piece is read in an app context of
    its own, so the generator can be consumed after the request that made it is over.
    """
    from flask import current_app

    app = current_app._get_current_object()
    import_id, organization_id = record.id, record.organization_id
    writer = CsvWriter()
    header = "\ufeff" + writer.text([["line", "reason", *record.headers]])

    def pieces():
        yield header
        after = 0
        while after is not None:
            with app.app_context(), unit_of_work(organization_id):
                rows = db.session.execute(
                    select(failure_model.line, failure_model.reason, failure_model.values)
                    .where(failure_model.import_id == import_id, failure_model.organization_id == organization_id,
                           failure_model.line > after)
                    .order_by(failure_model.line)
                    .limit(batch)
                ).all()
            after = rows[-1].line if len(rows) == batch else None
            if rows:
                yield writer.text([line, reason, *values] for line, reason, values in rows)

    return pieces()


def failed_rows_filename(record, default="import"):
    stem = record.filename.rsplit(".", 1)[0] or default
    return f"{stem}-failed-rows.csv"
