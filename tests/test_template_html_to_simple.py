"""An email written in HTML switched to the simple editor: its text carried over as the simple editor writes it,
what the simple editor cannot say named beside the box, and the HTML kept until a save in the simple editor."""
import html
import re

from sqlalchemy import select

from nudgeweb.extensions import db
from nudgeweb.message_templates.rendering import render_message
from nudgeweb.message_templates.simple import simple_body, simple_html
from nudgeweb.message_templates.starter import STARTERS, create_starter_templates
from nudgeweb.message_templates.to_simple import simple_text
from nudgeweb.models import MessageTemplate

REVIEW_REQUEST_TEXT = """Hi {{ first_name|default('there', true) }},

Thank you for choosing {{ business_name }}! We'd love to hear how it went.

Would you take a minute to leave us a review? It helps neighbours find us.

[Leave a review]({{ review_link }})

Thank you,
The {{ business_name }} team"""


def textarea(page, name):
    match = re.search(rf'<textarea[^>]*name="{name}"[^>]*>\r?\n?(.*?)</textarea>', page, re.DOTALL)
    return html.unescape(match.group(1)) if match else None


def starter(organization, name="Review request (email)"):
    create_starter_templates(organization)
    return db.session.scalar(select(MessageTemplate).where(MessageTemplate.name == name))


def test_the_review_request_email_as_simple_text_with_its_button_line():
    converted = simple_text(STARTERS["review_request", "email"]["html_content"])
    assert converted.text == REVIEW_REQUEST_TEXT
    assert converted.not_kept == (
        "the HTML's own styles (colours, fonts, sizes, layout): the simple editor uses your logo and brand colour",
        "the heading style of “Hi {{ first_name|default('there', true) }},” (now an ordinary paragraph)",
        "the footer: your branded layout has its own, with the unsubscribe link",
    )
    body = simple_body(converted.text)
    assert '<p class="button-row"><a class="button" href="{{ review_link }}">Leave a review</a></p>' in body
    assert "<p>Thank you,<br />\nThe {{ business_name }} team</p>" in body


def test_an_if_around_a_paragraph_stays_with_it():
    converted = simple_text(STARTERS["employee_nudge", "email"]["html_content"])
    assert "\n\n{% if progress %}So far: **{{ progress }}**. Nice work!{% endif %}\n\n" in converted.text
    assert "[Send a review request]({{ employee_link }})" in converted.text


def test_bold_italic_links_and_lists_are_kept_and_text_that_looks_like_formatting_stays_text():
    converted = simple_text(
        "<p>We <b>really </b>care, <i>honestly</i>. See <a href='https://a.example/prices'>our prices</a>.</p>"
        "<p>2 * 3 = 6, [sic], snake_case, _under_</p><p>1. not a list</p>"
        "<ul><li>Free parking</li><li>Open <strong>Sundays</strong></li></ul>")
    assert converted.text == ("We **really** care, *honestly*. See [our prices](https://a.example/prices).\n\n"
                              "2 \\* 3 = 6, \\[sic\\], snake_case, \\_under\\_\n\n1\\. not a list\n\n"
                              "- Free parking\n- Open **Sundays**")
    assert converted.not_kept == ()
    body = simple_body(converted.text)
    assert "<p>2 * 3 = 6, [sic], snake_case, _under_</p>" in body and "<p>1. not a list</p>" in body
    assert "<li>Open <strong>Sundays</strong></li>" in body


def test_what_the_simple_editor_cannot_say_is_named():
    converted = simple_text(
        '<table><tr><td><img src="https://a.example/logo.png" alt="Acme logo"></td><td>Our <u>new</u> hours</td>'
        '</tr></table><p>Say hi: <a class="button" href="{{ review_link }}">Review us</a> today</p>'
        '<p><a href="https://a.example">Our website</a></p><p style="color: red">Sale!</p>')
    assert converted.text == ("Our new hours\n\nSay hi: [Review us]({{ review_link }}) today\n\n"
                              "[Our website](https://a.example)\n\nSale!")
    assert converted.not_kept == (
        "the table layout (its cells are now lines)", "the image “Acme logo”", "underlining",
        "the button look of “Review us” (a link on a line of its own is a button)",
        "the plain look of the link “Our website”: on a line of its own it is a button",
        "the HTML's own styles (colours, fonts, sizes, layout): the simple editor uses your logo and brand colour",
    )


def test_a_starter_opens_with_its_text_in_the_simple_editor_and_its_html_kept(owner_client, organization):
    template = starter(organization)
    page = owner_client.get(f"/templates/{template.id}").get_data(as_text=True)
    assert textarea(page, "simple_content") == REVIEW_REQUEST_TEXT
    assert textarea(page, "html_content") == template.html_content  # switching back without saving loses nothing
    note = html.unescape(re.search(r'<div class="not-kept"[^>]*>(.*?)</div>', page, re.DOTALL).group(1))
    assert "Some formatting of the HTML version is not kept:" in note
    assert "the heading style of “Hi {{ first_name|default('there', true) }},” (now an ordinary paragraph)" in note
    assert 'aria-describedby="simple_content-not-kept"' in page
    assert '<input checked id="editor-1" name="editor" type="radio" value="html">' in page  # still written in HTML


def test_saved_in_the_simple_editor_as_a_browser_posts_it(owner_client, organization):
    template = starter(organization)
    form = {"channel": "email", "name": template.name, "category": template.category, "subject": template.subject,
            "html_content": template.html_content.replace("\n", "\r\n"), "text_content": "",
            "editor": "simple", "simple_content": REVIEW_REQUEST_TEXT.replace("\n", "\r\n")}
    response = owner_client.post(f"/templates/{template.id}", data=form)
    assert response.status_code == 303
    db.session.expire_all()
    assert template.editor == "simple" and "button-row" in template.html_content
    rendered = render_message(template, {"first_name": "Ann"}, context={"review_link": "https://n.example/r/x"})
    assert 'class="button" href="https://n.example/r/x"' in rendered.html
    assert rendered.text.startswith("Acme Plumbing\n\nHi Ann,\n\nThank you for choosing Acme Plumbing!")  # (the brand)
    assert "Leave a review (https://n.example/r/x)\n\nThank you,\nThe Acme Plumbing team" in rendered.text
    page = owner_client.get(f"/templates/{template.id}").get_data(as_text=True)
    assert 'class="not-kept"' not in page  # its HTML is now what its text makes


def test_a_template_kept_in_html_keeps_its_html(owner_client, organization):
    template = starter(organization)
    original = template.html_content
    page = owner_client.get(f"/templates/{template.id}").get_data(as_text=True)
    form = {"channel": "email", "name": template.name, "category": template.category, "subject": template.subject,
            "html_content": textarea(page, "html_content").replace("\n", "\r\n"), "text_content": "",
            "editor": "html", "simple_content": textarea(page, "simple_content").replace("\n", "\r\n")}
    assert owner_client.post(f"/templates/{template.id}", data=form).status_code == 303
    db.session.expire_all()
    assert template.editor == "html" and template.html_content.replace("\r\n", "\n") == original
    assert textarea(owner_client.get(f"/templates/{template.id}").get_data(as_text=True),
                    "simple_content") == REVIEW_REQUEST_TEXT


def test_a_page_shown_again_keeps_what_the_owner_typed_in_the_simple_editor(owner_client, organization):
    template = starter(organization)
    form = {"channel": "email", "name": "", "category": template.category, "subject": template.subject,
            "html_content": template.html_content, "editor": "simple", "simple_content": "Hi,\r\n\r\nMy own words"}
    response = owner_client.post(f"/templates/{template.id}", data=form)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert textarea(page, "simple_content").replace("\r\n", "\n") == "Hi,\n\nMy own words"
    assert "Some formatting of the HTML version is not kept:" in page


def test_a_simple_template_opens_with_its_own_text(owner_client, organization):
    template = starter(organization)
    template.editor, template.simple_content = "simple", "Hi {{ first_name }},\n\nThanks!"
    template.html_content = simple_html(template.simple_content)
    db.session.commit()
    page = owner_client.get(f"/templates/{template.id}").get_data(as_text=True)
    assert textarea(page, "simple_content") == "Hi {{ first_name }},\n\nThanks!" and 'class="not-kept"' not in page


def test_switched_after_changing_the_html_the_box_is_made_from_the_html_as_it_is_now(owner_client, organization):
    changed = "<h2>Hello {{ first_name }}</h2>\r\n<p>Thanks for <b>coming</b>.<br>\r\nSee you!</p>\r\n" \
              '<p><a class="button" href="{{ review_link }}">Review us</a></p>'
    response = owner_client.post("/templates/simple-version", headers={"HX-Request": "true"}, data={
        "channel": "email", "editor": "simple", "html_content": changed, "simple_content": "old text"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and page.lstrip().startswith("<div id=\"simple-version\"") and "<html" not in page
    assert textarea(page, "simple_content") == ("Hello {{ first_name }}\n\nThanks for **coming**.\nSee you!\n\n"
                                                "[Review us]({{ review_link }})")
    assert "the heading style of “Hello {{ first_name }}” (now an ordinary paragraph)" in html.unescape(page)
