"""The contact pages over HTTP: list, search, filters, new, edit, delete, bulk, segments, export, settings."""
import csv
import io
import re
import time

import pytest
from sqlalchemy import func, select

from nudgeweb.contacts import operations
from nudgeweb.extensions import db
from nudgeweb.models import Contact, ContactActivity, CustomFieldDefinition, Segment, Tag
from tests.conftest import member_client, shown
from tests.factories import ContactFactory


def errors_of(response):
    """{input id: message} of the errors shown at the fields."""
    return dict(re.findall(r'<p class="error" id="([\w-]+)-error">([^<]*)</p>', response.get_data(as_text=True)))


def contact_count():
    return db.session.scalar(select(func.count()).select_from(Contact))


@pytest.fixture
def people(organization):
    ada = ContactFactory(organization=organization, email="ada@example.com", first_name="Ada", last_name="Lovelace",
                         company_name="Analytical Engines", phone="+14155550100")
    bob = ContactFactory(organization=organization, email="bob@example.com", first_name="Bob", last_name="Builder",
                         source="import")
    eve = ContactFactory(organization=organization, email="eve@example.com", first_name="Eve", last_name="Adams",
                         status="unsubscribed")
    operations.update_contact(ada, {"tags": ["vip"]})
    return ada, bob, eve


def test_list_shows_contacts_and_an_import_button(owner_client, people):
    html = shown(owner_client.get("/contacts"))
    assert "3 contacts" in html
    for name in ("Ada Lovelace", "Bob Builder", "Eve Adams", "ada@example.com", "+14155550100", "vip"):
        assert name in html
    assert 'href="/contacts/import"' in html and 'href="/contacts/new"' in html


def test_empty_list_says_what_to_do(owner_client):
    html = owner_client.get("/contacts").get_data(as_text=True)
    assert "Your customer list is empty" in html and "Import a CSV file" in html
    assert "as CSV</a>" not in html  # nothing to export yet


def test_search_answers_htmx_with_the_results_alone(owner_client, people):
    page = owner_client.get("/contacts?q=lovelace")
    fragment = owner_client.get("/contacts?q=lovelace", headers={"HX-Request": "true"})
    assert "<html" in page.get_data(as_text=True)
    html = fragment.get_data(as_text=True)
    assert "<html" not in html and "Ada Lovelace" in html and "Bob" not in html
    assert "1 contact match" in html
    assert "HX-Request" in fragment.headers["Vary"]
    assert "Analytical" in owner_client.get("/contacts?q=analytical", headers={"HX-Request": "true"}).get_data(as_text=True)


@pytest.mark.parametrize("query, shown, hidden", [
    ("status=unsubscribed", ["Eve Adams"], ["Ada Lovelace", "Bob Builder"]),
    ("tag=vip", ["Ada Lovelace"], ["Eve Adams", "Bob Builder"]),
    ("source=import", ["Bob Builder"], ["Ada Lovelace", "Eve Adams"]),
    ("created_after=2000-01-01&created_before=2000-12-31", [], ["Ada Lovelace"]),
    ("created_after=not-a-date", ["Ada Lovelace", "Eve Adams"], []),
])
def test_filters_come_from_the_url(owner_client, people, query, shown, hidden):
    html = owner_client.get(f"/contacts?{query}").get_data(as_text=True)
    for name in shown:
        assert name in html
    for name in hidden:
        assert name not in html


def test_sort_by_any_column_and_paginate(owner_client, organization):
    for n in range(30):
        ContactFactory(organization=organization, email=f"p{n:02d}@example.com", first_name=f"P{n:02d}", last_name="Zed")
    html = shown(owner_client.get("/contacts?sort=email"))
    emails = re.findall(r"p\d\d@example.com", html)
    assert emails[:3] == ["p00@example.com", "p01@example.com", "p02@example.com"] and len(set(emails)) == 25
    assert "Page 1 of 2" in html and "30 contacts" in html
    html = shown(owner_client.get("/contacts?sort=-email&page=2"))
    assert sorted(set(re.findall(r"p\d\d@example.com", html))) == [f"p{n:02d}@example.com" for n in range(5)]
    assert "Previous" in html and 'rel="next"' not in html
    assert owner_client.get("/contacts?sort=nonsense&page=-3").status_code == 200


def test_new_contact(owner_client, organization, app_ctx):
    operations.add_custom_field(organization, "Birthday", "date")
    response = owner_client.post("/contacts/new", data={
        "email": "Grace@Example.com", "phone": "(312) 555-0142", "first_name": "Grace", "last_name": "Hopper",
        "tags": "navy, vip", "cf_birthday": "1906-12-09"})
    assert response.status_code == 303
    page = owner_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Grace Hopper" in page and "grace@example.com" in page and "+13125550142" in page
    assert "1906-12-09" in page and "Added by hand" in page
    contact = db.session.scalar(select(Contact))
    assert contact.tags == ["navy", "vip"] and contact.source == "manual"


@pytest.mark.parametrize("data, expected", [
    ({"email": "not-an-email"}, {"email": "valid email"}),
    ({"phone": "555"}, {"phone": "valid phone"}),
    ({"first_name": "Nobody"}, {"email": "email address or a mobile phone"}),
    ({"email": "a@example.com", "timezone": "Mars/Olympus"}, {"timezone": "time zone"}),
    ({"email": "bad", "phone": "bad", "cf_visits": "lots"}, {"email": "valid email", "phone": "valid phone",
                                                          "cf_visits": "number"}),
])
def test_new_contact_bad_input_is_shown_at_the_field(owner_client, organization, data, expected):
    operations.add_custom_field(organization, "Visits", "number")
    response = owner_client.post("/contacts/new", data=data)
    assert response.status_code == 422
    shown = errors_of(response)
    assert set(shown) == set(expected)
    for field, words in expected.items():
        assert words in shown[field]
    assert contact_count() == 0
    assert data.get("email", "") in response.get_data(as_text=True)  # nothing typed is lost


def test_adding_an_existing_contact_updates_it(owner_client, people):
    response = owner_client.post("/contacts/new", data={"email": "ADA@example.com", "company_name": "Babbage & Co"})
    assert response.status_code == 303
    assert "already a contact" in owner_client.get(response.headers["Location"]).get_data(as_text=True)
    assert contact_count() == 3
    db.session.expire_all()
    ada = db.session.scalar(select(Contact).where(Contact.email == "ada@example.com"))
    assert ada.company_name == "Babbage & Co" and ada.first_name == "Ada"


def test_unknown_custom_field_is_refused(app_ctx, organization):
    with pytest.raises(operations.ContactValidationError) as raised:
        operations.upsert_contact(organization, {"email": "a@example.com", "custom_fields": {"shoe_size": 9}}, "api")
    assert list(raised.value.errors) == ["custom_fields.shoe_size"]


def test_edit_in_place(owner_client, people):
    ada = people[0]
    form = owner_client.get(f"/contacts/{ada.id}/edit", headers={"HX-Request": "true"}).get_data(as_text=True)
    assert "<html" not in form and 'id="details"' in form and 'value="Lovelace"' in form
    bad = owner_client.post(f"/contacts/{ada.id}/edit", headers={"HX-Request": "true"},
                            data={"email": "bob@example.com", "phone": "nope", "first_name": "Ada"})
    assert bad.status_code == 422 and "<html" not in bad.get_data(as_text=True)
    assert set(errors_of(bad)) == {"email", "phone"} and "Another contact" in errors_of(bad)["email"]
    good = owner_client.post(f"/contacts/{ada.id}/edit", headers={"HX-Request": "true"},
                             data={"email": "ada@example.com", "first_name": "Augusta Ada", "last_name": "King",
                                   "tags": "vip, countess"})
    html = good.get_data(as_text=True)
    assert good.status_code == 200 and "Saved" in html and "Augusta Ada King" in html
    assert 'id="timeline" hx-swap-oob="true"' in html and "Updated phone, first name, last name, company name, tags" in html
    # without JavaScript: a plain form post answers with a redirect to the page
    plain = owner_client.post(f"/contacts/{ada.id}/edit", data={"email": "ada@example.com", "first_name": "Ada"})
    assert plain.status_code == 303 and plain.headers["Location"] == f"/contacts/{ada.id}"


def test_delete_asks_first(owner_client, people):
    ada = people[0]
    confirm = owner_client.get(f"/contacts/{ada.id}/delete").get_data(as_text=True)
    assert "Delete 1 contact?" in confirm and "can't be undone" in confirm
    assert contact_count() == 3
    response = owner_client.post(f"/contacts/{ada.id}/delete")
    assert response.status_code == 303 and response.headers["Location"] == "/contacts"
    assert contact_count() == 2
    assert owner_client.get(f"/contacts/{ada.id}").status_code == 404


def test_unsubscribe_with_a_reason_and_subscribe_again(owner_client, people):
    ada = people[0]
    owner_client.post(f"/contacts/{ada.id}/unsubscribe", data={"reason": "Asked to stop", "feedback": "by phone"})
    page = owner_client.get(f"/contacts/{ada.id}").get_data(as_text=True)
    assert "Unsubscribed: Asked to stop" in page and "Subscribe again" in page
    owner_client.post(f"/contacts/{ada.id}/subscribe")
    db.session.expire_all()
    assert db.session.get(Contact, ada.id).status == "subscribed"


def test_bulk_tag_untag_unsubscribe_and_delete(owner_client, people):
    ada, bob, eve = people
    ids = [str(ada.id), str(bob.id)]
    response = owner_client.post("/contacts/bulk", data={"action": "tag", "tag": "Winter", "ids": ids, "next": "/contacts?tag=vip"})
    assert response.status_code == 303 and response.headers["Location"] == "/contacts?tag=vip"
    assert "Tagged 2 contacts" in owner_client.get("/contacts").get_data(as_text=True)
    owner_client.post("/contacts/bulk", data={"action": "untag", "tag": "winter", "ids": [str(bob.id)]})
    db.session.expire_all()
    assert db.session.get(Contact, ada.id).tags == ["vip", "Winter"] and db.session.get(Contact, bob.id).tags == []

    confirm = owner_client.post("/contacts/bulk", data={"action": "delete", "ids": ids})
    assert confirm.status_code == 200 and "Delete 2 contacts?" in confirm.get_data(as_text=True)
    assert contact_count() == 3
    owner_client.post("/contacts/bulk", data={"action": "unsubscribe", "ids": ids, "confirm": "yes", "reason": "Moved away"})
    db.session.expire_all()
    assert db.session.get(Contact, bob.id).status == "unsubscribed"
    owner_client.post("/contacts/bulk", data={"action": "delete", "ids": ids, "confirm": "yes"})
    assert contact_count() == 1


@pytest.fixture
def crowd(organization, other_owner):
    """60 imported contacts (more than a page), 5 added by hand, and 3 imported ones of another business."""
    imported = [ContactFactory(organization=organization, source="import", last_name=f"Imported{n:02d}") for n in range(60)]
    by_hand = [ContactFactory(organization=organization, source="manual") for _ in range(5)]
    foreign = [ContactFactory(organization=other_owner.organization, source="import") for _ in range(3)]
    return [c.id for c in imported], [c.id for c in by_hand], [c.id for c in foreign]


def statuses(ids):
    db.session.expire_all()
    return {db.session.get(Contact, i).status for i in ids}


def test_select_all_matching_the_filter_acts_on_the_whole_filter(owner_client, crowd, monkeypatch):
    imported, by_hand, foreign = crowd
    monkeypatch.setattr(operations, "BATCH_SIZE", 25)  # three batches
    page = owner_client.get("/contacts?source=import").get_data(as_text=True)
    assert "Select all 60 contacts matching this filter" in page and "All 25 on this page are selected." in page
    everyone = {"everyone": "yes", "filters": '{"source": "import"}', "next": "/contacts?source=import"}

    answer = owner_client.post("/contacts/bulk", data={"action": "tag", "tag": "Spring", **everyone})
    assert answer.headers["Location"] == "/contacts?source=import"
    assert "Tagged 60 contacts “Spring”." in owner_client.get("/contacts").get_data(as_text=True)
    db.session.expire_all()
    assert all(db.session.get(Contact, i).tags == ["Spring"] for i in imported)
    assert all(db.session.get(Contact, i).tags == [] for i in by_hand + foreign)
    owner_client.post("/contacts/bulk", data={"action": "untag", "tag": "spring", **everyone})
    assert "Removed the tag from 60 contacts." in owner_client.get("/contacts").get_data(as_text=True)

    confirm = owner_client.post("/contacts/bulk", data={"action": "delete", **everyone}).get_data(as_text=True)
    assert "Delete 60 contacts?" in confirm and "every contact matching the list&#39;s filter" in confirm
    assert "and 40 more" in confirm and 'name="everyone" value="yes"' in confirm and 'name="ids"' not in confirm
    assert contact_count() == 68
    owner_client.post("/contacts/bulk", data={"action": "unsubscribe", "confirm": "yes", "reason": "Moved", **everyone})
    assert statuses(imported) == {"unsubscribed"} and statuses(by_hand + foreign) == {"subscribed"}
    unsubscribed = db.session.scalar(select(func.count()).select_from(ContactActivity).where(
        ContactActivity.kind == "unsubscribed", ContactActivity.summary == "Unsubscribed: Moved"))
    assert unsubscribed == 60
    owner_client.post("/contacts/bulk", data={"action": "delete", "confirm": "yes", **everyone})
    assert "Deleted 60 contacts." in owner_client.get("/contacts").get_data(as_text=True)
    assert set(db.session.scalars(select(Contact.id))) == set(by_hand + foreign)


def test_unsubscribing_or_deleting_a_large_filter_runs_in_the_background(owner_client, crowd, huey_consumer, monkeypatch):
    imported, by_hand, foreign = crowd
    monkeypatch.setattr(operations, "IN_REQUEST_LIMIT", 50)
    everyone = {"everyone": "yes", "filters": '{"source": "import"}', "confirm": "yes"}
    owner_client.post("/contacts/bulk", data={"action": "unsubscribe", "reason": "Moved", **everyone})
    assert "Unsubscribing 60 contacts in the background" in owner_client.get("/contacts").get_data(as_text=True)
    assert wait_until(lambda: statuses(imported) == {"unsubscribed"})
    assert statuses(by_hand + foreign) == {"subscribed"}
    owner_client.post("/contacts/bulk", data={"action": "delete", **everyone})
    assert "Deleting 60 contacts in the background" in owner_client.get("/contacts").get_data(as_text=True)
    assert wait_until(lambda: contact_count() == 8)
    db.session.expire_all()
    assert set(db.session.scalars(select(Contact.id))) == set(by_hand + foreign)


def wait_until(check, seconds=15):
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            return False
        db.session.rollback()
        time.sleep(0.05)
    return True


def test_select_all_with_no_filter_is_every_contact_of_the_business_only(owner_client, crowd):
    imported, by_hand, foreign = crowd
    page = owner_client.get("/contacts").get_data(as_text=True)
    assert "Select all 65 contacts</button>" in page
    confirm = owner_client.post("/contacts/bulk", data={"action": "delete", "everyone": "yes", "filters": "{}"})
    assert "Delete 65 contacts?" in confirm.get_data(as_text=True)
    assert "That is all your contacts." in confirm.get_data(as_text=True)
    owner_client.post("/contacts/bulk", data={"action": "delete", "everyone": "yes", "filters": "{}", "confirm": "yes"})
    assert set(db.session.scalars(select(Contact.id))) == set(foreign)


@pytest.mark.parametrize("filters", ["not json", "[1, 2]", None])
def test_select_all_with_an_unreadable_filter_does_nothing(owner_client, crowd, filters):
    data = {"action": "delete", "everyone": "yes", "confirm": "yes"} | ({"filters": filters} if filters else {})
    assert owner_client.post("/contacts/bulk", data=data).status_code == 303
    assert "The filter of the list could not be read" in owner_client.get("/contacts").get_data(as_text=True)
    assert contact_count() == 68


def test_a_single_page_offers_no_select_all(owner_client, people):
    assert "Select all" not in owner_client.get("/contacts").get_data(as_text=True).replace("Select all on this page", "")


def test_segments_save_apply_delete(owner_client, people, organization):
    response = owner_client.post("/contacts/segments", data={"name": "VIPs", "filters": '{"tag": "vip", "search": ""}'})
    segment = db.session.scalar(select(Segment))
    assert response.headers["Location"] == f"/contacts?segment={segment.id}"
    assert segment.filters == {"tag": "vip"}
    html = owner_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "VIPs" in html and "Ada Lovelace" in html and "Bob Builder" not in html
    twice = owner_client.post("/contacts/segments", data={"name": "vips", "filters": "{}"})
    assert "already a segment" in owner_client.get(twice.headers["Location"]).get_data(as_text=True)
    owner_client.post(f"/contacts/segments/{segment.id}/delete")
    assert db.session.scalar(select(func.count()).select_from(Segment)) == 0


def test_export_streams_the_current_filter_with_custom_fields(owner_client, people, organization):
    operations.add_custom_field(organization, "Plan", "choice", choices="Basic, Premium")
    operations.update_contact(people[0], {"custom_fields": {"plan": "premium"}})
    response = owner_client.get("/contacts/export.csv?tag=vip", buffered=True)
    assert response.mimetype == "text/csv" and "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert [(r["email"], r["phone"], r["tags"], r["plan"]) for r in rows] == [
        ("ada@example.com", "+14155550100", "vip", "Premium")]
    everyone = owner_client.get("/contacts/export.csv", buffered=True).get_data(as_text=True)
    assert everyone.count("@example.com") == 3


def test_export_defuses_spreadsheet_formulas(owner_client, organization):
    ContactFactory(organization=organization, email="x@example.com", first_name="=HYPERLINK(\"evil\")", phone="+14155550100")
    text = owner_client.get("/contacts/export.csv", buffered=True).get_data(as_text=True)
    assert "'=HYPERLINK" in text and ",+14155550100," in text


def test_custom_fields_settings(owner_client, organization):
    page = owner_client.get("/settings/custom-fields").get_data(as_text=True)
    assert "No custom fields yet" in page
    bad = owner_client.post("/settings/custom-fields", data={"label": "Email", "field_type": "text"})
    assert bad.status_code == 422 and "standard contact field" in errors_of(bad)["label"]
    no_choices = owner_client.post("/settings/custom-fields", data={"label": "Plan", "field_type": "choice"})
    assert "choices" in errors_of(no_choices)
    owner_client.post("/settings/custom-fields", data={"label": "Favourite Pastry", "field_type": "text"})
    definition = db.session.scalar(select(CustomFieldDefinition))
    assert definition.key == "favourite_pastry"
    owner_client.post(f"/settings/custom-fields/{definition.id}", data={"label": "Pastry"})
    assert "Pastry" in owner_client.get("/settings/custom-fields").get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(CustomFieldDefinition, definition.id).label == "Pastry"
    owner_client.post(f"/settings/custom-fields/{definition.id}/remove")
    assert db.session.scalar(select(func.count()).select_from(CustomFieldDefinition)) == 0


def test_tags_settings(owner_client, people):
    page = owner_client.get("/settings/tags").get_data(as_text=True)
    assert "vip" in page
    tag = db.session.scalar(select(Tag))
    owner_client.post(f"/settings/tags/{tag.id}", data={"label": "VIP customers"})
    db.session.expire_all()
    assert db.session.get(Contact, people[0].id).tags == ["VIP customers"]
    owner_client.post(f"/settings/tags/{tag.id}/delete")
    db.session.expire_all()
    assert db.session.get(Contact, people[0].id).tags == []


def test_viewers_look_but_do_not_change(app, organization, people):
    viewer = member_client(app, organization, "viewer")
    ada = people[0]
    assert viewer.get("/contacts").status_code == 200
    assert viewer.get(f"/contacts/{ada.id}").status_code == 200
    for path in ("/contacts/new", f"/contacts/{ada.id}/edit", f"/contacts/{ada.id}/delete"):
        assert viewer.get(path).status_code == 403
    assert viewer.post("/contacts/bulk", data={"action": "delete", "ids": [str(ada.id)], "confirm": "yes"}).status_code == 403
    assert viewer.post("/settings/custom-fields", data={"label": "X", "field_type": "text"}).status_code == 403
    assert contact_count() == 3


def test_logged_out_visitors_go_to_login(client):
    response = client.get("/contacts")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_forged_csrf_token_is_refused(app, owner_client, people):
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        ada = people[0]
        for path, data in (("/contacts/new", {"email": "x@example.com"}),
                           (f"/contacts/{ada.id}/edit", {"email": "x@example.com"}),
                           (f"/contacts/{ada.id}/delete", {}),
                           ("/contacts/bulk", {"action": "delete", "ids": [str(ada.id)], "confirm": "yes"})):
            response = owner_client.post(path, data={**data, "csrf_token": "forged"})
            assert response.status_code == 400, path
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert contact_count() == 3
    db.session.expire_all()
    assert db.session.get(Contact, ada.id).email == "ada@example.com"


def test_another_organization_sees_nothing(other_client, owner_client, people, organization):
    ada = people[0]
    segment = operations.save_segment(organization.id, "VIPs", {"tag": "vip"})
    tag = db.session.scalar(select(Tag))
    html = other_client.get("/contacts?q=ada").get_data(as_text=True)
    assert "Ada Lovelace" not in html and "No contacts" in html  # (not "Ada": a made-up user may be an Adams)
    assert "ada@example.com" not in other_client.get("/contacts").get_data(as_text=True)
    assert "Ada Lovelace" not in other_client.get(f"/contacts?segment={segment.id}").get_data(as_text=True)
    assert "VIPs" not in other_client.get("/contacts").get_data(as_text=True)
    export = other_client.get("/contacts/export.csv", buffered=True).get_data(as_text=True)
    assert "example.com" not in export and export.count("\n") == 1
    assert "example.com" not in other_client.get(f"/contacts/export.csv?segment={segment.id}", buffered=True).get_data(as_text=True)
    for path in (f"/contacts/{ada.id}", f"/contacts/{ada.id}/edit", f"/contacts/{ada.id}/delete"):
        assert other_client.get(path).status_code == 404
    assert other_client.post(f"/contacts/{ada.id}/unsubscribe", data={"reason": "Asked to stop"}).status_code == 404
    assert other_client.post(f"/contacts/segments/{segment.id}/delete").status_code == 404
    assert other_client.post(f"/settings/tags/{tag.id}/delete").status_code == 404
    other_client.post("/contacts/bulk", data={"action": "delete", "ids": [str(ada.id)], "confirm": "yes"})
    other_client.post("/contacts/bulk", data={"action": "tag", "tag": "stolen", "ids": [str(ada.id)]})
    assert "vip" not in other_client.get("/settings/tags").get_data(as_text=True)
    db.session.expire_all()
    assert contact_count() == 3 and db.session.get(Contact, ada.id).tags == ["vip"]


def test_seed_demo_adds_a_few_hundred_realistic_contacts(runner, client, app_ctx):
    from nudgeweb.demo import DEMO_EMAIL, DEMO_PASSWORD

    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    assert runner.invoke(args=["seed-demo"]).exit_code == 0  # a reset, not a second copy
    assert contact_count() == 303  # 300 customers, and 3 sign-ups the demo's CSV import brought in
    client.post("/login", data={"email": DEMO_EMAIL, "password": DEMO_PASSWORD})
    html = client.get("/contacts").get_data(as_text=True)
    assert "303 contacts" in html
    assert "More than" not in client.get("/contacts?tag=vip").get_data(as_text=True)
    contact = db.session.scalar(select(Contact).where(Contact.phone.is_not(None)).limit(1))
    page = client.get(f"/contacts/{contact.id}").get_data(as_text=True)
    assert "Favourite treat" in page and contact.phone in page and "Activity" in page
