"""Attack: post the public review page again and again (30 ratings: 30 emails to every owner).

The owners hear of a request's rating once, and of its feedback once, until an hour passes without
a new one; and the page's posts through one link are rate limited (429 past POSTS_PER_LINK).
"""
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from nudgeweb import clock
from nudgeweb.models import db
from nudgeweb.models.messages import Message
from nudgeweb.reviews import operations
from nudgeweb.reviews.links import review_token
from nudgeweb.reviews.public import POSTS_PER_LINK
from tests.factories import MembershipFactory
from tests.reviews_support import NOW, frozen_clock  # noqa: F401

LIMIT = int(POSTS_PER_LINK.split()[0])


def owner_emails():
    return db.session.scalar(select(func.count()).select_from(Message).where(Message.purpose == "review_notification"))


@pytest.fixture
def link(organization, owner, frozen_clock):  # noqa: F811
    MembershipFactory(role="owner", organization=organization)  # two owners: one email each per notice
    request = operations.create_review_request(organization, {"first_name": "Ann", "email": "ann@example.com"}, 0)
    return request, f"/r/{review_token(request)}"


def test_many_ratings_and_feedback_send_one_notice_each(client, link):
    request, url = link
    for rating in (5, 1, 4, 2, 3):
        assert client.post(f"{url}/rate", data={"rating": rating}).status_code == 200
    assert owner_emails() == 2
    for text in ("Great", "Actually bad", "Fine"):
        assert client.post(f"{url}/feedback", data={"feedback": text}).status_code == 200
    assert owner_emails() == 4
    db.session.refresh(request)
    assert (request.rating, request.feedback) == (3, "Fine")  # the latest still counts

    clock.travel_to(NOW + operations.OWNER_NOTICE_QUIET + timedelta(minutes=1))
    client.post(f"{url}/rate", data={"rating": 5})
    assert owner_emails() == 6  # an hour later, a new rating is news again


def test_posts_through_one_link_are_rate_limited(client, link, organization):
    _request, url = link
    answers = [client.post(f"{url}/rate", data={"rating": 5}).status_code for _ in range(LIMIT // 2)]
    answers += [client.post(f"{url}/feedback", data={"feedback": "again"}).status_code for _ in range(25)]
    assert answers[:LIMIT] == [200] * LIMIT and set(answers[LIMIT:]) == {429}
    assert owner_emails() == 4  # one rating notice and one feedback notice, to each of two owners
    refused = client.post(f"{url}/rate", data={"rating": 1})
    assert refused.status_code == 429 and "Too many requests" in refused.get_data(as_text=True)
    other = operations.create_review_request(organization, {"email": "bob@example.com"}, 0)
    assert client.post(f"/r/{review_token(other)}/rate", data={"rating": 4}).status_code == 200  # per link
