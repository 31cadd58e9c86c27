"""Email templates without HTML: the simple editor (formatting, a button, the business's logo and colour in a
branded layout), template mistakes said in plain words, and the logo set in the business profile."""
import html
import re
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from nudgeweb.extensions import db
from nudgeweb.message_templates import operations
from nudgeweb.message_templates.rendering import TemplateRenderError, render_message
from nudgeweb.message_templates.simple import simple_body, simple_html
from nudgeweb.models import MessageTemplate
from tests.test_template_pages import HX, field_error

SIMPLE = {
    "channel": "email", "name": "Thank you", "category": "review_request", "subject": "Thanks, {{ first_name }}",
    "editor": "simple",
    "simple_content": "Hi **{{ first_name }}**,\n\nThank you for choosing *{{ business_name }}*. "
                      "See [our prices](https://example.com/prices).\n\n[Leave a review]({{ review_link }})",
}


def test_simple_text_becomes_formatted_html_with_the_variables_kept():
    body = simple_body(SIMPLE["simple_content"] + "\n\n<script>alert(1)</script> [bad](javascript:alert(1))")
    assert "<p>Hi <strong>{{ first_name }}</strong>,</p>" in body
    assert "<em>{{ business_name }}</em>" in body and '<a href="https://example.com/prices">our prices</a>' in body
    assert '<p class="button-row"><a class="button" href="{{ review_link }}">Leave a review</a></p>' in body
    assert "<script>" not in body and "&lt;script&gt;" in body and 'href="javascript' not in body


def test_a_line_that_starts_and_ends_with_links_is_no_button():
    assert simple_body("[Our site](https://a.example) or [call us](tel:555)") == (
        '<p><a href="https://a.example">Our site</a> or <a href="tel:555">call us</a></p>')


def test_a_link_variable_on_a_line_of_its_own_is_a_button_and_a_long_address_wraps():
    text = "Hi,\nPlease tell us how we did:\n{{ review_link }}\n\nOr paste https://n.example/r/" + "x" * 80
    template = SimpleNamespace(channel="email", subject="Hi", html_content=simple_html(text), text_content="",
                               variables=[], organization=None)
    rendered = render_message(template, {}, context={"review_link": "https://n.example/r/abc"})
    button = re.search(r'<a class="button" href="https://n.example/r/abc" style="([^"]*)">Leave a review</a>', rendered.html)
    assert button and "display: inline-block" in button.group(1)
    assert "overflow-wrap: anywhere" in re.search(r'<div class="card" style="([^"]*)"', rendered.html).group(1)


def test_a_simple_email_is_saved_in_the_branded_layout_and_sent_with_logo_and_colour(owner_client, organization):
    organization.brand_color, organization.logo_url = "#0f766e", "https://maple.example/logo.png"
    db.session.commit()
    response = owner_client.post("/templates/new?channel=email", data=SIMPLE)
    assert response.status_code == 303, field_error(response, "simple_content")
    template = db.session.scalar(select(MessageTemplate).where(MessageTemplate.name == "Thank you"))
    assert template.editor == "simple" and template.simple_content == SIMPLE["simple_content"]
    rendered = render_message(template, {"first_name": "Ann"}, context={"review_link": "https://n.example/r/x"})
    assert '<img src="https://maple.example/logo.png" alt="Acme Plumbing"' in rendered.html
    assert "background: #0f766e" in rendered.html  # the button in the brand colour (CSS inlined)
    assert "<strong>Ann</strong>" in rendered.html and 'href="https://n.example/r/x"' in rendered.html
    assert "Leave a review" in rendered.text and "Hi Ann," in rendered.text  # the text part made from it
    editor = owner_client.get(f"/templates/{template.id}").get_data(as_text=True)
    assert '<input checked id="editor-0" name="editor" type="radio" value="simple">' in editor
    assert "Leave a review]({{ review_link }})" in editor


def test_the_preview_of_the_simple_editor_and_its_mistakes_at_the_right_line(owner_client, organization):
    text = owner_client.post("/templates/preview", data=SIMPLE, headers=HX).get_data(as_text=True)
    assert "Thanks, Jamie" in text and "Acme Plumbing" in html.unescape(text) and "button-row" in html.unescape(text)
    broken = {**SIMPLE, "simple_content": "Hi,\n\nThanks {{ first_name\n\nBye"}
    text = html.unescape(owner_client.post("/templates/preview", data=broken, headers=HX).get_data(as_text=True))
    assert "Email:</strong>" in text and "Line 3: A variable is not closed: write {{ first_name }}." in text
    response = owner_client.post("/templates/new?channel=email", data=broken)
    assert response.status_code == 422
    assert field_error(response, "simple_content") == "Line 3: A variable is not closed: write {{ first_name }}."


@pytest.mark.parametrize("fields, field", [
    ({"simple_content": "Hi {{ first_name,\n\nThank you for choosing *{{ business_name }}*."}, "simple_content"),
    ({"editor": "html", "simple_content": "",
      "html_content": "<html>\n<body>\n<p>Hi {{ first_name </p>\n<p>{{ business_name }}</p>\n</body>\n</html>"},
     "html_content"),
])
def test_an_unclosed_variable_is_named_at_the_line_it_was_typed(owner_client, organization, fields, field):
    line = 1 if field == "simple_content" else 3
    expected = f"Line {line}: A variable is not closed: write {{{{ first_name }}}}."
    broken = {**SIMPLE, **fields}
    text = html.unescape(owner_client.post("/templates/preview", data=broken, headers=HX).get_data(as_text=True))
    assert expected in text
    response = owner_client.post("/templates/new?channel=email", data=broken)
    assert response.status_code == 422 and field_error(response, field) == expected


def test_writing_the_html_through_the_api_leaves_the_simple_editor(app_ctx, organization):
    template = operations.create_template(organization, SIMPLE)
    operations.update_template(template, {"html_content": "<p>Hand-written {{ first_name }}</p>"})
    assert template.editor == "html" and template.html_content == "<p>Hand-written {{ first_name }}</p>"


@pytest.mark.parametrize("source, message", [
    ("Hi {{ first_name", "Line 1: A variable is not closed: write {{ first_name }}."),
    ("Hello\nHi {{ first_name, thanks for coming\n\nBye", "Line 2: A variable is not closed: write {{ first_name }}."),
    ("Hi {{ first_name }", "Line 1: A variable is not closed: write {{ first_name }}."),
    ("Hi {{ first_name,\n\nThanks for choosing {{ business_name }}.", "Line 1: A variable is not closed: write {{ first_name }}."),
    ("Hi\n<p>{{ first_name </p>\n<p>Bye</p>", "Line 2: A variable is not closed: write {{ first_name }}."),
    ("Hi {{ first name }}", "Line 1: A variable's name can't hold spaces: write {{ first_name }}"),
    ("Hi {{ }}", "Line 1: The {{ }} here is empty: write a variable's name inside, e.g. {{ first_name }}."),
    ("a\n{% if tags %}VIP\nb", "Line 2: This {% if %} is not closed: add {% endif %} where its part ends."),
    ("{% for tag in tags %}{{ tag }}", "Line 1: This {% for %} is not closed: add {% endfor %} where its part ends."),
    ("{% endif %}", "Line 1: There is a {% endif %} without a {% if %} before it to close."),
    ("{% if tags %}x{% endfor %}", "doesn't match the {% if %} that is open here: close that one first with {% endif %}."),
    ("{% hello %}", "Line 1: {% hello %} is not something templates know"),
    ("{{ first_name|uppper }}", "Line 1: There is no filter called “uppper”. Filters you can use include default, upper"),
    ('{{ first_name|default("there }}', "Line 1: A text in quotes is not closed"),
    ('{{ first_name|default("there" }}', "Line 1: A bracket is not closed"),
])
def test_template_mistakes_are_said_in_plain_words(source, message):
    with pytest.raises(TemplateRenderError) as error:
        render_message(SimpleNamespace(channel="sms", body=source, variables=[], organization=None), {"first_name": "A"})
    assert message in str(error.value)
    assert "token" not in str(error.value) and "expected" not in str(error.value)


def test_the_logo_is_set_in_the_business_profile_as_an_https_address(owner_client, organization):
    form = {"name": "Acme Plumbing", "timezone": "UTC", "default_country": "US", "brand_color": "#4f46e5"}
    response = owner_client.post("/settings/", data={**form, "logo_url": "http://acme.example/logo.png"})
    assert response.status_code == 422 and "https://" in field_error(response, "logo_url")
    response = owner_client.post("/settings/", data={**form, "logo_url": "https://acme.example/logo.png"})
    assert response.status_code == 302
    db.session.refresh(organization)
    assert organization.logo_url == "https://acme.example/logo.png"


def test_a_review_request_written_in_a_browser_goes_out_with_its_button(owner_client, organization):
    """A browser sends a text box's lines ending in \\r\\n: "{{ review_link }}" alone on its line stayed bare text in
    the email that went out, though the help promised a button; a bare address alone on its line is a button too."""
    from nudgeweb.message_templates.starter import starter_template
    from nudgeweb.models import Message
    from nudgeweb.reviews import operations as reviews
    from nudgeweb.unit_of_work import unit_of_work
    from tests.reviews_support import give_review_link

    give_review_link(organization)
    with unit_of_work(organization.id):
        template = starter_template(organization, "review_request", "email")
        template_id, subject = template.id, template.subject
    saved = owner_client.post(f"/templates/{template_id}", data={
        "name": "Review request", "channel": "email", "subject": subject, "editor": "simple",
        "simple_content": "Hi {{ first_name }},\r\n\r\nHow was your visit?\r\n{{ review_link }}\r\nhttps://lakeside.example/visit"})
    assert saved.status_code == 303
    with unit_of_work(organization.id):
        request = reviews.create_review_request(organization, {"first_name": "Pat", "email": "pat@example.com"}, 0,
                                                channel="email")
    sent = db.session.scalar(select(Message).where(Message.purpose_id == request.id)).html
    assert re.search(r'<a class="button" href="http://localhost/t/c/[^"]+"[^>]*>Leave a review</a>', sent)
    assert re.search(r'<a class="button" href="http://localhost/t/c/[^"]+"[^>]*>lakeside.example</a>', sent)
