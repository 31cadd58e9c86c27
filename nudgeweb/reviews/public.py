"""The customer's review page, /r/<signed token>: no login, mobile first, in the business's colours.

Every customer sees every review site of the business (no review gating), a 1–5 rating and a
private feedback box. A forged or expired link gets a friendly page, never a trace.
"""
from flask import Blueprint, redirect, render_template, request

from nudgeweb.field_errors import INVALID_FORM, show_field_errors
from nudgeweb.htmx import render
from nudgeweb.link_pages import LinkRefused, opened_by_link
from nudgeweb.reviews import operations
from nudgeweb.reviews.forms import FeedbackForm
from nudgeweb.reviews.links import LinkExpired, request_for_token
from nudgeweb.security_headers import limited_per_token
from nudgeweb.unit_of_work import enter_organization

bp = Blueprint("review_page", __name__, url_prefix="/r")
# Ratings and feedback posted through one link, together: plenty for a customer changing their mind.
POSTS_PER_LINK = "10 per minute"
posts_limited = limited_per_token(POSTS_PER_LINK, "review-page-posts")


def _review_request(token):
    """The review request a link stands for, its organization now in force; LinkRefused with the friendly page."""
    try:
        review_request = request_for_token(token)
    except LinkExpired:
        raise LinkRefused((render_template("reviews/public/invalid.html", expired=True), 410))
    if review_request is None:
        raise LinkRefused((render_template("reviews/public/invalid.html", expired=False), 404))
    enter_organization(review_request.organization_id)
    return review_request


def _page(review_request, token, form=None, status=200, fragment="reviews/public/_card.html"):
    return render(
        "reviews/public/page.html", fragment, status=status, r=review_request, token=token,
        business=review_request.organization, sites=operations.review_sites_of(review_request),
        form=form or FeedbackForm(formdata=None, feedback=review_request.feedback),  # what was sent, to change
    )


@bp.get("/<token>")
@opened_by_link(_review_request)
def page(review_request, token):
    operations.mark_opened(review_request)
    return _page(review_request, token)


@bp.post("/<token>/rate")
@posts_limited
@opened_by_link(_review_request)
def rate(review_request, token):
    try:
        operations.rate(review_request, request.form.get("rating", type=int))
    except operations.ReviewRequestError:
        return _page(review_request, token, status=INVALID_FORM)
    return _page(review_request, token)


@bp.post("/<token>/feedback")
@posts_limited
@opened_by_link(_review_request)
def feedback(review_request, token):
    form = FeedbackForm()
    if form.validate_on_submit():
        try:
            operations.leave_feedback(review_request, form.feedback.data)
        except operations.ReviewRequestError as error:
            show_field_errors(form, error, fallback=form.feedback)
        else:
            return _page(review_request, token)
    return _page(review_request, token, form=form, status=INVALID_FORM)


@bp.get("/<token>/go/<int:index>")
@opened_by_link(_review_request)
def go(review_request, token, index):
    """Count the click, then off to the review site."""
    url = operations.site_clicked(review_request, index)
    if url is None:
        return _page(review_request, token, status=404)
    return redirect(url, 302)
