"""The owner's first hour (issue 17): a real review link, honest statuses, a checklist that finishes,
asking from where you are, a bulk safety net, and the small things a newcomer trips over."""
import re

import pytest
from sqlalchemy import select

from nudgeweb import clock
from nudgeweb.extensions import db
from nudgeweb.models import ContactActivity, ReviewRequest
from nudgeweb.models.messages import Message
from nudgeweb.reviews import operations
from nudgeweb.reviews.settings import clean_site, review_settings_for
from nudgeweb.reviews.site_links import review_link_problem
from nudgeweb.unit_of_work import unit_of_work
from tests.factories import ContactFactory
from tests.reviews_support import NOW, frozen_clock, give_review_link, travel_and_run  # noqa: F401


@pytest.mark.parametrize("kind, url", [
    ("google", "https://g.page/r/CfQ2abcDEF/review"),
    ("google", "https://search.google.com/local/writereview?placeid=ChIJN1t_tDeuEmsRUsoyG83frY4"),
    ("google", "https://maps.app.goo.gl/AbCdEf12345"),
    ("facebook", "https://www.facebook.com/mapleplumbing/reviews"),
    ("facebook", "https://www.facebook.com/mapleplumbing/reviews/?ref=page_internal"),
    ("facebook", "https://m.facebook.com/mapleplumbing/reviews"),
    ("facebook", "https://www.facebook.com/pg/mapleplumbing/reviews/"),
    ("facebook", "https://www.facebook.com/profile.php?id=100063512345678&sk=reviews"),
    ("yelp", "https://www.yelp.com/writeareview/biz/abc123"),
    ("yelp", "https://www.yelp.com/biz/maple-street-plumbing-springfield"),
    ("trustpilot", "https://www.trustpilot.com/evaluate/maplestreet.example"),
    ("other", "https://www.angi.com/companylist/us/il/springfield/maple-street-plumbing-reviews.htm"),
])
def test_a_write_a_review_link_is_accepted(kind, url):
    assert review_link_problem(kind, url) is None


@pytest.mark.parametrize("kind, url, reason", [
    ("google", "https://www.google.com/search?q=Maple+Street+Plumbing+reviews", "search results"),
    ("other", "https://www.bing.com/search?q=maple+street", "search results"),
    ("yelp", "https://www.yelp.com/search?find_desc=Maple+Street", "search results"),
    ("facebook", "https://www.facebook.com/search/top?q=maple", "search results"),
    ("facebook", "https://www.facebook.com/mapleplumbing", "add /reviews"),
    ("facebook", "https://www.facebook.com/mapleplumbing/", "facebook.com/mapleplumbing/reviews"),
    ("facebook", "https://www.facebook.com/profile.php?id=100063512345678", "add &sk=reviews"),
    ("facebook", "https://www.facebook.com/mapleplumbing/photos", "not a review page on Facebook"),
    ("google", "https://www.yelp.com/biz/maple", "not a Google address"),
    ("yelp", "https://www.yelp.com/", "not a review page on Yelp"),
    ("other", "https://maplestreet.example/", "home page"),
    ("other", "maplestreet.example/reviews", "starting with https://"),
])
def test_a_search_page_or_a_page_that_is_no_review_page_is_refused_with_why(kind, url, reason):
    assert reason in review_link_problem(kind, url)
    assert clean_site(kind, "", url)[0] is None


def test_a_new_business_has_no_review_site_and_the_send_form_says_so(owner_client, organization):
    assert review_settings_for(organization).review_sites == []
    page = owner_client.get("/review-requests/new").text
    assert "Add your review link first" in page and 'href="/settings/reviews"' in page
    refused = owner_client.post("/review-requests/new", data={"first_name": "Bo", "email": "bo@example.com",
                                                               "delay_hours": "0", "channel": "auto"})
    assert refused.status_code == 422 and "nowhere to review you" in refused.text
    give_review_link(organization)
    assert "Add your review link first" not in owner_client.get("/review-requests/new").text


def test_the_api_asks_for_nothing_until_the_review_link_is_set_and_says_why(client, owner, organization):
    from nudgeweb.models import Contact
    from tests.api_helpers import key_headers, make_key

    headers, jane = key_headers(make_key(owner)), {"first_name": "Jane", "email": "jane@example.com"}
    for version in ("v1", "v2"):
        refused = client.post(f"/api/{version}/review_requests", json=jane, headers=headers)
        assert refused.status_code == 409
        error = refused.json["errors"][0] if version == "v1" else refused.json["error"]
        assert error["code"] == "ERR_REVIEW_LINK_MISSING" and "nowhere to review you" in str(error)
    assert db.session.scalar(select(ReviewRequest.id)) is None and db.session.scalar(select(Contact.id)) is None
    give_review_link(organization)
    made = client.post("/api/v1/review_requests", json=jane, headers=headers)
    assert made.status_code == 201 and made.json["status"] == "scheduled"


def test_settings_refuse_a_search_link_at_its_field_and_preview_the_customer_page(owner_client, organization):
    form = {"sites-0-kind": "google", "sites-0-url": "https://www.google.com/search?q=acme", "default_channel": "auto",
            "default_delay_hours": "0", "ask_again_after_days": "30", "follow_ups-0-delay_days": "3"}
    refused = owner_client.post("/settings/reviews", data=form)
    assert refused.status_code == 422
    assert 'id="sites-0-url-error">That is a page of search results' in refused.text
    form["sites-0-url"] = "https://g.page/r/acme/review"
    assert owner_client.post("/settings/reviews", data=form).status_code == 303
    page = owner_client.get("/settings/reviews").text
    assert "What your customers see" in page and 'src="/settings/reviews/customer-page"' in page
    assert "Where do I find my review link?" in page and "business.google.com" in page
    preview = owner_client.get("/settings/reviews/customer-page")  # the customer's own page, inert
    assert preview.status_code == 200 and "Review us on Google" in preview.text and "<div inert>" in preview.text
    assert "How was your experience with" in preview.text
    assert "frame-ancestors 'self'" in preview.headers["Content-Security-Policy"]
    assert preview.headers["X-Frame-Options"] == "SAMEORIGIN"
    assert "We're sorry, Sam" in owner_client.get("/settings/reviews/customer-page?rating=2").text
    assert owner_client.get("/settings/reviews").headers["X-Frame-Options"] == "DENY"


def test_settings_show_the_first_message_as_customers_get_it_from_the_business_own_templates(
        owner_client, organization, other_owner):
    from html import unescape

    from nudgeweb.message_templates.starter import starter_template

    with unit_of_work(organization.id):
        starter_template(organization, "review_request", "sms").body = "Hi {{ first_name }}, rate Acme: {{ review_link }}"
        starter_template(organization, "review_request", "email").subject = "{{ first_name }}, a minute for Acme?"
    with unit_of_work(other_owner.organization_id):
        starter_template(other_owner.organization, "review_request", "sms").body = "Globex says hi {{ review_link }}"
    page = unescape(owner_client.get("/settings/reviews").text)
    sms = re.search(r'<div class="sms-bubble">(.*?)</div>', page, re.S).group(1)
    assert re.fullmatch(r"Hi Jamie, rate Acme: http://\S+/r/\S{40,} Reply STOP to opt out\.", sms)
    assert f"{len(sms)} characters, GSM-7" in page and "Globex" not in page
    assert '<dd data-testid="first-email-subject">Jamie, a minute for Acme?</dd>' in page
    email_html = re.search(r'srcdoc="(.*?)"></iframe>', page, re.S).group(1)
    assert "/u/" in email_html and "Unsubscribe" in email_html  # the footer every marketing email gets


KEPT = "kept in the outbox: not delivered"


def _sent_to_the_outbox(organization, **contact):
    """A review request whose message the engine 'sent' with no provider set up: into the outbox."""
    with unit_of_work(organization.id):
        request = operations.create_review_request(organization, {"first_name": "Ada", **contact}, 0)
    travel_and_run(NOW)
    db.session.expire_all()
    return db.session.get(ReviewRequest, request.id)


def test_a_message_kept_in_the_outbox_says_so_on_every_page_that_shows_a_status(owner_client, organization):
    request = _sent_to_the_outbox(organization, phone="+12125550100")
    assert request.status == "sent"  # the API keeps its documented value
    message = db.session.scalar(select(Message).where(Message.purpose_id == request.id))
    assert message.backend == "outbox"
    pages = {
        "pipeline": "/review-requests", "request": f"/review-requests/{request.id}", "outbox": "/outbox",
        "message": f"/outbox/{message.id}", "contact": f"/contacts/{request.contact_id}",
    }
    for name, path in pages.items():
        text = owner_client.get(path).text
        assert KEPT in text.replace("Kept", "kept"), name
        assert '<span class="badge status-sent"' not in text and '<span class="badge rr-sent"' not in text, name
    assert "Sent by SMS" not in owner_client.get(pages["request"]).text
    assert "SMS sent" not in owner_client.get(pages["contact"]).text


def test_the_contact_timeline_tells_a_sent_request_once(owner_client, organization):
    request = _sent_to_the_outbox(organization, phone="+12125550100")
    lines = db.session.scalars(select(ContactActivity.summary).where(ContactActivity.contact_id == request.contact_id)
                               .where(ContactActivity.summary.contains(KEPT))).all()
    assert lines == ["Review request: SMS kept in the outbox: not delivered"]  # not again as "SMS kept in the outbox"


def test_the_contact_timeline_links_to_the_request_and_shows_private_feedback(owner_client, organization):
    request = _sent_to_the_outbox(organization, phone="+12125550100")
    with unit_of_work(organization.id):
        operations.leave_feedback(db.session.get(ReviewRequest, request.id), "The plumber was late.\nBut kind.")
    page = owner_client.get(f"/contacts/{request.contact_id}").text
    links = re.findall(r'<a href="([^"]+)" data-testid="timeline-request">([^<]+)</a>', page)
    assert (f"/review-requests/{request.id}", "Review request: Left private feedback") in links
    assert (f"/review-requests/{request.id}", "Review request: SMS kept in the outbox: not delivered") in links
    assert '<q class="feedback" data-testid="timeline-feedback">The plumber was late.\nBut kind.</q>' in page


def test_a_message_in_the_outbox_says_why_no_customer_got_it(owner_client, organization):
    request = _sent_to_the_outbox(organization, phone="+12125550100")
    message = db.session.scalar(select(Message).where(Message.purpose_id == request.id))
    assert "no customer received it: sending was not set up" in owner_client.get(f"/outbox/{message.id}").text
    owner_client.post("/settings/sending/outbox")
    assert "no customer received it: you keep messages in the Outbox" in owner_client.get(f"/outbox/{message.id}").text


def test_the_dashboard_and_send_form_say_sending_is_not_set_up_until_the_outbox_is_chosen(owner_client, organization):
    for path in ("/", "/review-requests/new"):
        page = owner_client.get(path).text
        assert "Sending is not set up" in page and 'href="/settings/sending"' in page
    assert owner_client.post("/settings/sending/outbox").status_code == 303
    for path in ("/", "/review-requests/new"):
        assert "Sending is not set up" not in owner_client.get(path).text


def test_sending_through_a_mail_server_needs_no_banner(app, owner_client, organization):
    app.config["MAIL_URL"] = "smtp://mail.example.com:587"
    try:
        assert "Sending is not set up" not in owner_client.get("/").text
    finally:
        app.config["MAIL_URL"] = ""


def test_the_dashboard_figures_call_what_stayed_in_the_outbox_so_and_what_went_out_sent(app, owner_client, organization):
    with unit_of_work(organization.id):
        request = operations.create_review_request(organization, {"first_name": "Ann", "email": "ann@example.com"}, 0)
    assert request.status == "sent"  # the outbox took it: the API's documented status
    page = owner_client.get("/").text
    assert "Messages kept in the Outbox" in page and "Review requests this week, kept in the Outbox" in page
    assert "Messages sent" not in page and "Review requests sent this week" not in page
    app.config["MAIL_URL"] = "smtp://mail.example.com:587"
    try:
        page = owner_client.get("/").text
    finally:
        app.config["MAIL_URL"] = ""
    assert "Messages sent" in page and "Review requests sent this week" in page and "kept in the Outbox" not in page


def test_an_editor_reads_the_banner_but_cannot_choose_the_outbox(app, organization):
    from tests.conftest import member_client

    editor = member_client(app, organization, "editor")
    assert "Ask an owner or admin" in editor.get("/").text
    assert editor.post("/settings/sending/outbox").status_code == 403


def test_one_rule_for_email_addresses_at_sign_up_on_the_command_line_and_for_contacts(client, runner, app_ctx):
    from nudgeweb.contacts.fields import normalize_email

    assert normalize_email("owner@maple.test")[1] is None  # contacts (and the API) take .test
    signed_up = client.post("/signup", data={"business_name": "Maple Street Plumbing", "name": "Pat",
                                             "email": "owner@maple.test", "password": "a-long-password"})
    assert signed_up.status_code == 302
    client.post("/logout")
    made = runner.invoke(args=["users", "create", "helper@maple.test", "--password", "a-long-password",
                               "--organization", "Maple Street Plumbing"])
    assert made.exit_code == 0, made.output
    for refuse in (client.post("/signup", data={"business_name": "B", "name": "Pat", "email": "pat@localhost",
                                                 "password": "a-long-password"}).text,
                   runner.invoke(args=["users", "create", "pat@localhost", "--password", "a-long-password",
                                       "--organization", "B"]).output):
        assert "Enter a valid email address, like name@example.com." in refuse


def test_sign_up_takes_the_time_zone_and_country_from_the_browser(client, app_ctx):
    from nudgeweb.models import Organization

    client.post("/signup", data={"business_name": "Maple Street Plumbing", "name": "Pat", "email": "p@maple.example",
                                 "password": "a-long-password", "timezone": "Europe/London", "country": "GB"})
    client.post("/logout")
    client.post("/signup", data={"business_name": "Odd Browser", "name": "Sam", "email": "s@odd.example",
                                 "password": "a-long-password", "timezone": "Mars/Olympus", "country": "ZZ"})
    found = {o.name: (o.timezone, o.default_country) for o in db.session.scalars(select(Organization))}
    assert found == {"Maple Street Plumbing": ("Europe/London", "GB"), "Odd Browser": ("UTC", "US")}


def test_the_checklist_ticks_each_step_and_leaves_when_all_are_done(owner_client, organization):
    def steps():
        page = owner_client.get("/").text
        if "ready for its first review" not in page:
            return None
        return re.findall(r'<li class="(done|todo)">', page)

    assert steps() == ["todo", "todo", "todo", "todo", "todo"]
    saved = owner_client.post("/settings/", data={"name": organization.name, "timezone": organization.timezone,
                                                  "default_country": "US", "brand_color": "#4f46e5"})
    assert saved.status_code == 302
    assert steps() == ["done", "todo", "todo", "todo", "todo"]  # the owner looked the profile over and saved it
    give_review_link(organization)
    assert steps() == ["done", "done", "todo", "todo", "todo"]
    owner_client.post("/settings/sending/outbox")
    ContactFactory(organization=organization, email="first@example.com")
    assert steps() == ["done", "done", "done", "done", "todo"]
    with unit_of_work(organization.id):
        operations.create_review_request(organization, {"email": "first@example.com"}, 0)
    assert steps() is None




def test_the_demo_business_is_set_up_and_its_outbox_holds_its_history(runner, client, app_ctx):
    from nudgeweb.demo import DEMO_EMAIL, DEMO_PASSWORD

    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    client.post("/login", data={"email": DEMO_EMAIL, "password": DEMO_PASSWORD})
    dashboard = client.get("/").text
    assert "ready for its first review" not in dashboard and "Sending is not set up" not in dashboard
    sent = db.session.scalars(select(ReviewRequest).where(ReviewRequest.sent_at.is_not(None))).all()
    messages = db.session.scalars(select(Message).where(Message.purpose == "review_request")).all()
    assert {m.purpose_id for m in messages} == {r.id for r in sent}
    assert all(m.backend == "outbox" and "/r/" in m.text for m in messages)
    assert "Nothing sent yet" not in client.get("/outbox").text


def test_settings_come_in_two_groups_and_a_new_developer_section_lands_in_developers(owner_client):
    from nudgeweb.navigation import SETTINGS_SECTIONS, settings_groups

    groups = dict(settings_groups(SETTINGS_SECTIONS))
    assert [label for _, label in groups["Your business"]] == [
        "Business profile", "Reviews", "Sending", "Team", "Custom fields", "Tags", "Your account"]
    assert [label for _, label in groups["Developers"]] == ["API keys", "OAuth apps", "Connected apps", "Webhooks"]
    page = owner_client.get("/settings/reviews").text
    assert page.index("Your business") < page.index(">Reviews<") < page.index("Developers") < page.index(">API keys<")
    assert 'aria-current="page">Reviews<' in page


def test_one_word_for_taking_things_away_in_settings(owner_client, organization):
    for path in ("/settings/team", "/settings/api-keys", "/settings/oauth-apps", "/settings/connected-apps",
                 "/settings/custom-fields", "/settings/tags"):
        page = owner_client.get(path).text
        assert ">Revoke<" not in page and ">Delete<" not in page and ">Disconnect<" not in page, path


def test_asking_is_one_tap_from_a_contact_and_deleting_is_not_the_main_action(owner_client, organization):
    ada = ContactFactory(organization=organization, first_name="Ada", last_name="Lovelace", email="ada@example.com",
                         phone="+13125550142")
    page = owner_client.get(f"/contacts/{ada.id}").text
    assert f'class="btn btn-primary" href="/review-requests/new?contact={ada.id}">Ask for a review' in page
    assert "btn-danger" not in page.split('class="contact-grid"')[0]  # the page's head holds no delete button
    form = owner_client.get(f"/review-requests/new?contact={ada.id}").text
    assert 'value="Ada"' in form and 'value="ada@example.com"' in form and 'value="(312) 555-0142"' in form
    found = owner_client.get("/review-requests/new/contacts?first_name=lovel", headers={"HX-Request": "true"}).text
    assert f'href="/review-requests/new?contact={ada.id}">Ada Lovelace</a>' in found and "(312) 555-0142" in found
    assert "Ada" not in owner_client.get("/review-requests/new/contacts?first_name=zed").text


def test_the_contact_lookup_sees_only_the_business_own_contacts(owner_client, organization, other_owner):
    ContactFactory(organization=other_owner.organization, first_name="Globex", last_name="Person")
    assert "Globex" not in owner_client.get("/review-requests/new/contacts?first_name=globex").text
    foreign = ContactFactory(organization=other_owner.organization, first_name="Other", email="o@globex.example")
    assert "o@globex.example" not in owner_client.get(f"/review-requests/new?contact={foreign.id}").text


def test_cancel_and_send_again_ask_first(owner_client, organization):
    with unit_of_work(organization.id):
        request = operations.create_review_request(organization, {"first_name": "Bo", "email": "bo@example.com"}, 5)
    page = owner_client.get(f"/review-requests/{request.id}").text
    assert 'data-confirm="Cancel the review request to Bo? Nothing more will be sent to them."' in page
    assert 'data-confirm="Send the review request to Bo now, not at ' in page  # (nothing went yet: "Send now")


def test_sms_quiet_hours_are_on_by_default_in_the_contact_time_zone(app, owner_client, organization):
    from datetime import datetime, time, timedelta, timezone
    from zoneinfo import ZoneInfo

    from nudgeweb.delivery.transports import sending_settings

    app.config["SMS_QUIET_HOURS"] = "20:00-09:00"
    try:
        assert sending_settings(organization.id).quiet_hours("sms") == (time(20), time(9))
        page = owner_client.get("/settings/sending").text
        assert 'name="sms_quiet_start" type="time" value="20:00"' in page and 'value="09:00"' in page
        # a window around this very moment in Tokyo, as an operator might set it, to see a text wait
        tokyo = datetime.now(ZoneInfo("Asia/Tokyo"))
        start, end = (tokyo - timedelta(hours=1)).strftime("%H:%M"), (tokyo + timedelta(hours=2)).strftime("%H:%M")
        app.config["SMS_QUIET_HOURS"] = f"{start}-{end}"
        ken = ContactFactory(organization=organization, phone="+819012345678", email=None, timezone="Asia/Tokyo")
        with unit_of_work(organization.id):
            request = operations.request_for_contact(organization, ken, delay_hours=0)
            operations.perform_step(request, 0, NOW)
        message = db.session.scalar(select(Message).where(Message.purpose_id == request.id))
        assert message.status == "queued"
        assert message.send_at.astimezone(ZoneInfo("Asia/Tokyo")).strftime("%H:%M") == end
        assert message.send_at > datetime.now(timezone.utc)
    finally:
        app.config["SMS_QUIET_HOURS"] = ""


def test_bulk_asking_never_assumes_everyone(owner_client, organization):
    ContactFactory(organization=organization, email="a@example.com")
    page = owner_client.get("/review-requests/bulk").text
    assert "Who should we ask for a review?" in page and "will be asked" not in page
    assert 'href="/review-requests/bulk?everyone=yes"' in page
    owner_client.post("/review-requests/bulk", data={"delay_hours": "0", "confirm": "1", "confirmed": "y"})
    assert db.session.scalar(select(ReviewRequest.id)) is None


def test_bulk_confirmation_shows_the_message_the_count_who_is_skipped_and_needs_a_deliberate_tick(
        owner_client, organization):
    give_review_link(organization)
    for n, name in enumerate(("Ada", "Bo", "Cy")):
        ContactFactory(organization=organization, first_name=name, email=f"{name.lower()}@example.com",
                       phone=f"+1312555010{n}")
    ContactFactory(organization=organization, first_name="Gone", email="gone@example.com", status="unsubscribed")
    ContactFactory(organization=organization, first_name="Nophone", email=None, phone=None)
    page = owner_client.get("/review-requests/bulk?everyone=yes").text
    assert "<strong>3</strong> of 5 contacts will be asked" in page
    assert "1 unsubscribed" in page and "Gone" in page and "1 no phone or email to send to" in page
    assert "What Ada " in page and "A text message to (312) 555-0100" in page
    assert "Hi Ada" in page and "/r/" in page  # the starter message, as Ada reads it
    assert "Ask 3 customers now" in page

    unticked = owner_client.post("/review-requests/bulk", data={"everyone": "yes", "delay_hours": "0", "confirm": "1"})
    assert unticked.status_code == 422 and "tick this box" in unticked.text
    assert db.session.scalar(select(ReviewRequest.id)) is None
    owner_client.post("/review-requests/bulk", data={"everyone": "yes", "delay_hours": "0", "confirm": "1",
                                                     "confirmed": "y"})
    assert len(db.session.scalars(select(ReviewRequest)).all()) == 3


def test_bulk_asking_without_a_review_link_says_so_and_sends_nothing(owner_client, organization):
    ContactFactory(organization=organization, email="a@example.com")
    page = owner_client.get("/review-requests/bulk?everyone=yes").text
    assert "Add your review link first" in page and "customers now" not in page
    owner_client.post("/review-requests/bulk", data={"everyone": "yes", "delay_hours": "0", "confirm": "1",
                                                     "confirmed": "y"})
    assert db.session.scalar(select(ReviewRequest.id)) is None


@pytest.mark.parametrize("path", ["/review-requests?status=bogus", "/review-requests?channel=fax&status=sent,nope",
                                  "/review-requests?sort=bogus&page=abc", "/templates?channel=fax&category=nope",
                                  "/outbox?status=bogus&channel=pigeon", "/contacts?status=bogus"])
def test_a_bad_filter_value_is_ignored_everywhere(owner_client, organization, path):
    with unit_of_work(organization.id):
        operations.create_review_request(organization, {"first_name": "Ada", "email": "ada@example.com"}, 0)
    page = owner_client.get(path)
    assert page.status_code == 200
    if path.startswith("/review-requests"):
        assert "Ada" in page.text


def test_the_click_rate_counts_a_click_through_after_a_rating(owner_client, organization):
    give_review_link(organization)
    request = _sent_to_the_outbox(organization, email="ada@example.com")
    with unit_of_work(organization.id):
        request = db.session.get(ReviewRequest, request.id)
        operations.rate(request, 5)
        assert operations.site_clicked(request, 0) == "https://g.page/r/acme-plumbing/review"
    assert request.clicked_at is not None and request.status == "reviewed"
    assert ">100%</div><div class=\"stat-label\">Click rate" in owner_client.get("/").text.replace("\n", "")


def test_a_request_offers_to_send_now_only_what_has_not_gone(owner_client, organization):
    give_review_link(organization)
    with unit_of_work(organization.id):
        later = operations.create_review_request(organization, {"first_name": "Later", "email": "later@example.com"}, 5)
    page = owner_client.get(f"/review-requests/{later.id}").text
    assert ">Send now</button>" in page and "Send again now" not in page and "· scheduled for" in page
    later.steps_sent, later.scheduled_for = 1, clock.now()  # its message on its way (queued): nothing to offer
    assert operations.resend_offer(later, clock.now()) is None
    gone = _sent_to_the_outbox(organization, email="gone@example.com")
    page = owner_client.get(f"/review-requests/{gone.id}").text
    assert ">Send again now</button>" in page and "· sent " in page and "· scheduled for" not in page


def test_the_pipeline_rounds_its_shares_as_analytics_does(owner_client, organization):
    give_review_link(organization)
    requests = [_sent_to_the_outbox(organization, email=f"c{number}@example.com") for number in range(3)]
    with unit_of_work(organization.id):
        for request in requests[:2]:
            operations.mark_opened(db.session.get(ReviewRequest, request.id))
    assert "67% of those asked" in owner_client.get("/review-requests").text  # 2 of 3 (it said 66%)


def test_the_pipeline_tiles_read_as_a_funnel_and_each_opens_its_list(owner_client, organization):
    give_review_link(organization)
    reviewed = _sent_to_the_outbox(organization, email="ada@example.com")
    with unit_of_work(organization.id):
        operations.rate(db.session.get(ReviewRequest, reviewed.id), 4)
        operations.create_review_request(organization, {"first_name": "Later", "email": "later@example.com"}, 5)
    page = owner_client.get("/review-requests").text
    tiles = re.findall(r'<span class="stat-value">(\d+)</span><span class="stat-label">([^<]+)</span>', page)
    assert tiles == [("1", "Kept in the Outbox"), ("1", "Opened"), ("0", "Clicked through"), ("1", "Rated or wrote")]
    assert "100% of those asked" in page  # (the owner opened the link from the Outbox)
    owner_client.application.config["MAIL_URL"] = "smtp://mail.example.com:587"
    try:
        assert '<span class="stat-label">Sent</span>' in owner_client.get("/review-requests").text
    finally:
        owner_client.application.config["MAIL_URL"] = ""
    assert "Waiting to go: <strong>1</strong>" in page
    opened = owner_client.get("/review-requests?reached=opened").text
    assert "Ada" in opened and "Later" not in opened


def test_a_page_past_the_last_says_there_are_no_more_results(owner_client, organization):
    ContactFactory(organization=organization, email="a@example.com")
    with unit_of_work(organization.id):
        operations.create_review_request(organization, {"email": "a@example.com"}, 0)
    for path in ("/contacts?page=9", "/review-requests?page=9", "/outbox?page=9"):
        page = owner_client.get(path).text
        assert "No more results" in page and "is past the end of this list" in page, path
        assert "Your customer list is empty" not in page and "Ask your first customer" not in page


def test_the_customer_page_hears_the_rating_and_shows_what_was_sent(client, organization):
    from nudgeweb.reviews.links import review_token

    give_review_link(organization)
    with unit_of_work(organization.id):
        request = operations.create_review_request(organization, {"first_name": "Ann", "email": "ann@example.com"}, 0)
    url = f"/r/{review_token(request)}"
    low = client.post(f"{url}/rate", data={"rating": "2"}).text
    assert "We're sorry, Ann" in low and "You can also review us publicly" in low
    assert low.index('name="feedback"') < low.index("Review us on Google")  # the private box first, sites still there
    high = client.post(f"{url}/rate", data={"rating": "5"}).text
    assert "Thank you, Ann!" in high and high.index("Review us on Google") < high.index('name="feedback"')
    sent = client.post(f"{url}/feedback", data={"feedback": "The plumber was late & muddy."}).text
    assert "your message went straight to Acme Plumbing" in sent
    assert '<blockquote class="rp-sent-text">The plumber was late &amp; muddy.</blockquote>' in sent
    assert "Change your message" in client.get(url).text


def test_time_zone_fields_are_searchable_lists(owner_client):
    form = owner_client.get("/contacts/new").text
    assert 'list="time-zones"' in form and '<datalist id="time-zones">' in form
    assert '<option value="America/Chicago">' in form and '<option value="Europe/London">' in form
    profile = owner_client.get("/settings/").text
    assert re.search(r'<input[^>]* id="timezone" list="time-zones"[^>]* value="America/New_York"', profile)
    assert '<datalist id="time-zones">' in profile and "data-browser-timezone-suggestion" in profile


def _profile(organization, **changes):
    return {"name": organization.name, "timezone": organization.timezone, "default_country": "US",
            "brand_color": "#4f46e5", **changes}


def test_the_profile_names_every_bad_field_at_once(owner_client, organization):
    """The website and time zone were named first; the short name, domain, logo and font only once they were mended."""
    typed = {"website": "northside", "timezone": "Springfield", "slug": "Northside Bikes!", "domain": "not a domain",
             "logo_url": "http://example.com/logo.png", "font_family": "Comic <Sans>"}
    refused = owner_client.post("/settings/", data=_profile(organization, **typed))
    assert refused.status_code == 422
    named = set(re.findall(r'id="(\w+)-error"', refused.text))
    assert named == set(typed), named
    assert 'value="Northside Bikes!"' in refused.text  # what was typed stays
    db.session.expire_all()
    assert organization.slug != "Northside Bikes!" and organization.timezone == "America/New_York"


def test_the_profile_time_zone_takes_a_zone_of_the_list_whatever_its_case(owner_client, organization):
    refused = owner_client.post("/settings/", data=_profile(organization, timezone="Springfield"))
    assert refused.status_code == 422
    assert 'id="timezone-error">Choose a time zone from the list' in refused.text
    db.session.expire_all()
    assert organization.timezone == "America/New_York"
    assert owner_client.post("/settings/", data=_profile(organization, timezone=" europe/london ")).status_code == 302
    db.session.expire_all()
    assert organization.timezone == "Europe/London"
    # the message says "type a city, like London or Chicago": a city typed alone is its zone
    assert owner_client.post("/settings/", data=_profile(organization, timezone="Dublin")).status_code == 302
    db.session.expire_all()
    assert organization.timezone == "Europe/Dublin"


def test_another_business_sees_none_of_this_in_its_pipeline_bulk_chooser_or_checklist(
        owner_client, organization, other_owner):
    from nudgeweb.contacts.operations import save_segment
    from tests.conftest import member_client

    give_review_link(organization)
    _sent_to_the_outbox(organization, first_name="Secret", email="secret@acme.example")
    with unit_of_work(organization.id):
        save_segment(organization.id, "Acme regulars", {"search": "secret"})
    globex = member_client(owner_client.application, other_owner.organization, "owner")
    pipeline = globex.get("/review-requests").text
    assert "Secret" not in pipeline and '<span class="stat-value">0</span><span class="stat-label">Kept in the Outbox' in pipeline
    assert "Acme regulars" not in globex.get("/review-requests/bulk").text
    assert "Secret" not in globex.get("/review-requests/bulk?everyone=yes").text
    assert "0 of 5 done" in globex.get("/").text  # Acme's profile, link, contacts and request are not its


def test_one_or_two_stars_read_as_a_complaint_not_a_success(owner_client, organization):
    give_review_link(organization)
    unhappy = _sent_to_the_outbox(organization, email="unhappy@example.com")
    happy = _sent_to_the_outbox(organization, first_name="Bo", email="happy@example.com")
    with unit_of_work(organization.id):
        operations.rate(db.session.get(ReviewRequest, unhappy.id), 2)
        operations.rate(db.session.get(ReviewRequest, happy.id), 5)
    pipeline = owner_client.get("/review-requests").text
    assert pipeline.count('<span class="badge rr-unhappy">reviewed: unhappy</span>') == 1
    assert pipeline.count('<span class="badge rr-reviewed">reviewed</span>') == 1
    assert "reviewed: unhappy" in owner_client.get(f"/review-requests/{unhappy.id}").text
    assert "reviewed: unhappy" not in owner_client.get(f"/review-requests/{happy.id}").text


def test_the_sending_settings_offer_to_keep_the_outbox_and_the_checklist_ticks(owner_client, organization):
    page = owner_client.get("/settings/sending").text
    assert "Sending is not set up" in page and 'action="/settings/sending/outbox"' in page
    assert "Choose how messages go out</strong> <span" not in owner_client.get("/").text
    response = owner_client.post("/settings/sending/outbox")
    assert response.headers["Location"].endswith("/settings/sending")
    page = owner_client.get("/settings/sending").text
    assert "You chose to keep messages in the" in page and 'action="/settings/sending/outbox"' not in page
    assert "Choose how messages go out</strong> <span class=\"visually-hidden\">(done)</span>" in owner_client.get("/").text


QUESTION_PAGES = {  # pages that are themselves the question, and a form opened on purpose that asks for a reason
    ("templates/contacts/confirm.html", "request.path"), ("templates/message_templates/delete.html", "delete"),
    ("templates/contacts/show.html", "contacts.unsubscribe"),
}


def test_every_danger_button_asks_first():
    """Log out everywhere and cancelling an import went at one tap; every red button now asks first."""
    import glob
    import re

    unasked = []
    for path in sorted(glob.glob("templates/**/*.html", recursive=True)):
        for form in re.findall(r"<form\b.*?</form>", open(path, encoding="utf-8").read(), re.S):
            head = form[:form.index(">") + 1]
            danger = re.search(r'<button[^>]*btn-danger', form)
            if danger and "confirm" not in head and not any(path == page and key in head for page, key in QUESTION_PAGES):
                unasked.append(f"{path}: {head[:120]}")
    assert unasked == []
    mapping = open("templates/imports/mapping.html", encoding="utf-8").read()
    assert 'data-confirm="Cancel this import?' in mapping


def test_the_empty_review_site_rows_offer_the_sites_not_added_yet(owner_client, organization):
    give_review_link(organization)  # a Google link
    page = owner_client.get("/settings/reviews").text
    chosen = [re.search(rf'<select[^>]*name="sites-{row}-kind".*?<option selected value="(\w+)"', page, re.S).group(1)
              for row in range(6)]
    assert chosen == ["google", "facebook", "yelp", "trustpilot", "other", "other"]


def test_phone_fields_show_an_example_of_the_business_s_own_country(owner_client, organization):
    organization.default_country = "AU"
    db.session.commit()
    assert 'placeholder="0412 345 678"' in owner_client.get("/review-requests/new").text
    assert 'placeholder="0412 345 678"' in owner_client.get("/employees/new").text
    assert "the Spam Act in Australia" in owner_client.get("/settings/").text


def test_a_new_business_s_dashboard_loads_no_chart_library_until_a_tile_has_a_trend(owner_client, organization):
    assert "plotly.min.js" not in owner_client.get("/").text  # (4.8 MB for flat lines at zero)
    ContactFactory(organization=organization, email="first@example.com")
    with unit_of_work(organization.id):
        from nudgeweb.analytics.rebuild import rebuild_counts
        rebuild_counts(organization.id)
    page = owner_client.get("/").text
    assert "plotly.min.js" in page and page.count("data-chart") == 1  # the new contacts' trend alone


def test_the_pipeline_s_status_choice_says_kept_in_the_outbox_while_nothing_leaves(app, owner_client, organization):
    assert re.search(r'<option value="sent"\s*>Kept in the Outbox</option>', owner_client.get("/review-requests").text)
    app.config["MAIL_URL"] = "smtp://mail.example.com:587"
    try:
        assert re.search(r'<option value="sent"\s*>Sent</option>', owner_client.get("/review-requests").text)
    finally:
        app.config["MAIL_URL"] = ""


def test_dates_read_day_first_outside_north_america(owner_client, organization):
    ContactFactory(organization=organization, email="first@example.com")
    assert re.search(r"\b[A-Z][a-z]{2} \d{1,2}, \d{4}", owner_client.get("/contacts").text)  # "Dec 5, 2026" in the US
    organization.default_country = "AU"
    db.session.commit()
    page = owner_client.get("/contacts").text
    assert re.search(r"\b\d{1,2} [A-Z][a-z]{2} \d{4}", page) and not re.search(r"\b[A-Z][a-z]{2} \d{1,2}, \d{4}", page)
    from datetime import date

    from nudgeweb.templating import localdate
    assert localdate(date(2026, 12, 5), "%B %-d", organization) == "5 December"
    organization.default_country = "US"
    assert localdate(date(2026, 12, 5), organization=organization) == "Dec 5, 2026"
