"""Templates written, checked, duplicated and deleted; starter templates for every new business."""
import pytest
from sqlalchemy import func, select

from nudgeweb.extensions import db
from nudgeweb.message_templates import operations
from nudgeweb.message_templates.rendering import render_message
from nudgeweb.message_templates.starter import KEYS, create_starter_templates, starter_template
from nudgeweb.models import MessageTemplate, Organization

EMAIL = {
    "name": "Spring sale",
    "description": "Our seasonal offer",
    "category": "newsletter",
    "channel": "email",
    "subject": "Spring at {{ business_name }}",
    "html_content": "<p>Hi {{ first_name }}, {{ offer }}</p>",
    "variables": [{"name": "offer", "type": "text", "default": "10% off", "required": False}],
}


def count():
    return db.session.scalar(select(func.count()).select_from(MessageTemplate))


def test_create_update_duplicate_delete(organization):
    template = operations.create_template(organization, EMAIL)
    assert template.organization_id == organization.id and template.variables[0]["required"] is False
    operations.update_template(template, {"subject": "Spring is here"})
    assert template.subject == "Spring is here" and template.name == "Spring sale"
    copy = operations.duplicate_template(template)
    again = operations.duplicate_template(template)
    assert (copy.name, again.name) == ("Spring sale (copy)", "Spring sale (copy) (2)")
    assert copy.html_content == template.html_content and copy.variables == template.variables
    operations.delete_template(template)
    assert count() == 2


@pytest.mark.parametrize("change, field, message", [
    ({"name": ""}, "name", "Give the template a name"),
    ({"channel": "fax"}, "channel", "Choose email or SMS"),
    ({"subject": ""}, "subject", "Write a subject line"),
    ({"html_content": ""}, "html_content", "Write the email"),
    ({"html_content": "{{ frist_name }}"}, "html_content", "“frist_name” is not something"),
    ({"html_content": "{{ ''.__class__.__mro__ }}"}, "html_content", "can't use “__class__”"),
    ({"subject": "{% if %}"}, "subject", "A {% %} tag is missing what it checks"),
    ({"variables": [{"name": "first_name"}]}, "variables", "already given by Nudge"),
    ({"variables": [{"name": "2x"}]}, "variables", "not a valid name"),
    ({"variables": [{"name": "a", "type": "blob"}]}, "variables", "the type must be one of"),
    ({"category": "Not OK!"}, "category", "short category"),
])
def test_bad_data_is_refused_at_the_field_and_saves_nothing(organization, change, field, message):
    with pytest.raises(operations.TemplateValidationError) as error:
        operations.create_template(organization, {**EMAIL, **change})
    assert message in error.value.errors[field]
    assert count() == 0


def test_a_refused_update_changes_nothing(organization):
    template = operations.create_template(organization, EMAIL)
    with pytest.raises(operations.TemplateValidationError):
        operations.update_template(template, {"name": "Renamed", "subject": "{{ nope }}"})
    db.session.expire_all()
    assert (template.name, template.subject) == ("Spring sale", "Spring at {{ business_name }}")


def test_names_are_unique_within_a_business_only(organization, other_owner):
    operations.create_template(organization, EMAIL)
    with pytest.raises(operations.TemplateValidationError) as error:
        operations.create_template(organization, EMAIL)
    assert "already have a template with this name" in error.value.errors["name"]
    operations.create_template(other_owner.organization, EMAIL)


def test_required_variables_may_be_saved_without_a_value_but_not_sent(organization):
    template = operations.create_template(organization, {
        **EMAIL, "variables": [{"name": "offer", "type": "text", "required": True}],
    })
    assert "[offer]" in operations.preview(template).html
    with pytest.raises(operations.TemplateRenderError, match="“offer” has no value"):
        render_message(template, {"first_name": "Ann"})


def test_sms_template_keeps_only_its_body(organization):
    template = operations.create_template(organization, {
        "name": "Text", "channel": "sms", "body": "Hi {{ first_name }}", "subject": "ignored",
    })
    assert template.body == "Hi {{ first_name }}" and template.subject == ""


def test_a_new_sign_up_gets_the_starter_templates(client, app_ctx):
    client.post("/signup", data={
        "business_name": "Bluebird Bakery", "name": "Alex Rivera",
        "email": "alex@bluebird.example", "password": "bluebird-demo-pw",
    })
    organization = db.session.scalar(select(Organization))
    templates = db.session.scalars(select(MessageTemplate).where(MessageTemplate.organization_id == organization.id)).all()
    assert {(t.starter_key, t.channel) for t in templates} == {(k, c) for k in KEYS for c in ("email", "sms")}
    request = starter_template(organization, "review_request")
    rendered = render_message(request, {"first_name": "Anna"}, context={"review_link": "https://x.example/r/1"})
    assert rendered.subject == "How did we do, Anna?"
    assert "Thank you for choosing Bluebird Bakery!" in rendered.html and "https://x.example/r/1" in rendered.text
    assert "<style" not in rendered.html and "background: #4f46e5" in rendered.html  # CSS inlined, brand colour
    nudge = starter_template(organization, "employee_nudge", "sms")
    body = render_message(nudge, None, context={"employee_name": "Sam", "employee_link": "https://x.example/e/1",
                                                "progress": "7 of 20 reviews"}).body
    assert body.startswith("Hi Sam, a reminder") and "So far: 7 of 20 reviews." in body


def test_starter_templates_are_recreated_lazily_and_not_twice(organization):
    create_starter_templates(organization)
    create_starter_templates(organization)
    assert count() == 8
    first = starter_template(organization, "review_follow_up_1", "sms")
    operations.delete_template(first)
    again = starter_template(organization, "review_follow_up_1", "sms")
    assert again.id != first.id and again.name == "Review follow-up 1 (SMS)" and count() == 8
    for template in db.session.scalars(select(MessageTemplate)):
        assert operations.template_errors(template) == {}
    with pytest.raises(KeyError):
        starter_template(organization, "birthday")
