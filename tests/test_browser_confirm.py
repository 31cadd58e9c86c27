"""The confirm buttons in a real Chromium: the question is asked even when a name has quotes in it,
"Cancel" keeps the thing, "OK" removes it."""
import pytest
from playwright.sync_api import expect

from nudgeweb.contacts import operations
from nudgeweb.extensions import db
from nudgeweb.models import Membership, Segment
from tests.conftest import log_in
from tests.factories import MembershipFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def logged_in(page, live_server, owner):
    return log_in(page, live_server, owner.user.email)


def answer_next_question(page, accept):
    """Answer the browser's next confirm() and return the list that will hold its text."""
    asked = []

    def answer(dialog):
        asked.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    page.once("dialog", answer)
    return asked


def test_removing_a_member_whose_name_has_an_apostrophe_asks_first(logged_in, live_server, organization):
    member_id = MembershipFactory(organization=organization, role="editor", user__name="Pat O'Brien").id
    page = logged_in
    page.goto(f"{live_server}/settings/team/{member_id}")

    asked = answer_next_question(page, accept=False)
    page.get_by_role("button", name="Remove Pat O'Brien").click()
    expect(page.get_by_role("heading", name="Remove from the team")).to_be_visible()
    assert asked == ["Remove Pat O'Brien from the team?"]
    assert db.session.get(Membership, member_id) is not None

    asked = answer_next_question(page, accept=True)
    page.get_by_role("button", name="Remove Pat O'Brien").click()
    expect(page.get_by_text("Pat O'Brien no longer has access.")).to_be_visible()
    assert asked == ["Remove Pat O'Brien from the team?"]
    db.session.expire_all()
    assert db.session.get(Membership, member_id) is None


def test_deleting_a_segment_with_quotes_in_its_name_asks_first(logged_in, live_server, organization):
    segment_id = operations.save_segment(organization.id, 'The "best" customers', {"q": "a"}).id
    db.session.commit()
    page = logged_in
    page.goto(f"{live_server}/contacts")
    delete = page.get_by_role("button", name='Delete segment The "best" customers')

    asked = answer_next_question(page, accept=False)
    delete.click()
    expect(page.get_by_role("link", name='The "best" customers')).to_be_visible()
    assert asked == ['Delete the segment “The "best" customers”? Its contacts stay.']
    assert db.session.get(Segment, segment_id) is not None

    asked = answer_next_question(page, accept=True)
    delete.click()
    expect(page.get_by_role("link", name='The "best" customers')).to_have_count(0)
    assert asked == ['Delete the segment “The "best" customers”? Its contacts stay.']
    db.session.expire_all()
    assert db.session.get(Segment, segment_id) is None
