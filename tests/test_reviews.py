"""Review requests: settings, creating, the customer's page, the team's pages, isolation.

Sending through the delivery engine and the API are tested in test_reviews_flow.py.
"""
import re
from datetime import timedelta
from html import unescape

import pytest
from sqlalchemy import func, select

from nudgeweb import clock
from nudgeweb.extensions import db, huey
from nudgeweb.message_templates.operations import create_template, delete_template
from nudgeweb.models import Contact, ReviewRequest
from nudgeweb.models.messages import Message
from nudgeweb.reviews import bulk, operations
from nudgeweb.reviews.links import LINK_LIFETIME, review_token
from nudgeweb.reviews.settings import review_settings_for
from nudgeweb.unit_of_work import unit_of_work
from tests.factories import ContactFactory
from tests.reviews_support import NOW, frozen_clock, give_review_link, token_signed  # noqa: F401


def count(model):
    return db.session.scalar(select(func.count()).select_from(model))


def test_new_organization_gets_sensible_defaults(organization):
    settings = review_settings_for(organization)
    assert settings.default_channel == "auto" and settings.default_delay_hours == 0
    assert [step["delay_days"] for step in settings.follow_ups] == [3, 7]
    assert settings.review_sites == []  # no search page standing in for the business's review link
    assert settings.ask_again_after_days == 30


def test_signup_gives_review_settings(client, app_ctx):
    client.post("/signup", data={"business_name": "Sunrise Dental", "name": "Maria", "email": "m@s.example",
                                 "password": "a-long-password"})
    page = client.get("/settings/reviews")
    assert page.status_code == 200 and b"Add your review link first" in page.data


def test_create_schedules_with_delay_and_upserts_contact(organization):
    with unit_of_work(organization.id):
        request = operations.create_review_request(
            organization, {"first_name": "Jane", "last_name": "Smith", "email": "Jane@Example.com",
                           "mobile_phone_number": "+12125551234", "company_name": "Smith Industries"},
            24, metadata={"source": "zapier"})
    assert request.status == "scheduled" and request.channel == "sms"
    assert request.scheduled_for == NOW + timedelta(hours=24)
    assert request.contact.email == "jane@example.com" and request.contact.source == "review_request"
    assert request.extra == {"source": "zapier"}
    assert [e.kind for e in request.events] == ["scheduled"]
    [task] = huey.scheduled()
    assert task.args == (str(organization.id), [str(request.id)], 0)  # one task per batch due together
    assert task.eta == (NOW + timedelta(hours=24)).replace(tzinfo=None)


@pytest.mark.parametrize("data, delay, metadata, fields", [
    ({"first_name": "Jane"}, 0, None, {"email"}),
    ({"mobile_phone_number": "12"}, 0, None, {"mobile_phone_number"}),
    ({"email": "jane@example.com"}, -1, None, {"delay_hours"}),
    ({"email": "jane@example.com"}, 1.5, None, {"delay_hours"}),
    ({"email": "jane@example.com"}, "2", None, {"delay_hours"}),
    ({"email": "jane@example.com", "colour": "red"}, 0, None, {"colour"}),
    ({"email": "jane@example.com"}, 0, ["a"], {"metadata"}),
    ({"email": "nope", "mobile_phone_number": "abc"}, -3, "x", {"email", "mobile_phone_number", "delay_hours", "metadata"}),
])
def test_bad_input_names_every_field_and_writes_nothing(organization, data, delay, metadata, fields):
    with pytest.raises(operations.ReviewRequestError) as error:
        operations.create_review_request(organization, data, delay, metadata=metadata)
    assert set(error.value.errors) == fields
    assert count(Contact) == 0 and count(ReviewRequest) == 0 and huey.scheduled_count() == 0


def test_a_customer_asked_recently_is_not_asked_again_unless_insisted(organization):
    with unit_of_work(organization.id):
        first = operations.create_review_request(organization, {"email": "a@example.com"}, 0)
    clock.travel_to(NOW + timedelta(days=10))
    with pytest.raises(operations.ReviewRequestRefused) as refused:
        operations.create_review_request(organization, {"email": "a@example.com"}, 0)
    assert refused.value.reason == "asked_recently" and refused.value.existing.id == first.id
    with unit_of_work(organization.id):
        second = operations.create_review_request(organization, {"email": "a@example.com"}, 0, insist=True)
    assert second.id != first.id
    clock.travel_to(NOW + timedelta(days=41))
    with unit_of_work(organization.id):
        assert operations.create_review_request(organization, {"email": "a@example.com"}, 0).status == "scheduled"


def test_unsubscribed_or_unreachable_contacts_are_refused(organization):
    ContactFactory(organization=organization, email="gone@example.com", status="unsubscribed")
    with pytest.raises(operations.ReviewRequestRefused) as refused:
        operations.create_review_request(organization, {"email": "gone@example.com"}, 0)
    assert refused.value.reason == "unsubscribed"
    with pytest.raises(operations.ReviewRequestRefused) as refused:
        operations.create_review_request(organization, {"email": "only@example.com"}, 0, channel="sms")
    assert refused.value.reason == "no_channel"
    assert count(ReviewRequest) == 0


def test_cancelled_request_sends_nothing(organization):
    with unit_of_work(organization.id):
        request = operations.create_review_request(organization, {"email": "a@example.com"}, 5)
        assert operations.cancel(request)
    [task] = huey.read_schedule(clock.huey_timestamp(NOW + timedelta(hours=6)))
    huey.execute(task, clock.huey_timestamp(NOW + timedelta(hours=6)))
    assert request.status == "cancelled" and request.steps_sent == 0
    with unit_of_work(organization.id):
        assert not operations.cancel(request)


def customer_page(client, request):
    return f"/r/{review_token(request)}"


def test_customer_page_open_click_rate_and_feedback(client, organization, app_ctx):
    organization.brand_color = "#0f766e"
    settings = review_settings_for(organization)
    settings.review_sites = [{"kind": "google", "name": "Google", "url": "https://g.example/review"},
                             {"kind": "yelp", "name": "Yelp", "url": "https://yelp.example/acme"}]
    db.session.commit()
    with unit_of_work(organization.id):
        request = operations.create_review_request(organization, {"first_name": "Ann", "email": "ann@example.com"}, 48)
    url = customer_page(client, request)
    page = client.get(url)
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "How was your experience with Acme Plumbing?" in html
    assert "#0f766e" in html and "Review us on Google" in html and "Review us on Yelp" in html
    db.session.refresh(request)
    assert request.status == "opened"

    rated = client.post(f"{url}/rate", data={"rating": "2"}, headers={"HX-Request": "true"})
    fragment = rated.get_data(as_text=True)
    assert "<html" not in fragment and "You gave Acme Plumbing 2 stars" in fragment
    assert "Review us on Google" in fragment and "Review us on Yelp" in fragment  # no gating on low ratings
    go = client.get(f"{url}/go/1")
    assert go.status_code == 302 and go.headers["Location"] == "https://yelp.example/acme"
    client.post(f"{url}/feedback", data={"feedback": "The plumber was late."})
    db.session.refresh(request)
    assert (request.status, request.rating, request.clicked_site) == ("reviewed", 2, "Yelp")
    assert request.feedback == "The plumber was late."
    assert [e.kind for e in request.events] == ["scheduled", "opened", "rated", "clicked", "feedback"]
    assert client.post(f"{url}/rate", data={"rating": "9"}).status_code == 422


def test_forged_or_unknown_link_gets_a_friendly_page(client, organization):
    with unit_of_work(organization.id):
        request = operations.create_review_request(organization, {"email": "a@example.com"}, 0)
    token = review_token(request)
    for bad in (token[:-3] + "abc", "nonsense"):
        page = client.get(f"/r/{bad}")
        assert page.status_code == 404 and b"We couldn't open this link" in page.data
    assert client.post(f"/r/{token[:-2]}xx/rate", data={"rating": "5"}).status_code == 404


def test_a_link_older_than_its_lifetime_gets_410_and_changes_nothing(client, organization):
    with unit_of_work(organization.id):
        request = operations.create_review_request(organization, {"email": "a@example.com"}, 0)
    recent = token_signed(request, LINK_LIFETIME - timedelta(days=1))
    assert client.get(f"/r/{recent}").status_code == 200
    old = token_signed(request, LINK_LIFETIME + timedelta(days=1))
    answers = [client.get(f"/r/{old}"), client.post(f"/r/{old}/rate", data={"rating": "5"}),
               client.post(f"/r/{old}/feedback", data={"feedback": "Late"}), client.get(f"/r/{old}/go/0")]
    assert [a.status_code for a in answers] == [410] * 4
    page = answers[0].get_data(as_text=True)
    assert "This link has expired" in page and "Acme Plumbing" not in page
    db.session.refresh(request)
    assert request.rating is None and request.feedback is None and request.clicked_site is None


def test_pipeline_counts_filters_and_fragment(owner_client, organization):
    for n in range(3):
        with unit_of_work(organization.id):
            operations.create_review_request(organization, {"first_name": f"Person{n}", "email": f"p{n}@example.com"}, 1)
    with unit_of_work(organization.id):
        cancelled = operations.create_review_request(organization, {"first_name": "Zed", "email": "z@example.com"}, 1)
        operations.cancel(cancelled)
    page = owner_client.get("/review-requests")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "Person0" in html and "Zed" in html
    assert "Waiting to go: <strong>3</strong>" in html and "Cancelled: <strong>1</strong>" in html
    fragment = owner_client.get("/review-requests?status=cancelled", headers={"HX-Request": "true"})
    text = fragment.get_data(as_text=True)
    assert "<html" not in text and 'hx-trigger="every 5s"' in text
    assert "Zed" in text and "Person0" not in text
    assert owner_client.get("/review-requests?search=person1").get_data(as_text=True).count("Person1") == 1


def test_pipeline_pages_through_the_shared_pager(owner_client, organization):
    for n in range(51):  # 50 a page
        operations.create_review_request(organization, {"first_name": f"P{n}", "email": f"p{n}@example.com"}, 1)
    first = owner_client.get("/review-requests?status=scheduled").text
    assert "Showing 1–50 of 51 requests" in first and "Page 1 of 2" in first and 'rel="prev"' not in first
    assert re.search(r'<a class="btn btn-sm" href="/review-requests\?[^"]*page=2[^"]*" rel="next"', first)
    second = owner_client.get("/review-requests?status=scheduled&page=2").text
    assert "Showing 51–51 of 51 requests" in second and "Page 2 of 2" in second and 'rel="next"' not in second
    assert re.search(r'href="/review-requests\?[^"]*status=scheduled[^"]*" rel="prev"', second)


def test_send_form_names_every_bad_field_at_once(owner_client, organization):
    """A bad delay was named first, and the bad phone and email only once it was mended."""
    give_review_link(organization)
    page = owner_client.post("/review-requests/new", data={"first_name": "Rosa", "phone": "555", "email": "rosa@",
                                                            "delay_hours": "-5", "channel": "auto"})
    assert page.status_code == 422 and count(ReviewRequest) == 0
    errors = dict(re.findall(r'id="(\w+)-error"[^>]*>\s*([^<]+?)\s*<', page.text))
    assert set(errors) == {"delay_hours", "phone", "email"}, errors
    assert errors["delay_hours"] == "Use 0 to 8760 hours." and "valid" in errors["phone"] and "valid" in errors["email"]
    assert 'value="rosa@"' in page.text and 'value="555"' in page.text  # what was typed stays


def test_send_form_creates_request_and_shows_errors_at_the_field(owner_client, organization):
    give_review_link(organization)
    bad = owner_client.post("/review-requests/new", data={"first_name": "Bo", "delay_hours": "2", "channel": "auto"})
    assert bad.status_code == 422 and b'id="email-error"' in bad.data and count(ReviewRequest) == 0
    sent = owner_client.post("/review-requests/new", data={"first_name": "Bo", "phone": "+1 212 555 0100",
                                                            "delay_hours": "2", "channel": "auto"})
    assert sent.status_code == 303
    request = db.session.scalar(select(ReviewRequest))
    assert sent.headers["Location"] == f"/review-requests/{request.id}"
    detail = owner_client.get(sent.headers["Location"]).get_data(as_text=True)
    assert "Bo" in detail and "SMS to (212) 555-0100" in detail and "Scheduled by SMS" in detail
    again = owner_client.post("/review-requests/new", data={"phone": "+12125550100", "delay_hours": "0", "channel": "auto"})
    assert again.status_code == 422 and b"already asked" in again.data


def test_an_owner_who_has_not_verified_keeps_what_they_typed_and_is_told_why(owner_client, organization, owner):
    give_review_link(organization)
    owner.user.email_verified_at = None
    db.session.commit()
    assert b'id="verify-email-banner"' in owner_client.get("/review-requests/new").data
    typed = {"first_name": "Bo", "email": "bo@example.com", "delay_hours": "0", "channel": "auto"}
    page = owner_client.post("/review-requests/new", data=typed)
    assert page.status_code == 422 and b"Please verify your email address first" in page.data
    assert b'value="bo@example.com"' in page.data and count(ReviewRequest) == 0
    ContactFactory(organization=organization, email="ok@example.com")
    bulk_page = owner_client.post("/review-requests/bulk", data={"everyone": "yes", "delay_hours": "1", "confirm": "1",
                                                                 "confirmed": "y"})
    assert bulk_page.status_code == 422 and b"Please verify your email address first" in bulk_page.data
    assert count(ReviewRequest) == 0


def test_cancel_and_resend_from_the_request_page(owner_client, organization):
    with unit_of_work(organization.id):
        request = operations.create_review_request(organization, {"email": "a@example.com"}, 10)
    owner_client.post(f"/review-requests/{request.id}/cancel")
    db.session.refresh(request)
    assert request.status == "cancelled"
    owner_client.post(f"/review-requests/{request.id}/resend")
    db.session.refresh(request)
    assert request.status == "scheduled" and request.scheduled_for == NOW
    assert [e.kind for e in request.events] == ["scheduled", "cancelled", "resent"]


def test_send_again_replaces_a_message_still_waiting(app, owner_client, organization):
    """Quiet hours held a text till 9:00; "Send again now" queued a second one beside it: two texts to one customer."""
    give_review_link(organization)
    app.config["SMS_QUIET_HOURS"] = "00:00-23:59"  # quiet all day: the text waits
    try:
        with unit_of_work(organization.id):
            request = operations.create_review_request(organization, {"first_name": "Siobhán", "phone": "+12125550100"}, 0)
        assert [m.status for m in db.session.scalars(select(Message).where(Message.purpose_id == request.id))] == ["queued"]
        owner_client.post(f"/review-requests/{request.id}/resend")
    finally:
        app.config["SMS_QUIET_HOURS"] = ""
    db.session.expire_all()
    statuses = sorted(m.status for m in db.session.scalars(select(Message).where(Message.purpose_id == request.id)))
    assert statuses == ["cancelled"]  # the waiting one goes: the first step, queued again, makes the only one
    page = owner_client.get(f"/review-requests/{request.id}").text
    assert "Asked again by the team" in page
    assert f'<a href="/contacts/{request.contact_id}">Siobhán</a>' in page  # the request leads to its contact


def test_viewer_cannot_send_or_cancel(app, organization):
    from tests.conftest import member_client

    viewer = member_client(app, organization, "viewer")
    with unit_of_work(organization.id):
        request = operations.create_review_request(organization, {"email": "a@example.com"}, 10)
    assert viewer.get("/review-requests").status_code == 200
    assert viewer.post("/review-requests/new", data={"email": "b@example.com", "delay_hours": "0"}).status_code == 403
    assert viewer.post(f"/review-requests/{request.id}/cancel").status_code == 403


def test_settings_page_saves_sites_in_order_and_follow_ups(owner_client, organization):
    data = {
        "sites-0-kind": "facebook", "sites-0-name": "", "sites-0-url": "https://www.facebook.com/acme/reviews",
        "sites-1-kind": "other", "sites-1-name": "Angi", "sites-1-url": "https://angi.example/acme",
        "default_channel": "email", "default_delay_hours": "2", "ask_again_after_days": "60",
        "follow_ups-0-delay_days": "2", "follow_ups-1-delay_days": "5", "follow_ups-2-delay_days": "",
    }
    assert owner_client.post("/settings/reviews", data=data).status_code == 303
    settings = review_settings_for(organization)
    db.session.refresh(settings)
    assert [s["name"] for s in settings.review_sites] == ["Facebook", "Angi"]
    assert [s["delay_days"] for s in settings.follow_ups] == [2, 5]
    assert (settings.default_channel, settings.default_delay_hours, settings.ask_again_after_days) == ("email", 2, 60)
    bad = owner_client.post("/settings/reviews", data={**data, "sites-0-url": "facebook", "follow_ups-1-delay_days": "1"})
    assert bad.status_code == 422 and b"Paste the full address" in bad.data


SETTINGS_FORM = {"sites-0-kind": "google", "sites-0-url": "https://g.page/r/acme/review", "default_channel": "email",
                 "default_delay_hours": "0", "ask_again_after_days": "30", "follow_ups-0-delay_days": "3"}


def test_settings_pick_the_template_of_each_step_from_the_business_own(owner_client, organization, other_owner):
    with unit_of_work(organization.id):
        ours = create_template(organization, {"name": "Our own ask", "channel": "email",
                                              "subject": "Rate {{ business_name }}, {{ first_name }}?",
                                              "html_content": "<p><a href=\"{{ review_link }}\">Rate us</a></p>"})
        nudge = create_template(organization, {"name": "Short nudge", "channel": "sms", "body": "Still there? {{ review_link }}"})
    with unit_of_work(other_owner.organization_id):
        theirs = create_template(other_owner.organization, {"name": "Globex ask", "channel": "email", "subject": "Hi",
                                                            "html_content": "<p>Hi</p>"})
    page = owner_client.get("/settings/reviews").get_data(as_text=True)
    assert "The built-in one" in page and "Our own ask" in page and "Short nudge" in page and "Globex ask" not in page

    chosen = {**SETTINGS_FORM, "templates-0-email": str(ours.id), "templates-1-sms": str(nudge.id)}
    assert owner_client.post("/settings/reviews", data=chosen).status_code == 303
    settings = review_settings_for(organization)
    db.session.refresh(settings)
    assert settings.templates == {"0": {"email": str(ours.id)}, "1": {"sms": str(nudge.id)}}
    assert f'<option selected value="{ours.id}">Our own ask</option>' in owner_client.get("/settings/reviews").text

    with unit_of_work(organization.id):
        request = operations.create_review_request(organization, {"first_name": "Ada", "email": "ada@example.com"}, 0)
        operations.perform_step(request, 0, NOW)
    [message] = db.session.scalars(select(Message).where(Message.purpose_id == request.id)).all()
    assert message.subject == "Rate Acme Plumbing, Ada?"

    for field, value in (("templates-0-email", theirs.id), ("templates-0-sms", ours.id), ("templates-2-email", "x")):
        bad = owner_client.post("/settings/reviews", data={**SETTINGS_FORM, field: str(value)})
        assert bad.status_code == 422
        assert re.search(f'id="{field}-error">Choose one of your (email|text message) templates.<', bad.text)
        db.session.refresh(settings)
        assert settings.templates == {"0": {"email": str(ours.id)}, "1": {"sms": str(nudge.id)}}

    with unit_of_work(organization.id):
        delete_template(ours)  # gone: the request falls back to the built-in template
        later = operations.create_review_request(organization, {"first_name": "Bo", "email": "bo@example.com"}, 0)
        operations.perform_step(later, 0, NOW)
    assert db.session.scalar(select(Message.subject).where(Message.purpose_id == later.id)) == "How did we do, Bo?"


def test_bulk_send_says_how_many_are_asked_and_skipped(owner_client, organization):
    for n in range(4):
        ContactFactory(organization=organization, email=f"ok{n}@example.com")
    ContactFactory(organization=organization, email="gone@example.com", status="unsubscribed")
    asked = ContactFactory(organization=organization, email="asked@example.com")
    with unit_of_work(organization.id):
        operations.request_for_contact(organization, asked, delay_hours=0)
    give_review_link(organization)
    page = owner_client.get("/review-requests/bulk?everyone=yes")
    assert b"<strong>4</strong> of 6 contacts will be asked" in page.data
    assert b"1 unsubscribed" in page.data and b"1 asked recently" in page.data
    assert bulk.preview(organization, {"search": "ok1"})["total"] == 1
    owner_client.post("/review-requests/bulk", data={"everyone": "yes", "delay_hours": "1", "confirm": "1",
                                                     "confirmed": "y"})
    assert count(ReviewRequest) == 5


def test_dashboard_shows_review_figures(owner_client, organization):
    with unit_of_work(organization.id):
        request = operations.create_review_request(organization, {"first_name": "Ann", "email": "ann@example.com"}, 0)
    request.status, request.sent_at = "sent", NOW
    db.session.commit()
    with unit_of_work(organization.id):
        operations.rate(request, 4)
        operations.leave_feedback(request, "Lovely bread")
    html = owner_client.get("/").get_data(as_text=True)
    assert "Review requests this week, kept in the Outbox" in html and "4.0" in html and "Lovely bread" in html


def test_another_organization_sees_nothing(other_client, owner_client, organization):
    with unit_of_work(organization.id):
        request = operations.create_review_request(organization, {"first_name": "Secret", "email": "s@example.com"}, 1)
    assert other_client.get(f"/review-requests/{request.id}").status_code == 404
    assert other_client.post(f"/review-requests/{request.id}/cancel").status_code == 404
    assert b"Secret" not in other_client.get("/review-requests").data
    assert b"Ask your first customer" in other_client.get("/review-requests").data


def test_seed_demo_has_a_living_pipeline(runner, app_ctx):
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    counts = operations.status_counts(db.session.scalar(select(ReviewRequest.organization_id).limit(1)))
    assert all(counts[status] > 0 for status in counts)
    assert db.session.scalar(select(func.count()).where(ReviewRequest.feedback.is_not(None))) > 5


def test_settings_refuse_a_facebook_page_without_its_reviews_and_say_to_add_reviews(owner_client, organization):
    form = {**SETTINGS_FORM, "sites-0-kind": "facebook", "sites-0-url": "https://www.facebook.com/lakesidedental"}
    refused = owner_client.post("/settings/reviews", data=form)
    assert refused.status_code == 422
    error = re.search(r'id="sites-0-url-error">([^<]*)<', unescape(refused.get_data(as_text=True))).group(1)
    assert "add /reviews" in error and "https://www.facebook.com/lakesidedental/reviews" in error
    assert review_settings_for(organization).review_sites == []
    form["sites-0-url"] = "https://www.facebook.com/lakesidedental/reviews"
    assert owner_client.post("/settings/reviews", data=form).status_code == 303
    settings = review_settings_for(organization)
    db.session.refresh(settings)
    assert [site["url"] for site in settings.review_sites] == ["https://www.facebook.com/lakesidedental/reviews"]


def test_a_wrong_site_link_marks_the_link_alone(owner_client, organization):
    """Only the link of a review site can be wrong: its site and name are not outlined as wrong with it."""
    bad = owner_client.post("/settings/reviews", data={**SETTINGS_FORM, "sites-0-kind": "facebook",
                                                       "sites-0-name": "Our page", "sites-0-url": "facebook"})
    assert bad.status_code == 422
    html = bad.text
    link = re.search(r'<input[^>]*id="sites-0-url"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in link and 'aria-describedby="sites-0-url-error"' in link
    for other in (r'<select[^>]*id="sites-0-kind"[^>]*>', r'<input[^>]*id="sites-0-name"[^>]*>'):
        assert "aria-invalid" not in re.search(other, html).group(0)
    assert "has-error" not in re.search(r'<div class="rr-site-row[^"]*">\s*<span class="rr-site-pos">1<', html).group(0)
    assert 'id="sites-0-url-error">Paste the full address' in html



def test_the_feedback_icon_of_the_pipeline_says_what_it_is(owner_client, organization):
    with unit_of_work(organization.id):
        request = operations.create_review_request(organization, {"first_name": "Ada", "email": "ada@example.com"}, 0)
        operations.rate(request, 2)
        operations.leave_feedback(request, "The plumber was late.")
    row = re.search(r"<tr>\s*<td><a[^>]*>Ada</a>.*?</tr>", owner_client.get("/review-requests").text, re.S).group(0)
    assert '<span title="Left private feedback" aria-hidden="true">💬</span>' in row
    assert '<span class="visually-hidden">Left private feedback</span>' in row  # what a screen reader says


def test_the_first_sms_is_shown_to_a_number_of_the_business_country(owner_client, organization):
    organization.default_country = "IE"
    db.session.commit()
    page = owner_client.get("/settings/reviews").text
    assert "To 085 012 3456" in page and "555" not in page  # an Irish mobile, as the Irish write it
    organization.default_country = "US"
    db.session.commit()
    assert "To (201) 555-0123" in owner_client.get("/settings/reviews").text


def test_the_dashboard_says_ratings_received_once_each_figure_saying_what_it_counts(owner_client, organization):
    with unit_of_work(organization.id):
        for name, rating in (("Ann", 4), ("Bob", 5)):
            request = operations.create_review_request(organization, {"first_name": name, "email": f"{name}@example.com"}, 0)
            operations.rate(request, rating)
    html = owner_client.get("/").get_data(as_text=True)
    shown = re.sub(r'aria-label="[^"]*"', "", html)  # (a trend line's summary, for screen readers, names its tile)
    assert shown.count("Ratings received") == 1  # the tile of the last 30 days
    assert '<div class="stat-label">Ratings received</div>' in html and "The last 30 days" in html
    assert "4.5" in html and "Average of 2 ratings (all time)" in html  # the all-time count, with the average
