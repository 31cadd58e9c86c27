"""The review tests' clock: frozen ahead of real time, so Huey (on real time) keeps every task of the
frozen clock on its schedule until the test moves the clock and runs what is due."""
from datetime import datetime, timedelta, timezone

import pytest

from nudgeweb import clock
from nudgeweb.extensions import huey

NOW = (datetime.now(timezone.utc) + timedelta(days=30)).replace(hour=15, minute=0, second=0, microsecond=0)


@pytest.fixture(autouse=True)
def frozen_clock():
    huey.flush()
    clock.travel_to(NOW)
    yield
    clock.travel_to(None)
    huey.flush()


def travel_and_run(moment):
    """Move the clock to ``moment`` and run every Huey task due by then, then the minute's sweep of
    follow-ups (as the consumer would)."""
    from nudgeweb.reviews.tasks import queue_due_follow_ups

    clock.travel_to(moment)
    while tasks := huey.read_schedule(clock.huey_timestamp()):
        for task in tasks:
            huey.execute(task, clock.huey_timestamp())
    queue_due_follow_ups()


def token_signed(request, ago):
    """The request's link token as Nudge would have signed it ``ago`` (a timedelta) before now."""
    import time

    from flask import current_app
    from itsdangerous import TimestampSigner, URLSafeTimedSerializer

    from nudgeweb.reviews.links import SALT

    class SignedThen(TimestampSigner):
        def get_timestamp(self):
            return int(time.time() - ago.total_seconds())

    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT, signer=SignedThen).dumps(
        request.public_token)


def give_review_link(organization, url="https://g.page/r/acme-plumbing/review"):
    """The business's Google "write a review" link, as Settings → Reviews saves it."""
    from nudgeweb.extensions import db
    from nudgeweb.reviews.settings import review_settings_for
    from nudgeweb.unit_of_work import unit_of_work

    with unit_of_work(organization.id):
        review_settings_for(organization).review_sites = [{"kind": "google", "name": "Google", "url": url}]
    db.session.expire_all()
