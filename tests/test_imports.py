"""Contact import: real CSV files through the wizard's pages, the operations the API calls, and isolation."""
import csv
import io
import random
import re
import time
from datetime import timedelta

import phonenumbers
import pytest
from email_validator import EmailNotValidError, validate_email
from sqlalchemy import func, select

from nudgeweb.contacts import operations as contact_operations
from nudgeweb.contacts.fields import normalize_email, normalize_phone
from nudgeweb.contacts.timeline import timeline_of
from nudgeweb.imports import csvfile, operations
from nudgeweb.imports.operations import ImportValidationError
from nudgeweb.models import Contact, ContactImport, ContactImportFailure, db, utcnow
from nudgeweb.unit_of_work import unit_of_work

MESSY = (
    # Excel on a European machine: BOM, semicolons, quoted separators, a quoted newline, blank lines.
    "\ufeffE-mail;First name;Last name;Mobile;Company;Tags;Notes\r\n"
    "ada@example.com;Ada;Lovelace;(415) 555-0101;\"Analytical; Engines\";vip, founder;\"first line\r\nsecond line\"\r\n"
    "\r\n"
    "not-an-email;Bad;Row;;;;\r\n"
    ";;;;;;\r\n"
    "grace@example.com;Grace;Hopper;+1 415 555 0102;\"Navy \"\"Cobol\"\" Team\";;\r\n"
    ";Phone;Only;415-555-0103;;;\r\n"
    "ADA@example.com;Ada;King;;;new;\r\n"
    ";;;12;;;\r\n"
)


def upload(client, content, filename="contacts.csv"):
    data = content.encode("utf-8") if isinstance(content, str) else content
    return client.post("/contacts/import", data={"file": (io.BytesIO(data), filename)},
                       content_type="multipart/form-data")


def import_id_of(response):
    return response.headers["Location"].rsplit("/", 1)[-1]


def contacts_of(organization):
    return db.session.scalars(
        select(Contact).where(Contact.organization_id == organization.id).order_by(Contact.email)
    ).all()


def chosen_fields(html):
    """The field selected for each column of the mapping step ("" = don't import)."""
    selects = re.findall(r'<select id="column-\d+" name="column-\d+"[^>]*>(.*?)</select>', html, re.S)
    return [(re.findall(r'<option value="([^"]*)" selected>', options) or [""])[0] for options in selects]


def failed_rows(client, import_id):
    response = client.get(f"/contacts/import/{import_id}/failed-rows.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    return list(csv.reader(io.StringIO(response.get_data(as_text=True).removeprefix("\ufeff"))))


# --- reading files -------------------------------------------------------------------------------

@pytest.mark.parametrize("content, delimiter", [
    ("email,name\r\na@x.com,A\r\n", ","),
    ("\ufeffemail;name\na@x.com;A\n", ";"),
    ("email\tname\na@x.com\tA\n", "\t"),
    ("\n\n\"email\",\"first, name\"\n\"a@x.com\",\"A, B\"\n", ","),
])
def test_layout_is_sniffed(content, delimiter):
    layout, text = csvfile.read_layout(content.encode("utf-8"))
    assert layout.delimiter == delimiter and layout.encoding == "utf-8-sig"
    assert layout.headers[0] == "email"
    assert csvfile.count_records(text, delimiter) == 1


def test_excel_encodings_are_read():
    layout, text = csvfile.read_layout("email;prénom\nzoé@x.com;Zoé\n".encode("cp1252"))
    assert layout.encoding == "cp1252" and layout.headers == ["email", "prénom"]
    layout, text = csvfile.read_layout("email\tname\nzoé@x.com\tZoé\n".encode("utf-16"))
    assert layout.encoding == "utf-16" and list(csvfile.records(text, "\t")) == [(2, ["zoé@x.com", "Zoé"])]


@pytest.mark.parametrize("size", [1, 2, 3, 100])
def test_chunks_hold_the_records_of_the_file_in_order(size):
    text, _ = csvfile.decode(MESSY.encode("utf-8"))
    chunks = csvfile.plan_chunks(text, ";", size)
    assert [rows for *_, rows in chunks] == [size] * (6 // size) + ([6 % size] if 6 % size else [])
    pieces = [
        record
        for index, (_start, lines_before, _rows) in enumerate(chunks)
        for record in csvfile.records(csvfile.chunk_text(text, chunks, index), ";", header=False, lines_before=lines_before)
    ]
    assert pieces == list(csvfile.records(text, ";"))  # same values, same line numbers


def test_records_carry_the_line_they_start_on():
    _layout, text = csvfile.read_layout(MESSY.encode("utf-8"))
    lines = [line for line, _row in csvfile.records(text, ";")]
    assert lines == [2, 5, 7, 8, 9, 10]  # blank and empty-separator lines skipped; the quoted newline spans 2-3


@pytest.mark.parametrize("content, message", [
    (b"", "empty"),
    (b"email,name\r\n\r\n", "no rows"),
    (b"\x00\x01\x02\x03binary", "Save it from your spreadsheet as CSV"),
])
def test_unreadable_files_are_refused_at_the_field(owner_client, organization, content, message):
    response = upload(owner_client, content)
    assert response.status_code == 422
    error = re.search(r'<p class="error" id="file-error">([^<]*)</p>', response.get_data(as_text=True))
    assert error and message in error.group(1)
    assert db.session.scalar(select(func.count()).select_from(ContactImport)) == 0


# --- the fast checks of email and phone agree with the libraries -----------------------------------

def _library_email(value):
    try:
        return validate_email(value, check_deliverability=False, test_environment=True).normalized.lower()
    except EmailNotValidError:
        return None


def _library_phone(value, country):
    try:
        number = phonenumbers.parse(value, country)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def test_addresses_at_the_testing_domain_are_taken_and_other_reserved_names_not():
    assert normalize_email("Ada@Shop.TEST") == ("ada@shop.test", None)
    for value in ("ada@shop.invalid", "ada@shop.local", "ada@localhost"):
        assert normalize_email(value)[0] is None, value


def test_fast_email_and_phone_checks_give_the_libraries_answers():
    rng = random.Random(5)
    domains = ["gmail.com", "GMail.COM", "x", "localhost", "a..b.com", "-a.com", "example.test", "ex.invalid",
               "münchen.de", "xn--mnchen-3ya.de", "[1.2.3.4]", "a_b.com", "co", "toolong" * 40 + ".com", "b.com."]
    locals_ = ["ada", "Ada.Lovelace", "a+tag", "a..b", ".a", "a.", "zoë", '"quoted"', "a b", "x" * 70, "o'brien", ""]
    for local in locals_:
        for domain in domains:
            for value in (f"{local}@{domain}", f"{local}@@{domain}", f"Ada <{local}@{domain}>"):
                assert normalize_email(value)[0] == _library_email(value), value
    digits = "0123456789" * 3 + " ()-.+x"
    for country in ("US", "CA", "GB", "DE", None):
        for _ in range(500):
            national = str(rng.randint(1_000_000_000, 9_999_999_999))
            value = rng.choice([
                "".join(rng.choice(digits) for _ in range(rng.randint(6, 15))),
                rng.choice(["", "1", "+1", "+1 ", "1-", "+44 ", "0"]) + rng.choice(
                    [national, f"({national[:3]}) {national[3:6]}-{national[6:]}", f"{national[:3]}.{national[3:6]}.{national[6:]}"]),
            ])
            assert normalize_phone(value, country)[0] == _library_phone(value, country), (value, country)


# --- the wizard ------------------------------------------------------------------------------------

def test_wizard_previews_guesses_and_imports_a_messy_file(owner_client, organization):
    page = owner_client.get("/contacts/import")
    assert page.status_code == 200 and b"Upload a CSV file" in page.data and b"No imports yet" in page.data

    response = upload(owner_client, MESSY, "Export from Excel.csv")
    assert response.status_code == 303
    import_id = import_id_of(response)
    mapping_page = owner_client.get(f"/contacts/import/{import_id}").get_data(as_text=True)
    assert "Match the columns" in mapping_page and "semicolon separated" in mapping_page
    assert "Analytical; Engines" in mapping_page  # the preview shows the first rows
    assert chosen_fields(mapping_page) == ["email", "first_name", "last_name", "phone", "company_name", "tags", ""]

    form = {f"column-{i}": f for i, f in enumerate(("email", "first_name", "last_name", "phone", "company_name", "tags", ""))}
    response = owner_client.post(f"/contacts/import/{import_id}", data={**form, "update_existing": "y"})
    assert response.status_code == 303
    result = owner_client.get(f"/contacts/import/{import_id}").get_data(as_text=True)
    assert "Import finished" in result
    record = db.session.get(ContactImport, ContactImport.id.type.python_type(import_id))
    db.session.refresh(record)
    assert (record.status, record.total, record.processed) == ("completed", 6, 6)
    assert (record.created_count, record.updated_count, record.skipped_count, record.failed) == (3, 0, 0, 2)
    assert record.repeated_count == 1  # ADA@example.com: the contact line 2 created
    assert record.succeeded == 4

    people = {c.email or c.phone: c for c in contacts_of(organization)}
    assert set(people) == {"ada@example.com", "grace@example.com", "+14155550103"}
    ada = people["ada@example.com"]
    # the repeated row (line 9, "Ada King") added its tag but did not rename her: said in the result
    assert (ada.first_name, ada.last_name, ada.phone, ada.company_name) == ("Ada", "Lovelace", "+14155550101", "Analytical; Engines")
    assert sorted(ada.tags) == ["founder", "new", "vip"]
    assert people["grace@example.com"].company_name == 'Navy "Cobol" Team'
    assert [a.kind for a in timeline_of(ada)].count("imported") == 2

    rows = failed_rows(owner_client, import_id)
    assert rows[0] == ["line", "reason", "E-mail", "First name", "Last name", "Mobile", "Company", "Tags", "Notes"]
    assert [(r[0], r[3]) for r in rows[1:]] == [("5", "Bad"), ("10", "")]
    assert "Email: Enter a valid email" in rows[1][1]
    assert "Phone: Enter a valid phone number" in rows[2][1]

    listing = owner_client.get("/contacts/import").get_data(as_text=True)
    assert "Export from Excel.csv" in listing and "completed" in listing


def test_mapping_errors_are_shown_at_the_column(owner_client, organization):
    import_id = import_id_of(upload(owner_client, "email,phone,name\na@x.com,,A\n"))
    response = owner_client.post(f"/contacts/import/{import_id}", data={"column-0": "", "column-1": "", "column-2": "name"})
    assert response.status_code == 422
    assert re.search(r'<p class="error" id="mapping-error"[^>]*>Choose the column that holds the email', response.get_data(as_text=True))
    response = owner_client.post(f"/contacts/import/{import_id}", data={"column-0": "email", "column-1": "email"})
    assert response.status_code == 422
    assert re.search(r'<p class="error" id="column-1-error">Email is already chosen', response.get_data(as_text=True))
    assert contacts_of(organization) == []
    assert db.session.get(ContactImport, ContactImport.id.type.python_type(import_id)).status == "draft"


def test_update_existing_off_skips_known_contacts(owner_client, organization):
    contact_operations.upsert_contact(organization, {"email": "ada@x.com", "first_name": "Ada"}, "manual")
    import_id = import_id_of(upload(owner_client, "email,first name\nada@x.com,Changed\nbob@x.com,Bob\n"))
    owner_client.post(f"/contacts/import/{import_id}", data={"column-0": "email", "column-1": "first_name"})
    record = db.session.get(ContactImport, ContactImport.id.type.python_type(import_id))
    db.session.refresh(record)
    assert (record.created_count, record.updated_count, record.skipped_count, record.failed) == (1, 0, 1, 0)
    assert [c.first_name for c in contacts_of(organization)] == ["Ada", "Bob"]
    assert "Skipped rows belong to contacts you already had" in owner_client.get(f"/contacts/import/{import_id}").get_data(as_text=True)


def test_custom_fields_are_offered_and_imported(owner_client, organization):
    contact_operations.add_custom_field(organization, "Birthday", "date")
    contact_operations.add_custom_field(organization, "Visits", "number")
    import_id = import_id_of(upload(owner_client, "Email,Birthday,Visits\na@x.com,1990-01-31,3\nb@x.com,someday,2\n"))
    page = owner_client.get(f"/contacts/import/{import_id}").get_data(as_text=True)
    assert chosen_fields(page) == ["email", "custom_fields.birthday", "custom_fields.visits"]
    owner_client.post(f"/contacts/import/{import_id}",
                      data={"column-0": "email", "column-1": "custom_fields.birthday", "column-2": "custom_fields.visits"})
    a, b = sorted(contacts_of(organization), key=lambda contact: contact.email)
    assert a.custom_fields == {"birthday": "1990-01-31", "visits": 3}
    assert b.custom_fields == {"visits": 2}  # imported all the same, without the bad date (it keeps what it can)
    result = owner_client.get(f"/contacts/import/{import_id}").get_data(as_text=True)
    assert "Birthday “someday” left out (Enter a date as YYYY-MM-DD)." in result


def test_viewers_see_imports_but_cannot_import(app, organization):
    from tests.conftest import member_client

    viewer = member_client(app, organization, "viewer")
    assert b"Only editors" in viewer.get("/contacts/import").data
    assert upload(viewer, "email\na@x.com\n").status_code == 403


def test_a_draft_can_be_discarded(owner_client, organization):
    import_id = import_id_of(upload(owner_client, "email\na@x.com\n"))
    response = owner_client.post(f"/contacts/import/{import_id}/discard")
    assert response.status_code == 303
    assert owner_client.get(f"/contacts/import/{import_id}").status_code == 404


# --- the operations the API calls ---------------------------------------------------------------

def test_start_import_with_a_mapping_by_index_or_header(app_ctx, owner, organization):
    content = b"Name,Mail,Cell\nAda Lovelace,ada@x.com,4155550101\n"
    mapping = {"email": 1, "name": "name", "mobile_phone_number": "Cell"}
    record = operations.start_import(organization, owner.user, content, "api.csv", mapping=mapping)
    assert record.status == "completed" and record.mapping == {"email": 1, "name": 0, "phone": 2}
    (ada,) = contacts_of(organization)
    assert (ada.first_name, ada.last_name, ada.phone, ada.source) == ("Ada", "Lovelace", "+14155550101", "import")
    attributes = operations.import_attributes(record)
    assert {k: attributes[k] for k in ("status", "total", "processed", "succeeded", "failed")} == {
        "status": "completed", "total": 1, "processed": 1, "succeeded": 1, "failed": 0}


def test_rows_of_known_contacts_are_matched_as_they_are_when_the_row_comes(app_ctx, owner, organization):
    first = b"Name,Email,Phone,Tags\nAda Lovelace,ada@x.com,4155550101,vip\nAlan Turing,alan@x.com,,\n"
    operations.start_import(organization, owner.user, first, "first.csv")
    # Ada's phone with another email is another person's row (two people sharing a mobile): a new contact,
    # without the phone, and Ada keeps her email, which her own row later in the file finds.
    # Alan's row comes twice: the second finds him as the first row left him.
    again = (b"Name,Email,Phone,Tags\nAda King,ada.king@x.com,4155550101,math\nAda Byron,ada@x.com,,\n"
             b"Alan Turing,alan@x.com,4155550102,\nAlan Turing,alan@x.com,,enigma\n")
    record = operations.start_import(organization, owner.user, again, "again.csv")
    assert (record.status, record.created_count, record.updated_count, record.failed) == ("completed", 1, 2, 0)
    assert record.repeated_count == 1  # Alan's second row
    db.session.expire_all()
    people = {c.email: c for c in contacts_of(organization)}
    assert set(people) == {"ada.king@x.com", "ada@x.com", "alan@x.com"}
    ada = people["ada@x.com"]
    assert (ada.last_name, ada.phone, ada.tags) == ("Byron", "+14155550101", ["vip"])
    assert (people["ada.king@x.com"].last_name, people["ada.king@x.com"].phone) == ("King", None)
    assert (people["alan@x.com"].phone, people["alan@x.com"].tags) == ("+14155550102", ["enigma"])


@pytest.mark.parametrize("mapping, field, message", [
    ({"email": 7}, "mapping.email", "Column 7"),
    ({"email": "E-mail address"}, "mapping.email", "no column called"),
    ({"shoe_size": 0}, "mapping.shoe_size", "no contact field"),
    ({"first_name": 0}, "mapping", "email address or the mobile phone"),
    ("email", "mapping", "Give the mapping as an object"),
])
def test_start_import_refuses_a_bad_mapping(app_ctx, owner, organization, mapping, field, message):
    with pytest.raises(ImportValidationError) as raised:
        operations.start_import(organization, owner.user, b"email,name\na@x.com,A\n", "x.csv", mapping=mapping)
    assert message in raised.value.errors[field]
    assert db.session.scalar(select(func.count()).select_from(ContactImport)) == 0


def test_a_crashed_import_is_resumed_without_duplicates(app_ctx, owner, organization, monkeypatch):
    monkeypatch.setattr(operations, "SYNC_LIMIT", 0)  # through the (immediate) Huey tasks
    monkeypatch.setattr(operations, "CHUNK_SIZE", 10)
    content = ("email,name\n" + "".join(f"person{i}@x.com,Person {i}\n" for i in range(35))).encode()
    record = operations.create_draft(organization, owner.user, content, "big.csv")
    record.status = "processing"
    db.session.commit()
    assert operations.import_chunk(record.id, 0, 0) and operations.import_chunk(record.id, 1, 10)
    # Then the worker died while it was on the third chunk: nothing of it was committed.
    record.claimed_at = utcnow() - timedelta(minutes=5)
    db.session.commit()
    assert operations.is_stalled(record) and record.processed == 20
    with unit_of_work(across=True):  # as the periodic task runs it: the chunks are queued when it commits
        assert operations.resume_stalled_imports() == [record.id]
    db.session.refresh(record)
    assert (record.status, record.processed, record.created_count, record.updated_count) == ("completed", 35, 35, 0)
    assert len(contacts_of(organization)) == 35
    with unit_of_work(organization.id):
        again = operations.start_import(organization, owner.user, content, "big.csv")  # run again: no duplicates
    assert (again.status, again.created_count, again.updated_count, again.unchanged_count) == ("completed", 0, 0, 35)
    assert len(contacts_of(organization)) == 35


def test_a_chunk_found_twice_is_written_once(app_ctx, owner, organization, monkeypatch):
    monkeypatch.setattr(operations, "CHUNK_SIZE", 2)
    record = operations.create_draft(organization, owner.user, b"email\na@x.com\nb@x.com\nc@x.com\n", "x.csv")
    record.status = "processing"  # as confirming the columns does, without queuing the chunks
    db.session.commit()
    assert operations.pending_chunks(record) == [(0, 0), (1, 2)]
    assert operations.import_chunk(record.id, 0, 0) is True
    assert operations.import_chunk(record.id, 0, 0) is False  # a second task for the same chunk
    db.session.refresh(record)
    assert (record.processed, record.created_count, record.status) == (2, 2, "processing")
    assert operations.pending_chunks(record) == [(1, 2)]
    assert operations.import_chunk(record.id, 1, 2) is True
    db.session.refresh(record)
    assert (record.processed, record.created_count, record.status) == (3, 3, "completed")
    assert len(contacts_of(organization)) == 3


def test_a_completed_import_keeps_its_failed_rows_but_not_the_file(app_ctx, owner, organization):
    record = operations.start_import(organization, owner.user, b"email,name\nbad,Bad\nok@x.com,Ok\n", "x.csv")
    assert record.status == "completed"
    assert db.session.scalar(select(ContactImport.file_data).where(ContactImport.id == record.id)) is None
    assert list(csv.reader(io.StringIO("".join(operations.failed_rows_csv(record)).removeprefix("\ufeff")))) == [
        ["line", "reason", "email", "name"], ["2", "Email: Enter a valid email address, like name@example.com.", "bad", "Bad"]]


def test_the_failed_rows_open_in_excel_with_their_accents(owner_client, organization):
    """Excel reads a CSV without a byte order mark as Windows-1252: "Seán" came back as "SeÃ¡n"."""
    import_id = import_id_of(upload(owner_client, "Name,Email\nSeán Ó Briain,seán@@example.ie\n", "clients.csv"))
    owner_client.post(f"/contacts/import/{import_id}", data={"column-0": "name", "column-1": "email"})
    download = owner_client.get(f"/contacts/import/{import_id}/failed-rows.csv", buffered=True)
    assert download.data.startswith(b"\xef\xbb\xbfline,reason,Name,Email\r\n")
    assert download.data.count(b"\xef\xbb\xbf") == 1 and "Seán Ó Briain".encode() in download.data
    assert download.data.decode("utf-8-sig").splitlines()[1].startswith("2,")


def test_drafts_left_for_a_day_are_discarded(app_ctx, owner, organization):
    old = operations.create_draft(organization, owner.user, b"email\na@x.com\n", "old.csv")
    old.created_at = utcnow() - timedelta(days=1, minutes=1)
    fresh = operations.create_draft(organization, owner.user, b"email\nb@x.com\n", "fresh.csv")
    done = operations.start_import(organization, owner.user, b"email\nc@x.com\n", "done.csv")
    done.created_at = utcnow() - timedelta(days=3)
    db.session.commit()
    assert operations.discard_abandoned_drafts() == 1
    assert {record.filename for record in operations.recent_imports(organization.id)} == {"fresh.csv", "done.csv"}
    assert fresh.file_data == b"email\nb@x.com\n"


def test_a_running_import_is_left_to_its_worker(app_ctx, owner, organization):
    record = operations.start_import(organization, owner.user, b"email\na@x.com\n", "x.csv")
    record.status, record.processed, record.claimed_at = "processing", 0, utcnow()
    db.session.commit()
    assert not operations.is_stalled(record) and operations.resume_stalled_imports() == []
    assert operations.resume_import(record).processed == 0  # left to the worker on it


# --- isolation -----------------------------------------------------------------------------------

def test_another_organization_sees_nothing_of_an_import(owner_client, organization, other_client):
    import_id = import_id_of(upload(owner_client, "email\nbad\nok@x.com\n", "secret-list.csv"))
    owner_client.post(f"/contacts/import/{import_id}", data={"column-0": "email"})
    assert owner_client.get(f"/contacts/import/{import_id}/failed-rows.csv").status_code == 200
    for path in (f"/contacts/import/{import_id}", f"/contacts/import/{import_id}/failed-rows.csv"):
        assert other_client.get(path).status_code == 404
    for path in (f"/contacts/import/{import_id}/resume", f"/contacts/import/{import_id}/discard", f"/contacts/import/{import_id}"):
        assert other_client.post(path, data={"column-0": "email"}).status_code == 404
    assert b"secret-list.csv" not in other_client.get("/contacts/import").data
    assert db.session.scalar(select(func.count()).select_from(ContactImportFailure)) == 1


# --- a big file through the real consumer ------------------------------------------------------------

@pytest.mark.consumer
def test_chunks_imported_side_by_side_are_written_in_file_order(huey_consumer, app_ctx, owner, organization, monkeypatch):
    """The same person in an early and a late chunk: one contact, its name as the first row says, the rest merged."""
    monkeypatch.setattr(operations, "SYNC_LIMIT", 0)
    monkeypatch.setattr(operations, "CHUNK_SIZE", 10)
    rows = [f"person{i}@x.com,Person,{i},+1 212 555 {1000 + i},customer" for i in range(1, 61)]
    rows[2] = "early@x.com,Early,Version,,first"  # line 4, chunk 0
    rows[47] = "EARLY@x.com,Late,Version,,second"  # line 49, chunk 4
    rows[9] = "bad-email,Bad,Row,,"  # line 11
    rows[55] = "other@x.com,Same,Phone,+1 212 555 1001,"  # line 57, chunk 5: person1's phone (line 2)
    with unit_of_work(organization.id):  # the chunks are queued when this commits
        record = operations.start_import(organization, owner.user,
                                         ("email,first_name,last_name,phone,tags\n" + "\n".join(rows) + "\n").encode(),
                                         "x.csv")
    deadline = time.monotonic() + 60
    while record.status == "processing" and time.monotonic() < deadline:
        time.sleep(0.1)
        db.session.refresh(record)
    assert (record.status, record.processed, record.failed) == ("completed", 60, 1)
    assert (record.created_count, record.updated_count, record.repeated_count) == (58, 0, 1)
    early = db.session.scalar(select(Contact).where(Contact.email == "early@x.com"))
    assert (early.first_name, early.tags) == ("Early", ["first", "second"])
    same_phone = db.session.scalar(select(Contact).where(Contact.phone == "+12125551001"))  # another person's row:
    assert (same_phone.first_name, same_phone.last_name, same_phone.email) == ("Person", "1", "person1@x.com")
    other = db.session.scalar(select(Contact).where(Contact.email == "other@x.com"))  # added without the phone
    assert (other.first_name, other.phone) == ("Same", None)
    assert db.session.scalars(select(ContactImportFailure.line).where(ContactImportFailure.import_id == record.id)).all() == [11]
    assert len(contacts_of(organization)) == 58


def big_file(rows):
    """Every 50th row is bad (2%); row 101, 201 ... repeats the contact two rows up (499 in 50,000)."""
    lines = ["Email;First name;Last name;Mobile;Tags"]
    for i in range(1, rows + 1):
        if i % 50 == 0:
            lines.append(f"broken{i}@;Bad;Row;555;")
        elif i % 100 == 1 and i > 1:
            lines.append(f"person{i - 2}@example.com;Again;Person;;repeat")
        else:
            lines.append(f'person{i}@example.com;First{i};"Last; {i}";+1 212 {200 + i // 10000} {i % 10000:04d};customer')
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")


@pytest.mark.consumer
def test_fifty_thousand_rows_through_the_wizard_and_the_huey_consumer(huey_consumer, owner_client, organization):
    response = upload(owner_client, big_file(50_000), "everyone.csv")
    import_id = import_id_of(response)
    assert chosen_fields(owner_client.get(f"/contacts/import/{import_id}").get_data(as_text=True)) == [
        "email", "first_name", "last_name", "phone", "tags"]
    owner_client.post(f"/contacts/import/{import_id}", data={
        "column-0": "email", "column-1": "first_name", "column-2": "last_name", "column-3": "phone", "column-4": "tags",
        "update_existing": "y"})
    page = owner_client.get(f"/contacts/import/{import_id}").get_data(as_text=True)
    assert 'role="progressbar"' in page and "of 50,000 rows" in page
    seen = set()
    for _ in range(600):  # the page polls its fragment; so does the test, until it stops polling
        fragment = owner_client.get(f"/contacts/import/{import_id}", headers={"HX-Request": "true"}).get_data(as_text=True)
        assert fragment.lstrip().startswith(("{#", "<div")) and "<html" not in fragment
        seen.add(re.search(r'aria-valuenow="(\d+)"', fragment).group(1))
        if "hx-trigger" not in fragment:
            break
        time.sleep(0.25)
    assert "Import finished" in fragment and "50,000 of 50,000 rows" in fragment
    assert len(seen) > 1  # the bar moved while the consumer worked
    record = db.session.get(ContactImport, ContactImport.id.type.python_type(import_id))
    db.session.refresh(record)
    assert (record.created_count, record.repeated_count, record.skipped_count, record.failed) == (48_501, 499, 0, 1000)
    assert db.session.scalar(select(func.count()).where(Contact.organization_id == organization.id)) == 48_501
    rows = failed_rows(owner_client, import_id)
    assert len(rows) == 1001 and [r[0] for r in rows[1:4]] == ["51", "101", "151"]  # the header is line 1
    repeated = db.session.scalar(select(Contact).where(Contact.email == "person99@example.com"))
    assert (repeated.first_name, sorted(repeated.tags)) == ("First99", ["customer", "repeat"])  # not renamed
