"""The Templates pages: list and filters, the editor and its errors, live preview, duplicate, delete, access."""
import html
import re

import pytest
from sqlalchemy import func, select

from nudgeweb.extensions import db
from nudgeweb.message_templates import operations
from nudgeweb.message_templates.starter import create_starter_templates
from nudgeweb.models import MessageTemplate
from nudgeweb.unit_of_work import unit_of_work
from tests.conftest import member_client
from tests.factories import ContactFactory

HX = {"HX-Request": "true"}
NEW_EMAIL = {
    "channel": "email",
    "name": "Spring sale",
    "category": "newsletter",
    "description": "Seasonal offer",
    "subject": "Spring at {{ business_name }}",
    "html_content": "<style>p { color: red; }</style><p>Hi {{ first_name }}, {{ offer }}</p>",
    "text_content": "",
    "variables-0-name": "offer",
    "variables-0-type": "text",
    "variables-0-default": "10% off",
}


def field_error(response, field):
    match = re.search(rf'<p class="error" id="{field}-error">([^<]*)</p>', response.get_data(as_text=True))
    return html.unescape(match.group(1)) if match else None


def count():
    return db.session.scalar(select(func.count()).select_from(MessageTemplate))


@pytest.fixture
def starters(organization):
    create_starter_templates(organization)


def test_list_filters_by_channel_and_category_as_page_and_fragment(owner_client, starters):
    page = owner_client.get("/templates?channel=sms").get_data(as_text=True)
    assert "<html" in page and "Review request (SMS)" in page and "Review request (email)" not in page
    fragment = owner_client.get("/templates?category=employee_nudge", headers=HX)
    text = fragment.get_data(as_text=True)
    assert "<html" not in text and "Employee nudge (email)" in text and "Review request" not in text
    assert "HX-Request" in fragment.headers["Vary"]
    assert "No template matches" in owner_client.get("/templates?search=zzz").get_data(as_text=True)


def test_empty_list_offers_the_starter_templates(owner_client, organization):
    assert "Add the starter templates" in owner_client.get("/templates").get_data(as_text=True)
    response = owner_client.post("/templates/starters")
    assert response.status_code == 303 and count() == 8


def test_the_navigation_leads_to_templates(owner_client):
    page = owner_client.get("/").get_data(as_text=True)
    assert 'href="/templates"' in page and "Templates <span class=\"soon\">" not in page


def test_create_an_email_template_with_a_variable(owner_client, organization):
    response = owner_client.post("/templates/new?channel=email", data=NEW_EMAIL)
    assert response.status_code == 303
    template = db.session.scalar(select(MessageTemplate))
    assert response.headers["Location"] == f"/templates/{template.id}"
    assert template.variables == [{"name": "offer", "type": "text", "default": "10% off", "required": False,
                                   "description": ""}]
    page = owner_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "“Spring sale” is saved." in html.unescape(page) and 'value="offer"' in page


@pytest.mark.parametrize("change, field, message", [
    ({"name": ""}, "name", "Give the template a name."),
    ({"subject": ""}, "subject", "Write a subject line."),
    ({"subject": "Hi {{ frist_name }}"}, "subject", "“frist_name” is not something this template knows"),
    ({"html_content": "{{ ''.__class__.__mro__ }}"}, "html_content", "Templates can't use “__class__”"),
    ({"html_content": "{% for i in range(10**9) %}x{% endfor %}"}, "html_content", "range() is limited"),
    ({"html_content": "<p>{% if %}</p>"}, "html_content", "Line 1: A {% %} tag is missing what it checks"),
    ({"variables-0-name": "first_name"}, "variables", "“first_name” is already given by Nudge"),
])
def test_bad_input_is_shown_at_the_field_and_nothing_is_saved(owner_client, organization, change, field, message):
    response = owner_client.post("/templates/new?channel=email", data={**NEW_EMAIL, **change})
    assert response.status_code == 422
    assert message in field_error(response, field)
    assert count() == 0
    assert 'value="Seasonal offer"' in response.get_data(as_text=True)  # nothing typed is lost


def test_sms_template_and_a_render_error_on_update(owner_client, organization):
    response = owner_client.post("/templates/new?channel=sms", data={
        "channel": "sms", "name": "Thanks", "category": "general", "body": "Thanks {{ first_name }}!"})
    assert response.status_code == 303
    template = db.session.scalar(select(MessageTemplate))
    bad = owner_client.post(f"/templates/{template.id}", data={
        "channel": "sms", "name": "Thanks", "category": "general", "body": "{{ first_name.__class__ }}"})
    assert bad.status_code == 422 and "can't use “__class__”" in field_error(bad, "body")
    db.session.expire_all()
    assert template.body == "Thanks {{ first_name }}!"


def test_add_a_variable_row_saves_nothing(owner_client, organization):
    response = owner_client.post("/templates/new?channel=email", data={**NEW_EMAIL, "add_variable": "1"})
    page = response.get_data(as_text=True)
    assert 'name="variables-1-name"' in page and count() == 0


def test_preview_of_an_email_in_a_sandboxed_iframe(owner_client, organization):
    response = owner_client.post("/templates/preview", data=NEW_EMAIL, headers=HX)
    text = response.get_data(as_text=True)
    frame = re.search(r'<iframe[^>]*sandbox=""[^>]*srcdoc="([^"]*)"', text)
    assert frame, text
    srcdoc = html.unescape(frame.group(1))
    assert '<p style="color: red;">Hi Jamie, 10% off</p>' in srcdoc  # sample contact, CSS inlined
    assert "Spring at Acme Plumbing" in text and "Hi Jamie, 10% off" in text  # subject and text part


def test_preview_for_a_chosen_contact_and_sms_segments(owner_client, organization):
    contact = ContactFactory(organization=organization, first_name="Anna", last_name="Quinn")
    data = {"channel": "sms", "name": "x", "body": "Hi {{ first_name }}, thanks! " + "x" * 150,
            "preview_contact": str(contact.id)}
    text = owner_client.post("/templates/preview", data=data, headers=HX).get_data(as_text=True)
    assert "Preview for Anna Quinn" in text and "Hi Anna, thanks!" in text
    assert "2 segments" in text and "GSM-7" in text
    emoji = owner_client.post("/templates/preview", data={**data, "body": "Thanks 🙂"}, headers=HX)
    assert "1 segment<" in emoji.get_data(as_text=True) and "UCS-2" in emoji.get_data(as_text=True)


def test_preview_shows_a_render_error(owner_client, organization):
    text = owner_client.post("/templates/preview", data={**NEW_EMAIL, "subject": "{{ ''.__class__ }}"},
                             headers=HX).get_data(as_text=True)
    assert "Subject:" in text and "can't use “__class__”" in html.unescape(text)


def test_duplicate_and_delete_with_confirmation(owner_client, organization):
    with unit_of_work(organization.id):
        template = operations.create_template(organization, {"name": "Promo", "channel": "sms", "body": "Hi"})
    response = owner_client.post(f"/templates/{template.id}/duplicate")
    copy = db.session.scalar(select(MessageTemplate).where(MessageTemplate.name == "Promo (copy)"))
    assert response.status_code == 303 and response.headers["Location"] == f"/templates/{copy.id}"
    confirm = owner_client.get(f"/templates/{template.id}/delete")
    assert "Delete “Promo”?" in html.unescape(confirm.get_data(as_text=True)) and count() == 2
    deleted = owner_client.post(f"/templates/{template.id}/delete")
    assert deleted.status_code == 303 and deleted.headers["Location"] == "/templates" and count() == 1


def test_viewers_see_but_cannot_change(app, organization):
    with unit_of_work(organization.id):
        template = operations.create_template(organization, {"name": "Promo", "channel": "sms", "body": "Hi"})
    viewer = member_client(app, organization, "viewer")
    page = viewer.get(f"/templates/{template.id}").get_data(as_text=True)
    assert "<fieldset class=\"stack\" disabled>" in page and "New email" not in viewer.get("/templates").get_data(as_text=True)
    assert viewer.post(f"/templates/{template.id}", data={"channel": "sms", "name": "X", "body": "Y"}).status_code == 403
    assert viewer.post(f"/templates/{template.id}/duplicate").status_code == 403
    assert viewer.post(f"/templates/{template.id}/delete").status_code == 403
    assert viewer.get("/templates/new").status_code == 403
    assert viewer.post("/templates/preview", data={"channel": "sms", "body": "Hi"}).status_code == 200


def test_another_business_cannot_see_preview_duplicate_or_delete(other_client, organization):
    with unit_of_work(organization.id):
        template = operations.create_template(organization, {"name": "Secret", "channel": "sms", "body": "Hi"})
    contact = ContactFactory(organization=organization)
    assert "Secret" not in other_client.get("/templates").get_data(as_text=True)
    for method, path in [("get", ""), ("post", ""), ("post", "/duplicate"), ("get", "/delete"), ("post", "/delete")]:
        assert getattr(other_client, method)(f"/templates/{template.id}{path}").status_code == 404
    preview = other_client.post("/templates/preview", data={"channel": "sms", "body": "Hi",
                                                            "preview_contact": str(contact.id)})
    assert preview.status_code == 404
    assert count() == 1


def test_one_save_names_every_bad_field_at_once(owner_client, organization):
    """Not a round of name and subject, then the body, then the unknown variables: all of them, each at its field."""
    response = owner_client.post("/templates/new?channel=email", data={
        **NEW_EMAIL, "name": "", "subject": "Hi {{ frist_name }}",
        "html_content": "<p>Hi {{ first_name,</p>\r\n<p>See you</p>", "text_content": "Hi {{ customer }},\r\nthanks"})
    assert response.status_code == 422 and count() == 0
    assert field_error(response, "name") == "Give the template a name."
    assert "“frist_name” is not something this template knows" in field_error(response, "subject")
    assert "A variable is not closed: write {{ first_name }}." in field_error(response, "html_content")
    assert "“customer” is not something this template knows" in field_error(response, "text_content")


def test_a_name_too_long_for_the_form_and_the_message_mistakes_at_once(owner_client, organization):
    response = owner_client.post("/templates/new?channel=email", data={
        **NEW_EMAIL, "name": "x" * 201, "subject": "", "html_content": "<p>{% if %}</p>"})
    assert response.status_code == 422
    assert "200" in field_error(response, "name")
    assert field_error(response, "subject") == "Write a subject line."
    assert "A {% %} tag is missing what it checks" in field_error(response, "html_content")


def test_the_simple_editor_names_the_subject_and_the_email_mistakes_at_once(owner_client, organization):
    response = owner_client.post("/templates/new?channel=email", data={
        "channel": "email", "name": "", "category": "general", "subject": "", "editor": "simple",
        "simple_content": "Hi {{ frist_name }},\r\n\r\nThanks!"})
    assert response.status_code == 422
    assert field_error(response, "name") == "Give the template a name."
    assert field_error(response, "subject") == "Write a subject line."
    assert "“frist_name” is not something this template knows" in field_error(response, "simple_content")
