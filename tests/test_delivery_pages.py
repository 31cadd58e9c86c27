"""The Outbox and Settings → Sending, over HTTP and in a real Chromium."""
import re

import pytest
from playwright.sync_api import expect

from nudgeweb.delivery import queue_message
from nudgeweb.models import Contact, Message, MessageTemplate, SendingSettings, db
from tests.conftest import log_in, member_client, screenshot
from tests.delivery_support import SmtpServer, email_template, smtp  # noqa: F401
from tests.factories import ContactFactory


@pytest.fixture
def sent(organization):
    contact = ContactFactory(organization=organization, email="ada@example.net", first_name="Ada")
    return queue_message(contact, "email", email_template(organization), purpose="campaign")


@pytest.mark.parametrize("role, status", [("viewer", 403), ("editor", 403), ("admin", 200)])
def test_outbox_is_for_owners_and_admins(app, organization, role, status):
    client = member_client(app, organization, role)
    assert client.get("/outbox").status_code == status
    assert client.get("/settings/sending").status_code == status


def test_outbox_lists_filters_and_shows_one_message(owner_client, sent):
    page = owner_client.get("/outbox")
    assert "ada@example.net" in page.text and "Hello Ada, spring is here" in page.text and "kept in the outbox: not delivered" in page.text
    fragment = owner_client.get("/outbox?channel=sms", headers={"HX-Request": "true"})
    assert "<html" not in fragment.text and "No message matches these filters" in fragment.text
    one = owner_client.get(f"/outbox/{sent.id}")
    assert "ada@example.net" in one.text and "srcdoc=" in one.text and "/t/o/" not in one.text
    # what happened says what really happened: it was kept, not sent
    assert "<strong>kept in the outbox</strong>" in one.text and "<strong>sent</strong>" not in one.text


def test_outbox_search_finds_a_number_as_the_pages_show_it_and_a_name(owner_client, organization, sent):
    """ "(212) 555-0188" and the customer's name found nothing: only "+12125550188" did."""
    from nudgeweb.delivery import queue_direct
    from nudgeweb.unit_of_work import unit_of_work

    with unit_of_work(organization.id):
        queue_direct(organization, "sms", "+12125550188", text="Your order is ready", purpose="test")
    for words in ("(212) 555-0188", "212 555 0188", "+12125550188", "555-0188", "0188", "(212"):  # part of it too
        page = owner_client.get("/outbox", query_string={"q": words}).text
        assert "Your order is ready" in page and "ada@example.net" not in page, words
    page = owner_client.get("/outbox", query_string={"q": "Ada"}).text
    assert "ada@example.net" in page and "Your order is ready" not in page
    assert "Your order is ready" not in owner_client.get("/outbox", query_string={"q": "99"}).text  # too few digits


def test_the_outbox_tells_messages_kept_in_it_from_those_sent(owner_client, organization, sent):
    from nudgeweb.delivery import queue_direct
    from nudgeweb.unit_of_work import unit_of_work

    with unit_of_work(organization.id):
        queue_direct(organization, "sms", "+12125550188", text="Kept here", purpose="test")  # (no provider: the outbox)
    db.session.expire_all()
    page = owner_client.get("/outbox").text
    assert '<option value="kept">Kept in the Outbox</option>' in page
    assert "Kept here" in owner_client.get("/outbox?status=kept").text
    assert "Kept here" not in owner_client.get("/outbox?status=sent").text  # "Sent": what left the machine


def test_outbox_pages_older_messages_without_counting_them(owner_client, organization, sent):
    for _ in range(50):  # 50 a page: with the fixture's, one is left for page 2
        queue_message(db.session.get(Contact, sent.contact_id), "email", db.session.get(MessageTemplate, sent.template_id),
                      purpose="campaign")
    first = owner_client.get("/outbox?channel=email").text
    assert "Showing 1–50" in first and "Page 1" not in first and 'rel="prev"' not in first
    assert re.search(r'href="/outbox\?[^"]*page=2[^"]*" rel="next">Next</a>', first)
    second = owner_client.get("/outbox?channel=email&page=2").text
    assert "Showing 51–51" in second and 'rel="next"' not in second
    assert re.search(r'href="/outbox\?[^"]*page=1[^"]*" rel="prev">Previous</a>', second)


def test_empty_outbox_says_what_to_do(owner_client):
    assert "Nothing sent yet" in owner_client.get("/outbox").text


def test_sending_settings_errors_at_the_field_and_secrets_never_shown(owner_client, organization):
    answer = owner_client.post("/settings/sending", data={"email_backend": "smtp", "sms_backend": "default"})
    assert answer.status_code == 422
    assert "Give your mail server&#39;s address" in answer.text or "Give your mail server's address" in answer.text
    answer = owner_client.post("/settings/sending", data={
        "email_backend": "smtp", "smtp_host": "mail.acme.example", "smtp_port": "587", "smtp_security": "starttls",
        "smtp_username": "acme", "smtp_password": "hunter2-secret", "from_email": "hello@acme.example",
        "sms_backend": "twilio", "twilio_account_sid": "AC" + "a" * 32, "twilio_auth_token": "tok-secret",
        "twilio_from_number": "+15550002222", "track_opens": "y", "sms_quiet_start": "21:00", "sms_quiet_end": "08:00",
    }, follow_redirects=True)
    assert "Your sending settings are saved." in answer.text
    assert "hunter2-secret" not in answer.text and "tok-secret" not in answer.text
    assert answer.text.count("saved — leave empty to keep it") == 2  # the password and the auth token, not DKIM
    assert f"/hooks/twilio/{organization.id.hex}/inbound" in answer.text
    settings = db.session.scalar(db.select(SendingSettings))
    assert (settings.smtp_host, settings.smtp_port, settings.smtp_security, settings.smtp_username,
            settings.smtp_password) == ("mail.acme.example", 587, "starttls", "acme", "hunter2-secret")
    assert "hunter2" not in db.session.execute(db.text("SELECT smtp_password FROM sending_settings")).scalar()
    assert settings.twilio_auth_token == "tok-secret" and settings.track_clicks is False
    # saving again without the secrets keeps them
    owner_client.post("/settings/sending", data={
        "email_backend": "smtp", "smtp_host": "mail.acme.example", "smtp_port": "587", "smtp_security": "starttls",
        "smtp_username": "acme", "from_email": "hello@acme.example", "sms_backend": "twilio",
        "twilio_account_sid": "AC" + "a" * 32, "twilio_from_number": "+15550002222"})
    db.session.refresh(settings)
    assert settings.smtp_password == "hunter2-secret" and settings.twilio_auth_token == "tok-secret"


def test_send_a_test_email_to_me(owner_client, owner, smtp):
    answer = owner_client.post("/settings/sending/test", follow_redirects=True)
    assert f"A test email is on its way to {owner.user.email}" in answer.text
    [received] = smtp.sink.to(owner.user.email)
    assert received["Subject"] == "Test email from Acme Plumbing"
    assert db.session.scalar(db.select(Message.purpose)) == "test"


@pytest.mark.browser
def test_outbox_in_a_browser(page, live_server, owner, sent):
    """Every check waits for what the user waits for: the next page loaded (its htmx ready), the swap done."""
    log_in(page, live_server, owner.user.email)
    page.locator(".sidebar").get_by_role("link", name="Settings").click()
    page.get_by_role("link", name="Sending").click()
    page.get_by_role("button", name="Send a test email to me").click()
    expect(page.get_by_text("A test email is on its way")).to_be_visible()
    screenshot(page, "delivery-sending-settings")
    page.locator(".sidebar").get_by_role("link", name="Outbox").click()
    page.wait_for_url(f"{live_server}/outbox")
    expect(page.locator("#outbox-rows tbody tr")).to_have_count(2)
    page.get_by_label("Channel").select_option("sms")
    expect(page.get_by_text("No message matches these filters")).to_be_visible()
    expect(page).to_have_url(re.compile(r"channel=sms"))
    page.get_by_label("Channel").select_option("")
    page.get_by_role("link", name="Hello Ada, spring is here").click()
    expect(page.frame_locator("iframe.email-preview").get_by_text("our offer")).to_be_visible()
    screenshot(page, "delivery-outbox-message")


@pytest.mark.browser
def test_connecting_my_own_smtp_server_in_a_browser(page, live_server, owner, allow_private_outbound):
    with SmtpServer() as server:  # the business's own mail server
        log_in(page, live_server, owner.user.email)
        page.locator(".sidebar").get_by_role("link", name="Settings").click()
        page.get_by_role("link", name="Sending").click()
        expect(page.get_by_text("Email goes through the local outbox")).to_be_visible()

        page.get_by_label("My own SMTP server").check()
        page.get_by_role("button", name="Save sending settings").click()
        expect(page.locator("#smtp_host-error")).to_contain_text("mail server's address")
        expect(page.get_by_label("My own SMTP server")).to_be_checked()  # nothing chosen is lost

        page.get_by_label("SMTP server", exact=True).fill("127.0.0.1")
        page.get_by_label("Port").fill(str(server.port))
        page.get_by_label("Security").select_option("off")
        page.get_by_label("Sender name").fill("Acme Plumbing Team")
        page.get_by_label("Sender email").fill("hello@acme.example")
        page.get_by_role("button", name="Save sending settings").click()
        expect(page.get_by_text("Your sending settings are saved.")).to_be_visible()
        expect(page.get_by_text(f"Email goes through your SMTP server (smtp://127.0.0.1:{server.port})")).to_be_visible()
        expect(page.get_by_label("SMTP server", exact=True)).to_have_value("127.0.0.1")
        expect(page.get_by_label("Password")).to_have_attribute("placeholder", "")  # none was saved

        page.get_by_role("button", name="Send a test email to me").click()
        expect(page.get_by_text(f"A test email is on its way to {owner.user.email}")).to_be_visible()
        screenshot(page, "delivery-own-smtp-server")
        [received] = server.sink.to(owner.user.email)
        assert received["From"] == "Acme Plumbing Team <hello@acme.example>"
        assert received["Subject"] == "Test email from Acme Plumbing"
