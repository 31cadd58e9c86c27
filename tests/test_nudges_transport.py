"""Nudges leave through the business's own transport: its SMTP server and its Twilio account when it
has them (Settings → Sending), else the install's; never another business's."""
from nudgeweb.delivery.configuration import save_sending_settings
from nudgeweb.nudges.tasks import send_due_nudges
from nudgeweb.unit_of_work import unit_of_work
from tests.delivery_support import FakeTwilio, SmtpServer, smtp, twilio  # noqa: F401
from tests.factories import MembershipFactory
from tests.nudges_support import first_day, local, make_period, make_team
from tests.reviews_support import frozen_clock, travel_and_run  # noqa: F401

MARIA = ({"name": "Maria Lopez", "email": "maria@acme.example"},)


def own_smtp(organization, server, from_email):
    with unit_of_work(organization.id):
        save_sending_settings(organization.id, {
            "email_backend": "smtp", "smtp_host": "127.0.0.1", "smtp_port": server.port, "smtp_security": "off",
            "smtp_username": "", "smtp_password": "", "from_name": organization.name, "from_email": from_email})


def nudge_now(organization):
    moment = local(organization, first_day(organization), 9, 5)
    travel_and_run(moment)
    send_due_nudges(str(organization.id))
    travel_and_run(moment)


def test_a_nudge_for_a_business_goes_through_its_own_smtp_server(app, organization, smtp, allow_private_outbound):  # noqa: F811
    other = MembershipFactory(role="owner", organization__name="Globex Bakery").organization
    with SmtpServer() as acme_server, SmtpServer() as globex_server:
        own_smtp(organization, acme_server, "team@acme.example")
        own_smtp(other, globex_server, "hello@globex.example")
        make_team(organization, MARIA)
        make_period(organization)
        nudge_now(organization)

        [received] = acme_server.sink.messages
        assert received["To"] == "maria@acme.example"
        assert "team@acme.example" in received["From"] and "Nudge" not in received["From"]
        assert "/e/" in received.get_body(("plain",)).get_content()  # the live link, made at send time
        assert acme_server.sink.envelopes[0].mail_from == "team@acme.example"
        assert globex_server.sink.messages == []  # not the other business's server
    assert smtp.sink.messages == []  # nor the install's


def test_without_a_server_of_its_own_a_nudge_goes_through_the_install(organization, smtp):  # noqa: F811
    make_team(organization, MARIA)
    make_period(organization)
    nudge_now(organization)
    [received] = smtp.sink.messages
    assert received["To"] == "maria@acme.example" and organization.name in received["From"]


def test_an_sms_nudge_goes_through_the_business_twilio_account(app, organization, twilio):  # noqa: F811
    with unit_of_work(organization.id):
        save_sending_settings(organization.id, {
            "sms_backend": "twilio", "twilio_account_sid": "AC" + "a" * 32, "twilio_auth_token": "acme-token",
            "twilio_from_number": "+15550002222"})
    make_team(organization, ({"name": "Dev Patel", "phone": "+12125550142", "preferred_channel": "sms"},))
    make_period(organization)
    nudge_now(organization)
    [request] = twilio.requests
    assert f"/Accounts/AC{'a' * 32}/" in request["path"]  # the business's account, not the install's AC111…
    assert request["form"]["From"] == "+15550002222" and request["form"]["To"] == "+12125550142"
    assert "/e/" in request["form"]["Body"]
