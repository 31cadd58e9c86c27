"""render_message: the sandbox, variables, CSS inlining, the derived text part, SMS segments."""
import time

import pytest

from nudgeweb.message_templates.rendering import TemplateRenderError, render_message, sms_segments
from nudgeweb.models import MessageTemplate
from tests.factories import OrganizationFactory

ANNA = {"first_name": "Anna", "last_name": "Lee", "email": "anna@example.com", "custom_fields": {"cake": "lemon"}}


@pytest.fixture
def bakery(app_ctx):
    return OrganizationFactory(name="Bluebird Bakery", brand_color="#ff6600")


def email(organization, **fields):
    fields = {"subject": "Hello", "html_content": "", "text_content": "", "variables": [], **fields}
    return MessageTemplate(organization=organization, channel="email", name="t", **fields)


def sms(organization, body, variables=()):
    return MessageTemplate(organization=organization, channel="sms", name="s", body=body, variables=list(variables))


def test_contact_business_custom_fields_and_context_are_available(bakery):
    template = email(
        bakery,
        subject="Hi {{ first_name }}, from {{ business_name }}",
        text_content="{{ full_name }} likes {{ custom_fields.cake }}{{ custom_fields.missing }}. {{ review_link }}",
    )
    rendered = render_message(template, ANNA, context={"review_link": "https://nudge.example/r/abc"})
    assert rendered.subject == "Hi Anna, from Bluebird Bakery"
    assert rendered.text == "Anna Lee likes lemon. https://nudge.example/r/abc"
    assert rendered.html is None


def test_contact_names_are_escaped_in_html_but_html_variables_are_not(bakery):
    template = email(
        bakery,
        html_content="<p>{{ first_name }}</p>{{ banner }}",
        variables=[{"name": "banner", "type": "html", "default": "<b>Sale</b>"}],
    )
    rendered = render_message(template, {"first_name": "<script>x</script>"})
    assert "&lt;script&gt;" in rendered.html and "<b>Sale</b>" in rendered.html


def test_subject_cannot_carry_a_new_header(bakery):
    template = email(bakery, subject="Hi {{ first_name }}", text_content="x")
    rendered = render_message(template, {"first_name": "Anna\r\nBcc: evil@example.com"})
    assert rendered.subject == "Hi Anna Bcc: evil@example.com" and "\n" not in rendered.subject


def test_declared_variables_defaults_given_values_and_missing_required(bakery):
    template = email(bakery, text_content="{{ offer }} until {{ until }}", variables=[
        {"name": "offer", "type": "text", "default": "10% off", "required": False},
        {"name": "until", "type": "date", "required": True},
    ])
    assert render_message(template, ANNA, {"until": "Friday"}).text == "10% off until Friday"
    assert render_message(template, ANNA, {"offer": "Free cake", "until": "Monday"}).text == "Free cake until Monday"
    with pytest.raises(TemplateRenderError) as error:
        render_message(template, ANNA)
    assert error.value.field == "variables"
    assert "required variable “until” has no value" in str(error.value)


def test_an_unknown_name_is_an_error_not_a_blank(bakery):
    with pytest.raises(TemplateRenderError) as error:
        render_message(email(bakery, subject="Hi {{ frist_name }}", text_content="x"), ANNA)
    assert error.value.field == "subject"
    assert "“frist_name” is not something this template knows" in str(error.value)


def test_a_link_the_sender_did_not_give_is_an_error(bakery):
    with pytest.raises(TemplateRenderError, match="“review_link” has no value here"):
        render_message(sms(bakery, "Review us: {{ review_link }}"), ANNA)


@pytest.mark.parametrize("source, message", [
    ("{{ ''.__class__.__mro__ }}", "can't use “__class__”"),
    ("{{ cycler.__init__.__globals__ }}", "can't use “__init__”"),
    ("{{ first_name.format(1) }}", "can't use “format”"),
    ("{{ (1).to_bytes(10**6, 'big') }}", "can't use “to_bytes”"),
    ("{% for i in range(10**9) %}x{% endfor %}", "range() is limited to 10,000"),
    ("{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}", "does too much work"),
    ("{% for a in 'x'*1000 %}{% for b in 'x'*1000 %}{% endfor %}{% endfor %}", "does too much work"),
    ("{% macro f(n) %}{% if n %}{{ f(n-1) }}{{ f(n-1) }}{% endif %}{% endmacro %}{{ f(40) }}", "does too much work"),
    ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "calls itself too deeply"),
    ("{{ 'x' * 10**9 }}", "larger than 256 KB"),
    ("{% set a = 'x' * 200000 %}{% set a = a ~ a %}{{ a }}", "larger than 256 KB"),
    ("{% set a %}{{ 'x' * 200000 }}{{ 'x' * 200000 }}{% endset %}", "larger than 256 KB"),
    ("{% for i in range(9000) %}{{ 'x' * 100 }}{% endfor %}", "larger than 256 KB"),
    ("{{ 'a'.replace('a', 'b' * 100000) * 3 }}", "larger than 256 KB"),
    ("{{ 'x'|center(10**9) }}", "width is limited"),
    ("{{ '%1000000000d' % 1 }}", "Format widths above 1000"),
    ("{% include 'other' %}", "can't use {% include %}"),
    ("{{ first_name }", "A variable is not closed: write {{ first_name }}."),
])
def test_unsafe_or_runaway_templates_are_refused_quickly_with_a_clear_message(bakery, source, message):
    started = time.monotonic()
    with pytest.raises(TemplateRenderError) as error:
        render_message(email(bakery, text_content=source), ANNA)
    assert message in str(error.value)
    assert error.value.field == "text_content"
    assert time.monotonic() - started < 2


def test_css_is_inlined_and_a_text_part_is_derived(bakery):
    template = email(bakery, html_content=(
        "<html><head><style>p { color: {{ brand_color }}; } .button { padding: 12px; }</style></head>"
        "<body><h1>Hi {{ first_name }}</h1><p>Thanks for visiting.</p>"
        '<p><a class="button" href="{{ review_link }}">Leave a review</a></p>'
        "<ul><li>Fresh bread</li><li>Cakes</li></ul></body></html>"
    ))
    rendered = render_message(template, ANNA, context={"review_link": "https://nudge.example/r/1"})
    assert "<style" not in rendered.html
    assert '<p style="color: #ff6600;">Thanks for visiting.</p>' in rendered.html
    assert 'class="button" href="https://nudge.example/r/1" style="padding: 12px;"' in rendered.html
    assert rendered.text == (
        "Hi Anna\n\nThanks for visiting.\n\nLeave a review (https://nudge.example/r/1)\n\n- Fresh bread\n- Cakes"
    )


def test_a_written_text_part_is_kept(bakery):
    template = email(bakery, html_content="<p>HTML {{ first_name }}</p>", text_content="Plain {{ first_name }}")
    assert render_message(template, ANNA).text == "Plain Anna"


def test_sms_body_and_segments(bakery):
    rendered = render_message(sms(bakery, "Hi {{ first_name }}, thanks from {{ business_name }}!"), ANNA)
    assert rendered.body == "Hi Anna, thanks from Bluebird Bakery!" and rendered.sms.segments == 1


@pytest.mark.parametrize("text, encoding, characters, segments", [
    ("", "GSM-7", 0, 0),
    ("a" * 160, "GSM-7", 160, 1),
    ("a" * 161, "GSM-7", 161, 2),
    ("a" * 306, "GSM-7", 306, 2),
    ("a" * 307, "GSM-7", 307, 3),
    ("€" * 80, "GSM-7", 160, 1),  # extension characters cost two
    ("é" * 10, "GSM-7", 10, 1),
    ("ê" * 70, "UCS-2", 70, 1),
    ("ê" * 71, "UCS-2", 71, 2),
    ("🙂" * 35, "UCS-2", 70, 1),  # an emoji is two UTF-16 units
])
def test_sms_segment_count(text, encoding, characters, segments):
    size = sms_segments(text)
    assert (size.encoding, size.characters, size.segments) == (encoding, characters, segments)


@pytest.mark.parametrize("html", [
    "<p>{% if tags|length < 2 %}Few{% else %}Many{% endif %} tags, <b>{{ first_name }}</b></p>",  # < inside Jinja
    "<ul>{% for tag in ['a', 'b'] %}<li>{{ tag }}</li>{% endfor %}</ul><p>{{ first_name }} &amp; co</p>",
])
def test_the_text_made_once_from_the_source_matches_the_text_of_each_message(bakery, html):
    from nudgeweb.message_templates.text import html_to_text

    rendered = render_message(email(bakery, html_content=html), {**ANNA, "tags": ["x"]})
    assert rendered.text == html_to_text(rendered.html)
