"""The import engine keeps what it can: a row with one good channel, guessed headers, a new custom field from
the mapping, names with line breaks, and duplicate rows that don't rename a customer (with what changed listed)."""
import pytest
from sqlalchemy import select

from nudgeweb.contacts import operations as contact_operations
from nudgeweb.imports import operations
from nudgeweb.imports.mapping import guess_mapping
from nudgeweb.models import Contact, ContactImportFailure, ContactImportNote, CustomFieldDefinition, db
from tests.test_imports import chosen_fields, contacts_of, import_id_of, upload


def notes(record, kind):
    return [(note.line, note.message) for note in db.session.scalars(
        select(ContactImportNote).where(ContactImportNote.import_id == record.id, ContactImportNote.kind == kind)
        .order_by(ContactImportNote.line))]


def failures(record):
    return [(failure.line, failure.reason) for failure in db.session.scalars(
        select(ContactImportFailure).where(ContactImportFailure.import_id == record.id).order_by(ContactImportFailure.line))]


def run(organization, owner, content, **options):
    record = operations.start_import(organization, owner.user, content.encode(), "customers.csv", **options)
    db.session.expire_all()
    return record


def test_a_row_with_one_good_channel_is_imported_with_it_and_the_warning_listed(app_ctx, owner, organization):
    record = run(organization, owner, (
        "Name,Email,Mobile\n"
        "Bob Brown,bob@@example.com,(415) 555-0101\n"   # broken email, good mobile: texted
        "Cat Cole,cat@example.com,555\n"                # good email, broken mobile: emailed
        "Dan Dee,dan@@example.com,\n"                   # nothing to reach him by: refused
        "Eve Ng,not-an-email,12\n"                      # both broken: refused
    ))
    assert (record.created_count, record.failed) == (2, 2)
    people = {c.first_name: c for c in contacts_of(organization)}
    assert (people["Bob"].email, people["Bob"].phone) == (None, "+14155550101")
    assert (people["Cat"].email, people["Cat"].phone) == ("cat@example.com", None)
    assert notes(record, "warning") == [
        (2, "Email “bob@@example.com” left out (Enter a valid email address, like name@example.com): "
            "imported with the phone only."),
        (3, "Phone “555” left out (Enter a valid phone number, like +1 415 555 0100): imported with the email only."),
    ]
    assert [line for line, _ in failures(record)] == [4, 5]


def test_a_value_over_its_limit_is_left_out_not_the_customer(app_ctx, owner, organization):
    """A 1,200-character note dropped the whole patient: he is imported, the note left out with a warning."""
    contact_operations.add_custom_field(organization, "Notes", "text")
    record = run(organization, owner, "Name,Email,Notes\nEoin Ó Súilleabháin,eoin@example.ie," + "x" * 1200 + "\n")
    assert (record.created_count, record.failed) == (1, 0)
    (eoin,) = contacts_of(organization)
    assert eoin.email == "eoin@example.ie" and "notes" not in eoin.custom_fields
    ((line, message),) = notes(record, "warning")
    assert line == 2 and message.startswith("Notes “xxx") and message.endswith("left out (Use at most 1000 characters).")


def test_a_custom_value_left_out_is_named_by_the_field_label(app_ctx, owner, organization):
    """The warning named the field by its key ("Last service date" from last_service_date), not as the owner calls it."""
    contact_operations.add_custom_field(organization, "Last service (MOT)", "date", key="last_service_date")
    record = run(organization, owner, "Email,Last service\nann@example.com,last spring\n",
                 mapping={"email": 0, "custom_fields.last_service_date": 1})
    assert (record.created_count, record.failed) == (1, 0)
    assert notes(record, "warning") == [
        (2, "Last service (MOT) “last spring” left out (Enter a date as YYYY-MM-DD).")]


@pytest.mark.parametrize("header, field", [
    ("Cell #", "phone"), ("Mobile", "phone"), ("Phone No.", "phone"), ("Mobile (SMS)", "phone"),
    ("Tag(s)", "tags"), ("E-mail*", "email"), ("Email Address", "email"), ("First", "first_name"),
    ("Last_Name", "last_name"), ("Business Name", "company_name"), ("Full Name", "name"),
    ("Patient Name", "name"), ("Client E-mail", "email"), ("Customer Cell #", "phone"), ("Guest First Name", "first_name"),
    ("Owner", "name"), ("Parent Email", "email"), ("Tags/Labels", "tags"), ("Cell/Mobile", "phone"),
    ("Notes/Email", "email"),
])
def test_common_headers_are_guessed(app_ctx, organization, header, field):
    assert guess_mapping(["Notes", header], organization) == {field: 1}


@pytest.mark.parametrize("headers, expected", [
    (["Student Name", "Parent Name", "Parent Email", "Parent Phone"], {"name": 1, "email": 2, "phone": 3}),
    (["Student First Name", "Student Last Name", "Guardian First Name", "Guardian Last Name", "Guardian Cell #"],
     {"first_name": 2, "last_name": 3, "phone": 4}),
    (["Student Name", "Parent Name", "Email"], {"name": 0, "email": 2}),  # whose email? the first name column
])
def test_the_names_are_of_the_person_the_file_reaches(app_ctx, organization, headers, expected):
    assert guess_mapping(headers, organization) == expected


def test_the_mapping_can_create_a_custom_field(owner_client, organization):
    import_id = import_id_of(upload(owner_client, "Email,Favourite pastry\nann@x.com,Croissant\nbo@x.com,\n"))
    page = owner_client.get(f"/contacts/import/{import_id}").get_data(as_text=True)
    assert 'value="new_custom_field">New custom field “Favourite pastry”' in page
    response = owner_client.post(f"/contacts/import/{import_id}",
                                 data={"column-0": "email", "column-1": "new_custom_field"})
    assert response.status_code == 303
    (definition,) = db.session.scalars(select(CustomFieldDefinition)).all()
    assert (definition.key, definition.label, definition.field_type) == ("favourite_pastry", "Favourite pastry", "text")
    assert [c.custom_fields for c in contacts_of(organization)] == [{"favourite_pastry": "Croissant"}, {}]


def test_a_new_custom_field_that_cannot_be_made_is_said_at_its_column(owner_client, organization):
    import_id = import_id_of(upload(owner_client, "Email,Status\nann@x.com,x\n"))
    response = owner_client.post(f"/contacts/import/{import_id}",
                                 data={"column-0": "email", "column-1": "new_custom_field"})
    assert response.status_code == 422
    assert "“Status” can&#39;t be a custom field: That name is taken by a standard contact field." in response.get_data(as_text=True)
    assert db.session.scalars(select(CustomFieldDefinition)).all() == [] and contacts_of(organization) == []


def test_a_name_or_company_with_a_line_break_is_cleaned_not_refused(app_ctx, owner, organization):
    record = run(organization, owner, 'email,company,first name\nann@x.com,"Analytical\r\nEngines Ltd","Ann\n"\n')
    assert (record.created_count, record.failed) == (1, 0)
    (ann,) = contacts_of(organization)
    assert (ann.company_name, ann.first_name) == ("Analytical Engines Ltd", "Ann")


def test_a_duplicate_row_does_not_rename_a_customer_and_the_changes_are_listed(app_ctx, owner, organization):
    contact_operations.upsert_contact(organization, {"email": "john@x.com", "first_name": "John",
                                                     "last_name": "Smith"}, "manual")
    contact_operations.upsert_contact(organization, {"email": "ada@x.com", "first_name": "Ada",
                                                     "last_name": "Lovelace", "tags": ["vip"]}, "manual")
    db.session.commit()
    record = run(organization, owner, (
        "First name,Last name,Email,Cell #,Tag(s)\n"
        "John,Smith,john@x.com,4155550101,\n"       # line 2: our John gets a phone
        "Mary,Smith,john@x.com,,household\n"        # line 3: the same email, another person: no rename
        "Ada,King,ada@x.com,,math\n"                # line 4: one row for Ada: her new name is taken, and said
        "Zoe,Quinn,zoe@x.com,,\n"                   # line 5: new
        "Zoey,Quinn,zoe@x.com,,\n"                  # line 6: a duplicate of a row of this file
    ))
    assert (record.created_count, record.updated_count, record.repeated_count, record.failed) == (1, 2, 2, 0)
    people = {c.email: c for c in contacts_of(organization)}
    john = people["john@x.com"]
    assert (john.first_name, john.phone, john.tags) == ("John", "+14155550101", ["household"])
    assert (people["ada@x.com"].last_name, people["zoe@x.com"].first_name) == ("King", "Zoe")
    assert notes(record, "warning") == [
        (3, "Same email as line 2: the name stays “John Smith” (this row says “Mary Smith”); its other values were added."),
        (6, "Same email as line 5: the name stays “Zoe Quinn” (this row says “Zoey Quinn”); its other values were added."),
    ]
    assert notes(record, "updated") == [
        (2, "John Smith: phone added: +14155550101."),
        (4, "Ada King: last name Lovelace → King; tags added: math."),
    ]
    assert notes(record, "repeated") == [  # every row counted is listed
        (3, "The same person as line 2 of this file, John Smith: tags added: household."),
        (6, "The same person as line 5 of this file, Zoe Quinn: nothing new."),
    ]


def test_a_duplicate_in_a_later_chunk_does_not_rename_either(app_ctx, owner, organization, monkeypatch):
    monkeypatch.setattr(operations, "CHUNK_SIZE", 2)
    record = run(organization, owner, "name,email\nZoe Quinn,zoe@x.com\nAl B,al@x.com\nZoey Quinn,zoe@x.com\n")
    assert (record.status, record.created_count, record.updated_count, record.repeated_count) == ("completed", 2, 0, 1)
    assert db.session.scalar(select(Contact.first_name).where(Contact.email == "zoe@x.com")) == "Zoe"
    assert notes(record, "warning") == [
        (4, "Same email as an earlier row: the name stays “Zoe Quinn” (this row says “Zoey Quinn”); "
            "its other values were added.")]


def test_the_finished_page_says_imported_and_lists_what_changed(owner_client, organization):
    contact_operations.upsert_contact(organization, {"email": "ada@x.com", "first_name": "Ada"}, "manual")
    import_id = import_id_of(upload(owner_client, "email,first name,cell #\nada@x.com,Ada,\nbob@@x.com,Bob,4155550101\n"))
    owner_client.post(f"/contacts/import/{import_id}", data={"column-0": "email", "column-1": "first_name",
                                                              "column-2": "phone", "update_existing": "y"})
    for headers in ({}, {"HX-Request": "true"}):  # the page, and the fragment the progress bar polls
        page = owner_client.get(f"/contacts/import/{import_id}", headers=headers).get_data(as_text=True)
        assert "Imported contacts.csv</h1>" in page and "Importing" not in page
        assert "Imported, with something left out" in page and "Email “bob@@x.com” left out" in page


def test_another_organization_sees_no_notes(owner_client, other_client, organization):
    import_id = import_id_of(upload(owner_client, "email,cell\nbob@@x.com,4155550101\n"))
    owner_client.post(f"/contacts/import/{import_id}", data={"column-0": "email", "column-1": "phone"})
    assert other_client.get(f"/contacts/import/{import_id}").status_code == 404


def test_an_api_mapping_can_name_a_new_custom_field(app_ctx, owner, organization):
    content = "email,Favourite pastry\nann@x.com,Croissant\n"
    run(organization, owner, content, mapping={"email": 0, "custom_fields.favourite_pastry": "Favourite pastry"})
    (definition,) = db.session.scalars(select(CustomFieldDefinition)).all()
    assert (definition.key, definition.label, definition.field_type) == ("favourite_pastry", "Favourite pastry", "text")
    assert contacts_of(organization)[0].custom_fields == {"favourite_pastry": "Croissant"}
    with pytest.raises(operations.ImportValidationError):  # a bad mapping makes no field
        run(organization, owner, content, mapping={"custom_fields.shoe_size": 1})
    assert [d.key for d in db.session.scalars(select(CustomFieldDefinition))] == ["favourite_pastry"]


def test_a_landline_cannot_be_texted_so_it_is_left_out_or_the_row_refused_naming_it(app_ctx, owner, organization):
    """Only a mobile takes text messages: a customer with an email is kept without the landline, one with
    nothing else is refused with the number named (not "Give an email address or a mobile phone number")."""
    record = run(organization, owner, (
        "Name,Email,Phone\n"
        "Seán Ryan,sean@example.ie,+353 1 234 5678\n"   # landline beside an email: kept, emailed
        "Aoife Byrne,,+353 1 765 4321\n"                # only a landline: refused, the number named
        "Niamh Kelly,,+353 87 123 4567\n"               # an Irish mobile
        "Ann Lee,,(415) 555-0101\n"                     # North America: landlines and mobiles look alike
    ))
    assert (record.created_count, record.failed) == (3, 1)
    people = {c.first_name: c for c in contacts_of(organization)}
    assert (people["Seán"].email, people["Seán"].phone) == ("sean@example.ie", None)
    assert (people["Niamh"].phone, people["Ann"].phone) == ("+353871234567", "+14155550101")
    assert notes(record, "warning") == [
        (2, "Phone “+353 1 234 5678” left out (+353 1 234 5678 is a landline: text messages cannot reach it): "
            "imported with the email only.")]
    assert failures(record) == [(3, "Phone: +353 1 765 4321 is a landline: text messages cannot reach it.")]


def test_a_landline_of_the_business_own_country_is_told_apart_too(app_ctx, owner, organization):
    organization.default_country = "IE"
    record = run(organization, owner, "Name,Phone\nAoife Byrne,01 234 5678\nNiamh Kelly,087 123 4567\n")
    assert (record.created_count, record.failed) == (1, 1)
    assert failures(record) == [(2, "Phone: +353 1 234 5678 is a landline: text messages cannot reach it.")]


HOME_AND_MOBILE = (
    "Name,Email,Home phone,Mobile\n"
    "Seán Ryan,,+353 1 234 5678,+353 87 123 4567\n"   # the mobile is used, the landline noted
    "Aoife Byrne,,+353 1 765 4321,\n"                 # only a landline: refused, the number named
    "Niamh Kelly,niamh@example.ie,+353 1 222 3333,\n"  # a landline and an email: emailed
)


def test_a_home_phone_and_a_mobile_column_are_both_phones_and_the_mobile_is_used(app_ctx, owner, organization):
    record = run(organization, owner, HOME_AND_MOBILE)
    assert record.mapping == {"name": 0, "email": 1, "phone": [3, 2]}  # the column that says mobile first
    assert (record.created_count, record.failed) == (2, 1)
    people = {c.first_name: c for c in contacts_of(organization)}
    assert (people["Seán"].phone, people["Niamh"].phone, people["Niamh"].email) == ("+353871234567", None,
                                                                                   "niamh@example.ie")
    assert notes(record, "warning") == [
        (2, "Phone “+353 1 234 5678” left out (+353 1 234 5678 is a landline: text messages cannot reach it)."),
        (4, "Phone “+353 1 222 3333” left out (+353 1 222 3333 is a landline: text messages cannot reach it): "
            "imported with the email only."),
    ]
    assert failures(record) == [(3, "Phone: +353 1 765 4321 is a landline: text messages cannot reach it.")]


def test_of_two_mobiles_the_first_column_given_wins_and_the_other_is_noted(app_ctx, owner, organization):
    record = run(organization, owner, "Name,Cell,Other phone\nAnn Lee,not a number,(415) 555-0101\n"
                                      "Bo Ng,(415) 555-0102,(415) 555-0103\n"
                                      "Cy Do,+1 415 555 0104,(415) 555-0104\n",  # one number written two ways
                 mapping={"name": 0, "phone": ["Other phone", 1]})
    assert record.mapping == {"name": 0, "phone": [2, 1]}
    assert sorted((c.first_name, c.phone) for c in contacts_of(organization)) == [
        ("Ann", "+14155550101"), ("Bo", "+14155550103"), ("Cy", "+14155550104")]
    assert notes(record, "warning") == [
        (2, "Phone “not a number” left out (Enter a valid phone number, like +1 415 555 0100)."),
        (3, "Phone “(415) 555-0102” left out: a contact has one mobile number, and (415) 555-0103 came first."),
    ]


def test_only_the_phone_takes_several_columns(app_ctx, owner, organization):
    with pytest.raises(operations.ImportValidationError) as refused:
        run(organization, owner, "Email,Work email\na@x.com,b@x.com\n", mapping={"email": [0, 1]})
    assert refused.value.errors == {"mapping.email": "Give one column for “email”: only the phone takes several."}


def test_the_wizard_maps_two_columns_to_the_phone(owner_client, organization):
    import_id = import_id_of(upload(owner_client, HOME_AND_MOBILE))
    page = owner_client.get(f"/contacts/import/{import_id}").get_data(as_text=True)
    assert chosen_fields(page) == ["name", "email", "phone", "phone"]
    refused = owner_client.post(f"/contacts/import/{import_id}", data={  # a mistake elsewhere: both stay chosen
        "column-0": "name", "column-1": "name", "column-2": "phone", "column-3": "phone"})
    assert refused.status_code == 422 and chosen_fields(refused.get_data(as_text=True)) == ["name", "name", "phone", "phone"]
    done = owner_client.post(f"/contacts/import/{import_id}", data={
        "column-0": "name", "column-1": "email", "column-2": "phone", "column-3": "phone"})
    assert done.status_code == 303
    assert sorted(c.phone or "" for c in contacts_of(organization)) == ["", "+353871234567"]
