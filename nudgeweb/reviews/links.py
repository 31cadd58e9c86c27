"""The signed link in every review message: /r/<token>, valid for LINK_LIFETIME."""
from datetime import timedelta

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import select

from nudgeweb.models import db
from nudgeweb.models.reviews import ReviewRequest, new_public_token
from nudgeweb.unit_of_work import ACROSS_ORGANIZATIONS

LINK_LIFETIME = timedelta(days=180)
SALT = "nudge.review-page"


class LinkExpired(Exception):
    pass


def _serializer():
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def review_token(request):
    return _serializer().dumps(request.public_token)


def review_link(request):
    """The absolute address of the request's review page, for messages."""
    return f"{current_app.config['BASE_URL']}/r/{review_token(request)}"


def sample_review_link():
    """A link as long as a real one (for previews and the SMS count), leading to no request."""
    return f"{current_app.config['BASE_URL']}/r/{_serializer().dumps(new_public_token())}"


def request_for_token(token):
    """The ReviewRequest a link points at; None when forged or unknown; LinkExpired when too old."""
    try:
        public_token = _serializer().loads(token, max_age=int(LINK_LIFETIME.total_seconds()))
    except SignatureExpired:
        raise LinkExpired()
    except BadSignature:
        return None
    # whose request it is, we learn from the request: the signed link is the customer's credential
    return db.session.scalar(select(ReviewRequest).where(ReviewRequest.public_token == public_token)
                             .execution_options(**ACROSS_ORGANIZATIONS))
