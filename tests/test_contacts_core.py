"""The contacts core without a client: validation, upsert, updates, suppression, queries, timeline."""
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from nudgeweb.contacts import operations
from nudgeweb.contacts.fields import ContactValidator, contact_insert_values, guess_field, validate_contact_data
from nudgeweb.contacts.operations import ContactValidationError, upsert_contact
from nudgeweb.contacts.queries import contacts_query, count_matching, segment_query
from nudgeweb.contacts.suppression import may_message
from nudgeweb.contacts.timeline import record_activity, timeline_of
from nudgeweb.models import Contact, db, utcnow
from tests.factories import ContactFactory, OrganizationFactory


@pytest.fixture
def org(app_ctx):
    organization = OrganizationFactory(name="Acme Plumbing", default_country="US")
    operations.add_custom_field(organization, "Birthday", "date")
    operations.add_custom_field(organization, "Visits", "number")
    operations.add_custom_field(organization, "VIP", "boolean")
    operations.add_custom_field(organization, "Plan", "choice", choices="Basic, Premium")
    return organization


def names(query):
    return [c.email for c in db.session.scalars(query)]


def test_validation_normalises_every_field(org):
    clean, errors = validate_contact_data(org, {
        "email": "  Ada@Example.COM ", "mobile_phone_number": "(415) 555-0100", "first_name": " Ada ",
        "tags": "vip, VIP, new", "timezone": "Europe/London",
        "custom_fields": {"birthday": "1990-01-31", "visits": "12", "vip": "yes", "plan": "premium"},
    })
    assert errors == {}
    assert clean["email"] == "ada@example.com"
    assert clean["phone"] == "+14155550100"
    assert clean["first_name"] == "Ada"
    assert clean["tags"] == ["vip", "new"]
    assert clean["custom_fields"] == {"birthday": "1990-01-31", "visits": 12, "vip": True, "plan": "Premium"}


def test_validation_reports_every_bad_field_at_once(org):
    _clean, errors = validate_contact_data(org, {
        "email": "not-an-email", "phone": "12", "status": "happy", "timezone": "Mars/Base",
        "custom_fields": {"birthday": "31/01/1990", "visits": "many", "vip": "maybe", "plan": "Gold", "shoe": "42"},
        "colour": "red",
    })
    assert set(errors) == {
        "email", "phone", "status", "timezone", "colour", "custom_fields.birthday", "custom_fields.visits",
        "custom_fields.vip", "custom_fields.plan", "custom_fields.shoe",
    }
    assert "valid email" in errors["email"] and "valid phone" in errors["phone"]
    assert "Unknown custom field" in errors["custom_fields.shoe"]


def test_an_email_or_a_phone_is_required(org):
    _clean, errors = validate_contact_data(org, {"first_name": "Nobody"})
    assert errors == {"email": "Give an email address or a mobile phone number."}


def test_local_numbers_use_the_organizations_country(app_ctx):
    uk = OrganizationFactory(default_country="GB")
    clean, errors = validate_contact_data(uk, {"phone": "07911 123456"})
    assert errors == {} and clean["phone"] == "+447911123456"


def test_full_name_is_split_and_headers_are_guessed(org):
    clean, _ = validate_contact_data(org, {"email": "a@example.com", "name": "Ada  Wanjiku Njeri"})
    assert (clean["first_name"], clean["last_name"]) == ("Ada", "Wanjiku Njeri")
    validator = ContactValidator.for_organization(org)
    assert guess_field("E-mail Address") == "email"
    assert guess_field("Mobile") == "phone"
    assert guess_field("Birthday", validator.definitions.values()) == "custom_fields.birthday"
    assert guess_field("favourite colour") is None
    assert guess_field("Patient") == guess_field("Client") == guess_field("Customer") == "name"
    assert guess_field("Primary") is None


@pytest.mark.parametrize("name, first, last", [
    ("Ramírez, José", "José", "Ramírez"), ("Ramírez García,  José Luis", "José Luis", "Ramírez García"),
    ("Tom Hale, Jr.", "Tom", "Hale, Jr."), ("Cher", "Cher", ""),
])
def test_a_full_name_in_list_form_is_split_at_its_comma(org, name, first, last):
    clean, _ = validate_contact_data(org, {"email": "a@example.com", "name": name})
    assert (clean["first_name"], clean["last_name"]) == (first, last)


def test_upsert_creates_then_updates_by_email_or_phone(org):
    contact, created = upsert_contact(org, {"email": "ada@example.com", "first_name": "Ada", "tags": ["vip"]}, "api")
    assert created and contact.source == "api" and contact.status == "subscribed" and contact.subscribed_at
    same, created = upsert_contact(org, {"email": "ADA@example.com", "phone": "+1 415 555 0100", "tags": "new",
                                         "first_name": ""}, "import")
    assert not created and same.id == contact.id
    assert same.phone == "+14155550100" and same.first_name == "Ada"  # blank keeps what is stored
    assert same.tags == ["new", "vip"] and same.source == "api"
    by_phone, created = upsert_contact(org, {"phone": "415-555-0100", "last_name": "Lovelace"}, "manual")
    assert not created and by_phone.id == contact.id and by_phone.last_name == "Lovelace"
    assert db.session.scalar(select(db.func.count()).select_from(Contact)) == 1
    kinds = [a.kind for a in timeline_of(contact)]
    assert kinds.count("created") == 1 and "updated" in kinds


def test_upsert_without_update_existing_leaves_the_contact(org):
    contact, _ = upsert_contact(org, {"email": "ada@example.com", "first_name": "Ada"}, "api")
    same, created = upsert_contact(org, {"email": "ada@example.com", "first_name": "Eve"}, "import",
                                   update_existing=False)
    assert not created and same.first_name == "Ada"


def test_upsert_raises_every_error(org):
    with pytest.raises(ContactValidationError) as raised:
        upsert_contact(org, {"email": "bad", "phone": "bad", "custom_fields": {"nope": 1}}, "api")
    assert set(raised.value.errors) == {"email", "phone", "custom_fields.nope"}


def test_upsert_never_resubscribes_an_unsubscribed_contact(org):
    contact, _ = upsert_contact(org, {"email": "ada@example.com"}, "api")
    operations.unsubscribe(contact, reason="Too many emails")
    again, _ = upsert_contact(org, {"email": "ada@example.com", "status": "subscribed"}, "import")
    assert again.status == "unsubscribed" and again.unsubscribe_reason == "Too many emails"
    operations.subscribe(again)
    assert again.status == "subscribed" and again.unsubscribed_at is None
    assert [a.kind for a in timeline_of(again)][:2] == ["subscribed", "unsubscribed"]


def test_update_checks_uniqueness_and_keeps_an_address(org):
    ada = ContactFactory(organization=org, email="ada@example.com", phone=None)
    ContactFactory(organization=org, email="eve@example.com", phone="+14155550199")
    with pytest.raises(ContactValidationError) as raised:
        operations.update_contact(ada, {"email": "eve@example.com", "phone": "(415) 555-0199"})
    assert set(raised.value.errors) == {"email", "phone"}
    with pytest.raises(ContactValidationError) as raised:
        operations.update_contact(ada, {"email": ""})
    assert "Keep an email" in raised.value.errors["email"]
    operations.update_contact(ada, {"first_name": "Ada", "tags": ["a", "b"], "custom_fields": {"visits": "3"}})
    operations.update_contact(ada, {"tags": ["b"], "custom_fields": {"visits": ""}})
    assert ada.tags == ["b"] and ada.custom_fields == {}


def test_may_message(org):
    ada = ContactFactory(organization=org, email="ada@example.com", phone=None)
    assert may_message(ada, "email") == (True, None)
    assert may_message(ada, "sms") == (False, "The contact has no mobile phone number.")
    operations.unsubscribe(ada, reason="asked")
    allowed, reason = may_message(ada, "email")
    assert not allowed and "unsubscribed" in reason
    assert may_message(ada, "email", purpose="transactional") == (True, None)
    operations.unsubscribe(ada, status="bounced")
    assert may_message(ada, "email", purpose="transactional")[0] is False


def test_queries_filter_search_and_sort(org):
    now = utcnow()
    ada = ContactFactory(organization=org, email="ada@example.com", first_name="Ada", last_name="Lovelace",
                         company_name="Analytical Engines", phone="+14155550100", created_at=now - timedelta(days=3))
    ContactFactory(organization=org, email="bob@example.com", first_name="Bob", last_name="Builder",
                   source="import", created_at=now - timedelta(days=1))
    eve = ContactFactory(organization=org, email="eve@example.com", first_name="Eve", last_name="Adams",
                         status="unsubscribed", created_at=now)
    operations.update_contact(ada, {"tags": ["VIP"]})
    operations.update_contact(eve, {"tags": ["vip", "late"]})
    q = lambda filters, sort=None: names(contacts_query(org.id, filters, sort))  # noqa: E731
    assert q({}) == ["eve@example.com", "bob@example.com", "ada@example.com"]
    assert q({}, "last_name") == ["eve@example.com", "bob@example.com", "ada@example.com"]
    assert q({}, "-first_name") == ["eve@example.com", "bob@example.com", "ada@example.com"]
    assert q({"search": "ADA"}) == ["eve@example.com", "ada@example.com"]  # Adams, Ada
    assert q({"search": "ada love"}) == ["ada@example.com"]
    assert q({"search": "analytical"}) == ["ada@example.com"]
    assert q({"search": "(415) 555-0100"}) == ["ada@example.com"]
    assert q({"search": "+1 415 555"}) == ["ada@example.com"]  # digits typed as a number: one run of digits
    assert q({"search": "555 415"}) == []
    assert q({"search": "100%"}) == []
    assert q({"status": "unsubscribed"}) == ["eve@example.com"]
    assert q({"status": ["subscribed"], "source": "import"}) == ["bob@example.com"]
    assert q({"tag": "vip"}) == ["eve@example.com", "ada@example.com"]
    assert q({"tag": ["late", "nope"]}) == ["eve@example.com"]
    assert q({"email": "ADA@example.com "}) == ["ada@example.com"]
    assert q({"phone": "+1 415 555 0100"}) == ["ada@example.com"]
    day = (now - timedelta(days=1)).date().isoformat()
    assert q({"created_after": day, "created_before": day}) == ["bob@example.com"]
    assert count_matching(contacts_query(org.id, {})) == 3
    assert count_matching(contacts_query(org.id, {}), limit=2) == 2


def test_segments_are_sql_and_stay_in_their_organization(org):
    # Named here: a random name ("Steve", "Reeves") would match the search for "eve".
    ContactFactory(organization=org, email="ada@example.com", first_name="Ada", last_name="Lovelace",
                   status="subscribed")
    ContactFactory(organization=org, email="eve@example.com", first_name="Eve", last_name="Moneypenny",
                   status="unsubscribed")
    other = OrganizationFactory(name="Globex")
    ContactFactory(organization=other, email="ada@globex.example", first_name="Ada", last_name="Byron",
                   status="subscribed")
    segment = operations.save_segment(org.id, "Subscribed", {"status": "subscribed", "search": ""})
    assert segment.filters == {"status": "subscribed"}
    assert names(segment_query(segment)) == ["ada@example.com"]
    assert names(contacts_query(org.id, {"segment_id": str(segment.id), "search": "eve"})) == []
    assert names(contacts_query(other.id, {"segment_id": str(segment.id)})) == []
    assert names(contacts_query(other.id, {"search": "ada"})) == ["ada@globex.example"]
    with pytest.raises(ContactValidationError):
        operations.save_segment(org.id, "subscribed", {})


def test_timeline_and_bulk_actions(org):
    ada = ContactFactory(organization=org, email="ada@example.com")
    bob = ContactFactory(organization=org, email="bob@example.com")
    foreign = ContactFactory(organization=OrganizationFactory(), email="x@example.com")
    record_activity(ada, "message.sent", "Review request sent by SMS", {"message_id": "m1"})
    db.session.commit()
    assert timeline_of(ada)[0].summary == "Review request sent by SMS"
    ids = [ada.id, bob.id, foreign.id]
    assert operations.bulk_tag(org.id, ids, "Winter") == 2
    assert operations.bulk_tag(org.id, ids, "winter") == 0
    assert foreign.tags == []
    db.session.expire_all()
    assert ada.tags == ["Winter"]
    assert operations.bulk_untag(org.id, ids, "WINTER") == 2
    assert operations.bulk_unsubscribe(org.id, ids, reason="Closed account") == 2
    assert foreign.status == "subscribed"
    assert operations.bulk_delete(org.id, ids) == 2
    assert db.session.scalars(select(Contact.email)).all() == ["x@example.com"]


def test_custom_field_definitions(org):
    with pytest.raises(ContactValidationError) as raised:
        operations.add_custom_field(org, "birthday", "date")
    assert "already" in raised.value.errors["label"]
    with pytest.raises(ContactValidationError) as raised:
        operations.add_custom_field(org, "Email", "colour")
    assert set(raised.value.errors) == {"label", "field_type"}
    definitions = operations.custom_field_definitions(org.id)
    assert [d.key for d in definitions] == ["birthday", "visits", "vip", "plan"]
    operations.rename_custom_field(definitions[0], "Date of birth")
    assert definitions[0].key == "birthday" and definitions[0].label == "Date of birth"


def test_insert_values_for_a_core_insert(org):
    clean, errors = validate_contact_data(org, {"email": "ada@example.com", "first_name": "Ada", "phone": "4155550100"})
    values = contact_insert_values(org.id, clean, "import")
    db.session.execute(Contact.__table__.insert(), [values])
    db.session.commit()
    contact = db.session.get(Contact, values["id"])
    assert contact.status == "subscribed" and contact.source == "import"
    assert "ada" in contact.search_text and "14155550100" in contact.search_text


def test_the_api_lists_custom_fields_as_input_fields(org):
    from nudgeweb.api.fields import custom_fields

    operations.add_custom_field(org, "Notes", "text")
    fields = custom_fields(org)
    assert [(field["key"], field["type"]) for field in fields] == [
        ("custom_fields.birthday", "date"), ("custom_fields.visits", "number"), ("custom_fields.vip", "boolean"),
        ("custom_fields.plan", "choice"), ("custom_fields.notes", "string")]  # "text" in the words of the others
    assert fields[3]["choices"] == ["Basic", "Premium"] and "choices" not in fields[0]


def test_upsert_refuses_to_give_a_contact_anothers_phone_or_email(org):
    ada, _ = upsert_contact(org, {"email": "ada@example.com"}, "api")
    bob, _ = upsert_contact(org, {"phone": "+14155559999"}, "api")
    db.session.commit()  # what the failed upserts below roll back to
    finder = operations.ContactFinder(org.id, ["ada@example.com"], ["+14155559999"])  # (as imports ask)
    for finder in (None, finder):  # found by email: Ada, whose phone would be Bob's
        with pytest.raises(ContactValidationError) as raised:
            upsert_contact(org, {"email": "ADA@example.com", "phone": "(415) 555-9999", "first_name": "Ada"}, "import",
                           finder=finder)
        assert raised.value.errors == {"phone": f"Another contact ({bob.display_name}) already has this phone number."}
        assert raised.value.duplicates == {"phone"}
    db.session.rollback()
    assert (ada.phone, ada.first_name, bob.email) == (None, "", None)
    assert [a.kind for a in timeline_of(ada)] == ["created"]
    same, created = upsert_contact(org, {"email": "ada@example.com", "phone": "", "last_name": "L"}, "api")
    assert same.id == ada.id and not created and same.last_name == "L"


def test_create_and_update_say_which_fields_are_duplicates(org):
    ContactFactory(organization=org, email="eve@example.com", phone="+14155550199")
    ada = ContactFactory(organization=org, email="ada@example.com", phone=None)
    with pytest.raises(ContactValidationError) as raised:
        operations.update_contact(ada, {"email": "eve@example.com", "timezone": "Mars/Base"})
    assert set(raised.value.errors) == {"email", "timezone"} and raised.value.duplicates == {"email"}
    with pytest.raises(ContactValidationError) as raised:
        operations.create_contact(org, {"phone": "415 555 0199"})
    assert raised.value.duplicates == {"phone"}
    with pytest.raises(ContactValidationError) as raised:
        operations.update_contact(ada, {"email": ""})
    assert raised.value.duplicates == frozenset()
    operations.update_contact(ada, {"email": "ada@example.com", "first_name": "Ada"})  # its own email: no clash


def test_contact_fields_refuse_control_characters(org):
    operations.add_custom_field(org, "Notes", "text")
    _clean, errors = validate_contact_data(org, {
        "email": "ada\x00@example.com", "phone": "+1 415 555\x000100", "first_name": "A\x00da", "last_name": "Love\tlace",
        "company_name": "Engines\x7f", "name": "Ada\x00 Lovelace", "tags": ["fine", "b\x1bad"], "timezone": "Europe/\x00London",
        "status": "subscribed\x00", "custom_fields": {"notes": "bad\x00", "plan": "Basic\x00", "visits": "1\x00"},
    })
    assert set(errors) == {"email", "phone", "first_name", "company_name", "name", "tags", "timezone",
                           "status", "custom_fields.notes", "custom_fields.plan", "custom_fields.visits"}
    assert _clean["last_name"] == "Love lace"  # a tab or a line break in a one-line text is a space
    assert errors["first_name"] == "Must not contain control characters."
    clean, errors = validate_contact_data(org, {"email": "ada@example.com", "first_name": " Ada\n",
                                                "custom_fields": {"notes": "line one\n\tline two\r\n"}})
    assert errors == {} and clean["first_name"] == "Ada"  # around a value, whitespace is trimmed
    assert clean["custom_fields"]["notes"] == "line one\n\tline two"  # a text field may hold lines
    with pytest.raises(ContactValidationError):
        upsert_contact(org, {"email": "ada@example.com", "first_name": "a\x00b"}, "api")
    assert db.session.scalar(select(db.func.count()).select_from(Contact)) == 0


def test_filters_are_read_as_people_write_them(org):
    from nudgeweb.contacts.queries import read_filters

    filters, errors = read_filters({"phone": "(415) 555-0100", "status": "subscribed, bounced", "tag": ["vip", " "],
                                    "created_after": "2026-01-31", "search": "ada"}, "US")
    assert errors == {}
    assert filters == {"phone": "+14155550100", "status": ["subscribed", "bounced"], "tag": ["vip"],
                       "created_after": date(2026, 1, 31), "search": "ada"}
    assert read_filters({"phone": "020 7946 0000"}, "GB")[0] == {"phone": "+442079460000"}
    _filters, errors = read_filters({"phone": "call me", "status": "asleep", "source": ["api", "fax"],
                                     "created_before": "x", "created_after": "2026-13-01"}, "US")
    assert set(errors) == {"phone", "status", "source", "created_before", "created_after"}
    assert read_filters({"search": "a\x00b", "tag": ["ok", "b\x00"]}, "US")[1] == {
        "search": "Must not contain control characters.", "tag": "Must not contain control characters."}
    assert "asleep" in errors["status"] and "fax" in errors["source"] and "valid phone" in errors["phone"]
    ContactFactory(organization=org, email="ada@example.com", phone="+14155550100")
    assert names(contacts_query(org.id, read_filters({"phone": "415.555.0100"}, "US")[0])) == ["ada@example.com"]


def test_a_bad_phone_is_told_an_example_of_the_business_own_country():
    from nudgeweb.contacts.fields import normalize_phone

    assert normalize_phone("555", "GB") == (None, "Enter a valid phone number, like +44 7400 123456.")
    assert normalize_phone("555", "US") == (None, "Enter a valid phone number, like +1 415 555 0100.")
