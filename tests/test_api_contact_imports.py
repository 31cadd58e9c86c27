"""POST /api/v1/contacts/import and its status, on the imports area's functions."""
import io

import pytest

pytest.importorskip("nudgeweb.imports")

from tests.api_helpers import key_headers, make_key  # noqa: E402

CSV = b"Email,First name,Last name\njane@example.com,Jane,Smith\nnot-an-email,Bad,Row\nbob@example.com,Bob,\n"


def test_import_a_small_file_and_poll_it(client, owner):
    headers = key_headers(make_key(owner))
    response = client.post("/api/v1/contacts/import", headers=headers, content_type="multipart/form-data",
                           data={"file": (io.BytesIO(CSV), "contacts.csv"), "update_existing": "true"})
    assert response.status_code == 202, response.json
    data = response.json["data"]
    assert data["type"] == "contact_imports" and data["attributes"]["import_id"] == data["id"]
    assert response.headers["Location"].endswith(f"/api/v1/contacts/import/{data['id']}")
    status = client.get(response.headers["Location"], headers=headers).json["data"]["attributes"]
    assert status["status"] == "completed" and status["total"] == 3
    assert status["succeeded"] == 2 and status["failed"] == 1
    failed = client.get(status["failed_rows_url"], headers=headers, buffered=True)
    assert failed.status_code == 200 and b"not-an-email" in failed.data
    emails = {c["attributes"]["email"] for c in client.get("/api/v1/contacts", headers=headers).json["data"]}
    assert emails == {"jane@example.com", "bob@example.com"}


def test_import_with_a_mapping_by_index(client, owner):
    headers = key_headers(make_key(owner))
    data = {"file": (io.BytesIO(b"a,b\nx@example.com,Xavier\n"), "c.csv"), "mapping": '{"email": 0, "first_name": 1}'}
    response = client.post("/api/v1/contacts/import", headers=headers, data=data, content_type="multipart/form-data")
    assert response.status_code == 202
    listed = client.get("/api/v1/contacts", headers=headers).json["data"]
    assert [c["attributes"]["first_name"] for c in listed] == ["Xavier"]


def test_the_phone_can_be_given_several_columns_and_a_landline_is_named(client, owner):
    headers = key_headers(make_key(owner))
    content = (b"Name,Home phone,Mobile\nSean Ryan,+353 1 234 5678,+353 87 123 4567\n"
               b"Aoife Byrne,+353 1 765 4321,\n")
    data = {"file": (io.BytesIO(content), "c.csv"), "mapping": '{"name": 0, "phone": ["Mobile", "Home phone"]}'}
    response = client.post("/api/v1/contacts/import", headers=headers, data=data, content_type="multipart/form-data")
    assert response.status_code == 202
    attributes = response.json["data"]["attributes"]
    assert attributes["mapping"] == {"name": 0, "phone": [2, 1]}
    assert (attributes["created"], attributes["failed"], attributes["warnings"]) == (1, 1, 1)
    assert "+353 1 234 5678 is a landline: text messages cannot reach it)." in attributes["notes"][0]["message"]
    failed = client.get(attributes["failed_rows_url"], headers=headers, buffered=True).data.decode("utf-8-sig")
    assert "Phone: +353 1 765 4321 is a landline: text messages cannot reach it." in failed
    listed = client.get("/api/v1/contacts", headers=headers).json["data"]
    assert [c["attributes"]["phone"] for c in listed] == ["+353871234567"]


def test_every_bad_field_of_a_mapping_is_named_at_once(client, owner):
    headers = key_headers(make_key(owner))
    data = {"file": (io.BytesIO(b"email,First Name\nx@example.com,Xavier\n"), "c.csv"),
            "mapping": '{"email": 99, "bogus": 0, "first_name": "Nickname", "last_name": "First Name"}'}
    response = client.post("/api/v1/contacts/import", headers=headers, data=data, content_type="multipart/form-data")
    assert response.status_code == 422
    errors = {e["source"]["pointer"]: e["detail"] for e in response.json["errors"]}
    assert set(errors) == {"/data/attributes/mapping/email", "/data/attributes/mapping/bogus",
                           "/data/attributes/mapping/first_name"}
    assert "numbered 0 to 1" in errors["/data/attributes/mapping/email"]
    assert "no contact field" in errors["/data/attributes/mapping/bogus"]
    assert client.get("/api/v1/contacts", headers=headers).json["data"] == []


def test_import_errors_name_every_bad_field(client, owner, other_owner):
    headers = key_headers(make_key(owner))
    response = client.post("/api/v1/contacts/import", headers=headers, content_type="multipart/form-data",
                           data={"mapping": "[1]", "update_existing": "maybe"})
    assert response.status_code == 422
    assert {e["source"]["pointer"] for e in response.json["errors"]} == {
        "/data/attributes/file", "/data/attributes/mapping", "/data/attributes/update_existing"}
    made = client.post("/api/v1/contacts/import", headers=headers, content_type="multipart/form-data",
                       data={"file": (io.BytesIO(CSV), "contacts.csv")}).json["data"]["id"]
    theirs = key_headers(make_key(other_owner))
    assert client.get(f"/api/v1/contacts/import/{made}", headers=theirs).status_code == 404


def test_an_upload_sent_again_with_its_idempotency_key_is_replayed(client, owner):
    """Each sending of a multipart body has a boundary of its own: the fields and files decide."""
    headers = key_headers(make_key(owner), **{"Idempotency-Key": "import-1"})

    def upload(content):
        return client.post("/api/v1/contacts/import", headers=headers, content_type="multipart/form-data",
                           data={"file": (io.BytesIO(content), "contacts.csv"), "update_existing": "true"})

    first, again = upload(CSV), upload(CSV)
    assert first.status_code == again.status_code == 202
    assert again.headers["Idempotent-Replayed"] == "true" and again.json["data"]["id"] == first.json["data"]["id"]
    other = upload(CSV.replace(b"jane", b"janet"))
    assert other.status_code == 422 and other.json["errors"][0]["code"] == "ERR_IDEMPOTENCY_KEY_REUSED"
    assert len(client.get("/api/v1/contacts", headers=key_headers(make_key(owner))).json["data"]) == 2


def test_the_result_lists_what_was_kept_and_changed(client, owner):
    headers = key_headers(make_key(owner))
    content = b"Email,Cell #,Name\nbob@@example.com,(415) 555-0101,Bob Brown\nann@example.com,,Ann Lee\nann@example.com,,Anne Leigh\n"
    response = client.post("/api/v1/contacts/import", headers=headers, content_type="multipart/form-data",
                           data={"file": (io.BytesIO(content), "contacts.csv")})
    status = client.get(response.headers["Location"], headers=headers).json["data"]["attributes"]
    assert (status["succeeded"], status["failed"], status["warnings"]) == (3, 0, 2)
    assert (status["updated"], status["repeated"]) == (0, 1)  # line 4 repeats the contact line 3 created
    assert [(note["line"], note["kind"]) for note in status["notes"]] == [(2, "warning"), (4, "warning"), (4, "repeated")]
    assert status["notes"][2]["message"] == "The same person as line 3 of this file, Ann Lee: nothing new."
    assert status["notes"][0]["message"].startswith("Email “bob@@example.com” left out")
    assert "the name stays “Ann Lee”" in status["notes"][1]["message"]
