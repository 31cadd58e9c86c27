"""Two people sharing one mobile number (a parent and child at a physio clinic): a row found by its phone only,
whose email is not that contact's own, is another person. The import adds them without the phone, with a warning,
and the contact keeps its email (it was overwritten with the other person's, who was never created)."""
import html

import pytest
from sqlalchemy import select

from nudgeweb.contacts import operations as contact_operations
from nudgeweb.imports import operations
from nudgeweb.models import Contact, db
from tests.test_import_keeps_what_it_can import failures, notes, run
from tests.test_imports import contacts_of, import_id_of, upload

CHARLOTTE = "Charlotte O'Sullivan,charlotte.osullivan@example.com.au,0412 345 678\n"
ISLA = "Isla Martin,isla.martin@example.com,04 1234 5678\n"  # the same number, written another way
FILLERS = "".join(f"Patient {n},patient{n}@example.com.au,\n" for n in range(3, 13))  # lines 3 to 12


@pytest.fixture
def australian(organization):
    organization.default_country = "AU"
    db.session.commit()
    return organization


def people(organization):
    return {contact.email: contact for contact in contacts_of(organization)}


def test_a_row_with_anothers_phone_and_its_own_email_is_a_new_contact_without_the_phone(app_ctx, owner, australian):
    record = run(australian, owner, "Name,Email,Mobile\n" + CHARLOTTE + FILLERS + ISLA)
    assert (record.created_count, record.updated_count, record.repeated_count, record.failed) == (12, 0, 0, 0)
    found = people(australian)
    charlotte, isla = found["charlotte.osullivan@example.com.au"], found["isla.martin@example.com"]
    assert (charlotte.full_name, charlotte.phone) == ("Charlotte O'Sullivan", "+61412345678")
    assert (isla.full_name, isla.phone) == ("Isla Martin", None)
    assert notes(record, "warning") == [(13, "Phone “04 1234 5678” left out: it is Charlotte O'Sullivan's (line 2).")]
    assert notes(record, "repeated") == []


def test_so_is_a_row_with_the_phone_of_a_contact_you_have(app_ctx, owner, australian):
    contact_operations.upsert_contact(australian, {"name": "Charlotte O'Sullivan", "phone": "0412 345 678",
                                                   "email": "charlotte.osullivan@example.com.au"}, "manual")
    db.session.commit()
    for update_existing in (True, False):  # a new person whichever: nothing of Charlotte's is updated
        record = run(australian, owner, "Name,Email,Mobile\n" + ISLA, update_existing=update_existing)
        assert (record.created_count, record.updated_count, record.skipped_count, record.failed) == (1, 0, 0, 0)
        assert notes(record, "warning") == [
            (2, "Phone “04 1234 5678” left out: it is Charlotte O'Sullivan's, a contact you have.")]
        found = people(australian)
        assert found["charlotte.osullivan@example.com.au"].phone == "+61412345678"
        assert found["isla.martin@example.com"].phone is None
        db.session.delete(found["isla.martin@example.com"])
        db.session.commit()


def test_a_repeat_without_an_email_or_with_the_same_one_still_merges(app_ctx, owner, australian):
    record = run(australian, owner, "Name,Email,Mobile,Tags\n"
                                    "Charlotte O'Sullivan,charlotte.osullivan@example.com.au,0412 345 678,\n"
                                    "Charlotte O'Sullivan,,04 1234 5678,knee\n"
                                    "Charlotte O'Sullivan,Charlotte.OSullivan@example.com.au,+61412345678,\n")
    assert (record.created_count, record.repeated_count, record.failed) == (1, 2, 0)
    (charlotte,) = contacts_of(australian)
    assert (charlotte.email, charlotte.phone, charlotte.tags) == (
        "charlotte.osullivan@example.com.au", "+61412345678", ["knee"])
    assert notes(record, "warning") == []


def test_a_contact_you_have_without_an_email_gets_the_rows_email(app_ctx, owner, australian):
    """Nothing says the row is someone else: the phone is all the contact had."""
    contact_operations.upsert_contact(australian, {"name": "Charlotte O'Sullivan", "phone": "0412 345 678"}, "manual")
    db.session.commit()
    record = run(australian, owner, "Name,Email,Mobile\n" + CHARLOTTE)
    assert (record.created_count, record.updated_count) == (0, 1)
    (charlotte,) = contacts_of(australian)
    assert (charlotte.email, charlotte.phone) == ("charlotte.osullivan@example.com.au", "+61412345678")
    assert notes(record, "warning") == []


def test_the_other_persons_own_repeat_is_kept_without_the_phone_too(app_ctx, owner, australian):
    """Isla's second row is found by her email; the phone is still Charlotte's: left out again, not a failed row."""
    record = run(australian, owner, "Name,Email,Mobile\n" + CHARLOTTE + ISLA + ISLA)
    assert (record.created_count, record.repeated_count, record.failed) == (2, 1, 0)
    assert failures(record) == []
    assert notes(record, "warning") == [
        (3, "Phone “04 1234 5678” left out: it is Charlotte O'Sullivan's (line 2)."),
        (4, "Phone “04 1234 5678” left out: it is Charlotte O'Sullivan's (line 2)."),
    ]
    assert notes(record, "repeated") == [(4, "The same person as line 3 of this file, Isla Martin: nothing new.")]
    assert people(australian)["isla.martin@example.com"].phone is None


def test_an_earlier_chunks_contact_keeps_its_email_too(app_ctx, owner, australian, monkeypatch):
    monkeypatch.setattr(operations, "CHUNK_SIZE", 2)
    record = run(australian, owner, "Name,Email,Mobile\n" + CHARLOTTE + "Al B,al@example.com,\n" + ISLA)
    assert (record.status, record.created_count, record.failed) == ("completed", 3, 0)
    assert db.session.scalar(select(Contact.email).where(Contact.phone == "+61412345678")) == (
        "charlotte.osullivan@example.com.au")
    assert notes(record, "warning") == [
        (4, "Phone “04 1234 5678” left out: it is Charlotte O'Sullivan's (an earlier row).")]


def test_the_result_page_shows_whose_phone_was_left_out(owner_client, australian):
    import_id = import_id_of(upload(owner_client, "Name,Email,Mobile\n" + CHARLOTTE + FILLERS + ISLA))
    owner_client.post(f"/contacts/import/{import_id}", data={"column-0": "name", "column-1": "email",
                                                              "column-2": "phone", "update_existing": "y"})
    page = html.unescape(owner_client.get(f"/contacts/import/{import_id}").get_data(as_text=True))
    assert "Phone “04 1234 5678” left out: it is Charlotte O'Sullivan's (line 2)." in page
    assert "Same phone number as line 2" not in page
    assert "charlotte.osullivan@example.com.au → isla.martin@example.com" not in page
