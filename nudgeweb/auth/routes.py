from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_user, logout_user

from nudgeweb.auth import operations, throttle
from nudgeweb.auth.access import switch_organization
from nudgeweb.auth.forms import ForgotPasswordForm, JoinForm, LoginForm, NewMemberForm, ResetPasswordForm, SignupForm
from nudgeweb.auth.links import RESET_LIFETIME
from nudgeweb.auth.operations import AccountError, find_user, sign_up
from nudgeweb.auth.tasks import email_password_reset
from nudgeweb.extensions import limiter
from nudgeweb.field_errors import INVALID_FORM, form_status, show_field_errors
from nudgeweb.security_headers import token_in_url
from nudgeweb.settings import invitations
from nudgeweb.unit_of_work import after_commit

bp = Blueprint("auth", __name__)


def safe_next(default):
    """The ``next`` address if it stays on this site, else the default."""
    target = request.args.get("next") or ""
    parts = urlsplit(target)
    if target.startswith("/") and not target.startswith("//") and not parts.netloc:
        return target
    return default


def too_many_attempts(refused, template, **context):
    """The form again, with what was refused and how long to wait."""
    flash(str(refused), "error")
    return render_template(template, **context), 429, {"Retry-After": str(refused.retry_after)}


@bp.route("/signup", methods=["GET", "POST"])
def signup():
    if current_user.is_authenticated:
        return redirect(url_for("main.dashboard"))
    form = SignupForm()
    if form.validate_on_submit():
        try:
            throttle.sign_up_attempt()
            membership = sign_up(
                form.business_name.data, form.name.data, form.email.data, form.password.data,
                timezone=form.timezone.data, country=form.country.data,
            )
        except throttle.TooManyAttempts as refused:
            return too_many_attempts(refused, "auth/signup.html", form=form)
        except AccountError as error:
            show_field_errors(form, error)
        else:
            login_user(membership.user)
            switch_organization(membership)
            flash(f"Welcome to Nudge, {membership.user.name}! Let's get {membership.organization.name} set up. "
                  f"We emailed {membership.user.email} a link to verify your address.", "success")
            return redirect(url_for("main.dashboard"))
    return render_template("auth/signup.html", form=form), form_status(form)


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(safe_next(url_for("main.dashboard")))
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = throttle.authenticate(form.email.data, form.password.data)
        except throttle.TooManyAttempts as refused:
            return too_many_attempts(refused, "auth/login.html", form=form)
        if user is not None:
            login_user(user, remember=form.remember.data)
            return redirect(safe_next(url_for("main.dashboard")))
        form.password.errors.append("That email and password don't match an account.")
    return render_template("auth/login.html", form=form), form_status(form)


@bp.post("/logout")
def logout():
    """Ends every session of the user, here and on their other devices, and their remember-me cookie."""
    if current_user.is_authenticated:
        operations.end_sessions(current_user)
    logout_user()
    flash("You have been logged out.", "info")
    return redirect(url_for("auth.login"))


RESETS_PER_ADDRESS = "5/hour"


def _reset_address():
    return "forgot-password:" + operations.normalize_email(request.form.get("email"))


@bp.route("/forgot-password", methods=["GET", "POST"])
@limiter.limit(RESETS_PER_ADDRESS, key_func=_reset_address, methods=["POST"])  # no mailbox flooded with resets
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        after_commit(email_password_reset, form.email.data)  # queued for any address: the answer doesn't tell
        return render_template("auth/reset_sent.html", email=operations.normalize_email(form.email.data),
                               minutes=int(RESET_LIFETIME.total_seconds() // 60))
    return render_template("auth/forgot_password.html", form=form), form_status(form)


@bp.route("/reset-password/<token>", methods=["GET", "POST"])
@token_in_url
def reset_password(token):
    from nudgeweb.auth.links import user_for_reset_token

    if user_for_reset_token(token) is None:
        return render_template("auth/reset_gone.html"), 410
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            operations.reset_password(token, form.password.data)
        except AccountError as error:
            show_field_errors(form, error, fallback=form.password)
        else:
            logout_user()
            flash("Your password is changed, and every device that was logged in is logged out. "
                  "Log in with your new password.", "success")
            return redirect(url_for("auth.login"), 303)
    return render_template("auth/reset_password.html", form=form), form_status(form)


@bp.get("/verify-email/<token>")
@token_in_url
def verify_email(token):
    user = operations.verify_email(token)
    if user is None:
        flash("This verification link has expired or is not right. Log in and ask for a new one "
              "from the dashboard.", "error")
    else:
        flash(f"Thank you: {user.email} is verified. Nudge can now send to your customers.", "success")
    return redirect(url_for("main.dashboard") if current_user.is_authenticated else url_for("auth.login"), 303)


@bp.route("/invitations/<token>", methods=["GET", "POST"])
@token_in_url
def invitation(token):
    try:
        invitation = invitations.invitation_for_token(token)
    except invitations.InvitationGone as gone:
        return render_template("auth/invitation_gone.html", reason=str(gone)), 410
    if invitation is None:
        return render_template("auth/invitation_gone.html", reason="unknown"), 404
    form = JoinForm() if current_user.is_authenticated else NewMemberForm()
    if form.validate_on_submit():
        try:
            throttle.invitation_attempt()
        except throttle.TooManyAttempts as refused:
            return too_many_attempts(refused, "auth/invitation.html", invitation=invitation, form=form,
                                     has_account=find_user(invitation.email) is not None)
        try:
            membership = (invitations.accept(invitation, current_user._get_current_object())
                          if current_user.is_authenticated else
                          invitations.accept_with_new_account(invitation, form.name.data, form.password.data))
        except AccountError as error:
            show_field_errors(form, error)
            return _invitation_page(invitation, form, INVALID_FORM)
        except invitations.InvitationGone as gone:  # used by another request meanwhile
            return render_template("auth/invitation_gone.html", reason=str(gone)), 410
        login_user(membership.user)
        switch_organization(membership)
        flash(f"Welcome to {membership.organization.name}, {membership.user.name}!", "success")
        return redirect(url_for("main.dashboard"), 303)
    return _invitation_page(invitation, form, form_status(form))


def _invitation_page(invitation, form, status):
    return render_template("auth/invitation.html", invitation=invitation, form=form,
                           has_account=find_user(invitation.email) is not None), status
