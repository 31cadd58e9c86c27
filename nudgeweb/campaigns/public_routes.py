"""The link of a double opt-in confirmation: /u/lists/<token> asks, a POST confirms (so that a mail
scanner that opens links confirms nobody)."""
from flask import Blueprint, render_template, request

from nudgeweb.campaigns import lists
from nudgeweb.extensions import csrf
from nudgeweb.models import Contact, Organization, db
from nudgeweb.security_headers import token_in_url

bp = Blueprint("list_confirmation", __name__)
csrf.exempt(bp)  # the signed token stands in for the CSRF token


@bp.route("/u/lists/<token>", methods=["GET", "POST"])
@token_in_url
def confirm(token):
    found = lists.membership_for_token(token)
    if found is None:
        return render_template("public/link_broken.html"), 404
    contact_list, membership = found
    if request.method == "POST":
        lists.confirm(membership)
    return render_template("campaigns/public_confirm.html", contact_list=contact_list, membership=membership,
                           organization=db.session.get(Organization, membership.organization_id),
                           contact=db.session.get(Contact, membership.contact_id))
