"""What the result of an import says about its rows: a full name cut to its column, rows repeating a
contact of the same file, and rows that changed nothing."""
import re

from nudgeweb.contacts import operations as contact_operations
from nudgeweb.contacts.timeline import timeline_of
from nudgeweb.imports import operations
from tests.test_import_keeps_what_it_can import notes, run
from tests.test_imports import contacts_of, import_id_of, upload

LONG_LAST = " ".join(["Zachariah Wolfeschlegelsteinhausenbergerdorff"] * 3)  # 137 characters


def test_a_full_name_cut_to_its_column_is_listed_with_what_was_left_out(app_ctx, owner, organization):
    record = run(organization, owner, f"Name,Email\nAl Short,al@x.com\nYancy {LONG_LAST},yancy@x.com\n")
    _al, yancy = contacts_of(organization)
    assert (yancy.first_name, yancy.last_name) == ("Yancy", LONG_LAST[:100])
    assert notes(record, "warning") == [(3, f"Last name shortened to 100 characters: “{LONG_LAST[100:]}” left out.")]


def test_a_row_that_changes_nothing_is_unchanged_not_updated_and_leaves_no_timeline_entry(app_ctx, owner, organization):
    contact_operations.upsert_contact(organization, {"email": "marcus@x.com", "first_name": "Marcus",
                                                     "last_name": "Chen"}, "manual")
    record = run(organization, owner, "Name,Email\nMarcus Chen,marcus@x.com\n")
    assert (record.created_count, record.updated_count, record.unchanged_count, record.succeeded) == (0, 0, 1, 1)
    assert notes(record, "unchanged") == [(2, "Marcus Chen: nothing changed, the contact already had these values.")]
    (marcus,) = contacts_of(organization)
    assert [entry.summary for entry in timeline_of(marcus) if entry.kind == "imported"] == []


def test_the_page_lists_repeats_of_the_file_apart_from_the_contacts_you_had(owner_client, organization):
    import_id = import_id_of(upload(owner_client, "name,email,cell\nAna Pérez,,4155550101\nAna Pérez,ana@x.com,4155550101\n"))
    owner_client.post(f"/contacts/import/{import_id}", data={"column-0": "name", "column-1": "email", "column-2": "phone",
                                                              "update_existing": "y"})
    page = owner_client.get(f"/contacts/import/{import_id}").get_data(as_text=True)
    assert "Rows that repeat a contact of this file" in page and "Contacts you already had" not in page
    assert "The same person as line 2 of this file, Ana Pérez: email added: ana@x.com." in page
    assert 'data-count="updated">0<' in page and 'data-count="repeated">1<' in page
    listing = owner_client.get("/contacts/import").get_data(as_text=True)  # "Recent imports" counts them too
    assert '<td class="right" data-label="Repeated">1</td>' in listing
    assert '<td class="right" data-label="Unchanged">0</td>' in listing


def test_the_page_lists_the_failed_rows_with_who_and_why(owner_client, organization):
    content = "name,email\nBad Email,not-an-email\n,also@@bad\n" + "No Way,\n" * 50 + "Al Good,al@x.com\n"
    import_id = import_id_of(upload(owner_client, content))
    owner_client.post(f"/contacts/import/{import_id}", data={"column-0": "name", "column-1": "email"})
    page = owner_client.get(f"/contacts/import/{import_id}").get_data(as_text=True)
    assert "52 rows could not be imported." in page and "Download the failed rows (CSV)" in page
    lines = re.findall(r'<span class="import-note-line">Line (\d+)</span>\s*<span class="import-note-text">([^<]*)<',
                       page.split('id="failed-rows"')[1])
    assert len(lines) == operations.FAILURES_SHOWN == 50 and "And 2 more in the download." in page
    assert lines[:3] == [("2", "Bad Email: Email: Enter a valid email address, like name@example.com."),
                         ("3", "also@@bad: Email: Enter a valid email address, like name@example.com."),
                         ("4", "No Way: Give an email address or a mobile phone number.")]


def test_a_row_with_two_bad_fields_reads_as_two_sentences():
    from nudgeweb.imports.operations import describe

    reason = describe({"email": "Enter a valid email address, like name@example.com.", "phone": "Enter a valid phone number"})
    assert reason == "Email: Enter a valid email address, like name@example.com. Phone: Enter a valid phone number."


BACK_AND_FORTH = "Name,Email,Mobile\nAnn Lee,ann@x.com,(415) 555-0101\nAnn Lee,ann@x.com,(415) 555-0102\n"


def test_rows_that_change_a_phone_and_back_leave_the_contact_unchanged_and_say_so(app_ctx, owner, organization):
    """Imported again, the file's two rows of Ann set her phone to 0101 and back to 0102, which she had: not "Updated 1"."""
    first = run(organization, owner, BACK_AND_FORTH)
    assert (first.created_count, first.repeated_count) == (1, 1)
    (ann,) = contacts_of(organization)
    timeline = [entry.summary for entry in timeline_of(ann) if entry.kind == "imported"]
    again = run(organization, owner, BACK_AND_FORTH)
    assert (again.created_count, again.updated_count, again.unchanged_count, again.repeated_count) == (0, 0, 1, 1)
    assert notes(again, "updated") == []
    assert notes(again, "unchanged") == [
        (2, "Ann Lee: nothing changed in the end: phone +14155550102 → +14155550101 here, "
            "undone by line 3 of this file.")]
    assert notes(again, "repeated") == [
        (3, "The same person as line 2 of this file, Ann Lee: phone +14155550101 → +14155550102.")]
    assert contacts_of(organization)[0].phone == "+14155550102"
    assert [entry.summary for entry in timeline_of(ann) if entry.kind == "imported"] == timeline  # no trace either


def test_a_contact_changed_only_by_a_later_row_of_the_file_counts_as_updated(app_ctx, owner, organization):
    contact_operations.upsert_contact(organization, {"email": "ann@x.com", "first_name": "Ann", "last_name": "Lee",
                                                     "phone": "+14155550101"}, "manual")
    record = run(organization, owner, BACK_AND_FORTH)
    assert (record.updated_count, record.unchanged_count, record.repeated_count) == (1, 0, 1)
    assert notes(record, "updated") == [
        (2, "Ann Lee: phone +14155550101 → +14155550102, by line 3 of this file.")]
