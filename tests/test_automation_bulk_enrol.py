"""The contacts page's bulk action "Add to automation": the ticked contacts, or everyone the filter
matches, enter by the automation's entry rule, and the page says how many went in and how many the
rule kept out. A draft refuses; another business's automation and contacts are out of reach."""
import html

from sqlalchemy import select

from nudgeweb.extensions import db
from nudgeweb.models.automations import AutomationEnrollment
from tests.automations_support import enrol, enrolments, make_automation
from tests.factories import ContactFactory

WAITING = [{"id": "wait", "type": "wait", "delay": "2 days"}, {"id": "done", "type": "exit"}]


def flashed(client):
    return html.unescape(client.get("/contacts").get_data(as_text=True))


def test_the_ticked_contacts_enter_and_those_the_rule_keeps_out_are_counted(owner_client, organization):
    ada, bob, eve = (ContactFactory(organization=organization, last_name=name) for name in ("Ada", "Bob", "Eve"))
    welcome = make_automation(organization, WAITING, name="Welcome series")
    make_automation(organization, WAITING, name="Half-built", status="draft")
    enrol(welcome, ada)
    page = flashed(owner_client)
    assert '<option value="automation_add">Add to automation</option>' in page
    assert f'<option value="{welcome.id}">Welcome series</option>' in page and "Half-built" not in page

    answer = owner_client.post("/contacts/bulk", data={"action": "automation_add", "automation_id": str(welcome.id),
                                                       "ids": [str(c.id) for c in (ada, bob, eve)]})

    assert answer.status_code == 303
    assert ("Added 2 contacts to “Welcome series”. 1 was kept out by its entry rule (“Once ever”)."
            in flashed(owner_client))
    assert sorted(e.contact_id for e in enrolments(welcome)) == sorted([ada.id, bob.id, eve.id])
    assert {e.source for e in enrolments(welcome) if e.contact_id != ada.id} == {"manual"}


def test_everyone_the_filter_matches_enters(owner_client, organization, other_owner):
    imported = [ContactFactory(organization=organization, source="import") for _ in range(30)]
    ContactFactory(organization=organization, source="manual")
    ContactFactory(organization=other_owner.organization, source="import")
    every = make_automation(organization, WAITING, name="Every time", entry_rule="every_time")
    everyone = {"everyone": "yes", "filters": '{"source": "import"}', "next": "/contacts?source=import"}

    owner_client.post("/contacts/bulk", data={"action": "automation_add", "automation_id": str(every.id), **everyone})

    assert "Added 30 contacts to “Every time”." in flashed(owner_client)
    assert sorted(e.contact_id for e in enrolments(every)) == sorted(c.id for c in imported)


def test_a_draft_or_another_business_s_automation_enrols_nobody(owner_client, organization, other_owner):
    contact = ContactFactory(organization=organization)
    draft = make_automation(organization, WAITING, name="Draft", status="draft")
    theirs = make_automation(other_owner.organization, WAITING, name="Theirs")
    ids = [str(contact.id)]

    owner_client.post("/contacts/bulk", data={"action": "automation_add", "automation_id": str(draft.id), "ids": ids})
    assert "Start the automation before enrolling contacts" in flashed(owner_client)
    owner_client.post("/contacts/bulk", data={"action": "automation_add", "automation_id": str(theirs.id), "ids": ids})
    assert "Choose the automation." in flashed(owner_client)
    owner_client.post("/contacts/bulk", data={"action": "automation_add", "automation_id": "", "ids": ids})
    assert "Choose the automation." in flashed(owner_client)
    assert db.session.scalars(select(AutomationEnrollment)).all() == []
