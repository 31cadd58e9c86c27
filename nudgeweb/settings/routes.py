from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_login import current_user, logout_user

from nudgeweb.auth import operations as accounts
from nudgeweb.auth.access import current_organization, member_required, renew_login, role_required
from nudgeweb.auth.forms import ChangePasswordForm, ConfirmForm
from nudgeweb.auth.links import VERIFICATION_LIFETIME
from nudgeweb.auth.operations import AccountError
from nudgeweb.delivery.sealed import install_settings
from nudgeweb.delivery.transports import email_stays_local
from nudgeweb.extensions import limiter
from nudgeweb.field_errors import INVALID_FORM, flash_field_errors, form_status, show_field_errors, show_more_field_errors
from nudgeweb.models import Invitation, Membership
from nudgeweb.scoping import get_or_404
from nudgeweb.settings import invitations, operations
from nudgeweb.settings.forms import InviteForm, OrganizationForm, RoleForm

bp = Blueprint("settings", __name__, url_prefix="/settings")


@bp.route("/", methods=["GET", "POST"])
@member_required
def organization():
    org = current_organization()
    form = OrganizationForm(obj=org)
    if form.validate_on_submit():
        if not g.membership.can("admin"):
            abort(403)
        try:
            operations.update_organization(org, website=form.website.data or None,
                                           default_country=form.default_country.data)
            operations.update_profile(org, _profile_typed(form))
        except operations.ProfileError as error:
            show_field_errors(form, error, aliases=PROFILE_ALIASES)
        else:
            flash("Your business profile is saved.", "success")
            return redirect(url_for(".organization"))
    elif form.is_submitted():  # refused by its own validators: the profile's other bad fields too, all at once
        show_more_field_errors(form, operations.profile_errors(org, _profile_typed(form)), aliases=PROFILE_ALIASES)
    return render_template("settings/organization.html", form=form, organization=org), form_status(form)


PROFILE_FIELDS = ("name", "timezone", "slug", "domain", "footer_address", "logo_url", "font_family")
PROFILE_ALIASES = {"primary_color": "brand_color"}


def _profile_typed(form):
    return {name: getattr(form, name).data for name in PROFILE_FIELDS} | {"primary_color": form.brand_color.data}


@bp.get("/team")
@member_required
def team():
    return _team_page(InviteForm())


@bp.post("/team/invite")
@role_required("admin")
def invite():
    form = InviteForm()
    if form.validate_on_submit():
        try:
            invitation = invitations.invite(current_organization(), form.email.data, form.role.data, g.membership)
        except AccountError as error:
            show_field_errors(form, error)
        else:
            if email_stays_local(install_settings(invitation.organization_id)):
                flash(f"The invitation to {invitation.email} is made, but this install keeps email in the local "
                      "Outbox, where the link is not shown (it is a credential): the operator sets MAIL_URL, or adds "
                      "the person with `flask users create`.", "warning")
            else:
                flash(f"Invitation sent to {invitation.email}. The link works for "
                      f"{invitations.INVITATION_LIFETIME.days} days.", "success")
            return redirect(url_for(".team"), 303)
    return _team_page(form, INVALID_FORM)


@bp.post("/team/invitations/<invitation_id>/revoke")
@role_required("admin")
def revoke_invitation(invitation_id):
    invitation = get_or_404(Invitation, invitation_id)
    invitations.revoke(invitation)
    flash(f"The invitation to {invitation.email} is revoked: its link no longer works.", "success")
    return redirect(url_for(".team"), 303)


def _team_page(form, status=200):
    organization_id = g.membership.organization_id
    return render_template("settings/team.html", members=operations.team_of(organization_id), form=form,
                           invitations=invitations.pending_invitations(organization_id),
                           lifetime=invitations.INVITATION_LIFETIME), status


@bp.route("/team/<membership_id>", methods=["GET", "POST"])
@role_required("admin")
def member(membership_id):
    membership = get_or_404(Membership, membership_id)
    form = RoleForm(obj=membership)
    if form.validate_on_submit():
        try:
            operations.change_role(membership, form.role.data, acting=g.membership)
        except AccountError as error:
            show_field_errors(form, error, fallback=form.role)
        else:
            flash(f"{membership.user.name} is now {membership.role}.", "success")
            return redirect(url_for(".team"))
    return render_template("settings/member.html", member=membership, form=form), form_status(form)


@bp.post("/team/<membership_id>/remove")
@role_required("admin")
def remove_member(membership_id):
    membership = get_or_404(Membership, membership_id)
    name = membership.user.name
    try:
        operations.remove_member(membership, acting=g.membership)
    except AccountError as error:
        flash_field_errors(error)
        return redirect(url_for(".member", membership_id=membership.id))
    flash(f"{name} no longer has access.", "success")
    return redirect(url_for(".team"), 303)


@bp.get("/account")
@member_required
def account():
    return _account_page(ChangePasswordForm())


@bp.post("/account/password")
@member_required
def account_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            accounts.change_password(current_user, form.current_password.data, form.password.data)
        except AccountError as error:
            show_field_errors(form, error)
        else:
            renew_login(current_user._get_current_object())
            flash("Your password is changed. Every other device that was logged in is logged out.", "success")
            return redirect(url_for(".account"), 303)
    return _account_page(form, INVALID_FORM)


@bp.post("/account/logout-everywhere")
@member_required
def account_logout_everywhere():
    if ConfirmForm().validate_on_submit():
        accounts.end_sessions(current_user)
        logout_user()
        flash("You are logged out everywhere, on this device too. Log in again to go on.", "info")
        return redirect(url_for("auth.login"), 303)
    abort(400)


@bp.post("/account/verification")
@member_required
@limiter.limit("5/hour", key_func=lambda: f"verification:{getattr(current_user, 'id', request.remote_addr)}")
def account_resend_verification():
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if current_user.email_verified:
        flash(f"{current_user.email} is already verified.", "info")
    else:
        accounts.resend_verification(current_user, current_organization())
        flash(f"We sent a new verification link to {current_user.email}. It works for "
              f"{VERIFICATION_LIFETIME.days} days.", "success")
    return redirect(url_for("main.dashboard"), 303)


def _account_page(form, status=200):
    return render_template("settings/account.html", form=form, confirm_form=ConfirmForm()), status
