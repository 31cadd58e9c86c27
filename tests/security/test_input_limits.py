"""Attacks with unbounded input: 100,000 tags, 100,000-column CSVs, megabytes of metadata, huge bodies.

Each is refused with a 413 or 422 (a 400/422 form page on the web) that names the limit, through the
API, the pages and imports alike, and nothing is stored.
"""
import io
import json

import pytest
from sqlalchemy import func, select

from nudgeweb.contacts.fields import MAX_TAG_LENGTH, MAX_TAGS_PER_CONTACT
from nudgeweb.contacts.operations import update_contact
from nudgeweb.imports.csvfile import MAX_COLUMNS, MAX_HEADER_LENGTH
from nudgeweb.imports.operations import MAX_FILE_BYTES
from nudgeweb.models import Contact, ContactImport, ReviewRequest, Tag, db
from nudgeweb.reviews.operations import MAX_METADATA_BYTES
from tests.api_helpers import key_headers, make_key
from tests.factories import ContactFactory

MB = 1024 * 1024
TOO_MANY_TAGS = [f"tag{i}" for i in range(MAX_TAGS_PER_CONTACT + 1)]


@pytest.fixture
def api_headers(owner):
    return key_headers(make_key(owner))


def count(model):
    return db.session.scalar(select(func.count()).select_from(model))


def the_error(response, status=422):
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    [error] = response.json["errors"]
    return error


# --- tags --------------------------------------------------------------------------------------

@pytest.mark.parametrize("tags", [TOO_MANY_TAGS, ",".join(f"t{i}" for i in range(100_000))])
def test_a_contact_with_too_many_tags_is_refused_through_the_api(client, api_headers, tags):
    response = client.post("/api/v1/contacts", headers=api_headers, json={"email": "a@example.com", "tags": tags})
    error = the_error(response)
    assert error["source"]["pointer"] == "/data/attributes/tags" and f"at most {MAX_TAGS_PER_CONTACT} tags" in error["detail"]
    assert count(Contact) == 0 and count(Tag) == 0


def test_a_tag_too_long_is_refused_naming_the_limit(client, api_headers):
    response = client.post("/api/v1/contacts", headers=api_headers,
                           json={"email": "a@example.com", "tags": ["x" * (MAX_TAG_LENGTH + 1)]})
    assert f"at most {MAX_TAG_LENGTH} characters" in the_error(response)["detail"]


def test_upserts_cannot_pile_tags_past_the_limit(client, api_headers, organization):
    contact = ContactFactory(organization=organization, email="a@example.com")
    update_contact(contact, {"tags": TOO_MANY_TAGS[:MAX_TAGS_PER_CONTACT]})
    response = client.post("/api/v1/contacts", headers=api_headers, json={"email": "a@example.com", "tags": ["one-more"]})
    assert f"at most {MAX_TAGS_PER_CONTACT} tags" in the_error(response)["detail"]
    again = client.post("/api/v1/contacts", headers=api_headers, json={"email": "a@example.com", "tags": ["tag7"]})
    assert again.status_code == 200  # a tag it has already is no new tag
    db.session.expire_all()
    assert len(db.session.get(Contact, contact.id).tags) == MAX_TAGS_PER_CONTACT


def test_the_contact_form_and_bulk_tagging_keep_the_limit(owner_client, organization):
    page = owner_client.post("/contacts/new", data={"email": "a@example.com", "tags": ", ".join(TOO_MANY_TAGS)})
    assert page.status_code == 422 and f"at most {MAX_TAGS_PER_CONTACT} tags" in page.get_data(as_text=True)
    full = ContactFactory(organization=organization, email="full@example.com")
    update_contact(full, {"tags": TOO_MANY_TAGS[:MAX_TAGS_PER_CONTACT]})
    other = ContactFactory(organization=organization, email="other@example.com")
    owner_client.post("/contacts/bulk", data={"action": "tag", "tag": "extra", "ids": [str(full.id), str(other.id)]})
    db.session.expire_all()
    assert "extra" not in db.session.get(Contact, full.id).tags and db.session.get(Contact, other.id).tags == ["extra"]


def test_an_import_row_with_too_many_tags_is_kept_without_them(client, api_headers):
    """The limit holds and is named; the customer is kept without the tags (an import keeps what it can)."""
    content = ("email,tags\n" f'a@example.com,"{", ".join(TOO_MANY_TAGS)}"\n' "b@example.com,vip\n").encode()
    response = start_import(client, api_headers, content)
    status = client.get(response.headers["Location"], headers=api_headers).json["data"]["attributes"]
    assert (status["succeeded"], status["failed"], status["warnings"]) == (2, 0, 1)
    assert f"at most {MAX_TAGS_PER_CONTACT} tags" in status["notes"][0]["message"]
    assert status["notes"][0]["message"].startswith("Tags “") and status["notes"][0]["line"] == 2


# --- import files ------------------------------------------------------------------------------

def start_import(client, headers, content):
    return client.post("/api/v1/contacts/import", headers=headers, content_type="multipart/form-data",
                       data={"file": (io.BytesIO(content), "contacts.csv")})


def upload_page(owner_client, content):
    return owner_client.post("/contacts/import", content_type="multipart/form-data",
                             data={"file": (io.BytesIO(content), "contacts.csv")})


HOSTILE_FILES = {
    "100,000 columns": (("email," + ",".join(f"c{i}" for i in range(100_000)) + "\na@example.com\n").encode(),
                        f"at most {MAX_COLUMNS}"),
    f"{MAX_COLUMNS + 1} columns": ((",".join(["email"] + [f"c{i}" for i in range(MAX_COLUMNS)]) + "\na@example.com\n").encode(),
                                   f"at most {MAX_COLUMNS}"),
    "a long column name": (("email," + "n" * (MAX_HEADER_LENGTH + 1) + "\na@example.com,x\n").encode(),
                           f"longer than {MAX_HEADER_LENGTH} characters"),
    "a column name past csv.field_size_limit": (("email,\"" + "n" * 131_073 + "\"\na@example.com,x\n").encode(),
                                                f"at most {MAX_HEADER_LENGTH} characters"),
}


@pytest.mark.parametrize("name", HOSTILE_FILES)
def test_hostile_csv_headers_are_refused_naming_the_limit(client, owner_client, api_headers, name):
    content, says = HOSTILE_FILES[name]
    error = the_error(start_import(client, api_headers, content))
    assert error["source"]["pointer"] == "/data/attributes/file" and says in error["detail"]
    page = upload_page(owner_client, content)
    assert page.status_code == 422 and says in page.get_data(as_text=True)
    assert count(ContactImport) == 0


def test_a_data_cell_past_csv_field_size_limit_is_a_422_naming_its_line(client, api_headers):
    content = ("email,notes\na@example.com,short\nb@example.com,\"" + "n" * 131_073 + "\"\n").encode()
    error = the_error(start_import(client, api_headers, content))
    assert "Line 3" in error["detail"] and "131072" in error["detail"]


# --- review request metadata -------------------------------------------------------------------

def test_review_request_metadata_past_the_limit_is_refused(client, api_headers, review_link):
    body = {"email": "a@example.com", "metadata": {"blob": "x" * (5 * MB)}}
    error = the_error(client.post("/api/v1/review_requests", headers=api_headers, json=body))
    assert error["source"]["pointer"] == "/data/attributes/metadata"
    assert f"at most {MAX_METADATA_BYTES // 1024} KB" in error["detail"]
    assert count(ReviewRequest) == 0 and count(Contact) == 0
    fits = {"email": "a@example.com", "metadata": {"blob": "x" * (MAX_METADATA_BYTES - 100)}}
    assert client.post("/api/v1/review_requests", headers=api_headers, json=fits).status_code == 201


# --- request bodies ----------------------------------------------------------------------------

def test_a_body_past_the_limit_is_a_413_naming_it(app, client, owner_client, api_headers):
    limit_mb = app.config["MAX_CONTENT_LENGTH"] // MB
    huge = json.dumps({"email": "a@example.com", "first_name": "x" * (limit_mb + 1) * MB})
    api = client.post("/api/v1/contacts", headers=api_headers, data=huge, content_type="application/json")
    error = the_error(api, 413)
    assert error["code"] == "ERR_PAYLOAD_TOO_LARGE" and f"at most {limit_mb} MB" in error["detail"]
    page = upload_page(owner_client, b"email\n" + b"a" * (limit_mb + 1) * MB)
    html = page.get_data(as_text=True)
    assert page.status_code == 413 and "<html" in html and f"at most {limit_mb} MB" in html
    assert count(Contact) == 0 and count(ContactImport) == 0


def test_an_import_file_past_its_own_limit_still_fits_in_a_request(owner_client):
    """So the wizard names the import's own limit next to the file field, not a bare 413."""
    page = upload_page(owner_client, b"email\n" + b"a@example.com\n" * (MAX_FILE_BYTES // 14 + 1))
    assert page.status_code == 422 and f"larger than {MAX_FILE_BYTES // MB} MB" in page.get_data(as_text=True)
