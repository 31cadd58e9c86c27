"""Email through a real SMTP server: what arrives, tracked links and the pixel, unsubscribing, DKIM."""
import base64
import hashlib
import re

import dkim
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from itsdangerous import Signer

from nudgeweb.delivery import queue_direct, queue_message
from nudgeweb.delivery.configuration import save_sending_settings
from nudgeweb.delivery.signals import message_event
from nudgeweb.message_templates.rendering import TemplateRenderError
from nudgeweb.models import ContactActivity, Message, MessageEvent, db
from nudgeweb.unit_of_work import unit_of_work
from tests.delivery_support import SmtpServer, email_template, parts_of, smtp  # noqa: F401
from tests.factories import ContactFactory


@pytest.fixture
def ada(organization):
    return ContactFactory(organization=organization, email="ada@example.net", first_name="Ada")


def path_of(url):
    return url.removeprefix("http://localhost")


def test_marketing_email_arrives_with_both_parts_tracking_and_unsubscribe_headers(smtp, organization, ada):
    with unit_of_work(organization.id):
        message = queue_message(ada, "email", email_template(organization), purpose="campaign")
    assert message.status == "sent" and message.backend == "smtp"

    [received] = smtp.sink.to("ada@example.net")
    assert received["Subject"] == "Hello Ada, spring is here"
    assert "Acme Plumbing" in received["From"]
    assert received["Message-ID"] == message.provider_id
    text, html = parts_of(received)
    assert "Hi Ada, see our offer: https://shop.example/offer" in text
    assert "color: #333" in html  # CSS inlined by the template renderer
    unsubscribe = re.search(r"<(http://localhost/u/[^>]+)>", received["List-Unsubscribe"]).group(1)
    assert received["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert f'href="{unsubscribe}"' in html  # the template's own link is the same one, untracked
    assert len(re.findall(r'href="http://localhost/t/c/[^"]+"', html)) == 1
    assert "https://shop.example" not in html  # the offer link goes through the click redirect
    assert re.search(r'<img src="http://localhost/t/o/[^"]+\.gif"', html)
    assert db.session.scalar(db.select(ContactActivity.summary).where(ContactActivity.kind == "message.sent")) == \
        "Email sent: Hello Ada, spring is here"


def test_click_redirects_to_the_signed_target_and_is_recorded_once_per_click(smtp, organization, ada, client):
    heard = []
    message_event.connect(receiver := lambda purpose, **kw: heard.append((purpose, kw["event"])), weak=False)
    try:
        with unit_of_work(organization.id):
            queue_message(ada, "email", email_template(organization), purpose="campaign")
        _, html = parts_of(smtp.sink.to("ada@example.net")[0])
        link = re.search(r'href="(http://localhost/t/c/[^"]+)"', html).group(1)
        answer = client.get(path_of(link), headers={"User-Agent": "Mail/1.0"})
        assert answer.status_code == 302
        assert answer.headers["Location"] == "https://shop.example/offer?a=1&b=2"
        pixel = re.search(r'<img src="(http://localhost/t/o/[^"]+)"', html).group(1)
        assert client.get(path_of(pixel)).headers["Content-Type"] == "image/gif"
        client.get(path_of(pixel))
    finally:
        message_event.disconnect(receiver)
    assert heard == [("campaign", "sent"), ("campaign", "clicked"), ("campaign", "opened"), ("campaign", "opened")]
    click = db.session.scalar(db.select(MessageEvent).where(MessageEvent.type == "clicked"))
    assert (click.url, click.user_agent, click.ip) == ("https://shop.example/offer?a=1&b=2", "Mail/1.0", "127.0.0.1")
    kinds = db.session.scalars(db.select(ContactActivity.kind).order_by(ContactActivity.occurred_at)).all()
    assert kinds == ["message.sent", "message.clicked"]  # the opens after the click add nothing new
    message = db.session.scalar(db.select(Message))
    assert message.clicked_at and message.opened_at


def test_a_forged_or_changed_link_redirects_nowhere(client, smtp, organization, ada):
    with unit_of_work(organization.id):
        queue_message(ada, "email", email_template(organization), purpose="campaign")
    _, html = parts_of(smtp.sink.to("ada@example.net")[0])
    token = re.search(r'href="http://localhost/t/c/([^"]+)"', html).group(1)
    for bad in (token[:-2] + "xx", "WyJhYmMiLCAiaHR0cHM6Ly9ldmlsLmV4YW1wbGUiXQ.forged"):
        answer = client.get(f"/t/c/{bad}")
        assert answer.status_code == 404 and "Location" not in answer.headers
    assert client.get("/t/c/x?url=https://evil.example").status_code == 404


def test_links_of_emails_signed_by_itsdangerous_itself_still_work(client, smtp, organization, ada, app):
    """The signer is keyed once for speed; links already in inboxes (made by itsdangerous' Signer) still redirect."""
    with unit_of_work(organization.id):
        message = queue_message(ada, "email", email_template(organization), purpose="campaign")
    signer = Signer(app.config["SECRET_KEY"], salt="nudge.click", digest_method=hashlib.sha256)
    payload = ".".join(base64.urlsafe_b64encode(part.encode()).rstrip(b"=").decode()
                       for part in (message.id.hex, "https://shop.example/spring"))
    answer = client.get(f"/t/c/{signer.sign(payload).decode()}")
    assert (answer.status_code, answer.headers.get("Location")) == (302, "https://shop.example/spring")
    _, html = parts_of(smtp.sink.to("ada@example.net")[0])
    ours = re.search(r'href="http://localhost/t/c/([^"]+)"', html).group(1)
    assert signer.unsign(ours)  # and what we sign now, itsdangerous accepts


def test_tracking_can_be_switched_off_per_send(smtp, organization, ada):
    with unit_of_work(organization.id):
        queue_message(ada, "email", email_template(organization), purpose="campaign", track=False)
    _, html = parts_of(smtp.sink.to("ada@example.net")[0])
    assert "/t/c/" not in html and "/t/o/" not in html
    assert 'href="https://shop.example/offer?a=1&amp;b=2"' in html


def test_one_click_unsubscribe_post_works_without_login(smtp, organization, ada, client):
    with unit_of_work(organization.id):
        queue_message(ada, "email", email_template(organization), purpose="campaign")
    received = smtp.sink.to("ada@example.net")[0]
    url = re.search(r"<(http://localhost/u/[^>]+)>", received["List-Unsubscribe"]).group(1)
    answer = client.post(path_of(url), data={"List-Unsubscribe": "One-Click"})
    assert answer.status_code == 200
    db.session.refresh(ada)
    assert ada.status == "unsubscribed"
    assert db.session.scalar(db.select(MessageEvent.type).where(MessageEvent.type == "unsubscribed"))
    # and nothing more reaches them
    assert queue_message(ada, "email", email_template(organization, name="Another"), purpose="campaign").status == "failed"
    assert len(smtp.sink.to("ada@example.net")) == 1


def test_unsubscribe_page_asks_and_records_the_reason(smtp, organization, ada, client):
    with unit_of_work(organization.id):
        queue_message(ada, "email", email_template(organization), purpose="campaign")
    url = re.search(r"<(http://localhost/u/[^>]+)>", smtp.sink.to("ada@example.net")[0]["List-Unsubscribe"]).group(1)
    page = client.get(path_of(url))
    assert "Acme Plumbing will stop sending messages to" in page.text and "ada@example.net" in page.text
    done = client.post(path_of(url), data={"reason": "too_many", "feedback": "Weekly is plenty"})
    assert "You are unsubscribed" in done.text
    db.session.refresh(ada)
    assert (ada.status, ada.unsubscribe_reason) == ("unsubscribed", "I get too many messages")
    assert "You are unsubscribed" in client.get(path_of(url)).text
    assert client.get("/u/not-a-token").status_code == 404


def test_transactional_email_has_no_unsubscribe_header(smtp, organization, ada):
    with unit_of_work(organization.id):
        queue_message(ada, "email", email_template(organization), purpose="receipt", marketing=False, track=False)
    received = smtp.sink.to("ada@example.net")[0]
    assert received["List-Unsubscribe"] is None


def test_a_template_that_cannot_render_stores_and_sends_nothing(smtp, organization, ada):
    broken = email_template(organization, variables=[{"name": "coupon", "type": "text", "required": True}])
    with pytest.raises(TemplateRenderError, match="coupon"):
        queue_message(ada, "email", broken, purpose="campaign")
    ssti = email_template(organization, name="Evil", subject="{{ ''.__class__.__mro__[1].__subclasses__() }}")
    with pytest.raises(TemplateRenderError):
        queue_message(ada, "email", ssti, purpose="campaign")
    assert db.session.scalar(db.select(db.func.count()).select_from(Message)) == 0
    assert smtp.sink.messages == []


def test_hard_bounce_marks_message_and_contact_bounced(smtp, organization):
    contact = ContactFactory(organization=organization, email="bounce@example.net")
    with unit_of_work(organization.id):
        message = queue_message(contact, "email", email_template(organization), purpose="campaign")
    assert message.status == "bounced" and "550" in message.error
    db.session.refresh(contact)
    assert contact.status == "bounced"


def test_temporary_refusal_is_retried_later_with_backoff(smtp, organization):
    contact = ContactFactory(organization=organization, email="later@example.net")
    with unit_of_work(organization.id):
        message = queue_message(contact, "email", email_template(organization), purpose="campaign")
    assert message.status == "queued" and message.attempts == 1 and "451" in message.error
    assert (message.send_at - message.created_at).total_seconds() >= 59


def test_unreachable_server_is_a_transient_failure(app, organization, ada):
    app.config["MAIL_URL"] = "smtp://127.0.0.1:1?starttls=off"
    try:
        with unit_of_work(organization.id):
            message = queue_message(ada, "email", email_template(organization), purpose="campaign")
    finally:
        app.config["MAIL_URL"] = ""
    assert message.status == "queued" and "Could not connect" in message.error


def test_own_smtp_server_with_dkim_signature_that_verifies(app, organization, ada, allow_private_outbound):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption()).decode()
    public = key.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    with SmtpServer() as server:
        save_sending_settings(organization.id, {
            "email_backend": "smtp", "smtp_host": "127.0.0.1", "smtp_port": server.port, "smtp_security": "off",
            "smtp_username": "", "smtp_password": "", "from_name": "Acme", "from_email": "hello@acme.example",
            "dkim_domain": "acme.example", "dkim_selector": "s1", "dkim_private_key": pem,
        })
        stored = db.session.execute(db.text("SELECT dkim_private_key FROM sending_settings")).scalar()
        assert "PRIVATE KEY" not in stored  # encrypted at rest
        with unit_of_work(organization.id):
            queue_message(ada, "email", email_template(organization), purpose="campaign")
        [envelope] = server.sink.envelopes
    assert envelope.mail_from == "hello@acme.example"
    raw = envelope.original_content
    assert raw.startswith(b"DKIM-Signature:") and b"d=acme.example" in raw and b"s=s1" in raw

    import base64

    record = b"v=DKIM1; k=rsa; p=" + base64.b64encode(public)
    assert dkim.verify(raw, dnsfunc=lambda name, timeout=5: record if name == b"s1._domainkey.acme.example." else None)


def test_direct_email_to_the_team_goes_without_consent_checks(smtp, organization):
    with unit_of_work(organization.id):
        message = queue_direct(organization, "email", "owner@acme.example", subject="Test", text="It works",
                               html="<p>It works</p>", purpose="test")
    assert message.status == "sent"
    [received] = smtp.sink.to("owner@acme.example")
    assert received["Subject"] == "Test" and received["List-Unsubscribe"] is None


def test_marketing_email_ends_with_the_business_postal_address(smtp, organization, ada):
    organization.footer_address = "12 <Main> St, Springfield"
    db.session.commit()
    with unit_of_work(organization.id):
        queue_message(ada, "email", email_template(organization), purpose="campaign")
    text, html = parts_of(smtp.sink.to("ada@example.net")[0])
    assert text.rstrip().endswith("12 <Main> St, Springfield") and "12 &lt;Main&gt; St, Springfield" in html
