"""A campaign's From address goes out when it is at a domain the business sends from (its own sending
domain, or the install's MAIL_FROM domain); another is refused at the field on the page and when sending
through the API, with nothing sent; an empty one gives the usual sender with the campaign's From name."""
import re
from email.utils import parseaddr

import pytest

from nudgeweb.delivery.transports import sending_settings
from nudgeweb.models import Campaign, Message, db
from nudgeweb.unit_of_work import unit_of_work
from tests.api_helpers import key_headers, make_key
from tests.delivery_support import smtp  # noqa: F401
from tests.factories import ContactFactory
from tests.test_campaign_sending import business, make_campaign, send_now  # noqa: F401


@pytest.fixture
def install_sender(app):
    old = app.config["MAIL_FROM"]
    app.config["MAIL_FROM"] = "Nudge <mail@nudge.example>"
    yield
    app.config["MAIL_FROM"] = old


def test_a_from_address_at_the_installs_domain_is_used(smtp, business, install_sender):  # noqa: F811
    ContactFactory(organization=business, email="fan@example.net")
    send_now(business, make_campaign(business, send_to_all=True, from_name="Acme news",
                                     from_email="news@nudge.example"))
    assert smtp.sink.to("fan@example.net")[0]["From"] == "Acme news <news@nudge.example>"


def test_a_from_address_at_the_businesss_own_sending_domain_is_used(smtp, business, install_sender):  # noqa: F811
    with unit_of_work(business.id):  # the domain it signs its mail for (Settings → Sending)
        settings = sending_settings(business.id)
        settings.dkim_domain = "acme-plumbing.example"
        db.session.add(settings)
    ContactFactory(organization=business, email="fan@example.net")
    send_now(business, make_campaign(business, send_to_all=True, from_email="Deals@Acme-Plumbing.example"))
    sender = smtp.sink.to("fan@example.net")[0]["From"]
    assert parseaddr(sender) == (business.name, "Deals@Acme-Plumbing.example")


def test_no_from_address_gives_the_usual_sender_with_the_campaigns_name(smtp, business, install_sender):  # noqa: F811
    ContactFactory(organization=business, email="fan@example.net")
    send_now(business, make_campaign(business, send_to_all=True, from_name="Spring team"))
    assert smtp.sink.to("fan@example.net")[0]["From"] == "Spring team <mail@nudge.example>"


def test_another_domain_is_refused_at_the_field_and_nothing_is_sent(smtp, business, install_sender,  # noqa: F811
                                                                    owner_client, owner, client):
    ContactFactory(organization=business, email="fan@example.net")
    campaign = make_campaign(business, send_to_all=True)
    headers = key_headers(make_key(owner))
    page = owner_client.post(f"/campaigns/{campaign.id}/edit/sender", data={
        "from_name": "Acme", "from_email": "deals@gmail.com", "track_opens": "y"})
    assert page.status_code == 422
    assert re.search(r'id="from_email-error">Send from an address at nudge.example:', page.text)
    db.session.remove()
    assert db.session.get(Campaign, campaign.id).from_email == ""  # nothing half-saved

    path = f"/api/v1/campaigns/{campaign.id}"
    assert client.patch(path, headers=headers, json={"from_email": "deals@gmail.com"}).status_code == 200
    refused = client.post(f"{path}/send", headers=headers, json={})
    assert refused.status_code == 422
    assert [error["source"]["pointer"] for error in refused.json["errors"]] == ["/data/attributes/from_email"]
    assert db.session.query(Message).count() == 0 and smtp.sink.messages == []
    assert "You can send from an address at nudge.example" in owner_client.get(
        f"/campaigns/{campaign.id}/edit/sender").text
