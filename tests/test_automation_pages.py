"""The automation pages over HTTP: the list and its starters, the builder (settings, trigger, steps added,
moved, removed and saved in place, each refused input shown at its field with nothing saved), start and
pause, enrolment by hand, the activity, the dry run, the summary in words, isolation."""
import re
import uuid

import pytest

from nudgeweb.automations import starters
from nudgeweb.automations.workflow import summary
from nudgeweb.models import Automation, AutomationEnrollment, MessageTemplate, Tag, db
from tests.conftest import member_client
from tests.factories import ContactFactory

HX = {"HX-Request": "true"}


def low_rating_key():
    """The starter "when a customer rates 2 stars or fewer, tell me, wait a day, send an apology"."""
    return "low_rating"


def create(owner_client, starter=""):
    answer = owner_client.post("/automations/new", data={"starter": starter})
    assert answer.status_code == 303
    return answer.headers["Location"]


def automation_at(url):
    db.session.expire_all()
    return db.session.get(Automation, uuid.UUID(url.rstrip("/").split("/")[-1]))


def step_card(html, step_id):
    """The HTML of one step's card in a builder answer."""
    start = html.index(f'id="step-{step_id}"')
    return html[start:html.index("</article>", start)]


def test_the_empty_list_offers_the_four_starters_and_a_blank_one(owner_client, organization):
    page = owner_client.get("/automations")
    assert page.status_code == 200 and "No automations yet" in page.text
    assert len(starters.STARTERS) == 4
    for starter in starters.STARTERS.values():
        assert starter.name in page.text
    assert "Start from scratch" in page.text
    assert "coming soon" not in page.text.lower()


def test_a_starter_becomes_an_automation_in_the_list_with_its_trigger_in_words(owner_client, organization):
    url = create(owner_client, low_rating_key())
    automation = automation_at(url)
    assert automation.status == "draft" and automation.organization_id == organization.id
    builder = owner_client.get(url)
    assert builder.status_code == 200
    words = re.search(r'data-testid="summary">(.*?)</p>', builder.text, re.S).group(1)
    assert "rates 2 stars or fewer" in words and "tell the team" in words and "wait 1 day" in words
    listed = owner_client.get("/automations")
    row = re.search(rf'data-automation="{re.escape(automation.name)}".*?</tr>', listed.text, re.S).group(0)
    assert "Draft" in row and "rates 2 stars or fewer" in row
    assert re.search(r'data-stat="total_enrolled">0<', row)


def test_start_from_scratch_then_build_the_steps_in_place(owner_client, organization):
    url = create(owner_client)
    assert automation_at(url).steps == []
    assert "no steps yet" in owner_client.get(url).text
    form = owner_client.get(f"{url}/steps/new?type=add_tag&position=0", headers=HX)
    assert "not saved yet" in form.text and "<html" not in form.text  # the builder's fragment, for htmx
    assert automation_at(url).steps == []
    owner_client.post(f"{url}/steps/new?type=add_tag&position=0", data={"tag": "vip"}, headers=HX)
    owner_client.post(f"{url}/steps/new?type=wait&position=1", data={"wait_mode": "delay", "delay": "2 days"},
                      headers=HX)
    added = owner_client.post(f"{url}/steps/new?type=notify_team&position=1",
                              data={"subject": "A VIP is here", "message": ""}, headers=HX)
    assert added.status_code == 200
    steps = automation_at(url).steps
    assert [step["type"] for step in steps] == ["add_tag", "notify_team", "wait"]
    assert "tag them vip → tell the team (“A VIP is here”) → wait 2 days" in re.sub(r"<[^>]+>", "", added.text)

    moved = owner_client.post(f"{url}/steps/{steps[2]['id']}/move", data={"direction": "up"}, headers=HX)
    assert moved.status_code == 200
    assert [step["type"] for step in automation_at(url).steps] == ["add_tag", "wait", "notify_team"]
    owner_client.post(f"{url}/steps/{steps[0]['id']}/move", data={"direction": "up"}, headers=HX)  # first already
    assert [step["type"] for step in automation_at(url).steps] == ["add_tag", "wait", "notify_team"]

    removed = owner_client.post(f"{url}/steps/{steps[0]['id']}/remove", headers=HX)
    assert removed.status_code == 200
    assert [step["type"] for step in automation_at(url).steps] == ["wait", "notify_team"]


def test_a_bad_step_shows_the_message_at_its_field_and_saves_nothing(owner_client, organization):
    url = create(owner_client, low_rating_key())
    before = automation_at(url).steps
    wait = next(step for step in before if step["type"] == "wait")
    refused = owner_client.post(f"{url}/steps/{wait['id']}", data={"wait_mode": "delay", "delay": "banana"},
                                headers=HX)
    assert refused.status_code == 422
    card = step_card(refused.text, wait["id"])
    assert 'value="banana"' in card  # what was typed stays, to be mended
    assert re.search(r'data-error-for="delay">&#34;banana&#34; is not a delay', card)
    assert automation_at(url).steps == before

    new_tag = owner_client.post(f"{url}/steps/new?type=add_tag&position=0", data={"tag": ""}, headers=HX)
    assert new_tag.status_code == 422 and "not saved yet" in new_tag.text
    assert re.search(r'data-error-for="tag">is required', new_tag.text)
    assert automation_at(url).steps == before


def test_a_template_of_another_organization_is_refused_at_the_step(owner_client, organization, other_owner):
    url = create(owner_client, low_rating_key())
    before = automation_at(url).steps
    send = next(step for step in before if step["type"] == "send_email")
    foreign = MessageTemplate(organization_id=other_owner.organization_id, name="Theirs", channel="email",
                              subject="Hi", html_content="<p>Hi</p>")
    db.session.add_all([foreign, Tag(organization_id=other_owner.organization_id, name="their-tag"),
                        Tag(organization_id=organization.id, name="our-tag")])
    db.session.commit()
    builder = owner_client.get(url)
    assert "Theirs" not in builder.text and "their-tag" not in builder.text  # the choices are this business's own
    assert '<option value="our-tag">' in builder.text
    refused = owner_client.post(f"{url}/steps/{send['id']}", data={"template_id": str(foreign.id)}, headers=HX)
    assert refused.status_code == 422
    assert 'data-error-for="template_id"' in step_card(refused.text, send["id"])
    assert automation_at(url).steps == before


def test_the_trigger_and_the_settings_are_saved_in_place(owner_client, organization):
    url = create(owner_client)
    fields = owner_client.get(f"{url}/trigger-fields?type=tag_added")
    assert 'name="tag"' in fields.text
    refused = owner_client.post(f"{url}/trigger", data={"type": "tag_added", "tag": ""}, headers=HX)
    assert refused.status_code == 422 and re.search(r'data-error-for="tag">is required', refused.text)
    assert automation_at(url).trigger_type == "manual"
    saved = owner_client.post(f"{url}/trigger", data={"type": "review_rated", "rating": "2",
                                                      "rating_operator": "lte"}, headers=HX)
    assert saved.status_code == 200 and "When a customer rates 2 stars or fewer" in saved.text
    assert automation_at(url).trigger == {"type": "review_rated", "conditions": {"rating": {"lte": 2}}}
    named = owner_client.post(f"{url}/settings", data={"name": "Sorry notes", "description": "",
                                                       "entry_rule": "every_time"}, headers=HX)
    assert named.status_code == 200
    automation = automation_at(url)
    assert (automation.name, automation.entry_rule) == ("Sorry notes", "every_time")
    nameless = owner_client.post(f"{url}/settings", data={"name": "", "entry_rule": "once"}, headers=HX)
    assert nameless.status_code == 422 and 'data-error-for="name"' in nameless.text
    assert automation_at(url).name == "Sorry notes"


def test_a_custom_event_trigger_takes_property_conditions_in_the_builder(owner_client, organization):
    url = create(owner_client)
    rows = {"property_name": ["total", "plan", "coupon", ""], "property_operator": ["gte", "is", "exists", "is"],
            "property_value": ["100", "Pro", "", ""]}
    saved = owner_client.post(f"{url}/trigger", data={"type": "custom_event", "event_name": "purchase", **rows},
                              headers=HX)
    assert saved.status_code == 200
    assert automation_at(url).trigger == {"type": "custom_event", "event_name": "purchase", "conditions": {
        "properties": {"total": {"gte": 100}, "plan": "Pro", "coupon": {"exists": True}}}}
    page = owner_client.get(url).text
    assert 'name="property_name" value="total"' in page and '<option value="gte" selected>' in page
    assert 'name="property_value" value="100"' in page and 'name="property_name" value=""' in page

    too_many = {"property_name": [f"p{n}" for n in range(11)], "property_operator": ["is"] * 11,
                "property_value": ["x"] * 11}
    refused = owner_client.post(f"{url}/trigger", data={"type": "custom_event", "event_name": "purchase",
                                                        **too_many}, headers=HX)
    assert refused.status_code == 422 and "may hold at most 10 conditions" in refused.text
    assert automation_at(url).trigger["conditions"]["properties"]["total"] == {"gte": 100}

    cleared = owner_client.post(f"{url}/trigger", data={"type": "custom_event", "event_name": "purchase",
                                                        "property_name": [""], "property_operator": ["is"],
                                                        "property_value": [""]}, headers=HX)
    assert cleared.status_code == 200
    cleared_trigger = automation_at(url).trigger
    assert cleared_trigger == {"type": "custom_event", "event_name": "purchase", "conditions": {"properties": {}}}


def test_start_pause_enrol_by_hand_activity_and_dry_run(owner_client, organization):
    contact = ContactFactory(organization=organization, first_name="Rita", last_name="Ng", email="rita@example.com")
    url = create(owner_client, low_rating_key())
    builder = owner_client.get(url)
    assert "data-confirm=\"Start" in builder.text  # a deliberate question before it runs for real
    assert owner_client.post(f"{url}/start").status_code == 303
    assert automation_at(url).status == "active"
    assert "Pause" in owner_client.get(url).text

    lookup = owner_client.get(f"{url}/contacts?q=rita&for=enroll")
    assert "Rita Ng" in lookup.text and str(contact.id) in lookup.text
    enrolled = owner_client.post(f"{url}/enroll", data={"contact_id": str(contact.id)}, follow_redirects=True)
    assert "Rita Ng is enrolled" in enrolled.text
    assert db.session.query(AutomationEnrollment).filter_by(contact_id=contact.id).count() == 1
    assert re.search(r'data-stat="total_enrolled">1<', enrolled.text)

    on_contact = owner_client.get(f"/contacts/{contact.id}")
    section = on_contact.text[on_contact.text.index('id="automations"'):]
    assert automation_at(url).name in section and 'data-enrolment="active">in it now, at step ' in section

    activity = owner_client.get(f"{url}/activity")
    assert activity.status_code == 200 and f'href="/contacts/{contact.id}"' in activity.text
    assert "Rita Ng" in activity.text

    plan = owner_client.get(f"{url}/dry-run?contact={contact.id}")
    assert plan.status_code == 200 and 'data-testid="dry-run"' in plan.text and "For Rita Ng" in plan.text

    assert owner_client.post(f"{url}/pause").status_code == 303
    assert automation_at(url).status == "paused"
    assert "Start again" in owner_client.get(url).text

    steps = [step["id"] for step in automation_at(url).steps]
    enrolment = db.session.query(AutomationEnrollment).filter_by(contact_id=contact.id).one()
    on = enrolment.step_id
    removed = owner_client.post(f"{url}/steps/{on}/remove", headers=HX)
    assert "1 contact was on the step you removed: they moved on to the step after it." in removed.text
    db.session.refresh(enrolment)
    assert enrolment.step_id == steps[steps.index(on) + 1]


def test_another_organization_sees_nothing(owner_client, other_client, organization):
    url = create(owner_client, low_rating_key())
    step_id = automation_at(url).steps[0]["id"]
    assert "No automations yet" in other_client.get("/automations").text
    for path in ("", "/activity", "/dry-run", "/trigger-fields?type=manual", "/steps/new?type=exit&position=0"):
        assert other_client.get(url + path).status_code == 404, path
    for path in ("/start", "/pause", "/delete", "/settings", "/trigger", f"/steps/{step_id}",
                 f"/steps/{step_id}/remove", f"/steps/{step_id}/move", "/enroll"):
        assert other_client.post(url + path, data={"name": "Mine now"}).status_code == 404, path
    assert automation_at(url).name != "Mine now" and automation_at(url).status == "draft"


def test_a_viewer_reads_but_does_not_change(app, organization, owner_client):
    url = create(owner_client)
    viewer = member_client(app, organization, "viewer")
    assert viewer.get(url).status_code == 200
    assert viewer.post(f"{url}/start").status_code == 403


@pytest.mark.parametrize("trigger, steps, words", [
    ({"type": "tag_added", "conditions": {"tag": "vip"}},
     [{"id": "a", "type": "wait", "delay": "2 days"}, {"id": "b", "type": "send_email", "template_id": "t1"},
      {"id": "c", "type": "condition", "if": {"event": "clicked"}, "then": "exit", "else": "continue"}],
     ["When a contact gets the tag vip", "wait 2 days", "send “Welcome”", "if they did “clicked”: stop, else go on"]),
    ({"type": "custom_event", "event_name": "cart_abandoned", "conditions": {}},
     [{"id": "s", "type": "send_sms", "campaign_id": "gone", "delay": "1 hour"}],
     ["When a contact does “cart_abandoned”", "after 1 hour, send a text"]),
    ({"type": "custom_event", "event_name": "purchase",
      "conditions": {"properties": {"total": {"gte": 100}, "plan": "Pro", "coupon": {"exists": True}}}},
     [{"id": "x", "type": "exit"}],
     ["When a contact does “purchase” with total at least 100 and plan “Pro” and a coupon", "stop"]),
    ({"type": "date", "conditions": {"field": "birthday", "time": "09:00"}},
     [{"id": "w", "type": "wait", "until": {"weekday": "monday", "time": "10:00"}}, {"id": "x", "type": "exit"}],
     ["Every year on a contact's birthday at 09:00", "wait until Monday 10:00", "stop"]),
])
def test_the_summary_says_it_in_plain_words(trigger, steps, words):
    automation = Automation(trigger=trigger, steps=steps)
    assert summary(automation, {"t1": "Welcome"}) == words
