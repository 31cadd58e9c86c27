"""The organization cache: a setting read by every request is kept a moment per process, and a write
to it is seen at once in this process (by the writing transaction before its commit, by everyone after)."""
import pytest

from nudgeweb import organization_cache
from nudgeweb.auth.verification import EmailNotVerified, require_verified_sender
from nudgeweb.automations import triggers
from nudgeweb.extensions import db
from nudgeweb.models import utcnow
from nudgeweb.unit_of_work import unit_of_work
from tests.automations_support import make_automation

STEPS = [{"id": "tag", "type": "add_tag", "tag": "entered"}]


def test_an_automation_switched_on_is_heard_at_once(organization):
    with unit_of_work(organization.id):
        assert not triggers.listening(organization.id, ("tag_added",))  # read, and kept
    automation = make_automation(organization, STEPS, trigger={"type": "tag_added", "conditions": {"tag": "vip"}},
                                 status="paused")
    with unit_of_work(organization.id):
        assert not triggers.listening(organization.id, ("tag_added",))  # paused: still not listening
        db.session.merge(automation).status = "active"
        db.session.flush()
        assert triggers.listening(organization.id, ("tag_added",))  # the writing transaction reads its own write
    with unit_of_work(organization.id):
        assert triggers.listening(organization.id, ("tag_added",))  # and, committed, everyone in this process


def test_a_rolled_back_write_leaves_nothing_behind(organization):
    automation = make_automation(organization, STEPS, trigger={"type": "tag_added", "conditions": {"tag": "vip"}},
                                 status="paused")
    try:
        with unit_of_work(organization.id):
            db.session.merge(automation).status = "active"
            db.session.flush()
            assert triggers.listening(organization.id, ("tag_added",))
            raise RuntimeError("undo")
    except RuntimeError:
        pass
    with unit_of_work(organization.id):
        assert not triggers.listening(organization.id, ("tag_added",))


def test_a_business_whose_owner_just_verified_may_send_at_once(organization, owner):
    user_id = owner.user_id
    with unit_of_work(organization.id):
        db.session.get(type(owner.user), user_id).email_verified_at = None
    with unit_of_work(organization.id), pytest.raises(EmailNotVerified):
        require_verified_sender(organization.id)
    organization_cache.forget(organization.id)  # (as another process would: it never saw the write)
    with unit_of_work(organization.id):
        db.session.get(type(owner.user), user_id).email_verified_at = utcnow()
    with unit_of_work(organization.id):
        require_verified_sender(organization.id)  # a "no" is never kept
