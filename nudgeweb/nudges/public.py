"""The employee's page, /e/<signed token>: no login, one thumb on a phone. Their progress, their place
on the leaderboard, and a large form that asks the customer in front of them for a review, credited
to them. A forged, revoked or expired link gets a friendly page."""
from flask import Blueprint, render_template

from nudgeweb.contacts.fields import split_full_name
from nudgeweb.field_errors import INVALID_FORM, show_field_errors
from nudgeweb.htmx import render
from nudgeweb.link_pages import LinkRefused, opened_by_link
from nudgeweb.models import Organization, db
from nudgeweb.nudges.forms import AskCustomerForm
from nudgeweb.nudges.links import LinkExpired, LinkRevoked, participant_for_token
from nudgeweb.nudges.progress import GOAL_LABELS, leaderboard
from nudgeweb.reviews import operations as reviews
from nudgeweb.security_headers import limited_per_token
from nudgeweb.unit_of_work import run_again_once

bp = Blueprint("employee_page", __name__, url_prefix="/e")
ASKS_PER_LINK = "20 per minute"  # a busy counter, not a script
asks_limited = limited_per_token(ASKS_PER_LINK, "employee-page-asks")


def _participant(token):
    """The participant a link stands for, its organization now in force; LinkRefused with the friendly page."""
    try:
        participant = participant_for_token(token)
    except LinkRevoked:
        raise LinkRefused((render_template("nudges/public/invalid.html", reason="revoked"), 410))
    except LinkExpired:
        raise LinkRefused((render_template("nudges/public/invalid.html", reason="expired"), 410))
    if participant is None:
        raise LinkRefused((render_template("nudges/public/invalid.html", reason="forged"), 404))
    return participant


def _page(participant, token, form=None, status=200, asked=None):
    period = participant.campaign_period
    board = leaderboard(period)
    mine = next((s for s in board if s.employee_id == participant.employee_id), None)
    return render("nudges/public/page.html", "nudges/public/_card.html", status=status, token=token,
                  business=db.session.get(Organization, participant.organization_id), period=period,
                  employee=participant.employee, board=board, mine=mine, goal_label=GOAL_LABELS[period.goal_kind],
                  form=form or AskCustomerForm(formdata=None), asked=asked)


@bp.get("/<token>")
@opened_by_link(_participant)
def page(participant, token):
    return _page(participant, token)


@bp.post("/<token>")
@asks_limited
@opened_by_link(_participant)
def ask(participant, token):
    form = AskCustomerForm()
    if participant.campaign_period.status != "active" or not participant.employee.active:
        form.name.errors.append("This period is not running: ask your manager for the new link.")
        return _page(participant, token, form, INVALID_FORM)
    if not form.validate():
        return _page(participant, token, form, INVALID_FORM)
    try:
        asked = ask_customer(participant, form.data)
    except reviews.ReviewRequestError as error:
        show_field_errors(form, error, aliases={"first_name": "name", "last_name": "name"}, fallback=form.email)
        return _page(participant, token, form, INVALID_FORM)
    except reviews.ReviewRequestRefused as refused:
        form.email.errors.append(str(refused))
        return _page(participant, token, form, INVALID_FORM)
    return _page(participant, token, asked=asked.contact.display_name)


def ask_customer(participant, data):
    """A review request to the customer, credited to the participant's employee (contact source ``employee``)."""
    first, last = split_full_name(data.get("name"))
    contact = {"first_name": first, "last_name": last, "phone": data.get("phone") or "",
               "email": data.get("email") or ""}
    if not contact["phone"].strip() and not contact["email"].strip():
        raise reviews.ReviewRequestError({"email": "Give the customer's mobile phone or email."})
    organization = db.session.get(Organization, participant.organization_id)
    return run_again_once(reviews.create_review_request, organization, contact, employee_id=participant.employee_id,
                          source="employee", contact_source="employee")
